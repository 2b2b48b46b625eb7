//! North-polar azimuthal equidistant on WGS84.

use std::f64::consts::FRAC_PI_2;

use super::{A, F_WGS84, MapXy, Projection, valid_lon_lat, wrap_lon_deg};

/// North-polar azimuthal equidistant on the WGS84 ellipsoid; `central_meridian_deg` points straight
/// down from the pole.
///
/// Snyder p. 197: ρ = Mp − M, x = ρ sin(λ−λ0), y = −ρ cos(λ−λ0), with the meridian distance M from
/// Helmert's series in the third flattening n (truncated at n⁴, error < 1e-7 m); the inverse uses
/// the matching footpoint-latitude series. Distances and azimuths from the pole are true.
///
/// ```
/// use bmd_atlas::geodesy::{MapXy, NorthPolarEquidistant, Projection};
/// let arctic = NorthPolarEquidistant { central_meridian_deg: 40.0 };
/// assert_eq!(arctic.forward(geo::Point::new(0.0, 90.0)), Some(MapXy { x: 0.0, y: 0.0 }));
/// // Moscow lies just left of straight down.
/// let moscow = arctic.forward(geo::Point::new(37.6173, 55.7558)).expect("projectable");
/// assert!(moscow.y < -3_800_000.0 && moscow.x < 0.0);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct NorthPolarEquidistant {
    /// The meridian (degrees east) drawn straight down from the pole.
    pub central_meridian_deg: f64,
}

impl NorthPolarEquidistant {
    /// The central meridian the app uses: Europe and Russia at the bottom, North America at the top.
    pub const APP_CENTRAL_MERIDIAN_DEG: f64 = 40.0;

    /// A polar projection with `central_meridian_deg` pointing down from the pole.
    ///
    /// ```
    /// use bmd_atlas::geodesy::NorthPolarEquidistant;
    /// assert_eq!(NorthPolarEquidistant::new(40.0).central_meridian_deg, 40.0);
    /// ```
    pub const fn new(central_meridian_deg: f64) -> Self {
        Self {
            central_meridian_deg,
        }
    }
}

/// Third flattening of WGS84.
const N_WGS84: f64 = F_WGS84 / (2.0 - F_WGS84);

/// a/(1+n)·(1 + n²/4 + n⁴/64): metres of meridian per radian of rectifying latitude.
fn rectifying_radius() -> f64 {
    let n2 = N_WGS84 * N_WGS84;
    A / (1.0 + N_WGS84) * (1.0 + n2 / 4.0 + n2 * n2 / 64.0)
}

/// Meridian distance from the equator to latitude `phi` (radians) on WGS84, metres.
fn meridian_distance(phi: f64) -> f64 {
    let n = N_WGS84;
    let (n2, n3, n4) = (n * n, n * n * n, n * n * n * n);
    A / (1.0 + n)
        * ((1.0 + n2 / 4.0 + n4 / 64.0) * phi - 1.5 * (n - n3 / 8.0) * (2.0 * phi).sin()
            + 15.0 / 16.0 * (n2 - n4 / 4.0) * (4.0 * phi).sin()
            - 35.0 / 48.0 * n3 * (6.0 * phi).sin()
            + 315.0 / 512.0 * n4 * (8.0 * phi).sin())
}

/// Latitude (radians) whose meridian distance from the equator is `m` metres.
fn latitude_from_meridian_distance(m: f64) -> f64 {
    let n = N_WGS84;
    let (n2, n3, n4) = (n * n, n * n * n, n * n * n * n);
    let mu = m / rectifying_radius();
    let phi = mu
        + (1.5 * n - 27.0 / 32.0 * n3) * (2.0 * mu).sin()
        + (21.0 / 16.0 * n2 - 55.0 / 32.0 * n4) * (4.0 * mu).sin()
        + 151.0 / 96.0 * n3 * (6.0 * mu).sin()
        + 1097.0 / 512.0 * n4 * (8.0 * mu).sin();
    phi.clamp(-FRAC_PI_2, FRAC_PI_2)
}

impl Projection for NorthPolarEquidistant {
    fn name(&self) -> &'static str {
        "Arctic (north polar azimuthal equidistant)"
    }

    fn forward(&self, lon_lat: geo::Point<f64>) -> Option<MapXy> {
        // The south pole maps to a whole circle, so it has no single image.
        if !valid_lon_lat(lon_lat) || lon_lat.y() <= -90.0 || !self.central_meridian_deg.is_finite()
        {
            return None;
        }
        let mp = rectifying_radius() * FRAC_PI_2;
        let rho = mp - meridian_distance(lon_lat.y().to_radians());
        let (sin_dl, cos_dl) = (lon_lat.x() - self.central_meridian_deg)
            .to_radians()
            .sin_cos();
        Some(MapXy {
            x: rho * sin_dl,
            y: -rho * cos_dl,
        })
    }

    fn inverse(&self, xy: MapXy) -> Option<geo::Point<f64>> {
        if !(xy.x.is_finite() && xy.y.is_finite() && self.central_meridian_deg.is_finite()) {
            return None;
        }
        let mp = rectifying_radius() * FRAC_PI_2;
        let rho = xy.x.hypot(xy.y);
        if rho > 2.0 * mp * (1.0 + 1e-12) {
            return None;
        }
        if rho == 0.0 {
            return Some(geo::Point::new(
                wrap_lon_deg(self.central_meridian_deg),
                90.0,
            ));
        }
        let lat = latitude_from_meridian_distance(mp - rho).to_degrees();
        let lon = self.central_meridian_deg + xy.x.atan2(-xy.y).to_degrees();
        Some(geo::Point::new(wrap_lon_deg(lon), lat))
    }
}

#[cfg(test)]
mod tests {
    use super::super::kind::ARCTIC_POLAR;
    use super::super::tests::{assert_round_trip, assert_xy};
    use super::*;
    use geo::{Distance, Geodesic, Point};

    #[test]
    fn polar_pole_is_origin() {
        assert_xy(
            ARCTIC_POLAR.forward(Point::new(40.0, 90.0)),
            (0.0, 0.0),
            1e-9,
            "pole",
        );
        assert_xy(
            ARCTIC_POLAR.forward(Point::new(-123.0, 90.0)),
            (0.0, 0.0),
            1e-9,
            "pole",
        );
        let pole = ARCTIC_POLAR
            .inverse(MapXy::default())
            .expect("pole inverts");
        assert_eq!(pole.y(), 90.0);
    }

    #[test]
    fn polar_central_meridian_is_true_meridian_distance() {
        for lat in [80.0, 60.0, 45.0, 0.0, -30.0, -80.0] {
            // Independent check: geographiclib's geodesic distance along the meridian.
            let s = Geodesic.distance(Point::new(40.0, 90.0), Point::new(40.0, lat));
            let xy = ARCTIC_POLAR
                .forward(Point::new(40.0, lat))
                .expect("projectable");
            assert!(xy.x.abs() < 1e-6, "lat {lat}: x = {}", xy.x);
            assert!(
                (xy.y + s).abs() < 1e-3,
                "lat {lat}: y = {}, want {}",
                xy.y,
                -s
            );
        }
    }

    #[test]
    fn polar_matches_pyproj() {
        // Reference values from pyproj 3.7.2 / PROJ 9.5.1:
        //   Transformer.from_crs("+proj=longlat +ellps=WGS84",
        //       "+proj=aeqd +lat_0=90 +lon_0=40 +ellps=WGS84", always_xy=True).transform(lon, lat)
        let cases = [
            ((40.0, 60.0), (0.0, -3_347_892.909_8)),
            ((-77.0369, 38.9072), (-5_071_514.975_7, 2_588_181.444_4)), // Washington
            ((37.6173, 55.7558), (-158_837.188_9, -3_817_288.674_2)),   // Moscow
            ((-100.0, 45.0), (-3_224_879.162_2, 3_843_261.327_2)),
            ((10.0, -30.0), (-6_661_039.563_6, -11_537_258.955_4)),
            ((175.0, 65.0), (1_973_271.001_1, 1_973_271.001_1)),
            ((-150.0, 70.0), (387_753.776_3, 2_199_060.941_9)),
        ];
        for ((lon, lat), want) in cases {
            assert_xy(
                ARCTIC_POLAR.forward(Point::new(lon, lat)),
                want,
                1.0,
                &format!("({lon}, {lat})"),
            );
            assert_xy(
                ARCTIC_POLAR.forward(Point::new(lon, lat)),
                want,
                1e-3,
                &format!("({lon}, {lat}) mm"),
            );
        }
    }

    #[test]
    fn polar_round_trips() {
        for lat in (-85..=89).step_by(2) {
            for lon in (-180..180).step_by(7) {
                assert_round_trip(&ARCTIC_POLAR, Point::new(lon as f64, lat as f64));
            }
        }
        assert!(ARCTIC_POLAR.forward(Point::new(0.0, -90.0)).is_none());
        assert!(ARCTIC_POLAR.forward(Point::new(f64::NAN, 60.0)).is_none());
        assert!(ARCTIC_POLAR.inverse(MapXy { x: 0.0, y: -2.1e7 }).is_none());
    }

    #[test]
    fn quarter_meridian_is_wgs84() {
        // The rectifying radius times π/2 is the WGS84 quarter meridian (10 001 965.729 m).
        assert!((rectifying_radius() * FRAC_PI_2 - 10_001_965.729).abs() < 1e-3);
    }
}
