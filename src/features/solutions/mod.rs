//! Solutions (phase 2): proposing them in answer to needs and synthesis clusters, their
//! stages, milestones and official answer, the list and the planisphère with the needs'
//! coverage, a need's trail and the « vous avez dit, nous avons fait » page, open data and
//! imports (Concerto's CSV, Decidim results).

pub mod caches;
pub mod discussion;
pub mod edit;
pub mod import;
pub mod import_page;
pub mod list;
pub mod open_data;
pub mod propose;
pub mod rules;
pub mod service;
pub mod solution_page;
pub mod stages;
pub mod store;
pub mod trail;
pub mod workshop;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (solutions: list, planisphère, proposing, a solution's page and its follow-up,
/// stages, « vous avez dit »).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/demarches/{slug}/solutions",
            get(list::list).post(propose::create),
        )
        .route(
            "/demarches/{slug}/solutions/nouvelle",
            get(propose::new_form),
        )
        .route(
            "/demarches/{slug}/solutions/planisphere",
            get(list::planisphere),
        )
        .route("/demarches/{slug}/vous-avez-dit", get(trail::said_page))
        .route(
            "/demarches/{slug}/solutions.csv",
            get(open_data::solutions_csv),
        )
        .route(
            "/demarches/{slug}/solutions.xlsx",
            get(open_data::solutions_xlsx),
        )
        .route(
            "/demarches/{slug}/solutions.geojson",
            get(open_data::solutions_geojson),
        )
        .route(
            "/gestion/demarches/{slug}/solutions.csv",
            get(open_data::solutions_full_csv),
        )
        .route(
            "/gestion/demarches/{slug}/solutions.xlsx",
            get(open_data::solutions_full_xlsx),
        )
        .route(
            "/gestion/demarches/{slug}/solutions/import",
            get(import_page::form).post(import_page::dry_run),
        )
        .route(
            "/gestion/demarches/{slug}/solutions/import/confirmation",
            post(import_page::confirm),
        )
        .route(
            "/gestion/demarches/{slug}/etapes",
            get(stages::show).post(stages::change),
        )
        .route("/solutions/{id}", get(solution_page::show))
        .route("/solutions/{id}/modifier", get(edit::form).post(edit::save))
        .route("/solutions/{id}/etape", post(solution_page::move_on))
        .route("/solutions/{id}/jalons", post(solution_page::add_milestone))
        .route("/solutions/{id}/reponse", post(solution_page::answer))
        .route("/solutions/{id}/besoins", post(solution_page::links))
        .route("/solutions/{id}/moderation", post(solution_page::moderate))
        .route("/solutions/{id}/soutien", post(solution_page::support))
        .route("/solutions/{id}/signalement", post(solution_page::report))
        .route("/solutions/{id}/commentaires", post(discussion::comment))
        .route(
            "/solutions/{id}/commentaires/{comment}/signalement",
            post(discussion::report_comment),
        )
        .route("/solutions/{id}/image", post(edit::picture))
        .route(
            "/ateliers/{id}/solutions",
            get(workshop::capture_form).post(workshop::capture),
        )
        .route("/ateliers/{id}/solutions/import", post(workshop::import))
        .route("/ateliers/{id}/mur", get(workshop::wall))
}
