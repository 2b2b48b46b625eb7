//! `bmd-atlas`: the desktop app, and the same library headless from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use bmd_atlas::app::{AppState, AtlasApp};
use bmd_atlas::scenario;

/// BMD Atlas: European ballistic-missile defence on a map.
///
/// With no arguments, opens the window on the built-in "Europe 2012" scenario.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// A scenario file (*.scenario.json) to open.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Checks a scenario file and prints a one-line summary, or every problem found.
    Validate {
        /// The scenario file.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate { file }) => validate(&file),
        None => run_window(cli.file),
    }
}

fn validate(file: &std::path::Path) -> ExitCode {
    match scenario::load_file(file) {
        Ok(s) => {
            println!(
                "{}: valid, format version {}, \"{}\", {} sites, {} cities",
                file.display(),
                s.format_version,
                s.name,
                s.sites.len(),
                s.cities.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run_window(file: Option<PathBuf>) -> ExitCode {
    let mut state = AppState::built_in();
    if let Some(path) = file {
        // A file that does not open is reported in the window; the built-in scenario stays.
        state.open(path);
    }
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("BMD Atlas")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "BMD Atlas",
        options,
        Box::new(|cc| {
            AtlasApp::install_fonts(&cc.egui_ctx);
            Ok(Box::new(AtlasApp::new(state)))
        }),
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
