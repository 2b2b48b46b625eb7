//! One export request: what a briefing page shows and how, built by the export dialog, its live
//! preview and `bmd-atlas export` alike, so that the three cannot differ in what they draw, in
//! the basemap detail they choose, or in how they caption a comparison.

use std::sync::Arc;

use super::{ExportError, ExportOptions, PageSize, Panel, Preview};
use crate::analysis::{self, Analysis, EngagementDrawing, Memos};
use crate::basemap::{Basemaps, Scale};
use crate::geodesy::ProjectionKind;
use crate::picture::Computed;
use crate::provenance::{Choices, Provenance};
use crate::scenario::{Focus, Layers, Scenario};
use crate::scene::{self, MapView, Scene};

/// How fine the basemap of a page is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// From the ground an output pixel covers ([`auto_detail`]).
    #[default]
    Auto,
    Fixed(Scale),
}

/// A briefing page to make.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub scenario: Scenario,
    /// A second map beside the first, with one legend (the comparison slide).
    pub compare: Option<Scenario>,
    pub projection: ProjectionKind,
    /// The window's view to keep; `None` fits the projection's default extent.
    pub view: Option<MapView>,
    pub layers: Layers,
    pub detail: Detail,
    pub options: ExportOptions,
    /// Analyses already computed (the window's) for the first and second map. An analysis
    /// layer that is on is drawn from these, or from one computed here when one is missing.
    pub analyses: [Option<Arc<Analysis>>; 2],
    /// The engagement layer already computed (the window's) for the first and second map; one
    /// missing, or computed for another view, is computed here.
    pub engagements: [Option<Arc<EngagementDrawing>>; 2],
    /// Whether the page carries the scenario that made it (the first map's) and the choices, so
    /// that opening the page opens the analysis ([`crate::provenance`]). On unless the page is
    /// meant to leave the team without its data.
    pub embed: bool,
    /// Mark where the engagement's threat is this many seconds after its launch (the frames of
    /// an animated engagement).
    pub threat_at_s: Option<f64>,
    /// Where the maps' basemaps come from: the window's, so that a page drawn at the window's
    /// detail projects nothing again; a fresh store on the command line.
    pub basemaps: Basemaps,
}

/// What [`ExportRequest::render`] made.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// The basemap detail used.
    pub scale: Scale,
    /// Symbols on the page, over all its maps.
    pub symbols: usize,
}

impl ExportRequest {
    /// A page of `scenario` in its own choices, with the default layers and options.
    pub fn new(scenario: Scenario) -> ExportRequest {
        ExportRequest {
            options: ExportOptions::for_scenario(&scenario),
            projection: scenario.presentation.view.projection,
            scenario,
            compare: None,
            view: None,
            layers: Layers::default(),
            detail: Detail::Auto,
            analyses: [None, None],
            engagements: [None, None],
            embed: true,
            threat_at_s: None,
            basemaps: Basemaps::default(),
        }
    }

    /// What the page records of itself: the first map's scenario, with the projection, layers,
    /// extent and marking of this page.
    pub fn provenance(&self) -> Provenance {
        let s = &self.scenario;
        let extent = self.view.and_then(|v| {
            let centre = v.projection.projection().inverse(v.centre)?;
            Some(Focus {
                centre_lon: centre.x(),
                centre_lat: centre.y(),
                metres_per_pixel: v.metres_per_pixel,
            })
        });
        let choices = Choices {
            model: s.model.clone(),
            year: s.year,
            timeline: s.timeline,
            projection: self.projection,
            layers: self.layers.clone(),
            extent,
            marking: self.options.marking.as_ref().map(|m| m.text.clone()),
        };
        Provenance::new(s, choices)
    }

    /// The basemap detail this page is drawn at.
    pub fn scale(&self) -> Scale {
        match self.detail {
            Detail::Fixed(scale) => scale,
            Detail::Auto => {
                let panels = if self.compare.is_some() { 2.0 } else { 1.0 };
                auto_detail(&self.options.page, self.projection, panels)
            }
        }
    }

    /// The page in `options.format`.
    pub fn render(&self) -> Result<Rendered, ExportError> {
        let scale = self.scale();
        let scenes = self.scenes(scale);
        let panels = self.panels(&scenes);
        let provenance = self.embed.then(|| self.provenance());
        let bytes = super::export_with(&panels, &self.options, provenance.as_ref())?;
        Ok(Rendered {
            bytes,
            scale,
            symbols: scenes.iter().map(|s| s.symbols.len()).sum(),
        })
    }

    /// The page's pixels (a pixel page only) as RGBA, row by row, drawn by `rasteriser`,
    /// which keeps what a run of pages shares: glyph outlines, and the pixmap, handed back
    /// ([`super::Rasteriser::recycle`]) for the next page.
    pub fn rgba(&self, rasteriser: &mut super::Rasteriser) -> Result<Vec<u8>, ExportError> {
        let scenes = self.scenes(self.scale());
        let panels = self.panels(&scenes);
        let pixmap = rasteriser.page(&panels, &self.options, self.options.page.pixels())?;
        let rgba = pixmap.data().to_vec();
        rasteriser.recycle(pixmap);
        Ok(rgba)
    }

    /// A small picture of the page, at most `max_side` pixels, drawn at the coarsest detail
    /// (it is seen small, and redrawn at every change).
    pub fn preview(&self, max_side: u32) -> Result<Preview, ExportError> {
        let scenes = self.scenes(Scale::Coarse110m);
        super::preview(&self.panels(&scenes), &self.options, max_side)
    }

    fn scenes(&self, scale: Scale) -> Vec<Scene> {
        let needed = self.layers.footprint || self.layers.trajectories;
        // What is computed here (nothing, when the window gave it all) is remembered across
        // the maps of the page.
        let memos = Memos::with_basemaps(self.basemaps.clone());
        std::iter::once(&self.scenario)
            .chain(self.compare.as_ref())
            .zip(self.analyses.iter().zip(&self.engagements))
            .map(|(s, (known, drawn))| {
                let analysis = needed.then(|| {
                    known
                        .clone()
                        .unwrap_or_else(|| Arc::new(analysis::analyze_in(s, &memos)))
                });
                let engagement = self.layers.engagement.as_ref().map(|view| {
                    drawn
                        .clone()
                        .filter(|d| d.view == *view)
                        .unwrap_or_else(|| Arc::new(EngagementDrawing::compute(s, view, &memos)))
                });
                let computed = Computed {
                    analysis: analysis.as_deref(),
                    engagement: engagement.as_deref(),
                    threat_at_s: self.threat_at_s,
                };
                let layers = &self.layers;
                scene::build_computed(
                    s,
                    (self.projection, scale),
                    layers,
                    computed,
                    &self.basemaps,
                )
            })
            .collect()
    }

    fn panels<'a>(&self, scenes: &'a [Scene]) -> Vec<Panel<'a>> {
        let compared = scenes.len() > 1;
        let scenarios = std::iter::once(&self.scenario).chain(self.compare.as_ref());
        scenes
            .iter()
            .zip(scenarios)
            .map(|(scene, s)| Panel {
                view: self.view,
                caption: if compared {
                    panel_caption(s)
                } else {
                    String::new()
                },
                ..Panel::new(scene)
            })
            .collect()
    }
}

/// "2016 · Two coordinated systems (NATO/US offer)": what a map of a comparison page shows.
pub fn panel_caption(s: &Scenario) -> String {
    match s.active_model() {
        Some(m) => format!("{} · {}", s.year, m.name),
        None => s.year.to_string(),
    }
}

/// The basemap detail for a page, from the ground an output pixel covers: 1:10m below 3.5 km
/// (a 3840×2160 slide of Europe, or A4 at 300 dpi), 1:50m below 12 km (a 1920×1080 slide),
/// 1:110m above. That is finer than the window uses at the same zoom: slides are shown big and
/// paper is read close up, and even 1:10m exports in well under a second.
pub fn auto_detail(page: &PageSize, projection: ProjectionKind, panels: f32) -> Scale {
    let [w, h] = page.layout_size();
    // The frame is most of the page; the exact size is known only after layout, and the level of
    // detail does not need it.
    let frame = [w * 0.8 / panels, h * 0.8];
    let view = MapView::fit(projection, frame);
    let per_output_pixel = view.metres_per_pixel / page.pixels_per_point() as f64;
    if per_output_pixel < 3_500.0 {
        Scale::Fine10m
    } else if per_output_pixel < 12_000.0 {
        Scale::Medium50m
    } else {
        Scale::Coarse110m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Format, Orientation, Paper};

    #[test]
    fn auto_detail_follows_the_output_resolution() {
        let europe = ProjectionKind::EuropeEqualArea;
        let px = |width, height| PageSize::Pixels { width, height };
        assert_eq!(auto_detail(&px(1920, 1080), europe, 1.0), Scale::Medium50m);
        assert_eq!(auto_detail(&px(3840, 2160), europe, 1.0), Scale::Fine10m);
        let a4 = PageSize::Paper {
            paper: Paper::A4,
            orientation: Orientation::Landscape,
            dpi: 300.0,
        };
        assert_eq!(auto_detail(&a4, europe, 1.0), Scale::Fine10m);
        assert_eq!(auto_detail(&px(480, 270), europe, 1.0), Scale::Coarse110m);
    }

    #[test]
    fn a_comparison_captions_each_map_and_draws_its_analysis_layers() {
        let s = crate::scenario::built_in();
        let mut other = s.clone();
        other.year = 2020;
        let mut request = ExportRequest::new(s);
        request.compare = Some(other);
        request.detail = Detail::Fixed(Scale::Coarse110m);
        request.layers.basemap = false;
        request.layers.footprint = true;
        request.options.format = Format::Svg;
        let page = request.render().expect("renders");
        let svg = String::from_utf8_lossy(&page.bytes);
        assert!(svg.contains(">2012 · ") && svg.contains(">2020 · "));
        // Computed here, since no analysis was given: the footprint is on both maps.
        assert!(svg.matches("data-id=\"footprint:0\"").count() >= 4);
    }
}
