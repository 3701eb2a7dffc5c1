//! The builder that collects shapes while the layout walks down the page, and the text,
//! line and rectangle primitives every band uses.

use super::text::{self, Weight};
use super::*;

/// How a text is set: its size, weight, colour and what it stands for.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextStyle {
    pub(super) size: f32,
    pub(super) weight: Weight,
    pub(super) ink: Ink,
    pub(super) role: Role,
}

/// Collects shapes while the layout walks down the page.
pub(super) struct Builder {
    /// Canvas width in CSS pixels.
    pub(super) width: f32,
    /// The shapes so far, in drawing order.
    pub(super) shapes: Vec<Shape>,
    /// Row stripes, kept apart while the rows are laid out: they go under the gridlines and the
    /// impact window, which are known only after the last row.
    pub(super) stripes: Vec<Shape>,
}

impl Builder {
    pub(super) fn new(width: f32) -> Builder {
        let width = width.round();
        // The background comes first (drawn under everything); its height is known at the end.
        // Pushed now rather than inserted at the front then, which moves every shape.
        let background = Shape::Rect(RectMark {
            role: Role::Background,
            x: 0.0,
            y: 0.0,
            width,
            height: 0.0,
            fill: Ink::Background,
            opacity: 1.0,
            radius: 0.0,
            hatched: false,
        });
        Builder {
            width,
            shapes: vec![background],
            stripes: Vec::new(),
        }
    }

    pub(super) fn finish(mut self, height: f32, title: String, description: String) -> Scene {
        if let Some(Shape::Rect(background)) = self.shapes.first_mut() {
            background.height = height;
        }
        Scene {
            width: self.width,
            height,
            title,
            description,
            shapes: self.shapes,
        }
    }

    /// One line of text with its box's top-left at `at`; returns its width.
    pub(super) fn text_line(&mut self, t: &str, at: (f32, f32), style: TextStyle) -> f32 {
        self.text_line_shaped(t, text::shape(t, style.weight), at, style)
    }

    /// [`Builder::text_line`] for a text already shaped (by [`text::shape`] at `style`'s
    /// weight): a pass that measured many labels before drawing them keeps their glyphs rather
    /// than counting on the bounded shaping cache to still hold them.
    pub(super) fn text_line_shaped(
        &mut self,
        t: &str,
        glyphs: std::sync::Arc<[text::ShapedGlyph]>,
        at: (f32, f32),
        style: TextStyle,
    ) -> f32 {
        let TextStyle {
            size,
            weight,
            ink,
            role,
        } = style;
        let w = text::glyphs_width(&glyphs, size, weight);
        let (baseline, top) = text_position(at.1, size);
        self.shapes.push(Shape::Text(TextBox {
            role,
            text: t.to_string(),
            full_text: None,
            x: at.0.round(),
            y: top,
            width: w,
            height: text_height(size),
            baseline,
            size,
            weight,
            glyphs,
            ink,
            background: None,
            pad: 0.0,
        }));
        w
    }

    /// A line of text shortened to `max_w`, with the full text kept for a tooltip.
    pub(super) fn text_fit(
        &mut self,
        t: &str,
        at: (f32, f32),
        max_w: f32,
        style: TextStyle,
    ) -> f32 {
        match text::shorten(t, max_w, style.size, style.weight) {
            None => self.text_line(t, at, style),
            Some(short) => {
                let w = self.text_line(&short, at, style);
                if let Some(Shape::Text(tb)) = self.shapes.last_mut() {
                    tb.full_text = Some(t.to_string());
                }
                w
            }
        }
    }

    /// Wrapped text; returns the y below it.
    pub(super) fn paragraph(
        &mut self,
        t: &str,
        at: (f32, f32),
        max_w: f32,
        style: TextStyle,
        max_lines: usize,
    ) -> f32 {
        let wrapped = text::wrap(t, max_w, style.size, style.weight, max_lines);
        let line_h = (style.size * LINE).round();
        for (i, line) in wrapped.lines.iter().enumerate() {
            self.text_line(line, (at.0, at.1 + i as f32 * line_h), style);
            if wrapped.shortened {
                if let Some(Shape::Text(tb)) = self.shapes.last_mut() {
                    tb.full_text = Some(t.to_string());
                }
            }
        }
        at.1 + wrapped.lines.len() as f32 * line_h
    }

    /// A straight line from `from` to `to`.
    pub(super) fn line(
        &mut self,
        from: (f32, f32),
        to: (f32, f32),
        ink: Ink,
        width: f32,
        role: Role,
    ) {
        let ((x1, y1), (x2, y2)) = (from, to);
        // Half-pixel positions keep 1 px lines crisp.
        let (y1, y2) = if y1 == y2 {
            (y1.round() + 0.5, y2.round() + 0.5)
        } else {
            (y1, y2)
        };
        self.shapes.push(Shape::Line(LineMark {
            role,
            x1,
            y1,
            x2,
            y2,
            ink,
            width,
            dashed: false,
        }));
    }

    /// A rectangle, its edges on whole pixels and at least a pixel wide.
    pub(super) fn rect(&mut self, r: RectMark) {
        self.shapes.push(Shape::Rect(on_pixels(r)));
    }

    /// A row's stripe, kept in [`Builder::stripes`] to go under the gridlines.
    pub(super) fn stripe(&mut self, r: RectMark) {
        self.stripes.push(Shape::Rect(on_pixels(r)));
    }

    pub(super) fn marker(&mut self, kind: EventKind, x: f32, y: f32, size: f32, role: Role) {
        self.shapes.push(Shape::Marker(MarkerMark {
            role,
            kind,
            x: x.round(),
            y: y.round(),
            size,
        }));
    }
}

/// `r` on whole pixels, at least one wide.
fn on_pixels(r: RectMark) -> RectMark {
    RectMark {
        x: r.x.round(),
        y: r.y.round(),
        width: r.width.round().max(1.0),
        height: r.height.round(),
        ..r
    }
}
