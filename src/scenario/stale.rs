//! Temporary files that a killed save left behind.
//!
//! A save writes `.NAME.PID.tmp` next to `NAME` and renames it over `NAME` (see `save.rs`). When
//! the process is killed between the two steps the temporary file stays. The next save of `NAME`
//! removes those whose process (the `PID` in the name) is no longer running; those of a running
//! process are another save in progress and are kept.

use std::ffi::{OsStr, OsString};
use std::io;
use std::path::{Path, PathBuf};

/// The temporary file that process `pid` writes while saving the file named `name`.
pub(super) fn temp_name(name: &OsStr, pid: u32) -> OsString {
    let mut temp = OsString::from(".");
    temp.push(name);
    temp.push(format!(".{pid}.tmp"));
    temp
}

/// The process id in `file_name` when it is a temporary file of a save of `name`.
fn owner(file_name: &str, name: &str) -> Option<u32> {
    let pid = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    // Only digits: `.a.json.backup.1.tmp` is not a temporary of `a.json`.
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// What a sweep did: the files it removed, and those it could not remove.
#[derive(Debug, Default)]
pub struct Swept {
    pub removed: Vec<PathBuf>,
    pub failed: Vec<(PathBuf, io::Error)>,
}

/// Removes the temporary files of saves of `name` in `dir` whose process is no longer running.
/// A folder that cannot be listed is a failure for the folder itself.
pub(super) fn sweep(dir: &Path, name: &OsStr) -> Swept {
    let mut swept = Swept::default();
    let Some(name) = name.to_str() else {
        // The temporary names are made from the name; a name that is not UTF-8 is rare enough
        // to leave its (equally rare) leftovers alone.
        return swept;
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            swept.failed.push((dir.to_owned(), e));
            return swept;
        }
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|f| owner(f, name)) else {
            continue;
        };
        if process_is_running(pid) {
            continue;
        }
        let path = entry.path();
        match std::fs::remove_file(&path) {
            Ok(()) => swept.removed.push(path),
            // Another save removed it first.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => swept.failed.push((path, e)),
        }
    }
    swept
}

/// Whether a process with this id is running. Where that cannot be told, it is taken to be
/// running: keeping a stale file is harmless, removing a live save's file is not.
pub fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    running(pid)
}

#[cfg(unix)]
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // Signal 0 checks that the process exists without sending anything; EPERM means it exists
    // but belongs to another user.
    // SAFETY: kill with signal 0 has no effect on any process and takes no pointers.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(windows)]
fn running(pid: u32) -> bool {
    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_ACCESS_DENIED, STILL_ACTIVE};
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    // SAFETY: OpenProcess takes plain values; the handle is closed below and used only here.
    let handle = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
    if handle.is_null() {
        // No such process, or one we may not look at (then it is another user's and running,
        // but its temporary file in our folder would be odd; keep it to be safe).
        return io::Error::last_os_error().raw_os_error() == Some(ERROR_ACCESS_DENIED as i32);
    }
    let mut code = 0u32;
    // SAFETY: `handle` is a valid process handle and `code` outlives the call.
    let ok = unsafe { GetExitCodeProcess(handle, &mut code) };
    // SAFETY: `handle` came from OpenProcess and is closed once.
    unsafe { CloseHandle(handle) };
    ok == 0 || code == STILL_ACTIVE as u32
}

#[cfg(not(any(unix, windows)))]
fn running(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_temporaries_of_the_same_name_are_recognised() {
        assert_eq!(
            owner(".a.scenario.json.123.tmp", "a.scenario.json"),
            Some(123)
        );
        assert_eq!(owner(".a.scenario.json.tmp", "a.scenario.json"), None);
        assert_eq!(owner(".a.scenario.json.x1.tmp", "a.scenario.json"), None);
        assert_eq!(owner(".b.scenario.json.123.tmp", "a.scenario.json"), None);
        assert_eq!(owner(".a.scenario.json.bak.1.tmp", "a.scenario.json"), None);
        assert_eq!(
            temp_name(OsStr::new("a.json"), 42),
            OsString::from(".a.json.42.tmp")
        );
    }

    /// The id of a process that has run and ended (reaped: the id is free again; its reuse
    /// within these microseconds is vanishingly unlikely).
    fn ended_process() -> u32 {
        let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
        let mut child = std::process::Command::new(exe)
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let pid = child.id();
        child.wait().unwrap_or_else(|e| panic!("{e}"));
        pid
    }

    #[test]
    fn this_process_runs_and_an_ended_one_does_not() {
        assert!(process_is_running(std::process::id()));
        assert!(!process_is_running(ended_process()));
    }

    /// Not a test: the running process that the test below needs, started
    /// as a child of the test binary.
    #[test]
    #[ignore = "a helper process for another test"]
    fn stay_alive_for_a_while() {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }

    #[test]
    fn the_next_save_removes_a_killed_saves_temporary_and_keeps_a_live_ones() {
        let dir = std::env::temp_dir().join(format!("bmd-atlas-stale-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("brief.scenario.json");
        let name = OsStr::new("brief.scenario.json");
        let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
        let mut alive = std::process::Command::new(exe)
            .args([
                "--ignored",
                "--exact",
                "scenario::stale::tests::stay_alive_for_a_while",
            ])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let dead = dir.join(temp_name(name, ended_process()));
        let live = dir.join(temp_name(name, alive.id()));
        let unrelated = dir.join(temp_name(
            OsStr::new("other.scenario.json"),
            ended_process(),
        ));
        for f in [&dead, &live, &unrelated] {
            std::fs::write(f, b"half a file").unwrap_or_else(|e| panic!("{e}"));
        }
        let saved = crate::scenario::save_file(&crate::scenario::built_in(), &path);
        let killed = alive.kill().and_then(|()| alive.wait());
        let saved = saved.unwrap_or_else(|e| panic!("{e}"));
        killed.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(saved.stale_removed, std::slice::from_ref(&dead));
        assert_eq!(saved.stale_error, None);
        assert!(!dead.exists(), "the killed save's temporary is still there");
        assert!(live.exists(), "a running save's temporary was removed");
        assert!(unrelated.exists(), "another file's temporary was removed");
        assert!(path.exists());
        std::fs::remove_dir_all(&dir).ok();
    }
}
