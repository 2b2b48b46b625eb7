//! Draws a scene as SVG: the back end of every export (PNG and PDF are made from this SVG).
//!
//! It mirrors [`super::egui_painter`]: the same drawing order (sea, land, borders, coastlines,
//! lines, area fills, area outlines, map texts, symbols, labels with a white halo), the same colours and
//! widths, the same culling by bounds, and the labels from [`place_labels`], so an export shows
//! what the window shows.
//!
//! Output is deterministic and portable: coordinates are rounded to 0.1 px (path data is relative,
//! made from the rounded absolute positions, so rounding never accumulates), every number is
//! formatted the same way on every OS, and text names the bundled font ([`FONT_FAMILY`]) only.
//!
//! Land is not written as the basemap's triangles: the outline of each triangulated polygon (its
//! boundary edges, which the triangles share with no other triangle) is rebuilt once per basemap
//! and written as one `fill-rule="nonzero"` path. That is about a third of the points, renders
//! faster, and cannot show hairline seams between triangles, which anti-aliased triangles do.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

use crate::basemap::{BoundsXy, FillMesh, Polyline, ProjectedBasemap};
use crate::font::FONT_FAMILY;
use crate::geodesy::MapXy;
use crate::scene::style::{self, Rgba, Stroke, SymbolShape};
use crate::scene::{MapView, PlacedLabel, Scene, Swatch, place_labels};

/// How a map is written.
///
/// ```
/// let options = bmd_atlas::render::svg::SvgOptions::default();
/// assert_eq!(options.min_step_px, 0.5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvgOptions {
    /// Line points closer than this (view pixels, in x and y) to the previous point kept are
    /// dropped. Exports pass half an output pixel, so nothing visible is lost.
    pub min_step_px: f32,
    /// Off-frame margin (view pixels) within which geometry is kept; beyond it, it is culled.
    pub margin_px: f32,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            min_step_px: 0.5,
            margin_px: 8.0,
        }
    }
}

/// What [`write_map`] drew.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SvgStats {
    /// Symbols written (those on the picture, as the window draws them).
    pub symbols: usize,
    /// Labels written.
    pub labels: usize,
    /// Points written in path data.
    pub points: usize,
}

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
    let mut w = MapWriter::new(out, view, options);
    let [width, height] = view.size_px;
    w.out.push_str("<g class=\"map\">\n");
    let _ = writeln!(
        w.out,
        "<rect class=\"sea\" width=\"{}\" height=\"{}\"{}/>",
        num(width),
        num(height),
        fill_attrs(style::SEA)
    );
    if let Some(base) = &scene.basemap {
        w.land(base);
        if scene.show_borders {
            w.polylines("borders", &base.borders, &Stroke::solid(0.8, style::BORDER));
        }
        w.polylines(
            "coastlines",
            &base.coastlines,
            &Stroke::solid(0.9, style::COAST),
        );
    }
    if !scene.lines.is_empty() {
        w.out
            .push_str("<g class=\"lines\" fill=\"none\" stroke-linejoin=\"round\">\n");
        for line in &scene.lines {
            w.line("", &line.id, &line.points, &line.stroke, false);
        }
        w.out.push_str("</g>\n");
    }
    if !scene.areas.is_empty() {
        w.out.push_str("<g class=\"area-fills\" stroke=\"none\">\n");
        for area in &scene.areas {
            w.area_fill(&area.id, &area.outline, area.fill);
        }
        w.out.push_str(
            "</g>\n<g class=\"area-outlines\" fill=\"none\" stroke-linejoin=\"round\">\n",
        );
        for area in &scene.areas {
            w.line("", &area.id, &area.outline, &area.stroke, true);
        }
        w.out.push_str("</g>\n");
    }
    if !scene.texts.is_empty() {
        write_map_texts(w.out, scene, view);
    }
    w.out
        .push_str("<g class=\"symbols\" stroke-linejoin=\"round\">\n");
    for symbol in &scene.symbols {
        let p = view.to_screen(symbol.at);
        let r = symbol.radius_px;
        // The window's rule: drawn when the centre is within a radius of the picture.
        if p[0] >= -r && p[1] >= -r && p[0] <= width + r && p[1] <= height + r {
            write_symbol(
                w.out,
                symbol.shape,
                p,
                r,
                symbol.fill,
                &symbol.stroke,
                Some(SymbolTag {
                    id: &symbol.id,
                    name: &symbol.name,
                }),
            );
            w.stats.symbols += 1;
        }
    }
    w.out.push_str("</g>\n");
    if !labels.is_empty() {
        write_labels(w.out, scene, labels);
        w.stats.labels = labels.len();
    }
    w.out.push_str("</g>\n");
    w.stats
}

/// Writes text fixed to map positions (sector names), centred on them, with the label halo.
fn write_map_texts(out: &mut String, scene: &Scene, view: &MapView) {
    let [width, height] = view.size_px;
    let halo = style::HALO;
    let _ = writeln!(
        out,
        "<g class=\"map-texts\" font-family=\"{}\" text-anchor=\"middle\" stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"2\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        FONT_FAMILY,
        halo.hex(),
        num(halo.opacity()),
    );
    for text in &scene.texts {
        let p = view.to_screen(text.at);
        let half = crate::font::text_width(&text.text, text.size_px) / 2.0;
        if p[0] < -half
            || p[0] > width + half
            || p[1] < -text.size_px
            || p[1] > height + text.size_px
        {
            continue;
        }
        // Centred on the point like the window's galley: the baseline 0.35 em below it.
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{}>{}</text>",
            tenths(p[0] as f64),
            tenths((p[1] + text.size_px * 0.35) as f64),
            num(text.size_px),
            fill_attrs(text.colour),
            id_attr(&text.id),
            escape(&text.text)
        );
    }
    out.push_str("</g>\n");
}

/// Writes labels with the window's white halo (a stroke painted under the fill).
fn write_labels(out: &mut String, scene: &Scene, labels: &[PlacedLabel]) {
    let halo = style::HALO;
    let _ = writeln!(
        out,
        "<g class=\"labels\" font-family=\"{}\"{} stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"2\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        FONT_FAMILY,
        fill_attrs(style::LABEL),
        halo.hex(),
        num(halo.opacity()),
    );
    for label in labels {
        // The window lays text out in a box 1.2 em high; DejaVu's baseline sits 0.95 em down it.
        let _ = writeln!(
            out,
            "<text class=\"label\" x=\"{}\" y=\"{}\" font-size=\"{}\"{}>{}</text>",
            tenths(label.top_left[0] as f64),
            tenths((label.top_left[1] + label.size_px * 0.95) as f64),
            num(label.size_px),
            id_attr(
                scene
                    .symbols
                    .get(label.symbol)
                    .map_or("", |s| s.id.as_str())
            ),
            escape(&label.text)
        );
    }
    out.push_str("</g>\n");
}

/// What a symbol on the map is: its picture feature's id and its name.
#[derive(Clone, Copy, Debug)]
pub struct SymbolTag<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// Writes one symbol centred on `at` (pixels), as the window draws it: filled (when `fill` is
/// set) and outlined. With a tag it gets `class="symbol"`, `data-id` and `data-name`; without
/// (legend swatches) `class="swatch"`.
///
/// ```
/// use bmd_atlas::render::svg::{SymbolTag, write_symbol};
/// use bmd_atlas::scene::style::{Rgba, Stroke, SymbolShape};
/// let mut out = String::new();
/// let red = Rgba::rgb(200, 0, 0);
/// let tag = SymbolTag { id: "site:a", name: "A & B" };
/// write_symbol(&mut out, SymbolShape::TriangleUp, [10.0, 10.0], 7.0, Some(red), &Stroke::solid(1.0, red), Some(tag));
/// assert!(out.contains("data-name=\"A &amp; B\"") && out.contains("fill=\"#c80000\""));
/// assert!(out.contains("data-id=\"site:a\""));
/// ```
pub fn write_symbol(
    out: &mut String,
    shape: SymbolShape,
    at: [f32; 2],
    radius: f32,
    fill: Option<Rgba>,
    stroke: &Stroke,
    tag: Option<SymbolTag>,
) {
    let class = match tag {
        Some(t) => format!(
            "class=\"symbol\"{} data-name=\"{}\"",
            id_attr(t.id),
            escape(t.name)
        ),
        None => "class=\"swatch\"".to_owned(),
    };
    let paint = format!(
        "{}{}",
        fill.map_or_else(|| " fill=\"none\"".to_owned(), fill_attrs),
        stroke_attrs(stroke)
    );
    match shape {
        SymbolShape::Circle | SymbolShape::Dot => {
            let _ = writeln!(
                out,
                "<circle {class} cx=\"{}\" cy=\"{}\" r=\"{}\"{paint}/>",
                tenths(at[0] as f64),
                tenths(at[1] as f64),
                tenths(radius as f64)
            );
        }
        _ => {
            let pts: Vec<[f64; 2]> = shape
                .outline()
                .into_iter()
                .map(|[x, y]| [(at[0] + x * radius) as f64, (at[1] + y * radius) as f64])
                .collect();
            let mut d = PathData::default();
            d.ring(&pts);
            let _ = writeln!(out, "<path {class} d=\"{}\"{paint}/>", d.text);
        }
    }
}

/// Draws a legend swatch into the box `[x, y, width, height]` as the window's legend panel does.
///
/// ```
/// use bmd_atlas::render::svg::write_swatch;
/// use bmd_atlas::scene::{Swatch, style::{Rgba, Stroke}};
/// let mut out = String::new();
/// write_swatch(&mut out, &Swatch::Line(Stroke::dashed(1.6, Rgba::rgb(0, 0, 0), 7.0, 5.0)), [0.0, 0.0, 24.0, 14.0]);
/// assert!(out.contains("stroke-dasharray=\"7 5\""));
/// ```
pub fn write_swatch(out: &mut String, swatch: &Swatch, rect: [f32; 4]) {
    let [x, y, w, h] = rect;
    let c = [x + w / 2.0, y + h / 2.0];
    match swatch {
        Swatch::Symbol {
            shape,
            fill,
            stroke,
        } => write_symbol(out, *shape, c, h * 0.4, *fill, stroke, None),
        Swatch::Area { fill, stroke } => {
            let _ = writeln!(
                out,
                "<rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"{}{}/>",
                tenths((x + 2.0 + stroke.width_px / 2.0) as f64),
                tenths((y + 2.0 + stroke.width_px / 2.0) as f64),
                tenths((w - 4.0 - stroke.width_px).max(0.0) as f64),
                tenths((h - 4.0 - stroke.width_px).max(0.0) as f64),
                fill_attrs(*fill),
                stroke_attrs(stroke)
            );
        }
        Swatch::Line(stroke) => {
            let _ = writeln!(
                out,
                "<path class=\"swatch\" d=\"M{} {}H{}\" fill=\"none\"{}/>",
                tenths((x + 2.0) as f64),
                tenths(c[1] as f64),
                tenths((x + w - 2.0) as f64),
                stroke_attrs(stroke)
            );
        }
    }
}

/// ` data-id="…"`: which picture feature an element draws; nothing for map furniture.
fn id_attr(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!(" data-id=\"{}\"", escape(id))
    }
}

/// ` fill="#rrggbb"` plus `fill-opacity` when not opaque.
fn fill_attrs(c: Rgba) -> String {
    if c.0[3] == 255 {
        format!(" fill=\"{}\"", c.hex())
    } else {
        format!(
            " fill=\"{}\" fill-opacity=\"{}\"",
            c.hex(),
            num(c.opacity())
        )
    }
}

/// Stroke colour, width, opacity and dashes as attributes.
fn stroke_attrs(s: &Stroke) -> String {
    let mut a = format!(
        " stroke=\"{}\" stroke-width=\"{}\"",
        s.colour.hex(),
        num(s.width_px)
    );
    if s.colour.0[3] != 255 {
        let _ = write!(a, " stroke-opacity=\"{}\"", num(s.colour.opacity()));
    }
    if let Some([on, off]) = s.dash {
        let _ = write!(a, " stroke-dasharray=\"{} {}\"", num(on), num(off));
    }
    a
}

/// A number with at most three decimals and no trailing zeros: `0.8`, `12`, `0.784`.
///
/// ```
/// assert_eq!(bmd_atlas::render::svg::num(0.80000001), "0.8");
/// assert_eq!(bmd_atlas::render::svg::num(12.0), "12");
/// ```
pub fn num(v: f32) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// A coordinate rounded to 0.1: `12.3`, `-0.5`, `7`.
///
/// ```
/// assert_eq!(bmd_atlas::render::svg::tenths(12.34), "12.3");
/// assert_eq!(bmd_atlas::render::svg::tenths(-0.46), "-0.5");
/// assert_eq!(bmd_atlas::render::svg::tenths(6.999), "7");
/// ```
pub fn tenths(v: f64) -> String {
    let mut s = String::new();
    push_tenths(&mut s, round_tenths(v));
    s
}

fn round_tenths(v: f64) -> i64 {
    let t = (v * 10.0).round();
    if t.is_finite() {
        t.clamp(-1e12, 1e12) as i64
    } else {
        0
    }
}

fn push_tenths(out: &mut String, t: i64) {
    if t < 0 {
        out.push('-');
    }
    let a = t.unsigned_abs();
    let _ = write!(out, "{}", a / 10);
    if !a.is_multiple_of(10) {
        out.push('.');
        out.push(char::from(b'0' + (a % 10) as u8));
    }
}

/// Escapes text for SVG content and attribute values: [`crate::format::xml_escape`].
///
/// ```
/// assert_eq!(bmd_atlas::render::svg::escape("<A & \"B\">"), "&lt;A &amp; &quot;B&quot;&gt;");
/// ```
pub fn escape(text: &str) -> String {
    crate::format::xml_escape(text)
}

/// Path data with absolute positions rounded to 0.1 px, written as relative moves between the
/// rounded positions (exact, and shorter than absolute numbers).
#[derive(Default)]
struct PathData {
    text: String,
    /// The current point, in tenths of a pixel.
    at: (i64, i64),
    /// Where the current subpath started: `z` returns there.
    subpath_start: (i64, i64),
    points: usize,
}

impl PathData {
    fn start(&mut self, p: [f64; 2]) {
        let q = (round_tenths(p[0]), round_tenths(p[1]));
        if self.text.is_empty() {
            self.text.push('M');
            push_tenths(&mut self.text, q.0);
            self.text.push(' ');
            push_tenths(&mut self.text, q.1);
        } else {
            self.text.push('m');
            push_tenths(&mut self.text, q.0 - self.at.0);
            self.text.push(' ');
            push_tenths(&mut self.text, q.1 - self.at.1);
        }
        self.at = q;
        self.subpath_start = q;
        self.points += 1;
    }

    /// Appends a line to `p`; returns false (writing nothing) when it rounds to the current point.
    fn line_to(&mut self, p: [f64; 2], first: bool) -> bool {
        let q = (round_tenths(p[0]), round_tenths(p[1]));
        if q == self.at {
            return false;
        }
        self.text.push(if first { 'l' } else { ' ' });
        push_tenths(&mut self.text, q.0 - self.at.0);
        self.text.push(' ');
        push_tenths(&mut self.text, q.1 - self.at.1);
        self.at = q;
        self.points += 1;
        true
    }

    /// An open polyline.
    fn line(&mut self, pts: &[[f64; 2]]) {
        let Some((first, rest)) = pts.split_first() else {
            return;
        };
        self.start(*first);
        let mut first_segment = true;
        for p in rest {
            if self.line_to(*p, first_segment) {
                first_segment = false;
            }
        }
    }

    /// A closed ring.
    fn ring(&mut self, pts: &[[f64; 2]]) {
        if pts.len() < 3 {
            return;
        }
        self.line(pts);
        self.text.push('z');
        self.at = self.subpath_start;
    }
}

/// Writes one map: the view transform, culling and thinning, shared by every kind of geometry.
struct MapWriter<'a> {
    out: &'a mut String,
    view: &'a MapView,
    /// The picture plus the margin, pixels: geometry outside is culled.
    frame: [f64; 4],
    /// The same box in projected metres, for culling by bounds.
    visible: BoundsXy,
    step: f64,
    stats: SvgStats,
}

impl<'a> MapWriter<'a> {
    fn new(out: &'a mut String, view: &'a MapView, options: &SvgOptions) -> MapWriter<'a> {
        let m = options.margin_px.max(0.0) as f64;
        let [w, h] = view.size_px;
        let grow = view.metres_per_pixel * m;
        let v = view.visible_bounds();
        MapWriter {
            out,
            view,
            frame: [-m, -m, w as f64 + m, h as f64 + m],
            visible: BoundsXy {
                min: MapXy {
                    x: v.min.x - grow,
                    y: v.min.y - grow,
                },
                max: MapXy {
                    x: v.max.x + grow,
                    y: v.max.y + grow,
                },
            },
            step: options.min_step_px.max(0.0) as f64,
            stats: SvgStats::default(),
        }
    }

    fn screen(&self, p: MapXy) -> [f64; 2] {
        let v = self.view;
        [
            (p.x - v.centre.x) / v.metres_per_pixel + v.size_px[0] as f64 / 2.0,
            (v.centre.y - p.y) / v.metres_per_pixel + v.size_px[1] as f64 / 2.0,
        ]
    }

    /// Screen points, with those closer than the step to the last one kept dropped (the last
    /// point is always kept so lines end where they should).
    fn thin(&self, pts: impl ExactSizeIterator<Item = [f64; 2]>) -> Vec<[f64; 2]> {
        let n = pts.len();
        let mut out: Vec<[f64; 2]> = Vec::with_capacity(n.min(4096));
        for (i, s) in pts.enumerate() {
            match out.last() {
                Some(last)
                    if i + 1 < n
                        && (s[0] - last[0]).abs() < self.step
                        && (s[1] - last[1]).abs() < self.step => {}
                _ => out.push(s),
            }
        }
        out
    }

    fn land(&mut self, base: &Arc<ProjectedBasemap>) {
        let outlines = land_outlines(base);
        let mut d = PathData::default();
        for (mesh, loops) in base.land.iter().zip(outlines.iter()) {
            if !mesh.bounds.intersects(&self.visible) {
                continue;
            }
            for ring in loops {
                let screen: Vec<[f64; 2]> = ring
                    .iter()
                    .map(|&i| self.screen(mesh.vertices[i as usize]))
                    .collect();
                let clipped = clip_ring(&screen, self.frame);
                let thinned = self.thin(clipped.into_iter());
                d.ring(&thinned);
            }
        }
        if !d.text.is_empty() {
            let _ = writeln!(
                self.out,
                "<path class=\"land\" d=\"{}\"{} fill-rule=\"nonzero\"/>",
                d.text,
                fill_attrs(style::LAND)
            );
        }
        self.stats.points += d.points;
    }

    fn polylines(&mut self, class: &str, lines: &[Polyline], stroke: &Stroke) {
        let mut d = PathData::default();
        for line in lines.iter().filter(|l| l.bounds.intersects(&self.visible)) {
            self.runs(&line.points, false, &mut d);
        }
        self.emit(class, "", d, stroke);
    }

    fn line(&mut self, class: &str, id: &str, points: &[MapXy], stroke: &Stroke, closed: bool) {
        let Some(bounds) = BoundsXy::of(points) else {
            return;
        };
        if !bounds.intersects(&self.visible) {
            return;
        }
        let mut d = PathData::default();
        self.runs(points, closed, &mut d);
        self.emit(class, id, d, stroke);
    }

    fn emit(&mut self, class: &str, id: &str, d: PathData, stroke: &Stroke) {
        if d.text.is_empty() {
            return;
        }
        self.stats.points += d.points;
        let class = if class.is_empty() {
            String::new()
        } else {
            format!("class=\"{class}\" ")
        };
        let extra = if class.is_empty() {
            ""
        } else {
            " fill=\"none\" stroke-linejoin=\"round\""
        };
        let _ = writeln!(
            self.out,
            "<path {class}d=\"{}\"{extra}{}{}/>",
            d.text,
            stroke_attrs(stroke),
            id_attr(id)
        );
    }

    /// Appends the parts of a line that cross the frame, thinned. A closed line that lies wholly
    /// in the frame stays one closed subpath.
    fn runs(&self, points: &[MapXy], closed: bool, d: &mut PathData) {
        let screen: Vec<[f64; 2]> = points.iter().map(|p| self.screen(*p)).collect();
        let [x0, y0, x1, y1] = self.frame;
        let inside = |a: [f64; 2], b: [f64; 2]| {
            a[0].max(b[0]) >= x0
                && a[0].min(b[0]) <= x1
                && a[1].max(b[1]) >= y0
                && a[1].min(b[1]) <= y1
        };
        let all_in = screen.windows(2).all(|s| inside(s[0], s[1]));
        if all_in {
            let thinned = self.thin(screen.into_iter());
            if closed && thinned.len() > 2 && thinned.first() == thinned.last() {
                d.ring(&thinned[..thinned.len() - 1]);
            } else if thinned.len() >= 2 {
                d.line(&thinned);
            }
            return;
        }
        let mut start: Option<usize> = None;
        for i in 0..screen.len().saturating_sub(1) {
            let keep = inside(screen[i], screen[i + 1]);
            match (keep, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    d.line(&self.thin(screen[s..=i].iter().copied()));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            d.line(&self.thin(screen[s..].iter().copied()));
        }
    }

    fn area_fill(&mut self, id: &str, outline: &[MapXy], fill: Rgba) {
        let Some(bounds) = BoundsXy::of(outline) else {
            return;
        };
        if !bounds.intersects(&self.visible) {
            return;
        }
        let screen: Vec<[f64; 2]> = outline.iter().map(|p| self.screen(*p)).collect();
        let clipped = clip_ring(&screen, self.frame);
        let mut d = PathData::default();
        d.ring(&self.thin(clipped.into_iter()));
        if d.text.is_empty() {
            return;
        }
        self.stats.points += d.points;
        let _ = writeln!(
            self.out,
            "<path d=\"{}\"{}{}/>",
            d.text,
            fill_attrs(fill),
            id_attr(id)
        );
    }
}

/// Sutherland–Hodgman clipping of a ring to a box `[x0, y0, x1, y1]`. Inside the box the result
/// has the same winding number as the ring everywhere, which is all a fill needs.
fn clip_ring(ring: &[[f64; 2]], [x0, y0, x1, y1]: [f64; 4]) -> Vec<[f64; 2]> {
    let all_in = ring
        .iter()
        .all(|p| p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1);
    if all_in {
        return ring.to_vec();
    }
    let mut pts = ring.to_vec();
    // (axis, bound, keep when below the bound?)
    for (axis, bound, below) in [(0, x0, false), (0, x1, true), (1, y0, false), (1, y1, true)] {
        if pts.is_empty() {
            break;
        }
        let is_in = |p: &[f64; 2]| {
            if below {
                p[axis] <= bound
            } else {
                p[axis] >= bound
            }
        };
        let cut = |a: [f64; 2], b: [f64; 2]| {
            let t = (bound - a[axis]) / (b[axis] - a[axis]);
            let mut q = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
            q[axis] = bound;
            q
        };
        let mut next = Vec::with_capacity(pts.len() + 4);
        let mut prev = pts[pts.len() - 1];
        for &p in &pts {
            match (is_in(&p), is_in(&prev)) {
                (true, true) => next.push(p),
                (true, false) => {
                    next.push(cut(prev, p));
                    next.push(p);
                }
                (false, true) => next.push(cut(prev, p)),
                (false, false) => {}
            }
            prev = p;
        }
        pts = next;
    }
    pts
}

/// For each land mesh, its outline as closed loops of vertex indices.
type Outlines = Vec<Vec<Vec<u32>>>;

/// The land outlines of a basemap, built once per basemap and kept while the basemap lives.
fn land_outlines(base: &Arc<ProjectedBasemap>) -> Arc<Outlines> {
    type Cache = Mutex<Vec<(Weak<ProjectedBasemap>, Arc<Outlines>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    {
        let mut entries = cache.lock().unwrap_or_else(PoisonError::into_inner);
        entries.retain(|(weak, _)| weak.strong_count() > 0);
        if let Some((_, hit)) = entries
            .iter()
            .find(|(weak, _)| std::ptr::eq(weak.as_ptr(), Arc::as_ptr(base)))
        {
            return Arc::clone(hit);
        }
    }
    let built: Arc<Outlines> = Arc::new(base.land.iter().map(mesh_outline).collect());
    let mut entries = cache.lock().unwrap_or_else(PoisonError::into_inner);
    entries.push((Arc::downgrade(base), Arc::clone(&built)));
    built
}

/// The boundary of a triangulated polygon as closed loops of vertex indices.
///
/// Every triangle is turned counter-clockwise (degenerate ones are dropped); an edge used by two
/// triangles runs both ways and cancels, so what is left is the polygon's boundary, oriented so
/// that the winding number is one inside and zero in holes. The loops are walked in sorted order,
/// so the result never depends on hashing or thread timing.
fn mesh_outline(mesh: &FillMesh) -> Vec<Vec<u32>> {
    let n = mesh.vertices.len();
    let mut edges: Vec<(u64, i32)> = Vec::with_capacity(mesh.indices.len());
    for t in mesh.indices.chunks_exact(3) {
        let (a, mut b, mut c) = (t[0], t[1], t[2]);
        if [a, b, c].iter().any(|&i| i as usize >= n) {
            continue;
        }
        let (pa, pb, pc) = (
            mesh.vertices[a as usize],
            mesh.vertices[b as usize],
            mesh.vertices[c as usize],
        );
        let cross = (pb.x - pa.x) * (pc.y - pa.y) - (pb.y - pa.y) * (pc.x - pa.x);
        if cross == 0.0 || !cross.is_finite() {
            continue;
        }
        if cross < 0.0 {
            std::mem::swap(&mut b, &mut c);
        }
        for (p, q) in [(a, b), (b, c), (c, a)] {
            if p < q {
                edges.push(((p as u64) << 32 | q as u64, 1));
            } else {
                edges.push(((q as u64) << 32 | p as u64, -1));
            }
        }
    }
    edges.sort_unstable_by_key(|e| e.0);
    // Directed boundary edges (from, to), each as often as its net count says.
    let mut boundary: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < edges.len() {
        let key = edges[i].0;
        let mut net = 0;
        while i < edges.len() && edges[i].0 == key {
            net += edges[i].1;
            i += 1;
        }
        let (lo, hi) = ((key >> 32) as u32, key as u32);
        for _ in 0..net.unsigned_abs() {
            boundary.push(if net > 0 { (lo, hi) } else { (hi, lo) });
        }
    }
    boundary.sort_unstable();
    // Compressed adjacency: the edges leaving each vertex, and a cursor over them.
    let mut first = vec![0usize; n + 1];
    for &(from, _) in &boundary {
        first[from as usize + 1] += 1;
    }
    for v in 0..n {
        first[v + 1] += first[v];
    }
    let mut cursor = first.clone();
    let mut loops = Vec::new();
    for e in 0..boundary.len() {
        let (from, _) = boundary[e];
        // Edges are taken in order per vertex, so an edge is unused iff the cursor has not passed it.
        if cursor[from as usize] > e {
            continue;
        }
        let start = from;
        let mut ring = vec![start];
        let mut v = start;
        loop {
            let c = cursor[v as usize];
            if c >= first[v as usize + 1] {
                break; // an open chain: only possible with a broken mesh
            }
            cursor[v as usize] += 1;
            v = boundary[c].1;
            if v == start {
                break;
            }
            ring.push(v);
        }
        if ring.len() >= 3 {
            loops.push(ring);
        }
    }
    loops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xy(x: f64, y: f64) -> MapXy {
        MapXy { x, y }
    }

    #[test]
    fn outline_of_a_square_with_a_hole_cancels_the_inner_edges() {
        // A 3×3 square with a 1×1 hole, triangulated by hand as 8 triangles of mixed winding.
        let v = vec![
            xy(0.0, 0.0),
            xy(3.0, 0.0),
            xy(3.0, 3.0),
            xy(0.0, 3.0),
            xy(1.0, 1.0),
            xy(2.0, 1.0),
            xy(2.0, 2.0),
            xy(1.0, 2.0),
        ];
        let indices = vec![
            0, 1, 5, 0, 5, 4, 1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 7, 4,
        ];
        let mesh = FillMesh {
            bounds: BoundsXy {
                min: xy(0.0, 0.0),
                max: xy(3.0, 3.0),
            },
            vertices: v,
            indices,
        };
        let loops = mesh_outline(&mesh);
        assert_eq!(loops.len(), 2, "{loops:?}");
        assert_eq!(loops[0], vec![0, 1, 2, 3], "outer ring counter-clockwise");
        assert_eq!(loops[1], vec![4, 7, 6, 5], "hole clockwise");
    }

    #[test]
    fn clipping_keeps_a_box_covered_by_a_big_ring() {
        let ring = [
            [-100.0, -100.0],
            [100.0, -100.0],
            [100.0, 100.0],
            [-100.0, 100.0],
        ];
        let clipped = clip_ring(&ring, [0.0, 0.0, 10.0, 10.0]);
        assert_eq!(clipped.len(), 4);
        assert!(
            clipped
                .iter()
                .all(|p| (0.0..=10.0).contains(&p[0]) && (0.0..=10.0).contains(&p[1]))
        );
        assert!(clip_ring(&ring.map(|[x, y]| [x + 500.0, y]), [0.0, 0.0, 10.0, 10.0]).is_empty());
    }

    #[test]
    fn path_data_is_relative_between_rounded_points() {
        let mut d = PathData::default();
        d.line(&[[10.04, 20.0], [10.06, 20.0], [10.16, 19.94], [10.17, 19.91]]);
        // 10.06 rounds to 10.1, 10.16 to 10.2, 19.94 to 19.9; the last rounds to the current point.
        assert_eq!(d.text, "M10 20l0.1 0 0.1 -0.1");
        d.ring(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]);
        assert_eq!(d.text, "M10 20l0.1 0 0.1 -0.1m-10.2 -19.9l1 0 0 1z");
        // After `z` the current point is the ring's start, so the next move is relative to it.
        d.ring(&[[5.0, 5.0], [6.0, 5.0], [6.0, 6.0]]);
        assert!(d.text.ends_with("0 1zm5 5l1 0 0 1z"), "{}", d.text);
    }
}
