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
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, request::Parts};

use crate::features::accounts;
use crate::features::accounts::rules::TokenPurpose;
use crate::platform::config::Config;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::mail::Email;
use crate::platform::secrets;
use crate::platform::web::cookies::{self, Jar};
use crate::state::AppState;

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
pub async fn start_session(state: &AppState, user_id: i64) -> AppResult<HeaderValue> {
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

/// Mails of one kind allowed to one address in an hour (beyond, they are quietly skipped, so
/// nobody can flood an inbox through our forms).
const MAILS_PER_ADDRESS: i64 = 3;

/// Whether another mail of `kind` may go to `email` this hour.
pub async fn may_mail(state: &AppState, kind: &str, email: &str) -> AppResult<bool> {
    let bucket = format!("mail:{kind}:{}", secrets::token_digest(email));
    Ok(rate_limits::hit(&state.db, &bucket, 3_600_000).await? <= MAILS_PER_ADDRESS)
}

/// Creates a one-time link and writes the mail that carries it. `to` is the address that
/// receives it (the new one for a change of address).
async fn link_mail(
    state: &AppState,
    tr: Tr,
    user: &accounts::users::User,
    purpose: TokenPurpose,
    to: &str,
) -> AppResult<Email> {
    let token = secrets::new_token();
    let new_email = (purpose == TokenPurpose::ChangeEmail).then_some(to);
    tokens::create(
        &state.db,
        &secrets::token_digest(&token),
        user.id,
        purpose,
        new_email,
    )
    .await?;
    let (path, key) = match purpose {
        TokenPurpose::ConfirmEmail => ("/confirmation", "mail-confirm"),
        TokenPurpose::ResetPassword => ("/nouveau-mot-de-passe", "mail-reset"),
        TokenPurpose::ChangeEmail => ("/compte/courriel/confirmation", "mail-change"),
    };
    let link = format!("{}{path}?jeton={token}", state.config.base_url());
    let args = [
        ("name", user.display_name.as_str()),
        ("link", link.as_str()),
    ];
    Ok(Email {
        to: to.to_owned(),
        subject: tr.t(&format!("{key}-subject")),
        body: tr.t_args(&format!("{key}-body"), &args),
    })
}

/// Creates a one-time link and queues the mail that carries it.
pub async fn mail_link(
    state: &AppState,
    tr: Tr,
    user: &accounts::users::User,
    purpose: TokenPurpose,
    to: &str,
) -> AppResult<()> {
    let email = link_mail(state, tr, user, purpose, to).await?;
    crate::platform::mail::postman::queue(state, Some(user.id), &email, tr.lang).await?;
    Ok(())
}

/// The password-reset mail for an address and the account it is for, written when the queue
/// sends it: `None` when the address has no account, or had its share of reset mails this hour.
pub async fn password_reset_mail(
    state: &AppState,
    tr: Tr,
    address: &str,
) -> AppResult<Option<(i64, Email)>> {
    let Some(user) = accounts::users::by_email(&state.db, address).await? else {
        return Ok(None);
    };
    if !may_mail(state, "reset", &user.email).await? {
        return Ok(None);
    }
    let email = link_mail(state, tr, &user, TokenPurpose::ResetPassword, &user.email).await?;
    Ok(Some((user.id, email)))
}

/// Queues a notice that needs no link (for example "someone tried to sign up with your
/// address") to an account.
pub async fn mail_notice(
    state: &AppState,
    tr: Tr,
    user: &accounts::users::User,
    key: &str,
) -> AppResult<()> {
    let url = state.config.base_url();
    let email = Email {
        to: user.email.clone(),
        subject: tr.t(&format!("{key}-subject")),
        body: tr.t_args(
            &format!("{key}-body"),
            &[("name", user.display_name.as_str()), ("url", url)],
        ),
    };
    crate::platform::mail::postman::queue(state, Some(user.id), &email, tr.lang).await?;
    Ok(())
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

impl axum::extract::FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, &state.config)))
    }
}

/// Counts one attempt against a limit; `Err(TooManyRequests)` past `max` in the window.
pub async fn limit(state: &AppState, bucket: &str, max: i64, window_ms: i64) -> AppResult<()> {
    if rate_limits::hit(&state.db, bucket, window_ms).await? > max {
        Err(AppError::TooManyRequests)
    } else {
        Ok(())
    }
}
