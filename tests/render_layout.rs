//! Layout invariants: every label readable. No two text boxes overlap, no text lies on a mark
//! (bars, markers, swatches; gridlines and backgrounds may pass under text), and everything is
//! on the canvas. Checked for every example, a generated incident of 60 events, long texts, and
//! narrow and wide canvases.

use pmchart::input::{json, ReadOptions};
use pmchart::layout::{Scene, Shape};
use pmchart::render::{self, RenderOptions};
use pmchart::Incident;
use std::path::PathBuf;

fn examples() -> Vec<(String, Incident)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let incident = json::read(&text, &ReadOptions::default())
            .unwrap_or_else(|f| panic!("{}: {:?}", p.display(), f.diagnostics))
            .incident;
        out.push((
            p.file_stem().unwrap().to_string_lossy().into_owned(),
            incident,
        ));
    }
    assert!(out.len() >= 3, "at least three examples");
    out
}

/// An incident of `n` events over about `hours` hours, every kind, some with long texts.
fn generated(n: usize, hours: i64, long: bool) -> Incident {
    let kinds = [
        "trigger",
        "detect",
        "acknowledge",
        "action",
        "misleading",
        "escalate",
        "action",
        "mitigate",
        "action",
        "note",
    ];
    let mut events = Vec::new();
    for i in 0..n {
        let minutes = i as i64 * hours * 60 / n as i64;
        let t = chrono::DateTime::parse_from_rfc3339("2026-03-07T22:00:00-05:00").unwrap()
            + chrono::Duration::minutes(minutes);
        let kind = if i == n - 1 {
            "resolve"
        } else {
            kinds[i % kinds.len()]
        };
        let text = if long && i % 3 == 0 {
            format!(
                "Event {i}: {} and a word that does not fit anywhere: {}",
                "the responders looked at the dashboards again and again ".repeat(4),
                "x".repeat(120)
            )
        } else {
            format!("Event {i}: checked the {kind} path")
        };
        let actor = if kind == "escalate" {
            Some(if long {
                "The extremely long named escalation team of the storage platform organisation"
                    .to_string()
            } else {
                format!("Team {i}")
            })
        } else {
            None
        };
        events.push(serde_json::json!({
            "time": t.to_rfc3339(),
            "kind": kind,
            "text": text,
            "actor": actor,
        }));
    }
    for e in &mut events {
        if e["actor"].is_null() {
            e.as_object_mut().unwrap().remove("actor");
        }
    }
    let title = if long {
        "A very long title for an incident that goes on and on about what happened to the checkout service during the night of the clock change, far longer than any sensible title".to_string()
    } else {
        format!("Generated incident of {n} events")
    };
    let doc = serde_json::json!({
        "title": title,
        "timezone": "America/New_York",
        "events": events,
    });
    json::read(&doc.to_string(), &ReadOptions::default())
        .unwrap()
        .incident
}

/// Every violation of the invariants, described.
fn violations(scene: &Scene) -> Vec<String> {
    let mut out = Vec::new();
    let eps = 0.01;
    for s in &scene.shapes {
        let b = s.bounds();
        if b.x < -eps
            || b.y < -eps
            || b.x + b.width > scene.width + eps
            || b.y + b.height > scene.height + eps
        {
            out.push(format!(
                "off the canvas: {:?} {:?} {:?}",
                s.role(),
                s.text(),
                b
            ));
        }
        if let Shape::Text(t) = s {
            // Text boxes keep a margin to the canvas edge: nothing cut.
            if t.x < 8.0 || t.x + t.width > scene.width - 8.0 {
                out.push(format!("at the edge: {:?} {:?}", t.text, b));
            }
        }
    }
    let texts: Vec<&Shape> = scene
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Text(_)))
        .collect();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            if a.bounds().intersects(&b.bounds()) {
                out.push(format!("text on text: {:?} / {:?}", a.text(), b.text()));
            }
        }
        for m in scene
            .shapes
            .iter()
            .filter(|m| !matches!(m, Shape::Text(_)) && !m.role().is_decoration())
        {
            if a.bounds().intersects(&m.bounds()) {
                out.push(format!(
                    "text on a mark: {:?} / {:?} {:?}",
                    a.text(),
                    m.role(),
                    m.bounds()
                ));
            }
        }
    }
    out
}

fn assert_readable(name: &str, scene: &Scene) {
    let v = violations(scene);
    assert!(
        v.is_empty(),
        "{name}: {} problems:\n{}",
        v.len(),
        v.join("\n")
    );
}

#[test]
fn every_example_is_readable_at_every_width() {
    for (name, incident) in examples() {
        for width in [480, 700, 900, 1400] {
            let scene = render::layout(
                &incident,
                &RenderOptions {
                    width,
                    ..Default::default()
                },
            );
            assert_eq!(scene.width, width as f32);
            assert_readable(&format!("{name} at {width}"), &scene);
        }
    }
}

#[test]
fn sixty_events_stay_readable_and_the_height_follows() {
    let small = render::layout(&generated(10, 5, false), &RenderOptions::default());
    let scene = render::layout(&generated(60, 30, false), &RenderOptions::default());
    assert_readable("60 events", &scene);
    assert!(
        scene.height > small.height * 2.0,
        "{} vs {}",
        scene.height,
        small.height
    );
    assert!(scene.height > 60.0 * 20.0, "{}", scene.height);
    // Every event has its row: its time, its text and its marker.
    let texts: Vec<&str> = scene.shapes.iter().filter_map(|s| s.text()).collect();
    for i in 0..60 {
        assert!(
            texts.iter().any(|t| t.starts_with(&format!("Event {i}:"))),
            "event {i} missing"
        );
    }
    let markers = scene
        .shapes
        .iter()
        .filter(|s| s.role() == pmchart::layout::Role::Marker)
        .count();
    assert!(markers >= 60);
}

#[test]
fn long_texts_wrap_or_shorten_and_keep_the_full_text() {
    for width in [480, 900] {
        let scene = render::layout(
            &generated(60, 50, true),
            &RenderOptions {
                width,
                ..Default::default()
            },
        );
        assert_readable(&format!("long texts at {width}"), &scene);
        let shortened: Vec<&pmchart::layout::TextBox> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) if t.full_text.is_some() => Some(t),
                _ => None,
            })
            .collect();
        assert!(!shortened.is_empty());
        // A shortened paragraph ends in an ellipsis and keeps the whole text for the tooltip.
        for t in &shortened {
            let full = t.full_text.as_ref().unwrap();
            assert!(full.chars().count() > t.text.chars().count());
            let lines: Vec<&&pmchart::layout::TextBox> = shortened
                .iter()
                .filter(|o| o.full_text.as_ref() == Some(full))
                .collect();
            assert!(
                lines.last().unwrap().text.ends_with('…'),
                "{:?}",
                lines.iter().map(|l| &l.text).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn an_incident_without_events_still_lays_out() {
    let incident = json::read("{\"events\": []}", &ReadOptions::default())
        .unwrap()
        .incident;
    let scene = render::layout(&incident, &RenderOptions::default());
    assert_readable("empty", &scene);
    assert!(scene.height > 100.0);
}

#[test]
fn the_subtitle_gives_dates_zone_and_duration_or_times_only() {
    let texts = |incident: &Incident| -> Vec<String> {
        render::layout(incident, &RenderOptions::default())
            .shapes
            .iter()
            .filter(|s| s.role() == pmchart::layout::Role::Subtitle)
            .filter_map(|s| s.text().map(str::to_string))
            .collect()
    };
    let known = texts(
        &examples()
            .into_iter()
            .find(|(n, _)| n == "dst-night")
            .unwrap()
            .1,
    );
    assert_eq!(
        known.join(" "),
        "7–8 March 2026 · 23:50–04:25 EST → EDT (UTC-04:00) · 3 h 35 min of impact"
    );

    let src = r#"{"timezone": "UTC", "events": [
        {"time": "2000-01-01T14:02:00Z", "kind": "detect", "text": "a", "date_known": false},
        {"time": "2000-01-01T15:07:00Z", "kind": "resolve", "text": "b", "date_known": false}]}"#;
    let incident = json::read(src, &ReadOptions::default()).unwrap().incident;
    let unknown = texts(&incident).join(" ");
    assert_eq!(
        unknown,
        "14:02–15:07 UTC · date not stated · 1 h 5 min of impact"
    );
    // No day headers or day labels for a placeholder date.
    let scene = render::layout(&incident, &RenderOptions::default());
    assert!(!scene.shapes.iter().any(|s| matches!(
        s.role(),
        pmchart::layout::Role::DayHeader | pmchart::layout::Role::DayLabel
    )));
    assert!(!scene.description.contains("2000"));
}

#[test]
fn pathological_texts_stay_bounded() {
    // A megabyte-sized entry without spaces and thousands of entries: laid out, readable, and
    // the long text shown in three lines at most.
    let huge = "x".repeat(300_000);
    let mut events =
        vec![serde_json::json!({"time": "2026-01-01T10:00:00Z", "kind": "detect", "text": huge})];
    for i in 0..2000 {
        events.push(serde_json::json!({
            "time": format!("2026-01-01T{:02}:{:02}:00Z", 10 + i / 600, (i / 10) % 60),
            "text": format!("step {i}"),
        }));
    }
    let doc = serde_json::json!({"title": "x".repeat(100_000), "events": events});
    let incident = json::read(&doc.to_string(), &ReadOptions::default())
        .unwrap()
        .incident;
    let scene = render::layout(&incident, &RenderOptions::default());
    let long_lines = scene
        .shapes
        .iter()
        .filter(|s| s.role() == pmchart::layout::Role::EventText)
        .filter_map(|s| s.text())
        .filter(|t| t.starts_with("xxx"))
        .count();
    assert!((1..=3).contains(&long_lines), "{long_lines}");
    let titles = scene
        .shapes
        .iter()
        .filter(|s| s.role() == pmchart::layout::Role::Title)
        .count();
    assert!(titles <= 2);
    let svg = pmchart::draw::svg(&scene, pmchart::render::Theme::Light, true);
    assert!(svg.len() < 4_000_000, "{} bytes", svg.len());
}

#[test]
fn spans_of_centuries_lay_out_in_milliseconds_with_few_ticks() {
    // Fuzzing found charts over centuries that took a minute and 83 MB (a tick per week). Any
    // span gets a step (months, years, centuries) that leaves a dozen ticks at most.
    let three_centuries = serde_json::json!({"events": [
        {"time": "1800-03-01T10:00:00Z", "kind": "trigger", "text": "the bug is written"},
        {"time": "1950-06-15T12:00:00Z", "kind": "detect", "text": "someone notices"},
        {"time": "2100-11-30T18:00:00Z", "end": "2101-01-02T00:00:00Z", "kind": "resolve", "text": "fixed"},
    ]});
    let far_future = serde_json::json!({"events": [
        {"time": "9251-05-05T10:00:00Z", "end": "2024-06-05T09:00:00Z", "text": ""},
    ]});
    let far_past = serde_json::json!({"events": [
        {"time": "2024-05-05T10:00:00Z", "end": "2024-06-05T09:00:00Z", "text": ""},
        {"time": "1012-06-05T10:00:00Z", "end": "4048-06-05T09:00:00Z", "text": ""},
    ]});
    for (name, doc) in [
        ("three centuries", three_centuries),
        ("far future", far_future),
        ("far past", far_past),
    ] {
        let incident = json::read(&doc.to_string(), &ReadOptions::default())
            .unwrap()
            .incident;
        for width in [480, 800, 1400] {
            let opts = RenderOptions {
                width,
                keep_text: true,
                ..Default::default()
            };
            let started = std::time::Instant::now();
            let scene = render::layout(&incident, &opts);
            let svg = render::svg(&incident, &opts);
            let took = started.elapsed();
            let label = format!("{name} at {width}px");
            assert!(
                took < std::time::Duration::from_millis(500),
                "{label}: {took:?}"
            );
            assert_readable(&label, &scene);
            let grid = scene
                .shapes
                .iter()
                .filter(|s| s.role() == pmchart::layout::Role::Grid)
                .count();
            let tick_labels: Vec<&str> = scene
                .shapes
                .iter()
                .filter(|s| s.role() == pmchart::layout::Role::TickLabel)
                .filter_map(|s| s.text())
                .collect();
            // As for short spans, a tick per 60 px at most, and the two round ends.
            let most = width as usize / 60 + 2;
            assert!((2..=most).contains(&grid), "{label}: {grid} gridlines");
            assert!(
                (2..=most).contains(&tick_labels.len()),
                "{label}: {tick_labels:?}"
            );
            // Years, not days, label an axis over centuries.
            assert!(
                tick_labels
                    .iter()
                    .all(|l| l.len() <= 5 && l.parse::<i32>().is_ok()),
                "{label}: {tick_labels:?}"
            );
            assert!(svg.len() < 200_000, "{label}: {} bytes", svg.len());
        }
    }
}

mod random {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [&str; 9] = [
        "trigger",
        "detect",
        "acknowledge",
        "escalate",
        "action",
        "misleading",
        "mitigate",
        "resolve",
        "note",
    ];

    fn event() -> impl Strategy<Value = (u32, Option<u32>, usize, String, Option<String>)> {
        (
            0u32..(3 * 24 * 60),
            proptest::option::of(1u32..600),
            0usize..KINDS.len(),
            "[a-zA-Z0-9 <>&éß中文\u{202E}]{0,160}",
            proptest::option::of("[a-zA-Z ]{1,60}"),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

        /// Any incident, at any width: every label readable and on the canvas.
        #[test]
        fn any_incident_lays_out_readably(
            events in proptest::collection::vec(event(), 1..30),
            span_minutes in prop_oneof![Just(5u32), Just(90), Just(600), Just(4320)],
            width in 480u32..1400,
            zone in prop_oneof![Just("UTC"), Just("America/New_York"), Just("Europe/London"), Just("Asia/Kolkata")],
        ) {
            let base = chrono::DateTime::parse_from_rfc3339("2026-03-07T20:00:00+00:00").unwrap();
            let list: Vec<serde_json::Value> = events
                .iter()
                .map(|(at, end, kind, text, actor)| {
                    let t = base + chrono::Duration::minutes(i64::from(at % span_minutes));
                    let mut e = serde_json::json!({
                        "time": t.to_rfc3339(),
                        "kind": KINDS[*kind],
                        "text": text,
                    });
                    if let Some(d) = end {
                        e["end"] = (t + chrono::Duration::minutes(i64::from(d % span_minutes.max(2)))).to_rfc3339().into();
                    }
                    if let Some(a) = actor {
                        e["actor"] = a.clone().into();
                    }
                    e
                })
                .collect();
            let doc = serde_json::json!({"title": "Random", "timezone": zone, "events": list});
            let incident = json::read(&doc.to_string(), &ReadOptions::default()).unwrap().incident;
            let scene = render::layout(&incident, &RenderOptions { width, ..Default::default() });
            let v = violations(&scene);
            prop_assert!(v.is_empty(), "{}", v.join("\n"));
        }
    }
}

#[test]
fn the_checks_catch_overlaps_and_clipping() {
    let (_, incident) = examples().remove(0);
    let mut scene = render::layout(&incident, &RenderOptions::default());
    assert!(violations(&scene).is_empty());
    // A copy of a label moved onto another label, and one pushed off the canvas.
    let texts: Vec<Shape> = scene
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Text(_)))
        .cloned()
        .collect();
    if let (Shape::Text(mut a), Shape::Text(b)) = (texts[3].clone(), texts[5].clone()) {
        a.x = b.x + 2.0;
        a.y = b.y + 2.0;
        scene.shapes.push(Shape::Text(a.clone()));
        let v = violations(&scene);
        assert!(v.iter().any(|m| m.starts_with("text on text")), "{v:?}");
        a.x = scene.width - 5.0;
        scene.shapes.pop();
        scene.shapes.push(Shape::Text(a));
        let v = violations(&scene);
        assert!(v.iter().any(|m| m.starts_with("off the canvas")), "{v:?}");
    } else {
        panic!("texts expected");
    }
}
