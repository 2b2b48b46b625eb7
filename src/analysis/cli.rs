//! `bmd-atlas analyze [FILE] [--model M] [--year YYYY] [--timeline planned|actual] [--json]`
//! (and `--projection`, shared with the other subcommands, which the analysis does not need):
//! the three results from the command line, with no display needed.
//!
//! The binary adds [`AnalyzeArgs`] as its `analyze` subcommand and prints what [`run`] returns.

use std::path::PathBuf;

use crate::cli::Choices;
use crate::scenario;

/// Prints the defended area, the early-warning table and the ICBM reach matrix of a scenario.
///
/// ```
/// let args = bmd_atlas::analysis::cli::parse_args(["analyze", "--year", "2016", "--json"])
///     .expect("valid arguments");
/// assert_eq!((args.choices.year, args.json, args.file), (Some(2016), true, None));
/// ```
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct AnalyzeArgs {
    /// The scenario file (*.scenario.json) [default: the built-in "Europe 2012"].
    pub file: Option<PathBuf>,
    // --model, --year, --timeline, --projection.
    #[command(flatten)]
    pub choices: Choices,
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
/// use bmd_atlas::cli::Choices;
/// let choices = Choices { model: Some("nonsense".into()), ..Choices::default() };
/// let args = AnalyzeArgs { choices, ..AnalyzeArgs::default() };
/// assert!(run(&args).unwrap_err().contains("--model"));
/// ```
pub fn run(args: &AnalyzeArgs) -> Result<String, String> {
    let mut s = match &args.file {
        Some(path) => scenario::load_file(path).map_err(|e| e.to_string())?,
        None => scenario::built_in(),
    };
    args.choices.apply(&mut s)?;
    let result = super::analyze_with_spread(&s);
    Ok(if args.json {
        super::json(&result)
    } else {
        super::table(&s, &result)
    })
}
