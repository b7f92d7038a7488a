//! The management area for process managers: create a process, edit it (text, status,
//! territories, themes, phases and their modules, team), and clone it for another territory.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::accounts;
use crate::features::accounts::rules as account;
use crate::features::processes;
use crate::features::processes::pages::{PhaseView, phase_views};
use crate::features::processes::rules::{
    self as process, Day, Module, PhaseDates, Status, TimelineError,
};
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
#[template(path = "manage/index.html")]
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
#[template(path = "manage/edit.html")]
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
        modules: module_choices(tr, &typed.phase.4),
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

/// The theme form (adding or changing).
#[derive(Deserialize)]
pub struct ThemeForm {
    #[serde(default)]
    theme_name: String,
    #[serde(default)]
    theme_colour: String,
    #[serde(default)]
    theme_description: String,
    #[serde(default)]
    theme_keywords: String,
}

/// A theme that passed its checks.
struct ThemeValues {
    name: String,
    colour: String,
    description: String,
    keywords: String,
}

impl ThemeForm {
    /// Checks the theme: a name, a colour that carries white text, bounded texts.
    fn validate(&self, tr: Tr, errors: &mut FormErrors) -> Option<ThemeValues> {
        let name = check_text(errors, tr, "theme_name", &self.theme_name, 80);
        match process::parse_colour(&self.theme_colour) {
            None => errors.add_message("theme_colour", tr.t("error-colour-invalid")),
            Some(colour) if !process::colour_is_readable(colour) => {
                errors.add_message("theme_colour", tr.t("error-colour-contrast"))
            }
            Some(_) => {}
        }
        if self.theme_description.chars().count() > 300 {
            errors.add(tr, "theme_description", FieldError::TooLong);
        }
        if self.theme_keywords.chars().count() > 500 {
            errors.add(tr, "theme_keywords", FieldError::TooLong);
        }
        errors.is_empty().then(|| ThemeValues {
            name,
            colour: self.theme_colour.trim().to_lowercase(),
            description: self.theme_description.trim().to_owned(),
            keywords: self.theme_keywords.trim().to_owned(),
        })
    }

    fn typed(self) -> (String, String, String, String) {
        (
            self.theme_name,
            self.theme_colour,
            self.theme_description,
            self.theme_keywords,
        )
    }
}

/// `POST /gestion/demarches/{slug}/themes`: adds a theme.
pub async fn add_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<ThemeForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let mut errors = FormErrors::default();
    let Some(theme) = form.validate(visitor.tr(), &mut errors) else {
        let typed = Typed {
            theme: form.typed(),
            ..Typed::default()
        };
        return edit_page(&state, &visitor, process, errors, typed).await;
    };
    processes::store::add_theme(
        &state.db,
        process.id,
        &theme.name,
        &theme.colour,
        &theme.description,
        &theme.keywords,
    )
    .await?;
    Ok(saved(&state, &slug, "themes"))
}

#[derive(Template)]
#[template(path = "manage/theme.html")]
struct ThemePage {
    page: PageCtx,
    process: Process,
    id: i64,
    errors: FormErrors,
    theme: (String, String, String, String),
}

fn theme_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    id: i64,
    errors: FormErrors,
    theme: (String, String, String, String),
) -> AppResult<Response> {
    let page = ThemePage {
        page: PageCtx::new(state, visitor),
        process,
        id,
        errors,
        theme,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/demarches/{slug}/themes/{id}`: the form to change a theme.
pub async fn edit_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let theme = processes::store::themes(&state.db, process.id)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)?;
    theme_page(
        &state,
        &visitor,
        process,
        id,
        FormErrors::default(),
        (theme.name, theme.colour, theme.description, theme.keywords),
    )
}

/// `POST /gestion/demarches/{slug}/themes/{id}`: saves a changed theme.
pub async fn update_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
    Form(form): Form<ThemeForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let mut errors = FormErrors::default();
    let Some(theme) = form.validate(visitor.tr(), &mut errors) else {
        return theme_page(&state, &visitor, process, id, errors, form.typed());
    };
    found(
        processes::store::update_theme(
            &state.db,
            process.id,
            id,
            &theme.name,
            &theme.colour,
            &theme.description,
            &theme.keywords,
        )
        .await?,
    )?;
    Ok(saved(&state, &slug, "themes"))
}

/// `POST /gestion/demarches/{slug}/themes/{id}/suppression`.
pub async fn delete_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    found(processes::store::delete_theme(&state.db, process.id, id).await?)?;
    Ok(saved(&state, &slug, "themes"))
}

/// The phase form as posted (modules are repeated `modules` fields).
struct PhaseForm(Vec<(String, String)>);

impl PhaseForm {
    fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// A phase that passed its checks.
struct PhaseValues {
    name: String,
    description: String,
    starts: Day,
    ends: Day,
    modules: Vec<Module>,
}

impl PhaseValues {
    /// The dates and modules as stored.
    fn stored(&self) -> (String, String, String) {
        (
            self.starts.iso(),
            self.ends.iso(),
            process::modules_to_text(&self.modules),
        )
    }

    /// The fields to store, borrowing the stored texts.
    fn fields<'a>(
        &'a self,
        starts_on: &'a str,
        ends_on: &'a str,
        modules: &'a str,
    ) -> processes::store::PhaseFields<'a> {
        processes::store::PhaseFields {
            name: &self.name,
            description: &self.description,
            starts_on,
            ends_on,
            modules,
        }
    }
}

impl PhaseForm {
    /// Checks a phase: a name, valid dates in order that overlap no other phase of the process
    /// (but `replacing`, the phase being changed), at least one module.
    async fn validate(
        &self,
        state: &AppState,
        process_id: i64,
        replacing: Option<i64>,
        tr: Tr,
        errors: &mut FormErrors,
    ) -> AppResult<Option<PhaseValues>> {
        let name = check_text(errors, tr, "phase_name", &self.get("phase_name"), 120);
        let starts = Day::parse(&self.get("phase_starts"));
        let ends = Day::parse(&self.get("phase_ends"));
        if starts.is_none() {
            errors.add_message("phase_starts", tr.t("error-date-invalid"));
        }
        if ends.is_none() {
            errors.add_message("phase_ends", tr.t("error-date-invalid"));
        }
        let modules: Vec<Module> = self
            .all("modules")
            .iter()
            .filter_map(|m| m.parse().ok())
            .collect();
        if modules.is_empty() {
            errors.add_message("modules", tr.t("error-modules-required"));
        }
        if let (Some(starts), Some(ends)) = (starts, ends) {
            let mut timeline: Vec<PhaseDates> = processes::store::phases(&state.db, process_id)
                .await?
                .iter()
                .filter(|p| Some(p.id) != replacing)
                .filter_map(|p| {
                    Some(PhaseDates {
                        starts: Day::parse(&p.starts_on)?,
                        ends: Day::parse(&p.ends_on)?,
                    })
                })
                .collect();
            timeline.push(PhaseDates { starts, ends });
            match process::check_timeline(&timeline) {
                Ok(()) => {}
                Err(TimelineError::EndsBeforeStart) => {
                    errors.add_message("phase_ends", tr.t("error-phase-ends-before"))
                }
                Err(TimelineError::Overlap) => {
                    errors.add_message("phase_starts", tr.t("error-phase-overlap"))
                }
            }
        }
        Ok(match (starts, ends, errors.is_empty()) {
            (Some(starts), Some(ends), true) => Some(PhaseValues {
                name,
                description: self.get("phase_description"),
                starts,
                ends,
                modules,
            }),
            _ => None,
        })
    }

    fn typed(&self) -> (String, String, String, String, Vec<String>) {
        (
            self.get("phase_name"),
            self.get("phase_description"),
            self.get("phase_starts"),
            self.get("phase_ends"),
            self.all("modules"),
        )
    }
}

/// `POST /gestion/demarches/{slug}/phases`: adds a phase; dates must not overlap another's.
pub async fn add_phase(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = PhaseForm(fields);
    let process = editable(&state, &visitor, &slug).await?;
    let mut errors = FormErrors::default();
    let Some(phase) = form
        .validate(&state, process.id, None, visitor.tr(), &mut errors)
        .await?
    else {
        let typed = Typed {
            phase: form.typed(),
            ..Typed::default()
        };
        return edit_page(&state, &visitor, process, errors, typed).await;
    };
    let (starts_on, ends_on, modules) = phase.stored();
    processes::store::add_phase(
        &state.db,
        process.id,
        phase.fields(&starts_on, &ends_on, &modules),
    )
    .await?;
    Ok(saved(&state, &slug, "phases"))
}

#[derive(Template)]
#[template(path = "manage/phase.html")]
struct PhasePage {
    page: PageCtx,
    process: Process,
    id: i64,
    errors: FormErrors,
    phase: (String, String, String, String, Vec<String>),
    modules: Vec<Choice>,
}

fn phase_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    id: i64,
    errors: FormErrors,
    phase: (String, String, String, String, Vec<String>),
) -> AppResult<Response> {
    let tr = visitor.tr();
    let modules = module_choices(tr, &phase.4);
    let page = PhasePage {
        page: PageCtx::new(state, visitor),
        process,
        id,
        errors,
        phase,
        modules,
    };
    render_form(&page, page.errors.is_empty())
}

/// Every module with its label and whether it is ticked.
fn module_choices(tr: Tr, ticked: &[String]) -> Vec<Choice> {
    let mut choices = Choice::words(Module::ALL.iter().map(|m| m.as_str()), "module-", tr, "");
    for choice in &mut choices {
        choice.selected = ticked.contains(&choice.value);
    }
    choices
}

/// `GET /gestion/demarches/{slug}/phases/{id}`: the form to change a phase.
pub async fn edit_phase(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let phase = processes::store::phases(&state.db, process.id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(AppError::NotFound)?;
    let modules = process::modules_from_text(&phase.modules)
        .iter()
        .map(|m| m.as_str().to_owned())
        .collect();
    phase_page(
        &state,
        &visitor,
        process,
        id,
        FormErrors::default(),
        (
            phase.name,
            phase.description,
            phase.starts_on,
            phase.ends_on,
            modules,
        ),
    )
}

/// `POST /gestion/demarches/{slug}/phases/{id}`: saves a changed phase.
pub async fn update_phase(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = PhaseForm(fields);
    let process = editable(&state, &visitor, &slug).await?;
    let mut errors = FormErrors::default();
    let Some(phase) = form
        .validate(&state, process.id, Some(id), visitor.tr(), &mut errors)
        .await?
    else {
        return phase_page(&state, &visitor, process, id, errors, form.typed());
    };
    let (starts_on, ends_on, modules) = phase.stored();
    found(
        processes::store::update_phase(
            &state.db,
            process.id,
            id,
            phase.fields(&starts_on, &ends_on, &modules),
        )
        .await?,
    )?;
    Ok(saved(&state, &slug, "phases"))
}

/// `POST /gestion/demarches/{slug}/phases/{id}/suppression`.
pub async fn delete_phase(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    found(processes::store::delete_phase(&state.db, process.id, id).await?)?;
    Ok(saved(&state, &slug, "phases"))
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
