//! Basemaps projected ahead of time: the finest scale in each projection, clipped, cut,
//! densified and projected once by [`super::project`] and kept in `maps/` (written by
//! `examples/pack-basemaps.rs`), so a page or a zoom at 1:10m reads a few megabytes instead of
//! decoding and clipping the world's outlines (Europe at 1:10m: 60 ms of work, most of a small
//! page's time). A test rebuilds each from the Natural Earth files and holds it to the packed
//! one, so the two cannot drift.
//!
//! The form: the magic `BMDPROJ1`, the scale and projection as text (checked when read), then
//! the land pieces (their count; per piece its rings; per ring its points), the coastlines and
//! the borders (their count; per line its points). Points are whole metres, each written as the
//! LEB128 zigzag varint difference from the point before it in the file: about four bytes a
//! point. Rounding to the metre moves no point by more than 0.71 m, far below what the 1:10m
//! data resolve (hundreds of metres) or a screen shows.

use super::topology::BinReader;
use super::{BoundsXy, LandPiece, Polyline, ProjectedBasemap, Scale};
use crate::geodesy::{MapXy, ProjectionKind};

/// What starts a packed basemap.
const MAGIC: &[u8; 8] = b"BMDPROJ1";

/// The basemaps packed ahead of time.
pub const PACKED: [(Scale, ProjectionKind); 2] = [
    (Scale::Fine10m, ProjectionKind::EuropeEqualArea),
    (Scale::Fine10m, ProjectionKind::ArcticPolar),
];

/// The file in `maps/` that holds the packed basemap of `scale` in `projection`.
pub fn file_name(scale: Scale, projection: ProjectionKind) -> String {
    format!(
        "{}-{}.proj.bin",
        projection_slug(projection),
        scale_slug(scale)
    )
}

/// The basemap of `scale` in `projection`: unpacked when it was packed ahead of time, else
/// built from the Natural Earth outlines ([`super::project`]).
pub fn load(scale: Scale, projection: ProjectionKind) -> Result<ProjectedBasemap, String> {
    match bytes(scale, projection) {
        Some(data) => unpack(data, scale, projection)
            .map_err(|e| format!("{}: {e}", file_name(scale, projection))),
        None => super::project(scale, projection),
    }
}

/// The packed bytes of `scale` in `projection`, if it is one of [`PACKED`].
pub(super) fn bytes(scale: Scale, projection: ProjectionKind) -> Option<&'static [u8]> {
    match (scale, projection) {
        (Scale::Fine10m, ProjectionKind::EuropeEqualArea) => {
            Some(include_bytes!("../../maps/europe-10m.proj.bin"))
        }
        (Scale::Fine10m, ProjectionKind::ArcticPolar) => {
            Some(include_bytes!("../../maps/arctic-10m.proj.bin"))
        }
        _ => None,
    }
}

fn projection_slug(projection: ProjectionKind) -> &'static str {
    match projection {
        ProjectionKind::EuropeEqualArea => "europe",
        ProjectionKind::ArcticPolar => "arctic",
        // Never packed: a centred projection is made when a user chooses it.
        ProjectionKind::Centred(_) => "centred",
    }
}

fn scale_slug(scale: Scale) -> &'static str {
    match scale {
        Scale::Coarse110m => "110m",
        Scale::Medium50m => "50m",
        Scale::Fine10m => "10m",
    }
}

/// What the file says it holds (checked on reading).
fn identity(scale: Scale, projection: ProjectionKind) -> String {
    format!("{scale:?} {projection:?}")
}

/// `map` in the packed form.
pub fn pack(map: &ProjectedBasemap) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    let id = identity(map.scale, map.projection);
    w.uvarint(id.len() as u64);
    w.out.extend_from_slice(id.as_bytes());
    w.uvarint(map.land.len() as u64);
    for piece in &map.land {
        w.uvarint(piece.rings.len() as u64);
        for ring in &piece.rings {
            w.points(ring);
        }
    }
    for lines in [&map.coastlines, &map.borders] {
        w.uvarint(lines.len() as u64);
        for line in lines {
            w.points(&line.points);
        }
    }
    w.out
}

/// The packed basemap in `data`, which must say it is `scale` in `projection`.
pub fn unpack(
    data: &[u8],
    scale: Scale,
    projection: ProjectionKind,
) -> Result<ProjectedBasemap, String> {
    let mut r = Reader {
        bytes: BinReader::new(data, "packed basemap"),
        at: [0, 0],
    };
    if r.bytes.take(MAGIC.len())? != MAGIC {
        return Err(r.bytes.error("not a packed basemap (bad magic)"));
    }
    let expected = identity(scale, projection);
    let found = r.bytes.string()?;
    if found != expected {
        return Err(r.bytes.error(&format!("holds {found}, not {expected}")));
    }
    let mut land = Vec::with_capacity(r.bytes.count()?);
    for _ in 0..land.capacity() {
        let rings = (0..r.bytes.count()?)
            .map(|_| r.points())
            .collect::<Result<Vec<_>, String>>()?;
        let bounds = rings
            .first()
            .and_then(|exterior| BoundsXy::of(exterior))
            .ok_or_else(|| r.bytes.error("a land piece without an exterior"))?;
        land.push(LandPiece { bounds, rings });
    }
    let mut lines = [Vec::new(), Vec::new()];
    for list in &mut lines {
        for _ in 0..r.bytes.count()? {
            let points = r.points()?;
            let bounds = BoundsXy::of(&points).ok_or_else(|| r.bytes.error("an empty line"))?;
            list.push(Polyline { bounds, points });
        }
    }
    if !r.bytes.at_end() {
        return Err(r.bytes.error("trailing bytes"));
    }
    let [coastlines, borders] = lines;
    Ok(ProjectedBasemap::new(
        scale, projection, land, coastlines, borders,
    ))
}

/// The packed form being written.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    /// The last point written, in whole metres.
    at: [i64; 2],
}

impl Writer {
    fn uvarint(&mut self, value: u64) {
        put_uvarint(&mut self.out, value);
    }

    fn points(&mut self, points: &[MapXy]) {
        self.uvarint(points.len() as u64);
        for p in points {
            let q = [p.x.round() as i64, p.y.round() as i64];
            for (axis, v) in q.into_iter().enumerate() {
                let d = v - self.at[axis];
                // Zigzag: 0, -1, 1, -2, … → 0, 1, 2, 3, …
                put_uvarint(&mut self.out, ((d << 1) ^ (d >> 63)) as u64);
            }
            self.at = q;
        }
    }
}

/// Appends `value` as a LEB128 varint (seven bits a byte, low first).
pub(super) fn put_uvarint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The packed form being read.
struct Reader<'a> {
    bytes: BinReader<'a>,
    /// The last point read, in whole metres.
    at: [i64; 2],
}

impl Reader<'_> {
    fn points(&mut self) -> Result<Vec<MapXy>, String> {
        let n = self.bytes.count()?;
        let mut points = Vec::with_capacity(n);
        for _ in 0..n {
            for axis in 0..2 {
                let d = self.bytes.svarint()?;
                self.at[axis] = self.at[axis]
                    .checked_add(d)
                    .ok_or_else(|| self.bytes.error("coordinate overflow"))?;
            }
            // Whole metres below 2^53 are exact in f64.
            points.push(MapXy {
                x: self.at[0] as f64,
                y: self.at[1] as f64,
            });
        }
        Ok(points)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_basemap_round_trips_to_the_metre() {
        let map = super::super::project(Scale::Coarse110m, ProjectionKind::ArcticPolar).unwrap();
        let packed = pack(&map);
        let back = unpack(&packed, map.scale, map.projection).unwrap();
        assert_within_a_metre(&back, &map);
        assert_eq!(back.point_count(), map.point_count());
        // Four bytes a point or so, with the counts.
        assert!(
            packed.len() < 6 * map.point_count(),
            "{} bytes",
            packed.len()
        );
    }

    #[test]
    fn a_damaged_or_mislabelled_file_is_refused_with_the_place() {
        let map =
            super::super::project(Scale::Coarse110m, ProjectionKind::EuropeEqualArea).unwrap();
        let packed = pack(&map);
        let wrong = unpack(&packed, Scale::Coarse110m, ProjectionKind::ArcticPolar).unwrap_err();
        assert!(wrong.contains("not Coarse110m ArcticPolar"), "{wrong}");
        let short = unpack(&packed[..packed.len() / 2], map.scale, map.projection).unwrap_err();
        assert!(short.starts_with("packed basemap at byte"), "{short}");
        let mut longer = packed.clone();
        longer.push(0);
        let trailing = unpack(&longer, map.scale, map.projection).unwrap_err();
        assert!(trailing.contains("trailing bytes"), "{trailing}");
        assert!(unpack(b"BMDTOPO1", map.scale, map.projection).is_err());
    }

    /// Each packed basemap in `maps/` is what the pipeline builds today, to the metre. When this
    /// fails after a change to the pipeline, run `cargo run --release --example pack-basemaps`.
    #[test]
    fn the_packed_basemaps_are_what_the_pipeline_builds() {
        for (scale, projection) in PACKED {
            let data = bytes(scale, projection).unwrap();
            let packed = unpack(data, scale, projection).unwrap();
            let built = super::super::project(scale, projection).unwrap();
            assert_within_a_metre(&packed, &built);
        }
    }

    fn assert_within_a_metre(a: &ProjectedBasemap, b: &ProjectedBasemap) {
        let near = |p: &MapXy, q: &MapXy| (p.x - q.x).abs() <= 0.5 && (p.y - q.y).abs() <= 0.5;
        let same = |p: &[MapXy], q: &[MapXy]| {
            p.len() == q.len() && p.iter().zip(q).all(|(p, q)| near(p, q))
        };
        let label = format!("{:?} {:?}", b.scale, b.projection);
        assert_eq!(a.land.len(), b.land.len(), "{label}: land pieces");
        for (p, q) in a.land.iter().zip(&b.land) {
            assert_eq!(p.rings.len(), q.rings.len(), "{label}: rings");
            assert!(
                p.rings.iter().zip(&q.rings).all(|(p, q)| same(p, q)),
                "{label}: land"
            );
        }
        for (p, q) in [(&a.coastlines, &b.coastlines), (&a.borders, &b.borders)] {
            assert_eq!(p.len(), q.len(), "{label}: lines");
            assert!(
                p.iter().zip(q).all(|(p, q)| same(&p.points, &q.points)),
                "{label}: lines"
            );
        }
    }
}
