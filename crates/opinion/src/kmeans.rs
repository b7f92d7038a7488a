//! Weighted k-means on points of the plane as Polis runs it: the first k distinct points are
//! the starting centres, each step puts every point with its nearest centre and moves each
//! centre to the weighted mean of its points (a centre left without points is dropped), until
//! no centre moves by 0.01 or more; and the silhouette that chooses the number of groups.

/// Points split into clusters.
#[derive(Clone, Debug, PartialEq)]
pub struct Clusters {
    /// The centres, in the order of the points that started them.
    pub centers: Vec<[f64; 2]>,
    /// Each point's cluster.
    pub assignment: Vec<usize>,
}

impl Clusters {
    /// The points of each cluster.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut members = vec![Vec::new(); self.centers.len()];
        for (i, &c) in self.assignment.iter().enumerate() {
            members[c].push(i);
        }
        members
    }
}

use rayon::prelude::*;

/// Distance under which a centre counts as not having moved.
const SETTLED: f64 = 0.01;

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// The nearest centre (of equally near ones, the last, as Polis's `min-key` does), by squared
/// distance: the same order, without square roots.
fn nearest(point: [f64; 2], centers: &[[f64; 2]]) -> usize {
    let mut best = (f64::INFINITY, 0);
    for (c, &center) in centers.iter().enumerate() {
        let (dx, dy) = (point[0] - center[0], point[1] - center[1]);
        let d = dx * dx + dy * dy;
        if d <= best.0 {
            best = (d, c);
        }
    }
    best.1
}

/// k-means of weighted points, at most `max_iterations` steps. With fewer distinct points
/// than k, there are as many clusters as distinct points.
pub fn kmeans(points: &[[f64; 2]], weights: &[f64], k: usize, max_iterations: usize) -> Clusters {
    let mut centers: Vec<[f64; 2]> = Vec::new();
    for &p in points {
        if centers.len() == k {
            break;
        }
        if !centers.contains(&p) {
            centers.push(p);
        }
    }
    kmeans_from(points, weights, centers, max_iterations)
}

/// The weighted sum of squared distances of points to their centres (lower is tighter).
pub fn inertia(points: &[[f64; 2]], weights: &[f64], clusters: &Clusters) -> f64 {
    points
        .iter()
        .zip(weights)
        .zip(&clusters.assignment)
        .map(|((p, w), &c)| w * distance(*p, clusters.centers[c]).powi(2))
        .sum()
}

/// The tightest of several k-means runs with k clusters: Polis's start (the first k distinct
/// points) and `restarts` weighted k-means++ starts drawn from `seed`. One start can settle
/// in a poor split; the best of several rarely does.
pub fn best_kmeans(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    max_iterations: usize,
    restarts: usize,
    seed: u64,
) -> Clusters {
    let mut best = kmeans(points, weights, k, max_iterations);
    let mut best_inertia = inertia(points, weights, &best);
    let mut state = seed;
    for _ in 0..restarts {
        let start = plus_plus(points, weights, k, &mut state);
        let run = kmeans_from(points, weights, start, max_iterations);
        let score = inertia(points, weights, &run);
        if run.centers.len() == best.centers.len() && score < best_inertia * (1.0 - 1e-9) {
            best = run;
            best_inertia = score;
        }
    }
    best
}

/// Weighted k-means++ starting centres: each next one drawn with probability proportional to
/// weight × squared distance to the nearest one already chosen.
fn plus_plus(points: &[[f64; 2]], weights: &[f64], k: usize, state: &mut u64) -> Vec<[f64; 2]> {
    let mut centers: Vec<[f64; 2]> = Vec::new();
    if points.is_empty() {
        return centers;
    }
    let total: f64 = weights.iter().sum();
    centers.push(points[pick(weights, total, state)]);
    while centers.len() < k {
        let scores: Vec<f64> = points
            .iter()
            .zip(weights)
            .map(|(p, w)| {
                let d = centers
                    .iter()
                    .map(|c| distance(*p, *c))
                    .fold(f64::INFINITY, f64::min);
                w * d * d
            })
            .collect();
        let sum: f64 = scores.iter().sum();
        if sum <= 0.0 {
            break;
        }
        centers.push(points[pick(&scores, sum, state)]);
    }
    centers
}

/// An index drawn with probability proportional to its score (SplitMix64 draws).
fn pick(scores: &[f64], total: f64, state: &mut u64) -> usize {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    let mut target = (z >> 11) as f64 / (1u64 << 53) as f64 * total;
    for (i, s) in scores.iter().enumerate() {
        if target < *s {
            return i;
        }
        target -= s;
    }
    scores.len() - 1
}

/// k-means from given starting centres.
pub fn kmeans_from(
    points: &[[f64; 2]],
    weights: &[f64],
    mut centers: Vec<[f64; 2]>,
    max_iterations: usize,
) -> Clusters {
    let mut assignment = vec![0; points.len()];
    for _ in 0..max_iterations.max(1) {
        // Each point on its own: shared between cores, the same result.
        assignment
            .par_iter_mut()
            .zip(points.par_iter())
            .with_min_len(1024)
            .for_each(|(a, &p)| *a = nearest(p, &centers));
        let mut sums = vec![[0.0f64; 3]; centers.len()];
        for (i, &c) in assignment.iter().enumerate() {
            let w = weights[i];
            sums[c][0] += w * points[i][0];
            sums[c][1] += w * points[i][1];
            sums[c][2] += w;
        }
        // Clusters that lost every point are dropped, the others renumbered in order.
        let mut renumber = vec![usize::MAX; centers.len()];
        let mut moved: Vec<[f64; 2]> = Vec::with_capacity(centers.len());
        for (c, s) in sums.iter().enumerate() {
            if s[2] > 0.0 {
                renumber[c] = moved.len();
                moved.push([s[0] / s[2], s[1] / s[2]]);
            }
        }
        assignment.iter_mut().for_each(|c| *c = renumber[*c]);
        let settled = moved.len() == centers.len()
            && centers
                .iter()
                .zip(&moved)
                .all(|(a, b)| distance(*a, *b) < SETTLED);
        centers = moved;
        if settled {
            break;
        }
    }
    Clusters {
        centers,
        assignment,
    }
}

/// The mean silhouette of a clustering of weighted points: for each point, how much nearer it
/// is to its own cluster than to the next one (distances averaged with the weights; 0 for a
/// point alone in its cluster), averaged with the weights.
pub fn silhouette(
    points: &[[f64; 2]],
    weights: &[f64],
    assignment: &[usize],
    clusters: usize,
) -> f64 {
    if points.is_empty() || clusters < 2 {
        return 0.0;
    }
    let mut total = 0.0;
    let mut weight_total = 0.0;
    for (i, &p) in points.iter().enumerate() {
        weight_total += weights[i];
        let mut sums = vec![(0.0f64, 0.0f64); clusters];
        for (j, &q) in points.iter().enumerate() {
            if i != j {
                let s = &mut sums[assignment[j]];
                s.0 += weights[j] * distance(p, q);
                s.1 += weights[j];
            }
        }
        let own = sums[assignment[i]];
        if own.1 == 0.0 {
            continue;
        }
        let a = own.0 / own.1;
        let b = sums
            .iter()
            .enumerate()
            .filter(|(c, s)| *c != assignment[i] && s.1 > 0.0)
            .map(|(_, s)| s.0 / s.1)
            .fold(f64::INFINITY, f64::min);
        if b.is_finite() && a.max(b) > 0.0 {
            total += weights[i] * (b - a) / a.max(b);
        }
    }
    total / weight_total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_clouds_make_two_clusters_and_a_high_silhouette() {
        let mut points = Vec::new();
        for i in 0..10 {
            points.push([-5.0 + i as f64 * 0.01, 0.0]);
            points.push([5.0, i as f64 * 0.01]);
        }
        let weights = vec![1.0; points.len()];
        let two = kmeans(&points, &weights, 2, 100);
        assert_eq!(two.centers.len(), 2);
        assert!(
            two.assignment
                .iter()
                .step_by(2)
                .all(|&c| c == two.assignment[0])
        );
        assert!(
            two.assignment
                .iter()
                .skip(1)
                .step_by(2)
                .all(|&c| c == two.assignment[1])
        );
        assert_ne!(two.assignment[0], two.assignment[1]);
        assert!(silhouette(&points, &weights, &two.assignment, 2) > 0.95);
        let three = kmeans(&points, &weights, 3, 100);
        assert!(silhouette(&points, &weights, &three.assignment, three.centers.len()) < 0.95);
    }

    #[test]
    fn identical_points_make_one_cluster() {
        let points = vec![[1.0, 1.0]; 5];
        let one = kmeans(&points, &[1.0; 5], 3, 100);
        assert_eq!(one.centers, vec![[1.0, 1.0]]);
        assert_eq!(silhouette(&points, &[1.0; 5], &one.assignment, 1), 0.0);
    }

    #[test]
    fn weights_pull_centres() {
        let points = vec![[0.0, 0.0], [1.0, 0.0], [10.0, 0.0]];
        let c = kmeans(&points, &[3.0, 1.0, 1.0], 2, 100);
        assert!((c.centers[0][0] - 0.25).abs() < 1e-9, "{c:?}");
    }
}
