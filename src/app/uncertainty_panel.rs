//! The analysis panel's verdict under uncertainty: each figure again at the two ends of the
//! uncertain inputs (see [`crate::analysis::Spread`]).

use crate::analysis::Analysis;
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

/// A table under the ICBM matrix, one row per battery: the flights it reaches under the chosen
/// launch rule with the reference values, and across the uncertainty.
pub(super) fn icbm(ui: &mut egui::Ui, r: &Analysis, launch: usize) {
    let (Some(spread), Some(l)) = (&r.spread, r.icbm.launches.get(launch)) else {
        return;
    };
    ui.add_space(6.0);
    ui.strong("Across the uncertainty");
    ui.weak(format!(
        "Flights of the {} in range that each battery reaches, with every one of the {} uncertain \
         inputs at its reference value, then at the ends least and most favourable to the defence",
        r.icbm.flights_in_range(),
        spread.inputs
    ));
    egui::Grid::new("analysis_icbm_uncertainty")
        .num_columns(5)
        .striped(true)
        .show(ui, |ui| {
            for heading in [
                "Battery",
                "Interceptor",
                "Launched",
                "Reference",
                "Across the range",
            ] {
                ui.strong(heading);
            }
            ui.end_row();
            for (b, battery) in r.icbm.batteries.iter().enumerate() {
                let (low, high) = spread.reached_range(b, launch);
                ui.label(&battery.name);
                ui.label(&battery.interceptor_name);
                ui.label(l.label());
                ui.monospace(format!(
                    "{} of {}",
                    r.icbm.reached(b, launch),
                    r.icbm.flights_in_range()
                ));
                ui.monospace(format!("{low}–{high}"));
                ui.end_row();
            }
        });
}
