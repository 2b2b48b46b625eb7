//! The command line, in one place: every flag and subcommand ([`Cli`]), and one runner per
//! subcommand. Nothing below this module knows of the command line; the binary's `main` only
//! calls [`main`].
//!
//! ```text
//! bmd-atlas [FILE] [choices]                 open the window (window.rs)
//! bmd-atlas analyze [FILE] [choices] …       tables or JSON (analyze.rs)
//! bmd-atlas export FILE --out PAGE …         a briefing page (export.rs)
//! bmd-atlas convert FILE --to …              GeoJSON, KML or a scenario file (convert.rs)
//! bmd-atlas validate FILE                    a scenario file or a page checked (validate.rs)
//! ```
//!
//! The choices (`--model`, `--year`, `--timeline`, `--projection`, `--study`) are one
//! [`Choices`], applied through the scenario panel's own commands.

pub mod analyze;
mod animate;
mod choices;
pub mod convert;
pub mod export;
pub mod validate;
pub mod window;

use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use choices::{
    Choices, Projection, SymbolSizeFlag, Symbols, Timeline, apply_flag, near_matches,
};
pub use window::WindowArgs;

use crate::scenario::Problem;

/// BMD Atlas: European ballistic-missile defence on a map.
///
/// With no arguments, opens the window on the built-in "Europe 2012" scenario.
#[derive(Parser)]
#[command(name = "bmd-atlas", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    window: WindowArgs,
    #[command(subcommand)]
    command: Option<Subcommands>,
}

#[derive(Subcommand)]
enum Subcommands {
    /// Exports a briefing page (PNG, SVG or PDF) of a scenario file; needs no display.
    Export(Box<export::ExportArgs>),
    /// Prints what each model defends, sees earlier and could threaten, as a table or JSON.
    Analyze(analyze::AnalyzeArgs),
    /// Checks a scenario file: a one-line summary, or every problem found.
    Validate(validate::ValidateArgs),
    /// Writes the visible picture as GeoJSON or KML, or a scenario file from sites (CSV,
    /// GeoJSON) or from an older version.
    Convert(convert::ConvertArgs),
}

/// Parses the process's arguments and runs what they ask for: a subcommand, or the window.
pub fn main() -> ExitCode {
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
        Some(Subcommands::Validate(args)) => report("validate", validate::validate(&args)),
        Some(Subcommands::Convert(args)) => report("convert", convert::run(&args)),
        Some(Subcommands::Analyze(args)) => report("analyze", analyze::run(&args)),
        Some(Subcommands::Export(args)) => report("export", export::run(&args)),
        None => window::run(&cli.window),
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

/// Parses one subcommand's arguments as the binary would: the first item is the command's name.
/// For tests and scripts; the binary parses all of them at once with clap.
///
/// ```
/// let args: bmd_atlas::cli::analyze::AnalyzeArgs =
///     bmd_atlas::cli::parse_args(["analyze", "--json"]).unwrap();
/// assert!(args.json);
/// ```
pub fn parse_args<A, I, T>(args: I) -> Result<A, clap::Error>
where
    A: clap::Args + clap::FromArgMatches,
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut matches =
        A::augment_args(clap::Command::new("bmd-atlas")).try_get_matches_from(args)?;
    A::from_arg_matches_mut(&mut matches)
}

/// Whether `a` and `b` name the same file (after resolving links; the paths themselves when
/// either does not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// A loaded file's warnings, one indented line each.
fn warning_lines(warnings: &[Problem]) -> String {
    warnings
        .iter()
        .map(|w| format!("\n  warning: {w}"))
        .collect()
}
