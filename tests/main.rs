//! The integration tests, in one binary.
//!
//! One test binary instead of one per file: each binary links the whole egui stack, so twenty of
//! them took twenty links and several gigabytes of disk (CI once ran out of space mid-build). The
//! files stay as they were; each is a module here.

mod common;

mod analysis;
mod analysis_cli;
mod analysis_ui;
mod analysis_v1;
mod animation;
mod annotations;
mod calm_panel;
mod centred;
mod cli;
mod commands;
mod data;
mod editing;
mod engagement;
mod engagement_ui;
mod exchange;
mod export;
mod export_ui;
mod files;
mod files_ui;
mod footprint;
mod honest_messages;
mod hostile_pages;
mod import;
mod layering;
mod legibility;
mod measure;
mod pages;
mod picture;
mod platform;
mod provenance;
mod raster;
mod raster_parity;
mod scenario_panel;
mod state;
mod studies;
mod symbol_size;
mod symbology;
mod ui;
mod uncertainty;
