//! Encoding the rendered page as PNG, chosen for speed: rows filtered with `Up` and deflated
//! by `fdeflate`, RGB without an alpha channel when the picture is opaque (a page always is:
//! its first paint is the opaque page colour), written as the rows come so that a page painted
//! band by band needs no pixmap of itself. The chunks are written straight into the one output
//! buffer the image data is deflated into, so the compressed image is never copied either.

use png::FilterType;
use resvg::tiny_skia::{Pixmap, PremultipliedColorU8};

use super::ExportError;
use crate::provenance::png::{SIGNATURE, append_chunk};

/// The pixmap as PNG bytes, with its resolution (`pHYs`) set from `dpi` when that is positive:
/// RGB when every pixel is opaque, else RGBA. For whole pixmaps (window screenshots); a page
/// goes through [`RowEncoder`] band by band.
pub(crate) fn encode(pixmap: &Pixmap, dpi: f32) -> Result<Vec<u8>, ExportError> {
    let err = |e: std::io::Error| ExportError::Png(e.to_string());
    let opaque = pixmap.data().chunks_exact(4).fold(u8::MAX, |a, p| a & p[3]) == u8::MAX;
    let mut encoder = RowEncoder::new(pixmap.width(), pixmap.height(), dpi, opaque).map_err(err)?;
    encoder.rows(pixmap.data()).map_err(err)?;
    encoder.finish(None).map_err(err)
}

/// A PNG written as its rows come, top to bottom: each given run of rows is filtered with `Up`
/// (each byte less the one above it: for flat map colours the row above predicts a pixel best,
/// measured against Sub and Paeth) and deflated by `fdeflate` (the png crate's own fast
/// compressor, made for filtered image rows) as one zlib stream, straight into the output after
/// the `IDAT` chunk's header, whose length is filled in at the end.
pub(crate) struct RowEncoder {
    deflate: fdeflate::Compressor<Vec<u8>>,
    /// Where the `IDAT` chunk starts in the output.
    start: usize,
    /// Bytes in a row of the rows given (premultiplied RGBA).
    row_bytes: usize,
    /// Written as RGB: every pixel is opaque.
    opaque: bool,
    /// The last row given, for the `Up` filter of the next run's first.
    above: Vec<u8>,
    filtered: Vec<u8>,
    rows_left: usize,
}

impl RowEncoder {
    /// An encoder of a `width` × `height` picture at `dpi` (no resolution when not positive),
    /// written as RGB when `opaque` (every pixel's alpha 255, as a page's), else as RGBA.
    pub fn new(width: u32, height: u32, dpi: f32, opaque: bool) -> std::io::Result<RowEncoder> {
        // A compressed page is a tenth of its pixels' bytes or less (4K: 2.6 of 33 MB); room
        // for a quarter, of which only what is written is ever touched.
        let room = width as usize * height as usize;
        let out = start_png(width, height, dpi, opaque, room);
        let start = out.len() - 8;
        Ok(RowEncoder {
            deflate: fdeflate::Compressor::new(out)?,
            start,
            row_bytes: width as usize * 4,
            opaque,
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
        // Each row against the one before it in `rgba`, the first against the last given.
        let mut above = (!self.above.is_empty()).then_some(&self.above[..]);
        let mut last = None;
        for row in rows {
            filter_up(row, above, self.opaque, &mut self.filtered);
            (above, last) = (Some(row), Some(row));
        }
        if let Some(last) = last {
            self.above.clear();
            self.above.extend_from_slice(last);
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
        let mut out = end_image(self.deflate.finish()?, self.start)?;
        if let Some(text) = text {
            append_chunk(&mut out, b"iTXt", &text);
        }
        append_chunk(&mut out, b"IEND", &[]);
        Ok(out)
    }
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

/// One row of premultiplied RGBA pixels, `Up`-filtered against the row `above` (none for the
/// first) onto `out`: straight RGB when the picture is `opaque` (there premultiplied colour is
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
        let pixmap = varied(37, 2 * 32 + 5, |_, _| 255);
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
        let rows = 32 + 3;
        let pixmap = varied(19, rows, |x, y| if (x + y) % 3 == 0 { 255 } else { 90 });
        let (colour, ppm, rgba) = decode(&encode(&pixmap, 0.0).expect("encodes"));
        assert_eq!(colour, ColorType::Rgba);
        assert_eq!(ppm, None);
        assert_eq!(rgba, straight_rgba(&pixmap));
    }

    #[test]
    fn one_translucent_pixel_in_the_last_row_makes_the_whole_picture_rgba() {
        let rows = 3 * 32 + 2;
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
        let mut encoder = RowEncoder::new(8, 8, 0.0, true).expect("starts");
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
        let mut encoder = RowEncoder::new(9, 70, 72.0, true).expect("starts");
        for band in pixmap.data().chunks(9 * 4 * 16) {
            encoder.rows(band).expect("whole rows");
        }
        let (colour, ppm, rgb) = decode(&encoder.finish(None).expect("finishes"));
        let (_, _, whole) = decode(&encode(&pixmap, 72.0).expect("encodes"));
        assert_eq!((colour, ppm), (ColorType::Rgb, Some(2835)));
        assert_eq!(rgb, whole);

        let mut short = RowEncoder::new(9, 70, 0.0, true).expect("starts");
        short.rows(&pixmap.data()[..9 * 4 * 69]).expect("69 rows");
        let missing = short.finish(None).expect_err("a row short");
        assert!(missing.to_string().contains("1 row(s) short"), "{missing}");
        let mut long = RowEncoder::new(9, 69, 0.0, true).expect("starts");
        assert!(long.rows(pixmap.data()).is_err(), "70 rows into 69");
        assert!(long.rows(&pixmap.data()[..10]).is_err(), "part of a row");
    }
}
