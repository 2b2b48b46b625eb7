//! The built-in scenario holds every object of the reference data, each with its source.

use bmd_atlas::scenario::{self, CityKind, Side, SiteKind, TimelineChoice};

/// Every row of the reference `sites.csv` (2026 edition), by id.
const REFERENCE_SITES: [&str; 55] = [
    "deveselu",
    "redzikowo",
    "kurecik",
    "rota",
    "ramstein",
    "uedem",
    "third_site_gbi",
    "brdy_radar",
    "fylingdales",
    "thule",
    "vardo",
    "har_keren",
    "patrol_emed",
    "patrol_blacksea",
    "patrol_northsea",
    "patrol_norwegiansea",
    "patrol_baltic",
    "jdec_moscow",
    "putin2007_moscow",
    "putin2007_brussels",
    "nrc_dfc",
    "nrc_poc",
    "armavir",
    "lekhtusi",
    "pionersky",
    "gabala",
    "don2n",
    "baranavichy",
    "mishelevka_dnepr",
    "mishelevka_voronezh",
    "pechora",
    "olenegorsk_dnepr",
    "olenegorsk_voronezh",
    "orsk",
    "barnaul_radar",
    "yeniseysk",
    "vorkuta",
    "kozelsk",
    "tatishchevo",
    "teykovo",
    "yoshkar_ola",
    "vypolzovo",
    "yurya",
    "nizhny_tagil",
    "novosibirsk",
    "barnaul",
    "irkutsk",
    "dombarovsky",
    "uzhur",
    "imam_khomeini_sc",
    "shahrud",
    "tabriz",
    "kermanshah",
    "khorramabad",
    "isfahan",
];

const US_TARGETS: [&str; 7] = [
    "washington",
    "new_york",
    "chicago",
    "los_angeles",
    "minot_afb",
    "malmstrom_afb",
    "fe_warren_afb",
];

#[test]
fn every_reference_site_is_in_the_built_in_scenario() {
    let s = scenario::built_in();
    for id in REFERENCE_SITES {
        assert!(s.site(id).is_some(), "{id} is missing");
    }
}

#[test]
fn every_object_names_its_source() {
    let s = scenario::built_in();
    for site in &s.sites {
        assert!(!site.source.trim().is_empty(), "{} has no source", site.id);
    }
    for city in &s.cities {
        assert!(!city.source.trim().is_empty(), "{} has no source", city.id);
    }
    for t in &s.interceptor_types {
        assert!(!t.source.trim().is_empty(), "{} has no source", t.id);
    }
    for m in &s.missile_types {
        assert!(!m.source.trim().is_empty(), "{} has no source", m.id);
    }
}

#[test]
fn cities_and_us_targets_are_all_there() {
    let s = scenario::built_in();
    let cities = s.cities.iter().filter(|c| c.kind == CityKind::City).count();
    assert_eq!(cities, 59);
    assert!(
        s.cities
            .iter()
            .filter(|c| c.kind == CityKind::City)
            .all(|c| c.population.is_some())
    );
    for id in US_TARGETS {
        assert!(
            s.cities
                .iter()
                .any(|c| c.id == id && c.kind == CityKind::UsTarget),
            "{id} is missing"
        );
    }
}

#[test]
fn disputed_figures_are_flagged_uncertain() {
    let s = scenario::built_in();
    // Voronezh ranges are quoted as 4,000 and 6,000 km; the TPY-2 as 3,000 or ~1,000 km.
    for id in ["armavir", "kurecik"] {
        let radar = s.site(id).and_then(|x| x.radar.as_ref());
        assert!(
            radar.is_some_and(|r| r.uncertain),
            "{id}'s range is disputed"
        );
    }
    // No proposed location was ever found for the two NATO-Russia centres.
    for id in ["nrc_dfc", "nrc_poc"] {
        assert!(
            s.site(id)
                .is_some_and(|x| x.uncertain && x.side == Side::Joint),
            "{id}"
        );
    }
    // The IIB never reached design freeze.
    assert!(s.interceptor_type("sm3-iib").is_some_and(|t| t.uncertain));
}

#[test]
fn the_timeline_follows_the_record() {
    let s = scenario::built_in();
    let status = |id: &str, year, choice| s.site(id).and_then(|x| x.status_in(year, choice));
    use bmd_atlas::scenario::Status::*;
    assert_eq!(
        status("deveselu", 2016, TimelineChoice::AsHappened),
        Some(Operational)
    );
    assert_eq!(
        status("redzikowo", 2018, TimelineChoice::AsPlanned2012),
        Some(Operational)
    );
    assert_ne!(
        status("redzikowo", 2018, TimelineChoice::AsHappened),
        Some(Operational)
    );
    assert_eq!(
        status("redzikowo", 2024, TimelineChoice::AsHappened),
        Some(Operational)
    );
    assert_eq!(
        status("gabala", 2013, TimelineChoice::AsHappened),
        Some(Closed)
    );
    assert_eq!(
        status("third_site_gbi", 2010, TimelineChoice::AsPlanned2012),
        Some(Cancelled)
    );
}

#[test]
fn every_kind_and_side_appears() {
    let s = scenario::built_in();
    // "Other site" is what an import without kinds brings in, not a kind of the picture.
    for kind in SiteKind::ALL.into_iter().filter(|k| *k != SiteKind::Other) {
        assert!(s.sites.iter().any(|x| x.kind == kind), "{kind:?}");
    }
    for side in Side::ALL {
        assert!(s.sites.iter().any(|x| x.side == side), "{side:?}");
    }
}

/// A site whose radar's range or sector is uncertain is marked uncertain itself: the inspector,
/// the legend's dashed outlines and the exports read the site's flag.
#[test]
fn a_site_with_an_uncertain_radar_is_uncertain() {
    let s = bmd_atlas::scenario::built_in();
    let disagree: Vec<&str> = s
        .sites
        .iter()
        .filter(|x| x.radar.as_ref().is_some_and(|r| r.uncertain) && !x.uncertain)
        .map(|x| x.id.as_str())
        .collect();
    assert!(
        disagree.is_empty(),
        "certain sites with uncertain radars: {disagree:?}"
    );
    for id in ["thule", "pechora", "olenegorsk_dnepr", "mishelevka_dnepr"] {
        assert!(s.site(id).is_some_and(|x| x.uncertain), "{id}");
    }
}
