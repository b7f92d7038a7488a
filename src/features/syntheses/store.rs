//! Syntheses: versions and their progress, clusters under themes, which need sits where, the
//! edits people make to a draft, and validation and publication.

use crate::features::needs::rules::{NeedStatus, Source};
use crate::features::syntheses::rules::{Scope, ScopeKind, Status};
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::{with_db, with_db_write};

/// Rows per multi-row insert (9 values each, under both engines' parameter limits).
const INSERT_BATCH: usize = 1_000;

/// One version of a synthesis.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Synthesis {
    /// Id.
    pub id: i64,
    /// Process.
    pub process_id: i64,
    /// 1, 2, 3… within the process.
    pub version: i64,
    /// Kind of scope.
    pub scope: ScopeKind,
    /// The theme, territory or workshop of the scope.
    pub scope_id: Option<i64>,
    /// Stored status (see `Synthesis::status`).
    pub status: Status,
    /// Percent done while running.
    pub progress: i64,
    /// What the job is doing, as a message key.
    pub stage: String,
    /// Why it failed.
    pub error: Option<String>,
    /// Needs it covers.
    pub needs_count: i64,
    /// Who started it (none from the command line).
    pub created_by: Option<i64>,
    /// Name of who started it.
    pub author: Option<String>,
    /// When it started.
    pub created_at: i64,
    /// Last progress or change.
    pub updated_at: i64,
    /// Edits made to the draft so far (figures kept in memory follow it).
    pub revision: i64,
    /// When it was validated.
    pub validated_at: Option<i64>,
    /// Name of who validated it.
    pub validator: Option<String>,
    /// When it was published.
    pub published_at: Option<i64>,
}

impl Synthesis {
    /// The status as people see it (a silent running job was interrupted).
    pub fn status(&self) -> Status {
        Status::seen(self.status, self.updated_at, now_ms())
    }

    /// Which needs it covers.
    pub fn scope(&self) -> Scope {
        Scope::from_stored(self.scope, self.scope_id).unwrap_or(Scope::All)
    }
}

const SYNTHESIS_COLUMNS: &str = "s.id, s.process_id, s.version, s.scope, s.scope_id, s.status,
    s.progress, s.stage, s.error, s.needs_count, s.created_by, a.display_name AS author,
    s.created_at, s.updated_at, s.revision, s.validated_at, v.display_name AS validator, s.published_at
    FROM syntheses s LEFT JOIN users a ON a.id = s.created_by
    LEFT JOIN users v ON v.id = s.validated_by";

/// Starts a new version (status running), numbered after the last one; `Ok(None)` when
/// another synthesis of the process is still running.
pub async fn start(
    db: &Db,
    process_id: i64,
    scope: Scope,
    created_by: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let (kind, scope_id) = scope.stored();
    let stale_before = now - crate::features::syntheses::rules::STALE_AFTER_MS;
    let started = with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let (running,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM syntheses WHERE process_id = $1 AND status = 'running' AND updated_at >= $2")
            .bind(process_id).bind(stale_before).fetch_one(&mut *tx).await?;
        if running > 0 {
            return Ok(None);
        }
        let inserted = sqlx::query(
            "INSERT INTO syntheses (id, process_id, version, scope, scope_id, status, progress, stage,
                 needs_count, created_by, created_at, updated_at)
             SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, 'running', 0, 'synthesis-stage-reading',
                 0, $5, $6, $6 FROM syntheses WHERE process_id = $2")
            .bind(id).bind(process_id).bind(kind).bind(scope_id).bind(created_by).bind(now)
            .execute(&mut *tx).await;
        match inserted {
            // Two servers starting at once: the version number collides, the second waits.
            Err(e) if crate::platform::db::is_unique_violation(&e) => return Ok(None),
            other => other?,
        };
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Some(id))
    })?;
    Ok(started)
}

/// Records how far a running synthesis is.
pub async fn set_progress(db: &Db, id: i64, percent: i64, stage: &str) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "UPDATE syntheses SET progress = $2, stage = $3, updated_at = $4 WHERE id = $1 AND status = 'running'")
        .bind(id).bind(percent).bind(stage).bind(now_ms()).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Marks a running synthesis as failed, with why.
pub async fn fail(db: &Db, id: i64, error: &str) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "UPDATE syntheses SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1 AND status = 'running'")
        .bind(id).bind(error).bind(now_ms()).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// A cluster computed by a job, with its needs.
#[derive(Clone, Debug)]
pub struct NewCluster {
    /// Theme (none: needs no theme was found for).
    pub theme_id: Option<i64>,
    /// Name.
    pub label: String,
    /// Its needs.
    pub members: Vec<NewMember>,
}

/// A need placed in a new cluster.
#[derive(Clone, Debug)]
pub struct NewMember {
    /// The need.
    pub need_id: i64,
    /// Where it comes from.
    pub source: Source,
    /// Its commune.
    pub territory_id: Option<i64>,
    /// Whether its theme was suggested (not given by a person).
    pub suggested: bool,
    /// The suggestion's confidence, 0 to 1.
    pub confidence: Option<f64>,
    /// Its place among the cluster's representative quotes (0 first), if it is one.
    pub quote_rank: Option<i64>,
}

/// Stores what a job computed and makes the synthesis a draft, all at once.
pub async fn save_draft(
    db: &Db,
    id: i64,
    clusters: &[NewCluster],
    needs_count: i64,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut members = Vec::new();
        for (position, cluster) in clusters.iter().enumerate() {
            let cluster_id = new_id();
            sqlx::query(
                "INSERT INTO synthesis_clusters (id, synthesis_id, theme_id, label, summary, position)
                 VALUES ($1, $2, $3, $4, '', $5)")
                .bind(cluster_id).bind(id).bind(cluster.theme_id).bind(&cluster.label).bind(position as i64)
                .execute(&mut *tx).await?;
            members.extend(cluster.members.iter().map(|m| (cluster_id, m)));
        }
        for batch in members.chunks(INSERT_BATCH) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO synthesis_members (synthesis_id, need_id, cluster_id, source, territory_id,
                     suggested, confidence, quote_rank, pinned) ");
            insert.push_values(batch, |mut row, (cluster_id, member)| {
                row.push_bind(id)
                    .push_bind(member.need_id)
                    .push_bind(*cluster_id)
                    .push_bind(member.source)
                    .push_bind(member.territory_id)
                    .push_bind(i64::from(member.suggested))
                    .push_bind(member.confidence)
                    .push_bind(member.quote_rank)
                    .push_bind(0_i64);
            });
            insert.build().execute(&mut *tx).await?;
        }
        sqlx::query(
            "UPDATE syntheses SET status = 'draft', progress = 100, stage = 'synthesis-stage-done',
                 needs_count = $2, updated_at = $3 WHERE id = $1")
            .bind(id).bind(needs_count).bind(now_ms()).execute(&mut *tx).await?;
        tx.commit().await
    })
}

/// A synthesis by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Synthesis>, sqlx::Error> {
    let sql = format!("SELECT {SYNTHESIS_COLUMNS} WHERE s.id = $1");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// Every version of a process's synthesis, newest first.
pub async fn list(db: &Db, process_id: i64) -> Result<Vec<Synthesis>, sqlx::Error> {
    let sql = format!("SELECT {SYNTHESIS_COLUMNS} WHERE s.process_id = $1 ORDER BY s.version DESC");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(process_id).fetch_all(pool).await)
}

/// The version of a process the public sees, if one is published.
pub async fn published(db: &Db, process_id: i64) -> Result<Option<Synthesis>, sqlx::Error> {
    let sql =
        format!("SELECT {SYNTHESIS_COLUMNS} WHERE s.process_id = $1 AND s.status = 'published'");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(process_id).fetch_optional(pool).await)
}

/// A cluster with its size.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Cluster {
    /// Id.
    pub id: i64,
    /// Its synthesis.
    pub synthesis_id: i64,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Name.
    pub label: String,
    /// The text people wrote for it.
    pub summary: String,
    /// Order within the synthesis.
    pub position: i64,
    /// Its needs still published (hidden or merged since the run, they no longer count).
    pub size: i64,
}

const CLUSTER_COLUMNS: &str = "c.id, c.synthesis_id, c.theme_id, c.label, c.summary, c.position,
    (SELECT COUNT(*) FROM synthesis_members m JOIN needs n ON n.id = m.need_id
     WHERE m.cluster_id = c.id AND n.status = 'published') AS size
    FROM synthesis_clusters c";

/// The clusters of a synthesis, in order.
pub async fn clusters(db: &Db, synthesis_id: i64) -> Result<Vec<Cluster>, sqlx::Error> {
    let sql =
        format!("SELECT {CLUSTER_COLUMNS} WHERE c.synthesis_id = $1 ORDER BY c.position, c.id");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(synthesis_id).fetch_all(pool).await)
}

/// A cluster by id.
pub async fn cluster(db: &Db, id: i64) -> Result<Option<Cluster>, sqlx::Error> {
    let sql = format!("SELECT {CLUSTER_COLUMNS} WHERE c.id = $1");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// A need as a cluster lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    /// The need.
    pub need_id: i64,
    /// Its cluster.
    pub cluster_id: i64,
    /// Title.
    pub title: String,
    /// The start of its description.
    pub excerpt: String,
    /// Its theme now.
    pub theme_id: Option<i64>,
    /// Commune.
    pub territory_id: Option<i64>,
    /// Where it comes from.
    pub source: Source,
    /// Whether its theme in the synthesis was suggested and nobody has confirmed it yet.
    pub suggested: i64,
    /// The suggestion's confidence.
    pub confidence: Option<f64>,
    /// Its place among the representative quotes.
    pub quote_rank: Option<i64>,
    /// Whether people pinned it as a quote.
    pub pinned: i64,
    /// Where the need stands now: hidden needs stay in the draft, marked.
    pub status: NeedStatus,
}

const MEMBER_COLUMNS: &str = "m.need_id, m.cluster_id, n.title, substr(n.body, 1, 300) AS excerpt,
    n.theme_id, n.territory_id, n.source, m.suggested, m.confidence, m.quote_rank, m.pinned, n.status
    FROM synthesis_members m JOIN needs n ON n.id = m.need_id";

/// A page of a cluster's needs: quotes first (pinned, then by rank), then the others;
/// `published_only` leaves out needs hidden or merged since.
pub async fn members(
    db: &Db,
    cluster_id: i64,
    published_only: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<Member>, sqlx::Error> {
    let visible = if published_only {
        "AND n.status = 'published'"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} WHERE m.cluster_id = $1 {visible}
         ORDER BY m.pinned DESC, m.quote_rank IS NULL, m.quote_rank, n.created_at DESC, n.id
         LIMIT {limit} OFFSET {offset}"
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cluster_id).fetch_all(pool).await)
}

/// One need of a synthesis.
pub async fn member(
    db: &Db,
    synthesis_id: i64,
    need_id: i64,
) -> Result<Option<Member>, sqlx::Error> {
    let sql = format!("SELECT {MEMBER_COLUMNS} WHERE m.synthesis_id = $1 AND m.need_id = $2");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(synthesis_id).bind(need_id).fetch_optional(pool).await)
}

/// The quotes of every cluster: pinned ones, else the three most representative; only
/// published needs. Read from the few quote rows of the synthesis (a partial index).
pub async fn quotes(db: &Db, synthesis_id: i64) -> Result<Vec<Member>, sqlx::Error> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} WHERE m.synthesis_id = $1 AND (m.quote_rank IS NOT NULL OR m.pinned = 1)
           AND n.status = 'published' AND (m.pinned = 1 OR m.quote_rank < 3)
         ORDER BY m.cluster_id, m.pinned DESC, m.quote_rank"
    );
    let candidates: Vec<Member> = with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(synthesis_id).fetch_all(pool).await)?;
    // Pinned rows come first in their cluster: when there is one, the cluster shows only those.
    let mut quotes: Vec<Member> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let pins_first = quotes
            .last()
            .is_some_and(|q| q.cluster_id == candidate.cluster_id && q.pinned == 1);
        if candidate.pinned == 1 || !pins_first {
            quotes.push(candidate);
        }
    }
    Ok(quotes)
}

/// Published needs of each cluster counted by source, with how many of them have a suggested
/// theme nobody confirmed yet: `(cluster, source, count, suggested)`.
pub async fn counts_by_source(
    db: &Db,
    synthesis_id: i64,
) -> Result<Vec<(i64, Source, i64, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT m.cluster_id, m.source, COUNT(*), CAST(SUM(m.suggested) AS BIGINT)
         FROM synthesis_members m JOIN needs n ON n.id = m.need_id
         WHERE m.synthesis_id = $1 AND n.status = 'published' GROUP BY m.cluster_id, m.source")
        .bind(synthesis_id).fetch_all(pool).await)
}

/// Published needs of each cluster counted by commune: `(cluster, commune, count)`; unplaced
/// needs are not counted.
pub async fn counts_by_commune(
    db: &Db,
    synthesis_id: i64,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT m.cluster_id, m.territory_id, COUNT(*)
         FROM synthesis_members m JOIN needs n ON n.id = m.need_id
         WHERE m.synthesis_id = $1 AND m.territory_id IS NOT NULL AND n.status = 'published'
         GROUP BY m.cluster_id, m.territory_id")
        .bind(synthesis_id).fetch_all(pool).await)
}

/// The placed needs of a cluster: `(need, title, longitude, latitude)`, at most `limit`.
pub async fn cluster_points(
    db: &Db,
    cluster_id: i64,
    limit: i64,
) -> Result<Vec<(i64, String, f64, f64)>, sqlx::Error> {
    let sql = format!(
        "SELECT n.id, n.title, n.lon, n.lat FROM synthesis_members m JOIN needs n ON n.id = m.need_id
         WHERE m.cluster_id = $1 AND n.status = 'published' AND n.lon IS NOT NULL AND n.lat IS NOT NULL
         ORDER BY n.id LIMIT {limit}"
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cluster_id).fetch_all(pool).await)
}

/// Marks a draft as just changed (its figures are then counted again), within an edit's
/// transaction; changes nothing when the version is no longer a draft, and the edit is then
/// rolled back: a validated version never changes.
const TOUCH_DRAFT: &str = "UPDATE syntheses SET updated_at = $2, revision = revision + 1 WHERE id = $1 AND status = 'draft'";

/// Runs an edit of a draft in one transaction that first marks the draft as changed;
/// `Ok(false)`, with nothing changed, when it is no longer a draft.
macro_rules! edit_draft {
    ($db:expr, $synthesis_id:expr, $tx:ident => $body:block) => {
        with_db_write!($db, pool => {
            let mut $tx = pool.begin().await?;
            let draft = sqlx::query(TOUCH_DRAFT)
                .bind($synthesis_id)
                .bind(now_ms())
                .execute(&mut *$tx)
                .await?
                .rows_affected()
                == 1;
            if draft {
                $body
                $tx.commit().await?;
            } else {
                $tx.rollback().await?;
            }
            Ok::<bool, sqlx::Error>(draft)
        })
    };
}

/// Renames a draft's cluster and sets its text.
pub async fn describe_cluster(
    db: &Db,
    cluster: &Cluster,
    label: &str,
    summary: &str,
) -> Result<bool, sqlx::Error> {
    edit_draft!(db, cluster.synthesis_id, tx => {
        sqlx::query("UPDATE synthesis_clusters SET label = $2, summary = $3 WHERE id = $1")
            .bind(cluster.id).bind(label).bind(summary).execute(&mut *tx).await?;
    })
}

/// Moves every need of `gone` into `kept` and removes `gone`.
pub async fn merge_clusters(db: &Db, kept: &Cluster, gone: i64) -> Result<bool, sqlx::Error> {
    edit_draft!(db, kept.synthesis_id, tx => {
        sqlx::query("UPDATE synthesis_members SET cluster_id = $1 WHERE cluster_id = $2")
            .bind(kept.id).bind(gone).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM synthesis_clusters WHERE id = $1").bind(gone).execute(&mut *tx).await?;
    })
}

/// Splits a cluster: its needs in `parts[0]` stay in it (with its name, text and pins),
/// each further part becomes a new cluster placed right after it. Every need gets its place
/// among its part's quotes.
pub async fn split_cluster(
    db: &Db,
    cluster: &Cluster,
    parts: &[NewCluster],
) -> Result<bool, sqlx::Error> {
    let extra = parts.len().saturating_sub(1) as i64;
    edit_draft!(db, cluster.synthesis_id, tx => {
        sqlx::query("UPDATE synthesis_clusters SET position = position + $3 WHERE synthesis_id = $1 AND position > $2")
            .bind(cluster.synthesis_id).bind(cluster.position).bind(extra).execute(&mut *tx).await?;
        for (i, part) in parts.iter().enumerate() {
            let target = if i == 0 {
                cluster.id
            } else {
                let id = new_id();
                sqlx::query(
                    "INSERT INTO synthesis_clusters (id, synthesis_id, theme_id, label, summary, position)
                     VALUES ($1, $2, $3, $4, '', $5)")
                    .bind(id).bind(cluster.synthesis_id).bind(part.theme_id).bind(&part.label)
                    .bind(cluster.position + i as i64).execute(&mut *tx).await?;
                id
            };
            for member in &part.members {
                sqlx::query("UPDATE synthesis_members SET cluster_id = $3, quote_rank = $4
                             WHERE synthesis_id = $1 AND need_id = $2")
                    .bind(cluster.synthesis_id).bind(member.need_id).bind(target).bind(member.quote_rank)
                    .execute(&mut *tx).await?;
            }
        }
    })
}

/// Puts needs into another cluster of the same draft. When the cluster's theme is not a
/// need's, the need takes it: a person chose it, which teaches the next suggestion.
pub async fn move_needs(db: &Db, need_ids: &[i64], to: &Cluster) -> Result<bool, sqlx::Error> {
    edit_draft!(db, to.synthesis_id, tx => {
        for need_id in need_ids {
            sqlx::query("UPDATE synthesis_members SET cluster_id = $3, suggested = 0, quote_rank = NULL
                         WHERE synthesis_id = $1 AND need_id = $2")
                .bind(to.synthesis_id).bind(need_id).bind(to.id).execute(&mut *tx).await?;
            sqlx::query("UPDATE needs SET theme_id = $2 WHERE id = $1")
                .bind(need_id).bind(to.theme_id).execute(&mut *tx).await?;
        }
    })
}

/// Gives a need the theme the synthesis suggested for it (its cluster's theme).
pub async fn accept_theme(
    db: &Db,
    synthesis_id: i64,
    need_id: i64,
    theme_id: i64,
) -> Result<bool, sqlx::Error> {
    edit_draft!(db, synthesis_id, tx => {
        sqlx::query("UPDATE synthesis_members SET suggested = 0 WHERE synthesis_id = $1 AND need_id = $2")
            .bind(synthesis_id).bind(need_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE needs SET theme_id = $2 WHERE id = $1")
            .bind(need_id).bind(theme_id).execute(&mut *tx).await?;
    })
}

/// Pins a need as a quote of its cluster, or unpins it.
pub async fn set_pinned(
    db: &Db,
    synthesis_id: i64,
    need_id: i64,
    pinned: bool,
) -> Result<bool, sqlx::Error> {
    edit_draft!(db, synthesis_id, tx => {
        sqlx::query("UPDATE synthesis_members SET pinned = $3 WHERE synthesis_id = $1 AND need_id = $2")
            .bind(synthesis_id).bind(need_id).bind(i64::from(pinned)).execute(&mut *tx).await?;
    })
}

/// Validates a draft; `Ok(false)` when it is not a draft.
pub async fn validate(db: &Db, id: i64, by: i64) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let done = with_db_write!(db, pool => sqlx::query(
        "UPDATE syntheses SET status = 'validated', validated_by = $2, validated_at = $3, updated_at = $3
         WHERE id = $1 AND status = 'draft'")
        .bind(id).bind(by).bind(now).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Publishes a validated version; the one published before is superseded. `Ok(false)` when
/// it is not validated.
pub async fn publish(db: &Db, synthesis: &Synthesis) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE syntheses SET status = 'superseded', updated_at = $2 WHERE process_id = $1 AND status = 'published'")
            .bind(synthesis.process_id).bind(now).execute(&mut *tx).await?;
        let done = sqlx::query("UPDATE syntheses SET status = 'published', published_at = $2, updated_at = $2
                                WHERE id = $1 AND status = 'validated'")
            .bind(synthesis.id).bind(now).execute(&mut *tx).await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    })
}

/// Throws away a draft or a failed run (never a validated or published version).
pub async fn discard(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let done = with_db_write!(db, pool => sqlx::query(
        "DELETE FROM syntheses WHERE id = $1 AND status IN ('draft', 'failed', 'running') AND (status <> 'running' OR updated_at < $2)")
        .bind(id).bind(now_ms() - crate::features::syntheses::rules::STALE_AFTER_MS).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// A need to synthesise: its text and the theme people gave it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SourceNeed {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub body: String,
    /// Theme, if it has one.
    pub theme_id: Option<i64>,
    /// Where it comes from.
    pub source: Source,
    /// Commune.
    pub territory_id: Option<i64>,
}

/// The published needs a scope covers (a territory: the needs placed in it or in the
/// communes it holds), oldest first.
pub async fn needs_in_scope(
    db: &Db,
    process_id: i64,
    scope: Scope,
) -> Result<Vec<SourceNeed>, sqlx::Error> {
    let condition = match scope {
        Scope::All => "",
        Scope::Theme(_) => "AND theme_id = $2",
        Scope::Workshop(_) => "AND workshop_id = $2",
        Scope::Territory(_) => {
            "AND territory_id IN (SELECT id FROM territories WHERE id = $2 OR parent_id = $2)"
        }
    };
    let sql = format!(
        "SELECT id, title, body, theme_id, source, territory_id FROM needs
         WHERE process_id = $1 AND status = 'published' {condition} ORDER BY created_at, id"
    );
    let scope_id = scope.stored().1;
    with_db!(db, pool => {
        let query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(process_id);
        match scope_id {
            Some(id) => query.bind(id),
            None => query,
        }
        .fetch_all(pool)
        .await
    })
}
