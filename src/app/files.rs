//! The document's life: new, open, save, save as, revert, recent files, autosave and recovery,
//! and the unsaved-changes prompt that stands between the user and losing work.

use std::path::{Path, PathBuf};

use super::AppState;
use super::dialogs::{FileQuestion, FileUse};
use crate::scenario::{self, Focus, Scenario};
use crate::scene::MapView;

/// How many files Open Recent remembers.
pub const RECENT_MAX: usize = 10;
/// Seconds between autosaves of unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 60.0;

/// `brief` → `brief.scenario.json`; names that already end in `.json` are kept.
pub fn with_scenario_extension(path: PathBuf) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".json") {
        path
    } else {
        path.with_file_name(format!("{name}.scenario.json"))
    }
}

/// Something the user asked for that would replace the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Replace {
    New,
    /// Open this file, or ask for one.
    Open(Option<PathBuf>),
    Revert,
    /// Close the window.
    Quit,
}

/// What the unsaved-changes prompt answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    Discard,
    Cancel,
}

impl AppState {
    /// Whether the scenario has changed since it was opened or saved.
    pub fn is_dirty(&self) -> bool {
        self.doc.revision != self.doc.saved_revision
    }

    /// Asks to replace the document; with unsaved changes the prompt asks first.
    pub fn request(&mut self, action: Replace) {
        if self.is_dirty() && action != Replace::Revert {
            self.pending = Some(action);
        } else {
            self.perform(action);
        }
    }

    /// The prompt's answer for the pending action.
    pub fn answer(&mut self, answer: Answer) {
        let Some(action) = self.pending.take() else {
            return;
        };
        match answer {
            Answer::Cancel => {}
            Answer::Discard => self.perform(action),
            Answer::Save => match self.doc.file.clone() {
                Some(path) => {
                    if self.save_to(path) {
                        self.perform(action);
                    }
                }
                // Carried out once saved where the user chooses.
                None => self.ask_save_as(Some(action)),
            },
        }
    }

    pub(super) fn perform(&mut self, action: Replace) {
        match action {
            Replace::New => {
                let mut fresh = scenario::built_in();
                fresh.name = "Untitled".to_owned();
                self.replace(fresh, None);
            }
            Replace::Open(Some(path)) => self.open(path),
            Replace::Open(None) => self.ask_file(FileQuestion::open(), FileUse::Open),
            Replace::Revert => match self.doc.file.clone() {
                Some(path) => self.open(path),
                None => self.replace(scenario::built_in(), None),
            },
            Replace::Quit => self.quit_confirmed = true,
        }
    }

    /// Makes `scenario` the document, as if just opened from `file`.
    pub fn replace(&mut self, scenario: Scenario, file: Option<PathBuf>) {
        let view = &scenario.presentation.view;
        let mut map = MapView::fit(view.projection, self.map.view.size_px);
        if let Some(focus) = view.focus
            && let Some(centre) = view
                .projection
                .projection()
                .forward(geo::Point::new(focus.centre_lon, focus.centre_lat))
        {
            map.centre = centre;
            map.metres_per_pixel = focus.metres_per_pixel;
        }
        self.map.view = map;
        self.map.layers = scenario.presentation.layers.clone();
        self.doc.scenario = scenario;
        self.doc.file = file;
        self.doc.origin = None;
        self.selection = None;
        self.editing = false;
        self.compare = None;
        self.doc.history = crate::command::History::default();
        self.changed();
        self.doc.saved_revision = self.doc.revision;
    }

    /// Opens `path`; on failure keeps the current scenario and shows what is wrong. An exported
    /// page (PNG, SVG, PDF) opens the scenario embedded in it ([`AppState::open_page`]).
    pub fn open(&mut self, path: PathBuf) {
        if crate::provenance::is_page(&path) {
            self.open_page(&path);
            return;
        }
        match scenario::open_file(&path) {
            Ok(loaded) => {
                self.warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
                self.replace(loaded.scenario, Some(path.clone()));
                self.remember(path);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Opens the scenario an exported page carries, as it was shown there, as a new unsaved
    /// document ("from brief.png"): saving asks for a scenario file, so the page is never
    /// overwritten. A page without one, or a damaged one, is an error; the current document stays.
    pub fn open_page(&mut self, path: &Path) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let restored = crate::provenance::read_page(path).map(|(_, loaded)| loaded);
        match restored {
            Ok(loaded) => {
                self.warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
                self.replace(loaded.scenario, None);
                self.doc.origin = Some(format!("from {name}"));
                // Not on disk as a scenario: unsaved until saved as one.
                self.changed();
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Saves to the current file, or asks where (and saves once the user has chosen).
    pub fn save(&mut self) {
        match self.doc.file.clone() {
            // A failure is shown; whether the file is now saved shows in the title.
            Some(path) => {
                self.save_to(path);
            }
            None => self.save_as(),
        }
    }

    /// Asks where to save, then saves there.
    pub fn save_as(&mut self) {
        self.ask_save_as(None);
    }

    /// Asks where to save; once saved there, carries out `then`.
    fn ask_save_as(&mut self, then: Option<Replace>) {
        let suggested = format!("{}.scenario.json", file_stem(&self.doc.scenario.name));
        self.ask_file(FileQuestion::save(&suggested), FileUse::SaveAs { then });
    }

    /// Writes the window's view (projection, centre, zoom) and layers into the scenario's
    /// presentation, which is what saves and autosaves hold. Not a change of the document: the
    /// revision stays, and nothing is marked unsaved by a pan alone.
    pub fn capture_presentation(&mut self) {
        let view = &self.map.view;
        self.doc.scenario.presentation.view.projection = view.projection;
        self.doc.scenario.presentation.view.focus = view
            .projection
            .projection()
            .inverse(view.centre)
            .map(|c| Focus {
                centre_lon: c.x(),
                centre_lat: c.y(),
                metres_per_pixel: view.metres_per_pixel,
            });
        self.doc.scenario.presentation.layers = self.map.layers.clone();
    }

    /// Saves to `path` with the current view and layers; a failure is shown and the document
    /// stays marked unsaved.
    pub fn save_to(&mut self, path: PathBuf) -> bool {
        self.capture_presentation();
        match scenario::save_file(&self.doc.scenario, &path) {
            Ok(saved) => {
                self.doc.file = Some(path.clone());
                self.doc.saved_revision = self.doc.revision;
                self.error = None;
                self.notice = saved
                    .backup_error
                    .map(|e| format!("Saved, but the backup was not kept: {e}"))
                    .or_else(|| saved.stale_error.map(|e| format!("Saved. Files {e}")));
                self.remember(path);
                // The saved file is now the safe copy; a stale autosave would only confuse.
                if let Some(dir) = &self.recovery_dir
                    && let Err(e) = scenario::clear_recovery(dir)
                {
                    self.notice = Some(format!("Saved, but the old autosave stays: {e}"));
                }
                true
            }
            Err(e) => {
                self.error = Some(e.message(scenario::Surface::Window));
                false
            }
        }
    }

    fn remember(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    /// Writes the autosave if there are unsaved changes and the interval has passed.
    pub fn autosave(&mut self, now: f64) {
        if now - self.last_autosave < AUTOSAVE_SECONDS {
            return;
        }
        self.last_autosave = now;
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        if !self.is_dirty() {
            return;
        }
        // The autosave holds what the window shows, as a save would.
        self.capture_presentation();
        if let Err(e) = scenario::write_recovery(&self.doc.scenario, self.doc.file.as_deref(), &dir)
        {
            self.notice = Some(format!(
                "Autosave failed: {}",
                e.message(scenario::Surface::Window)
            ));
        }
    }
}

pub(crate) fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_owned();
    if stem.is_empty() {
        "scenario".to_owned()
    } else {
        stem
    }
}

/// The unsaved-changes prompt, when an action is waiting on it.
pub fn prompt(state: &mut AppState, ctx: &egui::Context) {
    if state.pending.is_none() {
        return;
    }
    let name = state
        .doc
        .file
        .as_deref()
        .and_then(Path::file_name)
        .map_or_else(
            || state.doc.scenario.name.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!("Save the changes to {name} first?"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(Answer::Save);
            }
            if ui.button("Discard").clicked() {
                answer = Some(Answer::Discard);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Answer::Cancel);
            }
        });
    });
    if let Some(a) = answer {
        state.answer(a);
    }
}

/// The offer to restore an autosave left by a crash.
pub fn recovery_offer(state: &mut AppState, ctx: &egui::Context) {
    let Some(recovery) = state.recovery.as_ref() else {
        return;
    };
    let from = recovery.original.as_deref().map_or_else(
        || "an unsaved scenario".to_owned(),
        |p| p.display().to_string(),
    );
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "BMD Atlas closed without saving changes to {from}. An autosaved copy of \"{}\" was kept.",
            recovery.loaded.scenario.name
        ));
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                choice = Some(true);
            }
            if ui.button("Discard the autosave").clicked() {
                choice = Some(false);
            }
        });
    });
    match choice {
        Some(true) => {
            if let Some(r) = state.recovery.take() {
                state.replace(r.loaded.scenario, r.original);
                // Restored work is not on disk yet: it stays marked unsaved.
                state.changed();
            }
        }
        Some(false) => {
            state.recovery = None;
            if let Some(dir) = &state.recovery_dir
                && let Err(e) = scenario::clear_recovery(dir)
            {
                state.error = Some(format!("The autosave could not be discarded: {e}"));
            }
        }
        None => {}
    }
}

impl AppState {
    /// Imports sites from a CSV (reference columns) or GeoJSON file as one undoable step. Ids
    /// already in the scenario get a suffix; what could not be imported is reported.
    pub fn import_sites(&mut self, path: &Path) {
        let imported =
            match crate::exchange::import_file(path, &crate::exchange::ImportOptions::default()) {
                Ok(i) => i,
                Err(e) => {
                    self.error = Some(e.to_string());
                    return;
                }
            };
        let mut sites = imported.sites;
        let mut taken: std::collections::HashSet<String> = self
            .doc
            .scenario
            .sites
            .iter()
            .map(|s| s.id.clone())
            .collect();
        for site in &mut sites {
            if taken.contains(&site.id) {
                let id = (2..)
                    .map(|n| format!("{}_{n}", site.id))
                    .find(|id| !taken.contains(id))
                    .unwrap_or_default();
                site.id = id;
            }
            taken.insert(site.id.clone());
        }
        let count = sites.len();
        self.warnings = imported
            .rejected
            .iter()
            .map(|p| format!("not imported: {p}"))
            .chain(imported.warnings.iter().map(|w| w.to_string()))
            .collect();
        if count > 0 {
            self.apply(crate::command::Command::AddSites(sites));
        }
        if self.notice.is_none() {
            self.notice = Some(format!("Imported {count} sites from {}", path.display()));
        }
    }

    /// Writes the visible picture as GeoJSON or KML (by the file's extension).
    pub fn export_exchange(&mut self, path: &Path) {
        // The picture the window shows, analysis layers included once they are computed.
        let analysis = self.analysis_result().map(|t| t.result);
        let engagement = self.engagement_drawing();
        let computed = crate::picture::Computed {
            analysis: analysis.as_deref(),
            engagement: engagement.as_deref(),
            threat_at_s: None,
        };
        let picture =
            crate::picture::Picture::build_computed(&self.doc.scenario, &self.map.layers, computed);
        let text = if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("kml"))
        {
            crate::exchange::to_kml(&self.doc.scenario, &picture)
        } else {
            crate::exchange::to_geojson(&self.doc.scenario, &picture)
        };
        match crate::scenario::write_file(path, text.as_bytes()) {
            Ok(_) => self.notice = Some(format!("Wrote {}", path.display())),
            Err(e) => self.error = Some(e.message(crate::scenario::Surface::Window)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_names_get_the_scenario_extension() {
        assert_eq!(
            with_scenario_extension("a/brief".into()),
            PathBuf::from("a/brief.scenario.json")
        );
        assert_eq!(
            with_scenario_extension("b.scenario.json".into()),
            PathBuf::from("b.scenario.json")
        );
        assert_eq!(file_stem("Europe 2012!"), "europe-2012");
        assert_eq!(file_stem("!!"), "scenario");
    }
}
