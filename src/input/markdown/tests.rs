//! Unit tests of the Markdown reader: one per entry form and zone form.

use super::*;

fn read_ok(md: &str) -> Parsed {
    match read(md, &ReadOptions::default()) {
        Ok(p) => p,
        Err(f) => panic!("read failed: {:?}", f.diagnostics),
    }
}

/// (line, HH:MM) of every event.
fn lt(md: &str) -> Vec<(usize, String)> {
    read_ok(md)
        .incident
        .events
        .iter()
        .map(|e| (e.span.unwrap().line, e.wall_clock()))
        .collect()
}

#[test]
fn bullets_and_plain_lines() {
    let md = "# T\n\n## Timeline\n- 10:00 AM: a\n* 14:32 UTC - b\n+ 3:00 PM CAT- c\n1. 09:45am: d\nplain 2:00 PM: e\n";
    let got = lt(md);
    assert_eq!(got[0], (4, "10:00".into()));
    assert_eq!(got[1], (5, "14:32".into()));
    assert_eq!(got[2], (6, "15:00".into()));
    assert_eq!(got[3], (7, "09:45".into()));
}
