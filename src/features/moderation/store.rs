//! Reports of needs, comments and solutions, the moderation queue, and hiding or restoring
//! content.

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::{with_db, with_db_write};

crate::text_enum! {
    /// What a moderator's button decides on a need or a comment.
    pub enum Visibility {
        /// Hide it, with a reason shown in its place.
        Hide = "masquer",
        /// Show it again.
        Restore = "retablir",
    }
}

/// What a report points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A need.
    Need(i64),
    /// A comment.
    Comment(i64),
    /// A solution.
    Solution(i64),
}

impl Target {
    /// What the audit log calls it: its kind and `kind:id`.
    pub fn audit_subject(self) -> (&'static str, String) {
        let (kind, id) = match self {
            Target::Need(id) => ("need", id),
            Target::Comment(id) => ("comment", id),
            Target::Solution(id) => ("solution", id),
        };
        (kind, format!("{kind}:{id}"))
    }

    /// `(need, comment, solution)`: the one it is.
    fn ids(self) -> (Option<i64>, Option<i64>, Option<i64>) {
        match self {
            Target::Need(id) => (Some(id), None, None),
            Target::Comment(id) => (None, Some(id), None),
            Target::Solution(id) => (None, None, Some(id)),
        }
    }
}

/// Records a report; `Ok(false)` when this person already reported it.
pub async fn report(
    db: &Db,
    process_id: i64,
    target: Target,
    reporter_id: i64,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let (need_id, comment_id, solution_id) = target.ids();
    let added = with_db!(db, pool => sqlx::query(
        "INSERT INTO reports (id, process_id, need_id, comment_id, solution_id, reporter_id, reason, created_at)
         VALUES ($1, $2, $3, $4, $8, $5, $6, $7) ON CONFLICT DO NOTHING")
        .bind(new_id()).bind(process_id).bind(need_id).bind(comment_id).bind(reporter_id).bind(reason).bind(now_ms())
        .bind(solution_id)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(added == 1)
}

/// An open report in the queue.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenReport {
    /// The reported need, or the need of the reported comment.
    pub need_id: Option<i64>,
    /// The reported solution.
    pub solution_id: Option<i64>,
    /// The reported comment, if it is one.
    pub comment_id: Option<i64>,
    /// Title of the need or solution.
    pub title: String,
    /// Text of the comment, if it is one.
    pub comment_body: Option<String>,
    /// Why it was reported.
    pub reason: String,
    /// Who reported it.
    pub reporter: Option<String>,
    /// When.
    pub created_at: i64,
}

/// The open reports of a process, oldest first.
pub async fn open_reports(db: &Db, process_id: i64) -> Result<Vec<OpenReport>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT COALESCE(r.need_id, c.need_id) AS need_id,
                COALESCE(r.solution_id, c.solution_id) AS solution_id, r.comment_id,
                COALESCE(n.title, s.title) AS title, c.body AS comment_body, r.reason,
                u.display_name AS reporter, r.created_at
         FROM reports r
         LEFT JOIN comments c ON c.id = r.comment_id
         LEFT JOIN needs n ON n.id = COALESCE(r.need_id, c.need_id)
         LEFT JOIN solutions s ON s.id = COALESCE(r.solution_id, c.solution_id)
         LEFT JOIN users u ON u.id = r.reporter_id
         WHERE r.process_id = $1 AND r.resolved_at IS NULL
         ORDER BY r.created_at, r.id")
        .bind(process_id).fetch_all(pool).await)
}

/// Hides or restores a need, comment or solution, and closes its open reports with that
/// outcome.
pub async fn set_visibility(
    db: &Db,
    target: Target,
    hidden: bool,
    reason: Option<&str>,
    moderator_id: i64,
) -> Result<bool, sqlx::Error> {
    let (status, outcome) = if hidden {
        ("hidden", "hidden")
    } else {
        ("published", "kept")
    };
    let now = now_ms();
    let (need_id, comment_id, solution_id) = target.ids();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = match target {
            Target::Need(id) => sqlx::query("UPDATE needs SET status = $1, moderation_reason = $2 WHERE id = $3 AND status <> 'merged'")
                .bind(status).bind(reason).bind(id).execute(&mut *tx).await?,
            Target::Comment(id) => sqlx::query("UPDATE comments SET status = $1, moderation_reason = $2 WHERE id = $3")
                .bind(status).bind(reason).bind(id).execute(&mut *tx).await?,
            Target::Solution(id) => sqlx::query("UPDATE solutions SET status = $1, moderation_reason = $2 WHERE id = $3 AND status <> 'merged'")
                .bind(status).bind(reason).bind(id).execute(&mut *tx).await?,
        }
        .rows_affected() == 1;
        sqlx::query("UPDATE reports SET resolved_at = $1, resolved_by = $2, outcome = $3
                     WHERE resolved_at IS NULL AND (need_id = $4 OR comment_id = $5 OR solution_id = $6)")
            .bind(now).bind(moderator_id).bind(outcome).bind(need_id).bind(comment_id).bind(solution_id)
            .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(changed)
    })
}

/// Merges a duplicate need into the need kept: its supports (one per person, imported ones
/// included) and comments move to the kept need, its open reports close, and it then points to
/// the kept need. `Ok(false)` when either is missing, they belong to different processes, the
/// kept need is not published, or the duplicate was already merged.
pub async fn merge(
    db: &Db,
    duplicate_id: i64,
    kept_id: i64,
    moderator_id: i64,
) -> Result<bool, sqlx::Error> {
    if duplicate_id == kept_id {
        return Ok(false);
    }
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let marked = sqlx::query(
            "UPDATE needs SET status = 'merged', merged_into = $1
             WHERE id = $2 AND status <> 'merged'
               AND process_id = (SELECT process_id FROM needs WHERE id = $1 AND status = 'published')")
            .bind(kept_id).bind(duplicate_id).execute(&mut *tx).await?.rows_affected() == 1;
        if !marked {
            return Ok(false);
        }
        // Supports counted elsewhere (imports) have no row; they move as a number.
        let (total, rows): (i64, i64) = sqlx::query_as(
            "SELECT supports_count, (SELECT COUNT(*) FROM supports WHERE need_id = $1) FROM needs WHERE id = $1")
            .bind(duplicate_id).fetch_one(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO supports (need_id, user_id, created_at)
             SELECT $1, user_id, created_at FROM supports WHERE need_id = $2
             ON CONFLICT (need_id, user_id) DO NOTHING")
            .bind(kept_id).bind(duplicate_id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM supports WHERE need_id = $1").bind(duplicate_id).execute(&mut *tx).await?;
        let comments = sqlx::query("UPDATE comments SET need_id = $1 WHERE need_id = $2")
            .bind(kept_id).bind(duplicate_id).execute(&mut *tx).await?.rows_affected() as i64;
        // Moved rows were counted by trigger as they arrived; imported supports move here.
        sqlx::query("UPDATE needs SET supports_count = supports_count + $1, comments_count = comments_count + $2 WHERE id = $3")
            .bind((total - rows).max(0)).bind(comments).bind(kept_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE needs SET supports_count = 0, comments_count = 0 WHERE id = $1")
            .bind(duplicate_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE reports SET resolved_at = $1, resolved_by = $2, outcome = 'merged'
                     WHERE resolved_at IS NULL AND need_id = $3")
            .bind(now_ms()).bind(moderator_id).bind(duplicate_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    })
}
