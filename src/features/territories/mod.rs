//! Territories: their hierarchy, populations and boundaries, their public pages, GeoJSON imports,
//! point location and the maps drawn from them.

pub mod import;
pub mod maps;
pub mod pages;
pub mod store;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// Its routes (territories: pages, point location and imports).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/territoires/localiser", get(pages::locate))
        .route("/territoires/{level}/{code}", get(pages::show))
        .route(
            "/gestion/territoires",
            get(pages::import_form).post(pages::import),
        )
}
