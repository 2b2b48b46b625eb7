//! How legible the 1920×1080 page of the built-in scenario is in each cooperation model: labels
//! over symbols, labels over labels, labels cut at the map's edge, and the share of the map's
//! pixels under at least one filled area (radar coverage, interceptor reach, sectors).
//!
//! ```text
//! cargo run --release --example map-legibility
//! ```
//!
//! The fill share is counted on the map frame's pixels: each area whose fill is not fully
//! transparent is filled into a mask of its own (non-zero winding, anti-aliased), and the fills'
//! opacities are composed per pixel as paint composes them (1 − Π(1 − αᵢ·coverageᵢ)). Two shares
//! are given: pixels under any fill at all, and pixels whose composed fill is at least 15 %
//! opaque (a tint a reader sees). Outlines are not counted.

use bmd_atlas::basemap::Scale;
use bmd_atlas::export::{self, ExportOptions, PageSize, Panel};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::scenario;
use bmd_atlas::scene::{self, MapView, Scene};

/// (share of the map under any fill, share under a fill at least 15 % opaque).
fn fill_share(scene: &Scene, view: &MapView) -> Option<(f64, f64)> {
    let [w, h] = view.size_px;
    let mut clear = vec![1.0f32; (w as usize) * (h as usize)];
    for area in scene.areas.iter().filter(|a| a.fill.0[3] > 0) {
        let mut mask = resvg::tiny_skia::Mask::new(w as u32, h as u32)?;
        let mut path = resvg::tiny_skia::PathBuilder::new();
        for (i, p) in area.outline.iter().enumerate() {
            let [x, y] = view.to_screen(*p);
            if i == 0 {
                path.move_to(x, y);
            } else {
                path.line_to(x, y);
            }
        }
        path.close();
        if let Some(path) = path.finish() {
            mask.fill_path(
                &path,
                resvg::tiny_skia::FillRule::Winding,
                true,
                resvg::tiny_skia::Transform::identity(),
            );
        }
        let alpha = f32::from(area.fill.0[3]) / 255.0;
        for (c, m) in clear.iter_mut().zip(mask.data()) {
            *c *= 1.0 - alpha * f32::from(*m) / 255.0;
        }
    }
    let n = clear.len() as f64;
    let any = clear.iter().filter(|&&c| c < 1.0).count() as f64 / n;
    let seen = clear.iter().filter(|&&c| c <= 0.85).count() as f64 / n;
    Some((any, seen))
}

fn main() {
    let base = scenario::built_in();
    for model in &base.models {
        let mut s = base.clone();
        s.model = model.id.clone();
        let scene = scene::build(
            &s,
            ProjectionKind::EuropeEqualArea,
            Scale::Medium50m,
            &s.presentation.layers,
            None,
        );
        let options = ExportOptions {
            page: PageSize::Pixels {
                width: 1920,
                height: 1080,
            },
            ..ExportOptions::for_scenario(&s)
        };
        let layout = export::layout(&[Panel::new(&scene)], &options);
        let Some(frame) = layout.maps.first() else {
            eprintln!("{}: no map on the page", model.id);
            continue;
        };
        let labels = scene::place_labels(&scene, &frame.view);
        let c = scene::collisions(&scene, &frame.view, &labels);
        let (any, seen) = fill_share(&scene, &frame.view).unwrap_or((f64::NAN, f64::NAN));
        println!(
            "{:<12} labels {:>3}  over a symbol {:>2}  over a label {}  cut {}  map under a fill {:.1} %, under a visible (≥15 %) fill {:.1} %  areas {}",
            model.id,
            labels.len(),
            c.label_symbol.len(),
            c.label_label.len(),
            c.cut.len(),
            any * 100.0,
            seen * 100.0,
            scene.areas.len()
        );
        for (label, symbol) in &c.label_symbol {
            println!("    {label:?} covers {symbol:?}");
        }
    }
}
