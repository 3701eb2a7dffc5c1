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
