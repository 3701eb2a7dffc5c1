//! The rows band: one row per entry (or per key moment in the compact chart), with its time,
//! text, marker and tag, and a header where the date changes.

use super::text::{self, Weight};
use super::*;
use super::{Builder, TextStyle};

/// The moments the on-call flow is judged by, each as an event whose text is a short label:
/// the first detection and acknowledgement, every escalation (its tag names to whom), the first
/// mitigation and the resolution.
pub(super) fn key_moments_of(events: &[&Event]) -> Vec<Event> {
    let first = |k: EventKind| events.iter().find(|e| e.kind == k);
    let mut out: Vec<Event> = Vec::new();
    let mut push = |e: &Event, label: &str| {
        let mut k = e.clone();
        k.text = label.to_string();
        out.push(k);
    };
    if let Some(e) = first(EventKind::Trigger) {
        push(e, "Cause");
    }
    if let Some(e) = first(EventKind::Detect) {
        push(e, "Detected");
    }
    if let Some(e) = first(EventKind::Acknowledge) {
        push(e, "Acknowledged");
    }
    for e in events.iter().filter(|e| e.kind == EventKind::Escalate) {
        push(e, "Escalated");
    }
    if let Some(e) = first(EventKind::Mitigate) {
        push(e, "Mitigated");
    }
    if let Some(e) = events.iter().rev().find(|e| e.kind == EventKind::Resolve) {
        push(e, "Resolved");
    }
    out.sort_by_key(|e| e.time);
    out
}

impl Builder {
    /// One row per event; a header where the local date changes.
    pub(super) fn event_rows(
        &mut self,
        events: &[&Event],
        axis: &Axis,
        zone: &Zone,
        y: f32,
        label_col: f32,
        dates_known: bool,
    ) -> f32 {
        let mut y = y;
        let seconds = events
            .iter()
            .any(|e| zone.to_local(&e.time.axis()).format("%S").to_string() != "00");
        // Where the offset changes (DST), the time says which clock it is on: `01:05 GMT`.
        let mut time_texts = Vec::with_capacity(events.len());
        let mut prev_offset = None;
        for e in events {
            let at = e.time.axis();
            let local = zone.to_local(&at);
            let mut t = if seconds {
                local.format("%H:%M:%S").to_string()
            } else {
                local.format("%H:%M").to_string()
            };
            let offset = local.offset().local_minus_utc();
            if prev_offset.is_some_and(|p| p != offset) {
                t = format!("{t} {}", zone.abbreviation_at(&at));
            }
            prev_offset = Some(offset);
            time_texts.push(t);
        }
        // Shaped once here and drawn below: by then, in a long timeline, the shaping cache
        // holds other lines (shaping them twice made 10,000 entries cost more each than 1,000).
        let time_glyphs: Vec<_> = time_texts
            .iter()
            .map(|t| text::shape(t, Weight::Semibold))
            .collect();
        let time_w = time_glyphs
            .iter()
            .map(|g| text::glyphs_width(g, BODY_SIZE, Weight::Semibold))
            .fold(text::width("00:00", BODY_SIZE, Weight::Semibold), f32::max)
            .ceil()
            + 12.0;
        let text_x = MARGIN + time_w;
        let text_w = label_col - time_w;
        let line_h = (BODY_SIZE * LINE).round();
        let multi_day = dates_known && {
            let first = events
                .first()
                .map(|e| zone.to_local(&e.time.axis()).date_naive());
            let last = events
                .last()
                .map(|e| zone.to_local(&e.time.axis()).date_naive());
            first != last
        };
        let mut prev_date: Option<NaiveDate> = None;
        for (row, e) in events.iter().enumerate() {
            let start = e.time.axis();
            let local = zone.to_local(&start);
            if multi_day && prev_date != Some(local.date_naive()) {
                prev_date = Some(local.date_naive());
                let header = local.format("%A, %-d %B %Y").to_string();
                y += 8.0;
                self.text_line(
                    &header,
                    (MARGIN, y),
                    TextStyle {
                        size: SMALL_SIZE,
                        weight: Weight::Semibold,
                        ink: Ink::Muted,
                        role: Role::DayHeader,
                    },
                );
                y += text_height(SMALL_SIZE) + 6.0;
            }
            let clean = text::clean(&e.text);
            let shown = if clean.is_empty() {
                "(no text)".to_string()
            } else {
                clean
            };
            // Wrap before shortening: a text that does not fit the column at three lines may run
            // on into the time scale up to just before its own marker.
            let marker_x = axis.x(start);
            let mut wrapped =
                text::wrap(&shown, text_w, BODY_SIZE, Weight::Regular, EVENT_TEXT_LINES);
            let room = (marker_x - MARKER / 2.0 - 12.0 - text_x).floor();
            if wrapped.shortened && room > text_w {
                wrapped = text::wrap(&shown, room, BODY_SIZE, Weight::Regular, EVENT_TEXT_LINES);
            }
            let text_right = text_x
                + wrapped
                    .lines
                    .iter()
                    .map(|l| text::width(l, BODY_SIZE, Weight::Regular))
                    .fold(0.0, f32::max);
            let lines = wrapped.lines.len().max(1) as f32;
            let row_h = lines * line_h + 2.0 * ROW_PAD;
            if row % 2 == 1 {
                self.stripe(RectMark {
                    role: Role::RowStripe,
                    x: MARGIN - 8.0,
                    y,
                    width: self.width - 2.0 * MARGIN + 16.0,
                    height: row_h,
                    fill: Ink::Surface,
                    opacity: 1.0,
                    radius: 0.0,
                    hatched: false,
                });
            }
            let text_top = y + ROW_PAD + (line_h - text_height(BODY_SIZE)) / 2.0;
            let time_text = &time_texts[row];
            let ink = if matches!(e.kind, EventKind::Misleading | EventKind::Note) {
                Ink::Muted
            } else {
                Ink::Text
            };
            self.text_line_shaped(
                time_text,
                time_glyphs[row].clone(),
                (MARGIN, text_top),
                TextStyle {
                    size: BODY_SIZE,
                    weight: Weight::Semibold,
                    ink: Ink::Muted,
                    role: Role::EventTime,
                },
            );
            for (i, line) in wrapped.lines.iter().enumerate() {
                self.text_line(
                    line,
                    (text_x, text_top + i as f32 * line_h),
                    TextStyle {
                        size: BODY_SIZE,
                        weight: Weight::Regular,
                        ink,
                        role: Role::EventText,
                    },
                );
                if wrapped.shortened {
                    if let Some(Shape::Text(tb)) = self.shapes.last_mut() {
                        tb.full_text = Some(shown.clone());
                    }
                }
            }

            // The marker on the time scale, the event's own range, and a tag saying what it is.
            let cy = (y + ROW_PAD + line_h / 2.0).round();
            let x = axis.x(start);
            let mut right = x + MARKER / 2.0;
            if let Some(end) = e.end {
                let xe = axis.x(end.axis());
                if xe > x + 2.0 {
                    let misleading = e.kind == EventKind::Misleading;
                    self.rect(RectMark {
                        role: Role::EventBar,
                        x,
                        y: cy - 3.0,
                        width: xe - x,
                        height: 6.0,
                        fill: Ink::Kind(e.kind),
                        opacity: if misleading { 0.9 } else { 0.45 },
                        radius: 2.0,
                        hatched: misleading,
                    });
                    right = right.max(xe);
                }
            }
            self.marker(e.kind, x, cy, MARKER, Role::Marker);
            let tag = match e.kind {
                EventKind::Misleading => Some("dead end".to_string()),
                EventKind::Escalate => Some(match &e.actor {
                    Some(a) if !text::clean(a).is_empty() => format!("→ {}", text::clean(a)),
                    _ => "escalated".to_string(),
                }),
                _ => None,
            };
            if let Some(tag) = tag {
                let min_x = (axis.x0 - 12.0).max(text_right + 8.0);
                self.tag(&tag, e.kind, x - MARKER / 2.0, right, cy, min_x);
            }
            y += row_h;
        }
        y
    }

    /// A small label on a pill beside a marker: right of `right` if it fits, else left of
    /// `left`, shortened to the wider side if it fits neither.
    pub(super) fn tag(
        &mut self,
        t: &str,
        kind: EventKind,
        left: f32,
        right: f32,
        cy: f32,
        min_x: f32,
    ) {
        let pad = 3.0;
        let gap = 6.0 + pad;
        let max_x = self.width - MARGIN;
        let w = text::width(t, SMALL_SIZE, Weight::Semibold);
        let room_right = max_x - (right + gap) - pad;
        let room_left = (left - gap) - pad - min_x;
        let (x, max_w) = if w <= room_right {
            (right + gap, room_right)
        } else if w <= room_left {
            (left - gap - w, room_left)
        } else if room_right >= room_left {
            (right + gap, room_right)
        } else {
            (min_x + pad, room_left)
        };
        if max_w < 24.0 {
            return;
        }
        let y = cy - text_height(SMALL_SIZE) / 2.0;
        let ink = Ink::Kind(kind);
        self.text_fit(
            t,
            (x, y),
            max_w,
            TextStyle {
                size: SMALL_SIZE,
                weight: Weight::Semibold,
                ink,
                role: Role::Tag,
            },
        );
        if let Some(Shape::Text(tb)) = self.shapes.last_mut() {
            tb.background = Some(Ink::Background);
            tb.pad = pad;
        }
    }
}
