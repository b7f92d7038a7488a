//! Syntheses: running one in the background, editing the draft, validating and publishing it, the
//! public synthesis; and `concerto analyze`.

pub mod analyze;
pub mod jobs;
pub mod pages;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (syntheses: running, editing, deciding, reading).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/synthese", get(pages::public))
        .route(
            "/demarches/{slug}/syntheses",
            get(pages::manage).post(pages::start),
        )
        .route("/syntheses/{id}", get(pages::show))
        .route("/syntheses/{id}/statut", post(pages::decide))
        .route(
            "/syntheses/{id}/groupes/{cluster}",
            get(pages::cluster::cluster).post(pages::cluster::edit_cluster),
        )
}
