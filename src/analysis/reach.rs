//! Interceptor reach: can a battery get an interceptor to a point in time, and with what speed?
//!
//! # The question
//!
//! The interceptor burns out at its site (its burn is short against the coast) at time
//! t_L + burn, with t_L its launch time, and must be at P when the threat is, at time t. It has
//! at most τ = t − t_L − burn to coast. It may also launch later, so any time of flight up to τ
//! will do.
//!
//! # The answer in closed form
//!
//! For the two points (site at radius r₁, P at r₂, chord c, semi-perimeter s = (r₁ + r₂ + c)/2)
//! the short-way arcs form one family, ordered by time of flight (Lagrange; Battin §6.4):
//!
//! - The **minimum-energy** arc has a = s/2, needs speed v_me = √(μ (2/r₁ − 2/s)) and takes t_m.
//!   No slower interceptor reaches P at all.
//! - Faster arcs (times below t_m) need more speed: for a speed v the quickest arc has the
//!   semi-major axis of v (vis-viva) and Lagrange's time t(v); speed needed falls monotonically
//!   as the time allowed grows towards t_m.
//! - The faster an arc, the flatter it leaves the ground; below a time t₀ it would leave
//!   *downwards*, through the Earth. t₀ is the time of the arc leaving horizontally, whose
//!   perigee is the site itself.
//!
//! So P is reachable with burnout speed v and at most τ to coast exactly when v ≥ v_me and
//! either τ ≥ t_m, or τ ≥ max(t(v), t₀). This test needs no iteration. The speed *needed*
//! for a given τ is v_me if τ ≥ t_m, none if τ < t₀, and otherwise the Lambert solution for τ.
//! Both are monotonic by construction: more speed or more time never shrinks what is reached.

use std::f64::consts::PI;

use super::lambert::{lambert, lambert_from};
use super::vec3::V3;

/// The geometry of a transfer from a site to a point.
#[derive(Clone, Copy, Debug)]
struct Transfer {
    r1: f64,
    r2: f64,
    /// Chord, km.
    c: f64,
    /// Semi-perimeter of the triangle (centre, site, point), km.
    s: f64,
}

impl Transfer {
    /// The transfer from `site` to `p`; `None` for a zero radius or a transfer angle of 180°.
    fn new(site: V3, p: V3) -> Option<Transfer> {
        let (r1, r2) = (site.norm(), p.norm());
        let c = (p - site).norm();
        // (r₁ + r₂)² − c² = 2r₁r₂(1 + cos θ) vanishes at θ = π, where the plane is undefined.
        let sum = r1 + r2;
        if !(r1 > 0.0 && r2 > 0.0 && sum * sum - c * c > 1e-9 * sum * sum) {
            return None;
        }
        Some(Transfer {
            r1,
            r2,
            c,
            s: 0.5 * (sum + c),
        })
    }

    /// cos θ and tan(θ/2) of the transfer angle θ, from the sides of the triangle (no trig,
    /// and accurate for small angles: 2r₁r₂(1 − cos θ) = c² − (r₂ − r₁)²).
    fn angle(&self) -> (f64, f64) {
        let (r1, r2, c) = (self.r1, self.r2, self.c);
        let d = r2 - r1;
        let one_minus = ((c * c - d * d) / (2.0 * r1 * r2)).max(0.0);
        let sum = r1 + r2;
        let one_plus = ((sum * sum - c * c) / (2.0 * r1 * r2)).max(f64::MIN_POSITIVE);
        (1.0 - one_minus, (one_minus / one_plus).sqrt())
    }

    /// v_me², the square of the minimum-energy speed.
    fn min_energy_speed2(&self, mu: f64) -> f64 {
        mu * (2.0 / self.r1 - 2.0 / self.s)
    }

    /// Time of flight of the minimum-energy arc.
    fn min_energy_time(&self, mu: f64) -> f64 {
        let a = 0.5 * self.s;
        (a * a * a / mu).sqrt() * (PI - angle_minus_sin(((self.s - self.c) / self.s).sqrt()))
    }

    /// Lagrange's time of flight of the fast arc with speed `v` at the site.
    fn fastest_time(&self, v: f64, mu: f64) -> f64 {
        let inv_a = 2.0 / self.r1 - v * v / mu;
        let (s, sc) = (self.s, self.s - self.c);
        if (inv_a * s).abs() < 1e-12 {
            // Parabola.
            return (2.0 / mu).sqrt() / 3.0 * (s * s.sqrt() - sc * sc.sqrt());
        }
        if inv_a > 0.0 {
            // sin(α/2) = √(s/2a), sin(β/2) = √((s − c)/2a).
            let a = 1.0 / inv_a;
            let k = 0.5 * inv_a;
            (a * a * a / mu).sqrt()
                * (angle_minus_sin((s * k).sqrt()) - angle_minus_sin((sc * k).sqrt()))
        } else {
            // sinh(γ/2) = √(s/−2a), sinh(δ/2) = √((s − c)/−2a).
            let a = -1.0 / inv_a;
            let k = -0.5 * inv_a;
            (a * a * a / mu).sqrt()
                * (sinh_minus_angle((s * k).sqrt()) - sinh_minus_angle((sc * k).sqrt()))
        }
    }

    /// Time of flight of the arc leaving the site horizontally; 0 if P is above the site's
    /// horizontal plane (then no arc to it leaves downwards).
    fn horizontal_departure_time(&self, mu: f64) -> f64 {
        let (r1, r2) = (self.r1, self.r2);
        let (cos_theta, half) = self.angle();
        let den = r1 - r2 * cos_theta;
        if den <= 0.0 {
            return 0.0;
        }
        // Perigee at the site: r₁(1 + e) = r₂(1 + e cos θ).
        let e = ((r2 - r1) / den).max(0.0);
        if (e - 1.0).abs() < 1e-9 {
            let p = 2.0 * r1;
            return 0.5 * (p * p * p / mu).sqrt() * (half + half * half * half / 3.0);
        }
        let a = r1 / (1.0 - e);
        if e < 1.0 {
            let ea = 2.0 * (((1.0 - e) / (1.0 + e)).sqrt() * half).atan();
            (a * a * a / mu).sqrt() * (ea - e * ea.sin())
        } else {
            let x = ((e - 1.0) / (e + 1.0)).sqrt() * half;
            if x >= 1.0 {
                return f64::INFINITY;
            }
            let fa = 2.0 * x.atanh();
            let a = -a;
            (a * a * a / mu).sqrt() * (e * fa.sinh() - fa)
        }
    }
}

/// α − sin α for α = 2·arcsin(h), h in [0, 1] (clamped): sin α = 2h√(1 − h²) needs no sine;
/// a series where the difference would cancel.
fn angle_minus_sin(h: f64) -> f64 {
    let h = if h.is_nan() { 0.0 } else { h.clamp(0.0, 1.0) };
    let alpha = 2.0 * h.asin();
    if alpha < 1e-2 {
        let a3 = alpha * alpha * alpha;
        a3 / 6.0 - a3 * alpha * alpha / 120.0 + a3 * a3 * alpha / 5040.0
    } else {
        alpha - 2.0 * h * (1.0 - h * h).sqrt()
    }
}

/// sinh γ − γ for γ = 2·arsinh(h), h ≥ 0: sinh γ = 2h√(1 + h²); a series for small γ.
fn sinh_minus_angle(h: f64) -> f64 {
    let h = if h.is_nan() { 0.0 } else { h.max(0.0) };
    let gamma = 2.0 * h.asinh();
    if gamma < 1e-2 {
        let g3 = gamma * gamma * gamma;
        g3 / 6.0 + g3 * gamma * gamma / 120.0 + g3 * g3 * gamma / 5040.0
    } else {
        2.0 * h * (1.0 + h * h).sqrt() - gamma
    }
}

/// The minimum-energy speed from `site` to `p` (km, Earth-centred): no interceptor slower than
/// this reaches `p`, whatever the time. A cheap lower bound used to skip hopeless points.
///
/// ```
/// use bmd_atlas::analysis::{V3, min_energy_speed};
/// let site = V3::from_lon_lat(24.4, 44.1) * 6371.0;
/// let overhead = V3::from_lon_lat(24.4, 44.1) * 6671.0;
/// // Straight up 300 km: v² = 2μ(1/R − 1/(R + h)).
/// let v = min_energy_speed(site, overhead, 398_600.441_8).unwrap();
/// assert!((v - (2.0f64 * 398_600.441_8 * (1.0 / 6371.0 - 1.0 / 6671.0)).sqrt()).abs() < 1e-9);
/// ```
pub fn min_energy_speed(site: V3, p: V3, mu: f64) -> Option<f64> {
    Transfer::new(site, p).map(|t| t.min_energy_speed2(mu).max(0.0).sqrt())
}

/// Whether an interceptor with burnout speed `speed_kms` at `site` can be at `p` after coasting
/// at most `tof_max_s` (both positions in km from the Earth's centre). Closed form, no iteration.
///
/// ```
/// use bmd_atlas::analysis::{V3, can_reach};
/// let mu = 398_600.441_8;
/// let site = V3::from_lon_lat(24.4, 44.1) * 6371.0;
/// let p = V3::from_lon_lat(28.0, 44.0) * 6571.0; // 290 km away, 200 km up
/// assert!(can_reach(site, p, 300.0, 3.0, mu));
/// assert!(!can_reach(site, p, 60.0, 3.0, mu), "not in one minute");
/// assert!(!can_reach(site, p, 300.0, 1.5, mu), "not that slowly");
/// ```
pub fn can_reach(site: V3, p: V3, tof_max_s: f64, speed_kms: f64, mu: f64) -> bool {
    if !(tof_max_s > 0.0 && speed_kms > 0.0) {
        return false;
    }
    let Some(t) = Transfer::new(site, p) else {
        return false;
    };
    if speed_kms * speed_kms < t.min_energy_speed2(mu) {
        return false;
    }
    if tof_max_s >= t.min_energy_time(mu) {
        return true;
    }
    tof_max_s >= t.fastest_time(speed_kms, mu) && tof_max_s >= t.horizontal_departure_time(mu)
}

/// The burnout speed an interceptor at `site` needs to be at `p` after coasting at most
/// `tof_max_s`; `None` if no arc in that time leaves the ground upwards.
///
/// ```
/// use bmd_atlas::analysis::{V3, can_reach, needed_speed};
/// let mu = 398_600.441_8;
/// let site = V3::from_lon_lat(17.1, 54.5) * 6371.0;
/// let p = V3::from_lon_lat(22.0, 60.0) * 6871.0;
/// let v = needed_speed(site, p, 200.0, mu).unwrap();
/// assert!(can_reach(site, p, 200.0, v * 1.001, mu) && !can_reach(site, p, 200.0, v * 0.999, mu));
/// ```
pub fn needed_speed(site: V3, p: V3, tof_max_s: f64, mu: f64) -> Option<f64> {
    if tof_max_s.is_nan() || tof_max_s <= 0.0 {
        return None;
    }
    let t = Transfer::new(site, p)?;
    needed_speed_for(&t, site, p, tof_max_s, mu)
}

fn needed_speed_for(t: &Transfer, site: V3, p: V3, tof_max_s: f64, mu: f64) -> Option<f64> {
    if tof_max_s >= t.min_energy_time(mu) {
        return Some(t.min_energy_speed2(mu).max(0.0).sqrt());
    }
    if tof_max_s < t.horizontal_departure_time(mu) {
        return None;
    }
    let sol = lambert(site, p, tof_max_s, mu)?;
    Some(sol.v1.norm())
}

/// A battery's site and interceptor, with precomputed bounds, for scanning many points.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shooter {
    pub pos: V3,
    pub speed_kms: f64,
    pub burn_s: f64,
    pub min_alt_km: f64,
    pub max_alt_km: f64,
    /// Largest r₂ + chord reachable at this speed, km (from v ≥ v_me ⇔ s ≤ s_max).
    reach_bound_km: f64,
}

impl Shooter {
    pub fn new(
        pos: V3,
        speed_kms: f64,
        burn_s: f64,
        (min_alt_km, max_alt_km): (f64, f64),
        mu: f64,
    ) -> Shooter {
        let r1 = pos.norm();
        let denom = 2.0 * mu - speed_kms * speed_kms * r1;
        // v_me² = μ(2/r₁ − 2/s) ≤ v² ⇔ s ≤ 2μr₁/(2μ − v²r₁) ⇔ r₂ + c ≤ 2·s_max − r₁.
        let reach_bound_km = if denom > 0.0 {
            4.0 * mu * r1 / denom - r1
        } else {
            f64::INFINITY
        };
        Shooter {
            pos,
            speed_kms,
            burn_s,
            min_alt_km,
            max_alt_km,
            reach_bound_km,
        }
    }

    /// Whether no point of the trajectory's plane segment can be reached at any time: a cheap
    /// exact test that skips distant batteries. Every point flies over the great-circle arc
    /// from launch to target at a radius of at least R, so its chord from the site is at least
    /// 2R·sin(φ/2), with φ the site's angular distance from the arc.
    pub fn cannot_reach_arc(&self, launch: V3, target: V3) -> bool {
        let r = self.pos.norm();
        let b = self.pos.unit();
        let n = launch.cross(target).unit();
        let s = b.dot(n);
        let proj = b - n * s;
        let inside = launch.cross(proj).dot(n) >= 0.0 && proj.cross(target).dot(n) >= 0.0;
        // cos φ of the site's angular distance φ from the arc; the chord is R·√(2(1 − cos φ)).
        let cos_phi = if inside {
            (1.0 - s * s).max(0.0).sqrt()
        } else {
            b.dot(launch).max(b.dot(target))
        };
        let chord = r * (2.0 * (1.0 - cos_phi.min(1.0))).sqrt();
        // r₂ + c ≥ (r + min_alt) + chord.
        r + self.min_alt_km.max(0.0) + chord > self.reach_bound_km
    }

    /// Whether some point of `points` (within the altitude window) is reachable by an
    /// interceptor launched at `launch_s` (same clock as the points).
    ///
    /// Points are tried latest first (they allow the most time of flight, so a reachable one
    /// tends to come early), each through cheap exact tests before the closed forms.
    pub fn reaches(&self, points: &[super::TrackPoint], launch_s: f64, mu: f64) -> bool {
        points.iter().rev().any(|p| {
            if p.alt_km < self.min_alt_km || p.alt_km > self.max_alt_km {
                return false;
            }
            let tof = p.t_s - launch_s - self.burn_s;
            if tof <= 0.0 {
                return false;
            }
            let c = (p.pos - self.pos).norm();
            // No arc reaches farther than this speed allows at any time, nor covers the chord
            // faster than the burnout speed (the speed only falls on the way up).
            if p.pos.norm() + c > self.reach_bound_km || c > self.speed_kms * tof {
                return false;
            }
            let Some(t) = Transfer::new(self.pos, p.pos) else {
                return false;
            };
            if self.speed_kms * self.speed_kms < t.min_energy_speed2(mu) {
                return false;
            }
            tof >= t.min_energy_time(mu)
                || (tof >= t.fastest_time(self.speed_kms, mu)
                    && tof >= t.horizontal_departure_time(mu))
        })
    }
}

/// Per point of a trajectory, what does not depend on time: the transfer geometry, the
/// minimum-energy speed and, computed when first needed, the times t_m and t₀.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PointBound {
    transfer: Option<Transfer>,
    vme: f64,
    /// (t_m, t₀), or NaN until computed.
    times: (f64, f64),
}

impl PointBound {
    pub fn new(site: V3, p: V3, mu: f64) -> PointBound {
        let transfer = Transfer::new(site, p);
        PointBound {
            transfer,
            vme: transfer.map_or(f64::INFINITY, |t| t.min_energy_speed2(mu).max(0.0).sqrt()),
            times: (f64::NAN, f64::NAN),
        }
    }

    fn times(&mut self, mu: f64) -> (f64, f64) {
        if self.times.0.is_nan()
            && let Some(t) = &self.transfer
        {
            self.times = (t.min_energy_time(mu), t.horizontal_departure_time(mu));
        }
        self.times
    }
}

/// The least burnout speed needed over a set of points, each with its own time of flight
/// (≤ 0 to leave a point out), and the index of the point needing it. Exact over the points:
///
/// - no arc needs less than max(v_me, chord/τ) (the speed only falls on an ascending arc, so
///   the arc, at least the chord long, is flown in τ at no more than the burnout speed);
/// - the closed-form reach test with the best speed so far rules a point out without solving
///   Lambert's problem; Lambert is solved only where the point improves on the best.
///
/// Points are visited coarsely first, then around the best coarse point, then all, so that the
/// best is found early and the rest is ruled out cheaply. The order changes the work, not the
/// answer.
pub(crate) fn least_needed_speed(
    site: V3,
    points: &[(V3, f64)],
    bounds: &mut [PointBound],
    mu: f64,
) -> Option<(f64, usize)> {
    let n = points.len().min(bounds.len());
    let mut best: Option<(f64, usize)> = None;
    let mut z_guess: Option<f64> = None;
    let mut consider = |i: usize, best: &mut Option<(f64, usize)>| {
        let (Some(&(p, tof)), Some(b)) = (points.get(i), bounds.get_mut(i)) else {
            return;
        };
        let Some(t) = b.transfer else {
            return;
        };
        if tof.is_nan() || tof <= 0.0 {
            return;
        }
        let lower = b.vme.max(t.c / tof);
        if best.is_some_and(|(v, _)| lower >= v) {
            return;
        }
        let (tm, t0) = b.times(mu);
        let needed = if tof >= tm {
            b.vme
        } else if tof < t0 {
            return;
        } else {
            if let Some((v, _)) = *best
                && tof < t.fastest_time(v, mu)
            {
                return;
            }
            match lambert_from(site, p, tof, mu, z_guess) {
                Some(sol) => {
                    z_guess = Some(sol.z);
                    sol.v1.norm()
                }
                None => return,
            }
        };
        if best.is_none_or(|(v, _)| needed < v) {
            *best = Some((needed, i));
        }
    };
    const COARSE: usize = 8;
    for i in (0..n).step_by(COARSE) {
        consider(i, &mut best);
    }
    if let Some((_, k)) = best {
        for i in k.saturating_sub(COARSE)..(k + COARSE).min(n) {
            consider(i, &mut best);
        }
    }
    for i in 0..n {
        consider(i, &mut best);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const MU: f64 = 398_600.441_8;
    const R: f64 = 6371.0;

    fn geometries() -> Vec<(V3, V3)> {
        let site = V3::from_lon_lat(20.0, 50.0) * R;
        let mut out = Vec::new();
        for (dlon, dlat, alt) in [
            (0.0, 0.0, 300.0),
            (3.0, 2.0, 150.0),
            (10.0, 5.0, 500.0),
            (-15.0, 12.0, 1200.0),
            (25.0, -5.0, 200.0),
            (40.0, 10.0, 1000.0),
        ] {
            out.push((site, V3::from_lon_lat(20.0 + dlon, 50.0 + dlat) * (R + alt)));
        }
        out
    }

    #[test]
    fn closed_forms_agree_with_lambert() {
        for (site, p) in geometries() {
            let t = Transfer::new(site, p).unwrap_or_else(|| panic!("transfer"));
            let tm = t.min_energy_time(MU);
            let vme = t.min_energy_speed2(MU).sqrt();
            let sol = lambert(site, p, tm, MU).unwrap_or_else(|| panic!("lambert at t_m"));
            assert!((sol.v1.norm() - vme).abs() < 1e-6, "{p:?}: minimum energy");
            for factor in [1.05, 1.3, 2.0] {
                let v = vme * factor;
                let tv = t.fastest_time(v, MU);
                assert!(tv < tm);
                let sol = lambert(site, p, tv, MU).unwrap_or_else(|| panic!("lambert"));
                assert!((sol.v1.norm() - v).abs() < 1e-6 * v, "{p:?} ×{factor}");
            }
            let t0 = t.horizontal_departure_time(MU);
            if t0 > 0.0 {
                let sol = lambert(site, p, t0, MU).unwrap_or_else(|| panic!("lambert at t0"));
                let radial = sol.v1.dot(site.unit());
                assert!(radial.abs() < 1e-6 * sol.v1.norm(), "{p:?}: {radial}");
            }
        }
    }

    #[test]
    fn the_reach_test_and_the_needed_speed_agree() {
        for (site, p) in geometries() {
            for tof in [30.0, 90.0, 200.0, 400.0, 900.0] {
                let need = needed_speed(site, p, tof, MU);
                for v in [1.0, 2.0, 3.0, 4.5, 5.5, 7.0, 9.0] {
                    let reach = can_reach(site, p, tof, v, MU);
                    match need {
                        Some(n) if (n - v).abs() > 1e-6 => {
                            assert_eq!(reach, n < v, "{p:?} {tof} {v}")
                        }
                        Some(_) => {}
                        None => assert!(!reach, "{p:?} {tof} {v}"),
                    }
                }
            }
        }
    }
}
