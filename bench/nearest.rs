//! Nearest-needs benchmark (issue #22: « suggestions of needs for a new solution's text in
//! ≤ 50 ms p99 »): 100,000 needs whose texts are the Grand Débat answers of
//! `../shared/data` (taken in turn until there are enough), indexed once; then 2,000 queries,
//! each the text of an answer left out of the index, for the 10 nearest needs. Prints the
//! index's build time, the queries' p50, p99 and maximum (one core), and how often the
//! nearest need answers the same Grand Débat question as the query (against the share of
//! the most common question, what a guess would reach).
//!   cargo run --release -p concerto-bench --bin nearest

use std::time::Instant;

use textkit::corpus::{Corpus, CorpusOptions};
use textkit::nearest::NearestIndex;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NEEDS: usize = 100_000;
const QUERIES: usize = 2_000;
const NEAREST: usize = 10;

/// Every answer of three words or more, with its question's key.
fn answers() -> Vec<(String, String)> {
    measure::grand_debat_answers(&["responses-fiscalite.csv", "responses-transition.csv"])
        .into_iter()
        .filter(|(_, text)| text.split_whitespace().count() >= 3)
        .collect()
}

fn main() {
    let all = answers();
    // Every tenth answer is a query, never indexed; the others make up the needs.
    let (left_out, kept): (Vec<_>, Vec<_>) = all.iter().enumerate().partition(|(i, _)| i % 10 == 0);
    // The queries spread over every question's answers.
    let step = (left_out.len() / QUERIES).max(1);
    let queries: Vec<_> = left_out.iter().step_by(step).take(QUERIES).collect();
    let needs: Vec<&(String, String)> = kept.iter().cycle().take(NEEDS).map(|(_, a)| *a).collect();
    let texts: Vec<&str> = needs.iter().map(|(_, text)| text.as_str()).collect();
    let started = Instant::now();
    // Words that carry meaning, as clustering reads them: two needs are near when they speak
    // of the same things, not when they share « il faut que ».
    let corpus = Corpus::build(&texts, &CorpusOptions::default());
    let index = NearestIndex::new(corpus.matrix(), corpus.dimension());
    let build = started.elapsed().as_secs_f64();

    let mut times = Vec::with_capacity(QUERIES);
    let (mut answered, mut same_question) = (0, 0);
    for (_, (question, text)) in &queries {
        let started = Instant::now();
        let query = corpus.vectorize(text);
        let found = index.nearest(&query, NEAREST, 0.05);
        times.push(started.elapsed().as_secs_f64() * 1e3);
        answered += usize::from(!found.is_empty());
        same_question += usize::from(
            found
                .first()
                .is_some_and(|(row, _)| needs[*row].0 == *question),
        );
    }
    let mut by_question = std::collections::HashMap::new();
    for (_, (question, _)) in &queries {
        *by_question.entry(question).or_insert(0usize) += 1;
    }
    let guess = by_question.values().max().copied().unwrap_or(0);
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "needs indexed        {NEEDS} ({} distinct answers)",
        kept.len()
    );
    println!("terms                {}", corpus.dimension());
    println!("index built in       {build:.2} s (read, TF-IDF, postings; once per revision)");
    println!(
        "queries              {} ({answered} with a need at cosine >= 0.05)",
        times.len()
    );
    println!(
        "query (vectorize + {NEAREST} nearest): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        at(0.5),
        at(0.99),
        times[times.len() - 1]
    );
    let share = |n: usize| 100.0 * n as f64 / times.len() as f64;
    println!(
        "nearest need answers the query's question: {:.1} % (the most common question: {:.1} %, {} questions)",
        share(same_question),
        share(guess),
        by_question.len()
    );
}
