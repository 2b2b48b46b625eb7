//! Painting the page band by band, once every operation is prepared: into a pixmap of the
//! page, or band after band to whoever takes the rows (the PNG encoder), so that no pixmap of
//! the whole page is made (a 4K page is 33 MB, and first touching fresh memory is slow).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use rayon::prelude::*;
use resvg::tiny_skia as sk;

use super::canvas::{Job, Work, solid};
use super::coverage::Strip;

/// Where a page is painted.
pub enum Target<'p> {
    /// Into a pixmap of the page.
    Pixmap(&'p mut sk::Pixmap),
    /// A page `width` × `height` pixels given to `sink` band after band from the top, each
    /// band's rows (premultiplied RGBA) as soon as it and those above it are painted.
    Rows {
        width: u32,
        height: u32,
        sink: &'p mut (dyn FnMut(&[u8]) + Send),
    },
}

impl Target<'_> {
    /// The page's width and height in pixels.
    pub fn size(&self) -> [u32; 2] {
        match self {
            Target::Pixmap(p) => [p.width(), p.height()],
            Target::Rows { width, height, .. } => [*width, *height],
        }
    }
}

/// Paints `jobs` (clipped to `clips`) into `target`, `rows` rows a band, the bands in parallel.
pub(super) fn paint(target: &mut Target<'_>, rows: usize, jobs: &[Job], clips: &[sk::Rect]) {
    let [width, height] = target.size();
    let band_bytes = rows * width as usize * 4;
    match target {
        Target::Pixmap(pixmap) => pixmap
            .data_mut()
            .par_chunks_mut(band_bytes)
            .enumerate()
            .for_each_init(
                || Strip::new(width as usize),
                |strip, (i, data)| paint_into(strip, data, width, jobs, clips, i * rows),
            ),
        Target::Rows { sink, .. } => {
            let count = (height as usize).div_ceil(rows);
            let bytes = |i: usize| (rows.min(height as usize - i * rows)) * width as usize * 4;
            let strip = || Strip::new(width as usize);
            stream(count, bytes, *sink, strip, |strip, i, data| {
                paint_into(strip, data, width, jobs, clips, i * rows);
            });
        }
    }
}

/// Paints one band, `data` (whole rows of a page `width` pixels wide, the first page row
/// `top`), with `strip` (for the page's width) as the area fills' working memory.
fn paint_into(
    strip: &mut Strip,
    data: &mut [u8],
    width: u32,
    jobs: &[Job],
    clips: &[sk::Rect],
    top: usize,
) {
    let band_rows = (data.len() / (width as usize * 4).max(1)) as u32;
    if let Some(mut band) = sk::PixmapMut::from_bytes(data, width, band_rows) {
        paint_band(strip, jobs, clips, &mut band, top);
    }
}

/// Makes `count` bands (band `i` is `bytes(i)` bytes, cleared, filled by `fill` with the
/// working memory `init` made for its thread) on the cores and gives them to `sink` in order,
/// on this thread, as they come. The bands are taken in order by whichever thread is free, so
/// few wait for the one above them; their buffers go round.
fn stream<S>(
    count: usize,
    bytes: impl Fn(usize) -> usize + Sync,
    sink: &mut (dyn FnMut(&[u8]) + Send),
    init: impl Fn() -> S + Sync,
    fill: impl Fn(&mut S, usize, &mut [u8]) + Sync,
) {
    let next = AtomicUsize::new(0);
    let spare: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let (done, finished) = mpsc::channel::<(usize, Vec<u8>)>();
    let work = |done: &mpsc::Sender<(usize, Vec<u8>)>| {
        let mut scratch = init();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                return;
            }
            let mut buffer = spare
                .lock()
                .ok()
                .and_then(|mut s| s.pop())
                .unwrap_or_default();
            buffer.clear();
            buffer.resize(bytes(i), 0);
            fill(&mut scratch, i, &mut buffer);
            if done.send((i, buffer)).is_err() {
                return;
            }
        }
    };
    std::thread::scope(|scope| {
        let threads = rayon::current_num_threads().max(1);
        let spawned = (0..threads)
            .filter(|_| {
                let done = done.clone();
                let work = &work;
                std::thread::Builder::new()
                    .name("band painter".to_owned())
                    .spawn_scoped(scope, move || work(&done))
                    .is_ok()
            })
            .count();
        if spawned == 0 {
            // No thread to be had: every band painted here, then given.
            work(&done);
        }
        drop(done);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (i, buffer) in finished {
            waiting.insert(i, buffer);
            while let Some(buffer) = waiting.remove(&expected) {
                sink(&buffer);
                if let Ok(mut s) = spare.lock() {
                    s.push(buffer);
                }
                expected += 1;
            }
        }
    });
}

/// Paints every job that reaches `band` (whose first row is page row `top`) into it, in order,
/// each through the mask of the frame it is clipped to.
fn paint_band(
    strip: &mut Strip,
    jobs: &[Job],
    clips: &[sk::Rect],
    band: &mut sk::PixmapMut<'_>,
    top: usize,
) {
    let (top_px, rows) = (top as f32, band.height() as f32);
    let mut masks: Vec<Option<sk::Mask>> = (0..clips.len()).map(|_| None).collect();
    for job in jobs {
        if job
            .bounds
            .is_some_and(|b| b.bottom() < top_px || b.top() > top_px + rows)
        {
            continue;
        }
        let mask = match job.clip {
            Some(c) => {
                if masks[c].is_none() {
                    masks[c] = clip_mask(clips[c], band, top_px);
                }
                masks[c].as_ref()
            }
            None => None,
        };
        match &job.work {
            Work::Area(edges, cover, colour) => {
                edges.fill_band_with(strip, band, top_px, *cover, colour.0, mask);
            }
            Work::Scanlines(op, colour, transform) => {
                op.paint(
                    band,
                    &solid(*colour),
                    transform.post_translate(0.0, -top_px),
                    mask,
                );
            }
            Work::Tile(tile) => tile.lay_over(band, top, mask),
        }
    }
}

/// The mask of `rect` (page pixels) over `band`, whose first row is page row `top`.
fn clip_mask(rect: sk::Rect, band: &sk::PixmapMut<'_>, top: f32) -> Option<sk::Mask> {
    let mut mask = sk::Mask::new(band.width(), band.height())?;
    let shift = sk::Transform::from_translate(0.0, -top);
    mask.fill_path(
        &sk::PathBuilder::from_rect(rect),
        sk::FillRule::Winding,
        true,
        shift,
    );
    Some(mask)
}

/// Rows painted together: a band of a 4K page is then a megabyte, which stays in the cache
/// while every operation paints it.
pub(super) const BAND_ROWS: usize = 64;
