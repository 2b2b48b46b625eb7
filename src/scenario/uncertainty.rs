//! The bounds of uncertain inputs, and the scenarios at either end of them.
//!
//! An interceptor type, a missile type or a radar may carry, for any of its numeric fields, the
//! value least favourable to the defence and the value most favourable to it:
//!
//! ```json
//! "uncertainty": {"burnout_kms": {"against_defence": 2.7, "for_defence": 3.5}}
//! ```
//!
//! "Favourable" is from the point of view of the US/NATO defence: a faster interceptor that burns
//! out sooner, higher and farther out; a radar that sees farther; a threat that burns longer,
//! burns out higher (above the radars' horizon sooner) and nearer its launch point. Which end
//! favours the defence is not taken from the file: it follows from the field
//! ([`physical::Favours`]), so two values written the wrong way round still bracket the right
//! way. Each end is held to the field's physical limits ([`physical::LIMITS`]). The analysis runs
//! the scenario with every bound at one end, then at the other ([`Scenario::at_bounds`]), which
//! brackets its verdicts when the verdicts grow with each input as the consistency tests check.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Scenario;
use super::physical::{self, Favours, Holder};

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
    /// The value at `end` for a field where `favours` says which way helps the defence: the two
    /// values as written when the field is not bracketed.
    pub fn at(self, end: End, favours: Favours) -> f64 {
        let (low, high) = (
            self.against_defence.min(self.for_defence),
            self.against_defence.max(self.for_defence),
        );
        match (favours, end) {
            (Favours::Higher, End::ForDefence) | (Favours::Lower, End::AgainstDefence) => high,
            (Favours::Higher, End::AgainstDefence) | (Favours::Lower, End::ForDefence) => low,
            (Favours::NotBracketed, End::ForDefence) => self.for_defence,
            (Favours::NotBracketed, End::AgainstDefence) => self.against_defence,
        }
    }
}

/// Which way `field` of `holder` favours the defence ([`Favours::NotBracketed`] for a field
/// without limits).
pub fn favours(holder: Holder, field: &str) -> Favours {
    physical::limit(holder, field).map_or(Favours::NotBracketed, |l| l.favours)
}

/// `value` (a serialised object) with each bounded numeric field set to the chosen end; fields
/// that are absent or not numbers are reported by [`bound_problems`] and left alone here.
fn set_bounds<T: Serialize + serde::de::DeserializeOwned + Clone>(
    (object, holder): (&T, Holder),
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
            let v = bound.at(end, favours(holder, field));
            if map.get(field).is_some_and(Value::is_number) && v.is_finite() {
                map.insert(field.clone(), Value::from(v));
            }
        }
    }
    serde_json::from_value(value).unwrap_or_else(|_| object.clone())
}

/// What is wrong with `bounds` on an object of `holder` serialised as `value`, as (field,
/// message) pairs: a field that is not a bracketed input, or an end outside the field's limits.
fn problems_of(holder: Holder, value: &Value, bounds: &Bounds) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (field, b) in bounds {
        let at = format!("uncertainty.{field}");
        if !value.get(field).is_some_and(Value::is_number) {
            out.push((
                at,
                format!("`{field}` is not a numeric field of this object"),
            ));
            continue;
        }
        let Some(limit) =
            physical::limit(holder, field).filter(|l| l.favours != Favours::NotBracketed)
        else {
            out.push((
                at,
                format!("`{field}` is not an input the analysis brackets; see docs/file-format.md"),
            ));
            continue;
        };
        for (end, v) in [
            ("against_defence", b.against_defence),
            ("for_defence", b.for_defence),
        ] {
            if let Err(e) = limit.check(v) {
                out.push((format!("{at}.{end}"), e));
            }
        }
    }
    out
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
            *t = set_bounds((t, Holder::Interceptor), &t.uncertainty, end);
        }
        for m in &mut s.missile_types {
            *m = set_bounds((m, Holder::Missile), &m.uncertainty, end);
        }
        for site in &mut s.sites {
            if let Some(r) = &site.radar {
                site.radar = Some(set_bounds((r, Holder::Radar), &r.uncertainty, end));
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

    /// Every bound that names no bracketed field of its object, or has an end outside the
    /// field's physical limits, as (path, message) pairs for the validator.
    pub fn bound_problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |prefix: String, (holder, value): (Holder, Value), bounds: &Bounds| {
            for (path, message) in problems_of(holder, &value, bounds) {
                out.push((format!("{prefix}.{path}"), message));
            }
        };
        for (i, t) in self.interceptor_types.iter().enumerate() {
            let v = serde_json::to_value(t).unwrap_or(Value::Null);
            add(
                format!("interceptor_types[{i}]"),
                (Holder::Interceptor, v),
                &t.uncertainty,
            );
        }
        for (i, m) in self.missile_types.iter().enumerate() {
            let v = serde_json::to_value(m).unwrap_or(Value::Null);
            add(
                format!("missile_types[{i}]"),
                (Holder::Missile, v),
                &m.uncertainty,
            );
        }
        for (i, site) in self.sites.iter().enumerate() {
            if let Some(r) = &site.radar {
                let v = serde_json::to_value(r).unwrap_or(Value::Null);
                add(
                    format!("sites[{i}].radar"),
                    (Holder::Radar, v),
                    &r.uncertainty,
                );
            }
        }
        out
    }
}
