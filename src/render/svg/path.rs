//! SVG path data, relative and rounded to tenths of a pixel, and the [`MapOut`] that writes the
//! shared map geometry ([`crate::render::geometry`]) as `<path>` elements.

use std::fmt::Write as _;

use super::attrs::{fill_attrs, id_attr, push_tenths, round_tenths, stroke_attrs};
use crate::render::geometry::{MapOut, PathSink};
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
    /// Whether the current subpath has a line yet (the first is `l`, the rest follow it).
    has_line: bool,
    points: usize,
}

impl PathSink for PathData {
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
        self.has_line = false;
        self.points += 1;
    }

    fn line_to(&mut self, p: [f64; 2]) -> bool {
        let q = (round_tenths(p[0]), round_tenths(p[1]));
        if q == self.at {
            return false;
        }
        self.text.push(if self.has_line { ' ' } else { 'l' });
        push_tenths(&mut self.text, q.0 - self.at.0);
        self.text.push(' ');
        push_tenths(&mut self.text, q.1 - self.at.1);
        self.at = q;
        self.has_line = true;
        self.points += 1;
        true
    }

    fn close(&mut self) {
        self.text.push('z');
        self.at = self.subpath_start;
    }

    fn points(&self) -> usize {
        self.points
    }
}

/// Map geometry written as `<path>` elements into a string.
pub(super) struct SvgOut<'a> {
    pub(super) out: &'a mut String,
}

impl MapOut for SvgOut<'_> {
    type Path = PathData;

    fn path(&self) -> PathData {
        PathData::default()
    }

    fn stroke(&mut self, class: &str, id: &str, d: PathData, stroke: &Stroke) {
        let (class, extra) = if class.is_empty() {
            (String::new(), "")
        } else {
            (
                format!("class=\"{class}\" "),
                " fill=\"none\" stroke-linejoin=\"round\"",
            )
        };
        let _ = writeln!(
            self.out,
            "<path {class}d=\"{}\"{extra}{}{}/>",
            d.text,
            stroke_attrs(stroke),
            id_attr(id)
        );
    }

    fn fill(&mut self, class: &str, id: &str, d: PathData, fill: Rgba, even_odd: bool) {
        // A named fill (land) states its rule; an area's is even-odd only with holes.
        let (class, rule) = match (class.is_empty(), even_odd) {
            (_, true) => (String::new(), " fill-rule=\"evenodd\""),
            (true, false) => (String::new(), ""),
            (false, false) => (format!("class=\"{class}\" "), " fill-rule=\"nonzero\""),
        };
        let _ = writeln!(
            self.out,
            "<path {class}d=\"{}\"{}{rule}{}/>",
            d.text,
            fill_attrs(fill),
            id_attr(id)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
