//! The furniture of a page: the marking banners, the title block, and the plate with the scale
//! bar and north arrow in a map's corner.

use super::ink::{Ink, Paint};
use super::text::ellipsize;
use super::{ExportOptions, INK, MARGIN, PageLayout, SECONDARY, WHITE};
use crate::export::{Marking, date_time_group};
use crate::font::text_width;
use crate::render::geometry::TextAnchor;
use crate::scene::MapView;
use crate::scene::style::{Rgba, Stroke};

pub(super) const BANNER_H: f32 = 26.0;
const BANNER_FONT: f32 = 15.0;
const TITLE_FONT: f32 = 26.0;
const SUBTITLE_FONT: f32 = 16.0;
const META_FONT: f32 = 14.0;
/// The ink of the north arrow and the scale bar.
const PLATE_INK: Rgba = Rgba::rgb(0x22, 0x22, 0x22);
const PLATE_INK_WIDTH: f32 = 0.8;
/// The plate under them: white, a little translucent.
const PLATE: Paint =
    Paint::filled_outlined(WHITE.with_alpha(217), Rgba::rgb(0x99, 0x99, 0x99), 0.6);

/// The height of the title block: the title and subtitle on the left or the date-time group and
/// preparer on the right, whichever is taller (0 without any).
pub(super) fn title_block_height(options: &ExportOptions) -> f32 {
    let left = if options.title.is_empty() {
        0.0
    } else {
        TITLE_FONT * 1.25
    } + if options.subtitle.is_empty() {
        0.0
    } else {
        SUBTITLE_FONT * 1.4
    };
    let meta = [
        options.as_of.is_some(),
        options.preparer.as_deref().is_some_and(|p| !p.is_empty()),
    ]
    .iter()
    .filter(|&&b| b)
    .count() as f32
        * META_FONT
        * 1.45;
    left.max(meta)
}

/// A marking banner across the page at `y`.
pub(super) fn banner(ink: &mut dyn Ink, m: &Marking, y: f32, w: f32, class: &str) {
    ink.begin(class, [0.0, 0.0], 0.0);
    ink.rect("", [0.0, y, w, BANNER_H], 0.0, Paint::fill(m.background));
    ink.text(
        "marking",
        [w / 2.0, y + BANNER_H / 2.0 + BANNER_FONT * 0.36],
        BANNER_FONT,
        TextAnchor::Middle,
        m.foreground,
        &ellipsize(&m.text, BANNER_FONT, w - 2.0 * MARGIN),
    );
    ink.end();
}

/// The title and subtitle on the left, the date-time group and preparer on the right.
pub(super) fn title_block(ink: &mut dyn Ink, options: &ExportOptions, layout: &PageLayout) {
    let [w, _] = layout.size;
    let top = layout.banner_height + MARGIN;
    let mut meta = Vec::new();
    if let Some(t) = options.as_of {
        meta.push(format!("As of {}", date_time_group(t)));
    }
    if let Some(p) = options.preparer.as_deref().filter(|p| !p.is_empty()) {
        meta.push(format!("Prepared by {p}"));
    }
    let meta_w = meta
        .iter()
        .map(|m| text_width(m, META_FONT))
        .fold(0.0, f32::max)
        .min(0.4 * w);
    let available =
        (w - 2.0 * MARGIN - if meta.is_empty() { 0.0 } else { meta_w + 24.0 }).max(40.0);
    if options.title.is_empty() && options.subtitle.is_empty() && meta.is_empty() {
        return;
    }
    ink.begin("title-block", [0.0, 0.0], 0.0);
    let mut y = top;
    if !options.title.is_empty() {
        // Long titles shrink to 70 % before they are shortened.
        let natural = text_width(&options.title, TITLE_FONT);
        let size = if natural > available {
            (TITLE_FONT * available / natural).max(TITLE_FONT * 0.7)
        } else {
            TITLE_FONT
        };
        let title = ellipsize(&options.title, size, available);
        ink.text(
            "title",
            [MARGIN, y + TITLE_FONT * 0.95],
            size,
            TextAnchor::Start,
            INK,
            &title,
        );
        y += TITLE_FONT * 1.25;
    }
    if !options.subtitle.is_empty() {
        let sub = ellipsize(&options.subtitle, SUBTITLE_FONT, available);
        ink.text(
            "subtitle",
            [MARGIN, y + SUBTITLE_FONT * 1.05],
            SUBTITLE_FONT,
            TextAnchor::Start,
            SECONDARY,
            &sub,
        );
    }
    for (i, m) in meta.iter().enumerate() {
        let line = ellipsize(m, META_FONT, meta_w);
        ink.text(
            "meta",
            [
                w - MARGIN,
                top + META_FONT * 1.1 + i as f32 * META_FONT * 1.45,
            ],
            META_FONT,
            TextAnchor::End,
            SECONDARY,
            &line,
        );
    }
    ink.end();
}

/// The scale bar and north arrow on a white plate in the frame's bottom-left corner (frame
/// coordinates).
pub(super) fn plate(ink: &mut dyn Ink, view: &MapView, options: &ExportOptions) {
    let [fw, fh] = view.size_px;
    let arrow = if options.north_arrow {
        north_angle_deg(view)
    } else {
        None
    };
    let bar = if options.scale_bar {
        view.scale_bar((fw * 0.25).clamp(40.0, 220.0))
    } else {
        None
    };
    if arrow.is_none() && bar.is_none() {
        return;
    }
    let arrow_w = if arrow.is_some() { 34.0 } else { 0.0 };
    let bar_w = bar.as_ref().map_or(0.0, |b| {
        b.length_px + text_width(&b.label, 11.0) / 2.0 + 16.0
    });
    let (pw, ph) = (arrow_w + bar_w + 8.0, 48.0);
    let (px, py) = (8.0, fh - 8.0 - ph);
    if pw > fw - 16.0 || ph > fh - 16.0 {
        return; // too small a frame for furniture
    }
    ink.begin("furniture", [0.0, 0.0], 0.0);
    ink.rect("", [px, py, pw, ph], 3.0, PLATE);
    if let Some(angle) = arrow {
        let centre = [px + 4.0 + arrow_w / 2.0, py + ph / 2.0 + 3.0];
        north_arrow(ink, centre, angle);
    }
    if let Some(b) = bar {
        let x0 = px + 4.0 + arrow_w + 8.0;
        let y0 = py + 30.0;
        let half = b.length_px / 2.0;
        ink.begin("scale-bar", [0.0, 0.0], 0.0);
        let outline = |fill| Paint::filled_outlined(fill, PLATE_INK, PLATE_INK_WIDTH);
        ink.rect("", [x0, y0, half, 6.0], 0.0, outline(PLATE_INK));
        ink.rect("", [x0 + half, y0, half, 6.0], 0.0, outline(WHITE));
        ink.end();
        for (x, label) in [(x0, "0"), (x0 + b.length_px, b.label.as_str())] {
            ink.text(
                "scale-label",
                [x, y0 - 5.0],
                11.0,
                TextAnchor::Middle,
                INK,
                label,
            );
        }
    }
    ink.end();
}

/// The north arrow centred on `centre`, pointing `angle` degrees clockwise from straight up:
/// a dart, its right half white and its left dark, under an "N".
fn north_arrow(ink: &mut dyn Ink, centre: [f32; 2], angle: f32) {
    ink.begin("north-arrow", centre, angle);
    let outline = Stroke::solid(PLATE_INK_WIDTH, PLATE_INK);
    for (half, fill) in [(7.0, WHITE), (-7.0, PLATE_INK)] {
        let paint = Paint {
            fill: Some(fill),
            stroke: Some(outline),
        };
        ink.rings("", &[&[[0.0, -13.0], [half, 8.0], [0.0, 3.0]]], paint);
    }
    ink.text("", [0.0, -15.5], 11.0, TextAnchor::Middle, PLATE_INK, "N");
    ink.end();
}

/// The direction of true north at the centre of the view, degrees clockwise from straight up;
/// `None` at a pole (where every way is south or north) or outside the projection's domain.
///
/// ```
/// use bmd_atlas::export::north_angle_deg;
/// use bmd_atlas::geodesy::ProjectionKind;
/// use bmd_atlas::scene::MapView;
/// let europe = MapView::fit(ProjectionKind::EuropeEqualArea, [1600.0, 900.0]);
/// let a = north_angle_deg(&europe).expect("defined");
/// assert!(a.abs() < 20.0, "north is roughly up on the Europe map: {a}");
/// // The Arctic view is centred on the pole.
/// assert_eq!(north_angle_deg(&MapView::fit(ProjectionKind::ArcticPolar, [900.0, 900.0])), None);
/// ```
pub fn north_angle_deg(view: &MapView) -> Option<f32> {
    let [w, h] = view.size_px;
    let c = [w / 2.0, h / 2.0];
    let here = view.to_lon_lat(c)?;
    if here.y().abs() > 89.9 {
        return None;
    }
    let north = view.lon_lat_to_screen(geo::Point::new(here.x(), here.y() + 0.1))?;
    let (dx, dy) = (north[0] - c[0], north[1] - c[1]);
    if dx == 0.0 && dy == 0.0 {
        return None;
    }
    Some(dx.atan2(-dy).to_degrees())
}
