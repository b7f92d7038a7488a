//! Partners (phase 3): organisations that accompany a process's solutions (companies,
//! associations, public bodies, foundations, their SIRET or RNA number checked), their contact
//! people and logo; the engagement tiers a process's managers define and the counterparts
//! each promises, tracked from owed to delivered; a public partners page per process.

pub mod manage;
pub mod organisations;
pub mod page;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (organisations, a process's partners page and its management).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations", post(organisations::create))
        .route("/organisations/nouvelle", get(organisations::new_form))
        .route("/organisations/{id}", get(organisations::show))
        .route(
            "/organisations/{id}/modifier",
            get(organisations::edit_form).post(organisations::save),
        )
        .route("/organisations/{id}/logo", post(organisations::logo))
        .route(
            "/organisations/{id}/contacts",
            post(organisations::contacts),
        )
        .route("/demarches/{slug}/partenaires", get(page::show))
        .route("/demarches/{slug}/partenaires/{file}", get(page::download))
        .route("/gestion/demarches/{slug}/partenaires", get(manage::show))
        .route(
            "/gestion/demarches/{slug}/partenaires/paliers",
            post(manage::tiers),
        )
        .route(
            "/gestion/demarches/{slug}/partenaires/engagements",
            post(manage::engagements),
        )
        .route(
            "/gestion/demarches/{slug}/partenaires/contreparties/{id}",
            post(manage::counterpart),
        )
}
