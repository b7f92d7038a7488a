//! Questionnaires (module « Questionnaire »): the team builds them (sections, questions of
//! every kind, profile questions, conditions, dates, anonymous or signed-in answers), people
//! answer one section per page without JavaScript and come back where they left off, the team
//! enters paper questionnaires, and results are weighted to the population by raking
//! (`raking`), each percentage with its margin of error. `concerto weight` rakes a file of
//! respondents from the command line.

pub mod answer;
pub mod asked;
pub mod build;
pub mod codebook;
pub mod exports;
pub mod import;
pub mod import_page;
pub mod places;
pub mod questions;
pub mod reading;
pub mod representation;
pub mod results;
pub mod results_page;
pub mod rules;
pub mod service;
pub mod store;
pub mod weighting;
pub mod weighting_page;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/demarches/{slug}/questionnaires",
            get(build::list).post(build::create),
        )
        .route("/questionnaires/{id}", get(answer::intro))
        .route(
            "/questionnaires/{id}/sections/{rank}",
            get(answer::show_section).post(answer::save_section),
        )
        .route("/questionnaires/{id}/resultats", get(results_page::results))
        .route(
            "/questionnaires/{id}/resultats.xlsx",
            get(exports::results_workbook),
        )
        .route(
            "/gestion/questionnaires/{id}/export/{file}",
            get(exports::download),
        )
        .route(
            "/gestion/questionnaires/{id}/import",
            get(import_page::form).post(import_page::dry_run),
        )
        .route(
            "/gestion/questionnaires/{id}/import/confirmation",
            post(import_page::confirm),
        )
        .route(
            "/gestion/questionnaires/{id}",
            get(build::manage).post(build::save_settings),
        )
        .route(
            "/gestion/questionnaires/{id}/sections",
            post(build::add_section),
        )
        .route(
            "/gestion/questionnaires/{id}/questions",
            post(questions::add_question),
        )
        .route(
            "/gestion/questionnaires/{id}/questions/{question}",
            post(questions::edit_question),
        )
        .route(
            "/gestion/questionnaires/{id}/questions/{question}/suppression",
            post(questions::delete_question),
        )
        .route("/gestion/questionnaires/{id}/copie", post(build::copy))
        .route("/gestion/questionnaires/{id}/apercu", get(answer::preview))
        .route(
            "/gestion/questionnaires/{id}/saisie",
            get(answer::paper).post(answer::save_paper),
        )
        .route(
            "/gestion/questionnaires/{id}/ponderation",
            get(weighting_page::weighting).post(weighting_page::save_margin),
        )
        .route(
            "/gestion/questionnaires/{id}/representativite",
            get(representation::page),
        )
        .route(
            "/gestion/questionnaires/{id}/ponderation/bornes",
            post(weighting_page::save_trim),
        )
}
