//! Tests of the accumulated-area fill (`super`).

use super::*;

fn page(w: u32, h: u32) -> sk::Pixmap {
    let mut p = sk::Pixmap::new(w, h).expect("a size");
    p.fill(sk::Color::WHITE);
    p
}

const BLACK: [u8; 4] = [0, 0, 0, 255];

fn fill(pixmap: &mut sk::Pixmap, path: &sk::Path, rule: sk::FillRule) {
    let edges = Edges::of(path, sk::Transform::identity());
    edges.fill_band(&mut pixmap.as_mut(), 0.0, Cover::Fill(rule), BLACK, None);
}

/// How dark each pixel is, 0 to 255.
fn ink(p: &sk::Pixmap, x: u32, y: u32) -> u8 {
    255 - p.pixel(x, y).expect("inside").red()
}

#[test]
fn a_rectangle_covers_its_pixels_by_their_area() {
    let mut p = page(8, 40);
    let rect = sk::Rect::from_ltrb(1.5, 2.0, 5.0, 37.25).expect("a rectangle");
    fill(
        &mut p,
        &sk::PathBuilder::from_rect(rect),
        sk::FillRule::Winding,
    );
    assert_eq!(ink(&p, 0, 10), 0);
    assert_eq!(ink(&p, 1, 10), 128, "half the pixel");
    assert_eq!(ink(&p, 3, 10), 255);
    assert_eq!(ink(&p, 5, 10), 0);
    assert_eq!(ink(&p, 3, 1), 0);
    assert_eq!(ink(&p, 3, 37), 64, "a quarter, in the third strip");
    assert_eq!(ink(&p, 3, 38), 0);
}

#[test]
fn a_slanted_edge_covers_half_of_the_pixels_it_halves() {
    let mut p = page(20, 20);
    let mut b = sk::PathBuilder::new();
    b.move_to(0.0, 0.0);
    b.line_to(20.0, 20.0);
    b.line_to(0.0, 20.0);
    b.close();
    fill(&mut p, &b.finish().expect("a path"), sk::FillRule::Winding);
    for i in 0..20 {
        assert_eq!(ink(&p, i, i), 128, "diagonal pixel {i}");
    }
    assert_eq!(ink(&p, 3, 12), 255);
    assert_eq!(ink(&p, 12, 3), 0);
}

#[test]
fn the_rules_differ_where_contours_overlap() {
    let square = |b: &mut sk::PathBuilder, l: f32, r: f32| {
        b.move_to(l, l);
        b.line_to(r, l);
        b.line_to(r, r);
        b.line_to(l, r);
        b.close();
    };
    let mut b = sk::PathBuilder::new();
    square(&mut b, 2.0, 18.0);
    square(&mut b, 6.0, 14.0);
    let path = b.finish().expect("a path");
    let mut winding = page(20, 20);
    fill(&mut winding, &path, sk::FillRule::Winding);
    let mut even_odd = page(20, 20);
    fill(&mut even_odd, &path, sk::FillRule::EvenOdd);
    assert_eq!(ink(&winding, 10, 10), 255);
    assert_eq!(ink(&even_odd, 10, 10), 0, "a hole");
    assert_eq!(ink(&even_odd, 4, 10), 255);
}

#[test]
fn a_circle_has_its_area_and_a_band_below_the_top_draws_its_share() {
    let circle = sk::PathBuilder::from_circle(50.0, 50.0, 30.0).expect("a circle");
    let mut whole = page(100, 100);
    fill(&mut whole, &circle, sk::FillRule::Winding);
    let area: f32 = (0..100)
        .flat_map(|y| (0..100).map(move |x| (x, y)))
        .map(|(x, y)| ink(&whole, x, y) as f32 / 255.0)
        .sum();
    let exact = std::f32::consts::PI * 900.0;
    // Chords inside the curve lose about two thirds of their sagitta along the perimeter.
    assert!(
        (area - exact).abs() < exact * 0.002,
        "{area} against {exact}"
    );
    // The lower half painted as a band of its own gives the same pixels.
    let mut lower = page(100, 50);
    let edges = Edges::of(&circle, sk::Transform::identity());
    let cover = Cover::Fill(sk::FillRule::Winding);
    edges.fill_band(&mut lower.as_mut(), 50.0, cover, BLACK, None);
    for y in 0..50 {
        for x in 0..100 {
            assert_eq!(ink(&lower, x, y), ink(&whole, x, y + 50), "({x}, {y})");
        }
    }
}

#[test]
fn a_shape_past_the_left_edge_still_fills_what_is_on_the_page() {
    let mut p = page(10, 10);
    let rect = sk::Rect::from_ltrb(-30.0, 0.0, 4.0, 10.0).expect("a rectangle");
    fill(
        &mut p,
        &sk::PathBuilder::from_rect(rect),
        sk::FillRule::Winding,
    );
    assert_eq!(ink(&p, 0, 5), 255);
    assert_eq!(ink(&p, 3, 5), 255);
    assert_eq!(ink(&p, 4, 5), 0);
}

/// Three overlapping squares of one translucent colour, drawn the two ways round, as
/// layers in one pass: each pixel as tiny-skia leaves it after filling them one by one.
#[test]
fn layers_in_one_pass_match_fills_one_after_another() {
    let colour = [200, 30, 60, 40];
    let squares: Vec<sk::Path> = [(2.0, 2.0, false), (8.0, 5.0, true), (5.0, 9.0, false)]
        .into_iter()
        .map(|(x, y, reversed)| {
            let mut corners = [(x, y), (x + 12.0, y), (x + 12.0, y + 12.0), (x, y + 12.0)];
            if reversed {
                corners.reverse();
            }
            let mut b = sk::PathBuilder::new();
            b.move_to(corners[0].0, corners[0].1);
            for (cx, cy) in &corners[1..] {
                b.line_to(*cx, *cy);
            }
            b.close();
            b.finish().expect("a square")
        })
        .collect();
    let mut layered = page(24, 24);
    let mut edges = Edges::none();
    for s in &squares {
        edges.add_layer(Edges::of(s, sk::Transform::identity()));
    }
    edges.fill_band(&mut layered.as_mut(), 0.0, Cover::Layers, colour, None);
    let mut one_by_one = page(24, 24);
    let mut paint = sk::Paint::default();
    paint.set_color_rgba8(colour[0], colour[1], colour[2], colour[3]);
    for s in &squares {
        let (rule, id) = (sk::FillRule::Winding, sk::Transform::identity());
        one_by_one.fill_path(s, &paint, rule, id, None);
    }
    for (a, b) in layered.pixels().iter().zip(one_by_one.pixels()) {
        for (x, y) in [
            (a.red(), b.red()),
            (a.green(), b.green()),
            (a.blue(), b.blue()),
        ] {
            assert!(x.abs_diff(y) <= 2, "{a:?} against {b:?}");
        }
    }
    // Where all three overlap, three layers show: darker than where one does.
    let three = layered.pixel(9, 10).expect("inside");
    let one = layered.pixel(3, 3).expect("inside");
    assert!(three.green() < one.green() - 30, "{three:?} {one:?}");
}

/// A shape reaching the right edge of a band clipped by a mask: the mask is as wide as the
/// band, the amounts two columns wider.
#[test]
fn a_clipped_fill_to_the_right_edge_stays_within_the_mask() {
    let mut p = page(10, 10);
    let mut clip = sk::Mask::new(10, 10).expect("a size");
    let left = sk::Rect::from_ltrb(0.0, 0.0, 6.0, 10.0).expect("a rectangle");
    let identity = sk::Transform::identity();
    clip.fill_path(
        &sk::PathBuilder::from_rect(left),
        sk::FillRule::Winding,
        false,
        identity,
    );
    let rect = sk::Rect::from_ltrb(2.0, 0.0, 10.0, 10.0).expect("a rectangle");
    let edges = Edges::of(&sk::PathBuilder::from_rect(rect), identity);
    let cover = Cover::Fill(sk::FillRule::Winding);
    edges.fill_band(&mut p.as_mut(), 0.0, cover, BLACK, Some(&clip));
    assert_eq!(ink(&p, 1, 5), 0);
    assert_eq!(ink(&p, 4, 5), 255);
    assert_eq!(ink(&p, 8, 5), 0, "clipped");
}

/// On a page wide enough for blocks of many columns, thin slivers in blocks of every bit
/// word, and the untouched runs between them, each get exactly their coverage.
#[test]
fn thin_slivers_across_a_wide_row_each_cover_their_columns() {
    let width = 5000;
    let mut p = page(width, 4);
    let mut b = sk::PathBuilder::new();
    // A wide band from column 1000 to 4600 (left open inside: runs of untouched blocks),
    // and half-pixel slivers at columns 30, 2500 (inside the band: a hole, non-zero
    // winding of two stays covered) and 4990.
    b.push_rect(sk::Rect::from_ltrb(1000.0, 0.0, 4600.0, 4.0).expect("a rectangle"));
    for x in [30.0, 2500.0, 4990.0] {
        b.push_rect(sk::Rect::from_ltrb(x, 0.0, x + 0.5, 4.0).expect("a sliver"));
    }
    fill(&mut p, &b.finish().expect("a path"), sk::FillRule::Winding);
    assert_eq!(next_touched(&[0, 0, 1 << 5, 0], 3), Some(133));
    assert_eq!(next_touched(&[0, 1, 0, 0], 65), None);
    for y in 0..4 {
        assert_eq!(ink(&p, 29, y), 0);
        assert_eq!(ink(&p, 30, y), 128, "a sliver in the first word");
        assert_eq!(ink(&p, 31, y), 0);
        assert_eq!(ink(&p, 999, y), 0);
        for x in [1000, 1700, 2499, 2500, 2501, 4000, 4599] {
            assert_eq!(ink(&p, x, y), 255, "inside the band at {x}");
        }
        assert_eq!(ink(&p, 4600, y), 0);
        assert_eq!(ink(&p, 4989, y), 0);
        assert_eq!(ink(&p, 4990, y), 128, "a sliver in the last word");
        assert_eq!(ink(&p, 4999, y), 0);
    }
}

#[test]
fn dividing_by_255_rounds_down_for_every_sum_a_blend_makes() {
    for y in 0..=65_152u16 {
        assert_eq!(u32::from(div255(y)), u32::from(y) / 255, "{y}");
    }
}
