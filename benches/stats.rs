//! `pmchart stats` over the whole corpus, as a user runs it (the release binary, table to a
//! pipe, and the chart as PNG): median of 5 runs. Target: under a second on 2 cores.
//! Run: `cargo bench --bench stats`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/postmortems");
    let out = std::env::temp_dir().join("pmchart-bench-stats.png");
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let run = Command::new(env!("CARGO_BIN_EXE_pmchart"))
            .arg("stats")
            .arg(&corpus)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("pmchart runs");
        times.push(t.elapsed());
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    times.sort();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "stats over {}: median {:.3} s of 5 runs (target 1 s); {} cores, load {}",
        corpus.display(),
        times[2].as_secs_f64(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let _ = std::fs::remove_file(out);
}
