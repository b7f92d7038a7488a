//! The builder's questions: adding one of any kind (or a profile question, its categories
//! set by the census), with its bounds, choices and condition on an earlier question; editing
//! one (refused with the reason when answers would break); deleting one no one answered.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::questionnaires::build::{manage_page, read_condition, wording};
use crate::features::questionnaires::rules::{
    Kind, MAX_CHOICES, MAX_LABEL_CHARS, Profile, Section, choice_lines, parse_number,
};
use crate::features::questionnaires::service;
use crate::features::questionnaires::store::{self, QuestionDraft, QuestionEdit};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{FieldError, FormErrors, Pairs, validate_line};
use crate::platform::web::page::redirect_with_flash;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Reads a bound (`min`, `max`): empty is none.
fn bound(
    errors: &mut FormErrors,
    tr: Tr,
    form: &Pairs,
    name: &'static str,
    whole: bool,
) -> Option<f64> {
    let typed = form.get(name);
    if typed.is_empty() {
        return None;
    }
    match parse_number(&typed).filter(|n| !whole || n.fract() == 0.0) {
        Some(n) => Some(n),
        None => {
            errors.add_message(name, tr.t("questionnaire-error-number"));
            None
        }
    }
}

/// Reads the builder's question form into a draft, or the form's errors.
fn read_draft(
    form: &Pairs,
    tr: Tr,
    sections: &[Section],
    errors: &mut FormErrors,
) -> Option<(i64, QuestionDraft)> {
    let typed = form.get("type");
    let (kind, profile) = match typed.strip_prefix("profil-") {
        Some(p) => match p.parse::<Profile>() {
            Ok(profile) => (Some(profile.kind()), Some(profile)),
            Err(_) => (None, None),
        },
        None => (typed.parse::<Kind>().ok(), None),
    };
    if kind.is_none() {
        errors.add(tr, "type", FieldError::Required);
    }
    let section_rank = form
        .get("section")
        .parse::<i64>()
        .ok()
        .and_then(|s| sections.iter().position(|section| section.id == s));
    if section_rank.is_none() {
        errors.add(tr, "section", FieldError::Required);
    }
    if let Some(profile) = profile
        && sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .any(|q| q.profile == Some(profile))
    {
        errors.add_message("type", tr.t("questionnaire-error-profile-twice"));
    }
    let (label, help) = wording(errors, tr, form, "libelle", "aide");
    let condition = read_condition(form, sections, section_rank);
    if condition.is_err() {
        errors.add_message("condition", tr.t("questionnaire-error-condition"));
    }
    let kind = kind?;
    let whole = kind.has_scale();
    let mut min_value = bound(errors, tr, form, "min", whole);
    let mut max_value = bound(errors, tr, form, "max", whole);
    if kind.has_scale() {
        min_value = min_value.or(Some(1.0));
        max_value = max_value.or(Some(5.0));
    }
    if let (Some(min), Some(max)) = (min_value, max_value) {
        if min >= max {
            errors.add_message("max", tr.t("questionnaire-error-bounds-order"));
        } else if kind.has_scale() && max - min > 10.0 {
            errors.add_message("max", tr.t("questionnaire-error-scale-size"));
        }
    }
    let mut choices: Vec<(String, String, bool)> = match profile {
        Some(p) => p
            .categories()
            .iter()
            .map(|(code, label)| (code.to_string(), label.to_string(), false))
            .collect(),
        None if kind.has_choices() => choice_lines(&form.get("choix"))
            .into_iter()
            .enumerate()
            .map(|(i, label)| ((i + 1).to_string(), label, false))
            .collect(),
        None => Vec::new(),
    };
    if profile.is_none()
        && matches!(kind, Kind::Single | Kind::Multiple)
        && form.get("autre") == "1"
    {
        choices.push((
            (choices.len() + 1).to_string(),
            tr.t("questionnaire-other"),
            true,
        ));
    }
    let rows: Vec<(String, String)> = if kind == Kind::Matrix {
        choice_lines(&form.get("lignes"))
            .into_iter()
            .enumerate()
            .map(|(i, l)| ((i + 1).to_string(), l))
            .collect()
    } else {
        Vec::new()
    };
    if kind.has_choices() && profile.is_none() && choices.len() < 2 {
        errors.add_message("choix", tr.t("questionnaire-error-two-choices"));
    }
    if choices.len() > MAX_CHOICES
        || rows.len() > MAX_CHOICES
        || choices
            .iter()
            .any(|c| c.1.chars().count() > MAX_LABEL_CHARS)
    {
        errors.add_message(
            "choix",
            tr.t1("questionnaire-error-many-choices", "max", MAX_CHOICES),
        );
    }
    if kind == Kind::Matrix && rows.is_empty() {
        errors.add_message("lignes", tr.t("questionnaire-error-rows"));
    }
    let max_choices = if kind == Kind::Multiple && !form.get("max_choix").is_empty() {
        match form
            .get("max_choix")
            .parse::<i64>()
            .ok()
            .filter(|m| *m >= 1 && (*m as usize) <= choices.len())
        {
            Some(m) => Some(m),
            None => {
                errors.add_message("max_choix", tr.t("questionnaire-error-max-choices"));
                None
            }
        }
    } else {
        None
    };
    let low_label = errors.check(
        tr,
        "bas",
        validate_line(&form.get("bas"), MAX_LABEL_CHARS, false),
    );
    let high_label = errors.check(
        tr,
        "haut",
        validate_line(&form.get("haut"), MAX_LABEL_CHARS, false),
    );
    if !errors.is_empty() {
        return None;
    }
    Some((
        sections[section_rank?].id,
        QuestionDraft {
            kind,
            profile,
            label: label?,
            help: help?,
            required: form.get("obligatoire") == "1",
            min_value: min_value
                .filter(|_| matches!(kind, Kind::Scale | Kind::Matrix | Kind::Number)),
            max_value: max_value
                .filter(|_| matches!(kind, Kind::Scale | Kind::Matrix | Kind::Number)),
            max_choices,
            low_label: low_label.filter(|_| kind.has_scale()).unwrap_or_default(),
            high_label: high_label.filter(|_| kind.has_scale()).unwrap_or_default(),
            shown_if_choice: condition.ok().flatten(),
            choices,
            rows,
        },
    ))
}

/// `POST /gestion/questionnaires/{id}/questions`: adds a question at the end of a section
/// (`section`, `type` — a kind or `profil-…` —, `libelle`, `aide`, `obligatoire`, `choix` one
/// per line, `autre`, `lignes`, `min`, `max`, `max_choix`, `bas`, `haut`, `condition`). The team.
pub async fn add_question(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let sections = store::structure(&state.db, id).await?;
    let mut errors = FormErrors::default();
    let Some((section, draft)) = read_draft(&form, visitor.tr(), &sections, &mut errors) else {
        return manage_page(&state, &visitor, loaded, errors, form, "question").await;
    };
    store::add_question(&state.db, id, section, &draft).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/questionnaires/{id}"),
        "flash-questionnaire-question-added",
    ))
}

/// `POST /gestion/questionnaires/{id}/questions/{question}`: changes a question's wording,
/// help, whether it is required, and its choices (one per line: new lines are added; a choice
/// whose line is gone is removed, unless an answer holds it: then nothing changes and the
/// reason is said). The team.
pub async fn edit_question(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, question_id)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let sections = store::structure(&state.db, id).await?;
    let question = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .find(|q| q.id == question_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let refused = format!("edit-{question_id}");
    let mut errors = FormErrors::default();
    let (label, help) = wording(&mut errors, tr, &form, "libelle", "aide");
    let mut edit = QuestionEdit {
        required: form.get("obligatoire") == "1",
        ..QuestionEdit::default()
    };
    if question.kind.has_choices() && question.profile.is_none() {
        let lines = choice_lines(&form.get("choix"));
        let kept: Vec<&str> = question
            .choices
            .iter()
            .filter(|c| !c.is_other)
            .map(|c| c.label.as_str())
            .collect();
        edit.removed = question
            .choices
            .iter()
            .filter(|c| !c.is_other && !lines.iter().any(|l| l == &c.label))
            .map(|c| c.id)
            .collect();
        let next_code = question
            .choices
            .iter()
            .filter_map(|c| c.code.parse::<i64>().ok())
            .max()
            .unwrap_or(0);
        edit.added = lines
            .iter()
            .filter(|l| !kept.contains(&l.as_str()))
            .enumerate()
            .map(|(i, l)| ((next_code + 1 + i as i64).to_string(), l.clone(), false))
            .collect();
        if question.choices.len() - edit.removed.len() + edit.added.len() < 2 {
            errors.add_message("choix", tr.t("questionnaire-error-two-choices"));
        }
    }
    let (Some(label), Some(help), true) = (label, help, errors.is_empty()) else {
        return manage_page(&state, &visitor, loaded, errors, form, &refused).await;
    };
    edit.label = label;
    edit.help = help;
    match store::edit_question(&state.db, id, question_id, &edit).await? {
        Ok(()) => Ok(redirect_with_flash(
            &state,
            &format!("/gestion/questionnaires/{id}"),
            "flash-questionnaire-question-saved",
        )),
        Err(chosen) => {
            let counts = store::answer_counts(&state.db, id)
                .await?
                .remove(&question_id)
                .unwrap_or_default();
            let label = question
                .choices
                .iter()
                .find(|c| c.id == chosen)
                .map(|c| c.label.clone())
                .unwrap_or_default();
            errors.add_message(
                "choix",
                tr.t_args(
                    "questionnaire-error-choice-chosen",
                    &[
                        ("choice", &label),
                        (
                            "count",
                            &counts.get(&chosen).copied().unwrap_or(0).to_string(),
                        ),
                    ],
                ),
            );
            manage_page(&state, &visitor, loaded, errors, form, &refused).await
        }
    }
}

/// `POST /gestion/questionnaires/{id}/questions/{question}/suppression`: deletes a question no
/// one answered (refused with the reason otherwise). The team.
pub async fn delete_question(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, question_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    if store::delete_question(&state.db, id, question_id).await? {
        return Ok(redirect_with_flash(
            &state,
            &format!("/gestion/questionnaires/{id}"),
            "flash-questionnaire-question-deleted",
        ));
    }
    let mut errors = FormErrors::default();
    errors.add_message("form", visitor.tr().t("questionnaire-error-answered"));
    manage_page(&state, &visitor, loaded, errors, Pairs::default(), "delete").await
}
