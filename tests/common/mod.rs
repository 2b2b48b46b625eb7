//! What the UI tests share: the real app in a kittest harness, with no GPU and no display.
// Each test file uses only some of these helpers.
#![allow(dead_code)]

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::basemap::Scale;
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario::Scenario;
use bmd_atlas::scene::{self, Layers, Scene};
use egui_kittest::Harness;

/// The app showing `state` in a window of `size` points, after its first frames.
pub fn harness_with(state: AppState, size: [f32; 2]) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size(size)
        // A background result (the analysis) can land in the middle of a run and lay out a new
        // table, which takes egui's grids a couple of frames more than kittest's default of 4.
        .with_max_steps(12)
        .with_context_setup(AtlasApp::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), AtlasApp::new(state));
    h.run();
    settle_analysis(&mut h);
    h
}

/// Runs frames until the background analysis of the current scenario has landed (for at most
/// 20 s), so that a test's clicks do not race the tables it lays out. With every test in one
/// process the analysis pool is shared and can take a while.
pub fn settle_analysis(h: &mut Harness<'static, AtlasApp>) {
    let start = std::time::Instant::now();
    while h.state().state.analysis_result().is_none()
        && start.elapsed() < std::time::Duration::from_secs(20)
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
}

/// The app on the built-in scenario in a 1500×1000 window.
pub fn harness() -> Harness<'static, AtlasApp> {
    harness_with(AppState::built_in(), [1500.0, 1000.0])
}

/// `s` as the export tests draw it: Europe (equal-area), the coarse basemap, the default layers,
/// no analysis.
pub fn europe_scene(s: &Scenario) -> Scene {
    scene::build(
        s,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &Layers::default(),
        None,
    )
}
