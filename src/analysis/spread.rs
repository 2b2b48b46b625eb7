//! The verdict under uncertainty: the results again with every uncertain input at the end least
//! favourable to the defence, and at the end most favourable (see [`crate::scenario::uncertainty`]).
//!
//! "Redzikowo SM-3 IIB: 0 of 111 flights in range (reference), 0–3 across the uncertainty": each end is one
//! more run of the defended area and the ICBM question, in parallel with the reference and the
//! other end. An end needs only whether each battery reaches each flight, not the least speed:
//! that is decided mostly by closed-form bounds ([`crate::analysis::Interceptor::reaches_on_time`]).

use super::icbm::{self, Depth};
use super::{Analysis, Context, Icbm, Memos, analyze_in, defended};
use crate::scenario::{End, Scenario};

/// What a set of inputs gives, in the figures the panel and `analyze` bracket.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub defended_population: u64,
    /// Per battery of the reference result ([`Icbm::batteries`]) and launch rule
    /// ([`Icbm::launches`]): how many ICBM flights it reaches.
    pub reached: Vec<Vec<usize>>,
}

impl Outcome {
    /// The outcome of `r`, its batteries matched to those of `reference` by site and type.
    fn of(r: &Analysis, reference: &Icbm) -> Outcome {
        Outcome::from_parts(r.defended.population, &r.icbm, reference)
    }

    /// The outcome of a defended population and an ICBM question, the latter's batteries
    /// matched to those of `reference` by site and type.
    fn from_parts(defended_population: u64, icbm: &Icbm, reference: &Icbm) -> Outcome {
        let reached = reference
            .batteries
            .iter()
            .map(|b| {
                let here = icbm
                    .batteries
                    .iter()
                    .position(|x| x.site == b.site && x.interceptor_id == b.interceptor_id);
                (0..reference.launches.len())
                    .map(|l| here.map_or(0, |i| icbm.reached(i, l)))
                    .collect()
            })
            .collect();
        Outcome {
            defended_population,
            reached,
        }
    }
}

/// What an uncertainty end needs for its [`Outcome`]: the defended population (the cities, not
/// the grid), and whether each battery reaches each flight (not the least speeds, nor the early
/// warning).
fn end_parts(s: &Scenario, memos: &Memos) -> (u64, Icbm) {
    let ctx = Context::new(s, memos);
    (
        defended::population(&ctx),
        icbm::compute(&ctx, Depth::Reach),
    )
}

/// The reference result's outcome and those at the two ends of the bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    /// How many values carry bounds.
    pub inputs: usize,
    pub reference: Outcome,
    pub against_defence: Outcome,
    pub for_defence: Outcome,
}

impl Spread {
    /// "0–3": the range of flights battery `b` reaches under launch rule `l`, least first.
    pub fn reached_range(&self, b: usize, l: usize) -> (usize, usize) {
        let at = |o: &Outcome| {
            o.reached
                .get(b)
                .and_then(|x| x.get(l))
                .copied()
                .unwrap_or(0)
        };
        let (x, y) = (at(&self.against_defence), at(&self.for_defence));
        (x.min(y), x.max(y))
    }

    /// The range of the defended population, least first.
    pub fn population_range(&self) -> (u64, u64) {
        let (x, y) = (
            self.against_defence.defended_population,
            self.for_defence.defended_population,
        );
        (x.min(y), x.max(y))
    }
}

/// [`super::analyze`] and, if the scenario has bounded inputs, the [`Spread`] across them (in
/// [`Analysis::spread`]).
///
/// ```
/// let r = bmd_atlas::analysis::analyze_with_spread(&bmd_atlas::scenario::built_in());
/// let spread = r.spread.as_ref().unwrap();
/// let (low, high) = spread.population_range();
/// assert!(low <= spread.reference.defended_population && spread.reference.defended_population <= high);
/// ```
pub fn analyze_with_spread(s: &Scenario) -> Analysis {
    analyze_with_spread_in(s, &Memos::new())
}

/// [`analyze_with_spread`], remembering in `memos` (the three analyses share them).
pub fn analyze_with_spread_in(s: &Scenario, memos: &Memos) -> Analysis {
    let started = std::time::Instant::now();
    let inputs = s.bounded_inputs();
    if inputs == 0 {
        return analyze_in(s, memos);
    }
    let (reference, (against, for_defence)) = rayon::join(
        || analyze_in(s, memos),
        || {
            rayon::join(
                || end_parts(&s.at_bounds(End::AgainstDefence), memos),
                || end_parts(&s.at_bounds(End::ForDefence), memos),
            )
        },
    );
    let mut out = reference;
    let end = |(population, icbm): &(u64, Icbm)| Outcome::from_parts(*population, icbm, &out.icbm);
    out.spread = Some(Spread {
        inputs,
        reference: Outcome::of(&out, &out.icbm),
        against_defence: end(&against),
        for_defence: end(&for_defence),
    });
    out.compute_ms = started.elapsed().as_secs_f64() * 1000.0;
    out
}

/// The spread as JSON: `{inputs, defended_population: {reference, against_defence,
/// for_defence}, icbm: [{battery_id, interceptor_id, launch, flights_in_range, flights_beyond_range, reference,
/// against_defence, for_defence}]}`.
pub(crate) fn json_value(r: &Analysis) -> Option<serde_json::Value> {
    use serde_json::json;
    let spread = r.spread.as_ref()?;
    let i = &r.icbm;
    let at = |o: &Outcome, b: usize, l: usize| o.reached.get(b).and_then(|x| x.get(l)).copied();
    let mut icbm = Vec::new();
    for (bi, b) in i.batteries.iter().enumerate() {
        for (li, launch) in i.launches.iter().enumerate() {
            icbm.push(json!({
                "battery_id": b.site_id,
                "interceptor_id": b.interceptor_id,
                "launch": launch.label(),
                "flights_in_range": i.flights_in_range(),
                "flights_beyond_range": i.flights_beyond_range(),
                "reference": at(&spread.reference, bi, li),
                "against_defence": at(&spread.against_defence, bi, li),
                "for_defence": at(&spread.for_defence, bi, li),
            }));
        }
    }
    Some(json!({
        "inputs": spread.inputs,
        "defended_population": {
            "reference": spread.reference.defended_population,
            "against_defence": spread.against_defence.defended_population,
            "for_defence": spread.for_defence.defended_population,
        },
        "icbm": icbm,
    }))
}

/// "Redzikowo SM-3 Block IIB, cued: 0 of 111 flights in range (reference), 0–3 across the
/// uncertainty".
pub fn icbm_line(r: &Analysis, battery: usize, launch: usize) -> Option<String> {
    let spread = r.spread.as_ref()?;
    let b = r.icbm.batteries.get(battery)?;
    let l = r.icbm.launches.get(launch)?;
    let reference = r.icbm.reached(battery, launch);
    let (low, high) = spread.reached_range(battery, launch);
    Some(format!(
        "{} {}, {}: {reference} of {} flights in range (reference), {low}–{high} across the \
         uncertainty",
        b.name,
        b.interceptor_name,
        l.label(),
        r.icbm.flights_in_range()
    ))
}

/// The table's section on the verdict under uncertainty.
pub(crate) fn table_section(o: &mut String, r: &Analysis) {
    use std::fmt::Write as _;
    let Some(spread) = &r.spread else {
        return;
    };
    let (low, high) = spread.population_range();
    let mut lines = vec![
        format!(
            "\n4. UNDER UNCERTAINTY ({} bounded inputs, each set to the end least and then most favourable to the defence)",
            spread.inputs
        ),
        format!(
            "   Defended population: {} (reference), {}–{} across the uncertainty",
            crate::format::group_thousands(spread.reference.defended_population),
            crate::format::group_thousands(low),
            crate::format::group_thousands(high)
        ),
    ];
    for b in 0..r.icbm.batteries.len() {
        for l in 0..r.icbm.launches.len() {
            lines.extend(icbm_line(r, b, l).map(|x| format!("   {x}")));
        }
    }
    for line in lines {
        // Writing to a String cannot fail.
        writeln!(o, "{line}").unwrap_or(());
    }
}
