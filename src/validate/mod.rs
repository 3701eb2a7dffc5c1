//! Checks on the model: order, zones, summary against timeline, incident flow, template.
//!
//! Every check reads only the [`Incident`]; none looks at source text again. Each lives in its own
//! file and returns diagnostics with a stable code (documented in the README, section "Checks").

mod flow;
mod order;
mod summary;
mod template;
pub use template::{Profile, SectionRule, Template, ALX, GITLAB, GOOGLE_SRE};
mod zones;

#[cfg(test)]
mod testutil;

use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{Event, Incident, When};
use chrono::Duration;

/// What to check besides the timeline itself.
#[derive(Debug, Default, Clone, Copy)]
pub struct CheckOptions {
    /// The postmortem template Markdown is held to (sections, word count);
    /// [`Template::Auto`] by default.
    pub template: Template,
}

/// Every problem found in `incident`, in source order (by line; whole-file problems first).
pub fn check(incident: &Incident, opts: &CheckOptions) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if incident.events.is_empty() {
        // Nothing else can be said about an empty timeline.
        diags.push(
            Diagnostic::new(Code::NoTimedEntries, "the timeline has no entries")
                .with_help("add the timeline's entries, each with its time"),
        );
        return diags;
    }
    diags.extend(order::check(incident));
    diags.extend(zones::check(incident));
    diags.extend(summary::check(incident));
    diags.extend(flow::check(incident));
    if let Some(doc) = &incident.document {
        diags.extend(template::check(incident, doc, opts.template));
    }
    drop_echoes_of_order_errors(&mut diags);
    sort_by_position(&mut diags);
    diags
}

/// An entry out of order also looks like a flow problem ("resolved before detected"); once
/// PM101 names its time as wrong, the flow diagnostics on the same entry add only noise.
fn drop_echoes_of_order_errors(diags: &mut Vec<Diagnostic>) {
    let wrong: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::OutOfOrder)
        .filter_map(|d| d.span)
        .collect();
    diags.retain(|d| {
        !(matches!(
            d.code,
            Code::AcknowledgedBeforeDetection | Code::ResolvedBeforeDetection
        ) && d.span.is_some_and(|s| wrong.contains(&s)))
    });
}

/// Sorts diagnostics by where they are (whole-file ones first); a stable sort, so problems on
/// one line keep the order the checks found them in.
pub fn sort_by_position(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.span.map(|s| (s.line, s.column)).unwrap_or((0, 0)));
}

/// How far apart two written times may be and still be "the same" (people round to 5 minutes).
pub(crate) const TOLERANCE_MINUTES: i64 = 5;

/// `a - b`. When either is a time of day, only the clocks are compared (as instants in UTC),
/// the difference taken within ±12 hours: a summary's time of day says nothing about which of
/// the timeline's days it is on.
pub(crate) fn time_diff(a: When, b: When) -> Duration {
    let d = a - b;
    if a.is_dated() && b.is_dated() {
        return d;
    }
    let day = 86_400;
    let mut secs = d.num_seconds().rem_euclid(day);
    if secs > day / 2 {
        secs -= day;
    }
    Duration::seconds(secs)
}

/// "line 12" for an event with a place in the source, else its wall clock ("the 14:05 entry").
pub(crate) fn where_is(e: &Event) -> String {
    match e.span {
        Some(s) => format!("line {}", s.line),
        None => format!("the {} entry", e.wall_clock()),
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    #[test]
    fn an_empty_timeline_is_one_error() {
        let inc = Incident::default();
        let d = check(&inc, &CheckOptions::default());
        assert_eq!(codes(&d), vec!["PM011"]);
    }

    #[test]
    fn a_clean_timeline_has_no_diagnostics() {
        let inc = incident(&[
            ("2024-06-05T14:00:00Z", "trigger", "Deploy of v2.3"),
            ("2024-06-05T14:05:00Z", "detect", "Alert fired"),
            (
                "2024-06-05T14:10:00Z",
                "acknowledge",
                "On-call acknowledged",
            ),
            ("2024-06-05T14:20:00Z", "resolve", "Rolled back"),
        ]);
        assert!(check(&inc, &CheckOptions::default()).is_empty());
    }

    #[test]
    fn diagnostics_come_sorted_by_line() {
        let inc = incident(&[
            ("2024-06-05T14:00:00Z", "action", "a"),
            ("2024-06-05T13:00:00Z", "action", "b"),
        ]);
        let d = check(&inc, &CheckOptions::default());
        let lines: Vec<usize> = d.iter().map(|d| d.line().unwrap_or(0)).collect();
        let mut sorted = lines.clone();
        sorted.sort();
        assert_eq!(lines, sorted);
        assert!(d.iter().any(|d| d.code == "PM101"));
    }

    #[test]
    fn an_entry_out_of_order_is_not_reported_again_as_a_flow_problem() {
        let inc = incident(&[
            ("2024-06-05T11:25:00Z", "detect", "alert"),
            ("2024-06-05T11:55:00Z", "action", "dns"),
            ("2024-06-05T00:30:00Z", "resolve", "restored"),
        ]);
        let d = check(&inc, &CheckOptions::default());
        assert_eq!(codes(&d), vec!["PM101"]);
        assert_eq!(d[0].line(), Some(3));
    }

    #[test]
    fn time_diff_compares_clocks_when_a_date_is_missing() {
        let a: When = "2024-06-06T00:10:00Z".parse().unwrap();
        let b: When = "23:50:00Z".parse().unwrap();
        assert_eq!(time_diff(a, b), Duration::minutes(20));
        let c: When = "2024-06-05T23:50:00Z".parse().unwrap();
        assert_eq!(time_diff(a, c), Duration::minutes(20));
        let d: When = "2024-01-05T23:50:00Z".parse().unwrap();
        assert!(time_diff(a, d) > Duration::days(100));
    }
}
