//! Encoding the rendered page as PNG, chosen for speed: fast deflate, and RGB without an alpha
//! channel when the page is opaque (it always is: the page is white), streamed row by row so no
//! second copy of the page is made.

use std::io::Write as _;

use png::{BitDepth, ColorType, Compression, Encoder, FilterType, PixelDimensions, Unit};
use resvg::tiny_skia::Pixmap;

use super::ExportError;

/// The pixmap as PNG bytes, with its resolution (`pHYs`) set from `dpi` when that is positive.
/// The one PNG writer of the app: pages, previews saved to disk and window screenshots.
pub(crate) fn encode(pixmap: &Pixmap, dpi: f32) -> Result<Vec<u8>, ExportError> {
    let err = |e: png::EncodingError| ExportError::Png(e.to_string());
    let (w, h) = (pixmap.width(), pixmap.height());
    let opaque = pixmap.pixels().iter().all(|p| p.alpha() == 255);
    let mut out = Vec::with_capacity((w as usize * h as usize) / 8);
    let mut encoder = Encoder::new(&mut out, w, h);
    encoder.set_color(if opaque {
        ColorType::Rgb
    } else {
        ColorType::Rgba
    });
    encoder.set_depth(BitDepth::Eight);
    encoder.set_compression(Compression::Fast);
    // Flat map colours: the row above predicts a pixel best (measured against Sub and Paeth).
    encoder.set_filter(FilterType::Up);
    if dpi.is_finite() && dpi > 0.0 {
        let ppm = (dpi as f64 / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().map_err(err)?;
    {
        let mut stream = writer.stream_writer().map_err(err)?;
        let channels = if opaque { 3 } else { 4 };
        let mut row = Vec::with_capacity(w as usize * channels);
        for line in pixmap.pixels().chunks_exact(w.max(1) as usize) {
            row.clear();
            for p in line {
                // Premultiplied: straight colour only where the pixel is not opaque.
                let c = p.demultiply();
                row.extend_from_slice(&[c.red(), c.green(), c.blue()]);
                if !opaque {
                    row.push(c.alpha());
                }
            }
            stream
                .write_all(&row)
                .map_err(|e| ExportError::Png(e.to_string()))?;
        }
        stream.finish().map_err(err)?;
    }
    writer.finish().map_err(err)?;
    Ok(out)
}
