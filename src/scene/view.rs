//! Where the map looks: projection, centre, zoom and the size of the picture.

use crate::basemap::{BoundsXy, Scale};
use crate::geodesy::{MapXy, ProjectionKind};

/// A view of the map: which projection, which point at the centre, how many metres a pixel holds,
/// and how big the picture is. Screen coordinates have their origin at the top-left, y down.
///
/// ```
/// use bmd_atlas::scene::MapView;
/// use bmd_atlas::geodesy::ProjectionKind;
/// let view = MapView::fit(ProjectionKind::EuropeEqualArea, [1920.0, 1080.0]);
/// let centre = view.to_screen(view.centre);
/// assert_eq!(centre, [960.0, 540.0]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    pub projection: ProjectionKind,
    /// The projected point at the centre of the picture, metres.
    pub centre: MapXy,
    /// Ground metres (in the projection plane) per screen pixel.
    pub metres_per_pixel: f64,
    /// Picture size in pixels (width, height).
    pub size_px: [f32; 2],
}

/// Zoom limits: from the whole hemisphere to about a city.
const MIN_METRES_PER_PIXEL: f64 = 20.0;
const MAX_METRES_PER_PIXEL: f64 = 40_000.0;

impl MapView {
    /// The projection's default extent ("Fit Europe") fitted into a picture of `size_px`.
    pub fn fit(projection: ProjectionKind, size_px: [f32; 2]) -> MapView {
        let (centre, half_w, half_h) = projection.default_view();
        let w = size_px[0].max(1.0) as f64;
        let h = size_px[1].max(1.0) as f64;
        let metres_per_pixel = (2.0 * half_w / w).max(2.0 * half_h / h);
        MapView {
            projection,
            centre,
            metres_per_pixel,
            size_px,
        }
    }

    /// The smallest view of `projection` in a picture of `size_px` showing every one of `points`
    /// (longitude/latitude) with `margin` (a fraction of the span) around them; `None` if no
    /// point projects.
    pub fn fit_points(
        projection: ProjectionKind,
        size_px: [f32; 2],
        points: impl IntoIterator<Item = geo::Point<f64>>,
        margin: f64,
    ) -> Option<MapView> {
        let p = projection.projection();
        let xy: Vec<MapXy> = points.into_iter().filter_map(|q| p.forward(q)).collect();
        let (x0, x1) = xy
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), q| (a.min(q.x), b.max(q.x)));
        let (y0, y1) = xy
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), q| (a.min(q.y), b.max(q.y)));
        if xy.is_empty() || !(x1 >= x0 && y1 >= y0) {
            return None;
        }
        let (mx, my) = ((x1 - x0) * margin, (y1 - y0) * margin);
        let (w, h) = (size_px[0].max(1.0) as f64, size_px[1].max(1.0) as f64);
        let metres_per_pixel = ((x1 - x0 + 2.0 * mx) / w)
            .max((y1 - y0 + 2.0 * my) / h)
            .clamp(MIN_METRES_PER_PIXEL, MAX_METRES_PER_PIXEL);
        Some(MapView {
            projection,
            centre: MapXy {
                x: 0.5 * (x0 + x1),
                y: 0.5 * (y0 + y1),
            },
            metres_per_pixel,
            size_px,
        })
    }

    /// Projected metres to screen pixels.
    pub fn to_screen(&self, p: MapXy) -> [f32; 2] {
        let x = (p.x - self.centre.x) / self.metres_per_pixel + self.size_px[0] as f64 / 2.0;
        let y = (self.centre.y - p.y) / self.metres_per_pixel + self.size_px[1] as f64 / 2.0;
        [x as f32, y as f32]
    }

    /// Screen pixels to projected metres.
    pub fn to_map(&self, s: [f32; 2]) -> MapXy {
        MapXy {
            x: self.centre.x + (s[0] as f64 - self.size_px[0] as f64 / 2.0) * self.metres_per_pixel,
            y: self.centre.y - (s[1] as f64 - self.size_px[1] as f64 / 2.0) * self.metres_per_pixel,
        }
    }

    /// Screen pixels to longitude/latitude, where the projection is defined there.
    pub fn to_lon_lat(&self, s: [f32; 2]) -> Option<geo::Point<f64>> {
        self.projection.projection().inverse(self.to_map(s))
    }

    /// Longitude/latitude to screen pixels.
    pub fn lon_lat_to_screen(&self, p: geo::Point<f64>) -> Option<[f32; 2]> {
        self.projection
            .projection()
            .forward(p)
            .map(|xy| self.to_screen(xy))
    }

    /// The part of the projection plane the picture shows.
    pub fn visible_bounds(&self) -> BoundsXy {
        let a = self.to_map([0.0, self.size_px[1]]);
        let b = self.to_map([self.size_px[0], 0.0]);
        BoundsXy { min: a, max: b }
    }

    /// The basemap level of detail this zoom needs.
    pub fn scale(&self) -> Scale {
        Scale::for_metres_per_pixel(self.metres_per_pixel)
    }

    /// Moves the map by a screen-space drag of `delta` pixels.
    pub fn pan_by_pixels(&mut self, delta: [f32; 2]) {
        self.centre.x -= delta[0] as f64 * self.metres_per_pixel;
        self.centre.y += delta[1] as f64 * self.metres_per_pixel;
    }

    /// Zooms by `factor` (>1 zooms in) keeping the map point under `anchor` (screen) fixed.
    pub fn zoom_about(&mut self, anchor: [f32; 2], factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let before = self.to_map(anchor);
        self.metres_per_pixel =
            (self.metres_per_pixel / factor).clamp(MIN_METRES_PER_PIXEL, MAX_METRES_PER_PIXEL);
        let after = self.to_map(anchor);
        self.centre.x += before.x - after.x;
        self.centre.y += before.y - after.y;
    }

    /// Keeps the centre and the ground extent across the smaller dimension when the picture is
    /// resized, so a window resize does not zoom.
    pub fn resize(&mut self, size_px: [f32; 2]) {
        self.size_px = size_px;
    }

    /// Centres the view on a longitude/latitude, zooming in to at least `metres_per_pixel`.
    pub fn centre_on(&mut self, p: geo::Point<f64>, metres_per_pixel: f64) {
        if let Some(xy) = self.projection.projection().forward(p) {
            self.centre = xy;
            self.metres_per_pixel = self.metres_per_pixel.min(metres_per_pixel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> MapView {
        MapView {
            projection: ProjectionKind::EuropeEqualArea,
            centre: MapXy {
                x: 4_000_000.0,
                y: 3_000_000.0,
            },
            metres_per_pixel: 1000.0,
            size_px: [800.0, 600.0],
        }
    }

    #[test]
    fn screen_and_map_round_trip() {
        let v = view();
        let p = MapXy {
            x: 4_123_000.0,
            y: 2_950_000.0,
        };
        let back = v.to_map(v.to_screen(p));
        assert!((back.x - p.x).abs() < 1.0 && (back.y - p.y).abs() < 1.0);
        // North is up: a point further north is higher on the screen.
        assert!(
            v.to_screen(MapXy { x: 4e6, y: 3.1e6 })[1] < v.to_screen(MapXy { x: 4e6, y: 3e6 })[1]
        );
    }

    #[test]
    fn zoom_keeps_the_anchor_fixed() {
        let mut v = view();
        let anchor = [100.0, 500.0];
        let before = v.to_map(anchor);
        v.zoom_about(anchor, 2.0);
        let after = v.to_map(anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert_eq!(v.metres_per_pixel, 500.0);
    }

    #[test]
    fn zoom_is_clamped() {
        let mut v = view();
        v.zoom_about([0.0, 0.0], 1e9);
        assert_eq!(v.metres_per_pixel, MIN_METRES_PER_PIXEL);
        v.zoom_about([0.0, 0.0], f64::NAN);
        assert_eq!(v.metres_per_pixel, MIN_METRES_PER_PIXEL);
    }

    #[test]
    fn pan_moves_the_map_with_the_drag() {
        let mut v = view();
        let p = MapXy { x: 4e6, y: 3e6 };
        let before = v.to_screen(p);
        v.pan_by_pixels([10.0, -5.0]);
        let after = v.to_screen(p);
        assert!((after[0] - before[0] - 10.0).abs() < 1e-3);
        assert!((after[1] - before[1] + 5.0).abs() < 1e-3);
    }
}

/// A scale bar: its length in pixels and what it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    pub length_px: f32,
    pub label: String,
}

impl MapView {
    /// A scale bar true on the ellipsoid at the centre of the picture, at most `max_px` long.
    ///
    /// The projection plane's scale varies across the map, so the ground distance is measured
    /// geodesically across the centre rather than read off `metres_per_pixel`.
    pub fn scale_bar(&self, max_px: f32) -> Option<ScaleBar> {
        let [w, h] = self.size_px;
        let half = 50.0;
        let a = self.to_lon_lat([w / 2.0 - half, h / 2.0])?;
        let b = self.to_lon_lat([w / 2.0 + half, h / 2.0])?;
        let metres_per_px = crate::geodesy::distance_m(a, b) / (2.0 * half as f64);
        if !(metres_per_px.is_finite() && metres_per_px > 0.0) {
            return None;
        }
        let max_m = max_px as f64 * metres_per_px;
        let mut nice = 1.0;
        while nice * 10.0 <= max_m {
            nice *= 10.0;
        }
        for step in [5.0, 2.0] {
            if nice * step <= max_m {
                nice *= step;
                break;
            }
        }
        let label = if nice >= 1000.0 {
            format!(
                "{} km",
                crate::format::group_thousands((nice / 1000.0) as u64)
            )
        } else {
            format!("{nice:.0} m")
        };
        Some(ScaleBar {
            length_px: (nice / metres_per_px) as f32,
            label,
        })
    }
}
