//! The ressourcerie (phase 3): guides, templates, tools, funding opportunities, trainings,
//! contacts and places put at the disposal of solutions' carriers. Each resource is a link or
//! a file kept by the server, described by themes, project stages, audiences and perimeter;
//! it goes through a publication workflow (draft → review → published → archived); anyone
//! signed in may suggest a resource or an edit for the team to accept. The catalogue is
//! searched in French and filtered, suggested in context on a solution's page (funding whose
//! deadline has passed leaves by itself), exported as open data and imported from CSV after a
//! dry run.

pub mod import;
pub mod import_page;
pub mod list;
pub mod manage;
pub mod open_data;
pub mod rules;
pub mod service;
pub mod show;
pub mod store;
pub mod write;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/demarches/{slug}/ressources",
            get(list::list).post(write::create),
        )
        .route(
            "/demarches/{slug}/ressources/nouvelle",
            get(write::new_resource),
        )
        .route(
            "/demarches/{slug}/ressources/{file}",
            get(open_data::download),
        )
        .route("/ressources/{id}", get(show::show))
        .route("/ressources/{id}/statut", post(show::move_status))
        .route(
            "/ressources/{id}/modifier",
            get(write::edit).post(write::save),
        )
        .route("/gestion/demarches/{slug}/ressources", get(manage::show))
        .route(
            "/gestion/demarches/{slug}/ressources/modifications/{id}",
            post(manage::decide),
        )
        .route(
            "/gestion/demarches/{slug}/ressources/import",
            get(import_page::form).post(import_page::dry_run),
        )
        .route(
            "/gestion/demarches/{slug}/ressources/import/confirmation",
            post(import_page::confirm),
        )
}
