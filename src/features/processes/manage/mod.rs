//! The management area for process managers: create a process, edit it (text, status,
//! territories, themes, phases and their modules, team), and clone it for another territory.

pub mod phases;
pub mod themes;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::accounts;
use crate::features::accounts::rules as account;
use crate::features::processes;
use crate::features::processes::pages::{PhaseView, phase_views};
use crate::features::processes::rules::{self as process, Status};
use crate::features::processes::store::Process;
use crate::features::processes::store::ProcessFields;
use crate::features::territories;
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::permissions::{Action, ProcessAction, ProcessRole};
use crate::platform::web::forms::{Choice, FieldError, FormErrors};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::{Account, Visitor};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "processes/templates/manage/index.html")]
struct IndexPage {
    page: PageCtx,
    processes: Vec<Process>,
    can_create: bool,
    can_import: bool,
    errors: FormErrors,
    title: String,
    slug: String,
    summary: String,
}

async fn index_page(
    state: &AppState,
    visitor: &Visitor,
    account: &Account,
    errors: FormErrors,
    typed: (String, String, String),
) -> AppResult<Response> {
    let processes = if account.may(Action::ReadRoleRegistry) {
        processes::store::list_all(&state.db).await?
    } else {
        processes::store::list_for_member(&state.db, account.id).await?
    };
    let page = IndexPage {
        page: PageCtx::new(state, visitor),
        processes,
        can_create: account.may(Action::CreateProcess),
        can_import: account.may(Action::ManageTerritories),
        errors,
        title: typed.0,
        slug: typed.1,
        summary: typed.2,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion`: the processes this person manages, and the form to start one.
pub async fn index(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let manages = !processes::store::list_for_member(&state.db, account.id)
        .await?
        .is_empty();
    if !manages && !account.may(Action::CreateProcess) && !account.may(Action::ManageTerritories) {
        return Err(AppError::Forbidden);
    }
    index_page(
        &state,
        &visitor,
        account,
        FormErrors::default(),
        Default::default(),
    )
    .await
}

/// The new-process form.
#[derive(Deserialize)]
pub struct NewProcessForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    summary: String,
}

/// Checks a one-line field: required, at most `max` characters; returns it cleaned.
fn check_text(
    errors: &mut FormErrors,
    tr: Tr,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    // One line: control characters (a lone carriage return, say) and runs of spaces become
    // one space, so nothing typed here can break a line of an export or a calendar.
    let value = value
        .split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if value.is_empty() {
        errors.add(tr, field, FieldError::Required);
    } else if value.chars().count() > max {
        errors.add(tr, field, FieldError::TooLong);
    }
    value
}

/// Checks a process's title and summary (required, bounded).
fn check_title_and_summary(
    errors: &mut FormErrors,
    tr: Tr,
    title: &str,
    summary: &str,
) -> (String, String) {
    (
        check_text(errors, tr, "title", title, process::MAX_TITLE_CHARS),
        check_text(errors, tr, "summary", summary, process::MAX_SUMMARY_CHARS),
    )
}

fn check_slug(
    errors: &mut FormErrors,
    tr: Tr,
    field: &'static str,
    slug: &str,
    title: &str,
) -> String {
    let slug = if slug.trim().is_empty() {
        process::slugify(title)
    } else {
        slug.trim().to_owned()
    };
    if !process::valid_slug(&slug) {
        errors.add_message(field, tr.t("error-slug-invalid"));
    }
    slug
}

/// `POST /gestion/demarches`: creates a draft process; its creator manages it.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<NewProcessForm>,
) -> AppResult<Response> {
    let account = visitor.authorize(Action::CreateProcess)?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let (title, summary) = check_title_and_summary(&mut errors, tr, &form.title, &form.summary);
    let slug = check_slug(&mut errors, tr, "slug", &form.slug, &title);
    if errors.is_empty() {
        let fields = ProcessFields {
            slug: slug.clone(),
            title,
            summary,
            description: String::new(),
            status: Status::Draft,
        };
        match processes::store::create(&state.db, &fields, Some(account.id)).await? {
            Some(id) => {
                processes::store::add_member(&state.db, id, account.id, ProcessRole::Manager)
                    .await?;
                audit::record(
                    &state.db,
                    Some(account.id),
                    "process.create",
                    &format!("process:{slug}"),
                    "",
                )
                .await?;
                return Ok(redirect_with_flash(
                    &state,
                    &format!("/gestion/demarches/{slug}"),
                    "flash-process-created",
                ));
            }
            None => errors.add_message("slug", tr.t("error-slug-taken")),
        }
    }
    index_page(
        &state,
        &visitor,
        account,
        errors,
        (form.title, form.slug, form.summary),
    )
    .await
}

/// Back to a section of the edit page, saying the change is saved.
fn saved(state: &AppState, slug: &str, section: &str) -> Response {
    redirect_with_flash(
        state,
        &format!("/gestion/demarches/{slug}#{section}"),
        "flash-process-saved",
    )
}

/// Turns "nothing matched" into a 404.
fn found(matched: bool) -> AppResult<()> {
    if matched {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// A process the signed-in person may edit (its managers, admins).
pub async fn editable(state: &AppState, visitor: &Visitor, slug: &str) -> AppResult<Process> {
    let process = processes::store::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::features::processes::pages::authorize_in(
        state,
        visitor,
        process.id,
        ProcessAction::Edit,
    )
    .await?;
    Ok(process)
}

/// What was typed in the edit page's forms, to show again with errors.
#[derive(Default)]
struct Typed {
    general: Option<ProcessFields>,
    theme: (String, String, String, String),
    phase: (String, String, String, String, Vec<String>),
    member: (String, String),
    copy: (String, String),
    codes: Option<String>,
}

#[derive(Template)]
#[template(path = "processes/templates/manage/edit.html")]
struct EditPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    general: ProcessFields,
    statuses: Vec<Choice>,
    choices: Vec<Choice>,
    codes: String,
    themes: Vec<processes::store::Theme>,
    theme: (String, String, String, String),
    phases: Vec<(i64, PhaseView)>,
    phase: (String, String, String, String, Vec<String>),
    modules: Vec<Choice>,
    members: Vec<(processes::store::Member, String)>,
    member: (String, String),
    team_roles: Vec<Choice>,
    copy: (String, String),
}

async fn edit_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    errors: FormErrors,
    typed: Typed,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let covered = processes::store::territories(&state.db, process.id).await?;
    let mut choices = Vec::new();
    let mut listed = Vec::new();
    for level in ["pole", "departement", "epci"] {
        for t in territories::store::at_level(&state.db, level).await? {
            let level = crate::features::territories::pages::level_label(tr, &t.level, false);
            choices.push(Choice {
                value: t.id.to_string(),
                label: format!("{} ({level})", t.name),
                selected: covered.iter().any(|c| c.id == t.id),
            });
            listed.push(t.id);
        }
    }
    let codes = typed.codes.unwrap_or_else(|| {
        covered
            .iter()
            .filter(|t| !listed.contains(&t.id))
            .map(|t| t.code.clone())
            .collect::<Vec<_>>()
            .join("\n")
    });
    let phases = processes::store::phases(&state.db, process.id).await?;
    let views = phase_views(&phases, tr);
    let general = typed.general.unwrap_or_else(|| ProcessFields {
        slug: process.slug.clone(),
        title: process.title.clone(),
        summary: process.summary.clone(),
        description: process.description.clone(),
        status: process.status,
    });
    let page = EditPage {
        page: PageCtx::new(state, visitor),
        statuses: Choice::words(
            Status::ALL.iter().map(|s| s.as_str()),
            "status-",
            tr,
            general.status.as_str(),
        ),
        general,
        choices,
        codes,
        themes: processes::store::themes(&state.db, process.id).await?,
        theme: typed.theme,
        phases: phases.iter().map(|p| p.id).zip(views).collect(),
        modules: phases::module_choices(tr, &typed.phase.4),
        phase: typed.phase,
        members: processes::store::members(&state.db, process.id)
            .await?
            .into_iter()
            .map(|m| {
                let label = tr.t(&format!("process-role-{}", m.role));
                (m, label)
            })
            .collect(),
        team_roles: Choice::words(
            ProcessRole::ALL.iter().map(|r| r.as_str()),
            "process-role-",
            tr,
            &typed.member.1,
        ),
        member: typed.member,
        copy: typed.copy,
        errors,
        process,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/demarches/{slug}`.
pub async fn edit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    edit_page(
        &state,
        &visitor,
        process,
        FormErrors::default(),
        Typed::default(),
    )
    .await
}

/// The general form.
#[derive(Deserialize)]
pub struct GeneralForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
}

/// `POST /gestion/demarches/{slug}`: saves title, slug, summary, description and status.
pub async fn update(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<GeneralForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let (title, summary) = check_title_and_summary(&mut errors, tr, &form.title, &form.summary);
    let new_slug = check_slug(&mut errors, tr, "slug", &form.slug, &title);
    if form.description.chars().count() > process::MAX_DESCRIPTION_CHARS {
        errors.add(tr, "description", FieldError::TooLong);
    }
    let status = form.status.parse::<Status>().unwrap_or_else(|_| {
        errors.add_message("status", tr.t("error-status-unknown"));
        process.status
    });
    let fields = ProcessFields {
        slug: new_slug.clone(),
        title,
        summary,
        description: form.description.clone(),
        status,
    };
    if errors.is_empty() {
        if processes::store::update(&state.db, process.id, &fields).await? {
            return Ok(redirect_with_flash(
                &state,
                &format!("/gestion/demarches/{new_slug}"),
                "flash-process-saved",
            ));
        }
        errors.add_message("slug", tr.t("error-slug-taken"));
    }
    let typed = Typed {
        general: Some(ProcessFields {
            slug: form.slug,
            ..fields
        }),
        ..Typed::default()
    };
    edit_page(&state, &visitor, process, errors, typed).await
}

/// `POST /gestion/demarches/{slug}/territoires`: the ticked units and the listed codes.
pub async fn set_territories(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let mut ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "territory")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let codes_text = fields
        .iter()
        .find(|(k, _)| k == "codes")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let codes: Vec<String> = codes_text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    let found = territories::store::by_codes(&state.db, &codes).await?;
    let unknown: Vec<&String> = codes
        .iter()
        .filter(|c| !found.iter().any(|t| &t.code == *c))
        .collect();
    if !unknown.is_empty() {
        let mut errors = FormErrors::default();
        let list = unknown
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        errors.add_message(
            "codes",
            visitor.tr().t1("error-codes-unknown", "codes", list),
        );
        let typed = Typed {
            codes: Some(codes_text),
            ..Typed::default()
        };
        return edit_page(&state, &visitor, process, errors, typed).await;
    }
    ids.extend(found.iter().map(|t| t.id));
    ids.sort_unstable();
    ids.dedup();
    processes::store::set_territories(&state.db, process.id, &ids).await?;
    Ok(saved(&state, &slug, "territoires"))
}

/// The team forms.
#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    member_email: String,
    #[serde(default)]
    member_role: String,
    user_id: Option<i64>,
}

/// `POST /gestion/demarches/{slug}/equipe`: gives someone a role in the process.
pub async fn add_member(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let role = form.member_role.parse::<ProcessRole>().ok();
    if role.is_none() {
        errors.add_message("member_role", tr.t("error-role-unknown"));
    }
    let user = match errors.check(
        tr,
        "member_email",
        account::normalize_email(&form.member_email),
    ) {
        Some(email) => accounts::users::by_email(&state.db, &email).await?,
        None => None,
    };
    if user.is_none() && errors.get("member_email").is_none() {
        errors.add_message("member_email", tr.t("error-account-unknown"));
    }
    let (Some(user), Some(role)) = (user, role) else {
        let typed = Typed {
            member: (form.member_email, form.member_role),
            ..Typed::default()
        };
        return edit_page(&state, &visitor, process, errors, typed).await;
    };
    processes::store::add_member(&state.db, process.id, user.id, role).await?;
    let actor = visitor.account.as_ref().map(|a| a.id);
    audit::record(
        &state.db,
        actor,
        "process.team.add",
        &format!("process:{slug} user:{}", user.id),
        role.as_str(),
    )
    .await?;
    Ok(saved(&state, &slug, "equipe"))
}

/// `POST /gestion/demarches/{slug}/equipe/retrait`.
pub async fn remove_member(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let role = form
        .member_role
        .parse::<ProcessRole>()
        .map_err(|_| AppError::NotFound)?;
    let user_id = form.user_id.ok_or(AppError::NotFound)?;
    processes::store::remove_member(&state.db, process.id, user_id, role).await?;
    let actor = visitor.account.as_ref().map(|a| a.id);
    audit::record(
        &state.db,
        actor,
        "process.team.remove",
        &format!("process:{slug} user:{user_id}"),
        role.as_str(),
    )
    .await?;
    Ok(saved(&state, &slug, "equipe"))
}

/// The clone form.
#[derive(Deserialize)]
pub struct CopyForm {
    #[serde(default)]
    copy_title: String,
    #[serde(default)]
    copy_slug: String,
}

/// `POST /gestion/demarches/{slug}/copie`: a draft copy (themes, phases, text) to adapt to
/// another territory.
pub async fn copy(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<CopyForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let account = visitor.authorize(Action::CreateProcess)?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let title = check_text(
        &mut errors,
        tr,
        "copy_title",
        &form.copy_title,
        process::MAX_TITLE_CHARS,
    );
    let new_slug = check_slug(&mut errors, tr, "copy_slug", &form.copy_slug, &title);
    if errors.is_empty() {
        if processes::store::clone(&state.db, &process, &new_slug, &title, account.id)
            .await?
            .is_some()
        {
            audit::record(
                &state.db,
                Some(account.id),
                "process.clone",
                &format!("process:{new_slug}"),
                &format!("from {slug}"),
            )
            .await?;
            return Ok(redirect_with_flash(
                &state,
                &format!("/gestion/demarches/{new_slug}"),
                "flash-process-created",
            ));
        }
        errors.add_message("copy_slug", tr.t("error-slug-taken"));
    }
    let typed = Typed {
        copy: (form.copy_title, form.copy_slug),
        ..Typed::default()
    };
    edit_page(&state, &visitor, process, errors, typed).await
}
