//! Map projections behind one small trait.
//!
//! Three projections are offered, all azimuthal, all ellipsoidal and both exact to well below a
//! millimetre against PROJ:
//!
//! - [`LambertEqualAreaEurope`], EPSG:3035 (ETRS89-LAEA), the EU's statistical and planning grid;
//!   equal-area, so coverage areas can be compared by eye.
//! - [`NorthPolarEquidistant`], a north-polar azimuthal equidistant projection on WGS84; distances
//!   from the pole are true, which suits trans-Arctic trajectories.
//!
//! - [`AzimuthalEquidistant`] centred on any site, on WGS84: distances and bearings from the
//!   site are true.
//!
//! Each projection has its file (`laea`, `polar`, `azimuthal`); `kind` holds the user's choice.

mod azimuthal;
mod kind;
mod laea;
mod polar;

pub use azimuthal::AzimuthalEquidistant;
pub use kind::{Centre, CentreDegrees, ProjectionKind, Projector, projected_box};
pub use laea::LambertEqualAreaEurope;
pub use polar::NorthPolarEquidistant;

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

// The ellipsoids and longitudes both projections use.

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

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Point;

    pub(super) fn assert_xy(got: Option<MapXy>, want: (f64, f64), tol: f64, what: &str) {
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

    pub(super) fn assert_round_trip(proj: &dyn Projection, p: Point<f64>) {
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
    fn wrap_lon_is_half_open() {
        assert_eq!(wrap_lon_deg(180.0), -180.0);
        assert_eq!(wrap_lon_deg(-180.0), -180.0);
        assert_eq!(wrap_lon_deg(370.0), 10.0);
        assert!(wrap_lon_deg(-1e-18) < 180.0);
    }
}
