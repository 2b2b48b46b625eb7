//! Annotations end to end: kept in the file (format 4, migrated from 3), undone and redone,
//! drawn in every export, carried by a page's embedded scenario, written to GeoJSON and KML,
//! refused with their place when bad, and handled in the window (measure ▸ keep, the layer list,
//! the inspector).

use bmd_atlas::command::{Command, History};
use bmd_atlas::export::{self, ExportOptions, Format, PageSize, Panel};
use bmd_atlas::picture::Picture;
use bmd_atlas::provenance::{self, Choices, Provenance};
use bmd_atlas::scenario::{self, Annotation, AnnotationKind, LatLon, Scenario};
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common;

const DEVESELU: LatLon = LatLon {
    lat: 44.067,
    lon: 24.383,
};
const REDZIKOWO: LatLon = LatLon {
    lat: 54.479,
    lon: 17.098,
};

/// One annotation of each kind.
fn marks() -> Vec<Annotation> {
    vec![
        Annotation::path("path-1", "Deveselu → Redzikowo", vec![DEVESELU, REDZIKOWO]),
        Annotation::ring("ring-1", "From Deveselu", DEVESELU, 1000.0),
        Annotation::at(
            "note-1",
            AnnotationKind::Note,
            "Host-nation talks stalled here",
            LatLon {
                lat: 52.23,
                lon: 21.01,
            },
        ),
        Annotation::at(
            "point-1",
            AnnotationKind::Point,
            "Rally point",
            LatLon {
                lat: 47.0,
                lon: 28.8,
            },
        ),
    ]
}

/// The built-in scenario with [`marks`] added through `history`, one command each.
fn annotated_in(history: &mut History) -> Scenario {
    let mut s = scenario::built_in();
    for a in marks() {
        history
            .apply(&mut s, Command::AddAnnotation(Box::new(a)))
            .expect("a good annotation is kept");
    }
    s
}

fn annotated() -> Scenario {
    annotated_in(&mut History::default())
}

#[test]
fn annotations_survive_undo_redo_save_load_and_a_page() {
    let mut history = History::default();
    let mut s = annotated_in(&mut history);
    assert_eq!(s.annotations, marks());
    // Undo takes back the last one kept, redo brings it back.
    assert!(history.undo(&mut s));
    assert_eq!(s.annotations.len(), 3);
    assert!(history.redo(&mut s));
    assert_eq!(s.annotations, marks());
    let mut renamed = marks()[1].clone();
    renamed.label = "SM-3 IB from Deveselu".into();
    history
        .apply(&mut s, Command::EditAnnotation(Box::new(renamed.clone())))
        .expect("renamed");
    assert_eq!(s.annotation("ring-1"), Some(&renamed));
    assert!(history.undo(&mut s));
    assert_eq!(s.annotation("ring-1"), Some(&marks()[1]));
    // A bad one is refused and changes nothing.
    let mut bad = marks()[3].clone();
    bad.id = "point-2".into();
    bad.points[0].lat = f64::NAN;
    let err = history
        .apply(&mut s, Command::AddAnnotation(Box::new(bad)))
        .expect_err("NaN refused");
    assert!(
        err.contains("points[0].lat") && err.contains("not a latitude"),
        "{err}"
    );
    assert_eq!(s.annotations, marks());

    // Save and load.
    let dir = std::env::temp_dir().join(format!("bmd-atlas-annotations-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("marked.scenario.json");
    scenario::save_file(&s, &path).expect("saves");
    let text = std::fs::read_to_string(&path).expect("reads");
    assert!(text.contains("\"format_version\": 4") && text.contains("\"annotations\": ["));
    let loaded = scenario::open_file(&path).expect("opens");
    assert_eq!(loaded.scenario, s);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    std::fs::remove_dir_all(&dir).expect("clean up");

    // A page carries them in its embedded scenario, and draws them.
    let scene = common::europe_scene(&s);
    let options = ExportOptions {
        page: PageSize::Pixels {
            width: 1920,
            height: 1080,
        },
        format: Format::Svg,
        ..ExportOptions::for_scenario(&s)
    };
    let p = Provenance::new(&s, Choices::from_scenario(&s));
    let page = export::export_with(&[Panel::new(&scene)], &options, Some(&p)).expect("exports");
    let back = provenance::read(&page, "brief.svg").expect("reads back");
    assert_eq!(back.scenario().expect("loads").annotations, marks());
    let svg = String::from_utf8_lossy(&page);
    for label in [
        "Host-nation talks stalled here",
        "Rally point",
        "From Deveselu: 1,000.0 km",
    ] {
        assert!(svg.contains(label), "the page draws {label}");
    }
    assert!(svg.contains("Annotation (the"), "the legend names them");
}

#[test]
fn annotations_are_written_to_geojson_and_kml_with_their_labels() {
    let s = annotated();
    let picture = Picture::build(&s, &s.presentation.layers, None);
    let geojson: serde_json::Value =
        serde_json::from_str(&bmd_atlas::exchange::to_geojson(&s, &picture)).expect("JSON");
    let features = geojson["features"].as_array().expect("features");
    let of = |id: &str| {
        features
            .iter()
            .find(|f| f["id"] == format!("annotation:{id}"))
            .unwrap_or_else(|| panic!("{id} in the GeoJSON"))
    };
    let path = of("path-1");
    assert_eq!(path["geometry"]["type"], "LineString");
    assert_eq!(path["properties"]["label"], "Deveselu → Redzikowo");
    let length = path["properties"]["length_km"].as_f64().unwrap_or(0.0);
    let geodesic = {
        use geo::Distance;
        geo::Geodesic.distance(DEVESELU.point(), REDZIKOWO.point()) / 1000.0
    };
    assert!(
        (length - geodesic).abs() < 0.001,
        "{length} km, not {geodesic}"
    );
    assert_eq!(of("ring-1")["geometry"]["type"], "Polygon");
    assert_eq!(of("ring-1")["properties"]["radius_km"], 1000.0);
    assert_eq!(of("note-1")["properties"]["annotation"], "note");
    assert_eq!(of("point-1")["geometry"]["type"], "Point");
    let kml = bmd_atlas::exchange::to_kml(&s, &picture);
    assert!(kml.contains("<name>Annotations</name>") && kml.contains("Rally point"));
    // Hidden ones are in neither.
    let mut hidden = s.clone();
    hidden.annotations[3].visible = false;
    let picture = Picture::build(&hidden, &hidden.presentation.layers, None);
    assert!(picture.feature("annotation:point-1").is_none());
    assert!(picture.feature("annotation:note-1").is_some());
}

#[test]
fn a_version_3_file_migrates_to_version_4_without_annotations() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v3/small.scenario.json");
    let loaded = scenario::open_file(&path).expect("a version 3 file opens");
    assert_eq!(loaded.from_version, 3);
    assert_eq!(loaded.scenario.format_version, scenario::FORMAT_VERSION);
    assert!(loaded.scenario.annotations.is_empty());
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.path == "format_version" && w.message.contains("saving writes version 4")),
        "{:?}",
        loaded.warnings
    );
    let text = scenario::to_json(&loaded.scenario);
    let again = scenario::open_str(&text, "again.scenario.json").expect("reopens");
    assert_eq!(again.scenario, loaded.scenario);
    assert!(again.warnings.is_empty());
}

/// A file's bad annotations are refused with the place and the problem; a build that reads
/// version 3 would refuse a version 4 file rather than drop its annotations.
#[test]
fn bad_annotations_are_refused_with_their_place() {
    let mut s = annotated();
    s.annotations[2].label = String::new();
    s.annotations[3].label = "x".repeat(100_000);
    s.annotations[1].points[0].lon = 190.0;
    let json = serde_json::to_string(&s).expect("serialises");
    let err = scenario::open_str(&json, "marked.scenario.json").expect_err("refused");
    let text = err.to_string();
    assert!(text.starts_with("marked.scenario.json"), "{text}");
    for expected in [
        "annotations[1].points[0].lon",
        "190 is not a longitude",
        "annotations[2].label",
        "is empty; a note needs a label",
        "annotations[3].label",
        "100,000 characters long",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // Ten thousand of them: one clear message, quickly.
    let mut many = scenario::built_in();
    many.annotations = (0..10_000)
        .map(|i| Annotation::at(&format!("p{i}"), AnnotationKind::Point, "p", DEVESELU))
        .collect();
    let json = serde_json::to_string(&many).expect("serialises");
    let err = scenario::open_str(&json, "many.scenario.json").expect_err("refused");
    assert!(
        err.to_string()
            .contains("10,000 annotations; at most 2,000"),
        "{err}"
    ); // `bmd-atlas validate` says the same, naming the file.
    let dir = std::env::temp_dir().join(format!("bmd-atlas-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("many.scenario.json");
    std::fs::write(&file, &json).expect("written");
    let said = bmd_atlas::cli::validate::validate(&bmd_atlas::cli::validate::ValidateArgs {
        file: file.clone(),
    })
    .expect_err("refused");
    assert!(
        said.contains("many.scenario.json")
            && said.contains("annotations (line 1, column")
            && said.contains("10,000 annotations; at most 2,000"),
        "{said}"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// In the window: measure Deveselu → Redzikowo, keep it, see it in the layer list, hide it,
/// rename it in the inspector, undo, delete it.
#[test]
fn a_measured_path_kept_in_the_window_is_listed_edited_and_undone() {
    // Tall enough for the side panel's layer list to be on screen without scrolling.
    let mut h = common::harness_with(bmd_atlas::app::AppState::built_in(), [1600.0, 2800.0]);
    common::wait_for_label(&mut h, "Measure");
    h.get_by_label("Measure").click();
    h.run();
    for id in ["deveselu", "redzikowo"] {
        let name = common::symbol_name(&mut h, id);
        h.get_by_label(&name).click();
        h.run();
    }
    h.get_by_label("Keep as annotation").click();
    h.run();
    let state = &h.state().state;
    assert!(state.map.measure.is_none(), "keeping ends the measuring");
    let kept = state.doc.scenario.annotations.clone();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].kind, AnnotationKind::Path);
    let label = kept[0].label.clone();
    assert!(
        label.contains(" → ") && label.contains("Deveselu"),
        "{label}"
    );
    assert_eq!(
        state.selected(),
        Some(bmd_atlas::scene::ItemRef::Annotation(0)),
        "the inspector shows it"
    );
    // The layer list (the side panel's Layers tab) has it, with a tick named after it.
    h.get_by_label("Layers").click();
    h.run();
    assert!(!h.query_all_by_label(&label).collect::<Vec<_>>().is_empty());
    let tick = h
        .query_all_by_label(&label)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::CheckBox)
        .expect("a tick for it");
    tick.click();
    h.run();
    assert!(
        !h.state().state.doc.scenario.annotations[0].visible,
        "hidden"
    );
    assert!(
        h.state_mut()
            .state
            .scene()
            .symbols
            .iter()
            .all(|s| !s.id.starts_with("annotation:")),
        "not drawn once hidden"
    );
    // Renamed in the inspector.
    h.get_by_label("Label").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::NONE, egui::Key::End);
    h.run();
    h.get_by_label("Label").type_text(" (1)");
    h.run();
    assert_eq!(
        h.state().state.doc.scenario.annotations[0].label,
        format!("{label} (1)")
    );
    // Deleted, and undone.
    h.get_by_label("Delete annotation").click();
    h.run();
    assert!(h.state().state.doc.scenario.annotations.is_empty());
    h.state_mut().state.undo();
    h.run();
    assert_eq!(h.state().state.doc.scenario.annotations.len(), 1);
}

/// A scenario with as many annotations as a file may hold opens and draws.
#[test]
fn the_window_draws_the_most_annotations_a_file_may_hold() {
    let mut s = scenario::built_in();
    s.annotations = (0..scenario::MAX_ANNOTATIONS)
        .map(|i| {
            let at = LatLon {
                lat: 40.0 + (i % 40) as f64 * 0.5,
                lon: (i / 40) as f64 * 0.8 - 10.0,
            };
            Annotation::at(
                &format!("p{i}"),
                AnnotationKind::Point,
                &format!("P{i}"),
                at,
            )
        })
        .collect();
    assert!(scenario::validate(&s).is_empty());
    let mut h = common::harness_with(bmd_atlas::app::AppState::new(s, None), [1600.0, 1000.0]);
    common::wait_for_label(&mut h, "Measure");
    let drawn = h
        .state_mut()
        .state
        .scene()
        .symbols
        .iter()
        .filter(|s| s.id.starts_with("annotation:"))
        .count();
    assert_eq!(drawn, scenario::MAX_ANNOTATIONS);
}

/// A selected note is dragged on the map to a new place; one undo puts it back.
#[test]
fn a_selected_note_is_dragged_on_the_map_and_undone_in_one_step() {
    let mut s = scenario::built_in();
    s.annotations = marks();
    let mut state = bmd_atlas::app::AppState::new(s, None);
    state.select(bmd_atlas::scene::ItemRef::Annotation(2));
    let mut h = common::harness_with(state, [1600.0, 1000.0]);
    common::wait_for_label(&mut h, "Drag Host-nation talks stalled here");
    let start = h.state().state.doc.scenario.annotations[2].points[0];
    let from = h
        .get_by_label("Drag Host-nation talks stalled here")
        .rect()
        .center();
    let to = from + egui::vec2(-120.0, 40.0);
    common::drag(&mut h, from, to);
    let moved = h.state().state.doc.scenario.annotations[2].points[0];
    assert!(
        moved.lon < start.lon - 1.0,
        "moved west: {start:?} → {moved:?}"
    );
    h.state_mut().state.undo();
    h.run();
    assert_eq!(h.state().state.doc.scenario.annotations[2].points[0], start);
}

/// A range ring's label sits at the ring's top; when a site's symbol is there, the label moves
/// off it (above, below or beside), on the page and in the window alike, and the site keeps
/// its own label.
#[test]
fn a_ring_label_gives_way_to_the_symbol_at_the_rings_top() {
    let mut s = scenario::built_in();
    let site = s.site("baranavichy").expect("Baranavichy").position();
    // A ring due south of the radar whose northernmost point is the radar.
    let centre = geo::Point::new(site.x(), site.y() - 6.0);
    let radius_km = bmd_atlas::geodesy::distance_m(centre, site) / 1000.0;
    s.annotations.push(Annotation::ring(
        "ring-1",
        "A ring to Baranavichy",
        LatLon {
            lat: centre.y(),
            lon: centre.x(),
        },
        radius_km,
    ));
    let scene = common::europe_scene_with(&s, &s.presentation.layers);
    let view = bmd_atlas::scene::MapView::fit(scene.projection, [1600.0, 1000.0]);
    let centres = bmd_atlas::scene::map_text_centres(&scene, &view);
    let (i, text) = scene
        .texts
        .iter()
        .enumerate()
        .find(|(_, t)| t.id.starts_with("annotation:ring-1"))
        .expect("the ring's label");
    assert!(text.movable);
    let [x0, y0, x1, y1] = {
        let symbol = scene
            .symbols
            .iter()
            .find(|x| x.id == "site:baranavichy")
            .expect("the radar's symbol");
        let p = view.to_screen(symbol.at);
        let [a, b, c, d] = symbol.extent_px();
        [p[0] + a, p[1] + b, p[0] + c, p[1] + d]
    };
    let at = view.to_screen(text.at);
    let w = bmd_atlas::font::text_width(&text.text, text.size_px) / 2.0;
    let h = text.size_px * 0.6;
    let covers = |c: [f32; 2]| c[0] - w < x1 && x0 < c[0] + w && c[1] - h < y1 && y0 < c[1] + h;
    assert!(covers(at), "at its place the label covers the radar");
    assert!(!covers(centres[i]), "moved: {:?} from {at:?}", centres[i]);
    // Sector names and other texts stay where they are.
    for (t, c) in scene.texts.iter().zip(&centres) {
        if !t.movable {
            assert_eq!(*c, view.to_screen(t.at), "{}", t.id);
        }
    }
    // The window takes them from its label placement, kept for the frame: the same places.
    scene.labels_for(&view);
    assert_eq!(scene.map_text_centres_for(&view), centres);
    // The radar keeps its label.
    let labels = bmd_atlas::scene::place_labels(&scene, &view);
    assert!(
        labels
            .iter()
            .any(|l| scene.symbols[l.symbol].id == "site:baranavichy")
    );
}
