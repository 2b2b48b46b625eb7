//! Building a scene from a scenario: which objects exist this year, their symbols, rings and fans.

use std::collections::{BTreeSet, HashSet};

use geo::TriangulateEarcut;
use serde::{Deserialize, Serialize};

use super::style::{self, Rgba, Stroke, SymbolShape};
use super::{Area, ItemRef, Layer, LegendEntry, Line, MapText, Scene, Swatch, Symbol};
use crate::basemap::{self, Scale};
use crate::cooperation::LinkKind;
use crate::geodesy::{self, MapXy, ProjectionKind};
use crate::scenario::{CityKind, Scenario, SiteKind, Status};

/// Which layers are on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Layers {
    pub basemap: bool,
    pub borders: bool,
    pub graticule: bool,
    pub labels: bool,
    pub rings: bool,
    pub fans: bool,
    pub links: bool,
    pub sectors: bool,
    /// The defended footprint (off by default: it needs the analysis).
    pub footprint: bool,
    /// Only this launch area's footprint; all of them if `None`.
    pub footprint_launch_area: Option<String>,
    /// ICBM paths coloured by reach (off by default: it needs the analysis).
    pub trajectories: bool,
    pub cities: bool,
    /// Kinds of site switched off.
    pub hidden_kinds: BTreeSet<SiteKind>,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            basemap: true,
            borders: true,
            graticule: true,
            labels: true,
            rings: true,
            fans: true,
            links: true,
            sectors: true,
            footprint: false,
            footprint_launch_area: None,
            trajectories: false,
            cities: true,
            hidden_kinds: BTreeSet::new(),
        }
    }
}

impl Layers {
    /// Whether a layer is on.
    ///
    /// ```
    /// use bmd_atlas::scene::{Layer, Layers};
    /// let mut layers = Layers::default();
    /// layers.set(Layer::Rings, false);
    /// assert!(!layers.shows(Layer::Rings) && layers.shows(Layer::Fans));
    /// ```
    pub fn shows(&self, layer: Layer) -> bool {
        match layer {
            Layer::Basemap => self.basemap,
            Layer::Borders => self.borders,
            Layer::Graticule => self.graticule,
            Layer::Labels => self.labels,
            Layer::Rings => self.rings,
            Layer::Fans => self.fans,
            Layer::Links => self.links,
            Layer::Sectors => self.sectors,
            Layer::Footprint => self.footprint,
            Layer::Trajectories => self.trajectories,
            Layer::Cities => self.cities,
            Layer::Sites(kind) => !self.hidden_kinds.contains(&kind),
        }
    }

    /// Switches a layer on or off.
    pub fn set(&mut self, layer: Layer, on: bool) {
        match layer {
            Layer::Basemap => self.basemap = on,
            Layer::Borders => self.borders = on,
            Layer::Graticule => self.graticule = on,
            Layer::Labels => self.labels = on,
            Layer::Rings => self.rings = on,
            Layer::Fans => self.fans = on,
            Layer::Links => self.links = on,
            Layer::Sectors => self.sectors = on,
            Layer::Footprint => self.footprint = on,
            Layer::Trajectories => self.trajectories = on,
            Layer::Cities => self.cities = on,
            Layer::Sites(kind) => {
                if on {
                    self.hidden_kinds.remove(&kind);
                } else {
                    self.hidden_kinds.insert(kind);
                }
            }
        }
    }
}

/// Builds the scene for a scenario (in its year and timeline), a projection and a basemap scale.
///
/// ```
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
/// let s = scenario::built_in();
/// let scene = scene::build(&s, ProjectionKind::EuropeEqualArea, Scale::Coarse110m, &scene::Layers::default());
/// assert!(scene.symbols.iter().any(|sym| sym.name.contains("Deveselu")));
/// ```
pub fn build(
    scenario: &Scenario,
    projection: ProjectionKind,
    scale: Scale,
    layers: &Layers,
) -> Scene {
    let mut b = Builder {
        proj: projection,
        scene: Scene {
            projection,
            scale,
            basemap: None,
            show_borders: layers.borders,
            show_labels: layers.labels,
            areas: Vec::new(),
            lines: Vec::new(),
            texts: Vec::new(),
            symbols: Vec::new(),
            legend: Vec::new(),
            sources: Vec::new(),
            assumptions: None,
        },
        sources: HashSet::new(),
    };
    if layers.basemap {
        // A missing basemap is drawn as sea only; the rest of the picture still stands.
        b.scene.basemap = basemap::cached(scale, projection).ok();
    }
    if layers.graticule {
        b.graticule();
    }
    if layers.sectors {
        b.sectors(scenario);
    }
    if layers.fans {
        b.fans(scenario);
    }
    if layers.rings {
        b.rings(scenario);
    }
    if layers.links {
        b.links(scenario);
    }
    b.sites(scenario, layers);
    if layers.cities {
        b.cities(scenario);
    }
    b.legend(scenario, layers);
    super::analysis_layers::add(&mut b.scene, scenario, layers);
    b.scene
}

struct Builder {
    proj: ProjectionKind,
    scene: Scene,
    sources: HashSet<String>,
}

impl Builder {
    fn project(&self, points: &[geo::Point<f64>]) -> Vec<MapXy> {
        let p = self.proj.projection();
        points.iter().filter_map(|&q| p.forward(q)).collect()
    }

    fn cite(&mut self, source: &str) {
        if !source.is_empty() && self.sources.insert(source.to_owned()) {
            self.scene.sources.push(source.to_owned());
        }
    }

    fn area(
        &mut self,
        layer: Layer,
        ring: &[geo::Point<f64>],
        fill: Rgba,
        stroke: Stroke,
        caption: String,
    ) {
        let outline = self.project(ring);
        if outline.len() < 4 {
            return;
        }
        let polygon = geo::Polygon::new(
            geo::LineString::from(outline.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>()),
            vec![],
        );
        let raw = polygon.earcut_triangles_raw();
        self.scene.areas.push(Area {
            layer,
            outline,
            fill_vertices: raw
                .vertices
                .iter()
                .map(|v| MapXy { x: v[0], y: v[1] })
                .collect(),
            triangles: raw.triangle_indices.iter().map(|&i| i as u32).collect(),
            fill,
            stroke,
            caption,
        });
    }

    fn graticule(&mut self) {
        let [lon0, lat0, lon1, lat1] = self.proj.region();
        let stroke = Stroke::solid(0.6, style::GRATICULE);
        let mut lat = (lat0 / 10.0).ceil() * 10.0;
        while lat <= lat1.min(80.0) {
            let pts: Vec<_> = (0..=((lon1 - lon0) as i32))
                .map(|i| geo::Point::new(lon0 + i as f64, lat))
                .collect();
            let points = self.project(&pts);
            self.scene.lines.push(Line {
                layer: Layer::Graticule,
                points,
                stroke,
                caption: String::new(),
                link: None,
            });
            lat += 10.0;
        }
        let mut lon = (lon0 / 10.0).ceil() * 10.0;
        while lon <= lon1 {
            let top = lat1.min(80.0);
            let pts: Vec<_> = (0..=((top - lat0) as i32))
                .map(|i| geo::Point::new(lon, lat0 + i as f64))
                .collect();
            let points = self.project(&pts);
            self.scene.lines.push(Line {
                layer: Layer::Graticule,
                points,
                stroke,
                caption: String::new(),
                link: None,
            });
            lon += 10.0;
        }
    }

    fn sectors(&mut self, scenario: &Scenario) {
        let Some(model) = scenario.active_model() else {
            return;
        };
        for sector in &model.sectors {
            let ring = sector.outline();
            if ring.is_empty() {
                continue;
            }
            let colour = style::side_colour(sector.side);
            let caption = format!("{}: {} intercepts here", sector.name, sector.side.label());
            self.cite(&sector.source);
            self.area(
                Layer::Sectors,
                &ring,
                colour.with_alpha(26),
                Stroke::dashed(2.0, colour.with_alpha(200), 10.0, 4.0),
                caption,
            );
            if let Some(at) = self.proj.projection().forward(sector.label_point()) {
                self.scene.texts.push(MapText {
                    layer: Layer::Sectors,
                    at,
                    text: format!("{} ({} intercepts)", sector.name, sector.side.label()),
                    colour: colour.with_alpha(220),
                    size_px: 15.0,
                });
            }
        }
    }

    fn links(&mut self, scenario: &Scenario) {
        for link in scenario.links() {
            let (Some(a), Some(b)) = (scenario.sites.get(link.from), scenario.sites.get(link.to))
            else {
                continue;
            };
            let joint = style::side_colour(crate::scenario::Side::Joint);
            let stroke = match link.kind {
                LinkKind::OwnSensor => {
                    Stroke::solid(1.2, style::side_colour(a.side).with_alpha(150))
                }
                LinkKind::SharedSensor => Stroke::solid(1.8, joint.with_alpha(200)),
                LinkKind::FusedPicture => Stroke::dashed(2.2, joint, 8.0, 4.0),
                LinkKind::Planning => Stroke::dashed(2.2, joint, 2.0, 4.0),
            };
            let points = self.project(&geodesy::great_circle_arc(a.position(), b.position()));
            self.scene.lines.push(Line {
                layer: Layer::Links,
                points,
                stroke,
                caption: format!("{} → {}: {}", a.label(), b.label(), link.kind.label()),
                link: Some(link.kind),
            });
        }
    }

    fn fans(&mut self, scenario: &Scenario) {
        let active: Vec<_> = scenario.active_sites().collect();
        for (site, status) in active {
            let Some(radar) = &site.radar else { continue };
            let colour = style::side_colour(site.side);
            let ring = geodesy::coverage_fan(
                site.position(),
                radar.boresight_deg,
                radar.fov_deg,
                radar.range_km * 1000.0,
            );
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
            self.area(Layer::Fans, &ring, colour.with_alpha(7), stroke, caption);
        }
    }

    /// One ring per site and reach: types with the same reach and status (SM-3 IA and IB) share
    /// it. Proposed batteries (hypothetical stations) get no ring.
    fn rings(&mut self, scenario: &Scenario) {
        let active: Vec<_> = scenario.active_sites().collect();
        for (site, _) in active {
            let mut drawn: Vec<(u64, bool, usize)> = Vec::new();
            for battery in &site.batteries {
                let Some(status) = battery.timeline.status_in(scenario.year, scenario.timeline)
                else {
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
                if let Some(&(_, _, area)) = drawn.iter().find(|(r, o, _)| (*r, *o) == key) {
                    let caption = &mut self.scene.areas[area].caption;
                    caption.push_str(&format!(" + {}", kind.name));
                    continue;
                }
                let colour = style::ring_colour(index);
                let stroke = if operational {
                    Stroke::solid(1.6, colour)
                } else {
                    Stroke::dashed(1.3, colour, 7.0, 5.0)
                };
                let ring = geodesy::range_ring(site.position(), kind.range_km * 1000.0);
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
                self.cite(&kind.source.clone());
                let before = self.scene.areas.len();
                let fill = if operational {
                    colour.with_alpha(12)
                } else {
                    colour.with_alpha(0)
                };
                self.area(Layer::Rings, &ring, fill, stroke, caption);
                if self.scene.areas.len() > before {
                    drawn.push((key.0, key.1, before));
                }
            }
        }
    }

    fn sites(&mut self, scenario: &Scenario, layers: &Layers) {
        let p = self.proj.projection();
        for (index, site) in scenario.sites.iter().enumerate() {
            let layer = Layer::Sites(site.kind);
            if !layers.shows(layer) {
                continue;
            }
            // Joint centres exist only under a model that has them, whatever their timeline.
            let Some(status) = scenario.site_status(site) else {
                continue;
            };
            let Some(at) = p.forward(site.position()) else {
                continue;
            };
            let colour = style::side_colour(site.side);
            let filled = style::is_filled(status);
            let tooltip = format!(
                "{}\n{} · {} · {} in {}{}",
                site.name,
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
            self.cite(&site.source.clone());
            self.scene.symbols.push(Symbol {
                item: ItemRef::Site(index),
                layer,
                name: site.name.clone(),
                label: site.label().to_owned(),
                lon_lat: site.position(),
                at,
                shape: SymbolShape::for_kind(site.kind),
                radius_px: style::symbol_radius(site.kind),
                fill: filled.then_some(colour),
                stroke: Stroke::solid(
                    if filled { 1.2 } else { 2.0 },
                    if filled {
                        Rgba::rgb(255, 255, 255)
                    } else {
                        colour
                    },
                ),
                status: Some(status),
                priority: style::label_priority(site.kind),
                tooltip,
            });
        }
    }

    fn cities(&mut self, scenario: &Scenario) {
        let p = self.proj.projection();
        for (index, city) in scenario.cities.iter().enumerate() {
            let Some(at) = p.forward(city.position()) else {
                continue;
            };
            let population = city.population.unwrap_or(0);
            // Bigger cities win label collisions, but never against a site.
            let priority = match population {
                n if n >= 2_000_000 => 40,
                n if n >= 1_000_000 => 30,
                _ if city.kind == CityKind::UsTarget => 35,
                _ => 20,
            };
            let tooltip = match city.population {
                Some(n) => format!(
                    "{}\nPopulation {} (city proper)",
                    city.name,
                    group_thousands(n)
                ),
                None => format!("{}\nUS target used in ICBM trajectory studies", city.name),
            };
            self.scene.symbols.push(Symbol {
                item: ItemRef::City(index),
                layer: Layer::Cities,
                name: city.name.clone(),
                label: city.name.clone(),
                lon_lat: city.position(),
                at,
                shape: SymbolShape::Dot,
                radius_px: if population >= 1_000_000 { 3.5 } else { 2.5 },
                fill: Some(style::CITY),
                stroke: Stroke::solid(0.8, Rgba::rgb(255, 255, 255)),
                status: None,
                priority,
                tooltip,
            });
        }
    }

    fn legend(&mut self, scenario: &Scenario, layers: &Layers) {
        let mut entries = Vec::new();
        let shown: Vec<&Symbol> = self.scene.symbols.iter().collect();
        for kind in SiteKind::ALL {
            if shown.iter().any(|s| s.layer == Layer::Sites(kind)) {
                entries.push(LegendEntry {
                    swatch: Swatch::Symbol {
                        shape: SymbolShape::for_kind(kind),
                        fill: Some(Rgba::rgb(0x55, 0x55, 0x55)),
                        stroke: Stroke::solid(1.0, Rgba::rgb(255, 255, 255)),
                    },
                    text: kind.label().to_owned(),
                });
            }
        }
        if shown.iter().any(|s| s.fill.is_none()) {
            entries.push(LegendEntry {
                swatch: Swatch::Symbol {
                    shape: SymbolShape::Circle,
                    fill: None,
                    stroke: Stroke::solid(2.0, Rgba::rgb(0x55, 0x55, 0x55)),
                },
                text: "Hollow: planned, proposed or being built".to_owned(),
            });
        }
        for side in crate::scenario::Side::ALL {
            let present = shown.iter().any(|s| match s.item {
                ItemRef::Site(i) => scenario.sites.get(i).is_some_and(|site| site.side == side),
                ItemRef::City(_) => false,
            });
            if present {
                entries.push(LegendEntry {
                    swatch: Swatch::Area {
                        fill: style::side_colour(side),
                        stroke: Stroke::solid(1.0, style::side_colour(side)),
                    },
                    text: side.label().to_owned(),
                });
            }
        }
        if shown.iter().any(|s| s.layer == Layer::Cities) {
            entries.push(LegendEntry {
                swatch: Swatch::Symbol {
                    shape: SymbolShape::Dot,
                    fill: Some(style::CITY),
                    stroke: Stroke::solid(0.8, Rgba::rgb(255, 255, 255)),
                },
                text: "City (population, city proper)".to_owned(),
            });
        }
        if layers.rings {
            let mut seen = HashSet::new();
            for area in self.scene.areas.iter().filter(|a| a.layer == Layer::Rings) {
                seen.insert(area.stroke.colour);
            }
            for (index, kind) in scenario.interceptor_types.iter().enumerate() {
                if seen.contains(&style::ring_colour(index)) {
                    entries.push(LegendEntry {
                        swatch: Swatch::Line(Stroke::solid(1.6, style::ring_colour(index))),
                        text: format!(
                            "{} reach ≈{:.0} km{}",
                            kind.name,
                            kind.range_km,
                            if kind.uncertain { " (estimate)" } else { "" }
                        ),
                    });
                }
            }
        }
        let mut kinds: Vec<(LinkKind, Stroke)> = Vec::new();
        for link in self.scene.lines.iter().filter(|l| l.layer == Layer::Links) {
            if let Some(kind) = link.link.filter(|k| !kinds.iter().any(|(x, _)| x == k)) {
                let mut stroke = link.stroke;
                if kind == LinkKind::OwnSensor {
                    stroke.colour = Rgba::rgb(0x55, 0x55, 0x55);
                }
                kinds.push((kind, stroke));
            }
        }
        kinds.sort_by_key(|(k, _)| *k);
        for (kind, stroke) in kinds {
            entries.push(LegendEntry {
                swatch: Swatch::Line(stroke),
                text: kind.label().to_owned(),
            });
        }
        if let Some(model) = scenario.active_model().filter(|_| layers.sectors) {
            for sector in &model.sectors {
                let colour = style::side_colour(sector.side);
                entries.push(LegendEntry {
                    swatch: Swatch::Area {
                        fill: colour.with_alpha(60),
                        stroke: Stroke::dashed(2.0, colour, 10.0, 4.0),
                    },
                    text: format!("{} (illustrative line)", sector.name),
                });
            }
        }
        if self.scene.areas.iter().any(|a| a.layer == Layer::Fans) {
            entries.push(LegendEntry {
                swatch: Swatch::Area {
                    fill: Rgba::rgb(0x88, 0x88, 0x88).with_alpha(40),
                    stroke: Stroke::solid(1.0, Rgba::rgb(0x88, 0x88, 0x88)),
                },
                text: "Radar coverage (maximum range, side colour)".to_owned(),
            });
        }
        if self.scene.areas.iter().any(|a| a.stroke.dash.is_some()) {
            entries.push(LegendEntry {
                swatch: Swatch::Line(Stroke::dashed(1.6, Rgba::rgb(0x55, 0x55, 0x55), 7.0, 5.0)),
                text: "Dashed: not yet operational".to_owned(),
            });
        }
        self.scene.legend = entries;
    }
}

/// `8961989` → `8,961,989`.
pub(crate) fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(8_961_989), "8,961,989");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
    }
}
