//! Fixed-window rate-limit counters in the database, so that limits hold across app servers.

use crate::platform::clock::now_ms;
use crate::platform::db::{Db, placeholders};
use crate::{with_db, with_db_write};

/// Counts hits in several buckets at once: `rows` triples (bucket, window start, hits) as
/// `$1, $2, $3, $4…`; returns each bucket with its hits so far in that window, these included.
/// A bucket appears once.
pub(crate) fn hits_sql(rows: usize) -> String {
    format!(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES {} {COUNT_HITS}",
        placeholders(rows, 3)
    )
}

/// `hits_sql` on PostgreSQL for any number of buckets: the buckets, window starts and hits
/// as three arrays (`Value::Texts`, `Value::Ints`, `Value::Ints`), one text whatever their
/// number.
pub(crate) fn hits_from_arrays_sql() -> String {
    format!(
        "INSERT INTO rate_limits (bucket, window_start, hits)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) {COUNT_HITS}"
    )
}

/// What `hits_sql` does with a bucket already counted: adds to its window, or starts anew.
const COUNT_HITS: &str = "ON CONFLICT (bucket) DO UPDATE SET
             hits = CASE WHEN rate_limits.window_start = excluded.window_start
                         THEN rate_limits.hits + excluded.hits ELSE excluded.hits END,
             window_start = excluded.window_start
         RETURNING bucket, hits";

/// The start of the window of `window_ms` that `at` falls in.
pub(crate) fn window_start(at: i64, window_ms: i64) -> i64 {
    at / window_ms * window_ms
}

/// Counts one hit in `bucket` for the current window of `window_ms`; returns the hits so far
/// in that window, this one included.
pub async fn hit(db: &Db, bucket: &str, window_ms: i64) -> Result<i64, sqlx::Error> {
    let window_start = window_start(now_ms(), window_ms);
    let (_, hits): (String, i64) = with_db_write!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(hits_sql(1)))
        .bind(bucket).bind(window_start).bind(1_i64).fetch_one(pool).await)?;
    Ok(hits)
}

/// Forgets a bucket (after a successful sign-in, for example).
pub async fn clear(db: &Db, bucket: &str) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query("DELETE FROM rate_limits WHERE bucket = $1")
        .bind(bucket).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Removes buckets whose window ended before `older_than_ms`.
pub async fn purge(db: &Db, older_than_ms: i64) -> Result<u64, sqlx::Error> {
    Ok(
        with_db!(db, pool => sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(older_than_ms).execute(pool).await.map(|done| done.rows_affected()))?,
    )
}
