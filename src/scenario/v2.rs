//! Format version 2 to 3 (analysis v2): what the new physics needs and older files lack.
//!
//! Version 3 added burnout fields to missile types (`burn_time_s`, `burnout_altitude_km`,
//! `burnout_range_km`) and interceptor types (`burnout_altitude_km`, `burnout_range_km`), and
//! removed four assumptions of the first analysis (`boost_offset_s`, `refraction_k`,
//! `radar_antenna_height_m`, `detection_precision_s`). The other new fields have defaults.
//!
//! An older file gets the reference values: those of the built-in scenario for a type of the
//! same id, else the class estimates of issue #10 (see `docs/analysis.md`). Every value filled
//! in and every field removed is reported, so the user sees what the upgrade did.

use serde_json::{Map, Value};

use super::Side;
use super::load::Problem;

/// The assumptions the first analysis used and the current one does not.
pub(crate) const REMOVED_ASSUMPTIONS: [&str; 4] = [
    "boost_offset_s",
    "refraction_k",
    "radar_antenna_height_m",
    "detection_precision_s",
];

/// Burn time, burnout altitude and burnout range of missile type `id` of `side`, with where they
/// come from.
pub(crate) fn missile_burnout(id: &str, side: Side) -> ([f64; 3], &'static str) {
    if let Some(m) = super::reference().missile_types.iter().find(|m| m.id == id) {
        return (
            [m.burn_time_s, m.burnout_altitude_km, m.burnout_range_km],
            "the built-in scenario's values for this type",
        );
    }
    match side {
        Side::Russia => ([180.0, 200.0, 500.0], "the estimate for a solid-fuel ICBM"),
        _ => ([100.0, 80.0, 100.0], "the estimate for an Iranian MRBM"),
    }
}

/// Burnout altitude and burnout range of interceptor type `id`, with where they come from.
pub(crate) fn interceptor_burnout(id: &str) -> ([f64; 2], &'static str) {
    match super::reference()
        .interceptor_types
        .iter()
        .find(|t| t.id == id)
    {
        Some(t) => (
            [t.burnout_altitude_km, t.burnout_range_km],
            "the built-in scenario's values for this type",
        ),
        None => (
            [0.0, 0.0],
            "burnout at the launcher, as in the first analysis",
        ),
    }
}

/// Upgrades the JSON of a version 2 file in place to version 3; returns what it did.
pub(crate) fn upgrade(value: &mut Value) -> Vec<Problem> {
    let mut notes = Vec::new();
    let Value::Object(root) = value else {
        return notes;
    };
    if let Some(Value::Object(a)) = root.get_mut("assumptions") {
        for field in REMOVED_ASSUMPTIONS {
            if a.remove(field).is_some() {
                notes.push(Problem::at(
                    format!("assumptions.{field}"),
                    "no longer used by the analysis (format version 3 models boost, rotation and line of sight instead); removed",
                ));
            }
        }
    }
    fill_list(root, "missile_types", &mut notes, |item| {
        let side = item
            .get("side")
            .and_then(|v| serde_json::from_value::<Side>(v.clone()).ok())
            .unwrap_or(Side::Iran);
        let (values, origin) = missile_burnout(id_of(item), side);
        let fields = ["burn_time_s", "burnout_altitude_km", "burnout_range_km"];
        (fields.into_iter().zip(values).collect(), origin)
    });
    fill_list(root, "interceptor_types", &mut notes, |item| {
        let (values, origin) = interceptor_burnout(id_of(item));
        let fields = ["burnout_altitude_km", "burnout_range_km"];
        (fields.into_iter().zip(values).collect(), origin)
    });
    notes
}

fn id_of(item: &Map<String, Value>) -> &str {
    item.get("id").and_then(Value::as_str).unwrap_or("")
}

/// The fields to fill in one element of a list, and where their values come from.
type Fill = (Vec<(&'static str, f64)>, &'static str);

fn fill_list(
    root: &mut Map<String, Value>,
    list: &str,
    notes: &mut Vec<Problem>,
    values: impl Fn(&Map<String, Value>) -> Fill,
) {
    let Some(Value::Array(items)) = root.get_mut(list) else {
        return;
    };
    for (i, item) in items.iter_mut().enumerate() {
        let Value::Object(item) = item else {
            continue;
        };
        let (fields, origin) = values(item);
        let mut filled = Vec::new();
        for (field, v) in fields {
            if !item.contains_key(field) {
                item.insert(field.to_owned(), Value::from(v));
                filled.push(format!("{field} = {v}"));
            }
        }
        if !filled.is_empty() {
            notes.push(Problem::at(
                format!("{list}[{i}]"),
                format!(
                    "set {} ({origin}; new in format version 3)",
                    filled.join(", ")
                ),
            ));
        }
    }
}
