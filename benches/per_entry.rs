//! Cost per entry from 10² to 10⁵ entries, stage by stage (read and check, layout, SVG): a
//! quadratic step shows as a per-entry cost that grows with n. Run: `cargo bench --bench
//! per_entry` (optimised build; `SIZES=10000,100000` for some sizes only). Each size is run
//! three times and the median is printed.

use pmchart::model::{InputFormat, SourceText};
use pmchart::pipeline::{self, ChartFormat, Options};
use pmchart::render::{self, RenderOptions};
use std::time::{Duration, Instant};

/// A JSON incident of `n` entries, one every 30 seconds, with the kinds of a real timeline.
/// Every entry's step number is one no earlier run used (`first` counts on across runs and
/// sizes), so no run finds its lines or numbers already shaped by the one before: each size is
/// measured as a fresh chart is drawn. (Numbers shared between runs once made sizes up to the
/// word cache's capacity look cheaper per entry than larger ones.)
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

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let opts = RenderOptions::default();
    println!(
        "entries | read+check: total, per entry | layout: total, per entry | SVG: total, per entry"
    );
    // SIZES=100000 (comma-separated) measures only those sizes, e.g. to profile one.
    let sizes: Vec<usize> = std::env::var("SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000, 100_000]);
    let mut first = 0;
    for n in sizes {
        let (mut read, mut layout, mut svg) = (Vec::new(), Vec::new(), Vec::new());
        for run in 0..3 {
            let source = SourceText {
                path: None,
                text: incident(n, run, first),
                format: InputFormat::Json,
            };
            first += n;
            let t = Instant::now();
            let checked = pipeline::check_source(source, &Options::default());
            read.push(t.elapsed());
            let incident = checked.incident.expect("the incident reads");
            let t = Instant::now();
            let scene = render::layout(&incident, &opts);
            layout.push(t.elapsed());
            let t = Instant::now();
            let bytes = pipeline::draw_scene(&scene, ChartFormat::Svg, &opts).expect("SVG");
            svg.push(t.elapsed());
            std::hint::black_box(bytes);
        }
        let per = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
        let (r, l, s) = (median(read), median(layout), median(svg));
        println!(
            "{n:>7} | {:>9.1} ms, {:>6.1} µs | {:>9.1} ms, {:>6.1} µs | {:>9.1} ms, {:>6.1} µs",
            r.as_secs_f64() * 1e3,
            per(r),
            l.as_secs_f64() * 1e3,
            per(l),
            s.as_secs_f64() * 1e3,
            per(s)
        );
    }
}
