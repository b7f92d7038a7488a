//! Clustering texts by what they are about: spherical k-means (cosine similarity on TF-IDF
//! vectors) seeded by greedy k-means++, tried from several seeds on a sample and then refined
//! on every text; the number of clusters chosen by silhouette when not given; each cluster
//! described by its most distinctive terms and its most representative texts.

use crate::corpus::{Corpus, Row, SparseMatrix};
use crate::parallel::{fill_blocks, fill_chunks, map_chunks, map_owned};
use crate::rng::Rng;

/// How to cluster.
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// The number of clusters, or None to choose it within `k_bounds`.
    pub k: Option<usize>,
    /// The smallest and largest number of clusters tried when `k` is None.
    pub k_bounds: (usize, usize),
    /// Seed of every random choice: the same seed gives the same clusters.
    pub seed: u64,
    /// Seedings tried on the sample; the best is refined on every text.
    pub restarts: usize,
    /// At most this many texts for the seedings and for choosing k.
    pub sample: usize,
    /// Passes over the texts at most, per run.
    pub max_iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        Self {
            k: None,
            k_bounds: (2, 20),
            seed: 42,
            restarts: 3,
            sample: 10_000,
            max_iterations: 40,
        }
    }
}

/// Cluster centres, unit vectors, stored term-major (`weights[term * k + cluster]`) so that
/// scoring a text against every centre reads memory in order.
#[derive(Clone, Debug)]
pub struct Centroids {
    k: usize,
    weights: Vec<f32>,
}

impl Centroids {
    fn zeros(k: usize, dimension: usize) -> Self {
        Self {
            k,
            weights: vec![0.0; k * dimension],
        }
    }

    /// The cosine similarity of a text with every centre, written into `out` (length k).
    pub fn similarities(&self, row: Row<'_>, out: &mut [f32]) {
        out.fill(0.0);
        for (j, v) in row.iter() {
            let centre = &self.weights[j * self.k..(j + 1) * self.k];
            for (o, w) in out.iter_mut().zip(centre) {
                *o += v * w;
            }
        }
    }

    /// The weight of a term in a centre.
    pub fn weight(&self, cluster: usize, term: usize) -> f32 {
        self.weights[term * self.k + cluster]
    }

    fn set_from_row(&mut self, cluster: usize, row: Row<'_>) {
        for (j, v) in row.iter() {
            self.weights[j * self.k + cluster] = v;
        }
    }

    /// Scales every centre to length 1; returns the centres that were empty.
    fn normalize(&mut self) -> Vec<usize> {
        let mut norms = vec![0.0f32; self.k];
        for chunk in self.weights.chunks(self.k) {
            for (n, w) in norms.iter_mut().zip(chunk) {
                *n += w * w;
            }
        }
        let inverse: Vec<f32> = norms
            .iter()
            .map(|n| if *n > 0.0 { 1.0 / n.sqrt() } else { 0.0 })
            .collect();
        for chunk in self.weights.chunks_mut(self.k) {
            for (w, s) in chunk.iter_mut().zip(&inverse) {
                *w *= s;
            }
        }
        (0..self.k).filter(|&c| norms[c] == 0.0).collect()
    }
}

/// Texts split into clusters.
#[derive(Clone, Debug)]
pub struct Clustering {
    /// Each text's cluster; None for a text without any term (empty, or only stop words).
    pub assignment: Vec<Option<u32>>,
    /// The clusters' centres.
    pub centroids: Centroids,
    /// The mean cosine similarity of the texts with their centre (higher is tighter).
    pub cohesion: f64,
}

impl Clustering {
    /// The number of clusters.
    pub fn k(&self) -> usize {
        self.centroids.k
    }

    /// The texts of each cluster, by index.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut members = vec![Vec::new(); self.k()];
        for (i, c) in self.assignment.iter().enumerate() {
            if let Some(c) = c {
                members[*c as usize].push(i);
            }
        }
        members
    }
}

/// Splits the corpus's texts into clusters. Texts without terms are left out (None); with
/// fewer texts than clusters asked, there are as many clusters as distinct texts allow.
pub fn cluster(corpus: &Corpus, options: &ClusterOptions) -> Clustering {
    let matrix = corpus.matrix();
    let present: Vec<usize> = (0..matrix.rows())
        .filter(|&i| !matrix.row(i).is_empty())
        .collect();
    let dimension = corpus.dimension();
    if present.is_empty() || dimension == 0 {
        return Clustering {
            assignment: vec![None; matrix.rows()],
            centroids: Centroids::zeros(0, dimension),
            cohesion: 0.0,
        };
    }
    let mut rng = Rng::new(options.seed);
    let sample = sample_of(&present, options.sample, &mut rng);
    let k = match options.k {
        Some(k) => k,
        None => choose_k(matrix, dimension, &sample, options, &mut rng),
    }
    .clamp(1, present.len());

    // The seedings are drawn one after the other from the one random stream, then refined
    // side by side: a core that is done with its own helps the others.
    let seeding = sample_of(&sample, SEEDING_SAMPLE, &mut rng);
    let seedings: Vec<Centroids> = (0..options.restarts.max(1))
        .map(|_| seed_centroids(matrix, dimension, &seeding, k, &mut rng))
        .collect();
    let on_sample = Texts::new(matrix, &sample, dimension, SAMPLE_SETTLED);
    let runs = map_owned(seedings, |seeds| {
        lloyd(&on_sample, seeds, options.max_iterations)
    });
    let (mut cohesion, mut centroids, mut assigned) = runs
        .into_iter()
        .reduce(|best, run| if run.0 > best.0 { run } else { best })
        .expect("at least one run");
    if sample.len() < present.len() {
        let every_text = Texts::new(matrix, &present, dimension, REFINEMENT_SETTLED);
        let run = lloyd(&every_text, centroids, options.max_iterations);
        (cohesion, centroids, assigned) = run;
    }
    let mut assignment = vec![None; matrix.rows()];
    let rows = if sample.len() < present.len() {
        &present
    } else {
        &sample
    };
    for (&i, &c) in rows.iter().zip(&assigned) {
        assignment[i] = Some(c);
    }
    let (assignment, centroids) = without_empty_clusters(assignment, centroids);
    Clustering {
        assignment,
        centroids,
        cohesion,
    }
}

/// Drops the clusters nobody was assigned to (identical texts leave some empty), keeping the
/// others in order.
fn without_empty_clusters(
    mut assignment: Vec<Option<u32>>,
    centroids: Centroids,
) -> (Vec<Option<u32>>, Centroids) {
    let k = centroids.k;
    let mut sizes = vec![0usize; k];
    for c in assignment.iter().flatten() {
        sizes[*c as usize] += 1;
    }
    let kept: Vec<usize> = (0..k).filter(|&c| sizes[c] > 0).collect();
    if kept.len() == k {
        return (assignment, centroids);
    }
    let mut renumber = vec![0u32; k];
    for (new, &old) in kept.iter().enumerate() {
        renumber[old] = new as u32;
    }
    for c in assignment.iter_mut().flatten() {
        *c = renumber[*c as usize];
    }
    let weights = centroids
        .weights
        .chunks(k)
        .flat_map(|centre| kept.iter().map(move |&c| centre[c]))
        .collect();
    (
        assignment,
        Centroids {
            k: kept.len(),
            weights,
        },
    )
}

/// Runs on the sample stop when fewer than one row in this many changes centre: they decide
/// between seedings, so they go far.
const SAMPLE_SETTLED: usize = 500;

/// The refinement on every text starts from centres settled on the sample: it stops when
/// fewer than one row in this many changes (on the Grand Débat answers, as good as 500 with
/// a pass less; one in 100 loses 0.004 of NMI).
const REFINEMENT_SETTLED: usize = 300;

/// Centres are seeded from at most this many texts.
const SEEDING_SAMPLE: usize = 5_000;

/// Up to `size` of `rows`, drawn at random, in ascending order.
fn sample_of(rows: &[usize], size: usize, rng: &mut Rng) -> Vec<usize> {
    if rows.len() <= size {
        return rows.to_vec();
    }
    let mut shuffled = rows.to_vec();
    rng.shuffle(&mut shuffled);
    shuffled.truncate(size);
    shuffled.sort_unstable();
    shuffled
}

/// Moves each row to its closest centre (`fits` holds each row's centre and similarity to
/// it), on every core. Returns how many rows changed centre and the sum of similarities.
fn assign(
    matrix: &SparseMatrix,
    rows: &[usize],
    centroids: &Centroids,
    fits: &mut [(u32, f32)],
) -> (usize, f64) {
    let parts = fill_chunks(fits, |start, out| {
        let mut scores = vec![0.0; centroids.k];
        let (mut changed, mut total) = (0, 0.0f64);
        for (slot, &i) in out.iter_mut().zip(&rows[start..]) {
            centroids.similarities(matrix.row(i), &mut scores);
            let best = argmax(&scores);
            changed += usize::from(best.0 != slot.0);
            total += best.1 as f64;
            *slot = best;
        }
        (changed, total)
    });
    parts
        .into_iter()
        .fold((0, 0.0), |(c, t), (changed, total)| {
            (c + changed, t + total)
        })
}

fn argmax(scores: &[f32]) -> (u32, f32) {
    let mut best = (0u32, f32::NEG_INFINITY);
    for (c, &s) in scores.iter().enumerate() {
        if s > best.1 {
            best = (c as u32, s);
        }
    }
    best
}

/// Lloyd's iterations on `texts` from the given centres: assign, recompute, until the texts
/// are settled. Returns the cohesion, the centres and the final assignment.
fn lloyd(
    texts: &Texts<'_>,
    mut centroids: Centroids,
    max_iterations: usize,
) -> (f64, Centroids, Vec<u32>) {
    let Texts {
        matrix,
        rows,
        columns,
        settled,
    } = texts;
    let k = centroids.k;
    // No row starts in a cluster: the first pass counts every row as moved.
    let mut fits = vec![(u32::MAX, 0.0f32); rows.len()];
    let mut cohesion = 0.0;
    let mut sums = Centroids::zeros(k, columns.dimension());
    let passes = max_iterations.max(1);
    for pass in 1..=passes {
        let (changed, total) = assign(matrix, rows, &centroids, &mut fits);
        cohesion = total / rows.len() as f64;
        if changed * settled < rows.len() || pass == passes {
            break;
        }
        // The new centres are written over the old ones' storage: no fresh memory per pass.
        // Each term's sums are added up in the order of the rows, on whichever core.
        std::mem::swap(&mut centroids, &mut sums);
        fill_blocks(&mut centroids.weights, k, |first_term, chunk| {
            chunk.fill(0.0);
            for (term, centre) in (first_term..).zip(chunk.chunks_mut(k)) {
                for &(position, v) in columns.entries(term) {
                    centre[fits[position as usize].0 as usize] += v;
                }
            }
        });
        // An empty cluster restarts from the text that its own centre fits worst.
        let empty = centroids.normalize();
        if !empty.is_empty() {
            let mut by_fit: Vec<usize> = (0..rows.len()).collect();
            by_fit.sort_by(|&a, &b| fits[a].1.total_cmp(&fits[b].1).then(a.cmp(&b)));
            for (c, &worst) in empty.iter().zip(&by_fit) {
                centroids.set_from_row(*c, matrix.row(rows[worst]));
                fits[worst].0 = *c as u32;
            }
        }
    }
    let assigned = fits.into_iter().map(|(c, _)| c).collect();
    (cohesion, centroids, assigned)
}

/// The texts Lloyd's iterations work on.
struct Texts<'a> {
    matrix: &'a SparseMatrix,
    /// Their rows in the matrix.
    rows: &'a [usize],
    /// Their entries term by term.
    columns: Columns,
    /// They are settled when fewer than one in this many changes centre.
    settled: usize,
}

impl<'a> Texts<'a> {
    fn new(matrix: &'a SparseMatrix, rows: &'a [usize], dimension: usize, settled: usize) -> Self {
        Self {
            matrix,
            rows,
            columns: Columns::of(matrix, rows, dimension),
            settled,
        }
    }
}

/// The entries of some rows term by term: for each term, the rows' positions (ascending) and
/// weights, so that centres are summed one term at a time.
struct Columns {
    starts: Vec<usize>,
    entries: Vec<(u32, f32)>,
}

impl Columns {
    /// The entries of `rows` of `matrix`, whose terms are below `dimension`.
    fn of(matrix: &SparseMatrix, rows: &[usize], dimension: usize) -> Self {
        let mut starts = vec![0usize; dimension + 1];
        for &i in rows {
            for &j in matrix.row(i).indices {
                starts[j as usize + 1] += 1;
            }
        }
        for j in 0..dimension {
            starts[j + 1] += starts[j];
        }
        let mut next = starts.clone();
        let mut entries = vec![(0, 0.0); starts[dimension]];
        for (position, &i) in rows.iter().enumerate() {
            for (j, v) in matrix.row(i).iter() {
                entries[next[j]] = (position as u32, v);
                next[j] += 1;
            }
        }
        Self { starts, entries }
    }

    /// The number of terms.
    fn dimension(&self) -> usize {
        self.starts.len() - 1
    }

    /// The rows holding `term` (their positions) with its weight in each.
    fn entries(&self, term: usize) -> &[(u32, f32)] {
        &self.entries[self.starts[term]..self.starts[term + 1]]
    }
}

/// Greedy k-means++ (Arthur & Vassilvitskii 2007, with 2 + ln k candidates per step as
/// scikit-learn does): each new centre is drawn far from the chosen ones, keeping the
/// candidate that brings the rows closest to their nearest centre.
fn seed_centroids(
    matrix: &SparseMatrix,
    dimension: usize,
    rows: &[usize],
    k: usize,
    rng: &mut Rng,
) -> Centroids {
    let mut centroids = Centroids::zeros(k, dimension);
    let mut dense = vec![0.0f32; dimension];
    let similarities_to = |dense: &[f32]| -> Vec<f32> {
        map_chunks(rows, |_, chunk| {
            chunk
                .iter()
                .map(|&i| matrix.row(i).dot(dense))
                .collect::<Vec<_>>()
        })
        .concat()
    };
    let first = rows[rng.below(rows.len())];
    centroids.set_from_row(0, matrix.row(first));
    scatter(&mut dense, matrix.row(first));
    let mut closest = similarities_to(&dense);
    gather(&mut dense, matrix.row(first));
    let candidates = 2 + (k as f64).ln() as usize;
    for c in 1..k {
        let distances: Vec<f64> = closest.iter().map(|&s| squared_distance(s)).collect();
        let total: f64 = distances.iter().sum();
        let mut best: Option<(f64, usize, Vec<f32>)> = None;
        for _ in 0..candidates {
            let pick = if total > 0.0 {
                let mut target = rng.unit() * total;
                let mut pick = rows.len() - 1;
                for (n, d) in distances.iter().enumerate() {
                    if target < *d {
                        pick = n;
                        break;
                    }
                    target -= d;
                }
                pick
            } else {
                rng.below(rows.len())
            };
            let row = matrix.row(rows[pick]);
            scatter(&mut dense, row);
            let to_candidate = similarities_to(&dense);
            gather(&mut dense, row);
            let merged: Vec<f32> = closest
                .iter()
                .zip(&to_candidate)
                .map(|(a, b)| a.max(*b))
                .collect();
            let potential: f64 = merged.iter().map(|&s| squared_distance(s)).sum();
            if best.as_ref().is_none_or(|(p, _, _)| potential < *p) {
                best = Some((potential, pick, merged));
            }
        }
        let (_, pick, merged) = best.expect("at least one candidate");
        centroids.set_from_row(c, matrix.row(rows[pick]));
        closest = merged;
    }
    centroids
}

/// The squared Euclidean distance between two unit vectors of cosine similarity `s`.
fn squared_distance(s: f32) -> f64 {
    (2.0 - 2.0 * s as f64).max(0.0)
}

fn scatter(dense: &mut [f32], row: Row<'_>) {
    for (j, v) in row.iter() {
        dense[j] = v;
    }
}

fn gather(dense: &mut [f32], row: Row<'_>) {
    for (j, _) in row.iter() {
        dense[j] = 0.0;
    }
}

/// The fewest clusters between the bounds whose clustering of the sample comes within 10 % of
/// the best simplified silhouette (each text's distance to its own centre against the next
/// closest).
fn choose_k(
    matrix: &SparseMatrix,
    dimension: usize,
    sample: &[usize],
    options: &ClusterOptions,
    rng: &mut Rng,
) -> usize {
    let (low, high) = options.k_bounds;
    let high = high.min(sample.len()).max(1);
    let low = low.clamp(1, high);
    if low == high {
        return low;
    }
    let sample = sample_of(sample, 5_000, rng);
    let on_sample = Texts::new(matrix, &sample, dimension, SAMPLE_SETTLED);
    let mut scores: Vec<(usize, f64)> = Vec::new();
    for k in low..=high {
        let seeds = seed_centroids(matrix, dimension, &sample, k, rng);
        let (_, centroids, _) = lloyd(&on_sample, seeds, options.max_iterations);
        let silhouettes = map_chunks(&sample, |_, chunk| {
            let mut scores = vec![0.0; k];
            chunk
                .iter()
                .map(|&i| {
                    centroids.similarities(matrix.row(i), &mut scores);
                    let mut sorted = scores.clone();
                    sorted.sort_by(|a, b| b.total_cmp(a));
                    let own = 1.0 - sorted[0] as f64;
                    let next = 1.0 - sorted.get(1).copied().unwrap_or(0.0) as f64;
                    if own.max(next) > 0.0 {
                        (next - own) / own.max(next)
                    } else {
                        0.0
                    }
                })
                .sum::<f64>()
        });
        scores.push((k, silhouettes.iter().sum::<f64>() / sample.len() as f64));
    }
    // On texts the silhouette keeps creeping up with k; a reader is better served by the
    // fewest clusters that come within 10 % of the best.
    let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
    scores
        .iter()
        .find(|(_, score)| *score >= best - 0.1 * best.abs())
        .map_or(low, |(k, _)| *k)
}

/// What a person reads of one cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterSummary {
    /// How many texts it holds.
    pub size: usize,
    /// 2 to 5 distinctive terms, as people write them, most distinctive first.
    pub label: Vec<String>,
    /// Its most representative texts (closest to its centre), by index, best first.
    pub representatives: Vec<usize>,
}

/// Labels and representative texts of every cluster. A term is distinctive when it weighs
/// much more in the cluster than in the whole corpus (its share of the Kullback–Leibler
/// divergence of the cluster from the corpus).
pub fn summarize(
    corpus: &Corpus,
    clustering: &Clustering,
    representatives: usize,
) -> Vec<ClusterSummary> {
    let matrix = corpus.matrix();
    let k = clustering.k();
    let dimension = corpus.dimension();
    let mut sums = vec![0.0f64; k * dimension];
    let mut overall = vec![0.0f64; dimension];
    let members = clustering.members();
    for (c, rows) in members.iter().enumerate() {
        for &i in rows {
            for (j, v) in matrix.row(i).iter() {
                sums[c * dimension + j] += v as f64;
                overall[j] += v as f64;
            }
        }
    }
    let total: f64 = overall.iter().sum();
    let terms = corpus.terms();
    members
        .iter()
        .enumerate()
        .map(|(c, rows)| {
            let mass = &sums[c * dimension..(c + 1) * dimension];
            let cluster_total: f64 = mass.iter().sum();
            let mut scored: Vec<(f64, usize)> = mass
                .iter()
                .enumerate()
                .filter(|(_, m)| **m > 0.0)
                .map(|(j, m)| {
                    let p = m / cluster_total;
                    let q = overall[j] / total;
                    (p * (p / q).ln(), j)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut label: Vec<String> = Vec::new();
            let mut stems_used: Vec<&str> = Vec::new();
            for (score, j) in scored {
                if label.len() == 5 || (label.len() >= 3 && score <= 0.0) {
                    break;
                }
                let term = &terms[j];
                let stems: Vec<&str> = term.stem.split(' ').collect();
                if stems.iter().any(|s| stems_used.contains(s)) {
                    continue;
                }
                stems_used.extend(stems);
                label.push(term.shown.to_string());
                if label.len() >= 3 && stems_used.len() >= 4 {
                    break;
                }
            }
            let mut closest: Vec<(f32, usize)> = rows
                .iter()
                .map(|&i| {
                    let row = matrix.row(i);
                    let s = row
                        .iter()
                        .map(|(j, v)| v * clustering.centroids.weight(c, j))
                        .sum();
                    (s, i)
                })
                .collect();
            closest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            ClusterSummary {
                size: rows.len(),
                label,
                representatives: closest
                    .iter()
                    .take(representatives)
                    .map(|&(_, i)| i)
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::CorpusOptions;

    fn texts() -> Vec<String> {
        let mut texts = Vec::new();
        for n in 0..40 {
            texts.push(format!(
                "Plus de bus et de trains, des transports en commun le soir {n}"
            ));
            texts.push(format!(
                "Une piste cyclable sécurisée pour les vélos vers l'école {n}"
            ));
            texts.push(format!(
                "Un médecin généraliste, la maison de santé ferme {n}"
            ));
        }
        texts
    }

    fn corpus(texts: &[String]) -> Corpus {
        Corpus::build(texts, &CorpusOptions::default())
    }

    #[test]
    fn clearly_different_groups_are_separated_and_labelled() {
        let texts = texts();
        let corpus = corpus(&texts);
        let options = ClusterOptions {
            k: Some(3),
            ..ClusterOptions::default()
        };
        let clustering = cluster(&corpus, &options);
        for group in 0..3 {
            let first = clustering.assignment[group];
            assert!(first.is_some());
            assert!(
                (group..texts.len())
                    .step_by(3)
                    .all(|i| clustering.assignment[i] == first),
                "texts of group {group} are together"
            );
        }
        let summaries = summarize(&corpus, &clustering, 2);
        assert_eq!(summaries.iter().map(|s| s.size).sum::<usize>(), texts.len());
        let health = &summaries[clustering.assignment[2].unwrap() as usize];
        assert!((2..=5).contains(&health.label.len()), "{:?}", health.label);
        assert!(
            health
                .label
                .iter()
                .any(|t| t.contains("médecin") || t.contains("santé")),
            "{:?}",
            health.label
        );
        assert_eq!(health.representatives.len(), 2);
        assert!(health.representatives.iter().all(|&i| i % 3 == 2));
    }

    #[test]
    fn the_same_seed_gives_the_same_clusters() {
        let texts = texts();
        let corpus = corpus(&texts);
        let options = ClusterOptions {
            k: Some(4),
            seed: 7,
            ..ClusterOptions::default()
        };
        let a = cluster(&corpus, &options);
        let b = cluster(&corpus, &options);
        assert_eq!(a.assignment, b.assignment);
        assert_eq!(a.cohesion, b.cohesion);
    }

    #[test]
    fn k_is_chosen_within_bounds() {
        let texts = texts();
        let corpus = corpus(&texts);
        let clustering = cluster(
            &corpus,
            &ClusterOptions {
                k_bounds: (2, 6),
                ..Default::default()
            },
        );
        assert_eq!(clustering.k(), 3, "three topics, three clusters");
    }

    #[test]
    fn degenerate_inputs_give_sensible_results() {
        let one = vec!["Une seule contribution sur les bus".to_string()];
        let clustering = cluster(
            &corpus(&one),
            &ClusterOptions {
                k: Some(5),
                ..Default::default()
            },
        );
        assert_eq!(clustering.k(), 1);
        assert_eq!(clustering.assignment, vec![Some(0)]);

        let empty = vec![String::new(), "le la".to_string()];
        let clustering = cluster(&corpus(&empty), &ClusterOptions::default());
        assert_eq!(clustering.assignment, vec![None, None]);

        let same = vec!["Trop de voitures en ville".to_string(); 1000];
        let corpus = corpus(&same);
        let clustering = cluster(&corpus, &ClusterOptions::default());
        assert_eq!(clustering.k(), 1, "identical texts make one cluster");
        let summaries = summarize(&corpus, &clustering, 3);
        assert_eq!(summaries[0].size, 1000);
        assert!(
            summaries[0].label.contains(&"voitures".to_string()),
            "{summaries:?}"
        );

        // Another language is read as words all the same: no panic, no NaN, its own cluster.
        let mut mixed: Vec<String> = (0..20)
            .map(|i| format!("We need more buses in the evening, line {i}"))
            .collect();
        mixed.extend((0..20).map(|i| format!("Des médecins dans les villages, secteur {i}")));
        let corpus = Corpus::build(&mixed, &CorpusOptions::default());
        let clustering = cluster(&corpus, &ClusterOptions::default());
        assert!(clustering.cohesion.is_finite());
        assert_eq!(clustering.k(), 2);
        assert_ne!(clustering.assignment[0], clustering.assignment[39]);
    }
}
