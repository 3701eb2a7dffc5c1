//! The chart's shapes filled with tiny-skia directly, the way resvg draws the SVG elements
//! [`super::SvgWriter`] writes for them: the same numbers (rounded to hundredths, read back as
//! usvg reads them), the same paths (rectangles, arcs and relative glyph commands resolved as
//! usvg and svgtypes resolve them), the same paint and anti-aliasing. The PNG then costs no SVG
//! text and no parse; `tests/render_output.rs` checks the pixels against resvg's, byte for byte.

use super::glyphs::{self, Segment};
use super::theme::Rgb;
use super::{Area, Sink, TextBox};
use resvg::tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, PixmapMut, Rect, Stroke, StrokeDash,
    Transform,
};

/// Fills and strokes onto a pixmap at a scale.
pub(super) struct Painter<'a> {
    pixmap: PixmapMut<'a>,
    transform: Transform,
}

impl<'a> Painter<'a> {
    pub(super) fn new(pixmap: PixmapMut<'a>, scale: f32) -> Painter<'a> {
        Painter {
            pixmap,
            transform: Transform::from_scale(scale, scale),
        }
    }

    /// resvg's fill: nothing for a path without area in one direction.
    fn fill(&mut self, path: &Path, c: Rgb, alpha: u8, anti_alias: bool) {
        let b = path.bounds();
        if b.width() == 0.0 || b.height() == 0.0 {
            return;
        }
        let paint = paint(c, alpha, anti_alias);
        self.pixmap
            .fill_path(path, &paint, FillRule::Winding, self.transform, None);
    }

    fn stroke(&mut self, path: &Path, c: Rgb, alpha: u8, stroke: &Stroke, anti_alias: bool) {
        let paint = paint(c, alpha, anti_alias);
        self.pixmap
            .stroke_path(path, &paint, stroke, self.transform, None);
    }
}

fn paint(c: Rgb, alpha: u8, anti_alias: bool) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(c.0, c.1, c.2, alpha);
    paint.anti_alias = anti_alias;
    paint
}

/// A number as the SVG writes it (hundredths: `super::num`) and usvg reads it back (a decimal
/// parsed to the nearest f64, then narrowed): the same f32 the rasteriser gets from the text.
fn written(v: f32) -> f32 {
    hundredths((v * 100.0).round() as i64) as f32
}

/// `h` hundredths as the nearest f64, which is what parsing its decimal gives.
fn hundredths(h: i64) -> f64 {
    h as f64 / 100.0
}

/// An opacity as usvg turns `fill-opacity="…"` into a colour's alpha.
fn alpha_of(opacity: f32) -> u8 {
    if opacity >= 1.0 {
        return 255;
    }
    let o = written(opacity.max(0.0)).clamp(0.0, 1.0);
    (o * 255.0 + 0.5) as u8
}

/// A stroke as usvg resolves `stroke-width` with the SVG defaults (butt caps, miter joins,
/// miter limit 4).
fn stroke_of(width: f32, dash: Option<StrokeDash>) -> Stroke {
    Stroke {
        width,
        miter_limit: 4.0,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Miter,
        dash,
    }
}

/// usvg's arc: kurbo's cubic approximation of the SVG arc from the last point.
fn arc_to(b: &mut PathBuilder, rx: f32, ry: f32, x: f32, y: f32) {
    let Some(prev) = b.last_point() else {
        return;
    };
    let arc = kurbo::SvgArc {
        from: kurbo::Point::new(prev.x as f64, prev.y as f64),
        to: kurbo::Point::new(x as f64, y as f64),
        radii: kurbo::Vec2::new(rx as f64, ry as f64),
        x_rotation: 0.0,
        large_arc: false,
        sweep: true,
    };
    match kurbo::Arc::from_svg_arc(&arc) {
        Some(arc) => arc.to_cubic_beziers(0.1, |p1, p2, p| {
            b.cubic_to(
                p1.x as f32,
                p1.y as f32,
                p2.x as f32,
                p2.y as f32,
                p.x as f32,
                p.y as f32,
            );
        }),
        None => b.line_to(x, y),
    }
}

/// The path usvg makes of `<rect>`: the rectangle, or with `rx` corners drawn as arcs.
fn rect_path(x: f32, y: f32, w: f32, h: f32, rx: f32) -> Option<Path> {
    // usvg draws square corners when `rx` is within 4 ulps of zero.
    if rx.abs().to_bits() <= 4 {
        return Some(PathBuilder::from_rect(Rect::from_xywh(x, y, w, h)?));
    }
    let (rx, ry) = (rx.min(w / 2.0), rx.min(h / 2.0));
    let mut b = PathBuilder::new();
    b.move_to(x + rx, y);
    b.line_to(x + w - rx, y);
    arc_to(&mut b, rx, ry, x + w, y + ry);
    b.line_to(x + w, y + h - ry);
    arc_to(&mut b, rx, ry, x + w - rx, y + h);
    b.line_to(x + rx, y + h);
    arc_to(&mut b, rx, ry, x, y + h - ry);
    b.line_to(x, y + ry);
    arc_to(&mut b, rx, ry, x + rx, y);
    b.close();
    b.finish()
}

/// A move to the first point and lines to the others, as `M…L…` and `points="…"` read.
fn polyline(b: &mut PathBuilder, points: &[(f32, f32)]) {
    for (i, &(x, y)) in points.iter().enumerate() {
        let (x, y) = (written(x), written(y));
        if i == 0 {
            b.move_to(x, y);
        } else {
            b.line_to(x, y);
        }
    }
}

/// usvg draws no shape whose size is zero, negative or not a number.
fn valid(v: f32) -> bool {
    v > 0.0 && v.is_finite()
}

impl Sink for Painter<'_> {
    fn fill_rect(&mut self, Area { x, y, w, h }: Area, rx: Option<f32>, c: Rgb, alpha: f32) {
        let (x, y, w, h) = (written(x), written(y), written(w), written(h));
        if !(valid(w) && valid(h)) {
            return;
        }
        let radius = rx.map(written).filter(|r| *r >= 0.0).unwrap_or(0.0);
        if let Some(path) = rect_path(x, y, w, h, radius) {
            self.fill(&path, c, alpha_of(alpha), rx.is_some());
        }
    }

    fn dashed_rect(&mut self, Area { x, y, w, h }: Area, c: Rgb) {
        let (x, y, w, h) = (written(x), written(y), written(w), written(h));
        if !(valid(w) && valid(h)) {
            return;
        }
        if let Some(path) = rect_path(x, y, w, h, 0.0) {
            let stroke = stroke_of(1.0, StrokeDash::new(vec![3.0, 2.0], 0.0));
            self.stroke(&path, c, 255, &stroke, false);
        }
    }

    fn stroke_polylines(&mut self, lines: &[&[(f32, f32)]], c: Rgb, width: f32, alpha: f32) {
        let mut b = PathBuilder::new();
        for points in lines {
            polyline(&mut b, points);
        }
        let width = written(width);
        if let (Some(path), true) = (b.finish(), valid(width)) {
            self.stroke(&path, c, alpha_of(alpha), &stroke_of(width, None), true);
        }
    }

    fn line(&mut self, a: (f32, f32), b: (f32, f32), c: Rgb, width: f32) {
        let mut pb = PathBuilder::new();
        pb.move_to(written(a.0), written(a.1));
        pb.line_to(written(b.0), written(b.1));
        let Some(path) = pb.finish() else {
            return;
        };
        // A `<line>` has the default black fill too, which covers nothing but is drawn.
        self.fill(&path, Rgb(0, 0, 0), 255, true);
        let width = written(width);
        if valid(width) {
            self.stroke(&path, c, 255, &stroke_of(width, None), true);
        }
    }

    fn polygon(&mut self, points: &[(f32, f32)], c: Rgb) {
        if points.len() < 2 {
            return;
        }
        let mut b = PathBuilder::new();
        polyline(&mut b, points);
        b.close();
        if let Some(path) = b.finish() {
            self.fill(&path, c, 255, true);
        }
    }

    fn circle(&mut self, x: f32, y: f32, r: f32, c: Rgb) {
        let (cx, cy, r) = (written(x), written(y), written(r));
        if !valid(r) {
            return;
        }
        let mut b = PathBuilder::new();
        b.move_to(cx + r, cy);
        arc_to(&mut b, r, r, cx, cy + r);
        arc_to(&mut b, r, r, cx - r, cy);
        arc_to(&mut b, r, r, cx, cy - r);
        arc_to(&mut b, r, r, cx + r, cy);
        b.close();
        if let Some(path) = b.finish() {
            self.fill(&path, c, 255, true);
        }
    }

    fn glyphs(&mut self, t: &TextBox, c: Rgb) {
        let mut b = PathBuilder::new();
        let mut any = false;
        glyphs::each_glyph(&t.glyphs, t.x, t.baseline, t.size, t.weight, |gx, gy, g| {
            any = true;
            let mut at = Cursor::default();
            at.absolute_move(&mut b, hundredths(gx), hundredths(gy));
            for s in &g.segments {
                at.segment(&mut b, *s);
            }
        });
        if !any {
            return;
        }
        if let Some(path) = b.finish() {
            self.fill(&path, c, 255, true);
        }
    }

    fn text(&mut self, _t: &TextBox, _c: Rgb) {
        // Pixels are drawn from the glyphs (`TextAs::Paths`); a `<text>` element has none here.
    }
}

/// svgtypes' resolution of relative commands: absolute points summed in f64 from the current
/// point, a move after a close relative to the subpath's start.
#[derive(Default)]
struct Cursor {
    x: f64,
    y: f64,
    start: (f64, f64),
    closed: bool,
}

impl Cursor {
    fn absolute_move(&mut self, b: &mut PathBuilder, x: f64, y: f64) {
        b.move_to(x as f32, y as f32);
        (self.x, self.y) = (x, y);
        self.start = (x, y);
        self.closed = false;
    }

    fn segment(&mut self, b: &mut PathBuilder, s: Segment) {
        let p = |d: i64, base: f64| base + hundredths(d);
        if self.closed && !matches!(s, Segment::Move(..) | Segment::Close) {
            // A drawing command right after a close starts at the subpath's start.
            b.move_to(self.start.0 as f32, self.start.1 as f32);
            self.closed = false;
        }
        match s {
            Segment::Move(dx, dy) => {
                let (bx, by) = if self.closed {
                    self.start
                } else {
                    (self.x, self.y)
                };
                self.absolute_move(b, p(dx, bx), p(dy, by));
            }
            Segment::Line(dx, dy) => {
                let (x, y) = (p(dx, self.x), p(dy, self.y));
                b.line_to(x as f32, y as f32);
                (self.x, self.y) = (x, y);
            }
            Segment::Quad([a, c, d, e]) => {
                let (x1, y1) = (p(a, self.x), p(c, self.y));
                let (x, y) = (p(d, self.x), p(e, self.y));
                b.quad_to(x1 as f32, y1 as f32, x as f32, y as f32);
                (self.x, self.y) = (x, y);
            }
            Segment::Cubic([a, c, d, e, f, g]) => {
                let (x1, y1) = (p(a, self.x), p(c, self.y));
                let (x2, y2) = (p(d, self.x), p(e, self.y));
                let (x, y) = (p(f, self.x), p(g, self.y));
                b.cubic_to(
                    x1 as f32, y1 as f32, x2 as f32, y2 as f32, x as f32, y as f32,
                );
                (self.x, self.y) = (x, y);
            }
            Segment::Close => {
                if !self.closed {
                    b.close();
                }
                (self.x, self.y) = self.start;
                self.closed = true;
            }
        }
    }
}
