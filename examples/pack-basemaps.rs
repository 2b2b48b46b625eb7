//! Writes the basemaps packed ahead of time (`maps/*.proj.bin`, see `bmd_atlas::basemap::packed`)
//! from the Natural Earth outlines in `maps/`. Run it after any change to the basemap pipeline
//! (the test `the_packed_basemaps_are_what_the_pipeline_builds` says when):
//!
//! ```text
//! cargo run --release --example pack-basemaps
//! ```

use bmd_atlas::basemap::{packed, project};

fn main() -> Result<(), String> {
    let maps = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    for (scale, projection) in packed::PACKED {
        let map = project(scale, projection)?;
        let bytes = packed::pack(&map);
        let path = maps.join(packed::file_name(scale, projection));
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "{}: {} points, {} bytes",
            path.display(),
            map.point_count(),
            bytes.len()
        );
    }
    Ok(())
}
