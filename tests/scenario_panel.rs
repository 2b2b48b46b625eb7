//! The scenario panel drives the map: models, years, timelines, joint centres, comparison.

use bmd_atlas::app::AtlasApp;
use bmd_atlas::cooperation::LinkKind;
use bmd_atlas::scenario::{Side, Status};
use bmd_atlas::scene::Layer;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common::harness;

fn model_label(h: &Harness<'_, AtlasApp>, id: &str) -> String {
    let s = &h.state().state.doc.scenario;
    s.models
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
        .unwrap_or_else(|| panic!("model {id}"))
}

fn pick_model(h: &mut Harness<'static, AtlasApp>, id: &str) {
    let label = model_label(h, id);
    h.get_by_label(&label).click();
    h.run();
    assert_eq!(h.state().state.doc.scenario.model, id);
}

/// (from side, to site id, kind) of every link line in the scene.
fn scene_links(h: &mut Harness<'static, AtlasApp>) -> Vec<(Side, Side, LinkKind)> {
    let state = &mut h.state_mut().state;
    let links = state.doc.scenario.links();
    let drawn = state.scene().count(Layer::Links);
    assert_eq!(drawn, links.len(), "every link is drawn");
    links
        .iter()
        .map(|l| {
            (
                state.doc.scenario.sites[l.from].side,
                state.doc.scenario.sites[l.to].side,
                l.kind,
            )
        })
        .collect()
}

#[test]
fn each_model_changes_the_map() {
    let mut h = harness();
    pick_model(&mut h, "independent");
    let independent = scene_links(&mut h);
    assert!(!independent.is_empty());
    assert!(
        independent.iter().all(|(a, b, _)| a == b),
        "no cross-side links without cooperation"
    );

    pick_model(&mut h, "coordinated");
    let coordinated = scene_links(&mut h);
    for side in [Side::UsNato, Side::Russia] {
        assert!(
            coordinated.iter().any(|(from, to, kind)| *from == side
                && *to == Side::Joint
                && *kind == LinkKind::SharedSensor),
            "{side:?} radars feed the Data Fusion Centre"
        );
    }
    assert_eq!(h.state_mut().state.scene().count(Layer::Sectors), 0);

    pick_model(&mut h, "unified");
    assert!(
        h.state_mut().state.scene().count(Layer::Sectors) >= 2,
        "sector polygons are drawn"
    );
    // The assurance in force is shown in the panel.
    h.get_by_label("Assurance: Legally binding guarantee");
}

fn site_status(h: &Harness<'_, AtlasApp>, id: &str) -> Option<Status> {
    let s = &h.state().state.doc.scenario;
    s.site(id).and_then(|site| s.site_status(site))
}

fn iib_ring_in_poland(h: &mut Harness<'static, AtlasApp>) -> bool {
    let scene = h.state_mut().state.scene();
    scene.areas.iter().any(|a| {
        a.layer == Layer::Rings && a.caption.starts_with("Redzikowo") && a.caption.contains("IIB")
    })
}

#[test]
fn the_year_slider_and_the_timeline_switch_change_what_exists() {
    let mut h = harness();
    assert_eq!(site_status(&h, "deveselu"), Some(Status::Planned));
    h.get_by_label("Year").set_value_accesskit(2016.0);
    h.run();
    assert_eq!(h.state().state.doc.scenario.year, 2016);
    assert_eq!(site_status(&h, "deveselu"), Some(Status::Operational));

    h.get_by_label("Year").set_value_accesskit(2020.0);
    h.run();
    h.get_by_label("as planned in 2012").click();
    h.run();
    assert!(
        iib_ring_in_poland(&mut h),
        "the 2012 plan has SM-3 IIB in Poland in 2020"
    );
    h.get_by_label("as it happened").click();
    h.run();
    assert!(!iib_ring_in_poland(&mut h), "Phase 4 was cancelled in 2013");
}

#[test]
fn dragging_a_joint_centre_moves_it_and_its_links_and_undo_puts_it_back() {
    let mut h = harness();
    pick_model(&mut h, "coordinated");
    let start = h
        .state()
        .state
        .doc
        .scenario
        .site("nrc_dfc")
        .map(|s| (s.lat, s.lon))
        .unwrap_or_default();
    let links_before: Vec<_> = {
        let scene = h.state_mut().state.scene();
        scene
            .lines
            .iter()
            .filter(|l| l.layer == Layer::Links)
            .map(|l| l.points.clone())
            .collect()
    };
    let name = h
        .state()
        .state
        .doc
        .scenario
        .site("nrc_dfc")
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let from = h.get_by_label(&format!("Drag {name}")).rect().center();
    let to = from + egui::vec2(-150.0, 60.0);
    crate::common::drag(&mut h, from, to);
    let moved = h
        .state()
        .state
        .doc
        .scenario
        .site("nrc_dfc")
        .map(|s| (s.lat, s.lon))
        .unwrap_or_default();
    assert!(
        (moved.1 - start.1).abs() > 1.0,
        "the centre moved west: {start:?} → {moved:?}"
    );
    let links_after: Vec<_> = {
        let scene = h.state_mut().state.scene();
        scene
            .lines
            .iter()
            .filter(|l| l.layer == Layer::Links)
            .map(|l| l.points.clone())
            .collect()
    };
    assert_ne!(links_before, links_after, "its links follow it");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let back = h
        .state()
        .state
        .doc
        .scenario
        .site("nrc_dfc")
        .map(|s| (s.lat, s.lon))
        .unwrap_or_default();
    assert_eq!(back, start, "one undo takes back the whole drag");
}

#[test]
fn presets_place_the_joint_centres() {
    let mut h = harness();
    pick_model(&mut h, "coordinated");
    h.get_by_label("Data Fusion Centre at Brussels (Putin 2007)")
        .click();
    h.run();
    let all = h.state().state.doc.scenario.clone();
    let dfc = all.site("nrc_dfc").map(|s| (s.lat, s.lon));
    assert_eq!(dfc, Some((50.85, 4.349)));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let dfc = h
        .state()
        .state
        .doc
        .scenario
        .site("nrc_dfc")
        .map(|s| (s.lat, s.lon));
    assert_eq!(dfc, Some((55.752, 37.618)), "undo returns it to Moscow");
}

#[test]
fn the_comparison_shows_two_maps_and_names_the_differing_links() {
    let mut h = harness();
    // Below the analysis tables in the side panel's scroll.
    h.get_by_label("Compare side by side…").scroll_to_me();
    h.run();
    h.get_by_label("Compare side by side…").click();
    h.run();
    assert!(h.state().state.compare.is_some());
    h.get_by_label("What differs (left → right)");
    h.get_by_label("Nothing: both maps show the same picture.");
    // Give the right-hand map the coordinated model.
    h.get_by_label("model").click();
    h.run();
    let coordinated = model_label(&h, "coordinated");
    h.get_all_by_label(&coordinated)
        .last()
        .unwrap_or_else(|| panic!("option"))
        .click();
    h.run();
    let right = h
        .state()
        .state
        .compare
        .as_ref()
        .map(|c| c.scenario.model.clone());
    assert_eq!(right.as_deref(), Some("coordinated"));
    h.get_by_label_contains("Links only on the right");
    let named = h
        .query_all_by_label_contains(
            "→ Data Fusion Centre (radar data shared with the joint centre)",
        )
        .count();
    assert!(
        named >= 2,
        "the table names the radars' links into the fusion centre ({named})"
    );
    // Two maps: the right-hand one is a scene of its own, with the fusion centre's links.
    let state = &mut h.state_mut().state;
    let (view, layers) = (state.map.view, state.map.layers.clone());
    let right = state
        .compare
        .as_mut()
        .map(|c| c.scene(&view, &layers, &None).count(Layer::Links));
    let left = state.scene().count(Layer::Links);
    assert!(right.is_some_and(|r| r > left), "{right:?} vs {left}");
}

#[test]
fn the_joint_centres_are_on_the_map_exactly_when_their_model_is_chosen() {
    let mut h = harness();
    let dfc = h
        .state()
        .state
        .doc
        .scenario
        .site("nrc_dfc")
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let poc = h
        .state()
        .state
        .doc
        .scenario
        .site("nrc_poc")
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let on_map = |h: &mut Harness<'static, AtlasApp>, name: &str| {
        h.state_mut()
            .state
            .scene()
            .symbols
            .iter()
            .any(|s| s.name == name)
    };
    pick_model(&mut h, "independent");
    assert!(!on_map(&mut h, &dfc) && !on_map(&mut h, &poc));
    pick_model(&mut h, "coordinated");
    assert!(on_map(&mut h, &dfc) && on_map(&mut h, &poc));
    // Still there in a later year: the model is a choice, not history.
    h.get_by_label("Year").set_value_accesskit(2020.0);
    h.run();
    assert!(on_map(&mut h, &dfc) && on_map(&mut h, &poc));
    pick_model(&mut h, "unified");
    assert!(
        on_map(&mut h, &dfc) && !on_map(&mut h, &poc),
        "the unified model has one joint centre"
    );
}

/// The panel reads the document and returns commands; it changes nothing itself.
#[test]
fn the_panel_returns_its_changes_as_commands() {
    use bmd_atlas::app::AppState;
    use bmd_atlas::app::Edit;
    use bmd_atlas::app::scenario_panel::ui_edits;
    use bmd_atlas::command::Command;

    let state = AppState::built_in();
    let unified = state
        .doc
        .scenario
        .models
        .iter()
        .find(|m| m.id == "unified")
        .map(|m| m.name.clone())
        .expect("the built-in scenario has the unified model");
    let mut seen: Vec<Edit> = Vec::new();
    let mut h = Harness::builder()
        .with_size([400.0, 900.0])
        .with_context_setup(AtlasApp::install_fonts)
        .build_ui(|ui| {
            seen.extend(ui_edits(&state.doc, None, ui));
        });
    h.run();
    h.get_by_label(&unified).click();
    h.run();
    drop(h);
    assert!(
        seen.iter()
            .any(|e| matches!(e, Edit::Apply(Command::SetModel(m)) if m == "unified")),
        "{seen:?}"
    );
}
