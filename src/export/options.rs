//! What goes on a page ([`ExportOptions`]), the maps on it ([`Panel`]) and why an export fails
//! ([`ExportError`]).

use std::time::SystemTime;

use super::{Format, Marking, PageSize};
use crate::scenario::Scenario;
use crate::scene::{MapView, Scene};

/// Rasters larger than this many pixels are refused (80 megapixels: 320 MB of pixels; A3 at
/// 600 dpi is 70).
pub const MAX_PIXELS: u64 = 80_000_000;

/// What goes on the page around the map, and how big the page is.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub page: PageSize,
    /// Used by [`export`](super::export); [`to_svg`](super::to_svg), [`to_png`](super::to_png) and
    /// [`to_pdf`](super::to_pdf) ignore it.
    pub format: Format,
    /// The title; none is drawn when empty.
    pub title: String,
    /// The line under the title; none is drawn when empty.
    pub subtitle: String,
    /// The classification or handling marking for the banners. `None` (the default) draws no
    /// banner: a marking is never applied on its own.
    pub marking: Option<Marking>,
    /// The "as of" time, shown as a date-time group (`281430Z NOV 26`).
    pub as_of: Option<SystemTime>,
    /// Who prepared the page.
    pub preparer: Option<String>,
    pub legend: bool,
    pub scale_bar: bool,
    pub north_arrow: bool,
    pub source_line: bool,
    /// Draw the marking banners (only when a [`Self::marking`] is set).
    pub banner: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            page: PageSize::default(),
            format: Format::default(),
            title: String::new(),
            subtitle: String::new(),
            marking: None,
            as_of: None,
            preparer: None,
            legend: true,
            scale_bar: true,
            north_arrow: true,
            source_line: true,
            banner: true,
        }
    }
}

impl ExportOptions {
    /// Defaults with the scenario's name as the title and its year and timeline as subtitle.
    ///
    /// ```
    /// let s = bmd_atlas::scenario::built_in();
    /// let o = bmd_atlas::export::ExportOptions::for_scenario(&s);
    /// assert_eq!((o.title.as_str(), o.subtitle.as_str()), ("Europe 2012", "2012 · as it happened"));
    /// assert!(o.marking.is_none());
    /// ```
    pub fn for_scenario(scenario: &Scenario) -> ExportOptions {
        ExportOptions {
            title: scenario.name.clone(),
            subtitle: format!("{} · {}", scenario.year, scenario.timeline.label()),
            ..ExportOptions::default()
        }
    }
}

/// One map on the page.
#[derive(Clone, Debug)]
pub struct Panel<'a> {
    pub scene: &'a Scene,
    /// The window's view to keep (its centre, and at least its extent); `None` fits the
    /// projection's default extent into the frame.
    pub view: Option<MapView>,
    /// A caption over the map (the year, on a comparison page); none when empty.
    pub caption: String,
}

impl<'a> Panel<'a> {
    /// The scene fitted to the frame, without a caption.
    pub fn new(scene: &'a Scene) -> Panel<'a> {
        Panel {
            scene,
            view: None,
            caption: String::new(),
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "the page would be {width}×{height} pixels, more than the {} megapixels an export may have: choose a smaller size or a lower dpi",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge { width: u32, height: u32 },
    #[error("the page is {width}×{height} pixels: give a width and a height of at least 1 pixel")]
    Empty { width: u32, height: u32 },
    /// A defect: the page's own SVG did not parse.
    #[error(
        "internal error: the page's SVG does not parse ({0}); please report this with the command you ran"
    )]
    Svg(String),
    #[error("could not make the PDF: {0}")]
    Pdf(String),
    #[error("could not encode the PNG: {0}")]
    Png(String),
}
