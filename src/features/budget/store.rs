//! The budget's SQL: a process's declared total and publication, and its lines.

use crate::features::budget::rules::{Line, Side};
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::{with_db, with_db_write};

/// A process's budget settings: its declared total (cents) and whether it is public.
pub async fn settings(db: &Db, process_id: i64) -> Result<(Option<i64>, bool), sqlx::Error> {
    let found: Option<(Option<i64>, i64)> = with_db!(db, pool => sqlx::query_as(
        "SELECT total_cents, published FROM budgets WHERE process_id = $1")
        .bind(process_id).fetch_optional(pool).await)?;
    Ok(found.map_or((None, false), |(total, published)| (total, published != 0)))
}

/// Sets a process's declared total and whether its budget is public.
pub async fn set_settings(
    db: &Db,
    process_id: i64,
    total_cents: Option<i64>,
    published: bool,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO budgets (process_id, total_cents, published, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (process_id) DO UPDATE SET total_cents = excluded.total_cents,
             published = excluded.published, updated_at = excluded.updated_at")
        .bind(process_id).bind(total_cents).bind(i64::from(published)).bind(now_ms())
        .execute(pool).await.map(|_| ()))
}

/// A stored line with its id.
pub type StoredLine = (i64, Line);

/// A process's lines on one side, in order.
pub async fn lines(db: &Db, process_id: i64, side: Side) -> Result<Vec<StoredLine>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<i64>, Option<i64>)> = with_db!(db, pool => sqlx::query_as(
        "SELECT id, label, cents, tenths FROM budget_lines WHERE process_id = $1 AND side = $2
         ORDER BY position, id")
        .bind(process_id).bind(side.as_str()).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, label, cents, tenths)| {
            (
                id,
                Line {
                    label,
                    cents,
                    tenths,
                },
            )
        })
        .collect())
}

/// Adds a line at the end of its side; returns its id.
pub async fn add_line(
    db: &Db,
    process_id: i64,
    side: Side,
    line: &Line,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO budget_lines (id, process_id, side, label, cents, tenths, position)
         VALUES ($1, $2, $3, $4, $5, $6,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM budget_lines WHERE process_id = $2))")
        .bind(id).bind(process_id).bind(side.as_str()).bind(&line.label).bind(line.cents)
        .bind(line.tenths).execute(pool).await.map(|_| ()))?;
    Ok(id)
}

/// Removes a line of a process; false when it has no such line.
pub async fn remove_line(db: &Db, process_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "DELETE FROM budget_lines WHERE id = $1 AND process_id = $2")
        .bind(id).bind(process_id).execute(pool).await.map(|r| r.rows_affected() == 1))
}
