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
    // The examples live in the library: `pmchart explain` shows them with their report.
    let library = pmchart::explain::examples();
    let examples: Vec<(&str, &str, &str, bool, &str)> = library
        .iter()
        .map(|e| {
            (
                e.code.id(),
                e.file_name,
                e.input.as_str(),
                e.template,
                e.code.severity().as_str(),
            )
        })
        .collect();
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
