//! The home page and the legal pages linked from the footer.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::error::AppResult;
use crate::state::AppState;
use crate::web::page::{PageCtx, render};
use crate::web::visitor::Visitor;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: PageCtx,
}

/// `GET /`: what Concerto is, and the processes under way.
pub async fn home(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    render(&HomePage {
        page: PageCtx::new(&state, &visitor),
    })
}

#[derive(Template)]
#[template(path = "legal.html")]
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
