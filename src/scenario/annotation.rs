//! Annotations: the marks an analyst keeps on the map (a measured path, a range ring, a text
//! note, a point), saved in the scenario file since format version 4 and drawn in every output.
//!
//! An annotation is plain data: where it is (WGS84 degrees), what it says, and whether it is
//! shown. How it looks is the picture's business (`picture::annotations`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::format::group_thousands;

/// Most annotations in a scenario: far beyond what a briefing carries, few enough that every one
/// can be drawn and labelled in a frame.
pub const MAX_ANNOTATIONS: usize = 2_000;
/// Most points on one measured path.
pub const MAX_PATH_POINTS: usize = 1_000;
/// Longest label, in characters: a label is drawn on the map, so it is a line, not a document.
pub const MAX_LABEL_CHARS: usize = 500;
/// Largest range ring radius, km: half the Earth's circumference (beyond it the ring shrinks
/// round the antipode).
pub const MAX_RING_RADIUS_KM: f64 = 20_000.0;

/// What an annotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationKind {
    /// A measured path: great-circle legs through two or more points.
    Path,
    /// A range ring: every point `radius_km` from its centre along the geodesic.
    Ring,
    /// A text note fixed to one point; the label is the text.
    Note,
    /// A marked point with a label.
    Point,
}

impl AnnotationKind {
    /// The kind in words, for menus and the layer panel ("range ring").
    pub fn label(self) -> &'static str {
        match self {
            AnnotationKind::Path => "measured path",
            AnnotationKind::Ring => "range ring",
            AnnotationKind::Note => "note",
            AnnotationKind::Point => "point",
        }
    }
}

/// A position in WGS84 degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LatLon {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
}

impl LatLon {
    /// As a `geo` point (x = longitude, y = latitude).
    pub fn point(self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }
}

impl From<geo::Point<f64>> for LatLon {
    fn from(p: geo::Point<f64>) -> LatLon {
        LatLon {
            lat: p.y(),
            lon: p.x(),
        }
    }
}

/// A mark kept on the map.
///
/// ```
/// use bmd_atlas::scenario::{Annotation, LatLon};
/// let ring = Annotation::ring("ring-1", "1,000 km from Deveselu", LatLon { lat: 44.07, lon: 24.38 }, 1000.0);
/// assert!(ring.problems().is_empty());
/// let mut bad = ring.clone();
/// bad.points[0].lat = f64::NAN;
/// assert_eq!(bad.problems()[0].0, "points[0].lat");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Unique among the scenario's annotations (`ring-1`).
    pub id: String,
    pub kind: AnnotationKind,
    /// What the map shows beside it; for a note, the note itself. Never empty.
    pub label: String,
    /// A path's points in order; a ring's centre; a note's or point's place.
    pub points: Vec<LatLon>,
    /// A ring's radius, km along the geodesic (rings only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius_km: Option<f64>,
    /// Drawn on the map and in exports (the layer panel's tick).
    #[serde(default = "shown", skip_serializing_if = "is_shown")]
    pub visible: bool,
}

fn shown() -> bool {
    true
}

fn is_shown(visible: &bool) -> bool {
    *visible
}

impl Annotation {
    /// A measured path through `points`.
    pub fn path(id: &str, label: &str, points: Vec<LatLon>) -> Annotation {
        Annotation::new(id, AnnotationKind::Path, label, points, None)
    }

    /// A range ring of `radius_km` around `centre`.
    pub fn ring(id: &str, label: &str, centre: LatLon, radius_km: f64) -> Annotation {
        Annotation::new(
            id,
            AnnotationKind::Ring,
            label,
            vec![centre],
            Some(radius_km),
        )
    }

    /// A note (`kind` Note) or a labelled point (`kind` Point) at `at`.
    pub fn at(id: &str, kind: AnnotationKind, label: &str, at: LatLon) -> Annotation {
        Annotation::new(id, kind, label, vec![at], None)
    }

    fn new(
        id: &str,
        kind: AnnotationKind,
        label: &str,
        points: Vec<LatLon>,
        radius_km: Option<f64>,
    ) -> Annotation {
        Annotation {
            id: id.to_owned(),
            kind,
            label: label.to_owned(),
            points,
            radius_km,
            visible: true,
        }
    }

    /// Where it is anchored: a path's first point, a ring's centre, a note's place.
    pub fn anchor(&self) -> Option<geo::Point<f64>> {
        self.points.first().map(|p| p.point())
    }

    /// What is wrong with it, each as (field path within the annotation, message); empty when
    /// it may be saved and drawn.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut say = |place: &str, message: String| out.push((place.to_owned(), message));
        if self.id.trim().is_empty() {
            say("id", "is empty; every annotation needs an id".into());
        }
        let chars = self.label.chars().count();
        if self.label.trim().is_empty() {
            say(
                "label",
                format!("is empty; a {} needs a label", self.kind.label()),
            );
        } else if chars > MAX_LABEL_CHARS {
            say(
                "label",
                format!(
                    "is {} characters long; a label holds at most {MAX_LABEL_CHARS} (it is drawn on the map)",
                    group_thousands(chars as u64)
                ),
            );
        }
        let wanted = match self.kind {
            AnnotationKind::Path => 2..=MAX_PATH_POINTS,
            _ => 1..=1,
        };
        if !wanted.contains(&self.points.len()) {
            let need = match self.kind {
                AnnotationKind::Path => {
                    format!("a measured path has 2 to {MAX_PATH_POINTS} points")
                }
                AnnotationKind::Ring => "a range ring has one point, its centre".into(),
                _ => format!("a {} has one point", self.kind.label()),
            };
            say(
                "points",
                format!(
                    "has {} point(s); {need}",
                    group_thousands(self.points.len() as u64)
                ),
            );
        }
        for (i, p) in self.points.iter().enumerate().take(MAX_PATH_POINTS) {
            if let Err(e) = super::check_latitude(p.lat) {
                say(&format!("points[{i}].lat"), e);
            }
            if let Err(e) = super::check_longitude(p.lon) {
                say(&format!("points[{i}].lon"), e);
            }
        }
        match (self.kind, self.radius_km) {
            (AnnotationKind::Ring, None) => say(
                "radius_km",
                "is missing; a range ring needs a radius".into(),
            ),
            (AnnotationKind::Ring, Some(r)) if !(r > 0.0 && r <= MAX_RING_RADIUS_KM) => say(
                "radius_km",
                format!(
                    "{} is not a radius; a ring's is more than 0 and at most {} km",
                    crate::format::number(r),
                    group_thousands(MAX_RING_RADIUS_KM as u64)
                ),
            ),
            (AnnotationKind::Ring, Some(_)) | (_, None) => {}
            (kind, Some(_)) => say(
                "radius_km",
                format!("only a range ring has a radius, not a {}", kind.label()),
            ),
        }
        out
    }
}

/// Every rule the scenario's annotations break, as (field path, message): their count, unique
/// ids, and each one's [`Annotation::problems`].
pub(crate) fn problems(annotations: &[Annotation]) -> Vec<(String, String)> {
    if annotations.len() > MAX_ANNOTATIONS {
        return vec![(
            "annotations".into(),
            format!(
                "{} annotations; at most {} are allowed (a map with more cannot be read, nor drawn quickly)",
                group_thousands(annotations.len() as u64),
                group_thousands(MAX_ANNOTATIONS as u64)
            ),
        )];
    }
    let mut out = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for (i, a) in annotations.iter().enumerate() {
        if !a.id.trim().is_empty() && !ids.insert(a.id.as_str()) {
            out.push((
                format!("annotations[{i}].id"),
                format!(
                    "'{}' is used by an earlier annotation; ids must be unique",
                    a.id
                ),
            ));
        }
        for (field, message) in a.problems() {
            out.push((format!("annotations[{i}].{field}"), message));
        }
    }
    out
}

/// An id for a new annotation of `kind` that none of `annotations` has (`ring-3`).
pub fn next_annotation_id(annotations: &[Annotation], kind: AnnotationKind) -> String {
    let stem = match kind {
        AnnotationKind::Path => "path",
        AnnotationKind::Ring => "ring",
        AnnotationKind::Note => "note",
        AnnotationKind::Point => "point",
    };
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| annotations.iter().all(|a| &a.id != id))
        .unwrap_or_else(|| stem.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEVESELU: LatLon = LatLon {
        lat: 44.07,
        lon: 24.38,
    };

    fn messages(a: &Annotation) -> Vec<String> {
        a.problems()
            .into_iter()
            .map(|(p, m)| format!("{p}: {m}"))
            .collect()
    }

    #[test]
    fn bad_annotations_say_where_and_what() {
        let mut a = Annotation::at("n", AnnotationKind::Note, "", DEVESELU);
        assert_eq!(messages(&a), ["label: is empty; a note needs a label"]);
        a.label = "x".repeat(100_000);
        assert!(messages(&a)[0].contains("100,000 characters long; a label holds at most 500"));
        a.label = "ok".into();
        a.points[0].lon = 200.0;
        assert_eq!(
            messages(&a),
            ["points[0].lon: 200 is not a longitude (-180 to 180)"]
        );
        let mut r = Annotation::ring("r", "r", DEVESELU, f64::INFINITY);
        assert!(messages(&r)[0].starts_with("radius_km: "));
        r.radius_km = None;
        assert_eq!(
            messages(&r),
            ["radius_km: is missing; a range ring needs a radius"]
        );
        let p = Annotation::path("p", "p", vec![DEVESELU]);
        assert_eq!(
            messages(&p),
            ["points: has 1 point(s); a measured path has 2 to 1000 points"]
        );
    }

    #[test]
    fn too_many_and_duplicate_ids_are_refused() {
        let one = Annotation::at("a", AnnotationKind::Point, "a", DEVESELU);
        let many = vec![one.clone(); MAX_ANNOTATIONS + 1];
        let found = problems(&many);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("2,001 annotations; at most 2,000"));
        let found = problems(&[one.clone(), one]);
        assert_eq!(found[0].0, "annotations[1].id");
    }

    #[test]
    fn new_ids_are_free() {
        let a = vec![
            Annotation::at("note-1", AnnotationKind::Note, "a", DEVESELU),
            Annotation::at("note-2", AnnotationKind::Note, "b", DEVESELU),
        ];
        assert_eq!(next_annotation_id(&a, AnnotationKind::Note), "note-3");
        assert_eq!(next_annotation_id(&a, AnnotationKind::Ring), "ring-1");
    }
}
