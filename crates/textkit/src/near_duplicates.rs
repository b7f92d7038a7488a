//! Contributions that say the same thing: texts whose term sets overlap by at least a given
//! Jaccard similarity, found with MinHash signatures split into bands (locality-sensitive
//! hashing) and checked exactly, so the work grows with the number of texts, not its square.

use rustc_hash::FxHashMap;

use crate::corpus::SparseMatrix;
use crate::parallel::map_chunks;
use crate::rng::mix;

/// Signature bands and rows per band: texts sharing 70 % of their terms meet in a band with
/// probability 99.9 %, texts sharing 30 % with probability 35 % (then checked and refused).
const BANDS: usize = 16;
const ROWS: usize = 3;

/// Groups of texts (indices, ascending) whose terms overlap by at least `threshold` (Jaccard,
/// 0 to 1), largest group first. Texts without terms are in no group; identical texts always
/// share one.
pub fn near_duplicates(matrix: &SparseMatrix, threshold: f32) -> Vec<Vec<usize>> {
    let n = matrix.rows();
    let mut sets = UnionFind::new(n);

    // Identical term sets first: one representative each.
    let mut by_set: FxHashMap<&[u32], usize> = FxHashMap::default();
    let mut representatives = Vec::new();
    for i in 0..n {
        let indices = matrix.row(i).indices;
        if indices.is_empty() {
            continue;
        }
        match by_set.get(indices) {
            Some(&first) => sets.union(first, i),
            None => {
                by_set.insert(indices, i);
                representatives.push(i);
            }
        }
    }

    let signatures: Vec<[u64; BANDS]> = map_chunks(&representatives, |_, chunk| {
        chunk
            .iter()
            .map(|&i| band_keys(matrix.row(i).indices))
            .collect::<Vec<_>>()
    })
    .concat();
    for band in 0..BANDS {
        let mut keyed: Vec<(u64, usize)> = representatives
            .iter()
            .zip(&signatures)
            .map(|(&i, keys)| (keys[band], i))
            .collect();
        keyed.sort_unstable();
        for bucket in keyed.chunk_by(|a, b| a.0 == b.0) {
            let first = bucket[0].1;
            for &(_, other) in &bucket[1..] {
                if jaccard(matrix.row(first).indices, matrix.row(other).indices) >= threshold {
                    sets.union(first, other);
                }
            }
        }
    }

    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        if !matrix.row(i).is_empty() {
            groups.entry(sets.find(i)).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    groups
}

/// One hash per band of the text's MinHash signature. Each term is hashed once; the
/// signature's functions are cheap salted remixes of that hash.
fn band_keys(indices: &[u32]) -> [u64; BANDS] {
    let mut minimums = [u64::MAX; BANDS * ROWS];
    for &j in indices {
        let base = mix(j as u64, 0);
        for (f, min) in minimums.iter_mut().enumerate() {
            let salt = SALTS[f];
            let h = (base ^ salt).wrapping_mul(salt | 1).rotate_left(29);
            *min = (*min).min(h);
        }
    }
    let mut keys = [0u64; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let rows = &minimums[band * ROWS..(band + 1) * ROWS];
        *key = rows
            .iter()
            .fold(band as u64, |acc, &m| mix(acc ^ m, band as u64));
    }
    keys
}

/// The salts of the signature's hash functions, fixed so signatures are the same everywhere.
const SALTS: [u64; BANDS * ROWS] = {
    let mut salts = [0u64; BANDS * ROWS];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut f = 0;
    while f < salts.len() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        salts[f] = state;
        f += 1;
    }
    salts
};

/// The Jaccard similarity of two ascending index lists.
fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f32 / union as f32
    }
}

/// Disjoint sets with path halving and union by size.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, CorpusOptions};

    fn matrix(texts: &[&str]) -> SparseMatrix {
        let options = CorpusOptions {
            min_df: 1,
            ..CorpusOptions::default()
        };
        Corpus::build(texts, &options).matrix().clone()
    }

    #[test]
    fn texts_saying_the_same_thing_are_grouped() {
        let groups = near_duplicates(
            &matrix(&[
                "Plus de bus le soir en semaine",
                "Un médecin à Giromagny",
                "Plus de bus le soir, en semaine !",
                "plus de BUS le soir en semaine svp",
                "Des pistes cyclables",
                "",
            ]),
            0.6,
        );
        assert_eq!(groups, vec![vec![0, 2, 3]]);
    }

    #[test]
    fn thousands_of_identical_texts_form_one_group() {
        let mut texts = vec!["Sauvons la ligne de train Belfort-Delle"; 3000];
        texts.push("Une autre idée : un marché de producteurs");
        let groups = near_duplicates(&matrix(&texts), 0.8);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 3000);
    }

    #[test]
    fn jaccard_counts_shared_terms() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
