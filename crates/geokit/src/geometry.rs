//! Polygons and multipolygons in longitude/latitude (`geo`'s `MultiPolygon`), with their
//! checks: coordinates that are longitudes and latitudes, and `geo`'s validity rules (enough
//! distinct points, no ring crossing itself or another, holes inside their polygon, polygons
//! not overlapping).

use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon, RingRole};
use geo::{
    BoundingRect, Coord, Distance, Euclidean, Intersects, LineString, MultiPolygon, Point, Polygon,
    Validation,
};

/// A closed ring of `[longitude, latitude]` points, as GeoJSON writes them.
pub type Ring = Vec<[f64; 2]>;

/// A boundary: one or more polygons.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    shape: MultiPolygon<f64>,
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

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.min_x > self.max_x
    }
}

/// What is wrong with a geometry.
#[derive(Clone, Debug, PartialEq)]
pub enum GeometryError {
    /// A ring has fewer than three distinct points.
    TooFewPoints,
    /// A coordinate is not a finite longitude/latitude.
    OutOfRange,
    /// A ring crosses itself, or two rings cross.
    SelfIntersection {
        /// Which ring(s), in words.
        rings: String,
    },
    /// A hole lies outside its polygon, or two polygons overlap.
    Misplaced {
        /// What `geo` found, in words.
        detail: String,
    },
    /// The geometry has no polygon.
    Empty,
}

impl std::fmt::Display for GeometryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GeometryError::TooFewPoints => f.write_str("a ring has fewer than 3 distinct points"),
            GeometryError::OutOfRange => {
                f.write_str("a coordinate is not a valid longitude/latitude")
            }
            GeometryError::SelfIntersection { rings } => {
                write!(f, "the boundary crosses itself ({rings})")
            }
            GeometryError::Misplaced { detail } => f.write_str(detail),
            GeometryError::Empty => f.write_str("the geometry has no polygon"),
        }
    }
}

impl Geometry {
    /// A geometry of these polygons.
    pub fn new(shape: MultiPolygon<f64>) -> Geometry {
        Geometry { shape }
    }

    /// A geometry from rings of points: for each polygon, its outer ring then its holes.
    pub fn from_rings(polygons: Vec<Vec<Ring>>) -> Geometry {
        let line = |ring: Ring| LineString::from(ring);
        let polygons = polygons.into_iter().map(|rings| {
            let mut rings = rings.into_iter().map(line);
            let outer = rings.next().unwrap_or_else(|| LineString::new(Vec::new()));
            Polygon::new(outer, rings.collect())
        });
        Geometry::new(MultiPolygon(polygons.collect()))
    }

    /// An axis-aligned rectangle from its south-west to its north-east corner.
    pub fn rectangle([x0, y0]: [f64; 2], [x1, y1]: [f64; 2]) -> Geometry {
        Geometry::from_rings(vec![vec![vec![
            [x0, y0],
            [x1, y0],
            [x1, y1],
            [x0, y1],
            [x0, y0],
        ]]])
    }

    /// The polygons.
    pub fn shape(&self) -> &MultiPolygon<f64> {
        &self.shape
    }

    /// The bounding box of every point.
    pub fn bbox(&self) -> BBox {
        self.shape.bounding_rect().map_or(BBox::EMPTY, |r| BBox {
            min_x: r.min().x,
            min_y: r.min().y,
            max_x: r.max().x,
            max_y: r.max().y,
        })
    }

    /// Every ring of every polygon, outer rings before their holes.
    pub fn rings(&self) -> impl Iterator<Item = &LineString<f64>> {
        self.shape
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
    }

    /// Checks the geometry; the first problem found is returned.
    pub fn validate(&self) -> Result<(), GeometryError> {
        if self.shape.0.is_empty() {
            return Err(GeometryError::Empty);
        }
        // geo checks finiteness, not that a coordinate is a longitude and a latitude.
        let in_range = self.rings().flat_map(|ring| ring.coords()).all(|c| {
            c.x.is_finite()
                && c.y.is_finite()
                && (-180.0..=180.0).contains(&c.x)
                && (-90.0..=90.0).contains(&c.y)
        });
        if !in_range {
            return Err(GeometryError::OutOfRange);
        }
        self.shape.check_validation().map_err(explain)
    }

    /// Whether the point is inside or on the boundary (holes are outside).
    pub fn contains(&self, [x, y]: [f64; 2]) -> bool {
        self.shape.intersects(&Coord { x, y })
    }

    /// The distance from the point to the nearest edge, in the coordinates' units.
    pub fn distance_to_boundary(&self, [x, y]: [f64; 2]) -> f64 {
        let point = Point::new(x, y);
        self.rings()
            .map(|ring| Euclidean.distance(&point, ring))
            .fold(f64::INFINITY, f64::min)
    }
}

/// `geo`'s finding in our terms.
fn explain(problem: InvalidMultiPolygon) -> GeometryError {
    let InvalidMultiPolygon::InvalidPolygon(index, problem) = problem else {
        return GeometryError::Misplaced {
            detail: problem.to_string(),
        };
    };
    let polygon = index.0 + 1;
    let ring = |role: RingRole| match role {
        RingRole::Exterior => format!("outer ring of polygon {polygon}"),
        RingRole::Interior(hole) => format!("hole {} of polygon {polygon}", hole + 1),
    };
    match problem {
        InvalidPolygon::TooFewPointsInRing(_) => GeometryError::TooFewPoints,
        InvalidPolygon::NonFiniteCoord(..) => GeometryError::OutOfRange,
        InvalidPolygon::SelfIntersection(role) => {
            GeometryError::SelfIntersection { rings: ring(role) }
        }
        InvalidPolygon::IntersectingRingsOnALine(a, b)
        | InvalidPolygon::IntersectingRingsOnAnArea(a, b) => GeometryError::SelfIntersection {
            rings: format!("{} and {}", ring(a), ring(b)),
        },
        other @ InvalidPolygon::InteriorRingNotContainedInExteriorRing(_) => {
            GeometryError::Misplaced {
                detail: format!("polygon {polygon}: {other}"),
            }
        }
    }
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
        assert_eq!(s.distance_to_boundary([0.5, 0.25]), 0.25);
    }

    #[test]
    fn a_bow_tie_is_a_self_intersection() {
        let bow = Geometry::from_rings(vec![vec![vec![
            [0.0, 0.0],
            [1.0, 1.0],
            [1.0, 0.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ]]]);
        let problem = bow.validate().unwrap_err();
        assert!(matches!(problem, GeometryError::SelfIntersection { .. }));
        assert!(
            problem
                .to_string()
                .contains("crosses itself (outer ring of polygon 1)")
        );
    }

    #[test]
    fn short_out_of_range_overlapping_and_empty_geometries_are_refused() {
        let short = Geometry::from_rings(vec![vec![vec![[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]]]]);
        assert_eq!(short.validate(), Err(GeometryError::TooFewPoints));
        assert_eq!(
            square(200.0, 0.0, 1.0).validate(),
            Err(GeometryError::OutOfRange)
        );
        assert_eq!(
            Geometry::from_rings(Vec::new()).validate(),
            Err(GeometryError::Empty)
        );
        let overlapping = Geometry::new(MultiPolygon(
            [square(0.0, 0.0, 2.0), square(1.0, 1.0, 2.0)]
                .into_iter()
                .flat_map(|g| g.shape.0)
                .collect(),
        ));
        assert!(matches!(
            overlapping.validate(),
            Err(GeometryError::Misplaced { .. })
        ));
    }

    #[test]
    fn holes_are_outside() {
        let donut = Geometry::from_rings(vec![vec![
            vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]],
            vec![[1.0, 1.0], [1.0, 3.0], [3.0, 3.0], [3.0, 1.0], [1.0, 1.0]],
        ]]);
        assert_eq!(donut.validate(), Ok(()));
        assert!(!donut.contains([2.0, 2.0]));
        assert!(donut.contains([0.5, 2.0]));
        let stray = Geometry::from_rings(vec![vec![
            vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]],
            vec![[5.0, 5.0], [5.0, 6.0], [6.0, 6.0], [6.0, 5.0], [5.0, 5.0]],
        ]]);
        assert!(matches!(
            stray.validate(),
            Err(GeometryError::Misplaced { .. })
        ));
    }
}
