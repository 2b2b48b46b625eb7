//! Projecting a picture: its features in projected metres, areas triangulated, plus the map's
//! furniture (basemap, graticule) for the projection.

use std::collections::HashMap;
use std::sync::Arc;

use geo::TriangulateEarcut;

use super::style::{self, Stroke};
use super::{Area, Line, MapText, Scene, Symbol};
use crate::analysis::Analysis;
use crate::basemap::{Basemaps, Scale};
use crate::geodesy::{MapXy, Projection, ProjectionKind};
use crate::picture::{
    Computed, Feature, FeatureKind, FeatureState, Geometry, GeometryCache, Picture,
};
use crate::scenario::{Layer, Layers, Scenario, SymbolStyle};
use crate::symbology::Drawing;

/// The scene of a scenario for a projection and basemap scale: [`Picture::build`] then
/// [`Scene::project`]. The analysis layers are drawn from `analysis` when it is given. A one-off:
/// the basemap is built afresh for it (hold a [`SceneBuilder`] or pass your [`Basemaps`] to
/// [`build_computed`] to build it once).
///
/// ```
/// use bmd_atlas::{basemap::Scale, geodesy::ProjectionKind, scenario, scene};
/// let s = scenario::built_in();
/// let scene = scene::build(&s, ProjectionKind::EuropeEqualArea, Scale::Coarse110m, &scene::Layers::default(), None);
/// assert!(scene.symbols.iter().any(|sym| sym.name.contains("Deveselu")));
/// ```
pub fn build(
    scenario: &Scenario,
    projection: ProjectionKind,
    scale: Scale,
    layers: &Layers,
    analysis: Option<&Analysis>,
) -> Scene {
    let computed = Computed {
        analysis,
        engagement: None,
        threat_at_s: None,
    };
    let basemaps = Basemaps::default();
    build_computed(scenario, (projection, scale), layers, computed, &basemaps)
}

/// [`build`] with everything computed for the picture, the engagement layer's too, and the
/// basemap taken from (or built into) `basemaps`.
pub fn build_computed(
    scenario: &Scenario,
    (projection, scale): (ProjectionKind, Scale),
    layers: &Layers,
    computed: Computed<'_>,
    basemaps: &Basemaps,
) -> Scene {
    // The basemap is built (into `basemaps`, where `Scene::project` finds it) while the
    // picture is: they do not depend on each other. A basemap that cannot be built is met again
    // there, and the map drawn as sea.
    let (picture, _warmed) = rayon::join(
        || Picture::build_computed(scenario, layers, computed),
        || {
            layers
                .basemap
                .then(|| basemaps.get(scale, projection).is_ok())
        },
    );
    Scene::project(&picture, projection, scale, basemaps)
}

/// Builds the scenes of one map again and again, redoing only what changed: the geodesic
/// geometry of the picture ([`GeometryCache`]) and the projected, triangulated features
/// ([`ProjectionCache`]) are kept from the last build, the basemaps for as long as it lives.
#[derive(Debug, Default)]
pub struct SceneBuilder {
    geometry: GeometryCache,
    projected: ProjectionCache,
    basemaps: Basemaps,
}

impl SceneBuilder {
    /// A builder that takes its basemaps from `basemaps` (shared with their other users).
    pub fn new(basemaps: Basemaps) -> SceneBuilder {
        SceneBuilder {
            basemaps,
            ..SceneBuilder::default()
        }
    }

    /// The basemaps the scenes are drawn on.
    pub fn basemaps(&self) -> &Basemaps {
        &self.basemaps
    }

    /// The same scene as [`build`], faster when the last one shared most of its features.
    pub fn build(
        &mut self,
        scenario: &Scenario,
        projection: ProjectionKind,
        scale: Scale,
        layers: &Layers,
        computed: Computed<'_>,
    ) -> Scene {
        let picture = Picture::build_with(scenario, layers, computed, &mut self.geometry);
        let scene = Scene::furniture(&picture, projection, scale, &self.basemaps);
        scene.project_with(&picture, &mut self.projected)
    }
}

/// A feature's projected outline, its holes and its triangles.
#[derive(Clone, Debug)]
struct ProjectedArea {
    outline: Vec<MapXy>,
    holes: Vec<Vec<MapXy>>,
    fill_vertices: Vec<MapXy>,
    triangles: Vec<u32>,
}

/// An area's rings in lon/lat: the outline, then its holes.
type Rings = (Vec<geo::Point<f64>>, Vec<Vec<geo::Point<f64>>>);

/// The projected areas of the last scene, by feature id with the lon/lat rings they came from:
/// an area whose rings are unchanged is not projected and triangulated again.
#[derive(Debug, Default)]
pub struct ProjectionCache {
    projection: Option<ProjectionKind>,
    areas: HashMap<String, (Rings, Option<ProjectedArea>)>,
}

impl ProjectionCache {
    /// The projected area of `ring` less `holes` for feature `id`, from the cache if the rings
    /// are the same.
    fn area(
        &mut self,
        next: &mut HashMap<String, (Rings, Option<ProjectedArea>)>,
        p: &dyn Projection,
        id: &str,
        (ring, holes): (&[geo::Point<f64>], &[Vec<geo::Point<f64>>]),
    ) -> Option<ProjectedArea> {
        let projected = match self.areas.remove(id) {
            Some(((r, h), projected)) if r == ring && h == holes => projected,
            _ => project_area(p, ring, holes),
        };
        next.insert(
            id.to_owned(),
            ((ring.to_vec(), holes.to_vec()), projected.clone()),
        );
        projected
    }
}

impl Scene {
    /// The picture projected for `projection`, with the basemap at `scale` (from `basemaps`) if
    /// its layer is on. Features that cannot be projected (the far side of the Earth) are left
    /// out.
    pub fn project(
        picture: &Picture,
        projection: ProjectionKind,
        scale: Scale,
        basemaps: &Basemaps,
    ) -> Scene {
        let mut scene = Scene::furniture(picture, projection, scale, basemaps);
        let projector = projection.projection();
        let p = projector.as_dyn();
        let mut military = MilitarySymbols::new(picture.layers.symbols);
        for f in &picture.features {
            let projected = match &f.geometry {
                Geometry::Area { ring, holes, .. } => project_area(p, ring, holes),
                _ => None,
            };
            scene.add(p, f, projected, &mut military);
        }
        scene
    }

    /// This scene (its furniture only, from [`Scene::furniture`]) with the picture's features
    /// added, reusing the areas of the last scene projected with `cache`.
    fn project_with(mut self, picture: &Picture, cache: &mut ProjectionCache) -> Scene {
        let projection = self.projection;
        let projector = projection.projection();
        let p = projector.as_dyn();
        if cache.projection != Some(projection) {
            *cache = ProjectionCache {
                projection: Some(projection),
                ..ProjectionCache::default()
            };
        }
        let mut next = HashMap::with_capacity(cache.areas.len());
        let mut military = MilitarySymbols::new(picture.layers.symbols);
        for f in &picture.features {
            if let Geometry::Area { ring, holes, .. } = &f.geometry {
                let projected = cache.area(&mut next, p, &f.id, (ring, holes));
                self.add(p, f, projected, &mut military);
            } else {
                self.add(p, f, None, &mut military);
            }
        }
        cache.areas = next;
        self
    }

    /// A scene with the picture's legend and sources and the map's furniture (basemap,
    /// graticule), and no features yet.
    fn furniture(
        picture: &Picture,
        projection: ProjectionKind,
        scale: Scale,
        basemaps: &Basemaps,
    ) -> Scene {
        let layers = &picture.layers;
        let mut scene = Scene {
            projection,
            projection_name: projection_caption(picture, projection),
            scale,
            // A missing basemap is drawn as sea only; the rest of the picture still stands.
            basemap: layers
                .basemap
                .then(|| basemaps.get(scale, projection).ok())
                .flatten(),
            show_borders: layers.borders,
            show_labels: layers.labels,
            areas: Vec::new(),
            lines: Vec::new(),
            texts: Vec::new(),
            symbols: Vec::new(),
            legend: picture.legend.clone(),
            sources: picture.sources.clone(),
            assumptions: picture.assumptions.clone(),
            labels: Default::default(),
        };
        if layers.graticule {
            graticule(
                projection.projection().as_dyn(),
                projection.region(),
                &mut scene.lines,
            );
        }
        scene
    }

    /// Adds a feature; `projected` is its area, projected and triangulated, for areas.
    fn add(
        &mut self,
        p: &dyn Projection,
        f: &Feature,
        projected: Option<ProjectedArea>,
        military: &mut MilitarySymbols,
    ) {
        match &f.geometry {
            Geometry::Point(at) => {
                let (Some(marker), Some(xy)) = (f.look.marker, p.forward(*at)) else {
                    return;
                };
                self.symbols.push(Symbol {
                    id: f.id.clone(),
                    item: f.item,
                    layer: f.layer,
                    name: f.name.clone(),
                    label: f.label.clone(),
                    lon_lat: *at,
                    at: xy,
                    shape: marker.shape,
                    radius_px: marker.radius_px,
                    fill: f.look.fill,
                    stroke: f.look.stroke,
                    status: match f.state {
                        FeatureState::Status(s) => Some(s),
                        _ => None,
                    },
                    priority: f.priority,
                    tooltip: f.tooltip(),
                    military: military.of(f),
                });
            }
            Geometry::Line(points) => self.lines.push(Line {
                id: f.id.clone(),
                layer: f.layer,
                points: forward_all(p, points),
                stroke: f.look.stroke,
                caption: f.caption.clone(),
                link: match f.kind {
                    FeatureKind::Link(kind) => Some(kind),
                    _ => None,
                },
            }),
            Geometry::Area { label_at, .. } => {
                if let Some(shape) = projected {
                    self.areas.push(Area {
                        id: f.id.clone(),
                        layer: f.layer,
                        outline: shape.outline,
                        holes: shape.holes,
                        fill_vertices: shape.fill_vertices,
                        triangles: shape.triangles,
                        fill: f.look.fill.unwrap_or(f.look.stroke.colour.with_alpha(0)),
                        stroke: f.look.stroke,
                        caption: f.caption.clone(),
                    });
                }
                if let (Some(text), Some(at)) = (f.look.text, label_at.and_then(|q| p.forward(q)))
                    && !f.label.is_empty()
                {
                    self.texts.push(MapText {
                        id: f.id.clone(),
                        layer: f.layer,
                        at,
                        text: f.label.clone(),
                        colour: text.colour,
                        size_px: text.size_px,
                        movable: f.layer == Layer::Annotations,
                    });
                }
            }
        }
    }
}

fn forward_all(p: &dyn Projection, points: &[geo::Point<f64>]) -> Vec<MapXy> {
    points.iter().filter_map(|&q| p.forward(q)).collect()
}

/// A ring less its holes, projected and triangulated; `None` if too little of the ring
/// projects (a hole that does not project is left out).
fn project_area(
    p: &dyn Projection,
    ring: &[geo::Point<f64>],
    holes: &[Vec<geo::Point<f64>>],
) -> Option<ProjectedArea> {
    let outline = forward_all(p, ring);
    if outline.len() < 4 {
        return None;
    }
    let holes: Vec<Vec<MapXy>> = holes
        .iter()
        .map(|h| forward_all(p, h))
        .filter(|h| h.len() >= 4)
        .collect();
    let line =
        |r: &[MapXy]| geo::LineString::from(r.iter().map(|q| (q.x, q.y)).collect::<Vec<_>>());
    let polygon = geo::Polygon::new(line(&outline), holes.iter().map(|h| line(h)).collect());
    let raw = polygon.earcut_triangles_raw();
    Some(ProjectedArea {
        fill_vertices: raw
            .vertices
            .iter()
            .map(|v| MapXy { x: v[0], y: v[1] })
            .collect(),
        triangles: raw.triangle_indices.iter().map(|&i| i as u32).collect(),
        outline,
        holes,
    })
}

/// Parallels and meridians every 10° over the projection's region, to 80° north.
fn graticule(p: &dyn Projection, region: [f64; 4], out: &mut Vec<Line>) {
    let [lon0, lat0, lon1, lat1] = region;
    let top = lat1.min(80.0);
    let mut push = |points: Vec<geo::Point<f64>>| {
        out.push(Line {
            id: String::new(),
            layer: Layer::Graticule,
            points: forward_all(p, &points),
            stroke: Stroke::solid(0.6, style::GRATICULE),
            caption: String::new(),
            link: None,
        })
    };
    let mut lat = (lat0 / 10.0).ceil() * 10.0;
    while lat <= top {
        push(
            (0..=((lon1 - lon0) as i32))
                .map(|i| geo::Point::new(lon0 + i as f64, lat))
                .collect(),
        );
        lat += 10.0;
    }
    let mut lon = (lon0 / 10.0).ceil() * 10.0;
    while lon <= lon1 {
        push(
            (0..=((top - lat0) as i32))
                .map(|i| geo::Point::new(lon, lat0 + i as f64))
                .collect(),
        );
        lon += 10.0;
    }
}

/// The military symbols of a scene's sites in APP-6D mode, each code drawn once.
struct MilitarySymbols {
    style: SymbolStyle,
    /// By code and whether the site is yet to be operational (a dashed frame).
    drawn: HashMap<(String, bool), Option<Arc<Drawing>>>,
}

impl MilitarySymbols {
    fn new(style: SymbolStyle) -> MilitarySymbols {
        MilitarySymbols {
            style,
            drawn: HashMap::new(),
        }
    }

    /// The symbol of a site's feature ([`Feature::military_code`]); `None` in simple mode,
    /// for other features, and for a code that does not parse or whose symbol set is not drawn
    /// (the site keeps its shape; the loader and the inspector say why).
    fn of(&mut self, f: &Feature) -> Option<Arc<Drawing>> {
        if self.style != SymbolStyle::App6 {
            return None;
        }
        let (code, planned) = f.military_code()?;
        self.drawn
            .entry((code.to_owned(), planned))
            .or_insert_with(|| Drawing::of_code(code, planned).map(Arc::new))
            .clone()
    }
}

/// The projection's name for a caption: a centred projection names the site at its centre
/// when the picture shows one there ("Azimuthal equidistant, centred on Deveselu"), else the
/// centre's coordinates.
///
/// ```
/// use bmd_atlas::{geodesy::ProjectionKind, picture::Picture, scenario, scene};
/// let s = scenario::built_in();
/// let picture = Picture::build(&s, &s.presentation.layers, None);
/// let deveselu = s.site("deveselu").unwrap().position();
/// let kind = ProjectionKind::centred_on(deveselu).unwrap();
/// assert_eq!(scene::projection_caption(&picture, kind), "Azimuthal equidistant, centred on Deveselu");
/// let sea = ProjectionKind::centred_on(geo::Point::new(20.0, 35.5)).unwrap();
/// assert_eq!(scene::projection_caption(&picture, sea), "Azimuthal equidistant, centred on 35.500° N, 20.000° E");
/// ```
pub fn projection_caption(picture: &Picture, projection: ProjectionKind) -> String {
    let ProjectionKind::Centred(centre) = projection else {
        return projection.projection().name().to_owned();
    };
    let site = picture.features.iter().find(|f| {
        matches!(f.kind, crate::picture::FeatureKind::Site(_))
            && matches!(f.geometry, Geometry::Point(p) if centre.is_at(p))
    });
    let at = centre.point();
    let place = match site {
        Some(f) if !f.label.is_empty() => f.label.clone(),
        Some(f) => f.name.clone(),
        None => format!(
            "{:.3}° {}, {:.3}° {}",
            at.y().abs(),
            if at.y() < 0.0 { "S" } else { "N" },
            at.x().abs(),
            if at.x() < 0.0 { "W" } else { "E" }
        ),
    };
    format!("Azimuthal equidistant, centred on {place}")
}
