//! Closed forms for ballistic arcs between two points: what speed a coast from one to the
//! other needs, without solving Lambert's problem.
//!
//! # The family of arcs
//!
//! For two points (radii r₁, r₂, chord c, semi-perimeter s = (r₁ + r₂ + c)/2) the short-way
//! arcs form one family, ordered by time of flight (Lagrange; Battin §6.4):
//!
//! - The **minimum-energy** arc has a = s/2, needs speed v_me = √(μ (2/r₁ − 2/s)) at the first
//!   point and takes t_m. No slower body gets from one point to the other at all.
//! - For a speed v ≥ v_me at the first point, vis-viva fixes the semi-major axis a of the arc,
//!   and Lagrange's equation gives the two times of flight of arcs with that a: the fast one
//!   t_f(v) ≤ t_m and, for an ellipse, the slow one t_s(v) ≥ t_m (over the far side of the
//!   ellipse). Speed needed falls as the time grows to t_m, then rises again.
//!
//! So the coast from the first point to the second in exactly τ needs at most speed v when
//! v ≥ v_me and t_f(v) ≤ τ ≤ t_s(v): [`arc_within_speed`], no iteration. These speeds are
//! inertial; [`super::intercept`] brackets the Earth-relative speed with them.

use std::f64::consts::PI;

use super::vec3::V3;

/// The geometry of a transfer from a site to a point.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Transfer {
    r1: f64,
    /// Chord, km.
    c: f64,
    /// Semi-perimeter of the triangle (centre, site, point), km.
    s: f64,
}

impl Transfer {
    /// The transfer from `site` to `p`; `None` for a zero radius or a transfer angle of 180°.
    pub(crate) fn new(site: V3, p: V3) -> Option<Transfer> {
        let (r1, r2) = (site.norm(), p.norm());
        let c = (p - site).norm();
        // (r₁ + r₂)² − c² = 2r₁r₂(1 + cos θ) vanishes at θ = π, where the plane is undefined.
        let sum = r1 + r2;
        if !(r1 > 0.0 && r2 > 0.0 && sum * sum - c * c > 1e-9 * sum * sum) {
            return None;
        }
        Some(Transfer {
            r1,
            c,
            s: 0.5 * (sum + c),
        })
    }

    /// v_me², the square of the minimum-energy speed.
    pub(crate) fn min_energy_speed2(&self, mu: f64) -> f64 {
        mu * (2.0 / self.r1 - 2.0 / self.s)
    }

    /// Time of flight of the minimum-energy arc.
    pub(crate) fn min_energy_time(&self, mu: f64) -> f64 {
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

    /// Lagrange's time of flight of the slow arc (over the far side of the ellipse) with speed
    /// `v` at the first point; infinite for parabolic and hyperbolic speeds (no slow arc).
    fn slowest_time(&self, v: f64, mu: f64) -> f64 {
        let inv_a = 2.0 / self.r1 - v * v / mu;
        if inv_a * self.s < 1e-12 {
            return f64::INFINITY;
        }
        let (a, k) = (1.0 / inv_a, 0.5 * inv_a);
        let (s, sc) = (self.s, self.s - self.c);
        // α' = 2π − α, so α' − sin α' = 2π − (α − sin α).
        (a * a * a / mu).sqrt()
            * (2.0 * PI - angle_minus_sin((s * k).sqrt()) - angle_minus_sin((sc * k).sqrt()))
    }

    /// The times of flight (t_f(v), t_s(v)) of the coasts needing no more than speed `v`, or
    /// `None` if every coast needs more.
    pub(crate) fn speed_window(&self, v: f64, mu: f64) -> Option<(f64, f64)> {
        (v * v >= self.min_energy_speed2(mu))
            .then(|| (self.fastest_time(v, mu), self.slowest_time(v, mu)))
    }

    /// Whether the coast in exactly `tof` needs no more than speed `v`.
    pub(crate) fn within_speed(&self, tof: f64, v: f64, mu: f64) -> bool {
        self.speed_window(v, mu)
            .is_some_and(|(fast, slow)| tof >= fast && tof <= slow)
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

/// The time of flight of the minimum-energy arc from `r1` to `r2` (km, Earth-centred), s;
/// `None` where the transfer is undefined (a zero radius or a transfer angle of 180°).
pub(crate) fn min_energy_time_s(r1: V3, r2: V3, mu: f64) -> Option<f64> {
    Transfer::new(r1, r2).map(|t| t.min_energy_time(mu))
}

/// The minimum-energy speed from `r1` to `r2` (km, Earth-centred): no body slower than this at
/// `r1` coasts to `r2`, whatever the time.
///
/// ```
/// use bmd_atlas::analysis::{V3, min_energy_speed};
/// let site = V3::from_lon_lat(24.4, 44.1) * 6371.0;
/// let overhead = V3::from_lon_lat(24.4, 44.1) * 6671.0;
/// // Straight up 300 km: v² = 2μ(1/R − 1/(R + h)).
/// let v = min_energy_speed(site, overhead, 398_600.441_8).unwrap();
/// assert!((v - (2.0f64 * 398_600.441_8 * (1.0 / 6371.0 - 1.0 / 6671.0)).sqrt()).abs() < 1e-9);
/// ```
pub fn min_energy_speed(r1: V3, r2: V3, mu: f64) -> Option<f64> {
    Transfer::new(r1, r2).map(|t| t.min_energy_speed2(mu).max(0.0).sqrt())
}

/// Whether a short-way coast from `r1` to `r2` in exactly `tof_s` seconds needs no more than
/// `speed_kms` at `r1` (inertial speeds; closed form, no iteration).
///
/// ```
/// use bmd_atlas::analysis::{V3, arc_within_speed, lambert};
/// let mu = 398_600.441_8;
/// let r1 = V3::from_lon_lat(24.4, 44.1) * 6451.0;
/// let r2 = V3::from_lon_lat(28.0, 44.0) * 6571.0;
/// let need = lambert(r1, r2, 200.0, mu).unwrap().v1.norm();
/// assert!(arc_within_speed(r1, r2, 200.0, need * 1.001, mu));
/// assert!(!arc_within_speed(r1, r2, 200.0, need * 0.999, mu));
/// ```
pub fn arc_within_speed(r1: V3, r2: V3, tof_s: f64, speed_kms: f64, mu: f64) -> bool {
    if !(tof_s > 0.0 && speed_kms > 0.0) {
        return false;
    }
    let Some(t) = Transfer::new(r1, r2) else {
        return false;
    };
    t.within_speed(tof_s, speed_kms, mu)
}

#[cfg(test)]
mod tests {
    use super::super::lambert::lambert;
    use super::*;

    const MU: f64 = 398_600.441_8;
    const R: f64 = 6371.0;

    fn geometries() -> Vec<(V3, V3)> {
        let site = V3::from_lon_lat(20.0, 50.0) * (R + 80.0);
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
        for (r1, r2) in geometries() {
            let t = Transfer::new(r1, r2).unwrap_or_else(|| panic!("transfer"));
            let tm = t.min_energy_time(MU);
            let vme = t.min_energy_speed2(MU).sqrt();
            let sol = lambert(r1, r2, tm, MU).unwrap_or_else(|| panic!("lambert at t_m"));
            assert!((sol.v1.norm() - vme).abs() < 1e-6, "{r2:?}: minimum energy");
            for factor in [1.05, 1.3, 2.0] {
                let v = vme * factor;
                let tf = t.fastest_time(v, MU);
                assert!(tf < tm);
                let sol = lambert(r1, r2, tf, MU).unwrap_or_else(|| panic!("lambert"));
                assert!((sol.v1.norm() - v).abs() < 1e-6 * v, "{r2:?} ×{factor}");
                let ts = t.slowest_time(v, MU);
                if ts.is_finite() {
                    assert!(ts > tm);
                    let sol = lambert(r1, r2, ts, MU).unwrap_or_else(|| panic!("slow arc"));
                    assert!(
                        (sol.v1.norm() - v).abs() < 1e-5 * v,
                        "{r2:?} ×{factor} slow"
                    );
                }
            }
        }
    }

    #[test]
    fn the_closed_form_test_agrees_with_lambert() {
        for (r1, r2) in geometries() {
            for tof in [30.0, 90.0, 200.0, 400.0, 900.0, 3000.0] {
                let Some(sol) = lambert(r1, r2, tof, MU) else {
                    continue;
                };
                let need = sol.v1.norm();
                for v in [1.0, 2.0, 3.0, 4.5, 5.5, 7.0, 9.0, 12.0] {
                    if (need - v).abs() > 1e-6 * v {
                        assert_eq!(
                            arc_within_speed(r1, r2, tof, v, MU),
                            need < v,
                            "{r2:?} {tof} s {v} km/s (needs {need})"
                        );
                    }
                }
            }
        }
    }
}
