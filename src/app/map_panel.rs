//! The map: draws the scene, pans, zooms, makes every symbol a clickable, accessible widget, lets
//! the user drag the joint centres, and shows two maps side by side for a comparison.

use super::AppState;
use super::state::Edit;
use crate::command::Command;
use crate::render::egui_painter::{self, PaintStats};
use crate::scenario::Scenario;
use crate::scene::{ItemRef, MapView, Scene};

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
        let full = ui.max_rect();
        self.cursor = None;
        let split = state.compare.is_some();
        let left = if split {
            egui::Rect::from_min_max(full.min, egui::pos2(full.center().x - 1.0, full.max.y))
        } else {
            full
        };
        state.map.view.resize([left.width(), left.height()]);
        if !self.fitted {
            state.fit();
            self.fitted = true;
        }
        self.navigate(state, ui, left, "map");
        if split {
            let right =
                egui::Rect::from_min_max(egui::pos2(full.center().x + 1.0, full.min.y), full.max);
            // Both halves share one view, so panning or zooming either moves both.
            self.navigate(state, ui, right, "map-b");
        }

        let view = state.map.view;
        let title = title_text(&state.doc.scenario);
        let mut title_at = state.map.title_at;
        let scene = state.scene();
        let painted = egui_painter::paint(ui.painter(), scene, &view, left);
        self.stats = painted.stats;
        let (clicked, hovered) = symbol_hit_areas(ui, scene, &view, left);
        let hovered = hovered
            .and_then(|i| scene.symbols.get(i))
            .and_then(|s| s.item);
        let ring_from = match &clicked {
            Some(Clicked::RingFrom(i)) => scene.symbols.get(*i).cloned(),
            _ => None,
        };
        let centre_on = match &clicked {
            Some(Clicked::CentreOn(i)) => scene.symbols.get(*i).and_then(|s| s.item),
            _ => None,
        };
        let clicked = match clicked {
            Some(Clicked::Symbol(i)) => scene.symbols.get(i).cloned(),
            _ => None,
        };
        title_at = title_block(
            ui,
            title,
            left,
            symbol_positions(scene, &view, left),
            title_at,
        );
        state.map.title_at = title_at;
        let edits = self.drag_centres(state, ui, left);
        state.apply_edits(edits);
        if let Some(s) = ring_from {
            super::measure_tool::ask_ring(state, s.lon_lat, &s.name);
        }
        if let Some(ItemRef::Site(i)) = centre_on {
            state.centre_on_site(i);
        }
        if let Some(symbol) = clicked {
            // Measuring, a click on a site adds it to the path; otherwise it opens the inspector.
            match state.map.measure.as_mut() {
                Some(m) => m.push(symbol.lon_lat, &symbol.name),
                None => {
                    if let Some(item) = symbol.item {
                        state.select(item);
                    }
                }
            }
        }
        if let Some(ItemRef::Site(i)) = state.selected() {
            highlight(ui, state, i, left);
        }
        // The hovered radar's coverage filled, else the selected one's.
        state.map.emphasis = super::emphasis::radar_of(state, hovered.or(state.selected()));
        super::emphasis::paint(ui, state, left, painted.under_labels);
        if let Some(at) = state.map.marker
            && let Some(p) = view.lon_lat_to_screen(at)
        {
            // The engagement playback: where the threat is at the timeline's time.
            let centre = left.min + egui::vec2(p[0], p[1]);
            let painter = ui.painter().with_clip_rect(left);
            painter.circle_filled(centre, 6.0, egui::Color32::from_rgb(0xf0, 0x7f, 0x00));
            painter.circle_stroke(centre, 6.0, egui::Stroke::new(1.5, egui::Color32::WHITE));
        }

        super::measure_tool::draw(ui, state, left);

        if split {
            let right =
                egui::Rect::from_min_max(egui::pos2(full.center().x + 1.0, full.min.y), full.max);
            let layers = state.map.layers.clone();
            let repaint = state.repaint.clone();
            if let Some(compare) = state.compare.as_mut() {
                let title = title_text(&compare.scenario);
                let scene = compare.scene(&view, &layers, &repaint);
                egui_painter::paint(ui.painter(), scene, &view, right);
                title_block(
                    ui,
                    title,
                    right,
                    symbol_positions(scene, &view, right),
                    None,
                );
            }
            ui.painter().line_segment(
                [
                    egui::pos2(full.center().x, full.top()),
                    egui::pos2(full.center().x, full.bottom()),
                ],
                egui::Stroke::new(2.0, ui.visuals().window_stroke.color),
            );
        }
    }

    /// Pans, zooms and tracks the cursor over one map rectangle.
    fn navigate(&mut self, state: &mut AppState, ui: &mut egui::Ui, rect: egui::Rect, id: &str) {
        let response = ui.interact(
            rect,
            ui.make_persistent_id(id),
            egui::Sense::click_and_drag(),
        );
        if response.dragged() {
            let d = response.drag_delta();
            state.map.view.pan_by_pixels([d.x, d.y]);
        }
        if let Some(pointer) = response.hover_pos() {
            let local = pointer - rect.min;
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = zoom as f64 * (scroll as f64 / 300.0).exp();
            if (factor - 1.0).abs() > 1e-6 {
                state.map.view.zoom_about([local.x, local.y], factor);
            }
            self.cursor = state.map.view.to_lon_lat([local.x, local.y]);
        }
        if response.clicked()
            && let Some(m) = state.map.measure.as_mut()
            && let Some(p) = response.interact_pointer_pos()
        {
            let local = p - rect.min;
            super::measure_tool::add_point(m, &state.map.view, [local.x, local.y]);
        } else if response.clicked() {
            let at = response.interact_pointer_pos().map(|p| p - rect.min);
            match (
                state.placing.take(),
                at.and_then(|p| state.map.view.to_lon_lat([p.x, p.y])),
            ) {
                (Some(kind), Some(lon_lat)) => state.add_site(kind, lon_lat),
                _ => state.selection = None,
            }
        }
        if response.secondary_clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let local = p - rect.min;
            state.map.context_at = state.map.view.to_lon_lat([local.x, local.y]);
        }
        response.context_menu(|ui| match state.map.context_at {
            Some(at) => super::measure_tool::map_menu(ui, state, at),
            None => {
                ui.label("Not on the map");
            }
        });
        if (state.placing.is_some() || state.map.measure.is_some()) && response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
        }
    }

    /// The joint centres of the active model, and the selected site while editing, can be dragged
    /// to a new place; one drag is one undo. Returns the moves for the caller to apply.
    fn drag_centres(&mut self, state: &AppState, ui: &mut egui::Ui, rect: egui::Rect) -> Vec<Edit> {
        let mut edits = Vec::new();
        for handle in drag_handles(state) {
            let Some(p) = state.map.view.lon_lat_to_screen(handle.at) else {
                continue;
            };
            let centre = rect.min + egui::vec2(p[0], p[1]);
            let hit = egui::Rect::from_center_size(centre, egui::Vec2::splat(18.0));
            let name = format!("Drag {}", handle.name);
            let r = ui.interact(
                hit,
                ui.make_persistent_id(("drag-centre", &handle.key)),
                egui::Sense::drag(),
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if r.hovered() || r.dragged() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            }
            if r.drag_started() {
                edits.push(Edit::Gesture(true));
            }
            if r.dragged()
                && let Some(pointer) = r.interact_pointer_pos()
            {
                let local = pointer - rect.min;
                if let Some(to) = state.map.view.to_lon_lat([local.x, local.y]) {
                    edits.push(Edit::Apply(handle.moved_to(to)));
                }
            }
            if r.drag_stopped() {
                edits.push(Edit::Gesture(false));
            }
        }
        edits
    }
}

/// Something the map lets the user drag, and what dragging it does.
struct DragHandle {
    /// Unique among the handles, for the widget's id.
    key: String,
    name: String,
    at: geo::Point<f64>,
    what: Dragged,
}

enum Dragged {
    Site(String),
    /// A note, a point, or a ring (by its centre).
    Annotation(crate::scenario::Annotation),
}

impl DragHandle {
    /// The command that puts it at `to` (longitude/latitude).
    fn moved_to(&self, to: geo::Point<f64>) -> Command {
        match &self.what {
            Dragged::Site(id) => Command::MoveSite {
                id: id.clone(),
                lat: to.y(),
                lon: to.x(),
            },
            Dragged::Annotation(a) => {
                let mut moved = a.clone();
                if let Some(p) = moved.points.first_mut() {
                    *p = to.into();
                }
                Command::EditAnnotation(Box::new(moved))
            }
        }
    }
}

/// What can be dragged now: the active model's joint centres, the site being edited, and the
/// selected annotation when it has one place (a note, a point, a ring's centre).
fn drag_handles(state: &AppState) -> Vec<DragHandle> {
    let s = &state.doc.scenario;
    let mut ids: Vec<String> = s
        .active_model()
        .map(|m| m.centres.iter().map(|c| c.site.clone()).collect())
        .unwrap_or_default();
    if let (true, Some(ItemRef::Site(i))) = (state.editing, state.selected())
        && let Some(site) = s.sites.get(i)
        && !ids.contains(&site.id)
    {
        ids.push(site.id.clone());
    }
    let mut handles: Vec<DragHandle> = ids
        .iter()
        .filter_map(|id| s.site(id))
        .map(|site| DragHandle {
            key: format!("site:{}", site.id),
            name: site.name.clone(),
            at: site.position(),
            what: Dragged::Site(site.id.clone()),
        })
        .collect();
    if let Some(ItemRef::Annotation(i)) = state.selected()
        && let Some(a) = s.annotations.get(i)
        && a.points.len() == 1
        && let Some(at) = a.anchor()
    {
        handles.push(DragHandle {
            key: format!("annotation:{}", a.id),
            name: a.label.clone(),
            at,
            what: Dragged::Annotation(a.clone()),
        });
    }
    handles
}

/// One hit area per visible symbol: hover for the tooltip, click for the inspector (or the
/// measured path), a context menu for a range ring from it, and a name for screen readers and
/// UI tests. Returns what was done to a symbol this frame, and which one is hovered.
fn symbol_hit_areas(
    ui: &mut egui::Ui,
    scene: &Scene,
    view: &MapView,
    rect: egui::Rect,
) -> (Option<Clicked>, Option<usize>) {
    let (mut clicked, mut hovered) = (None, None);
    for (i, symbol) in scene.symbols.iter().enumerate() {
        let p = view.to_screen(symbol.at);
        let centre = rect.min + egui::vec2(p[0], p[1]);
        if !rect.contains(centre) {
            continue;
        }
        let [x0, y0, x1, y1] = symbol.extent_px();
        let hit =
            egui::Rect::from_min_max(centre + egui::vec2(x0, y0), centre + egui::vec2(x1, y1))
                .expand(2.0);
        let r = ui.interact(
            hit,
            ui.make_persistent_id(("symbol", &symbol.id)),
            egui::Sense::click(),
        );
        let name = symbol.name.clone();
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        let r = r.on_hover_text(symbol.tooltip.as_str());
        if r.hovered() {
            hovered = Some(i);
        }
        if r.clicked() {
            clicked = Some(Clicked::Symbol(i));
        }
        r.context_menu(|ui| {
            if ui
                .button(format!("Range ring from {}…", symbol.name))
                .clicked()
            {
                clicked = Some(Clicked::RingFrom(i));
                ui.close();
            }
            if matches!(symbol.item, Some(ItemRef::Site(_)))
                && ui
                    .button(format!("Centre the map on {}", symbol.name))
                    .clicked()
            {
                clicked = Some(Clicked::CentreOn(i));
                ui.close();
            }
        });
    }
    (clicked, hovered)
}

/// What was done to a symbol this frame.
enum Clicked {
    /// Clicked: the inspector, or the measured path.
    Symbol(usize),
    /// Its context menu's "Range ring from …".
    RingFrom(usize),
    /// Its context menu's "Centre the map on …".
    CentreOn(usize),
}

/// The choice a map shows, for its title box: name, year and timeline, model, assurance.
fn title_text(scenario: &Scenario) -> String {
    let model = scenario.active_model();
    let lines = [
        format!(
            "{} · {} ({})",
            scenario.name,
            scenario.year,
            scenario.timeline.label()
        ),
        model.map_or("No cooperation model".to_owned(), |m| m.name.clone()),
        model.map_or(String::new(), |m| m.assurance.label().to_owned()),
    ];
    lines
        .iter()
        .filter(|l| !l.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The choice shown in a box on a map (`text`, from [`title_text`]). It goes to the corner
/// of `rect` that covers the fewest of `symbols` (screen positions), or where the user dragged
/// it (`at`, from the map's top-left corner); a drag moves it. Returns where it is now.
fn title_block(
    ui: &egui::Ui,
    text: String,
    rect: egui::Rect,
    symbols: impl Iterator<Item = egui::Pos2> + Clone,
    at: Option<egui::Vec2>,
) -> Option<egui::Vec2> {
    let painter = ui.painter().with_clip_rect(rect);
    let galley = painter.layout_no_wrap(
        text,
        egui::FontId::proportional(13.0),
        egui::Color32::from_gray(20),
    );
    let size = galley.size() + egui::vec2(12.0, 12.0);
    let offset = match at {
        Some(at) => at,
        None => clear_corner(rect, size, symbols),
    };
    let max = (rect.size() - size).max(egui::Vec2::ZERO);
    let offset = offset.clamp(egui::Vec2::ZERO, max);
    let frame = egui::Rect::from_min_size(rect.min + offset, size);
    let drag = ui
        .interact(
            frame,
            ui.make_persistent_id(("title box", rect.min.x as i32)),
            egui::Sense::drag(),
        )
        .on_hover_text("Drag to move the title box");
    let moved = drag.dragged().then(|| offset + drag.drag_delta());
    painter.rect_filled(
        frame,
        4.0,
        egui::Color32::from_rgba_unmultiplied(255, 255, 255, 225),
    );
    painter.rect_stroke(
        frame,
        4.0,
        egui::Stroke::new(1.0, egui::Color32::from_gray(150)),
        egui::StrokeKind::Inside,
    );
    painter.galley(
        frame.min + egui::vec2(6.0, 6.0),
        galley,
        egui::Color32::from_gray(20),
    );
    moved.or(at)
}

/// The offset from `rect`'s top-left of the corner box `size` big that covers the fewest
/// `symbols`, 10 px in from the edges; the top-left one on a tie.
fn clear_corner(
    rect: egui::Rect,
    size: egui::Vec2,
    symbols: impl Iterator<Item = egui::Pos2> + Clone,
) -> egui::Vec2 {
    let margin = 10.0;
    let far = (rect.size() - size - egui::vec2(margin, margin)).max(egui::vec2(margin, margin));
    let corners = [
        egui::vec2(margin, margin),
        egui::vec2(far.x, margin),
        egui::vec2(margin, far.y),
        egui::vec2(far.x, far.y),
    ];
    let covered = |c: &egui::Vec2| {
        let frame = egui::Rect::from_min_size(rect.min + *c, size).expand(4.0);
        symbols.clone().filter(|p| frame.contains(*p)).count()
    };
    corners
        .into_iter()
        .enumerate()
        .min_by_key(|(k, c)| (covered(c), *k))
        .map_or(corners[0], |(_, c)| c)
}

/// Where `scene`'s symbols are on the map in `rect` (worked out as they are counted: only
/// while the title box has not been dragged).
fn symbol_positions<'a>(
    scene: &'a Scene,
    view: &'a MapView,
    rect: egui::Rect,
) -> impl Iterator<Item = egui::Pos2> + Clone + 'a {
    scene.symbols.iter().map(move |s| {
        let [x, y] = view.to_screen(s.at);
        rect.min + egui::vec2(x, y)
    })
}

/// The selected site marked on the map: a ring around a simple symbol, a box around a military
/// one (wider than tall, and a headquarters stands above its point).
fn highlight(ui: &egui::Ui, state: &mut AppState, index: usize, rect: egui::Rect) {
    let Some(site) = state.doc.scenario.sites.get(index) else {
        return;
    };
    let (id, position) = (format!("site:{}", site.id), site.position());
    let view = state.map.view;
    let Some(p) = view.lon_lat_to_screen(position) else {
        return;
    };
    let centre = rect.min + egui::vec2(p[0], p[1]);
    let stroke = egui::Stroke::new(2.5, egui::Color32::from_rgb(255, 170, 0));
    let painter = ui.painter().with_clip_rect(rect);
    let military = state
        .scene()
        .symbols
        .iter()
        .find(|s| s.id == id && s.military.is_some())
        .map(|s| s.extent_px());
    match military {
        Some([x0, y0, x1, y1]) => {
            let around =
                egui::Rect::from_min_max(centre + egui::vec2(x0, y0), centre + egui::vec2(x1, y1));
            painter.rect_stroke(around.expand(3.0), 3.0, stroke, egui::StrokeKind::Outside);
        }
        None => {
            painter.circle_stroke(centre, 12.0, stroke);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_box_goes_to_the_corner_with_the_fewest_symbols() {
        let rect = egui::Rect::from_min_size(egui::pos2(100.0, 50.0), egui::vec2(800.0, 600.0));
        let size = egui::vec2(200.0, 60.0);
        // Nothing on the map: the top-left corner.
        assert_eq!(
            clear_corner(rect, size, std::iter::empty()),
            egui::vec2(10.0, 10.0)
        );
        // Symbols under the top-left and top-right corners: the bottom-left one.
        let symbols = [
            rect.min + egui::vec2(50.0, 30.0),
            rect.min + egui::vec2(700.0, 30.0),
        ];
        assert_eq!(
            clear_corner(rect, size, symbols.into_iter()),
            egui::vec2(10.0, 600.0 - 60.0 - 10.0)
        );
    }
}
