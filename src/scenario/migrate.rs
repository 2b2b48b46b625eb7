//! From a parsed JSON value of any supported format version to the current [`Scenario`]: remove
//! unknown fields (against that version's schema), read into that version's frozen types, and
//! migrate forward one version at a time.
//!
//! To add version 3: freeze the version 2 types into `v2.rs` (copy them from `mod.rs` as they are
//! at that point, with `Deserialize` and `JsonSchema` only), write `From<v2::Scenario> for
//! Scenario` there, change the current types, bump [`super::FORMAT_VERSION`], add a `2 =>` arm
//! below, and add a version 2 fixture under `tests/fixtures/v2/` (the existing ones stay).

use std::sync::LazyLock;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::CooperationModel;
use super::load::Problem;
use super::unknown::{self, Unknown};
use super::{Scenario, v1};

static V1_SCHEMA: LazyLock<Value> = LazyLock::new(|| unknown::schema_value::<v1::Scenario>(false));
static CURRENT_SCHEMA: LazyLock<Value> = LazyLock::new(|| unknown::schema_value::<Scenario>(false));

/// A scenario read from some version, with the unknown fields that were dropped.
pub(crate) struct Read {
    pub scenario: Scenario,
    pub unknown: Vec<Unknown>,
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
            })
        }
        _ => {
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
            Ok(Read { scenario, unknown })
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
