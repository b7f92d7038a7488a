//! Instance roles held by accounts.

use crate::clock::now_ms;
use crate::db::Db;
use crate::domain::permissions::Role;
use crate::with_db;

/// The roles an account holds besides participant.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<Role>, sqlx::Error> {
    let rows: Vec<(String,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().filter_map(|(r,)| r.parse().ok()).collect())
}

/// The roles an account holds with the time each was granted (for the data download).
pub async fn grants_of_user(db: &Db, user_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT role, granted_at FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user_id).fetch_all(pool).await)
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
    Ok(rows == 1)
}

/// Revokes a role. Returns whether it was held.
pub async fn revoke(db: &Db, user_id: i64, role: Role) -> Result<bool, sqlx::Error> {
    let rows = with_db!(db, pool => sqlx::query(
        "DELETE FROM user_roles WHERE user_id = $1 AND role = $2")
        .bind(user_id).bind(role.as_str()).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(rows == 1)
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
    /// Role name.
    pub role: String,
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
