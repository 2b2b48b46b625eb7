//! Encoding the rendered page as PNG, chosen for speed: fast deflate, and RGB without an alpha
//! channel when the page is opaque (it always is: the page is white), streamed row by row so no
//! second copy of the page is made.

use std::sync::mpsc;

use png::{BitDepth, ColorType, Encoder, FilterType, PixelDimensions, Unit};
use resvg::tiny_skia::{Pixmap, PremultipliedColorU8};

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
///
/// Filtering and deflating overlap: blocks of rows are filtered on a second thread while the
/// blocks before them are deflated here (at 4K each takes 10–20 ms), two blocks' buffers
/// passing back and forth.
fn compress_rows(pixmap: &Pixmap, opaque: bool) -> std::io::Result<Vec<u8>> {
    let w = pixmap.width().max(1) as usize;
    let rows: Vec<&[u8]> = pixmap.data().chunks_exact(w * 4).collect();
    let mut out = fdeflate::Compressor::new(Vec::with_capacity(pixmap.data().len() / 16))?;
    std::thread::scope(|scope| {
        let (to_deflate, filtered) = mpsc::sync_channel::<Vec<u8>>(2);
        let (to_refill, spare) = mpsc::channel::<Vec<u8>>();
        let rows = &rows;
        let spawned = std::thread::Builder::new()
            .name("png filter".to_owned())
            .spawn_scoped(scope, move || {
                filter_blocks(rows, opaque, &spare, &mut |b| to_deflate.send(b).is_ok());
            });
        if spawned.is_err() {
            // No second thread: each block filtered and deflated in turn here.
            let (_, none) = mpsc::channel();
            let mut result = Ok(());
            filter_blocks(rows, opaque, &none, &mut |block| {
                result = out.write_data(&block);
                result.is_ok()
            });
            return result;
        }
        for block in filtered {
            out.write_data(&block)?;
            // Back to the filter for another block; once it has filtered the last, it wants none.
            if let Err(mpsc::SendError(unwanted)) = to_refill.send(block) {
                drop(unwanted);
            }
        }
        Ok(())
    })?;
    out.finish()
}

/// Filters `rows` (premultiplied RGBA) in blocks of [`FILTER_BLOCK_ROWS`], each into a buffer
/// taken from `spare` when one is there, and gives each to `sink` in order, until it says stop.
fn filter_blocks(
    rows: &[&[u8]],
    opaque: bool,
    spare: &mpsc::Receiver<Vec<u8>>,
    sink: &mut dyn FnMut(Vec<u8>) -> bool,
) {
    for (b, block) in rows.chunks(FILTER_BLOCK_ROWS).enumerate() {
        let mut buffer = spare.try_recv().unwrap_or_default();
        buffer.clear();
        for (i, row) in block.iter().enumerate() {
            let above = (b * FILTER_BLOCK_ROWS + i).checked_sub(1).map(|r| rows[r]);
            filter_up(row, above, opaque, &mut buffer);
        }
        if !sink(buffer) {
            return;
        }
    }
}

/// Rows filtered in one block.
const FILTER_BLOCK_ROWS: usize = 32;

/// One row of premultiplied RGBA pixels, `Up`-filtered against the row `above` (none for the
/// first) onto `out`: straight RGB when the page is `opaque` (there premultiplied colour is
/// straight colour), else straight RGBA.
fn filter_up(row: &[u8], above: Option<&[u8]>, opaque: bool, out: &mut Vec<u8>) {
    out.push(FilterType::Up as u8);
    if opaque {
        match above {
            Some(above) => out.extend(row.chunks_exact(4).zip(above.chunks_exact(4)).flat_map(
                |(p, q)| {
                    [
                        p[0].wrapping_sub(q[0]),
                        p[1].wrapping_sub(q[1]),
                        p[2].wrapping_sub(q[2]),
                    ]
                },
            )),
            None => out.extend(row.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]])),
        }
        return;
    }
    // Every pixel of a pixmap is valid premultiplied colour, so `from_rgba` always succeeds.
    let straight = |p: &[u8]| {
        PremultipliedColorU8::from_rgba(p[0], p[1], p[2], p[3]).map_or([0; 4], |c| {
            let c = c.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
    };
    match above {
        Some(above) => out.extend(row.chunks_exact(4).zip(above.chunks_exact(4)).flat_map(
            |(p, q)| {
                let (p, q) = (straight(p), straight(q));
                [0, 1, 2, 3].map(|i| p[i].wrapping_sub(q[i]))
            },
        )),
        None => out.extend(row.chunks_exact(4).flat_map(straight)),
    }
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
        // Taller than two blocks of filtered rows and a part, so blocks meet twice.
        let pixmap = varied(37, 2 * FILTER_BLOCK_ROWS as u32 + 5, |_, _| 255);
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
        let rows = FILTER_BLOCK_ROWS as u32 + 3;
        let pixmap = varied(19, rows, |x, y| if (x + y) % 3 == 0 { 255 } else { 90 });
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
