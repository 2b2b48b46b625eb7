//! Encoding the rendered page as PNG, chosen for speed: fast deflate, and RGB without an alpha
//! channel when the page is opaque (it always is: the page is white), streamed row by row so no
//! second copy of the page is made. The chunks are written here straight into the one output
//! buffer the image data is deflated into, so the compressed image is never copied either.

use std::sync::mpsc;

use png::FilterType;
use resvg::tiny_skia::{Pixmap, PremultipliedColorU8};

use super::ExportError;
use crate::provenance::png::{SIGNATURE, append_chunk};

/// The pixmap as PNG bytes, with its resolution (`pHYs`) set from `dpi` when that is positive.
/// The one PNG writer of the app: pages, previews saved to disk and window screenshots.
pub(crate) fn encode(pixmap: &Pixmap, dpi: f32) -> Result<Vec<u8>, ExportError> {
    let err = |e: std::io::Error| ExportError::Png(e.to_string());
    // The page is nearly always opaque; the filter finds out as it goes, and only a picture
    // that is not is filtered again with its alpha.
    let mut out = compress_rows(pixmap, dpi, true).map_err(err)?;
    if out.is_none() {
        out = compress_rows(pixmap, dpi, false).map_err(err)?;
    }
    let out = out.ok_or_else(|| ExportError::Png("the picture changed while encoded".into()))?;
    Ok(end_png(out, None))
}

/// The PNG up to and with its `IDAT` chunk: signature, header, resolution, and the page's rows
/// filtered with `Up` (each byte less the one above it: for flat map colours the row above
/// predicts a pixel best, measured against Sub and Paeth) and deflated by `fdeflate` (the png
/// crate's own fast compressor, made for filtered image rows) as one zlib stream, straight into
/// the output after the `IDAT` chunk's header, whose length is filled in once known. Straight
/// RGB when `opaque` (`None` when a pixel turns out not to be), or RGBA.
///
/// Filtering and deflating overlap: blocks of rows are filtered on a second thread while the
/// blocks before them are deflated here (at 4K each takes 10–20 ms), two blocks' buffers
/// passing back and forth.
fn compress_rows(pixmap: &Pixmap, dpi: f32, opaque: bool) -> std::io::Result<Option<Vec<u8>>> {
    let (w, h) = (pixmap.width(), pixmap.height());
    // A compressed page is a tenth of its pixels' bytes or less (4K: 2.6 of 33 MB); room for
    // a quarter, of which only what is written is ever touched.
    let out = start_png(w, h, dpi, opaque, pixmap.data().len() / 4);
    let start = out.len() - 8;
    let Some(out) = deflate_rows(pixmap, opaque, out)? else {
        return Ok(None);
    };
    end_image(out, start).map(Some)
}

/// The PNG's signature, header and resolution (when `dpi` is positive), and the header of its
/// `IDAT` chunk with the length left to fill in, in a buffer with room for `room` more bytes.
fn start_png(w: u32, h: u32, dpi: f32, opaque: bool, room: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(room + 1024);
    out.extend_from_slice(SIGNATURE);
    let mut header = [0; 13];
    header[..4].copy_from_slice(&w.to_be_bytes());
    header[4..8].copy_from_slice(&h.to_be_bytes());
    // Eight bits a channel, RGB (2) or RGBA (6); deflate, adaptive filters, not interlaced.
    header[8..10].copy_from_slice(&[8, if opaque { 2 } else { 6 }]);
    append_chunk(&mut out, b"IHDR", &header);
    if dpi.is_finite() && dpi > 0.0 {
        let ppm = ((dpi as f64 / 0.0254).round() as u32).to_be_bytes();
        // Pixels per unit across and down; the unit is the metre (1).
        append_chunk(&mut out, b"pHYs", &[ppm.as_slice(), &ppm, &[1]].concat());
    }
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(b"IDAT");
    out
}

/// Closes the `IDAT` chunk that starts at `start` in `out` and runs to its end: its length
/// filled in, its CRC appended.
fn end_image(mut out: Vec<u8>, start: usize) -> std::io::Result<Vec<u8>> {
    let length = out.len() - start - 8;
    let length = u32::try_from(length)
        .ok()
        .filter(|l| *l <= 0x7fff_ffff)
        .ok_or_else(|| std::io::Error::other("the compressed image is over 2 GiB"))?;
    out[start..start + 4].copy_from_slice(&length.to_be_bytes());
    let mut crc = crc32fast::Hasher::new();
    crc.update(&out[start + 4..]);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    Ok(out)
}

/// The PNG's end after its image: an `iTXt` chunk of data `text` when given, and `IEND`.
fn end_png(mut out: Vec<u8>, text: Option<Vec<u8>>) -> Vec<u8> {
    if let Some(text) = text {
        append_chunk(&mut out, b"iTXt", &text);
    }
    append_chunk(&mut out, b"IEND", &[]);
    out
}

/// A PNG written as its rows come, top to bottom, for a page painted band by band: no pixmap
/// of the whole page is kept. The rows are an opaque picture's (premultiplied RGBA whose alphas
/// are all 255: a page is, its first paint being the opaque page colour), written as RGB.
pub(crate) struct RowEncoder {
    deflate: fdeflate::Compressor<Vec<u8>>,
    /// Where the `IDAT` chunk starts in the output.
    start: usize,
    /// Bytes in a row of the rows given (RGBA).
    row_bytes: usize,
    /// The last row given, for the `Up` filter of the next.
    above: Vec<u8>,
    filtered: Vec<u8>,
    rows_left: usize,
}

impl RowEncoder {
    /// An encoder of a `width` × `height` picture at `dpi` (no resolution when not positive).
    pub fn new(width: u32, height: u32, dpi: f32) -> std::io::Result<RowEncoder> {
        let room = (width as usize * height as usize * 4) / 4;
        let out = start_png(width, height, dpi, true, room);
        let start = out.len() - 8;
        Ok(RowEncoder {
            deflate: fdeflate::Compressor::new(out)?,
            start,
            row_bytes: width as usize * 4,
            above: Vec::new(),
            filtered: Vec::new(),
            rows_left: height as usize,
        })
    }

    /// Adds the next whole rows, `rgba` (premultiplied RGBA).
    pub fn rows(&mut self, rgba: &[u8]) -> std::io::Result<()> {
        let rows = rgba.chunks_exact(self.row_bytes.max(1));
        if rows.len() > self.rows_left || !rows.remainder().is_empty() {
            return Err(std::io::Error::other("more pixels than the picture has"));
        }
        self.rows_left -= rows.len();
        self.filtered.clear();
        for row in rows {
            let above = (!self.above.is_empty()).then_some(&self.above[..]);
            filter_up(row, above, true, &mut self.filtered);
            self.above.clear();
            self.above.extend_from_slice(row);
        }
        self.deflate.write_data(&self.filtered)
    }

    /// The PNG, with an `iTXt` chunk of data `text` after the image when given.
    pub fn finish(self, text: Option<Vec<u8>>) -> std::io::Result<Vec<u8>> {
        if self.rows_left > 0 {
            return Err(std::io::Error::other(format!(
                "the picture is {} row(s) short",
                self.rows_left
            )));
        }
        let out = end_image(self.deflate.finish()?, self.start)?;
        Ok(end_png(out, text))
    }
}

/// The filtered rows deflated onto the end of `out`, or `None` when a pixel is not opaque and
/// `opaque` was assumed.
fn deflate_rows(pixmap: &Pixmap, opaque: bool, out: Vec<u8>) -> std::io::Result<Option<Vec<u8>>> {
    let w = pixmap.width().max(1) as usize;
    let rows: Vec<&[u8]> = pixmap.data().chunks_exact(w * 4).collect();
    let mut out = fdeflate::Compressor::new(out)?;
    let whole = std::thread::scope(|scope| {
        let (to_deflate, filtered) = mpsc::sync_channel::<Vec<u8>>(2);
        let (to_refill, spare) = mpsc::channel::<Vec<u8>>();
        let rows = &rows;
        let spawned = std::thread::Builder::new()
            .name("png filter".to_owned())
            .spawn_scoped(scope, move || {
                filter_blocks(rows, opaque, &spare, &mut |b| to_deflate.send(b).is_ok())
            });
        let Ok(filter) = spawned else {
            // No second thread: each block filtered and deflated in turn here.
            let (_, none) = mpsc::channel();
            let mut result = Ok(());
            let whole = filter_blocks(rows, opaque, &none, &mut |block| {
                result = out.write_data(&block);
                result.is_ok()
            });
            return result.map(|()| whole);
        };
        for block in filtered {
            out.write_data(&block)?;
            // Back to the filter for another block; once it has filtered the last, it wants none.
            if let Err(mpsc::SendError(unwanted)) = to_refill.send(block) {
                drop(unwanted);
            }
        }
        Ok(filter
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    if !whole {
        return Ok(None);
    }
    out.finish().map(Some)
}

/// Filters `rows` (premultiplied RGBA) in blocks of [`FILTER_BLOCK_ROWS`], each into a buffer
/// taken from `spare` when one is there, and gives each to `sink` in order, until it says stop.
/// Returns whether every block was filtered: `false` when `sink` stopped it, or when `opaque`
/// was assumed and a block has a pixel that is not.
fn filter_blocks(
    rows: &[&[u8]],
    opaque: bool,
    spare: &mpsc::Receiver<Vec<u8>>,
    sink: &mut dyn FnMut(Vec<u8>) -> bool,
) -> bool {
    for (b, block) in rows.chunks(FILTER_BLOCK_ROWS).enumerate() {
        let mut buffer = spare.try_recv().unwrap_or_default();
        buffer.clear();
        let mut alpha = u8::MAX;
        for (i, row) in block.iter().enumerate() {
            let above = (b * FILTER_BLOCK_ROWS + i).checked_sub(1).map(|r| rows[r]);
            alpha &= filter_up(row, above, opaque, &mut buffer);
        }
        if (opaque && alpha != u8::MAX) || !sink(buffer) {
            return false;
        }
    }
    true
}

/// Rows filtered in one block.
const FILTER_BLOCK_ROWS: usize = 32;

/// One row of premultiplied RGBA pixels, `Up`-filtered against the row `above` (none for the
/// first) onto `out`: straight RGB when the page is `opaque` (there premultiplied colour is
/// straight colour), else straight RGBA. Returns the row's alphas ANDed together when `opaque`
/// (255 when it truly is), else 255.
fn filter_up(row: &[u8], above: Option<&[u8]>, opaque: bool, out: &mut Vec<u8>) -> u8 {
    out.push(FilterType::Up as u8);
    if opaque {
        let alpha = row.chunks_exact(4).fold(u8::MAX, |a, p| a & p[3]);
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
        return alpha;
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
    u8::MAX
}

#[cfg(test)]
mod tests {
    use super::*;
    use png::ColorType;
    use resvg::tiny_skia::ColorU8;

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

    /// The pixmap's pixels as straight (not premultiplied) RGBA bytes.
    fn straight_rgba(pixmap: &Pixmap) -> Vec<u8> {
        pixmap
            .pixels()
            .iter()
            .map(PremultipliedColorU8::demultiply)
            .flat_map(|c| [c.red(), c.green(), c.blue(), c.alpha()])
            .collect()
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
        assert_eq!(rgba, straight_rgba(&pixmap));
    }

    #[test]
    fn one_translucent_pixel_in_the_last_block_makes_the_whole_picture_rgba() {
        let rows = 3 * FILTER_BLOCK_ROWS as u32 + 2;
        let pixmap = varied(
            23,
            rows,
            |x, y| if (x, y) == (22, rows - 1) { 40 } else { 255 },
        );
        let (colour, _, rgba) = decode(&encode(&pixmap, 96.0).expect("encodes"));
        assert_eq!(colour, ColorType::Rgba);
        assert_eq!(rgba, straight_rgba(&pixmap));
    }

    #[test]
    fn a_text_chunk_is_written_after_the_image_and_read_back() {
        let pixmap = varied(8, 8, |_, _| 255);
        let mut data = b"Comment\0\0\0\0\0".to_vec();
        data.extend_from_slice("a page".as_bytes());
        let mut encoder = RowEncoder::new(8, 8, 0.0).expect("starts");
        encoder.rows(pixmap.data()).expect("every row");
        let png = encoder.finish(Some(data)).expect("encodes");
        let mut reader = png::Decoder::new(&png[..]).read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut buf).expect("one frame");
        reader.finish().expect("to the end");
        let texts = &reader.info().utf8_text;
        assert_eq!(texts.len(), 1);
        assert_eq!(texts[0].keyword, "Comment");
        assert_eq!(texts[0].get_text().expect("text"), "a page");
        assert!(png.ends_with(b"IEND\xae\x42\x60\x82"));
    }

    #[test]
    fn the_row_encoder_writes_the_rows_given_and_refuses_too_few_or_too_many() {
        let pixmap = varied(9, 70, |_, _| 255);
        let mut encoder = RowEncoder::new(9, 70, 72.0).expect("starts");
        for band in pixmap.data().chunks(9 * 4 * 16) {
            encoder.rows(band).expect("whole rows");
        }
        let (colour, ppm, rgb) = decode(&encoder.finish(None).expect("finishes"));
        let (_, _, whole) = decode(&encode(&pixmap, 72.0).expect("encodes"));
        assert_eq!((colour, ppm), (ColorType::Rgb, Some(2835)));
        assert_eq!(rgb, whole);

        let mut short = RowEncoder::new(9, 70, 0.0).expect("starts");
        short.rows(&pixmap.data()[..9 * 4 * 69]).expect("69 rows");
        let missing = short.finish(None).expect_err("a row short");
        assert!(missing.to_string().contains("1 row(s) short"), "{missing}");
        let mut long = RowEncoder::new(9, 69, 0.0).expect("starts");
        assert!(long.rows(pixmap.data()).is_err(), "70 rows into 69");
        assert!(long.rows(&pixmap.data()[..10]).is_err(), "part of a row");
    }
}
