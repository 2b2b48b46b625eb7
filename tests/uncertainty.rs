//! The verdict under uncertainty: bounds in the file, the scenarios at their ends, and the
//! spread the panel and `analyze` print.

use bmd_atlas::analysis;
use bmd_atlas::cli::analyze as cli;
use bmd_atlas::scenario::{self, Bound, End};

use crate::analysis::{sm3_ia_ib_ashore, with};

#[test]
fn every_uncertain_interceptor_and_radar_range_of_the_built_in_carries_bounds() {
    let s = scenario::built_in();
    assert!(s.bound_problems().is_empty(), "{:?}", s.bound_problems());
    for t in s.interceptor_types.iter().filter(|t| t.uncertain) {
        assert!(t.uncertainty.contains_key("burnout_kms"), "{}", t.id);
    }
    for site in &s.sites {
        if let Some(r) = site.radar.as_ref().filter(|r| r.uncertain) {
            assert!(r.uncertainty.contains_key("range_km"), "{}", site.id);
        }
    }
    // The two ends move each value the stated way.
    let (least, most) = (
        s.at_bounds(End::AgainstDefence),
        s.at_bounds(End::ForDefence),
    );
    for ((t, lo), hi) in s
        .interceptor_types
        .iter()
        .zip(&least.interceptor_types)
        .zip(&most.interceptor_types)
    {
        let b = t.uncertainty["burnout_kms"];
        assert_eq!(
            (lo.burnout_kms, hi.burnout_kms),
            (b.against_defence, b.for_defence)
        );
    }
    assert_eq!(least.sites.len(), s.sites.len());
}

#[test]
fn a_bound_on_no_numeric_field_is_a_problem_with_its_place() {
    let mut s = scenario::built_in();
    s.interceptor_types[0].uncertainty.insert(
        "burnout_speed".into(),
        Bound {
            against_defence: 1.0,
            for_defence: 2.0,
        },
    );
    s.missile_types[1].uncertainty.insert(
        "burn_time_s".into(),
        Bound {
            against_defence: f64::NAN,
            for_defence: 2.0,
        },
    );
    let problems = s.bound_problems();
    let places: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        places,
        [
            "interceptor_types[0].uncertainty.burnout_speed",
            "missile_types[1].uncertainty.burn_time_s.against_defence"
        ]
    );
    // On load (a NaN cannot be written in JSON: leave that one out).
    s.missile_types[1].uncertainty.clear();
    let text = serde_json::to_string(&s).unwrap_or_default();
    let err = scenario::load_from_str(&text, "b.scenario.json")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("interceptor_types[0].uncertainty.burnout_speed"),
        "{err}"
    );
    // A bad bound changes nothing at the ends.
    assert_eq!(
        s.at_bounds(End::ForDefence).interceptor_types[0].name,
        s.interceptor_types[0].name
    );
}

#[test]
fn the_spread_brackets_the_reference_and_the_consensus_holds_across_it() {
    let r = analysis::analyze_with_spread_in(&with("coordinated", 2020), crate::common::memos());
    let spread = r
        .spread
        .as_ref()
        .unwrap_or_else(|| panic!("bounds in the built-in"));
    let (low, high) = spread.population_range();
    assert!(low <= r.defended.population && r.defended.population <= high);
    let mut wider = 0;
    for b in 0..r.icbm.batteries.len() {
        for l in 0..r.icbm.launches.len() {
            let (lo, hi) = spread.reached_range(b, l);
            let reference = r.icbm.reached(b, l);
            assert!(
                lo <= reference && reference <= hi,
                "battery {b}, launch {l}"
            );
            wider += usize::from(hi > lo);
        }
    }
    assert!(wider > 0, "the uncertainty moves some verdict");
    // SM-3 IA/IB on land reach no ICBM even at 3.5 km/s, the top of their bounds.
    let consensus =
        analysis::analyze_with_spread_in(&sm3_ia_ib_ashore(2016), crate::common::memos());
    let spread = consensus
        .spread
        .as_ref()
        .unwrap_or_else(|| panic!("spread"));
    for (b, battery) in consensus.icbm.batteries.iter().enumerate() {
        if ["Deveselu", "Redzikowo"].contains(&battery.name.as_str()) {
            for l in 0..consensus.icbm.launches.len() {
                assert_eq!(spread.reached_range(b, l), (0, 0), "{battery:?}");
            }
        }
    }
}

#[test]
fn analyze_prints_the_spread() {
    let out = cli::run(&cli::AnalyzeArgs {
        json: true,
        ..cli::AnalyzeArgs::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let u = &v["uncertainty"];
    assert!(u["inputs"].as_u64().is_some_and(|n| n > 50));
    assert!(u["defended_population"]["against_defence"].is_u64());
    let row = &u["icbm"][0];
    for key in [
        "battery_id",
        "interceptor_id",
        "launch",
        "flights_in_range",
        "flights_beyond_range",
        "reference",
        "against_defence",
        "for_defence",
    ] {
        assert!(!row[key].is_null(), "{key}");
    }
    let table = cli::run(&cli::AnalyzeArgs::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(table.contains("across the uncertainty"), "{table}");
}

/// Each end of a bound is held to its field's physical limits, and a field the analysis does not
/// bracket takes no bounds: both named at their place.
#[test]
fn bounds_obey_the_fields_limits_and_only_bracketed_fields_take_them() {
    let mut s = scenario::built_in();
    // A burn time of 1e8 s gets nowhere, where the field itself is capped at 600 s.
    s.interceptor_types[0].uncertainty.insert(
        "burn_time_s".into(),
        Bound {
            against_defence: 1e8,
            for_defence: 40.0,
        },
    );
    s.missile_types[0].uncertainty.insert(
        "range_km".into(),
        Bound {
            against_defence: 1000.0,
            for_defence: 1500.0,
        },
    );
    let problems = s.bound_problems();
    let (first, second) = (&problems[0], &problems[1]);
    assert_eq!(
        first.0,
        "interceptor_types[0].uncertainty.burn_time_s.against_defence"
    );
    assert!(first.1.contains("from 0 to 600 s"), "{}", first.1);
    assert_eq!(second.0, "missile_types[0].uncertainty.range_km");
    assert!(
        second.1.contains("not an input the analysis brackets"),
        "{}",
        second.1
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
}

/// Which end favours the defence follows from the field: bounds written the wrong way round give
/// the same two scenarios, and the verdict still brackets the reference.
#[test]
fn bounds_written_the_wrong_way_round_bracket_the_same_way() {
    let s = scenario::built_in();
    let mut swapped = s.clone();
    let swap = |b: &mut Bound| std::mem::swap(&mut b.against_defence, &mut b.for_defence);
    for t in &mut swapped.interceptor_types {
        t.uncertainty.values_mut().for_each(swap);
    }
    for m in &mut swapped.missile_types {
        m.uncertainty.values_mut().for_each(swap);
    }
    for r in swapped.sites.iter_mut().filter_map(|x| x.radar.as_mut()) {
        r.uncertainty.values_mut().for_each(swap);
    }
    assert_ne!(swapped, s, "the swap changed the file");
    for end in [End::AgainstDefence, End::ForDefence] {
        let (a, b) = (s.at_bounds(end), swapped.at_bounds(end));
        let speeds = |x: &scenario::Scenario| -> Vec<(f64, f64)> {
            x.interceptor_types
                .iter()
                .map(|t| (t.burnout_kms, t.burn_time_s))
                .collect()
        };
        assert_eq!(speeds(&a), speeds(&b), "{end:?}");
        let missiles = |x: &scenario::Scenario| -> Vec<[f64; 3]> {
            x.missile_types
                .iter()
                .map(|m| [m.burn_time_s, m.burnout_altitude_km, m.burnout_range_km])
                .collect()
        };
        assert_eq!(missiles(&a), missiles(&b), "{end:?}");
        let ranges = |x: &scenario::Scenario| -> Vec<f64> {
            x.sites
                .iter()
                .filter_map(|s| s.radar.as_ref())
                .map(|r| r.range_km)
                .collect()
        };
        assert_eq!(ranges(&a), ranges(&b), "{end:?}");
    }
}

/// An end computes only what its outcome needs (the cities' population, and whether each
/// battery reaches, decided mostly without Lambert): the same figures as the whole analysis of
/// the scenario at that end.
#[test]
fn each_end_gives_what_the_whole_analysis_at_that_end_gives() {
    for (year, model) in [(2012, "independent"), (2020, "coordinated")] {
        let s = with(model, year);
        let r = analysis::analyze_with_spread(&s);
        let spread = r.spread.as_ref().unwrap_or_else(|| panic!("a spread"));
        for (end, outcome) in [
            (End::AgainstDefence, &spread.against_defence),
            (End::ForDefence, &spread.for_defence),
        ] {
            let whole = analysis::analyze(&s.at_bounds(end));
            assert_eq!(
                outcome.defended_population, whole.defended.population,
                "{year} {end:?}"
            );
            for (bi, b) in r.icbm.batteries.iter().enumerate() {
                let here = whole
                    .icbm
                    .batteries
                    .iter()
                    .position(|x| x.site == b.site && x.interceptor_id == b.interceptor_id);
                for l in 0..r.icbm.launches.len() {
                    let expected = here.map_or(0, |i| whole.icbm.reached(i, l));
                    assert_eq!(
                        outcome.reached[bi][l], expected,
                        "{year} {end:?} {} {l}",
                        b.name
                    );
                }
            }
        }
    }
}
