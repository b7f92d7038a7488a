//! The bourse aux initiatives (phase 3): partners' offers and carriers' requests for their
//! solutions, matched with reasons (`matchkit`), companionships accepted by both sides with
//! the capacity they take kept in a ledger, their private log, reminders after 7 and 14 days,
//! testimonies, and each partner's reactivity for the process team.

pub mod companionships;
pub mod figures;
pub mod offers;
pub mod open_data;
pub mod requests;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (the bourse's page, offers, requests, companionships, the team's figures).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/bourse", get(offers::bourse))
        .route("/demarches/{slug}/bourse/{file}", get(open_data::download))
        .route(
            "/demarches/{slug}/bourse/offres/nouvelle",
            get(offers::new_offer),
        )
        .route(
            "/demarches/{slug}/bourse/offres",
            post(offers::create_offer),
        )
        .route("/offres/{id}", get(offers::offer_page))
        .route("/offres/{id}/statut", post(offers::offer_status))
        .route(
            "/solutions/{id}/demandes/nouvelle",
            get(requests::new_request),
        )
        .route("/solutions/{id}/demandes", post(requests::create_request))
        .route("/demandes/{id}", get(requests::request_page))
        .route("/compagnonnages", post(companionships::propose))
        .route("/compagnonnages/{id}", get(companionships::show))
        .route("/compagnonnages/{id}/etat", post(companionships::move_on))
        .route("/compagnonnages/{id}/journal", post(companionships::log))
        .route(
            "/compagnonnages/{id}/temoignage",
            post(companionships::testify),
        )
        .route("/gestion/demarches/{slug}/bourse", get(figures::show))
}
