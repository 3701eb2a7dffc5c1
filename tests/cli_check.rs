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

#[test]
fn a_directory_is_checked_file_by_file_and_one_broken_file_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b", "c", "notes"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    write(&dir.path().join("a"), "incident.json", CLEAN);
    write(&dir.path().join("b"), "incident.json", OUT_OF_ORDER);
    write(&dir.path().join("c"), "incident.json", NO_RESOLUTION);
    // A README found by walking with no timeline is not a postmortem: passed over, not an error.
    let notes = write(
        &dir.path().join("notes"),
        "README.md",
        "# Notes\n\nNothing happened.\n",
    );
    let o = pmchart(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 1, "the broken file makes the run fail");
    let out = stdout(&o);
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(out.contains("error[PM101]"), "{out}");
    assert!(out.contains("b/incident.json:4:3"), "{out}");
    // The file after the broken one was still checked, and output keeps input order.
    let (broken, warned) = (
        out.find("PM101").unwrap(),
        out.find("warning[PM502]").unwrap(),
    );
    assert!(broken < warned, "{out}");
    assert!(!out.contains("PM010"), "{out}");
    assert!(err.contains("skipped `"), "{err}");
    assert!(
        err.contains("4 files (1 skipped), 1 warning, 1 error (1 file failed) in "),
        "{err}"
    );

    // Named explicitly, the same README is reported.
    let o = pmchart(&["check", notes.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("error[PM010]"), "{}", stdout(&o));
}

#[test]
fn globs_expand_and_machine_formats_get_no_summary() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.json", CLEAN);
    write(dir.path(), "two.json", OUT_OF_ORDER);
    let pattern = format!("{}/*.json", dir.path().display());
    let o = pmchart(&["check", "--format", "json", &pattern]);
    assert_eq!(code(&o), 1);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines
        .iter()
        .any(|v| v["code"] == "PM101" && v["file"].as_str().unwrap().ends_with("two.json")));
    assert_eq!(String::from_utf8(o.stderr.clone()).unwrap(), "");
    let missing = format!("{}/*.md", dir.path().display());
    assert_eq!(code(&pmchart(&["check", &missing])), 2);
}

/// Input quoted in a diagnostic never starts a line of its own: a JSON key holding
/// "\n::error file=…::" would otherwise be a GitHub workflow command in the human output, and
/// ESC or BEL would act on the terminal or the CI log.
#[test]
fn quoted_input_cannot_speak_as_the_tool() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "inj.json",
        r#"{"events":[{"time":"2024-06-05T10:00:00Z","kind":"detect","text":"x","bad\n::error file=x::pwned\u001b[31m\u0007":1}]}"#,
    );
    for format in ["human", "github"] {
        let out = pmchart(&["check", "--format", format, p.to_str().unwrap()]);
        let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
        assert!(
            all.lines().all(|l| !l.starts_with("::error file=x")),
            "{format}: {all}"
        );
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{format}: {all:?}"
        );
        assert!(
            all.contains("bad\\n::error file=x::pwned"),
            "{format}: {all}"
        );
    }
}

/// A diagnostic on a very long line (a minified JSON) names the line and column and quotes an
/// excerpt, not the whole line once per diagnostic.
#[test]
fn a_minified_json_is_reported_with_excerpts() {
    let dir = tempfile::tempdir().unwrap();
    let events: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                r#"{{"time":"2024-06-05T10:{:02}:00Z","kind":"action","text":"e{i}"}}"#,
                i % 60
            )
        })
        .collect();
    let p = write(
        dir.path(),
        "min.json",
        &format!(r#"{{"events":[{}]}}"#, events.join(",")),
    );
    let out = pmchart(&["check", p.to_str().unwrap()]);
    let text = stdout(&out) + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("min.json:1:"),
        "{}",
        &text[..text.len().min(500)]
    );
    assert!(text.contains("  | …"), "{}", &text[..text.len().min(500)]);
    // 49 out-of-order entries and two flow warnings: excerpts, not 49 copies of a 200 KB line.
    assert!(text.len() < 100_000, "{} bytes of output", text.len());
}

/// A report that cannot be written (a full disk) is an error, exit 2, not a clean run.
#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_fails() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "out-of-order.json", OUT_OF_ORDER);
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["check", p.to_str().unwrap()])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the report"));
}
