//! How well two partitions of the same items agree: normalised mutual information (with the
//! arithmetic mean, as scikit-learn computes it by default) and the adjusted Rand index.

use rustc_hash::FxHashMap;

/// The contingency table of two labellings: counts per (a, b) pair, per a and per b.
struct Contingency {
    pairs: FxHashMap<(u32, u32), u64>,
    a: FxHashMap<u32, u64>,
    b: FxHashMap<u32, u64>,
    n: u64,
}

impl Contingency {
    fn new(a: &[u32], b: &[u32]) -> Self {
        assert_eq!(a.len(), b.len(), "two labellings of the same items");
        let mut table = Contingency {
            pairs: FxHashMap::default(),
            a: FxHashMap::default(),
            b: FxHashMap::default(),
            n: a.len() as u64,
        };
        for (&x, &y) in a.iter().zip(b) {
            *table.pairs.entry((x, y)).or_default() += 1;
            *table.a.entry(x).or_default() += 1;
            *table.b.entry(y).or_default() += 1;
        }
        table
    }
}

fn entropy(counts: &FxHashMap<u32, u64>, n: f64) -> f64 {
    counts
        .values()
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.ln()
        })
        .sum()
}

/// Normalised mutual information between two labellings, 0 (independent) to 1 (the same
/// partition). Two labellings that each put everything in one group agree fully (1).
pub fn nmi(a: &[u32], b: &[u32]) -> f64 {
    let table = Contingency::new(a, b);
    let n = table.n as f64;
    if table.n == 0 {
        return 1.0;
    }
    let (ha, hb) = (entropy(&table.a, n), entropy(&table.b, n));
    if ha == 0.0 && hb == 0.0 {
        return 1.0;
    }
    let mi: f64 = table
        .pairs
        .iter()
        .map(|(&(x, y), &c)| {
            let pxy = c as f64 / n;
            let px = table.a[&x] as f64 / n;
            let py = table.b[&y] as f64 / n;
            pxy * (pxy / (px * py)).ln()
        })
        .sum();
    (mi / ((ha + hb) / 2.0)).clamp(0.0, 1.0)
}

/// The adjusted Rand index: 1 for the same partition, about 0 for chance agreement.
pub fn ari(a: &[u32], b: &[u32]) -> f64 {
    let table = Contingency::new(a, b);
    let pairs = |c: u64| (c * c.saturating_sub(1) / 2) as f64;
    let index: f64 = table.pairs.values().map(|&c| pairs(c)).sum();
    let sum_a: f64 = table.a.values().map(|&c| pairs(c)).sum();
    let sum_b: f64 = table.b.values().map(|&c| pairs(c)).sum();
    let total = pairs(table.n);
    if total == 0.0 {
        return 1.0;
    }
    let expected = sum_a * sum_b / total;
    let max = (sum_a + sum_b) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_partition_under_other_names_scores_one() {
        let a = [0, 0, 1, 1, 2, 2];
        let b = [5, 5, 3, 3, 9, 9];
        assert!((nmi(&a, &b) - 1.0).abs() < 1e-12);
        assert!((ari(&a, &b) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn known_values_match_scikit_learn() {
        // sklearn.metrics: normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8,
        // adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715.
        let a = [0, 0, 1, 1];
        let b = [0, 0, 1, 2];
        assert!((nmi(&a, &b) - 0.8).abs() < 1e-9, "{}", nmi(&a, &b));
        assert!((ari(&a, &b) - 0.571_428_571_428_571_5).abs() < 1e-9);
        // Independent labellings score near 0.
        let c = [0, 1, 0, 1];
        assert!(ari(&a, &c) < 0.0);
        assert!(nmi(&a, &c) < 1e-9);
    }
}
