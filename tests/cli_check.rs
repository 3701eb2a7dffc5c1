//! `pmchart check` as a user runs it: exit codes, formats, where output goes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pmchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("pmchart runs")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const OUT_OF_ORDER: &str = r#"{"events": [
  {"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "Alert fired"},
  {"time": "2024-06-05T10:30:00Z", "kind": "action", "text": "Rolled back"},
  {"time": "2024-06-05T10:05:00Z", "kind": "resolve", "text": "Recovered"}
]}"#;

const NO_RESOLUTION: &str = r#"{"events": [
  {"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "Alert fired"}
]}"#;

const CLEAN: &str = r#"{"events": [
  {"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "Alert fired"},
  {"time": "2024-06-05T10:30:00Z", "kind": "resolve", "text": "Recovered"}
]}"#;

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn errors_exit_1_with_the_line_and_the_help() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.json", OUT_OF_ORDER);
    let o = pmchart(&["check", p.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("error[PM101]"), "{out}");
    assert!(out.contains("a.json:4:3"), "{out}");
    assert!(out.contains("= help:"), "{out}");
    assert!(!out.contains('\u{1b}'), "NO_COLOR and a pipe: plain");
}

#[test]
fn clean_and_warnings_only_exit_0_and_deny_warnings_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.json", CLEAN);
    let o = pmchart(&["check", clean.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "");
    let warn = write(dir.path(), "warn.json", NO_RESOLUTION);
    assert_eq!(code(&pmchart(&["check", warn.to_str().unwrap()])), 0);
    let o = pmchart(&["check", "--deny-warnings", warn.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("warning[PM502]"));
}

#[test]
fn a_missing_file_exits_2_naming_it_and_the_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.json", OUT_OF_ORDER);
    let o = pmchart(&["check", "no/such/postmortem.md", p.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(err.contains("no/such/postmortem.md"), "{err}");
    assert!(stdout(&o).contains("PM101"));
}

#[test]
fn no_file_is_a_usage_error() {
    assert_eq!(code(&pmchart(&["check"])), 2);
}

#[test]
fn json_and_github_formats() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.json", OUT_OF_ORDER);
    let o = pmchart(&["check", "--format", "json", p.to_str().unwrap()]);
    let out = stdout(&o);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["code"], "PM101");
    assert_eq!(v["line"], 4);
    assert!(v["file"].as_str().unwrap().ends_with("a.json"));
    let o = pmchart(&["check", "--format", "github", p.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.starts_with("::error file="), "{out}");
    assert!(out.contains(",line=4,col=3,"), "{out}");
    assert!(out.contains("title=PM101::entry out of order"), "{out}");
    assert_eq!(code(&o), 1);
}

#[test]
fn binary_and_invalid_json_exit_1_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("x.md");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let o = pmchart(&["check", bin.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("PM003"));
    let bad = write(dir.path(), "bad.json", "{\"events\": [}");
    let o = pmchart(&["check", bad.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("bad.json:1:"), "{}", stdout(&o));
}
