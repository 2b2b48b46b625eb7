//! The side panel stays calm: scenario choices on one tab, layers and legend on another, the
//! analysis under the map in tabs of its own; no panel changes width when sections open, the
//! ICBM paths are ticked or a fly-out fan is shown; every section of the old panel is still
//! there, by its label.

use bmd_atlas::app::{AppState, AtlasApp};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::common;

/// The x of the side panel's right edge: the leftmost resize handle.
fn side_panel_edge(h: &Harness<'static, AtlasApp>) -> f64 {
    h.query_all_by_role(Role::Splitter)
        .filter_map(|n| n.accesskit_node().bounding_box())
        .filter(|b| b.height() > b.width())
        .map(|b| b.x0)
        .fold(f64::INFINITY, f64::min)
}

fn click(h: &mut Harness<'static, AtlasApp>, label: &str) {
    common::wait_for_label(h, label);
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

#[test]
fn no_panel_changes_width_whatever_is_opened_or_shown() {
    let mut h = common::harness_with(AppState::built_in(), [1600.0, 1000.0]);
    common::settle_analysis(&mut h);
    h.run();
    let before = side_panel_edge(&h);
    assert!(before.is_finite() && before > 200.0, "{before}");
    // The ICBM paths, a fly-out fan, and every section that folds.
    click(&mut h, "ICBM paths");
    click(&mut h, "By launch area");
    click(&mut h, "Cities within reach (9)");
    click(&mut h, "ICBM reach");
    click(&mut h, "Engagement");
    click(&mut h, "Show a battery's fly-out fan");
    click(&mut h, "Assumptions");
    click(&mut h, "Early-warning targets");
    click(&mut h, "Published study settings");
    // The shared radars are listed under a model that shares them.
    click(&mut h, "Two coordinated systems (NATO/US offer)");
    common::wait_for_label_containing(&mut h, "Radars sharing data");
    h.get_by_label_contains("Radars sharing data").click();
    h.run();
    click(&mut h, "Layers");
    click(&mut h, "Legend");
    click(&mut h, "Legend");
    for _ in 0..3 {
        h.run();
    }
    let state = &h.state().state;
    assert!(state.map.layers.trajectories && state.map.layers.engagement.is_some());
    let after = side_panel_edge(&h);
    assert!(
        (after - before).abs() < 0.5,
        "the side panel moved its edge from {before} to {after}"
    );
}

#[test]
fn every_section_of_the_old_panel_is_reachable_by_its_label() {
    let mut h = common::harness_with(AppState::built_in(), [1600.0, 1000.0]);
    common::settle_analysis(&mut h);
    // (tab to click first, if any; the section's label)
    let sections: [(Option<&str>, &str); 14] = [
        (Some("Scenario"), "Cooperation model"),
        (Some("Scenario"), "Timeline"),
        (Some("Scenario"), "Search"),
        (Some("Scenario"), "Compare side by side…"),
        (Some("Results"), "Metrics"),
        (Some("Results"), "Defended against Iranian missiles"),
        (
            Some("Results"),
            "Early warning: first detection and the gain from sharing",
        ),
        (Some("Results"), "Defended footprint"),
        (
            Some("ICBM reach"),
            "Could these interceptors reach Russian ICBMs?",
        ),
        (Some("ICBM reach"), "Across the uncertainty"),
        (Some("Engagement"), "Show a battery's fly-out fan"),
        (Some("Assumptions"), "Assumptions, editable"),
        (Some("Layers"), "Map layers"),
        (Some("Layers"), "Legend"),
    ];
    for (tab, label) in sections {
        if let Some(tab) = tab {
            click(&mut h, tab);
        }
        common::wait_for_label(&mut h, label);
    }
}

/// Across the uncertainty, the ICBM matrix's figures are a table (battery, interceptor, launch,
/// reference, range), in the body font, not a paragraph of small print.
#[test]
fn the_uncertainty_of_the_icbm_verdict_is_a_table() {
    let mut h = common::harness_with(AppState::built_in(), [1600.0, 1000.0]);
    common::settle_analysis(&mut h);
    click(&mut h, "ICBM reach");
    for heading in [
        "Battery",
        "Interceptor",
        "Launched",
        "Reference",
        "Across the range",
    ] {
        common::wait_for_label(&mut h, heading);
    }
    let result = h.state().state.analysis_result().expect("computed").result;
    let first = &result.icbm.batteries[0];
    assert!(
        h.query_all_by_label(&first.interceptor_name).count() >= 1,
        "{} in the table",
        first.interceptor_name
    );
}
