//! Solutions, the needs and clusters they answer, their carriers, stages and milestones. Lists
//! use keyset pagination; the counts by theme, place and stage and the needs' coverage are
//! counters the triggers keep (migration 0016), never a count of rows per request.

use crate::features::solutions::rules::{Answer, Scope, SolutionStatus, Source};
use crate::platform::clock::new_id;
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::{sqlite_row, with_db, with_db_write};

mod exchange;
mod follow_up;
mod listing;

pub use exchange::{
    ExportRow, Imported, as_imported, by_external_id, export, links_of_process,
    needs_by_external_ids, update_many,
};
pub use follow_up::{
    Milestone, Stage, TextChange, add_milestone, add_stage, link_needs, media_of, merge,
    milestones, milestones_of, remove_stage, set_answer, set_image, set_stage, stages, unlink_need,
    update_stage, update_text,
};
pub use listing::{Filter, ListedSolution, SolutionPoint, count_up_to, counts, list, points};

/// What a new solution holds.
#[derive(Clone, Debug)]
pub struct NewSolution {
    /// Process.
    pub process_id: i64,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub body: String,
    /// Theme, if chosen.
    pub theme_id: Option<i64>,
    /// How far its place reaches.
    pub scope: Scope,
    /// Its commune or EPCI (none for the whole territory).
    pub territory_id: Option<i64>,
    /// `[longitude, latitude]`, if placed on the map.
    pub point: Option<[f64; 2]>,
    /// The organisation carrying it (may be empty).
    pub organisation: String,
    /// Its stage.
    pub stage_id: Option<i64>,
    /// Its progress, in percent.
    pub progress: i64,
    /// Where it comes from.
    pub source: Source,
    /// The workshop or event where it was invented.
    pub event_id: Option<i64>,
    /// Who proposed it, when signed in.
    pub author_id: Option<i64>,
    /// Who typed it in.
    pub entered_by: Option<i64>,
    /// Its id on the platform it was imported from.
    pub external_id: Option<String>,
    /// The official answer and its reason, when a file brings one.
    pub answer: Option<(Answer, String)>,
    /// The accounts carrying it.
    pub carriers: Vec<i64>,
    /// The needs it answers.
    pub needs: Vec<i64>,
    /// The synthesis clusters it answers.
    pub clusters: Vec<i64>,
    /// Search terms of title and description.
    pub terms: Vec<String>,
    /// When it was proposed (imports keep their dates).
    pub created_at: i64,
}

/// Stores solutions with their links, carriers and search terms in one transaction: all of
/// them or none. Returns their ids in order.
pub async fn create_many(db: &Db, solutions: &[NewSolution]) -> Result<Vec<i64>, sqlx::Error> {
    let ids: Vec<i64> = solutions.iter().map(|_| new_id()).collect();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (s, id) in solutions.iter().zip(&ids) {
            let (lon, lat) = (s.point.map(|p| p[0]), s.point.map(|p| p[1]));
            sqlx::query(
                "INSERT INTO solutions (id, process_id, title, body, theme_id, scope, territory_id, lon, lat,
                     organisation, stage_id, progress, answer_reason, source, event_id, author_id,
                     entered_by, external_id, status, created_at, updated_at, answer, answered_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $19, $13, $14, $15, $16, $17,
                     'published', $18, $18, $20, $21)")
                .bind(id).bind(s.process_id).bind(&s.title).bind(&s.body).bind(s.theme_id)
                .bind(s.scope).bind(s.territory_id).bind(lon).bind(lat).bind(&s.organisation)
                .bind(s.stage_id).bind(s.progress).bind(s.source).bind(s.event_id).bind(s.author_id)
                .bind(s.entered_by).bind(&s.external_id).bind(s.created_at)
                .bind(s.answer.as_ref().map_or("", |(_, reason)| reason.as_str()))
                .bind(s.answer.as_ref().map(|(answer, _)| *answer))
                .bind(s.answer.as_ref().map(|_| s.created_at))
                .execute(&mut *tx).await?;
            for need in &s.needs {
                sqlx::query("INSERT INTO solution_needs (solution_id, need_id) VALUES ($1, $2)")
                    .bind(id).bind(need).execute(&mut *tx).await?;
            }
            for cluster in &s.clusters {
                sqlx::query("INSERT INTO solution_clusters (solution_id, cluster_id) VALUES ($1, $2)")
                    .bind(id).bind(cluster).execute(&mut *tx).await?;
            }
            for carrier in &s.carriers {
                sqlx::query("INSERT INTO solution_carriers (solution_id, user_id) VALUES ($1, $2)
                             ON CONFLICT (solution_id, user_id) DO NOTHING")
                    .bind(id).bind(carrier).execute(&mut *tx).await?;
            }
            for term in &s.terms {
                sqlx::query("INSERT INTO solution_terms (term, solution_id, created_at) VALUES ($1, $2, $3)
                             ON CONFLICT (term, solution_id) DO NOTHING")
                    .bind(term).bind(id).bind(s.created_at).execute(&mut *tx).await?;
            }
        }
        tx.commit().await
    })?;
    Ok(ids)
}

/// A solution as its page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Solution {
    /// Id.
    pub id: i64,
    /// Process.
    pub process_id: i64,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub body: String,
    /// Theme.
    pub theme_id: Option<i64>,
    /// How far its place reaches.
    pub scope: Scope,
    /// Its commune or EPCI.
    pub territory_id: Option<i64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// The organisation carrying it.
    pub organisation: String,
    /// Stage.
    pub stage_id: Option<i64>,
    /// Progress, in percent.
    pub progress: i64,
    /// The official answer.
    pub answer: Option<Answer>,
    /// Its public reason.
    pub answer_reason: String,
    /// When it was given.
    pub answered_at: Option<i64>,
    /// Where it comes from.
    pub source: Source,
    /// The workshop or event where it was invented.
    pub event_id: Option<i64>,
    /// That event's title.
    pub event_title: Option<String>,
    /// Who proposed it.
    pub author_id: Option<i64>,
    /// Their display name (none once the account is deleted).
    pub author_name: Option<String>,
    /// Where it stands with moderation.
    pub status: SolutionStatus,
    /// Why moderation hid it.
    pub moderation_reason: Option<String>,
    /// The solution it was merged into.
    pub merged_into: Option<i64>,
    /// Its id on the platform it came from.
    pub external_id: Option<String>,
    /// Supports.
    pub supports_count: i64,
    /// Comments (hidden ones included).
    pub comments_count: i64,
    /// Its picture.
    pub image_id: Option<i64>,
    /// The picture's description (its alternative text).
    pub image_description: Option<String>,
    /// The picture's width in pixels.
    pub image_width: Option<i64>,
    /// The picture's height in pixels.
    pub image_height: Option<i64>,
    /// Proposal time.
    pub created_at: i64,
    /// Last change of stage, progress, answer or milestone.
    pub updated_at: i64,
}

sqlite_row!(Solution {
    id,
    process_id,
    title,
    body,
    theme_id,
    scope,
    territory_id,
    lon,
    lat,
    organisation,
    stage_id,
    progress,
    answer,
    answer_reason,
    answered_at,
    source,
    event_id,
    event_title,
    author_id,
    author_name,
    status,
    moderation_reason,
    merged_into,
    external_id,
    supports_count,
    comments_count,
    image_id,
    image_description,
    image_width,
    image_height,
    created_at,
    updated_at,
});

/// A solution by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Solution>, sqlx::Error> {
    db.read_optional(
        "SELECT s.id, s.process_id, s.title, s.body, s.theme_id, s.scope, s.territory_id, s.lon, s.lat,
             s.organisation, s.stage_id, s.progress, s.answer, s.answer_reason, s.answered_at, s.source,
             s.event_id, e.title AS event_title, s.author_id, u.display_name AS author_name, s.status,
             s.moderation_reason, s.merged_into, s.external_id, s.supports_count, s.comments_count,
             s.image_id, m.description AS image_description, m.width AS image_width,
             m.height AS image_height, s.created_at, s.updated_at
         FROM solutions s LEFT JOIN events e ON e.id = s.event_id LEFT JOIN users u ON u.id = s.author_id
         LEFT JOIN media m ON m.id = s.image_id
         WHERE s.id = $1",
        &[Value::Int(id)],
    )
    .await
}

/// A need a solution answers, as its page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LinkedNeed {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Its status (only published ones are shown as links).
    pub status: String,
    /// Its theme.
    pub theme_id: Option<i64>,
    /// Its commune.
    pub territory_id: Option<i64>,
    /// Supports.
    pub supports_count: i64,
}

sqlite_row!(LinkedNeed {
    id,
    title,
    status,
    theme_id,
    territory_id,
    supports_count
});

/// The needs a solution answers, most supported first.
pub async fn needs_of(db: &Db, solution_id: i64) -> Result<Vec<LinkedNeed>, sqlx::Error> {
    db.read_all(
        "SELECT n.id, n.title, n.status, n.theme_id, n.territory_id, n.supports_count
         FROM solution_needs l JOIN needs n ON n.id = l.need_id
         WHERE l.solution_id = $1 ORDER BY n.supports_count DESC, n.id",
        &[Value::Int(solution_id)],
    )
    .await
}

/// A synthesis cluster a solution answers.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LinkedCluster {
    /// Id.
    pub id: i64,
    /// Its label.
    pub label: String,
    /// Its synthesis's version.
    pub version: i64,
}

sqlite_row!(LinkedCluster { id, label, version });

/// The clusters a solution answers.
pub async fn clusters_of(db: &Db, solution_id: i64) -> Result<Vec<LinkedCluster>, sqlx::Error> {
    db.read_all(
        "SELECT c.id, c.label, y.version FROM solution_clusters l
         JOIN synthesis_clusters c ON c.id = l.cluster_id JOIN syntheses y ON y.id = c.synthesis_id
         WHERE l.solution_id = $1 ORDER BY y.version DESC, c.position",
        &[Value::Int(solution_id)],
    )
    .await
}

/// The carriers of a solution: `(account id, display name)`, by name.
pub async fn carriers(db: &Db, solution_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    db.read_all(
        "SELECT u.id, u.display_name FROM solution_carriers c JOIN users u ON u.id = c.user_id
         WHERE c.solution_id = $1 ORDER BY u.display_name, u.id",
        &[Value::Int(solution_id)],
    )
    .await
}

/// A published solution answering a need or a cluster, as that page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Answering {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Its stage.
    pub stage_id: Option<i64>,
    /// Its progress.
    pub progress: i64,
    /// The official answer.
    pub answer: Option<Answer>,
    /// Proposal time.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
}

sqlite_row!(Answering {
    id,
    title,
    stage_id,
    progress,
    answer,
    created_at,
    updated_at
});

/// The published solutions answering a need, oldest first (the order of its trail).
pub async fn answering_need(db: &Db, need_id: i64) -> Result<Vec<Answering>, sqlx::Error> {
    db.read_all(
        "SELECT s.id, s.title, s.stage_id, s.progress, s.answer, s.created_at, s.updated_at
         FROM solution_needs l JOIN solutions s ON s.id = l.solution_id
         WHERE l.need_id = $1 AND s.status = 'published' ORDER BY s.created_at, s.id",
        &[Value::Int(need_id)],
    )
    .await
}

/// The published solutions answering a cluster, or any need in it, oldest first.
pub async fn answering_cluster(db: &Db, cluster_id: i64) -> Result<Vec<Answering>, sqlx::Error> {
    db.read_all(
        "SELECT s.id, s.title, s.stage_id, s.progress, s.answer, s.created_at, s.updated_at
         FROM solutions s
         WHERE s.status = 'published' AND s.id IN (
             SELECT solution_id FROM solution_clusters WHERE cluster_id = $1
             UNION SELECT l.solution_id FROM solution_needs l
                   JOIN synthesis_members m ON m.need_id = l.need_id WHERE m.cluster_id = $1)
         ORDER BY s.created_at, s.id",
        &[Value::Int(cluster_id)],
    )
    .await
}

/// Ids written into a statement's `IN (…)` (numbers only, so nothing to escape).
pub(super) fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Of these need ids, those of this process: `(id, status, title)`.
pub async fn needs_in_process(
    db: &Db,
    process_id: i64,
    ids: &[i64],
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = id_list(ids);
    let sql =
        format!("SELECT id, status, title FROM needs WHERE process_id = $1 AND id IN ({list})");
    db.read_all(&sql, &[Value::Int(process_id)]).await
}

/// Of these cluster ids, those of a published or validated synthesis of this process.
pub async fn clusters_in_process(
    db: &Db,
    process_id: i64,
    ids: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = id_list(ids);
    let sql = format!(
        "SELECT c.id FROM synthesis_clusters c JOIN syntheses y ON y.id = c.synthesis_id
         WHERE y.process_id = $1 AND y.status = 'published' AND c.id IN ({list})"
    );
    let rows: Vec<(i64,)> = db.read_all(&sql, &[Value::Int(process_id)]).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The accounts following a solution's published needs (their authors and supporters), each
/// with one of their needs: `(account, need)`, leaving out `except`.
pub async fn followers(
    db: &Db,
    solution_id: i64,
    except: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT DISTINCT f.user_id, f.need_id FROM (
             SELECT n.author_id AS user_id, n.id AS need_id FROM solution_needs l
             JOIN needs n ON n.id = l.need_id
             WHERE l.solution_id = $1 AND n.status = 'published' AND n.author_id IS NOT NULL
             UNION
             SELECT p.user_id, p.need_id FROM solution_needs l
             JOIN supports p ON p.need_id = l.need_id JOIN needs n ON n.id = l.need_id
             WHERE l.solution_id = $1 AND n.status = 'published'
         ) f WHERE f.user_id <> $2 ORDER BY f.user_id, f.need_id")
        .bind(solution_id).bind(except).fetch_all(pool).await)
}

/// `(carrier, need)`: a solution's carriers but `except`, each with the first need it answers
/// (notices are filed under a need); none when it answers clusters only.
pub async fn carriers_to_tell(
    db: &Db,
    solution_id: i64,
    except: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT c.user_id, l.need_id FROM solution_carriers c
         JOIN (SELECT MIN(need_id) AS need_id FROM solution_needs WHERE solution_id = $1) l ON l.need_id IS NOT NULL
         WHERE c.solution_id = $1 AND c.user_id <> $2 ORDER BY c.user_id")
        .bind(solution_id).bind(except).fetch_all(pool).await)
}

/// The ids of a process's first `n` published solutions, oldest first.
pub async fn first_published(db: &Db, process_id: i64, n: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT id FROM solutions WHERE process_id = $1 AND status = 'published'
         ORDER BY created_at, id LIMIT $2")
        .bind(process_id).bind(n).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Whether an account is in a solution's row of `table` (carriers, supports).
async fn listed(db: &Db, table: &str, solution_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let sql = format!("SELECT user_id FROM {table} WHERE solution_id = $1 AND user_id = $2");
    let found: Option<(i64,)> = db
        .read_optional(&sql, &[Value::Int(solution_id), Value::Int(user_id)])
        .await?;
    Ok(found.is_some())
}

/// Whether an account carries a solution.
pub async fn carries(db: &Db, solution_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    listed(db, "solution_carriers", solution_id, user_id).await
}

/// Every published need of a process: `(id, title, description)`, for the suggestions' index.
pub async fn published_need_texts(
    db: &Db,
    process_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    db.read_all(
        "SELECT id, title, body FROM needs WHERE process_id = $1 AND status = 'published' ORDER BY id",
        &[Value::Int(process_id)],
    )
    .await
}

/// The clusters of the newest published synthesis of a process that hold these needs:
/// `(need, cluster, cluster label, synthesis)`.
pub async fn clusters_of_needs(
    db: &Db,
    process_id: i64,
    needs: &[i64],
) -> Result<Vec<(i64, i64, String, i64)>, sqlx::Error> {
    if needs.is_empty() {
        return Ok(Vec::new());
    }
    let list = id_list(needs);
    let sql = format!(
        "SELECT m.need_id, c.id, c.label, m.synthesis_id FROM synthesis_members m
         JOIN synthesis_clusters c ON c.id = m.cluster_id
         WHERE m.synthesis_id = (SELECT id FROM syntheses WHERE process_id = $1 AND status = 'published'
                                 ORDER BY version DESC LIMIT 1)
           AND m.need_id IN ({list})"
    );
    db.read_all(&sql, &[Value::Int(process_id)]).await
}

/// The clusters of the newest published synthesis of a process: `(id, label)`, in order.
pub async fn published_clusters(
    db: &Db,
    process_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    db.read_all(
        "SELECT c.id, c.label FROM synthesis_clusters c
         WHERE c.synthesis_id = (SELECT id FROM syntheses WHERE process_id = $1 AND status = 'published'
                                 ORDER BY version DESC LIMIT 1)
         ORDER BY c.position, c.id",
        &[Value::Int(process_id)],
    )
    .await
}

/// Published needs and covered needs of each cluster of a synthesis: `(cluster, needs, covered)`.
pub async fn cluster_coverage(
    db: &Db,
    synthesis_id: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    db.read_all(
        "SELECT m.cluster_id, COUNT(*), SUM(CASE WHEN n.solutions_count > 0 THEN 1 ELSE 0 END)
         FROM synthesis_members m JOIN needs n ON n.id = m.need_id
         WHERE m.synthesis_id = $1 AND n.status = 'published' GROUP BY m.cluster_id",
        &[Value::Int(synthesis_id)],
    )
    .await
}

/// A published solution answering a cluster of a synthesis, or one of its needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClusterSolution {
    /// The cluster.
    pub cluster_id: i64,
    /// The solution.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its stage.
    pub stage_id: Option<i64>,
    /// Its progress.
    pub progress: i64,
}

sqlite_row!(ClusterSolution {
    cluster_id,
    id,
    title,
    stage_id,
    progress
});

/// Every published solution answering a cluster of a synthesis or a need in it, once per
/// cluster, oldest first.
pub async fn cluster_solutions(
    db: &Db,
    synthesis_id: i64,
) -> Result<Vec<ClusterSolution>, sqlx::Error> {
    db.read_all(
        "SELECT a.cluster_id, s.id, s.title, s.stage_id, s.progress FROM (
             SELECT m.cluster_id, l.solution_id FROM solution_needs l
             JOIN synthesis_members m ON m.need_id = l.need_id WHERE m.synthesis_id = $1
             UNION
             SELECT c.cluster_id, c.solution_id FROM solution_clusters c
             JOIN synthesis_clusters k ON k.id = c.cluster_id WHERE k.synthesis_id = $1
         ) a JOIN solutions s ON s.id = a.solution_id
         WHERE s.status = 'published' ORDER BY a.cluster_id, s.created_at, s.id",
        &[Value::Int(synthesis_id)],
    )
    .await
}

/// Whether an account supports a solution.
pub async fn supports(db: &Db, solution_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    listed(db, "solution_supports", solution_id, user_id).await
}

/// Supports a solution (once per account), or withdraws the support.
pub async fn set_support(
    db: &Db,
    solution_id: i64,
    user_id: i64,
    add: bool,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => if add {
        sqlx::query(
            "INSERT INTO solution_supports (solution_id, user_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (solution_id, user_id) DO NOTHING")
            .bind(solution_id).bind(user_id).bind(crate::platform::clock::now_ms())
            .execute(pool).await.map(|_| ())
    } else {
        sqlx::query("DELETE FROM solution_supports WHERE solution_id = $1 AND user_id = $2")
            .bind(solution_id).bind(user_id).execute(pool).await.map(|_| ())
    })
}

/// A solution invented at an event, as its capture page and wall list it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AtEvent {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Supports.
    pub supports_count: i64,
    /// When it was typed in.
    pub created_at: i64,
}

sqlite_row!(AtEvent {
    id,
    title,
    supports_count,
    created_at
});

/// The newest published solutions invented at an event.
pub async fn of_event(db: &Db, event_id: i64, limit: i64) -> Result<Vec<AtEvent>, sqlx::Error> {
    db.read_all(
        &format!(
            "SELECT id, title, supports_count, created_at FROM solutions
             WHERE event_id = $1 AND status = 'published' ORDER BY created_at DESC, id DESC LIMIT {limit}"
        ),
        &[Value::Int(event_id)],
    )
    .await
}
