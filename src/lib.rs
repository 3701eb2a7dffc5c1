//! pmchart: turn the timeline of an incident postmortem into a chart.
//!
//! Data flows one way: [`input`] (Markdown, JSON) → [`model`] (an incident) → [`validate`]
//! (diagnostics) → [`layout`] (a scene of positioned shapes) → [`draw`] (SVG, PNG).
//! [`render`] strings layout and drawing together.

pub mod batch;
pub mod codes;
pub mod diagnostics;
pub mod draw;
pub mod embed;
pub mod inert;
pub mod input;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod narrative;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod validate;
pub mod write;

pub use diagnostics::{Diagnostic, Severity};
pub use model::{Event, EventKind, Incident, Zone};
