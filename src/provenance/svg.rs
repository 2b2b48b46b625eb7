//! Provenance in an SVG: a `<metadata>` element right after the root start tag, holding
//!
//! ```xml
//! <bmd:provenance xmlns:bmd="https://bmd-atlas.example/provenance" version="1" sha256="…">
//! BASE64 of the zlib payload, in lines of 76 characters
//! </bmd:provenance>
//! ```
//!
//! Renderers ignore `<metadata>`; editors such as Inkscape keep foreign elements in it. The
//! reader finds the element by its namespace, whatever its prefix.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{Payload, Provenance, ProvenanceError, SVG_NAMESPACE, VERSION, find, unknown_version};

/// Base64 line length (as MIME).
const LINE: usize = 76;

/// The SVG with the provenance in a `<metadata>` element as the root's first child; `None` when
/// there is no `<svg` start tag.
pub fn embed(svg: &str, provenance: &Provenance) -> Option<String> {
    let (end, self_closing) = root_start_tag_end(svg)?;
    let encoded = STANDARD.encode(provenance.payload());
    let mut metadata = String::with_capacity(encoded.len() + encoded.len() / LINE + 256);
    metadata.push_str("<metadata>\n<bmd:provenance xmlns:bmd=\"");
    metadata.push_str(SVG_NAMESPACE);
    metadata.push_str(&format!(
        "\" version=\"{VERSION}\" sha256=\"{}\">\n",
        provenance.scenario_sha256
    ));
    // Base64 is ASCII, so every LINE bytes is a character boundary.
    for line in encoded.as_bytes().chunks(LINE) {
        metadata.push_str(std::str::from_utf8(line).unwrap_or_default());
        metadata.push('\n');
    }
    metadata.push_str("</bmd:provenance>\n</metadata>\n");
    let mut out = String::with_capacity(svg.len() + metadata.len() + 8);
    if self_closing {
        // `<svg …/>` becomes `<svg …>` + metadata + `</svg>`.
        out.push_str(&svg[..end - 2]);
        out.push_str(">\n");
        out.push_str(&metadata);
        out.push_str("</svg>");
    } else {
        out.push_str(&svg[..end]);
        out.push('\n');
        out.push_str(&metadata);
    }
    out.push_str(svg[end..].strip_prefix('\n').unwrap_or(&svg[end..]));
    Some(out)
}

/// The byte just after the `>` of the root `<svg …>` start tag, and whether it is `/>`.
fn root_start_tag_end(svg: &str) -> Option<(usize, bool)> {
    let bytes = svg.as_bytes();
    let start = find(bytes, b"<svg")?;
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some((i + 1, i > start && bytes[i - 1] == b'/')),
            _ => {}
        }
    }
    None
}

/// The provenance payload of an SVG.
pub(crate) fn extract(bytes: &[u8], file: &str) -> Result<Vec<Payload>, ProvenanceError> {
    let not_found = || ProvenanceError::NotFound {
        file: file.to_owned(),
        format: "SVG",
    };
    let damaged = |detail: String| ProvenanceError::Damaged {
        file: file.to_owned(),
        detail,
    };
    // Most SVGs never mention the namespace: no need to parse them.
    if find(bytes, SVG_NAMESPACE.as_bytes()).is_none() {
        return Err(not_found());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        damaged(format!(
            "the SVG is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    if declares_entities(text) {
        return Err(damaged(
            "its DOCTYPE declares entities or other definitions (an internal DTD subset); \
             an exported page never does, and they are not read"
                .to_owned(),
        ));
    }
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            ProvenanceError::Truncated {
                file: file.to_owned(),
                detail: format!("the SVG ends too early ({e})"),
            }
        }
        e => damaged(format!("the SVG is not well-formed XML ({e})")),
    })?;
    let ours = doc.descendants().filter(|n| {
        n.tag_name().namespace() == Some(SVG_NAMESPACE) && n.tag_name().name() == "provenance"
    });
    let payloads = ours
        .map(|node| payload(node, file))
        .collect::<Result<Vec<_>, _>>()?;
    if payloads.is_empty() {
        return Err(not_found());
    }
    Ok(payloads)
}

/// Whether the document's DOCTYPE has an internal subset (`<!DOCTYPE svg [ … ]>`), where
/// entities are defined. A DOCTYPE without one, such as SVG 1.1's public
/// `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "…">` that editors write, defines nothing:
/// the external DTD is never fetched.
///
/// The subset must open with `[` before the root element starts, so any `[` between the first
/// `<!DOCTYPE` and the first `<svg` counts (a `[` in a comment there only makes this cautious).
fn declares_entities(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(doctype) = find(bytes, b"<!DOCTYPE") else {
        return false;
    };
    let rest = &bytes[doctype..];
    let prologue = &rest[..find(rest, b"<svg").unwrap_or(rest.len())];
    prologue.contains(&b'[')
}

/// The payload of one `<bmd:provenance>` element.
fn payload(node: roxmltree::Node<'_, '_>, file: &str) -> Result<Payload, ProvenanceError> {
    match node.attribute("version") {
        Some(v) if v.trim() == VERSION.to_string() => {}
        Some(v) => return Err(unknown_version(file, v)),
        None => return Err(unknown_version(file, "(none)")),
    }
    let mut encoded = Vec::new();
    for t in node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
    {
        encoded.extend(t.bytes().filter(|b| !b.is_ascii_whitespace()));
    }
    let zlib = STANDARD
        .decode(&encoded)
        .map_err(|e| ProvenanceError::Damaged {
            file: file.to_owned(),
            detail: format!("its base64 text is not valid ({e})"),
        })?;
    Ok(match node.attribute("sha256") {
        Some(hash) => Payload::ZlibWithHash(zlib, hash.trim().to_owned()),
        None => Payload::Zlib(zlib),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::{Choices, read};

    fn provenance() -> Provenance {
        let s = crate::scenario::built_in();
        Provenance::new(&s, Choices::from_scenario(&s))
    }

    #[test]
    fn metadata_is_the_roots_first_child() {
        let p = provenance();
        for svg in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" data-x='a>b'>\n<title>t</title></svg>",
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ] {
            let out = embed(svg, &p).expect("has a root");
            let doc = roxmltree::Document::parse(&out).expect("well-formed");
            let first = doc.root_element().first_element_child().expect("a child");
            assert_eq!(first.tag_name().name(), "metadata", "{out}");
            assert_eq!(read(out.as_bytes(), "x.svg"), Ok(p.clone()));
        }
        assert_eq!(embed("<html/>", &p), None);
    }

    #[test]
    fn the_outer_hash_must_agree() {
        let p = provenance();
        let out = embed("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", &p).expect("embeds");
        let edited = out.replacen(&p.scenario_sha256, &"0".repeat(64), 1);
        let err = read(edited.as_bytes(), "e.svg");
        assert!(
            matches!(err, Err(ProvenanceError::HashMismatch { .. })),
            "{err:?}"
        );
        let newer = out.replacen("version=\"1\"", "version=\"2\"", 1);
        let err = read(newer.as_bytes(), "n.svg");
        assert!(
            matches!(err, Err(ProvenanceError::UnknownVersion { .. })),
            "{err:?}"
        );
    }
}
