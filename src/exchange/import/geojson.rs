//! Sites from the points of a GeoJSON file.

use std::collections::HashMap;

use serde_json::Value;

use super::fields::{Absent, Place, Row, assign_ids, site_from_row};
use super::{ImportError, ImportOptions, Imported, at_most_sites, refuse};
use crate::scenario::{self, Problem};

/// Sites from the `Point` features of a GeoJSON FeatureCollection (or a single Feature). Their
/// properties use the CSV column names (`id`, `name`, `side`, `kind`, `source`, `status_years`,
/// `range_km`, …); the `timeline` and `radar` objects that [`crate::exchange::to_geojson`]
/// writes are read as they are, so exported sites import back unchanged but for their
/// interceptor batteries (which name interceptor types of their scenario, and are not
/// exchanged). Other geometries, and the cities of an export, are skipped (counted in one
/// warning).
///
/// ```
/// use bmd_atlas::exchange::{ImportOptions, from_geojson, to_geojson};
/// use bmd_atlas::picture::Picture;
/// let s = bmd_atlas::scenario::built_in();
/// let text = to_geojson(&s, &Picture::build(&s, &s.presentation.layers, None));
/// let imported = from_geojson(&text, "export.geojson", &ImportOptions::default()).unwrap();
/// let deveselu = imported.sites.iter().find(|x| x.id == "deveselu").unwrap();
/// let mut original = s.site("deveselu").unwrap().clone();
/// original.batteries.clear();
/// assert_eq!(deveselu, &original);
/// ```
pub fn from_geojson(
    text: &str,
    file: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let bytes = scenario::text_bytes(text.as_bytes()).map_err(|p| refuse(file, p))?;
    scenario::scan_limits(bytes).map_err(|p| refuse(file, p))?;
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| refuse(file, scenario::json_problem(&e)))?;
    let place = |path: String| {
        let position = scenario::position_of(bytes, &path);
        Place { path, position }
    };
    let features = features_of(&value, file, &place)?;
    let mut imported = Imported::default();
    let mut skipped_geometry = 0;
    let mut skipped_cities = 0;
    let mut candidates = Vec::new();
    for (path, feature) in features {
        let row = match row_of(&path, feature, &place) {
            Feature::Site(row) => row,
            Feature::NotAPoint => {
                skipped_geometry += 1;
                continue;
            }
            Feature::City => {
                skipped_cities += 1;
                continue;
            }
            Feature::Rejected(problem) => {
                imported.rejected.push(problem);
                continue;
            }
        };
        // A GeoJSON feature's properties are its own: nothing is absent file-wide.
        match site_from_row(&row, &Absent::default(), options, &mut imported.warnings) {
            Ok(site) => candidates.push((site, row.place_of("id"))),
            Err(problems) => imported.rejected.extend(problems),
        }
    }
    assign_ids(candidates, &Absent::default(), &mut imported);
    if skipped_geometry + skipped_cities > 0 {
        imported.warnings.push(Problem::at(
            "features",
            format!(
                "{skipped_geometry} feature(s) that are not points and {skipped_cities} city point(s) skipped; only sites are imported"
            ),
        ));
    }
    Ok(imported)
}

/// The features of a FeatureCollection (or the one Feature) with their paths; refuses other
/// JSON and more features than a scenario may have sites.
fn features_of<'a>(
    value: &'a Value,
    file: &str,
    place: &impl Fn(String) -> Place,
) -> Result<Vec<(String, &'a Value)>, ImportError> {
    let features: Vec<(String, &Value)> = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match value.get("features") {
            Some(Value::Array(fs)) => fs
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("features[{i}]"), f))
                .collect(),
            _ => {
                return Err(refuse(
                    file,
                    place("features".into()).problem("a FeatureCollection needs a features list"),
                ));
            }
        },
        Some("Feature") => vec![(String::new(), value)],
        other => {
            return Err(refuse(
                file,
                place("type".into()).problem(format!(
                    "expected a GeoJSON FeatureCollection or Feature, found {}",
                    other.map_or("no type".to_owned(), |t| format!("type {t}"))
                )),
            ));
        }
    };
    at_most_sites(file, "features", features.len(), "features")?;
    Ok(features)
}

/// What one feature is to the import.
enum Feature {
    /// A point, as the fields of a site.
    Site(Row),
    /// Skipped: only points can be sites.
    NotAPoint,
    /// Skipped: a city point of an export.
    City,
    /// A point without usable coordinates.
    Rejected(Problem),
}

/// A point feature's coordinates and properties (and its `id`, where the properties have none)
/// as the fields of a row.
fn row_of(path: &str, feature: &Value, place: &impl Fn(String) -> Place) -> Feature {
    let sub = |p: &str| {
        if path.is_empty() {
            p.to_owned()
        } else {
            format!("{path}.{p}")
        }
    };
    let geometry = feature.get("geometry");
    let coords = match geometry.and_then(|g| g.get("type")).and_then(Value::as_str) {
        Some("Point") => geometry.and_then(|g| g.get("coordinates")),
        _ => return Feature::NotAPoint,
    };
    let props = feature.get("properties").and_then(Value::as_object);
    if props.and_then(|p| p.get("layer")).and_then(Value::as_str) == Some("city") {
        return Feature::City;
    }
    let coord_path = sub("geometry.coordinates");
    let (lon, lat) = match coords.and_then(Value::as_array).map(Vec::as_slice) {
        Some([lon, lat, ..]) => (lon.clone(), lat.clone()),
        _ => {
            return Feature::Rejected(
                place(coord_path).problem("a Point needs coordinates [longitude, latitude]"),
            );
        }
    };
    let mut fields: HashMap<String, (Value, Place)> = HashMap::new();
    fields.insert("lon".into(), (lon, place(format!("{coord_path}[0]"))));
    fields.insert("lat".into(), (lat, place(format!("{coord_path}[1]"))));
    if let Some(props) = props {
        for (k, v) in props {
            if k == "lat" || k == "lon" {
                continue;
            }
            fields.insert(
                k.clone(),
                (v.clone(), place(sub(&format!("properties.{k}")))),
            );
        }
    }
    if !fields.contains_key("id")
        && let Some(id) = feature.get("id").and_then(Value::as_str)
    {
        fields.insert(
            "id".into(),
            (Value::String(id.to_owned()), place(sub("id"))),
        );
    }
    Feature::Site(Row {
        decimal_comma: false,
        place: place(path.to_owned()),
        fields,
    })
}
