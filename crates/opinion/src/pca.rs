//! Two principal components of the vote matrix by power iteration, as Polis computes them:
//! missing votes take their statement's mean, so once centred they are zeros and the work
//! is done on the votes alone; then each participant is placed by the statements they voted
//! on, pushed out by √(statements / their votes) so that people who voted little are not all
//! drawn in the middle.

use rayon::prelude::*;

use crate::votes::{MISSING, VoteMatrix};

/// Passes of power iteration at most (Polis: 100).
const MAX_ITERATIONS: usize = 200;
/// Iteration stops when the eigenvalue changes by less than this share.
const TOLERANCE: f64 = 1e-10;

/// The centred votes, row by row: `(column, vote − column mean)` for every vote cast.
pub struct Centred {
    /// Column means over the votes cast (0 for a column without any).
    pub center: Vec<f64>,
    starts: Vec<usize>,
    entries: Vec<(u32, f64)>,
    /// Each row's count of cells that are not missing (moderated-out columns count).
    pub vote_counts: Vec<usize>,
}

impl Centred {
    /// Centres the matrix's votes.
    pub fn new(matrix: &VoteMatrix) -> Centred {
        let width = matrix.columns();
        let mut sums = vec![0.0f64; width];
        let mut counts = vec![0usize; width];
        for r in 0..matrix.rows() {
            for (c, &v) in matrix.row(r).iter().enumerate() {
                if v != MISSING {
                    sums[c] += f64::from(v);
                    counts[c] += 1;
                }
            }
        }
        let center: Vec<f64> = sums
            .iter()
            .zip(&counts)
            .map(|(s, &n)| if n > 0 { s / n as f64 } else { 0.0 })
            .collect();
        let mut starts = Vec::with_capacity(matrix.rows() + 1);
        let mut entries = Vec::new();
        let mut vote_counts = Vec::with_capacity(matrix.rows());
        starts.push(0);
        for r in 0..matrix.rows() {
            let mut voted = 0;
            for (c, &v) in matrix.row(r).iter().enumerate() {
                if v == MISSING {
                    continue;
                }
                voted += 1;
                let x = f64::from(v) - center[c];
                if x != 0.0 {
                    entries.push((c as u32, x));
                }
            }
            vote_counts.push(voted);
            starts.push(entries.len());
        }
        Centred {
            center,
            starts,
            entries,
            vote_counts,
        }
    }

    fn row(&self, r: usize) -> &[(u32, f64)] {
        &self.entries[self.starts[r]..self.starts[r + 1]]
    }

    fn rows(&self) -> usize {
        self.vote_counts.len()
    }

    /// Xᵀ X v, over the votes only, on every core. Rows are summed in fixed blocks, and the
    /// blocks in order, so the result does not depend on how the work was shared.
    fn gram_times(&self, v: &[f64]) -> Vec<f64> {
        let width = v.len();
        let blocks: Vec<usize> = (0..self.rows()).step_by(ROWS_PER_BLOCK).collect();
        let partials: Vec<Vec<f64>> = blocks
            .par_iter()
            .map(|&start| {
                let mut acc = vec![0.0f64; width];
                for r in start..(start + ROWS_PER_BLOCK).min(self.rows()) {
                    let row = self.row(r);
                    let dot: f64 = row.iter().map(|&(c, x)| x * v[c as usize]).sum();
                    if dot != 0.0 {
                        for &(c, x) in row {
                            acc[c as usize] += dot * x;
                        }
                    }
                }
                acc
            })
            .collect();
        let mut total = vec![0.0f64; width];
        for partial in partials {
            total.iter_mut().zip(&partial).for_each(|(t, p)| *t += p);
        }
        total
    }
}

/// Rows per block of the parallel product.
const ROWS_PER_BLOCK: usize = 2048;

/// The principal components and the centre they were taken around.
#[derive(Clone, Debug)]
pub struct Components {
    /// Statement means.
    pub center: Vec<f64>,
    /// Two unit vectors over the statements (zeros when the votes have no spread).
    pub axes: [Vec<f64>; 2],
}

/// Two components by power iteration, the second with the first factored out. `seed` fixes
/// the starting vectors: the same votes and seed give the same components.
pub fn components(centred: &Centred, seed: u64) -> Components {
    let width = centred.center.len();
    let mut axes: [Vec<f64>; 2] = [vec![0.0; width], vec![0.0; width]];
    for n in 0..2 {
        let mut state = seed.wrapping_add(n as u64 + 1);
        let mut v: Vec<f64> = (0..width).map(|_| next_unit(&mut state) + 0.5).collect();
        let mut last = 0.0;
        for _ in 0..MAX_ITERATIONS {
            if n == 1 {
                remove_component(&mut v, &axes[0]);
            }
            let mut product = centred.gram_times(&v);
            if n == 1 {
                remove_component(&mut product, &axes[0]);
            }
            let eigenvalue = norm(&product);
            if eigenvalue == 0.0 {
                v.iter_mut().for_each(|x| *x = 0.0);
                break;
            }
            product.iter_mut().for_each(|x| *x /= eigenvalue);
            v = product;
            if (eigenvalue - last).abs() <= TOLERANCE * eigenvalue {
                break;
            }
            last = eigenvalue;
        }
        axes[n] = v;
    }
    Components {
        center: centred.center.clone(),
        axes,
    }
}

/// Each participant's place: the projection of their votes (centred) on the two components,
/// scaled by √(statements / votes).
pub fn project(centred: &Centred, components: &Components) -> Vec<[f64; 2]> {
    let width = components.center.len() as f64;
    (0..centred.rows())
        .into_par_iter()
        .map(|r| {
            let mut point = [0.0; 2];
            for &(c, x) in centred.row(r) {
                point[0] += x * components.axes[0][c as usize];
                point[1] += x * components.axes[1][c as usize];
            }
            let scale = (width / centred.vote_counts[r].max(1) as f64).sqrt();
            [point[0] * scale, point[1] * scale]
        })
        .collect()
}

/// How far each statement stands out on the map: the length of the place of someone who
/// would have voted only on it, disagreeing (Polis's comment extremity).
pub fn extremities(components: &Components) -> Vec<f64> {
    let width = components.center.len() as f64;
    (0..components.center.len())
        .map(|c| {
            let x = (-1.0 - components.center[c]) * width.sqrt();
            (x * components.axes[0][c]).hypot(x * components.axes[1][c])
        })
        .collect()
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

fn remove_component(v: &mut [f64], axis: &[f64]) {
    let dot: f64 = v.iter().zip(axis).map(|(a, b)| a * b).sum();
    v.iter_mut().zip(axis).for_each(|(x, a)| *x -= dot * a);
}

/// A number in [0, 1) from a SplitMix64 state.
fn next_unit(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}
