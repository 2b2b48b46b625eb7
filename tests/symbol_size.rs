//! View ▸ Symbol size: how large the map draws its sites, saved with the scenario and followed
//! by the window, every page and the command line.

use bmd_atlas::scenario::{self, SymbolSize, SymbolStyle};
use egui_kittest::kittest::Queryable as _;

/// The built-in scenario's Europe scene with its sites drawn `symbols` at `size`.
fn scene_at(symbols: SymbolStyle, size: SymbolSize) -> bmd_atlas::scene::Scene {
    let s = scenario::built_in();
    let layers = scenario::Layers {
        symbols,
        symbol_size: size,
        ..s.presentation.layers.clone()
    };
    crate::common::europe_scene_with(&s, &layers)
}

#[test]
fn the_symbol_size_is_saved_with_the_scenario_and_absent_when_normal() {
    let mut s = scenario::built_in();
    assert!(!scenario::to_json(&s).contains("symbol_size"));
    s.presentation.layers.symbol_size = SymbolSize::ExtraLarge;
    let text = scenario::to_json(&s);
    assert!(text.contains("\"symbol_size\": \"extra_large\""), "by name");
    let back = scenario::open_str(&text, "large.scenario.json").expect("opens");
    assert_eq!(
        back.scenario.presentation.layers.symbol_size,
        SymbolSize::ExtraLarge
    );
}

#[test]
fn a_larger_size_scales_every_sites_symbol_and_its_box_and_leaves_cities_alone() {
    for style in SymbolStyle::ALL {
        let normal = scene_at(style, SymbolSize::Normal);
        let large = scene_at(style, SymbolSize::Large);
        assert_eq!(normal.symbols.len(), large.symbols.len());
        let mut sites = 0;
        for (n, l) in normal.symbols.iter().zip(&large.symbols) {
            assert_eq!(n.id, l.id);
            if n.id.starts_with("site:") {
                sites += 1;
                assert!((l.radius_px - 1.5 * n.radius_px).abs() < 1e-4, "{}", n.id);
                let (a, b) = (n.extent_px(), l.extent_px());
                for k in 0..4 {
                    assert!((b[k] - 1.5 * a[k]).abs() < 1e-3, "{} {style:?}", n.id);
                }
            } else if n.id.starts_with("city:") {
                assert_eq!(n.radius_px, l.radius_px, "{}", n.id);
            }
        }
        assert!(sites > 20, "{style:?}: {sites} sites");
    }
}

#[test]
fn view_symbol_size_makes_the_windows_sites_larger_and_the_document_keeps_it() {
    let mut h = crate::common::harness();
    let before: Vec<f32> = h
        .state_mut()
        .state
        .scene()
        .symbols
        .iter()
        .map(|s| s.radius_px)
        .collect();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Symbol size").click();
    h.run();
    h.get_by_label("Extra large").click();
    h.run();
    let state = &mut h.state_mut().state;
    assert_eq!(state.map.layers.symbol_size, SymbolSize::ExtraLarge);
    let scene = state.scene();
    let grown = scene
        .symbols
        .iter()
        .zip(&before)
        .filter(|(s, r)| s.id.starts_with("site:") && (s.radius_px - 2.0 * **r).abs() < 1e-4)
        .count();
    assert!(grown > 20, "{grown} sites twice as large");
    state.capture_presentation();
    assert_eq!(
        state.doc.scenario.presentation.layers.symbol_size,
        SymbolSize::ExtraLarge
    );
}

#[test]
fn the_export_dialog_offers_the_symbol_size() {
    let mut h = crate::common::harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("Export briefing image");
    h.get_by_label("Large").click();
    h.run();
    assert_eq!(h.state().state.map.layers.symbol_size, SymbolSize::Large);
}

/// `export --symbol-size large`: the page's symbols are larger, and the scenario it carries
/// opens at that size again; a wrong size names the sizes there are.
#[test]
fn a_page_exported_with_a_symbol_size_carries_it() {
    let page = |size: &str| {
        let flags = ["--symbol-size", size, "--size", "960x540"];
        crate::common::export_built_in(&format!("{size}.svg"), &flags)
    };
    let (normal, large) = (page("normal"), page("large"));
    assert_ne!(normal, large, "the symbols changed size");
    let back = bmd_atlas::provenance::read(&large, "large.svg").expect("carries its scenario");
    let s = back.scenario().expect("loads");
    assert_eq!(s.presentation.layers.symbol_size, SymbolSize::Large);
    let wrong: Result<bmd_atlas::cli::export::ExportArgs, _> = bmd_atlas::cli::parse_args([
        "export",
        crate::common::BUILT_IN_FILE,
        "--out",
        "x.svg",
        "--symbol-size",
        "huge",
    ]);
    assert!(wrong.is_err_and(|e| e.to_string().contains("extra-large")));
}
