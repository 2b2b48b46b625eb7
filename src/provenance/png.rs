//! Provenance in a PNG: an `iTXt` chunk with keyword [`PNG_KEYWORD`], compression flag 1 (zlib),
//! no language tag, just before `IEND`. Decoders skip text chunks they do not know, and
//! `exiftool`/`pngcheck` list it.
//!
//! ```
//! use bmd_atlas::provenance::{self, png, Choices, Provenance};
//! let s = bmd_atlas::scenario::built_in();
//! let p = Provenance::new(&s, Choices::from_scenario(&s));
//! // The smallest PNG: a 1×1 grey pixel.
//! let mut image = png::SIGNATURE.to_vec();
//! image.extend(png::chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
//! image.extend(png::chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81]));
//! image.extend(png::chunk(b"IEND", b""));
//! assert!(provenance::read(&image, "grey.png").unwrap_err().to_string().contains("no BMD Atlas scenario"));
//! let embedded = png::embed(image, &p).unwrap();
//! assert_eq!(provenance::read(&embedded, "grey.png").unwrap(), p);
//! ```

use super::{PNG_KEYWORD, Payload, Provenance, ProvenanceError};

/// The eight bytes every PNG starts with.
pub const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The largest chunk length the PNG specification allows (2³¹ − 1).
const MAX_CHUNK: usize = 0x7fff_ffff;

/// One PNG chunk: length, type, data and CRC-32 of type and data.
///
/// ```
/// let iend = bmd_atlas::provenance::png::chunk(b"IEND", b"");
/// assert_eq!(iend, b"\0\0\0\0IEND\xae\x42\x60\x82");
/// ```
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 12);
    append_chunk(&mut out, kind, data);
    out
}

/// [`chunk`], written onto the end of `out`.
pub fn append_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// The PNG with the provenance chunk inserted before `IEND`; `None` when the bytes are not a
/// PNG that ends in `IEND`.
pub fn embed(png: Vec<u8>, provenance: &Provenance) -> Option<Vec<u8>> {
    embed_payload(png, &provenance.payload())
}

/// [`embed`] with the provenance's [`Provenance::payload`] made already (an export makes it
/// while the page is painted).
pub fn embed_payload(png: Vec<u8>, payload: &[u8]) -> Option<Vec<u8>> {
    let iend = find_iend(&png)?;
    let chunk = chunk(b"iTXt", &text_data(payload));
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..iend]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[iend..]);
    Some(out)
}

/// The data of the `iTXt` chunk that holds `payload` (a [`Provenance::payload`]), for a writer
/// that puts it in the PNG as it writes it.
pub fn text_data(payload: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(PNG_KEYWORD.len() + 5 + payload.len());
    data.extend_from_slice(PNG_KEYWORD.as_bytes());
    // Keyword end, compression flag 1, method 0 (zlib), empty language tag, empty translation.
    data.extend_from_slice(&[0, 1, 0, 0, 0]);
    data.extend_from_slice(payload);
    data
}

/// The offset of the `IEND` chunk.
fn find_iend(png: &[u8]) -> Option<usize> {
    let mut chunks = Chunks::new(png)?;
    loop {
        match chunks.next_chunk() {
            Ok(Some(c)) if &c.kind == b"IEND" => return Some(c.start),
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => return None,
        }
    }
}

/// The provenance payload of a PNG.
pub(crate) fn extract(bytes: &[u8], file: &str) -> Result<Vec<Payload>, ProvenanceError> {
    let truncated = |detail: String| ProvenanceError::Truncated {
        file: file.to_owned(),
        detail,
    };
    let damaged = |detail: String| ProvenanceError::Damaged {
        file: file.to_owned(),
        detail,
    };
    let mut chunks = Chunks::new(bytes).ok_or_else(|| damaged("not a PNG".to_owned()))?;
    // Every one of ours up to IEND: a page may not carry two stories unnoticed.
    let mut found = Vec::new();
    loop {
        let c = match chunks.next_chunk() {
            Ok(Some(c)) => c,
            Ok(None) => {
                return Err(truncated(format!(
                    "the PNG ends at byte {} without its IEND chunk: the file is cut short",
                    bytes.len()
                )));
            }
            Err(ChunkError::Truncated { start, kind, needs }) => {
                let name = if kind == *b"iTXt" && bytes.get(start + 8..).is_some_and(is_ours) {
                    format!("the {PNG_KEYWORD} chunk")
                } else {
                    format!("the {} chunk", kind.escape_ascii())
                };
                return Err(truncated(format!(
                    "{name} at byte {start} needs {needs} bytes, the file has {}",
                    bytes.len()
                )));
            }
            Err(ChunkError::TooLong { start }) => {
                return Err(damaged(format!(
                    "the chunk at byte {start} claims a length over 2 GiB"
                )));
            }
        };
        if &c.kind == b"IEND" {
            if found.is_empty() {
                return Err(ProvenanceError::NotFound {
                    file: file.to_owned(),
                    format: "PNG",
                });
            }
            return Ok(found);
        }
        if &c.kind == b"iTXt" && is_ours(c.data) {
            if crc32fast::hash(&bytes[c.start + 4..c.start + 8 + c.data.len()]) != c.crc {
                return Err(damaged(format!(
                    "the {PNG_KEYWORD} chunk's CRC does not match: the file was changed or damaged"
                )));
            }
            let payload = itxt_text(c.data);
            found.push(payload.map_err(|d| damaged(format!("the {PNG_KEYWORD} chunk {d}")))?);
        }
    }
}

fn is_ours(data: &[u8]) -> bool {
    data.strip_prefix(PNG_KEYWORD.as_bytes())
        .is_some_and(|rest| rest.first() == Some(&0))
}

/// The text of one of our `iTXt` chunks (keyword checked), compressed or not.
fn itxt_text(data: &[u8]) -> Result<Payload, &'static str> {
    let rest = &data[PNG_KEYWORD.len() + 1..];
    let [flag, method, rest @ ..] = rest else {
        return Err("is too short");
    };
    let nul = |b: &[u8]| b.iter().position(|&x| x == 0);
    let after_language = nul(rest).ok_or("has no end to its language tag")? + 1;
    let rest = &rest[after_language..];
    let after_translated = nul(rest).ok_or("has no end to its translated keyword")? + 1;
    let text = rest[after_translated..].to_vec();
    match (flag, method) {
        (0, _) => Ok(Payload::Plain(text)),
        (1, 0) => Ok(Payload::Zlib(text)),
        _ => Err("uses an unknown compression"),
    }
}

/// One chunk, borrowed from the file.
struct Chunk<'a> {
    /// Offset of its length field.
    start: usize,
    kind: [u8; 4],
    data: &'a [u8],
    crc: u32,
}

enum ChunkError {
    /// The chunk starting at `start` needs `needs` bytes of file.
    Truncated {
        start: usize,
        kind: [u8; 4],
        needs: usize,
    },
    TooLong {
        start: usize,
    },
}

/// Walks a PNG's chunks, checking every length against the file.
struct Chunks<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Chunks<'a> {
    fn new(bytes: &'a [u8]) -> Option<Chunks<'a>> {
        bytes.starts_with(SIGNATURE).then_some(Chunks {
            bytes,
            at: SIGNATURE.len(),
        })
    }

    /// The next chunk; `Ok(None)` at the very end of the file.
    fn next_chunk(&mut self) -> Result<Option<Chunk<'a>>, ChunkError> {
        let (bytes, start) = (self.bytes, self.at);
        if start >= bytes.len() {
            return Ok(None);
        }
        let mut kind = [0u8; 4];
        let Some(head) = bytes.get(start..start + 8) else {
            let have = &bytes[(start + 4).min(bytes.len())..];
            kind[..have.len()].copy_from_slice(have);
            let needs = start + 12;
            return Err(ChunkError::Truncated { start, kind, needs });
        };
        kind.copy_from_slice(&head[4..8]);
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if len > MAX_CHUNK {
            return Err(ChunkError::TooLong { start });
        }
        let end = start + 12 + len;
        let Some(crc) = bytes.get(end - 4..end) else {
            let needs = end;
            return Err(ChunkError::Truncated { start, kind, needs });
        };
        self.at = end;
        Ok(Some(Chunk {
            start,
            kind,
            data: &bytes[start + 8..end - 4],
            crc: u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::{Choices, read};

    fn tiny() -> Vec<u8> {
        let mut image = SIGNATURE.to_vec();
        image.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        image.extend(chunk(
            b"IDAT",
            &[0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81],
        ));
        image.extend(chunk(b"IEND", b""));
        image
    }

    fn provenance() -> Provenance {
        let s = crate::scenario::built_in();
        Provenance::new(&s, Choices::from_scenario(&s))
    }

    #[test]
    fn iend_crc_is_the_well_known_one() {
        assert_eq!(crc32fast::hash(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn every_cut_of_an_embedded_png_is_an_error_not_a_panic() {
        let png = embed(tiny(), &provenance()).expect("a PNG");
        let chunk_at = tiny().len() - 12;
        for cut in (0..png.len())
            .step_by(97)
            .chain([chunk_at + 5, png.len() - 13])
        {
            assert!(read(&png[..cut], "cut.png").is_err(), "cut at {cut}");
        }
        let err = read(&png[..png.len() - 20], "cut.png");
        assert!(
            matches!(&err, Err(ProvenanceError::Truncated { detail, .. }) if detail.contains(PNG_KEYWORD)),
            "{err:?}"
        );
    }
}
