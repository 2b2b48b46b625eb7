//! Military symbol codes on sites (issue #12's first part): a site's SIDC is kept in the file,
//! shown and edited in the inspector, written to GeoJSON and KML and read back from GeoJSON and
//! CSV; a malformed one is a warning that names its place, and the site keeps its simple symbol.

use bmd_atlas::exchange::{ImportOptions, from_csv, from_geojson, to_geojson, to_kml};
use bmd_atlas::picture::Picture;
use bmd_atlas::scenario;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// Deveselu's index among the sites of `s`.
fn deveselu(s: &scenario::Scenario) -> usize {
    s.sites
        .iter()
        .position(|x| x.id == "deveselu")
        .expect("Deveselu")
}

/// Friend, land unit, present, entity 121100 (a valid code by its structure).
const FRIEND_LAND_UNIT: &str = "10031000001211000000";

#[test]
fn a_sites_sidc_round_trips_through_the_file_geojson_and_kml() {
    let mut s = scenario::built_in();
    let i = deveselu(&s);
    s.sites[i].sidc = FRIEND_LAND_UNIT.into();
    let text = scenario::to_json(&s);
    let back = scenario::open_str(&text, "sidc.scenario.json").expect("opens");
    assert_eq!(back.scenario.sites[i].sidc, FRIEND_LAND_UNIT);
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);

    let picture = Picture::build(&s, &s.presentation.layers, None);
    let geojson = to_geojson(&s, &picture);
    let value: serde_json::Value = serde_json::from_str(&geojson).expect("JSON");
    let feature = value["features"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["id"] == "site:deveselu"))
        .expect("Deveselu in the GeoJSON");
    assert_eq!(feature["properties"]["sidc"], FRIEND_LAND_UNIT);
    assert!(to_kml(&s, &picture).contains(FRIEND_LAND_UNIT));
    // GeoJSON back into sites: the code comes with the site.
    let imported =
        from_geojson(&geojson, "picture.geojson", &ImportOptions::default()).expect("imports");
    let deveselu = imported
        .sites
        .iter()
        .find(|x| x.id == "deveselu")
        .expect("imported");
    assert_eq!(deveselu.sidc, FRIEND_LAND_UNIT);
}

#[test]
fn a_csv_sidc_column_is_read_without_a_warning_of_its_own() {
    let csv = format!(
        "name,lat,lon,sidc\nDeveselu,44.0775,24.4137,{FRIEND_LAND_UNIT}\nRedzikowo,54.479,17.0977,\n"
    );
    let imported = from_csv(&csv, "sites.csv", &ImportOptions::default()).expect("csv");
    assert_eq!(imported.sites[0].sidc, FRIEND_LAND_UNIT);
    assert_eq!(imported.sites[1].sidc, "");
    let said: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        said.iter().all(|w| !w.contains("sidc")),
        "the column is known: {said:?}"
    );
}

#[test]
fn a_malformed_sidc_is_a_warning_with_its_place_and_the_file_still_opens() {
    let mut s = scenario::built_in();
    s.sites[2].sidc = "10031000001211".into();
    s.sites[3].sidc = "10091000001211000000".into();
    let text = scenario::to_json(&s);
    let loaded = scenario::open_str(&text, "bad-sidc.scenario.json").expect("still opens");
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("sites[2].sidc") && w.contains("14 digits; a SIDC has 20")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("sites[3].sidc") && w.contains("standard identity 9 (digit 4)")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("keeps its simple symbol"))
    );
    // The code is kept as the user wrote it.
    assert_eq!(loaded.scenario.sites[2].sidc, "10031000001211");
    // `bmd-atlas validate` says it too.
    let dir = std::env::temp_dir().join(format!("bmd-atlas-sidc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("bad-sidc.scenario.json");
    std::fs::write(&file, &text).expect("written");
    let said = bmd_atlas::cli::validate::validate(&bmd_atlas::cli::validate::ValidateArgs {
        file: file.clone(),
    })
    .expect("valid, with warnings");
    assert!(said.contains("sites[2].sidc"), "{said}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// Every object of the built-in scenario has a valid SIDC: its own or the default for its kind
/// and side, whose identity follows the side and whose symbol set the kind.
#[test]
fn every_built_in_site_gets_a_valid_sidc() {
    use bmd_atlas::scenario::{Side, SiteKind};
    use bmd_atlas::symbology::{Sidc, StandardIdentity, SymbolSet};
    let s = scenario::built_in();
    for site in &s.sites {
        let sidc: Sidc = site
            .sidc()
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", site.id));
        let identity = match site.side {
            Side::UsNato => StandardIdentity::Friend,
            Side::Russia | Side::Iran => StandardIdentity::Hostile,
            Side::Joint => StandardIdentity::Neutral,
        };
        assert_eq!(sidc.identity, identity, "{}", site.id);
        let ship = matches!(site.kind, SiteKind::ShipHomeport | SiteKind::ShipPatrolArea);
        let set = if ship {
            SymbolSet::SeaSurface
        } else {
            SymbolSet::LandUnit
        };
        assert_eq!(sidc.symbol_set, set, "{}", site.id);
    }
}

/// The built-in scenario's Europe scene in `symbols` mode, without labels (so the two modes
/// place nothing differently but the symbols).
fn scene_in(symbols: scenario::SymbolStyle) -> bmd_atlas::scene::Scene {
    let s = scenario::built_in();
    let layers = scenario::Layers {
        symbols,
        labels: false,
        ..s.presentation.layers.clone()
    };
    crate::common::europe_scene_with(&s, &layers)
}

#[test]
fn the_symbols_choice_is_saved_with_the_scenario_and_absent_when_simple() {
    let mut s = scenario::built_in();
    assert!(!scenario::to_json(&s).contains("\"symbols\""));
    s.presentation.layers.symbols = scenario::SymbolStyle::App6;
    let text = scenario::to_json(&s);
    assert!(text.contains("\"symbols\": \"app6\""), "written by name");
    let back = scenario::open_str(&text, "app6.scenario.json").expect("opens");
    assert_eq!(
        back.scenario.presentation.layers.symbols,
        scenario::SymbolStyle::App6
    );
}

#[test]
fn in_app6_mode_every_site_is_drawn_as_its_military_symbol_and_cities_stay_dots() {
    use bmd_atlas::export::{self, ExportOptions, Panel};
    let simple = scene_in(scenario::SymbolStyle::Simple);
    let app6 = scene_in(scenario::SymbolStyle::App6);
    let sites = |s: &bmd_atlas::scene::Scene| {
        s.symbols
            .iter()
            .filter(|x| x.id.starts_with("site:"))
            .count()
    };
    assert!(sites(&app6) > 20);
    assert!(
        app6.symbols
            .iter()
            .all(|x| x.id.starts_with("site:") == x.military.is_some())
    );
    assert!(simple.symbols.iter().all(|x| x.military.is_none()));
    let options = ExportOptions::default();
    let svg = export::to_svg(&[Panel::new(&app6)], &options);
    let drawn = svg.matches("data-symbology=\"app6\"").count();
    // The sites on the page, and the legend's swatches of the kinds shown.
    let on_page = export::to_svg(&[Panel::new(&simple)], &options)
        .matches("class=\"symbol\" data-id=\"site:")
        .count();
    assert!(drawn >= on_page && on_page > 20, "{drawn} of {on_page}");
    assert_eq!(
        svg.matches("class=\"symbol\" data-id=\"site:").count(),
        on_page,
        "every site keeps its tag"
    );
}

/// The acceptance test of the mode: a 1920×1080 page in APP-6D mode differs from the simple
/// page only where the symbols are (labels off: they would move around the wider frames).
#[test]
fn an_app6_page_differs_from_the_simple_page_only_in_the_symbols() {
    use bmd_atlas::export::{self, ExportOptions, Panel, Rasteriser};
    let simple = scene_in(scenario::SymbolStyle::Simple);
    let app6 = scene_in(scenario::SymbolStyle::App6);
    let options = ExportOptions {
        legend: false,
        ..ExportOptions::default()
    };
    let size = [1920, 1080];
    let mut r = Rasteriser::default();
    let a = r
        .page(&[Panel::new(&simple)], &options, size)
        .expect("draws");
    let b = r.page(&[Panel::new(&app6)], &options, size).expect("draws");
    let layout = export::layout(&[Panel::new(&app6)], &options);
    let frame = &layout.maps[0];
    let scale = size[0] as f32 / layout.size[0];
    // Each site's box on the page, pixels, a little larger for anti-aliasing.
    let boxes: Vec<[f32; 4]> = app6
        .symbols
        .iter()
        .zip(&simple.symbols)
        .map(|(m, s)| {
            let [x, y] = frame.to_page(m.at);
            let [x0, y0, x1, y1] = m.extent_px();
            let r = s.radius_px;
            // The larger of the two symbols, and 2 pixels for anti-aliasing.
            let [x0, y0, x1, y1] = [x0.min(-r), y0.min(-r), x1.max(r), y1.max(r)];
            [
                (x + x0 - 2.0) * scale,
                (y + y0 - 2.0) * scale,
                (x + x1 + 2.0) * scale,
                (y + y1 + 2.0) * scale,
            ]
        })
        .collect();
    let mut differing = 0;
    for y in 0..size[1] {
        for x in 0..size[0] {
            if a.pixel(x, y) == b.pixel(x, y) {
                continue;
            }
            differing += 1;
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            assert!(
                boxes
                    .iter()
                    .any(|[x0, y0, x1, y1]| px >= *x0 && px <= *x1 && py >= *y0 && py <= *y1),
                "pixel {x},{y} changed outside every symbol"
            );
        }
    }
    assert!(
        differing > 2000,
        "the symbols did change: {differing} pixels"
    );
}

#[test]
fn view_symbols_switches_the_window_to_app6_and_the_document_keeps_it() {
    let mut h = crate::common::harness();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Symbols").click();
    h.run();
    h.get_by_label("APP-6D").click();
    h.run();
    let state = &mut h.state_mut().state;
    assert_eq!(state.map.layers.symbols, scenario::SymbolStyle::App6);
    let scene = state.scene();
    let sites: Vec<_> = scene
        .symbols
        .iter()
        .filter(|s| s.id.starts_with("site:"))
        .collect();
    assert!(!sites.is_empty() && sites.iter().all(|s| s.military.is_some()));
    // The document's presentation takes it, so Save writes it.
    let state = &mut h.state_mut().state;
    state.capture_presentation();
    assert_eq!(
        state.doc.scenario.presentation.layers.symbols,
        scenario::SymbolStyle::App6
    );
}

#[test]
fn the_window_opens_in_app6_mode_with_the_flag() {
    let args: bmd_atlas::cli::WindowArgs =
        bmd_atlas::cli::parse_args(["bmd-atlas", "--symbols", "app6"]).expect("parses");
    let state = args.state().expect("opens");
    assert_eq!(state.map.layers.symbols, scenario::SymbolStyle::App6);
    let wrong: Result<bmd_atlas::cli::WindowArgs, _> =
        bmd_atlas::cli::parse_args(["bmd-atlas", "--symbols", "nato"]);
    assert!(wrong.is_err_and(|e| e.to_string().contains("app6")));
}

#[test]
fn the_app6_legend_keys_each_kind_and_identity_and_says_why_joint_centres_are_neutral() {
    use bmd_atlas::picture::Swatch;
    use bmd_atlas::symbology::Affiliation;
    let mut s = scenario::built_in();
    s.presentation.layers.symbols = scenario::SymbolStyle::App6;
    // The joint centres are on the map when the model has them.
    s.model = "coordinated".into();
    s.year = 2020;
    let picture = Picture::build(&s, &s.presentation.layers, None);
    assert!(
        picture.features.iter().any(|f| f.id.starts_with("site:")
            && f.military_code()
                .is_some_and(|(c, _)| c.starts_with("1004"))),
        "a neutral (joint) site is shown"
    );
    let military = |text: &str| {
        picture.legend.iter().find_map(|e| match &e.swatch {
            Swatch::Military(d) if e.text.starts_with(text) => Some(d.clone()),
            _ => None,
        })
    };
    let interceptors = military("Interceptor site").expect("a military swatch");
    assert_eq!(interceptors.affiliation, Affiliation::Friend);
    assert!(!interceptors.lines.is_empty(), "with its icon");
    let neutral = military("Neutral").expect("the neutral key");
    assert_eq!(neutral.affiliation, Affiliation::Neutral);
    let text = &picture
        .legend
        .iter()
        .find(|e| e.text.starts_with("Neutral"))
        .expect("entry")
        .text;
    assert!(
        text.contains("no identity for an object both sides run"),
        "{text}"
    );
    assert!(military("Friend").is_some() && military("Hostile").is_some());
    // Simple mode has no military swatch at all.
    let simple = Picture::build(&s, &scenario::Layers::default(), None);
    assert!(
        !simple
            .legend
            .iter()
            .any(|e| matches!(e.swatch, Swatch::Military(_)))
    );
}

/// Every symbol the built-in scenario draws, the four frames on each dimension and the
/// amplifiers, as a golden SVG sheet: a change to any frame, icon, amplifier or colour shows
/// in the snapshot's diff.
#[test]
fn the_symbol_sheet_of_every_kind_used_matches_the_golden_file() {
    let s = scenario::built_in();
    let entries = bmd_atlas::render::military::sheet_entries(&s);
    assert_eq!(
        entries.len(),
        16 + 2 * s
            .sites
            .iter()
            .map(|x| (x.sidc(), x.kind.label(), x.side.label()))
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            + 14
            + 4 * 3
            + 5
            + 11,
        "every code, kind and side once, as built and planned, the 16 frames, the 14 echelons, \
         on each frame a task force, a feint and both with a headquarters, 5 specimens and the 11 \
         mobilities"
    );
    let sheet = bmd_atlas::render::svg::symbol_sheet(&entries, 20.0);
    // The sheet renders (well-formed SVG).
    bmd_atlas::export::rasterise_svg(&sheet, [480, 200]).expect("renders");
    insta::assert_snapshot!("app6_symbol_sheet", sheet);
}

#[test]
fn in_app6_mode_a_site_whose_code_cannot_be_drawn_keeps_its_simple_symbol() {
    let mut s = scenario::built_in();
    let i = deveselu(&s);
    s.presentation.layers.symbols = scenario::SymbolStyle::App6;
    for (code, why) in [
        ("10031000001211", "malformed"),
        ("10030100001101000000", "air: a symbol set not drawn"),
    ] {
        s.sites[i].sidc = code.into();
        let scene = bmd_atlas::scene::build(
            &s,
            bmd_atlas::geodesy::ProjectionKind::EuropeEqualArea,
            bmd_atlas::basemap::Scale::Coarse110m,
            &s.presentation.layers,
            None,
        );
        let deveselu = scene
            .symbols
            .iter()
            .find(|x| x.id == "site:deveselu")
            .expect("drawn");
        assert!(deveselu.military.is_none(), "{why}: the simple shape");
        let others = scene
            .symbols
            .iter()
            .filter(|x| x.military.is_some())
            .count();
        assert!(others > 20, "{why}: the other sites keep theirs");
    }
    // Each is said: the malformed code where it is written, the undrawn set by what it is.
    assert!(bmd_atlas::symbology::problem("10031000001211").is_some());
    let air: bmd_atlas::symbology::Sidc = "10030100001101000000".parse().expect("well formed");
    assert!(bmd_atlas::symbology::drawing_note(&air).is_some());
}

#[test]
fn the_inspector_says_what_app6_cannot_draw_of_a_sites_code() {
    let mut h = crate::common::harness();
    let state = &mut h.state_mut().state;
    let index = state.site_index("deveselu").expect("Deveselu");
    // A well-formed code of the air symbol set: not drawn here, said so.
    state.doc.scenario.sites[index].sidc = "10030100001101000000".into();
    let name = state.doc.scenario.sites[index].name.clone();
    h.run();
    h.get_by_role_and_label(egui::Role::Button, &name).click();
    h.run();
    // A label's text is its accessible value.
    let shown: Vec<String> = h
        .query_all_by_label_contains("10030100001101000000")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .collect();
    assert!(
        shown
            .iter()
            .any(|l| l.contains("is not one APP-6D mode draws")
                && l.contains("keeps its simple symbol")),
        "{shown:?}"
    );
    // And what the code says, in words.
    assert!(
        h.query_by_label_contains("friend · air · entity 110100")
            .is_some(),
        "the code described"
    );
}

#[test]
fn the_export_dialog_offers_the_symbols_and_the_map_follows() {
    let mut h = crate::common::harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("Export briefing image");
    h.get_by_label("APP-6D").click();
    h.run();
    assert_eq!(
        h.state().state.map.layers.symbols,
        scenario::SymbolStyle::App6
    );
    h.get_by_label("Simple").click();
    h.run();
    assert_eq!(
        h.state().state.map.layers.symbols,
        scenario::SymbolStyle::Simple
    );
}

/// `export --symbols app6`: the page draws the military symbols, and the scenario it carries
/// opens in APP-6D mode again.
#[test]
fn an_app6_page_from_the_command_line_reopens_in_app6_mode() {
    let page =
        crate::common::export_built_in("brief.svg", &["--symbols", "app6", "--size", "960x540"]);
    assert!(String::from_utf8_lossy(&page).contains("data-symbology=\"app6\""));
    let back = bmd_atlas::provenance::read(&page, "brief.svg").expect("carries its scenario");
    let s = back.scenario().expect("loads");
    assert_eq!(s.presentation.layers.symbols, scenario::SymbolStyle::App6);
}

/// The editor says what a code means as it is typed: the default's meaning while the field is
/// empty, then the typed code's.
#[test]
fn the_editor_says_what_a_code_means_as_it_is_typed() {
    let mut h = crate::common::harness();
    let state = &mut h.state_mut().state;
    let index = state.site_index("deveselu").expect("Deveselu");
    let name = state.doc.scenario.sites[index].name.clone();
    h.run();
    h.get_by_role_and_label(egui::Role::Button, &name).click();
    h.run();
    h.get_by_label("Edit fields").click();
    h.run();
    assert!(
        h.query_by_label_contains("friend · land unit · air defence, missile")
            .is_some(),
        "the default code, described"
    );
    let field = h.get_by_role_and_label(egui::Role::TextInput, "SIDC (2525D / APP-6D)");
    field.focus();
    field.type_text("10031004161301020000");
    h.run();
    assert_eq!(
        h.state().state.doc.scenario.sites[index].sidc,
        "10031004161301020000"
    );
    assert!(
        h.query_by_label_contains("task force · battalion or squadron")
            .is_some(),
        "the typed code, described"
    );
}
