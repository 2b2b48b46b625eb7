//! Map geometry as every export back end draws it: projected to the picture's pixels, culled by
//! bounds, clipped to the picture plus a margin, and thinned to half an output pixel. The SVG
//! writer and the direct rasteriser both go through [`MapWriter`], so a PNG shows exactly the
//! geometry the SVG holds.

use crate::basemap::{BoundsXy, Polyline, ProjectedBasemap};
use crate::geodesy::MapXy;
use crate::scene::style::{self, Rgba, Stroke, SymbolShape};
use crate::scene::{MapText, MapView, PlacedLabel, Symbol};

/// How a map is drawn.
///
/// ```
/// let options = bmd_atlas::render::MapOptions::default();
/// assert_eq!(options.min_step_px, 0.5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapOptions {
    /// Line points closer than this (view pixels, in x and y) to the previous point kept are
    /// dropped. Exports pass half an output pixel, so nothing visible is lost.
    pub min_step_px: f32,
    /// Off-frame margin (view pixels) within which geometry is kept; beyond it, it is culled.
    pub margin_px: f32,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            min_step_px: 0.5,
            margin_px: 8.0,
        }
    }
}

/// What a map drawing drew.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MapStats {
    /// Symbols drawn (those on the picture, as the window draws them).
    pub symbols: usize,
    /// Labels drawn.
    pub labels: usize,
    /// Points drawn in paths.
    pub points: usize,
}

/// A path being built, in picture pixels: SVG path data, or a rasteriser's path.
pub trait PathSink {
    /// Starts a subpath at `p`.
    fn start(&mut self, p: [f64; 2]);
    /// A line to `p`; false (adding nothing) when `p` is where the path already is.
    fn line_to(&mut self, p: [f64; 2]) -> bool;
    /// Closes the current subpath.
    fn close(&mut self);
    /// Points added so far.
    fn points(&self) -> usize;

    /// An open polyline.
    fn line(&mut self, pts: &[[f64; 2]]) {
        let Some((first, rest)) = pts.split_first() else {
            return;
        };
        self.start(*first);
        for p in rest {
            self.line_to(*p);
        }
    }

    /// A closed ring (fewer than three points draw nothing).
    fn ring(&mut self, pts: &[[f64; 2]]) {
        if pts.len() < 3 {
            return;
        }
        self.line(pts);
        self.close();
    }
}

/// Where [`MapWriter`] sends finished paths: one back end.
pub trait MapOut {
    type Path: PathSink;
    /// An empty path.
    fn path(&self) -> Self::Path;
    /// Strokes `path` (`class` names basemap lines, `id` the picture feature it draws).
    fn stroke(&mut self, class: &str, id: &str, path: Self::Path, stroke: &Stroke);
    /// Fills `path`, even-odd when `even_odd` (areas with holes), else non-zero.
    fn fill(&mut self, class: &str, id: &str, path: Self::Path, fill: Rgba, even_odd: bool);
}

/// Projects, culls, clips and thins map geometry into a [`MapOut`].
pub struct MapWriter<'a, O: MapOut> {
    pub out: O,
    view: &'a MapView,
    /// The picture plus the margin, pixels: geometry outside is culled.
    frame: [f64; 4],
    /// The same box in projected metres, for culling by bounds.
    visible: BoundsXy,
    step: f64,
    pub stats: MapStats,
}

impl<'a, O: MapOut> MapWriter<'a, O> {
    pub fn new(out: O, view: &'a MapView, options: &MapOptions) -> MapWriter<'a, O> {
        let m = options.margin_px.max(0.0) as f64;
        let [w, h] = view.size_px;
        MapWriter {
            out,
            view,
            frame: [-m, -m, w as f64 + m, h as f64 + m],
            visible: view.visible_bounds().grown(view.metres_per_pixel * m),
            step: options.min_step_px.max(0.0) as f64,
            stats: MapStats::default(),
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

    /// Basemap lines (borders, coastlines) as one stroked path.
    fn polylines(&mut self, class: &str, lines: &[Polyline], stroke: &Stroke) {
        let mut d = self.out.path();
        for line in lines.iter().filter(|l| l.bounds.intersects(&self.visible)) {
            self.runs(&line.points, false, &mut d);
        }
        self.emit_stroke(class, "", d, stroke);
    }

    /// One line of the picture (`closed`: an area's outline ring).
    pub fn line(&mut self, id: &str, points: &[MapXy], stroke: &Stroke, closed: bool) {
        let Some(bounds) = BoundsXy::of(points) else {
            return;
        };
        if !bounds.intersects(&self.visible) {
            return;
        }
        let mut d = self.out.path();
        self.runs(points, closed, &mut d);
        self.emit_stroke("", id, d, stroke);
    }

    fn emit_stroke(&mut self, class: &str, id: &str, d: O::Path, stroke: &Stroke) {
        if d.points() == 0 {
            return;
        }
        self.stats.points += d.points();
        self.out.stroke(class, id, d, stroke);
    }

    /// Appends the parts of a line that cross the frame, thinned. A closed line that lies wholly
    /// in the frame stays one closed subpath.
    fn runs(&self, points: &[MapXy], closed: bool, d: &mut O::Path) {
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

    /// Fills `outline` less `holes` (even-odd, so the holes' winding does not matter).
    pub fn area_fill(&mut self, id: &str, outline: &[MapXy], holes: &[Vec<MapXy>], fill: Rgba) {
        let Some(bounds) = BoundsXy::of(outline) else {
            return;
        };
        if !bounds.intersects(&self.visible) {
            return;
        }
        let mut d = self.out.path();
        for ring in std::iter::once(outline).chain(holes.iter().map(Vec::as_slice)) {
            let screen: Vec<[f64; 2]> = ring.iter().map(|p| self.screen(*p)).collect();
            let clipped = clip_ring(&screen, self.frame);
            let thinned = self.thin(clipped.iter().copied());
            // A ring smaller than the thinning step keeps its points, so it is still filled.
            d.ring(if thinned.len() > 3 {
                &thinned
            } else {
                &clipped
            });
        }
        if d.points() == 0 {
            return;
        }
        self.stats.points += d.points();
        self.out.fill("", id, d, fill, !holes.is_empty());
    }

    /// The basemap: land, then its borders (when `show_borders`), then its coastlines.
    pub fn basemap(&mut self, base: &ProjectedBasemap, show_borders: bool) {
        self.land(base, style::LAND);
        if show_borders {
            self.polylines("borders", &base.borders, &style::BORDER_STROKE);
        }
        self.polylines("coastlines", &base.coastlines, &style::COAST_STROKE);
    }

    /// Land: every visible piece's rings, filled as one non-zero path (pieces abut along their
    /// cuts, and one path cannot show seams there as pieces filled one by one would).
    fn land(&mut self, base: &ProjectedBasemap, fill: Rgba) {
        let mut d = self.out.path();
        for piece in base
            .land
            .iter()
            .filter(|p| p.bounds.intersects(&self.visible))
        {
            for ring in &piece.rings {
                let screen: Vec<[f64; 2]> = ring.iter().map(|&p| self.screen(p)).collect();
                let clipped = clip_ring(&screen, self.frame);
                let thinned = self.thin(clipped.into_iter());
                d.ring(&thinned);
            }
        }
        if d.points() > 0 {
            self.stats.points += d.points();
            self.out.fill("land", "", d, fill, false);
        }
    }
}

/// Which point of a line of text its position gives, along the baseline (SVG's
/// `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextAnchor {
    /// The text starts there.
    Start,
    /// The text is centred on it.
    Middle,
    /// The text ends there.
    End,
}

impl TextAnchor {
    /// How far back from its position a text `advance_px` wide starts.
    ///
    /// ```
    /// use bmd_atlas::render::geometry::TextAnchor;
    /// assert_eq!(TextAnchor::Middle.lead_px(40.0), 20.0);
    /// assert_eq!(TextAnchor::End.lead_px(40.0), 40.0);
    /// ```
    pub fn lead_px(self, advance_px: f32) -> f32 {
        match self {
            TextAnchor::Start => 0.0,
            TextAnchor::Middle => advance_px / 2.0,
            TextAnchor::End => advance_px,
        }
    }
}

/// Where a map text (a sector name, a ring's label) centred on `p` (its place on screen,
/// [`crate::scene::map_text_centres`]) is set: the middle of its baseline, 0.35 em below
/// (centred on the point, as the window's galley is), in tenths of a pixel as the SVG writes
/// it; `None` when the text lies wholly outside the picture. The one rule both back ends follow.
pub fn map_text_baseline(text: &MapText, p: [f32; 2], view: &MapView) -> Option<[f32; 2]> {
    let [width, height] = view.size_px;
    let half = crate::font::text_width(&text.text, text.size_px) / 2.0;
    let outside =
        p[0] < -half || p[0] > width + half || p[1] < -text.size_px || p[1] > height + text.size_px;
    (!outside).then(|| [tenths(p[0]), tenths(p[1] + text.size_px * 0.35)])
}

/// Where a placed label's baseline starts: the window lays text out in a box 1.2 em high, and
/// DejaVu's baseline sits 0.95 em down it. In tenths of a pixel, as the SVG writes it.
pub fn label_baseline(label: &PlacedLabel) -> [f32; 2] {
    [
        tenths(label.top_left[0]),
        tenths(label.top_left[1] + label.size_px * 0.95),
    ]
}

/// Where a symbol is drawn on the picture, or `None` when it is not: the window's rule, its
/// centre within a radius of the picture.
pub fn symbol_at(symbol: &Symbol, view: &MapView) -> Option<[f32; 2]> {
    let [width, height] = view.size_px;
    let p = view.to_screen(symbol.at);
    let r = symbol.radius_px;
    (p[0] >= -r && p[1] >= -r && p[0] <= width + r && p[1] <= height + r).then_some(p)
}

/// The outline of a symbol's shape centred on `at`, `radius` pixels big (the shape's unit
/// outline scaled and placed).
pub fn symbol_outline(shape: SymbolShape, at: [f32; 2], radius: f32) -> Vec<[f64; 2]> {
    shape
        .outline()
        .into_iter()
        .map(|[x, y]| [(at[0] + x * radius) as f64, (at[1] + y * radius) as f64])
        .collect()
}

/// `v` rounded to a tenth.
fn tenths(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

/// Sutherland–Hodgman clipping of a ring to a box `[x0, y0, x1, y1]`. Inside the box the result
/// has the same winding number as the ring everywhere, which is all a fill needs.
pub fn clip_ring(ring: &[[f64; 2]], [x0, y0, x1, y1]: [f64; 4]) -> Vec<[f64; 2]> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
