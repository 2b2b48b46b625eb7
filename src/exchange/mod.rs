//! Exchange with GIS tools: the visible picture as GeoJSON (QGIS, geojson.io) and KML (Google
//! Earth), and sites imported from GeoJSON and CSV.
//!
//! Exports write the same [`Picture`](crate::picture::Picture) the window draws, in
//! longitude/latitude rather than in a map projection, with the facts a GIS user needs (ids,
//! kind, side, status, source, uncertainty) as properties and the features' looks as styles.
//! Imports give sites that pass the scenario's validation, and say for every rejected row where
//! it is and what is wrong.
//!
//! ```
//! use bmd_atlas::{exchange, picture::{FeatureKind, Picture}};
//! let s = bmd_atlas::scenario::built_in();
//! let picture = Picture::build(&s, &s.presentation.layers, None);
//! let geojson = exchange::to_geojson(&s, &picture);
//! let back = exchange::from_geojson(&geojson, "export.geojson", &Default::default()).unwrap();
//! let sites = picture.features.iter().filter(|f| matches!(f.kind, FeatureKind::Site(_)));
//! assert_eq!(back.sites.len(), sites.count());
//! ```

mod csv;
mod geojson;
mod geometry;
mod import;
mod kml;

pub use crate::format::xml_escape;
pub use csv::{CsvError, Field, Record, parse_csv};
pub use geojson::to_geojson;
pub use geometry::{Geometry, of_feature, shoelace};
pub use import::{
    CSV_COLUMNS, ImportError, ImportOptions, Imported, from_csv, from_geojson, import_file,
    parse_kind, parse_side, parse_status_years,
};
pub use kml::{KML_NAMESPACE, to_kml};
