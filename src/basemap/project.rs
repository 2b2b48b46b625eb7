//! One scale in one projection: clipped, densified, projected and triangulated.

use std::sync::{Arc, OnceLock};

use geo::{Coord, LineString, Polygon, TriangulateEarcut};
use rayon::prelude::*;

use super::clip::{LonLatBox, clip_line, clip_polygon, densify, split_polygon};
use super::outline::mesh_outline;
use super::topology::{ArcClass, LonLat};
use super::{BoundsXy, FillMesh, Polyline, Scale};
use crate::geodesy::{MapXy, Projection, ProjectionKind};

/// Segments longer than this (in degrees of longitude/latitude) are split before projecting.
const MAX_STEP_DEG: f64 = 1.0;

/// Land polygons with more points than this are cut into pieces before triangulating (faster
/// earcut, and meshes small enough to cull).
const MAX_MESH_POINTS: usize = 2500;

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
    /// The outline of each land mesh, built the first time it is asked for.
    outlines: OnceLock<Arc<Outlines>>,
    /// The land as whole polygons (not cut, not triangulated), built the first time it is asked
    /// for.
    polygons: OnceLock<Result<Arc<Vec<Polygon<f64>>>, String>>,
}

/// For each land mesh, its outline as closed loops of vertex indices.
pub type Outlines = Vec<Vec<Vec<u32>>>;

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

    /// For each of [`Self::land`]'s meshes, its boundary as closed loops of vertex indices (the
    /// outer ring counter-clockwise, holes clockwise), for drawing land as paths. Built once,
    /// kept while this basemap lives.
    pub fn land_outlines(&self) -> Arc<Outlines> {
        Arc::clone(
            self.outlines
                .get_or_init(|| Arc::new(self.land.iter().map(mesh_outline).collect())),
        )
    }

    /// The land as whole polygons in projected metres, clipped to the projection's region, for
    /// geometry that must follow the coast (footprints clipped to land). Built once, kept while
    /// this basemap lives.
    pub fn land_polygons(&self) -> Result<Arc<Vec<Polygon<f64>>>, String> {
        self.polygons
            .get_or_init(|| {
                let region = LonLatBox::from_region(self.projection.region())?;
                let forward = self.projection.projection();
                let land = clipped_land(self.scale, &region)?
                    .iter()
                    .filter_map(|clipped| project_polygon(clipped, forward))
                    .collect();
                Ok(Arc::new(land))
            })
            .clone()
    }
}

/// Builds one scale in one projection (tens of milliseconds at 1:10m in a release build; hold
/// a [`super::Basemaps`] to build each only once).
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
        outlines: OnceLock::new(),
        polygons: OnceLock::new(),
    })
}

/// The land polygons of `scale`, clipped to `region`, projected and triangulated; the pieces
/// in parallel (the land is the longer half of a basemap: at 1:10m it took 80 ms on one thread
/// while the lines took 35 on the other).
fn project_land(
    scale: Scale,
    region: &LonLatBox,
    forward: &dyn Projection,
) -> Result<Vec<FillMesh>, String> {
    // Each clipped polygon is cut, meshed and dropped in turn: its pieces are never all held.
    let meshes = clipped_land(scale, region)?
        .into_par_iter()
        .flat_map_iter(|clipped| split_polygon(clipped, MAX_MESH_POINTS))
        .map(|piece| fill_mesh(&piece, forward))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(meshes.into_iter().flatten().collect())
}

/// The land polygons of `scale` clipped to `region`, in longitude and latitude: each polygon's
/// open rings, exterior first, then holes.
fn clipped_land(scale: Scale, region: &LonLatBox) -> Result<Vec<Vec<Vec<LonLat>>>, String> {
    let topology = scale.land()?;
    let object = topology
        .object("land")
        .ok_or_else(|| format!("{} land: no \"land\" object", scale.label()))?;
    let polygons: Vec<_> = object.geometries.iter().flat_map(|g| &g.polygons).collect();
    let clipped = polygons.par_iter().flat_map_iter(|polygon| {
        let rings: Vec<Vec<LonLat>> = polygon
            .iter()
            .map(|ring| topology.ring_points(ring))
            .collect();
        clip_polygon(&rings, region)
    });
    Ok(clipped.collect())
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

/// A ring densified and projected, open (geo closes it); `None` with fewer than three distinct
/// corners.
fn project_ring(ring: &[LonLat], forward: &dyn Projection) -> Option<LineString<f64>> {
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
    (points.len() >= 3).then(|| LineString::new(points))
}

/// One clipped polygon (exterior first, then holes) densified and projected; `None` if its
/// exterior does not survive.
fn project_polygon(rings: &[Vec<LonLat>], forward: &dyn Projection) -> Option<Polygon<f64>> {
    let (exterior, holes) = rings.split_first()?;
    let exterior = project_ring(exterior, forward)?;
    let holes = holes
        .iter()
        .filter_map(|h| project_ring(h, forward))
        .collect();
    Some(Polygon::new(exterior, holes))
}

/// Densifies, projects and triangulates one clipped polygon (open rings, exterior first, then
/// holes); `None` when nothing of substance is left.
fn fill_mesh(rings: &[Vec<LonLat>], forward: &dyn Projection) -> Result<Option<FillMesh>, String> {
    let Some(polygon) = project_polygon(rings, forward) else {
        return Ok(None);
    };
    let raw = polygon.earcut_triangles_raw();
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
    use super::super::shapes::cross;
    use super::*;

    fn projected(kind: ProjectionKind, lon: f64, lat: f64) -> MapXy {
        kind.projection()
            .forward(geo::Point::new(lon, lat))
            .expect("test point projects")
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
}
