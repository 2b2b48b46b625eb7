//! The analysis panel's verdict under uncertainty: each figure again at the two ends of the
//! uncertain inputs (see [`crate::analysis::Spread`]).

use crate::analysis::{self, Analysis};
use crate::format::group_thousands;

/// "12,345,678–23,456,789 across the uncertainty", under the defended population.
pub(super) fn population(ui: &mut egui::Ui, r: &Analysis) {
    let Some(spread) = &r.spread else {
        return;
    };
    let (low, high) = spread.population_range();
    ui.label("Across the uncertainty");
    ui.monospace(format!(
        "{}–{}",
        group_thousands(low),
        group_thousands(high)
    ))
    .on_hover_text(format!(
        "Defended population with every one of the {} uncertain inputs at the end least, then most, favourable to the defence",
        spread.inputs
    ));
    ui.end_row();
}

/// One line per battery under the ICBM matrix: flights reached under the chosen launch rule, for
/// the reference values and across the uncertainty.
pub(super) fn icbm(ui: &mut egui::Ui, r: &Analysis, launch: usize) {
    if r.spread.is_none() {
        return;
    }
    egui::CollapsingHeader::new("Across the uncertainty")
        .id_salt("analysis_icbm_uncertainty")
        .default_open(true)
        .show(ui, |ui| {
            for b in 0..r.icbm.batteries.len() {
                if let Some(line) = analysis::icbm_line(r, b, launch) {
                    ui.label(egui::RichText::new(line).small());
                }
            }
        });
}
