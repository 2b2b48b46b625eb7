//! Natural Earth's three scales and their embedded topologies.

use super::topology::Topology;

/// Natural Earth's three scales, coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scale {
    /// 1:110 million: the whole world in ~8 000 points per layer.
    Coarse110m,
    /// 1:50 million: ~80 000 points.
    Medium50m,
    /// 1:10 million: ~400 000–480 000 points.
    Fine10m,
}

// The embedded `.topo.bin` files (see `maps/README.md`). A decode failure of these is a build
// defect (corrupt or mismatched files in `maps/`), caught by the tests; `project` still reports it
// as an error rather than panicking.
const COUNTRIES_110M: &[u8] = include_bytes!("../../maps/countries-110m.topo.bin");
const COUNTRIES_50M: &[u8] = include_bytes!("../../maps/countries-50m.topo.bin");
const COUNTRIES_10M: &[u8] = include_bytes!("../../maps/countries-10m.topo.bin");
const LAND_110M: &[u8] = include_bytes!("../../maps/land-110m.topo.bin");
const LAND_50M: &[u8] = include_bytes!("../../maps/land-50m.topo.bin");
const LAND_10M: &[u8] = include_bytes!("../../maps/land-10m.topo.bin");

impl Scale {
    /// All scales, coarse to fine.
    pub const ALL: [Scale; 3] = [Scale::Coarse110m, Scale::Medium50m, Scale::Fine10m];

    /// The level of detail for a zoom: 1:110m when a pixel covers more than 3 km, 1:50m down to
    /// 700 m per pixel, 1:10m finer than that. NaN gives the coarsest.
    pub fn for_metres_per_pixel(mpp: f64) -> Scale {
        if mpp.is_nan() || mpp > 3000.0 {
            Scale::Coarse110m
        } else if mpp >= 700.0 {
            Scale::Medium50m
        } else {
            Scale::Fine10m
        }
    }

    /// A short label for the UI: "1:110m", "1:50m" or "1:10m".
    pub fn label(self) -> &'static str {
        match self {
            Scale::Coarse110m => "1:110m",
            Scale::Medium50m => "1:50m",
            Scale::Fine10m => "1:10m",
        }
    }

    /// The embedded countries topology (objects `countries`, with names, and `land`).
    pub fn countries(self) -> Result<Topology, String> {
        let data = match self {
            Scale::Coarse110m => COUNTRIES_110M,
            Scale::Medium50m => COUNTRIES_50M,
            Scale::Fine10m => COUNTRIES_10M,
        };
        Topology::from_bin(data).map_err(|e| format!("{} countries: {e}", self.label()))
    }

    /// The embedded land topology (object `land`: Natural Earth's land polygons).
    pub fn land(self) -> Result<Topology, String> {
        let data = match self {
            Scale::Coarse110m => LAND_110M,
            Scale::Medium50m => LAND_50M,
            Scale::Fine10m => LAND_10M,
        };
        Topology::from_bin(data).map_err(|e| format!("{} land: {e}", self.label()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_scales_decode_with_more_detail_at_finer_scales() {
        let mut previous: Option<(usize, usize)> = None;
        for scale in Scale::ALL {
            let countries = scale.countries().unwrap();
            let land = scale.land().unwrap();
            let names: Vec<&str> = countries
                .object("countries")
                .unwrap()
                .geometries
                .iter()
                .filter_map(|g| g.name.as_deref())
                .collect();
            assert!(names.len() >= 170, "{scale:?}: {} countries", names.len());
            for name in ["Germany", "France", "Poland", "Russia", "Greenland", "Iran"] {
                assert!(names.contains(&name), "{scale:?}: no {name}");
            }
            let land_polygons = land.object("land").unwrap().geometries[0].polygons.len();
            assert!(
                land_polygons >= 100,
                "{scale:?}: {land_polygons} land polygons"
            );
            let points = (countries.point_count(), land.point_count());
            if let Some(coarser) = previous {
                assert!(
                    points.0 > coarser.0 && points.1 > coarser.1,
                    "{scale:?}: {points:?} vs {coarser:?}"
                );
            }
            previous = Some(points);
        }
    }

    #[test]
    fn scale_for_zoom_and_labels() {
        assert_eq!(Scale::for_metres_per_pixel(10_000.0), Scale::Coarse110m);
        assert_eq!(Scale::for_metres_per_pixel(3_000.1), Scale::Coarse110m);
        assert_eq!(Scale::for_metres_per_pixel(3_000.0), Scale::Medium50m);
        assert_eq!(Scale::for_metres_per_pixel(700.0), Scale::Medium50m);
        assert_eq!(Scale::for_metres_per_pixel(699.9), Scale::Fine10m);
        assert_eq!(Scale::for_metres_per_pixel(5.0), Scale::Fine10m);
        assert_eq!(Scale::for_metres_per_pixel(f64::NAN), Scale::Coarse110m);
        let labels: Vec<_> = Scale::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["1:110m", "1:50m", "1:10m"]);
    }
}
