//! A signed-in person's own account: display name, address, password, the download of
//! everything held about them (RGPD) and the deletion of the account.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::features::accounts;
use crate::features::accounts::pages::TokenQuery;
use crate::features::accounts::rules as account;
use crate::features::partners;
use crate::features::territories;
use crate::platform::audit;
use crate::platform::auth;
use crate::platform::auth::tokens;
use crate::platform::auth::tokens::TokenPurpose;
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::platform::permissions::Action;
use crate::platform::secrets;
use crate::platform::web::forms::{Choice, FieldError, FormErrors};
use crate::platform::web::page::{ConfirmLinkPage, MessagePage};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::{Account, Visitor};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "accounts/templates/account.html")]
struct AccountPage {
    page: PageCtx,
    errors: FormErrors,
    display_name: String,
    email: String,
    new_email: String,
    roles: Vec<String>,
    profile: Option<accounts::profiles::Profile>,
    communes: Vec<Choice>,
    ages: Vec<Choice>,
    situations: Vec<Choice>,
    /// `(id, name)` of the organisations the person speaks for.
    organisations: Vec<(i64, String)>,
    /// Whether they may register one.
    may_register_organisation: bool,
}

/// What a form on the account page sent back, to show again with its errors.
#[derive(Default)]
struct Typed {
    display_name: Option<String>,
    new_email: String,
}

async fn account_page(
    state: &AppState,
    visitor: &Visitor,
    account: &Account,
    errors: FormErrors,
    typed: Typed,
) -> AppResult<Response> {
    let profile = accounts::profiles::of_user(&state.db, account.id).await?;
    let chosen = |field: fn(&accounts::profiles::Profile) -> &Option<String>| {
        profile
            .as_ref()
            .and_then(|p| field(p).clone())
            .unwrap_or_default()
    };
    let page = AccountPage {
        page: PageCtx::new(state, visitor),
        organisations: partners::service::spoken_for(&state.db, account.id).await?,
        may_register_organisation: account.may(Action::RegisterOrganisation),
        display_name: typed
            .display_name
            .unwrap_or_else(|| account.display_name.clone()),
        email: account.email.clone(),
        new_email: typed.new_email,
        roles: account
            .roles
            .iter()
            .map(|role| format!("role-{role}"))
            .collect(),
        communes: options(
            visitor.tr(),
            "",
            chosen(|p| &p.commune_code),
            territories::store::at_level(&state.db, "commune")
                .await?
                .into_iter()
                .map(|c| (c.code, c.name)),
        ),
        ages: options(
            visitor.tr(),
            "age-",
            chosen(|p| &p.age_bracket),
            account::AGE_BRACKETS
                .iter()
                .map(|a| (a.to_string(), a.to_string())),
        ),
        situations: options(
            visitor.tr(),
            "audience-",
            chosen(|p| &p.situation),
            account::situations()
                .into_iter()
                .map(|a| (a.to_string(), a.to_string())),
        ),
        profile,
        errors,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /compte`.
pub async fn show(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    let account = visitor.require_account()?;
    account_page(
        &state,
        &visitor,
        account,
        FormErrors::default(),
        Typed::default(),
    )
    .await
}

/// Choices for a profile select: "non précisé" first; labels translated with `prefix` when
/// one is given.
fn options(
    tr: crate::platform::i18n::Tr,
    prefix: &str,
    chosen: String,
    values: impl Iterator<Item = (String, String)>,
) -> Vec<Choice> {
    let unspecified = (String::new(), tr.t("profile-unspecified"));
    let labelled = values.map(|(value, label)| {
        let label = if prefix.is_empty() {
            label
        } else {
            tr.t(&format!("{prefix}{value}"))
        };
        (value, label)
    });
    Choice::list(std::iter::once(unspecified).chain(labelled), &chosen)
}

/// The profile form.
#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    commune: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    situation: String,
    consent: Option<String>,
    #[serde(default)]
    action: String,
}

/// `POST /compte/profil`: saves the optional profile (with consent) or deletes it.
pub async fn save_profile(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<ProfileForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    if form.action.parse() == Ok(account::ProfileAction::Delete) {
        accounts::profiles::delete(&state.db, account.id).await?;
        return Ok(redirect_with_flash(
            &state,
            "/compte#profil-participant",
            "flash-profile-deleted",
        ));
    }
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    if form.consent.is_none() {
        errors.add_message("consent", tr.t("error-profile-consent"));
    }
    let commune = match form.commune.as_str() {
        "" => None,
        code => match territories::store::by_level_code(&state.db, "commune", code).await? {
            Some(commune) => Some(commune.id),
            None => {
                errors.add_message("commune", tr.t("error-choose-from-list"));
                None
            }
        },
    };
    let pick =
        |value: &str, allowed: &[&str], field: &'static str, errors: &mut FormErrors| match value {
            "" => None,
            v if allowed.contains(&v) => Some(v.to_owned()),
            _ => {
                errors.add_message(field, tr.t("error-choose-from-list"));
                None
            }
        };
    let age = pick(&form.age, &account::AGE_BRACKETS, "age", &mut errors);
    let situation = pick(
        &form.situation,
        &account::situations(),
        "situation",
        &mut errors,
    );
    if !errors.is_empty() {
        return account_page(&state, &visitor, account, errors, Typed::default()).await;
    }
    accounts::profiles::save(
        &state.db,
        account.id,
        commune,
        age.as_deref(),
        situation.as_deref(),
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        "/compte#profil-participant",
        "flash-profile-saved",
    ))
}

/// The display-name form.
#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    display_name: String,
}

/// `POST /compte/nom`.
pub async fn change_name(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<NameForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let mut errors = FormErrors::default();
    let Some(name) = errors.check(
        visitor.tr(),
        "display_name",
        account::validate_display_name(&form.display_name),
    ) else {
        let typed = Typed {
            display_name: Some(form.display_name),
            ..Typed::default()
        };
        return account_page(&state, &visitor, account, errors, typed).await;
    };
    accounts::users::set_display_name(&state.db, account.id, &name).await?;
    Ok(redirect_with_flash(&state, "/compte", "flash-name-changed"))
}

/// Checks the current password of the signed-in account, noting a mismatch on `field`.
async fn check_current_password(
    state: &AppState,
    tr: Tr,
    account: &Account,
    password: &str,
    field: &'static str,
    errors: &mut FormErrors,
) -> AppResult<()> {
    let hash = accounts::users::by_id(&state.db, account.id)
        .await?
        .map(|u| u.password_hash);
    if password.is_empty() {
        errors.add(tr, field, FieldError::Required);
    } else if !auth::verify_password(password.to_owned(), hash).await {
        errors.add(tr, field, FieldError::WrongPassword);
    }
    Ok(())
}

/// The change-of-address form.
#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    email_password: String,
}

/// `POST /compte/courriel`: mails a confirmation link to the new address and a notice to the
/// current one; the address changes only when the link is used.
pub async fn change_email(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<EmailForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let new_email = errors.check(tr, "new_email", account::normalize_email(&form.new_email));
    if new_email.as_deref() == Some(account.email.as_str()) {
        errors.add(tr, "new_email", FieldError::SameEmail);
    }
    check_current_password(
        &state,
        tr,
        account,
        &form.email_password,
        "email_password",
        &mut errors,
    )
    .await?;
    let (Some(new_email), true) = (new_email, errors.is_empty()) else {
        let typed = Typed {
            new_email: form.new_email,
            ..Typed::default()
        };
        return account_page(&state, &visitor, account, errors, typed).await;
    };
    auth::limit(&state, &format!("mail:change:{}", account.id), 5, 3_600_000).await?;
    let user = accounts::users::by_id(&state.db, account.id)
        .await?
        .ok_or(crate::platform::error::AppError::SignInRequired)?;
    accounts::service::mail_link(&state, tr, &user, TokenPurpose::ChangeEmail, &new_email).await?;
    accounts::service::mail_notice(&state, tr, &user, "mail-email-changing").await?;
    Ok(redirect_with_flash(
        &state,
        "/compte",
        "flash-email-change-sent",
    ))
}

/// `GET /compte/courriel/confirmation?jeton=…`.
pub async fn confirm_email_change_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<TokenQuery>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let page = PageCtx::new(&state, &visitor);
    if !tokens::is_valid(
        &state.db,
        &secrets::token_digest(&query.jeton),
        TokenPurpose::ChangeEmail,
    )
    .await?
    {
        return render(&MessagePage {
            page,
            title: tr.t("link-invalid-title"),
            text: tr.t("link-invalid-text"),
            link: Some(("/compte".into(), tr.t("nav-account"))),
        });
    }
    render(&ConfirmLinkPage {
        page,
        title: tr.t("account-email-change-title"),
        text: tr.t("account-email-change-text"),
        action: "/compte/courriel/confirmation",
        token: query.jeton,
        submit: tr.t("account-email-change-submit"),
    })
}

/// `POST /compte/courriel/confirmation`: the new address replaces the old one.
pub async fn confirm_email_change(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<TokenQuery>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let used = tokens::consume(
        &state.db,
        &secrets::token_digest(&form.jeton),
        TokenPurpose::ChangeEmail,
    )
    .await?;
    let Some((user_id, Some(new_email))) = used.map(|u| (u.user_id, u.new_email)) else {
        return render(&MessagePage {
            page: PageCtx::new(&state, &visitor),
            title: tr.t("link-invalid-title"),
            text: tr.t("link-invalid-text"),
            link: None,
        });
    };
    // The sessions opened with the old address end (but the one confirming, if it is the
    // account's), and the account's other links die.
    let keep = visitor
        .account
        .as_ref()
        .filter(|a| a.id == user_id)
        .map(|a| a.session_hash.as_str());
    let credential = accounts::users::Credential::Email(&new_email);
    if !accounts::users::change_credential(&state.db, user_id, credential, keep).await? {
        return render(&MessagePage {
            page: PageCtx::new(&state, &visitor),
            title: tr.t("account-email-taken-title"),
            text: tr.t("account-email-taken-text"),
            link: None,
        });
    }
    audit::record(
        &state.db,
        Some(user_id),
        "account.email_change",
        &format!("user:{user_id}"),
        "",
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        "/compte",
        "flash-email-changed",
    ))
}

/// The change-of-password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_confirm: String,
}

/// `POST /compte/mot-de-passe`: changes the password and closes the other sessions.
pub async fn change_password(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    check_current_password(
        &state,
        tr,
        account,
        &form.current_password,
        "current_password",
        &mut errors,
    )
    .await?;
    errors.check_new_password(
        tr,
        ("new_password", "new_password_confirm"),
        &form.new_password,
        &form.new_password_confirm,
    );
    if !errors.is_empty() {
        return account_page(&state, &visitor, account, errors, Typed::default()).await;
    }
    let hash = auth::hash_password(form.new_password).await?;
    accounts::users::change_credential(
        &state.db,
        account.id,
        accounts::users::Credential::PasswordHash(&hash),
        Some(&account.session_hash),
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        "/compte",
        "flash-password-changed",
    ))
}

/// `GET /compte/donnees`: everything held about the signed-in person, as a JSON download.
pub async fn export(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let document =
        crate::features::accounts::personal_data::document(&state.db, account.id, &account.email)
            .await?;
    let body = serde_json::to_vec_pretty(&document)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"concerto-mes-donnees.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}

/// The deletion form.
#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    delete_password: String,
    delete_confirm: Option<String>,
}

/// `POST /compte/suppression`: deletes the account after checking the password.
pub async fn delete(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<DeleteForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    check_current_password(
        &state,
        tr,
        account,
        &form.delete_password,
        "delete_password",
        &mut errors,
    )
    .await?;
    if form.delete_confirm.is_none() {
        errors.add_message("delete_confirm", tr.t("error-delete-confirm"));
    }
    if !errors.is_empty() {
        return account_page(&state, &visitor, account, errors, Typed::default()).await;
    }
    let forgotten =
        crate::features::accounts::personal_data::forget(&state.db, account.id, &account.email)
            .await?;
    if forgotten == crate::features::accounts::personal_data::Forgotten::LastAdmin {
        errors.add_message("form", tr.t("error-last-admin"));
        return account_page(&state, &visitor, account, errors, Typed::default()).await;
    }
    // Recorded without naming the account: it is gone.
    audit::record(&state.db, None, "account.delete", "account", "").await?;
    let mut response = redirect_with_flash(&state, "/", "flash-account-deleted");
    response.headers_mut().append(
        header::SET_COOKIE,
        auth::clear_session_cookie(&state.config),
    );
    Ok(response)
}
