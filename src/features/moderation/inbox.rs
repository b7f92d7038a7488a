//! A person's notifications on the site: the newest notices about the needs they contributed
//! or supported (comments, moderation, solutions answering them and moving on), the same the
//! grouped e-mail carries, kept a month after it left.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use crate::features::moderation::digests::solution_line;
use crate::features::moderation::notices::{self, Kind};
use crate::platform::clock::format_utc;
use crate::platform::error::AppResult;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Notices the page shows.
const SHOWN: i64 = 100;

/// A notice as the page shows it.
struct Line {
    date: String,
    need_id: i64,
    need_title: String,
    text: String,
    solution_id: Option<i64>,
}

#[derive(Template)]
#[template(path = "moderation/templates/notifications.html")]
struct InboxPage {
    page: PageCtx,
    lines: Vec<Line>,
}

/// `GET /compte/notifications`: the signed-in person's newest notices.
pub async fn inbox(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let tr = visitor.tr();
    let lines = notices::received(&state.db, account.id, SHOWN)
        .await?
        .into_iter()
        .map(|notice| {
            let text = match notice.kind {
                Kind::Commented => tr.t1("inbox-commented", "name", &notice.detail),
                Kind::Hidden => tr.t1("digest-hidden", "reason", &notice.detail),
                Kind::Merged => tr.t("inbox-merged"),
                kind => {
                    let title = notice.solution_title.as_deref();
                    solution_line(kind, title, &notice.detail, &tr).unwrap_or_default()
                }
            };
            let mut date = format_utc(notice.created_at);
            date.truncate(10);
            Line {
                date,
                need_id: notice.need_id,
                need_title: notice.need_title,
                text,
                solution_id: notice.solution_id,
            }
        })
        .collect();
    render(&InboxPage {
        page: PageCtx::new(&state, &visitor),
        lines,
    })
}
