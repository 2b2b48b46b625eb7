//! The scenario panel: cooperation model, year and timeline, joint centres, shared radars and the
//! metrics box. It reads the document and returns what the user changed, as commands the caller
//! applies through the one undoable path ([`AppState::apply_edits`]).

use super::AppState;
use super::state::{Document, Edit};
use crate::analysis::Analysis;
use crate::command::{Command, YEARS};
use crate::cooperation::{Architecture, Summary};
use crate::scenario::{Scenario, Side, SiteKind, TimelineChoice};

/// Where the joint centres could go, with who proposed it.
pub const CENTRE_PRESETS: [(&str, f64, f64); 2] = [
    // Moscow: the 2000 JDEC memorandum of agreement.
    ("Moscow (JDEC 2000)", 55.752, 37.618),
    // Brussels: Putin's suggestion at Kennebunkport, July 2007.
    ("Brussels (Putin 2007)", 50.85, 4.349),
];

/// EPAA phases as announced in 2009–2011, drawn on the year slider.
const PHASES: [(i32, &str); 4] = [
    (2011, "Ph 1"),
    (2015, "Ph 2"),
    (2018, "Ph 3"),
    (2020, "Ph 4"),
];

/// Shows the panel and applies what the user changed.
pub fn show(state: &mut AppState, ui: &mut egui::Ui) {
    let edits = ui_edits(&state.doc, state.notice.as_deref(), ui);
    state.apply_edits(edits);
}

/// The panel for `doc`; returns the user's changes in the order they were made.
/// `notice` is the last change that was refused, and why.
pub fn ui_edits(doc: &Document, notice: Option<&str>, ui: &mut egui::Ui) -> Vec<Edit> {
    let s = &doc.scenario;
    let mut edits = Vec::new();
    model(s, ui, &mut edits);
    ui.add_space(4.0);
    year(s, ui, &mut edits);
    centres(s, ui, &mut edits);
    shared_radars(s, ui, &mut edits);
    if let Some(notice) = notice {
        ui.colored_label(ui.visuals().warn_fg_color, notice);
    }
    edits
}

fn model(s: &Scenario, ui: &mut egui::Ui, edits: &mut Vec<Edit>) {
    ui.strong("Cooperation model");
    for m in &s.models {
        if ui.radio(s.model == m.id, m.name.as_str()).clicked() {
            edits.push(Edit::Apply(Command::SetModel(m.id.clone())));
        }
    }
    if let Some(m) = s.active_model() {
        ui.add(egui::Label::new(egui::RichText::new(&m.description).small().weak()).wrap());
        ui.label(format!("Assurance: {}", m.assurance.label()));
    }
}

fn year(s: &Scenario, ui: &mut egui::Ui, edits: &mut Vec<Edit>) {
    ui.strong("Timeline");
    let mut year = s.year;
    ui.spacing_mut().slider_width = (ui.available_width() - 70.0).max(120.0);
    let slider = egui::Slider::new(&mut year, YEARS).clamping(egui::SliderClamping::Always);
    let response = ui.add(slider);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Year"));
    // One slider gesture is one undo step.
    if response.drag_started() {
        edits.push(Edit::Gesture(true));
    }
    if year != s.year {
        edits.push(Edit::Apply(Command::SetYear(year)));
    }
    if response.drag_stopped() {
        edits.push(Edit::Gesture(false));
    }
    phase_marks(ui, response.rect);
    ui.horizontal(|ui| {
        for choice in [TimelineChoice::AsHappened, TimelineChoice::AsPlanned2012] {
            if ui.radio(s.timeline == choice, choice.label()).clicked() {
                edits.push(Edit::Apply(Command::SetTimeline(choice)));
            }
        }
    });
}

/// Ticks under the slider's track at the EPAA phase years.
fn phase_marks(ui: &mut egui::Ui, slider: egui::Rect) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(slider.width(), 14.0), egui::Sense::hover());
    let spacing = ui.spacing();
    let track = egui::Rangef::new(
        slider.left() + spacing.interact_size.y / 2.0,
        slider.left() + spacing.slider_width - spacing.interact_size.y / 2.0,
    );
    let painter = ui.painter();
    let colour = ui.visuals().weak_text_color();
    for (year, name) in PHASES {
        let t = (year - YEARS.start()) as f32 / (YEARS.end() - YEARS.start()) as f32;
        let x = track.min + t * track.span();
        painter.line_segment(
            [egui::pos2(x, rect.top()), egui::pos2(x, rect.top() + 4.0)],
            egui::Stroke::new(1.0, colour),
        );
        painter.text(
            egui::pos2(x, rect.top() + 4.0),
            egui::Align2::CENTER_TOP,
            name,
            egui::FontId::proportional(9.0),
            colour,
        );
    }
}

fn centres(s: &Scenario, ui: &mut egui::Ui, edits: &mut Vec<Edit>) {
    let Some(model) = s.active_model() else {
        return;
    };
    let centres: Vec<_> = model.centres.clone();
    if centres.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong("Joint centres");
    for centre in centres {
        let Some(site) = s.site(&centre.site) else {
            continue;
        };
        ui.label(format!(
            "{} — {:.2}° N, {:.2}° E",
            centre.role.label(),
            site.lat,
            site.lon
        ));
        ui.horizontal_wrapped(|ui| {
            for (name, lat, lon) in CENTRE_PRESETS {
                let here = (site.lat - lat).abs() < 1e-6 && (site.lon - lon).abs() < 1e-6;
                let response = ui.selectable_label(here, name);
                let label = format!("{} at {name}", centre.role.label());
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if response.clicked() && !here {
                    edits.push(Edit::Apply(Command::MoveSite {
                        id: site.id.clone(),
                        lat,
                        lon,
                    }));
                }
            }
        });
    }
    ui.weak("Or drag a centre on the map.");
}

fn shared_radars(s: &Scenario, ui: &mut egui::Ui, edits: &mut Vec<Edit>) {
    let Some(model) = s.active_model() else {
        return;
    };
    if model.architecture == Architecture::Independent {
        return;
    }
    let shared = model.shared_radars.clone();
    egui::CollapsingHeader::new(format!("Radars sharing data ({})", shared.len()))
        .default_open(false)
        .show(ui, |ui| {
            for side in [Side::UsNato, Side::Russia] {
                ui.label(egui::RichText::new(side.label()).italics());
                let radars: Vec<(String, String, bool)> = s
                    .active_sites()
                    .filter(|(s, _)| {
                        s.side == side && s.kind == SiteKind::Radar && s.radar.is_some()
                    })
                    .map(|(s, _)| (s.id.clone(), s.label().to_owned(), shared.contains(&s.id)))
                    .collect();
                for (id, label, mut on) in radars {
                    if ui.checkbox(&mut on, label).changed() {
                        edits.push(Edit::Apply(Command::SetRadarShared {
                            radar: id,
                            shared: on,
                        }));
                    }
                }
            }
        });
}

/// The metrics box: counts of what the map shows, and the analysis's headline figures.
pub(super) fn metrics(s: &Summary, analysis: Option<&Analysis>, ui: &mut egui::Ui) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong("Metrics");
        egui::Grid::new("metrics").num_columns(2).show(ui, |ui| {
            let mut row = |k: &str, v: usize| {
                ui.label(k);
                ui.monospace(v.to_string());
                ui.end_row();
            };
            row("Sites on the map", s.sites_active);
            row("Interceptor batteries operational", s.batteries_operational);
            row("Radars feeding US/NATO interceptors", s.radars_feeding_nato);
            row("Radars sharing with joint centres", s.radars_sharing);
            row("Data links", s.links);
            row("Sectors", s.sectors);
            super::analysis_panel::metrics(analysis, ui);
        });
    });
}
