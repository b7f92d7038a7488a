//! Notices about needs, kept until the next grouped e-mail carries them and shown on the
//! person's notifications page: to their authors (comments, moderation), and to their authors
//! and supporters when a solution answers them or moves on.

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::mail::queue::{self as mail_queue, NewMail};
use crate::{with_db, with_db_write};

crate::text_enum! {
    /// What happened to a need.
    pub enum Kind {
        /// A new solution answers it; the notice names the solution.
        Answered = "answered",
        /// A solution answering it reached a stage; the detail is the stage's name.
        Staged = "staged",
        /// A solution answering it progressed; the detail is the percentage.
        Progressed = "progressed",
        /// A solution answering it reached a milestone; the detail is its title.
        Milestone = "milestone",
        /// The process team answered a solution answering it; the detail is the answer.
        OfficialAnswer = "official_answer",
        /// Someone commented it; the detail is the commenter's name.
        Commented = "commented",
        /// Someone commented a solution the recipient carries (filed under a need it
        /// answers); the detail is the commenter's name.
        SolutionCommented = "solution_commented",
        /// Moderation hid it; the detail is the reason.
        Hidden = "hidden",
        /// Moderation merged it into another need; the detail is that need's id.
        Merged = "merged",
    }
}

/// Queues a notice for the author of a need.
pub async fn enqueue(
    db: &Db,
    user_id: i64,
    need_id: i64,
    kind: Kind,
    detail: &str,
) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query(
        "INSERT INTO notifications (id, user_id, need_id, kind, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(new_id()).bind(user_id).bind(need_id).bind(kind).bind(detail).bind(now_ms())
        .execute(pool).await.map(|_| ()))
}

/// Queues one notice about a solution for each `(account, need)` pair, in one transaction.
pub async fn enqueue_about_solution(
    db: &Db,
    followers: &[(i64, i64)],
    solution_id: i64,
    kind: Kind,
    detail: &str,
) -> Result<(), sqlx::Error> {
    if followers.is_empty() {
        return Ok(());
    }
    let now = now_ms();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (user_id, need_id) in followers {
            sqlx::query(
                "INSERT INTO notifications (id, user_id, need_id, kind, detail, created_at, solution_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(new_id()).bind(user_id).bind(need_id).bind(kind).bind(detail).bind(now)
                .bind(solution_id).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// A notice waiting to be sent, with what the e-mail needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Pending {
    /// Id.
    pub id: i64,
    /// Recipient.
    pub user_id: i64,
    /// Recipient's address.
    pub email: String,
    /// Recipient's name.
    pub display_name: String,
    /// The need.
    pub need_id: i64,
    /// Its title.
    pub need_title: String,
    /// What happened.
    pub kind: Kind,
    /// The commenter, the reason, the kept need, the stage…
    pub detail: String,
    /// The solution it is about.
    pub solution_id: Option<i64>,
    /// That solution's title.
    pub solution_title: Option<String>,
}

/// Every unsent notice, grouped by recipient then need, oldest first.
pub async fn pending(db: &Db) -> Result<Vec<Pending>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT o.id, o.user_id, u.email, u.display_name, o.need_id, n.title AS need_title, o.kind, o.detail,
                o.solution_id, s.title AS solution_title
         FROM notifications o JOIN users u ON u.id = o.user_id JOIN needs n ON n.id = o.need_id
         LEFT JOIN solutions s ON s.id = o.solution_id
         WHERE o.sent_at IS NULL ORDER BY o.user_id, o.need_id, o.created_at, o.id")
        .fetch_all(pool).await)
}

/// Hands a digest over to the mail queue: in one transaction the notices it carries are
/// marked sent (if none was already) and its message queued. `Ok(false)`, with nothing
/// changed, when another server handed some of them over first: each notice goes once.
pub async fn hand_over(
    db: &Db,
    notice_ids: &[i64],
    mail: &NewMail<'_>,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let queued = new_id();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut marked = 0;
        for id in notice_ids {
            marked += sqlx::query("UPDATE notifications SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
                .bind(now).bind(id).execute(&mut *tx).await?.rows_affected();
        }
        if marked != notice_ids.len() as u64 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(mail_queue::INSERT)
            .bind(queued).bind(mail.kind).bind(mail.user_id).bind(mail.recipient)
            .bind(mail.lang).bind(mail.subject).bind(mail.body).bind(now)
            .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Forgets notices sent before `before`.
pub async fn purge_sent(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    with_db!(db, pool => sqlx::query("DELETE FROM notifications WHERE sent_at IS NOT NULL AND sent_at < $1")
        .bind(before).execute(pool).await.map(|done| done.rows_affected()))
}

/// A notice as the person's notifications page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Received {
    /// The need.
    pub need_id: i64,
    /// Its title.
    pub need_title: String,
    /// What happened.
    pub kind: Kind,
    /// The commenter, the reason, the kept need, the stage…
    pub detail: String,
    /// The solution it is about.
    pub solution_id: Option<i64>,
    /// That solution's title.
    pub solution_title: Option<String>,
    /// When.
    pub created_at: i64,
}

/// A person's newest notices, sent by e-mail or not yet.
pub async fn received(db: &Db, user_id: i64, limit: i64) -> Result<Vec<Received>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT o.need_id, n.title AS need_title, o.kind, o.detail, o.solution_id,
                s.title AS solution_title, o.created_at
         FROM notifications o JOIN needs n ON n.id = o.need_id
         LEFT JOIN solutions s ON s.id = o.solution_id
         WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT $2")
        .bind(user_id).bind(limit).fetch_all(pool).await)
}
