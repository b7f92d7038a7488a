//! The site around the features: the home page, legal, privacy, accessibility and about pages, the
//! language switch, health and metrics, and unknown addresses.

pub mod pages;
pub mod system;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (the site's own pages and machine endpoints).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/a-propos", get(pages::about))
        .route("/mentions-legales", get(pages::legal_notice))
        .route("/donnees-personnelles", get(pages::privacy))
        .route("/accessibilite", get(pages::accessibility))
        .route("/langue", post(system::switch_language))
        .route("/health", get(system::health))
        .route("/metrics", get(system::metrics))
}
