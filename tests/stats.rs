//! `pmchart stats`: the numbers checked by hand on a small set, what is skipped and why, and the
//! chart's text free of overlaps and inside the canvas, in both themes.

use pmchart::render::Theme;
use pmchart::stats::{self, Report, Row};
use std::process::Command;

/// An incident detected at 10:00 on `day`, acknowledged `ack` minutes later and resolved `res`
/// minutes later (either left out when `None`).
fn incident(day: u32, ack: Option<i64>, res: Option<i64>) -> String {
    let at = |m: i64| format!("2024-06-{day:02}T{:02}:{:02}:00Z", 10 + m / 60, m % 60);
    let mut events = vec![format!(
        r#"{{"time": "{}", "kind": "detect", "text": "Alert fired"}}"#,
        at(0)
    )];
    if let Some(a) = ack {
        events.push(format!(
            r#"{{"time": "{}", "kind": "acknowledge", "text": "On-call acknowledged"}}"#,
            at(a)
        ));
    }
    if let Some(r) = res {
        events.push(format!(
            r#"{{"time": "{}", "kind": "resolve", "text": "Service restored"}}"#,
            at(r)
        ));
    }
    format!(r#"{{"events": [{}]}}"#, events.join(", "))
}

#[test]
fn numbers_by_hand_and_what_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.json", incident(1, Some(4), Some(30))),
        ("b.json", incident(2, Some(10), Some(90))),
        ("c.json", incident(3, None, Some(45))),
        ("d.json", incident(4, Some(16), None)),
    ];
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(
        dir.path().join("docs/README.md"),
        "# Docs\n\nNo timeline.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["stats", "--format", "json", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["incidents"].as_array().unwrap().len(), 4);
    // TTA: 4, 10, 16 minutes (c has no acknowledgement): mean 10, median 10, p90 16.
    let tta = &v["summary"]["tta"];
    assert_eq!(
        (tta["incidents"].as_u64(), tta["missing"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(tta["mean_minutes"], 10.0);
    assert_eq!(tta["median_minutes"], 10.0);
    assert_eq!(tta["p90_minutes"], 16.0);
    // TTR: 30, 45, 90 (d is not resolved): mean 55, median 45, p90 90.
    let ttr = &v["summary"]["ttr"];
    assert_eq!(ttr["missing"], 1);
    assert_eq!(ttr["mean_minutes"], 55.0);
    assert_eq!(ttr["median_minutes"], 45.0);
    assert_eq!(ttr["p90_minutes"], 90.0);
    assert_eq!(v["incidents"][0]["file"], "a.json");
    assert_eq!(v["incidents"][0]["date"], "2024-06-01");
    // A README found by walking with no timeline is not an incident: the walk passes it over.
    let md = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["stats", "--format", "markdown", ".", "docs/README.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&md.stdout);
    assert!(
        text.contains("| Time to acknowledge (MTA = mean) | 3 | 1 | 10 min | 10 min | 16 min |"),
        "{text}"
    );
    let table = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["stats", "docs/README.md", "a.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("skipped\n  docs/README.md: no timeline (not a postmortem)"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour into a pipe: {text}");
    // Nothing to measure: the reasons, no empty table, exit 1.
    let none = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["stats", "docs/README.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).starts_with(
        "note: skipped `docs/README.md`: no timeline (not a postmortem)\nerror: no postmortem"
    ));
}

fn report() -> Report {
    let rows = (1..=40)
        .map(|i| {
            let m = |v: i64| Some(chrono::Duration::minutes(v));
            Row {
                path: format!("pm/{i}/README.md").into(),
                title: None,
                date: chrono::NaiveDate::from_ymd_opt(2023, 1 + (i % 12) as u32, 1 + i as u32 % 27),
                values: [
                    None,
                    m(i64::from(i % 7) + 1),
                    None,
                    m(i64::from(i) * 37),
                    None,
                ],
            }
        })
        .chain(std::iter::once(Row {
            path: "undated.md".into(),
            title: None,
            date: None,
            values: [None, None, None, Some(chrono::Duration::minutes(5)), None],
        }))
        .collect();
    Report::new(rows, Vec::new())
}

#[test]
fn the_chart_text_does_not_overlap_and_stays_inside() {
    for theme in [Theme::Light, Theme::Dark] {
        let svg = stats::chart_svg(&report(), theme);
        assert_eq!(svg, stats::chart_svg(&report(), theme), "deterministic");
        assert!(svg.contains("1 without a date, not placed"));
        let tree = pmchart::draw::tree(&svg).unwrap();
        let mut boxes = Vec::new();
        collect_text(tree.root(), &mut boxes);
        assert!(boxes.len() > 10, "{}", boxes.len());
        let (w, h) = stats::CHART_SIZE;
        for (i, a) in boxes.iter().enumerate() {
            assert!(
                a.left() >= 0.0
                    && a.top() >= 0.0
                    && a.right() <= w as f32
                    && a.bottom() <= h as f32,
                "{a:?} outside"
            );
            for b in &boxes[i + 1..] {
                let overlap = a.left() < b.right()
                    && b.left() < a.right()
                    && a.top() < b.bottom()
                    && b.top() < a.bottom();
                assert!(!overlap, "{theme:?}: {a:?} overlaps {b:?}");
            }
        }
        let outlined = stats::chart_svg_outlined(&report(), theme).unwrap();
        assert!(!outlined.contains("<text"), "text is drawn as paths");
        assert!(outlined.contains("<title>Time to acknowledge and time to resolve of 41 incidents"));
        let png = stats::chart_png(&report(), theme, 1.0).unwrap();
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), stats::CHART_SIZE);
    }
}

fn collect_text(group: &usvg::Group, out: &mut Vec<usvg::Rect>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect_text(g, out),
            usvg::Node::Text(t) => out.push(t.abs_bounding_box()),
            _ => {}
        }
    }
}
