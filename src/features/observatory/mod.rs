//! The observatory: census and legal population tables imported by IRIS or commune, each
//! territory's portrait (population and its change, ages, sexes, occupations, beside a
//! reference territory; an indicator mapped over the units below) and what the consultation
//! gathered there, per 1,000 inhabitants.

pub mod census;
pub mod figures;
pub mod import_page;
pub mod pages;
pub mod portrait;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (portraits, their export, census imports).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/territoires/{level}/{code}/portrait", get(pages::show))
        .route("/territoires/{level}/{code}/portrait.csv", get(pages::csv))
        .route(
            "/gestion/observatoire",
            get(import_page::form).post(import_page::import),
        )
        .route(
            "/gestion/observatoire/{id}/rapport.csv",
            get(import_page::report),
        )
        .route(
            "/gestion/observatoire/{id}/suppression",
            post(import_page::delete),
        )
}
