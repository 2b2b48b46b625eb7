//! The menu bar: File, Edit, View, Help. Every item that is a command comes from the registry
//! ([`UiCommand`]): its label, shortcut text, enabled state and tooltip.

use super::AppState;
use super::commands::UiCommand;
use super::files::Replace;
use crate::geodesy::ProjectionKind;
use crate::scenario::{SiteKind, SymbolSize, SymbolStyle};

/// A menu item that is not a command (a recent file, a kind of site); closes the menu and
/// returns true when clicked.
fn item(ui: &mut egui::Ui, text: &str) -> bool {
    let clicked = ui.button(text).clicked();
    if clicked {
        ui.close();
    }
    clicked
}

/// The menu item for `command`, labelled `label`: the registry's shortcut text, enabled state and
/// tooltip; a click closes the menu and runs the command.
fn command_item_labelled(
    ui: &mut egui::Ui,
    state: &mut AppState,
    command: UiCommand,
    label: &str,
    shortcut: Option<String>,
) {
    let mut button = egui::Button::new(label);
    if let Some(s) = shortcut {
        button = button.shortcut_text(s);
    }
    let response = ui
        .add_enabled(command.is_enabled(state), button)
        .on_hover_text(command.tooltip());
    if response.clicked() {
        ui.close();
        command.execute(state, &ui.ctx().clone());
    }
}

/// The menu item for `command`, as the registry describes it.
fn command_item(ui: &mut egui::Ui, state: &mut AppState, command: UiCommand) {
    let label = command.label(state);
    let shortcut = command.shortcut_text(ui.ctx());
    command_item_labelled(ui, state, command, &label, shortcut);
}

/// The menu bar.
pub fn ui(state: &mut AppState, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(state, ui));
        ui.menu_button("Edit", |ui| edit_menu(state, ui));
        ui.menu_button("View", |ui| view_menu(state, ui));
        ui.menu_button("Help", |ui| {
            command_item(ui, state, UiCommand::KeyboardShortcuts);
            command_item(ui, state, UiCommand::About);
        });
    });
}

fn file_menu(state: &mut AppState, ui: &mut egui::Ui) {
    command_item(ui, state, UiCommand::New);
    command_item(ui, state, UiCommand::Open);
    ui.menu_button("Open Recent", |ui| {
        if state.recent.is_empty() {
            ui.weak("No recent files");
        }
        for path in state.recent.clone() {
            if item(ui, &path.display().to_string()) {
                state.request(Replace::Open(Some(path)));
            }
        }
    });
    ui.separator();
    for command in [UiCommand::Save, UiCommand::SaveAs, UiCommand::Revert] {
        command_item(ui, state, command);
    }
    ui.separator();
    for command in [
        UiCommand::Export,
        UiCommand::ExportAnimation,
        UiCommand::ExportGeoJson,
        UiCommand::ExportKml,
        UiCommand::ImportSites,
        UiCommand::CopyView,
        UiCommand::SaveScreenshot,
    ] {
        command_item(ui, state, command);
    }
    ui.separator();
    // "Exit" on Windows, "Quit" on Linux, and none on macOS (it is in the app menu). The platform
    // decides the label and whether to show a shortcut; the registry which shortcut it is.
    if let Some((label, key)) = crate::platform::quit_menu_item(ui.ctx().os()) {
        let text = key.and_then(|_| UiCommand::Quit.shortcut_text(ui.ctx()));
        command_item_labelled(ui, state, UiCommand::Quit, label, text);
    }
}

fn edit_menu(state: &mut AppState, ui: &mut egui::Ui) {
    command_item(ui, state, UiCommand::Undo);
    command_item(ui, state, UiCommand::Redo);
    ui.separator();
    ui.menu_button("Add site", |ui| {
        for kind in SiteKind::ALL {
            if item(ui, kind.label()) {
                state.placing = Some(kind);
            }
        }
    });
    command_item(ui, state, UiCommand::Duplicate);
    command_item(ui, state, UiCommand::Delete);
}

fn view_menu(state: &mut AppState, ui: &mut egui::Ui) {
    for kind in ProjectionKind::ALL {
        if ui
            .radio(state.map.view.projection == kind, kind.projection().name())
            .clicked()
        {
            state.set_projection(kind);
            ui.close();
        }
    }
    if let ProjectionKind::Centred(_) = state.map.view.projection {
        let name = state.scene().projection_name.clone();
        // The projection in force: choosing another leaves it.
        ui.label(format!("◉ {name}"));
    }
    command_item(ui, state, UiCommand::CentreOnSite);
    ui.separator();
    ui.menu_button("Symbols", |ui| {
        if symbol_choice(ui, &mut state.map.layers.symbols) {
            ui.close();
        }
    });
    ui.menu_button("Symbol size", |ui| {
        if symbol_size_choice(ui, &mut state.map.layers.symbol_size) {
            ui.close();
        }
    });
    command_item(ui, state, UiCommand::PlayYears);
    command_item(ui, state, UiCommand::FitView);
    command_item(ui, state, UiCommand::Measure);
    command_item(ui, state, UiCommand::ToggleCompare);
}

/// A radio button for each way of drawing the sites, with what it shows as its tooltip: View ▸
/// Symbols and the Export dialog. Returns whether one was chosen.
pub(super) fn symbol_choice(ui: &mut egui::Ui, symbols: &mut SymbolStyle) -> bool {
    let mut chosen = false;
    for style in SymbolStyle::ALL {
        let on = *symbols == style;
        if ui
            .radio(on, style.label())
            .on_hover_text(style_help(style))
            .clicked()
        {
            *symbols = style;
            chosen = true;
        }
    }
    chosen
}

/// A radio button for each size of the sites' symbols: View ▸ Symbol size and the Export
/// dialog. Returns whether one was chosen.
pub(super) fn symbol_size_choice(ui: &mut egui::Ui, size: &mut SymbolSize) -> bool {
    let mut chosen = false;
    for choice in SymbolSize::ALL {
        let percent = (choice.factor() * 100.0).round();
        if ui
            .radio(*size == choice, choice.label())
            .on_hover_text(format!(
                "Sites drawn at {percent} % of their usual size; labels make room"
            ))
            .clicked()
        {
            *size = choice;
            chosen = true;
        }
    }
    chosen
}

/// What each way of drawing the sites shows, for its radio button's tooltip.
fn style_help(style: SymbolStyle) -> &'static str {
    match style {
        SymbolStyle::Simple => "A shape per kind of site in its side's colour",
        SymbolStyle::App6 => {
            "MIL-STD-2525D / APP-6(D) military symbols from each site's SIDC (the inspector shows and edits it)"
        }
    }
}

/// The toolbar under the menu: the commands analysts use most, as the registry describes them.
pub fn toolbar(state: &mut AppState, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        for command in [
            UiCommand::Measure,
            UiCommand::ToggleCompare,
            UiCommand::Export,
        ] {
            let label = command.toolbar_label(state);
            command.show(ui, state, egui::Button::new(label));
        }
        ui.separator();
        for kind in ProjectionKind::ALL {
            let on = state.map.view.projection == kind;
            if ui.selectable_label(on, kind.projection().name()).clicked() && !on {
                state.set_projection(kind);
            }
        }
        if let ProjectionKind::Centred(_) = state.map.view.projection {
            let name = state.scene().projection_name.clone();
            // Shown as chosen; the two above leave it.
            ui.add_enabled(false, egui::Button::selectable(true, name));
        }
    });
}
