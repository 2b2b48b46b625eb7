//! KML 2.2 export of the visible picture, for Google Earth.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde_json::Value;

use super::geometry::Geometry;
use super::picture::{Feature, FeatureLayer, Look, picture};
use crate::scenario::{Scenario, SiteKind};
use crate::scene::Layers;
use crate::scene::style::Rgba;

/// The KML 2.2 namespace (OGC 07-147r2).
pub const KML_NAMESPACE: &str = "http://www.opengis.net/kml/2.2";

/// Text for XML: the five special characters escaped, and characters XML 1.0 forbids (control
/// characters other than tab and line breaks) replaced by U+FFFD.
///
/// ```
/// assert_eq!(bmd_atlas::exchange::xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;\u{fffd}");
/// ```
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// KML colours are `aabbggrr`.
fn kml_colour(c: Rgba) -> String {
    format!("{:02x}{:02x}{:02x}{:02x}", c.0[3], c.0[2], c.0[1], c.0[0])
}

/// Google Earth's built-in shapes (white, so that the style's colour tints them).
fn icon(kind: Option<SiteKind>) -> String {
    let name = match kind {
        Some(SiteKind::InterceptorSite) => "target",
        Some(SiteKind::ShipHomeport) => "donut",
        Some(SiteKind::ShipPatrolArea) => "open-diamond",
        Some(SiteKind::Radar) => "triangle",
        Some(SiteKind::CommandCentre) => "star",
        Some(SiteKind::DataCentre) => "square",
        Some(SiteKind::IcbmBase) => "placemark_square",
        Some(SiteKind::MissileLaunchArea) => "cross-hairs",
        None => "shaded_dot",
    };
    format!("http://maps.google.com/mapfiles/kml/shapes/{name}.png")
}

fn style(out: &mut String, f: &Feature) {
    let look: &Look = &f.look;
    let _ = write!(out, "<Style id=\"{}\">", xml_escape(&look.id));
    match f.geometry {
        Geometry::Point(_) => {
            let colour = look.fill.unwrap_or(look.stroke.with_alpha(0x99));
            let scale = if f.layer == FeatureLayer::City {
                0.6
            } else {
                1.0
            };
            let _ = write!(
                out,
                "<IconStyle><color>{}</color><scale>{scale}</scale><Icon><href>{}</href></Icon></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle>",
                kml_colour(colour),
                icon(look.kind)
            );
        }
        _ => {
            let _ = write!(
                out,
                "<LineStyle><color>{}</color><width>{}</width></LineStyle>",
                kml_colour(look.stroke),
                look.stroke_width
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

fn placemark(out: &mut String, f: &Feature) {
    let _ = write!(
        out,
        "<Placemark><name>{}</name><description>{}</description><styleUrl>#{}</styleUrl><ExtendedData>",
        xml_escape(&f.name),
        xml_escape(&f.caption),
        xml_escape(&f.look.id)
    );
    for (key, value) in &f.properties {
        let _ = write!(
            out,
            "<Data name=\"{}\"><value>{}</value></Data>",
            xml_escape(key),
            xml_escape(&value_text(value))
        );
    }
    out.push_str("</ExtendedData>");
    geometry(out, &f.geometry);
    out.push_str("</Placemark>\n");
}

/// The visible picture as a KML 2.2 document for Google Earth: one `Style` per look (side and
/// kind for sites, side for fans and sectors, interceptor type for rings, kind for links), a
/// `Folder` per layer, and a `Placemark` per feature with its properties as `ExtendedData`. The
/// same geometry as [`super::to_geojson`] (split at the antimeridian, counter-clockwise outer
/// rings). All text is escaped.
///
/// ```
/// let s = bmd_atlas::scenario::built_in();
/// let kml = bmd_atlas::exchange::to_kml(&s, &s.presentation.layers);
/// assert!(kml.contains(r#"<kml xmlns="http://www.opengis.net/kml/2.2">"#));
/// ```
pub fn to_kml(scenario: &Scenario, layers: &Layers) -> String {
    let features = picture(scenario, layers);
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
    for f in &features {
        if styled.insert(f.look.id.clone()) {
            style(&mut out, f);
        }
    }
    let mut layers_seen: Vec<FeatureLayer> = Vec::new();
    for f in &features {
        if !layers_seen.contains(&f.layer) {
            layers_seen.push(f.layer);
        }
    }
    for layer in layers_seen {
        let _ = writeln!(out, "<Folder><name>{}</name>", layer.title());
        for f in features.iter().filter(|f| f.layer == layer) {
            placemark(&mut out, f);
        }
        out.push_str("</Folder>\n");
    }
    out.push_str("</Document>\n</kml>\n");
    out
}
