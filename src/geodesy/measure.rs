//! Measuring a path on the ground: each leg's geodesic length on WGS84 (Karney's algorithm, as
//! [`super::distance_m`]), its initial and final bearings, and the whole path's length, written
//! in kilometres and nautical miles as an analyst reads them.

use geo::Point;

use super::{bearing_deg, distance_m};
use crate::format::tenths_grouped;

/// Metres in an international nautical mile.
const METRES_PER_NMI: f64 = 1852.0;

/// One leg of a measured path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leg {
    /// Geodesic length, metres.
    pub distance_m: f64,
    /// Bearing at the start, degrees clockwise from true north in [0, 360).
    pub initial_bearing_deg: f64,
    /// Bearing on arrival (the direction of travel at the end), degrees in [0, 360).
    pub final_bearing_deg: f64,
}

/// The legs between consecutive `points` (longitude/latitude in degrees).
///
/// ```
/// use bmd_atlas::geodesy::measure::legs;
/// // Along the equator, a quarter of the way round: due east all the way.
/// let l = legs(&[geo::Point::new(0.0, 0.0), geo::Point::new(90.0, 0.0)]);
/// assert!((l[0].distance_m - 10_018_754.2).abs() < 1.0);
/// assert_eq!((l[0].initial_bearing_deg.round(), l[0].final_bearing_deg.round()), (90.0, 90.0));
/// ```
pub fn legs(points: &[Point<f64>]) -> Vec<Leg> {
    points
        .windows(2)
        .map(|w| Leg {
            distance_m: distance_m(w[0], w[1]),
            initial_bearing_deg: bearing_deg(w[0], w[1]),
            // The geodesic back from the end starts in the opposite direction.
            final_bearing_deg: (bearing_deg(w[1], w[0]) + 180.0).rem_euclid(360.0),
        })
        .collect()
}

/// A length in both units: "1,234.5 km (666.6 nmi)".
///
/// ```
/// assert_eq!(bmd_atlas::geodesy::measure::km_and_nmi(1_852_000.0), "1,852.0 km (1,000.0 nmi)");
/// ```
pub fn km_and_nmi(metres: f64) -> String {
    format!(
        "{} km ({} nmi)",
        tenths_grouped(metres / 1000.0),
        tenths_grouped(metres / METRES_PER_NMI)
    )
}

/// One line per leg and a total: "Deveselu → Redzikowo: 1,128.4 km (609.3 nmi), bearing 349.6°
/// → 348.3°", then "Total: …" when there is more than one leg. `names` are the points' names,
/// where a point is a site ("" elsewhere: the leg is then numbered).
pub fn describe(points: &[Point<f64>], names: &[String]) -> Vec<String> {
    let legs = legs(points);
    let name = |i: usize| {
        names
            .get(i)
            .filter(|n| !n.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("point {}", i + 1))
    };
    let mut out: Vec<String> = legs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "{} → {}: {}, bearing {:.1}° → {:.1}°",
                name(i),
                name(i + 1),
                km_and_nmi(l.distance_m),
                l.initial_bearing_deg,
                l.final_bearing_deg
            )
        })
        .collect();
    if legs.len() > 1 {
        let total: f64 = legs.iter().map(|l| l.distance_m).sum();
        out.push(format!("Total: {}", km_and_nmi(total)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_has_its_legs_and_a_total() {
        let points = [
            Point::new(24.4, 44.1),
            Point::new(17.3, 54.5),
            Point::new(6.6, 49.4),
        ];
        let names = ["Deveselu".to_owned(), String::new(), "Ramstein".to_owned()];
        let lines = describe(&points, &names);
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("Deveselu → point 2: "), "{}", lines[0]);
        assert!(lines[1].starts_with("point 2 → Ramstein: "), "{}", lines[1]);
        let total: f64 = legs(&points).iter().map(|l| l.distance_m).sum();
        assert_eq!(lines[2], format!("Total: {}", km_and_nmi(total)));
        // A single point has no leg.
        assert!(describe(&points[..1], &names).is_empty());
    }
}
