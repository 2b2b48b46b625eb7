//! The analysis panel's ICBM tab: could these interceptors reach Russia's ICBMs? A matrix of
//! bases and batteries per launch rule, the flights in range, and the verdict under
//! uncertainty.

use crate::analysis::{Analysis, Icbm, IcbmBattery};
use crate::picture::analysis_layers;
use crate::render::egui_painter::colour;

/// The ICBM tab: which Russian ICBM flights each battery could reach, per launch delay, with
/// the verdict under uncertainty.
pub(super) fn ui(ui: &mut egui::Ui, r: &Analysis, delay: &mut usize) {
    let i = &r.icbm;
    ui.add_space(4.0);
    ui.strong("Could these interceptors reach Russian ICBMs?");
    if i.launches.is_empty() || i.batteries.is_empty() {
        ui.weak("No battery or no launch rule to consider.");
        return;
    }
    *delay = (*delay).min(i.launches.len() - 1);
    ui.horizontal_wrapped(|ui| {
        ui.label("Interceptor launched");
        for (k, l) in i.launches.iter().enumerate() {
            let text = match l {
                crate::analysis::Launch::Fixed(d) => format!("{d:.0} s after the ICBM"),
                crate::analysis::Launch::Cued => "when cued by a radar".to_owned(),
            };
            ui.radio_value(delay, k, text)
                .on_hover_text("Cued: at the first detection by a radar whose data reach the battery under the model, plus the decision delay");
        }
    });
    ui.weak(
        "Least burnout speed (km/s) to reach an ICBM from the base bound for any US target; \
         red: the battery's own interceptor has it; italic columns: not operational this year.",
    );
    flights_in_range(ui, i);
    let bases = i.bases();
    egui::ScrollArea::horizontal()
        .id_salt("analysis_icbm_scroll")
        .show(ui, |ui| {
            egui::Grid::new("analysis_icbm_matrix")
                .num_columns(i.batteries.len() + 1)
                .spacing([4.0, 2.0])
                .show(ui, |ui| {
                    ui.label("");
                    for b in &i.batteries {
                        battery_heading(ui, b);
                    }
                    ui.end_row();
                    for (base, name) in &bases {
                        ui.label(name);
                        for bi in 0..i.batteries.len() {
                            icbm_cell(ui, i, (*base, name), bi, *delay);
                        }
                        ui.end_row();
                    }
                });
        });
    super::uncertainty_panel::icbm(ui, r, *delay);
}

/// How many flights the matrix is over, and which were left out as beyond their missile's range.
fn flights_in_range(ui: &mut egui::Ui, i: &Icbm) {
    let beyond = i.beyond_range();
    let text = format!(
        "Over {} flights in range{}",
        i.flights_in_range(),
        match beyond.len() {
            0 => String::new(),
            n => format!("; {n} beyond their missile's range left out"),
        }
    );
    let label = ui.weak(text);
    if !beyond.is_empty() {
        label.on_hover_text(beyond.join("\n"));
    }
}

/// A column heading of the ICBM matrix: the site and its interceptor, italic when the battery
/// is not operational this year.
fn battery_heading(ui: &mut egui::Ui, b: &IcbmBattery) {
    let short = b
        .interceptor_name
        .strip_prefix("SM-3 Block ")
        .and_then(|x| x.split_whitespace().next())
        .unwrap_or(&b.interceptor_name);
    let site: String = b.name.chars().take(9).collect();
    let mut text = egui::RichText::new(format!("{site}\n{short}")).small();
    if b.status != crate::scenario::Status::Operational {
        // Not operational this year: planned, proposed or being built.
        text = text.italics().weak();
    }
    ui.label(text).on_hover_text(format!(
        "{}: {} ({:.1} km/s, {})",
        b.name,
        b.interceptor_name,
        b.own_burnout_kms,
        b.status.label()
    ));
}

/// One cell of the ICBM matrix: the least burnout speed battery `bi` needs against ICBMs from
/// `base` at launch delay `delay`, red when its own interceptor has it, with the targets reached.
fn icbm_cell(ui: &mut egui::Ui, i: &Icbm, (base, name): (usize, &str), bi: usize, delay: usize) {
    let b = &i.batteries[bi];
    let (reach, least) = i.cell(base, bi, delay);
    let text = least.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    let (bg, fg) = if reach {
        (colour(analysis_layers::REACHED), egui::Color32::WHITE)
    } else {
        (ui.visuals().faint_bg_color, ui.visuals().text_color())
    };
    let targets: Vec<&str> = i
        .rows
        .iter()
        .filter(|x| x.base == base && x.battery == bi && x.reachable && x.launch == delay)
        .map(|x| x.target_name.as_str())
        .collect();
    ui.label(
        egui::RichText::new(text)
            .monospace()
            .small()
            .background_color(bg)
            .color(fg),
    )
    .on_hover_text(
        format!(
            "{name} → US, {} ({}, own {:.1} km/s): least needed {}; reaches {}",
            b.name,
            b.interceptor_name,
            b.own_burnout_kms,
            least.map_or_else(|| "none possible".to_owned(), |v| format!("{v:.2} km/s")),
            if targets.is_empty() {
                "no target's ICBM".to_owned()
            } else {
                format!("the ICBM bound for {}", targets.join(", "))
            }
        ) + &i
            .cue_summary(base, bi, delay)
            .map_or_else(String::new, |c| format!("; {c}")),
    );
}
