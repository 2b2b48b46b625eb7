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

/// `x` to one decimal, its whole part grouped in thousands: `1234.56` → `1,234.6`.
///
/// ```
/// use bmd_atlas::format::tenths_grouped;
/// assert_eq!(tenths_grouped(1_234.56), "1,234.6");
/// assert_eq!(tenths_grouped(999.96), "1,000.0");
/// assert_eq!(tenths_grouped(1_234_567.0), "1,234,567.0");
/// assert_eq!(tenths_grouped(-12_345.0), "-12,345.0");
/// assert_eq!(tenths_grouped(0.04), "0.0");
/// ```
pub fn tenths_grouped(x: f64) -> String {
    let tenths = (x.abs() * 10.0).round() as u64;
    let sign = if x < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{}.{}", group_thousands(tenths / 10), tenths % 10)
}

/// A number from a file or a user as a person reads it in a message: as it was written when
/// that is short (`299792.458`), otherwise six significant digits at most, no trailing zeros,
/// and scientific notation from a million up and below a thousandth, so that `1e308` is not
/// printed as 309 digits.
///
/// ```
/// use bmd_atlas::format::number;
/// assert_eq!(number(44.0775), "44.0775");
/// assert_eq!(number(299_792.458), "299792.458");
/// assert_eq!(number(0.1 + 0.2), "0.3");
/// assert_eq!(number(20000.0), "20000");
/// assert_eq!(number(-0.5), "-0.5");
/// assert_eq!(number(1e308), "1e308");
/// assert_eq!(number(-1.23456789e-300), "-1.23457e-300");
/// assert_eq!(number(0.0), "0");
/// assert_eq!(number(f64::NAN), "not a number");
/// assert_eq!(number(f64::NEG_INFINITY), "-infinity");
/// ```
pub fn number(x: f64) -> String {
    if x.is_nan() {
        return "not a number".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "infinity" } else { "-infinity" }.to_owned();
    }
    let shortest = x.to_string();
    if shortest.len() <= 12 {
        return shortest;
    }
    let magnitude = x.abs();
    if !(1e-3..1e6).contains(&magnitude) {
        let text = format!("{x:.5e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        return format!("{}e{exponent}", without_trailing_zeros(mantissa));
    }
    let decimals = (5 - magnitude.log10().floor() as i32).clamp(0, 8) as usize;
    without_trailing_zeros(&format!("{x:.decimals$}")).to_owned()
}

/// `1.500` → `1.5`, `2.000` → `2`, `20` → `20`.
fn without_trailing_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
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
