//! Editing on the map and in the inspector: every edit is one undoable command.

use bmd_atlas::app::AtlasApp;
use bmd_atlas::scenario::SiteKind;
use bmd_atlas::scene::ItemRef;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common::harness;

fn select(h: &mut Harness<'static, AtlasApp>, id: &str) -> usize {
    let index = h
        .state()
        .state
        .site_index(id)
        .unwrap_or_else(|| panic!("{id}"));
    h.state_mut().state.select(ItemRef::Site(index));
    h.run();
    index
}

fn undo(h: &mut Harness<'static, AtlasApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
}

#[test]
fn renaming_in_the_inspector_is_one_undo_step() {
    let mut h = harness();
    let index = select(&mut h, "deveselu");
    let name = h.state().state.doc.scenario.sites[index].name.clone();
    h.get_by_label("Edit fields").click();
    h.run();
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Name");
    field.focus();
    field.type_text(" II");
    h.run();
    assert_eq!(
        h.state().state.doc.scenario.sites[index].name,
        format!("{name} II")
    );
    // Leave the field, then undo: the whole rename goes at once.
    h.key_press(egui::Key::Tab);
    h.run();
    undo(&mut h);
    assert_eq!(h.state().state.doc.scenario.sites[index].name, name);
}

#[test]
fn a_new_site_is_placed_by_a_click_and_undo_removes_it() {
    let mut h = harness();
    let before = h.state().state.doc.scenario.sites.len();
    h.state_mut().state.placing = Some(SiteKind::Radar);
    h.run();
    // Click the open Atlantic at 15°W 50°N: where the map puts it, plus where the map area starts.
    let view = h.state().state.map.view;
    let on_screen = |lon: f64, lat: f64| {
        let p = view
            .lon_lat_to_screen(geo::Point::new(lon, lat))
            .unwrap_or_default();
        egui::vec2(p[0], p[1])
    };
    let fylingdales = h
        .state()
        .state
        .doc
        .scenario
        .site("fylingdales")
        .map(|s| (s.lon, s.lat))
        .unwrap_or_default();
    let origin =
        h.get_by_label("RAF Fylingdales").rect().center() - on_screen(fylingdales.0, fylingdales.1);
    let map = origin + on_screen(-15.0, 50.0);
    h.hover_at(map);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: map,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    let state = &h.state().state;
    assert_eq!(state.doc.scenario.sites.len(), before + 1);
    let added = state
        .doc
        .scenario
        .sites
        .last()
        .unwrap_or_else(|| panic!("a site"));
    assert_eq!(added.kind, SiteKind::Radar);
    assert!(
        added.lat > 35.0 && added.lat < 70.0,
        "placed where clicked: {}",
        added.lat
    );
    assert!(state.editing, "the new site opens for editing");
    undo(&mut h);
    assert_eq!(h.state().state.doc.scenario.sites.len(), before);
    assert_eq!(h.state().state.selected(), None);
}

#[test]
fn delete_and_duplicate_undo() {
    let mut h = harness();
    let before = h.state().state.doc.scenario.sites.len();
    select(&mut h, "kurecik");
    h.get_by_label("Duplicate").click();
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before + 1);
    assert!(h.state().state.doc.scenario.site("kurecik_copy1").is_some());
    h.get_by_label("Delete").click();
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before);
    undo(&mut h);
    undo(&mut h);
    assert_eq!(h.state().state.doc.scenario.sites.len(), before);
    assert!(h.state().state.doc.scenario.site("kurecik_copy1").is_none());
}

#[test]
fn a_joint_centre_cannot_be_deleted_from_under_its_model() {
    let mut h = harness();
    select(&mut h, "nrc_dfc");
    let before = h.state().state.doc.scenario.sites.len();
    h.state_mut().state.delete_selected();
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before);
    let notice = h.state().state.notice.clone().unwrap_or_default();
    assert!(notice.contains("centre of the model"), "{notice}");
}

/// The selection is a site, not a place in a list: deleting a site before it, and undoing that,
/// leaves the inspector on the same site.
#[test]
fn the_selection_stays_on_its_site_when_others_are_deleted_and_restored() {
    use bmd_atlas::command::Command;
    let mut h = harness();
    let before = select(&mut h, "redzikowo");
    let state = &mut h.state_mut().state;
    state.apply(Command::DeleteSite("deveselu".into()));
    let moved = state.site_index("redzikowo").expect("still there");
    assert!(moved < before, "the list moved under the selection");
    assert_eq!(state.selected(), Some(ItemRef::Site(moved)));
    state.undo();
    assert_eq!(state.selected(), Some(ItemRef::Site(before)));
    // Deleting the selected site itself drops the selection.
    state.apply(Command::DeleteSite("redzikowo".into()));
    state.undo();
    state.redo();
    assert_eq!(state.selected(), None);
}
