//! Arbitrary text into the CSV and GeoJSON importers: results or errors, never a panic.
#![no_main]

use bmd_atlas::exchange::{ImportOptions, from_csv, from_geojson};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = ImportOptions::default();
    let _ = from_csv(text, "fuzz.csv", &options);
    let _ = from_geojson(text, "fuzz.geojson", &options);
});
