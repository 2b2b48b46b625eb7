//! KML 2.2 export of the picture, for Google Earth.
//!
//! Written by hand rather than with the georust `kml` crate, which would bring quick-xml, zip and
//! its own range of `geo-types` for what is here a few kinds of element (a `Style` per look,
//! `Folder`s, `Placemark`s with `ExtendedData`); every piece of text goes through the one XML
//! escaper ([`crate::format::xml_escape`]), and the parity tests read the result back.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::Value;

use super::geojson::{feature_properties, opacity};
use super::geometry::{self, Geometry};
use crate::format::xml_escape;
use crate::picture::style::{Rgba, SymbolShape};
use crate::picture::{Feature, Look, Picture};
use crate::scenario::Scenario;

/// The KML 2.2 namespace (OGC 07-147r2).
pub const KML_NAMESPACE: &str = "http://www.opengis.net/kml/2.2";

/// KML colours are `aabbggrr`.
fn kml_colour(c: Rgba) -> String {
    format!("{:02x}{:02x}{:02x}{:02x}", c.0[3], c.0[2], c.0[1], c.0[0])
}

/// Google Earth's built-in shapes (white, so that the style's colour tints them), the nearest
/// to each of our symbols.
fn icon(shape: Option<SymbolShape>) -> String {
    let name = match shape {
        Some(SymbolShape::TriangleUp) => "triangle",
        Some(SymbolShape::TriangleDown) => "placemark_square",
        Some(SymbolShape::Pentagon) => "donut",
        Some(SymbolShape::Diamond) => "open-diamond",
        Some(SymbolShape::Circle) => "target",
        Some(SymbolShape::Square) => "square",
        Some(SymbolShape::Hexagon) => "polygon",
        Some(SymbolShape::Cross) => "cross-hairs",
        Some(SymbolShape::Dot) | None => "shaded_dot",
    };
    format!("http://maps.google.com/mapfiles/kml/shapes/{name}.png")
}

/// One `Style` for a look: `IconStyle` for points, `LineStyle` and `PolyStyle` for the rest.
fn style(out: &mut String, look: &Look, is_point: bool) {
    let _ = write!(out, "<Style id=\"{}\">", look.style_id());
    if is_point {
        // A hollow symbol is tinted with its outline's colour.
        let colour = look.fill.unwrap_or(look.stroke.colour);
        // Google Earth's icons are 32 px; ours are 2.5 to 7 px in radius.
        let scale = look
            .marker
            .map_or(1.0, |m| (m.radius_px / 7.0 * 10.0).round() / 10.0);
        let _ = write!(
            out,
            "<IconStyle><color>{}</color><scale>{scale}</scale><Icon><href>{}</href></Icon></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle>",
            kml_colour(colour),
            icon(look.marker.map(|m| m.shape))
        );
    } else {
        let _ = write!(
            out,
            "<LineStyle><color>{}</color><width>{}</width></LineStyle>",
            kml_colour(look.stroke.colour),
            look.stroke.width_px
        );
        match look.fill {
            Some(fill) => {
                let _ = write!(
                    out,
                    "<PolyStyle><color>{}</color><fill>1</fill><outline>1</outline></PolyStyle>",
                    kml_colour(fill)
                );
            }
            None => out.push_str("<PolyStyle><fill>0</fill><outline>1</outline></PolyStyle>"),
        }
    }
    out.push_str("</Style>\n");
}

fn coords(points: &[[f64; 2]]) -> String {
    points
        .iter()
        .map(|[x, y]| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn polygon(out: &mut String, rings: &[Vec<[f64; 2]>]) {
    out.push_str("<Polygon><tessellate>1</tessellate>");
    for (i, ring) in rings.iter().enumerate() {
        let tag = if i == 0 {
            "outerBoundaryIs"
        } else {
            "innerBoundaryIs"
        };
        let _ = write!(
            out,
            "<{tag}><LinearRing><coordinates>{}</coordinates></LinearRing></{tag}>",
            coords(ring)
        );
    }
    out.push_str("</Polygon>");
}

fn line(out: &mut String, points: &[[f64; 2]]) {
    let _ = write!(
        out,
        "<LineString><tessellate>1</tessellate><coordinates>{}</coordinates></LineString>",
        coords(points)
    );
}

fn geometry(out: &mut String, g: &Geometry) {
    match g {
        Geometry::Point(c) => {
            let _ = write!(
                out,
                "<Point><coordinates>{},{}</coordinates></Point>",
                c[0], c[1]
            );
        }
        Geometry::LineString(l) => line(out, l),
        Geometry::Polygon(p) => polygon(out, p),
        Geometry::MultiLineString(ls) => {
            out.push_str("<MultiGeometry>");
            for l in ls {
                line(out, l);
            }
            out.push_str("</MultiGeometry>");
        }
        Geometry::MultiPolygon(ps) => {
            out.push_str("<MultiGeometry>");
            for p in ps {
                polygon(out, p);
            }
            out.push_str("</MultiGeometry>");
        }
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The look's stroke opacity and dashes, which KML styles cannot say, as data for tools.
fn look_data(look: &Look) -> Vec<(&'static str, String)> {
    let mut out = vec![(
        "stroke-opacity",
        opacity(look.stroke.colour.0[3]).to_string(),
    )];
    if let Some([on, off]) = look.stroke.dash {
        out.push(("stroke-dasharray", format!("{on} {off}")));
    }
    if let Some(fill) = look.fill {
        out.push(("fill-opacity", opacity(fill.0[3]).to_string()));
    }
    out
}

/// A feature id as an XML `ID` (an NCName: no colons): `site:deveselu` → `site.deveselu`.
fn xml_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '.'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

fn placemark(out: &mut String, f: &Feature, g: &Geometry) {
    let _ = write!(
        out,
        "<Placemark id=\"{}\"><name>{}</name><description>{}</description><styleUrl>#{}</styleUrl><ExtendedData><Data name=\"feature_id\"><value>{}</value></Data>",
        xml_escape(&xml_id(&f.id)),
        xml_escape(&f.name),
        xml_escape(&f.caption),
        f.look.style_id(),
        xml_escape(&f.id)
    );
    let data = feature_properties(f)
        .into_iter()
        .map(|(k, v)| (k, value_text(&v)))
        .chain(
            look_data(&f.look)
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v)),
        );
    for (key, value) in data {
        let _ = write!(
            out,
            "<Data name=\"{}\"><value>{}</value></Data>",
            xml_escape(&key),
            xml_escape(&value)
        );
    }
    out.push_str("</ExtendedData>");
    geometry(out, g);
    out.push_str("</Placemark>\n");
}

/// The picture as a KML 2.2 document for Google Earth: one `Style` per look, a `Folder` per
/// layer, and a `Placemark` per feature (its `feature_id` the feature's) with its facts, label and the
/// look's opacity and dashes as `ExtendedData`. The same geometry as [`super::to_geojson`] (split
/// at the antimeridian, counter-clockwise outer rings). All text is escaped.
///
/// ```
/// use bmd_atlas::{exchange, picture::Picture};
/// let s = bmd_atlas::scenario::built_in();
/// let kml = exchange::to_kml(&s, &Picture::build(&s, &s.presentation.layers, None));
/// assert!(kml.contains(r#"<kml xmlns="http://www.opengis.net/kml/2.2">"#));
/// ```
pub fn to_kml(scenario: &Scenario, picture: &Picture) -> String {
    let features: Vec<(&Feature, Geometry)> = picture
        .features
        .iter()
        .filter_map(|f| geometry::of_feature(&f.geometry).map(|g| (f, g)))
        .collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<kml xmlns=\"{KML_NAMESPACE}\">");
    out.push_str("<Document>\n");
    let title = if scenario.presentation.title.is_empty() {
        &scenario.name
    } else {
        &scenario.presentation.title
    };
    let marking = &scenario.presentation.classification;
    let name = if marking.is_empty() {
        format!("{title} ({})", scenario.year)
    } else {
        format!("{marking} — {title} ({})", scenario.year)
    };
    let _ = writeln!(out, "<name>{}</name>", xml_escape(&name));
    let mut description = format!(
        "{}, {} {}; cooperation model: {}",
        scenario.name,
        scenario.year,
        scenario.timeline.label(),
        scenario
            .active_model()
            .map_or(scenario.model.as_str(), |m| m.name.as_str())
    );
    if !marking.is_empty() {
        description = format!("{marking}\n{description}\n{marking}");
    }
    let _ = writeln!(
        out,
        "<description>{}</description>",
        xml_escape(&description)
    );
    let mut styled = BTreeSet::new();
    for (f, g) in &features {
        if styled.insert(f.look.style_id()) {
            style(&mut out, &f.look, matches!(g, Geometry::Point(_)));
        }
    }
    // One folder a group of layers (all kinds of site are "Sites"), in order of first use.
    let mut folders: Vec<&'static str> = Vec::new();
    for (f, _) in &features {
        if !folders.contains(&f.layer.title()) {
            folders.push(f.layer.title());
        }
    }
    for title in folders {
        let _ = writeln!(out, "<Folder><name>{title}</name>");
        for (f, g) in features.iter().filter(|(f, _)| f.layer.title() == title) {
            placemark(&mut out, f, g);
        }
        out.push_str("</Folder>\n");
    }
    out.push_str("</Document>\n</kml>\n");
    out
}
