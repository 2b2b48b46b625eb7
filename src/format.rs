//! Numbers as people read them, one rule for the window, the exports and the reports.

/// Digits grouped in thousands with commas: `8961989` → `8,961,989`.
///
/// ```
/// use bmd_atlas::format::group_thousands;
/// assert_eq!(group_thousands(8_961_989), "8,961,989");
/// assert_eq!(group_thousands(999), "999");
/// assert_eq!(group_thousands(1000), "1,000");
/// assert_eq!(group_thousands(0), "0");
/// ```
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in bytes as megabytes (of 1024 × 1024 bytes, as the file limits are given) with one
/// decimal: `73_400_320` → `70.0 MB`.
///
/// ```
/// assert_eq!(bmd_atlas::format::megabytes(73_400_320), "70.0 MB");
/// assert_eq!(bmd_atlas::format::megabytes(52_429), "0.1 MB");
/// ```
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Text for XML (SVG, KML): the five special characters escaped, and characters XML 1.0 forbids
/// (control characters other than tab and line breaks, U+FFFE, U+FFFF) replaced by U+FFFD, so
/// that a hostile name can neither break the document nor vanish without a trace.
///
/// ```
/// assert_eq!(bmd_atlas::format::xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;\u{fffd}");
/// ```
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
