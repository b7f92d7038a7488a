//! Serving a kept file: to whoever may see its process (anyone, for a file of no process such
//! as a logo); a hidden one to its moderators only.
//! Pictures show inline; documents are offered as downloads under their name, sandboxed.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::features::media::{rules, store};
use crate::features::processes::pages::visible_process_by_id;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::ProcessAction;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// `GET /medias/{id}`: a kept picture or document.
pub async fn serve(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let media = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let may_see_hidden = match media.process_id {
        Some(process_id) => {
            let (_, roles) = visible_process_by_id(&state, &visitor, process_id).await?;
            visitor.may_in_process(&roles, ProcessAction::Moderate)
        }
        // A public file (a logo): hidden, only admins see it.
        None => visitor.may_in_process(&[], ProcessAction::Moderate),
    };
    if media.hidden != 0 && !may_see_hidden {
        return Err(AppError::NotFound);
    }
    // Private: a moderation decision or a process going back to draft takes effect at once.
    let cache = "private, max-age=600";
    let response = if media.media_type.starts_with("image/") {
        (
            [
                (header::CONTENT_TYPE, media.media_type),
                (header::CACHE_CONTROL, cache.to_owned()),
            ],
            media.bytes,
        )
            .into_response()
    } else {
        (
            [
                (header::CONTENT_TYPE, media.media_type),
                (header::CACHE_CONTROL, cache.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    rules::disposition(&media.file_name),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "sandbox; default-src 'none'".to_owned(),
                ),
            ],
            media.bytes,
        )
            .into_response()
    };
    Ok(response)
}
