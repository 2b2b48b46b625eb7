//! Military symbol codes on sites (issue #12's first part): a site's SIDC is kept in the file,
//! shown and edited in the inspector, written to GeoJSON and KML and read back from GeoJSON and
//! CSV; a malformed one is a warning that names its place, and the site keeps its simple symbol.

use bmd_atlas::exchange::{ImportOptions, from_csv, from_geojson, to_geojson, to_kml};
use bmd_atlas::picture::Picture;
use bmd_atlas::scenario;

/// Friend, land unit, present, entity 121100 (a valid code by its structure).
const FRIEND_LAND_UNIT: &str = "10031000001211000000";

#[test]
fn a_sites_sidc_round_trips_through_the_file_geojson_and_kml() {
    let mut s = scenario::built_in();
    let i = s
        .sites
        .iter()
        .position(|x| x.id == "deveselu")
        .expect("Deveselu");
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
