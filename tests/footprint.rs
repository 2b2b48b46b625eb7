//! The defended footprint drawn as smooth regions: the same cells as the analysis grid, without
//! its staircase, in every output.

use bmd_atlas::analysis::{Analysis, CellState};
use bmd_atlas::picture::{Feature, FeatureKind, Geometry, Picture, footprint};
use bmd_atlas::scenario::{self, Scenario};
use geo::{Area, Contains, MultiPolygon, Point};

fn analysed(land_only: bool) -> (Scenario, Analysis) {
    let mut s = scenario::built_in();
    s.assumptions.grid_land_only = land_only;
    s.presentation.layers.footprint = true;
    let result = crate::common::analyze(&s);
    (s, result)
}

fn regions(result: &Analysis) -> Vec<(CellState, MultiPolygon<f64>)> {
    let states = footprint::cell_states(result, None);
    footprint::regions(&result.defended.grid, &states)
}

/// For each drawn state: (cells of it, their area km², the regions' area km², share of its
/// cell centres inside its regions).
fn compare(result: &Analysis) -> Vec<(CellState, usize, f64, f64, f64)> {
    let grid = &result.defended.grid;
    let states = footprint::cell_states(result, None);
    regions(result)
        .into_iter()
        .map(|(state, region)| {
            let centres: Vec<Point<f64>> = grid
                .cells
                .iter()
                .zip(&states)
                .filter(|(_, s)| **s == state)
                .map(|(c, _)| Point::new(c.centre.x, c.centre.y))
                .collect();
            let inside = centres.iter().filter(|p| region.contains(*p)).count();
            let n = centres.len();
            (
                state,
                n,
                n as f64 * grid.cell_area_km2(),
                region.unsigned_area() / 1e6,
                inside as f64 / n.max(1) as f64,
            )
        })
        .collect()
}

fn assert_same_cells(result: &Analysis) {
    let rows = compare(result);
    assert!(rows.iter().any(|r| r.1 > 100), "too few cells: {rows:?}");
    for (state, n, cells_km2, region_km2, inside) in rows {
        if n < 100 {
            continue;
        }
        let off = (region_km2 - cells_km2).abs() / cells_km2;
        assert!(
            off < 0.05,
            "{state:?}: {n} cells of {cells_km2:.0} km² drawn as {region_km2:.0} km² ({:.1} % off)",
            off * 100.0
        );
        assert!(
            inside > 0.95,
            "{state:?}: only {inside:.3} of the cells inside"
        );
    }
}

#[test]
fn the_regions_cover_the_grid_cells_over_land() {
    let (_, result) = analysed(true);
    assert!(result.defended.grid.land_only);
    assert_same_cells(&result);
}

#[test]
fn the_regions_cover_the_grid_cells_over_land_and_sea() {
    let (_, result) = analysed(false);
    assert!(!result.defended.grid.land_only);
    assert_same_cells(&result);
}

/// Turns of 85–95° at the vertices of every ring: a staircase of grid squares is nothing else.
fn right_angle_turns(region: &MultiPolygon<f64>) -> (usize, usize) {
    let (mut right, mut all) = (0, 0);
    for p in region {
        for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
            let c = &ring.0;
            let n = c.len().saturating_sub(1);
            for k in 0..n {
                let (a, b, d) = (c[(k + n - 1) % n], c[k], c[(k + 1) % n]);
                let (u, v) = (b - a, d - b);
                let turn = (u.x * v.y - u.y * v.x)
                    .atan2(u.x * v.x + u.y * v.y)
                    .to_degrees()
                    .abs();
                right += usize::from((85.0..=95.0).contains(&turn));
                all += 1;
            }
        }
    }
    (right, all)
}

#[test]
fn no_region_is_a_staircase() {
    for land_only in [false, true] {
        let (_, result) = analysed(land_only);
        for (state, region) in regions(&result) {
            let (right, all) = right_angle_turns(&region);
            // A staircase of grid squares turns by a right angle at every vertex; where an
            // outline meets the coast it may turn by any angle, a right one now and then.
            assert!(
                right * 20 <= all,
                "{state:?} (land only: {land_only}): {right} right-angle turns of {all}"
            );
        }
    }
}

fn footprint_features(picture: &Picture) -> Vec<&Feature> {
    picture
        .features
        .iter()
        .filter(|f| f.kind == FeatureKind::Footprint)
        .collect()
}

#[test]
fn the_picture_draws_far_fewer_footprint_features_than_cells() {
    let (s, result) = analysed(true);
    let picture = Picture::build(&s, &s.presentation.layers, Some(&result));
    let features = footprint_features(&picture);
    assert!(!features.is_empty());
    assert!(features.len() * 20 < result.defended.grid.cells.len());
    assert!(
        features
            .iter()
            .all(|f| matches!(f.geometry, Geometry::Area { .. })),
        "footprints are areas"
    );
}

#[test]
fn geojson_and_kml_write_the_footprint_as_polygons() {
    let (s, result) = analysed(true);
    let picture = Picture::build(&s, &s.presentation.layers, Some(&result));
    let text = bmd_atlas::exchange::to_geojson(&s, &picture);
    let json: serde_json::Value = serde_json::from_str(&text).expect("GeoJSON");
    let footprints: Vec<&serde_json::Value> = json["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter(|f| f["properties"]["layer"] == "footprint")
        .collect();
    assert_eq!(footprints.len(), footprint_features(&picture).len());
    for f in footprints {
        let kind = f["geometry"]["type"].as_str();
        assert!(matches!(kind, Some("Polygon" | "MultiPolygon")), "{kind:?}");
    }
    let kml = bmd_atlas::exchange::to_kml(&s, &picture);
    assert!(kml.matches("<Polygon>").count() >= footprint_features(&picture).len());
}

/// The footprint's GeoJSON read back by an independent reader (georust's `geojson` crate): every
/// region a `Polygon` or `MultiPolygon` whose rings are closed with at least four positions and
/// which is valid as a polygon (no ring crosses itself or another, holes inside), with the
/// cities it holds, their population and the batteries defending them by id.
#[test]
fn the_footprint_geojson_reads_back_through_an_independent_reader_with_valid_rings() {
    use geo::Validation;
    let (s, result) = analysed(true);
    let picture = Picture::build(&s, &s.presentation.layers, Some(&result));
    let text = bmd_atlas::exchange::to_geojson(&s, &picture);
    let read: geojson::GeoJson = text.parse().unwrap_or_else(|e| panic!("{e}"));
    let geojson::GeoJson::FeatureCollection(collection) = read else {
        panic!("a feature collection");
    };
    let footprints: Vec<&geojson::Feature> = collection
        .features
        .iter()
        .filter(|f| f.property("layer").and_then(|v| v.as_str()) == Some("footprint"))
        .collect();
    assert_eq!(footprints.len(), footprint_features(&picture).len());
    let (mut defended_population, mut with_batteries) = (0u64, 0);
    for f in &footprints {
        let geometry = f.geometry.as_ref().unwrap_or_else(|| panic!("a geometry"));
        let polygons = match &geometry.value {
            geojson::GeometryValue::Polygon { coordinates } => vec![coordinates.clone()],
            geojson::GeometryValue::MultiPolygon { coordinates } => coordinates.clone(),
            other => panic!("{}", other.type_name()),
        };
        for rings in polygons {
            let ring = |r: &Vec<geojson::Position>| {
                assert!(r.len() >= 4, "a ring of {} positions", r.len());
                assert_eq!(r.first(), r.last(), "an open ring");
                geo::LineString::from(r.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>())
            };
            let (exterior, holes) = rings.split_first().unwrap_or_else(|| panic!("rings"));
            let polygon = geo::Polygon::new(ring(exterior), holes.iter().map(ring).collect());
            assert!(polygon.is_valid(), "{:?}", polygon.validation_errors());
        }
        let population = f.property("population").and_then(|v| v.as_u64());
        let batteries = f.property("battery_ids").and_then(|v| v.as_array());
        assert!(
            population.is_some() && batteries.is_some(),
            "{:?}",
            f.properties
        );
        if f.property("state").and_then(|v| v.as_str()) == Some("defended") {
            defended_population += population.unwrap_or(0);
            with_batteries += usize::from(batteries.is_some_and(|b| !b.is_empty()));
        }
    }
    // The regions' defended population is the analysis's, counted city by city (Istanbul, on
    // the Bosporus, lies outside the regions clipped to the coast and goes to the nearest).
    assert_eq!(defended_population, result.defended.population);
    assert!(with_batteries > 0, "a defended region names its batteries");
}
