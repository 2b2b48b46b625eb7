//! Asking the user for a file, in a way that always works and never freezes the window.
//!
//! The system's dialog ([`NativeDialogs`]) runs off the UI thread; its answer arrives in a later
//! frame. Where it cannot be shown (a Linux desktop without xdg-desktop-portal or zenity, say),
//! BMD Atlas's own dialog ([`InAppDialog`]) takes over, and says once why. What the file is
//! for ([`FileUse`]) is remembered meanwhile and carried out when the answer comes.

mod in_app;
mod native;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

pub use in_app::InAppDialog;
pub use native::NativeDialogs;

use super::AppState;
use super::files::Replace;

/// What kind of file is asked for: it sets the title, the filters and whether the file must exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A scenario or an exported page to open.
    Open,
    /// Where to save the scenario.
    Save,
    /// A CSV or GeoJSON file of sites.
    Import,
    /// Where to write an export (page, picture or screenshot).
    Export,
}

/// A question for a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileQuestion {
    pub purpose: Purpose,
    /// For Save and Export: the suggested file name, whose extension picks the filter.
    pub suggested: Option<String>,
}

/// A named set of file extensions (without dots).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub name: String,
    pub extensions: Vec<String>,
}

impl FileQuestion {
    pub fn open() -> FileQuestion {
        FileQuestion {
            purpose: Purpose::Open,
            suggested: None,
        }
    }

    pub fn import() -> FileQuestion {
        FileQuestion {
            purpose: Purpose::Import,
            suggested: None,
        }
    }

    pub fn save(suggested: &str) -> FileQuestion {
        FileQuestion {
            purpose: Purpose::Save,
            suggested: Some(suggested.to_owned()),
        }
    }

    pub fn export(suggested: &str) -> FileQuestion {
        FileQuestion {
            purpose: Purpose::Export,
            suggested: Some(suggested.to_owned()),
        }
    }

    /// Whether the answer names a file to write (which need not exist yet).
    pub fn writes(&self) -> bool {
        matches!(self.purpose, Purpose::Save | Purpose::Export)
    }

    pub fn title(&self) -> &'static str {
        match self.purpose {
            Purpose::Open => "Open scenario",
            Purpose::Save => "Save scenario",
            Purpose::Import => "Import sites",
            Purpose::Export => "Export",
        }
    }

    /// The filters, the first one chosen.
    pub fn filters(&self) -> Vec<Filter> {
        let filter = |name: &str, extensions: &[&str]| Filter {
            name: name.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
        };
        match self.purpose {
            Purpose::Open => vec![
                filter(
                    "BMD Atlas scenario or exported page",
                    &["json", "png", "svg", "svgz", "pdf"],
                ),
                filter("BMD Atlas scenario", &["json"]),
                filter(
                    "Exported page (PNG, SVG, PDF)",
                    &["png", "svg", "svgz", "pdf"],
                ),
            ],
            Purpose::Save => vec![filter("BMD Atlas scenario", &["json"])],
            Purpose::Import => vec![filter("Sites (CSV, GeoJSON)", &["csv", "geojson", "json"])],
            Purpose::Export => {
                let extension = self.extension().unwrap_or_default();
                vec![filter(&extension.to_uppercase(), &[extension.as_str()])]
            }
        }
    }

    /// The suggested name's extension (`png`), if it has one.
    fn extension(&self) -> Option<String> {
        let suggested = self.suggested.as_deref()?;
        Path::new(suggested)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
    }

    /// The path as the question wants it: a saved scenario ends in `.scenario.json`, an export
    /// keeps the extension of its format.
    pub fn finish(&self, path: PathBuf) -> PathBuf {
        match self.purpose {
            Purpose::Save => super::files::with_scenario_extension(path),
            Purpose::Export => match self.extension() {
                Some(ext) if path.extension().is_none() => path.with_extension(ext),
                _ => path,
            },
            Purpose::Open | Purpose::Import => path,
        }
    }
}

/// A dialog's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Chosen(PathBuf),
    Cancelled,
    /// The dialog could not be shown, and why (in words for the user).
    Unavailable(String),
}

/// What [`FileDialogs::ask`] gives back: the answer now, or where it will arrive.
pub enum Asked {
    Now(Reply),
    Later(mpsc::Receiver<Reply>),
}

/// Where file names come from: the system's dialogs in the app, scripted answers in tests.
pub trait FileDialogs {
    fn ask(&mut self, question: &FileQuestion) -> Asked;
}

/// What a file being asked for is for: the step that goes on once it is chosen.
#[derive(Clone, Debug)]
pub enum FileUse {
    Open,
    /// Save the scenario there, then (if saved) carry out what waited on the save.
    SaveAs {
        then: Option<Replace>,
    },
    Import,
    /// The picture as GeoJSON or KML (by the file's extension).
    ExportPicture,
    /// The briefing page of the export dialog, as it was when the user asked.
    ExportPage(Box<crate::export::ExportRequest>),
    /// The pages of an animation, as they were when the user asked.
    ExportAnimation(Box<super::animation_dialog::AnimationSpec>),
    Screenshot,
}

/// The state of asking for a file.
#[derive(Default)]
pub struct FileChooser {
    /// A system dialog is open; its answer comes here.
    waiting: Option<(FileQuestion, FileUse, mpsc::Receiver<Reply>)>,
    /// BMD Atlas's own dialog, when it is open.
    in_app: Option<(InAppDialog, FileUse)>,
    /// A chosen file, to be used in the next frame (where the window is at hand).
    chosen: Option<(FileUse, PathBuf)>,
    /// Why the system dialog cannot be used, once it has failed: from then on the own dialog
    /// opens directly.
    native_failed: Option<String>,
}

impl FileChooser {
    /// Whether a dialog is open (a system one or the app's own).
    pub fn is_asking(&self) -> bool {
        self.waiting.is_some() || self.in_app.is_some()
    }
}

impl AppState {
    /// Asks for a file for `then`; the answer is carried out in a later frame ([`ui`]).
    pub fn ask_file(&mut self, question: FileQuestion, then: FileUse) {
        if self.files.is_asking() {
            return;
        }
        if self.files.native_failed.is_some() {
            self.open_in_app(question, then, None);
            return;
        }
        match self.dialogs.ask(&question) {
            Asked::Now(reply) => self.on_reply(question, then, reply),
            Asked::Later(answer) => self.files.waiting = Some((question, then, answer)),
        }
    }

    fn on_reply(&mut self, question: FileQuestion, then: FileUse, reply: Reply) {
        match reply {
            Reply::Chosen(path) => self.files.chosen = Some((then, question.finish(path))),
            Reply::Cancelled => {}
            Reply::Unavailable(why) => {
                self.files.native_failed = Some(why.clone());
                self.open_in_app(question, then, Some(why));
            }
        }
    }

    fn open_in_app(&mut self, question: FileQuestion, then: FileUse, why: Option<String>) {
        let start = self.dialog_folder();
        self.files.in_app = Some((InAppDialog::new(question, start, why), then));
    }

    /// Where a dialog starts: the document's folder, else the last file's, else the home
    /// folder, else the working folder.
    fn dialog_folder(&self) -> PathBuf {
        let folder_of = |p: &Path| p.parent().filter(|d| d.is_dir()).map(Path::to_owned);
        self.doc
            .file
            .as_deref()
            .and_then(folder_of)
            .or_else(|| self.recent.first().and_then(|p| folder_of(p)))
            .or_else(std::env::home_dir)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// Carries out what the file was asked for.
    fn use_file(&mut self, then: FileUse, path: PathBuf, ctx: &egui::Context) {
        match then {
            FileUse::Open => self.open(path),
            FileUse::SaveAs { then } => {
                if self.save_to(path)
                    && let Some(action) = then
                {
                    self.perform(action);
                }
            }
            FileUse::Import => self.import_sites(&path),
            FileUse::ExportPicture => self.export_exchange(&path),
            FileUse::ExportPage(request) => super::export_dialog::run(self, *request, path, ctx),
            FileUse::ExportAnimation(spec) => super::animation_dialog::run(self, *spec, path, ctx),
            FileUse::Screenshot => super::screenshot::take_into(self, path, ctx),
        }
    }
}

/// Polls the system dialog, shows the app's own, and carries out a chosen file.
pub fn ui(state: &mut AppState, ctx: &egui::Context) {
    if let Some((question, then, answer)) = state.files.waiting.take() {
        match answer.try_recv() {
            Ok(reply) => state.on_reply(question, then, reply),
            Err(mpsc::TryRecvError::Empty) => {
                if waiting_note(ctx) {
                    // The system dialog may be hidden or stuck: the user may go on without it.
                    state.open_in_app(question, then, None);
                } else {
                    state.files.waiting = Some((question, then, answer));
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => state.on_reply(
                question,
                then,
                Reply::Unavailable("the system file dialog stopped unexpectedly".to_owned()),
            ),
        }
    }
    if let Some((mut dialog, then)) = state.files.in_app.take() {
        match dialog.show(ctx) {
            Some(Reply::Chosen(path)) => state.files.chosen = Some((then, path)),
            Some(_) => {}
            None => state.files.in_app = Some((dialog, then)),
        }
    }
    if let Some((then, path)) = state.files.chosen.take() {
        state.use_file(then, path, ctx);
    }
}

/// The note shown while the system dialog is open; true if the user asked for the app's own
/// dialog instead.
fn waiting_note(ctx: &egui::Context) -> bool {
    let mut instead = false;
    egui::Modal::new(egui::Id::unique("waiting-for-file-dialog")).show(ctx, |ui| {
        ui.label("Choose the file in the system's file dialog.");
        ui.weak("It may have opened behind this window.");
        if ui.button("Use BMD Atlas's own dialog instead").clicked() {
            instead = true;
        }
    });
    instead
}
