//! One radar's coverage filled on the window's map: the hovered radar's, else the selected
//! one's. Every coverage fan is only tinted (`picture::FAN_FILL_ALPHA`), so that the many
//! long-range fans do not drown the map; the one the user points at is filled to be read.
//! Likewise the reach of the selected site's batteries that are not operational in the year
//! (which the picture leaves out unless asked) is drawn dashed while the site is selected.

use super::AppState;
use crate::geodesy::range_ring;
use crate::picture::planned_reach;
use crate::render::egui_painter::{area_mesh, colour};
use crate::scene::ItemRef;
use crate::scene::style::Stroke;

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

/// Fills the coverage of `state.map.emphasis` and draws the selected site's planned rings on
/// the map in `rect`, in the slot the map left under its labels.
pub(super) fn paint(
    ui: &egui::Ui,
    state: &mut AppState,
    rect: egui::Rect,
    under_labels: egui::layers::ShapeIdx,
) {
    let mut shapes = planned_ring_shapes(state, rect);
    if let Some(coverage) = coverage(state, rect) {
        shapes.insert(0, coverage);
    }
    // In the slot the map left under its labels, clipped to the map.
    ui.painter()
        .with_clip_rect(rect)
        .set(under_labels, egui::Shape::Vec(shapes));
}

/// The emphasised radar's coverage, filled.
fn coverage(state: &mut AppState, rect: egui::Rect) -> Option<egui::Shape> {
    let site = state
        .map
        .emphasis
        .and_then(|i| state.doc.scenario.sites.get(i))?;
    let id = format!("fan:{}", site.id);
    let view = state.map.view;
    let scene = state.scene();
    let area = scene.areas.iter().find(|a| a.id == id)?;
    let fill = area.fill.with_alpha(EMPHASIS_ALPHA);
    let mesh = area_mesh(&view, rect.min, &area.fill_vertices, &area.triangles, fill);
    Some(egui::Shape::mesh(mesh))
}

/// The selected site's planned reach as rings on the ground (longitude/latitude), each with
/// its stroke, for the document revision and site they were worked out for: kept between
/// frames, as the geodesic rings cost more than drawing them.
#[derive(Clone, Debug, Default)]
pub struct PlannedRings {
    key: Option<(u64, usize)>,
    rings: Vec<(Stroke, Vec<geo::Point<f64>>)>,
}

/// The selected site (by index) whose planned reach the window draws: a site is selected and
/// the map shows reach but leaves the planned batteries' out.
fn selected_site(state: &AppState) -> Option<usize> {
    let layers = &state.map.layers;
    match state.selected() {
        Some(ItemRef::Site(i)) if layers.rings && !layers.rings_planned => Some(i),
        _ => None,
    }
}

/// The planned reach of the selected site ([`planned_reach`]), worked out again only when the
/// document or the selection changed.
fn planned_rings(state: &mut AppState) -> &[(Stroke, Vec<geo::Point<f64>>)] {
    let key = selected_site(state).map(|i| (state.doc.revision, i));
    if state.map.planned_rings.key != key {
        let s = &state.doc.scenario;
        let rings = key
            .and_then(|(_, i)| s.sites.get(i))
            .map(|site| {
                planned_reach(s, site)
                    .into_iter()
                    .map(|(stroke, radius_m)| (stroke, range_ring(site.position(), radius_m)))
                    .collect()
            })
            .unwrap_or_default();
        state.map.planned_rings = PlannedRings { key, rings };
    }
    &state.map.planned_rings.rings
}

/// Draws, dashed, the reach of the selected site's planned batteries ([`planned_rings`]).
/// The selected site's planned rings, dashed.
fn planned_ring_shapes(state: &mut AppState, rect: egui::Rect) -> Vec<egui::Shape> {
    let view = state.map.view;
    let mut shapes = Vec::new();
    for (stroke, ring) in planned_rings(state) {
        let points: Vec<egui::Pos2> = ring
            .iter()
            .filter_map(|p| view.lon_lat_to_screen(*p))
            .map(|[x, y]| rect.min + egui::vec2(x, y))
            .collect();
        let [on, off] = stroke.dash.unwrap_or([7.0, 5.0]);
        let line = egui::Stroke::new(stroke.width_px, colour(stroke.colour));
        shapes.extend(egui::Shape::dashed_line(&points, line, on, off));
    }
    shapes
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
        assert!(planned_rings(&mut state).is_empty(), "nothing selected");
        state.select(ItemRef::Site(i));
        let planned = planned_rings(&mut state).len();
        assert!(planned > 0, "Redzikowo was planned in 2012");
        assert!(
            planned_rings(&mut state)
                .iter()
                .all(|(stroke, ring)| stroke.dash.is_some() && ring.len() > 4),
            "dashed rings on the ground"
        );
        state.map.layers.rings_planned = true;
        assert!(
            planned_rings(&mut state).is_empty(),
            "the map shows it already"
        );
    }
}
