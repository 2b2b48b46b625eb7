use super::line::{clip_polyline, split_at_cuts};
use super::polygon::Rings;
use super::polygon::{Edge, clip_to_box};
use super::rings::{point_in_ring, ring_area};
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
        .map(|p| ring_area(&p[0]).abs() - p[1..].iter().map(|h| ring_area(h).abs()).sum::<f64>())
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
            ring_area(&rings[0]).abs() - rings[1..].iter().map(|r| ring_area(r).abs()).sum::<f64>()
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
