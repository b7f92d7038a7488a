//! Comments' SQL: a subject's thread, adding one (counted on its subject), and whose it is.

use crate::features::needs::rules::CommentStatus;
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::{sqlite_row, with_db, with_db_write};

/// What a comment is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A need.
    Need(i64),
    /// A solution.
    Solution(i64),
}

impl Subject {
    /// Its id.
    pub fn id(self) -> i64 {
        match self {
            Subject::Need(id) | Subject::Solution(id) => id,
        }
    }

    /// The `comments` column naming it, and the table counting its comments.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Subject::Need(_) => ("need_id", "needs"),
            Subject::Solution(_) => ("solution_id", "solutions"),
        }
    }

    /// Its page.
    pub fn path(self) -> String {
        match self {
            Subject::Need(id) => format!("/besoins/{id}"),
            Subject::Solution(id) => format!("/solutions/{id}"),
        }
    }
}

/// A comment as shown.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Comment {
    /// Id.
    pub id: i64,
    /// The comment it answers.
    pub parent_id: Option<i64>,
    /// Author's display name (none once the account is deleted).
    pub author_name: Option<String>,
    /// Text.
    pub body: String,
    /// Whether it shows.
    pub status: CommentStatus,
    /// Why moderation hid it.
    pub moderation_reason: Option<String>,
    /// When.
    pub created_at: i64,
}

sqlite_row!(Comment {
    id,
    parent_id,
    author_name,
    body,
    status,
    moderation_reason,
    created_at,
});

/// The comments of a subject, oldest first.
pub async fn thread(db: &Db, subject: Subject) -> Result<Vec<Comment>, sqlx::Error> {
    let (column, _) = subject.columns();
    let sql = format!(
        "SELECT c.id, c.parent_id, u.display_name AS author_name, c.body, c.status, c.moderation_reason, c.created_at
         FROM comments c LEFT JOIN users u ON u.id = c.author_id
         WHERE c.{column} = $1 ORDER BY c.created_at, c.id"
    );
    db.read_all(&sql, &[Value::Int(subject.id())]).await
}

/// Whether `comment_id` is a top-level comment of `subject` (replies go one level deep).
pub async fn is_top_level(db: &Db, subject: Subject, comment_id: i64) -> Result<bool, sqlx::Error> {
    let (column, _) = subject.columns();
    let sql =
        format!("SELECT id FROM comments WHERE id = $1 AND {column} = $2 AND parent_id IS NULL");
    let row: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(comment_id).bind(subject.id()).fetch_optional(pool).await)?;
    Ok(row.is_some())
}

/// Adds a comment and counts it on its subject.
pub async fn add(
    db: &Db,
    subject: Subject,
    parent_id: Option<i64>,
    author_id: i64,
    body: &str,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    let (column, counted) = subject.columns();
    let insert = format!(
        "INSERT INTO comments (id, {column}, parent_id, author_id, body, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'published', $6)"
    );
    let count = format!("UPDATE {counted} SET comments_count = comments_count + 1 WHERE id = $1");
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(sqlx::AssertSqlSafe(insert))
            .bind(id).bind(subject.id()).bind(parent_id).bind(author_id).bind(body).bind(now_ms())
            .execute(&mut *tx).await?;
        sqlx::query(sqlx::AssertSqlSafe(count)).bind(subject.id()).execute(&mut *tx).await?;
        tx.commit().await
    })?;
    Ok(id)
}

/// The process of a comment and what it is about.
pub async fn owner(db: &Db, comment_id: i64) -> Result<Option<(i64, Subject)>, sqlx::Error> {
    let row: Option<(i64, Option<i64>, Option<i64>)> = with_db!(db, pool => sqlx::query_as(
        "SELECT COALESCE(n.process_id, s.process_id), c.need_id, c.solution_id
         FROM comments c LEFT JOIN needs n ON n.id = c.need_id LEFT JOIN solutions s ON s.id = c.solution_id
         WHERE c.id = $1")
        .bind(comment_id).fetch_optional(pool).await)?;
    Ok(
        row.and_then(|(process, need, solution)| match (need, solution) {
            (Some(need), _) => Some((process, Subject::Need(need))),
            (None, Some(solution)) => Some((process, Subject::Solution(solution))),
            (None, None) => None,
        }),
    )
}
