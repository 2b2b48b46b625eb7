//! Scenario files: the format, every past version, the bad-input corpus, the limits, atomic saves,
//! autosave recovery, and save → load as the identity.
//!
//! Regenerating committed files:
//! - `UPDATE_SCHEMA=1 cargo test --test integration schema` rewrites `schema/scenario.schema.json`;
//! - `UPDATE_BUILTIN=1 cargo test --test integration built_in` rewrites the built-in scenario through
//!   `save_file` (after a hand edit, so it stays in the saver's form).

use std::fs;
use std::path::{Path, PathBuf};

use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario::{
    self, Battery, City, CityKind, Focus, InterceptorType, LoadError, MissileType, Presentation,
    RadarCoverage, Scenario, Side, Site, SiteKind, Status, StatusChange, Timeline, TimelineChoice,
    View, limits,
};
use bmd_atlas::scene::Layers;
use proptest::prelude::*;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-files-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

// ---------------------------------------------------------------------------------------------
// The format

#[test]
fn schema_is_committed_and_current() {
    let path = repo("schema/scenario.schema.json");
    let generated = scenario::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        fs::create_dir_all(repo("schema")).expect("schema folder");
        fs::write(&path, &generated).expect("write schema");
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/scenario.schema.json is not the schema of the current types.\n\
         If the change to the types is intended, regenerate it with\n\
         \n    UPDATE_SCHEMA=1 cargo test --test integration schema\n\n\
         and consider whether the change needs a new FORMAT_VERSION (see src/scenario/migrate.rs)."
    );
}

#[test]
fn the_schema_describes_the_file() {
    let schema: serde_json::Value =
        serde_json::from_str(&scenario::json_schema()).expect("schema is JSON");
    assert_eq!(schema["$id"], scenario::SCHEMA_URL);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let props = schema["properties"].as_object().expect("properties");
    for key in [
        "$schema",
        "format_version",
        "name",
        "sites",
        "models",
        "model",
        "year",
        "timeline",
        "assumptions",
        "presentation",
    ] {
        assert!(props.contains_key(key), "{key} missing from the schema");
    }
    let defs = schema["$defs"].as_object().expect("$defs");
    for def in [
        "Site",
        "Presentation",
        "View",
        "Layers",
        "ProjectionKind",
        "CooperationModel",
    ] {
        assert!(defs.contains_key(def), "{def} missing from the schema");
    }
}

/// The built-in file is exactly what the saver writes for it.
#[test]
fn built_in_round_trips_byte_for_byte() {
    let path = std::path::PathBuf::from(crate::common::BUILT_IN_FILE);
    let s = scenario::built_in();
    if std::env::var_os("UPDATE_BUILTIN").is_some() {
        scenario::save_file(&s, &path).expect("rewrite the built-in scenario");
        let _ = fs::remove_file(scenario::backup_path(&path));
        return;
    }
    let saved = scenario::to_json(&s);
    assert!(
        saved == scenario::BUILT_IN_JSON,
        "the built-in scenario is not in the saver's canonical form (format version {} or \
         formatting differ).\nRegenerate it with\n\n    UPDATE_BUILTIN=1 cargo test --test integration built_in\n",
        scenario::FORMAT_VERSION
    );
    let dir = temp_dir("builtin");
    let file = dir.join("europe.scenario.json");
    scenario::save_file(&s, &file).expect("saves");
    assert_eq!(
        fs::read(&file).expect("read"),
        scenario::BUILT_IN_JSON.as_bytes()
    );
    fs::remove_dir_all(&dir).ok();
}

/// Whatever the built-in file's version, saving and loading it again changes nothing.
#[test]
fn built_in_survives_save_and_load() {
    let dir = temp_dir("builtin-again");
    let file = dir.join("europe.scenario.json");
    let s = scenario::built_in();
    scenario::save_file(&s, &file).expect("saves");
    let loaded = scenario::open_file(&file).expect("loads");
    assert_eq!(loaded.scenario, s);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.from_version, scenario::FORMAT_VERSION);
    // Saving again gives the same bytes.
    let again = scenario::to_json(&loaded.scenario);
    assert_eq!(again, fs::read_to_string(&file).expect("read"));
    fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_file_starts_with_schema_and_version() {
    let text = scenario::to_json(&scenario::built_in());
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("{"));
    assert_eq!(
        lines.next(),
        Some(format!("  \"$schema\": \"{}\",", scenario::SCHEMA_URL).as_str())
    );
    assert_eq!(
        lines.next(),
        Some(format!("  \"format_version\": {},", scenario::FORMAT_VERSION).as_str())
    );
}

// ---------------------------------------------------------------------------------------------
// Versions

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(repo(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".scenario.json"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_fixture_version_loads() {
    let mut versions = Vec::new();
    for version in 1..=scenario::FORMAT_VERSION {
        let files = fixtures(&format!("tests/fixtures/v{version}"));
        assert!(!files.is_empty(), "no fixture for format version {version}");
        for file in files {
            let loaded = scenario::open_file(&file)
                .unwrap_or_else(|e| panic!("fixture of version {version} does not load:\n{e}"));
            assert_eq!(loaded.from_version, version, "{}", file.display());
            assert_eq!(loaded.scenario.format_version, scenario::FORMAT_VERSION);
            let unknown: Vec<_> = loaded
                .warnings
                .iter()
                .filter(|w| w.message.starts_with("unknown field"))
                .collect();
            assert!(unknown.is_empty(), "{}: {unknown:?}", file.display());
            // What was migrated saves and loads as the current version, unchanged.
            let text = scenario::to_json(&loaded.scenario);
            let again = scenario::open_str(&text, "again").expect("saved form loads");
            assert_eq!(again.scenario, loaded.scenario);
            versions.push(version);
        }
    }
    assert!(versions.contains(&1));
}

#[test]
fn a_version_1_file_is_upgraded_with_a_warning() {
    let file = repo("tests/fixtures/v1/minimal.scenario.json");
    let loaded = scenario::open_file(&file).expect("loads");
    assert_eq!(loaded.from_version, 1);
    let w = &loaded.warnings[0];
    assert_eq!(w.path, "format_version");
    assert!(w.message.contains("upgraded"), "{w}");
    let s = &loaded.scenario;
    assert_eq!(s.timeline, TimelineChoice::AsPlanned2012);
    assert_eq!(s.sites[0].batteries[0].count, Some(24));
    assert_eq!(s.presentation, Presentation::default());
    // Version 1 assumptions keep their values, or their version 1 reference values.
    assert_eq!(s.assumptions.decision_delay_s, 45.0);
    // The new fields get the reference values, and the upgrade says so.
    assert!(s.missile_types.iter().all(|m| m.burn_time_s > 0.0));
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("boost offset"))
    );
    assert_eq!(s.models[0].sectors[0].label_at, Some([35.0, 53.0]));
}

/// The version 1 built-in file (as first committed) is the same scenario as the built-in.
#[test]
fn the_version_1_built_in_migrates_to_the_built_in_sites() {
    let old = scenario::open_file(&repo("tests/fixtures/v1/europe-2012.scenario.json"))
        .expect("loads")
        .scenario;
    let now = scenario::built_in();
    assert_eq!(old.name, now.name);
    assert_eq!(old.sites.len(), now.sites.len());
    for (a, b) in old.sites.iter().zip(&now.sites) {
        assert_eq!((a.id.as_str(), a.lat, a.lon), (b.id.as_str(), b.lat, b.lon));
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input

/// Every file in `tests/fixtures/bad/` is refused with its expected message: each line of
/// `NAME.expected` must appear in the error, which must start with the file's name.
#[test]
fn every_bad_file_is_refused_with_its_expected_error() {
    let files = fixtures("tests/fixtures/bad");
    assert!(files.len() >= 30, "only {} bad files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let name = file
            .to_string_lossy()
            .replace(".scenario.json", ".expected");
        let expected = fs::read_to_string(&name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = match scenario::open_file(file) {
            Ok(_) => {
                failures.push(format!("{}: loaded, but should not", file.display()));
                continue;
            }
            Err(e) => e.to_string(),
        };
        if !text.starts_with(&file.display().to_string()) {
            failures.push(format!("does not name the file:\n{text}"));
        }
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            if !text.contains(line) {
                failures.push(format!(
                    "{}:\n  expected: {line}\n  got: {text}",
                    file.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_2_gb_file_is_refused_before_reading() {
    let dir = temp_dir("huge");
    let path = dir.join("huge.scenario.json");
    let f = fs::File::create(&path).expect("create");
    // Sparse: costs no disk.
    f.set_len(2 * 1024 * 1024 * 1024).expect("set_len");
    let start = std::time::Instant::now();
    let err = scenario::open_file(&path).unwrap_err();
    // Reading 2 GB takes seconds even from a sparse file; refusing by its size takes none. The
    // bound is loose so that a loaded machine cannot break it.
    assert!(
        start.elapsed().as_secs() < 10,
        "refusing a 2 GB file took {:?}: it was read, not refused by its size",
        start.elapsed()
    );
    let text = err.to_string();
    assert!(
        text.starts_with(&path.display().to_string()) && text.contains("the file is 2048.0 MB"),
        "{text}"
    );
    assert!(text.contains("limited to 64 MB"), "{text}");
    fs::remove_dir_all(&dir).ok();
}

fn minimal_site(i: usize) -> String {
    format!(
        r#"{{"id":"s{i}","name":"S","country":"XX","lat":0,"lon":0,"side":"iran","kind":"radar","timeline":{{"actual":[]}},"source":"s"}}"#
    )
}

/// 10⁶ objects: as real sites they exceed the size limit; as small objects they exceed the site
/// limit; as bare values beyond 2·10⁶ they exceed the value limit. Each is refused within seconds.
#[test]
fn a_million_objects_are_refused_quickly() {
    let started = std::time::Instant::now();
    // A million real sites: over 100 MB, refused by size before parsing.
    let mut text = String::from(r#"{"format_version":2,"name":"big","sites":["#);
    for i in 0..1_000_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&minimal_site(i));
    }
    text.push_str("]}");
    let err = scenario::open_str(&text, "million.scenario.json").unwrap_err();
    assert!(err.to_string().contains("limited to 64 MB"), "{err}");
    drop(text);

    // A million empty objects (4 MB): parsed, then refused by the site limit.
    let text = format!(
        r#"{{"format_version":2,"name":"big","sites":[{}{{}}]}}"#,
        "{},".repeat(999_999)
    );
    let err = scenario::open_str(&text, "empty-objects.scenario.json").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("sites (line 1, column 34): 1000000 entries; at most 100000"),
        "{msg}"
    );

    // Three million numbers: refused by the value limit, with the place.
    let text = format!(
        r#"{{"format_version":2,"name":"big","sites":[],"description":[{}0]}}"#,
        "0,".repeat(3_000_000)
    );
    let msg = scenario::open_str(&text, "numbers.scenario.json")
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("line 1, column") && msg.contains("more than 2000000 values"),
        "{msg}"
    );
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

/// 100 000 real sites (the limit) load.
#[test]
fn the_site_limit_itself_loads() {
    let mut text = String::from(r#"{"format_version":2,"name":"big","sites":["#);
    for i in 0..limits::MAX_SITES {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&minimal_site(i));
    }
    text.push_str("]}");
    let loaded = scenario::open_str(&text, "limit.scenario.json").expect("loads");
    assert_eq!(loaded.scenario.sites.len(), limits::MAX_SITES);
}

/// 100 000 broken sites on one line (a minified file): every problem is reported with its place,
/// quickly.
#[test]
fn a_hundred_thousand_broken_sites_are_all_located() {
    let started = std::time::Instant::now();
    let mut text = String::from(r#"{"format_version":2,"name":"big","sites":["#);
    for i in 0..limits::MAX_SITES {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&minimal_site(i).replace(r#""lat":0"#, r#""lat":95"#));
    }
    text.push_str("]}");
    let Err(LoadError::Invalid { problems, .. }) =
        scenario::open_str(&text, "broken.scenario.json")
    else {
        panic!("expected invalid");
    };
    assert_eq!(problems.len(), limits::MAX_SITES);
    let last = problems.last().expect("problems");
    assert_eq!(last.path, "sites[99999].lat");
    let column = text.rfind(r#""lat":95"#).expect("lat") + 1;
    assert_eq!(last.position, Some(scenario::Position { line: 1, column }));
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

/// Deep nesting neither overflows a small stack nor hangs, in a debug build.
#[test]
fn deep_nesting_is_refused_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let mut results = Vec::new();
            for depth in [63, 64, 65, 128, 129, 100_000, 10_000_000] {
                let text = format!(
                    r#"{{"format_version":2,"name":"deep","sites":[],"description":{}{}}}"#,
                    "[".repeat(depth),
                    "]".repeat(depth)
                );
                results.push((depth, scenario::open_str(&text, "deep.scenario.json")));
            }
            // Nested objects too, and unclosed nesting.
            let objects = format!(
                r#"{{"format_version":2,"name":"deep","sites":[],"x":{}1{}}}"#,
                "{\"a\":".repeat(100_000),
                "}".repeat(100_000)
            );
            results.push((0, scenario::open_str(&objects, "deep.scenario.json")));
            let open = "[".repeat(1_000_000);
            results.push((1, scenario::open_str(&open, "deep.scenario.json")));
            results
        })
        .expect("thread");
    let results = handle.join().expect("no stack overflow");
    for (depth, result) in results {
        let text = result.unwrap_err().to_string();
        if depth == 63 {
            // Within the limit: an ordinary type error.
            assert!(text.contains("description"), "{text}");
        } else if depth == 1 {
            assert!(text.contains("nested more than 64 deep"), "{text}");
        } else {
            assert!(text.contains("nested more than 64 deep"), "{depth}: {text}");
        }
    }
}

#[test]
fn unknown_fields_are_warned_about_and_not_saved() {
    let mut text = fs::read_to_string(repo("tests/fixtures/v2/small.scenario.json")).expect("read");
    text = text.replacen(
        "\"name\": \"Bad input\",",
        "\"name\": \"Bad input\",\n  \"colour\": \"red\",",
        1,
    );
    text = text.replacen(
        "\"source\": \"GeoNames\"",
        "\"source\": \"GeoNames\", \"mayor\": {\"name\": \"x\"}",
        1,
    );
    text = text.replacen("\"rings\": true", "\"rings\": true, \"glow\": false", 1);
    let loaded = scenario::open_str(&text, "u.scenario.json").expect("loads");
    let places: Vec<String> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("unknown field"))
        .map(|w| w.place())
        .collect();
    assert_eq!(
        places,
        [
            "cities[0].mayor (line 112, column 29)",
            "colour (line 5, column 3)",
            "presentation.layers.glow (line 187, column 22)"
        ]
    );
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("unknown field, ignored"))
    );
    assert!(!scenario::to_json(&loaded.scenario).contains("colour"));
}

#[test]
fn a_newer_file_names_the_version_it_needs() {
    let text = r#"{"format_version": 5, "name": "future", "sites": [], "hyperspace": true}"#;
    let err = scenario::open_str(text, "future.scenario.json").unwrap_err();
    assert!(matches!(
        err,
        LoadError::TooNew {
            found: 5,
            supported: 4,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "future.scenario.json: written in scenario format version 5 by a newer BMD Atlas; this \
         build reads versions 1 to 4. Open it with a BMD Atlas that reads format version 5 \
         (update BMD Atlas)."
    );
}

#[test]
fn problems_are_listed_for_a_dialog() {
    let err = scenario::open_file(&repo("tests/fixtures/bad/several-problems.scenario.json"))
        .unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 3);
    assert!(problems.iter().all(|p| p.position.is_some()));
}

// ---------------------------------------------------------------------------------------------
// Saving

#[test]
fn saving_keeps_the_previous_version_as_bak() {
    let dir = temp_dir("bak");
    let path = dir.join("a.scenario.json");
    let mut s = scenario::built_in();
    let first = scenario::save_file(&s, &path).expect("first save");
    assert_eq!(first.backup, None);
    let before = fs::read(&path).expect("read");
    s.presentation.title = "Second".into();
    let second = scenario::save_file(&s, &path).expect("second save");
    let bak = dir.join("a.scenario.json.bak");
    assert_eq!(second.backup.as_deref(), Some(bak.as_path()));
    assert_eq!(fs::read(&bak).expect("bak"), before);
    assert_eq!(scenario::load_file(&path).expect("loads"), s);
    // No temporary files are left.
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert_eq!(names, ["a.scenario.json", "a.scenario.json.bak"]);
    fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("perm");
    let path = dir.join("a.scenario.json");
    scenario::save_file(&scenario::built_in(), &path).expect("save");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
    scenario::save_file(&scenario::built_in(), &path).expect("save again");
    let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    fs::remove_dir_all(&dir).ok();
}

/// A file marked read-only is not replaced (even by root, who could).
#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("readonly");
    let path = dir.join("a.scenario.json");
    fs::write(&path, b"locked\n").expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
    let err = scenario::save_file(&scenario::built_in(), &path).unwrap_err();
    assert!(err.to_string().contains("the file is read-only"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), b"locked\n");
    fs::remove_dir_all(&dir).ok();
}

/// The temporary file cannot be created (its name is taken by a folder): the save fails, says
/// what happened, and the old file is byte for byte what it was.
#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let dir = temp_dir("fail");
    let path = dir.join("a.scenario.json");
    fs::write(&path, b"{\"the\": \"old file\"}\n").expect("write");
    let blocker = dir.join(format!(".a.scenario.json.{}.tmp", std::process::id()));
    fs::create_dir(&blocker).expect("block the temporary file");
    let err = scenario::save_file(&scenario::built_in(), &path).unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with(&path.display().to_string()), "{text}");
    assert!(text.contains("creating the temporary file"), "{text}");
    assert!(text.contains("The previous file is unchanged."), "{text}");
    assert_eq!(fs::read(&path).expect("read"), b"{\"the\": \"old file\"}\n");
    assert!(!dir.join("a.scenario.json.bak").exists());
    fs::remove_dir_all(&dir).ok();
}

/// A folder where a file should be (the parent of the target is a regular file): refused with
/// advice, and nothing is created.
#[test]
fn saving_under_a_file_fails_with_advice() {
    let dir = temp_dir("notdir");
    let file = dir.join("plain");
    fs::write(&file, b"x").expect("write");
    let path = file.join("a.scenario.json");
    let err = scenario::save_file(&scenario::built_in(), &path).unwrap_err();
    let text = err.message(scenario::Surface::Window);
    assert!(
        text.contains("part of the path is a file, not a folder")
            && text.contains("Use Save As to choose a folder"),
        "{text}"
    );
    assert_eq!(fs::read(&file).expect("read"), b"x");
    // And the target being a folder.
    let err = scenario::save_file(&scenario::built_in(), &dir).unwrap_err();
    let text = err.message(scenario::Surface::Window);
    assert!(text.contains("that name is a folder"), "{text}");
    fs::remove_dir_all(&dir).ok();
}

#[test]
fn recovery_round_trip() {
    let dir = temp_dir("recovery").join("nested");
    assert!(scenario::read_recovery(&dir).is_none());
    let mut s = scenario::built_in();
    s.year = 2019;
    let original = Path::new("/home/analyst/epaa.scenario.json");
    let path = scenario::write_recovery(&s, Some(original), &dir).expect("write");
    assert_eq!(path, scenario::recovery_path(&dir));
    let r = scenario::read_recovery(&dir).expect("found");
    assert_eq!(r.loaded.scenario, s);
    assert_eq!(r.original.as_deref(), Some(original));
    assert!(r.written.is_some());
    // Without an original the old one is forgotten.
    scenario::write_recovery(&s, None, &dir).expect("write");
    assert_eq!(scenario::read_recovery(&dir).expect("found").original, None);
    // A broken autosave counts as none.
    fs::write(
        scenario::recovery_path(&dir),
        b"{\"format_version\": 2, \"na",
    )
    .expect("write");
    assert!(scenario::read_recovery(&dir).is_none());
    scenario::clear_recovery(&dir).expect("clear");
    scenario::clear_recovery(&dir).expect("clear twice");
    assert!(!scenario::recovery_path(&dir).exists());
    fs::remove_dir_all(dir.parent().expect("parent")).ok();
}

// ---------------------------------------------------------------------------------------------
// Save → load is the identity

/// Numbers as an editor or a drag produces them, to a nanodegree: these parse back exactly
/// whatever serde_json's float parser (see `floats_round_trip_exactly` for full precision).
fn num(range: std::ops::RangeInclusive<f64>) -> impl Strategy<Value = f64> {
    range.prop_map(|v| (v * 1e9).round() / 1e9)
}

fn text() -> impl Strategy<Value = String> {
    // Any printable text, including quotes, backslashes, non-ASCII and control characters.
    prop_oneof![
        "[ -~]{0,12}",
        "\\PC{0,12}",
        Just("\"\\\n\t\u{0}\u{1f}</>&'".to_owned()),
    ]
}

fn source() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.]{1,20}".prop_filter("non-blank", |s| !s.trim().is_empty())
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Proposed),
        Just(Status::Planned),
        Just(Status::UnderConstruction),
        Just(Status::Operational),
        Just(Status::Closed),
        Just(Status::Cancelled),
    ]
}

fn change() -> impl Strategy<Value = StatusChange> {
    (1990..2040i32, status(), text()).prop_map(|(year, status, note)| StatusChange {
        year,
        status,
        note,
    })
}

fn timeline() -> impl Strategy<Value = Timeline> {
    (
        prop::collection::vec(change(), 0..3),
        prop::collection::vec(change(), 0..2),
    )
        .prop_map(|(actual, planned)| Timeline { actual, planned })
}

fn side() -> impl Strategy<Value = Side> {
    prop::sample::select(Side::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = SiteKind> {
    prop::sample::select(SiteKind::ALL.to_vec())
}

fn radar() -> impl Strategy<Value = RadarCoverage> {
    (
        num(0.001..=20_000.0),
        num(0.0..=359.9),
        num(0.001..=360.0),
        any::<bool>(),
    )
        .prop_map(
            |(range_km, boresight_deg, fov_deg, uncertain)| RadarCoverage {
                range_km,
                boresight_deg,
                fov_deg,
                min_elevation_deg: boresight_deg / 36.0,
                uncertainty: Default::default(),
                uncertain,
            },
        )
}

fn site(types: usize) -> impl Strategy<Value = Site> {
    (
        (
            text(),
            text(),
            "[A-Z]{2}",
            num(-90.0..=90.0),
            num(-180.0..=180.0),
        ),
        (
            side(),
            kind(),
            text(),
            timeline(),
            prop::option::of(radar()),
        ),
        (
            prop::collection::vec(
                (0..types.max(1), prop::option::of(any::<u32>()), timeline()),
                0..if types > 0 { 3 } else { 1 },
            ),
            text(),
            source(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (name, short_name, country, lat, lon),
                (side, kind, system, timeline, radar),
                (batteries, notes, source, uncertain),
            )| Site {
                id: String::new(),
                name,
                short_name,
                country,
                lat,
                lon,
                side,
                kind,
                system,
                timeline,
                radar,
                batteries: batteries
                    .into_iter()
                    .map(|(t, count, timeline)| Battery {
                        interceptor: format!("type{t}"),
                        count,
                        timeline,
                    })
                    .collect(),
                missiles: Vec::new(),
                notes,
                source,
                uncertain,
                sidc: String::new(),
            },
        )
}

fn interceptor(i: usize) -> impl Strategy<Value = InterceptorType> {
    (
        text(),
        num(0.1..=10.0),
        num(0.0..=300.0),
        num(1.0..=10_000.0),
        num(0.0..=100.0),
        num(100.0..=2000.0),
        source(),
        any::<bool>(),
        text(),
    )
        .prop_map(
            move |(name, burnout_kms, burn_time_s, range_km, lo, hi, source, uncertain, notes)| {
                InterceptorType {
                    id: format!("type{i}"),
                    name,
                    burnout_kms,
                    burn_time_s,
                    range_km,
                    min_altitude_km: lo,
                    max_altitude_km: hi,
                    burnout_altitude_km: lo / 2.0,
                    burnout_range_km: hi / 4.0,
                    source,
                    uncertain,
                    notes,
                    uncertainty: Default::default(),
                }
            },
        )
}

fn city() -> impl Strategy<Value = City> {
    (
        text(),
        num(-90.0..=90.0),
        num(-180.0..=180.0),
        prop::option::of(any::<u64>()),
        any::<bool>(),
        text(),
    )
        .prop_map(|(name, lat, lon, population, us, source)| City {
            id: String::new(),
            name,
            country: "XX".into(),
            lat,
            lon,
            population,
            kind: if us {
                CityKind::UsTarget
            } else {
                CityKind::City
            },
            source,
        })
}

fn presentation() -> impl Strategy<Value = Presentation> {
    (
        text(),
        text(),
        any::<bool>(),
        prop::option::of((num(-180.0..=180.0), num(-90.0..=90.0), num(1.0..=100_000.0))),
        prop::collection::vec(any::<bool>(), 9),
        prop::collection::btree_set(kind(), 0..4),
    )
        .prop_map(
            |(title, classification, arctic, focus, on, hidden_kinds)| Presentation {
                title,
                classification,
                view: View {
                    projection: if arctic {
                        ProjectionKind::ArcticPolar
                    } else {
                        ProjectionKind::EuropeEqualArea
                    },
                    focus: focus.map(|(centre_lon, centre_lat, metres_per_pixel)| Focus {
                        centre_lon,
                        centre_lat,
                        metres_per_pixel,
                    }),
                },
                layers: Layers {
                    basemap: on[0],
                    borders: on[1],
                    graticule: on[2],
                    labels: on[3],
                    rings: on[4],
                    fans: on[5],
                    links: on[6],
                    sectors: on[7],
                    cities: on[8],
                    hidden_kinds,
                    ..Layers::default()
                },
            },
        )
}

fn annotation() -> impl Strategy<Value = scenario::Annotation> {
    use scenario::{Annotation, AnnotationKind, LatLon};
    let point = (num(-90.0..=90.0), num(-180.0..=180.0)).prop_map(|(lat, lon)| LatLon { lat, lon });
    (
        0usize..4,
        text(),
        prop::collection::vec(point, 2..5),
        num(0.5..=20_000.0),
        any::<bool>(),
    )
        .prop_map(|(kind, label, points, radius_km, visible)| {
            // A label is never empty: the text generated after a letter.
            let label = format!("A{label}");
            let mut a = match kind {
                0 => Annotation::path("", &label, points),
                1 => Annotation::ring("", &label, points[0], radius_km),
                2 => Annotation::at("", AnnotationKind::Note, &label, points[0]),
                _ => Annotation::at("", AnnotationKind::Point, &label, points[0]),
            };
            a.visible = visible;
            a
        })
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    (0usize..3)
        .prop_flat_map(|types| {
            let interceptors: Vec<_> = (0..types).map(interceptor).collect();
            (
                (text(), text()),
                prop::collection::vec(site(types), 0..6),
                prop::collection::vec(city(), 0..3),
                interceptors,
                prop::collection::vec(
                    (text(), side(), num(1.0..=20_000.0), source()).prop_map(
                        |(name, side, range_km, source)| MissileType {
                            id: String::new(),
                            name,
                            side,
                            range_km,
                            burn_time_s: range_km / 100.0,
                            burnout_altitude_km: range_km / 50.0,
                            burnout_range_km: range_km / 20.0,
                            source,
                            uncertain: false,
                            notes: String::new(),
                            uncertainty: Default::default(),
                        },
                    ),
                    0..3,
                ),
                (-3000i32..3000, any::<bool>()),
                (presentation(), prop::collection::vec(annotation(), 0..4)),
            )
        })
        .prop_map(
            |(
                (name, description),
                sites,
                cities,
                types,
                missiles,
                (year, planned),
                (presentation, annotations),
            )| {
                let mut s = Scenario {
                    format_version: scenario::FORMAT_VERSION,
                    name,
                    description,
                    sites,
                    cities,
                    interceptor_types: types,
                    missile_types: missiles,
                    year,
                    timeline: if planned {
                        TimelineChoice::AsPlanned2012
                    } else {
                        TimelineChoice::AsHappened
                    },
                    models: Vec::new(),
                    model: "independent".into(),
                    assumptions: Default::default(),
                    annotations,
                    presentation,
                };
                for (i, a) in s.annotations.iter_mut().enumerate() {
                    a.id = format!("mark-{i}");
                }
                for (i, site) in s.sites.iter_mut().enumerate() {
                    site.id = format!("site-{i}");
                }
                for (i, c) in s.cities.iter_mut().enumerate() {
                    c.id = format!("city-{i}");
                }
                for (i, m) in s.missile_types.iter_mut().enumerate() {
                    m.id = format!("missile-{i}");
                }
                // The built-in's models, where their sites exist, so references are exercised.
                if s.sites.len() >= 2 {
                    let mut models = scenario::built_in().models;
                    for m in &mut models {
                        m.shared_radars = vec![s.sites[0].id.clone()];
                        m.centres.clear();
                        m.command.us_nato = s.sites[0].id.clone();
                        m.command.russia = s.sites[1].id.clone();
                    }
                    s.model = models[0].id.clone();
                    s.models = models;
                }
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn save_then_load_is_the_identity(s in scenario_strategy()) {
        prop_assert!(scenario::validate(&s).is_empty(), "{:?}", scenario::validate(&s));
        let text = scenario::to_json(&s);
        let loaded = scenario::open_str(&text, "generated.scenario.json")
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(loaded.warnings.is_empty());
        prop_assert_eq!(&loaded.scenario, &s);
        prop_assert_eq!(scenario::to_json(&loaded.scenario), text);
    }

    /// Arbitrary bytes never panic the loader (the fuzz target's property, in miniature).
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = scenario::open_slice(&bytes, "noise");
    }

    /// Any prefix of a valid file is refused or loads; never a panic.
    #[test]
    fn truncated_files_never_panic(cut in 0usize..4000) {
        let text = fs::read(repo("tests/fixtures/v2/small.scenario.json")).expect("read");
        let cut = cut.min(text.len());
        let _ = scenario::open_slice(&text[..cut], "cut");
    }
}

/// Full-precision numbers (17 significant digits, as a drag or a computation produces them) must
/// come back bit for bit through save and load. serde_json's default float parser can be one unit
/// in the last place off; its `float_roundtrip` feature makes it exact.
#[test]
fn floats_round_trip_exactly() {
    let values = [
        101.418_413_517_030_36_f64,
        44.067_123_456_789_01,
        24.383_987_654_321_09,
        -0.000_000_000_123_456_789_012_345_67,
        179.999_999_999_999_97,
        -33.333_333_333_333_336,
    ];
    let mut s = scenario::built_in();
    for (site, v) in s.sites.iter_mut().zip(values) {
        site.lon = v;
        site.lat = v / 2.0;
    }
    let text = scenario::to_json(&s);
    let back = scenario::open_str(&text, "precise")
        .expect("loads")
        .scenario;
    let mut wrong = Vec::new();
    for (a, b) in back.sites.iter().zip(&s.sites) {
        for (x, y) in [(a.lon, b.lon), (a.lat, b.lat)] {
            if x.to_bits() != y.to_bits() {
                wrong.push(format!("{y:?} came back as {x:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\nEnable serde_json's exact float parsing in Cargo.toml:\n    \
         serde_json = {{ version = \"1\", features = [\"float_roundtrip\"] }}",
        wrong.join("\n")
    );
}

/// `docs/file-format.md` carries the physical limits exactly as the code has them (write it
/// again with `UPDATE_SCHEMA=1`, like the schema).
#[test]
fn the_file_format_doc_has_the_physical_limits_of_the_code() {
    let path = repo("docs/file-format.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (begin, end) = (
        "<!-- physical limits: begin -->\n",
        "<!-- physical limits: end -->",
    );
    let (Some(from), Some(to)) = (doc.find(begin), doc.find(end)) else {
        panic!("docs/file-format.md: no physical limits markers");
    };
    let table = bmd_atlas::scenario::physical::markdown_table();
    let current = &doc[from + begin.len()..to];
    if std::env::var_os("UPDATE_SCHEMA").is_some() && current != table {
        let updated = format!("{}{table}{}", &doc[..from + begin.len()], &doc[to..]);
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    assert_eq!(
        current, table,
        "docs/file-format.md's limits differ from the code; run UPDATE_SCHEMA=1 cargo test --test integration file_format"
    );
}

/// A version 2 file with an assumptions block migrates with the notes the upgrade promises: each
/// removed assumption named and why, each filled burnout field named with its value and where
/// it comes from; the values it kept are kept.
#[test]
fn a_version_2_file_with_assumptions_migrates_with_its_notes() {
    let mut v: serde_json::Value =
        serde_json::from_str(scenario::BUILT_IN_JSON).expect("the built-in is JSON");
    v["format_version"] = 2.into();
    v["assumptions"]["boost_offset_s"] = 30.into();
    v["assumptions"]["refraction_k"] = serde_json::json!(1.33);
    v["assumptions"]["decision_delay_s"] = 75.into();
    let types = v["interceptor_types"].as_array_mut().expect("types");
    types[0]
        .as_object_mut()
        .map(|t| t.remove("burnout_altitude_km"));
    types[0]["id"] = "home-made".into();
    let missiles = v["missile_types"].as_array_mut().expect("missiles");
    let shahab = missiles[0].as_object_mut().expect("a missile");
    shahab.remove("burn_time_s");
    // The sites' batteries name the type by id: keep them pointing at it.
    for site in v["sites"].as_array_mut().into_iter().flatten() {
        let batteries = site.get_mut("batteries").and_then(|b| b.as_array_mut());
        for b in batteries.into_iter().flatten() {
            if b["interceptor"] == "sm3-ia" {
                b["interceptor"] = "home-made".into();
            }
        }
    }
    let loaded =
        scenario::open_str(&v.to_string(), "old.scenario.json").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.from_version, 2);
    let said = |path: &str| -> String {
        loaded
            .warnings
            .iter()
            .filter(|w| w.path == path)
            .map(|w| w.message.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    for removed in ["boost_offset_s", "refraction_k"] {
        let note = said(&format!("assumptions.{removed}"));
        assert!(
            note.contains("no longer used by the analysis") && note.ends_with("removed"),
            "{removed}: {note:?}"
        );
    }
    assert_eq!(
        said("interceptor_types[0]"),
        "set burnout_altitude_km = 0 (burnout at the launcher, as in the first analysis; new in \
         format version 3)"
    );
    assert_eq!(
        said("missile_types[0]"),
        "set burn_time_s = 100 (the built-in scenario's values for this type; new in format \
         version 3)"
    );
    assert!(said("format_version").contains("written in format version 2"));
    // What the file said is kept; what it lacked is as the notes say.
    let s = &loaded.scenario;
    assert_eq!(s.assumptions.decision_delay_s, 75.0);
    assert_eq!(s.interceptor_types[0].burnout_altitude_km, 0.0);
    assert_eq!(s.missile_types[0].burn_time_s, 100.0);
}

/// The work a file asks of the analysis is bounded: the built-in scenario is far within the
/// bounds, and a file with a thousand batteries is refused with the sum that is too large.
#[test]
fn a_file_asking_too_much_work_is_refused_with_the_sum() {
    let s = scenario::built_in();
    assert!(scenario::validate(&s).is_empty());
    let mut heavy = s.clone();
    let Some(battery_site) = s.sites.iter().find(|x| x.id == "deveselu").cloned() else {
        panic!("deveselu");
    };
    for k in 0..1000 {
        let mut copy = battery_site.clone();
        copy.id = format!("deveselu_{k}");
        heavy.sites.push(copy);
    }
    let problems = scenario::validate(&heavy);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("reach questions for the defended area") && m.contains("batteries")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("searches for the ICBM question")),
        "{messages:?}"
    );
    assert!(problems.iter().all(|p| p.path == "sites"), "{problems:?}");
    // Ten more batteries are fine.
    heavy.sites.truncate(s.sites.len() + 10);
    assert!(
        scenario::validate(&heavy).is_empty(),
        "{:?}",
        scenario::validate(&heavy)
    );
}
