//! The scenario panel's choices as flags ([`Choices`]), shared by the window's own arguments and
//! every subcommand that shows a scenario: parsed once and applied once.
//!
//! ```text
//! bmd-atlas [FILE] [--model M] [--year Y] [--timeline planned|actual] [--projection europe|arctic]
//! bmd-atlas export|analyze|convert FILE … (the same four flags)
//! ```

use std::fmt::Display;

use crate::command::Command;
use crate::geodesy::ProjectionKind;
use crate::scenario::{Scenario, TimelineChoice};

/// The scenario panel's choices, as flags: every subcommand that shows a scenario, and the
/// window, `#[command(flatten)]` these, so they are parsed and checked the same way everywhere.
///
/// ```
/// use bmd_atlas::cli::{Choices, Timeline};
/// let choices: Choices =
///     bmd_atlas::cli::parse_args(["analyze", "--year", "2016", "--timeline", "planned"]).unwrap();
/// assert_eq!((choices.year, choices.timeline), (Some(2016), Some(Timeline::Planned)));
/// let mut s = bmd_atlas::scenario::built_in();
/// choices.apply(&mut s).unwrap();
/// assert_eq!(s.year, 2016);
/// ```
#[derive(clap::Args, Clone, Debug, Default, PartialEq)]
pub struct Choices {
    /// Cooperation model: independent, coordinated, unified, or a model id of the file
    /// [default: the scenario's].
    #[arg(long)]
    pub model: Option<String>,
    /// Year shown, 2009-2025 [default: the scenario's].
    #[arg(long)]
    pub year: Option<i32>,
    /// Which history the year follows [default: the scenario's].
    #[arg(long, value_enum)]
    pub timeline: Option<Timeline>,
    /// Map projection of the window or the exported page [default: the file's in the window,
    /// europe for export]; analyze and convert (longitude/latitude) do not depend on it.
    #[arg(long, value_enum)]
    pub projection: Option<Projection>,
    /// Put the analysis on a published study's settings: mda-2007, postol-lewis-2007,
    /// butt-postol-2011, nrc-2012 or russian-mod-2012.
    #[arg(long, value_name = "STUDY")]
    pub study: Option<String>,
}

/// `--timeline`: which history the year follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Timeline {
    /// As planned in 2012.
    Planned,
    /// As it happened.
    Actual,
}

impl From<Timeline> for TimelineChoice {
    fn from(t: Timeline) -> Self {
        match t {
            Timeline::Planned => TimelineChoice::AsPlanned2012,
            Timeline::Actual => TimelineChoice::AsHappened,
        }
    }
}

/// `--projection`: the map projection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Projection {
    /// Europe, equal-area (EPSG:3035).
    Europe,
    /// North-polar azimuthal equidistant, for ICBM paths.
    Arctic,
}

impl From<Projection> for ProjectionKind {
    fn from(p: Projection) -> Self {
        match p {
            Projection::Europe => ProjectionKind::EuropeEqualArea,
            Projection::Arctic => ProjectionKind::ArcticPolar,
        }
    }
}

impl Choices {
    /// Applies `--model`, `--year` and `--timeline` (in that order) through the same
    /// [`Command`]s the scenario panel uses, so they are checked by the same rules.
    ///
    /// On error the message starts with the flag and its value (`--year 1900: …`), and the
    /// scenario may hold the choices applied before it.
    ///
    /// ```
    /// use bmd_atlas::cli::Choices;
    /// let mut s = bmd_atlas::scenario::built_in();
    /// let err = Choices { year: Some(1900), ..Choices::default() }.apply(&mut s).unwrap_err();
    /// assert!(err.starts_with("--year 1900: ") && err.contains("2009 to 2025"), "{err}");
    /// ```
    pub fn apply(&self, s: &mut Scenario) -> Result<(), String> {
        if let Some(m) = &self.model {
            apply_flag(s, "--model", m, Command::SetModel(m.clone()))?;
        }
        if let Some(y) = self.year {
            apply_flag(s, "--year", y, Command::SetYear(y))?;
        }
        if let Some(t) = self.timeline {
            let name = clap::ValueEnum::to_possible_value(&t)
                .map_or_else(String::new, |v| v.get_name().to_owned());
            apply_flag(s, "--timeline", name, Command::SetTimeline(t.into()))?;
        }
        if let Some(id) = &self.study {
            apply_flag(s, "--study", id, Command::ApplyStudy(id.clone()))?;
        }
        Ok(())
    }

    /// The projection `--projection` asks for, if it was given.
    pub fn projection_kind(&self) -> Option<ProjectionKind> {
        self.projection.map(ProjectionKind::from)
    }
}

/// Applies one flag's command, naming the flag and its value in the error:
/// `--compare nope: there is no model 'nope' …`.
pub fn apply_flag(
    s: &mut Scenario,
    flag: &str,
    value: impl Display,
    command: Command,
) -> Result<(), String> {
    command.apply(s).map_err(|e| format!("{flag} {value}: {e}"))
}
