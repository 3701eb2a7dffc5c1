//! Batch benchmark: the corpus postmortems replicated to 1,000 READMEs in a temporary directory,
//! each read, rendered to SVG and to PNG, and written beside it, through the batch API (directory
//! expansion, parallel workers, ordered output) as `pmchart render` runs it.
//!
//! Run: `cargo bench --bench batch` (optimised build). Target: 1,000 files in at most 10 s on a
//! 2-core machine. `PMCHART_BENCH_FILES=200` changes the count; `PMCHART_BENCH_CORPUS=dir` the
//! source of postmortems (default `../shared/corpus/postmortems`); `PMCHART_BENCH_FORMATS=svg`
//! (or `png`) renders one format only.

use pmchart::batch::{self, BatchOptions, FileOutcome, Select};
use pmchart::pipeline::{self, ChartFormat};
use pmchart::render::RenderOptions;
use pmchart::report::DiagnosticFormat;
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

    let started = Instant::now();
    let files = batch::expand(&[dir.path().to_path_buf()], Select::Inputs).expect("expand");
    let expanded = started.elapsed();
    assert_eq!(files.len(), count);
    let opts = RenderOptions::default();
    let formats = std::env::var("PMCHART_BENCH_FORMATS").unwrap_or_else(|_| "svg,png".into());
    let (want_svg, want_png) = (formats.contains("svg"), formats.contains("png"));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let summary = batch::run_batch_to(
        &files,
        &BatchOptions {
            summary: Some(false),
            ..BatchOptions::default()
        },
        false,
        |path| render_one(path, &opts, want_svg, want_png),
        &mut out,
        &mut err,
    );
    let total = started.elapsed();

    let read_failures = summary.failed;
    println!(
        "batch: {count} READMEs ({} corpus postmortems replicated), {} charts written ({formats}), {} files failed",
        texts.len(),
        summary.charts_written,
        read_failures
    );
    println!(
        "batch: {:.2} s total ({:.3} s expanding the directory), {:.2} ms per file, {} threads",
        total.as_secs_f64(),
        expanded.as_secs_f64(),
        total.as_secs_f64() * 1000.0 / count as f64,
        rayon::current_num_threads()
    );
    let target = 10.0 * count as f64 / 1000.0;
    println!(
        "batch: target {target:.1} s for {count} files: {}",
        if total.as_secs_f64() <= target {
            "met"
        } else {
            "MISSED"
        }
    );
    if read_failures * 2 > count {
        println!(
            "batch: most files failed to read or render; the time is not meaningful (first errors below)"
        );
        let err = String::from_utf8_lossy(&err);
        for line in err.lines().take(6) {
            println!("  {line}");
        }
    }
}

/// What `pmchart render` does for one file, through the same library calls: read and check
/// (the pipeline), render light SVG and PNG, write them beside it.
fn render_one(path: &Path, opts: &RenderOptions, want_svg: bool, want_png: bool) -> FileOutcome {
    let mut o = FileOutcome::default();
    let checks = pipeline::Options {
        checks: pmchart::validate::CheckOptions { template: false },
        ..Default::default()
    };
    let checked = match pipeline::check_path(path, &checks) {
        Ok(c) => c,
        Err(u) => {
            o.say(format!("error: {u}"));
            o.fail(batch::EXIT_USAGE);
            return o;
        }
    };
    o.emit(
        &checked.diagnostics,
        &checked.source,
        DiagnosticFormat::Human,
        false,
    );
    let Some(incident) = &checked.incident else {
        o.fail(batch::EXIT_ERRORS);
        return o;
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    if want_svg {
        let svg = pipeline::draw(incident, ChartFormat::Svg, opts).expect("SVG has no limit");
        if std::fs::write(dir.join("timeline.svg"), svg).is_ok() {
            o.charts_written += 1;
        }
    }
    if !want_png {
        return o;
    }
    match pipeline::draw(incident, ChartFormat::Png, opts) {
        Ok(png) => {
            if std::fs::write(dir.join("timeline.png"), png).is_ok() {
                o.charts_written += 1;
            }
        }
        Err(e) => {
            o.say(format!("error: {}: {e}", path.display()));
            o.fail(batch::EXIT_USAGE);
        }
    }
    o
}
