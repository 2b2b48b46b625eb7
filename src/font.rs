//! The one font used on screen and in every export, so text measures and looks the same everywhere.

use std::sync::OnceLock;

/// DejaVu Sans (Bitstream Vera licence, see `assets/fonts/LICENSE`).
pub const FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// The family name SVG exports refer to.
pub const FONT_FAMILY: &str = "DejaVu Sans";

struct Metrics {
    units_per_em: f32,
    /// Advance widths for the Basic Multilingual Plane, in font units; 0 where there is no glyph.
    advances: Vec<u16>,
    fallback: u16,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        // The font is embedded at build time; failing to parse it is a build defect.
        let face = ttf_parser::Face::parse(FONT_BYTES, 0).expect("embedded font parses");
        let advance = |c: char| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0)
        };
        let fallback = advance('n');
        let advances = (0u32..=0xFFFF)
            .map(|u| char::from_u32(u).map_or(0, advance))
            .collect();
        Metrics {
            units_per_em: face.units_per_em() as f32,
            advances,
            fallback,
        }
    })
}

/// The width in pixels of `text` set in the bundled font at `size_px`, without kerning.
///
/// ```
/// let narrow = bmd_atlas::font::text_width("ii", 12.0);
/// let wide = bmd_atlas::font::text_width("WW", 12.0);
/// assert!(wide > narrow && narrow > 0.0);
/// ```
pub fn text_width(text: &str, size_px: f32) -> f32 {
    let m = metrics();
    let units: u32 = text
        .chars()
        .map(|c| {
            let a = m.advances.get(c as usize).copied().unwrap_or(0);
            u32::from(if a == 0 { m.fallback } else { a })
        })
        .sum();
    units as f32 * size_px / m.units_per_em
}
