//! Geodesic rings, fans and arcs on the WGS84 ellipsoid.
//!
//! Everything here is computed with Karney's geodesic algorithms (geographiclib, via
//! [`geo::Geodesic`]), so a "2 500 km ring" really is 2 500 km from its centre to the metre. Points
//! are [`geo::Point`]s with x = longitude and y = latitude in degrees; distances are metres and
//! bearings degrees clockwise from true north.
//!
//! The polylines are densified (≤ 25 km along rings and arcs, ≤ 50 km along straight edges) because
//! a projection only bends the lines between vertices it is given. Their longitudes are
//! *continuous*: a line crossing the antimeridian goes on to 181°, 182°… rather than jumping to
//! −179°, so nothing downstream draws a stroke across the whole map.

use geo::{Bearing, Destination, Distance, Geodesic, Point};

/// Largest spacing between consecutive points on a ring or fan arc, metres.
const MAX_ARC_STEP_M: f64 = 25_000.0;
/// Largest spacing along a geodesic edge (fan sides, great-circle arcs), metres.
const MAX_EDGE_STEP_M: f64 = 50_000.0;
/// Fewest segments in a full ring.
const MIN_RING_SEGMENTS: usize = 72;
/// Most segments in a full ring (caps the 25 km rule for rings over ~5 700 km in radius).
const MAX_RING_SEGMENTS: usize = 1440;
/// IUGG mean Earth radius, metres; only used to guess how many points a ring needs.
const MEAN_EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Geodesic distance between two points on WGS84, metres.
///
/// ```
/// use bmd_atlas::geodesy::distance_m;
/// let new_york = geo::Point::new(-74.006, 40.7128);
/// let london = geo::Point::new(-0.1278, 51.5074);
/// assert_eq!(distance_m(new_york, london).round(), 5_585_234.0);
/// ```
pub fn distance_m(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.distance(a, b)
}

/// Initial bearing of the geodesic from `a` to `b`, degrees clockwise from north in [0, 360).
///
/// ```
/// use bmd_atlas::geodesy::bearing_deg;
/// let b = bearing_deg(geo::Point::new(10.0, 50.0), geo::Point::new(9.0, 50.0));
/// assert!((b - 270.4).abs() < 0.1); // west, a touch north of it
/// ```
pub fn bearing_deg(a: Point<f64>, b: Point<f64>) -> f64 {
    normalise_bearing(Geodesic.bearing(a, b))
}

/// The point `distance_m` metres from `from` along the geodesic with initial `bearing_deg`.
///
/// The returned longitude is normalised to [-180, 180].
///
/// ```
/// use bmd_atlas::geodesy::{destination, distance_m};
/// let from = geo::Point::new(21.0, 52.2);
/// let to = destination(from, 90.0, 300_000.0);
/// assert!((distance_m(from, to) - 300_000.0).abs() < 1e-6);
/// ```
pub fn destination(from: Point<f64>, bearing_deg: f64, distance_m: f64) -> Point<f64> {
    Geodesic.destination(from, bearing_deg, distance_m)
}

/// The geodesic circle of `radius_m` around `centre`, as a closed, counter-clockwise ring.
///
/// Points are generated at bearings falling from 360° to 0° (the RFC 7946 exterior orientation),
/// at most 25 km apart, with at least 72 and at most 1 440 segments (so rings over ~5 700 km in
/// radius have longer steps). The first point is due north of the centre and the last point
/// repeats it. Longitudes are continuous, unwrapped around the centre's longitude; for a ring that
/// encloses a pole they must sweep through 360°, so there the last point is the first shifted by
/// ±360° of longitude (the same place).
///
/// Returns an empty vector for a non-finite centre or a radius that is not a positive number.
///
/// ```
/// use bmd_atlas::geodesy::{distance_m, range_ring};
/// let tehran = geo::Point::new(51.389, 35.689);
/// let ring = range_ring(tehran, 2_000_000.0);
/// assert_eq!(ring.first(), ring.last());
/// assert!(ring.iter().all(|p| (distance_m(tehran, *p) - 2_000_000.0).abs() < 1.0));
/// ```
pub fn range_ring(centre: Point<f64>, radius_m: f64) -> Vec<Point<f64>> {
    if !(valid_point(centre) && positive(radius_m)) {
        return Vec::new();
    }
    let mut ring = circle_arc(
        centre,
        radius_m,
        360.0,
        0.0,
        MIN_RING_SEGMENTS,
        MAX_RING_SEGMENTS,
    );
    // Bearing 0° is bearing 360°: close on exactly the first point (up to a 360° turn).
    ring.pop();
    let mut out = Vec::with_capacity(ring.len() + 1);
    extend_unwrapped(&mut out, centre.x(), ring);
    if let Some(&first) = out.first() {
        push_unwrapped(&mut out, first);
    }
    out
}

/// A sensor's coverage: the geodesic sector of `range_m` around `boresight_deg`, `fov_deg` wide.
///
/// The closed polygon runs centre → out along the left-hand edge at `boresight + fov/2` → along
/// the arc with falling bearing to `boresight − fov/2` → back to the centre, i.e. counter-clockwise.
/// The arc is densified like [`range_ring`] (≤ 25 km), the two radial edges to ≤ 50 km. A field of
/// view of 360° or more gives the full [`range_ring`]. Longitudes are continuous as in
/// [`range_ring`].
///
/// Returns an empty vector for a non-finite centre, boresight, a range or field of view that is
/// not a positive number.
///
/// ```
/// use bmd_atlas::geodesy::{bearing_deg, coverage_fan};
/// let radar = geo::Point::new(26.0, 45.0);
/// let fan = coverage_fan(radar, 100.0, 120.0, 1_500_000.0);
/// assert_eq!(fan.first(), Some(&radar));
/// assert_eq!(fan.last(), Some(&radar));
/// let b = bearing_deg(radar, fan[fan.len() / 2]);
/// assert!((40.0..=160.0).contains(&b));
/// ```
pub fn coverage_fan(
    centre: Point<f64>,
    boresight_deg: f64,
    fov_deg: f64,
    range_m: f64,
) -> Vec<Point<f64>> {
    if !(valid_point(centre) && boresight_deg.is_finite() && positive(fov_deg) && positive(range_m))
    {
        return Vec::new();
    }
    if fov_deg >= 360.0 {
        return range_ring(centre, range_m);
    }
    let left = boresight_deg + fov_deg / 2.0;
    let right = boresight_deg - fov_deg / 2.0;
    let share = fov_deg / 360.0;
    let min_segments = ((MIN_RING_SEGMENTS as f64 * share).ceil() as usize).max(1);
    let max_segments = ((MAX_RING_SEGMENTS as f64 * share).ceil() as usize).max(min_segments);
    let arc = circle_arc(centre, range_m, left, right, min_segments, max_segments);

    let edge_steps = steps_for(range_m, MAX_EDGE_STEP_M);
    let radial = |bearing: f64, j: usize| {
        destination(centre, bearing, range_m * j as f64 / edge_steps as f64)
    };

    let mut out = Vec::with_capacity(arc.len() + 2 * edge_steps + 1);
    out.push(centre);
    extend_unwrapped(
        &mut out,
        centre.x(),
        (1..edge_steps).map(|j| radial(left, j)),
    );
    extend_unwrapped(&mut out, centre.x(), arc);
    extend_unwrapped(
        &mut out,
        centre.x(),
        (1..edge_steps).rev().map(|j| radial(right, j)),
    );
    push_unwrapped(&mut out, centre);
    out
}

/// The geodesic (shortest path on WGS84) from `a` to `b`, densified to ≤ 50 km per step.
///
/// Starts exactly at `a` and ends at `b`; longitudes are continuous, so when the path crosses the
/// antimeridian the end point's longitude is `b`'s shifted by 360°. Returns an empty vector when
/// either point is not a finite lon/lat. Nearly antipodal points have several shortest paths;
/// geographiclib picks one.
///
/// ```
/// use bmd_atlas::geodesy::great_circle_arc;
/// let moscow = geo::Point::new(37.6173, 55.7558);
/// let washington = geo::Point::new(-77.0369, 38.9072);
/// let path = great_circle_arc(moscow, washington);
/// assert_eq!(path.first(), Some(&moscow));
/// assert_eq!(path.last(), Some(&washington));
/// assert!(path.iter().any(|p| p.y() > 60.0)); // over the Arctic
/// ```
pub fn great_circle_arc(a: Point<f64>, b: Point<f64>) -> Vec<Point<f64>> {
    if !valid_point(a) || !valid_point(b) {
        return Vec::new();
    }
    let total = distance_m(a, b);
    let azimuth = Geodesic.bearing(a, b);
    let steps = steps_for(total, MAX_EDGE_STEP_M);
    let mut out = Vec::with_capacity(steps + 1);
    out.push(a);
    extend_unwrapped(
        &mut out,
        a.x(),
        (1..steps).map(|i| destination(a, azimuth, total * i as f64 / steps as f64)),
    );
    push_unwrapped(&mut out, b);
    out
}

/// Finite longitude, finite latitude within [-90, 90].
fn valid_point(p: Point<f64>) -> bool {
    p.x().is_finite() && p.y().is_finite() && p.y().abs() <= 90.0
}

/// A finite number greater than zero.
fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

/// A bearing in degrees mapped to [0, 360).
fn normalise_bearing(b: f64) -> f64 {
    let r = b.rem_euclid(360.0);
    // rem_euclid rounds tiny negative values up to 360.0.
    if r >= 360.0 { 0.0 } else { r }
}

/// Number of equal steps needed so none is longer than `max_step` (at least one).
fn steps_for(length: f64, max_step: f64) -> usize {
    ((length / max_step).ceil() as usize).max(1)
}

/// `lon` shifted by whole turns to lie within 180° of `reference`; unchanged when already there.
fn unwrap_lon(lon: f64, reference: f64) -> f64 {
    let turns = ((reference - lon) / 360.0).round();
    if turns == 0.0 {
        lon
    } else {
        lon + 360.0 * turns
    }
}

/// Appends `p` with its longitude unwrapped against the last point of `out`.
fn push_unwrapped(out: &mut Vec<Point<f64>>, p: Point<f64>) {
    let reference = out.last().map_or(p.x(), |q| q.x());
    out.push(Point::new(unwrap_lon(p.x(), reference), p.y()));
}

/// `points` with continuous longitudes: each shifted by whole turns to lie within 180° of the
/// one before, so a line crossing the antimeridian goes on past ±180° instead of jumping.
///
/// ```
/// use geo::Point;
/// let line = bmd_atlas::geodesy::unwrapped_line([Point::new(179.0, 60.0), Point::new(-179.0, 61.0)]);
/// assert_eq!(line[1].x(), 181.0);
/// ```
pub fn unwrapped_line(points: impl IntoIterator<Item = Point<f64>>) -> Vec<Point<f64>> {
    let mut points = points.into_iter().peekable();
    let first = points.peek().map_or(0.0, |p| p.x());
    let mut out = Vec::new();
    extend_unwrapped(&mut out, first, points);
    out
}

/// Appends `points`, unwrapping each longitude against the previous one (the first against the
/// last point of `out`, or `reference` when `out` is empty).
fn extend_unwrapped(
    out: &mut Vec<Point<f64>>,
    reference: f64,
    points: impl IntoIterator<Item = Point<f64>>,
) {
    for p in points {
        let r = out.last().map_or(reference, |q| q.x());
        out.push(Point::new(unwrap_lon(p.x(), r), p.y()));
    }
}

/// Points on the geodesic circle of `radius_m` around `centre` at bearings running linearly from
/// `from_deg` to `to_deg` (both included), with between `min_segments` and `max_segments`
/// segments, as few as keep every step ≤ [`MAX_ARC_STEP_M`]. Longitudes are as `destination`
/// returns them (not unwrapped).
fn circle_arc(
    centre: Point<f64>,
    radius_m: f64,
    from_deg: f64,
    to_deg: f64,
    min_segments: usize,
    max_segments: usize,
) -> Vec<Point<f64>> {
    let sweep = to_deg - from_deg;
    let sample = |n: usize| -> Vec<Point<f64>> {
        (0..=n)
            .map(|i| destination(centre, from_deg + sweep * i as f64 / n as f64, radius_m))
            .collect()
    };
    // Spherical estimate of the arc length; the ellipsoid differs by well under 1 %, and the check
    // below catches the rest.
    let length = 2.0
        * std::f64::consts::PI
        * MEAN_EARTH_RADIUS_M
        * (radius_m / MEAN_EARTH_RADIUS_M).sin().abs()
        * (sweep.abs() / 360.0);
    let mut n =
        ((length / (0.99 * MAX_ARC_STEP_M)).ceil() as usize).clamp(min_segments, max_segments);
    loop {
        let points = sample(n);
        let longest = points
            .windows(2)
            .map(|w| distance_m(w[0], w[1]))
            .fold(0.0, f64::max);
        if longest <= MAX_ARC_STEP_M || n >= max_segments {
            return points;
        }
        let grown = (n as f64 * longest / MAX_ARC_STEP_M * 1.01).ceil() as usize + 1;
        n = grown.clamp(n + 1, max_segments);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, GeodesicArea, LineString, Polygon};

    fn polygon(points: &[Point<f64>]) -> Polygon<f64> {
        Polygon::new(LineString::from(points.to_vec()), vec![])
    }

    /// Twice the signed planar area in lon/lat degrees (positive = counter-clockwise).
    fn shoelace(points: &[Point<f64>]) -> f64 {
        points
            .windows(2)
            .map(|w| w[0].x() * w[1].y() - w[1].x() * w[0].y())
            .sum()
    }

    fn max_step_m(points: &[Point<f64>]) -> f64 {
        points
            .windows(2)
            .map(|w| distance_m(w[0], w[1]))
            .fold(0.0, f64::max)
    }

    fn max_lon_jump(points: &[Point<f64>]) -> f64 {
        points
            .windows(2)
            .map(|w| (w[1].x() - w[0].x()).abs())
            .fold(0.0, f64::max)
    }

    #[test]
    fn bearings_are_normalised() {
        let c = Point::new(10.0, 50.0);
        assert!((bearing_deg(c, Point::new(10.0, 51.0)) - 0.0).abs() < 1e-9);
        assert!((bearing_deg(c, Point::new(11.0, 50.0)) - 89.6).abs() < 0.1);
        assert!((bearing_deg(c, Point::new(10.0, 49.0)) - 180.0).abs() < 1e-9);
        assert!((bearing_deg(c, Point::new(9.0, 50.0)) - 270.4).abs() < 0.1);
        for b in [0.0, 1e-13, 359.999_999_9, 123.0] {
            let got = bearing_deg(c, destination(c, b, 100_000.0));
            assert!((0.0..360.0).contains(&got), "{b} -> {got}");
        }
        assert_eq!(normalise_bearing(-1e-17), 0.0);
        assert_eq!(normalise_bearing(-90.0), 270.0);
        assert_eq!(normalise_bearing(720.0), 0.0);
    }

    #[test]
    fn destination_and_distance_agree() {
        let c = Point::new(-3.7, 40.4);
        for (b, d) in [(0.0, 1.0), (45.0, 1_000_000.0), (200.0, 7_500_000.0)] {
            let p = destination(c, b, d);
            assert!((distance_m(c, p) - d).abs() < 1e-6, "{b} {d}");
            assert!((bearing_deg(c, p) - b).abs() < 1e-7, "{b} {d}");
        }
    }

    #[test]
    fn ring_2500_km_is_true_closed_ccw_and_has_cap_area() {
        let centre = Point::new(51.389, 35.689); // Tehran
        let r = 2_500_000.0;
        let ring = range_ring(centre, r);
        assert!(ring.len() > MIN_RING_SEGMENTS && ring.len() <= MAX_RING_SEGMENTS + 1);
        assert_eq!(ring.first(), ring.last(), "closed");
        for p in &ring {
            assert!((distance_m(centre, *p) - r).abs() <= 1.0, "{p:?}");
        }
        assert!(
            max_step_m(&ring) <= MAX_ARC_STEP_M,
            "step {}",
            max_step_m(&ring)
        );
        // Starts due north.
        assert!((ring[0].x() - centre.x()).abs() < 1e-9 && ring[0].y() > centre.y());

        assert!(shoelace(&ring) > 0.0, "counter-clockwise in lon/lat");
        let area = polygon(&ring).geodesic_area_signed();
        assert!(area > 0.0, "counter-clockwise on the ellipsoid");
        let big_r = MEAN_EARTH_RADIUS_M;
        let cap = 2.0 * std::f64::consts::PI * big_r * big_r * (1.0 - (r / big_r).cos());
        assert!(
            ((area - cap) / cap).abs() < 0.005,
            "area {area} vs cap {cap}"
        );
    }

    #[test]
    fn ring_segment_count_is_bounded() {
        let c = Point::new(24.0, 54.0);
        assert_eq!(range_ring(c, 10_000.0).len(), MIN_RING_SEGMENTS + 1);
        assert_eq!(range_ring(c, 10_000_000.0).len(), MAX_RING_SEGMENTS + 1);
        assert!(range_ring(c, 0.0).is_empty());
        assert!(range_ring(c, f64::NAN).is_empty());
        assert!(range_ring(Point::new(f64::NAN, 0.0), 1000.0).is_empty());
    }

    #[test]
    fn ring_across_antimeridian_is_continuous() {
        let centre = Point::new(175.0, 65.0);
        let ring = range_ring(centre, 1_000_000.0);
        assert!(max_lon_jump(&ring) <= 10.0, "jump {}", max_lon_jump(&ring));
        assert!(
            ring.iter().any(|p| p.x() > 180.0),
            "does cross the antimeridian"
        );
        assert_eq!(ring.first(), ring.last());
        assert!(shoelace(&ring) > 0.0);
        for p in &ring {
            assert!((distance_m(centre, *p) - 1_000_000.0).abs() <= 1.0);
        }
    }

    #[test]
    fn ring_around_the_pole_is_continuous_and_closes_on_the_same_place() {
        let centre = Point::new(30.0, 85.0);
        let ring = range_ring(centre, 1_500_000.0);
        assert!(max_lon_jump(&ring) <= 10.0, "jump {}", max_lon_jump(&ring));
        let (first, last) = (ring[0], ring[ring.len() - 1]);
        assert_eq!(first.y(), last.y());
        assert_eq!((last.x() - first.x()).abs(), 360.0);
        assert!(distance_m(first, last) < 1e-6);
    }

    #[test]
    fn fan_stays_within_its_field_of_view() {
        let centre = Point::new(26.0, 45.0);
        let range = 1_500_000.0;
        let fan = coverage_fan(centre, 100.0, 120.0, range);
        assert_eq!(fan.first(), Some(&centre));
        assert_eq!(fan.last(), Some(&centre));
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut arc_points = 0;
        for p in &fan[1..fan.len() - 1] {
            let b = bearing_deg(centre, *p);
            assert!(
                (40.0 - 1e-6..=160.0 + 1e-6).contains(&b),
                "bearing {b} of {p:?}"
            );
            lo = lo.min(b);
            hi = hi.max(b);
            let d = distance_m(centre, *p);
            assert!(d <= range + 1.0);
            if (d - range).abs() <= 1.0 {
                arc_points += 1;
            }
        }
        assert!(
            (lo - 40.0).abs() < 1e-6 && (hi - 160.0).abs() < 1e-6,
            "{lo}..{hi}"
        );
        assert!(arc_points >= 25);
        // Arc steps ≤ 25 km, radial steps ≤ 50 km.
        assert!(max_step_m(&fan) <= MAX_EDGE_STEP_M + 1e-3);
        let arc: Vec<_> = fan
            .iter()
            .copied()
            .filter(|p| (distance_m(centre, *p) - range).abs() <= 1.0)
            .collect();
        assert!(max_step_m(&arc) <= MAX_ARC_STEP_M);
        // Counter-clockwise: the arc is walked from 160° down to 40°.
        assert!((bearing_deg(centre, fan[1]) - 160.0).abs() < 1e-6);
        assert!(shoelace(&fan) > 0.0);
        assert!(polygon(&fan).geodesic_area_signed() > 0.0);

        let shape = polygon(&fan);
        assert!(shape.contains(&destination(centre, 100.0, range / 2.0)));
        assert!(!shape.contains(&destination(centre, 200.0, range / 2.0)));
        assert!(!shape.contains(&destination(centre, 20.0, range / 2.0)));
    }

    #[test]
    fn full_circle_fan_is_a_ring_and_bad_fans_are_empty() {
        let c = Point::new(26.0, 45.0);
        assert_eq!(
            coverage_fan(c, 33.0, 360.0, 800_000.0),
            range_ring(c, 800_000.0)
        );
        assert!(coverage_fan(c, 33.0, 0.0, 800_000.0).is_empty());
        assert!(coverage_fan(c, f64::NAN, 90.0, 800_000.0).is_empty());
        assert!(coverage_fan(c, 33.0, 90.0, -1.0).is_empty());
        // A narrow fan still has densified radial edges.
        let narrow = coverage_fan(c, 33.0, 1.0, 800_000.0);
        assert!(narrow.len() >= 5);
    }

    #[test]
    fn moscow_to_washington_goes_over_the_arctic() {
        let moscow = Point::new(37.6173, 55.7558);
        let washington = Point::new(-77.0369, 38.9072);
        let path = great_circle_arc(moscow, washington);
        assert_eq!(path.first(), Some(&moscow));
        assert_eq!(path.last(), Some(&washington));
        assert!(
            max_step_m(&path) <= MAX_EDGE_STEP_M + 1e-3,
            "step {}",
            max_step_m(&path)
        );
        let total = distance_m(moscow, washington);
        assert_eq!(path.len(), steps_for(total, MAX_EDGE_STEP_M) + 1);
        let midpoint = path[path.len() / 2];
        assert!(midpoint.y() > 60.0, "midpoint {midpoint:?}");
        // Every vertex is on the geodesic: the distances add up.
        let along: f64 = path.windows(2).map(|w| distance_m(w[0], w[1])).sum();
        assert!((along - total).abs() < 1e-3);
    }

    #[test]
    fn arc_across_antimeridian_is_continuous() {
        let a = Point::new(170.0, 50.0);
        let b = Point::new(-170.0, 55.0);
        let path = great_circle_arc(a, b);
        assert!(max_lon_jump(&path) <= 10.0);
        let end = path[path.len() - 1];
        assert_eq!(end.y(), b.y());
        assert_eq!(end.x(), b.x() + 360.0);
        assert_eq!(great_circle_arc(a, a), vec![a, a]);
        assert!(great_circle_arc(a, Point::new(0.0, 95.0)).is_empty());
    }
}
