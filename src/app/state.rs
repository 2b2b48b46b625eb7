//! Application state, separate from the UI code that shows it.

use std::path::PathBuf;
use std::sync::Arc;

use super::compare::Compare;
use super::dialogs::{FileChooser, FileDialogs, NativeDialogs};
use super::export_dialog::{ExportDialog, ScreenshotRequest};
use super::files::Replace;
use super::map_scene::{MapScene, SceneSource, cached_scene, notify_repaint, worker_on};
use crate::analysis::{AnalysisWorker, Answer, EngagementDrawing, Tagged};
use crate::basemap::Basemaps;
use crate::command::{Command, History};
use crate::cooperation::Summary;
use crate::geodesy::ProjectionKind;
use crate::scenario::{
    self, AnnotationKind, Recovery, Scenario, Side, Site, SiteKind, Status, Timeline,
};
use crate::scene::{ItemRef, Layers, MapView, Scene};

/// The document: the scenario, the file it is saved in, and its history.
pub struct Document {
    pub scenario: Scenario,
    /// The file the scenario came from; `None` for the built-in one.
    pub file: Option<PathBuf>,
    /// Undo and redo of scenario changes.
    pub history: History,
    /// Bumped whenever the scenario changes, so caches keyed on it are rebuilt.
    pub revision: u64,
    /// The revision last saved or opened; anything else is unsaved.
    pub saved_revision: u64,
    /// Where an unsaved document came from when it is not a file ("from brief.png").
    pub origin: Option<String>,
}

/// What the map shows and where it looks: projection, pan and zoom, and the layers. It is the
/// one place for them while the window is open; saves and autosaves write it into the
/// scenario's presentation ([`AppState::capture_presentation`]), opening a file reads it back.
#[derive(Clone, Debug)]
pub struct MapState {
    pub view: MapView,
    pub layers: Layers,
    /// The engagement playback's marker: where the threat is at the time on the timeline.
    pub marker: Option<geo::Point<f64>>,
    /// The engagement timeline's playback.
    pub playback: Playback,
    /// The distance being measured, while the measure tool is on.
    pub measure: Option<Measure>,
    /// The engagement last shown on the timeline, kept on it while a change is recomputed.
    pub last_engagement: Option<std::sync::Arc<crate::analysis::EngagementDrawing>>,
    /// The range ring or note being asked for, before it is kept as an annotation.
    pub mark_dialog: Option<MarkDialog>,
    /// Where the user dragged the title box, from the map's top-left corner; `None` puts it in
    /// the corner that covers the fewest symbols.
    pub title_at: Option<egui::Vec2>,
    /// The selected site's planned reach, worked out once for the window to draw.
    pub planned_rings: super::emphasis::PlannedRings,
    /// The radar (site index) whose coverage the map fills: the one hovered, else selected.
    pub emphasis: Option<usize>,
    /// Where the map was last right-clicked (longitude/latitude), for its context menu.
    pub context_at: Option<geo::Point<f64>>,
}

/// The window asking for what a new range ring or note needs: a ring's radius, a note's text.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkDialog {
    /// [`AnnotationKind::Ring`] or [`AnnotationKind::Note`].
    pub kind: AnnotationKind,
    /// The ring's centre or the note's place (longitude/latitude).
    pub at: geo::Point<f64>,
    /// The site it is drawn from, "" for a point on the map.
    pub name: String,
    /// The radius or the note as typed.
    pub text: String,
    /// Whether the radius is in nautical miles (else kilometres).
    pub nmi: bool,
    /// What is wrong with what was typed, after Add.
    pub error: Option<String>,
}

/// A distance being measured on the map: the points clicked, each with the name of the site it
/// snapped to ("" where it is not a site).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measure {
    /// Longitude/latitude, degrees.
    pub points: Vec<geo::Point<f64>>,
    pub names: Vec<String>,
}

impl Measure {
    /// Adds a point, named when it is a site.
    pub fn push(&mut self, at: geo::Point<f64>, name: &str) {
        self.points.push(at);
        self.names.push(name.to_owned());
    }

    /// Removes the last point.
    pub fn pop(&mut self) {
        self.points.pop();
        self.names.pop();
    }
}

/// The engagement timeline's playback: the time shown and whether it runs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Playback {
    /// Time shown, s after the threat's launch.
    pub t_s: f64,
    /// Whether the time advances with the clock.
    pub playing: bool,
}

/// A change a panel asks for. Panels read the document and return these; the app applies them
/// through the one undoable path ([`AppState::apply_edits`]).
#[derive(Debug)]
pub enum Edit {
    /// A change of the document.
    Apply(Command),
    /// A gesture (a drag, typing in one field) begins (`true`) or ends (`false`): its changes
    /// are one undo step.
    Gesture(bool),
}

/// A selected site, city or annotation, by its id, so that the selection stays on the same object when an
/// edit, an undo or a delete moves the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Site(String),
    City(String),
    Annotation(String),
}

/// Everything the app knows between frames: the document, the map view, and the transient
/// state of the UI (selection, dialogs, messages), plus caches derived from them.
pub struct AppState {
    pub doc: Document,
    pub map: MapState,
    /// What the inspector shows, by id: see [`AppState::selected`].
    pub selection: Option<Selection>,
    pub search: String,
    /// An error to show the user (a file that would not open, for example).
    pub error: Option<String>,
    /// The last command that could not be applied, and why.
    pub notice: Option<String>,
    /// The second scenario of a side-by-side comparison, when one is open.
    pub compare: Option<Compare>,
    /// Playing the years or the models.
    pub scenario_playback: super::playback::ScenarioPlayback,
    /// The side panel's tab.
    pub side_tab: super::SideTab,
    /// The analysis panel's tab, and whether the panel is unfolded.
    pub analysis_tab: super::AnalysisTab,
    pub analysis_open: bool,
    /// The metrics box's counts, for the revision they were counted at.
    summary: Option<(u64, Summary)>,
    /// Whether the inspector edits the selected site (and the map lets it be dragged).
    pub editing: bool,
    /// A kind of site waiting to be placed by a click on the map.
    pub placing: Option<SiteKind>,
    /// An action waiting on the unsaved-changes prompt.
    pub pending: Option<Replace>,
    /// Where file names come from.
    pub dialogs: Box<dyn FileDialogs>,
    /// A file being asked for, and what it is for.
    pub files: FileChooser,
    /// The help window that is open.
    pub help: Option<super::help::HelpWindow>,
    /// Open Recent, newest first.
    pub recent: Vec<PathBuf>,
    /// Where autosaves go; `None` turns autosave off.
    pub recovery_dir: Option<PathBuf>,
    /// An autosave left by a crash, waiting for the user to restore or discard it.
    pub recovery: Option<Recovery>,
    /// App time of the last autosave check, seconds.
    pub last_autosave: f64,
    /// Warnings from the last file opened (unknown fields, an upgraded format).
    pub warnings: Vec<String>,
    /// The user agreed to close the window.
    pub quit_confirmed: bool,
    /// The export dialog's choices and work in progress.
    pub export: ExportDialog,
    /// The animation dialog's choices and the animation being written.
    pub animation: super::animation_dialog::AnimationDialog,
    /// A window screenshot on its way to a file.
    pub screenshot: ScreenshotRequest,
    /// Computes the analysis of `scenario` off the UI thread.
    pub analysis: AnalysisWorker,
    /// Asks the window for a new frame (when a background result arrives).
    pub repaint: Option<Repaint>,
    scene: MapScene,
    /// The basemaps built so far, shared by the maps, the analysis workers and the exports.
    basemaps: Basemaps,
}

/// Asks the window to draw a new frame; safe to call from any thread.
pub type Repaint = Arc<dyn Fn() + Send + Sync>;

impl AppState {
    /// State for a scenario, viewed with the default Europe extent.
    pub fn new(scenario: Scenario, file: Option<PathBuf>) -> AppState {
        let basemaps = Basemaps::default();
        AppState {
            map: MapState {
                view: MapView::fit(ProjectionKind::EuropeEqualArea, [1280.0, 800.0]),
                layers: scenario.presentation.layers.clone(),
                marker: None,
                playback: Playback::default(),
                measure: None,
                last_engagement: None,
                mark_dialog: None,
                emphasis: None,
                planned_rings: Default::default(),
                title_at: None,
                context_at: None,
            },
            doc: Document {
                scenario,
                file,
                history: History::default(),
                revision: 0,
                saved_revision: 0,
                origin: None,
            },
            selection: None,
            search: String::new(),
            error: None,
            notice: None,
            compare: None,
            scenario_playback: Default::default(),
            side_tab: Default::default(),
            analysis_tab: Default::default(),
            analysis_open: true,
            summary: None,
            editing: false,
            placing: None,
            pending: None,
            dialogs: Box::new(NativeDialogs),
            files: FileChooser::default(),
            help: None,
            recent: Vec::new(),
            recovery_dir: None,
            recovery: None,
            last_autosave: 0.0,
            warnings: Vec::new(),
            quit_confirmed: false,
            export: ExportDialog::default(),
            animation: Default::default(),
            screenshot: ScreenshotRequest::default(),
            analysis: worker_on(&basemaps),
            repaint: None,
            scene: MapScene::on(&basemaps),
            basemaps,
        }
    }

    /// State for the built-in "Europe 2012" scenario.
    pub fn built_in() -> AppState {
        AppState::new(scenario::built_in(), None)
    }

    /// The scene for the current scenario, layers, projection and zoom, rebuilt only when one of
    /// them changed.
    pub fn scene(&mut self) -> &Scene {
        let source = SceneSource {
            scenario: &self.doc.scenario,
            revision: self.doc.revision,
            analysis: &mut self.analysis,
            repaint: &self.repaint,
        };
        cached_scene(&mut self.scene, source, &self.map.view, &self.map.layers)
    }

    /// The analysis of the current scenario: `Ready` with its result, or `Computing` with the
    /// newest result to show meanwhile (the window repaints when the new one arrives).
    pub fn request_analysis(&mut self) -> Answer {
        let notify = notify_repaint(&self.repaint);
        self.analysis
            .request(self.doc.revision, &self.doc.scenario, notify)
    }

    /// The analysis of the current scenario if it is computed; never waits.
    pub fn analysis_result(&self) -> Option<Tagged> {
        self.analysis
            .result_for(self.doc.revision, &self.doc.scenario)
    }

    /// The basemaps the window's maps are drawn on (for an export to draw on the same).
    pub fn basemaps(&self) -> &Basemaps {
        &self.basemaps
    }

    /// The engagement layer of the current scenario and view, if computed; never waits.
    pub fn engagement_drawing(&self) -> Option<Arc<EngagementDrawing>> {
        let view = self.map.layers.engagement.as_ref()?;
        self.analysis
            .engagement_result(self.doc.revision, &self.doc.scenario, view)
    }

    /// The metrics box's counts, recounted only when the scenario changes.
    pub fn summary(&mut self) -> Summary {
        match self.summary {
            Some((revision, s)) if revision == self.doc.revision => s,
            _ => {
                let s = self.doc.scenario.summary();
                self.summary = Some((self.doc.revision, s));
                s
            }
        }
    }

    /// Records that the document changed: caches keyed on the revision redraw, and the
    /// comparison follows the edit.
    pub fn changed(&mut self) {
        self.doc.revision += 1;
        if let Some(compare) = &mut self.compare {
            compare.follow(&self.doc.scenario, self.doc.revision);
        }
    }

    /// Applies a panel's edits in order.
    pub fn apply_edits(&mut self, edits: impl IntoIterator<Item = Edit>) {
        for edit in edits {
            match edit {
                Edit::Apply(command) => self.apply(command),
                Edit::Gesture(merging) => self.doc.history.set_merging(merging),
            }
        }
    }

    /// Applies a change through the one command path; a refused change is shown, not lost.
    pub fn apply(&mut self, command: Command) {
        match self.doc.history.apply(&mut self.doc.scenario, command) {
            Ok(()) => {
                self.changed();
                self.notice = None;
            }
            Err(why) => self.notice = Some(why),
        }
    }

    // Undo and redo can add or remove sites: a selection whose site is gone is dropped.
    pub fn undo(&mut self) {
        if self.doc.history.undo(&mut self.doc.scenario) {
            self.changed();
            self.keep_selection_valid();
        }
    }

    pub fn redo(&mut self) {
        if self.doc.history.redo(&mut self.doc.scenario) {
            self.changed();
            self.keep_selection_valid();
        }
    }

    fn keep_selection_valid(&mut self) {
        if self.selected().is_none() {
            self.selection = None;
        }
    }

    /// Selects the site or city at this index of the scenario.
    pub fn select(&mut self, item: ItemRef) {
        let s = &self.doc.scenario;
        self.selection = match item {
            ItemRef::Site(i) => s.sites.get(i).map(|x| Selection::Site(x.id.clone())),
            ItemRef::City(i) => s.cities.get(i).map(|x| Selection::City(x.id.clone())),
            ItemRef::Annotation(i) => s
                .annotations
                .get(i)
                .map(|x| Selection::Annotation(x.id.clone())),
        };
    }

    /// The selected site or city, by its index in the scenario now; `None` if nothing is
    /// selected or the selected object is gone.
    pub fn selected(&self) -> Option<ItemRef> {
        let s = &self.doc.scenario;
        match self.selection.as_ref()? {
            Selection::Site(id) => s.sites.iter().position(|x| &x.id == id).map(ItemRef::Site),
            Selection::City(id) => s.cities.iter().position(|x| &x.id == id).map(ItemRef::City),
            Selection::Annotation(id) => s
                .annotations
                .iter()
                .position(|x| &x.id == id)
                .map(ItemRef::Annotation),
        }
    }

    /// Keeps `annotation` in the scenario (one undo step) and selects it, so the inspector shows
    /// it; a new id is given if its id is taken.
    pub fn keep_annotation(&mut self, mut annotation: scenario::Annotation) {
        let taken = &self.doc.scenario.annotations;
        if annotation.id.is_empty() || taken.iter().any(|a| a.id == annotation.id) {
            annotation.id = scenario::next_annotation_id(taken, annotation.kind);
        }
        let id = annotation.id.clone();
        self.apply(Command::AddAnnotation(Box::new(annotation)));
        if self.doc.scenario.annotation(&id).is_some() {
            self.selection = Some(Selection::Annotation(id));
        }
    }

    /// Adds a new site of `kind` at a position and selects it for editing.
    pub fn add_site(&mut self, kind: SiteKind, at: geo::Point<f64>) {
        let base = kind.label().to_lowercase().replace(' ', "_");
        let id = (1..)
            .map(|n| format!("{base}_{n}"))
            .find(|id| self.doc.scenario.site(id).is_none())
            .unwrap_or(base);
        let site = Site {
            id: id.clone(),
            name: format!("New {}", kind.label().to_lowercase()),
            short_name: String::new(),
            country: String::new(),
            lat: at.y(),
            lon: at.x(),
            side: Side::UsNato,
            kind,
            system: String::new(),
            timeline: Timeline::from_year(self.doc.scenario.year, Status::Operational),
            radar: None,
            batteries: Vec::new(),
            missiles: Vec::new(),
            notes: String::new(),
            source: "Added by the user: give the source".to_owned(),
            uncertain: true,
            sidc: String::new(),
        };
        self.apply(Command::AddSite(Box::new(site)));
        if self.notice.is_none() {
            self.selection = Some(Selection::Site(id));
            self.editing = true;
        }
    }

    /// Copies the selected site, a little to the east, and selects the copy.
    pub fn duplicate_selected(&mut self) {
        let Some(ItemRef::Site(i)) = self.selected() else {
            return;
        };
        let Some(mut copy) = self.doc.scenario.sites.get(i).cloned() else {
            return;
        };
        let id = (1..)
            .map(|n| format!("{}_copy{n}", copy.id))
            .find(|id| self.doc.scenario.site(id).is_none())
            .unwrap_or_default();
        copy.id = id.clone();
        copy.name = format!("{} (copy)", copy.name);
        copy.lon = (copy.lon + 0.5).min(180.0);
        self.apply(Command::AddSite(Box::new(copy)));
        self.selection = Some(Selection::Site(id));
    }

    /// Deletes the selected site.
    pub fn delete_selected(&mut self) {
        let Some(ItemRef::Site(i)) = self.selected() else {
            return;
        };
        let Some(id) = self.doc.scenario.sites.get(i).map(|s| s.id.clone()) else {
            return;
        };
        self.apply(Command::DeleteSite(id));
        self.selection = None;
    }

    /// Opens or closes the side-by-side comparison.
    pub fn toggle_compare(&mut self) {
        self.compare = match self.compare.take() {
            Some(_) => None,
            None => Some(Compare::new(
                &self.doc.scenario,
                self.doc.revision,
                &self.basemaps,
            )),
        };
    }

    /// The index of the site with this id.
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.doc.scenario.sites.iter().position(|s| s.id == id)
    }

    /// Switches the projection and fits its default extent. The Arctic view is fitted to the
    /// scenario's sites and cities instead, so that the ICBM question's both ends (Russia and the
    /// US targets) are on screen.
    pub fn set_projection(&mut self, projection: ProjectionKind) {
        if self.map.view.projection != projection {
            self.map.view = self.fitted(projection);
        }
    }

    /// Shows the map in the azimuthal equidistant projection centred on site `index`, so that
    /// distances and bearings from it are true.
    pub fn centre_on_site(&mut self, index: usize) {
        let Some(site) = self.doc.scenario.sites.get(index) else {
            return;
        };
        match ProjectionKind::centred_on(site.position()) {
            Ok(kind) => self.set_projection(kind),
            Err(e) => self.notice = Some(format!("Cannot centre the map on {}: {e}", site.name)),
        }
    }

    /// Resets the view to the projection's default extent ("Fit Europe"), or for the Arctic
    /// view the scenario's extent.
    pub fn fit(&mut self) {
        self.map.view = self.fitted(self.map.view.projection);
    }

    fn fitted(&self, projection: ProjectionKind) -> MapView {
        let size = self.map.view.size_px;
        let s = &self.doc.scenario;
        let places = s
            .sites
            .iter()
            .map(|x| x.position())
            .chain(s.cities.iter().map(|c| c.position()));
        match projection {
            ProjectionKind::ArcticPolar => MapView::fit_points(projection, size, places, 0.04),
            ProjectionKind::EuropeEqualArea | ProjectionKind::Centred(_) => None,
        }
        .unwrap_or_else(|| MapView::fit(projection, size))
    }

    /// Names of sites and cities matching `query` (case-insensitive), best first, at most `limit`.
    pub fn search_results(&self, query: &str, limit: usize) -> Vec<(ItemRef, String)> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let sites = self
            .doc
            .scenario
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| (ItemRef::Site(i), s.name.clone(), &s.id));
        let cities = self
            .doc
            .scenario
            .cities
            .iter()
            .enumerate()
            .map(|(i, c)| (ItemRef::City(i), c.name.clone(), &c.id));
        let mut hits: Vec<(usize, ItemRef, String)> = sites
            .chain(cities)
            .filter_map(|(item, name, id)| {
                let lower = name.to_lowercase();
                let rank = if lower.starts_with(&q) {
                    0
                } else if lower.contains(&q) {
                    1
                } else if id.contains(&q) {
                    2
                } else {
                    return None;
                };
                Some((rank, item, name))
            })
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
        hits.into_iter()
            .take(limit)
            .map(|(_, item, name)| (item, name))
            .collect()
    }

    /// Selects an item and centres the map on it.
    pub fn go_to(&mut self, item: ItemRef) {
        let position = match item {
            ItemRef::Site(i) => self.doc.scenario.sites.get(i).map(|s| s.position()),
            ItemRef::City(i) => self.doc.scenario.cities.get(i).map(|c| c.position()),
            ItemRef::Annotation(i) => self
                .doc
                .scenario
                .annotations
                .get(i)
                .and_then(|a| a.anchor()),
        };
        if let Some(p) = position {
            self.select(item);
            self.map.view.centre_on(p, 3_000.0);
        }
    }

    /// The window title: app name and file.
    pub fn title(&self) -> String {
        let title = match &self.doc.file {
            Some(path) => format!(
                "BMD Atlas — {}",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => match &self.doc.origin {
                Some(origin) => format!("BMD Atlas — {} ({origin})", self.doc.scenario.name),
                None => format!("BMD Atlas — {}", self.doc.scenario.name),
            },
        };
        if self.is_dirty() {
            format!("{title} • unsaved")
        } else {
            title
        }
    }
}
