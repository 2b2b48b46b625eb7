//! Analysis: trajectories, radar detection, interceptor reach, defended area, early warning and
//! the ICBM question. Pure functions of a scenario; no UI, no I/O.
//!
//! [`analyze`] computes the three results for the scenario's model, year and timeline:
//!
//! 1. [`Defended`]: where in Europe some operational battery can reach an Iranian missile aimed
//!    there (grid cells and cities), and the area and population that adds up to.
//! 2. [`EarlyWarning`]: when the radars feeding US/NATO interceptors first see a missile from
//!    each launch area towards a set of targets, and how much earlier that is than with NATO's own
//!    radars alone (the gain from sharing Russian radar data).
//! 3. [`Icbm`]: for each Russian ICBM base, US target and interceptor battery, the least burnout
//!    speed that reaches the ICBM, and whether the battery's interceptor has it.
//!
//! The physics lives in small modules, each explaining its model: [`flight`] (a missile's boost
//! and free flight over the rotating Earth), [`radar`] (line of sight and detection),
//! [`intercept`] (what an interceptor can reach), [`lambert`](mod@lambert) (Lambert's problem),
//! [`reach`] and [`ballistic`] (closed forms). Every number they assume is in [`Assumptions`] or
//! a field of the scenario's objects. `docs/analysis.md` explains it all without code.
//!
//! ```
//! let s = bmd_atlas::scenario::built_in();
//! let result = bmd_atlas::analysis::analyze(&s);
//! assert!(result.defended.threatened_population > 0);
//! assert!(!result.icbm.rows.is_empty());
//! ```

pub mod ballistic;
mod defended;
pub mod drawing;
mod early_warning;
pub mod engagement;
pub mod flight;
mod flyout;
mod grid;
mod icbm;
mod inputs;
pub mod intercept;
mod kepler;
pub mod lambert;
mod memo;
pub mod radar;
pub mod reach;
mod report;
mod spread;
pub mod studies;
mod vec3;
pub mod worker;

pub use crate::scenario::{Assumptions, FieldRange, MAX_GRID_CELLS, MAX_LAUNCH_DELAYS};
pub use ballistic::MinEnergy;
pub use defended::{CellState, CityDefence, Defended, Footprint};
pub use drawing::{EngagementDrawing, Fan, fan_altitude_km};
pub use early_warning::EarlyWarning;
pub use engagement::{
    Engagement, EngagementSpec, FlightPoint, Sighting, engagement, engagement_in,
};
pub use flight::{Boost, Earth, Flight, TrackPoint};
pub use flyout::{FanContour, flyout};
pub use grid::{Cell, Grid};
pub use icbm::{Icbm, IcbmBattery, IcbmRow, IcbmTrack, InterceptPoint, Launch};
pub use intercept::Interceptor;
pub use lambert::{LambertSolution, lambert, propagate, stumpff};
pub use memo::Memos;
pub use radar::{Detection, RadarModel, first_detection};
pub use reach::{arc_within_speed, min_energy_speed};
pub use report::{json, table};
pub use spread::{Outcome, Spread, analyze_with_spread, analyze_with_spread_in, icbm_line};
pub use vec3::V3;
pub use worker::{AnalysisInputs, AnalysisWorker, Answer, Notify, Tagged};

use std::time::Instant;

use crate::scenario::{
    InterceptorType, MissileType, Scenario, Side, Site, SiteKind, Status, TimelineChoice,
};

/// The three results for one model, year and timeline, with the assumptions they used.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The assumptions as used (brought into range; see [`Assumptions::clamped`]).
    pub assumptions: Assumptions,
    pub model: String,
    pub year: i32,
    pub timeline: TimelineChoice,
    pub defended: Defended,
    pub early_warning: Vec<EarlyWarning>,
    pub icbm: Icbm,
    /// The same figures at the two ends of the uncertain inputs ([`analyze_with_spread`]);
    /// `None` from [`analyze`].
    pub spread: Option<Spread>,
    /// Every number from the scenario the results used, as used (see `inputs.rs`): for the JSON
    /// report, so that a reader can recompute any row.
    pub inputs: serde_json::Value,
    /// Under a study's settings, what the study left as it was and is not at the reference
    /// ([`studies::left_as_it_was`]); `None` without a study or when all of it is.
    pub study_left_as_it_was: Option<String>,
    /// Wall-clock time the computation took, ms (for the panel; not part of the result).
    pub compute_ms: f64,
}

/// Computes the three results for the scenario's active model, year and timeline.
///
/// Pure: the same scenario gives the same result. Spreads its work over the cores (rayon). In the app it runs on
/// a background thread ([`worker::AnalysisWorker`]); tens of milliseconds in a release build.
///
/// ```
/// use bmd_atlas::{analysis, command::Command, scenario};
/// let mut s = scenario::built_in();
/// Command::SetYear(2016).apply(&mut s).unwrap();
/// let r = analysis::analyze(&s);
/// // Deveselu's SM-3 IB, operational in 2016, defends some of south-eastern Europe…
/// assert!(r.defended.area_km2 > 0.0);
/// // …and is nowhere near fast enough for a Russian ICBM.
/// let deveselu = r.icbm.batteries.iter().position(|b| b.name == "Deveselu").unwrap();
/// assert!(r.icbm.rows.iter().filter(|x| x.battery == deveselu).all(|x| !x.reachable));
/// ```
pub fn analyze(s: &Scenario) -> Analysis {
    analyze_in(s, &Memos::new())
}

/// [`analyze`], remembering in `memos` (and using what they hold): an owner that analyses again
/// and again (the window's worker) keeps its memos; the answer is the same either way.
pub fn analyze_in(s: &Scenario, memos: &Memos) -> Analysis {
    let started = Instant::now();
    let ctx = Context::new(s, memos);
    // Each computation spreads its own work over the threads; run one after the other.
    let defended = defended::compute(&ctx);
    let early_warning = early_warning::compute(&ctx);
    let icbm = icbm::compute(&ctx, icbm::Depth::Speeds);
    Analysis {
        assumptions: ctx.a.clone(),
        model: s.model.clone(),
        year: s.year,
        timeline: s.timeline,
        defended,
        early_warning,
        icbm,
        spread: None,
        inputs: inputs::inputs(&ctx),
        study_left_as_it_was: s
            .assumptions
            .study
            .as_deref()
            .and_then(studies::study)
            .and_then(|st| studies::left_as_it_was(s, st)),
        compute_ms: started.elapsed().as_secs_f64() * 1000.0,
    }
}

/// A battery of the scenario, ready for reach tests.
#[derive(Clone, Debug)]
pub(crate) struct BatteryRef {
    /// Index of the site in the scenario.
    pub site: usize,
    /// Index of the interceptor type in the scenario.
    pub interceptor: usize,
    /// "Deveselu: SM-3 Block IB".
    pub label: String,
    pub side: Side,
    pub status: Status,
    pub interceptor_model: Interceptor,
}

/// What the three computations share: the scenario, the clamped assumptions, the radars.
pub(crate) struct Context<'a> {
    pub s: &'a Scenario,
    /// What the owner remembers from earlier computations.
    pub memos: &'a Memos,
    pub a: Assumptions,
    pub earth: Earth,
    /// Radar models by site index (`None` for sites without radar coverage).
    pub radars: Vec<Option<RadarModel>>,
}

impl<'a> Context<'a> {
    pub fn new(s: &'a Scenario, memos: &'a Memos) -> Context<'a> {
        let a = s.assumptions.clamped();
        let radars = s
            .sites
            .iter()
            .enumerate()
            .map(|(i, site)| RadarModel::new(i, site, a.earth_radius_km))
            .collect();
        Context {
            s,
            memos,
            earth: Earth::of(&a),
            a,
            radars,
        }
    }

    /// The radars whose data reach `side`'s interceptors under the active model (or, with
    /// `own_only`, the side's own radars: the independent model).
    pub fn feeding(&self, side: Side, own_only: bool) -> Vec<&RadarModel> {
        self.s
            .radars_feeding(side)
            .into_iter()
            .filter(|&i| !own_only || self.s.sites.get(i).is_some_and(|x| x.side == side))
            .filter_map(|i| self.radars.get(i).and_then(Option::as_ref))
            .collect()
    }

    /// The altitude window of an interceptor type, or the default one if it gives none.
    pub fn window(&self, t: &InterceptorType) -> (f64, f64) {
        let ok = t.min_altitude_km.is_finite()
            && t.max_altitude_km.is_finite()
            && t.min_altitude_km >= 0.0
            && t.max_altitude_km > t.min_altitude_km;
        if ok {
            (t.min_altitude_km, t.max_altitude_km)
        } else {
            (
                self.a.default_min_altitude_km,
                self.a.default_max_altitude_km,
            )
        }
    }

    /// Batteries at sites of the given kinds (all kinds if empty) whose battery status this year
    /// passes `keep`, on sites present this year.
    pub fn batteries(&self, kinds: &[SiteKind], keep: impl Fn(Status) -> bool) -> Vec<BatteryRef> {
        let s = self.s;
        let mut out = Vec::new();
        for (i, site) in s.sites.iter().enumerate() {
            if !kinds.is_empty() && !kinds.contains(&site.kind) {
                continue;
            }
            if s.site_status(site).is_none() || !position_ok(site) {
                continue;
            }
            for b in &site.batteries {
                let Some(status) = b.timeline.status_in(s.year, s.timeline) else {
                    continue;
                };
                if !keep(status) {
                    continue;
                }
                let Some((ti, t)) = s
                    .interceptor_types
                    .iter()
                    .enumerate()
                    .find(|(_, t)| t.id == b.interceptor)
                else {
                    continue;
                };
                if !(t.burnout_kms.is_finite() && t.burnout_kms > 0.0) {
                    continue;
                }
                out.push(BatteryRef {
                    site: i,
                    interceptor: ti,
                    label: format!("{}: {}", site.label(), t.name),
                    side: site.side,
                    status,
                    interceptor_model: Interceptor::new(t, site.lon, site.lat, self.window(t)),
                });
            }
        }
        out
    }

    /// Operational batteries on operational sites: those that defend this year.
    pub fn operational_batteries(&self) -> Vec<BatteryRef> {
        self.batteries(&[], |st| st == Status::Operational)
            .into_iter()
            .filter(|b| {
                self.s.sites.get(b.site).and_then(|x| self.s.site_status(x))
                    == Some(Status::Operational)
            })
            .collect()
    }

    /// Operational launch areas of `side`, each with the longest-range missile type based there
    /// (or, where the site lists none, of the side).
    pub fn launch_areas(&self, side: Side) -> Vec<LaunchArea> {
        let s = self.s;
        s.sites
            .iter()
            .enumerate()
            .filter(|(_, x)| x.kind == SiteKind::MissileLaunchArea && x.side == side)
            .filter(|(_, x)| position_ok(x) && s.site_status(x) == Some(Status::Operational))
            .filter_map(|(i, x)| {
                let missile = self
                    .missiles_at(x)
                    .into_iter()
                    .max_by(|a, b| a.range_km.total_cmp(&b.range_km))?;
                Some(LaunchArea {
                    site: i,
                    name: x.label().to_owned(),
                    unit: V3::from_lon_lat(x.lon, x.lat),
                    lon_lat: x.position(),
                    max_range_km: missile.range_km,
                    missile_id: missile.id.clone(),
                    boost: Boost::of(missile),
                })
            })
            .collect()
    }

    /// The missile types based at a launch site: those it lists that the scenario has, or, if it
    /// lists none, every type of its side. Types without a usable range are left out.
    pub fn missiles_at(&self, site: &Site) -> Vec<&'a MissileType> {
        let usable = |m: &&MissileType| m.range_km.is_finite() && m.range_km > 0.0;
        let types = &self.s.missile_types;
        if site.missiles.is_empty() {
            types
                .iter()
                .filter(|m| m.side == site.side)
                .filter(usable)
                .collect()
        } else {
            site.missiles
                .iter()
                .filter_map(|id| types.iter().find(|m| &m.id == id))
                .filter(usable)
                .collect()
        }
    }

    /// Whether a missile of range `range_km` from `la` reaches a point: great-circle distance on
    /// WGS84 (a spherical distance decides quickly where the answer is clear by over 1 %).
    pub fn in_range(&self, la: &LaunchArea, unit: V3, lon: f64, lat: f64) -> bool {
        const MEAN_RADIUS_KM: f64 = 6371.0088;
        let d = MEAN_RADIUS_KM * vec3::angle_between(la.unit, unit);
        let r = la.max_range_km;
        if d < 0.99 * r {
            return true;
        }
        if d > 1.01 * r {
            return false;
        }
        crate::geodesy::distance_m(la.lon_lat, geo::Point::new(lon, lat)) / 1000.0 <= r
    }
}

/// A place threats are launched from.
#[derive(Clone, Debug)]
pub(crate) struct LaunchArea {
    pub site: usize,
    pub name: String,
    pub unit: V3,
    pub lon_lat: geo::Point<f64>,
    /// Range of its longest-range missile type, km.
    pub max_range_km: f64,
    /// That type's id and boost.
    pub missile_id: String,
    pub boost: Boost,
}

fn position_ok(site: &Site) -> bool {
    site.lat.is_finite() && site.lon.is_finite() && site.lat.abs() <= 90.0
}
