//! Result 3: the ICBM question. Could interceptors in Europe catch Russian ICBMs bound for the US?
//!
//! For each Russian ICBM base present this year and each US target, the ICBM flies the
//! minimum-energy trajectory (over the Arctic, for most pairs). For each interceptor battery at a
//! land site or an Aegis patrol station present this year (planned, proposed and under
//! construction included: the question is what they *could* do), and for each assumed
//! interceptor launch delay after the ICBM's launch, the analysis finds the **least burnout
//! speed** that puts an interceptor on the ICBM:
//!
//! - at a point of its trajectory no earlier than the assumed earliest intercept time (300 s);
//! - within the ICBM altitude window (100–1500 km), narrowed to the interceptor's own;
//! - with the interceptor launched at the delay and coasting after its burn (Lambert).
//!
//! The battery **reaches** the ICBM if its interceptor's burnout speed is at least that.
//! The search is exact over the trajectory's points: points are visited from the cheapest
//! lower bound (the minimum-energy speed, which ignores time) up, and the scan stops when no
//! remaining point can need less than the best found.

use super::ballistic::Trajectory;
use super::reach::{PointBound, least_needed_speed};
use super::{BatteryRef, Context, V3};
use crate::scenario::{CityKind, Side, SiteKind, Status};
use rayon::prelude::*;

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
    /// Site index.
    pub site: usize,
    /// The site's label.
    pub name: String,
    pub interceptor_id: String,
    pub interceptor_name: String,
    pub own_burnout_kms: f64,
    /// The battery's status this year.
    pub status: Status,
}

/// One row: base × target × battery × launch delay.
#[derive(Clone, Debug, PartialEq)]
pub struct IcbmRow {
    /// Site index of the ICBM base.
    pub base: usize,
    pub base_name: String,
    /// City index of the US target.
    pub target: usize,
    pub target_name: String,
    /// Index into [`Icbm::batteries`].
    pub battery: usize,
    pub launch_delay_s: f64,
    /// Least burnout speed that reaches the ICBM, km/s; `None` if none does (no point of the
    /// trajectory in the window after the interceptor's burn, or only through the Earth).
    pub min_burnout_kms: Option<f64>,
    /// Whether the battery's own interceptor is fast enough.
    pub reachable: bool,
    pub intercept: Option<InterceptPoint>,
}

/// An ICBM trajectory for the map.
#[derive(Clone, Debug, PartialEq)]
pub struct IcbmTrack {
    pub base: usize,
    pub base_name: String,
    pub target: usize,
    pub target_name: String,
    /// The ground track, longitude/latitude in degrees (continuous longitudes).
    pub ground_track: Vec<geo::Point<f64>>,
    pub impact_s: f64,
    pub apogee_km: f64,
    /// Whether a Russian missile of the catalogue has the range.
    pub in_range: bool,
    /// Per launch delay (as in [`Icbm::delays_s`]): reached by some battery's own interceptor.
    pub reachable_at: Vec<bool>,
}

/// Result 3.
#[derive(Clone, Debug, PartialEq)]
pub struct Icbm {
    pub delays_s: Vec<f64>,
    pub batteries: Vec<IcbmBattery>,
    pub rows: Vec<IcbmRow>,
    pub tracks: Vec<IcbmTrack>,
}

impl Icbm {
    /// Whether any target from `base` is reached by `battery` at delay index `delay`, and the
    /// least speed needed over those targets: one cell of the panel's matrix.
    ///
    /// ```
    /// let r = bmd_atlas::analysis::analyze(&bmd_atlas::scenario::built_in());
    /// let (base, _) = r.icbm.bases()[0].clone();
    /// let (reached, least) = r.icbm.cell(base, 0, 0);
    /// assert!(least.is_some_and(|v| v > 0.0));
    /// assert_eq!(reached, least.is_some_and(|v| v <= r.icbm.batteries[0].own_burnout_kms));
    /// ```
    pub fn cell(&self, base: usize, battery: usize, delay: usize) -> (bool, Option<f64>) {
        let d = self.delays_s.get(delay).copied();
        let mut reach = false;
        let mut least: Option<f64> = None;
        for r in self
            .rows
            .iter()
            .filter(|r| r.base == base && r.battery == battery && Some(r.launch_delay_s) == d)
        {
            reach |= r.reachable;
            if let Some(v) = r.min_burnout_kms {
                least = Some(least.map_or(v, |l| l.min(v)));
            }
        }
        (reach, least)
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

/// What identifies a least-speed search, for reuse.
#[derive(Clone, Copy, Debug, PartialEq)]
struct MemoKey {
    site: usize,
    burn: f64,
    delay: f64,
    lo: f64,
    hi: f64,
}

impl MemoKey {
    /// Whether a search with this key and result answers the search `other`.
    fn covers(&self, other: &MemoKey, best: &Option<(f64, InterceptPoint)>) -> bool {
        let same = self.site == other.site && self.burn == other.burn && self.delay == other.delay;
        let contains = self.lo <= other.lo && self.hi >= other.hi;
        let inside = match best {
            Some((_, p)) => p.alt_km >= other.lo && p.alt_km <= other.hi,
            None => true,
        };
        same && contains && inside
    }
}

/// A search's answer: battery index, delay index, least speed and where.
type Found = (usize, usize, Option<(f64, InterceptPoint)>);

/// The rows for one base × target pair; `None` if there is no trajectory.
fn pair(
    ctx: &Context<'_>,
    batteries: &[BatteryRef],
    base: V3,
    target: V3,
) -> Option<(Trajectory, Vec<Found>)> {
    let a = &ctx.a;
    let mu = a.mu_km3_s2;
    let traj = Trajectory::new(base, target, a)?;
    let cand: Vec<super::TrackPoint> = traj
        .points(a.icbm_time_step_s)
        .into_iter()
        .filter(|p| {
            p.t_s >= a.icbm_earliest_intercept_s
                && p.alt_km >= a.icbm_min_altitude_km
                && p.alt_km <= a.icbm_max_altitude_km
        })
        .collect();
    let mut out = Vec::new();
    // A search over a window that contains this one, with the same site, burn and delay, whose
    // best point lies inside this window, has this window's answer too (the least over a larger
    // set, attained in the smaller one). Widest windows go first so that narrower ones reuse.
    let mut memo: Vec<(MemoKey, Option<(f64, InterceptPoint)>)> = Vec::new();
    let mut done_sites: Vec<usize> = Vec::new();
    for b in batteries {
        if done_sites.contains(&b.site) {
            continue;
        }
        done_sites.push(b.site);
        let site = b.shooter.pos;
        let mut bounds: Vec<PointBound> = cand
            .iter()
            .map(|p| PointBound::new(site, p.pos, mu))
            .collect();
        let mut here: Vec<(usize, f64, f64)> = batteries
            .iter()
            .enumerate()
            .filter(|(_, x)| x.site == b.site)
            .map(|(bi, x)| {
                (
                    bi,
                    a.icbm_min_altitude_km.max(x.shooter.min_alt_km),
                    a.icbm_max_altitude_km.min(x.shooter.max_alt_km),
                )
            })
            .collect();
        here.sort_by(|x, y| (y.2 - y.1).total_cmp(&(x.2 - x.1)));
        for (bi, lo, hi) in here {
            let b2 = &batteries[bi];
            for (di, &delay) in a.icbm_launch_delays_s.iter().enumerate() {
                let key = MemoKey {
                    site: b.site,
                    burn: b2.shooter.burn_s,
                    delay,
                    lo,
                    hi,
                };
                if let Some((_, best)) = memo.iter().find(|(k, best)| k.covers(&key, best)) {
                    out.push((bi, di, *best));
                    continue;
                }
                let pts: Vec<(V3, f64)> = cand
                    .iter()
                    .map(|p| {
                        let tof = if p.alt_km >= lo && p.alt_km <= hi {
                            p.t_s - delay - b2.shooter.burn_s
                        } else {
                            -1.0
                        };
                        (p.pos, tof)
                    })
                    .collect();
                let best = least_needed_speed(site, &pts, &mut bounds, mu).and_then(|(v, i)| {
                    let p = cand.get(i)?;
                    let (lon, lat) = p.pos.lon_lat();
                    Some((
                        v,
                        InterceptPoint {
                            t_s: p.t_s,
                            alt_km: p.alt_km,
                            lon,
                            lat,
                        },
                    ))
                });
                memo.push((key, best));
                out.push((bi, di, best));
            }
        }
    }
    Some((traj, out))
}

/// The points below a trajectory, about every 50 km, with continuous longitudes (a track
/// crossing the antimeridian goes on past ±180° rather than jumping).
fn ground_track(traj: &Trajectory) -> Vec<geo::Point<f64>> {
    let mut out: Vec<geo::Point<f64>> = Vec::new();
    for p in traj.points(6.0) {
        let (mut lon, lat) = p.pos.lon_lat();
        if let Some(last) = out.last() {
            while lon - last.x() > 180.0 {
                lon -= 360.0;
            }
            while lon - last.x() < -180.0 {
                lon += 360.0;
            }
        }
        out.push(geo::Point::new(lon, lat));
    }
    out
}

pub(crate) fn compute(ctx: &Context<'_>) -> Icbm {
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
                name: s.sites[b.site].label().to_owned(),
                interceptor_id: t.id.clone(),
                interceptor_name: t.name.clone(),
                own_burnout_kms: b.shooter.speed_kms,
                status: b.status,
            }
        })
        .collect();
    let bases: Vec<usize> = s
        .sites
        .iter()
        .enumerate()
        .filter(|(_, x)| x.kind == SiteKind::IcbmBase && x.side == Side::Russia)
        .filter(|(_, x)| x.lat.is_finite() && x.lon.is_finite() && s.site_status(x).is_some())
        .map(|(i, _)| i)
        .collect();
    let targets: Vec<usize> = s
        .cities
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == CityKind::UsTarget && c.lat.is_finite() && c.lon.is_finite())
        .map(|(i, _)| i)
        .collect();
    let max_range = s
        .missile_types
        .iter()
        .filter(|m| m.side == Side::Russia && m.range_km.is_finite())
        .map(|m| m.range_km)
        .reduce(f64::max);
    let pairs: Vec<(usize, usize)> = bases
        .iter()
        .flat_map(|&b| targets.iter().map(move |&t| (b, t)))
        .collect();
    // Pairs in parallel, in order (rayon; a panicking pair reaches the caller).
    let results: Vec<_> = pairs
        .par_iter()
        .enumerate()
        .map(|(pi, &(b, t))| {
            let (site, city) = (&s.sites[b], &s.cities[t]);
            let result = pair(
                ctx,
                &battery_refs,
                V3::from_lon_lat(site.lon, site.lat),
                V3::from_lon_lat(city.lon, city.lat),
            );
            (pi, result)
        })
        .collect();

    let delays = ctx.a.icbm_launch_delays_s.clone();
    let mut rows = Vec::new();
    let mut tracks = Vec::new();
    for (pi, result) in results {
        let Some(&(b, t)) = pairs.get(pi) else {
            continue;
        };
        let Some((traj, found)) = result else {
            continue;
        };
        let (site, city) = (&s.sites[b], &s.cities[t]);
        let mut reachable_at = vec![false; delays.len()];
        for (bi, di, best) in found {
            let own = batteries[bi].own_burnout_kms;
            let reachable = best.is_some_and(|(v, _)| v <= own);
            if reachable {
                reachable_at[di] = true;
            }
            rows.push(IcbmRow {
                base: b,
                base_name: site.label().to_owned(),
                target: t,
                target_name: city.name.clone(),
                battery: bi,
                launch_delay_s: delays[di],
                min_burnout_kms: best.map(|(v, _)| v),
                reachable,
                intercept: best.map(|(_, p)| p),
            });
        }
        let distance_km = crate::geodesy::distance_m(site.position(), city.position()) / 1000.0;
        tracks.push(IcbmTrack {
            base: b,
            base_name: site.label().to_owned(),
            target: t,
            target_name: city.name.clone(),
            ground_track: ground_track(&traj),
            impact_s: traj.impact_s(),
            apogee_km: traj.shape.apogee_altitude_km,
            in_range: max_range.is_none_or(|r| distance_km <= r),
            reachable_at,
        });
    }
    rows.sort_by(|x, y| {
        (x.base, x.target, x.battery)
            .cmp(&(y.base, y.target, y.battery))
            .then(x.launch_delay_s.total_cmp(&y.launch_delay_s))
    });
    Icbm {
        delays_s: delays,
        batteries,
        rows,
        tracks,
    }
}
