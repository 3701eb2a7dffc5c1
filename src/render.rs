//! The one call most users want: incident in, SVG or PNG bytes out (layout, then drawing).

use crate::layout::{LayoutOptions, Scene};
use crate::model::Incident;

pub use crate::draw::Theme;

/// How to render.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Width of the chart in CSS pixels; the height follows from the content.
    pub width: u32,
    /// Colour theme.
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

/// The most pixels a PNG may have: 150 million, about 1.3 GB at the peak of drawing (6 to 9
/// bytes a pixel: the image, then its encoding). A chart of 1,000 one-sentence entries at the
/// default scale (2) is 1800 × 88,778 pixels, just over it; at `--scale 1` it is under. The SVG
/// has no such limit.
pub const MAX_PNG_PIXELS: u64 = 150_000_000;

/// Why a chart could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The rasteriser failed.
    #[error("cannot rasterise the chart: {0}")]
    Raster(#[from] crate::draw::DrawError),
    #[error(
        "the PNG would be {width} × {height} pixels ({} million), more than the {} million pmchart draws; {}",
        (*width * *height) / 1_000_000,
        MAX_PNG_PIXELS / 1_000_000,
        match fitting_scale {
            Some(s) => format!("use --scale {s} or less, or write SVG instead (-o chart.svg)"),
            None => "write SVG instead (-o chart.svg), which has no such limit".to_string(),
        }
    )]
    /// The PNG would be larger than `MAX_PNG_PIXELS`.
    TooLarge {
        /// Its width in pixels.
        width: u64,
        /// Its height in pixels.
        height: u64,
        /// The largest scale (in hundredths, at least 0.25) at which the PNG fits, if any.
        fitting_scale: Option<f32>,
    },
}

/// The chart's geometry: what [`svg`] and [`png()`] draw.
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

/// The chart as PNG bytes at `opts.scale`; [`RenderError::TooLarge`] past [`MAX_PNG_PIXELS`],
/// checked before anything is allocated.
pub fn png(incident: &Incident, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    png_of_scene(&layout(incident, opts), opts)
}

/// A laid-out scene as PNG bytes (see [`png()`]).
pub fn png_of_scene(scene: &Scene, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    check_png_size(scene, opts.scale)?;
    Ok(crate::draw::png(scene, opts.theme, opts.scale)?)
}

/// Refuses a PNG over [`MAX_PNG_PIXELS`].
pub fn check_png_size(scene: &Scene, scale: f32) -> Result<(), RenderError> {
    let dim = |x: f32| (f64::from(x) * f64::from(scale.max(0.0))).ceil().max(0.0) as u64;
    let (width, height) = (dim(scene.width), dim(scene.height));
    if width.saturating_mul(height) > MAX_PNG_PIXELS {
        let area = f64::from(scene.width) * f64::from(scene.height);
        let fits = ((MAX_PNG_PIXELS as f64 / area).sqrt() * 100.0).floor() / 100.0;
        return Err(RenderError::TooLarge {
            width,
            height,
            fitting_scale: (fits >= 0.25).then_some(fits as f32),
        });
    }
    Ok(())
}
