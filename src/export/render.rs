//! Making the page: SVG, PNG and PDF bytes, the live preview, and the rasterising and PDF
//! post-processing they share.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg;

#[cfg(doc)]
use super::PageSize;
use super::direct::Rasteriser;
use super::{ExportError, ExportOptions, Format, Panel, layout};
use crate::font::{FONT_BYTES, FONT_FAMILY};
use crate::provenance::{self, Provenance};

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
    // The provenance (the scenario, deflated: a few milliseconds) is made while the page is
    // painted, on a thread of its own when one can be had, and written after the image.
    std::thread::scope(|scope| {
        let payload = embed.map(|p| {
            std::thread::Builder::new()
                .name("provenance".to_owned())
                .spawn_scoped(scope, || p.payload())
                .map_err(|_| p)
        });
        let size = options.page.pixels();
        Rasteriser::default().png(panels, options, size, || {
            let payload = match payload? {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(p) => p.payload(),
            };
            Some(provenance::png::text_data(&payload))
        })
    })
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
    let pixmap = Rasteriser::default().page(panels, options, size)?;
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

pub(super) fn parse(svg: &str) -> Result<usvg::Tree, ExportError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Svg(e.to_string()))
}

/// Renders an SVG page with `resvg` into a pixmap of exactly `size`, stretching it to fit: the
/// reference the direct rasteriser ([`Rasteriser`]) is held to in the tests.
pub fn rasterise_svg(svg: &str, size: [u32; 2]) -> Result<tiny_skia::Pixmap, ExportError> {
    let [w, h] = super::direct::checked(size)?;
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

/// Makes svg2pdf's output byte-for-byte repeatable: it writes the entries of resource
/// dictionaries (`/gs12 19 0 R`, one per line) in hash-map order. Runs of such lines are sorted;
/// the file's length and every object's offset stay the same, so the cross-reference table stays
/// valid. Stream contents are skipped by their `/Length`.
fn canonical_pdf(mut pdf: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i < pdf.len() {
        // The text up to the next stream (or the end) is dictionary text; sort its entry runs.
        let stream_at = find(&pdf[i..], b"\nstream\n").map(|k| i + k);
        let end = stream_at.unwrap_or(pdf.len());
        sort_entry_runs(&mut pdf, i, end);
        let Some(at) = stream_at else { break };
        match after_stream(&pdf, i, at) {
            Some(next) => i = next,
            None => break,
        }
    }
    pdf
}

/// Whether a line is an indented resource-dictionary entry: `<spaces>/Name 12 0 R`.
fn is_resource_entry(line: &[u8]) -> bool {
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
}

/// Sorts, in place, each run of equally indented resource entries among the lines of
/// `pdf[from..end]`; the run keeps its bytes' total length, so no offset moves.
fn sort_entry_runs(pdf: &mut [u8], from: usize, end: usize) {
    let mut lines: Vec<(usize, usize)> = Vec::new(); // (start, end) of each line in from..end
    let mut start = from;
    for (k, &byte) in pdf.iter().enumerate().take(end).skip(from) {
        if byte == b'\n' {
            lines.push((start, k));
            start = k + 1;
        }
    }
    let mut r = 0;
    while r < lines.len() {
        let indent = |(s, e): (usize, usize)| pdf[s..e].iter().take_while(|&&b| b == b' ').count();
        if !is_resource_entry(&pdf[lines[r].0..lines[r].1]) {
            r += 1;
            continue;
        }
        let mut q = r + 1;
        while q < lines.len()
            && is_resource_entry(&pdf[lines[q].0..lines[q].1])
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
}

/// Where the text after the stream starting at `at` begins: its data is skipped by the
/// `/Length N` in the dictionary just before it (searched back no further than `from`), or up
/// to `endstream` without one; `None` when the stream never ends.
fn after_stream(pdf: &[u8], from: usize, at: usize) -> Option<usize> {
    let dict_start = pdf[..at]
        .windows(4)
        .rposition(|w| w == b"obj\n")
        .unwrap_or(from);
    let length = find(&pdf[dict_start..at], b"/Length ").and_then(|k| {
        let digits: Vec<u8> = pdf[dict_start + k + 8..at]
            .iter()
            .copied()
            .take_while(u8::is_ascii_digit)
            .collect();
        std::str::from_utf8(&digits).ok()?.parse::<usize>().ok()
    });
    let data = at + b"\nstream\n".len();
    match length {
        Some(n) => Some(data + n),
        None => find(&pdf[data..], b"endstream").map(|k| data + k),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

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
