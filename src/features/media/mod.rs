//! Uploaded pictures and documents: a solution's picture, a milestone's picture or PDF. Pictures
//! are decoded within limits and encoded again without metadata (`imagekit`, on a blocking
//! thread); documents must be PDF. Files are kept in the database beside what shows them,
//! served at `/medias/{id}` to whoever may see their process, and hidden with what shows them.

pub mod page;
pub mod rules;
pub mod service;
pub mod store;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// Its route: serving a file.
pub fn routes() -> Router<AppState> {
    Router::new().route("/medias/{id}", get(page::serve))
}
