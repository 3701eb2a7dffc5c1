//! `pmchart explain PM607`: a code's long explanation, with an example input and what pmchart
//! reports on it (as `rustc --explain` does). The examples are the ones the README's tables are
//! tested against (`tests/readme_examples.rs`): each must produce its code.

use crate::codes::Code;
use crate::model::InputFormat;
use crate::model::SourceText;
use crate::pipeline;
use crate::report::{self, DiagnosticFormat};
use crate::validate::{CheckOptions, Template};
use std::fmt::Write as _;

/// An input that produces a code.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The code.
    pub code: Code,
    /// The file's name (its extension says Markdown or JSON).
    pub file_name: &'static str,
    /// Its text.
    pub input: String,
    /// Whether the code comes from the template checks (`--template alx`).
    pub template: bool,
}

const DATED: &str = "# Outage on 3 May 2024\n\n";

fn events(list: &str) -> String {
    format!(r#"{{"events": [{list}]}}"#)
}

fn event(t: &str, k: &str, x: &str) -> String {
    format!(r#"{{"time": "2024-05-03T{t}:00Z", "kind": "{k}", "text": "{x}"}}"#)
}

/// Every example, in the README's order; a code may have more than one (Markdown and JSON).
/// The `embed` codes (PM7xx) are about a README's chart block and have none: their
/// explanation says how they arise.
pub fn examples() -> Vec<Example> {
    let many: String = (0..600)
        .map(|i| format!("{:02}:{:02}: x. ", (i / 60) % 24, i % 60))
        .collect();
    let list: Vec<(&str, &'static str, String, bool)> = vec![
        ("PM001", "a.json", r#"{"events": ["#.to_string(), false),
        ("PM002", "a.json", format!(r#"{{"timezone": "Mars/Base", "events": [{}]}}"#, event("10:00", "detect", "a")), false),
        ("PM014", "a.json", events(&format!("{}, {}", event("10:00", "detect", "a"), r#"{"time": "10:30:00+00:00", "kind": "resolve", "text": "b"}"#)), false),
        ("PM003", "a.md", "## Timeline\n\u{0}- 10:00 a\n".to_string(), false),
        ("PM010", "a.md", "# Notes\n\nNothing here yet.\n".to_string(), false),
        ("PM011", "a.md", "## Timeline\n\nTo be written.\n".to_string(), false),
        ("PM011", "a.json", events(""), false),
        ("PM012", "a.md", "## Timeline (UTC)\n- 23:30 Alert fired\n- 00:10 Service restored\n".to_string(), false),
        ("PM013", "a.md", "## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n".to_string(), false),
        ("PM201", "a.md", format!("{DATED}## Timeline\n- 10:00 Alert fired\n- 10:30 Service restored\n"), false),
        ("PM203", "a.md", format!("{DATED}## Timeline (IST)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), false),
        ("PM204", "a.md", format!("{DATED}## Timeline (all times Greenwitch)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), false),
        ("PM205", "a.md", "# Outage on March 10, 2024\n\n## Timeline (all times America/New_York)\n- 02:30 Alert fired\n- 03:30 Service restored\n".to_string(), false),
        ("PM206", "a.md", "# Outage on November 3, 2024\n\n## Timeline (all times America/New_York)\n- 01:30 Alert fired\n- 02:30 Service restored\n".to_string(), false),
        ("PM301", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 25:10 Service restored\n"), false),
        ("PM302", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 13:00 PM Service restored\n"), false),
        ("PM303", "a.md", "## Timeline (UTC)\n- 31/02/2024 10:00 Alert fired\n- 10:30 Service restored\n".to_string(), false),
        ("PM304", "a.md", format!("{DATED}## Timeline (UTC)\n{many}\n"), false),
        ("PM305", "a.md", format!("{DATED}## Timeline (UTC)\n| Time | Event |\n|---|---|\n| Before | Customer emails went to spam |\n| 10:00 | Alert fired |\n| 10:30 | Service restored |\n"), false),
        ("PM406", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 12:02 to 12:20 AM EAT the site was down.\n## Timeline\n- 12:02 PM EAT: alert fired\n- 12:20 PM EAT: service restored\n".to_string(), false),
        ("PM101", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:30 Alert fired\n- 10:05 Restarted\n- 10:40 Service restored\n"), false),
        ("PM105", "a.md", format!("{DATED}## Timeline (UTC)\n- 12:00 PM Alert fired\n- 12:15 AM Service restored\n"), false),
        ("PM104", "a.json", events(&format!("{}, {}", event("15:00", "detect", "a"), r#"{"time": "2024-05-04T09:30:00Z", "kind": "resolve", "text": "b", "rolled_over": true}"#)), false),
        ("PM106", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:45 - 10:10 Rolled back\n- 11:00 Service restored\n"), false),
        ("PM102", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:00 Alert fired.\n- 10:30 Service restored\n"), false),
        ("PM103", "a.json", events(&format!("{}, {}", event("10:00", "detect", "a"), r#"{"time": "2024-07-03T10:30:00Z", "kind": "resolve", "text": "b"}"#)), false),
        ("PM202", "a.md", format!("{DATED}## Timeline\n- 10:00 CAT Alert fired\n- 10:30 CAT Restarted\n- 4:00 PM EDT Escalated to the DB team\n- 11:30 CAT Service restored\n"), false),
        ("PM401", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:30 to 11:00 UTC the site was down.\n## Timeline (UTC)\n- 10:00 Alert fired\n- 11:00 Service restored\n".to_string(), false),
        ("PM402", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:00 to 12:00 UTC the site was down.\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n".to_string(), false),
        ("PM403", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:00 to 10:30 UTC the site was down; it lasted 3 hours.\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n".to_string(), false),
        ("PM404", "a.md", "# T\n## Issue Summary\nFrom 11 AM to 12:30 AM on 3 May 2024 (UTC), the site was down.\n## Timeline (UTC)\n- 11:00 AM Alert fired\n- 12:30 PM Service restored\n".to_string(), false),
        ("PM405", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:00 to 11:00 UTC the site was down.\n## Timeline (UTC)\n- 09:50 Deployment of v2 [trigger]\n- 10:00 Alert fired\n- 11:00 Service restored\n".to_string(), false),
        ("PM501", "a.json", events(&format!("{}, {}", event("10:00", "action", "a"), event("10:30", "resolve", "b"))), false),
        ("PM502", "a.json", events(&format!("{}, {}", event("10:00", "detect", "a"), event("10:30", "mitigate", "b"))), false),
        ("PM503", "a.json", events(&format!("{}, {}, {}", event("10:00", "acknowledge", "a"), event("10:10", "detect", "b"), event("10:30", "resolve", "c"))), false),
        ("PM504", "a.json", events(&format!("{}, {}", event("10:00", "resolve", "a"), event("10:10", "detect", "b"))), false),
        ("PM505", "a.json", events(&format!("{}, {}, {}", event("10:00", "detect", "a"), event("10:10", "escalate", "escalated"), event("10:30", "resolve", "c"))), false),
        ("PM601", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true),
        ("PM602", "a.md", format!("{DATED}## Issue Summary\nThe API was down for all users. The root cause was a full disk.\n\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true),
        ("PM603", "a.md", format!("{DATED}## Issue Summary\nFrom 10:00 to 10:30 UTC. The root cause was a full disk.\n\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true),
        ("PM604", "a.md", format!("{DATED}## Issue Summary\nFrom 10:00 to 10:30 UTC the API was down for all users.\n\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true),
        ("PM605", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true),
        ("PM606", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n\n## Corrective and preventative measures\nAdd disk alerts.\nRotate logs.\n"), true),
        ("PM607", "a.md", format!("{DATED}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true),
    ];
    list.into_iter()
        .filter_map(|(id, file_name, input, template)| {
            Some(Example {
                code: Code::from_id(id)?,
                file_name,
                input,
                template,
            })
        })
        .collect()
}

/// What `pmchart check` reports on an example, as a person reads it (no colour).
pub fn report_on(example: &Example) -> String {
    let format = if example.file_name.ends_with(".json") {
        InputFormat::Json
    } else {
        InputFormat::Markdown
    };
    let source = SourceText {
        path: Some(example.file_name.into()),
        text: example.input.clone(),
        format,
    };
    let opts = pipeline::Options {
        checks: CheckOptions {
            template: if example.template {
                Template::Alx
            } else {
                Template::None
            },
        },
        ..pipeline::Options::default()
    };
    // As `pmchart check` loads a file: bytes that are not text stop at decoding (PM003).
    let (diagnostics, source) = match crate::input::decode(example.input.as_bytes()) {
        Err(d) => (vec![d], source),
        Ok(_) => {
            let checked = pipeline::check_source(source, &opts);
            (checked.diagnostics, checked.source)
        }
    };
    let mine: Vec<_> = diagnostics
        .into_iter()
        .filter(|d| d.code == example.code)
        .collect();
    let mut out = Vec::new();
    let _ = report::emit(&mine, &source, DiagnosticFormat::Human, false, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` indented as a block, blank lines left blank.
fn indent(out: &mut String, text: &str) {
    for line in text.lines() {
        if !line.trim().is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// The long explanation of `code`: what it means, what to do, an example and its report, and
/// how to change its level.
pub fn explain(code: Code) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}, {}): {}\n",
        code.id(),
        code.severity().as_str(),
        code.group().name(),
        code.meaning()
    );
    let _ = writeln!(s, "What to do: {}\n", code.what_to_do());
    let examples: Vec<Example> = examples().into_iter().filter(|e| e.code == code).collect();
    for e in &examples {
        let how = if e.template {
            "pmchart check --template alx"
        } else {
            "pmchart check"
        };
        let _ = writeln!(s, "Example: `{}` reads", e.file_name);
        // Shown, not acted on: a control character in an example is written escaped.
        let shown: String = e
            .input
            .chars()
            .map(|c| {
                if c != '\n' && crate::inert::is_active(c) {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        indent(&mut s, &shown);
        let _ = writeln!(s, "\nand `{how} {}` reports:\n", e.file_name);
        indent(&mut s, report_on(e).trim_end());
        s.push('\n');
    }
    if examples.is_empty() {
        let _ = writeln!(
            s,
            "`pmchart embed` reports it about a README's chart block; the README (\"Use in CI\") \
             shows how the block is written and checked.\n"
        );
    }
    let _ = writeln!(
        s,
        "To change how it is reported in a repository, list it in pmchart.toml: \
         `allow = [\"{id}\"]` (never), `warn = [\"{id}\"]` or `deny = [\"{id}\"]`; in one \
         Markdown file, `<!-- pmchart-disable {id} -->` turns it off.",
        id = code.id()
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explanation_shows_the_example_and_its_report() {
        let text = explain(Code::WordCount);
        assert!(text.starts_with("PM607 (warning, "), "{text}");
        assert!(
            text.contains("Example: `a.md` reads\n    # Outage on 3 May 2024"),
            "{text}"
        );
        assert!(
            text.contains("warning[PM607]: a.md: the postmortem is short"),
            "{text}"
        );
        assert!(text.contains("allow = [\"PM607\"]"), "{text}");
        let embed = explain(Code::from_id("PM701").unwrap());
        assert!(embed.contains("`pmchart embed` reports it"), "{embed}");
    }

    #[test]
    fn every_example_reports_its_code() {
        for e in examples() {
            assert!(
                report_on(&e).contains(&format!("[{}]", e.code.id())),
                "{} does not fire on its example",
                e.code.id()
            );
        }
    }
}
