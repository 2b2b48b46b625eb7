//! From the fields of one row or feature to a valid site, and unique ids for the sites of a
//! file.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::values::{parse_kind, parse_side, parse_status_years, slug};
use super::{ImportOptions, Imported};
use crate::scenario::{
    self, Position, Problem, RadarCoverage, Scenario, Side, Site, SiteKind, Status, Timeline,
};

/// Where a field came from, for messages.
#[derive(Clone, Debug)]
pub(super) struct Place {
    pub(super) path: String,
    pub(super) position: Option<Position>,
}

impl Place {
    pub(super) fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            path: self.path.clone(),
            position: self.position,
            message: message.into(),
        }
    }
}

/// One row or feature: its fields as text (or JSON) with their places.
pub(super) struct Row {
    /// The place of the row itself.
    pub(super) place: Place,
    pub(super) fields: HashMap<String, (Value, Place)>,
    /// Numbers are written with a decimal comma (`44,067`): a `;`-separated CSV file.
    pub(super) decimal_comma: bool,
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

    /// The `missiles` field: a list of missile type ids, as a JSON array of strings (GeoJSON) or
    /// as text separated by `;` or `,` (CSV); empty where absent.
    fn missiles(&self) -> Vec<String> {
        match self.fields.get("missiles") {
            Some((Value::Array(items), _)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            Some((Value::String(s), _)) => s
                .split([';', ','])
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            _ => Vec::new(),
        }
    }

    pub(super) fn place_of(&self, name: &str) -> Place {
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
                Some((t, p)) => parse_decimal(&t, self.decimal_comma)
                    .map(Some)
                    .ok_or_else(|| {
                        p.problem(if self.decimal_comma {
                            format!("'{t}' is not a number (write decimals as 44,067 or 44.067)")
                        } else {
                            format!("'{t}' is not a number (write decimals with a point: 44.067)")
                        })
                    }),
            },
        }
    }
}

/// Columns a whole file lacks (a spreadsheet of `name,lat,lon`, say). Every row then gets the
/// same assumption, flagged uncertain where it is a fact, and the import says so once
/// ([`Absent::warning`]) rather than on every row. A column that is there but empty in a row is
/// still that row's problem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Absent {
    /// Set to the file's name: each site's source says it was imported from it unsourced.
    pub(super) source: Option<String>,
    pub(super) side: bool,
    pub(super) kind: bool,
    /// No `status_years`, `status` nor `timeline`.
    pub(super) status: bool,
    pub(super) id: bool,
}

impl Absent {
    /// Whether a site's facts rest on an assumption (and so are flagged uncertain).
    fn assumes_facts(&self) -> bool {
        self.source.is_some() || self.side || self.kind
    }

    /// The one warning for the whole file, if anything was assumed.
    pub(super) fn warning(&self, options: &ImportOptions) -> Option<Problem> {
        let mut said = Vec::new();
        if let Some(file) = &self.source {
            said.push(format!(
                "no source column: each site's source is \"{}\"",
                unsourced(file)
            ));
        }
        if self.kind {
            said.push(format!(
                "no kind column: each site is an \"{}\"",
                SiteKind::Other.label()
            ));
        }
        if self.side {
            said.push(
                "no side column: sides are taken from the country (RU and BY Russia, IR Iran, any other US/NATO)"
                    .to_owned(),
            );
        }
        if self.status {
            said.push(format!(
                "no status_years column: each site is operational from {}",
                options.undated_year
            ));
        }
        if self.id {
            said.push("no id column: ids are made from the names".to_owned());
        }
        if said.is_empty() {
            return None;
        }
        let flagged = if self.assumes_facts() {
            "; these sites are flagged uncertain, check them in the inspector"
        } else {
            ""
        };
        Some(Problem::at("", format!("{}{flagged}", said.join("; "))))
    }
}

/// The source given to sites imported from `file` without one.
fn unsourced(file: &str) -> String {
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    format!("imported from {name}, no source given")
}

/// The side of a site whose file gives none: from its country code.
fn side_from_country(row: &Row) -> Side {
    let country = row.text("country").map(|(t, _)| t.to_uppercase());
    match country.as_deref() {
        Some("RU" | "RUS" | "BY" | "BLR") => Side::Russia,
        Some("IR" | "IRN") => Side::Iran,
        _ => Side::UsNato,
    }
}

/// A finite number written with a decimal point (`44.067`), or, where `decimal_comma`, also
/// with a decimal comma (`44,067`, as spreadsheets in many European locales write them). A
/// number with both, or with thousands separators (`1.234,5`), is refused rather than guessed.
fn parse_decimal(text: &str, decimal_comma: bool) -> Option<f64> {
    let text = if decimal_comma && !text.contains('.') && text.matches(',').count() == 1 {
        text.replace(',', ".")
    } else {
        text.to_owned()
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Builds a valid site from a row, or says why it cannot. `absent` are the columns the whole
/// file lacks.
pub(super) fn site_from_row(
    row: &Row,
    absent: &Absent,
    options: &ImportOptions,
    warnings: &mut Vec<Problem>,
) -> Result<Site, Vec<Problem>> {
    let fields = read_fields(row, absent)?;
    let radar = radar_of(row, &fields, warnings);
    let mut quiet = Vec::new();
    // A status the whole file lacks is said once, in the file's warning.
    let status_warnings = if absent.status { &mut quiet } else { warnings };
    let (timeline, notes) = timeline_and_notes(row, fields.timeline, options, status_warnings);
    let mut site = Site {
        id: row.text("id").map(|(t, _)| t).unwrap_or_default(),
        name: fields.name,
        short_name: row.text("short_name").map(|(t, _)| t).unwrap_or_default(),
        country: row
            .text("country")
            .map(|(t, _)| t)
            .unwrap_or_else(|| "INTL".to_owned()),
        lat: fields.lat,
        lon: fields.lon,
        side: fields.side,
        kind: fields.kind,
        system: row.text("system").map(|(t, _)| t).unwrap_or_default(),
        timeline,
        radar,
        batteries: Vec::new(),
        missiles: row.missiles(),
        notes,
        source: fields.source,
        uncertain: uncertain_of(row) || absent.assumes_facts(),
        // A SIDC column or property, kept as given: a malformed one is a warning on opening.
        sidc: row.text("sidc").map(|(t, _)| t).unwrap_or_default(),
    };
    // The default for its kind and side (what exports write when none is given) stays implicit,
    // so a site exported and imported again is the site it was.
    if site.sidc == site.default_sidc() {
        site.sidc.clear();
    }
    let problems = scenario_problems(&site, row, options);
    if problems.is_empty() {
        Ok(site)
    } else {
        Err(problems)
    }
}

/// The fields of a row that every site needs, read as values, and the coverage and timeline
/// objects a GeoJSON export writes.
struct Fields {
    name: String,
    source: String,
    lat: f64,
    lon: f64,
    side: Side,
    kind: SiteKind,
    range_km: Option<f64>,
    boresight_deg: Option<f64>,
    fov_deg: Option<f64>,
    radar: Option<RadarCoverage>,
    timeline: Option<Timeline>,
}

/// Reads the fields of a row, or says everything that is wrong with them.
fn read_fields(row: &Row, absent: &Absent) -> Result<Fields, Vec<Problem>> {
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
    let side_text = if absent.side {
        String::new()
    } else {
        required("side")
    };
    let kind_text = if absent.kind {
        String::new()
    } else {
        required("kind")
    };
    let source = match &absent.source {
        Some(file) => unsourced(file),
        None => required("source"),
    };
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
    let side = if absent.side {
        Some(side_from_country(row))
    } else {
        side_of(row, &side_text, &mut problems)
    };
    let kind = if absent.kind {
        Some(SiteKind::Other)
    } else {
        kind_of(row, &kind_text, &mut problems)
    };
    let radar = object_of(row, "radar", "a radar coverage", &mut problems);
    let timeline = object_of(row, "timeline", "a timeline", &mut problems);
    let (Some(lat), Some(lon), Some(side), Some(kind)) = (lat, lon, side, kind) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Fields {
        name,
        source,
        lat,
        lon,
        side,
        kind,
        range_km,
        boresight_deg,
        fov_deg,
        radar,
        timeline,
    })
}

/// The side written in the `side` field, or a problem when it is not one (an empty field is
/// already a problem of its own).
fn side_of(row: &Row, text: &str, problems: &mut Vec<Problem>) -> Option<Side> {
    let side = parse_side(text);
    if side.is_none() && !text.is_empty() {
        problems.push(row.place_of("side").problem(format!(
            "'{text}' is not a side; write us_nato (or US/NATO), russia, iran or joint"
        )));
    }
    side
}

/// The kind written in the `kind` field, or a problem listing the kinds.
fn kind_of(row: &Row, text: &str, problems: &mut Vec<Problem>) -> Option<SiteKind> {
    let kind = parse_kind(text);
    if kind.is_none() && !text.is_empty() {
        let kinds: Vec<String> = SiteKind::ALL
            .iter()
            .filter_map(|k| serde_json::to_value(k).ok()?.as_str().map(str::to_owned))
            .collect();
        problems.push(row.place_of("kind").problem(format!(
            "'{text}' is not a kind; write one of {}",
            kinds.join(", ")
        )));
    }
    kind
}

/// A field holding a JSON object of a scenario type (`radar`, `timeline`), as GeoJSON exports
/// write them; `None` where the field is not an object.
fn object_of<T: DeserializeOwned>(
    row: &Row,
    name: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match row.fields.get(name) {
        Some((v @ Value::Object(_), p)) => match serde_json::from_value::<T>(v.clone()) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.push(p.problem(format!("not {what}: {e}")));
                None
            }
        },
        _ => None,
    }
}

/// The radar coverage: the `radar` object, or one made from `range_km` (boresight 0° and field
/// of view 360° where not given, and then uncertain).
fn radar_of(row: &Row, fields: &Fields, warnings: &mut Vec<Problem>) -> Option<RadarCoverage> {
    let (boresight_deg, fov_deg) = (fields.boresight_deg, fields.fov_deg);
    match (&fields.radar, fields.range_km) {
        (Some(r), _) => Some(r.clone()),
        (None, Some(range_km)) => Some(RadarCoverage {
            range_km,
            boresight_deg: boresight_deg.unwrap_or(0.0),
            fov_deg: fov_deg.unwrap_or(360.0),
            min_elevation_deg: 0.0,
            uncertainty: Default::default(),
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
    }
}

/// The timeline (the `timeline` object, else read from `status_years`, else from a bare
/// `status`, else operational from the undated year) and the notes, which keep a status
/// history as written.
fn timeline_and_notes(
    row: &Row,
    timeline_object: Option<Timeline>,
    options: &ImportOptions,
    warnings: &mut Vec<Problem>,
) -> (Timeline, String) {
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
    (timeline, notes)
}

/// The `uncertain` field: a JSON boolean, or `true`, `yes` or `1` in text.
fn uncertain_of(row: &Row) -> bool {
    match row.fields.get("uncertain") {
        Some((Value::Bool(b), _)) => *b,
        Some((Value::String(s), _)) => {
            matches!(s.trim().to_lowercase().as_str(), "true" | "yes" | "1")
        }
        _ => false,
    }
}

/// The scenario rules for the site (alone in a scenario), with places mapped back to the
/// fields.
fn scenario_problems(site: &Site, row: &Row, options: &ImportOptions) -> Vec<Problem> {
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
        annotations: Vec::new(),
        presentation: Default::default(),
    };
    scenario::validate(&check)
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
        .collect()
}

/// Problems in file order (those without a place last).
fn in_file_order(problems: &mut [Problem]) {
    problems.sort_by_key(|p| {
        p.position
            .map_or((usize::MAX, 0), |at| (at.line, at.column))
    });
}

/// Gives every site a unique id: generated from the name where empty (with a warning, unless
/// the whole file has no ids: `absent.id`), and a repeated id rejects the later row.
pub(super) fn assign_ids(candidates: Vec<(Site, Place)>, absent: &Absent, imported: &mut Imported) {
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
            if !absent.id {
                imported
                    .warnings
                    .push(place.problem(format!("no id: given the id '{id}' from the name")));
            }
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
