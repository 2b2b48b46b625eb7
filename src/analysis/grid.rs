//! The grid of target points for the defended-area count.
//!
//! Cells are squares in the Europe equal-area projection (EPSG:3035, Lambert azimuthal
//! equal-area on GRS80), aligned like the EU's statistical grids (edges at whole multiples of the
//! cell size). Because the projection preserves area, every cell covers exactly `cell_km²` of the
//! ellipsoid, so adding up cells adds up real area. A cell counts as defended when its centre is.

use std::sync::Arc;

use geo::Polygon;

use super::Assumptions;
use super::vec3::V3;
use crate::basemap::{Basemaps, Scale};
use crate::geodesy::{MapXy, ProjectionKind};

/// One grid cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// Centre in EPSG:3035 metres.
    pub centre: MapXy,
    /// Centre longitude and latitude, degrees.
    pub lon: f64,
    pub lat: f64,
    /// Centre as a unit vector on the analysis sphere.
    pub unit: V3,
}

impl Cell {
    /// The cell centred at `centre` (EPSG:3035 metres); `None` off the projection.
    pub fn at(centre: MapXy) -> Option<Cell> {
        let ll = ProjectionKind::EuropeEqualArea
            .projection()
            .inverse(centre)?;
        let (lon, lat) = (ll.x(), ll.y());
        Some(Cell {
            centre,
            lon,
            lat,
            unit: V3::from_lon_lat(lon, lat),
        })
    }
}

/// The cells of the defended-area grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Side of a cell, km.
    pub cell_km: f64,
    pub cells: Vec<Cell>,
    /// Whether only land cells were kept (false if that was not asked for or the basemap could
    /// not be read).
    pub land_only: bool,
    /// The land the cells were kept on, as polygons in EPSG:3035 metres (the 1:50m coast), for
    /// footprints drawn along the coast; `None` when every cell was kept or it could not be read.
    pub coast: Option<Arc<Vec<Polygon<f64>>>>,
}

impl Grid {
    /// The area of one cell, km².
    pub fn cell_area_km2(&self) -> f64 {
        self.cell_km * self.cell_km
    }

    /// The four corners of cell `i` in EPSG:3035 metres, counter-clockwise from south-west.
    pub fn corners(&self, i: usize) -> Option<[MapXy; 4]> {
        let c = self.cells.get(i)?.centre;
        let h = self.cell_km * 500.0;
        Some([
            MapXy {
                x: c.x - h,
                y: c.y - h,
            },
            MapXy {
                x: c.x + h,
                y: c.y - h,
            },
            MapXy {
                x: c.x + h,
                y: c.y + h,
            },
            MapXy {
                x: c.x - h,
                y: c.y + h,
            },
        ])
    }

    /// Builds the grid for the assumptions' cell size and extent, land cells read from the
    /// 1:50m basemap in `basemaps` when only land counts.
    ///
    /// ```
    /// let mut a = bmd_atlas::analysis::Assumptions::default();
    /// a.grid_land_only = false;
    /// let g = bmd_atlas::analysis::Grid::build(&a, &bmd_atlas::basemap::Basemaps::default());
    /// assert!(g.cells.len() > 1000);
    /// assert!(g.cells.iter().all(|c| (-25.0..=45.0).contains(&c.lon)));
    /// ```
    pub fn build(a: &Assumptions, basemaps: &Basemaps) -> Grid {
        let a = a.clamped();
        let proj = ProjectionKind::EuropeEqualArea.projection();
        let (w, s, e, n) = (
            a.grid_west_deg,
            a.grid_south_deg,
            a.grid_east_deg,
            a.grid_north_deg,
        );
        let (min, max) = crate::geodesy::projected_box(proj, [w, s, e, n], 64).unwrap_or((
            MapXy {
                x: f64::INFINITY,
                y: f64::INFINITY,
            },
            MapXy {
                x: f64::NEG_INFINITY,
                y: f64::NEG_INFINITY,
            },
        ));
        let land = if a.grid_land_only {
            basemaps
                .get(Scale::Medium50m, ProjectionKind::EuropeEqualArea)
                .ok()
        } else {
            None
        };
        let step = a.grid_cell_km * 1000.0;
        let mut cells = Vec::new();
        if min.x.is_finite() && max.x.is_finite() {
            let (i0, i1) = ((min.x / step).floor() as i64, (max.x / step).ceil() as i64);
            let (j0, j1) = ((min.y / step).floor() as i64, (max.y / step).ceil() as i64);
            for j in j0..j1 {
                for i in i0..i1 {
                    let centre = MapXy {
                        x: (i as f64 + 0.5) * step,
                        y: (j as f64 + 0.5) * step,
                    };
                    let Some(cell) = Cell::at(centre) else {
                        continue;
                    };
                    let (lon, lat) = (cell.lon, cell.lat);
                    if !(lon >= w && lon <= e && lat >= s && lat <= n) {
                        continue;
                    }
                    if land.as_ref().is_some_and(|b| !b.is_land(centre)) {
                        continue;
                    }
                    cells.push(cell);
                }
            }
        }
        Grid {
            cell_km: a.grid_cell_km,
            cells,
            land_only: land.is_some(),
            coast: land.and_then(|b| b.land_polygons().ok()),
        }
    }
}
