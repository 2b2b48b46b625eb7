//! Where the map's fixed texts go on screen: a sector name at its place; an annotation's label
//! (a range ring's, at the ring's top) there too unless a symbol is, when it moves just above,
//! below or beside its place: the first of those that clears every symbol, else the first
//! that covers only cities.

use super::label_grid::{Rect, Taken};
use super::labels::symbols_on_screen;
use super::{MapText, MapView, Scene, style};
use crate::font::text_width;
use crate::scenario::SiteKind;

/// The centre on screen (pixels) of each of `scene`'s map texts in `view`, in order.
pub fn map_text_centres(scene: &Scene, view: &MapView) -> Vec<[f32; 2]> {
    map_text_centres_among(scene, view, &symbols_on_screen(scene, view))
}

/// [`map_text_centres`] with the symbols on screen (`symbols_on_screen`) found already.
pub(super) fn map_text_centres_among(
    scene: &Scene,
    view: &MapView,
    on_screen: &[(usize, [f32; 2])],
) -> Vec<[f32; 2]> {
    let placed: Vec<[f32; 2]> = scene.texts.iter().map(|t| view.to_screen(t.at)).collect();
    // Each movable text's places to try, in order, and its size.
    let tries: Vec<(usize, [[f32; 2]; 11], [f32; 2])> = scene
        .texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.movable)
        .map(|(i, t)| {
            let size = text_size(t);
            (i, choices(placed[i], size), size)
        })
        .collect();
    if tries.is_empty() {
        return placed;
    }
    // Only the symbols in view that one of those places could cover can be in the way.
    let reach = tries
        .iter()
        .flat_map(|(_, cs, size)| cs.iter().map(|c| text_rect(*c, *size)))
        .reduce(|a, b| Rect {
            min: [a.min[0].min(b.min[0]), a.min[1].min(b.min[1])],
            max: [a.max[0].max(b.max[0]), a.max[1].max(b.max[1])],
        });
    let mut symbols = Taken::new(view.size_px);
    for &(i, p) in on_screen {
        let [x0, y0, x1, y1] = scene.symbols[i].extent_px();
        let rect = Rect {
            min: [p[0] + x0, p[1] + y0],
            max: [p[0] + x1, p[1] + y1],
        };
        if reach.is_some_and(|r| r.overlaps(&rect)) {
            symbols.push(rect, scene.symbols[i].priority);
        }
    }
    // The first place that covers no symbol, else the first that covers cities only, else its
    // place.
    let lowest_site = style::label_priority(SiteKind::Other);
    let mut out = placed;
    for (i, cs, size) in tries {
        let cost = |c: [f32; 2]| match symbols.highest(&text_rect(c, size)) {
            None => 0,
            Some(p) if p < lowest_site => 1,
            Some(_) => 2,
        };
        if let Some(best) = cs.into_iter().min_by_key(|c| cost(*c)) {
            out[i] = best;
        }
    }
    out
}

/// Where a movable text `[w, h]` placed at `p` may go, in order: its place, just above, below,
/// right of and left of it, the four diagonals, then twice as far up and down.
fn choices(p: [f32; 2], [w, h]: [f32; 2]) -> [[f32; 2]; 11] {
    let (dy, dx) = (0.6 * h + 1.0, 0.5 * w + 4.0);
    [
        [0.0, 0.0],
        [0.0, -dy],
        [0.0, dy],
        [dx, 0.0],
        [-dx, 0.0],
        [dx, -dy],
        [-dx, -dy],
        [dx, dy],
        [-dx, dy],
        [0.0, -2.0 * dy],
        [0.0, 2.0 * dy],
    ]
    .map(|[sx, sy]| [p[0] + sx, p[1] + sy])
}

/// A map text's box, pixels: its width and 1.2 em.
pub(super) fn text_size(text: &MapText) -> [f32; 2] {
    [text_width(&text.text, text.size_px), text.size_px * 1.2]
}

/// The box of a text `[w, h]` centred on `c`.
pub(super) fn text_rect(c: [f32; 2], [w, h]: [f32; 2]) -> Rect {
    Rect {
        min: [c[0] - w / 2.0, c[1] - h / 2.0],
        max: [c[0] + w / 2.0, c[1] + h / 2.0],
    }
}
