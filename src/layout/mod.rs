//! Layout: from an incident to a [`Scene`] of positioned rectangles, lines, markers and text
//! boxes. Pure geometry, no colours (only [`Ink`] roles the theme resolves) and no drawing, so
//! tests can check it: no two text boxes overlap, text stays clear of marks, all is on the canvas.
//!
//! The chart, top to bottom: title and subtitle; a card with the durations on-call teams are
//! judged by; a legend; the time axis (labelled with the zone); the impact bar and one Gantt lane
//! per phase; then one row per event (time and text on the left, its marker at its time on the
//! right), with a header where the date changes. The height follows the content.

mod scene;
pub mod text;
pub mod ticks;

pub use scene::*;

use crate::model::{format_duration, Event, EventKind, Incident, Zone};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use text::Weight;

/// What the layout needs to know besides the incident.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Canvas width in CSS pixels (at least 480).
    pub width: u32,
    /// Rows for the key moments only, with short labels (see `RenderOptions::compact`).
    pub compact: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 900,
            compact: false,
        }
    }
}

// Sizes, in CSS pixels.
const MARGIN: f32 = 24.0;
const TITLE_SIZE: f32 = 20.0;
const SUBTITLE_SIZE: f32 = 13.0;
const BODY_SIZE: f32 = 13.0;
const SMALL_SIZE: f32 = 11.5;
const METRIC_VALUE_SIZE: f32 = 17.0;
const LINE: f32 = 1.3;
const MARKER: f32 = 12.0;
const LANE_HEIGHT: f32 = 24.0;
const BAR_HEIGHT: f32 = 12.0;
const ROW_PAD: f32 = 5.0;
const EVENT_TEXT_LINES: usize = 3;

/// Inter's ascender and descender (hhea), in em: a text box spans them, like usvg's text
/// bounding box, so accents and descenders stay inside.
const ASCENDER: f32 = 0.96875;
const DESCENDER: f32 = 0.2415;

/// Height of a text box of one line at `size`.
pub fn text_height(size: f32) -> f32 {
    (ASCENDER + DESCENDER) * size
}

/// The baseline of a text whose box starts near `box_top`, on a whole pixel (glyphs then sit
/// the same way at every scale), and the exact box top that results.
fn text_position(box_top: f32, size: f32) -> (f32, f32) {
    let baseline = (box_top + ASCENDER * size).round();
    (baseline, baseline - ASCENDER * size)
}

/// Lays out the chart of `incident`.
pub fn layout(incident: &Incident, opts: &LayoutOptions) -> Scene {
    let mut b = Builder::new(opts.width.max(480) as f32);
    let zone = incident.zone_for_display();
    let events = incident.events_by_time();
    let dates_known = incident.dates_known();

    let title_text = text::clean(incident.title.as_deref().unwrap_or("Incident timeline"));
    let title_text = if title_text.is_empty() {
        "Incident timeline".to_string()
    } else {
        title_text
    };
    let content_w = b.width - 2.0 * MARGIN;
    let mut y = MARGIN;
    y = b.paragraph(
        &title_text,
        (MARGIN, y),
        content_w,
        TextStyle {
            size: TITLE_SIZE,
            weight: Weight::Semibold,
            ink: Ink::Text,
            role: Role::Title,
        },
        2,
    );

    let span = time_span(incident);
    let subtitle = subtitle(incident, &zone, span, dates_known);
    y = b.paragraph(
        &subtitle,
        (MARGIN, y + 4.0),
        content_w,
        TextStyle {
            size: SUBTITLE_SIZE,
            weight: Weight::Regular,
            ink: Ink::Muted,
            role: Role::Subtitle,
        },
        2,
    );

    y = b.metrics_card(incident, y + 14.0);
    y = b.legend(&events, y + 16.0);

    let description = description(incident, &zone, &events);

    let Some((t0, t1)) = span else {
        let t = "No timeline entries: nothing to chart.";
        b.text_line(
            t,
            (MARGIN, y + 16.0),
            TextStyle {
                size: BODY_SIZE,
                weight: Weight::Regular,
                ink: Ink::Muted,
                role: Role::Empty,
            },
        );
        let height = (y + 16.0 + text_height(BODY_SIZE) + MARGIN).ceil();
        return b.finish(height, title_text, description);
    };

    // The chart area: a label column on the left, the time scale on the right.
    let label_col = (b.width * 0.4).round().clamp(190.0, 400.0);
    let plot_x0 = MARGIN + label_col + 24.0;
    let plot_x1 = b.width - MARGIN - MARKER;
    let axis = Axis::choose(&zone, t0, t1, plot_x0, plot_x1);

    y += 18.0;
    y = b.axis_labels(&axis, &zone, y, label_col, dates_known, true);
    let grid_top = y + 2.0;
    let grid_index = b.shapes.len();

    // Phase lanes.
    y = grid_top + 8.0;
    y = b.lanes(incident, &events, &axis, y);
    y += 6.0;
    b.line(
        (MARGIN, y),
        (b.width - MARGIN, y),
        Ink::Rule,
        1.0,
        Role::Rule,
    );
    y += 6.0;

    // Event rows: every entry, or in the compact chart the key moments with short labels.
    let key_moments;
    let rows: &[&Event] = if opts.compact {
        key_moments = key_moments_of(&events);
        &key_moments.iter().collect::<Vec<_>>()
    } else {
        &events
    };
    y = b.event_rows(rows, &axis, &zone, y, label_col, dates_known);
    let grid_bottom = y;

    // Gridlines and the impact window go under everything drawn since the axis.
    let mut under = Vec::new();
    if let (Some(s), Some(e)) = (incident.impact_start(), incident.impact_end()) {
        let (xs, xe) = (axis.x(s.axis()), axis.x(e.axis()));
        if xe > xs {
            under.push(Shape::Rect(RectMark {
                role: Role::ImpactWindow,
                x: xs,
                y: grid_top,
                width: xe - xs,
                height: grid_bottom - grid_top,
                fill: Ink::Impact,
                opacity: 0.07,
                radius: 0.0,
                hatched: false,
            }));
        }
    }
    for tick in &axis.ticks {
        let x = axis.x(tick.at).round() + 0.5;
        under.push(Shape::Line(LineMark {
            role: Role::Grid,
            x1: x,
            y1: grid_top,
            x2: x,
            y2: grid_bottom,
            ink: Ink::Grid,
            width: 1.0,
            dashed: false,
        }));
    }
    // Row stripes first, then the window and grid, then the rest.
    let (bg, rest): (Vec<Shape>, Vec<Shape>) = b
        .shapes
        .drain(grid_index..)
        .partition(|s| s.role() == Role::RowStripe);
    b.shapes.extend(bg);
    b.shapes.extend(under);
    b.shapes.extend(rest);

    // Tick labels again under a long list, so times can be read without scrolling back up.
    let row_count = events.len();
    if row_count > 14 {
        y = b.axis_labels(&axis, &zone, y + 6.0, label_col, dates_known, false);
    }
    let height = (y + MARGIN - 4.0).ceil();
    b.finish(height, title_text, description)
}

/// Earliest and latest instant to show: impact window and every event (with its end).
fn time_span(incident: &Incident) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let mut times: Vec<DateTime<Utc>> = Vec::new();
    for e in &incident.events {
        times.push(e.time.axis());
        if let Some(end) = e.end {
            times.push(end.axis());
        }
    }
    if times.is_empty() {
        return None;
    }
    for t in [incident.impact_start(), incident.impact_end()]
        .into_iter()
        .flatten()
    {
        times.push(t.axis());
    }
    let (mut a, mut b) = (*times.iter().min()?, *times.iter().max()?);
    if b - a < Duration::minutes(5) {
        let pad = (Duration::minutes(5) - (b - a)) / 2;
        a -= pad;
        b += pad;
    }
    Some((a, b))
}

/// The subtitle: dates (or times only when no date is known), zone and total duration.
fn subtitle(
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
fn zone_label(zone: &Zone, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
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
fn description(incident: &Incident, zone: &Zone, events: &[&Event]) -> String {
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
    fn choose(zone: &Zone, start: DateTime<Utc>, end: DateTime<Utc>, x0: f32, x1: f32) -> Axis {
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

/// How a text is set: its size, weight, colour and what it stands for.
#[derive(Debug, Clone, Copy)]
struct TextStyle {
    size: f32,
    weight: Weight,
    ink: Ink,
    role: Role,
}

/// Collects shapes while the layout walks down the page.
struct Builder {
    width: f32,
    shapes: Vec<Shape>,
}

impl Builder {
    fn new(width: f32) -> Builder {
        Builder {
            width: width.round(),
            shapes: Vec::new(),
        }
    }

    fn finish(mut self, height: f32, title: String, description: String) -> Scene {
        self.shapes.insert(
            0,
            Shape::Rect(RectMark {
                role: Role::Background,
                x: 0.0,
                y: 0.0,
                width: self.width,
                height,
                fill: Ink::Background,
                opacity: 1.0,
                radius: 0.0,
                hatched: false,
            }),
        );
        Scene {
            width: self.width,
            height,
            title,
            description,
            shapes: self.shapes,
        }
    }

    /// One line of text with its box's top-left at `at`; returns its width.
    fn text_line(&mut self, t: &str, at: (f32, f32), style: TextStyle) -> f32 {
        let TextStyle {
            size,
            weight,
            ink,
            role,
        } = style;
        let w = text::width(t, size, weight);
        let (baseline, top) = text_position(at.1, size);
        self.shapes.push(Shape::Text(TextBox {
            role,
            text: t.to_string(),
            full_text: None,
            x: at.0.round(),
            y: top,
            width: w,
            height: text_height(size),
            baseline,
            size,
            weight,
            ink,
            background: None,
            pad: 0.0,
        }));
        w
    }

    /// A line of text shortened to `max_w`, with the full text kept for a tooltip.
    fn text_fit(&mut self, t: &str, at: (f32, f32), max_w: f32, style: TextStyle) -> f32 {
        match text::shorten(t, max_w, style.size, style.weight) {
            None => self.text_line(t, at, style),
            Some(short) => {
                let w = self.text_line(&short, at, style);
                if let Some(Shape::Text(tb)) = self.shapes.last_mut() {
                    tb.full_text = Some(t.to_string());
                }
                w
            }
        }
    }

    /// Wrapped text; returns the y below it.
    fn paragraph(
        &mut self,
        t: &str,
        at: (f32, f32),
        max_w: f32,
        style: TextStyle,
        max_lines: usize,
    ) -> f32 {
        let wrapped = text::wrap(t, max_w, style.size, style.weight, max_lines);
        let line_h = (style.size * LINE).round();
        for (i, line) in wrapped.lines.iter().enumerate() {
            self.text_line(line, (at.0, at.1 + i as f32 * line_h), style);
            if wrapped.shortened {
                if let Some(Shape::Text(tb)) = self.shapes.last_mut() {
                    tb.full_text = Some(t.to_string());
                }
            }
        }
        at.1 + wrapped.lines.len() as f32 * line_h
    }

    /// A straight line from `from` to `to`.
    fn line(&mut self, from: (f32, f32), to: (f32, f32), ink: Ink, width: f32, role: Role) {
        let ((x1, y1), (x2, y2)) = (from, to);
        // Half-pixel positions keep 1 px lines crisp.
        let (y1, y2) = if y1 == y2 {
            (y1.round() + 0.5, y2.round() + 0.5)
        } else {
            (y1, y2)
        };
        self.shapes.push(Shape::Line(LineMark {
            role,
            x1,
            y1,
            x2,
            y2,
            ink,
            width,
            dashed: false,
        }));
    }

    /// A rectangle, its edges on whole pixels and at least a pixel wide.
    fn rect(&mut self, r: RectMark) {
        self.shapes.push(Shape::Rect(RectMark {
            x: r.x.round(),
            y: r.y.round(),
            width: r.width.round().max(1.0),
            height: r.height.round(),
            ..r
        }));
    }

    fn marker(&mut self, kind: EventKind, x: f32, y: f32, size: f32, role: Role) {
        self.shapes.push(Shape::Marker(MarkerMark {
            role,
            kind,
            x: x.round(),
            y: y.round(),
            size,
        }));
    }

    /// The durations teams are judged by, as a row of figures in a card.
    fn metrics_card(&mut self, incident: &Incident, y: f32) -> f32 {
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
    fn legend(&mut self, events: &[&Event], y: f32) -> f32 {
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

    /// Zone label (left column), day labels and tick labels; returns the y below them.
    fn axis_labels(
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

    /// The impact bar and one lane per phase present.
    fn lanes(&mut self, incident: &Incident, events: &[&Event], axis: &Axis, y: f32) -> f32 {
        let mut y = y;
        let bar_y = |row: f32| row + (LANE_HEIGHT - BAR_HEIGHT) / 2.0;
        let label_y = |row: f32| row + (LANE_HEIGHT - text_height(SMALL_SIZE)) / 2.0;
        if let (Some(s), Some(e)) = (incident.impact_start(), incident.impact_end()) {
            self.text_line(
                "Impact",
                (MARGIN, label_y(y)),
                TextStyle {
                    size: SMALL_SIZE,
                    weight: Weight::Semibold,
                    ink: Ink::Text,
                    role: Role::LaneLabel,
                },
            );
            let (xs, xe) = (axis.x(s.axis()), axis.x(e.axis()));
            self.rect(RectMark {
                role: Role::ImpactBar,
                x: xs,
                y: bar_y(y),
                width: (xe - xs).max(3.0),
                height: BAR_HEIGHT,
                fill: Ink::Impact,
                opacity: 0.9,
                radius: 3.0,
                hatched: false,
            });
            y += LANE_HEIGHT;
        }
        let impact_end = incident.impact_end().map(|t| t.axis());
        for lane in Lane::ALL {
            let in_lane: Vec<&Event> = events
                .iter()
                .copied()
                .filter(|e| Lane::of(e.kind) == Some(lane))
                .collect();
            // No Detection lane without a detection: an acknowledgement alone is no phase.
            let no_detection =
                lane == Lane::Detection && !in_lane.iter().any(|e| e.kind == EventKind::Detect);
            if in_lane.is_empty() || no_detection {
                continue;
            }
            self.text_line(
                lane.name(),
                (MARGIN, label_y(y)),
                TextStyle {
                    size: SMALL_SIZE,
                    weight: Weight::Semibold,
                    ink: Ink::Text,
                    role: Role::LaneLabel,
                },
            );
            for (i, e) in in_lane.iter().enumerate() {
                let start = e.time.axis();
                if lane == Lane::Resolution && e.end.is_none() {
                    self.marker(
                        e.kind,
                        axis.x(start),
                        y + LANE_HEIGHT / 2.0,
                        MARKER,
                        Role::Marker,
                    );
                    continue;
                }
                let next_in_lane = in_lane.get(i + 1).map(|n| n.time.axis());
                // Events are in time order: look only at those after this one.
                let later = &events[events.partition_point(|o| o.time.axis() <= start)..];
                let terminal = match lane {
                    Lane::Detection => later
                        .iter()
                        .find(|o| !matches!(Lane::of(o.kind), Some(Lane::Detection) | None))
                        .map(|o| o.time.axis()),
                    _ => later
                        .iter()
                        .find(|o| o.kind == EventKind::Resolve)
                        .map(|o| o.time.axis()),
                }
                .or(impact_end);
                let end = e
                    .end
                    .map(|t| t.axis())
                    .or(next_in_lane)
                    .or(terminal)
                    .unwrap_or(start)
                    .max(start);
                let (xs, mut xe) = (axis.x(start), axis.x(end));
                if next_in_lane.is_some_and(|n| axis.x(n) <= xe) && xe - xs > 3.0 {
                    xe -= 1.0; // a hairline between bars that touch
                }
                let misleading = e.kind == EventKind::Misleading;
                self.rect(RectMark {
                    role: Role::PhaseBar,
                    x: xs,
                    y: bar_y(y),
                    width: (xe - xs).max(3.0),
                    height: BAR_HEIGHT,
                    fill: if misleading {
                        Ink::Kind(EventKind::Misleading)
                    } else {
                        Ink::Lane(lane)
                    },
                    opacity: if misleading { 0.9 } else { 0.85 },
                    radius: 2.0,
                    hatched: misleading,
                });
            }
            y += LANE_HEIGHT;
        }
        y
    }

    /// One row per event; a header where the local date changes.
    fn event_rows(
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
        let time_w = time_texts
            .iter()
            .map(|t| text::width(t, BODY_SIZE, Weight::Semibold))
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
                self.rect(RectMark {
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
            self.text_line(
                time_text,
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
    fn tag(&mut self, t: &str, kind: EventKind, left: f32, right: f32, cy: f32, min_x: f32) {
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

/// The moments the on-call flow is judged by, each as an event whose text is a short label:
/// the first detection and acknowledgement, every escalation (its tag names to whom), the first
/// mitigation and the resolution.
fn key_moments_of(events: &[&Event]) -> Vec<Event> {
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
