//! On-call records in: PagerDuty log entries and Statuspage incidents (fixtures in
//! tests/imports/, written from the services' published schemas), as `import` writes them and as
//! `render`/`check` read them directly.

use pmchart::input::import::{self, Service};
use pmchart::input::{json, ReadOptions};
use pmchart::model::{EventKind, InputFormat, SourceText, Zone};
use pmchart::pipeline::{self, ChartFormat};
use pmchart::render::RenderOptions;
use std::process::Command;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/imports/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn summary(incident: &pmchart::Incident) -> Vec<(String, EventKind, Option<String>)> {
    incident
        .events
        .iter()
        .map(|e| {
            (
                e.time.instant().unwrap().to_rfc3339(),
                e.kind,
                e.actor.clone(),
            )
        })
        .collect()
}

#[test]
fn pagerduty_entries_become_the_incident_flow_in_time_order() {
    let text = fixture("pagerduty-log-entries.json");
    assert_eq!(import::detect(&text), Some(Service::PagerDuty));
    let p = import::read(&text, Service::PagerDuty, None, &ReadOptions::default()).unwrap();
    let i = &p.incident;
    assert_eq!(i.title.as_deref(), Some("[#1234] Checkout API returns 502"));
    let s = |t: &str, k: EventKind, a: Option<&str>| (t.to_string(), k, a.map(str::to_string));
    assert_eq!(
        summary(i),
        vec![
            s("2024-06-05T14:32:07+00:00", EventKind::Detect, None),
            s(
                "2024-06-05T14:36:45+00:00",
                EventKind::Acknowledge,
                Some("Earline Greenholt")
            ),
            s("2024-06-05T14:40:00+00:00", EventKind::Note, None),
            s(
                "2024-06-05T14:58:00+00:00",
                EventKind::Escalate,
                Some("Sarah Chen")
            ),
            s(
                "2024-06-05T15:22:40+00:00",
                EventKind::Action,
                Some("Sarah Chen")
            ),
            s("2024-06-05T15:30:00+00:00", EventKind::Note, None),
            s(
                "2024-06-05T15:41:12+00:00",
                EventKind::Resolve,
                Some("Earline Greenholt")
            ),
        ]
    );
    // How it was triggered; the note's own text; an unknown type kept, not fatal.
    assert_eq!(
        i.events[0].text,
        "Triggered through the Events API: HTTP 502 rate above 5% on checkout-api"
    );
    assert_eq!(
        i.events[4].text,
        "Failed over the primary database to the replica in us-east-1b"
    );
    assert_eq!(i.events[5].text, "Custom field changed");
    // Each event points at its entry in the file (the newest is first there).
    assert!(i.events[6].span.unwrap().line < i.events[0].span.unwrap().line);
    assert_eq!(i.display_zone, Some(Zone::utc()));
}

#[test]
fn pagerduty_shapes_and_missing_fields() {
    let text = fixture("pagerduty-log-entries.json");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = v["log_entries"].clone();
    let opts = ReadOptions::default();
    let whole = import::read(&text, Service::PagerDuty, None, &opts)
        .unwrap()
        .incident;
    let bare = serde_json::to_string_pretty(&entries).unwrap();
    let bare = import::read(&bare, Service::PagerDuty, None, &opts)
        .unwrap()
        .incident;
    assert_eq!(summary(&bare), summary(&whole));
    let wrapped =
        serde_json::json!({"incident": {"summary": "Checkout down", "log_entries": entries}});
    let wrapped = import::read(&wrapped.to_string(), Service::PagerDuty, None, &opts)
        .unwrap()
        .incident;
    assert_eq!(summary(&wrapped), summary(&whole));
    assert_eq!(wrapped.title.as_deref(), Some("Checkout down"));
    // Only `type` and `created_at`: still read, with plain texts.
    let minimal = r#"[{"type": "resolve_log_entry", "created_at": "2024-06-05T15:00:00Z"},
                     {"type": "trigger_log_entry_reference", "created_at": "2024-06-05T14:00:00Z"},
                     {"type": "acknowledgement_log_entry", "created_at": "2024-06-05T14:05:00Z"}]"#;
    let m = import::read(minimal, Service::PagerDuty, None, &opts)
        .unwrap()
        .incident;
    let kinds: Vec<_> = m.events.iter().map(|e| (e.kind, e.text.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (EventKind::Detect, "Triggered"),
            (EventKind::Acknowledge, "Acknowledged"),
            (EventKind::Resolve, "Resolved")
        ]
    );
    // A time that is not one is named, at its entry.
    let bad = r#"[{"type": "trigger_log_entry", "created_at": "yesterday"}]"#;
    let f = import::read(bad, Service::PagerDuty, None, &opts).unwrap_err();
    assert!(f.diagnostics[0]
        .message
        .contains("`yesterday` is not an RFC 3339 time"));
    assert_eq!(f.diagnostics[0].span.map(|s| s.line), Some(1));
}

#[test]
fn statuspage_incidents_with_their_window_and_updates() {
    let text = fixture("statuspage-incidents.json");
    assert_eq!(import::detect(&text), Some(Service::Statuspage));
    let opts = ReadOptions::default();
    let several = import::read(&text, Service::Statuspage, None, &opts).unwrap_err();
    let d = &several.diagnostics[0];
    assert!(d.message.contains("holds 2 incidents"), "{}", d.message);
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .contains("`cp306tmzcl0y` (Elevated checkout errors)"));
    let p = import::read(&text, Service::Statuspage, Some("cp306tmzcl0y"), &opts).unwrap();
    let i = &p.incident;
    assert_eq!(i.title.as_deref(), Some("Elevated checkout errors"));
    let at = |s: &Option<pmchart::model::Stamp>| {
        s.as_ref().unwrap().time.instant().unwrap().to_rfc3339()
    };
    assert_eq!(at(&i.impact.start), "2024-06-05T08:30:00-06:00");
    assert_eq!(at(&i.impact.end), "2024-06-05T09:41:00-06:00");
    let kinds: Vec<_> = i.events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            EventKind::Detect,
            EventKind::Action,
            EventKind::Action,
            EventKind::Mitigate,
            EventKind::Resolve,
            EventKind::Note
        ]
    );
    // The open incident: no end, and an update without `display_at` placed at `created_at`.
    let open = import::read(&text, Service::Statuspage, Some("x9k2mq7rt1ab"), &opts)
        .unwrap()
        .incident;
    assert!(open.impact.end.is_none());
    assert_eq!(
        open.events[1].time.instant().unwrap().to_rfc3339(),
        "2024-06-07T13:25:00-06:00"
    );
    // --tz chooses the chart's zone; the instants stay.
    let berlin = ReadOptions {
        tz: Zone::parse("Europe/Berlin"),
        title: None,
    };
    let b = import::read(&text, Service::Statuspage, Some("cp306tmzcl0y"), &berlin)
        .unwrap()
        .incident;
    assert_eq!(b.display_zone, Zone::parse("Europe/Berlin"));
    assert_eq!(summary(&b), summary(i));
}

fn svg_of(text: &str) -> String {
    let checked = pipeline::check_source(
        SourceText {
            path: None,
            text: text.to_string(),
            format: InputFormat::Json,
        },
        &pipeline::Options::default(),
    );
    let incident = checked.incident.expect("read");
    String::from_utf8(
        pipeline::draw(&incident, ChartFormat::Svg, &RenderOptions::default()).unwrap(),
    )
    .unwrap()
}

#[test]
fn importing_then_rendering_draws_the_chart_of_the_record() {
    let text = fixture("pagerduty-log-entries.json");
    let imported = import::read(&text, Service::PagerDuty, None, &ReadOptions::default()).unwrap();
    let written = json::write(&imported.incident);
    assert_eq!(svg_of(&written), svg_of(&text));
}

#[test]
fn the_markdown_timeline_reads_back_as_the_same_events() {
    let text = fixture("pagerduty-log-entries.json");
    let i = import::read(&text, Service::PagerDuty, None, &ReadOptions::default())
        .unwrap()
        .incident;
    let md = pmchart::export::markdown_timeline(&i);
    assert!(
        md.contains("## Timeline (UTC)\n\n### 2024-06-05\n\n- 14:32:07 - Triggered"),
        "{md}"
    );
    let back = pipeline::check_source(
        SourceText {
            path: None,
            text: md.clone(),
            format: InputFormat::Markdown,
        },
        &pipeline::Options::default(),
    )
    .incident
    .expect("the Markdown reads");
    let times_kinds = |i: &pmchart::Incident| -> Vec<(String, EventKind)> {
        i.events
            .iter()
            .map(|e| (e.time.instant().unwrap().to_rfc3339(), e.kind))
            .collect()
    };
    assert_eq!(times_kinds(&back), times_kinds(&i), "{md}");
    let escalation = back
        .events
        .iter()
        .find(|e| e.kind == EventKind::Escalate)
        .unwrap();
    assert_eq!(escalation.actor.as_deref(), Some("Sarah Chen"));
}

#[test]
fn the_command_line_imports_and_reads_records_directly() {
    let dir = tempfile::tempdir().unwrap();
    let pm = format!(
        "{}/tests/imports/pagerduty-log-entries.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let sp = format!(
        "{}/tests/imports/statuspage-incidents.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pmchart"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["render", &pm, "-o", "chart.svg", "-q"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(dir.path().join("chart.svg"))
        .unwrap()
        .starts_with("<svg"));
    let out = run(&["import", "statuspage", &sp, "--all", "-o", "."]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for id in ["cp306tmzcl0y", "x9k2mq7rt1ab"] {
        let written = std::fs::read_to_string(dir.path().join(format!("{id}.json"))).unwrap();
        assert!(written.starts_with("{\n  \"version\": 1,"));
    }
    let out = run(&["import", "statuspage", &sp]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--id ID"));
    let out = run(&["check", "--format", "json", &pm]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
