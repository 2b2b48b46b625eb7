//! The direct rasteriser against the reference: every PNG page drawn straight into its pixmap
//! must match `resvg`'s rendering of the same page's SVG, for each model, both projections, a
//! comparison page and an engagement page; and each map of a two-panel page stays in its frame.

use bmd_atlas::analysis::EngagementDrawing;
use bmd_atlas::basemap::{Basemaps, Scale};
use bmd_atlas::export::{self, ExportOptions, PageSize, Panel, Rasteriser};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::picture::Computed;
use bmd_atlas::scenario::{self, EngagementView, Scenario, ThreatChoice};
use bmd_atlas::scene::{self, Layers, Scene};
use resvg::tiny_skia::Pixmap;

/// Page size for the comparisons: large enough for real text, small enough for a debug build.
const SIZE: [u32; 2] = [960, 540];
/// The same page at twice the pixels: the layout is scaled to the page.
const DOUBLE: [u32; 2] = [1920, 1080];

/// How far two renderings of one page are apart.
#[derive(Debug)]
struct Difference {
    /// Share of pixels whose every channel is within 8/255.
    within_8: f64,
    /// Pixels more than 64/255 apart in some channel: anti-aliasing of text and thin lines only.
    over_64: usize,
}

fn difference(a: &Pixmap, b: &Pixmap) -> Difference {
    difference_where(a, b, |_, _| true)
}

/// [`difference`] over the pixels `(x, y)` for which `counted` holds.
fn difference_where(a: &Pixmap, b: &Pixmap, counted: impl Fn(u32, u32) -> bool) -> Difference {
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let mut within = 0usize;
    let mut over_64 = 0usize;
    let mut n = 0usize;
    let width = a.width() as usize;
    for (i, (p, q)) in a.pixels().iter().zip(b.pixels()).enumerate() {
        if !counted((i % width) as u32, (i / width) as u32) {
            continue;
        }
        n += 1;
        let d = [
            p.red().abs_diff(q.red()),
            p.green().abs_diff(q.green()),
            p.blue().abs_diff(q.blue()),
            p.alpha().abs_diff(q.alpha()),
        ]
        .into_iter()
        .max()
        .unwrap_or(0);
        within += usize::from(d <= 8);
        over_64 += usize::from(d > 64);
    }
    Difference {
        within_8: within as f64 / n.max(1) as f64,
        over_64,
    }
}

fn options(s: &Scenario) -> ExportOptions {
    ExportOptions {
        page: PageSize::Pixels {
            width: SIZE[0],
            height: SIZE[1],
        },
        ..ExportOptions::for_scenario(s)
    }
}

/// The direct raster and the reference of one page, held to the stated tolerance: 99 % of
/// pixels within 8/255 per channel, and under 0.5 % of them more than 64/255 apart.
fn assert_parity(what: &str, panels: &[Panel<'_>], options: &ExportOptions) {
    assert_parity_at(what, panels, options, SIZE);
}

fn assert_parity_at(what: &str, panels: &[Panel<'_>], options: &ExportOptions, size: [u32; 2]) {
    let options = ExportOptions {
        page: PageSize::Pixels {
            width: size[0],
            height: size[1],
        },
        ..options.clone()
    };
    let direct = Rasteriser::default()
        .page(panels, &options, size)
        .expect("draws");
    let reference =
        export::rasterise_svg(&export::to_svg(panels, &options), size).expect("renders");
    let d = difference(&direct, &reference);
    if let Ok(dir) = std::env::var("BMD_ATLAS_PARITY_DIR") {
        let name = what.replace([' ', ','], "_");
        direct
            .save_png(format!("{dir}/{name}-direct.png"))
            .expect("saved");
        reference
            .save_png(format!("{dir}/{name}-reference.png"))
            .expect("saved");
        eprintln!("{what}: {d:?}");
    }
    let pixels = (size[0] * size[1]) as f64;
    assert!(
        d.within_8 >= 0.99 && (d.over_64 as f64) < 0.005 * pixels,
        "{what}: {d:?}"
    );
}

fn scene_of(s: &Scenario, projection: ProjectionKind, computed: Computed<'_>) -> Scene {
    scene::build_computed(
        s,
        (projection, Scale::Coarse110m),
        &s.presentation.layers,
        computed,
        &Basemaps::default(),
    )
}

#[test]
fn every_model_in_both_projections_matches_the_reference() {
    let base = scenario::built_in();
    for model in base.models.iter().map(|m| m.id.clone()) {
        let mut s = base.clone();
        s.model = model.clone();
        let analysis = bmd_atlas::analysis::analyze_in(&s, crate::common::memos());
        let computed = Computed {
            analysis: Some(&analysis),
            engagement: None,
            threat_at_s: None,
        };
        for projection in ProjectionKind::ALL {
            let scene = scene_of(&s, projection, computed);
            assert_parity(
                &format!("{model}, {projection:?}"),
                &[Panel::new(&scene)],
                &options(&s),
            );
        }
    }
}

#[test]
fn a_comparison_page_and_an_engagement_page_match_the_reference() {
    let mut early = scenario::built_in();
    early.year = 2011;
    let mut late = scenario::built_in();
    late.year = 2020;
    let (a, b) = (
        scene_of(&early, ProjectionKind::EuropeEqualArea, Computed::default()),
        scene_of(&late, ProjectionKind::EuropeEqualArea, Computed::default()),
    );
    let compare = [
        Panel {
            caption: "2011".into(),
            ..Panel::new(&a)
        },
        Panel {
            caption: "2020".into(),
            ..Panel::new(&b)
        },
    ];
    assert_parity("comparison", &compare, &options(&early));

    let mut s = scenario::built_in();
    s.year = 2020;
    let view = EngagementView {
        battery: "deveselu".into(),
        interceptor: "sm3-ib".into(),
        flyout_altitude_km: Some(200.0),
        threat: Some(ThreatChoice {
            launch_site: "tabriz".into(),
            target: "bucharest".into(),
            launch_delay_s: Some(150.0),
        }),
    };
    s.presentation.layers.engagement = Some(view.clone());
    let drawing = EngagementDrawing::compute(&s, &view, crate::common::memos());
    let computed = Computed {
        analysis: None,
        engagement: Some(&drawing),
        threat_at_s: None,
    };
    let scene = scene_of(&s, ProjectionKind::EuropeEqualArea, computed);
    assert_parity("engagement", &[Panel::new(&scene)], &options(&s));
    assert_parity_at(
        "engagement at twice the pixels",
        &[Panel::new(&scene)],
        &options(&s),
        DOUBLE,
    );
}

/// The page's furniture (banners, title block with date-time group and preparer, captions,
/// frames, scale bars, north arrows, legend, source line) is drawn by the rasteriser itself: held
/// to the reference on its own, outside the maps' frames, where it is nearly all there is, on a
/// landscape comparison page (legend in a band) and an upright single page (legend in a band
/// under the map), each at two sizes.
#[test]
fn the_page_furniture_matches_the_reference() {
    let mut s = scenario::built_in();
    s.year = 2020;
    let scene = scene_of(&s, ProjectionKind::EuropeEqualArea, Computed::default());
    let options = ExportOptions {
        marking: Some(export::Marking::parse("UNCLASSIFIED // FOR TRAINING")),
        preparer: Some("J. Analyst, Plans & Policy <J5>".to_owned()),
        as_of: Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_337_515_200)),
        ..options(&s)
    };
    let compare = [
        Panel {
            caption: "2020 as it happened".into(),
            ..Panel::new(&scene)
        },
        Panel {
            caption: "2020 again".into(),
            ..Panel::new(&scene)
        },
    ];
    let single = [Panel::new(&scene)];
    for (what, panels, size) in [
        ("furniture of a comparison", &compare[..], SIZE),
        (
            "furniture of a comparison at twice the pixels",
            &compare[..],
            DOUBLE,
        ),
        ("furniture of an upright page", &single[..], [540, 760]),
        (
            "furniture of an upright page at twice the pixels",
            &single[..],
            [1080, 1520],
        ),
    ] {
        let o = ExportOptions {
            page: PageSize::Pixels {
                width: size[0],
                height: size[1],
            },
            ..options.clone()
        };
        let layout = export::layout(panels, &o);
        assert!(
            layout.legend.is_some() && layout.banner_height > 0.0,
            "{what}"
        );
        assert_parity_at(what, panels, &o, size);
        let direct = Rasteriser::default().page(panels, &o, size).expect("draws");
        let reference = export::rasterise_svg(&export::to_svg(panels, &o), size).expect("renders");
        let scale = size[0] as f32 / layout.size[0];
        let outside_frames = |x: u32, y: u32| {
            let [x, y] = [x as f32 / scale, y as f32 / scale];
            layout.maps.iter().all(|f| {
                let [fx, fy] = f.origin;
                let [fw, fh] = f.view.size_px;
                x < fx - 2.0 || y < fy - 2.0 || x > fx + fw + 2.0 || y > fy + fh + 2.0
            })
        };
        let d = difference_where(&direct, &reference, outside_frames);
        if std::env::var("BMD_ATLAS_PARITY_DIR").is_ok() {
            eprintln!("{what}, outside the frames: {d:?}");
        }
        let counted = (0..size[1])
            .flat_map(|y| (0..size[0]).map(move |x| (x, y)))
            .filter(|&(x, y)| outside_frames(x, y))
            .count();
        assert!(
            d.within_8 >= 0.99 && (d.over_64 as f64) < 0.005 * counted as f64,
            "{what}, outside the frames: {d:?}"
        );
    }
}

/// On a two-panel page the left map's pixels do not depend on the right map: zoomed in so far
/// that one segment of a ring spans hundreds of pixels, the right map's lines run far past its
/// frame, and must not paint into the left one (in both back ends).
#[test]
fn each_map_of_a_two_panel_page_stays_in_its_frame() {
    let s = scenario::built_in();
    let mut empty = s.clone();
    empty.sites.clear();
    empty.cities.clear();
    let layers = Layers {
        basemap: false,
        ..Layers::default()
    };
    let build = |s: &Scenario| {
        scene::build(
            s,
            ProjectionKind::EuropeEqualArea,
            Scale::Coarse110m,
            &layers,
            None,
        )
    };
    let (full, blank) = (build(&s), build(&empty));
    let fitted = scene::MapView::fit(ProjectionKind::EuropeEqualArea, [400.0, 400.0]);
    let view = Some(scene::MapView {
        metres_per_pixel: 800.0,
        ..fitted
    });
    let pages = |right: &Scene| {
        let panels = [
            Panel {
                view,
                ..Panel::new(&blank)
            },
            Panel {
                view,
                ..Panel::new(right)
            },
        ];
        // Legend and source line follow the scenes; without them both pages have one layout.
        let o = ExportOptions {
            legend: false,
            source_line: false,
            ..options(&s)
        };
        let direct = Rasteriser::default()
            .page(&panels, &o, SIZE)
            .expect("draws");
        let reference = export::rasterise_svg(&export::to_svg(&panels, &o), SIZE).expect("renders");
        (direct, reference, export::layout(&panels, &o))
    };
    let (direct, reference, layout) = pages(&full);
    let (direct_blank, reference_blank, _) = pages(&blank);
    // The right map does draw: its frame differs between the two pages.
    let scale = SIZE[0] as f32 / layout.size[0];
    let frame_px = |i: usize| {
        let f = &layout.maps[i];
        let x = (f.origin[0] * scale).ceil() as u32 + 2
            ..((f.origin[0] + f.view.size_px[0]) * scale) as u32 - 2;
        let y = (f.origin[1] * scale).ceil() as u32 + 2
            ..((f.origin[1] + f.view.size_px[1]) * scale) as u32 - 2;
        (x, y)
    };
    let differing = |a: &Pixmap, b: &Pixmap, i: usize| {
        let (xs, ys) = frame_px(i);
        ys.flat_map(|y| xs.clone().map(move |x| (x, y)))
            .filter(|&(x, y)| a.pixel(x, y) != b.pixel(x, y))
            .count()
    };
    for (name, with, without) in [
        ("direct", &direct, &direct_blank),
        ("reference", &reference, &reference_blank),
    ] {
        assert!(
            differing(with, without, 1) > 1000,
            "{name}: the right map draws"
        );
        assert_eq!(
            differing(with, without, 0),
            0,
            "{name}: the right map paints into the left"
        );
    }
}

/// At 4K the 1:10m coastlines and borders are more than a pixel wide, so their outlines and the
/// land are filled by accumulated area (`render::raster::coverage`), not tiny-skia's scanlines:
/// the page still matches the reference.
#[test]
fn the_finest_basemap_at_4k_matches_the_reference() {
    let s = scenario::built_in();
    let scene = scene::build(
        &s,
        ProjectionKind::EuropeEqualArea,
        Scale::Fine10m,
        &s.presentation.layers,
        None,
    );
    assert_parity_at(
        "1:10m at 4K",
        &[Panel::new(&scene)],
        &options(&s),
        [3840, 2160],
    );
}
