//! The opinion map: statements, votes, moderation, the map and its groups, exports in Polis's
//! format, the report; and `concerto opinion-map`.

pub mod cli;
pub mod exports;
pub mod pages;
pub mod rules;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (the opinion map: voting, statements, the map, moderation, exports and the report).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/opinions", get(pages::vote_form))
        .route("/demarches/{slug}/opinions/votes", post(pages::vote))
        .route(
            "/demarches/{slug}/opinions/propositions",
            post(pages::submit),
        )
        .route("/demarches/{slug}/opinions/carte", get(pages::map))
        .route(
            "/demarches/{slug}/opinions/moderation",
            get(pages::moderation),
        )
        .route(
            "/demarches/{slug}/opinions/export/{file}",
            get(exports::export),
        )
        .route("/demarches/{slug}/opinions/rapport", get(exports::report))
        .route("/demarches/{slug}/opinions/reglage", post(pages::setting))
        .route(
            "/opinions/propositions/{id}/moderation",
            post(pages::decide),
        )
}
