//! The frames of MIL-STD-2525D / APP-6(D) symbols: their shapes by standard identity and
//! dimension, fill colours, the installation bar and the dashed outline of planned objects.
//!
//! Geometry from the standard's construction as published with DISA's Joint Military
//! Symbology XML (the frame templates of Esri/joint-military-symbology-xml, `svg/Frames`):
//! symbols are drawn on a grid centred on the symbol's point, whose unit here, **L**, is half
//! the height of the friend land-unit frame (120 units of the templates, whose centre is at
//! (306, 396)). On that grid, y down:
//!
//! | frame | shape |
//! |---|---|
//! | friend land unit, installation | rectangle 3 L × 2 L (the standard's 1.5 : 1) |
//! | friend land equipment, sea surface | circle of radius 1.2 L |
//! | hostile (every dimension here) | diamond, vertices 1.44 L from the centre (173 units) |
//! | neutral | square 2.2 L (264 units) |
//! | unknown | quatrefoil: four lobes on a square of 1.42 L, each bulging 0.96 L |
//!
//! The installation bar is a filled rectangle on top of the frame (friend 0.625 L × 0.183 L).
//! A planned or anticipated object's frame is dashed (25 on, 15 off for an outline 5 wide: 5
//! and 3 outline widths). Fill colours are the standard's light (default) fills.

use super::{SidcStatus, StandardIdentity, SymbolSet};

/// A point on the symbol's grid, in L, y down.
pub type GridPoint = [f32; 2];

/// The four frame families: the standard identities draw in one of four shapes and colours
/// (pending and unknown alike, assumed friend as friend, suspect as hostile).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Affiliation {
    Friend,
    Hostile,
    Neutral,
    Unknown,
}

impl Affiliation {
    /// All four, in the order legends list them.
    pub const ALL: [Affiliation; 4] = [
        Affiliation::Friend,
        Affiliation::Hostile,
        Affiliation::Neutral,
        Affiliation::Unknown,
    ];

    /// The frame family of a standard identity.
    pub fn of(identity: StandardIdentity) -> Affiliation {
        match identity {
            StandardIdentity::Friend | StandardIdentity::AssumedFriend => Affiliation::Friend,
            StandardIdentity::Hostile | StandardIdentity::Suspect => Affiliation::Hostile,
            StandardIdentity::Neutral => Affiliation::Neutral,
            StandardIdentity::Pending | StandardIdentity::Unknown => Affiliation::Unknown,
        }
    }

    /// The standard's light fill, sRGB: crystal blue, salmon, bamboo green, light yellow.
    pub fn fill(self) -> [u8; 3] {
        match self {
            Affiliation::Friend => [0x80, 0xe0, 0xff],
            Affiliation::Hostile => [0xff, 0x80, 0x80],
            Affiliation::Neutral => [0xaa, 0xff, 0xaa],
            Affiliation::Unknown => [0xff, 0xff, 0x80],
        }
    }
}

/// What a frame stands on: it sets the friend frame's shape and the installation bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    LandUnit,
    LandEquipment,
    LandInstallation,
    SeaSurface,
}

impl Dimension {
    /// All four.
    pub const ALL: [Dimension; 4] = [
        Dimension::LandUnit,
        Dimension::LandEquipment,
        Dimension::LandInstallation,
        Dimension::SeaSurface,
    ];

    /// The dimension of a symbol set; sets this tool does not draw (air, space, subsurface,
    /// control measures…) have none, and their sites keep the simple symbol.
    pub fn of(set: SymbolSet) -> Option<Dimension> {
        match set {
            SymbolSet::LandUnit | SymbolSet::LandCivilianUnit | SymbolSet::Unknown => {
                Some(Dimension::LandUnit)
            }
            SymbolSet::LandEquipment => Some(Dimension::LandEquipment),
            SymbolSet::LandInstallation => Some(Dimension::LandInstallation),
            SymbolSet::SeaSurface => Some(Dimension::SeaSurface),
            _ => None,
        }
    }
}

/// A symbol's frame, in L.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The outline, closed (the last point joins the first), star-shaped about the centre:
    /// a fan of triangles from (0, 0) fills it.
    pub outline: Vec<GridPoint>,
    /// The fill, sRGB.
    pub fill: [u8; 3],
    /// Planned or anticipated: the outline dashed.
    pub dashed: bool,
    /// The installation bar, a rectangle `[x0, y0, x1, y1]`, filled black.
    pub bar: Option<[f32; 4]>,
    /// The outline is convex (all but the unknown quatrefoil).
    pub convex: bool,
    /// Where a headquarters staff leaves the frame: its lower-left corner, or its leftmost
    /// point when it has no corner there.
    pub staff_top: GridPoint,
    /// Where the air-defence dome meets the frame, left and right: the rectangle's and the
    /// square's lower corners, elsewhere the outline at [`FLOOR_Y`].
    pub floor: [GridPoint; 2],
}

/// Template units per L.
pub(super) const UNITS: f32 = 120.0;

/// A point of the standard's figures on the grid: `x` template units from the centre line,
/// `y` the figures' own height (their frame's centre at 396), y down.
pub(super) fn template(x: f32, y: f32) -> GridPoint {
    [x / UNITS, template_y(y)]
}

/// The box `[x0, y0, x1, y1]` of `points`, `None` when there are none.
pub(super) fn box_of<'a>(points: impl IntoIterator<Item = &'a GridPoint>) -> Option<[f32; 4]> {
    let mut points = points.into_iter().peekable();
    points.peek()?;
    Some(points.fold(
        [f32::MAX, f32::MAX, f32::MIN, f32::MIN],
        |[x0, y0, x1, y1], p| [x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1])],
    ))
}

/// A height of the standard's figures (template units, the frame's centre at 396) on the grid.
pub(super) fn template_y(y: f32) -> f32 {
    (y - 396.0) / UNITS
}
/// Points per quarter circle in flattened curves.
const QUARTER: usize = 12;

/// Whether a SIDC status draws the dashed frame.
pub fn is_dashed(status: SidcStatus) -> bool {
    status == SidcStatus::PlannedOrAnticipated
}

/// The frame of `affiliation` on `dimension`.
///
/// ```
/// use bmd_atlas::symbology::{Affiliation, Dimension, frame};
/// let f = frame(Affiliation::Friend, Dimension::LandUnit, false);
/// let width = f.outline.iter().map(|p| p[0]).fold(f32::MIN, f32::max) * 2.0;
/// let height = f.outline.iter().map(|p| p[1]).fold(f32::MIN, f32::max) * 2.0;
/// assert_eq!(width / height, 1.5);
/// ```
pub fn frame(affiliation: Affiliation, dimension: Dimension, dashed: bool) -> Frame {
    let round = matches!(dimension, Dimension::LandEquipment | Dimension::SeaSurface);
    let (outline, floor) = match affiliation {
        Affiliation::Friend if round => {
            let r = 144.0 / UNITS;
            let x = (r * r - FLOOR_Y * FLOOR_Y).sqrt();
            (circle(r), [[-x, FLOOR_Y], [x, FLOOR_Y]])
        }
        Affiliation::Friend => (
            rectangle(1.5, 1.0),
            // The dome springs from the rectangle's lower corners.
            [[-1.5, 1.0], [1.5, 1.0]],
        ),
        Affiliation::Hostile => {
            let r = 173.0 / UNITS;
            (
                vec![[0.0, -r], [r, 0.0], [0.0, r], [-r, 0.0]],
                [[-(r - FLOOR_Y), FLOOR_Y], [r - FLOOR_Y, FLOOR_Y]],
            )
        }
        Affiliation::Neutral => {
            let h = 132.0 / UNITS;
            (rectangle(h, h), [[-h, h], [h, h]])
        }
        Affiliation::Unknown => {
            let q = quatrefoil();
            let x = q
                .iter()
                .filter(|p| p[1] >= FLOOR_Y)
                .map(|p| p[0].abs())
                .fold(0.0, f32::max);
            (q, [[-x, FLOOR_Y], [x, FLOOR_Y]])
        }
    };
    let bar = (dimension == Dimension::LandInstallation).then(|| {
        // [half width, top, bottom] in template units, from the installation frames.
        let [half, top, bottom] = match affiliation {
            // On the top edge of the friend frame (the template's frame here is 5.5 units
            // taller than the plain one, whose top is at 276).
            Affiliation::Friend => [37.5, 254.0, 276.0],
            Affiliation::Hostile => [28.84, 215.5, 241.5],
            Affiliation::Neutral => [37.5, 240.0, 261.8],
            Affiliation::Unknown => [33.0, 205.0, 226.8],
        };
        [
            -half / UNITS,
            template_y(top),
            half / UNITS,
            template_y(bottom),
        ]
    });
    let staff_top = match affiliation {
        Affiliation::Friend if !round => [-1.5, 1.0],
        Affiliation::Neutral => [-132.0 / UNITS, 132.0 / UNITS],
        _ => {
            let left = outline.iter().map(|p| p[0]).fold(0.0, f32::min);
            [left, 0.0]
        }
    };
    Frame {
        staff_top,
        outline,
        fill: affiliation.fill(),
        dashed,
        bar,
        convex: affiliation != Affiliation::Unknown,
        floor,
    }
}

/// The height (L below the centre) where the air-defence dome meets a frame that is not a
/// rectangle: on the hostile diamond's lower edges (the template's 463 units).
pub const FLOOR_Y: f32 = 67.0 / UNITS;

fn rectangle(half_w: f32, half_h: f32) -> Vec<GridPoint> {
    vec![
        [-half_w, -half_h],
        [half_w, -half_h],
        [half_w, half_h],
        [-half_w, half_h],
    ]
}

fn circle(r: f32) -> Vec<GridPoint> {
    let n = 4 * QUARTER;
    (0..n)
        .map(|i| {
            let a = i as f32 / n as f32 * std::f32::consts::TAU;
            [r * a.cos(), r * a.sin()]
        })
        .collect()
}

/// The unknown frame: four lobes, one on each side of a square of 170 template units, each a
/// cubic whose control points stand 115 units out from the square's corners.
fn quatrefoil() -> Vec<GridPoint> {
    let c = 85.0 / UNITS;
    let b = 115.0 / UNITS;
    // Corners clockwise from the top left; each lobe bulges away from the centre.
    let corners = [[-c, -c], [c, -c], [c, c], [-c, c]];
    let mut out = Vec::with_capacity(4 * QUARTER * 2);
    for i in 0..4 {
        let (p0, p3) = (corners[i], corners[(i + 1) % 4]);
        // The outward normal of this side.
        let n = match i {
            0 => [0.0, -b],
            1 => [b, 0.0],
            2 => [0.0, b],
            _ => [-b, 0.0],
        };
        let p1 = [p0[0] + n[0], p0[1] + n[1]];
        let p2 = [p3[0] + n[0], p3[1] + n[1]];
        let steps = 2 * QUARTER;
        for s in 0..steps {
            out.push(cubic(p0, p1, p2, p3, s as f32 / steps as f32));
        }
    }
    out
}

/// The point at `t` of the cubic Bézier `p0 p1 p2 p3`.
pub(super) fn cubic(
    p0: GridPoint,
    p1: GridPoint,
    p2: GridPoint,
    p3: GridPoint,
    t: f32,
) -> GridPoint {
    let u = 1.0 - t;
    let [a, b, c, d] = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    [
        a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(points: &[GridPoint]) -> [f32; 4] {
        box_of(points).expect("points")
    }

    /// A template point (units, centre (306, 396)) on the grid.
    fn grid(x: f32, y: f32) -> GridPoint {
        [(x - 306.0) / UNITS, (y - 396.0) / UNITS]
    }

    #[test]
    fn friend_land_unit_is_the_templates_rectangle_of_aspect_one_and_a_half() {
        let f = frame(Affiliation::Friend, Dimension::LandUnit, false);
        // The template's friend unit: x 126.082–486.082, y 276–516 (planned frame's box).
        let [x0, y0, x1, y1] = bounds(&f.outline);
        let [a, b] = [grid(126.0, 276.0), grid(486.0, 516.0)];
        assert!(
            (x0 - a[0]).abs() < 0.01 && (y0 - a[1]).abs() < 0.01,
            "{x0} {y0}"
        );
        assert!(
            (x1 - b[0]).abs() < 0.01 && (y1 - b[1]).abs() < 0.01,
            "{x1} {y1}"
        );
        assert_eq!((x1 - x0) / (y1 - y0), 1.5);
        assert_eq!(f.fill, [0x80, 0xe0, 0xff]);
        assert!(f.bar.is_none());
    }

    #[test]
    fn hostile_is_a_diamond_with_its_vertices_on_the_grid() {
        for d in [
            Dimension::LandUnit,
            Dimension::SeaSurface,
            Dimension::LandInstallation,
        ] {
            let f = frame(Affiliation::Hostile, d, false);
            // The template's diamond: 306,568 479,395 306,222 133,395 (centre 306,395).
            let want = [
                (306.0, 222.0),
                (479.0, 395.0),
                (306.0, 568.0),
                (133.0, 395.0),
            ];
            assert_eq!(f.outline.len(), 4);
            for (p, (x, y)) in f.outline.iter().zip(want) {
                let g = [(x - 306.0) / UNITS, (y - 395.0) / UNITS];
                assert!(
                    (p[0] - g[0]).abs() < 1e-4 && (p[1] - g[1]).abs() < 1e-4,
                    "{p:?}"
                );
            }
            assert_eq!(f.fill, [0xff, 0x80, 0x80]);
        }
    }

    #[test]
    fn neutral_is_a_square_and_friend_at_sea_a_circle() {
        let n = frame(Affiliation::Neutral, Dimension::LandUnit, false);
        let [x0, y0, x1, y1] = bounds(&n.outline);
        assert_eq!(x1 - x0, y1 - y0);
        assert!((x1 - x0 - 264.0 / UNITS).abs() < 1e-5);
        let sea = frame(Affiliation::Friend, Dimension::SeaSurface, false);
        for p in &sea.outline {
            assert!((p[0].hypot(p[1]) - 1.2).abs() < 1e-5);
        }
        let equipment = frame(Affiliation::Friend, Dimension::LandEquipment, false);
        assert_eq!(equipment.outline, sea.outline);
    }

    #[test]
    fn unknown_is_a_quatrefoil_reaching_past_its_square() {
        let f = frame(Affiliation::Unknown, Dimension::LandUnit, false);
        let [x0, y0, x1, y1] = bounds(&f.outline);
        // Each lobe's furthest point: the square's half side plus three quarters of the bulge
        // (the template's lobes reach y 223.75 above a centre at 395).
        let reach = (85.0 + 0.75 * 115.0) / UNITS;
        for v in [-x0, -y0, x1, y1] {
            assert!((v - reach).abs() < 0.01, "{v} against {reach}");
        }
        // Between the lobes the outline comes in to the square's corners.
        let corner = 85.0 / UNITS;
        assert!(
            f.outline
                .iter()
                .any(|p| (p[0] - corner).abs() < 1e-5 && (p[1] - corner).abs() < 1e-5)
        );
        assert_eq!(f.fill, [0xff, 0xff, 0x80]);
    }

    #[test]
    fn an_installation_has_its_bar_on_top_and_planned_is_dashed() {
        let f = frame(Affiliation::Friend, Dimension::LandInstallation, true);
        let [x0, y0, x1, y1] = f.bar.expect("a bar");
        assert!((x1 - x0 - 75.0 / UNITS).abs() < 1e-5);
        assert!(
            (y1 - -1.0).abs() < 0.01,
            "sits on the frame's top edge: {y1}"
        );
        assert!(y0 < y1);
        assert!(f.dashed);
        assert!(is_dashed(SidcStatus::PlannedOrAnticipated) && !is_dashed(SidcStatus::Present));
        assert!(Dimension::of(SymbolSet::Air).is_none());
    }

    #[test]
    fn only_the_quatrefoil_is_not_convex() {
        for a in Affiliation::ALL {
            for d in Dimension::ALL {
                let f = frame(a, d, false);
                let n = f.outline.len();
                // Convex: no turn the other way anywhere along the outline.
                let turns_right = (0..n).all(|i| {
                    let [p, q, r] = [f.outline[i], f.outline[(i + 1) % n], f.outline[(i + 2) % n]];
                    (q[0] - p[0]) * (r[1] - q[1]) - (q[1] - p[1]) * (r[0] - q[0]) >= -1e-6
                });
                assert_eq!(turns_right, f.convex, "{a:?} {d:?}");
            }
        }
    }

    #[test]
    fn every_outline_is_star_shaped_about_the_centre() {
        // A fan from the centre fills the frame only if every edge turns the same way about it.
        for a in Affiliation::ALL {
            for d in Dimension::ALL {
                let f = frame(a, d, false);
                let n = f.outline.len();
                for i in 0..n {
                    let (p, q) = (f.outline[i], f.outline[(i + 1) % n]);
                    assert!(p[0] * q[1] - p[1] * q[0] >= 0.0, "{a:?} {d:?} edge {i}");
                }
            }
        }
    }
}
