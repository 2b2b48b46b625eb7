//! `bmd-atlas export FILE --out OUT …`: the briefing export from the command line, with no
//! display needed.
//!
//! The binary adds [`ExportArgs`] as its `export` subcommand and prints what [`run`] returns.

use std::path::PathBuf;
use std::time::SystemTime;

use super::{Choices, apply_flag, same_file};
use crate::basemap::Scale;
use crate::command::Command;
use crate::export::{
    Detail, ExportOptions, ExportRequest, Format, MAX_PIXELS, Marking, Orientation, PageSize,
    Paper, Rendered, panel_caption, parse_colour, parse_utc,
};
use crate::geodesy::ProjectionKind;
use crate::scenario::{self, Scenario};
use crate::scene::Layers;

/// Exports a briefing page (PNG, SVG or PDF) of a scenario file.
///
/// ```
/// let args = bmd_atlas::cli::export::parse_args([
///     "export", "europe.scenario.json", "--out", "brief.png", "--size", "3840x2160", "--marking", "secret",
/// ]).expect("valid arguments");
/// assert_eq!(args.size.map(|s| (s.width, s.height)), Some((3840, 2160)));
/// ```
#[derive(clap::Args, Clone, Debug, PartialEq)]
pub struct ExportArgs {
    /// The scenario file (*.scenario.json) to draw.
    pub file: PathBuf,
    /// Where to write the page; the format follows the extension (.png, .svg or .pdf).
    #[arg(long, short)]
    pub out: PathBuf,
    /// The format, when the extension does not say it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Page size in pixels [default: 1920x1080, or A4 landscape for PDF].
    #[arg(long, value_name = "WxH", value_parser = parse_size, conflicts_with = "paper")]
    pub size: Option<PixelSize>,
    /// Paper size instead of pixels (landscape unless --portrait).
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// Resolution of a paper page's PNG.
    #[arg(long, requires = "paper", default_value_t = 300.0)]
    pub dpi: f32,
    /// Turn the paper upright.
    #[arg(long, requires = "paper")]
    pub portrait: bool,
    // --model, --year, --timeline, --projection.
    #[command(flatten)]
    pub choices: Choices,
    /// Put a second map of this year beside the first, with one legend (the comparison slide).
    #[arg(long, value_name = "YEAR")]
    pub compare_year: Option<i32>,
    /// Put a second map with this cooperation model beside the first (the comparison slide).
    #[arg(long, value_name = "MODEL")]
    pub compare: Option<String>,
    /// Basemap level of detail; `auto` picks it from the output resolution.
    #[arg(long, value_enum, default_value_t = DetailArg::Auto)]
    pub detail: DetailArg,
    /// The title [default: the scenario's name].
    #[arg(long)]
    pub title: Option<String>,
    /// The line under the title [default: year and timeline].
    #[arg(long)]
    pub subtitle: Option<String>,
    /// Classification or handling marking for the top and bottom banners: a preset
    /// (UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET, NATO UNCLASSIFIED, NATO RESTRICTED,
    /// NATO CONFIDENTIAL, NATO SECRET, COSMIC TOP SECRET, optionally with //caveats) or any text.
    /// No banner without it.
    #[arg(long)]
    pub marking: Option<String>,
    /// Banner colour as #rrggbb, overriding the preset's.
    #[arg(long, value_name = "#RRGGBB", requires = "marking")]
    pub marking_colour: Option<String>,
    /// Name of the preparer, shown under the date-time group.
    #[arg(long)]
    pub preparer: Option<String>,
    /// The "as of" time in UTC, YYYY-MM-DDTHH:MMZ [default: now].
    #[arg(long, value_name = "UTC", conflicts_with = "no_date")]
    pub as_of: Option<String>,
    /// No "as of" date-time group.
    #[arg(long)]
    pub no_date: bool,
    /// No legend.
    #[arg(long)]
    pub no_legend: bool,
    /// No scale bar.
    #[arg(long)]
    pub no_scale_bar: bool,
    /// No north arrow.
    #[arg(long)]
    pub no_north_arrow: bool,
    /// No source line.
    #[arg(long)]
    pub no_source_line: bool,
    /// No map labels (the page otherwise shows the layers saved in the file).
    #[arg(long)]
    pub no_labels: bool,
    /// Do not carry the scenario in the page (for pages that leave the team without their data);
    /// by default opening the page in BMD Atlas opens the scenario that made it.
    #[arg(long)]
    pub no_embed: bool,
    /// Animate the page: `years` (--from to --to on the scenario's timeline), `models` (each
    /// cooperation model in turn) or `engagement` (the --threat's flight against the --flyout
    /// battery, every --step seconds); --out then ends in .gif, or .png/.apng for an animated PNG.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub animate: Option<AnimateArg>,
    /// The first year of a year animation [default: 2009].
    #[arg(long, requires = "animate")]
    pub from: Option<i32>,
    /// The last year of a year animation [default: 2025].
    #[arg(long, requires = "animate")]
    pub to: Option<i32>,
    /// Frames per second of an animation [default: 1].
    #[arg(long, requires = "animate")]
    pub fps: Option<f32>,
    /// Seconds an animation's first and last frames are held on top of their own time
    /// [default: 1].
    #[arg(long, requires = "animate")]
    pub hold: Option<f32>,
    /// Seconds of flight between the frames of an engagement animation [default: 30].
    #[arg(long, value_name = "S", requires = "animate")]
    pub step: Option<f64>,
    /// Play an animation once instead of in a loop.
    #[arg(long, requires = "animate")]
    pub play_once: bool,
    /// Draw a battery's fly-out fan: its site id and interceptor type id, e.g.
    /// deveselu:sm3-ib.
    #[arg(long, value_name = "BATTERY:TYPE")]
    pub flyout: Option<String>,
    /// The fan's altitude [default: the middle of the type's altitude window].
    #[arg(long, value_name = "KM", requires = "flyout")]
    pub flyout_altitude: Option<f64>,
    /// With --flyout: a threat's flight and the battery's engagement window, e.g.
    /// tabriz:bucharest.
    #[arg(long, value_name = "LAUNCH:TARGET", requires = "flyout")]
    pub threat: Option<String>,
    /// With --threat: when the interceptor is launched, cued or fixed:SECONDS.
    #[arg(
        long,
        value_name = "cued|fixed:SECONDS",
        default_value = "cued",
        requires = "threat"
    )]
    pub launch: String,
}

/// A page size in pixels, from `WIDTHxHEIGHT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelSize {
    pub width: u32,
    pub height: u32,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// A raster image, drawn directly (no SVG on the way).
    Png,
    /// The vector page itself.
    Svg,
    /// One PDF page, converted with svg2pdf; text stays text.
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Png => Format::Png,
            FormatArg::Svg => Format::Svg,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

/// `--paper`: ISO paper sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    A3,
}

impl From<PaperArg> for Paper {
    fn from(p: PaperArg) -> Self {
        match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::A3 => Paper::A3,
        }
    }
}

/// `--detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DetailArg {
    Auto,
    /// Natural Earth 1:110m.
    Coarse,
    /// 1:50m.
    Medium,
    /// 1:10m.
    Fine,
}

fn parse_size(text: &str) -> Result<PixelSize, String> {
    let bad = || format!("\"{text}\" is not a size; write WIDTHxHEIGHT in pixels, e.g. 3840x2160");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let width: u32 = w.trim().parse().map_err(|_| bad())?;
    let height: u32 = h.trim().parse().map_err(|_| bad())?;
    if width == 0 || height == 0 {
        return Err(format!(
            "\"{text}\": width and height must be at least 1 pixel"
        ));
    }
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(format!(
            "\"{text}\" is more than {} megapixels; choose a smaller size",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(PixelSize { width, height })
}

/// Parses export arguments as the binary would (the first item is the command name), for tests
/// and scripts.
pub fn parse_args<I, T>(args: I) -> Result<ExportArgs, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    crate::cli::parse_args(args)
}

/// Runs an export: reads the scenario, draws the page and writes it.
///
/// Returns a one-line summary of what was written, or an error that names the file at fault and
/// says what to do. Nothing is left at `--out` when it fails.
///
/// ```
/// use bmd_atlas::cli::export::{parse_args, run};
/// let out = std::env::temp_dir().join(format!("bmd-atlas-doc-{}.svg", std::process::id()));
/// let file = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/scenarios/europe-2012.scenario.json");
/// let args = parse_args(["export", file, "--out", out.to_str().unwrap(), "--detail", "coarse"]).unwrap();
/// let summary = run(&args).expect("exports");
/// assert!(summary.starts_with("wrote ") && summary.contains("SVG, 1920×1080 px"));
/// let _ = std::fs::remove_file(out);
///
/// let wrong = parse_args(["export", file, "--out", "brief.docx"]).unwrap();
/// assert!(run(&wrong).unwrap_err().contains("--format png|svg|pdf"));
/// ```
pub fn run(args: &ExportArgs) -> Result<String, String> {
    if args.animate.is_some() {
        return super::animate::run(args);
    }
    let format = format_of(args)?;
    let request = request_of(args, format, page_of(args, format)?)?;
    let page = request
        .render()
        .map_err(|e| format!("{}: {e}", args.out.display()))?;
    scenario::write_file(&args.out, &page.bytes)
        .map_err(|e| e.message(crate::scenario::Surface::CommandLine))?;
    Ok(summary(args, format, &request, &page))
}

/// The page `args` ask for, in `format` and of size `page`: the scenario file read, the choices
/// applied, the layers saved in it changed by the flags. Mistakes in the arguments are found
/// before the file is read.
pub(super) fn request_of(
    args: &ExportArgs,
    format: Format,
    page: PageSize,
) -> Result<ExportRequest, String> {
    if same_file(&args.file, &args.out) {
        return Err(format!(
            "{}: --out is the scenario file itself; choose another name for the export",
            args.out.display()
        ));
    }
    marking_and_time(args)?;
    let mut scenario = scenario::load_file(&args.file).map_err(|e| {
        format!(
            "{e}\n(check the file with `bmd-atlas validate {}`)",
            args.file.display()
        )
    })?;
    // The same commands the scenario panel uses, so the flags are checked the same way.
    args.choices.apply(&mut scenario)?;
    let projection = args
        .choices
        .projection_kind(&scenario)?
        .unwrap_or(ProjectionKind::EuropeEqualArea);
    let compare = comparison(args, &scenario)?;
    let options = options(args, &scenario, compare.as_ref(), page, format)?;
    // The layers saved in the file, as the window would show them; the flags change them.
    let saved = scenario.presentation.layers.clone();
    Ok(ExportRequest {
        compare,
        projection,
        layers: Layers {
            labels: saved.labels && !args.no_labels,
            engagement: engagement_view(args, &scenario)?.or(saved.engagement.clone()),
            ..saved
        },
        detail: detail_of(args.detail),
        options,
        embed: !args.no_embed,
        ..ExportRequest::new(scenario)
    })
}

/// `--animate`: what an animation steps through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AnimateArg {
    /// The years, --from to --to.
    Years,
    /// The cooperation models of the scenario, in turn.
    Models,
    /// The threat's flight (--flyout and --threat), marked every --step seconds.
    Engagement,
}

/// `--format`, or else the format the output file's name ends in.
fn format_of(args: &ExportArgs) -> Result<Format, String> {
    match args.format {
        Some(f) => Ok(f.into()),
        None => Format::from_path(&args.out).ok_or_else(|| {
            format!(
                "{}: cannot tell the format from the name; end it in .png, .svg or .pdf, or give --format png|svg|pdf",
                args.out.display()
            )
        }),
    }
}

/// `--size`, else `--paper`, else A4 for a PDF and the default slide for the rest.
fn page_of(args: &ExportArgs, format: Format) -> Result<PageSize, String> {
    Ok(match (args.size, args.paper) {
        (Some(s), _) => PageSize::Pixels {
            width: s.width,
            height: s.height,
        },
        (None, Some(paper)) => paper_page(paper.into(), args)?,
        (None, None) if format == Format::Pdf => paper_page(Paper::A4, args)?,
        (None, None) => PageSize::default(),
    })
}

/// The scenario to compare with: `scenario` with `--compare` and `--compare-year` applied, or
/// none when neither is given.
fn comparison(args: &ExportArgs, scenario: &Scenario) -> Result<Option<Scenario>, String> {
    Ok(match (&args.compare, args.compare_year) {
        (None, None) => None,
        (model, year) => {
            let mut other = scenario.clone();
            if let Some(m) = model {
                apply_flag(&mut other, "--compare", m, Command::SetModel(m.clone()))?;
            }
            if let Some(y) = year {
                apply_flag(&mut other, "--compare-year", y, Command::SetYear(y))?;
            }
            Some(other)
        }
    })
}

/// The basemap detail `--detail` asks for.
fn detail_of(detail: DetailArg) -> Detail {
    match detail {
        DetailArg::Coarse => Detail::Fixed(Scale::Coarse110m),
        DetailArg::Medium => Detail::Fixed(Scale::Medium50m),
        DetailArg::Fine => Detail::Fixed(Scale::Fine10m),
        DetailArg::Auto => Detail::Auto,
    }
}

/// The line printed after a successful export: what was written, how big, of which scenario.
fn summary(args: &ExportArgs, format: Format, request: &ExportRequest, page: &Rendered) -> String {
    let s = &request.scenario;
    format!(
        "wrote {}: {format}, {}, {}; \"{}\" {}{}, {} symbols, {} basemap",
        args.out.display(),
        request.options.page,
        human_size(page.bytes.len()),
        s.name,
        s.year,
        request
            .compare
            .as_ref()
            .map_or_else(String::new, |c| format!(" vs {}", panel_caption(c))),
        page.symbols,
        page.scale.label()
    )
}

fn paper_page(paper: Paper, args: &ExportArgs) -> Result<PageSize, String> {
    if !(args.dpi.is_finite() && (10.0..=1200.0).contains(&args.dpi)) {
        return Err(format!(
            "--dpi {}: give a resolution between 10 and 1200 dots per inch",
            args.dpi
        ));
    }
    let page = PageSize::Paper {
        paper,
        orientation: if args.portrait {
            Orientation::Portrait
        } else {
            Orientation::Landscape
        },
        dpi: args.dpi,
    };
    let [w, h] = page.pixels();
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(format!(
            "{page} is more than {} megapixels; choose a lower --dpi",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(page)
}

/// The marking and the "as of" time from the arguments (checked before any work is done).
fn marking_and_time(args: &ExportArgs) -> Result<(Option<Marking>, Option<SystemTime>), String> {
    let marking = match (args.marking.as_deref(), args.marking_colour.as_deref()) {
        (None, _) => None,
        (Some(text), None) => Some(Marking::parse(text)),
        (Some(text), Some(colour)) => {
            let c = parse_colour(colour).ok_or_else(|| {
                format!("--marking-colour \"{colour}\": write the colour as #rrggbb, e.g. #c8102e")
            })?;
            Some(Marking::parse(text).with_background(c))
        }
    };
    let as_of = match (&args.as_of, args.no_date) {
        (_, true) => None,
        (Some(text), false) => Some(parse_utc(text).map_err(|e| format!("--as-of: {e}"))?),
        (None, false) => Some(SystemTime::now()),
    };
    Ok((marking, as_of))
}

pub(super) fn options(
    args: &ExportArgs,
    scenario: &Scenario,
    compare: Option<&Scenario>,
    page: PageSize,
    format: Format,
) -> Result<ExportOptions, String> {
    let (marking, as_of) = marking_and_time(args)?;
    let years = match compare {
        Some(c) if c.year != scenario.year => format!("{} and {}", scenario.year, c.year),
        _ => scenario.year.to_string(),
    };
    let model = match (
        scenario.active_model(),
        compare.and_then(Scenario::active_model),
    ) {
        (Some(a), Some(b)) if a.id != b.id => format!(" · {} vs {}", a.name, b.name),
        (Some(a), _) => format!(" · {} · {}", a.name, a.assurance.label()),
        _ => String::new(),
    };
    Ok(ExportOptions {
        page,
        format,
        title: args.title.clone().unwrap_or_else(|| scenario.name.clone()),
        subtitle: args
            .subtitle
            .clone()
            .unwrap_or_else(|| format!("{years} · {}{model}", scenario.timeline.label())),
        marking,
        as_of,
        preparer: args.preparer.clone().filter(|p| !p.trim().is_empty()),
        legend: !args.no_legend,
        scale_bar: !args.no_scale_bar,
        north_arrow: !args.no_north_arrow,
        source_line: !args.no_source_line,
        banner: true,
    })
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        crate::format::megabytes(bytes as u64)
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

/// `--flyout`, `--flyout-altitude`, `--threat` and `--launch` as the engagement layer's choice;
/// an id the scenario lacks is an error naming the flag.
fn engagement_view(
    args: &ExportArgs,
    scenario: &Scenario,
) -> Result<Option<crate::scenario::EngagementView>, String> {
    use crate::analysis::engagement::{parse_launch, parse_pair};
    let Some(flyout) = &args.flyout else {
        return Ok(None);
    };
    let (battery, interceptor) = parse_pair("--flyout", flyout)?;
    if let Some(h) = args.flyout_altitude
        && !(h.is_finite() && (0.0..=5000.0).contains(&h))
    {
        return Err(format!(
            "--flyout-altitude is 0 to 5000 km, not {}",
            crate::format::number(h)
        ));
    }
    let threat = match &args.threat {
        Some(t) => {
            let (launch_site, target) = parse_pair("--threat", t)?;
            let launch_delay_s = match parse_launch(&args.launch)? {
                crate::analysis::Launch::Fixed(t) => Some(t),
                crate::analysis::Launch::Cued => None,
            };
            Some(crate::scenario::ThreatChoice {
                launch_site,
                target,
                launch_delay_s,
            })
        }
        None => None,
    };
    let view = crate::scenario::EngagementView {
        battery,
        interceptor,
        flyout_altitude_km: args.flyout_altitude,
        threat,
    };
    match crate::analysis::drawing::check(scenario, &view) {
        Some(p) if args.threat.is_some() => Err(format!("--flyout/--threat: {p}")),
        Some(p) => Err(format!("--flyout: {p}")),
        None => Ok(Some(view)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_nonsense_is_explained() {
        assert_eq!(
            parse_size("3840x2160"),
            Ok(PixelSize {
                width: 3840,
                height: 2160
            })
        );
        assert!(parse_size("1920×1080").is_ok());
        assert!(parse_size("big").unwrap_err().contains("WIDTHxHEIGHT"));
        assert!(parse_size("0x10").unwrap_err().contains("at least 1"));
        assert!(
            parse_size("100000x100000")
                .unwrap_err()
                .contains("megapixels")
        );
    }

    #[test]
    fn an_unknown_extension_asks_for_a_format() {
        let args = parse_args(["export", "x.scenario.json", "--out", "brief.jpg"]).expect("parses");
        let err = run(&args).expect_err("no format");
        assert!(
            err.contains("brief.jpg") && err.contains("--format"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_scenario_is_named() {
        let args = parse_args(["export", "/nonexistent/x.scenario.json", "--out", "b.svg"])
            .expect("parses");
        let err = run(&args).expect_err("no file");
        assert!(err.contains("/nonexistent/x.scenario.json"), "{err}");
    }

    #[test]
    fn paper_options_need_paper() {
        assert!(parse_args(["export", "f", "--out", "o.png", "--portrait"]).is_err());
        assert!(
            parse_args([
                "export",
                "f",
                "--out",
                "o.png",
                "--paper",
                "a3",
                "--portrait"
            ])
            .is_ok()
        );
        assert!(
            parse_args([
                "export", "f", "--out", "o.png", "--paper", "a3", "--size", "10x10"
            ])
            .is_err()
        );
    }
}
