//! Published-study settings: put the scenario on the values a study states, with its citation
//! and its own conclusion next to what the app computes with them.
//!
//! Only studies whose values we could read are offered. Butt & Postol (2011), NRC (2012) and the
//! Russian Ministry of Defence's May 2012 briefing state their conclusions in what we have, but
//! not the numbers behind them (see `docs/analysis.md`): offering a button that changes nothing,
//! or numbers we made up, would mislead.
//!
//! Values a study does not state are set back to the reference values (the built-in scenario's),
//! so that a setting means the same whatever was edited before; each study lists them.

use super::{Analysis, Launch};
use crate::scenario::{Scenario, Status, Timeline};

/// A study the app can be set to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Study {
    /// For `--study` and the file: `mda-2007`.
    pub id: &'static str,
    pub name: &'static str,
    pub citation: &'static str,
    /// The study's own conclusion, as quoted in the reference notes.
    pub conclusion: &'static str,
    /// The interceptor type and burnout speed it states, km/s.
    pub interceptor: (&'static str, f64),
    /// The battery it is about, made operational for the question (site id).
    pub battery: &'static str,
    /// Whether the study found that the battery can reach Russian ICBMs.
    pub reaches: bool,
    /// What the study does not state, and so stays at the reference.
    pub unstated: &'static str,
}

/// The studies offered.
pub const STUDIES: [Study; 2] = [
    Study {
        id: "mda-2007",
        name: "MDA 2007 (European third site)",
        citation: "MDA (Obering, Jan 2007; quoted by Brookes, Heritage Foundation, Mar 2008); 6.3 km/s as reported by Postol (AFP, 2007)",
        conclusion: "a two-stage GBI in Poland is \"not fast enough to catch a Russian land-based ICBM in a tail-chase scenario\"",
        interceptor: ("gbi-2stage", 6.3),
        battery: "third_site_gbi",
        reaches: false,
        unstated: "launch timing, radars and every other value (the reference values; the GBI is launched when cued by the radars feeding it)",
    },
    Study {
        id: "postol-lewis-2007",
        name: "Postol & Lewis 2007",
        citation: "Postol & Lewis, AAAS study and press conference, Aug 2007 (AFP)",
        conclusion: "with a burnout speed \"closer to nine kilometers per second\", interceptors in Poland \"would be fast enough to target Russian intercontinental missiles\"",
        interceptor: ("gbi-2stage", 9.0),
        battery: "third_site_gbi",
        reaches: true,
        unstated: "launch timing, radars and every other value (the reference values; the GBI is launched when cued by the radars feeding it)",
    },
];

/// The study with this id.
pub fn study(id: &str) -> Option<&'static Study> {
    STUDIES.iter().find(|s| s.id == id)
}

/// `s` on the settings of `study`: the reference assumptions and interceptor speeds, then the
/// study's speed, and its battery operational from the first year shown. Errors name what the
/// scenario lacks.
pub fn apply(s: &mut Scenario, study: &Study) -> Result<(), String> {
    let reference = crate::scenario::reference();
    let (type_id, speed) = study.interceptor;
    if !s.interceptor_types.iter().any(|t| t.id == type_id) {
        return Err(format!(
            "{}: the scenario has no interceptor type `{type_id}`",
            study.id
        ));
    }
    let Some(site) = s.sites.iter_mut().find(|x| x.id == study.battery) else {
        return Err(format!(
            "{}: the scenario has no site `{}`",
            study.id, study.battery
        ));
    };
    let from = crate::scenario::YEARS.start().to_owned();
    site.timeline = Timeline::from_year(from, Status::Operational);
    for b in site
        .batteries
        .iter_mut()
        .filter(|b| b.interceptor == type_id)
    {
        b.timeline = Timeline::from_year(from, Status::Operational);
    }
    for t in &mut s.interceptor_types {
        if let Some(r) = reference.interceptor_types.iter().find(|r| r.id == t.id) {
            t.burnout_kms = r.burnout_kms;
        }
        if t.id == type_id {
            t.burnout_kms = speed;
        }
    }
    s.assumptions = crate::scenario::Assumptions {
        study: Some(study.id.to_owned()),
        ..reference.assumptions.clone()
    };
    Ok(())
}

/// What the app computes on the study's settings, next to the study's own conclusion: "agrees"
/// or "differs, because …".
pub fn verdict(study: &Study, r: &Analysis) -> String {
    let i = &r.icbm;
    let cued = i.launches.iter().position(|l| *l == Launch::Cued);
    let battery = i
        .batteries
        .iter()
        .position(|b| b.site_id == study.battery && b.interceptor_id == study.interceptor.0);
    let (Some(b), Some(l)) = (battery, cued) else {
        return format!("not computed: {} is not in the year shown", study.battery);
    };
    let reached = i.reached(b, l);
    let flights = i.tracks.len();
    let ours = format!("cued, it reaches {reached} of {flights} ICBM flights");
    match (study.reaches, reached > 0) {
        (true, true) | (false, false) => format!("agrees: {ours}"),
        (false, true) => format!(
            "differs: {ours}, because the radars cue it early enough for flights passing near it"
        ),
        (true, false) => format!(
            "differs: {ours}, because a launch on the cue of the radars feeding it comes too late"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_study_names_what_the_scenario_has() {
        let s = crate::scenario::built_in();
        for st in STUDIES {
            assert!(
                s.interceptor_types.iter().any(|t| t.id == st.interceptor.0),
                "{}",
                st.id
            );
            assert!(s.site(st.battery).is_some(), "{}", st.id);
            assert_eq!(study(st.id), Some(&st));
        }
    }
}
