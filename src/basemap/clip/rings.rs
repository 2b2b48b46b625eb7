//! Rings and lines on plain `[lon, lat]` degrees: continuous longitudes, closing through a pole,
//! area, containment and densifying.

use super::LonLat;

/// Drops a ring's closing point (if equal to the first) and consecutive duplicates.
pub(super) fn open_ring(ring: &[LonLat]) -> Vec<LonLat> {
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
pub(super) fn unwrap_ring(ring: &[LonLat]) -> Vec<LonLat> {
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

pub(super) fn lerp(a: LonLat, b: LonLat, t: f64) -> LonLat {
    [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
}

/// Inserts points so no segment is longer than `max_step` degrees (also the closing segment when
/// `closed`). Intermediate points are interpolated from the lexicographically smaller end, so a
/// segment walked both ways (the cut shared by two pieces of
/// [`split_polygon`](super::split_polygon), a zero-width run of the Sutherland–Hodgman fallback)
/// gets bit-identical points: no hairline gaps after projection.
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
