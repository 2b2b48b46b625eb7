//! `bmd-atlas analyze [FILE] [--model M] [--year YYYY] [--timeline planned|actual] [--json]`:
//! the three results from the command line, with no display needed.
//!
//! The binary adds [`AnalyzeArgs`] as its `analyze` subcommand and prints what [`run`] returns.

use std::path::PathBuf;

use crate::command::Command;
use crate::scenario::{self, TimelineChoice};

/// Prints the defended area, the early-warning table and the ICBM reach matrix of a scenario.
///
/// ```
/// let args = bmd_atlas::analysis::cli::parse_args(["analyze", "--year", "2016", "--json"])
///     .expect("valid arguments");
/// assert_eq!((args.year, args.json, args.file), (Some(2016), true, None));
/// ```
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct AnalyzeArgs {
    /// The scenario file (*.scenario.json) [default: the built-in "Europe 2012"].
    pub file: Option<PathBuf>,
    /// Cooperation model: independent, coordinated, unified, or a model id of the file.
    #[arg(long)]
    pub model: Option<String>,
    /// Year (2009-2025).
    #[arg(long)]
    pub year: Option<i32>,
    /// Which history: planned (as planned in 2012) or actual (as it happened).
    #[arg(long, value_parser = ["planned", "actual"])]
    pub timeline: Option<String>,
    /// Print JSON (keys: defended, early_warning, icbm_reach, assumptions) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Parses `analyze …` arguments (for tests and scripts; the binary uses clap directly).
pub fn parse_args<I, T>(args: I) -> Result<AnalyzeArgs, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    crate::cli::parse_args(args)
}

/// Loads the scenario, applies the choices through the same commands the panel uses, and
/// returns the table or the JSON. Errors name the file or the flag at fault.
///
/// ```
/// use bmd_atlas::analysis::cli::{AnalyzeArgs, run};
/// let args = AnalyzeArgs { model: Some("nonsense".into()), ..AnalyzeArgs::default() };
/// assert!(run(&args).unwrap_err().contains("--model"));
/// ```
pub fn run(args: &AnalyzeArgs) -> Result<String, String> {
    let mut s = match &args.file {
        Some(path) => scenario::load_file(path).map_err(|e| e.to_string())?,
        None => scenario::built_in(),
    };
    if let Some(m) = &args.model {
        Command::SetModel(m.clone())
            .apply(&mut s)
            .map_err(|e| format!("--model: {e}"))?;
    }
    if let Some(y) = args.year {
        Command::SetYear(y)
            .apply(&mut s)
            .map_err(|e| format!("--year: {e}"))?;
    }
    if let Some(t) = &args.timeline {
        let t = match t.as_str() {
            "planned" => TimelineChoice::AsPlanned2012,
            "actual" => TimelineChoice::AsHappened,
            other => return Err(format!("--timeline: '{other}' is not planned or actual")),
        };
        Command::SetTimeline(t)
            .apply(&mut s)
            .map_err(|e| format!("--timeline: {e}"))?;
    }
    let result = super::analyze(&s);
    Ok(if args.json {
        super::json(&result)
    } else {
        super::table(&s, &result)
    })
}
