//! Batch benchmark: the corpus postmortems replicated to 1,000 READMEs in a temporary directory,
//! each read, checked, rendered to SVG and to PNG, and written beside it: first by the release
//! binary (`pmchart render DIR`, what a user runs), then in process through the same library
//! calls for comparison.
//!
//! Run: `cargo bench --bench batch` (optimised build). Target: 1,000 files in at most 10 s on a
//! 2-core machine. `PMCHART_BENCH_FILES=200` changes the count; `PMCHART_BENCH_CORPUS=dir` the
//! source of postmortems (default `../shared/corpus/postmortems`); `PMCHART_BENCH_FORMATS=svg`
//! (or `png`) renders one format only.

use pmchart::batch::{self, Select};
use pmchart::pipeline::{self, ChartFormat};
use pmchart::render::RenderOptions;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let count: usize = std::env::var("PMCHART_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let corpus = std::env::var_os("PMCHART_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/postmortems")
        });
    let mut sources: Vec<PathBuf> = match std::fs::read_dir(&corpus) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect(),
        Err(e) => {
            eprintln!(
                "batch bench: no corpus at {}: {e}; skipped",
                corpus.display()
            );
            return;
        }
    };
    sources.sort();
    if sources.is_empty() {
        eprintln!("batch bench: no .md files in {}; skipped", corpus.display());
        return;
    }
    let all: Vec<String> = sources
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("corpus file is UTF-8"))
        .collect();
    // Replicate the postmortems that have a timeline: the others stop at PM010 and render nothing.
    let texts: Vec<String> = all
        .iter()
        .filter(|t| {
            pmchart::input::read_text(
                t,
                pmchart::model::InputFormat::Markdown,
                None,
                &pmchart::input::ReadOptions::default(),
            )
            .is_ok()
        })
        .cloned()
        .collect();
    let texts = if texts.is_empty() {
        println!(
            "batch: no corpus postmortem reads yet (Markdown reader missing?); using all of them"
        );
        all
    } else {
        texts
    };

    let dir = tempfile::tempdir().expect("temporary directory");
    for i in 0..count {
        let sub = dir.path().join(format!("pm{i:04}"));
        std::fs::create_dir(&sub).expect("create directory");
        std::fs::write(sub.join("README.md"), &texts[i % texts.len()]).expect("write README");
    }

    // What the user runs: the release binary over the directory, one process per format, with
    // validation, the summary and the writes.
    let formats = std::env::var("PMCHART_BENCH_FORMATS").unwrap_or_else(|_| "svg,png".into());
    let target = 10.0 * count as f64 / 1000.0;
    let mut cli_total = 0.0;
    for format in ["svg", "png"].into_iter().filter(|f| formats.contains(f)) {
        let started = Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pmchart"))
            .args(["render", "--format", format, "--quiet", "--force"])
            .arg(dir.path())
            .output()
            .expect("pmchart runs");
        let took = started.elapsed().as_secs_f64();
        cli_total += took;
        println!(
            "batch (CLI): pmchart render --format {format}: {count} READMEs in {took:.2} s, {:.2} ms per file, exit {:?}",
            took * 1000.0 / count as f64,
            out.status.code()
        );
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            for line in err.lines().take(4) {
                println!("  {line}");
            }
        }
    }
    println!(
        "batch (CLI): target {target:.1} s for {count} files, SVG and PNG: {} ({cli_total:.2} s)",
        if cli_total <= target { "met" } else { "MISSED" }
    );

    // The same work in process through the library calls the CLI uses, for comparison.
    let started = Instant::now();
    let files = batch::expand(&[dir.path().to_path_buf()], Select::Inputs).expect("expand");
    let expanded = started.elapsed();
    assert_eq!(files.len(), count);
    let opts = RenderOptions::default();
    let (want_svg, want_png) = (formats.contains("svg"), formats.contains("png"));
    let outcomes: Vec<(usize, bool)> = files
        .par_iter()
        .map(|path| render_one(path, &opts, want_svg, want_png))
        .collect();
    let total = started.elapsed();
    let written: usize = outcomes.iter().map(|o| o.0).sum();
    let failed = outcomes.iter().filter(|o| !o.1).count();
    println!(
        "batch (library): {count} READMEs ({} corpus postmortems replicated), {written} charts written ({formats}), {failed} files failed",
        texts.len(),
    );
    println!(
        "batch (library): {:.2} s total ({:.3} s expanding the directory), {:.2} ms per file, {} threads",
        total.as_secs_f64(),
        expanded.as_secs_f64(),
        total.as_secs_f64() * 1000.0 / count as f64,
        rayon::current_num_threads()
    );
}

/// What `pmchart render` does for one file, through the same library calls: read and check
/// (the pipeline), render light SVG and PNG, write them beside it. The charts written, and
/// whether the file read.
fn render_one(path: &Path, opts: &RenderOptions, want_svg: bool, want_png: bool) -> (usize, bool) {
    let checks = pipeline::Options {
        checks: pmchart::validate::CheckOptions {
            template: pmchart::validate::Template::None,
        },
        ..Default::default()
    };
    let Some(incident) = pipeline::check_path(path, &checks)
        .ok()
        .and_then(|c| c.incident)
    else {
        return (0, false);
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut written = 0;
    for (want, format, name) in [
        (want_svg, ChartFormat::Svg, "timeline.svg"),
        (want_png, ChartFormat::Png, "timeline.png"),
    ] {
        if !want {
            continue;
        }
        if let Ok(bytes) = pipeline::draw(&incident, format, opts) {
            if pmchart::write::write_atomic(
                &dir.join(name),
                &bytes,
                false,
                pmchart::write::Owner::Generated,
            )
            .is_ok()
            {
                written += 1;
            }
        }
    }
    (written, true)
}
