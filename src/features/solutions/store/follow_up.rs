//! The follow-up of solutions: the process's stages, a solution's stage and progress, its
//! official answer, merging duplicates, the needs it answers, its milestones.

use crate::features::solutions::rules::Answer;
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::{sqlite_row, with_db, with_db_write};

/// A stage of a process's solutions.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Stage {
    /// Id.
    pub id: i64,
    /// Its key in imports and exports.
    pub key: String,
    /// Its name.
    pub label: String,
    /// The progress a solution reaching it takes (none: it keeps its own).
    pub progress: Option<i64>,
    /// Its rank.
    pub position: i64,
}

sqlite_row!(Stage {
    id,
    key,
    label,
    progress,
    position
});

/// A process's stages, in order.
pub async fn stages(db: &Db, process_id: i64) -> Result<Vec<Stage>, sqlx::Error> {
    db.read_all(
        "SELECT id, key, label, progress, position FROM solution_stages
         WHERE process_id = $1 ORDER BY position, id",
        &[Value::Int(process_id)],
    )
    .await
}

/// Adds a stage at the end; `Ok(None)` when its key is taken.
pub async fn add_stage(
    db: &Db,
    process_id: i64,
    key: &str,
    label: &str,
    progress: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let id = new_id();
    let added = with_db_write!(db, pool => sqlx::query(
        "INSERT INTO solution_stages (id, process_id, key, label, progress, position)
         SELECT $1, $2, $3, $4, $5, COALESCE(MAX(position), 0) + 1 FROM solution_stages WHERE process_id = $2
         ON CONFLICT (process_id, key) DO NOTHING")
        .bind(id).bind(process_id).bind(key).bind(label).bind(progress)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok((added == 1).then_some(id))
}

/// Renames a stage of a process and sets its default progress.
pub async fn update_stage(
    db: &Db,
    process_id: i64,
    stage_id: i64,
    label: &str,
    progress: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = with_db_write!(db, pool => sqlx::query(
        "UPDATE solution_stages SET label = $1, progress = $2 WHERE id = $3 AND process_id = $4")
        .bind(label).bind(progress).bind(stage_id).bind(process_id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Removes a stage no solution stands at; `false` when one does (or it is not the process's).
pub async fn remove_stage(db: &Db, process_id: i64, stage_id: i64) -> Result<bool, sqlx::Error> {
    let done = with_db_write!(db, pool => sqlx::query(
        "DELETE FROM solution_stages WHERE id = $1 AND process_id = $2
         AND NOT EXISTS (SELECT 1 FROM solutions WHERE stage_id = $1)")
        .bind(stage_id).bind(process_id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// Moves a solution to a stage with a progress.
pub async fn set_stage(
    db: &Db,
    solution_id: i64,
    stage_id: Option<i64>,
    progress: i64,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "UPDATE solutions SET stage_id = $1, progress = $2, updated_at = $3 WHERE id = $4")
        .bind(stage_id).bind(progress).bind(now_ms()).bind(solution_id).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// Sets (or withdraws, with `None`) the official answer and its reason.
pub async fn set_answer(
    db: &Db,
    solution_id: i64,
    answer: Option<Answer>,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    with_db_write!(db, pool => sqlx::query(
        "UPDATE solutions SET answer = $1, answer_reason = $2, answered_at = $3, updated_at = $4 WHERE id = $5")
        .bind(answer).bind(reason).bind(answer.map(|_| now)).bind(now).bind(solution_id)
        .execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// Merges a duplicate solution into the one kept: its supports (one per person), needs,
/// clusters, carriers and comments join the kept one, its open reports close, and it then points to
/// the kept one. `Ok(false)` when either is missing, they belong to different processes, the
/// kept one is not published, or the duplicate was already merged.
pub async fn merge(
    db: &Db,
    duplicate_id: i64,
    kept_id: i64,
    moderator_id: i64,
) -> Result<bool, sqlx::Error> {
    if duplicate_id == kept_id {
        return Ok(false);
    }
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let marked = sqlx::query(
            "UPDATE solutions SET status = 'merged', merged_into = $1
             WHERE id = $2 AND status <> 'merged'
               AND process_id = (SELECT process_id FROM solutions WHERE id = $1 AND status = 'published')")
            .bind(kept_id).bind(duplicate_id).execute(&mut *tx).await?.rows_affected() == 1;
        if !marked {
            return Ok(false);
        }
        for (table, column) in [
            ("solution_supports", "user_id, created_at"),
            ("solution_needs", "need_id"),
            ("solution_clusters", "cluster_id"),
            ("solution_carriers", "user_id"),
        ] {
            let key = column.split(',').next().unwrap_or(column);
            let moved = format!(
                "INSERT INTO {table} (solution_id, {column}) SELECT $1, {column} FROM {table}
                 WHERE solution_id = $2 ON CONFLICT (solution_id, {key}) DO NOTHING"
            );
            sqlx::query(sqlx::AssertSqlSafe(moved)).bind(kept_id).bind(duplicate_id).execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM solution_supports WHERE solution_id = $1")
            .bind(duplicate_id).execute(&mut *tx).await?;
        let comments = sqlx::query("UPDATE comments SET solution_id = $1 WHERE solution_id = $2")
            .bind(kept_id).bind(duplicate_id).execute(&mut *tx).await?.rows_affected() as i64;
        sqlx::query("UPDATE solutions SET comments_count = comments_count + $1 WHERE id = $2")
            .bind(comments).bind(kept_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE solutions SET comments_count = 0 WHERE id = $1")
            .bind(duplicate_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE reports SET resolved_at = $1, resolved_by = $2, outcome = 'merged'
                     WHERE resolved_at IS NULL AND solution_id = $3")
            .bind(now_ms()).bind(moderator_id).bind(duplicate_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Links a solution to more needs (those already linked are kept once).
pub async fn link_needs(db: &Db, solution_id: i64, needs: &[i64]) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for need in needs {
            sqlx::query("INSERT INTO solution_needs (solution_id, need_id) VALUES ($1, $2)
                         ON CONFLICT (solution_id, need_id) DO NOTHING")
                .bind(solution_id).bind(need).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// Unlinks a need from a solution, unless it is the solution's last link (a solution answers
/// at least one need or cluster). `false` when nothing was unlinked.
pub async fn unlink_need(db: &Db, solution_id: i64, need_id: i64) -> Result<bool, sqlx::Error> {
    let done = with_db_write!(db, pool => sqlx::query(
        "DELETE FROM solution_needs WHERE solution_id = $1 AND need_id = $2
         AND (SELECT COUNT(*) FROM solution_needs WHERE solution_id = $1)
           + (SELECT COUNT(*) FROM solution_clusters WHERE solution_id = $1) > 1")
        .bind(solution_id).bind(need_id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(done == 1)
}

/// A dated step of a solution's follow-up.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct Milestone {
    /// Id.
    pub id: i64,
    /// Its date (`YYYY-MM-DD`).
    pub happened_on: String,
    /// Title.
    pub title: String,
    /// Text (Markdown).
    pub body: String,
    /// Its picture or document.
    pub media_id: Option<i64>,
    /// Its type (`image/…` or `application/pdf`).
    pub media_type: Option<String>,
    /// Its description (alternative text, or link text).
    pub media_description: Option<String>,
    /// A picture's width in pixels.
    pub media_width: Option<i64>,
    /// A picture's height in pixels.
    pub media_height: Option<i64>,
}

impl Milestone {
    /// Whether its file is a picture (else a document).
    pub fn has_picture(&self) -> bool {
        self.media_type
            .as_deref()
            .is_some_and(|t| t.starts_with("image/"))
    }
}

sqlite_row!(Milestone {
    id,
    happened_on,
    title,
    body,
    media_id,
    media_type,
    media_description,
    media_width,
    media_height
});

/// A solution's milestones, oldest first.
pub async fn milestones(db: &Db, solution_id: i64) -> Result<Vec<Milestone>, sqlx::Error> {
    db.read_all(
        "SELECT l.id, l.happened_on, l.title, l.body, l.media_id, m.media_type,
                m.description AS media_description, m.width AS media_width, m.height AS media_height
         FROM solution_milestones l LEFT JOIN media m ON m.id = l.media_id
         WHERE l.solution_id = $1 ORDER BY l.happened_on, l.created_at, l.id",
        &[Value::Int(solution_id)],
    )
    .await
}

/// The milestones of several solutions, each with its solution, by solution then date.
pub async fn milestones_of(
    db: &Db,
    solution_ids: &[i64],
) -> Result<Vec<(i64, Milestone)>, sqlx::Error> {
    if solution_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::id_list(solution_ids);
    let sql = format!(
        "SELECT solution_id, id, happened_on, title FROM solution_milestones
         WHERE solution_id IN ({list}) ORDER BY solution_id, happened_on, created_at, id"
    );
    let rows: Vec<(i64, i64, String, String)> = db.read_all(&sql, &[]).await?;
    Ok(rows
        .into_iter()
        .map(|(solution, id, happened_on, title)| {
            (
                solution,
                Milestone {
                    id,
                    happened_on,
                    title,
                    ..Milestone::default()
                },
            )
        })
        .collect())
}

/// Adds a milestone; the solution's last change is now.
pub async fn add_milestone(
    db: &Db,
    solution_id: i64,
    happened_on: &str,
    title: &str,
    body: &str,
    media_id: Option<i64>,
    created_by: i64,
) -> Result<i64, sqlx::Error> {
    let (id, now) = (new_id(), now_ms());
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO solution_milestones (id, solution_id, happened_on, title, body, media_id, created_by,
                                              created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id).bind(solution_id).bind(happened_on).bind(title).bind(body).bind(media_id)
            .bind(created_by).bind(now).execute(&mut *tx).await?;
        sqlx::query("UPDATE solutions SET updated_at = $1 WHERE id = $2")
            .bind(now).bind(solution_id).execute(&mut *tx).await?;
        tx.commit().await
    })?;
    Ok(id)
}

/// Rewrites a solution's title, description, theme and organisation, and its search terms.
pub async fn update_text(
    db: &Db,
    solution_id: i64,
    text: &TextChange<'_>,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE solutions SET title = $1, body = $2, theme_id = $3, organisation = $4, updated_at = $5
             WHERE id = $6")
            .bind(text.title).bind(text.body).bind(text.theme_id).bind(text.organisation).bind(now)
            .bind(solution_id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM solution_terms WHERE solution_id = $1")
            .bind(solution_id).execute(&mut *tx).await?;
        for term in text.terms {
            sqlx::query("INSERT INTO solution_terms (term, solution_id, created_at)
                         SELECT $1, id, created_at FROM solutions WHERE id = $2")
                .bind(term).bind(solution_id).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// A solution's text as its carriers rewrite it.
pub struct TextChange<'a> {
    /// Title.
    pub title: &'a str,
    /// Description (Markdown).
    pub body: &'a str,
    /// Theme.
    pub theme_id: Option<i64>,
    /// The organisation carrying it.
    pub organisation: &'a str,
    /// Search terms of title and description.
    pub terms: &'a [String],
}

/// Sets (or takes away) a solution's picture; returns the picture it replaces.
pub async fn set_image(
    db: &Db,
    solution_id: i64,
    image_id: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let old: Option<(Option<i64>,)> = sqlx::query_as("SELECT image_id FROM solutions WHERE id = $1")
            .bind(solution_id).fetch_optional(&mut *tx).await?;
        sqlx::query("UPDATE solutions SET image_id = $1, updated_at = $2 WHERE id = $3")
            .bind(image_id).bind(now_ms()).bind(solution_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(old.and_then(|(id,)| id))
    })
}

/// The files a solution shows: its picture and its milestones' pictures and documents.
pub async fn media_of(db: &Db, solution_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT image_id FROM solutions WHERE id = $1 AND image_id IS NOT NULL
         UNION SELECT media_id FROM solution_milestones WHERE solution_id = $1 AND media_id IS NOT NULL")
        .bind(solution_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
