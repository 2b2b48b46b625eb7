//! The engagement panel: choose a battery and a threat; the map shows the battery's fly-out fan
//! and the threat's flight with the engagement window (the engagement layer), and a panel under
//! the map a timeline of the threat's altitude with each radar's first sight, the interceptor's
//! launch and burnout and the window shaded. A playback slider and ▶ move a marker along the flight on the
//! map and on the timeline together.
//!
//! The choice lives in the map's layers, so it is saved with the scenario and drawn in exports.

use super::AppState;
use std::sync::Arc;

use crate::analysis::{Engagement, EngagementDrawing};
use crate::scenario::{CityKind, EngagementView, Scenario, SiteKind, ThreatChoice};

/// Playback speed: simulated seconds per second.
const PLAYBACK_SPEED: f64 = 30.0;

/// (site id, type id, "Deveselu: SM-3 Block IB") for every battery of the scenario.
fn batteries(s: &Scenario) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for site in s.sites.iter().filter(|x| !x.batteries.is_empty()) {
        for b in &site.batteries {
            let name = s
                .interceptor_types
                .iter()
                .find(|t| t.id == b.interceptor)
                .map_or(b.interceptor.as_str(), |t| t.name.as_str());
            let label = format!("{}: {name}", site.label());
            if !out
                .iter()
                .any(|(x, y, _)| x == &site.id && y == &b.interceptor)
            {
                out.push((site.id.clone(), b.interceptor.clone(), label));
            }
        }
    }
    out
}

/// The engagement's choices (the analysis panel's Engagement tab).
pub(super) fn body(state: &mut AppState, ui: &mut egui::Ui) {
    let s = &state.doc.scenario;
    let choices = batteries(s);
    let mut view = state.map.layers.engagement.clone();
    let mut on = view.is_some();
    if ui
        .checkbox(&mut on, "Show a battery's fly-out fan")
        .changed()
    {
        view = on
            .then(|| choices.first())
            .flatten()
            .map(|(battery, interceptor, _)| EngagementView {
                battery: battery.clone(),
                interceptor: interceptor.clone(),
                flyout_altitude_km: None,
                threat: None,
            });
    }
    if let Some(v) = &mut view {
        battery_choice(ui, v, &choices);
        altitude(ui, s, v);
        threat_choice(ui, s, v);
    }
    if let Some(v) = &view {
        for line in crate::analysis::drawing::hypothetical_of(s, v) {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Hypothetical: {line}"));
        }
    }
    if view.is_some() && state.analysis.engagement_computing() {
        // Off the UI thread; the map shows the fan when it is in.
        ui.label(egui::RichText::new("Computing the fan and the flight…").italics());
    }
    if view != state.map.layers.engagement {
        state.map.layers.engagement = view;
    }
    if !has_threat(state) {
        state.map.marker = None;
    }
}

/// Whether a threat is chosen, so the timeline under the map is shown.
pub fn has_threat(state: &AppState) -> bool {
    state
        .map
        .layers
        .engagement
        .as_ref()
        .is_some_and(|v| v.threat.is_some())
}

/// The timeline panel under the map: playback, the plot and the status line.
pub fn timeline_panel(state: &mut AppState, ui: &mut egui::Ui) {
    if state.map.layers.engagement.is_some() {
        ui.strong("Engagement timeline");
        timeline(state, ui);
    }
}

fn battery_choice(ui: &mut egui::Ui, v: &mut EngagementView, choices: &[(String, String, String)]) {
    let current = choices
        .iter()
        .find(|(b, t, _)| *b == v.battery && *t == v.interceptor)
        .map_or_else(
            || format!("{}: {}", v.battery, v.interceptor),
            |c| c.2.clone(),
        );
    egui::ComboBox::from_label("Battery")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (battery, interceptor, label) in choices {
                let on = *battery == v.battery && *interceptor == v.interceptor;
                if ui.selectable_label(on, label).clicked() {
                    v.battery = battery.clone();
                    v.interceptor = interceptor.clone();
                    v.flyout_altitude_km = None;
                }
            }
        });
}

fn altitude(ui: &mut egui::Ui, s: &Scenario, v: &mut EngagementView) {
    let Some(t) = s.interceptor_types.iter().find(|t| t.id == v.interceptor) else {
        return;
    };
    let window = (t.min_altitude_km, t.max_altitude_km);
    let mut h = crate::analysis::fan_altitude_km(v, window);
    ui.horizontal(|ui| {
        ui.label("Fan altitude");
        let drag = egui::DragValue::new(&mut h)
            .range(window.0.max(0.0)..=window.1.max(window.0))
            .speed(5.0)
            .suffix(" km");
        if ui.add(drag).changed() {
            v.flyout_altitude_km = Some(h);
        }
    });
}

fn threat_choice(ui: &mut egui::Ui, s: &Scenario, v: &mut EngagementView) {
    let mut has = v.threat.is_some();
    if ui.checkbox(&mut has, "Against a threat").changed() {
        v.threat = has.then(|| {
            let launch = s
                .sites
                .iter()
                .find(|x| x.kind == SiteKind::MissileLaunchArea);
            let target = s.cities.iter().find(|c| c.kind == CityKind::City);
            ThreatChoice {
                launch_site: launch.map_or_else(String::new, |x| x.id.clone()),
                target: target.map_or_else(String::new, |c| c.id.clone()),
                launch_delay_s: None,
            }
        });
    }
    let Some(threat) = &mut v.threat else {
        return;
    };
    let launch_name = |id: &str| s.site(id).map_or(id.to_owned(), |x| x.label().to_owned());
    egui::ComboBox::from_label("Launched from")
        .selected_text(launch_name(&threat.launch_site))
        .show_ui(ui, |ui| {
            let launchers = s
                .sites
                .iter()
                .filter(|x| matches!(x.kind, SiteKind::MissileLaunchArea | SiteKind::IcbmBase));
            for x in launchers {
                ui.selectable_value(&mut threat.launch_site, x.id.clone(), x.label());
            }
        });
    let icbm = s
        .site(&threat.launch_site)
        .is_some_and(|x| x.kind == SiteKind::IcbmBase);
    let wanted = if icbm {
        CityKind::UsTarget
    } else {
        CityKind::City
    };
    let city_name = |id: &str| {
        s.cities
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    };
    egui::ComboBox::from_label("Aimed at")
        .selected_text(city_name(&threat.target))
        .show_ui(ui, |ui| {
            for c in s.cities.iter().filter(|c| c.kind == wanted) {
                ui.selectable_value(&mut threat.target, c.id.clone(), &c.name);
            }
        });
    ui.horizontal(|ui| {
        ui.label("Interceptor launched");
        let mut cued = threat.launch_delay_s.is_none();
        ui.radio_value(&mut cued, true, "when cued");
        ui.radio_value(&mut cued, false, "at");
        let mut t = threat.launch_delay_s.unwrap_or(120.0);
        let drag = ui.add_enabled(
            !cued,
            egui::DragValue::new(&mut t)
                .range(0.0..=3600.0)
                .suffix(" s"),
        );
        threat.launch_delay_s = (!cued).then_some(t);
        drag.on_hover_text("Seconds after the threat's launch");
    });
}

/// The timeline of the threat's engagement, drawn from what the analysis worker computed for the
/// map (the fan and the flight are computed once, off the UI thread).
fn timeline(state: &mut AppState, ui: &mut egui::Ui) {
    let mut mem = state.map.playback;
    let (drawing, updating) = shown_drawing(
        state.engagement_drawing(),
        state.analysis.engagement_computing(),
        state.map.last_engagement.as_ref(),
        state.map.layers.engagement.as_ref(),
    );
    if !updating {
        state.map.last_engagement.clone_from(&drawing);
    }
    if updating {
        ui.weak("Updating…");
    }
    match drawing.as_ref().and_then(|d| d.threat.as_ref()) {
        None => {
            // The worker repaints the window when the flight is in.
            ui.label(egui::RichText::new("Computing the flight…").italics());
            state.map.marker = None;
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().warn_fg_color, e);
            state.map.marker = None;
        }
        Some(Ok(e)) => {
            playback(ui, &mut mem, e);
            super::engagement_plot::plot(ui, e, mem.t_s);
            ui.label(status_line(e, mem.t_s));
            for line in &e.hypothetical {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Hypothetical: {line}"));
            }
            state.map.marker = position_at(e, mem.t_s);
        }
    }
    state.map.playback = mem;
}

fn playback(ui: &mut egui::Ui, mem: &mut super::Playback, e: &Engagement) {
    let end = e.impact_s;
    if mem.playing {
        let dt = f64::from(ui.input(|i| i.stable_dt)).min(0.1);
        mem.t_s += dt * PLAYBACK_SPEED;
        if mem.t_s >= end {
            mem.t_s = end;
            mem.playing = false;
        }
        ui.ctx().request_repaint();
    }
    mem.t_s = mem.t_s.clamp(0.0, end);
    ui.horizontal(|ui| {
        let label = if mem.playing { "Pause" } else { "▶ Play" };
        let button = ui
            .button(label)
            .on_hover_text("Play the flight (30 s per second)");
        if button.clicked() {
            if !mem.playing && mem.t_s >= end {
                mem.t_s = 0.0;
            }
            mem.playing = !mem.playing;
        }
        // The slider spans the timeline below it, less the room of its value and label.
        ui.spacing_mut().slider_width = (ui.available_width() - 160.0).max(120.0);
        ui.add(
            egui::Slider::new(&mut mem.t_s, 0.0..=end)
                .prefix("T+")
                .suffix(" s")
                .fixed_decimals(0)
                .text("flight time"),
        );
    });
}

/// What the timeline shows: the engagement computed for the current choice (`current`), or,
/// while a change is being computed, the one shown last (`last`) if it is of the same threat,
/// so the timeline does not blink to "Computing the flight…" for a frame or two after each
/// change of year or altitude. The flag says the drawing is the last one, being updated.
fn shown_drawing(
    current: Option<Arc<EngagementDrawing>>,
    computing: bool,
    last: Option<&Arc<EngagementDrawing>>,
    view: Option<&EngagementView>,
) -> (Option<Arc<EngagementDrawing>>, bool) {
    if current.is_some() || !computing {
        return (current, false);
    }
    let same_threat = |d: &&Arc<EngagementDrawing>| {
        view.is_some_and(|v| v.threat.is_some() && d.view.threat == v.threat)
    };
    match last.filter(same_threat) {
        Some(d) => (Some(Arc::clone(d)), true),
        None => (None, false),
    }
}

/// Where the threat is at `t_s` (the nearest sample).
fn position_at(e: &Engagement, t_s: f64) -> Option<geo::Point<f64>> {
    let (lon, lat) = e.sample_near(t_s)?.pos.lon_lat();
    Some(geo::Point::new(lon, lat))
}

/// "T+412 s: 780 km over the Baltic Sea (57.1° N 20.3° E); SM-3 Block IIB from the North Sea
/// station could intercept from T+455 s to T+620 s, firing by T+430 s".
pub(super) fn status_line(e: &Engagement, t_s: f64) -> String {
    let place = e.sample_near(t_s).map_or_else(String::new, |p| {
        let (lon, lat) = p.pos.lon_lat();
        format!(
            ": {:.0} km over {} ({:.1}° {} {:.1}° {})",
            p.alt_km.max(0.0),
            crate::basemap::place_name(lon, lat),
            lat.abs(),
            if lat >= 0.0 { "N" } else { "S" },
            lon.abs(),
            if lon >= 0.0 { "E" } else { "W" }
        )
    });
    let who = format!("{} from {}", e.interceptor_name, e.battery_name);
    let window = match (&e.window, &e.reason) {
        (Some((a, b)), _) => {
            let fire_by = e
                .last_launch_s
                .map_or_else(String::new, |t| format!(", firing by T+{t:.0} s"));
            format!(
                "{who} could intercept from T+{:.0} s to T+{:.0} s{fire_by}",
                a.t_s, b.t_s
            )
        }
        (None, Some(r)) => format!("{who}: {r}"),
        (None, None) => format!("{who} cannot intercept"),
    };
    format!("T+{t_s:.0} s{place}; {window}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{EngagementDrawing, Memos};

    fn view(target: &str) -> EngagementView {
        EngagementView {
            battery: "deveselu".into(),
            interceptor: "sm3-ib".into(),
            flyout_altitude_km: None,
            threat: Some(ThreatChoice {
                launch_site: "tabriz".into(),
                target: target.into(),
                launch_delay_s: None,
            }),
        }
    }

    #[test]
    fn while_a_change_is_computed_the_last_timeline_of_the_same_threat_stays() {
        let s = crate::scenario::built_in();
        let athens = Arc::new(EngagementDrawing::compute(
            &s,
            &view("athens"),
            &Memos::new(),
        ));
        let higher = EngagementView {
            flyout_altitude_km: Some(300.0),
            ..view("athens")
        };
        // The fan's altitude changed: the flight to Athens stays shown, marked as updating.
        let (shown, updating) = shown_drawing(None, true, Some(&athens), Some(&higher));
        assert!(updating && shown.is_some_and(|d| Arc::ptr_eq(&d, &athens)));
        // Another target: nothing stale is shown.
        let (shown, _) = shown_drawing(None, true, Some(&athens), Some(&view("rome")));
        assert!(shown.is_none());
        // Not computing: what there is (nothing yet) is what is shown.
        assert_eq!(
            shown_drawing(None, false, Some(&athens), Some(&higher)),
            (None, false)
        );
        // The result in: it is shown, not the last.
        let (shown, updating) = shown_drawing(Some(Arc::clone(&athens)), true, None, Some(&higher));
        assert!(!updating && shown.is_some());
    }
}
