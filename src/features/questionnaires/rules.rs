//! Questionnaires' rules: the kinds of questions and how each is answered, the respondent's
//! profile questions and their categories, conditions (a question or a section shown when an
//! earlier choice was chosen), and reading a question's answer from a submitted form into the
//! rows stored, or saying what is wrong with it.

use std::collections::HashSet;

use crate::features::processes::rules::Day;
use crate::features::questionnaires::places::Places;

/// Longest questionnaire, section or question title and choice label, in characters.
pub const MAX_LABEL_CHARS: usize = 300;
/// Longest introduction or help text.
pub const MAX_INTRO_CHARS: usize = 4_000;
/// Longest short text answer.
pub const MAX_SHORT_ANSWER_CHARS: usize = 200;
/// Longest long text answer (and « précisez »).
pub const MAX_LONG_ANSWER_CHARS: usize = 5_000;
/// Most choices or rows a question holds.
pub const MAX_CHOICES: usize = 60;

crate::text_enum! {
    /// How a question is answered.
    pub enum Kind {
        /// One choice among several (optionally « autre, précisez »).
        Single = "single",
        /// Several choices (optionally at most so many).
        Multiple = "multiple",
        /// A whole number on a scale (1–5, 0–10…) with labels at both ends.
        Scale = "scale",
        /// Every choice given a rank.
        Ranking = "ranking",
        /// Rows each answered on one scale.
        Matrix = "matrix",
        /// A line of text.
        ShortText = "short_text",
        /// A paragraph.
        LongText = "long_text",
        /// A number, within bounds.
        Number = "number",
        /// A date of the calendar.
        Date = "date",
        /// A commune of the process's territory.
        Commune = "commune",
        /// An IRIS of the process's territory (a neighbourhood of a large commune, or a small
        /// commune whole).
        Iris = "iris",
    }
}

impl Kind {
    /// Whether it is answered by choosing among its choices (results count the choices).
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Kind::Single | Kind::Multiple | Kind::Commune | Kind::Iris
        )
    }

    /// Whether it is answered with a place of the territory (a commune, an IRIS).
    pub fn is_place(self) -> bool {
        matches!(self, Kind::Commune | Kind::Iris)
    }

    /// Whether it holds choices typed by the team.
    pub fn has_choices(self) -> bool {
        matches!(self, Kind::Single | Kind::Multiple | Kind::Ranking)
    }

    /// Whether it is answered on a numeric scale with two bounds.
    pub fn has_scale(self) -> bool {
        matches!(self, Kind::Scale | Kind::Matrix)
    }
}

crate::text_enum! {
    /// The respondent's profile questions, which weighting and representativeness read.
    pub enum Profile {
        /// Age bracket (INSEE's bands).
        Age = "age",
        /// Sex.
        Sex = "sex",
        /// Occupation category (INSEE's PCS, level 1: CS1–CS8).
        Occupation = "occupation",
        /// Commune of residence.
        Commune = "commune",
        /// IRIS of residence.
        Iris = "iris",
    }
}

impl Profile {
    /// The question's kind.
    pub fn kind(self) -> Kind {
        match self {
            Profile::Commune => Kind::Commune,
            Profile::Iris => Kind::Iris,
            _ => Kind::Single,
        }
    }

    /// Its categories, as `(code, French label)`, in the census's order (none for the commune
    /// and the IRIS: their choices are the territory's).
    pub fn categories(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Profile::Age => &[
                ("0-14", "Moins de 15 ans"),
                ("15-29", "15 à 29 ans"),
                ("30-44", "30 à 44 ans"),
                ("45-59", "45 à 59 ans"),
                ("60-74", "60 à 74 ans"),
                ("75+", "75 ans ou plus"),
            ],
            Profile::Sex => &[("F", "Femme"), ("H", "Homme")],
            Profile::Occupation => &[
                ("CS1", "Agriculteur·rice exploitant·e"),
                ("CS2", "Artisan·e, commerçant·e, chef·fe d'entreprise"),
                ("CS3", "Cadre, profession intellectuelle supérieure"),
                ("CS4", "Profession intermédiaire"),
                ("CS5", "Employé·e"),
                ("CS6", "Ouvrier·e"),
                ("CS7", "Retraité·e"),
                ("CS8", "Autre personne sans activité professionnelle"),
            ],
            Profile::Commune | Profile::Iris => &[],
        }
    }
}

crate::text_enum! {
    /// How a response reached the platform.
    pub enum Source {
        /// Answered online by the respondent.
        Online = "online",
        /// A paper questionnaire entered by a facilitator.
        Paper = "paper",
        /// A row of an imported CSV.
        Import = "import",
    }
}

/// A choice of a closed question, or a row of a matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Its id (unique across the platform: conditions name it alone).
    pub id: i64,
    /// Its code in exports and imports.
    pub code: String,
    /// What the respondent reads.
    pub label: String,
    /// Whether choosing it asks « précisez ».
    pub is_other: bool,
}

/// A question as it is asked.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Its id.
    pub id: i64,
    /// Its section.
    pub section_id: i64,
    /// How it is answered.
    pub kind: Kind,
    /// The profile it asks, if it is a profile question.
    pub profile: Option<Profile>,
    /// The question.
    pub label: String,
    /// A help text under it.
    pub help: String,
    /// Whether an answer is needed to go on.
    pub required: bool,
    /// Lower bound (scale, matrix, number).
    pub min_value: Option<f64>,
    /// Upper bound (scale, matrix, number).
    pub max_value: Option<f64>,
    /// Most choices of a multiple choice.
    pub max_choices: Option<i64>,
    /// Label of a scale's low end.
    pub low_label: String,
    /// Label of a scale's high end.
    pub high_label: String,
    /// Shown only when this choice (of an earlier question) was chosen.
    pub shown_if_choice: Option<i64>,
    /// Its choices (closed questions, ranking).
    pub choices: Vec<Item>,
    /// Its rows (matrix).
    pub rows: Vec<Item>,
}

/// A section: one page when answering.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its introduction.
    pub intro: String,
    /// Shown only when this choice (of an earlier question) was chosen.
    pub shown_if_choice: Option<i64>,
    /// Its questions, in order.
    pub questions: Vec<Question>,
}

/// One stored answer row: a question, an item (a choice or matrix row id, or 0), a number or
/// a text.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    /// The question.
    pub question_id: i64,
    /// The choice or row, 0 for a question answered once.
    pub item: i64,
    /// A scale value, number, rank or matrix value.
    pub number: Option<f64>,
    /// A free text, date, « précisez » or commune code.
    pub text: Option<String>,
}

/// What is wrong with an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerError {
    /// A required question left blank.
    Required,
    /// A choice that is not one of the question's.
    UnknownChoice,
    /// More choices than allowed.
    TooManyChoices(i64),
    /// « Autre » chosen without saying what.
    OtherMissing,
    /// Not a number.
    NotANumber,
    /// A number outside the bounds.
    OutOfBounds(f64, f64),
    /// Not a date of the calendar.
    NotADate,
    /// Ranks that are not 1, 2, 3… each once.
    BadRanks,
    /// A text longer than allowed.
    TooLong(usize),
}

impl AnswerError {
    /// The message in the visitor's language.
    pub fn message(&self, tr: crate::platform::i18n::Tr) -> String {
        match self {
            AnswerError::Required => tr.t("questionnaire-error-required"),
            AnswerError::UnknownChoice => tr.t("questionnaire-error-unknown-choice"),
            AnswerError::TooManyChoices(max) => tr.t1("questionnaire-error-too-many", "max", max),
            AnswerError::OtherMissing => tr.t("questionnaire-error-other"),
            AnswerError::NotANumber => tr.t("questionnaire-error-number"),
            AnswerError::OutOfBounds(min, max) => tr.t_args(
                "questionnaire-error-bounds",
                &[("min", &number_text(*min)), ("max", &number_text(*max))],
            ),
            AnswerError::NotADate => tr.t("error-date-invalid"),
            AnswerError::BadRanks => tr.t("questionnaire-error-ranks"),
            AnswerError::TooLong(max) => tr.t1("questionnaire-error-too-long", "max", max),
        }
    }
}

/// A number written plainly: whole numbers without decimals.
pub fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// Reads a number as people type it (`12`, `12,5`, `12.5`).
pub fn parse_number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// A form's fields as read: every value of a name.
pub trait Fields {
    /// Every non-empty value given for `name`.
    fn values(&self, name: &str) -> Vec<String>;

    /// The first value given for `name`, trimmed (empty when none).
    fn value(&self, name: &str) -> String {
        self.values(name).into_iter().next().unwrap_or_default()
    }
}

impl Fields for crate::platform::web::forms::Pairs {
    fn values(&self, name: &str) -> Vec<String> {
        self.all(name)
            .into_iter()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    }
}

/// The form field of a question (`q12`); of one of its items, `q12_34`.
pub fn field_name(question_id: i64, item: Option<i64>) -> String {
    match item {
        Some(item) => format!("q{question_id}_{item}"),
        None => format!("q{question_id}"),
    }
}

/// The « précisez » field of a question.
pub fn other_field(question_id: i64) -> String {
    format!("q{question_id}_autre")
}

/// Reads a question's answer from a form: the rows to store (none when left blank), or what
/// is wrong. `places` are those a commune or IRIS question accepts.
pub fn read_answer(
    question: &Question,
    fields: &impl Fields,
    places: &Places,
) -> Result<Vec<AnswerRow>, AnswerError> {
    let id = question.id;
    let row = |item: i64, number: Option<f64>, text: Option<String>| AnswerRow {
        question_id: id,
        item,
        number,
        text,
    };
    let rows = match question.kind {
        Kind::Single | Kind::Multiple => {
            let mut chosen = Vec::new();
            for value in fields.values(&field_name(id, None)) {
                let choice = value
                    .parse::<i64>()
                    .ok()
                    .and_then(|c| question.choices.iter().find(|item| item.id == c))
                    .ok_or(AnswerError::UnknownChoice)?;
                if chosen.iter().any(|r: &AnswerRow| r.item == choice.id) {
                    continue;
                }
                let other = if choice.is_other {
                    let said = fields.value(&other_field(id));
                    if said.is_empty() {
                        return Err(AnswerError::OtherMissing);
                    }
                    Some(limited(said, MAX_LONG_ANSWER_CHARS)?)
                } else {
                    None
                };
                chosen.push(row(choice.id, None, other));
            }
            if question.kind == Kind::Single && chosen.len() > 1 {
                return Err(AnswerError::TooManyChoices(1));
            }
            if let Some(max) = question.max_choices
                && chosen.len() as i64 > max
            {
                return Err(AnswerError::TooManyChoices(max));
            }
            chosen
        }
        Kind::Scale | Kind::Number => {
            let typed = fields.value(&field_name(id, None));
            if typed.is_empty() {
                Vec::new()
            } else {
                let number = parse_number(&typed).ok_or(AnswerError::NotANumber)?;
                if question.kind == Kind::Scale && number.fract() != 0.0 {
                    return Err(AnswerError::NotANumber);
                }
                within(question, number)?;
                vec![row(0, Some(number), None)]
            }
        }
        Kind::Matrix => {
            let mut rows = Vec::new();
            for item in &question.rows {
                let typed = fields.value(&field_name(id, Some(item.id)));
                if typed.is_empty() {
                    if question.required {
                        return Err(AnswerError::Required);
                    }
                    continue;
                }
                let number = parse_number(&typed)
                    .filter(|n| n.fract() == 0.0)
                    .ok_or(AnswerError::NotANumber)?;
                within(question, number)?;
                rows.push(row(item.id, Some(number), None));
            }
            rows
        }
        Kind::Ranking => {
            let mut rows = Vec::new();
            for item in &question.choices {
                let typed = fields.value(&field_name(id, Some(item.id)));
                if typed.is_empty() {
                    continue;
                }
                let rank = typed
                    .parse::<i64>()
                    .ok()
                    .filter(|r| (1..=question.choices.len() as i64).contains(r))
                    .ok_or(AnswerError::BadRanks)?;
                rows.push(row(item.id, Some(rank as f64), None));
            }
            // Ranks 1…k, each once (a person may rank only their first few).
            let mut ranks: Vec<i64> = rows
                .iter()
                .filter_map(|r| r.number)
                .map(|n| n as i64)
                .collect();
            ranks.sort_unstable();
            if ranks.iter().enumerate().any(|(i, &r)| r != i as i64 + 1) {
                return Err(AnswerError::BadRanks);
            }
            if question.required && !rows.is_empty() && rows.len() < question.choices.len() {
                return Err(AnswerError::BadRanks);
            }
            rows
        }
        Kind::ShortText | Kind::LongText => {
            let typed = fields.value(&field_name(id, None));
            let max = if question.kind == Kind::ShortText {
                MAX_SHORT_ANSWER_CHARS
            } else {
                MAX_LONG_ANSWER_CHARS
            };
            if typed.is_empty() {
                Vec::new()
            } else {
                vec![row(0, None, Some(limited(typed, max)?))]
            }
        }
        Kind::Date => {
            let typed = fields.value(&field_name(id, None));
            if typed.is_empty() {
                Vec::new()
            } else {
                let day = Day::parse(&typed).ok_or(AnswerError::NotADate)?;
                vec![row(0, None, Some(day.iso()))]
            }
        }
        Kind::Commune | Kind::Iris => {
            let typed = fields.value(&field_name(id, None));
            if typed.is_empty() {
                Vec::new()
            } else if places.accepts(question.kind, &typed) {
                vec![row(0, None, Some(typed))]
            } else {
                return Err(AnswerError::UnknownChoice);
            }
        }
    };
    if rows.is_empty() && question.required {
        return Err(AnswerError::Required);
    }
    Ok(rows)
}

/// A text no longer than `max` characters.
fn limited(text: String, max: usize) -> Result<String, AnswerError> {
    if text.chars().count() > max {
        Err(AnswerError::TooLong(max))
    } else {
        Ok(text)
    }
}

/// Checks a number against the question's bounds.
fn within(question: &Question, number: f64) -> Result<(), AnswerError> {
    let min = question.min_value.unwrap_or(f64::NEG_INFINITY);
    let max = question.max_value.unwrap_or(f64::INFINITY);
    if number < min || number > max {
        Err(AnswerError::OutOfBounds(min, max))
    } else {
        Ok(())
    }
}

/// Where a questionnaire stands on a day: not open yet, open, or closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// Before its opening date.
    NotYet,
    /// Taking answers.
    Open,
    /// After its closing date.
    Closed,
}

/// Where a questionnaire with these dates (`YYYY-MM-DD`, both included) stands on `today`.
pub fn opening(opens_on: Option<&str>, closes_on: Option<&str>, today: Day) -> Opening {
    if opens_on.and_then(Day::parse).is_some_and(|d| today < d) {
        Opening::NotYet
    } else if closes_on.and_then(Day::parse).is_some_and(|d| today > d) {
        Opening::Closed
    } else {
        Opening::Open
    }
}

/// Choices typed one per line: trimmed, blank lines dropped, each label once.
pub fn choice_lines(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| seen.insert(l.to_lowercase()))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::features::questionnaires::places::Place;
    use crate::platform::web::forms::Pairs;

    /// A question of a kind with choices 10, 11 and 12 (« Autre »), rows 20 and 21, bounds 1–5.
    pub(crate) fn question(kind: Kind) -> Question {
        let item = |id: i64, label: &str, is_other: bool| Item {
            id,
            code: id.to_string(),
            label: label.into(),
            is_other,
        };
        Question {
            id: 7,
            section_id: 1,
            kind,
            profile: None,
            label: "Q".into(),
            help: String::new(),
            required: true,
            min_value: Some(1.0),
            max_value: Some(5.0),
            max_choices: Some(2),
            low_label: String::new(),
            high_label: String::new(),
            shown_if_choice: None,
            choices: vec![
                item(10, "Vélo", false),
                item(11, "Bus", false),
                item(12, "Autre", true),
            ],
            rows: vec![item(20, "Propreté", false), item(21, "Sécurité", false)],
        }
    }

    /// A form of these fields.
    pub(crate) fn form(pairs: &[(&str, &str)]) -> Pairs {
        Pairs(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn read(kind: Kind, pairs: &[(&str, &str)]) -> Result<Vec<AnswerRow>, AnswerError> {
        let commune = |code: &str| Place {
            code: code.into(),
            name: code.into(),
            within: None,
            population: None,
        };
        read_answer(
            &question(kind),
            &form(pairs),
            &Places::new(vec![commune("25388")], Vec::new(), Vec::new()),
        )
    }

    #[test]
    fn closed_questions_keep_known_choices_within_their_limit() {
        assert_eq!(read(Kind::Single, &[("q7", "11")]).unwrap()[0].item, 11);
        assert_eq!(
            read(Kind::Single, &[("q7", "99")]),
            Err(AnswerError::UnknownChoice)
        );
        assert_eq!(
            read(Kind::Single, &[("q7", "10"), ("q7", "11")]),
            Err(AnswerError::TooManyChoices(1))
        );
        assert_eq!(read(Kind::Single, &[]), Err(AnswerError::Required));
        assert_eq!(
            read(Kind::Multiple, &[("q7", "10"), ("q7", "11")])
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            read(
                Kind::Multiple,
                &[("q7", "10"), ("q7", "11"), ("q7", "12"), ("q7_autre", "x")]
            ),
            Err(AnswerError::TooManyChoices(2))
        );
        assert_eq!(
            read(Kind::Single, &[("q7", "12")]),
            Err(AnswerError::OtherMissing)
        );
        let other = read(Kind::Single, &[("q7", "12"), ("q7_autre", " Trottinette ")]).unwrap();
        assert_eq!(other[0].text.as_deref(), Some("Trottinette"));
    }

    #[test]
    fn numbers_scales_and_matrices_stay_within_bounds() {
        assert_eq!(
            read(Kind::Scale, &[("q7", "4")]).unwrap()[0].number,
            Some(4.0)
        );
        assert_eq!(
            read(Kind::Scale, &[("q7", "6")]),
            Err(AnswerError::OutOfBounds(1.0, 5.0))
        );
        assert_eq!(
            read(Kind::Scale, &[("q7", "2,5")]),
            Err(AnswerError::NotANumber)
        );
        assert_eq!(
            read(Kind::Number, &[("q7", "2,5")]).unwrap()[0].number,
            Some(2.5)
        );
        assert_eq!(
            read(Kind::Number, &[("q7", "deux")]),
            Err(AnswerError::NotANumber)
        );
        assert_eq!(
            read(Kind::Matrix, &[("q7_20", "3"), ("q7_21", "5")])
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            read(Kind::Matrix, &[("q7_20", "3")]),
            Err(AnswerError::Required)
        );
    }

    #[test]
    fn ranks_run_from_one_each_once() {
        let ranked = read(
            Kind::Ranking,
            &[("q7_10", "2"), ("q7_11", "1"), ("q7_12", "3")],
        )
        .unwrap();
        assert_eq!(ranked.len(), 3);
        assert_eq!(
            read(
                Kind::Ranking,
                &[("q7_10", "1"), ("q7_11", "1"), ("q7_12", "2")]
            ),
            Err(AnswerError::BadRanks)
        );
        assert_eq!(
            read(Kind::Ranking, &[("q7_10", "1"), ("q7_11", "2")]),
            Err(AnswerError::BadRanks)
        );
        assert_eq!(
            read(Kind::Ranking, &[("q7_10", "4")]),
            Err(AnswerError::BadRanks)
        );
    }

    #[test]
    fn texts_dates_and_communes_are_checked() {
        assert_eq!(
            read(Kind::Date, &[("q7", "2026-02-30")]),
            Err(AnswerError::NotADate)
        );
        assert_eq!(
            read(Kind::Date, &[("q7", "2026-02-03")]).unwrap()[0]
                .text
                .as_deref(),
            Some("2026-02-03")
        );
        assert_eq!(
            read(Kind::Commune, &[("q7", "25388")]).unwrap()[0]
                .text
                .as_deref(),
            Some("25388")
        );
        assert_eq!(
            read(Kind::Commune, &[("q7", "75056")]),
            Err(AnswerError::UnknownChoice)
        );
        let long = "a".repeat(MAX_SHORT_ANSWER_CHARS + 1);
        assert_eq!(
            read(Kind::ShortText, &[("q7", &long)]),
            Err(AnswerError::TooLong(MAX_SHORT_ANSWER_CHARS))
        );
    }

    #[test]
    fn dates_decide_when_and_choices_are_typed_one_per_line() {
        let day = |s| Day::parse(s).unwrap();
        assert_eq!(
            opening(Some("2026-01-10"), None, day("2026-01-09")),
            Opening::NotYet
        );
        assert_eq!(
            opening(Some("2026-01-10"), Some("2026-01-20"), day("2026-01-20")),
            Opening::Open
        );
        assert_eq!(
            opening(None, Some("2026-01-20"), day("2026-01-21")),
            Opening::Closed
        );
        assert_eq!(choice_lines(" Vélo\n\nvélo\nBus "), vec!["Vélo", "Bus"]);
    }
}
