//! The header band: title, subtitle, the card of metrics, the legend, and the chart's
//! description in words.

use super::text::{self, Weight};
use super::*;
use super::{Builder, TextStyle};

/// The subtitle: dates (or times only when no date is known), zone and total duration.
pub(super) fn subtitle(
    incident: &Incident,
    zone: &Zone,
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    dates_known: bool,
) -> String {
    let (Some(start), Some(end)) = (incident.impact_start(), incident.impact_end()) else {
        return "No timeline entries".to_string();
    };
    let (s, e) = (start.axis(), end.axis());
    let (ls, le) = (zone.to_local(&s), zone.to_local(&e));
    let times = format!("{}–{}", ls.format("%H:%M"), le.format("%H:%M"));
    let zone_label = zone_label(
        zone,
        span.map(|x| x.0).unwrap_or(s),
        span.map(|x| x.1).unwrap_or(e),
    );
    let mut parts = Vec::new();
    if dates_known {
        parts.push(date_range(ls.date_naive(), le.date_naive()));
    }
    parts.push(format!("{times} {zone_label}"));
    if !dates_known {
        parts.push("date not stated".to_string());
    }
    if e > s {
        parts.push(format!("{} of impact", format_duration(e - s)));
    }
    parts.join(" · ")
}

/// "8 March 2026", "8–9 March 2026", "31 March – 1 April 2026", "31 December 2025 – 1 January 2026".
fn date_range(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        a.format("%-d %B %Y").to_string()
    } else if a.year() == b.year() && a.month() == b.month() {
        format!("{}–{}", a.format("%-d"), b.format("%-d %B %Y"))
    } else if a.year() == b.year() {
        format!("{} – {}", a.format("%-d %B"), b.format("%-d %B %Y"))
    } else {
        format!("{} – {}", a.format("%-d %B %Y"), b.format("%-d %B %Y"))
    }
}

/// The zone as the axis names it; across a DST change both: `EST → EDT (UTC-04:00)`.
pub(super) fn zone_label(zone: &Zone, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let a = zone.axis_label_at(&start);
    let b = zone.axis_label_at(&end);
    if a == b {
        a
    } else {
        format!(
            "{} → {}",
            zone.abbreviation_at(&start),
            zone.axis_label_at(&end)
        )
    }
}

/// The timeline in words, for screen readers: the incident in words (as the README's alt text
/// says it), the figures, then every entry.
pub(super) fn description(incident: &Incident, zone: &Zone, events: &[&Event]) -> String {
    let mut out = crate::narrative::in_words(incident);
    // Every figure with the two moments it is measured between, or why there is none.
    let m = crate::metrics::measure(incident);
    for (_, label, figure) in m.all() {
        if matches!(figure, crate::metrics::Figure::NotMeaningful(_)) {
            continue;
        }
        out.push_str(&format!(" {label}: {}.", figure.describe(zone)));
    }
    out.push_str(" Timeline:");
    for e in events {
        let local = zone.to_local(&e.time.axis());
        out.push_str(&format!(
            "\n{} {}: {}",
            local.format("%H:%M"),
            e.kind.as_str(),
            text::truncate_chars(&text::clean(&e.text), text::MAX_SHOWN_CHARS)
        ));
        if let Some(a) = &e.actor {
            out.push_str(&format!(" ({})", text::clean(a)));
        }
        out.push('.');
    }
    out
}

fn legend_name(k: EventKind) -> &'static str {
    match k {
        EventKind::Trigger => "Trigger",
        EventKind::Detect => "Detected",
        EventKind::Acknowledge => "Acknowledged",
        EventKind::Escalate => "Escalated",
        EventKind::Action => "Investigation",
        EventKind::Misleading => "Dead end",
        EventKind::Mitigate => "Mitigated",
        EventKind::Resolve => "Resolved",
        EventKind::Note => "Note",
    }
}

impl Builder {
    /// The durations teams are judged by, as a row of figures in a card.
    pub(super) fn metrics_card(&mut self, incident: &Incident, y: f32) -> f32 {
        use crate::metrics::Figure;
        let m = crate::metrics::measure(incident);
        // Impact and time to detect only when measured; a missing acknowledgement or resolution
        // is shown with why; a missing mitigation is not worth a cell.
        let items: Vec<(&str, &Figure)> = m
            .all()
            .into_iter()
            .filter(|(key, _, f)| match f {
                Figure::Measured { .. } => true,
                Figure::NotMeaningful(_) => false,
                Figure::Missing(_) => matches!(*key, "tta" | "ttr"),
            })
            .map(|(_, label, f)| (label, f))
            .collect();
        let pad_x = 16.0;
        let pad_y = 12.0;
        let gap = 36.0;
        let label_h = (SMALL_SIZE * LINE).round() + 2.0;
        let item_h = label_h + METRIC_VALUE_SIZE;
        let card_index = self.shapes.len();
        let inner_x0 = MARGIN + pad_x;
        let inner_x1 = self.width - MARGIN - pad_x;
        let (mut x, mut row_y) = (inner_x0, y + pad_y);
        for (label, figure) in items {
            let value = figure.value_text();
            let measured = figure.duration().is_some();
            let (value_size, value_weight, value_ink) = if measured {
                (METRIC_VALUE_SIZE, Weight::Semibold, Ink::Text)
            } else {
                (SMALL_SIZE, Weight::Regular, Ink::Muted)
            };
            let w = text::width(label, SMALL_SIZE, Weight::Regular)
                .max(text::width(&value, value_size, value_weight))
                .min(inner_x1 - inner_x0);
            if x > inner_x0 && x + w > inner_x1 {
                x = inner_x0;
                row_y += item_h + 10.0;
            }
            let max_w = inner_x1 - x;
            self.text_fit(
                label,
                (x, row_y),
                max_w,
                TextStyle {
                    size: SMALL_SIZE,
                    weight: Weight::Regular,
                    ink: Ink::Muted,
                    role: Role::MetricLabel,
                },
            );
            // A reason sits where the figure's baseline would be.
            let value_y = if measured {
                row_y + label_h
            } else {
                row_y + label_h + METRIC_VALUE_SIZE - SMALL_SIZE * LINE
            };
            self.text_fit(
                &value,
                (x, value_y),
                max_w,
                TextStyle {
                    size: value_size,
                    weight: value_weight,
                    ink: value_ink,
                    role: Role::MetricValue,
                },
            );
            x += w + gap;
        }
        let bottom = row_y + item_h + pad_y;
        self.shapes.insert(
            card_index,
            Shape::Rect(RectMark {
                role: Role::Card,
                x: MARGIN,
                y: y.round(),
                width: self.width - 2.0 * MARGIN,
                height: (bottom - y).round(),
                fill: Ink::Surface,
                opacity: 1.0,
                radius: 6.0,
                hatched: false,
            }),
        );
        bottom
    }

    /// Marker shapes and what they mean, for the kinds present.
    pub(super) fn legend(&mut self, events: &[&Event], y: f32) -> f32 {
        let mut items: Vec<(Option<EventKind>, String)> = vec![(None, "Impact".to_string())];
        for k in EventKind::ALL {
            if events.iter().any(|e| e.kind == k) {
                items.push((Some(k), legend_name(k).to_string()));
            }
        }
        let line_h = 20.0;
        let (mut x, mut yy) = (MARGIN, y);
        for (kind, label) in items {
            let w = MARKER + 6.0 + text::width(&label, SMALL_SIZE, Weight::Regular);
            if x > MARGIN && x + w > self.width - MARGIN {
                x = MARGIN;
                yy += line_h;
            }
            let cy = yy + text_height(SMALL_SIZE) / 2.0;
            match kind {
                None => self.rect(RectMark {
                    role: Role::LegendSwatch,
                    x,
                    y: cy - 5.0,
                    width: MARKER + 2.0,
                    height: 10.0,
                    fill: Ink::Impact,
                    opacity: 0.9,
                    radius: 2.0,
                    hatched: false,
                }),
                Some(k) => self.marker(k, x + MARKER / 2.0, cy, MARKER, Role::LegendSwatch),
            }
            let lx = x + MARKER + 6.0 + if kind.is_none() { 2.0 } else { 0.0 };
            let tw = self.text_fit(
                &label,
                (lx, yy),
                self.width - MARGIN - lx,
                TextStyle {
                    size: SMALL_SIZE,
                    weight: Weight::Regular,
                    ink: Ink::Muted,
                    role: Role::Legend,
                },
            );
            x = lx + tw + 14.0;
        }
        yy + text_height(SMALL_SIZE)
    }
}
