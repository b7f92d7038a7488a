//! Indicators and the evaluation framework: the standard indicators computed for every process
//! (reach, diversity of publics, workshops, needs voiced and answered, the delay to a first
//! answer, solutions accompanied, partners, official answers), kept every day as a snapshot;
//! the team's own indicators with their values, baselines and targets; a public dashboard with
//! their history, the framework as a workbook, mid-term and final evaluation reports.

pub mod framework;
pub mod manage;
pub mod pages;
pub mod reports;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (the dashboard, its workbook, the team's framework, the evaluation reports).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/indicateurs", get(pages::dashboard))
        .route("/demarches/{slug}/indicateurs.xlsx", get(pages::workbook))
        .route("/demarches/{slug}/evaluation/{kind}", get(reports::show))
        .route(
            "/gestion/demarches/{slug}/evaluation/{kind}",
            get(reports::edit).post(reports::save),
        )
        .route("/gestion/demarches/{slug}/indicateurs", get(manage::manage))
        .route(
            "/gestion/demarches/{slug}/indicateurs/cibles",
            post(manage::save_targets),
        )
        .route(
            "/gestion/demarches/{slug}/indicateurs/nouveau",
            post(manage::add),
        )
        .route(
            "/gestion/demarches/{slug}/indicateurs/{id}/valeurs",
            post(manage::add_value),
        )
        .route(
            "/gestion/demarches/{slug}/indicateurs/{id}/import",
            post(manage::import_values),
        )
        .route(
            "/gestion/demarches/{slug}/indicateurs/{id}/suppression",
            post(manage::delete),
        )
}
