//! The public page of a process: summary, description, the timeline of its phases with the
//! current one marked, its themes, the map of its territory and its key figures.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::partners;
use crate::features::processes;
use crate::features::processes::rules::{self as process, Day, PhaseDates, PhaseState, Status};
use crate::features::processes::store::Process;
use crate::features::syntheses;
use crate::features::territories;
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap, group};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::{Lang, Tr};
use crate::platform::markdown::to_safe_html;
use crate::platform::permissions::{ProcessAction, ProcessRole, may_in_process};
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// A process the visitor may see, with the visitor's roles in it.
pub async fn visible_process(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
) -> AppResult<(Process, Vec<ProcessRole>)> {
    let process = processes::store::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    visible(state, visitor, process).await
}

/// A process by id, if the visitor may see it, and the visitor's roles in it (as
/// `visible_process`).
pub async fn visible_process_by_id(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
) -> AppResult<(Process, Vec<ProcessRole>)> {
    let process = processes::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible(state, visitor, process).await
}

/// The process with the visitor's roles in it; a draft is not found by whoever may not see it.
async fn visible(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
) -> AppResult<(Process, Vec<ProcessRole>)> {
    let roles = match &visitor.account {
        Some(account) => processes::store::roles_in(&state.db, process.id, account.id).await?,
        None => Vec::new(),
    };
    if !process.status.is_public() && !visitor.may_in_process(&roles, ProcessAction::SeeDraft) {
        return Err(AppError::NotFound);
    }
    Ok((process, roles))
}

/// The signed-in person if they may perform `action` in the process, else sign-in or 403.
pub async fn authorize_in<'a>(
    state: &AppState,
    visitor: &'a Visitor,
    process_id: i64,
    action: ProcessAction,
) -> AppResult<&'a crate::platform::web::visitor::Account> {
    let account = visitor.require_account()?;
    let roles = processes::store::roles_in(&state.db, process_id, account.id).await?;
    if may_in_process(&account.roles, &roles, action) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A phase as the timeline shows it.
pub struct PhaseView {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// "12 mars 2026".
    pub starts: String,
    /// "30 juin 2027".
    pub ends: String,
    /// Where it stands today (its name is the CSS class).
    pub state: PhaseState,
    /// Translated state.
    pub state_label: String,
    /// Translated names of the modules it opens.
    pub modules: Vec<String>,
}

/// The phases of a process, for the timeline, in date order.
pub fn phase_views(phases: &[processes::store::Phase], tr: Tr) -> Vec<PhaseView> {
    let today = Day::today();
    phases
        .iter()
        .map(|phase| {
            let (starts, ends) = (Day::parse(&phase.starts_on), Day::parse(&phase.ends_on));
            let state = match (starts, ends) {
                (Some(starts), Some(ends)) => {
                    process::phase_state(PhaseDates { starts, ends }, today)
                }
                _ => PhaseState::Upcoming,
            };

            let english = tr.lang == Lang::En;
            PhaseView {
                name: phase.name.clone(),
                description: phase.description.clone(),
                starts: starts.map_or_else(|| phase.starts_on.clone(), |d| d.long(english)),
                ends: ends.map_or_else(|| phase.ends_on.clone(), |d| d.long(english)),
                state,
                state_label: tr.t(&format!("phase-{state}")),
                modules: process::modules_from_text(&phase.modules)
                    .into_iter()
                    .map(|m| tr.t(&format!("module-{m}")))
                    .collect(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "processes/templates/show.html")]
struct ProcessPage {
    page: PageCtx,
    process: Process,
    description_html: String,
    is_draft: bool,
    can_edit: bool,
    can_moderate: bool,
    can_synthesize: bool,
    /// Whether a synthesis of its needs is published.
    synthesis_published: bool,
    /// Whether one of its phases opens an opinion map.
    has_opinion_map: bool,
    /// Whether a phase opens solutions.
    has_solutions: bool,
    /// Whether it has partnership tiers (and so a partners page).
    has_partners: bool,
    /// Whether a phase opens the bourse aux initiatives.
    has_bourse: bool,
    /// Whether a phase opens the ressourcerie (or the bourse, which it serves).
    has_resources: bool,
    /// Whether its budget is public.
    has_budget: bool,
    /// Whether it has questionnaires to answer (a phase opens them or one is published), or
    /// the visitor runs them.
    has_questionnaires: bool,
    phases: Vec<PhaseView>,
    current_phase: Option<String>,
    themes: Vec<processes::store::Theme>,
    territories: Vec<territories::store::Territory>,
    map: std::sync::Arc<RenderedMap>,
    population: String,
    communes: usize,
}

/// `GET /demarches/{slug}`.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let stored_phases = processes::store::phases(&state.db, process.id).await?;
    let opens = |module| {
        stored_phases
            .iter()
            .any(|p| process::modules_from_text(&p.modules).contains(&module))
    };
    let has_opinion_map = opens(process::Module::OpinionMap);
    let has_solutions = opens(process::Module::Solutions);
    let phases = phase_views(&stored_phases, tr);
    let territories = processes::store::territories(&state.db, process.id).await?;
    let roots: Vec<i64> = territories.iter().map(|t| t.id).collect();
    let title = tr.t1("process-map-title", "title", &process.title);
    let texts = MapTexts::population(tr, title, "process-map-description");
    let map = state
        .geo
        .territory_map(
            &state.db,
            &roots,
            Colouring::Population,
            texts,
            "carte-demarche",
        )
        .await?;
    let population: f64 = map.rows.iter().filter_map(|r| r.value).sum();
    render(&ProcessPage {
        page: PageCtx::new(&state, &visitor),
        description_html: to_safe_html(&process.description),
        is_draft: process.status == Status::Draft,
        can_edit: visitor.may_in_process(&roles, ProcessAction::Edit),
        can_moderate: visitor.may_in_process(&roles, ProcessAction::Moderate),
        can_synthesize: visitor.may_in_process(&roles, ProcessAction::Synthesize),
        synthesis_published: syntheses::service::published(&state.db, process.id)
            .await?
            .is_some(),
        current_phase: phases
            .iter()
            .find(|p| p.state == PhaseState::Current)
            .map(|p| p.name.clone()),
        has_opinion_map,
        has_solutions,
        has_partners: partners::service::has_tiers(&state.db, process.id).await?,
        has_bourse: opens(process::Module::Initiatives),
        has_resources: opens(process::Module::Resources) || opens(process::Module::Initiatives),
        has_budget: crate::features::budget::service::is_published(&state.db, process.id).await?,
        has_questionnaires: opens(process::Module::Questionnaire)
            || visitor.may_in_process(&roles, ProcessAction::Facilitate)
            || crate::features::questionnaires::service::has_published(&state.db, process.id)
                .await?,
        phases,
        themes: processes::store::themes(&state.db, process.id).await?,
        territories,
        population: group(population),
        communes: map.rows.iter().filter(|r| r.level == "commune").count(),
        map,
        process,
    })
}
