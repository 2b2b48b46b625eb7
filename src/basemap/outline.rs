//! The outline of a triangulated land polygon: its boundary as closed loops of vertex indices,
//! for drawing land as paths (SVG, PDF) rather than as triangles.

use super::FillMesh;

/// The boundary of a triangulated polygon as closed loops of vertex indices.
///
/// Every triangle is turned counter-clockwise (degenerate ones are dropped); an edge used by two
/// triangles runs both ways and cancels, so what is left is the polygon's boundary, oriented so
/// that the winding number is one inside and zero in holes. The loops are walked in sorted order,
/// so the result never depends on hashing or thread timing.
pub(super) fn mesh_outline(mesh: &FillMesh) -> Vec<Vec<u32>> {
    let edges = counter_clockwise_edges(mesh);
    let boundary = boundary_edges(&edges);
    walk_loops(mesh.vertices.len(), &boundary)
}

/// Every edge of every triangle turned counter-clockwise, keyed by its vertex pair (low index
/// first) and counted +1 when it runs low to high, -1 the other way; sorted by key.
fn counter_clockwise_edges(mesh: &FillMesh) -> Vec<(u64, i32)> {
    let n = mesh.vertices.len();
    let mut edges: Vec<(u64, i32)> = Vec::with_capacity(mesh.indices.len());
    for t in mesh.indices.chunks_exact(3) {
        let (a, mut b, mut c) = (t[0], t[1], t[2]);
        if [a, b, c].iter().any(|&i| i as usize >= n) {
            continue;
        }
        let (pa, pb, pc) = (
            mesh.vertices[a as usize],
            mesh.vertices[b as usize],
            mesh.vertices[c as usize],
        );
        let cross = (pb.x - pa.x) * (pc.y - pa.y) - (pb.y - pa.y) * (pc.x - pa.x);
        if cross == 0.0 || !cross.is_finite() {
            continue;
        }
        if cross < 0.0 {
            std::mem::swap(&mut b, &mut c);
        }
        for (p, q) in [(a, b), (b, c), (c, a)] {
            if p < q {
                edges.push(((p as u64) << 32 | q as u64, 1));
            } else {
                edges.push(((q as u64) << 32 | p as u64, -1));
            }
        }
    }
    edges.sort_unstable_by_key(|e| e.0);
    edges
}

/// Directed boundary edges (from, to), each as often as its net count says; sorted.
fn boundary_edges(edges: &[(u64, i32)]) -> Vec<(u32, u32)> {
    let mut boundary: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < edges.len() {
        let key = edges[i].0;
        let mut net = 0;
        while i < edges.len() && edges[i].0 == key {
            net += edges[i].1;
            i += 1;
        }
        let (lo, hi) = ((key >> 32) as u32, key as u32);
        for _ in 0..net.unsigned_abs() {
            boundary.push(if net > 0 { (lo, hi) } else { (hi, lo) });
        }
    }
    boundary.sort_unstable();
    boundary
}

/// Walks the sorted boundary edges of a mesh with `n` vertices into closed loops.
fn walk_loops(n: usize, boundary: &[(u32, u32)]) -> Vec<Vec<u32>> {
    // Compressed adjacency: the edges leaving each vertex, and a cursor over them.
    let mut first = vec![0usize; n + 1];
    for &(from, _) in boundary {
        first[from as usize + 1] += 1;
    }
    for v in 0..n {
        first[v + 1] += first[v];
    }
    let mut cursor = first.clone();
    let mut loops = Vec::new();
    for e in 0..boundary.len() {
        let (from, _) = boundary[e];
        // Edges are taken in order per vertex, so an edge is unused iff the cursor has not passed it.
        if cursor[from as usize] > e {
            continue;
        }
        let start = from;
        let mut ring = vec![start];
        let mut v = start;
        loop {
            let c = cursor[v as usize];
            if c >= first[v as usize + 1] {
                break; // an open chain: only possible with a broken mesh
            }
            cursor[v as usize] += 1;
            v = boundary[c].1;
            if v == start {
                break;
            }
            ring.push(v);
        }
        if ring.len() >= 3 {
            loops.push(ring);
        }
    }
    loops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basemap::BoundsXy;
    use crate::geodesy::MapXy;

    fn xy(x: f64, y: f64) -> MapXy {
        MapXy { x, y }
    }

    #[test]
    fn outline_of_a_square_with_a_hole_cancels_the_inner_edges() {
        // A 3×3 square with a 1×1 hole, triangulated by hand as 8 triangles of mixed winding.
        let v = vec![
            xy(0.0, 0.0),
            xy(3.0, 0.0),
            xy(3.0, 3.0),
            xy(0.0, 3.0),
            xy(1.0, 1.0),
            xy(2.0, 1.0),
            xy(2.0, 2.0),
            xy(1.0, 2.0),
        ];
        let indices = vec![
            0, 1, 5, 0, 5, 4, 1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 7, 4,
        ];
        let mesh = FillMesh {
            bounds: BoundsXy {
                min: xy(0.0, 0.0),
                max: xy(3.0, 3.0),
            },
            vertices: v,
            indices,
        };
        let loops = mesh_outline(&mesh);
        assert_eq!(loops.len(), 2, "{loops:?}");
        assert_eq!(loops[0], vec![0, 1, 2, 3], "outer ring counter-clockwise");
        assert_eq!(loops[1], vec![4, 7, 6, 5], "hole clockwise");
    }
}
