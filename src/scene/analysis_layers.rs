//! Scene items drawn from the analysis: the defended footprint and the ICBM trajectories.
//!
//! The items are built from an [`Analysis`] alone, so the window and every export draw the same
//! thing. [`add`] takes the result for the scenario from [`analysis::shared`] without waiting:
//! when it is not there yet it asks for it and draws nothing; the scene is rebuilt when the
//! result arrives (its cache key holds [`analysis::shared::generation`]). Headless callers that
//! want the layers call [`analysis::shared::compute_now`] first.

use geo::TriangulateEarcut;

use super::style::{Rgba, Stroke};
use super::{Area, Layer, Layers, LegendEntry, Line, Scene, Swatch};
use crate::analysis::{self, Analysis, CellState};
use crate::geodesy::{MapXy, ProjectionKind};
use crate::scenario::Scenario;

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

/// Adds the footprint (under everything else) and the trajectories (over the other lines) for
/// the layers that are on, with their legend entries; never blocks on the analysis.
pub fn add(scene: &mut Scene, scenario: &Scenario, layers: &Layers) {
    let (footprint, trajectories) = (
        layers.shows(Layer::Footprint),
        layers.shows(Layer::Trajectories),
    );
    if !footprint && !trajectories {
        return;
    }
    let result = match analysis::shared::request(scenario, None) {
        analysis::shared::Status::Ready(a) => a,
        analysis::shared::Status::Computing(_) => return,
    };
    add_from(
        scene,
        &result,
        footprint.then_some(layers.footprint_launch_area.as_deref()),
        trajectories,
    );
}

/// Adds the items of `result`: the footprint if `footprint` is `Some(choice)` (`Some(None)` for
/// all launch areas together, `Some(Some(id))` for one launch area's site id), and the
/// trajectories if `trajectories`.
pub fn add_from(
    scene: &mut Scene,
    result: &Analysis,
    footprint: Option<Option<&str>>,
    trajectories: bool,
) {
    if let Some(choice) = footprint {
        let areas = footprint_areas(result, scene.projection, choice);
        if !areas.is_empty() {
            scene
                .legend
                .extend(footprint_legend(&areas, choice.is_some()));
            scene.areas.splice(0..0, areas);
        }
    }
    if trajectories {
        let lines = trajectory_lines(result, scene.projection);
        if !lines.is_empty() {
            scene.legend.extend(trajectory_legend(result, &lines));
            scene.lines.extend(lines);
        }
    }
    if footprint.is_some() || trajectories {
        scene.assumptions = Some(result.assumptions.brief());
    }
}

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

/// The defended footprint as filled areas: runs of neighbouring cells of one state in a grid
/// row, merged into one strip each (far fewer items than cells).
///
/// ```
/// use bmd_atlas::{analysis, geodesy::ProjectionKind, scene::analysis_layers};
/// let result = analysis::analyze(&bmd_atlas::scenario::built_in());
/// let areas = analysis_layers::footprint_areas(&result, ProjectionKind::EuropeEqualArea, None);
/// assert!(!areas.is_empty());
/// assert!(areas.iter().all(|a| a.outline.first() == a.outline.last()));
/// ```
pub fn footprint_areas(
    result: &Analysis,
    projection: ProjectionKind,
    launch_area: Option<&str>,
) -> Vec<Area> {
    let grid = &result.defended.grid;
    let states = cell_states(result, launch_area);
    let step = grid.cell_km * 1000.0;
    let half = step / 2.0;
    let laea = ProjectionKind::EuropeEqualArea.projection();
    let target = projection.projection();
    let same = projection == ProjectionKind::EuropeEqualArea;
    let to_map = |p: MapXy| -> Option<MapXy> {
        if same {
            Some(p)
        } else {
            laea.inverse(p).and_then(|ll| target.forward(ll))
        }
    };
    let caption = |state: CellState| -> String {
        let whom = match launch_area {
            None => "every launch area that threatens it",
            Some(_) => "this launch area",
        };
        match state {
            CellState::Defended => format!("Defended against {whom}"),
            CellState::Partial => {
                "Defended against some of the launch areas that threaten it".into()
            }
            CellState::Undefended => "Within reach of Iranian missiles, not defended".into(),
            CellState::Unthreatened => String::new(),
        }
    };
    // Cells are stored row by row, west to east, so runs are consecutive in the list.
    let mut out = Vec::new();
    let mut i = 0;
    let cells = &grid.cells;
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
            let n = j - i;
            let bottom: Vec<MapXy> = (0..=n)
                .map(|k| MapXy {
                    x: x0 + k as f64 * step,
                    y: y0,
                })
                .collect();
            let top: Vec<MapXy> = bottom.iter().map(|p| MapXy { x: p.x, y: y1 }).collect();
            let ring: Option<Vec<MapXy>> = bottom
                .iter()
                .chain(top.iter().rev())
                .chain(bottom.first())
                .map(|&p| to_map(p))
                .collect();
            if let Some(outline) = ring
                && let Some(area) = strip(outline, state, caption(state))
            {
                out.push(area);
            }
        }
        i = j;
    }
    out
}

fn fill_of(state: CellState) -> Rgba {
    match state {
        CellState::Defended => DEFENDED,
        CellState::Partial => PARTIAL,
        CellState::Undefended | CellState::Unthreatened => UNDEFENDED,
    }
}

/// An area from a closed outline, triangulated.
fn strip(outline: Vec<MapXy>, state: CellState, caption: String) -> Option<Area> {
    if outline.len() < 4 {
        return None;
    }
    let polygon = geo::Polygon::new(
        geo::LineString::from(outline.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>()),
        vec![],
    );
    let raw = polygon.earcut_triangles_raw();
    Some(Area {
        layer: Layer::Footprint,
        outline,
        fill_vertices: raw
            .vertices
            .iter()
            .map(|v| MapXy { x: v[0], y: v[1] })
            .collect(),
        triangles: raw.triangle_indices.iter().map(|&i| i as u32).collect(),
        fill: fill_of(state),
        stroke: Stroke::solid(0.0, fill_of(state).with_alpha(0)),
        caption,
    })
}

fn footprint_legend(areas: &[Area], one_launch_area: bool) -> Vec<LegendEntry> {
    let mut out = Vec::new();
    let entries = [
        (
            DEFENDED,
            if one_launch_area {
                "Defended against the chosen launch area"
            } else {
                "Defended against every Iranian launch area in range"
            },
        ),
        (PARTIAL, "Defended against some launch areas in range"),
        (UNDEFENDED, "Within reach of Iranian missiles, not defended"),
    ];
    for (fill, text) in entries {
        if areas.iter().any(|a| a.fill == fill) {
            out.push(LegendEntry {
                swatch: Swatch::Area {
                    fill,
                    stroke: Stroke::solid(1.0, fill.with_alpha(255)),
                },
                text: text.to_owned(),
            });
        }
    }
    out
}

/// The ICBM ground tracks, coloured by whether some battery's own interceptor reaches them:
/// red if even at the latest launch delay assumed, orange if only at an earlier one, slate if
/// at none. Drawn on any projection; they are meant for the Arctic one.
///
/// ```
/// use bmd_atlas::{analysis, geodesy::ProjectionKind, scene::analysis_layers};
/// let result = analysis::analyze(&bmd_atlas::scenario::built_in());
/// let lines = analysis_layers::trajectory_lines(&result, ProjectionKind::ArcticPolar);
/// assert_eq!(lines.len(), result.icbm.tracks.len());
/// ```
pub fn trajectory_lines(result: &Analysis, projection: ProjectionKind) -> Vec<Line> {
    let icbm = &result.icbm;
    let p = projection.projection();
    // Delays in ascending order: "latest" is the largest.
    let latest = icbm
        .delays_s
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    let mut lines = Vec::new();
    // Unreached tracks first, so the reached ones are drawn over them.
    let mut tracks: Vec<&analysis::IcbmTrack> = icbm.tracks.iter().collect();
    tracks.sort_by_key(|t| t.reachable_at.iter().filter(|&&r| r).count());
    for t in tracks {
        let points: Vec<MapXy> = t
            .ground_track
            .iter()
            .filter_map(|&q| p.forward(q))
            .collect();
        if points.len() < 2 {
            continue;
        }
        let at_latest = latest.is_some_and(|i| t.reachable_at.get(i) == Some(&true));
        let any = t.reachable_at.iter().any(|&r| r);
        let stroke = if at_latest {
            Stroke::solid(2.2, REACHED)
        } else if any {
            Stroke::dashed(1.8, REACHED_EARLY, 8.0, 4.0)
        } else {
            Stroke::solid(1.0, NOT_REACHED)
        };
        lines.push(Line {
            layer: Layer::Trajectories,
            points,
            stroke,
            caption: track_caption(result, t),
            link: None,
        });
    }
    lines
}

/// "Kozelsk → Washington DC: reached if launched 120 s after it by North Sea station (SM-3
/// Block IIB, needs 4.72 of 5.5 km/s)".
fn track_caption(result: &Analysis, t: &analysis::IcbmTrack) -> String {
    let icbm = &result.icbm;
    let mut parts = Vec::new();
    for (d, delay) in icbm.delays_s.iter().enumerate() {
        if t.reachable_at.get(d) != Some(&true) {
            continue;
        }
        let by: Vec<String> = icbm
            .rows
            .iter()
            .filter(|r| {
                (r.base, r.target) == (t.base, t.target)
                    && r.launch_delay_s == *delay
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
        parts.push(format!(
            "reached if launched {delay:.0} s after it by {}",
            by.join(", ")
        ));
    }
    let what = if parts.is_empty() {
        "no battery's interceptor reaches it".to_owned()
    } else {
        parts.join("; ")
    };
    format!(
        "ICBM {} → {}: {what}{}",
        t.base_name,
        t.target_name,
        if t.in_range {
            ""
        } else {
            " (beyond the catalogue's ICBM range)"
        }
    )
}

fn trajectory_legend(result: &Analysis, lines: &[Line]) -> Vec<LegendEntry> {
    let mut delays: Vec<f64> = result.icbm.delays_s.clone();
    delays.sort_by(f64::total_cmp);
    let latest = delays.last().map_or(String::new(), |d| format!("{d:.0} s"));
    let earliest = delays
        .first()
        .map_or(String::new(), |d| format!("{d:.0} s"));
    let entries = [
        (
            REACHED,
            format!(
                "ICBM path reached by an interceptor launched {latest} after it \
                 (planned and hypothetical batteries included)"
            ),
        ),
        (
            REACHED_EARLY,
            format!("ICBM path reached only if launched {earliest} after it"),
        ),
        (NOT_REACHED, "ICBM path no battery reaches".to_owned()),
    ];
    let mut out = Vec::new();
    for (colour, text) in entries {
        if let Some(line) = lines.iter().find(|l| l.stroke.colour == colour) {
            out.push(LegendEntry {
                swatch: Swatch::Line(line.stroke),
                text,
            });
        }
    }
    out
}
