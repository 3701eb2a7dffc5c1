//! The chart tells the incident's story: a real title, metrics measured between named moments,
//! lanes that follow the key moments, the compact chart for READMEs, text shaped as written, and
//! `parse --explain` / the metrics in `parse` JSON.

use pmchart::input::{markdown, ReadOptions};
use pmchart::layout::{Lane, Role, Shape};
use pmchart::metrics::{self, Figure};
use pmchart::render::{self, RenderOptions};
use pmchart::Incident;
use std::process::Command;

fn read(md: &str) -> Incident {
    markdown::read(md, &ReadOptions::default())
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics))
        .incident
}

const OUTAGE: &str = "# 0x19. Postmortem

## Issue Summary

On June 5, 2024, from 14:00 to 15:00 UTC, the login outage locked out every user.

## Timeline (UTC)

- 13:50 - Config push to the auth service
- 14:10 - Monitoring alert fired for login errors
- 14:15 - On-call engineer acknowledged the page
- 14:25 - Restart did not help; escalated to the identity team
- 14:40 - Rolled back the config push
- 15:00 - Service fully restored
- 15:30 - Postmortem meeting scheduled
";

#[test]
fn the_title_is_what_happened_not_the_course_task() {
    // "0x19. Postmortem" and "Issue Summary" are not titles.
    assert_eq!(
        read(OUTAGE).title.as_deref(),
        Some("Login outage, 5 June 2024")
    );
    let own = "# Postmortem: Checkout API outage after a config push\n\n## Timeline\n- 10:00 UTC alert\n- 10:30 UTC resolved\n";
    assert_eq!(
        read(own).title.as_deref(),
        Some("Checkout API outage after a config push")
    );
    // A measure is not what went down: "a 100% downtime" gives no subject.
    let measure = "## Issue Summary\nOn May 8th, 2024 the site had a 100% downtime for all users.\n\n## Timeline\n- 10:00 UTC alert\n- 10:30 UTC resolved\n";
    assert_eq!(
        read(measure).title.as_deref(),
        Some("Incident of 8 May 2024")
    );
    let lower = "# Postmortem\n\n## Timeline\n- 10:00 UTC server failure and monitoring alert\n- 10:30 UTC resolved\n";
    assert_eq!(
        read(lower).title.as_deref(),
        Some("Server failure and monitoring alert")
    );
    let bare = "# Postmortem\n\n## Timeline\n- 10:00 UTC Users reported 500 errors\n- 10:30 UTC resolved\n";
    assert_eq!(
        read(bare).title.as_deref(),
        Some("Users reported 500 errors")
    );
    // A sub-heading of the summary ends its words: "Duration of Outage" then "The outage
    // lasted" gives no "OutageThe".
    let sub = "## Issue Summary\n\n### Duration of Outage\nThe outage lasted 2 hours on May 8th, 2024.\n\n### Impact\nThe checkout API outage stopped every order.\n\n## Timeline\n- 10:00 UTC alert\n- 12:00 UTC resolved\n";
    assert_eq!(
        read(sub).title.as_deref(),
        Some("Checkout API outage, 8 May 2024")
    );
    // A generic first line, then the title with its date: the date is the subtitle's. A
    // sentence as the second line is no title.
    let second = "Incident Reports\nSeptember 12, 2024 - Checkout Service Outage\n\n## Timeline\n- 14:30 UTC alert\n- 16:00 UTC resolved\n";
    assert_eq!(
        read(second).title.as_deref(),
        Some("Checkout Service Outage")
    );
    let sentence = "Incident Reports\nThis postmortem is a scrutiny of a situation that I experienced\n\n## Timeline\n- 14:30 UTC alert\n- 16:00 UTC resolved\n";
    assert_eq!(read(sentence).title.as_deref(), Some("Alert"));
    // A section name or a document word with a typo is no title either.
    for opening in [
        "ssue Summary",
        "Isue summary",
        "# Postmprtem",
        "# Incidnet Report",
    ] {
        let text = format!(
            "{opening}\n\nOn May 8th, 2024 the payments API outage stopped every checkout.\n\n## Timeline\n- 10:00 UTC alert\n- 10:30 UTC resolved\n"
        );
        assert_eq!(
            read(&text).title.as_deref(),
            Some("Incident of 8 May 2024"),
            "{opening}"
        );
    }
}

#[test]
fn kinds_follow_the_on_call_flow() {
    let kinds: Vec<&str> = read(OUTAGE)
        .events
        .iter()
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "trigger",
            "detect",
            "acknowledge",
            "escalate",
            "mitigate",
            "resolve",
            "note"
        ]
    );
    let inc = read(OUTAGE);
    assert_eq!(inc.events[3].actor.as_deref(), Some("identity team"));
    assert!(inc.events[3]
        .kind_reason
        .as_deref()
        .unwrap()
        .contains("escalated"));
}

#[test]
fn case_changing_letters_do_not_panic() {
    let inc = read("## Timeline\n- 10:05: İlker escalated to ÖMER\n- 10:30: ǅ resolved\n");
    assert_eq!(inc.events[0].kind.as_str(), "escalate");
    assert_eq!(inc.events[0].actor.as_deref(), Some("ÖMER"));
}

#[test]
fn metrics_are_measured_from_the_detection_and_name_their_moments() {
    let m = metrics::measure(&read(OUTAGE));
    let minutes = |f: &Figure| f.duration().map(|d| d.num_minutes());
    assert_eq!(minutes(&m.time_to_acknowledge), Some(5));
    assert_eq!(minutes(&m.time_to_mitigate), Some(30));
    assert_eq!(minutes(&m.time_to_resolve), Some(50));
    assert_eq!(minutes(&m.time_to_detect), Some(10)); // the summary's start, 14:00
    assert_eq!(minutes(&m.impact), Some(60));
    match &m.time_to_acknowledge {
        Figure::Measured { from, to } => {
            assert_eq!((from.what, from.line), ("detection", Some(10)));
            assert_eq!((to.what, to.line), ("acknowledgement", Some(11)));
        }
        other => panic!("{other:?}"),
    }
    // No acknowledgement: the figure says why; detected as the impact began: no time to detect.
    let m = metrics::measure(&read(
        "## Timeline (UTC)\n- 10:00 Alert fired\n- 10:30 Service restored\n",
    ));
    assert_eq!(
        m.time_to_acknowledge,
        Figure::Missing("no acknowledgement in the timeline")
    );
    assert!(matches!(m.time_to_detect, Figure::NotMeaningful(_)));
}

fn lanes(inc: &Incident, compact: bool) -> (Vec<String>, Vec<String>) {
    let scene = render::layout(
        inc,
        &RenderOptions {
            compact,
            ..Default::default()
        },
    );
    let texts = |role: Role| -> Vec<String> {
        scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) if t.role == role => Some(t.text.clone()),
                _ => None,
            })
            .collect()
    };
    // One row per entry: its time.
    let rows = texts(Role::EventTime);
    let row_texts = texts(Role::EventText);
    (
        texts(Role::LaneLabel),
        if compact { row_texts } else { rows },
    )
}

#[test]
fn no_detection_lane_without_a_detection() {
    let inc =
        read("## Timeline (UTC)\n- 10:00 [ack] On-call took the page\n- 10:30 [resolve] Fixed\n");
    let (lane_labels, _) = lanes(&inc, false);
    assert!(
        !lane_labels.contains(&Lane::Detection.name().to_string()),
        "{lane_labels:?}"
    );
    let (lane_labels, _) = lanes(&read(OUTAGE), false);
    assert!(lane_labels.contains(&"Detection".to_string()));
}

#[test]
fn the_compact_chart_has_a_row_per_key_moment() {
    let (_, rows) = lanes(&read(OUTAGE), true);
    assert_eq!(
        rows,
        [
            "Cause",
            "Detected",
            "Acknowledged",
            "Escalated",
            "Mitigated",
            "Resolved"
        ]
    );
    let (_, rows) = lanes(&read(OUTAGE), false);
    assert_eq!(rows.len(), 7);
}

#[test]
fn digit_x_digit_is_drawn_as_written() {
    use pmchart::layout::text::{shape, Weight};
    // With contextual alternates, Inter draws the x of "0x19" as a multiplication sign: a glyph
    // other than the x of "x".
    let x = shape("x", Weight::Regular)[0].id;
    let glyphs = shape("0x19", Weight::Regular);
    assert_eq!(glyphs[1].id, x);
}

#[test]
fn parse_explains_and_prints_the_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, OUTAGE).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .args(["parse", "--explain"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("line   12  14:25  escalate (cues: escalated)"),
        "{text}"
    );
    assert!(text.contains("escalated to: identity team"), "{text}");
    assert!(
        text.contains("Time to acknowledge: 5 min (detection, line 10 → acknowledgement, line 11)"),
        "{text}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_pmchart"))
        .arg("parse")
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["metrics"]["tta"],
        serde_json::json!({"from": "detection", "from_line": 10, "to": "acknowledgement", "to_line": 11, "minutes": 5})
    );
    assert_eq!(json["timeline"]["found_by"], "title");
    // The JSON parse writes reads back.
    let back = pmchart::input::json::read(
        &String::from_utf8_lossy(&out.stdout),
        &ReadOptions::default(),
    );
    assert!(back.is_ok());
}

#[test]
fn the_sre_template_markers_tell_the_story() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/sre-template.md"),
    )
    .unwrap();
    let inc = read(&text);
    let kind_at = |line: usize| {
        inc.events
            .iter()
            .find(|e| e.span.map(|s| s.line) == Some(line))
            .map(|e| e.kind.as_str())
    };
    // OUTAGE BEGINS is the cause, the pager storm the detection, INCIDENT BEGINS the
    // acknowledgement, OUTAGE MITIGATED a mitigation, OUTAGE ENDS the resolution and INCIDENT
    // ENDS (the exit criterion) a note after it.
    assert_eq!(kind_at(48), Some("trigger"));
    assert_eq!(kind_at(49), Some("detect"));
    assert_eq!(kind_at(50), Some("acknowledge"));
    assert_eq!(kind_at(53), Some("escalate"));
    assert_eq!(kind_at(55), Some("mitigate"));
    assert_eq!(kind_at(56), Some("resolve"));
    assert_eq!(kind_at(57), Some("note"));
    let m = metrics::measure(&inc);
    assert_eq!(
        m.time_to_resolve.duration().map(|d| d.num_minutes()),
        Some(39)
    );
    assert_eq!(m.impact.duration().map(|d| d.num_minutes()), Some(41));
}
