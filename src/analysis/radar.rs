//! Radar visibility and first detection.
//!
//! # The model
//!
//! A radar at S sees a point X when all three hold, in the Earth-fixed frame:
//!
//! 1. **Range**: the straight-line (slant) distance |X − S| is within the radar's stated maximum
//!    range. That range is the source's "max range", not a detection range against a small
//!    re-entry vehicle, so it flatters the radar; see `docs/analysis.md`.
//! 2. **Azimuth**: the direction to X in S's local east-north-up frame lies within the radar's
//!    sector, boresight ± width/2 (360° is all round).
//! 3. **Elevation**: X is at least the radar's minimum elevation above S's local horizontal
//!    plane. This is geometric line of sight: no refraction. On a sphere a line from the ground
//!    that leaves above the horizontal never re-enters the Earth, so elevation ≥ 0 is also the
//!    horizon test. A negative minimum elevation counts as 0.
//!
//! Beam scheduling, clutter, target size and track-forming time are not modelled: "first
//! detection" is the first whole second after launch (boost included) at which the geometry
//! allows a detection.

use super::flight::Flight;
use super::vec3::V3;
use crate::scenario::Site;

/// A radar ready for visibility tests: its position and sector as vectors.
#[derive(Clone, Debug)]
pub struct RadarModel {
    /// Index of the radar's site in the scenario.
    pub site: usize,
    /// The site's id and label, for results.
    pub id: String,
    pub name: String,
    pos: V3,
    up: V3,
    /// Boresight as a horizontal unit vector; `None` for all-round coverage.
    boresight: Option<V3>,
    cos_half_fov: f64,
    range2: f64,
    sin_min_elevation: f64,
}

impl RadarModel {
    /// The radar at `site` on a sphere of radius `earth_radius_km`; `None` if the site has no
    /// radar coverage or no usable position.
    pub fn new(index: usize, site: &Site, earth_radius_km: f64) -> Option<RadarModel> {
        let cov = site.radar.as_ref()?;
        if !(site.lat.is_finite() && site.lon.is_finite() && cov.range_km > 0.0) {
            return None;
        }
        let up = V3::from_lon_lat(site.lon, site.lat);
        let (east, north) = up.east_north();
        let boresight = (cov.fov_deg < 360.0).then(|| {
            let (s, c) = cov.boresight_deg.to_radians().sin_cos();
            north * c + east * s
        });
        let min_el = if cov.min_elevation_deg.is_finite() {
            cov.min_elevation_deg.clamp(0.0, 90.0)
        } else {
            0.0
        };
        Some(RadarModel {
            site: index,
            id: site.id.clone(),
            name: site.label().to_owned(),
            pos: up * earth_radius_km,
            up,
            boresight,
            cos_half_fov: (cov.fov_deg.to_radians() / 2.0).cos(),
            range2: cov.range_km * cov.range_km,
            sin_min_elevation: min_el.to_radians().sin(),
        })
    }

    /// Whether the radar sees the Earth-fixed point `p` (km).
    ///
    /// ```
    /// use bmd_atlas::analysis::{RadarModel, V3};
    /// let s = bmd_atlas::scenario::built_in();
    /// let (i, kurecik) = s.sites.iter().enumerate().find(|(_, x)| x.id == "kurecik").unwrap();
    /// let radar = RadarModel::new(i, kurecik, 6371.0).unwrap();
    /// let above = |lon: f64, lat: f64| V3::from_lon_lat(lon, lat) * 6671.0;
    /// assert!(radar.sees(above(46.29, 38.08)), "300 km over Tabriz, east of Kürecik");
    /// assert!(!radar.sees(above(23.73, 37.98)), "over Athens: behind the radar's face");
    /// ```
    pub fn sees(&self, p: V3) -> bool {
        let d = p - self.pos;
        let n2 = d.norm2();
        if n2 > self.range2 {
            return false;
        }
        let up = d.dot(self.up);
        if up < 0.0 || up * up < n2 * self.sin_min_elevation * self.sin_min_elevation {
            return false;
        }
        match self.boresight {
            None => true,
            Some(b) => {
                let h = d - self.up * up;
                let hn = h.norm();
                hn < 1e-9 || h.dot(b) >= hn * self.cos_half_fov
            }
        }
    }
}

/// When and by which radar a flight is first seen.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    /// Time since the missile's launch, s (a whole second).
    pub t_s: f64,
    /// Index into the radar list given to [`first_detection`].
    pub radar: usize,
}

/// The first whole second after launch at which any of `radars` sees the flight, and the first
/// radar of the list that does; `None` if none ever sees it.
///
/// ```
/// use bmd_atlas::analysis::{Assumptions, Boost, Earth, Flight, RadarModel, V3, first_detection};
/// let s = bmd_atlas::scenario::built_in();
/// let radars: Vec<RadarModel> = ["kurecik", "gabala"]
///     .iter()
///     .filter_map(|id| s.sites.iter().enumerate().find(|(_, x)| x.id == *id))
///     .filter_map(|(i, x)| RadarModel::new(i, x, 6371.0))
///     .collect();
/// let boost = Boost { burn_time_s: 100.0, burnout_altitude_km: 80.0, burnout_range_km: 100.0 };
/// let earth = Earth::of(&Assumptions::default());
/// let f = Flight::new(V3::from_lon_lat(46.29, 38.08), V3::from_lon_lat(26.1, 44.43), boost, earth).unwrap();
/// let kurecik = first_detection(&f, &[&radars[0]]).unwrap();
/// let both = first_detection(&f, &[&radars[0], &radars[1]]).unwrap();
/// assert!(both.t_s < kurecik.t_s, "Gabala, next to Tabriz, sees the boost first");
/// ```
///
/// Adding radars to the list can only make detection earlier or leave it unchanged: the scan
/// stops at the first second any radar of the list sees the missile.
pub fn first_detection(flight: &Flight, radars: &[&RadarModel]) -> Option<Detection> {
    if radars.is_empty() {
        return None;
    }
    // A flight is at most hours long; the bound keeps a pathological one from stalling.
    let end = (flight.impact_s().floor() as usize).min(100_000);
    (0..=end).find_map(|t| {
        let p = flight.at(t as f64)?;
        radars
            .iter()
            .position(|r| r.sees(p.pos))
            .map(|radar| Detection {
                t_s: t as f64,
                radar,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{RadarCoverage, Side, SiteKind, Timeline};

    const R: f64 = 6371.0;

    fn radar_site(range_km: f64, boresight: f64, fov: f64, min_el: f64) -> Site {
        Site {
            id: "r".into(),
            name: "R".into(),
            short_name: String::new(),
            country: "XX".into(),
            lat: 0.0,
            lon: 0.0,
            side: Side::UsNato,
            kind: SiteKind::Radar,
            system: String::new(),
            timeline: Timeline::default(),
            radar: Some(RadarCoverage {
                range_km,
                boresight_deg: boresight,
                fov_deg: fov,
                min_elevation_deg: min_el,
                uncertainty: Default::default(),
                uncertain: false,
            }),
            batteries: Vec::new(),
            missiles: Vec::new(),
            notes: String::new(),
            source: "test".into(),
            uncertain: false,
            sidc: String::new(),
        }
    }

    /// A point at `alt_km`, `ground_km` due east of (0°, 0°).
    fn point_east(ground_km: f64, alt_km: f64) -> V3 {
        V3::from_lon_lat((ground_km / R).to_degrees(), 0.0) * (R + alt_km)
    }

    #[test]
    fn the_horizon_is_geometric() {
        let radar = RadarModel::new(0, &radar_site(20_000.0, 90.0, 360.0, 0.0), R)
            .unwrap_or_else(|| panic!("radar"));
        // Geometric horizon of a height h seen from the ground: R·arccos(R/(R + h)).
        for alt in [100.0, 1000.0] {
            let d = R * (R / (R + alt)).acos();
            assert!(radar.sees(point_east(d - 1.0, alt)), "{alt} km, inside");
            assert!(!radar.sees(point_east(d + 1.0, alt)), "{alt} km, beyond");
        }
        // 1,000 km up: about 3,360 km, not the 3,947 km of a 4/3 Earth applied to both ends.
        let d = R * (R / (R + 1000.0)).acos();
        assert!((d - 3360.0).abs() < 10.0, "{d}");
    }

    #[test]
    fn minimum_elevation_moves_the_horizon_in() {
        let flat = RadarModel::new(0, &radar_site(20_000.0, 90.0, 360.0, 0.0), R);
        let high = RadarModel::new(0, &radar_site(20_000.0, 90.0, 360.0, 5.0), R);
        let (flat, high) = (
            flat.unwrap_or_else(|| panic!()),
            high.unwrap_or_else(|| panic!()),
        );
        let p = point_east(2000.0, 500.0); // 4.4° up
        assert!(flat.sees(p) && !high.sees(p));
        // Elevation of a point 500 km up and 500 km away is well above 5°.
        assert!(high.sees(point_east(500.0, 500.0)));
    }

    #[test]
    fn range_and_sector_limit_what_is_seen() {
        // Facing east, 60° wide, 1000 km.
        let radar = RadarModel::new(0, &radar_site(1000.0, 90.0, 60.0, 0.0), R)
            .unwrap_or_else(|| panic!("radar"));
        assert!(radar.sees(point_east(500.0, 300.0)));
        assert!(!radar.sees(point_east(1200.0, 300.0)), "beyond range");
        let north = V3::from_lon_lat(0.0, 4.0) * (R + 300.0);
        assert!(!radar.sees(north), "outside the sector");
    }
}
