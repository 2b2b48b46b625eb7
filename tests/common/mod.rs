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
        .with_context_setup(AtlasApp::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), AtlasApp::new(state));
    h.run();
    h
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
