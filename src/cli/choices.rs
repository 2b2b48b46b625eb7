//! The scenario panel's choices as flags ([`Choices`]), shared by the window's own arguments and
//! every subcommand that shows a scenario: parsed once and applied once.
//!
//! ```text
//! bmd-atlas [FILE] [--model M] [--year Y] [--timeline planned|actual] [--projection europe|arctic|site:ID] [--symbols simple|app6] [--symbol-size small|normal|large|extra-large]
//! bmd-atlas export|analyze|convert FILE … (the same flags)
//! ```

use std::fmt::Display;

use crate::command::Command;
use crate::geodesy::ProjectionKind;
use crate::scenario::{Scenario, SymbolSize, SymbolStyle, TimelineChoice};

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
    /// Map projection of the window or the exported page: europe, arctic, or site:ID
    /// (azimuthal equidistant centred on that site) [default: the file's in the window, europe
    /// for export]; analyze and convert (longitude/latitude) do not depend on it.
    #[arg(long, value_name = "PROJECTION")]
    pub projection: Option<Projection>,
    /// Put the analysis on a published study's settings: mda-2007, postol-lewis-2007,
    /// butt-postol-2011, nrc-2012 or russian-mod-2012.
    #[arg(long, value_name = "STUDY")]
    pub study: Option<String>,
    /// How sites are drawn on the map and the page [default: the scenario's].
    #[arg(long, value_enum)]
    pub symbols: Option<Symbols>,
    /// How large sites are drawn [default: the scenario's].
    #[arg(long, value_enum, value_name = "SIZE")]
    pub symbol_size: Option<SymbolSizeFlag>,
}

/// `--symbol-size`: how large sites are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SymbolSizeFlag {
    /// Three quarters of the usual size.
    Small,
    /// The usual size.
    Normal,
    /// One and a half times.
    Large,
    /// Twice.
    ExtraLarge,
}

impl From<SymbolSizeFlag> for SymbolSize {
    fn from(s: SymbolSizeFlag) -> Self {
        match s {
            SymbolSizeFlag::Small => SymbolSize::Small,
            SymbolSizeFlag::Normal => SymbolSize::Normal,
            SymbolSizeFlag::Large => SymbolSize::Large,
            SymbolSizeFlag::ExtraLarge => SymbolSize::ExtraLarge,
        }
    }
}

/// `--symbols`: how sites are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Symbols {
    /// A shape per kind of site, in its side's colour.
    Simple,
    /// MIL-STD-2525D / NATO APP-6(D) military symbols from each site's SIDC.
    App6,
}

impl From<Symbols> for SymbolStyle {
    fn from(s: Symbols) -> Self {
        match s {
            Symbols::Simple => SymbolStyle::Simple,
            Symbols::App6 => SymbolStyle::App6,
        }
    }
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Projection {
    /// Europe, equal-area (EPSG:3035).
    Europe,
    /// North-polar azimuthal equidistant, for ICBM paths.
    Arctic,
    /// Azimuthal equidistant centred on the site with this id (`site:deveselu`).
    Site(String),
}

impl std::str::FromStr for Projection {
    type Err = String;

    /// `europe`, `arctic` or `site:ID`.
    ///
    /// ```
    /// use bmd_atlas::cli::Projection;
    /// assert_eq!("site:deveselu".parse(), Ok(Projection::Site("deveselu".into())));
    /// assert!("mercator".parse::<Projection>().unwrap_err().contains("europe, arctic or site:ID"));
    /// ```
    fn from_str(text: &str) -> Result<Projection, String> {
        match text {
            "europe" => Ok(Projection::Europe),
            "arctic" => Ok(Projection::Arctic),
            _ => match text.strip_prefix("site:") {
                Some(id) if !id.trim().is_empty() => Ok(Projection::Site(id.trim().to_owned())),
                Some(_) => Err("site: needs a site id after it, as in site:deveselu".to_owned()),
                None => Err(format!(
                    "'{text}' is not a projection; use europe, arctic or site:ID (centred on a site)"
                )),
            },
        }
    }
}

impl Projection {
    /// The projection in `scenario`: a site's id is looked up there, and an unknown one is an
    /// error naming the ids that come closest.
    pub fn kind(&self, scenario: &Scenario) -> Result<ProjectionKind, String> {
        match self {
            Projection::Europe => Ok(ProjectionKind::EuropeEqualArea),
            Projection::Arctic => Ok(ProjectionKind::ArcticPolar),
            Projection::Site(id) => match scenario.site(id) {
                Some(site) => ProjectionKind::centred_on(site.position())
                    .map_err(|e| format!("--projection site:{id}: the site's position: {e}")),
                None => {
                    let near = near_matches(id, scenario.sites.iter().map(|x| x.id.as_str()));
                    let hint = if near.is_empty() {
                        "`bmd-atlas validate FILE` lists none close; the ids are in the file's sites".to_owned()
                    } else {
                        format!("did you mean {}?", near.join(", "))
                    };
                    Err(format!(
                        "--projection site:{id}: there is no site '{id}' in this scenario; {hint}"
                    ))
                }
            },
        }
    }
}

/// Up to five of `ids` closest to `query`: those that contain it or that it contains
/// (ignoring case), then those within a few edits, nearest first.
///
/// ```
/// let ids = ["deveselu", "redzikowo", "kurecik", "devon"];
/// assert_eq!(bmd_atlas::cli::near_matches("deveslu", ids), ["deveselu"]);
/// assert_eq!(bmd_atlas::cli::near_matches("dev", ids), ["deveselu", "devon"]);
/// ```
pub fn near_matches<'a>(query: &str, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let q = query.to_lowercase();
    let mut scored: Vec<(usize, &str)> = ids
        .into_iter()
        .filter_map(|id| {
            let lower = id.to_lowercase();
            if lower.contains(&q) || q.contains(&lower) {
                return Some((0, id));
            }
            let d = edit_distance(&q, &lower);
            (d <= 2.max(q.chars().count() / 4)).then_some((d, id))
        })
        .collect();
    scored.sort_by_key(|&(d, id)| (d, id));
    scored
        .into_iter()
        .take(5)
        .map(|(_, id)| id.to_owned())
        .collect()
}

/// Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

impl Choices {
    /// Applies `--model`, `--year`, `--timeline` and `--study` (in that order) through the same
    /// [`Command`]s the scenario panel uses, so they are checked by the same rules; then
    /// `--symbols` and `--symbol-size`.
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
        // How the map is drawn is the file's presentation, not an edit: no command.
        if let Some(symbols) = self.symbols {
            s.presentation.layers.symbols = symbols.into();
        }
        if let Some(size) = self.symbol_size {
            s.presentation.layers.symbol_size = size.into();
        }
        Ok(())
    }

    /// The projection `--projection` asks for in `scenario`, if it was given; an unknown
    /// site is an error naming the ids that come closest.
    pub fn projection_kind(&self, scenario: &Scenario) -> Result<Option<ProjectionKind>, String> {
        self.projection
            .as_ref()
            .map(|p| p.kind(scenario))
            .transpose()
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
