//! Where everything goes on the page, and the page written as SVG.
//!
//! From top to bottom: the marking banner, the title block (title and subtitle on the left, the
//! date-time group and the preparer on the right), the map frame(s) with the scale bar and north
//! arrow in a corner plate, the legend (a column to the right of a single map on a landscape page,
//! otherwise a band under the maps), the source line, and the bottom banner.

use std::fmt::Write as _;

use super::{ExportOptions, Panel, date_time_group};
use crate::font::{FONT_FAMILY, text_width};
use crate::render::svg::{self, SvgOptions, escape, num};
use crate::scene::style::Rgba;
use crate::scene::{LegendEntry, MapView, place_labels};

/// Outer margin, layout pixels.
const MARGIN: f32 = 14.0;
/// Gap between blocks.
const GAP: f32 = 10.0;
const BANNER_H: f32 = 26.0;
const BANNER_FONT: f32 = 15.0;
const TITLE_FONT: f32 = 26.0;
const SUBTITLE_FONT: f32 = 16.0;
const META_FONT: f32 = 14.0;
const CAPTION_FONT: f32 = 16.0;
const CAPTION_H: f32 = 24.0;
const LEGEND_FONT: f32 = 13.0;
const LEGEND_HEADER_FONT: f32 = 14.0;
const LEGEND_ROW: f32 = 20.0;
const LEGEND_LINE: f32 = 16.0;
const LEGEND_PAD: f32 = 10.0;
const SWATCH: [f32; 2] = [24.0, 14.0];
const SWATCH_GAP: f32 = 8.0;
const SOURCE_FONT: f32 = 11.0;
const SOURCE_LINE: f32 = 14.0;
const SOURCE_MAX_LINES: usize = 2;
const PAGE: Rgba = Rgba::rgb(0xff, 0xff, 0xff);
const INK: Rgba = Rgba::rgb(0x1a, 0x1a, 0x1a);
const SECONDARY: Rgba = Rgba::rgb(0x44, 0x44, 0x44);

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

/// The legend entries of all panels, each text once, in first-seen order.
fn legend_entries<'a>(panels: &[Panel<'a>]) -> Vec<&'a LegendEntry> {
    let mut out: Vec<&LegendEntry> = Vec::new();
    for p in panels {
        for e in &p.scene.legend {
            if !out.iter().any(|o| o.text == e.text) {
                out.push(e);
            }
        }
    }
    out
}

/// Lays out a page for `panels` (side by side) with `options`.
pub(super) fn layout(panels: &[Panel<'_>], options: &ExportOptions) -> PageLayout {
    let [w, h] = options.page.layout_size();
    let banner = if options.banner && options.marking.is_some() {
        BANNER_H
    } else {
        0.0
    };
    let top = banner + MARGIN;
    let title_h = title_block_height(options);
    let source_h = if options.source_line {
        source_lines(panels, w - 2.0 * MARGIN).len() as f32 * SOURCE_LINE
    } else {
        0.0
    };
    let map_top = top + if title_h > 0.0 { title_h + GAP } else { 0.0 };
    let map_bottom = h - banner - MARGIN - if source_h > 0.0 { source_h + GAP } else { 0.0 };
    let area = [
        MARGIN,
        map_top,
        (w - 2.0 * MARGIN).max(1.0),
        (map_bottom - map_top).max(1.0),
    ];

    let entries = if options.legend {
        legend_entries(panels)
    } else {
        Vec::new()
    };
    let column = panels.len() <= 1 && w >= 1.15 * h;
    let mut frames_area = area;
    let mut legend = None;
    if !entries.is_empty() {
        if column {
            let widest = entries
                .iter()
                .map(|e| text_width(&e.text, LEGEND_FONT))
                .fold(text_width("Legend", LEGEND_HEADER_FONT), f32::max);
            let lw = (widest + SWATCH[0] + SWATCH_GAP + 2.0 * LEGEND_PAD)
                .clamp(150.0, (0.32 * w).max(150.0));
            let lh = legend_plan(&entries, lw, 1).height.min(area[3]);
            legend = Some([area[0] + area[2] - lw, area[1], lw, lh]);
            frames_area[2] = (area[2] - lw - GAP).max(1.0);
        } else {
            let bh = legend_band_plan(&entries, area[2])
                .height
                .min(area[3] * 0.5);
            legend = Some([area[0], area[1] + area[3] - bh, area[2], bh]);
            frames_area[3] = (area[3] - bh - GAP).max(1.0);
        }
    }

    let n = panels.len().max(1) as f32;
    let captions = panels.iter().any(|p| !p.caption.is_empty());
    let caption_h = if captions { CAPTION_H } else { 0.0 };
    let fw = ((frames_area[2] - (n - 1.0) * GAP) / n).max(1.0);
    let fh = (frames_area[3] - caption_h).max(1.0);
    let maps = panels
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let origin = [
                frames_area[0] + i as f32 * (fw + GAP),
                frames_area[1] + caption_h,
            ];
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
        .collect();
    PageLayout {
        size: [w, h],
        pixels_per_point: options.page.pixels_per_point(),
        maps,
        legend,
        banner_height: banner,
    }
}

fn title_block_height(options: &ExportOptions) -> f32 {
    let left = if options.title.is_empty() {
        0.0
    } else {
        TITLE_FONT * 1.25
    } + if options.subtitle.is_empty() {
        0.0
    } else {
        SUBTITLE_FONT * 1.4
    };
    let meta = [
        options.as_of.is_some(),
        options.preparer.as_deref().is_some_and(|p| !p.is_empty()),
    ]
    .iter()
    .filter(|&&b| b)
    .count() as f32
        * META_FONT
        * 1.45;
    left.max(meta)
}

/// Writes the whole page as an SVG document.
pub(super) fn compose(
    panels: &[Panel<'_>],
    options: &ExportOptions,
    layout: &PageLayout,
) -> String {
    let [w, h] = layout.size;
    let [pw, ph] = options.page.pixels();
    let (width, height) = match options.page.mm() {
        Some([mw, mh]) => (format!("{}mm", num(mw)), format!("{}mm", num(mh))),
        None => (pw.to_string(), ph.to_string()),
    };
    let mut out = String::with_capacity(256 * 1024);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_FAMILY}\">",
        num(w),
        num(h)
    );
    if !options.title.is_empty() {
        let _ = writeln!(out, "<title>{}</title>", escape(&options.title));
    }
    out.push_str("<defs>\n");
    for (i, frame) in layout.maps.iter().enumerate() {
        let [fw, fh] = frame.view.size_px;
        let _ = writeln!(
            out,
            "<clipPath id=\"map-{i}\"><rect width=\"{}\" height=\"{}\"/></clipPath>",
            t(fw),
            t(fh)
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        "<rect class=\"page\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(w),
        num(h),
        PAGE.hex()
    );

    if let Some(m) = options
        .marking
        .as_ref()
        .filter(|_| layout.banner_height > 0.0)
    {
        banner(&mut out, m, 0.0, w, "banner-top");
        banner(&mut out, m, h - layout.banner_height, w, "banner-bottom");
    }
    title_block(&mut out, options, layout);

    let thin = 0.5 / layout.pixels_per_point;
    let map_options = SvgOptions {
        min_step_px: thin,
        ..SvgOptions::default()
    };
    for (i, (panel, frame)) in panels.iter().zip(&layout.maps).enumerate() {
        let [x, y] = frame.origin;
        let [fw, fh] = frame.view.size_px;
        if !panel.caption.is_empty() {
            text(
                &mut out,
                "caption",
                [x, y - 7.0],
                CAPTION_FONT,
                "start",
                INK,
                &ellipsize(&panel.caption, CAPTION_FONT, fw),
            );
        }
        let _ = writeln!(
            out,
            "<g class=\"panel\" transform=\"translate({} {})\">",
            t(x),
            t(y)
        );
        let _ = writeln!(out, "<g clip-path=\"url(#map-{i})\">");
        let labels = place_labels(panel.scene, &frame.view);
        svg::write_map(&mut out, panel.scene, &frame.view, &labels, &map_options);
        out.push_str("</g>\n");
        let _ = writeln!(
            out,
            "<rect class=\"frame\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>",
            t(fw),
            t(fh)
        );
        plate(&mut out, &frame.view, options);
        out.push_str("</g>\n");
    }

    if let Some(rect) = layout.legend {
        let entries = legend_entries(panels);
        let plan = if rect[2] < w - 2.0 * MARGIN - 1.0 {
            legend_plan(&entries, rect[2], 1)
        } else {
            legend_band_plan(&entries, rect[2])
        };
        legend(&mut out, &entries, rect, &plan);
    }
    if options.source_line {
        let lines = source_lines(panels, w - 2.0 * MARGIN);
        let top = h - layout.banner_height - MARGIN - lines.len() as f32 * SOURCE_LINE;
        for (i, line) in lines.iter().enumerate() {
            text(
                &mut out,
                "source-line",
                [MARGIN, top + SOURCE_FONT + i as f32 * SOURCE_LINE],
                SOURCE_FONT,
                "start",
                SECONDARY,
                line,
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A coordinate rounded to 0.1 layout pixel.
fn t(v: f32) -> String {
    svg::tenths(v as f64)
}

fn text(
    out: &mut String,
    class: &str,
    at: [f32; 2],
    size: f32,
    anchor: &str,
    fill: Rgba,
    content: &str,
) {
    let anchor = if anchor == "start" {
        String::new()
    } else {
        format!(" text-anchor=\"{anchor}\"")
    };
    let _ = writeln!(
        out,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{anchor}>{}</text>",
        t(at[0]),
        t(at[1]),
        num(size),
        fill.hex(),
        escape(content)
    );
}

fn banner(out: &mut String, m: &super::Marking, y: f32, w: f32, class: &str) {
    let _ = writeln!(
        out,
        "<g class=\"{class}\"><rect y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        t(y),
        num(w),
        num(BANNER_H),
        m.background.hex()
    );
    text(
        out,
        "marking",
        [w / 2.0, y + BANNER_H / 2.0 + BANNER_FONT * 0.36],
        BANNER_FONT,
        "middle",
        m.foreground,
        &ellipsize(&m.text, BANNER_FONT, w - 2.0 * MARGIN),
    );
    out.push_str("</g>\n");
}

fn title_block(out: &mut String, options: &ExportOptions, layout: &PageLayout) {
    let [w, _] = layout.size;
    let top = layout.banner_height + MARGIN;
    let mut meta = Vec::new();
    if let Some(t) = options.as_of {
        meta.push(format!("As of {}", date_time_group(t)));
    }
    if let Some(p) = options.preparer.as_deref().filter(|p| !p.is_empty()) {
        meta.push(format!("Prepared by {p}"));
    }
    let meta_w = meta
        .iter()
        .map(|m| text_width(m, META_FONT))
        .fold(0.0, f32::max)
        .min(0.4 * w);
    let available =
        (w - 2.0 * MARGIN - if meta.is_empty() { 0.0 } else { meta_w + 24.0 }).max(40.0);
    if options.title.is_empty() && options.subtitle.is_empty() && meta.is_empty() {
        return;
    }
    out.push_str("<g class=\"title-block\">\n");
    let mut y = top;
    if !options.title.is_empty() {
        // Long titles shrink to 70 % before they are shortened.
        let natural = text_width(&options.title, TITLE_FONT);
        let size = if natural > available {
            (TITLE_FONT * available / natural).max(TITLE_FONT * 0.7)
        } else {
            TITLE_FONT
        };
        let title = ellipsize(&options.title, size, available);
        text(
            out,
            "title",
            [MARGIN, y + TITLE_FONT * 0.95],
            size,
            "start",
            INK,
            &title,
        );
        y += TITLE_FONT * 1.25;
    }
    if !options.subtitle.is_empty() {
        let sub = ellipsize(&options.subtitle, SUBTITLE_FONT, available);
        text(
            out,
            "subtitle",
            [MARGIN, y + SUBTITLE_FONT * 1.05],
            SUBTITLE_FONT,
            "start",
            SECONDARY,
            &sub,
        );
    }
    for (i, m) in meta.iter().enumerate() {
        let line = ellipsize(m, META_FONT, meta_w);
        text(
            out,
            "meta",
            [
                w - MARGIN,
                top + META_FONT * 1.1 + i as f32 * META_FONT * 1.45,
            ],
            META_FONT,
            "end",
            SECONDARY,
            &line,
        );
    }
    out.push_str("</g>\n");
}

/// The scale bar and north arrow on a white plate in the frame's bottom-left corner (frame
/// coordinates).
fn plate(out: &mut String, view: &MapView, options: &ExportOptions) {
    let [fw, fh] = view.size_px;
    let arrow = if options.north_arrow {
        north_angle_deg(view)
    } else {
        None
    };
    let bar = if options.scale_bar {
        view.scale_bar((fw * 0.25).clamp(40.0, 220.0))
    } else {
        None
    };
    if arrow.is_none() && bar.is_none() {
        return;
    }
    let arrow_w = if arrow.is_some() { 34.0 } else { 0.0 };
    let bar_w = bar.as_ref().map_or(0.0, |b| {
        b.length_px + text_width(&b.label, 11.0) / 2.0 + 16.0
    });
    let (pw, ph) = (arrow_w + bar_w + 8.0, 48.0);
    let (px, py) = (8.0, fh - 8.0 - ph);
    if pw > fw - 16.0 || ph > fh - 16.0 {
        return; // too small a frame for furniture
    }
    let _ = writeln!(
        out,
        "<g class=\"furniture\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#999999\" stroke-width=\"0.6\"/>",
        t(px),
        t(py),
        t(pw),
        t(ph)
    );
    if let Some(angle) = arrow {
        let (cx, cy) = (px + 4.0 + arrow_w / 2.0, py + ph / 2.0 + 3.0);
        let _ = writeln!(
            out,
            "<g class=\"north-arrow\" transform=\"translate({} {}) rotate({})\" stroke=\"#222222\" stroke-width=\"0.8\" stroke-linejoin=\"round\">\
             <path d=\"M0 -13L7 8L0 3z\" fill=\"#ffffff\"/><path d=\"M0 -13L-7 8L0 3z\" fill=\"#222222\"/>\
             <text y=\"-15.5\" font-size=\"11\" text-anchor=\"middle\" fill=\"#222222\" stroke=\"none\">N</text></g>",
            t(cx),
            t(cy),
            num(angle)
        );
    }
    if let Some(b) = bar {
        let x0 = px + 4.0 + arrow_w + 8.0;
        let y0 = py + 30.0;
        let half = b.length_px / 2.0;
        let _ = writeln!(
            out,
            "<g class=\"scale-bar\" stroke=\"#222222\" stroke-width=\"0.8\">\
             <rect x=\"{x0}\" y=\"{y0}\" width=\"{half}\" height=\"6\" fill=\"#222222\"/>\
             <rect x=\"{x1}\" y=\"{y0}\" width=\"{half}\" height=\"6\" fill=\"#ffffff\"/></g>",
            x0 = t(x0),
            y0 = t(y0),
            x1 = t(x0 + half),
            half = t(half)
        );
        text(out, "scale-label", [x0, y0 - 5.0], 11.0, "middle", INK, "0");
        text(
            out,
            "scale-label",
            [x0 + b.length_px, y0 - 5.0],
            11.0,
            "middle",
            INK,
            &b.label,
        );
    }
    out.push_str("</g>\n");
}

/// The direction of true north at the centre of the view, degrees clockwise from straight up;
/// `None` at a pole (where every way is south or north) or outside the projection's domain.
///
/// ```
/// use bmd_atlas::export::north_angle_deg;
/// use bmd_atlas::geodesy::ProjectionKind;
/// use bmd_atlas::scene::MapView;
/// let europe = MapView::fit(ProjectionKind::EuropeEqualArea, [1600.0, 900.0]);
/// let a = north_angle_deg(&europe).expect("defined");
/// assert!(a.abs() < 20.0, "north is roughly up on the Europe map: {a}");
/// // The Arctic view is centred on the pole.
/// assert_eq!(north_angle_deg(&MapView::fit(ProjectionKind::ArcticPolar, [900.0, 900.0])), None);
/// ```
pub fn north_angle_deg(view: &MapView) -> Option<f32> {
    let [w, h] = view.size_px;
    let c = [w / 2.0, h / 2.0];
    let here = view.to_lon_lat(c)?;
    if here.y().abs() > 89.9 {
        return None;
    }
    let north = view.lon_lat_to_screen(geo::Point::new(here.x(), here.y() + 0.1))?;
    let (dx, dy) = (north[0] - c[0], north[1] - c[1]);
    if dx == 0.0 && dy == 0.0 {
        return None;
    }
    Some(dx.atan2(-dy).to_degrees())
}

/// Where each legend entry goes in a legend box `width` wide with `columns` columns.
struct LegendPlan {
    /// Per entry: offset of its row from the box's top-left, and its text lines.
    items: Vec<([f32; 2], Vec<String>)>,
    /// The box's height.
    height: f32,
}

/// The height of an entry of `lines` lines.
fn entry_height(lines: usize) -> f32 {
    LEGEND_ROW + lines.saturating_sub(1) as f32 * LEGEND_LINE
}

/// Lays entries out in `columns` columns of equal width, filled top to bottom and left to right
/// with about the same height each; long texts wrap within their column.
fn legend_plan(entries: &[&LegendEntry], width: f32, columns: usize) -> LegendPlan {
    let columns = columns.clamp(1, entries.len().max(1));
    let inner = (width - 2.0 * LEGEND_PAD).max(1.0);
    let col_w = inner / columns as f32;
    let spacing = if columns > 1 { 12.0 } else { 0.0 };
    let text_w = (col_w - spacing - SWATCH[0] - SWATCH_GAP).max(20.0);
    let lines: Vec<Vec<String>> = entries
        .iter()
        .map(|e| wrap(&e.text, LEGEND_FONT, text_w))
        .collect();
    let total: f32 = lines.iter().map(|l| entry_height(l.len())).sum();
    let target = total / columns as f32;
    let top = LEGEND_PAD + 22.0;
    let mut items = Vec::with_capacity(entries.len());
    let (mut col, mut y, mut tallest) = (0usize, 0.0f32, 0.0f32);
    for (i, l) in lines.into_iter().enumerate() {
        let h = entry_height(l.len());
        let entries_left = entries.len() - i;
        let columns_left = columns - col;
        // Start the next column when this one is full, or when the rest must fill the others.
        if y > 0.0
            && col + 1 < columns
            && (y + h > target + LEGEND_ROW / 2.0 || entries_left < columns_left)
        {
            col += 1;
            y = 0.0;
        }
        items.push(([col as f32 * col_w, top + y], l));
        y += h;
        tallest = tallest.max(y);
    }
    LegendPlan {
        items,
        height: top + tallest + LEGEND_PAD - 4.0,
    }
}

/// A legend band `width` wide: the fewest columns that keep it at most eight rows high, as long
/// as columns stay at least 190 pixels wide.
fn legend_band_plan(entries: &[&LegendEntry], width: f32) -> LegendPlan {
    let inner = width - 2.0 * LEGEND_PAD;
    let natural = entries
        .iter()
        .map(|e| SWATCH[0] + SWATCH_GAP + text_width(&e.text, LEGEND_FONT) + 12.0)
        .fold(0.0, f32::max);
    let max_columns = ((inner / 190.0).floor() as usize).max(1);
    let mut columns = ((inner / natural.max(1.0)).floor() as usize).clamp(1, max_columns);
    let mut plan = legend_plan(entries, width, columns);
    while columns < max_columns && plan.height > LEGEND_PAD + 22.0 + 8.0 * LEGEND_ROW + LEGEND_PAD {
        columns += 1;
        plan = legend_plan(entries, width, columns);
    }
    plan
}

fn legend(out: &mut String, entries: &[&LegendEntry], rect: [f32; 4], plan: &LegendPlan) {
    let [x, y, w, h] = rect;
    let _ = writeln!(
        out,
        "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#888888\" stroke-width=\"0.8\"/>",
        t(x),
        t(y),
        t(w),
        t(h)
    );
    text(
        out,
        "legend-title",
        [x + LEGEND_PAD, y + LEGEND_PAD + LEGEND_HEADER_FONT * 0.95],
        LEGEND_HEADER_FONT,
        "start",
        INK,
        "Legend",
    );
    for (e, (offset, lines)) in entries.iter().zip(&plan.items) {
        let [ex, ey] = [x + LEGEND_PAD + offset[0], y + offset[1]];
        if ey + entry_height(lines.len()) > y + h + 0.5 {
            continue; // no room: the box was clamped to the space there is
        }
        svg::write_swatch(
            out,
            &e.swatch,
            [
                ex,
                ey + (LEGEND_ROW - SWATCH[1]) / 2.0 - 1.0,
                SWATCH[0],
                SWATCH[1],
            ],
        );
        for (i, line) in lines.iter().enumerate() {
            text(
                out,
                "legend-entry",
                [
                    ex + SWATCH[0] + SWATCH_GAP,
                    ey + 14.0 + i as f32 * LEGEND_LINE,
                ],
                LEGEND_FONT,
                "start",
                INK,
                line,
            );
        }
    }
    out.push_str("</g>\n");
}

/// The source line, wrapped to at most two lines of `width`: Natural Earth, the scene's sources
/// (shortened, most-cited first, as many as fit), the analysis assumptions when an analysis layer
/// is drawn, "ranges approximate", and the projection.
pub(super) fn source_lines(panels: &[Panel<'_>], width: f32) -> Vec<String> {
    let mut sources = Vec::new();
    for p in panels {
        sources.extend(p.scene.sources.iter().cloned());
    }
    let names = super::short_sources(&sources);
    let mut projections: Vec<&str> = Vec::new();
    for p in panels {
        let name = p.scene.projection.projection().name();
        if !projections.contains(&name) {
            projections.push(name);
        }
    }
    let assumptions = panels
        .iter()
        .find_map(|p| p.scene.assumptions.as_deref())
        .map_or(String::new(), |a| format!(". {a}"));
    let tail = format!(
        "{assumptions}. Ranges approximate. Projection: {}.",
        if projections.is_empty() {
            "none".to_owned()
        } else {
            projections.join(", ")
        }
    );
    let compose = |shown: usize| {
        let mut s = String::from("Sources: Natural Earth");
        for n in &names[..shown] {
            s.push_str("; ");
            s.push_str(n);
        }
        if shown < names.len() {
            let _ = write!(s, "; and {} more in the scenario file", names.len() - shown);
        }
        s.push_str(&tail);
        s
    };
    let mut shown = names.len();
    loop {
        let lines = wrap(&compose(shown), SOURCE_FONT, width);
        if lines.len() <= SOURCE_MAX_LINES || shown == 0 {
            let mut lines = lines;
            if lines.len() > SOURCE_MAX_LINES {
                lines.truncate(SOURCE_MAX_LINES);
                if let Some(last) = lines.last_mut() {
                    *last = ellipsize(&format!("{last} …"), SOURCE_FONT, width);
                }
            }
            return lines;
        }
        shown -= 1;
    }
}

/// Greedy word wrap to `width` pixels at `size`.
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The text, shortened with an ellipsis to fit `width` pixels at `size`.
fn ellipsize(text: &str, size: f32, width: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let s: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
        if text_width(&s, size) <= width {
            return s;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text =
            "Sources: Natural Earth; KeepTrack.space; GeoNames; RIA Novosti; CSIS Missile Threat";
        let lines = wrap(text, 11.0, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for l in &lines[..lines.len() - 1] {
            assert!(text_width(l, 11.0) <= 150.0, "{l}");
        }
    }

    #[test]
    fn ellipsis_fits() {
        let s = ellipsize("Ballistic-missile defence in Europe, 2012", 16.0, 100.0);
        assert!(s.ends_with('…') && text_width(&s, 16.0) <= 100.0, "{s}");
        assert_eq!(ellipsize("short", 16.0, 100.0), "short");
    }
}
