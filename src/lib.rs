//! BMD Atlas: European ballistic-missile defence on a map.
//!
//! Data flows one way: a [`scenario::Scenario`] (plain data, the only thing saved) is turned into a
//! [`scene::Scene`] (a display list in projected metres) for a [`scene::MapView`]; the window
//! ([`render::egui_painter`]) and the exports draw the same scene.

pub mod analysis;
pub mod app;
pub mod basemap;
pub mod cli;
pub mod command;
pub mod cooperation;
pub mod exchange;
pub mod export;
pub mod font;
pub mod format;
pub mod geodesy;
pub mod picture;
pub mod platform;
pub mod provenance;
pub mod render;
pub mod scenario;
pub mod scene;
pub mod symbology;
