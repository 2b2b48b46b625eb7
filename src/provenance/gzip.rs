//! gzip-compressed pages (`.svgz`, RFC 1952): inflated within a limit before they are read, so a
//! decompression bomb is refused in the time it takes to inflate the limit.

use std::io::Read;

use super::ProvenanceError;

/// The largest SVG a `.svgz` may inflate to: far above any export (the built-in scenario's A3
/// SVG is a few MB), low enough that a bomb cannot exhaust memory.
pub const MAX_SVG_BYTES: usize = 64 * 1024 * 1024;

/// Whether `bytes` start as a gzip member does (ID1 ID2 and deflate as the method).
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b, 0x08])
}

/// The bytes a gzip file holds (every member, checksums checked), at most `limit` of them.
pub(crate) fn gunzip(bytes: &[u8], file: &str, limit: usize) -> Result<Vec<u8>, ProvenanceError> {
    // Room for the limit and the one byte that tells it was passed, reserved once: growing by
    // doubling would touch twice the limit before a bomb is refused. Pages never written are
    // never made resident.
    let mut out = Vec::with_capacity(limit + 1);
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(limit as u64 + 1);
    decoder.read_to_end(&mut out).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => ProvenanceError::Truncated {
            file: file.to_owned(),
            detail: "the gzip-compressed page ends before its end".to_owned(),
        },
        _ => ProvenanceError::Damaged {
            file: file.to_owned(),
            detail: format!("the gzip-compressed page does not inflate ({e})"),
        },
    })?;
    if out.len() > limit {
        return Err(ProvenanceError::PageTooLarge {
            file: file.to_owned(),
            limit,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).expect("in memory");
        encoder.finish().expect("in memory")
    }

    #[test]
    fn round_trip_and_limits() {
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>".repeat(100);
        let z = gzip(&svg);
        assert!(is_gzip(&z));
        assert_eq!(gunzip(&z, "a.svgz", 1 << 20), Ok(svg.clone()));
        assert!(matches!(
            gunzip(&z, "a.svgz", 100),
            Err(ProvenanceError::PageTooLarge { limit: 100, .. })
        ));
        assert!(matches!(
            gunzip(&z[..z.len() - 12], "a.svgz", 1 << 20),
            Err(ProvenanceError::Truncated { .. })
        ));
        let mut bad_crc = z.clone();
        let n = bad_crc.len();
        bad_crc[n - 8] ^= 0xff;
        let message = gunzip(&bad_crc, "a.svgz", 1 << 20)
            .expect_err("checksum")
            .to_string();
        assert!(message.starts_with("a.svgz: "), "{message}");
    }
}
