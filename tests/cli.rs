//! The command line's shared choices: `--model`, `--year`, `--timeline` and `--projection` are
//! parsed once ([`bmd_atlas::cli::Choices`]) and checked by the scenario's rules on every
//! subcommand and the window.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use bmd_atlas::cli::analyze::AnalyzeArgs;
use bmd_atlas::cli::convert::ConvertArgs;
use bmd_atlas::cli::export::ExportArgs;
use bmd_atlas::cli::{self, Choices, Projection, SymbolSizeFlag, Symbols, Timeline, WindowArgs};
use bmd_atlas::command::Command;
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario::{self, TimelineChoice};

const BUILT_IN: &str = crate::common::BUILT_IN_FILE;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn text(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

/// The same flags after each subcommand's own arguments, parsed by that subcommand.
fn choices_of_every_command(flags: &[&str]) -> Vec<(&'static str, Result<Choices, String>)> {
    let with = |head: &[&str]| -> Vec<String> {
        head.iter().chain(flags).map(|s| s.to_string()).collect()
    };
    let err = |e: clap::Error| e.to_string();
    vec![
        (
            "window",
            cli::parse_args::<WindowArgs, _, _>(with(&["bmd-atlas", BUILT_IN]))
                .map(|a| a.choices)
                .map_err(err),
        ),
        (
            "analyze",
            cli::parse_args::<AnalyzeArgs, _, _>(with(&["analyze", BUILT_IN]))
                .map(|a| a.choices)
                .map_err(err),
        ),
        (
            "export",
            cli::parse_args::<ExportArgs, _, _>(with(&["export", BUILT_IN, "--out", "b.svg"]))
                .map(|a| a.choices)
                .map_err(err),
        ),
        (
            "convert",
            cli::parse_args::<ConvertArgs, _, _>(with(&["convert", BUILT_IN, "--to", "kml"]))
                .map(|a| a.choices)
                .map_err(err),
        ),
    ]
}

#[test]
fn every_command_accepts_the_shared_flags_identically() {
    let flags = [
        "--model",
        "coordinated",
        "--year",
        "2016",
        "--timeline",
        "planned",
        "--projection",
        "arctic",
        "--study",
        "mda-2007",
        "--symbols",
        "app6",
        "--symbol-size",
        "large",
    ];
    let expected = Choices {
        model: Some("coordinated".into()),
        year: Some(2016),
        timeline: Some(Timeline::Planned),
        projection: Some(Projection::Arctic),
        study: Some("mda-2007".into()),
        symbols: Some(Symbols::App6),
        symbol_size: Some(SymbolSizeFlag::Large),
    };
    for (command, parsed) in choices_of_every_command(&flags) {
        assert_eq!(parsed.as_ref(), Ok(&expected), "{command}");
    }
    for (command, parsed) in choices_of_every_command(&[]) {
        assert_eq!(parsed, Ok(Choices::default()), "{command}");
    }
    assert_eq!(
        expected.projection_kind(&bmd_atlas::scenario::built_in()),
        Ok(Some(ProjectionKind::ArcticPolar))
    );
}

#[test]
fn a_bad_flag_value_gets_the_same_message_everywhere() {
    for (flags, names) in [
        (
            ["--timeline", "someday"],
            "[possible values: planned, actual]",
        ),
        (
            ["--projection", "mercator"],
            "use europe, arctic or site:ID",
        ),
    ] {
        let results = choices_of_every_command(&flags);
        let (_, first) = &results[0];
        let message = first.clone().expect_err("refused");
        assert!(
            message.contains(&format!("invalid value '{}' for '{}", flags[1], flags[0]))
                && message.contains(names),
            "{message}"
        );
        for (command, parsed) in &results {
            assert_eq!(parsed.as_ref().err(), Some(&message), "{command}");
        }
    }
}

#[test]
fn choices_apply_through_the_panels_commands() {
    let choices: Choices =
        cli::parse_args(["analyze", "--model", "unified", "--year", "2020"]).expect("valid flags");
    let mut by_flags = scenario::built_in();
    choices.apply(&mut by_flags).expect("applies");

    let mut by_hand = scenario::built_in();
    Command::SetModel("unified".into())
        .apply(&mut by_hand)
        .expect("model");
    Command::SetYear(2020).apply(&mut by_hand).expect("year");
    assert_eq!(by_flags, by_hand);
    assert_eq!((by_flags.model.as_str(), by_flags.year), ("unified", 2020));
    // What was not given stays as the file has it.
    assert_eq!(by_flags.timeline, scenario::built_in().timeline);

    let planned = Choices {
        timeline: Some(Timeline::Planned),
        ..Choices::default()
    };
    let mut s = scenario::built_in();
    planned.apply(&mut s).expect("applies");
    assert_eq!(s.timeline, TimelineChoice::AsPlanned2012);
}

#[test]
fn errors_name_the_flag_and_what_is_allowed() {
    let mut s = scenario::built_in();
    let before = s.clone();
    let model = Choices {
        model: Some("nope".into()),
        ..Choices::default()
    };
    let err = model.apply(&mut s).expect_err("no such model");
    assert_eq!(
        err,
        "--model nope: there is no model 'nope' in this scenario; it has independent, coordinated, unified"
    );
    let year = Choices {
        year: Some(2026),
        ..Choices::default()
    };
    let err = year.apply(&mut s).expect_err("too late");
    assert_eq!(
        err,
        "--year 2026: 2026 is outside 2009–2025; choose a year from 2009 to 2025"
    );
    assert_eq!(s, before);
    // The panel's command and the flag refuse by the one rule.
    assert_eq!(
        Command::SetYear(2026).apply(&mut s).expect_err("too late"),
        scenario::check_year(2026).expect_err("too late")
    );
    for y in scenario::YEARS {
        assert!(Command::SetYear(y).apply(&mut s).is_ok(), "{y}");
    }
}

#[test]
fn convert_refuses_a_year_outside_the_range_and_writes_nothing() {
    let dir = temp_dir("convert-year");
    let file = dir.join("europe.scenario.json");
    scenario::save_file(&scenario::built_in(), &file).expect("save");
    for to in ["geojson", "kml", "scenario"] {
        let out = dir.join(format!("out.{to}"));
        let args: ConvertArgs = cli::parse_args([
            "convert",
            text(&file),
            "--to",
            to,
            "--out",
            text(&out),
            "--year",
            "1900",
        ])
        .expect("parses");
        let err = bmd_atlas::cli::convert::run(&args).expect_err("1900 is refused");
        assert!(
            err.starts_with("--year 1900: ") && err.contains("2009 to 2025"),
            "{to}: {err}"
        );
        assert!(!out.exists(), "{to}: nothing is written");
    }
    // A year in the range converts as before.
    let out = dir.join("ok.geojson");
    let args: ConvertArgs = cli::parse_args([
        "convert",
        text(&file),
        "--to",
        "geojson",
        "--out",
        text(&out),
        "--year",
        "2025",
    ])
    .expect("parses");
    let summary = bmd_atlas::cli::convert::run(&args).expect("converts");
    assert!(summary.contains(" in 2025 "), "{summary}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn export_analyze_and_the_window_refuse_the_same_year() {
    let dir = temp_dir("year");
    let out = dir.join("brief.svg");
    let export: ExportArgs =
        cli::parse_args(["export", BUILT_IN, "--out", text(&out), "--year", "1900"])
            .expect("parses");
    let analyze: AnalyzeArgs = cli::parse_args(["analyze", "--year", "1900"]).expect("parses");
    let window: WindowArgs = cli::parse_args(["bmd-atlas", "--year", "1900"]).expect("parses");
    let errors = [
        bmd_atlas::cli::export::run(&export).expect_err("export refuses"),
        bmd_atlas::cli::analyze::run(&analyze).expect_err("analyze refuses"),
        window.state().err().expect("the window refuses"),
    ];
    let expected = "--year 1900: 1900 is outside 2009–2025; choose a year from 2009 to 2025";
    for err in errors {
        assert_eq!(err, expected);
    }
    assert!(!out.exists());
    let _ = fs::remove_dir_all(&dir);
}

/// Every file the program writes goes through the scenario's atomic writer: an export refuses a
/// page marked read-only, as a save refuses a scenario, and leaves it and its folder as they were.
#[cfg(unix)]
#[test]
fn export_refuses_a_read_only_page_and_leaves_it_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("read-only");
    let page = dir.join("brief.svg");
    fs::write(&page, b"the old page").expect("write");
    fs::set_permissions(&page, fs::Permissions::from_mode(0o444)).expect("chmod");
    let args: ExportArgs = cli::parse_args([
        "export",
        BUILT_IN,
        "--out",
        text(&page),
        "--detail",
        "coarse",
    ])
    .expect("parses");
    let err = bmd_atlas::cli::export::run(&args).expect_err("a read-only page is kept");
    assert!(err.starts_with(text(&page)), "{err}");
    assert!(err.contains("the file is read-only"), "{err}");
    assert_eq!(fs::read(&page).expect("read"), b"the old page");
    let left: Vec<_> = fs::read_dir(&dir).expect("list").collect();
    assert_eq!(
        left.len(),
        1,
        "nothing but the old page is left in the folder"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_window_opens_with_its_choices() {
    let args: WindowArgs = cli::parse_args([
        "bmd-atlas",
        "--model",
        "coordinated",
        "--year",
        "2016",
        "--projection",
        "arctic",
    ])
    .expect("parses");
    let state = args.state().expect("valid choices");
    assert_eq!(
        (state.doc.scenario.model.as_str(), state.doc.scenario.year),
        ("coordinated", 2016)
    );
    assert_eq!(state.map.view.projection, ProjectionKind::ArcticPolar);
    let plain = WindowArgs::default().state().expect("opens");
    assert_eq!(plain.doc.scenario, scenario::built_in());
    assert_eq!(plain.map.view.projection, ProjectionKind::EuropeEqualArea);
}

/// The binary: exit status and message as a user sees them.
#[test]
fn the_binary_refuses_a_bad_year_and_misplaced_choices() {
    let bin = env!("CARGO_BIN_EXE_bmd-atlas");
    let dir = temp_dir("binary");
    let out = dir.join("x.geojson");
    let run = |args: &[&str]| Process::new(bin).args(args).output().expect("runs");
    let refused = run(&[
        "convert",
        BUILT_IN,
        "--to",
        "geojson",
        "--out",
        text(&out),
        "--year",
        "1900",
    ]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("bmd-atlas convert: --year 1900: 1900 is outside 2009–2025"),
        "{stderr}"
    );
    assert!(!out.exists());
    // The window's flags before a subcommand would be ignored by it, so they are refused.
    let misplaced = run(&["--year", "2016", "validate", BUILT_IN]);
    assert!(!misplaced.status.success());
    let stderr = String::from_utf8_lossy(&misplaced.stderr);
    assert!(stderr.contains("give them after it"), "{stderr}");
    let ok = run(&["validate", BUILT_IN]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let _ = fs::remove_dir_all(&dir);
}
