//! The defended footprint as smooth regions: the analysis grid's cells of each state outlined
//! ([`super::contour`]), clipped to land where only land cells count, as areas with holes.
//!
//! The grid cells are squares of the Europe equal-area projection (EPSG:3035), so the outlines
//! are drawn there and only then turned into longitude and latitude; their area in that
//! projection is their area on the Earth, which is what the tests compare with the cell count.
//!
//! Where only land counts, a cell's region must stop at the coast rather than half a cell out
//! to sea: the sea points next to a land cell take that cell's state before outlining (so the
//! outline runs out to sea), and the outline is then cut along the coast of the same land
//! polygons the grid was built from.

use geo::{
    Area, BooleanOps, BoundingRect, Contains, Distance, Euclidean, InteriorPoint, Intersects,
    MapCoords, MultiPolygon, Polygon,
};
use serde_json::json;

use super::analysis_layers::{DEFENDED, PARTIAL, UNDEFENDED};
use super::contour::{self, Lattice};
use super::style::{Rgba, Stroke};
use super::{Feature, FeatureKind, FeatureState, Geometry, Look, properties};
use crate::analysis::{Analysis, CellState, CityDefence, Grid};
use crate::geodesy::{MapXy, ProjectionKind};
use crate::scenario::Layer;

/// The states drawn, in drawing order.
const DRAWN: [CellState; 3] = [
    CellState::Undefended,
    CellState::Partial,
    CellState::Defended,
];

/// How each grid cell is drawn for a footprint choice: `None` for all launch areas together
/// (defended, partly defended, undefended), or one launch area's site id (defended or not).
pub fn cell_states(result: &Analysis, launch_area: Option<&str>) -> Vec<CellState> {
    let d = &result.defended;
    match launch_area {
        None => d.cells.clone(),
        Some(id) => {
            let mut out = vec![CellState::Unthreatened; d.cells.len()];
            if let Some(f) = d.footprints.iter().find(|f| f.id == id) {
                for (&cell, &ok) in f.threatened.iter().zip(&f.defended) {
                    if let Some(c) = out.get_mut(cell as usize) {
                        *c = if ok {
                            CellState::Defended
                        } else {
                            CellState::Undefended
                        };
                    }
                }
            }
            out
        }
    }
}

/// The cells of each drawn state as smooth polygons in EPSG:3035 metres, clipped to land when
/// the grid holds land cells only (and the land outlines can be read).
///
/// ```
/// use bmd_atlas::{analysis, picture::footprint};
/// let result = analysis::analyze(&bmd_atlas::scenario::built_in());
/// let states = footprint::cell_states(&result, None);
/// let regions = footprint::regions(&result.defended.grid, &states);
/// assert!(regions.iter().any(|(_, polygons)| !polygons.0.is_empty()));
/// ```
pub fn regions(grid: &Grid, states: &[CellState]) -> Vec<(CellState, MultiPolygon<f64>)> {
    let Some(layout) = Layout::of(grid) else {
        return Vec::new();
    };
    let lattice = layout.states(grid, states);
    let land = grid.coast.as_deref();
    DRAWN
        .iter()
        .map(|&state| {
            let cells = Lattice {
                columns: layout.columns,
                rows: layout.rows,
                weight: weights(&layout, &lattice, state, land.is_some()),
            };
            let polygons: Vec<Polygon<f64>> = contour::outline(&cells)
                .iter()
                .map(|p| layout.to_metres(p))
                .collect();
            let mut region = MultiPolygon::new(polygons);
            if let Some(land) = &land {
                region = clip_to(region, land);
            }
            (state, without_specks(region, layout.step))
        })
        .collect()
}

/// Smallest polygon or hole kept, as a share of one cell's area: cutting the outline along the
/// coast leaves slivers and islets far smaller than a cell, which the grid cannot resolve and a
/// map at briefing scale cannot show.
const SPECK_CELLS: f64 = 0.05;

/// `region` without polygons and holes smaller than [`SPECK_CELLS`] of a `step`-metre cell.
fn without_specks(region: MultiPolygon<f64>, step: f64) -> MultiPolygon<f64> {
    let least = SPECK_CELLS * step * step;
    let big =
        |ring: &geo::LineString<f64>| Polygon::new(ring.clone(), vec![]).unsigned_area() >= least;
    region
        .into_iter()
        .filter(|p| big(p.exterior()))
        .map(|p| {
            let (exterior, holes) = p.into_inner();
            Polygon::new(exterior, holes.into_iter().filter(|h| big(h)).collect())
        })
        .collect()
}

/// Where the grid's cells lie on the lattice of cell centres.
struct Layout {
    /// Cell side, metres.
    step: f64,
    /// Lattice index of column 0 and row 0, less one (a border of empty cells).
    i0: i64,
    j0: i64,
    columns: usize,
    rows: usize,
}

impl Layout {
    fn of(grid: &Grid) -> Option<Layout> {
        let step = grid.cell_km * 1000.0;
        if step.is_nan() || step <= 0.0 || grid.cells.is_empty() {
            return None;
        }
        let index = |v: f64| (v / step - 0.5).round() as i64;
        let (mut i_min, mut i_max, mut j_min, mut j_max) = (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
        for c in &grid.cells {
            let (i, j) = (index(c.centre.x), index(c.centre.y));
            (i_min, i_max) = (i_min.min(i), i_max.max(i));
            (j_min, j_max) = (j_min.min(j), j_max.max(j));
        }
        Some(Layout {
            step,
            i0: i_min - 1,
            j0: j_min - 1,
            columns: usize::try_from(i_max - i_min + 3).ok()?,
            rows: usize::try_from(j_max - j_min + 3).ok()?,
        })
    }

    /// The lattice slot of a cell centre, if it is on the lattice.
    fn slot(&self, centre: MapXy) -> Option<usize> {
        let i = (centre.x / self.step - 0.5).round() as i64 - self.i0;
        let j = (centre.y / self.step - 0.5).round() as i64 - self.j0;
        let (i, j) = (usize::try_from(i).ok()?, usize::try_from(j).ok()?);
        (i < self.columns && j < self.rows).then_some(j * self.columns + i)
    }

    /// Each slot's state: `None` where the grid has no cell (sea, or outside its box).
    fn states(&self, grid: &Grid, states: &[CellState]) -> Vec<Option<CellState>> {
        let mut out = vec![None; self.columns * self.rows];
        for (cell, &state) in grid.cells.iter().zip(states) {
            if let Some(k) = self.slot(cell.centre) {
                out[k] = Some(state);
            }
        }
        out
    }

    /// A polygon in lattice units (relative to the layout) in EPSG:3035 metres.
    fn to_metres(&self, p: &Polygon<f64>) -> Polygon<f64> {
        let (i0, j0, step) = (self.i0 as f64, self.j0 as f64, self.step);
        p.map_coords(|c| geo::Coord {
            x: (i0 + c.x + 0.5) * step,
            y: (j0 + c.y + 0.5) * step,
        })
    }
}

/// Weight of a sea slot next to a coastal cell of the state: the outline reaches a third of a
/// cell past the coastal cell's edge (½ / (1 − 0.4) ≈ 0.83 cells from its centre), then follows
/// the coast. The grid counts a coastal cell whole when its centre is on land and not at all
/// otherwise; the outline, cut along the real coast, cannot do both. A full weight would add all
/// the land of the sea cells next to the coast (+10 % area in the built-in scenario's
/// undefended region), none would cut the land of the coastal cells beyond their square (−8 %
/// in its defended region, whose islands the grid counts as whole cells); 0.4 gives +1.8 % and
/// −4.4 %, and the footprint tests hold every region within 5 % of its cell count.
const SEA_WEIGHT: f64 = 0.4;

/// The contour weights for `state`: 1 on its cells, [`SEA_WEIGHT`] on empty slots next to one
/// when `coast` (the outline is to be clipped to land), 0 elsewhere.
fn weights(
    layout: &Layout,
    lattice: &[Option<CellState>],
    state: CellState,
    coast: bool,
) -> Vec<f64> {
    let (w, h) = (layout.columns as i64, layout.rows as i64);
    let is_state = |i: i64, j: i64| {
        i >= 0 && j >= 0 && i < w && j < h && lattice[(j * w + i) as usize] == Some(state)
    };
    let mut out = vec![0.0; lattice.len()];
    for j in 0..h {
        for i in 0..w {
            let k = (j * w + i) as usize;
            out[k] = match lattice[k] {
                Some(s) if s == state => 1.0,
                None if coast && NEIGHBOURS.iter().any(|(di, dj)| is_state(i + di, j + dj)) => {
                    SEA_WEIGHT
                }
                _ => 0.0,
            };
        }
    }
    out
}

const NEIGHBOURS: [(i64, i64); 8] = [
    (-1, -1),
    (0, -1),
    (1, -1),
    (-1, 0),
    (1, 0),
    (-1, 1),
    (0, 1),
    (1, 1),
];

/// `region` less what lies off `land` (only the land polygons near it take part).
fn clip_to(region: MultiPolygon<f64>, land: &[Polygon<f64>]) -> MultiPolygon<f64> {
    let Some(bounds) = region.bounding_rect() else {
        return region;
    };
    let near: Vec<Polygon<f64>> = land
        .iter()
        .filter(|p| p.bounding_rect().is_some_and(|b| b.intersects(&bounds)))
        .cloned()
        .collect();
    region.intersection(&MultiPolygon::new(near))
}

/// Adds the defended footprint for a choice of launch area (see [`cell_states`]): one area
/// feature per smooth region, under everything else.
///
/// ```
/// use bmd_atlas::{analysis, picture::footprint};
/// let result = analysis::analyze(&bmd_atlas::scenario::built_in());
/// let mut features = Vec::new();
/// footprint::features(&result, None, &mut features);
/// assert!(!features.is_empty());
/// ```
pub fn features(result: &Analysis, launch_area: Option<&str>, out: &mut Vec<Feature>) {
    let laea = ProjectionKind::EuropeEqualArea.projection();
    let to_lon_lat = |ls: &geo::LineString<f64>| -> Option<Vec<geo::Point<f64>>> {
        ls.coords()
            .map(|c| laea.inverse(MapXy { x: c.x, y: c.y }))
            .collect()
    };
    let states = cell_states(result, launch_area);
    let polygons: Vec<(CellState, Polygon<f64>)> = regions(&result.defended.grid, &states)
        .into_iter()
        .flat_map(|(state, region)| region.into_iter().map(move |p| (state, p)))
        .collect();
    let held = cities_held(result, &polygons);
    for ((state, polygon), cities) in polygons.iter().zip(held) {
        let Some(inside) = polygon.interior_point() else {
            continue;
        };
        let (Some(ring), Some(inside)) = (
            to_lon_lat(polygon.exterior()),
            laea.inverse(MapXy {
                x: inside.x(),
                y: inside.y(),
            }),
        ) else {
            continue;
        };
        let holes = polygon.interiors().iter().filter_map(to_lon_lat).collect();
        let n = out.len();
        let mut feature = region_feature(result, (ring, holes, inside), *state, launch_area, n);
        feature.properties.extend(held_properties(&cities));
        out.push(feature);
    }
}

/// For each region, the scenario's cities it holds: those of its state inside it, and those of
/// its state inside none but within a cell's width of it (a city on a strait's shore, as
/// Istanbul on the Bosporus, falls outside regions clipped to the coast). Each city goes to one
/// region at most, so the regions' populations add up to the analysis's.
fn cities_held<'a>(
    result: &'a Analysis,
    polygons: &[(CellState, Polygon<f64>)],
) -> Vec<Vec<&'a CityDefence>> {
    let laea = ProjectionKind::EuropeEqualArea.projection();
    let reach_m = result.defended.grid.cell_km * 1000.0;
    let mut held: Vec<Vec<&CityDefence>> = vec![Vec::new(); polygons.len()];
    for city in &result.defended.cities {
        let Some(p) = laea.forward(geo::Point::new(city.lon, city.lat)) else {
            continue;
        };
        let at = geo::Point::new(p.x, p.y);
        let own: Vec<usize> = (0..polygons.len())
            .filter(|&i| polygons[i].0 == city.state)
            .collect();
        let inside = own.iter().copied().find(|&i| polygons[i].1.contains(&at));
        let nearest = || {
            own.iter()
                .map(|&i| (i, Euclidean.distance(&at, &polygons[i].1)))
                .filter(|(_, d)| *d <= reach_m)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| i)
        };
        if let Some(i) = inside.or_else(nearest) {
            held[i].push(city);
        }
    }
    held
}
/// A region's cities, their population and the batteries defending them by id, for its GeoJSON
/// and KML properties.
fn held_properties(cities: &[&CityDefence]) -> serde_json::Map<String, serde_json::Value> {
    let population: u64 = cities.iter().map(|c| c.population).sum();
    let mut batteries: Vec<&str> = cities
        .iter()
        .flat_map(|c| c.battery_ids.iter().map(String::as_str))
        .collect();
    batteries.sort_unstable();
    batteries.dedup();
    let names: Vec<&str> = cities.iter().map(|c| c.name.as_str()).collect();
    properties(vec![
        ("cities", json!(names)),
        ("population", json!(population)),
        ("battery_ids", json!(batteries)),
    ])
}

fn caption(state: CellState, launch_area: Option<&str>) -> String {
    let whom = match launch_area {
        None => "every launch area that threatens it",
        Some(_) => "this launch area",
    };
    match state {
        CellState::Defended => format!("Defended against {whom}"),
        CellState::Partial => "Defended against some of the launch areas that threaten it".into(),
        CellState::Undefended => "Within reach of Iranian missiles, not defended".into(),
        CellState::Unthreatened => String::new(),
    }
}

fn look(state: CellState) -> (FeatureState, Rgba) {
    match state {
        CellState::Defended => (FeatureState::Defended, DEFENDED),
        CellState::Partial => (FeatureState::PartlyDefended, PARTIAL),
        CellState::Undefended | CellState::Unthreatened => (FeatureState::Undefended, UNDEFENDED),
    }
}

type LonLatRings = (
    Vec<geo::Point<f64>>,
    Vec<Vec<geo::Point<f64>>>,
    geo::Point<f64>,
);

fn region_feature(
    result: &Analysis,
    (ring, holes, inside): LonLatRings,
    state: CellState,
    launch_area: Option<&str>,
    n: usize,
) -> Feature {
    let caption = caption(state, launch_area);
    let (state, fill) = look(state);
    Feature {
        id: format!("footprint:{n}"),
        layer: Layer::Footprint,
        kind: FeatureKind::Footprint,
        state,
        geometry: Geometry::Area {
            ring,
            holes,
            inside,
            label_at: None,
        },
        name: caption.clone(),
        label: String::new(),
        caption,
        priority: 0,
        look: Look::area(Stroke::solid(0.0, fill.with_alpha(0)), Some(fill)),
        item: None,
        properties: properties(vec![
            ("launch_area", json!(launch_area)),
            ("year", json!(result.year)),
            ("model", json!(result.model)),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Cell;
    use geo::Area;

    /// A 5 × 5 block of 50 km cells in Poland: `pattern` rows north first, `D` defended, `U`
    /// undefended, `.` unthreatened.
    fn grid(pattern: &[&str]) -> (Grid, Vec<CellState>) {
        let (mut cells, mut states) = (Vec::new(), Vec::new());
        for (r, row) in pattern.iter().rev().enumerate() {
            for (c, ch) in row.chars().enumerate() {
                let centre = MapXy {
                    x: 4_800_000.0 + (c as f64 + 0.5) * 50_000.0,
                    y: 3_200_000.0 + (r as f64 + 0.5) * 50_000.0,
                };
                cells.extend(Cell::at(centre));
                states.push(match ch {
                    'D' => CellState::Defended,
                    'U' => CellState::Undefended,
                    _ => CellState::Unthreatened,
                });
            }
        }
        let grid = Grid {
            cell_km: 50.0,
            cells,
            land_only: false,
            coast: None,
        };
        (grid, states)
    }

    fn of(regions: &[(CellState, MultiPolygon<f64>)], state: CellState) -> &MultiPolygon<f64> {
        &regions.iter().find(|(s, _)| *s == state).expect("drawn").1
    }

    #[test]
    fn a_region_within_another_is_a_hole_in_it_not_painted_over() {
        let (g, states) = grid(&["DDDDD", "DDDDD", "DDUDD", "DDDDD", "DDDDD"]);
        let regions = regions(&g, &states);
        let defended = of(&regions, CellState::Defended);
        assert_eq!(defended.0.len(), 1);
        assert_eq!(defended.0[0].interiors().len(), 1);
        let undefended = of(&regions, CellState::Undefended);
        assert_eq!(undefended.0.len(), 1);
        assert!(undefended.0[0].interiors().is_empty());
    }

    #[test]
    fn neighbouring_regions_meet_without_a_gap() {
        let (g, states) = grid(&["DDDDD", "DDDDD", "DDUUD", "DDUDD", "DDDDD"]);
        let regions = regions(&g, &states);
        let hole = Polygon::new(
            of(&regions, CellState::Defended).0[0].interiors()[0].clone(),
            vec![],
        );
        let undefended = of(&regions, CellState::Undefended);
        let (a, b) = (hole.unsigned_area(), undefended.unsigned_area());
        assert!((a - b).abs() < 0.01 * b, "hole {a} m², region {b} m²");
    }
}
