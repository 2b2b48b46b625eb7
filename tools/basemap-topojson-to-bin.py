#!/usr/bin/env python3
"""Convert world-atlas TopoJSON (Natural Earth outlines) into BMD Atlas's compact `.topo.bin` form.

Usage:
    python3 tools/basemap-topojson-to-bin.py SRC_DIR OUT_DIR

reads SRC_DIR/{countries,land}-{110m,50m,10m}.json and writes OUT_DIR/<same stem>.topo.bin, then
decodes each output again and checks it against the JSON (exit status 1 on any difference).
Python 3 standard library only.

The binary form is the TopoJSON topology itself, losslessly: the same quantised, delta-encoded arcs
and the same arc references, only written as LEB128 varints instead of JSON text (about 3.5 times
smaller, and parsed without a JSON parser). The Rust reader is `src/basemap/topology.rs`
(`Topology::from_bin`); keep the two in step.

Layout (all integers are unsigned LEB128 varints; "zz" means zigzag-encoded signed; "str" is a varint
byte length followed by UTF-8):

    magic        8 bytes  b"BMDTOPO1"
    transform    4 x f64 little-endian: scale x, scale y, translate x, translate y
    arc count
      per arc:   point count, then per point zz dx, zz dy
                 (TopoJSON delta encoding: the first point is absolute, the rest are deltas)
    object count
      per object: str name, geometry count
        per geometry: kind (0 = null, 1 = Polygon, 2 = MultiPolygon), str id, str properties.name,
                      polygon count (1 for a Polygon, 0 for null)
          per polygon: ring count
            per ring: arc reference count, then zz references (TopoJSON's: ~i = arc i reversed)
"""

import hashlib
import json
import os
import struct
import sys

MAGIC = b"BMDTOPO1"
STEMS = [f"{layer}-{scale}" for scale in ("110m", "50m", "10m") for layer in ("countries", "land")]
KINDS = {None: 0, "Polygon": 1, "MultiPolygon": 2}


def uvarint(out, value):
    if value < 0:
        raise ValueError(f"negative varint {value}")
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def zigzag(value):
    return (value << 1) if value >= 0 else ((-value << 1) - 1)


def unzigzag(value):
    return (value >> 1) if not value & 1 else -((value + 1) >> 1)


def string(out, text):
    data = text.encode("utf-8")
    uvarint(out, len(data))
    out.extend(data)


def integer(value, what):
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{what}: expected an integer, got {value!r} (only quantised topologies)")
    return value


def polygons_of(geometry):
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return geometry["arcs"]
    if kind is None:
        return []
    raise ValueError(f"unsupported geometry type {kind!r}")


def text_of(value):
    if value is None:
        return ""
    return str(value)


def encode(topology):
    if topology.get("type") != "Topology":
        raise ValueError("not a TopoJSON Topology")
    transform = topology.get("transform")
    if transform is None:
        raise ValueError("only quantised topologies (with a transform) are supported")
    out = bytearray(MAGIC)
    out.extend(struct.pack("<4d", *transform["scale"], *transform["translate"]))
    arcs = topology["arcs"]
    uvarint(out, len(arcs))
    for arc_index, arc in enumerate(arcs):
        uvarint(out, len(arc))
        for position in arc:
            if len(position) != 2:
                raise ValueError(f"arc {arc_index}: position {position!r} is not 2-D")
            for value in position:
                uvarint(out, zigzag(integer(value, f"arc {arc_index}")))
    objects = topology["objects"]
    uvarint(out, len(objects))
    for name, obj in objects.items():
        if obj.get("type") != "GeometryCollection":
            raise ValueError(f"object {name!r} is not a GeometryCollection")
        string(out, name)
        geometries = obj["geometries"]
        uvarint(out, len(geometries))
        for geometry in geometries:
            kind = geometry.get("type")
            if kind not in KINDS:
                raise ValueError(f"object {name!r}: unsupported geometry type {kind!r}")
            out.append(KINDS[kind])
            string(out, text_of(geometry.get("id")))
            string(out, text_of((geometry.get("properties") or {}).get("name")))
            polygons = polygons_of(geometry)
            uvarint(out, len(polygons))
            for polygon in polygons:
                uvarint(out, len(polygon))
                for ring in polygon:
                    uvarint(out, len(ring))
                    for reference in ring:
                        reference = integer(reference, f"object {name!r} arc reference")
                        if not -len(arcs) <= reference < len(arcs):
                            raise ValueError(f"arc reference {reference} out of range")
                        uvarint(out, zigzag(reference))
    return bytes(out)


class Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def uvarint(self):
        value = 0
        shift = 0
        while True:
            byte = self.data[self.pos]
            self.pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    def svarint(self):
        return unzigzag(self.uvarint())

    def string(self):
        length = self.uvarint()
        text = self.data[self.pos : self.pos + length].decode("utf-8")
        self.pos += length
        return text


def decode(data):
    """Decodes a `.topo.bin` back into TopoJSON-shaped data (for the round-trip check)."""
    reader = Reader(data)
    if data[:8] != MAGIC:
        raise ValueError("bad magic")
    reader.pos = 8
    sx, sy, tx, ty = struct.unpack_from("<4d", data, reader.pos)
    reader.pos += 32
    arcs = []
    for _ in range(reader.uvarint()):
        arcs.append([[reader.svarint(), reader.svarint()] for _ in range(reader.uvarint())])
    objects = {}
    for _ in range(reader.uvarint()):
        name = reader.string()
        geometries = []
        for _ in range(reader.uvarint()):
            kind = data[reader.pos]
            reader.pos += 1
            ident = reader.string()
            label = reader.string()
            polygons = []
            for _ in range(reader.uvarint()):
                rings = []
                for _ in range(reader.uvarint()):
                    rings.append([reader.svarint() for _ in range(reader.uvarint())])
                polygons.append(rings)
            geometries.append((kind, ident, label, polygons))
        objects[name] = geometries
    if reader.pos != len(data):
        raise ValueError("trailing bytes")
    return {"transform": ([sx, sy], [tx, ty]), "arcs": arcs, "objects": objects}


def check(topology, decoded):
    transform = topology["transform"]
    if decoded["transform"] != (list(map(float, transform["scale"])), list(map(float, transform["translate"]))):
        raise ValueError("transform differs")
    if decoded["arcs"] != topology["arcs"]:
        raise ValueError("arcs differ")
    if list(decoded["objects"]) != list(topology["objects"]):
        raise ValueError("object names differ")
    for name, obj in topology["objects"].items():
        expected = [
            (
                KINDS[g.get("type")],
                text_of(g.get("id")),
                text_of((g.get("properties") or {}).get("name")),
                polygons_of(g),
            )
            for g in obj["geometries"]
        ]
        if decoded["objects"][name] != expected:
            raise ValueError(f"object {name!r} differs")


def main(argv):
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    src_dir, out_dir = argv[1], argv[2]
    os.makedirs(out_dir, exist_ok=True)
    status = 0
    for stem in STEMS:
        src = os.path.join(src_dir, stem + ".json")
        with open(src, "rb") as handle:
            raw = handle.read()
        topology = json.loads(raw)
        data = encode(topology)
        try:
            check(topology, decode(data))
        except (ValueError, IndexError) as error:
            print(f"{stem}: round trip FAILED: {error}", file=sys.stderr)
            status = 1
            continue
        dst = os.path.join(out_dir, stem + ".topo.bin")
        with open(dst, "wb") as handle:
            handle.write(data)
        print(
            f"{stem}: {len(raw)} B JSON (sha256 {hashlib.sha256(raw).hexdigest()}) -> "
            f"{len(data)} B ({len(data) / len(raw):.0%}), round trip ok"
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
