//! Importing sites from CSV (the reference columns) and from GeoJSON points.
//!
//! Every imported site passes the same [`crate::scenario::validate`] rules as a scenario file, so
//! it can be added to a scenario as it is. Rows that cannot become a valid site are rejected,
//! each with the line and column (CSV) or field path and line (GeoJSON) and what is wrong; the
//! rest are imported. Whole-file problems (not CSV, a required column missing) refuse the file.

use std::fmt;
use std::path::Path;

use crate::scenario::{self, Position, Problem, Site, limits};

mod csv_rows;
mod fields;
mod geojson;
mod values;

pub use csv_rows::{CSV_COLUMNS, from_csv};
pub use geojson::from_geojson;
pub use values::{parse_kind, parse_side, parse_status_years};

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

/// Refuses a file of more rows or features (`what`) than a scenario may have sites.
fn at_most_sites(file: &str, path: &str, count: usize, what: &str) -> Result<(), ImportError> {
    if count > limits::MAX_SITES {
        return Err(refuse(
            file,
            Problem::at(
                path,
                format!(
                    "{count} {what}; at most {} sites can be imported at once",
                    limits::MAX_SITES
                ),
            ),
        ));
    }
    Ok(())
}

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
                    "the file is {}; imports are limited to {} MB",
                    crate::format::megabytes(meta.len()),
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
