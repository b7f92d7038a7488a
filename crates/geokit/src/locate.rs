//! Which shape holds a point: an R-tree (`rstar`) over the shapes' bounding boxes narrows the
//! candidates to a handful, then `geo`'s robust point-in-polygon test decides. Points on a shared
//! border, or in a sliver gap between simplified neighbours, resolve to one shape, always the
//! same: the first in the index's order that holds the point, else the nearest within a metre.

use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

use crate::geometry::{BBox, Geometry};

/// How close to a boundary (in degrees, about a metre) a point outside every shape may be and
/// still count as on that boundary.
const BORDER_TOLERANCE: f64 = 1e-5;

/// A shape's bounding box, widened by the tolerance, and its position.
type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// A spatial index over shapes.
pub struct PointIndex {
    shapes: Vec<Geometry>,
    tree: RTree<Entry>,
}

impl PointIndex {
    /// Indexes shapes; a point found later is reported by its position in `shapes`.
    pub fn new(shapes: Vec<Geometry>) -> PointIndex {
        let entries = shapes
            .iter()
            .enumerate()
            .map(|(position, shape)| (position, shape.bbox()))
            .filter(|(_, b)| !b.is_empty())
            .map(|(position, b): (usize, BBox)| {
                let t = BORDER_TOLERANCE;
                let area =
                    Rectangle::from_corners([b.min_x - t, b.min_y - t], [b.max_x + t, b.max_y + t]);
                GeomWithData::new(area, position)
            })
            .collect();
        PointIndex {
            shapes,
            tree: RTree::bulk_load(entries),
        }
    }

    /// The position of the shape holding `[longitude, latitude]`, if any.
    pub fn locate(&self, point: [f64; 2]) -> Option<usize> {
        let candidates: Vec<usize> = self
            .tree
            .locate_all_at_point(&point)
            .map(|entry| entry.data)
            .collect();
        let inside = candidates
            .iter()
            .copied()
            .filter(|&i| self.shapes[i].contains(point));
        if let Some(first) = inside.min() {
            return Some(first);
        }
        candidates
            .iter()
            .map(|&i| (self.shapes[i].distance_to_boundary(point), i))
            .filter(|(d, _)| *d <= BORDER_TOLERANCE)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, i)| i)
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
        let right = Geometry::rectangle([1.000004, 0.0], [2.0, 1.0]);
        let index = PointIndex::new(vec![left, right]);
        assert_eq!(index.locate([1.000003, 0.5]), Some(1));
        assert_eq!(index.locate([1.000001, 0.5]), Some(0));
    }
}
