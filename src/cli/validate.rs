//! The `validate` subcommand: a scenario file or a page checked, headless.
//!
//! ```text
//! bmd-atlas validate europe.scenario.json
//! bmd-atlas validate brief.png
//! ```

use std::path::{Path, PathBuf};

use super::warning_lines;
use crate::scenario;

/// `bmd-atlas validate FILE`.
#[derive(Clone, Debug, clap::Args)]
pub struct ValidateArgs {
    /// The scenario file.
    pub file: PathBuf,
}

/// Runs `validate`: a one-line summary (and any warnings on further lines) when the file loads,
/// or every problem found.
///
/// ```
/// use bmd_atlas::cli::validate::{ValidateArgs, validate};
/// let err = validate(&ValidateArgs { file: "/nonexistent.scenario.json".into() }).unwrap_err();
/// assert!(err.starts_with("/nonexistent.scenario.json: cannot read the file"));
/// ```
pub fn validate(args: &ValidateArgs) -> Result<String, String> {
    if crate::provenance::is_page(&args.file) {
        return validate_page(&args.file);
    }
    let loaded = scenario::open_file(&args.file).map_err(|e| e.to_string())?;
    let s = &loaded.scenario;
    let version = if loaded.from_version < scenario::FORMAT_VERSION {
        format!(
            "format version {} (reads as {})",
            loaded.from_version,
            scenario::FORMAT_VERSION
        )
    } else {
        format!("format version {}", loaded.from_version)
    };
    let unknown = loaded
        .warnings
        .iter()
        .filter(|w| w.path != "format_version")
        .count();
    let mut line = format!(
        "{}: valid, {version}, \"{}\": {} sites, {} cities, {} models, {} interceptor types",
        args.file.display(),
        s.name,
        s.sites.len(),
        s.cities.len(),
        s.models.len(),
        s.interceptor_types.len()
    );
    if unknown > 0 {
        line.push_str(&format!("; {unknown} unknown field(s) ignored"));
    }
    Ok(line + &warning_lines(&loaded.warnings))
}

/// `validate brief.png`: the page's provenance, its hash checked and its scenario validated.
fn validate_page(file: &Path) -> Result<String, String> {
    let (provenance, loaded) = crate::provenance::read_page(file)?;
    let s = &loaded.scenario;
    let line = format!(
        "{}: carries a valid scenario, \"{}\": {} sites, {} models; {}",
        file.display(),
        s.name,
        s.sites.len(),
        s.models.len(),
        provenance.summary()
    );
    Ok(line + &warning_lines(&loaded.warnings))
}
