//! Reading a questionnaire's pages: which sections and questions conditions show, given the
//! choices made (on earlier pages, or higher on the same page), and reading a page, or a whole
//! questionnaire (paper entry, imports), into the rows stored and each refused question's
//! error.

use std::collections::HashSet;

use crate::features::questionnaires::places::Places;
use crate::features::questionnaires::rules::{
    AnswerError, AnswerRow, Fields, Kind, Question, Section, read_answer,
};

/// Whether something shown when `condition` was chosen is shown, given the choices made.
pub fn shown(condition: Option<i64>, chosen: &HashSet<i64>) -> bool {
    condition.is_none_or(|choice| chosen.contains(&choice))
}

/// The choices an answer holds (the items of single and multiple choice answers).
pub fn chosen_items<'a>(
    questions: impl IntoIterator<Item = &'a Question>,
    rows: &[AnswerRow],
) -> HashSet<i64> {
    let closed: HashSet<i64> = questions
        .into_iter()
        .filter(|q| matches!(q.kind, Kind::Single | Kind::Multiple))
        .map(|q| q.id)
        .collect();
    rows.iter()
        .filter(|r| closed.contains(&r.question_id))
        .map(|r| r.item)
        .collect()
}

/// Reads one page's answers in order: a question whose condition is not met (by a choice made
/// earlier, on an earlier page or higher on this one) is skipped. Returns the rows read and each
/// refused question's error.
pub fn read_page(
    questions: &[&Question],
    fields: &impl Fields,
    earlier: &HashSet<i64>,
    places: &Places,
) -> (Vec<AnswerRow>, Vec<(i64, AnswerError)>) {
    let mut chosen = earlier.clone();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for question in questions {
        if !shown(question.shown_if_choice, &chosen) {
            continue;
        }
        match read_answer(question, fields, places) {
            Ok(read) => {
                if matches!(question.kind, Kind::Single | Kind::Multiple) {
                    chosen.extend(read.iter().map(|r| r.item));
                }
                rows.extend(read);
            }
            Err(error) => errors.push((question.id, error)),
        }
    }
    (rows, errors)
}

/// The ranks of the sections shown, given the choices made.
pub fn shown_sections(sections: &[Section], chosen: &HashSet<i64>) -> Vec<usize> {
    sections
        .iter()
        .enumerate()
        .filter(|(_, s)| shown(s.shown_if_choice, chosen))
        .map(|(rank, _)| rank)
        .collect()
}

/// Reads a whole questionnaire from one form (paper entry, an imported row): sections in
/// order, a section hidden by the answers above it skipped.
pub fn read_whole(
    sections: &[Section],
    fields: &impl Fields,
    places: &Places,
) -> (Vec<AnswerRow>, Vec<(i64, AnswerError)>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for section in sections {
        let chosen = chosen_items(sections.iter().flat_map(|s| s.questions.iter()), &rows);
        if !shown(section.shown_if_choice, &chosen) {
            continue;
        }
        let questions: Vec<&Question> = section.questions.iter().collect();
        let (read, refused) = read_page(&questions, fields, &chosen, places);
        rows.extend(read);
        errors.extend(refused);
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::questionnaires::rules::tests::{form, question};

    #[test]
    fn conditions_show_what_was_chosen_for() {
        let chosen = HashSet::from([10]);
        assert!(shown(None, &chosen));
        assert!(shown(Some(10), &chosen));
        assert!(!shown(Some(11), &chosen));
    }

    #[test]
    fn a_page_skips_what_its_conditions_hide_and_reads_the_rest() {
        let first = question(Kind::Single);
        let mut follow_up = question(Kind::ShortText);
        follow_up.id = 8;
        follow_up.shown_if_choice = Some(12);
        // « Autre » not chosen: the follow-up is hidden, its required answer not asked for.
        let (rows, errors) = read_page(
            &[&first, &follow_up],
            &form(&[("q7", "10")]),
            &HashSet::new(),
            &Places::default(),
        );
        assert_eq!((rows.len(), errors.len()), (1, 0));
        let (rows, errors) = read_page(
            &[&first, &follow_up],
            &form(&[("q7", "12"), ("q7_autre", "Roller")]),
            &HashSet::new(),
            &Places::default(),
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(errors, vec![(8, AnswerError::Required)]);
        let sections = vec![
            Section {
                id: 1,
                title: "A".into(),
                intro: String::new(),
                shown_if_choice: None,
                questions: vec![],
            },
            Section {
                id: 2,
                title: "B".into(),
                intro: String::new(),
                shown_if_choice: Some(11),
                questions: vec![],
            },
        ];
        assert_eq!(shown_sections(&sections, &HashSet::from([10])), vec![0]);
        assert_eq!(shown_sections(&sections, &HashSet::from([11])), vec![0, 1]);
    }

    #[test]
    fn a_whole_questionnaire_skips_the_sections_its_answers_hide() {
        let first = question(Kind::Single);
        let mut grid = question(Kind::Matrix);
        grid.id = 9;
        let sections = vec![
            Section {
                id: 1,
                title: "A".into(),
                intro: String::new(),
                shown_if_choice: None,
                questions: vec![first],
            },
            Section {
                id: 2,
                title: "B".into(),
                intro: String::new(),
                shown_if_choice: Some(11),
                questions: vec![grid],
            },
        ];
        let none = Places::default();
        // « Vélo »: the grid's section is hidden, its required rows not asked for, its typed
        // values not kept.
        let (rows, errors) = read_whole(&sections, &form(&[("q7", "10"), ("q9_20", "3")]), &none);
        assert_eq!((rows.len(), errors.len()), (1, 0));
        // « Bus »: the grid is asked, and all its rows are required.
        let (rows, errors) = read_whole(&sections, &form(&[("q7", "11"), ("q9_20", "3")]), &none);
        assert_eq!(rows.len(), 1);
        assert_eq!(errors, vec![(9, AnswerError::Required)]);
        let answered = [("q7", "11"), ("q9_20", "3"), ("q9_21", "4")];
        let (rows, errors) = read_whole(&sections, &form(&answered), &none);
        assert_eq!((rows.len(), errors.len()), (3, 0));
    }
}
