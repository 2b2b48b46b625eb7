//! The bounds of uncertain inputs, and the scenarios at either end of them.
//!
//! An interceptor type, a missile type or a radar may carry, for any of its numeric fields, the
//! value least favourable to the defence and the value most favourable to it:
//!
//! ```json
//! "uncertainty": {"burnout_kms": {"against_defence": 2.7, "for_defence": 3.5}}
//! ```
//!
//! "Favourable" is from the point of view of the US/NATO defence: a faster interceptor, a radar
//! that sees farther, a threat that burns longer and lower. The analysis runs the scenario with
//! every bound at one end, then at the other ([`Scenario::at_bounds`]), which brackets its
//! verdicts when the verdicts grow with each input as the consistency tests check.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Scenario;

/// The two ends of one uncertain value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bound {
    /// The value least favourable to the defence.
    pub against_defence: f64,
    /// The value most favourable to the defence.
    pub for_defence: f64,
}

/// Bounds by field name (of the object that holds them).
pub type Bounds = BTreeMap<String, Bound>;

/// Which end of every bound to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    AgainstDefence,
    ForDefence,
}

impl Bound {
    fn at(self, end: End) -> f64 {
        match end {
            End::AgainstDefence => self.against_defence,
            End::ForDefence => self.for_defence,
        }
    }
}

/// `value` (a serialised object) with each bounded numeric field set to the chosen end; fields
/// that are absent or not numbers are reported by [`bound_problems`] and left alone here.
fn set_bounds<T: Serialize + serde::de::DeserializeOwned + Clone>(
    object: &T,
    bounds: &Bounds,
    end: End,
) -> T {
    if bounds.is_empty() {
        return object.clone();
    }
    let Ok(mut value) = serde_json::to_value(object) else {
        return object.clone();
    };
    if let Value::Object(map) = &mut value {
        for (field, bound) in bounds {
            let v = bound.at(end);
            if map.get(field).is_some_and(Value::is_number) && v.is_finite() {
                map.insert(field.clone(), Value::from(v));
            }
        }
    }
    serde_json::from_value(value).unwrap_or_else(|_| object.clone())
}

/// What is wrong with `bounds` on an object serialised as `value`, as (field, message) pairs.
fn problems_of(value: &Value, bounds: &Bounds) -> Vec<(String, String)> {
    bounds
        .iter()
        .filter_map(|(field, b)| {
            let message = if !value.get(field).is_some_and(Value::is_number) {
                format!("`{field}` is not a numeric field of this object")
            } else if !(b.against_defence.is_finite() && b.for_defence.is_finite()) {
                "bounds must be finite numbers".to_owned()
            } else {
                return None;
            };
            Some((format!("uncertainty.{field}"), message))
        })
        .collect()
}

impl Scenario {
    /// This scenario with every uncertain input at one end of its bounds.
    ///
    /// ```
    /// use bmd_atlas::scenario::{self, End};
    /// let s = scenario::built_in();
    /// let fast = s.at_bounds(End::ForDefence);
    /// let ib = |s: &scenario::Scenario| s.interceptor_types.iter().find(|t| t.id == "sm3-ib").unwrap().burnout_kms;
    /// assert!(ib(&fast) > ib(&s) && ib(&s) > ib(&s.at_bounds(End::AgainstDefence)));
    /// ```
    pub fn at_bounds(&self, end: End) -> Scenario {
        let mut s = self.clone();
        for t in &mut s.interceptor_types {
            *t = set_bounds(t, &t.uncertainty, end);
        }
        for m in &mut s.missile_types {
            *m = set_bounds(m, &m.uncertainty, end);
        }
        for site in &mut s.sites {
            if let Some(r) = &site.radar {
                site.radar = Some(set_bounds(r, &r.uncertainty, end));
            }
        }
        s
    }

    /// How many values of the scenario carry bounds.
    pub fn bounded_inputs(&self) -> usize {
        let types = self.interceptor_types.iter().map(|t| t.uncertainty.len());
        let missiles = self.missile_types.iter().map(|m| m.uncertainty.len());
        let radars = self
            .sites
            .iter()
            .filter_map(|x| x.radar.as_ref())
            .map(|r| r.uncertainty.len());
        types.chain(missiles).chain(radars).sum()
    }

    /// Every bound that names no numeric field of its object or is not a number, as (path,
    /// message) pairs for the validator.
    pub fn bound_problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |prefix: String, value: Value, bounds: &Bounds| {
            for (path, message) in problems_of(&value, bounds) {
                out.push((format!("{prefix}.{path}"), message));
            }
        };
        for (i, t) in self.interceptor_types.iter().enumerate() {
            let v = serde_json::to_value(t).unwrap_or(Value::Null);
            add(format!("interceptor_types[{i}]"), v, &t.uncertainty);
        }
        for (i, m) in self.missile_types.iter().enumerate() {
            let v = serde_json::to_value(m).unwrap_or(Value::Null);
            add(format!("missile_types[{i}]"), v, &m.uncertainty);
        }
        for (i, site) in self.sites.iter().enumerate() {
            if let Some(r) = &site.radar {
                let v = serde_json::to_value(r).unwrap_or(Value::Null);
                add(format!("sites[{i}].radar"), v, &r.uncertainty);
            }
        }
        out
    }
}
