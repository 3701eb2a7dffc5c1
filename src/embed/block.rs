//! The image block between the markers: a `<picture>` with light and dark sources (GitHub picks by
//! `prefers-color-scheme`) and an `<img>` whose alt text tells a screen reader what the chart shows.

use crate::model::{EventKind, Incident, When, Zone};
use chrono::Duration;

/// Links to the two images, relative to the README's directory, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageLinks {
    pub light: String,
    pub dark: String,
}

/// The lines of the block (without markers and line endings).
pub fn block_lines(links: &ImageLinks, alt: &str) -> Vec<String> {
    vec![
        "<picture>".to_string(),
        format!(
            "  <source media=\"(prefers-color-scheme: dark)\" srcset=\"{}\">",
            url_attr(&links.dark)
        ),
        format!(
            "  <source media=\"(prefers-color-scheme: light)\" srcset=\"{}\">",
            url_attr(&links.light)
        ),
        format!(
            "  <img alt=\"{}\" src=\"{}\">",
            html_escape(alt),
            url_attr(&links.light)
        ),
        "</picture>".to_string(),
    ]
}

/// Escapes text for an HTML attribute or element. Control characters (0x01, ESC, DEL, line
/// breaks, C1) and bidi overrides are dropped: nothing from the input may act on whoever reads
/// the README's source, nor break the block's one-line attributes.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if crate::inert::is_active(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A relative link as an attribute value: spaces would split a `srcset`, so they are encoded.
fn url_attr(link: &str) -> String {
    html_escape(&link.replace('%', "%25").replace(' ', "%20"))
}

/// What the chart shows, in a sentence or few: start, end, zone, duration, detection,
/// escalations with who, resolution. One line, so the HTML block stays intact.
pub fn alt_text(incident: &Incident) -> String {
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
        let mut label = zone.axis_label_at(&s.axis());
        if label == "UTC+00:00" {
            label = "UTC".to_string();
        }
        let mut sentence = format!(
            "Impact from {} to {} {label}",
            clock.at(&s, true),
            clock.at(&e, false)
        );
        if e > s {
            sentence.push_str(&format!(" ({})", duration_words(e - s)));
        }
        sentence.push('.');
        parts.push(sentence);
    }
    if let Some(d) = incident.first_of(EventKind::Detect) {
        let mut sentence = format!("Detected at {}", clock.at(&d.time, false));
        if let Some(s) = start.filter(|s| d.time > *s) {
            sentence.push_str(&format!(", {} after the start", duration_words(d.time - s)));
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

/// "2 h 30 min", "45 min", "1 day 3 h", "40 s".
pub fn duration_words(d: Duration) -> String {
    let secs = d.num_seconds().max(0);
    if secs < 60 {
        return format!("{secs} s");
    }
    let (days, hours, mins) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    let mut out = Vec::new();
    if days > 0 {
        out.push(format!("{days} day{}", if days == 1 { "" } else { "s" }));
    }
    if hours > 0 {
        out.push(format!("{hours} h"));
    }
    if mins > 0 && days == 0 {
        out.push(format!("{mins} min"));
    }
    out.join(" ")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    fn t(s: &str) -> When {
        s.parse().unwrap()
    }

    fn incident() -> Incident {
        let mut esc = Event::new(t("2024-06-05T14:50:00+00:00"), EventKind::Escalate, "paged");
        esc.actor = Some("DB <team> & \"ops\"".into());
        Incident {
            title: Some("Checkout   down".into()),
            display_zone: Some(Zone::utc()),
            events: vec![
                Event::new(t("2024-06-05T14:30:00+00:00"), EventKind::Trigger, "deploy"),
                Event::new(t("2024-06-05T14:35:00+00:00"), EventKind::Detect, "alert"),
                esc,
                Event::new(t("2024-06-05T17:00:00+00:00"), EventKind::Resolve, "fixed"),
            ],
            ..Incident::default()
        }
    }

    #[test]
    fn alt_text_summarises_the_incident() {
        assert_eq!(
            alt_text(&incident()),
            "Incident timeline: Checkout down. Impact from 2024-06-05 14:30 to 17:00 UTC (2 h 30 min). \
             Detected at 14:35, 5 min after the start. Escalated at 14:50 to DB <team> & \"ops\". \
             Resolved at 17:00. 4 entries."
        );
    }

    #[test]
    fn alt_text_dates_a_time_on_another_day_and_omits_unknown_dates() {
        let mut i = incident();
        i.events[3].time = t("2024-06-06T01:00:00+00:00");
        assert!(alt_text(&i).contains("to 2024-06-06 01:00 UTC (10 h 30 min)"));
        let first_day = i.events[0].time.date();
        for e in &mut i.events {
            e.time = When::time_of_day(
                i32::from(e.time.date() > first_day),
                e.time.clock(),
                e.time.offset(),
            );
        }
        assert!(alt_text(&i).contains("Impact from 14:30 to 01:00 UTC"));
    }

    #[test]
    fn control_bytes_never_reach_the_block() {
        let links = ImageLinks {
            light: "timeline.svg".into(),
            dark: "timeline-dark.svg".into(),
        };
        let block = block_lines(&links, "a\u{1}b\u{1b}[31mc\u{7f}d\u{85}e\u{202e}f\ng").join("\n");
        assert!(block.contains("alt=\"ab[31mcdefg\""), "{block}");
        assert!(!block.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn alt_text_in_the_block_is_escaped() {
        let links = ImageLinks {
            light: "img/time line.svg".into(),
            dark: "img/timeline-dark.svg".into(),
        };
        let lines = block_lines(&links, &alt_text(&incident()));
        assert_eq!(lines.len(), 5);
        assert!(
            lines[3].contains("to DB &lt;team&gt; &amp; &quot;ops&quot;"),
            "{}",
            lines[3]
        );
        assert!(lines[3].ends_with("src=\"img/time%20line.svg\">"));
        assert!(lines[1].contains("srcset=\"img/timeline-dark.svg\""));
        assert!(lines.iter().all(|l| !l.contains('\n')));
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_words(Duration::minutes(45)), "45 min");
        assert_eq!(duration_words(Duration::minutes(150)), "2 h 30 min");
        assert_eq!(duration_words(Duration::hours(27)), "1 day 3 h");
        assert_eq!(duration_words(Duration::seconds(40)), "40 s");
    }

    #[test]
    fn odd_titles_and_zero_offsets_read_well() {
        let mut i = incident();
        i.title = Some("Postmortem:".into());
        i.display_zone = Some(Zone::parse("+00:00").unwrap());
        let alt = alt_text(&i);
        assert!(
            alt.starts_with("Incident timeline: Postmortem. Impact"),
            "{alt}"
        );
        assert!(alt.contains("17:00 UTC (2 h 30 min)"), "{alt}");
        i.title = Some(" ? ".into());
        assert!(alt_text(&i).starts_with("Incident timeline. Impact"));
    }

    #[test]
    fn an_empty_incident_says_so() {
        assert_eq!(
            alt_text(&Incident::default()),
            "Incident timeline. No timeline entries."
        );
    }
}
