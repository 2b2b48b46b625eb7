//! The amplifiers a land unit wears above its frame: its **echelon** (SIDC digits 9–10) and
//! the **task force** bracket and **feint or dummy** chevron (digit 8), as strokes and filled
//! parts on the symbol's grid (L, y down, centred on the frame); and which amplifiers are
//! drawn where ([`amplifiers`] hands land equipment's mobility to [`super::mobility`]).
//!
//! Measures from the standard's figures as published with DISA's Joint Military Symbology XML
//! (Esri/joint-military-symbology-xml, `svg/Echelon` and `svg/HQTFFD`, template units: L is
//! 120, the frame's centre at (306, 396)):
//!
//! | amplifier | figure |
//! |---|---|
//! | team or crew | a slashed ring (the figures' Ø) |
//! | squad, section, platoon | one, two, three dots of radius 0.15 L, 0.37 L apart |
//! | company, battalion, regiment | one, two, three bars 0.08 L wide and 0.41 L tall (two 0.37 L apart, three 0.18 L apart) |
//! | brigade up to region | one to six crosses (X), 0.37 L apart, 0.32 L from four up |
//! | command | two plus signs 0.3 L across, 0.37 L apart |
//! | task force | a bracket open downward over the frame, from the frame's outline up past the echelon |
//! | feint or dummy | a dashed chevron from beside the frame's top up to a point above it |
//!
//! The echelon stands on a line that depends on the frame (centre 236, 225, 188 and 168 units
//! for friend, neutral, hostile and unknown: 1.33, 1.43, 1.73 and 1.9 L above the centre). No
//! figure of a task force or a feint or dummy on the unknown frame is stored; the unknown
//! frame takes the hostile one's measures, the frame nearest it in size.

use super::SymbolSet;
use super::frame::{Affiliation, Frame, GridPoint, UNITS, box_of, template, template_y};
use super::mobility::{Mobility, mobility_lines};

/// A unit's echelon: the size of the command it is (SIDC digits 9–10, 11–18 and 21–26).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Echelon {
    TeamOrCrew,
    Squad,
    Section,
    Platoon,
    Company,
    Battalion,
    Regiment,
    Brigade,
    Division,
    Corps,
    Army,
    ArmyGroup,
    Region,
    Command,
}

impl Echelon {
    /// The echelon of the amplifier digits; `None` for none (00) and for the mobility and
    /// other amplifiers (31 up).
    pub fn of(amplifier: u8) -> Option<Echelon> {
        use Echelon::*;
        Some(match amplifier {
            11 => TeamOrCrew,
            12 => Squad,
            13 => Section,
            14 => Platoon,
            15 => Company,
            16 => Battalion,
            17 => Regiment,
            18 => Brigade,
            21 => Division,
            22 => Corps,
            23 => Army,
            24 => ArmyGroup,
            25 => Region,
            26 => Command,
            _ => return None,
        })
    }

    /// Every echelon, smallest first, with its two digits.
    pub const ALL: [(u8, Echelon); 14] = [
        (11, Echelon::TeamOrCrew),
        (12, Echelon::Squad),
        (13, Echelon::Section),
        (14, Echelon::Platoon),
        (15, Echelon::Company),
        (16, Echelon::Battalion),
        (17, Echelon::Regiment),
        (18, Echelon::Brigade),
        (21, Echelon::Division),
        (22, Echelon::Corps),
        (23, Echelon::Army),
        (24, Echelon::ArmyGroup),
        (25, Echelon::Region),
        (26, Echelon::Command),
    ];

    /// The echelon's name as the standard's table gives it.
    pub fn label(self) -> &'static str {
        use Echelon::*;
        match self {
            TeamOrCrew => "team or crew",
            Squad => "squad",
            Section => "section",
            Platoon => "platoon or detachment",
            Company => "company, battery or troop",
            Battalion => "battalion or squadron",
            Regiment => "regiment or group",
            Brigade => "brigade",
            Division => "division",
            Corps => "corps",
            Army => "army",
            ArmyGroup => "army group or front",
            Region => "region or theatre",
            Command => "command",
        }
    }
}

/// Whether digit 8 marks a task force (4 task force, 5 feint or dummy task force, 6 task force
/// headquarters, 7 feint or dummy task force headquarters).
pub fn is_task_force(digit: u8) -> bool {
    (4..=7).contains(&digit)
}

/// Whether the SIDC's 8th digit marks a headquarters (2 headquarters, 3 feint or dummy
/// headquarters, 6 task force headquarters, 7 feint or dummy task force headquarters).
pub fn is_headquarters(digit: u8) -> bool {
    matches!(digit, 2 | 3 | 6 | 7)
}

/// Whether digit 8 marks a feint or dummy (1, 3, 5, 7).
pub fn is_feint_or_dummy(digit: u8) -> bool {
    matches!(digit, 1 | 3 | 5 | 7)
}

/// Whether the amplifier digits `amplifier` are drawn on a symbol of `set`: an echelon on a
/// land unit, a mobility on land equipment, as the figures stored have them (none, 00, counts
/// as drawn); what is not drawn `drawing_note` says.
pub fn draws_amplifier(set: SymbolSet, amplifier: u8) -> bool {
    match set {
        _ if amplifier == 0 => true,
        SymbolSet::LandUnit => Echelon::of(amplifier).is_some(),
        SymbolSet::LandEquipment => Mobility::of(amplifier).is_some(),
        _ => false,
    }
}

/// Whether digit 8's task force or feint or dummy is drawn on a symbol of `set` (land units).
pub fn draws_task_force_or_dummy(set: SymbolSet, digit: u8) -> bool {
    set == SymbolSet::LandUnit || !(is_task_force(digit) || is_feint_or_dummy(digit))
}

/// Strokes (as wide as the frame's outline) and filled parts (each star-shaped about its first
/// point), black.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Ink {
    pub lines: Vec<Vec<GridPoint>>,
    pub solids: Vec<Vec<GridPoint>>,
}

/// The amplifiers of a symbol of `set` with digit 8 `hq_tf_dummy` and digits 9–10
/// `amplifier` on `frame` of `affiliation`: land equipment's mobility under it, a land unit's
/// echelon, task force and feint or dummy above it.
pub(super) fn amplifiers(
    set: SymbolSet,
    affiliation: Affiliation,
    frame: &Frame,
    hq_tf_dummy: u8,
    amplifier: u8,
) -> Ink {
    let mut ink = Ink::default();
    if set == SymbolSet::LandEquipment {
        if let Some(mobility) = Mobility::of(amplifier) {
            ink.lines = mobility_lines(mobility, affiliation);
        }
        return ink;
    }
    if set != SymbolSet::LandUnit {
        return ink;
    }
    if let Some(echelon) = Echelon::of(amplifier) {
        echelon_ink(echelon, echelon_centre_y(affiliation), &mut ink);
    }
    if is_task_force(hq_tf_dummy) {
        let echelon_box = bounds(&ink);
        ink.lines.push(task_force(affiliation, frame, echelon_box));
    }
    if is_feint_or_dummy(hq_tf_dummy) {
        let covered = bounds(&ink);
        ink.lines.extend(feint_or_dummy(affiliation, covered));
    }
    ink
}

/// Where the echelon's middle stands (L, y down), from the figures of each frame.
fn echelon_centre_y(affiliation: Affiliation) -> f32 {
    template_y(match affiliation {
        Affiliation::Friend => 236.0,
        Affiliation::Neutral => 225.0,
        Affiliation::Hostile => 188.0,
        Affiliation::Unknown => 168.0,
    })
}

/// The figures' spacing of two dots, bars, crosses or plus signs (44.1 units).
const PITCH: f32 = 44.1 / UNITS;
/// Points of a flattened circle.
const RING: usize = 24;

fn echelon_ink(echelon: Echelon, cy: f32, ink: &mut Ink) {
    use Echelon::*;
    match echelon {
        TeamOrCrew => {
            let r = 0.12;
            ink.lines.push(circle([0.0, cy], r));
            ink.lines
                .push(vec![[-1.45 * r, cy + 1.45 * r], [1.45 * r, cy - 1.45 * r]]);
        }
        Squad | Section | Platoon => {
            let n = 1 + echelon as usize - Squad as usize;
            for x in row(n, PITCH) {
                let mut dot = vec![[x, cy]];
                dot.extend(circle([x, cy], 18.0 / UNITS));
                ink.solids.push(dot);
            }
        }
        Company | Battalion | Regiment => {
            let n = 1 + echelon as usize - Company as usize;
            // Three bars stand closer than two (22 units apart, not 44).
            let pitch = if n == 3 { 22.0 / UNITS } else { PITCH };
            let (half_w, half_h) = (5.0 / UNITS, 24.5 / UNITS);
            for x in row(n, pitch) {
                ink.solids.push(vec![
                    [x, cy],
                    [x - half_w, cy - half_h],
                    [x + half_w, cy - half_h],
                    [x + half_w, cy + half_h],
                    [x - half_w, cy + half_h],
                    [x - half_w, cy - half_h],
                ]);
            }
        }
        Brigade | Division | Corps | Army | ArmyGroup | Region => {
            let n = 1 + echelon as usize - Brigade as usize;
            // From four crosses up the figures close them up (letter spacing −4 to −6).
            let (pitch, half_w) = if n <= 3 { (45.0, 15.0) } else { (38.0, 14.0) };
            let half_h = 16.5 / UNITS;
            for x in row(n, pitch / UNITS) {
                let w = half_w / UNITS;
                ink.lines
                    .push(vec![[x - w, cy - half_h], [x + w, cy + half_h]]);
                ink.lines
                    .push(vec![[x - w, cy + half_h], [x + w, cy - half_h]]);
            }
        }
        Command => {
            let half = 18.0 / UNITS;
            for x in row(2, PITCH) {
                ink.lines.push(vec![[x, cy - half], [x, cy + half]]);
                ink.lines.push(vec![[x - half, cy], [x + half, cy]]);
            }
        }
    }
}

/// The centres of `n` marks `pitch` apart, centred on 0.
fn row(n: usize, pitch: f32) -> impl Iterator<Item = f32> {
    let first = -(n as f32 - 1.0) * pitch / 2.0;
    (0..n).map(move |i| first + i as f32 * pitch)
}

/// A circle of radius `r` about `[cx, cy]`, closed, as a stroke.
pub(super) fn circle([cx, cy]: GridPoint, r: f32) -> Vec<GridPoint> {
    (0..=RING)
        .map(|i| {
            let a = i as f32 / RING as f32 * std::f32::consts::TAU;
            [cx + r * a.cos(), cy + r * a.sin()]
        })
        .collect()
}

/// The box `[x0, y0, x1, y1]` of `ink`, or `None` when it is empty.
fn bounds(ink: &Ink) -> Option<[f32; 4]> {
    box_of(ink.lines.iter().chain(&ink.solids).flatten())
}

/// Room between the task force bracket and an echelon inside it.
const TASK_FORCE_ROOM: f32 = 0.08;

/// The task force bracket: its feet on the frame's outline, its top and half width from the
/// figures (friend `3104`: 53 units either side, top at 223.5; hostile `6105`: 56.5, 196.5;
/// neutral `4107`: 59, 213.5), widened and raised to hold the echelon when there is one.
fn task_force(
    affiliation: Affiliation,
    frame: &Frame,
    echelon: Option<[f32; 4]>,
) -> Vec<GridPoint> {
    let (half_w, top) = match affiliation {
        Affiliation::Friend => (53.0, 223.5),
        Affiliation::Neutral => (59.0, 213.5),
        Affiliation::Hostile | Affiliation::Unknown => (56.5, 196.5),
    };
    let (mut half_w, mut top) = (half_w / UNITS, template_y(top));
    if let Some([x0, y0, x1, _]) = echelon {
        half_w = half_w.max(x0.abs().max(x1.abs()) + TASK_FORCE_ROOM);
        top = top.min(y0 - TASK_FORCE_ROOM);
    }
    let foot = |x: f32| top_of_outline(&frame.outline, x).unwrap_or(top);
    vec![
        [-half_w, foot(-half_w)],
        [-half_w, top],
        [half_w, top],
        [half_w, foot(half_w)],
    ]
}

/// The highest point of a closed outline above `x` (its smallest y there), `None` when the
/// outline does not reach `x`.
fn top_of_outline(outline: &[GridPoint], x: f32) -> Option<f32> {
    let n = outline.len();
    (0..n)
        .filter_map(|i| {
            let (a, b) = (outline[i], outline[(i + 1) % n]);
            let (lo, hi) = (a[0].min(b[0]), a[0].max(b[0]));
            if x < lo || x > hi {
                return None;
            }
            if hi - lo < 1e-6 {
                return Some(a[1].min(b[1]));
            }
            let t = (x - a[0]) / (b[0] - a[0]);
            Some(a[1] + t * (b[1] - a[1]))
        })
        .reduce(f32::min)
}

/// The figures' dashes on a feint or dummy chevron: about 30 units drawn, 26 left out.
const DASH: f32 = 30.4 / UNITS;
const GAP: f32 = 26.0 / UNITS;

/// Room between the feint or dummy chevron and the amplifiers under it.
const CHEVRON_ROOM: f32 = 0.1;

/// The feint or dummy chevron, dashed, as its dashes: each leg from its foot to the apex
/// begins and ends with a dash, the two at the apex joined into one caret. Feet and apex from
/// the figures: friend `3105` (the frame's top corners, apex at 132.5), neutral `4101` (feet
/// at 273, the square's width; apex 116.5), hostile `6105` (feet ±173.5 at 299, apex 117.5);
/// the apex raised when the box `covered` (an echelon, a task force bracket) would reach the
/// legs.
fn feint_or_dummy(affiliation: Affiliation, covered: Option<[f32; 4]>) -> Vec<Vec<GridPoint>> {
    let (foot_x, foot_y, apex_y) = match affiliation {
        Affiliation::Friend => (180.0, 276.0, 132.5),
        Affiliation::Neutral => (132.0, 273.0, 116.5),
        Affiliation::Hostile | Affiliation::Unknown => (173.5, 299.0, 117.5),
    };
    let foot = template(-foot_x, foot_y);
    let mut apex = [0.0, template_y(apex_y)];
    if let Some([x0, y0, x1, _]) = covered {
        // A leg's height at the box's outer edge, x: apex + (foot − apex)·x/foot_x; keep it
        // CHEVRON_ROOM above the box's top.
        let share = (x0.abs().max(x1.abs()) / -foot[0]).min(0.9);
        let highest = (y0 - CHEVRON_ROOM - foot[1] * share) / (1.0 - share);
        apex[1] = apex[1].min(highest);
    }
    let left = dashes(foot, apex);
    let mirror = |p: &GridPoint| [-p[0], p[1]];
    let mut out: Vec<Vec<GridPoint>> = Vec::with_capacity(2 * left.len());
    let (last, rest) = left.split_last().expect("a leg has at least two dashes");
    out.extend(rest.iter().cloned());
    // The caret: the left leg's last dash up to the apex and down the right leg's first.
    out.push(vec![last[0], apex, mirror(&last[0])]);
    out.extend(
        rest.iter()
            .rev()
            .map(|d| d.iter().rev().map(mirror).collect()),
    );
    out
}

/// The dashes of the segment `from` `to`, the first at `from` and the last at `to`, lengths
/// scaled from [`DASH`] and [`GAP`] to fit whole.
fn dashes(from: GridPoint, to: GridPoint) -> Vec<Vec<GridPoint>> {
    let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
    let len = dx.hypot(dy);
    let n = (((len + GAP) / (DASH + GAP)).round() as usize).max(2);
    let scale = len / (n as f32 * DASH + (n - 1) as f32 * GAP);
    let at = |s: f32| [from[0] + dx * s / len, from[1] + dy * s / len];
    (0..n)
        .map(|i| {
            let start = i as f32 * (DASH + GAP) * scale;
            vec![at(start), at(start + DASH * scale)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Dimension;
    use super::super::frame::frame;
    use super::*;

    fn land(affiliation: Affiliation) -> Frame {
        frame(affiliation, Dimension::LandUnit, false)
    }

    #[test]
    fn each_echelon_code_is_read_and_others_are_not_echelons() {
        assert_eq!(Echelon::of(11), Some(Echelon::TeamOrCrew));
        assert_eq!(Echelon::of(18), Some(Echelon::Brigade));
        assert_eq!(Echelon::of(21), Some(Echelon::Division));
        assert_eq!(Echelon::of(26), Some(Echelon::Command));
        for (digits, echelon) in Echelon::ALL {
            assert_eq!(Echelon::of(digits), Some(echelon));
        }
        for not in [0, 10, 19, 20, 27, 31, 71] {
            assert_eq!(Echelon::of(not), None, "{not}");
        }
    }

    #[test]
    fn echelons_count_their_marks_as_the_figures_do() {
        let marks = |code: u8| {
            let ink = amplifiers(
                SymbolSet::LandUnit,
                Affiliation::Friend,
                &land(Affiliation::Friend),
                0,
                code,
            );
            (ink.solids.len(), ink.lines.len())
        };
        assert_eq!(marks(12), (1, 0), "squad: a dot");
        assert_eq!(marks(14), (3, 0), "platoon: three dots");
        assert_eq!(marks(16), (2, 0), "battalion: two bars");
        assert_eq!(marks(17), (3, 0), "regiment: three bars");
        assert_eq!(marks(18), (0, 2), "brigade: one cross, two strokes");
        assert_eq!(marks(25), (0, 12), "region: six crosses");
        assert_eq!(marks(26), (0, 4), "command: two plus signs");
        assert_eq!(marks(11), (0, 2), "team: a ring and its slash");
        assert_eq!(marks(0), (0, 0));
    }

    #[test]
    fn a_battalion_stands_on_the_figures_line_above_each_frame() {
        for (affiliation, bars_template) in [
            (Affiliation::Friend, [211.5, 260.5]),
            (Affiliation::Hostile, [163.5, 212.5]),
            (Affiliation::Unknown, [143.5, 192.5]),
        ] {
            let ink = amplifiers(SymbolSet::LandUnit, affiliation, &land(affiliation), 0, 16);
            let [x0, y0, x1, y1] = bounds(&ink).expect("bars");
            assert!(
                (y0 - template_y(bars_template[0])).abs() < 1e-4,
                "{affiliation:?}"
            );
            assert!(
                (y1 - template_y(bars_template[1])).abs() < 1e-4,
                "{affiliation:?}"
            );
            // Two bars 10 wide, 44.1 apart: 54.1 units across.
            assert!(((x1 - x0) - 54.1 / UNITS).abs() < 1e-4);
            let frame_top = land(affiliation)
                .outline
                .iter()
                .map(|p| p[1])
                .fold(f32::MAX, f32::min);
            assert!(y1 < frame_top, "{affiliation:?}: above the frame");
        }
    }

    #[test]
    fn the_task_force_bracket_stands_on_the_frame_and_holds_the_echelon() {
        let f = land(Affiliation::Friend);
        let alone = amplifiers(SymbolSet::LandUnit, Affiliation::Friend, &f, 4, 0);
        assert_eq!(alone.lines.len(), 1);
        let bracket = &alone.lines[0];
        assert_eq!(
            bracket[0],
            [-53.0 / UNITS, -1.0],
            "its foot on the frame's top"
        );
        assert_eq!(bracket[1], [-53.0 / UNITS, template_y(223.5)]);
        let with_division = amplifiers(SymbolSet::LandUnit, Affiliation::Friend, &f, 4, 21);
        let bracket = with_division.lines.last().expect("the bracket");
        let crosses = Ink {
            lines: with_division.lines[..with_division.lines.len() - 1].to_vec(),
            solids: Vec::new(),
        };
        let [x0, y0, x1, _] = bounds(&crosses).expect("crosses");
        assert!(bracket[1][1] < y0 && bracket[0][0] < x0 && bracket[3][0] > x1);
        // On the hostile diamond the feet rest on its upper edges.
        let h = land(Affiliation::Hostile);
        let b = amplifiers(SymbolSet::LandUnit, Affiliation::Hostile, &h, 4, 0)
            .lines
            .remove(0);
        let r = 173.0 / UNITS;
        assert!(
            (b[0][0].abs() + b[0][1].abs() - r).abs() < 1e-4,
            "{:?}",
            b[0]
        );
    }

    #[test]
    fn the_feint_chevron_is_dashed_from_the_corners_to_its_apex() {
        let ink = amplifiers(
            SymbolSet::LandUnit,
            Affiliation::Friend,
            &land(Affiliation::Friend),
            1,
            0,
        );
        let first = &ink.lines[0];
        assert_eq!(first[0], [-1.5, -1.0], "from the frame's top left corner");
        let last = ink.lines.last().expect("dashes");
        assert!((last[1][0] - 1.5).abs() < 1e-5 && (last[1][1] + 1.0).abs() < 1e-5);
        let caret = ink
            .lines
            .iter()
            .find(|l| l.len() == 3)
            .expect("the caret at the apex");
        assert_eq!(caret[1], [0.0, template_y(132.5)]);
        assert!(ink.lines.len() >= 5, "dashed: {} pieces", ink.lines.len());
        // Symmetric about the centre line.
        let xs: f32 = ink.lines.iter().flatten().map(|p| p[0]).sum();
        assert!(xs.abs() < 1e-4, "{xs}");
        // Over a task force battalion the apex rises until the legs clear the bracket.
        let h = land(Affiliation::Hostile);
        let ink = amplifiers(SymbolSet::LandUnit, Affiliation::Hostile, &h, 5, 16);
        let bracket = ink.lines[0].clone();
        let caret = ink.lines.iter().find(|l| l.len() == 3).expect("caret");
        assert!(caret[1][1] < template_y(117.5), "raised: {:?}", caret[1]);
        let (corner, apex) = (bracket[2], caret[1]);
        let foot = ink.lines.last().expect("dashes")[1];
        let leg_y = apex[1] + (foot[1] - apex[1]) * corner[0] / foot[0];
        assert!(
            leg_y <= corner[1] - CHEVRON_ROOM + 1e-4,
            "{leg_y} over {corner:?}"
        );
    }

    #[test]
    fn digit_eight_reads_task_force_and_feint() {
        let tf: Vec<u8> = (0..=9).filter(|d| is_task_force(*d)).collect();
        let fd: Vec<u8> = (0..=9).filter(|d| is_feint_or_dummy(*d)).collect();
        assert_eq!((tf, fd), (vec![4, 5, 6, 7], vec![1, 3, 5, 7]));
    }

    /// What the inspector says is drawn is what is drawn: every amplifier on every symbol set
    /// this tool draws adds ink exactly when `draws_amplifier` says so.
    #[test]
    fn the_note_and_the_drawing_agree_on_every_amplifier() {
        use super::super::Drawing;
        for (set, entity) in [(10, 130_102), (15, 111_100), (20, 0), (30, 120_203)] {
            let code = |a: u8| format!("1003{set}00{a:02}{entity:06}0000");
            let plain = Drawing::of_code(&code(0), false).expect("drawn");
            let set_of = SymbolSet::of(set).expect("a symbol set");
            for a in 1..=99u8 {
                let d = Drawing::of_code(&code(a), false).expect("drawn");
                let inked = d.lines.len() + d.solids.len() > plain.lines.len() + plain.solids.len();
                assert_eq!(inked, draws_amplifier(set_of, a), "{}", code(a));
            }
        }
    }
}
