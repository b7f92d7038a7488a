//! Grouped e-mails to authors: what happened to their needs since the last message (comments,
//! hiding, merging), one message per person at most every `digest_minutes`.

use crate::features::moderation;
use crate::features::moderation::notices::{Kind, Pending};
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::mail::Email;
use crate::platform::mail::queue::{MailKind, NewMail};
use crate::state::AppState;

/// One person's message and the notices it carries.
pub struct Digest {
    /// The account it goes to.
    pub user_id: i64,
    /// The message.
    pub email: Email,
    /// The notices it carries, marked sent once it leaves.
    pub notice_ids: Vec<i64>,
}

/// Writes one message per recipient from pending notices (sorted by recipient, then need).
pub fn digests(pending: &[Pending], tr: &Tr, base_url: &str) -> Vec<Digest> {
    pending
        .chunk_by(|a, b| a.user_id == b.user_id)
        .map(|notices| {
            let first = &notices[0];
            let mut body = format!(
                "{}\n\n{}\n",
                tr.t1("digest-greeting", "name", &first.display_name),
                tr.t("digest-intro")
            );
            for need in notices.chunk_by(|a, b| a.need_id == b.need_id) {
                body.push_str(&need_section(need, tr, base_url));
            }
            body.push_str(&format!("\n{}\n", tr.t("digest-footer")));
            Digest {
                user_id: first.user_id,
                email: Email {
                    to: first.email.clone(),
                    subject: tr.t("digest-subject"),
                    body,
                },
                notice_ids: notices.iter().map(|n| n.id).collect(),
            }
        })
        .collect()
}

/// The lines about one need: comments counted with their authors, then moderation decisions.
fn need_section(notices: &[Pending], tr: &Tr, base_url: &str) -> String {
    let need = &notices[0];
    let mut link = format!("{base_url}/besoins/{}", need.need_id);
    let mut lines = Vec::new();
    let commenters: Vec<&str> = notices
        .iter()
        .filter(|n| n.kind == Kind::Commented)
        .map(|n| n.detail.as_str())
        .collect();
    if !commenters.is_empty() {
        let mut names = commenters.clone();
        names.sort_unstable();
        names.dedup();
        lines.push(format!(
            "{} ({})",
            tr.t_count("digest-commented", commenters.len() as i64),
            tr.t1("digest-commented-by", "names", names.join(", "))
        ));
    }
    for notice in notices {
        match notice.kind {
            Kind::Hidden => lines.push(tr.t1("digest-hidden", "reason", &notice.detail)),
            Kind::Merged => {
                lines.push(tr.t("digest-merged"));
                link = format!("{base_url}/besoins/{}", notice.detail);
            }
            Kind::Commented => {}
            Kind::Answered
            | Kind::Staged
            | Kind::Progressed
            | Kind::Milestone
            | Kind::OfficialAnswer
            | Kind::SolutionCommented => {
                let title = notice.solution_title.as_deref();
                if let Some(line) = solution_line(notice.kind, title, &notice.detail, tr) {
                    let id = notice.solution_id.unwrap_or_default();
                    lines.push(format!("{line} {base_url}/solutions/{id}"));
                }
            }
        }
    }
    let mut section = format!("\n« {} »\n", need.need_title);
    for line in lines {
        section.push_str(&format!("  - {line}\n"));
    }
    section.push_str(&format!("  {link}\n"));
    section
}

/// What a notice about a solution answering the need says, in the recipient's language.
pub fn solution_line(
    kind: Kind,
    solution_title: Option<&str>,
    detail: &str,
    tr: &Tr,
) -> Option<String> {
    let title = solution_title?;
    let args: &[(&str, &str)] = &[("title", title), ("detail", detail)];
    Some(match kind {
        Kind::Answered => tr.t_args("notice-answered", args),
        Kind::Staged => tr.t_args("notice-staged", args),
        Kind::Progressed => tr.t_args("notice-progressed", args),
        Kind::Milestone => tr.t_args("notice-milestone", args),
        Kind::SolutionCommented => tr.t_args("notice-solution-commented", args),
        Kind::OfficialAnswer => {
            let answer = tr.t(&format!("answer-{detail}"));
            tr.t_args(
                "notice-official-answer",
                &[("title", title), ("detail", &answer)],
            )
        }
        Kind::Commented | Kind::Hidden | Kind::Merged => return None,
    })
}

/// Writes every pending digest and hands it to the mail queue (its notices marked sent in the
/// same transaction, so that with several servers each notice goes once). Returns how many
/// messages were queued.
pub async fn send_pending(state: &AppState) -> Result<usize, sqlx::Error> {
    let pending = moderation::notices::pending(&state.db).await?;
    let tr = Tr::new(Lang::Fr);
    let mut queued = 0;
    for digest in digests(&pending, &tr, state.config.base_url()) {
        let mail = NewMail {
            kind: MailKind::Message,
            user_id: Some(digest.user_id),
            recipient: &digest.email.to,
            lang: tr.lang.code(),
            subject: &digest.email.subject,
            body: &digest.email.body,
        };
        if moderation::notices::hand_over(&state.db, &digest.notice_ids, &mail).await? {
            queued += 1;
        }
    }
    if queued > 0 {
        state.mail_waiting.notify_one();
    }
    Ok(queued)
}

/// Queues a notice for a need's author, unless the author did it themselves.
pub async fn tell_author(
    db: &Db,
    author_id: Option<i64>,
    actor_id: i64,
    need_id: i64,
    kind: Kind,
    detail: &str,
) -> Result<(), sqlx::Error> {
    match author_id {
        Some(author) if author != actor_id => {
            moderation::notices::enqueue(db, author, need_id, kind, detail).await
        }
        _ => Ok(()),
    }
}
