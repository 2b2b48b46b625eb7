//! Briefing export of the full built-in scenario at the finest basemap detail: a 3840×2160 PNG,
//! and the same page as SVG and PDF; also an A3 page at 300 dpi (the memory budget's case) and a
//! 1920×1080 slide at the detail the command line picks for it; and the 17-frame animation of
//! the years as a GIF.
//!
//! Peak memory of the whole run is printed at the end (Linux: VmHWM).

use std::time::{Duration, UNIX_EPOCH};

use criterion::{Criterion, criterion_group, criterion_main};

use bmd_atlas::basemap::{Basemaps, Scale};
use bmd_atlas::export::{self, ExportOptions, Marking, Orientation, PageSize, Panel, Paper};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::picture::Computed;
use bmd_atlas::scenario;
use bmd_atlas::scene::{self, Layers};

fn options(page: PageSize, scenario: &scenario::Scenario) -> ExportOptions {
    ExportOptions {
        page,
        marking: Some(Marking::parse("UNCLASSIFIED")),
        as_of: Some(UNIX_EPOCH + Duration::from_secs(1_795_876_259)),
        preparer: Some("J. Analyst".to_owned()),
        ..ExportOptions::for_scenario(scenario)
    }
}

fn export_4k(c: &mut Criterion) {
    let scenario = scenario::built_in();
    let projection = ProjectionKind::EuropeEqualArea;
    // Built outside the timings: the basemap is projected once, kept by `basemaps`.
    let basemaps = Basemaps::default();
    let scene = scene::build_computed(
        &scenario,
        (projection, Scale::Fine10m),
        &Layers::default(),
        Computed::default(),
        &basemaps,
    );
    let panels = [Panel::new(&scene)];
    let uhd = options(
        PageSize::Pixels {
            width: 3840,
            height: 2160,
        },
        &scenario,
    );
    // Warm the land-outline cache, as the first export of a session does.
    let svg = export::to_svg(&panels, &uhd);
    eprintln!("3840x2160 page: SVG {} kB", svg.len() / 1024);

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("svg_3840x2160_fine10m", |b| {
        b.iter(|| export::to_svg(&panels, &uhd))
    });
    group.bench_function("png_3840x2160_fine10m", |b| {
        b.iter(|| export::to_png(&panels, &uhd).expect("renders"))
    });
    group.bench_function("pdf_3840x2160_fine10m", |b| {
        b.iter(|| export::to_pdf(&panels, &uhd).expect("converts"))
    });
    let a3 = options(
        PageSize::Paper {
            paper: Paper::A3,
            orientation: Orientation::Landscape,
            dpi: 300.0,
        },
        &scenario,
    );
    group.bench_function("png_a3_300dpi_fine10m", |b| {
        b.iter(|| export::to_png(&panels, &a3).expect("renders"))
    });
    // A slide at 1920×1080 gets the 1:50m basemap (`export::auto_detail`), as on the command line.
    let medium = scene::build_computed(
        &scenario,
        (projection, Scale::Medium50m),
        &Layers::default(),
        Computed::default(),
        &basemaps,
    );
    let slide = [Panel::new(&medium)];
    let hd = options(
        PageSize::Pixels {
            width: 1920,
            height: 1080,
        },
        &scenario,
    );
    group.bench_function("png_1920x1080_medium50m", |b| {
        b.iter(|| export::to_png(&slide, &hd).expect("renders"))
    });
    group.finish();
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        let peak = line.trim_start_matches("VmHWM:").trim();
        eprintln!("peak memory of the benchmark process: {peak}");
    }
}

/// The 17-frame animation of the years 2009–2025 at 1920×1080 as a GIF, as the command line
/// writes it: the file read, every frame drawn and encoded, the file written (issue #13's
/// case; its target is under 5 s and 300 MB for the whole process).
fn animation_years(c: &mut Criterion) {
    let out = std::env::temp_dir().join(format!("bmd-atlas-bench-{}.gif", std::process::id()));
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/scenarios/europe-2012.scenario.json"
    );
    let args = bmd_atlas::cli::export::parse_args([
        "export",
        file,
        "--animate",
        "years",
        "--as-of",
        "2026-12-07T00:00Z",
        "--out",
        out.to_str().unwrap_or_default(),
    ])
    .expect("valid arguments");
    let mut group = c.benchmark_group("animation");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("gif_17_years_1920x1080", |b| {
        b.iter(|| bmd_atlas::cli::export::run(&args).expect("writes"))
    });
    group.finish();
    if let Ok(meta) = std::fs::metadata(&out) {
        eprintln!("the animation is {} bytes", meta.len());
    }
    if let Err(e) = std::fs::remove_file(&out) {
        eprintln!("{}: not removed: {e}", out.display());
    }
}

criterion_group!(benches, export_4k, animation_years);
criterion_main!(benches);
