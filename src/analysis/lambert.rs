//! Lambert's problem: the ballistic arc between two points with a given time of flight.
//!
//! # Why
//!
//! An interceptor is a ballistic missile too: after its burn it coasts on a Kepler arc. To hit a
//! point P that the threat reaches at time t, an interceptor launched at t_L and burning out at
//! t_L + burn must coast from its site to P in exactly t − t_L − burn. Lambert's problem gives the
//! one (short-way, single-arc) orbit that does this, hence the **speed needed at burnout**.
//!
//! # How: universal variables
//!
//! The solver follows the universal-variable formulation (Bate, Mueller & White §5.3; Curtis,
//! *Orbital Mechanics for Engineering Students*, Algorithm 5.2). With the Stumpff functions C(z)
//! and S(z), the time of flight is a function of one variable z (z > 0 ellipse, z = 0 parabola,
//! z < 0 hyperbola):
//!
//! ```text
//! y(z)   = r₁ + r₂ + A (z S(z) − 1) / √C(z),        A = sin Δθ · √(r₁ r₂ / (1 − cos Δθ))
//! √μ Δt  = (y / C)^{3/2} S + A √y
//! ```
//!
//! For a short-way transfer (Δθ < π) the time of flight rises monotonically from 0 (where y = 0)
//! to infinity (as z → 4π²), so the root is bracketed and found by Newton's method, falling back
//! to bisection whenever a Newton step would leave the bracket. It never fails to converge for
//! a finite positive time of flight; it returns `None` only for degenerate geometry (Δθ = π,
//! where the plane of the transfer is undefined) or absurd speeds.

use std::f64::consts::PI;

use super::vec3::{V3, angle_between};

/// The Stumpff functions C(z) and S(z).
///
/// ```
/// let (c, s) = bmd_atlas::analysis::stumpff(0.0);
/// assert_eq!((c, s), (0.5, 1.0 / 6.0));
/// ```
pub fn stumpff(z: f64) -> (f64, f64) {
    if z > 1e-3 {
        let s = z.sqrt();
        let (sin, cos) = s.sin_cos();
        ((1.0 - cos) / z, (s - sin) / (s * s * s))
    } else if z < -1e-3 {
        let s = (-z).sqrt();
        ((s.cosh() - 1.0) / -z, (s.sinh() - s) / (s * s * s))
    } else {
        // Series: exact to rounding for |z| ≤ 1e-3, where the closed forms lose digits.
        let c = 0.5 - z / 24.0 + z * z / 720.0 - z * z * z / 40_320.0;
        let s = 1.0 / 6.0 - z / 120.0 + z * z / 5040.0 - z * z * z / 362_880.0;
        (c, s)
    }
}

/// A solution of Lambert's problem.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LambertSolution {
    /// Velocity at the first point, km/s.
    pub v1: V3,
    /// Velocity at the second point, km/s.
    pub v2: V3,
    /// The universal variable z at the root (> 0 elliptic, < 0 hyperbolic).
    pub z: f64,
}

/// The short-way (transfer angle < 180°), single-arc orbit from `r1` to `r2` taking `tof_s`
/// seconds, for a central body of gravitational parameter `mu` (km³/s²).
///
/// Curtis, Example 5.2: from (5000, 10000, 2100) km to (−14600, 2500, 7000) km in one hour.
///
/// ```
/// use bmd_atlas::analysis::{V3, lambert};
/// let r1 = V3::new(5000.0, 10_000.0, 2100.0);
/// let r2 = V3::new(-14_600.0, 2500.0, 7000.0);
/// let sol = lambert(r1, r2, 3600.0, 398_600.0).unwrap();
/// assert!((sol.v1 - V3::new(-5.9925, 1.9254, 3.2456)).norm() < 1e-3);
/// assert!((sol.v2 - V3::new(-3.3125, -4.1966, -0.38529)).norm() < 1e-3);
/// ```
pub fn lambert(r1: V3, r2: V3, tof_s: f64, mu: f64) -> Option<LambertSolution> {
    lambert_from(r1, r2, tof_s, mu, None)
}

/// [`lambert`] starting Newton's method from `guess` (the z of a nearby solution), which saves
/// most iterations when solving for many neighbouring points. The answer does not depend on it.
pub(crate) fn lambert_from(
    r1: V3,
    r2: V3,
    tof_s: f64,
    mu: f64,
    guess: Option<f64>,
) -> Option<LambertSolution> {
    let (r1n, r2n) = (r1.norm(), r2.norm());
    if !(tof_s > 0.0 && tof_s.is_finite() && mu > 0.0 && r1n > 0.0 && r2n > 0.0) {
        return None;
    }
    let dtheta = angle_between(r1, r2);
    if dtheta > PI - 1e-9 {
        return None;
    }
    let a = (r1n * r2n * (1.0 + dtheta.cos())).sqrt();
    let sqrt_mu = mu.sqrt();
    let target = sqrt_mu * tof_s;
    let y_of = |z: f64, c: f64, s: f64| r1n + r2n + a * (z * s - 1.0) / c.sqrt();
    // √μ·Δt as a function of z, taken as 0 where y ≤ 0 (the TOF → 0 limit), so it is monotonic.
    let f_of = |z: f64| -> (f64, f64) {
        let (c, s) = stumpff(z);
        let y = y_of(z, c, s);
        if y <= 0.0 {
            return (-target, 0.0);
        }
        let ratio = y / c;
        let f = ratio * ratio.sqrt() * s + a * y.sqrt() - target;
        let df = if z.abs() < 1e-6 {
            std::f64::consts::SQRT_2 / 40.0 * y * y.sqrt()
                + a / 8.0 * (y.sqrt() + a * (1.0 / (2.0 * y)).sqrt())
        } else {
            ratio * ratio.sqrt() * ((c - 1.5 * s / c) / (2.0 * z) + 0.75 * s * s / c)
                + a / 8.0 * (3.0 * s / c * y.sqrt() + a * (c / y).sqrt())
        };
        (f, df)
    };
    let z_max = 4.0 * PI * PI;
    let z_hi = z_max * (1.0 - 1e-12);
    let start = guess.filter(|g| g.is_finite() && *g > -1e5 && *g < z_hi);
    let z0 = start.unwrap_or(0.0);
    let (f0, df0) = f_of(z0);
    let (mut lo, mut hi);
    if f0 < 0.0 {
        lo = z0;
        hi = z_hi;
    } else {
        hi = z0;
        lo = z0.min(0.0) - 1.0;
        loop {
            let (f, _) = f_of(lo);
            if f < 0.0 {
                break;
            }
            lo *= 4.0;
            if lo < -1e5 {
                return None;
            }
        }
    }
    let mut z = match start {
        Some(g) => g,
        None if f0 < 0.0 => 0.5 * hi.min(1.0),
        None => lo / 2.0,
    };
    // From a guess, the first step reuses its evaluation.
    let mut known = start.map(|_| (f0, df0));
    for _ in 0..200 {
        let (f, df) = known.take().unwrap_or_else(|| f_of(z));
        if f.abs() <= 1e-11 * target {
            break;
        }
        if f > 0.0 {
            hi = z;
        } else {
            lo = z;
        }
        let newton = if df > 0.0 { z - f / df } else { f64::NAN };
        z = if newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if hi - lo <= 1e-15 * (1.0 + z.abs()) {
            break;
        }
    }
    let (c, s) = stumpff(z);
    let y = y_of(z, c, s);
    if y.is_nan() || y <= 0.0 {
        return None;
    }
    let f = 1.0 - y / r1n;
    let g = a * (y / mu).sqrt();
    let gdot = 1.0 - y / r2n;
    if g.is_nan() || g <= 0.0 {
        return None;
    }
    let v1 = (r2 - r1 * f) * (1.0 / g);
    let v2 = (r2 * gdot - r1) * (1.0 / g);
    let ok = [v1.x, v1.y, v1.z, v2.x, v2.y, v2.z]
        .iter()
        .all(|v| v.is_finite());
    ok.then_some(LambertSolution { v1, v2, z })
}

/// Propagates a two-body state (`r` km, `v` km/s) by `dt_s` seconds with universal variables
/// (Curtis, Algorithms 3.3–3.4). Used to check Lambert solutions and trajectories.
///
/// ```
/// use bmd_atlas::analysis::{V3, propagate};
/// let mu = 398_600.441_8;
/// let r = V3::new(7000.0, 0.0, 0.0);
/// let v = V3::new(0.0, (mu / 7000.0f64).sqrt(), 0.0); // circular
/// let period = 2.0 * std::f64::consts::PI * (7000.0f64.powi(3) / mu).sqrt();
/// let (r2, _) = propagate(r, v, period, mu).unwrap();
/// assert!((r2 - r).norm() < 1e-6);
/// ```
pub fn propagate(r: V3, v: V3, dt_s: f64, mu: f64) -> Option<(V3, V3)> {
    let r0 = r.norm();
    let v0 = v.norm();
    if !(r0 > 0.0 && mu > 0.0 && dt_s.is_finite()) {
        return None;
    }
    let vr0 = r.dot(v) / r0;
    let alpha = 2.0 / r0 - v0 * v0 / mu;
    let sqrt_mu = mu.sqrt();
    // Universal Kepler equation in χ, by Newton's method.
    let mut chi = sqrt_mu * alpha.abs() * dt_s;
    if !chi.is_finite() || chi == 0.0 {
        chi = sqrt_mu * dt_s / r0;
    }
    for _ in 0..100 {
        let z = alpha * chi * chi;
        let (c, s) = stumpff(z);
        let f = r0 * vr0 / sqrt_mu * chi * chi * c
            + (1.0 - alpha * r0) * chi * chi * chi * s
            + r0 * chi
            - sqrt_mu * dt_s;
        let df = r0 * vr0 / sqrt_mu * chi * (1.0 - z * s) + (1.0 - alpha * r0) * chi * chi * c + r0;
        let step = f / df;
        chi -= step;
        if step.abs() < 1e-12 * (1.0 + chi.abs()) {
            break;
        }
    }
    let z = alpha * chi * chi;
    let (c, s) = stumpff(z);
    let f = 1.0 - chi * chi / r0 * c;
    let g = dt_s - chi * chi * chi * s / sqrt_mu;
    let r1 = r * f + v * g;
    let r1n = r1.norm();
    let fdot = sqrt_mu / (r1n * r0) * (z * s - 1.0) * chi;
    let gdot = 1.0 - chi * chi / r1n * c;
    let v1 = r * fdot + v * gdot;
    (r1n.is_finite() && v1.norm().is_finite()).then_some((r1, v1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MU: f64 = 398_600.441_8;

    #[test]
    fn curtis_example_5_2() {
        // Curtis, Orbital Mechanics for Engineering Students, Example 5.2 (μ = 398 600).
        let r1 = V3::new(5000.0, 10_000.0, 2100.0);
        let r2 = V3::new(-14_600.0, 2500.0, 7000.0);
        let sol = lambert(r1, r2, 3600.0, 398_600.0).unwrap_or_else(|| panic!("solves"));
        assert!((sol.v1 - V3::new(-5.9925, 1.9254, 3.2456)).norm() < 1e-3);
        assert!((sol.v2 - V3::new(-3.3125, -4.1966, -0.38529)).norm() < 1e-3);
        // The orbit of the same example (Curtis, Example 5.3): a = 20 000 km, elliptic.
        assert!(sol.z > 0.0);
        let energy = sol.v1.norm2() / 2.0 - 398_600.0 / r1.norm();
        assert!((-398_600.0 / (2.0 * energy) - 20_000.0).abs() < 5.0);
    }

    #[test]
    fn solutions_fly_to_the_target_in_the_given_time() {
        // Elliptic, near-parabolic and hyperbolic transfers between points around the Earth.
        let r1 = V3::new(6371.0, 0.0, 0.0);
        let cases = [
            (V3::new(6000.0, 3000.0, 500.0), 60.0),
            (V3::new(6000.0, 3000.0, 500.0), 600.0),
            (V3::new(6000.0, 3000.0, 500.0), 3000.0),
            (V3::new(-2000.0, 7000.0, 1000.0), 900.0),
            (V3::new(6371.0, 10.0, 300.0), 5.0),
            (V3::new(7000.0, 0.0, 0.0), 100.0),
            (V3::new(-7000.0, 300.0, 0.0), 7200.0),
        ];
        for (r2, tof) in cases {
            let sol = lambert(r1, r2, tof, MU).unwrap_or_else(|| panic!("{r2:?} {tof}"));
            let (r, v) = propagate(r1, sol.v1, tof, MU).unwrap_or_else(|| panic!("propagates"));
            assert!(
                (r - r2).norm() < 1e-5 * r2.norm(),
                "{r2:?} in {tof} s: {r:?}"
            );
            assert!(
                (v - sol.v2).norm() < 1e-6 * (1.0 + v.norm()),
                "{r2:?} {tof}"
            );
        }
    }

    #[test]
    fn antipodes_and_nonsense_have_no_solution() {
        let r1 = V3::new(7000.0, 0.0, 0.0);
        assert!(lambert(r1, -r1, 3000.0, MU).is_none());
        assert!(lambert(r1, V3::new(0.0, 7000.0, 0.0), 0.0, MU).is_none());
        assert!(lambert(r1, V3::new(0.0, 7000.0, 0.0), f64::NAN, MU).is_none());
    }
}
