//! One radar's coverage filled on the window's map: the hovered radar's, else the selected
//! one's. Every coverage fan is only tinted (`picture::FAN_FILL_ALPHA`), so that the many
//! long-range fans do not drown the map; the one the user points at is filled to be read.
//! Likewise the reach of the selected site's batteries that are not operational in the year
//! (which the picture leaves out unless asked) is drawn dashed while the site is selected.

use super::AppState;
use crate::geodesy::range_ring;
use crate::render::egui_painter::colour;
use crate::scenario::{InterceptorType, Status};
use crate::scene::{ItemRef, style};

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

/// The interceptor types (index, and the type) of the selected site's batteries that are
/// planned or being built in the year shown, when the map does not show those rings already.
fn selected_planned(state: &AppState) -> Vec<(usize, &InterceptorType)> {
    let layers = &state.map.layers;
    let s = &state.doc.scenario;
    let site = match state.selected() {
        Some(ItemRef::Site(i)) if layers.rings && !layers.rings_planned => s.sites.get(i),
        _ => None,
    };
    let Some(site) = site else {
        return Vec::new();
    };
    site.batteries
        .iter()
        .filter(|b| {
            let status = b.timeline.status_in(s.year, s.timeline);
            status.is_some_and(|st| {
                st.is_present() && st != Status::Proposed && !style::is_filled(st)
            })
        })
        .filter_map(|b| {
            s.interceptor_types
                .iter()
                .enumerate()
                .find(|(_, t)| t.id == b.interceptor)
        })
        .collect()
}

/// Draws, dashed, the reach of the selected site's planned batteries ([`selected_planned`]).
pub(super) fn paint_planned_rings(ui: &egui::Ui, state: &AppState, rect: egui::Rect) {
    let Some(ItemRef::Site(i)) = state.selected() else {
        return;
    };
    let Some(centre) = state.doc.scenario.sites.get(i).map(|s| s.position()) else {
        return;
    };
    let view = &state.map.view;
    let painter = ui.painter().with_clip_rect(rect);
    for (index, kind) in selected_planned(state) {
        let points: Vec<egui::Pos2> = range_ring(centre, kind.range_km * 1000.0)
            .into_iter()
            .filter_map(|p| view.lon_lat_to_screen(p))
            .map(|[x, y]| rect.min + egui::vec2(x, y))
            .collect();
        let stroke = egui::Stroke::new(1.6, colour(style::ring_colour(index)));
        painter.extend(egui::Shape::dashed_line(&points, stroke, 7.0, 5.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selected_sites_planned_reach_is_drawn_only_when_the_map_leaves_it_out() {
        let mut state = AppState::built_in();
        state.doc.scenario.year = 2012;
        let Some(i) = state.site_index("redzikowo") else {
            panic!("Redzikowo in the built-in scenario");
        };
        assert!(selected_planned(&state).is_empty(), "nothing selected");
        state.select(ItemRef::Site(i));
        let planned: Vec<&str> = selected_planned(&state)
            .iter()
            .map(|(_, t)| t.id.as_str())
            .collect();
        assert!(!planned.is_empty(), "Redzikowo was planned in 2012");
        state.map.layers.rings_planned = true;
        assert!(
            selected_planned(&state).is_empty(),
            "the map shows it already"
        );
    }
}
