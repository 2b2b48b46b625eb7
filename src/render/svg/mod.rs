//! Draws a scene as SVG: the back end of SVG and PDF pages (PNG pages are drawn directly by
//! [`super::raster`] over the same geometry, [`super::geometry`]).
//!
//! It mirrors [`super::egui_painter`]: the same drawing order (sea, land, borders, coastlines,
//! lines, area fills, area outlines, map texts, symbols, labels with a white halo), the same colours and
//! widths, the same culling by bounds, and the labels from [`place_labels`], so an export shows
//! what the window shows.
//!
//! Output is deterministic and portable: coordinates are rounded to 0.1 px (path data is relative,
//! made from the rounded absolute positions, so rounding never accumulates), every number is
//! formatted the same way on every OS, and text names the bundled font ([`FONT_FAMILY`](crate::font::FONT_FAMILY)) only.
//!
//! Land is not written as the basemap's triangles: the outline of each triangulated polygon (its
//! boundary edges, which the triangles share with no other triangle) is rebuilt once per basemap
//! and written as one `fill-rule="nonzero"` path. That is about a third of the points, renders
//! faster, and cannot show hairline seams between triangles, which anti-aliased triangles do.

mod attrs;
mod path;
mod symbols;
mod text;

use std::fmt::Write as _;

pub(crate) use attrs::stroke_attrs;
pub use attrs::{escape, num, tenths};
pub use symbols::{SymbolTag, symbol_sheet, symbol_sheet_size, write_military, write_symbol};

use crate::basemap::ProjectedBasemap;
pub use crate::render::geometry::{MapOptions as SvgOptions, MapStats as SvgStats};
use crate::render::geometry::{MapWriter, symbol_at};
use crate::render::military::{Detail, military_parts};
use crate::scene::style;
use crate::scene::{Area, Line, MapView, PlacedLabel, Scene, Symbol, place_labels};
pub(crate) use attrs::fill_attrs;
use path::SvgOut;
use text::{write_labels, write_map_texts};

type Writer<'a, 'o> = MapWriter<'a, SvgOut<'o>>;

/// A standalone SVG document of the map alone, `view.size_px` big, labels placed as in the window.
///
/// ```
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, render::svg, scenario, scene};
/// let layers = scene::Layers { basemap: false, ..Default::default() };
/// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m, &layers, None);
/// let view = scene::MapView::fit(ProjectionKind::EuropeEqualArea, [800.0, 600.0]);
/// let doc = svg::map_document(&s, &view);
/// assert!(doc.starts_with("<svg") && doc.contains("class=\"symbol\""));
/// ```
pub fn map_document(scene: &Scene, view: &MapView) -> String {
    let [w, h] = view.size_px;
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
        w = num(w),
        h = num(h),
    );
    let labels = place_labels(scene, view);
    write_map(&mut out, scene, view, &labels, &SvgOptions::default());
    out.push_str("</svg>\n");
    out
}

/// Writes the map of `scene` seen through `view` as one `<g class="map">` into `out`, in the
/// view's pixel coordinates (origin top-left, `view.size_px` big). `labels` are normally
/// [`place_labels`]`(scene, view)`.
///
/// Symbols are `<path class="symbol">` or `<circle class="symbol">` elements with a `data-name`
/// attribute, labels `<text class="label">`, so tools (and tests) can find them. Geometry outside
/// the picture (plus [`SvgOptions::margin_px`]) is culled; the caller clips to the picture.
///
/// ```
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, render::svg, scenario, scene};
/// let layers = scene::Layers { basemap: false, ..Default::default() };
/// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m, &layers, None);
/// let view = scene::MapView::fit(ProjectionKind::EuropeEqualArea, [800.0, 600.0]);
/// let labels = scene::place_labels(&s, &view);
/// let mut out = String::new();
/// let stats = svg::write_map(&mut out, &s, &view, &labels, &svg::SvgOptions::default());
/// assert_eq!(stats.labels, labels.len());
/// assert_eq!(out.matches("class=\"symbol\"").count(), stats.symbols);
/// ```
pub fn write_map(
    out: &mut String,
    scene: &Scene,
    view: &MapView,
    labels: &[PlacedLabel],
    options: &SvgOptions,
) -> SvgStats {
    let mut w = MapWriter::new(SvgOut { out }, view, options);
    w.out.out.push_str("<g class=\"map\">\n");
    write_sea(&mut w, view);
    if let Some(base) = &scene.basemap {
        write_basemap(&mut w, base, scene.show_borders);
    }
    if !scene.lines.is_empty() {
        write_lines(&mut w, &scene.lines);
    }
    if !scene.areas.is_empty() {
        write_areas(&mut w, &scene.areas);
    }
    if !scene.texts.is_empty() {
        write_map_texts(w.out.out, scene, view);
    }
    write_symbols(&mut w, view, &scene.symbols);
    if !labels.is_empty() {
        write_labels(w.out.out, scene, labels);
        w.stats.labels = labels.len();
    }
    w.out.out.push_str("</g>\n");
    w.stats
}

/// The sea: one rectangle under everything, the size of the picture.
fn write_sea(w: &mut Writer, view: &MapView) {
    let [width, height] = view.size_px;
    let _ = writeln!(
        w.out.out,
        "<rect class=\"sea\" width=\"{}\" height=\"{}\"{}/>",
        num(width),
        num(height),
        fill_attrs(style::SEA)
    );
}

/// Land, then borders (when shown), then coastlines.
fn write_basemap(w: &mut Writer, base: &std::sync::Arc<ProjectedBasemap>, show_borders: bool) {
    w.basemap(base, show_borders);
}

/// The scene's lines, in one group.
fn write_lines(w: &mut Writer, lines: &[Line]) {
    w.out
        .out
        .push_str("<g class=\"lines\" fill=\"none\" stroke-linejoin=\"round\">\n");
    for line in lines {
        w.line(&line.id, &line.points, &line.stroke, false);
    }
    w.out.out.push_str("</g>\n");
}

/// The scene's areas: all fills first, then all outlines, so no fill hides an outline.
fn write_areas(w: &mut Writer, areas: &[Area]) {
    w.out
        .out
        .push_str("<g class=\"area-fills\" stroke=\"none\">\n");
    for area in areas {
        w.area_fill(&area.id, &area.outline, &area.holes, area.fill);
    }
    w.out
        .out
        .push_str("</g>\n<g class=\"area-outlines\" fill=\"none\" stroke-linejoin=\"round\">\n");
    for area in areas {
        for ring in std::iter::once(&area.outline).chain(&area.holes) {
            w.line(&area.id, ring, &area.stroke, true);
        }
    }
    w.out.out.push_str("</g>\n");
}

/// The symbols on the picture, tagged with their id and name, counted in the stats.
fn write_symbols(w: &mut Writer, view: &MapView, symbols: &[Symbol]) {
    w.out
        .out
        .push_str("<g class=\"symbols\" stroke-linejoin=\"round\">\n");
    for symbol in symbols {
        let Some(p) = symbol_at(symbol, view) else {
            continue;
        };
        let tag = SymbolTag {
            id: &symbol.id,
            name: &symbol.name,
        };
        let (r, fill) = (symbol.radius_px, symbol.fill);
        if let Some(drawing) = &symbol.military {
            write_military(
                w.out.out,
                &military_parts(drawing, p, r, Detail::Whole),
                Some(tag),
            );
            w.stats.symbols += 1;
            continue;
        }
        write_symbol(
            w.out.out,
            symbol.shape,
            p,
            r,
            fill,
            &symbol.stroke,
            Some(tag),
        );
        w.stats.symbols += 1;
    }
    w.out.out.push_str("</g>\n");
}
