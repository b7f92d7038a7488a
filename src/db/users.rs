//! Accounts: creation, lookup, updates and deletion.

use crate::clock::{new_id, now_ms};
use crate::db::Db;
use crate::with_db;

/// An account as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Normalised e-mail address.
    pub email: String,
    /// Name shown on the site.
    pub display_name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// When the address was confirmed, if it was.
    pub email_confirmed_at: Option<i64>,
    /// Creation time.
    pub created_at: i64,
}

/// Creates an account; `Ok(None)` when the e-mail is already taken.
pub async fn create(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    confirmed: bool,
) -> Result<Option<User>, sqlx::Error> {
    let now = now_ms();
    let user = User {
        id: new_id(),
        email: email.to_owned(),
        display_name: display_name.to_owned(),
        password_hash: password_hash.to_owned(),
        email_confirmed_at: confirmed.then_some(now),
        created_at: now,
    };
    let result = with_db!(db, pool => sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, email_confirmed_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING")
        .bind(user.id)
        .bind(&user.email)
        .bind(&user.display_name)
        .bind(&user.password_hash)
        .bind(user.email_confirmed_at)
        .bind(user.created_at)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
    Ok((result == 1).then_some(user))
}

/// Finds an account by its normalised e-mail.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<User>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, password_hash, email_confirmed_at, created_at
         FROM users WHERE email = $1")
        .bind(email).fetch_optional(pool).await)
}

/// Finds an account by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<User>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, password_hash, email_confirmed_at, created_at
         FROM users WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

/// Marks the account's address as confirmed (first confirmation only).
pub async fn confirm_email(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query(
        "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL")
        .bind(now_ms()).bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Replaces the password hash.
pub async fn set_password_hash(db: &Db, id: i64, hash: &str) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash).bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Replaces the e-mail (already confirmed by a link); `Ok(false)` when another account took it.
pub async fn set_email(db: &Db, id: i64, email: &str) -> Result<bool, sqlx::Error> {
    let result = with_db!(db, pool => sqlx::query(
        "UPDATE users SET email = $1, email_confirmed_at = $2 WHERE id = $3")
        .bind(email).bind(now_ms()).bind(id).execute(pool).await.map(|done| done.rows_affected()));
    match result {
        Ok(_) => Ok(true),
        Err(error) if crate::db::is_unique_violation(&error) => Ok(false),
        Err(error) => Err(error),
    }
}

/// Changes the display name.
pub async fn set_display_name(db: &Db, id: i64, name: &str) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name).bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Deletes the account; its sessions, tokens and roles go with it (foreign keys cascade).
pub async fn delete(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// How many accounts exist (for metrics).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = with_db!(db, pool => sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(pool).await)?;
    Ok(n)
}
