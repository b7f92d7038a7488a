//! Raking benchmark (issue #24): 100,000 respondents weighted to three margins — age (6
//! brackets), sex (2) and commune (the Pôle métropolitain's 197, shares by population) — until
//! every weighted share is within 1e-6 of its target. The sample is skewed as consultations
//! are: the young and the small communes under-represented. Prints the time to convergence
//! (best of five), the iterations, the design effect and the effective size.
//!   cargo run --release -p concerto-bench --bin raking

use std::time::Instant;

use raking::{Margin, Options, rake};
use textkit::rng::Rng;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RESPONDENTS: usize = 100_000;

/// A category drawn with probabilities proportional to `weights`.
fn draw(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let total = cumulative[cumulative.len() - 1];
    let x = rng.below(1_000_000) as f64 / 1_000_000.0 * total;
    cumulative
        .partition_point(|c| *c <= x)
        .min(cumulative.len() - 1)
}

fn cumulative(weights: &[f64]) -> Vec<f64> {
    weights
        .iter()
        .scan(0.0, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .collect()
}

fn main() {
    let communes: serde_json::Value =
        serde_json::from_str(include_str!("../demo/communes.geojson"))
            .expect("the demo's communes");
    let populations: Vec<f64> = communes["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["population"].as_f64().unwrap_or(100.0))
        .collect();
    // Targets: INSEE-like age brackets, sex, communes by population.
    let age_targets = [18.0, 16.0, 19.0, 20.0, 17.0, 10.0];
    let sex_targets = [52.0, 48.0];
    // Who answers: the young half as often, small communes a third as often.
    let age_reach = [9.0, 14.0, 20.0, 23.0, 22.0, 12.0];
    let commune_reach: Vec<f64> = populations
        .iter()
        .map(|p| if *p < 1_000.0 { p / 3.0 } else { *p })
        .collect();
    let mut rng = Rng::new(24);
    let (ages, sexes, places) = (
        cumulative(&age_reach),
        cumulative(&[58.0, 42.0]),
        cumulative(&commune_reach),
    );
    let mut age = Vec::with_capacity(RESPONDENTS);
    let mut sex = Vec::with_capacity(RESPONDENTS);
    let mut commune = Vec::with_capacity(RESPONDENTS);
    for _ in 0..RESPONDENTS {
        age.push(draw(&mut rng, &ages));
        sex.push(draw(&mut rng, &sexes));
        commune.push(draw(&mut rng, &places));
    }
    let margins = vec![
        Margin {
            categories: age,
            targets: age_targets.to_vec(),
        },
        Margin {
            categories: sex,
            targets: sex_targets.to_vec(),
        },
        Margin {
            categories: commune,
            targets: populations.clone(),
        },
    ];
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..5 {
        let started = Instant::now();
        let report = rake(&margins, &Options::default()).expect("every category answered");
        best = best.min(started.elapsed().as_secs_f64());
        last = Some(report);
    }
    let report = last.unwrap();
    println!(
        "raking {RESPONDENTS} respondents on 3 margins (age × 6, sex × 2, {} communes): {:.3} s to {} in {} iterations (largest gap {:.1e}); design effect {:.3}, effective size {:.0}, weights {:.3}–{:.3}",
        populations.len(),
        best,
        if report.converged {
            "convergence"
        } else {
            "NO convergence"
        },
        report.iterations,
        report.largest_gap,
        report.design_effect,
        report.effective_size,
        report.min,
        report.max,
    );
}
