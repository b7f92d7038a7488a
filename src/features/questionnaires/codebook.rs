//! The answers as a table: one row per response, one column per question, per choice of a
//! multiple choice, per row of a grid or per ranked choice, with codes, labels and weights;
//! and the codebook that says what each column holds. Questions are named `Q1`, `Q2`… in the
//! questionnaire's order; what the export writes, the import reads back.

use std::collections::HashMap;

use exports::xlsx::Cell;

use crate::features::questionnaires::places::Places;
use crate::features::questionnaires::rules::{AnswerRow, Kind, Question, Section, number_text};

/// The columns every answers table starts with (the import reads past them).
pub const FIXED: [&str; 4] = ["reponse", "source", "soumise_le", "poids"];

/// What a column holds of a question's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// The code of the choice chosen (single choice), or the commune's code.
    Code,
    /// The label of the choice chosen, or the commune's name (read, not imported).
    Label,
    /// What « autre, précisez » says.
    Other,
    /// One choice of a multiple choice (1 chosen, 0 not), one grid row's value or one choice's
    /// rank.
    Item(i64),
    /// The number, text or date answered.
    Value,
}

/// A column of the answers table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Its name (`Q3`, `Q3_libelle`, `Q4_2`…).
    pub name: String,
    /// Its question.
    pub question: i64,
    /// What it holds.
    pub part: Part,
    /// What it is, for the codebook.
    pub label: String,
}

/// Each question's variable (`Q1`, `Q2`…), in the questionnaire's order.
pub fn variables(sections: &[Section]) -> HashMap<i64, String> {
    sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .enumerate()
        .map(|(n, q)| (q.id, format!("Q{}", n + 1)))
        .collect()
}

/// The columns of a questionnaire's answers, after the fixed ones.
pub fn columns(sections: &[Section]) -> Vec<Column> {
    let mut columns = Vec::new();
    let questions = sections.iter().flat_map(|s| s.questions.iter());
    for (n, q) in questions.enumerate() {
        let variable = format!("Q{}", n + 1);
        let mut push = |name: String, part: Part, label: String| {
            columns.push(Column {
                name,
                question: q.id,
                part,
                label,
            })
        };
        match q.kind {
            Kind::Single | Kind::Commune | Kind::Iris => {
                push(variable.clone(), Part::Code, q.label.clone());
                push(format!("{variable}_libelle"), Part::Label, q.label.clone());
            }
            Kind::Multiple | Kind::Ranking => {
                for c in &q.choices {
                    push(
                        format!("{variable}_{}", c.code),
                        Part::Item(c.id),
                        format!("{} : {}", q.label, c.label),
                    );
                }
            }
            Kind::Matrix => {
                for r in &q.rows {
                    push(
                        format!("{variable}_{}", r.code),
                        Part::Item(r.id),
                        format!("{} : {}", q.label, r.label),
                    );
                }
            }
            _ => push(variable.clone(), Part::Value, q.label.clone()),
        }
        if q.choices.iter().any(|c| c.is_other) {
            push(
                format!("{variable}_autre"),
                Part::Other,
                format!("{} : précisez", q.label),
            );
        }
    }
    columns
}

/// A response's cells under `columns`. `places` name communes and IRIS by code.
pub fn cells(
    columns: &[Column],
    questions: &HashMap<i64, &Question>,
    answers: &[AnswerRow],
    places: &Places,
) -> Vec<Cell> {
    let mut by_question: HashMap<i64, Vec<&AnswerRow>> = HashMap::new();
    for row in answers {
        by_question.entry(row.question_id).or_default().push(row);
    }
    columns
        .iter()
        .map(|column| {
            let q = questions[&column.question];
            let rows = by_question.get(&q.id).map_or(&[][..], Vec::as_slice);
            if rows.is_empty() {
                return Cell::Empty;
            }
            let choice = |id: i64| q.choices.iter().find(|c| c.id == id);
            match (&column.part, q.kind) {
                (Part::Code, kind) if kind.is_place() => Cell::text(rows[0].text.clone()),
                (Part::Label, kind) if kind.is_place() => Cell::text(
                    rows[0]
                        .text
                        .as_deref()
                        .and_then(|code| places.answered(kind, code))
                        .map(|p| p.name.clone()),
                ),
                (Part::Code, _) => Cell::text(choice(rows[0].item).map(|c| c.code.clone())),
                (Part::Label, _) => Cell::text(choice(rows[0].item).map(|c| c.label.clone())),
                (Part::Other, _) => Cell::text(rows.iter().find_map(|r| r.text.clone())),
                (Part::Item(item), Kind::Multiple) => {
                    Cell::Number(if rows.iter().any(|r| r.item == *item) {
                        1.0
                    } else {
                        0.0
                    })
                }
                (Part::Item(item), _) => rows
                    .iter()
                    .find(|r| r.item == *item)
                    .and_then(|r| r.number)
                    .map_or(Cell::Empty, Cell::Number),
                (Part::Value, _) => match (&rows[0].text, rows[0].number) {
                    (Some(text), _) => Cell::Text(text.clone()),
                    (None, Some(n)) => Cell::Number(n),
                    _ => Cell::Empty,
                },
            }
        })
        .collect()
}

/// The codebook's header.
pub const CODEBOOK_HEADER: [&str; 5] = ["colonne", "question", "type", "code", "libelle"];

/// The codebook: each column, then each code a column may hold and its label.
pub fn codebook(
    sections: &[Section],
    columns: &[Column],
    kind_name: impl Fn(Kind) -> String,
) -> Vec<Vec<Cell>> {
    let questions: HashMap<i64, &Question> = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .map(|q| (q.id, q))
        .collect();
    let mut rows = Vec::new();
    for column in columns {
        let q = questions[&column.question];
        let text = |s: &str| Cell::Text(s.to_owned());
        rows.push(vec![
            text(&column.name),
            text(&column.label),
            Cell::Text(kind_name(q.kind)),
            Cell::Empty,
            Cell::Empty,
        ]);
        match (&column.part, q.kind) {
            (Part::Code, Kind::Single) => {
                for c in &q.choices {
                    rows.push(vec![
                        text(&column.name),
                        text(&column.label),
                        Cell::Empty,
                        text(&c.code),
                        text(&c.label),
                    ]);
                }
            }
            (Part::Item(_), Kind::Multiple) => {
                for (code, label) in [("1", "choisi"), ("0", "non choisi")] {
                    rows.push(vec![
                        text(&column.name),
                        text(&column.label),
                        Cell::Empty,
                        text(code),
                        text(label),
                    ]);
                }
            }
            (Part::Item(_) | Part::Value, Kind::Scale | Kind::Matrix) => {
                let (low, high) = (q.min_value.unwrap_or(1.0), q.max_value.unwrap_or(5.0));
                for (value, label) in [(low, &q.low_label), (high, &q.high_label)] {
                    rows.push(vec![
                        text(&column.name),
                        text(&column.label),
                        Cell::Empty,
                        Cell::Text(number_text(value)),
                        text(label),
                    ]);
                }
            }
            _ => {}
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::questionnaires::rules::tests::question;

    #[test]
    fn columns_name_every_answer_and_cells_write_it_with_codes() {
        let single = question(Kind::Single);
        let mut multiple = question(Kind::Multiple);
        multiple.id = 8;
        let mut grid = question(Kind::Matrix);
        grid.id = 9;
        grid.choices.clear();
        let section = Section {
            id: 1,
            title: "A".into(),
            intro: String::new(),
            shown_if_choice: None,
            questions: vec![single.clone(), multiple.clone(), grid.clone()],
        };
        let columns = columns(std::slice::from_ref(&section));
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Q1",
                "Q1_libelle",
                "Q1_autre",
                "Q2_10",
                "Q2_11",
                "Q2_12",
                "Q2_autre",
                "Q3_20",
                "Q3_21"
            ]
        );
        let questions: HashMap<i64, &Question> =
            section.questions.iter().map(|q| (q.id, q)).collect();
        let row = |question_id, item, number: Option<f64>, text: Option<&str>| AnswerRow {
            question_id,
            item,
            number,
            text: text.map(str::to_owned),
        };
        let answers = [
            row(7, 12, None, Some("Roller")),
            row(8, 11, None, None),
            row(9, 21, Some(4.0), None),
        ];
        let cells = cells(&columns, &questions, &answers, &Places::default());
        assert_eq!(
            cells,
            vec![
                Cell::Text("12".into()),
                Cell::Text("Autre".into()),
                Cell::Text("Roller".into()),
                Cell::Number(0.0),
                Cell::Number(1.0),
                Cell::Number(0.0),
                Cell::Empty,
                Cell::Empty,
                Cell::Number(4.0),
            ]
        );
        let book = codebook(std::slice::from_ref(&section), &columns, |k| {
            k.as_str().to_owned()
        });
        assert!(book.iter().any(|r| r[0] == Cell::Text("Q1".into())
            && r[3] == Cell::Text("11".into())
            && r[4] == Cell::Text("Bus".into())));
    }
}
