//! Result 1: the defended area and population.
//!
//! For each operational Iranian launch area, each target point in Europe within reach of the
//! longest-range missile based there is *threatened*, and that missile's flight to it (boost
//! included) is the threat. A threatened point is *defended* against that launch area when some
//! operational battery can reach the flight: a point of it within the interceptor's altitude
//! window, reachable after a launch at first detection (by a radar feeding that battery's side
//! under the cooperation model) plus the decision delay, or later (a battery may hold fire until
//! its shot is best; see [`super::Interceptor::reaches`]).
//!
//! Across launch areas a point is **defended** when it is defended against every launch area
//! that threatens it, **partly defended** against some of them, **undefended** against none.
//! Area and population add up the defended points only.

use rayon::prelude::*;
use std::sync::Arc;

use std::cell::OnceCell;

use super::flight::{Flight, FlightKey, TrackPoint};
use super::intercept::GeometryBits;
use super::radar::first_detection;
use super::{BatteryRef, Context, Grid, LaunchArea, V3};
use crate::scenario::{CityKind, Side};

/// How a grid cell or city fares against all the launch areas that threaten it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellState {
    /// No launch area's missiles reach it.
    Unthreatened,
    /// Threatened, and no battery reaches the missile from any threatening launch area.
    Undefended,
    /// Defended against some threatening launch areas but not all.
    Partial,
    /// Defended against every launch area that threatens it.
    Defended,
}

impl CellState {
    fn of(threatened: u16, defended: u16) -> CellState {
        match (threatened, defended) {
            (0, _) => CellState::Unthreatened,
            (_, 0) => CellState::Undefended,
            (t, d) if d >= t => CellState::Defended,
            _ => CellState::Partial,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CellState::Unthreatened => "out of range",
            CellState::Undefended => "undefended",
            CellState::Partial => "partly defended",
            CellState::Defended => "defended",
        }
    }
}

/// The defended footprint against one launch area.
#[derive(Clone, Debug, PartialEq)]
pub struct Footprint {
    /// Site index of the launch area.
    pub launch_area: usize,
    /// Site id of the launch area.
    pub id: String,
    pub name: String,
    /// Indices into the grid's cells of the cells its missiles reach.
    pub threatened: Vec<u32>,
    /// For each threatened cell, whether it is defended against this launch area.
    pub defended: Vec<bool>,
    pub threatened_km2: f64,
    pub defended_km2: f64,
}

/// A city's defence.
#[derive(Clone, Debug, PartialEq)]
pub struct CityDefence {
    /// Index of the city in the scenario.
    pub city: usize,
    pub name: String,
    /// Where it is, degrees.
    pub lon: f64,
    pub lat: f64,
    pub population: u64,
    /// Names of the launch areas whose missiles reach it.
    pub threatened_by: Vec<String>,
    pub state: CellState,
    /// Defended against every launch area that threatens it (and threatened by at least one).
    pub defended: bool,
    /// Batteries reaching a missile aimed at it from at least one launch area.
    pub by: Vec<String>,
    /// The same batteries by id, `site:interceptor type` ("deveselu:sm3-ib").
    pub battery_ids: Vec<String>,
}

/// Result 1.
#[derive(Clone, Debug)]
pub struct Defended {
    pub grid: Arc<Grid>,
    /// Per launch area.
    pub footprints: Vec<Footprint>,
    /// Per grid cell, against all launch areas.
    pub cells: Vec<CellState>,
    /// Area of the defended cells, km².
    pub area_km2: f64,
    /// Area of the cells threatened by at least one launch area, km².
    pub threatened_area_km2: f64,
    /// Population of the defended cities.
    pub population: u64,
    /// Population of the cities threatened by at least one launch area.
    pub threatened_population: u64,
    pub cities: Vec<CityDefence>,
    /// The operational batteries considered.
    pub batteries: Vec<String>,
    /// Caveats about this result (no basemap for the land mask, no launch area, …).
    pub notes: Vec<String>,
}

/// Per-side first detection, computed only when a battery of that side needs it.
struct DetectionCache {
    sides: Vec<(Side, Option<f64>)>,
}

impl DetectionCache {
    fn new() -> DetectionCache {
        DetectionCache { sides: Vec::new() }
    }

    fn launch_time(
        &mut self,
        ctx: &Context<'_>,
        radars: &[(Side, Vec<&super::RadarModel>)],
        side: Side,
        flight: &Flight,
    ) -> Option<f64> {
        if let Some((_, t)) = self.sides.iter().find(|(s, _)| *s == side) {
            return *t;
        }
        let list = radars
            .iter()
            .find(|(s, _)| *s == side)
            .map_or(&[][..], |(_, l)| l.as_slice());
        let t = first_detection(flight, list).map(|d| d.t_s + ctx.a.decision_delay_s);
        self.sides.push((side, t));
        t
    }
}

/// Which batteries reach the missile from `la` to `target`; stops at the first if `all` is false.
fn reaching(
    ctx: &Context<'_>,
    radars: &[(Side, Vec<&super::RadarModel>)],
    batteries: &[BatteryRef],
    la: &LaunchArea,
    target: V3,
    all: bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(flight) = ctx.memos.flight(la.unit, target, la.boost, ctx.earth) else {
        return out;
    };
    let flight_key = FlightKey::new(la.unit, target, la.boost, ctx.earth);
    // Sampled only if some battery's answer is not remembered.
    let points: OnceCell<Vec<TrackPoint>> = OnceCell::new();
    let mut detections = DetectionCache::new();
    for (i, b) in batteries.iter().enumerate() {
        let Some(launch) = detections.launch_time(ctx, radars, b.side, &flight) else {
            continue;
        };
        let model = &b.interceptor_model;
        let key = ReachKey::new(flight_key, model, launch, ctx.a.time_step_s);
        let reached = ctx.memos.reaches.get_or(key, || {
            let points = points.get_or_init(|| flight.samples(ctx.a.time_step_s));
            model.reaches(points, launch, &ctx.earth)
        });
        if reached {
            out.push(i);
            if !all {
                break;
            }
        }
    }
    out
}

/// Every input of one reach test: the flight, the interceptor (speed included), the launch time
/// and the time step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct ReachKey(FlightKey, GeometryBits, [u64; 3]);

impl ReachKey {
    fn new(flight: FlightKey, m: &super::Interceptor, launch_s: f64, step_s: f64) -> ReachKey {
        let speed = m.burnout_kms.to_bits();
        ReachKey(
            flight,
            m.geometry_bits(),
            [speed, launch_s.to_bits(), step_s.to_bits()],
        )
    }
}

/// A threatened cell: its index, and per launch area whether it is threatened and defended.
type CellRow = (usize, Vec<bool>, Vec<bool>);

/// The radars feeding each side that has an operational battery (each side once).
type Feeds<'a> = Vec<(Side, Vec<&'a super::RadarModel>)>;

/// What the defended area asks about: the Iranian launch areas, the operational batteries and
/// the radars feeding each side's batteries.
fn question<'a>(ctx: &'a Context<'_>) -> (Vec<LaunchArea>, Vec<BatteryRef>, Feeds<'a>) {
    let launch_areas = ctx.launch_areas(Side::Iran);
    let batteries = ctx.operational_batteries();
    let mut sides: Vec<Side> = batteries.iter().map(|b| b.side).collect();
    sides.sort_by_key(|s| *s as u8);
    sides.dedup();
    let radars: Feeds<'_> = sides
        .iter()
        .map(|&side| (side, ctx.feeding(side, false)))
        .collect();
    (launch_areas, batteries, radars)
}

/// The population of the defended cities alone, without the grid: what an uncertainty end
/// needs ([`super::spread`]); the same figure as [`compute`]'s `population`.
pub(crate) fn population(ctx: &Context<'_>) -> u64 {
    let (launch_areas, batteries, radars) = question(ctx);
    city_defences(ctx, &radars, &batteries, &launch_areas)
        .iter()
        .filter(|c| c.defended)
        .map(|c| c.population)
        .sum()
}

pub(crate) fn compute(ctx: &Context<'_>) -> Defended {
    let grid = ctx.memos.grid(&ctx.a);
    let (launch_areas, batteries, radars) = question(ctx);
    let notes = notes(ctx, &grid, &launch_areas, &batteries);
    let rows = threatened_cells(ctx, &grid, &radars, &batteries, &launch_areas);
    let cell_km2 = grid.cell_area_km2();
    let (cells, footprints) = tally(ctx, &grid, &launch_areas, &rows);
    let area_km2 = cells.iter().filter(|&&c| c == CellState::Defended).count() as f64 * cell_km2;
    let threatened_area_km2 = cells
        .iter()
        .filter(|&&c| c != CellState::Unthreatened)
        .count() as f64
        * cell_km2;
    let cities = city_defences(ctx, &radars, &batteries, &launch_areas);
    let population = cities
        .iter()
        .filter(|c| c.defended)
        .map(|c| c.population)
        .sum();
    let threatened_population = cities
        .iter()
        .filter(|c| !c.threatened_by.is_empty())
        .map(|c| c.population)
        .sum();
    Defended {
        grid,
        footprints,
        cells,
        area_km2,
        threatened_area_km2,
        population,
        threatened_population,
        cities,
        batteries: batteries.iter().map(|b| b.label.clone()).collect(),
        notes,
    }
}

/// The caveats of the result: no launch area, no land mask, no battery.
fn notes(
    ctx: &Context<'_>,
    grid: &Grid,
    launch_areas: &[LaunchArea],
    batteries: &[BatteryRef],
) -> Vec<String> {
    let mut notes = Vec::new();
    if launch_areas.is_empty() {
        notes.push("No operational Iranian launch area with a missile in the catalogue.".into());
    }
    let asked_km = ctx.s.assumptions.clamped_cell_km();
    if ctx.a.grid_cell_km > asked_km {
        notes.push(format!(
            "The grid's cells were made {} km instead of {asked_km} km: {asked_km} km cells over \
             this box would be more than the {} cells the analysis takes.",
            ctx.a.grid_cell_km,
            super::MAX_GRID_CELLS
        ));
    }
    if ctx.a.grid_land_only && !grid.land_only {
        notes.push("The land mask could not be read: sea cells are counted too.".into());
    }
    if batteries.is_empty() {
        notes.push("No interceptor battery is operational this year.".into());
    }
    notes
}

/// The threatened cells of the grid, each with whether each launch area threatens it and is
/// defended against.
fn threatened_cells(
    ctx: &Context<'_>,
    grid: &Grid,
    radars: &Feeds<'_>,
    batteries: &[BatteryRef],
    launch_areas: &[LaunchArea],
) -> Vec<CellRow> {
    // Cells in parallel (rayon keeps their order; a panic in one reaches the caller, where the
    // analysis worker reports it, instead of silently losing that thread's rows).
    grid.cells
        .par_iter()
        .enumerate()
        .filter_map(|(ci, cell)| {
            let mut threatened = vec![false; launch_areas.len()];
            let mut defended = vec![false; launch_areas.len()];
            for (li, la) in launch_areas.iter().enumerate() {
                if !ctx.in_range(la, cell.unit, cell.lon, cell.lat) {
                    continue;
                }
                threatened[li] = true;
                defended[li] = !reaching(ctx, radars, batteries, la, cell.unit, false).is_empty();
            }
            threatened
                .iter()
                .any(|&t| t)
                .then_some((ci, threatened, defended))
        })
        .collect()
}

/// Each cell's state across launch areas, and each launch area's footprint.
fn tally(
    ctx: &Context<'_>,
    grid: &Grid,
    launch_areas: &[LaunchArea],
    rows: &[CellRow],
) -> (Vec<CellState>, Vec<Footprint>) {
    let cell_km2 = grid.cell_area_km2();
    let mut cells = vec![CellState::Unthreatened; grid.cells.len()];
    let mut footprints: Vec<Footprint> = launch_areas
        .iter()
        .map(|la| Footprint {
            launch_area: la.site,
            id: ctx
                .s
                .sites
                .get(la.site)
                .map_or_else(String::new, |x| x.id.clone()),
            name: la.name.clone(),
            threatened: Vec::new(),
            defended: Vec::new(),
            threatened_km2: 0.0,
            defended_km2: 0.0,
        })
        .collect();
    for (ci, threatened, defended) in rows {
        let t = threatened.iter().filter(|&&x| x).count() as u16;
        let d = defended.iter().filter(|&&x| x).count() as u16;
        if let Some(c) = cells.get_mut(*ci) {
            *c = CellState::of(t, d);
        }
        for (li, fp) in footprints.iter_mut().enumerate() {
            if threatened[li] {
                fp.threatened.push(*ci as u32);
                fp.defended.push(defended[li]);
                fp.threatened_km2 += cell_km2;
                if defended[li] {
                    fp.defended_km2 += cell_km2;
                }
            }
        }
    }
    (cells, footprints)
}

/// The defence of each city of the scenario (not the other places): which launch areas
/// threaten it, and which batteries reach a missile aimed at it.
fn city_defences(
    ctx: &Context<'_>,
    radars: &Feeds<'_>,
    batteries: &[BatteryRef],
    launch_areas: &[LaunchArea],
) -> Vec<CityDefence> {
    let mut cities = Vec::new();
    for (i, city) in ctx.s.cities.iter().enumerate() {
        if city.kind != CityKind::City || !(city.lat.is_finite() && city.lon.is_finite()) {
            continue;
        }
        let unit = V3::from_lon_lat(city.lon, city.lat);
        let mut threatened_by = Vec::new();
        let mut defended_count = 0u16;
        let mut by: Vec<usize> = Vec::new();
        for la in launch_areas {
            if !ctx.in_range(la, unit, city.lon, city.lat) {
                continue;
            }
            threatened_by.push(la.name.clone());
            let reached = reaching(ctx, radars, batteries, la, unit, true);
            if !reached.is_empty() {
                defended_count += 1;
            }
            by.extend(reached);
        }
        by.sort_unstable();
        by.dedup();
        let state = CellState::of(threatened_by.len() as u16, defended_count);
        let reaching: Vec<&BatteryRef> = by.iter().filter_map(|&b| batteries.get(b)).collect();
        cities.push(CityDefence {
            city: i,
            name: city.name.clone(),
            lon: city.lon,
            lat: city.lat,
            population: city.population.unwrap_or(0),
            threatened_by,
            state,
            defended: state == CellState::Defended,
            by: reaching.iter().map(|x| x.label.clone()).collect(),
            battery_ids: reaching
                .iter()
                .map(|x| {
                    let site = ctx.s.sites.get(x.site).map_or("", |s| s.id.as_str());
                    let kind = ctx.s.interceptor_types.get(x.interceptor);
                    format!("{site}:{}", kind.map_or("", |t| t.id.as_str()))
                })
                .collect(),
        });
    }
    cities
}
