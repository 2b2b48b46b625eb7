//! Draws a scene straight into a `tiny-skia` pixmap: the PNG back end. No SVG is written or
//! parsed on the way.
//!
//! It draws what [`super::svg::write_map`] writes, in the same order, with the same geometry (both
//! go through [`super::geometry::MapWriter`], points rounded to tenths of a pixel as the SVG's
//! are), colours, widths, dashes and text (the bundled font's outlines, shaped as the SVG
//! renderer shapes them), so a PNG page and the same page rendered from its SVG differ only by
//! anti-aliasing. `tests/raster_parity.rs` holds the two side by side.

mod text;

use resvg::tiny_skia as sk;

pub use text::Glyphs;

use super::geometry::{MapOptions, MapOut, MapStats, MapWriter, PathSink};
use crate::scene::style::{self, Rgba, Stroke, SymbolShape};
use crate::scene::{MapView, PlacedLabel, Scene, Symbol};

/// What a page's maps draw, recorded in the page's pixels and then painted in horizontal bands
/// in parallel ([`Canvas::paint`]): the bands of one pixmap are disjoint runs of its rows, so
/// no band needs a layer of its own. Strokes wider than a pixel are turned into outlines once,
/// as they are recorded; only the filling is done per band.
#[derive(Default)]
pub struct Canvas {
    ops: Vec<Op>,
    /// From the picture's pixels to the page's.
    transform: sk::Transform,
    /// The frame the current picture is clipped to (an index into `clips`).
    clip: Option<usize>,
    clips: Vec<sk::Rect>,
}

/// One recorded drawing operation.
enum Op {
    Fill {
        path: sk::Path,
        colour: Rgba,
        rule: sk::FillRule,
        transform: sk::Transform,
        clip: Option<usize>,
    },
    /// A stroke at most a pixel wide: tiny-skia draws those as hairlines, so it is kept whole.
    Hairline {
        path: sk::Path,
        colour: Rgba,
        stroke: sk::Stroke,
        transform: sk::Transform,
        clip: Option<usize>,
    },
}

impl Op {
    /// The page pixels the operation may touch (bounds of the path, widened for a hairline).
    fn bounds(&self) -> Option<sk::Rect> {
        match self {
            Op::Fill {
                path, transform, ..
            } => path.bounds().transform(*transform),
            Op::Hairline {
                path, transform, ..
            } => path
                .bounds()
                .transform(*transform)
                .and_then(|b| b.outset(1.0, 1.0)),
        }
    }
}

impl Canvas {
    /// Draws what follows as a picture placed by `transform` (picture pixels to page pixels),
    /// clipped to `clip` (page pixels) when given.
    pub fn place(&mut self, transform: sk::Transform, clip: Option<sk::Rect>) {
        self.transform = transform;
        self.clip = clip.map(|rect| {
            self.clips.push(rect);
            self.clips.len() - 1
        });
    }

    /// Fills `path` with `colour` (`even_odd` or non-zero).
    pub fn fill(&mut self, path: sk::Path, colour: Rgba, even_odd: bool) {
        let rule = if even_odd {
            sk::FillRule::EvenOdd
        } else {
            sk::FillRule::Winding
        };
        self.ops.push(Op::Fill {
            path,
            colour,
            rule,
            transform: self.transform,
            clip: self.clip,
        });
    }

    /// Strokes `path` as the SVG does: round joins, butt caps, the stroke's dashes. Done as
    /// tiny-skia's own `stroke_path` does it, so a PNG page matches the SVG's rendering.
    pub fn stroke(&mut self, path: &sk::Path, stroke: &Stroke) {
        let mut s = sk::Stroke {
            width: stroke.width_px,
            line_join: sk::LineJoin::Round,
            ..sk::Stroke::default()
        };
        if let Some([on, off]) = stroke.dash {
            s.dash = sk::StrokeDash::new(vec![on, off], 0.0);
        }
        let res_scale = sk::PathStroker::compute_resolution_scale(&self.transform);
        if stroke.width_px * res_scale <= 1.0 {
            self.ops.push(Op::Hairline {
                path: path.clone(),
                colour: stroke.colour,
                stroke: s,
                transform: self.transform,
                clip: self.clip,
            });
            return;
        }
        let dashed;
        let path = match &s.dash {
            Some(dash) => match path.dash(dash, res_scale) {
                Some(d) => {
                    dashed = d;
                    &dashed
                }
                None => return,
            },
            None => path,
        };
        if let Some(outline) = path.stroke(&s, res_scale) {
            self.fill(outline, stroke.colour, false);
        }
    }

    /// A rectangle `[x, y, width, height]` filled with `colour`.
    pub fn fill_rect(&mut self, rect: [f32; 4], colour: Rgba) {
        if let Some(r) = sk::Rect::from_xywh(rect[0], rect[1], rect[2], rect[3]) {
            self.fill(sk::PathBuilder::from_rect(r), colour, false);
        }
    }

    /// Paints everything recorded onto `pixmap`, in bands of rows drawn in parallel.
    pub fn paint(&self, pixmap: &mut sk::Pixmap) {
        use rayon::prelude::*;
        let (width, height) = (pixmap.width(), pixmap.height());
        // Two bands a thread: the top of a page (its title) is lighter work than the maps.
        let bands = (2 * rayon::current_num_threads()).clamp(1, 16) as u32;
        let rows = height.div_ceil(bands).max(1);
        let ops: Vec<(&Op, Option<sk::Rect>)> =
            self.ops.iter().map(|op| (op, op.bounds())).collect();
        pixmap
            .data_mut()
            .par_chunks_mut(rows as usize * width as usize * 4)
            .enumerate()
            .for_each(|(i, data)| {
                let top = i as u32 * rows;
                let band_rows = (data.len() / (width as usize * 4)) as u32;
                if let Some(mut band) = sk::PixmapMut::from_bytes(data, width, band_rows) {
                    self.paint_band(&mut band, top as f32, &ops);
                }
            });
    }

    fn paint_band(&self, band: &mut sk::PixmapMut<'_>, top: f32, ops: &[(&Op, Option<sk::Rect>)]) {
        let (width, rows) = (band.width(), band.height());
        let shift = sk::Transform::from_translate(0.0, -top);
        // The frames' clips over this band's rows (none on a one-map page).
        let masks: Vec<Option<sk::Mask>> = self
            .clips
            .iter()
            .map(|rect| {
                let mut m = sk::Mask::new(width, rows)?;
                let path = sk::PathBuilder::from_rect(*rect);
                m.fill_path(&path, sk::FillRule::Winding, true, shift);
                Some(m)
            })
            .collect();
        let mask_for = |clip: &Option<usize>| clip.and_then(|i| masks.get(i)?.as_ref());
        let band_box = sk::Rect::from_xywh(0.0, top, width as f32, rows as f32);
        for (op, bounds) in ops {
            let touches = match (bounds, band_box) {
                (Some(b), Some(r)) => b.bottom() >= r.top() && b.top() <= r.bottom(),
                _ => true,
            };
            if !touches {
                continue;
            }
            match op {
                Op::Fill {
                    path,
                    colour,
                    rule,
                    transform,
                    clip,
                } => {
                    let mask = mask_for(clip);
                    band.fill_path(
                        path,
                        &paint(*colour),
                        *rule,
                        transform.post_concat(shift),
                        mask,
                    );
                }
                Op::Hairline {
                    path,
                    colour,
                    stroke,
                    transform,
                    clip,
                } => {
                    let mask = mask_for(clip);
                    band.stroke_path(
                        path,
                        &paint(*colour),
                        stroke,
                        transform.post_concat(shift),
                        mask,
                    );
                }
            }
        }
    }
}

/// An anti-aliased solid paint.
fn paint(c: Rgba) -> sk::Paint<'static> {
    let mut p = sk::Paint::default();
    p.set_color_rgba8(c.0[0], c.0[1], c.0[2], c.0[3]);
    p.anti_alias = true;
    p
}

/// A point rounded to tenths of a pixel, as the SVG writes it.
fn tenths(v: f64) -> f32 {
    ((v * 10.0).round() / 10.0) as f32
}

/// A path for the rasteriser, with the SVG's rounding and its dropping of repeated points.
pub struct RasterPath {
    builder: sk::PathBuilder,
    at: [f32; 2],
    points: usize,
}

impl RasterPath {
    fn new() -> RasterPath {
        RasterPath {
            builder: sk::PathBuilder::new(),
            at: [f32::NAN; 2],
            points: 0,
        }
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
struct RasterOut<'c> {
    canvas: &'c mut Canvas,
}

impl MapOut for RasterOut<'_> {
    type Path = RasterPath;

    fn path(&self) -> RasterPath {
        RasterPath::new()
    }

    fn stroke(&mut self, _class: &str, _id: &str, path: RasterPath, stroke: &Stroke) {
        if let Some(path) = path.builder.finish() {
            self.canvas.stroke(&path, stroke);
        }
    }

    fn fill(&mut self, _class: &str, _id: &str, path: RasterPath, fill: Rgba, even_odd: bool) {
        if let Some(path) = path.builder.finish() {
            self.canvas.fill(path, fill, even_odd);
        }
    }
}

/// Draws the map of `scene` seen through `view` onto `canvas` (picture pixels, origin top-left,
/// `view.size_px` big, placed on the page by [`Canvas::place`]), as [`super::svg::write_map`]
/// writes it. `labels` are normally [`crate::scene::place_labels`]`(scene, view)`.
pub fn draw_map(
    canvas: &mut Canvas,
    glyphs: &mut Glyphs,
    scene: &Scene,
    view: &MapView,
    labels: &[PlacedLabel],
    options: &MapOptions,
) -> MapStats {
    let [width, height] = view.size_px;
    canvas.fill_rect([0.0, 0.0, width, height], style::SEA);
    let mut w = MapWriter::new(RasterOut { canvas }, view, options);
    if let Some(base) = &scene.basemap {
        w.land(base, style::LAND);
        if scene.show_borders {
            w.polylines("borders", &base.borders, &Stroke::solid(0.8, style::BORDER));
        }
        w.polylines(
            "coastlines",
            &base.coastlines,
            &Stroke::solid(0.9, style::COAST),
        );
    }
    for line in &scene.lines {
        w.line(&line.id, &line.points, &line.stroke, false);
    }
    for area in &scene.areas {
        w.area_fill(&area.id, &area.outline, &area.holes, area.fill);
    }
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
fn draw_symbols(canvas: &mut Canvas, view: &MapView, symbols: &[Symbol]) -> usize {
    let [width, height] = view.size_px;
    let mut drawn = 0;
    for symbol in symbols {
        let p = view.to_screen(symbol.at);
        let r = symbol.radius_px;
        if p[0] >= -r && p[1] >= -r && p[0] <= width + r && p[1] <= height + r {
            draw_symbol(canvas, symbol.shape, p, r, symbol.fill, &symbol.stroke);
            drawn += 1;
        }
    }
    drawn
}

/// One symbol centred on `at`, filled (when `fill` is set) and outlined, as
/// [`super::svg::write_symbol`] writes it.
pub fn draw_symbol(
    canvas: &mut Canvas,
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
            let pts: Vec<[f64; 2]> = shape
                .outline()
                .into_iter()
                .map(|[dx, dy]| [(at[0] + dx * radius) as f64, (at[1] + dy * radius) as f64])
                .collect();
            d.ring(&pts);
            d.builder.finish()
        }
    };
    let Some(path) = path else {
        return;
    };
    if let Some(f) = fill {
        canvas.fill(path.clone(), f, false);
    }
    canvas.stroke(&path, stroke);
}
