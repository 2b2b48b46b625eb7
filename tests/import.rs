//! Importing what spreadsheets actually hold: a file with only `name,lat,lon`, and
//! `;`-separated files with decimal commas.

use bmd_atlas::exchange::{ImportOptions, from_csv, import_file};
use bmd_atlas::scenario::{self, Side, SiteKind};

#[test]
fn a_file_of_names_and_coordinates_is_imported_unsourced_uncertain_and_said_once() {
    let csv = "name,lat,lon\n\
               Deveselu,44.0775,24.4137\n\
               Redzikowo,54.4790,17.0977\n\
               Kürecik,38.349,37.794\n";
    let imported = from_csv(csv, "/home/me/places.csv", &ImportOptions::default()).expect("csv");
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    assert_eq!(imported.sites.len(), 3);
    for site in &imported.sites {
        assert_eq!(site.source, "imported from places.csv, no source given");
        assert!(site.uncertain, "{} is not flagged uncertain", site.name);
        assert_eq!(site.kind, SiteKind::Other);
        assert_eq!(site.side, Side::UsNato);
    }
    let ids: Vec<&str> = imported.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["deveselu", "redzikowo", "kurecik"]);
    // One warning for the file, not one per row and column.
    assert_eq!(imported.warnings.len(), 1, "{:#?}", imported.warnings);
    let warning = imported.warnings[0].to_string();
    for said in [
        "no source column",
        "no kind column",
        "no side column",
        "uncertain",
    ] {
        assert!(warning.contains(said), "{said} not in: {warning}");
    }
    // The sites are valid scenario sites: they can join a scenario as they are.
    let mut s = scenario::built_in();
    s.sites.retain(|x| !ids.contains(&x.id.as_str()));
    s.sites.extend(imported.sites);
    assert!(
        scenario::validate(&s).is_empty(),
        "{:?}",
        scenario::validate(&s)
    );
}

#[test]
fn without_a_side_column_the_country_gives_the_side() {
    let csv = "name,country,lat,lon,source\n\
               Kozelsk,RU,54.03,35.78,ref\n\
               Baranovichi,BY,53.13,26.01,ref\n\
               Tabriz,IR,38.08,46.29,ref\n\
               Deveselu,RO,44.08,24.41,ref\n";
    let imported = from_csv(csv, "s.csv", &ImportOptions::default()).expect("csv");
    let sides: Vec<Side> = imported.sites.iter().map(|s| s.side).collect();
    assert_eq!(
        sides,
        [Side::Russia, Side::Russia, Side::Iran, Side::UsNato]
    );
    // Sourced, but the side was assumed: still a fact to check.
    assert!(
        imported
            .sites
            .iter()
            .all(|s| s.uncertain && s.source == "ref")
    );
}

#[test]
fn an_empty_cell_in_a_column_that_is_there_is_still_that_rows_problem() {
    let csv = "name,lat,lon,source\nA,44,24,src\nB,45,25,\n";
    let imported = from_csv(csv, "s.csv", &ImportOptions::default()).expect("csv");
    assert_eq!(imported.sites.len(), 1);
    assert_eq!(imported.rejected.len(), 1);
    assert!(
        imported.rejected[0]
            .to_string()
            .starts_with("source (line 3, column 9): source is empty or missing"),
        "{}",
        imported.rejected[0]
    );
}

#[test]
fn semicolon_files_read_decimal_commas_as_numbers() {
    let csv = "name;lat;lon;range_km\nDeveselu;44,0775;24,4137;1000\nKürecik;38.349;37,794;\n";
    let imported = from_csv(csv, "s.csv", &ImportOptions::default()).expect("csv");
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    let (a, b) = (&imported.sites[0], &imported.sites[1]);
    assert_eq!((a.lat, a.lon), (44.0775, 24.4137));
    assert_eq!((b.lat, b.lon), (38.349, 37.794));
    // A thousands separator is not guessed at.
    let csv = "name;lat;lon\nX;1.044,5;24\n";
    let imported = from_csv(csv, "s.csv", &ImportOptions::default()).expect("csv");
    assert!(imported.sites.is_empty());
    assert!(
        imported.rejected[0]
            .to_string()
            .contains("'1.044,5' is not a number")
    );
}

#[test]
fn comma_files_keep_the_decimal_point() {
    let csv = "name,lat,lon\nX,\"44,07\",24\n";
    let imported = from_csv(csv, "s.csv", &ImportOptions::default()).expect("csv");
    assert!(imported.sites.is_empty());
    let message = imported.rejected[0].to_string();
    assert!(
        message.contains("'44,07' is not a number (write decimals with a point"),
        "{message}"
    );
}

#[test]
fn the_file_on_disk_imports_the_same_way() {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("Standorte.csv");
    std::fs::write(
        &path,
        "\u{feff}Name;Latitude;Longitude\r\nDeveselu;44,0775;24,4137\r\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let imported = import_file(&path, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.sites.len(), 1);
    assert_eq!(
        imported.sites[0].source,
        "imported from Standorte.csv, no source given"
    );
    std::fs::remove_dir_all(&dir).ok();
}
