//! `bmd-atlas`: the desktop app, and the same library headless from the command line.
// Release builds on Windows are GUI programs, so no console window opens behind the map;
// platform::init() reattaches the command line's output to the terminal it was typed in.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::{platform, scenario};

/// BMD Atlas: European ballistic-missile defence on a map.
///
/// With no arguments, opens the window on the built-in "Europe 2012" scenario.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// A scenario file (*.scenario.json) to open.
    file: Option<PathBuf>,
    #[command(flatten)]
    choice: Choice,
    /// Map projection to open with.
    #[arg(long, value_parser = ["europe", "arctic"])]
    projection: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The scenario-panel choices, as flags.
#[derive(clap::Args, Default)]
struct Choice {
    /// Cooperation model: independent, coordinated, unified, or a model id of the file.
    #[arg(long)]
    model: Option<String>,
    /// Year shown (2009-2025).
    #[arg(long)]
    year: Option<i32>,
    /// Which history: planned (as planned in 2012) or actual (as it happened).
    #[arg(long, value_parser = ["planned", "actual"])]
    timeline: Option<String>,
}

impl Choice {
    /// Applies the flags to a scenario through the same commands the panel uses.
    fn apply(&self, s: &mut scenario::Scenario) -> Result<(), String> {
        use bmd_atlas::command::Command;
        use bmd_atlas::scenario::TimelineChoice;
        if let Some(m) = &self.model {
            Command::SetModel(m.clone())
                .apply(s)
                .map_err(|e| format!("--model: {e}"))?;
        }
        if let Some(y) = self.year {
            Command::SetYear(y)
                .apply(s)
                .map_err(|e| format!("--year: {e}"))?;
        }
        if let Some(t) = &self.timeline {
            let t = if t == "planned" {
                TimelineChoice::AsPlanned2012
            } else {
                TimelineChoice::AsHappened
            };
            Command::SetTimeline(t)
                .apply(s)
                .map_err(|e| format!("--timeline: {e}"))?;
        }
        Ok(())
    }
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
    match cli.command {
        Some(Command::Validate(args)) => {
            report("validate", bmd_atlas::exchange::cli::validate(&args))
        }
        Some(Command::Convert(args)) => report("convert", bmd_atlas::exchange::cli::run(&args)),
        Some(Command::Analyze(args)) => report("analyze", bmd_atlas::analysis::cli::run(&args)),
        Some(Command::Export(args)) => report("export", bmd_atlas::export::cli::run(&args)),
        None => run_window(cli.file, &cli.choice, cli.projection.as_deref()),
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

fn run_window(file: Option<PathBuf>, choice: &Choice, projection: Option<&str>) -> ExitCode {
    let mut state = AppState::built_in();
    if let Some(path) = file {
        // A file that does not open is reported in the window; the built-in scenario stays.
        state.open(path);
    }
    if let Err(e) = choice.apply(&mut state.scenario) {
        eprintln!("bmd-atlas: {e}");
        return ExitCode::FAILURE;
    }
    if projection == Some("arctic") {
        state.set_projection(bmd_atlas::geodesy::ProjectionKind::ArcticPolar);
    }
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
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
