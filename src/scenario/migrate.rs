//! From a parsed JSON value of any supported format version to the current [`Scenario`]: remove
//! unknown fields (against that version's schema), read into that version's frozen types, and
//! migrate forward one version at a time.
//!
//! Version 1 has frozen types (`v1.rs`) converted to the current ones. Version 2 differs from 3
//! only by fields added and removed, so it is upgraded as JSON (`v2.rs`) before the current
//! types read it. Version 4 only added `annotations` (absent in a version 3 file: none), so a
//! version 3 file is read by the current types as it is. A change that renames a field or gives one a new meaning needs frozen types
//! again: copy the current types into `vN.rs` as they are, with `Deserialize` and `JsonSchema`
//! only, and add a fixture under `tests/fixtures/vN/` (the existing ones stay).

use std::sync::LazyLock;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::CooperationModel;
use super::load::Problem;
use super::unknown::{self, Unknown};
use super::{Scenario, v1, v2};

static V1_SCHEMA: LazyLock<Value> = LazyLock::new(|| unknown::schema_value::<v1::Scenario>(false));
static CURRENT_SCHEMA: LazyLock<Value> = LazyLock::new(|| unknown::schema_value::<Scenario>(false));

/// A scenario read from some version, with the unknown fields that were dropped.
pub(crate) struct Read {
    pub scenario: Scenario,
    pub unknown: Vec<Unknown>,
    /// What the upgrade from an older version did, field by field.
    pub upgraded: Vec<Problem>,
}

/// Reads `value`, written in format `version` (1 ..= FORMAT_VERSION, checked by the caller).
pub(crate) fn read(version: u32, mut value: Value) -> Result<Read, Vec<Problem>> {
    match version {
        1 => {
            let unknown = unknown::strip(&mut value, &V1_SCHEMA);
            let lists: &[ListCheck] = &[
                ("sites", check::<v1::Site>),
                ("cities", check::<v1::City>),
                ("interceptor_types", check::<v1::InterceptorType>),
                ("missile_types", check::<v1::MissileType>),
                ("models", check::<v1::CooperationModel>),
            ];
            let old: v1::Scenario = typed(&value, lists)?;
            Ok(Read {
                scenario: old.into(),
                unknown,
                upgraded: vec![Problem::at(
                    "",
                    "burnout fields of missile and interceptor types set to the reference values (new in format version 3); the boost offset is no longer used: boost is modelled",
                )],
            })
        }
        _ => {
            let upgraded = if version == 2 {
                v2::upgrade(&mut value)
            } else {
                Vec::new()
            };
            let unknown = unknown::strip(&mut value, &CURRENT_SCHEMA);
            let lists: &[ListCheck] = &[
                ("sites", check::<super::Site>),
                ("cities", check::<super::City>),
                ("interceptor_types", check::<super::InterceptorType>),
                ("missile_types", check::<super::MissileType>),
                ("models", check::<CooperationModel>),
            ];
            let mut scenario: Scenario = typed(&value, lists)?;
            scenario.format_version = super::FORMAT_VERSION;
            Ok(Read {
                scenario,
                unknown,
                upgraded,
            })
        }
    }
}

/// A list of the top-level object and the check of one of its elements.
type ListCheck = (&'static str, fn(&Value) -> Option<(String, String)>);

/// The path and message of the first error reading `value` as a `T`, if any.
fn check<T: DeserializeOwned>(value: &Value) -> Option<(String, String)> {
    serde_path_to_error::deserialize::<_, T>(value)
        .err()
        .map(|e| {
            let path = e.path().to_string();
            (path, e.into_inner().to_string())
        })
}

fn join(prefix: &str, inner: &str) -> String {
    match inner {
        "." | "" => prefix.to_owned(),
        _ if inner.starts_with('[') => format!("{prefix}{inner}"),
        _ if prefix.is_empty() => inner.to_owned(),
        _ => format!("{prefix}.{inner}"),
    }
}

/// Reads `value` as a `T`. On failure, reads each element of the big lists on its own so that the
/// error names every broken element, not only the first.
fn typed<T: DeserializeOwned>(value: &Value, lists: &[ListCheck]) -> Result<T, Vec<Problem>> {
    let first = match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(t) => return Ok(t),
        Err(e) => {
            let path = e.path().to_string();
            Problem::at(join("", &path), e.into_inner().to_string())
        }
    };
    let Value::Object(map) = value else {
        return Err(vec![first]);
    };
    let mut problems = Vec::new();
    for (key, check) in lists {
        let Some(Value::Array(items)) = map.get(*key) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            if let Some((path, message)) = check(item) {
                problems.push(Problem::at(join(&format!("{key}[{i}]"), &path), message));
            }
        }
    }
    let rest: Value = map
        .iter()
        .map(|(k, v)| {
            let listed = v.is_array() && lists.iter().any(|(l, _)| l == k);
            (
                k.clone(),
                if listed {
                    Value::Array(Vec::new())
                } else {
                    v.clone()
                },
            )
        })
        .collect::<serde_json::Map<String, Value>>()
        .into();
    // What is wrong outside the lists (the lists themselves emptied).
    if let Err(e) = serde_path_to_error::deserialize::<_, T>(&rest) {
        let path = e.path().to_string();
        problems.push(Problem::at(join("", &path), e.into_inner().to_string()));
    }
    if problems.is_empty() {
        problems.push(first);
    }
    Err(problems)
}
