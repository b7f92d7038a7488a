//! Which shape holds a point: a uniform grid over the shapes' bounding boxes narrows the
//! candidates to a handful, then an exact point-in-polygon test decides. Points on a shared
//! border, or in a sliver gap between simplified neighbours, resolve to one shape, always the
//! same: the first in the index's order that holds the point, else the nearest within a metre.

use crate::geometry::{BBox, Geometry};

/// How close to a boundary (in degrees, about a metre) a point outside every shape may be and
/// still count as on that boundary.
const BORDER_TOLERANCE: f64 = 1e-5;

/// A spatial index over shapes.
pub struct PointIndex {
    shapes: Vec<(Geometry, BBox)>,
    bbox: BBox,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

impl PointIndex {
    /// Indexes shapes; a point found later is reported by its position in `shapes`.
    pub fn new(shapes: Vec<Geometry>) -> PointIndex {
        let shapes: Vec<(Geometry, BBox)> = shapes
            .into_iter()
            .map(|g| {
                let b = g.bbox();
                (g, b)
            })
            .collect();
        let bbox = shapes.iter().fold(BBox::EMPTY, |acc, (_, b)| acc.union(*b));
        // About four shapes per cell on average, on a grid shaped like the area.
        let cells_wanted = (shapes.len().max(1) as f64 / 2.0).max(1.0);
        let (width, height) = (
            (bbox.max_x - bbox.min_x).max(1e-9),
            (bbox.max_y - bbox.min_y).max(1e-9),
        );
        let columns = ((cells_wanted * width / height).sqrt().ceil() as usize).clamp(1, 512);
        let rows = ((cells_wanted / columns as f64).ceil() as usize).clamp(1, 512);
        let mut index = PointIndex {
            shapes,
            bbox,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        };
        for (position, (_, b)) in index.shapes.iter().enumerate() {
            if b.is_empty() {
                continue;
            }
            let (c0, r0) = index.cell_of([b.min_x - BORDER_TOLERANCE, b.min_y - BORDER_TOLERANCE]);
            let (c1, r1) = index.cell_of([b.max_x + BORDER_TOLERANCE, b.max_y + BORDER_TOLERANCE]);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    index.cells[r * index.columns + c].push(position as u32);
                }
            }
        }
        index
    }

    fn cell_of(&self, [x, y]: [f64; 2]) -> (usize, usize) {
        let fx = (x - self.bbox.min_x) / (self.bbox.max_x - self.bbox.min_x).max(1e-12);
        let fy = (y - self.bbox.min_y) / (self.bbox.max_y - self.bbox.min_y).max(1e-12);
        let c = ((fx * self.columns as f64).floor().max(0.0) as usize).min(self.columns - 1);
        let r = ((fy * self.rows as f64).floor().max(0.0) as usize).min(self.rows - 1);
        (c, r)
    }

    /// The position of the shape holding `[longitude, latitude]`, if any.
    pub fn locate(&self, point: [f64; 2]) -> Option<usize> {
        if !self.bbox.contains(point, BORDER_TOLERANCE) {
            return None;
        }
        let (c, r) = self.cell_of(point);
        let candidates = &self.cells[r * self.columns + c];
        let inside = candidates.iter().copied().filter(|&i| {
            let (shape, bbox) = &self.shapes[i as usize];
            bbox.contains(point, 0.0) && shape.contains(point)
        });
        if let Some(first) = inside.min() {
            return Some(first as usize);
        }
        candidates
            .iter()
            .copied()
            .filter(|&i| self.shapes[i as usize].1.contains(point, BORDER_TOLERANCE))
            .map(|i| (self.shapes[i as usize].0.distance_to_boundary(point), i))
            .filter(|(d, _)| *d <= BORDER_TOLERANCE)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, i)| i as usize)
    }

    /// How many shapes are indexed.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether the index holds no shape.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Polygon;

    fn square(x: f64, y: f64) -> Geometry {
        Geometry::rectangle([x, y], [x + 1.0, y + 1.0])
    }

    #[test]
    fn finds_the_square_holding_each_point() {
        let shapes: Vec<Geometry> = (0..10)
            .flat_map(|i| (0..10).map(move |j| square(f64::from(i), f64::from(j))))
            .collect();
        let index = PointIndex::new(shapes);
        assert_eq!(index.locate([3.5, 7.5]), Some(3 * 10 + 7));
        assert_eq!(index.locate([0.2, 0.2]), Some(0));
        assert_eq!(index.locate([11.0, 1.0]), None);
        // On the border between column 3 and 4: one answer, always the same.
        let border = index.locate([4.0, 2.5]);
        assert!(border == Some(32) || border == Some(42));
        assert_eq!(index.locate([4.0, 2.5]), border);
    }

    #[test]
    fn a_point_in_a_sliver_gap_goes_to_the_nearest_shape() {
        let left = square(0.0, 0.0);
        let right = Geometry {
            polygons: vec![Polygon {
                rings: vec![vec![
                    [1.000004, 0.0],
                    [2.0, 0.0],
                    [2.0, 1.0],
                    [1.000004, 1.0],
                    [1.000004, 0.0],
                ]],
            }],
        };
        let index = PointIndex::new(vec![left, right]);
        assert_eq!(index.locate([1.000003, 0.5]), Some(1));
        assert_eq!(index.locate([1.000001, 0.5]), Some(0));
    }
}
