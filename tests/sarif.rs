//! `pmchart check --format sarif`: one SARIF 2.1.0 document for the run, valid against the
//! OASIS schema (tests/schemas/sarif-schema-2.1.0.json, from oasis-tcs/sarif-spec), with each
//! diagnostic a result at its file, line and column.

use std::process::Command;

#[test]
fn check_writes_one_valid_sarif_document_for_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pm/a b")).unwrap();
    std::fs::write(
        dir.path().join("pm/a b/README.md"),
        "# Outage on 3 May 2024\n\n## Timeline (UTC)\n\n- 10:30 Alert fired\n- 10:05 Restarted\n- 10:40 Service restored\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pm/README.md"),
        "# Notes\n\n## Timeline\n\nTo do.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args([
            "check",
            "--format",
            "sarif",
            "--template",
            "alx",
            "pm/a b/README.md",
            "pm/README.md",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "pmchart");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), pmchart::codes::Code::ALL.len());
    let results = run["results"].as_array().unwrap();
    let out_of_order = results.iter().find(|r| r["ruleId"] == "PM101").unwrap();
    assert_eq!(out_of_order["level"], "error");
    let loc = &out_of_order["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "pm/a%20b/README.md");
    assert_eq!(loc["region"]["startLine"], 6);
    assert_eq!(loc["region"]["startColumn"], 3);
    // The rule a result names is the rule at its index.
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    // A file without entries is reported too, as a file-level result.
    assert!(results.iter().any(|r| r["ruleId"] == "PM011"
        && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pm/README.md"));
}
