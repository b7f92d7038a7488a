//! Simplification to the display scale (Douglas–Peucker): points that move the outline by
//! less than the tolerance are dropped, so a map carries no detail a screen cannot show.

/// Simplifies an open or closed line, keeping its first and last points.
pub fn douglas_peucker(points: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let (mut farthest, mut distance) = (0, 0.0);
        for i in first + 1..last {
            let d = perpendicular(points[i], points[first], points[last]);
            if d > distance {
                (farthest, distance) = (i, d);
            }
        }
        if distance > tolerance {
            keep[farthest] = true;
            stack.push((first, farthest));
            stack.push((farthest, last));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

/// Simplifies a closed ring; rings that would collapse keep at least a triangle.
pub fn simplify_ring(ring: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    if ring.len() <= 4 {
        return ring.to_vec();
    }
    // Split at the point farthest from the start, so the closing point is not a fixed anchor
    // on both ends of a degenerate segment.
    let start = ring[0];
    let far = (1..ring.len() - 1)
        .max_by(|&a, &b| dist2(ring[a], start).total_cmp(&dist2(ring[b], start)))
        .unwrap_or(1);
    let mut first = douglas_peucker(&ring[..=far], tolerance);
    let second = douglas_peucker(&ring[far..], tolerance);
    first.extend_from_slice(&second[1..]);
    if first.len() < 4 {
        let third = ring.len() / 3;
        return vec![ring[0], ring[third], ring[2 * third], ring[0]];
    }
    first
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

fn perpendicular(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length = (dx * dx + dy * dy).sqrt();
    if length == 0.0 {
        return dist2(p, a).sqrt();
    }
    ((p[0] - a[0]) * dy - (p[1] - a[1]) * dx).abs() / length
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_points_within_the_tolerance_and_keeps_corners() {
        let line = [[0.0, 0.0], [1.0, 0.01], [2.0, 0.0], [3.0, 5.0], [4.0, 0.0]];
        let simplified = douglas_peucker(&line, 0.1);
        assert_eq!(
            simplified,
            vec![[0.0, 0.0], [2.0, 0.0], [3.0, 5.0], [4.0, 0.0]]
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
