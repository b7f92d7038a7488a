//! Processes (démarches) and what belongs to them: covered territories, themes, phases with
//! their modules, and the team (per-process roles).

use crate::features::processes::rules::Status;
use crate::features::territories;
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::platform::db::kept::Family;
use crate::platform::permissions::ProcessRole;
use crate::{sqlite_row, with_db, with_db_write};

/// A process as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Process {
    /// Id.
    pub id: i64,
    /// Address part, unique.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Description, Markdown.
    pub description: String,
    /// Where it stands.
    pub status: Status,
    /// Creation time.
    pub created_at: i64,
    /// Changes with any published need of the process (the counts' cache key).
    pub needs_revision: i64,
    /// Changes with its themes, phases or territories (the settings' cache key).
    pub settings_revision: i64,
    /// Changes with any solution of the process or its links (the solutions' cache key).
    pub solutions_revision: i64,
    /// Whether its opinion map's statements wait for a moderator before being published.
    pub opinion_premoderation: bool,
}

sqlite_row!(Process {
    id,
    slug,
    title,
    summary,
    description,
    status,
    created_at,
    needs_revision,
    settings_revision,
    solutions_revision,
    opinion_premoderation,
});

/// The columns of `Process`, for a query on `processes p`.
const PROCESS_COLUMNS: &str = "p.id, p.slug, p.title, p.summary, p.description, p.status, p.created_at, p.needs_revision, p.settings_revision, p.solutions_revision, p.opinion_premoderation = 1 AS opinion_premoderation";

/// The editable fields of a process.
#[derive(Clone, Debug)]
pub struct ProcessFields {
    /// Address part.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Description, Markdown.
    pub description: String,
    /// Where it stands.
    pub status: Status,
}

/// A theme of a process.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Theme {
    /// Id.
    pub id: i64,
    /// Process.
    pub process_id: i64,
    /// Order among the process's themes.
    pub position: i64,
    /// Name.
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
    /// Short description.
    pub description: String,
    /// Keywords, comma-separated.
    pub keywords: String,
}

/// A phase of a process.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Phase {
    /// Id.
    pub id: i64,
    /// Process.
    pub process_id: i64,
    /// Order.
    pub position: i64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Modules it opens, comma-separated.
    pub modules: String,
}

/// What a phase says, to add or change one.
#[derive(Clone, Copy, Debug)]
pub struct PhaseFields<'a> {
    /// Name.
    pub name: &'a str,
    /// Description.
    pub description: &'a str,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: &'a str,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: &'a str,
    /// Modules, comma-separated.
    pub modules: &'a str,
}

/// A member of a process's team.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    /// Account.
    pub user_id: i64,
    /// Display name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// Their role in the process.
    pub role: ProcessRole,
}

/// Creates a process; `Ok(None)` when the slug is taken.
pub async fn create(
    db: &Db,
    fields: &ProcessFields,
    created_by: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let (id, now) = (new_id(), now_ms());
    let inserted = with_db_write!(db, pool => sqlx::query(
        "INSERT INTO processes (id, slug, title, summary, description, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (slug) DO NOTHING")
        .bind(id).bind(&fields.slug).bind(&fields.title).bind(&fields.summary)
        .bind(&fields.description).bind(fields.status).bind(created_by).bind(now)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok((inserted == 1).then_some(id))
}

/// Updates the editable fields; `Ok(false)` when the new slug is taken.
pub async fn update(db: &Db, id: i64, fields: &ProcessFields) -> Result<bool, sqlx::Error> {
    let result = with_db_write!(db, pool => sqlx::query(
        "UPDATE processes SET slug = $1, title = $2, summary = $3, description = $4, status = $5,
             updated_at = $6 WHERE id = $7")
        .bind(&fields.slug).bind(&fields.title).bind(&fields.summary).bind(&fields.description)
        .bind(fields.status).bind(now_ms()).bind(id).execute(pool).await.map(|_| ()));
    match result {
        Ok(()) => Ok(true),
        Err(error) if crate::platform::db::is_unique_violation(&error) => Ok(false),
        Err(error) => Err(error),
    }
}

/// A process by slug.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Process>, sqlx::Error> {
    let sql = format!("SELECT {PROCESS_COLUMNS} FROM processes p WHERE p.slug = $1");
    db.read_kept_optional(Family::Contributions, &sql, &[Value::Text(slug.to_owned())])
        .await
}

/// A process by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Process>, sqlx::Error> {
    let sql = format!("SELECT {PROCESS_COLUMNS} FROM processes p WHERE p.id = $1");
    db.read_kept_optional(Family::Contributions, &sql, &[Value::Int(id)])
        .await
}

/// Published and closed processes, newest first.
pub async fn list_public(db: &Db) -> Result<Vec<Process>, sqlx::Error> {
    let sql = format!(
        "SELECT {PROCESS_COLUMNS} FROM processes p WHERE p.status <> 'draft' ORDER BY p.status DESC, p.created_at DESC"
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

/// Every process, newest first (admins).
pub async fn list_all(db: &Db) -> Result<Vec<Process>, sqlx::Error> {
    let sql = format!("SELECT {PROCESS_COLUMNS} FROM processes p ORDER BY p.created_at DESC");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

/// The processes in whose team an account is, newest first.
pub async fn list_for_member(db: &Db, user_id: i64) -> Result<Vec<Process>, sqlx::Error> {
    let sql = format!(
        "SELECT DISTINCT {PROCESS_COLUMNS} FROM processes p JOIN process_members m ON m.process_id = p.id
         WHERE m.user_id = $1 ORDER BY p.created_at DESC"
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user_id).fetch_all(pool).await)
}

/// Public processes covering a territory or one that contains it.
pub async fn public_covering(db: &Db, territory_ids: &[i64]) -> Result<Vec<Process>, sqlx::Error> {
    let mut found: Vec<Process> = Vec::new();
    for territory in territory_ids {
        let sql = format!(
            "SELECT {PROCESS_COLUMNS} FROM processes p JOIN process_territories pt ON pt.process_id = p.id
             WHERE pt.territory_id = $1 AND p.status <> 'draft'"
        );
        let rows: Vec<Process> = with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(territory).fetch_all(pool).await)?;
        for row in rows {
            if !found.iter().any(|p| p.id == row.id) {
                found.push(row);
            }
        }
    }
    Ok(found)
}

/// Replaces the territories a process covers.
pub async fn set_territories(
    db: &Db,
    process_id: i64,
    territory_ids: &[i64],
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM process_territories WHERE process_id = $1")
            .bind(process_id).execute(&mut *tx).await?;
        for territory in territory_ids {
            sqlx::query("INSERT INTO process_territories (process_id, territory_id) VALUES ($1, $2)
                         ON CONFLICT (process_id, territory_id) DO NOTHING")
                .bind(process_id).bind(territory).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// The territories a process covers.
pub async fn territories(
    db: &Db,
    process_id: i64,
) -> Result<Vec<territories::store::Territory>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT t.id, t.level, t.code, t.name, t.parent_id, t.population, t.population_year, t.population_source
         FROM territories t JOIN process_territories pt ON pt.territory_id = t.id
         WHERE pt.process_id = $1 ORDER BY t.level, t.name")
        .bind(process_id).fetch_all(pool).await)
}

/// The themes of a process, in order.
pub async fn themes(db: &Db, process_id: i64) -> Result<Vec<Theme>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT id, process_id, position, name, colour, description, keywords FROM themes
         WHERE process_id = $1 ORDER BY position, id")
        .bind(process_id).fetch_all(pool).await)
}

/// Adds a theme at the end.
pub async fn add_theme(
    db: &Db,
    process_id: i64,
    name: &str,
    colour: &str,
    description: &str,
    keywords: &str,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO themes (id, process_id, position, name, colour, description, keywords)
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM themes WHERE process_id = $2), $3, $4, $5, $6)")
        .bind(id).bind(process_id).bind(name).bind(colour).bind(description).bind(keywords)
        .execute(pool).await.map(|_| ()))?;
    Ok(id)
}

/// Removes a theme of a process.
pub async fn delete_theme(db: &Db, process_id: i64, theme_id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        with_db_write!(db, pool => sqlx::query("DELETE FROM themes WHERE id = $1 AND process_id = $2")
        .bind(theme_id).bind(process_id).execute(pool).await.map(|done| done.rows_affected()))?
            == 1,
    )
}

/// The phases of a process, by start date.
pub async fn phases(db: &Db, process_id: i64) -> Result<Vec<Phase>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT id, process_id, position, name, description, starts_on, ends_on, modules FROM phases
         WHERE process_id = $1 ORDER BY starts_on, position")
        .bind(process_id).fetch_all(pool).await)
}

/// Adds a phase.
pub async fn add_phase(
    db: &Db,
    process_id: i64,
    phase: PhaseFields<'_>,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO phases (id, process_id, position, name, description, starts_on, ends_on, modules)
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM phases WHERE process_id = $2), $3, $4, $5, $6, $7)")
        .bind(id).bind(process_id).bind(phase.name).bind(phase.description).bind(phase.starts_on).bind(phase.ends_on).bind(phase.modules)
        .execute(pool).await.map(|_| ()))?;
    Ok(id)
}

/// Removes a phase of a process.
pub async fn delete_phase(db: &Db, process_id: i64, phase_id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        with_db_write!(db, pool => sqlx::query("DELETE FROM phases WHERE id = $1 AND process_id = $2")
        .bind(phase_id).bind(process_id).execute(pool).await.map(|done| done.rows_affected()))?
            == 1,
    )
}

/// The team of a process.
pub async fn members(db: &Db, process_id: i64) -> Result<Vec<Member>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT m.user_id, u.display_name, u.email, m.role FROM process_members m
         JOIN users u ON u.id = m.user_id WHERE m.process_id = $1 ORDER BY m.role, u.display_name")
        .bind(process_id).fetch_all(pool).await)
}

/// The roles an account holds in a process.
pub async fn roles_in(
    db: &Db,
    process_id: i64,
    user_id: i64,
) -> Result<Vec<ProcessRole>, sqlx::Error> {
    let rows: Vec<(String,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT role FROM process_members WHERE process_id = $1 AND user_id = $2")
        .bind(process_id).bind(user_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().filter_map(|(r,)| r.parse().ok()).collect())
}

/// Adds someone to the team with a role (no change if already there).
pub async fn add_member(
    db: &Db,
    process_id: i64,
    user_id: i64,
    role: ProcessRole,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO process_members (process_id, user_id, role, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (process_id, user_id, role) DO NOTHING")
        .bind(process_id).bind(user_id).bind(role.as_str()).bind(now_ms())
        .execute(pool).await.map(|_| ()))
}

/// Removes a role from someone in the team.
pub async fn remove_member(
    db: &Db,
    process_id: i64,
    user_id: i64,
    role: ProcessRole,
) -> Result<bool, sqlx::Error> {
    Ok(with_db_write!(db, pool => sqlx::query(
        "DELETE FROM process_members WHERE process_id = $1 AND user_id = $2 AND role = $3")
        .bind(process_id).bind(user_id).bind(role.as_str()).execute(pool).await.map(|d| d.rows_affected()))?
        == 1)
}

/// Copies a process as a draft under a new slug and title: description, themes and phases
/// (with their modules); neither territories nor team, since the copy is for another place.
pub async fn clone(
    db: &Db,
    source: &Process,
    slug: &str,
    title: &str,
    created_by: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let fields = ProcessFields {
        slug: slug.to_owned(),
        title: title.to_owned(),
        summary: source.summary.clone(),
        description: source.description.clone(),
        status: Status::Draft,
    };
    let Some(id) = create(db, &fields, Some(created_by)).await? else {
        return Ok(None);
    };
    for theme in themes(db, source.id).await? {
        add_theme(
            db,
            id,
            &theme.name,
            &theme.colour,
            &theme.description,
            &theme.keywords,
        )
        .await?;
    }
    for phase in phases(db, source.id).await? {
        let fields = PhaseFields {
            name: &phase.name,
            description: &phase.description,
            starts_on: &phase.starts_on,
            ends_on: &phase.ends_on,
            modules: &phase.modules,
        };
        add_phase(db, id, fields).await?;
    }
    add_member(db, id, created_by, ProcessRole::Manager).await?;
    Ok(Some(id))
}

/// Changes a theme of a process; `Ok(false)` when the process has no such theme.
pub async fn update_theme(
    db: &Db,
    process_id: i64,
    theme_id: i64,
    name: &str,
    colour: &str,
    description: &str,
    keywords: &str,
) -> Result<bool, sqlx::Error> {
    Ok(with_db_write!(db, pool => sqlx::query(
        "UPDATE themes SET name = $1, colour = $2, description = $3, keywords = $4
         WHERE id = $5 AND process_id = $6")
        .bind(name).bind(colour).bind(description).bind(keywords).bind(theme_id).bind(process_id)
        .execute(pool).await.map(|done| done.rows_affected()))?
        == 1)
}

/// Changes a phase of a process; `Ok(false)` when the process has no such phase.
pub async fn update_phase(
    db: &Db,
    process_id: i64,
    phase_id: i64,
    phase: PhaseFields<'_>,
) -> Result<bool, sqlx::Error> {
    Ok(with_db_write!(db, pool => sqlx::query(
        "UPDATE phases SET name = $1, description = $2, starts_on = $3, ends_on = $4, modules = $5
         WHERE id = $6 AND process_id = $7")
        .bind(phase.name).bind(phase.description).bind(phase.starts_on).bind(phase.ends_on).bind(phase.modules).bind(phase_id).bind(process_id)
        .execute(pool).await.map(|done| done.rows_affected()))?
        == 1)
}
