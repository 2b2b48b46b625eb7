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
        let advances = bmp_advances(&face);
        Metrics {
            units_per_em: face.units_per_em() as f32,
            fallback: advances[usize::from(b'n')],
            advances,
        }
    })
}

/// The advance of every Basic Multilingual Plane character the font maps, 0 for the rest: what
/// `Face::glyph_index` and `glyph_hor_advance` give, read from the character maps' own lists (a
/// few thousand characters) rather than by asking for all 65,536, which took about 10 ms of
/// every export.
fn bmp_advances(face: &ttf_parser::Face<'_>) -> Vec<u16> {
    let mut advances = vec![0u16; 0x10000];
    let Some(cmap) = face.tables().cmap else {
        return advances;
    };
    // The first Unicode map that has a character decides it, as `glyph_index` does.
    let mut decided = vec![false; 0x10000];
    for map in cmap.subtables.into_iter().filter(|m| m.is_unicode()) {
        map.codepoints(|u| {
            let i = u as usize;
            if i >= advances.len() || decided[i] || char::from_u32(u).is_none() {
                return;
            }
            if let Some(glyph) = map.glyph_index(u) {
                decided[i] = true;
                advances[i] = face.glyph_hor_advance(glyph).unwrap_or(0);
            }
        });
    }
    advances
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_what_the_font_says_for_every_character() {
        let face = ttf_parser::Face::parse(FONT_BYTES, 0).expect("embedded font parses");
        let table = bmp_advances(&face);
        let mapped = table.iter().filter(|a| **a > 0).count();
        assert!(mapped > 3000, "{mapped} characters");
        // U+FFFF, a noncharacter, is sent to the missing-glyph box only by the closing segment
        // every format-4 map needs; the table leaves it unmapped, like any character the font
        // lacks.
        for u in 0u32..0xFFFF {
            let expected = char::from_u32(u)
                .and_then(|c| face.glyph_index(c))
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(0);
            assert_eq!(table[u as usize], expected, "U+{u:04X}");
        }
    }
}
