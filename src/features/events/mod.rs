//! Workshops and events: the agenda and its iCalendar feed, registrations within capacity,
//! attendance with its anonymous breakdown, and the needs captured there.

pub mod capture;
pub mod pages;
pub mod rules;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (workshops and events).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/agenda", get(pages::agenda))
        .route("/demarches/{slug}/agenda.ics", get(pages::ical))
        .route("/ateliers/{id}/inscription", post(pages::register))
        .route("/ateliers/{id}/import", post(capture::import))
        .route("/demarches/{slug}/ateliers", post(pages::create))
        .route("/demarches/{slug}/ateliers/nouveau", get(pages::new_form))
        .route("/ateliers/{id}", get(pages::show))
        .route("/ateliers/{id}/participation", post(pages::attendance))
        .route(
            "/ateliers/{id}/saisie",
            get(capture::capture_form).post(capture::capture),
        )
}
