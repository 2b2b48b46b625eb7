//! Fly-out fans: where an interceptor can be, at a given altitude, so many seconds after launch.
//!
//! For a battery's interceptor type and an intercept altitude h, the **t-second contour** bounds
//! the points at altitude h the interceptor can reach within t seconds of its launch (burn
//! included), with the analysis's physics ([`super::intercept`]: burnout point towards the aim
//! point, Lambert, speed relative to the turning Earth, at least 10 s of coast). Within the time
//! means the battery may launch later than at t = 0, so each contour contains the earlier ones.
//! While the region still grows, a point on the t-second contour needs exactly the interceptor's
//! burnout speed to be there at t.
//!
//! Each contour is found along 72 bearings (every 5°) from the site: the farthest reachable
//! ground range, by bisection to 1 km.

use super::flight::{Earth, TrackPoint};
use super::{Interceptor, V3};

/// Bearings per contour.
const BEARINGS: usize = 72;
/// Precision of each contour's ground range, km.
const PRECISION_KM: f64 = 1.0;

/// One contour of a fan.
#[derive(Clone, Debug, PartialEq)]
pub struct FanContour {
    /// Time after launch, s.
    pub t_s: f64,
    /// The ring, (longitude, latitude) in degrees, one point per bearing from north clockwise.
    pub ring: Vec<(f64, f64)>,
    /// The farthest ground range of the ring, km.
    pub max_range_km: f64,
}

/// The point at altitude `alt_km`, `ground_km` from `site` (unit vector) along `bearing_deg`.
fn point_at(site: V3, bearing_deg: f64, ground_km: f64, alt_km: f64, earth: &Earth) -> V3 {
    let (east, north) = site.east_north();
    let (sb, cb) = bearing_deg.to_radians().sin_cos();
    let delta = ground_km / earth.radius_km;
    let (sd, cd) = delta.sin_cos();
    (site * cd + (north * cb + east * sb) * sd) * (earth.radius_km + alt_km)
}

/// The fan of `interceptor` at `altitude_km`: a contour for each of 60, 120, 180, … s after
/// launch that it can reach in every direction, up to `max_s` or until the region stops growing.
///
/// ```
/// use bmd_atlas::analysis::{Assumptions, Earth, Interceptor, V3, flyout};
/// let i = Interceptor {
///     site: V3::from_lon_lat(24.4, 44.1), burnout_kms: 3.0, burn_time_s: 55.0,
///     burnout_altitude_km: 80.0, burnout_range_km: 60.0,
///     min_altitude_km: 100.0, max_altitude_km: 550.0,
/// };
/// let fan = flyout(&i, 200.0, &Earth::of(&Assumptions::default()), 900.0);
/// assert!(fan.len() >= 3 && fan.windows(2).all(|w| w[0].max_range_km <= w[1].max_range_km));
/// ```
pub fn flyout(
    interceptor: &Interceptor,
    altitude_km: f64,
    earth: &Earth,
    max_s: f64,
) -> Vec<FanContour> {
    let mut out: Vec<FanContour> = Vec::new();
    let mut inner = [0.0f64; BEARINGS];
    let mut t = 60.0;
    while t <= max_s.min(3600.0) {
        let reach = |bearing: f64, d: f64| {
            let pos = point_at(interceptor.site, bearing, d, altitude_km, earth);
            let p = TrackPoint {
                t_s: t,
                pos,
                alt_km: altitude_km,
            };
            interceptor.reaches(&[p], 0.0, earth)
        };
        let ranges: Option<Vec<f64>> = (0..BEARINGS)
            .map(|k| {
                let bearing = k as f64 * 360.0 / BEARINGS as f64;
                farthest(|d| reach(bearing, d), inner[k], interceptor, t)
            })
            .collect();
        t += 60.0;
        let Some(ranges) = ranges else {
            continue;
        };
        let grew = ranges
            .iter()
            .zip(&inner)
            .any(|(d, was)| d - was > PRECISION_KM);
        let max_range_km = ranges.iter().copied().fold(0.0, f64::max);
        let ring = ranges
            .iter()
            .enumerate()
            .map(|(k, &d)| {
                let bearing = k as f64 * 360.0 / BEARINGS as f64;
                point_at(interceptor.site, bearing, d, altitude_km, earth).lon_lat()
            })
            .collect();
        if !out.is_empty() && !grew {
            break;
        }
        inner.copy_from_slice(&ranges);
        out.push(FanContour {
            t_s: t - 60.0,
            ring,
            max_range_km,
        });
    }
    out
}

/// The farthest ground range `reach` accepts, knowing it accepts `known` (0 may be refused);
/// `None` if it accepts nothing. Scans outwards, then bisects to [`PRECISION_KM`].
fn farthest(
    reach: impl Fn(f64) -> bool,
    known: f64,
    interceptor: &Interceptor,
    t_s: f64,
) -> Option<f64> {
    // Nothing coasts much faster than its burnout speed: an outer bound with room to spare.
    let limit = 1.5 * interceptor.burnout_kms * t_s + interceptor.burnout_range_km + 200.0;
    let step = ((limit - known) / 24.0).max(PRECISION_KM);
    let mut lo = if known > 0.0 || reach(0.0) {
        Some(known)
    } else {
        None
    };
    let mut d = known;
    let mut hi = limit;
    while d < limit {
        d += step;
        if reach(d) {
            lo = Some(d);
        } else if lo.is_some() {
            hi = d;
            break;
        }
    }
    let mut lo = lo?;
    while hi - lo > PRECISION_KM {
        let mid = 0.5 * (lo + hi);
        if reach(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sm3(v: f64) -> Interceptor {
        Interceptor {
            site: V3::from_lon_lat(17.1, 54.5),
            burnout_kms: v,
            burn_time_s: 55.0,
            burnout_altitude_km: 100.0,
            burnout_range_km: 80.0,
            min_altitude_km: 100.0,
            max_altitude_km: 1400.0,
        }
    }

    #[test]
    fn a_point_on_a_growing_contour_needs_the_burnout_speed_at_its_time() {
        let earth = Earth::reference(7.292_115_9e-5);
        let i = sm3(4.5);
        let fan = flyout(&i, 300.0, &earth, 600.0);
        assert!(fan.len() >= 4, "{}", fan.len());
        for w in fan.windows(2) {
            for (a, b) in w[0].ring.iter().zip(&w[1].ring) {
                let (da, db) = (
                    angle(i.site, V3::from_lon_lat(a.0, a.1)),
                    angle(i.site, V3::from_lon_lat(b.0, b.1)),
                );
                assert!(da <= db + 1e-9, "nested");
            }
        }
        let c = &fan[1];
        for (k, &(lon, lat)) in c.ring.iter().enumerate().step_by(9) {
            let p = TrackPoint {
                t_s: c.t_s,
                pos: V3::from_lon_lat(lon, lat) * (earth.radius_km + 300.0),
                alt_km: 300.0,
            };
            let need = i.needed_speed(&p, 0.0, &earth).unwrap_or(f64::NAN);
            assert!(
                (need / i.burnout_kms - 1.0).abs() < 0.01,
                "bearing {k}: {need}"
            );
        }
    }

    fn angle(a: V3, b: V3) -> f64 {
        a.cross(b).norm().atan2(a.dot(b))
    }
}
