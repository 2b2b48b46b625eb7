//! The engagement timeline: the threat's altitude over time, with a vertical mark for each radar's
//! first sight, the interceptor's launch and burnout, the engagement window shaded, and the
//! playback time. Drawn with egui's painter (a plot library would add a dependency for one
//! chart).

use crate::analysis::Engagement;
use crate::picture::engagement_layer::{SIGHTING, THREAT, WINDOW};
use crate::render::egui_painter::colour;

/// Draws the timeline of `e` with the playback mark at `t_s`.
pub(super) fn plot(ui: &mut egui::Ui, e: &Engagement, t_s: f64) {
    let width = ui.available_width().max(200.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 150.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 2.0, visuals.extreme_bg_color);
    let plot = rect
        .shrink2(egui::vec2(34.0, 14.0))
        .translate(egui::vec2(14.0, -4.0));
    let end = e.impact_s.max(1.0);
    let top = e.samples.iter().map(|p| p.alt_km).fold(100.0, f64::max) * 1.1;
    let x = |t: f64| plot.left() + (t / end) as f32 * plot.width();
    let y = |h: f64| plot.bottom() - (h / top) as f32 * plot.height();
    let text = visuals.text_color();
    let small = egui::FontId::proportional(10.0);
    if let Some((a, b)) = &e.window {
        let band = egui::Rect::from_x_y_ranges(x(a.t_s)..=x(b.t_s), plot.y_range());
        painter.rect_filled(band, 0.0, colour(WINDOW.with_alpha(60)));
    }
    let axis = egui::Stroke::new(1.0, visuals.weak_text_color());
    painter.line_segment([plot.left_bottom(), plot.right_bottom()], axis);
    painter.line_segment([plot.left_bottom(), plot.left_top()], axis);
    painter.text(
        plot.left_top(),
        egui::Align2::RIGHT_TOP,
        format!("{top:.0} km "),
        small.clone(),
        text,
    );
    painter.text(
        plot.left_bottom(),
        egui::Align2::RIGHT_CENTER,
        "0 ",
        small.clone(),
        text,
    );
    painter.text(
        plot.right_bottom() + egui::vec2(0.0, 2.0),
        egui::Align2::RIGHT_TOP,
        format!("T+{end:.0} s"),
        small.clone(),
        text,
    );
    let curve: Vec<egui::Pos2> = e
        .samples
        .iter()
        .map(|p| egui::pos2(x(p.t_s), y(p.alt_km.max(0.0))))
        .collect();
    painter.add(egui::Shape::line(
        curve,
        egui::Stroke::new(1.8, colour(THREAT)),
    ));
    let mut marks: Vec<(f64, egui::Color32, String)> = e
        .sightings
        .iter()
        .map(|s| (s.t_s, colour(SIGHTING), format!("{} sees it", s.radar)))
        .collect();
    if let Some(t) = e.launch_s {
        marks.push((
            t,
            egui::Color32::from_rgb(0x1f, 0x5f, 0xbf),
            "interceptor launch".to_owned(),
        ));
    }
    if let Some(t) = e.burnout_s {
        marks.push((
            t,
            egui::Color32::from_rgb(0x00, 0x79, 0x6b),
            "burnout".to_owned(),
        ));
    }
    let mut hovered = None;
    for (t, c, label) in &marks {
        let at = x(*t);
        painter.line_segment(
            [egui::pos2(at, plot.top()), egui::pos2(at, plot.bottom())],
            egui::Stroke::new(1.0, *c),
        );
        if response.hover_pos().is_some_and(|p| (p.x - at).abs() < 4.0) {
            hovered = Some(format!("{label} at T+{t:.0} s"));
        }
    }
    let now = x(t_s.clamp(0.0, end));
    painter.line_segment(
        [egui::pos2(now, plot.top()), egui::pos2(now, plot.bottom())],
        egui::Stroke::new(2.0, colour(WINDOW)),
    );
    if let Some(text) = hovered {
        response.on_hover_text(text);
    }
}
