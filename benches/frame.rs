//! One frame of the full Europe view at 1920×1080 with every layer on: scene build, shapes, and
//! egui's tessellation (the CPU side of painting). Also the app's first frame.

use criterion::{Criterion, criterion_group, criterion_main};

// The allocator the app uses (src/main.rs), so the frame is measured as it runs.
#[cfg(not(target_os = "macos"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::basemap::Basemaps;
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::picture::Computed;
use bmd_atlas::render::egui_painter;
use bmd_atlas::scenario;
use bmd_atlas::scene::{self, Layers, MapView, SceneBuilder};

fn input(size: egui::Vec2) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    }
}

fn frame(c: &mut Criterion) {
    let scenario = scenario::built_in();
    let size = egui::vec2(1920.0, 1080.0);
    for (name, projection) in [
        ("europe", ProjectionKind::EuropeEqualArea),
        ("arctic", ProjectionKind::ArcticPolar),
    ] {
        let view = MapView::fit(projection, [size.x, size.y]);
        let layers = Layers::default();
        // The basemap is built once, outside the timings, as the window keeps it.
        let basemaps = Basemaps::default();
        let at = (projection, view.scale());
        let none = Computed::default();
        c.bench_function(&format!("scene_build_{name}"), |b| {
            b.iter(|| scene::build_computed(&scenario, at, &layers, none, &basemaps))
        });
        // What the window does on a change of year: rebuild with the last scene's caches.
        let mut builder = SceneBuilder::new(basemaps.clone());
        let mut years = [2012, 2016].into_iter().cycle();
        let mut changing = scenario.clone();
        c.bench_function(&format!("scene_rebuild_year_change_{name}"), |b| {
            b.iter(|| {
                changing.year = years.next().unwrap_or(2012);
                builder.build(&changing, projection, view.scale(), &layers, none)
            })
        });
        let mut models = ["independent", "coordinated", "unified"]
            .into_iter()
            .cycle();
        c.bench_function(&format!("scene_rebuild_model_change_{name}"), |b| {
            b.iter(|| {
                changing.model = models.next().unwrap_or("independent").to_owned();
                builder.build(&changing, projection, view.scale(), &layers, none)
            })
        });
        let scene = scene::build(&scenario, projection, view.scale(), &layers, None);
        let ctx = egui::Context::default();
        AtlasApp::install_fonts(&ctx);
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
        c.bench_function(&format!("frame_{name}_1920x1080"), |b| {
            b.iter(|| {
                let out = ctx.run_ui(input(size), |ui| {
                    egui_painter::paint(ui.painter(), &scene, &view, rect);
                });
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
        // The same view zoomed in fourfold over Germany: the finer basemap, mostly culled.
        let mut zoomed = view;
        zoomed.zoom_about([size.x / 2.0, size.y / 2.0], 4.0);
        let zoomed_scene = scene::build(&scenario, projection, zoomed.scale(), &layers, None);
        c.bench_function(&format!("frame_{name}_zoomed_x4"), |b| {
            b.iter(|| {
                let out = ctx.run_ui(input(size), |ui| {
                    egui_painter::paint(ui.painter(), &zoomed_scene, &zoomed, rect);
                });
                ctx.tessellate(out.shapes, out.pixels_per_point)
            })
        });
    }
}

/// What the UI thread does when the year slider moves with an engagement shown: the scene is
/// rebuilt with the fan and the flight the worker computed (the worker's own cost is
/// `engagement_tabriz_athens` and `flyout_fan_deveselu_ib` in `benches/analysis.rs`).
fn engagement_rebuild(c: &mut Criterion) {
    use bmd_atlas::analysis::{EngagementDrawing, Memos};
    use bmd_atlas::scenario::{EngagementView, ThreatChoice};
    let scenario = scenario::built_in();
    let view = EngagementView {
        battery: "deveselu".into(),
        interceptor: "sm3-ib".into(),
        flyout_altitude_km: Some(200.0),
        threat: Some(ThreatChoice {
            launch_site: "tabriz".into(),
            target: "bucharest".into(),
            launch_delay_s: None,
        }),
    };
    let layers = Layers {
        engagement: Some(view.clone()),
        ..Layers::default()
    };
    let drawing = EngagementDrawing::compute(&scenario, &view, &Memos::new());
    let projection = ProjectionKind::EuropeEqualArea;
    let view = MapView::fit(projection, [1920.0, 1080.0]);
    let mut builder = SceneBuilder::default();
    let mut years = [2012, 2016].into_iter().cycle();
    let mut changing = scenario.clone();
    let computed = Computed {
        analysis: None,
        engagement: Some(&drawing),
        threat_at_s: None,
    };
    c.bench_function("scene_rebuild_year_change_engagement", |b| {
        b.iter(|| {
            changing.year = years.next().unwrap_or(2012);
            builder.build(&changing, projection, view.scale(), &layers, computed)
        })
    });
}

/// The built-in scenario plus `n` imported sites spread over Europe (a command-centre symbol
/// each, no rings or fans): the "10,000 imported sites" case.
fn with_imported_sites(n: usize) -> scenario::Scenario {
    use bmd_atlas::scenario::{Side, Site, SiteKind, Status, Timeline};
    let mut s = scenario::built_in();
    for i in 0..n {
        // A deterministic scatter over 35–70° N, 10° W – 45° E.
        let (u, v) = ((i * 7919) % 1000, (i * 104_729) % 997);
        s.sites.push(Site {
            id: format!("imported_{i}"),
            name: format!("Imported site {i}"),
            short_name: String::new(),
            country: String::new(),
            lat: 35.0 + 35.0 * v as f64 / 997.0,
            lon: -10.0 + 55.0 * u as f64 / 1000.0,
            side: Side::UsNato,
            kind: SiteKind::CommandCentre,
            system: String::new(),
            timeline: Timeline::from_year(2009, Status::Operational),
            radar: None,
            batteries: Vec::new(),
            missiles: Vec::new(),
            notes: String::new(),
            source: "benchmark".to_owned(),
            uncertain: false,
            sidc: String::new(),
        });
    }
    s
}

/// A frame of the map with 10,000 imported sites: symbols drawn, labels placed by priority.
fn many_sites_frame(c: &mut Criterion) {
    let scenario = with_imported_sites(10_000);
    let size = egui::vec2(1920.0, 1080.0);
    let projection = ProjectionKind::EuropeEqualArea;
    let view = MapView::fit(projection, [size.x, size.y]);
    let scene = scene::build(
        &scenario,
        projection,
        view.scale(),
        &Layers::default(),
        None,
    );
    let ctx = egui::Context::default();
    AtlasApp::install_fonts(&ctx);
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    // A new view (panning, zooming): the labels are placed again.
    c.bench_function("labels_europe_10000_sites", |b| {
        b.iter(|| scene::place_labels(&scene, &view))
    });
    c.bench_function("frame_europe_10000_sites", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(size), |ui| {
                egui_painter::paint(ui.painter(), &scene, &view, rect);
            });
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    // Where the map's texts go with a range ring's label among 10,000 sites: the grid of the
    // symbols in view the window builds for it every frame.
    let mut ringed = scenario.clone();
    ringed.annotations.push(scenario::Annotation::ring(
        "ring-1",
        "From Deveselu",
        scenario::LatLon {
            lat: 44.067,
            lon: 24.383,
        },
        1000.0,
    ));
    let ringed = scene::build(&ringed, projection, view.scale(), &Layers::default(), None);
    c.bench_function("map_text_centres_europe_10000_sites_one_ring", |b| {
        b.iter(|| scene::map_text_centres(&ringed, &view))
    });
    // The same in APP-6D mode: each site a frame with its icon (here C2 letters) instead of a
    // square.
    let in_app6 = |s: &scenario::Scenario| {
        let layers = Layers {
            symbols: bmd_atlas::scenario::SymbolStyle::App6,
            ..Layers::default()
        };
        scene::build(s, projection, view.scale(), &layers, None)
    };
    let app6 = in_app6(&scenario);
    // Building that scene: the legend counts each kind's codes (it once compared every site's
    // drawing with every other's: seconds with 10,000 sites).
    c.bench_function("scene_build_europe_10000_sites_app6", |b| {
        b.iter(|| in_app6(&scenario))
    });
    // Just under the crowding limit, every symbol whole (frame, icon, modifiers).
    let app6_whole = in_app6(&with_imported_sites(1_900));
    c.bench_function("frame_europe_1900_sites_app6_whole", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(size), |ui| {
                egui_painter::paint(ui.painter(), &app6_whole, &view, rect);
            });
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    c.bench_function("frame_europe_10000_sites_app6", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(size), |ui| {
                egui_painter::paint(ui.painter(), &app6, &view, rect);
            });
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    // Dragging back and forth over the same ground, 2 pixels a frame: the labels move with the
    // map and are placed again each time it has moved a quarter of the picture.
    let (mut dragged, mut frames) = (view, 0u64);
    c.bench_function("frame_europe_10000_sites_dragged", |b| {
        b.iter(|| {
            let way = if (frames / 200) % 2 == 0 { 2.0 } else { -2.0 };
            frames += 1;
            dragged.centre.x += way * dragged.metres_per_pixel;
            let out = ctx.run_ui(input(size), |ui| {
                egui_painter::paint(ui.painter(), &scene, &dragged, rect);
            });
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    // Zooming in and out over the same ground, 2 % a frame about a point off the centre: the
    // labels follow their symbols and are placed again each time the zoom has doubled or
    // halved (the basemap's scale stays, as the scene does not change here).
    let (mut zoomed, mut frames) = (view, 0u64);
    let pointer = view.to_map([1200.0, 400.0]);
    c.bench_function("frame_europe_10000_sites_zoomed", |b| {
        b.iter(|| {
            let step: f64 = if (frames / 60) % 2 == 0 {
                1.02
            } else {
                1.0 / 1.02
            };
            frames += 1;
            zoomed.metres_per_pixel /= step;
            zoomed.centre.x = pointer.x + (zoomed.centre.x - pointer.x) / step;
            zoomed.centre.y = pointer.y + (zoomed.centre.y - pointer.y) / step;
            let out = ctx.run_ui(input(size), |ui| {
                egui_painter::paint(ui.painter(), &scene, &zoomed, rect);
            });
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

fn whole_app_frame(c: &mut Criterion) {
    let size = egui::vec2(1600.0, 1000.0);
    let ctx = egui::Context::default();
    AtlasApp::install_fonts(&ctx);
    let mut app = AtlasApp::new(AppState::built_in());
    c.bench_function("app_frame_1600x1000", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(size), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

/// The whole window with an engagement chosen (Deveselu's SM-3 IB against a flight from Tabriz
/// to Athens: the fan, the flight, its ticks and window on the map, the timeline under it),
/// first with the playback paused, then playing: the second's extra is what a playback frame
/// costs (the marker moving on the map and the timeline, the status line naming the place).
fn playback_frame(c: &mut Criterion) {
    let size = egui::vec2(1600.0, 1000.0);
    let ctx = egui::Context::default();
    AtlasApp::install_fonts(&ctx);
    let mut state = AppState::built_in();
    state.map.layers.engagement = Some(scenario::EngagementView {
        battery: "deveselu".into(),
        interceptor: "sm3-ib".into(),
        flyout_altitude_km: None,
        threat: Some(scenario::ThreatChoice {
            launch_site: "tabriz".into(),
            target: "athens".into(),
            launch_delay_s: None,
        }),
    });
    let mut app = AtlasApp::new(state);
    // The worker computes the fan and the flight off the UI thread.
    let started = std::time::Instant::now();
    while app.state.map.marker.is_none() {
        assert!(
            started.elapsed().as_secs() < 120,
            "the flight did not arrive"
        );
        // The frame's output is not painted here: only the app's state is waited on.
        let frame = ctx.run_ui(input(size), |ui| app.show(ui));
        drop(frame);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    c.bench_function("app_frame_engagement_paused", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(size), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
    c.bench_function("app_frame_engagement_playing", |b| {
        b.iter(|| {
            // Played over and over: from the start again once the flight has landed.
            if !app.state.map.playback.playing {
                app.state.map.playback = bmd_atlas::app::Playback {
                    t_s: 0.0,
                    playing: true,
                };
            }
            let out = ctx.run_ui(input(size), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

criterion_group!(
    benches,
    frame,
    engagement_rebuild,
    many_sites_frame,
    whole_app_frame,
    playback_frame
);
criterion_main!(benches);
