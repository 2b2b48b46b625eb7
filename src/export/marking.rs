//! Classification and handling markings for the banner at the top and bottom of a page.
//!
//! A marking is never applied on its own: [`super::ExportOptions::marking`] is `None` until the
//! user chooses one. Presets carry their customary banner colours; any other text is allowed and
//! gets a neutral grey unless a colour is given.

use crate::scene::style::Rgba;

/// The text of a banner and its colours.
///
/// ```
/// use bmd_atlas::export::Marking;
/// let m = Marking::parse("secret//noforn");
/// assert_eq!(m.text, "SECRET//NOFORN");
/// assert_eq!(m.background.hex(), "#c8102e");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marking {
    /// The banner text, as given (presets and parsed text are upper case).
    pub text: String,
    pub background: Rgba,
    pub foreground: Rgba,
}

const WHITE: Rgba = Rgba::rgb(0xff, 0xff, 0xff);
const BLACK: Rgba = Rgba::rgb(0x00, 0x00, 0x00);
const GREEN: Rgba = Rgba::rgb(0x00, 0x7a, 0x33);
const PURPLE: Rgba = Rgba::rgb(0x50, 0x2b, 0x85);
const BLUE: Rgba = Rgba::rgb(0x00, 0x33, 0xa0);
const RED: Rgba = Rgba::rgb(0xc8, 0x10, 0x2e);
const ORANGE: Rgba = Rgba::rgb(0xff, 0x8c, 0x00);
/// For text that is not a preset.
const NEUTRAL: Rgba = Rgba::rgb(0x4a, 0x4a, 0x4a);

/// The presets: text, banner colour, text colour.
///
/// NATO levels use the colour of the national level of the same rank; NATO RESTRICTED, which has
/// no US counterpart, uses the CUI purple. Any colour can be overridden with
/// [`Marking::with_background`].
pub const PRESETS: &[(&str, Rgba, Rgba)] = &[
    ("UNCLASSIFIED", GREEN, WHITE),
    ("CUI", PURPLE, WHITE),
    ("CONFIDENTIAL", BLUE, WHITE),
    ("SECRET", RED, WHITE),
    ("TOP SECRET", ORANGE, BLACK),
    ("NATO UNCLASSIFIED", GREEN, WHITE),
    ("NATO RESTRICTED", PURPLE, WHITE),
    ("NATO CONFIDENTIAL", BLUE, WHITE),
    ("NATO SECRET", RED, WHITE),
    ("COSMIC TOP SECRET", ORANGE, BLACK),
];

impl Marking {
    /// A preset by name (any case), e.g. `"top secret"`.
    ///
    /// ```
    /// use bmd_atlas::export::Marking;
    /// assert_eq!(Marking::preset("unclassified").map(|m| m.background.hex()), Some("#007a33".into()));
    /// assert!(Marking::preset("SECRET-ISH").is_none());
    /// ```
    pub fn preset(name: &str) -> Option<Marking> {
        let wanted = normalise(name);
        PRESETS.iter().find(|(text, _, _)| *text == wanted).map(
            |&(text, background, foreground)| Marking {
                text: text.to_owned(),
                background,
                foreground,
            },
        )
    }

    /// Banner text as a user typed it: upper-cased; the colours of the preset named before any
    /// `//` caveats (`SECRET//REL TO NATO` is red), otherwise a neutral grey.
    ///
    /// ```
    /// use bmd_atlas::export::Marking;
    /// assert_eq!(Marking::parse("Top Secret//SCI").background.hex(), "#ff8c00");
    /// assert_eq!(Marking::parse("Exercise only").text, "EXERCISE ONLY");
    /// assert_eq!(Marking::parse("Exercise only").background.hex(), "#4a4a4a");
    /// ```
    pub fn parse(text: &str) -> Marking {
        let text = normalise(text);
        let level = text.split("//").next().unwrap_or_default().trim();
        match Marking::preset(level) {
            Some(preset) => Marking { text, ..preset },
            None => Marking {
                text,
                background: NEUTRAL,
                foreground: WHITE,
            },
        }
    }

    /// The same marking on another banner colour; the text turns black or white, whichever
    /// reads better on it.
    ///
    /// ```
    /// use bmd_atlas::export::Marking;
    /// use bmd_atlas::scene::style::Rgba;
    /// let m = Marking::parse("EXERCISE").with_background(Rgba::rgb(255, 255, 0));
    /// assert_eq!(m.foreground.hex(), "#000000");
    /// ```
    pub fn with_background(self, background: Rgba) -> Marking {
        let [r, g, b, _] = background.0;
        // Relative luminance, roughly (sRGB weights, no linearisation): good enough for black/white.
        let luma = 0.2126 * r as f32 + 0.7152 * g as f32 + 0.0722 * b as f32;
        Marking {
            background,
            foreground: if luma > 150.0 { BLACK } else { WHITE },
            ..self
        }
    }
}

/// Upper case with runs of white space made single spaces.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Parses `#rrggbb` (or `rrggbb`).
///
/// ```
/// use bmd_atlas::export::parse_colour;
/// assert_eq!(parse_colour("#c8102E").map(|c| c.hex()), Some("#c8102e".into()));
/// assert!(parse_colour("red").is_none());
/// ```
pub fn parse_colour(text: &str) -> Option<Rgba> {
    let hex = text.trim().trim_start_matches('#');
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Rgba::rgb(byte(0)?, byte(2)?, byte(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_the_customary_colours() {
        let hex = |name: &str| Marking::preset(name).map(|m| m.background.hex());
        assert_eq!(hex("UNCLASSIFIED").as_deref(), Some("#007a33"));
        assert_eq!(hex("CUI").as_deref(), Some("#502b85"));
        assert_eq!(hex("CONFIDENTIAL").as_deref(), Some("#0033a0"));
        assert_eq!(hex("SECRET").as_deref(), Some("#c8102e"));
        assert_eq!(hex("TOP SECRET").as_deref(), Some("#ff8c00"));
        assert_eq!(hex("nato  restricted").as_deref(), Some("#502b85"));
    }

    #[test]
    fn caveats_keep_the_level_colour() {
        assert_eq!(Marking::parse("secret // rel to nato").background, RED);
        assert_eq!(Marking::parse("NATO SECRET").background, RED);
        assert_eq!(Marking::parse("SECRETARIAT USE").background, NEUTRAL);
    }
}
