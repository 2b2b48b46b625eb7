//! The side panel: the scenario in brief, search, layers and the legend.

use super::AppState;
use super::site_editor::Gesture;
use super::state::Edit;
use crate::command::Command;
use crate::render::egui_painter;
use crate::scenario::{Annotation, SiteKind};
use crate::scene::{FADING_LAYERS, ItemRef, Layer, Layers};

/// The side panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    /// The scenario's choices: model, year, timeline, joint centres, shared radars.
    #[default]
    Scenario,
    /// What the map shows: the layers, the annotations and the legend.
    Layers,
}

/// The side panel: its tabs, then the chosen one, scrolling inside the panel. Nothing in it is
/// wider than the panel (long texts wrap), so it keeps the width the user gave it.
pub fn ui(state: &mut AppState, ui: &mut egui::Ui) {
    // The panel keeps its width whatever a tab holds: a panel shrinks to narrower content and
    // would keep that width.
    ui.set_min_width(ui.available_width());
    ui.horizontal(|ui| {
        for (tab, text) in [(SideTab::Scenario, "Scenario"), (SideTab::Layers, "Layers")] {
            if ui.selectable_label(state.side_tab == tab, text).clicked() {
                state.side_tab = tab;
            }
        }
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match state.side_tab {
            SideTab::Scenario => {
                ui.heading(state.doc.scenario.name.clone());
                search(state, ui);
                ui.separator();
                super::scenario_panel::show(state, ui);
                super::playback::controls(state, ui);
                ui.separator();
                super::commands::UiCommand::ToggleCompare.button(ui, state);
            }
            SideTab::Layers => {
                egui::CollapsingHeader::new("Map layers")
                    .default_open(true)
                    .show(ui, |ui| layers(state, ui));
                egui::CollapsingHeader::new("Legend")
                    .default_open(true)
                    .show(ui, |ui| legend(state, ui));
            }
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
    let layers = &mut state.map.layers;
    toggle(ui, layers, Layer::Basemap, "Basemap (land and coasts)");
    toggle(ui, layers, Layer::Borders, "Borders");
    toggle(ui, layers, Layer::Graticule, "Graticule (10°)");
    toggle(ui, layers, Layer::Labels, "Labels");
    toggle(ui, layers, Layer::Rings, "Interceptor reach");
    ui.indent("planned rings", |ui| {
        ui.checkbox(&mut layers.rings_planned, "planned and being built too")
            .on_hover_text(
                "Also the reach of batteries not yet operational in the year shown (dashed)",
            );
    });
    toggle(ui, layers, Layer::Fans, "Radar coverage");
    toggle(ui, layers, Layer::Links, "Data links");
    toggle(ui, layers, Layer::Sectors, "Sectors of responsibility");
    toggle(
        ui,
        layers,
        Layer::Footprint,
        "Defended footprint (analysis)",
    );
    toggle(ui, layers, Layer::Trajectories, "ICBM paths (analysis)");
    toggle(ui, layers, Layer::Cities, "Cities");
    ui.label("Sites by kind");
    ui.indent("kinds", |ui| {
        for kind in SiteKind::ALL {
            toggle(ui, layers, Layer::Sites(kind), kind.label());
        }
    });
    toggle(ui, layers, Layer::Annotations, "Annotations");
    ui.indent("annotations", |ui| annotations(state, ui));
}

/// A layer's tick and, for the layers drawn over the map, its opacity beside it.
fn toggle(ui: &mut egui::Ui, layers: &mut Layers, layer: Layer, text: &str) {
    // Wrapped: where the panel is narrow, the opacity goes under the tick, never past the edge.
    ui.horizontal_wrapped(|ui| {
        let mut on = layers.shows(layer);
        if ui.checkbox(&mut on, text).changed() {
            layers.set(layer, on);
        }
        if FADING_LAYERS.contains(&layer) {
            opacity(ui, layers, layer, text);
        }
    });
}

/// A layer's opacity, 0–100 %, saved with the document and followed by the exports.
fn opacity(ui: &mut egui::Ui, layers: &mut Layers, layer: Layer, name: &str) {
    let mut percent = (layers.opacity_of(layer) * 100.0).round() as u8;
    let field = ui
        .add(
            egui::DragValue::new(&mut percent)
                .range(0..=100)
                .suffix(" %")
                .speed(1.0),
        )
        .on_hover_text("Opacity: how strongly this layer is drawn over the map");
    field.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::SpinButton, true, format!("{name} opacity"))
    });
    if field.changed() {
        layers.set_opacity(layer, percent);
    }
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
            let chosen = selected == Some(ItemRef::Annotation(i));
            let name = ui
                .add(egui::Button::selectable(chosen, &a.label).truncate())
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
            // Wrapped to the panel: a long entry never widens it.
            ui.add(egui::Label::new(&entry.text).wrap());
        });
    }
    ui.add_space(4.0);
    ui.weak("Ranges are open-source estimates; see each object's source in the inspector.");
}
