//! Label placement in screen space: labels never overlap each other or a symbol, and never
//! reach past the picture's edge; the lower-priority label gives way. A label that finds no
//! room beside its symbol is set a little further out, with a leader line to it.

use super::label_grid::{Rect, Taken};
use super::map_texts::{map_text_centres, map_text_centres_among, text_rect, text_size};
use super::style::LABEL_SIZE_PX;
use super::{MapView, Scene};
use crate::font::text_width;

/// A label with its place on the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    pub text: String,
    /// Top-left corner of the text box, pixels.
    pub top_left: [f32; 2],
    pub width_px: f32,
    pub size_px: f32,
    /// Index of the labelled symbol in `Scene::symbols`.
    pub symbol: usize,
    /// A line from the symbol's edge to the label, for a label set away from its symbol.
    pub leader: Option<[[f32; 2]; 2]>,
}

impl PlacedLabel {
    /// The label moved by `shift` pixels, leader and all.
    fn shifted(&self, [dx, dy]: [f32; 2]) -> PlacedLabel {
        let by = |p: [f32; 2]| [p[0] + dx, p[1] + dy];
        PlacedLabel {
            top_left: by(self.top_left),
            leader: self.leader.map(|[a, b]| [by(a), by(b)]),
            ..self.clone()
        }
    }
}

/// The labels placed for the last view a scene was drawn in: placing them is most of a frame's
/// work with many symbols (8 ms with 10,000 sites), and a still map redraws the same view
/// every frame. A scene never changes once built, so the view is the whole key.
///
/// While the map is dragged or zoomed, each frame's view is the last one moved by a few pixels
/// or scaled by a few per cent: the labels placed where the gesture started follow their
/// symbols instead of being placed again, until the view stays put for a frame (the gesture
/// paused or ended), or it has gone too far from where they were placed (`follows`). Labels of
/// symbols that come into view appear then, and labels that a zoom out has pushed together
/// give way. Only the window uses this: exports call [`place_labels`] itself.
#[derive(Debug, Default)]
pub struct LabelCache(std::sync::Mutex<Option<Kept>>);

#[derive(Debug)]
struct Kept {
    /// The view the labels were placed for.
    placed_for: MapView,
    placed: std::sync::Arc<[PlacedLabel]>,
    /// The view last asked for (its labels were `placed` moved with the map).
    shown_for: MapView,
    /// How far each map text was moved off its place when the labels were placed (a ring's
    /// label clearing a symbol): it keeps that offset while the map moves.
    nudges: Vec<[f32; 2]>,
}

impl Clone for LabelCache {
    /// A clone starts empty: it may be of a scene that is then changed.
    fn clone(&self) -> Self {
        LabelCache::default()
    }
}

impl Scene {
    /// [`place_labels`] for `view`, placed once per view and kept; while the map is dragged or
    /// zoomed, the labels of the gesture's start follow their symbols ([`LabelCache`]).
    pub fn labels_for(&self, view: &MapView) -> std::sync::Arc<[PlacedLabel]> {
        // A poisoned lock only means a panic mid-placement elsewhere: place again.
        let mut kept = self
            .labels
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(k) = kept.as_mut() {
            let settled = k.shown_for == *view;
            if settled && k.placed_for == *view {
                return std::sync::Arc::clone(&k.placed);
            }
            if !settled && follows(&k.placed_for, view) {
                let moved: std::sync::Arc<[PlacedLabel]> = k
                    .placed
                    .iter()
                    .map(|l| {
                        let shift = self
                            .symbols
                            .get(l.symbol)
                            .map_or([0.0; 2], |s| moved_by(&k.placed_for, view, s.at));
                        l.shifted(shift)
                    })
                    .collect();
                k.shown_for = *view;
                return moved;
            }
        }
        let (placed, centres) = place_labels_and_texts(self, view);
        let placed: std::sync::Arc<[PlacedLabel]> = placed.into();
        let nudges = self
            .texts
            .iter()
            .zip(centres)
            .map(|(t, c)| {
                let at = view.to_screen(t.at);
                [c[0] - at[0], c[1] - at[1]]
            })
            .collect();
        *kept = Some(Kept {
            placed_for: *view,
            placed: std::sync::Arc::clone(&placed),
            shown_for: *view,
            nudges,
        });
        placed
    }

    /// [`map_text_centres`] for `view`, from the last [`Scene::labels_for`] when it was for
    /// this view (the window asks for the labels first), so a frame does not place them again.
    pub fn map_text_centres_for(&self, view: &MapView) -> Vec<[f32; 2]> {
        let kept = self
            .labels
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match kept.as_ref() {
            Some(k) if k.shown_for == *view => self
                .texts
                .iter()
                .zip(&k.nudges)
                .map(|(t, n)| {
                    let at = view.to_screen(t.at);
                    [at[0] + n[0], at[1] + n[1]]
                })
                .collect(),
            _ => map_text_centres(self, view),
        }
    }
}

/// Whether labels placed for `from` may follow their symbols into `to` for a frame: the same
/// projection and picture size, the zoom within a factor of two, and the centre moved by at
/// most a quarter of the picture.
fn follows(from: &MapView, to: &MapView) -> bool {
    let zoom = to.metres_per_pixel / from.metres_per_pixel;
    let dx = (from.centre.x - to.centre.x) / to.metres_per_pixel;
    let dy = (to.centre.y - from.centre.y) / to.metres_per_pixel;
    let limit = from.size_px[0].min(from.size_px[1]) as f64 / 4.0;
    from.projection == to.projection
        && from.size_px == to.size_px
        && (0.5..=2.0).contains(&zoom)
        && dx.abs() <= limit
        && dy.abs() <= limit
}

/// How far (pixels) the point `at` moves on the picture from `from` to `to`: for a drag the
/// centre's shift, the same for every point.
fn moved_by(from: &MapView, to: &MapView, at: crate::geodesy::MapXy) -> [f32; 2] {
    let dx =
        (at.x - to.centre.x) / to.metres_per_pixel - (at.x - from.centre.x) / from.metres_per_pixel;
    let dy =
        (to.centre.y - at.y) / to.metres_per_pixel - (from.centre.y - at.y) / from.metres_per_pixel;
    [dx as f32, dy as f32]
}

/// Places the labels of the scene's symbols for a view. Deterministic: the same scene and view give
/// the same labels, on screen and in every export.
pub fn place_labels(scene: &Scene, view: &MapView) -> Vec<PlacedLabel> {
    if !scene.show_labels {
        return Vec::new();
    }
    place_labels_and_texts(scene, view).0
}

/// [`place_labels`], and where the map texts went ([`map_text_centres`]), found on the way.
fn place_labels_and_texts(scene: &Scene, view: &MapView) -> (Vec<PlacedLabel>, Vec<[f32; 2]>) {
    let on_screen = symbols_on_screen(scene, view);
    let centres = map_text_centres_among(scene, view, &on_screen);
    if !scene.show_labels {
        return (Vec::new(), centres);
    }
    let mut taken = taken_at_start(scene, &on_screen, &centres, view);
    let mut placed = Vec::new();
    for (i, p) in by_priority(scene, on_screen) {
        if let Some(label) = place_one(scene, i, p, &taken, view.size_px) {
            taken.push(label_rect(label.top_left, label.width_px), u8::MAX);
            placed.push(label);
        }
    }
    (placed, centres)
}

/// The symbols whose centre is on the picture, with their screen positions.
pub(super) fn symbols_on_screen(scene: &Scene, view: &MapView) -> Vec<(usize, [f32; 2])> {
    let [w, h] = view.size_px;
    scene
        .symbols
        .iter()
        .enumerate()
        .map(|(i, s)| (i, view.to_screen(s.at)))
        .filter(|(_, p)| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w && p[1] <= h)
        .collect()
}

/// What is taken before any label is placed: the symbols (with their priority) and the fixed
/// map texts (priority MAX, like placed labels: never overlapped).
fn taken_at_start(
    scene: &Scene,
    on_screen: &[(usize, [f32; 2])],
    text_centres: &[[f32; 2]],
    view: &MapView,
) -> Taken {
    let mut taken = Taken::new(view.size_px);
    for &(i, p) in on_screen {
        let [x0, y0, x1, y1] = scene.symbols[i].extent_px();
        let rect = Rect {
            min: [p[0] + x0, p[1] + y0],
            max: [p[0] + x1, p[1] + y1],
        };
        taken.push(rect, scene.symbols[i].priority);
    }
    // Map texts (sector names, ring labels) are placed first and never covered.
    for (text, c) in scene.texts.iter().zip(text_centres) {
        taken.push(text_rect(*c, text_size(text)), u8::MAX);
    }
    taken
}

/// The symbols in the order their labels are placed: most important first, then scene order.
fn by_priority(scene: &Scene, mut symbols: Vec<(usize, [f32; 2])>) -> Vec<(usize, [f32; 2])> {
    symbols.sort_by(|a, b| {
        scene.symbols[b.0]
            .priority
            .cmp(&scene.symbols[a.0].priority)
            .then(a.0.cmp(&b.0))
    });
    symbols
}

/// The box of a label `tw` wide with its top-left corner at `c`.
fn label_rect(c: [f32; 2], tw: f32) -> Rect {
    Rect {
        min: c,
        max: [c[0] + tw, c[1] + LABEL_SIZE_PX * 1.2],
    }
}

/// Where a label `tw` wide and `th` high may go around a symbol at `p`, `gap` from its centre,
/// in order of preference: right, left, above, below, then the four diagonals.
fn candidates(p: [f32; 2], gaps: [f32; 4], tw: f32, th: f32) -> [[f32; 2]; 8] {
    // How far out each side: left, above, right, below (a symbol's box need not be centred).
    let [left, above, right, below] = gaps;
    let d = gaps.map(|g| g * 0.7);
    [
        [p[0] + right, p[1] - th / 2.0],
        [p[0] - left - tw, p[1] - th / 2.0],
        [p[0] - tw / 2.0, p[1] - above - th],
        [p[0] - tw / 2.0, p[1] + below],
        [p[0] + d[2], p[1] - d[1] - th],
        [p[0] + d[2], p[1] + d[3]],
        [p[0] - d[0] - tw, p[1] - d[1] - th],
        [p[0] - d[0] - tw, p[1] + d[3]],
    ]
}

/// How far past the symbol's edge a label is tried, pixels: beside it, then twice further out
/// with a leader line.
const DISTANCES_PX: [f32; 3] = [3.0, 16.0, 32.0];

/// The label of symbol `i` at `p`, at the first candidate place that fits on the picture
/// (`[w, h]`) without covering what is `taken` (any symbol but its own, any label); `None`
/// when none does.
fn place_one(
    scene: &Scene,
    i: usize,
    p: [f32; 2],
    taken: &Taken,
    [w, h]: [f32; 2],
) -> Option<PlacedLabel> {
    let size = LABEL_SIZE_PX;
    let symbol = &scene.symbols[i];
    let text = symbol.label.as_str();
    let tw = text_width(text, size);
    let th = size * 1.2;
    let extent = symbol.extent_px();
    let [x0, y0, x1, y1] = extent;
    let own = Rect {
        min: [p[0] + x0, p[1] + y0],
        max: [p[0] + x1, p[1] + y1],
    };
    let fits = |rect: &Rect| {
        rect.min[0] >= 0.0
            && rect.min[1] >= 0.0
            && rect.max[0] <= w
            && rect.max[1] <= h
            && !taken.blocked(rect, |t, _| !same(t, &own))
    };
    let (far, top_left) = DISTANCES_PX.iter().enumerate().find_map(|(k, d)| {
        candidates(p, [-x0 + d, -y0 + d, x1 + d, y1 + d], tw, th)
            .into_iter()
            .find(|c| fits(&label_rect(*c, tw)))
            .map(|c| (k > 0, c))
    })?;
    let leader = far.then(|| leader_line(p, extent, &label_rect(top_left, tw)));
    Some(PlacedLabel {
        text: text.to_owned(),
        top_left,
        width_px: tw,
        size_px: size,
        symbol: i,
        leader,
    })
}

/// A leader from the edge of a symbol taking `[x0, y0, x1, y1]` around `p` (its box's edge; a
/// round symbol's radius when the box is a centred square) to the nearest point of `label`.
fn leader_line(p: [f32; 2], [x0, y0, x1, y1]: [f32; 4], label: &Rect) -> [[f32; 2]; 2] {
    let to = [
        p[0].clamp(label.min[0], label.max[0]),
        p[1].clamp(label.min[1], label.max[1]),
    ];
    let (dx, dy) = (to[0] - p[0], to[1] - p[1]);
    let length = dx.hypot(dy).max(f32::EPSILON);
    let (ux, uy) = (dx / length, dy / length);
    // How far along the way out the symbol reaches: its radius, or its box's edge.
    let reach = if x1 == -x0 && y1 == -y0 && x1 == y1 {
        x1
    } else {
        let along = |u: f32, low: f32, high: f32| match u {
            u if u > 0.0 => high / u,
            u if u < 0.0 => low / u,
            _ => f32::INFINITY,
        };
        along(ux, x0, x1).min(along(uy, y0, y1)).max(0.0)
    };
    let from = [p[0] + ux * (reach + 1.0), p[1] + uy * (reach + 1.0)];
    [from, to]
}

fn same(a: &Rect, b: &Rect) -> bool {
    a.min == b.min && a.max == b.max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basemap::Scale;
    use crate::geodesy::{MapXy, ProjectionKind};
    use crate::scene::style::{Rgba, Stroke, SymbolShape};
    use crate::scene::{ItemRef, Layer, Symbol};

    fn symbol(i: usize, label: &str, at: MapXy, priority: u8) -> Symbol {
        Symbol {
            id: format!("city:{i}"),
            item: Some(ItemRef::City(i)),
            layer: Layer::Cities,
            name: label.to_owned(),
            label: label.to_owned(),
            lon_lat: geo::Point::new(0.0, 0.0),
            at,
            shape: SymbolShape::Dot,
            radius_px: 3.0,
            fill: Some(Rgba::rgb(0, 0, 0)),
            stroke: Stroke::solid(1.0, Rgba::rgb(0, 0, 0)),
            status: None,
            priority,
            tooltip: String::new(),
            military: None,
        }
    }

    fn scene(symbols: Vec<Symbol>) -> (Scene, MapView) {
        let view = MapView {
            projection: ProjectionKind::EuropeEqualArea,
            centre: MapXy { x: 0.0, y: 0.0 },
            metres_per_pixel: 1000.0,
            size_px: [400.0, 300.0],
        };
        let scene = Scene {
            projection: ProjectionKind::EuropeEqualArea,
            projection_name: String::new(),
            scale: Scale::Coarse110m,
            basemap: None,
            show_borders: true,
            show_labels: true,
            areas: vec![],
            lines: vec![],
            texts: vec![],
            symbols,
            legend: vec![],
            sources: vec![],
            assumptions: None,
            labels: Default::default(),
        };
        (scene, view)
    }

    /// Five sites 20 km apart on the x axis.
    fn five_in_a_row() -> Vec<Symbol> {
        (0..5)
            .map(|i| {
                let at = MapXy {
                    x: 20_000.0 * i as f64,
                    y: 0.0,
                };
                symbol(i, &format!("Site {i}"), at, 1)
            })
            .collect()
    }

    fn rect(l: &PlacedLabel) -> Rect {
        Rect {
            min: l.top_left,
            max: [l.top_left[0] + l.width_px, l.top_left[1] + l.size_px * 1.2],
        }
    }

    #[test]
    fn labels_are_placed_once_per_view_and_again_for_another() {
        let (scene, view) = scene(five_in_a_row());
        let first = scene.labels_for(&view);
        assert_eq!(&*first, place_labels(&scene, &view).as_slice());
        assert!(std::sync::Arc::ptr_eq(&first, &scene.labels_for(&view)));
        // Zoomed: placed again.
        let zoomed = MapView {
            metres_per_pixel: 800.0,
            ..view
        };
        let other = scene.labels_for(&zoomed);
        assert!(!std::sync::Arc::ptr_eq(&first, &other));
        assert_eq!(&*other, place_labels(&scene, &zoomed).as_slice());
        // A clone of the scene starts with no labels kept.
        assert!(
            scene
                .clone()
                .labels
                .0
                .lock()
                .expect("not poisoned")
                .is_none()
        );
    }

    #[test]
    fn crowded_labels_never_overlap_and_the_important_one_survives() {
        // Twenty symbols stacked 2 km apart: most labels cannot fit.
        let mut symbols: Vec<_> = (0..20)
            .map(|i| {
                symbol(
                    i,
                    &format!("City number {i}"),
                    MapXy {
                        x: 0.0,
                        y: i as f64 * 2000.0,
                    },
                    10,
                )
            })
            .collect();
        symbols.push(symbol(
            99,
            "Deveselu",
            MapXy {
                x: 1000.0,
                y: 9000.0,
            },
            100,
        ));
        let (scene, view) = scene(symbols);
        let labels = place_labels(&scene, &view);
        assert!(labels.iter().any(|l| l.text == "Deveselu"));
        assert!(labels.len() < 21, "some labels must give way");
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(
                    !rect(a).overlaps(&rect(b)),
                    "{} overlaps {}",
                    a.text,
                    b.text
                );
            }
        }
    }

    #[test]
    fn labels_stay_inside_the_picture_and_off_screen_symbols_get_none() {
        let (scene, view) = scene(vec![
            symbol(
                0,
                "Edge",
                MapXy {
                    x: 199_000.0,
                    y: 0.0,
                },
                10,
            ),
            symbol(
                1,
                "Outside",
                MapXy {
                    x: 900_000.0,
                    y: 0.0,
                },
                10,
            ),
        ]);
        let labels = place_labels(&scene, &view);
        assert_eq!(labels.len(), 1);
        let r = rect(&labels[0]);
        assert!(r.min[0] >= 0.0 && r.max[0] <= 400.0);
    }

    #[test]
    fn labels_layer_off_places_none() {
        let (mut scene, view) = scene(vec![symbol(0, "A", MapXy { x: 0.0, y: 0.0 }, 10)]);
        scene.show_labels = false;
        assert!(place_labels(&scene, &view).is_empty());
    }

    #[test]
    fn labels_move_with_a_drag_and_are_placed_again_when_it_stops() {
        let (scene, view) = scene(five_in_a_row());
        let first = scene.labels_for(&view);
        // Dragged 30 px left and 10 px down (1000 m a pixel): the same labels, moved.
        let dragged = MapView {
            centre: MapXy {
                x: 30_000.0,
                y: 10_000.0,
            },
            ..view
        };
        let moved = scene.labels_for(&dragged);
        assert_eq!(moved.len(), first.len());
        for (m, f) in moved.iter().zip(first.iter()) {
            assert_eq!((&m.text, m.symbol), (&f.text, f.symbol));
            assert_eq!(m.top_left, [f.top_left[0] - 30.0, f.top_left[1] + 10.0]);
        }
        // The same view again: the drag has stopped, so the labels are placed for it.
        let settled = scene.labels_for(&dragged);
        assert_eq!(&*settled, place_labels(&scene, &dragged).as_slice());
        assert!(std::sync::Arc::ptr_eq(
            &settled,
            &scene.labels_for(&dragged)
        ));
        // A jump of more than a quarter of the picture is placed at once.
        let far = MapView {
            centre: MapXy {
                x: 130_000.0,
                y: 10_000.0,
            },
            ..view
        };
        assert_eq!(
            &*scene.labels_for(&far),
            place_labels(&scene, &far).as_slice()
        );
    }

    #[test]
    fn labels_follow_their_symbols_through_a_zoom_and_are_placed_again_when_it_stops() {
        let (scene, view) = scene(five_in_a_row());
        let first = scene.labels_for(&view);
        // Zoomed in by a fifth about the centre: each label keeps its place beside its symbol.
        let zoomed = MapView {
            metres_per_pixel: view.metres_per_pixel / 1.2,
            ..view
        };
        let moved = scene.labels_for(&zoomed);
        assert_eq!(moved.len(), first.len());
        for (m, f) in moved.iter().zip(first.iter()) {
            assert_eq!((&m.text, m.symbol), (&f.text, f.symbol));
            let at = scene.symbols[m.symbol].at;
            let (before, after) = (view.to_screen(at), zoomed.to_screen(at));
            for axis in 0..2 {
                let beside = |l: &PlacedLabel, p: [f32; 2]| l.top_left[axis] - p[axis];
                assert!((beside(m, after) - beside(f, before)).abs() < 1e-3);
            }
        }
        // The zoom has stopped: placed for the view.
        let settled = scene.labels_for(&zoomed);
        assert_eq!(&*settled, place_labels(&scene, &zoomed).as_slice());
        // Zoomed out by more than twice at once: placed at once.
        let far_out = MapView {
            metres_per_pixel: zoomed.metres_per_pixel * 2.5,
            ..zoomed
        };
        assert_eq!(
            &*scene.labels_for(&far_out),
            place_labels(&scene, &far_out).as_slice()
        );
    }
}
