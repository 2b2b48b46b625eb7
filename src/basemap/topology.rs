//! TopoJSON topologies: decoding (from TopoJSON text or the compact `.topo.bin` form that
//! `tools/basemap-topojson-to-bin.py` writes), ring assembly, and classing arcs as coastline or
//! border.
//!
//! Only what a basemap needs is supported: `GeometryCollection` objects of `Polygon` and
//! `MultiPolygon` geometries (nested collections are flattened; null geometries are kept as empty;
//! points and lines are skipped), with or without a quantising `transform`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// A longitude/latitude pair in degrees, `[lon, lat]`.
pub type LonLat = [f64; 2];

/// A ring's reference to one arc: TopoJSON's `i` (arc `i` as stored) or `~i` (arc `i` reversed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArcRef {
    /// Index into [`Topology::arcs`].
    pub index: usize,
    /// Whether the arc is walked from its last point to its first.
    pub reversed: bool,
}

impl ArcRef {
    /// Decodes TopoJSON's integer form (`~i`, i.e. `-i - 1`, for reversed), checking the range.
    pub fn from_topojson(raw: i64, arc_count: usize) -> Result<Self, String> {
        let (index, reversed) = if raw >= 0 { (raw, false) } else { (!raw, true) };
        usize::try_from(index)
            .ok()
            .filter(|&index| index < arc_count)
            .map(|index| ArcRef { index, reversed })
            .ok_or_else(|| {
                format!("arc reference {raw} out of range (topology has {arc_count} arcs)")
            })
    }
}

/// One areal geometry (a country, or all the land): polygons of rings of arc references. The
/// first ring of a polygon is its exterior, any others are holes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AreaGeometry {
    /// The geometry's `id` (world-atlas: ISO 3166-1 numeric code), if any.
    pub id: Option<String>,
    /// `properties.name` (world-atlas: the country's short name), if any.
    pub name: Option<String>,
    /// Polygons, each a list of rings, each a list of arc references.
    pub polygons: Vec<Vec<Vec<ArcRef>>>,
}

/// A named object of a topology (`countries`, `land`): its areal geometries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TopoObject {
    /// The key in TopoJSON's `objects`.
    pub name: String,
    /// The object's polygons and multipolygons, in file order.
    pub geometries: Vec<AreaGeometry>,
}

/// How an arc is used by the geometries of one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArcClass {
    /// Not referenced at all.
    Unused,
    /// Referenced once, by one geometry: the edge of the land.
    Coastline,
    /// Referenced by two or more different geometries: a border between them.
    Border,
    /// Referenced more than once but only by one geometry (e.g. two islands of one country that
    /// touch, or a zero-length junction arc): not drawn.
    Interior,
}

/// A decoded topology: arcs in absolute longitude/latitude, and objects that refer to them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Topology {
    /// Arcs as absolute `[lon, lat]` degrees (quantisation and delta encoding undone).
    pub arcs: Vec<Vec<LonLat>>,
    /// The topology's objects, in file order (TopoJSON text: sorted by name).
    pub objects: Vec<TopoObject>,
}

/// The magic at the start of a `.topo.bin` file (format version 1).
pub const BIN_MAGIC: &[u8; 8] = b"BMDTOPO1";

impl Topology {
    /// Decodes TopoJSON text.
    pub fn from_json(text: &[u8]) -> Result<Self, String> {
        let raw: JsonTopology =
            serde_json::from_slice(text).map_err(|e| format!("TopoJSON: {e}"))?;
        if raw.kind != "Topology" {
            return Err(format!(
                "TopoJSON: type is {:?}, not \"Topology\"",
                raw.kind
            ));
        }
        let transform = raw
            .transform
            .map(|t| Transform::new(t.scale, t.translate))
            .transpose()?;
        let mut arcs = Vec::with_capacity(raw.arcs.len());
        for (i, arc) in raw.arcs.iter().enumerate() {
            let mut points = Vec::with_capacity(arc.len());
            let (mut qx, mut qy) = (0.0, 0.0);
            for position in arc {
                let [x, y] = match position.as_slice() {
                    [x, y, ..] if x.is_finite() && y.is_finite() => [*x, *y],
                    _ => return Err(format!("TopoJSON: arc {i}: bad position {position:?}")),
                };
                points.push(match &transform {
                    Some(t) => {
                        qx += x;
                        qy += y;
                        t.apply(qx, qy)
                    }
                    None => [x, y],
                });
            }
            arcs.push(points);
        }
        let arc_count = arcs.len();
        let mut objects = Vec::with_capacity(raw.objects.len());
        for (name, object) in raw.objects {
            let mut geometries = Vec::new();
            flatten_json_geometry(object, arc_count, &mut geometries)
                .map_err(|e| format!("TopoJSON: object {name:?}: {e}"))?;
            objects.push(TopoObject { name, geometries });
        }
        Ok(Topology { arcs, objects })
    }

    /// Decodes the compact binary form (layout documented in `tools/basemap-topojson-to-bin.py`).
    pub fn from_bin(data: &[u8]) -> Result<Self, String> {
        let mut r = BinReader::new(data, ".topo.bin");
        if r.take(BIN_MAGIC.len())? != BIN_MAGIC {
            return Err("not a .topo.bin file (bad magic)".to_owned());
        }
        let [sx, sy, tx, ty] = [r.f64()?, r.f64()?, r.f64()?, r.f64()?];
        let transform = Transform::new([sx, sy], [tx, ty])?;
        let arc_count = r.count()?;
        let mut arcs = Vec::with_capacity(arc_count);
        for _ in 0..arc_count {
            let n = r.count()?;
            let mut points = Vec::with_capacity(n);
            let (mut qx, mut qy) = (0i64, 0i64);
            for _ in 0..n {
                qx = qx
                    .checked_add(r.svarint()?)
                    .ok_or_else(|| r.error("coordinate overflow"))?;
                qy = qy
                    .checked_add(r.svarint()?)
                    .ok_or_else(|| r.error("coordinate overflow"))?;
                // Quantised coordinates are small integers (world-atlas: below 10^5), exact in f64.
                points.push(transform.apply(qx as f64, qy as f64));
            }
            arcs.push(points);
        }
        let object_count = r.count()?;
        let mut objects = Vec::with_capacity(object_count);
        for _ in 0..object_count {
            let name = r.string()?;
            let geometry_count = r.count()?;
            let mut geometries = Vec::with_capacity(geometry_count);
            for _ in 0..geometry_count {
                let kind = r.byte()?;
                if kind > 2 {
                    return Err(r.error(&format!("unknown geometry kind {kind}")));
                }
                let id = Some(r.string()?).filter(|s| !s.is_empty());
                let name = Some(r.string()?).filter(|s| !s.is_empty());
                let polygon_count = r.count()?;
                let mut polygons = Vec::with_capacity(polygon_count);
                for _ in 0..polygon_count {
                    let ring_count = r.count()?;
                    let mut rings = Vec::with_capacity(ring_count);
                    for _ in 0..ring_count {
                        let ref_count = r.count()?;
                        let mut ring = Vec::with_capacity(ref_count);
                        for _ in 0..ref_count {
                            let raw = r.svarint()?;
                            ring.push(
                                ArcRef::from_topojson(raw, arc_count).map_err(|e| r.error(&e))?,
                            );
                        }
                        rings.push(ring);
                    }
                    polygons.push(rings);
                }
                geometries.push(AreaGeometry { id, name, polygons });
            }
            objects.push(TopoObject { name, geometries });
        }
        if !r.at_end() {
            return Err(r.error("trailing bytes"));
        }
        Ok(Topology { arcs, objects })
    }

    /// The object called `name` (`"countries"`, `"land"`).
    pub fn object(&self, name: &str) -> Option<&TopoObject> {
        self.objects.iter().find(|o| o.name == name)
    }

    /// Total number of arc points (a measure of the level of detail).
    pub fn point_count(&self) -> usize {
        self.arcs.iter().map(Vec::len).sum()
    }

    /// A ring's points: its arcs joined end to start (the shared point kept once), closed as
    /// TopoJSON rings are (last point equal to the first).
    pub fn ring_points(&self, ring: &[ArcRef]) -> Vec<LonLat> {
        let mut out: Vec<LonLat> = Vec::new();
        for r in ring {
            let Some(arc) = self.arcs.get(r.index) else {
                continue;
            };
            // Consecutive arcs share their end and start point; keep it once.
            let skip = usize::from(!out.is_empty());
            if r.reversed {
                out.extend(arc.iter().rev().skip(skip));
            } else {
                out.extend(arc.iter().skip(skip));
            }
        }
        out
    }

    /// Classes every arc by how the geometries of `object` use it (indexed like [`Self::arcs`]).
    pub fn classify_arcs(&self, object: &TopoObject) -> Vec<ArcClass> {
        const NONE: usize = usize::MAX;
        let n = self.arcs.len();
        let mut refs = vec![0u32; n];
        let mut first_geometry = vec![NONE; n];
        let mut shared = vec![false; n];
        for (g, geometry) in object.geometries.iter().enumerate() {
            for r in geometry.polygons.iter().flatten().flatten() {
                let i = r.index;
                if i >= n {
                    continue;
                }
                refs[i] = refs[i].saturating_add(1);
                if first_geometry[i] == NONE {
                    first_geometry[i] = g;
                } else if first_geometry[i] != g {
                    shared[i] = true;
                }
            }
        }
        (0..n)
            .map(|i| match (refs[i], shared[i]) {
                (_, true) => ArcClass::Border,
                (0, _) => ArcClass::Unused,
                (1, _) => ArcClass::Coastline,
                _ => ArcClass::Interior,
            })
            .collect()
    }
}

/// TopoJSON's quantisation transform.
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

impl Transform {
    fn new(scale: [f64; 2], translate: [f64; 2]) -> Result<Self, String> {
        if scale.iter().chain(&translate).all(|v| v.is_finite()) {
            Ok(Transform { scale, translate })
        } else {
            Err(format!(
                "bad transform: scale {scale:?}, translate {translate:?}"
            ))
        }
    }

    fn apply(&self, qx: f64, qy: f64) -> LonLat {
        [
            qx * self.scale[0] + self.translate[0],
            qy * self.scale[1] + self.translate[1],
        ]
    }
}

#[derive(Deserialize)]
struct JsonTopology {
    #[serde(rename = "type")]
    kind: String,
    transform: Option<JsonTransform>,
    arcs: Vec<Vec<Vec<f64>>>,
    objects: BTreeMap<String, JsonGeometry>,
}

#[derive(Deserialize)]
struct JsonTransform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct JsonGeometry {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    arcs: Value,
    #[serde(default)]
    geometries: Vec<JsonGeometry>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    properties: Option<serde_json::Map<String, Value>>,
}

/// Collects the areal geometries of `geometry` (recursing into collections) into `out`.
fn flatten_json_geometry(
    geometry: JsonGeometry,
    arc_count: usize,
    out: &mut Vec<AreaGeometry>,
) -> Result<(), String> {
    let raw_polygons: Vec<Vec<Vec<i64>>> = match geometry.kind.as_deref() {
        Some("GeometryCollection") => {
            for child in geometry.geometries {
                flatten_json_geometry(child, arc_count, out)?;
            }
            return Ok(());
        }
        Some("Polygon") => vec![serde_json::from_value(geometry.arcs).map_err(|e| e.to_string())?],
        Some("MultiPolygon") => serde_json::from_value(geometry.arcs).map_err(|e| e.to_string())?,
        None => Vec::new(),
        // Points and lines have no place in a basemap of areas.
        Some(_) => return Ok(()),
    };
    let polygons = raw_polygons
        .into_iter()
        .map(|rings| {
            rings
                .into_iter()
                .map(|ring| {
                    ring.into_iter()
                        .map(|raw| ArcRef::from_topojson(raw, arc_count))
                        .collect::<Result<Vec<_>, _>>()
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let id = geometry.id.map(|id| match id {
        Value::String(s) => s,
        other => other.to_string(),
    });
    let name = geometry
        .properties
        .as_ref()
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    out.push(AreaGeometry { id, name, polygons });
    Ok(())
}

/// A cursor over `.topo.bin` bytes (and the packed basemaps', which use its varints).
pub(super) struct BinReader<'a> {
    data: &'a [u8],
    pos: usize,
    /// What the bytes are, for errors.
    kind: &'static str,
}

impl<'a> BinReader<'a> {
    /// A cursor at the start of `data`, a `kind` of file (for errors).
    pub(super) fn new(data: &'a [u8], kind: &'static str) -> BinReader<'a> {
        BinReader { data, pos: 0, kind }
    }

    /// Whether every byte has been read.
    pub(super) fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }

    pub(super) fn error(&self, what: &str) -> String {
        format!("{} at byte {}: {what}", self.kind, self.pos)
    }

    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.data.len())
            .ok_or_else(|| self.error("unexpected end of data"))?;
        let bytes = &self.data[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn f64(&mut self) -> Result<f64, String> {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(self.take(8)?);
        Ok(f64::from_le_bytes(bytes))
    }

    fn uvarint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        let mut shift = 0u32;
        loop {
            let byte = self.byte()?;
            if shift >= 64 || (shift == 63 && byte > 1) {
                return Err(self.error("varint too long"));
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    pub(super) fn svarint(&mut self) -> Result<i64, String> {
        let z = self.uvarint()?;
        // Zigzag: 0, -1, 1, -2, … ↔ 0, 1, 2, 3, …
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    /// A element count, bounded by the bytes left so a corrupt count cannot reserve gigabytes
    /// (every counted element takes at least one byte).
    pub(super) fn count(&mut self) -> Result<usize, String> {
        let n = self.uvarint()?;
        let left = self.data.len() - self.pos;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= left)
            .ok_or_else(|| self.error(&format!("count {n} exceeds the {left} bytes left")))
    }

    pub(super) fn string(&mut self) -> Result<String, String> {
        let n = self.count()?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error("string is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two unit squares side by side, quantised with scale (0.5, 0.25) and translate (10, 40):
    /// A = lon 10..11, B = lon 11..12, both lat 40..41. Arc 0 is their shared edge (from (11, 40)
    /// up to (11, 41)), arc 1 the rest of A, arc 2 the rest of B; B is a MultiPolygon and walks
    /// arc 0 backwards (`~0` = -1).
    const TWO_SQUARES: &str = r#"{
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 40]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "1", "properties": {"name": "A"}, "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "id": 2, "properties": {"name": "B"}, "arcs": [[[2, -1]]]}
        ]}},
        "arcs": [
            [[2, 0], [0, 4]],
            [[2, 4], [-2, 0], [0, -4], [2, 0]],
            [[2, 0], [2, 0], [0, 4], [-2, 0]]
        ]
    }"#;

    #[test]
    fn decodes_quantised_delta_arcs_and_classes_them() {
        let topo = Topology::from_json(TWO_SQUARES.as_bytes()).unwrap();
        assert_eq!(topo.arcs[0], vec![[11.0, 40.0], [11.0, 41.0]]);
        assert_eq!(
            topo.arcs[1],
            vec![[11.0, 41.0], [10.0, 41.0], [10.0, 40.0], [11.0, 40.0]]
        );
        let countries = topo.object("countries").unwrap();
        assert_eq!(countries.geometries.len(), 2);
        let a = &countries.geometries[0];
        let b = &countries.geometries[1];
        assert_eq!((a.id.as_deref(), a.name.as_deref()), (Some("1"), Some("A")));
        assert_eq!((b.id.as_deref(), b.name.as_deref()), (Some("2"), Some("B")));
        assert_eq!(
            b.polygons[0][0],
            vec![
                ArcRef {
                    index: 2,
                    reversed: false
                },
                ArcRef {
                    index: 0,
                    reversed: true
                }
            ]
        );
        assert_eq!(
            topo.ring_points(&a.polygons[0][0]),
            vec![
                [11.0, 40.0],
                [11.0, 41.0],
                [10.0, 41.0],
                [10.0, 40.0],
                [11.0, 40.0]
            ]
        );
        assert_eq!(
            topo.ring_points(&b.polygons[0][0]),
            vec![
                [11.0, 40.0],
                [12.0, 40.0],
                [12.0, 41.0],
                [11.0, 41.0],
                [11.0, 40.0]
            ]
        );
        assert_eq!(
            topo.classify_arcs(countries),
            vec![ArcClass::Border, ArcClass::Coastline, ArcClass::Coastline]
        );
    }

    #[test]
    fn interior_and_unused_arcs_are_neither_coast_nor_border() {
        let mut topo = Topology::from_json(TWO_SQUARES.as_bytes()).unwrap();
        topo.arcs.push(vec![[0.0, 0.0], [1.0, 1.0]]);
        let mut countries = topo.objects[0].clone();
        // Both squares belong to one country now: the shared edge is inside it.
        let b = countries.geometries.remove(1);
        countries.geometries[0].polygons.extend(b.polygons);
        assert_eq!(
            topo.classify_arcs(&countries),
            vec![
                ArcClass::Interior,
                ArcClass::Coastline,
                ArcClass::Coastline,
                ArcClass::Unused
            ]
        );
    }

    #[test]
    fn rejects_bad_input() {
        assert!(Topology::from_json(b"{}").is_err());
        let bad_ref = TWO_SQUARES.replace("[[0, 1]]", "[[0, 3]]");
        assert!(Topology::from_json(bad_ref.as_bytes()).is_err());
        assert!(Topology::from_bin(b"BMDTOPO0").is_err());
        assert!(Topology::from_bin(b"BMDTOPO1\0\0").is_err());
        // A huge count must fail cleanly, not allocate.
        let mut huge = BIN_MAGIC.to_vec();
        huge.extend([0u8; 32]);
        huge.extend([0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(Topology::from_bin(&huge).is_err());
    }

    #[test]
    fn zigzag_varints_round_trip() {
        let mut data = Vec::new();
        for z in [0u64, 1, 2, 3, 300, u64::MAX] {
            super::super::packed::put_uvarint(&mut data, z);
        }
        let mut r = BinReader::new(&data, "test");
        let got: Vec<i64> = (0..6).map(|_| r.svarint().unwrap()).collect();
        assert_eq!(got, vec![0, -1, 1, -2, 150, i64::MIN]);
    }
}
