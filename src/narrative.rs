//! The incident in words: the one summary pmchart writes for people who cannot see the chart,
//! used by the README block's alt text and, with the timeline's entries after it, by the chart's
//! own `<desc>`; and [`explain`], how each kind was decided (`pmchart parse --explain`).

use crate::model::{EventKind, Incident, When, Zone};

/// What the chart shows, in a sentence or few: start, end, zone, duration, detection,
/// escalations with who, resolution. One line, so the HTML block stays intact.
pub fn in_words(incident: &Incident) -> String {
    let zone = incident.zone_for_display();
    let with_dates = incident.dates_known();
    let mut parts: Vec<String> = Vec::new();
    let title = incident
        .title
        .as_deref()
        .map(|t| t.trim().trim_end_matches(['.', ':', ';', ',']).trim())
        .filter(|t| t.chars().any(char::is_alphanumeric));
    parts.push(match title {
        Some(t) => format!("Incident timeline: {}.", one_line(t)),
        None => "Incident timeline.".to_string(),
    });
    if incident.events.is_empty() {
        parts.push("No timeline entries.".to_string());
        return parts.join(" ");
    }
    let start = incident.impact_start();
    let end = incident.impact_end();
    let clock = Clock {
        zone: &zone,
        with_dates,
        first_day: start.and_then(|s| s.in_zone(&zone).date()),
    };
    if let (Some(s), Some(e)) = (start, end) {
        let label_at = |t: &When| match zone.axis_label_at(&t.axis()) {
            l if l == "UTC+00:00" => "UTC".to_string(),
            l => l,
        };
        // Across a DST change the zone is named at both ends ("EST (UTC-05:00) → EDT (UTC-04:00)").
        let label = match (label_at(&s), label_at(&e)) {
            (a, b) if a == b => a,
            (a, b) => format!("{a} → {b}"),
        };
        let mut sentence = format!(
            "Impact from {} to {} {label}",
            clock.at(&s, true),
            clock.at(&e, false)
        );
        if e > s {
            sentence.push_str(&format!(" ({})", crate::model::format_duration(e - s)));
        }
        sentence.push('.');
        parts.push(sentence);
    }
    if let Some(d) = incident.first_of(EventKind::Detect) {
        let mut sentence = format!("Detected at {}", clock.at(&d.time, false));
        if let Some(s) = start.filter(|s| d.time > *s) {
            sentence.push_str(&format!(
                ", {} after the start",
                crate::model::format_duration(d.time - s)
            ));
        }
        parts.push(sentence + ".");
    } else {
        parts.push("No detection recorded.".to_string());
    }
    let escalations: Vec<String> = incident
        .events_by_time()
        .into_iter()
        .filter(|e| e.kind == EventKind::Escalate)
        .map(|e| match e.actor.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => {
                format!("at {} to {}", clock.at(&e.time, false), one_line(a))
            }
            _ => format!("at {}", clock.at(&e.time, false)),
        })
        .collect();
    const MAX_LISTED: usize = 5;
    if !escalations.is_empty() {
        let mut listed = escalations[..escalations.len().min(MAX_LISTED)].join("; ");
        if escalations.len() > MAX_LISTED {
            listed.push_str(&format!("; and {} more", escalations.len() - MAX_LISTED));
        }
        parts.push(format!("Escalated {listed}."));
    }
    if let Some(m) = incident.first_of(EventKind::Mitigate) {
        parts.push(format!("Mitigated at {}.", clock.at(&m.time, false)));
    }
    match incident.last_of(EventKind::Resolve) {
        Some(r) => parts.push(format!("Resolved at {}.", clock.at(&r.time, false))),
        None => parts.push("No resolution recorded.".to_string()),
    }
    parts.push(format!("{} entries.", incident.events.len()));
    parts.join(" ")
}

/// Prints times in the display zone; the date on the first time and whenever the day changes.
struct Clock<'a> {
    zone: &'a Zone,
    with_dates: bool,
    first_day: Option<chrono::NaiveDate>,
}

impl Clock<'_> {
    fn at(&self, t: &When, always_date: bool) -> String {
        let l = t.in_zone(self.zone);
        let hm = l.wall_clock();
        match l.date() {
            Some(date) if self.with_dates && (always_date || Some(date) != self.first_day) => {
                format!("{} {hm}", date.format("%Y-%m-%d"))
            }
            _ => hm,
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How each entry's kind was decided (`pmchart parse --explain`): one line per entry with where,
/// when, the kind and the words and rule that decided it; then the metrics and their endpoints.
pub fn explain(incident: &Incident) -> String {
    let clean = |s: &str| -> String {
        // Entry text is the author's: no control characters reach the terminal.
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let mut out = String::new();
    for e in &incident.events {
        let line = e.span.map(|s| s.line.to_string()).unwrap_or_default();
        let why = e
            .kind_reason
            .clone()
            .unwrap_or_else(|| format!("{} (given)", e.kind));
        let text: String = clean(&e.text).chars().take(60).collect();
        out.push_str(&format!(
            "line {line:>4}  {}  {}\n            {text}\n",
            e.wall_clock(),
            clean(&why)
        ));
        if let Some(a) = &e.actor {
            let role = match e.kind {
                EventKind::Escalate => "escalated to",
                _ => "by",
            };
            out.push_str(&format!("            {role}: {}\n", clean(a)));
        }
    }
    out.push('\n');
    for (_, label, figure) in crate::metrics::measure(incident).all() {
        out.push_str(&format!("{label}: {}\n", figure.explain()));
    }
    out
}
