//! Features drawn from an analysis result: the defended footprint and the ICBM ground tracks.
//!
//! They are made from an [`Analysis`] alone, which the caller passes in; nothing here computes
//! one or looks one up.

use serde_json::json;

use super::style::{Rgba, Stroke};
use super::{Feature, FeatureKind, FeatureState, Geometry, Look, properties};
use crate::analysis::{self, Analysis, CellState};
use crate::geodesy::{MapXy, ProjectionKind};
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

/// How each grid cell is drawn for a footprint choice: `None` for all launch areas together
/// (defended, partly defended, undefended), or one launch area's site id (defended or not).
fn cell_states(result: &Analysis, launch_area: Option<&str>) -> Vec<CellState> {
    let d = &result.defended;
    match launch_area {
        None => d.cells.clone(),
        Some(id) => {
            let mut out = vec![CellState::Unthreatened; d.cells.len()];
            if let Some(f) = d.footprints.iter().find(|f| f.id == id) {
                for (&cell, &ok) in f.threatened.iter().zip(&f.defended) {
                    if let Some(c) = out.get_mut(cell as usize) {
                        *c = if ok {
                            CellState::Defended
                        } else {
                            CellState::Undefended
                        };
                    }
                }
            }
            out
        }
    }
}

fn footprint_caption(state: CellState, launch_area: Option<&str>) -> String {
    let whom = match launch_area {
        None => "every launch area that threatens it",
        Some(_) => "this launch area",
    };
    match state {
        CellState::Defended => format!("Defended against {whom}"),
        CellState::Partial => "Defended against some of the launch areas that threaten it".into(),
        CellState::Undefended => "Within reach of Iranian missiles, not defended".into(),
        CellState::Unthreatened => String::new(),
    }
}

fn footprint_look(state: CellState) -> (FeatureState, Rgba) {
    match state {
        CellState::Defended => (FeatureState::Defended, DEFENDED),
        CellState::Partial => (FeatureState::PartlyDefended, PARTIAL),
        CellState::Undefended | CellState::Unthreatened => (FeatureState::Undefended, UNDEFENDED),
    }
}

/// Adds the defended footprint: runs of neighbouring grid cells of one state in a row, merged
/// into one strip each (far fewer features than cells), under everything else.
///
/// ```
/// use bmd_atlas::{analysis, picture::analysis_layers};
/// let result = analysis::analyze(&bmd_atlas::scenario::built_in());
/// let mut features = Vec::new();
/// analysis_layers::footprint(&result, None, &mut features);
/// assert!(!features.is_empty());
/// ```
pub fn footprint(result: &Analysis, launch_area: Option<&str>, out: &mut Vec<Feature>) {
    let grid = &result.defended.grid;
    let states = cell_states(result, launch_area);
    let step = grid.cell_km * 1000.0;
    let half = step / 2.0;
    let laea = ProjectionKind::EuropeEqualArea.projection();
    // Cells are stored row by row, west to east, so runs are consecutive in the list.
    let cells = &grid.cells;
    let mut i = 0;
    while i < cells.len() {
        let state = states.get(i).copied().unwrap_or(CellState::Unthreatened);
        let mut j = i + 1;
        while j < cells.len()
            && states.get(j) == Some(&state)
            && cells[j].centre.y == cells[i].centre.y
            && (cells[j].centre.x - cells[j - 1].centre.x - step).abs() < 1.0
        {
            j += 1;
        }
        if state != CellState::Unthreatened {
            let (y0, y1) = (cells[i].centre.y - half, cells[i].centre.y + half);
            let x0 = cells[i].centre.x - half;
            let bottom: Vec<MapXy> = (0..=j - i)
                .map(|k| MapXy {
                    x: x0 + k as f64 * step,
                    y: y0,
                })
                .collect();
            let top = bottom.iter().rev().map(|p| MapXy { x: p.x, y: y1 });
            let ring: Option<Vec<geo::Point<f64>>> = bottom
                .iter()
                .copied()
                .chain(top)
                .chain(bottom.first().copied())
                .map(|p| laea.inverse(p))
                .collect();
            let inside = laea.inverse(MapXy {
                x: x0 + (j - i) as f64 * half,
                y: cells[i].centre.y,
            });
            if let (Some(ring), Some(inside)) = (ring, inside) {
                out.push(strip(result, ring, inside, state, launch_area, out.len()));
            }
        }
        i = j;
    }
}

fn strip(
    result: &Analysis,
    ring: Vec<geo::Point<f64>>,
    inside: geo::Point<f64>,
    state: CellState,
    launch_area: Option<&str>,
    n: usize,
) -> Feature {
    let caption = footprint_caption(state, launch_area);
    let (state, fill) = footprint_look(state);
    Feature {
        id: format!("footprint:{n}"),
        layer: Layer::Footprint,
        kind: FeatureKind::Footprint,
        state,
        geometry: Geometry::Area {
            ring,
            inside,
            label_at: None,
        },
        name: caption.clone(),
        label: String::new(),
        caption,
        priority: 0,
        look: Look::area(Stroke::solid(0.0, fill.with_alpha(0)), Some(fill)),
        item: None,
        properties: properties(vec![
            ("launch_area", json!(launch_area)),
            ("year", json!(result.year)),
            ("model", json!(result.model)),
        ]),
    }
}

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
