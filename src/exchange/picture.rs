//! The visible picture in longitude/latitude: what [`crate::scene::build`] draws for a scenario
//! and layer choice, as features with properties, for the GeoJSON and KML writers.
//!
//! It follows the scene's rules item for item (which sites exist this year, one ring per site and
//! reach, proposed batteries without rings, the active model's links and sectors), but keeps the
//! geometry on the ellipsoid instead of projecting it, and keeps the ids and facts a GIS user
//! needs as properties. A test compares the counts with the scene's.

use serde_json::{Map, Value, json};

use super::geometry::{self, Geometry};
use crate::analysis::{self, Analysis};
use crate::cooperation::LinkKind;
use crate::geodesy::{self, ProjectionKind};
use crate::scenario::{CityKind, Scenario, Side, SiteKind, Status};
use crate::scene::Layers;
use crate::scene::analysis_layers;
use crate::scene::style::{self, Rgba};

/// Which layer a feature belongs to (the `layer` property).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeatureLayer {
    /// The defended footprint (analysis).
    Footprint,
    Sector,
    Fan,
    Ring,
    Link,
    /// Russian ICBM ground tracks (analysis).
    Trajectory,
    Site,
    City,
}

impl FeatureLayer {
    /// The `layer` property's value and the KML folder name.
    pub fn name(self) -> &'static str {
        match self {
            FeatureLayer::Footprint => "footprint",
            FeatureLayer::Trajectory => "trajectory",
            FeatureLayer::Sector => "sector",
            FeatureLayer::Fan => "fan",
            FeatureLayer::Ring => "ring",
            FeatureLayer::Link => "link",
            FeatureLayer::Site => "site",
            FeatureLayer::City => "city",
        }
    }

    /// The folder title in KML.
    pub fn title(self) -> &'static str {
        match self {
            FeatureLayer::Footprint => "Defended footprint (analysis)",
            FeatureLayer::Trajectory => "ICBM paths (analysis)",
            FeatureLayer::Sector => "Interception sectors",
            FeatureLayer::Fan => "Radar coverage",
            FeatureLayer::Ring => "Interceptor reach",
            FeatureLayer::Link => "Data links",
            FeatureLayer::Site => "Sites",
            FeatureLayer::City => "Cities",
        }
    }
}

/// How a feature is drawn, in the scene's colours.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    /// A stable id shared by features drawn alike (the KML `Style` id).
    pub id: String,
    pub stroke: Rgba,
    pub stroke_width: f32,
    /// `None`: not filled (lines, hollow symbols).
    pub fill: Option<Rgba>,
    pub dashed: bool,
    /// For points: the kind, which decides the symbol.
    pub kind: Option<SiteKind>,
}

/// One feature of the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub layer: FeatureLayer,
    /// A stable id (`site:deveselu`, `ring:deveselu:850`).
    pub id: String,
    pub name: String,
    /// What the map's tooltip says about it.
    pub caption: String,
    pub geometry: Geometry,
    /// Properties in a fixed order (`layer`, `id`, `name`, … `caption`).
    pub properties: Map<String, Value>,
    pub look: Look,
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::UsNato => "us_nato",
        Side::Russia => "russia",
        Side::Iran => "iran",
        Side::Joint => "joint",
    }
}

fn kind_name(kind: SiteKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn status_name(status: Status) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn link_name(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::OwnSensor => "own_sensor",
        LinkKind::SharedSensor => "shared_sensor",
        LinkKind::FusedPicture => "fused_picture",
        LinkKind::Planning => "planning",
    }
}

fn props(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// The picture of `scenario` in its year, timeline and model, with `layers` on.
///
/// The analysis layers (footprint, trajectories) come from the analysis already computed for
/// this scenario ([`crate::analysis::shared::get`]), as in the window: when it has not been
/// computed they are left out. Headless callers that want them call
/// [`crate::analysis::shared::compute_now`] first, or use [`picture_with`].
///
/// ```
/// use bmd_atlas::exchange::{FeatureLayer, picture};
/// let s = bmd_atlas::scenario::built_in();
/// let features = picture(&s, &s.presentation.layers);
/// assert!(features.iter().any(|f| f.layer == FeatureLayer::Site && f.name.contains("Deveselu")));
/// ```
pub fn picture(scenario: &Scenario, layers: &Layers) -> Vec<Feature> {
    let result = (layers.footprint || layers.trajectories)
        .then(|| analysis::shared::get(scenario))
        .flatten();
    picture_with(scenario, layers, result.as_deref())
}

/// [`picture`] with the analysis result given (or none).
pub fn picture_with(
    scenario: &Scenario,
    layers: &Layers,
    result: Option<&Analysis>,
) -> Vec<Feature> {
    let mut out = Vec::new();
    if let Some(result) = result.filter(|_| layers.footprint) {
        footprint(result, layers.footprint_launch_area.as_deref(), &mut out);
    }
    if layers.sectors {
        sectors(scenario, &mut out);
    }
    if layers.fans {
        fans(scenario, &mut out);
    }
    if layers.rings {
        rings(scenario, &mut out);
    }
    if layers.links {
        links(scenario, &mut out);
    }
    if let Some(result) = result.filter(|_| layers.trajectories) {
        trajectories(result, &mut out);
    }
    sites(scenario, layers, &mut out);
    if layers.cities {
        cities(scenario, &mut out);
    }
    out
}

fn sectors(scenario: &Scenario, out: &mut Vec<Feature>) {
    let Some(model) = scenario.active_model() else {
        return;
    };
    for sector in &model.sectors {
        let ring = sector.outline();
        let Some(geometry) = geometry::polygon(&ring, sector.middle()) else {
            continue;
        };
        let colour = style::side_colour(sector.side);
        let caption = format!("{}: {} intercepts here", sector.name, sector.side.label());
        out.push(Feature {
            layer: FeatureLayer::Sector,
            id: format!("sector:{}:{}", model.id, sector.id),
            name: sector.name.clone(),
            caption: caption.clone(),
            geometry,
            properties: props(vec![
                ("layer", json!("sector")),
                ("id", json!(sector.id)),
                ("name", json!(sector.name)),
                ("side", json!(side_name(sector.side))),
                ("model", json!(model.id)),
                ("notes", json!(sector.notes)),
                ("source", json!(sector.source)),
                ("uncertain", json!(sector.uncertain)),
                ("caption", json!(caption)),
            ]),
            look: Look {
                id: format!("sector-{}", side_name(sector.side)),
                stroke: colour.with_alpha(200),
                stroke_width: 2.0,
                fill: Some(colour.with_alpha(26)),
                dashed: true,
                kind: None,
            },
        });
    }
}

fn fans(scenario: &Scenario, out: &mut Vec<Feature>) {
    for (site, status) in scenario.active_sites() {
        let Some(radar) = &site.radar else { continue };
        let ring = geodesy::coverage_fan(
            site.position(),
            radar.boresight_deg,
            radar.fov_deg,
            radar.range_km * 1000.0,
        );
        let Some(geometry) = geometry::polygon(&ring, site.position()) else {
            continue;
        };
        let colour = style::side_colour(site.side);
        let filled = style::is_filled(status);
        let caption = format!(
            "{}: radar coverage {:.0} km, {:.0}° wide{}",
            site.name,
            radar.range_km,
            radar.fov_deg,
            if radar.uncertain { " (uncertain)" } else { "" }
        );
        out.push(Feature {
            layer: FeatureLayer::Fan,
            id: format!("fan:{}", site.id),
            name: format!("{} coverage", site.label()),
            caption: caption.clone(),
            geometry,
            properties: props(vec![
                ("layer", json!("fan")),
                ("id", json!(site.id)),
                ("name", json!(site.name)),
                ("side", json!(side_name(site.side))),
                ("status", json!(status_name(status))),
                ("range_km", json!(radar.range_km)),
                ("boresight_deg", json!(radar.boresight_deg)),
                ("fov_deg", json!(radar.fov_deg)),
                ("source", json!(site.source)),
                ("uncertain", json!(radar.uncertain)),
                ("caption", json!(caption)),
            ]),
            look: Look {
                id: format!(
                    "fan-{}{}",
                    side_name(site.side),
                    if filled { "" } else { "-planned" }
                ),
                stroke: colour.with_alpha(140),
                stroke_width: 0.9,
                fill: Some(colour.with_alpha(20)),
                dashed: !filled,
                kind: None,
            },
        });
    }
}

fn rings(scenario: &Scenario, out: &mut Vec<Feature>) {
    for (site, _) in scenario.active_sites() {
        // (range bits, operational, index into `out`): types with the same reach share a ring.
        let mut drawn: Vec<(u64, bool, usize)> = Vec::new();
        for battery in &site.batteries {
            let Some(status) = battery.timeline.status_in(scenario.year, scenario.timeline) else {
                continue;
            };
            if !status.is_present() || status == Status::Proposed {
                continue;
            }
            let Some((index, kind)) = scenario
                .interceptor_types
                .iter()
                .enumerate()
                .find(|(_, t)| t.id == battery.interceptor)
            else {
                continue;
            };
            let operational = style::is_filled(status);
            let key = (kind.range_km.to_bits(), operational);
            if let Some(&(_, _, at)) = drawn.iter().find(|(r, o, _)| (*r, *o) == key) {
                let f: &mut Feature = &mut out[at];
                f.caption.push_str(&format!(" + {}", kind.name));
                f.properties
                    .insert("caption".into(), Value::String(f.caption.clone()));
                if let Some(Value::Array(types)) = f.properties.get_mut("interceptors") {
                    types.push(json!(kind.id));
                }
                continue;
            }
            let ring = geodesy::range_ring(site.position(), kind.range_km * 1000.0);
            let Some(geometry) = geometry::polygon(&ring, site.position()) else {
                continue;
            };
            let caption = format!(
                "{}: {} reach ≈{:.0} km ({}{}): {}",
                site.label(),
                if operational {
                    "operational"
                } else {
                    "not yet operational"
                },
                kind.range_km,
                status.label(),
                if kind.uncertain { ", estimate" } else { "" },
                kind.name,
            );
            let colour = style::ring_colour(index);
            drawn.push((key.0, key.1, out.len()));
            out.push(Feature {
                layer: FeatureLayer::Ring,
                id: format!("ring:{}:{}:{}", site.id, kind.id, status_name(status)),
                name: format!("{} reach", site.label()),
                caption: caption.clone(),
                geometry,
                properties: props(vec![
                    ("layer", json!("ring")),
                    ("id", json!(site.id)),
                    ("name", json!(site.name)),
                    ("side", json!(side_name(site.side))),
                    ("status", json!(status_name(status))),
                    ("interceptors", json!([kind.id])),
                    ("range_km", json!(kind.range_km)),
                    ("source", json!(kind.source)),
                    ("uncertain", json!(kind.uncertain)),
                    ("caption", json!(caption)),
                ]),
                look: Look {
                    id: format!(
                        "ring-{}{}",
                        index,
                        if operational { "" } else { "-planned" }
                    ),
                    stroke: colour,
                    stroke_width: if operational { 1.6 } else { 1.3 },
                    fill: operational.then_some(colour.with_alpha(12)),
                    dashed: !operational,
                    kind: None,
                },
            });
        }
    }
}

fn links(scenario: &Scenario, out: &mut Vec<Feature>) {
    for link in scenario.links() {
        let (Some(a), Some(b)) = (scenario.sites.get(link.from), scenario.sites.get(link.to))
        else {
            continue;
        };
        let path = geodesy::great_circle_arc(a.position(), b.position());
        let Some(geometry) = geometry::line(&path) else {
            continue;
        };
        let joint = style::side_colour(Side::Joint);
        let (stroke, width, dashed) = match link.kind {
            LinkKind::OwnSensor => (style::side_colour(a.side).with_alpha(150), 1.2, false),
            LinkKind::SharedSensor => (joint.with_alpha(200), 1.8, false),
            LinkKind::FusedPicture | LinkKind::Planning => (joint, 2.2, true),
        };
        let caption = format!("{} → {}: {}", a.label(), b.label(), link.kind.label());
        out.push(Feature {
            layer: FeatureLayer::Link,
            id: format!("link:{}:{}:{}", a.id, b.id, link_name(link.kind)),
            name: format!("{} → {}", a.label(), b.label()),
            caption: caption.clone(),
            geometry,
            properties: props(vec![
                ("layer", json!("link")),
                ("from", json!(a.id)),
                ("to", json!(b.id)),
                ("kind", json!(link_name(link.kind))),
                ("model", json!(scenario.model)),
                ("caption", json!(caption)),
            ]),
            look: Look {
                id: format!(
                    "link-{}{}",
                    link_name(link.kind),
                    if link.kind == LinkKind::OwnSensor {
                        format!("-{}", side_name(a.side))
                    } else {
                        String::new()
                    }
                ),
                stroke,
                stroke_width: width,
                fill: None,
                dashed,
                kind: None,
            },
        });
    }
}

fn sites(scenario: &Scenario, layers: &Layers, out: &mut Vec<Feature>) {
    for site in &scenario.sites {
        if layers.hidden_kinds.contains(&site.kind) {
            continue;
        }
        // The scene's rule: joint centres exist only under a model that has them.
        let Some(status) = scenario.site_status(site) else {
            continue;
        };
        let Some(geometry) = geometry::point(site.position()) else {
            continue;
        };
        let colour = style::side_colour(site.side);
        let filled = style::is_filled(status);
        let caption = format!(
            "{} · {} · {} in {}{}",
            site.kind.label(),
            site.side.label(),
            status.label(),
            scenario.year,
            if site.uncertain {
                " · some facts uncertain"
            } else {
                ""
            }
        );
        out.push(Feature {
            layer: FeatureLayer::Site,
            id: format!("site:{}", site.id),
            name: site.name.clone(),
            caption: caption.clone(),
            geometry,
            properties: props(vec![
                ("layer", json!("site")),
                ("id", json!(site.id)),
                ("name", json!(site.name)),
                ("short_name", json!(site.label())),
                ("country", json!(site.country)),
                ("kind", json!(kind_name(site.kind))),
                ("side", json!(side_name(site.side))),
                ("status", json!(status_name(status))),
                ("year", json!(scenario.year)),
                ("system", json!(site.system)),
                (
                    "radar",
                    site.radar
                        .as_ref()
                        .and_then(|r| serde_json::to_value(r).ok())
                        .unwrap_or(Value::Null),
                ),
                (
                    "timeline",
                    serde_json::to_value(&site.timeline).unwrap_or(Value::Null),
                ),
                ("notes", json!(site.notes)),
                ("source", json!(site.source)),
                ("uncertain", json!(site.uncertain)),
                ("caption", json!(caption)),
            ]),
            look: Look {
                id: format!(
                    "site-{}-{}{}",
                    side_name(site.side),
                    kind_name(site.kind),
                    if filled { "" } else { "-hollow" }
                ),
                stroke: colour,
                stroke_width: 1.2,
                fill: filled.then_some(colour),
                dashed: false,
                kind: Some(site.kind),
            },
        });
    }
}

fn cities(scenario: &Scenario, out: &mut Vec<Feature>) {
    for city in &scenario.cities {
        let Some(geometry) = geometry::point(city.position()) else {
            continue;
        };
        let caption = match city.population {
            Some(n) => format!("Population {n} (city proper)"),
            None => "US target used in ICBM trajectory studies".to_owned(),
        };
        out.push(Feature {
            layer: FeatureLayer::City,
            id: format!("city:{}", city.id),
            name: city.name.clone(),
            caption: caption.clone(),
            geometry,
            properties: props(vec![
                ("layer", json!("city")),
                ("id", json!(city.id)),
                ("name", json!(city.name)),
                ("country", json!(city.country)),
                (
                    "kind",
                    json!(match city.kind {
                        CityKind::City => "city",
                        CityKind::UsTarget => "us_target",
                    }),
                ),
                ("population", json!(city.population)),
                ("source", json!(city.source)),
                ("caption", json!(caption)),
            ]),
            look: Look {
                id: "city".into(),
                stroke: Rgba::rgb(255, 255, 255),
                stroke_width: 0.8,
                fill: Some(style::CITY),
                dashed: false,
                kind: None,
            },
        });
    }
}

fn footprint(result: &Analysis, launch_area: Option<&str>, out: &mut Vec<Feature>) {
    // The scene's strips of grid cells, in the equal-area plane, back to longitude/latitude.
    let laea = ProjectionKind::EuropeEqualArea.projection();
    let areas =
        analysis_layers::footprint_areas(result, ProjectionKind::EuropeEqualArea, launch_area);
    for (i, area) in areas.iter().enumerate() {
        let ring: Option<Vec<geo::Point<f64>>> =
            area.outline.iter().map(|&xy| laea.inverse(xy)).collect();
        let Some(ring) = ring else { continue };
        let n = ring.len().max(1) as f64;
        let inside = ring
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.x() / n, b + p.y() / n));
        let Some(geometry) = geometry::polygon(&ring, geo::Point::new(inside.0, inside.1)) else {
            continue;
        };
        let state = if area.fill == analysis_layers::DEFENDED {
            "defended"
        } else if area.fill == analysis_layers::PARTIAL {
            "partly_defended"
        } else {
            "undefended"
        };
        out.push(Feature {
            layer: FeatureLayer::Footprint,
            id: format!("footprint:{i}"),
            name: area.caption.clone(),
            caption: area.caption.clone(),
            geometry,
            properties: props(vec![
                ("layer", json!("footprint")),
                ("state", json!(state)),
                ("launch_area", json!(launch_area)),
                ("year", json!(result.year)),
                ("model", json!(result.model)),
                ("caption", json!(area.caption)),
            ]),
            look: Look {
                id: format!("footprint-{state}"),
                stroke: area.fill.with_alpha(0),
                stroke_width: 0.0,
                fill: Some(area.fill),
                dashed: false,
                kind: None,
            },
        });
    }
}

fn trajectories(result: &Analysis, out: &mut Vec<Feature>) {
    let icbm = &result.icbm;
    let latest = icbm
        .delays_s
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    for t in &icbm.tracks {
        let Some(geometry) = geometry::line(&t.ground_track) else {
            continue;
        };
        let at_latest = latest.is_some_and(|i| t.reachable_at.get(i) == Some(&true));
        let any = t.reachable_at.iter().any(|&r| r);
        let (stroke, width, state) = if at_latest {
            (analysis_layers::REACHED, 2.2, "reached")
        } else if any {
            (
                analysis_layers::REACHED_EARLY,
                1.8,
                "reached_if_launched_earlier",
            )
        } else {
            (analysis_layers::NOT_REACHED, 1.0, "not_reached")
        };
        let caption = format!(
            "{} → {}: {}",
            t.base_name,
            t.target_name,
            match state {
                "reached" => "an interceptor reaches it even at the latest launch assumed",
                "reached_if_launched_earlier" => "reached only if interceptors launch earlier",
                _ => "no battery reaches it",
            }
        );
        out.push(Feature {
            layer: FeatureLayer::Trajectory,
            id: format!("trajectory:{}:{}", t.base, t.target),
            name: format!("{} → {}", t.base_name, t.target_name),
            caption: caption.clone(),
            geometry,
            properties: props(vec![
                ("layer", json!("trajectory")),
                ("from", json!(t.base_name)),
                ("to", json!(t.target_name)),
                ("state", json!(state)),
                ("in_range", json!(t.in_range)),
                ("apogee_km", json!(t.apogee_km)),
                ("flight_time_s", json!(t.impact_s)),
                ("launch_delays_s", json!(icbm.delays_s)),
                ("reached_at_delay", json!(t.reachable_at)),
                ("caption", json!(caption)),
            ]),
            look: Look {
                id: format!("trajectory-{state}"),
                stroke,
                stroke_width: width,
                fill: None,
                dashed: state == "reached_if_launched_earlier",
                kind: None,
            },
        });
    }
}
