//! The minimum-energy ballistic arc between two points on a sphere, in closed form.
//!
//! # Why it is here
//!
//! The first analysis flew every missile on this arc, from the ground, over a non-rotating
//! Earth. The current one ([`super::flight`]) adds boost and rotation and searches the arc
//! numerically; with both switched off it must give this arc, so the closed forms are the check,
//! and the reference figures of the literature (e.g. 7.2 km/s for 10,000 km) come from them.
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

#[cfg(test)]
mod tests {
    use super::*;

    const R: f64 = 6371.0;
    const MU: f64 = 398_600.441_8;

    #[test]
    fn textbook_minimum_energy_speeds() {
        // Non-rotating Earth, R = 6371 km: 2,000 km needs 4.113 km/s, 10,000 km 7.198 km/s.
        for (range_km, speed) in [(2000.0, 4.113), (10_000.0, 7.198)] {
            let m = MinEnergy::new(range_km / R, R, MU).unwrap_or_else(|| panic!("{range_km}"));
            assert!(
                (m.burnout_speed_kms - speed).abs() < 5e-4,
                "{range_km}: {m:?}"
            );
        }
    }

    #[test]
    fn degenerate_geometry_has_no_ellipse() {
        assert!(MinEnergy::new(0.0, R, MU).is_none());
        assert!(MinEnergy::new(std::f64::consts::PI, R, MU).is_none());
        assert!(MinEnergy::new(f64::NAN, R, MU).is_none());
    }
}
