//! Geometry for GIS formats: lon/lat coordinates within ±180°, rings split at the antimeridian,
//! rings around a pole closed over the pole, and RFC 7946 winding (exterior rings
//! counter-clockwise, holes clockwise).
//!
//! The geodesy functions return longitudes that are *continuous* (a ring crossing the
//! antimeridian goes on to 181°, 182°…), which suits drawing but not GeoJSON, where every
//! longitude lies in [-180, 180]. Here a polygon is cut along the antimeridian into pieces, each
//! shifted into range, so a GIS draws the same area without a band across the whole world.

use geo::orient::{Direction, Orient};
use geo::{Area, BooleanOps, Coord, LineString, MultiPolygon, Point, Polygon, Rect};

/// Decimal places kept: 1e-7° is about a centimetre.
const DECIMALS: f64 = 1e7;

/// A GeoJSON geometry in lon/lat degrees.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    Point([f64; 2]),
    LineString(Vec<[f64; 2]>),
    MultiLineString(Vec<Vec<[f64; 2]>>),
    /// Rings: the exterior first, then holes; each closed (first = last).
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

impl Geometry {
    /// The GeoJSON `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Geometry::Point(_) => "Point",
            Geometry::LineString(_) => "LineString",
            Geometry::MultiLineString(_) => "MultiLineString",
            Geometry::Polygon(_) => "Polygon",
            Geometry::MultiPolygon(_) => "MultiPolygon",
        }
    }

    /// The polygons of a `Polygon` or `MultiPolygon` (none for other geometries).
    pub fn polygons(&self) -> Vec<&Vec<Vec<[f64; 2]>>> {
        match self {
            Geometry::Polygon(p) => vec![p],
            Geometry::MultiPolygon(ps) => ps.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The lines of a `LineString` or `MultiLineString`.
    pub fn lines(&self) -> Vec<&Vec<[f64; 2]>> {
        match self {
            Geometry::LineString(l) => vec![l],
            Geometry::MultiLineString(ls) => ls.iter().collect(),
            _ => Vec::new(),
        }
    }
}

fn round(v: f64) -> f64 {
    (v * DECIMALS).round() / DECIMALS
}

fn valid(p: Point<f64>) -> bool {
    p.x().is_finite() && p.y().is_finite() && p.y().abs() <= 90.0
}

/// Longitude brought into [-180, 180].
fn wrap(lon: f64) -> f64 {
    let mut x = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if x == -180.0 && lon > 0.0 {
        x = 180.0;
    }
    x
}

/// A point, or `None` if it is not a place on Earth.
pub fn point(p: Point<f64>) -> Option<Geometry> {
    valid(p).then(|| Geometry::Point([round(wrap(p.x())), round(p.y())]))
}

/// Makes longitudes continuous: each within 180° of the one before.
fn unwrap(points: &[Point<f64>]) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(points.len());
    for p in points {
        let mut x = p.x();
        if let Some(prev) = out.last() {
            x += ((prev.x - x) / 360.0).round() * 360.0;
        }
        out.push(Coord { x, y: p.y() });
    }
    out
}

/// A line, split where it crosses the antimeridian; `None` if it has fewer than two points.
pub fn line(points: &[Point<f64>]) -> Option<Geometry> {
    if points.len() < 2 || !points.iter().all(|&p| valid(p)) {
        return None;
    }
    let coords = unwrap(points);
    // Which 360° band a longitude is in: band k holds [-180 + 360k, 180 + 360k).
    let band = |x: f64| ((x + 180.0) / 360.0).floor();
    let mut pieces: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    let mut k = band(coords[0].x);
    let shift = |x: f64, k: f64| round(x - 360.0 * k);
    current.push([shift(coords[0].x, k), round(coords[0].y)]);
    for pair in coords.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let kb = band(b.x);
        if kb != k {
            // Cross at the band edge between them.
            let edge = if kb > k {
                -180.0 + 360.0 * kb
            } else {
                -180.0 + 360.0 * k
            };
            let t = if b.x == a.x {
                0.0
            } else {
                (edge - a.x) / (b.x - a.x)
            };
            let y = round(a.y + t * (b.y - a.y));
            current.push([shift(edge, k), y]);
            pieces.push(std::mem::take(&mut current));
            current.push([shift(edge, kb), y]);
            k = kb;
        }
        current.push([shift(b.x, k), round(b.y)]);
    }
    pieces.push(current);
    pieces.retain(|p| p.len() >= 2);
    match pieces.len() {
        0 => None,
        1 => pieces.pop().map(Geometry::LineString),
        _ => Some(Geometry::MultiLineString(pieces)),
    }
}

/// A closed ring (first point = last, or the same place 360° on when it winds round a pole) as a
/// GeoJSON polygon: split at the antimeridian, closed over the pole it winds round, wound by the
/// right-hand rule. `inside` is a point inside the ring (a ring's centre), which decides the pole.
/// `holes` are closed rings inside it that are not part of the area; they must not wind round
/// a pole. `None` if the ring is degenerate.
pub fn polygon(
    ring: &[Point<f64>],
    holes: &[Vec<Point<f64>>],
    inside: Point<f64>,
) -> Option<Geometry> {
    if ring.len() < 4 || !ring.iter().all(|&p| valid(p)) {
        return None;
    }
    let mut coords = unwrap(ring);
    let (first, last) = (coords[0], coords[coords.len() - 1]);
    let turn = last.x - first.x;
    if turn.abs() > 180.0 {
        // Winds round a pole: go up to it and back along the top (or bottom) of the map.
        let pole = if inside.y() >= 0.0 { 90.0 } else { -90.0 };
        coords.push(Coord { x: last.x, y: pole });
        coords.push(Coord {
            x: first.x,
            y: pole,
        });
        coords.push(first);
    } else if first != last {
        coords.push(first);
    }
    let min = coords.iter().map(|c| c.x).fold(f64::INFINITY, f64::min);
    let max = coords.iter().map(|c| c.x).fold(f64::NEG_INFINITY, f64::max);
    let holes: Vec<LineString<f64>> = holes
        .iter()
        .filter(|h| h.len() >= 4 && h.iter().all(|&p| valid(p)))
        .map(|h| LineString::new(unwrap(h)))
        .collect();
    let whole = Polygon::new(LineString::new(coords), holes);
    let mut pieces: Vec<Polygon<f64>> = Vec::new();
    if min >= -180.0 && max <= 180.0 {
        pieces.push(whole);
    } else {
        let k0 = ((min + 180.0) / 360.0).floor() as i64;
        let k1 = ((max + 180.0) / 360.0).floor() as i64;
        for k in k0..=k1 {
            let west = -180.0 + 360.0 * k as f64;
            let band = Rect::new(
                Coord { x: west, y: -90.0 },
                Coord {
                    x: west + 360.0,
                    y: 90.0,
                },
            )
            .to_polygon();
            let cut: MultiPolygon<f64> = whole.intersection(&band);
            for p in cut {
                pieces.push(translate(&p, -360.0 * k as f64));
            }
        }
    }
    let mut out: Vec<Vec<Vec<[f64; 2]>>> = Vec::new();
    for p in pieces {
        if p.unsigned_area() < 1e-12 {
            continue;
        }
        let p = p.orient(Direction::Default);
        let mut rings = vec![ring_coords(p.exterior())];
        rings.extend(p.interiors().iter().map(ring_coords));
        out.push(rings);
    }
    match out.len() {
        0 => None,
        1 => out.pop().map(Geometry::Polygon),
        _ => Some(Geometry::MultiPolygon(out)),
    }
}

fn translate(p: &Polygon<f64>, dx: f64) -> Polygon<f64> {
    let shift = |ls: &LineString<f64>| {
        LineString::new(
            ls.coords()
                .map(|c| Coord {
                    x: c.x + dx,
                    y: c.y,
                })
                .collect(),
        )
    };
    Polygon::new(
        shift(p.exterior()),
        p.interiors().iter().map(shift).collect(),
    )
}

fn ring_coords(ls: &LineString<f64>) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = ls
        .coords()
        .map(|c| {
            [
                round(c.x.clamp(-180.0, 180.0)),
                round(c.y.clamp(-90.0, 90.0)),
            ]
        })
        .collect();
    out.dedup();
    if out.first() != out.last()
        && let Some(&first) = out.first()
    {
        out.push(first);
    }
    out
}

/// Twice the signed area of a ring in lon/lat (shoelace): positive when counter-clockwise.
///
/// ```
/// use bmd_atlas::exchange::shoelace;
/// assert!(shoelace(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]) > 0.0);
/// ```
pub fn shoelace(ring: &[[f64; 2]]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

/// A picture feature's geometry for GIS files; `None` if it is not a place on Earth.
pub fn of_feature(g: &crate::picture::Geometry) -> Option<Geometry> {
    match g {
        crate::picture::Geometry::Point(p) => point(*p),
        crate::picture::Geometry::Line(points) => line(points),
        crate::picture::Geometry::Area {
            ring,
            holes,
            inside,
            ..
        } => polygon(ring, holes, *inside),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::{coverage_fan, range_ring};

    fn all_in_range(g: &Geometry) -> bool {
        let check = |c: &[f64; 2]| c[0].abs() <= 180.0 && c[1].abs() <= 90.0;
        match g {
            Geometry::Point(c) => check(c),
            Geometry::LineString(l) => l.iter().all(check),
            Geometry::MultiLineString(ls) => ls.iter().flatten().all(check),
            Geometry::Polygon(p) => p.iter().flatten().all(check),
            Geometry::MultiPolygon(ps) => ps.iter().flatten().flatten().all(check),
        }
    }

    fn wound_right(g: &Geometry) -> bool {
        g.polygons().iter().all(|p| {
            p.iter()
                .enumerate()
                .all(|(i, r)| (shoelace(r) > 0.0) == (i == 0) && r.first() == r.last())
        })
    }

    #[test]
    fn a_ring_in_europe_is_one_counter_clockwise_polygon() {
        let centre = Point::new(24.4, 44.1);
        let g = polygon(&range_ring(centre, 850_000.0), &[], centre).expect("polygon");
        assert!(matches!(g, Geometry::Polygon(_)));
        assert!(wound_right(&g) && all_in_range(&g));
    }

    #[test]
    fn a_hole_is_an_inner_ring_wound_clockwise() {
        let centre = Point::new(24.4, 44.1);
        let hole = range_ring(centre, 200_000.0);
        let g = polygon(
            &range_ring(centre, 850_000.0),
            &[hole],
            Point::new(24.4, 49.0),
        );
        let Some(Geometry::Polygon(rings)) = &g else {
            panic!("not one polygon: {g:?}");
        };
        assert_eq!(rings.len(), 2);
        assert!(wound_right(g.as_ref().expect("polygon")));
    }

    #[test]
    fn a_ring_across_the_antimeridian_is_split() {
        let centre = Point::new(178.0, 60.0);
        let g = polygon(&range_ring(centre, 1_000_000.0), &[], centre).expect("polygon");
        let Geometry::MultiPolygon(parts) = &g else {
            panic!("not split: {g:?}");
        };
        assert_eq!(parts.len(), 2);
        assert!(wound_right(&g) && all_in_range(&g));
        // Both sides of the line are covered.
        let lons: Vec<f64> = parts.iter().flatten().flatten().map(|c| c[0]).collect();
        assert!(lons.iter().any(|&x| x > 170.0) && lons.iter().any(|&x| x < -170.0));
    }

    #[test]
    fn a_ring_round_the_pole_is_closed_over_it() {
        let centre = Point::new(-68.7, 76.5); // Thule
        let g = polygon(&range_ring(centre, 5_000_000.0), &[], centre).expect("polygon");
        assert!(wound_right(&g) && all_in_range(&g), "{g:?}");
        let ys: Vec<f64> = g
            .polygons()
            .iter()
            .flat_map(|p| p[0].iter().map(|c| c[1]))
            .collect();
        assert!(ys.contains(&90.0));
        // The area is the cap north of the ring: no part reaches the equator.
        assert!(ys.iter().all(|&y| y > 20.0));
    }

    #[test]
    fn a_fan_is_counter_clockwise() {
        let centre = Point::new(40.98, 44.93);
        let g = polygon(
            &coverage_fan(centre, 175.0, 240.0, 6_000_000.0),
            &[],
            centre,
        )
        .expect("fan");
        assert!(wound_right(&g) && all_in_range(&g));
    }

    #[test]
    fn a_line_across_the_antimeridian_is_split_at_it() {
        let a = Point::new(170.0, 60.0);
        let b = Point::new(-170.0, 62.0);
        let path = crate::geodesy::great_circle_arc(a, b);
        let g = line(&path).expect("line");
        let Geometry::MultiLineString(parts) = &g else {
            panic!("not split: {g:?}");
        };
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].last().map(|c| c[0]), Some(180.0));
        assert_eq!(parts[1].first().map(|c| c[0]), Some(-180.0));
        assert_eq!(
            parts[0].last().map(|c| c[1]),
            parts[1].first().map(|c| c[1])
        );
        assert!(all_in_range(&g));
    }

    #[test]
    fn longitudes_wrap() {
        assert_eq!(wrap(190.0), -170.0);
        assert_eq!(wrap(180.0), 180.0);
        assert_eq!(wrap(-180.0), -180.0);
        assert_eq!(wrap(540.0), 180.0);
    }
}
