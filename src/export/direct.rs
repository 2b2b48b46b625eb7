//! PNG pages drawn directly: each map straight into the page's pixels by the rasteriser
//! ([`crate::render::raster`]), clipped to its frame, then the page furniture (title, legend,
//! banners, frames, plates, source line) over them, from the layout the SVG page is written
//! from ([`layout::furniture`] through [`layout::RasterInk`]). No SVG is written nor parsed.

use resvg::tiny_skia as sk;

use super::layout::{self, RasterInk};
use super::png::RowEncoder;
use super::{ExportError, ExportOptions, MAX_PIXELS, Panel};
use crate::render::raster::{Glyphs, Target, draw_map, paint};
use crate::scene::place_labels;

/// What one run of pages reuses: the glyph outlines read so far, and a page's pixmap handed
/// back with [`Rasteriser::recycle`] (a 4K page is 33 MB, and first touching fresh memory is
/// slow). Animation frames and compare pages draw many pages; keep one of these for them.
///
/// ```
/// use bmd_atlas::export::{ExportOptions, Panel, Rasteriser};
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
/// let s = scene::build(&scenario::built_in(), ProjectionKind::EuropeEqualArea, Scale::Coarse110m,
///     &scene::Layers { basemap: false, ..Default::default() }, None);
/// let (panels, options) = ([Panel::new(&s)], ExportOptions::default());
/// let mut r = Rasteriser::default();
/// let first = r.page(&panels, &options, [320, 180]).expect("draws");
/// let (bytes, at) = (first.data().to_vec(), first.data().as_ptr());
/// r.recycle(first);
/// let second = r.page(&panels, &options, [320, 180]).expect("draws");
/// assert_eq!(second.data().as_ptr(), at, "the same buffer");
/// assert_eq!(second.data(), &bytes[..], "the same page");
/// ```
#[derive(Default)]
pub struct Rasteriser {
    glyphs: Glyphs,
    /// A pixmap handed back, for the next page of its size.
    spare: Option<sk::Pixmap>,
}

impl Rasteriser {
    /// The page for `panels` with `options`, `size` pixels big (the layout stretched to it, as
    /// the SVG's `viewBox` is).
    pub fn page(
        &mut self,
        panels: &[Panel<'_>],
        options: &ExportOptions,
        size: [u32; 2],
    ) -> Result<sk::Pixmap, ExportError> {
        let [w, h] = checked(size)?;
        // Every pixel is painted over (the page colour first), so a spare needs no clearing.
        let mut pixmap = match self.spare.take() {
            Some(p) if (p.width(), p.height()) == (w, h) => p,
            _ => sk::Pixmap::new(w, h).ok_or(ExportError::TooLarge {
                width: w,
                height: h,
            })?,
        };
        self.draw(panels, options, Target::Pixmap(&mut pixmap))?;
        Ok(pixmap)
    }

    /// [`Rasteriser::page`] as a PNG at the page's resolution, with an `iTXt` chunk of data
    /// `text` after the image when it gives one. The page is painted band by band straight
    /// into the encoder, which deflates each band while the next are painted: no pixmap of the
    /// whole page is made.
    pub fn png(
        &mut self,
        panels: &[Panel<'_>],
        options: &ExportOptions,
        size: [u32; 2],
        text: impl FnOnce() -> Option<Vec<u8>>,
    ) -> Result<Vec<u8>, ExportError> {
        let [w, h] = checked(size)?;
        let failed = |e: std::io::Error| ExportError::Png(e.to_string());
        // Opaque: the page colour is painted first ([`Rasteriser::draw`]).
        let mut encoder = RowEncoder::new(w, h, options.page.dpi(), true).map_err(failed)?;
        let mut error = None;
        let mut sink = |rows: &[u8]| {
            if error.is_none()
                && let Err(e) = encoder.rows(rows)
            {
                error = Some(e);
            }
        };
        let target = Target::Rows {
            width: w,
            height: h,
            sink: &mut sink,
        };
        self.draw(panels, options, target)?;
        if let Some(e) = error {
            return Err(failed(e));
        }
        encoder.finish(text()).map_err(failed)
    }

    /// Draws the page into `target`: the page colour, each map clipped to its frame when
    /// there are several, then the furniture.
    fn draw(
        &mut self,
        panels: &[Panel<'_>],
        options: &ExportOptions,
        target: Target<'_>,
    ) -> Result<(), ExportError> {
        let [w, h] = target.size();
        let l = layout::layout(panels, options);
        let page = sk::Transform::from_scale(w as f32 / l.size[0], h as f32 / l.size[1]);
        let map_options = layout::map_options(&l);
        // The maps are worked out on this thread and painted on another ([`paint`]).
        paint(target, |canvas| {
            // The page colour is opaque and first: every pixel is painted over, and a PNG
            // written as the bands come can be RGB.
            canvas.fill_rect([0.0, 0.0, w as f32, h as f32], layout::PAGE);
            // One map is covered around its frame by the furniture's mat; several are clipped
            // to their frames, so that none paints into its neighbour.
            let clip = panels.len() > 1;
            for (panel, frame) in panels.iter().zip(&l.maps) {
                let [x, y] = frame.origin;
                let [fw, fh] = frame.view.size_px;
                let frame_px = sk::Rect::from_xywh(x, y, fw, fh).and_then(|r| r.transform(page));
                canvas.place(page.pre_translate(x, y), frame_px.filter(|_| clip));
                let labels = place_labels(panel.scene, &frame.view);
                draw_map(
                    canvas,
                    &mut self.glyphs,
                    panel.scene,
                    &frame.view,
                    &labels,
                    &map_options,
                );
            }
            let mut ink = RasterInk::new(canvas, &mut self.glyphs, page);
            layout::furniture(&mut ink, panels, options, &l);
        });
        Ok(())
    }
}

impl Rasteriser {
    /// Hands a page's pixmap back, for the next page of the same size to be drawn into.
    pub fn recycle(&mut self, pixmap: sk::Pixmap) {
        self.spare = Some(pixmap);
    }
}

/// `size` when a pixmap of it can be made and is within [`MAX_PIXELS`].
pub(super) fn checked([w, h]: [u32; 2]) -> Result<[u32; 2], ExportError> {
    if w == 0 || h == 0 {
        return Err(ExportError::Empty {
            width: w,
            height: h,
        });
    }
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(ExportError::TooLarge {
            width: w,
            height: h,
        });
    }
    Ok([w, h])
}
