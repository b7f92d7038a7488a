//! The builder, for the team that runs a process (facilitators, managers, admins): a process's
//! questionnaires, creating one, its settings (dates, anonymous or signed-in answers,
//! publication), its sections and their conditions, and copying a questionnaire to another
//! process. Its questions are added, edited and deleted in `questions.rs`.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::features::processes;
use crate::features::processes::pages::visible_process;
use crate::features::processes::rules::Day;
use crate::features::processes::store::Process;
use crate::features::questionnaires::rules::{
    self, Kind, MAX_INTRO_CHARS, MAX_LABEL_CHARS, Profile, Question, Section, number_text,
};
use crate::features::questionnaires::service::{self, Loaded};
use crate::features::questionnaires::store::{self, Questionnaire, Settings};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::markdown::to_safe_html;
use crate::platform::web::forms::{
    Choice, FieldError, FormErrors, Pairs, validate_line, validate_text,
};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// A questionnaire as the list shows it.
pub struct Listed {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Where it stands (open, closed, not yet, draft), said.
    pub state: String,
    /// Submitted responses.
    pub responses: i64,
}

#[derive(Template)]
#[template(path = "questionnaires/templates/list.html")]
struct ListPage {
    page: PageCtx,
    process: Process,
    questionnaires: Vec<Listed>,
    runs: bool,
    errors: FormErrors,
    form: Pairs,
}

/// Where a questionnaire stands, said in the visitor's language.
pub fn state_said(q: &Questionnaire, tr: crate::platform::i18n::Tr) -> String {
    if !q.published {
        return tr.t("questionnaire-state-draft");
    }
    match rules::opening(q.opens_on.as_deref(), q.closes_on.as_deref(), Day::today()) {
        rules::Opening::NotYet => tr.t1(
            "questionnaire-state-not-yet",
            "day",
            q.opens_on.as_deref().unwrap_or(""),
        ),
        rules::Opening::Open => tr.t("questionnaire-state-open"),
        rules::Opening::Closed => tr.t("questionnaire-state-closed"),
    }
}

async fn list_page(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let (process, roles) = visible_process(state, visitor, slug).await?;
    let runs = service::runs(visitor, &roles);
    let tr = visitor.tr();
    let questionnaires = store::of_process(&state.db, process.id)
        .await?
        .into_iter()
        .filter(|(q, _)| runs || q.published)
        .map(|(q, responses)| Listed {
            id: q.id,
            state: state_said(&q, tr),
            title: q.title,
            responses,
        })
        .collect();
    let page = ListPage {
        page: PageCtx::new(state, visitor),
        process,
        questionnaires,
        runs,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /demarches/{slug}/questionnaires`: a process's questionnaires (the team sees drafts
/// and a form to create one).
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    list_page(
        &state,
        &visitor,
        &slug,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// `POST /demarches/{slug}/questionnaires`: creates a questionnaire (`titre`), unpublished,
/// with a first section. The team.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    if !service::runs(&visitor, &roles) {
        return Err(AppError::Forbidden);
    }
    let form = Pairs(fields);
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let title = errors.check(
        tr,
        "titre",
        validate_line(&form.get("titre"), MAX_LABEL_CHARS, true),
    );
    let Some(title) = title.filter(|_| errors.is_empty()) else {
        return list_page(&state, &visitor, &slug, errors, form).await;
    };
    let settings = Settings {
        title,
        ..Settings::default()
    };
    let id = store::create(
        &state.db,
        process.id,
        &settings,
        &tr.t("questionnaire-first-section"),
        Some(account),
    )
    .await?;
    Ok(Redirect::to(&format!("/gestion/questionnaires/{id}")).into_response())
}

/// A question as the builder lists it.
pub struct BuiltQuestion {
    /// The question.
    pub question: Question,
    /// Its kind (or profile), said.
    pub kind: String,
    /// Its choices (or rows), each with how many answers hold it.
    pub items: Vec<(String, i64)>,
    /// Its bounds or limits, said.
    pub limits: String,
    /// Its condition, said, if any.
    pub condition: Option<String>,
    /// Answers that name it.
    pub answered: i64,
    /// Its choices as the edit form writes them (one per line, « autre » left out).
    pub choice_lines: String,
    /// Whether its edit form is the one refused.
    pub refused: bool,
}

/// A section as the builder lists it.
pub struct BuiltSection {
    /// Its id.
    pub id: i64,
    /// Its rank, from 1.
    pub rank: usize,
    /// Its title.
    pub title: String,
    /// Its condition, said.
    pub condition: Option<String>,
    /// Its questions.
    pub questions: Vec<BuiltQuestion>,
}

#[derive(Template)]
#[template(path = "questionnaires/templates/manage.html")]
struct ManagePage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    sections: Vec<BuiltSection>,
    responses: i64,
    kinds: Vec<Choice>,
    section_choices: Vec<Choice>,
    conditions: Vec<Choice>,
    targets: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
    /// The form that was refused (`settings`, `section`, `question`, `edit-{id}`, `copy`).
    refused: String,
}

/// Every choice of a questionnaire, by id: `(its question's label, its label)`.
fn choice_names(sections: &[Section]) -> HashMap<i64, (String, String)> {
    sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .flat_map(|q| {
            q.choices
                .iter()
                .map(move |c| (c.id, (q.label.clone(), c.label.clone())))
        })
        .collect()
}

/// The choices of the type select: every kind, then every profile question.
fn type_choices(tr: crate::platform::i18n::Tr, chosen: &str) -> Vec<Choice> {
    Kind::ALL
        .iter()
        .map(|k| {
            Choice::new(
                k.as_str(),
                tr.t(&format!("questionnaire-kind-{}", k.as_str())),
                chosen,
            )
        })
        .chain(Profile::ALL.iter().map(|p| {
            Choice::new(
                format!("profil-{}", p.as_str()),
                tr.t(&format!("questionnaire-profile-{}", p.as_str())),
                chosen,
            )
        }))
        .collect()
}

pub(super) async fn manage_page(
    state: &AppState,
    visitor: &Visitor,
    loaded: Loaded,
    errors: FormErrors,
    form: Pairs,
    refused: &str,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let q = &loaded.questionnaire;
    let sections = store::structure(&state.db, q.id).await?;
    let (responses, _) = store::submitted_counts(&state.db, q.id).await?;
    let counts = store::answer_counts(&state.db, q.id).await?;
    let names = choice_names(&sections);
    let said = |choice: Option<i64>| {
        choice.and_then(|c| names.get(&c)).map(|(question, label)| {
            tr.t_args(
                "questionnaire-condition-said",
                &[("question", question), ("choice", label)],
            )
        })
    };
    let mut built = Vec::new();
    for (rank, section) in sections.iter().enumerate() {
        let mut questions = Vec::new();
        for question in &section.questions {
            let per_item = counts.get(&question.id).cloned().unwrap_or_default();
            let answered: i64 = per_item.values().sum();
            let items = question
                .choices
                .iter()
                .chain(&question.rows)
                .map(|c| (c.label.clone(), per_item.get(&c.id).copied().unwrap_or(0)))
                .collect();
            let limits = match question.kind {
                Kind::Scale | Kind::Matrix | Kind::Number => tr.t_args(
                    "questionnaire-limits-bounds",
                    &[
                        ("min", &question.min_value.map_or("–".into(), number_text)),
                        ("max", &question.max_value.map_or("–".into(), number_text)),
                    ],
                ),
                Kind::Multiple => question
                    .max_choices
                    .map(|m| tr.t1("questionnaire-limits-max-choices", "max", m))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            questions.push(BuiltQuestion {
                kind: tr.t(&match question.profile {
                    Some(p) => format!("questionnaire-profile-{}", p.as_str()),
                    None => format!("questionnaire-kind-{}", question.kind.as_str()),
                }),
                items,
                limits,
                condition: said(question.shown_if_choice),
                answered,
                choice_lines: question
                    .choices
                    .iter()
                    .filter(|c| !c.is_other)
                    .map(|c| c.label.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                refused: refused == format!("edit-{}", question.id),
                question: question.clone(),
            });
        }
        built.push(BuiltSection {
            id: section.id,
            rank: rank + 1,
            title: section.title.clone(),
            condition: said(section.shown_if_choice),
            questions,
        });
    }
    let chosen_section = form.get("section");
    let section_choices = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Choice::new(
                s.id.to_string(),
                tr.t_args(
                    "questionnaire-section-numbered",
                    &[("rank", &(i + 1).to_string()), ("title", &s.title)],
                ),
                if chosen_section.is_empty() && i + 1 == sections.len() {
                    s.id.to_string()
                } else {
                    chosen_section.clone()
                }
                .as_str(),
            )
        })
        .collect();
    let chosen_condition = form.get("condition");
    let conditions = std::iter::once(Choice::new(
        "",
        tr.t("questionnaire-condition-none"),
        &chosen_condition,
    ))
    .chain(
        sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .filter(|q| matches!(q.kind, Kind::Single | Kind::Multiple))
            .flat_map(|q| {
                q.choices.iter().map(|c| {
                    Choice::new(
                        c.id.to_string(),
                        tr.t_args(
                            "questionnaire-condition-said",
                            &[("question", &q.label), ("choice", &c.label)],
                        ),
                        &chosen_condition,
                    )
                })
            }),
    )
    .collect();
    let targets = copy_targets(state, visitor, loaded.process.id).await?;
    let page = ManagePage {
        page: PageCtx::new(state, visitor),
        kinds: type_choices(tr, &form.get("type")),
        section_choices,
        conditions,
        targets,
        sections: built,
        responses,
        process: loaded.process,
        questionnaire: loaded.questionnaire,
        errors,
        form,
        refused: refused.to_owned(),
    };
    render_form(&page, page.errors.is_empty())
}

/// The processes a questionnaire can be copied to: those the visitor runs, other than its own.
async fn copy_targets(state: &AppState, visitor: &Visitor, own: i64) -> AppResult<Vec<Choice>> {
    let Some(account) = &visitor.account else {
        return Ok(Vec::new());
    };
    let candidates = if account
        .roles
        .contains(&crate::platform::permissions::Role::Admin)
    {
        processes::store::list_all(&state.db).await?
    } else {
        processes::store::list_for_member(&state.db, account.id).await?
    };
    let mut targets = Vec::new();
    for process in candidates.into_iter().filter(|p| p.id != own) {
        let roles = processes::store::roles_in(&state.db, process.id, account.id).await?;
        if service::runs(visitor, &roles) {
            targets.push(Choice::new(process.slug, process.title, ""));
        }
    }
    Ok(targets)
}

/// `GET /gestion/questionnaires/{id}`: the builder. The team.
pub async fn manage(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    manage_page(
        &state,
        &visitor,
        loaded,
        FormErrors::default(),
        Pairs::default(),
        "",
    )
    .await
}

/// A wording and its text: a required line (`line`) and an optional text (`text`), each
/// checked and its error noted next to its field.
pub(super) fn wording(
    errors: &mut FormErrors,
    tr: Tr,
    form: &Pairs,
    line: &'static str,
    text: &'static str,
) -> (Option<String>, Option<String>) {
    (
        errors.check(
            tr,
            line,
            validate_line(&form.get(line), MAX_LABEL_CHARS, true),
        ),
        errors.check(
            tr,
            text,
            validate_text(&form.get(text), MAX_INTRO_CHARS, false),
        ),
    )
}

/// An optional day field (`YYYY-MM-DD`).
fn optional_day(
    errors: &mut FormErrors,
    tr: crate::platform::i18n::Tr,
    form: &Pairs,
    name: &'static str,
) -> Option<String> {
    let typed = form.get(name);
    if typed.is_empty() {
        return None;
    }
    match Day::parse(&typed) {
        Some(day) => Some(day.iso()),
        None => {
            errors.add(tr, name, FieldError::NotADate);
            None
        }
    }
}

/// `POST /gestion/questionnaires/{id}`: title, introduction, dates, anonymous or signed-in
/// answers, publication of the questionnaire and of its results. The team.
pub async fn save_settings(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let (title, intro) = wording(&mut errors, tr, &form, "titre", "intro");
    let opens_on = optional_day(&mut errors, tr, &form, "ouverture");
    let closes_on = optional_day(&mut errors, tr, &form, "cloture");
    if let (Some(opens), Some(closes)) = (&opens_on, &closes_on)
        && closes < opens
    {
        errors.add_message("cloture", tr.t("questionnaire-error-closes-before"));
    }
    let (Some(title), Some(intro), true) = (title, intro, errors.is_empty()) else {
        return manage_page(&state, &visitor, loaded, errors, form, "settings").await;
    };
    let settings = Settings {
        title,
        intro,
        opens_on,
        closes_on,
        signed_in_only: form.get("compte") == "1",
        published: form.get("publie") == "1",
        results_public: form.get("resultats_publics") == "1",
    };
    store::set_settings(&state.db, id, &settings).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/questionnaires/{id}"),
        "flash-questionnaire-saved",
    ))
}

/// The rank of the section holding each question, and each choice's question.
fn positions(sections: &[Section]) -> (HashMap<i64, usize>, HashMap<i64, i64>) {
    let mut section_of_question = HashMap::new();
    let mut question_of_choice = HashMap::new();
    for (rank, section) in sections.iter().enumerate() {
        for question in &section.questions {
            section_of_question.insert(question.id, rank);
            for choice in &question.choices {
                question_of_choice.insert(choice.id, question.id);
            }
        }
    }
    (section_of_question, question_of_choice)
}

/// Reads a condition field: a choice of a closed question placed before `before` (a section's
/// rank: strictly before it for a section, up to it for a question added at its end).
pub(super) fn read_condition(
    form: &Pairs,
    sections: &[Section],
    last_allowed_section: Option<usize>,
) -> Result<Option<i64>, ()> {
    let typed = form.get("condition");
    if typed.is_empty() {
        return Ok(None);
    }
    let choice: i64 = typed.parse().map_err(|_| ())?;
    let (section_of_question, question_of_choice) = positions(sections);
    let question = question_of_choice.get(&choice).ok_or(())?;
    let closed = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .any(|q| q.id == *question && matches!(q.kind, Kind::Single | Kind::Multiple));
    match last_allowed_section {
        Some(last) if closed && section_of_question[question] <= last => Ok(Some(choice)),
        _ => Err(()),
    }
}

/// `POST /gestion/questionnaires/{id}/sections`: adds a section (`titre`, `intro`, an optional
/// `condition` on an earlier question). The team.
pub async fn add_section(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let sections = store::structure(&state.db, id).await?;
    let mut errors = FormErrors::default();
    let (title, intro) = wording(&mut errors, tr, &form, "section_titre", "section_intro");
    // A new section comes last: its condition may name any question already there.
    let condition = read_condition(&form, &sections, sections.len().checked_sub(1));
    if condition.is_err() {
        errors.add_message("condition", tr.t("questionnaire-error-condition"));
    }
    let (Some(title), Some(intro), Ok(condition), true) =
        (title, intro, condition, errors.is_empty())
    else {
        return manage_page(&state, &visitor, loaded, errors, form, "section").await;
    };
    store::add_section(&state.db, id, &title, &intro, condition).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/questionnaires/{id}"),
        "flash-questionnaire-section-added",
    ))
}

/// `POST /gestion/questionnaires/{id}/copie`: copies the questionnaire (settings, sections,
/// questions, choices and conditions; no answers), unpublished, into another process the
/// visitor runs (`demarche`). The team of both.
pub async fn copy(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let loaded = service::load_run(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let (target, roles) = visible_process(&state, &visitor, &form.get("demarche")).await?;
    if !service::runs(&visitor, &roles) {
        return Err(AppError::Forbidden);
    }
    let copy = store::copy(&state.db, id, target.id, Some(account)).await?;
    drop(loaded);
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/questionnaires/{copy}"),
        "flash-questionnaire-copied",
    ))
}

/// The introduction as HTML (Markdown, sanitised).
pub fn intro_html(q: &Questionnaire) -> String {
    to_safe_html(&q.intro)
}
