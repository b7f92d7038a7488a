//! Indicators: the standard indicators of the evaluation framework computed for every process
//! (reach, diversity of publics, workshops, needs voiced and answered, the delay to a first
//! answer, solutions accompanied, partners, official answers), kept every day as a snapshot,
//! shown on a public dashboard with their history and exported as a workbook.

pub mod pages;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// Its routes (the dashboard and its workbook).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/indicateurs", get(pages::dashboard))
        .route("/demarches/{slug}/indicateurs.xlsx", get(pages::workbook))
}
