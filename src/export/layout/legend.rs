//! The legend: which entries, how they are laid out in a column or a band, and the legend
//! drawn.

use super::ink::{Ink, Paint};
use super::text::wrap;
use super::{GAP, INK, Panel, WHITE};
use crate::font::text_width;
use crate::render::geometry::TextAnchor;
use crate::render::military::{Detail, centred_at, military_parts, swatch_unit_px};
use crate::scene::style::Rgba;
use crate::scene::{LegendEntry, Swatch};

const LEGEND_FONT: f32 = 13.0;
const LEGEND_HEADER_FONT: f32 = 14.0;
const LEGEND_ROW: f32 = 20.0;
const LEGEND_LINE: f32 = 16.0;
const LEGEND_PAD: f32 = 10.0;
const SWATCH: [f32; 2] = [24.0, 14.0];
const SWATCH_GAP: f32 = 8.0;

/// The legend entries of all panels, each text once, in first-seen order.
pub(super) fn legend_entries<'a>(panels: &[Panel<'a>]) -> Vec<&'a LegendEntry> {
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

/// Where each legend entry goes in a legend box `width` wide with `columns` columns.
pub(super) struct LegendPlan {
    /// Per entry: offset of its row from the box's top-left, and its text lines.
    items: Vec<([f32; 2], Vec<String>)>,
    /// The box's height.
    pub(super) height: f32,
}

/// The height of an entry of `lines` lines.
fn entry_height(lines: usize) -> f32 {
    LEGEND_ROW + lines.saturating_sub(1) as f32 * LEGEND_LINE
}

/// Lays entries out in `columns` columns of equal width, filled top to bottom and left to right
/// with about the same height each; long texts wrap within their column.
pub(super) fn legend_plan(entries: &[&LegendEntry], width: f32, columns: usize) -> LegendPlan {
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
pub(super) fn legend_band_plan(entries: &[&LegendEntry], width: f32) -> LegendPlan {
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

/// Draws the legend box `rect` with its entries where `plan` puts them.
pub(super) fn legend(
    ink: &mut dyn Ink,
    entries: &[&LegendEntry],
    rect: [f32; 4],
    plan: &LegendPlan,
) {
    let [x, y, _, h] = rect;
    ink.begin("legend", [0.0, 0.0], 0.0);
    let frame = Paint::filled_outlined(WHITE, Rgba::rgb(0x88, 0x88, 0x88), 0.8);
    ink.rect("", rect, 0.0, frame);
    ink.text(
        "legend-title",
        [x + LEGEND_PAD, y + LEGEND_PAD + LEGEND_HEADER_FONT * 0.95],
        LEGEND_HEADER_FONT,
        TextAnchor::Start,
        INK,
        "Legend",
    );
    for (e, (offset, lines)) in entries.iter().zip(&plan.items) {
        let [ex, ey] = [x + LEGEND_PAD + offset[0], y + offset[1]];
        if ey + entry_height(lines.len()) > y + h + 0.5 {
            continue; // no room: the box was clamped to the space there is
        }
        let swatch_y = ey + (LEGEND_ROW - SWATCH[1]) / 2.0 - 1.0;
        swatch(ink, &e.swatch, [ex, swatch_y, SWATCH[0], SWATCH[1]]);
        for (i, line) in lines.iter().enumerate() {
            ink.text(
                "legend-entry",
                [
                    ex + SWATCH[0] + SWATCH_GAP,
                    ey + 14.0 + i as f32 * LEGEND_LINE,
                ],
                LEGEND_FONT,
                TextAnchor::Start,
                INK,
                line,
            );
        }
    }
    ink.end();
}

/// A legend swatch in the box `[x, y, width, height]`, as the window's legend panel draws it:
/// the symbol, a patch of the area's fill and outline, a stretch of the line, or the military
/// symbol fitted in.
fn swatch(ink: &mut dyn Ink, swatch: &Swatch, [x, y, w, h]: [f32; 4]) {
    let centre = [x + w / 2.0, y + h / 2.0];
    match swatch {
        Swatch::Symbol {
            shape,
            fill,
            stroke,
        } => ink.symbol(*shape, centre, h * 0.4, *fill, stroke),
        Swatch::Area { fill, stroke } => {
            let inset = 2.0 + stroke.width_px / 2.0;
            let patch = [
                x + inset,
                y + inset,
                (w - 2.0 * inset).max(0.0),
                (h - 2.0 * inset).max(0.0),
            ];
            let paint = Paint {
                fill: Some(*fill),
                stroke: Some(*stroke),
            };
            ink.rect("swatch", patch, 2.0, paint);
        }
        Swatch::Line(stroke) => {
            ink.line(
                "swatch",
                [x + 2.0, centre[1]],
                [x + w - 2.0, centre[1]],
                *stroke,
            );
        }
        Swatch::Military(drawing) => {
            let unit = swatch_unit_px(drawing, [w, h]);
            let at = centred_at(drawing, centre, unit);
            ink.military(&military_parts(drawing, at, unit, Detail::Whole));
        }
    }
}

/// Where the legend goes in `area` (a column at the right when `column`, else a band at the
/// bottom; none without entries), and the area left for the maps.
pub(super) fn place_legend(
    entries: &[&LegendEntry],
    area: [f32; 4],
    column: bool,
    page_width: f32,
) -> (Option<[f32; 4]>, [f32; 4]) {
    let mut frames_area = area;
    if entries.is_empty() {
        return (None, frames_area);
    }
    let legend = if column {
        let widest = entries
            .iter()
            .map(|e| text_width(&e.text, LEGEND_FONT))
            .fold(text_width("Legend", LEGEND_HEADER_FONT), f32::max);
        let lw = (widest + SWATCH[0] + SWATCH_GAP + 2.0 * LEGEND_PAD)
            .clamp(150.0, (0.32 * page_width).max(150.0));
        let lh = legend_plan(entries, lw, 1).height.min(area[3]);
        frames_area[2] = (area[2] - lw - GAP).max(1.0);
        [area[0] + area[2] - lw, area[1], lw, lh]
    } else {
        let bh = legend_band_plan(entries, area[2]).height.min(area[3] * 0.5);
        frames_area[3] = (area[3] - bh - GAP).max(1.0);
        [area[0], area[1] + area[3] - bh, area[2], bh]
    };
    (Some(legend), frames_area)
}
