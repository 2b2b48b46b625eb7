//! Writes sample briefing pages for a person to look at: PNG, SVG and PDF pages of the built-in
//! scenario (one map, two years side by side, A4 portrait), a 3840×2160 page through the command
//! line, and the small three-site scenario of the export tests.
//!
//! ```text
//! cargo run --release --example export-samples [DIR]
//! ```
//!
//! The pages go to `DIR`, else to `$BMD_EXPORT_SAMPLES`, else to `/tmp/bmd-export-samples`.

use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use bmd_atlas::basemap::Scale;
use bmd_atlas::export::{self, ExportOptions, Marking, Orientation, PageSize, Panel, Paper};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario::{self, Scenario};
use bmd_atlas::scene::{self, Layers, Scene};

/// The three-site scenario of `tests/export.rs`.
const SMALL: &str = include_str!("../tests/fixtures/export/three-sites.scenario.json");

/// The options of the export tests: a fixed date-time group and a preparer.
fn options(s: &Scenario, width: u32, height: u32) -> ExportOptions {
    ExportOptions {
        page: PageSize::Pixels { width, height },
        // 28 November 2026, 14:30:59 UTC.
        as_of: Some(UNIX_EPOCH + Duration::from_secs(1_795_876_259)),
        preparer: Some("J. Analyst".to_owned()),
        ..ExportOptions::for_scenario(s)
    }
}

fn europe(s: &Scenario, scale: Scale, layers: &Layers) -> Scene {
    scene::build(s, ProjectionKind::EuropeEqualArea, scale, layers, None)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("BMD_EXPORT_SAMPLES").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("/tmp/bmd-export-samples"));
    std::fs::create_dir_all(&dir)?;
    let write = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        std::fs::write(dir.join(name), bytes)?;
        println!("{}", dir.join(name).display());
        Ok(())
    };

    let s = scenario::built_in();
    let scene = europe(&s, Scale::Medium50m, &Layers::default());
    let later = Scenario {
        year: 2024,
        ..s.clone()
    };
    let scene_later = europe(&later, Scale::Medium50m, &Layers::default());
    let one = [Panel::new(&scene)];
    let two = [
        Panel {
            caption: "2012".into(),
            ..Panel::new(&scene)
        },
        Panel {
            caption: "2024".into(),
            ..Panel::new(&scene_later)
        },
    ];
    let opts = ExportOptions {
        marking: Some(Marking::parse("UNCLASSIFIED")),
        ..options(&s, 1920, 1080)
    };
    write("page.png", &export::to_png(&one, &opts)?)?;
    write("page.svg", export::to_svg(&one, &opts).as_bytes())?;
    // Twice, to compare: the PDF is meant to be the same bytes every time.
    write("page-a.pdf", &export::to_pdf(&one, &opts)?)?;
    write("page-b.pdf", &export::to_pdf(&one, &opts)?)?;
    let compare = ExportOptions {
        subtitle: "2012 and 2024 · as it happened".into(),
        ..opts.clone()
    };
    write("compare.png", &export::to_png(&two, &compare)?)?;
    let a4 = ExportOptions {
        page: PageSize::Paper {
            paper: Paper::A4,
            orientation: Orientation::Portrait,
            dpi: 150.0,
        },
        ..opts.clone()
    };
    write("a4-portrait.png", &export::to_png(&one, &a4)?)?;

    println!("{}", command_line_page(&dir)?);

    let small = scenario::load_from_str(SMALL, "three-sites.scenario.json")?;
    let layers = Layers {
        basemap: false,
        graticule: false,
        ..Layers::default()
    };
    let small_scene = europe(&small, Scale::Coarse110m, &layers);
    write(
        "small.png",
        &export::to_png(&[Panel::new(&small_scene)], &options(&small, 960, 540))?,
    )?;
    Ok(())
}

/// A 3840×2160 page of the example scenario file, through the command line as a user would ask
/// for it; what the command line says it wrote.
fn command_line_page(dir: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/scenarios/europe-2012.scenario.json"
    );
    let uhd = dir.join("brief-3840x2160.png");
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        file,
        "--out",
        uhd.to_str().ok_or("the folder's name is not UTF-8")?,
        "--size",
        "3840x2160",
        "--marking",
        "secret//rel to nato",
    ])?;
    Ok(bmd_atlas::cli::export::run(&args)?)
}
