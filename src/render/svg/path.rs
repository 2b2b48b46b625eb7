//! Path geometry: relative path data rounded to tenths of a pixel, and the [`MapWriter`] that
//! projects, culls, clips and thins map geometry into it.

use std::fmt::Write as _;

use super::SvgOptions;
use super::SvgStats;
use super::attrs::{fill_attrs, id_attr, push_tenths, round_tenths, stroke_attrs};
use crate::basemap::{BoundsXy, Polyline};
use crate::geodesy::MapXy;
use crate::scene::MapView;
use crate::scene::style::{Rgba, Stroke};

/// Path data with absolute positions rounded to 0.1 px, written as relative moves between the
/// rounded positions (exact, and shorter than absolute numbers).
#[derive(Default)]
pub(super) struct PathData {
    pub(super) text: String,
    /// The current point, in tenths of a pixel.
    at: (i64, i64),
    /// Where the current subpath started: `z` returns there.
    subpath_start: (i64, i64),
    pub(super) points: usize,
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
    pub(super) fn line(&mut self, pts: &[[f64; 2]]) {
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
    pub(super) fn ring(&mut self, pts: &[[f64; 2]]) {
        if pts.len() < 3 {
            return;
        }
        self.line(pts);
        self.text.push('z');
        self.at = self.subpath_start;
    }
}

/// Writes one map: the view transform, culling and thinning, shared by every kind of geometry.
pub(super) struct MapWriter<'a> {
    pub(super) out: &'a mut String,
    view: &'a MapView,
    /// The picture plus the margin, pixels: geometry outside is culled.
    pub(super) frame: [f64; 4],
    /// The same box in projected metres, for culling by bounds.
    pub(super) visible: BoundsXy,
    step: f64,
    pub(super) stats: SvgStats,
}

impl<'a> MapWriter<'a> {
    pub(super) fn new(
        out: &'a mut String,
        view: &'a MapView,
        options: &SvgOptions,
    ) -> MapWriter<'a> {
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

    pub(super) fn screen(&self, p: MapXy) -> [f64; 2] {
        let v = self.view;
        [
            (p.x - v.centre.x) / v.metres_per_pixel + v.size_px[0] as f64 / 2.0,
            (v.centre.y - p.y) / v.metres_per_pixel + v.size_px[1] as f64 / 2.0,
        ]
    }

    /// Screen points, with those closer than the step to the last one kept dropped (the last
    /// point is always kept so lines end where they should).
    pub(super) fn thin(&self, pts: impl ExactSizeIterator<Item = [f64; 2]>) -> Vec<[f64; 2]> {
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

    pub(super) fn polylines(&mut self, class: &str, lines: &[Polyline], stroke: &Stroke) {
        let mut d = PathData::default();
        for line in lines.iter().filter(|l| l.bounds.intersects(&self.visible)) {
            self.runs(&line.points, false, &mut d);
        }
        self.emit(class, "", d, stroke);
    }

    pub(super) fn line(
        &mut self,
        class: &str,
        id: &str,
        points: &[MapXy],
        stroke: &Stroke,
        closed: bool,
    ) {
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

    /// Fills `outline` less `holes` (even-odd, so the holes' winding does not matter).
    pub(super) fn area_fill(
        &mut self,
        id: &str,
        outline: &[MapXy],
        holes: &[Vec<MapXy>],
        fill: Rgba,
    ) {
        let Some(bounds) = BoundsXy::of(outline) else {
            return;
        };
        if !bounds.intersects(&self.visible) {
            return;
        }
        let mut d = PathData::default();
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
        if d.text.is_empty() {
            return;
        }
        self.stats.points += d.points;
        let rule = if holes.is_empty() {
            ""
        } else {
            " fill-rule=\"evenodd\""
        };
        let _ = writeln!(
            self.out,
            "<path d=\"{}\"{}{rule}{}/>",
            d.text,
            fill_attrs(fill),
            id_attr(id)
        );
    }
}

/// Sutherland–Hodgman clipping of a ring to a box `[x0, y0, x1, y1]`. Inside the box the result
/// has the same winding number as the ring everywhere, which is all a fill needs.
pub(super) fn clip_ring(ring: &[[f64; 2]], [x0, y0, x1, y1]: [f64; 4]) -> Vec<[f64; 2]> {
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
