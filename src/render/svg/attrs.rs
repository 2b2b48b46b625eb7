//! Attribute and number formatting shared by every SVG element: fill and stroke attributes,
//! `data-id`, numbers, coordinates in tenths of a pixel, and escaping.

use std::fmt::Write as _;

use crate::scene::style::{Rgba, Stroke};

/// ` data-id="…"`: which picture feature an element draws; nothing for map furniture.
pub(super) fn id_attr(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!(" data-id=\"{}\"", escape(id))
    }
}

/// ` fill="#rrggbb"` plus `fill-opacity` when not opaque.
pub(crate) fn fill_attrs(c: Rgba) -> String {
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
pub(crate) fn stroke_attrs(s: &Stroke) -> String {
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

pub(super) fn round_tenths(v: f64) -> i64 {
    let t = (v * 10.0).round();
    if t.is_finite() {
        t.clamp(-1e12, 1e12) as i64
    } else {
        0
    }
}

pub(super) fn push_tenths(out: &mut String, t: i64) {
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
