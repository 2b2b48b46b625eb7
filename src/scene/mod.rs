//! The scene: a display list in projected metres, built from a scenario for a projection.
//!
//! The window and every export draw the same `Scene`, so what a briefer sees is what the export
//! holds. The scene does not depend on the zoom or pan (except for the basemap's level of detail),
//! so it is rebuilt only when the scenario, the layers or the projection change.

pub mod analysis_layers;
mod build;
mod labels;
pub mod style;
mod view;

pub use build::{Layers, build};
pub use labels::{PlacedLabel, place_labels};
pub use view::{MapView, ScaleBar};

use std::sync::Arc;

use crate::basemap::{ProjectedBasemap, Scale};
use crate::geodesy::{MapXy, ProjectionKind};
use crate::scenario::{SiteKind, Status};
use style::{Rgba, Stroke, SymbolShape};

/// The layers a user can switch on and off; every scene item belongs to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Basemap,
    Borders,
    Graticule,
    Rings,
    Fans,
    Links,
    Sectors,
    /// Where the interceptors defend (analysis).
    Footprint,
    /// Russian ICBM paths over the pole, by whether they can be reached (analysis).
    Trajectories,
    Sites(SiteKind),
    Cities,
    Labels,
}

/// What a symbol stands for, by index into the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemRef {
    Site(usize),
    City(usize),
}

/// A point object drawn in screen space at a projected position.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    pub item: ItemRef,
    pub layer: Layer,
    /// The object's full name: the accessible name of its hit area.
    pub name: String,
    /// The text drawn next to the symbol.
    pub label: String,
    pub lon_lat: geo::Point<f64>,
    pub at: MapXy,
    pub shape: SymbolShape,
    pub radius_px: f32,
    /// `None` draws the symbol hollow.
    pub fill: Option<Rgba>,
    pub stroke: Stroke,
    pub status: Option<Status>,
    /// Higher survives label collisions.
    pub priority: u8,
    pub tooltip: String,
}

/// A filled polygon with an outline (range ring, radar fan, sector).
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    pub layer: Layer,
    /// Closed outline (first point repeated at the end).
    pub outline: Vec<MapXy>,
    /// The fill, triangulated: vertices and index triples into them.
    pub fill_vertices: Vec<MapXy>,
    pub triangles: Vec<u32>,
    pub fill: Rgba,
    pub stroke: Stroke,
    /// What the area is, for tooltips and exports ("Deveselu: SM-3 IB, 850 km").
    pub caption: String,
}

/// A polyline (graticule, links).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub layer: Layer,
    pub points: Vec<MapXy>,
    pub stroke: Stroke,
    /// What the line is ("Kürecik → Ramstein: radar data to own command"); empty for graticule.
    pub caption: String,
    /// The kind of data link, for link lines.
    pub link: Option<crate::cooperation::LinkKind>,
}

/// Text fixed to a map position (sector names), drawn centred on it.
#[derive(Clone, Debug, PartialEq)]
pub struct MapText {
    pub layer: Layer,
    pub at: MapXy,
    pub text: String,
    pub colour: Rgba,
    pub size_px: f32,
}

/// How a legend entry is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    Symbol {
        shape: SymbolShape,
        fill: Option<Rgba>,
        stroke: Stroke,
    },
    Area {
        fill: Rgba,
        stroke: Stroke,
    },
    Line(Stroke),
}

/// One line of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub swatch: Swatch,
    pub text: String,
}

/// Everything drawn on the map, in drawing order: basemap, areas, lines, symbols (labels last).
#[derive(Clone, Debug)]
pub struct Scene {
    pub projection: ProjectionKind,
    pub scale: Scale,
    /// The land, coasts and borders at `scale`, if the basemap layer is on.
    pub basemap: Option<Arc<ProjectedBasemap>>,
    pub show_borders: bool,
    pub show_labels: bool,
    pub areas: Vec<Area>,
    pub lines: Vec<Line>,
    pub texts: Vec<MapText>,
    pub symbols: Vec<Symbol>,
    /// Exactly the symbols and overlays that are visible.
    pub legend: Vec<LegendEntry>,
    /// Sources of the objects shown, deduplicated, for the export source line.
    pub sources: Vec<String>,
    /// The analysis assumptions, when an analysis layer is drawn (for the export source line).
    pub assumptions: Option<String>,
}

impl Scene {
    /// The number of drawable items of each layer, for tests and the status bar.
    pub fn count(&self, layer: Layer) -> usize {
        let base = match layer {
            Layer::Basemap => self
                .basemap
                .as_ref()
                .map_or(0, |b| b.land.len() + b.coastlines.len()),
            Layer::Borders if self.show_borders => {
                self.basemap.as_ref().map_or(0, |b| b.borders.len())
            }
            _ => 0,
        };
        base + self.areas.iter().filter(|a| a.layer == layer).count()
            + self.lines.iter().filter(|l| l.layer == layer).count()
            + self.symbols.iter().filter(|s| s.layer == layer).count()
            + self.texts.iter().filter(|t| t.layer == layer).count()
    }
}
