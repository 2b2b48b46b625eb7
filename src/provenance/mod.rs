//! Provenance: every export carries the scenario that made it, so a briefing page can be turned
//! back into the analysis.
//!
//! A [`Provenance`] is the exact saved scenario JSON (as [`scenario::to_json`] writes it), its
//! SHA-256, the app version and the [`Choices`] behind the picture (model, year, timeline,
//! projection, layers, map extent, marking). Its payload is the provenance as JSON, compressed with
//! zlib, and it travels
//!
//! - in a PNG as an `iTXt` chunk with keyword [`PNG_KEYWORD`] (compressed), before `IEND`
//!   ([`png`]);
//! - in an SVG as `<metadata><bmd:provenance …>BASE64</bmd:provenance></metadata>` right after the
//!   root start tag ([`svg`]);
//! - in a PDF as two embedded files, `scenario.json` (the scenario alone, for any PDF reader) and
//!   `provenance.json` (the payload), plus document-info keys, added as an incremental update
//!   ([`pdf`]).
//!
//! [`read`] takes the bytes of any of the three and gives the provenance back, checked: the hash
//! matches and the scenario loads (migration and validation). Reading never panics on any input;
//! decompression stops at [`MAX_PAYLOAD_BYTES`].
//!
//! ```
//! use bmd_atlas::provenance::{self, Choices, Provenance};
//! use bmd_atlas::scenario;
//! let mut s = scenario::built_in();
//! s.year = 2016;
//! let p = Provenance::new(&s, Choices::from_scenario(&s));
//! let svg = provenance::svg::embed("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", &p).unwrap();
//! let back = provenance::read(svg.as_bytes(), "brief.svg").unwrap();
//! assert_eq!(back, p);
//! assert_eq!(back.scenario().unwrap(), s);
//! ```

mod file;
mod gzip;
pub mod pdf;
mod pdf_syntax;
pub mod png;
pub mod svg;

pub use file::{MAX_PAGE_BYTES, is_page, read_page};
pub use gzip::MAX_SVG_BYTES;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::geodesy::ProjectionKind;
use crate::scenario::{self, Focus, LoadError, Loaded, Scenario, TimelineChoice};
use crate::scene::Layers;

/// The provenance format this build writes and reads.
pub const VERSION: u32 = 1;

/// The keyword of the PNG `iTXt` chunk.
pub const PNG_KEYWORD: &str = "bmd-atlas-scenario";

/// The XML namespace of the SVG `<bmd:provenance>` element.
pub const SVG_NAMESPACE: &str = "https://bmd-atlas.example/provenance";

/// The most an embedded payload may inflate to (bytes): the scenario loader's own file limit.
/// Checked while inflating, so a decompression bomb stops here.
pub const MAX_PAYLOAD_BYTES: usize = scenario::limits::MAX_FILE_BYTES as usize;

/// What the picture showed, besides the scenario itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    /// Id of the cooperation model.
    pub model: String,
    pub year: i32,
    pub timeline: TimelineChoice,
    pub projection: ProjectionKind,
    pub layers: Layers,
    /// The map's centre and zoom; `None` is the projection's default extent.
    pub extent: Option<Focus>,
    /// The classification or handling marking on the banners, if any.
    pub marking: Option<String>,
}

impl Choices {
    /// The choices a scenario saves: its model, year, timeline and presentation.
    ///
    /// ```
    /// let s = bmd_atlas::scenario::built_in();
    /// let c = bmd_atlas::provenance::Choices::from_scenario(&s);
    /// assert_eq!((c.model.as_str(), c.year), (s.model.as_str(), s.year));
    /// ```
    pub fn from_scenario(s: &Scenario) -> Choices {
        let marking = s.presentation.classification.trim();
        Choices {
            model: s.model.clone(),
            year: s.year,
            timeline: s.timeline,
            projection: s.presentation.view.projection,
            layers: s.presentation.layers.clone(),
            extent: s.presentation.view.focus,
            marking: (!marking.is_empty()).then(|| marking.to_owned()),
        }
    }
}

/// An export's record of the scenario and choices that made it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The provenance format ([`VERSION`]).
    pub version: u32,
    /// The BMD Atlas version that exported it.
    pub app_version: String,
    /// Lower-case hex SHA-256 of [`Self::scenario_json`]'s UTF-8 bytes.
    pub scenario_sha256: String,
    /// The scenario as saved ([`scenario::to_json`]).
    pub scenario_json: String,
    pub choices: Choices,
}

impl Provenance {
    /// The provenance of a picture of `scenario` with these choices, by this build.
    pub fn new(scenario: &Scenario, choices: Choices) -> Provenance {
        let scenario_json = scenario::to_json(scenario);
        Provenance {
            version: VERSION,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            scenario_sha256: sha256_hex(&scenario_json),
            scenario_json,
            choices,
        }
    }

    /// The embedded scenario, after checking its hash, through the normal loader (migration and
    /// validation).
    pub fn scenario(&self) -> Result<Scenario, ProvenanceError> {
        self.loaded("embedded scenario").map(|l| l.scenario)
    }

    /// Like [`Self::scenario`], with the loader's warnings; `file` names the export in errors.
    pub fn loaded(&self, file: &str) -> Result<Loaded, ProvenanceError> {
        let actual = sha256_hex(&self.scenario_json);
        if !actual.eq_ignore_ascii_case(&self.scenario_sha256) {
            return Err(ProvenanceError::HashMismatch {
                file: file.to_owned(),
                expected: self.scenario_sha256.clone(),
                actual,
            });
        }
        scenario::open_str(&self.scenario_json, &format!("{file} (embedded scenario)"))
            .map_err(|e| ProvenanceError::Scenario(Box::new(e)))
    }

    /// The payload: this provenance as JSON ([`Self::json`]), zlib-compressed.
    pub fn payload(&self) -> Vec<u8> {
        deflate(&self.json())
    }

    /// This provenance as JSON.
    pub fn json(&self) -> Vec<u8> {
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// Why no provenance could be read from a file. Every message starts with the file's name.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ProvenanceError {
    #[error(
        "{file}: not a PNG, SVG (plain or gzip-compressed) or PDF file, so it holds no BMD Atlas scenario"
    )]
    UnknownFormat { file: String },
    #[error(
        "{file}: no BMD Atlas scenario in this file: this {format} was made by another program, or exported without \"Embed scenario\" (--no-embed on the command line)"
    )]
    NotFound { file: String, format: &'static str },
    #[error("{file}: the embedded scenario is cut short: {detail}")]
    Truncated { file: String, detail: String },
    #[error("{file}: the embedded scenario is damaged: {detail}")]
    Damaged { file: String, detail: String },
    #[error(
        "{file}: the embedded scenario would inflate to more than {} MiB: refused (a decompression bomb, or not written by BMD Atlas)",
        limit / (1024 * 1024)
    )]
    TooLarge { file: String, limit: usize },
    #[error(
        "{file}: this gzip-compressed page would inflate to more than {} MiB: refused (a decompression bomb, or not a page BMD Atlas exported)",
        limit / (1024 * 1024)
    )]
    PageTooLarge { file: String, limit: usize },
    #[error(
        "{file}: the embedded scenario is not UTF-8 text (invalid byte at offset {offset}): damaged, or not written by BMD Atlas"
    )]
    InvalidUtf8 { file: String, offset: usize },
    #[error("{file}: the embedded provenance is not valid JSON: {detail}")]
    InvalidJson { file: String, detail: String },
    #[error(
        "{file}: the embedded provenance is version {found}; this build reads version {supported}. Open it with a newer BMD Atlas."
    )]
    UnknownVersion {
        file: String,
        found: String,
        supported: u32,
    },
    #[error(
        "{file}: the embedded scenario was changed after export: its SHA-256 is {actual}, the export recorded {expected}"
    )]
    HashMismatch {
        file: String,
        expected: String,
        actual: String,
    },
    /// The page holds two provenances (or a PDF attachment) that disagree: no silent choice.
    #[error(
        "{file}: this page carries two different scenarios ({detail}); it was edited after export, so it is not opened"
    )]
    TwoStories { file: String, detail: String },
    /// The scenario is intact but does not load; the loader's message names the file.
    #[error("{0}")]
    Scenario(Box<LoadError>),
}

/// The file formats [`read`] knows, by their signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Pdf,
}

impl Format {
    /// The format of these bytes, by their first bytes; `None` for anything else.
    ///
    /// ```
    /// use bmd_atlas::provenance::Format;
    /// assert_eq!(Format::detect(b"%PDF-1.7\n"), Some(Format::Pdf));
    /// assert_eq!(Format::detect(b"\xef\xbb\xbf <?xml version=\"1.0\"?><svg/>"), Some(Format::Svg));
    /// assert_eq!(Format::detect(b"{\"format_version\": 2}"), None);
    /// ```
    pub fn detect(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(png::SIGNATURE) {
            return Some(Format::Png);
        }
        if bytes.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let text = text.trim_ascii_start();
        let head = &text[..text.len().min(4096)];
        let xml =
            head.starts_with(b"<?xml") || head.starts_with(b"<!") || head.starts_with(b"<svg");
        if xml && find(head, b"<svg").is_some() {
            return Some(Format::Svg);
        }
        // PDF readers accept the header anywhere in the first 1024 bytes.
        find(&bytes[..bytes.len().min(1024)], b"%PDF-").map(|_| Format::Pdf)
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Svg => "SVG",
            Format::Pdf => "PDF",
        }
    }
}

/// The provenance embedded in an exported PNG, SVG or PDF, with its hash checked and its
/// scenario loaded once (so a file whose scenario does not load is refused here). `file_name`
/// names the file in errors.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Provenance, ProvenanceError> {
    read_loaded(bytes, file_name).map(|(provenance, _)| provenance)
}

/// [`read`], keeping the scenario it loaded (so that opening a page loads it once).
pub(crate) fn read_loaded(
    bytes: &[u8],
    file_name: &str,
) -> Result<(Provenance, Loaded), ProvenanceError> {
    if gzip::is_gzip(bytes) {
        let inflated = gzip::gunzip(bytes, file_name, MAX_SVG_BYTES)?;
        if Format::detect(&inflated) != Some(Format::Svg) {
            return Err(ProvenanceError::UnknownFormat {
                file: file_name.to_owned(),
            });
        }
        return read_loaded(&inflated, file_name);
    }
    let format = Format::detect(bytes).ok_or_else(|| ProvenanceError::UnknownFormat {
        file: file_name.to_owned(),
    })?;
    let payloads = match format {
        Format::Png => png::extract(bytes, file_name)?,
        Format::Svg => svg::extract(bytes, file_name)?,
        Format::Pdf => pdf::extract(bytes, file_name)?,
    };
    let mut found = payloads
        .into_iter()
        .map(|p| p.decode(file_name))
        .collect::<Result<Vec<_>, _>>()?;
    let provenance = found.remove(0);
    if let Some(other) = found.iter().find(|p| **p != provenance) {
        return Err(two_stories(file_name, &provenance, other));
    }
    if let Format::Pdf = format
        && let Some(attached) = pdf::attached_scenario(bytes, file_name)?
        && attached != provenance.scenario_json
    {
        return Err(ProvenanceError::TwoStories {
            file: file_name.to_owned(),
            detail: format!(
                "its scenario.json attachment (SHA-256 {}) is not the scenario of its provenance (SHA-256 {})",
                short_hash(&sha256_hex(&attached)),
                short_hash(&provenance.scenario_sha256)
            ),
        });
    }
    let loaded = provenance.loaded(file_name)?;
    Ok((provenance, loaded))
}

/// The error for a page carrying two provenances that differ, saying how.
fn two_stories(file: &str, first: &Provenance, second: &Provenance) -> ProvenanceError {
    let what = |p: &Provenance| {
        format!(
            "SHA-256 {}, {} {}, app {}",
            short_hash(&p.scenario_sha256),
            p.choices.model,
            p.choices.year,
            p.app_version
        )
    };
    let detail = if first.scenario_sha256 == second.scenario_sha256 {
        format!(
            "the same scenario with different choices (first: {}; second: {})",
            what(first),
            what(second)
        )
    } else {
        format!("first: {}; second: {}", what(first), what(second))
    };
    ProvenanceError::TwoStories {
        file: file.to_owned(),
        detail,
    }
}

/// The first 12 hex digits of a hash, enough to tell two apart in a message.
fn short_hash(hex: &str) -> &str {
    hex.get(..12).unwrap_or(hex)
}

/// A payload found in a file, not yet decoded.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Payload {
    /// zlib-compressed provenance JSON.
    Zlib(Vec<u8>),
    /// Provenance JSON as it is (a PNG `iTXt` chunk may be uncompressed).
    Plain(Vec<u8>),
    /// zlib-compressed provenance JSON with the hash written beside it (the SVG `sha256`
    /// attribute), which must agree with the one inside.
    ZlibWithHash(Vec<u8>, String),
}

impl Payload {
    /// Inflates (within [`MAX_PAYLOAD_BYTES`]) and parses the payload.
    pub(crate) fn decode(self, file: &str) -> Result<Provenance, ProvenanceError> {
        let (json, outer_hash) = match self {
            Payload::Zlib(z) => (inflate(&z, file, MAX_PAYLOAD_BYTES)?, None),
            Payload::Plain(json) => (json, None),
            Payload::ZlibWithHash(z, hash) => (inflate(&z, file, MAX_PAYLOAD_BYTES)?, Some(hash)),
        };
        if json.len() > MAX_PAYLOAD_BYTES {
            return Err(ProvenanceError::TooLarge {
                file: file.to_owned(),
                limit: MAX_PAYLOAD_BYTES,
            });
        }
        let text = std::str::from_utf8(&json).map_err(|e| ProvenanceError::InvalidUtf8 {
            file: file.to_owned(),
            offset: e.valid_up_to(),
        })?;
        let provenance = parse(text, file)?;
        match outer_hash {
            Some(h) if !h.eq_ignore_ascii_case(&provenance.scenario_sha256) => {
                Err(ProvenanceError::HashMismatch {
                    file: file.to_owned(),
                    expected: h,
                    actual: provenance.scenario_sha256,
                })
            }
            _ => Ok(provenance),
        }
    }
}

/// Parses provenance JSON: the version first, so a newer format says so rather than failing on
/// a field it does not know.
fn parse(text: &str, file: &str) -> Result<Provenance, ProvenanceError> {
    #[derive(Deserialize)]
    struct Header {
        version: serde_json::Value,
    }
    let json_error = |e: serde_json::Error| ProvenanceError::InvalidJson {
        file: file.to_owned(),
        detail: e.to_string(),
    };
    let header: Header = serde_json::from_str(text).map_err(json_error)?;
    if header.version != VERSION {
        return Err(unknown_version(file, &header.version.to_string()));
    }
    serde_json::from_str(text).map_err(json_error)
}

pub(crate) fn unknown_version(file: &str, found: &str) -> ProvenanceError {
    ProvenanceError::UnknownVersion {
        file: file.to_owned(),
        found: found.chars().take(40).collect(),
        supported: VERSION,
    }
}

/// Lower-case hex SHA-256 of the text's UTF-8 bytes.
///
/// ```
/// assert_eq!(
///     bmd_atlas::provenance::sha256_hex("abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// zlib-compresses bytes (best compression: payloads are small and written once).
pub(crate) fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 9)
}

/// Inflates a zlib stream, refusing to produce more than `limit` bytes: the check is made as
/// the output grows, so a bomb costs at most `limit` bytes of memory and the time to fill them.
pub(crate) fn inflate(zlib: &[u8], file: &str, limit: usize) -> Result<Vec<u8>, ProvenanceError> {
    use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
    decompress_to_vec_zlib_with_limit(zlib, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => ProvenanceError::TooLarge {
            file: file.to_owned(),
            limit,
        },
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            ProvenanceError::Truncated {
                file: file.to_owned(),
                detail: "the compressed data ends before its end".to_owned(),
            }
        }
        TINFLStatus::Adler32Mismatch => ProvenanceError::Damaged {
            file: file.to_owned(),
            detail: "the compressed data's checksum does not match".to_owned(),
        },
        _ => ProvenanceError::Damaged {
            file: file.to_owned(),
            detail: "the compressed data is not valid zlib".to_owned(),
        },
    })
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub(crate) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(haystack.len());
    }
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provenance() -> Provenance {
        let mut s = scenario::built_in();
        s.year = 2018;
        Provenance::new(&s, Choices::from_scenario(&s))
    }

    #[test]
    fn payload_round_trips() {
        let p = provenance();
        let back = Payload::Zlib(p.payload()).decode("x.png");
        assert_eq!(back, Ok(p));
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let zeros = vec![0u8; 4 << 20];
        let z = deflate(&zeros);
        assert_eq!(
            inflate(&z, "b.png", 1 << 20),
            Err(ProvenanceError::TooLarge {
                file: "b.png".into(),
                limit: 1 << 20
            })
        );
        assert_eq!(inflate(&z, "b.png", 4 << 20).map(|v| v.len()), Ok(4 << 20));
    }

    #[test]
    fn a_newer_version_is_named() {
        let mut v = serde_json::to_value(provenance()).expect("serialises");
        v["version"] = serde_json::Value::from(7);
        let err = Payload::Plain(v.to_string().into_bytes()).decode("n.svg");
        assert!(
            matches!(&err, Err(ProvenanceError::UnknownVersion { found, .. }) if found == "7"),
            "{err:?}"
        );
    }

    #[test]
    fn bad_bytes_and_text_have_their_own_errors() {
        let utf8 = Payload::Zlib(deflate(b"{\"version\": 1, \xff}")).decode("u.png");
        assert_eq!(
            utf8,
            Err(ProvenanceError::InvalidUtf8 {
                file: "u.png".into(),
                offset: 15
            })
        );
        let json = Payload::Plain(b"{\"version\": 1, \"app_version\": 3}".to_vec()).decode("j.png");
        assert!(
            matches!(json, Err(ProvenanceError::InvalidJson { .. })),
            "{json:?}"
        );
        let mut z = provenance().payload();
        z.truncate(z.len() / 2);
        let cut = Payload::Zlib(z).decode("t.png");
        assert!(
            matches!(cut, Err(ProvenanceError::Truncated { .. })),
            "{cut:?}"
        );
    }

    #[test]
    fn an_edited_scenario_fails_its_hash() {
        let mut p = provenance();
        p.scenario_json = p.scenario_json.replacen("Europe 2012", "Europe 2013", 1);
        let err = p.loaded("e.pdf");
        assert!(
            matches!(err, Err(ProvenanceError::HashMismatch { .. })),
            "{err:?}"
        );
        p.scenario_sha256 = sha256_hex(&p.scenario_json);
        assert!(p.scenario().is_ok());
    }
}
