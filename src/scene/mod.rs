//! The scene: the [`Picture`] projected for one projection and level of detail, as a display
//! list in projected metres.
//!
//! The window (the egui painter) and every page (the SVG writer, and PNG and PDF from it) draw
//! the same `Scene`, so what a briefer sees is what the export holds. Each item keeps the id of
//! the picture feature it draws. The scene does not depend on the zoom or pan (except for the
//! basemap's level of detail), so it is rebuilt only when the picture or the projection changes.

mod label_grid;
mod labels;
mod legibility;
mod map_texts;
mod project;
mod view;

pub use crate::picture::style;
pub use crate::picture::{ItemRef, LegendEntry, Picture, Swatch};
pub use crate::scenario::{FADING_LAYERS, Layer, Layers};
pub use labels::{LabelCache, PlacedLabel, place_labels};
pub use legibility::{Collisions, collisions, label_box};
pub use map_texts::map_text_centres;
pub use project::{ProjectionCache, SceneBuilder, build, build_computed, projection_caption};
pub use view::{MapView, ScaleBar};

use std::sync::Arc;

use crate::basemap::{ProjectedBasemap, Scale};
use crate::geodesy::{MapXy, ProjectionKind};
use crate::scenario::Status;
use crate::symbology::Drawing;
use style::{Rgba, Stroke, SymbolShape};

/// A point object drawn in screen space at a projected position.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// The picture feature it draws.
    pub id: String,
    /// The site or city it stands for, which a click opens in the inspector; `None` for marks
    /// that stand for no object (a threat's time ticks, its window's ends, radar sightings).
    pub item: Option<ItemRef>,
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
    /// The military symbol drawn instead of `shape` (APP-6D mode), on its grid of L =
    /// `radius_px` pixels.
    pub military: Option<Arc<Drawing>>,
}

impl Symbol {
    /// The box the symbol takes around its point, pixels from it: `[x0, y0, x1, y1]` (a
    /// military symbol is wider than tall, and a headquarters stands above its point).
    pub fn extent_px(&self) -> [f32; 4] {
        match &self.military {
            Some(d) => d.extent().map(|e| e * self.radius_px),
            None => {
                let r = self.radius_px;
                [-r, -r, r, r]
            }
        }
    }
}

/// A filled polygon with an outline (range ring, radar fan, sector).
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// The picture feature it draws.
    pub id: String,
    pub layer: Layer,
    /// Closed outline (first point repeated at the end).
    pub outline: Vec<MapXy>,
    /// Closed rings within the outline that are not filled.
    pub holes: Vec<Vec<MapXy>>,
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
    /// The picture feature it draws; empty for the graticule.
    pub id: String,
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
    /// The picture feature whose label it is.
    pub id: String,
    pub layer: Layer,
    pub at: MapXy,
    pub text: String,
    pub colour: Rgba,
    pub size_px: f32,
    /// It may move off its place to clear a symbol (an annotation's label, a range ring's);
    /// sector names stay where they are. [`map_text_centres`] says where each goes.
    pub movable: bool,
}

/// Everything drawn on the map, in drawing order: basemap, areas, lines, symbols (labels last).
#[derive(Clone, Debug)]
pub struct Scene {
    pub projection: ProjectionKind,
    /// The projection as captions name it ([`projection_caption`]).
    pub projection_name: String,
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
    /// The labels placed for the last view drawn ([`Scene::labels_for`]).
    pub labels: LabelCache,
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
