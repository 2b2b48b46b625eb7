//! Imports that never write what the app refuses, and messages that say what happened (#26).
//! Every file is built here; each refusal leaves the disk as it was.

use std::path::{Path, PathBuf};

use bmd_atlas::cli::convert;
use bmd_atlas::exchange::{ImportOptions, import_file};
use bmd_atlas::scenario::{self, SaveError, limits};

/// A fresh, empty folder for one test.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-honest-{test}-{}", std::process::id()));
    // A folder left by an earlier run of the same process id: start empty.
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the old folder");
    }
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn convert_to_scenario(file: &Path, out: &Path) -> Result<String, String> {
    let args = convert::parse_convert_args([
        "convert".as_ref(),
        file.as_os_str(),
        "--to".as_ref(),
        "scenario".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
    .expect("arguments");
    convert::run(&args)
}

#[test]
fn an_import_with_overlong_fields_names_the_row_and_field_and_writes_nothing() {
    let dir = folder("import-fields");
    let long = "x".repeat(limits::MAX_TEXT_CHARS + 1);
    let csv = format!(
        "name,lat,lon,notes,source\n\
         Deveselu,44.0775,24.4137,short,ref\n\
         Redzikowo,54.4790,17.0977,{long},{long}\n"
    );
    let file = dir.join("sites.csv");
    std::fs::write(&file, &csv).expect("written");
    let imported = import_file(&file, &ImportOptions::default()).expect("read");
    assert_eq!(imported.sites.len(), 1, "the short row is importable");
    let said: Vec<String> = imported.rejected.iter().map(|p| p.to_string()).collect();
    assert_eq!(said.len(), 2, "{said:#?}");
    // Row 2 is line 3; its notes start at character 27.
    assert!(said[0].contains("line 3, column 27"), "{}", said[0]);
    assert!(said[0].contains("notes"), "{}", said[0]);
    assert!(
        said[0].contains("100,001 characters long; a text field holds at most 100,000"),
        "{}",
        said[0]
    );
    assert!(said[1].contains("source"), "{}", said[1]);

    // The command line refuses the file and writes nothing.
    let out = dir.join("sites.scenario.json");
    let message = convert_to_scenario(&file, &out).expect_err("refused");
    assert!(
        message.contains("sites.csv") && message.contains("line 3, column 27"),
        "{message}"
    );
    assert!(!out.exists(), "nothing written");
    assert_eq!(std::fs::read_to_string(&file).expect("still there"), csv);
}

#[test]
fn a_scenario_with_an_overlong_field_is_refused_on_load_as_on_import() {
    let mut s = scenario::built_in();
    s.sites[3].notes = "n".repeat(limits::MAX_TEXT_CHARS + 5);
    let problems = scenario::validate(&s);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "sites[3].notes");
    let text = serde_json::to_string(&s).expect("json");
    let message = scenario::open_slice(text.as_bytes(), "long.scenario.json")
        .expect_err("refused")
        .to_string();
    assert!(
        message.contains("long.scenario.json") && message.contains("sites[3].notes"),
        "{message}"
    );
}

#[test]
fn a_scenario_too_large_to_open_again_is_not_saved() {
    let dir = folder("too-large");
    let path = dir.join("big.scenario.json");
    let mut s = scenario::built_in();
    // Each field within its limit, the whole over the file limit.
    let note = "n".repeat(limits::MAX_TEXT_CHARS);
    let template = scenario::Site {
        batteries: Vec::new(),
        radar: None,
        ..s.sites[0].clone()
    };
    let copies = (limits::MAX_FILE_BYTES as usize / limits::MAX_TEXT_CHARS) + 10;
    s.sites.extend((0..copies).map(|i| scenario::Site {
        id: format!("copy-{i}"),
        notes: note.clone(),
        ..template.clone()
    }));
    let problems = scenario::validate(&s);
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(3)]
    );
    let err = scenario::save_file(&s, &path).expect_err("too large");
    assert!(matches!(err, SaveError::TooLarge { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("big.scenario.json") && message.contains("up to 64 MB"),
        "{message}"
    );
    assert!(!path.exists(), "nothing written");
    assert_eq!(std::fs::read_dir(&dir).expect("folder").count(), 0);
}

/// Every distinct numeric field of the built-in scenario (array indices folded), as a JSON
/// pointer to its first occurrence.
fn numeric_fields() -> Vec<String> {
    fn walk(
        v: &serde_json::Value,
        at: String,
        folded: String,
        seen: &mut Vec<String>,
        out: &mut Vec<String>,
    ) {
        match v {
            serde_json::Value::Number(_) if !seen.contains(&folded) => {
                seen.push(folded);
                out.push(at);
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{at}/{i}"), format!("{folded}/*"), seen, out);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    walk(
                        item,
                        format!("{at}/{k}"),
                        format!("{folded}/{k}"),
                        seen,
                        out,
                    );
                }
            }
            _ => {}
        }
    }
    let value: serde_json::Value =
        serde_json::from_str(&scenario::to_json(&scenario::built_in())).expect("json");
    let (mut seen, mut out) = (Vec::new(), Vec::new());
    walk(&value, String::new(), String::new(), &mut seen, &mut out);
    out
}

/// The longest run of digits in `text`.
fn longest_digit_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn extreme_numbers_in_a_scenario_are_printed_as_a_person_reads_them() {
    let base: serde_json::Value =
        serde_json::from_str(&scenario::to_json(&scenario::built_in())).expect("json");
    let fields = numeric_fields();
    assert!(fields.len() > 30, "{}", fields.len());
    let mut unreadable = Vec::new();
    for field in &fields {
        for extreme in ["1e308", "-1e308", "1e-300"] {
            let mut v = base.clone();
            *v.pointer_mut(field).expect("field") = serde_json::from_str(extreme).expect("n");
            let text = serde_json::to_string(&v).expect("json");
            let message = match scenario::open_slice(text.as_bytes(), "x.scenario.json") {
                Ok(_) => continue,
                Err(e) => e.to_string(),
            };
            if longest_digit_run(&message) > 17 {
                unreadable.push(format!("{field} = {extreme}: {message}"));
            }
        }
    }
    assert!(unreadable.is_empty(), "{}", unreadable.join("\n"));
}

#[test]
fn extreme_numbers_in_imports_and_flags_are_printed_as_a_person_reads_them() {
    let csv = "name,lat,lon,kind,range_km,source\n\
               Far,1e308,24.4,radar,400,ref\n\
               Tiny,44.1,24.4,radar,-1e-300,ref\n";
    let imported =
        bmd_atlas::exchange::from_csv(csv, "x.csv", &ImportOptions::default()).expect("read");
    let said: Vec<String> = imported.rejected.iter().map(|p| p.to_string()).collect();
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(said[0].contains("1e308 is not a latitude"), "{}", said[0]);
    assert!(
        said[1].contains("-1e-300 km: must be more than 0"),
        "{}",
        said[1]
    );

    let dir = folder("flags");
    let out = dir.join("fan.svg");
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        crate::common::BUILT_IN_FILE,
        "--out",
        out.to_str().expect("utf-8"),
        "--flyout",
        "patrol_emed:sm3-ia",
        "--flyout-altitude",
        "1e308",
    ])
    .expect("arguments");
    let message = bmd_atlas::cli::export::run(&args).expect_err("refused");
    assert_eq!(message, "--flyout-altitude is 0 to 5000 km, not 1e308");
    assert!(!out.exists());
}

/// A command-line message fits the command line: `--out`, never the window's Save As.
fn fits_the_command_line(message: &str) {
    assert!(!message.contains("Save As"), "{message}");
    assert!(!message.contains("window"), "{message}");
}

#[test]
fn a_command_line_write_that_fails_names_the_cause_and_what_is_left() {
    let dir = folder("cli-writes");
    let csv = dir.join("sites.csv");
    std::fs::write(&csv, "name,lat,lon,source\nDeveselu,44.0775,24.4137,ref\n").expect("csv");

    // A folder that does not exist: nothing was there, so nothing "previous" is spoken of.
    let missing = dir.join("no-such-folder").join("out.scenario.json");
    let message = convert_to_scenario(&csv, &missing).expect_err("refused");
    fits_the_command_line(&message);
    assert!(
        message.contains("failed: not found")
            && message.contains("mkdir -p")
            && message.ends_with("Nothing was written."),
        "{message}"
    );
    assert!(!message.contains("previous file"), "{message}");
    // An export that cannot be written is "not written"; a scenario "not saved".
    assert!(
        message.contains("out.scenario.json: not saved"),
        "{message}"
    );
    let page = dir.join("no-such-folder").join("brief.kml");
    let args = convert::parse_convert_args([
        "convert".as_ref(),
        csv.as_os_str(),
        "--to".as_ref(),
        "kml".as_ref(),
        "--out".as_ref(),
        page.as_os_str(),
    ])
    .expect("arguments");
    let message = convert::run(&args).expect_err("refused");
    fits_the_command_line(&message);
    assert!(message.contains("brief.kml: not written"), "{message}");

    // A read-only file: permission denied, the file as it was.
    let kept = dir.join("kept.scenario.json");
    std::fs::write(&kept, b"the old file").expect("old");
    let mut permissions = std::fs::metadata(&kept).expect("meta").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&kept, permissions).expect("read-only");
    let message = convert_to_scenario(&csv, &kept).expect_err("refused");
    fits_the_command_line(&message);
    assert!(
        message.contains("permission denied (the file is read-only)")
            && message.contains("--out")
            && message.ends_with("The previous file is unchanged."),
        "{message}"
    );
    assert_eq!(std::fs::read(&kept).expect("still there"), b"the old file");

    // A folder where a file was meant, and a file where a folder was meant.
    let message = convert_to_scenario(&csv, &dir).expect_err("refused");
    fits_the_command_line(&message);
    assert!(
        message.contains("that name is a folder") && message.contains("Give --out a file name"),
        "{message}"
    );
    let under_a_file = csv.join("out.scenario.json");
    let message = convert_to_scenario(&csv, &under_a_file).expect_err("refused");
    fits_the_command_line(&message);
    assert!(message.contains("not a folder"), "{message}");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left.len(), 2, "only the two files the test wrote: {left:?}");
}
