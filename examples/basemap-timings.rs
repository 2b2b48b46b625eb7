//! Build times and sizes of the basemap, every scale in every projection, for a look at what a
//! change to the pipeline costs. Run it in a release build:
//!
//! ```text
//! cargo run --release --example basemap-timings
//! ```
//!
//! Prints one line per projection and scale: the time to decode the embedded topologies (and
//! their arc points), the time to project them (what a page needs), the time to triangulate
//! the land (what the window needs besides), and the pieces, triangles, lines and points built.

use bmd_atlas::basemap::{Scale, project};
use bmd_atlas::geodesy::ProjectionKind;

fn main() -> Result<(), String> {
    for kind in ProjectionKind::ALL {
        for scale in Scale::ALL {
            let start = std::time::Instant::now();
            let (countries, land) = (scale.countries()?, scale.land()?);
            let decoded = start.elapsed();
            let map = project(scale, kind)?;
            let total = start.elapsed() - decoded;
            let meshing = std::time::Instant::now();
            let meshes = map.land_meshes();
            let meshed = meshing.elapsed();
            println!(
                "{kind:?} {}: decode {decoded:.1?} ({} + {} arc points), project {total:.1?}, \
                 triangulate {meshed:.1?}: {} land pieces, {} triangles, {} coastlines, {} borders, {} points",
                scale.label(),
                countries.point_count(),
                land.point_count(),
                map.land.len(),
                meshes.iter().map(|m| m.indices.len() / 3).sum::<usize>(),
                map.coastlines.len(),
                map.borders.len(),
                map.point_count(),
            );
        }
    }
    Ok(())
}
