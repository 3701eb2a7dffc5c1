//! The README's tables of diagnostic codes are generated from `src/codes.rs`: this test fails
//! when they are stale, and `PMCHART_UPDATE_README=1 cargo test --test readme_codes` rewrites
//! them. Every code is in exactly one table.

use pmchart::codes::{Code, Group};
use std::path::Path;

#[test]
fn the_readme_tables_of_codes_are_the_generated_ones() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let mut updated = String::new();
    let mut rest = readme.as_str();
    let mut seen = Vec::new();
    while let Some(start) = rest.find("<!-- codes:") {
        let open_end = start + rest[start..].find("-->").expect("the marker closes") + 3;
        let name = rest[start + "<!-- codes:".len()..]
            .split([' ', '-'])
            .next()
            .unwrap()
            .to_string();
        let close = open_end
            + rest[open_end..]
                .find("<!-- /codes -->")
                .expect("an end marker");
        let group = Group::ALL
            .into_iter()
            .find(|g| g.name() == name)
            .unwrap_or_else(|| panic!("unknown group `{name}` in the README"));
        seen.push(group);
        updated.push_str(&rest[..open_end]);
        updated.push('\n');
        updated.push_str(&Code::readme_table(group));
        rest = &rest[close..];
    }
    updated.push_str(rest);
    for g in Group::ALL {
        assert_eq!(
            seen.iter().filter(|s| **s == g).count(),
            1,
            "the README has no table (or two) for the {} codes",
            g.name()
        );
    }
    if std::env::var_os("PMCHART_UPDATE_README").is_some() {
        std::fs::write(&path, &updated).unwrap();
        return;
    }
    assert!(
        updated == readme,
        "the README's tables of codes are stale: run PMCHART_UPDATE_README=1 cargo test --test readme_codes"
    );
    // Every code is documented in its group's table.
    for c in Code::ALL {
        assert!(
            Code::readme_table(c.group()).contains(&format!("| {} |", c.id())),
            "{c}"
        );
    }
}
