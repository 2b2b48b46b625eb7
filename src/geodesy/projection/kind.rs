//! The projections a user can choose, their regions and default views.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{
    AzimuthalEquidistant, LambertEqualAreaEurope, MapXy, NorthPolarEquidistant, Projection,
};

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
    /// [`AzimuthalEquidistant`] centred on a point (a site): distances and bearings from it are
    /// true.
    Centred(Centre),
}

/// The centre of a [`ProjectionKind::Centred`] projection, in whole micro-degrees (about 0.1 m),
/// so that a projection can be compared and hashed (the basemaps are kept per projection). In
/// files it is `{"lat": 44.067, "lon": 24.383}` in degrees.
///
/// ```
/// use bmd_atlas::geodesy::Centre;
/// let c = Centre::new(geo::Point::new(24.383, 44.067)).unwrap();
/// assert_eq!(c.point(), geo::Point::new(24.383, 44.067));
/// assert!(Centre::new(geo::Point::new(0.0, 91.0)).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(into = "CentreDegrees", try_from = "CentreDegrees")]
pub struct Centre {
    lat_e6: i32,
    lon_e6: i32,
}

/// A [`Centre`] as written in files: degrees.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CentreDegrees {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
}

impl Centre {
    /// The centre at `lon_lat` (degrees), or why it cannot be one.
    pub fn new(lon_lat: geo::Point<f64>) -> Result<Centre, String> {
        let (lon, lat) = (lon_lat.x(), lon_lat.y());
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            return Err(format!("{lat} is not a latitude (-90 to 90)"));
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            return Err(format!("{lon} is not a longitude (-180 to 180)"));
        }
        Ok(Centre {
            lat_e6: (lat * 1e6).round() as i32,
            lon_e6: (lon * 1e6).round() as i32,
        })
    }

    /// Where it is, longitude/latitude degrees.
    pub fn point(self) -> geo::Point<f64> {
        geo::Point::new(f64::from(self.lon_e6) / 1e6, f64::from(self.lat_e6) / 1e6)
    }

    /// Whether `lon_lat` rounds to this centre (a site at the centre, for a caption).
    pub fn is_at(self, lon_lat: geo::Point<f64>) -> bool {
        Centre::new(lon_lat).is_ok_and(|c| c == self)
    }
}

impl From<Centre> for CentreDegrees {
    fn from(c: Centre) -> CentreDegrees {
        let p = c.point();
        CentreDegrees {
            lat: p.y(),
            lon: p.x(),
        }
    }
}

impl TryFrom<CentreDegrees> for Centre {
    type Error = String;
    fn try_from(d: CentreDegrees) -> Result<Centre, String> {
        Centre::new(geo::Point::new(d.lon, d.lat))
    }
}

/// A projection of any kind, by value: what [`ProjectionKind::projection`] lends out.
#[derive(Clone, Copy, Debug)]
pub enum Projector {
    EuropeEqualArea(LambertEqualAreaEurope),
    ArcticPolar(NorthPolarEquidistant),
    Centred(AzimuthalEquidistant),
}

impl Projector {
    /// The projection as a trait object, for code that takes any projection.
    pub fn as_dyn(&self) -> &dyn Projection {
        match self {
            Projector::EuropeEqualArea(p) => p,
            Projector::ArcticPolar(p) => p,
            Projector::Centred(p) => p,
        }
    }

    /// [`Projection::name`], without importing the trait.
    pub fn name(&self) -> &'static str {
        self.as_dyn().name()
    }

    /// [`Projection::forward`], without importing the trait.
    pub fn forward(&self, lon_lat: geo::Point<f64>) -> Option<MapXy> {
        self.as_dyn().forward(lon_lat)
    }

    /// [`Projection::inverse`], without importing the trait.
    pub fn inverse(&self, xy: MapXy) -> Option<geo::Point<f64>> {
        self.as_dyn().inverse(xy)
    }
}

impl Projection for Projector {
    fn name(&self) -> &'static str {
        self.as_dyn().name()
    }

    fn forward(&self, lon_lat: geo::Point<f64>) -> Option<MapXy> {
        self.as_dyn().forward(lon_lat)
    }

    fn inverse(&self, xy: MapXy) -> Option<geo::Point<f64>> {
        self.as_dyn().inverse(xy)
    }
}

/// Half-size of a centred projection's default view, metres: from Deveselu it reaches London,
/// Tehran and Moscow.
const CENTRED_HALF_EXTENT_M: f64 = 3_200_000.0;

static EUROPE_EQUAL_AREA: LambertEqualAreaEurope = LambertEqualAreaEurope;
pub(super) static ARCTIC_POLAR: NorthPolarEquidistant =
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
    /// Every projection with no parameter, in menu order (a centred one is chosen on a site).
    pub const ALL: [ProjectionKind; 2] =
        [ProjectionKind::EuropeEqualArea, ProjectionKind::ArcticPolar];

    /// The projection itself.
    ///
    /// ```
    /// use bmd_atlas::geodesy::ProjectionKind;
    /// let xy = ProjectionKind::ArcticPolar.projection().forward(geo::Point::new(40.0, 60.0));
    /// assert!(xy.is_some_and(|p| p.x.abs() < 1e-6 && p.y < 0.0));
    /// ```
    pub fn projection(self) -> Projector {
        match self {
            ProjectionKind::EuropeEqualArea => Projector::EuropeEqualArea(EUROPE_EQUAL_AREA),
            ProjectionKind::ArcticPolar => Projector::ArcticPolar(ARCTIC_POLAR),
            ProjectionKind::Centred(c) => Projector::Centred(AzimuthalEquidistant::new(c.point())),
        }
    }

    /// The azimuthal equidistant projection centred on `lon_lat` (degrees), if it is a place.
    ///
    /// ```
    /// use bmd_atlas::geodesy::ProjectionKind;
    /// let k = ProjectionKind::centred_on(geo::Point::new(24.383, 44.067)).unwrap();
    /// let origin = k.projection().forward(geo::Point::new(24.383, 44.067)).unwrap();
    /// assert!(origin.x.abs() < 1e-6 && origin.y.abs() < 1e-6);
    /// ```
    pub fn centred_on(lon_lat: geo::Point<f64>) -> Result<ProjectionKind, String> {
        Centre::new(lon_lat).map(ProjectionKind::Centred)
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
            ProjectionKind::Centred(c) => centred_region(c.point()),
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
            ProjectionKind::Centred(_) => (
                MapXy::default(),
                CENTRED_HALF_EXTENT_M,
                CENTRED_HALF_EXTENT_M,
            ),
        }
    }
}

/// The lon/lat box a centred projection draws: 60° of latitude either side of the centre and
/// 80° of longitude, or every longitude when the box reaches within 10° of a pole (so the polar
/// cap is whole). About 6,000 km round the centre: the theatre, not the far side of the world,
/// where an azimuthal equidistant map is too distorted to read.
fn centred_region(centre: geo::Point<f64>) -> [f64; 4] {
    let south = (centre.y() - 60.0).max(-90.0);
    let north = (centre.y() + 60.0).min(90.0);
    if north >= 80.0 || south <= -80.0 {
        return [-180.0, south, 180.0, north];
    }
    [
        (centre.x() - 80.0).max(-180.0),
        south,
        (centre.x() + 80.0).min(180.0),
        north,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Point;

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
}
