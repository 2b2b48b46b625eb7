//! Memos of the analysis's costly pure parts, so that a change of year or model, which changes
//! neither the flights nor a fixed-time interceptor's reach, does not compute them again.
//!
//! Each entry is keyed on the exact bits of every input of the function it stands for, so an
//! answer from the memo is the answer the function gives: the results do not depend on what was
//! computed before (the tests compare results with and without the memo). Each memo holds a
//! bounded number of entries and forgets them all when full.
//!
//! The memos are a value, [`Memos`], held by whoever computes: the window's analysis worker
//! keeps one for its life, a command-line run or a plain [`super::analyze`] makes a fresh one,
//! and a benchmark that says "from scratch" starts each iteration with a new one. Nothing is
//! remembered between owners.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

use super::defended::ReachKey;
use super::flight::{Boost, Earth, Flight, FlightKey};
use super::icbm::LeastKey;
use super::vec3::V3;
use super::{Assumptions, Grid};
use crate::basemap::Basemaps;

/// Everything the analysis remembers between computations: flights, least-speed searches,
/// reach tests and defended-area grids. Shared by reference between threads.
pub struct Memos {
    flights: Memo<FlightKey, Option<Flight>>,
    pub(crate) least: Memo<LeastKey, Option<(f64, usize)>>,
    /// Whether an interceptor of this burnout speed (the bits) reaches on time: the ICBM
    /// question at an uncertainty end.
    pub(crate) on_time: Memo<(LeastKey, u64), bool>,
    pub(crate) reaches: Memo<ReachKey, bool>,
    /// The last few grids, by their assumptions' bits.
    grids: Mutex<Vec<(GridKey, Arc<Grid>)>>,
    /// Where the grids read the land from (shared with the map when the owner says so).
    basemaps: Basemaps,
}

type GridKey = [u64; 6];

/// How many grids are kept (each a few thousand cells).
const KEEP_GRIDS: usize = 3;

impl Default for Memos {
    fn default() -> Self {
        Memos::new()
    }
}

impl Memos {
    /// Empty memos, with basemaps of their own.
    pub fn new() -> Memos {
        Memos::with_basemaps(Basemaps::default())
    }

    /// Empty memos whose grids read the land from `basemaps` (the window shares its map's).
    pub fn with_basemaps(basemaps: Basemaps) -> Memos {
        Memos {
            flights: Memo::new(120_000),
            least: Memo::new(200_000),
            on_time: Memo::new(400_000),
            reaches: Memo::new(400_000),
            grids: Mutex::new(Vec::new()),
            basemaps,
        }
    }

    /// The basemaps the grids read the land from.
    pub fn basemaps(&self) -> &Basemaps {
        &self.basemaps
    }

    /// [`Flight::new`], remembered: the same inputs give the same flight without the search.
    pub fn flight(&self, launch: V3, target: V3, boost: Boost, earth: Earth) -> Option<Flight> {
        let key = FlightKey::new(launch, target, boost, earth);
        self.flights
            .get_or(key, || Flight::new(launch, target, boost, earth))
    }

    /// The defended-area grid for these assumptions, built once (the last few are kept).
    pub fn grid(&self, a: &Assumptions) -> Arc<Grid> {
        let c = a.clamped();
        let key: GridKey = [
            c.grid_cell_km.to_bits(),
            c.grid_west_deg.to_bits(),
            c.grid_south_deg.to_bits(),
            c.grid_east_deg.to_bits(),
            c.grid_north_deg.to_bits(),
            c.grid_land_only as u64,
        ];
        let lock = || self.grids.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, g)) = lock().iter().find(|(k, _)| *k == key) {
            return Arc::clone(g);
        }
        // Built outside the lock: another thread may build the same grid meanwhile, harmlessly.
        let grid = Arc::new(Grid::build(&c, &self.basemaps));
        let mut grids = lock();
        if grids.len() >= KEEP_GRIDS {
            grids.remove(0);
        }
        grids.push((key, Arc::clone(&grid)));
        grid
    }

    /// Forgets the reach tests and searches but keeps the flights and grids: what a model never
    /// analysed before costs (its radars change every launch time).
    pub fn forget_reach(&self) {
        self.least.clear();
        self.on_time.clear();
        self.reaches.clear();
    }

    /// Whether nothing at all is remembered.
    pub fn is_empty(&self) -> bool {
        self.flights.is_empty()
            && self.least.is_empty()
            && self.on_time.is_empty()
            && self.reaches.is_empty()
            && self
                .grids
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .is_empty()
    }
}

/// A bounded map from inputs to a function's answers.
pub(crate) struct Memo<K, V> {
    map: Mutex<Option<HashMap<K, V>>>,
    capacity: usize,
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    pub fn new(capacity: usize) -> Memo<K, V> {
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

    /// The answer for `key`, if known.
    pub fn get(&self, key: &K) -> Option<V> {
        let guard = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        guard.as_ref().and_then(|m| m.get(key)).cloned()
    }

    /// Forgets everything.
    pub fn clear(&self) {
        *self.map.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Whether no answer is remembered.
    pub fn is_empty(&self) -> bool {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_none_or(HashMap::is_empty)
    }
}

/// The bits of a vector, for keys.
pub(crate) fn bits3(v: V3) -> [u64; 3] {
    [v.x.to_bits(), v.y.to_bits(), v.z.to_bits()]
}
