//! The app state's three parts: the document, the map view (saved with it, autosave included),
//! and a comparison that follows the document.

use bmd_atlas::app::AppState;
use bmd_atlas::command::Command;
use bmd_atlas::scenario::{self, Layer};

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-state-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The autosave holds what the window shows: after a pan and a layer change, that view and
/// those layers, not the ones the file was opened with.
#[test]
fn autosave_after_a_pan_and_a_layer_change_writes_that_view_and_those_layers() {
    let dir = temp_dir("autosave");
    let mut state = AppState::built_in();
    state.recovery_dir = Some(dir.clone());
    state.apply(Command::SetYear(2016));
    state.map.view.pan_by_pixels([300.0, -120.0]);
    state.map.view.zoom_about([640.0, 400.0], 2.0);
    state.map.layers.set(Layer::Rings, false);
    state.map.layers.set(Layer::Footprint, true);
    let view = state.map.view;
    state.autosave(bmd_atlas::app::files::AUTOSAVE_SECONDS + 1.0);

    let recovered = scenario::read_recovery(&dir).expect("an autosave was written");
    let saved = &recovered.loaded.scenario;
    assert_eq!(saved.year, 2016);
    assert!(!saved.presentation.layers.rings && saved.presentation.layers.footprint);
    let focus = saved.presentation.view.focus.expect("the view is saved");
    let centre = view
        .projection
        .projection()
        .inverse(view.centre)
        .expect("on the map");
    assert!((focus.centre_lon - centre.x()).abs() < 1e-9);
    assert!((focus.centre_lat - centre.y()).abs() < 1e-9);
    assert_eq!(focus.metres_per_pixel, view.metres_per_pixel);
    assert_eq!(saved.presentation.view.projection, view.projection);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The comparison keeps only its own model, year and timeline: an edit made to the document
/// after it was opened is on its map too.
#[test]
fn the_comparison_shows_an_edit_made_after_it_was_opened() {
    let mut state = AppState::built_in();
    state.toggle_compare();
    let compare = state.compare.as_mut().expect("open");
    compare.apply(Command::SetYear(2020)).expect("a valid year");
    compare
        .apply(Command::SetModel("unified".into()))
        .expect("a model of the scenario");
    assert!(
        compare
            .apply(Command::DeleteSite("deveselu".into()))
            .is_err(),
        "the comparison does not edit the document"
    );

    state.apply(Command::MoveSite {
        id: "deveselu".into(),
        lat: 45.5,
        lon: 25.0,
    });
    let right = &state.compare.as_ref().expect("still open").scenario;
    let moved = right.site("deveselu").expect("on the right-hand map");
    assert_eq!((moved.lat, moved.lon), (45.5, 25.0));
    assert_eq!((right.year, right.model.as_str()), (2020, "unified"));

    state.undo();
    let right = &state.compare.as_ref().expect("still open").scenario;
    let original = scenario::built_in();
    assert_eq!(right.site("deveselu"), original.site("deveselu"));
}

#[test]
fn the_arctic_view_shows_both_ends_of_the_icbm_question() {
    use bmd_atlas::geodesy::ProjectionKind;
    use bmd_atlas::scenario::CityKind;
    let mut state = bmd_atlas::app::AppState::built_in();
    state.map.view.resize([1200.0, 800.0]);
    state.set_projection(ProjectionKind::ArcticPolar);
    let view = state.map.view;
    let s = &state.doc.scenario;
    let on_screen = |p: geo::Point<f64>| {
        view.lon_lat_to_screen(p)
            .is_some_and(|[x, y]| (0.0..=1200.0).contains(&x) && (0.0..=800.0).contains(&y))
    };
    for c in s.cities.iter().filter(|c| c.kind == CityKind::UsTarget) {
        assert!(on_screen(c.position()), "{} is cut off", c.name);
    }
    for x in s
        .sites
        .iter()
        .filter(|x| x.kind == bmd_atlas::scenario::SiteKind::IcbmBase)
    {
        assert!(on_screen(x.position()), "{} is cut off", x.name);
    }
}
