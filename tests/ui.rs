//! The real UI driven through AccessKit, with no GPU and no display.

use crate::common;

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::scene::{ItemRef, Layer};
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness() -> Harness<'static, AtlasApp> {
    common::harness_with(AppState::built_in(), [1400.0, 900.0])
}

fn site_index(h: &Harness<'_, AtlasApp>, id: &str) -> usize {
    h.state()
        .state
        .doc
        .scenario
        .sites
        .iter()
        .position(|s| s.id == id)
        .unwrap_or_else(|| panic!("the built-in scenario has {id}"))
}

#[test]
fn starts_on_the_built_in_scenario_with_its_sites_on_the_map() {
    let h = harness();
    assert_eq!(h.state().state.doc.scenario.name, "Europe 2012");
    assert!(h.state().state.doc.file.is_none());
    // Kürecik's radar is operational in 2012: its symbol is a named, clickable widget.
    let name = h.state().state.doc.scenario.sites[site_index(&h, "kurecik")]
        .name
        .clone();
    h.get_by_role_and_label(Role::Button, &name);
}

#[test]
fn switching_off_a_layer_removes_its_shapes_from_the_scene() {
    let mut h = harness();
    assert!(
        h.state_mut().state.scene().count(Layer::Rings) > 0,
        "rings are on by default"
    );
    // On the side panel's Layers tab.
    h.get_by_label("Layers").click();
    h.run();
    h.get_by_label("Interceptor reach").scroll_to_me();
    h.run();
    h.get_by_label("Interceptor reach").click();
    h.run();
    assert_eq!(h.state_mut().state.scene().count(Layer::Rings), 0);
    assert!(
        h.state_mut().state.scene().count(Layer::Fans) > 0,
        "other layers stay"
    );
}

#[test]
fn clicking_a_site_opens_the_inspector_with_its_source() {
    let mut h = harness();
    let index = site_index(&h, "kurecik");
    let site = h.state().state.doc.scenario.sites[index].clone();
    h.get_by_role_and_label(Role::Button, &site.name).click();
    h.run();
    assert_eq!(h.state().state.selected(), Some(ItemRef::Site(index)));
    h.get_by_label("Source");
    h.get_by_label(&site.source);
}

#[test]
fn the_search_box_finds_deveselu() {
    let mut h = harness();
    h.get_by_label("Search").focus();
    h.get_by_label("Search").type_text("Deveselu");
    h.run();
    // The search's hits read "→ name" (the early-warning table's routes have arrows too).
    fn hit<'a>(h: &'a egui_kittest::Harness<'static, AtlasApp>) -> egui_kittest::Node<'a> {
        h.query_all_by_label_contains("→ ")
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with("→ "))
            })
            .expect("a hit")
    }
    let first = hit(&h).accesskit_node().label().unwrap_or_default();
    assert!(first.contains("Deveselu"), "first hit: {first}");
    hit(&h).click();
    h.run();
    let index = site_index(&h, "deveselu");
    assert_eq!(h.state().state.selected(), Some(ItemRef::Site(index)));
}

#[test]
fn home_resets_the_view_after_zooming() {
    let mut h = harness();
    let fitted = h.state().state.map.view;
    h.key_press(egui::Key::Plus);
    h.run();
    assert!(h.state().state.map.view.metres_per_pixel < fitted.metres_per_pixel);
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(
        h.state().state.map.view.metres_per_pixel,
        fitted.metres_per_pixel
    );
}
