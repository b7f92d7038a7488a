//! A subject's thread as its page shows it, and writing in it: the rules every page applies
//! (the text, a reply answers a top-level comment of the same subject, a rate per account).

use crate::features::comments::store::{self, Comment};
pub use crate::features::comments::store::{Subject, owner};
use crate::features::needs::rules::{CommentStatus, MAX_COMMENT_CHARS, validate_text};
use crate::platform::auth;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::FormErrors;
use crate::state::AppState;

/// Comments one account may write in an hour.
const COMMENTS_PER_HOUR: i64 = 60;

/// A comment as shown, with its replies.
#[derive(Clone, Debug)]
pub struct ThreadView {
    /// Id (its anchor `commentaire-{id}`).
    pub id: i64,
    /// Author, or « participant anonyme ».
    pub author: String,
    /// When, in UTC.
    pub date: String,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
    /// Why moderation hid it, if it did.
    pub hidden_reason: Option<String>,
    /// Its replies, oldest first.
    pub replies: Vec<ThreadView>,
}

/// The comment form: its text, and the comment it answers.
#[derive(Debug, serde::Deserialize)]
pub struct CommentForm {
    /// The text.
    #[serde(default)]
    pub comment: String,
    /// The top-level comment it answers, for a reply.
    pub parent: Option<i64>,
}

/// A subject's thread and what the visitor may do in it, for the shared template.
#[derive(Clone, Debug)]
pub struct Thread {
    /// Its top-level comments, oldest first, each with its replies.
    pub comments: Vec<ThreadView>,
    /// How many comments it holds (hidden ones included).
    pub count: i64,
    /// Where the forms post (`…/commentaires`).
    pub action: String,
    /// What comes before `/commentaires/{id}/signalement`, where a comment's report posts.
    pub report_prefix: String,
    /// The subject's page (to come back after signing in).
    pub path: String,
    /// Whether the visitor may write (signed in, subject shown, process open).
    pub writable: bool,
    /// Whether signing in would let the visitor write.
    pub sign_in: bool,
    /// Whether the visitor moderates the process.
    pub moderate: bool,
}

/// A text's paragraphs (blank lines between them).
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Reads a subject's thread. `writable`: the visitor is signed in and the subject takes
/// comments; `open`: its process does (for the sign-in invitation).
pub async fn thread(
    state: &AppState,
    subject: Subject,
    count: i64,
    tr: Tr,
    signed_in: bool,
    (writable, open, moderate): (bool, bool, bool),
) -> AppResult<Thread> {
    let stored = store::thread(&state.db, subject).await?;
    let anonymous = tr.t("participant-anonymous");
    let view = |c: &Comment| ThreadView {
        id: c.id,
        author: c.author_name.clone().unwrap_or_else(|| anonymous.clone()),
        date: format_utc(c.created_at),
        paragraphs: paragraphs(&c.body),
        hidden_reason: (c.status == CommentStatus::Hidden)
            .then(|| c.moderation_reason.clone().unwrap_or_default()),
        replies: Vec::new(),
    };
    let mut comments: Vec<ThreadView> = stored
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(view)
        .collect();
    for reply in stored.iter().filter(|c| c.parent_id.is_some()) {
        if let Some(parent) = comments.iter_mut().find(|c| Some(c.id) == reply.parent_id) {
            parent.replies.push(view(reply));
        }
    }
    let path = subject.path();
    // A need's comments are reported at `/commentaires/{id}/signalement` (their first
    // address), a solution's under the solution.
    let report_prefix = match subject {
        Subject::Need(_) => String::new(),
        Subject::Solution(_) => path.clone(),
    };
    Ok(Thread {
        comments,
        count,
        action: format!("{path}/commentaires"),
        report_prefix,
        path,
        writable: signed_in && writable,
        sign_in: !signed_in && open,
        moderate,
    })
}

/// Writes a comment or a reply (`parent`) after the page checked that the subject takes
/// them. An empty or overlong text is reported next to the `comment` field and nothing is
/// written; a reply to something else than a top-level comment of the subject is a 404.
pub async fn write(
    state: &AppState,
    subject: Subject,
    author: i64,
    text: &str,
    parent: Option<i64>,
    tr: Tr,
) -> AppResult<Result<i64, FormErrors>> {
    let mut errors = FormErrors::default();
    let body = errors.check(tr, "comment", validate_text(text, MAX_COMMENT_CHARS, true));
    if let Some(parent) = parent
        && !store::is_top_level(&state.db, subject, parent).await?
    {
        return Err(AppError::NotFound);
    }
    let Some(body) = body else {
        return Ok(Err(errors));
    };
    auth::limit(
        state,
        &format!("comments:{author}"),
        COMMENTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    Ok(Ok(
        store::add(&state.db, subject, parent, author, &body).await?
    ))
}
