//! pmchart.toml through the command line: discovery, precedence (the file's own comments, then
//! the command line, then the nearest pmchart.toml), template profiles, levels, `paths` and
//! `exclude`, and files that are not postmortems.

use std::path::Path;
use std::process::Command;

fn pmchart(dir: &Path, args: &[&str]) -> (Vec<(String, String, String)>, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let found = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["code"].as_str().unwrap_or("").to_string(),
                v["severity"].as_str().unwrap_or("").to_string(),
                v["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (
        found,
        stdout + &String::from_utf8_lossy(&out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

fn codes(found: &[(String, String, String)]) -> Vec<&str> {
    found.iter().map(|(c, _, _)| c.as_str()).collect()
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const TIMELINE: &str = "## Timeline (UTC)\n\n- 10:00 Monitoring alert fired\n- 10:05 Suspected the network [misleading]\n- 10:10 Escalated to the DB team\n- 10:20 Restarted the database\n- 10:30 Service restored\n";

/// The Google SRE book's sections, each with a line of prose.
fn google_sre(skip: &str) -> String {
    let mut s = String::from("# Outage on 3 May 2024\n\n");
    for title in [
        "Summary",
        "Impact",
        "Root Causes",
        "Trigger",
        "Resolution",
        "Detection",
        "Action Items",
        "Lessons Learned",
    ] {
        if title != skip {
            s.push_str(&format!("## {title}\n\nSome words about it.\n\n"));
        }
    }
    s + TIMELINE
}

#[test]
fn a_profile_asks_for_its_own_sections_and_no_word_count() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pmchart.toml", "template = \"google-sre\"\n");
    write(dir.path(), "pm/a/README.md", &google_sre(""));
    write(dir.path(), "pm/b/README.md", &google_sre("Trigger"));
    let (found, _, code) = pmchart(dir.path(), &["check", "--format", "json", "pm/a/README.md"]);
    assert!(
        !codes(&found).iter().any(|c| c.starts_with("PM6")),
        "{found:?}"
    );
    assert_eq!(code, 0);
    let (found, _, _) = pmchart(dir.path(), &["check", "--format", "json", "pm/b/README.md"]);
    let missing: Vec<_> = found.iter().filter(|f| f.0 == "PM601").collect();
    assert_eq!(missing.len(), 1, "{found:?}");
    assert!(missing[0].2.contains("\"Trigger\""), "{found:?}");
    // The course template, asked for on the command line, wins over the file.
    let (found, _, _) = pmchart(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--template",
            "alx",
            "pm/a/README.md",
        ],
    );
    assert!(codes(&found).contains(&"PM607"), "{found:?}");
}

#[test]
fn gitlab_profile_checks_its_corrective_actions_are_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from("# Incident review, 3 May 2024\n\n");
    for title in [
        "Summary",
        "Impact & Metrics",
        "Detection & Response",
        "Root Cause Analysis",
        "What went well",
        "What can be improved",
    ] {
        doc.push_str(&format!("## {title}\n\nSome words.\n\n"));
    }
    doc.push_str(TIMELINE);
    doc.push_str("\n## Corrective actions\n\nAdd an alert. Rotate the logs.\n");
    write(dir.path(), "README.md", &doc);
    let (found, _, _) = pmchart(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--template",
            "gitlab",
            "README.md",
        ],
    );
    assert_eq!(codes(&found), vec!["PM606"], "{found:?}");
}

#[test]
fn levels_change_severity_and_a_comment_in_the_file_wins() {
    let dir = tempfile::tempdir().unwrap();
    // Short, and without the course template's sections: PM601 and PM607 as warnings.
    write(
        dir.path(),
        "README.md",
        &format!("# Outage on 3 May 2024\n\n{TIMELINE}"),
    );
    write(
        dir.path(),
        "pmchart.toml",
        "deny = [\"PM607\"]\nallow = [\"PM601\"]\n",
    );
    let (found, _, code) = pmchart(dir.path(), &["check", "--format", "json", "README.md"]);
    assert!(!codes(&found).contains(&"PM601"), "{found:?}");
    assert!(
        found.iter().any(|f| f.0 == "PM607" && f.1 == "error"),
        "{found:?}"
    );
    assert_eq!(code, 1);
    std::fs::write(
        dir.path().join("README.md"),
        format!("# Outage on 3 May 2024\n\n<!-- pmchart-disable PM607 -->\n\n{TIMELINE}"),
    )
    .unwrap();
    let (found, _, code) = pmchart(dir.path(), &["check", "--format", "json", "README.md"]);
    assert!(!codes(&found).contains(&"PM607"), "{found:?}");
    assert_eq!(code, 0);
}

#[test]
fn the_timezone_applies_unless_the_command_line_gives_one() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "README.md",
        "# Outage on 3 May 2024\n\n## Timeline\n\n- 10:00 Alert fired\n- 10:30 Service restored\n",
    );
    let parse = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["events"][0]["time"].as_str().unwrap().to_string()
    };
    assert_eq!(parse(&["parse", "README.md"]), "2024-05-03T10:00:00+00:00");
    write(
        dir.path(),
        "pmchart.toml",
        "timezone = \"Africa/Nairobi\"\n",
    );
    assert_eq!(parse(&["parse", "README.md"]), "2024-05-03T10:00:00+03:00");
    assert_eq!(
        parse(&["parse", "--tz", "UTC", "README.md"]),
        "2024-05-03T10:00:00+00:00"
    );
    // --config names a file elsewhere; the nearest one is then not read.
    write(dir.path(), "other/pm.toml", "timezone = \"+01:00\"\n");
    assert_eq!(
        parse(&["parse", "--config", "other/pm.toml", "README.md"]),
        "2024-05-03T10:00:00+01:00"
    );
}

#[test]
fn paths_and_exclude_decide_what_check_looks_at() {
    let dir = tempfile::tempdir().unwrap();
    let pm = format!("# Outage on 3 May 2024\n\n{TIMELINE}");
    write(dir.path(), "postmortems/a/README.md", &pm);
    write(
        dir.path(),
        "postmortems/drafts/b/README.md",
        "# Draft\n\n## Timeline\n\n- 25:00 x\n",
    );
    write(
        dir.path(),
        "README.md",
        "# Our repository\n\nNo timeline here.\n",
    );
    write(
        dir.path(),
        "pmchart.toml",
        "template = \"none\"\npaths = [\"postmortems\"]\nexclude = [\"postmortems/drafts/**\"]\n",
    );
    let (found, printed, code) = pmchart(dir.path(), &["check"]);
    assert_eq!(code, 0, "{printed}");
    assert!(found.is_empty());
    assert!(printed.contains("2 files (1 skipped)"), "{printed}");
    assert!(
        printed.contains("skipped `postmortems/drafts/b/README.md`: excluded by `pmchart.toml`"),
        "{printed}"
    );
    std::fs::write(dir.path().join("pmchart.toml"), "template = \"none\"\n").unwrap();
    let (_, printed, code) = pmchart(dir.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(
        printed.contains("lists no `paths`: name the postmortems to look at"),
        "{printed}"
    );
}

#[test]
fn a_broken_config_names_its_file_and_line_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", &format!("# Outage\n\n{TIMELINE}"));
    write(
        dir.path(),
        "pmchart.toml",
        "template = \"alx\"\n\ndeny = [\"PM60\"]\n",
    );
    let (_, printed, code) = pmchart(dir.path(), &["check", "README.md"]);
    assert_eq!(code, 2);
    assert!(
        printed.contains("error: `pmchart.toml` line 3: `PM60` is not a pmchart code"),
        "{printed}"
    );
}

#[test]
fn only_postmortems_passes_over_other_readmes_and_json() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "README.md",
        "# Our repository\n\nHow to build it.\n",
    );
    write(
        dir.path(),
        "renovate.json",
        "{\"extends\": [\"config:base\"]}\n",
    );
    write(dir.path(), "package.json", "[1, 2]\n");
    write(
        dir.path(),
        "pm/README.md",
        &format!("# Outage on 3 May 2024\n\n{TIMELINE}"),
    );
    let args = [
        "check",
        "--template",
        "none",
        "--only-postmortems",
        "README.md",
        "renovate.json",
        "package.json",
        "pm/README.md",
    ];
    let (_, printed, code) = pmchart(dir.path(), &args);
    assert_eq!(code, 0, "{printed}");
    assert!(
        printed.contains("note: skipped `renovate.json`: no timeline"),
        "{printed}"
    );
    assert!(printed.contains("4 files (3 skipped)"), "{printed}");
    // Named without the flag, they are reported: a file named must be a postmortem.
    let (_, _, code) = pmchart(
        dir.path(),
        &args.map(|a| if a == "--only-postmortems" { "-q" } else { a }),
    );
    assert_eq!(code, 1);
}

#[test]
fn colour_follows_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "README.md",
        "## Timeline\n\n- 10:00 a\n- 09:00 b\n",
    );
    let (_, always, _) = pmchart(dir.path(), &["check", "--color", "always", "README.md"]);
    assert!(always.contains("\u{1b}["), "{always}");
    let (_, never, _) = pmchart(dir.path(), &["check", "--color", "never", "README.md"]);
    assert!(!never.contains('\u{1b}'), "{never}");
}
