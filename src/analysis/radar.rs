//! Radar visibility and first detection.
//!
//! # The model
//!
//! A radar sees a point of a trajectory when all three hold:
//!
//! 1. **Range**: the straight-line (slant) distance is within the radar's stated maximum range.
//!    That range is the source's "max range", not a detection range against a small re-entry
//!    vehicle, so it flatters the radar; see `docs/analysis.md`.
//! 2. **Azimuth**: the direction to the point, seen from above the radar (the great-circle
//!    bearing to the point below it), lies within the radar's sector, boresight ± width/2.
//! 3. **Horizon**: the line of sight clears the Earth. Radio waves bend slightly downwards in the
//!    lower atmosphere; the standard way to allow for it is to draw straight lines over an Earth
//!    whose radius is k = 4/3 times larger. On such an Earth a height h has its horizon at the
//!    ground distance d(h) = kR · arccos(kR / (kR + h)) ≈ √(2kRh), about 4.12 km × √(h in
//!    metres), and two heights see each other up to d(h₁) + d(h₂) apart.
//!
//! Elevation limits, beam scheduling, clutter, target size and track-forming time are not
//! modelled: "first detection" is the first moment the geometry allows a detection.

use super::Assumptions;
use super::ballistic::{TrackPoint, Trajectory};
use super::vec3::V3;
use crate::scenario::Site;

/// The ground distance to the horizon of a height, on the effective (k·R) Earth, km.
///
/// ```
/// use bmd_atlas::analysis::{Assumptions, horizon_distance_km};
/// let a = Assumptions::default();
/// // The radio-horizon rule of thumb: 4.12 km × √(height in metres).
/// let d = horizon_distance_km(0.010, &a);
/// assert!((d - 4.12 * 10f64.sqrt()).abs() < 0.05);
/// ```
pub fn horizon_distance_km(height_km: f64, a: &Assumptions) -> f64 {
    let re = a.refraction_k * a.earth_radius_km;
    re * horizon_angle(re, height_km)
}

/// The central angle to the horizon of a height `h` above a sphere of radius `re`, radians.
fn horizon_angle(re: f64, h: f64) -> f64 {
    if h <= 0.0 {
        0.0
    } else {
        (re / (re + h)).clamp(-1.0, 1.0).acos()
    }
}

/// A radar ready for visibility tests: its position and sector as vectors.
#[derive(Clone, Debug)]
pub struct RadarModel {
    /// Index of the radar's site in the scenario.
    pub site: usize,
    /// The site's label, for results.
    pub name: String,
    pos: V3,
    up: V3,
    /// Boresight as a horizontal unit vector; `None` for all-round coverage.
    boresight: Option<V3>,
    cos_half_fov: f64,
    range2: f64,
    /// k × the antenna's horizon angle on the effective Earth.
    k_horizon: f64,
    k: f64,
    re: f64,
    r: f64,
}

impl RadarModel {
    /// The radar at `site`; `None` if the site has no radar coverage or no usable position.
    pub fn new(index: usize, site: &Site, a: &Assumptions) -> Option<RadarModel> {
        let cov = site.radar.as_ref()?;
        if !(site.lat.is_finite() && site.lon.is_finite() && cov.range_km > 0.0) {
            return None;
        }
        let up = V3::from_lon_lat(site.lon, site.lat);
        let h = a.radar_antenna_height_m / 1000.0;
        let east = V3::new(0.0, 0.0, 1.0).cross(up).unit();
        // At a pole "east" is undefined: any horizontal axis will do for all-round radars.
        let east = if east.norm2() > 0.0 {
            east
        } else {
            V3::new(0.0, 1.0, 0.0)
        };
        let north = up.cross(east);
        let boresight = (cov.fov_deg < 360.0).then(|| {
            let (s, c) = cov.boresight_deg.to_radians().sin_cos();
            north * c + east * s
        });
        let re = a.refraction_k * a.earth_radius_km;
        Some(RadarModel {
            site: index,
            name: site.label().to_owned(),
            pos: up * (a.earth_radius_km + h),
            up,
            boresight,
            cos_half_fov: (cov.fov_deg.to_radians() / 2.0).cos(),
            range2: cov.range_km * cov.range_km,
            k_horizon: a.refraction_k * horizon_angle(re, h),
            k: a.refraction_k,
            re,
            r: a.earth_radius_km,
        })
    }

    /// The k-scaled horizon angle of a point at `alt_km`, shared by every radar looking at it.
    fn point_horizon(&self, alt_km: f64) -> f64 {
        self.k * horizon_angle(self.re, alt_km)
    }

    /// Whether the radar sees `p`, given the point's k-scaled horizon angle.
    fn sees_with(&self, p: &TrackPoint, point_horizon: f64) -> bool {
        let limit = self.k_horizon + point_horizon;
        let r = self.r + p.alt_km;
        if r <= 0.0 {
            return false;
        }
        // The central angle φ between radar and point must be within k·(θ_radar + θ_point).
        if limit < std::f64::consts::PI && self.up.dot(p.pos) / r < limit.cos() {
            return false;
        }
        let d = p.pos - self.pos;
        if d.norm2() > self.range2 {
            return false;
        }
        match self.boresight {
            None => true,
            Some(b) => {
                let h = d - self.up * d.dot(self.up);
                let hn = h.norm();
                hn < 1e-9 || h.dot(b) >= hn * self.cos_half_fov
            }
        }
    }

    /// Whether the radar sees the point `p`.
    ///
    /// ```
    /// use bmd_atlas::analysis::{Assumptions, RadarModel, TrackPoint, V3};
    /// let s = bmd_atlas::scenario::built_in();
    /// let a = Assumptions::default();
    /// let (i, kurecik) = s.sites.iter().enumerate().find(|(_, x)| x.id == "kurecik").unwrap();
    /// let radar = RadarModel::new(i, kurecik, &a).unwrap();
    /// let above = |lon: f64, lat: f64| TrackPoint {
    ///     t_s: 0.0,
    ///     pos: V3::from_lon_lat(lon, lat) * (a.earth_radius_km + 300.0),
    ///     alt_km: 300.0,
    ///     anomaly_rad: 0.0,
    /// };
    /// assert!(radar.sees(&above(46.29, 38.08)), "300 km over Tabriz, east of Kürecik");
    /// assert!(!radar.sees(&above(23.73, 37.98)), "over Athens: behind the radar's face");
    /// ```
    pub fn sees(&self, p: &TrackPoint) -> bool {
        self.sees_with(p, self.point_horizon(p.alt_km))
    }
}

/// When and by which radar a trajectory is first seen.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    /// Time since the missile's launch, s.
    pub t_s: f64,
    /// Index into the radar list given to [`first_detection`].
    pub radar: usize,
}

fn first_seeing(radars: &[&RadarModel], p: &TrackPoint) -> Option<usize> {
    let first = radars.first()?;
    let ph = first.point_horizon(p.alt_km);
    radars.iter().position(|r| r.sees_with(p, ph))
}

/// The first time any of `radars` sees the trajectory, refined between two of its `points` to
/// `a.detection_precision_s`; `None` if none ever sees it.
///
/// ```
/// use bmd_atlas::analysis::{Assumptions, RadarModel, Trajectory, V3, first_detection};
/// let s = bmd_atlas::scenario::built_in();
/// let a = Assumptions::default();
/// let radars: Vec<RadarModel> = ["kurecik", "gabala"]
///     .iter()
///     .filter_map(|id| s.sites.iter().enumerate().find(|(_, x)| x.id == *id))
///     .filter_map(|(i, x)| RadarModel::new(i, x, &a))
///     .collect();
/// let t = Trajectory::new(V3::from_lon_lat(46.29, 38.08), V3::from_lon_lat(26.1, 44.43), &a).unwrap();
/// let points = t.points(a.time_step_s);
/// let kurecik = first_detection(&t, &points, &[&radars[0]], &a).unwrap();
/// let both = first_detection(&t, &points, &[&radars[0], &radars[1]], &a).unwrap();
/// assert!(both.t_s < kurecik.t_s, "Gabala, next to Tabriz, sees it first");
/// ```
///
/// Adding radars to the list can only make detection earlier or leave it unchanged: the scan
/// stops at the first point any radar sees, and the refinement between two points is a
/// bisection on "some radar sees it", which a larger list satisfies wherever a smaller one does.
pub fn first_detection(
    trajectory: &Trajectory,
    points: &[TrackPoint],
    radars: &[&RadarModel],
    a: &Assumptions,
) -> Option<Detection> {
    if radars.is_empty() {
        return None;
    }
    let i = points
        .iter()
        .position(|p| first_seeing(radars, p).is_some())?;
    // Bisection between the last unseen and the first seen point, on the eccentric anomaly
    // (time grows with it, and a point at a given anomaly needs no Kepler equation).
    let mut hi = points[i];
    if i > 0 {
        let mut lo = points[i - 1];
        let precision = a.detection_precision_s.max(1e-3);
        while hi.t_s - lo.t_s > precision {
            let mid = trajectory.at_anomaly(0.5 * (lo.anomaly_rad + hi.anomaly_rad));
            if first_seeing(radars, &mid).is_some() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    }
    let radar = first_seeing(radars, &hi)?;
    Some(Detection { t_s: hi.t_s, radar })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{RadarCoverage, Side, SiteKind, Timeline};

    fn radar_site(lon: f64, lat: f64, range_km: f64, boresight: f64, fov: f64) -> Site {
        Site {
            id: "r".into(),
            name: "R".into(),
            short_name: String::new(),
            country: "XX".into(),
            lat,
            lon,
            side: Side::UsNato,
            kind: SiteKind::Radar,
            system: String::new(),
            timeline: Timeline::default(),
            radar: Some(RadarCoverage {
                range_km,
                boresight_deg: boresight,
                fov_deg: fov,
                uncertain: false,
            }),
            batteries: Vec::new(),
            notes: String::new(),
            source: "test".into(),
            uncertain: false,
        }
    }

    /// A point at `alt_km` above the ground, `ground_km` due east of (0°, 0°).
    fn point_east(ground_km: f64, alt_km: f64, a: &Assumptions) -> TrackPoint {
        let lon = (ground_km / a.earth_radius_km).to_degrees();
        TrackPoint {
            t_s: 0.0,
            pos: V3::from_lon_lat(lon, 0.0) * (a.earth_radius_km + alt_km),
            alt_km,
            anomaly_rad: 0.0,
        }
    }

    #[test]
    fn the_horizon_is_where_the_closed_form_puts_it() {
        let a = Assumptions::default();
        let radar = RadarModel::new(0, &radar_site(0.0, 0.0, 20_000.0, 90.0, 360.0), &a)
            .unwrap_or_else(|| panic!("radar"));
        for alt in [50.0, 200.0, 1000.0] {
            let d = horizon_distance_km(a.radar_antenna_height_m / 1000.0, &a)
                + horizon_distance_km(alt, &a);
            assert!(
                radar.sees(&point_east(d - 1.0, alt, &a)),
                "{alt} km, inside"
            );
            assert!(
                !radar.sees(&point_east(d + 1.0, alt, &a)),
                "{alt} km, beyond"
            );
        }
        // √(2kRh) is the small-height limit of the exact horizon distance.
        let re = a.refraction_k * a.earth_radius_km;
        for h in [0.01, 0.1, 1.0] {
            let approx = (2.0 * re * h).sqrt();
            assert!((horizon_distance_km(h, &a) - approx).abs() / approx < 1e-4);
        }
    }

    #[test]
    fn range_and_sector_limit_what_is_seen() {
        let a = Assumptions::default();
        // Facing east, 60° wide, 1000 km.
        let radar = RadarModel::new(0, &radar_site(0.0, 0.0, 1000.0, 90.0, 60.0), &a)
            .unwrap_or_else(|| panic!("radar"));
        assert!(radar.sees(&point_east(500.0, 300.0, &a)));
        assert!(!radar.sees(&point_east(1200.0, 300.0, &a)), "beyond range");
        let north = TrackPoint {
            t_s: 0.0,
            pos: V3::from_lon_lat(0.0, 4.0) * (a.earth_radius_km + 300.0),
            alt_km: 300.0,
            anomaly_rad: 0.0,
        };
        assert!(!radar.sees(&north), "outside the sector");
    }
}
