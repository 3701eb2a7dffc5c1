//! PM401-PM405: what the summary states about the outage window against the timeline.

use super::{time_diff, where_is, TOLERANCE_MINUTES};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{format_duration, Event, EventKind, Incident, Stamp, When};
use chrono::Duration;

pub fn check(incident: &Incident) -> Vec<Diagnostic> {
    let impact = &incident.impact;
    let mut diags = Vec::new();
    let tolerance = Duration::minutes(TOLERANCE_MINUTES);
    let detection = detection(incident);

    if let (Some(start), Some(end)) = (&impact.start, &impact.end) {
        if time_diff(end.time, start.time) < Duration::zero() {
            let mut d = Diagnostic::new(
                Code::EndBeforeStart,
                format!(
                    "the summary's end ({}) is before its start ({})",
                    stamp_clock(end),
                    stamp_clock(start)
                ),
            )
            .at_opt(end.span.or(start.span))
            .with_help(end_before_start_help(start, end));
            if let (Some(s), Some(_)) = (start.span, end.span) {
                d = d.with_related(s, "the start");
            }
            diags.push(d);
            // Further comparisons with a reversed window say nothing new.
            return diags;
        }
    }

    if let (Some(start), Some(det)) = (&impact.start, detection) {
        let late = time_diff(start.time, det.time);
        if late > tolerance {
            diags.push(against_event(
                Code::StartAfterDetection,
                format!(
                    "the summary says the outage started at {}, {} after it was detected at {} ({})",
                    stamp_clock(start),
                    format_duration(late),
                    det.wall_clock(),
                    where_is(det)
                ),
                start,
                det,
                "the detection",
                "correct the start in the summary; an outage starts no later than it is detected",
            ));
        }
    }

    if let Some(end) = &impact.end {
        let resolutions: Vec<&Event> = incident
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Resolve)
            .collect();
        let off = |e: &Event| time_diff(end.time, e.end.unwrap_or(e.time));
        let matches_one = resolutions.iter().any(|e| off(e).abs() <= tolerance);
        if let (false, Some(last)) = (matches_one, incident.last_of(EventKind::Resolve)) {
            let diff = off(last);
            diags.push(against_event(
                Code::EndOffResolution,
                format!(
                    "the summary says the outage ended at {}, {} {} the timeline's resolution at {} ({})",
                    stamp_clock(end),
                    format_duration(diff.abs()),
                    if diff < Duration::zero() { "before" } else { "after" },
                    last.end.unwrap_or(last.time).wall_clock(),
                    where_is(last)
                ),
                end,
                last,
                "the resolution",
                "make the summary's end and the timeline's resolution agree",
            ));
        }
    }

    if let Some(stated) = &impact.stated_duration {
        let start = impact
            .start
            .as_ref()
            .map(|s| s.time)
            .or_else(|| detection.map(|e| e.time));
        let end = impact.end.as_ref().map(|s| s.time).or_else(|| {
            incident
                .last_of(EventKind::Resolve)
                .map(|e| e.end.unwrap_or(e.time))
        });
        if let (Some(s), Some(e)) = (start, end) {
            let actual = time_diff(e, s);
            // People round durations: allow a tenth of the stated one, and at least the tolerance.
            let allowed = tolerance.max(stated.duration / 10);
            if actual >= Duration::zero() && (actual - stated.duration).abs() > allowed {
                let from = match (impact.start.is_some(), impact.end.is_some()) {
                    (true, true) => "the summary's start and end",
                    (true, false) => "the summary's start and the timeline's resolution",
                    (false, true) => "the timeline's detection and the summary's end",
                    (false, false) => "the timeline's detection and resolution",
                };
                diags.push(
                    Diagnostic::new(
                        Code::StatedDurationDisagrees,
                        format!(
                            "the stated duration ({}) disagrees with {from}: {} to {} is {}",
                            format_duration(stated.duration),
                            clock_and_offset(&s, &e),
                            clock_and_offset(&e, &s),
                            format_duration(actual)
                        ),
                    )
                    .at_opt(stated.span.or(impact.start.as_ref().and_then(|s| s.span)))
                    .with_help("correct the duration, or the start or end it is counted from"),
                );
            }
        }
    }

    if let Some(start) = &impact.start {
        let before: Vec<&Event> = incident
            .events
            .iter()
            .filter(|e| e.kind != EventKind::Note && time_diff(e.time, start.time) < -tolerance)
            .collect();
        if let Some(first) = before.first() {
            let what = if before.len() == 1 {
                "1 timeline entry is".to_string()
            } else {
                format!("{} timeline entries are", before.len())
            };
            let mut d = Diagnostic::new(Code::EntriesBeforeStart,
                format!(
                    "{what} before the outage start the summary gives ({})",
                    stamp_clock(start)
                ),
            )
            .at_opt(first.span.or(start.span))
            .with_help(
                "fine for what led to the outage (a deploy, a change); otherwise check the summary's start",
            );
            if let (Some(s), Some(_)) = (start.span, first.span) {
                d = d.with_related(s, "the outage start");
            }
            diags.push(d);
        }
    }
    diags
}

/// An end 12 hours off that would fit is an AM/PM slip ("11 AM to 12:30 AM").
fn end_before_start_help(start: &Stamp, end: &Stamp) -> String {
    let half_day = end.time + Duration::hours(12);
    let d = time_diff(half_day, start.time);
    if d >= Duration::zero() && d <= Duration::hours(12) {
        format!(
            "an AM/PM slip? did you mean {}? Otherwise correct the start or the end; if the \
             outage went past midnight, give both dates",
            super::order::twelve_hour(&half_day)
        )
    } else {
        "correct the start or the end; if the outage went past midnight, give both dates".into()
    }
}

/// When the problem was noticed: the first detection, else the first entry that is neither the
/// cause nor an aftermath note.
fn detection(incident: &Incident) -> Option<&Event> {
    incident.first_of(EventKind::Detect).or_else(|| {
        incident
            .events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Trigger | EventKind::Note))
            .min_by_key(|e| e.time)
    })
}

/// `t`'s wall clock, with its offset when `other` is on another one: "15:00 (UTC+01:00)" and
/// "16:00 (UTC-05:00)" are 7 h apart, "15:00" and "16:00" would not be.
fn clock_and_offset(t: &When, other: &When) -> String {
    if t.offset() == other.offset() {
        t.wall_clock()
    } else {
        format!("{} (UTC{})", t.wall_clock(), t.offset())
    }
}

fn stamp_clock(s: &Stamp) -> String {
    match &s.zone {
        Some(z) => format!("{} {z}", s.time.wall_clock()),
        None => s.time.wall_clock(),
    }
}

/// A disagreement between a summary stamp and a timeline entry: at the stamp when it has a place
/// in the source (Markdown), else at the entry (JSON's impact has none).
fn against_event(
    code: Code,
    message: String,
    stamp: &Stamp,
    event: &Event,
    event_label: &str,
    help: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(code, message)
        .at_opt(stamp.span.or(event.span))
        .with_help(help);
    if let (Some(_), Some(s)) = (stamp.span, event.span) {
        d = d.with_related(s, event_label.to_string());
    }
    d
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::diagnostics::Severity;
    use crate::model::StatedDuration;

    fn timeline() -> Incident {
        incident(&[
            ("2024-06-05T13:50:00Z", "trigger", "deploy"),
            ("2024-06-05T14:05:00Z", "detect", "alert"),
            ("2024-06-05T15:00:00Z", "action", "rollback"),
            ("2024-06-05T16:30:00Z", "resolve", "recovered"),
        ])
    }

    #[test]
    fn a_summary_that_agrees_is_fine() {
        let mut inc = timeline();
        inc.impact.start = Some(stamp("2024-06-05T14:00:00Z", Some("UTC"), 20));
        inc.impact.end = Some(stamp("2024-06-05T16:30:00Z", Some("UTC"), 21));
        inc.impact.stated_duration = Some(StatedDuration {
            duration: Duration::minutes(150),
            span: Some(line(22)),
        });
        // The deploy before the start is only a note.
        assert_eq!(codes(&check(&inc)), vec!["PM405"]);
        let d = check(&inc);
        assert_eq!(d[0].severity, Severity::Note);
        assert_eq!(d[0].line(), Some(1));
        assert_eq!(d[0].related[0].0.line, 20);
    }

    #[test]
    fn a_duration_counted_across_two_offsets_names_them() {
        // The summary in GMT+1, the timeline in EST: "15:00 to 16:00 is 7 h" alone reads wrong.
        let mut inc = incident(&[
            ("2023-05-10T15:00:00-05:00", "detect", "alert"),
            ("2023-05-10T16:00:00-05:00", "resolve", "restored"),
        ]);
        inc.impact.start = Some(stamp("2023-05-10T15:00:00+01:00", None, 9));
        inc.impact.stated_duration = Some(StatedDuration {
            duration: Duration::hours(2),
            span: Some(line(9)),
        });
        let d = check(&inc);
        let d = only(&d, "PM403");
        assert!(
            d.message
                .ends_with("15:00 (UTC+01:00) to 16:00 (UTC-05:00) is 7 h"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_start_after_detection_is_reported_at_the_summary() {
        let mut inc = timeline();
        inc.impact.start = Some(stamp("2024-06-05T14:30:00Z", None, 20));
        let d = check(&inc);
        let d = only(&d, "PM401");
        assert_eq!(d.line(), Some(20));
        assert_eq!(d.related[0].0.line, 2);
        assert!(d.message.contains("25 min after"), "{}", d.message);
    }

    #[test]
    fn an_end_far_from_the_resolution_is_reported() {
        let mut inc = timeline();
        inc.impact.end = Some(stamp("2024-06-05T17:30:00Z", None, 21));
        let d = check(&inc);
        let d = only(&d, "PM402");
        assert_eq!(d.line(), Some(21));
        assert!(d.message.contains("1 h after"), "{}", d.message);
        // Within the tolerance it agrees.
        inc.impact.end = Some(stamp("2024-06-05T16:33:00Z", None, 21));
        assert!(check(&inc).is_empty());
    }

    #[test]
    fn json_impact_without_spans_points_at_the_entry() {
        let mut inc = timeline();
        let mut end = stamp("2024-06-05T17:30:00Z", None, 1);
        end.span = None;
        inc.impact.end = Some(end);
        let d = check(&inc);
        assert_eq!(only(&d, "PM402").line(), Some(4));
    }

    #[test]
    fn a_stated_duration_that_disagrees_is_reported() {
        let mut inc = timeline();
        inc.impact.start = Some(stamp("2024-06-05T14:00:00Z", None, 20));
        inc.impact.end = Some(stamp("2024-06-05T16:30:00Z", None, 21));
        inc.impact.stated_duration = Some(StatedDuration {
            duration: Duration::hours(2),
            span: Some(line(22)),
        });
        let d = check(&inc);
        let d = only(&d, "PM403");
        assert_eq!(d.line(), Some(22));
        assert!(d.message.contains("2 h 30 min"), "{}", d.message);
    }

    #[test]
    fn an_end_before_the_start_is_an_error() {
        let mut inc = timeline();
        inc.impact.start = Some(stamp("2024-06-05T14:00:00Z", None, 20));
        inc.impact.end = Some(stamp("2024-06-05T13:00:00Z", None, 21));
        let d = check(&inc);
        assert_eq!(codes(&d), vec!["PM404"]);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].line(), Some(21));
        // "From 11 AM to 12:30 AM": the end is 12:30 PM.
        inc.impact.start = Some(stamp("2024-06-05T11:00:00Z", None, 20));
        inc.impact.end = Some(stamp("2024-06-05T00:30:00Z", None, 21));
        let d = check(&inc);
        let help = only(&d, "PM404").help.as_deref().unwrap();
        assert!(help.contains("did you mean 12:30 PM"), "{help}");
    }
}
