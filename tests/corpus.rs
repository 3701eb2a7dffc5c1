//! The Markdown reader against the hand-labelled corpus of real postmortems
//! (`../shared/corpus/postmortems/*.md`, labels in `../shared/corpus/labels/*.json`).
//!
//! Per file: exact match of the set of (line, wall clock, end); over all files: event precision and
//! recall, date and zone accuracy on matched events. Fails under 95% exact files or on a panic.

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

#[test]
fn corpus_timelines_match_the_labels() {
    let dir = corpus();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir.join("postmortems")) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect(),
        Err(_) => {
            eprintln!("corpus not found at {}; skipping", dir.display());
            return;
        }
    };
    files.sort();
    assert!(!files.is_empty(), "no postmortems in the corpus");
    let (mut exact, mut total) = (0usize, 0usize);
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let (mut date_ok, mut zone_ok, mut matched) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    let (mut summary_ok, mut summary_total) = (0usize, 0usize);
    let mut text_ok = 0usize;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let label_path = dir
            .join("labels")
            .join(name.trim_end_matches(".md").to_string() + ".json");
        let Ok(label_text) = std::fs::read_to_string(&label_path) else {
            continue;
        };
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
                let got = stamp.map(|s| pmchart::model::wall_clock(&s.time));
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
        let got: BTreeSet<Key> = events
            .iter()
            .map(|e| {
                (
                    e.span.map(|s| s.line).unwrap_or(0),
                    e.wall_clock(),
                    e.end.as_ref().map(pmchart::model::wall_clock),
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
                    e["time"].as_str().unwrap_or("").to_string(),
                    e["end"].as_str().map(str::to_string),
                )
            })
            .collect();
        let hit = got.intersection(&want).count();
        tp += hit;
        fp += got.len() - hit;
        fneg += want.len() - hit;
        let mut file_report = Vec::new();
        if got == want {
            exact += 1;
        } else {
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
                w["time"].as_str().unwrap_or("").to_string(),
                w["end"].as_str().map(str::to_string),
            );
            let Some(e) = events.iter().find(|e| {
                (
                    e.span.map(|s| s.line).unwrap_or(0),
                    e.wall_clock(),
                    e.end.as_ref().map(pmchart::model::wall_clock),
                ) == key
            }) else {
                continue;
            };
            matched += 1;
            let got_date = e.date_known.then(|| e.time.format("%Y-%m-%d").to_string());
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
        exact_pct >= 95.0,
        "only {exact_pct:.1}% of corpus files read exactly (need 95%)"
    );
}
