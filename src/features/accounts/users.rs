//! Accounts: creation, lookup, updates and deletion.

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::kept::Family;
use crate::{with_db, with_db_write};

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

/// A new secret for an account: what proves it is theirs.
#[derive(Clone, Copy, Debug)]
pub enum Credential<'a> {
    /// A new password hash (after a reset, the address is confirmed too: whoever opened the
    /// link controls the mailbox).
    PasswordHash(&'a str),
    /// A new address, confirmed by a link sent to it.
    Email(&'a str),
}

/// Replaces a password or an address, and in the same transaction ends every session of the
/// account but `keep_session` (the one that made the change, if any) and revokes every
/// one-time link not yet used: a link or a session obtained with the old secret dies with it.
/// `Ok(false)` when the new address belongs to another account (nothing changed).
pub async fn change_credential(
    db: &Db,
    id: i64,
    credential: Credential<'_>,
    keep_session: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let (sql, value) = match credential {
        Credential::PasswordHash(hash) => (
            "UPDATE users SET password_hash = $1,
                 email_confirmed_at = COALESCE(email_confirmed_at, $2) WHERE id = $3",
            hash,
        ),
        Credential::Email(email) => (
            "UPDATE users SET email = $1, email_confirmed_at = $2 WHERE id = $3",
            email,
        ),
    };
    let now = now_ms();
    let keep = keep_session.unwrap_or("");
    let result = with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(sql).bind(value).bind(now).bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(id).bind(keep).execute(&mut *tx).await?;
        sqlx::query("UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
            .bind(now).bind(id).execute(&mut *tx).await?;
        tx.commit().await
    });
    db.changed_here(Family::Accounts);
    match result {
        Ok(()) => Ok(true),
        Err(error) if crate::platform::db::is_unique_violation(&error) => Ok(false),
        Err(error) => Err(error),
    }
}

/// Changes the display name.
pub async fn set_display_name(db: &Db, id: i64, name: &str) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name).bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    db.changed_here(Family::Accounts);
    Ok(())
}

/// How many accounts exist (for metrics).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = with_db!(db, pool => sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(pool).await)?;
    Ok(n)
}
