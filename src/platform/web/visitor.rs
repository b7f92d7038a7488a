//! Who is visiting: the signed-in account and its roles (from the session cookie), the
//! language, the CSRF secret and a pending flash message. Loaded once per request by
//! `load_visitor` and read by handlers as the `Visitor` extractor.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::platform::Platform;
use crate::platform::auth::sessions;
use crate::platform::error::AppError;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::permissions::{self, Action, Role};
use crate::platform::secrets;
use crate::platform::web::cookies::{self, Jar};

/// A signed-in person.
#[derive(Clone, Debug)]
pub struct Account {
    /// Account id.
    pub id: i64,
    /// Display name.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// Instance roles besides participant.
    pub roles: Vec<Role>,
    /// Digest of the session token (to end this session or keep only it).
    pub session_hash: String,
}

impl Account {
    /// Whether this person may perform `action`.
    pub fn may(&self, action: Action) -> bool {
        permissions::may(&self.roles, action)
    }
}

/// The visitor of the current request.
#[derive(Clone, Debug)]
pub struct Visitor {
    /// The signed-in account, if any.
    pub account: Option<Account>,
    /// Interface language.
    pub lang: Lang,
    /// The CSRF secret (also in the visitor's cookie).
    pub csrf_secret: String,
    /// A message key to show once, set before a redirect.
    pub flash: Option<String>,
    /// The path and query of this request.
    pub path: String,
}

impl Visitor {
    /// A translator into the visitor's language.
    pub fn tr(&self) -> Tr {
        Tr::new(self.lang)
    }

    /// The signed-in account, or a redirect to the sign-in page.
    pub fn require_account(&self) -> Result<&Account, AppError> {
        self.account.as_ref().ok_or(AppError::SignInRequired)
    }

    /// Whether this visitor, holding `in_process` roles in a process, may act on it there
    /// (instance roles count too; a visitor who is not signed in has none).
    pub fn may_in_process(
        &self,
        in_process: &[permissions::ProcessRole],
        action: permissions::ProcessAction,
    ) -> bool {
        let instance = self
            .account
            .as_ref()
            .map_or(&[][..], |a| a.roles.as_slice());
        permissions::may_in_process(instance, in_process, action)
    }

    /// The signed-in account if it may perform `action`; otherwise sign-in or 403.
    pub fn authorize(&self, action: Action) -> Result<&Account, AppError> {
        let account = self.require_account()?;
        if account.may(action) {
            Ok(account)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl Visitor {
    /// A visitor known only by the cookies of a request (when the session could not load).
    pub fn from_cookies(headers: &axum::http::HeaderMap, path: &str, jar: Jar) -> Visitor {
        Visitor {
            account: None,
            lang: jar
                .get(headers, cookies::LANG)
                .map_or(Lang::Fr, Lang::from_code),
            csrf_secret: jar
                .get(headers, cookies::CSRF)
                .map_or_else(secrets::new_token, str::to_owned),
            flash: None,
            path: path.to_owned(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Visitor>()
            .cloned()
            .ok_or_else(|| AppError::Internal("visitor middleware missing".into()))
    }
}

/// How long before a session's expiry is slid forward again.
const TOUCH_EVERY_MS: i64 = 5 * 60 * 1000;

/// Middleware: reads the cookies, loads the session, and sets the cookies that must change.
pub async fn load_visitor(
    State(state): State<Platform>,
    mut request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let jar = state.cookies();
    let lang = jar
        .get(headers, cookies::LANG)
        .map_or(Lang::Fr, Lang::from_code);
    let flash = jar.get(headers, cookies::FLASH).map(str::to_owned);
    let existing_csrf = jar
        .get(headers, cookies::CSRF)
        .filter(|value| value.len() == 43 && secrets::decode(value).is_some())
        .map(str::to_owned);
    let csrf_secret = existing_csrf.clone().unwrap_or_else(secrets::new_token);
    let session_token = jar.get(headers, cookies::SESSION).map(str::to_owned);

    let ttl_ms = state.config.session_days * 24 * 3600 * 1000;
    let mut stale_session_cookie = false;
    let mut account = None;
    if let Some(token) = session_token {
        match load_account(&state, &token, ttl_ms).await {
            Ok(Some(found)) => account = Some(found),
            Ok(None) => stale_session_cookie = true,
            Err(error) => return AppError::from(error).into_response(),
        }
    }

    let visitor = Visitor {
        account,
        lang,
        csrf_secret: csrf_secret.clone(),
        flash: flash.clone(),
        path: request
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned(),
    };
    request.extensions_mut().insert(visitor.clone());
    let mut response = next.run(request).await;
    // The error-page layer, outside this one, draws its pages for the same visitor.
    response.extensions_mut().insert(visitor);

    let shown_flash = flash.is_some() && response.status().is_success();
    let set_cookies = response.headers_mut();
    if existing_csrf.is_none()
        && !jar.sets(
            set_cookies.get_all(header::SET_COOKIE).iter(),
            cookies::CSRF,
        )
    {
        set_cookies.append(
            header::SET_COOKIE,
            jar.set(cookies::CSRF, &csrf_secret, CSRF_COOKIE_SECS),
        );
    }
    if stale_session_cookie
        && !jar.sets(
            set_cookies.get_all(header::SET_COOKIE).iter(),
            cookies::SESSION,
        )
    {
        set_cookies.append(header::SET_COOKIE, jar.set(cookies::SESSION, "", 0));
    }
    if shown_flash
        && !jar.sets(
            set_cookies.get_all(header::SET_COOKIE).iter(),
            cookies::FLASH,
        )
    {
        set_cookies.append(header::SET_COOKIE, jar.set(cookies::FLASH, "", 0));
    }
    response
}

/// How long the CSRF secret's cookie lasts (it is renewed at each sign-in and sign-out).
pub const CSRF_COOKIE_SECS: i64 = 365 * 24 * 3600;

async fn load_account(
    state: &Platform,
    token: &str,
    ttl_ms: i64,
) -> Result<Option<Account>, sqlx::Error> {
    let hash = secrets::token_digest(token);
    let Some(session) = sessions::find(&state.db, &hash).await? else {
        return Ok(None);
    };
    if crate::platform::clock::now_ms() - session.last_seen_at > TOUCH_EVERY_MS {
        sessions::touch(&state.db, &hash, ttl_ms).await?;
    }
    let mut names: Vec<&str> = session
        .roles
        .as_deref()
        .map_or(Vec::new(), |roles| roles.split(',').collect());
    names.sort_unstable();
    let roles: Vec<Role> = names.iter().filter_map(|name| name.parse().ok()).collect();
    Ok(Some(Account {
        id: session.user_id,
        display_name: session.display_name,
        email: session.email,
        roles,
        session_hash: hash,
    }))
}
