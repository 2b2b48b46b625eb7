//! The three results as text: a plain table for people, JSON for scripts.

use crate::format::group_thousands;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Analysis, Assumptions, CellState, Defended, EarlyWarning, Icbm, Launch};
use crate::scenario::Scenario;

#[derive(Serialize)]
struct JsonCity<'a> {
    name: &'a str,
    defended: bool,
    by: &'a [String],
}

#[derive(Serialize)]
struct JsonDefended<'a> {
    population: u64,
    area_km2: f64,
    cities: Vec<JsonCity<'a>>,
}

#[derive(Serialize)]
struct JsonWarning<'a> {
    launch_area_id: &'a str,
    launch_area: &'a str,
    missile_id: &'a str,
    target_id: &'a str,
    target: &'a str,
    radar_id: Option<&'a str>,
    radar: Option<&'a str>,
    first_detection_s: Option<f64>,
    own_radar_id: Option<&'a str>,
    own_first_detection_s: Option<f64>,
    gain_s: Option<f64>,
}

#[derive(Serialize)]
struct JsonIntercept {
    t_s: f64,
    lat: f64,
    lon: f64,
    alt_km: f64,
}

#[derive(Serialize)]
struct JsonIcbm<'a> {
    base_id: &'a str,
    base: &'a str,
    missile_id: &'a str,
    target_id: &'a str,
    target: &'a str,
    battery_id: &'a str,
    battery: &'a str,
    interceptor_id: &'a str,
    interceptor: &'a str,
    launch: &'static str,
    launch_delay_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue_radar_id: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detection_s: Option<Option<f64>>,
    min_burnout_kms: Option<f64>,
    reachable: bool,
    intercept: Option<JsonIntercept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

/// A (base, missile type, target) flight beyond the missile's range: left out of the rows.
#[derive(Serialize)]
struct JsonBeyond<'a> {
    base_id: &'a str,
    missile_id: &'a str,
    target_id: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    defended: JsonDefended<'a>,
    early_warning: Vec<JsonWarning<'a>>,
    icbm_reach: Vec<JsonIcbm<'a>>,
    icbm_flights_in_range: usize,
    icbm_flights_beyond_range: Vec<JsonBeyond<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    study: Option<JsonStudy<'a>>,
    assumptions: &'a Assumptions,
    inputs: &'a serde_json::Value,
}

/// The study whose settings the analysis ran on: what it sets, and what it left as it was
/// that is not at the reference (`null` when all of it is).
#[derive(Serialize)]
struct JsonStudy<'a> {
    id: &'a str,
    sets: String,
    launch_rule: String,
    verdict: String,
    left_as_it_was_not_at_reference: Option<&'a str>,
}

fn round(x: f64, places: i32) -> f64 {
    let k = 10f64.powi(places);
    (x * k).round() / k
}

/// The three results as JSON: `defended` (`population`, `area_km2`, `cities`: `{name, defended,
/// by}`), `early_warning` (`{launch_area_id, launch_area, missile_id, target_id, target, radar_id,
/// radar, first_detection_s, own_radar_id, own_first_detection_s, gain_s}`), `icbm_reach`
/// (`{base_id, base, missile_id, target_id, target, battery_id, battery, interceptor_id,
/// interceptor, launch, launch_delay_s, cue_radar_id, detection_s, min_burnout_kms, reachable,
/// intercept: {t_s, lat, lon, alt_km}, reason}`; the cue fields on cued rows only; flights in
/// range only), `icbm_flights_in_range` (how many flights the rows are for),
/// `icbm_flights_beyond_range` (`{base_id, missile_id, target_id}`: left out), `uncertainty` (with [`super::analyze_with_spread`]: see `spread.rs`) and `assumptions` (the
/// values used). Times are rounded to 0.1 s, speeds to 1 m/s, areas to 1 km².
///
/// ```
/// let s = bmd_atlas::scenario::built_in();
/// let text = bmd_atlas::analysis::json(&bmd_atlas::analysis::analyze(&s));
/// let v: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert!(v["defended"]["population"].is_u64());
/// assert!(v["icbm_reach"][0]["reachable"].is_boolean());
/// ```
pub fn json(r: &Analysis) -> String {
    let report = JsonReport {
        defended: JsonDefended {
            population: r.defended.population,
            area_km2: round(r.defended.area_km2, 0),
            cities: r
                .defended
                .cities
                .iter()
                .map(|c| JsonCity {
                    name: &c.name,
                    defended: c.defended,
                    by: &c.by,
                })
                .collect(),
        },
        early_warning: r
            .early_warning
            .iter()
            .map(|w| JsonWarning {
                launch_area_id: &w.launch_area_id,
                launch_area: &w.launch_area_name,
                missile_id: &w.missile_id,
                target_id: &w.target_id,
                target: &w.target_name,
                radar_id: w.radar_id.as_deref(),
                radar: w.radar.as_deref(),
                first_detection_s: w.first_detection_s.map(|t| round(t, 1)),
                own_radar_id: w.own_radar_id.as_deref(),
                own_first_detection_s: w.own_first_detection_s.map(|t| round(t, 1)),
                gain_s: w.gain_s.map(|t| round(t, 1)),
            })
            .collect(),
        icbm_reach: r
            .icbm
            .rows
            .iter()
            .filter_map(|row| {
                let b = r.icbm.batteries.get(row.battery)?;
                let launch = *r.icbm.launches.get(row.launch)?;
                let cued = launch == Launch::Cued;
                Some(JsonIcbm {
                    base_id: &row.base_id,
                    base: &row.base_name,
                    missile_id: &row.missile_id,
                    target_id: &row.target_id,
                    target: &row.target_name,
                    battery_id: &b.site_id,
                    battery: &b.name,
                    interceptor_id: &b.interceptor_id,
                    interceptor: &b.interceptor_name,
                    launch: launch.kind(),
                    launch_delay_s: row.launch_delay_s.map(|t| round(t, 1)),
                    cue_radar_id: cued.then_some(row.cue_radar_id.as_deref()),
                    detection_s: cued.then_some(row.detection_s),
                    min_burnout_kms: row.min_burnout_kms.map(|v| round(v, 3)),
                    reachable: row.reachable,
                    intercept: row.intercept.map(|p| JsonIntercept {
                        t_s: round(p.t_s, 1),
                        lat: round(p.lat, 4),
                        lon: round(p.lon, 4),
                        alt_km: round(p.alt_km, 1),
                    }),
                    reason: row.reason.as_deref(),
                })
            })
            .collect(),
        icbm_flights_in_range: r.icbm.flights_in_range(),
        icbm_flights_beyond_range: r
            .icbm
            .tracks
            .iter()
            .filter(|t| !t.in_range)
            .map(|t| JsonBeyond {
                base_id: &t.base_id,
                missile_id: &t.missile_id,
                target_id: &t.target_id,
            })
            .collect(),
        uncertainty: super::spread::json_value(r),
        study: r
            .assumptions
            .study
            .as_deref()
            .and_then(super::studies::study)
            .map(|st| JsonStudy {
                id: st.id,
                sets: super::studies::fixes(st),
                launch_rule: super::studies::launch_rule(&r.assumptions),
                verdict: super::studies::verdict(st, r),
                left_as_it_was_not_at_reference: r.study_left_as_it_was.as_deref(),
            }),
        assumptions: &r.assumptions,
        inputs: &r.inputs,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn secs(t: Option<f64>) -> String {
    t.map_or_else(|| "never".to_owned(), |t| format!("{t:.0} s"))
}

/// The three results as a plain-text table, with the assumptions under them.
///
/// ```
/// let s = bmd_atlas::scenario::built_in();
/// let text = bmd_atlas::analysis::table(&s, &bmd_atlas::analysis::analyze(&s));
/// assert!(text.contains("Defended area") && text.contains("Assumptions:"));
/// ```
pub fn table(s: &Scenario, r: &Analysis) -> String {
    let mut o = String::new();
    let model = s
        .models
        .iter()
        .find(|m| m.id == r.model)
        .map_or(r.model.clone(), |m| m.name.clone());
    let _ = writeln!(
        o,
        "BMD Atlas analysis: {}, {}, {} ({})\n",
        s.name,
        model,
        r.year,
        r.timeline.label()
    );
    defended_section(&mut o, &r.defended);
    early_warning_section(&mut o, &r.early_warning);
    icbm_section(&mut o, &r.icbm);
    if let Some(st) = r
        .assumptions
        .study
        .as_deref()
        .and_then(super::studies::study)
    {
        let _ = writeln!(
            o,
            "\n   Settings of {} ({}).\n   Sets: {}.\n   Launch rule: {}.\n   The study: {}.\n   This app: {}.\n   {}",
            st.name,
            st.citation,
            super::studies::fixes(st),
            super::studies::launch_rule(&r.assumptions),
            st.conclusion,
            super::studies::verdict(st, r),
            super::studies::left_text(st, r.study_left_as_it_was.as_deref()),
        );
    }
    super::spread::table_section(&mut o, r);
    let _ = writeln!(o, "\n{}", r.assumptions.summary());
    o
}

/// Section 1, the defended area and population: batteries, totals, each launch area's
/// footprint and each threatened city.
fn defended_section(o: &mut String, d: &Defended) {
    let _ = writeln!(
        o,
        "1. DEFENDED AREA AND POPULATION (against Iranian missiles)"
    );
    let _ = writeln!(
        o,
        "   Operational batteries: {}",
        if d.batteries.is_empty() {
            "none".to_owned()
        } else {
            d.batteries.join("; ")
        }
    );
    let _ = writeln!(
        o,
        "   Defended area:       {} km² of {} km² threatened",
        group_thousands(d.area_km2.round() as u64),
        group_thousands(d.threatened_area_km2.round() as u64)
    );
    let _ = writeln!(
        o,
        "   Defended population: {} of {} in threatened cities (city proper)",
        group_thousands(d.population),
        group_thousands(d.threatened_population)
    );
    for note in &d.notes {
        let _ = writeln!(o, "   Note: {note}");
    }
    let _ = writeln!(
        o,
        "\n   {:<28} {:>14} {:>14}",
        "Launch area", "threatened km²", "defended km²"
    );
    for f in &d.footprints {
        let _ = writeln!(
            o,
            "   {:<28} {:>14} {:>14}",
            f.name,
            group_thousands(f.threatened_km2.round() as u64),
            group_thousands(f.defended_km2.round() as u64)
        );
    }
    let _ = writeln!(
        o,
        "\n   {:<22} {:>12}  {:<16} By",
        "City", "population", "state"
    );
    for c in d
        .cities
        .iter()
        .filter(|c| c.state != CellState::Unthreatened)
    {
        let _ = writeln!(
            o,
            "   {:<22} {:>12}  {:<16} {}",
            c.name,
            group_thousands(c.population),
            c.state.label(),
            c.by.join("; ")
        );
    }
    let out_of_range = d
        .cities
        .iter()
        .filter(|c| c.state == CellState::Unthreatened)
        .count();
    let _ = writeln!(
        o,
        "   ({out_of_range} cities are beyond the range of every Iranian missile in the catalogue.)"
    );
}

/// Section 2, early warning: for each launch area and target, when and by which radar it is
/// first seen, and the gain over NATO's own radars.
fn early_warning_section(o: &mut String, warnings: &[EarlyWarning]) {
    let _ = writeln!(
        o,
        "\n2. EARLY WARNING (radars feeding US/NATO interceptors; gain = seconds earlier than NATO's own radars)"
    );
    let _ = writeln!(
        o,
        "   {:<24} {:<14} {:>8} {:>10} {:<22} {:>10} {:>9}",
        "Launch area", "Target", "impact", "detected", "by", "own only", "gain"
    );
    for w in warnings {
        let gain = match (w.gain_s, w.seen_only_with_sharing()) {
            (Some(g), _) => format!("{g:.0} s"),
            (None, true) => "only shared".to_owned(),
            (None, false) => "-".to_owned(),
        };
        let _ = writeln!(
            o,
            "   {:<24} {:<14} {:>8} {:>10} {:<22} {:>10} {:>9}{}",
            w.launch_area_name,
            w.target_name,
            format!("{:.0} s", w.impact_s),
            secs(w.first_detection_s),
            w.radar.as_deref().unwrap_or("-"),
            secs(w.own_first_detection_s),
            gain,
            if w.in_range { "" } else { "  (beyond range)" }
        );
    }
}

/// Section 3, the ICBM question: for each launch delay, the least burnout speed from each
/// battery to each base's ICBMs, then the batteries and how many combinations are reachable.
fn icbm_section(o: &mut String, i: &Icbm) {
    let _ = writeln!(
        o,
        "\n3. THE ICBM QUESTION (least burnout speed, km/s, to reach a Russian ICBM bound for any US target; * = the battery's own interceptor has it)"
    );
    for (di, launch) in i.launches.iter().enumerate() {
        let _ = match launch {
            Launch::Fixed(delay) => {
                writeln!(o, "\n   Interceptor launched {delay:.0} s after the ICBM:")
            }
            Launch::Cued => writeln!(
                o,
                "\n   Interceptor launched when cued (first detection by a radar feeding it + decision delay):"
            ),
        };
        let _ = write!(o, "   {:<16}", "Base \\ battery");
        for b in &i.batteries {
            let _ = write!(
                o,
                " {:>14}",
                truncate(
                    &format!("{} {}", b.name, short_type(&b.interceptor_name)),
                    14
                )
            );
        }
        let _ = writeln!(o);
        for (base, name) in i.bases() {
            let _ = write!(o, "   {:<16}", truncate(&name, 16));
            for bi in 0..i.batteries.len() {
                let (reach, least) = i.cell(base, bi, di);
                let text = match least {
                    Some(v) => format!("{v:.2}{}", if reach { "*" } else { " " }),
                    None => "-".to_owned(),
                };
                let _ = write!(o, " {text:>14}");
            }
            let _ = writeln!(o);
        }
    }
    let _ = writeln!(o, "\n   Batteries (own burnout speed, status this year):");
    for b in &i.batteries {
        let _ = writeln!(
            o,
            "     {}: {} ({:.1} km/s, {})",
            b.name,
            b.interceptor_name,
            b.own_burnout_kms,
            b.status.label()
        );
    }
    let beyond = i.beyond_range();
    let _ = writeln!(o, "   {} flights in range.", i.flights_in_range());
    if !beyond.is_empty() {
        let _ = writeln!(
            o,
            "   Left out, beyond their missile's range: {}.",
            beyond.join("; ")
        );
    }
    let reached = i.rows.iter().filter(|x| x.reachable).count();
    let _ = writeln!(
        o,
        "   {reached} of {} base × missile × target × battery × launch rule combinations are reachable; --json lists each.",
        i.rows.len()
    );
}

/// "SM-3 Block IIA" → "IIA"; other names unchanged.
fn short_type(name: &str) -> &str {
    name.strip_prefix("SM-3 Block ")
        .map(|rest| rest.split_whitespace().next().unwrap_or(rest))
        .unwrap_or(name)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
