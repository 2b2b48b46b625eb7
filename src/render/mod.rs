//! Back ends that draw a [`crate::scene::Scene`]: the egui painter for the window.

pub mod egui_painter;
pub mod svg;
