//! The icons this tool draws inside the frames, for the kinds of object on its map, and the
//! whole symbol ([`Drawing`]: frame and icon on the grid of [`super::frame`]).
//!
//! Each icon follows the standard's figure for its entity (DISA's Joint Military Symbology
//! XML, `svg/Appendices`), redrawn here from its key measures in L:
//!
//! | entity | icon |
//! |---|---|
//! | land unit 130102 *air defence, missile* | the air-defence dome (from the frame's lower corners up to 0.43 L below the centre) and a missile standing on it (0.30 L wide, its top 0.35 L above the centre) |
//! | land unit 130700 *missile* | the missile alone, closed, 0.9 L tall |
//! | land unit 151200 *sensor* | a four-pointed star with hollowed sides, 0.8 L across |
//! | land unit 110000 *command and control* | the letters C2 |
//! | sea surface 120203 *destroyer* | the letters DD |
//! | sea surface 120202 *cruiser* | the letters CG (the figure `30120202`, as published in ctgnz/jmsfx's copy of the figures; the stored JMSML holds it only as an image) |
//! | land equipment 111100 *air defence missile launcher* | an open missile 0.65 L wide with a rounded top 0.92 L above the centre, a line down its middle, and the air-defence dome closing its foot (figure `15111100`, from the same copy) |
//! | land equipment 111300 *surface-to-surface missile launcher* | a closed missile 0.86 L wide with a rounded top and a line down its middle (figure `15111300`, the same copy) |
//! | sea surface sector 1 modifier 08 *missile defence* | the letters MD above the icon |
//! | sea surface sector 1 modifier 20 *ballistic missile defence, shooter* | the letters BM above the icon (as milsymbol's table reads the figure `30201`, stored here only as an image) |
//! | land unit sector 1 modifier 50 *radar* | a dish and a zigzag above the icon |
//! | digit 8 headquarters (2, 3, 6, 7) | a staff from the frame's lower left down to the object's point (`svg/HQTFFD`) |
//!
//! Letters are drawn as strokes of a simple sans-serif (the standard sets them in a sans
//! font), so every back end draws them as lines without a font. Any other entity draws the
//! frame alone.

use super::amplifier::{amplifiers, is_headquarters};
use super::frame::{Frame, GridPoint, UNITS, box_of, cubic, frame, template};
use super::letters::letters;
use super::modifier::SectorOne;
use super::{Affiliation, Dimension, Sidc, SymbolSet, is_dashed};

/// What is drawn inside a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Icon {
    None,
    AirDefenceMissile,
    Missile,
    Sensor,
    CommandAndControl,
    Destroyer,
    Cruiser,
    AirDefenceMissileLauncher,
    SurfaceToSurfaceMissileLauncher,
}

impl Icon {
    /// The entity's name in the standard's table; `None` for no icon.
    pub fn label(self) -> Option<&'static str> {
        Some(match self {
            Icon::None => return None,
            Icon::AirDefenceMissile => "air defence, missile",
            Icon::Missile => "missile",
            Icon::Sensor => "sensor",
            Icon::CommandAndControl => "command and control",
            Icon::Destroyer => "destroyer",
            Icon::Cruiser => "cruiser",
            Icon::AirDefenceMissileLauncher => "air defence missile launcher",
            Icon::SurfaceToSurfaceMissileLauncher => "surface-to-surface missile launcher",
        })
    }

    /// The icon of an entity of a symbol set.
    pub fn of(set: SymbolSet, entity: u32) -> Icon {
        match (set, entity) {
            (SymbolSet::LandUnit, 130_102) => Icon::AirDefenceMissile,
            (SymbolSet::LandUnit, 130_700) => Icon::Missile,
            (SymbolSet::LandUnit, 151_200) => Icon::Sensor,
            (SymbolSet::LandUnit, 110_000) => Icon::CommandAndControl,
            (SymbolSet::SeaSurface, 120_203) => Icon::Destroyer,
            (SymbolSet::SeaSurface, 120_202) => Icon::Cruiser,
            (SymbolSet::LandEquipment, 111_100) => Icon::AirDefenceMissileLauncher,
            (SymbolSet::LandEquipment, 111_300) => Icon::SurfaceToSurfaceMissileLauncher,
            _ => Icon::None,
        }
    }
}

/// A whole symbol on its grid (L, y down, centred on the frame).
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// Whose frame it is (the legend names it).
    pub affiliation: Affiliation,
    pub frame: Frame,
    /// The headquarters staff, from the frame's lower left down to the object's point.
    pub staff: Option<[GridPoint; 2]>,
    /// Where on the grid the object's point is: the frame's centre, or a headquarters staff's
    /// foot.
    pub anchor: GridPoint,
    /// The icon's strokes: open polylines, drawn black as wide as the frame's outline.
    pub lines: Vec<Vec<GridPoint>>,
    /// The icon's filled parts, black; each star-shaped about its first point, so a fan from
    /// it fills it.
    pub solids: Vec<Vec<GridPoint>>,
    /// Frame, bar, staff, strokes and filled parts: [`Drawing::bounds`], found once.
    bounds: [f32; 4],
}

impl Drawing {
    /// The symbol for `sidc`, dashed when the code says planned or when `planned` (an object
    /// not yet operational in the year shown); `None` for a symbol set this tool does not
    /// draw.
    ///
    /// ```
    /// use bmd_atlas::symbology::{Drawing, Sidc};
    /// let sidc: Sidc = "10031000001301020000".parse().unwrap();
    /// let d = Drawing::of(&sidc, false).expect("a land unit");
    /// assert_eq!(d.lines.len(), 2, "the dome and the missile");
    /// assert!(Drawing::of(&"10030100000000000000".parse().unwrap(), false).is_none(), "air");
    /// ```
    pub fn of(sidc: &Sidc, planned: bool) -> Option<Drawing> {
        let dimension = Dimension::of(sidc.symbol_set)?;
        let affiliation = Affiliation::of(sidc.identity);
        let frame = frame(affiliation, dimension, planned || is_dashed(sidc.status));
        let mut d = Drawing {
            affiliation,
            frame,
            staff: None,
            anchor: [0.0, 0.0],
            lines: Vec::new(),
            solids: Vec::new(),
            bounds: [0.0; 4],
        };
        if is_headquarters(sidc.hq_tf_dummy) {
            let top = d.frame.staff_top;
            let foot = [top[0], STAFF_FOOT_Y];
            d.staff = Some([top, foot]);
            d.anchor = foot;
        }
        match Icon::of(sidc.symbol_set, sidc.entity) {
            Icon::None => {}
            Icon::AirDefenceMissile => {
                let [left, right] = d.frame.floor;
                d.lines.push(dome(left, right, DOME_TOP));
                d.lines.push(missile(DOME_TOP, -0.346, false));
            }
            Icon::Missile => d.lines.push(missile(0.45, -0.45, true)),
            Icon::Sensor => d.solids.push(star(0.39, 0.41)),
            Icon::CommandAndControl => d.lines.extend(letters("C2", 0.55, 0.0)),
            Icon::Destroyer => d.lines.extend(letters("DD", 0.7, 0.0)),
            Icon::Cruiser => d.lines.extend(letters("CG", 0.7, 0.0)),
            Icon::AirDefenceMissileLauncher => d.lines.extend(launcher()),
            Icon::SurfaceToSurfaceMissileLauncher => d.lines.extend(surface_to_surface_launcher()),
        }
        if let Some(modifier) = SectorOne::of(sidc.symbol_set, sidc.modifiers[0]) {
            d.lines.extend(modifier.strokes());
        }
        let ink = amplifiers(
            sidc.symbol_set,
            affiliation,
            &d.frame,
            sidc.hq_tf_dummy,
            sidc.amplifier,
        );
        d.lines.extend(ink.lines);
        d.solids.extend(ink.solids);
        Some(d.measured())
    }

    /// The symbol of a code as written in a file (`Site::sidc`); `None` when it does not parse
    /// or is of a symbol set this tool does not draw.
    pub fn of_code(code: &str, planned: bool) -> Option<Drawing> {
        Drawing::of(&code.parse().ok()?, planned)
    }

    /// The bare frame of `affiliation` on `dimension`, for a legend's key to the identities
    /// and the symbol sheet.
    pub fn bare(affiliation: Affiliation, dimension: Dimension, planned: bool) -> Drawing {
        Drawing {
            affiliation,
            frame: frame(affiliation, dimension, planned),
            staff: None,
            anchor: [0.0, 0.0],
            lines: Vec::new(),
            solids: Vec::new(),
            bounds: [0.0; 4],
        }
        .measured()
    }

    /// The box the symbol takes on its grid, `[x0, y0, x1, y1]` in L: frame, bar, staff and
    /// everything drawn in black (amplifiers stand above the frame).
    pub fn bounds(&self) -> [f32; 4] {
        self.bounds
    }

    /// The drawing with its [`Drawing::bounds`] found.
    fn measured(mut self) -> Drawing {
        let bar = self.frame.bar.map(|[x0, y0, x1, y1]| [[x0, y0], [x1, y1]]);
        let points = self.frame.outline.iter().chain(bar.iter().flatten());
        let ink = self.lines.iter().chain(&self.solids).flatten();
        // A frame always has its outline, so there is a box.
        self.bounds =
            box_of(points.chain(self.staff.iter().flatten()).chain(ink)).unwrap_or_default();
        self
    }

    /// [`Drawing::bounds`] from the object's point (the anchor), in L.
    pub fn extent(&self) -> [f32; 4] {
        let [x0, y0, x1, y1] = self.bounds();
        let [ax, ay] = self.anchor;
        [x0 - ax, y0 - ay, x1 - ax, y1 - ay]
    }
}

/// Where a headquarters staff ends, below the frame's centre: the standard's figure for a
/// land unit (`svg/HQTFFD/6102.svg`, the staff down to 760.7 template units, 3.04 L below the
/// centre).
const STAFF_FOOT_Y: f32 = 364.66 / UNITS;

/// Where the dome's top is: 0.43 L below the centre (the template's 447 units).
const DOME_TOP: f32 = 51.3 / UNITS;
/// Points of a flattened curve.
const STEPS: usize = 16;

/// The air-defence dome: a curve from `left` to `right` through `(0, top)`.
fn dome(left: GridPoint, right: GridPoint, top: f32) -> Vec<GridPoint> {
    // A quadratic through its middle point: the control twice as far from the chord.
    let control = [0.0, 2.0 * top - (left[1] + right[1]) / 2.0];
    (0..=STEPS)
        .map(|i| {
            let t = i as f32 / STEPS as f32;
            let u = 1.0 - t;
            [
                u * u * left[0] + 2.0 * u * t * control[0] + t * t * right[0],
                u * u * left[1] + 2.0 * u * t * control[1] + t * t * right[1],
            ]
        })
        .collect()
}

/// A missile standing from `bottom` up to `top` (L, y down), 0.30 L wide with rounded
/// shoulders; `closed` joins its foot, else it stands open on the dome.
fn missile(bottom: f32, top: f32, closed: bool) -> Vec<GridPoint> {
    let (half, r) = (0.152, 0.101);
    let mut out = vec![[-half, bottom]];
    // Left shoulder, then right: quarter circles of radius r.
    for (cx, from) in [(-half + r, 180.0f32), (half - r, 270.0)] {
        for i in 0..=STEPS / 2 {
            let a = (from + 90.0 * i as f32 / (STEPS / 2) as f32).to_radians();
            out.push([cx + r * a.cos(), top + r + r * a.sin()]);
        }
    }
    out.push([half, bottom]);
    if closed {
        out.push([-half, bottom]);
    }
    out
}

/// A four-pointed star reaching `half_w` sideways and `half_h` up and down, its sides hollowed
/// towards the centre; the centre first.
fn star(half_w: f32, half_h: f32) -> Vec<GridPoint> {
    let tips = [[0.0, -half_h], [half_w, 0.0], [0.0, half_h], [-half_w, 0.0]];
    let mut out = vec![[0.0, 0.0]];
    for i in 0..4 {
        let (a, b) = (tips[i], tips[(i + 1) % 4]);
        // The side bends in through a control point near the centre.
        let c = [(a[0] + b[0]) * 0.15, (a[1] + b[1]) * 0.15];
        for s in 0..STEPS / 2 {
            let t = s as f32 / (STEPS / 2) as f32;
            out.push(cubic(a, c, c, b, t));
        }
    }
    out.push(tips[0]);
    out
}

/// A curve rising `rise` template units between `from` and `to`, its control points `inset`
/// of the way in from either end (a launcher's rounded top, the air-defence dome).
fn rising(from: GridPoint, rise: f32, inset: f32, to: GridPoint) -> Vec<GridPoint> {
    let (dx, up) = (to[0] - from[0], rise / UNITS);
    let (c1, c2) = (
        [from[0] + inset * dx, from[1] - up],
        [to[0] - inset * dx, to[1] - up],
    );
    (0..=STEPS)
        .map(|i| cubic(from, c1, c2, to, i as f32 / STEPS as f32))
        .collect()
}

/// A launcher's missile: sides at ±`half_w` from `bottom` up to `shoulder` (template units),
/// a top rising `rise` more; closed across its foot when `closed`.
fn launcher_missile(
    half_w: f32,
    bottom: f32,
    shoulder: f32,
    rise: f32,
    closed: bool,
) -> Vec<GridPoint> {
    let mut missile = vec![template(-half_w, bottom)];
    missile.extend(rising(
        template(-half_w, shoulder),
        rise,
        0.1,
        template(half_w, shoulder),
    ));
    missile.push(template(half_w, bottom));
    if closed {
        missile.push(template(-half_w, bottom));
    }
    missile
}

/// The air-defence missile launcher (land equipment 111100), from its figure's measures in
/// template units: the missile's sides at ±39 from 497 up to 307, its top a curve rising 29
/// more; the middle line from 286 to 469; the dome from ±38 at 495 rising 32, closed by its
/// chord.
fn launcher() -> Vec<Vec<GridPoint>> {
    let missile = launcher_missile(39.0, 497.25, 307.2, 29.3, false);
    let middle = vec![template(0.0, 286.0), template(0.0, 469.2)];
    let mut dome = rising(template(-38.0, 494.7), 31.8, 0.04, template(38.0, 494.7));
    dome.push(template(-38.0, 494.7));
    vec![missile, middle, dome]
}

/// The surface-to-surface missile launcher (land equipment 111300), from its figure
/// (`15111300`, the same copy as the air-defence launcher): a closed missile ±51.5 wide from
/// 488 up to 314, its top rising 33 more, and a line down its middle from 288 to its foot.
fn surface_to_surface_launcher() -> Vec<Vec<GridPoint>> {
    let missile = launcher_missile(51.5, 488.0, 313.9, 32.8, true);
    let middle = vec![template(0.0, 288.25), template(0.0, 488.0)];
    vec![missile, middle]
}

#[cfg(test)]
mod tests {
    use super::super::draws_sector_one;
    use super::*;

    fn drawing(code: &str) -> Drawing {
        Drawing::of(&code.parse().expect("a SIDC"), false).expect("drawn")
    }

    #[test]
    fn each_entity_of_the_map_has_its_icon_and_others_none() {
        assert_eq!(
            Icon::of(SymbolSet::LandUnit, 130_102),
            Icon::AirDefenceMissile
        );
        assert_eq!(Icon::of(SymbolSet::SeaSurface, 120_203), Icon::Destroyer);
        assert_eq!(Icon::of(SymbolSet::LandUnit, 120_203), Icon::None);
        let bare = drawing("10031000000000000000");
        assert!(bare.lines.is_empty() && bare.solids.is_empty());
        assert_eq!(
            drawing("10031000001512000000").solids.len(),
            1,
            "the sensor's star"
        );
        assert_eq!(drawing("10033000001202030000").lines.len(), 2, "D and D");
        let aegis = drawing("10033000001202030800");
        assert_eq!(aegis.lines.len(), 4, "D and D, and M and D above them");
        let top = |l: &Vec<GridPoint>| l.iter().map(|p| p[1]).fold(f32::MAX, f32::min);
        assert!(
            top(&aegis.lines[2]) < top(&aegis.lines[0]) - 0.4,
            "the modifier above"
        );
        assert_eq!(drawing("10031000001100000000").lines.len(), 2, "C and 2");
        assert_eq!(Icon::of(SymbolSet::SeaSurface, 120_202), Icon::Cruiser);
        let shooter = drawing("10033000001202022000");
        assert_eq!(
            shooter.lines.len(),
            6,
            "C and G, then B (stem, two bowls) and M"
        );
        assert!(draws_sector_one(SymbolSet::SeaSurface, 20));
        assert!(!draws_sector_one(SymbolSet::SeaSurface, 19));
        assert!(
            draws_sector_one(SymbolSet::LandUnit, 0),
            "none is nothing to say"
        );
        assert_eq!(
            Icon::of(SymbolSet::LandEquipment, 111_100),
            Icon::AirDefenceMissileLauncher
        );
        let launcher = drawing("10031500001111000000");
        assert_eq!(
            launcher.lines.len(),
            3,
            "the missile, its middle line, the dome"
        );
        let top = launcher.lines[0]
            .iter()
            .map(|p| p[1])
            .fold(f32::MAX, f32::min);
        assert!((top - -0.92).abs() < 0.01, "the missile's top: {top}");
        let dome = &launcher.lines[2];
        assert_eq!(dome.first(), dome.last(), "the dome closed by its chord");
    }

    #[test]
    fn the_air_defence_dome_springs_from_the_frames_corners_and_the_missile_stands_on_it() {
        let d = drawing("10031000001301020000");
        let dome = &d.lines[0];
        assert_eq!(dome[0], [-1.5, 1.0]);
        assert_eq!(dome[dome.len() - 1], [1.5, 1.0]);
        let top = dome.iter().map(|p| p[1]).fold(f32::MAX, f32::min);
        assert!((top - DOME_TOP).abs() < 1e-4, "{top}");
        let missile = &d.lines[1];
        assert_eq!(
            missile[0][1], DOME_TOP,
            "the missile's foot on the dome's top"
        );
        let tip = missile.iter().map(|p| p[1]).fold(f32::MAX, f32::min);
        assert!((tip - -0.346).abs() < 1e-3, "{tip}");
        // In a hostile diamond the dome's ends lie on its lower edges.
        let h = drawing("10061000001301020000");
        let [l, r] = [h.lines[0][0], h.lines[0][h.lines[0].len() - 1]];
        let reach = 173.0 / 120.0;
        for p in [l, r] {
            assert!(
                (p[0].abs() + p[1] - reach).abs() < 1e-4,
                "{p:?} on the diamond"
            );
        }
    }

    #[test]
    fn every_icon_stays_inside_its_frame() {
        for code in [
            "10031000001301020000",
            "10061000001301020000",
            "10041000001301020000",
            "10011000001301020000",
            "10031000001307000000",
            "10061000001512000000",
            "10041000001100000000",
            "10033000001202030000",
            "10063000001202030000",
            "10033000001202030800",
            "10061000001512005000",
            "10031000001512005000",
            "10033000001202022000",
            "10031500001111000000",
            "10061500001111000000",
            "10041500001111000000",
            "10011500001111000000",
        ] {
            let d = drawing(code);
            let [x0, y0, x1, y1] = box_of(&d.frame.outline).expect("an outline");
            for p in d.lines.iter().chain(&d.solids).flatten() {
                assert!(
                    p[0] >= x0 - 1e-4
                        && p[0] <= x1 + 1e-4
                        && p[1] >= y0 - 1e-4
                        && p[1] <= y1 + 1e-4,
                    "{code}: {p:?}"
                );
            }
        }
    }

    #[test]
    fn a_land_units_amplifiers_stand_above_its_frame_and_in_its_box() {
        let plain = drawing("10031000001301020000");
        // A battalion (16), a task force (digit 8: 4).
        let battalion = drawing("10031004161301020000");
        assert_eq!(battalion.solids.len(), plain.solids.len() + 2, "two bars");
        assert_eq!(battalion.lines.len(), plain.lines.len() + 1, "the bracket");
        let [_, top, _, _] = battalion.bounds();
        assert!(
            top < plain.bounds()[1] - 0.5,
            "the box holds the amplifiers: {top}"
        );
        assert_eq!(battalion.bounds()[3], plain.bounds()[3]);
        // Amplifiers are drawn on land units only: a destroyer's echelon digits draw nothing.
        let ship = drawing("10033000001202030000");
        assert_eq!(drawing("10033001161202030000").lines, ship.lines);
    }

    #[test]
    fn a_headquarters_stands_on_its_staff_from_the_frames_lower_left() {
        let plain = drawing("10031000001100000000");
        assert_eq!((plain.staff, plain.anchor), (None, [0.0, 0.0]));
        let hq = drawing("10031002001100000000");
        let [top, foot] = hq.staff.expect("a staff");
        assert_eq!(
            top,
            [-1.5, 1.0],
            "from the friend frame's lower-left corner"
        );
        assert_eq!(foot[0], top[0]);
        assert!((foot[1] - 3.04).abs() < 0.01, "down to 3.04 L: {foot:?}");
        assert_eq!(hq.anchor, foot, "the object's point is the staff's foot");
        let [_, _, _, bottom] = hq.extent();
        assert_eq!(bottom, 0.0, "nothing below the point");
        let hostile = drawing("10061002001100000000");
        assert_eq!(
            hostile.staff.expect("a staff")[0],
            [-173.0 / 120.0, 0.0],
            "from the left vertex"
        );
    }

    /// Every identity, drawn symbol set, digit 8 and amplifier, with the icons and modifiers
    /// drawn: each code that parses draws, and every point of it is finite and in its box.
    #[test]
    fn every_combination_of_fields_draws_finite_points_in_its_box() {
        let entities = [
            (10, 130_102),
            (10, 151_200),
            (15, 111_100),
            (20, 0),
            (30, 120_202),
        ];
        let mut drawn = 0;
        for identity in 0..=6 {
            for (set, entity) in entities {
                for digit_8 in 0..=9 {
                    for amplifier in 0..=99u8 {
                        let code =
                            format!("100{identity}{set}0{digit_8}{amplifier:02}{entity:06}2050");
                        let Some(d) = Drawing::of_code(&code, digit_8 % 2 == 0) else {
                            assert!(digit_8 > 7, "{code} parses and is drawn");
                            continue;
                        };
                        drawn += 1;
                        let [x0, y0, x1, y1] = d.bounds();
                        let points = d.lines.iter().chain(&d.solids).flatten();
                        for p in points.chain(d.frame.outline.iter()) {
                            assert!(p[0].is_finite() && p[1].is_finite(), "{code}");
                            assert!(
                                p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1,
                                "{code}: {p:?} outside {:?}",
                                d.bounds()
                            );
                        }
                    }
                }
            }
        }
        assert_eq!(drawn, 7 * 5 * 8 * 100);
    }

    #[test]
    fn planned_objects_and_planned_codes_are_dashed() {
        assert!(!drawing("10031000001301020000").frame.dashed);
        assert!(
            drawing("10031010001301020000").frame.dashed,
            "status 1 in the code"
        );
        let code: Sidc = "10031000001301020000".parse().expect("a SIDC");
        assert!(Drawing::of(&code, true).expect("drawn").frame.dashed);
    }
}
