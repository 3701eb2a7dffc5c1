//! The image block between the markers: a `<picture>` with light and dark sources (GitHub picks by
//! `prefers-color-scheme`) and an `<img>` whose alt text tells a screen reader what the chart shows.

use crate::model::Incident;

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

/// The block's alt text: the incident in words (see [`crate::narrative`]).
pub fn alt_text(incident: &Incident) -> String {
    crate::narrative::in_words(incident)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventKind, When, Zone};

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
