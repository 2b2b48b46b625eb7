//! Clipping lines to the box, without the edges where the sphere was cut open.

use super::rings::{lerp, unwrap_lon};
use super::{LonLat, LonLatBox, Relation, bbox};

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
pub(super) fn clip_polyline(line: &[LonLat], b: &LonLatBox) -> Vec<Vec<LonLat>> {
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
pub(super) fn split_at_cuts(line: &[LonLat]) -> Vec<Vec<LonLat>> {
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
