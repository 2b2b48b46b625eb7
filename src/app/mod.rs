//! The eframe application: map view, side panel (search, layers, legend), inspector, status bar.
//!
//! Each panel is a small module with one `ui` entry; the state lives in [`AppState`].

pub mod analysis_panel;
pub mod animation_dialog;
mod annotation_editor;
mod assumptions_panel;
pub mod commands;
mod compare;
mod compare_panel;
pub mod dialogs;
pub mod emphasis;
pub mod engagement_panel;
mod engagement_plot;
pub mod export_dialog;
pub mod files;
pub mod frame_trace;
mod help;
mod icbm_panel;
mod inspector;
mod map_panel;
mod map_scene;
mod measure_tool;
mod menu;
pub mod playback;
pub mod scenario_panel;
mod screenshot;
mod shortcuts;
pub mod side_panel;
mod site_editor;
mod state;
mod status_bar;
mod study_panel;
mod uncertainty_panel;

pub use analysis_panel::AnalysisTab;
pub use side_panel::SideTab;
pub use state::{AppState, Document, Edit, MapState, MarkDialog, Measure, Playback, Selection};

/// The BMD Atlas window.
pub struct AtlasApp {
    pub state: AppState,
    map: map_panel::MapPanel,
    title: String,
    /// Each frame's time, when asked for (`--trace-frames`).
    pub trace: Option<frame_trace::FrameTrace>,
}

impl AtlasApp {
    /// The app showing `state`.
    pub fn new(state: AppState) -> AtlasApp {
        AtlasApp {
            state,
            map: map_panel::MapPanel::default(),
            title: String::new(),
            trace: None,
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
        if self.state.repaint.is_none() {
            let window = ctx.clone();
            self.state.repaint = Some(std::sync::Arc::new(move || window.request_repaint()));
        }
        shortcuts::handle(&mut self.state, &ctx);
        self.dropped_files(&ctx);
        egui::Panel::top("menu").show(ui, |ui| menu::ui(&mut self.state, ui));
        egui::Panel::top("toolbar").show(ui, |ui| menu::toolbar(&mut self.state, ui));
        egui::Panel::bottom("status").show(ui, |ui| status_bar::ui(&mut self.state, &self.map, ui));
        egui::Panel::left("side")
            .default_size(300.0)
            // Content never widens the panel past this: the map keeps most of the window.
            .size_range(260.0..=520.0)
            .resizable(true)
            .show(ui, |ui| side_panel::ui(&mut self.state, ui));
        // The analysis under the map, where its wide tables fit; folded, only its tabs (a
        // panel of its own, so that the unfolded one keeps the height the user gave it).
        let analysis = if self.state.analysis_open {
            egui::Panel::bottom("analysis")
                .resizable(true)
                .default_size(300.0)
                .size_range(120.0..=700.0)
        } else {
            egui::Panel::bottom("analysis folded")
        };
        analysis.show(ui, |ui| analysis_panel::ui(&mut self.state, ui));
        if engagement_panel::has_threat(&self.state) {
            // The engagement timeline, under the map.
            egui::Panel::bottom("engagement")
                .resizable(true)
                .default_size(230.0)
                .show(ui, |ui| {
                    engagement_panel::timeline_panel(&mut self.state, ui)
                });
        }
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
        messages(&mut self.state, &ctx);
        export_dialog::ui(&mut self.state, &ctx);
        animation_dialog::ui(&mut self.state, &ctx);
        files::prompt(&mut self.state, &ctx);
        files::recovery_offer(&mut self.state, &ctx);
        dialogs::ui(&mut self.state, &ctx);
        help::ui(&mut self.state, &ctx);
        measure_tool::mark_dialog(&mut self.state, &ctx);
        let now = ctx.input(|i| i.time);
        if let Some(wait_s) = self.state.advance_playback(now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait_s));
        }
        self.state.autosave(now);
    }

    /// A scenario file dropped on the window opens (after the unsaved-changes prompt).
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped {
            self.state.request(files::Replace::Open(Some(path)));
        }
    }
}

/// Errors (a file that would not open or save) and warnings (unknown fields) for the user.
fn messages(state: &mut AppState, ctx: &egui::Context) {
    if let Some(error) = state.error.clone() {
        let mut open = true;
        egui::Window::new("Problem with a file")
            .collapsible(false)
            .open(&mut open)
            .show(ctx, |ui| {
                ui.label(error);
            });
        if !open {
            state.error = None;
        }
    }
    if !state.warnings.is_empty() {
        let mut open = true;
        egui::Window::new("Opened with warnings")
            .collapsible(false)
            .open(&mut open)
            .show(ctx, |ui| {
                for w in &state.warnings {
                    ui.label(format!("• {w}"));
                }
            });
        if !open {
            state.warnings.clear();
        }
    }
}

/// Key under which Open Recent is kept in eframe's storage.
const RECENT_KEY: &str = "recent-files";

impl AtlasApp {
    /// The app for a window: recent files from eframe's storage, autosave in its folder.
    pub fn for_window(mut state: AppState, cc: &eframe::CreationContext<'_>) -> AtlasApp {
        AtlasApp::install_fonts(&cc.egui_ctx);
        if let Some(storage) = cc.storage
            && let Some(recent) = eframe::get_value::<Vec<std::path::PathBuf>>(storage, RECENT_KEY)
        {
            state.recent = recent;
        }
        AtlasApp::new(state)
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        let ctx = ui.ctx().clone();
        // Closing with unsaved changes asks first; the prompt's answer closes for real.
        if ctx.input(|i| i.viewport().close_requested())
            && !self.state.quit_confirmed
            && self.state.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.request(files::Replace::Quit);
        }
        if self.state.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.state.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.show(ui);
        if let Some(trace) = &mut self.trace {
            let time = frame_trace::FrameTime {
                at_s: ctx.input(|i| i.time),
                app_ms: frame_trace::ms(started.elapsed()),
                previous_frame_ms: frame.info().cpu_usage.map(|s| f64::from(s) * 1000.0),
            };
            if let Err(e) = trace.record(time) {
                self.state.error = Some(format!("The frame trace stopped: {e}"));
                self.trace = None;
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.state.recent);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit leaves no autosave behind: the user saved or chose to discard.
        // The window is closing: there is nobody left to tell in the UI, so say it on stderr.
        if let Some(dir) = &self.state.recovery_dir
            && let Err(e) = crate::scenario::clear_recovery(dir)
        {
            eprintln!("bmd-atlas: the autosave in {} stays: {e}", dir.display());
        }
        if let Some(Err(e)) = self.trace.as_ref().map(frame_trace::FrameTrace::write) {
            eprintln!("bmd-atlas: the frame trace's last frames were not written: {e}");
        }
    }
}
