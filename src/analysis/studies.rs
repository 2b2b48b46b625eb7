//! Published-study settings: put the scenario on the values a study states, with its citation
//! and its own conclusion next to what the app computes with them.
//!
//! A study sets only what it states: interceptor burnout speeds, threat boost times and the
//! batteries it is about (made operational from the first year shown, so that the question is
//! asked of them). Everything else is left as it was; each study lists what it does not state,
//! and [`left_as_it_was`] names what of that differs from the reference (the built-in
//! scenario), so that a study's figures that rest on earlier edits say so. Butt & Postol (2011) and the Russian Ministry of Defence (2012) state
//! few numbers in the sources we could read (`docs/research/studies-2011-2012.md`): their
//! settings are the batteries and the one speed they name, and say so.

use std::collections::BTreeSet;

use super::{Analysis, Assumptions, Launch};
use crate::scenario::{Battery, Scenario, Status, Timeline};

/// What a study found about interceptors in Europe against Russia's ICBMs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Finding {
    /// Its batteries can reach some Russian ICBM flights.
    Reaches,
    /// Its batteries cannot reach Russian ICBM flights.
    DoesNotReach,
    /// It does not judge the question, for the reason given.
    NotJudged(&'static str),
}

/// A study the app can be set to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Study {
    /// For `--study` and the file: `mda-2007`.
    pub id: &'static str,
    pub name: &'static str,
    pub citation: &'static str,
    /// The study's own conclusion, as quoted in the reference notes.
    pub conclusion: &'static str,
    /// Interceptor burnout speeds it states: (interceptor type id, km/s).
    pub speeds: &'static [(&'static str, f64)],
    /// Threat boost times it states: (missile type id, s).
    pub burn_times_s: &'static [(&'static str, f64)],
    /// The batteries it is about: (site id, interceptor type id), made operational (and added
    /// to the site where the scenario has no such battery).
    pub batteries: &'static [(&'static str, &'static str)],
    pub finding: Finding,
    /// The values come from press accounts of the study, not from its own text.
    pub secondary: bool,
    /// What the study does not state, and so leaves as it was.
    pub unstated: &'static str,
}

/// The studies offered, oldest first.
pub const STUDIES: [Study; 5] = [
    Study {
        id: "mda-2007",
        name: "MDA 2007 (European third site)",
        citation: "MDA (Obering, Jan 2007; quoted by Brookes, Heritage Foundation, Mar 2008); 6.3 km/s as reported by Postol (AFP, 2007)",
        conclusion: "a two-stage GBI in Poland is \"not fast enough to catch a Russian land-based ICBM in a tail-chase scenario\"",
        speeds: &[("gbi-2stage", 6.3)],
        burn_times_s: &[],
        batteries: &[("third_site_gbi", "gbi-2stage")],
        finding: Finding::DoesNotReach,
        secondary: true,
        unstated: "launch timing, radars and every other value (the app launches the GBI when the radars feeding it cue it)",
    },
    Study {
        id: "postol-lewis-2007",
        name: "Postol & Lewis 2007",
        citation: "Postol & Lewis, AAAS study and press conference, Aug 2007 (AFP)",
        conclusion: "with a burnout speed \"closer to nine kilometers per second\", interceptors in Poland \"would be fast enough to target Russian intercontinental missiles\"",
        speeds: &[("gbi-2stage", 9.0)],
        burn_times_s: &[],
        batteries: &[("third_site_gbi", "gbi-2stage")],
        finding: Finding::Reaches,
        secondary: true,
        unstated: "launch timing, radars and every other value (the app launches the GBI when the radars feeding it cue it)",
    },
    Study {
        id: "butt-postol-2011",
        name: "Butt & Postol 2011 (FAS)",
        citation: "Butt & Postol, \"Upsetting the Reset: The Technical Basis of Russian Concern Over NATO Missile Defense\", FAS, 8 Jun 2011 (reissued as FAS Special Report No. 1, Sep 2011)",
        conclusion: "Phases III and IV \"will provide little, if any, protection leaving nuclear deterrence fundamentally intact\", yet \"may be seen by cautious Russian planners to impose some attrition on Russian warheads\"",
        speeds: &[],
        burn_times_s: &[],
        batteries: &[
            ("redzikowo", "sm3-iia"),
            ("redzikowo", "sm3-iib"),
            ("patrol_northsea", "sm3-iia"),
            ("patrol_northsea", "sm3-iib"),
            ("patrol_norwegiansea", "sm3-iia"),
            ("patrol_norwegiansea", "sm3-iib"),
        ],
        finding: Finding::Reaches,
        secondary: false,
        unstated: "the SM-3 Block II speeds, ship stations, launch timing and ICBM bases and targets (none could be read in the report; the app's values and its northern ship stations stand in for them, so this setting illustrates their argument with the app's numbers)",
    },
    Study {
        id: "nrc-2012",
        name: "NRC 2012 (Making Sense of BMD)",
        citation: "National Research Council, Making Sense of Ballistic Missile Defense, National Academies Press, Sep 2012, pp. 24, 29; boost times as reported by Wired (11 Sep 2012)",
        conclusion: "the study \"does not consider the ability to defend against Russian or Chinese strategic forces as an evaluation criterion\" (p. 24); early intercept from Europe is \"very expensive and has limited effectiveness\" (Reuters, 12 Sep 2012)",
        speeds: &[],
        burn_times_s: &[
            ("r-36m2", 240.0),
            ("ur-100nutth", 240.0),
            ("rs-24-yars", 180.0),
            ("topol-m", 180.0),
            ("topol", 180.0),
        ],
        batteries: &[("redzikowo", "sm3-iib"), ("patrol_northsea", "sm3-iib")],
        finding: Finding::NotJudged("the study leaves Russia's forces out by design (p. 24)"),
        secondary: true,
        unstated: "every interceptor speed and the Phase 4 fly-out geometry; the batteries are the Phase 4 SM-3 IIB of the EPAA plan",
    },
    Study {
        id: "russian-mod-2012",
        name: "Russian MoD, May 2012",
        citation: "Russian Ministry of Defence, conference \"The missile defence factor in forming a new security space\", Moscow, 3-4 May 2012, as previewed by Kommersant (Apr 2012); Patrushev, 3 May 2012",
        conclusion: "SM-3s \"stationed in Poland and the Baltic Sea area\", \"if they develop a speed of 4 kilometers per second\", can challenge Russia's strategic forces; by 2020 the system could \"intercept a portion of Russia's ICBM force\"",
        speeds: &[("sm3-iia", 4.0)],
        burn_times_s: &[],
        batteries: &[("redzikowo", "sm3-iia"), ("patrol_baltic", "sm3-iia")],
        finding: Finding::Reaches,
        secondary: true,
        unstated: "separate Block IIA and IIB speeds, other ship stations, launch timing and cueing; the slides themselves could not be read, so the threshold is the press account's",
    },
];

/// The few assumptions a briefing page must state under an analysis layer, naming the study
/// whose settings they are.
///
/// ```
/// let a = bmd_atlas::analysis::Assumptions::default();
/// assert!(bmd_atlas::analysis::studies::brief(&a).contains("decision delay 60 s"));
/// ```
pub fn brief(a: &Assumptions) -> String {
    let study = a
        .study
        .as_deref()
        .and_then(study)
        .map_or_else(String::new, |s| format!("{}; ", settings_of(s)));
    format!(
        "{study}Analysis: two-body flight over a {rot} Earth with boost, interceptors cued by the \
         radars that feed them, decision delay {:.0} s, ICBM interceptor launch {} s after \
         launch or cued; open-source interceptor speeds",
        a.decision_delay_s,
        a.delays_text("/"),
        rot = if a.earth_rotation_rad_s > 0.0 {
            "rotating"
        } else {
            "non-rotating"
        },
    )
}

/// How a page names the study whose settings it shows: "Settings of MDA 2007 (…)".
pub fn settings_of(study: &Study) -> String {
    format!("Settings of {}", study.name)
}

/// The study with this id.
pub fn study(id: &str) -> Option<&'static Study> {
    STUDIES.iter().find(|s| s.id == id)
}

/// What the study sets, in words: "GBI (two-stage) 6.3 km/s; third_site_gbi: gbi-2stage
/// operational".
pub fn fixes(study: &Study) -> String {
    let speeds = study
        .speeds
        .iter()
        .map(|(t, v)| format!("{t} burnout {v:.1} km/s"));
    let burns = study
        .burn_times_s
        .iter()
        .map(|(m, t)| format!("{m} boost {t:.0} s"));
    let from = crate::scenario::YEARS.start();
    let batteries = study
        .batteries
        .iter()
        .map(|(site, t)| format!("{site}: {t} operational from {from}"));
    let mut out: Vec<String> = speeds.chain(burns).chain(batteries).collect();
    if study.secondary {
        out.push("figures from press accounts of the study".to_owned());
    }
    out.join("; ")
}

/// The launch rule the verdict uses, which no study states: "cued by the first radar feeding a
/// battery, then a 60 s decision; and fixed, 120 s and 300 s after the ICBM's launch".
///
/// ```
/// let a = bmd_atlas::analysis::Assumptions::default();
/// assert!(bmd_atlas::analysis::studies::launch_rule(&a).contains("60 s decision"));
/// ```
pub fn launch_rule(a: &Assumptions) -> String {
    format!(
        "not stated by the study; the app's: cued by the first radar feeding a battery, then a \
         {:.0} s decision; and fixed, {} s after the ICBM's launch",
        a.decision_delay_s,
        a.delays_text(" s and ")
    )
}

/// `s` on the settings of `study`: its interceptor speeds and boost times, and its batteries
/// operational from the first year shown. Everything else is left as it was (see
/// [`left_as_it_was`] for what of that differs from the reference). Errors name what the
/// scenario lacks; on an error `s` may be part way, so callers apply it to a copy (as the
/// command does).
pub fn apply(s: &mut Scenario, study: &Study) -> Result<(), String> {
    let missing = |what: &str, id: &str| format!("{}: the scenario has no {what} `{id}`", study.id);
    let types = study.speeds.iter().map(|(id, _)| id);
    for id in types.chain(study.batteries.iter().map(|(_, id)| id)) {
        if !s.interceptor_types.iter().any(|t| t.id == *id) {
            return Err(missing("interceptor type", id));
        }
    }
    for (id, v) in study.speeds {
        for t in s.interceptor_types.iter_mut().filter(|t| t.id == *id) {
            t.burnout_kms = *v;
        }
    }
    for (id, burn_s) in study.burn_times_s {
        let Some(m) = s.missile_types.iter_mut().find(|m| m.id == *id) else {
            return Err(missing("missile type", id));
        };
        m.burn_time_s = *burn_s;
    }
    let from = crate::scenario::YEARS.start().to_owned();
    for (site_id, type_id) in study.batteries {
        let Some(site) = s.sites.iter_mut().find(|x| x.id == *site_id) else {
            return Err(missing("site", site_id));
        };
        site.timeline = Timeline::from_year(from, Status::Operational);
        let operational = Timeline::from_year(from, Status::Operational);
        match site
            .batteries
            .iter_mut()
            .find(|b| b.interceptor == *type_id)
        {
            Some(b) => b.timeline = operational,
            None => site.batteries.push(Battery {
                interceptor: (*type_id).to_owned(),
                count: None,
                timeline: operational,
            }),
        }
    }
    s.assumptions.study = Some(study.id.to_owned());
    Ok(())
}

/// The most differences [`left_as_it_was`] names one by one.
const NAMED_DIFFERENCES: usize = 8;

/// What the study left as it was and is not at the reference, in words: the values its figures
/// take from earlier edits ("interceptor_types sm3-iia burnout_kms 4 (reference 4.5); year
/// 2020 (reference 2012)"), or `None` when everything it does not set is at the reference.
///
/// The comparison is with the built-in scenario on the same study's settings, over everything
/// the analysis reads (sites, cities, interceptor and missile types, the year, the timeline,
/// the cooperation model and the assumptions); names, sources and notes are left out.
pub fn left_as_it_was(s: &Scenario, study: &Study) -> Option<String> {
    let mut reference = crate::scenario::reference().clone();
    // A reference without the study's sites compares as it is: every difference is named.
    if apply(&mut reference, study).is_err() {
        reference = crate::scenario::reference().clone();
    }
    let (now, reference) = match (serde_json::to_value(s), serde_json::to_value(&reference)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            return Some(format!("the scenario could not be compared ({e})"));
        }
    };
    let mut found = Vec::new();
    for key in [
        "sites",
        "cities",
        "interceptor_types",
        "missile_types",
        "year",
        "timeline",
        "models",
        "model",
        "assumptions",
    ] {
        let null = serde_json::Value::Null;
        let (a, b) = (now.get(key), reference.get(key));
        differences(key, a.unwrap_or(&null), b.unwrap_or(&null), &mut found);
    }
    if found.is_empty() {
        return None;
    }
    let more = found.len().saturating_sub(NAMED_DIFFERENCES);
    found.truncate(NAMED_DIFFERENCES);
    if more > 0 {
        found.push(format!("and {more} more"));
    }
    Some(found.join("; "))
}

/// The line under a study's verdict: what it does not state, left as it was, and what of that
/// is not at the reference (`inherited`, from [`left_as_it_was`]).
pub fn left_text(study: &Study, inherited: Option<&str>) -> String {
    let now = inherited.map_or_else(
        || "All of it is at the reference".to_owned(),
        |d| format!("Not at the reference: {d}"),
    );
    format!(
        "Not stated by the study, so left as it was: {}. {now}.",
        study.unstated
    )
}

/// Appends to `out` each place where `now` differs from `reference`, named by its path: lists of
/// objects with an `id` are matched by id; names, sources and notes are not compared.
fn differences(
    path: &str,
    now: &serde_json::Value,
    reference: &serde_json::Value,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    let id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_owned);
    match (now, reference) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                if matches!(
                    k.as_str(),
                    "id" | "name" | "source" | "notes" | "description"
                ) {
                    continue;
                }
                differences(
                    &format!("{path}.{k}"),
                    v,
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(b).all(|x| id(x).is_some()) => {
            for x in a {
                let xid = id(x).unwrap_or_default();
                match b.iter().find(|y| id(y).as_deref() == Some(xid.as_str())) {
                    Some(y) => differences(&format!("{path} {xid}"), x, y, out),
                    None => out.push(format!("{path} {xid} added")),
                }
            }
            let removed = b
                .iter()
                .filter_map(id)
                .filter(|y| !a.iter().any(|x| id(x).as_ref() == Some(y)));
            out.extend(removed.map(|y| format!("{path} {y} removed")));
        }
        (a, b) if a == b => {}
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
            out.push(format!("{path} edited"));
        }
        (a, b) => out.push(format!("{path} {} (reference {})", shown(a), shown(b))),
    }
}

/// A value as the differences show it: numbers to six decimals at most, without trailing zeros.
fn shown(v: &serde_json::Value) -> String {
    match v.as_f64() {
        Some(x) => {
            let text = format!("{x:.6}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        None => v.to_string(),
    }
}

/// What the app computes on the study's settings, next to the study's own conclusion: "agrees",
/// "differs" or, for a study that does not judge the question, "not compared"; then what the
/// result rests on, worked out from the analysis's own rows: how many flights each launch rule
/// reaches, which flights are reached and how fast an interceptor must be to reach them, and,
/// where the app and the study part, which input makes the difference (the launch rule when
/// another rule gives the study's answer, else the speed the flights need).
pub fn verdict(study: &Study, r: &Analysis) -> String {
    let i = &r.icbm;
    let Some(cued) = i.launches.iter().position(|l| *l == Launch::Cued) else {
        return "not computed: the analysis has no cued launch".to_owned();
    };
    let facts = Facts::of(study, r);
    if facts.mine.is_empty() {
        return "not computed: none of the study's batteries is in the year shown".to_owned();
    }
    let n = facts.reached(Some(cued)).len();
    let (who, verb) = match study.batteries.len() {
        1 => ("it", "reaches"),
        _ => ("its batteries", "reach"),
    };
    let ours = format!(
        "cued, {who} {verb} {n} of {} ICBM flights in range",
        i.flights_in_range()
    );
    let basis = facts.basis(cued);
    // Another launch rule that gives the study's answer, if any.
    let other_rule = |want_any: bool| {
        (0..i.launches.len())
            .filter(|&l| l != cued)
            .map(|l| (i.launches[l].label(), facts.reached(Some(l)).len()))
            .find(|(_, k)| (*k > 0) == want_any)
    };
    match (study.finding, n > 0) {
        (Finding::NotJudged(why), _) => format!("not compared: {why}; {ours}; {basis}"),
        (Finding::Reaches, true) | (Finding::DoesNotReach, false) => {
            format!("agrees: {ours}; {basis}")
        }
        (Finding::DoesNotReach, true) => match other_rule(false) {
            Some((rule, _)) => format!(
                "differs: {ours}; {basis}. The launch rule makes the difference: launched \
                 {rule} after the ICBM, a tail chase as the study has it, {who} {verb} none"
            ),
            None => format!(
                "differs: {ours}; {basis}. The flights make the difference: on every launch \
                 rule the ones passing nearest need no more than the speed set"
            ),
        },
        (Finding::Reaches, false) => match other_rule(true) {
            Some((rule, k)) => format!(
                "differs: {ours}; {basis}. The launch rule makes the difference: on the \
                 radars' cue the launch comes too late, launched {rule} after the ICBM {who} \
                 {verb} {k}"
            ),
            None => {
                let least = facts.least_needed(None);
                format!(
                    "differs: {ours}; {basis}. The speed makes the difference: even launched \
                     early, no flight needs less than {least:.1} km/s"
                )
            }
        },
    }
}

/// What a verdict rests on: the analysis's rows for the study's batteries.
struct Facts<'a> {
    rows: Vec<&'a super::IcbmRow>,
    launches: &'a [Launch],
    /// Indices of the study's batteries in the analysis.
    mine: Vec<usize>,
    /// Their own burnout speeds, km/s.
    speeds: Vec<f64>,
}

impl<'a> Facts<'a> {
    fn of(study: &Study, r: &'a Analysis) -> Facts<'a> {
        let i = &r.icbm;
        let mine: Vec<usize> = (0..i.batteries.len())
            .filter(|&b| {
                let x = &i.batteries[b];
                study
                    .batteries
                    .iter()
                    .any(|(site, t)| x.site_id == *site && x.interceptor_id == *t)
            })
            .collect();
        Facts {
            rows: i
                .rows
                .iter()
                .filter(|x| mine.contains(&x.battery))
                .collect(),
            launches: &i.launches,
            speeds: mine
                .iter()
                .map(|&b| i.batteries[b].own_burnout_kms)
                .collect(),
            mine,
        }
    }

    /// The flights (base, missile, target) some battery of the study reaches, under launch
    /// rule `launch` or any.
    fn reached(&self, launch: Option<usize>) -> BTreeSet<(usize, &'a str, usize)> {
        self.rows
            .iter()
            .filter(|x| x.reachable && launch.is_none_or(|l| x.launch == l))
            .map(|x| (x.base, x.missile_id.as_str(), x.target))
            .collect()
    }

    /// The least burnout speed any flight needs under `launch` (or any rule), km/s.
    fn least_needed(&self, launch: Option<usize>) -> f64 {
        self.rows
            .iter()
            .filter(|x| launch.is_none_or(|l| x.launch == l))
            .filter_map(|x| x.min_burnout_kms)
            .fold(f64::INFINITY, f64::min)
    }

    /// "flights reached by launch rule: at 120 s: 52, at 300 s: 17, cued: 3 (cued, e.g.
    /// Tatishchevo → New York); cued, the easiest flight needs 6.3 km/s and the interceptor's
    /// speed is 6.3 km/s".
    fn basis(&self, cued: usize) -> String {
        let per_rule: Vec<String> = (0..self.launches.len())
            .map(|l| {
                let rule = match self.launches[l] {
                    Launch::Fixed(_) => format!("at {}", self.launches[l].label()),
                    Launch::Cued => "cued".to_owned(),
                };
                format!("{rule}: {}", self.reached(Some(l)).len())
            })
            .collect();
        let mut named: Vec<String> = Vec::new();
        for x in self.rows.iter().filter(|x| x.reachable && x.launch == cued) {
            let flight = format!("{} → {}", x.base_name, x.target_name);
            if !named.contains(&flight) && named.len() < 3 {
                named.push(flight);
            }
        }
        let speed = self.speeds.iter().copied().fold(f64::NAN, f64::max);
        let least = self.least_needed(Some(cued));
        let mut out = format!("flights reached by launch rule: {}", per_rule.join(", "));
        if !named.is_empty() {
            out.push_str(&format!(" (cued, e.g. {})", named.join("; ")));
        }
        if least.is_finite() {
            out.push_str(&format!(
                "; cued, the easiest flight needs {least:.1} km/s and the interceptor's speed is \
                 {speed:.1} km/s"
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_study_names_what_the_scenario_has() {
        let s = crate::scenario::built_in();
        for st in STUDIES {
            for (site, t) in st.batteries {
                assert!(s.site(site).is_some(), "{}: {site}", st.id);
                assert!(s.interceptor_types.iter().any(|x| x.id == *t), "{}", st.id);
            }
            for (m, _) in st.burn_times_s {
                assert!(s.missile_types.iter().any(|x| x.id == *m), "{}: {m}", st.id);
            }
            assert!(
                !st.batteries.is_empty(),
                "{}: a study is about batteries",
                st.id
            );
            assert_eq!(study(st.id), Some(&st));
        }
    }

    #[test]
    fn a_study_leaves_what_it_does_not_state_and_names_what_is_not_at_the_reference() {
        let st = study("mda-2007").unwrap_or_else(|| panic!("study"));
        let mut s = crate::scenario::built_in();
        apply(&mut s, st).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            left_as_it_was(&s, st),
            None,
            "the built-in is the reference"
        );
        let mut s = crate::scenario::built_in();
        s.assumptions.decision_delay_s = 90.0;
        let ib = s.interceptor_types.iter_mut().find(|t| t.id == "sm3-ib");
        ib.unwrap_or_else(|| panic!("sm3-ib")).burnout_kms = 3.5;
        s.sites.retain(|x| x.id != "kurecik");
        apply(&mut s, st).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.assumptions.decision_delay_s, 90.0, "left as it was");
        let gbi = s.interceptor_types.iter().find(|t| t.id == "gbi-2stage");
        assert_eq!(gbi.map(|t| t.burnout_kms), Some(6.3), "set by the study");
        let left = left_as_it_was(&s, st).unwrap_or_default();
        for expected in [
            "assumptions.decision_delay_s 90 (reference 60)",
            "interceptor_types sm3-ib.burnout_kms 3.5 (reference ",
            "sites kurecik removed",
        ] {
            assert!(left.contains(expected), "{expected:?} in {left:?}");
        }
        assert!(
            !left.contains("gbi"),
            "what the study sets is not named: {left}"
        );
    }

    #[test]
    fn more_than_eight_differences_are_counted() {
        let st = study("nrc-2012").unwrap_or_else(|| panic!("study"));
        let mut s = crate::scenario::built_in();
        apply(&mut s, st).unwrap_or_else(|e| panic!("{e}"));
        for c in &mut s.cities {
            c.lat += 0.01;
        }
        let left = left_as_it_was(&s, st).unwrap_or_default();
        let more = s.cities.len() - NAMED_DIFFERENCES;
        assert!(left.ends_with(&format!("and {more} more")), "{left}");
    }

    #[test]
    fn a_study_on_a_scenario_without_its_site_is_an_error_naming_it() {
        let mut s = crate::scenario::built_in();
        s.sites.retain(|x| x.id != "patrol_baltic");
        let st = study("russian-mod-2012").unwrap_or_else(|| panic!("study"));
        let mut copy = s.clone();
        assert_eq!(
            apply(&mut copy, st),
            Err("russian-mod-2012: the scenario has no site `patrol_baltic`".to_owned())
        );
    }
}
