//! The view centred on a site: `--projection site:ID` for the window and `export` (an unknown id
//! names the near matches), the page's caption naming the site, the scale bar and north arrow
//! right for it, the choice saved with the document's view, and the window's menu items.

use bmd_atlas::cli::{self, WindowArgs, export::ExportArgs};
use bmd_atlas::export::north_angle_deg;
use bmd_atlas::geodesy::{ProjectionKind, distance_m};
use bmd_atlas::scenario;
use bmd_atlas::scene::MapView;
use egui_kittest::kittest::Queryable;

use crate::common::{self, BUILT_IN_FILE};

fn deveselu() -> geo::Point<f64> {
    scenario::built_in()
        .site("deveselu")
        .map(|s| s.position())
        .expect("Deveselu in the built-in scenario")
}

#[test]
fn export_and_the_window_centre_on_a_site_and_name_it() {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-centred-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("centred.svg");
    let args: ExportArgs = cli::parse_args([
        "export",
        BUILT_IN_FILE,
        "--out",
        out.to_str().unwrap_or_default(),
        "--projection",
        "site:deveselu",
        "--size",
        "1280x720",
    ])
    .expect("parses");
    cli::export::run(&args).expect("exports");
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(
        svg.contains("Projection: Azimuthal equidistant, centred on Deveselu."),
        "the caption names the site"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");

    let window: WindowArgs =
        cli::parse_args(["bmd-atlas", "--projection", "site:redzikowo"]).expect("parses");
    let state = window.state().expect("opens");
    let redzikowo = state.doc.scenario.site("redzikowo").map(|s| s.position());
    assert_eq!(
        Some(state.map.view.projection),
        redzikowo.and_then(|p| ProjectionKind::centred_on(p).ok())
    );

    // An unknown id is refused by both, naming the ids that come closest.
    let args: ExportArgs = cli::parse_args([
        "export",
        BUILT_IN_FILE,
        "--out",
        "never.png",
        "--projection",
        "site:deveslu",
    ])
    .expect("parses");
    let err = cli::export::run(&args).expect_err("no such site");
    assert!(
        err.contains("no site 'deveslu'") && err.contains("did you mean deveselu?"),
        "{err}"
    );
    let window: WindowArgs =
        cli::parse_args(["bmd-atlas", "--projection", "site:redzikovo"]).expect("parses");
    let err = window.state().err().unwrap_or_default();
    assert!(err.contains("did you mean redzikowo?"), "{err}");
    let bad = cli::parse_args::<WindowArgs, _, _>(["bmd-atlas", "--projection", "mercator"]);
    let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("europe, arctic or site:ID"), "{message}");
}

/// At the centre of a view centred on Deveselu north is straight up and the scale bar is the
/// ground's: its length in pixels times the metres a pixel stands for there is the geodesic.
#[test]
fn the_scale_bar_and_north_arrow_are_right_for_a_centred_view() {
    let kind = ProjectionKind::centred_on(deveselu()).expect("a place");
    let view = MapView::fit(kind, [1600.0, 900.0]);
    let north = north_angle_deg(&view).expect("defined off the poles");
    assert!(north.abs() < 0.01, "north is up at the centre: {north}°");
    let bar = view.scale_bar(200.0).expect("a scale bar");
    let [w, h] = view.size_px;
    let left = view
        .to_lon_lat([w / 2.0 - bar.length_px / 2.0, h / 2.0])
        .expect("on the map");
    let right = view
        .to_lon_lat([w / 2.0 + bar.length_px / 2.0, h / 2.0])
        .expect("on the map");
    let km: f64 = bar
        .label
        .trim_end_matches(" km")
        .replace(',', "")
        .parse()
        .expect("a length in km");
    let ground = distance_m(left, right) / 1000.0;
    assert!(
        (ground - km).abs() / km < 0.001,
        "{ground} km under a {km} km bar"
    );
    // Far from the centre, distances from Deveselu are still true on the map.
    let p = kind.projection();
    let origin = p.forward(deveselu()).expect("projects");
    for id in ["redzikowo", "kurecik", "ramstein"] {
        let at = scenario::built_in()
            .site(id)
            .map(|s| s.position())
            .expect(id);
        let xy = p.forward(at).expect("projects");
        let drawn = (xy.x - origin.x).hypot(xy.y - origin.y);
        let true_m = distance_m(deveselu(), at);
        assert!(
            (drawn - true_m).abs() / true_m < 1e-6,
            "{id}: {drawn} vs {true_m}"
        );
    }
}

#[test]
fn a_centred_view_is_saved_with_the_document() {
    let mut s = scenario::built_in();
    s.presentation.view.projection = ProjectionKind::centred_on(deveselu()).expect("a place");
    let text = scenario::to_json(&s);
    assert!(text.contains("\"centred\": {"), "written as its centre");
    let back = scenario::open_str(&text, "centred.scenario.json").expect("opens");
    assert_eq!(
        back.scenario.presentation.view.projection,
        s.presentation.view.projection
    );
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    // A centre that is no place is refused with its place in the file.
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    value["presentation"]["view"]["projection"]["centred"]["lat"] = serde_json::json!(95.0);
    let bad = serde_json::to_string_pretty(&value).expect("JSON");
    let err = scenario::open_str(&bad, "bad.scenario.json").expect_err("refused");
    assert!(
        err.to_string().contains("presentation.view.projection"),
        "{err}"
    );
}

/// In the window: a site's context menu centres the map on it, and the status bar names it;
/// View ▸ Centred on selected site does the same for the selection.
#[test]
fn the_window_centres_the_map_on_a_site_from_its_menu_and_the_view_menu() {
    let mut h = common::harness_with(bmd_atlas::app::AppState::built_in(), [1600.0, 1000.0]);
    common::wait_for_label(&mut h, "Measure");
    let name = common::symbol_name(&mut h, "deveselu");
    h.get_by_label(&name).click_secondary();
    h.run();
    h.get_by_label(&format!("Centre the map on {name}")).click();
    h.run();
    let centred = ProjectionKind::centred_on(deveselu()).expect("a place");
    assert_eq!(h.state().state.map.view.projection, centred);
    // The status bar and the toolbar name it.
    common::run_until(&mut h, "the projection named", |h| {
        h.query_all_by_label("Azimuthal equidistant, centred on Deveselu")
            .count()
            == 2
    });
    // Back to Europe, then the View menu on the selected Redzikowo.
    h.state_mut()
        .state
        .set_projection(ProjectionKind::EuropeEqualArea);
    h.run();
    let redzikowo = common::symbol_name(&mut h, "redzikowo");
    h.get_by_label(&redzikowo).click();
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Centred on selected site").click();
    h.run();
    let at = h
        .state()
        .state
        .doc
        .scenario
        .site("redzikowo")
        .map(|s| s.position())
        .expect("Redzikowo");
    assert_eq!(
        Some(h.state().state.map.view.projection),
        ProjectionKind::centred_on(at).ok()
    );
}
