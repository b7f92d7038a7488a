//! Importing answers from a CSV table with the answers export's columns (`Q1`, `Q2_3`…; the
//! fixed columns and labels are read past): each row becomes one submitted response, read by
//! the same rules as a paper questionnaire (codes known, numbers within bounds, required
//! questions answered when their conditions hold). A file with a column no question has is
//! refused whole, naming it; otherwise every row's problems are said and the good rows kept.

use std::collections::HashMap;

use crate::features::questionnaires::codebook::{self, Column, FIXED, Part};
use crate::features::questionnaires::places::Places;
use crate::features::questionnaires::reading::read_whole;
use crate::features::questionnaires::rules::{
    AnswerRow, Kind, Question, Section, field_name, other_field,
};
use crate::platform::i18n::Tr;
use crate::platform::tables::{Table, TableError};
use crate::platform::web::forms::Pairs;

/// Why a whole file was refused.
#[derive(Debug, PartialEq)]
pub enum ImportProblem {
    /// It could not be read as a table.
    Table(TableError),
    /// Columns no question has.
    UnknownColumns(Vec<String>),
    /// No column of any question.
    NoQuestion,
}

impl ImportProblem {
    /// What to say next to the file's field.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            ImportProblem::Table(problem) => problem.message(tr),
            ImportProblem::UnknownColumns(names) => tr.t1(
                "questionnaire-import-unknown-columns",
                "columns",
                names.join(", "),
            ),
            ImportProblem::NoQuestion => tr.t("questionnaire-import-no-question"),
        }
    }
}

/// A file's rows: the good ones' answers, and the refused ones' reasons.
#[derive(Debug, Default)]
pub struct Checked {
    /// `(line, answers)` of the good rows.
    pub good: Vec<(usize, Vec<AnswerRow>)>,
    /// `(line, reason)` of the refused rows.
    pub refused: Vec<(usize, String)>,
}

/// Words that mark a choice of a multiple choice as chosen, or not.
const CHOSEN: [&str; 4] = ["1", "x", "oui", "yes"];
const NOT_CHOSEN: [&str; 4] = ["0", "", "non", "no"];

/// One row's fields as the answering form would send them, or what is wrong with a cell.
fn fields_of(
    row: &[String],
    columns: &[(usize, &Column)],
    questions: &HashMap<i64, &Question>,
    tr: Tr,
) -> Result<Pairs, String> {
    let mut fields = Vec::new();
    for (index, column) in columns {
        let value = row.get(*index).map_or("", |v| v.trim());
        let q = questions[&column.question];
        match (&column.part, q.kind) {
            (_, _) if value.is_empty() => {}
            (Part::Label, _) => {}
            (Part::Code, Kind::Single) => {
                let choice = q.choices.iter().find(|c| c.code == value).ok_or_else(|| {
                    tr.t_args(
                        "questionnaire-import-unknown-code",
                        &[("column", &column.name), ("code", value)],
                    )
                })?;
                fields.push((field_name(q.id, None), choice.id.to_string()));
            }
            (Part::Item(item), Kind::Multiple) => {
                let word = value.to_lowercase();
                if CHOSEN.contains(&word.as_str()) {
                    fields.push((field_name(q.id, None), item.to_string()));
                } else if !NOT_CHOSEN.contains(&word.as_str()) {
                    return Err(tr.t1("questionnaire-import-not-chosen", "column", &column.name));
                }
            }
            (Part::Item(item), _) => fields.push((field_name(q.id, Some(*item)), value.to_owned())),
            (Part::Other, _) => fields.push((other_field(q.id), value.to_owned())),
            (Part::Code | Part::Value, _) => {
                fields.push((field_name(q.id, None), value.to_owned()))
            }
        }
    }
    Ok(Pairs(fields))
}

/// Reads a file of answers against a questionnaire's sections; `places` are those a commune
/// or IRIS question accepts.
pub fn check(
    bytes: &[u8],
    sections: &[Section],
    places: &Places,
    tr: Tr,
) -> Result<Checked, ImportProblem> {
    let table = Table::read(bytes).map_err(ImportProblem::Table)?;
    let columns = codebook::columns(sections);
    let by_name: HashMap<String, &Column> =
        columns.iter().map(|c| (c.name.to_lowercase(), c)).collect();
    let mut read = Vec::new();
    let mut unknown = Vec::new();
    for (index, header) in table.headers.iter().enumerate() {
        match by_name.get(header) {
            Some(column) => read.push((index, *column)),
            None if FIXED.contains(&header.as_str()) || header.is_empty() => {}
            None => unknown.push(header.clone()),
        }
    }
    if !unknown.is_empty() {
        return Err(ImportProblem::UnknownColumns(unknown));
    }
    if read.is_empty() {
        return Err(ImportProblem::NoQuestion);
    }
    let questions: HashMap<i64, &Question> = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .map(|q| (q.id, q))
        .collect();
    let variable = codebook::variables(sections);
    let mut checked = Checked::default();
    for (line, row) in &table.rows {
        let fields = match fields_of(row, &read, &questions, tr) {
            Ok(fields) => fields,
            Err(reason) => {
                checked.refused.push((*line, reason));
                continue;
            }
        };
        if fields.0.is_empty() {
            checked
                .refused
                .push((*line, tr.t("questionnaire-import-empty-row")));
            continue;
        }
        let (rows, errors) = read_whole(sections, &fields, places);
        if errors.is_empty() {
            checked.good.push((*line, rows));
        } else {
            let said: Vec<String> = errors
                .iter()
                .map(|(question, error)| {
                    format!(
                        "{} (« {} ») : {}",
                        variable[question],
                        questions[question].label,
                        error.message(tr)
                    )
                })
                .collect();
            checked.refused.push((*line, said.join(" ; ")));
        }
    }
    Ok(checked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::questionnaires::rules::tests::question;
    use crate::platform::i18n::Lang;

    fn sections() -> Vec<Section> {
        let single = question(Kind::Single);
        let mut multiple = question(Kind::Multiple);
        multiple.id = 8;
        multiple.required = false;
        multiple.choices[2].is_other = false;
        let mut number = question(Kind::Number);
        number.id = 9;
        number.required = false;
        vec![Section {
            id: 1,
            title: "A".into(),
            intro: String::new(),
            shown_if_choice: None,
            questions: vec![single, multiple, number],
        }]
    }

    #[test]
    fn good_rows_are_read_and_bad_ones_say_why_by_column() {
        let csv = "reponse;Q1;Q1_libelle;Q1_autre;Q2_10;Q2_11;Q2_12;Q3\n\
                   a;10;Vélo;;1;0;;3\n\
                   b;99;;;;;;\n\
                   c;11;;;1;1;1;\n\
                   d;12;;Roller;;;;7\n\
                   e;;;;;;;\n\
                   f;10;;;peut-être;;;\n";
        let tr = Tr::new(Lang::Fr);
        let checked = check(csv.as_bytes(), &sections(), &Places::default(), tr).unwrap();
        assert_eq!(checked.good.len(), 1);
        assert_eq!(checked.good[0].0, 2);
        assert_eq!(
            checked.good[0].1.len(),
            3,
            "a choice, a chosen item, a number"
        );
        let reasons: HashMap<usize, &str> = checked
            .refused
            .iter()
            .map(|(l, r)| (*l, r.as_str()))
            .collect();
        assert!(
            reasons[&3].contains("Q1") && reasons[&3].contains("« 99 »"),
            "{}",
            reasons[&3]
        );
        assert!(
            reasons[&4].contains("Q2 (« Q ») : 2 choix au plus."),
            "{}",
            reasons[&4]
        );
        assert!(
            reasons[&5].contains("Q3 (« Q ») : Le nombre doit être entre 1 et 5."),
            "{}",
            reasons[&5]
        );
        assert!(reasons[&6].contains("vide"), "{}", reasons[&6]);
        assert!(reasons[&7].contains("Q2_10"), "{}", reasons[&7]);
    }

    #[test]
    fn a_column_no_question_has_refuses_the_file() {
        let tr = Tr::new(Lang::Fr);
        let problem = check(
            b"Q1;Q9;couleur\n10;1;bleu\n",
            &sections(),
            &Places::default(),
            tr,
        )
        .unwrap_err();
        assert_eq!(
            problem,
            ImportProblem::UnknownColumns(vec!["q9".into(), "couleur".into()])
        );
        assert!(problem.message(tr).contains("q9, couleur"));
    }
}
