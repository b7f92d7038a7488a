//! A questionnaire's results, computed in memory from its submitted responses (no IO): per
//! question, counts and weighted shares with their margins of error (from the effective size of
//! those who answered, Kish), means and distributions of scales and numbers, matrices row by
//! row, rankings by mean rank, free texts read through the synthesis engine (clusters with
//! their words and quotes), and the cross-tabulation of two closed questions.

use std::collections::HashMap;

use crate::features::questionnaires::places::Places;
use crate::features::questionnaires::rules::{AnswerRow, Kind, Question};

/// Fewer texts than this are listed, not clustered.
const CLUSTER_FROM: usize = 12;
/// Quotes shown per text cluster, and texts listed when too few to cluster.
const QUOTES: usize = 3;
/// « Précisez » texts and short lists shown per question.
const TEXTS_SHOWN: usize = 20;

/// A respondent as results read them: their weight and answers, ordered by question.
#[derive(Clone, Copy)]
pub struct Respondent<'a> {
    /// Their weight (1 when unweighted).
    pub weight: f64,
    /// Their answers, ordered by question id (see `by_question`).
    pub answers: &'a [AnswerRow],
}

/// Orders answer rows as `Respondent` reads them: by question, then item.
pub fn by_question(rows: &mut [AnswerRow]) {
    rows.sort_by_key(|r| (r.question_id, r.item));
}

impl<'a> Respondent<'a> {
    /// A respondent from their answer rows, ordered by question (`by_question`).
    pub fn new(weight: f64, answers: &'a [AnswerRow]) -> Respondent<'a> {
        debug_assert!(
            answers.is_sorted_by_key(|r| r.question_id),
            "answers by question"
        );
        Respondent { weight, answers }
    }

    /// Their answer rows to a question (empty when they did not answer it).
    pub fn rows(&self, question_id: i64) -> &'a [AnswerRow] {
        let start = self
            .answers
            .partition_point(|r| r.question_id < question_id);
        let end = start + self.answers[start..].partition_point(|r| r.question_id == question_id);
        &self.answers[start..end]
    }

    /// The same respondent counted without their weight.
    pub fn unweighted(&self) -> Respondent<'a> {
        Respondent {
            weight: 1.0,
            answers: self.answers,
        }
    }

    /// Whether they chose this item (a choice id, or for a commune question the commune's
    /// code given as `code`).
    pub fn chose(&self, question: &Question, category: &Category) -> bool {
        self.rows(question.id)
            .iter()
            .any(|r| category.matches(question.kind, r))
    }
}

/// The respondents who answered each question, each with their rows to it alone, sorted out
/// in one pass over every respondent's rows. Asking 100,000 respondents for one question's
/// rows, question after question, reads their scattered answers again for each question
/// (seconds for forty questions, most of it waiting on memory).
pub struct Answering<'a> {
    /// The questions answered, by id in order.
    ids: Vec<i64>,
    /// Their respondents, in the same order.
    each: Vec<Vec<Respondent<'a>>>,
}

impl<'a> Answering<'a> {
    /// Sorts out the respondents by the questions asked (`questions`, by id; rows to any
    /// other question are left out).
    pub fn new(
        questions: impl IntoIterator<Item = i64>,
        respondents: &[Respondent<'a>],
    ) -> Answering<'a> {
        let mut ids: Vec<i64> = questions.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let mut each: Vec<Vec<Respondent<'a>>> = vec![Vec::new(); ids.len()];
        for r in respondents {
            // Both in question order: walk them side by side.
            let mut at = 0;
            for rows in r.answers.chunk_by(|a, b| a.question_id == b.question_id) {
                at += ids[at..].partition_point(|&id| id < rows[0].question_id);
                if ids.get(at) == Some(&rows[0].question_id) {
                    each[at].push(Respondent {
                        weight: r.weight,
                        answers: rows,
                    });
                }
            }
        }
        Answering { ids, each }
    }

    /// The respondents who answered a question, with their rows to it.
    pub fn of(&self, question_id: i64) -> &[Respondent<'a>] {
        match self.ids.binary_search(&question_id) {
            Ok(at) => &self.each[at],
            Err(_) => &[],
        }
    }
}

/// A category of a closed question: a choice, or a place (commune, IRIS) by code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// A choice, by id.
    Choice(i64),
    /// A commune or an IRIS, by official code.
    Place(String),
}

impl Category {
    fn matches(&self, kind: Kind, row: &AnswerRow) -> bool {
        match (self, kind) {
            (Category::Place(code), kind) if kind.is_place() => row.text.as_deref() == Some(code),
            (Category::Choice(id), _) => row.item == *id,
            _ => false,
        }
    }
}

/// The categories of a closed question with their labels: its choices, or the places it is
/// answered with.
pub fn categories(question: &Question, places: &Places) -> Vec<(Category, String)> {
    if question.kind.is_place() {
        places
            .answers(question.kind)
            .iter()
            .map(|p| (Category::Place(p.code.clone()), p.name.clone()))
            .collect()
    } else {
        question
            .choices
            .iter()
            .map(|c| (Category::Choice(c.id), c.label.clone()))
            .collect()
    }
}

/// One category's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    /// What it is.
    pub label: String,
    /// Respondents who chose it (unweighted).
    pub count: usize,
    /// Its weighted share among those who answered (0–1).
    pub share: f64,
    /// The 95 % margin of error of that share (0–1).
    pub margin: f64,
}

/// A text cluster: its distinctive words, how many texts, a few quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct TextCluster {
    /// Its words.
    pub words: Vec<String>,
    /// Texts in it.
    pub count: usize,
    /// Its most representative texts.
    pub quotes: Vec<String>,
}

/// What a question's answers show.
#[derive(Clone, Debug, PartialEq)]
pub enum Figures {
    /// A closed question: each category's share, and the « précisez » texts.
    Shares {
        /// Categories in order.
        shares: Vec<Share>,
        /// Texts given with « autre, précisez », latest first.
        others: Vec<String>,
    },
    /// A scale or a number: mean, median, bounds, and for a scale each value's share.
    Numbers {
        /// Weighted mean.
        mean: f64,
        /// Median (unweighted).
        median: f64,
        /// Least answer.
        min: f64,
        /// Greatest answer.
        max: f64,
        /// A scale's values and their shares.
        values: Vec<Share>,
    },
    /// A matrix: each row's weighted mean and the shares of each value.
    Matrix {
        /// `(row label, mean, shares of each value of the scale)`.
        rows: Vec<(String, f64, Vec<Share>)>,
    },
    /// A ranking: each choice's weighted mean rank and share ranked first, best first.
    Ranking {
        /// `(choice, mean rank, share ranked first)`.
        items: Vec<(String, f64, Share)>,
    },
    /// Free texts: clusters (or the texts themselves when few).
    Texts {
        /// Clusters, largest first.
        clusters: Vec<TextCluster>,
        /// The texts, when too few to cluster.
        listed: Vec<String>,
    },
    /// Dates: the first and the last.
    Dates {
        /// Earliest.
        first: String,
        /// Latest.
        last: String,
    },
}

/// A question's results.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionResult {
    /// Respondents who answered it.
    pub answered: usize,
    /// Their effective size (Kish), which margins of error come from.
    pub effective: f64,
    /// What their answers show.
    pub figures: Figures,
}

/// Each category's respondents and weight, in one pass over the respondents' rows.
fn tally(
    question: &Question,
    categories: &[(Category, String)],
    respondents: &[&Respondent<'_>],
) -> Vec<(usize, f64)> {
    let index: HashMap<&Category, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c, i))
        .collect();
    let mut tallies = vec![(0usize, 0.0f64); categories.len()];
    for r in respondents {
        for row in r.rows(question.id) {
            if let Some(&i) = category_of_row(question.kind, row)
                .as_ref()
                .and_then(|c| index.get(c))
            {
                tallies[i].0 += 1;
                tallies[i].1 += r.weight;
            }
        }
    }
    tallies
}

/// The category an answer row stands for in a closed question.
fn category_of_row(kind: Kind, row: &AnswerRow) -> Option<Category> {
    if kind.is_place() {
        row.text.clone().map(Category::Place)
    } else {
        Some(Category::Choice(row.item))
    }
}

/// Weighted share and its margin among `answered` respondents.
fn share_of(label: String, count: usize, weight: f64, total: f64, effective: f64) -> Share {
    let share = if total > 0.0 { weight / total } else { 0.0 };
    Share {
        label,
        count,
        share,
        margin: raking::margin_of_error(share, effective),
    }
}

/// The results of one question among `respondents`. `places` name the codes of a commune or
/// IRIS question; `seed` makes text clusters reproducible.
pub fn question_result(
    question: &Question,
    respondents: &[Respondent<'_>],
    places: &Places,
    seed: u64,
) -> QuestionResult {
    let answering: Vec<&Respondent> = respondents
        .iter()
        .filter(|r| !r.rows(question.id).is_empty())
        .collect();
    let total: f64 = answering.iter().map(|r| r.weight).sum();
    let effective = raking::effective_size(answering.iter().map(|r| r.weight));
    let figures = match question.kind {
        Kind::Single | Kind::Multiple | Kind::Commune | Kind::Iris => {
            let categories = categories(question, places);
            let tallies = tally(question, &categories, &answering);
            let shares = categories
                .into_iter()
                .zip(tallies)
                .map(|((_, label), (count, weight))| {
                    share_of(label, count, weight, total, effective)
                })
                .collect();
            // Only an « autre, précisez » choice holds a text.
            let others = if !question.choices.iter().any(|c| c.is_other) {
                Vec::new()
            } else {
                answering
                    .iter()
                    .rev()
                    .flat_map(|r| {
                        r.rows(question.id)
                            .iter()
                            .filter_map(|row| row.text.clone())
                    })
                    .take(TEXTS_SHOWN)
                    .collect()
            };
            Figures::Shares { shares, others }
        }
        Kind::Scale | Kind::Number => {
            let values: Vec<(f64, f64)> = answering
                .iter()
                .filter_map(|r| {
                    r.rows(question.id)
                        .first()
                        .and_then(|row| row.number)
                        .map(|n| (n, r.weight))
                })
                .collect();
            let scale = if question.kind == Kind::Scale {
                scale_shares(question, &values, total, effective)
            } else {
                Vec::new()
            };
            numbers(&values, scale)
        }
        Kind::Matrix => Figures::Matrix {
            rows: question
                .rows
                .iter()
                .map(|row| {
                    let values: Vec<(f64, f64)> = answering
                        .iter()
                        .filter_map(|r| {
                            r.rows(question.id)
                                .iter()
                                .find(|a| a.item == row.id)
                                .and_then(|a| a.number)
                                .map(|n| (n, r.weight))
                        })
                        .collect();
                    let total: f64 = values.iter().map(|(_, w)| w).sum();
                    let effective = raking::effective_size(values.iter().map(|(_, w)| *w));
                    let mean = weighted_mean(&values);
                    (
                        row.label.clone(),
                        mean,
                        scale_shares(question, &values, total, effective),
                    )
                })
                .collect(),
        },
        Kind::Ranking => {
            let mut items: Vec<(String, f64, Share)> = question
                .choices
                .iter()
                .map(|choice| {
                    let ranks: Vec<(f64, f64)> = answering
                        .iter()
                        .filter_map(|r| {
                            r.rows(question.id)
                                .iter()
                                .find(|a| a.item == choice.id)
                                .and_then(|a| a.number)
                                .map(|n| (n, r.weight))
                        })
                        .collect();
                    let (first, first_weight) = ranks
                        .iter()
                        .filter(|(rank, _)| *rank == 1.0)
                        .fold((0, 0.0), |(n, w), (_, weight)| (n + 1, w + weight));
                    (
                        choice.label.clone(),
                        weighted_mean(&ranks),
                        share_of(choice.label.clone(), first, first_weight, total, effective),
                    )
                })
                .collect();
            items.sort_by(|a, b| a.1.total_cmp(&b.1));
            Figures::Ranking { items }
        }
        Kind::ShortText | Kind::LongText => {
            let texts: Vec<String> = answering
                .iter()
                .rev()
                .filter_map(|r| r.rows(question.id).first().and_then(|row| row.text.clone()))
                .collect();
            texts_read(texts, seed)
        }
        Kind::Date => {
            let mut days: Vec<&str> = answering
                .iter()
                .filter_map(|r| {
                    r.rows(question.id)
                        .first()
                        .and_then(|row| row.text.as_deref())
                })
                .collect();
            days.sort_unstable();
            Figures::Dates {
                first: days.first().map(|d| d.to_string()).unwrap_or_default(),
                last: days.last().map(|d| d.to_string()).unwrap_or_default(),
            }
        }
    };
    QuestionResult {
        answered: answering.len(),
        effective,
        figures,
    }
}

/// The shares of each whole value of a scale.
fn scale_shares(
    question: &Question,
    values: &[(f64, f64)],
    total: f64,
    effective: f64,
) -> Vec<Share> {
    let (low, high) = (
        question.min_value.unwrap_or(1.0) as i64,
        question.max_value.unwrap_or(5.0) as i64,
    );
    (low..=high)
        .map(|value| {
            let (count, weight) = values
                .iter()
                .filter(|(n, _)| *n as i64 == value)
                .fold((0, 0.0), |(c, w), (_, weight)| (c + 1, w + weight));
            let label = if value == low && !question.low_label.is_empty() {
                format!("{value} ({})", question.low_label)
            } else if value == high && !question.high_label.is_empty() {
                format!("{value} ({})", question.high_label)
            } else {
                value.to_string()
            };
            share_of(label, count, weight, total, effective)
        })
        .collect()
}

fn weighted_mean(values: &[(f64, f64)]) -> f64 {
    let total: f64 = values.iter().map(|(_, w)| w).sum();
    if total == 0.0 {
        return f64::NAN;
    }
    values.iter().map(|(n, w)| n * w).sum::<f64>() / total
}

fn numbers(values: &[(f64, f64)], scale: Vec<Share>) -> Figures {
    let mut sorted: Vec<f64> = values.iter().map(|(n, _)| *n).collect();
    sorted.sort_by(f64::total_cmp);
    let median = match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    Figures::Numbers {
        mean: weighted_mean(values),
        median,
        min: sorted.first().copied().unwrap_or(f64::NAN),
        max: sorted.last().copied().unwrap_or(f64::NAN),
        values: scale,
    }
}

/// Free texts read by the synthesis engine: clusters with their words and quotes, or the
/// texts themselves when too few.
fn texts_read(texts: Vec<String>, seed: u64) -> Figures {
    if texts.len() < CLUSTER_FROM {
        return Figures::Texts {
            clusters: Vec::new(),
            listed: texts,
        };
    }
    let members: Vec<usize> = (0..texts.len()).collect();
    let clusters = textkit::synthesis::split_texts(&texts, &members, None, seed)
        .into_iter()
        .map(|c| TextCluster {
            words: c.label,
            count: c.members.len(),
            quotes: c
                .representatives
                .iter()
                .take(QUOTES)
                .map(|&i| texts[i].clone())
                .collect(),
        })
        .collect();
    Figures::Texts {
        clusters,
        listed: Vec::new(),
    }
}

/// A cross-tabulation: for each category of the row question, its respondents' shares of each
/// category of the column question.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossTab {
    /// The column question's categories.
    pub columns: Vec<String>,
    /// `(row category, respondents, effective size, shares of each column)`.
    pub rows: Vec<(String, usize, f64, Vec<Share>)>,
}

/// Cross-tabulates two closed questions, in one pass over the respondents.
pub fn cross_tab(
    rows_question: &Question,
    columns_question: &Question,
    respondents: &[Respondent<'_>],
    places: &Places,
) -> CrossTab {
    let rows = categories(rows_question, places);
    let columns = categories(columns_question, places);
    let row_index: HashMap<&Category, usize> =
        rows.iter().enumerate().map(|(i, (c, _))| (c, i)).collect();
    let column_index: HashMap<&Category, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c, i))
        .collect();
    // Per row category: its respondents' weights (who answered the column question), and
    // each column's count and weight.
    let mut within: Vec<Vec<f64>> = vec![Vec::new(); rows.len()];
    let mut cells = vec![vec![(0usize, 0.0f64); columns.len()]; rows.len()];
    for r in respondents {
        let answered = r.rows(columns_question.id);
        if answered.is_empty() {
            continue;
        }
        for row in r.rows(rows_question.id) {
            let Some(&i) = category_of_row(rows_question.kind, row)
                .as_ref()
                .and_then(|c| row_index.get(c))
            else {
                continue;
            };
            within[i].push(r.weight);
            for column in answered {
                if let Some(&j) = category_of_row(columns_question.kind, column)
                    .as_ref()
                    .and_then(|c| column_index.get(c))
                {
                    cells[i][j].0 += 1;
                    cells[i][j].1 += r.weight;
                }
            }
        }
    }
    CrossTab {
        columns: columns.iter().map(|(_, l)| l.clone()).collect(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, (_, label))| {
                let total: f64 = within[i].iter().sum();
                let effective = raking::effective_size(within[i].iter().copied());
                let shares = columns
                    .iter()
                    .zip(&cells[i])
                    .map(|((_, column_label), (count, weight))| {
                        share_of(column_label.clone(), *count, *weight, total, effective)
                    })
                    .collect();
                (label, within[i].len(), effective, shares)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::questionnaires::rules::Item;

    fn closed(id: i64, kind: Kind, choices: &[(i64, &str)]) -> Question {
        Question {
            id,
            section_id: 1,
            kind,
            profile: None,
            label: "Q".into(),
            help: String::new(),
            required: false,
            min_value: Some(1.0),
            max_value: Some(5.0),
            max_choices: None,
            low_label: "Pas du tout".into(),
            high_label: "Tout à fait".into(),
            shown_if_choice: None,
            choices: choices
                .iter()
                .map(|(id, label)| Item {
                    id: *id,
                    code: id.to_string(),
                    label: label.to_string(),
                    is_other: false,
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    fn answer(question_id: i64, item: i64, number: Option<f64>) -> AnswerRow {
        AnswerRow {
            question_id,
            item,
            number,
            text: None,
        }
    }

    #[test]
    fn weighted_shares_follow_the_weights_and_margins_follow_the_effective_size() {
        let q = closed(1, Kind::Single, &[(10, "Oui"), (11, "Non")]);
        let rows = [
            vec![answer(1, 10, None)],
            vec![answer(1, 11, None)],
            vec![answer(1, 11, None)],
            vec![],
        ];
        let weights = [3.0, 1.0, 1.0, 1.0];
        let people: Vec<Respondent> = rows
            .iter()
            .zip(weights)
            .map(|(r, w)| Respondent::new(w, r))
            .collect();
        let result = question_result(&q, &people, &Places::default(), 1);
        assert_eq!(result.answered, 3);
        // Kish: (3+1+1)² / (9+1+1) = 25/11.
        assert!((result.effective - 25.0 / 11.0).abs() < 1e-12);
        let Figures::Shares { shares, .. } = result.figures else {
            panic!("shares")
        };
        assert_eq!(shares[0].count, 1);
        assert!((shares[0].share - 0.6).abs() < 1e-12);
        assert!((shares[1].share - 0.4).abs() < 1e-12);
        let expected = 1.96 * (0.6f64 * 0.4 / (25.0 / 11.0)).sqrt();
        assert!((shares[0].margin - expected).abs() < 1e-12);
    }

    #[test]
    fn scales_give_their_mean_median_and_each_value() {
        let q = closed(2, Kind::Scale, &[]);
        let rows: Vec<Vec<AnswerRow>> = [1.0, 2.0, 5.0, 5.0]
            .iter()
            .map(|n| vec![answer(2, 0, Some(*n))])
            .collect();
        let people: Vec<Respondent> = rows.iter().map(|r| Respondent::new(1.0, r)).collect();
        let Figures::Numbers {
            mean,
            median,
            min,
            max,
            values,
        } = question_result(&q, &people, &Places::default(), 1).figures
        else {
            panic!("numbers")
        };
        assert_eq!((mean, median, min, max), (3.25, 3.5, 1.0, 5.0));
        assert_eq!(values.len(), 5);
        assert_eq!(values[4].label, "5 (Tout à fait)");
        assert!((values[4].share - 0.5).abs() < 1e-12);
    }

    #[test]
    fn a_cross_tab_splits_one_question_by_another() {
        let age = closed(1, Kind::Single, &[(10, "Jeunes"), (11, "Aînés")]);
        let bike = closed(2, Kind::Single, &[(20, "Vélo"), (21, "Voiture")]);
        let rows = [
            vec![answer(1, 10, None), answer(2, 20, None)],
            vec![answer(1, 10, None), answer(2, 20, None)],
            vec![answer(1, 11, None), answer(2, 21, None)],
            vec![answer(1, 11, None), answer(2, 20, None)],
        ];
        let people: Vec<Respondent> = rows.iter().map(|r| Respondent::new(1.0, r)).collect();
        let tab = cross_tab(&age, &bike, &people, &Places::default());
        assert_eq!(tab.columns, vec!["Vélo", "Voiture"]);
        assert_eq!(tab.rows[0].1, 2);
        assert!((tab.rows[0].3[0].share - 1.0).abs() < 1e-12);
        assert!((tab.rows[1].3[0].share - 0.5).abs() < 1e-12);
    }

    #[test]
    fn respondents_sorted_out_by_question_give_the_same_results() {
        let multiple = closed(
            1,
            Kind::Multiple,
            &[(10, "Bus"), (11, "Train"), (12, "Vélo")],
        );
        let scale = closed(3, Kind::Scale, &[]);
        let skipped = closed(2, Kind::Single, &[(20, "Oui")]);
        let rows = [
            vec![
                answer(1, 10, None),
                answer(1, 12, None),
                answer(3, 0, Some(4.0)),
            ],
            vec![answer(3, 0, Some(2.0))],
            vec![answer(1, 11, None)],
            vec![],
        ];
        let people: Vec<Respondent> = rows
            .iter()
            .zip([2.0, 0.5, 1.0, 3.0])
            .map(|(r, w)| Respondent::new(w, r))
            .collect();
        let answering = Answering::new([3, 1, 2], &people);
        assert_eq!(answering.of(1).len(), 2);
        assert_eq!(
            answering.of(1)[0].answers.len(),
            2,
            "both rows of the first"
        );
        assert_eq!(answering.of(3).len(), 2);
        assert!(answering.of(2).is_empty(), "no one answered it");
        for q in [&multiple, &scale, &skipped] {
            // Written out, so that a margin of no one (NaN) equals itself.
            let places = Places::default();
            assert_eq!(
                format!("{:?}", question_result(q, answering.of(q.id), &places, 1)),
                format!("{:?}", question_result(q, &people, &places, 1)),
                "question {}",
                q.id
            );
        }
        let unweighted: Vec<f64> = answering
            .of(3)
            .iter()
            .map(|r| r.unweighted().weight)
            .collect();
        assert_eq!(unweighted, vec![1.0, 1.0]);
        // A question no longer asked is left out, the others kept.
        let without_first = Answering::new([2, 3], &people);
        assert!(without_first.of(1).is_empty());
        assert_eq!(without_first.of(3).len(), 2);
    }
}
