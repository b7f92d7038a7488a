//! The demo's bulk writes: thousands of rows in a few transactions (one per kind), so the
//! living demo loads in seconds. Each statement inserts many rows; counters that triggers do
//! not keep (registrations, comments) are set from the rows in the same transaction.

use crate::platform::clock::new_id;
use crate::platform::db::{Db, placeholders};
use crate::with_db_write;

/// Rows written per statement (well under both engines' limits on parameters).
const ROWS_PER_STATEMENT: usize = 500;

/// Creates confirmed accounts sharing one password hash; returns their ids in order.
pub async fn accounts(
    db: &Db,
    people: &[(String, String)],
    password_hash: &str,
    created_at: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let ids: Vec<i64> = people.iter().map(|_| new_id()).collect();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (chunk, chunk_ids) in people.chunks(ROWS_PER_STATEMENT).zip(ids.chunks(ROWS_PER_STATEMENT)) {
            let sql = format!(
                "INSERT INTO users (id, email, display_name, password_hash, email_confirmed_at, created_at)
                 VALUES {}", placeholders(chunk.len(), 6));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for ((email, name), id) in chunk.iter().zip(chunk_ids) {
                query = query.bind(id).bind(email).bind(name).bind(password_hash).bind(created_at).bind(created_at);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(ids)
}

/// Writes rows of three ids or times with `insert` (`INSERT INTO t (a, b, c) VALUES`).
async fn insert_triples(
    db: &Db,
    insert: &str,
    rows: &[(i64, i64, i64)],
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!("{insert} {}", placeholders(chunk.len(), 3));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (a, b, c) in chunk {
                query = query.bind(a).bind(b).bind(c);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// Registers people to events `(event, user, at)` and sets each event's count.
pub async fn registrations(db: &Db, rows: &[(i64, i64, i64)]) -> Result<(), sqlx::Error> {
    insert_triples(
        db,
        "INSERT INTO registrations (event_id, user_id, created_at) VALUES",
        rows,
    )
    .await?;
    let mut events: Vec<i64> = rows.iter().map(|r| r.0).collect();
    events.sort_unstable();
    events.dedup();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for event in &events {
            sqlx::query("UPDATE events SET registered =
                           (SELECT COUNT(*) FROM registrations WHERE event_id = $1) WHERE id = $1")
                .bind(event).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// Supports `(need, user, at)`; the needs' counts follow by trigger.
pub async fn supports(db: &Db, rows: &[(i64, i64, i64)]) -> Result<(), sqlx::Error> {
    insert_triples(
        db,
        "INSERT INTO supports (need_id, user_id, created_at) VALUES",
        rows,
    )
    .await
}

/// A comment to write: on a need, perhaps answering another (by its index in the list).
pub struct DemoComment {
    /// The need.
    pub need_id: i64,
    /// The comment it answers, by index among those written before it.
    pub answers: Option<usize>,
    /// Its author.
    pub author_id: i64,
    /// Its text.
    pub body: &'static str,
    /// When.
    pub at: i64,
}

/// Writes comments and sets the needs' comment counts.
pub async fn comments(db: &Db, rows: &[DemoComment]) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|_| new_id()).collect();
    let mut needs: Vec<i64> = rows.iter().map(|c| c.need_id).collect();
    needs.sort_unstable();
    needs.dedup();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (start, chunk) in (0..).step_by(ROWS_PER_STATEMENT).zip(rows.chunks(ROWS_PER_STATEMENT)) {
            let sql = format!(
                "INSERT INTO comments (id, need_id, parent_id, author_id, body, status, created_at) VALUES {}",
                placeholders(chunk.len(), 7));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (offset, comment) in chunk.iter().enumerate() {
                let parent = comment.answers.map(|i| ids[i]);
                query = query.bind(ids[start + offset]).bind(comment.need_id).bind(parent)
                    .bind(comment.author_id).bind(comment.body).bind("published").bind(comment.at);
            }
            query.execute(&mut *tx).await?;
        }
        for need in &needs {
            sqlx::query("UPDATE needs SET comments_count =
                           (SELECT COUNT(*) FROM comments WHERE need_id = $1) WHERE id = $1")
                .bind(need).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// Writes accepted opinion statements `(body, author, at)`; returns their ids in order.
pub async fn statements(
    db: &Db,
    process_id: i64,
    rows: &[(&str, i64, i64)],
) -> Result<Vec<i64>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|_| new_id()).collect();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let sql = format!(
            "INSERT INTO opinion_statements (id, process_id, body, author_id, status, created_at) VALUES {}",
            placeholders(rows.len(), 6));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((body, author, at), id) in rows.iter().zip(&ids) {
            query = query.bind(id).bind(process_id).bind(*body).bind(author).bind("accepted").bind(at);
        }
        query.execute(&mut *tx).await?;
        tx.commit().await
    })?;
    Ok(ids)
}

/// Writes opinion votes `(statement, user, value, at)`.
pub async fn votes(
    db: &Db,
    process_id: i64,
    rows: &[(i64, i64, i8, i64)],
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO opinion_votes (statement_id, user_id, process_id, value, voted_at) VALUES {}",
                placeholders(chunk.len(), 5));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (statement, user, value, at) in chunk {
                query = query.bind(statement).bind(user).bind(process_id).bind(i64::from(*value)).bind(at);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}
