//! The command registry: the menu, the shortcuts and the buttons run the same commands.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bmd_atlas::app::commands::UiCommand;
use bmd_atlas::app::dialogs::{Asked, FileDialogs, FileQuestion, Purpose, Reply};
use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::command::Command;
use bmd_atlas::scene::ItemRef;
use egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common::harness;

const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// The accessible name of a menu item: its label, then its shortcut text (egui joins the two).
fn menu_label(h: &Harness<'static, AtlasApp>, command: UiCommand) -> String {
    let label = command.label(&h.state().state);
    match command.shortcut_text(&h.ctx) {
        Some(keys) => format!("{label} {keys}"),
        None => label,
    }
}

/// Opens a menu of the menu bar, closing any other first (a click elsewhere only closes it).
fn open_menu(h: &mut Harness<'static, AtlasApp>, menu: &str) {
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label(menu).click();
    h.run();
}

fn set_year(h: &mut Harness<'static, AtlasApp>, year: i32) {
    h.state_mut().state.apply(Command::SetYear(year));
    h.run();
}

fn select(h: &mut Harness<'static, AtlasApp>, id: &str) {
    let index = h
        .state()
        .state
        .site_index(id)
        .unwrap_or_else(|| panic!("the built-in scenario has {id}"));
    h.state_mut().state.select(ItemRef::Site(index));
    h.run();
}

#[test]
fn edit_undo_in_the_menu_and_ctrl_z_both_undo_a_change() {
    let mut h = harness();
    let year = h.state().state.doc.scenario.year;

    set_year(&mut h, 2018);
    open_menu(&mut h, "Edit");
    let undo = menu_label(&h, UiCommand::Undo);
    assert!(undo.starts_with("Undo Set year to 2018"), "{undo}");
    h.get_by_label(&undo).click();
    h.run();
    assert_eq!(h.state().state.doc.scenario.year, year, "the menu undid it");
    assert!(
        h.query_by_label(&undo).is_none(),
        "the menu closed after the click"
    );

    set_year(&mut h, 2018);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().state.doc.scenario.year,
        year,
        "the shortcut undid it"
    );
}

#[test]
fn undo_with_an_empty_history_is_greyed_out_and_does_nothing() {
    let mut h = harness();
    let revision = h.state().state.doc.revision;
    assert!(!UiCommand::Undo.is_enabled(&h.state().state));

    open_menu(&mut h, "Edit");
    let undo = menu_label(&h, UiCommand::Undo);
    assert!(h.get_by_label(&undo).accesskit_node().is_disabled());
    h.get_by_label(&undo).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ctx = h.ctx.clone();
    UiCommand::Undo.execute(&mut h.state_mut().state, &ctx);
    assert_eq!(h.state().state.doc.revision, revision, "nothing changed");
}

#[test]
fn duplicate_without_a_selected_site_does_nothing() {
    let mut h = harness();
    let before = h.state().state.doc.scenario.sites.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before);
}

#[test]
fn the_menus_show_the_registrys_shortcut_text() {
    let mut h = harness();
    open_menu(&mut h, "File");
    for command in [
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::Export,
    ] {
        let label = menu_label(&h, command);
        assert!(label.contains("Ctrl+"), "{label}");
        h.get_by_label(&label);
    }
    h.get_by_label("Save As… Ctrl+Shift+S");
    // On Linux (these tests' platform) Quit has its shortcut in the menu.
    h.get_by_label(&menu_label(&h, UiCommand::Quit));

    select(&mut h, "kurecik");
    open_menu(&mut h, "Edit");
    h.get_by_label("Duplicate Ctrl+D");
    h.get_by_label(&menu_label(&h, UiCommand::Delete));

    open_menu(&mut h, "View");
    h.get_by_label("Fit Europe Home");
    // In the View menu as well as under the analysis in the side panel.
    let compare = menu_label(&h, UiCommand::ToggleCompare);
    assert_eq!(h.query_all_by_label(&compare).count(), 2, "{compare}");
}

#[test]
fn the_platforms_quit_shortcut_is_the_registrys() {
    let quit = bmd_atlas::platform::quit_menu_item(egui::os::OperatingSystem::Nix)
        .and_then(|(_, key)| key);
    assert_eq!(quit.as_ref(), UiCommand::Quit.shortcuts().first());
}

#[test]
fn no_two_commands_share_a_shortcut() {
    let mut seen: Vec<(egui::KeyboardShortcut, UiCommand)> = Vec::new();
    for command in UiCommand::ALL {
        for &shortcut in command.shortcuts() {
            if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                panic!("{command:?} and {other:?} both use {shortcut:?}");
            }
            seen.push((shortcut, command));
        }
    }
    assert!(seen.len() >= 15, "the registry has the app's shortcuts");
}

#[test]
fn shortcuts_that_would_eat_typing_wait_for_the_map() {
    for command in UiCommand::ALL {
        for shortcut in command.shortcuts() {
            if shortcut.conflicts_with_text_editing() {
                assert!(command.needs_map_focus(), "{command:?}: {shortcut:?}");
            }
        }
    }
}

#[test]
fn every_command_has_a_name_and_a_tooltip() {
    for command in UiCommand::ALL {
        assert!(!command.name().is_empty(), "{command:?}");
        assert!(
            command.tooltip().len() > command.name().len() / 2,
            "{command:?}"
        );
    }
}

/// Counts the save dialogs and cancels each one.
struct Cancelling(Arc<AtomicUsize>);

impl FileDialogs for Cancelling {
    fn ask(&mut self, question: &FileQuestion) -> Asked {
        if question.purpose == Purpose::Save {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        Asked::Now(Reply::Cancelled)
    }
}

#[test]
fn ctrl_shift_s_is_save_as_and_not_also_save() {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-commands-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("current.scenario.json");
    // Ignore only "not there": a stale file from an earlier run would make the test meaningless.
    if let Err(e) = std::fs::remove_file(&file)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        panic!("{e}");
    }
    let asked = Arc::new(AtomicUsize::new(0));
    let mut state = AppState::built_in();
    state.doc.file = Some(file.clone());
    state.dialogs = Box::new(Cancelling(asked.clone()));
    let mut h = common::harness_with(state, [1500.0, 1000.0]);
    set_year(&mut h, 2018);

    h.key_press_modifiers(CMD_SHIFT, Key::S);
    h.run();
    assert_eq!(asked.load(Ordering::SeqCst), 1, "Save As asked where");
    assert!(!file.exists(), "Save did not also write the current file");
    assert!(h.state().state.is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(asked.load(Ordering::SeqCst), 1, "Save did not ask");
    assert!(file.exists(), "Save wrote the current file");
    assert!(!h.state().state.is_dirty());
}

#[test]
fn ctrl_shift_z_redoes_once_and_does_not_also_undo() {
    let mut h = harness();
    let year = h.state().state.doc.scenario.year;
    set_year(&mut h, 2018);
    set_year(&mut h, 2019);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.doc.scenario.year, 2018);

    h.key_press_modifiers(CMD_SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state().state.doc.scenario.year,
        2019,
        "redone, not undone"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.doc.scenario.year, year, "two undos");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().state.doc.scenario.year, 2018, "Ctrl+Y redoes too");
}

#[test]
fn delete_acts_on_the_map_but_not_while_typing_in_a_field() {
    let mut h = harness();
    let before = h.state().state.doc.scenario.sites.len();
    select(&mut h, "kurecik");
    h.get_by_label("Search").focus();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before, "typing");

    h.ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
    });
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before - 1);
}

#[test]
fn the_inspectors_buttons_are_the_registrys() {
    let mut h = harness();
    select(&mut h, "kurecik");
    let before = h.state().state.doc.scenario.sites.len();
    h.get_by_label(UiCommand::Duplicate.name()).click();
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before + 1);
    h.get_by_label(UiCommand::EditFields.name()).click();
    h.run();
    assert!(h.state().state.editing);
    h.get_by_label(UiCommand::CloseInspector.name()).click();
    h.run();
    assert_eq!(h.state().state.selected(), None, "closed");
}

#[test]
fn escape_still_closes_an_open_menu() {
    let mut h = harness();
    open_menu(&mut h, "File");
    let new = menu_label(&h, UiCommand::New);
    h.get_by_label(&new);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label(&new).is_none());
}
