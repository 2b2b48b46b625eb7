//! Text in the bundled font, drawn as glyph outlines: shaped by `rustybuzz` (the shaper the SVG
//! renderer uses, so kerning and positions agree), each glyph's outline read once and kept in
//! font units, placed by a transform per glyph.

use std::collections::HashMap;

use resvg::tiny_skia as sk;

use super::Canvas;
use crate::font::FONT_BYTES;
use crate::render::geometry::{TextAnchor, label_baseline, map_text_baseline};
use crate::scene::style::{self, Stroke};
use crate::scene::{MapView, PlacedLabel, Scene, map_text_centres};

/// The bundled font, shaped and outlined; outlines are kept as they are first needed. Keep one
/// for a run of pages: the outlines serve every size.
pub struct Glyphs {
    face: rustybuzz::Face<'static>,
    units_per_em: f32,
    outlines: HashMap<u16, Option<sk::Path>>,
}

impl Default for Glyphs {
    fn default() -> Self {
        // The font is embedded at build time; failing to parse it is a build defect.
        let face = rustybuzz::Face::from_slice(FONT_BYTES, 0).expect("embedded font parses");
        let units_per_em = face.units_per_em() as f32;
        Glyphs {
            face,
            units_per_em,
            outlines: HashMap::new(),
        }
    }
}

impl Glyphs {
    /// `text` at `size_px` as one path on the baseline through `at` (pixels), placed on it by
    /// `anchor`; `None` for text with nothing to draw (spaces). Shaped once: the width that
    /// centres it is the shaped advance.
    pub fn path(
        &mut self,
        text: &str,
        size_px: f32,
        at: [f32; 2],
        anchor: TextAnchor,
    ) -> Option<sk::Path> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(&self.face, &[], buffer);
        let scale = size_px / self.units_per_em;
        let advance: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        let mut pen = at[0] - anchor.lead_px(advance as f32 * scale);
        let mut out = sk::PathBuilder::new();
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let id = info.glyph_id as u16;
            let x = pen + pos.x_offset as f32 * scale;
            let y = at[1] - pos.y_offset as f32 * scale;
            if let Some(outline) = self.outline(id) {
                // Font units have y up; the picture's pixels y down.
                let placed = sk::Transform::from_row(scale, 0.0, 0.0, -scale, x, y);
                if let Some(p) = outline.clone().transform(placed) {
                    out.push_path(&p);
                }
            }
            pen += pos.x_advance as f32 * scale;
        }
        out.finish()
    }

    fn outline(&mut self, id: u16) -> Option<&sk::Path> {
        let face = &self.face;
        self.outlines
            .entry(id)
            .or_insert_with(|| {
                let mut builder = Outline(sk::PathBuilder::new());
                face.outline_glyph(ttf_parser::GlyphId(id), &mut builder)?;
                builder.0.finish()
            })
            .as_ref()
    }
}

/// A glyph's outline into a path, in font units.
struct Outline(sk::PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// Text fixed to map positions (sector names), centred on them, as the SVG writes it.
pub(super) fn draw_map_texts(
    canvas: &mut Canvas<'_>,
    glyphs: &mut Glyphs,
    scene: &Scene,
    view: &MapView,
) {
    let texts = scene
        .texts
        .iter()
        .zip(map_text_centres(scene, view))
        .filter_map(|(text, p)| {
            let at = map_text_baseline(text, p, view)?;
            let path = glyphs.path(&text.text, text.size_px, at, TextAnchor::Middle)?;
            Some((path, text.colour))
        })
        .collect();
    canvas.haloed_texts(texts, &halo());
}

/// Placed labels with the halo, as the SVG writes them.
pub(super) fn draw_labels(canvas: &mut Canvas<'_>, glyphs: &mut Glyphs, labels: &[PlacedLabel]) {
    // Leader lines first, under the labels' halos.
    for [a, b] in labels.iter().filter_map(|l| l.leader) {
        let mut path = sk::PathBuilder::new();
        path.move_to(a[0], a[1]);
        path.line_to(b[0], b[1]);
        if let Some(path) = path.finish() {
            canvas.stroke(path, &style::LEADER);
        }
    }
    let texts = labels
        .iter()
        .filter_map(|label| {
            let path = glyphs.path(
                &label.text,
                label.size_px,
                label_baseline(label),
                TextAnchor::Start,
            )?;
            Some((path, style::LABEL))
        })
        .collect();
    canvas.haloed_texts(texts, &halo());
}

/// The halo under map texts and labels.
fn halo() -> Stroke {
    Stroke::solid(style::HALO_WIDTH_PX, style::HALO)
}
