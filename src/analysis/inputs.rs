//! Every number from the scenario that the results used, for the JSON report: with it alone a
//! reader can recompute any row (positions, the types' performance and altitude windows as used,
//! the radars, the cities and their populations) and see each uncertain input's two ends.

use serde_json::{Value, json};

use super::Context;
use crate::scenario::physical::{Favours, Holder};
use crate::scenario::uncertainty::favours;
use crate::scenario::{Bounds, End, Site, SiteKind, Status};

/// The inputs of the analysis of `ctx`'s scenario, as used (clamped, defaulted), as JSON.
pub(crate) fn inputs(ctx: &Context<'_>) -> Value {
    let s = ctx.s;
    let a = &ctx.a;
    let interceptors: Vec<Value> = s
        .interceptor_types
        .iter()
        .map(|t| {
            let (low, high) = ctx.window(t);
            json!({
                "id": t.id,
                "name": t.name,
                "burnout_kms": t.burnout_kms,
                "burn_time_s": t.burn_time_s,
                "range_km": t.range_km,
                "burnout_altitude_km": t.burnout_altitude_km,
                "burnout_range_km": t.burnout_range_km,
                "altitude_window_km": [low, high],
                "icbm_altitude_window_km": [
                    low.max(a.icbm_min_altitude_km),
                    high.min(a.icbm_max_altitude_km),
                ],
                "uncertainty": ends(Holder::Interceptor, &t.uncertainty, |f| number(t, f)),
            })
        })
        .collect();
    let missiles: Vec<Value> = s
        .missile_types
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "name": m.name,
                "range_km": m.range_km,
                "burn_time_s": m.burn_time_s,
                "burnout_altitude_km": m.burnout_altitude_km,
                "burnout_range_km": m.burnout_range_km,
                "uncertainty": ends(Holder::Missile, &m.uncertainty, |f| number(m, f)),
            })
        })
        .collect();
    let sites: Vec<Value> = s
        .sites
        .iter()
        .filter(|x| used(x))
        .map(|x| site(ctx, x))
        .collect();
    let cities: Vec<Value> = s
        .cities
        .iter()
        .map(|c| json!({"id": c.id, "lat": c.lat, "lon": c.lon, "population": c.population, "kind": c.kind}))
        .collect();
    json!({
        "year": s.year,
        "timeline": s.timeline,
        "model": s.model,
        "interceptor_types": interceptors,
        "missile_types": missiles,
        "sites": sites,
        "cities": cities,
    })
}

/// Sites the analysis can use: batteries, radars, launch areas and ICBM bases.
fn used(x: &Site) -> bool {
    !x.batteries.is_empty()
        || x.radar.is_some()
        || matches!(x.kind, SiteKind::MissileLaunchArea | SiteKind::IcbmBase)
}

/// A site's position, status this year, batteries with theirs, radar and missiles.
fn site(ctx: &Context<'_>, x: &Site) -> Value {
    let s = ctx.s;
    let status = s.site_status(x).map(Status::label);
    let batteries: Vec<Value> = x
        .batteries
        .iter()
        .map(|b| {
            let status = b.timeline.status_in(s.year, s.timeline).map(Status::label);
            json!({"interceptor": b.interceptor, "status": status})
        })
        .collect();
    let radar = x.radar.as_ref().map(|r| {
        json!({
            "range_km": r.range_km,
            "boresight_deg": r.boresight_deg,
            "fov_deg": r.fov_deg,
            "min_elevation_deg": r.min_elevation_deg,
            "uncertainty": ends(Holder::Radar, &r.uncertainty, |f| number(r, f)),
        })
    });
    json!({
        "id": x.id,
        "lat": x.lat,
        "lon": x.lon,
        "side": x.side,
        "kind": x.kind,
        "status": status,
        "batteries": batteries,
        "radar": radar,
        "missiles": ctx.missiles_at(x).iter().map(|m| &m.id).collect::<Vec<_>>(),
    })
}

/// Each bounded field's two ends (as the analysis takes them: the favourable end derived from
/// the field), its reference value and which way favours the defence.
fn ends(holder: Holder, bounds: &Bounds, reference: impl Fn(&str) -> Option<f64>) -> Value {
    let mut out = serde_json::Map::new();
    for (field, bound) in bounds {
        let way = favours(holder, field);
        let favours_defence = match way {
            Favours::Higher => "higher",
            Favours::Lower => "lower",
            Favours::NotBracketed => "not bracketed",
        };
        out.insert(
            field.clone(),
            json!({
                "against_defence": bound.at(End::AgainstDefence, way),
                "reference": reference(field),
                "for_defence": bound.at(End::ForDefence, way),
                "favours_defence_when": favours_defence,
            }),
        );
    }
    Value::Object(out)
}

/// The numeric field `field` of `object` serialised.
fn number(object: &impl serde::Serialize, field: &str) -> Option<f64> {
    serde_json::to_value(object).ok()?.get(field)?.as_f64()
}
