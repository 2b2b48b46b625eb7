//! The scenario's features: which objects exist in the year shown, their symbols, the radars'
//! coverage, the batteries' reach, the active model's data links and sectors.

use serde_json::{Value, json};

use super::cache::GeometryCache;
use super::style::{self, Rgba, Stroke, SymbolShape};
use super::{
    Feature, FeatureKind, FeatureState, Geometry, ItemRef, Look, Marker, Picture, TextLook,
    properties, serde_name,
};
use crate::cooperation::LinkKind;
use crate::format::group_thousands;
use crate::scenario::{
    Battery, CityKind, InterceptorType, Layer, Layers, Scenario, Side, Site, Status,
};

/// Adds the features of the layers that are on, in drawing order.
pub(super) fn add(
    scenario: &Scenario,
    layers: &Layers,
    picture: &mut Picture,
    geometry: &mut GeometryCache,
) {
    if layers.sectors {
        sectors(scenario, picture);
    }
    if layers.fans {
        fans(scenario, picture, geometry);
    }
    if layers.rings {
        rings(scenario, layers.rings_planned, picture, geometry);
    }
    if layers.links {
        links(scenario, picture, geometry);
    }
    sites(scenario, layers, picture);
    if layers.cities {
        cities(scenario, picture);
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::UsNato => "us_nato",
        Side::Russia => "russia",
        Side::Iran => "iran",
        Side::Joint => "joint",
    }
}

fn link_name(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::OwnSensor => "own_sensor",
        LinkKind::SharedSensor => "shared_sensor",
        LinkKind::FusedPicture => "fused_picture",
        LinkKind::Planning => "planning",
    }
}

fn sectors(scenario: &Scenario, picture: &mut Picture) {
    let Some(model) = scenario.active_model() else {
        return;
    };
    for sector in &model.sectors {
        let ring = sector.outline();
        if ring.len() < 4 {
            continue;
        }
        let colour = style::side_colour(sector.side);
        let caption = format!("{}: {} intercepts here", sector.name, sector.side.label());
        picture.cite(&sector.source);
        picture.features.push(Feature {
            id: format!("sector:{}:{}", model.id, sector.id),
            layer: Layer::Sectors,
            kind: FeatureKind::Sector,
            state: FeatureState::Plain,
            geometry: Geometry::Area {
                ring,
                holes: Vec::new(),
                inside: sector.middle(),
                label_at: Some(sector.label_point()),
            },
            name: sector.name.clone(),
            label: format!("{} ({} intercepts)", sector.name, sector.side.label()),
            properties: properties(vec![
                ("id", json!(sector.id)),
                ("side", json!(side_name(sector.side))),
                ("model", json!(model.id)),
                ("notes", json!(sector.notes)),
                ("source", json!(sector.source)),
                ("uncertain", json!(sector.uncertain)),
            ]),
            caption,
            priority: 0,
            look: Look {
                text: Some(TextLook {
                    colour: colour.with_alpha(220),
                    size_px: 15.0,
                }),
                ..Look::area(
                    Stroke::dashed(2.0, colour.with_alpha(200), 10.0, 4.0),
                    // A light wash: the model's sectors are the map's ground, not its subject.
                    Some(colour.with_alpha(18)),
                )
            },
            item: None,
        });
    }
}

/// The fill of a radar's coverage: a tint a reader notices only where several overlap.
pub const FAN_FILL_ALPHA: u8 = 4;

fn fans(scenario: &Scenario, picture: &mut Picture, geometry: &mut GeometryCache) {
    for (index, site) in scenario.sites.iter().enumerate() {
        let Some(status) = scenario.site_status(site) else {
            continue;
        };
        let Some(radar) = &site.radar else { continue };
        let ring = geometry.coverage_fan(
            site.position(),
            radar.boresight_deg,
            radar.fov_deg,
            radar.range_km * 1000.0,
        );
        if ring.len() < 4 {
            continue;
        }
        let colour = style::side_colour(site.side);
        // Many long-range fans overlap: a faint fill keeps the map readable under them.
        let stroke = if style::is_filled(status) {
            Stroke::solid(0.9, colour.with_alpha(140))
        } else {
            Stroke::dashed(0.9, colour.with_alpha(140), 5.0, 4.0)
        };
        let caption = format!(
            "{}: radar coverage {:.0} km, {:.0}° wide{}",
            site.name,
            radar.range_km,
            radar.fov_deg,
            if radar.uncertain { " (uncertain)" } else { "" }
        );
        picture.features.push(Feature {
            id: format!("fan:{}", site.id),
            layer: Layer::Fans,
            kind: FeatureKind::Fan,
            state: FeatureState::Status(status),
            geometry: Geometry::Area {
                ring,
                holes: Vec::new(),
                inside: site.position(),
                label_at: None,
            },
            name: format!("{} coverage", site.label()),
            label: String::new(),
            caption,
            priority: 0,
            // A faint tint: many long-range fans overlap (the window fills the one hovered).
            look: Look::area(stroke, Some(colour.with_alpha(FAN_FILL_ALPHA))),
            item: Some(ItemRef::Site(index)),
            properties: properties(vec![
                ("id", json!(site.id)),
                ("side", json!(side_name(site.side))),
                ("range_km", json!(radar.range_km)),
                ("boresight_deg", json!(radar.boresight_deg)),
                ("fov_deg", json!(radar.fov_deg)),
                ("source", json!(site.source)),
                ("uncertain", json!(radar.uncertain)),
            ]),
        });
    }
}

/// One ring per site and reach: types with the same reach and status (SM-3 IA and IB) share
/// it. Proposed batteries (hypothetical stations) get no ring; batteries not operational in the
/// year (planned, being built) only with `planned`.
fn rings(scenario: &Scenario, planned: bool, picture: &mut Picture, geometry: &mut GeometryCache) {
    for (index, site) in scenario.sites.iter().enumerate() {
        if scenario.site_status(site).is_none() {
            continue;
        }
        // (range bits, operational, index into the features): types of one reach share a ring.
        let mut drawn: Vec<(u64, bool, usize)> = Vec::new();
        for battery in &site.batteries {
            let Some((status, type_index, kind)) = ringed_type(scenario, battery) else {
                continue;
            };
            let operational = style::is_filled(status);
            if !operational && !planned {
                continue;
            }
            let key = (kind.range_km.to_bits(), operational);
            if let Some(&(_, _, at)) = drawn.iter().find(|(r, o, _)| (*r, *o) == key) {
                share_ring(&mut picture.features[at], kind);
                continue;
            }
            let ring = geometry.range_ring(site.position(), kind.range_km * 1000.0);
            if ring.len() < 4 {
                continue;
            }
            picture.cite(&kind.source);
            drawn.push((key.0, key.1, picture.features.len()));
            let look = ring_look(type_index, operational);
            picture.features.push(ring_feature(
                site,
                index,
                kind,
                status,
                operational,
                ring,
                look,
            ));
        }
    }
}

/// A battery's status and interceptor type (with its index) when it gets a ring this year:
/// present and not merely proposed, of a known type.
fn ringed_type<'a>(
    scenario: &'a Scenario,
    battery: &Battery,
) -> Option<(Status, usize, &'a InterceptorType)> {
    let status = battery
        .timeline
        .status_in(scenario.year, scenario.timeline)?;
    if !status.is_present() || status == Status::Proposed {
        return None;
    }
    let (type_index, kind) = scenario
        .interceptor_types
        .iter()
        .enumerate()
        .find(|(_, t)| t.id == battery.interceptor)?;
    Some((status, type_index, kind))
}

/// The reach of `site`'s batteries that the picture rings only on demand in the scenario's
/// year (planned or being built: `Layers::rings_planned`), each as its ring's stroke and
/// radius in metres: what the window draws for a selected site while the layer is off.
pub(crate) fn planned_reach(scenario: &Scenario, site: &Site) -> Vec<(Stroke, f64)> {
    site.batteries
        .iter()
        .filter_map(|b| ringed_type(scenario, b))
        .filter(|(status, _, _)| !style::is_filled(*status))
        .map(|(_, type_index, kind)| (ring_look(type_index, false).stroke, kind.range_km * 1000.0))
        .collect()
}

/// Adds a type of the same reach and status to a ring already drawn.
fn share_ring(ring: &mut Feature, kind: &InterceptorType) {
    ring.caption.push_str(&format!(" + {}", kind.name));
    if let Some(Value::Array(types)) = ring.properties.get_mut("interceptors") {
        types.push(json!(kind.id));
    }
}

/// A ring's look: solid and lightly filled when operational, dashed and empty otherwise.
fn ring_look(type_index: usize, operational: bool) -> Look {
    let colour = style::ring_colour(type_index);
    let (stroke, fill) = if operational {
        (Stroke::solid(1.6, colour), Some(colour.with_alpha(12)))
    } else {
        (Stroke::dashed(1.3, colour, 7.0, 5.0), None)
    };
    Look::area(stroke, fill)
}

/// The reach ring of interceptor type `kind` at `site` (the scenario's site `index`).
fn ring_feature(
    site: &Site,
    index: usize,
    kind: &InterceptorType,
    status: Status,
    operational: bool,
    ring: Vec<geo::Point<f64>>,
    look: Look,
) -> Feature {
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
    Feature {
        id: format!("ring:{}:{}:{}", site.id, kind.id, serde_name(&status)),
        layer: Layer::Rings,
        kind: FeatureKind::Ring,
        state: FeatureState::Status(status),
        geometry: Geometry::Area {
            ring,
            holes: Vec::new(),
            inside: site.position(),
            label_at: None,
        },
        name: format!("{} reach", site.label()),
        label: String::new(),
        caption,
        priority: 0,
        look,
        item: Some(ItemRef::Site(index)),
        properties: properties(vec![
            ("id", json!(site.id)),
            ("side", json!(side_name(site.side))),
            ("interceptors", json!([kind.id])),
            ("range_km", json!(kind.range_km)),
            ("source", json!(kind.source)),
            ("uncertain", json!(kind.uncertain)),
        ]),
    }
}

fn link_stroke(kind: LinkKind, from: Side) -> Stroke {
    let joint = style::side_colour(Side::Joint);
    match kind {
        LinkKind::OwnSensor => Stroke::solid(1.2, style::side_colour(from).with_alpha(150)),
        LinkKind::SharedSensor => Stroke::solid(1.8, joint.with_alpha(200)),
        LinkKind::FusedPicture => Stroke::dashed(2.2, joint, 8.0, 4.0),
        LinkKind::Planning => Stroke::dashed(2.2, joint, 2.0, 4.0),
    }
}

fn links(scenario: &Scenario, picture: &mut Picture, geometry: &mut GeometryCache) {
    for link in scenario.links() {
        let (Some(a), Some(b)) = (scenario.sites.get(link.from), scenario.sites.get(link.to))
        else {
            continue;
        };
        picture.features.push(Feature {
            id: format!("link:{}:{}:{}", a.id, b.id, link_name(link.kind)),
            layer: Layer::Links,
            kind: FeatureKind::Link(link.kind),
            state: FeatureState::Plain,
            geometry: Geometry::Line(geometry.great_circle_arc(a.position(), b.position())),
            name: format!("{} → {}", a.label(), b.label()),
            label: String::new(),
            caption: format!("{} → {}: {}", a.label(), b.label(), link.kind.label()),
            priority: 0,
            look: Look::line(link_stroke(link.kind, a.side)),
            item: None,
            properties: properties(vec![
                ("from", json!(a.id)),
                ("to", json!(b.id)),
                ("kind", json!(link_name(link.kind))),
                ("model", json!(scenario.model)),
            ]),
        });
    }
}

fn site_properties(scenario: &Scenario, site: &Site) -> serde_json::Map<String, Value> {
    properties(vec![
        ("id", json!(site.id)),
        ("short_name", json!(site.label())),
        ("country", json!(site.country)),
        ("kind", json!(serde_name(&site.kind))),
        ("side", json!(side_name(site.side))),
        ("year", json!(scenario.year)),
        ("system", json!(site.system)),
        ("missiles", json!(site.missiles)),
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
        // The code given, else the default for its kind and side.
        ("sidc", json!(site.sidc())),
    ])
}

fn sites(scenario: &Scenario, layers: &Layers, picture: &mut Picture) {
    for (index, site) in scenario.sites.iter().enumerate() {
        let layer = Layer::Sites(site.kind);
        if !layers.shows(layer) {
            continue;
        }
        // Joint centres exist only under a model that has them, whatever their timeline.
        let Some(status) = scenario.site_status(site) else {
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
                "\nSome facts uncertain: see the inspector"
            } else {
                ""
            }
        );
        let stroke = if filled {
            Stroke::solid(1.2, Rgba::rgb(255, 255, 255))
        } else {
            Stroke::solid(2.0, colour)
        };
        picture.cite(&site.source);
        picture.features.push(Feature {
            id: format!("site:{}", site.id),
            layer,
            kind: FeatureKind::Site(site.kind),
            state: FeatureState::Status(status),
            geometry: Geometry::Point(site.position()),
            name: site.name.clone(),
            label: site.label().to_owned(),
            caption,
            priority: style::label_priority(site.kind),
            look: Look {
                marker: Some(Marker {
                    shape: SymbolShape::for_kind(site.kind),
                    radius_px: style::symbol_radius(site.kind) * layers.symbol_size.factor(),
                }),
                ..Look::area(stroke, filled.then_some(colour))
            },
            item: Some(ItemRef::Site(index)),
            properties: site_properties(scenario, site),
        });
    }
}

fn cities(scenario: &Scenario, picture: &mut Picture) {
    for (index, city) in scenario.cities.iter().enumerate() {
        let population = city.population.unwrap_or(0);
        // Bigger cities win label collisions, but never against a site.
        let priority = match population {
            n if n >= 2_000_000 => 40,
            n if n >= 1_000_000 => 30,
            _ if city.kind == CityKind::UsTarget => 35,
            _ => 20,
        };
        let caption = match city.population {
            Some(n) => format!("Population {} (city proper)", group_thousands(n)),
            None => "US target used in ICBM trajectory studies".to_owned(),
        };
        picture.features.push(Feature {
            id: format!("city:{}", city.id),
            layer: Layer::Cities,
            kind: FeatureKind::City(city.kind),
            state: FeatureState::Plain,
            geometry: Geometry::Point(city.position()),
            name: city.name.clone(),
            label: city.name.clone(),
            caption,
            priority,
            look: Look {
                marker: Some(Marker {
                    shape: SymbolShape::Dot,
                    radius_px: if population >= 1_000_000 { 3.5 } else { 2.5 },
                }),
                ..Look::area(
                    Stroke::solid(0.8, Rgba::rgb(255, 255, 255)),
                    Some(style::CITY),
                )
            },
            item: Some(ItemRef::City(index)),
            properties: properties(vec![
                ("id", json!(city.id)),
                ("country", json!(city.country)),
                ("kind", json!(serde_name(&city.kind))),
                ("population", json!(city.population)),
                ("source", json!(city.source)),
            ]),
        });
    }
}
