//! The text of a file as JSON: UTF-8, syntax and the limits of a scenario file, each broken
//! one a problem with its line and column, and lines and columns for problems found by path.

use super::limits::*;
use super::{Position, Problem};
use crate::scenario::scan::{self, ScanIssue};

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

/// Adds lines and columns to the first [`MAX_LOCATED`] problems with a field path, in one pass
/// over the text.
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
