//! Nearest texts: which texts of a corpus say most nearly what another text says, by the
//! cosine of their TF-IDF vectors (of length 1, so the cosine is their dot product). An
//! inverted index lists, for each term, the texts holding it and its weight there, so a query
//! reads only the texts that share a term with it, never the whole corpus.

use crate::corpus::SparseMatrix;

/// The texts holding each term, with the term's weight in each.
pub struct NearestIndex {
    postings: Vec<Vec<(u32, f32)>>,
    rows: usize,
}

impl NearestIndex {
    /// Indexes the rows of a corpus's matrix over a vocabulary of `dimension` terms.
    pub fn new(matrix: &SparseMatrix, dimension: usize) -> NearestIndex {
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); dimension];
        for row in 0..matrix.rows() {
            for (term, weight) in matrix.row(row).iter() {
                postings[term].push((row as u32, weight));
            }
        }
        NearestIndex {
            postings,
            rows: matrix.rows(),
        }
    }

    /// At most `k` texts nearest to `query` (a vector in the corpus's vocabulary, as
    /// `Corpus::vectorize` gives), each with its cosine, highest first, ties by position;
    /// texts below `min_cosine` are left out.
    pub fn nearest(&self, query: &[(u32, f32)], k: usize, min_cosine: f32) -> Vec<(usize, f32)> {
        if k == 0 {
            return Vec::new();
        }
        let mut scores = vec![0.0f32; self.rows];
        let mut touched: Vec<u32> = Vec::new();
        for &(term, weight) in query {
            for &(row, there) in self.postings.get(term as usize).into_iter().flatten() {
                let score = &mut scores[row as usize];
                if *score == 0.0 {
                    touched.push(row);
                }
                *score += weight * there;
            }
        }
        let mut found: Vec<(usize, f32)> = touched
            .into_iter()
            .map(|row| (row as usize, scores[row as usize]))
            .filter(|&(_, cosine)| cosine >= min_cosine && cosine > 0.0)
            .collect();
        let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if found.len() > k {
            found.select_nth_unstable_by(k - 1, order);
            found.truncate(k);
        }
        found.sort_unstable_by(order);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, CorpusOptions};

    fn corpus() -> Corpus {
        let texts = [
            "Plus de bus le soir entre Belfort et Montbéliard",
            "Des bus plus fréquents le soir pour rentrer du travail",
            "Une piste cyclable le long du canal",
            "Des pistes cyclables sûres pour aller à l'école",
            "Un médecin généraliste dans le village",
            "Plus de médecins et une maison de santé",
        ];
        Corpus::build(
            &texts,
            &CorpusOptions {
                min_df: 1,
                ..CorpusOptions::default()
            },
        )
    }

    #[test]
    fn the_nearest_texts_share_its_words_whatever_their_form() {
        let corpus = corpus();
        let index = NearestIndex::new(corpus.matrix(), corpus.dimension());
        let query = corpus.vectorize("Des navettes de bus le soir");
        let found = index.nearest(&query, 2, 0.0);
        let rows: Vec<usize> = found.iter().map(|(row, _)| *row).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows.contains(&0) && rows.contains(&1), "{found:?}");
        assert!(found[0].1 >= found[1].1);
        let cycling = index.nearest(&corpus.vectorize("une piste cyclable"), 1, 0.0);
        assert!(matches!(cycling.as_slice(), [(2 | 3, _)]), "{cycling:?}");
    }

    #[test]
    fn each_text_is_nearest_to_itself_and_unrelated_texts_find_nothing() {
        let corpus = corpus();
        let index = NearestIndex::new(corpus.matrix(), corpus.dimension());
        for row in 0..corpus.matrix().rows() {
            let query: Vec<(u32, f32)> = corpus
                .matrix()
                .row(row)
                .iter()
                .map(|(term, weight)| (term as u32, weight))
                .collect();
            let found = index.nearest(&query, 1, 0.0);
            assert_eq!(found[0].0, row);
            assert!((found[0].1 - 1.0).abs() < 1e-4, "{found:?}");
        }
        assert!(
            index
                .nearest(&corpus.vectorize("astronomie quantique"), 5, 0.0)
                .is_empty()
        );
        assert!(
            index
                .nearest(&corpus.vectorize("bus le soir"), 5, 0.99)
                .is_empty()
        );
        assert!(
            index
                .nearest(&corpus.vectorize("bus le soir"), 0, 0.0)
                .is_empty()
        );
    }
}
