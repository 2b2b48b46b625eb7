//! Clipping polygons to the box: Sutherland–Hodgman edge by edge, the pieces inside re-linked
//! into separate rings, and big polygons split into pieces.

use super::rings::{open_ring, point_in_ring, ring_area, unwrap_ring};
use super::{LonLat, LonLatBox, Relation, bbox};

/// One side of the box, as a Sutherland–Hodgman clip edge.
#[derive(Clone, Copy)]
pub(super) enum Edge {
    West(f64),
    East(f64),
    South(f64),
    North(f64),
}

impl Edge {
    fn inside(self, p: LonLat) -> bool {
        match self {
            Edge::West(lon) => p[0] >= lon,
            Edge::East(lon) => p[0] <= lon,
            Edge::South(lat) => p[1] >= lat,
            Edge::North(lat) => p[1] <= lat,
        }
    }

    /// A point's position along the edge's line (latitude for a meridian, longitude for a
    /// parallel).
    fn along(self, p: LonLat) -> f64 {
        match self {
            Edge::West(_) | Edge::East(_) => p[1],
            Edge::South(_) | Edge::North(_) => p[0],
        }
    }

    /// Where segment `a`–`b` crosses the edge; only called with one end inside and one outside,
    /// so the divisor is never zero. The crossing is put exactly on the edge.
    fn crossing(self, a: LonLat, b: LonLat) -> LonLat {
        match self {
            Edge::West(lon) | Edge::East(lon) => {
                let t = (lon - a[0]) / (b[0] - a[0]);
                [lon, a[1] + t * (b[1] - a[1])]
            }
            Edge::South(lat) | Edge::North(lat) => {
                let t = (lat - a[1]) / (b[1] - a[1]);
                [a[0] + t * (b[0] - a[0]), lat]
            }
        }
    }

    /// Clips the closed ring `input` (no repeated closing point) to this edge's half-plane.
    pub(super) fn clip(self, input: &[LonLat], out: &mut Vec<LonLat>) {
        out.clear();
        let Some(&last) = input.last() else {
            return;
        };
        let (mut prev, mut prev_in) = (last, self.inside(last));
        for &p in input {
            let p_in = self.inside(p);
            if p_in != prev_in {
                out.push(self.crossing(prev, p));
            }
            if p_in {
                out.push(p);
            }
            (prev, prev_in) = (p, p_in);
        }
    }
}

/// A polygon as open rings: the exterior first, then holes.
pub type Rings = Vec<Vec<LonLat>>;

/// Clips a polygon (exterior ring first, then holes; spherical world-atlas rings, see the module
/// docs) to the box: the polygons left, as open rings, exterior first. A polygon across the
/// antimeridian may give one piece on each side, and a concave one several pieces.
pub fn clip_polygon(rings: &[Vec<LonLat>], b: &LonLatBox) -> Vec<Rings> {
    let Some((exterior, holes)) = rings.split_first() else {
        return Vec::new();
    };
    let exterior = unwrap_ring(exterior);
    let Some(bounds) = bbox(&exterior) else {
        return Vec::new();
    };
    let centre = 0.5 * (bounds[0][0] + bounds[1][0]);
    let mut unwrapped = vec![exterior];
    for hole in holes {
        let mut hole = unwrap_ring(hole);
        // Unwrapping may leave a hole a turn away from its exterior; bring it back.
        if let Some([min, max]) = bbox(&hole) {
            let turns = ((centre - 0.5 * (min[0] + max[0])) / 360.0).round();
            if turns != 0.0 {
                hole.iter_mut().for_each(|p| p[0] += 360.0 * turns);
            }
        }
        unwrapped.push(hole);
    }
    let mut out = Vec::new();
    for k in b.copies(bounds) {
        let dlon = 360.0 * f64::from(k);
        for mut polygon in clip_to_box(&unwrapped, &b.shifted(dlon)) {
            if k != 0 {
                polygon.iter_mut().flatten().for_each(|p| p[0] -= dlon);
            }
            out.push(polygon);
        }
    }
    out
}

/// Clips a polygon (rings in plain planar longitude/latitude) to the box, edge by edge.
pub(super) fn clip_to_box(rings: &[Vec<LonLat>], b: &LonLatBox) -> Vec<Rings> {
    let Some(bounds) = rings.first().and_then(|exterior| bbox(exterior)) else {
        return Vec::new();
    };
    match b.relation(bounds) {
        Relation::Outside => return Vec::new(),
        Relation::Inside => return vec![rings.iter().map(|r| open_ring(r)).collect()],
        Relation::Crossing => {}
    }
    let mut polygons = vec![rings.to_vec()];
    for edge in [
        Edge::West(b.lon_min),
        Edge::East(b.lon_max),
        Edge::South(b.lat_min),
        Edge::North(b.lat_max),
    ] {
        polygons = polygons
            .iter()
            .flat_map(|polygon| clip_polygon_to_edge(polygon, edge))
            .collect();
    }
    polygons
}

/// Which side of a clip edge a ring lies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Inside,
    Outside,
    Crossing,
}

/// Clips a polygon (open or closed rings, exterior first) to one edge's half-plane, as separate
/// polygons: the parts of the rings inside the half-plane ("runs", each from where it enters to
/// where it leaves) are linked along the edge into new rings, so unlike plain Sutherland–Hodgman
/// no zero-width runs along the edge are left, which would upset the triangulation. Should the
/// linking fail (only for self-intersecting input), falls back to Sutherland–Hodgman.
fn clip_polygon_to_edge(rings: &[Vec<LonLat>], edge: Edge) -> Vec<Rings> {
    let mut runs: Vec<Vec<LonLat>> = Vec::new();
    let mut whole_exterior = None;
    let mut whole_holes = Vec::new();
    for (i, ring) in rings.iter().enumerate() {
        // Exterior counter-clockwise, holes clockwise, so runs link up exit to entry.
        let mut ring = open_ring(ring);
        if (ring_area(&ring) > 0.0) != (i == 0) {
            ring.reverse();
        }
        match runs_inside(&ring, edge, &mut runs) {
            Side::Inside if i == 0 => whole_exterior = Some(ring),
            Side::Inside => whole_holes.push(ring),
            Side::Outside if i == 0 => return Vec::new(),
            Side::Outside | Side::Crossing => {}
        }
    }
    let exteriors = match whole_exterior {
        Some(exterior) if runs.is_empty() => vec![exterior],
        // A hole reaching outside its exterior: invalid input.
        Some(_) => return clip_polygon_bridged(rings, edge),
        None => match link_runs(&runs, edge) {
            Some(exteriors) => exteriors,
            None => return clip_polygon_bridged(rings, edge),
        },
    };
    let mut polygons: Vec<Rings> = exteriors
        .into_iter()
        .filter(|ring| ring.len() >= 3 && ring_area(ring) != 0.0)
        .map(|exterior| vec![exterior])
        .collect();
    for hole in whole_holes {
        let target = if polygons.len() == 1 {
            Some(0)
        } else {
            polygons
                .iter()
                .position(|polygon| point_in_ring(hole[0], &polygon[0]))
        };
        // A hole in no piece (only with invalid input) is dropped: shown as land, not garbled.
        if let Some(i) = target {
            polygons[i].push(hole);
        }
    }
    polygons
}

/// Appends to `runs` the parts of `ring` (open) inside the edge's half-plane, each starting with
/// the point where the ring enters the half-plane and ending where it leaves; says where the ring
/// lies (for a ring wholly inside or outside, no runs are added).
fn runs_inside(ring: &[LonLat], edge: Edge, runs: &mut Vec<Vec<LonLat>>) -> Side {
    let Some(start) = ring.iter().position(|&p| !edge.inside(p)) else {
        return if ring.is_empty() {
            Side::Outside
        } else {
            Side::Inside
        };
    };
    let n = ring.len();
    let runs_before = runs.len();
    let mut run: Option<Vec<LonLat>> = None;
    let (mut prev, mut prev_in) = (ring[start], false);
    // From the first outside point once round to it again, so every run is closed by an exit.
    for k in 1..=n {
        let p = ring[(start + k) % n];
        let p_in = edge.inside(p);
        match (prev_in, p_in) {
            (false, true) => run = Some(vec![edge.crossing(prev, p), p]),
            (true, true) => run.iter_mut().for_each(|r| r.push(p)),
            (true, false) => {
                if let Some(mut r) = run.take() {
                    r.push(edge.crossing(prev, p));
                    runs.push(r);
                }
            }
            (false, false) => {}
        }
        (prev, prev_in) = (p, p_in);
    }
    if runs.len() == runs_before {
        Side::Outside
    } else {
        Side::Crossing
    }
}

/// Links runs into rings: along the edge, the stretches inside the polygon lie between
/// consecutive crossings (1st–2nd, 3rd–4th, …), each from one run's exit to another's entry.
/// `None` if the crossings do not pair up that way.
fn link_runs(runs: &[Vec<LonLat>], edge: Edge) -> Option<Vec<Vec<LonLat>>> {
    const NONE: usize = usize::MAX;
    let mut ends: Vec<(f64, usize, bool)> = Vec::with_capacity(2 * runs.len());
    for (i, run) in runs.iter().enumerate() {
        ends.push((edge.along(*run.first()?), i, true));
        ends.push((edge.along(*run.last()?), i, false));
    }
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut next = vec![NONE; runs.len()];
    for pair in ends.chunks_exact(2) {
        let (exit, entry) = match (pair[0].2, pair[1].2) {
            (false, true) => (pair[0].1, pair[1].1),
            (true, false) => (pair[1].1, pair[0].1),
            _ => return None,
        };
        next[exit] = entry;
    }
    let mut visited = vec![false; runs.len()];
    let mut rings = Vec::new();
    for start in 0..runs.len() {
        let mut ring = Vec::new();
        let mut r = start;
        while visited.get(r) == Some(&false) {
            visited[r] = true;
            ring.extend_from_slice(&runs[r]);
            r = next[r];
        }
        if r != start && !ring.is_empty() {
            // Walked into another ring's run: the links do not form cycles.
            return None;
        }
        if !ring.is_empty() {
            rings.push(open_ring(&ring));
        }
    }
    Some(rings)
}

/// Plain Sutherland–Hodgman on each ring, the fallback of [`clip_polygon_to_edge`].
fn clip_polygon_bridged(rings: &[Vec<LonLat>], edge: Edge) -> Vec<Rings> {
    let mut out = Vec::with_capacity(rings.len());
    for (i, ring) in rings.iter().enumerate() {
        let mut clipped = Vec::with_capacity(ring.len() + 8);
        edge.clip(&open_ring(ring), &mut clipped);
        let clipped = open_ring(&clipped);
        if clipped.len() >= 3 && ring_area(&clipped) != 0.0 {
            out.push(clipped);
        } else if i == 0 {
            return Vec::new();
        }
    }
    vec![out]
}

/// Splits a clipped polygon (open rings, exterior first) into pieces of at most about
/// `max_points` points, halving it across the longer side of its bounds again and again: big
/// polygons (Eurasia has some 80 000 points at 1:10m) then triangulate faster and can be culled
/// piece by piece.
pub fn split_polygon(rings: Rings, max_points: usize) -> Vec<Rings> {
    // Deep enough for 2^12 pieces; a limit against input where halving stops helping.
    const MAX_DEPTH: u32 = 12;
    let mut done = Vec::new();
    let mut todo = vec![(rings, 0u32)];
    while let Some((rings, depth)) = todo.pop() {
        let points: usize = rings.iter().map(Vec::len).sum();
        let bounds = rings.first().and_then(|exterior| bbox(exterior));
        let Some([min, max]) = bounds.filter(|_| points > max_points && depth < MAX_DEPTH) else {
            done.push(rings);
            continue;
        };
        let halves = if max[0] - min[0] >= max[1] - min[1] {
            let mid = 0.5 * (min[0] + max[0]);
            [Edge::East(mid), Edge::West(mid)]
        } else {
            let mid = 0.5 * (min[1] + max[1]);
            [Edge::North(mid), Edge::South(mid)]
        };
        for edge in halves {
            for half in clip_polygon_to_edge(&rings, edge) {
                todo.push((half, depth + 1));
            }
        }
    }
    done
}
