//! One picture, many outputs: every feature of the picture is drawn by the window's scene, the
//! SVG, the GeoJSON and the KML with the same colour, opacity, dash pattern and label.

use std::collections::HashMap;

use bmd_atlas::basemap::Scale;
use bmd_atlas::exchange;
use bmd_atlas::geodesy::{MapXy, ProjectionKind};
use bmd_atlas::picture::style::{Rgba, Stroke};
use bmd_atlas::picture::{Feature, FeatureKind, FeatureState, Geometry, Look, Picture};
use bmd_atlas::render::svg;
use bmd_atlas::scenario::{self, Layer, Layers, Scenario};
use bmd_atlas::scene::{MapView, Scene};
use serde_json::Value;

/// The built-in scenario in each model and in 2012, 2016 and 2020.
fn cases() -> Vec<Scenario> {
    let base = scenario::built_in();
    let mut out = Vec::new();
    for model in base.models.iter().map(|m| m.id.clone()) {
        for year in [2012, 2016, 2020] {
            let mut s = base.clone();
            s.model = model.clone();
            s.year = year;
            out.push(s);
        }
    }
    out
}

fn layers() -> Layers {
    Layers {
        basemap: false,
        graticule: false,
        footprint: true,
        trajectories: true,
        ..Layers::default()
    }
}

/// A view of the whole northern hemisphere, so that no feature is culled from the SVG.
fn whole_view(projection: ProjectionKind) -> MapView {
    MapView {
        projection,
        centre: MapXy { x: 0.0, y: 0.0 },
        metres_per_pixel: 40_000.0,
        size_px: [2000.0, 2000.0],
    }
}

fn opacity(c: Rgba) -> f64 {
    f64::from(c.0[3]) / 255.0
}

fn close(a: f64, b: f64) -> bool {
    // The outputs write opacities to three decimals.
    (a - b).abs() <= 0.0006
}

fn dash_text(s: &Stroke) -> Option<String> {
    s.dash.map(|[on, off]| format!("{on} {off}"))
}

// -- the scene -------------------------------------------------------------------------------

fn check_scene(f: &Feature, scene: &Scene) {
    let look = &f.look;
    match &f.geometry {
        Geometry::Point(_) => {
            let sym = scene
                .symbols
                .iter()
                .find(|s| s.id == f.id)
                .unwrap_or_else(|| panic!("{} is not in the scene", f.id));
            assert_eq!((sym.fill, sym.stroke), (look.fill, look.stroke), "{}", f.id);
            assert_eq!(sym.label, f.label, "{}", f.id);
        }
        Geometry::Line(_) => {
            let line = scene.lines.iter().find(|l| l.id == f.id);
            let line = line.unwrap_or_else(|| panic!("{} is not in the scene", f.id));
            assert_eq!(line.stroke, look.stroke, "{}", f.id);
        }
        Geometry::Area { .. } => {
            let area = scene.areas.iter().find(|a| a.id == f.id);
            let area = area.unwrap_or_else(|| panic!("{} is not in the scene", f.id));
            assert_eq!(area.stroke, look.stroke, "{}", f.id);
            match look.fill {
                Some(fill) => assert_eq!(area.fill, fill, "{}", f.id),
                None => assert_eq!(area.fill.0[3], 0, "{}: unfilled", f.id),
            }
            if look.text.is_some() && !f.label.is_empty() {
                let text = scene.texts.iter().find(|t| t.id == f.id);
                assert_eq!(text.map(|t| t.text.as_str()), Some(f.label.as_str()));
            }
        }
    }
}

// -- the SVG ---------------------------------------------------------------------------------

fn svg_paint(node: roxmltree::Node, what: &str) -> Option<(String, f64)> {
    let colour = node.attribute(what).filter(|c| *c != "none")?;
    let alpha = node
        .attribute(format!("{what}-opacity").as_str())
        .map_or(1.0, |o| o.parse().unwrap_or(f64::NAN));
    Some((colour.to_owned(), alpha))
}

fn check_svg(f: &Feature, elements: &[roxmltree::Node]) {
    let look = &f.look;
    assert!(!elements.is_empty(), "{} is not in the SVG", f.id);
    let stroked = elements
        .iter()
        .find(|n| n.has_tag_name("path") && svg_paint(**n, "stroke").is_some())
        .or_else(|| {
            elements
                .iter()
                .find(|n| n.attribute("class") == Some("symbol"))
        });
    let stroked = stroked.unwrap_or_else(|| panic!("{}: no outline in the SVG", f.id));
    let (colour, alpha) = svg_paint(*stroked, "stroke").expect("a stroke");
    assert_eq!(colour, look.stroke.colour.hex(), "{} stroke", f.id);
    assert!(
        close(alpha, opacity(look.stroke.colour)),
        "{} stroke opacity",
        f.id
    );
    assert_eq!(
        stroked.attribute("stroke-dasharray").map(str::to_owned),
        dash_text(&look.stroke),
        "{} dashes",
        f.id
    );
    if !matches!(f.geometry, Geometry::Line(_)) {
        let filled = elements.iter().find_map(|n| svg_paint(*n, "fill"));
        match (look.fill, filled) {
            (Some(fill), Some((colour, alpha))) => {
                assert_eq!(colour, fill.hex(), "{} fill", f.id);
                assert!(close(alpha, opacity(fill)), "{} fill opacity", f.id);
            }
            (None, None) => {}
            (None, Some((_, alpha))) => assert!(close(alpha, 0.0), "{} is unfilled", f.id),
            (Some(_), None) => panic!("{}: no fill in the SVG", f.id),
        }
    }
    // A label may give way to another; one that is drawn is the feature's.
    for text in elements.iter().filter(|n| n.has_tag_name("text")) {
        assert_eq!(text.text(), Some(f.label.as_str()), "{} label", f.id);
    }
}

// -- GeoJSON ---------------------------------------------------------------------------------

fn check_geojson(f: &Feature, props: &Value) {
    let look = &f.look;
    let get = |k: &str| props.get(k).cloned().unwrap_or(Value::Null);
    let num = |k: &str| get(k).as_f64().unwrap_or(f64::NAN);
    if matches!(f.geometry, Geometry::Point(_)) {
        let marker = look.fill.unwrap_or(look.stroke.colour).hex();
        assert_eq!(get("marker-color"), Value::from(marker), "{}", f.id);
    }
    assert_eq!(
        get("stroke"),
        Value::from(look.stroke.colour.hex()),
        "{}",
        f.id
    );
    assert!(
        close(num("stroke-opacity"), opacity(look.stroke.colour)),
        "{}",
        f.id
    );
    assert_eq!(
        get("stroke-dasharray").as_str().map(str::to_owned),
        dash_text(&look.stroke),
        "{}",
        f.id
    );
    match look.fill {
        Some(fill) => {
            assert_eq!(get("fill"), Value::from(fill.hex()), "{}", f.id);
            assert!(close(num("fill-opacity"), opacity(fill)), "{}", f.id);
        }
        None => assert!(close(num("fill-opacity"), 0.0), "{}", f.id),
    }
    let label = get("label");
    assert_eq!(label.as_str().unwrap_or(""), f.label, "{} label", f.id);
}

// -- KML -------------------------------------------------------------------------------------

/// KML's `aabbggrr` as `#rrggbb` and an opacity.
fn kml_colour(text: &str) -> (String, f64) {
    let byte = |i: usize| u8::from_str_radix(text.get(i..i + 2).unwrap_or("zz"), 16).unwrap_or(0);
    let hex = format!("#{:02x}{:02x}{:02x}", byte(6), byte(4), byte(2));
    (hex, f64::from(byte(0)) / 255.0)
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, path: &[&str]) -> Option<&'a str> {
    let mut at = node;
    for name in path {
        at = at.children().find(|c| c.has_tag_name(*name))?;
    }
    at.text()
}

fn check_kml(f: &Feature, placemark: roxmltree::Node, styles: &HashMap<String, roxmltree::Node>) {
    let look = &f.look;
    let style_url = child_text(placemark, &["styleUrl"]).unwrap_or("");
    let style = styles
        .get(style_url.trim_start_matches('#'))
        .unwrap_or_else(|| panic!("{}: no style {style_url}", f.id));
    let data: HashMap<&str, &str> = placemark
        .descendants()
        .filter(|n| n.has_tag_name("Data"))
        .filter_map(|n| {
            Some((
                n.attribute("name")?,
                child_text(n, &["value"]).unwrap_or(""),
            ))
        })
        .collect();
    let same = |(hex, alpha): (String, f64), c: Rgba, what: &str| {
        assert_eq!(hex, c.hex(), "{} {what}", f.id);
        assert!(close(alpha, opacity(c)), "{} {what} opacity", f.id);
    };
    if matches!(f.geometry, Geometry::Point(_)) {
        let icon = child_text(*style, &["IconStyle", "color"]).expect("an icon colour");
        same(
            kml_colour(icon),
            look.fill.unwrap_or(look.stroke.colour),
            "icon",
        );
    } else {
        let line = child_text(*style, &["LineStyle", "color"]).expect("a line colour");
        same(kml_colour(line), look.stroke.colour, "stroke");
        let poly = child_text(*style, &["PolyStyle", "color"]);
        match (look.fill, poly) {
            (Some(fill), Some(c)) => same(kml_colour(c), fill, "fill"),
            (None, None) => {}
            (fill, poly) => panic!("{}: fill {fill:?} written as {poly:?}", f.id),
        }
    }
    assert_eq!(
        data.get("stroke-dasharray").map(|d| (*d).to_owned()),
        dash_text(&look.stroke),
        "{}",
        f.id
    );
    assert_eq!(
        data.get("label").copied().unwrap_or(""),
        f.label,
        "{}",
        f.id
    );
}

// -- all four --------------------------------------------------------------------------------

/// Checks every feature of `picture` in the four outputs, for a projection.
fn check_all_outputs(s: &Scenario, picture: &Picture, projection: ProjectionKind) {
    let basemaps = bmd_atlas::basemap::Basemaps::default();
    let scene = Scene::project(picture, projection, Scale::Coarse110m, &basemaps);
    let svg_text = svg::map_document(&scene, &whole_view(projection));
    let svg_doc = roxmltree::Document::parse(&svg_text).expect("the SVG parses");
    let mut svg_by_id: HashMap<&str, Vec<roxmltree::Node>> = HashMap::new();
    for node in svg_doc.descendants() {
        if let Some(id) = node.attribute("data-id") {
            svg_by_id.entry(id).or_default().push(node);
        }
    }
    let geojson: Value =
        serde_json::from_str(&exchange::to_geojson(s, picture)).expect("GeoJSON parses");
    let geo_by_id: HashMap<&str, &Value> = geojson["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| Some((f["id"].as_str()?, &f["properties"])))
        .collect();
    let kml_text = exchange::to_kml(s, picture);
    let kml = roxmltree::Document::parse(&kml_text).expect("the KML parses");
    let styles: HashMap<String, roxmltree::Node> = kml
        .descendants()
        .filter(|n| n.has_tag_name("Style"))
        .filter_map(|n| Some((n.attribute("id")?.to_owned(), n)))
        .collect();
    let feature_id = |placemark: roxmltree::Node<'_, '_>| {
        let data = placemark
            .descendants()
            .find(|n| n.has_tag_name("Data") && n.attribute("name") == Some("feature_id"))?;
        child_text(data, &["value"]).map(str::to_owned)
    };
    let placemarks: HashMap<String, roxmltree::Node> = kml
        .descendants()
        .filter(|n| n.has_tag_name("Placemark"))
        .filter_map(|n| Some((feature_id(n)?, n)))
        .collect();
    for f in &picture.features {
        check_scene(f, &scene);
        check_svg(f, svg_by_id.get(f.id.as_str()).map_or(&[], Vec::as_slice));
        let props = geo_by_id.get(f.id.as_str());
        check_geojson(
            f,
            props.unwrap_or_else(|| panic!("{} not in GeoJSON", f.id)),
        );
        let placemark = placemarks.get(&f.id);
        check_kml(
            f,
            *placemark.unwrap_or_else(|| panic!("{} not in KML", f.id)),
            &styles,
        );
    }
}

#[test]
fn every_feature_looks_the_same_in_the_scene_the_svg_the_geojson_and_the_kml() {
    for s in cases() {
        let result = crate::common::analyze(&s);
        let picture = Picture::build(&s, &layers(), Some(&result));
        let kinds = |k: fn(&FeatureKind) -> bool| picture.features.iter().any(|f| k(&f.kind));
        assert!(kinds(|k| matches!(k, FeatureKind::Site(_))) && kinds(|k| *k == FeatureKind::Ring));
        assert!(
            kinds(|k| *k == FeatureKind::Footprint) && kinds(|k| *k == FeatureKind::Trajectory)
        );
        check_all_outputs(&s, &picture, ProjectionKind::ArcticPolar);
    }
}

#[test]
fn ids_are_unique_and_stable_across_years() {
    let mut s = scenario::built_in();
    let ids = |s: &Scenario| -> Vec<String> {
        Picture::build(s, &Layers::default(), None)
            .features
            .into_iter()
            .map(|f| f.id)
            .collect()
    };
    s.year = 2016;
    let a = ids(&s);
    let mut unique = a.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), a.len(), "ids are unique");
    assert!(a.iter().any(|id| id == "site:deveselu"));
    assert!(a.iter().any(|id| id.starts_with("ring:deveselu:")));
    s.year = 2020;
    assert!(ids(&s).contains(&"site:deveselu".to_owned()));
}

/// A kind of feature no writer has seen: an annotation drawn by hand. Added to the picture, it
/// is in all four outputs with its look, and no writer was told about it.
#[test]
fn a_new_kind_of_feature_reaches_every_output_without_touching_a_writer() {
    let s = scenario::built_in();
    let mut picture = Picture::build(&s, &Layers::default(), None);
    let orange = Rgba([0xe6, 0x55, 0x0d, 200]);
    let path = vec![geo::Point::new(24.34, 44.08), geo::Point::new(17.1, 54.48)];
    picture.features.push(Feature {
        id: "annotation:measure-1".into(),
        layer: Layer::Links,
        kind: FeatureKind::Annotation,
        state: FeatureState::Plain,
        geometry: Geometry::Line(path),
        name: "Deveselu → Redzikowo".into(),
        label: "1,234 km".into(),
        caption: "Measured by hand".into(),
        priority: 0,
        look: Look::line(Stroke::dashed(2.5, orange, 6.0, 3.0)),
        item: None,
        properties: Default::default(),
    });
    check_all_outputs(&s, &picture, ProjectionKind::EuropeEqualArea);
    let kml = exchange::to_kml(&s, &picture);
    assert!(kml.contains("annotation:measure-1") && kml.contains("Measured by hand"));
}

/// The analysis is an input: two pictures of two scenarios built at once on two threads each
/// draw their own results.
#[test]
fn pictures_built_concurrently_get_their_own_analysis() {
    let years = [2012, 2024];
    let handles: Vec<_> = years
        .iter()
        .map(|&year| {
            std::thread::spawn(move || {
                let mut s = scenario::built_in();
                s.year = year;
                let result = crate::common::analyze(&s);
                let picture = Picture::build(&s, &layers(), Some(&result));
                (year, picture, result.defended.area_km2)
            })
        })
        .collect();
    for handle in handles {
        let (year, picture, area) = handle.join().expect("the thread finished");
        let footprint: Vec<&Feature> = picture
            .features
            .iter()
            .filter(|f| f.kind == FeatureKind::Footprint)
            .collect();
        assert!(!footprint.is_empty(), "{year}");
        assert!(
            footprint.iter().all(|f| f.properties["year"] == year),
            "every footprint strip of the {year} picture is from the {year} analysis"
        );
        assert!(area > 0.0);
    }
}

/// The window rebuilds its scene with the last one's geometry and projected areas: after a
/// change of year, model, projection or a site moved, the result is the scene built afresh.
#[test]
fn a_scene_rebuilt_from_its_caches_equals_one_built_afresh() {
    use bmd_atlas::command::Command;
    use bmd_atlas::scene::{self, SceneBuilder};
    let mut builder = SceneBuilder::default();
    let mut s = scenario::built_in();
    let steps: [(&str, i32, ProjectionKind, bool); 5] = [
        ("independent", 2012, ProjectionKind::EuropeEqualArea, false),
        ("coordinated", 2016, ProjectionKind::EuropeEqualArea, false),
        ("coordinated", 2016, ProjectionKind::EuropeEqualArea, true),
        ("unified", 2020, ProjectionKind::ArcticPolar, false),
        ("independent", 2012, ProjectionKind::ArcticPolar, true),
    ];
    for (model, year, projection, move_deveselu) in steps {
        s.model = model.into();
        s.year = year;
        if move_deveselu {
            let to = Command::MoveSite {
                id: "deveselu".into(),
                lat: 45.0 + f64::from(year - 2000) / 10.0,
                lon: 25.0,
            };
            to.apply(&mut s).expect("moves");
        }
        let layers = Layers::default();
        let cached = builder.build(
            &s,
            projection,
            Scale::Coarse110m,
            &layers,
            Default::default(),
        );
        let fresh = scene::build(&s, projection, Scale::Coarse110m, &layers, None);
        let what = format!("{model} {year} {projection:?}");
        assert_eq!(cached.areas, fresh.areas, "{what}");
        assert_eq!(cached.lines, fresh.lines, "{what}");
        assert_eq!(cached.symbols, fresh.symbols, "{what}");
        assert_eq!(cached.texts, fresh.texts, "{what}");
        assert_eq!(cached.legend, fresh.legend, "{what}");
    }
}
