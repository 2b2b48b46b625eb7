//! The menu bar: File, Edit, View.

use eframe::egui;

use super::AppState;
use super::files::Replace;
use crate::geodesy::ProjectionKind;
use crate::scenario::SiteKind;
use crate::scene::ItemRef;

/// `Ctrl+S` on Windows and Linux, `⌘S` on macOS.
fn shortcut(ui: &egui::Ui, modifiers: egui::Modifiers, key: egui::Key) -> String {
    ui.ctx()
        .format_shortcut(&egui::KeyboardShortcut::new(modifiers, key))
}

fn item(ui: &mut egui::Ui, text: &str, shortcut: Option<String>, enabled: bool) -> bool {
    let mut button = egui::Button::new(text);
    if let Some(s) = shortcut {
        button = button.shortcut_text(s);
    }
    let clicked = ui.add_enabled(enabled, button).clicked();
    if clicked {
        ui.close();
    }
    clicked
}

pub fn ui(state: &mut AppState, ui: &mut egui::Ui) {
    let cmd = egui::Modifiers::COMMAND;
    let cmd_shift = egui::Modifiers::COMMAND | egui::Modifiers::SHIFT;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "New", Some(shortcut(ui, cmd, egui::Key::N)), true) {
                state.request(Replace::New);
            }
            if item(ui, "Open…", Some(shortcut(ui, cmd, egui::Key::O)), true) {
                state.request(Replace::Open(None));
            }
            ui.menu_button("Open Recent", |ui| {
                if state.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in state.recent.clone() {
                    if item(ui, &path.display().to_string(), None, true) {
                        state.request(Replace::Open(Some(path)));
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", Some(shortcut(ui, cmd, egui::Key::S)), true) {
                state.save();
            }
            if item(
                ui,
                "Save As…",
                Some(shortcut(ui, cmd_shift, egui::Key::S)),
                true,
            ) {
                state.save_as();
            }
            if item(ui, "Revert", None, state.is_dirty()) {
                state.request(Replace::Revert);
            }
            ui.separator();
            if item(ui, "Export…", Some(shortcut(ui, cmd, egui::Key::E)), true) {
                super::export_dialog::open(state);
            }
            if item(ui, "Export picture as GeoJSON (QGIS)…", None, true)
                && let Some(path) = state.dialogs.export("picture.geojson")
            {
                state.export_exchange(&path);
            }
            if item(ui, "Export picture as KML (Google Earth)…", None, true)
                && let Some(path) = state.dialogs.export("picture.kml")
            {
                state.export_exchange(&path);
            }
            if item(ui, "Import sites from CSV or GeoJSON…", None, true)
                && let Some(path) = state.dialogs.import()
            {
                state.import_sites(&path);
            }
            if item(ui, "Copy view", None, true) {
                match super::export_dialog::view_image(state) {
                    Ok(image) => ui.ctx().copy_image(image),
                    Err(e) => state.error = Some(format!("Could not copy the view: {e}")),
                }
            }
            if item(ui, "Save window screenshot…", None, true) {
                super::export_dialog::save_window_screenshot(state, ui.ctx());
            }
            ui.separator();
            // "Exit" on Windows, "Quit" on Linux, and none on macOS (it is in the app menu).
            if let Some((label, key)) = crate::platform::quit_menu_item(ui.ctx().os()) {
                let text = key.map(|k| ui.ctx().format_shortcut(&k));
                if item(ui, label, text, true) {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = state.history.undo_label();
            let text = undo
                .as_ref()
                .map_or("Undo".to_owned(), |l| format!("Undo {l}"));
            if item(
                ui,
                &text,
                Some(shortcut(ui, cmd, egui::Key::Z)),
                undo.is_some(),
            ) {
                state.undo();
            }
            let redo = state.history.redo_label();
            let text = redo
                .as_ref()
                .map_or("Redo".to_owned(), |l| format!("Redo {l}"));
            if item(
                ui,
                &text,
                Some(shortcut(ui, cmd_shift, egui::Key::Z)),
                redo.is_some(),
            ) {
                state.redo();
            }
            ui.separator();
            ui.menu_button("Add site", |ui| {
                for kind in SiteKind::ALL {
                    if item(ui, kind.label(), None, true) {
                        state.placing = Some(kind);
                    }
                }
            });
            let site = matches!(state.selection, Some(ItemRef::Site(_)));
            if item(ui, "Duplicate", Some(shortcut(ui, cmd, egui::Key::D)), site) {
                state.duplicate_selected();
            }
            if item(ui, "Delete", Some("Del".to_owned()), site) {
                state.delete_selected();
            }
        });
        ui.menu_button("View", |ui| {
            for kind in ProjectionKind::ALL {
                if ui
                    .radio(state.view.projection == kind, kind.projection().name())
                    .clicked()
                {
                    state.set_projection(kind);
                    ui.close();
                }
            }
            ui.separator();
            if item(ui, "Fit Europe", Some("Home".to_owned()), true) {
                state.fit();
            }
        });
    });
}
