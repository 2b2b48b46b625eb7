//! The measure tool: `M` or the toolbar, clicks on sites snap to them, each leg's geodesic
//! length and bearings in both units, `Backspace` and `Escape`.

use bmd_atlas::app::AppState;
use bmd_atlas::geodesy::measure;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use geo::{Bearing, Distance, Geodesic};

#[test]
fn measuring_deveselu_to_redzikowo_gives_the_geodesic_in_km_and_nmi_with_bearings() {
    let mut h = crate::common::harness_with(AppState::built_in(), [1600.0, 1000.0]);
    crate::common::wait_for_label(&mut h, "Measure");
    h.get_by_label("Measure").click();
    h.run();
    assert!(
        h.state().state.map.measure.is_some(),
        "the toolbar starts it"
    );
    crate::common::wait_for_label_containing(&mut h, "Click points on the map");
    // The sites' symbols are buttons named after the sites: a click snaps to the site.
    for id in ["deveselu", "redzikowo"] {
        let name = crate::common::symbol_name(&mut h, id);
        h.get_by_label(&name).click();
        h.run();
    }
    let m = h.state().state.map.measure.clone().unwrap_or_default();
    let s = &h.state().state.doc.scenario;
    let at = |id: &str| {
        s.site(id)
            .map(|x| x.position())
            .unwrap_or_else(|| panic!("{id}"))
    };
    let (a, b) = (at("deveselu"), at("redzikowo"));
    assert_eq!(m.points, vec![a, b], "snapped to the sites");
    let leg = measure::legs(&m.points)[0];
    assert!((leg.distance_m - Geodesic.distance(a, b)).abs() < 1.0);
    let bearing = Geodesic.bearing(a, b).rem_euclid(360.0);
    assert!((leg.initial_bearing_deg - bearing).abs() < 0.01);
    // The readout names both sites and gives both units.
    let line = h
        .get_by_label_contains(" nmi), bearing ")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    let km = format!("{:.1} km", leg.distance_m / 1000.0).replace(',', "");
    let shown = line.replace(',', "");
    assert!(
        shown.contains(&km) && line.contains(" nmi), bearing "),
        "{line}"
    );
    assert!(
        line.starts_with(&m.names[0]) && line.contains(&m.names[1]),
        "{line}"
    );
    // A click on the map elsewhere adds a point; Backspace takes it back; Escape ends.
    h.key_press_modifiers(Modifiers::NONE, Key::Backspace);
    h.run();
    assert_eq!(
        h.state().state.map.measure.as_ref().map(|m| m.points.len()),
        Some(1)
    );
    h.key_press_modifiers(Modifiers::NONE, Key::Escape);
    h.run();
    assert!(h.state().state.map.measure.is_none());
    // M starts it again.
    h.key_press_modifiers(Modifiers::NONE, Key::M);
    h.run();
    assert!(h.state().state.map.measure.is_some());
}

/// A site's context menu keeps a range ring from it with the radius typed; a radius that is not
/// a number is said in the window and draws nothing.
#[test]
fn a_range_ring_from_a_site_takes_its_radius_from_the_window() {
    let mut h = crate::common::harness_with(AppState::built_in(), [1600.0, 1000.0]);
    crate::common::wait_for_label(&mut h, "Measure");
    let (name, at) = {
        let state = &mut h.state_mut().state;
        let centre = state.doc.scenario.site("deveselu").map(|s| s.position());
        let scene = state.scene();
        let symbol = scene.symbols.iter().find(|s| s.id == "site:deveselu");
        (
            symbol.map(|s| s.name.clone()).unwrap_or_default(),
            centre.unwrap_or_else(|| panic!("Deveselu")),
        )
    };
    let ask = |h: &mut egui_kittest::Harness<'static, bmd_atlas::app::AtlasApp>, radius: &str| {
        h.get_by_label(&name).click_secondary();
        h.run();
        h.get_by_label(&format!("Range ring from {name}…")).click();
        h.run();
        h.get_by_label("Radius").click();
        h.run();
        h.get_by_label("Radius").type_text(radius);
        h.run();
        h.get_by_label("Add").click();
        h.run();
    };
    ask(&mut h, "abc");
    assert!(h.query_by_label_contains("“abc” is not a number").is_some());
    assert!(h.state().state.doc.scenario.annotations.is_empty());
    // The text typed stays in the field: take it back before typing the radius.
    h.get_by_label("Radius").click();
    h.run();
    for _ in 0.."abc".len() {
        h.key_press_modifiers(Modifiers::NONE, Key::Backspace);
    }
    h.get_by_label("Radius").type_text("1000");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    // Kept as an annotation of the scenario (undoable, saved, exported).
    let rings = h.state().state.doc.scenario.annotations.clone();
    assert_eq!(rings.len(), 1, "{rings:?}");
    assert_eq!(rings[0].kind, bmd_atlas::scenario::AnnotationKind::Ring);
    assert_eq!(
        (rings[0].anchor(), rings[0].radius_km),
        (Some(at), Some(1000.0))
    );
    assert_eq!(rings[0].label, format!("From {name}"));
}
