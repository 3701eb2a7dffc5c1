//! Drawing: a laid-out [`Scene`] written as SVG element by element (a small writer, as usvg's
//! own writer is: every shape is one or two elements, every number written one way), or, for
//! PNG, the same elements filled with tiny-skia exactly as resvg would fill them (`raster.rs`),
//! with no SVG text in between. Text is written as paths shaped and outlined from the embedded
//! Inter (so the chart looks the same without the font), or kept as `<text>`. [`tree`] and
//! [`rasterise`] are usvg and resvg themselves, for other SVG (the stats chart) and the tests.
//!
//! Why not plotters here: the chart is a scene of positioned boxes with no data axes of its own,
//! and plotters' SVG backend rounds to its integer grid, writes font sizes divided by 1.24 and
//! puts baselines 0.76 em below the point given; using it meant editing its output as text.
//! Writing the few elements directly keeps the layout free of those quirks.
//!
//! Everything from the input reaches the SVG only through [`escape_xml`] (text content and
//! attribute values); numbers and colours are formatted here.

mod canvas;
mod glyphs;
mod raster;
pub(crate) mod theme;

use crate::layout::text::FAMILY;
use crate::layout::{Ink, LineMark, MarkerMark, RectMark, Scene, Shape, TextBox};
use crate::model::EventKind;
use std::fmt::Write as _;
use theme::Rgb;
pub use theme::Theme;

/// A font database holding only the embedded Inter faces: no system fonts, so the output is
/// the same on every machine.
#[cfg(feature = "svg-text")]
pub fn fontdb() -> std::sync::Arc<usvg::fontdb::Database> {
    use crate::layout::text::Weight;
    use std::sync::{Arc, OnceLock};
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for weight in [Weight::Regular, Weight::Semibold] {
            db.load_font_data(crate::layout::text::font_bytes(weight).to_vec());
        }
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Escapes text for XML content and attribute values; characters that would act (controls,
/// bidi formats: see [`crate::inert`]) are dropped.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push('\n'),
            c if crate::inert::is_active(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A number as the SVG writes it: at most two decimals, no trailing zeros (`12`, `12.5`).
fn num(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// `#RRGGBB`.
fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// ` fill-opacity="0.14"`, or nothing when opaque: an opacity on the fill (not the element)
/// needs no layer of its own when rasterised.
fn fill_opacity(alpha: f32) -> String {
    if alpha >= 1.0 {
        String::new()
    } else {
        format!(" fill-opacity=\"{}\"", num(alpha.max(0.0)))
    }
}

/// Whole pixels: marks sit on the pixel grid, so edges stay crisp at scale 1 and 2.
fn px(v: f32) -> f32 {
    v.round()
}

/// How text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextAs {
    /// Outlines: the same picture everywhere, no font needed.
    Paths,
    /// `<text>` elements: selectable, needs the Inter font to look right.
    Text,
}

/// What the chart is drawn with: one call per SVG element pmchart writes. [`SvgWriter`] writes
/// the element; `raster::Painter` fills the same shape with tiny-skia as resvg would from that
/// element, so the PNG needs no SVG text and no parse. Coordinates are CSS pixels as computed;
/// each side rounds them the way the SVG's numbers are written.
trait Sink {
    /// `<rect>` filled with `c` at `alpha`: corners of radius `rx`, or square, crisp edges.
    fn fill_rect(&mut self, r: Area, rx: Option<f32>, c: Rgb, alpha: f32);
    /// `<rect>` outlined with a 1 px dashed (3 on, 2 off) stroke, crisp edges.
    fn dashed_rect(&mut self, r: Area, c: Rgb);
    /// `<path>` stroking each polyline (`M` then `L`s), unfilled.
    fn stroke_polylines(&mut self, lines: &[&[(f32, f32)]], c: Rgb, width: f32, alpha: f32);
    /// `<line>`.
    fn line(&mut self, a: (f32, f32), b: (f32, f32), c: Rgb, width: f32);
    /// `<polygon>`, filled.
    fn polygon(&mut self, points: &[(f32, f32)], c: Rgb);
    /// `<circle>`, filled.
    fn circle(&mut self, x: f32, y: f32, r: f32, c: Rgb);
    /// A text's glyphs as one filled `<path>`.
    fn glyphs(&mut self, t: &TextBox, c: Rgb);
    /// A text as a `<text>` element (the SVG only: pixels are drawn from the glyphs).
    fn text(&mut self, t: &TextBox, c: Rgb);
}

/// A `<rect>`'s place and size, in CSS pixels.
#[derive(Debug, Clone, Copy)]
struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

/// Writes each shape as its SVG element.
struct SvgWriter<'a> {
    out: &'a mut String,
}

impl Sink for SvgWriter<'_> {
    fn fill_rect(&mut self, Area { x, y, w, h }: Area, rx: Option<f32>, c: Rgb, alpha: f32) {
        let corner = match rx {
            Some(r) => format!(" rx=\"{}\"", num(r)),
            None => " shape-rendering=\"crispEdges\"".to_string(),
        };
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{corner} fill=\"{}\"{}/>",
            num(x),
            num(y),
            num(w),
            num(h),
            hex(c),
            fill_opacity(alpha)
        );
    }

    fn dashed_rect(&mut self, Area { x, y, w, h }: Area, c: Rgb) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"3 2\" shape-rendering=\"crispEdges\"/>",
            num(x),
            num(y),
            num(w),
            num(h),
            hex(c)
        );
    }

    fn stroke_polylines(&mut self, lines: &[&[(f32, f32)]], c: Rgb, width: f32, alpha: f32) {
        let mut d = String::new();
        for points in lines {
            for (i, (x, y)) in points.iter().enumerate() {
                let _ = write!(
                    d,
                    "{}{} {}",
                    if i == 0 { "M" } else { "L" },
                    num(*x),
                    num(*y)
                );
            }
        }
        if d.is_empty() {
            return;
        }
        let _ = writeln!(
            self.out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
            hex(c),
            num(width),
            if alpha >= 1.0 {
                String::new()
            } else {
                format!(" stroke-opacity=\"{}\"", num(alpha))
            }
        );
    }

    fn line(&mut self, a: (f32, f32), b: (f32, f32), c: Rgb, width: f32) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
            num(a.0),
            num(a.1),
            num(b.0),
            num(b.1),
            hex(c),
            num(width)
        );
    }

    fn polygon(&mut self, points: &[(f32, f32)], c: Rgb) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let _ = writeln!(
            self.out,
            "<polygon points=\"{}\" fill=\"{}\"/>",
            pts.join(" "),
            hex(c)
        );
    }

    fn circle(&mut self, x: f32, y: f32, r: f32, c: Rgb) {
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
            num(x),
            num(y),
            num(r),
            hex(c)
        );
    }

    fn glyphs(&mut self, t: &TextBox, c: Rgb) {
        let start = self.out.len();
        let _ = write!(self.out, "<path fill=\"{}\" d=\"", hex(c));
        let before = self.out.len();
        glyphs::push_text_path(self.out, &t.glyphs, t.x, t.baseline, t.size, t.weight);
        if self.out.len() == before {
            // No glyph with an outline (spaces only): no element.
            self.out.truncate(start);
        } else {
            self.out.push_str("\"/>\n");
        }
    }

    fn text(&mut self, t: &TextBox, c: Rgb) {
        let weight = match t.weight {
            crate::layout::text::Weight::Regular => "400",
            crate::layout::text::Weight::Semibold => "600",
        };
        // As the paths are shaped: without contextual alternates ("0x19" stays "0x19").
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-family=\"{FAMILY}, Helvetica, Arial, sans-serif\" font-size=\"{}\" font-weight=\"{weight}\" fill=\"{}\" style=\"font-feature-settings:'calt' 0\" xml:space=\"preserve\">{}</text>",
            num(t.x),
            num(t.baseline),
            num(t.size),
            hex(c),
            escape_xml(&t.text)
        );
    }
}

/// The scene's shapes, in drawing order, into `sink`.
fn body(sink: &mut impl Sink, scene: &Scene, theme: Theme, text_as: TextAs) {
    let bg = theme::color(theme, Ink::Background);
    for shape in &scene.shapes {
        match shape {
            Shape::Rect(r) => rect(sink, r, theme),
            Shape::Line(l) => line(sink, l, theme),
            Shape::Marker(m) => marker(sink, m, theme, bg),
            Shape::Text(t) => text(sink, t, theme, text_as),
        }
    }
}

/// A box by its edges, in CSS pixels.
#[derive(Debug, Clone, Copy)]
struct Edges {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

/// A filled rectangle on whole pixels; rounded corners when `radius` is at least a pixel.
fn filled_rect(sink: &mut impl Sink, e: Edges, radius: f32, c: Rgb, alpha: f32) {
    let Edges { x0, y0, x1, y1 } = e;
    let (w, h) = (x1 - x0, y1 - y0);
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let r = radius.min(w / 2.0).min(h / 2.0);
    // Square edges on whole pixels need no anti-aliasing, and rasterise faster without.
    let corner = (r >= 1.0).then_some(r);
    sink.fill_rect(Area { x: x0, y: y0, w, h }, corner, c, alpha);
}

fn rect(sink: &mut impl Sink, r: &RectMark, theme: Theme) {
    let c = theme::color(theme, r.fill);
    let (x0, y0) = (px(r.x), px(r.y));
    let (x1, y1) = (px(r.x + r.width), px(r.y + r.height));
    if !r.hatched {
        filled_rect(sink, Edges { x0, y0, x1, y1 }, r.radius, c, r.opacity);
        return;
    }
    // A dead end: a faint fill, diagonal hatching every 4 px and a dashed outline.
    filled_rect(sink, Edges { x0, y0, x1, y1 }, r.radius, c, 0.14);
    let (w, h) = (x1 - x0, y1 - y0);
    let mut segments = Vec::new();
    let mut k = -h;
    while k < w {
        // The segment of the line x = x0 + k + (y1 - y) inside the rectangle.
        let (mut ax, mut ay) = (x0 + k, y1);
        let (mut bx, mut by) = (x0 + k + h, y0);
        if ax < x0 {
            ay -= x0 - ax;
            ax = x0;
        }
        if bx > x1 {
            by += bx - x1;
            bx = x1;
        }
        if bx > ax {
            segments.push([(ax, ay), (bx, by)]);
        }
        k += 4.0;
    }
    let lines: Vec<&[(f32, f32)]> = segments.iter().map(|s| &s[..]).collect();
    sink.stroke_polylines(&lines, c, 1.0, r.opacity);
    sink.dashed_rect(
        Area {
            x: x0 + 0.5,
            y: y0 + 0.5,
            w: (w - 1.0).max(0.0),
            h: (h - 1.0).max(0.0),
        },
        c,
    );
}

fn line(sink: &mut impl Sink, l: &LineMark, theme: Theme) {
    let c = theme::color(theme, l.ink);
    let w = l.width.max(1.0);
    // Axis-aligned lines as filled rectangles on whole pixels: crisp at any scale.
    if l.x1 == l.x2 || l.y1 == l.y2 {
        let x0 = (l.x1.min(l.x2) - w / 2.0).floor();
        let y0 = (l.y1.min(l.y2) - w / 2.0).floor();
        let x1 = if l.x1 == l.x2 {
            x0 + w.trunc()
        } else {
            px(l.x1.max(l.x2))
        };
        let y1 = if l.y1 == l.y2 {
            y0 + w.trunc()
        } else {
            px(l.y1.max(l.y2))
        };
        filled_rect(sink, Edges { x0, y0, x1, y1 }, 0.0, c, 1.0);
        return;
    }
    sink.line((px(l.x1), px(l.y1)), (px(l.x2), px(l.y2)), c, w.trunc());
}

/// Each kind has its own shape as well as its colour: the chart reads without colour.
fn marker(sink: &mut impl Sink, m: &MarkerMark, theme: Theme, bg: Rgb) {
    let c = theme::kind_color(theme, m.kind);
    let (x, y) = (px(m.x), px(m.y));
    let h = (m.size / 2.0).round();
    match m.kind {
        EventKind::Trigger => filled_rect(
            sink,
            Edges {
                x0: x - h + 1.0,
                y0: y - h + 1.0,
                x1: x + h - 1.0,
                y1: y + h - 1.0,
            },
            0.0,
            c,
            1.0,
        ),
        EventKind::Detect => {
            sink.polygon(&[(x, y - h), (x + h, y + h - 1.0), (x - h, y + h - 1.0)], c)
        }
        EventKind::Acknowledge => {
            sink.circle(x, y, h, c);
            sink.circle(x, y, (h - 3.0).max(1.0), bg);
        }
        EventKind::Escalate => {
            sink.polygon(&[(x - h + 1.0, y - h), (x + h, y), (x - h + 1.0, y + h)], c)
        }
        EventKind::Action => sink.circle(x, y, h - 2.0, c),
        EventKind::Misleading => {
            for stroke in [
                [(x - h + 2.0, y - h + 2.0), (x + h - 2.0, y + h - 2.0)],
                [(x - h + 2.0, y + h - 2.0), (x + h - 2.0, y - h + 2.0)],
            ] {
                sink.stroke_polylines(&[&stroke], c, 2.0, 1.0);
            }
        }
        EventKind::Mitigate => sink.polygon(&[(x, y - h), (x + h, y), (x, y + h), (x - h, y)], c),
        EventKind::Resolve => {
            sink.circle(x, y, h, c);
            sink.stroke_polylines(
                &[&[(x - 3.0, y), (x - 1.0, y + 2.0), (x + 3.0, y - 2.0)]],
                bg,
                2.0,
                1.0,
            );
        }
        EventKind::Note => {
            sink.circle(x, y, h - 2.0, c);
            sink.circle(x, y, (h - 4.0).max(1.0), bg);
        }
    }
}

fn text(sink: &mut impl Sink, t: &TextBox, theme: Theme, text_as: TextAs) {
    if let Some(bg) = t.background {
        // A pill behind the text, so it stands out over gridlines.
        filled_rect(
            sink,
            Edges {
                x0: px(t.x - t.pad),
                y0: px(t.y - t.pad),
                x1: px(t.x + t.width + t.pad),
                y1: px(t.y + t.height + t.pad),
            },
            4.0,
            theme::color(theme, bg),
            1.0,
        );
    }
    let c = theme::color(theme, t.ink);
    match text_as {
        TextAs::Paths => sink.glyphs(t, c),
        TextAs::Text => sink.text(t, c),
    }
}

/// usvg options that resolve `Inter` to the embedded faces and nothing else.
#[cfg(feature = "svg-text")]
fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    }
}

/// Without `svg-text`, usvg reads no `<text>`: the charts' own SVG for PNG has none.
#[cfg(not(feature = "svg-text"))]
fn usvg_options() -> usvg::Options<'static> {
    usvg::Options::default()
}

/// Why a chart could not be drawn as PNG.
#[derive(Debug, thiserror::Error)]
pub enum DrawError {
    /// The SVG did not parse (pmchart's own SVG always does: a bug if seen).
    #[error("the SVG does not parse: {0}")]
    Parse(#[from] usvg::Error),
    /// The scale is outside what pmchart draws.
    #[error("scale {0} is outside 0 < scale <= 8")]
    Scale(f32),
    /// The image could not be allocated.
    #[error("cannot allocate a {width}×{height} image")]
    Allocate {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(#[from] png::EncodingError),
}

/// Parses SVG (as [`svg`] writes it) into a usvg tree, text laid out with the embedded font
/// (with the `svg-text` feature; without it, `<text>` elements are left out).
pub fn tree(svg: &str) -> Result<usvg::Tree, DrawError> {
    Ok(usvg::Tree::from_str(svg, &usvg_options())?)
}

/// The chart as SVG: the root element (size, viewBox, role, label), `<title>`, `<desc>`, the
/// shapes (text as paths, or kept as `<text>`), and tooltips for shortened labels.
pub fn svg(scene: &Scene, theme: Theme, keep_text: bool) -> String {
    let text_as = if keep_text {
        TextAs::Text
    } else {
        TextAs::Paths
    };
    let (w, h) = (scene.width as u32, scene.height as u32);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        escape_xml(&scene.title)
    );
    let _ = writeln!(out, "<title>{}</title>", escape_xml(&scene.title));
    let _ = writeln!(out, "<desc>{}</desc>", escape_xml(&scene.description));
    out.reserve(estimated_len(scene, text_as));
    body(&mut SvgWriter { out: &mut out }, scene, theme, text_as);
    let mut tips = String::new();
    for s in &scene.shapes {
        if let Shape::Text(t) = s {
            if let Some(full) = &t.full_text {
                let _ = writeln!(
                    tips,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\" fill-opacity=\"0\"><title>{}</title></rect>",
                    num(t.x),
                    num(t.y),
                    num(t.width.ceil()),
                    num(t.height),
                    escape_xml(&crate::layout::text::truncate_chars(full, 2000))
                );
            }
        }
    }
    if !tips.is_empty() {
        out.push_str("<g>\n");
        out.push_str(&tips);
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// A little more than the bytes [`svg`] writes for `scene`, reserved at once: a long
/// timeline's SVG was otherwise copied at each doubling, and the copies' page faults were a
/// tenth of the SVG stage at 10⁵ entries. Pages reserved but never written cost nothing.
fn estimated_len(scene: &Scene, text_as: TextAs) -> usize {
    // Per element: its tag and attributes, under 300 bytes; per glyph as a path: its origin
    // and outline, under 200 (the widest letters of the two weights).
    let per_glyph = match text_as {
        TextAs::Paths => 200,
        TextAs::Text => 0,
    };
    1024 + scene
        .shapes
        .iter()
        .map(|s| match s {
            Shape::Text(t) => 300 + 6 * t.text.len() + per_glyph * t.glyphs.len(),
            _ => 300,
        })
        .sum::<usize>()
}

/// The scene as PNG at `scale` pixels per CSS pixel: the shapes filled with tiny-skia exactly
/// as resvg fills the elements of the chart's SVG (text as paths, no tooltips), with no SVG
/// written or parsed in between (a test compares the pixels with resvg's).
pub fn png(scene: &Scene, theme: Theme, scale: f32) -> Result<Vec<u8>, DrawError> {
    check_scale(scale)?;
    // The size usvg gives the SVG: its whole-pixel width and height, times the scale.
    let (w, h) = (
        ((scene.width as u32) as f32 * scale).ceil() as u32,
        ((scene.height as u32) as f32 * scale).ceil() as u32,
    );
    let too_big = || DrawError::Allocate {
        width: w,
        height: h,
    };
    let len = resvg::tiny_skia::IntSize::from_wh(w, h)
        .and_then(|_| (w as usize).checked_mul(4)?.checked_mul(h as usize))
        .ok_or_else(too_big)?;
    let mut canvas = canvas::Canvas::zeroed(len);
    // tiny-skia checks its own limits on the size here.
    let pixmap =
        resvg::tiny_skia::PixmapMut::from_bytes(canvas.bytes_mut(), w, h).ok_or_else(too_big)?;
    body(
        &mut raster::Painter::new(pixmap, scale),
        scene,
        theme,
        TextAs::Paths,
    );
    let pixmap =
        resvg::tiny_skia::PixmapRef::from_bytes(canvas.bytes(), w, h).ok_or_else(too_big)?;
    // The scene's first shape is its opaque background over the whole canvas: when the canvas
    // is a whole number of pixels, every pixel is opaque without looking.
    let whole = |v: f32| ((v as u32) as f32 * scale).fract() == 0.0;
    encode_png(pixmap, whole(scene.width) && whole(scene.height))
}

fn check_scale(scale: f32) -> Result<(), DrawError> {
    if scale.is_finite() && scale > 0.0 && scale <= 8.0 {
        Ok(())
    } else {
        Err(DrawError::Scale(scale))
    }
}

/// Renders a parsed tree to PNG bytes.
pub fn rasterise(tree: &usvg::Tree, scale: f32) -> Result<Vec<u8>, DrawError> {
    encode_png(draw_pixmap(tree, scale)?.as_ref(), false)
}

/// Draws `tree` at `scale` pixels per CSS pixel.
fn draw_pixmap(tree: &usvg::Tree, scale: f32) -> Result<resvg::tiny_skia::Pixmap, DrawError> {
    check_scale(scale)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or(DrawError::Allocate {
        width: w,
        height: h,
    })?;
    resvg::render(
        tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// PNG with fdeflate's ultra-fast mode and the Paeth filter: measured on a 1800×1344 chart,
/// the default level and adaptive filtering take longer than drawing; Paeth with ultra-fast
/// deflate encodes in 0.7× the time of adaptive for a file 5% larger, and dropping the alpha
/// channel costs more in copying than it saves in compressing.
fn encode_png(pixmap: resvg::tiny_skia::PixmapRef, opaque: bool) -> Result<Vec<u8>, DrawError> {
    // tiny-skia stores premultiplied colour; PNG wants straight. The chart has an opaque
    // background, where the two are the same.
    let opaque = opaque || pixmap.data().chunks_exact(4).all(|p| p[3] == 255);
    let straight;
    let data: &[u8] = if opaque {
        pixmap.data()
    } else {
        straight = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect::<Vec<u8>>();
        &straight
    };
    let mut out = Vec::with_capacity(data.len() / 8);
    {
        let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_deflate_compression(png::DeflateCompression::FdeflateUltraFast);
        enc.set_filter(png::Filter::Paeth);
        let mut writer = enc.write_header()?;
        writer.write_image_data(data)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup_and_no_controls() {
        assert_eq!(
            escape_xml("<script>&]]>\u{1}\u{202E}'\""),
            "&lt;script&gt;&amp;]]&gt;&apos;&quot;"
        );
    }

    /// The reserve covers the whole SVG, so it is written without a copy, and is not wildly
    /// more: the examples, text as paths and as `<text>`, each theme.
    #[test]
    fn the_reserved_length_covers_the_svg() {
        use crate::model::{InputFormat, SourceText};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("examples/") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let source = SourceText {
                path: None,
                text: std::fs::read_to_string(&path).expect("readable"),
                format: InputFormat::Json,
            };
            let checked =
                crate::pipeline::check_source(source, &crate::pipeline::Options::default());
            let incident = checked.incident.expect("the example reads");
            let scene = crate::render::layout(&incident, &Default::default());
            for (keep_text, text_as) in [(false, TextAs::Paths), (true, TextAs::Text)] {
                for theme in [Theme::Light, Theme::Dark] {
                    let written = svg(&scene, theme, keep_text).len();
                    let reserved = estimated_len(&scene, text_as);
                    assert!(
                        written <= reserved && reserved <= 3 * written,
                        "{}: {written} bytes written, {reserved} reserved",
                        path.display()
                    );
                }
            }
            seen += 1;
        }
        assert_eq!(seen, 4, "the four JSON examples");
    }

    #[test]
    fn numbers_are_written_one_way() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(0.14), "0.14");
        assert_eq!(num(-3.004), "-3");
    }
}
