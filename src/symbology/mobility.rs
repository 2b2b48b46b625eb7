//! The mobility amplifiers a piece of land equipment wears under its frame (SIDC digits 9–10,
//! 31–37, 41–42, 51–52): wheels, tracks, a tow, rails, pack animals, snow, water.
//!
//! Measures from the standard's figures (Esri/joint-military-symbology-xml `svg/Amplifier`,
//! template units: L is 120, the frame's centre at (306, 396)). Each figure hangs from a line
//! under its frame, as wide as the frame: friend 543 (half width 144, `331`–`334`, `337`),
//! neutral 528 (132, `431`, `435`), hostile 573 (173, `633`), unknown 566 (189, `133`, `136`).
//! Measured from that line and that half width w:
//!
//! | amplifier | figure |
//! |---|---|
//! | 31 wheeled, limited cross-country | the line, two wheels (radius 25) under its ends, 23.5 in |
//! | 32 wheeled, cross-country | the same and a third wheel in the middle |
//! | 33 tracked | a track: a band 50 tall as wide as the frame, its ends rounded (19 across) |
//! | 34 wheeled and tracked | a wheel at the left end and a track from 45 in on the left |
//! | 35 towed | two wheels 22.5 in from the ends, their middles 34 below the line, joined |
//! | 36 rail | the line and four wheels, 25 and 77 in from each end |
//! | 37 pack animals | a zigzag 100 wide and 50 tall under the middle |
//! | 41 over snow | a ski: the line, its left end turned up 50 over 38 (`341`) |
//! | 42 sled | a runner 4 under the line, its ends curving up 50 (`342`) |
//! | 51 barge | a hull: the line closed by a curve 35 deep (`351`) |
//! | 52 amphibious | a wave of five half-circles (radius 28) about 25 under the line (`352`) |

use super::amplifier::circle;
use super::frame::{Affiliation, GridPoint, UNITS, template};

/// How a piece of equipment moves (SIDC digits 9–10: 31–37, 41–42, 51–52).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mobility {
    WheeledLimited,
    WheeledCrossCountry,
    Tracked,
    WheeledAndTracked,
    Towed,
    Rail,
    PackAnimals,
    OverSnow,
    Sled,
    Barge,
    Amphibious,
}

impl Mobility {
    /// The mobility of the amplifier digits; `None` for the others.
    pub fn of(amplifier: u8) -> Option<Mobility> {
        use Mobility::*;
        Some(match amplifier {
            31 => WheeledLimited,
            32 => WheeledCrossCountry,
            33 => Tracked,
            34 => WheeledAndTracked,
            35 => Towed,
            36 => Rail,
            37 => PackAnimals,
            41 => OverSnow,
            42 => Sled,
            51 => Barge,
            52 => Amphibious,
            _ => return None,
        })
    }

    /// Its name as the standard's table gives it.
    pub fn label(self) -> &'static str {
        match self {
            Mobility::WheeledLimited => "wheeled, limited cross-country",
            Mobility::WheeledCrossCountry => "wheeled, cross-country",
            Mobility::Tracked => "tracked",
            Mobility::WheeledAndTracked => "wheeled and tracked",
            Mobility::Towed => "towed",
            Mobility::Rail => "rail",
            Mobility::PackAnimals => "pack animals",
            Mobility::OverSnow => "over snow",
            Mobility::Sled => "sled",
            Mobility::Barge => "barge",
            Mobility::Amphibious => "amphibious",
        }
    }
}

/// A wheel's radius, template units.
const WHEEL: f32 = 25.04;
/// Points of a track's flattened ends.
const RING: usize = 24;

/// The strokes of `mobility` under an equipment frame of `affiliation`, in L.
pub(super) fn mobility_lines(mobility: Mobility, affiliation: Affiliation) -> Vec<Vec<GridPoint>> {
    // The line the figure hangs from, and the frame's half width there (template units).
    let (top, w) = match affiliation {
        Affiliation::Friend => (543.25, 144.0),
        Affiliation::Neutral => (528.0, 132.0),
        Affiliation::Hostile => (573.25, 173.0),
        Affiliation::Unknown => (566.25, 188.6),
    };
    let at = |x: f32, dy: f32| template(x, top + dy);
    let wheel = |x: f32, dy: f32| circle(at(x, dy), WHEEL / UNITS);
    let line = vec![at(-w, 0.0), at(w, 0.0)];
    match mobility {
        Mobility::WheeledLimited => {
            vec![line, wheel(-(w - 23.5), WHEEL), wheel(w - 23.5, WHEEL)]
        }
        Mobility::WheeledCrossCountry => vec![
            line,
            wheel(-(w - 23.5), WHEEL),
            wheel(0.0, WHEEL),
            wheel(w - 23.5, WHEEL),
        ],
        Mobility::Tracked => vec![track(at(-w, 0.0), at(w, 50.0))],
        Mobility::WheeledAndTracked => vec![
            wheel(-(w - 6.4), WHEEL),
            track(at(-w + 44.8, 0.0), at(w, 50.0)),
        ],
        Mobility::Towed => {
            let x = w - 22.5;
            vec![
                wheel(-x, 34.0),
                vec![at(-x + WHEEL, 34.0), at(x - WHEEL, 34.0)],
                wheel(x, 34.0),
            ]
        }
        Mobility::Rail => {
            let mut out = vec![line];
            for x in [w - 25.0, w - 77.3] {
                out.push(wheel(-x, WHEEL));
                out.push(wheel(x, WHEEL));
            }
            out
        }
        Mobility::OverSnow => vec![vec![at(-w, -52.0), at(-w + 38.0, -2.0), at(w, -2.0)]],
        Mobility::Sled => {
            // The track's outline less its top: from the right tip round to the left one.
            let mut runner = track(at(-w + 20.0, -45.8), at(w - 20.0, 4.25));
            runner.pop();
            vec![runner]
        }
        Mobility::Barge => {
            let mut hull: Vec<GridPoint> = (0..=RING)
                .map(|i| {
                    let t = i as f32 / RING as f32;
                    // A curve 35 deep from the right end to the left (its depth a parabola's).
                    let x = w - t * 2.0 * w;
                    at(x, 35.25 * (1.0 - (x / w).powi(2)))
                })
                .collect();
            hull.push(hull[0]);
            vec![hull]
        }
        Mobility::Amphibious => {
            // Five half-circles from the right, up first, about a line 24.6 down.
            let r = 27.8;
            let mut wave = Vec::new();
            for k in 0..5 {
                let cx = w - 5.8 - r - 2.0 * r * k as f32;
                let up = k % 2 == 0;
                for i in 0..=RING / 2 {
                    let a = std::f32::consts::PI * i as f32 / (RING / 2) as f32;
                    let dy = if up { -r * a.sin() } else { r * a.sin() };
                    wave.push(at(cx + r * a.cos(), 24.6 + dy));
                }
            }
            vec![wave]
        }
        Mobility::PackAnimals => {
            let zigzag = [
                (-50.0, 48.0),
                (-25.0, -2.0),
                (0.0, 48.0),
                (25.0, -2.0),
                (50.0, 48.0),
            ];
            vec![zigzag.into_iter().map(|(x, dy)| at(x, dy)).collect()]
        }
    }
}

/// A track: a band between `top_left` and `bottom_right`, its two ends half-ellipses 19
/// template units across (the figures' rounded ends), closed.
fn track(top_left: GridPoint, bottom_right: GridPoint) -> Vec<GridPoint> {
    let (rx, ry) = (19.1 / UNITS, (bottom_right[1] - top_left[1]) / 2.0);
    let cy = top_left[1] + ry;
    let (left, right) = (top_left[0] + rx, bottom_right[0] - rx);
    let half = RING / 2;
    let mut out = Vec::with_capacity(2 * half + 3);
    // The right end from the top down, then the left end from the bottom up.
    for i in 0..=half {
        let a = (-90.0 + 180.0 * i as f32 / half as f32).to_radians();
        out.push([right + rx * a.cos(), cy + ry * a.sin()]);
    }
    for i in 0..=half {
        let a = (90.0 + 180.0 * i as f32 / half as f32).to_radians();
        out.push([left + rx * a.cos(), cy + ry * a.sin()]);
    }
    out.push(out[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Dimension, Drawing, frame};
    use super::*;

    fn drawn(code: &str) -> Drawing {
        Drawing::of_code(code, false).expect("drawn")
    }

    #[test]
    fn each_mobility_code_is_read_and_others_are_not() {
        assert_eq!(Mobility::of(31), Some(Mobility::WheeledLimited));
        assert_eq!(Mobility::of(37), Some(Mobility::PackAnimals));
        assert_eq!(Mobility::of(52), Some(Mobility::Amphibious));
        for not in [0, 11, 26, 30, 38, 43, 53, 61, 71] {
            assert_eq!(Mobility::of(not), None, "{not}");
        }
    }

    #[test]
    fn wheels_and_tracks_hang_under_the_frame_as_wide_as_it() {
        let count = |m: Mobility| mobility_lines(m, Affiliation::Friend).len();
        assert_eq!(
            count(Mobility::WheeledLimited),
            3,
            "the line and two wheels"
        );
        assert_eq!(count(Mobility::WheeledCrossCountry), 4);
        assert_eq!(count(Mobility::Rail), 5, "the line and four wheels");
        assert_eq!(count(Mobility::Tracked), 1);
        for affiliation in Affiliation::ALL {
            let f = frame(affiliation, Dimension::LandEquipment, false);
            let bottom = f.outline.iter().map(|p| p[1]).fold(f32::MIN, f32::max);
            let lines = mobility_lines(Mobility::Tracked, affiliation);
            let top = lines[0].iter().map(|p| p[1]).fold(f32::MAX, f32::min);
            assert!(
                top >= bottom - 0.01,
                "{affiliation:?}: {top} under {bottom}"
            );
            let reach = lines[0].iter().map(|p| p[0].abs()).fold(0.0, f32::max);
            let width = f.outline.iter().map(|p| p[0].abs()).fold(0.0, f32::max);
            // As wide as the frame, within the figures' stroke and rounding.
            assert!(
                (reach - width).abs() < 0.2,
                "{affiliation:?}: {reach} vs {width}"
            );
        }
    }

    #[test]
    fn a_wheeled_launcher_draws_its_wheels_and_a_land_unit_does_not() {
        let plain = drawn("10031500001111000000");
        let wheeled = drawn("10031500321111000000");
        assert_eq!(wheeled.lines.len(), plain.lines.len() + 4);
        assert!(
            wheeled.bounds()[3] > plain.bounds()[3] + 0.4,
            "the box reaches the wheels"
        );
        assert_eq!(
            drawn("10031000321301020000").lines,
            drawn("10031000001301020000").lines
        );
    }
}
