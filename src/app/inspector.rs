//! The inspector: every field of the selected object, its source, and whether it is uncertain.

use super::AppState;
use super::commands::UiCommand;
use crate::scenario::{City, Scenario, Site, StatusChange};
use crate::scene::ItemRef;

/// The inspector panel for the selection.
pub fn ui(state: &mut AppState, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        ui.strong("Inspector");
        if let Some(ItemRef::Site(_)) = state.selected() {
            let edit = UiCommand::EditFields;
            let mut editing = state.editing;
            if ui
                .toggle_value(&mut editing, edit.name())
                .on_hover_text(edit.hover_text(ui.ctx()))
                .clicked()
            {
                edit.execute(state, &ui.ctx().clone());
            }
            UiCommand::Duplicate.small_button(ui, state);
            UiCommand::Delete.small_button(ui, state);
        }
        let close = UiCommand::CloseInspector;
        let enabled = close.is_enabled(state);
        // A screen reader says "Close the inspector", not "✕".
        close
            .show(ui, state, egui::Button::new("✕").small())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, close.name()));
    });
    ui.separator();
    let editing = state.editing;
    egui::ScrollArea::vertical().show(ui, |ui| match state.selected() {
        Some(ItemRef::Site(i)) if editing => {
            let edits = super::site_editor::ui(&state.doc, i, ui);
            state.apply_edits(edits);
        }
        Some(ItemRef::Site(i)) => {
            if let Some(site) = state.doc.scenario.sites.get(i) {
                site_ui(&state.doc.scenario, site, ui);
            }
        }
        Some(ItemRef::City(i)) => {
            if let Some(city) = state.doc.scenario.cities.get(i) {
                city_ui(city, ui);
            }
        }
        Some(ItemRef::Annotation(i)) => {
            let edits = super::annotation_editor::ui(&state.doc, i, ui);
            state.apply_edits(edits);
        }
        None => {}
    });
}

/// A SIDC as shown: the code, and what is wrong with it when it is malformed, or what APP-6D
/// mode cannot draw of it.
fn sidc_text(sidc: &str) -> String {
    let note = crate::symbology::problem(sidc).or_else(|| {
        let code = sidc.parse().ok()?;
        crate::symbology::drawing_note(&code)
    });
    match note {
        None => sidc.to_owned(),
        Some(note) => format!("{sidc} ⚠ {note}"),
    }
}

fn row(ui: &mut egui::Ui, key: &str, value: impl Into<egui::WidgetText>) {
    ui.label(egui::RichText::new(key).weak());
    ui.add(egui::Label::new(value).wrap());
    ui.end_row();
}

fn uncertain_banner(ui: &mut egui::Ui) {
    ui.colored_label(
        egui::Color32::from_rgb(0xb3, 0x6b, 0x00),
        "⚠ Uncertain: position, figures or dates are disputed or unverified (see notes)",
    );
}

fn site_ui(scenario: &Scenario, site: &Site, ui: &mut egui::Ui) {
    ui.heading(&site.name);
    if site.uncertain {
        uncertain_banner(ui);
    }
    egui::Grid::new("site")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            row(ui, "Id", &site.id);
            row(ui, "Country", &site.country);
            row(ui, "Side", site.side.label());
            row(ui, "Kind", site.kind.label());
            row(ui, "Systems", &site.system);
            if site.sidc.trim().is_empty() {
                let default = format!("{} (the default for its kind and side)", site.sidc());
                row(ui, "SIDC (2525D / APP-6D)", default);
            } else {
                row(ui, "SIDC (2525D / APP-6D)", sidc_text(&site.sidc));
            }
            if let Ok(code) = site.sidc().parse() {
                row(ui, "Symbol", crate::symbology::describe(&code));
            }
            row(
                ui,
                "Position",
                format!("{:.3}° N, {:.3}° E", site.lat, site.lon),
            );
            let status = site
                .status_in(scenario.year, scenario.timeline)
                .map_or("not yet heard of", |s| s.label());
            row(ui, &format!("Status in {}", scenario.year), status);
            if let Some(r) = &site.radar {
                row(
                    ui,
                    "Radar",
                    format!(
                        "range {:.0} km, boresight {:.0}°, field of view {:.0}°{}",
                        r.range_km,
                        r.boresight_deg,
                        r.fov_deg,
                        if r.uncertain { " (uncertain)" } else { "" }
                    ),
                );
            }
            for b in &site.batteries {
                let kind = scenario.interceptor_type(&b.interceptor);
                let name = kind.map_or(b.interceptor.as_str(), |k| k.name.as_str());
                let count = b.count.map_or(String::new(), |n| format!("{n} × "));
                let detail = kind.map_or(String::new(), |k| {
                    format!(
                        ": burnout ≈{} km/s, reach ≈{:.0} km{}",
                        k.burnout_kms,
                        k.range_km,
                        if k.uncertain { " (estimate)" } else { "" }
                    )
                });
                let status = b
                    .timeline
                    .status_in(scenario.year, scenario.timeline)
                    .map_or("not yet", |s| s.label());
                row(
                    ui,
                    "Interceptors",
                    format!("{count}{name}{detail} — {status}"),
                );
            }
        });
    ui.add_space(6.0);
    ui.strong("Timeline");
    timeline(ui, "As it happened", &site.timeline.actual);
    if !site.timeline.planned.is_empty() {
        timeline(ui, "As planned in 2012", &site.timeline.planned);
    }
    if !site.notes.is_empty() {
        ui.add_space(6.0);
        ui.strong("Notes");
        ui.add(egui::Label::new(&site.notes).wrap());
    }
    ui.add_space(6.0);
    ui.strong("Source");
    ui.add(egui::Label::new(&site.source).wrap());
}

fn timeline(ui: &mut egui::Ui, title: &str, changes: &[StatusChange]) {
    ui.label(egui::RichText::new(title).italics());
    for c in changes {
        let note = if c.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", c.note)
        };
        ui.add(egui::Label::new(format!("{}: {}{}", c.year, c.status.label(), note)).wrap());
    }
}

fn city_ui(city: &City, ui: &mut egui::Ui) {
    ui.heading(&city.name);
    egui::Grid::new("city")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            row(ui, "Country", &city.country);
            row(
                ui,
                "Position",
                format!("{:.3}° N, {:.3}° E", city.lat, city.lon),
            );
            if let Some(n) = city.population {
                row(
                    ui,
                    "Population",
                    format!("{n} (city proper; metropolitan areas are larger)"),
                );
            }
        });
    ui.add_space(6.0);
    ui.strong("Source");
    ui.add(egui::Label::new(&city.source).wrap());
}
