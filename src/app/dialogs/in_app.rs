//! BMD Atlas's own file dialog, for where the system's cannot be shown: a folder listing, a
//! folder and a file name to type, and the question's filter.

use std::path::{Path, PathBuf};

use super::{FileQuestion, Reply};

/// One entry of the folder listing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    /// Folders sort before files.
    is_file: bool,
    name: String,
}

/// The dialog's state between frames.
pub struct InAppDialog {
    question: FileQuestion,
    /// Why the system dialog is not used, shown at the top (once: only the first dialog has it).
    why: Option<String>,
    folder: PathBuf,
    /// The folder field as typed.
    folder_text: String,
    name: String,
    entries: Result<Vec<Entry>, String>,
    /// A file to write exists: the next press of the button replaces it.
    confirm_replace: Option<PathBuf>,
}

impl InAppDialog {
    pub fn new(question: FileQuestion, folder: PathBuf, why: Option<String>) -> InAppDialog {
        let name = question.suggested.clone().unwrap_or_default();
        let mut dialog = InAppDialog {
            question,
            why,
            folder_text: String::new(),
            folder: PathBuf::new(),
            name,
            entries: Ok(Vec::new()),
            confirm_replace: None,
        };
        dialog.go_to(folder);
        dialog
    }

    fn go_to(&mut self, folder: PathBuf) {
        self.entries = list(&folder, &self.question);
        self.folder_text = folder.display().to_string();
        self.folder = folder;
        self.confirm_replace = None;
    }

    /// The file the dialog names now: the name in the folder, or the name itself where it is a
    /// whole path.
    fn target(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let path = Path::new(name);
        Some(if path.is_absolute() {
            path.to_owned()
        } else {
            self.folder.join(path)
        })
    }

    /// Shows the dialog; `Some` once the user has chosen or cancelled.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Reply> {
        let mut reply = None;
        let modal = egui::Modal::new(egui::Id::unique("in-app-file-dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(self.question.title());
            if let Some(why) = &self.why {
                ui.label(format!("{why} Using BMD Atlas's own file dialog."));
            }
            self.folder_row(ui);
            self.listing(ui);
            reply = self.name_row(ui);
        });
        if modal.should_close() && reply.is_none() {
            reply = Some(Reply::Cancelled);
        }
        reply
    }

    fn folder_row(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Folder");
            let field =
                ui.add(egui::TextEdit::singleline(&mut self.folder_text).desired_width(360.0));
            let field = field.labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.go_to(PathBuf::from(self.folder_text.trim()));
            }
            if ui.button("Up").clicked()
                && let Some(parent) = self.folder.parent()
            {
                self.go_to(parent.to_owned());
            }
            if ui.button("Home").clicked()
                && let Some(home) = std::env::home_dir()
            {
                self.go_to(home);
            }
        });
    }

    fn listing(&mut self, ui: &mut egui::Ui) {
        let mut enter = None;
        let mut pick = None;
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .auto_shrink([false, true])
            .show(ui, |ui| match &self.entries {
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                Ok(entries) if entries.is_empty() => {
                    ui.weak("No folders or matching files here.");
                }
                Ok(entries) => {
                    for entry in entries {
                        let text = if entry.is_file {
                            entry.name.clone()
                        } else {
                            format!("🗀 {}/", entry.name)
                        };
                        let selected = entry.is_file && entry.name == self.name;
                        let row = ui.selectable_label(selected, text);
                        if row.clicked() {
                            if entry.is_file {
                                pick = Some((entry.name.clone(), false));
                            } else {
                                enter = Some(entry.name.clone());
                            }
                        }
                        if row.double_clicked() && entry.is_file {
                            pick = Some((entry.name.clone(), true));
                        }
                    }
                }
            });
        if let Some(folder) = enter {
            self.go_to(self.folder.join(folder));
        }
        if let Some((name, _)) = pick {
            self.name = name;
            self.confirm_replace = None;
        }
    }

    /// The file name and the buttons; `Some` when the user has answered.
    fn name_row(&mut self, ui: &mut egui::Ui) -> Option<Reply> {
        let mut reply = None;
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(360.0))
                .labelled_by(label.id);
            if field.changed() {
                self.confirm_replace = None;
            }
        });
        let target = self.target();
        if let Some(existing) = &self.confirm_replace {
            ui.label(format!("{} exists. Replace it?", existing.display()));
        }
        ui.horizontal(|ui| {
            if ui.button("Cancel").clicked() {
                reply = Some(Reply::Cancelled);
            }
            let verb = match (self.question.writes(), &self.confirm_replace) {
                (true, Some(_)) => "Replace",
                (true, None) => "Save",
                (false, _) => "Open",
            };
            let ok = ui.add_enabled(target.is_some(), egui::Button::new(verb));
            if ok.clicked()
                && let Some(path) = target
            {
                reply = self.answer(path);
            }
        });
        reply
    }

    /// The reply for `path`, or `None` where the dialog must stay (a file to open that is not
    /// there, a file to write that exists and was not yet confirmed).
    fn answer(&mut self, path: PathBuf) -> Option<Reply> {
        let path = self.question.finish(path);
        if path.is_dir() {
            self.go_to(path);
            self.name.clear();
            return None;
        }
        if self.question.writes() {
            if path.exists() && self.confirm_replace.as_ref() != Some(&path) {
                self.confirm_replace = Some(path);
                return None;
            }
            return Some(Reply::Chosen(path));
        }
        if path.is_file() {
            Some(Reply::Chosen(path))
        } else {
            self.entries = Err(format!("{} is not a file here.", path.display()));
            None
        }
    }
}

/// The folders and the files that pass the question's first filter, sorted; hidden entries
/// (starting with a dot) left out.
fn list(folder: &Path, question: &FileQuestion) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder)
        .map_err(|e| format!("{} cannot be listed: {e}", folder.display()))?;
    let extensions = question
        .filters()
        .into_iter()
        .next()
        .map(|f| f.extensions)
        .unwrap_or_default();
    let mut entries: Vec<Entry> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let is_file = !e.path().is_dir();
            let shown = !is_file
                || extensions.is_empty()
                || Path::new(&name).extension().is_some_and(|x| {
                    extensions
                        .iter()
                        .any(|want| x.eq_ignore_ascii_case(want.as_str()))
                });
            shown.then_some(Entry { is_file, name })
        })
        .collect();
    entries.sort();
    Ok(entries)
}
