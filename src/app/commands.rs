//! Every action the user can take by menu, shortcut or button, in one registry (like rerun's
//! `UICommand`).
//!
//! A [`UiCommand`] knows its menu text, its tooltip, its keyboard shortcuts, when it is enabled and
//! what it does. The menu bar, the keyboard handler and the buttons in the inspector and the side
//! panel are all built from it, so a shortcut is written once and the menu always shows the key
//! that really works.
//!
//! Not commands: choices with a parameter (Open Recent's files, Add site's kinds, the projection
//! radios) stay in the menu, and arrow-key panning stays in `shortcuts.rs` as view navigation.

use egui::{self, Key, KeyboardShortcut, Modifiers};

use super::dialogs::{FileQuestion, FileUse};
use super::files::Replace;
use super::help::HelpWindow;
use super::{AppState, Measure};
use crate::scene::ItemRef;

/// One thing the user can do, from the menu, a shortcut or a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// File ▸ New: an empty scenario (asks first if there are unsaved changes).
    New,
    /// File ▸ Open…
    Open,
    /// File ▸ Save
    Save,
    /// File ▸ Save As…
    SaveAs,
    /// File ▸ Revert: back to the file on disk.
    Revert,
    /// File ▸ Export…: the briefing-page dialog.
    Export,
    /// File ▸ Export animation…: the years or the models as a GIF or an animated PNG.
    ExportAnimation,
    /// File ▸ Export picture as GeoJSON (QGIS)…
    ExportGeoJson,
    /// File ▸ Export picture as KML (Google Earth)…
    ExportKml,
    /// File ▸ Import sites from CSV or GeoJSON…
    ImportSites,
    /// File ▸ Copy view: the map as an image on the clipboard.
    CopyView,
    /// File ▸ Save window screenshot…
    SaveScreenshot,
    /// File ▸ Quit (Exit on Windows; in the application menu on macOS).
    Quit,
    /// Edit ▸ Undo
    Undo,
    /// Edit ▸ Redo
    Redo,
    /// Edit ▸ Duplicate, and the inspector's button.
    Duplicate,
    /// Edit ▸ Delete, and the inspector's button.
    Delete,
    /// Stop placing a new site, or measuring (Escape).
    Cancel,
    /// View ▸ Fit Europe: the projection's default extent.
    FitView,
    /// Zoom in around the centre of the map.
    ZoomIn,
    /// Zoom out around the centre of the map.
    ZoomOut,
    /// View ▸ Centred on selected site: the azimuthal equidistant projection on it.
    CentreOnSite,
    /// View ▸ Play the years (Space): step through the years, or stop.
    PlayYears,
    /// View ▸ Measure distance (M), and the toolbar: click points on the map.
    Measure,
    /// Remove the last measured point (Backspace).
    RemoveMeasurePoint,
    /// The side panel's "Compare side by side…" / "Close comparison".
    ToggleCompare,
    /// The inspector's "Edit fields" toggle.
    EditFields,
    /// The inspector's ✕.
    CloseInspector,
    /// Help ▸ Keyboard shortcuts
    KeyboardShortcuts,
    /// Help ▸ About BMD Atlas
    About,
}

/// `Cmd` on macOS, `Ctrl` elsewhere.
const CMD: Modifiers = Modifiers::COMMAND;
/// `Cmd+Shift` on macOS, `Ctrl+Shift` elsewhere.
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
/// No modifier: a bare key, which only acts on the map (see [`UiCommand::needs_map_focus`]).
const BARE: Modifiers = Modifiers::NONE;

const fn keys(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

/// How much the zoom keys zoom.
const ZOOM_STEP: f64 = 1.5;

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [UiCommand; 30] = [
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::Revert,
        UiCommand::Export,
        UiCommand::ExportAnimation,
        UiCommand::ExportGeoJson,
        UiCommand::ExportKml,
        UiCommand::ImportSites,
        UiCommand::CopyView,
        UiCommand::SaveScreenshot,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::Duplicate,
        UiCommand::Delete,
        UiCommand::Cancel,
        UiCommand::FitView,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::CentreOnSite,
        UiCommand::PlayYears,
        UiCommand::Measure,
        UiCommand::RemoveMeasurePoint,
        UiCommand::ToggleCompare,
        UiCommand::EditFields,
        UiCommand::CloseInspector,
        UiCommand::KeyboardShortcuts,
        UiCommand::About,
    ];

    /// The text in the menu or on the button, without state ("Undo", not "Undo Set year").
    pub fn name(self) -> &'static str {
        match self {
            UiCommand::New => "New",
            UiCommand::Open => "Open…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save As…",
            UiCommand::Revert => "Revert",
            UiCommand::Export => "Export…",
            UiCommand::ExportAnimation => "Export animation…",
            UiCommand::ExportGeoJson => "Export picture as GeoJSON (QGIS)…",
            UiCommand::ExportKml => "Export picture as KML (Google Earth)…",
            UiCommand::ImportSites => "Import sites from CSV or GeoJSON…",
            UiCommand::CopyView => "Copy view",
            UiCommand::SaveScreenshot => "Save window screenshot…",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::Duplicate => "Duplicate",
            UiCommand::Delete => "Delete",
            UiCommand::Cancel => "Cancel placing or measuring",
            UiCommand::FitView => "Fit Europe",
            UiCommand::ZoomIn => "Zoom in",
            UiCommand::ZoomOut => "Zoom out",
            UiCommand::CentreOnSite => "Centred on selected site",
            UiCommand::PlayYears => "Play the years",
            UiCommand::Measure => "Measure distance",
            UiCommand::RemoveMeasurePoint => "Remove last measured point",
            UiCommand::ToggleCompare => "Compare side by side…",
            UiCommand::EditFields => "Edit fields",
            UiCommand::CloseInspector => "Close the inspector",
            UiCommand::KeyboardShortcuts => "Keyboard shortcuts",
            UiCommand::About => "About BMD Atlas",
        }
    }

    /// The text in the menu or on the button for this state: "Undo Set year to 2018",
    /// "Close comparison" while comparing; otherwise [`UiCommand::name`].
    pub fn label(self, state: &AppState) -> String {
        let with = |what: Option<String>| match what {
            Some(what) => format!("{} {what}", self.name()),
            None => self.name().to_owned(),
        };
        match self {
            UiCommand::Undo => with(state.doc.history.undo_label()),
            UiCommand::Redo => with(state.doc.history.redo_label()),
            UiCommand::ToggleCompare if state.compare.is_some() => "Close comparison".to_owned(),
            UiCommand::Measure if state.map.measure.is_some() => "Stop measuring".to_owned(),
            UiCommand::PlayYears
                if state.scenario_playback.playing == Some(super::playback::Playing::Years) =>
            {
                "Stop the years".to_owned()
            }
            _ => self.name().to_owned(),
        }
    }

    /// The shorter text on the toolbar under the menu, for this state.
    pub fn toolbar_label(self, state: &AppState) -> String {
        match self {
            UiCommand::Measure if state.map.measure.is_some() => "Stop measuring".to_owned(),
            UiCommand::Measure => "Measure".to_owned(),
            UiCommand::ToggleCompare if state.compare.is_some() => "Close compare".to_owned(),
            UiCommand::ToggleCompare => "Compare".to_owned(),
            UiCommand::Export => "Export page".to_owned(),
            _ => self.label(state),
        }
    }

    /// What the command does, in a sentence, for its tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::New => "Start an empty scenario",
            UiCommand::Open => "Open a scenario file",
            UiCommand::Save => "Save the scenario to its file",
            UiCommand::SaveAs => "Save the scenario to a new file",
            UiCommand::Revert => "Throw away the unsaved changes and reload the file",
            UiCommand::Export => "Export a briefing page as PNG, SVG or PDF",
            UiCommand::ExportAnimation => {
                "The years or the models as a GIF or an animated PNG, each frame a full page"
            }
            UiCommand::ExportGeoJson => "Save what the map shows as GeoJSON, for QGIS",
            UiCommand::ExportKml => "Save what the map shows as KML, for Google Earth",
            UiCommand::ImportSites => "Add sites from a CSV or GeoJSON file",
            UiCommand::CopyView => "Copy the map as an image to the clipboard",
            UiCommand::SaveScreenshot => "Save exactly what the window shows as a PNG",
            UiCommand::Quit => "Close BMD Atlas (asks first if there are unsaved changes)",
            UiCommand::Undo => "Undo the last change",
            UiCommand::Redo => "Redo the change last undone",
            UiCommand::Duplicate => "Copy the selected site, a little to the east",
            UiCommand::Delete => "Delete the selected site",
            UiCommand::Cancel => "Stop placing a new site, or stop measuring and clear the path",
            UiCommand::FitView => "Show the whole map again",
            UiCommand::ZoomIn => "Zoom in around the centre of the map",
            UiCommand::ZoomOut => "Zoom out around the centre of the map",
            UiCommand::PlayYears => "Step through the years to 2025, as in a briefing; again stops",
            UiCommand::CentreOnSite => {
                "An azimuthal equidistant map centred on the selected site: distances and bearings \
                 from it are true"
            }
            UiCommand::Measure => {
                "Click points on the map (a site's symbol snaps to it) for geodesic distances and \
                 bearings"
            }
            UiCommand::RemoveMeasurePoint => "Take back the last point of the measured path",
            UiCommand::ToggleCompare => "Open or close a second map with its own choices",
            UiCommand::EditFields => "Edit every field; drag the site on the map",
            UiCommand::CloseInspector => "Close the inspector",
            UiCommand::KeyboardShortcuts => "List every keyboard shortcut",
            UiCommand::About => "The version, the data sources and the licences",
        }
    }

    /// The keys that run the command; the first is the one the menu shows. [`Modifiers::COMMAND`]
    /// is Cmd on macOS and Ctrl elsewhere.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            UiCommand::New => const { &[keys(CMD, Key::N)] },
            UiCommand::Open => const { &[keys(CMD, Key::O)] },
            UiCommand::Save => const { &[keys(CMD, Key::S)] },
            UiCommand::SaveAs => const { &[keys(CMD_SHIFT, Key::S)] },
            UiCommand::Export => const { &[keys(CMD, Key::E)] },
            // The menu shows it only where the platform wants it (`platform::quit_menu_item`).
            UiCommand::Quit => const { &[keys(CMD, Key::Q)] },
            UiCommand::Undo => const { &[keys(CMD, Key::Z)] },
            UiCommand::Redo => const { &[keys(CMD_SHIFT, Key::Z), keys(CMD, Key::Y)] },
            UiCommand::Duplicate => const { &[keys(CMD, Key::D)] },
            UiCommand::Delete => const { &[keys(BARE, Key::Delete)] },
            UiCommand::Cancel => const { &[keys(BARE, Key::Escape)] },
            UiCommand::FitView => const { &[keys(BARE, Key::Home)] },
            UiCommand::ZoomIn => const { &[keys(BARE, Key::Plus), keys(BARE, Key::Equals)] },
            UiCommand::ZoomOut => const { &[keys(BARE, Key::Minus)] },
            UiCommand::Measure => const { &[keys(BARE, Key::M)] },
            UiCommand::PlayYears => const { &[keys(BARE, Key::Space)] },
            UiCommand::RemoveMeasurePoint => const { &[keys(BARE, Key::Backspace)] },
            UiCommand::KeyboardShortcuts => const { &[keys(BARE, Key::F1)] },
            UiCommand::Revert
            | UiCommand::ExportAnimation
            | UiCommand::ExportGeoJson
            | UiCommand::ExportKml
            | UiCommand::ImportSites
            | UiCommand::CopyView
            | UiCommand::SaveScreenshot
            | UiCommand::ToggleCompare
            | UiCommand::EditFields
            | UiCommand::CloseInspector
            | UiCommand::CentreOnSite
            | UiCommand::About => &[],
        }
    }

    /// The main shortcut as this platform writes it (`Ctrl+S`, `⌘S`), for menus and tooltips.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }

    /// The tooltip, with the shortcut if there is one: "Delete the selected site (Delete)".
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        match self.shortcut_text(ctx) {
            Some(keys) => format!("{} ({keys})", self.tooltip()),
            None => self.tooltip().to_owned(),
        }
    }

    /// Whether the command can run now; a disabled command is greyed out and does nothing.
    pub fn is_enabled(self, state: &AppState) -> bool {
        let site_selected = matches!(state.selected(), Some(ItemRef::Site(_)));
        match self {
            UiCommand::Revert => state.is_dirty(),
            UiCommand::Undo => state.doc.history.undo_label().is_some(),
            UiCommand::Redo => state.doc.history.redo_label().is_some(),
            UiCommand::Duplicate
            | UiCommand::Delete
            | UiCommand::EditFields
            | UiCommand::CentreOnSite => site_selected,
            UiCommand::Cancel => state.placing.is_some() || state.map.measure.is_some(),
            UiCommand::RemoveMeasurePoint => state
                .map
                .measure
                .as_ref()
                .is_some_and(|m| !m.points.is_empty()),
            UiCommand::CloseInspector => state.selection.is_some(),
            _ => true,
        }
    }

    /// Whether the shortcut acts on the map and so must not fire while a text field has focus
    /// (Delete and the zoom keys would otherwise eat the text being typed).
    pub fn needs_map_focus(self) -> bool {
        matches!(
            self,
            UiCommand::Duplicate
                | UiCommand::Delete
                | UiCommand::KeyboardShortcuts
                | UiCommand::Cancel
                | UiCommand::FitView
                | UiCommand::ZoomIn
                | UiCommand::ZoomOut
                | UiCommand::Measure
                | UiCommand::RemoveMeasurePoint
                | UiCommand::PlayYears
        )
    }

    /// Runs the command, if it is enabled; otherwise does nothing. Failures are shown to the user
    /// (`state.error`, `state.notice`), never dropped.
    pub fn execute(self, state: &mut AppState, ctx: &egui::Context) {
        if !self.is_enabled(state) {
            return;
        }
        match self {
            UiCommand::New => state.request(Replace::New),
            UiCommand::Open => state.request(Replace::Open(None)),
            // Both report their own failure; whether the file is now saved shows in the title.
            UiCommand::Save => state.save(),
            UiCommand::SaveAs => state.save_as(),
            UiCommand::Revert => state.request(Replace::Revert),
            UiCommand::Export => super::export_dialog::open(state),
            UiCommand::ExportAnimation => super::animation_dialog::open(state),
            UiCommand::ExportGeoJson => export_picture(state, "picture.geojson"),
            UiCommand::ExportKml => export_picture(state, "picture.kml"),
            UiCommand::ImportSites => state.ask_file(FileQuestion::import(), FileUse::Import),
            UiCommand::CopyView => match super::export_dialog::view_image(state) {
                Ok(image) => ctx.copy_image(image),
                Err(e) => state.error = Some(format!("Could not copy the view: {e}")),
            },
            UiCommand::SaveScreenshot => super::export_dialog::save_window_screenshot(state),
            // Closing with unsaved changes asks first (`AtlasApp::ui`).
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => state.undo(),
            UiCommand::Redo => state.redo(),
            UiCommand::Duplicate => state.duplicate_selected(),
            UiCommand::Delete => state.delete_selected(),
            UiCommand::Cancel => {
                state.placing = None;
                state.map.measure = None;
            }
            UiCommand::FitView => state.fit(),
            UiCommand::ZoomIn => zoom(state, ZOOM_STEP),
            UiCommand::ZoomOut => zoom(state, 1.0 / ZOOM_STEP),
            UiCommand::PlayYears => state.toggle_playback(super::playback::Playing::Years),
            UiCommand::CentreOnSite => {
                if let Some(ItemRef::Site(i)) = state.selected() {
                    state.centre_on_site(i);
                }
            }
            UiCommand::Measure => {
                state.map.measure = match state.map.measure {
                    Some(_) => None,
                    None => Some(Measure::default()),
                }
            }
            UiCommand::RemoveMeasurePoint => {
                if let Some(m) = state.map.measure.as_mut() {
                    m.pop();
                }
            }
            UiCommand::ToggleCompare => state.toggle_compare(),
            UiCommand::EditFields => state.editing = !state.editing,
            UiCommand::CloseInspector => state.selection = None,
            UiCommand::KeyboardShortcuts => state.help = Some(HelpWindow::Shortcuts),
            UiCommand::About => state.help = Some(HelpWindow::About),
        }
    }

    /// A button for the command: its label, tooltip and enabled state; a click runs it.
    pub fn button(self, ui: &mut egui::Ui, state: &mut AppState) -> egui::Response {
        let button = egui::Button::new(self.label(state));
        self.show(ui, state, button)
    }

    /// [`UiCommand::button`], small, as in the inspector's header.
    pub fn small_button(self, ui: &mut egui::Ui, state: &mut AppState) -> egui::Response {
        let button = egui::Button::new(self.label(state)).small();
        self.show(ui, state, button)
    }

    /// Shows `button` (for a custom look, like the inspector's ✕) enabled as the command is, with
    /// its tooltip; a click runs the command.
    pub fn show(
        self,
        ui: &mut egui::Ui,
        state: &mut AppState,
        button: egui::Button<'_>,
    ) -> egui::Response {
        let response = ui
            .add_enabled(self.is_enabled(state), button)
            .on_hover_text(self.hover_text(ui.ctx()));
        if response.clicked() {
            self.execute(state, &ui.ctx().clone());
        }
        response
    }
}

/// Asks where to save the picture (suggesting `suggested`, whose extension picks the format),
/// then saves it there.
fn export_picture(state: &mut AppState, suggested: &str) {
    state.ask_file(FileQuestion::export(suggested), FileUse::ExportPicture);
}

/// Zooms by `factor` around the centre of the map.
fn zoom(state: &mut AppState, factor: f64) {
    let centre = [
        state.map.view.size_px[0] / 2.0,
        state.map.view.size_px[1] / 2.0,
    ];
    state.map.view.zoom_about(centre, factor);
}

/// How many modifiers a shortcut needs (Cmd/Ctrl counting once); more is more specific.
fn modifier_count(m: Modifiers) -> usize {
    usize::from(m.alt) + usize::from(m.shift) + usize::from(m.ctrl || m.command || m.mac_cmd)
}

/// Whether `shortcut` was pressed this frame. Shortcuts with a modifier are consumed, so that no
/// other shortcut or widget acts on them too. Bare keys (Delete, Escape, Home, +, −) are only
/// looked at: Escape must still close menus and dialogs, and egui's own widgets read them.
/// Both match as egui does ([`Modifiers::matches_logically`]: an extra Shift or Alt is allowed,
/// an extra Cmd/Ctrl is not), so Ctrl+Home is not Home.
fn take(input: &mut egui::InputState, shortcut: &KeyboardShortcut) -> bool {
    if shortcut.modifiers.any() {
        return input.consume_shortcut(shortcut);
    }
    input.events.iter().any(|e| {
        matches!(
            e,
            egui::Event::Key { key, pressed: true, modifiers, .. }
                if *key == shortcut.logical_key && modifiers.matches_logically(shortcut.modifiers)
        )
    })
}

/// The commands whose shortcuts were pressed this frame, each once, consuming their keys.
///
/// Longer modifier sets are tried first, because egui lets extra Shift through: Cmd+Shift+S is
/// Save As and is consumed before Save's Cmd+S could also match it. While a text field has focus
/// the map's shortcuts ([`UiCommand::needs_map_focus`]) are left alone for the field.
pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut bindings: Vec<(UiCommand, &KeyboardShortcut)> = UiCommand::ALL
        .iter()
        .filter(|c| !(typing && c.needs_map_focus()))
        .flat_map(|&c| c.shortcuts().iter().map(move |s| (c, s)))
        .collect();
    // A stable sort: equally specific shortcuts keep menu order.
    bindings.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        for (command, shortcut) in bindings {
            if take(input, shortcut) && !commands.contains(&command) {
                commands.push(command);
            }
        }
    });
    commands
}

/// Runs every command whose shortcut was pressed this frame (see [`pressed`]).
pub fn handle_shortcuts(state: &mut AppState, ctx: &egui::Context) {
    for command in pressed(ctx) {
        command.execute(state, ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_command_once() {
        for (i, a) in UiCommand::ALL.iter().enumerate() {
            assert!(!UiCommand::ALL[..i].contains(a), "{a:?} twice");
        }
    }

    #[test]
    fn longer_modifier_sets_count_more() {
        assert!(modifier_count(CMD_SHIFT) > modifier_count(CMD));
        assert!(modifier_count(CMD) > modifier_count(BARE));
        assert_eq!(modifier_count(Modifiers::CTRL | Modifiers::COMMAND), 1);
    }
}
