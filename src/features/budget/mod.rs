//! A process's budget made public (optional): receipts and spending by line, each an amount
//! or a share of the declared total, partners' financial engagements summed in, shown as a
//! chart drawn by the server with the same values in a table.

pub mod pages;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/budget", get(pages::show))
        .route(
            "/gestion/demarches/{slug}/budget",
            get(pages::manage).post(pages::save_settings),
        )
        .route(
            "/gestion/demarches/{slug}/budget/lignes",
            post(pages::add_line),
        )
        .route(
            "/gestion/demarches/{slug}/budget/lignes/{id}/suppression",
            post(pages::remove_line),
        )
}
