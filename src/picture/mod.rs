//! The picture: everything the map shows for a scenario, a layer choice and an analysis result,
//! as features in longitude/latitude, each with one complete look.
//!
//! Every output draws the same picture. The scene projects it for one projection and level of
//! detail ([`crate::scene::Scene::project`]) for the window and the SVG, PNG and PDF pages; the
//! GeoJSON and KML writers ([`crate::exchange`]) write it as it is, their style properties taken
//! from the same [`Look`]. A feature is made once, here, so the outputs cannot drift apart.
//!
//! The analysis is an input: [`Picture::build`] takes the result (or none) and never computes
//! or looks one up, so two pictures of two scenarios can be built at once on two threads.
//!
//! ```
//! use bmd_atlas::{picture::{FeatureKind, Picture}, scenario};
//! let s = scenario::built_in();
//! let picture = Picture::build(&s, &s.presentation.layers, None);
//! let deveselu = picture.feature("site:deveselu").unwrap();
//! assert!(matches!(deveselu.kind, FeatureKind::Site(_)));
//! assert!(picture.sources.iter().any(|src| !src.is_empty()));
//! ```

pub mod analysis_layers;
mod annotations;
mod cache;
pub mod contour;
pub mod engagement_layer;
mod features;
pub mod footprint;
mod legend;
pub mod style;

pub use cache::GeometryCache;
pub use features::FAN_FILL_ALPHA;
pub(crate) use features::planned_reach;
pub use legend::{LegendEntry, Swatch};

use serde_json::{Map, Value};

use crate::analysis::{Analysis, EngagementDrawing, studies};
use crate::cooperation::LinkKind;
use crate::scenario::{CityKind, Layer, Layers, Scenario, SiteKind, Status};
use style::{Rgba, Stroke, SymbolShape};

/// What a feature stands for in the scenario, by index (for selection and the inspector).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemRef {
    Site(usize),
    City(usize),
    Annotation(usize),
}

/// What kind of thing a feature is. The writers do not look at it: how a feature is drawn is
/// all in its [`Look`], so a new kind needs no change to any output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeatureKind {
    Site(SiteKind),
    City(CityKind),
    /// An interceptor battery's reach.
    Ring,
    /// A radar's coverage.
    Fan,
    Link(LinkKind),
    /// A cooperation model's interception sector.
    Sector,
    /// Part of the defended footprint (analysis).
    Footprint,
    /// A Russian ICBM's ground track (analysis).
    Trajectory,
    /// A contour of a battery's fly-out fan (engagement layer).
    Flyout,
    /// The engagement layer's threat: its track, engagement window, time ticks and sightings.
    Threat,
    /// A user's note on the map (a measured path, a ring drawn by hand).
    Annotation,
}

/// The state a feature is shown in: it decides part of its look and is written to GIS files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeatureState {
    /// Nothing to say (cities, links, sectors).
    Plain,
    /// A site or battery's status in the year shown.
    Status(Status),
    Defended,
    PartlyDefended,
    Undefended,
    /// An ICBM path reached even at the latest interceptor launch assumed.
    Reached,
    /// Reached only if interceptors launch earlier.
    ReachedIfEarlier,
    NotReached,
}

impl FeatureState {
    /// The `state` property in GIS files; `None` for [`FeatureState::Plain`].
    pub fn name(self) -> Option<String> {
        Some(match self {
            FeatureState::Plain => return None,
            FeatureState::Status(s) => serde_name(&s),
            FeatureState::Defended => "defended".into(),
            FeatureState::PartlyDefended => "partly_defended".into(),
            FeatureState::Undefended => "undefended".into(),
            FeatureState::Reached => "reached".into(),
            FeatureState::ReachedIfEarlier => "reached_if_launched_earlier".into(),
            FeatureState::NotReached => "not_reached".into(),
        })
    }
}

/// Where a feature is, in WGS84 longitude/latitude degrees. Lines and rings are densified
/// (geodesics as many short pieces), so every output may join the points straight.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    Point(geo::Point<f64>),
    Line(Vec<geo::Point<f64>>),
    /// A closed ring (the first point repeated last). Longitudes are continuous along the ring
    /// (they may pass 180°); `inside` is a point within it, which tells which side of a ring
    /// around the antimeridian or a pole is the inside. `holes` are closed rings within `ring`
    /// that are not part of the area (empty for most areas). `label_at` is where the label is
    /// drawn.
    Area {
        ring: Vec<geo::Point<f64>>,
        holes: Vec<Vec<geo::Point<f64>>>,
        inside: geo::Point<f64>,
        label_at: Option<geo::Point<f64>>,
    },
}

/// A point symbol's shape and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    pub shape: SymbolShape,
    pub radius_px: f32,
}

/// How text fixed to the map (an area's label) is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextLook {
    pub colour: Rgba,
    pub size_px: f32,
}

/// Everything about how a feature is drawn, in every output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// The outline of an area or symbol, or the line itself.
    pub stroke: Stroke,
    /// `None`: not filled (lines, hollow symbols, rings of batteries not yet operational).
    pub fill: Option<Rgba>,
    /// For points: the symbol.
    pub marker: Option<Marker>,
    /// For areas with a label: the text drawn on the map at the label point.
    pub text: Option<TextLook>,
}

impl Look {
    /// An outline with an optional fill.
    pub const fn area(stroke: Stroke, fill: Option<Rgba>) -> Look {
        Look {
            stroke,
            fill,
            marker: None,
            text: None,
        }
    }

    /// A line.
    pub const fn line(stroke: Stroke) -> Look {
        Look::area(stroke, None)
    }

    /// A stable name for this look, the same for equal looks on every platform (a KML `Style` id).
    pub fn style_id(&self) -> String {
        // FNV-1a over the Debug text: every field, with floats printed exactly.
        let text = format!("{self:?}");
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("look-{hash:016x}")
    }
}

/// One thing on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// Stable across builds and years: `site:deveselu`, `ring:deveselu:sm3_ib:operational`.
    pub id: String,
    pub layer: Layer,
    pub kind: FeatureKind,
    pub state: FeatureState,
    pub geometry: Geometry,
    /// The full name (a symbol's accessible name, a GIS feature's name).
    pub name: String,
    /// The text drawn on the map next to it; empty for none.
    pub label: String,
    /// What it is, in a sentence: the tooltip and the GIS description.
    pub caption: String,
    /// Higher survives label collisions.
    pub priority: u8,
    pub look: Look,
    /// The scenario object it shows, if any.
    pub item: Option<ItemRef>,
    /// The facts a GIS user needs (`kind`, `side`, `source`, `range_km`, …), in a fixed order.
    /// Style is not here: the writers take it from `look`.
    pub properties: Map<String, Value>,
}

impl Feature {
    /// A site's military symbol code (its `sidc`) and whether the symbol is dashed (the site not
    /// operational in the year shown); `None` for anything but a site.
    pub fn military_code(&self) -> Option<(&str, bool)> {
        if !matches!(self.kind, FeatureKind::Site(_)) {
            return None;
        }
        let code = self.properties.get("sidc")?.as_str()?;
        let planned = matches!(self.state, FeatureState::Status(s) if !style::is_filled(s));
        Some((code, planned))
    }

    /// The tooltip on the map: the name, then the caption.
    pub fn tooltip(&self) -> String {
        if self.caption.is_empty() {
            self.name.clone()
        } else {
            format!("{}\n{}", self.name, self.caption)
        }
    }
}

/// The picture of a scenario in its year, timeline and model, for a layer choice.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The choices it was built for (the scene reads the basemap, borders, graticule and labels).
    pub layers: Layers,
    /// In drawing order: footprint, sectors, fans, rings, links, ICBM paths, annotations' lines,
    /// sites, cities, annotations' marks.
    pub features: Vec<Feature>,
    /// Exactly what is shown, one line a kind.
    pub legend: Vec<LegendEntry>,
    /// The sources of the objects shown, deduplicated, in order of first use.
    pub sources: Vec<String>,
    /// The analysis assumptions, when an analysis layer is drawn (for the export source line).
    pub assumptions: Option<String>,
    /// What could not be drawn and why (an engagement naming a site the scenario lacks).
    pub notes: Vec<String>,
}

/// What the analysis computed for a picture. The picture draws it and computes nothing: what is
/// not given (not computed yet) is left out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Computed<'a> {
    /// For the footprint and the ICBM paths.
    pub analysis: Option<&'a Analysis>,
    /// For the engagement layer; drawn only if computed for the layers' engagement view.
    pub engagement: Option<&'a EngagementDrawing>,
    /// Seconds after the threat's launch at which to mark where it is (an animation's frame).
    pub threat_at_s: Option<f64>,
}

impl Picture {
    /// The picture of `scenario` with `layers` on. The analysis layers (footprint, ICBM paths)
    /// are drawn from `analysis` when it is given and left out when it is `None`; the caller
    /// decides whether to compute it (the window's worker, the command line at once). An
    /// engagement view needs [`Picture::build_computed`].
    pub fn build(scenario: &Scenario, layers: &Layers, analysis: Option<&Analysis>) -> Picture {
        let computed = Computed {
            analysis,
            engagement: None,
            threat_at_s: None,
        };
        Picture::build_with(scenario, layers, computed, &mut GeometryCache::none())
    }

    /// The picture of `scenario` with `layers` on, its analysis layers drawn from `computed`.
    pub fn build_computed(scenario: &Scenario, layers: &Layers, computed: Computed<'_>) -> Picture {
        Picture::build_with(scenario, layers, computed, &mut GeometryCache::none())
    }

    /// [`Picture::build_computed`], reusing the rings, fans and arcs of the last picture built
    /// with the same cache: a change of year or model recomputes only the geometry that changed.
    pub fn build_with(
        scenario: &Scenario,
        layers: &Layers,
        computed: Computed<'_>,
        geometry: &mut GeometryCache,
    ) -> Picture {
        let analysis = computed.analysis;
        let mut picture = Picture {
            layers: layers.clone(),
            features: Vec::new(),
            legend: Vec::new(),
            sources: Vec::new(),
            assumptions: None,
            notes: Vec::new(),
        };
        let analysis = analysis.filter(|_| layers.footprint || layers.trajectories);
        if let Some(result) = analysis.filter(|_| layers.footprint) {
            footprint::features(
                result,
                layers.footprint_launch_area.as_deref(),
                &mut picture.features,
            );
        }
        features::add(scenario, layers, &mut picture, geometry);
        geometry.sweep();
        if let Some(result) = analysis.filter(|_| layers.trajectories) {
            // Over the other lines, under the symbols.
            picture.add_over_lines(analysis_layers::trajectories(result), Vec::new());
        }
        let drawing = computed
            .engagement
            .filter(|d| layers.engagement.as_ref() == Some(&d.view));
        if let Some(drawing) = drawing {
            let (features, problem) =
                engagement_layer::features(scenario, drawing, computed.threat_at_s);
            let (points, lines): (Vec<Feature>, Vec<Feature>) = features
                .into_iter()
                .partition(|f| matches!(f.geometry, Geometry::Point(_)));
            picture.add_over_lines(lines, points);
            picture.notes.extend(problem);
            if picture.assumptions.is_none() {
                picture.assumptions = Some(studies::brief(&scenario.assumptions.clamped()));
            }
        }
        annotations::place(scenario, &mut picture);
        picture.fade(layers);
        picture.legend = legend::entries(scenario, &picture, analysis);
        if let Some(result) = analysis {
            picture.assumptions = Some(studies::brief(&result.assumptions));
        }
        // A study's settings change what the map shows (its batteries, their reach): a page
        // names the study even without an analysis layer.
        let study = scenario
            .assumptions
            .study
            .as_deref()
            .and_then(studies::study);
        if let (None, Some(st)) = (&picture.assumptions, study) {
            picture.assumptions = Some(studies::settings_of(st));
        }
        picture
    }

    /// The feature with this id.
    pub fn feature(&self, id: &str) -> Option<&Feature> {
        self.features.iter().find(|f| f.id == id)
    }

    /// The features of one layer.
    pub fn of_layer(&self, layer: Layer) -> impl Iterator<Item = &Feature> {
        self.features.iter().filter(move |f| f.layer == layer)
    }

    /// Each feature of a layer with an opacity under 100 % drawn that much fainter: its
    /// outline, fill and text.
    fn fade(&mut self, layers: &Layers) {
        if layers.opacity.is_empty() {
            return;
        }
        for f in &mut self.features {
            let k = layers.opacity_of(f.layer);
            if k >= 1.0 {
                continue;
            }
            let fade = |c: Rgba| c.with_alpha((f32::from(c.0[3]) * k).round() as u8);
            f.look.stroke.colour = fade(f.look.stroke.colour);
            f.look.fill = f.look.fill.map(fade);
            if let Some(text) = f.look.text.as_mut() {
                text.colour = fade(text.colour);
            }
        }
    }

    /// Adds `lines` (lines and areas) over the other lines and under the first symbol, and
    /// `points` over every symbol.
    fn add_over_lines(&mut self, lines: Vec<Feature>, points: Vec<Feature>) {
        let at = self
            .features
            .iter()
            .position(|f| matches!(f.geometry, Geometry::Point(_)))
            .unwrap_or(self.features.len());
        self.features.splice(at..at, lines);
        self.features.extend(points);
    }

    /// Records a source for the source line, once.
    fn cite(&mut self, source: &str) {
        if !source.is_empty() && !self.sources.iter().any(|s| s == source) {
            self.sources.push(source.to_owned());
        }
    }
}

/// The name serde gives a unit enum variant (`"operational"`, `"interceptor_site"`).
pub(crate) fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Properties from pairs, leaving out the nulls.
pub(crate) fn properties(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}
