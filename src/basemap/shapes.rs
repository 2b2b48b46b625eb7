//! The projected shapes the renderer draws: boxes for culling, triangulated fills and polylines.

use crate::geodesy::MapXy;

/// An axis-aligned box in projected metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoundsXy {
    /// The corner with the smallest x and y.
    pub min: MapXy,
    /// The corner with the largest x and y.
    pub max: MapXy,
}

impl BoundsXy {
    /// The bounds of `points`, `None` if there are none.
    ///
    /// ```
    /// use bmd_atlas::{basemap::BoundsXy, geodesy::MapXy};
    /// let b = BoundsXy::of(&[MapXy { x: 1.0, y: 5.0 }, MapXy { x: -2.0, y: 3.0 }]).unwrap();
    /// assert_eq!((b.min.x, b.max.y), (-2.0, 5.0));
    /// ```
    pub fn of(points: &[MapXy]) -> Option<BoundsXy> {
        let first = *points.first()?;
        Some(points.iter().fold(
            BoundsXy {
                min: first,
                max: first,
            },
            |b, p| BoundsXy {
                min: MapXy {
                    x: b.min.x.min(p.x),
                    y: b.min.y.min(p.y),
                },
                max: MapXy {
                    x: b.max.x.max(p.x),
                    y: b.max.y.max(p.y),
                },
            },
        ))
    }

    /// These bounds with `by` (metres) added on every side.
    pub fn grown(&self, by: f64) -> BoundsXy {
        BoundsXy {
            min: MapXy {
                x: self.min.x - by,
                y: self.min.y - by,
            },
            max: MapXy {
                x: self.max.x + by,
                y: self.max.y + by,
            },
        }
    }

    /// Whether two boxes overlap (touching counts).
    pub fn intersects(&self, other: &BoundsXy) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    /// Whether `p` lies inside or on the box.
    pub fn contains(&self, p: MapXy) -> bool {
        (self.min.x..=self.max.x).contains(&p.x) && (self.min.y..=self.max.y).contains(&p.y)
    }
}

/// A filled polygon, triangulated once, with its bounds for culling.
/// A piece of land: its exterior ring, then its holes, each open (the last point is not the
/// first) and in projected metres. Filled under the non-zero rule, the exterior counter-
/// clockwise or clockwise alike (holes run the other way).
#[derive(Clone, Debug)]
pub struct LandPiece {
    /// The exterior's bounds.
    pub bounds: BoundsXy,
    /// The exterior, then the holes.
    pub rings: Vec<Vec<MapXy>>,
}

impl LandPiece {
    /// Points in all rings.
    pub fn point_count(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }
}

#[derive(Clone, Debug)]
pub struct FillMesh {
    /// The bounds of `vertices`.
    pub bounds: BoundsXy,
    /// Projected vertices (the polygon's exterior ring, then its holes).
    pub vertices: Vec<MapXy>,
    /// Triangles as triples of indices into `vertices`.
    pub indices: Vec<u32>,
}

impl FillMesh {
    /// The triangles' corners.
    pub fn triangles(&self) -> impl Iterator<Item = [MapXy; 3]> + '_ {
        self.indices.chunks_exact(3).filter_map(|t| {
            let corner = |i: u32| self.vertices.get(i as usize).copied();
            Some([corner(t[0])?, corner(t[1])?, corner(t[2])?])
        })
    }

    /// Whether `p` lies in (or on the edge of) one of the triangles.
    pub fn contains(&self, p: MapXy) -> bool {
        self.bounds.contains(p)
            && self
                .triangles()
                .any(|[a, b, c]| point_in_triangle(p, a, b, c))
    }
}

/// Whether `p` lies inside or on triangle `a b c` (either winding).
pub fn point_in_triangle(p: MapXy, a: MapXy, b: MapXy, c: MapXy) -> bool {
    let d1 = cross(a, b, p);
    let d2 = cross(b, c, p);
    let d3 = cross(c, a, p);
    let has_negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let has_positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(has_negative && has_positive)
}

/// The z component of (b − a) × (p − a): positive when `p` is left of the line a→b.
pub(super) fn cross(a: MapXy, b: MapXy, p: MapXy) -> f64 {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

/// An open or closed line with its bounds for culling.
#[derive(Clone, Debug)]
pub struct Polyline {
    /// The bounds of `points`.
    pub bounds: BoundsXy,
    /// Projected points, at least two, no two consecutive ones equal.
    pub points: Vec<MapXy>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_in_triangle_either_winding() {
        let [a, b, c] = [
            MapXy { x: 0.0, y: 0.0 },
            MapXy { x: 4.0, y: 0.0 },
            MapXy { x: 0.0, y: 4.0 },
        ];
        let inside = MapXy { x: 1.0, y: 1.0 };
        let edge = MapXy { x: 2.0, y: 2.0 };
        let outside = MapXy { x: 3.0, y: 3.0 };
        for (a, b, c) in [(a, b, c), (a, c, b)] {
            assert!(point_in_triangle(inside, a, b, c));
            assert!(point_in_triangle(edge, a, b, c));
            assert!(!point_in_triangle(outside, a, b, c));
        }
    }
}
