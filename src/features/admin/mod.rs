//! Administration: who holds which role (granting and revoking), the outbox of mail kept when no
//! SMTP server is configured, and the audit log.

pub mod pages;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (administration).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(pages::index))
        .route("/admin/roles", get(pages::roles).post(pages::grant))
        .route("/admin/roles/retrait", post(pages::revoke))
        .route("/admin/courriels", get(pages::outbox))
        .route("/admin/courriels/{file}", get(pages::outbox_mail))
        .route("/admin/journal", get(pages::audit))
}
