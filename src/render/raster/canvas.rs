//! The page's pixmap as the rasteriser paints it. Drawing ([`Canvas`]) and painting
//! ([`Painter`]) are two stages on two threads: the thread that draws works out the geometry
//! (projecting, clipping, thinning, shaping text) and sends each drawing operation, in order, to
//! a painter that owns the pixmap, which strokes, edges and paints it while the next is worked
//! out. The painter prepares each operation as it comes (a stroke's outline is made once, a
//! large path cut into edges) and keeps it; when drawing is over it paints the pixmap band by
//! band, every operation into one band before the next, the bands in parallel. A band is a
//! disjoint run of the pixmap's rows, so no band needs a layer of its own, and one band of a 4K
//! page stays in the cache while all the operations paint it, where painting operation by
//! operation over the page passed all 33 MB through memory for each.

use std::sync::mpsc;

use rayon::prelude::*;
use resvg::tiny_skia as sk;

use super::bands::{self, BAND_ROWS, Target};
use super::coverage::{Cover, Edges};
use super::tile::Tile;
use crate::scene::style::{Rgba, Stroke};

/// Where drawing operations go: to a painter on its own thread, or (when no thread could be
/// had) straight to one on this thread.
pub struct Canvas<'p> {
    to: Stage<'p>,
}

enum Stage<'p> {
    Thread(mpsc::SyncSender<Command>),
    Here(Painter<'p>),
    /// The painter's thread has stopped (it panicked).
    Stopped,
}

/// One drawing operation, as sent to the painter.
enum Command {
    Place(sk::Transform, Option<sk::Rect>),
    Fill(sk::Path, Rgba, bool),
    FillLayer(sk::Path, Rgba),
    Stroke(sk::Path, Stroke),
    HaloedTexts(Vec<(sk::Path, Rgba)>, Stroke),
}

/// Operations in flight between the stages at most (a page sends a few hundred).
const QUEUE: usize = 64;

/// Runs `draw` with a canvas over `target`, the painting on a thread of its own, and returns
/// when everything drawn is painted. A panic while painting is passed on to the caller.
pub fn paint<R>(target: Target<'_>, draw: impl FnOnce(&mut Canvas<'_>) -> R) -> R {
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Command>(QUEUE);
        let (hand_over, take) = mpsc::sync_channel::<Painter<'_>>(1);
        let thread = std::thread::Builder::new()
            .name("painter".to_owned())
            .spawn_scoped(scope, move || {
                if let Ok(mut painter) = take.recv() {
                    receive.iter().for_each(|command| painter.run(command));
                    painter.finish();
                }
            });
        let painter = Painter::new(target);
        // Without a thread, the painter prepares each operation as it is drawn.
        let to = match &thread {
            Ok(_) => match hand_over.send(painter) {
                Ok(()) => Stage::Thread(send),
                Err(mpsc::SendError(painter)) => Stage::Here(painter),
            },
            Err(_) => Stage::Here(painter),
        };
        let mut canvas = Canvas { to };
        let out = draw(&mut canvas);
        match canvas.to {
            Stage::Here(painter) => painter.finish(),
            // Closing the channel tells the painter's thread that drawing is over.
            Stage::Thread(to) => drop(to),
            Stage::Stopped => {}
        }
        if let Ok(thread) = thread
            && let Err(panic) = thread.join()
        {
            std::panic::resume_unwind(panic);
        }
        out
    })
}

impl Canvas<'_> {
    /// Draws what follows as a picture placed by `transform` (picture pixels to page pixels),
    /// clipped to `clip` (page pixels) when given.
    pub fn place(&mut self, transform: sk::Transform, clip: Option<sk::Rect>) {
        self.send(Command::Place(transform, clip));
    }

    /// Fills `path` with `colour` (`even_odd` or non-zero).
    pub fn fill(&mut self, path: sk::Path, colour: Rgba, even_odd: bool) {
        self.send(Command::Fill(path, colour, even_odd));
    }

    /// Fills `path`, a simple region (one that winds once around its inside, as a radar's fan
    /// does), with `colour`; translucent ones of one colour in a row are painted together, as
    /// layers in one pass (`Cover::Layers`).
    pub fn fill_layer(&mut self, path: sk::Path, colour: Rgba) {
        self.send(Command::FillLayer(path, colour));
    }

    /// Strokes `path` as the SVG does: round joins, butt caps, the stroke's dashes.
    pub fn stroke(&mut self, path: sk::Path, stroke: &Stroke) {
        self.send(Command::Stroke(path, *stroke));
    }

    /// Texts with a halo under each (the SVG's `paint-order="stroke"`): each text's outline
    /// stroked with `halo`, then filled with its colour, in order.
    pub fn haloed_texts(&mut self, texts: Vec<(sk::Path, Rgba)>, halo: &Stroke) {
        self.send(Command::HaloedTexts(texts, *halo));
    }

    /// A rectangle `[x, y, width, height]` filled with `colour`.
    pub fn fill_rect(&mut self, rect: [f32; 4], colour: Rgba) {
        if let Some(r) = sk::Rect::from_xywh(rect[0], rect[1], rect[2], rect[3]) {
            self.fill(sk::PathBuilder::from_rect(r), colour, false);
        }
    }

    fn send(&mut self, command: Command) {
        match &mut self.to {
            // A send fails only when the painter has stopped, by a panic, which `paint` passes
            // on once drawing is over.
            Stage::Thread(to) => {
                if to.send(command).is_err() {
                    self.to = Stage::Stopped;
                }
            }
            Stage::Here(painter) => painter.run(command),
            Stage::Stopped => {}
        }
    }
}

/// The page's pixmap and the operations for it. Each operation is prepared as it arrives
/// (strokes outlined, large paths cut into edges, texts' halos stroked), while the next is
/// drawn; the pixmap is painted at the end ([`Painter::finish`]), band by band: every operation
/// into one band of [`BAND_ROWS`] rows (a megabyte at 4K, which stays in the cache for all of
/// them), the bands in parallel.
struct Painter<'p> {
    target: Target<'p>,
    /// From the picture's pixels to the page's.
    transform: sk::Transform,
    /// The frames clipped to so far (page pixels).
    clips: Vec<sk::Rect>,
    /// The frame the current picture is clipped to (an index into `clips`).
    clip: Option<usize>,
    /// Translucent areas of one colour not prepared yet: they go as one ([`Cover::Layers`])
    /// when something else is painted, the picture moves, or painting ends.
    layers: Option<(Rgba, Edges)>,
    /// Everything to paint, in order.
    jobs: Vec<Job>,
}

/// One drawing operation for tiny-skia.
pub(super) enum Op {
    Fill {
        path: sk::Path,
        rule: sk::FillRule,
    },
    /// A stroke at most a pixel wide: tiny-skia draws those as hairlines, so it is kept whole.
    Hairline {
        path: sk::Path,
        stroke: sk::Stroke,
    },
}

impl<'p> Painter<'p> {
    fn new(target: Target<'p>) -> Painter<'p> {
        Painter {
            target,
            transform: sk::Transform::identity(),
            clips: Vec::new(),
            clip: None,
            layers: None,
            jobs: Vec::new(),
        }
    }

    /// Prepares one operation.
    fn run(&mut self, command: Command) {
        match command {
            Command::Place(transform, clip) => self.place(transform, clip),
            Command::Fill(path, colour, even_odd) => {
                self.paint(fill_op(path, even_odd), colour);
            }
            Command::FillLayer(path, colour) => self.fill_layer(path, colour),
            Command::Stroke(path, stroke) if path.len() > AREA_FILL_POINTS => {
                self.stroke_in_parts(&path, &stroke);
            }
            Command::Stroke(path, stroke) => {
                if let Some(op) = stroke_op(&path, &stroke, self.transform) {
                    self.paint(op, stroke.colour);
                }
            }
            Command::HaloedTexts(texts, halo) => self.haloed_texts(texts, &halo),
        }
    }

    /// Strokes a long path (the basemap's coastlines and borders: tens of thousands of points in
    /// hundreds of contours) as [`Self::run`] strokes any other, but its contours in groups on
    /// every core: each contour's outline is made on its own (as tiny-skia makes a path's,
    /// contour by contour, dashes restarting), so the groups' edges together are the whole
    /// path's. At 4K the coastlines' outline and edges took 15 ms on one thread.
    fn stroke_in_parts(&mut self, path: &sk::Path, stroke: &Stroke) {
        if stroke.colour.0[3] == 0 {
            return;
        }
        let transform = self.transform;
        let groups = contour_groups(path, 4 * rayon::current_num_threads());
        let outlines: Vec<Option<Op>> = groups
            .par_iter()
            .map(|group| stroke_op(group, stroke, transform))
            .collect();
        if outlines
            .iter()
            .any(|o| matches!(o, Some(Op::Hairline { .. })))
        {
            // A hairline is drawn whole by tiny-skia: no outline to share out.
            if let Some(op) = stroke_op(path, stroke, transform) {
                self.paint(op, stroke.colour);
            }
            return;
        }
        let bounds = outlines
            .iter()
            .flatten()
            .filter_map(|op| op.bounds(transform))
            .reduce(|a, b| {
                sk::Rect::from_ltrb(
                    a.left().min(b.left()),
                    a.top().min(b.top()),
                    a.right().max(b.right()),
                    a.bottom().max(b.bottom()),
                )
                .unwrap_or(a)
            });
        let parts: Vec<Edges> = outlines
            .into_par_iter()
            .flatten()
            .map(|op| match op {
                Op::Fill { path, .. } => Edges::of(&path, transform),
                Op::Hairline { .. } => Edges::none(),
            })
            .collect();
        self.paint_layers();
        let cover = Cover::Fill(sk::FillRule::Winding);
        self.push(
            Work::Area(Edges::joined(parts), cover, stroke.colour),
            bounds,
        );
    }

    /// See [`Canvas::place`].
    fn place(&mut self, transform: sk::Transform, clip: Option<sk::Rect>) {
        self.paint_layers();
        self.transform = transform;
        self.clip = clip.map(|rect| {
            self.clips.push(rect);
            self.clips.len() - 1
        });
    }

    /// Fills `path`, a simple region (one that winds once around its inside, as a radar's fan
    /// does), with `colour`. Translucent regions of one colour in a row are painted together,
    /// as layers ([`Cover::Layers`]): the 14 radar fans of the built-in scenario in one pass
    /// instead of 14 over most of the map.
    fn fill_layer(&mut self, path: sk::Path, colour: Rgba) {
        let alpha = colour.0[3];
        if alpha == 0 || alpha == 255 {
            self.paint(fill_op(path, false), colour);
            return;
        }
        let area = Edges::of(&path, self.transform);
        match &mut self.layers {
            Some((c, edges)) if *c == colour => edges.add_layer(area),
            _ => {
                self.paint_layers();
                let mut edges = Edges::none();
                edges.add_layer(area);
                self.layers = Some((colour, edges));
            }
        }
    }

    /// Texts with a halo under each (the SVG's `paint-order="stroke"`): each text's outline
    /// stroked with `halo`, then filled with its colour, in order; the halos stroked in
    /// parallel.
    fn haloed_texts(&mut self, texts: Vec<(sk::Path, Rgba)>, halo: &Stroke) {
        self.paint_layers();
        let transform = self.transform;
        let page = self.page();
        let prepared: Vec<(Work, Option<sk::Rect>)> = texts
            .into_par_iter()
            .flat_map_iter(|(path, colour)| {
                let halo = stroke_op(&path, halo, transform).map(|op| (op, halo.colour));
                halo.into_iter().chain([(fill_op(path, false), colour)])
            })
            .filter_map(|(op, colour)| prepare(op, colour, transform, page))
            .collect();
        for (work, bounds) in prepared {
            self.push(work, bounds);
        }
    }

    /// Paints `op`, after any pending layers, as [`prepare`] makes it ready.
    fn paint(&mut self, op: Op, colour: Rgba) {
        self.paint_layers();
        if let Some((work, bounds)) = prepare(op, colour, self.transform, self.page()) {
            self.push(work, bounds);
        }
    }

    /// The page's pixels.
    fn page(&self) -> Option<sk::IntRect> {
        let [width, height] = self.target.size();
        sk::IntRect::from_xywh(0, 0, width, height)
    }

    /// Prepares the pending translucent areas, if any.
    fn paint_layers(&mut self) {
        if let Some((colour, edges)) = self.layers.take() {
            self.push(Work::Area(edges, Cover::Layers, colour), None);
        }
    }

    fn push(&mut self, work: Work, bounds: Option<sk::Rect>) {
        self.jobs.push(Job {
            work,
            bounds,
            clip: self.clip,
        });
    }

    /// Paints every operation, band by band, the bands in parallel. Large areas' edges are
    /// sorted by band first, so that a band does not look through all of a coastline's, and
    /// small operations painted into their tiles.
    fn finish(mut self) {
        self.paint_layers();
        let [_, height] = self.target.size();
        let rows = BAND_ROWS.min(height.max(1) as usize);
        self.jobs.par_iter_mut().for_each(|job| {
            if let Work::Area(edges, ..) = &mut job.work {
                edges.sort_into_bands(rows);
            }
        });
        bands::paint(&mut self.target, rows, &self.jobs, &self.clips);
    }
}

impl Op {
    /// Where the operation paints (page pixels), drawn with `transform`.
    pub(super) fn bounds(&self, transform: sk::Transform) -> Option<sk::Rect> {
        match self {
            Op::Fill { path, .. } => path.bounds().transform(transform),
            Op::Hairline { path, .. } => path
                .bounds()
                .transform(transform)
                .and_then(|b| b.outset(1.0, 1.0)),
        }
    }

    /// Paints the operation into `band` with `paint`, drawn with `transform` (to the band's
    /// pixels), through `mask` when given.
    pub(super) fn paint(
        &self,
        band: &mut sk::PixmapMut<'_>,
        paint: &sk::Paint<'_>,
        transform: sk::Transform,
        mask: Option<&sk::Mask>,
    ) {
        match self {
            Op::Fill { path, rule } => band.fill_path(path, paint, *rule, transform, mask),
            Op::Hairline { path, stroke } => band.stroke_path(path, paint, stroke, transform, mask),
        }
    }
}

/// `path`'s contours in about `count` paths of about the same number of points, in order.
fn contour_groups(path: &sk::Path, count: usize) -> Vec<sk::Path> {
    let per_group = path.len().div_ceil(count.max(1)).max(1);
    let mut groups = Vec::with_capacity(count);
    let mut b = sk::PathBuilder::new();
    let mut points = 0;
    for segment in path.segments() {
        match segment {
            sk::PathSegment::MoveTo(p) => {
                if points >= per_group {
                    groups.extend(std::mem::take(&mut b).finish());
                    points = 0;
                }
                b.move_to(p.x, p.y);
            }
            sk::PathSegment::LineTo(p) => b.line_to(p.x, p.y),
            sk::PathSegment::QuadTo(c, p) => b.quad_to(c.x, c.y, p.x, p.y),
            sk::PathSegment::CubicTo(c1, c2, p) => b.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y),
            sk::PathSegment::Close => b.close(),
        }
        points += 1;
    }
    groups.extend(b.finish());
    groups
}

/// A fill of `path` (`even_odd` or non-zero).
fn fill_op(path: sk::Path, even_odd: bool) -> Op {
    let rule = if even_odd {
        sk::FillRule::EvenOdd
    } else {
        sk::FillRule::Winding
    };
    Op::Fill { path, rule }
}

/// `path` stroked as the SVG strokes it (round joins, butt caps, the stroke's dashes), drawn
/// with `transform`: a hairline when at most a pixel wide, else the outline to fill, made as
/// tiny-skia's own `stroke_path` makes it. `None` when nothing is left to draw.
fn stroke_op(path: &sk::Path, stroke: &Stroke, transform: sk::Transform) -> Option<Op> {
    let mut s = sk::Stroke {
        width: stroke.width_px,
        line_join: sk::LineJoin::Round,
        ..sk::Stroke::default()
    };
    if let Some([on, off]) = stroke.dash {
        s.dash = sk::StrokeDash::new(vec![on, off], 0.0);
    }
    let res_scale = sk::PathStroker::compute_resolution_scale(&transform);
    if stroke.width_px * res_scale <= 1.0 {
        return Some(Op::Hairline {
            path: path.clone(),
            stroke: s,
        });
    }
    let dashed = match &s.dash {
        Some(dash) => Some(path.dash(dash, res_scale)?),
        None => None,
    };
    let outline = dashed.as_ref().unwrap_or(path).stroke(&s, res_scale)?;
    Some(fill_op(outline, false))
}

/// Something to paint, where on the page (`None`: anywhere), and the frame it is clipped to.
pub(super) struct Job {
    pub work: Work,
    pub bounds: Option<sk::Rect>,
    pub clip: Option<usize>,
}

/// What a band paints: an operation by tiny-skia's scanlines (drawn with a transform to the
/// page's pixels), edges by accumulated area, or a tile painted already.
pub(super) enum Work {
    Scanlines(Op, Rgba, sk::Transform),
    Area(Edges, Cover, Rgba),
    /// A small operation, painted already.
    Tile(Tile),
}

/// `op` in `colour`, drawn with `transform`, made ready for the bands, with where it paints;
/// `None` when it paints nothing on `page`. A transparent paint (the unfilled rings of planned
/// batteries) changes no pixel. A small operation (a glyph, its halo, a symbol) is painted by
/// tiny-skia now, into a tile of its own; a large fill goes by accumulated area, which works each
/// row on its own. tiny-skia, asked to paint into each band an operation reaches, samples four
/// sub-rows a pixel from where it cuts the path at the band's edge, which left a seam in a glyph
/// cut by one; and it costs about 200 ns an edge.
fn prepare(
    op: Op,
    colour: Rgba,
    transform: sk::Transform,
    page: Option<sk::IntRect>,
) -> Option<(Work, Option<sk::Rect>)> {
    if colour.0[3] == 0 {
        return None;
    }
    let bounds = op.bounds(transform);
    let small = bounds.is_some_and(|b| b.width() * b.height() <= TILE_PIXELS);
    let work = match op {
        Op::Fill { path, rule } if path.len() > AREA_FILL_POINTS || !small => {
            Work::Area(Edges::of(&path, transform), Cover::Fill(rule), colour)
        }
        op if small => Work::Tile(Tile::of(&op, colour, transform, page?)?),
        op => Work::Scanlines(op, colour, transform),
    };
    Some((work, bounds))
}

/// Operations over at most this many pixels (their bounds) are painted into a [`Tile`].
const TILE_PIXELS: f32 = 256.0 * 256.0;

/// Strokes of paths with more points than this (the basemap's borders and coastlines) are
/// outlined in parts on every core.
const AREA_FILL_POINTS: usize = 2000;

/// An anti-aliased solid paint.
pub(super) fn solid(c: Rgba) -> sk::Paint<'static> {
    let mut p = sk::Paint::default();
    p.set_color_rgba8(c.0[0], c.0[1], c.0[2], c.0[3]);
    p.anti_alias = true;
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgba = Rgba([255, 255, 255, 255]);
    const INK: Rgba = Rgba([20, 90, 160, 230]);

    /// A page of `rows` rows painted white and then by `draw` through a canvas.
    fn painted(rows: u32, draw: impl FnOnce(&mut Canvas<'_>)) -> sk::Pixmap {
        let mut pixmap = sk::Pixmap::new(300, rows).expect("a size");
        paint(Target::Pixmap(&mut pixmap), |c| {
            c.fill_rect([0.0, 0.0, 300.0, rows as f32], WHITE);
            draw(c);
        });
        pixmap
    }

    fn largest_difference(a: &sk::Pixmap, b: &sk::Pixmap) -> u8 {
        let pairs = a.data().iter().zip(b.data());
        pairs.map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0)
    }

    /// A small shape (a symbol, a glyph) across the edge between two bands is painted whole,
    /// as tiny-skia paints it on one pixmap: no seam where the bands meet.
    #[test]
    fn a_small_shape_across_a_band_edge_is_painted_whole() {
        let y = BAND_ROWS as f32;
        let circle = || sk::PathBuilder::from_circle(150.3, y + 0.4, 20.7).expect("a circle");
        let banded = painted(3 * BAND_ROWS as u32, |c| c.fill(circle(), INK, false));
        let mut whole = sk::Pixmap::new(300, 3 * BAND_ROWS as u32).expect("a size");
        whole.fill(sk::Color::WHITE);
        let (rule, identity) = (sk::FillRule::Winding, sk::Transform::identity());
        whole.fill_path(&circle(), &solid(INK), rule, identity, None);
        assert!(largest_difference(&banded, &whole) <= 1);
    }

    /// A large shape over several bands, painted band by band from edges sorted into bands,
    /// is the same as painted over the page at once.
    #[test]
    fn a_large_shape_painted_band_by_band_is_the_shape_painted_at_once() {
        let rows = 5 * BAND_ROWS as u32 + 7;
        let circle = || sk::PathBuilder::from_circle(150.0, 170.2, 140.6).expect("a circle");
        let banded = painted(rows, |c| c.fill(circle(), INK, false));
        let mut whole = sk::Pixmap::new(300, rows).expect("a size");
        whole.fill(sk::Color::WHITE);
        let edges = Edges::of(&circle(), sk::Transform::identity());
        let cover = Cover::Fill(sk::FillRule::Winding);
        edges.fill_band(&mut whole.as_mut(), 0.0, cover, INK.0, None);
        assert_eq!(largest_difference(&banded, &whole), 0);
    }

    /// A hairline longer than a tile (a graticule line on a small page) is painted into each
    /// band it crosses; tiny-skia draws a hairline pixel by pixel from the line itself, so the
    /// bands join without a seam (a seam is tens of levels: 56/255 for a glyph's fill).
    #[test]
    fn a_long_hairline_across_bands_is_the_hairline_painted_at_once() {
        let rows = 5 * BAND_ROWS as u32;
        let line = || {
            let mut b = sk::PathBuilder::new();
            b.move_to(3.3, 2.7);
            b.line_to(297.1, rows as f32 - 4.2);
            b.finish().expect("a line")
        };
        let thin = Stroke::solid(0.6, INK);
        let banded = painted(rows, |c| c.stroke(line(), &thin));
        let mut whole = sk::Pixmap::new(300, rows).expect("a size");
        whole.fill(sk::Color::WHITE);
        let Some(Op::Hairline { path, stroke }) =
            stroke_op(&line(), &thin, sk::Transform::identity())
        else {
            panic!("a stroke this thin is a hairline");
        };
        let identity = sk::Transform::identity();
        whole.stroke_path(&path, &solid(INK), &stroke, identity, None);
        // tiny-skia clips the line to each band and steps along it from there in fixed point:
        // a level or three either way along the line (measured: 3), never a seam.
        assert!(largest_difference(&banded, &whole) <= 4);
    }
}
