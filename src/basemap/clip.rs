//! Clipping to a longitude/latitude box and densifying, on plain `[lon, lat]` degrees.
//!
//! world-atlas rings and arcs are spherical: an edge may cross the antimeridian (a jump from
//! 179.9° to −180°, e.g. Russia with Chukotka, or Fiji), and Antarctica's ring goes round the
//! south pole. [`clip_polygon`] and [`clip_line`] first make longitudes continuous
//! ([`unwrap_lon`]), close pole-encircling rings through the pole, and then clip against the box
//! and its copies 360° east and west, shifting each piece back.

use super::topology::LonLat;

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

/// One side of the box, as a Sutherland–Hodgman clip edge.
#[derive(Clone, Copy)]
enum Edge {
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
    fn clip(self, input: &[LonLat], out: &mut Vec<LonLat>) {
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

/// Drops a ring's closing point (if equal to the first) and consecutive duplicates.
fn open_ring(ring: &[LonLat]) -> Vec<LonLat> {
    let mut out: Vec<LonLat> = Vec::with_capacity(ring.len());
    for &p in ring {
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Makes longitudes continuous: where consecutive points jump by more than 180° (an edge across the
/// antimeridian), the rest of the line is shifted by 360° so the edge becomes short again.
pub fn unwrap_lon(points: &[LonLat]) -> Vec<LonLat> {
    let mut out = Vec::with_capacity(points.len());
    let mut offset = 0.0;
    let mut previous: Option<f64> = None;
    for &[lon, lat] in points {
        if let Some(previous) = previous {
            let step = lon - previous;
            if step > 180.0 {
                offset -= 360.0;
            } else if step < -180.0 {
                offset += 360.0;
            }
        }
        previous = Some(lon);
        out.push([lon + offset, lat]);
    }
    out
}

/// A ring with continuous longitudes. A ring that goes once round a pole (it ends 360° from where
/// it started once unwrapped) is closed through the pole nearer its points, so it encloses the
/// polar cap as a planar polygon would.
fn unwrap_ring(ring: &[LonLat]) -> Vec<LonLat> {
    let mut closed = ring.to_vec();
    if let (Some(&first), Some(&last)) = (ring.first(), ring.last())
        && first != last
    {
        closed.push(first);
    }
    let mut unwrapped = unwrap_lon(&closed);
    if let (Some(&first), Some(&last)) = (unwrapped.first(), unwrapped.last())
        && (last[0] - first[0]).abs() > 180.0
    {
        let mean_lat = unwrapped.iter().map(|p| p[1]).sum::<f64>() / unwrapped.len() as f64;
        let pole = if mean_lat < 0.0 { -90.0 } else { 90.0 };
        unwrapped.push([last[0], pole]);
        unwrapped.push([first[0], pole]);
    }
    unwrapped
}

/// Whether `p` is inside `ring` (even–odd rule; points on the boundary may go either way).
pub fn point_in_ring(p: LonLat, ring: &[LonLat]) -> bool {
    let Some(&last) = ring.last() else {
        return false;
    };
    let mut inside = false;
    let mut prev = last;
    for &q in ring {
        if (q[1] > p[1]) != (prev[1] > p[1])
            && p[0] < prev[0] + (p[1] - prev[1]) / (q[1] - prev[1]) * (q[0] - prev[0])
        {
            inside = !inside;
        }
        prev = q;
    }
    inside
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
fn clip_to_box(rings: &[Vec<LonLat>], b: &LonLatBox) -> Vec<Rings> {
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

/// Clips a line (a world-atlas arc, see the module docs) to the box: the pieces inside, with
/// edges along the antimeridian or a pole (where the sphere was cut open) removed.
pub fn clip_line(line: &[LonLat], b: &LonLatBox) -> Vec<Vec<LonLat>> {
    let mut out = Vec::new();
    for piece in split_at_cuts(line) {
        let unwrapped = unwrap_lon(&piece);
        let Some(bounds) = bbox(&unwrapped) else {
            continue;
        };
        for k in b.copies(bounds) {
            let dlon = 360.0 * f64::from(k);
            for mut clipped in clip_polyline(&unwrapped, &b.shifted(dlon)) {
                if k != 0 {
                    clipped.iter_mut().for_each(|p| p[0] -= dlon);
                }
                out.push(clipped);
            }
        }
    }
    out
}

/// The signed area of a ring by the shoelace formula (positive when counter-clockwise with x east,
/// y north); the ring may be closed or open.
pub fn ring_area(ring: &[LonLat]) -> f64 {
    let Some(&last) = ring.last() else {
        return 0.0;
    };
    let mut prev = last;
    let mut twice = 0.0;
    for &p in ring {
        twice += prev[0] * p[1] - p[0] * prev[1];
        prev = p;
    }
    twice / 2.0
}

/// The part `[t0, t1]` (0 ≤ t0 ≤ t1 ≤ 1) of segment `a`–`b` inside the box (Liang–Barsky), if any.
fn clip_segment(a: LonLat, b: LonLat, bx: &LonLatBox) -> Option<(f64, f64)> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-d[0], a[0] - bx.lon_min),
        (d[0], bx.lon_max - a[0]),
        (-d[1], a[1] - bx.lat_min),
        (d[1], bx.lat_max - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 <= t1).then_some((t0, t1))
}

fn lerp(a: LonLat, b: LonLat, t: f64) -> LonLat {
    [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
}

/// Keeps `piece` (without consecutive duplicates) in `out` if it has some length.
fn push_piece(piece: &mut Vec<LonLat>, out: &mut Vec<Vec<LonLat>>) {
    piece.dedup();
    if piece.len() >= 2 {
        out.push(std::mem::take(piece));
    } else {
        piece.clear();
    }
}

/// Clips a polyline to the box: the parts inside, each as its own piece (a line that leaves and
/// re-enters the box gives two). Zero-length pieces are dropped.
fn clip_polyline(line: &[LonLat], b: &LonLatBox) -> Vec<Vec<LonLat>> {
    let mut pieces = Vec::new();
    let Some(bounds) = bbox(line) else {
        return pieces;
    };
    match b.relation(bounds) {
        Relation::Outside => return pieces,
        Relation::Inside => {
            push_piece(&mut line.to_vec(), &mut pieces);
            return pieces;
        }
        Relation::Crossing => {}
    }
    let mut piece: Vec<LonLat> = Vec::new();
    for w in line.windows(2) {
        let (a, c) = (w[0], w[1]);
        let Some((t0, t1)) = clip_segment(a, c, b) else {
            push_piece(&mut piece, &mut pieces);
            continue;
        };
        if t0 > 0.0 || piece.is_empty() {
            push_piece(&mut piece, &mut pieces);
            piece.push(if t0 > 0.0 { lerp(a, c, t0) } else { a });
        }
        if t1 < 1.0 {
            piece.push(lerp(a, c, t1));
            push_piece(&mut piece, &mut pieces);
        } else {
            piece.push(c);
        }
    }
    push_piece(&mut piece, &mut pieces);
    pieces
}

/// Splits a line where it runs along the antimeridian (±180°) or a pole: those are edges where
/// Natural Earth cut the sphere open, not coastlines.
fn split_at_cuts(line: &[LonLat]) -> Vec<Vec<LonLat>> {
    const EPS: f64 = 1e-9;
    let on_cut = |a: LonLat, b: LonLat| {
        let same_meridian = (a[0] - b[0]).abs() < EPS && (a[0].abs() - 180.0).abs() < EPS;
        let same_pole = (a[1] - b[1]).abs() < EPS && (a[1].abs() - 90.0).abs() < EPS;
        same_meridian || same_pole
    };
    let mut pieces = Vec::new();
    let mut piece: Vec<LonLat> = Vec::new();
    for (i, &p) in line.iter().enumerate() {
        if i > 0 && on_cut(line[i - 1], p) {
            push_piece(&mut piece, &mut pieces);
        }
        piece.push(p);
    }
    push_piece(&mut piece, &mut pieces);
    pieces
}

/// Inserts points so no segment is longer than `max_step` degrees (also the closing segment when
/// `closed`). Intermediate points are interpolated from the lexicographically smaller end, so a
/// segment walked both ways (the cut shared by two pieces of [`split_polygon`], a zero-width run
/// of the Sutherland–Hodgman fallback) gets bit-identical points: no hairline gaps after
/// projection.
pub fn densify(points: &[LonLat], closed: bool, max_step: f64) -> Vec<LonLat> {
    // A cap on the points per segment: regions span at most 360° by 180°, so this only guards
    // against a non-positive or tiny `max_step`.
    const MAX_PIECES: f64 = 100_000.0;
    let mut out = Vec::with_capacity(points.len());
    for (i, &a) in points.iter().enumerate() {
        out.push(a);
        let b = match points.get(i + 1) {
            Some(&b) => b,
            None if closed && points.len() > 2 => points[0],
            None => break,
        };
        let length = (b[0] - a[0]).hypot(b[1] - a[1]);
        if length > max_step {
            let n = (length / max_step).ceil().min(MAX_PIECES) as u32;
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            for j in 1..n {
                let k = if a <= b { j } else { n - j };
                out.push(lerp(lo, hi, f64::from(k) / f64::from(n)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A U open at the top: the 6 × 6 square minus the notch x 2..4, y 2..6; area 36 − 8 = 28.
    const U: [LonLat; 8] = [
        [0.0, 0.0],
        [6.0, 0.0],
        [6.0, 6.0],
        [4.0, 6.0],
        [4.0, 2.0],
        [2.0, 2.0],
        [2.0, 6.0],
        [0.0, 6.0],
    ];

    fn boxed(region: [f64; 4]) -> LonLatBox {
        LonLatBox::from_region(region).unwrap()
    }

    #[test]
    fn shoelace_area_of_the_u() {
        assert_eq!(ring_area(&U), 28.0);
        let mut closed = U.to_vec();
        closed.push(U[0]);
        assert_eq!(ring_area(&closed), 28.0);
        let reversed: Vec<_> = U.iter().rev().copied().collect();
        assert_eq!(ring_area(&reversed), -28.0);
    }

    /// Plain Sutherland–Hodgman of one ring against the box's four edges.
    fn sutherland_hodgman(ring: &[LonLat], b: &LonLatBox) -> Vec<LonLat> {
        let mut current = ring.to_vec();
        let mut next = Vec::new();
        for edge in [
            Edge::West(b.lon_min),
            Edge::East(b.lon_max),
            Edge::South(b.lat_min),
            Edge::North(b.lat_max),
        ] {
            edge.clip(&current, &mut next);
            std::mem::swap(&mut current, &mut next);
        }
        current
    }

    fn areas(polygons: &[Rings]) -> Vec<f64> {
        polygons
            .iter()
            .map(|rings| ring_area(&rings[0]).abs())
            .collect()
    }

    #[test]
    fn sutherland_hodgman_clips_a_concave_polygon() {
        // Box x 1..5, y 1..4: 4 × 3 = 12 minus the notch's part x 2..4, y 2..4 (4) = 8.
        let b = boxed([1.0, 1.0, 5.0, 4.0]);
        let clipped = sutherland_hodgman(&U, &b);
        assert_eq!(ring_area(&clipped).abs(), 8.0);
        assert!(
            clipped
                .iter()
                .all(|p| (1.0..=5.0).contains(&p[0]) && (1.0..=4.0).contains(&p[1]))
        );
        assert_eq!(areas(&clip_to_box(&[U.to_vec()], &b)), vec![8.0]);
        // Box x 1..5, y 3..5 cuts the U into its two arms, x 1..2 and 4..5 (2 each). Plain
        // Sutherland–Hodgman keeps them in one ring joined by a zero-width run along y = 3 …
        let b = boxed([1.0, 3.0, 5.0, 5.0]);
        assert_eq!(ring_area(&sutherland_hodgman(&U, &b)).abs(), 4.0);
        // … the linked version gives two separate rings.
        let arms = clip_to_box(&[U.to_vec()], &b);
        assert_eq!(areas(&arms), vec![2.0, 2.0]);
        for arm in &arms {
            let xs: Vec<f64> = arm[0].iter().map(|p| p[0]).collect();
            let width = xs.iter().copied().fold(f64::MIN, f64::max)
                - xs.iter().copied().fold(f64::MAX, f64::min);
            assert_eq!(width, 1.0, "{arm:?}");
        }
        // Box over the notch only: nothing left.
        assert!(clip_to_box(&[U.to_vec()], &boxed([2.5, 3.0, 3.5, 5.0])).is_empty());
        // Box far away: nothing; box around everything: the ring unchanged.
        assert!(clip_to_box(&[U.to_vec()], &boxed([10.0, 10.0, 11.0, 11.0])).is_empty());
        assert_eq!(
            clip_to_box(&[U.to_vec()], &boxed([-1.0, -1.0, 7.0, 7.0])),
            vec![vec![U.to_vec()]]
        );
    }

    #[test]
    fn clipping_keeps_holes_and_cuts_through_them() {
        // 10 × 10 square with a 2 × 2 hole at 4..6: 96.
        let square = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
        let hole = vec![[4.0, 4.0], [4.0, 6.0], [6.0, 6.0], [6.0, 4.0]];
        let polygon = vec![square, hole];
        // Hole inside the box: kept as a hole. 8 × 8 − 4 = 60.
        let kept = clip_to_box(&polygon, &boxed([1.0, 1.0, 9.0, 9.0]));
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].len(), 2);
        assert_eq!(
            ring_area(&kept[0][0]).abs() - ring_area(&kept[0][1]).abs(),
            60.0
        );
        // Box edge through the hole: the hole becomes a notch. 5 × 10 − 1 × 2 = 48.
        let notched = clip_to_box(&polygon, &boxed([-1.0, -1.0, 5.0, 11.0]));
        assert_eq!(notched.len(), 1);
        assert_eq!(notched[0].len(), 1);
        assert_eq!(ring_area(&notched[0][0]).abs(), 48.0);
        // Box across the hole's middle band: split into the parts below and above. 2 × 4 each.
        let split = clip_to_box(&polygon, &boxed([3.0, 3.0, 7.0, 7.0]));
        let total: f64 = split
            .iter()
            .map(|p| {
                ring_area(&p[0]).abs() - p[1..].iter().map(|h| ring_area(h).abs()).sum::<f64>()
            })
            .sum();
        assert_eq!(total, 12.0);
    }

    #[test]
    fn polylines_are_cut_into_pieces() {
        let b = boxed([0.0, 0.0, 10.0, 10.0]);
        // In, out across the east edge, back in, and ending outside to the north.
        let line = [
            [5.0, 5.0],
            [15.0, 5.0],
            [15.0, 8.0],
            [5.0, 8.0],
            [5.0, 12.0],
        ];
        assert_eq!(
            clip_polyline(&line, &b),
            vec![
                vec![[5.0, 5.0], [10.0, 5.0]],
                vec![[10.0, 8.0], [5.0, 8.0], [5.0, 10.0]]
            ]
        );
        // A line passing right through.
        assert_eq!(
            clip_polyline(&[[-5.0, 5.0], [15.0, 5.0]], &b),
            vec![vec![[0.0, 5.0], [10.0, 5.0]]]
        );
        // Only touching a corner: degenerate, dropped.
        assert!(clip_polyline(&[[-5.0, 5.0], [5.0, -5.0]], &b).is_empty());
        assert!(clip_polyline(&[[20.0, 5.0], [30.0, 5.0]], &b).is_empty());
    }

    #[test]
    fn cuts_along_the_antimeridian_are_not_lines() {
        let line = [[170.0, 60.0], [180.0, 65.0], [180.0, 66.0], [175.0, 67.0]];
        assert_eq!(
            split_at_cuts(&line),
            vec![
                vec![[170.0, 60.0], [180.0, 65.0]],
                vec![[180.0, 66.0], [175.0, 67.0]]
            ]
        );
    }

    fn area_sum(polygons: &[Vec<Vec<LonLat>>]) -> f64 {
        polygons
            .iter()
            .map(|rings| ring_area(&rings[0]).abs())
            .sum()
    }

    #[test]
    fn polygons_across_the_antimeridian_are_split() {
        // 170°E to 170°W (through 180°), 60..70°N: 20° × 10° as world-atlas writes it.
        let square = vec![vec![
            [170.0, 60.0],
            [-170.0, 60.0],
            [-170.0, 70.0],
            [170.0, 70.0],
        ]];
        let arctic = boxed([-180.0, 0.0, 180.0, 90.0]);
        let pieces = clip_polygon(&square, &arctic);
        assert_eq!(pieces.len(), 2);
        assert_eq!(area_sum(&pieces), 200.0);
        for rings in &pieces {
            assert_eq!(ring_area(&rings[0]).abs(), 100.0);
            assert!(rings[0].iter().all(|p| (-180.0..=180.0).contains(&p[0])));
        }
        assert!(clip_polygon(&square, &boxed([-45.0, 10.0, 100.0, 85.0])).is_empty());
        let east = clip_polygon(&square, &boxed([175.0, 0.0, 180.0, 90.0]));
        assert_eq!(area_sum(&east), 50.0);
        // A ring round the north pole at 80°N closes through the pole: 360° × 10°.
        let cap = vec![vec![
            [-180.0, 80.0],
            [-90.0, 80.0],
            [0.0, 80.0],
            [90.0, 80.0],
            [180.0, 80.0],
        ]];
        assert_eq!(area_sum(&clip_polygon(&cap, &arctic)), 3600.0);
    }

    #[test]
    fn holes_go_with_their_piece() {
        // The square across 180° with a hole at 172..174°E and one at 174..176°W.
        let rings = vec![
            vec![[170.0, 60.0], [-170.0, 60.0], [-170.0, 70.0], [170.0, 70.0]],
            vec![[172.0, 62.0], [174.0, 62.0], [174.0, 64.0], [172.0, 64.0]],
            vec![
                [-176.0, 62.0],
                [-174.0, 62.0],
                [-174.0, 64.0],
                [-176.0, 64.0],
            ],
        ];
        let pieces = clip_polygon(&rings, &boxed([-180.0, 0.0, 180.0, 90.0]));
        assert_eq!(pieces.len(), 2);
        for piece in &pieces {
            assert_eq!(piece.len(), 2, "{piece:?}");
            assert!(point_in_ring(piece[1][0], &piece[0]));
        }
    }

    #[test]
    fn big_polygons_are_split_without_losing_area() {
        // A 10 × 10 square with 400 points along its edges and a 2 × 2 hole, split into pieces
        // of at most 60 points.
        let mut exterior = Vec::new();
        for i in 0..100 {
            exterior.push([f64::from(i) * 0.1, 0.0]);
        }
        for i in 0..100 {
            exterior.push([10.0, f64::from(i) * 0.1]);
        }
        for i in 0..100 {
            exterior.push([10.0 - f64::from(i) * 0.1, 10.0]);
        }
        for i in 0..100 {
            exterior.push([0.0, 10.0 - f64::from(i) * 0.1]);
        }
        let hole = vec![[3.0, 3.0], [3.0, 5.0], [5.0, 5.0], [5.0, 3.0]];
        let pieces = split_polygon(vec![exterior, hole], 60);
        assert!(pieces.len() >= 8, "{} pieces", pieces.len());
        assert!(
            pieces
                .iter()
                .all(|rings| rings.iter().map(Vec::len).sum::<usize>() <= 60)
        );
        let area: f64 = pieces
            .iter()
            .map(|rings| {
                ring_area(&rings[0]).abs()
                    - rings[1..].iter().map(|r| ring_area(r).abs()).sum::<f64>()
            })
            .sum();
        assert!((area - 96.0).abs() < 1e-9, "{area}");
        // Small polygons are left alone.
        assert_eq!(split_polygon(vec![U.to_vec()], 60), vec![vec![U.to_vec()]]);
    }

    #[test]
    fn lines_across_the_antimeridian_are_split() {
        let line = [[170.0, 65.0], [-170.0, 66.0]];
        let pieces = clip_line(&line, &boxed([-180.0, 0.0, 180.0, 90.0]));
        assert_eq!(
            pieces,
            vec![
                vec![[170.0, 65.0], [180.0, 65.5]],
                vec![[-180.0, 65.5], [-170.0, 66.0]]
            ]
        );
        let europe = boxed([-45.0, 10.0, 100.0, 85.0]);
        assert!(clip_line(&line, &europe).is_empty());
        assert_eq!(
            clip_line(&[[90.0, 50.0], [110.0, 50.0]], &europe),
            vec![vec![[90.0, 50.0], [100.0, 50.0]]]
        );
    }

    #[test]
    fn point_in_ring_even_odd() {
        assert!(point_in_ring([1.0, 1.0], &U));
        assert!(!point_in_ring([3.0, 4.0], &U));
        assert!(point_in_ring([5.0, 4.0], &U));
        assert!(!point_in_ring([7.0, 1.0], &U));
    }

    #[test]
    fn densify_limits_segment_length_and_is_symmetric() {
        let line = densify(&[[0.0, 0.0], [2.5, 0.0]], false, 1.0);
        assert_eq!(line.len(), 4);
        assert!(line.windows(2).all(|w| (w[1][0] - w[0][0]) <= 1.0));
        let ring = densify(&[[0.0, 0.0], [0.5, 0.0], [0.5, 3.0]], true, 1.0);
        // 3 points, plus 2 on the 3° side and 3 on the closing diagonal (3.04°).
        assert_eq!(ring.len(), 8);
        let a = [0.3, 10.0];
        let b = [7.1, 10.7];
        let forward = densify(&[a, b], false, 1.0);
        let mut backward = densify(&[b, a], false, 1.0);
        backward.reverse();
        assert_eq!(forward, backward);
    }
}
