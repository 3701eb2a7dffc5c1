//! Layout: from an incident to a [`Scene`] of positioned rectangles, lines, markers and text
//! boxes. Pure geometry, no colours (only [`Ink`] roles the theme resolves) and no drawing, so
//! tests can check it: no two text boxes overlap, text stays clear of marks, all is on the canvas.
//!
//! The chart, top to bottom: title and subtitle; a card with the durations on-call teams are
//! judged by; a legend; the time axis (labelled with the zone); the impact bar and one Gantt lane
//! per phase; then one row per event (time and text on the left, its marker at its time on the
//! right), with a header where the date changes. The height follows the content.

mod axis;
mod builder;
mod header;
mod lanes;
mod rows;
mod scene;
pub mod text;
pub mod ticks;

pub use axis::Axis;
use builder::{Builder, TextStyle};
use header::{description, subtitle};
use rows::key_moments_of;
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

    // A row takes about six shapes (its stripe, time, up to three lines, marker, lead line):
    // reserved at once, a long timeline's scene is not copied at each doubling.
    b.shapes.reserve(7 * events.len());

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
    // Row stripes first, then the window and grid, then the rest: one move of what was drawn
    // since the axis.
    let stripes = std::mem::take(&mut b.stripes);
    b.shapes
        .splice(grid_index..grid_index, stripes.into_iter().chain(under));

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
