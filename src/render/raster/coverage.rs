//! Filling large paths by accumulated area: each edge adds, to every pixel it passes, the signed
//! area of that pixel left of it within the row, and a running sum along each row turns those
//! amounts into the pixel's coverage. The method is R. Levien's ("Inside the fastest font renderer
//! in the world", 2016, for font-rs), written here for page-sized paths: the rows are worked in
//! strips of [`STRIP_ROWS`], each strip only with the edges that reach it.
//!
//! tiny-skia, which draws everything else, spends about 200 ns on every edge of a path (it starts
//! its pipeline for every run of partly covered pixels); the 1:10m coastlines' stroke outline has
//! 300,000. Here an edge costs the pixels it crosses, and a row the pixels between its first and
//! last edge. Coverage is exact area rather than tiny-skia's four sub-rows, so edges differ from
//! the SVG's rendering by a few levels of 255 at most (`tests/raster_parity.rs`).
//!
//! Where contours overlap, the non-zero rule takes the summed winding's magnitude capped at one
//! and even-odd its distance from the nearest even number: exact inside, and at an edge pixel
//! crossed by two contours, an estimate.

use resvg::tiny_skia as sk;

/// Rows in a strip: small enough that a strip's sums stay in the cache.
const STRIP_ROWS: usize = 16;

/// How far a curve's flattened chords may stray from it (page pixels).
const FLATNESS_PX: f32 = 0.05;

/// How a pixel's summed winding becomes the share of the colour laid over it.
#[derive(Clone, Copy, Debug)]
pub enum Cover {
    /// One fill under its rule, at the colour's alpha.
    Fill(sk::FillRule),
    /// Translucent areas of one colour, each laid once over what is below: where n of them
    /// cover a pixel, `1 - (1 - alpha)^n` of the colour shows, as n fills one after another
    /// would leave it. One pass instead of n (the radar fans: 14 at alpha 7/255, most over half
    /// the map). Each area must wind once around its inside ([`Edges::add_layer`]).
    Layers,
}

/// A path as straight edges on the page (pixels), each going down (`y0 < y1`), with the way it
/// went in the path (`winding`: +1 downwards, -1 upwards). Horizontal edges cover nothing and
/// are left out.
pub struct Edges {
    edges: Vec<Edge>,
    /// When sorted into bands ([`Edges::sort_into_bands`]): the rows of a band, and for each
    /// band the edges that reach it.
    bands: Option<(usize, Vec<Vec<u32>>)>,
}

#[derive(Clone, Copy)]
struct Edge {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    winding: f32,
}

impl Edges {
    /// The edges of `path` drawn with `transform` (picture to page pixels): curves flattened,
    /// every contour closed as a fill closes it.
    pub fn of(path: &sk::Path, transform: sk::Transform) -> Edges {
        let mut out = Edges {
            edges: Vec::with_capacity(path.len() + 16),
            bands: None,
        };
        let map = |p: sk::Point| {
            let mut q = p;
            transform.map_point(&mut q);
            q
        };
        let (mut start, mut at) = (sk::Point::zero(), sk::Point::zero());
        for segment in path.segments() {
            match segment {
                sk::PathSegment::MoveTo(p) => {
                    out.line(at, start);
                    start = map(p);
                    at = start;
                }
                sk::PathSegment::LineTo(p) => {
                    let p = map(p);
                    out.line(at, p);
                    at = p;
                }
                sk::PathSegment::QuadTo(c, p) => {
                    let (c, p) = (map(c), map(p));
                    // The chord's error with n pieces is |p0 - 2c + p| / (4 n²).
                    let bend = (at - times(c, 2.0) + p).length();
                    out.curve(at, pieces(bend / 4.0), |t| quad(at, c, p, t));
                    at = p;
                }
                sk::PathSegment::CubicTo(c1, c2, p) => {
                    let (c1, c2, p) = (map(c1), map(c2), map(p));
                    // The second derivative is at most 6 · max |p_i - 2p_i+1 + p_i+2|; the
                    // chord's error with n pieces is at most that / (8 n²).
                    let bend = (at - times(c1, 2.0) + c2)
                        .length()
                        .max((c1 - times(c2, 2.0) + p).length());
                    out.curve(at, pieces(bend * 0.75), |t| cubic(at, c1, c2, p, t));
                    at = p;
                }
                sk::PathSegment::Close => {
                    out.line(at, start);
                    at = start;
                }
            }
        }
        out.line(at, start);
        out
    }

    /// No edges.
    pub fn none() -> Edges {
        Edges {
            edges: Vec::new(),
            bands: None,
        }
    }

    /// The edges of all `parts` together: what one path made of their contours would have.
    pub fn joined(parts: Vec<Edges>) -> Edges {
        let mut edges = Vec::with_capacity(parts.iter().map(|p| p.edges.len()).sum());
        for part in parts {
            edges.extend(part.edges);
        }
        Edges { edges, bands: None }
    }

    /// Adds `area` (a region without holes) as one more layer for [`Cover::Layers`], turned so
    /// that it winds +1 around its inside whichever way it was drawn.
    pub fn add_layer(&mut self, mut area: Edges) {
        // Twice the signed area (shoelace over the edges); its sign is the way the area turns.
        let turning: f32 = area
            .edges
            .iter()
            .map(|e| e.winding * (e.y1 - e.y0) * (e.x0 + e.x1))
            .sum();
        if turning < 0.0 {
            area.edges.iter_mut().for_each(|e| e.winding = -e.winding);
        }
        self.edges.append(&mut area.edges);
        self.bands = None;
    }

    /// Notes, for bands of `rows` rows from the top of the page, which edges reach each, so
    /// that [`Edges::fill_band_with`] on one of those bands looks at those only.
    pub fn sort_into_bands(&mut self, rows: usize) {
        let rows = rows.max(1);
        let mut bands: Vec<Vec<u32>> = Vec::new();
        for (i, e) in self.edges.iter().enumerate() {
            if e.y1 <= 0.0 {
                continue;
            }
            let first = (e.y0.max(0.0) as usize) / rows;
            let last = ((e.y1 - 1e-4).max(0.0) as usize) / rows;
            if bands.len() <= last {
                bands.resize_with(last + 1, Vec::new);
            }
            for band in &mut bands[first..=last] {
                band.push(i as u32);
            }
        }
        self.bands = Some((rows, bands));
    }

    /// The edges that may reach the `rows` rows from page row `top`.
    fn reaching(&self, top: f32, rows: usize) -> Box<dyn Iterator<Item = (usize, &Edge)> + '_> {
        match &self.bands {
            // A band of the sorting, or the shorter last one.
            Some((band_rows, bands))
                if rows <= *band_rows && (top as usize).is_multiple_of(*band_rows) =>
            {
                let list = bands
                    .get(top as usize / band_rows)
                    .map_or(&[][..], Vec::as_slice);
                Box::new(list.iter().map(|&i| (i as usize, &self.edges[i as usize])))
            }
            _ => Box::new(self.edges.iter().enumerate()),
        }
    }

    fn line(&mut self, a: sk::Point, b: sk::Point) {
        if a.y == b.y || !(a.is_finite() && b.is_finite()) {
            return;
        }
        let (top, bottom, winding) = if a.y < b.y { (a, b, 1.0) } else { (b, a, -1.0) };
        self.edges.push(Edge {
            x0: top.x,
            y0: top.y,
            x1: bottom.x,
            y1: bottom.y,
            winding,
        });
    }

    fn curve(&mut self, from: sk::Point, n: usize, at: impl Fn(f32) -> sk::Point) {
        let mut last = from;
        for i in 1..=n {
            let p = at(i as f32 / n as f32);
            self.line(last, p);
            last = p;
        }
    }

    /// [`Edges::fill_band_with`] with a strip of its own (the tests' way).
    #[cfg(test)]
    pub fn fill_band(
        &self,
        band: &mut sk::PixmapMut<'_>,
        top: f32,
        cover: Cover,
        colour: [u8; 4],
        clip: Option<&sk::Mask>,
    ) {
        let mut strip = Strip::new(band.width() as usize);
        self.fill_band_with(&mut strip, band, top, cover, colour, clip);
    }

    /// Fills these edges into `band` (whose first row is page row `top`) with `colour`
    /// (straight RGBA) as `cover` says, each pixel's share multiplied by `clip`'s (a mask of
    /// the band's size) when given. `strip`, made for the band's width, is the working memory
    /// (its amounts are left cleared, for the next fill).
    pub fn fill_band_with(
        &self,
        strip: &mut Strip,
        band: &mut sk::PixmapMut<'_>,
        top: f32,
        cover: Cover,
        colour: [u8; 4],
        clip: Option<&sk::Mask>,
    ) {
        let (width, rows) = (band.width() as usize, band.height() as usize);
        let strips = rows.div_ceil(STRIP_ROWS);
        // Which edges reach each strip of the band.
        let mut bins: Vec<Vec<u32>> = vec![Vec::new(); strips];
        for (i, e) in self.reaching(top, rows) {
            let (a, b) = (e.y0 - top, e.y1 - top);
            if b <= 0.0 || a >= rows as f32 {
                continue;
            }
            let first = (a.max(0.0) as usize) / STRIP_ROWS;
            let last = ((b.min(rows as f32) - 1e-4).max(0.0) as usize) / STRIP_ROWS;
            for bin in &mut bins[first..=last.min(strips - 1)] {
                bin.push(i as u32);
            }
        }
        let shade = Shade::new(cover, colour);
        let pixels = band.data_mut();
        let mask = clip.map(sk::Mask::data);
        for (s, bin) in bins.iter().enumerate() {
            if bin.is_empty() {
                continue;
            }
            let first_row = s * STRIP_ROWS;
            let count = STRIP_ROWS.min(rows - first_row);
            strip.reset(count);
            for &i in bin {
                let e = self.edges[i as usize];
                strip.add(e, top + first_row as f32);
            }
            for r in 0..count {
                let row = (first_row + r) * width;
                let mask_row = mask.map(|m| &m[row..row + width]);
                strip.paint_row(r, &mut pixels[row * 4..(row + width) * 4], mask_row, &shade);
            }
        }
    }
}

/// How many chords keep a curve whose chord error with one piece is `error` within
/// [`FLATNESS_PX`].
fn pieces(error: f32) -> usize {
    ((error / FLATNESS_PX).sqrt().ceil() as usize).clamp(1, 100)
}

fn times(p: sk::Point, k: f32) -> sk::Point {
    sk::Point::from_xy(p.x * k, p.y * k)
}

fn quad(p0: sk::Point, c: sk::Point, p1: sk::Point, t: f32) -> sk::Point {
    let u = 1.0 - t;
    times(p0, u * u) + times(c, 2.0 * u * t) + times(p1, t * t)
}

fn cubic(p0: sk::Point, c1: sk::Point, c2: sk::Point, p1: sk::Point, t: f32) -> sk::Point {
    let u = 1.0 - t;
    times(p0, u * u * u)
        + times(c1, 3.0 * u * u * t)
        + times(c2, 3.0 * u * t * t)
        + times(p1, t * t * t)
}

/// The area amounts of one strip's rows. Each row's columns are cut into [`BLOCKS`] blocks, and
/// a bit per block says whether an edge wrote into it: a run of blocks no edge touched has one
/// coverage throughout (the running sum at its start), so it is filled or skipped whole. The
/// blocks are narrow (16 columns at 4K) because a thin stroke's outline touches a row at a few
/// pixels here and there, and every column of a touched block is summed one by one.
pub struct Strip {
    /// Columns with amounts: the band's width and two more (an edge's last amount may fall
    /// one past the edge's last column).
    columns: usize,
    /// Columns per block.
    block: usize,
    /// `STRIP_ROWS × columns` amounts; zero outside the touched blocks.
    area: Vec<f32>,
    /// Per row, the blocks written to (bit `b % 64` of word `b / 64`).
    touched: Vec<[u64; BLOCK_WORDS]>,
    /// Rows in the strip being worked (the band's last may have fewer than [`STRIP_ROWS`]).
    rows: usize,
}

impl Strip {
    /// A strip for rows `width` pixels wide.
    pub fn new(width: usize) -> Strip {
        let columns = width + 2;
        Strip {
            columns,
            block: columns.div_ceil(BLOCKS),
            area: vec![0.0; STRIP_ROWS * columns],
            touched: vec![[0; BLOCK_WORDS]; STRIP_ROWS],
            rows: STRIP_ROWS,
        }
    }

    /// Starts a strip of `rows` rows (at most [`STRIP_ROWS`]).
    fn reset(&mut self, rows: usize) {
        self.rows = rows.min(STRIP_ROWS);
        self.touched[..self.rows].fill([0; BLOCK_WORDS]);
    }

    /// Marks columns `from..=to` of row `r` as written.
    fn touch(&mut self, r: usize, from: usize, to: usize) {
        let (b0, b1) = (from / self.block, (to / self.block).min(BLOCKS - 1));
        let words = &mut self.touched[r];
        for (w, word) in words.iter_mut().enumerate().take(b1 / 64 + 1).skip(b0 / 64) {
            let (lo, hi) = (b0.max(w * 64) - w * 64, b1.min(w * 64 + 63) - w * 64);
            *word |= (u64::MAX >> (63 - hi)) & (u64::MAX << lo);
        }
    }

    /// Adds an edge's area to the rows of this strip (page row `top` is its first) it crosses.
    fn add(&mut self, e: Edge, top: f32) {
        let rows = self.rows;
        let stride = self.columns;
        let w = (stride - 2) as f32;
        let dxdy = (e.x1 - e.x0) / (e.y1 - e.y0);
        let (y0, y1) = ((e.y0 - top).max(0.0), (e.y1 - top).min(rows as f32));
        if y0 >= y1 {
            return;
        }
        let mut x = e.x0 + (y0 + top - e.y0) * dxdy;
        let first = y0 as usize;
        let last = (y1.ceil() as usize).min(rows);
        for r in first..last {
            let dy = (r as f32 + 1.0).min(y1) - (r as f32).max(y0);
            let next = x + dxdy * dy;
            let d = dy * e.winding;
            // Left of the band counts at its left edge (it still winds the pixels right of it).
            let (a, b) = (x.clamp(0.0, w), next.clamp(0.0, w));
            let (left, right) = if a < b { (a, b) } else { (b, a) };
            let row = &mut self.area[r * stride..(r + 1) * stride];
            let i0 = left.floor() as usize;
            let i1 = right.ceil() as usize;
            if i1 <= i0 + 1 {
                // Within one column: the part right of the edge's middle is this pixel's.
                let mid = 0.5 * (left + right) - i0 as f32;
                row[i0] += d * (1.0 - mid);
                row[i0 + 1] += d * mid;
                self.touch(r, i0, i0 + 1);
            } else {
                let s = 1.0 / (right - left);
                let f0 = left - i0 as f32;
                let a0 = 0.5 * s * (1.0 - f0) * (1.0 - f0);
                let f1 = right - i1 as f32 + 1.0;
                let am = 0.5 * s * f1 * f1;
                row[i0] += d * a0;
                if i1 == i0 + 2 {
                    row[i0 + 1] += d * (1.0 - a0 - am);
                } else {
                    let a1 = s * (1.5 - f0);
                    row[i0 + 1] += d * (a1 - a0);
                    for v in &mut row[i0 + 2..i1 - 1] {
                        *v += d * s;
                    }
                    let a2 = a1 + (i1 - i0 - 3) as f32 * s;
                    row[i1 - 1] += d * (1.0 - a2 - am);
                }
                row[i1] += d * am;
                self.touch(r, i0, i1);
            }
            x = next;
        }
    }

    /// Blends row `r`'s share of the colour into `pixels` (premultiplied RGBA bytes), and
    /// clears the row's amounts.
    fn paint_row(&mut self, r: usize, pixels: &mut [u8], mask: Option<&[u8]>, shade: &Shade) {
        let touched = self.touched[r];
        if touched == [0; BLOCK_WORDS] {
            return;
        }
        let (stride, block, width) = (self.columns, self.block, pixels.len() / 4);
        let row = &mut self.area[r * stride..(r + 1) * stride];
        let clipped = |a: u32, x: usize| match mask {
            Some(m) => (a * u32::from(m[x]) + 127) / 255,
            None => a,
        };
        let is_touched = |b: usize| touched[b / 64] & (1 << (b % 64)) != 0;
        let mut sum = 0.0f32;
        let mut b = 0;
        while b < BLOCKS && b * block < stride {
            let from = b * block;
            if is_touched(b) {
                for x in from..(from + block).min(stride) {
                    sum += std::mem::take(&mut row[x]);
                    if x >= width {
                        continue;
                    }
                    let a = clipped(shade.alpha(sum), x);
                    if a > 0 {
                        shade.over(&mut pixels[x * 4..x * 4 + 4], a);
                    }
                }
                b += 1;
                continue;
            }
            // No edge from here to the next touched block: one share for the whole run.
            let next = next_touched(&touched, b).unwrap_or(BLOCKS);
            let to = (next * block).min(width);
            b = next;
            let a = shade.alpha(sum);
            if a == 0 || from >= to {
                continue;
            }
            let run = &mut pixels[from * 4..to * 4];
            match mask {
                None => shade.over_run(run, a),
                Some(_) => {
                    for (i, p) in run.chunks_exact_mut(4).enumerate() {
                        let a = clipped(a, from + i);
                        if a > 0 {
                            shade.over(p, a);
                        }
                    }
                }
            }
        }
    }
}

/// Blocks a strip's row is cut into, and the words of their bits.
const BLOCKS: usize = 256;
const BLOCK_WORDS: usize = BLOCKS / 64;

/// The first block at or after `from` whose bit is set in `touched`.
fn next_touched(touched: &[u64; BLOCK_WORDS], from: usize) -> Option<usize> {
    let (mut w, bit) = (from / 64, from % 64);
    let mut word = touched.get(w)? & (u64::MAX << bit);
    loop {
        if word != 0 {
            return Some(w * 64 + word.trailing_zeros() as usize);
        }
        w += 1;
        word = *touched.get(w)?;
    }
}

/// `y / 255`, rounded down, for `y` up to 65,152 (checked for every one in a test).
fn div255(y: u16) -> u8 {
    ((y + 1 + (y >> 8)) >> 8) as u8
}

/// A colour and how much of it a pixel's summed winding lets show.
struct Shade {
    cover: Cover,
    /// Straight RGB and alpha.
    colour: [u32; 4],
    /// The colour at full strength, premultiplied (it is opaque).
    solid: [u8; 4],
    /// For [`Cover::Layers`]: the natural log of what one layer lets through, `ln(1 - alpha)`.
    through_ln: f32,
}

impl Shade {
    fn new(cover: Cover, [r, g, b, a]: [u8; 4]) -> Shade {
        Shade {
            cover,
            colour: [r, g, b, a].map(u32::from),
            solid: [r, g, b, 255],
            through_ln: (1.0 - f32::from(a) / 255.0).max(1e-6).ln(),
        }
    }

    /// How much of the colour shows (0 to 255) where the winding sums to `sum`.
    fn alpha(&self, sum: f32) -> u32 {
        let winding = sum.abs();
        let share = match self.cover {
            Cover::Fill(sk::FillRule::Winding) => winding.min(1.0) * self.colour[3] as f32 / 255.0,
            Cover::Fill(sk::FillRule::EvenOdd) => {
                let m = winding % 2.0;
                m.min(2.0 - m) * self.colour[3] as f32 / 255.0
            }
            Cover::Layers => 1.0 - (winding * self.through_ln).exp(),
        };
        (share * 255.0 + 0.5) as u32
    }

    /// The colour at `a` of 255 over one premultiplied pixel. A channel never exceeds the
    /// alpha: each term is at most the alpha's.
    fn over(&self, pixel: &mut [u8], a: u32) {
        if a == 255 {
            pixel.copy_from_slice(&self.solid);
            return;
        }
        let keep = 255 - a;
        let [r, g, b, _] = self.colour;
        for (d, s) in pixel.iter_mut().zip([r, g, b, 255]) {
            *d = ((s * a + u32::from(*d) * keep + 127) / 255) as u8;
        }
    }

    /// The colour at `a` of 255 over a run of premultiplied pixels, four pixels at a time in
    /// 16-bit lanes (`s·a + 127 + d·(255 − a)` is at most 65,152), which the compiler turns
    /// into vector instructions: this is where most of a page's pixels are painted.
    fn over_run(&self, run: &mut [u8], a: u32) {
        if a == 255 {
            let solid: [u8; 16] = std::array::from_fn(|i| self.solid[i % 4]);
            let mut quads = run.chunks_exact_mut(16);
            quads.by_ref().for_each(|q| q.copy_from_slice(&solid));
            for p in quads.into_remainder().chunks_exact_mut(4) {
                p.copy_from_slice(&self.solid);
            }
            return;
        }
        let keep = (255 - a) as u16;
        let [r, g, b, _] = self.colour;
        let add = [r, g, b, 255].map(|s| (s * a + 127) as u16);
        let add16: [u16; 16] = std::array::from_fn(|i| add[i % 4]);
        let mut quads = run.chunks_exact_mut(16);
        for q in quads.by_ref() {
            for (d, s) in q.iter_mut().zip(add16) {
                *d = div255(s + u16::from(*d) * keep);
            }
        }
        for p in quads.into_remainder().chunks_exact_mut(4) {
            for (d, s) in p.iter_mut().zip(add) {
                *d = div255(s + u16::from(*d) * keep);
            }
        }
    }
}

#[cfg(test)]
mod tests;
