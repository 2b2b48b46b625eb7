//! Minimum-energy ballistic trajectories on a spherical, non-rotating Earth.
//!
//! # Why this model
//!
//! The argument over European missile defence is kinematic: could an interceptor get to where a
//! missile will be, in time? The open literature answers it with the simplest model that keeps
//! the orders of magnitude right, and so does BMD Atlas:
//!
//! - The Earth is a sphere of radius R that does not rotate; gravity is a point mass μ at its
//!   centre; there is no air. A missile after burnout then flies a **Kepler ellipse** with a
//!   focus at the Earth's centre (two-body motion).
//! - Of all the ellipses joining launch point and target, the missile flies the one needing the
//!   **least burnout speed** (the minimum-energy trajectory). Real missiles may fly lofted or
//!   depressed paths; the minimum-energy one is the reference case of the studies.
//! - Boost is not modelled. The ellipse starts at the launch point, on the ground, a *boost
//!   offset* (default 90 s) after launch: a real boost of about 180 s ends higher and further
//!   downrange, and starting the free flight half-way through the boost puts the missile roughly
//!   where it would be afterwards.
//!
//! # The closed forms
//!
//! For two points on a sphere of radius R a central angle ψ apart, the minimum-energy ellipse
//! has (Bate, Mueller & White, *Fundamentals of Astrodynamics*, §6.2):
//!
//! - semi-major axis a = R (1 + sin ψ/2) / 2 and eccentricity e = cos(ψ/2) / (1 + sin ψ/2);
//! - burnout speed from ν = v²R/μ = 2 sin(ψ/2) / (1 + sin ψ/2), at a flight-path angle
//!   γ = (π − ψ)/4 above the horizontal;
//! - apogee radius a (1 + e) = R (1 + sin ψ/2 + cos ψ/2) / 2, half-way along the ground track.
//!
//! The flight time follows from Kepler's equation, t = (M(E) − M(E_launch)) / n, with the
//! eccentric anomaly E and mean motion n = √(μ/a³).

use std::f64::consts::PI;

use super::Assumptions;
use super::vec3::{V3, angle_between};

/// The minimum-energy ellipse between two points on the sphere.
///
/// ```
/// use bmd_atlas::analysis::MinEnergy;
/// // 10 000 km: an intercontinental flight.
/// let m = MinEnergy::new(10_000.0 / 6371.0, 6371.0, 398_600.441_8).unwrap();
/// assert!((m.apogee_altitude_km - 1_320.0).abs() < 10.0);
/// assert!((m.burnout_speed_kms - 7.2).abs() < 0.1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MinEnergy {
    /// Central angle between launch point and target, radians.
    pub central_angle_rad: f64,
    pub semi_major_axis_km: f64,
    pub eccentricity: f64,
    /// Speed needed at burnout (on the ground, in this model), km/s.
    pub burnout_speed_kms: f64,
    /// Angle of the burnout velocity above the local horizontal, radians.
    pub flight_path_angle_rad: f64,
    /// Time from burnout to impact, s.
    pub flight_time_s: f64,
    pub apogee_altitude_km: f64,
    /// Eccentric anomaly at launch (the ascending branch; apogee is at π), radians.
    pub launch_anomaly_rad: f64,
}

impl MinEnergy {
    /// The minimum-energy ellipse for a central angle `psi_rad` on a sphere of radius `r_km`.
    ///
    /// `None` for angles too close to 0 (no flight) or π (antipodes: no unique plane).
    pub fn new(psi_rad: f64, r_km: f64, mu: f64) -> Option<MinEnergy> {
        if !(psi_rad.is_finite() && psi_rad > 1e-7 && psi_rad < PI - 1e-7) {
            return None;
        }
        if !(r_km > 0.0 && mu > 0.0) {
            return None;
        }
        let (sh, ch) = (psi_rad / 2.0).sin_cos();
        let a = r_km * (1.0 + sh) / 2.0;
        let e = ch / (1.0 + sh);
        // r = a(1 − e cos E) = R on the ascending branch, E in (π/2, π).
        let cos_el = ((1.0 - r_km / a) / e).clamp(-1.0, 1.0);
        let el = cos_el.acos();
        let n = (mu / (a * a * a)).sqrt();
        let ml = el - e * el.sin();
        Some(MinEnergy {
            central_angle_rad: psi_rad,
            semi_major_axis_km: a,
            eccentricity: e,
            burnout_speed_kms: (mu * (2.0 / r_km - 1.0 / a)).sqrt(),
            flight_path_angle_rad: (PI - psi_rad) / 4.0,
            flight_time_s: 2.0 * (PI - ml) / n,
            apogee_altitude_km: a * (1.0 + e) - r_km,
            launch_anomaly_rad: el,
        })
    }
}

/// A point of a trajectory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackPoint {
    /// Time since the missile's launch (boost offset included), s.
    pub t_s: f64,
    /// Position in the Earth-centred frame, km.
    pub pos: V3,
    /// Altitude above the analysis sphere, km.
    pub alt_km: f64,
    /// Eccentric anomaly on the trajectory's ellipse, radians (time grows with it).
    pub anomaly_rad: f64,
}

/// A minimum-energy trajectory from a launch point to a target, in time since launch.
///
/// ```
/// use bmd_atlas::analysis::{Assumptions, Trajectory, V3};
/// let a = Assumptions::default();
/// let tabriz = V3::from_lon_lat(46.29, 38.08);
/// let bucharest = V3::from_lon_lat(26.10, 44.43);
/// let t = Trajectory::new(tabriz, bucharest, &a).unwrap();
/// let points = t.points(a.time_step_s);
/// assert_eq!(points[0].t_s, a.boost_offset_s);
/// assert!(points.windows(2).all(|w| w[1].t_s - w[0].t_s <= a.time_step_s + 1e-9));
/// assert!((t.impact_s() - points.last().unwrap().t_s).abs() < 1e-9);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trajectory {
    pub launch: V3,
    pub target: V3,
    pub shape: MinEnergy,
    /// Unit vector towards perigee (opposite apogee).
    p_hat: V3,
    /// Unit vector in the plane of flight, 90° ahead of perigee.
    q_hat: V3,
    b_km: f64,
    mean_motion: f64,
    launch_mean_anomaly: f64,
    start_s: f64,
    r_km: f64,
}

impl Trajectory {
    /// The trajectory between two directions from the Earth's centre (unit vectors), starting
    /// the assumed boost offset after launch. `None` if the points coincide or are antipodal.
    pub fn new(launch: V3, target: V3, a: &Assumptions) -> Option<Trajectory> {
        let (launch, target) = (launch.unit(), target.unit());
        let psi = angle_between(launch, target);
        let shape = MinEnergy::new(psi, a.earth_radius_km, a.mu_km3_s2)?;
        let mid = (launch + target).unit();
        let along = (target - launch).unit();
        let (sa, e) = (shape.semi_major_axis_km, shape.eccentricity);
        let el = shape.launch_anomaly_rad;
        Some(Trajectory {
            launch,
            target,
            shape,
            p_hat: -mid,
            q_hat: -along,
            b_km: sa * (1.0 - e * e).max(0.0).sqrt(),
            mean_motion: (a.mu_km3_s2 / (sa * sa * sa)).sqrt(),
            launch_mean_anomaly: el - e * el.sin(),
            start_s: a.boost_offset_s,
            r_km: a.earth_radius_km,
        })
    }

    /// When the free flight starts (the boost offset), s after launch.
    pub fn start_s(&self) -> f64 {
        self.start_s
    }

    /// When the missile reaches its target, s after launch.
    pub fn impact_s(&self) -> f64 {
        self.start_s + self.shape.flight_time_s
    }

    /// The point at eccentric anomaly `ea` (within the flight: from launch to impact).
    pub fn at_anomaly(&self, ea: f64) -> TrackPoint {
        let (s, c) = ea.sin_cos();
        self.at_anomaly_sc(ea, s, c)
    }

    fn at_anomaly_sc(&self, ea: f64, s: f64, c: f64) -> TrackPoint {
        let sa = self.shape.semi_major_axis_km;
        let e = self.shape.eccentricity;
        let pos = self.p_hat * (sa * (c - e)) + self.q_hat * (self.b_km * s);
        let m = ea - e * s;
        TrackPoint {
            t_s: self.start_s + (m - self.launch_mean_anomaly) / self.mean_motion,
            pos,
            alt_km: sa * (1.0 - e * c) - self.r_km,
            anomaly_rad: ea,
        }
    }

    /// The point reached `t_s` after launch; `None` before the free flight or after impact.
    pub fn at(&self, t_s: f64) -> Option<TrackPoint> {
        if !(t_s >= self.start_s && t_s <= self.impact_s()) {
            return None;
        }
        let e = self.shape.eccentricity;
        let el = self.shape.launch_anomaly_rad;
        let (lo0, hi0) = (el, 2.0 * PI - el);
        let m = self.launch_mean_anomaly + (t_s - self.start_s) * self.mean_motion;
        // Kepler's equation E − e sin E = M is monotonic in E: Newton, kept inside a bracket.
        let (mut lo, mut hi) = (lo0, hi0);
        let mut ea = (m + e * m.sin()).clamp(lo, hi);
        for _ in 0..60 {
            let f = ea - e * ea.sin() - m;
            if f.abs() < 1e-13 {
                break;
            }
            if f > 0.0 {
                hi = ea;
            } else {
                lo = ea;
            }
            let next = ea - f / (1.0 - e * ea.cos());
            ea = if next > lo && next < hi {
                next
            } else {
                0.5 * (lo + hi)
            };
        }
        Some(self.at_anomaly(ea))
    }

    /// Points from burnout to impact, no more than `max_step_s` apart in time (at least 1 s).
    ///
    /// They are spaced evenly in eccentric anomaly, which is cheap (no Kepler equation to solve)
    /// and puts them closest in time where the missile moves fastest.
    pub fn points(&self, max_step_s: f64) -> Vec<TrackPoint> {
        let step = if max_step_s.is_finite() {
            max_step_s.max(1.0)
        } else {
            10.0
        };
        let e = self.shape.eccentricity;
        let el = self.shape.launch_anomaly_rad;
        let span = 2.0 * (PI - el);
        // dt/dE = (1 − e cos E)/n ≤ (1 + e)/n.
        let max_de = step * self.mean_motion / (1.0 + e);
        let n = ((span / max_de).ceil() as usize).clamp(1, 100_000);
        // Sines and cosines by rotation (angle addition), exact again every 32 steps.
        let (sd, cd) = (span / n as f64).sin_cos();
        let (mut s, mut c) = (0.0, 1.0);
        let mut out = Vec::with_capacity(n + 1);
        for i in 0..=n {
            let ea = el + span * i as f64 / n as f64;
            if i % 32 == 0 {
                (s, c) = ea.sin_cos();
            }
            out.push(self.at_anomaly_sc(ea, s, c));
            (s, c) = (s * cd + c * sd, c * cd - s * sd);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: f64 = 6371.0;
    const MU: f64 = 398_600.441_8;

    #[test]
    fn launch_and_impact_lie_on_the_ground_at_the_right_places() {
        let a = Assumptions::default();
        let l = V3::from_lon_lat(53.9, 35.2);
        let t = V3::from_lon_lat(-0.1, 51.5);
        let tr = Trajectory::new(l, t, &a).unwrap_or_else(|| panic!("trajectory"));
        let pts = tr.points(a.time_step_s);
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        assert!(first.alt_km.abs() < 1e-6 && last.alt_km.abs() < 1e-6);
        assert!((first.pos.unit() - l).norm() < 1e-9);
        assert!((last.pos.unit() - t).norm() < 1e-9);
        let normal = l.cross(t).unit();
        assert!(pts.iter().all(|p| p.pos.dot(normal).abs() < 1e-6));
        // Kepler's equation solved for a time gives back the point at that time.
        for p in pts.iter().step_by(7) {
            let q = tr.at(p.t_s).unwrap_or_else(|| panic!("at {}", p.t_s));
            assert!((q.pos - p.pos).norm() < 1e-6, "{} s", p.t_s);
        }
        assert!(tr.at(a.boost_offset_s - 1.0).is_none());
    }

    #[test]
    fn degenerate_geometry_has_no_trajectory() {
        let a = Assumptions::default();
        let p = V3::from_lon_lat(10.0, 10.0);
        assert!(Trajectory::new(p, p, &a).is_none());
        assert!(Trajectory::new(p, -p, &a).is_none());
        assert!(MinEnergy::new(f64::NAN, R, MU).is_none());
    }
}
