//! The durations on-call teams are judged by, each with the two moments it is measured between.
//!
//! Definitions (the seed definitions of MTA and MTR, per incident):
//! - **time to acknowledge**: detection → the first acknowledgement after it;
//! - **time to mitigate**: detection → the first mitigation after it;
//! - **time to resolve**: detection → the resolution (the last `resolve` entry, else the end of
//!   the impact the summary states);
//! - **time to detect**: impact start → detection, only when the impact measurably started
//!   before the detection (the summary's start, an `OUTAGE BEGINS` or a trigger): when the
//!   first entry *is* the detection, the figure would only restate where the author began;
//! - **impact**: the impact window's length (the summary's start and end, else the first entry
//!   to the resolution).
//!
//! A figure that cannot be measured says why ([`Figure::Missing`]), so the chart never shows a
//! bare dash.

use crate::model::{format_duration, Event, EventKind, Incident};
use chrono::Duration;

/// One end of a measured duration.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    /// What it is: "impact start", "detection", "acknowledgement", …
    pub what: &'static str,
    /// When it happened.
    pub time: crate::model::When,
    /// The source line it was read from, when there is one.
    pub line: Option<usize>,
}

/// A duration between two moments, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// Both moments are known.
    Measured {
        /// Where it is measured from.
        from: Moment,
        /// Where it is measured to.
        to: Moment,
    },
    /// Why the figure cannot be given, in a few words ("no acknowledgement in the timeline").
    Missing(&'static str),
    /// Not shown: it would say nothing (time to detect when the detection is the first entry).
    NotMeaningful(&'static str),
}

impl Figure {
    /// The duration, when measured.
    pub fn duration(&self) -> Option<Duration> {
        match self {
            Figure::Measured { from, to } => Some(to.time - from.time),
            _ => None,
        }
    }

    /// "45 min", or why there is no figure.
    pub fn value_text(&self) -> String {
        match self {
            Figure::Measured { .. } => format_duration(self.duration().unwrap_or_default()),
            Figure::Missing(why) | Figure::NotMeaningful(why) => why.to_string(),
        }
    }

    /// "45 min (detection 10:05 → acknowledgement 10:50)", wall clocks in `zone`: for the
    /// chart's description, which must read the same whatever file the incident came from.
    pub fn describe(&self, zone: &crate::model::Zone) -> String {
        match self {
            Figure::Measured { from, to } => {
                let at = |m: &Moment| m.time.in_zone(zone).clock().format("%H:%M").to_string();
                format!(
                    "{} ({} {} → {} {})",
                    self.value_text(),
                    from.what,
                    at(from),
                    to.what,
                    at(to)
                )
            }
            Figure::Missing(why) | Figure::NotMeaningful(why) => why.to_string(),
        }
    }

    /// "45 min (detection, line 12 → acknowledgement, line 14)".
    pub fn explain(&self) -> String {
        match self {
            Figure::Measured { from, to } => {
                let end = |m: &Moment| match m.line {
                    Some(l) => format!("{}, line {l}", m.what),
                    None => m.what.to_string(),
                };
                format!("{} ({} → {})", self.value_text(), end(from), end(to))
            }
            Figure::Missing(why) | Figure::NotMeaningful(why) => why.to_string(),
        }
    }
}

/// The figures of one incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Impact start to detection.
    pub time_to_detect: Figure,
    /// Detection to acknowledgement (MTA, per incident).
    pub time_to_acknowledge: Figure,
    /// Detection to the first mitigation.
    pub time_to_mitigate: Figure,
    /// Detection to resolution (MTR, per incident).
    pub time_to_resolve: Figure,
    /// The impact window: start to end.
    pub impact: Figure,
}

impl Metrics {
    /// (short key, label, figure) in the order the card shows them.
    pub fn all(&self) -> [(&'static str, &'static str, &Figure); 5] {
        [
            ("impact", "Impact", &self.impact),
            ("ttd", "Time to detect", &self.time_to_detect),
            ("tta", "Time to acknowledge", &self.time_to_acknowledge),
            ("ttm", "Time to mitigate", &self.time_to_mitigate),
            ("ttr", "Time to resolve", &self.time_to_resolve),
        ]
    }
}

fn moment(what: &'static str, e: &Event) -> Moment {
    Moment {
        what,
        time: e.time,
        line: e.span.map(|s| s.line),
    }
}

/// Measures the incident.
pub fn measure(incident: &Incident) -> Metrics {
    let by_time = incident.events_by_time();
    let detection = by_time
        .iter()
        .find(|e| e.kind == EventKind::Detect)
        .copied();
    let after = |kind: EventKind, what: &'static str, missing: &'static str| -> Figure {
        let Some(d) = detection else {
            return Figure::Missing("no detection in the timeline");
        };
        match by_time.iter().find(|e| e.kind == kind && e.time >= d.time) {
            Some(e) => Figure::Measured {
                from: moment("detection", d),
                to: moment(what, e),
            },
            None => Figure::Missing(missing),
        }
    };
    let time_to_acknowledge = after(
        EventKind::Acknowledge,
        "acknowledgement",
        "no acknowledgement in the timeline",
    );
    let time_to_mitigate = after(
        EventKind::Mitigate,
        "mitigation",
        "no mitigation in the timeline",
    );
    let resolution = by_time
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Resolve)
        .map(|e| moment("resolution", e))
        .or_else(|| {
            let end = incident.impact.end.as_ref()?;
            Some(Moment {
                what: "impact end",
                time: end.time,
                line: end.span.map(|s| s.line),
            })
        });
    let time_to_resolve = match (detection, &resolution) {
        (None, _) => Figure::Missing("no detection in the timeline"),
        (Some(_), None) => Figure::Missing("no resolution in the timeline"),
        (Some(d), Some(r)) if r.time < d.time => Figure::Missing("resolution before the detection"),
        (Some(d), Some(r)) => Figure::Measured {
            from: moment("detection", d),
            to: r.clone(),
        },
    };
    // The impact started where the summary says, else at an entry before the detection (a
    // trigger, "OUTAGE BEGINS"), else at the first entry.
    let stated_start = incident.impact.start.as_ref().map(|s| Moment {
        what: "impact start",
        time: s.time,
        line: s.span.map(|sp| sp.line),
    });
    let first_before_detection = detection.and_then(|d| {
        by_time
            .iter()
            .find(|e| e.time < d.time && e.kind == EventKind::Trigger)
            .map(|e| moment("trigger", e))
    });
    let impact_start = stated_start
        .clone()
        .or(first_before_detection)
        .or_else(|| by_time.first().map(|e| moment("first entry", e)));
    let time_to_detect = match (&impact_start, detection) {
        (_, None) => Figure::Missing("no detection in the timeline"),
        (Some(s), Some(d)) if d.time - s.time >= Duration::minutes(1) => Figure::Measured {
            from: s.clone(),
            to: moment("detection", d),
        },
        _ => Figure::NotMeaningful("detected as the impact began"),
    };
    let impact_end = incident
        .impact
        .end
        .as_ref()
        .map(|e| Moment {
            what: "impact end",
            time: e.time,
            line: e.span.map(|s| s.line),
        })
        .or(resolution);
    let impact = match (impact_start, impact_end) {
        (Some(s), Some(e)) if e.time >= s.time => Figure::Measured { from: s, to: e },
        (Some(_), Some(_)) => Figure::Missing("impact ends before it starts"),
        _ => Figure::Missing("no end in the summary or the timeline"),
    };
    Metrics {
        time_to_detect,
        time_to_acknowledge,
        time_to_mitigate,
        time_to_resolve,
        impact,
    }
}
