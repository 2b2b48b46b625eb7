//! The system's file dialogs (`rfd`), off the UI thread.
//!
//! rfd does not say when it could not show a dialog: on Linux it tries xdg-desktop-portal, then
//! zenity, and answers "cancelled" when both fail. Two checks tell the difference: before asking,
//! whether either could be reached at all; after, whether the answer came back sooner than a
//! person can cancel a dialog.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{Asked, FileDialogs, FileQuestion, Reply};

/// An answer sooner than this after asking means no dialog was shown: nobody cancels that fast.
const SOONER_THAN_A_PERSON: Duration = Duration::from_millis(300);

/// Set to `builtin` (or `in-app`), BMD Atlas uses its own dialog without trying the system's.
pub const DIALOG_ENV: &str = "BMD_ATLAS_FILE_DIALOG";

/// The operating system's dialogs.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn ask(&mut self, question: &FileQuestion) -> Asked {
        if let Some(why) = unavailable() {
            return Asked::Now(Reply::Unavailable(why));
        }
        let mut dialog = rfd::AsyncFileDialog::new().set_title(question.title());
        for filter in question.filters() {
            dialog = dialog.add_filter(filter.name, &filter.extensions);
        }
        if let Some(name) = &question.suggested {
            dialog = dialog.set_file_name(name);
        }
        let asked = Instant::now();
        let (tx, rx) = mpsc::channel();
        // Made here (macOS wants the dialog begun on the main thread), awaited on a thread of
        // its own so the window keeps drawing.
        let answer: std::pin::Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>> =
            if question.writes() {
                let future = dialog.save_file();
                Box::pin(async move { future.await.map(|f| f.path().to_owned()) })
            } else {
                let future = dialog.pick_file();
                Box::pin(async move { future.await.map(|f| f.path().to_owned()) })
            };
        std::thread::spawn(move || {
            let path = pollster::block_on(answer);
            // The window may have closed, or the user took the app's own dialog meanwhile.
            if tx.send(reply(path, asked.elapsed())).is_err() {
                // Nobody is waiting for the answer any more.
            }
        });
        Asked::Later(rx)
    }
}

/// The reply for what rfd answered `after` asking.
fn reply(path: Option<PathBuf>, after: Duration) -> Reply {
    match path {
        Some(path) => Reply::Chosen(path),
        None if after < SOONER_THAN_A_PERSON => Reply::Unavailable(
            "The system's file dialog could not be shown (on Linux it needs xdg-desktop-portal or zenity)."
                .to_owned(),
        ),
        None => Reply::Cancelled,
    }
}

/// Why no system dialog can be shown, when that is known before asking.
fn unavailable() -> Option<String> {
    if let Ok(choice) = std::env::var(DIALOG_ENV)
        && matches!(choice.as_str(), "builtin" | "in-app")
    {
        return Some(format!(
            "{DIALOG_ENV}={choice} chooses BMD Atlas's own file dialog."
        ));
    }
    desktop_unavailable()
}

#[cfg(all(unix, not(target_os = "macos")))]
fn desktop_unavailable() -> Option<String> {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|d| std::path::Path::new(&d).join("bus").exists());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    (!bus && !zenity).then(|| {
        "This desktop has no D-Bus session for xdg-desktop-portal and no zenity, so the system's file dialog cannot be shown.".to_owned()
    })
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn desktop_unavailable() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_empty_answer_means_no_dialog_was_shown() {
        assert!(matches!(
            reply(None, Duration::from_millis(5)),
            Reply::Unavailable(_)
        ));
        assert_eq!(reply(None, Duration::from_secs(3)), Reply::Cancelled);
        let p = PathBuf::from("/a/b.json");
        assert_eq!(
            reply(Some(p.clone()), Duration::from_millis(5)),
            Reply::Chosen(p)
        );
    }
}
