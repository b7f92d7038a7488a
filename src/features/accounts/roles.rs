//! Instance roles held by accounts.

use crate::platform::clock::now_ms;
use crate::platform::db::kept::Family;
use crate::platform::db::{Db, Engine};
use crate::platform::permissions::Role;
use crate::{with_db, with_db_write};

/// The roles an account holds besides participant.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<Role>, sqlx::Error> {
    let rows: Vec<(String,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().filter_map(|(r,)| r.parse().ok()).collect())
}

/// Grants a role; granting it again changes nothing. Returns whether it was new.
pub async fn grant(
    db: &Db,
    user_id: i64,
    role: Role,
    granted_by: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let rows = with_db!(db, pool => sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_by, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, role) DO NOTHING")
        .bind(user_id).bind(role.as_str()).bind(granted_by).bind(now_ms())
        .execute(pool).await.map(|done| done.rows_affected()))?;
    db.changed_here(Family::Accounts);
    Ok(rows == 1)
}

/// What revoking a role did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revoked {
    /// The role was held and is gone.
    Done,
    /// The account did not hold it.
    NotHeld,
    /// It is the last admin's: kept.
    LastAdmin,
}

/// Locks the admins' rows until the transaction ends, so that two admins revoking each
/// other (or leaving) take turns and the second sees the first's change. PostgreSQL only:
/// SQLite's writers already take turns (`with_db_write!`).
pub(crate) const LOCK_ADMINS_POSTGRES: &str =
    "SELECT user_id FROM user_roles WHERE role = 'admin' FOR UPDATE";

/// The condition, in a statement about account `$1`, that it is not the last admin.
pub(crate) const NOT_THE_LAST_ADMIN: &str = "(NOT EXISTS (SELECT 1 FROM user_roles a
     WHERE a.user_id = $1 AND a.role = 'admin')
     OR (SELECT COUNT(*) FROM user_roles b WHERE b.role = 'admin') > 1)";

/// Revokes a role, never the last admin's: the check and the removal are one statement,
/// after the admins' rows are locked.
pub async fn revoke(db: &Db, user_id: i64, role: Role) -> Result<Revoked, sqlx::Error> {
    let engine = db.engine();
    let delete = format!(
        "DELETE FROM user_roles WHERE user_id = $1 AND role = $2
           AND ($2 <> 'admin' OR {NOT_THE_LAST_ADMIN})"
    );
    let revoked = with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        if engine == Engine::Postgres && role == Role::Admin {
            sqlx::query(LOCK_ADMINS_POSTGRES).execute(&mut *tx).await?;
        }
        let removed = sqlx::query(sqlx::AssertSqlSafe(delete))
            .bind(user_id).bind(role.as_str()).execute(&mut *tx).await?.rows_affected();
        let held: Option<(i64,)> = sqlx::query_as(
            "SELECT user_id FROM user_roles WHERE user_id = $1 AND role = $2")
            .bind(user_id).bind(role.as_str()).fetch_optional(&mut *tx).await?;
        tx.commit().await?;
        Ok(match (removed, held) {
            (1, _) => Revoked::Done,
            (_, Some(_)) => Revoked::LastAdmin,
            _ => Revoked::NotHeld,
        })
    });
    db.changed_here(Family::Accounts);
    revoked
}

/// How many accounts hold a role.
pub async fn holders_count(db: &Db, role: Role) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = with_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM user_roles WHERE role = $1")
        .bind(role.as_str()).fetch_one(pool).await)?;
    Ok(n)
}

/// One line of the role registry.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RoleHolder {
    /// Account id.
    pub user_id: i64,
    /// Display name.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// The role.
    pub role: Role,
    /// When it was granted.
    pub granted_at: i64,
}

/// Every granted role, by role then name.
pub async fn registry(db: &Db) -> Result<Vec<RoleHolder>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name, u.email, r.role, r.granted_at
         FROM user_roles r JOIN users u ON u.id = r.user_id
         ORDER BY r.role, u.display_name, u.id")
        .fetch_all(pool).await)
}
