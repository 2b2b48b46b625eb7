//! The analysis panel: results arrive from the background without freezing the window, the map
//! layers follow, and assumption edits go through undoable commands.

use crate::common;

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::scene::Layer;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Tall enough that the whole side panel, analysis included, is on screen.
fn harness() -> Harness<'static, AtlasApp> {
    common::harness_with(AppState::built_in(), [1500.0, 3000.0])
}

#[test]
fn results_arrive_and_the_map_shows_the_footprint_and_the_icbm_paths() {
    let mut h = harness();
    common::wait_for_label(&mut h, "Defended against Iranian missiles");
    // The layers are off until asked for; the panel's switches turn them on.
    assert_eq!(h.state_mut().state.scene().count(Layer::Footprint), 0);
    common::wait_for_label(&mut h, "Defended footprint");
    h.get_by_label("Defended footprint").click();
    h.get_by_label("ICBM paths").click();
    h.run();
    common::run_until(&mut h, "the footprint on the map", |h| {
        h.state_mut().state.scene().count(Layer::Footprint) > 0
    });
    let scene = h.state_mut().state.scene();
    assert!(scene.count(Layer::Trajectories) > 0);
    assert!(scene.legend.iter().any(|e| e.text.contains("ICBM path")));
}

#[test]
fn an_assumption_edit_is_one_undoable_command() {
    let mut h = harness();
    common::wait_for_label(&mut h, "Assumptions");
    h.get_by_label("Assumptions").click();
    h.run();
    common::wait_for_label(&mut h, "Add delay");
    // The tab scrolls inside the panel under the map.
    h.get_by_label("Add delay").scroll_to_me();
    h.run();
    h.get_by_label("Add delay").click();
    h.run();
    let delays = |h: &Harness<'_, AtlasApp>| {
        h.state()
            .state
            .doc
            .scenario
            .assumptions
            .icbm_launch_delays_s
            .clone()
    };
    assert_eq!(delays(&h), vec![120.0, 300.0, 360.0]);
    h.state_mut().state.undo();
    h.run();
    assert_eq!(delays(&h), vec![120.0, 300.0]);
}
