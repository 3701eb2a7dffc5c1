//! The README's example of `pmchart check` is what pmchart prints, byte for byte, for the
//! postmortem it describes (`tests/readme/postmortem.md`): the example cannot drift.

use std::path::Path;
use std::process::Command;

#[test]
fn the_readme_check_example_is_the_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let command = "$ pmchart check --no-template postmortem.md\n";
    let start = readme.find(command).expect("the example is in the README") + command.len();
    let end = start + readme[start..].find("```").unwrap();
    let shown = &readme[start..end];
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["check", "--no-template", "postmortem.md"])
        .current_dir(root.join("tests/readme"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    assert_eq!(printed, shown);
    assert_eq!(out.status.code(), Some(1));
}

/// Runs `pmchart check --format json` on `input` (written as `name`) and returns the
/// (code, severity) pairs it reports.
fn codes(name: &str, input: &[u8], template: bool) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, input).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmchart"));
    cmd.args(["check", "--format", "json"]);
    if !template {
        cmd.arg("--no-template");
    }
    let out = cmd.arg(&path).output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["code"].as_str().unwrap_or("").to_string(),
                v["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// `pmchart embed --format json` on a README written from `text` (after `prepare` ran embed once
/// when set), with `args`; the (code, severity) pairs it reports.
fn embed_codes(
    text: &str,
    embed_first: bool,
    edit: &dyn Fn(&str) -> String,
    args: &[&str],
) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pmchart"))
            .arg("embed")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    if embed_first {
        assert!(run(&[]).status.success());
    }
    let edited = edit(&std::fs::read_to_string(&readme).unwrap());
    std::fs::write(&readme, edited).unwrap();
    let out = run(&[&["--format", "json"], args].concat());
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["code"].as_str()?.to_string(),
                v["severity"].as_str()?.to_string(),
            ))
        })
        .collect()
}

/// One example per `embed` code the README lists.
fn embed_examples() -> Vec<(&'static str, Vec<(String, String)>)> {
    let pm = "# Outage on 3 May 2024\n\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n";
    let same = |t: &str| t.to_string();
    vec![
        (
            "PM701",
            embed_codes(
                pm,
                true,
                &|t: &str| t.replace("10:30", "10:40"),
                &["--check"],
            ),
        ),
        (
            "PM702",
            embed_codes(
                &format!("{pm}\n<!-- pmchart:begin -->\n"),
                false,
                &same,
                &[],
            ),
        ),
        ("PM703", embed_codes(pm, false, &same, &["--at", "Impact"])),
        (
            "PM704",
            embed_codes(&pm.replace("10:30", "09:30"), false, &same, &[]),
        ),
        (
            "PM705",
            embed_codes(pm, false, &same, &["--image-dir", "/tmp/pmchart-abs"]),
        ),
    ]
}

/// One example per code the README's tables list, as its "meaning" column describes it: each
/// must produce that code with that severity. A code added to the README without an example here
/// fails the test.
#[test]
fn every_code_in_the_readme_fires_on_its_example() {
    let dated = "# Outage on 3 May 2024\n\n";
    let ok_json = |events: &str| format!(r#"{{"events": [{events}]}}"#);
    let ev = |t: &str, k: &str, x: &str| {
        format!(r#"{{"time": "2024-05-03T{t}:00Z", "kind": "{k}", "text": "{x}"}}"#)
    };
    let many: String = (0..600)
        .map(|i| format!("{:02}:{:02}: x. ", (i / 60) % 24, i % 60))
        .collect();
    let examples: Vec<(&str, &str, String, bool, &str)> = vec![
        ("PM001", "a.json", r#"{"events": ["#.into(), false, "error"),
        ("PM002", "a.json", format!(r#"{{"timezone": "Mars/Base", "events": [{}]}}"#, ev("10:00", "detect", "a")), false, "error"),
        ("PM014", "a.json", ok_json(&format!("{}, {}", ev("10:00", "detect", "a"), r#"{"time": "10:30:00+00:00", "kind": "resolve", "text": "b"}"#)), false, "note"),
        ("PM003", "a.md", "## Timeline\n\u{0}- 10:00 a\n".into(), false, "error"),
        ("PM010", "a.md", "# Notes\n\nNothing here yet.\n".into(), false, "error"),
        ("PM011", "a.md", "## Timeline\n\nTo be written.\n".into(), false, "error"),
        ("PM011", "a.json", ok_json(""), false, "error"),
        ("PM012", "a.md", "## Timeline (UTC)\n- 23:30 Alert fired\n- 00:10 Service restored\n".into(), false, "note"),
        ("PM013", "a.md", "## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n".into(), false, "note"),
        ("PM201", "a.md", format!("{dated}## Timeline\n- 10:00 Alert fired\n- 10:30 Service restored\n"), false, "warning"),
        ("PM203", "a.md", format!("{dated}## Timeline (IST)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), false, "warning"),
        ("PM204", "a.md", format!("{dated}## Timeline (all times Greenwitch)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), false, "warning"),
        ("PM205", "a.md", "# Outage on March 10, 2024\n\n## Timeline (all times America/New_York)\n- 02:30 Alert fired\n- 03:30 Service restored\n".into(), false, "error"),
        ("PM206", "a.md", "# Outage on November 3, 2024\n\n## Timeline (all times America/New_York)\n- 01:30 Alert fired\n- 02:30 Service restored\n".into(), false, "warning"),
        ("PM301", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 25:10 Service restored\n"), false, "error"),
        ("PM302", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 13:00 PM Service restored\n"), false, "warning"),
        ("PM303", "a.md", "## Timeline (UTC)\n- 31/02/2024 10:00 Alert fired\n- 10:30 Service restored\n".into(), false, "error"),
        ("PM304", "a.md", format!("{dated}## Timeline (UTC)\n{many}\n"), false, "warning"),
        ("PM406", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 12:02 to 12:20 AM EAT the site was down.\n## Timeline\n- 12:02 PM EAT: alert fired\n- 12:20 PM EAT: service restored\n".into(), false, "warning"),
        ("PM101", "a.md", format!("{dated}## Timeline (UTC)\n- 10:30 Alert fired\n- 10:05 Restarted\n- 10:40 Service restored\n"), false, "error"),
        ("PM105", "a.md", format!("{dated}## Timeline (UTC)\n- 12:00 PM Alert fired\n- 12:15 AM Service restored\n"), false, "error"),
        ("PM104", "a.json", ok_json(&format!("{}, {}", ev("15:00", "detect", "a"), r#"{"time": "2024-05-04T09:30:00Z", "kind": "resolve", "text": "b", "rolled_over": true}"#)), false, "warning"),
        ("PM106", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:45 - 10:10 Rolled back\n- 11:00 Service restored\n"), false, "error"),
        ("PM102", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:00 Alert fired.\n- 10:30 Service restored\n"), false, "warning"),
        ("PM103", "a.json", ok_json(&format!("{}, {}", ev("10:00", "detect", "a"), r#"{"time": "2024-07-03T10:30:00Z", "kind": "resolve", "text": "b"}"#)), false, "warning"),
        ("PM202", "a.md", format!("{dated}## Timeline\n- 10:00 CAT Alert fired\n- 10:30 CAT Restarted\n- 4:00 PM EDT Escalated to the DB team\n- 11:30 CAT Service restored\n"), false, "warning"),
        ("PM401", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:30 to 11:00 UTC the site was down.\n## Timeline (UTC)\n- 10:00 Alert fired\n- 11:00 Service restored\n".into(), false, "warning"),
        ("PM402", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:00 to 12:00 UTC the site was down.\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n".into(), false, "warning"),
        ("PM403", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:00 to 10:30 UTC the site was down; it lasted 3 hours.\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n".into(), false, "warning"),
        ("PM404", "a.md", "# T\n## Issue Summary\nFrom 11 AM to 12:30 AM on 3 May 2024 (UTC), the site was down.\n## Timeline (UTC)\n- 11:00 AM Alert fired\n- 12:30 PM Service restored\n".into(), false, "error"),
        ("PM405", "a.md", "# T\n## Issue Summary\nOn 3 May 2024 from 10:00 to 11:00 UTC the site was down.\n## Timeline (UTC)\n- 09:50 Deployment of v2 [trigger]\n- 10:00 Alert fired\n- 11:00 Service restored\n".into(), false, "note"),
        ("PM501", "a.json", ok_json(&format!("{}, {}", ev("10:00", "action", "a"), ev("10:30", "resolve", "b"))), false, "warning"),
        ("PM502", "a.json", ok_json(&format!("{}, {}", ev("10:00", "detect", "a"), ev("10:30", "mitigate", "b"))), false, "warning"),
        ("PM503", "a.json", ok_json(&format!("{}, {}, {}", ev("10:00", "acknowledge", "a"), ev("10:10", "detect", "b"), ev("10:30", "resolve", "c"))), false, "error"),
        ("PM504", "a.json", ok_json(&format!("{}, {}", ev("10:00", "resolve", "a"), ev("10:10", "detect", "b"))), false, "error"),
        ("PM505", "a.json", ok_json(&format!("{}, {}, {}", ev("10:00", "detect", "a"), ev("10:10", "escalate", "escalated"), ev("10:30", "resolve", "c"))), false, "warning"),
        ("PM601", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true, "warning"),
        ("PM602", "a.md", format!("{dated}## Issue Summary\nThe API was down for all users. The root cause was a full disk.\n\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true, "warning"),
        ("PM603", "a.md", format!("{dated}## Issue Summary\nFrom 10:00 to 10:30 UTC. The root cause was a full disk.\n\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true, "warning"),
        ("PM604", "a.md", format!("{dated}## Issue Summary\nFrom 10:00 to 10:30 UTC the API was down for all users.\n\n## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true, "warning"),
        ("PM605", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true, "warning"),
        ("PM606", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n\n## Corrective and preventative measures\nAdd disk alerts.\nRotate logs.\n"), true, "warning"),
        ("PM607", "a.md", format!("{dated}## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n"), true, "warning"),
    ];
    let mut failures = Vec::new();
    let embedded = embed_examples();
    for (code, got) in &embedded {
        if !got.iter().any(|(c, s)| c == code && s == "error") {
            failures.push(format!("{code} (error) not reported by embed; got {got:?}"));
        }
    }
    for (code, name, input, template, severity) in &examples {
        let got = codes(name, input.as_bytes(), *template);
        if !got.iter().any(|(c, s)| c == code && s == severity) {
            failures.push(format!("{code} ({severity}) not reported; got {got:?}"));
        }
    }
    // Every code (each is in the README's generated tables) has an example above, with the
    // severity its table gives.
    for c in pmchart::codes::Code::ALL {
        let id = c.id();
        let here = examples.iter().find(|e| e.0 == id).map(|e| e.4);
        let embed = embedded.iter().any(|e| e.0 == id).then_some("error");
        match here.or(embed) {
            None => failures.push(format!("{id} has no example here")),
            Some(s) if s != c.severity().as_str() => failures.push(format!(
                "{id}'s example is a {s}; its table says {}",
                c.severity().as_str()
            )),
            Some(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
