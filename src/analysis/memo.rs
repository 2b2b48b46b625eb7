//! Memos of the analysis's costly pure parts, so that a change of year or model, which changes
//! neither the flights nor a fixed-time interceptor's reach, does not compute them again.
//!
//! Each entry is keyed on the exact bits of every input of the function it stands for, so an
//! answer from the memo is the answer the function gives: the results do not depend on what was
//! computed before (the tests compare results with and without the memo). Each memo holds a
//! bounded number of entries and forgets them all when full.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

use super::vec3::V3;

/// A bounded map from inputs to a function's answers.
pub(crate) struct Memo<K, V> {
    map: Mutex<Option<HashMap<K, V>>>,
    capacity: usize,
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    pub const fn new(capacity: usize) -> Memo<K, V> {
        Memo {
            map: Mutex::new(None),
            capacity,
        }
    }

    /// The answer for `key`, computed by `f` (outside the lock) if not known.
    pub fn get_or(&self, key: K, f: impl FnOnce() -> V) -> V {
        let lock = || self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(v) = lock().as_ref().and_then(|m| m.get(&key)) {
            return v.clone();
        }
        let v = f();
        let mut guard = lock();
        let map = guard.get_or_insert_with(HashMap::new);
        if map.len() >= self.capacity {
            map.clear();
        }
        map.insert(key, v.clone());
        v
    }

    /// Forgets everything (for tests that compare with a cold start).
    pub fn clear(&self) {
        *self.map.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// The bits of a vector, for keys.
pub(crate) fn bits3(v: V3) -> [u64; 3] {
    [v.x.to_bits(), v.y.to_bits(), v.z.to_bits()]
}

/// Forgets every memo of the analysis.
pub fn clear_all() {
    super::flight::FLIGHTS.clear();
    clear_reach();
}

/// Forgets the reach tests and searches but keeps the flights: what a model never analysed
/// before costs (its radars change every launch time).
pub fn clear_reach() {
    super::icbm::LEAST.clear();
    super::defended::REACHES.clear();
}
