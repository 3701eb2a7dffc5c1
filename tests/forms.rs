//! Entry forms as fixtures: each `tests/forms/NAME.md` is read by the Markdown reader and what it
//! read (where the timeline was found, the impact window, every entry's line, wall clock, end,
//! date, zone and text) must equal `NAME.expected.json`. Adding a form is a fixture plus a rule.
//!
//! `PMCHART_UPDATE_FORMS=1 cargo test --test forms` rewrites the expected files; read the diff.

use pmchart::input::{markdown, ReadOptions};
use pmchart::model::When;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms")
}

/// What the reader read, as the fixtures state it.
fn projection(text: &str) -> Value {
    let parsed = match markdown::read(text, &ReadOptions::default()) {
        Ok(p) => p,
        Err(f) => {
            let codes: Vec<&str> = f.diagnostics.iter().map(|d| d.code.id()).collect();
            return json!({ "error": codes });
        }
    };
    let inc = &parsed.incident;
    let stamp = |s: Option<&pmchart::model::Stamp>| {
        s.map(|s| {
            json!({
                "time": s.time.wall_clock(),
                "date": s.time.date().map(|d| d.format("%Y-%m-%d").to_string()),
            })
        })
    };
    json!({
        "found_by": inc.document.as_ref().and_then(|d| d.timeline.as_ref()).map(|t| t.found_by),
        "impact": {
            "start": stamp(inc.impact.start.as_ref()),
            "end": stamp(inc.impact.end.as_ref()),
            "stated_minutes": inc.impact.stated_duration.as_ref().map(|d| d.duration.num_minutes()),
        },
        "events": inc.events.iter().map(|e| json!({
            "line": e.span.map(|s| s.line),
            "time": e.wall_clock(),
            "end": e.end.as_ref().map(When::wall_clock),
            "date": e.time.date().map(|d| d.format("%Y-%m-%d").to_string()),
            "zone": e.zone,
            "text": e.text,
        })).collect::<Vec<_>>(),
    })
}

#[test]
fn every_form_reads_as_expected() {
    let update = std::env::var_os("PMCHART_UPDATE_FORMS").is_some();
    let mut names: Vec<PathBuf> = std::fs::read_dir(forms_dir())
        .expect("tests/forms exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "the form fixtures are missing");
    let mut failures = Vec::new();
    for md in names {
        let text = std::fs::read_to_string(&md).unwrap();
        let got = projection(&text);
        let expected_path = md.with_extension("expected.json");
        if update {
            let mut s = serde_json::to_string_pretty(&got).unwrap();
            s.push('\n');
            std::fs::write(&expected_path, s).unwrap();
            continue;
        }
        let want: Value = match std::fs::read_to_string(&expected_path) {
            Ok(s) => serde_json::from_str(&s).unwrap(),
            Err(_) => {
                failures.push(format!("{}: no expected file", md.display()));
                continue;
            }
        };
        if got != want {
            failures.push(format!(
                "{} read differently:\n got {}\nwant {}",
                md.display(),
                serde_json::to_string_pretty(&got).unwrap(),
                serde_json::to_string_pretty(&want).unwrap()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
