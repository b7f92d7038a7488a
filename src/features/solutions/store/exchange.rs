//! Solutions as open data and back: the rows the exports write, and what an import reads and
//! changes.

use crate::features::solutions::rules::{Answer, Scope, SolutionStatus, Source};
use crate::features::solutions::store::{Solution, clusters_of, needs_of};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::{with_db, with_db_write};

/// A solution as the exports write it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExportRow {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub body: String,
    /// Theme name.
    pub theme_name: Option<String>,
    /// How far its place reaches.
    pub scope: Scope,
    /// Its commune's or EPCI's code.
    pub territory_code: Option<String>,
    /// Its name.
    pub territory_name: Option<String>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// The organisation carrying it.
    pub organisation: String,
    /// Its stage's key.
    pub stage_key: Option<String>,
    /// Its stage's name.
    pub stage_label: Option<String>,
    /// Progress.
    pub progress: i64,
    /// The official answer.
    pub answer: Option<Answer>,
    /// Its public reason.
    pub answer_reason: String,
    /// Where it comes from.
    pub source: Source,
    /// The event where it was invented.
    pub event_title: Option<String>,
    /// Who proposed it.
    pub author_name: Option<String>,
    /// Where it stands with moderation.
    pub status: SolutionStatus,
    /// Why moderation hid it.
    pub moderation_reason: Option<String>,
    /// Its id on the platform it came from.
    pub external_id: Option<String>,
    /// Proposal time.
    pub created_at: i64,
}

/// A process's solutions for the exports (`published_only`: the open data), oldest first.
pub async fn export(
    db: &Db,
    process_id: i64,
    published_only: bool,
) -> Result<Vec<ExportRow>, sqlx::Error> {
    let visible = if published_only {
        "AND s.status = 'published'"
    } else {
        ""
    };
    let sql = format!(
        "SELECT s.id, s.title, s.body, th.name AS theme_name, s.scope, t.code AS territory_code,
                t.name AS territory_name, s.lon, s.lat, s.organisation, g.key AS stage_key,
                g.label AS stage_label, s.progress, s.answer, s.answer_reason, s.source,
                e.title AS event_title, u.display_name AS author_name, s.status, s.moderation_reason,
                s.external_id, s.created_at
         FROM solutions s
         LEFT JOIN themes th ON th.id = s.theme_id
         LEFT JOIN territories t ON t.id = s.territory_id
         LEFT JOIN solution_stages g ON g.id = s.stage_id
         LEFT JOIN events e ON e.id = s.event_id
         LEFT JOIN users u ON u.id = s.author_id
         WHERE s.process_id = $1 {visible} ORDER BY s.created_at, s.id"
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(process_id).fetch_all(pool).await)
}

/// Every `(solution, need)` and `(solution, cluster)` link of a process's solutions.
pub async fn links_of_process(
    db: &Db,
    process_id: i64,
) -> Result<(Vec<(i64, i64)>, Vec<(i64, i64)>), sqlx::Error> {
    let needs = db
        .read_all(
            "SELECT l.solution_id, l.need_id FROM solution_needs l
             JOIN solutions s ON s.id = l.solution_id WHERE s.process_id = $1
             ORDER BY l.solution_id, l.need_id",
            &[Value::Int(process_id)],
        )
        .await?;
    let clusters = db
        .read_all(
            "SELECT l.solution_id, l.cluster_id FROM solution_clusters l
             JOIN solutions s ON s.id = l.solution_id WHERE s.process_id = $1
             ORDER BY l.solution_id, l.cluster_id",
            &[Value::Int(process_id)],
        )
        .await?;
    Ok((needs, clusters))
}

/// The solution of a process with this id on the platform it came from.
pub async fn by_external_id(
    db: &Db,
    process_id: i64,
    external_id: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let found: Option<(i64,)> = db
        .read_optional(
            "SELECT id FROM solutions WHERE process_id = $1 AND external_id = $2",
            &[Value::Int(process_id), Value::Text(external_id.to_owned())],
        )
        .await?;
    Ok(found.map(|(id,)| id))
}

/// The published needs of a process imported with these ids: `(external id, need id)`.
pub async fn needs_by_external_ids(
    db: &Db,
    process_id: i64,
    external_ids: &[String],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    if external_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut params = vec![Value::Int(process_id)];
    params.extend(external_ids.iter().map(|id| Value::Text(id.clone())));
    let numbers = (2..=params.len())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT external_id, id FROM needs WHERE process_id = $1 AND status = 'published'
         AND external_id IN ({numbers})"
    );
    db.read_all(&sql, &params).await
}

/// What an import changes in a solution that exists: every field a file carries, and its
/// links (replaced).
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// Title.
    pub title: String,
    /// Description.
    pub body: String,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Scope of its place.
    pub scope: Scope,
    /// Commune or EPCI.
    pub territory_id: Option<i64>,
    /// Point.
    pub point: Option<[f64; 2]>,
    /// Organisation.
    pub organisation: String,
    /// Stage.
    pub stage_id: Option<i64>,
    /// Progress.
    pub progress: i64,
    /// Official answer and its reason.
    pub answer: Option<Answer>,
    /// The answer's reason.
    pub answer_reason: String,
    /// Id on the platform it came from.
    pub external_id: Option<String>,
    /// Needs it answers, sorted.
    pub needs: Vec<i64>,
    /// Clusters it answers, sorted.
    pub clusters: Vec<i64>,
}

/// A solution as an import compares it: the fields it may change.
pub async fn as_imported(db: &Db, s: Solution) -> Result<Imported, sqlx::Error> {
    let id = s.id;
    let mut needs: Vec<i64> = needs_of(db, id).await?.into_iter().map(|n| n.id).collect();
    let mut clusters: Vec<i64> = clusters_of(db, id)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    needs.sort_unstable();
    clusters.sort_unstable();
    Ok(Imported {
        title: s.title,
        body: s.body,
        theme_id: s.theme_id,
        scope: s.scope,
        territory_id: s.territory_id,
        point: s.lon.zip(s.lat).map(|(lon, lat)| [lon, lat]),
        organisation: s.organisation,
        stage_id: s.stage_id,
        progress: s.progress,
        answer: s.answer,
        answer_reason: s.answer_reason,
        external_id: s.external_id,
        needs,
        clusters,
    })
}

/// Applies an import's changes to existing solutions, in one transaction.
pub async fn update_many(db: &Db, changes: &[(i64, Imported)]) -> Result<(), sqlx::Error> {
    let now = crate::platform::clock::now_ms();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (id, s) in changes {
            let (lon, lat) = (s.point.map(|p| p[0]), s.point.map(|p| p[1]));
            sqlx::query(
                "UPDATE solutions SET title = $1, body = $2, theme_id = $3, scope = $4, territory_id = $5,
                     lon = $6, lat = $7, organisation = $8, stage_id = $9, progress = $10, answer = $11,
                     answer_reason = $12, external_id = $13, updated_at = $14,
                     answered_at = CASE WHEN $11 IS NULL THEN NULL ELSE COALESCE(answered_at, $14) END
                 WHERE id = $15")
                .bind(&s.title).bind(&s.body).bind(s.theme_id).bind(s.scope).bind(s.territory_id)
                .bind(lon).bind(lat).bind(&s.organisation).bind(s.stage_id).bind(s.progress)
                .bind(s.answer).bind(&s.answer_reason).bind(&s.external_id).bind(now).bind(id)
                .execute(&mut *tx).await?;
            sqlx::query("DELETE FROM solution_needs WHERE solution_id = $1")
                .bind(id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM solution_clusters WHERE solution_id = $1")
                .bind(id).execute(&mut *tx).await?;
            for need in &s.needs {
                sqlx::query("INSERT INTO solution_needs (solution_id, need_id) VALUES ($1, $2)")
                    .bind(id).bind(need).execute(&mut *tx).await?;
            }
            for cluster in &s.clusters {
                sqlx::query("INSERT INTO solution_clusters (solution_id, cluster_id) VALUES ($1, $2)")
                    .bind(id).bind(cluster).execute(&mut *tx).await?;
            }
        }
        tx.commit().await
    })
}
