//! Application state, separate from the UI code that shows it.

use std::path::PathBuf;

use crate::geodesy::ProjectionKind;
use crate::scenario::{self, Scenario};
use crate::scene::{self, ItemRef, Layers, MapView, Scene};

/// Everything the app knows between frames.
pub struct AppState {
    pub scenario: Scenario,
    /// The file the scenario came from; `None` for the built-in one.
    pub file: Option<PathBuf>,
    pub view: MapView,
    pub layers: Layers,
    pub selection: Option<ItemRef>,
    pub search: String,
    /// An error to show the user (a file that would not open, for example).
    pub error: Option<String>,
    /// Bumped whenever the scenario changes, so the cached scene is rebuilt.
    pub revision: u64,
    scene: Option<(SceneKey, Scene)>,
}

#[derive(Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    projection: ProjectionKind,
    scale: crate::basemap::Scale,
    layers: Layers,
}

impl AppState {
    /// State for a scenario, viewed with the default Europe extent.
    pub fn new(scenario: Scenario, file: Option<PathBuf>) -> AppState {
        AppState {
            scenario,
            file,
            view: MapView::fit(ProjectionKind::EuropeEqualArea, [1280.0, 800.0]),
            layers: Layers::default(),
            selection: None,
            search: String::new(),
            error: None,
            revision: 0,
            scene: None,
        }
    }

    /// State for the built-in "Europe 2012" scenario.
    pub fn built_in() -> AppState {
        AppState::new(scenario::built_in(), None)
    }

    /// Opens `path`; on failure keeps the current scenario and records the error for the user.
    pub fn open(&mut self, path: PathBuf) {
        match crate::scenario::load_file(&path) {
            Ok(s) => {
                self.scenario = s;
                self.file = Some(path);
                self.selection = None;
                self.revision += 1;
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// The scene for the current scenario, layers, projection and zoom, rebuilt only when one of
    /// them changed.
    pub fn scene(&mut self) -> &Scene {
        let key = SceneKey {
            revision: self.revision,
            projection: self.view.projection,
            scale: self.view.scale(),
            layers: self.layers.clone(),
        };
        let stale = self.scene.as_ref().is_none_or(|(k, _)| *k != key);
        if stale {
            let built = scene::build(&self.scenario, key.projection, key.scale, &key.layers);
            self.scene = Some((key, built));
        }
        match &self.scene {
            Some((_, s)) => s,
            None => unreachable!("the scene was just built"),
        }
    }

    /// Switches the projection and fits its default extent.
    pub fn set_projection(&mut self, projection: ProjectionKind) {
        if self.view.projection != projection {
            self.view = MapView::fit(projection, self.view.size_px);
        }
    }

    /// Resets the view to the projection's default extent ("Fit Europe").
    pub fn fit(&mut self) {
        self.view = MapView::fit(self.view.projection, self.view.size_px);
    }

    /// Names of sites and cities matching `query` (case-insensitive), best first, at most `limit`.
    pub fn search_results(&self, query: &str, limit: usize) -> Vec<(ItemRef, String)> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let sites = self
            .scenario
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| (ItemRef::Site(i), s.name.clone(), &s.id));
        let cities = self
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
            ItemRef::Site(i) => self.scenario.sites.get(i).map(|s| s.position()),
            ItemRef::City(i) => self.scenario.cities.get(i).map(|c| c.position()),
        };
        if let Some(p) = position {
            self.selection = Some(item);
            self.view.centre_on(p, 3_000.0);
        }
    }

    /// The window title: app name and file.
    pub fn title(&self) -> String {
        match &self.file {
            Some(path) => format!(
                "BMD Atlas — {}",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => format!("BMD Atlas — {} (built-in)", self.scenario.name),
        }
    }
}
