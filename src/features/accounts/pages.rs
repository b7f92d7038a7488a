//! Signing up, confirming the address, signing in and out, and resetting a forgotten
//! password. No answer here tells whether an address has an account.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::features::accounts;
use crate::features::accounts::rules as account;
use crate::platform::auth::rate_limits;
use crate::platform::auth::sessions;
use crate::platform::auth::tokens;
use crate::platform::auth::tokens::TokenPurpose;
use crate::platform::auth::{self, ClientIp};
use crate::platform::error::AppResult;
use crate::platform::secrets;
use crate::platform::web::forms::FormErrors;
use crate::platform::web::page::{ConfirmLinkPage, MessagePage};
use crate::platform::web::page::{
    PageCtx, redirect_with_flash, render, render_invalid, safe_local_path,
};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

const MINUTE_MS: i64 = 60 * 1000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
/// Sign-in attempts allowed per client address in a quarter of an hour.
const SIGN_IN_PER_IP: i64 = 30;
/// Sign-in attempts allowed per account from one client address in a quarter of an hour
/// (a success starts the count again).
const SIGN_IN_PER_ACCOUNT_AND_IP: i64 = 5;
/// Sign-in attempts allowed per account from all addresses together in a quarter of an hour:
/// guessing from many addresses stays bounded, and locking an owner out takes that many
/// attempts from at least this many / `SIGN_IN_PER_ACCOUNT_AND_IP` addresses.
const SIGN_IN_PER_ACCOUNT: i64 = 50;
/// Sign-ups allowed per client address in an hour.
const SIGN_UPS_PER_IP: i64 = 10;
/// Reset requests allowed per client address in an hour.
const RESETS_PER_IP: i64 = 10;

fn message(state: &AppState, visitor: &Visitor, title: &str, text: &str) -> AppResult<Response> {
    let tr = visitor.tr();
    render(&MessagePage {
        page: PageCtx::new(state, visitor),
        title: tr.t(title),
        text: tr.t(text),
        link: None,
    })
}

fn invalid_link(
    state: &AppState,
    visitor: &Visitor,
    retry_path: &str,
    retry_key: &str,
) -> AppResult<Response> {
    let tr = visitor.tr();
    render(&MessagePage {
        page: PageCtx::new(state, visitor),
        title: tr.t("link-invalid-title"),
        text: tr.t("link-invalid-text"),
        link: Some((retry_path.to_owned(), tr.t(retry_key))),
    })
}

// ---------------------------------------------------------------------------------------
// Sign up

#[derive(Template)]
#[template(path = "accounts/templates/sign_up.html")]
struct SignUpPage {
    page: PageCtx,
    errors: FormErrors,
    email: String,
    display_name: String,
}

/// The sign-up form as posted.
#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    /// Hidden from people; robots fill it in.
    #[serde(default)]
    website: String,
}

/// `GET /inscription`.
pub async fn sign_up_form(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    render(&SignUpPage {
        page: PageCtx::new(&state, &visitor),
        errors: FormErrors::default(),
        email: String::new(),
        display_name: String::new(),
    })
}

/// `POST /inscription`: creates an unconfirmed account and mails the confirmation link.
pub async fn sign_up(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    Form(form): Form<SignUpForm>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    if !form.website.is_empty() {
        tracing::info!(%ip, "sign-up honeypot filled: ignored");
        return message(&state, &visitor, "sign-up-sent-title", "sign-up-sent-text");
    }
    auth::limit(
        &state,
        &format!("sign-up:ip:{ip}"),
        SIGN_UPS_PER_IP,
        HOUR_MS,
    )
    .await?;

    let mut errors = FormErrors::default();
    let email = errors.check(tr, "email", account::normalize_email(&form.email));
    let name = errors.check(
        tr,
        "display_name",
        account::validate_display_name(&form.display_name),
    );
    errors.check_new_password(
        tr,
        ("password", "password_confirm"),
        &form.password,
        &form.password_confirm,
    );
    let (Some(email), Some(name), true) = (email, name, errors.is_empty()) else {
        return render_invalid(&SignUpPage {
            page: PageCtx::new(&state, &visitor),
            errors,
            email: form.email,
            display_name: form.display_name,
        });
    };

    let hash = auth::hash_password(form.password).await?;
    match accounts::users::create(&state.db, &email, &name, &hash, false).await? {
        Some(user) => {
            accounts::service::mail_link(
                &state,
                tr,
                &user,
                TokenPurpose::ConfirmEmail,
                &user.email,
            )
            .await?;
        }
        None => {
            // The address has an account: tell its owner, and answer exactly as for a new one.
            if let Some(existing) = accounts::users::by_email(&state.db, &email).await?
                && accounts::service::may_mail(&state, "existing", &email).await?
            {
                accounts::service::mail_notice(&state, tr, &existing, "mail-existing").await?;
            }
        }
    }
    message(&state, &visitor, "sign-up-sent-title", "sign-up-sent-text")
}

/// A token from an e-mail link.
#[derive(Deserialize)]
pub struct TokenQuery {
    /// The token, as the link carries it (`jeton=…`).
    #[serde(default)]
    pub jeton: String,
}

/// `GET /confirmation?jeton=…`: the page with the confirmation button.
pub async fn confirm_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<TokenQuery>,
) -> AppResult<Response> {
    let valid = tokens::is_valid(
        &state.db,
        &secrets::token_digest(&query.jeton),
        TokenPurpose::ConfirmEmail,
    )
    .await?;
    if !valid {
        return invalid_link(&state, &visitor, "/connexion", "nav-sign-in");
    }
    let tr = visitor.tr();
    render(&ConfirmLinkPage {
        page: PageCtx::new(&state, &visitor),
        title: tr.t("confirm-title"),
        text: tr.t("confirm-text"),
        action: "/confirmation",
        token: query.jeton,
        submit: tr.t("confirm-submit"),
    })
}

/// `POST /confirmation`: confirms the address.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<TokenQuery>,
) -> AppResult<Response> {
    let Some(used) = tokens::consume(
        &state.db,
        &secrets::token_digest(&form.jeton),
        TokenPurpose::ConfirmEmail,
    )
    .await?
    else {
        return invalid_link(&state, &visitor, "/connexion", "nav-sign-in");
    };
    accounts::users::confirm_email(&state.db, used.user_id).await?;
    Ok(redirect_with_flash(
        &state,
        "/connexion",
        "flash-email-confirmed",
    ))
}

// ---------------------------------------------------------------------------------------
// Sign in and out

#[derive(Template)]
#[template(path = "accounts/templates/sign_in.html")]
struct SignInPage {
    page: PageCtx,
    errors: FormErrors,
    email: String,
    next: String,
}

/// Where to go after signing in.
#[derive(Deserialize)]
pub struct NextQuery {
    suite: Option<String>,
}

/// `GET /connexion`.
pub async fn sign_in_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<NextQuery>,
) -> AppResult<Response> {
    render(&SignInPage {
        page: PageCtx::new(&state, &visitor),
        errors: FormErrors::default(),
        email: String::new(),
        next: safe_local_path(query.suite.as_deref()),
    })
}

/// The sign-in form as posted.
#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    suite: Option<String>,
}

/// `POST /connexion`: checks the password and opens a session.
pub async fn sign_in(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    Form(form): Form<SignInForm>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let next = safe_local_path(form.suite.as_deref());
    let refuse = |key: &str, status_too_many: bool| -> AppResult<Response> {
        let mut errors = FormErrors::default();
        errors.add_message("form", tr.t(key));
        let page = SignInPage {
            page: PageCtx::new(&state, &visitor),
            errors,
            email: form.email.clone(),
            next: next.clone(),
        };
        if status_too_many {
            Ok((
                axum::http::StatusCode::TOO_MANY_REQUESTS,
                axum::response::Html(page.render()?),
            )
                .into_response())
        } else {
            render_invalid(&page)
        }
    };

    let email = account::normalize_email(&form.email).unwrap_or_default();
    // Every attempt is counted before the password is checked (one statement each, so
    // simultaneous attempts cannot slip past the limit together), per address, per account
    // from this address, and per account from anywhere.
    let account_key = secrets::token_digest(&email);
    let here_bucket = format!("sign-in:account-ip:{account_key}:{ip}");
    let window = 15 * MINUTE_MS;
    let ip_hits = rate_limits::hit(&state.db, &format!("sign-in:ip:{ip}"), window).await?;
    let here = rate_limits::hit(&state.db, &here_bucket, window).await?;
    let everywhere =
        rate_limits::hit(&state.db, &format!("sign-in:account:{account_key}"), window).await?;
    if ip_hits > SIGN_IN_PER_IP
        || here > SIGN_IN_PER_ACCOUNT_AND_IP
        || everywhere > SIGN_IN_PER_ACCOUNT
    {
        return refuse("error-too-many-attempts", true);
    }

    let user = accounts::users::by_email(&state.db, &email).await?;
    let matches = auth::verify_password(
        form.password.clone(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let Some(user) = user.filter(|_| matches) else {
        return refuse("error-sign-in-failed", false);
    };
    if user.email_confirmed_at.is_none() {
        if accounts::service::may_mail(&state, "confirm", &user.email).await? {
            accounts::service::mail_link(
                &state,
                tr,
                &user,
                TokenPurpose::ConfirmEmail,
                &user.email,
            )
            .await?;
        }
        return refuse("error-sign-in-unconfirmed", false);
    }
    rate_limits::clear(&state.db, &here_bucket).await?;
    let cookie = auth::start_session(&state, user.id).await?;
    let mut response = redirect_with_flash(&state, &next, "flash-signed-in");
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
        .headers_mut()
        .append(header::SET_COOKIE, auth::renewed_csrf_cookie(&state.config));
    Ok(response)
}

/// `POST /deconnexion`: ends this session.
pub async fn sign_out(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    if let Some(account) = &visitor.account {
        sessions::delete(&state.db, &account.session_hash).await?;
    }
    let mut response = redirect_with_flash(&state, "/", "flash-signed-out");
    let set = response.headers_mut();
    set.append(
        header::SET_COOKIE,
        auth::clear_session_cookie(&state.config),
    );
    set.append(header::SET_COOKIE, auth::renewed_csrf_cookie(&state.config));
    Ok(response)
}

// ---------------------------------------------------------------------------------------
// Password reset

#[derive(Template)]
#[template(path = "accounts/templates/reset_request.html")]
struct ResetRequestPage {
    page: PageCtx,
    errors: FormErrors,
    email: String,
}

/// `GET /mot-de-passe-oublie`.
pub async fn reset_request_form(
    State(state): State<AppState>,
    visitor: Visitor,
) -> AppResult<Response> {
    render(&ResetRequestPage {
        page: PageCtx::new(&state, &visitor),
        errors: FormErrors::default(),
        email: String::new(),
    })
}

/// The reset request as posted.
#[derive(Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

/// `POST /mot-de-passe-oublie`: mails a reset link if the address has an account.
pub async fn reset_request(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    Form(form): Form<ResetRequestForm>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let Some(email) = errors.check(tr, "email", account::normalize_email(&form.email)) else {
        return render_invalid(&ResetRequestPage {
            page: PageCtx::new(&state, &visitor),
            errors,
            email: form.email,
        });
    };
    auth::limit(&state, &format!("reset:ip:{ip}"), RESETS_PER_IP, HOUR_MS).await?;
    // Queued whatever the address: whether it has an account is looked at when the mail is
    // written, so this answer takes the same time and the same writes either way.
    accounts::service::ask_password_reset(&state, &email, tr.lang).await?;
    message(&state, &visitor, "reset-sent-title", "reset-sent-text")
}

#[derive(Template)]
#[template(path = "accounts/templates/reset.html")]
struct ResetPage {
    page: PageCtx,
    errors: FormErrors,
    token: String,
}

/// `GET /nouveau-mot-de-passe?jeton=…`.
pub async fn reset_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<TokenQuery>,
) -> AppResult<Response> {
    if !tokens::is_valid(
        &state.db,
        &secrets::token_digest(&query.jeton),
        TokenPurpose::ResetPassword,
    )
    .await?
    {
        return invalid_link(
            &state,
            &visitor,
            "/mot-de-passe-oublie",
            "reset-request-title",
        );
    }
    render(&ResetPage {
        page: PageCtx::new(&state, &visitor),
        errors: FormErrors::default(),
        token: query.jeton,
    })
}

/// The new password as posted.
#[derive(Deserialize)]
pub struct ResetForm {
    /// The token of the reset link.
    #[serde(default)]
    pub jeton: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /nouveau-mot-de-passe`: sets the password and closes every session.
pub async fn reset(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    errors.check_new_password(
        tr,
        ("password", "password_confirm"),
        &form.password,
        &form.password_confirm,
    );
    if !errors.is_empty() {
        return render_invalid(&ResetPage {
            page: PageCtx::new(&state, &visitor),
            errors,
            token: form.jeton,
        });
    }
    let hash = auth::hash_password(form.password).await?;
    let Some(used) = tokens::consume(
        &state.db,
        &secrets::token_digest(&form.jeton),
        TokenPurpose::ResetPassword,
    )
    .await?
    else {
        return invalid_link(
            &state,
            &visitor,
            "/mot-de-passe-oublie",
            "reset-request-title",
        );
    };
    // Every session ends and every other link dies; the address is confirmed too.
    accounts::users::change_credential(
        &state.db,
        used.user_id,
        accounts::users::Credential::PasswordHash(&hash),
        None,
    )
    .await?;
    let mut response = redirect_with_flash(&state, "/connexion", "flash-password-reset");
    response.headers_mut().append(
        header::SET_COOKIE,
        auth::clear_session_cookie(&state.config),
    );
    Ok(response)
}
