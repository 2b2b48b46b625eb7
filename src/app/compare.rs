//! The right-hand side of a comparison (Compare side by side): the document with its own
//! model, year and timeline, its own analysis and its own cached map.

use super::map_scene::{MapScene, SceneSource, cached_scene, worker_on};
use super::state::Repaint;
use crate::analysis::AnalysisWorker;
use crate::basemap::Basemaps;
use crate::command::Command;
use crate::cooperation::Difference;
use crate::scenario::Scenario;
use crate::scene::{Layers, MapView, Scene};

/// The right-hand side of a comparison: the document with its own model, year and timeline.
///
/// Only those three choices are its own; everything else follows the document, so an edit made
/// after the comparison was opened shows on both sides.
pub struct Compare {
    /// The document with this side's choices applied, remade when the document changes.
    pub scenario: Scenario,
    /// Bumped whenever `scenario` changes (a choice here or an edit to the document).
    pub revision: u64,
    /// The document revision `scenario` was made from.
    document_revision: u64,
    /// The comparison side's own analysis.
    pub analysis: AnalysisWorker,
    scene: MapScene,
    /// The difference from the left-hand side, for (left revision, right revision).
    difference: Option<((u64, u64), Difference)>,
}

impl Compare {
    /// The comparison side, starting from the document at `revision` with its choices, drawn
    /// on `basemaps` (the window's).
    pub fn new(document: &Scenario, revision: u64, basemaps: &Basemaps) -> Compare {
        Compare {
            scenario: document.clone(),
            revision: 0,
            document_revision: revision,
            analysis: worker_on(basemaps),
            scene: MapScene::on(basemaps),
            difference: None,
        }
    }

    /// Changes this side's model, year or timeline (not undoable: it is a view, not the
    /// document). Other commands are refused: they would edit the document.
    pub fn apply(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::SetModel(_) | Command::SetYear(_) | Command::SetTimeline(_) => {
                command.apply(&mut self.scenario)?;
                self.revision += 1;
                Ok(())
            }
            other => Err(format!(
                "{} changes the document, not the comparison",
                other.label()
            )),
        }
    }

    /// Follows the document: after an edit, this side is the edited document with its own
    /// model, year and timeline (the document's model if its own is gone).
    pub fn follow(&mut self, document: &Scenario, revision: u64) {
        if revision == self.document_revision {
            return;
        }
        let (model, year, timeline) = (
            self.scenario.model.clone(),
            self.scenario.year,
            self.scenario.timeline,
        );
        self.scenario = document.clone();
        if document.models.iter().any(|m| m.id == model) {
            self.scenario.model = model;
        }
        self.scenario.year = year;
        self.scenario.timeline = timeline;
        self.document_revision = revision;
        self.revision += 1;
    }

    /// What differs from the left-hand scenario, recomputed only when either side changes.
    pub fn difference(&mut self, left: &Scenario, left_revision: u64) -> &Difference {
        let key = (left_revision, self.revision);
        if self.difference.as_ref().is_none_or(|(k, _)| *k != key) {
            self.difference = Some((key, left.difference(&self.scenario)));
        }
        match &self.difference {
            Some((_, d)) => d,
            None => unreachable!("the difference was just computed"),
        }
    }

    /// The comparison side's scene, cached like the main one.
    pub fn scene(&mut self, view: &MapView, layers: &Layers, repaint: &Option<Repaint>) -> &Scene {
        let source = SceneSource {
            scenario: &self.scenario,
            revision: self.revision,
            analysis: &mut self.analysis,
            repaint,
        };
        cached_scene(&mut self.scene, source, view, layers)
    }
}
