//! The `convert` subcommand, headless.
//!
//! ```text
//! bmd-atlas convert europe.scenario.json --to geojson --out europe.geojson
//! bmd-atlas convert europe.scenario.json --to kml --year 2016 --model coordinated
//! bmd-atlas convert sites.csv --to scenario --out sites.scenario.json
//! bmd-atlas convert old.scenario.json --to scenario        # upgrade in place, keeps old.scenario.json.bak
//! ```

use std::path::{Path, PathBuf};

use super::{Choices, same_file, warning_lines};
use crate::analysis;
use crate::exchange::{self, ImportOptions};
use crate::picture::{Computed, Picture};
use crate::scenario::{self, Problem, Scenario, TimelineChoice};

/// What `convert` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// The visible picture as GeoJSON (RFC 7946).
    Geojson,
    /// The visible picture as KML 2.2, for Google Earth.
    Kml,
    /// A scenario file in the current format (from an older version, or from imported sites).
    Scenario,
}

impl Target {
    fn extension(self) -> &'static str {
        match self {
            Target::Geojson => "geojson",
            Target::Kml => "kml",
            Target::Scenario => "scenario.json",
        }
    }
}

/// `bmd-atlas convert FILE --to geojson|kml|scenario [--out OUT]`.
#[derive(Clone, Debug, clap::Args)]
pub struct ConvertArgs {
    /// The file to convert: a scenario (*.scenario.json), or sites as CSV (*.csv) or GeoJSON
    /// (*.geojson).
    pub file: PathBuf,
    /// What to write: the visible picture as geojson or kml, or a scenario file.
    #[arg(long, value_enum)]
    pub to: Target,
    /// Where to write. Default: next to FILE, with the extension of --to (a scenario converted
    /// to a scenario is upgraded in place, keeping NAME.scenario.json.bak).
    #[arg(long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    // --model, --year, --timeline (and --projection, which a longitude/latitude picture does
    // not depend on).
    #[command(flatten)]
    pub choices: Choices,
}

/// Parses `convert` arguments as the binary would (the first item is the command name).
///
/// ```
/// use bmd_atlas::cli::convert::{Target, parse_convert_args};
/// let args = parse_convert_args(["convert", "a.scenario.json", "--to", "kml"]).unwrap();
/// assert_eq!(args.to, Target::Kml);
/// ```
pub fn parse_convert_args<I, T>(args: I) -> Result<ConvertArgs, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    super::parse_args(args)
}

fn is_sites_file(path: &Path) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    name.ends_with(".csv") || name.ends_with(".geojson")
}

/// `a.scenario.json` → `a.geojson`; `sites.csv` → `sites.scenario.json`.
fn default_out(file: &Path, to: Target) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = [".scenario.json", ".geojson", ".json", ".csv"]
        .iter()
        .find_map(|ext| {
            name.to_lowercase()
                .ends_with(ext)
                .then(|| name[..name.len() - ext.len()].to_owned())
        })
        .unwrap_or(name);
    file.with_file_name(format!("{stem}.{}", to.extension()))
}

/// Reads FILE: a scenario, or sites imported into a new scenario named after the file.
fn read_input(file: &Path) -> Result<(Scenario, Vec<Problem>, String), String> {
    if is_sites_file(file) {
        let imported =
            exchange::import_file(file, &ImportOptions::default()).map_err(|e| e.to_string())?;
        if !imported.rejected.is_empty() {
            let list: Vec<String> = imported
                .rejected
                .iter()
                .map(|p| format!("  - {p}"))
                .collect();
            return Err(format!(
                "{}: {} row(s) could not be imported:\n{}",
                file.display(),
                imported.rejected.len(),
                list.join("\n")
            ));
        }
        let mut s = scenario::Scenario {
            format_version: scenario::FORMAT_VERSION,
            name: file
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            description: format!("Sites imported from {}", file.display()),
            sites: imported.sites,
            cities: Vec::new(),
            interceptor_types: Vec::new(),
            missile_types: Vec::new(),
            year: 2012,
            timeline: TimelineChoice::AsHappened,
            models: Vec::new(),
            model: "independent".into(),
            assumptions: Default::default(),
            annotations: Vec::new(),
            presentation: Default::default(),
        };
        s.presentation.title = s.name.clone();
        let what = format!("{} sites", s.sites.len());
        Ok((s, imported.warnings, what))
    } else if crate::provenance::is_page(file) {
        let (_, loaded) = crate::provenance::read_page(file)?;
        let what = format!("\"{}\" (embedded in the page)", loaded.scenario.name);
        Ok((loaded.scenario, loaded.warnings, what))
    } else {
        let loaded = scenario::open_file(file).map_err(|e| e.to_string())?;
        let what = format!("\"{}\"", loaded.scenario.name);
        Ok((loaded.scenario, loaded.warnings, what))
    }
}

/// Runs `convert`: reads FILE, applies --model/--year/--timeline, writes --out.
///
/// Returns a summary of what was written (with any warnings on further lines), or an error that
/// names the file at fault and says what is wrong. A failed write leaves nothing half-written.
pub fn run(args: &ConvertArgs) -> Result<String, String> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| default_out(&args.file, args.to));
    if args.to != Target::Scenario && same_file(&args.file, &out) {
        return Err(format!(
            "{}: --out is the input file itself; choose another name",
            out.display()
        ));
    }
    let (mut s, warnings, what) = read_input(&args.file)?;
    // The same commands the scenario panel uses, so `--year 1900` is refused as it is there.
    args.choices.apply(&mut s)?;
    let summary = match args.to {
        Target::Scenario => {
            let saved = scenario::save_file(&s, &out)
                .map_err(|e| e.message(crate::scenario::Surface::CommandLine))?;
            let mut line = format!(
                "{}: {what} written as a scenario (format version {}, {} bytes)",
                saved.path.display(),
                scenario::FORMAT_VERSION,
                saved.bytes
            );
            if let Some(bak) = saved.backup {
                line.push_str(&format!("; the previous file is kept as {}", bak.display()));
            }
            if let Some(e) = saved.backup_error {
                line.push_str(&format!("; {e}"));
            }
            if let Some(e) = saved.stale_error {
                line.push_str(&format!("; {e}"));
            }
            line
        }
        Target::Geojson | Target::Kml => {
            let layers = &s.presentation.layers;
            // Headless: compute the analysis the window would have shown.
            let memos = analysis::Memos::new();
            let analysis =
                (layers.footprint || layers.trajectories).then(|| analysis::analyze_in(&s, &memos));
            let engagement = layers
                .engagement
                .as_ref()
                .map(|view| analysis::EngagementDrawing::compute(&s, view, &memos));
            let computed = Computed {
                analysis: analysis.as_ref(),
                engagement: engagement.as_ref(),
                threat_at_s: None,
            };
            let picture = Picture::build_computed(&s, layers, computed);
            let (text, format) = if args.to == Target::Geojson {
                (exchange::to_geojson(&s, &picture), "GeoJSON")
            } else {
                (exchange::to_kml(&s, &picture), "KML")
            };
            let features = picture.features.len();
            scenario::write_file(&out, text.as_bytes())
                .map_err(|e| e.message(crate::scenario::Surface::CommandLine))?;
            format!(
                "{}: {format} of {what} in {} ({}), {features} features",
                out.display(),
                s.year,
                s.timeline.label()
            )
        }
    };
    Ok(summary + &warning_lines(&warnings))
}
