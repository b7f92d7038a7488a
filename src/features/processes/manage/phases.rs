//! A process's phases, managed by its team: dates in order that overlap no other phase, and
//! the modules open during each.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use super::{Typed, check_text, edit_page, editable, found, saved};
use crate::features::processes;
use crate::features::processes::rules::{self as process, Day, Module, PhaseDates, TimelineError};
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{Choice, FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The phase form as posted (modules are repeated `modules` fields).
type PhaseForm = Pairs;

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
    let form = Pairs(fields);
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
#[template(path = "processes/templates/manage/phase.html")]
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
pub(super) fn module_choices(tr: Tr, ticked: &[String]) -> Vec<Choice> {
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
    let form = Pairs(fields);
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
