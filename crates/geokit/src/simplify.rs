//! Simplification to the display scale (Ramer–Douglas–Peucker, by `geo`): points that move the
//! outline by less than the tolerance are dropped, so a map carries no detail a screen cannot
//! show.

use geo::{LineString, Simplify};

/// Simplifies a closed ring; rings that would collapse keep at least a triangle.
pub fn simplify_ring(ring: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    if ring.len() <= 4 {
        return ring.to_vec();
    }
    let simplified: Vec<[f64; 2]> = LineString::from(ring.to_vec())
        .simplify(tolerance)
        .coords()
        .map(|c| [c.x, c.y])
        .collect();
    if simplified.len() < 4 {
        let third = ring.len() / 3;
        return vec![ring[0], ring[third], ring[2 * third], ring[0]];
    }
    simplified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_points_within_the_tolerance_and_keeps_corners() {
        let ring = [
            [0.0, 0.0],
            [1.0, 0.01],
            [2.0, 0.0],
            [3.0, 5.0],
            [4.0, 0.0],
            [2.0, -3.0],
            [0.0, 0.0],
        ];
        assert_eq!(
            simplify_ring(&ring, 0.1),
            vec![
                [0.0, 0.0],
                [2.0, 0.0],
                [3.0, 5.0],
                [4.0, 0.0],
                [2.0, -3.0],
                [0.0, 0.0]
            ]
        );
    }

    #[test]
    fn rings_stay_closed_and_at_least_triangles() {
        let mut circle: Vec<[f64; 2]> = (0..100)
            .map(|i| {
                let a = f64::from(i) / 100.0 * std::f64::consts::TAU;
                [a.cos(), a.sin()]
            })
            .collect();
        circle.push(circle[0]);
        let coarse = simplify_ring(&circle, 0.05);
        assert!(coarse.len() < 30 && coarse.len() >= 4, "{}", coarse.len());
        assert_eq!(coarse.first(), coarse.last());
        let tiny = simplify_ring(&circle, 10.0);
        assert_eq!(tiny.len(), 4);
    }
}
