//! A map a briefer reads at a glance: on the 1920×1080 page of every model no label covers a
//! symbol or another label and none is cut at the map's edge; the default picture carries a
//! handful of interceptor rings; a layer's opacity is saved and followed by the page; the
//! window fills the coverage of the radar under the pointer only.

use bmd_atlas::app::AppState;
use bmd_atlas::basemap::Scale;
use bmd_atlas::export::{self, ExportOptions, PageSize, Panel};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::picture::{FeatureKind, Picture};
use bmd_atlas::scenario;
use bmd_atlas::scene::{self, Layer, Layers};
use egui_kittest::kittest::Queryable;

use crate::common;

fn page_options(s: &scenario::Scenario) -> ExportOptions {
    ExportOptions {
        page: PageSize::Pixels {
            width: 1920,
            height: 1080,
        },
        ..ExportOptions::for_scenario(s)
    }
}

#[test]
fn no_label_covers_a_symbol_or_a_label_on_the_page_of_any_model() {
    let base = scenario::built_in();
    for model in &base.models {
        for year in [2012, 2020] {
            let mut s = base.clone();
            s.model = model.id.clone();
            s.year = year;
            let scene = scene::build(
                &s,
                ProjectionKind::EuropeEqualArea,
                Scale::Medium50m,
                &s.presentation.layers,
                None,
            );
            let layout = export::layout(&[Panel::new(&scene)], &page_options(&s));
            let frame = &layout.maps[0];
            let labels = scene::place_labels(&scene, &frame.view);
            assert!(labels.len() > 60, "{}: {} labels", model.id, labels.len());
            let c = scene::collisions(&scene, &frame.view, &labels);
            assert!(c.is_empty(), "{} {year}: {c:?}", model.id);
            // A label set away from its symbol has a leader line that ends on the label.
            for l in labels.iter().filter(|l| l.leader.is_some()) {
                let [_, end] = l.leader.unwrap_or_default();
                let [min, max] = scene::label_box(l);
                assert!(
                    (min[0]..=max[0]).contains(&end[0]) && (min[1]..=max[1]).contains(&end[1]),
                    "{}'s leader ends off its label",
                    l.text
                );
            }
        }
    }
}

/// The picture the built-in scenario opens on (2012) carries at most five rings; in any year the
/// default rings are those of batteries operational then, and the planned ones come on demand.
#[test]
fn the_default_picture_carries_a_handful_of_rings_and_the_rest_on_demand() {
    use bmd_atlas::picture::FeatureState;
    use bmd_atlas::scenario::Status;
    let s = scenario::built_in();
    let rings = |s: &scenario::Scenario, layers: &Layers| -> Vec<FeatureState> {
        Picture::build(s, layers, None)
            .features
            .iter()
            .filter(|f| f.kind == FeatureKind::Ring)
            .map(|f| f.state)
            .collect()
    };
    let planned_too = Layers {
        rings_planned: true,
        ..Layers::default()
    };
    let opening = rings(&s, &s.presentation.layers);
    assert!(opening.len() <= 5, "{} rings on opening", opening.len());
    assert!(
        rings(&s, &planned_too).len() > opening.len(),
        "2012's planned ones on demand"
    );
    for year in [2012, 2016, 2020, 2024] {
        let s = scenario::Scenario { year, ..s.clone() };
        let default = rings(&s, &Layers::default());
        assert!(
            default
                .iter()
                .all(|st| *st == FeatureState::Status(Status::Operational)),
            "{year}: {default:?}"
        );
        assert!(rings(&s, &planned_too).len() >= default.len());
    }
}

#[test]
fn a_layers_opacity_is_saved_and_the_page_follows_it() {
    let mut s = scenario::built_in();
    s.presentation.layers.set_opacity(Layer::Sectors, 40);
    s.model = "unified".into();
    let text = scenario::to_json(&s);
    let back = scenario::open_str(&text, "faded.scenario.json").expect("opens");
    assert_eq!(
        back.scenario.presentation.layers.opacity_of(Layer::Sectors),
        0.4
    );
    let full = Picture::build(&s, &Layers::default(), None);
    let faded = Picture::build(&s, &s.presentation.layers, None);
    let alpha = |p: &Picture| {
        p.of_layer(Layer::Sectors)
            .next()
            .map(|f| f.look.stroke.colour.0[3])
            .expect("the unified model has sectors")
    };
    let (a, b) = (alpha(&full), alpha(&faded));
    assert_eq!(
        u32::from(b),
        (f32::from(a) * 0.4).round() as u32,
        "{a} → {b}"
    );
    // The page draws what the picture says: the SVG's sector outline is fainter.
    let scene = common::europe_scene(&s);
    let faded_scene = scene::build(
        &s,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &s.presentation.layers,
        None,
    );
    let svg = |sc: &scene::Scene| export::to_svg(&[Panel::new(sc)], &page_options(&s));
    assert_ne!(svg(&scene), svg(&faded_scene));
    // A bad opacity is refused with its place.
    let bad = text.replace("\"sector\": 40", "\"sector\": 140");
    let err = scenario::open_str(&bad, "bad.scenario.json").expect_err("refused");
    assert!(
        err.to_string()
            .contains("presentation.layers.opacity.sector")
            && err.to_string().contains("140 is not a percentage"),
        "{err}"
    );
}

#[test]
fn hovering_a_radar_fills_its_coverage_and_moving_away_unfills_it() {
    let mut h = common::harness_with(AppState::built_in(), [1600.0, 1000.0]);
    common::wait_for_label(&mut h, "Measure");
    let name = common::symbol_name(&mut h, "kurecik");
    let kurecik = h.state().state.site_index("kurecik");
    h.get_by_label(&name).hover();
    h.run();
    h.run();
    assert_eq!(h.state().state.map.emphasis, kurecik, "hovered: filled");
    h.get_by_label("Scenario").hover();
    h.run();
    h.run();
    assert_eq!(
        h.state().state.map.emphasis,
        None,
        "moved away: only tinted"
    );
}
