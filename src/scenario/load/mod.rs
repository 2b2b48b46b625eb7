//! Reading a scenario file: check the limits, parse, check the version, drop and report unknown
//! fields, read into the version's types, migrate, validate, and say exactly what is wrong and where.

use std::path::Path;

use serde_json::{Map, Value};

use super::scan;
use super::unknown::Unknown;
use super::{FORMAT_VERSION, Scenario, migrate};

pub mod limits;
mod problems;
mod text;
mod validate;

use limits::*;
pub use problems::{LoadError, Position, Problem};
use text::scan_problem;
pub(crate) use text::{json_problem, locate, position_of, scan_limits, text_bytes};
pub use validate::validate;

/// A scenario read from a file, with what the reader should know.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The scenario, migrated to the current format and valid.
    pub scenario: Scenario,
    /// Things that did not stop the load: unknown fields (ignored, and not written back when the
    /// file is saved) and an upgrade from an older format version.
    pub warnings: Vec<Problem>,
    /// The format version the file was written in; below [`FORMAT_VERSION`] it was migrated.
    pub from_version: u32,
}

/// Reads a scenario file, refusing files over [`limits::MAX_FILE_BYTES`] before reading them.
///
/// ```
/// let err = bmd_atlas::scenario::open_file(std::path::Path::new("/nonexistent.scenario.json"))
///     .unwrap_err();
/// assert!(err.to_string().starts_with("/nonexistent.scenario.json: cannot read the file"));
/// ```
pub fn open_file(path: &Path) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| LoadError::Io {
        file: file.clone(),
        message: format!("cannot read the file: {}", describe_io(&e)),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(LoadError::Io {
            file: file.clone(),
            message: "this is a folder, not a scenario file".into(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&file, meta.len()));
    }
    // Read at most one byte over the limit, in case the file grows between the two calls.
    let mut bytes = Vec::new();
    {
        use std::io::Read;
        let f = std::fs::File::open(path).map_err(io)?;
        f.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    open_slice(&bytes, &file)
}

/// Reads a scenario from text. `file` names it in errors.
///
/// ```
/// let text = r#"{"format_version": 4, "name": "t", "sites": [], "colour": "red"}"#;
/// let loaded = bmd_atlas::scenario::open_str(text, "t.scenario.json").unwrap();
/// assert_eq!(loaded.warnings[0].path, "colour");
/// ```
pub fn open_str(text: &str, file: &str) -> Result<Loaded, LoadError> {
    open_slice(text.as_bytes(), file)
}

/// Reads a scenario from bytes, which need not be UTF-8 or JSON at all: any input gives a
/// scenario or an error, never a panic. `file` names it in errors.
pub fn open_slice(bytes: &[u8], file: &str) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    let bytes = text_bytes(bytes).map_err(|problem| LoadError::Syntax {
        file: file.to_owned(),
        problem,
    })?;
    let syntax = |problem: Problem| LoadError::Syntax {
        file: file.to_owned(),
        problem: locate(bytes, vec![problem]).remove(0),
    };
    scan::scan(bytes, MAX_DEPTH, MAX_VALUES).map_err(|issue| syntax(scan_problem(bytes, issue)))?;
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| syntax(json_problem(&e)))?;

    // The version first, so that a newer file is refused for its version, not its fields.
    let Value::Object(top) = &mut value else {
        return Err(syntax(Problem::at(
            "",
            format!(
                "the file holds {}, not a scenario; a scenario file is a JSON object: {{\"format_version\": {FORMAT_VERSION}, \"name\": …, \"sites\": […]}}",
                kind_of(&value)
            ),
        )));
    };
    let version = format_version(top, file, &syntax)?;
    // The identifier of the schema is not data.
    top.remove("$schema");
    check_list_lengths(top).map_err(|problem| LoadError::Invalid {
        file: file.to_owned(),
        problems: locate(bytes, vec![problem]),
    })?;

    let read = migrate::read(version, value).map_err(|problems| LoadError::Invalid {
        file: file.to_owned(),
        problems: locate(bytes, problems),
    })?;
    let mut warnings = warnings_of(version, read.upgraded, read.unknown);
    warnings.extend(sidc_warnings(&read.scenario));
    let problems = validate(&read.scenario);
    if !problems.is_empty() {
        return Err(LoadError::Invalid {
            file: file.to_owned(),
            problems: locate(bytes, problems),
        });
    }
    Ok(Loaded {
        scenario: read.scenario,
        warnings: locate(bytes, warnings),
        from_version: version,
    })
}

/// The file's format version, refused (by `syntax`) when missing, not a whole number or 0, and
/// as [`LoadError::TooNew`] when newer than this build reads.
fn format_version(
    top: &Map<String, Value>,
    file: &str,
    syntax: &impl Fn(Problem) -> LoadError,
) -> Result<u32, LoadError> {
    let version = match top.get("format_version") {
        None => {
            return Err(syntax(Problem::at(
                "format_version",
                "missing; every scenario file starts with its format_version. Is this a BMD Atlas scenario file?",
            )));
        }
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
        Some(other) => {
            return Err(syntax(Problem::at(
                "format_version",
                format!("must be a whole number such as {FORMAT_VERSION}, not {other}"),
            )));
        }
    };
    if version == 0 {
        return Err(syntax(Problem::at(
            "format_version",
            "0 is not a format version; versions start at 1",
        )));
    }
    if version > u64::from(FORMAT_VERSION) {
        return Err(LoadError::TooNew {
            file: file.to_owned(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    Ok(version as u32)
}

/// Refuses more sites or cities than [`limits`] allow, before they are read.
fn check_list_lengths(top: &Map<String, Value>) -> Result<(), Problem> {
    for (key, max) in [("sites", MAX_SITES), ("cities", MAX_CITIES)] {
        if let Some(Value::Array(items)) = top.get(key)
            && items.len() > max
        {
            return Err(Problem::at(
                key,
                format!(
                    "{} entries; at most {max} are allowed. Split the scenario into several files.",
                    items.len()
                ),
            ));
        }
    }
    Ok(())
}

/// The warnings of a load: an upgrade from an older format version first, then what the upgrade
/// filled in or removed, then every unknown field (ignored).
fn warnings_of(version: u32, upgraded: Vec<Problem>, unknown: Vec<Unknown>) -> Vec<Problem> {
    let mut warnings: Vec<Problem> = upgraded;
    warnings.extend(unknown.into_iter().map(|u| {
        Problem::at(
            u.path,
            "unknown field, ignored: this BMD Atlas does not know it, and it is not written back when the file is saved",
        )
    }));
    if version < FORMAT_VERSION {
        warnings.insert(
            0,
            Problem::at(
                "format_version",
                format!(
                    "written in format version {version}, read and upgraded; saving writes version {FORMAT_VERSION}, which older builds of BMD Atlas cannot open"
                ),
            ),
        );
    }
    warnings
}

/// A warning for each site whose symbol identification code is malformed: it is kept (the
/// file is the user's) and the site keeps its simple symbol, never a wrong one.
///
/// ```
/// let mut s = bmd_atlas::scenario::built_in();
/// s.sites[0].sidc = "1003100".into();
/// let text = bmd_atlas::scenario::to_json(&s);
/// let loaded = bmd_atlas::scenario::open_str(&text, "x.scenario.json").unwrap();
/// assert!(loaded.warnings.iter().any(|w| w.path == "sites[0].sidc" && w.message.contains("7 digits")));
/// ```
pub fn sidc_warnings(s: &Scenario) -> Vec<Problem> {
    s.sites
        .iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let problem = crate::symbology::problem(&x.sidc)?;
            Some(Problem::at(format!("sites[{i}].sidc"), problem))
        })
        .collect()
}

/// Reads and validates a scenario file; like [`open_file`] without the warnings.
pub fn load_file(path: &Path) -> Result<Scenario, LoadError> {
    open_file(path).map(|l| l.scenario)
}

/// Reads and validates a scenario from text; like [`open_str`] without the warnings.
///
/// ```
/// let err = bmd_atlas::scenario::load_from_str("{", "broken.scenario.json").unwrap_err();
/// assert!(err.to_string().starts_with("broken.scenario.json: line 1"));
/// ```
pub fn load_from_str(text: &str, file: &str) -> Result<Scenario, LoadError> {
    open_slice(text.as_bytes(), file).map(|l| l.scenario)
}

/// Reads and validates a scenario from bytes; like [`open_slice`] without the warnings.
pub fn load_from_slice(bytes: &[u8], file: &str) -> Result<Scenario, LoadError> {
    open_slice(bytes, file).map(|l| l.scenario)
}

fn too_large(file: &str, size: u64) -> LoadError {
    LoadError::Io {
        file: file.to_owned(),
        message: format!(
            "the file is {}; scenario files are limited to {} MB. Is this the right file?",
            crate::format::megabytes(size),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    }
}

pub(crate) fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "no such file",
        K::PermissionDenied => "no permission to read it",
        K::IsADirectory => "it is a folder",
        K::InvalidData => "it is not readable text",
        _ => "",
    };
    if what.is_empty() {
        e.to_string()
    } else {
        format!("{what} ({e})")
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a JSON array ([…])",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
  "format_version": 4,
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
            load_from_str("{\n  \"format_version\": 2,\n  oops\n}", "x.scenario.json").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("x.scenario.json: line 3, column 3"),
            "{text}"
        );
    }

    #[test]
    fn bad_latitude_is_reported_with_its_path_and_line() {
        let bad = MINIMAL.replace("\"lat\": 44.0", "\"lat\": 95.0");
        let text = load_from_str(&bad, "f").unwrap_err().to_string();
        assert!(
            text.contains("sites[0].lat (line 5, column 47): 95 is not a latitude"),
            "{text}"
        );
    }

    #[test]
    fn wrong_type_is_reported_with_its_path() {
        let bad = MINIMAL.replace("\"lon\": 24.0", "\"lon\": \"east\"");
        let text = load_from_str(&bad, "f").unwrap_err().to_string();
        assert!(text.contains("sites[0].lon (line 5"), "{text}");
    }

    #[test]
    fn newer_version_is_refused_with_the_version_it_needs() {
        let bad = MINIMAL.replace("\"format_version\": 4", "\"format_version\": 7");
        let err = load_from_str(&bad, "f").unwrap_err();
        assert!(matches!(err, LoadError::TooNew { found: 7, .. }));
        assert!(err.to_string().contains("format version 7"));
    }

    #[test]
    fn duplicate_ids_and_missing_sources_are_all_reported() {
        let site = r#"{"id": "a", "name": "A", "country": "RO", "lat": 44.0, "lon": 24.0, "side": "us_nato",
     "kind": "radar", "timeline": {"actual": []}, "source": ""}"#;
        let text = format!(r#"{{"format_version": 2, "name": "t", "sites": [{site}, {site}]}}"#);
        let Err(LoadError::Invalid { problems, .. }) = load_from_str(&text, "f") else {
            panic!("expected invalid");
        };
        let places: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert!(places.contains(&"sites[1].id"));
        assert!(places.contains(&"sites[0].source"));
    }

    #[test]
    fn type_errors_in_several_sites_are_all_reported() {
        let site = |lat: &str| {
            format!(
                r#"{{"id": "a{}", "name": "A", "country": "RO", "lat": {lat}, "lon": 24.0, "side": "us_nato",
                "kind": "radar", "timeline": {{"actual": []}}, "source": "s"}}"#,
                lat.len()
            )
        };
        let text = format!(
            r#"{{"format_version": 2, "name": 5, "sites": [{}, {}, {}]}}"#,
            site("\"x\""),
            site("1"),
            site("true")
        );
        let Err(LoadError::Invalid { problems, .. }) = load_from_str(&text, "f") else {
            panic!("expected invalid");
        };
        let places: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(places, ["sites[0].lat", "sites[2].lat", "name"]);
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic() {
        let mut bytes = MINIMAL.as_bytes().to_vec();
        bytes[30] = 0xff;
        let text = load_from_slice(&bytes, "f").unwrap_err().to_string();
        assert!(
            text.starts_with("f: line 3, column 6: byte 0xFF is not UTF-8"),
            "{text}"
        );
    }

    #[test]
    fn unknown_fields_are_warnings_with_places() {
        let text = MINIMAL.replace("\"source\": \"S\"", "\"source\": \"S\", \"colour\": 1");
        let loaded = open_str(&text, "f").expect("loads");
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(
            loaded.warnings[0].place(),
            "sites[0].colour (line 6, column 105)"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{MINIMAL}");
        assert!(open_str(&text, "f").is_ok());
    }
}
