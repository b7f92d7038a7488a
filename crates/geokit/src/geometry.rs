//! Polygons and multipolygons in longitude/latitude, with their checks: closed rings, enough
//! points, finite coordinates in range, no self-intersection.

/// A closed ring of `[longitude, latitude]` points; the last point repeats the first.
pub type Ring = Vec<[f64; 2]>;

/// An outer ring followed by its holes.
#[derive(Clone, Debug, PartialEq)]
pub struct Polygon {
    /// The rings: first the outer boundary, then the holes.
    pub rings: Vec<Ring>,
}

/// A boundary: one or more polygons.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    /// The polygons (one for a GeoJSON `Polygon`).
    pub polygons: Vec<Polygon>,
}

/// A bounding box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    /// Smallest x (longitude).
    pub min_x: f64,
    /// Smallest y (latitude).
    pub min_y: f64,
    /// Largest x.
    pub max_x: f64,
    /// Largest y.
    pub max_y: f64,
}

impl BBox {
    /// The empty box, which grows to hold whatever is added.
    pub const EMPTY: BBox = BBox {
        min_x: f64::INFINITY,
        min_y: f64::INFINITY,
        max_x: f64::NEG_INFINITY,
        max_y: f64::NEG_INFINITY,
    };

    /// Grows the box to hold a point.
    pub fn add(&mut self, [x, y]: [f64; 2]) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }

    /// The smallest box holding both.
    pub fn union(self, other: BBox) -> BBox {
        BBox {
            min_x: self.min_x.min(other.min_x),
            min_y: self.min_y.min(other.min_y),
            max_x: self.max_x.max(other.max_x),
            max_y: self.max_y.max(other.max_y),
        }
    }

    /// Whether the point lies inside or on the box, with a margin.
    pub fn contains(&self, [x, y]: [f64; 2], margin: f64) -> bool {
        x >= self.min_x - margin
            && x <= self.max_x + margin
            && y >= self.min_y - margin
            && y <= self.max_y + margin
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.min_x > self.max_x
    }
}

/// What is wrong with a geometry.
#[derive(Clone, Debug, PartialEq)]
pub enum GeometryError {
    /// A ring has fewer than four points.
    TooFewPoints,
    /// A ring does not end where it starts.
    NotClosed,
    /// A coordinate is not a finite longitude/latitude.
    OutOfRange,
    /// Two edges of a ring cross.
    SelfIntersection {
        /// Roughly where, as `[longitude, latitude]`.
        near: [f64; 2],
    },
    /// The geometry has no polygon.
    Empty,
}

impl std::fmt::Display for GeometryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GeometryError::TooFewPoints => f.write_str("a ring has fewer than 4 points"),
            GeometryError::NotClosed => f.write_str("a ring does not end where it starts"),
            GeometryError::OutOfRange => {
                f.write_str("a coordinate is not a valid longitude/latitude")
            }
            GeometryError::SelfIntersection { near } => {
                write!(
                    f,
                    "the boundary crosses itself near {:.5}, {:.5}",
                    near[1], near[0]
                )
            }
            GeometryError::Empty => f.write_str("the geometry has no polygon"),
        }
    }
}

impl Geometry {
    /// An axis-aligned rectangle from its south-west to its north-east corner.
    pub fn rectangle([x0, y0]: [f64; 2], [x1, y1]: [f64; 2]) -> Geometry {
        Geometry {
            polygons: vec![Polygon {
                rings: vec![vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
            }],
        }
    }

    /// The bounding box of every point.
    pub fn bbox(&self) -> BBox {
        let mut bbox = BBox::EMPTY;
        for ring in self.rings() {
            for point in ring {
                bbox.add(*point);
            }
        }
        bbox
    }

    /// Every ring of every polygon.
    pub fn rings(&self) -> impl Iterator<Item = &Ring> {
        self.polygons.iter().flat_map(|p| p.rings.iter())
    }

    /// Checks the geometry; the first problem found is returned.
    pub fn validate(&self) -> Result<(), GeometryError> {
        if self.polygons.is_empty() {
            return Err(GeometryError::Empty);
        }
        for ring in self.rings() {
            if ring.len() < 4 {
                return Err(GeometryError::TooFewPoints);
            }
            if ring.first() != ring.last() {
                return Err(GeometryError::NotClosed);
            }
            let in_range = ring.iter().all(|[x, y]| {
                x.is_finite()
                    && y.is_finite()
                    && (-180.0..=180.0).contains(x)
                    && (-90.0..=90.0).contains(y)
            });
            if !in_range {
                return Err(GeometryError::OutOfRange);
            }
            if let Some(near) = self_intersection(ring) {
                return Err(GeometryError::SelfIntersection { near });
            }
        }
        Ok(())
    }

    /// Whether the point is inside (even-odd rule over all rings, so holes are outside).
    /// Edges are half-open, so a point on an edge two polygons share belongs to one of them.
    pub fn contains(&self, point: [f64; 2]) -> bool {
        self.polygons.iter().any(|polygon| {
            polygon
                .rings
                .iter()
                .filter(|ring| ring_crossings(ring, point))
                .count()
                % 2
                == 1
        })
    }

    /// The distance from the point to the nearest edge, in the coordinates' units.
    pub fn distance_to_boundary(&self, point: [f64; 2]) -> f64 {
        self.rings()
            .flat_map(|ring| ring.windows(2))
            .map(|edge| segment_distance(point, edge[0], edge[1]))
            .fold(f64::INFINITY, f64::min)
    }

    /// A point inside the largest polygon's bounding box centre, for labels and markers:
    /// the centroid of the outer ring of the largest polygon.
    pub fn label_point(&self) -> Option<[f64; 2]> {
        let outer = self
            .polygons
            .iter()
            .filter_map(|p| p.rings.first())
            .max_by(|a, b| ring_area(a).abs().total_cmp(&ring_area(b).abs()))?;
        let area = ring_area(outer);
        if area == 0.0 {
            return outer.first().copied();
        }
        let (mut cx, mut cy) = (0.0, 0.0);
        for edge in outer.windows(2) {
            let ([x0, y0], [x1, y1]) = (edge[0], edge[1]);
            let cross = x0 * y1 - x1 * y0;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        Some([cx / (6.0 * area), cy / (6.0 * area)])
    }
}

/// Whether a ray from the point towards +x crosses the ring an odd number of times.
fn ring_crossings(ring: &Ring, [x, y]: [f64; 2]) -> bool {
    let mut inside = false;
    for edge in ring.windows(2) {
        let ([x0, y0], [x1, y1]) = (edge[0], edge[1]);
        if (y0 > y) != (y1 > y) {
            let x_cross = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
            if x < x_cross {
                inside = !inside;
            }
        }
    }
    inside
}

/// Signed area (shoelace), positive for counter-clockwise rings.
pub fn ring_area(ring: &Ring) -> f64 {
    ring.windows(2)
        .map(|e| e[0][0] * e[1][1] - e[1][0] * e[0][1])
        .sum::<f64>()
        / 2.0
}

fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt()
}

/// Finds two non-adjacent edges of a closed ring that touch or cross: a sweep over edges
/// sorted by their smallest x, so typical boundaries cost n log n.
fn self_intersection(ring: &Ring) -> Option<[f64; 2]> {
    let edges = ring.len() - 1;
    let mut order: Vec<usize> = (0..edges).collect();
    let min_x = |i: usize| ring[i][0].min(ring[i + 1][0]);
    let max_x = |i: usize| ring[i][0].max(ring[i + 1][0]);
    order.sort_by(|&a, &b| min_x(a).total_cmp(&min_x(b)));
    for (position, &i) in order.iter().enumerate() {
        for &j in &order[position + 1..] {
            if min_x(j) > max_x(i) {
                break;
            }
            let adjacent = i.abs_diff(j) == 1 || i.abs_diff(j) == edges - 1;
            if adjacent {
                continue;
            }
            if segments_intersect(ring[i], ring[i + 1], ring[j], ring[j + 1]) {
                return Some(ring[i]);
            }
        }
    }
    None
}

fn orientation(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

fn on_segment(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> bool {
    p[0] >= a[0].min(b[0])
        && p[0] <= a[0].max(b[0])
        && p[1] >= a[1].min(b[1])
        && p[1] <= a[1].max(b[1])
}

fn segments_intersect(p1: [f64; 2], p2: [f64; 2], q1: [f64; 2], q2: [f64; 2]) -> bool {
    let (d1, d2) = (orientation(q1, q2, p1), orientation(q1, q2, p2));
    let (d3, d4) = (orientation(p1, p2, q1), orientation(p1, p2, q2));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    (d1 == 0.0 && on_segment(q1, q2, p1))
        || (d2 == 0.0 && on_segment(q1, q2, p2))
        || (d3 == 0.0 && on_segment(p1, p2, q1))
        || (d4 == 0.0 && on_segment(p1, p2, q2))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn square(x: f64, y: f64, size: f64) -> Geometry {
        Geometry::rectangle([x, y], [x + size, y + size])
    }

    #[test]
    fn a_square_is_valid_and_contains_its_inside() {
        let s = square(0.0, 0.0, 1.0);
        assert_eq!(s.validate(), Ok(()));
        assert!(s.contains([0.5, 0.5]));
        assert!(!s.contains([1.5, 0.5]));
        assert_eq!(s.label_point(), Some([0.5, 0.5]));
    }

    #[test]
    fn a_bow_tie_is_a_self_intersection() {
        let bow = Geometry {
            polygons: vec![Polygon {
                rings: vec![vec![
                    [0.0, 0.0],
                    [1.0, 1.0],
                    [1.0, 0.0],
                    [0.0, 1.0],
                    [0.0, 0.0],
                ]],
            }],
        };
        assert!(matches!(
            bow.validate(),
            Err(GeometryError::SelfIntersection { .. })
        ));
    }

    #[test]
    fn open_short_and_out_of_range_rings_are_refused() {
        let open = Geometry {
            polygons: vec![Polygon {
                rings: vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]],
            }],
        };
        assert_eq!(open.validate(), Err(GeometryError::NotClosed));
        let short = Geometry {
            polygons: vec![Polygon {
                rings: vec![vec![[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]]],
            }],
        };
        assert_eq!(short.validate(), Err(GeometryError::TooFewPoints));
        assert_eq!(
            square(200.0, 0.0, 1.0).validate(),
            Err(GeometryError::OutOfRange)
        );
        assert_eq!(
            Geometry { polygons: vec![] }.validate(),
            Err(GeometryError::Empty)
        );
    }

    #[test]
    fn a_point_on_a_shared_edge_belongs_to_exactly_one_side() {
        let (left, right) = (square(0.0, 0.0, 1.0), square(1.0, 0.0, 1.0));
        for y in [0.1, 0.5, 0.9] {
            assert!(left.contains([1.0, y]) != right.contains([1.0, y]));
        }
    }

    #[test]
    fn holes_are_outside() {
        let mut donut = square(0.0, 0.0, 4.0);
        donut.polygons[0].rings.push(vec![
            [1.0, 1.0],
            [1.0, 3.0],
            [3.0, 3.0],
            [3.0, 1.0],
            [1.0, 1.0],
        ]);
        assert!(!donut.contains([2.0, 2.0]));
        assert!(donut.contains([0.5, 2.0]));
    }
}
