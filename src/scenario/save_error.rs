//! Why a save failed, said for where it is read: the cause named from the operating system's
//! error, what is left on disk, and advice that fits the window (Save As) or the command line
//! (`--out`).

use std::fmt;
use std::io;

use super::load::Problem;

/// Where a message is read; what a user can do about a failed save differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    /// The window: Save As, another folder in the dialog.
    Window,
    /// The command line: `--out`, the shell.
    CommandLine,
}

/// What a failed save left at its path: never half a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// A file was there and still is, as it was.
    PreviousUnchanged,
    /// No file was there and none was written.
    Nothing,
}

impl Left {
    /// Whether a file (a folder counts) is at `path` now, before anything is written.
    pub(crate) fn at(path: &std::path::Path) -> Left {
        if std::fs::symlink_metadata(path).is_ok() {
            Left::PreviousUnchanged
        } else {
            Left::Nothing
        }
    }

    fn sentence(self) -> &'static str {
        match self {
            Left::PreviousUnchanged => "The previous file is unchanged.",
            Left::Nothing => "Nothing was written.",
        }
    }
}

/// Why a save failed. In every case nothing at the path changed ([`Left`] says what is there).
///
/// `Display` says what happened; [`SaveError::message`] adds what to do, for the window or the
/// command line.
#[derive(Debug, PartialEq)]
pub enum SaveError {
    /// The scenario breaks a rule, so the file would not open again; nothing was written.
    Invalid {
        file: String,
        problems: Vec<Problem>,
        left: Left,
    },
    /// The file would be larger than a scenario file may be, so it would not open again.
    TooLarge {
        file: String,
        bytes: usize,
        left: Left,
    },
    /// The disk said no.
    Io {
        file: String,
        /// The step that failed ("creating the temporary file /a/.b.tmp").
        what: String,
        /// The cause in plain words, with the system's own text ("no space is left on the
        /// disk (No space left on device (os error 28))").
        cause: String,
        kind: io::ErrorKind,
        left: Left,
        /// Whether a scenario was being saved ("not saved"); otherwise a file such as an
        /// export was being written ("not written").
        scenario: bool,
    },
}

impl SaveError {
    pub(crate) fn io(
        file: &std::path::Path,
        what: impl Into<String>,
        e: &io::Error,
        left: Left,
    ) -> SaveError {
        SaveError::Io {
            file: file.display().to_string(),
            what: what.into(),
            cause: cause(e),
            kind: e.kind(),
            left,
            scenario: true,
        }
    }

    /// The same error for a file that is not a scenario (an export): "not written".
    pub(crate) fn for_other_file(mut self) -> SaveError {
        if let SaveError::Io { scenario, .. } = &mut self {
            *scenario = false;
        }
        self
    }

    /// What the user can do about it, where they read it.
    pub fn advice(&self, on: Surface) -> &'static str {
        let window = on == Surface::Window;
        match self {
            SaveError::Invalid { .. } => "Fix them and save again.",
            SaveError::TooLarge { .. } => {
                "Shorten long notes, or split the sites into several scenarios."
            }
            SaveError::Io { kind, .. } => io_advice(*kind, window),
        }
    }

    /// The whole message: what happened, what to do (for `on`), and what is left on disk.
    pub fn message(&self, on: Surface) -> String {
        format!(
            "{} {} {}",
            self.what_happened(),
            self.advice(on),
            self.left().sentence()
        )
    }

    fn left(&self) -> Left {
        match self {
            SaveError::Invalid { left, .. }
            | SaveError::TooLarge { left, .. }
            | SaveError::Io { left, .. } => *left,
        }
    }

    fn what_happened(&self) -> String {
        match self {
            SaveError::Invalid { file, problems, .. } => {
                let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
                format!(
                    "{file}: not saved, because the scenario has {} problem(s) that would stop it from opening again:\n{}\n",
                    problems.len(),
                    list.join("\n")
                )
            }
            SaveError::TooLarge { file, bytes, .. } => format!(
                "{file}: not saved, because the scenario would be a {} file and scenario files open only up to {} MB.",
                crate::format::megabytes(*bytes as u64),
                super::MAX_FILE_BYTES / (1024 * 1024)
            ),
            SaveError::Io {
                file,
                what,
                cause,
                scenario,
                ..
            } => {
                let not = if *scenario {
                    "not saved"
                } else {
                    "not written"
                };
                format!("{file}: {not}: {what} failed: {cause}.")
            }
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.what_happened(), self.left().sentence())
    }
}

impl std::error::Error for SaveError {}

/// The cause in plain words, then the system's own text.
fn cause(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let plain = match e.kind() {
        K::StorageFull => "no space is left on the disk",
        K::QuotaExceeded => "the disk quota is used up",
        K::FileTooLarge => "the file is too large for this file system",
        K::ReadOnlyFilesystem => "the file system is read-only",
        K::PermissionDenied => "permission denied",
        K::NotFound => "not found",
        K::NotADirectory => "part of the path is a file, not a folder",
        K::IsADirectory => "that name is a folder",
        _ => return e.to_string(),
    };
    let system = e.to_string();
    if system.eq_ignore_ascii_case(plain) {
        plain.to_owned()
    } else {
        format!("{plain} ({system})")
    }
}

/// What to do about a failed write, in the window or on the command line.
fn io_advice(kind: io::ErrorKind, window: bool) -> &'static str {
    use io::ErrorKind as K;
    match (kind, window) {
        (K::StorageFull | K::QuotaExceeded | K::FileTooLarge, true) => {
            "Free some space, or use Save As to save on another disk."
        }
        (K::StorageFull | K::QuotaExceeded | K::FileTooLarge, false) => {
            "Free some space, or give --out a path on another disk."
        }
        (K::ReadOnlyFilesystem, true) => "Use Save As to save on a disk that can be written.",
        (K::ReadOnlyFilesystem, false) => "Give --out a path on a disk that can be written.",
        (K::PermissionDenied, true) => {
            "Use Save As to choose a folder you may write to, or clear the file's read-only mark."
        }
        (K::PermissionDenied, false) => {
            "Give --out a folder you may write to, or clear the file's read-only mark (chmod u+w)."
        }
        (K::NotFound, true) => {
            "The folder may have been moved or removed: use Save As to choose one that exists."
        }
        (K::NotFound, false) => {
            "Create the folder first (mkdir -p), or give --out one that exists."
        }
        (K::NotADirectory, true) => "Use Save As to choose a folder.",
        (K::NotADirectory, false) => "Give --out a path whose folders are folders.",
        (K::IsADirectory, true) => "Use Save As to choose a file name.",
        (K::IsADirectory, false) => "Give --out a file name, not a folder.",
        (_, true) => "Try again, or use Save As to save somewhere else.",
        (_, false) => "Try again, or give --out another path.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(left: Left) -> SaveError {
        let e = io::Error::from_raw_os_error(28);
        SaveError::io(std::path::Path::new("a.json"), "writing", &e, left)
    }

    #[test]
    fn the_cause_is_named_and_the_advice_fits_where_it_is_read() {
        let e = full(Left::Nothing);
        if cfg!(unix) {
            assert!(
                e.to_string().starts_with(
                    "a.json: not saved: writing failed: no space is left on the disk ("
                ),
                "{e}"
            );
        }
        let window = e.message(Surface::Window);
        let cli = e.message(Surface::CommandLine);
        assert!(
            window.contains("Save As") && !window.contains("--out"),
            "{window}"
        );
        assert!(cli.contains("--out") && !cli.contains("Save As"), "{cli}");
        assert!(cli.ends_with("Nothing was written."), "{cli}");
        assert!(!cli.contains("previous file"), "{cli}");
        let kept = full(Left::PreviousUnchanged).message(Surface::CommandLine);
        assert!(kept.ends_with("The previous file is unchanged."), "{kept}");
    }

    #[test]
    fn every_kind_has_advice_for_both_surfaces_that_names_only_its_own() {
        use io::ErrorKind as K;
        for kind in [
            K::StorageFull,
            K::QuotaExceeded,
            K::FileTooLarge,
            K::ReadOnlyFilesystem,
            K::PermissionDenied,
            K::NotFound,
            K::NotADirectory,
            K::IsADirectory,
            K::Interrupted,
        ] {
            assert!(!io_advice(kind, true).contains("--out"), "{kind:?}");
            assert!(!io_advice(kind, false).contains("Save As"), "{kind:?}");
        }
        let e = io::Error::new(K::ReadOnlyFilesystem, "Read-only file system");
        assert_eq!(
            cause(&e),
            "the file system is read-only (Read-only file system)"
        );
    }
}
