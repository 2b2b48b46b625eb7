//! The analysis panel's assumptions tab: every assumption behind the results, editable, with
//! the published studies' settings; an edit is one command, so it undoes.

use super::state::Document;
use crate::analysis::{self, Analysis, Assumptions};
use crate::command::Command;

/// How this frame's edits went: whether a drag is under way, and whether an edit is finished
/// and should be applied.
#[derive(Default)]
struct Edit {
    dragging: bool,
    commit: bool,
}

impl Edit {
    /// Notes a widget's response: a drag is applied when it ends, other changes at once.
    fn note(&mut self, response: &egui::Response) {
        self.dragging |= response.dragged();
        self.commit |= response.drag_stopped() || (response.changed() && !response.dragged());
    }
}

/// The assumptions, editable; returns the command for a finished edit, for the caller to
/// apply. Drags edit `draft`, applied as one command when the drag ends; `result` is the
/// analysis shown (the studies' table compares with it).
pub(super) fn ui(
    doc: &Document,
    ui: &mut egui::Ui,
    result: Option<&Analysis>,
    draft_slot: &mut Option<Assumptions>,
) -> Option<Command> {
    let shown = egui::CollapsingHeader::new("Assumptions, editable")
        .id_salt("analysis_assumptions")
        .default_open(true)
        .show(ui, |ui| {
            let study = super::study_panel::ui(ui, &doc.scenario, result);
            let current = doc.scenario.assumptions.clone();
            let mut draft = draft_slot.clone().unwrap_or_else(|| current.clone());
            let mut edit = Edit::default();
            egui::Grid::new("analysis_assumption_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    number_rows(ui, &mut draft, &mut edit);
                    ui.label("Grid cells");
                    edit.commit |= ui
                        .checkbox(&mut draft.grid_land_only, "On land only")
                        .changed();
                    ui.end_row();
                    ui.label("Interceptor launch delays");
                    ui.horizontal_wrapped(|ui| launch_delays(ui, &mut draft, &mut edit));
                    ui.end_row();
                });
            egui::CollapsingHeader::new("Early-warning targets")
                .id_salt("analysis_warning_targets")
                .show(ui, |ui| warning_targets(ui, doc, &mut draft, &mut edit));
            if ui
                .add_enabled(
                    current != Assumptions::default(),
                    egui::Button::new("Reset to the reference values"),
                )
                .clicked()
            {
                draft = Assumptions::default();
                edit.commit = true;
            }
            for (field, message) in current.problems() {
                ui.colored_label(ui.visuals().warn_fg_color, format!("{field}: {message}"));
            }
            study.or_else(|| draft_command(draft_slot, draft, &current, &edit))
        });
    shown.body_returned.flatten()
}

/// One grid row per numeric assumption, with its range, unit and field name.
fn number_rows(ui: &mut egui::Ui, draft: &mut Assumptions, edit: &mut Edit) {
    for (range, value) in draft.numbers_mut() {
        ui.label(range.label);
        let span = range.max - range.min;
        let decimals = if range.field == "mu_km3_s2" {
            4
        } else if span <= 10.0 {
            3
        } else {
            1
        };
        let response = ui.add(
            egui::DragValue::new(value)
                .range(range.min..=range.max)
                .speed(span / 2000.0)
                .max_decimals(decimals)
                .suffix(if range.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", range.unit)
                }),
        );
        let response = response.on_hover_text(range.field);
        edit.note(&response);
        edit.commit |= response.lost_focus();
        ui.end_row();
    }
}

/// The interceptor launch delays: one editor each with a remove button, and "Add delay".
fn launch_delays(ui: &mut egui::Ui, draft: &mut Assumptions, edit: &mut Edit) {
    let delays = Assumptions::LAUNCH_DELAYS;
    let mut remove = None;
    for (k, d) in draft.icbm_launch_delays_s.iter_mut().enumerate() {
        let response = ui.add(
            egui::DragValue::new(d)
                .range(delays.min..=delays.max)
                .speed(1.0)
                .suffix(" s"),
        );
        edit.note(&response);
        let label = format!("Remove the {:.0} s delay", *d);
        let x = ui.small_button("×").on_hover_text(&label);
        x.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if x.clicked() {
            remove = Some(k);
        }
    }
    if let Some(k) = remove {
        draft.icbm_launch_delays_s.remove(k);
        edit.commit = true;
    }
    if draft.icbm_launch_delays_s.len() < analysis::MAX_LAUNCH_DELAYS
        && ui.small_button("Add delay").clicked()
    {
        let next = draft
            .icbm_launch_delays_s
            .last()
            .map_or(120.0, |d| d + 60.0);
        draft.icbm_launch_delays_s.push(next.min(delays.max));
        edit.commit = true;
    }
}

/// A checkbox per city of the scenario: whether early warning is measured for it.
fn warning_targets(ui: &mut egui::Ui, doc: &Document, draft: &mut Assumptions, edit: &mut Edit) {
    for city in doc
        .scenario
        .cities
        .iter()
        .filter(|c| c.kind == crate::scenario::CityKind::City)
    {
        let mut on = draft.early_warning_targets.contains(&city.id);
        if ui.checkbox(&mut on, &city.name).changed() {
            draft.early_warning_targets.retain(|x| x != &city.id);
            if on {
                draft.early_warning_targets.push(city.id.clone());
            }
            edit.commit = true;
        }
    }
}

/// The command for a finished edit (none if nothing changed); keeps the draft while a drag
/// goes on, and drops it otherwise.
fn draft_command(
    slot: &mut Option<Assumptions>,
    draft: Assumptions,
    current: &Assumptions,
    edit: &Edit,
) -> Option<Command> {
    if edit.commit && !edit.dragging {
        *slot = None;
        (draft != *current).then(|| Command::SetAssumptions(Box::new(draft)))
    } else {
        *slot = edit.dragging.then_some(draft);
        None
    }
}
