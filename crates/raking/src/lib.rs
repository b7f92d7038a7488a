//! Survey weighting by raking, also called iterative proportional fitting (Deming and Stephan,
//! 1940), as R's `survey::rake`, INSEE's Calmar (raking ratio method) and weightipy do: each
//! respondent starts at weight 1; in turn, for each margin, the weights of each category are
//! multiplied so that the category's weighted share equals its target; the cycle repeats until
//! every weighted share is within a relative tolerance of its target (converged) or the
//! iteration limit is reached (not converged). The fixed point is the set of weights closest to
//! the starting ones, in the Kullback–Leibler sense, that meets every margin.
//!
//! Weights are returned scaled to sum to the number of respondents (mean 1). Optional trimming
//! keeps every weight within bounds (relative to the mean), spreading what was cut over the
//! others and raking again, alternately, so that the bounds hold and the margins are met as
//! closely as the bounds allow; the report says how far they are.
//!
//! The report gives what a survey statistician reads: iterations, convergence, the largest
//! relative gap to a margin, target / unweighted / weighted shares, weight min, max and ratio,
//! Kish's design effect n·Σw²/(Σw)² and the effective sample size n / deff. `margin_of_error`
//! gives a weighted proportion's 95 % margin from the effective size.

/// A weighting variable: each respondent's category, and each category's target share.
#[derive(Clone, Debug, PartialEq)]
pub struct Margin {
    /// Each respondent's category, an index into `targets`.
    pub categories: Vec<usize>,
    /// Each category's target share (any positive scale: shares are normalised to sum to 1).
    pub targets: Vec<f64>,
}

/// How to rake.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Largest relative gap between a weighted share and its target that counts as converged.
    pub tolerance: f64,
    /// Full cycles over the margins before giving up.
    pub max_iterations: usize,
    /// Bounds for every weight, relative to the mean weight (1), as `(least, most)`.
    pub trim: Option<(f64, f64)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tolerance: 1e-6,
            max_iterations: 1_000,
            trim: None,
        }
    }
}

/// Why raking cannot start.
#[derive(Clone, Debug, PartialEq)]
pub enum RakeError {
    /// No respondent.
    NoRespondents,
    /// No margin.
    NoMargins,
    /// A margin does not hold one category per respondent.
    WrongLength {
        /// The margin's rank.
        margin: usize,
    },
    /// A respondent's category is not one of the margin's.
    UnknownCategory {
        /// The margin's rank.
        margin: usize,
        /// The respondent's rank.
        respondent: usize,
    },
    /// A target is negative or not a number, or all of a margin's are zero.
    BadTargets {
        /// The margin's rank.
        margin: usize,
    },
    /// A category with a positive target has no respondent: no weight can reach it.
    EmptyCategory {
        /// The margin's rank.
        margin: usize,
        /// The category's rank.
        category: usize,
    },
    /// Trimming bounds that do not hold the mean (least ≤ 1 ≤ most, least ≥ 0).
    BadTrim,
}

/// One category of a margin in the report.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryReport {
    /// Its target share (0–1).
    pub target: f64,
    /// Its share among respondents, unweighted.
    pub unweighted: f64,
    /// Its weighted share.
    pub weighted: f64,
    /// Respondents in it.
    pub respondents: usize,
}

/// What raking did.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Each respondent's weight, summing to the number of respondents.
    pub weights: Vec<f64>,
    /// Full cycles over the margins.
    pub iterations: usize,
    /// Whether every weighted share is within the tolerance of its target.
    pub converged: bool,
    /// The largest relative gap between a weighted share and its target.
    pub largest_gap: f64,
    /// Per margin, per category: target, unweighted and weighted shares.
    pub margins: Vec<Vec<CategoryReport>>,
    /// Smallest weight.
    pub min: f64,
    /// Largest weight.
    pub max: f64,
    /// Kish's design effect, n·Σw²/(Σw)².
    pub design_effect: f64,
    /// The effective sample size, n / design effect.
    pub effective_size: f64,
    /// How much weight trimming moved in all (sum of what was cut and added), if it ran.
    pub trimmed: Option<f64>,
}

impl Report {
    /// The largest weight over the smallest.
    pub fn ratio(&self) -> f64 {
        self.max / self.min
    }
}

/// Checks the margins against the sample; returns the targets normalised to sum to 1.
fn checked(respondents: usize, margins: &[Margin]) -> Result<Vec<Vec<f64>>, RakeError> {
    if respondents == 0 {
        return Err(RakeError::NoRespondents);
    }
    if margins.is_empty() {
        return Err(RakeError::NoMargins);
    }
    let mut normalised = Vec::with_capacity(margins.len());
    for (m, margin) in margins.iter().enumerate() {
        if margin.categories.len() != respondents {
            return Err(RakeError::WrongLength { margin: m });
        }
        let total: f64 = margin.targets.iter().sum();
        if margin.targets.iter().any(|t| !t.is_finite() || *t < 0.0) || total <= 0.0 {
            return Err(RakeError::BadTargets { margin: m });
        }
        let mut counts = vec![0usize; margin.targets.len()];
        for (r, &c) in margin.categories.iter().enumerate() {
            *counts.get_mut(c).ok_or(RakeError::UnknownCategory {
                margin: m,
                respondent: r,
            })? += 1;
        }
        if let Some(category) =
            (0..counts.len()).find(|&c| counts[c] == 0 && margin.targets[c] > 0.0)
        {
            return Err(RakeError::EmptyCategory {
                margin: m,
                category,
            });
        }
        normalised.push(margin.targets.iter().map(|t| t / total).collect());
    }
    Ok(normalised)
}

/// Weighted shares of each category of a margin.
fn shares(margin: &Margin, categories: usize, weights: &[f64]) -> Vec<f64> {
    let mut totals = vec![0.0; categories];
    for (&c, &w) in margin.categories.iter().zip(weights) {
        totals[c] += w;
    }
    let sum: f64 = totals.iter().sum();
    totals.iter().map(|t| t / sum).collect()
}

/// The largest relative gap between weighted shares and targets over every margin.
fn largest_gap(margins: &[Margin], targets: &[Vec<f64>], weights: &[f64]) -> f64 {
    margins
        .iter()
        .zip(targets)
        .flat_map(|(margin, target)| {
            shares(margin, target.len(), weights)
                .into_iter()
                .zip(target.iter())
                .filter(|(_, t)| **t > 0.0)
                .map(|(s, t)| (s - t).abs() / t)
                .collect::<Vec<_>>()
        })
        .fold(0.0, f64::max)
}

/// One raking cycle: each margin in turn, each category scaled to its target.
fn cycle(margins: &[Margin], targets: &[Vec<f64>], weights: &mut [f64]) {
    let n = weights.len() as f64;
    for (margin, target) in margins.iter().zip(targets) {
        let mut totals = vec![0.0; target.len()];
        for (&c, &w) in margin.categories.iter().zip(weights.iter()) {
            totals[c] += w;
        }
        let factors: Vec<f64> = totals
            .iter()
            .zip(target)
            .map(|(total, t)| if *total > 0.0 { t * n / total } else { 0.0 })
            .collect();
        for (&c, w) in margin.categories.iter().zip(weights.iter_mut()) {
            *w *= factors[c];
        }
    }
}

/// Rakes until converged or out of iterations; returns the cycles run.
fn rake_until(
    margins: &[Margin],
    targets: &[Vec<f64>],
    weights: &mut [f64],
    options: &Options,
) -> usize {
    for iteration in 1..=options.max_iterations {
        cycle(margins, targets, weights);
        if largest_gap(margins, targets, weights) <= options.tolerance {
            return iteration;
        }
    }
    options.max_iterations
}

/// Keeps every weight within `[least, most]` (weights of mean 1), spreading what was cut over
/// the weights still inside the bounds, in proportion to them, until none is outside; the
/// total is unchanged. Returns how much weight was cut or added at the bounds.
fn trim(weights: &mut [f64], least: f64, most: f64) -> f64 {
    let mut moved = 0.0;
    for _ in 0..1_000 {
        let mut excess = 0.0;
        let mut free_total = 0.0;
        for w in weights.iter_mut() {
            if *w > most {
                excess += *w - most;
                moved += *w - most;
                *w = most;
            } else if *w < least {
                excess -= least - *w;
                moved += least - *w;
                *w = least;
            }
        }
        if excess.abs() < 1e-12 {
            break;
        }
        for w in weights.iter() {
            if *w > least && *w < most {
                free_total += *w;
            }
        }
        if free_total <= 0.0 {
            break;
        }
        let scale = 1.0 + excess / free_total;
        for w in weights.iter_mut() {
            if *w > least && *w < most {
                *w *= scale;
            }
        }
    }
    moved
}

/// Rakes a sample to its margins.
pub fn rake(margins: &[Margin], options: &Options) -> Result<Report, RakeError> {
    let respondents = margins.first().map_or(0, |m| m.categories.len());
    let targets = checked(respondents, margins)?;
    if let Some((least, most)) = options.trim
        && !((0.0..=1.0).contains(&least) && most >= 1.0)
    {
        return Err(RakeError::BadTrim);
    }
    let mut weights = vec![1.0; respondents];
    let mut iterations = rake_until(margins, &targets, &mut weights, options);
    let mut trimmed = None;
    if let Some((least, most)) = options.trim {
        let mut moved = 0.0;
        // Trim and rake alternately; the last step trims, so the bounds always hold.
        for _ in 0..50 {
            moved += trim(&mut weights, least, most);
            if largest_gap(margins, &targets, &weights) <= options.tolerance {
                break;
            }
            iterations += rake_until(margins, &targets, &mut weights, options);
            if weights
                .iter()
                .all(|w| *w >= least - 1e-12 && *w <= most + 1e-12)
            {
                break;
            }
        }
        moved += trim(&mut weights, least, most);
        trimmed = Some(moved);
    }
    let n = respondents as f64;
    let sum: f64 = weights.iter().sum();
    for w in &mut weights {
        *w *= n / sum;
    }
    let gap = largest_gap(margins, &targets, &weights);
    let squares: f64 = weights.iter().map(|w| w * w).sum();
    let design_effect = n * squares / (n * n);
    let report_margins = margins
        .iter()
        .zip(&targets)
        .map(|(margin, target)| {
            let weighted = shares(margin, target.len(), &weights);
            let mut counts = vec![0usize; target.len()];
            for &c in &margin.categories {
                counts[c] += 1;
            }
            target
                .iter()
                .enumerate()
                .map(|(c, t)| CategoryReport {
                    target: *t,
                    unweighted: counts[c] as f64 / n,
                    weighted: weighted[c],
                    respondents: counts[c],
                })
                .collect()
        })
        .collect();
    Ok(Report {
        min: weights.iter().copied().fold(f64::INFINITY, f64::min),
        max: weights.iter().copied().fold(0.0, f64::max),
        converged: gap <= options.tolerance,
        largest_gap: gap,
        iterations,
        margins: report_margins,
        design_effect,
        effective_size: n / design_effect,
        trimmed,
        weights,
    })
}

/// The 95 % margin of error of a proportion `p` (0–1) estimated from a sample whose effective
/// size is `effective_size`: 1.96 · √(p(1−p)/n_eff).
pub fn margin_of_error(p: f64, effective_size: f64) -> f64 {
    if effective_size <= 0.0 {
        return f64::NAN;
    }
    1.96 * (p * (1.0 - p) / effective_size).sqrt()
}

/// Cells whose effective size is below this are flagged: their figures are too uncertain to
/// read alone.
pub const SMALL_EFFECTIVE_SIZE: f64 = 30.0;

/// The effective size of a subset of weighted respondents (Kish): (Σw)²/Σw².
pub fn effective_size(weights: impl IntoIterator<Item = f64>) -> f64 {
    let (sum, squares) = weights
        .into_iter()
        .fold((0.0, 0.0), |(s, q), w| (s + w, q + w * w));
    if squares == 0.0 {
        0.0
    } else {
        sum * sum / squares
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 10 respondents: 7 men and 3 women, 5 young and 5 old.
    fn sample() -> Vec<Margin> {
        vec![
            Margin {
                categories: vec![0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
                targets: vec![48.0, 52.0],
            },
            Margin {
                categories: vec![0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
                targets: vec![30.0, 70.0],
            },
        ]
    }

    #[test]
    fn weighted_shares_meet_every_target_and_weights_sum_to_the_sample() {
        let report = rake(&sample(), &Options::default()).unwrap();
        assert!(report.converged);
        assert!(report.largest_gap <= 1e-6);
        let total: f64 = report.weights.iter().sum();
        assert!((total - 10.0).abs() < 1e-9);
        for (margin, expected) in report.margins.iter().zip([[0.48, 0.52], [0.3, 0.7]]) {
            for (category, target) in margin.iter().zip(expected) {
                assert!((category.weighted - target).abs() < 1e-6);
                assert!((category.target - target).abs() < 1e-12);
            }
        }
        assert!((report.margins[0][0].unweighted - 0.7).abs() < 1e-12);
        let n = 10.0;
        let squares: f64 = report.weights.iter().map(|w| w * w).sum();
        assert!((report.design_effect - n * squares / (total * total)).abs() < 1e-12);
        assert!((report.effective_size - n / report.design_effect).abs() < 1e-9);
        assert!(report.design_effect > 1.0, "unequal weights cost precision");
    }

    #[test]
    fn a_single_margin_is_met_in_one_cycle_by_post_stratification() {
        let margins = vec![Margin {
            categories: vec![0, 0, 0, 1],
            targets: vec![0.5, 0.5],
        }];
        let report = rake(&margins, &Options::default()).unwrap();
        assert_eq!(report.iterations, 1);
        let expected = [2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0, 2.0];
        for (w, e) in report.weights.iter().zip(expected) {
            assert!((w - e).abs() < 1e-12);
        }
    }

    #[test]
    fn bad_margins_are_refused_with_what_is_wrong() {
        let mut margins = sample();
        margins[1].categories[3] = 5;
        assert_eq!(
            rake(&margins, &Options::default()),
            Err(RakeError::UnknownCategory {
                margin: 1,
                respondent: 3
            })
        );
        let mut margins = sample();
        margins[0].targets.push(10.0);
        assert_eq!(
            rake(&margins, &Options::default()),
            Err(RakeError::EmptyCategory {
                margin: 0,
                category: 2
            }),
            "a category nobody answered in cannot be reached"
        );
        let mut margins = sample();
        margins[0].targets = vec![0.0, 0.0];
        assert_eq!(
            rake(&margins, &Options::default()),
            Err(RakeError::BadTargets { margin: 0 })
        );
        assert_eq!(
            rake(&[], &Options::default()),
            Err(RakeError::NoRespondents)
        );
        let trim = Options {
            trim: Some((1.2, 3.0)),
            ..Options::default()
        };
        assert_eq!(rake(&sample(), &trim), Err(RakeError::BadTrim));
    }

    #[test]
    fn an_impossible_margin_set_is_reported_as_not_converged() {
        // Everyone young is a man and every man is young: 90 % women and 90 % young cannot
        // both hold.
        let margins = vec![
            Margin {
                categories: vec![0, 0, 1, 1],
                targets: vec![10.0, 90.0],
            },
            Margin {
                categories: vec![0, 0, 1, 1],
                targets: vec![90.0, 10.0],
            },
        ];
        let report = rake(
            &margins,
            &Options {
                max_iterations: 50,
                ..Options::default()
            },
        )
        .unwrap();
        assert!(!report.converged);
        assert_eq!(report.iterations, 50);
    }

    #[test]
    fn trimming_keeps_the_total_and_every_weight_within_its_bounds() {
        let margins = vec![
            Margin {
                categories: vec![0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
                targets: vec![50.0, 50.0],
            },
            Margin {
                categories: vec![0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
                targets: vec![50.0, 50.0],
            },
        ];
        let untrimmed = rake(&margins, &Options::default()).unwrap();
        assert!(
            untrimmed.max > 4.0,
            "the lone woman weighs {}",
            untrimmed.max
        );
        let options = Options {
            trim: Some((0.5, 3.0)),
            ..Options::default()
        };
        let report = rake(&margins, &options).unwrap();
        let total: f64 = report.weights.iter().sum();
        assert!((total - 10.0).abs() < 1e-9);
        assert!(
            report
                .weights
                .iter()
                .all(|w| *w >= 0.5 - 1e-9 && *w <= 3.0 + 1e-9)
        );
        assert!(report.trimmed.unwrap() > 0.0);
        assert!(!report.converged, "the bounds keep the margin out of reach");
        assert!(report.margins[0][1].weighted < 0.5);
    }

    #[test]
    fn margins_of_error_shrink_with_the_effective_size() {
        assert!((margin_of_error(0.5, 100.0) - 0.098).abs() < 1e-12);
        assert!(margin_of_error(0.5, 400.0) < margin_of_error(0.5, 100.0));
        assert!((effective_size([1.0, 1.0, 1.0, 1.0]) - 4.0).abs() < 1e-12);
        assert!((effective_size([2.0, 0.0]) - 1.0).abs() < 1e-12);
    }
}
