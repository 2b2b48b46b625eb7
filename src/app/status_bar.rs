//! The status bar: cursor position, projection, level of detail and scale.

use super::AppState;
use super::map_panel::MapPanel;

pub fn ui(state: &mut AppState, map: &MapPanel, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        if let Some(kind) = state.placing {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Click the map to place the new {} (Esc cancels)",
                    kind.label().to_lowercase()
                ),
            );
            ui.separator();
        }
        match map.cursor {
            Some(p) => ui.monospace(format_lat_lon(p.y(), p.x())),
            None => ui.monospace("                         "),
        };
        ui.separator();
        let projection = state.scene().projection_name.clone();
        ui.label(projection);
        ui.separator();
        ui.label(format!("Natural Earth {}", state.map.view.scale().label()));
        if let Some(bar) = state.map.view.scale_bar(120.0) {
            ui.separator();
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(bar.length_px, 12.0), egui::Sense::hover());
            let stroke = egui::Stroke::new(2.0, ui.visuals().text_color());
            let y = rect.center().y + 3.0;
            ui.painter().line_segment(
                [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                stroke,
            );
            for x in [rect.left(), rect.right()] {
                ui.painter()
                    .line_segment([egui::pos2(x, y - 5.0), egui::pos2(x, y)], stroke);
            }
            ui.label(bar.label)
                .on_hover_text("True on the ellipsoid at the centre of the map");
        }
    });
}

/// `52.5200° N  13.4050° E`.
///
/// ```ignore
/// assert_eq!(format_lat_lon(-1.5, 2.25), "1.5000° S   2.2500° E");
/// ```
pub fn format_lat_lon(lat: f64, lon: f64) -> String {
    let ns = if lat >= 0.0 { 'N' } else { 'S' };
    let ew = if lon >= 0.0 { 'E' } else { 'W' };
    format!("{:>7.4}° {ns}  {:>8.4}° {ew}", lat.abs(), lon.abs())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hemispheres_are_named() {
        let s = super::format_lat_lon(-33.9, -18.4);
        assert!(s.contains("33.9000° S") && s.contains("18.4000° W"), "{s}");
    }
}
