//! Reading a scenario file: parse, check the version, validate, and say exactly what is wrong.

use std::collections::HashSet;
use std::fmt;

use super::{FORMAT_VERSION, Scenario};

/// Files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// More sites than this is refused: no real picture has them, and the map would be unreadable.
pub const MAX_SITES: usize = 100_000;

/// One thing wrong with a scenario, at a place in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Field path such as `sites[12].lat`, or `line 4, column 7` for syntax errors.
    pub place: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Why a scenario could not be loaded. Always names the file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: {problem}")]
    Syntax { file: String, problem: Problem },
    #[error(
        "{file}: written by a newer BMD Atlas (format version {found}); this build reads up to version {supported}. Update BMD Atlas to open it."
    )]
    TooNew {
        file: String,
        found: u32,
        supported: u32,
    },
    #[error("{file}: {} problem(s):\n{}", problems.len(), list(problems))]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
    #[error("{file}: {message}")]
    Io { file: String, message: String },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses and validates a scenario from text. `file` names it in errors.
///
/// ```
/// let err = bmd_atlas::scenario::load_from_str("{", "broken.scenario.json").unwrap_err();
/// assert!(err.to_string().starts_with("broken.scenario.json: line 1"));
/// ```
pub fn load_from_str(text: &str, file: &str) -> Result<Scenario, LoadError> {
    load_from_slice(text.as_bytes(), file)
}

/// Parses and validates a scenario from bytes, which need not be valid UTF-8.
pub fn load_from_slice(bytes: &[u8], file: &str) -> Result<Scenario, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::Io {
            file: file.to_owned(),
            message: format!(
                "the file is {} MB; scenario files are limited to {} MB",
                bytes.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    let syntax = |place: String, message: String| LoadError::Syntax {
        file: file.to_owned(),
        problem: Problem { place, message },
    };
    // Read the version first, so a newer file is refused for its version, not for its fields.
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        syntax(
            format!("line {}, column {}", e.line(), e.column()),
            json_message(&e),
        )
    })?;
    match value.get("format_version").and_then(|v| v.as_u64()) {
        Some(v) if v > FORMAT_VERSION as u64 => {
            return Err(LoadError::TooNew {
                file: file.to_owned(),
                found: v.min(u32::MAX as u64) as u32,
                supported: FORMAT_VERSION,
            });
        }
        Some(_) => {}
        None => {
            return Err(syntax(
                "format_version".into(),
                "missing or not a whole number; is this a BMD Atlas scenario file?".into(),
            ));
        }
    }
    let scenario: Scenario = serde_path_to_error::deserialize(&value).map_err(|e| {
        let place = e.path().to_string();
        syntax(
            if place == "." {
                "top level".into()
            } else {
                place
            },
            e.into_inner().to_string(),
        )
    })?;
    let problems = validate(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(LoadError::Invalid {
            file: file.to_owned(),
            problems,
        })
    }
}

fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; the place is reported separately.
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Every rule a parsed scenario must follow, each broken one reported with its field path.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut say = |place: String, message: &str| {
        problems.push(Problem {
            place,
            message: message.to_owned(),
        })
    };
    if s.sites.len() > MAX_SITES {
        say(
            "sites".into(),
            &format!("{} sites; at most {MAX_SITES} are allowed", s.sites.len()),
        );
        return problems;
    }
    let interceptor_ids: HashSet<&str> =
        s.interceptor_types.iter().map(|t| t.id.as_str()).collect();
    let mut ids = HashSet::new();
    for (i, site) in s.sites.iter().enumerate() {
        let at = |field: &str| format!("sites[{i}].{field}");
        if site.id.trim().is_empty() {
            say(at("id"), "is empty");
        } else if !ids.insert(site.id.as_str()) {
            say(
                at("id"),
                &format!("'{}' is used by an earlier site", site.id),
            );
        }
        check_lat_lon(site.lat, site.lon, &at, &mut say);
        if site.source.trim().is_empty() {
            say(
                at("source"),
                "is empty; every object on the map needs a source",
            );
        }
        if let Some(r) = &site.radar {
            if !(r.range_km.is_finite() && r.range_km > 0.0 && r.range_km <= 20_000.0) {
                say(at("radar.range_km"), "must be between 0 and 20000 km");
            }
            if !(r.fov_deg.is_finite() && r.fov_deg > 0.0 && r.fov_deg <= 360.0) {
                say(
                    at("radar.fov_deg"),
                    "must be more than 0 and at most 360 degrees",
                );
            }
            if !r.boresight_deg.is_finite() {
                say(at("radar.boresight_deg"), "must be a number of degrees");
            }
        }
        for (j, b) in site.batteries.iter().enumerate() {
            if !interceptor_ids.contains(b.interceptor.as_str()) {
                say(
                    at(&format!("batteries[{j}].interceptor")),
                    &format!("'{}' is not in interceptor_types", b.interceptor),
                );
            }
        }
    }
    for (i, c) in s.cities.iter().enumerate() {
        check_lat_lon(
            c.lat,
            c.lon,
            &|f: &str| format!("cities[{i}].{f}"),
            &mut say,
        );
    }
    for (i, t) in s.interceptor_types.iter().enumerate() {
        let ok = |v: f64| v.is_finite() && v > 0.0;
        if !ok(t.burnout_kms) || !ok(t.range_km) || !ok(t.max_altitude_km) || t.burn_time_s < 0.0 {
            say(
                format!("interceptor_types[{i}]"),
                "speeds, ranges and altitudes must be positive numbers",
            );
        }
    }
    validate_models(s, &mut say);
    for (i, m) in s.missile_types.iter().enumerate() {
        if !(m.range_km.is_finite() && m.range_km > 0.0) {
            say(
                format!("missile_types[{i}].range_km"),
                "must be a positive number",
            );
        }
    }
    problems
}

fn validate_models(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    let site_ids: HashSet<&str> = s.sites.iter().map(|x| x.id.as_str()).collect();
    if !s.models.is_empty() && !s.models.iter().any(|m| m.id == s.model) {
        say(
            "model".into(),
            &format!("'{}' is not one of the models' ids", s.model),
        );
    }
    let mut ids = HashSet::new();
    for (i, m) in s.models.iter().enumerate() {
        let at = |f: &str| format!("models[{i}].{f}");
        if !ids.insert(m.id.as_str()) {
            say(at("id"), &format!("'{}' is used by an earlier model", m.id));
        }
        let mut known = |place: String, id: &str| {
            if !site_ids.contains(id) {
                say(place, &format!("'{id}' is not a site id"));
            }
        };
        for (j, r) in m.shared_radars.iter().enumerate() {
            known(at(&format!("shared_radars[{j}]")), r);
        }
        for (j, c) in m.centres.iter().enumerate() {
            known(at(&format!("centres[{j}].site")), &c.site);
        }
        known(at("command.us_nato"), &m.command.us_nato);
        known(at("command.russia"), &m.command.russia);
        for (j, sector) in m.sectors.iter().enumerate() {
            if sector.boundary.len() < 3 {
                say(
                    at(&format!("sectors[{j}].boundary")),
                    "needs at least 3 points",
                );
            }
            for (k, [lon, lat]) in sector.boundary.iter().enumerate() {
                let place = |f: &str| at(&format!("sectors[{j}].boundary[{k}] ({f})"));
                check_lat_lon(*lat, *lon, &place, say);
            }
        }
    }
}

fn check_lat_lon(
    lat: f64,
    lon: f64,
    at: &dyn Fn(&str) -> String,
    say: &mut impl FnMut(String, &str),
) {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        say(at("lat"), &format!("{lat} is not a latitude (-90 to 90)"));
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        say(
            at("lon"),
            &format!("{lon} is not a longitude (-180 to 180)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
  "format_version": 1,
  "name": "t",
  "sites": [
    {"id": "a", "name": "A", "country": "RO", "lat": 44.0, "lon": 24.0, "side": "us_nato",
     "kind": "radar", "timeline": {"actual": [{"year": 2011, "status": "operational"}]}, "source": "S"}
  ]
}"#;

    #[test]
    fn minimal_file_loads() {
        let s = load_from_str(MINIMAL, "m.json").expect("loads");
        assert_eq!(s.sites[0].id, "a");
    }

    #[test]
    fn syntax_error_names_file_line_and_column() {
        let err =
            load_from_str("{\n  \"format_version\": 1,\n  oops\n}", "x.scenario.json").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("x.scenario.json: line 3, column 3"),
            "{text}"
        );
    }

    #[test]
    fn bad_latitude_is_reported_with_its_path() {
        let bad = MINIMAL.replace("\"lat\": 44.0", "\"lat\": 95.0");
        let text = load_from_str(&bad, "f").unwrap_err().to_string();
        assert!(
            text.contains("sites[0].lat: 95 is not a latitude"),
            "{text}"
        );
    }

    #[test]
    fn wrong_type_is_reported_with_its_path() {
        let bad = MINIMAL.replace("\"lon\": 24.0", "\"lon\": \"east\"");
        let text = load_from_str(&bad, "f").unwrap_err().to_string();
        assert!(text.contains("sites[0].lon"), "{text}");
    }

    #[test]
    fn newer_version_is_refused_with_the_version_it_needs() {
        let bad = MINIMAL.replace("\"format_version\": 1", "\"format_version\": 7");
        let err = load_from_str(&bad, "f").unwrap_err();
        assert!(matches!(err, LoadError::TooNew { found: 7, .. }));
        assert!(err.to_string().contains("version 7"));
    }

    #[test]
    fn duplicate_ids_and_missing_sources_are_all_reported() {
        let site = r#"{"id": "a", "name": "A", "country": "RO", "lat": 44.0, "lon": 24.0, "side": "us_nato",
     "kind": "radar", "timeline": {"actual": []}, "source": ""}"#;
        let text = format!(r#"{{"format_version": 1, "name": "t", "sites": [{site}, {site}]}}"#);
        let Err(LoadError::Invalid { problems, .. }) = load_from_str(&text, "f") else {
            panic!("expected invalid");
        };
        let places: Vec<_> = problems.iter().map(|p| p.place.as_str()).collect();
        assert!(places.contains(&"sites[1].id"));
        assert!(places.contains(&"sites[0].source"));
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic() {
        let mut bytes = MINIMAL.as_bytes().to_vec();
        bytes[30] = 0xff;
        assert!(load_from_slice(&bytes, "f").is_err());
    }
}

/// Reads and validates a scenario file, refusing oversized files before reading them.
pub fn load_file(path: &std::path::Path) -> Result<Scenario, LoadError> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| LoadError::Io {
        file: file.clone(),
        message: format!("cannot read the file: {e}"),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::Io {
            file: file.clone(),
            message: format!(
                "the file is {} MB; scenario files are limited to {} MB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    load_from_slice(&bytes, &file)
}
