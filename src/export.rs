//! An incident written out for other tools: a Markdown *Timeline* section in the template's
//! bullet form (`pmchart import --to markdown`), and a Mermaid gantt that GitHub renders
//! without image files (`pmchart export --to mermaid`, `embed --mermaid`).

use crate::metrics;
use crate::model::{Event, EventKind, Incident, When, Zone};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::fmt::Write as _;

/// The tag that makes the Markdown reader take an entry as `kind` whatever its words say.
fn tag(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Trigger => "[trigger]",
        EventKind::Detect => "[detect]",
        EventKind::Acknowledge => "[acknowledge]",
        EventKind::Escalate => "[escalate]",
        EventKind::Action => "[action]",
        EventKind::Misleading => "[misleading]",
        EventKind::Mitigate => "[mitigate]",
        EventKind::Resolve => "[resolve]",
        EventKind::Note => "[note]",
    }
}

/// One line of text: no line breaks, no Markdown that would change the entry's shape.
fn one_line(text: &str) -> String {
    let t: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The wall clock of `w` in `zone`, `HH:MM` or `HH:MM:SS` when it has seconds.
fn clock_in(w: &When, zone: &Zone) -> (Option<NaiveDate>, String) {
    let local = w.in_zone(zone);
    let c = local.clock();
    let text = if c.format("%S").to_string() == "00" {
        c.format("%H:%M").to_string()
    } else {
        c.format("%H:%M:%S").to_string()
    };
    (local.date(), text)
}

/// The incident as a Markdown postmortem's title and *Timeline* section: `- 14:32 - text`
/// bullets in the display zone (named in the heading), a `### 2024-06-05` heading wherever the
/// date changes, and each entry's kind as a tag, so that pmchart reads back the same kinds.
pub fn markdown_timeline(incident: &Incident) -> String {
    let zone = incident.zone_for_display();
    let mut out = String::new();
    if let Some(title) = &incident.title {
        let _ = writeln!(out, "# {}\n", one_line(title));
    }
    let _ = writeln!(out, "## Timeline ({})\n", zone.name());
    let mut day: Option<NaiveDate> = None;
    for e in incident.events_by_time() {
        let (date, clock) = clock_in(&e.time, &zone);
        if date.is_some() && date != day {
            if day.is_some() {
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "### {}\n",
                date.map(|d| d.to_string()).unwrap_or_default()
            );
            day = date;
        }
        let mut text = one_line(&e.text);
        if let Some(actor) = e.actor.as_deref().filter(|_| e.kind == EventKind::Escalate) {
            // Named first, as people write it, so that the reader finds whom it went to.
            if !text.contains(actor) {
                text = format!("Escalated to {}: {text}", one_line(actor));
            }
        }
        let _ = writeln!(out, "- {clock} - {text} {}", tag(e.kind));
    }
    out
}

/// Text as Mermaid reads it in a task name or title: the characters its gantt grammar gives a
/// meaning (`:` ends a name, `;` and `#` start entities, `%%` a comment) written as entities,
/// and no line breaks.
pub fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '#' => out.push_str("#35;"),
            '%' => out.push_str("#37;"),
            ',' => out.push_str("#44;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '`' => out.push('\''),
            c => out.push(c),
        }
    }
    out
}

/// The local date-time of `w` in `zone`; a time of day is put on 2000-01-01 plus its day.
fn local(w: &When, zone: &Zone) -> NaiveDateTime {
    let base = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date");
    let l = w.dated_from(base).in_zone(zone);
    let date = l.date().unwrap_or(base);
    date.and_time(l.clock())
}

fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// `text` cut to at most `max` characters at a word boundary, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max - 1).collect();
    }
    out.trim_end_matches([',', ';', ':', '.']).to_string() + "…"
}

/// A short name for a milestone: the kind, then the entry's words, cut to fit a gantt row.
fn milestone_name(e: &Event) -> String {
    let what = match e.kind {
        EventKind::Trigger => "Cause",
        EventKind::Detect => "Detected",
        EventKind::Acknowledge => "Acknowledged",
        EventKind::Escalate => "Escalated",
        EventKind::Mitigate => "Mitigated",
        EventKind::Resolve => "Resolved",
        EventKind::Misleading => "Dead end",
        EventKind::Action => "Action",
        EventKind::Note => "Note",
    };
    let detail = match (e.kind, e.actor.as_deref()) {
        (EventKind::Escalate, Some(actor)) => format!("to {actor}"),
        _ => e.text.clone(),
    };
    mermaid_text(&format!("{what} - {}", shorten(&one_line(&detail), 48)))
}

/// The incident as a Mermaid gantt (the block's body, without the fences): the impact as a
/// critical bar, the phases the metrics measure (detection to acknowledgement, to mitigation, to
/// resolution), a milestone for each key moment (cause, detection, acknowledgement, escalations
/// with whom, mitigation, resolution), dead ends in a section of their own, the other actions
/// last. Times are the display zone's wall clocks; the axis shows dates only when the incident
/// spans days.
pub fn mermaid(incident: &Incident) -> String {
    let zone = incident.zone_for_display();
    let events = incident.events_by_time();
    let mut out = String::from("gantt\n");
    let title = incident.title.as_deref().unwrap_or("Incident timeline");
    let _ = writeln!(
        out,
        "    title {} ({})",
        mermaid_text(title),
        mermaid_text(&zone.name())
    );
    out.push_str("    dateFormat YYYY-MM-DDTHH:mm:ss\n");
    let (Some(first), Some(last)) = (events.first(), events.last()) else {
        return out;
    };
    let span = local(&last.time, &zone) - local(&first.time, &zone);
    let axis = if span <= Duration::hours(20) {
        "%H:%M"
    } else if span <= Duration::days(6) {
        "%d %b %H:%M"
    } else {
        "%d %b"
    };
    let _ = writeln!(out, "    axisFormat {axis}");
    out.push_str("    todayMarker off\n");

    let m = metrics::measure(incident);
    let bar = |out: &mut String, name: &str, style: &str, from: &When, to: &When| {
        let (a, b) = (local(from, &zone), local(to, &zone));
        if b > a {
            let _ = writeln!(
                out,
                "    {} :{style}{}, {}",
                mermaid_text(name),
                stamp(a),
                stamp(b)
            );
        }
    };
    out.push_str("    section Impact\n");
    if let metrics::Figure::Measured { from, to } = &m.impact {
        let name = format!("Impact ({})", m.impact.value_text());
        bar(&mut out, &name, "crit, ", &from.time, &to.time);
    }
    let phases = [
        ("Detected to acknowledged", &m.time_to_acknowledge),
        ("Detected to mitigated", &m.time_to_mitigate),
        ("Detected to resolved", &m.time_to_resolve),
    ];
    if phases.iter().any(|(_, f)| f.duration().is_some()) {
        out.push_str("    section Phases\n");
        for (name, figure) in phases {
            if let metrics::Figure::Measured { from, to } = figure {
                let name = format!("{name} ({})", figure.value_text());
                bar(&mut out, &name, "active, ", &from.time, &to.time);
            }
        }
    }
    let sections: [(&str, &[EventKind], &str); 3] = [
        (
            "Key moments",
            &[
                EventKind::Trigger,
                EventKind::Detect,
                EventKind::Acknowledge,
                EventKind::Escalate,
                EventKind::Mitigate,
                EventKind::Resolve,
            ],
            "milestone, ",
        ),
        ("Dead ends", &[EventKind::Misleading], "done, "),
        ("Actions", &[EventKind::Action], ""),
    ];
    for (section, kinds, style) in sections {
        let chosen: Vec<&&Event> = events.iter().filter(|e| kinds.contains(&e.kind)).collect();
        if chosen.is_empty() {
            continue;
        }
        let _ = writeln!(out, "    section {section}");
        for e in chosen {
            let start = local(&e.time, &zone);
            let end = e
                .end
                .as_ref()
                .map(|t| local(t, &zone))
                .filter(|t| *t > start);
            match (end, style) {
                (Some(end), _) if !style.starts_with("milestone") => {
                    let _ = writeln!(
                        out,
                        "    {} :{style}{}, {}",
                        milestone_name(e),
                        stamp(start),
                        stamp(end)
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "    {} :milestone, {}{}, 0m",
                        milestone_name(e),
                        style.replace("milestone, ", ""),
                        stamp(start)
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_text_escapes_what_its_grammar_reads() {
        assert_eq!(
            mermaid_text("DB: 50% CPU; see #42,\nthen <b>"),
            "DB#58; 50#37; CPU#59; see #35;42#44; then #60;b#62;"
        );
    }
}
