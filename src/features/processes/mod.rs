//! Processes: their public page, and for their team the management area (settings, territories,
//! themes, phases, team, copies); their settings and need counts kept by revision.

pub mod cache;
pub mod manage;
pub mod pages;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (processes: the public page and the management area).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}", get(pages::show))
        .route("/gestion", get(manage::index))
        .route("/gestion/demarches", post(manage::create))
        .route(
            "/gestion/demarches/{slug}",
            get(manage::edit).post(manage::update),
        )
        .route(
            "/gestion/demarches/{slug}/territoires",
            post(manage::set_territories),
        )
        .route(
            "/gestion/demarches/{slug}/themes",
            post(manage::themes::add_theme),
        )
        .route(
            "/gestion/demarches/{slug}/themes/{id}",
            get(manage::themes::edit_theme).post(manage::themes::update_theme),
        )
        .route(
            "/gestion/demarches/{slug}/themes/{id}/suppression",
            post(manage::themes::delete_theme),
        )
        .route(
            "/gestion/demarches/{slug}/phases",
            post(manage::phases::add_phase),
        )
        .route(
            "/gestion/demarches/{slug}/phases/{id}",
            get(manage::phases::edit_phase).post(manage::phases::update_phase),
        )
        .route(
            "/gestion/demarches/{slug}/phases/{id}/suppression",
            post(manage::phases::delete_phase),
        )
        .route("/gestion/demarches/{slug}/equipe", post(manage::add_member))
        .route(
            "/gestion/demarches/{slug}/equipe/retrait",
            post(manage::remove_member),
        )
        .route("/gestion/demarches/{slug}/copie", post(manage::copy))
}
