//! Drawing: a laid-out [`Scene`] to SVG (plotters' SVG backend), then through usvg (text to
//! paths, so the chart looks the same without the font) and resvg (PNG).
//!
//! Everything from the input reaches the SVG only as escaped text content or attribute values:
//! plotters escapes what it writes, usvg writes its own escaped output, and what this module adds
//! (title, description, tooltips) goes through [`escape_xml`].

mod glyphs;
pub(crate) mod theme;

use crate::layout::text::{escape_xml, FAMILY, INTER_REGULAR, INTER_SEMIBOLD};
use crate::layout::{Ink, LineMark, MarkerMark, RectMark, Scene, Shape, TextBox};
use crate::model::EventKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor};
use std::sync::{Arc, OnceLock};
use theme::Rgb;
pub use theme::Theme;

type Coord = (i32, i32);

/// Registers the embedded fonts with plotters (once): its text measurement then uses Inter.
fn register_fonts() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        // The fonts are embedded and known good; a failure would only lose plotters' own
        // measurement, which the layout does not use.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, INTER_REGULAR);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, INTER_SEMIBOLD);
    });
}

/// A font database holding only the embedded Inter faces: no system fonts, so the output is
/// the same on every machine.
pub fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(INTER_REGULAR.to_vec());
        db.load_font_data(INTER_SEMIBOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn rgba(c: Rgb, alpha: f64) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, alpha)
}

fn px(v: f32) -> i32 {
    v.round() as i32
}

/// plotters writes `font-size` as the size given divided by 1.24.
fn plotters_font_size(size: f32) -> f64 {
    size as f64 * 1.24
}

/// Rounds plotters' `font-size` values (`13.000000000000002`, from its division by 1.24) to
/// the sizes the layout measured with.
fn tidy_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(v) => out.push_str(&format!("{}", (v * 1000.0).round() / 1000.0)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The scene as SVG drawn by plotters, with `<text>` (needs the Inter font to display).
pub fn plotters_svg(scene: &Scene, theme: Theme) -> String {
    register_fonts();
    let mut buf = String::with_capacity(64 * 1024);
    {
        let mut be = SVGBackend::with_string(&mut buf, (scene.width as u32, scene.height as u32));
        for shape in &scene.shapes {
            // Drawing into a string cannot fail.
            let _ = match shape {
                Shape::Rect(r) => draw_rect(&mut be, r, theme),
                Shape::Line(l) => draw_line(&mut be, l, theme),
                Shape::Marker(m) => draw_marker(&mut be, m, theme),
                Shape::Text(t) => draw_text(&mut be, t, theme),
            };
        }
        let _ = be.present();
    }
    // Rectangles sit on whole pixels: without anti-aliasing they look the same and rasterise
    // faster.
    tidy_font_sizes(&buf).replace("<rect ", "<rect shape-rendering=\"crispEdges\" ")
}

/// `None` when the backend failed (it writes to a string: it does not).
type DrawResult = Option<()>;

fn fill_style(c: Rgb, alpha: f64) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c, alpha),
        filled: true,
        stroke_width: 0,
    }
}

fn stroke_style(c: Rgb, alpha: f64, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c, alpha),
        filled: false,
        stroke_width: width,
    }
}

/// A rectangle with rounded corners as a polygon (plotters has no rounded rectangle).
fn rounded(x0: i32, y0: i32, x1: i32, y1: i32, r: f32) -> Vec<Coord> {
    let r = r.min((x1 - x0) as f32 / 2.0).min((y1 - y0) as f32 / 2.0);
    if r < 1.0 {
        return vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
    }
    let (fx0, fy0, fx1, fy1) = (x0 as f32, y0 as f32, x1 as f32, y1 as f32);
    let corners = [
        (fx1 - r, fy0 + r, -90.0f32),
        (fx1 - r, fy1 - r, 0.0),
        (fx0 + r, fy1 - r, 90.0),
        (fx0 + r, fy0 + r, 180.0),
    ];
    let mut pts = Vec::with_capacity(16);
    for (cx, cy, a0) in corners {
        for i in 0..=2 {
            let a = (a0 + 45.0 * i as f32).to_radians();
            pts.push((px(cx + r * a.cos()), px(cy + r * a.sin())));
        }
    }
    pts.dedup();
    pts
}

fn draw_rect<B: DrawingBackend>(be: &mut B, r: &RectMark, theme: Theme) -> DrawResult {
    let c = theme::color(theme, r.fill);
    let (x0, y0) = (px(r.x), px(r.y));
    let (x1, y1) = (px(r.x + r.width), px(r.y + r.height));
    if r.hatched {
        // A dead end: faint fill, diagonal hatching and a dashed outline.
        be.fill_polygon(rounded(x0, y0, x1, y1, r.radius), &fill_style(c, 0.14))
            .ok()?;
        let (w, h) = (x1 - x0, y1 - y0);
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
                be.draw_line((ax, ay), (bx, by), &stroke_style(c, r.opacity as f64, 1))
                    .ok()?;
            }
            k += 4;
        }
        dashed_outline(be, x0, y0, x1, y1, c)?;
        return Some(());
    }
    let style = fill_style(c, r.opacity as f64);
    if r.radius >= 1.0 {
        be.fill_polygon(rounded(x0, y0, x1, y1, r.radius), &style)
            .ok()
    } else {
        be.draw_rect((x0, y0), (x1, y1), &style, true).ok()
    }
}

fn dashed_outline<B: DrawingBackend>(
    be: &mut B,
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
    c: Rgb,
) -> DrawResult {
    let style = fill_style(c, 1.0);
    let (dash, gap) = (3, 2);
    let mut x = x0;
    while x < x1 {
        let e = (x + dash).min(x1);
        be.draw_rect((x, y0), (e, y0 + 1), &style, true).ok()?;
        be.draw_rect((x, y1 - 1), (e, y1), &style, true).ok()?;
        x += dash + gap;
    }
    let mut y = y0;
    while y < y1 {
        let e = (y + dash).min(y1);
        be.draw_rect((x0, y), (x0 + 1, e), &style, true).ok()?;
        be.draw_rect((x1 - 1, y), (x1, e), &style, true).ok()?;
        y += dash + gap;
    }
    Some(())
}

fn draw_line<B: DrawingBackend>(be: &mut B, l: &LineMark, theme: Theme) -> DrawResult {
    let c = theme::color(theme, l.ink);
    let w = l.width.max(1.0);
    // Axis-aligned lines as filled rectangles on whole pixels: crisp at any scale.
    if l.x1 == l.x2 || l.y1 == l.y2 {
        let x0 = (l.x1.min(l.x2) - w / 2.0).floor() as i32;
        let y0 = (l.y1.min(l.y2) - w / 2.0).floor() as i32;
        let x1 = if l.x1 == l.x2 {
            x0 + w as i32
        } else {
            px(l.x1.max(l.x2))
        };
        let y1 = if l.y1 == l.y2 {
            y0 + w as i32
        } else {
            px(l.y1.max(l.y2))
        };
        return be
            .draw_rect((x0, y0), (x1, y1), &fill_style(c, 1.0), true)
            .ok();
    }
    be.draw_line(
        (px(l.x1), px(l.y1)),
        (px(l.x2), px(l.y2)),
        &stroke_style(c, 1.0, w as u32),
    )
    .ok()
}

fn draw_marker<B: DrawingBackend>(be: &mut B, m: &MarkerMark, theme: Theme) -> DrawResult {
    let c = theme::kind_color(theme, m.kind);
    let bg = theme::color(theme, Ink::Background);
    let (x, y) = (px(m.x), px(m.y));
    let h = (m.size / 2.0).round() as i32;
    let fill = fill_style(c, 1.0);
    match m.kind {
        EventKind::Trigger => be
            .draw_rect((x - h + 1, y - h + 1), (x + h - 1, y + h - 1), &fill, true)
            .ok(),
        EventKind::Detect => be
            .fill_polygon(
                vec![(x, y - h), (x + h, y + h - 1), (x - h, y + h - 1)],
                &fill,
            )
            .ok(),
        EventKind::Acknowledge => {
            be.draw_circle((x, y), h as u32, &fill, true).ok()?;
            be.draw_circle((x, y), (h - 3).max(1) as u32, &fill_style(bg, 1.0), true)
                .ok()
        }
        EventKind::Escalate => be
            .fill_polygon(
                vec![(x - h + 1, y - h), (x + h, y), (x - h + 1, y + h)],
                &fill,
            )
            .ok(),
        EventKind::Action => be.draw_circle((x, y), (h - 2) as u32, &fill, true).ok(),
        EventKind::Misleading => {
            let s = stroke_style(c, 1.0, 2);
            be.draw_line((x - h + 2, y - h + 2), (x + h - 2, y + h - 2), &s)
                .ok()?;
            be.draw_line((x - h + 2, y + h - 2), (x + h - 2, y - h + 2), &s)
                .ok()
        }
        EventKind::Mitigate => be
            .fill_polygon(vec![(x, y - h), (x + h, y), (x, y + h), (x - h, y)], &fill)
            .ok(),
        EventKind::Resolve => {
            be.draw_circle((x, y), h as u32, &fill, true).ok()?;
            be.draw_path(
                vec![(x - 3, y), (x - 1, y + 2), (x + 3, y - 2)],
                &stroke_style(bg, 1.0, 2),
            )
            .ok()
        }
        EventKind::Note => {
            be.draw_circle((x, y), (h - 2) as u32, &fill, true).ok()?;
            be.draw_circle((x, y), (h - 4).max(1) as u32, &fill_style(bg, 1.0), true)
                .ok()
        }
    }
}

fn draw_text<B: DrawingBackend>(be: &mut B, t: &TextBox, theme: Theme) -> DrawResult {
    if let Some(bg) = t.background {
        let (x0, y0) = (px(t.x - t.pad), px(t.y - t.pad));
        let (x1, y1) = (px(t.x + t.width + t.pad), px(t.y + t.height + t.pad));
        be.fill_polygon(
            rounded(x0, y0, x1, y1, 4.0),
            &fill_style(theme::color(theme, bg), 1.0),
        )
        .ok()?;
    }
    let style = match t.weight {
        crate::layout::text::Weight::Regular => FontStyle::Normal,
        crate::layout::text::Weight::Semibold => FontStyle::Bold,
    };
    let font = FontDesc::new(FontFamily::Name(FAMILY), plotters_font_size(t.size), style);
    let color = rgba(theme::color(theme, t.ink), 1.0);
    let ts = TextStyle::from(font)
        .color(&color)
        .pos(Pos::new(HPos::Left, VPos::Top));
    // plotters puts the baseline 0.76 em below the point it is given.
    let top = (t.baseline - 0.76 * t.size).round() as i32;
    be.draw_text(&t.text, &ts, (px(t.x), top)).ok()
}

/// usvg options that resolve `Inter` to the embedded faces and nothing else.
fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    }
}

/// Parses SVG drawn by [`plotters_svg`] into a usvg tree (text laid out with the embedded font).
pub fn tree(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &usvg_options()).map_err(|e| e.to_string())
}

/// The final SVG: text as paths (or kept), with accessibility and tooltips added.
pub fn svg(scene: &Scene, theme: Theme, keep_text: bool) -> String {
    let drawn = plotters_svg(scene, theme);
    let body = if keep_text {
        drawn.replace(
            &format!("font-family=\"{FAMILY}\""),
            // As the paths are shaped: without contextual alternates ("0x19" stays "0x19").
            &format!(
                "font-family=\"{FAMILY}, Helvetica, Arial, sans-serif\" style=\"font-feature-settings:'calt' 0\""
            ),
        )
    } else {
        text_to_paths(&drawn, scene, theme)
    };
    finish_svg(&body, scene)
}

/// Replaces each `<text>` plotters wrote (one per text box, in scene order) by a path.
fn text_to_paths(drawn: &str, scene: &Scene, theme: Theme) -> String {
    let mut boxes = scene.shapes.iter().filter_map(|s| match s {
        Shape::Text(t) => Some(t),
        _ => None,
    });
    let mut out = String::with_capacity(drawn.len() * 4);
    let mut rest = drawn;
    while let Some(i) = rest.find("<text") {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find("</text>") else {
            break;
        };
        if let Some(t) = boxes.next() {
            let d = glyphs::text_path(&t.text, t.x, t.baseline, t.size, t.weight);
            if !d.is_empty() {
                let c = theme::color(theme, t.ink);
                out.push_str(&format!(
                    "<path fill=\"#{:02X}{:02X}{:02X}\" d=\"{d}\"/>",
                    c.0, c.1, c.2
                ));
            }
        }
        rest = &rest[i + end + "</text>".len()..];
    }
    out.push_str(rest);
    out
}

/// Rewrites the root element (size, viewBox, role, label) and adds `<title>`, `<desc>` and
/// tooltips for shortened labels.
fn finish_svg(body: &str, scene: &Scene) -> String {
    let (w, h) = (scene.width as u32, scene.height as u32);
    let open_end = body
        .find("<svg")
        .and_then(|i| body[i..].find('>').map(|j| i + j + 1));
    let rest = match open_end {
        Some(end) => &body[end..],
        None => body,
    };
    let rest = rest.trim_start_matches(['\n', ' ']);
    let mut out = String::with_capacity(body.len() + 4096);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">\n",
        escape_xml(&scene.title)
    ));
    out.push_str(&format!("<title>{}</title>\n", escape_xml(&scene.title)));
    out.push_str(&format!(
        "<desc>{}</desc>\n",
        escape_xml(&scene.description)
    ));
    let close = rest.rfind("</svg>").unwrap_or(rest.len());
    out.push_str(rest[..close].trim_end());
    out.push('\n');
    let mut tips = String::new();
    for s in &scene.shapes {
        if let Shape::Text(t) = s {
            if let Some(full) = &t.full_text {
                tips.push_str(&format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#000\" fill-opacity=\"0\"><title>{}</title></rect>\n",
                    t.x,
                    t.y,
                    t.width.ceil(),
                    t.height,
                    escape_xml(&crate::layout::text::truncate_chars(full, 2000))
                ));
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

/// The scene as PNG at `scale` pixels per CSS pixel.
pub fn png(scene: &Scene, theme: Theme, scale: f32) -> Result<Vec<u8>, String> {
    let drawn = text_to_paths(&plotters_svg(scene, theme), scene, theme);
    let tree = usvg::Tree::from_str(&drawn, &usvg_options()).map_err(|e| e.to_string())?;
    rasterise(&tree, scale)
}

/// Renders a parsed tree to PNG bytes.
pub fn rasterise(tree: &usvg::Tree, scale: f32) -> Result<Vec<u8>, String> {
    if !(scale.is_finite() && scale > 0.0 && scale <= 8.0) {
        return Err(format!("scale {scale} is outside 0 < scale <= 8"));
    }
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| format!("cannot allocate a {w}×{h} image"))?;
    resvg::render(
        tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    encode_png(&pixmap)
}

/// PNG with fast compression: the default level takes several times longer than drawing.
fn encode_png(pixmap: &resvg::tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    // tiny-skia stores premultiplied colour; PNG wants straight. The chart has an opaque
    // background, where the two are the same.
    let opaque = pixmap.data().chunks_exact(4).all(|p| p[3] == 255);
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
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(data).map_err(|e| e.to_string())?;
    }
    Ok(out)
}
