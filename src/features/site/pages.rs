//! The home page and the legal pages linked from the footer.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::features::processes;
use crate::features::processes::pages::phase_views;
use crate::features::processes::rules::{PhaseState, Status};
use crate::platform::error::AppResult;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// A published process as the home page lists it.
struct ProcessCard {
    slug: String,
    title: String,
    summary: String,
    current_phase: Option<String>,
    territories: String,
    closed: bool,
}

#[derive(Template)]
#[template(path = "site/templates/home.html")]
struct HomePage {
    page: PageCtx,
    processes: Vec<ProcessCard>,
}

/// `GET /`: what Concerto is, and the published processes with their current phase.
pub async fn home(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    let tr = visitor.tr();
    let mut processes = Vec::new();
    for process in processes::store::list_public(&state.db).await? {
        let settings = state.processes.settings(&state.db, &process).await?;
        let phases = phase_views(&settings.phases, tr);
        processes.push(ProcessCard {
            current_phase: phases
                .into_iter()
                .find(|p| p.state == PhaseState::Current)
                .map(|p| p.name),
            territories: settings
                .territories
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            closed: process.status == Status::Closed,
            slug: process.slug,
            title: process.title,
            summary: process.summary,
        });
    }
    render(&HomePage {
        page: PageCtx::new(&state, &visitor),
        processes,
    })
}

#[derive(Template)]
#[template(path = "site/templates/legal.html")]
struct LegalPage {
    page: PageCtx,
    title_key: &'static str,
    paragraph_keys: &'static [&'static str],
}

fn legal(
    state: &AppState,
    visitor: &Visitor,
    title_key: &'static str,
    paragraph_keys: &'static [&'static str],
) -> AppResult<Response> {
    render(&LegalPage {
        page: PageCtx::new(state, visitor),
        title_key,
        paragraph_keys,
    })
}

/// `GET /a-propos`: what Concerto is, and on the demo where its data come from and that its
/// contributions are illustrative.
pub async fn about(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    const ABOUT: [&str; 2] = ["about-text-1", "about-text-2"];
    const ABOUT_DEMO: [&str; 5] = [
        "about-text-1",
        "about-text-2",
        "about-demo-1",
        "about-demo-2",
        "about-demo-3",
    ];
    let paragraphs: &'static [&'static str] = if state.config.demo {
        &ABOUT_DEMO
    } else {
        &ABOUT
    };
    legal(&state, &visitor, "about-title", paragraphs)
}

/// `GET /mentions-legales`.
pub async fn legal_notice(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    legal(
        &state,
        &visitor,
        "legal-title",
        &["legal-text-1", "legal-text-2"],
    )
}

/// `GET /donnees-personnelles`.
pub async fn privacy(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    legal(
        &state,
        &visitor,
        "privacy-title",
        &["privacy-text-1", "privacy-text-2", "privacy-text-3"],
    )
}

/// `GET /accessibilite`.
pub async fn accessibility(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    legal(
        &state,
        &visitor,
        "accessibility-title",
        &["accessibility-text-1", "accessibility-text-2"],
    )
}
