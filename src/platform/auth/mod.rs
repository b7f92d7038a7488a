//! Authentication mechanics: argon2id password hashes, sign-in sessions, one-time e-mail
//! links, and the client address that rate limits count.

pub mod rate_limits;
pub mod sessions;
pub mod tokens;

use std::net::SocketAddr;
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{ConnectInfo, FromRef};
use axum::http::{HeaderValue, request::Parts};

use crate::platform::Platform;
use crate::platform::config::Config;
use crate::platform::error::{AppError, AppResult};
use crate::platform::secrets;
use crate::platform::web::cookies::{self, Jar};
use crate::platform::web::forms::FieldError;

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted, in characters (hashing cost stays bounded).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Validates a new password and its confirmation.
pub fn validate_new_password(password: &str, confirmation: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars == 0 {
        Err(FieldError::Required)
    } else if chars < MIN_PASSWORD_CHARS {
        Err(FieldError::PasswordTooShort)
    } else if chars > MAX_PASSWORD_CHARS {
        Err(FieldError::TooLong)
    } else if password != confirmation {
        Err(FieldError::PasswordMismatch)
    } else {
        Ok(())
    }
}

/// Hashes a password with argon2id (OWASP parameters: 19 MiB, 2 passes), off the async
/// threads.
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Whether `password` matches `hash`. With no hash (unknown account) it still spends the
/// same time on a dummy hash, so response times do not tell whether an account exists.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash().to_owned());
        let matches = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && matches
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        Argon2::default()
            .hash_password(secrets::new_token().as_bytes())
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

/// Opens a session for an account; returns the cookie to set.
pub async fn start_session(state: &Platform, user_id: i64) -> AppResult<HeaderValue> {
    let token = secrets::new_token();
    let ttl_days = state.config.session_days;
    sessions::create(
        &state.db,
        &secrets::token_digest(&token),
        user_id,
        ttl_days * 86_400_000,
    )
    .await?;
    Ok(state
        .cookies()
        .set(cookies::SESSION, &token, ttl_days * 86_400))
}

/// The cookie that ends a session in the browser.
pub fn clear_session_cookie(config: &Config) -> HeaderValue {
    Jar::new(config.is_https()).set(cookies::SESSION, "", 0)
}

/// The cookie of a new CSRF secret: a session begins or ends, and a token seen before it
/// (in a page, a log, a shared computer's history) must not be valid after.
pub fn renewed_csrf_cookie(config: &Config) -> HeaderValue {
    Jar::new(config.is_https()).set(
        cookies::CSRF,
        &secrets::new_token(),
        crate::platform::web::visitor::CSRF_COOKIE_SECS,
    )
}

/// The client's address: the socket's peer, or the last `X-Forwarded-For` hop behind a
/// trusted proxy.
pub fn client_ip(parts: &Parts, config: &Config) -> String {
    if config.trust_proxy
        && let Some(forwarded) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
    {
        return forwarded.trim().to_owned();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string())
}

/// The client's address as a handler argument.
pub struct ClientIp(pub String);

impl<S> axum::extract::FromRequestParts<S> for ClientIp
where
    S: Send + Sync,
    Platform: axum::extract::FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let platform = Platform::from_ref(state);
        Ok(ClientIp(client_ip(parts, &platform.config)))
    }
}

/// Counts one attempt against a limit; `Err(TooManyRequests)` past `max` in the window.
pub async fn limit(state: &Platform, bucket: &str, max: i64, window_ms: i64) -> AppResult<()> {
    if rate_limits::hit(&state.db, bucket, window_ms).await? > max {
        Err(AppError::TooManyRequests)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_twelve_characters_and_a_match() {
        assert_eq!(validate_new_password("", ""), Err(FieldError::Required));
        assert_eq!(
            validate_new_password("court", "court"),
            Err(FieldError::PasswordTooShort)
        );
        assert_eq!(
            validate_new_password("douze-carac", "douze-carac"),
            Err(FieldError::PasswordTooShort)
        );
        assert_eq!(
            validate_new_password("douze-caract", "douze-caract"),
            Ok(())
        );
        assert_eq!(
            validate_new_password("douze-caract", "douze-caracT"),
            Err(FieldError::PasswordMismatch)
        );
    }
}
