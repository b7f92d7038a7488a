//! The indicators' SQL: each standard indicator of a process computed from what the platform
//! holds, the daily snapshots written and read back.

use crate::features::indicators::rules::{Indicator, median_days};
use crate::platform::db::Db;
use crate::{with_db, with_db_write};

/// One count read from the database.
async fn count(db: &Db, sql: &'static str, process_id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        with_db!(db, pool => sqlx::query_as(sql).bind(process_id).fetch_one(pool).await)?;
    Ok(n)
}

/// Every standard indicator of a process as it stands, events counted as held when they end by
/// `until` (`YYYY-MM-DDTHH:MM`); `None` where it cannot be computed (a share of no needs).
pub async fn compute(
    db: &Db,
    process_id: i64,
    until: &str,
) -> Result<Vec<(Indicator, Option<f64>)>, sqlx::Error> {
    let (needs, contributors, offline): (i64, i64, i64) = with_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT author_id),
                CAST(COALESCE(SUM(CASE WHEN source <> 'online' THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM needs WHERE process_id = $1 AND status = 'published'")
        .bind(process_id).fetch_one(pool).await)?;
    let brackets = count(
        db,
        "SELECT COUNT(DISTINCT bracket) FROM (
             SELECT p.age_bracket AS bracket FROM profiles p
             WHERE p.age_bracket IS NOT NULL AND p.user_id IN
                 (SELECT author_id FROM needs WHERE process_id = $1 AND status = 'published')
             UNION
             SELECT a.value FROM attendance_counts a JOIN events e ON e.id = a.event_id
             WHERE e.process_id = $1 AND a.category = 'age' AND a.count > 0) brackets",
        process_id,
    )
    .await?;
    let (held, attendance): (i64, i64) = with_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(attendance), 0) AS BIGINT) FROM events
         WHERE process_id = $1 AND ends_at <= $2")
        .bind(process_id).bind(until).fetch_one(pool).await)?;
    let answered: Vec<(i64, i64)> = with_db!(db, pool => sqlx::query_as(
        "SELECT n.created_at, MIN(s.created_at) FROM needs n
         JOIN solution_needs sn ON sn.need_id = n.id
         JOIN solutions s ON s.id = sn.solution_id AND s.status = 'published'
         WHERE n.process_id = $1 AND n.status = 'published'
         GROUP BY n.id, n.created_at")
        .bind(process_id).fetch_all(pool).await)?;
    let solutions = count(
        db,
        "SELECT COUNT(*) FROM solutions WHERE process_id = $1 AND status = 'published'",
        process_id,
    )
    .await?;
    let accompanied = count(
        db,
        "SELECT COUNT(DISTINCT r.solution_id) FROM companionships c
         JOIN support_requests r ON r.id = c.request_id
         WHERE c.process_id = $1 AND c.state IN ('accepted', 'in_progress', 'completed')",
        process_id,
    )
    .await?;
    let partners = count(
        db,
        "SELECT COUNT(*) FROM partner_engagements WHERE process_id = $1",
        process_id,
    )
    .await?;
    let official = count(
        db,
        "SELECT COUNT(*) FROM solutions
         WHERE process_id = $1 AND status = 'published' AND answer IS NOT NULL",
        process_id,
    )
    .await?;
    let share = |part: usize| (needs > 0).then(|| 100.0 * part as f64 / needs as f64);
    Ok(vec![
        (Indicator::Contributors, Some(contributors as f64)),
        (Indicator::Needs, Some(needs as f64)),
        (Indicator::NeedsOffline, share(offline as usize)),
        (Indicator::AgeBrackets, Some(brackets as f64)),
        (Indicator::WorkshopsHeld, Some(held as f64)),
        (Indicator::Attendance, Some(attendance as f64)),
        (Indicator::NeedsAnswered, share(answered.len())),
        (Indicator::DaysToFirstAnswer, median_days(&answered)),
        (Indicator::Solutions, Some(solutions as f64)),
        (Indicator::SolutionsAccompanied, Some(accompanied as f64)),
        (Indicator::Partners, Some(partners as f64)),
        (Indicator::AnsweredOfficially, Some(official as f64)),
    ])
}

/// Keeps a day's values (replacing that day's earlier ones).
pub async fn save_snapshot(
    db: &Db,
    process_id: i64,
    day: &str,
    values: &[(Indicator, Option<f64>)],
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (indicator, value) in values {
            let Some(value) = value else { continue };
            sqlx::query(
                "INSERT INTO indicator_snapshots (process_id, indicator, day, value) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (process_id, indicator, day) DO UPDATE SET value = excluded.value")
                .bind(process_id).bind(indicator.key()).bind(day).bind(value)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// A process's snapshots `(indicator key, day, value)`, oldest first.
pub async fn history(db: &Db, process_id: i64) -> Result<Vec<(String, String, f64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT indicator, day, value FROM indicator_snapshots WHERE process_id = $1
         ORDER BY day, indicator")
        .bind(process_id).fetch_all(pool).await)
}

/// The processes open to the public (their indicators are kept every day).
pub async fn public_processes(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT id FROM processes WHERE status <> 'draft'").fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// A team's own indicator.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CustomIndicator {
    /// Id.
    pub id: i64,
    /// The evaluative question it answers.
    pub question: String,
    /// Its name.
    pub name: String,
    /// Its unit (`Unit::as_str`).
    pub unit: String,
    /// Where it starts from.
    pub baseline: Option<f64>,
    /// What the team aims at.
    pub target: Option<f64>,
    /// Where its values come from.
    pub source: String,
    /// How often it is measured (`Frequency::as_str`).
    pub frequency: String,
}

/// What the team writes of a new indicator.
pub struct NewCustom<'a> {
    /// The evaluative question.
    pub question: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its unit.
    pub unit: &'a str,
    /// Baseline.
    pub baseline: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Source.
    pub source: &'a str,
    /// Frequency.
    pub frequency: &'a str,
}

/// Adds a team's indicator; returns its id.
pub async fn add_custom(db: &Db, process_id: i64, new: &NewCustom<'_>) -> Result<i64, sqlx::Error> {
    let id = crate::platform::clock::new_id();
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO custom_indicators (id, process_id, question, name, unit, baseline, target,
             source, frequency, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(id).bind(process_id).bind(new.question).bind(new.name).bind(new.unit)
        .bind(new.baseline).bind(new.target).bind(new.source).bind(new.frequency)
        .bind(crate::platform::clock::now_ms())
        .execute(pool).await.map(|_| ()))?;
    Ok(id)
}

/// A process's own indicators, oldest first.
pub async fn customs(db: &Db, process_id: i64) -> Result<Vec<CustomIndicator>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT id, question, name, unit, baseline, target, source, frequency
         FROM custom_indicators WHERE process_id = $1 ORDER BY created_at, id")
        .bind(process_id).fetch_all(pool).await)
}

/// Removes a team's indicator and its values; whether it was the process's.
pub async fn delete_custom(db: &Db, process_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let key = crate::features::indicators::rules::custom_key(id);
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let deleted = sqlx::query("DELETE FROM custom_indicators WHERE id = $1 AND process_id = $2")
            .bind(id).bind(process_id).execute(&mut *tx).await?.rows_affected();
        sqlx::query("DELETE FROM indicator_snapshots WHERE process_id = $1 AND indicator = $2")
            .bind(process_id).bind(&key).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(deleted > 0)
    })
}

/// Keeps values `(day, value)` of an indicator (a day's earlier value replaced), together.
pub async fn save_values(
    db: &Db,
    process_id: i64,
    key: &str,
    values: &[(String, f64)],
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (day, value) in values {
            sqlx::query(
                "INSERT INTO indicator_snapshots (process_id, indicator, day, value) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (process_id, indicator, day) DO UPDATE SET value = excluded.value")
                .bind(process_id).bind(key).bind(day).bind(value)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// The targets set for the standard indicators, by key.
pub async fn targets(db: &Db, process_id: i64) -> Result<Vec<(String, f64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT indicator, target FROM indicator_targets WHERE process_id = $1")
        .bind(process_id).fetch_all(pool).await)
}

/// Replaces the targets of the standard indicators.
pub async fn set_targets(
    db: &Db,
    process_id: i64,
    targets: &[(&str, f64)],
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM indicator_targets WHERE process_id = $1")
            .bind(process_id).execute(&mut *tx).await?;
        for (key, target) in targets {
            sqlx::query("INSERT INTO indicator_targets (process_id, indicator, target) VALUES ($1, $2, $3)")
                .bind(process_id).bind(key).bind(target).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// A report's analyses (JSON) and whether it is published.
pub async fn report(
    db: &Db,
    process_id: i64,
    kind: &str,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    let row: Option<(String, i64)> = with_db!(db, pool => sqlx::query_as(
        "SELECT analyses, published FROM evaluation_reports WHERE process_id = $1 AND kind = $2")
        .bind(process_id).bind(kind).fetch_optional(pool).await)?;
    Ok(row.map(|(analyses, published)| (analyses, published != 0)))
}

/// Keeps a report's analyses and whether it is published.
pub async fn save_report(
    db: &Db,
    process_id: i64,
    kind: &str,
    analyses: &str,
    published: bool,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO evaluation_reports (process_id, kind, analyses, published, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (process_id, kind) DO UPDATE SET analyses = excluded.analyses,
             published = excluded.published, updated_at = excluded.updated_at")
        .bind(process_id).bind(kind).bind(analyses).bind(i64::from(published))
        .bind(crate::platform::clock::now_ms())
        .execute(pool).await.map(|_| ()))
}
