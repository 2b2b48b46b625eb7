//! When an object exists: a list of status changes, once as planned in 2012 and once as it happened.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The status of an object in a given year.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proposed in negotiations, never agreed (the joint centres, for example).
    Proposed,
    /// Agreed or announced, not yet being built.
    Planned,
    UnderConstruction,
    Operational,
    /// Shut down or handed back.
    Closed,
    /// Dropped before it ever operated.
    Cancelled,
}

impl Status {
    /// Whether an object in this status is drawn on the map.
    pub fn is_present(self) -> bool {
        !matches!(self, Status::Closed | Status::Cancelled)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Planned => "planned",
            Status::UnderConstruction => "under construction",
            Status::Operational => "operational",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// Which history the year slider follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimelineChoice {
    /// The EPAA as planned in 2012: Phase 3 in 2018, Phase 4 (SM-3 IIB) in 2020.
    AsPlanned2012,
    /// What happened: Phase 4 cancelled in 2013, Redzikowo operational in 2024, and so on.
    #[default]
    AsHappened,
}

impl TimelineChoice {
    pub fn label(self) -> &'static str {
        match self {
            TimelineChoice::AsPlanned2012 => "as planned in 2012",
            TimelineChoice::AsHappened => "as it happened",
        }
    }
}

/// One change of status, taking effect at the start of `year`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub year: i32,
    pub status: Status,
    /// What happened, with the date where known ("certified operational 12 May 2016").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The status history of an object.
///
/// `actual` is what happened. `planned` is the 2012 plan; where it is empty the plan is the same as
/// what happened.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub actual: Vec<StatusChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planned: Vec<StatusChange>,
}

impl Timeline {
    /// A timeline with one status from `year` on, the same in plan and in fact.
    ///
    /// ```
    /// use bmd_atlas::scenario::{Status, Timeline, TimelineChoice};
    /// let t = Timeline::from_year(2011, Status::Operational);
    /// assert_eq!(t.status_in(2010, TimelineChoice::AsHappened), None);
    /// assert_eq!(t.status_in(2015, TimelineChoice::AsPlanned2012), Some(Status::Operational));
    /// ```
    pub fn from_year(year: i32, status: Status) -> Timeline {
        Timeline {
            actual: vec![StatusChange {
                year,
                status,
                note: String::new(),
            }],
            planned: Vec::new(),
        }
    }

    /// The changes that apply under `choice`.
    pub fn changes(&self, choice: TimelineChoice) -> &[StatusChange] {
        match choice {
            TimelineChoice::AsPlanned2012 if !self.planned.is_empty() => &self.planned,
            _ => &self.actual,
        }
    }

    /// The status in `year`: that of the last change at or before it, or `None` before the first.
    pub fn status_in(&self, year: i32, choice: TimelineChoice) -> Option<Status> {
        self.changes(choice)
            .iter()
            .filter(|c| c.year <= year)
            .max_by_key(|c| c.year)
            .map(|c| c.status)
    }

    /// The change in force in `year`, for its note.
    pub fn change_in(&self, year: i32, choice: TimelineChoice) -> Option<&StatusChange> {
        self.changes(choice)
            .iter()
            .filter(|c| c.year <= year)
            .max_by_key(|c| c.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(year: i32, status: Status) -> StatusChange {
        StatusChange {
            year,
            status,
            note: String::new(),
        }
    }

    #[test]
    fn planned_falls_back_to_actual_when_empty() {
        let t = Timeline {
            actual: vec![
                change(2009, Status::Planned),
                change(2024, Status::Operational),
            ],
            planned: vec![],
        };
        assert_eq!(
            t.status_in(2020, TimelineChoice::AsPlanned2012),
            Some(Status::Planned)
        );
    }

    #[test]
    fn the_two_histories_diverge() {
        let t = Timeline {
            actual: vec![
                change(2010, Status::Planned),
                change(2024, Status::Operational),
            ],
            planned: vec![
                change(2010, Status::Planned),
                change(2018, Status::Operational),
            ],
        };
        assert_eq!(
            t.status_in(2019, TimelineChoice::AsHappened),
            Some(Status::Planned)
        );
        assert_eq!(
            t.status_in(2019, TimelineChoice::AsPlanned2012),
            Some(Status::Operational)
        );
        assert_eq!(t.status_in(2009, TimelineChoice::AsHappened), None);
    }

    #[test]
    fn closed_objects_are_not_present() {
        let t = Timeline {
            actual: vec![
                change(1985, Status::Operational),
                change(2013, Status::Closed),
            ],
            planned: vec![],
        };
        assert!(
            t.status_in(2012, TimelineChoice::AsHappened)
                .is_some_and(Status::is_present)
        );
        assert!(
            !t.status_in(2013, TimelineChoice::AsHappened)
                .is_some_and(Status::is_present)
        );
    }
}
