//! The rules a parsed scenario must follow beyond its types.

use std::collections::HashSet;

use super::Problem;
use super::limits::{MAX_SITES, MAX_TEXT_CHARS};
use crate::format::{group_thousands, number};
use crate::scenario::physical::{self, Holder};
use crate::scenario::{RadarCoverage, Scenario};

/// Every rule a parsed scenario must follow, each broken one reported with its field path.
///
/// Types and syntax are checked by reading; this checks values (ranges, positions), uniqueness of
/// ids and that every reference names an object that exists. The range rules it shares with the
/// commands that edit a scenario are [`check_latitude`](crate::scenario::check_latitude) and
/// [`check_longitude`](crate::scenario::check_longitude); the year shown is held to
/// [`YEARS`](crate::scenario::YEARS) only when it is chosen ([`check_year`](crate::scenario::check_year)).
///
/// ```
/// let mut s = bmd_atlas::scenario::built_in();
/// assert!(bmd_atlas::scenario::validate(&s).is_empty());
/// s.sites[0].lat = 95.0;
/// assert_eq!(bmd_atlas::scenario::validate(&s)[0].path, "sites[0].lat");
/// ```
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut say = |place: String, message: &str| problems.push(Problem::at(place, message));
    if s.sites.len() > MAX_SITES {
        say(
            "sites".into(),
            &format!("{} sites; at most {MAX_SITES} are allowed", s.sites.len()),
        );
        return problems;
    }
    let interceptor_ids = unique_ids(
        s.interceptor_types.iter().map(|t| t.id.as_str()),
        "interceptor_types",
        "interceptor type",
        &mut say,
    );
    validate_text(s, &mut say);
    validate_sites(s, &interceptor_ids, &mut say);
    validate_cities(s, &mut say);
    validate_interceptor_types(s, &mut say);
    validate_missile_types(s, &mut say);
    validate_models(s, &mut say);
    for (field, message) in s.assumptions.problems() {
        say(format!("assumptions.{field}"), &message);
    }
    for (place, message) in s.bound_problems() {
        say(place, &message);
    }
    validate_focus(s, &mut say);
    validate_work(s, &mut say);
    for (layer, message) in s.presentation.layers.opacity_problems() {
        say(format!("presentation.layers.opacity.{layer}"), &message);
    }
    for (place, message) in crate::scenario::annotation::problems(&s.annotations) {
        say(place, &message);
    }
    problems
}

/// Most reach questions the defended area may ask: grid cells × batteries × launch areas. The
/// built-in scenario asks about a million (its 50 km grid, 18 batteries, 6 launch areas); this is
/// 20 times that, a few seconds cold.
pub const MAX_DEFENDED_WORK: u64 = 20_000_000;

/// Most (ICBM flight × battery × launch rule) searches the ICBM question may make. The built-in
/// scenario makes about 6,000 (112 flights, 18 batteries, 3 rules).
pub const MAX_ICBM_WORK: u64 = 200_000;

/// The work the analysis would do on this file, bounded so that no file can stall the window or
/// `analyze` (the grid alone is bounded by the assumptions' own rule).
fn validate_work(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    use crate::scenario::{CityKind, SiteKind};
    let batteries: u64 = s.sites.iter().map(|x| x.batteries.len() as u64).sum();
    let kind = |k: SiteKind| s.sites.iter().filter(move |x| x.kind == k);
    let launch_areas = kind(SiteKind::MissileLaunchArea).count() as u64;
    let cells = s
        .assumptions
        .clamped()
        .grid_span(s.assumptions.clamped().grid_cell_km)
        .map_or(0, |span| span.cells());
    let defended = cells.saturating_mul(batteries).saturating_mul(launch_areas);
    if defended > MAX_DEFENDED_WORK {
        say(
            "sites".into(),
            &format!(
                "{cells} grid cells × {batteries} batteries × {launch_areas} launch areas make \
                 {defended} reach questions for the defended area, more than the \
                 {MAX_DEFENDED_WORK} the analysis answers in a few seconds; use larger grid \
                 cells, a smaller grid or fewer batteries"
            ),
        );
    }
    let missiles = |x: &crate::scenario::Site| -> u64 {
        if x.missiles.is_empty() {
            s.missile_types.iter().filter(|m| m.side == x.side).count() as u64
        } else {
            x.missiles.len() as u64
        }
    };
    let targets = s
        .cities
        .iter()
        .filter(|c| c.kind == CityKind::UsTarget)
        .count() as u64;
    let flights: u64 = kind(SiteKind::IcbmBase).map(missiles).sum::<u64>() * targets;
    let rules = s.assumptions.icbm_launch_delays_s.len() as u64 + 1;
    let icbm = flights.saturating_mul(batteries).saturating_mul(rules);
    if icbm > MAX_ICBM_WORK {
        say(
            "sites".into(),
            &format!(
                "{flights} ICBM flights × {batteries} batteries × {rules} launch rules make \
                 {icbm} searches for the ICBM question, more than the {MAX_ICBM_WORK} the \
                 analysis makes in a few seconds; use fewer ICBM bases, US targets or batteries"
            ),
        );
    }
}

/// Sites: unique ids, positions, sources, radar coverage and the interceptor types of their
/// batteries.
fn validate_sites(
    s: &Scenario,
    interceptor_ids: &HashSet<&str>,
    say: &mut impl FnMut(String, &str),
) {
    let mut ids = HashSet::new();
    for (i, site) in s.sites.iter().enumerate() {
        let at = |field: &str| format!("sites[{i}].{field}");
        if site.id.trim().is_empty() {
            say(at("id"), "is empty; every site needs an id");
        } else if !ids.insert(site.id.as_str()) {
            say(
                at("id"),
                &format!(
                    "'{}' is used by an earlier site; ids must be unique",
                    site.id
                ),
            );
        }
        check_lat_lon(site.lat, site.lon, at("lat"), at("lon"), say);
        if site.source.trim().is_empty() {
            say(
                at("source"),
                "is empty; every object on the map needs a source",
            );
        }
        if let Some(r) = &site.radar {
            validate_radar(r, &at, say);
        }
        for (j, b) in site.batteries.iter().enumerate() {
            if !interceptor_ids.contains(b.interceptor.as_str()) {
                say(
                    at(&format!("batteries[{j}].interceptor")),
                    &format!(
                        "'{}' is not the id of an interceptor type (interceptor_types)",
                        b.interceptor
                    ),
                );
            }
        }
    }
}

/// Every text field of the scenario, its sites and its cities within [`MAX_TEXT_CHARS`].
fn validate_text(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    let mut check = |place: String, text: &str| {
        // Characters never outnumber bytes: most text is settled without counting.
        if text.len() <= MAX_TEXT_CHARS {
            return;
        }
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            let message = format!(
                "is {} characters long; a text field holds at most {}",
                group_thousands(chars as u64),
                group_thousands(MAX_TEXT_CHARS as u64)
            );
            say(place, &message);
        }
    };
    check("name".into(), &s.name);
    check("description".into(), &s.description);
    for (i, x) in s.sites.iter().enumerate() {
        let fields = [
            ("id", &x.id),
            ("name", &x.name),
            ("short_name", &x.short_name),
            ("country", &x.country),
            ("system", &x.system),
            ("notes", &x.notes),
            ("source", &x.source),
        ];
        for (field, text) in fields {
            check(format!("sites[{i}].{field}"), text);
        }
        for (j, m) in x.missiles.iter().enumerate() {
            check(format!("sites[{i}].missiles[{j}]"), m);
        }
    }
    for (i, c) in s.cities.iter().enumerate() {
        for (field, text) in [("id", &c.id), ("name", &c.name), ("source", &c.source)] {
            check(format!("cities[{i}].{field}"), text);
        }
    }
}

/// A site's radar coverage: range, field of view and boresight within their bounds.
fn validate_radar(
    r: &RadarCoverage,
    at: &impl Fn(&str) -> String,
    say: &mut impl FnMut(String, &str),
) {
    within_limits(Holder::Radar, r, at, "radar.", say);
    if !(r.boresight_deg.is_finite() && r.boresight_deg.abs() <= 720.0) {
        say(
            at("radar.boresight_deg"),
            &format!(
                "{}: must be degrees clockwise from north (0 to 360)",
                number(r.boresight_deg)
            ),
        );
    }
}

/// Cities: unique ids and positions.
fn validate_cities(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    unique_ids(
        s.cities.iter().map(|c| c.id.as_str()),
        "cities",
        "city",
        say,
    );
    for (i, c) in s.cities.iter().enumerate() {
        check_lat_lon(
            c.lat,
            c.lon,
            format!("cities[{i}].lat"),
            format!("cities[{i}].lon"),
            say,
        );
    }
}

/// Interceptor types: every number within its physical limits, the lowest altitude below the
/// highest. (Their unique ids are checked first, for the sites' batteries.)
fn validate_interceptor_types(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    for (i, t) in s.interceptor_types.iter().enumerate() {
        let at = |f: &str| format!("interceptor_types[{i}].{f}");
        within_limits(Holder::Interceptor, t, &at, "", say);
        if t.min_altitude_km > t.max_altitude_km {
            say(
                at("min_altitude_km"),
                &format!(
                    "{} km is above max_altitude_km ({} km)",
                    number(t.min_altitude_km),
                    number(t.max_altitude_km)
                ),
            );
        }
    }
}

/// Missile types: unique ids, every number within its physical limits.
fn validate_missile_types(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    unique_ids(
        s.missile_types.iter().map(|m| m.id.as_str()),
        "missile_types",
        "missile type",
        say,
    );
    for (i, m) in s.missile_types.iter().enumerate() {
        let at = |f: &str| format!("missile_types[{i}].{f}");
        within_limits(Holder::Missile, m, &at, "", say);
    }
}

/// Every number of `object` within its physical limits ([`physical::LIMITS`]), so that no file
/// can make the analysis run on a rocket or radar that cannot exist.
fn within_limits(
    holder: Holder,
    object: &impl serde::Serialize,
    at: &impl Fn(&str) -> String,
    prefix: &str,
    say: &mut impl FnMut(String, &str),
) {
    let value = serde_json::to_value(object).unwrap_or(serde_json::Value::Null);
    for (field, message) in physical::problems(holder, &value) {
        say(at(&format!("{prefix}{field}")), &message);
    }
}

/// The focus of the saved view: its centre on the globe and a scale within bounds.
fn validate_focus(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    let Some(f) = &s.presentation.view.focus else {
        return;
    };
    check_lat_lon(
        f.centre_lat,
        f.centre_lon,
        "presentation.view.focus.centre_lat".into(),
        "presentation.view.focus.centre_lon".into(),
        say,
    );
    if !(f.metres_per_pixel.is_finite() && f.metres_per_pixel > 0.0 && f.metres_per_pixel <= 1.0e6)
    {
        say(
            "presentation.view.focus.metres_per_pixel".into(),
            &format!(
                "{}: must be more than 0 and at most 1000000",
                f.metres_per_pixel
            ),
        );
    }
}

/// Reports repeated ids in a list and returns the set of ids.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
    what: &str,
    say: &mut impl FnMut(String, &str),
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            say(
                format!("{list}[{i}].id"),
                &format!("'{id}' is used by an earlier {what}; ids must be unique"),
            );
        }
    }
    seen
}

/// Cooperation models: the model chosen exists, unique ids, and every site they name exists;
/// sector boundaries of at least 3 points on the globe.
fn validate_models(s: &Scenario, say: &mut impl FnMut(String, &str)) {
    let site_ids: HashSet<&str> = s.sites.iter().map(|x| x.id.as_str()).collect();
    if !s.models.is_empty() && !s.models.iter().any(|m| m.id == s.model) {
        say(
            "model".into(),
            &format!("'{}' is not the id of one of the models", s.model),
        );
    }
    let mut ids = HashSet::new();
    for (i, m) in s.models.iter().enumerate() {
        let at = |f: &str| format!("models[{i}].{f}");
        if !ids.insert(m.id.as_str()) {
            say(
                at("id"),
                &format!("'{}' is used by an earlier model; ids must be unique", m.id),
            );
        }
        let mut known = |place: String, id: &str| {
            if !site_ids.contains(id) {
                say(place, &format!("'{id}' is not the id of a site"));
            }
        };
        for (j, r) in m.shared_radars.iter().enumerate() {
            known(at(&format!("shared_radars[{j}]")), r);
        }
        for (j, c) in m.centres.iter().enumerate() {
            known(at(&format!("centres[{j}].site")), &c.site);
        }
        known(at("command.us_nato"), &m.command.us_nato);
        known(at("command.russia"), &m.command.russia);
        let mut sector_ids = HashSet::new();
        for (j, sector) in m.sectors.iter().enumerate() {
            let sat = |f: &str| at(&format!("sectors[{j}].{f}"));
            if !sector_ids.insert(sector.id.as_str()) {
                say(
                    sat("id"),
                    &format!("'{}' is used by an earlier sector of this model", sector.id),
                );
            }
            if sector.boundary.len() < 3 {
                say(sat("boundary"), "needs at least 3 points");
            }
            for (k, [lon, lat]) in sector.boundary.iter().enumerate() {
                check_lat_lon(
                    *lat,
                    *lon,
                    sat(&format!("boundary[{k}][1]")),
                    sat(&format!("boundary[{k}][0]")),
                    say,
                );
            }
        }
    }
}

/// A latitude and a longitude within their ranges, each reported at its own place.
fn check_lat_lon(
    lat: f64,
    lon: f64,
    lat_place: String,
    lon_place: String,
    say: &mut impl FnMut(String, &str),
) {
    if let Err(e) = crate::scenario::check_latitude(lat) {
        say(lat_place, &e);
    }
    if let Err(e) = crate::scenario::check_longitude(lon) {
        say(lon_place, &e);
    }
}
