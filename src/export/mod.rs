//! Briefing export: a page with title, marking banners, legend, scale bar, north arrow and source
//! line around the map, as SVG, PNG or PDF, with no window and no GPU.
//!
//! The page is laid out once ([`layout`]) and drawn by either of two back ends over the same map
//! geometry: the SVG writer ([`crate::render::svg`]; [`to_svg`], and [`to_pdf`] through
//! `svg2pdf`) and the direct rasteriser ([`crate::render::raster`]; [`to_png`], drawing the maps
//! straight into the pixmap). Text is set only in the bundled font ([`crate::font::FONT_BYTES`]):
//! system fonts are never loaded, so a page comes out the same on every machine.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! use bmd_atlas::export::{self, ExportOptions, Marking, PageSize, Panel};
//! use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
//!
//! let scenario = scenario::built_in();
//! let layers = scene::Layers { basemap: false, ..Default::default() };
//! let scene = scene::build(&scenario, ProjectionKind::EuropeEqualArea, Scale::Coarse110m, &layers, None);
//! let options = ExportOptions {
//!     page: PageSize::Pixels { width: 640, height: 360 },
//!     marking: Some(Marking::parse("UNCLASSIFIED")),
//!     as_of: Some(UNIX_EPOCH + Duration::from_secs(1_795_876_259)),
//!     ..ExportOptions::for_scenario(&scenario)
//! };
//! let svg = export::to_svg(&[Panel::new(&scene)], &options);
//! assert!(svg.contains("Europe 2012") && svg.contains("As of 281430Z NOV 26"));
//! let png = export::to_png(&[Panel::new(&scene)], &options).expect("renders");
//! assert_eq!(&png[1..4], b"PNG");
//! ```

mod animation;
mod direct;
mod dtg;
mod layout;
mod marking;
mod options;
mod page;
pub(crate) mod png;
mod render;
mod request;
mod sources;

pub use animation::{
    Animate, AnimationError, AnimationFormat, AnimationFrame, Timing, Written, frames,
    write_animation,
};
pub use direct::Rasteriser;
pub use dtg::{date_time_group, parse_utc};
pub use layout::{MapFrame, PageLayout, north_angle_deg};
pub use marking::{Marking, PRESETS, parse_colour};
pub use options::{ExportError, ExportOptions, MAX_PIXELS, Panel};
pub use page::{Format, Orientation, PageSize, Paper};
pub use render::{
    Preview, export, export_with, preview, rasterise_svg, to_pdf, to_pdf_with, to_png, to_png_with,
    to_svg, to_svg_with,
};
pub use request::{Detail, ExportRequest, Rendered, auto_detail, panel_caption};
pub use sources::short_sources;

/// Where the parts of the page go (for previews, hit tests and tests).
///
/// ```
/// use bmd_atlas::export::{self, ExportOptions, PageSize, Panel};
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
/// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m,
///     &scene::Layers { basemap: false, ..Default::default() }, None);
/// let options = ExportOptions { page: PageSize::Pixels { width: 3840, height: 2160 }, ..Default::default() };
/// let layout = export::layout(&[Panel::new(&s), Panel::new(&s)], &options);
/// assert_eq!(layout.size, [1920.0, 1080.0]);
/// assert_eq!(layout.maps.len(), 2);
/// assert!(layout.maps[1].origin[0] > layout.maps[0].origin[0] + layout.maps[0].view.size_px[0]);
/// ```
pub fn layout(panels: &[Panel<'_>], options: &ExportOptions) -> PageLayout {
    layout::layout(panels, options)
}
