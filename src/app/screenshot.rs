//! "Copy view" (the current map as an image) and "Save window screenshot" (exactly what the
//! window shows, through egui's screenshot request).

use std::path::PathBuf;

use super::AppState;
use crate::export::{self, ExportOptions, PageSize, Panel};

/// The current map, as drawn in the window, as an image: what "Copy view" puts on the clipboard.
pub fn view_image(state: &mut AppState) -> Result<egui::ColorImage, String> {
    let [w, h] = state.map.view.size_px;
    let (w, h) = (w.round().max(1.0) as u32, h.round().max(1.0) as u32);
    let options = ExportOptions {
        page: PageSize::Pixels {
            width: w,
            height: h,
        },
        title: String::new(),
        subtitle: String::new(),
        legend: false,
        scale_bar: true,
        north_arrow: false,
        source_line: false,
        as_of: None,
        ..ExportOptions::default()
    };
    let view = state.map.view;
    let scene = state.scene();
    let panels = [Panel {
        view: Some(view),
        ..Panel::new(scene)
    }];
    let p = export::preview(&panels, &options, w.max(h)).map_err(|e| e.to_string())?;
    Ok(egui::ColorImage::from_rgba_unmultiplied(
        [p.width as usize, p.height as usize],
        &p.rgba,
    ))
}

/// Where a requested window screenshot goes, and the slot egui's callback fills.
#[derive(Default)]
pub struct ScreenshotRequest {
    path: Option<PathBuf>,
    slot: std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<egui::ColorImage>>>>,
}

/// Asks where to save, then saves exactly what the window shows (egui's screenshot request).
pub fn save_window_screenshot(state: &mut AppState) {
    state.ask_file(
        super::dialogs::FileQuestion::export("bmd-atlas-window.png"),
        super::dialogs::FileUse::Screenshot,
    );
}

/// Takes the screenshot the user asked for, to be written to `path` when it arrives.
pub(super) fn take_into(state: &mut AppState, path: PathBuf, ctx: &egui::Context) {
    state.screenshot.path = Some(path);
    let slot = state.screenshot.slot.clone();
    let repaint = ctx.clone();
    ctx.request_screenshot(move |image| {
        if let Ok(mut s) = slot.lock() {
            *s = Some(image);
        }
        repaint.request_repaint();
    });
}

/// Writes a screenshot that has arrived to the path the user chose.
pub(super) fn take_screenshot(state: &mut AppState) {
    let image = state.screenshot.slot.lock().ok().and_then(|mut s| s.take());
    let (Some(image), Some(path)) = (image, state.screenshot.path.take()) else {
        return;
    };
    state.export.last = Some(encode_png(&image).and_then(|png| {
        crate::scenario::write_file(&path, &png)
            .map_err(|e| e.message(crate::scenario::Surface::Window))?;
        Ok(format!("Saved the window to {}", path.display()))
    }));
    state.export.open = true;
}

fn encode_png(image: &egui::ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let data: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let size = resvg::tiny_skia::IntSize::from_wh(w as u32, h as u32).ok_or("empty screenshot")?;
    let pixmap = resvg::tiny_skia::Pixmap::from_vec(data, size).ok_or("bad screenshot size")?;
    // A screen has no print resolution: no pHYs.
    export::png::encode(&pixmap, 0.0).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screenshot_encodes_to_the_same_opaque_pixels() {
        let colours = [
            egui::Color32::from_rgb(10, 20, 30),
            egui::Color32::from_rgb(200, 100, 0),
            egui::Color32::WHITE,
            egui::Color32::BLACK,
            egui::Color32::from_rgb(1, 2, 3),
            egui::Color32::from_rgb(250, 128, 64),
        ];
        let image = egui::ColorImage::new([3, 2], colours.to_vec());
        let png = encode_png(&image).expect("encodes");
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decodes");
        assert_eq!((pixmap.width(), pixmap.height()), (3, 2));
        for (p, c) in pixmap.pixels().iter().zip(colours) {
            assert_eq!([p.red(), p.green(), p.blue(), p.alpha()], c.to_array());
        }
    }
}
