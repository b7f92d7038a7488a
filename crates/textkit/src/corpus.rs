//! From texts to TF-IDF vectors: every text is read into terms (stems of the words that carry
//! meaning, and optionally pairs of neighbouring stems), rare and ubiquitous terms are left
//! out, and each text becomes a sparse vector of sublinear term frequency × smoothed inverse
//! document frequency, of length 1. Each term keeps the word people wrote most often for it,
//! which is how labels read "transports" rather than "transport".

use rustc_hash::FxHashMap;

use crate::normalize::{fold, for_each_word, is_analysis_stop_word, stem};
use crate::parallel::{map_each, threads};

/// How texts are read into terms.
#[derive(Clone, Debug)]
pub struct CorpusOptions {
    /// Leave out stop words and discourse words ("faut", "cela"…). Best for clustering and
    /// labels, which should speak of what texts are about; keeping them helps suggestion, where
    /// how people write also tells which question they answer.
    pub stop_words: bool,
    /// Also count pairs of neighbouring stems ("transport commun"). They help suggestion where
    /// accuracy matters more than time: on the Grand Débat answers (`bench/synthesis.sh`),
    /// 0.760 right against 0.750, in 1.7 times the time; off by default.
    pub bigrams: bool,
    /// A term must appear in at least this many texts (fewer in sets under 100 texts).
    pub min_df: u32,
    /// A term appearing in more than this share of texts is left out.
    pub max_df_share: f32,
    /// A pair of stems must appear in at least this many texts.
    pub bigram_min_df: u32,
}

impl Default for CorpusOptions {
    /// Reading for clustering: words that carry meaning, one by one.
    fn default() -> Self {
        Self {
            stop_words: true,
            bigrams: false,
            min_df: 2,
            max_df_share: 1.0,
            bigram_min_df: 5,
        }
    }
}

impl CorpusOptions {
    /// Reading for theme suggestion: every word.
    pub fn for_suggestion() -> Self {
        Self {
            stop_words: false,
            ..Self::default()
        }
    }
}

/// One term of the vocabulary.
#[derive(Clone, Debug)]
pub struct Term {
    /// The folded stem ("transport"), or two stems joined by a space.
    pub stem: Box<str>,
    /// How people wrote it most often ("transports"; "transports commun").
    pub shown: Box<str>,
    /// In how many texts it appears.
    pub df: u32,
}

/// Rows of sparse vectors, stored compressed (CSR): row `i` holds the entries
/// `starts[i]..starts[i + 1]` of `indices` and `values`, indices ascending.
#[derive(Clone, Debug, Default)]
pub struct SparseMatrix {
    starts: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

/// One sparse vector: term indices ascending, with their weights.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    /// Term indices, ascending.
    pub indices: &'a [u32],
    /// The weight of each term.
    pub values: &'a [f32],
}

impl Row<'_> {
    /// Whether the text had no term at all.
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// The entries as (term, weight).
    pub fn iter(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.indices
            .iter()
            .zip(self.values)
            .map(|(&j, &v)| (j as usize, v))
    }

    /// The dot product with a dense vector.
    pub fn dot(&self, dense: &[f32]) -> f32 {
        self.iter().map(|(j, v)| v * dense[j]).sum()
    }
}

impl SparseMatrix {
    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> Row<'_> {
        let range = self.starts[i]..self.starts[i + 1];
        Row {
            indices: &self.indices[range.clone()],
            values: &self.values[range],
        }
    }

    /// The rows of several matrices, one after the other.
    fn concat(parts: Vec<SparseMatrix>) -> SparseMatrix {
        let mut whole = SparseMatrix {
            starts: vec![0],
            ..SparseMatrix::default()
        };
        for part in parts {
            let offset = whole.indices.len();
            whole
                .starts
                .extend(part.starts.iter().skip(1).map(|start| start + offset));
            whole.indices.extend(part.indices);
            whole.values.extend(part.values);
        }
        whole
    }

    fn push_row(&mut self, entries: impl Iterator<Item = (u32, f32)>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        for (j, v) in entries {
            self.indices.push(j);
            self.values.push(v);
        }
        self.starts.push(self.indices.len());
    }
}

/// A set of texts read into TF-IDF vectors, with its vocabulary.
#[derive(Clone, Debug)]
pub struct Corpus {
    terms: Vec<Term>,
    index: FxHashMap<Box<str>, u32>,
    idf: Vec<f32>,
    matrix: SparseMatrix,
    options: CorpusOptions,
}

/// Bigram ids live above this bit in a reader's local numbering.
const BIGRAM: u32 = 1 << 31;

/// What one thread learns from its share of the texts, in its own numbering.
#[derive(Default)]
struct Reading {
    /// Each word seen → its stem's local id (None for stop words) and how often it was seen.
    words: FxHashMap<Box<str>, (Option<u32>, u32)>,
    stems: Vec<Box<str>>,
    stem_ids: FxHashMap<Box<str>, u32>,
    pairs: Vec<(u32, u32)>,
    pair_ids: FxHashMap<(u32, u32), u32>,
    /// Every text's term ids (local), text after text; `ends[i]` closes text i.
    ids: Vec<u32>,
    ends: Vec<usize>,
}

impl Reading {
    fn read(&mut self, text: &str, options: &CorpusOptions) {
        let mut previous: Option<u32> = None;
        let Reading {
            words,
            stems,
            stem_ids,
            pairs,
            pair_ids,
            ids,
            ..
        } = self;
        for_each_word(text, |word| {
            let entry = match words.get_mut(word) {
                Some(entry) => entry,
                None => {
                    let id = meaningful_stem(word, options.stop_words).map(|stem| {
                        *stem_ids.entry(stem.clone().into()).or_insert_with(|| {
                            stems.push(stem.into());
                            stems.len() as u32 - 1
                        })
                    });
                    words.entry(word.into()).or_insert((id, 0))
                }
            };
            entry.1 += 1;
            let Some(id) = entry.0 else {
                return;
            };
            ids.push(id);
            if options.bigrams
                && let Some(before) = previous.filter(|&b| b != id)
            {
                let pair = *pair_ids.entry((before, id)).or_insert_with(|| {
                    pairs.push((before, id));
                    pairs.len() as u32 - 1
                });
                ids.push(BIGRAM | pair);
            }
            previous = Some(id);
        });
        self.ends.push(self.ids.len());
    }
}

/// Texts' distinct terms with their counts, text after text, and where each text's end.
type CountedTerms = (Vec<(u32, u32)>, Vec<usize>);

impl Reading {
    /// Every text's distinct terms with their counts, in the shared numbering (`stems` and
    /// `pairs` map this reading's ids to it); the entries of text i end at the i-th end.
    fn counted_terms(&self, stems: &[u32], pairs: &[u32]) -> CountedTerms {
        let mut entries: Vec<(u32, u32)> = Vec::with_capacity(self.ids.len());
        let mut ends = Vec::with_capacity(self.ends.len());
        let mut start = 0;
        let mut scratch: Vec<u32> = Vec::new();
        for &end in &self.ends {
            scratch.clear();
            scratch.extend(self.ids[start..end].iter().map(|&id| {
                if id & BIGRAM != 0 {
                    pairs[(id & !BIGRAM) as usize]
                } else {
                    stems[id as usize]
                }
            }));
            scratch.sort_unstable();
            let row_start = entries.len();
            for &id in &scratch {
                match entries[row_start..].last_mut() {
                    Some((last, count)) if *last == id => *count += 1,
                    _ => entries.push((id, 1)),
                }
            }
            ends.push(entries.len());
            start = end;
        }
        (entries, ends)
    }
}

/// The folded stem of a word that carries meaning; None for single letters, numbers and, when
/// asked, stop words.
fn meaningful_stem(word: &str, leave_out_stop_words: bool) -> Option<String> {
    if word.chars().count() < 2 || word.chars().all(|c| c.is_numeric()) {
        return None;
    }
    if leave_out_stop_words && is_analysis_stop_word(word) {
        return None;
    }
    let stem = fold(&stem(word));
    (!stem.is_empty()).then_some(stem)
}

impl Corpus {
    /// Reads `texts` on every core into TF-IDF vectors. The result does not depend on the
    /// number of cores.
    pub fn build<S: AsRef<str> + Sync>(texts: &[S], options: &CorpusOptions) -> Self {
        // One share per core, of about the same length in bytes (texts are not all alike:
        // one question's answers may be twice another's): each share stems its own distinct
        // words, so fewer shares stem less.
        let shares = shares_of_equal_length(texts, threads());
        let readings = map_each(&shares, |share| {
            let mut reading = Reading::default();
            for text in *share {
                reading.read(text.as_ref(), options);
            }
            reading
        });

        // One numbering for all threads: stems first, then pairs of stems.
        let mut stem_index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut stem_names: Vec<&str> = Vec::new();
        let local_stems: Vec<Vec<u32>> = readings
            .iter()
            .map(|reading| {
                reading
                    .stems
                    .iter()
                    .map(|stem| {
                        *stem_index.entry(stem).or_insert_with(|| {
                            stem_names.push(stem);
                            stem_names.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let stem_count = stem_names.len() as u32;
        let mut pair_index: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut pair_stems: Vec<(u32, u32)> = Vec::new();
        let local_pairs: Vec<Vec<u32>> = readings
            .iter()
            .zip(&local_stems)
            .map(|(reading, stems)| {
                reading
                    .pairs
                    .iter()
                    .map(|&(a, b)| {
                        let pair = (stems[a as usize], stems[b as usize]);
                        *pair_index.entry(pair).or_insert_with(|| {
                            pair_stems.push(pair);
                            stem_count + pair_stems.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let all_terms = stem_count as usize + pair_stems.len();

        // Each text's terms with their counts, in the shared numbering.
        let jobs: Vec<(&Reading, &Vec<u32>, &Vec<u32>)> = readings
            .iter()
            .zip(&local_stems)
            .zip(&local_pairs)
            .map(|((r, s), p)| (r, s, p))
            .collect();
        let texts_terms: Vec<CountedTerms> = map_each(&jobs, |(reading, stems, pairs)| {
            reading.counted_terms(stems, pairs)
        });

        let n = texts.len();
        let mut df = vec![0u32; all_terms];
        for (entries, _) in &texts_terms {
            for &(id, _) in entries {
                df[id as usize] += 1;
            }
        }
        // Small sets keep their rare terms: one contribution alone still has words.
        let min_df = options.min_df.min((n / 50).max(1) as u32);
        let bigram_min_df = options.bigram_min_df.min((n / 100).max(2) as u32);
        let max_df = (options.max_df_share * n as f32).max(1.0) as u32;
        // Kept terms, numbered by name so the numbering never depends on the split.
        let name_of = |id: u32| -> (&str, &str) {
            match id.checked_sub(stem_count) {
                None => (stem_names[id as usize], ""),
                Some(p) => {
                    let (a, b) = pair_stems[p as usize];
                    (stem_names[a as usize], stem_names[b as usize])
                }
            }
        };
        let mut kept: Vec<u32> = (0..all_terms as u32)
            .filter(|&id| {
                let d = df[id as usize];
                let min = if id >= stem_count {
                    bigram_min_df.max(min_df)
                } else {
                    min_df
                };
                d >= min && d <= max_df
            })
            .collect();
        kept.sort_unstable_by(|&a, &b| name_of(a).cmp(&name_of(b)));
        let mut renumber = vec![u32::MAX; all_terms];
        for (new, &old) in kept.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }

        let shown = shown_forms(&readings, &local_stems, stem_names.len());
        let terms: Vec<Term> = kept
            .iter()
            .map(|&old| {
                let (a, b) = name_of(old);
                let (stem, shown) = if b.is_empty() {
                    (a.into(), shown[old as usize].into())
                } else {
                    let (x, y) = pair_stems[(old - stem_count) as usize];
                    (
                        format!("{a} {b}").into(),
                        format!("{} {}", shown[x as usize], shown[y as usize]).into(),
                    )
                };
                Term {
                    stem,
                    shown,
                    df: df[old as usize],
                }
            })
            .collect();
        let idf: Vec<f32> = terms
            .iter()
            .map(|t| ((1.0 + n as f32) / (1.0 + t.df as f32)).ln() + 1.0)
            .collect();

        let parts = map_each(&texts_terms, |(entries, ends)| {
            let mut part = SparseMatrix::default();
            let mut row: Vec<(u32, f32)> = Vec::new();
            let mut start = 0;
            for &end in ends {
                row.clear();
                row.extend(entries[start..end].iter().filter_map(|&(id, count)| {
                    let j = renumber[id as usize];
                    (j != u32::MAX).then(|| (j, (1.0 + (count as f32).ln()) * idf[j as usize]))
                }));
                row.sort_unstable_by_key(|&(j, _)| j);
                normalize(&mut row);
                part.push_row(row.iter().copied());
                start = end;
            }
            part
        });
        let matrix = SparseMatrix::concat(parts);
        let index = terms
            .iter()
            .enumerate()
            .map(|(j, t)| (t.stem.clone(), j as u32))
            .collect();
        Corpus {
            terms,
            index,
            idf,
            matrix,
            options: options.clone(),
        }
    }

    /// The vocabulary, by term index.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The number of terms (the vectors' dimension).
    pub fn dimension(&self) -> usize {
        self.terms.len()
    }

    /// The texts' vectors, in the order given.
    pub fn matrix(&self) -> &SparseMatrix {
        &self.matrix
    }

    /// The vector of a text that was not in the corpus, in the corpus's vocabulary and weights
    /// (its unknown words are ignored). Entries ascending, length 1 unless empty.
    pub fn vectorize(&self, text: &str) -> Vec<(u32, f32)> {
        let mut reading = Reading::default();
        reading.read(text, &self.options);
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for &id in &reading.ids {
            let name: Box<str> = if id & BIGRAM != 0 {
                let (a, b) = reading.pairs[(id & !BIGRAM) as usize];
                format!(
                    "{} {}",
                    reading.stems[a as usize], reading.stems[b as usize]
                )
                .into()
            } else {
                reading.stems[id as usize].clone()
            };
            if let Some(&j) = self.index.get(&name) {
                *counts.entry(j).or_default() += 1;
            }
        }
        let mut row: Vec<(u32, f32)> = counts
            .into_iter()
            .map(|(j, c)| (j, (1.0 + (c as f32).ln()) * self.idf[j as usize]))
            .collect();
        row.sort_unstable_by_key(|&(j, _)| j);
        normalize(&mut row);
        row
    }
}

/// `texts` cut into at most `count` contiguous shares holding about as many bytes each.
fn shares_of_equal_length<S: AsRef<str>>(texts: &[S], count: usize) -> Vec<&[S]> {
    let total: usize = texts.iter().map(|t| t.as_ref().len()).sum();
    let target = total.div_ceil(count.max(1)).max(1);
    let mut shares = Vec::with_capacity(count);
    let (mut start, mut length) = (0, 0);
    for (i, text) in texts.iter().enumerate() {
        length += text.as_ref().len();
        if length >= target {
            shares.push(&texts[start..=i]);
            (start, length) = (i + 1, 0);
        }
    }
    if start < texts.len() || shares.is_empty() {
        shares.push(&texts[start..]);
    }
    shares
}

/// Scales a sparse vector to length 1 (an empty or zero vector stays as it is).
fn normalize(row: &mut [(u32, f32)]) {
    let norm = row.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, v) in row.iter_mut() {
            *v /= norm;
        }
    }
}

/// For every stem, the word people wrote most often for it (ties: the first in alphabetical
/// order).
fn shown_forms<'a>(
    readings: &'a [Reading],
    local_stems: &[Vec<u32>],
    stems: usize,
) -> Vec<&'a str> {
    let mut counts: Vec<(u32, &str, u32)> = readings
        .iter()
        .zip(local_stems)
        .flat_map(|(reading, global)| {
            reading.words.iter().filter_map(|(word, &(id, count))| {
                id.map(|id| (global[id as usize], &**word, count))
            })
        })
        .collect();
    counts.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut shown = vec![""; stems];
    let mut best = vec![0u32; stems];
    for same in counts.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        let (stem, word) = (same[0].0 as usize, same[0].1);
        let total: u32 = same.iter().map(|e| e.2).sum();
        if total > best[stem] {
            best[stem] = total;
            shown[stem] = word;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Corpus {
        Corpus::build(
            texts,
            &CorpusOptions {
                min_df: 1,
                bigrams: true,
                bigram_min_df: 2,
                ..CorpusOptions::default()
            },
        )
    }

    #[test]
    fn terms_are_stems_shown_as_people_write_them() {
        let c = corpus(&[
            "Plus de transports en commun",
            "Des transports en commun gratuits",
            "Le transport scolaire",
        ]);
        let transport = c.terms().iter().find(|t| &*t.stem == "transport").unwrap();
        assert_eq!(&*transport.shown, "transports");
        assert_eq!(transport.df, 3);
        let pair = c
            .terms()
            .iter()
            .find(|t| &*t.stem == "transport commun")
            .unwrap();
        assert_eq!(pair.df, 2);
        assert_eq!(&*pair.shown, "transports commun");
        assert!(
            c.terms()
                .iter()
                .all(|t| &*t.stem != "de" && &*t.stem != "le")
        );
    }

    #[test]
    fn vectors_have_length_one_and_rare_terms_weigh_more() {
        let c = corpus(&["vélo piste", "vélo voiture", "vélo bus"]);
        let row = c.matrix().row(0);
        let norm: f32 = row.values.iter().map(|v| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        let weight = |stem: &str| {
            let j = c.terms().iter().position(|t| &*t.stem == stem).unwrap() as u32;
            row.iter().find(|(k, _)| *k == j as usize).unwrap().1
        };
        assert!(weight("pist") > weight("velo"), "piste is rarer than vélo");
    }

    #[test]
    fn reading_for_suggestion_keeps_every_word() {
        let texts = ["Il faut des bus", "il faut des trains"];
        let options = CorpusOptions {
            min_df: 1,
            ..CorpusOptions::for_suggestion()
        };
        let c = Corpus::build(&texts, &options);
        let stems: Vec<&str> = c.terms().iter().map(|t| &*t.stem).collect();
        assert!(
            stems.contains(&"faut") && stems.contains(&"il"),
            "{stems:?}"
        );
        assert!(!stems.contains(&"il faut"), "pairs only when asked");
        let with_pairs = Corpus::build(
            &texts,
            &CorpusOptions {
                bigrams: true,
                bigram_min_df: 2,
                ..options
            },
        );
        assert!(with_pairs.terms().iter().any(|t| &*t.stem == "il faut"));
        assert!(!corpus(&texts).terms().iter().any(|t| &*t.stem == "faut"));
    }

    #[test]
    fn empty_and_meaningless_texts_give_empty_rows() {
        let c = corpus(&["", "   ", "le la les", "Sécheresse"]);
        assert_eq!(c.matrix().rows(), 4);
        assert!((0..3).all(|i| c.matrix().row(i).is_empty()));
        assert!(!c.matrix().row(3).is_empty());
    }

    #[test]
    fn shares_hold_about_as_many_bytes_and_every_text_once() {
        let texts = [
            "a".repeat(90),
            "b".repeat(10),
            "c".repeat(50),
            "d".repeat(50),
        ];
        let shares = shares_of_equal_length(&texts, 2);
        assert_eq!(shares, [&texts[..2], &texts[2..]]);
        let texts = ["", "", "", ""];
        assert_eq!(shares_of_equal_length(&texts, 3), [&texts[..]]);
        let few = ["un", "deux"];
        let shares = shares_of_equal_length(&few, 8);
        assert_eq!(shares.concat(), few);
        assert!(shares.len() <= 2);
    }

    #[test]
    fn a_new_text_is_read_in_the_same_vocabulary() {
        let c = corpus(&["écoles fermées", "école rurale"]);
        let v = c.vectorize("Les écoles, et une piscine");
        assert_eq!(v.len(), 1);
        assert_eq!(&*c.terms()[v[0].0 as usize].stem, "ecol");
    }
}
