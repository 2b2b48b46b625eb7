//! GeoJSON (RFC 7946) export of the picture.
//!
//! Written with serde_json rather than through the `geojson` crate's types: what RFC 7946 asks
//! beyond plain JSON (longitudes within ±180° with lines and areas split at the antimeridian,
//! counter-clockwise outer rings) is done in [`super::geometry`] either way, and writing here keeps
//! one feature per line, so an export diffs and greps well.

use serde_json::{Map, Value, json};

use super::geometry::{self, Geometry};
use crate::picture::{Feature, FeatureState, Look, Picture};
use crate::scenario::Scenario;

fn coordinates(g: &Geometry) -> Value {
    match g {
        Geometry::Point(c) => json!(c),
        Geometry::LineString(l) => json!(l),
        Geometry::MultiLineString(ls) => json!(ls),
        Geometry::Polygon(p) => json!(p),
        Geometry::MultiPolygon(ps) => json!(ps),
    }
}

/// An opacity between 0 and 1, to three decimals (alpha 7/255 is 0.027).
pub(super) fn opacity(alpha: u8) -> f64 {
    (f64::from(alpha) / 255.0 * 1000.0).round() / 1000.0
}

/// The feature's look as simplestyle properties (`stroke`, `stroke-opacity`, `stroke-width`,
/// `fill`, `fill-opacity`, `marker-color`), which many viewers draw, plus `stroke-dasharray`
/// (on and off lengths in pixels, as in SVG) for dashed lines.
fn simplestyle(look: &Look, is_point: bool, props: &mut Map<String, Value>) {
    if is_point {
        let colour = look.fill.unwrap_or(look.stroke.colour);
        props.insert("marker-color".into(), json!(colour.hex()));
        if let Some(marker) = look.marker {
            props.insert("marker-radius-px".into(), json!(marker.radius_px));
        }
    }
    let stroke = look.stroke;
    props.insert("stroke".into(), json!(stroke.colour.hex()));
    props.insert("stroke-opacity".into(), json!(opacity(stroke.colour.0[3])));
    props.insert("stroke-width".into(), json!(stroke.width_px));
    if let Some([on, off]) = stroke.dash {
        props.insert("stroke-dasharray".into(), json!(format!("{on} {off}")));
    }
    match look.fill {
        Some(fill) => {
            props.insert("fill".into(), json!(fill.hex()));
            props.insert("fill-opacity".into(), json!(opacity(fill.0[3])));
        }
        None => {
            props.insert("fill-opacity".into(), json!(0.0));
        }
    }
}

/// The properties every output writes for a feature: its layer, name, label and state, then
/// its facts, then its caption.
pub(super) fn feature_properties(f: &Feature) -> Map<String, Value> {
    let mut props = Map::new();
    props.insert("layer".into(), json!(f.layer.name()));
    props.insert("name".into(), json!(f.name));
    if !f.label.is_empty() {
        props.insert("label".into(), json!(f.label));
    }
    if let Some(state) = f.state.name() {
        // A site's or battery's state is its status, as in scenario files.
        let key = match f.state {
            FeatureState::Status(_) => "status",
            _ => "state",
        };
        props.insert(key.into(), json!(state));
    }
    for (k, v) in &f.properties {
        props.insert(k.clone(), v.clone());
    }
    props.insert("caption".into(), json!(f.caption));
    props
}

/// One feature as a line of compact JSON, `type` first; `None` if it has no place on Earth.
fn feature_json(f: &Feature) -> Option<String> {
    let geometry = geometry::of_feature(&f.geometry)?;
    let mut props = feature_properties(f);
    simplestyle(&f.look, matches!(geometry, Geometry::Point(_)), &mut props);
    let geometry = json!({"type": geometry.type_name(), "coordinates": coordinates(&geometry)});
    Some(format!(
        "{{\"type\":\"Feature\",\"id\":{},\"properties\":{},\"geometry\":{}}}",
        Value::String(f.id.clone()),
        Value::Object(props),
        geometry
    ))
}

/// The picture as a GeoJSON FeatureCollection: sites and cities as points, radar fans,
/// interceptor rings and sectors as polygons, data links and ICBM paths as lines, each with its
/// facts (`layer`, `name`, `kind`, `side`, `status`, `source`, `uncertain`, `caption`, …) and its
/// look as simplestyle properties.
///
/// Follows RFC 7946: WGS84 longitude/latitude in that order, longitudes within ±180° (areas and
/// lines crossing the antimeridian are split there), exterior rings counter-clockwise and holes
/// clockwise. One feature per line, so the file diffs and greps well. A foreign member
/// `bmd_atlas` records the scenario, year, timeline and model it shows.
///
/// ```
/// use bmd_atlas::{exchange, picture::Picture};
/// let s = bmd_atlas::scenario::built_in();
/// let text = exchange::to_geojson(&s, &Picture::build(&s, &s.presentation.layers, None));
/// let v: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(v["type"], "FeatureCollection");
/// assert!(v["features"].as_array().unwrap().len() > 10);
/// ```
pub fn to_geojson(scenario: &Scenario, picture: &Picture) -> String {
    let meta = json!({
        "scenario": scenario.name,
        "title": scenario.presentation.title,
        "classification": scenario.presentation.classification,
        "year": scenario.year,
        "timeline": scenario.timeline,
        "model": scenario.model,
    });
    let mut out = String::from("{\"type\":\"FeatureCollection\",\n\"bmd_atlas\":");
    out.push_str(&meta.to_string());
    out.push_str(",\n\"features\":[\n");
    let lines: Vec<String> = picture.features.iter().filter_map(feature_json).collect();
    out.push_str(&lines.join(",\n"));
    out.push_str("\n]}\n");
    out
}
