//! Reading a scenario file: check the limits, parse, check the version, drop and report unknown
//! fields, read into the version's types, migrate, validate, and say exactly what is wrong and where.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde_json::Value;

use super::scan::{self, ScanIssue};
use super::{FORMAT_VERSION, Scenario, migrate};

/// The limits on what a scenario file may be. Anything beyond them is refused with a message,
/// quickly and without exhausting memory; nothing within them can crash or hang the loader.
///
/// | limit | value | why |
/// |---|---|---|
/// | file size | 64 MiB | checked from the file's size before reading, so a 2 GB file costs nothing |
/// | nesting depth | 64 arrays/objects | a scenario needs 7; deeper input is hostile or not a scenario |
/// | JSON values | 2 000 000 | every object, array, string, number, `true`/`false`/`null`; bounds the memory of the parsed tree (~150 MB at worst) |
/// | sites, cities | 100 000 each | far beyond any real picture (the built-in has under 100 sites) |
///
/// JSON cannot hold NaN or infinity; a number too large for a 64-bit float (`1e999`) is refused
/// by the parser with its line and column.
pub mod limits {
    /// Files larger than this are refused before they are read (bytes).
    pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
    /// Deepest nesting of arrays and objects.
    pub const MAX_DEPTH: usize = 64;
    /// Most JSON values in a file (objects, arrays, strings, numbers, literals).
    pub const MAX_VALUES: usize = 2_000_000;
    /// Most sites in a scenario.
    pub const MAX_SITES: usize = 100_000;
    /// Most cities in a scenario.
    pub const MAX_CITIES: usize = 100_000;
    /// Problems (errors and warnings) given a line and column; later ones carry only their field
    /// path. All are located in one pass over the text.
    pub const MAX_LOCATED: usize = 100_000;
}

use limits::*;

/// A place in a file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One thing wrong with (or worth knowing about) a scenario, at a place in it.
///
/// ```
/// use bmd_atlas::scenario::{Position, Problem};
/// let p = Problem {
///     path: "sites[12].lat".into(),
///     position: Some(Position { line: 340, column: 9 }),
///     message: "95 is not a latitude (-90 to 90)".into(),
/// };
/// assert_eq!(p.to_string(), "sites[12].lat (line 340, column 9): 95 is not a latitude (-90 to 90)");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Field path such as `sites[12].lat`; empty where the problem is in the JSON text itself.
    pub path: String,
    /// Line and column in the file, where known.
    pub position: Option<Position>,
    pub message: String,
}

impl Problem {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    fn in_text(bytes: &[u8], offset: usize, message: impl Into<String>) -> Problem {
        let (line, column) = scan::line_column(bytes, offset);
        Problem {
            path: String::new(),
            position: Some(Position { line, column }),
            message: message.into(),
        }
    }

    /// The place alone: `sites[12].lat (line 340, column 9)`, `line 3, column 5` or `sites[12]`.
    pub fn place(&self) -> String {
        match (&self.path, self.position) {
            (p, Some(at)) if p.is_empty() => format!("line {}, column {}", at.line, at.column),
            (p, Some(at)) => format!("{p} (line {}, column {})", at.line, at.column),
            (p, None) if p.is_empty() => "top level".to_owned(),
            (p, None) => p.clone(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)
    }
}

/// Why a scenario could not be loaded. The text always names the file first.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all (missing, no permission, too large).
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    /// Not a readable scenario: not UTF-8 JSON, a limit exceeded, or not a scenario object.
    #[error("{file}: {problem}")]
    Syntax { file: String, problem: Problem },
    /// Written by a newer format than this build reads.
    #[error(
        "{file}: written in scenario format version {found} by a newer BMD Atlas; this build reads versions 1 to {supported}. Open it with a BMD Atlas that reads format version {found} (update BMD Atlas)."
    )]
    TooNew {
        file: String,
        found: u64,
        supported: u32,
    },
    /// Well-formed JSON with wrong content: every problem found, each with its field path.
    #[error("{file}: {} problem(s):\n{}", problems.len(), list(problems))]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// The file named in the error.
    pub fn file(&self) -> &str {
        match self {
            LoadError::Io { file, .. }
            | LoadError::Syntax { file, .. }
            | LoadError::TooNew { file, .. }
            | LoadError::Invalid { file, .. } => file,
        }
    }

    /// Every problem, for a list in a dialog (one for all but [`LoadError::Invalid`]).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Io { message, .. } => vec![Problem::at("", message.clone())],
            LoadError::Syntax { problem, .. } => vec![problem.clone()],
            LoadError::TooNew { .. } => {
                let text = self.to_string();
                let message = text
                    .strip_prefix(&format!("{}: ", self.file()))
                    .unwrap_or(&text)
                    .to_owned();
                vec![Problem::at("format_version", message)]
            }
            LoadError::Invalid { problems, .. } => problems.clone(),
        }
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

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
/// let text = r#"{"format_version": 2, "name": "t", "sites": [], "colour": "red"}"#;
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
    // The identifier of the schema is not data.
    top.remove("$schema");
    for (key, max) in [("sites", MAX_SITES), ("cities", MAX_CITIES)] {
        if let Some(Value::Array(items)) = top.get(key)
            && items.len() > max
        {
            return Err(LoadError::Invalid {
                file: file.to_owned(),
                problems: locate(
                    bytes,
                    vec![Problem::at(
                        key,
                        format!(
                            "{} entries; at most {max} are allowed. Split the scenario into several files.",
                            items.len()
                        ),
                    )],
                ),
            });
        }
    }

    let version = version as u32;
    let read = migrate::read(version, value).map_err(|problems| LoadError::Invalid {
        file: file.to_owned(),
        problems: locate(bytes, problems),
    })?;
    let mut warnings: Vec<Problem> = read
        .unknown
        .into_iter()
        .map(|u| {
            Problem::at(
                u.path,
                "unknown field, ignored: this BMD Atlas does not know it, and it is not written back when the file is saved",
            )
        })
        .collect();
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
            "the file is {:.1} MB; scenario files are limited to {} MB. Is this the right file?",
            size as f64 / (1024.0 * 1024.0),
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

/// The UTF-8 text of the file without a byte-order mark, or why it is not UTF-8.
pub(crate) fn text_bytes(bytes: &[u8]) -> Result<&[u8], Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::in_text(
            bytes,
            0,
            "the file is UTF-16 text; save it as UTF-8 (scenario files are UTF-8 JSON)",
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        return Err(Problem::in_text(
            bytes,
            at,
            format!(
                "byte 0x{:02X} is not UTF-8 text; save the file as UTF-8 (scenario files are UTF-8 JSON)",
                bytes.get(at).copied().unwrap_or(0)
            ),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::at("", "the file is empty"));
    }
    Ok(bytes)
}

pub(crate) fn scan_problem(bytes: &[u8], issue: ScanIssue) -> Problem {
    match issue {
        ScanIssue::TooDeep { offset, limit } => Problem::in_text(
            bytes,
            offset,
            format!(
                "arrays and objects nested more than {limit} deep; a scenario needs fewer than 10. Is this a scenario file?"
            ),
        ),
        ScanIssue::TooManyValues { offset, limit } => Problem::in_text(
            bytes,
            offset,
            format!(
                "more than {limit} values (objects, arrays, numbers, strings) in the file; this is the limit of a scenario file. Split it into several files."
            ),
        ),
        ScanIssue::DuplicateKey { offset, key } => Problem::in_text(
            bytes,
            offset,
            format!(
                "\"{key}\" appears twice in the same object; remove one (which one is meant is not clear)"
            ),
        ),
    }
}

/// A serde_json syntax error as a problem with a line and column and a plain message.
pub(crate) fn json_problem(e: &serde_json::Error) -> Problem {
    let text = e.to_string();
    // serde_json appends " at line L column C"; the place is reported separately.
    let raw = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let message = match raw {
        "EOF while parsing a list" => {
            "the file ends inside a list ([…]); it may have been cut short".to_owned()
        }
        "EOF while parsing an object" => {
            "the file ends inside an object ({…}); it may have been cut short".to_owned()
        }
        "EOF while parsing a string" => {
            "the file ends inside a string; it may have been cut short".to_owned()
        }
        "EOF while parsing a value" => {
            "the file ends where a value should be; it may have been cut short".to_owned()
        }
        "number out of range" => {
            "number out of range: numbers must fit a 64-bit float (at most about 1.8e308)"
                .to_owned()
        }
        "trailing comma" => {
            "trailing comma: JSON allows no comma before a closing ] or }".to_owned()
        }
        "trailing characters" => {
            "more text after the end of the scenario object; a file holds one JSON object"
                .to_owned()
        }
        "key must be a string" => "expected a key in double quotes (\"name\")".to_owned(),
        "expected value" => {
            "expected a value: a number, a \"string\", true, false, null, […] or {…}".to_owned()
        }
        m if m.starts_with("control character") => {
            format!("{m}: write line breaks and tabs inside strings as \\n and \\t")
        }
        m => m.to_owned(),
    };
    Problem {
        path: String::new(),
        position: Some(Position {
            line: e.line().max(1),
            column: e.column().max(1),
        }),
        message,
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

/// Checks the depth, value and duplicate-key limits of JSON text (for other JSON readers).
pub(crate) fn scan_limits(bytes: &[u8]) -> Result<(), Problem> {
    scan::scan(bytes, MAX_DEPTH, MAX_VALUES).map_err(|issue| scan_problem(bytes, issue))
}

/// The line and column of the field at `path` (`features[3].properties.side`) in JSON text.
pub(crate) fn position_of(bytes: &[u8], path: &str) -> Option<Position> {
    let steps = scan::parse_path(path)?;
    let offset = scan::locate(bytes, &steps)?;
    let (line, column) = scan::line_column(bytes, offset);
    Some(Position { line, column })
}

/// Adds lines and columns to the first [`limits::MAX_LOCATED`] problems with a field path, in one
/// pass over the text.
pub(crate) fn locate(bytes: &[u8], mut problems: Vec<Problem>) -> Vec<Problem> {
    let wanted: Vec<(usize, Vec<scan::Step>)> = problems
        .iter()
        .enumerate()
        .filter(|(_, p)| p.position.is_none() && !p.path.is_empty())
        .take(MAX_LOCATED)
        .filter_map(|(i, p)| scan::parse_path(&p.path).map(|steps| (i, steps)))
        .collect();
    let paths: Vec<Vec<scan::Step>> = wanted.iter().map(|(_, s)| s.clone()).collect();
    let found: Vec<(usize, usize)> = wanted
        .iter()
        .zip(scan::locate_many(bytes, &paths))
        .filter_map(|((i, _), offset)| offset.map(|o| (*i, o)))
        .collect();
    let offsets: Vec<usize> = found.iter().map(|(_, o)| *o).collect();
    for ((i, _), (line, column)) in found.iter().zip(scan::line_columns(bytes, &offsets)) {
        problems[*i].position = Some(Position { line, column });
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// Validation

/// Every rule a parsed scenario must follow, each broken one reported with its field path.
///
/// Types and syntax are checked by reading; this checks values (ranges, positions), uniqueness of
/// ids and that every reference names an object that exists. The range rules it shares with the
/// commands that edit a scenario are [`check_latitude`](super::check_latitude) and
/// [`check_longitude`](super::check_longitude); the year shown is held to
/// [`YEARS`](super::YEARS) only when it is chosen ([`check_year`](super::check_year)).
///
/// ```
/// let mut s = bmd_atlas::scenario::built_in();
/// assert!(bmd_atlas::scenario::validate(&s).is_empty());
/// s.sites[0].lat = 95.0;
/// assert_eq!(bmd_atlas::scenario::validate(&s)[0].path, "sites[0].lat");
/// ```
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut say = |place: String, message: &str| problems.push(Problem::at(place, message));
    if s.sites.len() > MAX_SITES {
        say(
            "sites".into(),
            &format!("{} sites; at most {MAX_SITES} are allowed", s.sites.len()),
        );
        return problems;
    }
    let interceptor_ids = unique_ids(
        s.interceptor_types.iter().map(|t| t.id.as_str()),
        "interceptor_types",
        "interceptor type",
        &mut say,
    );
    let mut ids = HashSet::new();
    for (i, site) in s.sites.iter().enumerate() {
        let at = |field: &str| format!("sites[{i}].{field}");
        if site.id.trim().is_empty() {
            say(at("id"), "is empty; every site needs an id");
        } else if !ids.insert(site.id.as_str()) {
            say(
                at("id"),
                &format!(
                    "'{}' is used by an earlier site; ids must be unique",
                    site.id
                ),
            );
        }
        check_lat_lon(site.lat, site.lon, at("lat"), at("lon"), &mut say);
        if site.source.trim().is_empty() {
            say(
                at("source"),
                "is empty; every object on the map needs a source",
            );
        }
        if let Some(r) = &site.radar {
            if !(r.range_km.is_finite() && r.range_km > 0.0 && r.range_km <= 20_000.0) {
                say(
                    at("radar.range_km"),
                    &format!(
                        "{} km: must be more than 0 and at most 20000 km",
                        r.range_km
                    ),
                );
            }
            if !(r.fov_deg.is_finite() && r.fov_deg > 0.0 && r.fov_deg <= 360.0) {
                say(
                    at("radar.fov_deg"),
                    &format!("{} degrees: must be more than 0 and at most 360", r.fov_deg),
                );
            }
            if !(r.boresight_deg.is_finite() && r.boresight_deg.abs() <= 720.0) {
                say(
                    at("radar.boresight_deg"),
                    &format!(
                        "{}: must be degrees clockwise from north (0 to 360)",
                        r.boresight_deg
                    ),
                );
            }
        }
        for (j, b) in site.batteries.iter().enumerate() {
            if !interceptor_ids.contains(b.interceptor.as_str()) {
                say(
                    at(&format!("batteries[{j}].interceptor")),
                    &format!(
                        "'{}' is not the id of an interceptor type (interceptor_types)",
                        b.interceptor
                    ),
                );
            }
        }
    }
    unique_ids(
        s.cities.iter().map(|c| c.id.as_str()),
        "cities",
        "city",
        &mut say,
    );
    for (i, c) in s.cities.iter().enumerate() {
        check_lat_lon(
            c.lat,
            c.lon,
            format!("cities[{i}].lat"),
            format!("cities[{i}].lon"),
            &mut say,
        );
    }
    for (i, t) in s.interceptor_types.iter().enumerate() {
        let at = |f: &str| format!("interceptor_types[{i}].{f}");
        for (field, v) in [
            ("burnout_kms", t.burnout_kms),
            ("range_km", t.range_km),
            ("max_altitude_km", t.max_altitude_km),
        ] {
            if !(v.is_finite() && v > 0.0) {
                say(at(field), &format!("{v}: must be a positive number"));
            }
        }
        for (field, v) in [
            ("burn_time_s", t.burn_time_s),
            ("min_altitude_km", t.min_altitude_km),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                say(at(field), &format!("{v}: must be zero or more"));
            }
        }
        if t.min_altitude_km > t.max_altitude_km {
            say(
                at("min_altitude_km"),
                &format!(
                    "{} km is above max_altitude_km ({} km)",
                    t.min_altitude_km, t.max_altitude_km
                ),
            );
        }
    }
    unique_ids(
        s.missile_types.iter().map(|m| m.id.as_str()),
        "missile_types",
        "missile type",
        &mut say,
    );
    for (i, m) in s.missile_types.iter().enumerate() {
        if !(m.range_km.is_finite() && m.range_km > 0.0) {
            say(
                format!("missile_types[{i}].range_km"),
                &format!("{}: must be a positive number", m.range_km),
            );
        }
    }
    validate_models(s, &mut say);
    for (field, message) in s.assumptions.problems() {
        say(format!("assumptions.{field}"), &message);
    }
    if let Some(f) = &s.presentation.view.focus {
        check_lat_lon(
            f.centre_lat,
            f.centre_lon,
            "presentation.view.focus.centre_lat".into(),
            "presentation.view.focus.centre_lon".into(),
            &mut say,
        );
        if !(f.metres_per_pixel.is_finite()
            && f.metres_per_pixel > 0.0
            && f.metres_per_pixel <= 1.0e6)
        {
            say(
                "presentation.view.focus.metres_per_pixel".into(),
                &format!(
                    "{}: must be more than 0 and at most 1000000",
                    f.metres_per_pixel
                ),
            );
        }
    }
    problems
}

/// Reports repeated ids in a list and returns the set of ids.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
    what: &str,
    say: &mut impl FnMut(String, &str),
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            say(
                format!("{list}[{i}].id"),
                &format!("'{id}' is used by an earlier {what}; ids must be unique"),
            );
        }
    }
    seen
}

fn validate_models(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    let site_ids: HashSet<&str> = s.sites.iter().map(|x| x.id.as_str()).collect();
    if !s.models.is_empty() && !s.models.iter().any(|m| m.id == s.model) {
        say(
            "model".into(),
            &format!("'{}' is not the id of one of the models", s.model),
        );
    }
    let mut ids = HashSet::new();
    for (i, m) in s.models.iter().enumerate() {
        let at = |f: &str| format!("models[{i}].{f}");
        if !ids.insert(m.id.as_str()) {
            say(
                at("id"),
                &format!("'{}' is used by an earlier model; ids must be unique", m.id),
            );
        }
        let mut known = |place: String, id: &str| {
            if !site_ids.contains(id) {
                say(place, &format!("'{id}' is not the id of a site"));
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
        let mut sector_ids = HashSet::new();
        for (j, sector) in m.sectors.iter().enumerate() {
            let sat = |f: &str| at(&format!("sectors[{j}].{f}"));
            if !sector_ids.insert(sector.id.as_str()) {
                say(
                    sat("id"),
                    &format!("'{}' is used by an earlier sector of this model", sector.id),
                );
            }
            if sector.boundary.len() < 3 {
                say(sat("boundary"), "needs at least 3 points");
            }
            for (k, [lon, lat]) in sector.boundary.iter().enumerate() {
                check_lat_lon(
                    *lat,
                    *lon,
                    sat(&format!("boundary[{k}][1]")),
                    sat(&format!("boundary[{k}][0]")),
                    say,
                );
            }
        }
    }
}

fn check_lat_lon(
    lat: f64,
    lon: f64,
    lat_place: String,
    lon_place: String,
    say: &mut impl FnMut(String, &str),
) {
    if let Err(e) = super::check_latitude(lat) {
        say(lat_place, &e);
    }
    if let Err(e) = super::check_longitude(lon) {
        say(lon_place, &e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
  "format_version": 2,
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
        let bad = MINIMAL.replace("\"format_version\": 2", "\"format_version\": 7");
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
