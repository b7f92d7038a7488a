//! One-time links sent by e-mail: confirmation, password reset, change of address.

use crate::platform::clock::now_ms;
use crate::platform::db::Db;
use crate::with_db;

/// A link that was valid and has now been used.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ConsumedToken {
    /// The account it was made for.
    pub user_id: i64,
    /// For a change of address: the new address.
    pub new_email: Option<String>,
}

/// Stores a new link under the digest of its token.
pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    purpose: TokenPurpose,
    new_email: Option<&str>,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    with_db!(db, pool => sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(token_hash).bind(user_id).bind(purpose).bind(new_email)
        .bind(now).bind(now + purpose.ttl_ms())
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Whether a link is valid, without using it (to show the confirmation page).
pub async fn is_valid(
    db: &Db,
    token_hash: &str,
    purpose: TokenPurpose,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT user_id FROM account_tokens
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
        .bind(token_hash).bind(purpose).bind(now_ms())
        .fetch_optional(pool).await)?;
    Ok(row.is_some())
}

/// Uses a link once: returns what it was for, or `None` if it is unknown, used or expired.
/// The update and the check are one statement, so two clicks cannot both succeed.
pub async fn consume(
    db: &Db,
    token_hash: &str,
    purpose: TokenPurpose,
) -> Result<Option<ConsumedToken>, sqlx::Error> {
    let now = now_ms();
    with_db!(db, pool => sqlx::query_as(
        "UPDATE account_tokens SET used_at = $1
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id, new_email")
        .bind(now).bind(token_hash).bind(purpose)
        .fetch_optional(pool).await)
}

/// Removes links that expired more than a day ago.
pub async fn purge_expired(db: &Db) -> Result<u64, sqlx::Error> {
    Ok(
        with_db!(db, pool => sqlx::query("DELETE FROM account_tokens WHERE expires_at <= $1")
        .bind(now_ms() - 24 * 3600 * 1000).execute(pool).await.map(|done| done.rows_affected()))?,
    )
}

/// How long an e-mail confirmation link stays valid.
pub const CONFIRMATION_TTL_MS: i64 = 48 * 3600 * 1000;
/// How long a password reset link stays valid.
pub const RESET_TTL_MS: i64 = 3600 * 1000;

crate::text_enum! {
    /// The purpose of a one-time link sent by e-mail.
    pub enum TokenPurpose {
        /// Confirms the address given at sign-up.
        ConfirmEmail = "confirm_email",
        /// Lets someone choose a new password.
        ResetPassword = "reset_password",
        /// Confirms a new address before it replaces the old one.
        ChangeEmail = "change_email",
    }
}

impl TokenPurpose {
    /// How long a link of this purpose stays valid.
    pub fn ttl_ms(self) -> i64 {
        match self {
            TokenPurpose::ConfirmEmail | TokenPurpose::ChangeEmail => CONFIRMATION_TTL_MS,
            TokenPurpose::ResetPassword => RESET_TTL_MS,
        }
    }
}
