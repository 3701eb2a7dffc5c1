//! The Markdown reader against the hand-labelled corpus of real postmortems
//! (`../shared/corpus/postmortems/*.md`, labels in `../shared/corpus/labels/*.json`).
//!
//! Per file: exact match of the set of (line, wall clock, end); over all files: event precision and
//! recall, date and zone accuracy on matched events. Fails under 98% exact files, under 98% dates
//! right, on a panic, when a file that reads exactly today regresses ([`KNOWN_INEXACT`] lists
//! the others), and when the corpus is missing.

use pmchart::input::{markdown, ReadOptions};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Zone spelling compared loosely: case and spaces do not matter.
fn norm_zone(z: Option<&str>) -> Option<String> {
    z.map(|z| {
        z.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase()
    })
}

type Key = (usize, String, Option<String>);

/// The files not read exactly today, each with why. Every other file must stay exact; a listed
/// file that becomes exact must be taken off the list, so the list only shrinks.
const KNOWN_INEXACT: &[(&str, &str)] = &[];

/// A wall clock as the labels write it: seconds only when written, so `07:33:00` is `07:33`.
fn clock(s: &str) -> String {
    s.strip_suffix(":00")
        .filter(|c| c.len() == 5)
        .unwrap_or(s)
        .to_string()
}

#[test]
fn corpus_timelines_match_the_labels() {
    let dir = corpus();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir.join("postmortems")) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect(),
        Err(e) => panic!(
            "the corpus is missing at {} ({e}): clone the project beside its `shared/` folder",
            dir.display()
        ),
    };
    files.sort();
    assert!(!files.is_empty(), "no postmortems in the corpus");
    let (mut exact, mut total) = (0usize, 0usize);
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let (mut date_ok, mut zone_ok, mut matched) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    let (mut summary_ok, mut summary_total) = (0usize, 0usize);
    let mut text_ok = 0usize;
    let mut regressions: Vec<String> = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let label_path = dir
            .join("labels")
            .join(name.trim_end_matches(".md").to_string() + ".json");
        let label_text = std::fs::read_to_string(&label_path)
            .unwrap_or_else(|e| panic!("no label for {name} at {}: {e}", label_path.display()));
        let label: Value = serde_json::from_str(&label_text).expect("label JSON");
        let text = std::fs::read_to_string(path).expect("read postmortem");
        let result = std::panic::catch_unwind(|| markdown::read(&text, &ReadOptions::default()));
        let Ok(result) = result else {
            panic!("the reader panicked on {name}");
        };
        total += 1;
        // The summary's outage start and end (reported, not a pass condition).
        if let Ok(p) = &result {
            for side in ["start", "end"] {
                let want = label["summary"][side]["time"].as_str().map(str::to_string);
                let stamp = match side {
                    "start" => p.incident.impact.start.as_ref(),
                    _ => p.incident.impact.end.as_ref(),
                };
                let got = stamp.map(|s| s.time.wall_clock());
                summary_total += 1;
                if got == want {
                    summary_ok += 1;
                }
            }
        }
        let events = result.map(|p| p.incident.events).unwrap_or_default();
        // CRLF line endings and a BOM change nothing.
        let crlf = format!(
            "\u{feff}{}",
            text.replace("\r\n", "\n").replace('\n', "\r\n")
        );
        let again = markdown::read(&crlf, &ReadOptions::default())
            .map(|p| p.incident.events)
            .unwrap_or_default();
        let keys = |ev: &[pmchart::Event]| -> Vec<(usize, String)> {
            ev.iter()
                .map(|e| (e.span.map(|s| s.line).unwrap_or(0), e.wall_clock()))
                .collect()
        };
        assert_eq!(
            keys(&events),
            keys(&again),
            "{name} read differently with CRLF and a BOM"
        );
        // Old Mac line endings (a lone CR) are lines too, numbered the same way.
        let cr = text.replace("\r\n", "\n").replace('\n', "\r");
        let cr_events = std::panic::catch_unwind(|| {
            markdown::read(&cr, &ReadOptions::default())
                .map(|p| p.incident.events)
                .unwrap_or_default()
        })
        .unwrap_or_else(|_| panic!("the reader panicked on {name} with CR line endings"));
        assert_eq!(
            keys(&events),
            keys(&cr_events),
            "{name} read differently with CR line endings"
        );
        let got: BTreeSet<Key> = events
            .iter()
            .map(|e| {
                (
                    e.span.map(|s| s.line).unwrap_or(0),
                    clock(&e.wall_clock()),
                    e.end.as_ref().map(|t| clock(&t.wall_clock())),
                )
            })
            .collect();
        let empty = vec![];
        let want_events = label["events"].as_array().unwrap_or(&empty);
        let want: BTreeSet<Key> = want_events
            .iter()
            .map(|e| {
                (
                    e["line"].as_u64().unwrap_or(0) as usize,
                    clock(e["time"].as_str().unwrap_or("")),
                    e["end"].as_str().map(clock),
                )
            })
            .collect();
        let hit = got.intersection(&want).count();
        tp += hit;
        fp += got.len() - hit;
        fneg += want.len() - hit;
        let mut file_report = Vec::new();
        let known = KNOWN_INEXACT.iter().any(|(f, _)| *f == name);
        if got == want {
            exact += 1;
            if known {
                regressions.push(format!(
                    "{name} now reads exactly: take it off KNOWN_INEXACT"
                ));
            }
        } else {
            if !known {
                regressions.push(format!("{name} no longer reads exactly"));
            }
            for k in want.difference(&got) {
                file_report.push(format!("  missing {k:?}"));
            }
            for k in got.difference(&want) {
                file_report.push(format!("  extra   {k:?}"));
            }
        }
        // Dates and zones of matched events.
        for w in want_events {
            let key: Key = (
                w["line"].as_u64().unwrap_or(0) as usize,
                clock(w["time"].as_str().unwrap_or("")),
                w["end"].as_str().map(clock),
            );
            let Some(e) = events.iter().find(|e| {
                (
                    e.span.map(|s| s.line).unwrap_or(0),
                    clock(&e.wall_clock()),
                    e.end.as_ref().map(|t| clock(&t.wall_clock())),
                ) == key
            }) else {
                continue;
            };
            matched += 1;
            let got_date = e.time.date().map(|d| d.format("%Y-%m-%d").to_string());
            let want_date = w["date"].as_str().map(str::to_string);
            if got_date == want_date {
                date_ok += 1;
            } else {
                file_report.push(format!(
                    "  date    line {}: got {got_date:?}, want {want_date:?}",
                    key.0
                ));
            }
            // Text: the start of the description, compared without punctuation or case.
            let norm = |t: &str| -> String {
                t.chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            ' '
                        }
                    })
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .take(25)
                    .collect()
            };
            if norm(&e.text) == norm(w["text"].as_str().unwrap_or("")) {
                text_ok += 1;
            }
            let (gz, wz) = (norm_zone(e.zone.as_deref()), norm_zone(w["tz"].as_str()));
            if gz == wz {
                zone_ok += 1;
            } else {
                file_report.push(format!("  zone    line {}: got {gz:?}, want {wz:?}", key.0));
            }
        }
        if !file_report.is_empty() {
            report.push_str(&format!("{name}\n"));
            // Keep the report readable: the first few problems of each file.
            for r in file_report.iter().take(8) {
                report.push_str(r);
                report.push('\n');
            }
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let exact_pct = pct(exact, total);
    println!("{report}");
    println!(
        "corpus: {exact}/{total} files exact ({exact_pct:.1}%), precision {:.1}%, recall {:.1}%, dates {:.1}%, zones {:.1}% ({matched} matched events), texts {:.1}%, summary start/end times {:.1}%",
        pct(tp, tp + fp),
        pct(tp, tp + fneg),
        pct(date_ok, matched),
        pct(zone_ok, matched),
        pct(text_ok, matched),
        pct(summary_ok, summary_total),
    );
    assert!(
        regressions.is_empty(),
        "per-file results changed:\n{}",
        regressions.join("\n")
    );
    assert!(
        exact_pct >= 98.0,
        "only {exact_pct:.1}% of corpus files read exactly (need 98%)"
    );
    let dates_pct = pct(date_ok, matched);
    assert!(
        dates_pct >= 98.0,
        "dates right on only {dates_pct:.1}% of matched entries (need 98%)"
    );
    assert!(
        total >= 152,
        "the corpus has 152 labelled postmortems, found {total}"
    );
}
