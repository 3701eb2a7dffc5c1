//! The time axis: the scale (domain, pixel range, ticks and their labels) and the band of
//! labels above the lanes and below a long list.

use super::header::zone_label;
use super::text::{self, Weight};
use super::*;
use super::{Builder, TextStyle};

/// The time scale: domain, pixel range and ticks.
pub struct Axis {
    /// The first instant on the axis.
    pub start: DateTime<Utc>,
    /// The last instant on the axis.
    pub end: DateTime<Utc>,
    /// The x of `start`.
    pub x0: f32,
    /// The x of `end`.
    pub x1: f32,
    /// Seconds between ticks.
    pub step: i64,
    /// The ticks, each a gridline.
    pub ticks: Vec<ticks::Tick>,
    /// Label per tick (`03:00 EDT` where the offset changed).
    pub labels: Vec<String>,
    /// Every how many ticks one is labelled (all have gridlines).
    pub label_stride: usize,
}

const TICK_GAP: f32 = 14.0;

impl Axis {
    /// The smallest natural step whose labels fit without touching; where only every other
    /// label fits, that, unless the next step fits without stretching the scale much.
    pub(super) fn choose(
        zone: &Zone,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        x0: f32,
        x1: f32,
    ) -> Axis {
        let width = x1 - x0;
        let max_ticks = ((width / 60.0).floor() as usize).max(2);
        let first = ticks::choose_step(start, end, max_ticks);
        let mut strided: Option<Axis> = None;
        for &step in ticks::STEPS.iter().filter(|s| **s >= first) {
            let enclosing = ticks::ticks_with_step(zone, start, end, step);
            if enclosing.len() < 2 {
                continue;
            }
            // The scale runs from a little before the first event to a little after the last,
            // not out to the enclosing round times (that can waste a third of the width); keep
            // the round ends only where fewer than two ticks would remain inside.
            let pad = (end - start) / 40;
            let (lo, hi) = (start - pad, end + pad);
            let inside: Vec<ticks::Tick> = enclosing
                .iter()
                .filter(|t| t.at >= lo && t.at <= hi)
                .cloned()
                .collect();
            let (ts, from, to) = if inside.len() >= 2 {
                (inside, lo, hi)
            } else {
                let (a, b) = (enclosing[0].at, enclosing[enclosing.len() - 1].at);
                (enclosing, a, b)
            };
            let labels = tick_labels(zone, &ts, step);
            let mut axis = Axis {
                start: from,
                end: to,
                x0,
                x1,
                step,
                ticks: ts,
                labels,
                label_stride: 1,
            };
            if axis.labels_fit() {
                return match strided {
                    Some(s) if (axis.end - axis.start) > (s.end - s.start) * 5 / 4 => s,
                    _ => axis,
                };
            }
            if let Some(s) = strided {
                return s;
            }
            axis.label_stride = 2;
            if axis.labels_fit() {
                strided = Some(axis);
            }
        }
        strided.unwrap_or_else(|| Axis {
            start,
            end,
            x0,
            x1,
            step: 604800,
            ticks: Vec::new(),
            labels: Vec::new(),
            label_stride: 1,
        })
    }

    /// The x of an instant.
    pub fn x(&self, t: DateTime<Utc>) -> f32 {
        let total = (self.end - self.start).num_milliseconds().max(1) as f64;
        let at = (t - self.start).num_milliseconds() as f64;
        let f = (at / total).clamp(0.0, 1.0);
        (self.x0 as f64 + f * (self.x1 - self.x0) as f64).round() as f32
    }

    /// Left edge and width of each labelled tick's label, with the label.
    fn label_boxes(&self) -> Vec<(f32, f32, &str)> {
        self.ticks
            .iter()
            .zip(&self.labels)
            .step_by(self.label_stride.max(1))
            .map(|(t, l)| {
                let w = text::width(l, SMALL_SIZE, Weight::Regular);
                let left = (self.x(t.at) - w / 2.0)
                    .max(self.x0 - 16.0)
                    .min(self.x1 + MARKER - w);
                (left.round(), w, l.as_str())
            })
            .collect()
    }

    fn labels_fit(&self) -> bool {
        let boxes = self.label_boxes();
        boxes
            .windows(2)
            .all(|w| w[0].0 + w[0].1 + TICK_GAP <= w[1].0)
    }
}

fn tick_labels(zone: &Zone, ts: &[ticks::Tick], step: i64) -> Vec<String> {
    let mut prev_offset = ts.first().map(|t| t.offset);
    ts.iter()
        .map(|t| {
            let mut l = ticks::tick_label(t, step);
            if Some(t.offset) != prev_offset && step < 86400 {
                l = format!("{l} {}", zone.abbreviation_at(&t.at));
            }
            prev_offset = Some(t.offset);
            l
        })
        .collect()
}

impl Builder {
    /// Zone label (left column), day labels and tick labels; returns the y below them.
    pub(super) fn axis_labels(
        &mut self,
        axis: &Axis,
        zone: &Zone,
        y: f32,
        label_col: f32,
        dates_known: bool,
        top: bool,
    ) -> f32 {
        let mut y = y;
        let local_start = zone.to_local(&axis.start).date_naive();
        let local_end = zone.to_local(&axis.end).date_naive();
        let multi_day = dates_known && axis.step < 86400 && local_start != local_end;
        if multi_day && top {
            // A day label at the left end and wherever the date changes; where the first one
            // would crowd the next, the next (a midnight) wins.
            let mut wanted = vec![(axis.x0, local_start)];
            let mut prev = local_start;
            for t in &axis.ticks {
                let date = t.local.date();
                if date != prev {
                    wanted.push((axis.x(t.at), date));
                    prev = date;
                }
            }
            let mut kept: Vec<(f32, f32, String)> = Vec::new();
            for (i, (x, date)) in wanted.into_iter().enumerate() {
                let label = date.format("%a %-d %b").to_string();
                let w = text::width(&label, SMALL_SIZE, Weight::Semibold);
                let x = x.min(self.width - MARGIN - w).round();
                if let Some((px, pw, _)) = kept.last() {
                    if x < px + pw + 12.0 {
                        if kept.len() == 1 && i == 1 {
                            kept.pop();
                        } else {
                            continue;
                        }
                    }
                }
                kept.push((x, w, label));
            }
            for (x, _, label) in kept {
                self.text_line(
                    &label,
                    (x, y),
                    TextStyle {
                        size: SMALL_SIZE,
                        weight: Weight::Semibold,
                        ink: Ink::Muted,
                        role: Role::DayLabel,
                    },
                );
            }
            y += 18.0;
        }
        let zone_text = format!("Times in {}", zone_label(zone, axis.start, axis.end));
        self.text_fit(
            &zone_text,
            (MARGIN, y),
            label_col - 8.0,
            TextStyle {
                size: SMALL_SIZE,
                weight: Weight::Regular,
                ink: Ink::Muted,
                role: Role::ZoneLabel,
            },
        );
        for (left, _, label) in axis.label_boxes() {
            self.text_line(
                label,
                (left, y),
                TextStyle {
                    size: SMALL_SIZE,
                    weight: Weight::Regular,
                    ink: Ink::Muted,
                    role: Role::TickLabel,
                },
            );
        }
        y + text_height(SMALL_SIZE) + 4.0
    }
}
