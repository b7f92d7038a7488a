//! Theme suggestion: for each contribution, the most likely theme with a confidence. A
//! multinomial logistic regression over TF-IDF vectors, trained by stochastic gradient descent
//! on the themes' own texts (name, description, keywords), so it answers before anyone has
//! labelled anything, and on every contribution people have labelled, so it learns as soon as
//! there are some.

use crate::corpus::{Corpus, Row, SparseMatrix};
use crate::parallel::map_chunks;
use crate::rng::Rng;

/// What a theme says about itself.
#[derive(Clone, Debug)]
pub struct ThemeText {
    /// Its name ("Mobilités").
    pub name: String,
    /// Its description and keywords.
    pub description: String,
}

/// A suggested theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggestion {
    /// The theme's index in the list given to [`Suggester::train`].
    pub theme: usize,
    /// The model's probability for it, 0 to 1.
    pub confidence: f32,
}

/// A trained suggestion model.
#[derive(Clone, Debug)]
pub struct Suggester {
    themes: usize,
    /// Term-major weights: `weights[term * themes + theme]`.
    weights: Vec<f32>,
    bias: Vec<f32>,
}

/// Passes over the examples: at least this many (on the Grand Débat answers, ten thousand
/// labelled, accuracy peaks at six: 0.750, against 0.748 at twelve)…
const MIN_EPOCHS: usize = 6;
/// …and enough for the model to see this many examples, up to [`MAX_EPOCHS`] passes: a few
/// dozen labelled needs take many passes to be learnt.
const MIN_STEPS: usize = 60_000;
/// The most passes over a small set of examples.
const MAX_EPOCHS: usize = 50;
/// The first pass's step; later passes take smaller ones.
const LEARNING_RATE: f32 = 0.8;
/// Pull of every weight towards 0, per example seen (keeps rare terms from deciding alone).
const DECAY: f32 = 2e-6;
/// One training example: a vector and its theme.
struct Example<'a> {
    row: Row<'a>,
    theme: usize,
}

impl Suggester {
    /// Trains on the themes' texts and on the labelled rows of the corpus (row, theme index).
    /// The same inputs and seed give the same model.
    pub fn train(
        corpus: &Corpus,
        themes: &[ThemeText],
        labelled: &[(usize, usize)],
        seed: u64,
    ) -> Self {
        let count = themes.len();
        let dimension = corpus.dimension();
        let mut model = Suggester {
            themes: count,
            weights: vec![0.0; dimension * count],
            bias: vec![0.0; count],
        };
        if count == 0 {
            return model;
        }
        let prototypes: Vec<(Vec<u32>, Vec<f32>)> = themes
            .iter()
            .map(|t| {
                let text = format!("{} {} {}", t.name, t.name, t.description);
                corpus.vectorize(&text).into_iter().unzip()
            })
            .collect();
        // A theme's own text counts as one labelled contribution. More drowns the people's
        // words in the manager's: counting it as 45, as an earlier rule did with a thousand
        // labels per theme, cost 0.7 points of accuracy on the Grand Débat answers.
        let mut examples: Vec<Example<'_>> = prototypes
            .iter()
            .enumerate()
            .map(|(theme, (indices, values))| Example {
                row: Row { indices, values },
                theme,
            })
            .collect();
        examples.extend(labelled.iter().filter(|(_, theme)| *theme < count).map(
            |&(row, theme)| Example {
                row: corpus.matrix().row(row),
                theme,
            },
        ));
        model.fit(&examples, seed);
        model
    }

    /// Stochastic gradient descent on the softmax loss, passes over shuffled examples with
    /// shrinking steps.
    fn fit(&mut self, examples: &[Example<'_>], seed: u64) {
        let count = self.themes;
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Rng::new(seed);
        let mut probabilities = vec![0.0f32; count];
        let mut scale = 1.0f32;
        let epochs = (MIN_STEPS / examples.len().max(1)).clamp(MIN_EPOCHS, MAX_EPOCHS);
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let rate = LEARNING_RATE / (1.0 + epoch as f32);
            for &e in &order {
                let example = &examples[e];
                // Weights are stored divided by `scale`, so decay is one multiplication.
                scale *= 1.0 - rate * DECAY;
                self.scores(example.row, scale, &mut probabilities);
                softmax(&mut probabilities);
                probabilities[example.theme] -= 1.0;
                for (j, v) in example.row.iter() {
                    let row = &mut self.weights[j * count..(j + 1) * count];
                    for (w, g) in row.iter_mut().zip(&probabilities) {
                        *w -= rate * g * v / scale;
                    }
                }
                for (b, g) in self.bias.iter_mut().zip(&probabilities) {
                    *b -= rate * g * 0.1;
                }
            }
            if scale < 1e-3 {
                self.weights.iter_mut().for_each(|w| *w *= scale);
                scale = 1.0;
            }
        }
        self.weights.iter_mut().for_each(|w| *w *= scale);
    }

    fn scores(&self, row: Row<'_>, scale: f32, out: &mut [f32]) {
        out.copy_from_slice(&self.bias);
        for (j, v) in row.iter() {
            let row = &self.weights[j * self.themes..(j + 1) * self.themes];
            for (o, w) in out.iter_mut().zip(row) {
                *o += v * w * scale;
            }
        }
    }

    /// The most likely theme of a vector, or None when it has no term or there is no theme.
    pub fn suggest(&self, row: Row<'_>) -> Option<Suggestion> {
        if row.is_empty() || self.themes == 0 {
            return None;
        }
        let mut probabilities = vec![0.0; self.themes];
        self.scores(row, 1.0, &mut probabilities);
        softmax(&mut probabilities);
        let (theme, confidence) =
            probabilities
                .iter()
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |best, (t, &p)| {
                    if p > best.1 { (t, p) } else { best }
                });
        Some(Suggestion { theme, confidence })
    }

    /// The suggestion for every row, on every core.
    pub fn suggest_all(&self, matrix: &SparseMatrix) -> Vec<Option<Suggestion>> {
        let rows: Vec<usize> = (0..matrix.rows()).collect();
        map_chunks(&rows, |_, chunk| {
            chunk
                .iter()
                .map(|&i| self.suggest(matrix.row(i)))
                .collect::<Vec<_>>()
        })
        .concat()
    }
}

fn softmax(values: &mut [f32]) {
    let max = values.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in values.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in values.iter_mut() {
        *v /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::CorpusOptions;

    fn themes() -> Vec<ThemeText> {
        vec![
            ThemeText {
                name: "Mobilités".into(),
                description: "bus, train, vélo, voiture, transports en commun".into(),
            },
            ThemeText {
                name: "Santé".into(),
                description: "médecin, hôpital, soins, pharmacie".into(),
            },
        ]
    }

    #[test]
    fn suggests_from_the_themes_texts_before_any_label() {
        let texts = [
            "Il manque un médecin au village",
            "Plus de bus vers la gare",
            "Bonjour",
            "le",
        ];
        let corpus = Corpus::build(
            &texts,
            &CorpusOptions {
                min_df: 1,
                ..Default::default()
            },
        );
        let model = Suggester::train(&corpus, &themes(), &[], 1);
        assert_eq!(model.suggest(corpus.matrix().row(0)).unwrap().theme, 1);
        assert_eq!(model.suggest(corpus.matrix().row(1)).unwrap().theme, 0);
        let unsure = model.suggest(corpus.matrix().row(2)).unwrap();
        assert!(unsure.confidence < 0.6, "nothing to go on: {unsure:?}");
        assert_eq!(
            model.suggest(corpus.matrix().row(3)),
            None,
            "no term, no guess"
        );
    }

    #[test]
    fn learns_from_labelled_contributions() {
        // "cantine" is in neither theme's text; people file it under Santé, twice.
        let texts = [
            "La cantine de l'école est trop chère",
            "Des repas bio à la cantine",
            "Cantine : menus équilibrés",
        ];
        let corpus = Corpus::build(
            &texts,
            &CorpusOptions {
                min_df: 1,
                ..Default::default()
            },
        );
        let before = Suggester::train(&corpus, &themes(), &[], 1);
        let unsure = before.suggest(corpus.matrix().row(2)).unwrap();
        assert!(unsure.confidence < 0.6, "{unsure:?}");
        let after = Suggester::train(&corpus, &themes(), &[(0, 1), (1, 1)], 1);
        let suggestion = after.suggest(corpus.matrix().row(2)).unwrap();
        assert_eq!(suggestion.theme, 1);
        assert!(
            suggestion.confidence > unsure.confidence + 0.1,
            "{suggestion:?}"
        );
        let again = Suggester::train(&corpus, &themes(), &[(0, 1), (1, 1)], 1);
        assert_eq!(
            again.suggest(corpus.matrix().row(2)),
            Some(suggestion),
            "deterministic"
        );
    }
}
