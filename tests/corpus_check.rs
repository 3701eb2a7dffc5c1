//! `check` over the real corpus of human-written postmortems (`../shared/corpus`): never a panic,
//! every diagnostic on a line of its file, and the real mistakes found where a person finds them.

use pmchart::input::{decode, read_text, ReadOptions, SourceText};
use pmchart::model::InputFormat;
use pmchart::report::{emit, DiagnosticFormat};
use pmchart::validate::{check, CheckOptions};
use pmchart::Diagnostic;
use std::path::{Path, PathBuf};

/// The corpus; its absence fails the tests rather than skipping them.
fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/postmortems");
    assert!(
        dir.is_dir(),
        "the corpus is missing at {}: clone the project beside its `shared/` folder",
        dir.display()
    );
    dir
}

/// Reader and check diagnostics for one corpus file; `None` when the reader found no timeline.
fn diagnose(name: &str) -> Option<Vec<Diagnostic>> {
    let path = corpus().join(name);
    let text = decode(&std::fs::read(&path).unwrap()).unwrap();
    let parsed = read_text(
        &text,
        InputFormat::Markdown,
        Some(&path),
        &ReadOptions::default(),
    )
    .ok()?;
    let mut d = parsed.diagnostics;
    d.extend(check(&parsed.incident, &CheckOptions::default()));
    Some(d)
}

#[test]
fn every_corpus_file_is_checked_without_a_panic_and_on_its_own_lines() {
    let dir = corpus();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 50);
    for path in files {
        let text = decode(&std::fs::read(&path).unwrap()).unwrap();
        let lines = text.split('\n').count();
        let diags = match read_text(
            &text,
            InputFormat::Markdown,
            Some(&path),
            &ReadOptions::default(),
        ) {
            Ok(p) => {
                let mut d = p.diagnostics;
                d.extend(check(&p.incident, &CheckOptions::default()));
                d
            }
            Err(f) => f.diagnostics,
        };
        for d in &diags {
            if let Some(s) = d.span {
                assert!(
                    (1..=lines).contains(&s.line) && s.end_line >= s.line && s.end_line <= lines,
                    "{}: {} on line {} of {lines}",
                    path.display(),
                    d.code,
                    s.line
                );
            }
        }
        let source = SourceText {
            path: Some(path.clone()),
            text,
            format: InputFormat::Markdown,
        };
        for format in [
            DiagnosticFormat::Human,
            DiagnosticFormat::Json,
            DiagnosticFormat::Github,
        ] {
            emit(&diags, &source, format, false, &mut std::io::sink()).unwrap();
        }
    }
}

fn find<'a>(diags: &'a [Diagnostic], code: &str, line: usize) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.code == code && d.line() == Some(line))
        .unwrap_or_else(|| panic!("no {code} on line {line} in {diags:#?}"))
}

// The real mistakes below were found by reading the files.

#[test]
fn twelve_thirty_am_after_eleven_fifty_five_am_is_an_am_pm_slip() {
    // "- 11:55 AM : DNS ... updated." then "- 12:30 AM : Service is fully restored."
    let d = diagnose("faroukbmiled__holbertonschool-system_engineering-devops.md")
        .expect("the reader finds its timeline");
    let d101 = find(&d, "PM105", 17);
    assert!(d101
        .help
        .as_deref()
        .unwrap()
        .contains("did you mean 12:30 PM"));
    // The summary's "From ~11 AM to 12:30 AM" has the same slip.
    let d404 = find(&d, "PM404", 5);
    assert!(d404
        .help
        .as_deref()
        .unwrap()
        .contains("did you mean 12:30 PM"));
}

#[test]
fn two_thirty_after_two_thirty_five_is_out_of_order() {
    let d = diagnose("EskiasYilma__alx-system_engineering-devops.md")
        .expect("the reader finds its timeline");
    find(&d, "PM101", 13);
}

#[test]
fn a_summary_ending_four_days_after_the_timeline_is_reported() {
    // "End Time: 2024-08-15, 02:30 PM" while the timeline resolves at 02:30 PM on the 11th.
    let d = diagnose("1r2o3b4e5l__alx-system_engineering-devops.md")
        .expect("the reader finds its timeline");
    assert!(find(&d, "PM402", 4).message.contains("4 days after"));
}

#[test]
fn a_stated_duration_the_timeline_contradicts_is_reported() {
    // "lasted for 37 minutes"; the table runs from 10:00 to 10:22.
    let d = diagnose("Amas5amaso__alx-system_engineering-devops.md")
        .expect("the reader finds its timeline");
    assert!(find(&d, "PM403", 10).message.contains("22 min"));
}
