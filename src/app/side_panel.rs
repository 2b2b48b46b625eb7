//! The side panel: the scenario in brief, search, layers and the legend.

use super::AppState;
use super::site_editor::Gesture;
use super::state::Edit;
use crate::command::Command;
use crate::render::egui_painter;
use crate::scenario::{Annotation, SiteKind};
use crate::scene::{ItemRef, Layer};

pub fn ui(state: &mut AppState, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(state.doc.scenario.name.clone());
        search(state, ui);
        ui.separator();
        super::scenario_panel::show(state, ui);
        ui.separator();
        super::analysis_panel::ui(state, ui);
        super::engagement_panel::ui(state, ui);
        super::commands::UiCommand::ToggleCompare.button(ui, state);
        ui.separator();
        egui::CollapsingHeader::new("Layers")
            .default_open(true)
            .show(ui, |ui| layers(state, ui));
        egui::CollapsingHeader::new("Legend")
            .default_open(true)
            .show(ui, |ui| legend(state, ui));
    });
}

fn search(state: &mut AppState, ui: &mut egui::Ui) {
    let edit = egui::TextEdit::singleline(&mut state.search)
        .hint_text("Find a site or city…")
        .desired_width(f32::INFINITY);
    let response = ui
        .add(edit)
        .on_hover_text("Type part of a name; Enter jumps to the first match");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search"));
    let results = state.search_results(&state.search, 8);
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut go = None;
    if enter {
        go = results.first().map(|(item, _)| *item);
    }
    for (item, name) in &results {
        if ui
            .selectable_label(state.selected() == Some(*item), format!("→ {name}"))
            .clicked()
        {
            go = Some(*item);
        }
    }
    if !state.search.trim().is_empty() && results.is_empty() {
        ui.weak("No match");
    }
    if let Some(item) = go {
        state.go_to(item);
    }
}

fn layers(state: &mut AppState, ui: &mut egui::Ui) {
    let mut toggle = |ui: &mut egui::Ui, layer: Layer, text: &str| {
        let mut on = state.map.layers.shows(layer);
        if ui.checkbox(&mut on, text).changed() {
            state.map.layers.set(layer, on);
        }
    };
    toggle(ui, Layer::Basemap, "Basemap (land and coasts)");
    toggle(ui, Layer::Borders, "Borders");
    toggle(ui, Layer::Graticule, "Graticule (10°)");
    toggle(ui, Layer::Labels, "Labels");
    toggle(ui, Layer::Rings, "Interceptor range rings");
    toggle(ui, Layer::Fans, "Radar coverage fans");
    toggle(ui, Layer::Links, "Data links");
    toggle(ui, Layer::Sectors, "Sectors of responsibility");
    toggle(ui, Layer::Footprint, "Defended footprint (analysis)");
    toggle(ui, Layer::Trajectories, "ICBM paths (analysis)");
    toggle(ui, Layer::Cities, "Cities");
    ui.label("Sites by kind");
    ui.indent("kinds", |ui| {
        for kind in SiteKind::ALL {
            toggle(ui, Layer::Sites(kind), kind.label());
        }
    });
    toggle(ui, Layer::Annotations, "Annotations");
    ui.indent("annotations", |ui| annotations(state, ui));
}

/// The annotations one by one: shown or hidden, selected (the inspector edits it), renamed or
/// deleted from its context menu. Each change is one undoable command.
fn annotations(state: &mut AppState, ui: &mut egui::Ui) {
    if state.doc.scenario.annotations.is_empty() {
        ui.weak("None yet: right-click the map, or keep a measured path");
        return;
    }
    let selected = state.selected();
    let (mut edits, mut select) = (Vec::new(), None);
    for (i, a) in state.doc.scenario.annotations.iter().enumerate() {
        ui.horizontal(|ui| {
            let mut shown = a.visible;
            let tick = ui
                .checkbox(&mut shown, "")
                .on_hover_text("Show on the map and in exports");
            tick.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::CheckBox, true, shown, &a.label)
            });
            if tick.changed() {
                let mut changed = a.clone();
                changed.visible = shown;
                edits.push(Edit::Apply(Command::EditAnnotation(Box::new(changed))));
            }
            let name = ui
                .selectable_label(selected == Some(ItemRef::Annotation(i)), &a.label)
                .on_hover_text(format!("{} ({}): click to edit", a.kind.label(), a.id));
            if name.clicked() {
                select = Some(i);
            }
            name.context_menu(|ui| edits.extend(annotation_menu(a, ui)));
        });
    }
    state.apply_edits(edits);
    if let Some(i) = select {
        state.select(ItemRef::Annotation(i));
    }
}

/// An annotation's context menu in the list: rename it in place, or delete it.
fn annotation_menu(a: &Annotation, ui: &mut egui::Ui) -> Vec<Edit> {
    let mut gesture = Gesture::default();
    let mut renamed = a.clone();
    gesture.track(&super::site_editor::labelled(
        ui,
        "Rename",
        egui::TextEdit::singleline(&mut renamed.label).desired_width(180.0),
    ));
    if ui.button("Delete").clicked() {
        ui.close();
        return vec![Edit::Apply(Command::DeleteAnnotation(a.id.clone()))];
    }
    let change = (renamed != *a).then(|| Command::EditAnnotation(Box::new(renamed)));
    gesture.edits(change)
}

fn legend(state: &mut AppState, ui: &mut egui::Ui) {
    let entries = state.scene().legend.clone();
    if entries.is_empty() {
        ui.weak("Nothing shown");
    }
    for entry in &entries {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(28.0, 16.0), egui::Sense::hover());
            egui_painter::paint_swatch(ui.painter(), &entry.swatch, rect);
            ui.label(&entry.text);
        });
    }
    ui.add_space(4.0);
    ui.weak("Ranges are open-source estimates; see each object's source in the inspector.");
}
