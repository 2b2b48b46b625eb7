//! A military symbol ([`crate::symbology::Drawing`], on the standard's grid) placed on the
//! picture as the parts every back end paints the same way: the frame filled and outlined
//! (dashed when planned), the installation bar, the icon's filled parts and its strokes.

use super::geometry::PathSink;
use crate::scenario::Scenario;
use crate::scene::style::{Rgba, Stroke};
use crate::symbology::{Affiliation, Dimension, Drawing, Echelon, GridPoint, Mobility};

/// The ink of frames and icons.
pub const MILITARY_INK: Rgba = Rgba::rgb(0, 0, 0);

/// One part of a military symbol, in picture pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct MilitaryPart {
    pub points: Vec<[f32; 2]>,
    /// The last point joins the first.
    pub closed: bool,
    /// The fill of a closed part, which is star-shaped about `centre` (a fan from it fills it).
    pub fill: Option<Rgba>,
    pub centre: [f32; 2],
    /// The fill is convex (every frame but the quatrefoil; the bar).
    pub convex: bool,
    pub stroke: Option<Stroke>,
}

impl MilitaryPart {
    /// Traces the part into a path of any back end.
    pub fn trace(&self, path: &mut impl PathSink) {
        for (i, p) in self.points.iter().enumerate() {
            let q = [p[0] as f64, p[1] as f64];
            if i == 0 {
                path.start(q);
            } else {
                path.line_to(q);
            }
        }
        if self.closed {
            path.close();
        }
    }
}

/// How much of a symbol is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Frame, bar, icon and modifiers: every export, and the window unless crowded.
    Whole,
    /// The frame and the installation bar: the window with more symbols in view than icons
    /// could be read at ([`CROWDED_SYMBOLS`]).
    FrameOnly,
}

/// Military symbols in the window's view above which it draws their frames alone: their
/// icons are then a few pixels each, overlapping, and would cost tens of milliseconds a frame
/// (10,000 sites: 45 ms whole, against an 8 ms frame).
pub const CROWDED_SYMBOLS: usize = 2_000;

/// Points of a placed outline closer than this (pixels) to the last one kept are dropped: a
/// small symbol's arcs need no more.
const MIN_STEP_PX: f32 = 0.5;

/// The width of frames and icon strokes for a grid of `unit_px` pixels: the standard's 5
/// template units (1/24 of L), but at least a pixel so a small symbol stays legible.
pub fn military_line_px(unit_px: f32) -> f32 {
    (unit_px * 5.0 / 120.0).max(1.0)
}

/// The grid unit that fits `drawing` into a legend swatch `[width, height]` pixels, a pixel of
/// room all round.
pub fn swatch_unit_px(drawing: &Drawing, [w, h]: [f32; 2]) -> f32 {
    let [x0, y0, x1, y1] = drawing.bounds();
    ((w - 2.0) / (x1 - x0)).min((h - 2.0) / (y1 - y0)).max(0.1)
}

/// Where to put a symbol's point for the symbol to sit centred on `centre` at `unit_px`.
pub fn centred_at(drawing: &Drawing, centre: [f32; 2], unit_px: f32) -> [f32; 2] {
    let [x0, y0, x1, y1] = drawing.extent();
    [
        centre[0] - (x0 + x1) / 2.0 * unit_px,
        centre[1] - (y0 + y1) / 2.0 * unit_px,
    ]
}

/// The parts of `drawing` for an object at `at` (the drawing's anchor there: the frame's centre,
/// or a headquarters staff's foot), its grid unit L `unit_px` pixels, in painting order, with
/// `detail`.
///
/// ```
/// use bmd_atlas::render::military::{Detail, military_parts};
/// use bmd_atlas::symbology::{Drawing, Sidc};
/// let sidc: Sidc = "10031000001301020000".parse().unwrap();
/// let d = Drawing::of(&sidc, false).unwrap();
/// let parts = military_parts(&d, [100.0, 50.0], 8.0, Detail::Whole);
/// // The friend frame 3 L × 2 L around the point, then the dome and the missile.
/// assert_eq!(parts[0].points[0], [88.0, 42.0]);
/// assert_eq!(parts.len(), 3);
/// assert_eq!(military_parts(&d, [100.0, 50.0], 8.0, Detail::FrameOnly).len(), 1);
/// ```
pub fn military_parts(
    drawing: &Drawing,
    at: [f32; 2],
    unit_px: f32,
    detail: Detail,
) -> Vec<MilitaryPart> {
    let grid = Placement {
        at,
        anchor: drawing.anchor,
        unit_px,
    };
    let place = |points: &[GridPoint]| grid.place(points);
    let width = military_line_px(unit_px);
    let frame = &drawing.frame;
    let [r, g, b] = frame.fill;
    let outline = if frame.dashed {
        Stroke::dashed(width, MILITARY_INK, 5.0 * width, 3.0 * width)
    } else {
        Stroke::solid(width, MILITARY_INK)
    };
    let centre = place(&[[0.0, 0.0]])[0];
    let mut parts = vec![MilitaryPart {
        points: place(&frame.outline),
        closed: true,
        fill: Some(Rgba::rgb(r, g, b)),
        centre,
        convex: frame.convex,
        stroke: Some(outline),
    }];
    if let Some([x0, y0, x1, y1]) = frame.bar {
        let points = place(&[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
        let centre = place(&[[(x0 + x1) / 2.0, (y0 + y1) / 2.0]])[0];
        parts.push(MilitaryPart {
            points,
            closed: true,
            fill: Some(MILITARY_INK),
            centre,
            convex: true,
            stroke: None,
        });
    }
    if let Some(staff) = &drawing.staff {
        parts.push(MilitaryPart {
            points: place(staff),
            closed: false,
            fill: None,
            centre,
            convex: false,
            stroke: Some(Stroke::solid(width, MILITARY_INK)),
        });
    }
    if detail == Detail::FrameOnly {
        return parts;
    }
    for solid in &drawing.solids {
        let points = place(solid);
        parts.push(MilitaryPart {
            centre: points[0],
            points,
            closed: true,
            fill: Some(MILITARY_INK),
            convex: false,
            stroke: None,
        });
    }
    for line in &drawing.lines {
        parts.push(MilitaryPart {
            points: place(line),
            closed: false,
            fill: None,
            centre,
            convex: false,
            stroke: Some(Stroke::solid(width, MILITARY_INK)),
        });
    }
    parts
}

/// How a symbol's grid lies on the picture: its anchor at `at`, L `unit_px` pixels.
struct Placement {
    at: [f32; 2],
    anchor: GridPoint,
    unit_px: f32,
}

impl Placement {
    /// `points` on the picture, those closer than [`MIN_STEP_PX`] to the last one kept dropped
    /// (at least two kept).
    fn place(&self, points: &[GridPoint]) -> Vec<[f32; 2]> {
        let ([x, y], [ax, ay], unit) = (self.at, self.anchor, self.unit_px);
        let mut out: Vec<[f32; 2]> = Vec::with_capacity(points.len());
        for (i, p) in points.iter().enumerate() {
            let q = [x + (p[0] - ax) * unit, y + (p[1] - ay) * unit];
            let near = out.last().is_some_and(|o| {
                (o[0] - q[0]).abs() < MIN_STEP_PX && (o[1] - q[1]).abs() < MIN_STEP_PX
            });
            if !near || (i + 1 == points.len() && out.len() < 2) {
                out.push(q);
            }
        }
        out
    }
}

/// What a symbol sheet of `scenario` shows ([`crate::render::svg::symbol_sheet`]): every
/// site's symbol as drawn and as drawn planned, each once, captioned with its code, kind and
/// side; then the four frames on each dimension, bare.
pub fn sheet_entries(scenario: &Scenario) -> Vec<(String, Drawing)> {
    let mut entries: Vec<(String, Drawing)> = Vec::new();
    for site in &scenario.sites {
        let code = site.sidc();
        for planned in [false, true] {
            let Some(d) = Drawing::of_code(&code, planned) else {
                continue;
            };
            let caption = format!(
                "{code} {} {}{}",
                site.kind.label(),
                site.side.label(),
                if planned { " (planned)" } else { "" }
            );
            if !entries.iter().any(|(c, _)| *c == caption) {
                entries.push((caption, d));
            }
        }
    }
    for affiliation in Affiliation::ALL {
        for dimension in Dimension::ALL {
            let d = Drawing::bare(affiliation, dimension, false);
            entries.push((format!("{affiliation:?} {dimension:?}"), d));
        }
    }
    entries.extend(specimens());
    entries
}

/// The amplifiers APP-6D mode draws, on an air-defence unit: each echelon on the friend frame;
/// then a task force, a feint or dummy, and a feint or dummy task force headquarters battalion
/// on each of the four frames; then the entities and modifiers drawn that no built-in site
/// uses (cruiser, ballistic missile defence shooter, missile launchers) and each mobility on a
/// friend air defence launcher.
fn specimens() -> Vec<(String, Drawing)> {
    // Digits: version 10, context 0, identity, symbol set, present 0, digit 8, amplifier,
    // entity, no modifiers.
    let code_of = |identity: u8, set: u8, digit_8: u8, amplifier: u8, entity: u32| {
        format!("100{identity}{set:02}0{digit_8}{amplifier:02}{entity:06}0000")
    };
    // An air defence missile unit (land unit 130102).
    let code = |identity, digit_8, echelon| code_of(identity, 10, digit_8, echelon, 130_102);
    let mut out = Vec::new();
    let mut push = |code: String, caption: String| {
        if let Some(d) = Drawing::of_code(&code, false) {
            out.push((format!("{code} {caption}"), d));
        }
    };
    for (digits, echelon) in Echelon::ALL {
        push(code(3, 0, digits), echelon.label().to_owned());
    }
    for (identity, name) in [
        (3, "friend"),
        (6, "hostile"),
        (4, "neutral"),
        (1, "unknown"),
    ] {
        push(code(identity, 4, 0), format!("{name}, task force"));
        push(code(identity, 1, 0), format!("{name}, feint or dummy"));
        push(
            code(identity, 7, 16),
            format!("{name}, feint or dummy task force HQ, battalion"),
        );
    }
    // Entities and modifiers drawn that no built-in site uses.
    for (code, caption) in [
        (
            "10033000001202022000",
            "cruiser, ballistic missile defence shooter",
        ),
        (
            "10033000001202032000",
            "destroyer, ballistic missile defence shooter",
        ),
        ("10031500001111000000", "air defence missile launcher"),
        ("10061500001111000000", "air defence missile launcher"),
        (
            "10061500321113000000",
            "surface-to-surface missile launcher, wheeled",
        ),
    ] {
        push(code.to_owned(), caption.to_owned());
    }
    for digits in (31..=37).chain([41, 42, 51, 52]) {
        if let Some(m) = Mobility::of(digits) {
            push(code_of(3, 15, 0, digits, 111_100), m.label().to_owned());
        }
    }
    out
}
