//! `bmd-atlas`: the desktop app, and the same library headless from the command line.
// Release builds on Windows are GUI programs, so no console window opens behind the map;
// platform::init() reattaches the command line's output to the terminal it was typed in.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use bmd_atlas::app::AtlasApp;
use bmd_atlas::cli::WindowArgs;
use bmd_atlas::platform;

/// BMD Atlas: European ballistic-missile defence on a map.
///
/// With no arguments, opens the window on the built-in "Europe 2012" scenario.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    window: WindowArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Exports a briefing page (PNG, SVG or PDF) of a scenario file; needs no display.
    Export(Box<bmd_atlas::export::cli::ExportArgs>),
    /// Prints what each model defends, sees earlier and could threaten, as a table or JSON.
    Analyze(bmd_atlas::analysis::cli::AnalyzeArgs),
    /// Checks a scenario file: a one-line summary, or every problem found.
    Validate(bmd_atlas::exchange::cli::ValidateArgs),
    /// Writes the visible picture as GeoJSON or KML, or a scenario file from sites (CSV,
    /// GeoJSON) or from an older version.
    Convert(bmd_atlas::exchange::cli::ConvertArgs),
}

// See Cargo.toml: glibc's allocator returned the frame's big meshes to the OS every frame.
#[cfg(not(target_os = "macos"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    platform::init();
    let cli = Cli::parse();
    if cli.command.is_some() && cli.window != WindowArgs::default() {
        // The subcommand would ignore them.
        eprintln!(
            "bmd-atlas: a file or --model/--year/--timeline/--projection before a subcommand is \
             the window's; give them after it, e.g. `bmd-atlas analyze FILE --year 2016`"
        );
        return ExitCode::FAILURE;
    }
    match cli.command {
        Some(Command::Validate(args)) => {
            report("validate", bmd_atlas::exchange::cli::validate(&args))
        }
        Some(Command::Convert(args)) => report("convert", bmd_atlas::exchange::cli::run(&args)),
        Some(Command::Analyze(args)) => report("analyze", bmd_atlas::analysis::cli::run(&args)),
        Some(Command::Export(args)) => report("export", bmd_atlas::export::cli::run(&args)),
        None => run_window(&cli.window),
    }
}

/// Prints a subcommand's summary, or its error, and exits accordingly.
fn report(command: &str, result: Result<String, String>) -> ExitCode {
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bmd-atlas {command}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_window(args: &WindowArgs) -> ExitCode {
    let mut state = match args.state() {
        Ok(state) => state,
        Err(e) => {
            eprintln!("bmd-atlas: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(platform::APP_NAME)
            // The app id names eframe's settings folder and matches the desktop entry's
            // StartupWMClass, so the taskbar shows the app's icon.
            .with_app_id(platform::APP_ID)
            .with_icon(platform::window_icon())
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    // Autosaves go beside eframe's own settings (e.g. ~/.local/share/bmd-atlas on Linux).
    state.recovery_dir = platform::data_dir().map(|d| d.join("recovery"));
    state.recovery = state
        .recovery_dir
        .as_deref()
        .and_then(bmd_atlas::scenario::read_recovery);
    let result = eframe::run_native(
        platform::APP_NAME,
        options,
        Box::new(|cc| Ok(Box::new(AtlasApp::for_window(state, cc)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bmd-atlas: could not open the window: {e}");
            eprintln!(
                "On Linux, a desktop session (X11 or Wayland) with OpenGL is needed; see README.md."
            );
            ExitCode::FAILURE
        }
    }
}
