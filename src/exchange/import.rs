//! Importing sites from CSV (the reference columns) and from GeoJSON points.
//!
//! Every imported site passes the same [`crate::scenario::validate`] rules as a scenario file, so
//! it can be added to a scenario as it is. Rows that cannot become a valid site are rejected,
//! each with the line and column (CSV) or field path and line (GeoJSON) and what is wrong; the
//! rest are imported. Whole-file problems (not CSV, a required column missing) refuse the file.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde_json::Value;

use super::csv::{Field, parse_csv};
use crate::scenario::{
    self, Position, Problem, RadarCoverage, Scenario, Side, Site, SiteKind, Status, StatusChange,
    Timeline, limits,
};

/// Choices for an import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    /// The year given to a status without a date ("operational (dates not verified)"): by default
    /// 2009, the first year of the year slider, so undated objects are on the map from the start.
    pub undated_year: i32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { undated_year: 2009 }
    }
}

/// What an import produced.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Imported {
    /// Valid sites, in file order, with unique ids.
    pub sites: Vec<Site>,
    /// Rows or features that were not imported, each with its place and the reason.
    pub rejected: Vec<Problem>,
    /// Things imported with an assumption the user should check (an undated status, a generated
    /// id, an ignored column).
    pub warnings: Vec<Problem>,
}

/// A file that could not be imported at all. Names the file, the place and the problem.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub struct ImportError {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "{}: {one}", self.file),
            many => {
                write!(f, "{}: {} problem(s):", self.file, many.len())?;
                for p in many {
                    write!(f, "\n  - {p}")?;
                }
                Ok(())
            }
        }
    }
}

fn refuse(file: &str, problem: Problem) -> ImportError {
    ImportError {
        file: file.to_owned(),
        problems: vec![problem],
    }
}

fn at(path: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_owned(),
        position: Some(Position { line, column }),
        message: message.into(),
    }
}

/// The reference CSV columns, in order.
pub const CSV_COLUMNS: [&str; 14] = [
    "id",
    "name",
    "country",
    "lat",
    "lon",
    "side",
    "kind",
    "system",
    "status_years",
    "range_km",
    "boresight_deg",
    "fov_deg",
    "notes",
    "source",
];

const REQUIRED: [&str; 6] = ["name", "lat", "lon", "side", "kind", "source"];

/// Reads a `.csv`, `.geojson` or `.json` file of sites (by extension; `.json` must be GeoJSON),
/// refusing files over the scenario size limit and text that is not UTF-8.
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| refuse(&file, Problem::at("", format!("cannot read the file: {e}"))))?;
    if meta.len() > limits::MAX_FILE_BYTES {
        return Err(refuse(
            &file,
            Problem::at(
                "",
                format!(
                    "the file is {:.1} MB; imports are limited to {} MB",
                    meta.len() as f64 / (1024.0 * 1024.0),
                    limits::MAX_FILE_BYTES / (1024 * 1024)
                ),
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| refuse(&file, Problem::at("", format!("cannot read the file: {e}"))))?;
    let bytes = scenario::text_bytes(&bytes).map_err(|p| refuse(&file, p))?;
    let text = String::from_utf8_lossy(bytes);
    let lower = file.to_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        from_csv(&text, &file, options)
    } else {
        from_geojson(&text, &file, options)
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// A side from what people write: `us_nato`, `US/NATO`, `US`, `NO/US`, `Russia`, `Iran`, `joint`.
///
/// ```
/// use bmd_atlas::exchange::parse_side;
/// use bmd_atlas::scenario::Side;
/// assert_eq!(parse_side("US/NATO"), Some(Side::UsNato));
/// assert_eq!(parse_side("US (in Israel)"), Some(Side::UsNato));
/// assert_eq!(parse_side("Joint NATO–Russia"), Some(Side::Joint));
/// assert_eq!(parse_side("Russia"), Some(Side::Russia));
/// assert_eq!(parse_side("Atlantis"), None);
/// ```
pub fn parse_side(text: &str) -> Option<Side> {
    let t = text.trim().to_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if t == "us_nato" || t == "usnato" {
        Some(Side::UsNato)
    } else if has("joint") || has("nrc") {
        Some(Side::Joint)
    } else if has("russia") || has("ru") || has("russian") {
        Some(Side::Russia)
    } else if has("iran") || has("ir") || has("iranian") {
        Some(Side::Iran)
    } else if ["us", "usa", "nato", "uk", "gb", "no", "us_nato"]
        .iter()
        .any(|w| has(w))
    {
        Some(Side::UsNato)
    } else {
        None
    }
}

/// A kind from its file name (`interceptor_site`) or its label (`Interceptor site`, `radar`).
///
/// ```
/// use bmd_atlas::exchange::parse_kind;
/// use bmd_atlas::scenario::SiteKind;
/// assert_eq!(parse_kind("ship_patrol_area"), Some(SiteKind::ShipPatrolArea));
/// assert_eq!(parse_kind("Command centre"), Some(SiteKind::CommandCentre));
/// assert_eq!(parse_kind("ICBM base"), Some(SiteKind::IcbmBase));
/// ```
pub fn parse_kind(text: &str) -> Option<SiteKind> {
    let norm = |s: &str| {
        s.trim()
            .to_lowercase()
            .replace([' ', '-'], "_")
            .replace("center", "centre")
    };
    let want = norm(text);
    SiteKind::ALL.into_iter().find(|k| {
        let file_name = serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        file_name == want || norm(k.label()) == want
    })
}

/// Words that say which status a clause of a status history describes, most decisive first.
const STATUS_WORDS: [(Status, &[&str]); 6] = [
    (
        Status::Cancelled,
        &[
            "cancel",
            "never",
            "not realised",
            "not realized",
            "abandon",
            "dropped",
        ],
    ),
    (
        Status::Closed,
        &[
            "suspend",
            "closed",
            "shut",
            "decommission",
            "handed back",
            "dismantl",
        ],
    ),
    (
        Status::Operational,
        &[
            "operational",
            "combat duty",
            "on alert",
            "on duty",
            "in service",
            "on line",
            "online",
            "active",
            "deployed",
            "inaugurated",
            "certified",
            "arrived",
            "declared",
            "established",
            "trial duty",
            "experimental duty",
            "entry into service",
        ],
    ),
    (
        Status::Planned,
        &[
            "announced",
            "planned",
            "agreed",
            "agreement",
            "chosen",
            "signed",
            "protocol",
            "ratified",
            "decided",
            "approved",
            "timeframe",
        ],
    ),
    (
        Status::UnderConstruction,
        &[
            "construction",
            "being built",
            "under_construction",
            "building",
        ],
    ),
    (Status::Proposed, &["propos", "hypothetical"]),
];

/// The first year (1900–2099) written in `text`, as a whole number of four digits.
fn first_year(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let digits = &b[i..i + 4];
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if alone
            && digits.iter().all(u8::is_ascii_digit)
            && (digits[0..2] == *b"19" || digits[0..2] == *b"20")
        {
            std::str::from_utf8(digits).ok()?.parse().ok()
        } else {
            None
        }
    })
}

/// A timeline from a status history in words, as in the reference `status_years` column
/// ("Proposed 2007; agreement signed Aug 2008; cancelled 17 Sep 2009"), or in the short form
/// `planned 2010; operational 2016`. Each `;`-separated clause with a status word becomes a
/// change in its year; a clause without a year counts only when no clause has one (at
/// `undated_year`). Returns the timeline and whether it was fully understood.
///
/// ```
/// use bmd_atlas::exchange::parse_status_years;
/// use bmd_atlas::scenario::{Status, TimelineChoice};
/// let (t, _) = parse_status_years("Proposed 2007; US-Poland agreement signed Aug 2008; cancelled 17 Sep 2009", 2009);
/// assert_eq!(t.status_in(2008, TimelineChoice::AsHappened), Some(Status::Planned));
/// assert_eq!(t.status_in(2010, TimelineChoice::AsHappened), Some(Status::Cancelled));
/// ```
pub fn parse_status_years(text: &str, undated_year: i32) -> (Timeline, bool) {
    let mut dated: Vec<StatusChange> = Vec::new();
    let mut undated: Option<Status> = None;
    let mut understood = true;
    for clause in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let lower = clause.to_lowercase();
        let status = STATUS_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
            .map(|(s, _)| *s);
        let Some(status) = status else {
            continue;
        };
        match first_year(clause) {
            Some(year) => {
                dated.retain(|c| c.year != year);
                dated.push(StatusChange {
                    year,
                    status,
                    note: clause.to_owned(),
                });
            }
            None => {
                undated.get_or_insert(status);
            }
        }
    }
    if dated.is_empty() {
        let status = undated.unwrap_or_else(|| {
            understood = false;
            Status::Operational
        });
        dated.push(StatusChange {
            year: undated_year,
            status,
            note: String::new(),
        });
        if !text.trim().is_empty() && undated.is_none() {
            understood = false;
        }
        if undated.is_some() {
            // A status without a date is an assumption about when.
            understood = false;
        }
    }
    dated.sort_by_key(|c| c.year);
    (
        Timeline {
            actual: dated,
            planned: Vec::new(),
        },
        understood,
    )
}

/// An id from a name: lower-case letters, digits and `_`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

// ---------------------------------------------------------------------------------------------
// From fields to a site

/// Where a field came from, for messages.
#[derive(Clone, Debug)]
struct Place {
    path: String,
    position: Option<Position>,
}

impl Place {
    fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            path: self.path.clone(),
            position: self.position,
            message: message.into(),
        }
    }
}

/// One row or feature: its fields as text (or JSON) with their places.
struct Row {
    /// The place of the row itself.
    place: Place,
    fields: HashMap<String, (Value, Place)>,
}

impl Row {
    fn text(&self, name: &str) -> Option<(String, &Place)> {
        self.fields.get(name).and_then(|(v, p)| match v {
            Value::String(s) if !s.trim().is_empty() => Some((s.trim().to_owned(), p)),
            Value::Number(n) => Some((n.to_string(), p)),
            Value::Bool(b) => Some((b.to_string(), p)),
            _ => None,
        })
    }

    fn place_of(&self, name: &str) -> Place {
        self.fields
            .get(name)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| self.place.clone())
    }

    fn number(&self, name: &str) -> Result<Option<f64>, Problem> {
        match self.fields.get(name) {
            Some((Value::Number(n), p)) => n
                .as_f64()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or_else(|| p.problem("is not a finite number")),
            _ => match self.text(name) {
                None => Ok(None),
                Some((t, p)) => t
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .map(Some)
                    .ok_or_else(|| {
                        p.problem(format!(
                            "'{t}' is not a number (write decimals with a point: 44.067)"
                        ))
                    }),
            },
        }
    }
}

/// Builds a valid site from a row, or says why it cannot.
fn site_from_row(
    row: &Row,
    options: &ImportOptions,
    warnings: &mut Vec<Problem>,
) -> Result<Site, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut required = |name: &str| match row.text(name) {
        Some((t, _)) => t,
        None => {
            problems.push(row.place_of(name).problem(format!(
                "{name} is empty or missing; every imported site needs one"
            )));
            String::new()
        }
    };
    let name = required("name");
    let side_text = required("side");
    let kind_text = required("kind");
    let source = required("source");
    let mut number = |field: &str| match row.number(field) {
        Ok(v) => v,
        Err(p) => {
            problems.push(p);
            None
        }
    };
    let lat = number("lat");
    let lon = number("lon");
    let range_km = number("range_km");
    let boresight_deg = number("boresight_deg");
    let fov_deg = number("fov_deg");
    for (field, v) in [("lat", lat), ("lon", lon)] {
        if v.is_none() && row.text(field).is_none() {
            problems.push(row.place_of(field).problem(format!(
                "{field} is empty or missing; every imported site needs one"
            )));
        }
    }
    let side = parse_side(&side_text);
    if side.is_none() && !side_text.is_empty() {
        problems.push(row.place_of("side").problem(format!(
            "'{side_text}' is not a side; write us_nato (or US/NATO), russia, iran or joint"
        )));
    }
    let kind = parse_kind(&kind_text);
    if kind.is_none() && !kind_text.is_empty() {
        let kinds: Vec<String> = SiteKind::ALL
            .iter()
            .filter_map(|k| serde_json::to_value(k).ok()?.as_str().map(str::to_owned))
            .collect();
        problems.push(row.place_of("kind").problem(format!(
            "'{kind_text}' is not a kind; write one of {}",
            kinds.join(", ")
        )));
    }
    let radar_object = match row.fields.get("radar") {
        Some((v @ Value::Object(_), p)) => match serde_json::from_value::<RadarCoverage>(v.clone())
        {
            Ok(r) => Some(r),
            Err(e) => {
                problems.push(p.problem(format!("not a radar coverage: {e}")));
                None
            }
        },
        _ => None,
    };
    let timeline_object = match row.fields.get("timeline") {
        Some((v @ Value::Object(_), p)) => match serde_json::from_value::<Timeline>(v.clone()) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.push(p.problem(format!("not a timeline: {e}")));
                None
            }
        },
        _ => None,
    };
    let (Some(lat), Some(lon), Some(side), Some(kind)) = (lat, lon, side, kind) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let radar = match (radar_object, range_km) {
        (Some(r), _) => Some(r),
        (None, Some(range_km)) => Some(RadarCoverage {
            range_km,
            boresight_deg: boresight_deg.unwrap_or(0.0),
            fov_deg: fov_deg.unwrap_or(360.0),
            uncertain: boresight_deg.is_none() || fov_deg.is_none(),
        }),
        (None, None) => {
            if boresight_deg.is_some() || fov_deg.is_some() {
                warnings.push(row.place_of("range_km").problem(
                    "boresight_deg or fov_deg given without range_km: no radar coverage imported",
                ));
            }
            None
        }
    };
    let mut notes = row.text("notes").map(|(t, _)| t).unwrap_or_default();
    let timeline = if let Some(t) = timeline_object {
        t
    } else if let Some((history, place)) = row.text("status_years") {
        let (t, understood) = parse_status_years(&history, options.undated_year);
        if !understood {
            warnings.push(place.problem(format!(
                "status history without a clear year; taken as {} from {}",
                t.actual.first().map_or("operational", |c| c.status.label()),
                t.actual.first().map_or(options.undated_year, |c| c.year)
            )));
        }
        if !notes.is_empty() {
            notes.push_str("\n\n");
        }
        notes.push_str("Status history as imported: ");
        notes.push_str(&history);
        t
    } else if let Some((status, place)) = row.text("status") {
        let parsed = serde_json::from_value::<Status>(Value::String(status.to_lowercase()))
            .ok()
            .or_else(|| {
                parse_status_years(&status, options.undated_year)
                    .0
                    .actual
                    .first()
                    .map(|c| c.status)
            })
            .unwrap_or(Status::Operational);
        warnings.push(place.problem(format!(
            "a status without a history: taken as {} from {}",
            parsed.label(),
            options.undated_year
        )));
        Timeline::from_year(options.undated_year, parsed)
    } else {
        warnings.push(row.place.problem(format!(
            "no status_years: taken as operational from {}",
            options.undated_year
        )));
        Timeline::from_year(options.undated_year, Status::Operational)
    };
    let uncertain = match row.fields.get("uncertain") {
        Some((Value::Bool(b), _)) => *b,
        Some((Value::String(s), _)) => {
            matches!(s.trim().to_lowercase().as_str(), "true" | "yes" | "1")
        }
        _ => false,
    };
    let site = Site {
        id: row.text("id").map(|(t, _)| t).unwrap_or_default(),
        name,
        short_name: row.text("short_name").map(|(t, _)| t).unwrap_or_default(),
        country: row
            .text("country")
            .map(|(t, _)| t)
            .unwrap_or_else(|| "INTL".to_owned()),
        lat,
        lon,
        side,
        kind,
        system: row.text("system").map(|(t, _)| t).unwrap_or_default(),
        timeline,
        radar,
        batteries: Vec::new(),
        notes,
        source,
        uncertain,
    };
    // The scenario rules, with places mapped back to the fields.
    let check = Scenario {
        format_version: scenario::FORMAT_VERSION,
        name: String::new(),
        description: String::new(),
        sites: vec![Site {
            id: "x".into(),
            ..site.clone()
        }],
        cities: Vec::new(),
        interceptor_types: Vec::new(),
        missile_types: Vec::new(),
        year: options.undated_year,
        timeline: Default::default(),
        models: Vec::new(),
        model: String::new(),
        assumptions: Default::default(),
        presentation: Default::default(),
    };
    let problems: Vec<Problem> = scenario::validate(&check)
        .into_iter()
        .map(|p| {
            let field = p
                .path
                .strip_prefix("sites[0].")
                .unwrap_or(&p.path)
                .to_owned();
            let column = field.rsplit('.').next().unwrap_or(&field).to_owned();
            row.place_of(&column).problem(p.message)
        })
        .collect();
    if problems.is_empty() {
        Ok(site)
    } else {
        Err(problems)
    }
}

/// Problems in file order (those without a place last).
fn in_file_order(problems: &mut [Problem]) {
    problems.sort_by_key(|p| {
        p.position
            .map_or((usize::MAX, 0), |at| (at.line, at.column))
    });
}

/// Gives every site a unique id: generated from the name where empty (with a warning), and a
/// repeated id rejects the later row.
fn assign_ids(candidates: Vec<(Site, Place)>, imported: &mut Imported) {
    let mut taken: HashSet<String> = HashSet::new();
    let mut first_at: HashMap<String, String> = HashMap::new();
    for (mut site, place) in candidates {
        if site.id.is_empty() {
            let base = match slug(&site.name) {
                s if s.is_empty() => "site".to_owned(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}_{n}");
                n += 1;
            }
            imported
                .warnings
                .push(place.problem(format!("no id: given the id '{id}' from the name")));
            site.id = id;
        } else if taken.contains(&site.id) {
            let earlier = first_at.get(&site.id).cloned().unwrap_or_default();
            imported.rejected.push(place.problem(format!(
                "the id '{}' is used by an earlier site{earlier}; ids must be unique",
                site.id
            )));
            continue;
        }
        taken.insert(site.id.clone());
        first_at.insert(
            site.id.clone(),
            place
                .position
                .map(|p| format!(" (line {})", p.line))
                .unwrap_or_default(),
        );
        imported.sites.push(site);
    }
    in_file_order(&mut imported.rejected);
    in_file_order(&mut imported.warnings);
}

// ---------------------------------------------------------------------------------------------
// CSV

/// Sites from CSV with the reference columns
/// `id,name,country,lat,lon,side,kind,system,status_years,range_km,boresight_deg,fov_deg,notes,source`
/// (any order, any case; `name`, `lat`, `lon`, `side`, `kind` and `source` are required; `latitude`
/// and `longitude` are accepted too).
///
/// Sides as people write them (`US/NATO`, `Russia`, `Iran`, `joint`, see [`parse_side`]); kinds
/// as in scenario files or their labels; a radar where `range_km` is given (boresight 0° and field
/// of view 360° where not); the status history read by [`parse_status_years`], and kept in the
/// notes as written. An empty id is made from the name.
///
/// ```
/// use bmd_atlas::exchange::{ImportOptions, from_csv};
/// let csv = "id,name,country,lat,lon,side,kind,system,status_years,range_km,boresight_deg,fov_deg,notes,source\n\
///            kurecik,Kürecik,TR,38.349,37.794,US/NATO,radar,AN/TPY-2,on line Dec 2011,3000,100,120,,KeepTrack\n\
///            bad,Bad,XX,95,0,Iran,radar,,,,,,,S\n";
/// let imported = from_csv(csv, "sites.csv", &ImportOptions::default()).unwrap();
/// assert_eq!(imported.sites[0].radar.as_ref().unwrap().range_km, 3000.0);
/// assert_eq!(imported.rejected[0].to_string(), "lat (line 3, column 12): 95 is not a latitude (-90 to 90)");
/// ```
pub fn from_csv(text: &str, file: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let records = parse_csv(text).map_err(|e| {
        refuse(
            file,
            at(
                "",
                e.line,
                e.column,
                format!("not valid CSV: {}", e.message),
            ),
        )
    })?;
    let Some((header, rows)) = records.split_first() else {
        return Err(refuse(file, Problem::at("", "the file is empty")));
    };
    if rows.len() > limits::MAX_SITES {
        return Err(refuse(
            file,
            Problem::at(
                "",
                format!(
                    "{} rows; at most {} sites can be imported at once",
                    rows.len(),
                    limits::MAX_SITES
                ),
            ),
        ));
    }
    let alias = |name: &str| -> String {
        let n = name.trim().trim_start_matches('\u{feff}').to_lowercase();
        match n.as_str() {
            "latitude" | "lat_deg" => "lat".into(),
            "longitude" | "lon_deg" | "lng" | "long" => "lon".into(),
            _ => n,
        }
    };
    let columns: Vec<String> = header.fields.iter().map(|f| alias(&f.text)).collect();
    let known =
        |c: &str| CSV_COLUMNS.contains(&c) || matches!(c, "short_name" | "uncertain" | "status");
    let mut imported = Imported::default();
    let mut missing = Vec::new();
    for need in REQUIRED {
        if !columns.iter().any(|c| c == need) {
            missing.push(need);
        }
    }
    if !missing.is_empty() {
        return Err(refuse(
            file,
            at(
                "",
                header.line,
                1,
                format!(
                    "the header has no {} column; the reference columns are {}",
                    missing.join(", "),
                    CSV_COLUMNS.join(",")
                ),
            ),
        ));
    }
    for (i, c) in columns.iter().enumerate() {
        if !known(c) {
            imported.warnings.push(at(
                c,
                header.line,
                header.fields[i].column,
                "not a known column; ignored",
            ));
        }
        if columns[..i].contains(c) {
            return Err(refuse(
                file,
                at(
                    c,
                    header.line,
                    header.fields[i].column,
                    "this column appears twice in the header",
                ),
            ));
        }
    }
    let mut candidates = Vec::new();
    for record in rows {
        let row_place = Place {
            path: String::new(),
            position: Some(Position {
                line: record.line,
                column: 1,
            }),
        };
        if record.fields.len() > columns.len() {
            let extra: &Field = &record.fields[columns.len()];
            imported.rejected.push(at(
                "",
                extra.line,
                extra.column,
                format!(
                    "{} fields, but the header has {}; is a comma inside a field not quoted?",
                    record.fields.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        if record.fields.len() < columns.len() {
            imported.warnings.push(row_place.problem(format!(
                "{} fields, but the header has {}; the missing ones are taken as empty",
                record.fields.len(),
                columns.len()
            )));
        }
        let fields = columns
            .iter()
            .zip(&record.fields)
            .filter(|(c, _)| known(c))
            .map(|(c, f)| {
                (
                    c.clone(),
                    (
                        Value::String(f.text.clone()),
                        Place {
                            path: c.clone(),
                            position: Some(Position {
                                line: f.line,
                                column: f.column,
                            }),
                        },
                    ),
                )
            })
            .collect();
        let row = Row {
            place: row_place.clone(),
            fields,
        };
        match site_from_row(&row, options, &mut imported.warnings) {
            Ok(site) => candidates.push((site, row.place_of("id"))),
            Err(problems) => imported.rejected.extend(problems),
        }
    }
    assign_ids(candidates, &mut imported);
    Ok(imported)
}

// ---------------------------------------------------------------------------------------------
// GeoJSON

/// Sites from the `Point` features of a GeoJSON FeatureCollection (or a single Feature). Their
/// properties use the CSV column names (`id`, `name`, `side`, `kind`, `source`, `status_years`,
/// `range_km`, …); the `timeline` and `radar` objects that [`super::to_geojson`] writes are read
/// as they are, so exported sites import back unchanged but for their interceptor batteries (which
/// name interceptor types of their scenario, and are not exchanged). Other geometries, and the
/// cities of an export, are skipped (counted in one warning).
///
/// ```
/// use bmd_atlas::exchange::{ImportOptions, from_geojson, to_geojson};
/// use bmd_atlas::picture::Picture;
/// let s = bmd_atlas::scenario::built_in();
/// let text = to_geojson(&s, &Picture::build(&s, &s.presentation.layers, None));
/// let imported = from_geojson(&text, "export.geojson", &ImportOptions::default()).unwrap();
/// let deveselu = imported.sites.iter().find(|x| x.id == "deveselu").unwrap();
/// let mut original = s.site("deveselu").unwrap().clone();
/// original.batteries.clear();
/// assert_eq!(deveselu, &original);
/// ```
pub fn from_geojson(
    text: &str,
    file: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let bytes = scenario::text_bytes(text.as_bytes()).map_err(|p| refuse(file, p))?;
    scenario::scan_limits(bytes).map_err(|p| refuse(file, p))?;
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| refuse(file, scenario::json_problem(&e)))?;
    let place = |path: String| {
        let position = scenario::position_of(bytes, &path);
        Place { path, position }
    };
    let features: Vec<(String, &Value)> = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match value.get("features") {
            Some(Value::Array(fs)) => fs
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("features[{i}]"), f))
                .collect(),
            _ => {
                return Err(refuse(
                    file,
                    place("features".into()).problem("a FeatureCollection needs a features list"),
                ));
            }
        },
        Some("Feature") => vec![(String::new(), &value)],
        other => {
            return Err(refuse(
                file,
                place("type".into()).problem(format!(
                    "expected a GeoJSON FeatureCollection or Feature, found {}",
                    other.map_or("no type".to_owned(), |t| format!("type {t}"))
                )),
            ));
        }
    };
    if features.len() > limits::MAX_SITES {
        return Err(refuse(
            file,
            Problem::at(
                "features",
                format!(
                    "{} features; at most {} sites can be imported at once",
                    features.len(),
                    limits::MAX_SITES
                ),
            ),
        ));
    }
    let mut imported = Imported::default();
    let mut skipped_geometry = 0;
    let mut skipped_cities = 0;
    let mut candidates = Vec::new();
    for (path, feature) in features {
        let sub = |p: &str| {
            if path.is_empty() {
                p.to_owned()
            } else {
                format!("{path}.{p}")
            }
        };
        let geometry = feature.get("geometry");
        let coords = match geometry.and_then(|g| g.get("type")).and_then(Value::as_str) {
            Some("Point") => geometry.and_then(|g| g.get("coordinates")),
            _ => {
                skipped_geometry += 1;
                continue;
            }
        };
        let props = feature.get("properties").and_then(Value::as_object);
        if props.and_then(|p| p.get("layer")).and_then(Value::as_str) == Some("city") {
            skipped_cities += 1;
            continue;
        }
        let coord_path = sub("geometry.coordinates");
        let (lon, lat) = match coords.and_then(Value::as_array).map(Vec::as_slice) {
            Some([lon, lat, ..]) => (lon.clone(), lat.clone()),
            _ => {
                imported.rejected.push(
                    place(coord_path).problem("a Point needs coordinates [longitude, latitude]"),
                );
                continue;
            }
        };
        let mut fields: HashMap<String, (Value, Place)> = HashMap::new();
        fields.insert("lon".into(), (lon, place(format!("{coord_path}[0]"))));
        fields.insert("lat".into(), (lat, place(format!("{coord_path}[1]"))));
        if let Some(props) = props {
            for (k, v) in props {
                if k == "lat" || k == "lon" {
                    continue;
                }
                fields.insert(
                    k.clone(),
                    (v.clone(), place(sub(&format!("properties.{k}")))),
                );
            }
        }
        if !fields.contains_key("id")
            && let Some(id) = feature.get("id").and_then(Value::as_str)
        {
            fields.insert(
                "id".into(),
                (Value::String(id.to_owned()), place(sub("id"))),
            );
        }
        let row = Row {
            place: place(path.clone()),
            fields,
        };
        match site_from_row(&row, options, &mut imported.warnings) {
            Ok(site) => candidates.push((site, row.place_of("id"))),
            Err(problems) => imported.rejected.extend(problems),
        }
    }
    assign_ids(candidates, &mut imported);
    if skipped_geometry + skipped_cities > 0 {
        imported.warnings.push(Problem::at(
            "features",
            format!(
                "{skipped_geometry} feature(s) that are not points and {skipped_cities} city point(s) skipped; only sites are imported"
            ),
        ));
    }
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::TimelineChoice;

    #[test]
    fn years_are_found_alone() {
        assert_eq!(first_year("certified operational 12 May 2016"), Some(2016));
        assert_eq!(first_year("Dec 2011/early 2012"), Some(2011));
        assert_eq!(first_year("20160"), None);
        assert_eq!(first_year("no year"), None);
        assert_eq!(first_year("c.2012"), Some(2012));
    }

    #[test]
    fn status_histories_of_the_reference_file() {
        let year = |text: &str, y: i32| {
            parse_status_years(text, 2009)
                .0
                .status_in(y, TimelineChoice::AsHappened)
        };
        let deveselu = "EPAA Ph2 '2015 timeframe'; site chosen May 2011; agreement ratified Dec 2011; NSF Deveselu set up Oct 2014; certified operational 12 May 2016; NATO C2 thereafter";
        assert_eq!(year(deveselu, 2012), Some(Status::Planned));
        assert_eq!(year(deveselu, 2016), Some(Status::Operational));
        let gabala = "operational 1985; leased by Russia 2002-2012; offered for joint use Jun 2007; operations suspended 10 Dec 2012";
        assert_eq!(year(gabala, 2010), Some(Status::Operational));
        assert_eq!(year(gabala, 2013), Some(Status::Closed));
        let (t, understood) = parse_status_years("active (reported)", 2009);
        assert_eq!(
            t.status_in(2009, TimelineChoice::AsHappened),
            Some(Status::Operational)
        );
        assert!(!understood);
        let (t, understood) = parse_status_years("planned 2010; operational 2016", 2009);
        assert_eq!(t.actual.len(), 2);
        assert!(understood);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Aegis Ashore Poland (NSF Redzikowo)"),
            "aegis_ashore_poland_nsf_redzikowo"
        );
        assert_eq!(slug("—"), "");
    }
}
