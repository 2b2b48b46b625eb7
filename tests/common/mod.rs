//! What the UI tests share: the real app in a kittest harness, with no GPU and no display.
//!
//! Every wait here has a deadline and fails loudly when it passes, naming what it waited for:
//! the tests run in parallel on two cores, and a test that goes on without the panel it is
//! about to click fails somewhere else with a message that hides the cause.
// Each test file uses only some of these helpers.
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use bmd_atlas::analysis::{Analysis, AnalysisWorker, Memos, analyze_in, analyze_with_spread_in};
use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::basemap::Scale;
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario::{self, Scenario};
use bmd_atlas::scene::{self, Layers, Scene};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// How long a test waits for work on another thread (an analysis, an export) before it fails.
/// Generous: on two cores kept busy by the rest of the suite a debug-build analysis takes
/// seconds, and a deadline is there to turn a hang into a message, not to time anything.
pub const DEADLINE: Duration = Duration::from_secs(180);

/// The analysis memos the tests share, as the window's worker keeps its own: flights, grids and
/// reach tests computed for one test serve the next (the analysis tests check that a warm answer
/// is the cold one).
pub fn memos() -> &'static Arc<Memos> {
    static MEMOS: OnceLock<Arc<Memos>> = OnceLock::new();
    MEMOS.get_or_init(|| Arc::new(Memos::new()))
}

/// `analysis::analyze(s)` with the shared memos.
pub fn analyze(s: &Scenario) -> Analysis {
    analyze_in(s, memos())
}

/// The analysis of the built-in scenario, computed once per test process and shared by every
/// window that starts on it, so that forty windows do not each compute it again.
pub fn built_in_analysis() -> Arc<Analysis> {
    static ANALYSIS: OnceLock<Arc<Analysis>> = OnceLock::new();
    let analysis =
        ANALYSIS.get_or_init(|| Arc::new(analyze_with_spread_in(&scenario::built_in(), memos())));
    Arc::clone(analysis)
}

/// The app on `state`, with the built-in scenario's analysis already in its worker (it answers
/// only for the built-in scenario's inputs; any other scenario is computed as in the window,
/// with the memos the tests share).
pub fn app(mut state: AppState) -> AtlasApp {
    state.analysis = AnalysisWorker::with_memos(Arc::clone(memos()));
    state
        .analysis
        .store(&scenario::built_in(), built_in_analysis());
    AtlasApp::new(state)
}

/// The app showing `state` in a window of `size` points, after its first frames, with the
/// analysis of its scenario in.
pub fn harness_with(state: AppState, size: [f32; 2]) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size(size)
        // A background result (the analysis) can land in the middle of a run and lay out a new
        // table, which takes egui's grids a couple of frames more than kittest's default of 4.
        .with_max_steps(12)
        .with_context_setup(AtlasApp::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app(state));
    h.run();
    settle_analysis(&mut h);
    h
}

/// Runs frames until `done` holds; fails, saying `what` it waited for, after [`DEADLINE`].
pub fn run_until(
    h: &mut Harness<'static, AtlasApp>,
    what: &str,
    done: impl Fn(&mut Harness<'static, AtlasApp>) -> bool,
) {
    let start = Instant::now();
    while !done(h) {
        if let Some(failure) = h.state().state.analysis.failure() {
            panic!("while waiting for {what}: {failure}");
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{what} did not happen within {} s",
            DEADLINE.as_secs()
        );
        std::thread::sleep(Duration::from_millis(10));
        h.run();
    }
}

/// Runs frames until the background analysis of the current scenario has landed, so that a
/// test's clicks do not race the tables it lays out.
pub fn settle_analysis(h: &mut Harness<'static, AtlasApp>) {
    run_until(h, "the analysis of the current scenario", |h| {
        h.state().state.analysis_result().is_some()
    });
    // The frame that lays out the new result.
    h.run();
}

/// Runs frames until a widget labelled `label` is shown, the one the test is about to use.
pub fn wait_for_label(h: &mut Harness<'static, AtlasApp>, label: &str) {
    run_until(h, &format!("“{label}” to be shown"), |h| {
        h.query_by_label(label).is_some()
    });
}

/// Runs frames until a widget whose label contains `text` is shown.
pub fn wait_for_label_containing(h: &mut Harness<'static, AtlasApp>, text: &str) {
    run_until(h, &format!("a label with “{text}” to be shown"), |h| {
        h.query_by_label_contains(text).is_some()
    });
}

/// The accessible name of the map symbol of site `id` (its full name): a click on it in the
/// harness clicks the symbol.
pub fn symbol_name(h: &mut Harness<'static, AtlasApp>, id: &str) -> String {
    h.state_mut()
        .state
        .scene()
        .symbols
        .iter()
        .find(|s| s.id == format!("site:{id}"))
        .map(|s| s.name.clone())
        .unwrap_or_else(|| panic!("{id} on the map"))
}

/// Drags the pointer from `from` to `to` in a few steps, as a hand would, and drops there.
pub fn drag(h: &mut Harness<'static, AtlasApp>, from: egui::Pos2, to: egui::Pos2) {
    h.drag_at(from);
    h.run();
    for step in 1..=5 {
        h.hover_at(from + (to - from) * step as f32 / 5.0);
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// The app on the built-in scenario in a 1500×1000 window.
pub fn harness() -> Harness<'static, AtlasApp> {
    harness_with(AppState::built_in(), [1500.0, 1000.0])
}

/// The built-in scenario's file, as a user passes it on the command line.
pub const BUILT_IN_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/scenarios/europe-2012.scenario.json"
);

/// `s` as the export tests draw it: Europe (equal-area), the coarse basemap, the default layers,
/// no analysis.
pub fn europe_scene(s: &Scenario) -> Scene {
    europe_scene_with(s, &Layers::default())
}

/// [`europe_scene`] with `layers` on.
pub fn europe_scene_with(s: &Scenario, layers: &Layers) -> Scene {
    scene::build(
        s,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        layers,
        None,
    )
}

/// The page `bmd-atlas export BUILT_IN_FILE --out NAME FLAGS…` writes, as a user runs it
/// (through the command line's parser), read back; the file goes in a temporary folder of its
/// own, removed after.
pub fn export_built_in(name: &str, flags: &[&str]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-export-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let out = dir.join(name);
    let out_text = out.to_str().unwrap_or_default().to_owned();
    let args = ["export", BUILT_IN_FILE, "--out", &out_text]
        .into_iter()
        .chain(flags.iter().copied());
    let args: bmd_atlas::cli::export::ExportArgs =
        bmd_atlas::cli::parse_args(args).expect("parses");
    bmd_atlas::cli::export::run(&args).expect("exports");
    let page = std::fs::read(&out).expect("written");
    std::fs::remove_dir_all(&dir).expect("clean up");
    page
}
