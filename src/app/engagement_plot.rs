//! The engagement timeline: the threat's altitude over time, with a vertical mark for each radar's
//! first sight, the interceptor's launch and burnout, the engagement window shaded, the decision
//! delay (from the first sight by a radar feeding the battery to the launch) as a bracket, the
//! time the battery may fire in (to the last launch that still intercepts) as a bar, and the
//! playback time. Drawn with egui's painter (a plot library would add a dependency for one
//! chart); each mark, the window and the bracket have a hover text and an accessible name.

use crate::analysis::Engagement;
use crate::picture::engagement_layer::{SIGHTING, THREAT, WINDOW};
use crate::render::egui_painter::colour;

/// Draws the timeline of `e` with the playback mark at `t_s`.
pub(super) fn plot(ui: &mut egui::Ui, e: &Engagement, t_s: f64) {
    let width = ui.available_width().max(200.0);
    let rect = ui
        .allocate_exact_size(egui::vec2(width, 150.0), egui::Sense::hover())
        .0;
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
        marks.push((t, LAUNCH, "interceptor launch".to_owned()));
    }
    if let Some(t) = e.last_launch_s {
        marks.push((
            t,
            LAST_LAUNCH,
            "last launch that still intercepts".to_owned(),
        ));
    }
    if let Some(t) = e.burnout_s {
        marks.push((
            t,
            egui::Color32::from_rgb(0x00, 0x79, 0x6b),
            "burnout".to_owned(),
        ));
    }
    for (i, (t, c, label)) in marks.iter().enumerate() {
        let at = x(*t);
        painter.line_segment(
            [egui::pos2(at, plot.top()), egui::pos2(at, plot.bottom())],
            egui::Stroke::new(1.0, *c),
        );
        let hit = egui::Rect::from_x_y_ranges(at - 3.0..=at + 3.0, plot.y_range());
        described(
            ui,
            hit,
            ("timeline mark", i),
            format!("{label} at T+{t:.0} s"),
        );
    }
    if let Some((a, b)) = &e.window {
        let band =
            egui::Rect::from_x_y_ranges(x(a.t_s)..=x(b.t_s), plot.bottom() - 8.0..=plot.bottom());
        let text = format!(
            "Engagement window: T+{:.0} s ({:.0} km up) to T+{:.0} s ({:.0} km up)",
            a.t_s, a.alt_km, b.t_s, b.alt_km
        );
        described(ui, band, "timeline window", text);
    }
    if let Some(d) = decision(e) {
        let (from, to, level) = (x(d.seen_s), x(d.launch_s), plot.top() + 6.0);
        let stroke = egui::Stroke::new(1.5, LAUNCH);
        painter.line_segment([egui::pos2(from, level), egui::pos2(to, level)], stroke);
        for end in [from, to] {
            painter.line_segment(
                [egui::pos2(end, level - 4.0), egui::pos2(end, level + 4.0)],
                stroke,
            );
        }
        painter.text(
            egui::pos2((from + to) / 2.0, level - 3.0),
            egui::Align2::CENTER_BOTTOM,
            format!("decision {:.0} s", d.launch_s - d.seen_s),
            small.clone(),
            LAUNCH,
        );
        let hit = span_hit(from, to, level);
        let text = format!(
            "Decision delay: {:.0} s, from the first sight by {} (T+{:.0} s) to the launch (T+{:.0} s)",
            d.launch_s - d.seen_s,
            d.radar,
            d.seen_s,
            d.launch_s
        );
        described(ui, hit, "timeline decision", text);
    }
    if let (Some(from_s), Some(to_s)) = (e.launch_s, e.last_launch_s) {
        // The time the battery may fire in: from the cue and decision to the last launch that
        // still intercepts, as a bar under the decision bracket.
        let (from, to, level) = (x(from_s), x(to_s), plot.top() + 20.0);
        painter.line_segment(
            [egui::pos2(from, level), egui::pos2(to, level)],
            egui::Stroke::new(3.0, LAST_LAUNCH),
        );
        painter.text(
            egui::pos2(to + 3.0, level),
            egui::Align2::LEFT_CENTER,
            format!("fire by T+{to_s:.0} s"),
            small.clone(),
            LAST_LAUNCH,
        );
        let hit = span_hit(from, to, level);
        let text = format!(
            "May fire from T+{from_s:.0} s (first sight and decision) to T+{to_s:.0} s, the last \
             launch that still intercepts (holding fire leaves less of the window)"
        );
        described(ui, hit, "timeline firing time", text);
    }
    let now = x(t_s.clamp(0.0, end));
    painter.line_segment(
        [egui::pos2(now, plot.top()), egui::pos2(now, plot.bottom())],
        egui::Stroke::new(2.0, colour(WINDOW)),
    );
}

/// The interceptor's launch mark and the decision bracket.
const LAUNCH: egui::Color32 = egui::Color32::from_rgb(0x1f, 0x5f, 0xbf);
/// The last launch that still intercepts, and the time the battery may fire in.
const LAST_LAUNCH: egui::Color32 = egui::Color32::from_rgb(0x8e, 0x44, 0xad);

/// The hover area of a horizontal span on the timeline, from `from` to `to` at `level`.
fn span_hit(from: f32, to: f32, level: f32) -> egui::Rect {
    egui::Rect::from_x_y_ranges(
        from.min(to) - 2.0..=from.max(to) + 2.0,
        level - 6.0..=level + 6.0,
    )
}

/// A hover area over `rect` with `text` as its tooltip and accessible name.
fn described(ui: &mut egui::Ui, rect: egui::Rect, id: impl egui::AsIdSalt, text: String) {
    let r = ui.interact(rect, ui.make_persistent_id(id), egui::Sense::hover());
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    r.on_hover_text(text);
}

/// The decision delay of an engagement: from the first sight by a radar whose data reach the
/// battery to the interceptor's launch; `None` without a launch or such a radar.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Decision {
    pub radar: String,
    pub seen_s: f64,
    pub launch_s: f64,
}

pub(super) fn decision(e: &Engagement) -> Option<Decision> {
    let launch_s = e.launch_s?;
    let first = e
        .sightings
        .iter()
        .filter(|s| s.feeds_battery && s.t_s <= launch_s)
        .min_by(|a, b| a.t_s.total_cmp(&b.t_s))?;
    Some(Decision {
        radar: first.radar.clone(),
        seen_s: first.t_s,
        launch_s,
    })
}
