//! A small 3-vector for positions and velocities around the Earth.
//!
//! Two frames share this type. The **Earth-fixed** frame has its origin at the Earth's centre,
//! z towards the north pole and x towards 0° E on the equator; it turns with the Earth. The
//! **inertial** frame coincides with it at the threat's launch (t = 0) and does not turn: a point
//! fixed on the Earth at x is at Rz(ωt)·x in it ([`V3::rotate_z`]). Units are kilometres and
//! kilometres per second.

use std::ops::{Add, Mul, Neg, Sub};

/// A vector in the Earth-centred frame, km or km/s.
///
/// ```
/// use bmd_atlas::analysis::V3;
/// let north_pole = V3::from_lon_lat(0.0, 90.0);
/// assert!((north_pole.z - 1.0).abs() < 1e-12);
/// assert!((V3::new(3.0, 4.0, 0.0).norm() - 5.0).abs() < 1e-12);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct V3 {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

impl V3 {
    pub const fn new(x: f64, y: f64, z: f64) -> V3 {
        V3 { x, y, z }
    }

    /// The unit vector towards a longitude and latitude in degrees (latitude taken as
    /// geocentric on the analysis sphere).
    pub fn from_lon_lat(lon_deg: f64, lat_deg: f64) -> V3 {
        let (sl, cl) = lat_deg.to_radians().sin_cos();
        let (so, co) = lon_deg.to_radians().sin_cos();
        V3::new(cl * co, cl * so, sl)
    }

    /// Longitude and latitude in degrees of the direction of this vector.
    pub fn lon_lat(self) -> (f64, f64) {
        let lon = self.y.atan2(self.x).to_degrees();
        let lat = self.z.atan2(self.x.hypot(self.y)).to_degrees();
        (lon, lat)
    }

    pub fn dot(self, o: V3) -> f64 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }

    pub fn cross(self, o: V3) -> V3 {
        V3::new(
            self.y * o.z - self.z * o.y,
            self.z * o.x - self.x * o.z,
            self.x * o.y - self.y * o.x,
        )
    }

    pub fn norm2(self) -> f64 {
        self.dot(self)
    }

    pub fn norm(self) -> f64 {
        self.norm2().sqrt()
    }

    /// The local east and north unit vectors at the point of the unit vector `self`. At a pole
    /// east is undefined: any horizontal axis is returned, with north at right angles to it.
    pub fn east_north(self) -> (V3, V3) {
        let east = V3::new(0.0, 0.0, 1.0).cross(self).unit();
        let east = if east.norm2() > 0.0 {
            east
        } else {
            V3::new(0.0, 1.0, 0.0)
        };
        (east, self.cross(east))
    }

    /// This vector turned by `angle_rad` about the z axis (anticlockwise seen from the north):
    /// Rz(angle)·self.
    pub fn rotate_z(self, angle_rad: f64) -> V3 {
        let (s, c) = angle_rad.sin_cos();
        self.rotate_z_by(s, c)
    }

    /// [`V3::rotate_z`] by the angle whose sine and cosine are given.
    pub(crate) fn rotate_z_by(self, sin: f64, cos: f64) -> V3 {
        V3::new(
            cos * self.x - sin * self.y,
            sin * self.x + cos * self.y,
            self.z,
        )
    }

    /// The velocity of a point at `self` (km) fixed on an Earth turning at `omega_rad_s` about
    /// the z axis: ω × r, km/s.
    pub fn spin_velocity(self, omega_rad_s: f64) -> V3 {
        V3::new(-omega_rad_s * self.y, omega_rad_s * self.x, 0.0)
    }

    /// This vector scaled to length 1, or zero if it has no length.
    pub fn unit(self) -> V3 {
        let n = self.norm();
        if n > 0.0 {
            self * (1.0 / n)
        } else {
            V3::default()
        }
    }
}

impl Add for V3 {
    type Output = V3;
    fn add(self, o: V3) -> V3 {
        V3::new(self.x + o.x, self.y + o.y, self.z + o.z)
    }
}

impl Sub for V3 {
    type Output = V3;
    fn sub(self, o: V3) -> V3 {
        V3::new(self.x - o.x, self.y - o.y, self.z - o.z)
    }
}

impl Mul<f64> for V3 {
    type Output = V3;
    fn mul(self, k: f64) -> V3 {
        V3::new(self.x * k, self.y * k, self.z * k)
    }
}

impl Neg for V3 {
    type Output = V3;
    fn neg(self) -> V3 {
        V3::new(-self.x, -self.y, -self.z)
    }
}

/// The angle between two vectors, radians in [0, π], accurate also for tiny and near-π angles.
pub fn angle_between(a: V3, b: V3) -> f64 {
    a.cross(b).norm().atan2(a.dot(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lon_lat_round_trips() {
        for (lon, lat) in [(0.0, 0.0), (37.6, 55.7), (-77.0, 38.9), (179.0, -45.0)] {
            let (lo, la) = V3::from_lon_lat(lon, lat).lon_lat();
            assert!((lo - lon).abs() < 1e-9 && (la - lat).abs() < 1e-9);
        }
    }

    #[test]
    fn rotation_turns_east_and_spin_is_omega_cross_r() {
        let x = V3::new(6371.0, 0.0, 100.0);
        let quarter = x.rotate_z(std::f64::consts::FRAC_PI_2);
        assert!((quarter - V3::new(0.0, 6371.0, 100.0)).norm() < 1e-9);
        let w = 7.292_115_9e-5;
        let omega = V3::new(0.0, 0.0, w);
        assert!((x.spin_velocity(w) - omega.cross(x)).norm() < 1e-15);
        // 0.4651 km/s at the equator.
        assert!((x.spin_velocity(w).norm() - 0.464_58).abs() < 1e-4);
    }

    #[test]
    fn angles_are_accurate_near_zero_and_pi() {
        let a = V3::from_lon_lat(0.0, 0.0);
        let b = V3::from_lon_lat(1e-7, 0.0);
        assert!((angle_between(a, b) - 1e-7_f64.to_radians()).abs() < 1e-18);
        let c = V3::from_lon_lat(180.0, 0.0);
        assert!((angle_between(a, c) - std::f64::consts::PI).abs() < 1e-12);
    }
}
