//! Matching benchmark (issue #23: « 10,000 offers × 10,000 requests, every request's top 10
//! in under 1 s on 2 cores »): offers and requests whose texts are Grand Débat answers of
//! `../shared/data` (offers from one file, requests from another), spread over the seven
//! kinds of support and fifteen themes, placed at random over the Pôle métropolitain (one in
//! ten territory-wide), built into the product's own matching index; then every request's 10
//! best offers, three times. Prints the index's build time, the median time for every
//! request, the per-request time and how many requests found an offer.
//!   cargo run --release -p concerto-bench --bin matching

use std::time::Instant;

use concerto::features::bourse::rules::SupportKind;
use concerto::features::bourse::service::MatchIndex;
use concerto::features::bourse::store::Matchable;
use textkit::rng::Rng;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const OFFERS: usize = 10_000;
const REQUESTS: usize = 10_000;
const TOP: usize = 10;

/// `n` offers or requests from these texts, in turn.
fn matchables(
    texts: &[(String, String)],
    n: usize,
    first_id: i64,
    rng: &mut Rng,
) -> Vec<Matchable> {
    let texts: Vec<&String> = texts
        .iter()
        .map(|(_, text)| text)
        .filter(|t| t.split_whitespace().count() >= 5)
        .collect();
    (0..n)
        .map(|i| {
            let territory_wide = rng.below(10) == 0;
            let text = texts[i % texts.len()].clone();
            Matchable {
                id: first_id + i as i64,
                kind: SupportKind::ALL[rng.below(SupportKind::ALL.len())],
                theme_id: Some(rng.below(15) as i64),
                lon: (!territory_wide).then(|| 6.6 + rng.unit() * 0.5),
                lat: (!territory_wide).then(|| 47.4 + rng.unit() * 0.4),
                quantity: 1 + rng.below(10) as i64,
                title: text.chars().take(60).collect(),
                owner: String::new(),
                text,
            }
        })
        .collect()
}

fn main() {
    let mut rng = Rng::new(23);
    let offers = matchables(
        &measure::grand_debat_answers(&["responses-transition.csv"]),
        OFFERS,
        1,
        &mut rng,
    );
    let requests = matchables(
        &measure::grand_debat_answers(&["responses-fiscalite.csv"]),
        REQUESTS,
        1_000_000,
        &mut rng,
    );
    let started = Instant::now();
    let index = MatchIndex::build(offers, requests);
    let build = started.elapsed().as_secs_f64();
    let (times, found) = measure::median_of(3, || {
        let started = Instant::now();
        let fits = index.every_request(TOP);
        let found = fits.iter().filter(|f| !f.is_empty()).count();
        (vec![started.elapsed().as_secs_f64()], found)
    });
    let every = times[0];
    println!(
        "matching index over {OFFERS} offers and {REQUESTS} requests built in {build:.2} s; \
         every request's top {TOP}: {every:.3} s (median of 3, {} threads), {:.1} µs per request; \
         {found} requests found at least one offer",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        every * 1e6 / REQUESTS as f64,
    );
}
