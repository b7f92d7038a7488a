//! Administration: who holds which role (and granting or revoking them), the outbox of
//! e-mails kept when no SMTP server is configured, and the audit log.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::accounts;
use crate::features::accounts::rules as account;
use crate::platform::audit;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::mail;
use crate::platform::permissions::{Action, Role};
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "admin/templates/index.html")]
struct AdminPage {
    page: PageCtx,
    users: i64,
    role_counts: Vec<(String, i64)>,
    smtp: bool,
}

/// `GET /admin`.
pub async fn index(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::ReadRoleRegistry)?;
    let mut role_counts = Vec::new();
    for role in Role::GRANTABLE {
        role_counts.push((
            format!("role-{role}"),
            accounts::roles::holders_count(&state.db, role).await?,
        ));
    }
    render(&AdminPage {
        page: PageCtx::new(&state, &visitor),
        users: accounts::users::count(&state.db).await?,
        role_counts,
        smtp: state.mailer.outbox_dir().is_none(),
    })
}

/// A role holder as the registry shows them.
struct HolderRow {
    user_id: i64,
    display_name: String,
    email: String,
    granted_at: String,
}

/// The holders of one role.
struct RoleGroup {
    role: &'static str,
    label_key: String,
    holders: Vec<HolderRow>,
}

#[derive(Template)]
#[template(path = "admin/templates/roles.html")]
struct RolesPage {
    page: PageCtx,
    errors: FormErrors,
    email: String,
    grantable: Vec<Choice>,
    groups: Vec<RoleGroup>,
}

async fn roles_page(
    state: &AppState,
    visitor: &Visitor,
    errors: FormErrors,
    email: String,
    role: String,
) -> AppResult<Response> {
    let registry = accounts::roles::registry(&state.db).await?;
    let groups = Role::GRANTABLE
        .into_iter()
        .map(|role| RoleGroup {
            role: role.as_str(),
            label_key: format!("role-{role}"),
            holders: registry
                .iter()
                .filter(|h| h.role == role)
                .map(|h| HolderRow {
                    user_id: h.user_id,
                    display_name: h.display_name.clone(),
                    email: h.email.clone(),
                    granted_at: format_utc(h.granted_at),
                })
                .collect(),
        })
        .collect();
    let page = RolesPage {
        page: PageCtx::new(state, visitor),
        errors,
        email,
        grantable: Choice::words(
            Role::GRANTABLE.iter().map(|r| r.as_str()),
            "role-",
            visitor.tr(),
            &role,
        ),
        groups,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /admin/roles`: who holds which role.
pub async fn roles(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::ReadRoleRegistry)?;
    roles_page(
        &state,
        &visitor,
        FormErrors::default(),
        String::new(),
        String::new(),
    )
    .await
}

/// The grant form.
#[derive(Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/roles`: grants a role to the account with this address.
pub async fn grant(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<GrantForm>,
) -> AppResult<Response> {
    let admin = visitor.authorize(Action::AssignRoles)?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let role = form
        .role
        .parse::<Role>()
        .ok()
        .filter(|r| Role::GRANTABLE.contains(r));
    if role.is_none() {
        errors.add_message("role", tr.t("error-role-unknown"));
    }
    let user = match errors.check(tr, "email", account::normalize_email(&form.email)) {
        Some(email) => accounts::users::by_email(&state.db, &email).await?,
        None => None,
    };
    if user.is_none() && errors.get("email").is_none() {
        errors.add_message("email", tr.t("error-account-unknown"));
    }
    let (Some(role), Some(user)) = (role, user) else {
        return roles_page(&state, &visitor, errors, form.email, form.role).await;
    };
    if accounts::roles::grant(&state.db, user.id, role, Some(admin.id)).await? {
        audit::record(
            &state.db,
            Some(admin.id),
            "role.grant",
            &format!("user:{} ({})", user.id, user.email),
            role.as_str(),
        )
        .await?;
    }
    Ok(redirect_with_flash(
        &state,
        "/admin/roles",
        "flash-role-granted",
    ))
}

/// The revoke form.
#[derive(Deserialize)]
pub struct RevokeForm {
    user_id: i64,
    role: String,
}

/// `POST /admin/roles/retrait`: revokes a role (never the last admin's).
pub async fn revoke(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<RevokeForm>,
) -> AppResult<Response> {
    let admin = visitor.authorize(Action::AssignRoles)?;
    let role = form
        .role
        .parse::<Role>()
        .map_err(|_| AppError::BadRequest)?;
    match accounts::roles::revoke(&state.db, form.user_id, role).await? {
        accounts::roles::Revoked::Done => {
            audit::record(
                &state.db,
                Some(admin.id),
                "role.revoke",
                &format!("user:{}", form.user_id),
                role.as_str(),
            )
            .await?;
        }
        accounts::roles::Revoked::LastAdmin => {
            let mut errors = FormErrors::default();
            errors.add_message("form", visitor.tr().t("error-last-admin"));
            return roles_page(&state, &visitor, errors, String::new(), String::new()).await;
        }
        accounts::roles::Revoked::NotHeld => {}
    }
    Ok(redirect_with_flash(
        &state,
        "/admin/roles",
        "flash-role-revoked",
    ))
}

/// An outbox message as listed.
struct MailRow {
    file: String,
    sent_at: String,
    to: String,
    subject: String,
    body: String,
}

impl From<mail::OutboxEntry> for MailRow {
    fn from(entry: mail::OutboxEntry) -> Self {
        MailRow {
            file: entry.file,
            sent_at: format_utc(entry.sent_at),
            to: entry.email.to,
            subject: entry.email.subject,
            body: entry.email.body,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/templates/outbox.html")]
struct OutboxPage {
    page: PageCtx,
    smtp: bool,
    mails: Vec<MailRow>,
}

/// `GET /admin/courriels`: the e-mails kept in the outbox, newest first.
pub async fn outbox(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::ReadOutbox)?;
    let mails = match state.mailer.outbox_dir() {
        Some(dir) => mail::read_outbox(dir)
            .into_iter()
            .take(500)
            .map(MailRow::from)
            .collect(),
        None => Vec::new(),
    };
    render(&OutboxPage {
        page: PageCtx::new(&state, &visitor),
        smtp: state.mailer.outbox_dir().is_none(),
        mails,
    })
}

#[derive(Template)]
#[template(path = "admin/templates/mail.html")]
struct MailPage {
    page: PageCtx,
    mail: MailRow,
}

/// `GET /admin/courriels/{file}`: one e-mail of the outbox.
pub async fn outbox_mail(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(file): Path<String>,
) -> AppResult<Response> {
    visitor.authorize(Action::ReadOutbox)?;
    let dir = state.mailer.outbox_dir().ok_or(AppError::NotFound)?;
    let entry = mail::read_outbox_entry(dir, &file).ok_or(AppError::NotFound)?;
    render(&MailPage {
        page: PageCtx::new(&state, &visitor),
        mail: entry.into(),
    })
}

/// An audit entry as listed.
struct AuditRow {
    at: String,
    actor: Option<String>,
    action: String,
    subject: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "admin/templates/audit.html")]
struct AuditPage {
    page: PageCtx,
    entries: Vec<AuditRow>,
}

/// `GET /admin/journal`: the latest audit entries.
pub async fn audit(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::ReadAuditLog)?;
    let entries = audit::latest(&state.db, 500)
        .await?
        .into_iter()
        .map(|e| AuditRow {
            at: format_utc(e.at),
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            detail: e.detail,
        })
        .collect();
    render(&AuditPage {
        page: PageCtx::new(&state, &visitor),
        entries,
    })
}
