//! One engagement, in detail: a threat's flight, each radar's first sight of it, the chosen
//! battery's launch and burnout, and the **engagement window**, the first and last points of the
//! flight its interceptor can reach. The views of the engagement issue (trajectory on the map,
//! timeline, `analyze --engagement`) all read this.
//!
//! The physics is the analysis's own ([`super::flight`], [`super::radar`], [`super::intercept`]):
//! a point is in the window when the interceptor, launched by the rule, needs no more than its
//! burnout speed to be there at that time (coasting at least 10 s, within its altitude window).

use super::flight::{Boost, Flight, TrackPoint};
use super::intercept::MIN_COAST_S;
use super::radar::first_detection;
use super::{Context, Interceptor, Launch, Memos, V3};
use crate::scenario::{City, InterceptorType, MissileType, Scenario, Site, SiteKind};

/// What to show: a battery's interceptor type against one threat, launched by a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct EngagementSpec {
    /// Site id of the battery (a land site or patrol station).
    pub battery: String,
    /// Interceptor type id of one of its batteries.
    pub interceptor: String,
    /// Site id of the launch area or ICBM base.
    pub launch_site: String,
    /// City id of the target.
    pub target: String,
    pub launch: Launch,
}

/// A point of the flight, for results.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlightPoint {
    pub t_s: f64,
    pub lat: f64,
    pub lon: f64,
    pub alt_km: f64,
}

impl FlightPoint {
    fn of(p: &TrackPoint) -> FlightPoint {
        let (lon, lat) = p.pos.lon_lat();
        FlightPoint {
            t_s: p.t_s,
            lat,
            lon,
            alt_km: p.alt_km,
        }
    }
}

/// A radar's first sight of the flight.
#[derive(Clone, Debug, PartialEq)]
pub struct Sighting {
    pub radar_id: String,
    pub radar: String,
    pub t_s: f64,
    /// Whether its data reach the battery under the model (it can cue the launch).
    pub feeds_battery: bool,
}

/// The first and last reachable points of a flight.
pub type Window = (FlightPoint, FlightPoint);

/// The engagement.
#[derive(Clone, Debug, PartialEq)]
pub struct Engagement {
    pub spec: EngagementSpec,
    /// "E. Med patrol", "SM-3 Block IA": the battery's and the type's names.
    pub battery_name: String,
    pub interceptor_name: String,
    pub missile_id: String,
    /// The flight, every time step from launch to impact (Earth-fixed).
    pub samples: Vec<TrackPoint>,
    pub impact_s: f64,
    /// Every operational radar that sees the flight, earliest first.
    pub sightings: Vec<Sighting>,
    /// The interceptor's launch and burnout times; `None` for a cued launch no radar cues.
    /// The launch is the earliest the rule allows: the battery may hold fire until
    /// [`Engagement::last_launch_s`].
    pub launch_s: Option<f64>,
    /// The latest launch from which the interceptor still reaches a point of the window (to
    /// [`LAUNCH_STEP_S`]): the last moment to fire. `None` without a window.
    pub last_launch_s: Option<f64>,
    pub burnout_s: Option<f64>,
    pub burnout_kms: f64,
    /// First and last points of the flight the interceptor can reach, launched at `launch_s` or
    /// later (a battery may hold fire, as in the defended area).
    pub window: Option<Window>,
    /// The least speed needed over the flight, and where.
    pub least: Option<(f64, FlightPoint)>,
    /// Why there is no window, where there is none.
    pub reason: Option<String>,
    /// What is not operational in the scenario's year and was drawn as if it were
    /// ([`hypothetical`]); empty when everything is there.
    pub hypothetical: Vec<String>,
}

/// Computes the engagement `spec` in scenario `s` (its model, year and timeline); an error names
/// the id that is not in the scenario and lists those that are.
///
/// ```
/// use bmd_atlas::analysis::{EngagementSpec, Launch, engagement};
/// let s = bmd_atlas::scenario::built_in();
/// let spec = EngagementSpec {
///     battery: "patrol_emed".into(), interceptor: "sm3-ia".into(),
///     launch_site: "tabriz".into(), target: "athens".into(), launch: Launch::Cued,
/// };
/// let e = engagement(&s, &spec).unwrap();
/// let (first, last) = e.window.unwrap();
/// assert!(e.launch_s.unwrap() < first.t_s && first.t_s <= last.t_s && last.t_s <= e.impact_s);
/// ```
pub fn engagement(s: &Scenario, spec: &EngagementSpec) -> Result<Engagement, String> {
    engagement_in(s, spec, &Memos::new())
}

/// [`engagement`], remembering the flight in `memos` (and using one they hold).
pub fn engagement_in(
    s: &Scenario,
    spec: &EngagementSpec,
    memos: &Memos,
) -> Result<Engagement, String> {
    let ctx = Context::new(s, memos);
    let Resolved {
        battery,
        itype,
        launch_site,
        target,
        missile,
    } = resolve(&ctx, spec)?;
    let flight = memos
        .flight(
            V3::from_lon_lat(launch_site.lon, launch_site.lat),
            V3::from_lon_lat(target.lon, target.lat),
            Boost::of(missile),
            ctx.earth,
        )
        .ok_or_else(|| format!("no flight from {} to {}", launch_site.id, target.id))?;
    let icbm = launch_site.kind == SiteKind::IcbmBase;
    let a = &ctx.a;
    let step = if icbm {
        a.icbm_time_step_s
    } else {
        a.time_step_s
    };
    let samples = flight.samples(step);
    let feeding: Vec<usize> = ctx
        .feeding(battery.side, false)
        .iter()
        .map(|r| r.site)
        .collect();
    let sightings = sightings(&ctx, &flight, &feeding);
    let cue = sightings.iter().find(|x| x.feeds_battery).map(|x| x.t_s);
    let launch_s = match spec.launch {
        Launch::Fixed(t) => Some(t),
        Launch::Cued => cue.map(|t| t + a.decision_delay_s),
    };
    let mut model = Interceptor::new(itype, battery.lon, battery.lat, ctx.window(itype));
    let earliest = if icbm {
        model.min_altitude_km = model.min_altitude_km.max(a.icbm_min_altitude_km);
        model.max_altitude_km = model.max_altitude_km.min(a.icbm_max_altitude_km);
        a.icbm_earliest_intercept_s
    } else {
        0.0
    };
    let candidates: Vec<TrackPoint> = samples
        .iter()
        .filter(|p| p.t_s >= earliest)
        .copied()
        .collect();
    let (window, least) = match launch_s {
        Some(t) => window_of(&model, &candidates, t, &ctx.earth),
        None => (None, None),
    };
    let last_launch_s = launch_s.zip(window.as_ref()).map(|(t, (first, last))| {
        let in_window: Vec<TrackPoint> = candidates
            .iter()
            .filter(|p| p.t_s >= first.t_s && p.t_s <= last.t_s)
            .copied()
            .collect();
        last_launch(&model, &in_window, t, &ctx.earth)
    });
    let reason = match (launch_s, window) {
        (None, _) => Some(format!(
            "no radar whose data reach {} under this model sees the flight",
            battery.id
        )),
        (Some(_), None) => Some(format!(
            "{} cannot reach any point of the flight in its altitude window",
            itype.name
        )),
        _ => None,
    };
    Ok(Engagement {
        spec: spec.clone(),
        battery_name: battery.label().to_owned(),
        interceptor_name: itype.name.clone(),
        missile_id: missile.id.clone(),
        impact_s: flight.impact_s(),
        samples,
        sightings,
        launch_s,
        last_launch_s,
        burnout_s: launch_s.map(|t| t + model.burn_time_s),
        burnout_kms: model.burnout_kms,
        window,
        least,
        reason,
        hypothetical: hypothetical(
            s,
            (&spec.battery, &spec.interceptor),
            Some(&spec.launch_site),
        ),
    })
}

/// What of an engagement is not operational in the scenario's year and timeline: its battery
/// (the interceptor type at that site) and, when given, its launch site. The engagement and the
/// fan are computed as if they were there, and these lines say so wherever they are shown:
/// "Deveselu: SM-3 Block IB is not operational in 2012 (operational from 2016): computed as if it
/// were there".
///
/// ```
/// use bmd_atlas::analysis::engagement::hypothetical;
/// let s = bmd_atlas::scenario::built_in();
/// let lines = hypothetical(&s, ("deveselu", "sm3-ib"), Some("tabriz"));
/// assert_eq!(lines.len(), 1);
/// assert!(lines[0].contains("not operational in 2012 (operational from 2016)"), "{}", lines[0]);
/// ```
pub fn hypothetical(
    s: &Scenario,
    (battery, interceptor): (&str, &str),
    launch_site: Option<&str>,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(site) = s.site(battery) {
        let type_name = s
            .interceptor_types
            .iter()
            .find(|t| t.id == interceptor)
            .map_or(interceptor, |t| t.name.as_str());
        let timelines = site
            .batteries
            .iter()
            .filter(|b| b.interceptor == interceptor)
            .map(|b| &b.timeline);
        let what = format!("{}: {type_name}", site.label());
        out.extend(absent(
            s,
            &what,
            std::iter::once(&site.timeline).chain(timelines),
        ));
    }
    if let Some(site) = launch_site.and_then(|id| s.site(id)) {
        out.extend(absent(s, site.label(), std::iter::once(&site.timeline)));
    }
    out
}

/// "`what` is not operational in 2012 (operational from 2016): computed as if it were there", when not
/// every one of `timelines` is operational in the scenario's year.
fn absent<'a>(
    s: &Scenario,
    what: &str,
    timelines: impl Iterator<Item = &'a crate::scenario::Timeline> + Clone,
) -> Option<String> {
    use crate::scenario::Status;
    let (year, choice) = (s.year, s.timeline);
    let operational_in = |y: i32| {
        timelines
            .clone()
            .all(|t| t.status_in(y, choice) == Some(Status::Operational))
    };
    if operational_in(year) {
        return None;
    }
    let from = (year + 1..=year + 30).find(|&y| operational_in(y));
    let when = from.map_or_else(
        || "not operational in any later year".to_owned(),
        |y| format!("operational from {y}"),
    );
    Some(format!(
        "{what} is not operational in {year} ({when}): computed as if it were there"
    ))
}

/// Whether `spec` names a battery with that interceptor type, a launch area or ICBM base with a
/// missile, and a city of `s`: the error [`engagement`] would give, without computing anything.
pub fn check(s: &Scenario, spec: &EngagementSpec) -> Result<(), String> {
    resolve(&Context::new(s, &Memos::new()), spec).map(|_| ())
}

/// The scenario's objects an engagement names.
struct Resolved<'a> {
    battery: &'a Site,
    itype: &'a InterceptorType,
    launch_site: &'a Site,
    target: &'a City,
    missile: &'a MissileType,
}

fn resolve<'a>(ctx: &Context<'a>, spec: &EngagementSpec) -> Result<Resolved<'a>, String> {
    let s = ctx.s;
    let battery = s
        .site(&spec.battery)
        .filter(|x| !x.batteries.is_empty())
        .ok_or_else(|| unknown("battery", &spec.battery, s, |x| !x.batteries.is_empty()))?;
    let itype = s
        .interceptor_types
        .iter()
        .find(|t| {
            t.id == spec.interceptor && battery.batteries.iter().any(|b| b.interceptor == t.id)
        })
        .ok_or_else(|| {
            let types: Vec<&str> = battery
                .batteries
                .iter()
                .map(|b| b.interceptor.as_str())
                .collect();
            format!(
                "`{}` is not an interceptor type at {}; it has: {}",
                spec.interceptor,
                battery.id,
                types.join(", ")
            )
        })?;
    let is_launch = |x: &Site| matches!(x.kind, SiteKind::MissileLaunchArea | SiteKind::IcbmBase);
    let launch_site = s
        .site(&spec.launch_site)
        .filter(|x| is_launch(x))
        .ok_or_else(|| unknown("launch area or ICBM base", &spec.launch_site, s, is_launch))?;
    let target = s
        .cities
        .iter()
        .find(|c| c.id == spec.target)
        .ok_or_else(|| {
            let ids: Vec<&str> = s.cities.iter().map(|c| c.id.as_str()).collect();
            format!("no city `{}`; cities: {}", spec.target, ids.join(", "))
        })?;
    let missile = ctx
        .missiles_at(launch_site)
        .into_iter()
        .max_by(|a, b| a.range_km.total_cmp(&b.range_km))
        .ok_or_else(|| format!("{} has no missile type with a range", launch_site.id))?;
    Ok(Resolved {
        battery,
        itype,
        launch_site,
        target,
        missile,
    })
}

/// "no battery `x`; batteries: a, b, c".
fn unknown(what: &str, id: &str, s: &Scenario, keep: impl Fn(&Site) -> bool) -> String {
    let ids: Vec<&str> = s
        .sites
        .iter()
        .filter(|x| keep(x))
        .map(|x| x.id.as_str())
        .collect();
    format!("no {what} `{id}`; the scenario's are: {}", ids.join(", "))
}

/// Each operational radar's first sight of the flight, earliest first.
fn sightings(ctx: &Context<'_>, flight: &Flight, feeding: &[usize]) -> Vec<Sighting> {
    let mut out: Vec<Sighting> = ctx
        .radars
        .iter()
        .flatten()
        .filter(|r| {
            ctx.s
                .sites
                .get(r.site)
                .is_some_and(|x| ctx.s.radar_working(x))
        })
        .filter_map(|r| {
            let d = first_detection(flight, &[r])?;
            Some(Sighting {
                radar_id: r.id.clone(),
                radar: r.name.clone(),
                t_s: d.t_s,
                feeds_battery: feeding.contains(&r.site),
            })
        })
        .collect();
    out.sort_by(|a, b| a.t_s.total_cmp(&b.t_s));
    out
}

/// The first and last points reachable by an interceptor launched at `launch_s` or later (the
/// defended area's rule), and the least speed needed launching at `launch_s` exactly.
fn window_of(
    model: &Interceptor,
    points: &[TrackPoint],
    launch_s: f64,
    earth: &super::Earth,
) -> (Option<Window>, Option<(f64, FlightPoint)>) {
    // The defended area's rule: launched at `launch_s` or later (a battery may hold fire until
    // the shot is best), so the window shows every point the map counts as defended.
    let reachable: Vec<&TrackPoint> = points
        .iter()
        .filter(|p| model.reaches(std::slice::from_ref(p), launch_s, earth))
        .collect();
    let window = match (reachable.first(), reachable.last()) {
        (Some(a), Some(b)) => Some((FlightPoint::of(a), FlightPoint::of(b))),
        _ => None,
    };
    let least = model
        .least_needed(points, launch_s, earth)
        .and_then(|(v, i)| points.get(i).map(|p| (v, FlightPoint::of(p))));
    (window, least)
}

/// How closely [`Engagement::last_launch_s`] is found, s.
pub const LAUNCH_STEP_S: f64 = 0.5;

/// The latest launch, from `earliest` on, from which `model` still reaches one of `points`
/// (which it reaches launched at `earliest`): halving the interval between `earliest` and the
/// last point's time less the burn and the shortest coast, since whether a launch at `t` or
/// later reaches a point only becomes false as `t` grows.
fn last_launch(
    model: &Interceptor,
    points: &[TrackPoint],
    earliest: f64,
    earth: &super::Earth,
) -> f64 {
    let Some(last) = points.last() else {
        return earliest;
    };
    let reaches = |t: f64| model.reaches(points, t, earth);
    let (mut lo, mut hi) = (earliest, last.t_s - model.burn_time_s - MIN_COAST_S);
    if hi <= lo || reaches(hi) {
        return hi.max(lo);
    }
    while hi - lo > LAUNCH_STEP_S {
        let mid = (lo + hi) / 2.0;
        if reaches(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Splits `A:B` as given to `--engagement` or `--threat`; the error names the flag.
pub fn parse_pair(flag: &str, value: &str) -> Result<(String, String), String> {
    match value.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_owned(), b.trim().to_owned()))
        }
        _ => Err(format!(
            "{flag} takes two ids joined by a colon, e.g. {flag} {}, not `{value}`",
            if flag == "--threat" {
                "tabriz:athens"
            } else {
                "patrol_emed:sm3-ia"
            }
        )),
    }
}

/// Reads `--launch`: `cued`, or `fixed:SECONDS`.
pub fn parse_launch(value: &str) -> Result<Launch, String> {
    if value == "cued" {
        return Ok(Launch::Cued);
    }
    value
        .strip_prefix("fixed:")
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|t| t.is_finite() && (0.0..=3600.0).contains(t))
        .map(Launch::Fixed)
        .ok_or_else(|| {
            format!(
                "--launch is `cued` or `fixed:SECONDS` (0 to 3600), e.g. fixed:120, not `{value}`"
            )
        })
}

impl Engagement {
    /// The sample of the flight nearest `t_s`.
    pub fn sample_near(&self, t_s: f64) -> Option<&TrackPoint> {
        self.samples
            .iter()
            .min_by(|a, b| (a.t_s - t_s).abs().total_cmp(&(b.t_s - t_s).abs()))
    }

    /// The engagement as JSON: the spec, `missile_id`, `launch`, `launch_s`, `last_launch_s`, `burnout_s`,
    /// `burnout_kms`, `impact_s`, `samples` and `window` ends as `{t_s, lat, lon, alt_km}`,
    /// `detections` as `{radar_id, radar, t_s, feeds_battery}`, `least` `{kms, at}` and `reason`.
    pub fn json(&self) -> serde_json::Value {
        use serde_json::json;
        let point = |p: &FlightPoint| json!({"t_s": round(p.t_s, 1), "lat": round(p.lat, 4), "lon": round(p.lon, 4), "alt_km": round(p.alt_km, 1)});
        json!({
            "battery": self.spec.battery,
            "interceptor": self.spec.interceptor,
            "launch_area": self.spec.launch_site,
            "target": self.spec.target,
            "missile_id": self.missile_id,
            "launch": self.spec.launch.kind(),
            "launch_s": self.launch_s,
            "last_launch_s": self.last_launch_s.map(|t| round(t, 1)),
            "burnout_s": self.burnout_s,
            "burnout_kms": self.burnout_kms,
            "impact_s": round(self.impact_s, 1),
            "samples": self.samples.iter().map(|p| point(&FlightPoint::of(p))).collect::<Vec<_>>(),
            "detections": self.sightings.iter().map(|s| json!({
                "radar_id": s.radar_id, "radar": s.radar, "t_s": s.t_s, "feeds_battery": s.feeds_battery,
            })).collect::<Vec<_>>(),
            "window": self.window.as_ref().map(|(a, b)| json!({"first": point(a), "last": point(b)})),
            "least": self.least.as_ref().map(|(v, p)| json!({"kms": round(*v, 3), "at": point(p)})),
            "reason": self.reason,
            "hypothetical": self.hypothetical,
        })
    }
}

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}
