//! The scenario: plain data that says what is on the map, in which years, and from which source.
//!
//! It knows nothing about drawing. It is the only thing a scenario file holds; see
//! `assets/scenarios/europe-2012.scenario.json` for the built-in one and `docs/file-format.md` for
//! the file format.
//!
//! # Files
//!
//! A scenario file (`*.scenario.json`) is pretty-printed UTF-8 JSON with a `$schema` reference
//! ([`SCHEMA_URL`]) and a `format_version` ([`FORMAT_VERSION`]). Its JSON Schema, generated from
//! these types by [`json_schema`], is committed as `schema/scenario.schema.json`.
//!
//! - [`open_file`] / [`open_slice`] read a file of any supported version, migrate it, validate it
//!   and return the scenario with warnings (unknown fields); [`load_file`] and friends do the same
//!   and drop the warnings.
//! - [`save_file`] writes atomically and keeps the previous version as `NAME.scenario.json.bak`.
//! - [`write_recovery`] / [`read_recovery`] / [`clear_recovery`] are the autosave helpers.
//!
//! Loading never panics on any input; the limits are in [`limits`].
//!
//! ```
//! use bmd_atlas::scenario;
//! let dir = std::env::temp_dir().join(format!("bmd-atlas-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("mine.scenario.json");
//! let mut s = scenario::built_in();
//! s.presentation.title = "EPAA, phase 2".into();
//! scenario::save_file(&s, &path).unwrap();
//! let loaded = scenario::open_file(&path).unwrap();
//! assert_eq!(loaded.scenario, s);
//! assert!(loaded.warnings.is_empty());
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod annotation;
mod assumptions;
mod cooperation;
mod layers;
mod load;
mod migrate;
pub mod physical;
mod rules;
mod save;
mod save_error;
mod scan;
mod stale;
mod timeline;
pub mod uncertainty;
mod unknown;
pub mod v1;
mod v2;

pub use annotation::{
    Annotation, AnnotationKind, LatLon, MAX_ANNOTATIONS, MAX_LABEL_CHARS, MAX_PATH_POINTS,
    MAX_RING_RADIUS_KM, next_annotation_id,
};
pub use assumptions::{Assumptions, FieldRange, GridSpan, MAX_GRID_CELLS, MAX_LAUNCH_DELAYS};
pub use cooperation::{
    Architecture, Assurance, CentreRole, CooperationModel, JointCentre, Sector, SideCommand,
};
pub use layers::{
    EngagementView, FADING_LAYERS, Layer, Layers, SymbolSize, SymbolStyle, ThreatChoice,
};
pub use load::{
    LoadError, Loaded, Position, Problem, limits, load_file, load_from_slice, load_from_str,
    open_file, open_slice, open_str, sidc_warnings, validate,
};
pub use rules::{YEARS, check_latitude, check_longitude, check_year};
pub use save::{
    Left, Recovery, SaveError, Saved, Surface, backup_path, clear_recovery, read_recovery,
    recovery_path, save_file, to_json, write_file, write_recovery,
};
pub use stale::process_is_running;
pub use timeline::{Status, StatusChange, Timeline, TimelineChoice};
pub use uncertainty::{Bound, Bounds, End};

pub(crate) use annotation::problems as annotation_problems;
pub(crate) use load::{json_problem, position_of, scan_limits, text_bytes};

/// Kept for callers of the first API: the largest file read, in bytes ([`limits::MAX_FILE_BYTES`]).
pub use load::limits::MAX_FILE_BYTES;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::geodesy::ProjectionKind;

/// The file format version this build writes.
///
/// A version changes only when a file of the old version would be read wrongly by the new types
/// (a field renamed, removed or given a new meaning). Adding a field with a default does not need a
/// new version: older files simply lack it. Each past version has frozen types (see [`v1`]) and a
/// migration to the next; a file newer than this is refused with the version it needs.
///
/// | version | what changed |
/// |---|---|
/// | 1 | first format: sites, cities, types, models, year, timeline, two assumptions |
/// | 2 | `$schema`, `presentation` (title, classification, view, layers), all the assumptions |
/// | 3 | analysis v2: missile and interceptor burnout fields, radar minimum elevation, missiles per launch site, Earth rotation; four v1 assumptions removed |
/// | 4 | `annotations` (measured paths, range rings, notes, points); an older build would drop them as unknown fields when saving, so it must refuse the file instead |
pub const FORMAT_VERSION: u32 = 4;

/// The `$schema` written at the top of every file: an identifier of the committed schema
/// (`schema/scenario.schema.json`), which carries the same `$id`. It is not fetched; map it to the
/// file in your editor to get completion and checks (see `docs/file-format.md`).
pub const SCHEMA_URL: &str = "https://bmd-atlas.example/schema/scenario-v4.schema.json";

/// The built-in scenario, embedded so that a lone executable works.
pub const BUILT_IN_JSON: &str = include_str!("../../assets/scenarios/europe-2012.scenario.json");

/// Loads the built-in "Europe 2012" scenario.
///
/// ```
/// let s = bmd_atlas::scenario::built_in();
/// assert_eq!(s.name, "Europe 2012");
/// ```
pub fn built_in() -> Scenario {
    // The embedded file is checked by the test suite, so failure here is a build defect.
    load_from_str(BUILT_IN_JSON, "built-in scenario").expect("the built-in scenario is valid")
}

/// The built-in scenario, parsed once: the reference values that upgrades of older files and
/// study settings go back to.
pub fn reference() -> &'static Scenario {
    static REFERENCE: std::sync::LazyLock<Scenario> = std::sync::LazyLock::new(built_in);
    &REFERENCE
}

/// The JSON Schema of the current format, pretty-printed with a final newline: the text of the
/// committed `schema/scenario.schema.json`.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&bmd_atlas::scenario::json_schema()).unwrap();
/// assert_eq!(schema["$id"], bmd_atlas::scenario::SCHEMA_URL);
/// assert!(schema["properties"]["sites"].is_object());
/// ```
pub fn json_schema() -> String {
    let mut schema = unknown::schema_value::<Scenario>(true);
    physical::annotate_schema(&mut schema);
    let mut text =
        serde_json::to_string_pretty(&schema).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// Everything a scenario file holds.
///
/// Not the undo history, and not where the file is: those belong to the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "BMD Atlas scenario", extend("$id" = SCHEMA_URL))]
pub struct Scenario {
    /// The format version the file was written in; after loading, always [`FORMAT_VERSION`].
    pub format_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Sites, radars, centres, bases and launch areas.
    pub sites: Vec<Site>,
    /// Population centres in Europe and targets in the United States.
    #[serde(default)]
    pub cities: Vec<City>,
    /// Interceptor types referred to by [`Battery::interceptor`].
    #[serde(default)]
    pub interceptor_types: Vec<InterceptorType>,
    /// Ballistic missile types (threats and ICBMs).
    #[serde(default)]
    pub missile_types: Vec<MissileType>,
    /// The year shown when the scenario opens.
    #[serde(default = "default_year")]
    pub year: i32,
    /// Whether the timeline follows the 2012 plan or what happened.
    #[serde(default)]
    pub timeline: TimelineChoice,
    /// The cooperation models this scenario offers.
    #[serde(default)]
    pub models: Vec<CooperationModel>,
    /// Id of the active model in `models`.
    #[serde(default = "default_model")]
    pub model: String,
    /// The analysis assumptions (kinematics, delays, grid).
    #[serde(default)]
    #[schemars(schema_with = "assumptions_schema")]
    pub assumptions: Assumptions,
    /// The analyst's marks on the map: measured paths, range rings, notes and points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
    /// How the picture is presented: title, marking, view and layers.
    #[serde(default)]
    pub presentation: Presentation,
}

/// How the scenario is presented: what the user chose to show, saved with the file.
///
/// ```
/// let p = bmd_atlas::scenario::Presentation::default();
/// assert!(p.title.is_empty() && p.view.focus.is_none() && p.layers.rings);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Presentation {
    /// The title on the map and on exports; empty means the scenario's name.
    pub title: String,
    /// The classification or handling marking for banners (`UNCLASSIFIED`, `NATO RESTRICTED`, or any
    /// text); empty means none is chosen.
    pub classification: String,
    /// The projection, centre and zoom.
    pub view: View,
    /// Which layers are on.
    pub layers: Layers,
}

/// The map view: projection, centre and zoom.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct View {
    pub projection: ProjectionKind,
    /// Where the map is centred and how far it is zoomed; absent means the projection's default
    /// view ("Fit Europe") for whatever window it opens in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
}

/// A map centre and zoom.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Focus {
    /// Longitude of the map centre, degrees east (WGS84).
    pub centre_lon: f64,
    /// Latitude of the map centre, degrees north (WGS84).
    pub centre_lat: f64,
    /// Zoom: metres of the projection plane per screen pixel (larger is further out).
    pub metres_per_pixel: f64,
}

/// The schema of [`Assumptions`]: an object of named values. Its fields are not listed, so they
/// are checked by the type itself, which refuses unknown ones (a misspelt assumption must not
/// silently leave a reference value in force).
fn assumptions_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "The analysis assumptions, each with its unit in its name (see analysis::Assumptions); absent ones take their reference values. Unknown names are refused.",
        "type": "object"
    })
}

fn default_model() -> String {
    "independent".to_owned()
}

fn default_year() -> i32 {
    2012
}

impl Scenario {
    /// The site with this id, if any.
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    /// The annotation with this id, if any.
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The interceptor type with this id, if any.
    pub fn interceptor_type(&self, id: &str) -> Option<&InterceptorType> {
        self.interceptor_types.iter().find(|t| t.id == id)
    }

    /// Sites on the map in the scenario's year under its model, with their status.
    pub fn active_sites(&self) -> impl Iterator<Item = (&Site, Status)> {
        self.sites
            .iter()
            .filter_map(|s| self.site_status(s).map(|st| (s, st)))
    }
}

/// Which side an object belongs to; it decides the colour on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    UsNato,
    Russia,
    Iran,
    /// Jointly staffed or proposed NATO–Russia (or US–Russia) centres.
    Joint,
}

impl Side {
    pub const ALL: [Side; 4] = [Side::UsNato, Side::Russia, Side::Iran, Side::Joint];

    pub fn label(self) -> &'static str {
        match self {
            Side::UsNato => "US/NATO",
            Side::Russia => "Russia",
            Side::Iran => "Iran",
            Side::Joint => "Joint NATO–Russia",
        }
    }
}

/// What a site is; it decides the symbol's shape.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    InterceptorSite,
    ShipHomeport,
    ShipPatrolArea,
    Radar,
    CommandCentre,
    DataCentre,
    IcbmBase,
    MissileLaunchArea,
    /// A place of no kind above: what an import without a `kind` column brings in.
    Other,
}

impl SiteKind {
    pub const ALL: [SiteKind; 9] = [
        SiteKind::InterceptorSite,
        SiteKind::ShipHomeport,
        SiteKind::ShipPatrolArea,
        SiteKind::Radar,
        SiteKind::CommandCentre,
        SiteKind::DataCentre,
        SiteKind::IcbmBase,
        SiteKind::MissileLaunchArea,
        SiteKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SiteKind::InterceptorSite => "Interceptor site",
            SiteKind::ShipHomeport => "Aegis ship homeport",
            SiteKind::ShipPatrolArea => "Aegis patrol station",
            SiteKind::Radar => "Radar",
            SiteKind::CommandCentre => "Command centre",
            SiteKind::DataCentre => "Data centre",
            SiteKind::IcbmBase => "ICBM base",
            SiteKind::MissileLaunchArea => "Missile launch area",
            SiteKind::Other => "Other site",
        }
    }
}

/// One object on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Unique, stable identifier (`deveselu`).
    pub id: String,
    pub name: String,
    /// The map label, where `name` is too long for one; empty means `name`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short_name: String,
    /// ISO 3166 alpha-2 code, or `INTL` for international waters.
    pub country: String,
    /// Latitude in degrees north (WGS84).
    pub lat: f64,
    /// Longitude in degrees east (WGS84).
    pub lon: f64,
    pub side: Side,
    pub kind: SiteKind,
    /// Systems at the site, in words.
    #[serde(default)]
    pub system: String,
    /// When the site was planned, built, operational or closed.
    pub timeline: Timeline,
    /// Radar coverage, for radars and sites with their own radar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radar: Option<RadarCoverage>,
    /// Interceptors based here (or carried by ships on station here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub batteries: Vec<Battery>,
    /// Ids of the missile types based at a launch area or ICBM base (empty: the side's
    /// longest-range type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missiles: Vec<String>,
    /// Free-text notes: caveats, conflicting figures.
    #[serde(default)]
    pub notes: String,
    /// Where the facts come from. Never empty.
    pub source: String,
    /// True where the position, the parameters or the dates are uncertain.
    #[serde(default)]
    pub uncertain: bool,
    /// Its MIL-STD-2525D / APP-6(D) symbol identification code, 20 digits; empty: none given.
    /// A malformed one is a warning on opening (`crate::symbology::Sidc`), and the site keeps
    /// its simple symbol.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sidc: String,
}

impl Site {
    /// Its symbol identification code: the one given, else the default for its kind and side
    /// ([`Site::default_sidc`]).
    pub fn sidc(&self) -> String {
        if self.sidc.trim().is_empty() {
            self.default_sidc()
        } else {
            self.sidc.trim().to_owned()
        }
    }

    /// The MIL-STD-2525D / APP-6(D) code for its kind and side, from the standard's tables
    /// (DISA's Joint Military Symbology XML): interceptor sites are land units *Fires: air
    /// defence, missile* (10 130102); ships on station and at their home port sea-surface
    /// *destroyers* with the sector 1 modifier *missile defence* (30 120203, modifier 08: the
    /// Aegis BMD ships); radars land units *Intelligence: sensor* with the modifier *radar*
    /// (10 151200, modifier 50: the land unit table has no early-warning one; radar is the
    /// nearest); command centres headquarters of *command and control* (10 110000, digit 8 2:
    /// drawn on a staff), data centres *command and control*; ICBM bases and
    /// launch areas *Fires: missile* (10 130700); anything else unspecified (10 000000). The
    /// side gives the identity: US/NATO friend, Russia and Iran hostile (as NATO's own maps
    /// show them), the joint NATO–Russia centres neutral: the standard has no identity for an
    /// object both sides run, and neutral (neither supporting nor opposing) is the nearest.
    ///
    /// ```
    /// let s = bmd_atlas::scenario::built_in();
    /// assert_eq!(s.site("deveselu").unwrap().default_sidc(), "10031000001301020000");
    /// ```
    pub fn default_sidc(&self) -> String {
        use crate::symbology::{Sidc, StandardIdentity};
        let identity = match self.side {
            Side::UsNato => StandardIdentity::Friend,
            Side::Russia | Side::Iran => StandardIdentity::Hostile,
            Side::Joint => StandardIdentity::Neutral,
        };
        // (symbol set, headquarters, entity, sector 1 modifier)
        let (set, hq, entity, modifier) = match self.kind {
            SiteKind::InterceptorSite => (10, false, 130_102, 0),
            SiteKind::ShipHomeport | SiteKind::ShipPatrolArea => (30, false, 120_203, 8),
            SiteKind::Radar => (10, false, 151_200, 50),
            SiteKind::CommandCentre => (10, true, 110_000, 0),
            SiteKind::DataCentre => (10, false, 110_000, 0),
            SiteKind::IcbmBase | SiteKind::MissileLaunchArea => (10, false, 130_700, 0),
            SiteKind::Other => (10, false, 0, 0),
        };
        Sidc::compose_with(identity, set, hq, entity, modifier)
    }

    /// The label drawn on the map.
    pub fn label(&self) -> &str {
        if self.short_name.is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }

    /// The site's position as a `geo` point (x = longitude, y = latitude, degrees).
    pub fn position(&self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }

    /// The site's status in `year` on the chosen timeline; `None` before it is first heard of.
    pub fn status_in(&self, year: i32, choice: TimelineChoice) -> Option<Status> {
        self.timeline.status_in(year, choice)
    }
}

/// A radar's coverage: a sector of azimuths out to a range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RadarCoverage {
    /// The source's maximum range, in kilometres (not a detection range against a warhead).
    pub range_km: f64,
    /// Centre of the azimuth sector, degrees clockwise from true north.
    pub boresight_deg: f64,
    /// Width of the azimuth sector in degrees; 360 for all-round coverage.
    pub fov_deg: f64,
    /// Lowest elevation above the radar's local horizontal at which it looks, degrees (0 when
    /// the source gives none).
    #[serde(default)]
    pub min_elevation_deg: f64,
    /// True where range or sector is uncertain or disputed.
    #[serde(default)]
    pub uncertain: bool,
    /// Bounds of uncertain fields (see [`uncertainty`]).
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub uncertainty: Bounds,
}

/// Interceptors of one type at a site, for the years in their timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Battery {
    /// Id of an [`InterceptorType`] in the scenario.
    pub interceptor: String,
    /// Number of interceptors, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    pub timeline: Timeline,
}

/// An interceptor type with its open-source performance estimates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterceptorType {
    pub id: String,
    pub name: String,
    /// Burnout speed, km/s.
    pub burnout_kms: f64,
    /// Burn time, seconds.
    pub burn_time_s: f64,
    /// Nominal engagement range drawn as a ring, km.
    pub range_km: f64,
    /// Lowest and highest intercept altitude, km.
    pub min_altitude_km: f64,
    pub max_altitude_km: f64,
    /// Altitude at burnout, km.
    pub burnout_altitude_km: f64,
    /// Ground range from the launcher at burnout, towards the aim point, km.
    pub burnout_range_km: f64,
    pub source: String,
    #[serde(default)]
    pub uncertain: bool,
    #[serde(default)]
    pub notes: String,
    /// Bounds of uncertain fields (see [`uncertainty`]).
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub uncertainty: Bounds,
}

/// A ballistic missile type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissileType {
    pub id: String,
    pub name: String,
    pub side: Side,
    /// Maximum range, km.
    pub range_km: f64,
    /// Duration of powered flight, s.
    pub burn_time_s: f64,
    /// Altitude at burnout, km.
    pub burnout_altitude_km: f64,
    /// Ground range from the launch point at burnout, km.
    pub burnout_range_km: f64,
    pub source: String,
    #[serde(default)]
    pub uncertain: bool,
    #[serde(default)]
    pub notes: String,
    /// Bounds of uncertain fields (see [`uncertainty`]).
    #[serde(default, skip_serializing_if = "Bounds::is_empty")]
    pub uncertainty: Bounds,
}

/// What a city stands for in the analysis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CityKind {
    /// A European population centre, to be defended.
    #[default]
    City,
    /// A target in the United States used in ICBM trajectory analyses.
    UsTarget,
}

/// A population centre or a US target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct City {
    pub id: String,
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// City-proper population where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    #[serde(default)]
    pub kind: CityKind,
    pub source: String,
}

impl City {
    pub fn position(&self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }
}
