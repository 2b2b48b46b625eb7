//! The rectangles labels must not cover, in a grid of screen cells, so that a label is tested
//! only against what is near it ([`super::labels`] places labels with it).

#[derive(Clone, Copy)]
pub(super) struct Rect {
    pub min: [f32; 2],
    pub max: [f32; 2],
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.min[0] < o.max[0]
            && o.min[0] < self.max[0]
            && self.min[1] < o.max[1]
            && o.min[1] < self.max[1]
    }
}

/// What labels must not cover, indexed by a grid of screen cells, so that a label is tested only
/// against what is near it: with 10,000 imported sites, testing every candidate place against
/// every symbol would be hundreds of millions of tests a frame. The result is the same.
pub(super) struct Taken {
    /// Per cell, row by row, the rectangles touching it (with their priority), kept in the cell
    /// itself: a test then reads one run of memory instead of chasing indices.
    cells: Vec<Vec<(Rect, u8)>>,
    columns: i32,
    rows: i32,
}

/// The side of a grid cell, pixels: about a label's height. In crowded places a cell holds
/// fewer symbols to test the smaller it is, and a label touches more cells; placing the labels
/// of 10,000 sites took 13.3 ms with 64 px cells, 9.4 with 24, 8.0 with 16 and 9.3 with 10.
const CELL_PX: f32 = 16.0;

impl Taken {
    /// An empty grid over a picture `size` pixels big. A label must lie on the picture, so
    /// anything beyond it is kept in the border cells, where a test still finds it.
    pub fn new([w, h]: [f32; 2]) -> Taken {
        let count = |v: f32| ((v / CELL_PX).ceil() as i32).clamp(1, 4096);
        let (columns, rows) = (count(w), count(h));
        Taken {
            cells: vec![Vec::new(); (columns * rows) as usize],
            columns,
            rows,
        }
    }

    /// The indices of the grid cells a rectangle touches.
    fn cells_of(&self, r: &Rect) -> impl Iterator<Item = usize> + use<> {
        // Truncating is flooring for the cells on the picture; the ones left of or above it
        // clamp to the first either way (and `floor` is a library call on this target).
        let cell = |v: f32, n: i32| ((v * (1.0 / CELL_PX)) as i32).clamp(0, n - 1);
        let (x0, x1) = (cell(r.min[0], self.columns), cell(r.max[0], self.columns));
        let (y0, y1) = (cell(r.min[1], self.rows), cell(r.max[1], self.rows));
        let columns = self.columns;
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (y * columns + x) as usize))
    }

    pub fn push(&mut self, rect: Rect, priority: u8) {
        for cell in self.cells_of(&rect) {
            self.cells[cell].push((rect, priority));
        }
    }

    /// Whether something overlapping `r` makes `blocks` true.
    pub fn blocked(&self, r: &Rect, blocks: impl Fn(&Rect, u8) -> bool) -> bool {
        self.cells_of(r).any(|cell| {
            self.cells[cell]
                .iter()
                .any(|(t, priority)| t.overlaps(r) && blocks(t, *priority))
        })
    }

    /// The highest priority among the rectangles overlapping `r`; `None` when none does.
    pub fn highest(&self, r: &Rect) -> Option<u8> {
        self.cells_of(r)
            .flat_map(|cell| self.cells[cell].iter())
            .filter(|(t, _)| t.overlaps(r))
            .map(|(_, priority)| *priority)
            .max()
    }
}
