//! Natural Earth outlines from `maps/`, embedded in the binary, at three levels of detail.
//!
//! The data are world-atlas's TopoJSON conversions of Natural Earth (see `maps/README.md`), stored
//! losslessly in a compact varint form (`*.topo.bin`, written by
//! `tools/basemap-topojson-to-bin.py`). [`project()`] turns one scale into what the renderer draws
//! in one projection: land triangulated for filling, coastlines and borders as polylines, all
//! clipped to the projection's region; a [`Basemaps`] value keeps each result for its owner, so
//! switching back is instant.
//!
//! Pipeline, per polygon or line, all in longitude/latitude until the projection step:
//! decode → clip to [`ProjectionKind::region`] (polygons: Sutherland–Hodgman edge by edge, with
//! the pieces inside re-linked into separate rings; lines: segment clipping; both aware of
//! world-atlas edges across the antimeridian) → cut big land polygons into pieces of at most
//! 2 500 points → densify to 1° steps (box edges along parallels and meridians curve once
//! projected) → project → triangulate (earcut) or keep as a polyline.
//!
//! [`ProjectionKind::region`]: crate::geodesy::ProjectionKind::region
//!
//! The finest scale is also kept in `maps/` already projected in each projection ([`packed`]),
//! and [`Basemaps`] reads that instead of running the pipeline.
//!
//! The scales and their data are in `scale`, the projected shapes in `shapes`, the pipeline in
//! `project`, the owner's store in `store`, clipping in `clip` and
//! the TopoJSON decoding in `topology`.

mod clip;
pub mod packed;
mod places;
mod project;
mod scale;
mod shapes;
mod store;
pub mod topology;

pub use places::place_name;
pub use project::{ProjectedBasemap, project};
pub use scale::Scale;
pub use shapes::{BoundsXy, FillMesh, LandPiece, Polyline, point_in_triangle};
pub use store::Basemaps;
