//! Cost per entry from 10² to 10⁵ entries, stage by stage (read and check, layout, SVG): a
//! quadratic step shows as a per-entry cost that grows with n. Run: `cargo bench --bench
//! per_entry` (optimised build; `SIZES=10000,100000` for some sizes only, `ROUNDS=9` for more
//! rounds than five). Each chart is drawn in a new process, the sizes taking turns within each
//! round; the fastest and the median round are printed.

use pmchart::model::{InputFormat, SourceText};
use pmchart::pipeline::{self, ChartFormat, Options};
use pmchart::render::{self, RenderOptions};
use std::time::Instant;

/// A JSON incident of `n` entries, one every 30 seconds, with the kinds of a real timeline.
/// Entry `i` has step number `first + i`; `run` says which round it is drawn in.
fn incident(n: usize, run: usize, first: usize) -> String {
    let kinds = [
        "action",
        "action",
        "escalate",
        "misleading",
        "action",
        "mitigate",
    ];
    let events: Vec<String> = (0..n)
        .map(|i| {
            let secs = i as i64 * 30;
            let step = first + i;
            let t = chrono::DateTime::from_timestamp(1_717_570_800 + secs, 0)
                .expect("in range")
                .to_rfc3339();
            let kind = match i {
                0 => "detect",
                _ if i == n - 1 => "resolve",
                _ => kinds[i % kinds.len()],
            };
            format!(
                r#"{{"time":"{t}","kind":"{kind}","text":"Run {run} step {step}: restarted the worker pool and checked the queue depth","actor":"DB team"}}"#
            )
        })
        .collect();
    format!("{{\"events\":[\n{}\n]}}", events.join(",\n"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

/// Set in a child process: the size it measures and the round (for the entries' words).
const CHILD: &str = "PMCHART_PER_ENTRY_CHILD";

/// Reads, lays out and draws one incident of `n` entries in this process and prints the three
/// costs in µs per entry. A chart of ten entries is drawn first, so that what a process does
/// once (parsing the faces, building shaping plans) is not counted per entry.
fn child(n: usize, round: usize) {
    let opts = RenderOptions::default();
    let chart = |text: String| {
        let source = SourceText {
            path: None,
            text,
            format: InputFormat::Json,
        };
        let per = |t: Instant| t.elapsed().as_secs_f64() * 1e6 / n as f64;
        let t = Instant::now();
        let checked = pipeline::check_source(source, &Options::default());
        let read = per(t);
        let incident = checked.incident.expect("the incident reads");
        let t = Instant::now();
        let scene = render::layout(&incident, &opts);
        let layout = per(t);
        let t = Instant::now();
        let bytes = pipeline::draw_scene(&scene, ChartFormat::Svg, &opts).expect("SVG");
        let svg = per(t);
        std::hint::black_box(bytes);
        (read, layout, svg)
    };
    // The warm-up's step numbers are past any the measured incident uses.
    chart(incident(10, round, n));
    let (read, layout, svg) = chart(incident(n, round, 0));
    println!("{read} {layout} {svg}");
}

/// One size's measurements, in µs per entry: reading and checks, layout, SVG.
#[derive(Default)]
struct PerEntry {
    read: Vec<f64>,
    layout: Vec<f64>,
    svg: Vec<f64>,
}

fn main() {
    if let Ok(v) = std::env::var(CHILD) {
        let mut parts = v
            .split(',')
            .map(|p| p.parse::<usize>().expect("size,round"));
        let (n, round) = (parts.next().expect("size"), parts.next().expect("round"));
        return child(n, round);
    }
    // SIZES=100000 (comma-separated) measures only those sizes, e.g. to profile one.
    let sizes: Vec<usize> = std::env::var("SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000, 100_000]);
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    // Every chart is drawn in a process of its own, as `pmchart render` draws it: with a fresh
    // heap and empty caches. Run one after another in one process, a size's chart found the
    // memory and the cache entries a larger one had left, and the SVG of 1,000 entries cost
    // half as much per entry as that of 10,000, which no user would see. The sizes take turns,
    // round after round, so that a change of load on a shared machine falls on every size alike.
    let exe = std::env::current_exe().expect("the bench knows its own path");
    let mut measured: Vec<PerEntry> = sizes.iter().map(|_| PerEntry::default()).collect();
    for round in 0..rounds {
        for (&n, m) in sizes.iter().zip(&mut measured) {
            let out = std::process::Command::new(&exe)
                .env(CHILD, format!("{n},{round}"))
                .output()
                .expect("the bench runs itself");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let line = String::from_utf8_lossy(&out.stdout);
            let costs: Vec<f64> = line
                .split_whitespace()
                .map(|c| c.parse().expect("a cost"))
                .collect();
            m.read.push(costs[0]);
            m.layout.push(costs[1]);
            m.svg.push(costs[2]);
        }
    }
    println!("µs per entry, fastest and median of {rounds} rounds (each chart in a new process)");
    println!("entries | read+check: min, median | layout: min, median | SVG: min, median");
    for (n, m) in sizes.iter().zip(measured) {
        println!(
            "{n:>7} | {:>6.2}, {:>6.2} | {:>6.2}, {:>6.2} | {:>6.2}, {:>6.2}",
            min(&m.read),
            median(m.read.clone()),
            min(&m.layout),
            median(m.layout.clone()),
            min(&m.svg),
            median(m.svg.clone()),
        );
    }
}
