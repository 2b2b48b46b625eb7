//! Format version 1, frozen: the types exactly as the last version 1 build had them (commit
//! 31f303d), and the migration to version 2.
//!
//! Do not edit these types when the current ones change; that is the point of them. They are only
//! read, never written. Version 2 adds `$schema`, `presentation` and more analysis assumptions, so
//! the migration copies every field, keeps the version 1 assumptions' values (their reference
//! values where a file left them out) and gives everything new its default.
//!
//! ```
//! let v1 = r#"{"format_version": 1, "name": "Old", "sites": []}"#;
//! let loaded = bmd_atlas::scenario::open_str(v1, "old.scenario.json").unwrap();
//! assert_eq!(loaded.from_version, 1);
//! assert_eq!(loaded.scenario.format_version, bmd_atlas::scenario::FORMAT_VERSION);
//! ```

use schemars::JsonSchema;
use serde::Deserialize;

use super::cooperation as current_coop;
use crate::scenario as current;

/// A version 1 scenario.
#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub sites: Vec<Site>,
    #[serde(default)]
    pub cities: Vec<City>,
    #[serde(default)]
    pub interceptor_types: Vec<InterceptorType>,
    #[serde(default)]
    pub missile_types: Vec<MissileType>,
    #[serde(default = "default_year")]
    pub year: i32,
    #[serde(default)]
    pub timeline: TimelineChoice,
    #[serde(default)]
    pub models: Vec<CooperationModel>,
    #[serde(default = "default_model")]
    pub model: String,
    #[serde(default)]
    pub assumptions: Assumptions,
}

/// The version 1 analysis assumptions, with their version 1 reference values.
#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    pub boost_offset_s: f64,
    pub decision_delay_s: f64,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            boost_offset_s: 90.0,
            decision_delay_s: 60.0,
        }
    }
}

fn default_model() -> String {
    "independent".to_owned()
}

fn default_year() -> i32 {
    2012
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    UsNato,
    Russia,
    Iran,
    Joint,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
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
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub side: Side,
    pub kind: SiteKind,
    #[serde(default)]
    pub system: String,
    pub timeline: Timeline,
    #[serde(default)]
    pub radar: Option<RadarCoverage>,
    #[serde(default)]
    pub batteries: Vec<Battery>,
    #[serde(default)]
    pub notes: String,
    pub source: String,
    #[serde(default)]
    pub uncertain: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RadarCoverage {
    pub range_km: f64,
    pub boresight_deg: f64,
    pub fov_deg: f64,
    #[serde(default)]
    pub uncertain: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Battery {
    pub interceptor: String,
    #[serde(default)]
    pub count: Option<u32>,
    pub timeline: Timeline,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterceptorType {
    pub id: String,
    pub name: String,
    pub burnout_kms: f64,
    pub burn_time_s: f64,
    pub range_km: f64,
    pub min_altitude_km: f64,
    pub max_altitude_km: f64,
    pub source: String,
    #[serde(default)]
    pub uncertain: bool,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissileType {
    pub id: String,
    pub name: String,
    pub side: Side,
    pub range_km: f64,
    pub source: String,
    #[serde(default)]
    pub uncertain: bool,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CityKind {
    #[default]
    City,
    UsTarget,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct City {
    pub id: String,
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub population: Option<u64>,
    #[serde(default)]
    pub kind: CityKind,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Proposed,
    Planned,
    UnderConstruction,
    Operational,
    Closed,
    Cancelled,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimelineChoice {
    AsPlanned2012,
    #[default]
    AsHappened,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub year: i32,
    pub status: Status,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub actual: Vec<StatusChange>,
    #[serde(default)]
    pub planned: Vec<StatusChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Architecture {
    Independent,
    Coordinated,
    Unified,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    #[default]
    None,
    PoliticalAssurance,
    LegallyBindingGuarantee,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CentreRole {
    DataFusion,
    PlanningAndOperations,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointCentre {
    pub site: String,
    pub role: CentreRole,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub id: String,
    pub name: String,
    pub side: Side,
    pub boundary: Vec<[f64; 2]>,
    #[serde(default)]
    pub label_at: Option<[f64; 2]>,
    pub notes: String,
    pub source: String,
    #[serde(default)]
    pub uncertain: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CooperationModel {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub architecture: Architecture,
    #[serde(default)]
    pub shared_radars: Vec<String>,
    #[serde(default)]
    pub centres: Vec<JointCentre>,
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub assurance: Assurance,
    pub command: SideCommand,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SideCommand {
    pub us_nato: String,
    pub russia: String,
}

// ---------------------------------------------------------------------------------------------
// Migration to version 2

impl From<Scenario> for current::Scenario {
    fn from(s: Scenario) -> Self {
        current::Scenario {
            format_version: super::FORMAT_VERSION,
            name: s.name,
            description: s.description,
            sites: s.sites.into_iter().map(Into::into).collect(),
            cities: s.cities.into_iter().map(Into::into).collect(),
            interceptor_types: s.interceptor_types.into_iter().map(Into::into).collect(),
            missile_types: s.missile_types.into_iter().map(Into::into).collect(),
            year: s.year,
            timeline: s.timeline.into(),
            models: s.models.into_iter().map(Into::into).collect(),
            model: s.model,
            // The boost offset has no counterpart in the current analysis (boost is modelled).
            assumptions: super::Assumptions {
                decision_delay_s: s.assumptions.decision_delay_s,
                ..Default::default()
            },
            annotations: Vec::new(),
            presentation: Default::default(),
        }
    }
}

impl From<Side> for current::Side {
    fn from(s: Side) -> Self {
        match s {
            Side::UsNato => current::Side::UsNato,
            Side::Russia => current::Side::Russia,
            Side::Iran => current::Side::Iran,
            Side::Joint => current::Side::Joint,
        }
    }
}

impl From<SiteKind> for current::SiteKind {
    fn from(k: SiteKind) -> Self {
        use current::SiteKind as K;
        match k {
            SiteKind::InterceptorSite => K::InterceptorSite,
            SiteKind::ShipHomeport => K::ShipHomeport,
            SiteKind::ShipPatrolArea => K::ShipPatrolArea,
            SiteKind::Radar => K::Radar,
            SiteKind::CommandCentre => K::CommandCentre,
            SiteKind::DataCentre => K::DataCentre,
            SiteKind::IcbmBase => K::IcbmBase,
            SiteKind::MissileLaunchArea => K::MissileLaunchArea,
        }
    }
}

impl From<Site> for current::Site {
    fn from(s: Site) -> Self {
        current::Site {
            id: s.id,
            name: s.name,
            short_name: s.short_name,
            country: s.country,
            lat: s.lat,
            lon: s.lon,
            side: s.side.into(),
            kind: s.kind.into(),
            system: s.system,
            timeline: s.timeline.into(),
            radar: s.radar.map(|r| current::RadarCoverage {
                range_km: r.range_km,
                boresight_deg: r.boresight_deg,
                fov_deg: r.fov_deg,
                min_elevation_deg: 0.0,
                uncertainty: Default::default(),
                uncertain: r.uncertain,
            }),
            batteries: s
                .batteries
                .into_iter()
                .map(|b| current::Battery {
                    interceptor: b.interceptor,
                    count: b.count,
                    timeline: b.timeline.into(),
                })
                .collect(),
            missiles: Vec::new(),
            notes: s.notes,
            source: s.source,
            uncertain: s.uncertain,
            sidc: String::new(),
        }
    }
}

impl From<InterceptorType> for current::InterceptorType {
    fn from(t: InterceptorType) -> Self {
        let (burnout, _) = super::v2::interceptor_burnout(&t.id);
        current::InterceptorType {
            id: t.id,
            name: t.name,
            burnout_kms: t.burnout_kms,
            burn_time_s: t.burn_time_s,
            range_km: t.range_km,
            min_altitude_km: t.min_altitude_km,
            max_altitude_km: t.max_altitude_km,
            burnout_altitude_km: burnout[0],
            burnout_range_km: burnout[1],
            source: t.source,
            uncertain: t.uncertain,
            notes: t.notes,
            uncertainty: Default::default(),
        }
    }
}

impl From<MissileType> for current::MissileType {
    fn from(m: MissileType) -> Self {
        let side: current::Side = m.side.into();
        let ([burn_time_s, burnout_altitude_km, burnout_range_km], _) =
            super::v2::missile_burnout(&m.id, side);
        current::MissileType {
            id: m.id,
            name: m.name,
            side,
            range_km: m.range_km,
            burn_time_s,
            burnout_altitude_km,
            burnout_range_km,
            source: m.source,
            uncertain: m.uncertain,
            notes: m.notes,
            uncertainty: Default::default(),
        }
    }
}

impl From<City> for current::City {
    fn from(c: City) -> Self {
        current::City {
            id: c.id,
            name: c.name,
            country: c.country,
            lat: c.lat,
            lon: c.lon,
            population: c.population,
            kind: match c.kind {
                CityKind::City => current::CityKind::City,
                CityKind::UsTarget => current::CityKind::UsTarget,
            },
            source: c.source,
        }
    }
}

impl From<Status> for current::Status {
    fn from(s: Status) -> Self {
        use current::Status as S;
        match s {
            Status::Proposed => S::Proposed,
            Status::Planned => S::Planned,
            Status::UnderConstruction => S::UnderConstruction,
            Status::Operational => S::Operational,
            Status::Closed => S::Closed,
            Status::Cancelled => S::Cancelled,
        }
    }
}

impl From<TimelineChoice> for current::TimelineChoice {
    fn from(t: TimelineChoice) -> Self {
        match t {
            TimelineChoice::AsPlanned2012 => current::TimelineChoice::AsPlanned2012,
            TimelineChoice::AsHappened => current::TimelineChoice::AsHappened,
        }
    }
}

impl From<Timeline> for current::Timeline {
    fn from(t: Timeline) -> Self {
        let changes = |v: Vec<StatusChange>| {
            v.into_iter()
                .map(|c| current::StatusChange {
                    year: c.year,
                    status: c.status.into(),
                    note: c.note,
                })
                .collect()
        };
        current::Timeline {
            actual: changes(t.actual),
            planned: changes(t.planned),
        }
    }
}

impl From<CooperationModel> for current_coop::CooperationModel {
    fn from(m: CooperationModel) -> Self {
        use current_coop as c;
        c::CooperationModel {
            id: m.id,
            name: m.name,
            description: m.description,
            architecture: match m.architecture {
                Architecture::Independent => c::Architecture::Independent,
                Architecture::Coordinated => c::Architecture::Coordinated,
                Architecture::Unified => c::Architecture::Unified,
            },
            shared_radars: m.shared_radars,
            centres: m
                .centres
                .into_iter()
                .map(|j| c::JointCentre {
                    site: j.site,
                    role: match j.role {
                        CentreRole::DataFusion => c::CentreRole::DataFusion,
                        CentreRole::PlanningAndOperations => c::CentreRole::PlanningAndOperations,
                    },
                })
                .collect(),
            sectors: m
                .sectors
                .into_iter()
                .map(|s| c::Sector {
                    id: s.id,
                    name: s.name,
                    side: s.side.into(),
                    boundary: s.boundary,
                    label_at: s.label_at,
                    notes: s.notes,
                    source: s.source,
                    uncertain: s.uncertain,
                })
                .collect(),
            assurance: match m.assurance {
                Assurance::None => c::Assurance::None,
                Assurance::PoliticalAssurance => c::Assurance::PoliticalAssurance,
                Assurance::LegallyBindingGuarantee => c::Assurance::LegallyBindingGuarantee,
            },
            command: c::SideCommand {
                us_nato: m.command.us_nato,
                russia: m.command.russia,
            },
            source: m.source,
        }
    }
}
