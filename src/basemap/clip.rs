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

/// Clips a polygon ring to the box (Sutherland–Hodgman). The ring may be concave and closed or
/// not; the result is open (no repeated closing point), without consecutive duplicates, and empty
/// when nothing of substance (at least 3 points and some area) is left. Where a concave ring leaves
/// and re-enters the box, the pieces stay joined by zero-width runs along the box edge, which add
/// no area and are harmless for filling.
fn clip_ring(ring: &[LonLat], b: &LonLatBox) -> Vec<LonLat> {
    let ring = open_ring(ring);
    let Some(bounds) = bbox(&ring) else {
        return ring;
    };
    let clipped = match b.relation(bounds) {
        Relation::Outside => return Vec::new(),
        Relation::Inside => ring,
        Relation::Crossing => {
            let mut current = ring;
            let mut next = Vec::with_capacity(current.len() + 8);
            for edge in [
                Edge::West(b.lon_min),
                Edge::East(b.lon_max),
                Edge::South(b.lat_min),
                Edge::North(b.lat_max),
            ] {
                edge.clip(&current, &mut next);
                std::mem::swap(&mut current, &mut next);
            }
            open_ring(&current)
        }
    };
    if clipped.len() < 3 || ring_area(&clipped) == 0.0 {
        Vec::new()
    } else {
        clipped
    }
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

/// Clips a polygon (exterior ring first, then holes; spherical world-atlas rings, see the module
/// docs) to the box: the polygons left, each as open rings, exterior first. A polygon across the
/// antimeridian may give one piece on each side; each hole goes with the piece that contains it.
pub fn clip_polygon(rings: &[Vec<LonLat>], b: &LonLatBox) -> Vec<Vec<Vec<LonLat>>> {
    let Some((exterior, holes)) = rings.split_first() else {
        return Vec::new();
    };
    let pieces_of = |ring: &[LonLat]| -> Vec<Vec<LonLat>> {
        let unwrapped = unwrap_ring(ring);
        let Some(bounds) = bbox(&unwrapped) else {
            return Vec::new();
        };
        let mut pieces = Vec::new();
        for k in b.copies(bounds) {
            let dlon = 360.0 * f64::from(k);
            let mut piece = clip_ring(&unwrapped, &b.shifted(dlon));
            if !piece.is_empty() {
                if k != 0 {
                    piece.iter_mut().for_each(|p| p[0] -= dlon);
                }
                pieces.push(piece);
            }
        }
        pieces
    };
    let mut polygons: Vec<Vec<Vec<LonLat>>> = pieces_of(exterior)
        .into_iter()
        .map(|piece| vec![piece])
        .collect();
    if polygons.is_empty() {
        return polygons;
    }
    for hole in holes.iter().flat_map(|hole| pieces_of(hole)) {
        let target = if polygons.len() == 1 {
            Some(0)
        } else {
            // A corner of the hole off the box's edges, so not on the exterior's clipped boundary.
            let probe = hole
                .iter()
                .find(|p| {
                    p[0] != b.lon_min && p[0] != b.lon_max && p[1] != b.lat_min && p[1] != b.lat_max
                })
                .or(hole.first());
            probe.and_then(|&p| {
                polygons
                    .iter()
                    .position(|rings| point_in_ring(p, &rings[0]))
            })
        };
        // A hole that fits no piece (only possible with degenerate input) is dropped: the area
        // then shows as land rather than the fill going wrong.
        if let Some(i) = target {
            polygons[i].push(hole);
        }
    }
    polygons
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
/// segment walked both ways (the zero-width runs of [`clip_ring`]) gets bit-identical points.
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

    #[test]
    fn sutherland_hodgman_clips_a_concave_polygon() {
        // Box x 1..5, y 1..4: 4 × 3 = 12 minus the notch's part x 2..4, y 2..4 (4) = 8.
        let clipped = clip_ring(&U, &boxed([1.0, 1.0, 5.0, 4.0]));
        assert_eq!(ring_area(&clipped).abs(), 8.0);
        assert!(
            clipped
                .iter()
                .all(|p| (1.0..=5.0).contains(&p[0]) && (1.0..=4.0).contains(&p[1]))
        );
        // Box x 1..5, y 3..5 cuts the U into its two arms, x 1..2 and 4..5 (2 each), joined by a
        // zero-width run along y = 3.
        let arms = clip_ring(&U, &boxed([1.0, 3.0, 5.0, 5.0]));
        assert_eq!(ring_area(&arms).abs(), 4.0);
        // Box over the notch only: nothing left.
        assert!(clip_ring(&U, &boxed([2.5, 3.0, 3.5, 5.0])).is_empty());
        // Box far away: nothing; box around everything: the ring unchanged.
        assert!(clip_ring(&U, &boxed([10.0, 10.0, 11.0, 11.0])).is_empty());
        assert_eq!(clip_ring(&U, &boxed([-1.0, -1.0, 7.0, 7.0])), U.to_vec());
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
