//! Smooth outlines of a set of cells on a square lattice: the shape of a defended footprint
//! without the staircase of its grid squares.
//!
//! 1. **Marching squares** on the cell centres: each cell has a weight, 1 in the set and 0 out
//!    of it, and the boundary crosses each lattice edge where the weight, interpolated along
//!    it, is one half (the 2-D form of Lorensen & Cline's marching cubes, 1987): between a cell
//!    in the set and one out of it, the middle. A lone cell becomes a diamond, a diagonal row of
//!    cells a straight diagonal line. A weight between 0 and ½ (a sea cell next to a coast)
//!    stays out of the set but moves the boundary towards it. Where two cells of the set touch
//!    only at a corner they stay apart, so no outline touches itself.
//! 2. **Corner cutting** (Chaikin, "An algorithm for high-speed curve generation", 1974): each
//!    edge is replaced by the points a quarter and three quarters along it, twice. The points
//!    are half a cell apart, so the rounding stays within a cell of the marching-squares line.
//! 3. **Simplification** (Douglas & Peucker, 1973, via `geo`): points closer than 3 % of a
//!    cell to the line through their neighbours are dropped.
//! 4. Rings wound counter-clockwise are outlines, clockwise ones holes; each hole goes to the
//!    smallest outline around it.
//!
//! Everything is in lattice units: the centre of cell (i, j) is at (i, j).

use std::collections::HashMap;

use geo::{Area, Contains, Coord, LineString, Point, Polygon, Simplify};

/// Rounds of corner cutting.
const CHAIKIN_ROUNDS: usize = 2;
/// Douglas–Peucker tolerance, cells.
const SIMPLIFY_CELLS: f64 = 0.03;

/// Weighted cells on a square lattice, row by row from the south-west: `weight[j * columns + i]`
/// for column `i` (eastwards) and row `j` (northwards). A cell is in the set when its weight is
/// over one half.
#[derive(Clone, Debug, PartialEq)]
pub struct Lattice {
    pub columns: usize,
    pub rows: usize,
    pub weight: Vec<f64>,
}

impl Lattice {
    /// The weight of cell (i, j); 0 outside the lattice.
    fn at(&self, i: i64, j: i64) -> f64 {
        if i < 0 || j < 0 || i >= self.columns as i64 || j >= self.rows as i64 {
            return 0.0;
        }
        let k = j as usize * self.columns + i as usize;
        self.weight.get(k).copied().unwrap_or(0.0)
    }
}

/// The smooth outline of the cells in `lattice`, as polygons with holes, in lattice units.
///
/// ```
/// use bmd_atlas::picture::contour::{Lattice, outline};
/// use geo::Area;
/// // A 6 × 6 block of cells: one smooth polygon of about 36 cells' area.
/// let inside = |k: usize| (1..7).contains(&(k % 8)) && (1..7).contains(&(k / 8));
/// let lattice = Lattice { columns: 8, rows: 8, weight: (0..64).map(|k| f64::from(u8::from(inside(k)))).collect() };
/// let polygons = outline(&lattice);
/// assert_eq!(polygons.len(), 1);
/// assert!((polygons[0].unsigned_area() - 36.0).abs() < 36.0 * 0.05);
/// ```
pub fn outline(lattice: &Lattice) -> Vec<Polygon<f64>> {
    let rings: Vec<LineString<f64>> = chain(marching_squares(lattice))
        .into_iter()
        .map(|ring| {
            ring.into_iter()
                .map(|edge| crossing(lattice, edge))
                .collect::<Vec<_>>()
        })
        .map(|ring| smooth(&ring))
        .filter(|ring| ring.0.len() >= 4)
        .collect();
    assemble(rings)
}

/// A lattice edge, by its middle in half cells (so that edge middles are whole numbers).
type Half = (i64, i64);

/// Where the boundary crosses `edge`, lattice units: where the weight interpolated along it is ½.
fn crossing(lattice: &Lattice, (x, y): Half) -> Coord<f64> {
    // An edge along x has an odd x in half cells; its ends are the cells either side.
    let (a, b) = if x % 2 != 0 {
        let i = (x - 1) / 2;
        ((i, y / 2), (i + 1, y / 2))
    } else {
        let j = (y - 1) / 2;
        ((x / 2, j), (x / 2, j + 1))
    };
    let (wa, wb) = (lattice.at(a.0, a.1), lattice.at(b.0, b.1));
    let t = if (wa - wb).abs() > f64::EPSILON {
        ((wa - 0.5) / (wa - wb)).clamp(0.0, 1.0)
    } else {
        0.5
    };
    Coord {
        x: a.0 as f64 + t * (b.0 - a.0) as f64,
        y: a.1 as f64 + t * (b.1 - a.1) as f64,
    }
}

/// The boundary as directed segments between edges, the set on their left: start → end.
fn marching_squares(lattice: &Lattice) -> HashMap<Half, Half> {
    let mut next = HashMap::new();
    for j in -1..lattice.rows as i64 {
        for i in -1..lattice.columns as i64 {
            // Corners counter-clockwise from the south-west; edge k runs from corner k to k + 1.
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                .map(|(x, y)| lattice.at(x, y) > 0.5);
            let middles: [Half; 4] = [
                (2 * i + 1, 2 * j),
                (2 * i + 2, 2 * j + 1),
                (2 * i + 1, 2 * j + 2),
                (2 * i, 2 * j + 1),
            ];
            for (first, last) in inside_runs(corners) {
                // Leave along the edge after the run's last corner, come back along the edge
                // before its first: the run stays on the left.
                next.insert(middles[last], middles[(first + 3) % 4]);
            }
        }
    }
    next
}

/// The runs of consecutive corners in the set, going round the square, as (first, last); none
/// when all four or none are in it.
fn inside_runs(corners: [bool; 4]) -> Vec<(usize, usize)> {
    let count = corners.iter().filter(|&&c| c).count();
    if count == 0 || count == 4 {
        return Vec::new();
    }
    let mut runs = Vec::new();
    for first in 0..4 {
        // A run starts at a corner in the set whose predecessor is not.
        if corners[first] && !corners[(first + 3) % 4] {
            let mut last = first;
            while corners[(last + 1) % 4] {
                last = (last + 1) % 4;
            }
            runs.push((first, last));
        }
    }
    runs
}

/// The segments joined into closed rings of edges (first repeated last).
fn chain(mut next: HashMap<Half, Half>) -> Vec<Vec<Half>> {
    let mut rings = Vec::new();
    while let Some(&start) = next.keys().next() {
        let mut ring = vec![start];
        let mut at = start;
        while let Some(to) = next.remove(&at) {
            ring.push(to);
            at = to;
            if at == start {
                break;
            }
        }
        if at == start && ring.len() >= 4 {
            rings.push(ring);
        }
    }
    rings
}

/// Chaikin's corner cutting on a closed ring, then Douglas–Peucker.
fn smooth(ring: &[Coord<f64>]) -> LineString<f64> {
    let mut points: Vec<Coord<f64>> = ring[..ring.len() - 1].to_vec();
    for _ in 0..CHAIKIN_ROUNDS {
        let n = points.len();
        let mut cut = Vec::with_capacity(2 * n);
        for k in 0..n {
            let (a, b) = (points[k], points[(k + 1) % n]);
            cut.push(a * 0.75 + b * 0.25);
            cut.push(a * 0.25 + b * 0.75);
        }
        points = cut;
    }
    // Start at the lowest point, so that a boundary shared by two regions (one's outline, the
    // other's hole, run the other way) is simplified to the same points and they meet exactly.
    let lowest = (0..points.len()).min_by(|&a, &b| {
        let (p, q) = (points[a], points[b]);
        p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y))
    });
    points.rotate_left(lowest.unwrap_or(0));
    if let Some(&first) = points.first() {
        points.push(first);
    }
    LineString::new(points).simplify(SIMPLIFY_CELLS)
}

/// Outlines (counter-clockwise) with the holes (clockwise) that lie in them.
fn assemble(rings: Vec<LineString<f64>>) -> Vec<Polygon<f64>> {
    let (outer, holes): (Vec<Polygon<f64>>, Vec<Polygon<f64>>) = rings
        .into_iter()
        .map(|r| Polygon::new(r, Vec::new()))
        .partition(|p| p.signed_area() > 0.0);
    let mut interiors: Vec<Vec<LineString<f64>>> = vec![Vec::new(); outer.len()];
    for hole in holes {
        let Some(&probe) = hole.exterior().0.first() else {
            continue;
        };
        let probe = Point::from(probe);
        let around = outer
            .iter()
            .enumerate()
            .filter(|(_, o)| o.contains(&probe))
            .min_by(|(_, a), (_, b)| a.unsigned_area().total_cmp(&b.unsigned_area()));
        if let Some((k, _)) = around {
            interiors[k].push(hole.exterior().clone());
        }
    }
    outer
        .into_iter()
        .zip(interiors)
        .map(|(o, holes)| Polygon::new(o.exterior().clone(), holes))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lattice(rows: &[&str]) -> Lattice {
        // Written north row first, as it looks.
        let columns = rows[0].len();
        let weight = rows
            .iter()
            .rev()
            .flat_map(|r| r.chars().map(|c| if c == '#' { 1.0 } else { 0.0 }))
            .collect();
        Lattice {
            columns,
            rows: rows.len(),
            weight,
        }
    }

    #[test]
    fn a_lone_cell_is_a_small_round_polygon() {
        let p = outline(&lattice(&["...", ".#.", "..."]));
        assert_eq!(p.len(), 1);
        let area = p[0].unsigned_area();
        // The diamond through the edge middles is half a cell; cutting its corners rounds it.
        assert!(area > 0.25 && area <= 0.5, "{area}");
        assert!(p[0].contains(&Point::new(1.0, 1.0)));
    }

    #[test]
    fn a_ring_of_cells_has_a_hole() {
        let p = outline(&lattice(&[".....", ".###.", ".#.#.", ".###.", "....."]));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].interiors().len(), 1);
        assert!(!p[0].contains(&Point::new(2.0, 2.0)));
        assert!(p[0].contains(&Point::new(1.0, 2.0)));
    }

    #[test]
    fn cells_touching_at_a_corner_stay_apart() {
        let p = outline(&lattice(&["....", ".#..", "..#.", "...."]));
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn a_light_neighbour_moves_the_boundary_towards_itself() {
        let mut l = lattice(&["...", ".#.", "..."]);
        let plain = outline(&l)[0].unsigned_area();
        l.weight[5] = 0.25; // east of the cell
        let p = outline(&l);
        assert_eq!(p.len(), 1);
        assert!(p[0].unsigned_area() > plain);
        assert!(!p[0].contains(&Point::new(2.0, 1.0)));
    }

    #[test]
    fn every_boundary_point_starts_one_segment_and_ends_one() {
        let l = lattice(&["#.#.##", "######", "#..#.#", "##.###"]);
        let next = marching_squares(&l);
        let mut ends: Vec<Half> = next.values().copied().collect();
        ends.sort_unstable();
        let mut starts: Vec<Half> = next.keys().copied().collect();
        starts.sort_unstable();
        assert_eq!(starts, ends);
    }
}
