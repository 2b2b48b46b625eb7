//! Writing scenario files without ever losing the previous one, and the autosave helpers.
//!
//! A save writes the whole file to a temporary file in the same folder, flushes it to disk,
//! keeps the previous file as `NAME.scenario.json.bak`, and renames the temporary file over the
//! target. A rename within one folder is atomic, so at every moment the target is either the old
//! file or the new one, whole. When any step fails, the old file is untouched, the temporary file
//! is removed, and the error says what happened and what to do.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;

use super::load::{Loaded, open_file};
pub use super::save_error::{Left, SaveError, Surface};
use super::{FORMAT_VERSION, SCHEMA_URL, Scenario, validate};

/// A scenario as written to a file: the `$schema` identifier first, then the scenario's fields.
#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(flatten)]
    scenario: &'a Scenario,
}

/// The text of a scenario file: pretty-printed JSON (two-space indent, fields in their declared
/// order) with a final newline, always with the current [`FORMAT_VERSION`].
///
/// The same bytes for the same scenario, every time: this is what [`save_file`] writes, and the
/// built-in scenario file is exactly `to_json(&built_in())`.
///
/// ```
/// let text = bmd_atlas::scenario::to_json(&bmd_atlas::scenario::built_in());
/// assert!(text.starts_with("{\n  \"$schema\": \"https://"));
/// assert!(text.ends_with("}\n"));
/// ```
pub fn to_json(scenario: &Scenario) -> String {
    // Plain data with string keys only: serde_json has nothing to refuse (NaN becomes null, and
    // `save_file` validates first so none is written).
    render(scenario).expect("a scenario always serialises to JSON")
}

fn render(scenario: &Scenario) -> Result<String, serde_json::Error> {
    let current;
    let scenario = if scenario.format_version == FORMAT_VERSION {
        scenario
    } else {
        current = Scenario {
            format_version: FORMAT_VERSION,
            ..scenario.clone()
        };
        &current
    };
    let out = FileOut {
        schema: SCHEMA_URL,
        scenario,
    };
    let mut text = serde_json::to_string_pretty(&out)?;
    text.push('\n');
    Ok(text)
}

/// What a successful save did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The file written (symbolic links resolved: the link stays, its target is replaced).
    pub path: PathBuf,
    /// Where the previous version was kept, if there was one.
    pub backup: Option<PathBuf>,
    /// Why the previous version could not be kept, if it could not; the save itself succeeded.
    pub backup_error: Option<String>,
    /// Bytes written.
    pub bytes: usize,
    /// Temporary files that earlier, killed saves of this file left and this save removed.
    pub stale_removed: Vec<PathBuf>,
    /// Such files that could not be removed, and why; the save itself succeeded.
    pub stale_error: Option<String>,
}

/// Where [`save_file`] keeps the previous version of `path`: `NAME.scenario.json.bak`.
///
/// ```
/// use std::path::Path;
/// let bak = bmd_atlas::scenario::backup_path(Path::new("/tmp/a.scenario.json"));
/// assert_eq!(bak, Path::new("/tmp/a.scenario.json.bak"));
/// ```
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Saves a scenario to `path`, atomically, keeping the previous file as
/// `NAME.scenario.json.bak` (see the module documentation).
///
/// The scenario is validated first: one that would not open again is not written. The new file
/// keeps the previous file's permissions; a file marked read-only is not replaced. On failure
/// nothing at `path` has changed.
///
/// ```
/// use bmd_atlas::scenario;
/// let dir = std::env::temp_dir().join(format!("bmd-atlas-save-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("a.scenario.json");
/// scenario::save_file(&scenario::built_in(), &path).unwrap();
/// let saved = scenario::save_file(&scenario::built_in(), &path).unwrap();
/// assert_eq!(saved.backup, Some(scenario::backup_path(&path)));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn save_file(scenario: &Scenario, path: &Path) -> Result<Saved, SaveError> {
    let problems = validate(scenario);
    if !problems.is_empty() {
        return Err(SaveError::Invalid {
            file: path.display().to_string(),
            problems,
            left: Left::at(path),
        });
    }
    let text = render(scenario).map_err(|e| {
        SaveError::io(
            path,
            "writing the scenario as JSON",
            &io::Error::other(e.to_string()),
            Left::at(path),
        )
    })?;
    if text.len() as u64 > super::MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            file: path.display().to_string(),
            bytes: text.len(),
            left: Left::at(path),
        });
    }
    write_atomically(path, text.as_bytes(), true, &mut |f, bytes| {
        f.write_all(bytes)
    })
}

/// Writes any file (an export, say) the way [`save_file`] does: through a temporary file in the
/// same folder and a rename, so that a failure leaves the previous file (or none), never half a
/// file. No backup is kept.
///
/// ```
/// let path = std::env::temp_dir().join(format!("bmd-atlas-write-doc-{}.txt", std::process::id()));
/// bmd_atlas::scenario::write_file(&path, b"hello").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"hello");
/// # std::fs::remove_file(&path).unwrap();
/// ```
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<Saved, SaveError> {
    write_atomically(path, bytes, false, &mut |f, b| f.write_all(b))
        .map_err(SaveError::for_other_file)
}

/// Writes `bytes` to `path` through a temporary file; `write` does the writing (tests inject
/// failures through it).
fn write_atomically(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    let left = Left::at(path);
    // Replace a link's target, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)
            .map_err(|e| SaveError::io(path, "following the symbolic link", &e, left))?,
        _ => path.to_owned(),
    };
    let previous = match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            let e = io::Error::new(io::ErrorKind::IsADirectory, "is a folder");
            return Err(SaveError::io(path, "checking the file name", &e, left));
        }
        Ok(m) if m.permissions().readonly() => {
            let e = io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only");
            return Err(SaveError::io(path, "checking the file", &e, left));
        }
        Ok(m) => Some(m),
        Err(_) => None,
    };
    let Some(name) = target.file_name() else {
        let e = io::Error::new(io::ErrorKind::InvalidInput, "no file name");
        return Err(SaveError::io(path, "checking the file name", &e, left));
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let temp = dir.join(super::stale::temp_name(name, std::process::id()));

    let written = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)
            .map_err(|e| {
                SaveError::io(
                    path,
                    format!("creating the temporary file {}", temp.display()),
                    &e,
                    left,
                )
            })?;
        let step = format!("writing the temporary file {}", temp.display());
        write(&mut f, bytes).map_err(|e| SaveError::io(path, &step, &e, left))?;
        f.flush()
            .map_err(|e| SaveError::io(path, &step, &e, left))?;
        f.sync_all()
            .map_err(|e| SaveError::io(path, "flushing the file to disk", &e, left))?;
        if let Some(m) = &previous {
            // Best effort: a new file gets the default permissions otherwise.
            let _ = fs::set_permissions(&temp, m.permissions());
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }

    let mut backup = None;
    let mut backup_error = None;
    if keep_backup && previous.is_some() {
        let bak = backup_path(&target);
        match make_backup(&target, &bak) {
            Ok(()) => backup = Some(bak),
            Err(e) => {
                backup_error = Some(format!(
                    "the previous version could not be kept as {}: {e}",
                    bak.display()
                ))
            }
        }
    }
    if let Err(e) = fs::rename(&temp, &target) {
        let _ = fs::remove_file(&temp);
        return Err(SaveError::io(
            path,
            format!("replacing the file with {}", temp.display()),
            &e,
            left,
        ));
    }
    sync_dir(&dir);
    let swept = super::stale::sweep(&dir, name);
    let stale_error = (!swept.failed.is_empty()).then(|| {
        let failed: Vec<String> = swept
            .failed
            .iter()
            .map(|(p, e)| format!("{} ({e})", p.display()))
            .collect();
        format!(
            "left over from an earlier save and could not be removed: {}",
            failed.join(", ")
        )
    });
    Ok(Saved {
        path: target,
        backup,
        backup_error,
        bytes: bytes.len(),
        stale_removed: swept.removed,
        stale_error,
    })
}

/// Keeps `target` as `bak`: a hard link where the file system has them (instant, and the old
/// contents stay when the target is replaced), a copy otherwise.
fn make_backup(target: &Path, bak: &Path) -> io::Result<()> {
    match fs::remove_file(bak) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if fs::hard_link(target, bak).is_ok() {
        return Ok(());
    }
    fs::copy(target, bak).map(|_| ())
}

/// Makes the rename itself durable (Unix); elsewhere a no-op.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

// ---------------------------------------------------------------------------------------------
// Autosave and recovery

const RECOVERY_FILE: &str = "recovery.scenario.json";
const RECOVERY_ORIGIN: &str = "recovery.origin";

/// The autosave file in `storage_dir` (the app's storage folder, e.g. from
/// `eframe::storage_dir`).
///
/// ```
/// use std::path::Path;
/// let p = bmd_atlas::scenario::recovery_path(Path::new("/home/me/.local/share/bmd-atlas"));
/// assert_eq!(p, Path::new("/home/me/.local/share/bmd-atlas/recovery.scenario.json"));
/// ```
pub fn recovery_path(storage_dir: &Path) -> PathBuf {
    storage_dir.join(RECOVERY_FILE)
}

/// A scenario found in the recovery folder after a crash.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// The recovered scenario, with any warnings from reading it.
    pub loaded: Loaded,
    /// The file the scenario was being edited from, if it had one.
    pub original: Option<PathBuf>,
    /// When the autosave was written.
    pub written: Option<SystemTime>,
}

/// Writes the autosave copy of `scenario` into `storage_dir` (created if missing), atomically and
/// without validation or backup. `original` is the file being edited, if any, so that the
/// recovery prompt can name it.
///
/// ```
/// use bmd_atlas::scenario;
/// let dir = std::env::temp_dir().join(format!("bmd-atlas-recovery-doc-{}", std::process::id()));
/// scenario::write_recovery(&scenario::built_in(), None, &dir).unwrap();
/// let r = scenario::read_recovery(&dir).unwrap();
/// assert_eq!(r.loaded.scenario, scenario::built_in());
/// scenario::clear_recovery(&dir).unwrap();
/// assert!(scenario::read_recovery(&dir).is_none());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_recovery(
    scenario: &Scenario,
    original: Option<&Path>,
    storage_dir: &Path,
) -> Result<PathBuf, SaveError> {
    fs::create_dir_all(storage_dir).map_err(|e| {
        let left = Left::at(storage_dir);
        SaveError::io(storage_dir, "creating the recovery folder", &e, left)
    })?;
    let path = recovery_path(storage_dir);
    let origin = storage_dir.join(RECOVERY_ORIGIN);
    match original {
        Some(o) => {
            let text = o.to_string_lossy();
            write_atomically(&origin, text.as_bytes(), false, &mut |f, b| f.write_all(b))?;
        }
        None => {
            let _ = fs::remove_file(&origin);
        }
    }
    let text = to_json(scenario);
    write_atomically(&path, text.as_bytes(), false, &mut |f, b| f.write_all(b))?;
    Ok(path)
}

/// The autosaved scenario in `storage_dir`, if there is one that can be read. An unreadable
/// autosave (half-written by a crash of the machine, say) counts as none.
pub fn read_recovery(storage_dir: &Path) -> Option<Recovery> {
    let path = recovery_path(storage_dir);
    let written = fs::metadata(&path).ok()?.modified().ok();
    let loaded = open_file(&path).ok()?;
    let original = fs::read_to_string(storage_dir.join(RECOVERY_ORIGIN))
        .ok()
        .filter(|s| !s.is_empty())
        .map(PathBuf::from);
    Some(Recovery {
        loaded,
        original,
        written,
    })
}

/// Removes the autosave (after a save, or when the user declines to restore). Missing is fine.
pub fn clear_recovery(storage_dir: &Path) -> io::Result<()> {
    for name in [RECOVERY_FILE, RECOVERY_ORIGIN] {
        match fs::remove_file(storage_dir.join(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bmd-atlas-save-unit-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    /// A save (with a backup) and any other file (an export, without) alike: a disk that fills
    /// half way leaves the old file and no temporary file, so the next write has the room.
    #[test]
    fn a_full_disk_half_way_leaves_the_old_file_and_no_temporary() {
        for keep_backup in [true, false] {
            let dir = temp_dir(&format!("full-{keep_backup}"));
            let path = dir.join("a.scenario.json");
            fs::write(&path, b"old contents").expect("write");
            let err = write_atomically(&path, b"new contents, long", keep_backup, &mut |f, b| {
                f.write_all(&b[..4])?;
                Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "No space left on device",
                ))
            })
            .unwrap_err();
            let text = err.to_string();
            assert!(text.contains("no space is left on the disk"), "{text}");
            assert!(text.contains("The previous file is unchanged"), "{text}");
            assert!(text.starts_with(&path.display().to_string()), "{text}");
            assert_eq!(fs::read(&path).expect("read"), b"old contents");
            let left: Vec<_> = fs::read_dir(&dir).expect("dir").collect();
            assert_eq!(left.len(), 1, "temporary file left behind");
            assert!(!backup_path(&path).exists());
            write_file(&path, b"the next write").expect("the next write has the room");
            fs::remove_dir_all(&dir).ok();
        }
    }

    #[test]
    fn an_invalid_scenario_is_not_written() {
        let dir = temp_dir("invalid");
        let path = dir.join("a.scenario.json");
        let mut s = crate::scenario::built_in();
        s.sites[0].lat = f64::NAN;
        let err = save_file(&s, &path).unwrap_err();
        assert!(matches!(err, SaveError::Invalid { .. }));
        assert!(err.to_string().contains("sites[0].lat"));
        assert!(!path.exists());
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_link_replaces_the_target_and_keeps_the_link() {
        let dir = temp_dir("link");
        let real = dir.join("real.scenario.json");
        let link = dir.join("link.scenario.json");
        fs::write(&real, b"old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let saved = save_file(&crate::scenario::built_in(), &link).expect("saves");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(saved.path, fs::canonicalize(&real).expect("canonical"));
        assert_eq!(
            fs::read(&real).expect("read"),
            to_json(&crate::scenario::built_in()).as_bytes()
        );
        fs::remove_dir_all(&dir).ok();
    }
}
