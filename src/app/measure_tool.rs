//! The measure tool on the map: the path clicked so far drawn as geodesic (great-circle) arcs
//! with a dot at each point, and beside it each leg's length in km and nmi with its initial and
//! final bearings, and the total ([`crate::geodesy::measure`]). `M` or the toolbar starts it,
//! `Backspace` takes the last point back, `Escape` ends it (the command registry's entries).

use super::{AppState, Measure};
use crate::geodesy::{great_circle_arc, measure};
use crate::scene::MapView;

const PATH: egui::Color32 = egui::Color32::from_rgb(0xd8, 0x1b, 0x60);

/// Adds the point clicked at `local` (pixels in the map), unnamed; a click on a site's symbol
/// adds the site itself ([`Measure::push`] with its name).
pub(super) fn add_point(measure: &mut Measure, view: &MapView, local: [f32; 2]) {
    if let Some(at) = view.to_lon_lat(local) {
        measure.push(at, "");
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

/// What a typed radius means in metres: a positive number of km (or nmi) up to half the Earth's
/// circumference, else what is wrong with it.
pub(super) fn radius_m(typed: &str, nmi: bool) -> Result<f64, String> {
    let value: f64 = typed
        .trim()
        .replace(',', "")
        .parse()
        .map_err(|_| format!("“{}” is not a number", typed.trim()))?;
    let metres = value * if nmi { 1852.0 } else { 1000.0 };
    if !(metres.is_finite() && metres > 0.0 && metres <= 20_000_000.0) {
        return Err("a radius is more than 0 and at most 20,000 km (10,799 nmi)".to_owned());
    }
    Ok(metres)
}

/// Opens the window asking for the radius of a ring from `centre`, the site `name` ("" for a
/// point on the map).
pub(super) fn ask_ring(state: &mut AppState, centre: geo::Point<f64>, name: &str) {
    state.map.ring_dialog = Some(super::RingDialog {
        centre,
        name: name.to_owned(),
        radius: String::new(),
        nmi: false,
        error: None,
    });
}

/// The map's context menu: a range ring from the point right-clicked (`centre`), and clearing
/// the rings drawn.
pub(super) fn ring_menu(ui: &mut egui::Ui, state: &mut AppState, centre: geo::Point<f64>) {
    if ui.button("Range ring here…").clicked() {
        ask_ring(state, centre, "");
        ui.close();
    }
    if !state.map.rings.is_empty() && ui.button("Clear range rings").clicked() {
        state.map.rings.clear();
        ui.close();
    }
}

/// The window asking for a ring's radius; Add draws it, a bad radius is said in the window.
pub(super) fn ring_dialog(state: &mut AppState, ctx: &egui::Context) {
    let Some(mut d) = state.map.ring_dialog.take() else {
        return;
    };
    let (mut open, mut add) = (true, false);
    let title = if d.name.is_empty() {
        "Range ring".to_owned()
    } else {
        format!("Range ring from {}", d.name)
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Radius");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut d.radius).desired_width(90.0))
                    .labelled_by(label.id);
                // Ready for the radius to be typed as soon as the window opens.
                if d.radius.is_empty() && d.error.is_none() {
                    field.request_focus();
                }
                ui.radio_value(&mut d.nmi, false, "km");
                ui.radio_value(&mut d.nmi, true, "nmi");
                add = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            });
            if let Some(e) = &d.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            add |= ui.button("Add").clicked();
        });
    if add {
        match radius_m(&d.radius, d.nmi) {
            Ok(radius_m) => {
                let ring = super::RangeRing::new(d.centre, radius_m, &d.name);
                state.map.rings.push(ring);
                return;
            }
            Err(e) => d.error = Some(e),
        }
    }
    if open {
        state.map.ring_dialog = Some(d);
    }
}

/// The range rings on the map in `rect`, each labelled with its radius.
pub(super) fn draw_rings(ui: &egui::Ui, state: &AppState, rect: egui::Rect) {
    let view = &state.map.view;
    let painter = ui.painter().with_clip_rect(rect);
    for ring in &state.map.rings {
        let points: Vec<egui::Pos2> = ring
            .outline
            .iter()
            .filter_map(|p| view.lon_lat_to_screen(*p))
            .map(|s| rect.min + egui::vec2(s[0], s[1]))
            .collect();
        painter.add(egui::Shape::line(
            points.clone(),
            egui::Stroke::new(2.0, PATH),
        ));
        if let Some(top) = points.iter().min_by(|a, b| a.y.total_cmp(&b.y)) {
            painter.text(
                *top + egui::vec2(0.0, -3.0),
                egui::Align2::CENTER_BOTTOM,
                measure::km_and_nmi(ring.radius_m),
                egui::FontId::proportional(12.0),
                PATH,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_radius_is_metres_or_says_what_is_wrong() {
        assert_eq!(radius_m("500", false), Ok(500_000.0));
        assert_eq!(radius_m(" 1,000 ", true), Ok(1_852_000.0));
        assert!(radius_m("abc", false).is_err_and(|e| e.contains("“abc” is not a number")));
        for bad in ["0", "-5", "NaN", "inf", "20001"] {
            assert!(radius_m(bad, false).is_err(), "{bad}");
        }
    }
}
