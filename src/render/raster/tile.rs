//! Small operations (a glyph, its halo, a symbol) painted once by tiny-skia into a tile of
//! their own, over transparency, and laid over each band of the page they reach. Painting
//! them into each band instead made tiny-skia cut the path at the band's edge, and its sampling
//! of four sub-rows a pixel from there left a seam.

use resvg::tiny_skia as sk;

use super::canvas::{Op, solid};
use crate::scene::style::Rgba;

/// An operation painted on its own, over transparency: the page's pixels from (`left`, `top`).
pub struct Tile {
    pixmap: sk::Pixmap,
    left: usize,
    top: usize,
}

impl Tile {
    /// `op` in `colour`, drawn with `transform`, over the part of its bounds within `page`.
    pub fn of(op: &Op, colour: Rgba, transform: sk::Transform, page: sk::IntRect) -> Option<Tile> {
        let area = op.bounds(transform)?.outset(1.0, 1.0)?.round_out()?;
        let area = area.intersect(&page)?;
        let mut pixmap = sk::Pixmap::new(area.width(), area.height())?;
        let shift = transform.post_translate(-area.x() as f32, -area.y() as f32);
        op.paint(&mut pixmap.as_mut(), &solid(colour), shift, None);
        Some(Tile {
            pixmap,
            left: area.x().max(0) as usize,
            top: area.y().max(0) as usize,
        })
    }

    /// Lays the tile's rows within `band` (whose first row is page row `top`) over it, through
    /// `mask` (the band's) when given.
    pub fn lay_over(&self, band: &mut sk::PixmapMut<'_>, top: usize, mask: Option<&sk::Mask>) {
        let (width, rows) = (band.width() as usize, band.height() as usize);
        let tile_width = self.pixmap.width() as usize;
        let from = self.top.max(top);
        let to = (self.top + self.pixmap.height() as usize).min(top + rows);
        let columns = tile_width.min(width.saturating_sub(self.left));
        let (pixels, tile) = (band.data_mut(), self.pixmap.data());
        for y in from..to {
            let at = (y - top) * width + self.left;
            let source = &tile[(y - self.top) * tile_width * 4..][..columns * 4];
            let target = &mut pixels[at * 4..(at + columns) * 4];
            let shares = mask.map(|m| &m.data()[at..at + columns]);
            for (x, (s, d)) in source
                .chunks_exact(4)
                .zip(target.chunks_exact_mut(4))
                .enumerate()
            {
                let share = shares.map_or(255, |m| u32::from(m[x]));
                if s[3] == 0 || share == 0 {
                    continue;
                }
                let s = [s[0], s[1], s[2], s[3]].map(|c| (u32::from(c) * share + 127) / 255);
                let keep = 255 - s[3];
                for (d, s) in d.iter_mut().zip(s) {
                    *d = (s + (u32::from(*d) * keep + 127) / 255) as u8;
                }
            }
        }
    }
}
