//! A ballistic missile's flight over a rotating Earth: powered boost, then a Kepler arc.
//!
//! # The model
//!
//! Time t is seconds after the missile's launch. The Earth is a sphere of radius R turning at ω
//! about its polar axis; positions are Earth-fixed unless said otherwise (see [`V3`]).
//!
//! - **Boost**, 0 ≤ t ≤ t_b: the missile climbs along the great circle from its launch point
//!   towards its target, at ground range d_b·(t/t_b)² and altitude h_b·(t/t_b)². It burns out
//!   at B (ground range d_b, altitude h_b) at t_b. The quadratic stands for a booster that
//!   accelerates as it burns; the true profile is not public.
//! - **Free flight**: from B at t_b the missile coasts (two-body motion, no air) to its target,
//!   which turns with the Earth. Of all the arcs that do this, it flies the one needing the
//!   least burnout speed *relative to the rotating Earth*, |v − ω × r|: the free-flight time T
//!   is searched (to 0.01 s) between 0.3 and 1.5 times the non-rotating minimum-energy time from
//!   B to the target, each T solved by Lambert's problem (short way, no full revolution).
//!
//! With ω = 0 and no boost (t_b = d_b = h_b = 0) this is the minimum-energy trajectory of
//! [`super::ballistic`], the first analysis's model.

use super::Assumptions;
use super::kepler::Ellipse;
use super::lambert::{lambert_from, propagate};
use super::memo::bits3;
use super::reach::min_energy_time_s;
use super::vec3::{V3, angle_between};
use crate::scenario::MissileType;

/// The planet: radius, gravity and rotation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Earth {
    pub radius_km: f64,
    pub mu_km3_s2: f64,
    /// Rotation rate about the z axis, rad/s.
    pub rotation_rad_s: f64,
}

impl Earth {
    pub fn of(a: &Assumptions) -> Earth {
        Earth {
            radius_km: a.earth_radius_km,
            mu_km3_s2: a.mu_km3_s2,
            rotation_rad_s: a.earth_rotation_rad_s,
        }
    }

    /// The reference sphere (radius and μ of [`Assumptions::default`]) turning at
    /// `rotation_rad_s`: 0 for a non-rotating Earth.
    pub fn reference(rotation_rad_s: f64) -> Earth {
        Earth {
            rotation_rad_s,
            ..Earth::of(&Assumptions::default())
        }
    }

    /// Where the Earth-fixed point `fixed` is in the inertial frame at time `t_s`.
    pub fn to_inertial(&self, fixed: V3, t_s: f64) -> V3 {
        fixed.rotate_z(self.rotation_rad_s * t_s)
    }

    /// The Earth-fixed point under the inertial position `inertial` at time `t_s`.
    pub fn to_fixed(&self, inertial: V3, t_s: f64) -> V3 {
        inertial.rotate_z(-self.rotation_rad_s * t_s)
    }

    /// Speed relative to the turning Earth of a body at inertial `r` moving at inertial `v`.
    pub fn relative_speed(&self, r: V3, v: V3) -> f64 {
        (v - r.spin_velocity(self.rotation_rad_s)).norm()
    }
}

/// A missile type's powered flight.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Boost {
    /// t_b, s.
    pub burn_time_s: f64,
    /// h_b, km.
    pub burnout_altitude_km: f64,
    /// d_b, km.
    pub burnout_range_km: f64,
}

impl Boost {
    /// The boost of `m`, each value brought into the bounds the validator states (what is not a
    /// finite number counts as 0), so that no input makes a flight last for days.
    pub fn of(m: &MissileType) -> Boost {
        let ok = |v: f64, hi: f64| if v.is_finite() { v.clamp(0.0, hi) } else { 0.0 };
        Boost {
            burn_time_s: ok(m.burn_time_s, 1000.0),
            burnout_altitude_km: ok(m.burnout_altitude_km, 3000.0),
            burnout_range_km: ok(m.burnout_range_km, 10_000.0),
        }
    }
}

/// A point of a flight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackPoint {
    /// Time since launch, s.
    pub t_s: f64,
    /// Earth-fixed position, km.
    pub pos: V3,
    /// Altitude above the sphere, km.
    pub alt_km: f64,
}

/// A missile's flight from a launch point to a target.
///
/// ```
/// use bmd_atlas::analysis::{Assumptions, Boost, Earth, Flight, V3};
/// let earth = Earth::of(&Assumptions::default());
/// let boost = Boost { burn_time_s: 180.0, burnout_altitude_km: 200.0, burnout_range_km: 500.0 };
/// let kozelsk = V3::from_lon_lat(35.8, 54.0);
/// let washington = V3::from_lon_lat(-77.0, 38.9);
/// let f = Flight::new(kozelsk, washington, boost, earth).unwrap();
/// let b = f.at(180.0).unwrap();
/// assert!((b.alt_km - 200.0).abs() < 1e-9);
/// let end = f.at(f.impact_s()).unwrap();
/// assert!(end.alt_km.abs() < 1e-3 && (end.pos.unit() - washington).norm() < 1e-6);
/// assert!(f.burnout_speed_kms > 6.5 && f.burnout_speed_kms < 7.5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    earth: Earth,
    /// Unit vectors: launch point, direction of flight at launch (horizontal), target.
    launch: V3,
    heading: V3,
    pub target: V3,
    pub boost: Boost,
    /// Inertial position and velocity at burnout, and the coast's ellipse from there.
    burnout_r: V3,
    burnout_v: V3,
    coast: Option<Ellipse>,
    /// T, s.
    pub free_flight_s: f64,
    /// Burnout speed relative to the Earth, km/s.
    pub burnout_speed_kms: f64,
}

impl Flight {
    /// The flight from `launch` to `target` (unit vectors, Earth-fixed). `None` if they
    /// coincide or are antipodal, or if the target lies within the boost's ground range.
    pub fn new(launch: V3, target: V3, boost: Boost, earth: Earth) -> Option<Flight> {
        let (launch, target) = (launch.unit(), target.unit());
        let r = earth.radius_km;
        if !(r > 0.0 && earth.mu_km3_s2 > 0.0 && earth.rotation_rad_s.is_finite()) {
            return None;
        }
        let psi = angle_between(launch, target);
        if !(psi > 1e-7 && psi < std::f64::consts::PI - 1e-7) || boost.burnout_range_km >= psi * r {
            return None;
        }
        let heading = (target - launch * launch.dot(target)).unit();
        let mut f = Flight {
            earth,
            launch,
            heading,
            target,
            boost,
            burnout_r: V3::default(),
            burnout_v: V3::default(),
            coast: None,
            free_flight_s: 0.0,
            burnout_speed_kms: f64::INFINITY,
        };
        let t_b = boost.burn_time_s;
        let b_fixed = f.boost_position(1.0);
        let r1 = earth.to_inertial(b_fixed, t_b);
        let aim = target * r;
        let t_me = min_energy_time_s(b_fixed, aim, earth.mu_km3_s2)?;
        // Neighbouring times have neighbouring solutions: start each solve from the last.
        let guess = std::cell::Cell::new(None);
        let arc = |tof: f64| -> Option<(f64, V3)> {
            let r2 = earth.to_inertial(aim, t_b + tof);
            let sol = lambert_from(r1, r2, tof, earth.mu_km3_s2, guess.get())?;
            guess.set(Some(sol.z));
            Some((earth.relative_speed(r1, sol.v1), sol.v1))
        };
        let tof = least_of(
            |t| arc(t).map_or(f64::INFINITY, |x| x.0),
            0.3 * t_me,
            1.5 * t_me,
        );
        let (speed, v1) = arc(tof)?;
        f.burnout_r = r1;
        f.burnout_v = v1;
        f.coast = Ellipse::new(r1, v1, earth.mu_km3_s2);
        f.free_flight_s = tof;
        f.burnout_speed_kms = speed;
        Some(f)
    }

    /// The Earth-fixed point of the boost at `fraction` = (t/t_b)² of its way.
    fn boost_position(&self, fraction: f64) -> V3 {
        let r = self.earth.radius_km;
        let delta = self.boost.burnout_range_km * fraction / r;
        let (s, c) = delta.sin_cos();
        (self.launch * c + self.heading * s) * (r + self.boost.burnout_altitude_km * fraction)
    }

    /// When the missile reaches its target, s after launch.
    pub fn impact_s(&self) -> f64 {
        self.boost.burn_time_s + self.free_flight_s
    }

    /// Where the missile is `t_s` after launch; `None` before launch or after impact.
    pub fn at(&self, t_s: f64) -> Option<TrackPoint> {
        if !(t_s >= 0.0 && t_s <= self.impact_s()) {
            return None;
        }
        let t_b = self.boost.burn_time_s;
        let pos = if t_s < t_b {
            let x = t_s / t_b;
            self.boost_position(x * x)
        } else {
            let r = match &self.coast {
                Some(ellipse) => ellipse.position(t_s - t_b),
                None => {
                    let mu = self.earth.mu_km3_s2;
                    propagate(self.burnout_r, self.burnout_v, t_s - t_b, mu)?.0
                }
            };
            self.earth.to_fixed(r, t_s)
        };
        Some(TrackPoint {
            t_s,
            pos,
            alt_km: pos.norm() - self.earth.radius_km,
        })
    }

    /// Points at t = 0, s, 2s, … and at impact, with s = `step_s` (at least 1 s).
    pub fn samples(&self, step_s: f64) -> Vec<TrackPoint> {
        let step = if step_s.is_finite() {
            step_s.max(1.0)
        } else {
            10.0
        };
        let end = self.impact_s();
        let n = ((end / step).floor() as usize).min(100_000);
        let mut out: Vec<TrackPoint> = (0..=n).filter_map(|i| self.at(i as f64 * step)).collect();
        if out.last().is_some_and(|p| p.t_s < end - 1e-9)
            && let Some(p) = self.at(end)
        {
            out.push(p);
        }
        out
    }

    /// The highest altitude of the flight, km.
    pub fn apogee_km(&self) -> f64 {
        let mu = self.earth.mu_km3_s2;
        let (r, v) = (self.burnout_r, self.burnout_v);
        let energy = v.norm2() / 2.0 - mu / r.norm();
        let h = r.cross(v).norm();
        let climbing = r.dot(v) > 0.0;
        if energy >= 0.0 || !climbing {
            return self.boost.burnout_altitude_km;
        }
        let a = -mu / (2.0 * energy);
        let e = (1.0 - h * h / (mu * a)).max(0.0).sqrt();
        a * (1.0 + e) - self.earth.radius_km
    }
}

/// Every input of a flight, as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct FlightKey([u64; 12]);

impl FlightKey {
    pub(crate) fn new(launch: V3, target: V3, boost: Boost, earth: Earth) -> FlightKey {
        let [a, b, c] = bits3(launch);
        let [d, e, f] = bits3(target);
        let numbers = [
            boost.burn_time_s,
            boost.burnout_altitude_km,
            boost.burnout_range_km,
            earth.radius_km,
            earth.mu_km3_s2,
            earth.rotation_rad_s,
        ];
        let [g, h, i, j, k, l] = numbers.map(f64::to_bits);
        FlightKey([a, b, c, d, e, f, g, h, i, j, k, l])
    }
}

/// The argument in [lo, hi] minimising `f`, to 0.01: a scan of 12 points, then Brent's method
/// (parabolic steps, golden-section when they misbehave; Brent, *Algorithms for Minimization
/// without Derivatives*, 1973, ch. 5) between the best scanned point's neighbours. The burnout
/// speed is smooth in the flight time with one minimum in the range; the scan keeps a stray
/// failure of the solver from misleading the search.
fn least_of(f: impl Fn(f64) -> f64, lo: f64, hi: f64) -> f64 {
    const N: usize = 12;
    let step = (hi - lo) / N as f64;
    let (best, f_best) = (0..=N)
        .map(|i| lo + step * i as f64)
        .map(|x| (x, f(x)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((lo, f64::INFINITY));
    brent_min(
        &f,
        ((best - step).max(lo), (best + step).min(hi)),
        (best, f_best),
        0.005,
    )
}

/// Brent's minimisation of `f` in `bracket`, from the point `start` (with its value), to ±2·`tol`.
fn brent_min(f: &impl Fn(f64) -> f64, bracket: (f64, f64), start: (f64, f64), tol: f64) -> f64 {
    const GOLDEN: f64 = 0.381_966_011_250_105_1; // (3 − √5)/2
    let (mut a, mut b) = bracket;
    let (mut x, mut fx) = start;
    let (mut w, mut fw, mut v, mut fv) = (x, fx, x, fx);
    // The last two steps: parabolic steps must keep shrinking or golden section takes over.
    let (mut d, mut e) = (0.0f64, 0.0f64);
    for _ in 0..100 {
        let m = 0.5 * (a + b);
        if (x - m).abs() <= 2.0 * tol - 0.5 * (b - a) {
            break;
        }
        let mut parabolic = false;
        if e.abs() > tol {
            let r = (x - w) * (fx - fv);
            let q0 = (x - v) * (fx - fw);
            let mut p = (x - v) * q0 - (x - w) * r;
            let mut q = 2.0 * (q0 - r);
            if q > 0.0 {
                p = -p;
            } else {
                q = -q;
            }
            let last = e;
            e = d;
            if p.abs() < (0.5 * q * last).abs() && p > q * (a - x) && p < q * (b - x) {
                d = p / q;
                let u = x + d;
                if u - a < 2.0 * tol || b - u < 2.0 * tol {
                    d = tol.copysign(m - x);
                }
                parabolic = true;
            }
        }
        if !parabolic {
            e = if x >= m { a - x } else { b - x };
            d = GOLDEN * e;
        }
        let u = if d.abs() >= tol {
            x + d
        } else {
            x + tol.copysign(d)
        };
        let fu = f(u);
        if fu <= fx {
            if u >= x {
                a = x;
            } else {
                b = x;
            }
            (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv, w, fw) = (w, fw, u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ballistic::MinEnergy;

    fn earth(rotation: f64) -> Earth {
        Earth::reference(rotation)
    }

    #[test]
    fn without_boost_or_rotation_it_is_the_minimum_energy_arc() {
        let (l, t) = (V3::from_lon_lat(53.9, 35.2), V3::from_lon_lat(-0.1, 51.5));
        let f = Flight::new(l, t, Boost::default(), earth(0.0)).unwrap_or_else(|| panic!("flies"));
        let me = MinEnergy::new(angle_between(l, t), 6371.0, 398_600.441_8)
            .unwrap_or_else(|| panic!("ellipse"));
        assert!((f.burnout_speed_kms - me.burnout_speed_kms).abs() < 1e-6);
        assert!((f.free_flight_s - me.flight_time_s).abs() < 0.05);
        assert!((f.apogee_km() - me.apogee_altitude_km).abs() < 1.0);
    }

    #[test]
    fn the_flight_is_continuous_at_burnout_and_lands_on_the_turning_target() {
        let boost = Boost {
            burn_time_s: 300.0,
            burnout_altitude_km: 300.0,
            burnout_range_km: 800.0,
        };
        let (l, t) = (V3::from_lon_lat(59.8, 50.8), V3::from_lon_lat(-104.8, 41.1));
        let f = Flight::new(l, t, boost, earth(7.292_115_9e-5)).unwrap_or_else(|| panic!("flies"));
        let before = f.at(299.999).unwrap_or_else(|| panic!("boost"));
        let after = f.at(300.001).unwrap_or_else(|| panic!("coast"));
        assert!(
            (before.pos - after.pos).norm() < 10.0,
            "{before:?} {after:?}"
        );
        let end = f.at(f.impact_s()).unwrap_or_else(|| panic!("impact"));
        assert!((end.pos - t * 6371.0).norm() < 1e-3, "{:?}", end.pos);
        let samples = f.samples(5.0);
        assert_eq!(samples[0].t_s, 0.0);
        assert!(
            samples
                .windows(2)
                .all(|w| w[1].t_s - w[0].t_s <= 5.0 + 1e-9)
        );
        assert_eq!(samples.last().map(|p| p.t_s), Some(f.impact_s()));
    }

    #[test]
    fn the_search_finds_a_minimum_to_a_hundredth() {
        for centre in [3.0, 517.123, 1499.99] {
            let f = |x: f64| (x - centre).powi(2) + 0.01 * (x - centre).powi(4);
            let x = least_of(f, 0.0, 1500.0);
            assert!((x - centre).abs() < 0.01, "{centre}: {x}");
        }
    }

    #[test]
    fn a_target_inside_the_boost_range_has_no_flight() {
        let boost = Boost {
            burn_time_s: 100.0,
            burnout_altitude_km: 80.0,
            burnout_range_km: 100.0,
        };
        let l = V3::from_lon_lat(46.3, 38.1);
        let near = V3::from_lon_lat(46.3, 38.6); // 56 km north
        assert!(Flight::new(l, near, boost, earth(0.0)).is_none());
    }
}
