//! The legend: one line for each kind of thing the picture shows, and nothing it does not.

use std::collections::HashMap;
use std::sync::Arc;

use super::analysis_layers::{DEFENDED, NOT_REACHED, PARTIAL, REACHED, REACHED_EARLY, UNDEFENDED};
use super::style::{self, Rgba, Stroke, SymbolShape};
use super::{Feature, FeatureKind, FeatureState, Geometry, ItemRef, Picture};
use crate::analysis::Analysis;
use crate::cooperation::LinkKind;
use crate::scenario::{Layer, Scenario, Side, SiteKind, SymbolStyle};
use crate::symbology::{Affiliation, Dimension, Drawing};

/// How a legend entry is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    Symbol {
        shape: SymbolShape,
        fill: Option<Rgba>,
        stroke: Stroke,
    },
    Area {
        fill: Rgba,
        stroke: Stroke,
    },
    Line(Stroke),
    /// A military symbol (APP-6D mode), fitted into the swatch.
    Military(Arc<Drawing>),
}

/// One line of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub swatch: Swatch,
    pub text: String,
}

const GREY: Rgba = Rgba::rgb(0x55, 0x55, 0x55);

fn entry(swatch: Swatch, text: impl Into<String>) -> LegendEntry {
    LegendEntry {
        swatch,
        text: text.into(),
    }
}

/// The legend of `picture`, in a fixed order: symbols, sides, cities, reaches, links, sectors,
/// coverage, then the analysis layers.
pub(super) fn entries(
    scenario: &Scenario,
    picture: &Picture,
    analysis: Option<&Analysis>,
) -> Vec<LegendEntry> {
    let features = &picture.features;
    let mut out = match picture.layers.symbols {
        SymbolStyle::Simple => symbols(scenario, features),
        SymbolStyle::App6 => military_symbols(scenario, features),
    };
    rings(scenario, features, &mut out);
    links(features, &mut out);
    if let Some(model) = scenario.active_model().filter(|_| picture.layers.sectors) {
        for sector in &model.sectors {
            let colour = style::side_colour(sector.side);
            out.push(entry(
                Swatch::Area {
                    fill: colour.with_alpha(60),
                    stroke: Stroke::dashed(2.0, colour, 10.0, 4.0),
                },
                format!("{} (illustrative line)", sector.name),
            ));
        }
    }
    if features.iter().any(|f| f.kind == FeatureKind::Fan) {
        let grey = Rgba::rgb(0x88, 0x88, 0x88);
        out.push(entry(
            Swatch::Area {
                fill: grey.with_alpha(40),
                stroke: Stroke::solid(1.0, grey),
            },
            "Radar coverage (maximum range, side colour)",
        ));
    }
    let not_yet = |f: &Feature| {
        matches!(f.geometry, Geometry::Area { .. })
            && matches!(f.state, FeatureState::Status(s) if !style::is_filled(s))
    };
    if features.iter().any(not_yet) {
        out.push(entry(
            Swatch::Line(Stroke::dashed(1.6, GREY, 7.0, 5.0)),
            "Dashed: not yet operational",
        ));
    }
    footprint(picture, &mut out);
    if let Some(result) = analysis {
        trajectories(result, features, &mut out);
    }
    engagement(scenario, picture, &mut out);
    if features.iter().any(|f| f.kind == FeatureKind::Annotation) {
        out.push(entry(
            Swatch::Line(Stroke::solid(2.0, style::ANNOTATION)),
            "Annotation (the analyst's mark, not a source's)",
        ));
    }
    out
}

/// The engagement layer's entries: the fan, the threat, its window and the sightings.
fn engagement(scenario: &Scenario, picture: &Picture, out: &mut Vec<LegendEntry>) {
    use super::engagement_layer::{FAN, SIGHTING, THREAT, WINDOW};
    let Some(view) = &picture.layers.engagement else {
        return;
    };
    let has = |id: &str| picture.features.iter().any(|f| f.id.starts_with(id));
    let site = |id: &str| {
        scenario
            .site(id)
            .map_or(id.to_owned(), |x| x.label().to_owned())
    };
    let city = |id: &str| {
        scenario
            .cities
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_owned(), |c| c.name.clone())
    };
    let itype = scenario
        .interceptor_types
        .iter()
        .find(|t| t.id == view.interceptor)
        .map_or(view.interceptor.clone(), |t| t.name.clone());
    if has("flyout:") {
        let times: Vec<String> = picture
            .features
            .iter()
            .filter(|f| f.kind == FeatureKind::Flyout)
            .filter_map(|f| f.properties.get("t_s").and_then(|t| t.as_f64()))
            .map(|t| format!("{t:.0} s"))
            .collect();
        out.push(entry(
            Swatch::Line(Stroke::dashed(1.3, FAN, 6.0, 3.0)),
            format!(
                "Fly-out fan of {itype} from {}: where it can be {} after launch",
                site(&view.battery),
                times.join(", ")
            ),
        ));
    }
    // Drawn although not there that year: said beside what is drawn, on screen and on the page.
    if has("flyout:") || has("threat:") {
        for line in crate::analysis::drawing::hypothetical_of(scenario, view) {
            out.push(entry(
                Swatch::Line(Stroke::dashed(1.3, FAN, 2.0, 2.0)),
                format!("Hypothetical: {line}"),
            ));
        }
    }
    let Some(threat) = &view.threat else {
        return;
    };
    if has("threat:") {
        out.push(entry(
            Swatch::Line(Stroke::solid(1.6, THREAT)),
            format!(
                "Threat {} → {}, a dot every {:.0} s with its altitude",
                site(&threat.launch_site),
                city(&threat.target),
                super::engagement_layer::TICK_S
            ),
        ));
    }
    if has("window:") {
        let launch = threat
            .launch_delay_s
            .map_or("cued by a radar feeding it".to_owned(), |t| {
                format!("launched {t:.0} s after the threat")
            });
        // The time it may fire in, when the window's feature carries it.
        let window = picture
            .features
            .iter()
            .find(|f| f.id.starts_with("window:"));
        let at = |key: &str| window.and_then(|f| f.properties.get(key)?.as_f64());
        let launch = match (at("launch_s"), at("last_launch_s")) {
            (Some(from), Some(to)) => {
                format!("{launch}: may fire from T+{from:.0} s to T+{to:.0} s")
            }
            _ => launch,
        };
        out.push(entry(
            Swatch::Line(Stroke::solid(4.5, WINDOW)),
            format!(
                "Engagement window of {} {itype} ({launch})",
                site(&view.battery)
            ),
        ));
    }
    if has("sighting:") {
        out.push(entry(
            Swatch::Symbol {
                shape: SymbolShape::Diamond,
                fill: Some(SIGHTING),
                stroke: Stroke::solid(0.8, Rgba::rgb(255, 255, 255)),
            },
            "A radar's first sight of the threat",
        ));
    }
}

/// The legend of the sites in simple mode: each kind shown, hollow symbols if any, then the
/// sides' colours and the cities.
fn symbols(scenario: &Scenario, features: &[Feature]) -> Vec<LegendEntry> {
    let points = markers(features);
    let mut out: Vec<LegendEntry> = SiteKind::ALL
        .into_iter()
        .filter(|&kind| points.iter().any(|f| f.kind == FeatureKind::Site(kind)))
        .map(kind_entry)
        .collect();
    if points.iter().any(|f| f.look.fill.is_none()) {
        out.push(entry(
            Swatch::Symbol {
                shape: SymbolShape::Circle,
                fill: None,
                stroke: Stroke::solid(2.0, GREY),
            },
            "Hollow: planned, proposed or being built",
        ));
    }
    out.extend(sides_and_cities(scenario, &points));
    out
}

/// The features drawn as symbols.
fn markers(features: &[Feature]) -> Vec<&Feature> {
    features
        .iter()
        .filter(|f| f.look.marker.is_some())
        .collect()
}

/// A kind of site's simple symbol, grey.
fn kind_entry(kind: SiteKind) -> LegendEntry {
    entry(
        Swatch::Symbol {
            shape: SymbolShape::for_kind(kind),
            fill: Some(GREY),
            stroke: Stroke::solid(1.0, Rgba::rgb(255, 255, 255)),
        },
        kind.label(),
    )
}

/// The colour of each side with a site shown, and the cities if any are.
fn sides_and_cities(scenario: &Scenario, points: &[&Feature]) -> Vec<LegendEntry> {
    let mut out = Vec::new();
    for side in Side::ALL {
        let present = points.iter().any(|f| match f.item {
            Some(ItemRef::Site(i)) => scenario.sites.get(i).is_some_and(|s| s.side == side),
            _ => false,
        });
        if present {
            out.push(entry(
                Swatch::Area {
                    fill: style::side_colour(side),
                    stroke: Stroke::solid(1.0, style::side_colour(side)),
                },
                side.label(),
            ));
        }
    }
    if points.iter().any(|f| f.layer == Layer::Cities) {
        out.push(entry(
            Swatch::Symbol {
                shape: SymbolShape::Dot,
                fill: Some(style::CITY),
                stroke: Stroke::solid(0.8, Rgba::rgb(255, 255, 255)),
            },
            "City (population, city proper)",
        ));
    }
    out
}

/// The legend of the sites in APP-6D mode: each kind shown, drawn in the frame most of its
/// sites have, then the dashed frame if any site is not operational, a key to the frames'
/// identities (with why the joint centres are neutral), and the sides' colours (rings and
/// coverage use them) and the cities. A kind whose code cannot be drawn keeps its simple swatch.
fn military_symbols(scenario: &Scenario, features: &[Feature]) -> Vec<LegendEntry> {
    let points = markers(features);
    // Each code drawn once (a scenario may hold thousands of sites of a few codes).
    let mut drawings: HashMap<&str, Option<Drawing>> = HashMap::new();
    let mut sites: Vec<(&Feature, Option<&str>)> = Vec::new();
    for f in points
        .iter()
        .filter(|f| matches!(f.kind, FeatureKind::Site(_)))
    {
        let code = f.military_code().map(|(code, _)| code);
        if let Some(code) = code {
            drawings
                .entry(code)
                .or_insert_with(|| Drawing::of_code(code, false));
        }
        let drawn = code.filter(|c| drawings.get(c).is_some_and(Option::is_some));
        sites.push((*f, drawn));
    }
    let drawing = |code: &str| drawings.get(code).and_then(Option::as_ref);
    let mut out = Vec::new();
    for kind in SiteKind::ALL {
        let of_kind: Vec<Option<&str>> = sites
            .iter()
            .filter(|(f, _)| f.kind == FeatureKind::Site(kind))
            .map(|(_, code)| *code)
            .collect();
        // The code most of them have (the first seen of the most common).
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for code in of_kind.iter().flatten() {
            match counts.iter_mut().find(|(c, _)| c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code, 1)),
            }
        }
        let commonest = counts
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .and_then(|(code, _)| drawing(code));
        match commonest {
            Some(d) => out.push(entry(Swatch::Military(Arc::new(d.clone())), kind.label())),
            None if !of_kind.is_empty() => out.push(kind_entry(kind)),
            None => {}
        }
    }
    let drawn = || {
        sites
            .iter()
            .filter_map(|(f, code)| Some((*f, drawing((*code)?)?)))
    };
    if drawn().any(|(f, _)| f.military_code().is_some_and(|(_, planned)| planned)) {
        out.push(entry(
            Swatch::Military(Arc::new(Drawing::bare(
                Affiliation::Friend,
                Dimension::LandUnit,
                true,
            ))),
            "Dashed frame: planned, proposed or being built",
        ));
    }
    for affiliation in Affiliation::ALL {
        if drawn().any(|(_, d)| d.affiliation == affiliation) {
            out.push(entry(
                Swatch::Military(Arc::new(Drawing::bare(
                    affiliation,
                    Dimension::LandUnit,
                    false,
                ))),
                identity_text(affiliation),
            ));
        }
    }
    // Rings and coverage are in the sides' colours.
    out.extend(sides_and_cities(scenario, &points));
    out
}

/// The legend's key to a frame's identity. The joint NATO–Russia centres are drawn neutral by
/// default: APP-6D has no identity for an object both sides run.
fn identity_text(affiliation: Affiliation) -> &'static str {
    match affiliation {
        Affiliation::Friend => "Friend (US/NATO by default)",
        Affiliation::Hostile => "Hostile (Russia and Iran by default, as NATO's maps show them)",
        Affiliation::Neutral => {
            "Neutral (the joint NATO–Russia centres by default: APP-6D has no identity for an object both sides run)"
        }
        Affiliation::Unknown => "Unknown identity",
    }
}

fn rings(scenario: &Scenario, features: &[Feature], out: &mut Vec<LegendEntry>) {
    let colours: Vec<Rgba> = features
        .iter()
        .filter(|f| f.kind == FeatureKind::Ring)
        .map(|f| f.look.stroke.colour)
        .collect();
    for (index, kind) in scenario.interceptor_types.iter().enumerate() {
        if colours.contains(&style::ring_colour(index)) {
            out.push(entry(
                Swatch::Line(Stroke::solid(1.6, style::ring_colour(index))),
                format!(
                    "{} reach ≈{:.0} km{}",
                    kind.name,
                    kind.range_km,
                    if kind.uncertain { " (estimate)" } else { "" }
                ),
            ));
        }
    }
}

fn links(features: &[Feature], out: &mut Vec<LegendEntry>) {
    let mut kinds: Vec<(LinkKind, Stroke)> = Vec::new();
    for f in features {
        if let FeatureKind::Link(kind) = f.kind
            && !kinds.iter().any(|(k, _)| *k == kind)
        {
            let mut stroke = f.look.stroke;
            if kind == LinkKind::OwnSensor {
                // Each side's own links are in its colour; the legend shows them in grey.
                stroke.colour = GREY;
            }
            kinds.push((kind, stroke));
        }
    }
    kinds.sort_by_key(|(k, _)| *k);
    for (kind, stroke) in kinds {
        out.push(entry(Swatch::Line(stroke), kind.label()));
    }
}

fn footprint(picture: &Picture, out: &mut Vec<LegendEntry>) {
    let one_launch_area = picture.layers.footprint_launch_area.is_some();
    let entries = [
        (
            FeatureState::Defended,
            DEFENDED,
            if one_launch_area {
                "Defended against the chosen launch area"
            } else {
                "Defended against every Iranian launch area in range"
            },
        ),
        (
            FeatureState::PartlyDefended,
            PARTIAL,
            "Defended against some launch areas in range",
        ),
        (
            FeatureState::Undefended,
            UNDEFENDED,
            "Within reach of Iranian missiles, not defended",
        ),
    ];
    for (state, fill, text) in entries {
        let shown = picture
            .features
            .iter()
            .any(|f| f.kind == FeatureKind::Footprint && f.state == state);
        if shown {
            out.push(entry(
                Swatch::Area {
                    fill,
                    stroke: Stroke::solid(1.0, fill.with_alpha(255)),
                },
                text,
            ));
        }
    }
}

fn trajectories(result: &Analysis, features: &[Feature], out: &mut Vec<LegendEntry>) {
    let delays: Vec<String> = result
        .icbm
        .launches
        .iter()
        .filter_map(|l| match l {
            crate::analysis::Launch::Fixed(d) => Some(format!("{d:.0}")),
            crate::analysis::Launch::Cued => None,
        })
        .collect();
    let entries = [
        (
            REACHED,
            "ICBM path reached by an interceptor cued by the radars feeding it \
             (planned and hypothetical batteries included)"
                .to_owned(),
        ),
        (
            REACHED_EARLY,
            format!(
                "ICBM path reached only if launched at a fixed {} s after it",
                delays.join(" or ")
            ),
        ),
        (NOT_REACHED, "ICBM path no battery reaches".to_owned()),
    ];
    for (colour, text) in entries {
        let track = features
            .iter()
            .find(|f| f.kind == FeatureKind::Trajectory && f.look.stroke.colour == colour);
        if let Some(track) = track {
            out.push(entry(Swatch::Line(track.look.stroke), text));
        }
    }
}
