//! Text as paths, written directly: the same shaping as usvg (harfrust) and the same outlines
//! (the embedded Inter), with each glyph's path data built once per size and reused. usvg's own
//! text-to-path conversion takes several milliseconds per chart; this takes a fraction of one.
//! A test renders both and compares the pixels.

use crate::layout::text::{font_bytes, units_per_em, PerWeight, ShapedGlyph, Weight};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

fn face(weight: Weight) -> &'static ttf_parser::Face<'static> {
    static FACES: PerWeight<ttf_parser::Face<'static>> = PerWeight::new();
    FACES.get(weight, || {
        ttf_parser::Face::parse(font_bytes(weight), 0).expect("the embedded Inter font parses")
    })
}

/// One glyph at one size, relative to its origin: its path data (starting with `m`; empty for
/// glyphs without outline, such as spaces) and the same commands as numbers, for drawing
/// without parsing.
pub(super) struct GlyphPath {
    data: String,
    /// The commands as written, in hundredths of a pixel relative to the current point.
    pub(super) segments: Vec<Segment>,
}

/// A relative path command as the path data writes it (hundredths of a pixel, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Segment {
    Move(i64, i64),
    Line(i64, i64),
    Quad([i64; 4]),
    Cubic([i64; 6]),
    Close,
}

type Key = (Weight, u32, u16);

fn cache() -> &'static Mutex<HashMap<Key, GlyphPath>> {
    static CACHE: OnceLock<Mutex<HashMap<Key, GlyphPath>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// [`push_text_path`] into a string of its own.
#[cfg(test)]
fn text_path(glyphs: &[ShapedGlyph], x: f32, baseline: f32, size: f32, weight: Weight) -> String {
    let mut out = String::with_capacity(glyphs.len() * 120);
    push_text_path(&mut out, glyphs, x, baseline, size, weight);
    out
}

/// Path data (`d`) drawing shaped `glyphs` with their left end at `x` and baseline at
/// `baseline`, appended to `out`: `M` to each glyph's origin, then its relative outline.
pub(super) fn push_text_path(
    out: &mut String,
    glyphs: &[ShapedGlyph],
    x: f32,
    baseline: f32,
    size: f32,
    weight: Weight,
) {
    each_glyph(glyphs, x, baseline, size, weight, |gx, gy, path| {
        out.push('M');
        push_hundredths(out, gx, false);
        push_hundredths(out, gy, true);
        out.push_str(&path.data);
    });
}

/// Calls `f` with the origin (hundredths of a pixel, as [`push_text_path`] writes it after `M`) and
/// the outline of each glyph that has one, in order.
pub(super) fn each_glyph(
    glyphs: &[ShapedGlyph],
    x: f32,
    baseline: f32,
    size: f32,
    weight: Weight,
    mut f: impl FnMut(i64, i64, &GlyphPath),
) {
    let scale = size / units_per_em(weight);
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    let mut pen = 0i64;
    let origin_x = (x * 100.0).round() as i64;
    let origin_y = (baseline * 100.0).round() as i64;
    for g in glyphs.iter() {
        let key = (weight, size.to_bits(), g.id);
        let path = cache
            .entry(key)
            .or_insert_with(|| outline(weight, g.id, scale));
        if !path.data.is_empty() {
            let gx =
                origin_x + ((pen + i64::from(g.x_offset)) as f32 * scale * 100.0).round() as i64;
            let gy = origin_y - (g.y_offset as f32 * scale * 100.0).round() as i64;
            f(gx, gy, path);
        }
        pen += i64::from(g.x_advance);
    }
}

/// A glyph's outline in font units as the font gives it, kept per glyph: a glyph drawn at
/// several sizes is read from the font once (reading CFF outlines was most of outlining).
#[derive(Clone, Copy)]
enum Command {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Curve(f32, f32, f32, f32, f32, f32),
    Close,
}

struct Recorder(Vec<Command>);

impl ttf_parser::OutlineBuilder for Recorder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(Command::Move(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(Command::Line(x, y));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push(Command::Quad(x1, y1, x, y));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push(Command::Curve(x1, y1, x2, y2, x, y));
    }
    fn close(&mut self) {
        self.0.push(Command::Close);
    }
}

fn commands(weight: Weight, id: u16) -> std::sync::Arc<[Command]> {
    type Outlines = Mutex<HashMap<(Weight, u16), std::sync::Arc<[Command]>>>;
    static OUTLINES: OnceLock<Outlines> = OnceLock::new();
    let cache = OUTLINES.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry((weight, id))
        .or_insert_with(|| {
            let mut r = Recorder(Vec::new());
            face(weight).outline_glyph(ttf_parser::GlyphId(id), &mut r);
            r.0.into()
        })
        .clone()
}

fn outline(weight: Weight, id: u16, scale: f32) -> GlyphPath {
    use ttf_parser::OutlineBuilder as _;
    let mut b = Builder {
        out: String::new(),
        segments: Vec::new(),
        scale: scale * 100.0,
        cur: (0, 0),
        start: (0, 0),
        last: ' ',
        prev: None,
    };
    for c in commands(weight, id).iter() {
        match *c {
            Command::Move(x, y) => b.move_to(x, y),
            Command::Line(x, y) => b.line_to(x, y),
            Command::Quad(x1, y1, x, y) => b.quad_to(x1, y1, x, y),
            Command::Curve(x1, y1, x2, y2, x, y) => b.curve_to(x1, y1, x2, y2, x, y),
            Command::Close => b.close(),
        }
    }
    GlyphPath {
        data: b.out,
        segments: b.segments,
    }
}

/// Writes relative path commands on the 0.01 px grid (y down).
struct Builder {
    out: String,
    segments: Vec<Segment>,
    scale: f32,
    cur: (i64, i64),
    start: (i64, i64),
    last: char,
    /// Last number written since a command letter; decides whether a separator is due.
    prev: Option<i64>,
}

impl Builder {
    fn pt(&self, x: f32, y: f32) -> (i64, i64) {
        (
            (x * self.scale).round() as i64,
            (-y * self.scale).round() as i64,
        )
    }

    fn cmd(&mut self, c: char) {
        if c != self.last || c == 'm' || c == 'z' {
            self.out.push(c);
            self.prev = None;
        }
        self.last = c;
    }

    fn num(&mut self, v: i64) {
        let sep = self.prev.is_some() && v >= 0 && !self.starts_with_dot_after_fraction(v);
        if sep {
            self.out.push(' ');
        }
        write_hundredths(&mut self.out, v);
        self.prev = Some(v);
    }

    /// `.5` may follow `1.25` directly (a second dot starts a new number).
    fn starts_with_dot_after_fraction(&self, v: i64) -> bool {
        let a = v.unsigned_abs();
        a < 100
            && !a.is_multiple_of(100)
            && self
                .prev
                .is_some_and(|p| !p.unsigned_abs().is_multiple_of(100))
    }

    /// Writes up to three points relative to the current point, and returns the numbers
    /// written (the rest zero).
    fn rel(&mut self, pts: &[(i64, i64)]) -> [i64; 6] {
        let (cx, cy) = self.cur;
        let mut written = [0; 6];
        for (i, &(x, y)) in pts.iter().enumerate() {
            written[2 * i] = x - cx;
            written[2 * i + 1] = y - cy;
            self.num(x - cx);
            self.num(y - cy);
        }
        self.cur = *pts.last().expect("at least one point");
        written
    }
}

impl ttf_parser::OutlineBuilder for Builder {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.pt(x, y);
        self.cmd('m');
        let [dx, dy, ..] = self.rel(&[p]);
        self.segments.push(Segment::Move(dx, dy));
        self.start = p;
        // After a move, pairs would be lines: always write the next letter.
        self.last = 'M';
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.pt(x, y);
        self.cmd('l');
        let [dx, dy, ..] = self.rel(&[p]);
        self.segments.push(Segment::Line(dx, dy));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let pts = [self.pt(x1, y1), self.pt(x, y)];
        self.cmd('q');
        let [a, b, c, d, ..] = self.rel(&pts);
        self.segments.push(Segment::Quad([a, b, c, d]));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let pts = [self.pt(x1, y1), self.pt(x2, y2), self.pt(x, y)];
        self.cmd('c');
        let d = self.rel(&pts);
        self.segments.push(Segment::Cubic(d));
    }
    fn close(&mut self) {
        self.cmd('z');
        self.segments.push(Segment::Close);
        self.cur = self.start;
    }
}

/// `v` hundredths as a short decimal: `12`, `1.5`, `.25`, `-3.07`. Digits are pushed directly:
/// glyph paths are most of a chart's SVG, and `write!` was a tenth of writing them.
fn write_hundredths(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let (int, frac) = (a / 100, a % 100);
    if int > 0 || frac == 0 {
        push_digits(out, int);
    }
    if frac > 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if frac % 10 != 0 {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
}

/// The decimal digits of `n`.
fn push_digits(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&d| char::from(d)));
}

/// An absolute coordinate; `sep` puts a separator before it when needed.
fn push_hundredths(out: &mut String, v: i64, sep: bool) {
    if sep && v >= 0 {
        out.push(' ');
    }
    write_hundredths(out, v);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::text::shape;

    #[test]
    fn numbers_are_short_and_unambiguous() {
        let mut s = String::new();
        for v in [1200, 150, 25, -307, 0, -5, 100, -100, 9, 123_456_789_012] {
            write_hundredths(&mut s, v);
            s.push(',');
        }
        assert_eq!(s, "12,1.5,.25,-3.07,0,-.05,1,-1,.09,1234567890.12,");
    }

    #[test]
    fn a_text_path_starts_at_its_origin_and_draws_every_glyph() {
        let d = text_path(
            &shape("Hi", Weight::Regular),
            10.0,
            20.0,
            13.0,
            Weight::Regular,
        );
        assert!(d.starts_with("M10 20m"), "{d}");
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert!(text_path(
            &shape(" ", Weight::Regular),
            0.0,
            0.0,
            13.0,
            Weight::Regular
        )
        .is_empty());
    }
}
