//! Clipping to a longitude/latitude box and densifying, on plain `[lon, lat]` degrees.
//!
//! world-atlas rings and arcs are spherical: an edge may cross the antimeridian (a jump from
//! 179.9° to −180°, e.g. Russia with Chukotka, or Fiji), and Antarctica's ring goes round the
//! south pole. [`clip_polygon`] and [`clip_line`] first make longitudes continuous
//! ([`unwrap_lon`](rings::unwrap_lon)), close pole-encircling rings through the pole, and then
//! clip against the box and its copies 360° east and west, shifting each piece back.
//!
//! The box is here; rings (continuity, area, densifying) in `rings`, polygons in `polygon`,
//! lines in `line`.

use super::topology::LonLat;

mod line;
mod polygon;
mod rings;
#[cfg(test)]
mod tests;

pub use line::clip_line;
pub use polygon::{clip_polygon, split_polygon};
pub use rings::densify;
/// A longitude/latitude box in degrees (a projection's region).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLatBox {
    /// Western edge.
    pub lon_min: f64,
    /// Southern edge.
    pub lat_min: f64,
    /// Eastern edge.
    pub lon_max: f64,
    /// Northern edge.
    pub lat_max: f64,
}

impl LonLatBox {
    /// A box from `[lon_min, lat_min, lon_max, lat_max]` (the form of
    /// [`crate::geodesy::ProjectionKind::region`]); the edges must be finite and min < max.
    pub fn from_region(region: [f64; 4]) -> Result<Self, String> {
        let [lon_min, lat_min, lon_max, lat_max] = region;
        if region.iter().all(|v| v.is_finite()) && lon_min < lon_max && lat_min < lat_max {
            Ok(LonLatBox {
                lon_min,
                lat_min,
                lon_max,
                lat_max,
            })
        } else {
            Err(format!("bad region {region:?}"))
        }
    }

    /// The box moved `dlon` degrees east.
    fn shifted(&self, dlon: f64) -> LonLatBox {
        LonLatBox {
            lon_min: self.lon_min + dlon,
            lon_max: self.lon_max + dlon,
            ..*self
        }
    }

    /// The multiples of 360° by which the box must be shifted to meet points with bounds `bbox`.
    fn copies(&self, [min, max]: [LonLat; 2]) -> std::ops::RangeInclusive<i32> {
        // At most a few turns either way (unwrapped rings span little more than 360°).
        let first = ((min[0] - self.lon_max) / 360.0).ceil().clamp(-4.0, 4.0) as i32;
        let last = ((max[0] - self.lon_min) / 360.0).floor().clamp(-4.0, 4.0) as i32;
        first..=last
    }

    /// Where a set of points with bounds `bbox` (`[min, max]`) lies relative to the box.
    fn relation(&self, [min, max]: [LonLat; 2]) -> Relation {
        if max[0] < self.lon_min
            || min[0] > self.lon_max
            || max[1] < self.lat_min
            || min[1] > self.lat_max
        {
            Relation::Outside
        } else if min[0] >= self.lon_min
            && max[0] <= self.lon_max
            && min[1] >= self.lat_min
            && max[1] <= self.lat_max
        {
            Relation::Inside
        } else {
            Relation::Crossing
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relation {
    Inside,
    Outside,
    Crossing,
}

/// The bounds `[min, max]` of some points (`None` when there are none).
fn bbox(points: &[LonLat]) -> Option<[LonLat; 2]> {
    let first = *points.first()?;
    Some(points.iter().fold([first, first], |[min, max], p| {
        [
            [min[0].min(p[0]), min[1].min(p[1])],
            [max[0].max(p[0]), max[1].max(p[1])],
        ]
    }))
}
