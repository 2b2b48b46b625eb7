//! The Export… dialog in the real UI: it opens with Ctrl/Cmd+E, previews the page, and writes the
//! file on a worker thread.

use std::path::PathBuf;

use crate::common;
use std::time::{Duration, Instant};

use bmd_atlas::app::dialogs::{Asked, FileDialogs, FileQuestion, Purpose, Reply};
use bmd_atlas::app::{AppState, AtlasApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct ExportTo(PathBuf);

impl FileDialogs for ExportTo {
    fn ask(&mut self, question: &FileQuestion) -> Asked {
        Asked::Now(if question.purpose == Purpose::Export {
            Reply::Chosen(self.0.clone())
        } else {
            Reply::Cancelled
        })
    }
}

#[test]
fn ctrl_e_exports_the_page_the_preview_shows() {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-export-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("brief.svg");
    let mut state = AppState::built_in();
    state.dialogs = Box::new(ExportTo(out.clone()));
    let mut h = Harness::builder()
        .with_size([1500.0, 1000.0])
        .with_context_setup(AtlasApp::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), common::app(state));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("Export briefing image");
    h.get_by_label("SVG").click();
    h.run();
    h.get_by_label("Export…").click();
    // While the worker runs the dialog keeps repainting (a spinner), so step rather than run.
    h.step();
    // The export runs on a worker thread; the dialog shows progress until it is done.
    wait_for_export(&mut h);
    let outcome = h.state().state.export.last.clone();
    assert!(
        matches!(&outcome, Some(Ok(msg)) if msg.contains("brief.svg")),
        "{outcome:?}"
    );
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(svg.starts_with("<svg") && svg.contains("Europe 2012"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Steps frames until the export worker has finished, failing loudly after the deadline. Steps
/// rather than runs: while the worker runs the dialog keeps repainting (a spinner).
fn wait_for_export(h: &mut Harness<'static, AtlasApp>) {
    let start = Instant::now();
    while h.state().state.export.last.is_none() {
        assert!(
            start.elapsed() < common::DEADLINE,
            "the export did not finish within {} s",
            common::DEADLINE.as_secs()
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
}

/// Exports the page with the dialog, the "Embed scenario" box ticked or not; returns the file.
fn export_with_embed(embed: bool, name: &str) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-embed-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join(format!("{name}.svg"));
    let mut state = AppState::built_in();
    state.dialogs = Box::new(ExportTo(out.clone()));
    let mut h = Harness::builder()
        .with_size([1500.0, 1000.0])
        .with_context_setup(AtlasApp::install_fonts)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), common::app(state));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("SVG").click();
    h.run();
    assert!(h.state().state.export.embed, "on by default");
    if !embed {
        h.get_by_label("Embed scenario").click();
        h.run();
    }
    h.get_by_label("Export…").click();
    h.step();
    wait_for_export(&mut h);
    let bytes = std::fs::read(&out).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    bytes
}

#[test]
fn the_page_carries_its_scenario_unless_embed_is_unticked() {
    let with = export_with_embed(true, "with");
    let provenance = bmd_atlas::provenance::read(&with, "with.svg").expect("embedded");
    assert_eq!(
        provenance.scenario().expect("valid"),
        bmd_atlas::scenario::built_in()
    );
    let without = export_with_embed(false, "without");
    let err = bmd_atlas::provenance::read(&without, "without.svg").expect_err("not embedded");
    assert!(err.to_string().contains("no BMD Atlas scenario"), "{err}");
}
