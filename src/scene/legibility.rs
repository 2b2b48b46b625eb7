//! How legible a placed map is: which labels cover a symbol or another label, and which are cut
//! at the picture's edge. The label placer promises none; this checks the promise on any scene
//! and view (the tests, and `examples/map-legibility.rs` for the before/after of a change).

use super::{MapView, PlacedLabel, Scene};

/// What covers what on a map, by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collisions {
    /// (label, symbol it covers): a label's box over another symbol's box.
    pub label_symbol: Vec<(String, String)>,
    /// (label, label): two labels' boxes overlapping.
    pub label_label: Vec<(String, String)>,
    /// Labels reaching past the picture's edge.
    pub cut: Vec<String>,
}

impl Collisions {
    /// Whether nothing covers anything.
    pub fn is_empty(&self) -> bool {
        self.label_symbol.is_empty() && self.label_label.is_empty() && self.cut.is_empty()
    }
}

/// A label's box on the picture: min and max corners, pixels.
pub fn label_box(l: &PlacedLabel) -> [[f32; 2]; 2] {
    [
        l.top_left,
        [l.top_left[0] + l.width_px, l.top_left[1] + l.size_px * 1.2],
    ]
}

fn overlap(a: &[[f32; 2]; 2], b: &[[f32; 2]; 2]) -> bool {
    // A shared edge is not an overlap; a tenth of a pixel is rounding.
    const SLACK: f32 = 0.1;
    a[0][0] + SLACK < b[1][0]
        && b[0][0] + SLACK < a[1][0]
        && a[0][1] + SLACK < b[1][1]
        && b[0][1] + SLACK < a[1][1]
}

/// Every collision among `labels` (placed for `view`) and the scene's symbols on the picture.
///
/// ```
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
/// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m,
///     &scene::Layers::default(), None);
/// let view = scene::MapView::fit(ProjectionKind::EuropeEqualArea, [1600.0, 900.0]);
/// let labels = scene::place_labels(&s, &view);
/// let c = scene::collisions(&s, &view, &labels);
/// assert!(c.label_label.is_empty() && c.cut.is_empty());
/// ```
pub fn collisions(scene: &Scene, view: &MapView, labels: &[PlacedLabel]) -> Collisions {
    let [w, h] = view.size_px;
    let symbols: Vec<(usize, [[f32; 2]; 2])> = scene
        .symbols
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let p = view.to_screen(s.at);
            let on = p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w && p[1] <= h;
            let [x0, y0, x1, y1] = s.extent_px();
            on.then_some((i, [[p[0] + x0, p[1] + y0], [p[0] + x1, p[1] + y1]]))
        })
        .collect();
    let mut out = Collisions::default();
    for (k, l) in labels.iter().enumerate() {
        let b = label_box(l);
        if b[0][0] < 0.0 || b[0][1] < 0.0 || b[1][0] > w || b[1][1] > h {
            out.cut.push(l.text.clone());
        }
        for (i, s) in &symbols {
            if *i != l.symbol && overlap(&b, s) {
                out.label_symbol
                    .push((l.text.clone(), scene.symbols[*i].name.clone()));
            }
        }
        for other in &labels[k + 1..] {
            if overlap(&b, &label_box(other)) {
                out.label_label.push((l.text.clone(), other.text.clone()));
            }
        }
    }
    out
}
