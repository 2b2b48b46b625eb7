//! The physical limits of every number the analysis takes from a scenario, in one table that the
//! validator, the JSON Schema (`schema/scenario.schema.json`) and `docs/file-format.md` share,
//! and which way each uncertain input favours the defence.
//!
//! A value outside its limits cannot belong to a real rocket or radar; the analysis would run on
//! it and report nonsense ("112 of 112 flights" for an interceptor at the speed of light), so
//! `validate` refuses it, and the two ends of an uncertain value are held to the same limits.

use std::fmt::Write as _;

use serde_json::Value;

use crate::format::number;

/// The kind of object a limit applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// An interceptor type (`interceptor_types[]`).
    Interceptor,
    /// A missile type (`missile_types[]`).
    Missile,
    /// A site's radar (`sites[].radar`).
    Radar,
}

impl Holder {
    /// The type's name in the JSON Schema's `$defs`.
    fn schema_name(self) -> &'static str {
        match self {
            Holder::Interceptor => "InterceptorType",
            Holder::Missile => "MissileType",
            Holder::Radar => "RadarCoverage",
        }
    }

    /// How the docs name it.
    fn label(self) -> &'static str {
        match self {
            Holder::Interceptor => "interceptor type",
            Holder::Missile => "missile type",
            Holder::Radar => "radar",
        }
    }
}

/// Which end of an uncertain value helps the US/NATO defence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Favours {
    /// A larger value helps the defence (a faster interceptor, a radar that sees farther).
    Higher,
    /// A smaller value helps the defence (an interceptor that burns out sooner).
    Lower,
    /// Not an input the analysis brackets: it may not carry uncertainty bounds.
    NotBracketed,
}

/// The limits of one numeric field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    pub holder: Holder,
    pub field: &'static str,
    /// The least value; allowed itself unless `above_min`.
    pub min: f64,
    /// Whether the value must be strictly above `min` (a range of 0 km is no range).
    pub above_min: bool,
    /// The greatest value allowed.
    pub max: f64,
    pub unit: &'static str,
    /// Why these limits, in a few words.
    pub why: &'static str,
    /// Which end of an uncertain value favours the defence.
    pub favours: Favours,
}

/// Half the Earth's circumference rounded down, km: no two points on the Earth are farther apart.
const HALF_EARTH_KM: f64 = 20_000.0;

/// Every limit, by holder and field.
pub const LIMITS: &[Limit] = &[
    Limit {
        holder: Holder::Interceptor,
        field: "burnout_kms",
        min: 0.0,
        above_min: true,
        max: 11.0,
        unit: "km/s",
        why: "below escape speed (11.2 km/s)",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Interceptor,
        field: "burn_time_s",
        min: 0.0,
        above_min: false,
        max: 600.0,
        unit: "s",
        why: "interceptors burn for seconds to a few minutes",
        favours: Favours::Lower,
    },
    Limit {
        holder: Holder::Interceptor,
        field: "range_km",
        min: 0.0,
        above_min: true,
        max: HALF_EARTH_KM,
        unit: "km",
        why: "half the Earth's circumference",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Interceptor,
        field: "min_altitude_km",
        min: 0.0,
        above_min: false,
        max: 5000.0,
        unit: "km",
        why: "from the ground to far above any intercept",
        favours: Favours::Lower,
    },
    Limit {
        holder: Holder::Interceptor,
        field: "max_altitude_km",
        min: 0.0,
        above_min: true,
        max: 5000.0,
        unit: "km",
        why: "far above any intercept (GBI's ceiling is about 2000 km)",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Interceptor,
        field: "burnout_altitude_km",
        min: 0.0,
        above_min: false,
        max: 3000.0,
        unit: "km",
        why: "the stages burn out in the upper atmosphere or just above",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Interceptor,
        field: "burnout_range_km",
        min: 0.0,
        above_min: false,
        max: 5000.0,
        unit: "km",
        why: "a few hundred km for real interceptors",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Missile,
        field: "range_km",
        min: 0.0,
        above_min: true,
        max: HALF_EARTH_KM,
        unit: "km",
        why: "half the Earth's circumference",
        favours: Favours::NotBracketed,
    },
    Limit {
        holder: Holder::Missile,
        field: "burn_time_s",
        min: 0.0,
        above_min: false,
        max: 1000.0,
        unit: "s",
        why: "ICBMs burn for 3 to 5 minutes",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Missile,
        field: "burnout_altitude_km",
        min: 0.0,
        above_min: false,
        max: 3000.0,
        unit: "km",
        why: "ICBMs burn out 200 to 400 km up",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Missile,
        field: "burnout_range_km",
        min: 0.0,
        above_min: false,
        max: 10_000.0,
        unit: "km",
        why: "a few hundred km downrange",
        favours: Favours::Lower,
    },
    Limit {
        holder: Holder::Radar,
        field: "range_km",
        min: 0.0,
        above_min: true,
        max: HALF_EARTH_KM,
        unit: "km",
        why: "half the Earth's circumference",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Radar,
        field: "fov_deg",
        min: 0.0,
        above_min: true,
        max: 360.0,
        unit: "degrees",
        why: "360 is all round",
        favours: Favours::Higher,
    },
    Limit {
        holder: Holder::Radar,
        field: "min_elevation_deg",
        min: 0.0,
        above_min: false,
        max: 90.0,
        unit: "degrees",
        why: "a radar on the ground sees nothing below its horizontal",
        favours: Favours::Lower,
    },
];

/// The limit of `field` on `holder`, if it has one.
pub fn limit(holder: Holder, field: &str) -> Option<&'static Limit> {
    LIMITS
        .iter()
        .find(|l| l.holder == holder && l.field == field)
}

impl Limit {
    /// Whether `v` is within the limits, or what is wrong with it ("1e308 km/s: must be more than
    /// 0 and at most 11 km/s (below escape speed (11.2 km/s))").
    ///
    /// ```
    /// use bmd_atlas::scenario::physical::{Holder, limit};
    /// let speed = limit(Holder::Interceptor, "burnout_kms").unwrap();
    /// assert!(speed.check(6.3).is_ok());
    /// assert!(speed.check(299_792.458).unwrap_err().contains("at most 11 km/s"));
    /// assert!(speed.check(f64::NAN).is_err());
    /// ```
    pub fn check(&self, v: f64) -> Result<(), String> {
        let above = if self.above_min {
            v > self.min
        } else {
            v >= self.min
        };
        if v.is_finite() && above && v <= self.max {
            Ok(())
        } else {
            Err(format!(
                "{} {}: must be {} ({})",
                number(v),
                self.unit,
                self.range(),
                self.why
            ))
        }
    }

    /// "more than 0 and at most 11 km/s", "from 0 to 600 s".
    pub fn range(&self) -> String {
        let (min, max, unit) = (number(self.min), number(self.max), self.unit);
        if self.above_min {
            format!("more than {min} and at most {max} {unit}")
        } else {
            format!("from {min} to {max} {unit}")
        }
    }
}

/// Every field of `value` (an object of `holder` serialised) outside its limits, as (field,
/// message) pairs.
pub fn problems(holder: Holder, value: &Value) -> Vec<(String, String)> {
    LIMITS
        .iter()
        .filter(|l| l.holder == holder)
        .filter_map(|l| {
            let v = value.get(l.field)?.as_f64()?;
            l.check(v).err().map(|e| (l.field.to_owned(), e))
        })
        .collect()
}

/// Writes the limits into a JSON Schema generated from the types (`minimum` or
/// `exclusiveMinimum`, and `maximum`, on each field of each holder's definition).
pub fn annotate_schema(schema: &mut Value) {
    for l in LIMITS {
        let Some(field) = schema
            .pointer_mut(&format!(
                "/$defs/{}/properties/{}",
                l.holder.schema_name(),
                l.field
            ))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let min = if l.above_min {
            "exclusiveMinimum"
        } else {
            "minimum"
        };
        field.insert(min.to_owned(), Value::from(l.min));
        field.insert("maximum".to_owned(), Value::from(l.max));
    }
}

/// The limits as a Markdown table, as `docs/file-format.md` has it (a test keeps them equal).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| object | field | allowed | why | an uncertain value favours the defence when |\n\
         |---|---|---|---|---|\n",
    );
    for l in LIMITS {
        let favours = match l.favours {
            Favours::Higher => "higher",
            Favours::Lower => "lower",
            Favours::NotBracketed => "(not bracketed)",
        };
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {favours} |",
            l.holder.label(),
            l.field,
            l.range(),
            l.why
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_scenario_is_within_every_limit() {
        let s = super::super::built_in();
        for t in &s.interceptor_types {
            let v = serde_json::to_value(t).unwrap_or(Value::Null);
            assert!(problems(Holder::Interceptor, &v).is_empty(), "{}", t.id);
        }
        for m in &s.missile_types {
            let v = serde_json::to_value(m).unwrap_or(Value::Null);
            assert!(problems(Holder::Missile, &v).is_empty(), "{}", m.id);
        }
        for r in s.sites.iter().filter_map(|x| x.radar.as_ref()) {
            let v = serde_json::to_value(r).unwrap_or(Value::Null);
            assert!(problems(Holder::Radar, &v).is_empty(), "{r:?}");
        }
    }

    #[test]
    fn each_holder_and_field_has_one_limit() {
        for (i, a) in LIMITS.iter().enumerate() {
            assert!(a.min < a.max, "{a:?}");
            for b in &LIMITS[i + 1..] {
                assert!((a.holder, a.field) != (b.holder, b.field), "{a:?} twice");
            }
        }
    }
}
