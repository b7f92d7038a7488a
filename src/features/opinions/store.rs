//! The opinion map of a process: its statements, their moderation, and each participant's
//! last vote on each.

use crate::features::opinions::rules::StatementStatus;
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::{with_db, with_db_write};

/// A statement.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Statement {
    /// Id.
    pub id: i64,
    /// Process.
    pub process_id: i64,
    /// Its text (at most 140 characters).
    pub body: String,
    /// Where it stands.
    pub status: StatementStatus,
    /// Who wrote it.
    pub author_id: Option<i64>,
    /// Name of who wrote it.
    pub author: Option<String>,
    /// The workshop it was voiced at, when a facilitator entered it.
    pub workshop: Option<String>,
    /// When.
    pub created_at: i64,
}

const STATEMENT_COLUMNS: &str =
    "s.id, s.process_id, s.body, s.status, s.author_id, u.display_name AS author,
    e.title AS workshop, s.created_at
    FROM opinion_statements s LEFT JOIN users u ON u.id = s.author_id
    LEFT JOIN events e ON e.id = s.workshop_id";

/// Adds a statement with the given status (entered on behalf of a workshop when
/// `workshop_id` is given); returns its id.
pub async fn create_statement(
    db: &Db,
    process_id: i64,
    body: &str,
    author_id: i64,
    workshop_id: Option<i64>,
    status: StatementStatus,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO opinion_statements (id, process_id, body, author_id, workshop_id, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id).bind(process_id).bind(body).bind(author_id).bind(workshop_id).bind(status).bind(now_ms())
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(id)
}

/// A statement by id.
pub async fn statement(db: &Db, id: i64) -> Result<Option<Statement>, sqlx::Error> {
    let sql = format!("SELECT {STATEMENT_COLUMNS} WHERE s.id = $1");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The statements of a process with one of the given statuses, oldest first.
pub async fn statements(
    db: &Db,
    process_id: i64,
    statuses: &[StatementStatus],
) -> Result<Vec<Statement>, sqlx::Error> {
    let list: Vec<String> = statuses.iter().map(|s| format!("'{s}'")).collect();
    let sql = format!(
        "SELECT {STATEMENT_COLUMNS} WHERE s.process_id = $1 AND s.status IN ({})
         ORDER BY s.created_at, s.id",
        list.join(", ")
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(process_id).fetch_all(pool).await)
}

/// Sets a statement's status (a moderation decision).
pub async fn moderate(
    db: &Db,
    id: i64,
    status: StatementStatus,
    by: i64,
) -> Result<bool, sqlx::Error> {
    let done = with_db_write!(db, pool => sqlx::query(
        "UPDATE opinion_statements SET status = $2, moderated_by = $3, moderated_at = $4 WHERE id = $1")
        .bind(id).bind(status).bind(by).bind(now_ms()).execute(pool).await.map(|d| d.rows_affected()))?;
    Ok(done == 1)
}

/// Records a vote; a new vote on the same statement replaces the last one.
pub async fn vote(
    db: &Db,
    process_id: i64,
    statement_id: i64,
    user_id: i64,
    value: i8,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO opinion_votes (statement_id, user_id, process_id, value, voted_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (statement_id, user_id) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at")
        .bind(statement_id).bind(user_id).bind(process_id).bind(i64::from(value)).bind(now_ms())
        .execute(pool).await.map(|d| d.rows_affected()))?;
    Ok(())
}

/// Every vote of a process on statements that count (accepted, or moderated out):
/// `(user, statement, value, voted_at)`.
pub async fn votes(db: &Db, process_id: i64) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT v.user_id, v.statement_id, v.value, v.voted_at FROM opinion_votes v
         JOIN opinion_statements s ON s.id = v.statement_id
         WHERE v.process_id = $1 AND s.status IN ('accepted', 'out')")
        .bind(process_id).fetch_all(pool).await)
}

/// The statements one participant voted on in a process, with their vote.
pub async fn votes_of(
    db: &Db,
    process_id: i64,
    user_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT statement_id, value FROM opinion_votes WHERE process_id = $1 AND user_id = $2")
        .bind(process_id).bind(user_id).fetch_all(pool).await)
}

/// What the map depends on: votes (count, last time) and moderation (count, last time).
pub async fn revision(db: &Db, process_id: i64) -> Result<(i64, i64, i64, i64), sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM opinion_votes WHERE process_id = $1),
                (SELECT COALESCE(MAX(voted_at), 0) FROM opinion_votes WHERE process_id = $1),
                (SELECT COUNT(*) FROM opinion_statements WHERE process_id = $1),
                (SELECT COALESCE(MAX(COALESCE(moderated_at, created_at)), 0) FROM opinion_statements WHERE process_id = $1)")
        .bind(process_id).fetch_one(pool).await)
}

/// Sets whether the process moderates statements before publishing them.
pub async fn set_premoderation(db: &Db, process_id: i64, before: bool) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query("UPDATE processes SET opinion_premoderation = $2 WHERE id = $1")
        .bind(process_id).bind(i64::from(before)).execute(pool).await.map(|d| d.rows_affected()))?;
    Ok(())
}
