//! Platform differences (src/platform.rs) for all three platforms, whichever this runs on, and
//! the packaging files that must agree with them: the Linux desktop entry and MIME type, the
//! macOS Info.plist, the icons and the Debian package's file list.

use std::path::{Path, PathBuf};

use bmd_atlas::platform::{self, KnownFolders};
use egui::{Key, KeyboardShortcut, Modifiers, os::OperatingSystem as Os};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// --- shortcuts and menus -------------------------------------------------------------------------

#[test]
fn shortcuts_read_cmd_on_macos_and_ctrl_elsewhere() {
    let duplicate = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
    let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(platform::shortcut_text_for(Os::Mac, &duplicate), "⌘D");
    assert_eq!(platform::shortcut_text_for(Os::Mac, &redo), "⇧⌘Z");
    for os in [Os::Windows, Os::Nix] {
        assert_eq!(platform::shortcut_text_for(os, &duplicate), "Ctrl+D");
        assert_eq!(platform::shortcut_text_for(os, &redo), "Ctrl+Shift+Z");
    }
    assert_eq!(
        platform::shortcut_text(&duplicate),
        platform::shortcut_text_for(platform::os(), &duplicate)
    );
    assert!(platform::with_shortcut("Duplicate", &duplicate).starts_with("Duplicate ("));
}

#[test]
fn the_bundled_font_has_the_macos_modifier_symbols() {
    // Menus on macOS show ⌘ ⇧ ⌥ ⌃; the app's first font must draw them, not tofu.
    let face = ttf_parser::Face::parse(bmd_atlas::font::FONT_BYTES, 0).expect("bundled font");
    for c in ['⌘', '⇧', '⌥', '⌃'] {
        assert!(
            face.glyph_index(c).is_some(),
            "DejaVu Sans has no glyph for {c}"
        );
    }
}

#[test]
fn quit_is_in_the_app_menu_on_macos_exit_on_windows_quit_on_linux() {
    assert_eq!(platform::quit_menu_item(Os::Mac), None);
    assert_eq!(platform::quit_menu_item(Os::Windows), Some(("Exit", None)));
    assert_eq!(
        platform::quit_menu_item(Os::Nix),
        Some((
            "Quit",
            Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Q))
        ))
    );
}

// --- data folder and file manager ----------------------------------------------------------------

#[test]
fn data_folder_per_platform() {
    let folders = KnownFolders {
        home: Some(PathBuf::from("/home/ana")),
        xdg_data_home: None,
        roaming_app_data: Some(PathBuf::from(r"C:\Users\ana\AppData\Roaming")),
    };
    let id = platform::APP_ID;
    assert_eq!(
        platform::data_dir_for(Os::Nix, id, &folders),
        Some(PathBuf::from("/home/ana/.local/share/bmd-atlas"))
    );
    assert_eq!(
        platform::data_dir_for(Os::Mac, id, &folders),
        Some(PathBuf::from(
            "/home/ana/Library/Application Support/bmd-atlas"
        ))
    );
    assert_eq!(
        platform::data_dir_for(Os::Windows, id, &folders),
        Some(
            PathBuf::from(r"C:\Users\ana\AppData\Roaming")
                .join("bmd-atlas")
                .join("data")
        )
    );
    // An absolute XDG_DATA_HOME wins on Linux; a relative one is ignored, as the spec says.
    let xdg = KnownFolders {
        xdg_data_home: Some("/data/ana".into()),
        ..folders.clone()
    };
    assert_eq!(
        platform::data_dir_for(Os::Nix, id, &xdg),
        Some(PathBuf::from("/data/ana/bmd-atlas"))
    );
    let relative = KnownFolders {
        xdg_data_home: Some("data".into()),
        ..folders.clone()
    };
    assert_eq!(
        platform::data_dir_for(Os::Nix, id, &relative),
        platform::data_dir_for(Os::Nix, id, &folders)
    );
    // eframe's own naming of a title-like id, which the app would get without an app id.
    assert_eq!(
        platform::data_dir_for(Os::Nix, "BMD Atlas", &folders),
        Some(PathBuf::from("/home/ana/.local/share/bmdatlas"))
    );
    assert_eq!(platform::data_dir_for(Os::Unknown, id, &folders), None);
}

#[test]
fn data_folder_is_where_eframe_saves_state() {
    assert_eq!(
        platform::data_dir(),
        eframe::storage_dir(platform::APP_ID),
        "platform::data_dir must be eframe's folder for the app id"
    );
    #[cfg(target_os = "linux")]
    {
        let folders = KnownFolders {
            home: std::env::home_dir(),
            xdg_data_home: std::env::var_os("XDG_DATA_HOME"),
            roaming_app_data: None,
        };
        assert_eq!(
            platform::data_dir(),
            platform::data_dir_for(Os::Nix, platform::APP_ID, &folders)
        );
    }
}

#[test]
fn reveal_in_file_manager_per_platform() {
    let file = Path::new("/exports/brief.png");
    let (program, args) = platform::reveal_command(Os::Windows, file).unwrap();
    assert_eq!(program, "explorer");
    assert_eq!(args, ["/select,/exports/brief.png"]);
    let (program, args) = platform::reveal_command(Os::Mac, file).unwrap();
    assert_eq!(program, "open");
    assert_eq!(args, ["-R", "/exports/brief.png"]);
    let (program, args) = platform::reveal_command(Os::Nix, file).unwrap();
    assert_eq!(program, "xdg-open");
    assert_eq!(args, ["/exports"]);
    let (_, args) = platform::reveal_command(Os::Nix, Path::new("brief.png")).unwrap();
    assert_eq!(args, ["."]);
}

#[test]
fn scenario_files_are_recognised_by_their_double_extension() {
    assert!(platform::is_scenario_file(Path::new(
        "europe-2012.scenario.json"
    )));
    assert!(platform::is_scenario_file(Path::new(
        "/a/b/Baltic.SCENARIO.JSON"
    )));
    assert!(!platform::is_scenario_file(Path::new("europe.json")));
    assert!(!platform::is_scenario_file(Path::new(".scenario.json")));
    assert!(!platform::is_scenario_file(Path::new("scenario.json/")));
    assert!(platform::is_scenario_file(Path::new(
        crate::common::BUILT_IN_FILE
    )));
}

#[test]
fn init_can_be_called() {
    // Attaches to the parent console on Windows; nothing elsewhere. Must never fail or panic.
    platform::init();
}

// --- icons ---------------------------------------------------------------------------------------

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn icons_exist_in_every_size_the_packages_use() {
    for n in [16, 24, 32, 48, 64, 128, 256, 512] {
        let path = format!("assets/icons/png/{n}.png");
        let bytes = std::fs::read(repo(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(png_size(&bytes), (n, n), "{path}");
    }
    assert!(read("assets/icons/bmd-atlas.svg").contains("<svg"));

    // Windows .ico: a directory of images; 0 in a size byte means 256.
    let ico = std::fs::read(repo("assets/icons/bmd-atlas.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], ".ico header");
    let count = u16::from_le_bytes([ico[4], ico[5]]) as usize;
    let sizes: Vec<u32> = (0..count)
        .map(|i| match ico[6 + 16 * i] {
            0 => 256,
            n => u32::from(n),
        })
        .collect();
    for n in [16, 32, 48, 256] {
        assert!(sizes.contains(&n), ".ico has no {n} px image: {sizes:?}");
    }

    // macOS .icns: magic and total length.
    let icns = std::fs::read(repo("assets/icons/bmd-atlas.icns")).unwrap();
    assert_eq!(&icns[..4], b"icns");
    assert_eq!(
        u32::from_be_bytes([icns[4], icns[5], icns[6], icns[7]]) as usize,
        icns.len()
    );
}

#[test]
fn window_icon_is_the_app_icon() {
    let icon = platform::window_icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Opaque in the middle (the globe), transparent in the corner (outside the shield).
    let alpha = |x: usize, y: usize| icon.rgba[(y * 256 + x) * 4 + 3];
    assert_eq!(alpha(128, 128), 255);
    assert_eq!(alpha(0, 255), 0);
}

// --- packaging files agree with the code ---------------------------------------------------------

/// `key=value` lines of the `[Desktop Entry]` group.
fn desktop_entry() -> Vec<(String, String)> {
    read("packaging/linux/bmd-atlas.desktop")
        .lines()
        .skip_while(|l| l.trim() != "[Desktop Entry]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l
                .split_once('=')
                .unwrap_or_else(|| panic!("bad line {l:?}"));
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

#[test]
fn linux_desktop_entry_opens_scenario_files() {
    let entry = desktop_entry();
    let get = |key: &str| {
        entry
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {key}= in the desktop entry"))
    };
    assert_eq!(get("Type"), "Application");
    assert_eq!(get("Name"), platform::APP_NAME);
    // %f: the file manager passes the file, which `bmd-atlas FILE` opens.
    assert_eq!(get("Exec"), format!("{} %f", platform::APP_ID));
    assert_eq!(get("Icon"), platform::APP_ID);
    assert_eq!(get("StartupWMClass"), platform::APP_ID);
    assert_eq!(get("Terminal"), "false");
    assert!(
        get("MimeType")
            .split(';')
            .any(|m| m == platform::SCENARIO_MIME_TYPE)
    );
    assert!(get("Categories").ends_with(';'));
}

#[test]
fn linux_mime_type_matches_the_double_extension() {
    let xml = read("packaging/linux/bmd-atlas.xml");
    assert!(xml.contains(&format!(
        r#"<mime-type type="{}">"#,
        platform::SCENARIO_MIME_TYPE
    )));
    assert!(xml.contains(&format!(
        r#"<glob pattern="*{}""#,
        platform::SCENARIO_SUFFIX
    )));
    assert!(xml.contains(r#"<sub-class-of type="application/json"/>"#));
    assert!(xml.contains(&format!(r#"<icon name="{}"/>"#, platform::APP_ID)));
}

/// The string value after `<key>KEY</key>` in a plist (first occurrence).
fn plist_string<'a>(plist: &'a str, key: &str) -> &'a str {
    let after = plist
        .split_once(&format!("<key>{key}</key>"))
        .unwrap_or_else(|| panic!("no {key} in Info.plist"))
        .1;
    let start = after.find("<string>").expect("a string value") + "<string>".len();
    let end = after.find("</string>").expect("a string value");
    &after[start..end]
}

#[test]
fn macos_info_plist_declares_the_app_and_its_document_type() {
    let plist = read("packaging/macos/Info.plist");
    assert_eq!(
        plist_string(&plist, "CFBundleIdentifier"),
        platform::BUNDLE_ID
    );
    assert_eq!(plist_string(&plist, "CFBundleName"), platform::APP_NAME);
    // The executable inside Contents/MacOS is the Cargo binary's name.
    assert_eq!(plist_string(&plist, "CFBundleExecutable"), "bmd-atlas");
    let icon = plist_string(&plist, "CFBundleIconFile");
    assert!(repo(&format!("assets/icons/{icon}.icns")).is_file());
    // scripts/macos-bundle puts in the Cargo version.
    assert_eq!(
        plist_string(&plist, "CFBundleShortVersionString"),
        "@VERSION@"
    );
    assert!(
        std::fs::read_to_string(repo("scripts/macos-bundle"))
            .unwrap()
            .contains("s/@VERSION@/")
    );
    assert_eq!(
        plist_string(&plist, "UTTypeIdentifier"),
        platform::SCENARIO_UTI
    );
    assert!(plist.contains(&format!(
        "<string>{}</string>",
        platform::SCENARIO_SUFFIX.trim_start_matches('.')
    )));
    assert!(plist.contains(&format!(
        "<string>{}</string>",
        platform::SCENARIO_MIME_TYPE
    )));
    // Well-formed enough for a plist: every dict and array closes.
    for tag in ["dict", "array"] {
        assert_eq!(
            plist.matches(&format!("<{tag}>")).count(),
            plist.matches(&format!("</{tag}>")).count(),
            "<{tag}> not balanced"
        );
    }
}

#[test]
fn debian_package_assets_exist() {
    let cargo = read("Cargo.toml");
    let deb = cargo
        .split_once("[package.metadata.deb]")
        .expect("Cargo.toml has [package.metadata.deb]")
        .1;
    let assets = deb
        .split_once("assets = [")
        .expect("the deb section lists assets")
        .1
        .split_once("\n]")
        .expect("the assets list closes")
        .0;
    let sources: Vec<&str> = assets
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[\""))
        .map(|l| l.split('"').next().unwrap())
        .collect();
    assert!(sources.contains(&"target/release/bmd-atlas"));
    assert!(sources.contains(&"packaging/linux/bmd-atlas.desktop"));
    assert!(sources.contains(&"packaging/linux/bmd-atlas.xml"));
    for source in sources.iter().filter(|s| !s.starts_with("target/")) {
        assert!(repo(source).is_file(), "{source} (a .deb asset) is missing");
    }
}

#[test]
fn the_binary_prints_its_version() {
    // The same entry point as the packaged app, with platform::init() first.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bmd-atlas"))
        .arg("--version")
        .output()
        .expect("run bmd-atlas");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("bmd-atlas {}", env!("CARGO_PKG_VERSION"))
    );
}
