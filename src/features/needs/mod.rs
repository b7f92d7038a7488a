//! Needs (phase 1): contributing, the list with filters and search, the map, a need's page with
//! supports and comments, open-data exports and the Decidim import.

pub mod contribute;
pub mod counts;
pub mod decidim;
pub mod exports;
pub mod list;
pub mod need_page;
pub mod rules;
pub mod service;
pub mod setting;
pub mod store;
pub mod supports;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (needs: the list, the map, a need's page and what it takes, exports and the decidim import).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/demarches/{slug}/besoins",
            get(list::list).post(contribute::create),
        )
        .route(
            "/demarches/{slug}/besoins/nouveau",
            get(contribute::new_form),
        )
        .route("/demarches/{slug}/besoins/carte", get(list::map))
        .route("/demarches/{slug}/besoins.csv", get(exports::needs_csv))
        .route("/demarches/{slug}/besoins.xlsx", get(exports::needs_xlsx))
        .route(
            "/demarches/{slug}/besoins.geojson",
            get(exports::needs_geojson),
        )
        .route(
            "/gestion/demarches/{slug}/besoins.csv",
            get(exports::needs_full_csv),
        )
        .route(
            "/gestion/demarches/{slug}/besoins.xlsx",
            get(exports::needs_full_xlsx),
        )
        .route(
            "/gestion/demarches/{slug}/import-decidim",
            get(decidim::form).post(decidim::upload),
        )
        .route(
            "/gestion/demarches/{slug}/import-decidim/confirmation",
            post(decidim::confirm),
        )
        .route("/besoins/{id}", get(need_page::show))
        .route("/besoins/{id}/soutien", post(need_page::support))
        .route("/besoins/{id}/commentaires", post(need_page::comment))
        .route("/besoins/{id}/signalement", post(need_page::report_need))
        .route(
            "/commentaires/{id}/signalement",
            post(need_page::report_comment),
        )
}
