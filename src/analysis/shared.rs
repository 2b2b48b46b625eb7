//! Results shared by the panel, the map layers and the exports, computed off the UI thread.
//!
//! [`request`] never blocks: it returns the result if this scenario's is known, and otherwise
//! queues the computation on one background worker and returns the last result it has (for the
//! panel to show, marked as out of date). When the worker finishes, [`generation`] goes up and
//! the requester's `notify` runs (the app passes `request_repaint`), so whoever keys a cache on
//! the generation (the scene) rebuilds. [`compute_now`] blocks, for headless use.
//!
//! Only the newest few requests are kept: dragging the year slider queues a handful of years and
//! drops the ones passed over.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{Analysis, analyze};
use crate::scenario::Scenario;

/// Something to run when a requested result is ready (the app passes a repaint request).
pub type Notify = Box<dyn FnOnce() + Send>;

/// What [`request`] found.
#[derive(Clone, Debug)]
pub enum Status {
    /// The result for exactly this scenario.
    Ready(Arc<Analysis>),
    /// Being computed; the most recent result of any scenario, if there is one, to show meanwhile.
    Computing(Option<Arc<Analysis>>),
}

const KEEP_DONE: usize = 4;
const KEEP_PENDING: usize = 3;

struct State {
    done: VecDeque<(Scenario, Arc<Analysis>)>,
    pending: VecDeque<(Scenario, Option<Notify>)>,
    running: Option<(Scenario, Option<Notify>)>,
    worker_alive: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    done: VecDeque::new(),
    pending: VecDeque::new(),
    running: None,
    worker_alive: false,
});
static GENERATION: AtomicU64 = AtomicU64::new(0);

fn lock() -> MutexGuard<'static, State> {
    // Every update is a single push or pop, so a poisoned lock still holds consistent data.
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Goes up each time a result is stored; key caches of things drawn from results on it.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// The stored result for this scenario, if any; never computes.
pub fn get(s: &Scenario) -> Option<Arc<Analysis>> {
    lock()
        .done
        .iter()
        .find(|(k, _)| k == s)
        .map(|(_, a)| Arc::clone(a))
}

/// The most recently stored result, of whatever scenario.
pub fn latest() -> Option<Arc<Analysis>> {
    lock().done.back().map(|(_, a)| Arc::clone(a))
}

fn store(state: &mut State, s: Scenario, a: Arc<Analysis>) {
    state.done.retain(|(k, _)| *k != s);
    state.done.push_back((s, a));
    while state.done.len() > KEEP_DONE {
        state.done.pop_front();
    }
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// The result for `s`, computing it on this thread if it is not stored (and storing it).
///
/// ```
/// let s = bmd_atlas::scenario::built_in();
/// let a = bmd_atlas::analysis::shared::compute_now(&s);
/// assert!(std::sync::Arc::ptr_eq(&a, &bmd_atlas::analysis::shared::get(&s).unwrap()));
/// ```
pub fn compute_now(s: &Scenario) -> Arc<Analysis> {
    if let Some(a) = get(s) {
        return a;
    }
    let a = Arc::new(analyze(s));
    store(&mut lock(), s.clone(), Arc::clone(&a));
    a
}

/// The result for `s` if it is stored; otherwise queues it for the background worker and
/// returns [`Status::Computing`] at once. `notify` runs when this scenario's result is stored.
///
/// ```
/// use bmd_atlas::analysis::shared::{Status, request};
/// let mut s = bmd_atlas::scenario::built_in();
/// s.year = 2021;
/// let (tx, rx) = std::sync::mpsc::channel();
/// if let Status::Computing(_) = request(&s, Some(Box::new(move || tx.send(()).unwrap()))) {
///     rx.recv().unwrap(); // the app would repaint here instead of waiting
/// }
/// assert!(matches!(request(&s, None), Status::Ready(r) if r.year == 2021));
/// ```
pub fn request(s: &Scenario, notify: Option<Notify>) -> Status {
    let mut state = lock();
    if let Some((_, a)) = state.done.iter().find(|(k, _)| k == s) {
        return Status::Ready(Arc::clone(a));
    }
    let previous = state.done.back().map(|(_, a)| Arc::clone(a));
    if let Some((k, n)) = state.running.as_mut()
        && k == s
    {
        if notify.is_some() {
            *n = notify;
        }
        return Status::Computing(previous);
    }
    if let Some((_, n)) = state.pending.iter_mut().find(|(k, _)| k == s) {
        if notify.is_some() {
            *n = notify;
        }
        return Status::Computing(previous);
    }
    state.pending.push_back((s.clone(), notify));
    while state.pending.len() > KEEP_PENDING {
        state.pending.pop_front();
    }
    if !state.worker_alive {
        state.worker_alive = true;
        let spawned = std::thread::Builder::new()
            .name("bmd-atlas analysis".to_owned())
            .spawn(work);
        if spawned.is_err() {
            // No thread to be had: compute here rather than never.
            state.worker_alive = false;
            drop(state);
            return Status::Ready(compute_now(s));
        }
    }
    Status::Computing(previous)
}

/// The worker: computes queued scenarios, newest last, until the queue is empty.
fn work() {
    loop {
        let next = {
            let mut state = lock();
            match state.pending.pop_front() {
                Some((s, n)) => {
                    state.running = Some((s.clone(), n));
                    s
                }
                None => {
                    state.worker_alive = false;
                    return;
                }
            }
        };
        let result = std::panic::catch_unwind(|| analyze(&next));
        let notify = {
            let mut state = lock();
            let notify = state.running.take().and_then(|(_, n)| n);
            if let Ok(a) = result {
                store(&mut state, next, Arc::new(a));
            }
            notify
        };
        if let Some(n) = notify {
            n();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_answered_in_the_background() {
        let mut s = crate::scenario::built_in();
        s.year = 2017;
        s.assumptions.grid_cell_km = 49.0;
        let (tx, rx) = std::sync::mpsc::channel();
        let before = generation();
        match request(&s, Some(Box::new(move || tx.send(()).unwrap_or(())))) {
            Status::Ready(_) => panic!("nothing was computed for this scenario yet"),
            Status::Computing(_) => {}
        }
        rx.recv_timeout(std::time::Duration::from_secs(120))
            .unwrap_or_else(|e| panic!("no result: {e}"));
        assert!(generation() > before);
        assert!(matches!(request(&s, None), Status::Ready(a) if a.year == 2017));
    }
}
