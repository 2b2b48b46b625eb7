//! Draws a scene straight into a `tiny-skia` pixmap: the PNG back end. No SVG is written or
//! parsed on the way.
//!
//! It draws what [`super::svg::write_map`] writes, in the same order, with the same geometry (both
//! go through [`super::geometry::MapWriter`], points rounded to tenths of a pixel as the SVG's
//! are), colours, widths, dashes and text (the bundled font's outlines, shaped as the SVG
//! renderer shapes them), so a PNG page and the same page rendered from its SVG differ only by
//! anti-aliasing. `tests/raster_parity.rs` holds the two side by side.

mod bands;
mod canvas;
mod coverage;
mod text;
mod tile;

use resvg::tiny_skia as sk;

pub use bands::Target;
pub use canvas::{Canvas, paint};
pub use text::Glyphs;

use super::geometry::{
    MapOptions, MapOut, MapStats, MapWriter, PathSink, symbol_at, symbol_outline,
};
use super::military::{Detail, MilitaryPart, military_parts};
use crate::scenario::Layer;
use crate::scene::style::{self, Rgba, Stroke, SymbolShape};
use crate::scene::{MapView, PlacedLabel, Scene, Symbol};

/// A coordinate rounded to tenths of a pixel, as the SVG writes it.
pub(crate) fn tenths(v: f64) -> f32 {
    ((v * 10.0).round() / 10.0) as f32
}

/// A path for the rasteriser, with the SVG's rounding and its dropping of repeated points.
pub struct RasterPath {
    builder: sk::PathBuilder,
    at: [f32; 2],
    points: usize,
}

impl RasterPath {
    /// An empty path.
    pub fn new() -> RasterPath {
        RasterPath {
            builder: sk::PathBuilder::new(),
            at: [f32::NAN; 2],
            points: 0,
        }
    }
}

impl Default for RasterPath {
    fn default() -> Self {
        RasterPath::new()
    }
}

impl RasterPath {
    /// The path drawn, `None` when it is empty.
    pub fn finish(self) -> Option<sk::Path> {
        self.builder.finish()
    }
}

impl PathSink for RasterPath {
    fn start(&mut self, p: [f64; 2]) {
        let q = [tenths(p[0]), tenths(p[1])];
        self.builder.move_to(q[0], q[1]);
        self.at = q;
        self.points += 1;
    }

    fn line_to(&mut self, p: [f64; 2]) -> bool {
        let q = [tenths(p[0]), tenths(p[1])];
        if q == self.at {
            return false;
        }
        self.builder.line_to(q[0], q[1]);
        self.at = q;
        self.points += 1;
        true
    }

    fn close(&mut self) {
        self.builder.close();
    }

    fn points(&self) -> usize {
        self.points
    }
}

/// Map geometry painted onto a [`Canvas`].
struct RasterOut<'c, 'p> {
    canvas: &'c mut Canvas<'p>,
    /// The areas filled now are simple regions (radar fans), so translucent ones may be
    /// painted together as layers ([`Canvas::fill_layer`]).
    simple_areas: bool,
}

impl MapOut for RasterOut<'_, '_> {
    type Path = RasterPath;

    fn path(&self) -> RasterPath {
        RasterPath::new()
    }

    fn stroke(&mut self, _class: &str, _id: &str, path: RasterPath, stroke: &Stroke) {
        if let Some(path) = path.builder.finish() {
            self.canvas.stroke(path, stroke);
        }
    }

    fn fill(&mut self, _class: &str, _id: &str, path: RasterPath, fill: Rgba, even_odd: bool) {
        if let Some(path) = path.builder.finish() {
            if self.simple_areas && !even_odd {
                self.canvas.fill_layer(path, fill);
            } else {
                self.canvas.fill(path, fill, even_odd);
            }
        }
    }
}

/// Draws the map of `scene` seen through `view` onto `canvas` (picture pixels, origin top-left,
/// `view.size_px` big, placed on the page by [`Canvas::place`]), as [`super::svg::write_map`]
/// writes it. `labels` are normally [`crate::scene::place_labels`]`(scene, view)`.
pub fn draw_map(
    canvas: &mut Canvas<'_>,
    glyphs: &mut Glyphs,
    scene: &Scene,
    view: &MapView,
    labels: &[PlacedLabel],
    options: &MapOptions,
) -> MapStats {
    let [width, height] = view.size_px;
    canvas.fill_rect([0.0, 0.0, width, height], style::SEA);
    let mut w = MapWriter::new(
        RasterOut {
            canvas,
            simple_areas: false,
        },
        view,
        options,
    );
    if let Some(base) = &scene.basemap {
        w.basemap(base, scene.show_borders);
    }
    for line in &scene.lines {
        w.line(&line.id, &line.points, &line.stroke, false);
    }
    for area in &scene.areas {
        // A radar's fan is a wedge or a disc: simple by construction. Sectors come from the
        // scenario file and may cross themselves.
        w.out.simple_areas = area.layer == Layer::Fans;
        w.area_fill(&area.id, &area.outline, &area.holes, area.fill);
    }
    w.out.simple_areas = false;
    for area in &scene.areas {
        for ring in std::iter::once(&area.outline).chain(&area.holes) {
            w.line(&area.id, ring, &area.stroke, true);
        }
    }
    let mut stats = w.stats;
    let canvas = w.out.canvas;
    text::draw_map_texts(canvas, glyphs, scene, view);
    stats.symbols = draw_symbols(canvas, view, &scene.symbols);
    text::draw_labels(canvas, glyphs, labels);
    stats.labels = labels.len();
    stats
}

/// The symbols on the picture (the window's rule: the centre within a radius of it); returns how
/// many were drawn.
fn draw_symbols(canvas: &mut Canvas<'_>, view: &MapView, symbols: &[Symbol]) -> usize {
    let mut drawn = 0;
    for symbol in symbols {
        if let Some(p) = symbol_at(symbol, view) {
            let (r, fill) = (symbol.radius_px, symbol.fill);
            match &symbol.military {
                Some(drawing) => {
                    draw_military(canvas, &military_parts(drawing, p, r, Detail::Whole))
                }
                None => draw_symbol(canvas, symbol.shape, p, r, fill, &symbol.stroke),
            }
            drawn += 1;
        }
    }
    drawn
}

/// A military symbol's parts ([`military_parts`]), as [`super::svg::write_military`] writes
/// them.
pub fn draw_military(canvas: &mut Canvas<'_>, parts: &[MilitaryPart]) {
    for part in parts {
        let mut d = RasterPath::new();
        part.trace(&mut d);
        let Some(path) = d.builder.finish() else {
            continue;
        };
        if let Some(fill) = part.fill {
            canvas.fill(path.clone(), fill, false);
        }
        if let Some(stroke) = &part.stroke {
            canvas.stroke(path, stroke);
        }
    }
}

/// One symbol centred on `at`, filled (when `fill` is set) and outlined, as
/// [`super::svg::write_symbol`] writes it.
pub fn draw_symbol(
    canvas: &mut Canvas<'_>,
    shape: SymbolShape,
    at: [f32; 2],
    radius: f32,
    fill: Option<Rgba>,
    stroke: &Stroke,
) {
    let (x, y) = (tenths(at[0] as f64), tenths(at[1] as f64));
    let path = match shape {
        SymbolShape::Circle | SymbolShape::Dot => {
            sk::PathBuilder::from_circle(x, y, tenths(radius as f64))
        }
        _ => {
            let mut d = RasterPath::new();
            d.ring(&symbol_outline(shape, at, radius));
            d.builder.finish()
        }
    };
    let Some(path) = path else {
        return;
    };
    if let Some(f) = fill {
        canvas.fill(path.clone(), f, false);
    }
    canvas.stroke(path, stroke);
}
