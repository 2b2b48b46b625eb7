//! An analysis worker: one background thread that computes one scenario at a time, owned by
//! whoever needs results (the window owns one per map). Nothing here is global: two workers never
//! see each other's scenarios or results.
//!
//! [`AnalysisWorker::request`] never blocks. It answers at once with a result computed for the
//! same inputs, or queues the scenario and answers with the newest result it has (to show, marked
//! out of date, meanwhile). Only the newest request waits: dragging the year slider asks for many
//! years, and the ones passed over are dropped unstarted. When a result is stored, the request's
//! `notify` runs (the app passes a repaint request).
//!
//! Results are keyed by what the analysis reads ([`AnalysisInputs`]), not by the view, title or
//! layers, so panning or saving never recomputes.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use super::{Analysis, EngagementDrawing, Memos, analyze_with_spread_in};
use crate::scenario::{EngagementView, Presentation, Scenario};

/// Something to run when a requested result is ready (the app passes a repaint request).
pub type Notify = Box<dyn FnOnce() + Send>;

/// The part of a scenario the analysis reads: everything but its name, description,
/// annotations and presentation (view, layers, title, marking).
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisInputs(Scenario);

impl AnalysisInputs {
    /// The inputs of `scenario`.
    pub fn of(scenario: &Scenario) -> AnalysisInputs {
        let mut s = Scenario {
            name: String::new(),
            description: String::new(),
            presentation: Presentation::default(),
            annotations: Vec::new(),
            ..scenario.clone()
        };
        s.format_version = 0;
        AnalysisInputs(s)
    }
}

/// A result and the request it answers.
#[derive(Clone, Debug)]
pub struct Tagged {
    /// The document revision it was asked for.
    pub revision: u64,
    /// Goes up with every result this worker stores: a cache keyed on it redraws when one arrives.
    pub serial: u64,
    pub result: Arc<Analysis>,
}

/// What [`AnalysisWorker::request`] found.
#[derive(Clone, Debug)]
pub enum Answer {
    /// The result for exactly these inputs.
    Ready(Tagged),
    /// Being computed; the newest result of any inputs, if there is one, to show meanwhile.
    Computing(Option<Tagged>),
}

/// How many finished results are kept, so that undo or a year slid back answer at once.
const KEEP_DONE: usize = 4;

struct Job {
    revision: u64,
    inputs: AnalysisInputs,
    notify: Option<Notify>,
}

/// An engagement drawing asked for: its inputs, and what to run when it is ready.
struct EngagementJob {
    key: EngagementKey,
    notify: Option<Notify>,
}

/// What an engagement drawing is computed from.
type EngagementKey = (AnalysisInputs, EngagementView);

#[derive(Default)]
struct Slots {
    /// The engagement drawing waiting (computed before any analysis: it takes milliseconds).
    engagement_pending: Option<EngagementJob>,
    /// The engagement drawing being computed now.
    engagement_running: Option<EngagementKey>,
    /// The newest engagement drawing.
    engagement_done: Option<(EngagementKey, Arc<EngagementDrawing>)>,
    /// Newest last.
    done: Vec<(AnalysisInputs, Tagged)>,
    /// The one job waiting; a newer request replaces it.
    pending: Option<Job>,
    /// The inputs being computed now.
    running: Option<AnalysisInputs>,
    serial: u64,
    /// The owner has gone: the thread ends.
    closed: bool,
    /// A computation panicked: the message, shown to the user.
    failure: Option<String>,
}

struct Shared {
    slots: Mutex<Slots>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Slots> {
        // Every update is a few assignments, so a poisoned lock still holds consistent data.
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A background analysis thread and its results. Dropping it ends the thread once the current
/// computation (if any) is done.
pub struct AnalysisWorker {
    shared: Arc<Shared>,
    started: bool,
    /// The last answer that was ready, by the document revision it was asked for: the window
    /// asks every frame, and comparing (and first copying) the whole scenario each time to
    /// find an answer it already gave would be work for nothing.
    ready: Option<Tagged>,
    /// What the thread remembers between analyses, so a change of year or model computes only
    /// what is new.
    memos: Arc<Memos>,
    /// The last engagement drawing given, by document revision and view (the window asks every
    /// frame).
    engagement_ready: Option<(u64, Arc<EngagementDrawing>)>,
}

impl Default for AnalysisWorker {
    fn default() -> Self {
        AnalysisWorker::new()
    }
}

impl AnalysisWorker {
    /// A worker with no thread yet (it starts with the first request) and empty memos.
    pub fn new() -> AnalysisWorker {
        AnalysisWorker::with_memos(Arc::new(Memos::new()))
    }

    /// A worker that remembers in `memos`, which its owner may share with other computations
    /// (the UI tests share one set among their windows). Results stay the worker's own.
    pub fn with_memos(memos: Arc<Memos>) -> AnalysisWorker {
        AnalysisWorker {
            shared: Arc::new(Shared {
                slots: Mutex::new(Slots::default()),
                wake: Condvar::new(),
            }),
            started: false,
            ready: None,
            memos,
            engagement_ready: None,
        }
    }

    /// The result already given for document `revision`, if there was one; no copying, no lock.
    /// A worker serves one document, so its revision stands for its inputs.
    pub fn ready_at(&self, revision: u64) -> Option<&Tagged> {
        self.ready.as_ref().filter(|t| t.revision == revision)
    }

    /// The result for `scenario` at document `revision`, if there is one; never computes.
    pub fn result_for(&self, revision: u64, scenario: &Scenario) -> Option<Tagged> {
        match self.ready_at(revision) {
            Some(t) => Some(t.clone()),
            None => self.get(scenario),
        }
    }

    /// The stored result for `scenario`'s inputs, if any; never computes.
    pub fn get(&self, scenario: &Scenario) -> Option<Tagged> {
        let inputs = AnalysisInputs::of(scenario);
        let slots = self.shared.lock();
        slots
            .done
            .iter()
            .find(|(k, _)| *k == inputs)
            .map(|(_, t)| t.clone())
    }

    /// Keeps `analysis`, computed elsewhere for `scenario`, as if this worker had computed it:
    /// a request for the same inputs is then answered at once. For owners that already hold a
    /// result (the UI tests share one analysis of the built-in scenario among their windows).
    pub fn store(&mut self, scenario: &Scenario, analysis: Arc<Analysis>) {
        store(
            &mut self.shared.lock(),
            AnalysisInputs::of(scenario),
            0,
            analysis,
        );
    }

    /// The newest stored result, of whatever inputs.
    pub fn latest(&self) -> Option<Tagged> {
        self.shared.lock().done.last().map(|(_, t)| t.clone())
    }

    /// Why the last computation failed, if it did (a defect, reported rather than hidden).
    pub fn failure(&self) -> Option<String> {
        self.shared.lock().failure.clone()
    }

    /// The result for `scenario` (at document `revision`) if it is stored; otherwise queues it,
    /// replacing any request not yet started, and answers [`Answer::Computing`] at once.
    pub fn request(
        &mut self,
        revision: u64,
        scenario: &Scenario,
        notify: Option<Notify>,
    ) -> Answer {
        if let Some(t) = self.ready_at(revision) {
            return Answer::Ready(t.clone());
        }
        match self.request_inputs(revision, scenario, notify) {
            // Tagged with the revision it now answers (a stored result may be from an earlier
            // revision with the same inputs, after an undo).
            Answer::Ready(t) => {
                let t = Tagged { revision, ..t };
                self.ready = Some(t.clone());
                Answer::Ready(t)
            }
            computing => computing,
        }
    }

    fn request_inputs(
        &mut self,
        revision: u64,
        scenario: &Scenario,
        notify: Option<Notify>,
    ) -> Answer {
        let inputs = AnalysisInputs::of(scenario);
        {
            let mut slots = self.shared.lock();
            if let Some((_, t)) = slots.done.iter().find(|(k, _)| *k == inputs) {
                return Answer::Ready(t.clone());
            }
            let previous = slots.done.last().map(|(_, t)| t.clone());
            let queued = slots.pending.as_ref().is_some_and(|j| j.inputs == inputs);
            if slots.running.as_ref() == Some(&inputs) || queued {
                if let (Some(job), Some(n)) = (slots.pending.as_mut(), notify) {
                    job.notify = Some(n);
                }
                return Answer::Computing(previous);
            }
            slots.pending = Some(Job {
                revision,
                inputs,
                notify,
            });
            self.shared.wake.notify_one();
            if self.started {
                return Answer::Computing(previous);
            }
        }
        self.start();
        let previous = self.latest();
        Answer::Computing(previous)
    }

    /// The engagement drawing of `view` in `scenario` (at document `revision`) if it is computed;
    /// otherwise queues it, replacing any not yet started, and answers at once with the newest
    /// drawing of the same view (of an earlier scenario: a year dragged on), if there is one, to
    /// show meanwhile.
    pub fn request_engagement(
        &mut self,
        revision: u64,
        scenario: &Scenario,
        view: &EngagementView,
        notify: Option<Notify>,
    ) -> Option<Arc<EngagementDrawing>> {
        if let Some(d) = self.engagement_result(revision, scenario, view) {
            self.engagement_ready = Some((revision, Arc::clone(&d)));
            return Some(d);
        }
        let key = (AnalysisInputs::of(scenario), view.clone());
        {
            let mut slots = self.shared.lock();
            let meanwhile = slots
                .engagement_done
                .as_ref()
                .filter(|(_, d)| d.view == *view)
                .map(|(_, d)| Arc::clone(d));
            let queued = slots
                .engagement_pending
                .as_ref()
                .is_some_and(|j| j.key == key);
            if slots.engagement_running.as_ref() == Some(&key) || queued {
                if let (Some(job), Some(n)) = (slots.engagement_pending.as_mut(), notify) {
                    job.notify = Some(n);
                }
                return meanwhile;
            }
            slots.engagement_pending = Some(EngagementJob { key, notify });
            self.shared.wake.notify_one();
            if self.started {
                return meanwhile;
            }
        }
        self.start();
        None
    }

    /// The engagement drawing of `view` in `scenario` (at document `revision`) if it is
    /// computed; never computes.
    pub fn engagement_result(
        &self,
        revision: u64,
        scenario: &Scenario,
        view: &EngagementView,
    ) -> Option<Arc<EngagementDrawing>> {
        if let Some((r, d)) = &self.engagement_ready
            && *r == revision
            && d.view == *view
        {
            return Some(Arc::clone(d));
        }
        let key = (AnalysisInputs::of(scenario), view.clone());
        let slots = self.shared.lock();
        slots
            .engagement_done
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, d)| Arc::clone(d))
    }

    /// Whether an engagement drawing is queued or being computed.
    pub fn engagement_computing(&self) -> bool {
        let slots = self.shared.lock();
        slots.engagement_pending.is_some() || slots.engagement_running.is_some()
    }

    fn start(&mut self) {
        let shared = Arc::clone(&self.shared);
        let memos = Arc::clone(&self.memos);
        let spawned = std::thread::Builder::new()
            .name("bmd-atlas analysis".to_owned())
            .spawn(move || work(&shared, &memos));
        match spawned {
            Ok(_) => self.started = true,
            Err(e) => {
                // No thread to be had: compute here rather than never.
                self.shared.lock().failure =
                    Some(format!("no analysis thread ({e}): computed here"));
                let (job, engagement) = {
                    let mut slots = self.shared.lock();
                    (slots.pending.take(), slots.engagement_pending.take())
                };
                if let Some(job) = engagement {
                    draw(&self.shared, job, &self.memos);
                }
                if let Some(job) = job {
                    run(&self.shared, job, &self.memos);
                }
            }
        }
    }
}

impl Drop for AnalysisWorker {
    fn drop(&mut self) {
        self.shared.lock().closed = true;
        self.shared.wake.notify_all();
    }
}

/// The thread: waits for a job, computes it with the worker's memos, stores it, until the
/// owner is dropped.
fn work(shared: &Shared, memos: &Memos) {
    loop {
        let job: Task = {
            let mut slots = shared.lock();
            loop {
                if slots.closed {
                    return;
                }
                if let Some(job) = slots.engagement_pending.take() {
                    slots.engagement_running = Some(job.key.clone());
                    break Task::Engagement(job);
                }
                if let Some(job) = slots.pending.take() {
                    slots.running = Some(job.inputs.clone());
                    break Task::Analysis(job);
                }
                slots = shared
                    .wake
                    .wait(slots)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        match job {
            Task::Analysis(job) => run(shared, job, memos),
            Task::Engagement(job) => draw(shared, job, memos),
        }
    }
}

/// What the thread does next.
enum Task {
    Analysis(Job),
    Engagement(EngagementJob),
}

/// Computes one engagement drawing and stores it; a panic is recorded, not propagated.
fn draw(shared: &Shared, job: EngagementJob, memos: &Memos) {
    let (inputs, view) = &job.key;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        EngagementDrawing::compute(&inputs.0, view, memos)
    }));
    let mut slots = shared.lock();
    slots.engagement_running = None;
    match result {
        Ok(drawing) => slots.engagement_done = Some((job.key, Arc::new(drawing))),
        Err(panic) => {
            slots.failure = Some(format!("the engagement failed: {}", panic_text(&*panic)))
        }
    }
    drop(slots);
    if let Some(notify) = job.notify {
        notify();
    }
}

/// A panic's message.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// Computes one job and stores its result; a panic is recorded, not propagated.
fn run(shared: &Shared, job: Job, memos: &Memos) {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyze_with_spread_in(&job.inputs.0, memos)
    }));
    let mut slots = shared.lock();
    slots.running = None;
    match result {
        Ok(analysis) => {
            store(&mut slots, job.inputs, job.revision, Arc::new(analysis));
            slots.failure = None;
        }
        Err(panic) => {
            slots.failure = Some(format!("the analysis failed: {}", panic_text(&*panic)));
        }
    }
    drop(slots);
    if let Some(notify) = job.notify {
        notify();
    }
}

/// Stores a result under the next serial, newest last, keeping at most [`KEEP_DONE`].
fn store(slots: &mut Slots, inputs: AnalysisInputs, revision: u64, result: Arc<Analysis>) {
    slots.serial += 1;
    let tagged = Tagged {
        revision,
        serial: slots.serial,
        result,
    };
    slots.done.retain(|(k, _)| *k != inputs);
    slots.done.push((inputs, tagged));
    if slots.done.len() > KEEP_DONE {
        slots.done.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn wait_ready(worker: &mut AnalysisWorker, s: &Scenario) -> Tagged {
        let (tx, rx) = std::sync::mpsc::channel();
        let notify: Notify = Box::new(move || tx.send(()).unwrap_or(()));
        match worker.request(1, s, Some(notify)) {
            Answer::Ready(t) => t,
            Answer::Computing(_) => {
                rx.recv_timeout(Duration::from_secs(120))
                    .unwrap_or_else(|e| panic!("the analysis did not finish within 120 s: {e}"));
                match worker.request(1, s, None) {
                    Answer::Ready(t) => t,
                    Answer::Computing(_) => panic!("notified, yet not stored"),
                }
            }
        }
    }

    #[test]
    fn a_request_is_answered_in_the_background_and_then_at_once() {
        let mut worker = AnalysisWorker::new();
        let mut s = crate::scenario::built_in();
        s.year = 2017;
        let first = wait_ready(&mut worker, &s);
        assert_eq!(first.result.year, 2017);
        assert_eq!(first.serial, 1);
        // The view and the title are not inputs: the same result, not a new computation.
        s.presentation.title = "Another title".into();
        s.presentation.layers.rings = false;
        match worker.request(2, &s, None) {
            Answer::Ready(t) => assert!(Arc::ptr_eq(&t.result, &first.result)),
            Answer::Computing(_) => panic!("a presentation change recomputed the analysis"),
        }
    }

    #[test]
    fn a_revision_already_answered_is_answered_without_looking_at_the_scenario() {
        let mut worker = AnalysisWorker::new();
        let s = crate::scenario::built_in();
        let first = wait_ready(&mut worker, &s);
        // Revision 1 was answered: the same revision is answered from memory, even for a
        // scenario that would need a new computation (the window never does that: an edit
        // bumps the revision).
        let mut other = s.clone();
        other.year = 2020;
        match worker.request(1, &other, None) {
            Answer::Ready(t) => assert!(Arc::ptr_eq(&t.result, &first.result)),
            Answer::Computing(_) => panic!("revision 1 was already answered"),
        }
        // A new revision with the same inputs (an undo) finds the stored result, tagged anew.
        match worker.request(7, &s, None) {
            Answer::Ready(t) => assert_eq!((t.revision, t.serial), (7, first.serial)),
            Answer::Computing(_) => panic!("the same inputs were computed already"),
        }
        assert!(worker.ready_at(7).is_some() && worker.ready_at(1).is_none());
    }

    #[test]
    fn a_stored_result_is_answered_without_computing() {
        let mut worker = AnalysisWorker::new();
        let s = crate::scenario::built_in();
        let other = crate::scenario::built_in();
        let computed = Arc::new(crate::analysis::analyze(&other));
        worker.store(&s, Arc::clone(&computed));
        match worker.request(3, &s, None) {
            Answer::Ready(t) => assert!(Arc::ptr_eq(&t.result, &computed) && t.revision == 3),
            Answer::Computing(_) => panic!("a stored result was computed again"),
        }
        assert!(!worker.started, "no thread was needed");
    }

    #[test]
    fn an_engagement_is_drawn_in_the_background_and_then_answered_at_once() {
        let mut worker = AnalysisWorker::new();
        let s = crate::scenario::built_in();
        let view = EngagementView {
            battery: "deveselu".into(),
            interceptor: "sm3-ib".into(),
            flyout_altitude_km: Some(150.0),
            threat: None,
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let notify: Notify = Box::new(move || tx.send(()).unwrap_or(()));
        assert!(
            worker
                .request_engagement(1, &s, &view, Some(notify))
                .is_none()
        );
        rx.recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|e| panic!("the fan did not arrive within 120 s: {e}"));
        assert!(!worker.engagement_computing());
        let drawn = worker.request_engagement(1, &s, &view, None);
        let drawn = drawn.unwrap_or_else(|| panic!("notified, yet not stored"));
        assert_eq!(drawn.view, view);
        assert!(drawn.fan.as_ref().is_ok_and(|f| f.altitude_km == 150.0));
        // Another year with the same view: the drawing of the year before, meanwhile.
        let mut later = s.clone();
        later.year = 2020;
        let meanwhile = worker.request_engagement(2, &later, &view, None);
        assert!(meanwhile.is_some_and(|d| Arc::ptr_eq(&d, &drawn)));
        // Another altitude is another drawing: nothing of the old altitude is shown for it.
        let higher = EngagementView {
            flyout_altitude_km: Some(300.0),
            ..view
        };
        assert!(
            worker
                .request_engagement(3, &later, &higher, None)
                .is_none()
        );
    }

    #[test]
    fn two_workers_keep_their_own_results() {
        let mut a = AnalysisWorker::new();
        let mut b = AnalysisWorker::new();
        let mut sa = crate::scenario::built_in();
        sa.year = 2012;
        let mut sb = sa.clone();
        sb.year = 2020;
        let (ra, rb) = (wait_ready(&mut a, &sa), wait_ready(&mut b, &sb));
        assert_eq!((ra.result.year, rb.result.year), (2012, 2020));
        assert!(a.get(&sb).is_none() && b.get(&sa).is_none());
    }
}
