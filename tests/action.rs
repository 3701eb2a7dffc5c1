//! The GitHub Action's scripts (action/), run as a runner runs them: the `GITHUB_*` and
//! `RUNNER_*` variables set, the step summary and outputs written to files.

use std::path::Path;
use std::process::{Command, Output};

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const PM: &str = "# Outage on 3 May 2024\n\n## Timeline (UTC)\n\n- 10:00 Monitoring alert fired\n- 10:30 Service restored\n";

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn run_step(work: &Path, env: &[(&str, &str)]) -> (Output, String, String) {
    let summary = work.join("../summary.md");
    let output = work.join("../output.txt");
    let _ = std::fs::remove_file(&summary);
    let _ = std::fs::remove_file(&output);
    let out = Command::new("bash")
        .arg(format!("{REPO}/action/run.sh"))
        .current_dir(work)
        .env("PMCHART_BINARY", env!("CARGO_BIN_EXE_pmchart"))
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_ACTIONS", "true")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out,
        std::fs::read_to_string(summary).unwrap_or_default(),
        std::fs::read_to_string(output).unwrap_or_default(),
    )
}

/// A workspace with a root README that is not a postmortem and two postmortems, one with its
/// chart embedded.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    write(&work, "README.md", "# Our repository\n\nHow to build it.\n");
    write(&work, "postmortems/a/README.md", PM);
    write(
        &work,
        "postmortems/b/README.md",
        &PM.replace("3 May", "4 May"),
    );
    let embed = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["embed", "-q", "postmortems/a/README.md"])
        .current_dir(&work)
        .status()
        .unwrap();
    assert!(embed.success());
    dir
}

#[test]
fn embed_check_annotates_the_stale_chart_and_summarises_each_postmortem() {
    let dir = workspace();
    let work = dir.path().join("work");
    let (out, summary, output) = run_step(&work, &[("PMCHART_MODE", "embed-check")]);
    // Annotations are read from the whole log: check writes them to standard output, embed to
    // standard error.
    let stdout =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("::error file=postmortems/b/README.md,title=PM701::no pmchart block"),
        "{stdout}"
    );
    assert!(!stdout.contains("file=README.md"), "{stdout}");
    assert!(
        summary.starts_with("## Postmortem charts (pmchart)\n"),
        "{summary}"
    );
    assert!(
        summary.contains("| `postmortems/b/README.md` | 0 | "),
        "{summary}"
    );
    assert!(summary.contains("no pmchart block"), "{summary}");
    assert!(
        summary.contains("| `postmortems/a/README.md` | 0 | "),
        "{summary}"
    );
    assert!(output.contains("changed=false"), "{output}");
    // The team's metrics follow the postmortems' table.
    assert!(
        summary.contains("### Team metrics (2 incidents)"),
        "{summary}"
    );
    assert!(
        summary.contains("| Time to resolve (MTR = mean) | 2 | 0 | 30 min | 30 min | 30 min |"),
        "{summary}"
    );
}

#[test]
fn check_mode_fails_on_warnings_only_when_asked() {
    let dir = workspace();
    let work = dir.path().join("work");
    let (out, _, _) = run_step(&work, &[("PMCHART_MODE", "check")]);
    // The template's warnings (sections, length) only: a pass, with annotations.
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("::warning file=postmortems/a/README.md"));
    let (out, _, _) = run_step(
        &work,
        &[("PMCHART_MODE", "check"), ("PMCHART_DENY_WARNINGS", "true")],
    );
    assert_eq!(out.status.code(), Some(1));
    let (out, _, _) = run_step(&work, &[("PMCHART_MODE", "publish")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("::error::mode is check, embed-check or embed, not 'publish'"));
}

/// A `curl` that serves files from a directory, as the release host would.
fn fake_curl(bin: &Path, releases: &Path) {
    let script = format!(
        "#!/usr/bin/env bash\nout=''\nurl=''\nwhile [ $# -gt 0 ]; do case \"$1\" in -o) out=$2; shift 2;; -*) shift;; *) url=$1; shift;; esac; done\ncp \"{}/${{url##*/}}\" \"$out\"\n",
        releases.display()
    );
    std::fs::create_dir_all(bin).unwrap();
    let path = bin.join("curl");
    std::fs::write(&path, script).unwrap();
    Command::new("chmod").arg("+x").arg(&path).status().unwrap();
}

#[test]
fn install_downloads_the_release_checks_its_sum_and_puts_it_on_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    let staged = dir.path().join("stage/pmchart-x86_64-unknown-linux-gnu");
    std::fs::create_dir_all(&staged).unwrap();
    std::fs::create_dir_all(&releases).unwrap();
    // A stand-in for the release binary: small, so that compressing it takes no time.
    std::fs::write(
        staged.join("pmchart"),
        format!("#!/bin/sh\necho 'pmchart {}'\n", env!("CARGO_PKG_VERSION")),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(staged.join("pmchart"))
        .status()
        .unwrap();
    let archive = releases.join("pmchart-x86_64-unknown-linux-gnu.tar.xz");
    assert!(Command::new("tar")
        .arg("-cJf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path().join("stage"))
        .arg("pmchart-x86_64-unknown-linux-gnu")
        .status()
        .unwrap()
        .success());
    let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
    let sum = String::from_utf8_lossy(&sum.stdout);
    let digest = sum.split(' ').next().unwrap();
    let sum_file = releases.join("pmchart-x86_64-unknown-linux-gnu.tar.xz.sha256");
    std::fs::write(
        &sum_file,
        format!("{digest} *pmchart-x86_64-unknown-linux-gnu.tar.xz\n"),
    )
    .unwrap();
    fake_curl(&dir.path().join("bin"), &releases);
    let install = |runner_temp: &Path| {
        let github_path = dir.path().join("github_path");
        let _ = std::fs::remove_file(&github_path);
        let out = Command::new("bash")
            .arg(format!("{REPO}/action/install.sh"))
            .env("GITHUB_ACTION_PATH", REPO)
            .env("GITHUB_PATH", &github_path)
            .env("RUNNER_TEMP", runner_temp)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("PMCHART_VERSION", "")
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    dir.path().join("bin").display(),
                    std::env::var("PATH").unwrap()
                ),
            )
            .output()
            .unwrap();
        (
            out,
            std::fs::read_to_string(&github_path).unwrap_or_default(),
        )
    };
    let (out, github_path) = install(&dir.path().join("t1"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bin = Path::new(github_path.trim()).join("pmchart");
    let version = Command::new(&bin).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("pmchart {}", env!("CARGO_PKG_VERSION"))
    );
    // A download that does not match its sum is not installed.
    std::fs::write(&sum_file, format!("{} *x\n", "0".repeat(64))).unwrap();
    let (out, github_path) = install(&dir.path().join("t2"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("does not match its published SHA-256"));
    assert!(github_path.is_empty());
}

#[test]
fn embed_mode_commits_the_charts_it_wrote_and_pushes_them() {
    let dir = workspace();
    let work = dir.path().join("work");
    let remote = dir.path().join("remote.git");
    let git = |cwd: &Path, args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(cwd)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    git(dir.path(), &["init", "-q", "--bare", "remote.git"]);
    git(&work, &["init", "-q", "-b", "pm-branch"]);
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "postmortems"]);
    git(
        &work,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    git(&work, &["push", "-q", "origin", "pm-branch"]);
    // A file of the user's that embed did not write stays out of the commit.
    std::fs::write(work.join("notes.txt"), "mine\n").unwrap();
    let (out, _, output) = run_step(
        &work,
        &[("PMCHART_MODE", "embed"), ("GITHUB_HEAD_REF", "pm-branch")],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(output.contains("changed=true"), "{output}");
    let pushed = git(&remote, &["show", "--stat", "--format=%s", "pm-branch"]);
    assert!(
        pushed.starts_with("Refresh postmortem charts (pmchart embed)"),
        "{pushed}"
    );
    assert!(pushed.contains("postmortems/b/README.md"), "{pushed}");
    assert!(
        pushed.contains("postmortems/b/timeline-dark.svg"),
        "{pushed}"
    );
    assert!(!pushed.contains("notes.txt"), "{pushed}");
    // Nothing left to refresh: no commit, `changed=false`.
    let (out, _, output) = run_step(
        &work,
        &[("PMCHART_MODE", "embed"), ("GITHUB_HEAD_REF", "pm-branch")],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(output.contains("changed=false"), "{output}");
}
