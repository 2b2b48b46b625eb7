//! The map: draws the scene, pans, zooms, and makes every symbol a clickable, accessible widget.

use eframe::egui;

use super::AppState;
use crate::render::egui_painter::{self, PaintStats};
use crate::scene::ItemRef;

/// The map widget's own state between frames.
#[derive(Default)]
pub struct MapPanel {
    /// Longitude/latitude under the pointer, for the status bar.
    pub cursor: Option<geo::Point<f64>>,
    pub stats: PaintStats,
    /// Whether the view has been fitted to the real size of the map area yet.
    fitted: bool,
}

impl MapPanel {
    pub fn ui(&mut self, state: &mut AppState, ui: &mut egui::Ui) {
        let rect = ui.max_rect();
        state.view.resize([rect.width(), rect.height()]);
        if !self.fitted {
            state.fit();
            self.fitted = true;
        }
        let response = ui.interact(
            rect,
            ui.make_persistent_id("map"),
            egui::Sense::click_and_drag(),
        );

        if response.dragged() {
            let d = response.drag_delta();
            state.view.pan_by_pixels([d.x, d.y]);
        }
        if let Some(pointer) = response.hover_pos() {
            let local = pointer - rect.min;
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = zoom as f64 * (scroll as f64 / 300.0).exp();
            if (factor - 1.0).abs() > 1e-6 {
                state.view.zoom_about([local.x, local.y], factor);
            }
            self.cursor = state.view.to_lon_lat([local.x, local.y]);
        } else {
            self.cursor = None;
        }
        if response.clicked() {
            state.selection = None;
        }

        let view = state.view;
        let scene = state.scene();
        let (_, stats) = egui_painter::paint(ui.painter(), scene, &view, rect);
        self.stats = stats;

        // One hit area per visible symbol: hover for the tooltip, click for the inspector, and a
        // name for screen readers and UI tests.
        let mut clicked = None;
        for symbol in &scene.symbols {
            let p = view.to_screen(symbol.at);
            let centre = rect.min + egui::vec2(p[0], p[1]);
            if !rect.contains(centre) {
                continue;
            }
            let hit = egui::Rect::from_center_size(
                centre,
                egui::Vec2::splat(symbol.radius_px * 2.0 + 4.0),
            );
            let id = ui.make_persistent_id(("symbol", symbol.item));
            let r = ui.interact(hit, id, egui::Sense::click());
            let name = symbol.name.clone();
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            let r = r.on_hover_text(symbol.tooltip.as_str());
            if r.clicked() {
                clicked = Some(symbol.item);
            }
        }
        if let Some(item) = clicked {
            state.selection = Some(item);
        }
        if let Some(ItemRef::Site(i)) = state.selection {
            highlight(ui, state, i, rect);
        }
    }
}

fn highlight(ui: &egui::Ui, state: &AppState, index: usize, rect: egui::Rect) {
    let Some(site) = state.scenario.sites.get(index) else {
        return;
    };
    if let Some(p) = state.view.lon_lat_to_screen(site.position()) {
        let centre = rect.min + egui::vec2(p[0], p[1]);
        ui.painter().circle_stroke(
            centre,
            12.0,
            egui::Stroke::new(2.5, egui::Color32::from_rgb(255, 170, 0)),
        );
    }
}
