//! Exchange with GIS tools: the visible picture as GeoJSON (QGIS, geojson.io) and KML (Google
//! Earth), and sites imported from GeoJSON and CSV.
//!
//! Exports are built from the scenario the same way the scene is (its year, timeline, active
//! model and layer toggles), but on the ellipsoid in longitude/latitude rather than in a map
//! projection, with the facts a GIS user needs (ids, kind, side, status, source, uncertainty) as
//! properties. Imports give sites that pass the scenario's validation, and say for every rejected
//! row where it is and what is wrong.
//!
//! ```
//! use bmd_atlas::exchange;
//! let s = bmd_atlas::scenario::built_in();
//! let geojson = exchange::to_geojson(&s, &s.presentation.layers);
//! let back = exchange::from_geojson(&geojson, "export.geojson", &Default::default()).unwrap();
//! assert_eq!(back.sites.len(), exchange::picture(&s, &s.presentation.layers)
//!     .iter().filter(|f| f.layer == exchange::FeatureLayer::Site).count());
//! ```

pub mod cli;
mod csv;
mod geojson;
mod geometry;
mod import;
mod kml;
mod picture;

pub use csv::{CsvError, Field, Record, parse_csv};
pub use geojson::to_geojson;
pub use geometry::{Geometry, shoelace};
pub use import::{
    CSV_COLUMNS, ImportError, ImportOptions, Imported, from_csv, from_geojson, import_file,
    parse_kind, parse_side, parse_status_years,
};
pub use kml::{KML_NAMESPACE, to_kml, xml_escape};
pub use picture::{Feature, FeatureLayer, Look, picture, picture_with};
