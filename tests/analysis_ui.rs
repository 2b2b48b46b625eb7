//! The analysis panel: results arrive from the background without freezing the window, the map
//! layers follow, and assumption edits go through undoable commands.

use crate::common;

use std::time::{Duration, Instant};

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::scene::Layer;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A tall window, so that the whole side panel is on screen without scrolling.
/// Tall enough that the whole side panel, analysis included, is on screen.
fn harness() -> Harness<'static, AtlasApp> {
    common::harness_with(AppState::built_in(), [1500.0, 3000.0])
}

/// Runs frames until `done`, for at most two minutes (the analysis runs on another thread).
fn run_until(
    h: &mut Harness<'static, AtlasApp>,
    done: impl Fn(&mut Harness<'static, AtlasApp>) -> bool,
) {
    let start = Instant::now();
    while !done(h) {
        assert!(start.elapsed() < Duration::from_secs(120), "timed out");
        std::thread::sleep(Duration::from_millis(20));
        h.run();
    }
}

#[test]
fn results_arrive_and_the_map_shows_the_footprint_and_the_icbm_paths() {
    let mut h = harness();
    run_until(&mut h, |h| {
        h.query_by_label("Defended against Iranian missiles")
            .is_some()
    });
    // The layers are off until asked for; the panel's switches turn them on.
    assert_eq!(h.state_mut().state.scene().count(Layer::Footprint), 0);
    h.get_by_label("Defended footprint").click();
    h.get_by_label("ICBM paths").click();
    h.run();
    run_until(&mut h, |h| {
        h.state_mut().state.scene().count(Layer::Footprint) > 0
    });
    let scene = h.state_mut().state.scene();
    assert!(scene.count(Layer::Trajectories) > 0);
    assert!(scene.legend.iter().any(|e| e.text.contains("ICBM path")));
}

#[test]
fn an_assumption_edit_is_one_undoable_command() {
    let mut h = harness();
    run_until(&mut h, |h| h.query_by_label("Assumptions").is_some());
    h.get_by_label("Assumptions").click();
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
