//! Every export carries its scenario: `bmd-atlas export` embeds it, `validate` and `convert`
//! read it back, and the window opens a page as the document that made it.

use std::path::{Path, PathBuf};

use bmd_atlas::app::AppState;
use bmd_atlas::cli::{self, WindowArgs};
use bmd_atlas::cli::{convert, validate};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario;

const BUILT_IN: &str = crate::common::BUILT_IN_FILE;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-pages-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `bmd-atlas export BUILT_IN --out OUT --size 640x360 --model coordinated --year 2016 …`.
fn export_page(out: &Path, extra: &[&str]) {
    let out = out.to_string_lossy().into_owned();
    let mut argv = vec![
        "export",
        BUILT_IN,
        "--out",
        &out,
        "--size",
        "640x360",
        "--model",
        "coordinated",
        "--year",
        "2016",
        "--projection",
        "arctic",
        "--marking",
        "UNCLASSIFIED",
    ];
    argv.extend_from_slice(extra);
    let args = cli::export::parse_args(argv).expect("valid arguments");
    cli::export::run(&args).expect("exports");
}

fn validate(file: &Path) -> Result<String, String> {
    validate::validate(&validate::ValidateArgs {
        file: file.to_path_buf(),
    })
}

#[test]
fn validate_and_convert_read_the_scenario_back_from_each_format() {
    let dir = temp_dir("cli");
    let original = scenario::built_in();
    for ext in ["png", "svg", "pdf"] {
        let page = dir.join(format!("brief.{ext}"));
        export_page(&page, &[]);
        let summary = validate(&page).unwrap_or_else(|e| panic!("{ext}: {e}"));
        assert!(summary.contains("carries a valid scenario"), "{summary}");
        assert!(summary.contains("model coordinated, 2016"), "{summary}");
        assert!(summary.contains("SHA-256"), "{summary}");

        let out = dir.join(format!("from-{ext}.scenario.json"));
        let convert = convert::parse_convert_args([
            "convert",
            &page.to_string_lossy(),
            "--to",
            "scenario",
            "--out",
            &out.to_string_lossy(),
        ])
        .expect("valid arguments");
        convert::run(&convert).unwrap_or_else(|e| panic!("{ext}: {e}"));
        let back = scenario::load_file(&out).expect("the extracted scenario loads");
        assert_eq!(back.sites, original.sites, "{ext}");
        assert_eq!(back.models, original.models, "{ext}");
        assert_eq!((back.model.as_str(), back.year), ("coordinated", 2016));
        assert_eq!(
            back.presentation.view.projection,
            ProjectionKind::ArcticPolar
        );
        assert_eq!(back.presentation.classification, "UNCLASSIFIED");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_page_exported_without_its_scenario_says_so() {
    let dir = temp_dir("no-embed");
    let page = dir.join("public.png");
    export_page(&page, &["--no-embed"]);
    let err = validate(&page).expect_err("no scenario in it");
    assert!(err.contains("no BMD Atlas scenario"), "{err}");
    assert!(err.contains("public.png"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_window_opens_a_page_as_a_new_unsaved_document() {
    let dir = temp_dir("window");
    let page = dir.join("brief.png");
    export_page(&page, &[]);
    let bytes_before = std::fs::read(&page).expect("written");

    let args: WindowArgs = cli::parse_args(["bmd-atlas", &page.to_string_lossy()]).expect("parses");
    let state = args.state().expect("opens");
    assert_eq!(state.error, None);
    let s = &state.doc.scenario;
    assert_eq!((s.model.as_str(), s.year), ("coordinated", 2016));
    assert_eq!(state.map.view.projection, ProjectionKind::ArcticPolar);
    assert_eq!(state.doc.file, None, "saving must not write over the page");
    assert!(state.is_dirty(), "not on disk as a scenario yet");
    assert!(
        state.title().contains("from brief.png"),
        "{}",
        state.title()
    );
    assert_eq!(std::fs::read(&page).expect("still there"), bytes_before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_page_is_an_error_and_the_document_stays() {
    let dir = temp_dir("damaged");
    let page = dir.join("brief.svg");
    export_page(&page, &[]);
    let text = std::fs::read_to_string(&page).expect("written");
    // Edit the embedded data: one base64 character changed.
    let at = text.find("<bmd:provenance").expect("embedded");
    let body = text[at..].find('>').map(|i| at + i + 10).expect("its text");
    let mut damaged = text.clone().into_bytes();
    damaged[body] = if damaged[body] == b'A' { b'B' } else { b'A' };
    std::fs::write(&page, &damaged).expect("written");

    let mut state = AppState::built_in();
    let before = state.doc.scenario.clone();
    state.open(page.clone());
    let error = state.error.clone().expect("an error is shown");
    assert!(error.contains("brief.svg"), "{error}");
    assert_eq!(state.doc.scenario, before, "nothing half-loaded");
    let _ = std::fs::remove_dir_all(&dir);
}
