//! The application: every feature's routes, merged here (each feature lists its own in its
//! `routes()`), and the layers every request goes through.
//!
//! Layers, outermost first: request log → metrics → compression → security headers →
//! error pages → shared reads (one read transaction on SQLite) → visitor (session, language,
//! CSRF secret) → timeout → body limit → CSRF check → handler.

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::features::site::system;
use crate::features::{
    accounts, admin, bourse, budget, events, indicators, media, moderation, needs, observatory,
    opinions, partners, processes, questionnaires, resources, site, solutions, syntheses,
    territories,
};
use crate::platform::web::{assets, csrf, error_pages, headers, metrics, reads, visitor};
use crate::state::AppState;

/// The metrics address's application (`CONCERTO_METRICS_BIND`): `/metrics` without sign-in
/// and `/health`, for a collector on a network people do not reach.
pub fn metrics_only(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(system::metrics_text))
        .route("/health", get(system::health))
        .with_state(state)
}

/// Builds the application: routes and layers.
pub fn build(state: AppState) -> Router {
    let routes = Router::new()
        .merge(site::routes())
        .merge(accounts::routes())
        .merge(processes::routes())
        .merge(territories::routes())
        .merge(observatory::routes())
        .merge(indicators::routes())
        .merge(needs::routes())
        .merge(moderation::routes())
        .merge(events::routes())
        .merge(syntheses::routes())
        .merge(opinions::routes())
        .merge(solutions::routes())
        .merge(media::routes())
        .merge(partners::routes())
        .merge(bourse::routes())
        .merge(resources::routes())
        .merge(budget::routes())
        .merge(questionnaires::routes())
        .merge(admin::routes())
        .route("/static/{name}", get(assets::serve))
        .fallback(system::not_found);

    let timeout = Duration::from_secs(state.config.request_timeout_secs);
    routes
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        // Extractors (forms, multipart) take the same limit as the body itself.
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(state.config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(from_fn_with_state(state.clone(), visitor::load_visitor))
        .layer(from_fn_with_state(state.clone(), reads::share))
        .layer(from_fn_with_state(state.clone(), error_pages::draw))
        .layer(from_fn_with_state(state.clone(), headers::secure))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The span a request is logged under: its method and path, never its query, which can hold a
/// one-time link's token (`?jeton=…`) or what someone searched for.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = request.uri().path(),
    )
}
