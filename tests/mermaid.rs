//! `pmchart export --to mermaid`: the gantt text (snapshots, with the characters Mermaid's
//! grammar gives a meaning), and mermaid-cli accepting it. The mermaid-cli test needs `mmdc`
//! (npm `@mermaid-js/mermaid-cli`; `$MMDC` names it) and Chromium (`$CHROMIUM`, default
//! Debian's `/usr/bin/chromium`); without them it prints why it was skipped.

use pmchart::model::{InputFormat, SourceText};
use pmchart::pipeline;
use std::path::Path;
use std::process::Command;

fn incident_of(text: &str, format: InputFormat) -> pmchart::Incident {
    pipeline::check_source(
        SourceText {
            path: None,
            text: text.to_string(),
            format,
        },
        &pipeline::Options::default(),
    )
    .incident
    .expect("the incident reads")
}

fn example(name: &str) -> pmchart::Incident {
    let text = std::fs::read_to_string(format!(
        "{}/examples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    incident_of(&text, InputFormat::Json)
}

/// Texts with every character Mermaid's gantt grammar reads: `:` `;` `#` `%%` `,` `<` `>`, a
/// backtick and a line break.
const TRICKY: &str = r#"{"title": "API: 50% errors; see #42 <b>", "timezone": "Europe/Berlin", "events": [
  {"time": "2024-03-30T23:50:00+01:00", "kind": "detect", "text": "Alert: p99 > 2s; %% not a comment, #1"},
  {"time": "2024-03-31T00:10:00+01:00", "kind": "escalate", "actor": "DB team: on-call", "text": "Paged the DB team"},
  {"time": "2024-03-31T00:20:00+01:00", "end": "2024-03-31T00:50:00+01:00", "kind": "misleading", "text": "Blamed `nginx`,\nwrongly"},
  {"time": "2024-03-31T03:10:00+02:00", "kind": "resolve", "text": "Restored <script>alert(1)</script>"}
]}"#;

#[test]
fn gantt_text_snapshots() {
    insta::assert_snapshot!(
        "database_failover",
        pmchart::export::mermaid(&example("database-failover"))
    );
    insta::assert_snapshot!(
        "tricky_texts",
        pmchart::export::mermaid(&incident_of(TRICKY, InputFormat::Json))
    );
}

/// `text` without its `#NN;` entities.
fn without_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(';') {
            rest = &after[digits + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out + rest
}

#[test]
fn no_character_of_the_grammar_survives_in_a_name() {
    let text = pmchart::export::mermaid(&incident_of(TRICKY, InputFormat::Json));
    for line in text.lines().skip(1) {
        let line = without_entities(line.trim_start());
        let line = line.as_str();
        if let Some(title) = line.strip_prefix("title ") {
            assert!(!title.contains([':', ';', '<', '>', '%', '#']), "{line}");
            continue;
        }
        if let Some((name, _)) = line.split_once(" :") {
            assert!(
                !name.contains([':', ';', '<', '>', '%', '`', ',']),
                "{line}"
            );
        }
    }
}

#[test]
fn mermaid_cli_draws_every_export() {
    let mmdc = std::env::var("MMDC").unwrap_or_else(|_| "mmdc".into());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if Command::new(&mmdc)
        .arg("--version")
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
        || !Path::new(&chromium).exists()
    {
        eprintln!("skipped: mermaid-cli (`{mmdc}`) or Chromium (`{chromium}`) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("puppeteer.json");
    std::fs::write(
        &config,
        format!(r#"{{"executablePath": "{chromium}", "args": ["--no-sandbox", "--disable-gpu"]}}"#),
    )
    .unwrap();
    let cases = [
        ("database-failover", example("database-failover")),
        ("dst-night", example("dst-night")),
        ("tricky", incident_of(TRICKY, InputFormat::Json)),
    ];
    for (name, incident) in cases {
        let input = dir.path().join(format!("{name}.mmd"));
        let output = dir.path().join(format!("{name}.png"));
        std::fs::write(&input, pmchart::export::mermaid(&incident)).unwrap();
        let out = Command::new(&mmdc)
            .arg("-p")
            .arg(&config)
            .arg("-i")
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .arg("-q")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::metadata(&output).unwrap().len() > 10_000,
            "{name}: a blank PNG"
        );
    }
}

#[test]
fn embed_mermaid_writes_the_gantt_between_the_markers_and_no_images() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let text = "# Outage on 3 May 2024\n\n## Timeline (UTC)\n\n- 10:00 Alert: `a` ``` fired\n- 10:10 Escalated to the DB team\n- 10:30 Service restored\n\n## Root cause\n\nDisk.\n";
    std::fs::write(&readme, text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pmchart"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    assert!(run(&["embed", "--mermaid", "-q", "README.md"])
        .status
        .success());
    let written = std::fs::read_to_string(&readme).unwrap();
    let block = written
        .split("<!-- pmchart:begin -->\n")
        .nth(1)
        .and_then(|rest| rest.split("<!-- pmchart:end -->").next())
        .unwrap();
    assert!(
        block.starts_with("```mermaid\ngantt\n    title Outage on 3 May 2024 (UTC)\n"),
        "{block}"
    );
    // One fence opens the block and one closes it: no entry text can close it early.
    assert_eq!(
        block.lines().filter(|l| l.starts_with("```")).count(),
        2,
        "{block}"
    );
    assert!(block.contains("    Escalated - to DB team :milestone, 2024-05-03T10:10:00, 0m\n"));
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, vec!["README.md"]);
    let check = run(&["embed", "--mermaid", "--check", "README.md"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Embedding again changes nothing; images instead replace the block.
    assert!(run(&["embed", "--mermaid", "-q", "README.md"])
        .status
        .success());
    assert_eq!(std::fs::read_to_string(&readme).unwrap(), written);
    assert!(run(&["embed", "-q", "README.md"]).status.success());
    let with_images = std::fs::read_to_string(&readme).unwrap();
    assert!(!with_images.contains("```mermaid") && with_images.contains("<picture>"));
}
