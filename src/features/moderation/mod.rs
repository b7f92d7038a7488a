//! Moderation: reports, hiding and restoring needs and comments with a reason, merging duplicates,
//! and the grouped e-mails that tell authors what happened to their needs.

pub mod digests;
pub mod inbox;
pub mod notices;
pub mod pages;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (moderation: the queue, the decisions on needs and comments, a person's
/// notifications).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demarches/{slug}/moderation", get(pages::queue))
        .route("/moderation/besoins/{id}", post(pages::need))
        .route("/moderation/besoins/{id}/fusion", post(pages::merge))
        .route("/moderation/commentaires/{id}", post(pages::comment))
        .route("/compte/notifications", get(inbox::inbox))
}
