//! The engagement layer: one battery's fly-out fan and one threat's flight, with its engagement
//! window, the radars' first sightings and time ticks, drawn from an [`EngagementDrawing`] the
//! analysis computed (the window's worker, or the command line before it builds the picture).

use geo::Point;
use serde_json::json;

use super::style::{Rgba, Stroke, SymbolShape};
use super::{Feature, FeatureKind, FeatureState, Geometry, Look, Marker, TextLook, properties};
use crate::analysis::{self, Engagement, EngagementDrawing, Fan};
use crate::scenario::{EngagementView, Layer, Scenario};

/// Fan contours.
pub const FAN: Rgba = Rgba([0x00, 0x79, 0x6b, 230]);
/// The threat's ground track.
pub const THREAT: Rgba = Rgba([0x8e, 0x1b, 0x1b, 230]);
/// The part of the track the battery can reach.
pub const WINDOW: Rgba = Rgba([0xf0, 0x7f, 0x00, 240]);
/// A radar's first sight of the threat.
pub const SIGHTING: Rgba = Rgba([0x5e, 0x35, 0xb1, 255]);

/// The features of `drawing` in `scenario`, and a problem if its view names what the scenario
/// lacks (then nothing is drawn for the part at fault).
pub fn features(
    scenario: &Scenario,
    drawing: &EngagementDrawing,
    threat_at_s: Option<f64>,
) -> (Vec<Feature>, Option<String>) {
    let mut out = Vec::new();
    if let Ok(f) = &drawing.fan {
        out.extend(fan(scenario, &drawing.view, f));
    }
    if let Some(Ok(e)) = &drawing.threat {
        out.extend(flight(e));
        out.extend(threat_at_s.and_then(|t| threat_now(e, t)));
    }
    (out, drawing.problem())
}

/// Where the threat is `t_s` after its launch: a large mark labelled with the time and altitude
/// (a frame of an animated engagement, like the window's playback marker).
fn threat_now(e: &Engagement, t_s: f64) -> Option<Feature> {
    let t = t_s.clamp(0.0, e.impact_s);
    let p = e.sample_near(t)?;
    let text = format!("T+{t:.0} s, {:.0} km", p.alt_km.max(0.0));
    Some(Feature {
        priority: 99,
        ..mark(
            "threat-now".to_owned(),
            format!("The threat at {text} up"),
            text,
            p.pos.lon_lat(),
            (SymbolShape::Circle, 6.0, WINDOW),
        )
    })
}

/// The fan's contours, each an unfilled ring labelled with its time.
fn fan(scenario: &Scenario, view: &EngagementView, fan: &Fan) -> Vec<Feature> {
    let Ok((site, t)) = analysis::drawing::fan_inputs(scenario, view) else {
        return Vec::new();
    };
    let h = fan.altitude_km;
    let contours = &fan.contours;
    // More than six rings crowd their labels: then every other one is labelled (and the last).
    let every = if contours.len() > 6 { 2 } else { 1 };
    let last = contours.len().saturating_sub(1);
    contours
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let labelled = k % every == 0 || k == last;
            let mut ring: Vec<Point<f64>> = continuous(c.ring.iter().copied());
            if let Some(&first) = ring.first() {
                ring.push(first);
            }
            // The label at the ring's northernmost point, clear of the fan's centre.
            let label_at = ring.iter().copied().max_by(|a, b| a.y().total_cmp(&b.y()));
            Feature {
                id: format!("flyout:{}:{}:{:.0}", view.battery, view.interceptor, c.t_s),
                layer: Layer::Engagement,
                kind: FeatureKind::Flyout,
                state: FeatureState::Plain,
                geometry: Geometry::Area {
                    ring,
                    holes: Vec::new(),
                    inside: Point::new(site.lon, site.lat),
                    label_at,
                },
                name: format!("{} {} at {h:.0} km: {:.0} s", site.label(), t.name, c.t_s),
                label: if labelled {
                    format!("{:.0} s", c.t_s)
                } else {
                    String::new()
                },
                caption: format!(
                    "Where {} from {} can be {h:.0} km up {:.0} s after launch (up to {:.0} km away)",
                    t.name,
                    site.label(),
                    c.t_s,
                    c.max_range_km
                ),
                priority: 40,
                look: Look {
                    text: Some(TextLook {
                        colour: FAN,
                        size_px: 11.0,
                    }),
                    ..Look::area(Stroke::dashed(1.3, FAN, 6.0, 3.0), None)
                },
                item: None,
                properties: properties(vec![
                    ("battery", json!(view.battery)),
                    ("interceptor", json!(view.interceptor)),
                    ("altitude_km", json!(h)),
                    ("t_s", json!(c.t_s)),
                    ("max_range_km", json!(c.max_range_km.round())),
                ]),
            }
        })
        .collect()
}

/// (lon, lat) pairs as a line with continuous longitudes.
fn continuous(points: impl Iterator<Item = (f64, f64)>) -> Vec<Point<f64>> {
    crate::geodesy::unwrapped_line(points.map(|(lon, lat)| Point::new(lon, lat)))
}

/// Time between the ticks on a threat's track, s.
pub(super) const TICK_S: f64 = 60.0;

/// The threat's track, its engagement window with its ends labelled (time and altitude), a tick
/// every [`TICK_S`] labelled the same way, and the radars' first sightings.
fn flight(e: &analysis::Engagement) -> Vec<Feature> {
    let spec = &e.spec;
    let base = format!("{}:{}", spec.launch_site, spec.target);
    let track = continuous(e.samples.iter().map(|p| p.pos.lon_lat()));
    let line = |id: String, name: String, caption: String, points, stroke| Feature {
        id,
        layer: Layer::Engagement,
        kind: FeatureKind::Threat,
        state: FeatureState::Plain,
        geometry: Geometry::Line(points),
        name,
        label: String::new(),
        caption,
        priority: 0,
        look: Look::line(stroke),
        item: None,
        properties: properties(vec![
            ("launch_site", json!(spec.launch_site)),
            ("target", json!(spec.target)),
            ("missile_id", json!(e.missile_id)),
        ]),
    };
    let mut out = vec![line(
        format!("threat:{base}"),
        format!("{} → {} ({})", spec.launch_site, spec.target, e.missile_id),
        format!("Threat flight, impact at T+{:.0} s", e.impact_s),
        track,
        Stroke::solid(1.6, THREAT),
    )];
    if let Some((first, last)) = &e.window {
        let part = continuous(
            e.samples
                .iter()
                .filter(|p| p.t_s >= first.t_s && p.t_s <= last.t_s)
                .map(|p| p.pos.lon_lat()),
        );
        let mut window = line(
            format!("window:{base}:{}:{}", spec.battery, spec.interceptor),
            format!("Engagement window of {} {}", spec.battery, spec.interceptor),
            format!(
                "Reachable from T+{:.0} s ({:.0} km up) to T+{:.0} s ({:.0} km up), launch {}{}",
                first.t_s,
                first.alt_km,
                last.t_s,
                last.alt_km,
                e.launch_s
                    .map_or("none".to_owned(), |t| format!("T+{t:.0} s")),
                e.last_launch_s
                    .map_or_else(String::new, |t| format!(", fire by T+{t:.0} s"))
            ),
            part,
            Stroke::solid(4.5, WINDOW),
        );
        // When the battery may fire: the legend and the exchanged feature say it.
        for (key, t) in [("launch_s", e.launch_s), ("last_launch_s", e.last_launch_s)] {
            if let Some(t) = t {
                window.properties.insert(key.to_owned(), json!(t.round()));
            }
        }
        out.push(window);
    }
    if let Some((first, last)) = &e.window {
        for (end, p) in [("opens", first), ("closes", last)] {
            let text = format!("Window {end} T+{:.0} s, {:.0} km", p.t_s, p.alt_km);
            // What the engagement view is for: labelled before any site but the interceptors'.
            out.push(Feature {
                priority: 95,
                ..mark(
                    format!("window-{end}:{base}:{}:{}", spec.battery, spec.interceptor),
                    format!("{text} up ({} {})", spec.battery, spec.interceptor),
                    text,
                    (p.lon, p.lat),
                    (SymbolShape::Circle, 3.5, WINDOW),
                )
            });
        }
    }
    let mut t = TICK_S;
    while t < e.impact_s {
        if let Some(p) = e.sample_near(t) {
            out.push(mark(
                format!("tick:{base}:{t:.0}"),
                format!("T+{t:.0} s, {:.0} km up", p.alt_km),
                format!("T+{t:.0} s, {:.0} km", p.alt_km),
                p.pos.lon_lat(),
                (SymbolShape::Dot, 2.0, THREAT),
            ));
        }
        t += TICK_S;
    }
    for s in &e.sightings {
        if let Some((lon, lat)) = e.sample_near(s.t_s).map(|p| p.pos.lon_lat()) {
            out.push(mark(
                format!("sighting:{base}:{}", s.radar_id),
                format!("First seen by {} at T+{:.0} s", s.radar, s.t_s),
                String::new(),
                (lon, lat),
                (SymbolShape::Diamond, 4.0, SIGHTING),
            ));
        }
    }
    out
}

/// A small point mark on the track.
fn mark(
    id: String,
    name: String,
    label: String,
    (lon, lat): (f64, f64),
    (shape, radius_px, colour): (SymbolShape, f32, Rgba),
) -> Feature {
    Feature {
        id,
        layer: Layer::Engagement,
        kind: FeatureKind::Threat,
        state: FeatureState::Plain,
        geometry: Geometry::Point(Point::new(lon, lat)),
        caption: name.clone(),
        name,
        label,
        priority: 30,
        look: Look {
            marker: Some(Marker { shape, radius_px }),
            ..Look::area(Stroke::solid(0.8, Rgba::rgb(255, 255, 255)), Some(colour))
        },
        item: None,
        properties: serde_json::Map::new(),
    }
}
