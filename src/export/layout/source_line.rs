//! The source line under the maps.

use std::fmt::Write as _;

use super::ink::Ink;
use super::text::{ellipsize, wrap};
use super::{MARGIN, PageLayout, Panel, SECONDARY};
use crate::render::geometry::TextAnchor;

const SOURCE_FONT: f32 = 11.0;
pub(super) const SOURCE_LINE: f32 = 14.0;
const SOURCE_MAX_LINES: usize = 2;

/// The source line, wrapped to at most two lines of `width`: Natural Earth, the scene's sources
/// (shortened, most-cited first, as many as fit), the analysis assumptions when an analysis layer
/// is drawn, "ranges approximate", and the projection.
pub(super) fn source_lines(panels: &[Panel<'_>], width: f32) -> Vec<String> {
    let mut sources = Vec::new();
    for p in panels {
        sources.extend(p.scene.sources.iter().cloned());
    }
    let names = crate::export::short_sources(&sources);
    let mut projections: Vec<&str> = Vec::new();
    for p in panels {
        let name = p.scene.projection_name.as_str();
        if !projections.contains(&name) {
            projections.push(name);
        }
    }
    let assumptions = panels
        .iter()
        .find_map(|p| p.scene.assumptions.as_deref())
        .map_or(String::new(), |a| format!(". {a}"));
    let tail = format!(
        "{assumptions}. Ranges approximate. Projection: {}.",
        if projections.is_empty() {
            "none".to_owned()
        } else {
            projections.join(", ")
        }
    );
    let compose = |shown: usize| {
        let mut s = String::from("Sources: Natural Earth");
        for n in &names[..shown] {
            s.push_str("; ");
            s.push_str(n);
        }
        if shown < names.len() {
            let _ = write!(s, "; and {} more in the scenario file", names.len() - shown);
        }
        s.push_str(&tail);
        s
    };
    let mut shown = names.len();
    loop {
        let lines = wrap(&compose(shown), SOURCE_FONT, width);
        if lines.len() <= SOURCE_MAX_LINES || shown == 0 {
            let mut lines = lines;
            if lines.len() > SOURCE_MAX_LINES {
                lines.truncate(SOURCE_MAX_LINES);
                if let Some(last) = lines.last_mut() {
                    *last = ellipsize(&format!("{last} …"), SOURCE_FONT, width);
                }
            }
            return lines;
        }
        shown -= 1;
    }
}

/// Draws the source line at the foot of the page, above the bottom banner.
pub(super) fn source_line(ink: &mut dyn Ink, panels: &[Panel<'_>], layout: &PageLayout) {
    let [w, h] = layout.size;
    let lines = source_lines(panels, w - 2.0 * MARGIN);
    let top = h - layout.banner_height - MARGIN - lines.len() as f32 * SOURCE_LINE;
    for (i, line) in lines.iter().enumerate() {
        ink.text(
            "source-line",
            [MARGIN, top + SOURCE_FONT + i as f32 * SOURCE_LINE],
            SOURCE_FONT,
            TextAnchor::Start,
            SECONDARY,
            line,
        );
    }
}
