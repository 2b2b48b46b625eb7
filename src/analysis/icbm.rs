//! Result 3: the ICBM question. Could interceptors in Europe catch Russian ICBMs bound for the US?
//!
//! For each Russian ICBM base present this year, each missile type based there and each US
//! target, the ICBM flies its boost and then the free-flight arc of least burnout speed over the
//! rotating Earth ([`super::flight`]). For each interceptor battery at a land site or an Aegis
//! patrol station present this year (planned, proposed and under construction included: the
//! question is what they *could* do), and for each launch rule, the analysis finds the **least
//! Earth-relative burnout speed** that puts an interceptor on the ICBM ([`super::intercept`]):
//!
//! - at a sample of its flight no earlier than the assumed earliest intercept time (300 s);
//! - within the ICBM altitude window (100–1500 km), narrowed to the interceptor's own;
//! - with the interceptor launched by the rule: **fixed**, at each assumed delay after the ICBM's
//!   launch (120 and 300 s), or **cued**, at the first detection by a radar whose data reach that
//!   battery under the cooperation model, plus the decision delay.
//!
//! The battery **reaches** the ICBM if its interceptor's burnout speed is at least that.

use super::flight::{Flight, FlightKey, TrackPoint};
use super::intercept::{GeometryBits, inertial_positions};
use super::radar::{RadarModel, first_detection};
use super::{BatteryRef, Context, V3};
use crate::scenario::{CityKind, Side, SiteKind, Status};
use rayon::prelude::*;

/// When an interceptor is launched at an ICBM.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Launch {
    /// This many seconds after the ICBM's launch.
    Fixed(f64),
    /// At the first detection by a radar feeding the battery, plus the decision delay.
    Cued,
}

impl Launch {
    /// "fixed" or "cued", as in the JSON.
    pub fn kind(self) -> &'static str {
        match self {
            Launch::Fixed(_) => "fixed",
            Launch::Cued => "cued",
        }
    }

    /// "120 s" or "cued", for tables and menus.
    pub fn label(self) -> String {
        match self {
            Launch::Fixed(d) => format!("{d:.0} s"),
            Launch::Cued => "cued".to_owned(),
        }
    }
}

/// Where the least-speed intercept happens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InterceptPoint {
    /// Time after the ICBM's launch, s.
    pub t_s: f64,
    pub alt_km: f64,
    pub lon: f64,
    pub lat: f64,
}

/// A battery considered in the ICBM question.
#[derive(Clone, Debug, PartialEq)]
pub struct IcbmBattery {
    /// Site index and id.
    pub site: usize,
    pub site_id: String,
    /// The site's label.
    pub name: String,
    pub interceptor_id: String,
    pub interceptor_name: String,
    pub own_burnout_kms: f64,
    /// The battery's status this year.
    pub status: Status,
}

/// One row: base × missile × target × battery × launch rule.
#[derive(Clone, Debug, PartialEq)]
pub struct IcbmRow {
    /// Site index of the ICBM base.
    pub base: usize,
    pub base_id: String,
    pub base_name: String,
    /// Id of the missile type flown.
    pub missile_id: String,
    /// City index of the US target.
    pub target: usize,
    pub target_id: String,
    pub target_name: String,
    /// Index into [`Icbm::batteries`].
    pub battery: usize,
    /// Index into [`Icbm::launches`].
    pub launch: usize,
    /// The interceptor's launch time after the ICBM's, s; `None` for a cued launch that no
    /// radar cues.
    pub launch_delay_s: Option<f64>,
    /// For a cued launch: the site index and id of the radar that first sees the ICBM, and when.
    pub cue_radar: Option<usize>,
    pub cue_radar_id: Option<String>,
    pub detection_s: Option<f64>,
    /// Least burnout speed that reaches the ICBM, km/s; `None` if none does (no sample of the
    /// flight in the window after the interceptor's burn, or no launch).
    pub min_burnout_kms: Option<f64>,
    /// Whether the battery's own interceptor is fast enough.
    pub reachable: bool,
    pub intercept: Option<InterceptPoint>,
    /// Why there is no speed, where there is none.
    pub reason: Option<String>,
}

/// An ICBM flight for the map.
#[derive(Clone, Debug, PartialEq)]
pub struct IcbmTrack {
    pub base: usize,
    pub base_id: String,
    pub base_name: String,
    pub missile_id: String,
    pub target: usize,
    pub target_id: String,
    pub target_name: String,
    /// The ground track, longitude/latitude in degrees (continuous longitudes).
    pub ground_track: Vec<geo::Point<f64>>,
    pub impact_s: f64,
    pub apogee_km: f64,
    /// Whether the missile type has the range. A flight beyond it is drawn apart and has no rows:
    /// it is not counted.
    pub in_range: bool,
    /// Per launch rule (as in [`Icbm::launches`]): reached by some battery's own interceptor.
    pub reachable_at: Vec<bool>,
}

/// Result 3.
#[derive(Clone, Debug, PartialEq)]
pub struct Icbm {
    pub launches: Vec<Launch>,
    pub batteries: Vec<IcbmBattery>,
    pub rows: Vec<IcbmRow>,
    pub tracks: Vec<IcbmTrack>,
}

impl Icbm {
    /// Whether any target from `base` is reached by `battery` under launch rule `launch`, and the
    /// least speed needed over those targets: one cell of the panel's matrix.
    ///
    /// ```
    /// let r = bmd_atlas::analysis::analyze(&bmd_atlas::scenario::built_in());
    /// let (base, _) = r.icbm.bases()[0].clone();
    /// let (reached, least) = r.icbm.cell(base, 0, 0);
    /// assert!(least.is_some_and(|v| v > 0.0));
    /// assert_eq!(reached, least.is_some_and(|v| v <= r.icbm.batteries[0].own_burnout_kms));
    /// ```
    pub fn cell(&self, base: usize, battery: usize, launch: usize) -> (bool, Option<f64>) {
        let mut reach = false;
        let mut least: Option<f64> = None;
        for r in self
            .rows
            .iter()
            .filter(|r| r.base == base && r.battery == battery && r.launch == launch)
        {
            reach |= r.reachable;
            if let Some(v) = r.min_burnout_kms {
                least = Some(least.map_or(v, |l| l.min(v)));
            }
        }
        (reach, least)
    }

    /// How many ICBM flights are within their missile type's range: the flights the rows are
    /// for and the counts are out of ("3 of 111 flights in range").
    pub fn flights_in_range(&self) -> usize {
        self.tracks.iter().filter(|t| t.in_range).count()
    }

    /// How many (base, missile type, target) triples are beyond the missile type's range: drawn
    /// apart on the map, left out of the rows and the counts.
    pub fn flights_beyond_range(&self) -> usize {
        self.tracks.len() - self.flights_in_range()
    }

    /// The flights beyond their missile type's range, each as "base missile → target".
    pub fn beyond_range(&self) -> Vec<String> {
        self.tracks
            .iter()
            .filter(|t| !t.in_range)
            .map(|t| format!("{} {} → {}", t.base_name, t.missile_id, t.target_name))
            .collect()
    }

    /// How many ICBM flights `battery` reaches under launch rule `launch`.
    pub fn reached(&self, battery: usize, launch: usize) -> usize {
        self.rows
            .iter()
            .filter(|r| r.battery == battery && r.launch == launch && r.reachable)
            .count()
    }

    /// For a cued launch rule: which radars cue `battery` against the ICBMs from `base`, and
    /// when ("cued by fylingdales at T+303–335 s"); `None` for a fixed rule.
    ///
    /// ```
    /// let r = bmd_atlas::analysis::analyze(&bmd_atlas::scenario::built_in());
    /// let cued = r.icbm.launches.len() - 1;
    /// let (base, _) = r.icbm.bases()[0].clone();
    /// assert!(r.icbm.cue_summary(base, 0, cued).is_some());
    /// assert!(r.icbm.cue_summary(base, 0, 0).is_none());
    /// ```
    pub fn cue_summary(&self, base: usize, battery: usize, launch: usize) -> Option<String> {
        if self.launches.get(launch) != Some(&Launch::Cued) {
            return None;
        }
        let rows: Vec<&IcbmRow> = self
            .rows
            .iter()
            .filter(|x| x.base == base && x.battery == battery && x.launch == launch)
            .collect();
        let mut radars: Vec<&str> = rows
            .iter()
            .filter_map(|x| x.cue_radar_id.as_deref())
            .collect();
        radars.sort_unstable();
        radars.dedup();
        let times = rows.iter().filter_map(|x| x.detection_s);
        let (lo, hi) = (times.clone().reduce(f64::min), times.reduce(f64::max));
        Some(match (lo, hi) {
            (Some(lo), Some(hi)) => format!(
                "cued by {} at T+{lo:.0}–{hi:.0} s, launched after the decision delay",
                radars.join(", ")
            ),
            _ => "no radar feeding it sees these ICBMs".to_owned(),
        })
    }

    /// The ICBM bases in the rows, in order, as (site index, name).
    pub fn bases(&self) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        for t in &self.tracks {
            if !out.iter().any(|(b, _)| *b == t.base) {
                out.push((t.base, t.base_name.clone()));
            }
        }
        out
    }
}

/// Every input of one least-speed search: the flight, the interceptor's geometry (not its speed:
/// the speed needed does not depend on it), the launch time and the candidates' rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct LeastKey(FlightKey, GeometryBits, [u64; 5]);

impl LeastKey {
    fn new(
        flight: FlightKey,
        m: &super::Interceptor,
        launch_s: f64,
        a: &super::Assumptions,
    ) -> LeastKey {
        let rules = [
            launch_s,
            a.icbm_earliest_intercept_s,
            a.icbm_min_altitude_km,
            a.icbm_max_altitude_km,
            a.icbm_time_step_s,
        ];
        LeastKey(flight, m.geometry_bits(), rules.map(f64::to_bits))
    }
}

/// A search's answer for one battery and launch rule.
#[derive(Clone)]
struct Found {
    battery: usize,
    launch: usize,
    launch_s: Option<f64>,
    cue: Option<(usize, f64)>,
    best: Option<(f64, InterceptPoint)>,
    /// Whether the battery reaches, decided without the least speed ([`Depth::Reach`]).
    reached: Option<bool>,
    reason: Option<String>,
}

/// How far the ICBM question goes: each row's least speed and where it is needed (the table and
/// the map), or only whether each battery reaches each flight (the counts at an uncertainty
/// end, decided mostly by closed-form bounds, without Lambert's problem).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Depth {
    Speeds,
    Reach,
}

/// The radars feeding each side's batteries, each side once.
type Feeds<'a> = Vec<(Side, Vec<&'a RadarModel>)>;

/// The answers for one flight.
fn pair(
    ctx: &Context<'_>,
    depth: Depth,
    batteries: &[BatteryRef],
    feeds: &Feeds<'_>,
    launches: &[Launch],
    (flight, flight_key): (&Flight, FlightKey),
    samples: &[TrackPoint],
) -> Vec<Found> {
    let a = &ctx.a;
    let cand: Vec<TrackPoint> = samples
        .iter()
        .copied()
        .filter(|p| {
            p.t_s >= a.icbm_earliest_intercept_s
                && p.alt_km >= a.icbm_min_altitude_km
                && p.alt_km <= a.icbm_max_altitude_km
        })
        .collect();
    // Worked out once for every battery and launch that searches (not when all are known).
    let inertial = std::cell::OnceCell::new();
    let cues: Vec<(Side, Option<(usize, f64)>)> = feeds
        .iter()
        .map(|(side, radars)| {
            let d = first_detection(flight, radars);
            (
                *side,
                d.and_then(|d| radars.get(d.radar).map(|r| (r.site, d.t_s))),
            )
        })
        .collect();
    let mut out: Vec<Found> = Vec::new();
    let mut models: Vec<(Side, super::Interceptor)> = Vec::new();
    for (bi, b) in batteries.iter().enumerate() {
        let mut model = b.interceptor_model;
        model.min_altitude_km = model.min_altitude_km.max(a.icbm_min_altitude_km);
        model.max_altitude_km = model.max_altitude_km.min(a.icbm_max_altitude_km);
        // Types that differ only in burnout speed (SM-3 IA and IB) need the same speeds.
        let same = |(side, m): &(Side, super::Interceptor)| {
            *side == b.side
                && super::Interceptor {
                    burnout_kms: m.burnout_kms,
                    ..model
                } == *m
        };
        // A decision depends on the battery's own speed: only speeds are shared.
        let earlier = models
            .iter()
            .position(same)
            .filter(|_| depth == Depth::Speeds);
        if let Some(earlier) = earlier {
            let copies: Vec<Found> = out
                .iter()
                .filter(|f| f.battery == earlier)
                .map(|f| Found {
                    battery: bi,
                    reason: f.reason.clone(),
                    ..*f
                })
                .collect();
            out.extend(copies);
            models.push((b.side, model));
            continue;
        }
        models.push((b.side, model));
        for (li, launch) in launches.iter().enumerate() {
            let (launch_s, cue) = match launch {
                Launch::Fixed(d) => (Some(*d), None),
                Launch::Cued => {
                    let cue = cues
                        .iter()
                        .find(|(s, _)| *s == b.side)
                        .and_then(|(_, c)| *c);
                    (cue.map(|(_, t)| t + a.decision_delay_s), cue)
                }
            };
            let key = launch_s.map(|t| (t, LeastKey::new(flight_key, &model, t, a)));
            let (best, reached) = match (depth, key) {
                (_, None) => (None, None),
                (Depth::Speeds, Some((t, key))) => {
                    let least = || {
                        let inertial =
                            inertial.get_or_init(|| inertial_positions(&cand, &ctx.earth));
                        model.least_needed_in(&cand, inertial, t, &ctx.earth)
                    };
                    (ctx.memos.least.get_or(key, least), None)
                }
                (Depth::Reach, Some((t, key))) => {
                    let own = model.burnout_kms;
                    let reached = match ctx.memos.least.get(&key) {
                        Some(known) => known.is_some_and(|(v, _)| v <= own),
                        None => ctx.memos.on_time.get_or((key, own.to_bits()), || {
                            model.reaches_on_time(&cand, t, &ctx.earth)
                        }),
                    };
                    (None, Some(reached))
                }
            };
            let best = best.and_then(|(v, i)| {
                let p = cand.get(i)?;
                let (lon, lat) = p.pos.lon_lat();
                let at = InterceptPoint {
                    t_s: p.t_s,
                    alt_km: p.alt_km,
                    lon,
                    lat,
                };
                Some((v, at))
            });
            let reason = match (launch_s, best) {
                (None, _) => Some(format!(
                    "no radar whose data reach {} batteries under this model sees the ICBM",
                    b.side.label()
                )),
                (Some(_), None) if reached.is_none() => Some(
                    "no point of the flight in the altitude window leaves 10 s of coast after the interceptor's burn"
                        .to_owned(),
                ),
                _ => None,
            };
            out.push(Found {
                battery: bi,
                launch: li,
                launch_s,
                cue,
                best,
                reached,
                reason,
            });
        }
    }
    out
}

/// The points below a flight's samples (about every 35 km at 5 s), with continuous longitudes (a
/// track crossing the antimeridian goes on past ±180° rather than jumping).
fn ground_track(samples: &[TrackPoint]) -> Vec<geo::Point<f64>> {
    crate::geodesy::unwrapped_line(samples.iter().map(|p| {
        let (lon, lat) = p.pos.lon_lat();
        geo::Point::new(lon, lat)
    }))
}

pub(crate) fn compute(ctx: &Context<'_>, depth: Depth) -> Icbm {
    let s = ctx.s;
    let battery_refs = ctx.batteries(
        &[SiteKind::InterceptorSite, SiteKind::ShipPatrolArea],
        Status::is_present,
    );
    let batteries: Vec<IcbmBattery> = battery_refs
        .iter()
        .map(|b| {
            let t = &s.interceptor_types[b.interceptor];
            IcbmBattery {
                site: b.site,
                site_id: s.sites[b.site].id.clone(),
                name: s.sites[b.site].label().to_owned(),
                interceptor_id: t.id.clone(),
                interceptor_name: t.name.clone(),
                own_burnout_kms: b.interceptor_model.burnout_kms,
                status: b.status,
            }
        })
        .collect();
    let mut sides: Vec<Side> = battery_refs.iter().map(|b| b.side).collect();
    sides.sort_by_key(|s| *s as u8);
    sides.dedup();
    let feeds: Feeds<'_> = sides.iter().map(|&x| (x, ctx.feeding(x, false))).collect();
    let mut launches: Vec<Launch> = ctx
        .a
        .icbm_launch_delays_s
        .iter()
        .map(|&d| Launch::Fixed(d))
        .collect();
    launches.push(Launch::Cued);
    let flights = flights(ctx);
    // Flights in parallel, in order (rayon; a panicking flight reaches the caller).
    let found: Vec<(Vec<Found>, Vec<geo::Point<f64>>)> = flights
        .par_iter()
        .map(|f| {
            let samples = f.flight.samples(ctx.a.icbm_time_step_s);
            let key = (&f.flight, f.key);
            // A flight its missile cannot make is not asked about: it would count a threat that
            // does not exist.
            let found = if f.in_range {
                pair(ctx, depth, &battery_refs, &feeds, &launches, key, &samples)
            } else {
                Vec::new()
            };
            (found, ground_track(&samples))
        })
        .collect();
    let mut rows = Vec::new();
    let mut tracks = Vec::new();
    for (f, (found, track)) in flights.iter().zip(found) {
        let (site, city) = (&s.sites[f.base], &s.cities[f.target]);
        let mut reachable_at = vec![false; launches.len()];
        for x in found {
            let own = batteries[x.battery].own_burnout_kms;
            let reachable = x
                .reached
                .unwrap_or_else(|| x.best.is_some_and(|(v, _)| v <= own));
            reachable_at[x.launch] |= reachable;
            rows.push(IcbmRow {
                base: f.base,
                base_id: site.id.clone(),
                base_name: site.label().to_owned(),
                missile_id: f.missile_id.clone(),
                target: f.target,
                target_id: city.id.clone(),
                target_name: city.name.clone(),
                battery: x.battery,
                launch: x.launch,
                launch_delay_s: x.launch_s,
                cue_radar: x.cue.map(|c| c.0),
                cue_radar_id: x.cue.and_then(|c| s.sites.get(c.0)).map(|r| r.id.clone()),
                detection_s: x.cue.map(|c| c.1),
                min_burnout_kms: x.best.map(|(v, _)| v),
                reachable,
                intercept: x.best.map(|(_, p)| p),
                reason: x.reason,
            });
        }
        tracks.push(IcbmTrack {
            base: f.base,
            base_id: site.id.clone(),
            base_name: site.label().to_owned(),
            missile_id: f.missile_id.clone(),
            target: f.target,
            target_id: city.id.clone(),
            target_name: city.name.clone(),
            ground_track: track,
            impact_s: f.flight.impact_s(),
            apogee_km: f.flight.apogee_km(),
            in_range: f.in_range,
            reachable_at,
        });
    }
    rows.sort_by(|x, y| {
        (x.base, &x.missile_id, x.target, x.battery, x.launch).cmp(&(
            y.base,
            &y.missile_id,
            y.target,
            y.battery,
            y.launch,
        ))
    });
    Icbm {
        launches,
        batteries,
        rows,
        tracks,
    }
}

/// One ICBM flight of the question.
struct IcbmFlight {
    key: FlightKey,
    base: usize,
    missile_id: String,
    target: usize,
    in_range: bool,
    flight: Flight,
}

/// Every (base, missile type, US target) flight: Russian ICBM bases present this year, the types
/// based there, the scenario's US targets.
fn flights(ctx: &Context<'_>) -> Vec<IcbmFlight> {
    let s = ctx.s;
    let targets: Vec<usize> = s
        .cities
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == CityKind::UsTarget && c.lat.is_finite() && c.lon.is_finite())
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for (b, site) in s.sites.iter().enumerate() {
        let ok = site.kind == SiteKind::IcbmBase
            && site.side == Side::Russia
            && site.lat.is_finite()
            && site.lon.is_finite()
            && s.site_status(site).is_some();
        if !ok {
            continue;
        }
        for m in ctx.missiles_at(site) {
            for &t in &targets {
                let city = &s.cities[t];
                let target = V3::from_lon_lat(city.lon, city.lat);
                let launch = V3::from_lon_lat(site.lon, site.lat);
                let boost = super::Boost::of(m);
                let Some(flight) = ctx.memos.flight(launch, target, boost, ctx.earth) else {
                    continue;
                };
                let distance_km =
                    crate::geodesy::distance_m(site.position(), city.position()) / 1000.0;
                out.push(IcbmFlight {
                    key: FlightKey::new(launch, target, boost, ctx.earth),
                    base: b,
                    missile_id: m.id.clone(),
                    target: t,
                    in_range: distance_km <= m.range_km,
                    flight,
                });
            }
        }
    }
    out
}
