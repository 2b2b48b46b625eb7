//! Texts on the map: fixed map texts (sector names) and placed labels, both with the white halo.

use std::fmt::Write as _;

use super::attrs::{escape, fill_attrs, id_attr, num, tenths};
use crate::font::FONT_FAMILY;
use crate::render::geometry::{label_baseline, map_text_baseline};
use crate::scene::style;
use crate::scene::{MapView, PlacedLabel, Scene, map_text_centres};

/// Writes text fixed to map positions (sector names), centred on them, with the label halo.
pub(super) fn write_map_texts(out: &mut String, scene: &Scene, view: &MapView) {
    let halo = style::HALO;
    let _ = writeln!(
        out,
        "<g class=\"map-texts\" font-family=\"{}\" text-anchor=\"middle\" stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        FONT_FAMILY,
        halo.hex(),
        num(halo.opacity()),
        num(style::HALO_WIDTH_PX),
    );
    for (text, p) in scene.texts.iter().zip(map_text_centres(scene, view)) {
        let Some([x, y]) = map_text_baseline(text, p, view) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{}>{}</text>",
            tenths(x as f64),
            tenths(y as f64),
            num(text.size_px),
            fill_attrs(text.colour),
            id_attr(&text.id),
            escape(&text.text)
        );
    }
    out.push_str("</g>\n");
}

/// Writes labels with the window's white halo (a stroke painted under the fill).
pub(super) fn write_labels(out: &mut String, scene: &Scene, labels: &[PlacedLabel]) {
    // Leader lines first, under the labels' halos.
    for [a, b] in labels.iter().filter_map(|l| l.leader) {
        let _ = writeln!(
            out,
            "<path class=\"leader\" d=\"M{} {}L{} {}\" fill=\"none\"{}/>",
            tenths(a[0] as f64),
            tenths(a[1] as f64),
            tenths(b[0] as f64),
            tenths(b[1] as f64),
            super::attrs::stroke_attrs(&style::LEADER)
        );
    }
    let halo = style::HALO;
    let _ = writeln!(
        out,
        "<g class=\"labels\" font-family=\"{}\"{} stroke=\"{}\" stroke-opacity=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        FONT_FAMILY,
        fill_attrs(style::LABEL),
        halo.hex(),
        num(halo.opacity()),
        num(style::HALO_WIDTH_PX),
    );
    for label in labels {
        let [x, y] = label_baseline(label);
        let _ = writeln!(
            out,
            "<text class=\"label\" x=\"{}\" y=\"{}\" font-size=\"{}\"{}>{}</text>",
            tenths(x as f64),
            tenths(y as f64),
            num(label.size_px),
            id_attr(
                scene
                    .symbols
                    .get(label.symbol)
                    .map_or("", |s| s.id.as_str())
            ),
            escape(&label.text)
        );
    }
    out.push_str("</g>\n");
}
