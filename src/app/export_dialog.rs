//! The Export… dialog: page presets, format, page furniture, a live preview, and the export itself
//! on a worker thread with a progress indicator. "Copy view" and "Save window screenshot" live in
//! `app/screenshot.rs` and are re-exported here.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::SystemTime;

pub use super::screenshot::{ScreenshotRequest, save_window_screenshot, view_image};

use super::AppState;
use super::screenshot::take_screenshot;
use crate::analysis::Analysis;
use crate::export::{
    self, ExportOptions, ExportRequest, Format, Marking, Orientation, PRESETS, PageSize, Paper,
};
use crate::scenario::Scenario;

/// Page presets offered first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Hd,
    Uhd,
    A4,
    A3,
    CustomPixels,
    CustomPaper,
}

impl Preset {
    const ALL: [Preset; 6] = [
        Preset::Hd,
        Preset::Uhd,
        Preset::A4,
        Preset::A3,
        Preset::CustomPixels,
        Preset::CustomPaper,
    ];

    fn label(self) -> &'static str {
        match self {
            Preset::Hd => "Slide 1920×1080",
            Preset::Uhd => "Slide 3840×2160",
            Preset::A4 => "A4 landscape, 300 dpi",
            Preset::A3 => "A3 landscape, 300 dpi",
            Preset::CustomPixels => "Custom width × height",
            Preset::CustomPaper => "Custom paper and dpi",
        }
    }
}

/// The dialog's choices, kept between openings.
pub struct ExportDialog {
    pub open: bool,
    pub preset: Preset,
    pub width: u32,
    pub height: u32,
    pub paper: Paper,
    pub portrait: bool,
    pub dpi: f32,
    pub format: Format,
    pub title: String,
    pub subtitle: String,
    /// A preset name or any text; empty means no banner.
    pub marking: String,
    pub preparer: String,
    pub date: bool,
    pub legend: bool,
    pub scale_bar: bool,
    pub north_arrow: bool,
    pub source_line: bool,
    /// Put the comparison's right-hand map beside the main one.
    pub side_by_side: bool,
    /// Carry the scenario in the page, so that opening the page opens the analysis.
    pub embed: bool,
    preview: Option<(u64, egui::TextureHandle)>,
    job: Option<Job>,
    /// The outcome of the last export, for the user.
    pub last: Option<Result<String, String>>,
}

struct Job {
    done: mpsc::Receiver<Result<String, String>>,
    started: f64,
    what: String,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            open: false,
            preset: Preset::Hd,
            width: 1920,
            height: 1080,
            paper: Paper::A4,
            portrait: false,
            dpi: 300.0,
            format: Format::Png,
            title: String::new(),
            subtitle: String::new(),
            marking: String::new(),
            preparer: String::new(),
            date: true,
            legend: true,
            scale_bar: true,
            north_arrow: true,
            source_line: true,
            side_by_side: false,
            embed: true,
            preview: None,
            job: None,
            last: None,
        }
    }
}

impl ExportDialog {
    /// The page size the choices describe.
    pub fn page(&self) -> PageSize {
        let paper = |paper, portrait: bool, dpi| PageSize::Paper {
            paper,
            orientation: if portrait {
                Orientation::Portrait
            } else {
                Orientation::Landscape
            },
            dpi,
        };
        match self.preset {
            Preset::Hd => PageSize::Pixels {
                width: 1920,
                height: 1080,
            },
            Preset::Uhd => PageSize::Pixels {
                width: 3840,
                height: 2160,
            },
            Preset::A4 => paper(Paper::A4, false, 300.0),
            Preset::A3 => paper(Paper::A3, false, 300.0),
            Preset::CustomPixels => PageSize::Pixels {
                width: self.width,
                height: self.height,
            },
            Preset::CustomPaper => paper(self.paper, self.portrait, self.dpi),
        }
    }

    /// The export options for a scenario (and its comparison, for the subtitle).
    pub fn options(&self, scenario: &Scenario, compare: Option<&Scenario>) -> ExportOptions {
        let defaults = ExportOptions::for_scenario(scenario);
        let subtitle = match compare {
            Some(c) if self.subtitle.is_empty() => format!("{} vs {}", choice(scenario), choice(c)),
            _ if self.subtitle.is_empty() => format!(
                "{} · {}",
                choice(scenario),
                scenario.active_model().map_or("", |m| m.assurance.label())
            ),
            _ => self.subtitle.clone(),
        };
        let marking = self.marking.trim();
        ExportOptions {
            page: self.page(),
            format: self.format,
            title: if self.title.is_empty() {
                defaults.title
            } else {
                self.title.clone()
            },
            subtitle,
            marking: (!marking.is_empty())
                .then(|| Marking::preset(marking).unwrap_or_else(|| Marking::parse(marking))),
            as_of: self.date.then(SystemTime::now),
            preparer: Some(self.preparer.trim().to_owned()).filter(|p| !p.is_empty()),
            legend: self.legend,
            scale_bar: self.scale_bar,
            north_arrow: self.north_arrow,
            source_line: self.source_line,
            banner: true,
        }
    }
}

/// "2016 · Two coordinated systems (NATO/US offer) · as it happened": a map's choices, for the
/// default subtitle (the panel caption's rule, with the timeline).
fn choice(s: &Scenario) -> String {
    format!("{} · {}", export::panel_caption(s), s.timeline.label())
}

/// The one export request of the dialog, its preview and its worker: the window's scenario,
/// comparison, view, layers and computed analyses, with the dialog's options.
pub(super) fn request(state: &AppState) -> ExportRequest {
    let compare = compare_for_export(state);
    let options = state.export.options(&state.doc.scenario, compare.as_ref());
    ExportRequest {
        compare,
        projection: state.map.view.projection,
        view: Some(state.map.view),
        layers: state.map.layers.clone(),
        options,
        analyses: known_analyses(state),
        engagements: [state.engagement_drawing(), None],
        embed: state.export.embed,
        basemaps: state.basemaps().clone(),
        ..ExportRequest::new(state.doc.scenario.clone())
    }
}

/// Opens the dialog (Ctrl/Cmd+E).
pub fn open(state: &mut AppState) {
    state.export.open = true;
}

pub fn ui(state: &mut AppState, ctx: &egui::Context) {
    poll(state, ctx);
    take_screenshot(state);
    if !state.export.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Export briefing image")
        .open(&mut open)
        .default_width(760.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(330.0);
                    choices(state, ui);
                });
                ui.separator();
                ui.vertical(|ui| preview(state, ui));
            });
        });
    state.export.open &= open;
}

/// The left column of the dialog: the page, the texts and marking, the furniture, and the
/// Export… button with the outcome of the last export.
fn choices(state: &mut AppState, ui: &mut egui::Ui) {
    let d = &mut state.export;
    egui::Grid::new("export-page")
        .num_columns(2)
        .show(ui, |ui| {
            page_rows(d, ui);
            format_row(d, ui);
            title_rows(d, ui);
            marking_row(d, ui);
            let label = ui.label("Prepared by");
            ui.add(egui::TextEdit::singleline(&mut d.preparer))
                .labelled_by(label.id);
            ui.end_row();
        });
    furniture(state, ui);
    ui.add_space(8.0);
    export_button(state, ui);
    last_outcome(&state.export.last, ui);
}

/// The page preset, and the size or paper and resolution of a custom one.
fn page_rows(d: &mut ExportDialog, ui: &mut egui::Ui) {
    let label = ui.label("Page");
    egui::ComboBox::from_id_salt("export-preset")
        .selected_text(d.preset.label())
        .show_ui(ui, |ui| {
            for p in Preset::ALL {
                ui.selectable_value(&mut d.preset, p, p.label());
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    match d.preset {
        Preset::CustomPixels => {
            ui.label("Size");
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut d.width)
                        .range(100..=16_000)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut d.height)
                        .range(100..=16_000)
                        .suffix(" px"),
                );
            });
            ui.end_row();
        }
        Preset::CustomPaper => {
            ui.label("Paper");
            ui.horizontal(|ui| {
                ui.selectable_value(&mut d.paper, Paper::A4, "A4");
                ui.selectable_value(&mut d.paper, Paper::A3, "A3");
                ui.checkbox(&mut d.portrait, "portrait");
            });
            ui.end_row();
            ui.label("Resolution");
            ui.add(
                egui::DragValue::new(&mut d.dpi)
                    .range(72.0..=600.0)
                    .suffix(" dpi"),
            );
            ui.end_row();
        }
        _ => {}
    }
}

/// PNG, SVG or PDF.
fn format_row(d: &mut ExportDialog, ui: &mut egui::Ui) {
    ui.label("Format");
    ui.horizontal(|ui| {
        for f in [Format::Png, Format::Svg, Format::Pdf] {
            ui.selectable_value(&mut d.format, f, f.to_string());
        }
    });
    ui.end_row();
}

/// The title and the subtitle.
fn title_rows(d: &mut ExportDialog, ui: &mut egui::Ui) {
    let label = ui.label("Title");
    ui.add(egui::TextEdit::singleline(&mut d.title).hint_text("scenario name"))
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Subtitle");
    ui.add(egui::TextEdit::singleline(&mut d.subtitle).hint_text("model, year, timeline"))
        .labelled_by(label.id);
    ui.end_row();
}

/// The marking: none, a preset, or any text.
fn marking_row(d: &mut ExportDialog, ui: &mut egui::Ui) {
    let label = ui.label("Marking");
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("export-marking")
            .selected_text(if d.marking.is_empty() {
                "None"
            } else {
                d.marking.as_str()
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut d.marking, String::new(), "None");
                for (name, _, _) in PRESETS {
                    ui.selectable_value(&mut d.marking, (*name).to_owned(), *name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.add(
            egui::TextEdit::singleline(&mut d.marking)
                .desired_width(120.0)
                .hint_text("or any text"),
        );
    });
    ui.end_row();
}

/// What goes on the page besides the map, whether the scenario is embedded, and whether both
/// maps of a comparison are exported.
fn furniture(state: &mut AppState, ui: &mut egui::Ui) {
    // The map's own choice (View ▸ Symbols), here too: the preview follows it.
    ui.horizontal(|ui| {
        ui.label("Symbols");
        super::menu::symbol_choice(ui, &mut state.map.layers.symbols);
    });
    ui.horizontal(|ui| {
        ui.label("Symbol size");
        super::menu::symbol_size_choice(ui, &mut state.map.layers.symbol_size);
    });
    let d = &mut state.export;
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut d.date, "Date-time group");
        ui.checkbox(&mut d.legend, "Legend");
        ui.checkbox(&mut d.scale_bar, "Scale bar");
        ui.checkbox(&mut d.north_arrow, "North arrow");
        ui.checkbox(&mut d.source_line, "Sources");
    });
    ui.checkbox(&mut d.embed, "Embed scenario")
        .on_hover_text(
            "The page carries the scenario and these choices: opening the PNG, SVG or PDF in \
             BMD Atlas opens the analysis. Untick for pages that leave the team without their data.",
        );
    ui.add_enabled_ui(state.compare.is_some(), |ui| {
        ui.checkbox(
            &mut state.export.side_by_side,
            "Both maps of the comparison, side by side",
        )
    });
}

/// The Export… button, or a spinner while an export runs.
fn export_button(state: &mut AppState, ui: &mut egui::Ui) {
    let busy = state.export.job.is_some();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!busy, egui::Button::new("Export…"))
            .clicked()
        {
            start(state);
        }
        if busy && let Some(job) = &state.export.job {
            ui.spinner();
            let seconds = ui.input(|i| i.time) - job.started;
            ui.label(format!("{} ({seconds:.0} s)", job.what));
        }
    });
}

/// What became of the last export (or animation): where it was saved, or what went wrong.
pub(super) fn last_outcome(last: &Option<Result<String, String>>, ui: &mut egui::Ui) {
    match last {
        Some(Ok(done)) => {
            ui.label(done.as_str());
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        None => {}
    }
}

fn compare_for_export(state: &AppState) -> Option<Scenario> {
    state
        .compare
        .as_ref()
        .filter(|_| state.export.side_by_side)
        .map(|c| c.scenario.clone())
}

/// The analyses the window has computed for its two maps, if it has.
fn known_analyses(state: &AppState) -> [Option<Arc<Analysis>>; 2] {
    let second = state
        .compare
        .as_ref()
        .and_then(|c| c.analysis.result_for(c.revision, &c.scenario))
        .map(|t| t.result);
    [state.analysis_result().map(|t| t.result), second]
}

/// A small picture of the page, redrawn when a choice or the scenario changes.
fn preview(state: &mut AppState, ui: &mut egui::Ui) {
    let mut request = request(state);
    // The preview does not tick with the clock.
    request.options.as_of = None;
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!(
            "{:?}{:?}{:?}",
            request.options, state.map.view, state.map.layers
        )
        .hash(&mut h);
        state.doc.revision.hash(&mut h);
        state.analysis_result().map(|t| t.serial).hash(&mut h);
        request
            .compare
            .as_ref()
            .map(|c| (c.year, c.model.clone(), c.timeline.label()))
            .hash(&mut h);
        h.finish()
    };
    if state.export.preview.as_ref().is_none_or(|(k, _)| *k != key) {
        match request.preview(420) {
            Ok(p) => {
                let image = egui::ColorImage::from_rgba_unmultiplied(
                    [p.width as usize, p.height as usize],
                    &p.rgba,
                );
                let texture =
                    ui.ctx()
                        .load_texture("export-preview", image, egui::TextureOptions::LINEAR);
                state.export.preview = Some((key, texture));
            }
            Err(e) => {
                state.export.preview = None;
                ui.colored_label(ui.visuals().error_fg_color, format!("No preview: {e}"));
            }
        }
    }
    if let Some((_, texture)) = &state.export.preview {
        ui.add(egui::Image::new(texture).max_width(420.0));
        ui.weak(format!(
            "{} — preview at reduced detail",
            request.options.page
        ));
    }
}

/// Asks where to save the page the dialog shows now; [`run`] exports it there.
fn start(state: &mut AppState) {
    let request = request(state);
    let suggested = format!(
        "{}.{}",
        super::files::file_stem(&state.doc.scenario.name),
        request.options.format.extension()
    );
    state.ask_file(
        super::dialogs::FileQuestion::export(&suggested),
        super::dialogs::FileUse::ExportPage(Box::new(request)),
    );
}

/// Exports `request` to `path` on a worker thread, so the window stays responsive.
pub(super) fn run(
    state: &mut AppState,
    request: ExportRequest,
    path: PathBuf,
    ctx: &egui::Context,
) {
    let (tx, rx) = mpsc::channel();
    let repaint = ctx.clone();
    let what = format!(
        "Exporting {} {}",
        request.options.format, request.options.page
    );
    std::thread::spawn(move || {
        let result = request
            .render()
            .map_err(|e| format!("{}: not exported: {e}", path.display()))
            .and_then(|page| {
                // The writer's error names the file, the step that failed and what to do.
                crate::scenario::write_file(&path, &page.bytes)
                    .map_err(|e| e.message(crate::scenario::Surface::Window))?;
                Ok(format!(
                    "Saved {} ({} kB)",
                    path.display(),
                    page.bytes.len() / 1024
                ))
            });
        // The window may have closed meanwhile: then nobody is waiting for the result.
        if tx.send(result).is_ok() {
            repaint.request_repaint();
        }
    });
    state.export.job = Some(Job {
        done: rx,
        started: ctx.input(|i| i.time),
        what,
    });
    state.export.last = None;
}

fn poll(state: &mut AppState, ctx: &egui::Context) {
    let Some(job) = &state.export.job else { return };
    match job.done.try_recv() {
        Ok(result) => {
            state.export.last = Some(result);
            state.export.job = None;
        }
        Err(mpsc::TryRecvError::Empty) => {
            ctx.request_repaint_after(std::time::Duration::from_millis(200))
        }
        Err(mpsc::TryRecvError::Disconnected) => {
            state.export.last = Some(Err("the export stopped unexpectedly".to_owned()));
            state.export.job = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_give_their_page_sizes() {
        let mut d = ExportDialog::default();
        assert_eq!(d.page().pixels(), [1920, 1080]);
        d.preset = Preset::A4;
        assert_eq!(d.page().pixels(), [3508, 2480]);
        d.preset = Preset::CustomPixels;
        d.width = 800;
        d.height = 600;
        assert_eq!(d.page().pixels(), [800, 600]);
    }

    #[test]
    fn no_marking_until_one_is_chosen() {
        let s = crate::scenario::built_in();
        let mut d = ExportDialog::default();
        assert!(d.options(&s, None).marking.is_none());
        d.marking = "SECRET".into();
        assert_eq!(
            d.options(&s, None).marking.map(|m| m.background.hex()),
            Some("#c8102e".into())
        );
    }

    #[test]
    fn a_rendered_page_has_the_chosen_format() {
        let s = crate::scenario::built_in();
        let d = ExportDialog {
            format: Format::Svg,
            ..ExportDialog::default()
        };
        let request = ExportRequest {
            options: d.options(&s, None),
            detail: export::Detail::Fixed(crate::basemap::Scale::Coarse110m),
            ..ExportRequest::new(s)
        };
        let bytes = request.render().map(|p| p.bytes).unwrap_or_default();
        assert!(String::from_utf8_lossy(&bytes).starts_with("<svg"));
    }
}
