//! One scale in one projection: clipped, densified, projected and triangulated.

use std::sync::{Arc, OnceLock};

use geo::{Coord, LineString, Polygon, TriangulateEarcut};
use rayon::prelude::*;

use super::clip::{LonLatBox, clip_line, clip_polygon, densify, split_polygon};
use super::topology::{ArcClass, LonLat};
use super::{BoundsXy, FillMesh, LandPiece, Polyline, Scale};
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
    /// Land as polygons; big ones come in pieces of up to about 2 500 points, so their bounds
    /// cull well. Pages draw these outlines; the window fills [`Self::land_meshes`].
    pub land: Vec<LandPiece>,
    /// Coastlines (arcs used by one country only).
    pub coastlines: Vec<Polyline>,
    /// Land borders (arcs shared by two countries), each drawn once.
    pub borders: Vec<Polyline>,
    /// The land pieces triangulated, built the first time they are asked for.
    meshes: OnceLock<Arc<Vec<FillMesh>>>,
    /// The land as whole polygons (not cut, not triangulated), built the first time it is asked
    /// for.
    polygons: OnceLock<Result<Arc<Vec<Polygon<f64>>>, String>>,
}

impl ProjectedBasemap {
    /// A basemap of these shapes (their meshes and whole polygons made when asked for).
    pub(super) fn new(
        scale: Scale,
        projection: ProjectionKind,
        land: Vec<LandPiece>,
        coastlines: Vec<Polyline>,
        borders: Vec<Polyline>,
    ) -> ProjectedBasemap {
        ProjectedBasemap {
            scale,
            projection,
            land,
            coastlines,
            borders,
            meshes: OnceLock::new(),
            polygons: OnceLock::new(),
        }
    }

    /// Total vertices of land, coastlines and borders (for benchmarks and the status bar).
    pub fn point_count(&self) -> usize {
        let land: usize = self.land.iter().map(LandPiece::point_count).sum();
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
        self.land_meshes().iter().any(|mesh| mesh.contains(p))
    }

    /// [`Self::land`] triangulated (earcut), one mesh per piece, for the window's GPU fill and
    /// the analysis grid's land test. Built once, on the pool, the first time it is asked for
    /// (a page draws the outlines and never needs it: at 1:10m that is 25 ms of work saved),
    /// kept while this basemap lives.
    pub fn land_meshes(&self) -> Arc<Vec<FillMesh>> {
        Arc::clone(
            self.meshes
                .get_or_init(|| Arc::new(self.land.par_iter().filter_map(fill_mesh).collect())),
        )
    }

    /// The land as whole polygons in projected metres, clipped to the projection's region, for
    /// geometry that must follow the coast (footprints clipped to land). Built once, kept while
    /// this basemap lives.
    pub fn land_polygons(&self) -> Result<Arc<Vec<Polygon<f64>>>, String> {
        self.polygons
            .get_or_init(|| {
                let region = LonLatBox::from_region(self.projection.region())?;
                let projector = self.projection.projection();
                let forward = projector.as_dyn();
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
    let projector = projection.projection();
    let forward = projector.as_dyn();
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
    Ok(ProjectedBasemap::new(
        scale, projection, land?, coastlines, borders,
    ))
}

/// The land polygons of `scale`, clipped to `region`, cut into pieces and projected; the
/// polygons in parallel (the land is the longer half of a basemap).
fn project_land(
    scale: Scale,
    region: &LonLatBox,
    forward: &dyn Projection,
) -> Result<Vec<LandPiece>, String> {
    // Each clipped polygon is cut, projected and dropped in turn: its pieces are never all held.
    Ok(clipped_land(scale, region)?
        .into_par_iter()
        .flat_map_iter(|clipped| split_polygon(clipped, MAX_MESH_POINTS))
        .filter_map(|piece| project_piece(&piece, forward))
        .collect())
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

/// A ring densified and projected, open (its last point is not its first); `None` with fewer
/// than three distinct corners.
fn project_ring(ring: &[LonLat], forward: &dyn Projection) -> Option<Vec<MapXy>> {
    let mut points: Vec<MapXy> = Vec::with_capacity(ring.len());
    for p in densify(ring, true, MAX_STEP_DEG) {
        if let Some(xy) = project_point(forward, p)
            && points.last() != Some(&xy)
        {
            points.push(xy);
        }
    }
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    (points.len() >= 3).then_some(points)
}

/// One clipped polygon (exterior first, then holes) densified and projected, the exterior
/// turned counter-clockwise and the holes clockwise (the data and the clipping leave some either
/// way), so that pieces filled together under the non-zero rule leave no seams along their cuts;
/// `None` if its exterior does not survive.
fn project_piece(rings: &[Vec<LonLat>], forward: &dyn Projection) -> Option<LandPiece> {
    let (exterior, holes) = rings.split_first()?;
    let exterior = turned(project_ring(exterior, forward)?, true);
    let bounds = BoundsXy::of(&exterior)?;
    let holes = holes
        .iter()
        .filter_map(|h| project_ring(h, forward))
        .map(|h| turned(h, false));
    let rings = std::iter::once(exterior).chain(holes).collect();
    Some(LandPiece { bounds, rings })
}

/// `ring` running counter-clockwise (positive shoelace area) when `counter_clockwise`, else
/// clockwise.
fn turned(mut ring: Vec<MapXy>, counter_clockwise: bool) -> Vec<MapXy> {
    if (signed_area_twice(&ring) > 0.0) != counter_clockwise {
        ring.reverse();
    }
    ring
}

/// Twice a ring's signed area (the shoelace formula), positive when it runs counter-clockwise.
fn signed_area_twice(ring: &[MapXy]) -> f64 {
    let Some(&last) = ring.last() else {
        return 0.0;
    };
    let mut prev = last;
    let mut twice = 0.0;
    for &p in ring {
        twice += prev.x * p.y - p.x * prev.y;
        prev = p;
    }
    twice
}

/// [`project_piece`] as a `geo` polygon (for boolean operations with footprints).
fn project_polygon(rings: &[Vec<LonLat>], forward: &dyn Projection) -> Option<Polygon<f64>> {
    let piece = project_piece(rings, forward)?;
    let ring = |points: &Vec<MapXy>| {
        LineString::new(points.iter().map(|p| Coord { x: p.x, y: p.y }).collect())
    };
    let (exterior, holes) = piece.rings.split_first()?;
    Some(Polygon::new(
        ring(exterior),
        holes.iter().map(ring).collect(),
    ))
}

/// One land piece triangulated (earcut); `None` when nothing of substance is left. A piece has
/// a few thousand points at most, so its vertex indices always fit in 32 bits.
fn fill_mesh(piece: &LandPiece) -> Option<FillMesh> {
    let ring = |points: &Vec<MapXy>| {
        LineString::new(points.iter().map(|p| Coord { x: p.x, y: p.y }).collect())
    };
    let (exterior, holes) = piece.rings.split_first()?;
    let polygon = Polygon::new(ring(exterior), holes.iter().map(ring).collect());
    let raw = polygon.earcut_triangles_raw();
    if raw.triangle_indices.is_empty() {
        return None;
    }
    let indices = raw
        .triangle_indices
        .into_iter()
        .map(u32::try_from)
        .collect::<Result<Vec<u32>, _>>()
        .ok()?;
    let vertices: Vec<MapXy> = raw
        .vertices
        .into_iter()
        .map(|[x, y]| MapXy { x, y })
        .collect();
    Some(FillMesh {
        bounds: BoundsXy::of(&vertices)?,
        vertices,
        indices,
    })
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
        assert!(
            map.land
                .iter()
                .flat_map(|p| &p.rings)
                .all(|r| r.iter().all(finite))
        );
        assert!(
            map.coastlines
                .iter()
                .chain(&map.borders)
                .all(|l| l.points.iter().all(finite))
        );
    }

    fn assert_well_formed(map: &ProjectedBasemap) {
        for piece in &map.land {
            assert!(piece.rings.iter().all(|r| r.len() >= 3));
            assert!(
                piece.rings.iter().all(|r| r.first() != r.last()),
                "open rings"
            );
            assert_eq!(BoundsXy::of(&piece.rings[0]), Some(piece.bounds));
        }
        let meshes = map.land_meshes();
        assert!(meshes.len() <= map.land.len() && meshes.len() * 10 > map.land.len() * 9);
        for mesh in meshes.iter() {
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
        (signed_area_twice(&points) / 2.0).abs()
    }

    /// Every land mesh covers exactly its polygon: the triangles' areas add up to the exterior's
    /// area minus the holes'. Overlapping or missing triangles (earcut fed a self-intersecting
    /// ring, e.g. one crossing the antimeridian) would show here.
    #[test]
    fn land_meshes_cover_exactly_their_polygons() {
        for kind in ProjectionKind::ALL {
            let region = LonLatBox::from_region(kind.region()).unwrap();
            let projector = kind.projection();
            let forward = projector.as_dyn();
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
                    let meshed: f64 = project_piece(&piece, forward)
                        .and_then(|p| fill_mesh(&p))
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

    /// Pages fill the land pieces as one non-zero path: that shows holes (the Caspian) only if
    /// every hole turns against its exterior, and no seams along the cuts only if all pieces
    /// turn the same way.
    #[test]
    fn land_holes_turn_against_their_exteriors_and_pieces_all_one_way() {
        for kind in ProjectionKind::ALL {
            let map = project(Scale::Medium50m, kind).unwrap();
            let mut ways = std::collections::HashSet::new();
            let mut holes = 0;
            for piece in &map.land {
                let exterior = signed_area_twice(&piece.rings[0]).signum();
                ways.insert(exterior as i32);
                for hole in &piece.rings[1..] {
                    assert_eq!(signed_area_twice(hole).signum(), -exterior, "{kind:?}");
                    holes += 1;
                }
            }
            assert_eq!(ways.len(), 1, "{kind:?}: pieces turn both ways");
            assert!(holes > 0, "{kind:?}: the Caspian at least");
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
