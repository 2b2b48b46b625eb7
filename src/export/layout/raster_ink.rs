//! The furniture painted straight into a PNG page's pixels, through the rasteriser's
//! [`Canvas`]: what [`super::SvgInk`] writes, with the same geometry, colours and widths, and
//! text from the bundled font's outlines as the maps' labels are.

use resvg::tiny_skia as sk;

use super::ink::{Ink, Paint};
use crate::render::geometry::PathSink as _;
use crate::render::geometry::TextAnchor;
use crate::render::military::MilitaryPart;
use crate::render::raster::{self, Canvas, Glyphs, RasterPath, draw_military, draw_symbol};
use crate::scene::style::{Rgba, Stroke, SymbolShape};

/// The control points of a quarter circle as a cubic: 4/3 (√2 − 1) of the radius.
const QUARTER_ARC: f32 = 0.552_284_8;

/// A coordinate rounded to tenths of a layout pixel, as [`super::SvgInk`] writes it: the two
/// back ends then place every part alike.
fn tenths(v: f32) -> f32 {
    raster::tenths(f64::from(v))
}

/// A point as a path takes it.
fn wide([x, y]: [f32; 2]) -> [f64; 2] {
    [f64::from(x), f64::from(y)]
}

/// Paints furniture on a canvas; layout pixels go to the page's pixels by the transform it is
/// made with.
pub(in crate::export) struct RasterInk<'c, 'p, 'g> {
    canvas: &'c mut Canvas<'p>,
    glyphs: &'g mut Glyphs,
    /// From the current group's units to the page's pixels.
    transform: sk::Transform,
    /// The transforms of the groups opened, outermost first.
    outer: Vec<sk::Transform>,
}

impl<'c, 'p, 'g> RasterInk<'c, 'p, 'g> {
    /// Paints on `canvas`, `page` taking layout pixels to the page's pixels. Over the whole page:
    /// not clipped to any map's frame.
    pub fn new(
        canvas: &'c mut Canvas<'p>,
        glyphs: &'g mut Glyphs,
        page: sk::Transform,
    ) -> RasterInk<'c, 'p, 'g> {
        canvas.place(page, None);
        RasterInk {
            canvas,
            glyphs,
            transform: page,
            outer: Vec::new(),
        }
    }

    fn paint(&mut self, path: sk::Path, paint: Paint) {
        if let Some(fill) = paint.fill {
            self.canvas.fill(path.clone(), fill, true);
        }
        if let Some(stroke) = &paint.stroke {
            self.canvas.stroke(path, stroke);
        }
    }
}

impl Ink for RasterInk<'_, '_, '_> {
    fn begin(&mut self, _class: &str, [x, y]: [f32; 2], turn_deg: f32) {
        self.outer.push(self.transform);
        // The SVG gives the turn to a thousandth of a degree.
        let turn = (turn_deg * 1000.0).round() / 1000.0;
        self.transform = self
            .transform
            .pre_translate(tenths(x), tenths(y))
            .pre_rotate(turn);
        self.canvas.place(self.transform, None);
    }

    fn end(&mut self) {
        if let Some(outer) = self.outer.pop() {
            self.transform = outer;
            self.canvas.place(outer, None);
        }
    }

    fn rect(&mut self, _class: &str, rect: [f32; 4], corner: f32, paint: Paint) {
        if let Some(path) = rounded_rect(rect.map(tenths), corner) {
            self.paint(path, paint);
        }
    }

    fn rings(&mut self, _class: &str, rings: &[&[[f32; 2]]], paint: Paint) {
        // Rounded to tenths as the SVG's path data is, by the raster's own path.
        let mut path = RasterPath::new();
        for ring in rings {
            path.ring(&ring.iter().copied().map(wide).collect::<Vec<_>>());
        }
        if let Some(path) = path.finish() {
            self.paint(path, paint);
        }
    }

    fn line(&mut self, _class: &str, from: [f32; 2], to: [f32; 2], stroke: Stroke) {
        let mut path = RasterPath::new();
        path.line(&[wide(from), wide(to)]);
        if let Some(path) = path.finish() {
            self.canvas.stroke(path, &stroke);
        }
    }

    fn symbol(
        &mut self,
        shape: SymbolShape,
        at: [f32; 2],
        radius: f32,
        fill: Option<Rgba>,
        stroke: &Stroke,
    ) {
        draw_symbol(self.canvas, shape, at, radius, fill, stroke);
    }

    fn military(&mut self, parts: &[MilitaryPart]) {
        draw_military(self.canvas, parts);
    }

    fn text(
        &mut self,
        _class: &str,
        at: [f32; 2],
        size: f32,
        anchor: TextAnchor,
        fill: Rgba,
        content: &str,
    ) {
        if let Some(path) = self.glyphs.path(content, size, at.map(tenths), anchor) {
            self.canvas.fill(path, fill, false);
        }
    }
}

/// The rectangle `[x, y, width, height]` with its corners rounded `corner` pixels (at most half
/// its shorter side), clockwise from the top left; `None` when it is empty (an SVG `<rect>`
/// without width or height is not drawn at all, not even its outline).
fn rounded_rect([x, y, w, h]: [f32; 4], corner: f32) -> Option<sk::Path> {
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let rect = sk::Rect::from_xywh(x, y, w, h)?;
    let r = corner.min(w / 2.0).min(h / 2.0);
    if r <= 0.0 {
        return Some(sk::PathBuilder::from_rect(rect));
    }
    let k = r * (1.0 - QUARTER_ARC);
    let (x1, y1) = (x + w, y + h);
    let mut p = sk::PathBuilder::new();
    p.move_to(x + r, y);
    p.line_to(x1 - r, y);
    p.cubic_to(x1 - k, y, x1, y + k, x1, y + r);
    p.line_to(x1, y1 - r);
    p.cubic_to(x1, y1 - k, x1 - k, y1, x1 - r, y1);
    p.line_to(x + r, y1);
    p.cubic_to(x + k, y1, x, y1 - k, x, y1 - r);
    p.line_to(x, y + r);
    p.cubic_to(x, y + k, x + k, y, x + r, y);
    p.close();
    p.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rounded_rectangle_keeps_its_box_and_cuts_its_corners() {
        let path = rounded_rect([10.0, 20.0, 40.0, 30.0], 3.0).expect("a path");
        let b = path.bounds();
        assert_eq!(
            [b.left(), b.top(), b.width(), b.height()],
            [10.0, 20.0, 40.0, 30.0]
        );
        // The corner's arc passes 3 (1 − 1/√2) ≈ 0.88 px in from the box's corner on its
        // diagonal: a point 0.5 px in is outside the shape.
        let mut pixmap = sk::Pixmap::new(60, 60).expect("pixmap");
        let paint = sk::Paint::default();
        pixmap.fill_path(
            &path,
            &paint,
            sk::FillRule::Winding,
            sk::Transform::identity(),
            None,
        );
        let alpha = |x: u32, y: u32| pixmap.pixel(x, y).map_or(0, |p| p.alpha());
        assert!(alpha(10, 20) < 64, "the corner pixel is mostly cut off");
        assert_eq!(alpha(30, 35), 255, "the middle is filled");
        assert!(alpha(12, 20) > 0, "the top edge starts after the arc");
        assert!(rounded_rect([0.0, 0.0, 0.0, 5.0], 2.0).is_none());
    }
}
