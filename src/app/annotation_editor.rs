//! An annotation in the inspector: its label, whether it is shown, where it is and, for a range
//! ring, its radius, all editable at once (the analyst made it); each change is one
//! `Command::EditAnnotation`, typing into the label one undo step.

use super::site_editor::{Gesture, labelled, lat_lon_rows, text_row};
use super::state::{Document, Edit};
use crate::command::Command;
use crate::geodesy::measure;
use crate::scenario::{AnnotationKind, MAX_RING_RADIUS_KM};

/// The form for annotation `index` of the document; returns the frame's edits.
pub fn ui(doc: &Document, index: usize, ui: &mut egui::Ui) -> Vec<Edit> {
    let Some(original) = doc.scenario.annotations.get(index).cloned() else {
        return Vec::new();
    };
    let mut a = original.clone();
    let mut gesture = Gesture::default();
    ui.heading(&a.label);
    egui::Grid::new("edit-annotation")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label(egui::RichText::new("Kind").weak());
            ui.label(a.kind.label());
            ui.end_row();
            gesture.track(&text_row(ui, "Label", &mut a.label));
            ui.label(egui::RichText::new("Shown").weak());
            ui.checkbox(&mut a.visible, "on the map and in exports");
            ui.end_row();
            if a.kind == AnnotationKind::Path {
                path_rows(ui, &a);
            } else if let Some(p) = a.points.first_mut() {
                lat_lon_rows(ui, &mut p.lat, &mut p.lon, &mut gesture);
            }
            if let Some(r) = a.radius_km.as_mut() {
                let radius = egui::DragValue::new(r)
                    .range(1.0..=MAX_RING_RADIUS_KM)
                    .speed(5.0)
                    .suffix(" km");
                gesture.track(&labelled(ui, "Radius", radius));
                ui.end_row();
            }
            ui.label(egui::RichText::new("Id").weak());
            ui.label(&a.id);
            ui.end_row();
        });
    ui.add_space(6.0);
    let delete = ui
        .button("Delete annotation")
        .on_hover_text("Remove it from the scenario (Edit ▸ Undo brings it back)")
        .clicked();
    if delete {
        return vec![Edit::Apply(Command::DeleteAnnotation(original.id))];
    }
    let change = (a != original).then(|| Command::EditAnnotation(Box::new(a)));
    gesture.edits(change)
}

/// A path's legs, read-only: lengths and bearings as the measure tool gave them.
fn path_rows(ui: &mut egui::Ui, a: &crate::scenario::Annotation) {
    let points: Vec<geo::Point<f64>> = a.points.iter().map(|p| p.point()).collect();
    let names = vec![String::new(); points.len()];
    for (i, line) in measure::describe(&points, &names).into_iter().enumerate() {
        ui.label(egui::RichText::new(if i == 0 { "Legs" } else { "" }).weak());
        ui.label(line);
        ui.end_row();
    }
}
