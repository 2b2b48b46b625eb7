//! Geodesic geometry kept between builds of a picture, so that a change of year or model
//! recomputes only the rings, fans and arcs whose inputs changed.
//!
//! A range ring or a radar fan is hundreds of points on the WGS84 ellipsoid, each a solution of
//! the direct geodesic problem: the bulk of a picture's cost. They depend only on a position and
//! a few numbers, so they are memoised on the bits of those numbers. What the last build did not
//! use is dropped ([`GeometryCache::sweep`]), so the cache never holds more than one picture.

use std::collections::{HashMap, HashSet};

use crate::geodesy;

/// A memoised geometry, by the exact bits of its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// Centre lon, lat; radius in metres.
    Ring([u64; 3]),
    /// Centre lon, lat; boresight, width (degrees); range in metres.
    Fan([u64; 5]),
    /// From lon, lat; to lon, lat.
    Arc([u64; 4]),
}

/// Rings, fans and arcs of the last picture built.
#[derive(Debug)]
pub struct GeometryCache {
    entries: HashMap<Key, Vec<geo::Point<f64>>>,
    used: HashSet<Key>,
    /// `false` for a picture built once: compute, keep nothing.
    keep: bool,
}

impl Default for GeometryCache {
    fn default() -> Self {
        GeometryCache {
            entries: HashMap::new(),
            used: HashSet::new(),
            keep: true,
        }
    }
}

fn bits(p: geo::Point<f64>) -> [u64; 2] {
    [p.x().to_bits(), p.y().to_bits()]
}

impl GeometryCache {
    /// A cache that keeps nothing, for a picture built once (no copies made for a next build).
    pub fn none() -> GeometryCache {
        GeometryCache {
            keep: false,
            ..GeometryCache::default()
        }
    }

    fn get(
        &mut self,
        key: Key,
        make: impl FnOnce() -> Vec<geo::Point<f64>>,
    ) -> Vec<geo::Point<f64>> {
        if !self.keep {
            return make();
        }
        self.used.insert(key);
        self.entries.entry(key).or_insert_with(make).clone()
    }

    /// [`geodesy::range_ring`], memoised.
    pub fn range_ring(&mut self, centre: geo::Point<f64>, radius_m: f64) -> Vec<geo::Point<f64>> {
        let [x, y] = bits(centre);
        self.get(Key::Ring([x, y, radius_m.to_bits()]), || {
            geodesy::range_ring(centre, radius_m)
        })
    }

    /// [`geodesy::coverage_fan`], memoised.
    pub fn coverage_fan(
        &mut self,
        centre: geo::Point<f64>,
        boresight_deg: f64,
        width_deg: f64,
        range_m: f64,
    ) -> Vec<geo::Point<f64>> {
        let [x, y] = bits(centre);
        let key = Key::Fan([
            x,
            y,
            boresight_deg.to_bits(),
            width_deg.to_bits(),
            range_m.to_bits(),
        ]);
        self.get(key, || {
            geodesy::coverage_fan(centre, boresight_deg, width_deg, range_m)
        })
    }

    /// [`geodesy::great_circle_arc`], memoised.
    pub fn great_circle_arc(
        &mut self,
        from: geo::Point<f64>,
        to: geo::Point<f64>,
    ) -> Vec<geo::Point<f64>> {
        let ([a, b], [c, d]) = (bits(from), bits(to));
        self.get(Key::Arc([a, b, c, d]), || {
            geodesy::great_circle_arc(from, to)
        })
    }

    /// Forgets what the last build did not use, and starts counting afresh.
    pub fn sweep(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.entries.retain(|k, _| used.contains(k));
    }

    /// How many geometries are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_geometry_is_computed_once_and_dropped_when_unused() {
        let mut cache = GeometryCache::default();
        let centre = geo::Point::new(24.34, 44.08);
        let first = cache.range_ring(centre, 900_000.0);
        assert_eq!(first, geodesy::range_ring(centre, 900_000.0));
        assert_eq!(cache.range_ring(centre, 900_000.0), first);
        assert_eq!(cache.len(), 1);
        cache.sweep();
        assert_eq!(cache.len(), 1, "used in the last build: kept");
        cache.sweep();
        assert!(cache.is_empty(), "not used since: dropped");
    }
}
