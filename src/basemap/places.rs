//! Where a point is, in words: "over Poland", "over the Baltic Sea", for status lines.
//!
//! On land the country is the Natural Earth 1:50m country whose outline contains the point.
//! At sea it is the nearest of a short list of seas by the great-circle distance to a point
//! near each sea's middle (rough positions read off an atlas, good to a few hundred km): near
//! where two seas meet the name given may be the neighbour's, which is why the list keeps to
//! seas and oceans a missile path in this tool crosses.

use std::sync::OnceLock;

use geo::{BoundingRect, Contains, Coord, LineString, MapCoords, Point, Polygon, Rect};

use super::Scale;

/// Seas: name, and longitude and latitude (degrees) near the middle.
const SEAS: [(&str, f64, f64); 19] = [
    ("the Baltic Sea", 19.0, 57.0),
    ("the Gulf of Bothnia", 20.5, 62.5),
    ("the Gulf of Finland", 26.0, 59.8),
    ("the North Sea", 3.0, 56.0),
    ("the Norwegian Sea", 3.0, 67.0),
    ("the Barents Sea", 40.0, 74.0),
    ("the White Sea", 38.0, 65.5),
    ("the Kara Sea", 70.0, 76.0),
    ("the Greenland Sea", -5.0, 76.0),
    ("the Arctic Ocean", 0.0, 86.0),
    ("the Labrador Sea", -55.0, 58.0),
    ("the North Atlantic", -35.0, 50.0),
    ("the Bay of Biscay", -5.0, 45.5),
    ("the Mediterranean", 15.0, 36.0),
    ("the Aegean Sea", 25.0, 38.5),
    ("the Black Sea", 34.0, 43.3),
    ("the Caspian Sea", 50.5, 42.0),
    ("the Persian Gulf", 51.5, 27.0),
    ("Hudson Bay", -85.0, 60.0),
];

/// A country outline with its bounding box, for a quick reject.
struct Country {
    name: String,
    bounds: Rect<f64>,
    polygon: Polygon<f64>,
}

/// "Poland" or "the Baltic Sea": the country under (`lon`, `lat`) degrees, or the nearest sea.
///
/// ```
/// use bmd_atlas::basemap::place_name;
/// assert_eq!(place_name(19.0, 52.0), "Poland");
/// assert_eq!(place_name(18.5, 56.5), "the Baltic Sea");
/// ```
pub fn place_name(lon: f64, lat: f64) -> String {
    let p = Point::new(lon, lat);
    // Outlines across the antimeridian are unwrapped east of it (see `unwrapped`).
    let east = Point::new(lon + 360.0, lat);
    if let Some(c) = countries().iter().find(|c| {
        [p, east]
            .iter()
            .any(|q| c.bounds.contains(q) && c.polygon.contains(q))
    }) {
        return c.name.clone();
    }
    let distance = |&(_, x, y): &(&str, f64, f64)| crate::geodesy::distance_m(p, Point::new(x, y));
    SEAS.iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
        .map_or_else(|| "the sea".to_owned(), |s| s.0.to_owned())
}

/// The 1:50m countries, read once (none if the embedded map cannot be read: every point is
/// then at sea, which a status line survives).
fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let Ok(topology) = Scale::Medium50m.countries() else {
            return Vec::new();
        };
        let Some(object) = topology.object("countries") else {
            return Vec::new();
        };
        let ring = |r: &[super::topology::ArcRef]| {
            LineString::new(
                topology
                    .ring_points(r)
                    .into_iter()
                    .map(|[x, y]| Coord { x, y })
                    .collect(),
            )
        };
        let mut out = Vec::new();
        for g in &object.geometries {
            let Some(name) = &g.name else { continue };
            for rings in &g.polygons {
                let Some((exterior, holes)) = rings.split_first() else {
                    continue;
                };
                let polygon = unwrapped(Polygon::new(
                    ring(exterior),
                    holes.iter().map(|h| ring(h)).collect(),
                ));
                if let Some(bounds) = polygon.bounding_rect() {
                    out.push(Country {
                        name: name.clone(),
                        bounds,
                        polygon,
                    });
                }
            }
        }
        out
    })
}

/// `polygon` with its western longitudes moved 360° east when it spans more than half the
/// globe: such an outline crosses the antimeridian (Russia's reaches −180° at Chukotka), and
/// read as it is it would wrap the other way round the Earth and contain half of it.
fn unwrapped(polygon: Polygon<f64>) -> Polygon<f64> {
    let spans_half = polygon
        .bounding_rect()
        .is_some_and(|b| b.max().x - b.min().x > 180.0);
    if !spans_half {
        return polygon;
    }
    polygon.map_coords(|c| Coord {
        x: if c.x < 0.0 { c.x + 360.0 } else { c.x },
        y: c.y,
    })
}

#[cfg(test)]
mod tests {
    use super::place_name;

    #[test]
    fn points_on_land_name_their_country() {
        assert_eq!(place_name(37.6, 55.75), "Russia", "Moscow");
        assert_eq!(place_name(51.4, 35.7), "Iran", "Tehran");
        assert_eq!(place_name(24.4, 44.1), "Romania", "Deveselu");
        assert_eq!(
            place_name(172.0, 66.0),
            "Russia",
            "Chukotka, near the antimeridian"
        );
    }

    #[test]
    fn points_at_sea_name_the_nearest_sea() {
        assert_eq!(place_name(34.0, 43.0), "the Black Sea");
        assert_eq!(place_name(2.0, 68.0), "the Norwegian Sea");
        assert_eq!(place_name(-30.0, 45.0), "the North Atlantic");
    }

    #[test]
    fn a_point_that_is_not_a_number_is_somewhere_at_sea_not_a_panic() {
        assert!(!place_name(f64::NAN, f64::NAN).is_empty());
    }
}
