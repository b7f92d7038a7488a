//! What a request's reads share: one read transaction on SQLite (see `db::direct`), and on
//! PostgreSQL the reads kept in memory, dropped once a request that may have written is
//! answered (see `db::kept`).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::platform::Platform;

/// Middleware: the request's direct reads share one read transaction while it runs without
/// waiting, so that a page pays for beginning and ending a transaction once, not per read;
/// after a request that may have written (any method but GET and HEAD), the contributions'
/// and questionnaires' reads kept are dropped, so that the next request through this server
/// reads what it wrote (the accounts' reads are dropped by the functions that write them).
pub async fn share(State(state): State<Platform>, request: Request, next: Next) -> Response {
    let may_write = !request.method().is_safe();
    let response = state.db.sharing_reads(next.run(request)).await;
    if may_write {
        state.db.written_here();
    }
    response
}
