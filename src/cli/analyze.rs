//! `bmd-atlas analyze [FILE] [--model M] [--year YYYY] [--timeline planned|actual] [--json]`
//! (and `--projection`, shared with the other subcommands, which the analysis does not need):
//! the three results from the command line, with no display needed.
//!
//! The binary adds [`AnalyzeArgs`] as its `analyze` subcommand and prints what [`run`] returns.

use std::path::PathBuf;

use super::Choices;
use crate::analysis;
use crate::scenario;

/// Prints the defended area, the early-warning table and the ICBM reach matrix of a scenario.
///
/// ```
/// let args = bmd_atlas::cli::analyze::parse_args(["analyze", "--year", "2016", "--json"])
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
    /// Print JSON (keys: defended, early_warning, icbm_reach, uncertainty, assumptions)
    /// instead of a table.
    #[arg(long)]
    pub json: bool,
    /// One engagement in detail instead: a battery's site id and interceptor type id, e.g.
    /// patrol_emed:sm3-ia (needs --threat).
    #[arg(long, value_name = "BATTERY:TYPE", requires = "threat")]
    pub engagement: Option<String>,
    /// The threat of --engagement: a launch area or ICBM base id and a city id, e.g.
    /// tabriz:athens.
    #[arg(long, value_name = "LAUNCH:TARGET", requires = "engagement")]
    pub threat: Option<String>,
    /// When the interceptor of --engagement is launched: cued (first detection by a radar
    /// feeding it, plus the decision delay) or fixed:SECONDS after the threat's launch.
    #[arg(long, value_name = "cued|fixed:SECONDS", default_value = "cued")]
    pub launch: String,
}

/// Parses `analyze …` arguments (for tests and scripts; the binary uses clap directly).
pub fn parse_args<I, T>(args: I) -> Result<AnalyzeArgs, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    super::parse_args(args)
}

/// Loads the scenario, applies the choices through the same commands the panel uses, and
/// returns the table or the JSON. Errors name the file or the flag at fault.
///
/// ```
/// use bmd_atlas::cli::analyze::{AnalyzeArgs, run};
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
    if let (Some(battery), Some(threat)) = (&args.engagement, &args.threat) {
        return engagement(&s, battery, threat, &args.launch, args.json);
    }
    let result = analysis::analyze_with_spread(&s);
    Ok(if args.json {
        analysis::json(&result)
    } else {
        analysis::table(&s, &result)
    })
}

/// `--engagement B:T --threat L:T`: the engagement as JSON, or as a few lines of text.
fn engagement(
    s: &scenario::Scenario,
    battery: &str,
    threat: &str,
    launch: &str,
    json: bool,
) -> Result<String, String> {
    let (battery, interceptor) = analysis::engagement::parse_pair("--engagement", battery)?;
    let (launch_site, target) = analysis::engagement::parse_pair("--threat", threat)?;
    let spec = analysis::EngagementSpec {
        battery,
        interceptor,
        launch_site,
        target,
        launch: analysis::engagement::parse_launch(launch)?,
    };
    let e = analysis::engagement(s, &spec)?;
    if json {
        return serde_json::to_string_pretty(&e.json()).map_err(|x| x.to_string());
    }
    let secs = |t: Option<f64>| t.map_or_else(|| "none".to_owned(), |t| format!("T+{t:.0} s"));
    let mut lines = vec![
        format!(
            "{} ({}) against {} → {} ({}), launch {}:",
            spec.battery,
            spec.interceptor,
            spec.launch_site,
            spec.target,
            e.missile_id,
            spec.launch.label()
        ),
        format!("  impact {}", secs(Some(e.impact_s))),
    ];
    for line in &e.hypothetical {
        lines.insert(1, format!("  hypothetical: {line}"));
    }
    for x in &e.sightings {
        let feeds = if x.feeds_battery {
            ""
        } else {
            " (does not feed it)"
        };
        lines.push(format!(
            "  seen by {} at {}{feeds}",
            x.radar,
            secs(Some(x.t_s))
        ));
    }
    lines.push(format!(
        "  interceptor launched {}, burnout {}",
        secs(e.launch_s),
        secs(e.burnout_s)
    ));
    if let Some(t) = e.last_launch_s {
        lines.push(format!(
            "  may hold fire until T+{t:.0} s, the last launch that still intercepts"
        ));
    }
    match (&e.window, &e.reason) {
        (Some((a, b)), _) => lines.push(format!(
            "  engagement window T+{:.0} s ({:.0} km up) to T+{:.0} s ({:.0} km up)",
            a.t_s, a.alt_km, b.t_s, b.alt_km
        )),
        (None, Some(reason)) => lines.push(format!("  no engagement window: {reason}")),
        (None, None) => lines.push("  no engagement window".to_owned()),
    }
    if let Some((v, p)) = &e.least {
        lines.push(format!(
            "  least burnout speed needed {v:.2} km/s (own {:.2}), at T+{:.0} s",
            e.burnout_kms, p.t_s
        ));
    }
    Ok(lines.join("\n") + "\n")
}
