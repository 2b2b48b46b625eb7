//! The engagement panel in the window: choosing a battery and a threat draws the fan and the
//! window on the map and the timeline in the panel; playback moves the marker.

use crate::common;

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::scene::Layer;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness() -> Harness<'static, AtlasApp> {
    common::harness_with(AppState::built_in(), [1500.0, 4000.0])
}

#[test]
fn choosing_a_battery_and_a_threat_shows_the_fan_the_window_and_the_timeline() {
    let mut h = harness();
    common::wait_for_label(&mut h, "Engagement");
    h.get_by_label("Engagement").click();
    h.run();
    common::wait_for_label(&mut h, "Show a battery's fly-out fan");
    h.get_by_label("Show a battery's fly-out fan").click();
    h.run();
    let layers = h.state_mut().state.map.layers.clone();
    let view = layers
        .engagement
        .clone()
        .unwrap_or_else(|| panic!("a battery is chosen"));
    assert!(!view.battery.is_empty());
    // The fan is computed by the worker, off the UI thread.
    common::run_until(&mut h, "the fan on the map", |h| {
        h.state_mut().state.scene().count(Layer::Engagement) > 0
    });
    assert!(
        h.state_mut().state.scene().count(Layer::Engagement) > 0,
        "the fan is drawn"
    );
    common::wait_for_label(&mut h, "Against a threat");
    h.get_by_label("Against a threat").click();
    h.run();
    // The flight is computed by the worker, off the UI thread.
    common::wait_for_label_containing(&mut h, "T+0 s");
    assert!(
        h.query_by_label_contains("T+0 s").is_some(),
        "the status line under the timeline"
    );
    let line = h
        .get_by_label_contains("T+0 s")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(
        line.contains(" km over Iran ("),
        "the status line says where the threat is: {line}"
    );
    // The timeline's marks can be found by what they say: the window with its ends (when there
    // is one), each radar's first sight, the launch, and the decision delay from the first sight
    // by a radar feeding the battery to the launch.
    let said = |h: &Harness<'static, AtlasApp>, what: &str| {
        h.query_by_label_contains(what)
            .and_then(|n| n.accesskit_node().value())
            .unwrap_or_default()
    };
    let window = said(&h, "Engagement window: T+");
    assert_eq!(
        window.is_empty(),
        !line.contains("could intercept"),
        "{window} / {line}"
    );
    let decision = said(&h, "Decision delay: ");
    let launch = said(&h, "interceptor launch at T+");
    let launch_t = launch.trim_start_matches("interceptor launch at ");
    assert!(
        !launch.is_empty() && decision.ends_with(&format!("to the launch ({launch_t})")),
        "{decision} / {launch}"
    );
    // With a window, the last launch that still intercepts comes at or after the launch.
    let last = said(&h, "last launch that still intercepts at T+");
    assert_eq!(last.is_empty(), window.is_empty(), "{last} / {window}");
    let seconds = |text: &str| -> f64 {
        let after = text.rsplit("T+").next().unwrap_or_default();
        after.trim_end_matches(" s").parse().unwrap_or(f64::NAN)
    };
    if !last.is_empty() {
        assert!(seconds(&last) >= seconds(&launch), "{last} / {launch}");
        assert!(line.contains(", firing by T+"), "{line}");
    }
    assert!(h.query_all_by_label_contains(" sees it at T+").count() > 1);
    let before = h.state_mut().state.map.marker;
    assert!(before.is_some(), "the marker is on the map");
    h.get_by_label("▶ Play").click();
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    let after = h.state_mut().state.map.marker;
    assert_ne!(before, after, "playback moved the marker");
    assert!(
        h.query_by_label_contains("T+0 s").is_none(),
        "the status line follows the playback"
    );
}
