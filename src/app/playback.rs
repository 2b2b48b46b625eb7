//! Playing the scenario in the window: the years 2009 → 2025 one after another, or the
//! cooperation models in turn, as a briefer walks a room through them. Each step is the same
//! command the panel's slider or radio gives (so undo takes the played steps back as one), the
//! speed is adjustable, looping is off by default and `Space` starts and stops it.

use super::AppState;
use super::state::Edit;
use crate::command::{Command, YEARS};

/// What is played.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Playing {
    Years,
    Models,
}

/// The scenario's playback: what plays, how fast, whether it loops, and when the next step is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScenarioPlayback {
    /// What plays; `None` when stopped.
    pub playing: Option<Playing>,
    /// Seconds each year or model stays on screen.
    pub step_s: f64,
    /// Start again from the first year or model after the last.
    pub looping: bool,
    /// App time (seconds) of the next step, while playing.
    pub next_at: Option<f64>,
}

impl Default for ScenarioPlayback {
    fn default() -> Self {
        ScenarioPlayback {
            playing: None,
            step_s: 1.0,
            looping: false,
            next_at: None,
        }
    }
}

impl AppState {
    /// Starts playing `what` from where the scenario is (from the first year or model when it
    /// is at the last), or stops it if it is what plays.
    pub fn toggle_playback(&mut self, what: Playing) {
        let p = &mut self.scenario_playback;
        if p.playing == Some(what) {
            p.playing = None;
            p.next_at = None;
            self.apply_edits([Edit::Gesture(false)]);
            return;
        }
        p.playing = Some(what);
        p.next_at = None;
        let s = &self.doc.scenario;
        let at_end = match what {
            Playing::Years => s.year >= *YEARS.end(),
            Playing::Models => s.models.last().is_some_and(|m| m.id == s.model),
        };
        if at_end && let Some(first) = self.first_step(what) {
            self.apply_edits([Edit::Gesture(true), Edit::Apply(first)]);
        } else {
            self.apply_edits([Edit::Gesture(true)]);
        }
    }

    /// Moves the playback on to app time `now` (seconds): one step each `step_s`; returns how
    /// long until the next step, for the window to wake then, or `None` when stopped.
    pub fn advance_playback(&mut self, now: f64) -> Option<f64> {
        let what = self.scenario_playback.playing?;
        let step = self.scenario_playback.step_s.clamp(0.1, 60.0);
        let next_at = *self.scenario_playback.next_at.get_or_insert(now + step);
        if now < next_at {
            return Some(next_at - now);
        }
        match self.next_step(what) {
            Some(command) => {
                self.apply_edits([Edit::Apply(command)]);
                self.scenario_playback.next_at = Some(now + step);
                Some(step)
            }
            None => {
                // The end, not looping: stop, and close the undo step.
                self.scenario_playback.playing = None;
                self.scenario_playback.next_at = None;
                self.apply_edits([Edit::Gesture(false)]);
                None
            }
        }
    }

    /// The command to the next year or model, or back to the first when looping.
    fn next_step(&self, what: Playing) -> Option<Command> {
        let s = &self.doc.scenario;
        let next = match what {
            Playing::Years => (s.year < *YEARS.end()).then(|| Command::SetYear(s.year + 1)),
            Playing::Models => {
                let at = s.models.iter().position(|m| m.id == s.model);
                let next = at.map_or(0, |i| i + 1);
                s.models.get(next).map(|m| Command::SetModel(m.id.clone()))
            }
        };
        next.or_else(|| {
            self.scenario_playback
                .looping
                .then(|| self.first_step(what))
                .flatten()
        })
    }

    fn first_step(&self, what: Playing) -> Option<Command> {
        match what {
            Playing::Years => Some(Command::SetYear(*YEARS.start())),
            Playing::Models => self
                .doc
                .scenario
                .models
                .first()
                .map(|m| Command::SetModel(m.id.clone())),
        }
    }
}

/// The playback's controls (in the scenario panel): play or stop the years and the models, the
/// time each step stays, and looping.
pub(super) fn controls(state: &mut AppState, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        for (what, play, stop) in [
            (Playing::Years, "▶ Play the years", "■ Stop the years"),
            (Playing::Models, "▶ Play the models", "■ Stop the models"),
        ] {
            let on = state.scenario_playback.playing == Some(what);
            let text = if on { stop } else { play };
            let tip = match what {
                Playing::Years => "Step through the years to 2025 (Space)",
                Playing::Models => "Show each cooperation model in turn",
            };
            if ui.button(text).on_hover_text(tip).clicked() {
                state.toggle_playback(what);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let p = &mut state.scenario_playback;
        labelled_value(ui, "Each step", &mut p.step_s, 0.2..=10.0, " s");
        ui.checkbox(&mut p.looping, "Loop");
    });
}

/// A number dragged within `range` in small steps, `suffix` after it (a unit, or nothing),
/// with `label` before it and named by it for screen readers and tests.
pub(super) fn labelled_value<N: egui::emath::Numeric>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut N,
    range: std::ops::RangeInclusive<N>,
    suffix: &str,
) -> egui::Response {
    let label = ui.label(label);
    ui.add(
        egui::DragValue::new(value)
            .range(range)
            .speed(0.05)
            .suffix(suffix),
    )
    .labelled_by(label.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_years_play_to_2025_and_stop_as_one_undo_step() {
        let mut state = AppState::built_in();
        state.doc.scenario.year = 2023;
        state.toggle_playback(Playing::Years);
        assert_eq!(
            state.advance_playback(0.0),
            Some(1.0),
            "the first step in a second"
        );
        state.advance_playback(1.0);
        assert_eq!(state.doc.scenario.year, 2024);
        state.advance_playback(1.5);
        assert_eq!(state.doc.scenario.year, 2024, "not before its time");
        state.advance_playback(2.0);
        assert_eq!(state.doc.scenario.year, 2025);
        assert_eq!(state.advance_playback(3.0), None, "the end: stopped");
        assert_eq!(state.scenario_playback.playing, None);
        state.undo();
        assert_eq!(
            state.doc.scenario.year, 2023,
            "one undo takes the played years back"
        );
    }

    #[test]
    fn the_models_cycle_and_loop_when_asked() {
        let mut state = AppState::built_in();
        let ids: Vec<String> = state
            .doc
            .scenario
            .models
            .iter()
            .map(|m| m.id.clone())
            .collect();
        state.doc.scenario.model = ids[0].clone();
        state.scenario_playback.looping = true;
        state.toggle_playback(Playing::Models);
        let mut seen = Vec::new();
        for k in 0..=ids.len() {
            state.advance_playback(k as f64);
            seen.push(state.doc.scenario.model.clone());
        }
        assert_eq!(seen[0], ids[0], "nothing before the first step's time");
        assert_eq!(&seen[1..ids.len()], &ids[1..], "each model in turn");
        assert_eq!(seen[ids.len()], ids[0], "looped back");
        state.toggle_playback(Playing::Models);
        assert_eq!(state.scenario_playback.playing, None);
    }
}
