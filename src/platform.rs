//! What differs between Windows, macOS and Linux, kept in one place.
//!
//! - **Console** ([`init`]): the Windows release `.exe` uses the GUI subsystem, so no console window
//!   opens behind the map; `bmd-atlas.exe --help`, `validate` and `export` typed in a terminal then
//!   print by attaching to that terminal's console.
//! - **Names**: the app's name, its id (Linux desktop file, Wayland app id, X11 `WM_CLASS`, data
//!   folder) and its document type (`.scenario.json`), shared with `packaging/`.
//! - **Shortcuts and menus** ([`shortcut_text`], [`quit_menu_item`]): `Cmd` (⌘) on macOS and `Ctrl`
//!   elsewhere, as [`egui::Modifiers::COMMAND`] does for the keys themselves; Quit lives in the
//!   application menu on macOS (winit provides it, with ⌘Q), is "Exit" on Windows (Alt+F4) and
//!   "Quit" (Ctrl+Q) on Linux.
//! - **Data folder** ([`data_dir`]): where eframe keeps the window and UI state.
//! - **File manager** ([`reveal_command`]): show an exported file in Explorer, Finder or the
//!   desktop's file manager.
//!
//! Every rule is a plain function of an [`OperatingSystem`], so all three platforms are tested on
//! any of them (`tests/platform.rs`).
//!
//! Known limitation: on macOS, Finder hands a double-clicked document to a running app as an Apple
//! Event, not as a command-line argument, and winit 0.30 does not pass that event on; so the file
//! type is registered (the app is offered in "Open With") but the app then opens the built-in
//! scenario. Windows and Linux pass the file as an argument, which `bmd-atlas FILE` opens.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use egui::{self, Key, KeyboardShortcut, ModifierNames, Modifiers, os::OperatingSystem};

/// The name shown to people: window title, menus, installers.
pub const APP_NAME: &str = "BMD Atlas";
/// The machine name: executable, Linux desktop file and icon name, Wayland app id, X11 `WM_CLASS`.
pub const APP_ID: &str = "bmd-atlas";
/// macOS bundle identifier (`packaging/macos/Info.plist`).
pub const BUNDLE_ID: &str = "org.bmdatlas.BMDAtlas";
/// The scenario document type: file-name ending ...
pub const SCENARIO_SUFFIX: &str = ".scenario.json";
/// ... its MIME type (`packaging/linux/bmd-atlas.xml`, the desktop entry) ...
pub const SCENARIO_MIME_TYPE: &str = "application/x-bmd-atlas-scenario+json";
/// ... and its macOS uniform type identifier (`packaging/macos/Info.plist`).
pub const SCENARIO_UTI: &str = "org.bmdatlas.scenario";

/// The app icon, 256 px (the same drawing as the `.exe`, `.app` and desktop icons).
pub const ICON_PNG: &[u8] = include_bytes!("../assets/icons/png/256.png");

/// Call first thing in `main`. On Windows, attaches to the console of the terminal the program was
/// started from, if any, so that command-line output reaches it although the release build is a
/// GUI-subsystem program; output already redirected to a file or pipe is left alone. Does nothing
/// elsewhere.
pub fn init() {
    #[cfg(windows)]
    windows::attach_parent_console();
}

/// The platform this build runs on.
pub fn os() -> OperatingSystem {
    OperatingSystem::from_target_os()
}

/// Whether the platform's menus and shortcuts follow macOS conventions.
pub fn is_mac(os: OperatingSystem) -> bool {
    matches!(os, OperatingSystem::Mac | OperatingSystem::IOS)
}

/// How a shortcut is written in menus and tooltips on this platform: `⌘D` on macOS, `Ctrl+D`
/// elsewhere. Use [`Modifiers::COMMAND`] for the shortcut itself.
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    shortcut_text_for(os(), shortcut)
}

/// [`shortcut_text`] for a given platform.
pub fn shortcut_text_for(os: OperatingSystem, shortcut: &KeyboardShortcut) -> String {
    let mac = is_mac(os);
    let names = if mac {
        ModifierNames::SYMBOLS
    } else {
        ModifierNames::NAMES
    };
    shortcut.format(&names, mac)
}

/// A menu label with its shortcut, `"Duplicate (⌘D)"` or `"Duplicate (Ctrl+D)"`.
pub fn with_shortcut(label: &str, shortcut: &KeyboardShortcut) -> String {
    format!("{label} ({})", shortcut_text(shortcut))
}

/// The File menu's last item: its label and the shortcut the app should handle itself. `None` on
/// macOS, where Quit (⌘Q) is in the application menu that winit creates. On Windows the item is
/// "Exit" and Alt+F4 is handled by the system.
pub fn quit_menu_item(os: OperatingSystem) -> Option<(&'static str, Option<KeyboardShortcut>)> {
    match os {
        OperatingSystem::Mac | OperatingSystem::IOS => None,
        OperatingSystem::Windows => Some(("Exit", None)),
        _ => Some((
            "Quit",
            Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Q)),
        )),
    }
}

/// The app icon for the window title bar and taskbar ([`egui::ViewportBuilder::with_icon`]);
/// without it eframe shows egui's logo.
pub fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(ICON_PNG).expect("the bundled icon is a valid PNG")
}

/// Whether a path names a scenario document (`*.scenario.json`, any case).
pub fn is_scenario_file(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.len() > SCENARIO_SUFFIX.len() && n.to_ascii_lowercase().ends_with(SCENARIO_SUFFIX)
    })
}

/// Where eframe keeps this app's saved state (window size, UI memory) on this machine:
/// `%APPDATA%\bmd-atlas\data` on Windows, `~/Library/Application Support/bmd-atlas` on macOS,
/// `$XDG_DATA_HOME/bmd-atlas` (`~/.local/share/bmd-atlas`) on Linux. This assumes the viewport's
/// app id is [`APP_ID`] (`ViewportBuilder::with_app_id`), from which eframe names the folder.
pub fn data_dir() -> Option<PathBuf> {
    eframe::storage_dir(APP_ID)
}

/// The folders [`data_dir`] chooses from, passed in so that every platform's rule can be tested.
#[derive(Clone, Debug, Default)]
pub struct KnownFolders {
    /// The user's home folder.
    pub home: Option<PathBuf>,
    /// `$XDG_DATA_HOME` (Linux; ignored unless absolute).
    pub xdg_data_home: Option<OsString>,
    /// The roaming application-data folder (`FOLDERID_RoamingAppData`, `%APPDATA%`; Windows).
    pub roaming_app_data: Option<PathBuf>,
}

/// [`data_dir`]'s rule for a given platform and folders; the same rule as `eframe::storage_dir`.
pub fn data_dir_for(os: OperatingSystem, app_id: &str, folders: &KnownFolders) -> Option<PathBuf> {
    match os {
        OperatingSystem::Nix => folders
            .xdg_data_home
            .as_ref()
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| {
                folders
                    .home
                    .as_ref()
                    .map(|h| h.join(".local").join("share"))
            })
            .map(|p| {
                p.join(
                    app_id
                        .to_lowercase()
                        .replace(|c: char| c.is_ascii_whitespace(), ""),
                )
            }),
        OperatingSystem::Mac => folders.home.as_ref().map(|h| {
            h.join("Library")
                .join("Application Support")
                .join(app_id.replace(|c: char| c.is_ascii_whitespace(), "-"))
        }),
        OperatingSystem::Windows => folders
            .roaming_app_data
            .as_ref()
            .map(|p| p.join(app_id).join("data")),
        OperatingSystem::Unknown | OperatingSystem::Android | OperatingSystem::IOS => None,
    }
}

/// The command that shows `path` in the platform's file manager (e.g. after an export): Explorer
/// with the file selected, Finder with it revealed, or the folder in the desktop's file manager.
pub fn reveal_command(os: OperatingSystem, path: &Path) -> Option<(OsString, Vec<OsString>)> {
    match os {
        OperatingSystem::Windows => {
            // One argument: Explorer parses "/select,PATH" itself.
            let mut arg = OsString::from("/select,");
            arg.push(path.as_os_str());
            Some(("explorer".into(), vec![arg]))
        }
        OperatingSystem::Mac => Some(("open".into(), vec!["-R".into(), path.into()])),
        OperatingSystem::Nix => {
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            Some(("xdg-open".into(), vec![folder.into()]))
        }
        OperatingSystem::Unknown | OperatingSystem::Android | OperatingSystem::IOS => None,
    }
}

/// Shows `path` in the file manager ([`reveal_command`]) without waiting for it.
pub fn reveal_in_file_manager(path: &Path) -> std::io::Result<()> {
    let (program, args) = reveal_command(os(), path)
        .ok_or_else(|| std::io::Error::other("no file manager on this platform"))?;
    std::process::Command::new(program)
        .args(args)
        .spawn()
        .map(drop)
}

#[cfg(windows)]
mod windows {
    //! The two kernel32 calls needed, declared here rather than pulling in a bindings crate.

    type Handle = *mut core::ffi::c_void;
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX; // (DWORD)-1
    const STD_OUTPUT_HANDLE: u32 = 0xFFFF_FFF5; // (DWORD)-11
    const STD_ERROR_HANDLE: u32 = 0xFFFF_FFF4; // (DWORD)-12
    const INVALID_HANDLE_VALUE: Handle = core::ptr::without_provenance_mut(usize::MAX);

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetStdHandle(std_handle: u32) -> Handle;
    }

    fn missing(which: u32) -> bool {
        // SAFETY: GetStdHandle takes a constant and returns a handle value; nothing is dereferenced.
        let handle = unsafe { GetStdHandle(which) };
        handle.is_null() || handle == INVALID_HANDLE_VALUE
    }

    pub(super) fn attach_parent_console() {
        // A GUI-subsystem program started from a terminal gets no standard output unless it was
        // redirected; attach to the terminal's console then. Started from Explorer there is no
        // parent console and the call fails harmlessly; a debug build (console subsystem) already
        // has one.
        if missing(STD_OUTPUT_HANDLE) || missing(STD_ERROR_HANDLE) {
            // SAFETY: AttachConsole takes a process id and has no memory-safety preconditions.
            unsafe {
                AttachConsole(ATTACH_PARENT_PROCESS);
            }
        }
    }
}
