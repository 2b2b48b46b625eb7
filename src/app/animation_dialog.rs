//! File ▸ Export animation…: the years, the models or the engagement's flight as a GIF or an
//! animated PNG, every frame the page the Export dialog would write for that year, model or
//! moment of the flight (its title, marking, date-time group, furniture and layers), on a worker thread with a progress bar and Cancel, while the
//! window stays responsive. A cancelled animation leaves no file ([`export::write_animation`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use super::AppState;
use super::playback::labelled_value;
use crate::command::YEARS;
use crate::export::{
    self, Animate, AnimationError, AnimationFormat, AnimationFrame, ExportOptions, ExportRequest,
    Format, PageSize, Rasteriser, Timing,
};
use crate::scenario::TimelineChoice;

/// The dialog's choices, kept between openings, and the animation being written.
pub struct AnimationDialog {
    pub open: bool,
    /// What to step through.
    pub what: Stepping,
    pub from: i32,
    pub to: i32,
    /// The years as planned in 2012 (else as they happened).
    pub planned: bool,
    /// 1920×1080 (else 1280×720).
    pub full_hd: bool,
    pub fps: f32,
    pub hold_s: f32,
    /// GIF (else animated PNG).
    pub gif: bool,
    /// The animation being written.
    pub job: Option<AnimationJob>,
    /// What became of the last one.
    pub last: Option<Result<String, String>>,
}

/// What the dialog's animation steps through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stepping {
    Years,
    Models,
    /// The flight of the engagement the window shows, every 30 s.
    Engagement,
}

/// Seconds of flight between an engagement animation's frames.
const FLIGHT_STEP_S: f64 = 30.0;

impl Default for AnimationDialog {
    fn default() -> Self {
        AnimationDialog {
            open: false,
            what: Stepping::Years,
            from: *YEARS.start(),
            to: *YEARS.end(),
            planned: false,
            full_hd: true,
            fps: 1.0,
            hold_s: 1.0,
            gif: true,
            job: None,
            last: None,
        }
    }
}

/// An animation being written on a worker thread.
pub struct AnimationJob {
    /// Frames done, of `total`.
    pub done: Arc<AtomicUsize>,
    pub total: usize,
    /// Set by Cancel; the worker stops after the frame it is drawing.
    pub cancel: Arc<AtomicBool>,
    result: mpsc::Receiver<Result<String, String>>,
}

/// Everything the worker needs: each frame's page, and how to write them.
#[derive(Clone, Debug)]
pub struct AnimationSpec {
    pages: Vec<(AnimationFrame, ExportRequest)>,
    format: AnimationFormat,
    size: [u32; 2],
    timing: Timing,
}

impl AnimationDialog {
    fn size(&self) -> [u32; 2] {
        if self.full_hd {
            [1920, 1080]
        } else {
            [1280, 720]
        }
    }
}

/// Opens the dialog, on the timeline the scenario shows.
pub fn open(state: &mut AppState) {
    state.animation.open = true;
    state.animation.planned = state.doc.scenario.timeline == TimelineChoice::AsPlanned2012;
}

/// The dialog, and the worker's progress.
pub fn ui(state: &mut AppState, ctx: &egui::Context) {
    poll(state, ctx);
    if !state.animation.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Export animation")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            let has_flight = state
                .engagement_drawing()
                .is_some_and(|d| matches!(d.threat, Some(Ok(_))));
            choices(&mut state.animation, has_flight, ui);
            ui.separator();
            progress_or_start(state, ui);
        });
    state.animation.open &= open;
}

fn choices(d: &mut AnimationDialog, has_flight: bool, ui: &mut egui::Ui) {
    let busy = d.job.is_some();
    ui.add_enabled_ui(!busy, |ui| {
        ui.horizontal(|ui| {
            ui.radio_value(&mut d.what, Stepping::Years, "The years");
            let from = ui.label("from");
            ui.add(egui::DragValue::new(&mut d.from).range(YEARS))
                .labelled_by(from.id);
            let to = ui.label("to");
            ui.add(egui::DragValue::new(&mut d.to).range(YEARS))
                .labelled_by(to.id);
        });
        ui.radio_value(
            &mut d.what,
            Stepping::Models,
            "The cooperation models in turn",
        );
        ui.add_enabled_ui(has_flight, |ui| {
            ui.radio_value(&mut d.what, Stepping::Engagement, "The engagement's flight")
                .on_disabled_hover_text(
                    "Choose a battery and a threat in the Engagement tab first",
                );
        });
        ui.horizontal(|ui| {
            ui.radio_value(&mut d.full_hd, false, "1280×720");
            ui.radio_value(&mut d.full_hd, true, "1920×1080");
        });
        ui.horizontal(|ui| {
            labelled_value(ui, "Frames per second", &mut d.fps, 0.1..=10.0, "");
            labelled_value(ui, "Hold first and last", &mut d.hold_s, 0.0..=10.0, " s");
        });
        ui.horizontal(|ui| {
            ui.radio_value(&mut d.gif, true, "GIF (PowerPoint, Keynote, chat)");
            ui.radio_value(&mut d.gif, false, "Animated PNG");
        });
    });
}

/// A progress bar and Cancel while writing; else the Export… button and the last outcome.
fn progress_or_start(state: &mut AppState, ui: &mut egui::Ui) {
    if let Some(job) = &state.animation.job {
        let done = job.done.load(Ordering::Relaxed);
        ui.add(
            egui::ProgressBar::new(done as f32 / job.total.max(1) as f32)
                .text(format!("frame {done} of {}", job.total)),
        );
        if ui.button("Cancel").clicked() {
            job.cancel.store(true, Ordering::Relaxed);
        }
        return;
    }
    if ui.button("Export animation…").clicked() {
        start(state);
    }
    super::export_dialog::last_outcome(&state.animation.last, ui);
}

/// Works out every frame's page and asks where to save the animation.
fn start(state: &mut AppState) {
    let d = &state.animation;
    let drawing = state.engagement_drawing();
    let what = match d.what {
        Stepping::Models => Animate::Models,
        Stepping::Years => Animate::Years {
            from: d.from.min(d.to),
            to: d.to.max(d.from),
        },
        Stepping::Engagement => match drawing.as_ref().and_then(|d| d.threat.clone()) {
            Some(Ok(flight)) => Animate::flight(flight.impact_s, FLIGHT_STEP_S),
            _ => {
                state.animation.last = Some(Err(
                    "Choose a battery and a threat in the Engagement tab first".into(),
                ));
                return;
            }
        },
    };
    let (size, format) = (
        d.size(),
        if d.gif {
            AnimationFormat::Gif
        } else {
            AnimationFormat::Apng
        },
    );
    let timing = Timing {
        fps: d.fps,
        hold_s: d.hold_s,
        plays: None,
    };
    let base = super::export_dialog::request(state);
    let mut scenario = state.doc.scenario.clone();
    if d.what == Stepping::Years {
        scenario.timeline = if d.planned {
            TimelineChoice::AsPlanned2012
        } else {
            TimelineChoice::AsHappened
        };
    }
    let frames = match export::frames(&scenario, &what) {
        Ok(frames) => frames,
        Err(e) => {
            state.animation.last = Some(Err(e));
            return;
        }
    };
    let pages = frames
        .into_iter()
        .map(|frame| {
            let options = ExportOptions {
                page: PageSize::Pixels {
                    width: size[0],
                    height: size[1],
                },
                format: Format::Png,
                ..state.export.options(&frame.scenario, None)
            };
            let request = ExportRequest {
                compare: None,
                // The window's analysis is of its own year and model, not the frame's; its
                // engagement is the flight's own (the scenario does not change).
                analyses: [None, None],
                engagements: [
                    drawing.clone().filter(|_| frame.threat_at_s.is_some()),
                    None,
                ],
                ..frame.page(&base, options)
            };
            (frame, request)
        })
        .collect();
    let stem = super::files::file_stem(&state.doc.scenario.name);
    let gif = state.animation.gif;
    let suggested = format!("{stem}.{}", if gif { "gif" } else { "png" });
    state.ask_file(
        super::dialogs::FileQuestion::export(&suggested),
        super::dialogs::FileUse::ExportAnimation(Box::new(AnimationSpec {
            pages,
            format,
            size,
            timing,
        })),
    );
}

/// Writes the animation `spec` to `path` on a worker thread.
pub(super) fn run(state: &mut AppState, spec: AnimationSpec, path: PathBuf, ctx: &egui::Context) {
    let (tx, rx) = mpsc::channel();
    let done = Arc::new(AtomicUsize::new(0));
    let cancel = Arc::new(AtomicBool::new(false));
    let total = spec.pages.len();
    let (done_w, cancel_w, repaint) = (Arc::clone(&done), Arc::clone(&cancel), ctx.clone());
    std::thread::spawn(move || {
        let frames: Vec<AnimationFrame> = spec.pages.iter().map(|(f, _)| f.clone()).collect();
        let mut rasteriser = Rasteriser::default();
        // Frames are drawn in order, each from its page.
        let mut requests = spec.pages.iter().map(|(_, r)| r);
        let draw = |_: &AnimationFrame| -> Result<Vec<u8>, String> {
            let request = requests.next().ok_or("more frames than pages")?;
            request.rgba(&mut rasteriser).map_err(|e| e.to_string())
        };
        let progress = |n: usize, _| {
            done_w.store(n, Ordering::Relaxed);
            repaint.request_repaint();
            !cancel_w.load(Ordering::Relaxed)
        };
        let result = export::write_animation(
            &path,
            spec.format,
            spec.size,
            spec.timing,
            &frames,
            draw,
            progress,
        );
        let message = match result {
            Ok(w) => Ok(format!(
                "Saved {} ({} frames, {:.1} s, {})",
                path.display(),
                w.frames,
                w.duration_s,
                crate::format::megabytes(w.bytes)
            )),
            Err(AnimationError::Cancelled) => Err("Cancelled: no file was written.".to_owned()),
            Err(e) => Err(e.to_string()),
        };
        // The window may have closed meanwhile: then nobody is waiting for the result.
        if tx.send(message).is_ok() {
            repaint.request_repaint();
        }
    });
    state.animation.job = Some(AnimationJob {
        done,
        total,
        cancel,
        result: rx,
    });
    state.animation.last = None;
}

fn poll(state: &mut AppState, ctx: &egui::Context) {
    let Some(job) = &state.animation.job else {
        return;
    };
    match job.result.try_recv() {
        Ok(result) => {
            state.animation.last = Some(result);
            state.animation.job = None;
        }
        Err(mpsc::TryRecvError::Empty) => {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
        Err(mpsc::TryRecvError::Disconnected) => {
            state.animation.last = Some(Err("the animation stopped unexpectedly".to_owned()));
            state.animation.job = None;
        }
    }
}
