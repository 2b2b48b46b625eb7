//! Unknown fields: found by walking the parsed JSON against the JSON Schema of the types it is
//! read into, removed before the typed read (so `deny_unknown_fields` never fires on them), and
//! reported as warnings with their field paths.
//!
//! The schema is generated from the same types by `schemars`, so the set of known fields cannot
//! drift from the code. Each format version walks with the schema of its own frozen types.

use schemars::JsonSchema;
use serde_json::{Map, Value};

/// The schema of `T` as a JSON value. With `document`, it is the committed form: with `$id` (from
/// the type's attributes) and a `$schema` property at the top, so editors accept that key.
pub(crate) fn schema_value<T: JsonSchema>(document: bool) -> Value {
    let schema = schemars::schema_for!(T);
    let mut value = schema.to_value();
    if document && let Some(props) = value.get_mut("properties").and_then(Value::as_object_mut) {
        let mut entry = Map::new();
        entry.insert(
            "description".into(),
            Value::String(
                "The schema of this file; written by BMD Atlas, ignored when reading.".into(),
            ),
        );
        entry.insert("type".into(), Value::String("string".into()));
        props.insert("$schema".into(), Value::Object(entry));
    }
    value
}

/// A field the types do not know, removed from the value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Unknown {
    /// Field path of the unknown key (`sites[3].colour`).
    pub path: String,
}

/// Removes every field of `value` that `schema` does not know and returns their paths.
pub(crate) fn strip(value: &mut Value, schema: &Value) -> Vec<Unknown> {
    let mut found = Vec::new();
    let mut path = String::new();
    walk(value, schema, schema, &mut path, &mut found);
    found
}

/// Follows `$ref`s to `#/$defs/…` (a few levels at most).
fn resolve<'a>(mut schema: &'a Value, root: &'a Value) -> &'a Value {
    for _ in 0..8 {
        let Some(target) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(name) = target.strip_prefix("#/$defs/") else {
            break;
        };
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(next) => schema = next,
            None => break,
        }
    }
    schema
}

/// Whether `schema` (resolved) may describe a JSON value like `value`.
fn may_describe(schema: &Value, value: &Value) -> bool {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    match schema.get("type") {
        Some(Value::String(t)) => t == kind || (t == "integer" && kind == "number"),
        Some(Value::Array(ts)) => ts.iter().any(|t| {
            t.as_str()
                .is_some_and(|t| t == kind || (t == "integer" && kind == "number"))
        }),
        _ => match value {
            Value::Object(_) => schema.get("properties").is_some(),
            Value::Array(_) => schema.get("items").is_some(),
            _ => false,
        },
    }
}

fn walk(
    value: &mut Value,
    schema: &Value,
    root: &Value,
    path: &mut String,
    out: &mut Vec<Unknown>,
) {
    let schema = resolve(schema, root);
    // Unions (`Option<T>` is `anyOf: [T, null]`): walk the one alternative that fits, if exactly one.
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(alternatives)) = schema.get(key) {
            let fitting: Vec<&Value> = alternatives
                .iter()
                .map(|a| resolve(a, root))
                .filter(|a| may_describe(a, value))
                .collect();
            if let [only] = fitting.as_slice() {
                walk(value, only, root, path, out);
            }
            return;
        }
    }
    if let Some(Value::Array(all)) = schema.get("allOf") {
        for part in all {
            walk(value, part, root, path, out);
        }
    }
    match value {
        Value::Object(map) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            let additional = schema.get("additionalProperties");
            let open = matches!(additional, Some(Value::Bool(true)))
                || (properties.is_none() && additional.is_none());
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let sub = properties
                    .and_then(|p| p.get(&key))
                    .or(additional.filter(|a| a.is_object()));
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
                match sub {
                    Some(sub) => {
                        if let Some(v) = map.get_mut(&key) {
                            walk(v, sub, root, path, out);
                        }
                    }
                    None if open => {}
                    None => {
                        map.remove(&key);
                        out.push(Unknown { path: path.clone() });
                    }
                }
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            let each = schema.get("items").filter(|s| s.is_object());
            let prefix = schema.get("prefixItems").and_then(Value::as_array);
            for (i, item) in items.iter_mut().enumerate() {
                let sub = prefix.and_then(|p| p.get(i)).or(each);
                if let Some(sub) = sub {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, sub, root, path, out);
                    path.truncate(len);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn unknown_fields_are_removed_and_named() {
        let mut v: Value = serde_json::from_str(
            r#"{"format_version": 2, "name": "t", "colour": "red",
                "sites": [{"id": "a", "radar": {"range_km": 1, "beam": 3}, "extra": {"deep": 1}}],
                "presentation": {"layers": {"rings": false, "glow": true}, "view": {"focus": null}},
                "models": [{"id": "m", "sectors": [{"boundary": [[1, 2]], "z": 0}]}]}"#,
        )
        .expect("json");
        let schema = schema_value::<Scenario>(false);
        let found: Vec<String> = strip(&mut v, &schema).into_iter().map(|u| u.path).collect();
        assert_eq!(
            found,
            [
                "colour",
                "models[0].sectors[0].z",
                "presentation.layers.glow",
                "sites[0].extra",
                "sites[0].radar.beam"
            ]
        );
        assert!(v.get("colour").is_none());
        assert_eq!(v["sites"][0]["radar"]["range_km"], 1);
    }
}
