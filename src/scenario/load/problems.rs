//! What is wrong with a scenario file, and where: problems with their places, and the errors
//! that refuse a file.

use std::fmt;

use crate::scenario::scan;

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

    pub(super) fn in_text(bytes: &[u8], offset: usize, message: impl Into<String>) -> Problem {
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
