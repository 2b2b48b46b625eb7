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
use crate::basemap::{Basemaps, ProjectedBasemap, Scale, point_in_triangle};
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

/// The cell centres of a grid: `columns` × `rows` of them, `step` metres apart, the first at
/// ((i + ½)·step, (j + ½)·step) for `first` = (i, j).
struct Lattice {
    first: (i64, i64),
    columns: usize,
    rows: usize,
    step: f64,
}

impl Lattice {
    fn centre(&self, column: usize, row: usize) -> MapXy {
        MapXy {
            x: (self.first.0 as f64 + column as f64 + 0.5) * self.step,
            y: (self.first.1 as f64 + row as f64 + 0.5) * self.step,
        }
    }

    /// Which centres lie on land (row by row), the same answer as
    /// [`ProjectedBasemap::is_land`] for each, found triangle by triangle: each land triangle
    /// tests only the centres within its bounds, so the work grows with triangles plus cells
    /// rather than their product.
    fn land_mask(&self, base: &ProjectedBasemap) -> Vec<bool> {
        let mut mask = vec![false; self.columns * self.rows];
        // The index range of centres within [lo, hi] along one axis.
        let span = |lo: f64, hi: f64, first: i64, count: usize| {
            let from = ((lo / self.step - 0.5).ceil() as i64 - first).max(0);
            let to = ((hi / self.step - 0.5).floor() as i64 - first).min(count as i64 - 1);
            from..=to
        };
        for mesh in base.land_meshes().iter() {
            for [a, b, c] in mesh.triangles() {
                let (lo_x, hi_x) = (a.x.min(b.x).min(c.x), a.x.max(b.x).max(c.x));
                let (lo_y, hi_y) = (a.y.min(b.y).min(c.y), a.y.max(b.y).max(c.y));
                for row in span(lo_y, hi_y, self.first.1, self.rows) {
                    for column in span(lo_x, hi_x, self.first.0, self.columns) {
                        let (row, column) = (row as usize, column as usize);
                        let at = row * self.columns + column;
                        if !mask[at] && point_in_triangle(self.centre(column, row), a, b, c) {
                            mask[at] = true;
                        }
                    }
                }
            }
        }
        mask
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
        let (w, s, e, n) = (
            a.grid_west_deg,
            a.grid_south_deg,
            a.grid_east_deg,
            a.grid_north_deg,
        );
        let land = if a.grid_land_only {
            basemaps
                .get(Scale::Medium50m, ProjectionKind::EuropeEqualArea)
                .ok()
        } else {
            None
        };
        let mut cells = Vec::new();
        // `clamped` keeps the span within MAX_GRID_CELLS, so the loops below are bounded.
        if let Some(span) = a.grid_span(a.grid_cell_km) {
            let lattice = Lattice {
                first: span.first,
                columns: span.columns as usize,
                rows: span.rows as usize,
                step: a.grid_cell_km * 1000.0,
            };
            let on_land = land.as_deref().map(|b| lattice.land_mask(b));
            for row in 0..lattice.rows {
                for column in 0..lattice.columns {
                    let centre = lattice.centre(column, row);
                    if on_land
                        .as_ref()
                        .is_some_and(|mask| !mask[row * lattice.columns + column])
                    {
                        continue;
                    }
                    let Some(cell) = Cell::at(centre) else {
                        continue;
                    };
                    let (lon, lat) = (cell.lon, cell.lat);
                    if !(lon >= w && lon <= e && lat >= s && lat <= n) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The mask found triangle by triangle says exactly what testing each centre against every
    /// land mesh says, over Europe at 50 km and over a small patch at 10 km.
    #[test]
    fn the_land_mask_agrees_with_testing_each_centre() {
        let basemaps = Basemaps::default();
        let base = basemaps
            .get(Scale::Medium50m, ProjectionKind::EuropeEqualArea)
            .expect("the 1:50m basemap");
        for lattice in [
            Lattice {
                first: (40, 10),
                columns: 90,
                rows: 80,
                step: 50_000.0,
            },
            Lattice {
                first: (392, 326),
                columns: 40,
                rows: 30,
                step: 10_000.0,
            },
        ] {
            let mask = lattice.land_mask(&base);
            let mut land = 0;
            for row in 0..lattice.rows {
                for column in 0..lattice.columns {
                    let centre = lattice.centre(column, row);
                    let expected = base.is_land(centre);
                    assert_eq!(mask[row * lattice.columns + column], expected, "{centre:?}");
                    land += usize::from(expected);
                }
            }
            // Both land and sea are in each patch, so the comparison means something.
            assert!(land > 0 && land < mask.len(), "{land} of {}", mask.len());
        }
    }
}
