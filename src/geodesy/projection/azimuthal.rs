//! Azimuthal equidistant on the WGS84 ellipsoid, centred on any point: distances and bearings
//! from the centre are true.

use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};

use super::{MapXy, Projection, valid_lon_lat, wrap_lon_deg};

/// Azimuthal equidistant centred on a point, on the WGS84 ellipsoid.
///
/// A point is drawn at its geodesic distance s from the centre, in the direction of the
/// geodesic's azimuth α at the centre: x = s sin α, y = s cos α (north up at the centre). The
/// inverse walks the geodesic from the centre with that azimuth and distance. Both use Karney's
/// algorithms (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013, through
/// `geographiclib-rs`), so distances from the centre are the ellipsoidal geodesic's to
/// nanometres and bearings from it are true; this is PROJ's `aeqd` with its geodesic method.
/// Distances between two other points, and shapes far from the centre, are distorted: at
/// 5,000 km from the centre a distance across the line of sight is drawn about 5 % too long.
///
/// ```
/// use bmd_atlas::geodesy::{AzimuthalEquidistant, Projection, distance_m};
/// let deveselu = geo::Point::new(24.383, 44.067);
/// let p = AzimuthalEquidistant::new(deveselu);
/// let redzikowo = geo::Point::new(17.098, 54.479);
/// let xy = p.forward(redzikowo).unwrap();
/// assert!((xy.x.hypot(xy.y) - distance_m(deveselu, redzikowo)).abs() < 1e-6);
/// let back = p.inverse(xy).unwrap();
/// assert!((back.x() - 17.098).abs() < 1e-9 && (back.y() - 54.479).abs() < 1e-9);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct AzimuthalEquidistant {
    /// The centre, longitude/latitude degrees.
    pub centre: geo::Point<f64>,
}

/// Beyond this distance from the centre (metres, a little short of the antipode) points are not
/// drawn: near the antipode one point smears into a circle and the inverse is ill-conditioned.
const MAX_DISTANCE_M: f64 = 19_000_000.0;

impl AzimuthalEquidistant {
    /// The projection centred on `centre` (longitude/latitude degrees).
    pub fn new(centre: geo::Point<f64>) -> AzimuthalEquidistant {
        AzimuthalEquidistant { centre }
    }
}

impl Projection for AzimuthalEquidistant {
    fn name(&self) -> &'static str {
        "Azimuthal equidistant (centred on a site)"
    }

    fn forward(&self, lon_lat: geo::Point<f64>) -> Option<MapXy> {
        if !valid_lon_lat(lon_lat) || !valid_lon_lat(self.centre) {
            return None;
        }
        let (s, azi, _, _): (f64, f64, f64, f64) =
            Geodesic::wgs84().inverse(self.centre.y(), self.centre.x(), lon_lat.y(), lon_lat.x());
        if !(s.is_finite() && s <= MAX_DISTANCE_M) {
            return None;
        }
        let (sin, cos) = azi.to_radians().sin_cos();
        Some(MapXy {
            x: s * sin,
            y: s * cos,
        })
    }

    fn inverse(&self, xy: MapXy) -> Option<geo::Point<f64>> {
        let s = xy.x.hypot(xy.y);
        if !(s.is_finite() && s <= MAX_DISTANCE_M && valid_lon_lat(self.centre)) {
            return None;
        }
        if s == 0.0 {
            return Some(self.centre);
        }
        let azi = xy.x.atan2(xy.y).to_degrees();
        let (lat, lon): (f64, f64) =
            Geodesic::wgs84().direct(self.centre.y(), self.centre.x(), azi, s);
        Some(geo::Point::new(wrap_lon_deg(lon), lat))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::{bearing_deg, distance_m};
    use geo::Point;

    /// Points all round a centre, near and far: the distance from the centre is the geodesic's
    /// (WGS84, within 0.1 % as the issue asks; in fact to a micrometre), the bearing from it is
    /// the direction on the map, and every point comes back where it was.
    #[test]
    fn distances_and_bearings_from_the_centre_are_true_and_points_come_back() {
        for centre in [
            Point::new(24.383, 44.067),
            Point::new(-77.04, 38.91),
            Point::new(0.0, 89.0),
        ] {
            let p = AzimuthalEquidistant::new(centre);
            for i in 0..72 {
                let lon = -180.0 + i as f64 * 5.0;
                for lat in [-60.0, -10.0, 0.0, 30.0, 55.0, 80.0] {
                    let here = Point::new(lon, lat);
                    let d = distance_m(centre, here);
                    let Some(xy) = p.forward(here) else {
                        assert!(d > MAX_DISTANCE_M - 1.0, "{here:?} from {centre:?}");
                        continue;
                    };
                    let drawn = xy.x.hypot(xy.y);
                    assert!((drawn - d).abs() <= 1e-6 * d.max(1.0), "{drawn} vs {d}");
                    if d > 1.0 {
                        let on_map = xy.x.atan2(xy.y).to_degrees().rem_euclid(360.0);
                        let true_bearing = bearing_deg(centre, here);
                        let diff = (on_map - true_bearing + 540.0).rem_euclid(360.0) - 180.0;
                        assert!(diff.abs() < 1e-6, "{on_map} vs {true_bearing}");
                    }
                    let back = p.inverse(xy).expect("inverts");
                    assert!(distance_m(back, here) < 1e-3, "{back:?} vs {here:?}");
                }
            }
        }
    }

    #[test]
    fn the_centre_is_the_origin_and_bad_input_is_refused() {
        let centre = Point::new(24.383, 44.067);
        let p = AzimuthalEquidistant::new(centre);
        let o = p.forward(centre).expect("projects");
        assert!(o.x.abs() < 1e-6 && o.y.abs() < 1e-6);
        assert_eq!(p.inverse(MapXy::default()), Some(centre));
        assert!(p.forward(Point::new(f64::NAN, 0.0)).is_none());
        assert!(p.inverse(MapXy { x: 3.0e7, y: 0.0 }).is_none());
        // North is up at the centre.
        let north = p.forward(Point::new(24.383, 45.0)).expect("projects");
        assert!(north.x.abs() < 1e-6 && north.y > 0.0);
    }
}
