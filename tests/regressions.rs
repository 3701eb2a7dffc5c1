//! Inputs that once crashed pmchart (found by the fuzz targets in `fuzz/`, or by hand), kept so
//! they never do again. Each file in `tests/regressions/` goes the whole way a user's file goes:
//! decode → read → check → report in every format → SVG. `.json` files are read as JSON,
//! everything else as Markdown.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

use pmchart::model::InputFormat;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Generous for a debug build; the fuzz targets allow 10 s optimised.
const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn every_kept_input_goes_through_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/regressions exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    assert!(
        !entries.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    for path in entries {
        let bytes = std::fs::read(&path).unwrap();
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("json") => InputFormat::Json,
            _ => InputFormat::Markdown,
        };
        let name = path.display().to_string();
        // On its own thread, so that a hang fails the test instead of stalling it.
        let (done, finished) = mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(|| common::run(&bytes, format));
            let _ = done.send(outcome.is_ok());
        });
        match finished.recv_timeout(LIMIT) {
            Ok(true) => {}
            Ok(false) => panic!("{name} panicked"),
            Err(_) => panic!("{name} took longer than {LIMIT:?}"),
        }
    }
}
