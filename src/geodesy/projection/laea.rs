//! Lambert azimuthal equal-area for Europe, EPSG:3035.

use std::f64::consts::FRAC_PI_2;
use std::sync::LazyLock;

use super::{A, F_GRS80, MapXy, Projection, valid_lon_lat, wrap_lon_deg};

/// Lambert azimuthal equal-area for Europe, EPSG:3035 (ETRS89-LAEA): GRS80, centre 52°N 10°E,
/// false easting 4 321 000 m, false northing 3 210 000 m.
///
/// Implements the ellipsoidal oblique formulas of Snyder, *Map Projections: A Working Manual*
/// (USGS PP 1395, 1987), pp. 187-190. The inverse starts from Snyder's authalic-latitude series
/// (eq. 3-18) and polishes it with his iteration (eq. 3-16), so a round trip is exact to about
/// 1e-12°.
///
/// ```
/// use bmd_atlas::geodesy::{LambertEqualAreaEurope, MapXy, Projection};
/// // EPSG Guidance Note 7-2 worked example: 50°N 5°E.
/// let xy = LambertEqualAreaEurope.forward(geo::Point::new(5.0, 50.0)).expect("projectable");
/// assert!((xy.x - 3_962_799.45).abs() < 0.01 && (xy.y - 2_999_718.85).abs() < 0.01);
/// // The antipode of the centre has no image.
/// assert!(LambertEqualAreaEurope.forward(geo::Point::new(-170.0, -52.0)).is_none());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct LambertEqualAreaEurope;

impl LambertEqualAreaEurope {
    /// Latitude of natural origin, degrees.
    pub const LAT_ORIGIN_DEG: f64 = 52.0;
    /// Longitude of natural origin, degrees.
    pub const LON_ORIGIN_DEG: f64 = 10.0;
    /// False easting, metres.
    pub const FALSE_EASTING: f64 = 4_321_000.0;
    /// False northing, metres.
    pub const FALSE_NORTHING: f64 = 3_210_000.0;
}

/// Constants of the oblique ellipsoidal LAEA that depend only on the ellipsoid and the origin.
struct LaeaConsts {
    e: f64,
    e2: f64,
    /// q at the pole (Snyder 3-12 with φ = 90°).
    qp: f64,
    /// Radius of the authalic sphere (Snyder 3-13).
    rq: f64,
    /// Snyder 24-20.
    d: f64,
    sin_b1: f64,
    cos_b1: f64,
    /// Coefficients of the authalic-latitude inverse series (Snyder 3-18).
    series: [f64; 3],
}

/// Snyder 3-12: q(φ) on an ellipsoid with eccentricity `e`.
fn laea_q(sin_phi: f64, e: f64) -> f64 {
    let e2 = e * e;
    let es = e * sin_phi;
    (1.0 - e2) * (sin_phi / (1.0 - es * es) - (1.0 / (2.0 * e)) * ((1.0 - es) / (1.0 + es)).ln())
}

static LAEA: LazyLock<LaeaConsts> = LazyLock::new(|| {
    let e2 = F_GRS80 * (2.0 - F_GRS80);
    let e = e2.sqrt();
    let qp = laea_q(1.0, e);
    let rq = A * (qp / 2.0).sqrt();
    let phi1 = LambertEqualAreaEurope::LAT_ORIGIN_DEG.to_radians();
    let (sin_p1, cos_p1) = phi1.sin_cos();
    let sin_b1 = laea_q(sin_p1, e) / qp;
    let cos_b1 = (1.0 - sin_b1 * sin_b1).sqrt();
    let m1 = cos_p1 / (1.0 - e2 * sin_p1 * sin_p1).sqrt();
    let d = A * m1 / (rq * cos_b1);
    let (e4, e6) = (e2 * e2, e2 * e2 * e2);
    let series = [
        e2 / 3.0 + 31.0 * e4 / 180.0 + 517.0 * e6 / 5040.0,
        23.0 * e4 / 360.0 + 251.0 * e6 / 3780.0,
        761.0 * e6 / 45360.0,
    ];
    LaeaConsts {
        e,
        e2,
        qp,
        rq,
        d,
        sin_b1,
        cos_b1,
        series,
    }
});

impl LaeaConsts {
    /// Geodetic latitude (radians) from q, Snyder 3-18 then 3-16.
    fn latitude_from_q(&self, q: f64) -> f64 {
        let beta = (q / self.qp).clamp(-1.0, 1.0).asin();
        let [c2, c4, c6] = self.series;
        let mut phi =
            beta + c2 * (2.0 * beta).sin() + c4 * (4.0 * beta).sin() + c6 * (6.0 * beta).sin();
        // The series is truncated at e⁶ (≈1e-9 rad residual); Snyder's fixed-point iteration
        // converges quadratically from there. It is singular at the poles, where the series is
        // exact anyway.
        for _ in 0..4 {
            let (sin_p, cos_p) = phi.sin_cos();
            if cos_p < 1e-10 {
                break;
            }
            let one_m = 1.0 - self.e2 * sin_p * sin_p;
            let es = self.e * sin_p;
            let delta = one_m * one_m / (2.0 * cos_p)
                * (q / (1.0 - self.e2) - sin_p / one_m
                    + (1.0 / (2.0 * self.e)) * ((1.0 - es) / (1.0 + es)).ln());
            phi += delta;
            if delta.abs() < 1e-15 {
                break;
            }
        }
        phi.clamp(-FRAC_PI_2, FRAC_PI_2)
    }
}

impl Projection for LambertEqualAreaEurope {
    fn name(&self) -> &'static str {
        "Europe (equal-area)"
    }

    fn forward(&self, lon_lat: geo::Point<f64>) -> Option<MapXy> {
        if !valid_lon_lat(lon_lat) {
            return None;
        }
        let c = &*LAEA;
        let dlam = (lon_lat.x() - Self::LON_ORIGIN_DEG).to_radians();
        let (sin_dl, cos_dl) = dlam.sin_cos();
        let sin_b = (laea_q(lon_lat.y().to_radians().sin(), c.e) / c.qp).clamp(-1.0, 1.0);
        let cos_b = (1.0 - sin_b * sin_b).sqrt();
        // Snyder 24-19; zero at the antipode of the origin.
        let denom = 1.0 + c.sin_b1 * sin_b + c.cos_b1 * cos_b * cos_dl;
        if denom.is_nan() || denom <= 1e-12 {
            return None;
        }
        let b = c.rq * (2.0 / denom).sqrt();
        let x = b * c.d * cos_b * sin_dl;
        let y = (b / c.d) * (c.cos_b1 * sin_b - c.sin_b1 * cos_b * cos_dl);
        Some(MapXy {
            x: Self::FALSE_EASTING + x,
            y: Self::FALSE_NORTHING + y,
        })
    }

    fn inverse(&self, xy: MapXy) -> Option<geo::Point<f64>> {
        if !(xy.x.is_finite() && xy.y.is_finite()) {
            return None;
        }
        let c = &*LAEA;
        let x = xy.x - Self::FALSE_EASTING;
        let y = xy.y - Self::FALSE_NORTHING;
        // Snyder 24-28.
        let rho = ((x / c.d).powi(2) + (c.d * y).powi(2)).sqrt();
        let rho_max = 2.0 * c.rq;
        if rho > rho_max * (1.0 + 1e-12) {
            return None;
        }
        if rho < 1e-9 {
            return Some(geo::Point::new(Self::LON_ORIGIN_DEG, Self::LAT_ORIGIN_DEG));
        }
        // Snyder 24-29, 24-30, 24-26.
        let ce = 2.0 * (rho / rho_max).min(1.0).asin();
        let (sin_ce, cos_ce) = ce.sin_cos();
        let q = c.qp * (cos_ce * c.sin_b1 + c.d * y * sin_ce * c.cos_b1 / rho);
        let dlam =
            (x * sin_ce).atan2(c.d * rho * c.cos_b1 * cos_ce - c.d * c.d * y * c.sin_b1 * sin_ce);
        let phi = c.latitude_from_q(q);
        Some(geo::Point::new(
            wrap_lon_deg(Self::LON_ORIGIN_DEG + dlam.to_degrees()),
            phi.to_degrees(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_round_trip, assert_xy};
    use super::*;
    use geo::Point;

    #[test]
    fn laea_false_origin_is_exact() {
        assert_xy(
            LambertEqualAreaEurope.forward(Point::new(10.0, 52.0)),
            (4_321_000.0, 3_210_000.0),
            1e-3,
            "false origin",
        );
        let back = LambertEqualAreaEurope
            .inverse(MapXy {
                x: 4_321_000.0,
                y: 3_210_000.0,
            })
            .expect("origin inverts");
        assert!((back.x() - 10.0).abs() < 1e-12 && (back.y() - 52.0).abs() < 1e-12);
    }

    #[test]
    fn laea_matches_epsg_guidance_note_example() {
        // IOGP Guidance Note 7-2 (EPSG coordinate operations), LAEA worked example for EPSG:3035.
        assert_xy(
            LambertEqualAreaEurope.forward(Point::new(5.0, 50.0)),
            (3_962_799.45, 2_999_718.85),
            0.01,
            "GN 7-2 example",
        );
    }

    #[test]
    fn laea_matches_pyproj() {
        // Reference values from pyproj 3.7.2 / PROJ 9.5.1:
        //   Transformer.from_crs("EPSG:4258", "EPSG:3035", always_xy=True).transform(lon, lat)
        let cases = [
            ((-9.1393, 38.7223), (2_665_519.214_3, 1_946_764.044_8)), // Lisbon
            ((37.6173, 55.7558), (6_006_447.700_4, 3_957_761.972_3)), // Moscow
            ((51.389, 35.6892), (7_900_309.371_8, 2_405_566.324_3)),  // Tehran
            ((-30.0, 65.0), (2_544_104.200_3, 5_185_999.305_2)),
            ((30.0, 35.0), (6_143_462.000_4, 1_565_571.766_0)),
            ((24.9384, 60.1699), (5_145_297.880_5, 4_206_147.971_8)), // Helsinki
        ];
        for ((lon, lat), want) in cases {
            assert_xy(
                LambertEqualAreaEurope.forward(Point::new(lon, lat)),
                want,
                1.0,
                &format!("({lon}, {lat})"),
            );
            // In practice they agree to well under a millimetre.
            assert_xy(
                LambertEqualAreaEurope.forward(Point::new(lon, lat)),
                want,
                1e-3,
                &format!("({lon}, {lat}) mm"),
            );
        }
    }

    #[test]
    fn laea_round_trips_over_europe() {
        for lat in (-20..=88).step_by(2) {
            for lon in (-60..=120).step_by(3) {
                assert_round_trip(&LambertEqualAreaEurope, Point::new(lon as f64, lat as f64));
            }
        }
        // Both poles.
        assert_round_trip(&LambertEqualAreaEurope, Point::new(10.0, 90.0));
        assert_round_trip(&LambertEqualAreaEurope, Point::new(10.0, -90.0));
    }

    #[test]
    fn laea_rejects_antipode_and_bad_input() {
        assert!(
            LambertEqualAreaEurope
                .forward(Point::new(-170.0, -52.0))
                .is_none()
        );
        assert!(
            LambertEqualAreaEurope
                .forward(Point::new(f64::NAN, 50.0))
                .is_none()
        );
        assert!(
            LambertEqualAreaEurope
                .forward(Point::new(10.0, f64::INFINITY))
                .is_none()
        );
        assert!(
            LambertEqualAreaEurope
                .forward(Point::new(10.0, 91.0))
                .is_none()
        );
        // Just outside the disc of radius 2·Rq around the false origin.
        let outside = MapXy {
            x: 4_321_000.0 + 13_000_000.0,
            y: 3_210_000.0,
        };
        assert!(LambertEqualAreaEurope.inverse(outside).is_none());
        assert!(
            LambertEqualAreaEurope
                .inverse(MapXy {
                    x: f64::NAN,
                    y: 0.0
                })
                .is_none()
        );
    }

    #[test]
    fn laea_is_equal_area() {
        // A 1°×1° cell in the projection has the ellipsoidal area of that cell, whatever its place.
        // Exact GRS80 cell area: a²(1−e²)/2 · Δλ · [q(φ2) − q(φ1)] / (1−e²).
        let c = &*LAEA;
        for (lon, lat) in [(10.0, 52.0), (-25.0, 30.0), (80.0, 70.0)] {
            let corners = [
                (lon, lat),
                (lon + 1.0, lat),
                (lon + 1.0, lat + 1.0),
                (lon, lat + 1.0),
            ];
            // Densify the edges so the planar shoelace sees the curved sides.
            let mut ring = Vec::new();
            for k in 0..4 {
                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                for i in 0..200 {
                    let t = i as f64 / 200.0;
                    let p = Point::new(a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                    ring.push(LambertEqualAreaEurope.forward(p).expect("projectable"));
                }
            }
            let planar: f64 = (0..ring.len())
                .map(|i| {
                    let (p, q) = (ring[i], ring[(i + 1) % ring.len()]);
                    p.x * q.y - q.x * p.y
                })
                .sum::<f64>()
                / 2.0;
            let q1 = laea_q(lat.to_radians().sin(), c.e);
            let q2 = laea_q((lat + 1.0).to_radians().sin(), c.e);
            let exact = A * A / 2.0 * 1f64.to_radians() * (q2 - q1);
            assert!(
                ((planar - exact) / exact).abs() < 1e-6,
                "cell at {lon},{lat}: {planar} vs {exact}"
            );
        }
    }
}
