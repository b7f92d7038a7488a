//! Moderation of a process: the queue of reported needs and comments, hiding them with a reason
//! (their page then says so), restoring them, and merging duplicate needs. Every decision goes to the audit log.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::comments;
use crate::features::moderation;
use crate::features::moderation::digests as notify;
use crate::features::moderation::notices::Kind;
use crate::features::moderation::store::{OpenReport, Target};
use crate::features::needs;
use crate::features::needs::rules::{self as need, NeedStatus};
use crate::features::processes;
use crate::features::processes::store::Process;
use crate::platform::audit;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::ProcessAction;
use crate::platform::web::forms::FormErrors;
use crate::platform::web::page::{PageCtx, redirect_with_flash, render};
use crate::platform::web::visitor::{Account, Visitor};
use crate::state::AppState;

/// The signed-in person if they may moderate in the process, else sign-in or 403.
async fn moderator<'a>(
    state: &AppState,
    visitor: &'a Visitor,
    process_id: i64,
) -> AppResult<&'a Account> {
    crate::features::processes::pages::authorize_in(
        state,
        visitor,
        process_id,
        ProcessAction::Moderate,
    )
    .await
}

/// A report as the queue lists it.
struct ReportRow {
    report: OpenReport,
    date: String,
}

#[derive(Template)]
#[template(path = "moderation/templates/queue.html")]
struct QueuePage {
    page: PageCtx,
    process: Process,
    reports: Vec<ReportRow>,
}

/// `GET /demarches/{slug}/moderation`: the open reports, oldest first.
pub async fn queue(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = processes::store::by_slug(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    moderator(&state, &visitor, process.id).await?;
    let reports = moderation::store::open_reports(&state.db, process.id)
        .await?
        .into_iter()
        .map(|report| ReportRow {
            date: format_utc(report.created_at),
            report,
        })
        .collect();
    render(&QueuePage {
        page: PageCtx::new(&state, &visitor),
        process,
        reports,
    })
}

/// A moderation decision.
#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
}

/// Hides or restores a need or comment, then leads `back` to the page showing it; the author
/// of a hidden need is told why.
async fn decide(
    state: &AppState,
    visitor: &Visitor,
    process_id: i64,
    back: &str,
    target: Target,
    need_author: Option<i64>,
    form: DecisionForm,
) -> AppResult<Response> {
    let account = moderator(state, visitor, process_id).await?;
    let hide = match form.action.parse() {
        Ok(moderation::store::Visibility::Hide) => true,
        Ok(moderation::store::Visibility::Restore) => false,
        Err(_) => return Err(AppError::BadRequest),
    };
    // Hiding says why; an empty reason falls back to the generic one, never to nothing.
    let reason = need::validate_text(&form.reason, 500, false).unwrap_or_default();
    let reason = if reason.is_empty() {
        visitor.tr().t("moderation-default-reason")
    } else {
        reason
    };
    let changed = moderation::store::set_visibility(
        &state.db,
        target,
        hide,
        hide.then_some(reason.as_str()),
        account.id,
    )
    .await?;
    if !changed {
        return Err(AppError::NotFound);
    }
    let (action, subject) = target.audit_subject();
    let verb = if hide { "hide" } else { "restore" };
    audit::record(
        &state.db,
        Some(account.id),
        &format!("moderation.{action}.{verb}"),
        &subject,
        if hide { &reason } else { "" },
    )
    .await?;
    if let (true, Target::Need(need_id)) = (hide, target) {
        notify::tell_author(
            &state.db,
            need_author,
            account.id,
            need_id,
            Kind::Hidden,
            &reason,
        )
        .await?;
    }
    let flash = if hide {
        "flash-hidden"
    } else {
        "flash-restored"
    };
    Ok(redirect_with_flash(state, back, flash))
}

/// `POST /moderation/besoins/{id}`: hides or restores a need.
pub async fn need(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let need = needs::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    decide(
        &state,
        &visitor,
        need.process_id,
        &format!("/besoins/{id}"),
        Target::Need(id),
        need.author_id,
        form,
    )
    .await
}

/// `POST /moderation/commentaires/{id}`: hides or restores a comment.
pub async fn comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let (process_id, subject) = comments::store::owner(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    decide(
        &state,
        &visitor,
        process_id,
        &format!("{}#commentaire-{id}", subject.path()),
        Target::Comment(id),
        None,
        form,
    )
    .await
}

/// The merge form: which need to keep.
#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    merge_target: String,
}

/// `POST /moderation/besoins/{id}/fusion`: merges this need into the one named in the form;
/// its supports and comments move there and its page then leads there.
pub async fn merge(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<MergeForm>,
) -> AppResult<Response> {
    let duplicate = needs::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = moderator(&state, &visitor, duplicate.process_id).await?;
    if duplicate.status == NeedStatus::Merged {
        return Err(AppError::NotFound);
    }
    let merged = match kept_need(&state, &duplicate, &form.merge_target).await? {
        Ok(kept) if moderation::store::merge(&state.db, id, kept, account.id).await? => Ok(kept),
        Ok(_) => Err("error-merge-target"),
        Err(key) => Err(key),
    };
    let kept = match merged {
        Ok(kept) => kept,
        Err(key) => {
            let mut errors = FormErrors::default();
            errors.add_message("merge_target", visitor.tr().t(key));
            return crate::features::needs::need_page::need_page(
                &state, &visitor, duplicate, errors,
            )
            .await;
        }
    };
    audit::record(
        &state.db,
        Some(account.id),
        "moderation.need.merge",
        &format!("need:{id}"),
        &format!("need:{kept}"),
    )
    .await?;
    notify::tell_author(
        &state.db,
        duplicate.author_id,
        account.id,
        id,
        Kind::Merged,
        &kept.to_string(),
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/besoins/{kept}"),
        "flash-merged",
    ))
}

/// The need a moderator named to keep, or the key of the message saying why it cannot be.
async fn kept_need(
    state: &AppState,
    duplicate: &needs::store::Need,
    reference: &str,
) -> AppResult<Result<i64, &'static str>> {
    let Some(kept) = need::need_reference(reference) else {
        return Ok(Err("error-merge-target"));
    };
    if kept == duplicate.id {
        return Ok(Err("error-merge-self"));
    }
    Ok(match needs::store::by_id(&state.db, kept).await? {
        Some(need)
            if need.process_id == duplicate.process_id && need.status == NeedStatus::Published =>
        {
            Ok(kept)
        }
        _ => Err("error-merge-target"),
    })
}
