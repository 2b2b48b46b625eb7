//! The analysis on the command line and in its JSON: the keys the issue fixes, the assumptions
//! read from the file and printed, and errors that name what is wrong.

use bmd_atlas::analysis::{self, Assumptions};
use bmd_atlas::cli::Choices;
use bmd_atlas::cli::analyze as cli;
use bmd_atlas::scenario;

use crate::analysis::with;

#[test]
fn assumptions_are_read_from_the_scenario_and_printed() {
    // A file in the current format, as the app writes it, with two assumptions changed.
    let mut text = serde_json::to_value(scenario::built_in()).unwrap_or_else(|e| panic!("{e}"));
    text["assumptions"] = serde_json::json!({"decision_delay_s": 150, "grid_cell_km": 40});
    let s = scenario::load_from_str(&text.to_string(), "t").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.assumptions.decision_delay_s, 150.0);
    assert_eq!(
        s.assumptions.earth_rotation_rad_s, 7.292_115_9e-5,
        "the rest keep the reference values"
    );
    let r = crate::common::analyze(&s);
    assert_eq!(r.defended.grid.cell_km, 40.0);
    assert!(analysis::table(&s, &r).contains("decision delay 150 s"));
    text["assumptions"] = serde_json::json!({"decision_dely_s": 150});
    assert!(scenario::load_from_str(&text.to_string(), "t").is_err());
    // A cell over 50 km is not used as given.
    let mut big = s.clone();
    big.assumptions.grid_cell_km = 500.0;
    assert_eq!(crate::common::analyze(&big).defended.grid.cell_km, 50.0);
}

#[test]
fn the_json_has_exactly_the_keys_of_the_issue() {
    let out = cli::run(&cli::AnalyzeArgs {
        choices: Choices {
            year: Some(2016),
            ..Choices::default()
        },
        json: true,
        ..cli::AnalyzeArgs::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        k.sort();
        k
    };
    assert_eq!(
        keys(&v),
        [
            "assumptions",
            "defended",
            "early_warning",
            "icbm_flights_beyond_range",
            "icbm_flights_in_range",
            "icbm_reach",
            "inputs",
            "uncertainty"
        ]
    );
    assert_eq!(keys(&v["defended"]), ["area_km2", "cities", "population"]);
    assert_eq!(
        keys(&v["defended"]["cities"][0]),
        ["by", "defended", "name"]
    );
    let mut warning = [
        "launch_area_id",
        "launch_area",
        "missile_id",
        "target_id",
        "target",
        "radar_id",
        "radar",
        "first_detection_s",
        "own_radar_id",
        "own_first_detection_s",
        "gain_s",
    ];
    warning.sort_unstable();
    assert_eq!(keys(&v["early_warning"][0]), warning);
    let mut fixed = vec![
        "base_id",
        "base",
        "missile_id",
        "target_id",
        "target",
        "battery_id",
        "battery",
        "interceptor_id",
        "interceptor",
        "launch",
        "launch_delay_s",
        "min_burnout_kms",
        "reachable",
        "intercept",
    ];
    fixed.sort_unstable();
    let rows = v["icbm_reach"].as_array().cloned().unwrap_or_default();
    let first_fixed = rows.iter().find(|r| r["launch"] == "fixed");
    assert_eq!(
        first_fixed.map(keys),
        Some(fixed.iter().map(|k| k.to_string()).collect())
    );
    let mut cued = fixed.clone();
    cued.extend(["cue_radar_id", "detection_s"]);
    cued.sort_unstable();
    let first_cued = rows
        .iter()
        .find(|r| r["launch"] == "cued" && r["reason"].is_null());
    assert_eq!(
        first_cued.map(keys),
        Some(cued.iter().map(|k| k.to_string()).collect())
    );
    let reached = rows.iter().find(|r| r["intercept"].is_object());
    assert_eq!(
        reached.map(|r| keys(&r["intercept"])),
        Some(["alt_km", "lat", "lon", "t_s"].map(String::from).to_vec())
    );
    // The assumptions block reads back as assumptions.
    let a: Assumptions =
        serde_json::from_value(v["assumptions"].clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, Assumptions::default());
    let deveselu = v["icbm_reach"]
        .as_array()
        .map(|rows| rows.iter().filter(|r| r["battery"] == "Deveselu").count())
        .unwrap_or(0);
    assert!(deveselu > 0);
}

#[test]
fn the_command_line_applies_choices_and_names_what_is_wrong() {
    let table = cli::run(&cli::AnalyzeArgs {
        choices: Choices {
            model: Some("coordinated".into()),
            year: Some(2012),
            timeline: Some(bmd_atlas::cli::Timeline::Planned),
            ..Choices::default()
        },
        ..cli::AnalyzeArgs::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(table.contains("Two coordinated systems") && table.contains("as planned in 2012"));
    assert!(table.contains("Gabala"));
    let bad_year = cli::run(&cli::AnalyzeArgs {
        choices: Choices {
            year: Some(1990),
            ..Choices::default()
        },
        ..cli::AnalyzeArgs::default()
    });
    assert!(bad_year.unwrap_err().starts_with("--year"));
    let missing = cli::run(&cli::AnalyzeArgs {
        file: Some("/nonexistent/x.scenario.json".into()),
        ..cli::AnalyzeArgs::default()
    });
    assert!(
        missing
            .unwrap_err()
            .contains("/nonexistent/x.scenario.json")
    );
    // A file on disk is read like the built-in scenario.
    let dir = std::env::temp_dir().join(format!("bmd-analysis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("europe.scenario.json");
    std::fs::write(&path, scenario::BUILT_IN_JSON).unwrap_or_else(|e| panic!("{e}"));
    let from_file = cli::run(&cli::AnalyzeArgs {
        file: Some(path),
        json: true,
        ..cli::AnalyzeArgs::default()
    });
    assert!(from_file.is_ok_and(|t| t.contains("\"icbm_reach\"")));
    let _ = std::fs::remove_dir_all(&dir);
    let args = cli::parse_args(["analyze", "f.json", "--model", "unified", "--json"]);
    assert!(args.is_ok_and(|a| a.choices.model.as_deref() == Some("unified") && a.json));
    assert!(cli::parse_args(["analyze", "--timeline", "someday"]).is_err());
}

#[test]
fn unknown_ids_in_the_early_warning_list_are_skipped() {
    let mut s = with("coordinated", 2012);
    s.assumptions.early_warning_targets = vec!["atlantis".into(), "ankara".into()];
    let r = crate::common::analyze(&s);
    assert!(r.early_warning.iter().all(|w| w.target_name == "Ankara"));
    assert_eq!(r.early_warning.len(), 6, "one row per launch area");
}

/// The JSON carries every input its rows used: each row's base, target, battery, missile and
/// interceptor type are in `inputs`, with positions and the numbers as used, and each uncertain
/// input has its reference and two ends, the favourable end the right way round. From the JSON
/// alone the flights left out as beyond range are found again.
#[test]
fn the_json_carries_every_input_a_row_used() {
    let out = cli::run(&cli::AnalyzeArgs {
        json: true,
        ..cli::AnalyzeArgs::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let inputs = &v["inputs"];
    let find = |list: &str, id: &str| -> serde_json::Value {
        inputs[list]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("{list}: no {id}"))
    };
    for row in v["icbm_reach"].as_array().into_iter().flatten() {
        for (list, key) in [
            ("sites", "base_id"),
            ("sites", "battery_id"),
            ("cities", "target_id"),
            ("missile_types", "missile_id"),
            ("interceptor_types", "interceptor_id"),
        ] {
            let id = row[key].as_str().unwrap_or_default();
            let x = find(list, id);
            if list != "missile_types" && list != "interceptor_types" {
                assert!(x["lat"].is_f64() && x["lon"].is_f64(), "{id}");
            }
        }
    }
    let sm3 = find("interceptor_types", "sm3-ib");
    for field in [
        "burnout_kms",
        "burn_time_s",
        "burnout_altitude_km",
        "burnout_range_km",
    ] {
        assert!(sm3[field].is_f64(), "{field}");
    }
    assert!(sm3["icbm_altitude_window_km"][1].as_f64() <= sm3["altitude_window_km"][1].as_f64());
    // Every uncertain input: reference between its two ends, the favourable one the right way.
    let s = scenario::built_in();
    let mut seen = 0;
    for t in &s.interceptor_types {
        for field in t.uncertainty.keys() {
            let u = &find("interceptor_types", &t.id)["uncertainty"][field];
            let (against, reference, favourable) = (
                u["against_defence"].as_f64().unwrap_or(f64::NAN),
                u["reference"].as_f64().unwrap_or(f64::NAN),
                u["for_defence"].as_f64().unwrap_or(f64::NAN),
            );
            let higher = u["favours_defence_when"] == "higher";
            assert!(
                if higher {
                    against <= favourable
                } else {
                    against >= favourable
                },
                "{} {field}: {u}",
                t.id
            );
            let (low, high) = (against.min(favourable), against.max(favourable));
            assert!(
                low <= reference && reference <= high,
                "{} {field}: {u}",
                t.id
            );
            assert_eq!(Some(reference), t_number(t, field), "{} {field}", t.id);
            seen += 1;
        }
    }
    assert!(seen >= 10, "{seen} uncertain interceptor inputs");
    // Beyond range, recomputed from the JSON alone: great-circle distance against the range.
    let mut beyond = Vec::new();
    for track in v["icbm_flights_beyond_range"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let (base, city, missile) = (
            find("sites", track["base_id"].as_str().unwrap_or_default()),
            find("cities", track["target_id"].as_str().unwrap_or_default()),
            find(
                "missile_types",
                track["missile_id"].as_str().unwrap_or_default(),
            ),
        );
        let point = |x: &serde_json::Value| {
            geo::Point::new(
                x["lon"].as_f64().unwrap_or(f64::NAN),
                x["lat"].as_f64().unwrap_or(f64::NAN),
            )
        };
        let km = bmd_atlas::geodesy::distance_m(point(&base), point(&city)) / 1e3;
        assert!(
            km > missile["range_km"].as_f64().unwrap_or(f64::NAN),
            "{track}"
        );
        beyond.push(km);
    }
    assert_eq!(beyond.len(), 1);
}

fn t_number(t: &scenario::InterceptorType, field: &str) -> Option<f64> {
    serde_json::to_value(t).ok()?.get(field)?.as_f64()
}
