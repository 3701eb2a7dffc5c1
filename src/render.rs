//! The one call most users want: incident in, SVG or PNG bytes out (layout, then drawing).

use crate::layout::{LayoutOptions, Scene};
use crate::model::Incident;

/// Colour theme of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// How to render.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Width of the chart in CSS pixels; the height follows from the content.
    pub width: u32,
    pub theme: Theme,
    /// Pixels per CSS pixel in PNG output.
    pub scale: f32,
    /// Keep `<text>` in the SVG (selectable) instead of converting it to paths.
    pub keep_text: bool,
    /// The compact chart for a README, under the timeline's own text: lanes and one row per key
    /// moment (detection, acknowledgement, escalations, first mitigation, resolution) with a
    /// short label, instead of a row per entry.
    pub compact: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 900,
            theme: Theme::Light,
            scale: 2.0,
            keep_text: false,
            compact: false,
        }
    }
}

/// Why a chart could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot rasterise the chart: {0}")]
    Raster(String),
}

/// The chart's geometry: what [`svg`] and [`png`] draw.
pub fn layout(incident: &Incident, opts: &RenderOptions) -> Scene {
    crate::layout::layout(
        incident,
        &LayoutOptions {
            width: opts.width,
            compact: opts.compact,
        },
    )
}

/// The chart as SVG text.
pub fn svg(incident: &Incident, opts: &RenderOptions) -> String {
    crate::draw::svg(&layout(incident, opts), opts.theme, opts.keep_text)
}

/// The chart as PNG bytes at `opts.scale`.
pub fn png(incident: &Incident, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    crate::draw::png(&layout(incident, opts), opts.theme, opts.scale).map_err(RenderError::Raster)
}
