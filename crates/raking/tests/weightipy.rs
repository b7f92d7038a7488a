//! Concerto's raking against an independent implementation: the fixture's 400 respondents
//! (young people and men under-represented) weighted to three margins (age, sex, zone) by
//! weightipy (`bench/raking/weightipy_weights.py`, run by `bench/raking.sh`, output committed)
//! and by this crate agree to 1e-6 per respondent; the weighted margins equal the targets to
//! 1e-6; the design effect is n·Σw²/(Σw)².

use raking::{Margin, Options, rake};

/// Rows of a `;`-separated fixture, header first.
fn rows(text: &str) -> Vec<Vec<&str>> {
    text.lines().map(|l| l.split(';').collect()).collect()
}

#[test]
fn weights_match_weightipy_to_a_millionth() {
    let respondents = rows(include_str!("fixtures/respondents.csv"));
    let margins_file = rows(include_str!("fixtures/margins.csv"));
    let expected = rows(include_str!("fixtures/weightipy_weights.csv"));
    let header = &respondents[0];
    let mut variables: Vec<&str> = Vec::new();
    for row in &margins_file[1..] {
        if !variables.contains(&row[0]) {
            variables.push(row[0]);
        }
    }
    let margins: Vec<Margin> = variables
        .iter()
        .map(|variable| {
            let categories: Vec<(&str, f64)> = margins_file[1..]
                .iter()
                .filter(|r| r[0] == *variable)
                .map(|r| (r[1], r[2].parse().unwrap()))
                .collect();
            let column = header.iter().position(|h| h == variable).unwrap();
            Margin {
                categories: respondents[1..]
                    .iter()
                    .map(|r| {
                        categories
                            .iter()
                            .position(|(c, _)| *c == r[column])
                            .unwrap()
                    })
                    .collect(),
                targets: categories.iter().map(|(_, share)| *share).collect(),
            }
        })
        .collect();
    let report = rake(
        &margins,
        &Options {
            tolerance: 1e-12,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(report.converged);
    let mut compared = 0;
    for (row, weight) in respondents[1..].iter().zip(&report.weights) {
        let theirs: f64 = expected[1..]
            .iter()
            .find(|e| e[0] == row[0])
            .map(|e| e[1].parse().unwrap())
            .unwrap();
        assert!(
            (weight - theirs).abs() < 1e-6,
            "{}: {weight} vs weightipy's {theirs}",
            row[0]
        );
        compared += 1;
    }
    assert_eq!(compared, 400);
    for margin in &report.margins {
        for category in margin {
            assert!((category.weighted - category.target).abs() < 1e-6);
        }
    }
    let n = report.weights.len() as f64;
    let sum: f64 = report.weights.iter().sum();
    let squares: f64 = report.weights.iter().map(|w| w * w).sum();
    assert!((report.design_effect - n * squares / (sum * sum)).abs() < 1e-12);
    assert!(
        report.margins[0][0].unweighted < report.margins[0][0].target / 2.0,
        "the young are under-represented in the fixture"
    );
}
