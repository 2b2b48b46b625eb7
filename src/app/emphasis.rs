//! One radar's coverage filled on the window's map: the hovered radar's, else the selected
//! one's. Every coverage fan is only tinted (`picture::FAN_FILL_ALPHA`), so that the many
//! long-range fans do not drown the map; the one the user points at is filled to be read.

use super::AppState;
use crate::render::egui_painter::colour;
use crate::scene::ItemRef;

/// The fill of the emphasised coverage, out of 255.
const EMPHASIS_ALPHA: u8 = 56;

/// The site index of the radar `item` stands for, if it is a site with a radar.
pub(super) fn radar_of(state: &AppState, item: Option<ItemRef>) -> Option<usize> {
    match item? {
        ItemRef::Site(i) => state
            .doc
            .scenario
            .sites
            .get(i)
            .filter(|s| s.radar.is_some())
            .map(|_| i),
        _ => None,
    }
}

/// Fills the coverage of `state.map.emphasis` on the map in `rect`.
pub(super) fn paint(ui: &egui::Ui, state: &mut AppState, rect: egui::Rect) {
    let Some(site) = state
        .map
        .emphasis
        .and_then(|i| state.doc.scenario.sites.get(i))
    else {
        return;
    };
    let id = format!("fan:{}", site.id);
    let view = state.map.view;
    let scene = state.scene();
    let Some(area) = scene.areas.iter().find(|a| a.id == id) else {
        return;
    };
    let fill = colour(area.fill.with_alpha(EMPHASIS_ALPHA));
    let mut mesh = egui::Mesh::default();
    for p in &area.fill_vertices {
        let [x, y] = view.to_screen(*p);
        mesh.colored_vertex(rect.min + egui::vec2(x, y), fill);
    }
    mesh.indices.extend_from_slice(&area.triangles);
    ui.painter()
        .with_clip_rect(rect)
        .add(egui::Shape::mesh(mesh));
}
