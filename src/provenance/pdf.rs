//! Provenance in a PDF, added as an incremental update (ISO 32000-1 §7.5.6) after the bytes
//! svg2pdf wrote, which stay untouched, so the page and its text are exactly as before:
//!
//! - two embedded-file streams with their file specifications: `scenario.json` (the saved
//!   scenario alone: any PDF reader's attachment panel can save it and BMD Atlas opens it as a
//!   scenario file) and `provenance.json` (the payload: scenario, choices and app version), whose
//!   stream dictionary carries `/BMDAtlasProvenance 1`;
//! - a new revision of the catalog with `/Names << /EmbeddedFiles … >>` naming both;
//! - a new revision of the document information dictionary with `/BMDAtlasVersion`,
//!   `/BMDAtlasSHA256`, `/BMDAtlasModel` and `/BMDAtlasYear`;
//! - a cross-reference section for these objects and a trailer whose `/Prev` is svg2pdf's.
//!
//! Reading looks for the stream marked `/BMDAtlasProvenance` rather than walking the catalog:
//! streams are never inside object streams, so this also finds the payload after another program
//! rewrites the file (with cross-reference streams, say), as long as it keeps the attachment.

use super::pdf_syntax::{
    Entry, dict, entry, int, is_white, object_dict, reference, startxref, str_of, trailer,
};
use super::{Payload, Provenance, ProvenanceError, deflate, find, rfind, unknown_version};

/// The key marking the provenance stream; its value is the provenance version.
const MARKER: &[u8] = b"/BMDAtlasProvenance";

/// The PDF with the provenance added as an incremental update. Errors (a defect: svg2pdf's
/// output is not as expected) say what was not found.
pub fn embed(pdf: Vec<u8>, provenance: &Provenance) -> Result<Vec<u8>, String> {
    let xref_at = startxref(&pdf).ok_or("no startxref at the end")?;
    let trailer = trailer(&pdf, xref_at).ok_or("no trailer after the cross-reference table")?;
    let get = |key: &[u8]| entry(&pdf, &trailer, key);
    let size = get(b"/Size")
        .and_then(int)
        .ok_or("no /Size in the trailer")?;
    let root = get(b"/Root")
        .and_then(reference)
        .ok_or("no /Root in the trailer")?;
    let catalog = object_dict(&pdf, xref_at, root.0).ok_or("the catalog is not found")?;
    if entry(&pdf, &catalog, b"/Names").is_some() {
        return Err("the catalog already has a /Names dictionary".to_owned());
    }
    let info = get(b"/Info").and_then(reference);
    let info_entries = match info {
        Some((id, _)) => object_dict(&pdf, xref_at, id).ok_or("the document info is not found")?,
        None => Vec::new(),
    };
    let id_array = get(b"/ID").map(<[u8]>::to_vec);
    let [scenario_file, scenario_spec, payload_file, payload_spec] =
        [size, size + 1, size + 2, size + 3];
    let names = format!(
        "/Names << /EmbeddedFiles << /Names [(provenance.json) {payload_spec} 0 R (scenario.json) {scenario_spec} 0 R] >> >>"
    );
    let catalog_body = rebuild(&pdf, &catalog, &[], &names);
    let info_id = info.map_or(size + 4, |(id, _)| id);
    let ours = [
        &b"/BMDAtlasVersion"[..],
        b"/BMDAtlasSHA256",
        b"/BMDAtlasModel",
        b"/BMDAtlasYear",
    ];
    let info_body = rebuild(&pdf, &info_entries, &ours, &info_keys(provenance));

    let mut out = pdf;
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u64, usize)> = Vec::new();
    let mut object = |out: &mut Vec<u8>, id: u64, body: &[u8]| {
        offsets.push((id, out.len()));
        out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n\n");
    };
    let json = provenance.scenario_json.as_bytes();
    object(
        &mut out,
        scenario_file,
        &file_stream(&deflate(json), json.len(), ""),
    );
    object(
        &mut out,
        scenario_spec,
        &filespec("scenario.json", scenario_file, SCENARIO_DESC),
    );
    let payload = provenance.json();
    let marker = format!("{} {} ", str_of(MARKER), provenance.version);
    object(
        &mut out,
        payload_file,
        &file_stream(&deflate(&payload), payload.len(), &marker),
    );
    object(
        &mut out,
        payload_spec,
        &filespec("provenance.json", payload_file, PAYLOAD_DESC),
    );
    object(&mut out, root.0, &catalog_body);
    object(&mut out, info_id, &info_body);
    let new_size = size.max(info_id + 1).max(size + 4);
    write_xref(
        &mut out, &offsets, new_size, root.0, info_id, xref_at, id_array,
    );
    Ok(out)
}

const SCENARIO_DESC: &str = "The BMD Atlas scenario behind this page";
const PAYLOAD_DESC: &str = "BMD Atlas provenance: the scenario, the choices and the app version";

/// An embedded-file stream of zlib data; `size` is the uncompressed length.
fn file_stream(zlib: &[u8], size: usize, extra: &str) -> Vec<u8> {
    let mut body = format!(
        "<< /Type /EmbeddedFile /Subtype /application#2Fjson {extra}/Filter /FlateDecode /Length {} /Params << /Size {size} >> >>\nstream\n",
        zlib.len()
    )
    .into_bytes();
    body.extend_from_slice(zlib);
    body.extend_from_slice(b"\nendstream");
    body
}

fn filespec(name: &str, file: u64, description: &str) -> Vec<u8> {
    format!(
        "<< /Type /Filespec /F {n} /UF {n} /Desc {d} /AFRelationship /Source /EF << /F {file} 0 R /UF {file} 0 R >> >>",
        n = text_string(name),
        d = text_string(description)
    )
    .into_bytes()
}

fn info_keys(p: &Provenance) -> String {
    format!(
        "/BMDAtlasVersion {} /BMDAtlasSHA256 {} /BMDAtlasModel {} /BMDAtlasYear {}",
        text_string(&p.app_version),
        text_string(&p.scenario_sha256),
        text_string(&p.choices.model),
        text_string(&p.choices.year.to_string())
    )
}

/// A dictionary with the old entries (except the `drop` keys) and `extra` text appended.
fn rebuild(pdf: &[u8], entries: &[Entry], drop: &[&[u8]], extra: &str) -> Vec<u8> {
    let mut out = b"<<".to_vec();
    for e in entries {
        let key = &pdf[e.key.0..e.key.1];
        if !drop.contains(&key) {
            out.push(b' ');
            out.extend_from_slice(key);
            out.push(b' ');
            out.extend_from_slice(&pdf[e.value.0..e.value.1]);
        }
    }
    out.push(b' ');
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(b" >>");
    out
}

/// A cross-reference section of one-entry subsections, and the trailer.
fn write_xref(
    out: &mut Vec<u8>,
    offsets: &[(u64, usize)],
    size: u64,
    root: u64,
    info: u64,
    prev: usize,
    id: Option<Vec<u8>>,
) {
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n");
    let mut sorted = offsets.to_vec();
    sorted.sort();
    for (id, offset) in sorted {
        out.extend_from_slice(format!("{id} 1\n{offset:010} 00000 n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root {root} 0 R /Info {info} 0 R /Prev {prev}")
            .as_bytes(),
    );
    if let Some(id) = id {
        out.extend_from_slice(b" /ID ");
        out.extend_from_slice(&id);
    }
    out.extend_from_slice(format!(" >>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
}

/// A PDF text string: literal for printable ASCII, UTF-16BE with a byte-order mark otherwise.
///
/// ```
/// use bmd_atlas::provenance::pdf::text_string;
/// assert_eq!(text_string("a (b) \\c"), "(a \\(b\\) \\\\c)");
/// assert_eq!(text_string("é"), "<FEFF00E9>");
/// ```
pub fn text_string(s: &str) -> String {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('(');
        for c in s.chars() {
            if matches!(c, '(' | ')' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push(')');
        return out;
    }
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

/// The provenance payload of a PDF: the data of the last stream marked [`MARKER`].
pub(crate) fn extract(bytes: &[u8], file: &str) -> Result<Vec<Payload>, ProvenanceError> {
    // Every marked stream, first to last: a page may not carry two stories unnoticed.
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(k) = find(&bytes[from..], MARKER) {
        let at = from + k;
        found.push(marked_stream(bytes, at, file)?);
        from = at + MARKER.len();
    }
    if found.is_empty() {
        let end = bytes.trim_ascii_end();
        if !end.ends_with(b"%%EOF") {
            return Err(ProvenanceError::Truncated {
                file: file.to_owned(),
                detail: format!(
                    "the PDF ends at byte {} without %%EOF: the file is cut short",
                    bytes.len()
                ),
            });
        }
        return Err(ProvenanceError::NotFound {
            file: file.to_owned(),
            format: "PDF",
        });
    }
    Ok(found)
}

/// The payload of the stream whose dictionary holds the marker at `at`.
fn marked_stream(bytes: &[u8], at: usize, file: &str) -> Result<Payload, ProvenanceError> {
    let what = "the PDF's provenance stream";
    let damaged = |detail: &str| ProvenanceError::Damaged {
        file: file.to_owned(),
        detail: format!("{what} {detail}"),
    };
    let obj = rfind(&bytes[..at], b"obj").ok_or_else(|| damaged("is not in an object"))?;
    let dict_at = find(&bytes[obj..at], b"<<").map(|k| obj + k);
    let dict_at = dict_at.ok_or_else(|| damaged("has no dictionary"))?;
    let stream = flate_stream(bytes, dict_at, file, what)?;
    match stream.marker {
        Some(v) if v == b"1" => Ok(Payload::Zlib(stream.data.to_vec())),
        Some(v) => Err(unknown_version(file, &String::from_utf8_lossy(v))),
        None => Err(damaged("is not marked where expected")),
    }
}

/// A `/FlateDecode` stream read from its dictionary: its compressed bytes and its marker value.
struct FlateStream<'a> {
    data: &'a [u8],
    marker: Option<&'a [u8]>,
}

/// The `/FlateDecode` stream whose dictionary starts at `dict_at`; `what` names it in errors.
fn flate_stream<'a>(
    bytes: &'a [u8],
    dict_at: usize,
    file: &str,
    what: &str,
) -> Result<FlateStream<'a>, ProvenanceError> {
    let damaged = |detail: &str| ProvenanceError::Damaged {
        file: file.to_owned(),
        detail: format!("{what} {detail}"),
    };
    let truncated = |detail: String| ProvenanceError::Truncated {
        file: file.to_owned(),
        detail,
    };
    let Some((entries, dict_end)) = dict(bytes, dict_at) else {
        return Err(truncated(format!("{what}'s dictionary is cut short")));
    };
    let get = |key: &[u8]| entry(bytes, &entries, key);
    if get(b"/Filter") != Some(b"/FlateDecode") {
        return Err(damaged("is not /FlateDecode"));
    }
    let length = get(b"/Length").and_then(int);
    let length = length.ok_or_else(|| damaged("has no direct /Length"))? as usize;
    let rest = &bytes[dict_end..];
    let white = rest.iter().take_while(|b| is_white(**b)).count();
    let rest = rest[white..]
        .strip_prefix(b"stream")
        .ok_or_else(|| damaged("has no stream keyword"))?;
    let rest = rest.strip_prefix(b"\r").unwrap_or(rest);
    let data = rest
        .strip_prefix(b"\n")
        .ok_or_else(|| damaged("has no line end after stream"))?;
    if data.len() < length {
        return Err(truncated(format!(
            "{what} needs {length} bytes, {} are left in the file",
            data.len()
        )));
    }
    let after = data[length..].trim_ascii_start();
    if !after.starts_with(b"endstream") {
        return Err(damaged(
            "is not followed by endstream: its /Length is wrong",
        ));
    }
    Ok(FlateStream {
        data: &data[..length],
        marker: get(MARKER),
    })
}

/// Where the last revision of object `id` starts (`id 0 obj`, not preceded by a digit).
fn last_object(bytes: &[u8], id: u64) -> Option<usize> {
    let header = format!("{id} 0 obj");
    let mut end = bytes.len();
    while let Some(at) = rfind(&bytes[..end], header.as_bytes()) {
        if at == 0 || !bytes[at - 1].is_ascii_digit() {
            return Some(at);
        }
        end = at + header.len() - 1;
    }
    None
}

/// The text of the `scenario.json` attachment, if the PDF has one: found through its file
/// specification (`/F (scenario.json)`, its `/EF` entry, the last revision of that object).
/// Inflated within [`super::MAX_PAYLOAD_BYTES`]; not UTF-8 is an error.
pub(crate) fn attached_scenario(
    bytes: &[u8],
    file: &str,
) -> Result<Option<String>, ProvenanceError> {
    let name = format!("/F {}", text_string("scenario.json"));
    let what = "the PDF's scenario.json attachment";
    let damaged = |detail: &str| ProvenanceError::Damaged {
        file: file.to_owned(),
        detail: format!("{what} {detail}"),
    };
    let Some(at) = rfind(bytes, name.as_bytes()) else {
        return Ok(None);
    };
    let spec_at = rfind(&bytes[..at], b"<<").ok_or_else(|| damaged("has no file specification"))?;
    let (spec, _) =
        dict(bytes, spec_at).ok_or_else(|| damaged("has a cut-short file specification"))?;
    let ef_value = spec
        .iter()
        .find(|e| &bytes[e.key.0..e.key.1] == b"/EF")
        .map(|e| e.value.0)
        .ok_or_else(|| damaged("has no /EF entry"))?;
    let (ef, _) = dict(bytes, ef_value).ok_or_else(|| damaged("has no /EF dictionary"))?;
    let (id, _) = entry(bytes, &ef, b"/F")
        .and_then(reference)
        .ok_or_else(|| damaged("has no /F reference in /EF"))?;
    let obj = last_object(bytes, id).ok_or_else(|| damaged("names an object not in the file"))?;
    let dict_at = find(&bytes[obj..], b"<<").map(|k| obj + k);
    let dict_at = dict_at.ok_or_else(|| damaged("has no stream dictionary"))?;
    let stream = flate_stream(bytes, dict_at, file, what)?;
    let json = super::inflate(stream.data, file, super::MAX_PAYLOAD_BYTES)?;
    String::from_utf8(json).map(Some).map_err(|e| {
        damaged(&format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

// --- A small reader of PDF syntax: tokens, dictionaries, the cross-reference table. ---

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_parse_with_references_strings_and_nesting() {
        let text =
            b"<< /Type /Catalog /Pages 2 0 R /S (a \\) (b) >>) /N [1 [2] << /X <00ff> >>] /K 7 >>";
        let (entries, end) = dict(text, 0).expect("parses");
        assert_eq!(end, text.len());
        assert_eq!(entry(text, &entries, b"/Pages"), Some(&b"2 0 R"[..]));
        assert_eq!(entry(text, &entries, b"/S"), Some(&b"(a \\) (b) >>)"[..]));
        assert_eq!(entry(text, &entries, b"/K"), Some(&b"7"[..]));
        assert_eq!(reference(b"2 0 R"), Some((2, 0)));
        assert!(dict(b"<< /A [[[[", 0).is_none());
        let deep = format!("<< /A {} >>", "[".repeat(10_000));
        assert!(dict(deep.as_bytes(), 0).is_none());
    }
}
