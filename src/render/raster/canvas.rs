//! The page's pixmap as the rasteriser paints it. Drawing ([`Canvas`]) and painting
//! ([`Painter`]) are two stages on two threads: the thread that draws works out the geometry
//! (projecting, clipping, thinning, shaping text) and sends each drawing operation, in order, to
//! a painter that owns the pixmap, which strokes, edges and paints it while the next is worked
//! out. The painter paints each operation in horizontal bands of rows in parallel. A band is a
//! disjoint run of the pixmap's rows, so no band needs a layer of its own, and little is kept
//! between operations (a stroke's outline is made once, painted band by band, and dropped);
//! only translucent fans wait, to be painted together.

use std::sync::mpsc;

use rayon::prelude::*;
use resvg::tiny_skia as sk;

use super::coverage::{Cover, Edges};
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
    Svg(Box<resvg::usvg::Tree>, sk::Transform),
}

/// Operations in flight between the stages at most (a page sends a few hundred).
const QUEUE: usize = 64;

/// Runs `draw` with a canvas over `pixmap`, the painting on a thread of its own, and returns
/// when everything drawn is painted. A panic while painting is passed on to the caller.
pub fn paint<R>(pixmap: &mut sk::Pixmap, draw: impl FnOnce(&mut Canvas<'_>) -> R) -> R {
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Command>(QUEUE);
        let (hand_over, take) = mpsc::sync_channel::<Painter<'_>>(1);
        let thread = std::thread::Builder::new()
            .name("painter".to_owned())
            .spawn_scoped(scope, move || {
                if let Ok(mut painter) = take.recv() {
                    receive.iter().for_each(|command| painter.run(command));
                }
            });
        let painter = Painter::new(pixmap);
        // Without a thread, the painter paints each operation as it is drawn.
        let to = match &thread {
            Ok(_) => match hand_over.send(painter) {
                Ok(()) => Stage::Thread(send),
                Err(mpsc::SendError(painter)) => Stage::Here(painter),
            },
            Err(_) => Stage::Here(painter),
        };
        let mut canvas = Canvas { to };
        let out = draw(&mut canvas);
        drop(canvas);
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
    /// does), with `colour`; translucent ones of one colour in a row are painted together
    /// ([`Painter::fill_layer`]).
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

    /// Renders `tree` (an SVG, by resvg) over the page with `transform` (its units to page
    /// pixels).
    pub fn render_svg(&mut self, tree: resvg::usvg::Tree, transform: sk::Transform) {
        self.send(Command::Svg(Box::new(tree), transform));
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

/// The page's pixmap and what painting it needs between operations.
struct Painter<'p> {
    pixmap: &'p mut sk::Pixmap,
    /// Rows per band (the last may have fewer).
    rows: u32,
    /// From the picture's pixels to the page's.
    transform: sk::Transform,
    /// The frame the current picture is clipped to (an index into each band's masks).
    clip: Option<usize>,
    /// Per band, one mask per frame clipped to so far.
    masks: Vec<Vec<sk::Mask>>,
    /// Translucent areas of one colour not painted yet: they go as one ([`Cover::Layers`])
    /// when something else is painted, the picture moves, or the painter is dropped.
    layers: Option<(Rgba, Edges)>,
}

/// One drawing operation for tiny-skia.
enum Op {
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
    /// A painter of `pixmap`, in two bands a thread (the top of a page, its title, is lighter
    /// work than the maps).
    fn new(pixmap: &'p mut sk::Pixmap) -> Painter<'p> {
        let bands = (2 * rayon::current_num_threads()).clamp(1, 16) as u32;
        let rows = pixmap.height().div_ceil(bands).max(1);
        let count = pixmap.height().div_ceil(rows) as usize;
        Painter {
            pixmap,
            rows,
            transform: sk::Transform::identity(),
            clip: None,
            masks: (0..count).map(|_| Vec::new()).collect(),
            layers: None,
        }
    }

    /// Paints one operation.
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
            Command::Svg(tree, transform) => self.render_svg(&tree, transform),
        }
    }

    /// Strokes a long path (the basemap's coastlines and borders: tens of thousands of points in
    /// hundreds of contours) as [`Self::run`] strokes any other, but its contours in groups on
    /// every core: each contour's outline is made on its own (as tiny-skia makes a path's,
    /// contour by contour, dashes restarting), so the groups' edges together are the whole
    /// path's. At 4K the coastlines' outline and edges took 15 ms on one thread.
    fn stroke_in_parts(&mut self, path: &sk::Path, stroke: &Stroke) {
        if stroke.colour.0[3] == 0 {
            self.paint_layers();
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
        self.paint_job(Job {
            work: Work::Area(Edges::joined(parts), Cover::Fill(sk::FillRule::Winding)),
            colour: stroke.colour,
            bounds,
        });
    }

    /// See [`Canvas::place`].
    fn place(&mut self, transform: sk::Transform, clip: Option<sk::Rect>) {
        self.paint_layers();
        self.transform = transform;
        self.clip = clip.and_then(|rect| {
            let (width, height, rows) = (self.pixmap.width(), self.pixmap.height(), self.rows);
            let path = sk::PathBuilder::from_rect(rect);
            for (i, masks) in self.masks.iter_mut().enumerate() {
                let top = i as u32 * rows;
                let mut m = sk::Mask::new(width, rows.min(height - top))?;
                let shift = sk::Transform::from_translate(0.0, -(top as f32));
                m.fill_path(&path, sk::FillRule::Winding, true, shift);
                masks.push(m);
            }
            Some(self.masks.first()?.len() - 1)
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
    /// stroked with `halo`, then filled with its colour, in order. The halos are stroked in
    /// parallel and the bands painted in parallel, each with the texts that reach it: a page's
    /// hundred labels lie in one band or two each, so painting them one by one kept the other
    /// threads idle.
    fn haloed_texts(&mut self, texts: Vec<(sk::Path, Rgba)>, halo: &Stroke) {
        self.paint_layers();
        let transform = self.transform;
        let jobs: Vec<Job> = texts
            .into_par_iter()
            .flat_map_iter(|(path, colour)| {
                let halo = stroke_op(&path, halo, transform).map(|op| (op, halo.colour));
                halo.into_iter().chain([(fill_op(path, false), colour)])
            })
            .map(|(op, colour)| Job {
                bounds: op.bounds(transform),
                work: Work::Scanlines(op),
                colour,
            })
            .collect();
        self.paint_bands(&jobs);
    }

    /// Renders `tree` (an SVG, by resvg) over the page with `transform` (its units to page
    /// pixels), each band in parallel: the page furniture's hundreds of glyphs, one path each,
    /// took 13 ms at 4K on one thread.
    fn render_svg(&mut self, tree: &resvg::usvg::Tree, transform: sk::Transform) {
        self.paint_layers();
        each_band(self.pixmap, self.rows, true, |_, top, band| {
            resvg::render(tree, transform.post_translate(0.0, -top), band);
        });
    }

    /// Paints `op`, after any pending layers. A transparent paint (the unfilled rings of
    /// planned batteries) changes no pixel and is skipped; a large fill goes by accumulated
    /// area instead of tiny-skia's scanlines.
    fn paint(&mut self, op: Op, colour: Rgba) {
        if colour.0[3] == 0 {
            self.paint_layers();
            return;
        }
        let bounds = op.bounds(self.transform);
        let work = match op {
            Op::Fill { path, rule } if path.len() > AREA_FILL_POINTS => {
                Work::Area(Edges::of(&path, self.transform), Cover::Fill(rule))
            }
            op => Work::Scanlines(op),
        };
        self.paint_job(Job {
            work,
            colour,
            bounds,
        });
    }

    /// Paints one job, after any pending layers; a transparent one changes no pixel.
    fn paint_job(&mut self, job: Job) {
        self.paint_layers();
        if job.colour.0[3] > 0 {
            self.paint_bands(&[job]);
        }
    }

    /// Paints the pending translucent areas, if any.
    fn paint_layers(&mut self) {
        if let Some((colour, edges)) = self.layers.take() {
            self.paint_bands(&[Job {
                work: Work::Area(edges, Cover::Layers),
                colour,
                bounds: None,
            }]);
        }
    }

    /// Paints the `jobs`, in order, into every band each reaches; the bands in parallel when
    /// more than one is reached (waking the other threads costs more than painting a symbol).
    fn paint_bands(&mut self, jobs: &[Job]) {
        let (rows, clip, transform) = (self.rows, self.clip, self.transform);
        let reaches = |job: &Job, top: f32, rows: f32| {
            job.colour.0[3] > 0
                && job
                    .bounds
                    .is_none_or(|b| b.bottom() >= top && b.top() <= top + rows)
        };
        let count = self.masks.len();
        let reached = (0..count)
            .filter(|i| {
                let top = (*i as u32 * rows) as f32;
                jobs.iter().any(|j| reaches(j, top, rows as f32))
            })
            .count();
        let masks = &self.masks;
        each_band(self.pixmap, rows, reached > 1, |i, top, band| {
            let band_rows = band.height() as f32;
            let shifted = transform.post_translate(0.0, -top);
            let mask = clip.and_then(|c| masks.get(i)?.get(c));
            for job in jobs.iter().filter(|j| reaches(j, top, band_rows)) {
                match &job.work {
                    Work::Area(edges, cover) => {
                        edges.fill_band(band, top, *cover, job.colour.0, mask);
                    }
                    Work::Scanlines(op) => op.paint(band, &solid(job.colour), shifted, mask),
                }
            }
        });
    }
}

/// Calls `paint` with each band of `pixmap` (`rows` rows each, the last maybe fewer): its index,
/// its top row on the page and its pixels; the bands in parallel when `parallel`.
fn each_band(
    pixmap: &mut sk::Pixmap,
    rows: u32,
    parallel: bool,
    paint: impl Fn(usize, f32, &mut sk::PixmapMut<'_>) + Sync + Send,
) {
    let width = pixmap.width();
    let band_bytes = rows as usize * width as usize * 4;
    let one = |(i, data): (usize, &mut [u8])| {
        let band_rows = (data.len() / (width as usize * 4)) as u32;
        if let Some(mut band) = sk::PixmapMut::from_bytes(data, width, band_rows) {
            paint(i, (i as u32 * rows) as f32, &mut band);
        }
    };
    if parallel {
        pixmap
            .data_mut()
            .par_chunks_mut(band_bytes)
            .enumerate()
            .for_each(one);
    } else {
        pixmap
            .data_mut()
            .chunks_mut(band_bytes)
            .enumerate()
            .for_each(one);
    }
}

impl Drop for Painter<'_> {
    fn drop(&mut self) {
        self.paint_layers();
    }
}

impl Op {
    /// Where the operation paints (page pixels), drawn with `transform`.
    fn bounds(&self, transform: sk::Transform) -> Option<sk::Rect> {
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
    fn paint(
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

/// Something to paint, in which colour, and where on the page (`None`: anywhere).
struct Job {
    work: Work,
    colour: Rgba,
    bounds: Option<sk::Rect>,
}

/// What a band paints: an operation by tiny-skia's scanlines, or edges by accumulated area.
enum Work {
    Scanlines(Op),
    Area(Edges, Cover),
}

/// Fills of paths with more points than this (the basemap's land, borders' and coastlines'
/// outlines) are painted by [`Edges`]: tiny-skia's cost per edge dominates there.
const AREA_FILL_POINTS: usize = 2000;

/// An anti-aliased solid paint.
fn solid(c: Rgba) -> sk::Paint<'static> {
    let mut p = sk::Paint::default();
    p.set_color_rgba8(c.0[0], c.0[1], c.0[2], c.0[3]);
    p.anti_alias = true;
    p
}
