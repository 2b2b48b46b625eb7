//! The measure tool on the map: the path clicked so far drawn as geodesic (great-circle) arcs
//! with a dot at each point, and beside it each leg's length in km and nmi with its initial and
//! final bearings, and the total ([`crate::geodesy::measure`]). `M` or the toolbar starts it,
//! `Backspace` takes the last point back, `Escape` ends it (the command registry's entries).

use super::{AppState, Measure};
use crate::format::group_thousands;
use crate::geodesy::{great_circle_arc, measure};
use crate::scenario::{Annotation, AnnotationKind, LatLon, MAX_RING_RADIUS_KM, next_annotation_id};
use crate::scene::{MapView, style};

/// The annotations' colour, so that a kept path looks as it did while measured.
const PATH: egui::Color32 = egui::Color32::from_rgb(
    style::ANNOTATION.0[0],
    style::ANNOTATION.0[1],
    style::ANNOTATION.0[2],
);

/// Adds the point clicked at `local` (pixels in the map), unnamed; a click on a site's symbol
/// adds the site itself ([`Measure::push`] with its name).
pub(super) fn add_point(measure: &mut Measure, view: &MapView, local: [f32; 2]) {
    if let Some(at) = view.to_lon_lat(local) {
        measure.push(at, "");
    }
}

/// Draws the path on the map in `rect` and its readout in the map's top-right corner.
pub(super) fn draw(ui: &mut egui::Ui, state: &mut AppState, rect: egui::Rect) {
    let Some(m) = &state.map.measure else {
        return;
    };
    let mut kept = false;
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
                if m.points.len() >= 2 && ui.button("Keep as annotation").clicked() {
                    kept = true;
                }
                ui.weak("Backspace: remove the last point · Esc: end");
            });
        });
    if kept {
        keep(state);
    }
}

/// What a typed radius means in metres: a positive number of km (or nmi) up to the file's limit
/// for a ring ([`MAX_RING_RADIUS_KM`]), else what is wrong with it.
pub(super) fn radius_m(typed: &str, nmi: bool) -> Result<f64, String> {
    let value: f64 = typed
        .trim()
        .replace(',', "")
        .parse()
        .map_err(|_| format!("“{}” is not a number", typed.trim()))?;
    let metres = value * if nmi { 1852.0 } else { 1000.0 };
    let max_m = MAX_RING_RADIUS_KM * 1000.0;
    if !(metres.is_finite() && metres > 0.0 && metres <= max_m) {
        return Err(format!(
            "a radius is more than 0 and at most {} km ({} nmi)",
            group_thousands(MAX_RING_RADIUS_KM as u64),
            group_thousands((max_m / 1852.0) as u64)
        ));
    }
    Ok(metres)
}

/// Opens the window asking for the radius of a ring from `centre`, the site `name` ("" for a
/// point on the map).
pub(super) fn ask_ring(state: &mut AppState, centre: geo::Point<f64>, name: &str) {
    ask(state, AnnotationKind::Ring, centre, name);
}

fn ask(state: &mut AppState, kind: AnnotationKind, at: geo::Point<f64>, name: &str) {
    state.map.mark_dialog = Some(super::MarkDialog {
        kind,
        at,
        name: name.to_owned(),
        text: String::new(),
        nmi: false,
        error: None,
    });
}

/// The map's context menu at `at` (longitude/latitude): a range ring, a note or a point there,
/// each kept as an annotation.
pub(super) fn map_menu(ui: &mut egui::Ui, state: &mut AppState, at: geo::Point<f64>) {
    if ui.button("Range ring here…").clicked() {
        ask(state, AnnotationKind::Ring, at, "");
        ui.close();
    }
    if ui.button("Note here…").clicked() {
        ask(state, AnnotationKind::Note, at, "");
        ui.close();
    }
    if ui.button("Point here").clicked() {
        let id = next_annotation_id(&state.doc.scenario.annotations, AnnotationKind::Point);
        let label = format!("Point {}", id.trim_start_matches("point-"));
        let point = Annotation::at(&id, AnnotationKind::Point, &label, at.into());
        state.keep_annotation(point);
        ui.close();
    }
}

/// The annotation the dialog's text makes, or what is wrong with the text.
fn from_dialog(d: &super::MarkDialog, annotations: &[Annotation]) -> Result<Annotation, String> {
    let id = next_annotation_id(annotations, d.kind);
    if d.kind == AnnotationKind::Note {
        let note = Annotation::at(&id, AnnotationKind::Note, d.text.trim(), d.at.into());
        return match note.problems().into_iter().next() {
            Some((_, problem)) => Err(format!("The note {problem}")),
            None => Ok(note),
        };
    }
    let radius_m = radius_m(&d.text, d.nmi)?;
    let label = if d.name.is_empty() {
        "Range ring".to_owned()
    } else {
        format!("From {}", d.name)
    };
    Ok(Annotation::ring(
        &id,
        &label,
        d.at.into(),
        radius_m / 1000.0,
    ))
}

/// The window asking for a ring's radius or a note's text; Add keeps it as an annotation, a
/// bad radius or text is said in the window.
pub(super) fn mark_dialog(state: &mut AppState, ctx: &egui::Context) {
    let Some(mut d) = state.map.mark_dialog.take() else {
        return;
    };
    let (mut open, mut add) = (true, false);
    let ring = d.kind == AnnotationKind::Ring;
    let title = match (ring, d.name.is_empty()) {
        (true, true) => "Range ring".to_owned(),
        (true, false) => format!("Range ring from {}", d.name),
        (false, _) => "Note".to_owned(),
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(if ring { "Radius" } else { "Text" });
                let width = if ring { 90.0 } else { 260.0 };
                let field = ui
                    .add(egui::TextEdit::singleline(&mut d.text).desired_width(width))
                    .labelled_by(label.id);
                // Ready to type as soon as the window opens.
                if d.text.is_empty() && d.error.is_none() {
                    field.request_focus();
                }
                if ring {
                    ui.radio_value(&mut d.nmi, false, "km");
                    ui.radio_value(&mut d.nmi, true, "nmi");
                }
                add = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            });
            if let Some(e) = &d.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            add |= ui.button("Add").clicked();
        });
    if add {
        match from_dialog(&d, &state.doc.scenario.annotations) {
            Ok(annotation) => {
                state.keep_annotation(annotation);
                return;
            }
            Err(e) => d.error = Some(e),
        }
    }
    if open {
        state.map.mark_dialog = Some(d);
    }
}

/// The measured path kept as an annotation, named by its end sites where it has them.
pub(super) fn keep(state: &mut AppState) {
    let Some(m) = state.map.measure.take() else {
        return;
    };
    let id = next_annotation_id(&state.doc.scenario.annotations, AnnotationKind::Path);
    let label = match (m.names.first(), m.names.last()) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => format!("{a} → {b}"),
        _ => format!("Measured path {}", id.trim_start_matches("path-")),
    };
    let points = m.points.iter().map(|p| LatLon::from(*p)).collect();
    state.keep_annotation(Annotation::path(&id, &label, points));
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
