//! A question as a form asks it: the view every answering page draws (online section pages,
//! the team's preview and paper entry), with what was answered or typed, and its error.

use std::collections::HashSet;

use crate::features::questionnaires::places::{Place, Places};
use crate::features::questionnaires::rules::{
    AnswerRow, Kind, Question, field_name, number_text, other_field,
};
use crate::platform::i18n::Tr;

/// An option of a question: a choice, a scale value, a commune, an IRIS.
pub struct Opt {
    /// The value sent.
    pub value: String,
    /// What it says.
    pub label: String,
    /// Whether it is chosen.
    pub checked: bool,
    /// Whether choosing it asks « précisez ».
    pub is_other: bool,
}

/// The IRIS of one commune, in a list grouped by commune.
pub struct OptGroup {
    /// The commune's code.
    pub code: String,
    /// The commune's name.
    pub label: String,
    /// Its IRIS.
    pub options: Vec<Opt>,
}

/// The map a place is picked on, above its list: the drawing and the code of each of its
/// shapes, in drawing order (the page's script turns a click into a choice in the list).
pub struct PickMap {
    /// The `<svg>` element.
    pub svg: String,
    /// Codes of its shapes, space-separated.
    pub codes: String,
}

/// A matrix row or a ranked choice: its own field.
pub struct Line {
    /// The field's name.
    pub field: String,
    /// What it says.
    pub label: String,
    /// The value answered or typed.
    pub value: String,
    /// A matrix row's scale values.
    pub options: Vec<Opt>,
}

/// A question ready to draw.
pub struct Asked {
    /// Its id.
    pub id: i64,
    /// Its field's name.
    pub field: String,
    /// Which widget: `radio`, `checkbox`, `scale`, `matrix`, `ranking`, `line`, `text`,
    /// `number`, `date`, `select`.
    pub widget: &'static str,
    /// What the list's first, empty option says (a commune or IRIS list).
    pub choose: &'static str,
    /// The question.
    pub label: String,
    /// Its help.
    pub help: String,
    /// Whether it must be answered.
    pub required: bool,
    /// Its choices, scale values or communes.
    pub options: Vec<Opt>,
    /// Its IRIS, by commune.
    pub groups: Vec<OptGroup>,
    /// The map its place is picked on, if the page draws one.
    pub map: Option<PickMap>,
    /// Its matrix rows or ranked choices.
    pub lines: Vec<Line>,
    /// The value answered or typed (text, number, date).
    pub value: String,
    /// The « précisez » field's name.
    pub other_field: String,
    /// What « précisez » holds.
    pub other_value: String,
    /// Bounds and limits said.
    pub hint: String,
    /// A condition said when it is decided on this very page.
    pub condition: Option<String>,
    /// What is wrong with the answer.
    pub error: Option<String>,
    /// The ids that describe the field (its help, and its error if any).
    pub described: String,
}

/// What a question shows as answered: stored rows, or the fields typed in a refused form.
pub enum Given<'a> {
    /// Stored rows.
    Stored(&'a [AnswerRow]),
    /// A form's fields.
    Typed(&'a crate::platform::web::forms::Pairs),
}

impl Given<'_> {
    /// The value of a field (an item's, or the question's).
    fn value(&self, question: &Question, item: Option<i64>) -> String {
        match self {
            Given::Typed(form) => form.get(&field_name(question.id, item)),
            Given::Stored(rows) => rows
                .iter()
                .find(|r| r.question_id == question.id && item.is_none_or(|i| r.item == i))
                .map(|r| match (&r.text, r.number) {
                    (Some(text), _)
                        if question.kind != Kind::Single && question.kind != Kind::Multiple =>
                    {
                        text.clone()
                    }
                    (_, Some(n)) => number_text(n),
                    _ => String::new(),
                })
                .unwrap_or_default(),
        }
    }

    /// The choices chosen.
    fn chosen(&self, question: &Question) -> HashSet<i64> {
        match self {
            Given::Typed(form) => form
                .all(&field_name(question.id, None))
                .iter()
                .filter_map(|v| v.trim().parse().ok())
                .collect(),
            Given::Stored(rows) => rows
                .iter()
                .filter(|r| r.question_id == question.id)
                .map(|r| r.item)
                .collect(),
        }
    }

    /// What « précisez » holds.
    fn other(&self, question: &Question) -> String {
        match self {
            Given::Typed(form) => form.get(&other_field(question.id)),
            Given::Stored(rows) => rows
                .iter()
                .filter(|r| r.question_id == question.id)
                .find_map(|r| r.text.clone())
                .unwrap_or_default(),
        }
    }
}

/// The options of a scale from `min` to `max`, the chosen one `value`.
fn scale_options(question: &Question, value: &str) -> Vec<Opt> {
    let low = question.min_value.unwrap_or(1.0) as i64;
    let high = question.max_value.unwrap_or(5.0) as i64;
    (low..=high)
        .map(|v| {
            let label = if v == low && !question.low_label.is_empty() {
                format!("{v} – {}", question.low_label)
            } else if v == high && !question.high_label.is_empty() {
                format!("{v} – {}", question.high_label)
            } else {
                v.to_string()
            };
            Opt {
                checked: value == v.to_string(),
                value: v.to_string(),
                label,
                is_other: false,
            }
        })
        .collect()
}

/// A question ready to draw, with what was given, its condition said if decided on this page,
/// and its error. `places` are those a commune or IRIS question lists.
pub fn asked(
    question: &Question,
    given: &Given<'_>,
    places: &Places,
    condition: Option<String>,
    error: Option<String>,
    tr: Tr,
) -> Asked {
    let value = given.value(question, None);
    let chosen = given.chosen(question);
    let choice_options = || {
        question
            .choices
            .iter()
            .map(|c| Opt {
                value: c.id.to_string(),
                label: c.label.clone(),
                checked: chosen.contains(&c.id),
                is_other: c.is_other,
            })
            .collect::<Vec<_>>()
    };
    let place_option = |p: &Place| Opt {
        checked: value == p.code,
        value: p.code.clone(),
        label: p.name.clone(),
        is_other: false,
    };
    let mut groups: Vec<OptGroup> = Vec::new();
    let (widget, options, lines) = match question.kind {
        Kind::Single => ("radio", choice_options(), Vec::new()),
        Kind::Multiple => ("checkbox", choice_options(), Vec::new()),
        Kind::Scale => ("scale", scale_options(question, &value), Vec::new()),
        Kind::Matrix => (
            "matrix",
            Vec::new(),
            question
                .rows
                .iter()
                .map(|row| {
                    let typed = given.value(question, Some(row.id));
                    Line {
                        field: field_name(question.id, Some(row.id)),
                        label: row.label.clone(),
                        options: scale_options(question, &typed),
                        value: typed,
                    }
                })
                .collect(),
        ),
        Kind::Ranking => (
            "ranking",
            Vec::new(),
            question
                .choices
                .iter()
                .map(|c| Line {
                    field: field_name(question.id, Some(c.id)),
                    label: c.label.clone(),
                    value: given.value(question, Some(c.id)),
                    options: Vec::new(),
                })
                .collect(),
        ),
        Kind::ShortText => ("line", Vec::new(), Vec::new()),
        Kind::LongText => ("text", Vec::new(), Vec::new()),
        Kind::Number => ("number", Vec::new(), Vec::new()),
        Kind::Date => ("date", Vec::new(), Vec::new()),
        Kind::Commune => (
            "select",
            places
                .answers(Kind::Commune)
                .iter()
                .map(place_option)
                .collect(),
            Vec::new(),
        ),
        Kind::Iris => {
            for iris in places.answers(Kind::Iris) {
                let commune = iris.within.clone().unwrap_or_default();
                if groups.last().is_none_or(|g| g.code != commune) {
                    let label = places.name(Kind::Commune, &commune);
                    groups.push(OptGroup {
                        code: commune,
                        label,
                        options: Vec::new(),
                    });
                }
                if let Some(group) = groups.last_mut() {
                    group.options.push(place_option(iris));
                }
            }
            ("select", Vec::new(), Vec::new())
        }
    };
    let hint = match question.kind {
        Kind::Multiple => question
            .max_choices
            .map(|m| tr.t1("questionnaire-hint-max-choices", "max", m))
            .unwrap_or_default(),
        Kind::Number if question.min_value.is_some() || question.max_value.is_some() => tr.t_args(
            "questionnaire-hint-bounds",
            &[
                ("min", &question.min_value.map_or("–".into(), number_text)),
                ("max", &question.max_value.map_or("–".into(), number_text)),
            ],
        ),
        Kind::Ranking => tr.t1(
            "questionnaire-hint-ranking",
            "count",
            question.choices.len(),
        ),
        Kind::Date => tr.t("questionnaire-hint-date"),
        _ => String::new(),
    };
    let field = field_name(question.id, None);
    let described = if error.is_some() {
        format!("{field}-error {field}-help")
    } else {
        format!("{field}-help")
    };
    Asked {
        id: question.id,
        described,
        field,
        widget,
        choose: if question.kind == Kind::Iris {
            "questionnaire-choose-iris"
        } else {
            "questionnaire-choose-commune"
        },
        groups,
        map: None,
        label: question.label.clone(),
        help: question.help.clone(),
        required: question.required,
        options,
        lines,
        value,
        other_field: other_field(question.id),
        other_value: given.other(question),
        hint,
        condition,
        error,
    }
}
