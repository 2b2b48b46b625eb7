//! Features drawn from an analysis result: the ICBM ground tracks, and the colours of the
//! defended footprint ([`super::footprint`]).
//!
//! They are made from an [`Analysis`] alone, which the caller passes in; nothing here computes
//! one or looks one up.

use serde_json::json;

use super::style::{Rgba, Stroke};
use super::{Feature, FeatureKind, FeatureState, Geometry, Look, properties};
use crate::analysis::{self, Analysis};
use crate::scenario::Layer;

/// Defended against every launch area that threatens it.
pub const DEFENDED: Rgba = Rgba([0x1b, 0x9e, 0x4b, 95]);
/// Defended against some of the launch areas that threaten it.
pub const PARTIAL: Rgba = Rgba([0xe0, 0xa1, 0x00, 80]);
/// Threatened and not defended.
pub const UNDEFENDED: Rgba = Rgba([0xd7, 0x30, 0x27, 45]);
/// ICBM trajectory reached even by the latest interceptor launch assumed.
pub const REACHED: Rgba = Rgba([0xc6, 0x1b, 0x1b, 235]);
/// ICBM trajectory reached only by an earlier interceptor launch.
pub const REACHED_EARLY: Rgba = Rgba([0xf0, 0x7f, 0x00, 230]);
/// ICBM trajectory no battery reaches.
pub const NOT_REACHED: Rgba = Rgba([0x4a, 0x5a, 0x70, 150]);

/// The ICBM ground tracks, coloured by whether some battery's own interceptor reaches them:
/// red if even at the latest launch delay assumed, orange (dashed) if only at an earlier one,
/// slate if at none; the unreached first, so that the reached are drawn over them.
///
/// ```
/// use bmd_atlas::{analysis, picture::analysis_layers};
/// let result = analysis::analyze(&bmd_atlas::scenario::built_in());
/// let tracks = analysis_layers::trajectories(&result);
/// assert_eq!(tracks.len(), result.icbm.tracks.len());
/// ```
pub fn trajectories(result: &Analysis) -> Vec<Feature> {
    let icbm = &result.icbm;
    // Solid: reached when cued by the radars that feed the battery (the realistic rule).
    let cued = icbm
        .launches
        .iter()
        .position(|l| *l == analysis::Launch::Cued);
    let mut tracks: Vec<&analysis::IcbmTrack> = icbm.tracks.iter().collect();
    tracks.sort_by_key(|t| t.reachable_at.iter().filter(|&&r| r).count());
    let mut out = Vec::new();
    for t in tracks {
        if t.ground_track.len() < 2 {
            continue;
        }
        let when_cued = cued.is_some_and(|i| t.reachable_at.get(i) == Some(&true));
        let (state, stroke) = if when_cued {
            (FeatureState::Reached, Stroke::solid(2.2, REACHED))
        } else if t.reachable_at.iter().any(|&r| r) {
            (
                FeatureState::ReachedIfEarlier,
                Stroke::dashed(1.8, REACHED_EARLY, 8.0, 4.0),
            )
        } else {
            (FeatureState::NotReached, Stroke::solid(1.0, NOT_REACHED))
        };
        out.push(Feature {
            id: format!("trajectory:{}:{}:{}", t.base, t.missile_id, t.target),
            layer: Layer::Trajectories,
            kind: FeatureKind::Trajectory,
            state,
            geometry: Geometry::Line(t.ground_track.clone()),
            name: format!("{} → {}", t.base_name, t.target_name),
            label: String::new(),
            caption: track_caption(result, t),
            priority: 0,
            look: Look::line(stroke),
            item: None,
            properties: properties(vec![
                ("from", json!(t.base_name)),
                ("missile_id", json!(t.missile_id)),
                ("to", json!(t.target_name)),
                ("in_range", json!(t.in_range)),
                ("apogee_km", json!(t.apogee_km)),
                ("flight_time_s", json!(t.impact_s)),
                (
                    "launches",
                    json!(icbm.launches.iter().map(|l| l.label()).collect::<Vec<_>>()),
                ),
                ("reached_at_launch", json!(t.reachable_at)),
            ]),
        });
    }
    out
}

/// "ICBM Kozelsk → Washington DC: reached if launched 120 s after it by North Sea station
/// (SM-3 Block IIB, needs 4.72 of 5.5 km/s)".
fn track_caption(result: &Analysis, t: &analysis::IcbmTrack) -> String {
    let icbm = &result.icbm;
    let mut parts = Vec::new();
    for (d, launch) in icbm.launches.iter().enumerate() {
        if t.reachable_at.get(d) != Some(&true) {
            continue;
        }
        let by: Vec<String> = icbm
            .rows
            .iter()
            .filter(|r| {
                (r.base, r.target) == (t.base, t.target)
                    && r.missile_id == t.missile_id
                    && r.launch == d
                    && r.reachable
            })
            .filter_map(|r| {
                let b = icbm.batteries.get(r.battery)?;
                Some(format!(
                    "{} ({}, {}; needs {:.2} of {:.1} km/s)",
                    b.name,
                    b.interceptor_name,
                    b.status.label(),
                    r.min_burnout_kms.unwrap_or(f64::NAN),
                    b.own_burnout_kms
                ))
            })
            .collect();
        let when = match launch {
            analysis::Launch::Fixed(delay) => format!("launched {delay:.0} s after it"),
            analysis::Launch::Cued => "cued by its radars".to_owned(),
        };
        parts.push(format!("reached if {when} by {}", by.join(", ")));
    }
    let what = if parts.is_empty() {
        "no battery's interceptor reaches it".to_owned()
    } else {
        parts.join("; ")
    };
    format!(
        "ICBM {} ({}) → {}: {what}{}",
        t.base_name,
        t.missile_id,
        t.target_name,
        if t.in_range {
            ""
        } else {
            " (beyond the catalogue's ICBM range)"
        }
    )
}
