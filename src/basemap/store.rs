//! [`Basemaps`]: the projected basemaps one owner has built, kept so that switching back to a
//! scale or projection is instant.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{ProjectedBasemap, Scale, packed};
use crate::geodesy::ProjectionKind;

type Built = HashMap<(Scale, ProjectionKind), Arc<ProjectedBasemap>>;

/// The basemaps built so far, one per (scale, projection), each built on first use.
///
/// A value, not a process-wide cache: its owner decides how long the basemaps live and who
/// shares them. The window holds one for its map, its analysis worker and its exports; the
/// command line makes one per run. Clones share the same basemaps (it is an `Arc` inside), so
/// one built by the analysis worker is there for the map too.
///
/// ```
/// use bmd_atlas::{basemap::{Basemaps, Scale}, geodesy::ProjectionKind};
/// let basemaps = Basemaps::default();
/// let a = basemaps.get(Scale::Coarse110m, ProjectionKind::EuropeEqualArea).unwrap();
/// let b = basemaps.clone().get(Scale::Coarse110m, ProjectionKind::EuropeEqualArea).unwrap();
/// assert!(std::sync::Arc::ptr_eq(&a, &b));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Basemaps {
    built: Arc<Mutex<Built>>,
}

impl Basemaps {
    /// The basemap of `scale` in `projection`, built now if this is the first time. An error (the
    /// embedded data could not be read) is returned and not kept.
    pub fn get(
        &self,
        scale: Scale,
        projection: ProjectionKind,
    ) -> Result<Arc<ProjectedBasemap>, String> {
        let key = (scale, projection);
        if let Some(hit) = self.lock().get(&key) {
            return Ok(Arc::clone(hit));
        }
        // Built without holding the lock, so other scales stay available meanwhile; if two
        // threads race, the first result stored wins and both get it.
        let built = Arc::new(packed::load(scale, projection)?);
        Ok(Arc::clone(self.lock().entry(key).or_insert(built)))
    }

    /// How many basemaps have been built.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether none has been built yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, Built> {
        // Inserts are single calls, so a panic elsewhere while the lock was held cannot have left
        // the map half-updated: a poisoned lock is still fine to use.
        self.built.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_basemap_is_built_once_per_owner() {
        let mine = Basemaps::default();
        let a = mine
            .get(Scale::Coarse110m, ProjectionKind::EuropeEqualArea)
            .unwrap();
        let b = mine
            .get(Scale::Coarse110m, ProjectionKind::EuropeEqualArea)
            .unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.scale, Scale::Coarse110m);
        assert_eq!(mine.len(), 1);

        // Another owner builds its own: nothing is shared behind the owners' backs.
        let theirs = Basemaps::default();
        assert!(theirs.is_empty());
        let c = theirs
            .get(Scale::Coarse110m, ProjectionKind::EuropeEqualArea)
            .unwrap();
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[test]
    fn land_meshes_and_polygons_are_built_once_per_basemap() {
        let basemaps = Basemaps::default();
        let base = basemaps
            .get(Scale::Coarse110m, ProjectionKind::EuropeEqualArea)
            .unwrap();
        let meshes = base.land_meshes();
        assert!(!meshes.is_empty() && meshes.len() <= base.land.len());
        assert!(Arc::ptr_eq(&meshes, &base.land_meshes()));
        let polygons = base.land_polygons().unwrap();
        assert!(!polygons.is_empty());
        assert!(Arc::ptr_eq(&polygons, &base.land_polygons().unwrap()));
    }
}
