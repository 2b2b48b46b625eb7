//! Encoding the rendered page as PNG, chosen for speed: fast deflate, and RGB without an alpha
//! channel when the page is opaque (it always is: the page is white), streamed row by row so no
//! second copy of the page is made.

use png::{BitDepth, ColorType, Encoder, FilterType, PixelDimensions, Unit};
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
    // The encoder writes the header and chunks; the image data is filtered and compressed here.
    encoder.set_depth(BitDepth::Eight);
    if dpi.is_finite() && dpi > 0.0 {
        let ppm = (dpi as f64 / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().map_err(err)?;
    let idat = compress_rows(pixmap, opaque).map_err(|e| ExportError::Png(e.to_string()))?;
    // One IDAT chunk holds at most 2^31 - 1 bytes.
    for part in idat.chunks(1 << 30) {
        writer.write_chunk(png::chunk::IDAT, part).map_err(err)?;
    }
    writer.finish().map_err(err)?;
    Ok(out)
}

/// The page's rows, filtered with `Up` (each byte less the one above it: for flat map colours
/// the row above predicts a pixel best, measured against Sub and Paeth) and deflated by
/// `fdeflate` (the png crate's own fast compressor, made for filtered image rows; its streaming
/// writer would use a slower general deflate), as one zlib stream. Straight RGB, or RGBA when
/// the page is not `opaque`.
fn compress_rows(pixmap: &Pixmap, opaque: bool) -> std::io::Result<Vec<u8>> {
    let w = pixmap.width().max(1) as usize;
    let channels = if opaque { 3 } else { 4 };
    let mut out = fdeflate::Compressor::new(Vec::with_capacity(pixmap.data().len() / 16))?;
    let (mut above, mut row) = (
        vec![0u8; w * channels],
        Vec::with_capacity(1 + w * channels),
    );
    let mut here = Vec::with_capacity(w * channels);
    for line in pixmap.pixels().chunks_exact(w) {
        here.clear();
        for p in line {
            // Premultiplied: straight colour only where the pixel is not opaque.
            let c = p.demultiply();
            here.extend_from_slice(&[c.red(), c.green(), c.blue()]);
            if !opaque {
                here.push(c.alpha());
            }
        }
        row.clear();
        row.push(FilterType::Up as u8);
        row.extend(here.iter().zip(&above).map(|(x, up)| x.wrapping_sub(*up)));
        out.write_data(&row)?;
        std::mem::swap(&mut above, &mut here);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::tiny_skia::{ColorU8, PremultipliedColorU8};

    /// Decoded pixels of a PNG, with its colour type and pixels per metre.
    fn decode(bytes: &[u8]) -> (png::ColorType, Option<u32>, Vec<u8>) {
        let mut reader = png::Decoder::new(bytes).read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("one frame");
        let ppm = reader.info().pixel_dims.map(|d| d.xppu);
        buf.truncate(info.buffer_size());
        (info.color_type, ppm, buf)
    }

    /// A pixmap whose every pixel differs from its neighbours above and to the left.
    fn varied(w: u32, h: u32, alpha: impl Fn(u32, u32) -> u8) -> Pixmap {
        let mut pixmap = Pixmap::new(w, h).expect("a size");
        for (i, p) in pixmap.pixels_mut().iter_mut().enumerate() {
            let (x, y) = (i as u32 % w, i as u32 / w);
            let c = ColorU8::from_rgba((x * 7) as u8, (y * 13) as u8, (x * y) as u8, alpha(x, y));
            *p = c.premultiply();
        }
        pixmap
    }

    #[test]
    fn an_opaque_page_is_rgb_with_every_pixel_as_drawn() {
        let pixmap = varied(37, 23, |_, _| 255);
        let (colour, ppm, rgb) = decode(&encode(&pixmap, 300.0).expect("encodes"));
        assert_eq!(colour, ColorType::Rgb);
        assert_eq!(ppm, Some(11811));
        let expected: Vec<u8> = pixmap
            .pixels()
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect();
        assert_eq!(rgb, expected);
    }

    #[test]
    fn a_translucent_picture_keeps_straight_alpha() {
        let pixmap = varied(19, 11, |x, y| if (x + y) % 3 == 0 { 255 } else { 90 });
        let (colour, ppm, rgba) = decode(&encode(&pixmap, 0.0).expect("encodes"));
        assert_eq!(colour, ColorType::Rgba);
        assert_eq!(ppm, None);
        let expected: Vec<u8> = pixmap
            .pixels()
            .iter()
            .map(PremultipliedColorU8::demultiply)
            .flat_map(|c| [c.red(), c.green(), c.blue(), c.alpha()])
            .collect();
        assert_eq!(rgba, expected);
    }
}
