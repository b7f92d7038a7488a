//! Optional participant profiles (commune of residence, age bracket, situation), kept only
//! with consent and deleted with the account.

use crate::platform::clock::now_ms;
use crate::platform::db::Db;
use crate::with_db;

/// A profile as stored, with the commune's code and name.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct Profile {
    /// Commune of residence.
    pub commune_code: Option<String>,
    /// Its name.
    pub commune_name: Option<String>,
    /// Age bracket.
    pub age_bracket: Option<String>,
    /// Situation (the seed's publics).
    pub situation: Option<String>,
    /// When consent was given.
    pub consented_at: i64,
}

/// The profile of an account, if given.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Option<Profile>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT t.code AS commune_code, t.name AS commune_name, p.age_bracket, p.situation, p.consented_at
         FROM profiles p LEFT JOIN territories t ON t.id = p.commune_id WHERE p.user_id = $1")
        .bind(user_id).fetch_optional(pool).await)
}

/// Saves a profile (consent is recorded when it is first given).
pub async fn save(
    db: &Db,
    user_id: i64,
    commune_id: Option<i64>,
    age_bracket: Option<&str>,
    situation: Option<&str>,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    with_db!(db, pool => sqlx::query(
        "INSERT INTO profiles (user_id, commune_id, age_bracket, situation, consented_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (user_id) DO UPDATE SET commune_id = excluded.commune_id,
             age_bracket = excluded.age_bracket, situation = excluded.situation, updated_at = excluded.updated_at")
        .bind(user_id).bind(commune_id).bind(age_bracket).bind(situation).bind(now)
        .execute(pool).await.map(|_| ()))
}

/// Deletes a profile (consent withdrawn).
pub async fn delete(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    with_db!(db, pool => sqlx::query("DELETE FROM profiles WHERE user_id = $1")
        .bind(user_id).execute(pool).await.map(|_| ()))
}
