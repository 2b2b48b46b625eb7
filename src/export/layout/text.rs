//! Text on the page: word wrap and shortening to a width.

use crate::font::text_width;

/// Greedy word wrap to `width` pixels at `size`.
pub(super) fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The text, shortened with an ellipsis to fit `width` pixels at `size`.
pub(super) fn ellipsize(text: &str, size: f32, width: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let s: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
        if text_width(&s, size) <= width {
            return s;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text =
            "Sources: Natural Earth; KeepTrack.space; GeoNames; RIA Novosti; CSIS Missile Threat";
        let lines = wrap(text, 11.0, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for l in &lines[..lines.len() - 1] {
            assert!(text_width(l, 11.0) <= 150.0, "{l}");
        }
    }

    #[test]
    fn ellipsis_fits() {
        let s = ellipsize("Ballistic-missile defence in Europe, 2012", 16.0, 100.0);
        assert!(s.ends_with('…') && text_width(&s, 16.0) <= 100.0, "{s}");
        assert_eq!(ellipsize("short", 16.0, 100.0), "short");
    }
}
