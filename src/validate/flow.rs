//! PM501-PM505: the incident's flow: detected, resolved, in an order that can happen, escalated
//! to someone.

use super::{where_is, TOLERANCE_MINUTES};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Event, EventKind, Incident};
use chrono::Duration;

pub fn check(incident: &Incident) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let events = &incident.events;
    let first_span = events.iter().find_map(|e| e.span);
    let detection = incident.first_of(EventKind::Detect);
    let trigger = incident.first_of(EventKind::Trigger);

    if detection.is_none() {
        diags.push(
            Diagnostic::new(
                Code::NoDetection,
                "the timeline does not say when the problem was detected",
            )
            .at_opt(first_span)
            .with_help(
                "add the entry for when and how it was noticed (\"14:05 Alert fired: ...\"), \
                     or tag an entry `[detect]`",
            ),
        );
    }
    if incident.first_of(EventKind::Resolve).is_none() {
        let help = if incident.first_of(EventKind::Mitigate).is_some() {
            "there is a mitigation; add the entry for when the service was fully back (\"16:30 Resolved: ...\"), or tag it `[resolve]`"
        } else {
            "add the entry for when the service was back (\"16:30 Resolved: ...\"), or tag it `[resolve]`"
        };
        diags.push(
            Diagnostic::new(
                Code::NoResolution,
                "the timeline does not say when the incident was resolved",
            )
            .at_opt(events.iter().rev().find_map(|e| e.span))
            .with_help(help),
        );
    }

    // Acknowledging needs something to acknowledge: the detection, or at least the cause.
    let ack_anchor = detection.or(trigger);
    if let Some(anchor) = ack_anchor {
        for ack in events.iter().filter(|e| e.kind == EventKind::Acknowledge) {
            if before(ack, anchor) {
                diags.push(out_of_flow(
                    Code::AcknowledgedBeforeDetection,
                    ack,
                    anchor,
                    &format!(
                        "acknowledged at {} before the {} at {} ({})",
                        ack.wall_clock(),
                        if anchor.kind == EventKind::Detect {
                            "detection"
                        } else {
                            "cause"
                        },
                        anchor.wall_clock(),
                        where_is(anchor)
                    ),
                    "correct one of the two times, or the kind of one of the entries",
                ));
            }
        }
    }
    if let Some(det) = detection {
        for res in events.iter().filter(|e| e.kind == EventKind::Resolve) {
            if before(res, det) {
                diags.push(out_of_flow(
                    Code::ResolvedBeforeDetection,
                    res,
                    det,
                    &format!(
                        "resolved at {} before it was detected at {} ({})",
                        res.wall_clock(),
                        det.wall_clock(),
                        where_is(det)
                    ),
                    "correct one of the two times, or the kind of one of the entries",
                ));
            }
        }
    }

    for esc in events.iter().filter(|e| {
        e.kind == EventKind::Escalate && e.actor.as_deref().is_none_or(|a| a.trim().is_empty())
    }) {
        diags.push(
            Diagnostic::new(
                Code::EscalationToNobody,
                "the escalation does not say to whom",
            )
            .at_opt(esc.span)
            .with_help(
                "name the team or person it was escalated to (\"escalated to the database team\")",
            ),
        );
    }
    diags
}

/// `a` is earlier than `b` by more than the tolerance.
fn before(a: &Event, b: &Event) -> bool {
    a.time < b.time - Duration::minutes(TOLERANCE_MINUTES)
}

/// A step earlier than the step it needs. An error when the author wrote both kinds; a warning
/// when a reader guessed one from the wording, since the guess may be wrong.
fn out_of_flow(code: Code, e: &Event, anchor: &Event, message: &str, help: &str) -> Diagnostic {
    let severity = if e.kind_explicit && anchor.kind_explicit {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut d = Diagnostic::new(code, message)
        .with_severity(severity)
        .at_opt(e.span)
        .with_help(help);
    if let Some(s) = anchor.span {
        d = d.with_related(s, format!("{} at {}", anchor.kind, anchor.wall_clock()));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn no_detection_and_no_resolution_are_warnings() {
        let inc = incident(&[
            ("2024-06-05T14:00:00Z", "action", "a"),
            ("2024-06-05T14:10:00Z", "mitigate", "b"),
        ]);
        let d = check(&inc);
        assert_eq!(codes(&d), vec!["PM501", "PM502"]);
        assert_eq!(d[0].line(), Some(1));
        assert_eq!(d[1].line(), Some(2));
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
        assert!(d[1].help.as_deref().unwrap().contains("mitigation"));
    }

    #[test]
    fn an_acknowledgement_before_detection_is_reported() {
        let inc = incident(&[
            ("2024-06-05T14:00:00Z", "acknowledge", "ack"),
            ("2024-06-05T14:10:00Z", "detect", "alert"),
            ("2024-06-05T14:20:00Z", "resolve", "done"),
        ]);
        let d = check(&inc);
        let d = only(&d, "PM503");
        assert_eq!(d.line(), Some(1));
        assert_eq!(d.related[0].0.line, 2);
        assert_eq!(d.severity, Severity::Error);
    }

    #[test]
    fn a_resolution_before_detection_is_reported_as_a_warning_when_kinds_were_guessed() {
        let mut inc = incident(&[
            ("2024-06-05T14:00:00Z", "resolve", "done"),
            ("2024-06-05T14:10:00Z", "detect", "alert"),
        ]);
        inc.events[0].kind_explicit = false;
        let d = check(&inc);
        let d = only(&d, "PM504");
        assert_eq!(d.line(), Some(1));
        assert_eq!(d.severity, Severity::Warning);
    }

    #[test]
    fn an_escalation_naming_nobody_is_reported() {
        let mut inc = incident(&[
            ("2024-06-05T14:00:00Z", "detect", "alert"),
            ("2024-06-05T14:10:00Z", "escalate", "escalated"),
            ("2024-06-05T14:15:00Z", "escalate", "escalated to DBA"),
            ("2024-06-05T14:20:00Z", "resolve", "done"),
        ]);
        inc.events[2].actor = Some("DBA team".into());
        let d = check(&inc);
        assert_eq!(codes(&d), vec!["PM505"]);
        assert_eq!(d[0].line(), Some(2));
    }
}
