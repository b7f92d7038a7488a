//! Error policy. Handlers return `AppError`; it becomes a response with the right status and
//! no details for the visitor. The page itself (in the visitor's language, within the site's
//! layout) is drawn by the `error_pages` middleware, which also covers errors raised outside
//! handlers (unknown route, oversized body, timeout). Internal causes are logged, never shown.
//! `anyhow` is used in `main`, the command line and jobs (a synthesis); a job's error reaching a
//! handler is internal.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What went wrong while handling a request.
#[derive(Debug)]
pub enum AppError {
    /// The request itself is wrong (a button or a choice the form does not offer): the
    /// visitor's mistake, not ours.
    BadRequest,
    /// The thing asked for does not exist (or is not visible to this visitor).
    NotFound,
    /// Signed in, but not allowed.
    Forbidden,
    /// The action needs a signed-in person: redirect to the sign-in page.
    SignInRequired,
    /// Too many attempts; try again later.
    TooManyRequests,
    /// A bug or an unavailable dependency; the cause goes to the log.
    Internal(String),
}

/// Marks a response whose body is an error page still to be drawn.
#[derive(Clone, Copy, Debug)]
pub struct PendingErrorPage;

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(PendingErrorPage);
        response
    }
}

macro_rules! internal_from {
    ($($source:ty),* $(,)?) => {$(
        impl From<$source> for AppError {
            fn from(error: $source) -> Self {
                AppError::Internal(error.to_string())
            }
        }
    )*};
}

internal_from!(
    sqlx::Error,
    askama::Error,
    std::io::Error,
    crate::platform::mail::MailError,
    serde_json::Error,
    anyhow::Error,
);

/// The result type of handlers.
pub type AppResult<T> = Result<T, AppError>;
