//! Embedding into READMEs as people write them, byte for byte; `--check`; and batches.
//!
//! The library tests build the incident from JSON, so they do not depend on the Markdown reader.
//! The end-to-end tests run the built binary on READMEs and need the Markdown reader.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

use pmchart::batch::{self, Select};
use pmchart::embed::{self, EmbedOptions, Placement, Stale};
use pmchart::input::{json, ReadOptions};
use pmchart::Incident;
use std::path::Path;
use std::process::Command;

const INCIDENT: &str = r#"{
  "title": "Checkout outage",
  "timezone": "UTC",
  "events": [
    {"time": "2024-06-05T14:30:00+00:00", "kind": "trigger", "text": "Deploy 42"},
    {"time": "2024-06-05T14:35:00+00:00", "kind": "detect", "text": "Alert fired"},
    {"time": "2024-06-05T14:50:00+00:00", "kind": "escalate", "text": "Paged DB team", "actor": "DB team"},
    {"time": "2024-06-05T17:00:00+00:00", "kind": "resolve", "text": "Rolled back"}
  ]
}"#;

fn incident() -> Incident {
    json::read(INCIDENT, &ReadOptions::default())
        .unwrap()
        .incident
}

/// `new` is `old` with bytes added at one place and nothing else changed.
fn assert_pure_insertion(old: &str, new: &str) -> usize {
    let changed = common::changed_region(old.as_bytes(), new.as_bytes());
    assert!(
        changed.is_empty(),
        "bytes of the original changed:\n--- old\n{old:?}\n--- new\n{new:?}"
    );
    changed.start
}

/// Outside the markers, `new` equals `old` byte for byte.
fn assert_same_outside_markers(old: &str, new: &str) {
    let a = embed::markers::find(old).unwrap().unwrap();
    let b = embed::markers::find(new).unwrap().unwrap();
    assert_eq!(old.as_bytes()[..a.begin.end], new.as_bytes()[..b.begin.end]);
    let old_end_line = old[..a.end.start].rfind('\n').unwrap() + 1;
    let new_end_line = new[..b.end.start].rfind('\n').unwrap() + 1;
    assert_eq!(
        old.as_bytes()[old_end_line..],
        new.as_bytes()[new_end_line..]
    );
}

fn embed_text(text: &str) -> (String, Placement) {
    embed::plan_text(text, &incident(), &EmbedOptions::default()).unwrap()
}

#[test]
fn crlf_readme_gets_a_crlf_block_and_keeps_every_other_byte() {
    let old = "# Outage\r\n\r\n## Timeline  \r\n\r\n- 14:30 deploy  \r\n- 17:00 fixed\r\n\r\n## Root cause\r\n\r\nA bad index.\r\n";
    let (new, placement) = embed_text(old);
    let at = assert_pure_insertion(old, &new);
    let added = &new[at..at + new.len() - old.len()];
    assert!(
        !added.replace("\r\n", "").contains('\n'),
        "bare LF in {added:?}"
    );
    assert!(added.contains("<!-- pmchart:begin -->\r\n<picture>\r\n"));
    assert!(new[at..].contains("<!-- pmchart:end -->\r\n\r\n## Root cause"));
    assert_eq!(placement.line(), 8);
    assert!(placement
        .describe()
        .contains("after the section \"Timeline\""));
}

#[test]
fn a_bom_and_a_missing_final_newline_stay() {
    let old = "\u{feff}# Outage\n\n## Timeline\n\n- 14:30 deploy\n- 17:00 fixed";
    let (new, _) = embed_text(old);
    assert_pure_insertion(old, &new);
    assert!(new.starts_with('\u{feff}'));
    assert!(new.ends_with("<!-- pmchart:end -->"), "{new:?}");
    // Embedding again only replaces between the markers: the same bytes.
    let (again, placement) = embed_text(&new);
    assert_eq!(again, new);
    assert!(matches!(placement, Placement::Replaced { .. }));
}

#[test]
fn existing_markers_are_updated_in_place_and_nothing_else_moves() {
    let old = "# Outage\n\n<!-- pmchart:begin -->\n<img src=\"old.png\">\n\nstale stuff\n<!-- pmchart:end -->\ntrailing   \n\n## Timeline\n- 14:30 x\n";
    let (new, placement) = embed_text(old);
    assert_same_outside_markers(old, &new);
    assert_eq!(placement, Placement::Replaced { line: 3 });
    assert!(!new.contains("stale stuff"));
    assert!(new.contains("alt=\"Incident timeline: Checkout outage. Impact from 2024-06-05 14:30 to 17:00 UTC (2 h 30 min). Detected at 14:35, 5 min after the start. Escalated at 14:50 to DB team. Resolved at 17:00. 4 entries.\""));
}

/// Markdown renders the user's lines after the block as before: the block's HTML does not swallow
/// a heading or a code fence written straight after the end marker.
#[test]
fn the_block_does_not_swallow_what_follows_the_end_marker() {
    use pulldown_cmark::{Event, Parser, Tag};
    let old = "## Timeline\n- 14:30 a\n<!-- pmchart:begin -->\n<!-- pmchart:end -->\n## Root cause\n```\ncode\n```\n";
    let (new, _) = embed_text(old);
    let headings = Parser::new(&new)
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    let code_blocks = Parser::new(&new)
        .filter(|e| matches!(e, Event::Start(Tag::CodeBlock(_))))
        .count();
    assert_eq!((headings, code_blocks), (2, 1), "{new}");
    let html: String = Parser::new(&new)
        .filter_map(|e| match e {
            Event::Html(h) => Some(h.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        html.contains("<picture>") && html.contains("</picture>"),
        "{html}"
    );
    assert!(!html.contains("Root cause"), "{html}");
}

#[test]
fn stale_or_broken_markers_are_refused_and_the_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    for (text, expect) in [
        ("## Timeline\n\n<!-- pmchart:begin -->\n- 14:30 x\n", "line 3"),
        ("<!-- pmchart:end -->\n## Timeline\n", "line 1"),
        (
            "<!-- pmchart:begin -->\n<!-- pmchart:end -->\n## Timeline\n<!-- pmchart:begin -->\n<!-- pmchart:end -->\n",
            "two pmchart blocks",
        ),
    ] {
        std::fs::write(&readme, text).unwrap();
        let e = embed::plan(&readme, text, &incident(), &EmbedOptions::default()).unwrap_err();
        assert!(e.to_string().contains(expect), "{e}");
        assert_eq!(std::fs::read_to_string(&readme).unwrap(), text);
        assert!(!dir.path().join("timeline.svg").exists());
    }
}

#[test]
fn two_timeline_sections_take_the_first() {
    let old = "## Timeline\n\n- 14:30 a\n\n## Timeline\n\n- 15:00 b\n";
    let (new, placement) = embed_text(old);
    let at = assert_pure_insertion(old, &new);
    assert_eq!(&old[at..], "## Timeline\n\n- 15:00 b\n");
    assert_eq!(placement.line(), 5);
}

#[test]
fn timeline_heading_spellings_and_at() {
    for heading in [
        "### Timeline (UTC)",
        "**Timeline**",
        "## 📅 Timeline",
        "## Chronology",
        "## Timeline of events",
    ] {
        let old = format!("# P\n\n{heading}\n\n- 14:30 a\n\n## Root cause\n\nx\n");
        let (new, _) = embed_text(&old);
        let at = assert_pure_insertion(&old, &new);
        assert_eq!(&old[at..], "## Root cause\n\nx\n", "{heading}");
    }
    let old = "# P\n\n## Impact\n\nusers\n\n## Timeline\n\n- 14:30 a\n";
    let opts = EmbedOptions {
        at: Some("Impact".into()),
        ..EmbedOptions::default()
    };
    let (new, placement) = embed::plan_text(old, &incident(), &opts).unwrap();
    assert_pure_insertion(old, &new);
    assert!(new.starts_with("# P\n\n## Impact\n\n<!-- pmchart:begin -->\n"));
    assert!(new.ends_with("<!-- pmchart:end -->\n\nusers\n\n## Timeline\n\n- 14:30 a\n"));
    assert!(placement
        .describe()
        .contains("under the heading \"Impact\""));
}

#[test]
fn a_failure_midway_leaves_the_original_readme() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let text = "# P\r\n\r\n## Timeline\r\n\r\n- 14:30 a\r\n";
    std::fs::write(&readme, text).unwrap();
    // The image path is taken by a directory: writing the dark image fails after the light one.
    std::fs::create_dir(dir.path().join("timeline-dark.svg")).unwrap();
    let plan = embed::plan(&readme, text, &incident(), &EmbedOptions::default()).unwrap();
    assert!(embed::apply(&plan).is_err());
    assert_eq!(std::fs::read(&readme).unwrap(), text.as_bytes());
    // No temporary files are left behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["README.md", "timeline-dark.svg", "timeline.svg"]);
}

#[test]
fn check_is_stale_after_a_timeline_change_and_clean_after_re_embedding() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let text = "# P\n\n## Timeline\n\n- 14:30 a\n";
    std::fs::write(&readme, text).unwrap();
    let opts = EmbedOptions::default();
    let plan = embed::plan(&readme, text, &incident(), &opts).unwrap();
    assert!(embed::stale(&plan).contains(&Stale::NoBlock));
    embed::apply(&plan).unwrap();
    let now = std::fs::read_to_string(&readme).unwrap();
    assert_eq!(
        embed::stale(&embed::plan(&readme, &now, &incident(), &opts).unwrap()),
        vec![]
    );

    let mut changed = incident();
    changed.events[3].time += chrono::Duration::minutes(30);
    let plan = embed::plan(&readme, &now, &changed, &opts).unwrap();
    let stale = embed::stale(&plan);
    assert!(stale.contains(&Stale::Block { line: 7 }), "{stale:?}");
    // --check writes nothing.
    assert_eq!(std::fs::read_to_string(&readme).unwrap(), now);

    embed::apply(&plan).unwrap();
    let after = std::fs::read_to_string(&readme).unwrap();
    assert_same_outside_markers(&now, &after);
    assert_eq!(
        embed::stale(&embed::plan(&readme, &after, &changed, &opts).unwrap()),
        vec![]
    );
}

/// A batch over JSON incidents, one of them broken: the others are rendered, the broken one
/// reports its diagnostic, the exit code is the worst.
#[test]
fn a_batch_with_one_broken_file_among_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..6 {
        let sub = dir.path().join(format!("pm{i}"));
        std::fs::create_dir(&sub).unwrap();
        let text = if i == 3 {
            "{\"events\": [{\"time\": \"not a time\", \"text\": \"x\"}]}".to_string()
        } else {
            INCIDENT.to_string()
        };
        std::fs::write(sub.join("incident.json"), text).unwrap();
    }
    let files = batch::expand(&[dir.path().to_path_buf()], Select::Inputs).unwrap();
    assert_eq!(files.len(), 6);
    let (code, _, err) = pmchart(dir.path(), &["render", "."]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[PM001]"), "{err}");
    assert!(err.contains("pm3"), "{err}");
    assert!(
        err.contains("6 files, 5 charts written, 0 warnings, 1 error (1 file failed)"),
        "{err}"
    );
    for i in [0, 1, 2, 4, 5] {
        assert!(dir.path().join(format!("pm{i}/incident.svg")).exists());
    }
    assert!(!dir.path().join("pm3/incident.svg").exists());
}

// ---- End to end: the built binary ----

fn pmchart(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn embed_refuses_json_and_reports_bad_paths() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("incident.json"), INCIDENT).unwrap();
    let (code, _, err) = pmchart(dir.path(), &["embed", "incident.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`incident.json` is JSON"), "{err}");
    let (code, _, err) = pmchart(dir.path(), &["embed", "missing/README.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read `missing/README.md`"), "{err}");
    let (code, _, err) = pmchart(dir.path(), &["embed", "**/README.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("no files match `**/README.md`"), "{err}");
}

const README: &str = "# Checkout outage\n\n## Summary\n\nFrom 14:30 to 17:00 UTC on 2024-06-05 checkout failed.\n\n## Timeline (UTC)\n\n- 2024-06-05 14:30 Deploy 42 went out\n- 2024-06-05 14:35 Alert fired, on-call paged\n- 2024-06-05 15:10 Escalated to the DB team\n- 2024-06-05 17:00 Rolled back, resolved\n\n## Root cause\n\nA missing index.\n";

#[test]
fn embed_then_check_then_change_then_check_again() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let crlf = README.replace('\n', "\r\n");
    std::fs::write(&readme, &crlf).unwrap();

    let (code, _, err) = pmchart(dir.path(), &["embed", "--check", "README.md"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("README.md"), "{err}");
    assert_eq!(std::fs::read_to_string(&readme).unwrap(), crlf);
    assert!(!dir.path().join("timeline.svg").exists());

    let (code, _, err) = pmchart(dir.path(), &["embed", "README.md"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("after the section \"Timeline (UTC)\""),
        "{err}"
    );
    let embedded = std::fs::read_to_string(&readme).unwrap();
    assert_pure_insertion(&crlf, &embedded);
    assert!(dir.path().join("timeline.svg").exists());
    assert!(dir.path().join("timeline-dark.svg").exists());

    let (code, _, err) = pmchart(dir.path(), &["embed", "--check", "README.md"]);
    assert_eq!(code, 0, "{err}");

    // The timeline changes: the check names the file and fails.
    let changed = embedded.replace("17:00 Rolled back", "17:45 Rolled back");
    std::fs::write(&readme, &changed).unwrap();
    let (code, _, err) = pmchart(
        dir.path(),
        &["embed", "--check", "--format", "github", "README.md"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("::error file=README.md"), "{err}");

    let (code, _, err) = pmchart(dir.path(), &["embed", "README.md"]);
    assert_eq!(code, 0, "{err}");
    let updated = std::fs::read_to_string(&readme).unwrap();
    assert_same_outside_markers(&changed, &updated);
    let (code, _, err) = pmchart(dir.path(), &["embed", "--check", "README.md"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn readmes_without_a_timeline_are_skipped_when_found_by_walking_but_not_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let prose = "# Project\n\nJust prose, no timeline.\n";
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/README.md"), prose).unwrap();
    let (code, _, err) = pmchart(dir.path(), &["embed", "--check", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("skipped `docs/README.md`"), "{err}");
    let (code, _, err) = pmchart(dir.path(), &["embed", "docs/README.md"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("PM010"), "{err}");
    let (code, _, err) = pmchart(
        dir.path(),
        &["embed", "--only-postmortems", "docs/README.md"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("docs/README.md")).unwrap(),
        prose
    );
    assert!(!dir.path().join("docs/timeline.svg").exists());
}

#[test]
fn embed_over_a_directory_carries_on_past_a_broken_readme() {
    let dir = tempfile::tempdir().unwrap();
    let broken = README.replace("## Root cause", "<!-- pmchart:begin -->\n\n## Root cause");
    for (sub, text) in [
        ("a", README),
        ("b", broken.as_str()),
        ("c", README),
        ("d", "# Not a postmortem\n\nJust prose.\n"),
    ] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("README.md"), text).unwrap();
    }
    let (code, _, err) = pmchart(dir.path(), &["embed", "."]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("b/README.md"), "{err}");
    assert!(err.contains("has no `<!-- pmchart:end -->`"), "{err}");
    assert!(
        err.contains("4 files (1 skipped), 4 charts written"),
        "{err}"
    );
    assert!(dir.path().join("a/timeline.svg").exists());
    assert!(dir.path().join("c/timeline-dark.svg").exists());
    assert!(!dir.path().join("b/timeline.svg").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b/README.md")).unwrap(),
        broken
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// README-like lines: headings, Timeline titles, entries, prose, code, blank lines, markers.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("## Timeline".to_string()),
            Just("**Timeline:**".to_string()),
            Just("Timeline".to_string()),
            Just("## Root cause".to_string()),
            Just("# Title".to_string()),
            Just("Root Cause:".to_string()),
            Just("```".to_string()),
            Just(String::new()),
            Just("   ".to_string()),
            Just("<!-- pmchart:begin -->".to_string()),
            Just("<!-- pmchart:end -->".to_string()),
            "- 1[0-9]:[0-5][0-9] [a-z ]{0,12}",
            "[A-Za-z ,.é🙂]{0,30}",
        ]
    }

    fn readme() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(line(), 0..24),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(lines, crlf, bom, final_newline)| {
                let eol = if crlf { "\r\n" } else { "\n" };
                let mut s = if bom {
                    "\u{feff}".to_string()
                } else {
                    String::new()
                };
                s.push_str(&lines.join(eol));
                if final_newline && !lines.is_empty() {
                    s.push_str(eol);
                }
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// Whatever the README, an embed only adds bytes (first time) or only changes bytes
        /// between the markers (later), never panics, and a second embed changes nothing.
        #[test]
        fn embedding_never_changes_the_user_s_bytes(text in readme()) {
            let Ok((new, placement)) =
                embed::plan_text(&text, &incident(), &EmbedOptions::default())
            else {
                return Ok(());
            };
            match placement {
                Placement::Inserted { .. } => {
                    assert_pure_insertion(&text, &new);
                }
                Placement::Replaced { .. } => assert_same_outside_markers(&text, &new),
            }
            let (again, placement) =
                embed::plan_text(&new, &incident(), &EmbedOptions::default()).unwrap();
            let replaced = matches!(placement, Placement::Replaced { .. });
            prop_assert!(replaced, "second embed did not find the markers");
            prop_assert_eq!(again, new);
        }
    }
}

/// The block follows the section the reader found the entries in, though its title does not say
/// "Timeline", and not an earlier section whose title does.
#[test]
fn the_block_follows_the_section_the_reader_found_the_timeline_in() {
    let text = "# Outage on 5 June 2024\n\n## Timeline of the project\n\nWe planned the launch for June.\n\n## The Investigation\n\n- 14:35 UTC: alert fired\n- 14:50 UTC: paged the DB team\n- 17:00 UTC: rolled back, service restored\n\n## Root cause\n\nA bad deploy.\n";
    let parsed = pmchart::input::markdown::read(text, &ReadOptions::default()).unwrap();
    let doc = parsed.incident.document.as_ref().unwrap();
    let kinds: Vec<_> = doc
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.kind))
        .collect();
    assert!(
        kinds.contains(&("The Investigation", pmchart::model::SectionKind::Timeline)),
        "{kinds:?}"
    );
    let (new, placement) =
        embed::plan_text(text, &parsed.incident, &EmbedOptions::default()).unwrap();
    let at = assert_pure_insertion(text, &new);
    assert_eq!(&text[at..], "## Root cause\n\nA bad deploy.\n");
    assert!(
        matches!(placement, Placement::Inserted { heading: Some(ref h), .. } if h == "The Investigation"),
        "{placement:?}"
    );
}

const POSTMORTEM: &str = "# Checkout outage\n\nOn 5 June 2024 checkout was down.\n\n## Timeline (UTC)\n\n- 14:35: alert fired\n- 14:50: paged the DB team\n- 17:00: rolled back, service restored\n\n## Root cause\n\nA bad deploy.\n";

#[test]
fn embed_with_no_path_embeds_the_readme_here() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), POSTMORTEM).unwrap();
    let (code, _, err) = pmchart(dir.path(), &["embed"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("README.md: inserted the chart"), "{err}");
    let (code, _, err) = pmchart(dir.path(), &["embed", "--check", "--quiet"]);
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn a_folder_of_postmortems_not_named_readme_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let pm = dir.path().join("postmortems");
    std::fs::create_dir(&pm).unwrap();
    std::fs::write(pm.join("2024-06-05-checkout.md"), POSTMORTEM).unwrap();
    std::fs::write(pm.join("CHANGELOG.md"), "# Changes\n\n- 1.2: faster\n").unwrap();
    let (code, out, err) = pmchart(
        dir.path(),
        &["check", "--no-template", "--format", "json", "postmortems"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = pmchart(dir.path(), &["embed", "postmortems"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("postmortems/2024-06-05-checkout.md: inserted the chart"),
        "{err}"
    );
    assert!(!err.contains("CHANGELOG"), "{err}");
    assert!(pm.join("timeline.svg").exists());
}

/// `embed`'s findings have `check`'s fields, a code each, and go through the same escaping.
#[test]
fn embed_findings_are_diagnostics_with_codes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), POSTMORTEM).unwrap();
    let (code, _, err) = pmchart(dir.path(), &["embed"]);
    assert_eq!(code, 0, "{err}");
    // The timeline changes: the chart is stale.
    let changed = std::fs::read_to_string(dir.path().join("README.md"))
        .unwrap()
        .replace("17:00", "17:30");
    std::fs::write(dir.path().join("README.md"), changed).unwrap();
    let (code, _, err) = pmchart(dir.path(), &["embed", "--check", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let first: serde_json::Value = serde_json::from_str(err.lines().next().unwrap()).unwrap();
    for field in [
        "code", "severity", "message", "file", "line", "column", "help",
    ] {
        assert!(first.get(field).is_some(), "{field} missing: {first}");
    }
    assert_eq!(first["code"], "PM701");
    let (_, _, err) = pmchart(dir.path(), &["embed", "--check", "--format", "github"]);
    assert!(err.starts_with("::error file=README.md,line="), "{err}");
    assert!(err.contains("title=PM701::"), "{err}");
}
