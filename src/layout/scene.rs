//! The scene: what the layout produces and drawing consumes. Plain geometry and roles, no
//! colours, serialisable for `--dump-layout` and tests.

use super::text::Weight;
use crate::model::EventKind;
use serde::Serialize;

/// What a shape is drawn with; the theme turns roles into colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ink {
    Text,
    Muted,
    Grid,
    Rule,
    Surface,
    Background,
    Impact,
    Kind(EventKind),
    Lane(Lane),
}

/// Phase lanes of the Gantt part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lane {
    Detection,
    Investigation,
    Escalation,
    Mitigation,
    Resolution,
}

impl Lane {
    pub const ALL: [Lane; 5] = [
        Lane::Detection,
        Lane::Investigation,
        Lane::Escalation,
        Lane::Mitigation,
        Lane::Resolution,
    ];

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
    pub width: f32,
    pub height: f32,
    /// The accessible name (SVG `<title>`).
    pub title: String,
    /// The accessible description (SVG `<desc>`): the timeline in words.
    pub description: String,
    /// In drawing order.
    pub shapes: Vec<Shape>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "shape", rename_all = "lowercase")]
pub enum Shape {
    Rect(RectMark),
    Line(LineMark),
    Marker(MarkerMark),
    Text(TextBox),
}

/// What a shape stands for; `--dump-layout` prints it and the overlap checks use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Decoration under other things: page, cards, row stripes, shading of the impact window.
    Background,
    Card,
    RowStripe,
    ImpactWindow,
    Grid,
    Rule,
    /// Marks: text must keep clear of these.
    ImpactBar,
    PhaseBar,
    EventBar,
    Marker,
    LegendSwatch,
    // Text.
    Title,
    Subtitle,
    MetricLabel,
    MetricValue,
    Legend,
    ZoneLabel,
    DayLabel,
    TickLabel,
    LaneLabel,
    DayHeader,
    EventTime,
    EventText,
    Tag,
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

#[derive(Debug, Clone, Serialize)]
pub struct RectMark {
    pub role: Role,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub fill: Ink,
    pub opacity: f32,
    pub radius: f32,
    /// Diagonal hatching and a dashed outline: a dead end.
    pub hatched: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineMark {
    pub role: Role,
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub ink: Ink,
    pub width: f32,
    pub dashed: bool,
}

/// An event marker centred on `x, y`; its shape and colour follow the kind.
#[derive(Debug, Clone, Serialize)]
pub struct MarkerMark {
    pub role: Role,
    pub kind: EventKind,
    pub x: f32,
    pub y: f32,
    /// Width and height of the marker's box.
    pub size: f32,
}

/// A single line of text. `x, y` is the top-left corner of its box, which spans the font's
/// ascender to its descender; `width` is the exact drawn advance.
#[derive(Debug, Clone, Serialize)]
pub struct TextBox {
    pub role: Role,
    pub text: String,
    /// The whole text when `text` was shortened (shown as a tooltip).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_text: Option<String>,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// The baseline's y.
    pub baseline: f32,
    pub size: f32,
    pub weight: Weight,
    pub ink: Ink,
    /// A pill behind the text (covering its box plus `pad`), to stand out over gridlines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Ink>,
    pub pad: f32,
}

/// A box on the canvas: used for overlap checks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Bounds {
    pub fn intersects(&self, o: &Bounds) -> bool {
        self.x < o.x + o.width
            && o.x < self.x + self.width
            && self.y < o.y + o.height
            && o.y < self.y + self.height
    }
}

impl Shape {
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

    pub fn text(&self) -> Option<&str> {
        match self {
            Shape::Text(t) => Some(&t.text),
            _ => None,
        }
    }
}
