//! Geometry on the WGS84 ellipsoid and the map projections.
//!
//! Units are in the names: [`geo::Point`] is longitude/latitude in degrees, [`MapXy`] is metres in a
//! projection's plane, and distances are metres unless a name says `_km`.

pub mod measure;
mod projection;
mod rings;

pub use projection::{
    AzimuthalEquidistant, Centre, CentreDegrees, LambertEqualAreaEurope, MapXy,
    NorthPolarEquidistant, Projection, ProjectionKind, Projector, projected_box,
};
pub use rings::{
    bearing_deg, coverage_fan, destination, distance_m, great_circle_arc, range_ring,
    unwrapped_line,
};
