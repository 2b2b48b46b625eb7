//! Help ▸ Keyboard shortcuts (from the command registry) and Help ▸ About.

use super::AppState;
use super::commands::UiCommand;

/// Which help window is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpWindow {
    Shortcuts,
    About,
}

/// The help window, when one is open.
pub fn ui(state: &mut AppState, ctx: &egui::Context) {
    let Some(which) = state.help else { return };
    let mut open = true;
    match which {
        HelpWindow::Shortcuts => {
            egui::Window::new("Keyboard shortcuts")
                .open(&mut open)
                .collapsible(false)
                .show(ctx, |ui| shortcuts(ui, ctx));
        }
        HelpWindow::About => {
            egui::Window::new("About BMD Atlas")
                .open(&mut open)
                .collapsible(false)
                .default_width(460.0)
                .show(ctx, |ui| about(state, ui));
        }
    }
    if !open {
        state.help = None;
    }
}

/// Every command with a shortcut, with all its keys as this platform writes them.
fn shortcuts(ui: &mut egui::Ui, ctx: &egui::Context) {
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for command in UiCommand::ALL {
                let keys: Vec<String> = command
                    .shortcuts()
                    .iter()
                    .map(|s| ctx.format_shortcut(s))
                    .collect();
                if keys.is_empty() {
                    continue;
                }
                ui.label(command.name().trim_end_matches('…'));
                ui.monospace(keys.join(", "));
                ui.end_row();
            }
        });
    ui.weak("Bare keys (Delete, Home, +, −) act on the map, not while typing in a field.");
}

fn about(state: &AppState, ui: &mut egui::Ui) {
    ui.heading(format!("BMD Atlas {}", env!("CARGO_PKG_VERSION")));
    ui.label(env!("CARGO_PKG_DESCRIPTION"));
    ui.add_space(6.0);
    ui.strong("Data");
    let s = &state.doc.scenario;
    let mut sources: Vec<&str> = s
        .sites
        .iter()
        .map(|x| x.source.as_str())
        .chain(s.cities.iter().map(|c| c.source.as_str()))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let uncertain = s.sites.iter().filter(|x| x.uncertain).count();
    ui.label(format!(
        "This scenario cites {} sources for its {} sites and {} cities; {uncertain} sites are \
         flagged uncertain. Each object's source is in the inspector.",
        sources.len(),
        s.sites.len(),
        s.cities.len()
    ));
    ui.label(
        "Country and land outlines: Natural Earth (public domain), as TopoJSON by \
         world-atlas (ISC licence).",
    );
    ui.add_space(6.0);
    ui.strong("Licences");
    ui.label("BMD Atlas: MIT OR Apache-2.0.");
    ui.label("Font: DejaVu Sans (Bitstream Vera licence, free to use and embed).");
    ui.label("Libraries: egui, eframe, geo, resvg, svg2pdf and others, under MIT, Apache-2.0 or similar permissive licences.");
}
