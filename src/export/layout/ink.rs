//! What the page's furniture is drawn with. The layout's writers (banners, title block, frames,
//! plates, legend, source line) say what goes where through [`Ink`]; [`SvgInk`] writes it as SVG
//! elements (SVG and PDF pages), [`super::RasterInk`] paints it straight into a PNG page. One
//! layout, two back ends, so the two cannot drift.

use std::fmt::Write as _;

use crate::render::geometry::TextAnchor;
use crate::render::military::MilitaryPart;
use crate::render::svg::{self, escape, num};
use crate::scene::style::{Rgba, Stroke, SymbolShape};

/// How a shape is painted: filled, outlined, or both (fill first).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(in crate::export) struct Paint {
    pub fill: Option<Rgba>,
    pub stroke: Option<Stroke>,
}

impl Paint {
    /// Filled with `colour`, no outline.
    pub const fn fill(colour: Rgba) -> Paint {
        Paint {
            fill: Some(colour),
            stroke: None,
        }
    }

    /// Filled with `fill` and outlined `width_px` wide in `outline`.
    pub const fn filled_outlined(fill: Rgba, outline: Rgba, width_px: f32) -> Paint {
        Paint {
            fill: Some(fill),
            stroke: Some(Stroke::solid(width_px, outline)),
        }
    }

    /// Outlined only.
    pub const fn outlined(outline: Rgba, width_px: f32) -> Paint {
        Paint {
            fill: None,
            stroke: Some(Stroke::solid(width_px, outline)),
        }
    }
}

/// Draws the parts of a page's furniture, in layout pixels (origin at the page's top left, y
/// down). `class` names what a part is (the SVG's `class`; empty for none); the raster ignores it.
pub(in crate::export) trait Ink {
    /// What follows, until [`Ink::end`], is one group named `class`, moved by `offset` and turned
    /// `turn_deg` clockwise about the moved origin.
    fn begin(&mut self, class: &str, offset: [f32; 2], turn_deg: f32);
    /// Closes the group opened last.
    fn end(&mut self);
    /// The rectangle `[x, y, width, height]`, its corners rounded `corner` pixels.
    fn rect(&mut self, class: &str, rect: [f32; 4], corner: f32, paint: Paint);
    /// Closed rings as one shape, even-odd (a ring inside another is a hole).
    fn rings(&mut self, class: &str, rings: &[&[[f32; 2]]], paint: Paint);
    /// A straight line.
    fn line(&mut self, class: &str, from: [f32; 2], to: [f32; 2], stroke: Stroke);
    /// A map symbol centred on `at`, as the map draws it (legend swatches).
    fn symbol(
        &mut self,
        shape: SymbolShape,
        at: [f32; 2],
        radius: f32,
        fill: Option<Rgba>,
        stroke: &Stroke,
    );
    /// A military symbol's parts ([`crate::render::military::military_parts`]): legend
    /// swatches in APP-6D mode.
    fn military(&mut self, parts: &[MilitaryPart]);
    /// One line of text in the bundled font, its baseline through `at`, placed by `anchor`.
    fn text(
        &mut self,
        class: &str,
        at: [f32; 2],
        size: f32,
        anchor: TextAnchor,
        fill: Rgba,
        content: &str,
    );
}

/// A coordinate rounded to 0.1 layout pixel.
pub(super) fn t(v: f32) -> String {
    svg::tenths(v as f64)
}

/// The furniture as SVG elements appended to a document.
pub(super) struct SvgInk<'a> {
    pub out: &'a mut String,
}

impl SvgInk<'_> {
    fn class(class: &str) -> String {
        if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        }
    }

    fn paint(paint: Paint) -> String {
        let mut a = match paint.fill {
            Some(c) => svg::fill_attrs(c),
            None => " fill=\"none\"".to_owned(),
        };
        if let Some(s) = &paint.stroke {
            // Round joins, as the raster strokes every outline.
            a.push_str(&svg::stroke_attrs(s));
            a.push_str(" stroke-linejoin=\"round\"");
        }
        a
    }
}

// Writing to a `String` cannot fail: the `fmt::Result`s below are always `Ok`.
impl Ink for SvgInk<'_> {
    fn begin(&mut self, class: &str, [x, y]: [f32; 2], turn_deg: f32) {
        let _ = write!(self.out, "<g{}", Self::class(class));
        if x != 0.0 || y != 0.0 || turn_deg != 0.0 {
            let _ = write!(self.out, " transform=\"translate({} {})", t(x), t(y));
            if turn_deg != 0.0 {
                let _ = write!(self.out, " rotate({})", num(turn_deg));
            }
            self.out.push('"');
        }
        self.out.push_str(">\n");
    }

    fn end(&mut self) {
        self.out.push_str("</g>\n");
    }

    fn rect(&mut self, class: &str, [x, y, w, h]: [f32; 4], corner: f32, paint: Paint) {
        let _ = write!(self.out, "<rect{}", Self::class(class));
        if x != 0.0 {
            let _ = write!(self.out, " x=\"{}\"", t(x));
        }
        if y != 0.0 {
            let _ = write!(self.out, " y=\"{}\"", t(y));
        }
        let _ = write!(self.out, " width=\"{}\" height=\"{}\"", t(w), t(h));
        if corner > 0.0 {
            let _ = write!(self.out, " rx=\"{}\"", num(corner));
        }
        let _ = writeln!(self.out, "{}/>", Self::paint(paint));
    }

    fn rings(&mut self, class: &str, rings: &[&[[f32; 2]]], paint: Paint) {
        let _ = write!(self.out, "<path{}", Self::class(class));
        if rings.len() > 1 {
            self.out.push_str(" fill-rule=\"evenodd\"");
        }
        self.out.push_str(" d=\"");
        for ring in rings {
            for (i, [x, y]) in ring.iter().enumerate() {
                let _ = write!(
                    self.out,
                    "{}{} {}",
                    if i == 0 { 'M' } else { 'L' },
                    t(*x),
                    t(*y)
                );
            }
            self.out.push('Z');
        }
        let _ = writeln!(self.out, "\"{}/>", Self::paint(paint));
    }

    fn line(&mut self, class: &str, from: [f32; 2], to: [f32; 2], stroke: Stroke) {
        let _ = writeln!(
            self.out,
            "<path{} d=\"M{} {}L{} {}\"{}/>",
            Self::class(class),
            t(from[0]),
            t(from[1]),
            t(to[0]),
            t(to[1]),
            Self::paint(Paint {
                fill: None,
                stroke: Some(stroke)
            })
        );
    }

    fn symbol(
        &mut self,
        shape: SymbolShape,
        at: [f32; 2],
        radius: f32,
        fill: Option<Rgba>,
        stroke: &Stroke,
    ) {
        // Round joins, as the map's symbols have (and the raster strokes every outline).
        self.out.push_str("<g stroke-linejoin=\"round\">");
        svg::write_symbol(self.out, shape, at, radius, fill, stroke, None);
        self.out.push_str("</g>\n");
    }

    fn military(&mut self, parts: &[MilitaryPart]) {
        svg::write_military(self.out, parts, None);
    }

    fn text(
        &mut self,
        class: &str,
        at: [f32; 2],
        size: f32,
        anchor: TextAnchor,
        fill: Rgba,
        content: &str,
    ) {
        let anchor = match anchor {
            TextAnchor::Start => "",
            TextAnchor::Middle => " text-anchor=\"middle\"",
            TextAnchor::End => " text-anchor=\"end\"",
        };
        let _ = writeln!(
            self.out,
            "<text{} x=\"{}\" y=\"{}\" font-size=\"{}\"{}{anchor}>{}</text>",
            Self::class(class),
            t(at[0]),
            t(at[1]),
            num(size),
            svg::fill_attrs(fill),
            escape(content)
        );
    }
}
