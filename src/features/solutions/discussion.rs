//! Discussing a solution: comments with one level of replies, and reports of them, as on a
//! need's page (the same thread, the same moderation queue).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::comments;
use crate::features::comments::service::{CommentForm, Subject};
use crate::features::moderation;
use crate::features::moderation::service::Target;
use crate::features::solutions::rules::{self as solution, SolutionStatus};
use crate::features::solutions::solution_page::{REPORTS_PER_HOUR, rights, solution_page};
use crate::features::solutions::store;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::redirect_with_flash;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// `POST /solutions/{id}/commentaires`: comments a published solution while its process is
/// open, or answers a comment (`parent`).
pub async fn comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let solution = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, _) = rights(&state, &visitor, &solution).await?;
    if solution.status != SolutionStatus::Published {
        return Err(AppError::NotFound);
    }
    if !process.status.is_open() {
        return Err(AppError::Forbidden);
    }
    let subject = Subject::Solution(id);
    let written = comments::service::write(
        &state,
        subject,
        account,
        &form.comment,
        form.parent,
        visitor.tr(),
    )
    .await?;
    if let Err(errors) = written {
        let typed = Pairs(vec![("comment".into(), form.comment)]);
        return solution_page(&state, &visitor, solution, errors, typed).await;
    }
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}#commentaires"),
        "flash-comment-added",
    ))
}

/// The comment report form.
#[derive(Debug, serde::Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
}

/// `POST /solutions/{id}/commentaires/{comment}/signalement`: reports a comment of the
/// solution to the process's moderators, with a reason.
pub async fn report_comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, comment)): Path<(i64, i64)>,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    match comments::service::owner(&state.db, comment).await? {
        Some((_, Subject::Solution(of))) if of == id => {}
        _ => return Err(AppError::NotFound),
    }
    let solution = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    rights(&state, &visitor, &solution).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let reason = errors.check(
        tr,
        "report_comment",
        crate::features::needs::rules::validate_text(&form.reason, solution::MAX_NOTE_CHARS, true),
    );
    let Some(reason) = reason else {
        return solution_page(&state, &visitor, solution, errors, Pairs::default()).await;
    };
    crate::platform::auth::limit(
        &state,
        &format!("reports:{account}"),
        REPORTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    moderation::service::report(
        &state.db,
        solution.process_id,
        Target::Comment(comment),
        account,
        &reason,
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}#commentaire-{comment}"),
        "flash-reported",
    ))
}
