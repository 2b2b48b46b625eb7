//! Opening the window: `bmd-atlas [FILE] [--model M] [--year Y] [--timeline T] [--projection P]
//! [--trace-frames FILE]`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Choices;
use crate::app::frame_trace::FrameTrace;
use crate::app::{AppState, AtlasApp};
use crate::platform;

/// The window's own arguments: `bmd-atlas [FILE] [choices]`.
///
/// ```
/// let args: bmd_atlas::cli::WindowArgs =
///     bmd_atlas::cli::parse_args(["bmd-atlas", "--year", "1900"]).unwrap();
/// let refused = args.state().err().unwrap_or_default();
/// assert!(refused.starts_with("--year 1900: "), "{refused}");
/// ```
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct WindowArgs {
    /// A scenario file (*.scenario.json) to open.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub choices: Choices,
    /// Write each frame's time to FILE (CSV: the app's own code and the whole frame, ms), for
    /// measuring how the window keeps up.
    #[arg(long, value_name = "FILE")]
    pub trace_frames: Option<PathBuf>,
}

impl WindowArgs {
    /// The state the window opens on: the built-in scenario or FILE (a file that does not open
    /// is reported in the window, and the built-in scenario stays), with the choices applied.
    /// Errors name the flag at fault.
    pub fn state(&self) -> Result<AppState, String> {
        let mut state = AppState::built_in();
        if let Some(path) = &self.file {
            state.open(path.clone());
        }
        self.choices.apply(&mut state.doc.scenario)?;
        if let Some(symbols) = self.choices.symbols {
            state.map.layers.symbols = symbols.into();
        }
        if let Some(p) = self.choices.projection_kind(&state.doc.scenario)? {
            state.set_projection(p);
        }
        Ok(state)
    }
}

/// Opens the window on what `args` ask for; the exit code says whether it could be opened.
pub fn run(args: &WindowArgs) -> ExitCode {
    let mut state = match args.state() {
        Ok(state) => state,
        Err(e) => {
            eprintln!("bmd-atlas: {e}");
            return ExitCode::FAILURE;
        }
    };
    let trace = match args.trace_frames.as_deref().map(FrameTrace::create) {
        None => None,
        Some(Ok(trace)) => Some(trace),
        Some(Err(e)) => {
            eprintln!("bmd-atlas: --trace-frames: {e}");
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
        .and_then(crate::scenario::read_recovery);
    let result = eframe::run_native(
        platform::APP_NAME,
        options,
        Box::new(|cc| {
            let mut app = AtlasApp::for_window(state, cc);
            app.trace = trace;
            Ok(Box::new(app))
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
