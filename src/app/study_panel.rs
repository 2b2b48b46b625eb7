//! Published-study settings in the assumptions section: one choice puts the analysis on a
//! study's values (one undoable command), and the panel sets the study's conclusion beside what
//! the app computes with them.

use crate::analysis::{Analysis, studies};
use crate::command::Command;
use crate::scenario::Scenario;

/// The choice and, when a study is chosen, its citation, conclusion and the app's verdict.
pub(super) fn ui(ui: &mut egui::Ui, s: &Scenario, result: Option<&Analysis>) -> Option<Command> {
    let current = s.assumptions.study.as_deref().and_then(studies::study);
    let mut chosen = None;
    egui::ComboBox::from_label("Published study settings")
        .selected_text(current.map_or("none", |st| st.name))
        .show_ui(ui, |ui| {
            for st in &studies::STUDIES {
                if ui.selectable_label(current == Some(st), st.name).clicked() {
                    chosen = Some(Command::ApplyStudy(st.id.to_owned()));
                }
            }
        });
    if let Some(st) = current {
        let small = |t: String| egui::RichText::new(t).small();
        ui.label(small(format!("Source: {}", st.citation)));
        ui.label(small(format!("Sets: {}.", studies::fixes(st))));
        ui.label(small(format!(
            "Launch rule: {}.",
            studies::launch_rule(&s.assumptions)
        )));
        ui.label(small(format!("The study: {}.", st.conclusion)));
        if let Some(r) = result {
            ui.label(small(format!("This app: {}.", studies::verdict(st, r))));
        }
        let inherited = result.and_then(|r| r.study_left_as_it_was.as_deref());
        let left = small(studies::left_text(st, inherited));
        match inherited {
            None => ui.label(left.weak()),
            Some(_) => ui.label(left.color(ui.visuals().warn_fg_color)),
        };
    }
    chosen
}
