//! Cooperation models as data: who shares radar data with whom, where the joint centres are,
//! which sectors exist, and what assurance comes with it. The rules that follow from a model
//! (its data links, a sector's outline) are in [`crate::cooperation`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Side;

/// How the two sides' systems relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Architecture {
    /// Each side runs its own sensors and interceptors; nothing is shared.
    Independent,
    /// Two systems with separate chains of command, sharing data through joint centres.
    Coordinated,
    /// One system with joint decisions; each side intercepts in its own sector.
    Unified,
}

/// What each side gets as a promise that the system is not aimed at Russia's deterrent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    #[default]
    None,
    /// A written political statement (the US/NATO offer, Tauscher 2012, Chicago 2012).
    PoliticalAssurance,
    /// A treaty-level guarantee (the Russian demand).
    LegallyBindingGuarantee,
}

impl Assurance {
    pub fn label(self) -> &'static str {
        match self {
            Assurance::None => "No assurance",
            Assurance::PoliticalAssurance => "Political assurance (not legally binding)",
            Assurance::LegallyBindingGuarantee => "Legally binding guarantee",
        }
    }
}

/// What a joint centre does in a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CentreRole {
    /// Fuses both sides' early-warning and radar data, 24/7.
    DataFusion,
    /// Plans operations and agrees rules of engagement and pre-planned responses.
    PlanningAndOperations,
}

impl CentreRole {
    pub fn label(self) -> &'static str {
        match self {
            CentreRole::DataFusion => "Data Fusion Centre",
            CentreRole::PlanningAndOperations => "Planning and Operations Centre",
        }
    }
}

/// A joint centre of a model: a site of the scenario in a role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointCentre {
    /// Id of a site (kind data or command centre, side joint).
    pub site: String,
    pub role: CentreRole,
}

/// An area in which one side intercepts (the sectoral proposal).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub id: String,
    pub name: String,
    /// The side that intercepts missiles crossing the sector.
    pub side: Side,
    /// The outline as (longitude, latitude) pairs in degrees, not closed.
    pub boundary: Vec<[f64; 2]>,
    /// Where the sector's name is written (longitude, latitude); the middle of the outline if
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_at: Option<[f64; 2]>,
    pub notes: String,
    pub source: String,
    #[serde(default)]
    pub uncertain: bool,
}

/// A cooperation model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CooperationModel {
    /// `independent`, `coordinated`, `unified`, or a scenario's own id.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub architecture: Architecture,
    /// Radars (site ids) whose data go to the joint centres; ignored by independent models.
    #[serde(default)]
    pub shared_radars: Vec<String>,
    #[serde(default)]
    pub centres: Vec<JointCentre>,
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub assurance: Assurance,
    /// Each side's own command centre (site id), where its sensors report.
    pub command: SideCommand,
    #[serde(default)]
    pub source: String,
}

/// The command centre of each side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SideCommand {
    pub us_nato: String,
    pub russia: String,
}

impl SideCommand {
    /// The command centre of `side`, if it has one.
    pub fn of(&self, side: Side) -> Option<&str> {
        match side {
            Side::UsNato => Some(&self.us_nato),
            Side::Russia => Some(&self.russia),
            Side::Iran | Side::Joint => None,
        }
    }
}
