//! Land: the outline of each triangulated land polygon, built once per basemap (kept by it), written as one
//! `fill-rule="nonzero"` path.

use std::fmt::Write as _;
use std::sync::Arc;

use super::attrs::fill_attrs;
use super::path::{MapWriter, PathData, clip_ring};
use crate::basemap::ProjectedBasemap;
use crate::scene::style;

impl MapWriter<'_> {
    pub(super) fn land(&mut self, base: &Arc<ProjectedBasemap>) {
        let outlines = base.land_outlines();
        let mut d = PathData::default();
        for (mesh, loops) in base.land.iter().zip(outlines.iter()) {
            if !mesh.bounds.intersects(&self.visible) {
                continue;
            }
            for ring in loops {
                let screen: Vec<[f64; 2]> = ring
                    .iter()
                    .map(|&i| self.screen(mesh.vertices[i as usize]))
                    .collect();
                let clipped = clip_ring(&screen, self.frame);
                let thinned = self.thin(clipped.into_iter());
                d.ring(&thinned);
            }
        }
        if !d.text.is_empty() {
            let _ = writeln!(
                self.out,
                "<path class=\"land\" d=\"{}\"{} fill-rule=\"nonzero\"/>",
                d.text,
                fill_attrs(style::LAND)
            );
        }
        self.stats.points += d.points;
    }
}
