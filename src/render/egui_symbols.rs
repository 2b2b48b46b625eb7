//! The map's symbols tessellated into one mesh for the window ([`super::egui_painter`]): simple
//! shapes as egui would tessellate each, military symbols from their parts.

use egui::{self, Color32, Mesh, Pos2, Shape, epaint::PathShape};

use super::egui_painter::{colour, egui_stroke};
use super::military::MilitaryPart;
use crate::scene::style::SymbolShape;

/// The symbols of a frame, tessellated here as egui would tessellate each (filled and outlined,
/// anti-aliased) but into one mesh: 10,000 imported sites were 20,000 shapes, each tessellated
/// and copied into egui's mesh on its own.
pub(super) struct Symbols {
    tessellator: egui::epaint::Tessellator,
    mesh: Mesh,
    /// One path, its points replaced for each symbol.
    path: PathShape,
    /// Each shape's outline on the unit circle, worked out once a frame.
    outlines: Vec<(SymbolShape, Vec<[f32; 2]>)>,
}

impl Symbols {
    pub(super) fn new(ctx: &egui::Context) -> Symbols {
        let options = ctx.tessellation_options(|o| *o);
        Symbols {
            // Paths need neither the font texture's size nor its prepared discs.
            tessellator: egui::epaint::Tessellator::new(
                ctx.pixels_per_point(),
                options,
                [1, 1],
                Vec::new(),
            ),
            mesh: Mesh::default(),
            path: PathShape::closed_line(Vec::new(), egui::Stroke::NONE),
            outlines: Vec::new(),
        }
    }

    /// Room for about `count` symbols more.
    pub(super) fn reserve(&mut self, count: usize) {
        // A filled, outlined square is 16 vertices and 24 triangles with egui's feathering.
        self.mesh.vertices.reserve(count * 16);
        self.mesh.indices.reserve(count * 72);
    }

    /// Tessellates `shape`'s outline (scaled by `radius` about `at`), filled with `fill` (the
    /// shape must then be convex) and outlined with `stroke`.
    pub(super) fn add(
        &mut self,
        shape: SymbolShape,
        at: Pos2,
        radius: f32,
        fill: Color32,
        stroke: egui::Stroke,
    ) {
        let i = match self.outlines.iter().position(|(s, _)| *s == shape) {
            Some(i) => i,
            None => {
                self.outlines.push((shape, shape.outline()));
                self.outlines.len() - 1
            }
        };
        self.path.points.clear();
        let placed = self.outlines[i].1.iter();
        let placed = placed.map(|[x, y]| at + egui::vec2(x * radius, y * radius));
        self.path.points.extend(placed);
        self.tessellate(fill, stroke);
    }

    /// Tessellates the convex polygon `points` (scaled by `radius` about `at`) filled.
    pub(super) fn add_filled(&mut self, points: &[[f32; 2]], at: Pos2, radius: f32, fill: Color32) {
        self.path.points.clear();
        let placed = points
            .iter()
            .map(|[x, y]| at + egui::vec2(x * radius, y * radius));
        self.path.points.extend(placed);
        self.tessellate(fill, egui::Stroke::NONE);
    }

    /// Tessellates a military symbol's parts: fills as fans from their centres (a frame may
    /// be a quatrefoil, an icon a star: not convex, but star-shaped), strokes (dashed ones as
    /// their dashes) by egui's tessellator.
    pub(super) fn add_military(&mut self, parts: &[MilitaryPart]) {
        for part in parts {
            let solid = part.stroke.filter(|s| s.dash.is_none());
            if let (Some(fill), true) = (part.fill, part.convex) {
                // Filled and outlined in one path, as a simple symbol is.
                self.path.points.clear();
                let points = part.points.iter().map(|p| Pos2::new(p[0], p[1]));
                self.path.points.extend(points);
                let outline = solid.as_ref().map_or(egui::Stroke::NONE, egui_stroke);
                self.tessellate(colour(fill), outline);
                if solid.is_some() || part.stroke.is_none() {
                    continue;
                }
            } else if let Some(fill) = part.fill {
                fan(&mut self.mesh, part.centre, &part.points, colour(fill));
            }
            let Some(stroke) = &part.stroke else {
                continue;
            };
            let points = part.points.iter().map(|p| Pos2::new(p[0], p[1]));
            match stroke.dash {
                Some([on, off]) => {
                    let mut ring: Vec<Pos2> = points.collect();
                    if part.closed
                        && let Some(&first) = ring.first()
                    {
                        ring.push(first);
                    }
                    for dash in Shape::dashed_line(&ring, egui_stroke(stroke), on, off) {
                        self.tessellator.tessellate_shape(dash, &mut self.mesh);
                    }
                }
                None => {
                    // Into the one path kept for the frame: no allocation per part.
                    self.path.points.clear();
                    self.path.points.extend(points);
                    self.path.closed = part.closed;
                    self.tessellate(Color32::TRANSPARENT, egui_stroke(stroke));
                    self.path.closed = true;
                }
            }
        }
    }

    /// The mesh made so far, leaving an empty one.
    pub(super) fn take_mesh(&mut self) -> Mesh {
        std::mem::take(&mut self.mesh)
    }

    fn tessellate(&mut self, fill: Color32, stroke: egui::Stroke) {
        self.path.fill = fill;
        self.path.stroke = stroke.into();
        self.tessellator.tessellate_path(&self.path, &mut self.mesh);
    }
}

/// The polygon `ring` filled as a fan of triangles from `centre` into `mesh` (right for any
/// polygon star-shaped about the centre).
fn fan(mesh: &mut Mesh, centre: [f32; 2], ring: &[[f32; 2]], fill: Color32) {
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(Pos2::new(centre[0], centre[1]), fill);
    for p in ring {
        mesh.colored_vertex(Pos2::new(p[0], p[1]), fill);
    }
    let n = ring.len() as u32;
    for i in 0..n {
        mesh.add_triangle(base, base + 1 + i, base + 1 + (i + 1) % n);
    }
}
