//! Where everything goes on the page, and the page written as SVG.
//!
//! From top to bottom: the marking banner, the title block (title and subtitle on the left, the
//! date-time group and the preparer on the right), the map frame(s) with the scale bar and north
//! arrow in a corner plate, the legend (a column to the right of a single map on a landscape page,
//! otherwise a band under the maps), the source line, and the bottom banner.
//!
//! The page-wide parts are here; the banners, title block and map plate in `furniture`, the
//! legend in `legend`, the source line in `source_line` and text helpers in `text`. They draw
//! through [`Ink`]: as SVG ([`SvgInk`], [`compose`]) or into a PNG page's pixels
//! ([`RasterInk`]).

use std::fmt::Write as _;

use super::{ExportOptions, Panel};
use crate::font::FONT_FAMILY;
use crate::render::geometry::TextAnchor;
use crate::render::svg::{self, SvgOptions, escape, num};
use crate::scene::style::Rgba;
use crate::scene::{MapView, place_labels};

mod furniture;
mod ink;
mod legend;
mod raster_ink;
mod source_line;
mod text;

pub use furniture::north_angle_deg;
use furniture::{BANNER_H, banner, plate, title_block, title_block_height};
use ink::{Ink, Paint, SvgInk, t};
use legend::{legend, legend_band_plan, legend_entries, legend_plan, place_legend};
pub(super) use raster_ink::RasterInk;
use source_line::{SOURCE_LINE, source_line, source_lines};
use text::ellipsize;

/// Outer margin, layout pixels.
const MARGIN: f32 = 14.0;
/// Gap between blocks.
const GAP: f32 = 10.0;
const CAPTION_FONT: f32 = 16.0;
const CAPTION_H: f32 = 24.0;
/// The page's colour, under and around the maps.
pub(super) const PAGE: Rgba = Rgba::rgb(0xff, 0xff, 0xff);
const INK: Rgba = Rgba::rgb(0x1a, 0x1a, 0x1a);
const SECONDARY: Rgba = Rgba::rgb(0x44, 0x44, 0x44);
const WHITE: Rgba = Rgba::rgb(0xff, 0xff, 0xff);

/// Where the parts of a page are, in layout pixels (see [`super::PageSize::layout_size`]).
#[derive(Clone, Debug, PartialEq)]
pub struct PageLayout {
    /// The page size.
    pub size: [f32; 2],
    /// Output pixels per layout pixel.
    pub pixels_per_point: f32,
    /// One frame per panel, left to right.
    pub maps: Vec<MapFrame>,
    /// The legend box `[x, y, width, height]`, if there is one.
    pub legend: Option<[f32; 4]>,
    /// Height of each marking banner (0 without one).
    pub banner_height: f32,
}

/// A map on the page: where its frame is and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct MapFrame {
    /// Top-left corner of the frame on the page.
    pub origin: [f32; 2],
    /// The view drawn in the frame (`size_px` is the frame's size).
    pub view: MapView,
}

impl MapFrame {
    /// Where a projected point lands on the page, layout pixels.
    ///
    /// ```
    /// use bmd_atlas::export::{self, ExportOptions, Panel};
    /// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
    /// let layers = scene::Layers { basemap: false, ..Default::default() };
    /// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m, &layers, None);
    /// let layout = export::layout(&[Panel::new(&s)], &ExportOptions::default());
    /// let frame = &layout.maps[0];
    /// let [x, y] = frame.to_page(frame.view.centre);
    /// assert!(x > frame.origin[0] && y > frame.origin[1]);
    /// ```
    pub fn to_page(&self, p: crate::geodesy::MapXy) -> [f32; 2] {
        let s = self.view.to_screen(p);
        [self.origin[0] + s[0], self.origin[1] + s[1]]
    }
}

/// Lays out a page for `panels` (side by side) with `options`.
pub(super) fn layout(panels: &[Panel<'_>], options: &ExportOptions) -> PageLayout {
    let [w, h] = options.page.layout_size();
    let banner = if options.banner && options.marking.is_some() {
        BANNER_H
    } else {
        0.0
    };
    let area = maps_area(panels, options, banner);
    let entries = if options.legend {
        legend_entries(panels)
    } else {
        Vec::new()
    };
    let column = panels.len() <= 1 && w >= 1.15 * h;
    let (legend, frames_area) = place_legend(&entries, area, column, w);
    PageLayout {
        size: [w, h],
        pixels_per_point: options.page.pixels_per_point(),
        maps: map_frames(panels, frames_area),
        legend,
        banner_height: banner,
    }
}

/// The box `[x, y, width, height]` between the title block and the source line, for the maps
/// and the legend.
fn maps_area(panels: &[Panel<'_>], options: &ExportOptions, banner: f32) -> [f32; 4] {
    let [w, h] = options.page.layout_size();
    let top = banner + MARGIN;
    let title_h = title_block_height(options);
    let source_h = if options.source_line {
        source_lines(panels, w - 2.0 * MARGIN).len() as f32 * SOURCE_LINE
    } else {
        0.0
    };
    let map_top = top + if title_h > 0.0 { title_h + GAP } else { 0.0 };
    let map_bottom = h - banner - MARGIN - if source_h > 0.0 { source_h + GAP } else { 0.0 };
    [
        MARGIN,
        map_top,
        (w - 2.0 * MARGIN).max(1.0),
        (map_bottom - map_top).max(1.0),
    ]
}

/// The frames of the panels, side by side in `area` with a caption row above them when any
/// panel has a caption. A panel with the window's view shows at least what the window showed.
fn map_frames(panels: &[Panel<'_>], area: [f32; 4]) -> Vec<MapFrame> {
    let n = panels.len().max(1) as f32;
    let captions = panels.iter().any(|p| !p.caption.is_empty());
    let caption_h = if captions { CAPTION_H } else { 0.0 };
    let fw = ((area[2] - (n - 1.0) * GAP) / n).max(1.0);
    let fh = (area[3] - caption_h).max(1.0);
    panels
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let origin = [area[0] + i as f32 * (fw + GAP), area[1] + caption_h];
            let view = match p.view {
                None => MapView::fit(p.scene.projection, [fw, fh]),
                Some(v) => MapView {
                    // Show at least what the window showed, around the same centre.
                    metres_per_pixel: (v.size_px[0] as f64 * v.metres_per_pixel / fw as f64)
                        .max(v.size_px[1] as f64 * v.metres_per_pixel / fh as f64),
                    size_px: [fw, fh],
                    ..v
                },
            };
            MapFrame { origin, view }
        })
        .collect()
}

/// The options the maps of a page are drawn with: thinned to half an output pixel.
pub(super) fn map_options(layout: &PageLayout) -> SvgOptions {
    SvgOptions {
        min_step_px: 0.5 / layout.pixels_per_point,
        ..SvgOptions::default()
    }
}

/// Writes the page as an SVG document.
///
/// The maps are drawn first, each clipped to its frame, then the furniture over them
/// ([`furniture`]).
pub(super) fn compose(
    panels: &[Panel<'_>],
    options: &ExportOptions,
    layout: &PageLayout,
) -> String {
    let mut out = String::with_capacity(256 * 1024);
    svg_start(&mut out, options, layout);
    let map_options = map_options(layout);
    for (i, (panel, frame)) in panels.iter().zip(&layout.maps).enumerate() {
        write_map(&mut out, panel, frame, i, &map_options);
    }
    furniture(&mut SvgInk { out: &mut out }, panels, options, layout);
    out.push_str("</svg>\n");
    out
}

/// The page's furniture, drawn over its maps: the page's margins painted over them as one "mat"
/// with a hole per map frame (hiding whatever the maps drew outside their frames), then the
/// captions, frames and plates, the banners, the title block, the legend and the source line.
pub(super) fn furniture(
    ink: &mut dyn Ink,
    panels: &[Panel<'_>],
    options: &ExportOptions,
    layout: &PageLayout,
) {
    let [w, h] = layout.size;
    mat(ink, layout);
    for (panel, frame) in panels.iter().zip(&layout.maps) {
        panel_furniture(ink, panel, frame, options);
    }
    if let Some(m) = options
        .marking
        .as_ref()
        .filter(|_| layout.banner_height > 0.0)
    {
        banner(ink, m, 0.0, w, "banner-top");
        banner(ink, m, h - layout.banner_height, w, "banner-bottom");
    }
    title_block(ink, options, layout);
    if let Some(rect) = layout.legend {
        let entries = legend_entries(panels);
        let plan = if rect[2] < w - 2.0 * MARGIN - 1.0 {
            legend_plan(&entries, rect[2], 1)
        } else {
            legend_band_plan(&entries, rect[2])
        };
        legend(ink, &entries, rect, &plan);
    }
    if options.source_line {
        source_line(ink, panels, layout);
    }
}

/// The `<svg>` element with the page's size and title, and the white page.
fn svg_start(out: &mut String, options: &ExportOptions, layout: &PageLayout) {
    let [w, h] = layout.size;
    let [pw, ph] = options.page.pixels();
    let (width, height) = match options.page.mm() {
        Some([mw, mh]) => (format!("{}mm", num(mw)), format!("{}mm", num(mh))),
        None => (pw.to_string(), ph.to_string()),
    };
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_FAMILY}\">",
        num(w),
        num(h)
    );
    if !options.title.is_empty() {
        let _ = writeln!(out, "<title>{}</title>", escape(&options.title));
    }
    let _ = writeln!(
        out,
        "<rect class=\"page\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(w),
        num(h),
        PAGE.hex()
    );
}

/// The page's margins in the page colour: the whole page with a hole (even-odd) for each map
/// frame.
fn mat(ink: &mut dyn Ink, layout: &PageLayout) {
    let [w, h] = layout.size;
    let page = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    let holes: Vec<[[f32; 2]; 4]> = layout
        .maps
        .iter()
        .map(|frame| {
            let [x, y] = frame.origin;
            let [fw, fh] = frame.view.size_px;
            [[x, y], [x + fw, y], [x + fw, y + fh], [x, y + fh]]
        })
        .collect();
    let rings: Vec<&[[f32; 2]]> = std::iter::once(&page[..])
        .chain(holes.iter().map(|h| &h[..]))
        .collect();
    ink.rings("mat", &rings, Paint::fill(PAGE));
}

/// A panel's map at its frame's place on the page, clipped to the frame (so a line leaving the
/// right map never paints into the left one).
fn write_map(
    out: &mut String,
    panel: &Panel<'_>,
    frame: &MapFrame,
    index: usize,
    map_options: &SvgOptions,
) {
    let [x, y] = frame.origin;
    let [fw, fh] = frame.view.size_px;
    let _ = writeln!(
        out,
        "<clipPath id=\"frame-{index}\"><rect width=\"{}\" height=\"{}\"/></clipPath>",
        t(fw),
        t(fh)
    );
    let _ = writeln!(
        out,
        "<g class=\"panel\" transform=\"translate({} {})\" clip-path=\"url(#frame-{index})\">",
        t(x),
        t(y)
    );
    let labels = place_labels(panel.scene, &frame.view);
    svg::write_map(out, panel.scene, &frame.view, &labels, map_options);
    out.push_str("</g>\n");
}

/// A panel's caption, frame and corner plate, drawn over the mat.
fn panel_furniture(
    ink: &mut dyn Ink,
    panel: &Panel<'_>,
    frame: &MapFrame,
    options: &ExportOptions,
) {
    let [x, y] = frame.origin;
    let [fw, fh] = frame.view.size_px;
    if !panel.caption.is_empty() {
        ink.text(
            "caption",
            [x, y - 7.0],
            CAPTION_FONT,
            TextAnchor::Start,
            INK,
            &ellipsize(&panel.caption, CAPTION_FONT, fw),
        );
    }
    ink.begin("panel-frame", [x, y], 0.0);
    let outline = Paint::outlined(Rgba::rgb(0x33, 0x33, 0x33), 1.0);
    ink.rect("frame", [0.0, 0.0, fw, fh], 0.0, outline);
    plate(ink, &frame.view, options);
    ink.end();
}
