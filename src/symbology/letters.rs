//! Letters as strokes, for the icons and modifiers the standard sets in text (C2, DD, CG, MD,
//! BM): a small sans-serif alphabet of just the letters used, so every back end draws them as
//! lines, without a font.

use super::frame::GridPoint;

/// Points of a flattened arc.
const STEPS: usize = 16;

/// `text` as strokes, its capitals `cap` L tall, centred across on the symbol's point and
/// upright on `centre_y`.
pub(super) fn letters(text: &str, cap: f32, centre_y: f32) -> Vec<Vec<GridPoint>> {
    const GAP: f32 = 0.18;
    let glyphs: Vec<(f32, Vec<Vec<GridPoint>>)> = text.chars().filter_map(glyph).collect();
    let width: f32 =
        glyphs.iter().map(|(w, _)| w).sum::<f32>() + GAP * glyphs.len().saturating_sub(1) as f32;
    let mut x = -width * cap / 2.0;
    let mut out = Vec::new();
    for (w, strokes) in glyphs {
        for stroke in strokes {
            out.push(
                stroke
                    .iter()
                    .map(|p| [x + p[0] * cap, centre_y + (p[1] - 0.5) * cap])
                    .collect(),
            );
        }
        x += (w + GAP) * cap;
    }
    out
}

/// A letter's strokes in a box 1 tall (y down from the cap line), and its width.
fn glyph(c: char) -> Option<(f32, Vec<Vec<GridPoint>>)> {
    let arc = |cx: f32, cy: f32, rx: f32, ry: f32, from: f32, to: f32| -> Vec<GridPoint> {
        (0..=STEPS)
            .map(|i| {
                let a = (from + (to - from) * i as f32 / STEPS as f32).to_radians();
                [cx + rx * a.cos(), cy + ry * a.sin()]
            })
            .collect()
    };
    Some(match c {
        // An open ring, from the upper right round the left to the lower right.
        'C' => (0.7, vec![arc(0.37, 0.5, 0.37, 0.5, -45.0, -315.0)]),
        'G' => {
            // The C's ring closed round to the right middle, then a bar in.
            let mut g = arc(0.37, 0.5, 0.37, 0.5, -45.0, -360.0);
            g.push([0.42, 0.5]);
            (0.74, vec![g])
        }
        'B' => {
            let bowl = |top: f32, bottom: f32, reach: f32| {
                let r = (bottom - top) / 2.0;
                let mut b = vec![[0.0, top], [reach - r, top]];
                b.extend(arc(reach - r, top + r, r, r, -90.0, 90.0));
                b.push([0.0, bottom]);
                b
            };
            let stem = vec![[0.0, 0.0], [0.0, 1.0]];
            (
                0.62,
                vec![stem, bowl(0.0, 0.48, 0.56), bowl(0.48, 1.0, 0.62)],
            )
        }
        'D' => {
            let mut d = vec![[0.0, 1.0], [0.0, 0.0], [0.25, 0.0]];
            d.extend(arc(0.25, 0.5, 0.45, 0.5, -90.0, 90.0));
            d.push([0.0, 1.0]);
            (0.7, vec![d])
        }
        'M' => (
            0.75,
            vec![vec![
                [0.0, 1.0],
                [0.0, 0.0],
                [0.375, 0.7],
                [0.75, 0.0],
                [0.75, 1.0],
            ]],
        ),
        '2' => {
            let mut d = arc(0.3, 0.3, 0.3, 0.3, -160.0, 30.0);
            d.extend([[0.0, 1.0], [0.62, 1.0]]);
            (0.62, vec![d])
        }
        _ => return None,
    })
}
