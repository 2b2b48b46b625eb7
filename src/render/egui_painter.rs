//! Draws a scene into an egui painter: the window's back end.
//!
//! Geometry is culled by its bounds against the visible part of the plane, and lines are thinned to
//! one point per pixel, so a frame costs what is on screen, not what is in the basemap.

use egui::{self, Color32, Mesh, Pos2, Rect, Shape, epaint::PathShape};

use super::egui_symbols::Symbols;
use crate::basemap::{BoundsXy, Polyline};
use crate::geodesy::MapXy;
use crate::render::geometry::symbol_at;
use crate::render::military::{
    CROWDED_SYMBOLS, Detail, centred_at, military_parts, swatch_unit_px,
};
use crate::scene::style::{self, Rgba, Stroke, SymbolShape};
use crate::scene::{MapView, PlacedLabel, Scene, Swatch};

/// What a frame drew, for the status bar and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaintStats {
    pub vertices: usize,
    pub shapes: usize,
}

/// Converts a scene colour to egui's.
pub fn colour(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0[0], c.0[1], c.0[2], c.0[3])
}

pub(super) fn egui_stroke(s: &Stroke) -> egui::Stroke {
    egui::Stroke::new(s.width_px, colour(s.colour))
}

/// The shapes of one frame of the map, in painting order.
pub struct MapShapes {
    /// Everything but the labels, then the labels from `labels_from` on.
    pub shapes: Vec<Shape>,
    pub labels_from: usize,
    /// The labels that were placed (the app makes hit areas for symbols).
    pub labels: Vec<PlacedLabel>,
    pub stats: PaintStats,
}

/// Builds every shape of one frame: the map of `scene` seen through `view`, placed in `rect`.
pub fn shapes(ctx: &egui::Context, scene: &Scene, view: &MapView, rect: Rect) -> MapShapes {
    let mut out = Frame {
        shapes: Vec::new(),
        stats: PaintStats::default(),
        view,
        origin: rect.min,
        visible: view.visible_bounds().grown(view.metres_per_pixel * 8.0),
        symbols: Symbols::new(ctx),
    };
    out.shapes
        .push(Shape::rect_filled(rect, 0.0, colour(style::SEA)));
    if let Some(base) = &scene.basemap {
        out.land(&base.land_meshes());
        if scene.show_borders {
            out.polylines(&base.borders, &style::BORDER_STROKE);
        }
        out.polylines(&base.coastlines, &style::COAST_STROKE);
    }
    for line in &scene.lines {
        out.path(&line.points, &line.stroke, false);
    }
    for area in &scene.areas {
        out.area(&area.fill_vertices, &area.triangles, area.fill);
    }
    for area in &scene.areas {
        for ring in std::iter::once(&area.outline).chain(&area.holes) {
            out.path(ring, &area.stroke, true);
        }
    }
    // The labels first: placing them finds where the map texts go too, kept for the frame.
    let labels = scene.labels_for(view);
    for (text, p) in scene.texts.iter().zip(scene.map_text_centres_for(view)) {
        out.centred_text(
            ctx,
            out.origin + egui::vec2(p[0], p[1]),
            &text.text,
            text.size_px,
            text.colour,
        );
    }
    // The symbols in view, each placed once; crowded with military symbols, frames alone.
    let in_view: Vec<(&crate::scene::Symbol, [f32; 2])> = scene
        .symbols
        .iter()
        .filter_map(|s| Some((s, symbol_at(s, view)?)))
        .collect();
    let military = in_view.iter().filter(|(s, _)| s.military.is_some()).count();
    // A military symbol is about twice a simple one's vertices (frame, staff, icon): room
    // for it up front spares copying a mesh of hundreds of thousands as it grows.
    out.symbols.reserve(in_view.len() + military);
    let detail = if military > CROWDED_SYMBOLS {
        Detail::FrameOnly
    } else {
        Detail::Whole
    };
    for (symbol, p) in in_view {
        let at = out.origin + egui::vec2(p[0], p[1]);
        let (r, fill) = (symbol.radius_px, symbol.fill);
        match &symbol.military {
            Some(drawing) => {
                out.symbols
                    .add_military(&military_parts(drawing, [at.x, at.y], r, detail));
                out.stats.shapes += 1;
            }
            None => out.symbol(at, symbol.shape, r, fill, &symbol.stroke),
        }
    }
    out.end_symbols();
    let labels_from = out.shapes.len();
    for label in labels.iter() {
        out.label(ctx, label);
    }
    MapShapes {
        shapes: out.shapes,
        labels_from,
        labels: labels.to_vec(),
        stats: out.stats,
    }
}

/// What [`paint`] painted.
pub struct Painted {
    /// The labels placed.
    pub labels: Vec<PlacedLabel>,
    pub stats: PaintStats,
    /// An empty shape between the map and its labels, for an overlay that must not cover
    /// them (the hovered radar's coverage): `painter.set(under_labels, shape)`.
    pub under_labels: egui::layers::ShapeIdx,
}

/// Paints the scene into `painter` within `rect`, leaving a slot under the labels.
pub fn paint(painter: &egui::Painter, scene: &Scene, view: &MapView, rect: Rect) -> Painted {
    let MapShapes {
        mut shapes,
        labels_from,
        labels,
        stats,
    } = shapes(painter.ctx(), scene, view, rect);
    let clipped = painter.with_clip_rect(rect);
    let label_shapes = shapes.split_off(labels_from.min(shapes.len()));
    clipped.extend(shapes);
    let under_labels = clipped.add(Shape::Noop);
    clipped.extend(label_shapes);
    Painted {
        labels,
        stats,
        under_labels,
    }
}

/// A filled area (its triangulation: `vertices` on the map, `triangles` indexing them) as a mesh
/// in `fill`, seen through `view` with the picture's top-left corner at `origin`.
pub fn area_mesh(
    view: &MapView,
    origin: Pos2,
    vertices: &[MapXy],
    triangles: &[u32],
    fill: Rgba,
) -> Mesh {
    let mut mesh = Mesh {
        vertices: Vec::with_capacity(vertices.len()),
        indices: Vec::with_capacity(triangles.len()),
        ..Mesh::default()
    };
    let c = colour(fill);
    for v in vertices {
        let [x, y] = view.to_screen(*v);
        mesh.colored_vertex(origin + egui::vec2(x, y), c);
    }
    mesh.indices.extend_from_slice(triangles);
    mesh
}

/// Draws a legend swatch into a small rectangle (for the legend panel).
pub fn paint_swatch(painter: &egui::Painter, swatch: &Swatch, rect: Rect) {
    let c = rect.center();
    match swatch {
        Swatch::Symbol {
            shape,
            fill,
            stroke,
        } => {
            let mut f = Frame::detached(painter.ctx());
            f.symbol(c, *shape, rect.height() * 0.4, *fill, stroke);
            f.end_symbols();
            painter.extend(f.shapes);
        }
        Swatch::Area { fill, stroke } => {
            let r = rect.shrink(2.0);
            painter.rect_filled(r, 2.0, colour(*fill));
            painter.rect_stroke(r, 2.0, egui_stroke(stroke), egui::StrokeKind::Inside);
        }
        Swatch::Military(drawing) => {
            let unit = swatch_unit_px(drawing, rect.size().into());
            let at = centred_at(drawing, c.into(), unit);
            let mut f = Frame::detached(painter.ctx());
            f.symbols
                .add_military(&military_parts(drawing, at, unit, Detail::Whole));
            f.end_symbols();
            painter.extend(f.shapes);
        }
        Swatch::Line(stroke) => {
            let a = egui::pos2(rect.left() + 2.0, c.y);
            let b = egui::pos2(rect.right() - 2.0, c.y);
            match stroke.dash {
                Some([on, off]) => {
                    painter.extend(Shape::dashed_line(&[a, b], egui_stroke(stroke), on, off))
                }
                None => {
                    painter.line_segment([a, b], egui_stroke(stroke));
                }
            }
        }
    }
}

struct Frame<'a> {
    shapes: Vec<Shape>,
    stats: PaintStats,
    view: &'a MapView,
    origin: Pos2,
    visible: BoundsXy,
    symbols: Symbols,
}

impl Frame<'_> {
    fn detached(ctx: &egui::Context) -> Frame<'static> {
        static VIEW: std::sync::OnceLock<MapView> = std::sync::OnceLock::new();
        let view = VIEW.get_or_init(|| {
            MapView::fit(crate::geodesy::ProjectionKind::EuropeEqualArea, [1.0, 1.0])
        });
        Frame {
            shapes: Vec::new(),
            stats: PaintStats::default(),
            view,
            origin: Pos2::ZERO,
            visible: view.visible_bounds(),
            symbols: Symbols::new(ctx),
        }
    }

    fn screen(&self, p: MapXy) -> Pos2 {
        let s = self.view.to_screen(p);
        self.origin + egui::vec2(s[0], s[1])
    }

    fn land(&mut self, meshes: &[crate::basemap::FillMesh]) {
        let visible: Vec<_> = meshes
            .iter()
            .filter(|m| m.bounds.intersects(&self.visible))
            .collect();
        // One allocation of the right size: growing a mesh of tens of thousands of vertices
        // copies it over and over, which showed up as a fifth of the frame time.
        let mut mesh = Mesh {
            vertices: Vec::with_capacity(visible.iter().map(|m| m.vertices.len()).sum()),
            indices: Vec::with_capacity(visible.iter().map(|m| m.indices.len()).sum()),
            ..Mesh::default()
        };
        let fill = colour(style::LAND);
        for m in visible {
            let base = mesh.vertices.len() as u32;
            for v in &m.vertices {
                mesh.colored_vertex(self.screen(*v), fill);
            }
            mesh.indices.extend(m.indices.iter().map(|i| base + i));
        }
        self.stats.vertices += mesh.vertices.len();
        self.stats.shapes += 1;
        self.shapes.push(Shape::mesh(mesh));
    }

    fn area(&mut self, vertices: &[MapXy], triangles: &[u32], fill: Rgba) {
        let mesh = area_mesh(self.view, self.origin, vertices, triangles, fill);
        self.stats.vertices += mesh.vertices.len();
        self.shapes.push(Shape::mesh(mesh));
    }

    fn polylines(&mut self, lines: &[Polyline], stroke: &Stroke) {
        let visible = self.visible;
        for line in lines.iter().filter(|l| l.bounds.intersects(&visible)) {
            self.path(&line.points, stroke, false);
        }
    }

    /// Screen points with those closer than a pixel to their predecessor dropped.
    fn thin(&self, points: &[MapXy]) -> Vec<Pos2> {
        let mut out: Vec<Pos2> = Vec::with_capacity(points.len().min(4096));
        for p in points {
            let s = self.screen(*p);
            match out.last() {
                Some(last) if (s.x - last.x).abs() < 0.8 && (s.y - last.y).abs() < 0.8 => {}
                _ => out.push(s),
            }
        }
        if let (Some(first), Some(last)) = (points.first(), points.last()) {
            // Keep the true end so closed rings stay closed after thinning.
            let end = self.screen(*last);
            if out.len() > 1 && out.last() != Some(&end) && first != last {
                out.push(end);
            }
        }
        out
    }

    fn path(&mut self, points: &[MapXy], stroke: &Stroke, closed: bool) {
        let pts = self.thin(points);
        if pts.len() < 2 {
            return;
        }
        self.stats.vertices += pts.len();
        self.stats.shapes += 1;
        match stroke.dash {
            Some([on, off]) => {
                self.shapes
                    .extend(Shape::dashed_line(&pts, egui_stroke(stroke), on, off))
            }
            None if closed => self.shapes.push(Shape::Path(PathShape::closed_line(
                pts,
                egui_stroke(stroke),
            ))),
            None => self
                .shapes
                .push(Shape::Path(PathShape::line(pts, egui_stroke(stroke)))),
        }
    }

    fn symbol(
        &mut self,
        at: Pos2,
        shape: SymbolShape,
        radius: f32,
        fill: Option<Rgba>,
        stroke: &Stroke,
    ) {
        let (stroke, none) = (egui_stroke(stroke), Color32::TRANSPARENT);
        match fill {
            // Filled and outlined in one path when the shape is convex, as all but the cross are.
            Some(fill) if shape != SymbolShape::Cross => {
                self.symbols.add(shape, at, radius, colour(fill), stroke);
            }
            Some(fill) => {
                for piece in shape.convex_pieces() {
                    self.symbols.add_filled(&piece, at, radius, colour(fill));
                }
                self.symbols.add(shape, at, radius, none, stroke);
            }
            None => self.symbols.add(shape, at, radius, none, stroke),
        }
        self.stats.shapes += 1;
    }

    /// The symbols drawn so far, as one shape over what is drawn already.
    fn end_symbols(&mut self) {
        let mesh = self.symbols.take_mesh();
        if !mesh.is_empty() {
            self.stats.vertices += mesh.vertices.len();
            self.shapes.push(Shape::mesh(mesh));
        }
    }

    fn centred_text(&mut self, ctx: &egui::Context, at: Pos2, text: &str, size: f32, fill: Rgba) {
        let font = egui::FontId::proportional(size);
        let galley =
            ctx.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, Color32::PLACEHOLDER));
        let pos = at - galley.size() / 2.0;
        let halo = colour(style::HALO);
        for d in [
            egui::vec2(-1.0, 0.0),
            egui::vec2(1.0, 0.0),
            egui::vec2(0.0, -1.0),
            egui::vec2(0.0, 1.0),
        ] {
            self.shapes
                .push(Shape::galley(pos + d, galley.clone(), halo));
        }
        self.shapes.push(Shape::galley(pos, galley, colour(fill)));
    }

    fn label(&mut self, ctx: &egui::Context, label: &PlacedLabel) {
        if let Some([a, b]) = label.leader {
            let at = |p: [f32; 2]| self.origin + egui::vec2(p[0], p[1]);
            self.shapes.push(Shape::line_segment(
                [at(a), at(b)],
                egui_stroke(&style::LEADER),
            ));
        }
        let pos = self.origin + egui::vec2(label.top_left[0], label.top_left[1]);
        let font = egui::FontId::proportional(label.size_px);
        let galley =
            ctx.fonts_mut(|f| f.layout_no_wrap(label.text.clone(), font, Color32::PLACEHOLDER));
        let halo = colour(style::HALO);
        for d in [
            egui::vec2(-1.0, 0.0),
            egui::vec2(1.0, 0.0),
            egui::vec2(0.0, -1.0),
            egui::vec2(0.0, 1.0),
        ] {
            self.shapes
                .push(Shape::galley(pos + d, galley.clone(), halo));
        }
        self.shapes
            .push(Shape::galley(pos, galley, colour(style::LABEL)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::ProjectionKind;

    /// The slot for an overlay lies between the map and its labels: every label's text comes
    /// after it, so the hovered radar's coverage set there never covers a label.
    #[test]
    fn the_overlay_slot_lies_under_every_label() {
        let s = crate::scenario::built_in();
        let layers = crate::scenario::Layers {
            basemap: false,
            ..crate::scenario::Layers::default()
        };
        let scene = crate::scene::build(
            &s,
            ProjectionKind::EuropeEqualArea,
            crate::basemap::Scale::Coarse110m,
            &layers,
            None,
        );
        let size = egui::vec2(1200.0, 800.0);
        let view = MapView::fit(ProjectionKind::EuropeEqualArea, [size.x, size.y]);
        let rect = Rect::from_min_size(Pos2::ZERO, size);
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            screen_rect: Some(rect),
            ..Default::default()
        };
        let mut slot = None;
        let mut labels = 0;
        let mut out = ctx.run_ui(input, |ui| {
            let painted = paint(ui.painter(), &scene, &view, rect);
            ui.painter().set(
                painted.under_labels,
                Shape::circle_filled(Pos2::ZERO, 1.0, Color32::RED),
            );
            slot = Some(painted.under_labels);
            labels = painted.labels.len();
        });
        assert!(slot.is_some() && labels > 10, "{labels} labels");
        let shapes: Vec<&Shape> = out.shapes.iter().map(|c| &c.shape).collect();
        let marker = shapes
            .iter()
            .position(|s| matches!(s, Shape::Circle(c) if c.fill == Color32::RED))
            .expect("the overlay in its slot");
        let texts: Vec<usize> = (0..shapes.len())
            .filter(|&i| matches!(shapes[i], Shape::Text(_)))
            .collect();
        assert!(!texts.is_empty());
        assert!(
            texts.iter().all(|&i| i > marker),
            "labels after the overlay"
        );
        assert!(
            shapes[..marker].iter().any(|s| matches!(s, Shape::Mesh(_))),
            "the map under it"
        );
        // The font atlas this frame made is not uploaded anywhere.
        out.textures_delta.clear();
    }
}
