//! The document's life in the real UI: the unsaved-changes prompt, save, save as, failed saves.

use crate::common;

use std::path::PathBuf;

use bmd_atlas::app::dialogs::{Asked, FileDialogs, FileQuestion, Reply};
use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::command::Command;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Answers every dialog with the same file.
struct Scripted(PathBuf);

impl FileDialogs for Scripted {
    fn ask(&mut self, _question: &FileQuestion) -> Asked {
        Asked::Now(Reply::Chosen(self.0.clone()))
    }
}

/// A system dialog that cannot be shown, as on a desktop without xdg-desktop-portal.
struct NoSystemDialog;

impl FileDialogs for NoSystemDialog {
    fn ask(&mut self, _question: &FileQuestion) -> Asked {
        Asked::Now(Reply::Unavailable(
            "No system file dialog here (test).".to_owned(),
        ))
    }
}

/// A system dialog whose answer arrives in a later frame, as from the real one's thread: the
/// test answers through the sender.
type Answer = std::sync::Arc<std::sync::Mutex<Option<std::sync::mpsc::Sender<Reply>>>>;
struct Slow(Answer);

impl FileDialogs for Slow {
    fn ask(&mut self, _question: &FileQuestion) -> Asked {
        let (tx, rx) = std::sync::mpsc::channel();
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(tx);
        }
        Asked::Later(rx)
    }
}

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-ui-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join("brief.scenario.json")
}

fn harness(dialog_file: PathBuf) -> Harness<'static, AtlasApp> {
    let mut state = AppState::built_in();
    state.dialogs = Box::new(Scripted(dialog_file));
    common::harness_with(state, [1500.0, 1000.0])
}

fn change_something(h: &mut Harness<'static, AtlasApp>) {
    h.state_mut().state.apply(Command::SetYear(2018));
    h.run();
    assert!(h.state().state.is_dirty());
    assert!(h.state().state.title().contains("unsaved"));
}

#[test]
fn new_with_unsaved_changes_asks_and_cancel_keeps_the_work() {
    let mut h = harness(temp_file("cancel"));
    change_something(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_eq!(h.state().state.doc.scenario.year, 2018, "nothing was lost");
    assert!(h.state().state.is_dirty());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().state.doc.scenario.name, "Untitled");
    assert!(!h.state().state.is_dirty());
}

#[test]
fn save_from_the_prompt_writes_the_file_then_goes_on() {
    let path = temp_file("save");
    let _ = std::fs::remove_file(&path);
    let mut h = harness(path.clone());
    change_something(&mut h);
    h.state_mut()
        .state
        .request(bmd_atlas::app::files::Replace::New);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let saved = bmd_atlas::scenario::open_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.scenario.year, 2018, "the changes reached the disk");
    assert_eq!(
        h.state().state.doc.scenario.name,
        "Untitled",
        "then New went ahead"
    );
    assert!(
        h.state()
            .state
            .recent
            .iter()
            .any(|p| p.ends_with("brief.scenario.json"))
    );
}

#[test]
fn ctrl_s_saves_and_clears_the_unsaved_mark() {
    let path = temp_file("ctrl-s");
    let mut h = harness(path.clone());
    change_something(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!h.state().state.is_dirty());
    assert!(h.state().state.title().contains("brief.scenario.json"));
    assert!(!h.state().state.title().contains("unsaved"));
    assert!(path.exists());
}

#[test]
fn a_failed_save_says_so_and_keeps_the_document_unsaved() {
    // A path below a regular file cannot be written, even by root.
    let blocker = temp_file("fail").with_file_name("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(blocker.join("brief.scenario.json"));
    change_something(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(h.state().state.is_dirty(), "still marked unsaved");
    let error = h.state().state.error.clone().unwrap_or_default();
    assert!(error.contains("not saved"), "{error}");
    h.get_by_label("Problem with a file");
}

#[test]
fn opening_a_broken_file_keeps_the_current_scenario_and_names_the_problem() {
    let path = temp_file("broken");
    std::fs::write(&path, b"{\n  \"format_version\": 2,\n  oops").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(path.clone());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    let error = h.state().state.error.clone().unwrap_or_default();
    assert!(
        error.contains("brief.scenario.json") && error.contains("line 3"),
        "{error}"
    );
    assert_eq!(h.state().state.doc.scenario.name, "Europe 2012");
}

#[test]
fn importing_sites_is_one_undo_step_and_clashing_ids_are_renamed() {
    let path = temp_file("import").with_file_name("sites.csv");
    let csv = "id,name,country,lat,lon,side,kind,system,status_years,range_km,boresight_deg,fov_deg,notes,source\n\
               deveselu,Second Deveselu,RO,44.1,24.4,US/NATO,radar,TPY-2,operational 2015,1000,90,120,,test source\n\
               new_radar,New radar,PL,52.0,21.0,US/NATO,radar,TPY-2,operational 2014,1000,90,120,,test source\n";
    std::fs::write(&path, csv).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness(temp_file("import-unused"));
    let before = h.state().state.doc.scenario.sites.len();
    h.state_mut().state.import_sites(&path);
    h.run();
    let s = &h.state().state.doc.scenario;
    assert_eq!(s.sites.len(), before + 2);
    assert!(
        s.site("deveselu_2")
            .is_some_and(|x| x.name == "Second Deveselu")
    );
    assert!(s.site("new_radar").is_some_and(|x| x.radar.is_some()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().state.doc.scenario.sites.len(), before);
}

#[test]
fn the_visible_picture_exports_as_geojson_and_kml() {
    let dir = temp_file("exchange");
    let mut h = harness(dir.clone());
    for name in ["picture.geojson", "picture.kml"] {
        let path = dir.with_file_name(name);
        h.state_mut().state.export_exchange(&path);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains("Deveselu"), "{name} holds the sites");
    }
    let kml = std::fs::read_to_string(dir.with_file_name("picture.kml")).unwrap_or_default();
    assert!(kml.contains("http://www.opengis.net/kml/2.2"));
}

#[test]
fn without_a_system_dialog_save_as_uses_the_apps_own_and_writes_the_file() {
    let path = temp_file("in-app");
    let _ = std::fs::remove_file(&path);
    let mut state = AppState::built_in();
    state.dialogs = Box::new(NoSystemDialog);
    let mut h = common::harness_with(state, [1500.0, 1000.0]);
    change_something(&mut h);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    // It says once why, and asks in its own dialog.
    h.get_by_label_contains("No system file dialog here (test).");
    h.get_by_label("Save scenario");
    h.get_by_label("File name").focus();
    h.run();
    // Over the suggested name.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("File name")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let saved = bmd_atlas::scenario::open_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.scenario.year, 2018);
    assert!(!h.state().state.is_dirty());
    assert!(
        h.query_by_label("Save scenario").is_none(),
        "the dialog closed"
    );

    // The next dialog opens directly, without the explanation.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.get_by_label("Open scenario");
    assert!(
        h.query_by_label_contains("No system file dialog here")
            .is_none()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Open scenario").is_none());
}

#[test]
fn the_system_dialogs_answer_arrives_later_and_the_window_goes_on_meanwhile() {
    let path = temp_file("slow");
    let _ = std::fs::remove_file(&path);
    let answer = Answer::default();
    let mut state = AppState::built_in();
    state.dialogs = Box::new(Slow(answer.clone()));
    let mut h = common::harness_with(state, [1500.0, 1000.0]);
    change_something(&mut h);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    h.get_by_label("Choose the file in the system's file dialog.");
    assert!(!path.exists());
    let sender = answer.lock().ok().and_then(|mut s| s.take());
    let sender = sender.unwrap_or_else(|| panic!("the dialog was not asked"));
    sender
        .send(Reply::Chosen(path.clone()))
        .unwrap_or_else(|e| panic!("{e}"));
    h.run();
    assert!(path.exists(), "saved once the answer came");
    assert!(!h.state().state.is_dirty());
    assert!(
        h.query_by_label("Choose the file in the system's file dialog.")
            .is_none()
    );
}
