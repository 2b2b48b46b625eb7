//! The measure tool on the map: the path clicked so far drawn as geodesic (great-circle) arcs
//! with a dot at each point, and beside it each leg's length in km and nmi with its initial and
//! final bearings, and the total ([`crate::geodesy::measure`]). `M` or the toolbar starts it,
//! `Backspace` takes the last point back, `Escape` ends it (the command registry's entries).

use super::{AppState, Measure};
use crate::geodesy::{great_circle_arc, measure};
use crate::scene::{MapView, Symbol};

const PATH: egui::Color32 = egui::Color32::from_rgb(0xd8, 0x1b, 0x60);

/// Adds the point clicked at `local` (pixels in the map), or `symbol`'s site when the click was
/// on one (the point snaps to it and is named after it).
pub(super) fn add_point(
    measure: &mut Measure,
    view: &MapView,
    local: [f32; 2],
    symbol: Option<&Symbol>,
) {
    match symbol {
        Some(s) => measure.push(s.lon_lat, &s.name),
        None => {
            if let Some(at) = view.to_lon_lat(local) {
                measure.push(at, "");
            }
        }
    }
}

/// Draws the path on the map in `rect` and its readout in the map's top-right corner.
pub(super) fn draw(ui: &mut egui::Ui, state: &AppState, rect: egui::Rect) {
    let Some(m) = &state.map.measure else {
        return;
    };
    let view = &state.map.view;
    let painter = ui.painter().with_clip_rect(rect);
    let screen = |p: geo::Point<f64>| {
        view.lon_lat_to_screen(p)
            .map(|s| rect.min + egui::vec2(s[0], s[1]))
    };
    for pair in m.points.windows(2) {
        let arc: Vec<egui::Pos2> = great_circle_arc(pair[0], pair[1])
            .into_iter()
            .filter_map(screen)
            .collect();
        painter.add(egui::Shape::line(arc, egui::Stroke::new(2.0, PATH)));
    }
    for p in m.points.iter().filter_map(|p| screen(*p)) {
        painter.circle_filled(p, 4.0, PATH);
        painter.circle_stroke(p, 4.0, egui::Stroke::new(1.0, egui::Color32::WHITE));
    }
    let lines = measure::describe(&m.points, &m.names);
    egui::Area::new(ui.make_persistent_id("measure readout"))
        .fixed_pos(rect.right_top() + egui::vec2(-10.0, 10.0))
        .pivot(egui::Align2::RIGHT_TOP)
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(420.0);
                ui.strong("Measure (geodesic, WGS84)");
                if lines.is_empty() {
                    ui.label("Click points on the map; a site's symbol snaps to it.");
                }
                for line in &lines {
                    ui.label(line);
                }
                ui.weak("Backspace: remove the last point · Esc: end");
            });
        });
}
