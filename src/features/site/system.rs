//! Machine endpoints and small utilities: health, metrics, language switch, unknown routes.

use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Json, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use crate::features::accounts;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Lang;
use crate::platform::permissions::{Action, Role};
use crate::platform::web::cookies;
use crate::platform::web::page::safe_local_path;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// `GET /health`: 200 when the database answers, 503 otherwise.
pub async fn health(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => Json(json!({"status": "ok", "database": "ok"})).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable", "database": "unreachable"})),
            )
                .into_response()
        }
    }
}

/// `GET /metrics` on the site: the metrics, for admins (they count accounts).
pub async fn metrics(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::ReadMetrics)?;
    metrics_text(State(state)).await
}

/// `GET /metrics` on the metrics address (`CONCERTO_METRICS_BIND`), which only a collector
/// reaches: request counters and latencies, and a few gauges, for Prometheus.
pub async fn metrics_text(State(state): State<AppState>) -> AppResult<Response> {
    let users = accounts::users::count(&state.db).await?;
    let admins = accounts::roles::holders_count(&state.db, Role::Admin).await?;
    let body = state.metrics.render(&[
        ("concerto_accounts", "Accounts.", users),
        (
            "concerto_admins",
            "Accounts holding the admin role.",
            admins,
        ),
    ]);
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response())
}

/// The language switch form.
#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    retour: Option<String>,
}

/// `POST /langue`: remembers the language and goes back to the page.
pub async fn switch_language(
    State(state): State<AppState>,
    Form(form): Form<LanguageForm>,
) -> Response {
    let lang = Lang::from_code(&form.lang);
    let mut response = Redirect::to(&safe_local_path(form.retour.as_deref())).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        state
            .cookies()
            .set(cookies::LANG, lang.code(), 365 * 24 * 3600),
    );
    response
}

/// Any unknown address.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
