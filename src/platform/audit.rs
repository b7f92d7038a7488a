//! The audit log: who did what to whom, for actions that change permissions or content.

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::with_db;

/// One audit entry as read back.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditEntry {
    /// When it happened.
    pub at: i64,
    /// Who did it (display name), if the account still exists.
    pub actor: Option<String>,
    /// What was done, for example `role.grant`.
    pub action: String,
    /// What it was done to, for example `user:42`.
    pub subject: String,
    /// Details, for example the role name.
    pub detail: String,
}

/// Records an action.
pub async fn record(
    db: &Db,
    actor_id: Option<i64>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, subject, detail)
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(new_id()).bind(now_ms()).bind(actor_id).bind(action).bind(subject).bind(detail)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// The latest entries, newest first.
pub async fn latest(db: &Db, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT a.at, u.display_name AS actor, a.action, a.subject, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         ORDER BY a.at DESC, a.id DESC LIMIT $1")
        .bind(limit).fetch_all(pool).await)
}
