//! GeoJSON (RFC 7946) export of the visible picture.

use serde_json::{Map, Value, json};

use super::geometry::Geometry;
use super::picture::{Feature, picture};
use crate::scenario::Scenario;
use crate::scene::Layers;

fn coordinates(g: &Geometry) -> Value {
    match g {
        Geometry::Point(c) => json!(c),
        Geometry::LineString(l) => json!(l),
        Geometry::MultiLineString(ls) => json!(ls),
        Geometry::Polygon(p) => json!(p),
        Geometry::MultiPolygon(ps) => json!(ps),
    }
}

/// `#rrggbb` and opacity, for the simplestyle properties that many viewers understand.
fn simplestyle(f: &Feature, props: &mut Map<String, Value>) {
    let look = &f.look;
    match f.geometry {
        Geometry::Point(_) => {
            let colour = look.fill.unwrap_or(look.stroke);
            props.insert("marker-color".into(), json!(colour.hex()));
        }
        _ => {
            props.insert("stroke".into(), json!(look.stroke.hex()));
            props.insert(
                "stroke-opacity".into(),
                json!((look.stroke.opacity() * 100.0).round() / 100.0),
            );
            props.insert("stroke-width".into(), json!(look.stroke_width));
            if let Some(fill) = look.fill {
                props.insert("fill".into(), json!(fill.hex()));
                props.insert(
                    "fill-opacity".into(),
                    json!((fill.opacity() * 100.0).round() / 100.0),
                );
            } else if !matches!(
                f.geometry,
                Geometry::LineString(_) | Geometry::MultiLineString(_)
            ) {
                props.insert("fill-opacity".into(), json!(0.0));
            }
        }
    }
}

/// One feature as a line of compact JSON, `type` first.
fn feature_json(f: &Feature) -> String {
    let mut props = f.properties.clone();
    simplestyle(f, &mut props);
    let geometry = json!({"type": f.geometry.type_name(), "coordinates": coordinates(&f.geometry)});
    format!(
        "{{\"type\":\"Feature\",\"id\":{},\"properties\":{},\"geometry\":{}}}",
        Value::String(f.id.clone()),
        Value::Object(props),
        geometry
    )
}

/// The visible picture of `scenario` (its year, timeline and model) with `layers` on, as a
/// GeoJSON FeatureCollection: sites and cities as points, radar fans, interceptor rings and
/// sectors as polygons, data links as lines, each with its properties (`layer`, `id`, `name`,
/// `kind`, `side`, `status`, `source`, `uncertain`, `caption`, …) and simplestyle colours.
///
/// Follows RFC 7946: WGS84 longitude/latitude in that order, longitudes within ±180° (areas and
/// lines crossing the antimeridian are split there), exterior rings counter-clockwise and holes
/// clockwise. One feature per line, so the file diffs and greps well. A foreign member
/// `bmd_atlas` records the scenario, year, timeline and model it shows.
///
/// ```
/// let s = bmd_atlas::scenario::built_in();
/// let text = bmd_atlas::exchange::to_geojson(&s, &s.presentation.layers);
/// let v: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(v["type"], "FeatureCollection");
/// assert!(v["features"].as_array().unwrap().len() > 10);
/// ```
pub fn to_geojson(scenario: &Scenario, layers: &Layers) -> String {
    let features = picture(scenario, layers);
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
    let lines: Vec<String> = features.iter().map(feature_json).collect();
    out.push_str(&lines.join(",\n"));
    out.push_str("\n]}\n");
    out
}
