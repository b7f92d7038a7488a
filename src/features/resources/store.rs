//! The ressourcerie's SQL: resources and their publication, the edits suggested to them and
//! the team's decisions, each change moving the process's resource revision in the same
//! transaction.

use crate::features::resources::rules::{
    Audience, EditStatus, ProjectStage, Publication, Range, Recurrence, ResourceKind, list_text,
};
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::{sqlite_row, with_db, with_db_write};

/// Moves a process's resource revision, inside a write's transaction.
macro_rules! bump_revision {
    ($tx:expr, $process_id:expr) => {
        sqlx::query(
            "INSERT INTO resource_revisions (process_id, revision) VALUES ($1, 1)
             ON CONFLICT (process_id) DO UPDATE SET revision = resource_revisions.revision + 1",
        )
        .bind($process_id)
        .execute(&mut *$tx)
        .await
    };
}

/// Rewrites a resource's fields inside a write's transaction; a file given replaces the one
/// kept.
macro_rules! update_fields {
    ($tx:expr, $id:expr, $f:expr, $media_id:expr, $now:expr) => {
        sqlx::query(
            "UPDATE resources SET kind = $1, title = $2, summary = $3, url = $4,
                 media_id = COALESCE($5, media_id), themes = $6, stages = $7, audiences = $8,
                 perimeter = $9, source = $10, licence = $11, funder = $12, amount_min = $13,
                 amount_max = $14, rate_min = $15, rate_max = $16, deadline = $17,
                 recurrence = $18, updated_at = $19
             WHERE id = $20",
        )
        .bind($f.kind.as_str())
        .bind(&$f.title)
        .bind(&$f.summary)
        .bind(&$f.url)
        .bind($media_id)
        .bind(list_text(&$f.themes))
        .bind(list_text(&$f.stages))
        .bind(list_text(&$f.audiences))
        .bind(list_text(&$f.perimeter))
        .bind(&$f.source)
        .bind(&$f.licence)
        .bind(&$f.funder)
        .bind($f.amount.least)
        .bind($f.amount.most)
        .bind($f.rate.least)
        .bind($f.rate.most)
        .bind(&$f.deadline)
        .bind($f.recurrence.map(|r| r.as_str()))
        .bind($now)
        .bind($id)
        .execute(&mut *$tx)
        .await
    };
}

/// A process's resource revision (0: nothing yet).
pub async fn revision(db: &Db, process_id: i64) -> Result<i64, sqlx::Error> {
    let found: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT revision FROM resource_revisions WHERE process_id = $1")
        .bind(process_id).fetch_optional(pool).await)?;
    Ok(found.map_or(0, |(r,)| r))
}

/// A resource as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Resource {
    /// Id.
    pub id: i64,
    /// Its process.
    pub process_id: i64,
    /// What it is.
    pub kind: ResourceKind,
    /// Title.
    pub title: String,
    /// What it offers (Markdown).
    pub summary: String,
    /// Its address, when it is a link.
    pub url: Option<String>,
    /// Its file, when the server keeps one.
    pub media_id: Option<i64>,
    /// Theme ids (comma-separated; empty: every theme).
    pub themes: String,
    /// Project stages (comma-separated; empty: every stage).
    pub stages: String,
    /// Audiences (comma-separated; empty: everyone).
    pub audiences: String,
    /// Territory ids (comma-separated; empty: the whole territory).
    pub perimeter: String,
    /// Where it comes from.
    pub source: String,
    /// Its licence.
    pub licence: String,
    /// Who funds (funding).
    pub funder: String,
    /// Least amount, in euros.
    pub amount_min: Option<i64>,
    /// Most amount, in euros.
    pub amount_max: Option<i64>,
    /// Least rate, in percent.
    pub rate_min: Option<i64>,
    /// Most rate, in percent.
    pub rate_max: Option<i64>,
    /// Last day to apply (`YYYY-MM-DD`).
    pub deadline: Option<String>,
    /// How often it comes back.
    pub recurrence: Option<Recurrence>,
    /// Where it stands.
    pub status: Publication,
    /// Who wrote or suggested it.
    pub created_by: Option<i64>,
    /// When.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
}

sqlite_row!(Resource {
    id,
    process_id,
    kind,
    title,
    summary,
    url,
    media_id,
    themes,
    stages,
    audiences,
    perimeter,
    source,
    licence,
    funder,
    amount_min,
    amount_max,
    rate_min,
    rate_max,
    deadline,
    recurrence,
    status,
    created_by,
    created_at,
    updated_at
});

const RESOURCE_SELECT: &str = "SELECT id, process_id, kind, title, summary, url, media_id, themes, stages,
    audiences, perimeter, source, licence, funder, amount_min, amount_max, rate_min, rate_max, deadline,
    recurrence, status, created_by, created_at, updated_at FROM resources";

/// What a resource says, checked: what forms, suggestions and imports write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// What it is.
    pub kind: ResourceKind,
    /// Title.
    pub title: String,
    /// What it offers (Markdown).
    pub summary: String,
    /// Its address (none: a file or nothing).
    pub url: Option<String>,
    /// Theme ids.
    pub themes: Vec<i64>,
    /// Project stages.
    pub stages: Vec<ProjectStage>,
    /// Audiences.
    pub audiences: Vec<Audience>,
    /// Territory ids.
    pub perimeter: Vec<i64>,
    /// Source.
    pub source: String,
    /// Licence.
    pub licence: String,
    /// Funder.
    pub funder: String,
    /// Amount range, in euros.
    pub amount: Range,
    /// Rate range, in percent.
    pub rate: Range,
    /// Last day to apply.
    pub deadline: Option<String>,
    /// How often it comes back.
    pub recurrence: Option<Recurrence>,
}

impl Resource {
    /// What it says, as fields (to edit or compare).
    pub fn fields(&self) -> Fields {
        use crate::features::resources::rules::list_of;
        Fields {
            kind: self.kind,
            title: self.title.clone(),
            summary: self.summary.clone(),
            url: self.url.clone(),
            themes: list_of(&self.themes),
            stages: list_of(&self.stages),
            audiences: list_of(&self.audiences),
            perimeter: list_of(&self.perimeter),
            source: self.source.clone(),
            licence: self.licence.clone(),
            funder: self.funder.clone(),
            amount: Range {
                least: self.amount_min,
                most: self.amount_max,
            },
            rate: Range {
                least: self.rate_min,
                most: self.rate_max,
            },
            deadline: self.deadline.clone(),
            recurrence: self.recurrence,
        }
    }
}

/// A resource to store: its fields, file, status and author.
#[derive(Clone, Debug)]
pub struct NewResource {
    /// What it says.
    pub fields: Fields,
    /// Its file.
    pub media_id: Option<i64>,
    /// Where it starts.
    pub status: Publication,
    /// Who wrote or suggested it.
    pub created_by: Option<i64>,
}

/// Stores new resources and rewrites others (a file given replaces the one kept) in one
/// transaction: all of it or nothing. Returns the new resources' ids in order.
pub async fn write(
    db: &Db,
    process_id: i64,
    creates: &[NewResource],
    updates: &[(i64, Fields, Option<i64>)],
) -> Result<Vec<i64>, sqlx::Error> {
    let ids: Vec<i64> = creates.iter().map(|_| new_id()).collect();
    let now = now_ms();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (id, r) in ids.iter().zip(creates) {
            let f = &r.fields;
            sqlx::query(
                "INSERT INTO resources (id, process_id, kind, title, summary, url, media_id, themes, stages,
                     audiences, perimeter, source, licence, funder, amount_min, amount_max, rate_min,
                     rate_max, deadline, recurrence, status, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                         $19, $20, $21, $22, $23, $23)")
                .bind(id).bind(process_id).bind(f.kind.as_str()).bind(&f.title).bind(&f.summary)
                .bind(&f.url).bind(r.media_id).bind(list_text(&f.themes)).bind(list_text(&f.stages))
                .bind(list_text(&f.audiences)).bind(list_text(&f.perimeter)).bind(&f.source)
                .bind(&f.licence).bind(&f.funder).bind(f.amount.least).bind(f.amount.most)
                .bind(f.rate.least).bind(f.rate.most).bind(&f.deadline)
                .bind(f.recurrence.map(|r| r.as_str())).bind(r.status.as_str()).bind(r.created_by)
                .bind(now)
                .execute(&mut *tx).await?;
        }
        for (id, fields, media_id) in updates {
            sqlx::query("SELECT id FROM resources WHERE id = $1 AND process_id = $2")
                .bind(id).bind(process_id).fetch_one(&mut *tx).await?;
            update_fields!(tx, *id, fields, *media_id, now)?;
        }
        bump_revision!(tx, process_id)?;
        tx.commit().await
    })?;
    Ok(ids)
}

/// A resource by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Resource>, sqlx::Error> {
    let sql = format!("{RESOURCE_SELECT} WHERE id = $1");
    db.read_optional(&sql, &[Value::Int(id)]).await
}

/// A process's resources of one status, by title.
pub async fn with_status(
    db: &Db,
    process_id: i64,
    status: Publication,
) -> Result<Vec<Resource>, sqlx::Error> {
    let sql = format!("{RESOURCE_SELECT} WHERE process_id = $1 AND status = $2 ORDER BY title, id");
    db.read_all(
        &sql,
        &[Value::Int(process_id), Value::Text(status.as_str().into())],
    )
    .await
}

/// Every resource of a process, whatever its status, by title (the team's exports).
pub async fn all(db: &Db, process_id: i64) -> Result<Vec<Resource>, sqlx::Error> {
    let sql = format!("{RESOURCE_SELECT} WHERE process_id = $1 ORDER BY title, id");
    db.read_all(&sql, &[Value::Int(process_id)]).await
}

/// Moves a resource in its workflow; its file is shown only while it is published.
pub async fn set_status(
    db: &Db,
    resource: &Resource,
    status: Publication,
) -> Result<(), sqlx::Error> {
    let hidden = i64::from(status != Publication::Published);
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE resources SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.as_str()).bind(now_ms()).bind(resource.id).execute(&mut *tx).await?;
        sqlx::query("UPDATE media SET hidden = $1 WHERE id = $2")
            .bind(hidden).bind(resource.media_id).execute(&mut *tx).await?;
        bump_revision!(tx, resource.process_id)?;
        tx.commit().await
    })
}

/// An edit suggested to a resource.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Edit {
    /// Id.
    pub id: i64,
    /// The resource.
    pub resource_id: i64,
    /// Its title now.
    pub resource_title: String,
    /// Who suggested it.
    pub proposed_by: Option<i64>,
    /// Their name.
    pub proposer: Option<String>,
    /// The form as posted (JSON pairs).
    pub proposal: String,
    /// Why, in their words.
    pub note: String,
    /// Where it stands.
    pub status: EditStatus,
    /// When it was suggested.
    pub created_at: i64,
}

sqlite_row!(Edit {
    id,
    resource_id,
    resource_title,
    proposed_by,
    proposer,
    proposal,
    note,
    status,
    created_at
});

const EDIT_SELECT: &str = "SELECT e.id, e.resource_id, r.title AS resource_title, e.proposed_by,
    u.display_name AS proposer, e.proposal, e.note, e.status, e.created_at
    FROM resource_edits e JOIN resources r ON r.id = e.resource_id
    LEFT JOIN users u ON u.id = e.proposed_by";

/// Keeps an edit suggested to a resource; returns its id.
pub async fn suggest_edit(
    db: &Db,
    resource: &Resource,
    proposed_by: i64,
    proposal: &str,
    note: &str,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO resource_edits (id, resource_id, proposed_by, proposal, note, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id).bind(resource.id).bind(proposed_by).bind(proposal).bind(note)
        .bind(EditStatus::Pending.as_str()).bind(now_ms())
        .execute(pool).await.map(|_| ()))?;
    Ok(id)
}

/// An edit by id.
pub async fn edit(db: &Db, id: i64) -> Result<Option<Edit>, sqlx::Error> {
    let sql = format!("{EDIT_SELECT} WHERE e.id = $1");
    db.read_optional(&sql, &[Value::Int(id)]).await
}

/// A process's edits waiting for the team, oldest first.
pub async fn pending_edits(db: &Db, process_id: i64) -> Result<Vec<Edit>, sqlx::Error> {
    let sql = format!(
        "{EDIT_SELECT} WHERE r.process_id = $1 AND e.status = 'pending' ORDER BY e.created_at, e.id"
    );
    db.read_all(&sql, &[Value::Int(process_id)]).await
}

/// Decides a pending edit: accepted with the fields it brings (applied in the same
/// transaction) or refused. False when it was no longer pending (decided meanwhile).
pub async fn decide_edit(
    db: &Db,
    edit: &Edit,
    process_id: i64,
    accepted: Option<&Fields>,
    decided_by: i64,
) -> Result<bool, sqlx::Error> {
    let status = if accepted.is_some() {
        EditStatus::Accepted
    } else {
        EditStatus::Refused
    };
    let now = now_ms();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let decided = sqlx::query(
            "UPDATE resource_edits SET status = $1, decided_by = $2, decided_at = $3
             WHERE id = $4 AND status = 'pending'")
            .bind(status.as_str()).bind(decided_by).bind(now).bind(edit.id)
            .execute(&mut *tx).await?.rows_affected() == 1;
        if decided && let Some(fields) = accepted {
            update_fields!(tx, edit.resource_id, fields, None::<i64>, now)?;
            bump_revision!(tx, process_id)?;
        }
        tx.commit().await.map(|_| decided)
    })
}
