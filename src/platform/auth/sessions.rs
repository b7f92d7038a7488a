//! Sign-in sessions, kept in the database so that several app servers share them.

use crate::platform::clock::now_ms;
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::platform::db::kept::Family;
use crate::{sqlite_row, with_db, with_db_write};

/// The account behind a live session.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionUser {
    /// Account id.
    pub user_id: i64,
    /// Display name.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// Last time the session was seen (refreshed at most every few minutes).
    pub last_seen_at: i64,
    /// When it ends unless seen again.
    pub expires_at: i64,
    /// Its instance roles, comma-separated (none: `None`), read in the same query.
    pub roles: Option<String>,
}

sqlite_row!(SessionUser {
    user_id,
    display_name,
    email,
    last_seen_at,
    expires_at,
    roles,
});

/// Stores a new session under the digest of its token.
pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    with_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)")
        .bind(token_hash).bind(user_id).bind(now).bind(now + ttl_ms)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// The lookup of a session's account, kept on PostgreSQL (`Family::Accounts`) until a
/// session ends or an account or its roles change: a signed-in request then asks the
/// database nothing to know who is asking.
const FIND: &str = "SELECT s.user_id, u.display_name, u.email, s.last_seen_at, s.expires_at,
        (SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = s.user_id) AS roles
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1";

/// The parameters of `FIND` for a session.
fn find_params(token_hash: &str) -> [Value; 1] {
    [Value::Text(token_hash.to_owned())]
}

/// The account of a session that has not expired.
pub async fn find(db: &Db, token_hash: &str) -> Result<Option<SessionUser>, sqlx::Error> {
    let params = find_params(token_hash);
    let now = now_ms();
    let mut session: Option<SessionUser> = db
        .read_kept_optional(Family::Accounts, FIND, &params)
        .await?;
    if session.as_ref().is_some_and(|kept| kept.expires_at <= now) {
        // Kept before another server slid its expiry forward, perhaps: asked again.
        db.forget_kept(Family::Accounts, FIND, &params);
        session = db
            .read_kept_optional(Family::Accounts, FIND, &params)
            .await?;
    }
    Ok(session.filter(|session| session.expires_at > now))
}

/// Slides a session's expiry forward. Other servers need not hear of it: what they kept
/// expires sooner and is read again then.
pub async fn touch(db: &Db, token_hash: &str, ttl_ms: i64) -> Result<(), sqlx::Error> {
    let now = now_ms();
    with_db_write!(db, pool => sqlx::query(
        "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
        .bind(now).bind(now + ttl_ms).bind(token_hash).execute(pool).await.map(|done| done.rows_affected()))?;
    db.forget_kept(Family::Accounts, FIND, &find_params(token_hash));
    Ok(())
}

/// Ends one session.
pub async fn delete(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash).execute(pool).await.map(|done| done.rows_affected()))?;
    db.changed_here(Family::Accounts);
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn purge_expired(db: &Db) -> Result<u64, sqlx::Error> {
    Ok(
        with_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now_ms()).execute(pool).await.map(|done| done.rows_affected()))?,
    )
}
