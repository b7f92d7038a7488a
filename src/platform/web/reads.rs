//! One read transaction per request on SQLite (see `db::direct`).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::platform::Platform;

/// Middleware: the request's direct reads share one read transaction while it runs without
/// waiting, so that a page pays for beginning and ending a transaction once, not per read.
pub async fn share(State(state): State<Platform>, request: Request, next: Next) -> Response {
    state.db.sharing_reads(next.run(request)).await
}
