//! A map's scene, cached: built again only when what it is drawn from changes (the scenario's
//! revision, the analysis or engagement result drawn, the projection, the scale, the layers).
//! The window's map and the comparison's right-hand map each keep one.

use std::sync::Arc;

use super::state::Repaint;
use crate::analysis::{AnalysisWorker, Answer, Memos, Notify};
use crate::basemap::Basemaps;
use crate::geodesy::ProjectionKind;
use crate::picture::Computed;
use crate::scenario::Scenario;
use crate::scene::{Layers, MapView, Scene, SceneBuilder};

/// A notification that repaints the window, if there is one to repaint.
pub(super) fn notify_repaint(repaint: &Option<Repaint>) -> Option<Notify> {
    repaint.clone().map(|r| Box::new(move || r()) as Notify)
}

/// A map's scene, the choices it was built for, and what the next build can reuse.
pub(super) struct MapScene {
    built: Option<(SceneKey, Scene)>,
    builder: SceneBuilder,
}

impl MapScene {
    /// A map drawn on `basemaps`, nothing built yet.
    pub(super) fn on(basemaps: &Basemaps) -> MapScene {
        MapScene {
            built: None,
            builder: SceneBuilder::new(basemaps.clone()),
        }
    }
}

/// An analysis worker whose grids read the land from `basemaps`.
pub(super) fn worker_on(basemaps: &Basemaps) -> AnalysisWorker {
    AnalysisWorker::with_memos(Arc::new(Memos::with_basemaps(basemaps.clone())))
}

#[derive(Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    /// The analysis result drawn (its serial), so its layers appear when it arrives.
    analysis: Option<u64>,
    /// The engagement drawing drawn (its address), so it appears when it arrives.
    engagement: Option<usize>,
    projection: ProjectionKind,
    scale: crate::basemap::Scale,
    layers: Layers,
}

/// What a map's scene is drawn from.
pub(super) struct SceneSource<'a> {
    pub scenario: &'a Scenario,
    pub revision: u64,
    pub analysis: &'a mut AnalysisWorker,
    pub repaint: &'a Option<Repaint>,
}

/// The scene of `source` in `view` with `layers`, from `cache` when nothing it is drawn from
/// has changed.
pub(super) fn cached_scene<'a>(
    cache: &'a mut MapScene,
    source: SceneSource<'_>,
    view: &MapView,
    layers: &Layers,
) -> &'a Scene {
    // The analysis layers are drawn once the result for this scenario is in; until then the
    // rest of the map is, and the worker repaints the window when it arrives.
    let result = if layers.footprint || layers.trajectories {
        let notify = notify_repaint(source.repaint);
        match source
            .analysis
            .request(source.revision, source.scenario, notify)
        {
            Answer::Ready(t) => Some(t),
            Answer::Computing(_) => None,
        }
    } else {
        None
    };
    // The engagement layer likewise, computed by the same worker.
    let engagement = layers.engagement.as_ref().and_then(|view| {
        let notify = notify_repaint(source.repaint);
        source
            .analysis
            .request_engagement(source.revision, source.scenario, view, notify)
    });
    let key = SceneKey {
        revision: source.revision,
        analysis: result.as_ref().map(|t| t.serial),
        engagement: engagement.as_ref().map(|d| Arc::as_ptr(d) as usize),
        projection: view.projection,
        scale: view.scale(),
        layers: layers.clone(),
    };
    if cache.built.as_ref().is_none_or(|(k, _)| *k != key) {
        let computed = Computed {
            analysis: result.as_ref().map(|t| t.result.as_ref()),
            engagement: engagement.as_deref(),
            threat_at_s: None,
        };
        let (scenario, layers) = (source.scenario, &key.layers);
        let built = cache
            .builder
            .build(scenario, key.projection, key.scale, layers, computed);
        cache.built = Some((key, built));
    }
    match &cache.built {
        Some((_, s)) => s,
        None => unreachable!("the scene was just built"),
    }
}
