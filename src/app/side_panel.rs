//! The side panel: the scenario in brief, search, layers and the legend.

use super::AppState;
use crate::render::egui_painter;
use crate::scenario::SiteKind;
use crate::scene::Layer;

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
