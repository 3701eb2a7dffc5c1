//! Tick choice: natural steps for spans from 5 minutes to 3 days, and DST days where wall-clock
//! hours vanish (spring) or repeat (autumn).

use chrono::{DateTime, Duration, Timelike, Utc};
use pmchart::layout::ticks::{choose_step, tick_label, ticks_with_step, Tick, STEPS};
use pmchart::Zone;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

fn labels(ticks: &[Tick], step: i64) -> Vec<String> {
    ticks.iter().map(|t| tick_label(t, step)).collect()
}

/// Real time between consecutive ticks, in minutes.
fn gaps(ticks: &[Tick]) -> Vec<i64> {
    ticks
        .windows(2)
        .map(|w| (w[1].at - w[0].at).num_minutes())
        .collect()
}

#[test]
fn spans_from_five_minutes_to_three_days_get_natural_steps() {
    let start = utc("2025-02-11T09:41:00Z");
    let cases = [
        (Duration::minutes(5), 60),
        (Duration::minutes(15), 120),
        (Duration::minutes(45), 600),
        (Duration::minutes(90), 900),
        (Duration::hours(3), 1800),
        (Duration::hours(7), 3600),
        (Duration::hours(12), 7200),
        (Duration::hours(20), 10800),
        (Duration::hours(36), 21600),
        (Duration::days(3), 43200),
    ];
    for (span, want) in cases {
        let end = start + span;
        let step = choose_step(start, end, 8);
        assert_eq!(step, want, "span {span}");
        assert!(STEPS.contains(&step));
        let ticks = ticks_with_step(&Zone::utc(), start, end, step);
        // The ticks enclose the span, at most 8 intervals plus the two rounded ends.
        assert!(ticks.first().unwrap().at <= start, "span {span}");
        assert!(ticks.last().unwrap().at >= end, "span {span}");
        assert!(ticks.len() <= 10, "span {span}: {} ticks", ticks.len());
        for t in &ticks {
            let secs = i64::from(t.local.num_seconds_from_midnight());
            assert_eq!(
                secs % step.min(86400),
                0,
                "{} is not on a {step}s step",
                t.local
            );
        }
        assert!(gaps(&ticks).iter().all(|g| *g * 60 == step), "span {span}");
    }
}

#[test]
fn a_five_minute_span_gets_minute_ticks() {
    let ticks = ticks_with_step(
        &Zone::utc(),
        utc("2025-02-11T09:41:10Z"),
        utc("2025-02-11T09:46:00Z"),
        60,
    );
    assert_eq!(
        labels(&ticks, 60),
        ["09:41", "09:42", "09:43", "09:44", "09:45", "09:46"]
    );
}

#[test]
fn day_steps_fall_on_local_midnights() {
    let z = zone("Europe/London");
    let ticks = ticks_with_step(
        &z,
        utc("2026-03-27T10:00:00Z"),
        utc("2026-03-31T10:00:00Z"),
        86400,
    );
    assert_eq!(
        labels(&ticks, 86400),
        ["27 Mar", "28 Mar", "29 Mar", "30 Mar", "31 Mar", "1 Apr"]
    );
    // 29 March, the day of the change to BST, is an hour shorter.
    assert_eq!(gaps(&ticks), [1440, 1440, 1380, 1440, 1440]);
}

#[test]
fn new_york_spring_forward_skips_the_missing_hour_and_keeps_the_rest() {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT.
    let z = zone("America/New_York");
    let start = utc("2026-03-08T01:00:00-05:00");
    let end = utc("2026-03-08T04:00:00-04:00");
    let ticks = ticks_with_step(&z, start, end, 900);
    assert_eq!(
        labels(&ticks, 900),
        ["01:00", "01:15", "01:30", "01:45", "03:00", "03:15", "03:30", "03:45", "04:00"]
    );
    // Every tick is 15 real minutes from the last: 01:45 EST and 03:00 EDT included.
    assert!(gaps(&ticks).iter().all(|g| *g == 15), "{:?}", gaps(&ticks));
    assert_eq!(ticks[3].offset, -5 * 3600);
    assert_eq!(ticks[4].offset, -4 * 3600);
}

#[test]
fn new_york_fall_back_shows_the_repeated_hour_twice() {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST.
    let z = zone("America/New_York");
    let ticks = ticks_with_step(
        &z,
        utc("2026-11-01T00:00:00-04:00"),
        utc("2026-11-01T03:00:00-05:00"),
        3600,
    );
    assert_eq!(
        labels(&ticks, 3600),
        ["00:00", "01:00", "01:00", "02:00", "03:00"]
    );
    assert!(gaps(&ticks).iter().all(|g| *g == 60));
}

#[test]
fn london_spring_and_autumn_changes() {
    let z = zone("Europe/London");
    // 2026-03-29: 01:00 GMT becomes 02:00 BST; there is no 01:xx.
    let ticks = ticks_with_step(
        &z,
        utc("2026-03-29T00:00:00+00:00"),
        utc("2026-03-29T03:00:00+01:00"),
        1800,
    );
    assert_eq!(
        labels(&ticks, 1800),
        ["00:00", "00:30", "02:00", "02:30", "03:00"]
    );
    assert!(gaps(&ticks).iter().all(|g| *g == 30));
    // 2026-10-25: 02:00 BST becomes 01:00 GMT; 01:00 and 01:30 happen twice.
    let ticks = ticks_with_step(
        &z,
        utc("2026-10-25T00:30:00+01:00"),
        utc("2026-10-25T02:00:00+00:00"),
        1800,
    );
    assert_eq!(
        labels(&ticks, 1800),
        ["00:30", "01:00", "01:30", "01:00", "01:30", "02:00"]
    );
    assert!(gaps(&ticks).iter().all(|g| *g == 30));
}

#[test]
fn the_chart_axis_names_the_clock_after_a_change() {
    // Through the whole renderer: the axis of a DST night says which 03:00 it means.
    let src = r#"{"timezone": "America/New_York", "events": [
        {"time": "2026-03-08T00:30:00-05:00", "kind": "detect", "text": "a"},
        {"time": "2026-03-08T04:30:00-04:00", "kind": "resolve", "text": "b"}]}"#;
    let incident = pmchart::input::json::read(src, &Default::default())
        .unwrap()
        .incident;
    let scene = pmchart::render::layout(&incident, &Default::default());
    let ticks: Vec<&str> = scene
        .shapes
        .iter()
        .filter(|s| s.role() == pmchart::layout::Role::TickLabel)
        .filter_map(|s| s.text())
        .collect();
    assert!(ticks.contains(&"03:00 EDT"), "{ticks:?}");
    assert!(!ticks.iter().any(|t| t.starts_with("02:")), "{ticks:?}");
}
