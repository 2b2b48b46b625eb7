//! Briefing export, end to end, with no GPU and no display: the SVG page against a golden file,
//! the PNG's size, colours and determinism, the PDF's page size and text, the window's objects on
//! the page, and the command line.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use resvg::tiny_skia::Pixmap;

use bmd_atlas::basemap::Scale;
use bmd_atlas::export::{self, ExportOptions, Marking, Orientation, PageSize, Panel, Paper};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario::{self, Scenario};
use bmd_atlas::scene::{self, Layers, MapView, Scene, place_labels, style};

use crate::common;

/// Three sites: an operational interceptor site with its ring, a radar with its fan, and a
/// planned (hollow) ICBM base.
const SMALL: &str = include_str!("fixtures/export/three-sites.scenario.json");

/// 28 November 2026, 14:30:59 UTC.
fn as_of() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_876_259)
}

fn small() -> Scenario {
    scenario::load_from_str(SMALL, "small.scenario.json").expect("the test scenario is valid")
}

/// The small scenario without basemap or graticule, so the golden file is small and stable.
fn small_scene(s: &Scenario) -> Scene {
    let layers = Layers {
        basemap: false,
        graticule: false,
        ..Layers::default()
    };
    scene::build(
        s,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &layers,
        None,
    )
}

fn options(s: &Scenario, page: PageSize) -> ExportOptions {
    ExportOptions {
        page,
        as_of: Some(as_of()),
        preparer: Some("J. Analyst".to_owned()),
        ..ExportOptions::for_scenario(s)
    }
}

fn pixels(width: u32, height: u32) -> PageSize {
    PageSize::Pixels { width, height }
}

fn decode(png: &[u8]) -> Pixmap {
    Pixmap::decode_png(png).expect("the export is a valid PNG")
}

fn rgb_at(p: &Pixmap, x: u32, y: u32) -> [u8; 3] {
    let c = p.pixel(x, y).expect("inside the image").demultiply();
    [c.red(), c.green(), c.blue()]
}

fn close(a: [u8; 3], b: [u8; 4], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

#[test]
fn svg_page_matches_the_golden_file() {
    let s = small();
    let scene = small_scene(&s);
    let opts = ExportOptions {
        marking: Some(Marking::parse("UNCLASSIFIED//FOR TRAINING")),
        ..options(&s, pixels(960, 540))
    };
    let svg = export::to_svg(&[Panel::new(&scene)], &opts);
    insta::assert_snapshot!("small_scenario_page_960x540", svg);
}

#[test]
fn png_has_exactly_the_requested_size() {
    let s = small();
    let scene = small_scene(&s);
    for (w, h) in [(1001, 707), (640, 360)] {
        let png =
            export::to_png(&[Panel::new(&scene)], &options(&s, pixels(w, h))).expect("renders");
        let p = decode(&png);
        assert_eq!((p.width(), p.height()), (w, h));
    }
}

#[test]
fn a_sites_symbol_colour_is_at_its_projected_pixel() {
    let s = small();
    let scene = small_scene(&s);
    let opts = options(&s, pixels(3840, 2160));
    let panels = [Panel::new(&scene)];
    let png = export::to_png(&panels, &opts).expect("renders");
    let image = decode(&png);
    let layout = export::layout(&panels, &opts);
    let k = layout.pixels_per_point;
    for name in ["Deveselu", "Kürecik"] {
        let symbol = scene
            .symbols
            .iter()
            .find(|x| x.name == name)
            .expect("the site is drawn");
        let fill = symbol.fill.expect("operational sites are filled");
        assert_eq!(fill, style::side_colour(bmd_atlas::scenario::Side::UsNato));
        let [x, y] = layout.maps[0].to_page(symbol.at);
        let px = [(x * k) as u32, (y * k) as u32];
        let got = rgb_at(&image, px[0], px[1]);
        assert!(
            close(got, fill.0, 3),
            "{name} at {px:?}: {got:?}, want {}",
            fill.hex()
        );
    }
    // And the page around the map is white, the sea is the sea colour.
    assert_eq!(rgb_at(&image, 2, image.height() / 2), [255, 255, 255]);
    let frame = &layout.maps[0];
    let sea = [(frame.origin[0] + 30.0) * k, (frame.origin[1] + 30.0) * k];
    assert!(close(
        rgb_at(&image, sea[0] as u32, sea[1] as u32),
        style::SEA.0,
        2
    ));
}

#[test]
fn the_banner_colour_is_in_the_top_and_bottom_rows_only_with_a_marking() {
    let s = small();
    let scene = small_scene(&s);
    let panels = [Panel::new(&scene)];
    let (w, h) = (800, 450);
    let red = Marking::parse("SECRET").background;
    assert_eq!(red.hex(), "#c8102e");

    let marked = ExportOptions {
        marking: Some(Marking::parse("SECRET")),
        ..options(&s, pixels(w, h))
    };
    let image = decode(&export::to_png(&panels, &marked).expect("renders"));
    for y in [0, 1, h - 2, h - 1] {
        for x in (0..w).step_by(7) {
            assert!(close(rgb_at(&image, x, y), red.0, 1), "row {y}, column {x}");
        }
    }

    // Never applied on its own.
    let unmarked = options(&s, pixels(w, h));
    assert!(unmarked.marking.is_none());
    let image = decode(&export::to_png(&panels, &unmarked).expect("renders"));
    for y in [0, 1, h - 2, h - 1] {
        for x in 0..w {
            assert!(
                !close(rgb_at(&image, x, y), red.0, 40),
                "banner colour at row {y}, column {x}"
            );
        }
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    let s = scenario::built_in();
    let scene = common::europe_scene(&s);
    let panels = [Panel::new(&scene)];
    let opts = ExportOptions {
        marking: Some(Marking::parse("NATO UNCLASSIFIED")),
        ..options(&s, pixels(1280, 720))
    };
    assert_eq!(
        export::to_svg(&panels, &opts),
        export::to_svg(&panels, &opts)
    );
    let a = export::to_png(&panels, &opts).expect("renders");
    let b = export::to_png(&panels, &opts).expect("renders");
    assert!(a == b, "PNG bytes differ between runs");
    let a = export::to_pdf(&panels, &opts).expect("converts");
    let b = export::to_pdf(&panels, &opts).expect("converts");
    assert!(a == b, "PDF bytes differ between runs");
}

#[test]
fn pdf_is_one_a4_landscape_page_with_the_title_as_text() {
    let s = small();
    let scene = small_scene(&s);
    let page = PageSize::Paper {
        paper: Paper::A4,
        orientation: Orientation::Landscape,
        dpi: 300.0,
    };
    let opts = ExportOptions {
        title: "Aegis Ashore coverage brief".to_owned(),
        ..options(&s, page)
    };
    let pdf = export::to_pdf(&[Panel::new(&scene)], &opts).expect("converts");

    let doc = lopdf::Document::load_mem(&pdf).expect("a valid PDF");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page_id = *pages.values().next().expect("one page");
    let media_box = doc
        .get_dictionary(page_id)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(|o| o.as_array())
        .expect("the page has a MediaBox");
    let numbers: Vec<f32> = media_box
        .iter()
        .map(|o| {
            o.as_float()
                .or_else(|_| o.as_i64().map(|i| i as f32))
                .expect("a number")
        })
        .collect();
    assert_eq!(numbers.len(), 4);
    let (w, h) = (numbers[2] - numbers[0], numbers[3] - numbers[1]);
    assert!(
        (w - 842.0).abs() < 1.0 && (h - 595.0).abs() < 1.0,
        "page {w}×{h} pt"
    );

    // pdf-extract spaces out glyphs that svg2pdf places one by one (poppler's pdftotext finds the
    // words); compare without white space.
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("text can be extracted");
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squeezed.contains("AegisAshorecoveragebrief"),
        "extracted: {text}"
    );
    assert!(squeezed.contains("281430ZNOV26"), "extracted: {text}");
}

/// The window's rule for drawing a symbol: its centre within a radius of the picture.
fn drawn_by_the_window(scene: &Scene, view: &MapView) -> usize {
    let [w, h] = view.size_px;
    scene
        .symbols
        .iter()
        .filter(|s| {
            let p = view.to_screen(s.at);
            let r = s.radius_px;
            p[0] >= -r && p[1] >= -r && p[0] <= w + r && p[1] <= h + r
        })
        .count()
}

fn attribute_values(svg: &str, element_class: &str) -> Vec<String> {
    // `<text class="label" x=".." y=".." font-size="..">TEXT</text>`: the texts of one class.
    let marker = format!("class=\"{element_class}\"");
    svg.lines()
        .filter(|l| l.contains(&marker))
        .filter_map(|l| {
            let start = l.find('>')? + 1;
            let end = l[start..].find('<')? + start;
            Some(l[start..end].to_owned())
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_export_draws_the_objects_the_window_draws() {
    let s = scenario::built_in();
    let scene = common::europe_scene(&s);
    for page in [pixels(1920, 1080), pixels(1000, 1400)] {
        let opts = options(&s, page);
        let panels = [Panel::new(&scene)];
        let svg = export::to_svg(&panels, &opts);
        let view = export::layout(&panels, &opts).maps[0].view;

        let drawn = drawn_by_the_window(&scene, &view);
        assert!(
            drawn > 20,
            "most of the built-in scenario is on the page: {drawn}"
        );
        assert_eq!(svg.matches("class=\"symbol\"").count(), drawn);

        let labels: Vec<String> = place_labels(&scene, &view)
            .into_iter()
            .map(|l| l.text)
            .collect();
        let written: Vec<String> = attribute_values(&svg, "label")
            .iter()
            .map(|t| unescape(t))
            .collect();
        assert_eq!(written, labels);

        // Exactly the legend of the scene, in its order.
        let legend: Vec<String> = attribute_values(&svg, "legend-entry")
            .iter()
            .map(|t| unescape(t))
            .collect();
        let want: Vec<String> = scene.legend.iter().map(|e| e.text.clone()).collect();
        let joined = legend.join(" ");
        for entry in &want {
            let start = entry.split_whitespace().next().unwrap_or_default();
            assert!(joined.contains(start), "legend lacks {entry:?}: {legend:?}");
        }
        assert_eq!(svg.matches("class=\"swatch\"").count(), want.len());
    }
}

#[test]
fn furniture_switches_off_and_the_page_keeps_its_map() {
    let s = small();
    let scene = small_scene(&s);
    let panels = [Panel::new(&scene)];
    let full = export::to_svg(&panels, &options(&s, pixels(1280, 720)));
    for part in [
        "class=\"legend\"",
        "class=\"scale-bar\"",
        "class=\"north-arrow\"",
        "class=\"source-line\"",
        "As of 281430Z NOV 26",
        "Prepared by J. Analyst",
    ] {
        assert!(full.contains(part), "{part} missing");
    }
    assert!(
        full.contains("Sources: Natural Earth; Test source A"),
        "most-cited source first"
    );
    assert!(full.contains("Ranges approximate. Projection: Europe (equal-area)."));

    let bare = ExportOptions {
        legend: false,
        scale_bar: false,
        north_arrow: false,
        source_line: false,
        as_of: None,
        preparer: None,
        ..options(&s, pixels(1280, 720))
    };
    let svg = export::to_svg(&panels, &bare);
    for part in [
        "class=\"legend\"",
        "class=\"scale-bar\"",
        "class=\"north-arrow\"",
        "class=\"source-line\"",
        "As of",
        "Prepared by",
    ] {
        assert!(!svg.contains(part), "{part} should be off");
    }
    assert_eq!(svg.matches("class=\"symbol\"").count(), 3);
    // Without the legend column the map frame is wider.
    let with = export::layout(&panels, &options(&s, pixels(1280, 720))).maps[0]
        .view
        .size_px;
    let without = export::layout(&panels, &bare).maps[0].view.size_px;
    assert!(without[0] > with[0] && without[1] > with[1]);
}

#[test]
fn comparison_page_has_two_maps_and_one_legend() {
    let s = scenario::built_in();
    let later = Scenario {
        year: 2024,
        ..s.clone()
    };
    let layers = Layers::default();
    let a = scene::build(
        &s,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &layers,
        None,
    );
    let b = scene::build(
        &later,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &layers,
        None,
    );
    let panels = [
        Panel {
            caption: "2012".to_owned(),
            ..Panel::new(&a)
        },
        Panel {
            caption: "2024".to_owned(),
            ..Panel::new(&b)
        },
    ];
    let opts = options(&s, pixels(1920, 1080));
    let svg = export::to_svg(&panels, &opts);
    assert_eq!(svg.matches("class=\"panel\"").count(), 2);
    assert_eq!(svg.matches("class=\"legend\"").count(), 1);
    assert_eq!(attribute_values(&svg, "caption"), ["2012", "2024"]);
    let layout = export::layout(&panels, &opts);
    let drawn: usize = panels
        .iter()
        .zip(&layout.maps)
        .map(|(p, f)| drawn_by_the_window(p.scene, &f.view))
        .sum();
    assert_eq!(svg.matches("class=\"symbol\"").count(), drawn);
    // One legend: every entry of either year, each once.
    let mut union: Vec<&str> = Vec::new();
    for e in a.legend.iter().chain(&b.legend) {
        if !union.contains(&e.text.as_str()) {
            union.push(&e.text);
        }
    }
    assert_eq!(svg.matches("class=\"swatch\"").count(), union.len());
    let png = export::to_png(&panels, &opts).expect("renders");
    assert_eq!(decode(&png).width(), 1920);
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-export-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn the_command_line_writes_a_png_of_the_requested_size() {
    let dir = temp_dir("cli");
    let out = dir.join("brief.png");
    let file = crate::common::BUILT_IN_FILE;
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        file,
        "--out",
        out.to_str().expect("utf-8 temp path"),
        "--size",
        "1280x720",
        "--marking",
        "unclassified",
        "--as-of",
        "2026-11-28T14:30Z",
        "--preparer",
        "J. Analyst",
        "--detail",
        "coarse",
    ])
    .expect("valid arguments");
    let summary = bmd_atlas::cli::export::run(&args).expect("exports");
    assert!(
        summary.starts_with(&format!("wrote {}", out.display())),
        "{summary}"
    );
    assert!(summary.contains("1280×720"), "{summary}");
    let image = decode(&std::fs::read(&out).expect("written"));
    assert_eq!((image.width(), image.height()), (1280, 720));
    let green = Marking::parse("UNCLASSIFIED").background;
    assert!(close(rgb_at(&image, 5, 0), green.0, 1));
    assert!(
        !dir.join(".brief.png.partial").exists(),
        "no temporary file is left"
    );

    // The comparison page and the SVG format from the extension.
    let svg_out = dir.join("compare.svg");
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        file,
        "--out",
        svg_out.to_str().expect("utf-8 temp path"),
        "--compare-year",
        "2024",
        "--no-date",
        "--detail",
        "coarse",
    ])
    .expect("valid arguments");
    bmd_atlas::cli::export::run(&args).expect("exports");
    let svg = std::fs::read_to_string(&svg_out).expect("written");
    assert!(
        svg.contains(">2012 and 2024 · as it happened · "),
        "subtitle names years, timeline and model"
    );
    assert_eq!(svg.matches("class=\"panel\"").count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn command_line_errors_name_the_file_and_say_what_to_do() {
    let dir = temp_dir("cli-errors");
    let file = crate::common::BUILT_IN_FILE;
    let missing_folder = dir.join("no-such-folder").join("brief.png");
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        file,
        "--out",
        missing_folder.to_str().expect("utf-8 temp path"),
        "--size",
        "64x36",
        "--detail",
        "coarse",
    ])
    .expect("valid arguments");
    let err = bmd_atlas::cli::export::run(&args).expect_err("the folder does not exist");
    assert!(err.contains(&missing_folder.display().to_string()), "{err}");
    assert!(
        err.contains("failed: not found") && err.contains("Create the folder first"),
        "{err}"
    );

    let broken = dir.join("broken.scenario.json");
    std::fs::write(&broken, "{ \"format_version\": 1, ").expect("write");
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        broken.to_str().expect("utf-8"),
        "--out",
        dir.join("x.png").to_str().expect("utf-8"),
    ])
    .expect("valid arguments");
    let err = bmd_atlas::cli::export::run(&args).expect_err("broken scenario");
    assert!(
        err.contains("broken.scenario.json") && err.contains("bmd-atlas validate"),
        "{err}"
    );
    assert!(!dir.join("x.png").exists());

    let err = bmd_atlas::cli::export::run(&bmd_atlas::cli::export::ExportArgs {
        marking: Some("SECRET".to_owned()),
        marking_colour: Some("crimson".to_owned()),
        ..args
    })
    .expect_err("bad colour");
    assert!(err.contains("#rrggbb"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_command_line_compares_two_cooperation_models() {
    let dir = temp_dir("cli-models");
    let out = dir.join("models.svg");
    let file = crate::common::BUILT_IN_FILE;
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        file,
        "--out",
        out.to_str().expect("utf-8 temp path"),
        "--model",
        "independent",
        "--compare",
        "unified",
        "--year",
        "2016",
        "--detail",
        "coarse",
    ])
    .expect("valid arguments");
    bmd_atlas::cli::export::run(&args).expect("exports");
    let svg = std::fs::read_to_string(&out).expect("written");
    assert_eq!(svg.matches("class=\"panel\"").count(), 2);
    assert!(svg.contains("2016 · Independent systems (no cooperation)"));
    assert!(svg.contains("2016 · One unified, sectoral system (Russian proposal)"));
    // Only the unified panel has sectors.
    assert_eq!(svg.matches("Russian sector (Russia intercepts)").count(), 1);

    let wrong =
        bmd_atlas::cli::export::parse_args(["export", file, "--out", "x.svg", "--model", "nope"])
            .expect("parses");
    let err = bmd_atlas::cli::export::run(&wrong).expect_err("unknown model");
    assert!(err.contains("--model") && err.contains("nope"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_source_line_states_the_assumptions_when_an_analysis_layer_is_drawn() {
    let s = scenario::built_in();
    let plain = scene::build(
        &s,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &scene::Layers::default(),
        None,
    );
    assert!(plain.assumptions.is_none());
    let options = ExportOptions::default();
    assert!(!export::to_svg(&[Panel::new(&plain)], &options).contains("decision delay"));

    let result = crate::common::analyze(&s);
    let footprint = scene::Layers {
        footprint: true,
        ..scene::Layers::default()
    };
    let with_footprint = scene::build(
        &s,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &footprint,
        Some(&result),
    );
    assert!(with_footprint.assumptions.is_some());
    let svg = export::to_svg(&[Panel::new(&with_footprint)], &options);
    assert!(
        svg.contains("decision delay 60 s"),
        "the source line names the assumptions"
    );
}

/// `export FILE` draws the layers saved in the file (what the window showed when it was saved),
/// and its flags change them: a scenario saved with the footprint on and the labels off exports
/// so, `--no-labels` turns labels off in a file that has them.
#[test]
fn an_export_draws_the_layers_saved_in_the_file() {
    let dir = std::env::temp_dir().join(format!("bmd-export-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut s = bmd_atlas::scenario::built_in();
    s.presentation.layers.footprint = true;
    s.presentation.layers.labels = false;
    let file = dir.join("saved.scenario.json");
    bmd_atlas::scenario::save_file(&s, &file).unwrap_or_else(|e| panic!("{e}"));
    let export = |file: &std::path::Path, out: &str, extra: &[&str]| {
        let out = dir.join(out);
        let mut args = vec![
            "export",
            file.to_str().unwrap_or_default(),
            "--out",
            out.to_str().unwrap_or_default(),
            "--detail",
            "coarse",
        ];
        args.extend_from_slice(extra);
        let args = bmd_atlas::cli::export::parse_args(args).unwrap_or_else(|e| panic!("{e}"));
        bmd_atlas::cli::export::run(&args).unwrap_or_else(|e| panic!("{e}"));
        std::fs::read_to_string(out).unwrap_or_else(|e| panic!("{e}"))
    };
    let saved = export(&file, "saved.svg", &[]);
    assert!(
        saved.contains("data-id=\"footprint:"),
        "the saved footprint is drawn"
    );
    assert!(
        !saved.contains("class=\"label\""),
        "the saved labels-off is kept"
    );
    let built_in = std::path::Path::new(crate::common::BUILT_IN_FILE);
    let plain = export(built_in, "plain.svg", &[]);
    assert!(!plain.contains("data-id=\"footprint:"));
    assert!(plain.contains("class=\"label\""));
    let no_labels = export(built_in, "no-labels.svg", &["--no-labels"]);
    assert!(!no_labels.contains("class=\"label\""));
    std::fs::remove_dir_all(&dir).ok();
}
