//! The layer choices saved with a scenario: which parts of the picture are shown.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::SiteKind;

/// The layers a user can switch on and off; every feature of the picture belongs to one.
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
    /// One battery's fly-out fan and one threat's flight with its engagement window (analysis).
    Engagement,
    Sites(SiteKind),
    Cities,
    Labels,
    /// The analyst's measured paths, range rings, notes and points.
    Annotations,
}

impl Layer {
    /// A short lower-case name (the GeoJSON `layer` property): `ring`, `site`, …
    pub fn name(self) -> &'static str {
        match self {
            Layer::Basemap => "basemap",
            Layer::Borders => "borders",
            Layer::Graticule => "graticule",
            Layer::Rings => "ring",
            Layer::Fans => "fan",
            Layer::Links => "link",
            Layer::Sectors => "sector",
            Layer::Footprint => "footprint",
            Layer::Trajectories => "trajectory",
            Layer::Engagement => "engagement",
            Layer::Sites(_) => "site",
            Layer::Cities => "city",
            Layer::Labels => "labels",
            Layer::Annotations => "annotation",
        }
    }

    /// The title of the layer's group (a KML folder).
    pub fn title(self) -> &'static str {
        match self {
            Layer::Basemap => "Basemap",
            Layer::Borders => "Borders",
            Layer::Graticule => "Graticule",
            Layer::Rings => "Interceptor reach",
            Layer::Fans => "Radar coverage",
            Layer::Links => "Data links",
            Layer::Sectors => "Interception sectors",
            Layer::Footprint => "Defended footprint (analysis)",
            Layer::Trajectories => "ICBM paths (analysis)",
            Layer::Engagement => "Engagement (analysis)",
            Layer::Sites(_) => "Sites",
            Layer::Cities => "Cities",
            Layer::Labels => "Labels",
            Layer::Annotations => "Annotations",
        }
    }
}

/// Which layers are on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Layers {
    pub basemap: bool,
    pub borders: bool,
    pub graticule: bool,
    pub labels: bool,
    pub rings: bool,
    /// The reach of batteries not yet operational in the year too (planned, being built); off
    /// by default, so the picture carries the few rings that stand.
    pub rings_planned: bool,
    pub fans: bool,
    pub links: bool,
    pub sectors: bool,
    /// The defended footprint (off by default: it needs the analysis).
    pub footprint: bool,
    /// Only this launch area's footprint; all of them if `None`.
    pub footprint_launch_area: Option<String>,
    /// ICBM paths coloured by reach (off by default: it needs the analysis).
    pub trajectories: bool,
    /// The engagement shown: a battery's fly-out fan and, if chosen, a threat's flight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engagement: Option<EngagementView>,
    pub cities: bool,
    /// The scenario's annotations (each also has its own `visible`).
    pub annotations: bool,
    /// Kinds of site switched off.
    pub hidden_kinds: BTreeSet<SiteKind>,
    /// Opacity of a layer in percent, by its [`Layer::name`] (`ring`, `fan`, …); a layer not
    /// listed is drawn as it is (100 %).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub opacity: BTreeMap<String, u8>,
    /// How sites are drawn: the simple shapes or military symbols.
    #[serde(skip_serializing_if = "SymbolStyle::is_simple")]
    pub symbols: SymbolStyle,
    /// How large sites are drawn, simple or military.
    #[serde(skip_serializing_if = "SymbolSize::is_normal")]
    pub symbol_size: SymbolSize,
}

/// How large the map draws its sites: a factor on each kind's symbol (the simple shape's
/// radius, a military symbol's grid unit), so labels, hit areas and the legibility check
/// follow.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SymbolSize {
    /// Three quarters: a crowded map.
    Small,
    #[default]
    Normal,
    /// One and a half times: military symbols whose icons can be read on a briefing page.
    Large,
    /// Twice: a projected briefing, or a page looked at across a room.
    ExtraLarge,
}

impl SymbolSize {
    /// All four, smallest first.
    pub const ALL: [SymbolSize; 4] = [
        SymbolSize::Small,
        SymbolSize::Normal,
        SymbolSize::Large,
        SymbolSize::ExtraLarge,
    ];

    pub fn is_normal(&self) -> bool {
        *self == SymbolSize::Normal
    }

    /// The factor on each kind's symbol size.
    pub fn factor(self) -> f32 {
        match self {
            SymbolSize::Small => 0.75,
            SymbolSize::Normal => 1.0,
            SymbolSize::Large => 1.5,
            SymbolSize::ExtraLarge => 2.0,
        }
    }

    /// Its name in menus.
    pub fn label(self) -> &'static str {
        match self {
            SymbolSize::Small => "Small",
            SymbolSize::Normal => "Normal",
            SymbolSize::Large => "Large",
            SymbolSize::ExtraLarge => "Extra large",
        }
    }
}

/// How the map draws its sites.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SymbolStyle {
    /// A shape per kind of site in its side's colour (triangle, pentagon, circle, …).
    #[default]
    Simple,
    /// MIL-STD-2525D / NATO APP-6(D) symbols from each site's SIDC (frame by identity and
    /// dimension, icon by entity); a site whose code cannot be drawn keeps its simple shape.
    App6,
}

impl SymbolStyle {
    /// Both, in the order menus list them.
    pub const ALL: [SymbolStyle; 2] = [SymbolStyle::Simple, SymbolStyle::App6];

    pub fn is_simple(&self) -> bool {
        *self == SymbolStyle::Simple
    }

    /// Its name in menus and the legend.
    pub fn label(self) -> &'static str {
        match self {
            SymbolStyle::Simple => "Simple",
            SymbolStyle::App6 => "APP-6D",
        }
    }

    /// Its name on the command line (`--symbols simple|app6`).
    pub fn name(self) -> &'static str {
        match self {
            SymbolStyle::Simple => "simple",
            SymbolStyle::App6 => "app6",
        }
    }
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            basemap: true,
            borders: true,
            graticule: true,
            labels: true,
            rings: true,
            rings_planned: false,
            fans: true,
            links: true,
            sectors: true,
            footprint: false,
            footprint_launch_area: None,
            trajectories: false,
            engagement: None,
            cities: true,
            annotations: true,
            hidden_kinds: BTreeSet::new(),
            opacity: BTreeMap::new(),
            symbols: SymbolStyle::Simple,
            symbol_size: SymbolSize::Normal,
        }
    }
}

/// The engagement views' choices: which battery's fan, at what altitude, and which threat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EngagementView {
    /// Site id of the battery.
    pub battery: String,
    /// Interceptor type id of one of its batteries.
    pub interceptor: String,
    /// Altitude of the fan's contours, km [default: the middle of the type's window].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flyout_altitude_km: Option<f64>,
    /// The threat, if one is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat: Option<ThreatChoice>,
}

/// A threat: a launch area or ICBM base, a target city, and when the interceptor is launched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreatChoice {
    pub launch_site: String,
    pub target: String,
    /// Seconds after the threat's launch; absent: cued by the first radar feeding the battery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_delay_s: Option<f64>,
}

/// The layers whose opacity the layer panel sets.
pub const FADING_LAYERS: [Layer; 7] = [
    Layer::Rings,
    Layer::Fans,
    Layer::Links,
    Layer::Sectors,
    Layer::Footprint,
    Layer::Trajectories,
    Layer::Annotations,
];

impl Layers {
    /// The opacity of `layer`, 0 to 1.
    ///
    /// ```
    /// use bmd_atlas::scene::{Layer, Layers};
    /// let mut layers = Layers::default();
    /// assert_eq!(layers.opacity_of(Layer::Fans), 1.0);
    /// layers.set_opacity(Layer::Fans, 40);
    /// assert_eq!(layers.opacity_of(Layer::Fans), 0.4);
    /// layers.set_opacity(Layer::Fans, 100);
    /// assert!(layers.opacity.is_empty());
    /// ```
    pub fn opacity_of(&self, layer: Layer) -> f32 {
        self.opacity
            .get(layer.name())
            .map_or(1.0, |p| f32::from((*p).min(100)) / 100.0)
    }

    /// Sets the opacity of `layer` in percent (100 removes the entry).
    pub fn set_opacity(&mut self, layer: Layer, percent: u8) {
        if percent >= 100 {
            self.opacity.remove(layer.name());
        } else {
            self.opacity.insert(layer.name().to_owned(), percent);
        }
    }

    /// What is wrong with the opacities, as (layer name, message).
    pub fn opacity_problems(&self) -> Vec<(String, String)> {
        self.opacity
            .iter()
            .filter_map(|(name, p)| {
                let known = FADING_LAYERS.iter().any(|l| l.name() == name);
                if !known {
                    let names: Vec<&str> = FADING_LAYERS.iter().map(|l| l.name()).collect();
                    Some((
                        name.clone(),
                        format!(
                            "is not a layer with an opacity; those are {}",
                            names.join(", ")
                        ),
                    ))
                } else if *p > 100 {
                    Some((name.clone(), format!("{p} is not a percentage (0 to 100)")))
                } else {
                    None
                }
            })
            .collect()
    }

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
            Layer::Engagement => self.engagement.is_some(),
            Layer::Cities => self.cities,
            Layer::Annotations => self.annotations,
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
            // Switching on needs a choice of battery: that is Command::SetEngagement's job.
            Layer::Engagement => {
                if !on {
                    self.engagement = None;
                }
            }
            Layer::Cities => self.cities = on,
            Layer::Annotations => self.annotations = on,
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
