//! The scene: what the layout produces and drawing consumes. Plain geometry and roles, no
//! colours, serialisable for `--dump-layout` and tests.

use super::text::Weight;
use crate::model::EventKind;
use serde::Serialize;

/// What a shape is drawn with; the theme turns roles into colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ink {
    /// Body text.
    Text,
    /// Secondary text.
    Muted,
    /// Gridlines.
    Grid,
    /// Rules between parts.
    Rule,
    /// Card backgrounds.
    Surface,
    /// The page.
    Background,
    /// The impact window.
    Impact,
    /// The colour of an event kind.
    Kind(EventKind),
    /// The colour of a phase lane.
    Lane(Lane),
}

/// Phase lanes of the Gantt part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lane {
    /// From detection to acknowledgement.
    Detection,
    /// Actions and dead ends.
    Investigation,
    /// Escalations.
    Escalation,
    /// Mitigations.
    Mitigation,
    /// The resolution.
    Resolution,
}

impl Lane {
    /// Every lane, top to bottom.
    pub const ALL: [Lane; 5] = [
        Lane::Detection,
        Lane::Investigation,
        Lane::Escalation,
        Lane::Mitigation,
        Lane::Resolution,
    ];

    /// The lane an event kind belongs to; none for causes and notes.
    pub fn of(kind: EventKind) -> Option<Lane> {
        Some(match kind {
            // The cause is a marker, not a phase: the Detection lane starts at the detection.
            EventKind::Detect | EventKind::Acknowledge => Lane::Detection,
            EventKind::Action | EventKind::Misleading => Lane::Investigation,
            EventKind::Escalate => Lane::Escalation,
            EventKind::Mitigate => Lane::Mitigation,
            EventKind::Resolve => Lane::Resolution,
            EventKind::Trigger | EventKind::Note => return None,
        })
    }

    /// The lane's label.
    pub fn name(self) -> &'static str {
        match self {
            Lane::Detection => "Detection",
            Lane::Investigation => "Investigation",
            Lane::Escalation => "Escalation",
            Lane::Mitigation => "Mitigation",
            Lane::Resolution => "Resolution",
        }
    }
}

/// A laid-out chart.
#[derive(Debug, Clone, Serialize)]
pub struct Scene {
    /// Width in CSS pixels.
    pub width: f32,
    /// Height in CSS pixels.
    pub height: f32,
    /// The accessible name (SVG `<title>`).
    pub title: String,
    /// The accessible description (SVG `<desc>`): the timeline in words.
    pub description: String,
    /// In drawing order.
    pub shapes: Vec<Shape>,
}

/// One thing to draw.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "shape", rename_all = "lowercase")]
pub enum Shape {
    /// A rectangle.
    Rect(RectMark),
    /// A line.
    Line(LineMark),
    /// An event marker.
    Marker(MarkerMark),
    /// A line of text.
    Text(TextBox),
}

/// What a shape stands for; `--dump-layout` prints it and the overlap checks use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Decoration under other things: page, cards, row stripes, shading of the impact window.
    Background,
    /// A card behind a part of the chart.
    Card,
    /// A stripe behind every other row.
    RowStripe,
    /// The shaded impact window.
    ImpactWindow,
    /// Gridlines.
    Grid,
    /// Rules between parts.
    Rule,
    /// Marks: text must keep clear of these.
    ImpactBar,
    /// A phase bar in a lane.
    PhaseBar,
    /// An activity with a duration.
    EventBar,
    /// An event marker.
    Marker,
    /// A swatch in the legend.
    LegendSwatch,
    // Text.
    /// The title.
    Title,
    /// The subtitle (dates, zone, duration).
    Subtitle,
    /// A metric's label.
    MetricLabel,
    /// A metric's value.
    MetricValue,
    /// Legend text.
    Legend,
    /// The zone on the axis.
    ZoneLabel,
    /// A date on the axis.
    DayLabel,
    /// A time on the axis.
    TickLabel,
    /// A lane's label.
    LaneLabel,
    /// A date heading between rows.
    DayHeader,
    /// An entry's time.
    EventTime,
    /// An entry's text.
    EventText,
    /// A small label on a row (dead end, escalated to …).
    Tag,
    /// The note of an empty chart.
    Empty,
}

impl Role {
    /// Whether text may lie on this shape (it is a background, not a mark).
    pub fn is_decoration(self) -> bool {
        matches!(
            self,
            Role::Background
                | Role::Card
                | Role::RowStripe
                | Role::ImpactWindow
                | Role::Grid
                | Role::Rule
        )
    }
}

/// A rectangle.
#[derive(Debug, Clone, Serialize)]
pub struct RectMark {
    /// What it stands for.
    pub role: Role,
    /// Left, in CSS pixels.
    pub x: f32,
    /// Top, in CSS pixels.
    pub y: f32,
    /// Width in CSS pixels.
    pub width: f32,
    /// Height in CSS pixels.
    pub height: f32,
    /// Fill.
    pub fill: Ink,
    /// Fill opacity, 0 to 1.
    pub opacity: f32,
    /// Corner radius.
    pub radius: f32,
    /// Diagonal hatching and a dashed outline: a dead end.
    pub hatched: bool,
}

/// A straight line.
#[derive(Debug, Clone, Serialize)]
pub struct LineMark {
    /// What it stands for.
    pub role: Role,
    /// Start x.
    pub x1: f32,
    /// Start y.
    pub y1: f32,
    /// End x.
    pub x2: f32,
    /// End y.
    pub y2: f32,
    /// Colour.
    pub ink: Ink,
    /// Width in CSS pixels.
    pub width: f32,
    /// Dashed rather than solid.
    pub dashed: bool,
}

/// An event marker centred on `x, y`; its shape and colour follow the kind.
#[derive(Debug, Clone, Serialize)]
pub struct MarkerMark {
    /// What it stands for.
    pub role: Role,
    /// The event's kind.
    pub kind: EventKind,
    /// Left, in CSS pixels.
    pub x: f32,
    /// Top, in CSS pixels.
    pub y: f32,
    /// Width and height of the marker's box.
    pub size: f32,
}

/// A single line of text. `x, y` is the top-left corner of its box, which spans the font's
/// ascender to its descender; `width` is the exact drawn advance.
#[derive(Debug, Clone, Serialize)]
pub struct TextBox {
    /// What it stands for.
    pub role: Role,
    /// The text as drawn.
    pub text: String,
    /// The whole text when `text` was shortened (shown as a tooltip).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_text: Option<String>,
    /// Left, in CSS pixels.
    pub x: f32,
    /// Top, in CSS pixels.
    pub y: f32,
    /// Width in CSS pixels.
    pub width: f32,
    /// Height in CSS pixels.
    pub height: f32,
    /// The baseline's y.
    pub baseline: f32,
    /// Font size in CSS pixels.
    pub size: f32,
    /// Regular or semibold.
    pub weight: Weight,
    /// `text` shaped (glyph ids and advances in font units): measured once by the layout and
    /// outlined by the drawing from the same glyphs, so no line is shaped twice however long
    /// the timeline.
    #[serde(skip)]
    pub glyphs: std::sync::Arc<[crate::layout::text::ShapedGlyph]>,
    /// Colour.
    pub ink: Ink,
    /// A pill behind the text (covering its box plus `pad`), to stand out over gridlines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Ink>,
    /// Padding of the pill around the text.
    pub pad: f32,
}

/// A box on the canvas: used for overlap checks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// Left, in CSS pixels.
    pub x: f32,
    /// Top, in CSS pixels.
    pub y: f32,
    /// Width in CSS pixels.
    pub width: f32,
    /// Height in CSS pixels.
    pub height: f32,
}

impl Bounds {
    /// Whether the two boxes overlap (touching edges do not).
    pub fn intersects(&self, o: &Bounds) -> bool {
        self.x < o.x + o.width
            && o.x < self.x + self.width
            && self.y < o.y + o.height
            && o.y < self.y + self.height
    }
}

impl Shape {
    /// What the shape stands for.
    pub fn role(&self) -> Role {
        match self {
            Shape::Rect(r) => r.role,
            Shape::Line(l) => l.role,
            Shape::Marker(m) => m.role,
            Shape::Text(t) => t.role,
        }
    }

    /// The area the shape covers (for text: its box including the pill's padding).
    pub fn bounds(&self) -> Bounds {
        match self {
            Shape::Rect(r) => Bounds {
                x: r.x,
                y: r.y,
                width: r.width,
                height: r.height,
            },
            Shape::Line(l) => Bounds {
                x: l.x1.min(l.x2) - l.width / 2.0,
                y: l.y1.min(l.y2) - l.width / 2.0,
                width: (l.x2 - l.x1).abs() + l.width,
                height: (l.y2 - l.y1).abs() + l.width,
            },
            Shape::Marker(m) => Bounds {
                x: m.x - m.size / 2.0,
                y: m.y - m.size / 2.0,
                width: m.size,
                height: m.size,
            },
            Shape::Text(t) => Bounds {
                x: t.x - t.pad,
                y: t.y - t.pad,
                width: t.width + 2.0 * t.pad,
                height: t.height + 2.0 * t.pad,
            },
        }
    }

    /// The text of a text box.
    pub fn text(&self) -> Option<&str> {
        match self {
            Shape::Text(t) => Some(&t.text),
            _ => None,
        }
    }
}

/// One box of [`Scene::boxes_json`].
#[derive(Serialize)]
struct BoxOut<'a> {
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
}

#[derive(Serialize)]
struct BoxesOut<'a> {
    /// This output's version: 1.
    version: u32,
    width: f32,
    height: f32,
    items: Vec<BoxOut<'a>>,
}

impl Scene {
    /// Every shape's box as JSON (`render --dump-layout`): the kind (its role, and for a marker
    /// its event kind), the text, and the box, for checking a chart without looking at it.
    pub fn boxes_json(&self) -> String {
        serde_json::to_string_pretty(&self.boxes()).expect("the layout always serialises") + "\n"
    }

    fn boxes(&self) -> BoxesOut<'_> {
        let scene = self;
        let items = scene
            .shapes
            .iter()
            .map(|s| {
                let b = s.bounds();
                let role = serde_json::to_value(s.role())
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                let kind = match s {
                    Shape::Marker(m) => format!("{role}:{}", m.kind),
                    _ => role,
                };
                BoxOut {
                    kind,
                    text: s.text(),
                    x: b.x,
                    y: b.y,
                    width: b.width,
                    height: b.height,
                }
            })
            .collect();
        BoxesOut {
            version: 1,
            width: scene.width,
            height: scene.height,
            items,
        }
    }
}
