//! The eframe application: map view, side panel (search, layers, legend), inspector, status bar.
//!
//! Each panel is a small module with one `ui` entry; the state lives in [`AppState`].

mod compare_panel;
mod inspector;
mod map_panel;
mod scenario_panel;
mod side_panel;
mod state;
mod status_bar;

pub use state::AppState;

use eframe::egui;

/// The BMD Atlas window.
pub struct AtlasApp {
    pub state: AppState,
    map: map_panel::MapPanel,
    title: String,
}

impl AtlasApp {
    /// The app showing `state`.
    pub fn new(state: AppState) -> AtlasApp {
        AtlasApp {
            state,
            map: map_panel::MapPanel::default(),
            title: String::new(),
        }
    }

    /// Installs the bundled font, so the window and the exports set text alike.
    pub fn install_fonts(ctx: &egui::Context) {
        let mut fonts = egui::FontDefinitions::default();
        fonts.font_data.insert(
            "dejavu".to_owned(),
            std::sync::Arc::new(egui::FontData::from_static(crate::font::FONT_BYTES)),
        );
        if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
            family.insert(0, "dejavu".to_owned());
        }
        ctx.set_fonts(fonts);
    }

    /// Draws the whole UI; the same function serves the window and the UI tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| status_bar::ui(&mut self.state, &self.map, ui));
        egui::Panel::left("side")
            .default_size(290.0)
            .resizable(true)
            .show(ui, |ui| side_panel::ui(&mut self.state, ui));
        if self.state.compare.is_some() {
            egui::Panel::bottom("compare")
                .resizable(true)
                .default_size(200.0)
                .show(ui, |ui| compare_panel::ui(&mut self.state, ui));
        }
        if self.state.selection.is_some() {
            egui::Panel::right("inspector")
                .default_size(320.0)
                .resizable(true)
                .show(ui, |ui| inspector::ui(&mut self.state, ui));
        }
        egui::CentralPanel::no_frame().show(ui, |ui| self.map.ui(&mut self.state, ui));
        if let Some(error) = self.state.error.clone() {
            let mut open = true;
            egui::Window::new("Could not open the file")
                .collapsible(false)
                .open(&mut open)
                .show(&ctx, |ui| {
                    ui.label(error);
                    ui.label("The scenario shown is unchanged.");
                });
            if !open {
                self.state.error = None;
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open…").clicked() {
                    if let Some(path) = rfd_pick() {
                        self.state.open(path);
                    }
                    ui.close();
                }
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.state.history.undo_label();
                let label = undo
                    .as_ref()
                    .map_or("Undo".to_owned(), |l| format!("Undo {l}"));
                if ui
                    .add_enabled(undo.is_some(), egui::Button::new(label))
                    .clicked()
                {
                    self.state.undo();
                    ui.close();
                }
                let redo = self.state.history.redo_label();
                let label = redo
                    .as_ref()
                    .map_or("Redo".to_owned(), |l| format!("Redo {l}"));
                if ui
                    .add_enabled(redo.is_some(), egui::Button::new(label))
                    .clicked()
                {
                    self.state.redo();
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                for kind in crate::geodesy::ProjectionKind::ALL {
                    if ui
                        .radio(self.state.view.projection == kind, kind.projection().name())
                        .clicked()
                    {
                        self.state.set_projection(kind);
                        ui.close();
                    }
                }
                ui.separator();
                if ui.button("Fit Europe (Home)").clicked() {
                    self.state.fit();
                    ui.close();
                }
            });
        });
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        // Undo and redo work everywhere; COMMAND is Cmd on macOS and Ctrl elsewhere.
        let undo = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
        let redo = egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::Z,
        );
        let redo_y = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
        // Consume the longer shortcut first, or Cmd+Z would also match Cmd+Shift+Z.
        if ctx.input_mut(|i| i.consume_shortcut(&redo) || i.consume_shortcut(&redo_y)) {
            self.state.redo();
        } else if ctx.input_mut(|i| i.consume_shortcut(&undo)) {
            self.state.undo();
        }
        // Other keys go to the map only when no text field has focus.
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let (home, plus, minus, arrows) = ctx.input(|i| {
            let k = |key| i.key_pressed(key);
            (
                k(egui::Key::Home),
                k(egui::Key::Plus) || k(egui::Key::Equals),
                k(egui::Key::Minus),
                [
                    k(egui::Key::ArrowLeft),
                    k(egui::Key::ArrowRight),
                    k(egui::Key::ArrowUp),
                    k(egui::Key::ArrowDown),
                ],
            )
        });
        let view = &mut self.state.view;
        let centre = [view.size_px[0] / 2.0, view.size_px[1] / 2.0];
        if home {
            self.state.fit();
        }
        let view = &mut self.state.view;
        if plus {
            view.zoom_about(centre, 1.5);
        }
        if minus {
            view.zoom_about(centre, 1.0 / 1.5);
        }
        let step = 100.0;
        let [left, right, up, down] = arrows;
        let dx = if left {
            step
        } else if right {
            -step
        } else {
            0.0
        };
        let dy = if up {
            step
        } else if down {
            -step
        } else {
            0.0
        };
        if dx != 0.0 || dy != 0.0 {
            view.pan_by_pixels([dx, dy]);
        }
    }
}

/// The native file dialog is not available in this build yet; files open from the command line.
fn rfd_pick() -> Option<std::path::PathBuf> {
    None
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let title = self.state.title();
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.show(ui);
    }
}
