//! Back ends that draw a [`crate::scene::Scene`]: the egui painter for the window, the SVG writer
//! (SVG and PDF pages) and the direct rasteriser (PNG pages), the last two over the same map
//! geometry ([`geometry`]).

pub mod egui_painter;
mod egui_symbols;
pub mod geometry;
pub mod military;
pub mod raster;
pub mod svg;

pub use geometry::{MapOptions, MapStats};
