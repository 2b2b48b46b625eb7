//! Map symbols and legend swatches.

use std::fmt::Write as _;

use super::attrs::{escape, fill_attrs, id_attr, stroke_attrs, tenths};
use super::path::PathData;
use crate::render::geometry::{PathSink as _, symbol_outline};
use crate::render::military::{Detail, MilitaryPart, centred_at, military_parts};
use crate::scene::style::{Rgba, Stroke, SymbolShape};
use crate::symbology::Drawing;

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
            let mut d = PathData::default();
            d.ring(&symbol_outline(shape, at, radius));
            let _ = writeln!(out, "<path {class} d=\"{}\"{paint}/>", d.text);
        }
    }
}

/// Writes a military symbol's parts ([`crate::render::military::military_parts`]) as one group,
/// tagged as [`write_symbol`] tags a simple one (with `data-symbology="app6"`).
pub fn write_military(out: &mut String, parts: &[MilitaryPart], tag: Option<SymbolTag>) {
    let class = match tag {
        Some(t) => format!(
            "class=\"symbol\"{} data-name=\"{}\" data-symbology=\"app6\"",
            id_attr(t.id),
            escape(t.name)
        ),
        None => "class=\"swatch\" data-symbology=\"app6\"".to_owned(),
    };
    let _ = writeln!(out, "<g {class}>");
    for part in parts {
        let mut d = PathData::default();
        part.trace(&mut d);
        let fill = part
            .fill
            .map_or_else(|| " fill=\"none\"".to_owned(), fill_attrs);
        let stroke = part.stroke.as_ref().map_or_else(String::new, stroke_attrs);
        let _ = writeln!(out, "<path d=\"{}\"{fill}{stroke}/>", d.text);
    }
    out.push_str("</g>\n");
}

/// A sheet of military symbols as a standalone SVG document: one row per entry, the symbol
/// (its grid unit L `unit_px` pixels) and its caption beside it. For checking the symbols by
/// eye and as a golden file.
///
/// ```
/// use bmd_atlas::render::svg::symbol_sheet;
/// use bmd_atlas::symbology::Drawing;
/// let d = Drawing::of_code("10031000001301020000", false).unwrap();
/// let svg = symbol_sheet(&[("Air defence, friend".to_owned(), d)], 20.0);
/// assert!(svg.starts_with("<svg") && svg.contains("Air defence, friend"));
/// ```
pub fn symbol_sheet(entries: &[(String, Drawing)], unit_px: f32) -> String {
    let [width, height] = symbol_sheet_size(entries, unit_px);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"{}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        tenths(width as f64),
        tenths(height as f64),
        crate::font::FONT_FAMILY
    );
    let mut top = 0.0;
    for (caption, drawing) in entries {
        let row = sheet_row_px(drawing, unit_px);
        let y = top + row / 2.0;
        top += row;
        let at = centred_at(drawing, [2.0 * unit_px, y], unit_px);
        write_military(
            &mut out,
            &military_parts(drawing, at, unit_px, Detail::Whole),
            None,
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text>",
            tenths((4.0 * unit_px) as f64),
            tenths((y + 0.3 * unit_px) as f64),
            tenths((0.8 * unit_px) as f64),
            escape(caption)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The size `[width, height]` in pixels of [`symbol_sheet`] of `entries`.
pub fn symbol_sheet_size(entries: &[(String, Drawing)], unit_px: f32) -> [f32; 2] {
    let height: f32 = entries.iter().map(|(_, d)| sheet_row_px(d, unit_px)).sum();
    [36.0 * unit_px, height.max(4.4 * unit_px)]
}

/// A sheet row's height: 4.4 L, or the symbol's height and 1.2 L of room when it is taller
/// (amplifiers above, a headquarters staff below).
fn sheet_row_px(drawing: &Drawing, unit_px: f32) -> f32 {
    let [_, y0, _, y1] = drawing.bounds();
    (y1 - y0 + 1.2).max(4.4) * unit_px
}
