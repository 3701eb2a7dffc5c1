//! The pre-commit hooks, tried as a user tries them: `examples/ci/try-pre-commit.sh` runs
//! `pre-commit try-repo` on a scratch repository with a root README, a renovate.json and two
//! postmortems, with this build's binary. When pre-commit is not installed the script says so
//! and the test prints that it was skipped (.ci/run installs pre-commit where it can). The
//! from-source hooks build pmchart (minutes): `examples/ci/try-pre-commit.sh source`.

use std::process::Command;

#[test]
fn the_hooks_pass_over_what_is_not_a_postmortem_and_stop_what_is_wrong() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ci/try-pre-commit.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg("binary")
        .env("PMCHART_BINARY", env!("CARGO_BIN_EXE_pmchart"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stdout.starts_with("skipped:") {
        eprintln!("{stdout}");
        return;
    }
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("all steps passed (binary)"), "{stdout}");
}
