//! Natural Earth outlines from `maps/`, embedded in the binary, at three levels of detail.
//!
//! The data are world-atlas's TopoJSON conversions of Natural Earth (see `maps/README.md`), stored
//! losslessly in a compact varint form (`*.topo.bin`, written by
//! `tools/basemap-topojson-to-bin.py`). [`project`] turns one scale into what the renderer draws in
//! one projection: land triangulated for filling, coastlines and borders as polylines, all clipped
//! to the projection's region; [`cached`] keeps each result so switching back is instant.
//!
//! Pipeline, per polygon or line, all in longitude/latitude until the projection step:
//! decode → clip to [`ProjectionKind::region`] (polygons: Sutherland–Hodgman edge by edge, with
//! the pieces inside re-linked into separate rings; lines: segment clipping; both aware of
//! world-atlas edges across the antimeridian) → cut big land polygons into pieces of at most
//! 2 500 points → densify to 1° steps (box edges along parallels and meridians curve once
//! projected) → project → triangulate (earcut) or keep as a polyline.

mod clip;
pub mod topology;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use geo::{Coord, LineString, Polygon, TriangulateEarcut};

use crate::geodesy::{MapXy, Projection, ProjectionKind};
use clip::{LonLatBox, clip_line, clip_polygon, densify, split_polygon};
use topology::{ArcClass, LonLat, Topology};

/// Natural Earth's three scales, coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scale {
    /// 1:110 million: the whole world in ~8 000 points per layer.
    Coarse110m,
    /// 1:50 million: ~80 000 points.
    Medium50m,
    /// 1:10 million: ~400 000–480 000 points.
    Fine10m,
}

// The embedded `.topo.bin` files (see `maps/README.md`). A decode failure of these is a build
// defect (corrupt or mismatched files in `maps/`), caught by the tests; `project` still reports it
// as an error rather than panicking.
const COUNTRIES_110M: &[u8] = include_bytes!("../../maps/countries-110m.topo.bin");
const COUNTRIES_50M: &[u8] = include_bytes!("../../maps/countries-50m.topo.bin");
const COUNTRIES_10M: &[u8] = include_bytes!("../../maps/countries-10m.topo.bin");
const LAND_110M: &[u8] = include_bytes!("../../maps/land-110m.topo.bin");
const LAND_50M: &[u8] = include_bytes!("../../maps/land-50m.topo.bin");
const LAND_10M: &[u8] = include_bytes!("../../maps/land-10m.topo.bin");

/// Segments longer than this (in degrees of longitude/latitude) are split before projecting.
const MAX_STEP_DEG: f64 = 1.0;

/// Land polygons with more points than this are cut into pieces before triangulating (faster
/// earcut, and meshes small enough to cull).
const MAX_MESH_POINTS: usize = 2500;

impl Scale {
    /// All scales, coarse to fine.
    pub const ALL: [Scale; 3] = [Scale::Coarse110m, Scale::Medium50m, Scale::Fine10m];

    /// The level of detail for a zoom: 1:110m when a pixel covers more than 3 km, 1:50m down to
    /// 700 m per pixel, 1:10m finer than that. NaN gives the coarsest.
    pub fn for_metres_per_pixel(mpp: f64) -> Scale {
        if mpp.is_nan() || mpp > 3000.0 {
            Scale::Coarse110m
        } else if mpp >= 700.0 {
            Scale::Medium50m
        } else {
            Scale::Fine10m
        }
    }

    /// A short label for the UI: "1:110m", "1:50m" or "1:10m".
    pub fn label(self) -> &'static str {
        match self {
            Scale::Coarse110m => "1:110m",
            Scale::Medium50m => "1:50m",
            Scale::Fine10m => "1:10m",
        }
    }

    /// The embedded countries topology (objects `countries`, with names, and `land`).
    pub fn countries(self) -> Result<Topology, String> {
        let data = match self {
            Scale::Coarse110m => COUNTRIES_110M,
            Scale::Medium50m => COUNTRIES_50M,
            Scale::Fine10m => COUNTRIES_10M,
        };
        Topology::from_bin(data).map_err(|e| format!("{} countries: {e}", self.label()))
    }

    /// The embedded land topology (object `land`: Natural Earth's land polygons).
    pub fn land(self) -> Result<Topology, String> {
        let data = match self {
            Scale::Coarse110m => LAND_110M,
            Scale::Medium50m => LAND_50M,
            Scale::Fine10m => LAND_10M,
        };
        Topology::from_bin(data).map_err(|e| format!("{} land: {e}", self.label()))
    }
}

/// An axis-aligned box in projected metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoundsXy {
    /// The corner with the smallest x and y.
    pub min: MapXy,
    /// The corner with the largest x and y.
    pub max: MapXy,
}

impl BoundsXy {
    /// The bounds of `points`, `None` if there are none.
    ///
    /// ```
    /// use bmd_atlas::{basemap::BoundsXy, geodesy::MapXy};
    /// let b = BoundsXy::of(&[MapXy { x: 1.0, y: 5.0 }, MapXy { x: -2.0, y: 3.0 }]).unwrap();
    /// assert_eq!((b.min.x, b.max.y), (-2.0, 5.0));
    /// ```
    pub fn of(points: &[MapXy]) -> Option<BoundsXy> {
        let first = *points.first()?;
        Some(points.iter().fold(
            BoundsXy {
                min: first,
                max: first,
            },
            |b, p| BoundsXy {
                min: MapXy {
                    x: b.min.x.min(p.x),
                    y: b.min.y.min(p.y),
                },
                max: MapXy {
                    x: b.max.x.max(p.x),
                    y: b.max.y.max(p.y),
                },
            },
        ))
    }

    /// Whether two boxes overlap (touching counts).
    pub fn intersects(&self, other: &BoundsXy) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    /// Whether `p` lies inside or on the box.
    pub fn contains(&self, p: MapXy) -> bool {
        (self.min.x..=self.max.x).contains(&p.x) && (self.min.y..=self.max.y).contains(&p.y)
    }
}

/// A filled polygon, triangulated once, with its bounds for culling.
#[derive(Clone, Debug)]
pub struct FillMesh {
    /// The bounds of `vertices`.
    pub bounds: BoundsXy,
    /// Projected vertices (the polygon's exterior ring, then its holes).
    pub vertices: Vec<MapXy>,
    /// Triangles as triples of indices into `vertices`.
    pub indices: Vec<u32>,
}

impl FillMesh {
    /// The triangles' corners.
    pub fn triangles(&self) -> impl Iterator<Item = [MapXy; 3]> + '_ {
        self.indices.chunks_exact(3).filter_map(|t| {
            let corner = |i: u32| self.vertices.get(i as usize).copied();
            Some([corner(t[0])?, corner(t[1])?, corner(t[2])?])
        })
    }

    /// Whether `p` lies in (or on the edge of) one of the triangles.
    pub fn contains(&self, p: MapXy) -> bool {
        self.bounds.contains(p)
            && self
                .triangles()
                .any(|[a, b, c]| point_in_triangle(p, a, b, c))
    }
}

/// Whether `p` lies inside or on triangle `a b c` (either winding).
pub fn point_in_triangle(p: MapXy, a: MapXy, b: MapXy, c: MapXy) -> bool {
    let d1 = cross(a, b, p);
    let d2 = cross(b, c, p);
    let d3 = cross(c, a, p);
    let has_negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let has_positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(has_negative && has_positive)
}

/// The z component of (b − a) × (p − a): positive when `p` is left of the line a→b.
fn cross(a: MapXy, b: MapXy, p: MapXy) -> f64 {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

/// An open or closed line with its bounds for culling.
#[derive(Clone, Debug)]
pub struct Polyline {
    /// The bounds of `points`.
    pub bounds: BoundsXy,
    /// Projected points, at least two, no two consecutive ones equal.
    pub points: Vec<MapXy>,
}

/// One scale of the basemap in one projection: ready to draw.
#[derive(Clone, Debug)]
pub struct ProjectedBasemap {
    /// The level of detail.
    pub scale: Scale,
    /// The projection the coordinates are in.
    pub projection: ProjectionKind,
    /// Land, triangulated; big polygons come in pieces of up to about 2 500 points, so their
    /// bounds cull well.
    pub land: Vec<FillMesh>,
    /// Coastlines (arcs used by one country only).
    pub coastlines: Vec<Polyline>,
    /// Land borders (arcs shared by two countries), each drawn once.
    pub borders: Vec<Polyline>,
}

impl ProjectedBasemap {
    /// Total vertices of land meshes, coastlines and borders (for benchmarks and the status bar).
    pub fn point_count(&self) -> usize {
        let land: usize = self.land.iter().map(|m| m.vertices.len()).sum();
        let lines: usize = self
            .coastlines
            .iter()
            .chain(&self.borders)
            .map(|l| l.points.len())
            .sum();
        land + lines
    }

    /// Whether `p` (projected metres) lies on land.
    pub fn is_land(&self, p: MapXy) -> bool {
        self.land.iter().any(|mesh| mesh.contains(p))
    }
}

/// Builds one scale in one projection (tens of milliseconds at 1:10m in a release build; use
/// [`cached`] from the UI).
pub fn project(scale: Scale, projection: ProjectionKind) -> Result<ProjectedBasemap, String> {
    let region = LonLatBox::from_region(projection.region())?;
    let forward = projection.projection();
    // Land and lines are independent: build the lines on a second thread (falling back to this
    // one if a thread cannot be had).
    let (land, lines) = std::thread::scope(|s| {
        let lines = std::thread::Builder::new()
            .name("basemap lines".to_owned())
            .spawn_scoped(s, || project_lines(scale, &region, forward));
        let land = project_land(scale, &region, forward);
        let lines = match lines {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err("the basemap line thread panicked".to_owned())),
            Err(_) => project_lines(scale, &region, forward),
        };
        (land, lines)
    });
    let (coastlines, borders) = lines?;
    Ok(ProjectedBasemap {
        scale,
        projection,
        land: land?,
        coastlines,
        borders,
    })
}

/// The land polygons of `scale`, clipped to `region`, projected and triangulated.
fn project_land(
    scale: Scale,
    region: &LonLatBox,
    forward: &dyn Projection,
) -> Result<Vec<FillMesh>, String> {
    let topology = scale.land()?;
    let object = topology
        .object("land")
        .ok_or_else(|| format!("{} land: no \"land\" object", scale.label()))?;
    let mut land = Vec::new();
    for polygon in object.geometries.iter().flat_map(|g| &g.polygons) {
        let rings: Vec<Vec<LonLat>> = polygon
            .iter()
            .map(|ring| topology.ring_points(ring))
            .collect();
        for clipped in clip_polygon(&rings, region) {
            for piece in split_polygon(clipped, MAX_MESH_POINTS) {
                if let Some(mesh) = fill_mesh(&piece, forward)? {
                    land.push(mesh);
                }
            }
        }
    }
    Ok(land)
}

/// The coastlines and borders of `scale`, clipped to `region` and projected.
fn project_lines(
    scale: Scale,
    region: &LonLatBox,
    forward: &dyn Projection,
) -> Result<(Vec<Polyline>, Vec<Polyline>), String> {
    let topology = scale.countries()?;
    let object = topology
        .object("countries")
        .ok_or_else(|| format!("{} countries: no \"countries\" object", scale.label()))?;
    let mut coastlines = Vec::new();
    let mut borders = Vec::new();
    for (arc, class) in topology.arcs.iter().zip(topology.classify_arcs(object)) {
        let out = match class {
            ArcClass::Coastline => &mut coastlines,
            ArcClass::Border => &mut borders,
            ArcClass::Unused | ArcClass::Interior => continue,
        };
        project_line(arc, region, forward, out);
    }
    Ok((coastlines, borders))
}

/// Like [`project`], but builds each (scale, projection) only once per process and shares it.
/// Errors are not cached.
pub fn cached(scale: Scale, projection: ProjectionKind) -> Result<Arc<ProjectedBasemap>, String> {
    type Cache = Mutex<HashMap<(Scale, ProjectionKind), Arc<ProjectedBasemap>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    // A panic elsewhere while holding the lock cannot leave the map half-updated (inserts are
    // single calls), so a poisoned lock is still fine to use.
    fn lock(
        cache: &Cache,
    ) -> MutexGuard<'_, HashMap<(Scale, ProjectionKind), Arc<ProjectedBasemap>>> {
        cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    let cache = CACHE.get_or_init(Default::default);
    let key = (scale, projection);
    if let Some(hit) = lock(cache).get(&key) {
        return Ok(Arc::clone(hit));
    }
    // Built without holding the lock, so other scales stay available meanwhile; if two threads
    // race, the first result stored wins and both get it.
    let built = Arc::new(project(scale, projection)?);
    Ok(Arc::clone(lock(cache).entry(key).or_insert(built)))
}

/// Densifies, projects and triangulates one clipped polygon (open rings, exterior first, then
/// holes); `None` when nothing of substance is left.
fn fill_mesh(rings: &[Vec<LonLat>], forward: &dyn Projection) -> Result<Option<FillMesh>, String> {
    let project_ring = |ring: &Vec<LonLat>| -> Option<LineString<f64>> {
        let mut points: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
        for p in densify(ring, true, MAX_STEP_DEG) {
            if let Some(xy) = project_point(forward, p) {
                let c = Coord { x: xy.x, y: xy.y };
                if points.last() != Some(&c) {
                    points.push(c);
                }
            }
        }
        while points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        // geo closes the ring; earcut needs at least three distinct corners.
        (points.len() >= 3).then(|| LineString::new(points))
    };
    let Some((exterior, holes)) = rings.split_first() else {
        return Ok(None);
    };
    let Some(exterior) = project_ring(exterior) else {
        return Ok(None);
    };
    let holes: Vec<LineString<f64>> = holes.iter().filter_map(project_ring).collect();
    let raw = Polygon::new(exterior, holes).earcut_triangles_raw();
    if raw.triangle_indices.is_empty() {
        return Ok(None);
    }
    let indices = raw
        .triangle_indices
        .into_iter()
        .map(u32::try_from)
        .collect::<Result<Vec<u32>, _>>()
        .map_err(|_| "a land polygon has more than 2^32 vertices".to_owned())?;
    let vertices: Vec<MapXy> = raw
        .vertices
        .into_iter()
        .map(|[x, y]| MapXy { x, y })
        .collect();
    Ok(BoundsXy::of(&vertices).map(|bounds| FillMesh {
        bounds,
        vertices,
        indices,
    }))
}

/// Clips, densifies and projects one arc into `out` (one polyline per piece left; a point the
/// projection cannot take also splits the line).
fn project_line(
    arc: &[LonLat],
    region: &LonLatBox,
    forward: &dyn Projection,
    out: &mut Vec<Polyline>,
) {
    fn finish(points: &mut Vec<MapXy>, out: &mut Vec<Polyline>) {
        points.dedup();
        if points.len() >= 2
            && let Some(bounds) = BoundsXy::of(points)
        {
            out.push(Polyline {
                bounds,
                points: std::mem::take(points),
            });
        }
        points.clear();
    }

    for clipped in clip_line(arc, region) {
        let mut points = Vec::with_capacity(clipped.len());
        for p in densify(&clipped, false, MAX_STEP_DEG) {
            match project_point(forward, p) {
                Some(xy) => points.push(xy),
                None => finish(&mut points, out),
            }
        }
        finish(&mut points, out);
    }
}

/// Projects a `[lon, lat]` point, `None` if the projection cannot or gives a non-finite result.
fn project_point(forward: &dyn Projection, [lon, lat]: LonLat) -> Option<MapXy> {
    forward
        .forward(geo::Point::new(lon, lat))
        .filter(|xy| xy.x.is_finite() && xy.y.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn projected(kind: ProjectionKind, lon: f64, lat: f64) -> MapXy {
        kind.projection()
            .forward(geo::Point::new(lon, lat))
            .expect("test point projects")
    }

    #[test]
    fn all_scales_decode_with_more_detail_at_finer_scales() {
        let mut previous: Option<(usize, usize)> = None;
        for scale in Scale::ALL {
            let countries = scale.countries().unwrap();
            let land = scale.land().unwrap();
            let names: Vec<&str> = countries
                .object("countries")
                .unwrap()
                .geometries
                .iter()
                .filter_map(|g| g.name.as_deref())
                .collect();
            assert!(names.len() >= 170, "{scale:?}: {} countries", names.len());
            for name in ["Germany", "France", "Poland", "Russia", "Greenland", "Iran"] {
                assert!(names.contains(&name), "{scale:?}: no {name}");
            }
            let land_polygons = land.object("land").unwrap().geometries[0].polygons.len();
            assert!(
                land_polygons >= 100,
                "{scale:?}: {land_polygons} land polygons"
            );
            let points = (countries.point_count(), land.point_count());
            if let Some(coarser) = previous {
                assert!(
                    points.0 > coarser.0 && points.1 > coarser.1,
                    "{scale:?}: {points:?} vs {coarser:?}"
                );
            }
            previous = Some(points);
        }
    }

    #[test]
    fn scale_for_zoom_and_labels() {
        assert_eq!(Scale::for_metres_per_pixel(10_000.0), Scale::Coarse110m);
        assert_eq!(Scale::for_metres_per_pixel(3_000.1), Scale::Coarse110m);
        assert_eq!(Scale::for_metres_per_pixel(3_000.0), Scale::Medium50m);
        assert_eq!(Scale::for_metres_per_pixel(700.0), Scale::Medium50m);
        assert_eq!(Scale::for_metres_per_pixel(699.9), Scale::Fine10m);
        assert_eq!(Scale::for_metres_per_pixel(5.0), Scale::Fine10m);
        assert_eq!(Scale::for_metres_per_pixel(f64::NAN), Scale::Coarse110m);
        let labels: Vec<_> = Scale::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["1:110m", "1:50m", "1:10m"]);
    }

    #[test]
    fn point_in_triangle_either_winding() {
        let [a, b, c] = [
            MapXy { x: 0.0, y: 0.0 },
            MapXy { x: 4.0, y: 0.0 },
            MapXy { x: 0.0, y: 4.0 },
        ];
        let inside = MapXy { x: 1.0, y: 1.0 };
        let edge = MapXy { x: 2.0, y: 2.0 };
        let outside = MapXy { x: 3.0, y: 3.0 };
        for (a, b, c) in [(a, b, c), (a, c, b)] {
            assert!(point_in_triangle(inside, a, b, c));
            assert!(point_in_triangle(edge, a, b, c));
            assert!(!point_in_triangle(outside, a, b, c));
        }
    }

    fn assert_all_finite(map: &ProjectedBasemap) {
        let finite = |p: &MapXy| p.x.is_finite() && p.y.is_finite();
        assert!(map.land.iter().all(|m| m.vertices.iter().all(finite)));
        assert!(
            map.coastlines
                .iter()
                .chain(&map.borders)
                .all(|l| l.points.iter().all(finite))
        );
    }

    fn assert_well_formed(map: &ProjectedBasemap) {
        for mesh in &map.land {
            assert!(!mesh.indices.is_empty() && mesh.indices.len() % 3 == 0);
            assert!(
                mesh.indices
                    .iter()
                    .all(|&i| (i as usize) < mesh.vertices.len())
            );
            assert_eq!(BoundsXy::of(&mesh.vertices), Some(mesh.bounds));
        }
        for line in map.coastlines.iter().chain(&map.borders) {
            assert!(line.points.len() >= 2);
            assert_eq!(BoundsXy::of(&line.points), Some(line.bounds));
        }
    }

    #[test]
    fn europe_at_50m_has_land_sea_and_borders_in_the_right_places() {
        let kind = ProjectionKind::EuropeEqualArea;
        let map = project(Scale::Medium50m, kind).unwrap();
        assert_all_finite(&map);
        assert_well_formed(&map);
        assert!(map.is_land(projected(kind, 10.0, 51.0)), "Germany");
        assert!(map.is_land(projected(kind, 2.35, 48.85)), "Paris");
        assert!(!map.is_land(projected(kind, -6.0, 46.0)), "Bay of Biscay");
        assert!(!map.is_land(projected(kind, 3.0, 56.0)), "North Sea");
        assert!(!map.is_land(projected(kind, 18.0, 35.0)), "Ionian Sea");
        assert!(!map.is_land(projected(kind, 0.0, 67.0)), "Norwegian Sea");
        assert!(map.is_land(projected(kind, 20.0, 68.0)), "Lapland");
        assert!(
            map.is_land(projected(kind, 99.0, 65.0)),
            "Siberia, by the region's edge"
        );
        assert!(!map.borders.is_empty());
        assert!(!map.coastlines.is_empty());
        // Borders where borders are, coastlines where coasts are, within 25 km.
        let near = |lines: &[Polyline], lon: f64, lat: f64, km: f64| {
            let p = projected(kind, lon, lat);
            lines
                .iter()
                .flat_map(|l| &l.points)
                .any(|q| (q.x - p.x).hypot(q.y - p.y) < km * 1000.0)
        };
        assert!(near(&map.borders, 1.0, 42.6, 25.0), "Pyrenees border");
        assert!(
            near(&map.borders, 14.8, 50.9, 25.0),
            "German–Polish–Czech border"
        );
        assert!(near(&map.coastlines, -4.6, 48.4, 25.0), "Brest coast");
        assert!(
            !near(&map.borders, -6.0, 46.0, 150.0),
            "no border in Biscay"
        );
        assert!(
            !near(&map.coastlines, 10.0, 51.0, 150.0),
            "no coast in central Germany"
        );
        // Each border once: no two polylines with the same points (either way round).
        let mut seen = std::collections::HashSet::new();
        for line in &map.borders {
            let mut key: Vec<(u64, u64)> = line
                .points
                .iter()
                .map(|p| (p.x.to_bits(), p.y.to_bits()))
                .collect();
            if key.first() > key.last() {
                key.reverse();
            }
            assert!(seen.insert(key), "border drawn twice");
        }
        // Nothing outside the region [-45, 10, 100, 85] survives: the southernmost point of
        // any line is no further south than 10°N (with a little slack for float error).
        let proj = kind.projection();
        let south_limit = map
            .coastlines
            .iter()
            .chain(&map.borders)
            .flat_map(|l| &l.points)
            .filter_map(|&p| proj.inverse(p))
            .map(|p| p.y())
            .fold(f64::INFINITY, f64::min);
        assert!(south_limit >= 10.0 - 1e-6, "{south_limit}");
        assert_eq!(map.scale, Scale::Medium50m);
        assert_eq!(map.projection, kind);
        assert!(map.point_count() > 10_000);
    }

    #[test]
    fn arctic_projection_works() {
        let kind = ProjectionKind::ArcticPolar;
        for scale in [Scale::Coarse110m, Scale::Medium50m] {
            arctic_at(kind, scale);
        }
    }

    fn arctic_at(kind: ProjectionKind, scale: Scale) {
        let map = project(scale, kind).unwrap();
        assert_all_finite(&map);
        assert_well_formed(&map);
        assert!(
            map.is_land(projected(kind, -42.0, 72.0)),
            "{scale:?}: Greenland"
        );
        assert!(
            map.is_land(projected(kind, 100.0, 65.0)),
            "{scale:?}: Siberia"
        );
        assert!(
            map.is_land(projected(kind, 178.0, 66.0)),
            "{scale:?}: Chukotka west of 180°"
        );
        assert!(
            map.is_land(projected(kind, -176.0, 66.5)),
            "{scale:?}: Chukotka east of 180°"
        );
        assert!(
            map.is_land(projected(kind, -150.0, 65.0)),
            "{scale:?}: Alaska"
        );
        assert!(
            !map.is_land(projected(kind, 0.0, 67.0)),
            "{scale:?}: Norwegian Sea"
        );
        assert!(
            !map.is_land(projected(kind, 0.0, 88.0)),
            "{scale:?}: near the pole"
        );
        assert!(!map.borders.is_empty());
    }

    fn triangle_area(a: MapXy, b: MapXy, c: MapXy) -> f64 {
        cross(a, b, c).abs() / 2.0
    }

    /// Shoelace area of a projected ring.
    fn projected_ring_area(ring: &[LonLat], forward: &dyn Projection) -> f64 {
        let points: Vec<MapXy> = densify(ring, true, MAX_STEP_DEG)
            .into_iter()
            .filter_map(|p| project_point(forward, p))
            .collect();
        let Some(&last) = points.last() else {
            return 0.0;
        };
        let mut prev = last;
        let mut twice = 0.0;
        for &p in &points {
            twice += prev.x * p.y - p.x * prev.y;
            prev = p;
        }
        (twice / 2.0).abs()
    }

    /// Every land mesh covers exactly its polygon: the triangles' areas add up to the exterior's
    /// area minus the holes'. Overlapping or missing triangles (earcut fed a self-intersecting
    /// ring, e.g. one crossing the antimeridian) would show here.
    #[test]
    fn land_meshes_cover_exactly_their_polygons() {
        for kind in ProjectionKind::ALL {
            let region = LonLatBox::from_region(kind.region()).unwrap();
            let forward = kind.projection();
            let topology = Scale::Medium50m.land().unwrap();
            let land = topology.object("land").unwrap();
            let mut total = 0.0;
            for polygon in land.geometries.iter().flat_map(|g| &g.polygons) {
                let rings: Vec<Vec<LonLat>> =
                    polygon.iter().map(|r| topology.ring_points(r)).collect();
                let pieces = clip_polygon(&rings, &region)
                    .into_iter()
                    .flat_map(|clipped| split_polygon(clipped, MAX_MESH_POINTS));
                for piece in pieces {
                    let mut areas = piece.iter().map(|r| projected_ring_area(r, forward));
                    let exterior = areas.next().unwrap_or(0.0);
                    let expected = exterior - areas.sum::<f64>();
                    let meshed: f64 = fill_mesh(&piece, forward)
                        .unwrap()
                        .map(|m| m.triangles().map(|[a, b, c]| triangle_area(a, b, c)).sum())
                        .unwrap_or(0.0);
                    // 1 km² or a millionth, whichever is larger.
                    let tolerance = (expected * 1e-6).max(1e6);
                    assert!(
                        (meshed - expected).abs() <= tolerance,
                        "{kind:?}: polygon of {} points: {meshed} m² meshed, {expected} m² expected",
                        piece[0].len()
                    );
                    total += expected;
                }
            }
            // Sanity: Europe's region holds roughly 50 million km² of land, the northern
            // hemisphere about 100 million km² (projected areas, not exact on the ground).
            assert!(total > 3e13, "{kind:?}: {total} m² of land");
        }
    }

    #[test]
    fn finer_scales_project_to_more_points() {
        let counts: Vec<usize> = Scale::ALL
            .iter()
            .map(|&scale| {
                let map = project(scale, ProjectionKind::EuropeEqualArea).unwrap();
                assert_all_finite(&map);
                map.point_count()
            })
            .collect();
        assert!(counts[0] < counts[1] && counts[1] < counts[2], "{counts:?}");
    }

    /// Build times and sizes, for a look in a release build:
    /// `cargo test --release --lib basemap::tests::print_build_times -- --ignored --nocapture`.
    #[test]
    #[ignore = "prints timings only"]
    fn print_build_times() {
        for kind in ProjectionKind::ALL {
            for scale in Scale::ALL {
                let start = std::time::Instant::now();
                let (countries, land) = (scale.countries().unwrap(), scale.land().unwrap());
                let decoded = start.elapsed();
                let map = project(scale, kind).unwrap();
                let total = start.elapsed() - decoded;
                println!(
                    "{kind:?} {}: decode {decoded:.1?} ({} + {} arc points), project {total:.1?}: \
                     {} meshes, {} triangles, {} coastlines, {} borders, {} points",
                    scale.label(),
                    countries.point_count(),
                    land.point_count(),
                    map.land.len(),
                    map.land.iter().map(|m| m.indices.len() / 3).sum::<usize>(),
                    map.coastlines.len(),
                    map.borders.len(),
                    map.point_count(),
                );
            }
        }
    }

    #[test]
    fn cached_builds_once() {
        let a = cached(Scale::Coarse110m, ProjectionKind::EuropeEqualArea).unwrap();
        let b = cached(Scale::Coarse110m, ProjectionKind::EuropeEqualArea).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.scale, Scale::Coarse110m);
    }
}
