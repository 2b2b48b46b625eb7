//! Map projections behind one small trait.
//!
//! Two projections are offered, both azimuthal, both ellipsoidal and both exact to well below a
//! millimetre against PROJ:
//!
//! - [`LambertEqualAreaEurope`], EPSG:3035 (ETRS89-LAEA), the EU's statistical and planning grid;
//!   equal-area, so coverage areas can be compared by eye.
//! - [`NorthPolarEquidistant`], a north-polar azimuthal equidistant projection on WGS84; distances
//!   from the pole are true, which suits trans-Arctic trajectories.

use std::f64::consts::FRAC_PI_2;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// A point in a projection's plane, in metres (x east, y north).
///
/// ```
/// use bmd_atlas::geodesy::MapXy;
/// let p = MapXy { x: 4_321_000.0, y: 3_210_000.0 };
/// assert_eq!(p.x, 4_321_000.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MapXy {
    /// Easting, metres (including any false easting).
    pub x: f64,
    /// Northing, metres (including any false northing).
    pub y: f64,
}

/// A map projection: longitude/latitude (degrees, WGS84/GRS80) to metres in a plane and back.
///
/// ```
/// use bmd_atlas::geodesy::{Projection, ProjectionKind};
/// let proj = ProjectionKind::EuropeEqualArea.projection();
/// let xy = proj.forward(geo::Point::new(10.0, 52.0)).expect("projectable");
/// let back = proj.inverse(xy).expect("inside the domain");
/// assert!((back.x() - 10.0).abs() < 1e-9 && (back.y() - 52.0).abs() < 1e-9);
/// ```
pub trait Projection: Send + Sync {
    /// The name shown in the UI and in export source lines.
    fn name(&self) -> &'static str;
    /// Projects a point; `None` where the projection is undefined (e.g. the antipode).
    fn forward(&self, lon_lat: geo::Point<f64>) -> Option<MapXy>;
    /// Unprojects a point; `None` outside the projection's domain.
    fn inverse(&self, xy: MapXy) -> Option<geo::Point<f64>>;
}

// ---------------------------------------------------------------------------------------------
// Ellipsoids

/// Semi-major axis shared by GRS80 and WGS84, metres.
const A: f64 = 6_378_137.0;
/// GRS80 flattening (EPSG:7019).
const F_GRS80: f64 = 1.0 / 298.257_222_101;
/// WGS84 flattening (EPSG:7030).
const F_WGS84: f64 = 1.0 / 298.257_223_563;

/// Wraps a longitude in degrees to [-180, 180).
fn wrap_lon_deg(lon: f64) -> f64 {
    let w = (lon + 180.0).rem_euclid(360.0) - 180.0;
    // rem_euclid can round up to exactly 360.0 for tiny negative inputs.
    if w >= 180.0 { w - 360.0 } else { w }
}

/// `true` when a lon/lat point can be projected at all: finite and |lat| ≤ 90°.
fn valid_lon_lat(p: geo::Point<f64>) -> bool {
    p.x().is_finite() && p.y().is_finite() && p.y().abs() <= 90.0
}

// ---------------------------------------------------------------------------------------------
// Lambert azimuthal equal-area, EPSG:3035

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

// ---------------------------------------------------------------------------------------------
// North-polar azimuthal equidistant

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

// ---------------------------------------------------------------------------------------------
// The user's choice

/// The projections a user can choose.
///
/// ```
/// use bmd_atlas::geodesy::ProjectionKind;
/// for kind in ProjectionKind::ALL {
///     assert_eq!(kind.label(), kind.projection().name());
/// }
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionKind {
    /// [`LambertEqualAreaEurope`] (EPSG:3035), the default.
    #[default]
    EuropeEqualArea,
    /// [`NorthPolarEquidistant`] with 40°E pointing down.
    ArcticPolar,
}

static EUROPE_EQUAL_AREA: LambertEqualAreaEurope = LambertEqualAreaEurope;
static ARCTIC_POLAR: NorthPolarEquidistant =
    NorthPolarEquidistant::new(NorthPolarEquidistant::APP_CENTRAL_MERIDIAN_DEG);

/// Half-size of the Arctic default view, metres: reaches ~25°N towards Europe and the Middle East
/// and well past Washington towards the US.
const ARCTIC_HALF_EXTENT_M: f64 = 6_500_000.0;

/// The lon/lat box (lon min, lat min, lon max, lat max) the Europe default view must show.
const EUROPE_VIEW_BOX: [f64; 4] = [-12.0, 28.0, 60.0, 72.0];

/// Relative margin added around the Europe default view.
const EUROPE_VIEW_MARGIN: f64 = 0.03;

/// The projected bounds (min, max corners) of a longitude/latitude box `[west, south, east,
/// north]`, whose edges are curves in the plane and so are sampled at `steps` points each.
/// `None` if no sample projects.
///
/// ```
/// use bmd_atlas::geodesy::{LambertEqualAreaEurope, projected_box};
/// let (min, max) = projected_box(&LambertEqualAreaEurope, [0.0, 40.0, 20.0, 60.0], 16).unwrap();
/// assert!(min.x < 4_321_000.0 && max.x > 4_321_000.0 && max.y > min.y);
/// ```
pub fn projected_box(
    projection: &dyn Projection,
    [west, south, east, north]: [f64; 4],
    steps: usize,
) -> Option<(MapXy, MapXy)> {
    let mut min = MapXy {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut max = MapXy {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    for i in 0..=steps.max(1) {
        let t = i as f64 / steps.max(1) as f64;
        let (lon, lat) = (west + t * (east - west), south + t * (north - south));
        let edges = [(lon, south), (lon, north), (west, lat), (east, lat)];
        for xy in edges
            .into_iter()
            .filter_map(|(x, y)| projection.forward(geo::Point::new(x, y)))
        {
            min = MapXy {
                x: min.x.min(xy.x),
                y: min.y.min(xy.y),
            };
            max = MapXy {
                x: max.x.max(xy.x),
                y: max.y.max(xy.y),
            };
        }
    }
    min.x.is_finite().then_some((min, max))
}

static EUROPE_DEFAULT_VIEW: LazyLock<(MapXy, f64, f64)> = LazyLock::new(|| {
    let (min, max) = projected_box(&EUROPE_EQUAL_AREA, EUROPE_VIEW_BOX, 24).unwrap_or_default();
    let centre = MapXy {
        x: f64::midpoint(min.x, max.x),
        y: f64::midpoint(min.y, max.y),
    };
    let half_w = (max.x - min.x) / 2.0 * (1.0 + EUROPE_VIEW_MARGIN);
    let half_h = (max.y - min.y) / 2.0 * (1.0 + EUROPE_VIEW_MARGIN);
    (centre, half_w, half_h)
});

impl ProjectionKind {
    /// Every projection, in menu order.
    pub const ALL: [ProjectionKind; 2] =
        [ProjectionKind::EuropeEqualArea, ProjectionKind::ArcticPolar];

    /// The projection itself (a static instance).
    ///
    /// ```
    /// use bmd_atlas::geodesy::ProjectionKind;
    /// let xy = ProjectionKind::ArcticPolar.projection().forward(geo::Point::new(40.0, 60.0));
    /// assert!(xy.is_some_and(|p| p.x.abs() < 1e-6 && p.y < 0.0));
    /// ```
    pub fn projection(self) -> &'static dyn Projection {
        match self {
            ProjectionKind::EuropeEqualArea => &EUROPE_EQUAL_AREA,
            ProjectionKind::ArcticPolar => &ARCTIC_POLAR,
        }
    }

    /// The name shown in the UI: the projection's [`Projection::name`].
    ///
    /// ```
    /// use bmd_atlas::geodesy::ProjectionKind;
    /// assert_eq!(ProjectionKind::EuropeEqualArea.label(), "Europe (equal-area)");
    /// ```
    pub fn label(self) -> &'static str {
        self.projection().name()
    }

    /// The region (lon min, lat min, lon max, lat max) whose geometry this projection draws.
    ///
    /// ```
    /// use bmd_atlas::geodesy::ProjectionKind;
    /// assert_eq!(ProjectionKind::ArcticPolar.region(), [-180.0, 0.0, 180.0, 90.0]);
    /// ```
    pub fn region(self) -> [f64; 4] {
        match self {
            ProjectionKind::EuropeEqualArea => [-45.0, 10.0, 100.0, 85.0],
            ProjectionKind::ArcticPolar => [-180.0, 0.0, 180.0, 90.0],
        }
    }

    /// The default ("Fit Europe") extent: centre, half-width and half-height in projected metres.
    ///
    /// Europe shows lon −12..60, lat 28..72 (Europe, the Middle East including Iran, western
    /// Russia) with a 3 % margin; the Arctic view is a ±6 500 km square on the pole.
    ///
    /// ```
    /// use bmd_atlas::geodesy::{ProjectionKind, Projection};
    /// let (centre, half_w, half_h) = ProjectionKind::EuropeEqualArea.default_view();
    /// let tehran = ProjectionKind::EuropeEqualArea
    ///     .projection()
    ///     .forward(geo::Point::new(51.389, 35.689))
    ///     .expect("projectable");
    /// assert!((tehran.x - centre.x).abs() < half_w && (tehran.y - centre.y).abs() < half_h);
    /// ```
    pub fn default_view(self) -> (MapXy, f64, f64) {
        match self {
            ProjectionKind::EuropeEqualArea => *EUROPE_DEFAULT_VIEW,
            ProjectionKind::ArcticPolar => {
                (MapXy::default(), ARCTIC_HALF_EXTENT_M, ARCTIC_HALF_EXTENT_M)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Geodesic, Point};

    fn assert_xy(got: Option<MapXy>, want: (f64, f64), tol: f64, what: &str) {
        let got = got.unwrap_or_else(|| panic!("{what}: no projection"));
        assert!(
            (got.x - want.0).abs() <= tol && (got.y - want.1).abs() <= tol,
            "{what}: got ({:.4}, {:.4}), want ({:.4}, {:.4})",
            got.x,
            got.y,
            want.0,
            want.1
        );
    }

    fn assert_round_trip(proj: &dyn Projection, p: Point<f64>) {
        let xy = proj
            .forward(p)
            .unwrap_or_else(|| panic!("{p:?} not projectable"));
        let back = proj
            .inverse(xy)
            .unwrap_or_else(|| panic!("{xy:?} not invertible"));
        let dlon = wrap_lon_deg(back.x() - p.x()).abs();
        assert!(
            dlon < 1e-9 && (back.y() - p.y()).abs() < 1e-9,
            "{}: {p:?} -> {xy:?} -> {back:?}",
            proj.name()
        );
    }

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
    fn kinds_are_wired() {
        assert_eq!(
            ProjectionKind::EuropeEqualArea.label(),
            "Europe (equal-area)"
        );
        assert_eq!(
            ProjectionKind::ArcticPolar.label(),
            "Arctic (north polar azimuthal equidistant)"
        );
        assert_eq!(
            ProjectionKind::EuropeEqualArea.region(),
            [-45.0, 10.0, 100.0, 85.0]
        );
        assert_eq!(
            ProjectionKind::ArcticPolar.region(),
            [-180.0, 0.0, 180.0, 90.0]
        );
        // The Arctic projection has Europe/Russia (40°E) straight down.
        let down = ProjectionKind::ArcticPolar
            .projection()
            .forward(Point::new(40.0, 50.0))
            .expect("projectable");
        assert!(down.x.abs() < 1e-6 && down.y < 0.0);
    }

    fn in_view(kind: ProjectionKind, lon: f64, lat: f64) -> bool {
        let (c, hw, hh) = kind.default_view();
        kind.projection()
            .forward(Point::new(lon, lat))
            .is_some_and(|p| (p.x - c.x).abs() <= hw && (p.y - c.y).abs() <= hh)
    }

    #[test]
    fn default_views_show_the_theatre() {
        // Europe: Lisbon, the corners of the lon/lat box, Tehran, Moscow, North Cape.
        for (lon, lat) in [
            (-9.14, 38.72),
            (-12.0, 28.0),
            (-12.0, 72.0),
            (60.0, 28.0),
            (60.0, 72.0),
            (51.39, 35.69),
            (37.62, 55.76),
            (25.78, 71.17),
        ] {
            assert!(
                in_view(ProjectionKind::EuropeEqualArea, lon, lat),
                "Europe view misses {lon},{lat}"
            );
        }
        // ...but not the whole hemisphere.
        assert!(!in_view(ProjectionKind::EuropeEqualArea, -77.04, 38.91));
        let (_, hw, hh) = ProjectionKind::EuropeEqualArea.default_view();
        assert!(
            hw > 3.0e6 && hw < 4.0e6 && hh > 2.5e6 && hh < 3.5e6,
            "{hw} x {hh}"
        );
        assert!(!in_view(ProjectionKind::EuropeEqualArea, 77.2, 28.6)); // New Delhi

        // Arctic: the pole-centred square reaches Washington, Tehran and Rome.
        let (c, hw, hh) = ProjectionKind::ArcticPolar.default_view();
        assert_eq!(c, MapXy::default());
        assert_eq!((hw, hh), (6.5e6, 6.5e6));
        for (lon, lat) in [
            (-77.04, 38.91),
            (51.39, 35.69),
            (12.5, 41.9),
            (37.62, 55.76),
        ] {
            assert!(
                in_view(ProjectionKind::ArcticPolar, lon, lat),
                "Arctic view misses {lon},{lat}"
            );
        }
        // Straight down the central meridian it stops near 31°N (25°N lies outside).
        assert!(!in_view(ProjectionKind::ArcticPolar, 40.0, 25.0));
    }

    #[test]
    fn wrap_lon_is_half_open() {
        assert_eq!(wrap_lon_deg(180.0), -180.0);
        assert_eq!(wrap_lon_deg(-180.0), -180.0);
        assert_eq!(wrap_lon_deg(370.0), 10.0);
        assert!(wrap_lon_deg(-1e-18) < 180.0);
    }

    #[test]
    fn quarter_meridian_is_wgs84() {
        // The rectifying radius times π/2 is the WGS84 quarter meridian (10 001 965.729 m).
        assert!((rectifying_radius() * FRAC_PI_2 - 10_001_965.729).abs() < 1e-3);
    }
}
