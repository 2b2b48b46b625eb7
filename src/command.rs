//! Every change to a scenario is a [`Command`], applied in one place and undoable.
//!
//! Undo keeps whole snapshots of the scenario rather than inverse commands: a scenario is small
//! (tens of kilobytes), snapshots cannot drift out of step with the data, and a command that fails
//! half-way leaves nothing behind.

use crate::analysis::Assumptions;
use crate::scenario::{Annotation, Scenario, Site, TimelineChoice};

/// A change to the scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Make the model with this id active.
    SetModel(String),
    SetYear(i32),
    SetTimeline(TimelineChoice),
    /// Add or remove a radar from the active model's shared radars.
    SetRadarShared {
        radar: String,
        shared: bool,
    },
    /// Move a site to a new position (degrees).
    MoveSite {
        id: String,
        lat: f64,
        lon: f64,
    },
    /// Replace a site's fields (the inspector's edits).
    EditSite(Box<Site>),
    AddSite(Box<Site>),
    /// Add several sites at once (an import): one undo step.
    AddSites(Vec<Site>),
    DeleteSite(String),
    /// Replace the analysis assumptions.
    SetAssumptions(Box<Assumptions>),
    /// Put the scenario on a published study's settings (`analysis::studies`).
    ApplyStudy(String),
    /// Keep a new annotation (its id must be free).
    AddAnnotation(Box<Annotation>),
    /// Replace the annotation with the same id (rename, show or hide, the inspector's edits).
    EditAnnotation(Box<Annotation>),
    DeleteAnnotation(String),
}

/// Years the year slider offers: the scenario's rule, [`crate::scenario::YEARS`].
pub use crate::scenario::YEARS;

impl Command {
    /// A short description for the Edit menu ("Undo Move Deveselu").
    pub fn label(&self) -> String {
        match self {
            Command::SetModel(id) => format!("Set model to {id}"),
            Command::SetYear(y) => format!("Set year to {y}"),
            Command::SetTimeline(t) => format!("Show the timeline {}", t.label()),
            Command::SetRadarShared { radar, shared } => {
                format!("{} {radar}", if *shared { "Share" } else { "Stop sharing" })
            }
            Command::MoveSite { id, .. } => format!("Move {id}"),
            Command::EditSite(site) => format!("Edit {}", site.id),
            Command::AddSite(site) => format!("Add {}", site.id),
            Command::AddSites(sites) => format!("Import {} sites", sites.len()),
            Command::DeleteSite(id) => format!("Delete {id}"),
            Command::SetAssumptions(_) => "Change assumptions".to_owned(),
            Command::ApplyStudy(id) => format!("Use the settings of {id}"),
            Command::AddAnnotation(a) => format!("Add {} {}", a.kind.label(), a.id),
            Command::EditAnnotation(a) => format!("Edit {}", a.id),
            Command::DeleteAnnotation(id) => format!("Delete {id}"),
        }
    }

    /// Applies the command, or says why it cannot be applied (leaving the scenario unchanged).
    pub fn apply(&self, s: &mut Scenario) -> Result<(), String> {
        match self {
            Command::SetModel(id) => set_model(s, id)?,
            Command::SetYear(y) => {
                crate::scenario::check_year(*y)?;
                s.year = *y;
            }
            Command::SetTimeline(t) => s.timeline = *t,
            Command::SetRadarShared { radar, shared } => {
                if s.site(radar).is_none_or(|r| r.radar.is_none()) {
                    return Err(format!("'{radar}' is not a radar of this scenario"));
                }
                let active = s.model.clone();
                let Some(model) = s.models.iter_mut().find(|m| m.id == active) else {
                    return Err("no model is active".into());
                };
                model.shared_radars.retain(|r| r != radar);
                if *shared {
                    model.shared_radars.push(radar.clone());
                }
            }
            Command::MoveSite { id, lat, lon } => {
                crate::scenario::check_latitude(*lat)?;
                crate::scenario::check_longitude(*lon)?;
                let site = site_mut(s, id)?;
                site.lat = *lat;
                site.lon = *lon;
            }
            Command::EditSite(new) => {
                let site = site_mut(s, &new.id)?;
                *site = (**new).clone();
                let problems = crate::scenario::validate(s);
                if let Some(p) = problems.first() {
                    return Err(p.to_string());
                }
            }
            Command::AddSite(new) => {
                if s.site(&new.id).is_some() {
                    return Err(format!("a site '{}' exists already", new.id));
                }
                s.sites.push((**new).clone());
                let problems = crate::scenario::validate(s);
                if let Some(p) = problems.first() {
                    return Err(p.to_string());
                }
            }
            Command::AddSites(new) => {
                if let Some(taken) = new.iter().find(|n| s.site(&n.id).is_some()) {
                    return Err(format!("a site '{}' exists already", taken.id));
                }
                s.sites.extend(new.iter().cloned());
                if let Some(p) = crate::scenario::validate(s).first() {
                    return Err(p.to_string());
                }
            }
            Command::DeleteSite(id) => {
                if let Some(m) = s.models.iter().find(|m| {
                    m.centres.iter().any(|c| &c.site == id)
                        || m.command.us_nato == *id
                        || m.command.russia == *id
                }) {
                    return Err(format!(
                        "'{id}' is a centre of the model '{}'; give the model another centre first",
                        m.name
                    ));
                }
                let before = s.sites.len();
                s.sites.retain(|x| &x.id != id);
                if s.sites.len() == before {
                    return Err(format!("there is no site '{id}'"));
                }
                for m in &mut s.models {
                    m.shared_radars.retain(|r| r != id);
                }
            }
            Command::SetAssumptions(a) => {
                // What the file would refuse on opening is refused here, so that a file saved
                // from the window always opens again.
                if let Some((field, problem)) = a.problems().into_iter().next() {
                    return Err(format!("{field}: {problem}"));
                }
                s.assumptions = (**a).clone();
            }
            Command::ApplyStudy(id) => {
                let study = crate::analysis::studies::study(id).ok_or_else(|| {
                    let ids: Vec<&str> = crate::analysis::studies::STUDIES
                        .iter()
                        .map(|s| s.id)
                        .collect();
                    format!(
                        "there is no study '{id}'; the studies are: {}",
                        ids.join(", ")
                    )
                })?;
                let mut changed = s.clone();
                crate::analysis::studies::apply(&mut changed, study)?;
                *s = changed;
            }
            Command::AddAnnotation(a) => put_annotation(s, a, true)?,
            Command::EditAnnotation(a) => put_annotation(s, a, false)?,
            Command::DeleteAnnotation(id) => {
                let before = s.annotations.len();
                s.annotations.retain(|a| &a.id != id);
                if s.annotations.len() == before {
                    return Err(format!("there is no annotation '{id}'"));
                }
            }
        }
        Ok(())
    }

    /// Whether this command continues `previous` so that one undo takes back both (the steps
    /// of one drag, or of one slider move).
    fn continues(&self, previous: &Command) -> bool {
        match (self, previous) {
            (Command::MoveSite { id: a, .. }, Command::MoveSite { id: b, .. }) => a == b,
            (Command::SetYear(_), Command::SetYear(_)) => true,
            (Command::EditSite(a), Command::EditSite(b)) => a.id == b.id,
            (Command::EditAnnotation(a), Command::EditAnnotation(b)) => a.id == b.id,
            _ => false,
        }
    }
}

/// Makes the model `id` active, or names the models there are.
fn set_model(s: &mut Scenario, id: &str) -> Result<(), String> {
    if !s.models.iter().any(|m| m.id == id) {
        let ids: Vec<&str> = s.models.iter().map(|m| m.id.as_str()).collect();
        let has = if ids.is_empty() {
            "none".to_owned()
        } else {
            ids.join(", ")
        };
        return Err(format!(
            "there is no model '{id}' in this scenario; it has {has}"
        ));
    }
    s.model = id.to_owned();
    Ok(())
}

/// Adds `new` (`add`) or replaces the annotation of its id, if it is one a file may hold.
fn put_annotation(s: &mut Scenario, new: &Annotation, add: bool) -> Result<(), String> {
    let at = s.annotations.iter().position(|a| a.id == new.id);
    match (at, add) {
        (Some(_), true) => return Err(format!("an annotation '{}' exists already", new.id)),
        (None, false) => return Err(format!("there is no annotation '{}'", new.id)),
        (Some(i), false) => s.annotations[i] = new.clone(),
        (None, true) => s.annotations.push(new.clone()),
    }
    // The file's rules for the list (how many, unique ids) and for each annotation, as the
    // loader applies them: nothing is kept that the file would refuse.
    match crate::scenario::annotation_problems(&s.annotations).first() {
        Some((place, problem)) => Err(format!("{place}: {problem}")),
        None => Ok(()),
    }
}

fn site_mut<'a>(s: &'a mut Scenario, id: &str) -> Result<&'a mut Site, String> {
    s.sites
        .iter_mut()
        .find(|x| x.id == id)
        .ok_or_else(|| format!("there is no site '{id}'"))
}

/// Undo and redo stacks of scenario snapshots.
#[derive(Default)]
pub struct History {
    undo: Vec<(Command, Scenario)>,
    redo: Vec<(Command, Scenario)>,
    /// While true, a continuing command merges into the last undo step.
    merging: bool,
}

/// How many steps undo goes back.
const MAX_UNDO: usize = 200;

impl History {
    /// Applies `command` to `scenario`, recording it for undo. On error nothing changes.
    ///
    /// ```
    /// use bmd_atlas::command::{Command, History};
    /// let mut s = bmd_atlas::scenario::built_in();
    /// let mut h = History::default();
    /// h.apply(&mut s, Command::SetYear(2016)).unwrap();
    /// assert_eq!(s.year, 2016);
    /// assert!(h.undo(&mut s));
    /// assert_eq!(s.year, 2012);
    /// ```
    pub fn apply(&mut self, scenario: &mut Scenario, command: Command) -> Result<(), String> {
        let mut next = scenario.clone();
        command.apply(&mut next)?;
        if next == *scenario {
            return Ok(());
        }
        let merge = self.merging
            && self
                .undo
                .last()
                .is_some_and(|(last, _)| command.continues(last));
        let before = std::mem::replace(scenario, next);
        match self.undo.last_mut() {
            // The snapshot from before the gesture stays; only the label moves on.
            Some(last) if merge => last.0 = command,
            _ => {
                self.undo.push((command, before));
                if self.undo.len() > MAX_UNDO {
                    self.undo.remove(0);
                }
            }
        }
        self.redo.clear();
        Ok(())
    }

    /// Starts (true) or ends (false) a gesture whose steps undo as one.
    pub fn set_merging(&mut self, merging: bool) {
        self.merging = merging;
    }

    /// Takes back the last command; false if there is none.
    pub fn undo(&mut self, scenario: &mut Scenario) -> bool {
        let Some((command, before)) = self.undo.pop() else {
            return false;
        };
        let after = std::mem::replace(scenario, before);
        self.redo.push((command, after));
        self.merging = false;
        true
    }

    /// Applies again the last command undone; false if there is none.
    pub fn redo(&mut self, scenario: &mut Scenario) -> bool {
        let Some((command, after)) = self.redo.pop() else {
            return false;
        };
        let before = std::mem::replace(scenario, after);
        self.undo.push((command, before));
        self.merging = false;
        true
    }

    /// The label of what undo would take back.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|(c, _)| c.label())
    }

    /// The label of what redo would apply.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|(c, _)| c.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario;

    #[test]
    fn a_failed_command_changes_nothing_and_records_nothing() {
        let mut s = scenario::built_in();
        let mut h = History::default();
        let before = s.clone();
        assert!(h.apply(&mut s, Command::SetYear(1900)).is_err());
        assert!(h.apply(&mut s, Command::SetModel("nope".into())).is_err());
        let bad = Command::MoveSite {
            id: "deveselu".into(),
            lat: f64::NAN,
            lon: 0.0,
        };
        assert!(h.apply(&mut s, bad).is_err());
        // Assumptions the file would refuse: a 10 km grid over the whole Earth.
        let world = Assumptions {
            grid_cell_km: 10.0,
            grid_west_deg: -180.0,
            grid_east_deg: 180.0,
            grid_south_deg: -90.0,
            grid_north_deg: 90.0,
            ..s.assumptions.clone()
        };
        let refused = h.apply(&mut s, Command::SetAssumptions(Box::new(world)));
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.starts_with("grid_cell_km: ")),
            "{refused:?}"
        );
        assert_eq!(s, before);
        assert!(!h.undo(&mut s));
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut s = scenario::built_in();
        let mut h = History::default();
        h.apply(&mut s, Command::SetModel("coordinated".into()))
            .unwrap();
        h.apply(&mut s, Command::SetYear(2020)).unwrap();
        assert!(h.undo(&mut s));
        assert_eq!((s.model.as_str(), s.year), ("coordinated", 2012));
        assert!(h.redo(&mut s));
        assert_eq!(s.year, 2020);
        assert!(h.undo(&mut s) && h.undo(&mut s));
        assert_eq!(s.model, "independent");
        assert!(!h.undo(&mut s));
    }

    #[test]
    fn the_steps_of_one_drag_undo_together() {
        let mut s = scenario::built_in();
        let start = s.site("nrc_dfc").map(|x| (x.lat, x.lon));
        let mut h = History::default();
        h.set_merging(true);
        for i in 0..10 {
            let step = Command::MoveSite {
                id: "nrc_dfc".into(),
                lat: 50.0 + i as f64,
                lon: 4.0,
            };
            h.apply(&mut s, step).unwrap();
        }
        h.set_merging(false);
        assert_eq!(s.site("nrc_dfc").map(|x| x.lat), Some(59.0));
        assert!(h.undo(&mut s));
        assert_eq!(s.site("nrc_dfc").map(|x| (x.lat, x.lon)), start);
    }

    #[test]
    fn sharing_a_radar_edits_the_active_model() {
        let mut s = scenario::built_in();
        let mut h = History::default();
        h.apply(&mut s, Command::SetModel("coordinated".into()))
            .unwrap();
        h.apply(
            &mut s,
            Command::SetRadarShared {
                radar: "gabala".into(),
                shared: false,
            },
        )
        .unwrap();
        let shared = |s: &Scenario| {
            s.active_model()
                .is_some_and(|m| m.shared_radars.contains(&"gabala".to_string()))
        };
        assert!(!shared(&s));
        h.undo(&mut s);
        assert!(shared(&s));
        assert!(
            h.apply(
                &mut s,
                Command::SetRadarShared {
                    radar: "rota".into(),
                    shared: true
                }
            )
            .is_err()
        );
    }
}
