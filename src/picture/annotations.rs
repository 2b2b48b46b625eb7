//! The analyst's annotations as features: a measured path as geodesic legs with its length, a
//! range ring as a geodesic circle labelled with its radius, a note or a point as a small mark
//! with its text. Drawn over everything but the symbols' labels, in one colour that no side uses.

use serde_json::json;

use super::style::{self, Stroke, SymbolShape};
use super::{
    Feature, FeatureKind, FeatureState, Geometry, ItemRef, Look, Marker, Picture, TextLook,
    properties,
};
use crate::geodesy::{great_circle_arc, measure, range_ring};
use crate::scenario::{Annotation, AnnotationKind, Layer, Scenario};

/// Labels of annotations win collisions against every site: the analyst put them there.
const PRIORITY: u8 = 250;

/// Adds the shown annotations' lines and areas to `lines` and their marks to `points`.
fn add(scenario: &Scenario, lines: &mut Vec<Feature>, points: &mut Vec<Feature>) {
    for (index, a) in scenario.annotations.iter().enumerate() {
        // Validated when kept (the loader, the commands); the geodesics draw nothing for a
        // point that is not one, so nothing is checked again here.
        if !a.visible {
            continue;
        }
        match a.kind {
            AnnotationKind::Path => path(a, index, lines, points),
            AnnotationKind::Ring => lines.extend(ring(a, index)),
            AnnotationKind::Note | AnnotationKind::Point => points.extend(mark(a, index)),
        }
    }
}

/// What every annotation feature shares.
fn feature(a: &Annotation, index: usize, id: String, geometry: Geometry, look: Look) -> Feature {
    Feature {
        id,
        layer: Layer::Annotations,
        kind: FeatureKind::Annotation,
        state: FeatureState::Plain,
        geometry,
        name: a.label.clone(),
        label: String::new(),
        caption: String::new(),
        priority: PRIORITY,
        look,
        item: Some(ItemRef::Annotation(index)),
        properties: properties(vec![
            ("id", json!(a.id)),
            ("annotation", json!(a.kind)),
            ("label", json!(a.label)),
            ("radius_km", json!(a.radius_km)),
        ]),
    }
}

fn path(a: &Annotation, index: usize, lines: &mut Vec<Feature>, points: &mut Vec<Feature>) {
    let at: Vec<geo::Point<f64>> = a.points.iter().map(|p| p.point()).collect();
    let mut line: Vec<geo::Point<f64>> = Vec::new();
    for w in at.windows(2) {
        let arc = great_circle_arc(w[0], w[1]);
        let skip = usize::from(!line.is_empty());
        line.extend(arc.into_iter().skip(skip));
    }
    let total_m: f64 = measure::legs(&at).iter().map(|l| l.distance_m).sum();
    let length = measure::km_and_nmi(total_m);
    // The label at the middle of the path, on the line: its ends are often sites, whose own
    // labels stay.
    let middle = line.get(line.len() / 2).copied();
    let mut f = feature(
        a,
        index,
        format!("annotation:{}", a.id),
        Geometry::Line(line),
        Look::line(Stroke::solid(2.0, style::ANNOTATION)),
    );
    f.caption = format!("Measured path: {length}");
    f.properties
        .insert("length_km".into(), json!(total_m / 1000.0));
    lines.push(f);
    if let Some(middle) = middle {
        let mut f = feature(
            a,
            index,
            format!("annotation:{}:label", a.id),
            Geometry::Point(middle),
            mark_look(SymbolShape::Dot, 2.5),
        );
        f.label = format!("{}: {length}", a.label);
        f.caption = format!("Measured path: {length}");
        points.push(f);
    }
}

fn ring(a: &Annotation, index: usize) -> Option<Feature> {
    let centre = a.anchor()?;
    let radius_km = a.radius_km?;
    let outline = range_ring(centre, radius_km * 1000.0);
    // The label at the ring's northernmost point, above the centre on every north-up map.
    let top = outline
        .iter()
        .copied()
        .max_by(|p, q| p.y().total_cmp(&q.y()))?;
    let radius = measure::km_and_nmi(radius_km * 1000.0);
    let mut f = feature(
        a,
        index,
        format!("annotation:{}", a.id),
        Geometry::Area {
            ring: outline,
            holes: Vec::new(),
            inside: centre,
            label_at: Some(top),
        },
        Look {
            text: Some(TextLook {
                colour: style::ANNOTATION,
                size_px: style::LABEL_SIZE_PX,
            }),
            ..Look::area(Stroke::dashed(2.0, style::ANNOTATION, 8.0, 4.0), None)
        },
    );
    f.label = format!("{}: {radius}", a.label);
    f.caption = format!("Range ring: {radius}");
    Some(f)
}

fn mark(a: &Annotation, index: usize) -> Option<Feature> {
    let at = a.anchor()?;
    let (shape, what) = match a.kind {
        AnnotationKind::Note => (SymbolShape::Square, "Note"),
        _ => (SymbolShape::Dot, "Point"),
    };
    let mut f = feature(
        a,
        index,
        format!("annotation:{}", a.id),
        Geometry::Point(at),
        mark_look(shape, 3.5),
    );
    f.label = a.label.clone();
    f.caption = format!("{what} at {:.3}° N, {:.3}° E", at.y(), at.x());
    Some(f)
}

fn mark_look(shape: SymbolShape, radius_px: f32) -> Look {
    Look {
        marker: Some(Marker { shape, radius_px }),
        ..Look::area(
            Stroke::solid(1.0, style::Rgba::rgb(255, 255, 255)),
            Some(style::ANNOTATION),
        )
    }
}

/// Adds the annotations to `picture`: their lines and rings over the other lines, their marks
/// over the symbols (so a note on a site stays readable).
pub(super) fn place(scenario: &Scenario, picture: &mut Picture) {
    if !picture.layers.annotations {
        return;
    }
    let (mut lines, mut points) = (Vec::new(), Vec::new());
    add(scenario, &mut lines, &mut points);
    picture.add_over_lines(lines, points);
}
