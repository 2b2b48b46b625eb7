//! Sites from the rows of a CSV file with the reference columns.

use serde_json::Value;

use super::fields::{Absent, Place, Row, assign_ids, site_from_row};
use super::{ImportError, ImportOptions, Imported, at, at_most_sites, refuse};
use crate::exchange::csv::{Field, Record, parse_csv, separator};
use crate::scenario::{Position, Problem};

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

const REQUIRED: [&str; 3] = ["name", "lat", "lon"];

/// Sites from CSV with the reference columns
/// `id,name,country,lat,lon,side,kind,system,status_years,range_km,boresight_deg,fov_deg,notes,source`
/// (any order, any case; only `name`, `lat` and `lon` are required; `latitude` and `longitude`
/// are accepted too).
///
/// A spreadsheet met halfway: a file without a `source`, `kind`, `side`, `status_years` or `id`
/// column is imported with one assumption for every row (no source given, "Other site", the side
/// from the country, operational from the undated year, ids from the names), the sites flagged
/// uncertain where a fact was assumed, and one warning that says so. Decimal commas (`44,07`,
/// as `;`-separated files from European spreadsheets have them) read as numbers.
///
/// Sides as people write them (`US/NATO`, `Russia`, `Iran`, `joint`, see
/// [`parse_side`](super::parse_side)); kinds as in scenario files or their labels; a radar where
/// `range_km` is given (boresight 0° and field of view 360° where not); the status history read
/// by [`parse_status_years`](super::parse_status_years), and kept in the notes as written. An
/// empty id is made from the name.
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
    at_most_sites(file, "", rows.len(), "rows")?;
    let mut imported = Imported::default();
    let columns = columns_of(header, file, &mut imported.warnings)?;
    let absent = absent_columns(&columns, file);
    let decimal_comma = separator(text) == ';';
    let mut candidates = Vec::new();
    for record in rows {
        let Some(row) = row_of(record, &columns, decimal_comma, &mut imported) else {
            continue;
        };
        match site_from_row(&row, &absent, options, &mut imported.warnings) {
            Ok(site) => candidates.push((site, row.place_of("id"))),
            Err(problems) => imported.rejected.extend(problems),
        }
    }
    assign_ids(candidates, &absent, &mut imported);
    if !imported.sites.is_empty()
        && let Some(warning) = absent.warning(options)
    {
        imported.warnings.insert(0, warning);
    }
    Ok(imported)
}

/// The optional columns the header lacks.
fn absent_columns(columns: &[String], file: &str) -> Absent {
    let lacks = |name: &str| !columns.iter().any(|c| c == name);
    Absent {
        source: lacks("source").then(|| file.to_owned()),
        side: lacks("side"),
        kind: lacks("kind"),
        status: lacks("status_years") && lacks("status") && lacks("timeline"),
        id: lacks("id"),
    }
}

/// A column the import reads (the others are ignored, with a warning).
fn known(column: &str) -> bool {
    CSV_COLUMNS.contains(&column)
        || matches!(column, "short_name" | "uncertain" | "status" | "sidc")
}

/// The column names of the header, lower-case and with the usual other names for latitude and
/// longitude; refuses a header without the required columns or with one twice, and warns of
/// columns it does not know.
fn columns_of(
    header: &Record,
    file: &str,
    warnings: &mut Vec<Problem>,
) -> Result<Vec<String>, ImportError> {
    let alias = |name: &str| -> String {
        let n = name.trim().trim_start_matches('\u{feff}').to_lowercase();
        match n.as_str() {
            "latitude" | "lat_deg" => "lat".into(),
            "longitude" | "lon_deg" | "lng" | "long" => "lon".into(),
            _ => n,
        }
    };
    let columns: Vec<String> = header.fields.iter().map(|f| alias(&f.text)).collect();
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
            warnings.push(at(
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
    Ok(columns)
}

/// The known fields of a record under their column names; `None` (and the record rejected)
/// where it has more fields than the header, a warning where it has fewer.
fn row_of(
    record: &Record,
    columns: &[String],
    decimal_comma: bool,
    imported: &mut Imported,
) -> Option<Row> {
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
        return None;
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
    Some(Row {
        decimal_comma,
        place: row_place,
        fields,
    })
}
