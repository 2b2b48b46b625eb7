//! The comparison strip: the right-hand map's own model, year and timeline, and a table of what
//! differs from the left-hand one.

use super::AppState;
use super::compare::Compare;
use crate::command::{Command, YEARS};
use crate::cooperation::Difference;
use crate::scenario::TimelineChoice;

pub fn ui(state: &mut AppState, ui: &mut egui::Ui) {
    let Some(compare) = state.compare.as_mut() else {
        return;
    };
    let mut refused = None;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(300.0);
            ui.strong("Right-hand map");
            if let Some(command) = choices(compare, ui) {
                refused = compare.apply(command).err();
            }
        });
        ui.separator();
        let d = compare.difference(&state.doc.scenario, state.doc.revision);
        ui.vertical(|ui| differences(d, ui));
    });
    if refused.is_some() {
        state.notice = refused;
    }
}

/// The right-hand map's model, year and timeline; the change chosen, if any.
fn choices(compare: &Compare, ui: &mut egui::Ui) -> Option<Command> {
    let mut command = None;
    let current = compare
        .scenario
        .active_model()
        .map_or(String::new(), |m| m.name.clone());
    egui::ComboBox::from_label("model")
        .selected_text(current)
        .width(240.0)
        .show_ui(ui, |ui| {
            for m in &compare.scenario.models {
                if ui
                    .selectable_label(m.id == compare.scenario.model, &m.name)
                    .clicked()
                {
                    command = Some(Command::SetModel(m.id.clone()));
                }
            }
        });
    let mut year = compare.scenario.year;
    let response = ui.add(egui::Slider::new(&mut year, YEARS).text("year"));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Right-hand year"));
    if year != compare.scenario.year {
        command = Some(Command::SetYear(year));
    }
    ui.horizontal(|ui| {
        for choice in [TimelineChoice::AsHappened, TimelineChoice::AsPlanned2012] {
            if ui
                .radio(compare.scenario.timeline == choice, choice.label())
                .clicked()
            {
                command = Some(Command::SetTimeline(choice));
            }
        }
    });
    command
}

fn differences(d: &Difference, ui: &mut egui::Ui) {
    ui.strong("What differs (left → right)");
    if d.is_empty() {
        ui.weak("Nothing: both maps show the same picture.");
        return;
    }
    egui::ScrollArea::vertical()
        .max_height(170.0)
        .show(ui, |ui| {
            egui::Grid::new("difference")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for (what, x, y) in &d.counts {
                        ui.label(*what);
                        ui.monospace(x.to_string());
                        ui.monospace(y.to_string());
                        ui.end_row();
                    }
                });
            let mut list = |title: &str, items: &[String]| {
                if !items.is_empty() {
                    ui.label(egui::RichText::new(format!("{title} ({})", items.len())).italics());
                    for item in items {
                        ui.label(format!("• {item}"));
                    }
                }
            };
            list("Links only on the left", &d.links_only_a);
            list("Links only on the right", &d.links_only_b);
            list("Sectors only on the left", &d.sectors_only_a);
            list("Sectors only on the right", &d.sectors_only_b);
            list("Sites only on the left", &d.sites_only_a);
            list("Sites only on the right", &d.sites_only_b);
        });
}
