//! The PNG page as pixels: drawn maps stay inside their frames without a clip path, and the
//! encoder writes an opaque RGB image with the page's resolution.

use std::io::Cursor;

use bmd_atlas::export::{self, ExportOptions, PageSize, Panel};
use bmd_atlas::scenario;

use crate::common;

fn built_in_png(page: PageSize) -> (Vec<u8>, export::PageLayout) {
    let s = scenario::built_in();
    let scene = common::europe_scene(&s);
    let options = ExportOptions {
        page,
        ..ExportOptions::for_scenario(&s)
    };
    let panels = [Panel::new(&scene)];
    let png = export::to_png(&panels, &options).expect("renders");
    (png, export::layout(&panels, &options))
}

/// Decodes to (width, height, colour type, pixels per metre, RGB bytes).
fn decode(png: &[u8]) -> (u32, u32, png::ColorType, Option<u32>, Vec<u8>) {
    let mut reader = png::Decoder::new(Cursor::new(png))
        .read_info()
        .expect("a valid PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).expect("one image");
    buf.truncate(frame.buffer_size());
    let ppm = reader
        .info()
        .pixel_dims
        .filter(|d| d.unit == png::Unit::Meter)
        .map(|d| d.xppu);
    (frame.width, frame.height, frame.color_type, ppm, buf)
}

#[test]
fn the_page_is_opaque_rgb_with_its_resolution() {
    let page = PageSize::Pixels {
        width: 1280,
        height: 720,
    };
    let (png, _) = built_in_png(page);
    let (w, h, colour, ppm, pixels) = decode(&png);
    assert_eq!((w, h), (1280, 720));
    assert_eq!(colour, png::ColorType::Rgb, "the page has no transparency");
    assert_eq!(pixels.len(), 1280 * 720 * 3);
    let expected = (page.dpi() as f64 / 0.0254).round() as u32;
    assert_eq!(ppm, Some(expected));
}

#[test]
fn nothing_the_map_draws_shows_in_the_margin_beside_it() {
    // The long SM-3 IIB and radar rings of the built-in scenario run far past the map's left
    // edge; the margin left of the frame must stay page-white from the frame's top to its bottom.
    let (png, layout) = built_in_png(PageSize::Pixels {
        width: 1920,
        height: 1080,
    });
    let (w, _, _, _, pixels) = decode(&png);
    let k = layout.pixels_per_point;
    let frame = &layout.maps[0];
    let left = (frame.origin[0] * k).floor() as usize - 2;
    let top = (frame.origin[1] * k).ceil() as usize;
    let bottom = ((frame.origin[1] + frame.view.size_px[1]) * k).floor() as usize;
    let mut coloured = 0;
    for y in top..bottom {
        for x in 0..left {
            let at = (y * w as usize + x) * 3;
            if pixels[at..at + 3] != [255, 255, 255] {
                coloured += 1;
            }
        }
    }
    assert_eq!(coloured, 0, "pixels drawn in the left margin");
    // And the map itself is drawn: its first column inside the frame is not all white.
    let inside = (frame.origin[0] * k).ceil() as usize + 2;
    assert!((top..bottom).any(|y| {
        let at = (y * w as usize + inside) * 3;
        pixels[at..at + 3] != [255, 255, 255]
    }));
}

/// The PNG page is painted band by band straight into the encoder; its pixels are those of the
/// same page painted into a pixmap of the whole page, band for band and in order (a height that
/// is not a whole number of bands, so the last is short).
#[test]
fn a_page_streamed_into_the_encoder_is_the_page_painted_whole() {
    let s = scenario::built_in();
    let scene = common::europe_scene(&s);
    let options = ExportOptions::for_scenario(&s);
    let panels = [Panel::new(&scene)];
    let size = [1000, 701];
    let mut rasteriser = export::Rasteriser::default();
    let png = rasteriser
        .png(&panels, &options, size, || None)
        .expect("encodes");
    let whole = rasteriser.page(&panels, &options, size).expect("paints");
    let (w, h, colour, _, rgb) = decode(&png);
    assert_eq!(([w, h], colour), (size, png::ColorType::Rgb));
    let expected: Vec<u8> = whole
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    assert!(
        rgb == expected,
        "the streamed page differs from the whole one"
    );
}
