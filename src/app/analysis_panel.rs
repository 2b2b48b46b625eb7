//! The analysis panel: what the chosen model and year defend, how early they see, and which
//! Russian ICBMs their interceptors could reach; and every assumption behind it, editable.
//!
//! The results are computed off the UI thread (the state's
//! [`crate::analysis::AnalysisWorker`]): the panel shows the last result greyed, marked as
//! computing, until the new one arrives, and the map's analysis layers follow when it does. The
//! ICBM tab is `icbm_panel`, the assumptions tab `assumptions_panel`; edits to assumptions go
//! through [`crate::command::Command::SetAssumptions`], so they undo.

use crate::format::group_thousands;
use std::sync::Arc;

use super::AppState;
use crate::analysis::{Analysis, Answer, Assumptions, CellState};
use crate::picture::analysis_layers;
use crate::render::egui_painter::colour;
use crate::scene::Layer;

/// What the panel keeps between frames (in egui's memory, so `AppState` needs no field).
#[derive(Clone, Default)]
struct Memory {
    /// The scenario revision the result was asked for.
    revision: Option<u64>,
    /// The result shown (possibly of an earlier revision while a new one is computed).
    result: Option<Arc<Analysis>>,
    /// Whether `result` is for the current revision.
    ready: bool,
    /// Index of the launch delay shown in the ICBM matrix.
    delay: usize,
    /// Assumptions being edited with a drag, applied when the drag ends.
    draft: Option<Assumptions>,
}

/// The analysis's tabs in the panel under the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AnalysisTab {
    /// Metrics, the defended area and early warning, side by side.
    #[default]
    Results,
    /// The ICBM matrix and its verdict under uncertainty.
    IcbmReach,
    /// A battery's fly-out fan against a threat.
    Engagement,
    /// Every assumption, editable, and the published studies' settings.
    Assumptions,
}

impl AnalysisTab {
    const ALL: [AnalysisTab; 4] = [
        AnalysisTab::Results,
        AnalysisTab::IcbmReach,
        AnalysisTab::Engagement,
        AnalysisTab::Assumptions,
    ];

    fn label(self) -> &'static str {
        match self {
            AnalysisTab::Results => "Results",
            AnalysisTab::IcbmReach => "ICBM reach",
            AnalysisTab::Engagement => "Engagement",
            AnalysisTab::Assumptions => "Assumptions",
        }
    }
}

/// The panel under the map: a row of tabs (and a button that folds the panel to that row),
/// then the chosen tab, scrolling inside the panel both ways so wide tables never widen it.
pub fn ui(state: &mut AppState, ui: &mut egui::Ui) {
    let id = egui::Id::unique("bmd_analysis_panel");
    let mut mem: Memory = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    refresh(state, &mut mem);
    ui.horizontal(|ui| {
        ui.strong("Analysis");
        for tab in AnalysisTab::ALL {
            let on = state.analysis_open && state.analysis_tab == tab;
            if ui.selectable_label(on, tab.label()).clicked() {
                state.analysis_tab = tab;
                state.analysis_open = true;
            }
        }
        ui.separator();
        status(ui, state, &mem);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let (text, tip) = if state.analysis_open {
                ("▾ Fold", "Fold the analysis to its tabs, for a larger map")
            } else {
                ("▴ Unfold", "Show the analysis under the map")
            };
            if ui.small_button(text).on_hover_text(tip).clicked() {
                state.analysis_open = !state.analysis_open;
            }
        });
    });
    if !state.analysis_open {
        ui.data_mut(|d| d.insert_temp(id, mem));
        return;
    }
    ui.separator();
    // The tab fills the panel whatever it holds: a panel shrinks to content smaller than it,
    // and would keep that height.
    ui.set_min_size(ui.available_size());
    match state.analysis_tab {
        AnalysisTab::Results => results(state, ui, &mem),
        AnalysisTab::IcbmReach => scrolled(ui, "analysis_icbm_tab", |ui| {
            if let Some(result) = mem.result.clone() {
                ui.add_enabled_ui(mem.ready, |ui| {
                    super::icbm_panel::ui(ui, &result, &mut mem.delay)
                });
            }
        }),
        AnalysisTab::Engagement => scrolled(ui, "analysis_engagement_tab", |ui| {
            super::engagement_panel::body(state, ui);
        }),
        AnalysisTab::Assumptions => scrolled(ui, "analysis_assumptions_tab", |ui| {
            if let Some(command) =
                super::assumptions_panel::ui(&state.doc, ui, mem.result.as_deref(), &mut mem.draft)
            {
                state.apply(command);
            }
        }),
    }
    ui.data_mut(|d| d.insert_temp(id, mem));
}

/// `content` in a scroll area of its own that fills the space left, both ways.
fn scrolled(ui: &mut egui::Ui, salt: &str, content: impl FnOnce(&mut egui::Ui)) {
    egui::ScrollArea::both()
        .id_salt(salt)
        .auto_shrink([false, false])
        .show(ui, content);
}

/// The results tab: the summary (map layers, metrics), the defended area and early warning,
/// in three columns, each scrolling on its own.
fn results(state: &mut AppState, ui: &mut egui::Ui, mem: &Memory) {
    let Some(result) = mem.result.clone() else {
        ui.weak("Computing the first result…");
        return;
    };
    let summary = state.summary();
    // The metrics' long rows get the widest share, the early-warning table the rest.
    let (width, height) = (ui.available_width(), ui.available_height());
    let widths = [0.36, 0.28, 0.36].map(|share| width * share - 8.0);
    ui.horizontal_top(|ui| {
        column(ui, [widths[0], height], "analysis_summary", |ui| {
            ui.add_enabled_ui(mem.ready, |ui| {
                map_layers(state, ui, &result);
                super::scenario_panel::metrics(&summary, Some(&result), ui);
                ui.add(
                    egui::Label::new(egui::RichText::new(result.assumptions.summary()).weak())
                        .wrap(),
                );
            });
        });
        column(ui, [widths[1], height], "analysis_defended_column", |ui| {
            ui.add_enabled_ui(mem.ready, |ui| defended(ui, &result));
        });
        column(ui, [widths[2], height], "analysis_warning_column", |ui| {
            ui.add_enabled_ui(mem.ready, |ui| early_warning(ui, &result));
        });
    });
}

/// A column `size` big that scrolls its `content` on its own.
fn column(ui: &mut egui::Ui, [w, h]: [f32; 2], salt: &str, content: impl FnOnce(&mut egui::Ui)) {
    let size = egui::vec2(w.max(120.0), h);
    let down = egui::Layout::top_down(egui::Align::Min);
    ui.allocate_ui_with_layout(size, down, |ui| {
        ui.set_width(size.x);
        scrolled(ui, salt, content);
    });
}

/// Rows for the scenario panel's metrics grid (two columns): defended population and area, and
/// the largest early-warning gain from sharing. Never waits: shows "…" until the result is in.
pub fn metrics(result: Option<&Analysis>, ui: &mut egui::Ui) {
    let mut row = |k: &str, v: String| {
        ui.label(k);
        ui.monospace(v);
        ui.end_row();
    };
    let Some(r) = result else {
        row("Population defended", "…".to_owned());
        row("Area defended", "…".to_owned());
        return;
    };
    row(
        "Population defended",
        format!(
            "{} of {}",
            group_thousands(r.defended.population),
            group_thousands(r.defended.threatened_population)
        ),
    );
    row(
        "Area defended",
        format!(
            "{} km²",
            group_thousands(r.defended.area_km2.round() as u64)
        ),
    );
    let gain = r
        .early_warning
        .iter()
        .filter_map(|w| w.gain_s)
        .reduce(f64::max);
    row(
        "Earliest warning gained by sharing",
        gain.map_or_else(|| "–".to_owned(), |g| format!("{g:.0} s")),
    );
}

/// Asks the state's worker for the result of the current revision, without waiting for it.
fn refresh(state: &mut AppState, mem: &mut Memory) {
    if mem.revision == Some(state.doc.revision) && mem.ready {
        return;
    }
    match state.request_analysis() {
        Answer::Ready(t) => {
            mem.result = Some(t.result);
            mem.ready = true;
        }
        Answer::Computing(previous) => {
            if mem.result.is_none() {
                mem.result = previous.map(|t| t.result);
            }
            mem.ready = false;
        }
    }
    mem.revision = Some(state.doc.revision);
}

fn status(ui: &mut egui::Ui, state: &AppState, mem: &Memory) {
    ui.horizontal_wrapped(|ui| {
        if !mem.ready {
            // Not an animated spinner: that would repaint every frame while the worker runs.
            // The worker's notification repaints once the result is in.
            ui.label(
                egui::RichText::new("Computing… (the figures below are out of date)").italics(),
            );
        } else if let Some(r) = &mem.result {
            let model = state
                .doc
                .scenario
                .models
                .iter()
                .find(|m| m.id == r.model)
                .map_or(r.model.as_str(), |m| m.name.as_str());
            ui.weak(format!(
                "{model}, {}, {} (computed in {:.0} ms)",
                r.year,
                r.timeline.label(),
                r.compute_ms
            ));
        }
    });
}

fn map_layers(state: &mut AppState, ui: &mut egui::Ui, result: &Analysis) {
    ui.horizontal_wrapped(|ui| {
        ui.label("On the map:");
        for (layer, text) in [
            (Layer::Footprint, "Defended footprint"),
            (Layer::Trajectories, "ICBM paths"),
        ] {
            let mut on = state.map.layers.shows(layer);
            if ui.checkbox(&mut on, text).changed() {
                state.map.layers.set(layer, on);
            }
        }
    });
    if !state.map.layers.shows(Layer::Footprint) {
        return;
    }
    let current = state.map.layers.footprint_launch_area.clone();
    let name_of = |id: &Option<String>| match id {
        None => "All launch areas".to_owned(),
        Some(id) => result
            .defended
            .footprints
            .iter()
            .find(|f| &f.id == id)
            .map_or_else(|| id.clone(), |f| format!("From {}", f.name)),
    };
    let mut chosen = current.clone();
    egui::ComboBox::from_label("Footprint")
        .selected_text(name_of(&current))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, name_of(&None));
            for f in &result.defended.footprints {
                let id = Some(f.id.clone());
                let text = name_of(&id);
                ui.selectable_value(&mut chosen, id, text);
            }
        });
    if chosen != current {
        state.map.layers.footprint_launch_area = chosen;
    }
}

fn state_colour(s: CellState) -> egui::Color32 {
    match s {
        CellState::Defended => colour(analysis_layers::DEFENDED.with_alpha(255)),
        CellState::Partial => colour(analysis_layers::PARTIAL.with_alpha(255)),
        CellState::Undefended => colour(analysis_layers::UNDEFENDED.with_alpha(255)),
        CellState::Unthreatened => egui::Color32::GRAY,
    }
}

fn defended(ui: &mut egui::Ui, r: &Analysis) {
    let d = &r.defended;
    ui.add_space(4.0);
    ui.strong("Defended against Iranian missiles");
    egui::Grid::new("analysis_defended")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Population");
            ui.monospace(format!(
                "{} of {}",
                group_thousands(d.population),
                group_thousands(d.threatened_population)
            ))
            .on_hover_text("City-proper population of the defended cities, of the cities within reach of an Iranian missile");
            ui.end_row();
            ui.label("Area");
            ui.monospace(format!(
                "{} of {} km²",
                group_thousands(d.area_km2.round() as u64),
                group_thousands(d.threatened_area_km2.round() as u64)
            ))
            .on_hover_text("Land defended against every launch area that threatens it, of the land within reach");
            ui.end_row();
            super::uncertainty_panel::population(ui, r);
        });
    if d.batteries.is_empty() {
        ui.weak("No interceptor battery is operational this year.");
    }
    for note in &d.notes {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
    egui::CollapsingHeader::new("By launch area")
        .id_salt("analysis_by_launch_area")
        .show(ui, |ui| {
            egui::Grid::new("analysis_launch_areas")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for f in &d.footprints {
                        ui.label(&f.name);
                        ui.monospace(format!(
                            "{} of {} km²",
                            group_thousands(f.defended_km2.round() as u64),
                            group_thousands(f.threatened_km2.round() as u64)
                        ));
                        ui.end_row();
                    }
                });
        });
    let threatened: Vec<_> = d
        .cities
        .iter()
        .filter(|c| c.state != CellState::Unthreatened)
        .collect();
    egui::CollapsingHeader::new(format!("Cities within reach ({})", threatened.len()))
        .id_salt("analysis_cities")
        .show(ui, |ui| {
            egui::Grid::new("analysis_city_grid")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for c in threatened {
                        ui.label(&c.name);
                        let text =
                            egui::RichText::new(c.state.label()).color(state_colour(c.state));
                        let by = if c.by.is_empty() {
                            "No battery reaches a missile aimed here".to_owned()
                        } else {
                            format!("Defended by {}", c.by.join("; "))
                        };
                        ui.label(text).on_hover_text(format!(
                            "{}: population {}; within reach from {}. {by}",
                            c.name,
                            group_thousands(c.population),
                            c.threatened_by.join(", ")
                        ));
                        ui.end_row();
                    }
                });
        });
}

fn early_warning(ui: &mut egui::Ui, r: &Analysis) {
    ui.strong("Early warning: first detection and the gain from sharing");
    ui.weak("Seconds after launch; gain = how much earlier than with NATO's own radars.");
    egui::Grid::new("analysis_warning_grid")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("From → to");
            ui.strong("Seen");
            ui.strong("By");
            ui.strong("Gain");
            ui.end_row();
            for w in &r.early_warning {
                let route = format!("{} → {}", w.launch_area_name, w.target_name);
                let label = ui.label(&route);
                if !w.in_range {
                    label.on_hover_text("No missile of the catalogue has this range");
                }
                ui.monospace(
                    w.first_detection_s
                        .map_or_else(|| "never".to_owned(), |t| format!("{t:.0} s")),
                );
                ui.label(w.radar.as_deref().unwrap_or("–"));
                let gain = match (w.gain_s, w.seen_only_with_sharing()) {
                    (Some(g), _) => format!("{g:.0} s"),
                    (None, true) => "only shared".to_owned(),
                    (None, false) => "–".to_owned(),
                };
                ui.monospace(gain);
                ui.end_row();
            }
        });
}
