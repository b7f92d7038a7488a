//! Discussing a solution: comments with one level of replies, and reports of them, as on a
//! need's page (the same thread, the same moderation queue).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::comments;
use crate::features::comments::service::{CommentForm, Subject};
use crate::features::moderation::service::Target;
use crate::features::solutions::rules::SolutionStatus;
use crate::features::solutions::solution_page::{Reported, file_report, rights, solution_page};
use crate::features::solutions::{service, store};
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::forms::Pairs;
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
    let name = visitor.require_account()?.display_name.clone();
    service::tell_carriers_of_comment(&state.db, id, account, &name).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}#commentaires"),
        "flash-comment-added",
    ))
}

/// `POST /solutions/{id}/commentaires/{comment}/signalement`: reports a comment of the
/// solution to the process's moderators, with a reason.
pub async fn report_comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, comment)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    visitor.require_account()?;
    match comments::service::owner(&state.db, comment).await? {
        Some((_, Subject::Solution(of))) if of == id => {}
        _ => return Err(AppError::NotFound),
    }
    let solution = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reported = Reported {
        target: Target::Comment(comment),
        field: "reason",
        back: format!("/solutions/{id}#commentaire-{comment}"),
    };
    file_report(&state, &visitor, solution, reported, Pairs(fields)).await
}
