//! Positions along a Kepler ellipse by its elements: the fast way to sample a ballistic coast.
//!
//! [`super::propagate`] solves the universal Kepler equation from the initial state for each
//! time, which works for any orbit. Ballistic flights are ellipses, and sampled at hundreds of
//! times each: from the elements computed once (Bate, Mueller & White §2.5, §4.3), a position
//! needs only Kepler's equation E − e sin E = M, solved by Newton's method inside a bracket.

use std::f64::consts::PI;

use super::vec3::V3;

/// An elliptic orbit, with its time origin at a given state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ellipse {
    /// Unit vectors towards perigee and 90° ahead of it in the plane of motion.
    p_hat: V3,
    q_hat: V3,
    a_km: f64,
    b_km: f64,
    e: f64,
    /// Mean motion, rad/s, and mean anomaly at the time origin.
    n: f64,
    m0: f64,
}

impl Ellipse {
    /// The ellipse through position `r` (km) with velocity `v` (km/s) about a body of
    /// gravitational parameter `mu`; `None` unless the orbit is a proper ellipse.
    pub fn new(r: V3, v: V3, mu: f64) -> Option<Ellipse> {
        let rn = r.norm();
        let energy = v.norm2() / 2.0 - mu / rn;
        let h = r.cross(v);
        if !(rn > 0.0 && energy < 0.0 && h.norm() > 0.0) {
            return None;
        }
        let a = -mu / (2.0 * energy);
        let e_vec = v.cross(h) * (1.0 / mu) - r * (1.0 / rn);
        let e = e_vec.norm();
        if e.is_nan() || e >= 1.0 - 1e-9 {
            return None;
        }
        // A circle has no perigee: measure from the start instead.
        let p_hat = if e > 1e-12 { e_vec.unit() } else { r.unit() };
        let q_hat = h.unit().cross(p_hat);
        let (cos_e, sin_e) = if e > 1e-12 {
            ((1.0 - rn / a) / e, r.dot(v) / (e * (mu * a).sqrt()))
        } else {
            (1.0, 0.0)
        };
        let e0 = sin_e.atan2(cos_e);
        Some(Ellipse {
            p_hat,
            q_hat,
            a_km: a,
            b_km: a * (1.0 - e * e).sqrt(),
            e,
            n: (mu / (a * a * a)).sqrt(),
            m0: e0 - e * e0.sin(),
        })
    }

    /// The position `dt_s` after the time origin, km.
    pub fn position(&self, dt_s: f64) -> V3 {
        let m = self.m0 + self.n * dt_s;
        // Reduce to one revolution around M, so the bracket [M − π, M + π] ∋ E.
        let turns = ((m + PI) / (2.0 * PI)).floor();
        let m = m - turns * 2.0 * PI;
        let (mut lo, mut hi) = (m - PI, m + PI);
        let mut ea = m + self.e * m.sin();
        for _ in 0..50 {
            let (s, c) = ea.sin_cos();
            let f = ea - self.e * s - m;
            if f.abs() < 1e-13 {
                break;
            }
            if f > 0.0 {
                hi = ea;
            } else {
                lo = ea;
            }
            let next = ea - f / (1.0 - self.e * c);
            ea = if next > lo && next < hi {
                next
            } else {
                0.5 * (lo + hi)
            };
        }
        let (s, c) = ea.sin_cos();
        self.p_hat * (self.a_km * (c - self.e)) + self.q_hat * (self.b_km * s)
    }
}

#[cfg(test)]
mod tests {
    use super::super::lambert::propagate;
    use super::*;

    #[test]
    fn the_elements_agree_with_universal_propagation() {
        let mu = 398_600.441_8;
        let r = V3::new(6500.0, 300.0, 900.0);
        for v in [
            V3::new(1.0, 6.5, 2.0),
            V3::new(3.0, 1.0, 0.5),
            V3::new(-0.2, 7.6, 0.1),
            V3::new(0.0, 0.3, 0.1),
        ] {
            let ellipse = Ellipse::new(r, v, mu).unwrap_or_else(|| panic!("ellipse {v:?}"));
            for dt in [0.0, 10.0, 333.0, 1200.0, 5000.0] {
                let (exact, _) = propagate(r, v, dt, mu).unwrap_or_else(|| panic!("propagates"));
                let fast = ellipse.position(dt);
                assert!(
                    (fast - exact).norm() < 1e-6 * exact.norm(),
                    "{v:?} {dt}: {fast:?} {exact:?}"
                );
            }
        }
        assert!(
            Ellipse::new(r, V3::new(0.0, 12.0, 0.0), mu).is_none(),
            "hyperbola"
        );
    }
}
