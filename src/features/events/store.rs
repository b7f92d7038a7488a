//! Workshops and events of a process: when, where, for whom, and how many came.

use crate::features::events::rules::{Audience, Category, EventKind};
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::with_db;

/// An event as stored, with its commune's name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Event {
    /// Id.
    pub id: i64,
    /// Process.
    pub process_id: i64,
    /// What kind of event.
    pub kind: EventKind,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Start, local time `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// End, local time.
    pub ends_at: String,
    /// Commune.
    pub territory_id: Option<i64>,
    /// Commune name.
    pub territory_name: Option<String>,
    /// Address or place name.
    pub place: String,
    /// Places available, if limited.
    pub capacity: Option<i64>,
    /// The public it targets.
    pub audience: Audience,
    /// How many came, once recorded.
    pub attendance: Option<i64>,
    /// How many registered.
    pub registered: i64,
}

/// What a new event holds.
#[derive(Clone, Debug)]
pub struct NewEvent<'a> {
    /// Process.
    pub process_id: i64,
    /// Kind.
    pub kind: EventKind,
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// Start.
    pub starts_at: &'a str,
    /// End.
    pub ends_at: &'a str,
    /// Commune.
    pub territory_id: Option<i64>,
    /// Place.
    pub place: &'a str,
    /// Capacity.
    pub capacity: Option<i64>,
    /// Audience.
    pub audience: Audience,
    /// Creator.
    pub created_by: i64,
}

/// Stores an event.
pub async fn create(db: &Db, event: &NewEvent<'_>) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db!(db, pool => sqlx::query(
        "INSERT INTO events (id, process_id, kind, title, description, starts_at, ends_at, territory_id,
             place, capacity, audience, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
        .bind(id).bind(event.process_id).bind(event.kind).bind(event.title).bind(event.description)
        .bind(event.starts_at).bind(event.ends_at).bind(event.territory_id).bind(event.place)
        .bind(event.capacity).bind(event.audience).bind(event.created_by).bind(now_ms())
        .execute(pool).await.map(|_| ()))?;
    Ok(id)
}

const SELECT: &str =
    "SELECT e.id, e.process_id, e.kind, e.title, e.description, e.starts_at, e.ends_at,
    e.territory_id, t.name AS territory_name, e.place, e.capacity, e.audience, e.attendance, e.registered
    FROM events e LEFT JOIN territories t ON t.id = e.territory_id";

/// An event by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Event>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE e.id = $1");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The events of a process, in date order.
pub async fn of_process(db: &Db, process_id: i64) -> Result<Vec<Event>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE e.process_id = $1 ORDER BY e.starts_at, e.id");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(process_id).fetch_all(pool).await)
}

/// The `(id, title)` of a process's events, in date order (for choosing one in a form).
pub async fn titles_of_process(
    db: &Db,
    process_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT e.id, e.title FROM events e WHERE e.process_id = $1 ORDER BY e.starts_at, e.id")
        .bind(process_id).fetch_all(pool).await)
}

/// One line of the anonymous breakdown of attendance.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct HeadCount {
    /// By age or by public.
    pub category: Category,
    /// An age bracket or a public.
    pub value: String,
    /// How many people.
    pub count: i64,
}

/// Records how many people came and, replacing any earlier one, the breakdown given.
pub async fn set_attendance(
    db: &Db,
    id: i64,
    attendance: i64,
    breakdown: &[HeadCount],
) -> Result<(), sqlx::Error> {
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE events SET attendance = $1 WHERE id = $2")
            .bind(attendance).bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM attendance_counts WHERE event_id = $1").bind(id).execute(&mut *tx).await?;
        for line in breakdown {
            sqlx::query("INSERT INTO attendance_counts (event_id, category, value, count) VALUES ($1, $2, $3, $4)")
                .bind(id).bind(line.category).bind(&line.value).bind(line.count)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// The breakdown of an event's attendance.
pub async fn breakdown(db: &Db, id: i64) -> Result<Vec<HeadCount>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT category, value, count FROM attendance_counts WHERE event_id = $1")
        .bind(id).fetch_all(pool).await)
}

/// The titles of the needs captured at a workshop, newest first.
pub async fn captured(db: &Db, event_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT id, title FROM needs WHERE workshop_id = $1 ORDER BY created_at DESC, id DESC")
        .bind(event_id).fetch_all(pool).await)
}

/// What a registration attempt gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Registration {
    /// Registered now.
    Registered,
    /// Was registered already.
    AlreadyRegistered,
    /// No place left.
    Full,
}

/// Registers someone, never past the capacity: the counter is raised only while below it,
/// in the same transaction as the registration, on both engines.
pub async fn register(db: &Db, event_id: i64, user_id: i64) -> Result<Registration, sqlx::Error> {
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let added = sqlx::query("INSERT INTO registrations (event_id, user_id, created_at) VALUES ($1, $2, $3)
                                 ON CONFLICT (event_id, user_id) DO NOTHING")
            .bind(event_id).bind(user_id).bind(now_ms()).execute(&mut *tx).await?.rows_affected() == 1;
        if !added {
            tx.commit().await?;
            return Ok(Registration::AlreadyRegistered);
        }
        let counted = sqlx::query("UPDATE events SET registered = registered + 1
                                   WHERE id = $1 AND (capacity IS NULL OR registered < capacity)")
            .bind(event_id).execute(&mut *tx).await?.rows_affected() == 1;
        if counted {
            tx.commit().await?;
            Ok(Registration::Registered)
        } else {
            tx.rollback().await?;
            Ok(Registration::Full)
        }
    })
}

/// Cancels a registration; `Ok(false)` when there was none.
pub async fn unregister(db: &Db, event_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    with_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let removed = sqlx::query("DELETE FROM registrations WHERE event_id = $1 AND user_id = $2")
            .bind(event_id).bind(user_id).execute(&mut *tx).await?.rows_affected() == 1;
        if removed {
            sqlx::query("UPDATE events SET registered = registered - 1 WHERE id = $1")
                .bind(event_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(removed)
    })
}

/// Whether someone is registered.
pub async fn is_registered(db: &Db, event_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT event_id FROM registrations WHERE event_id = $1 AND user_id = $2")
        .bind(event_id).bind(user_id).fetch_optional(pool).await)?;
    Ok(row.is_some())
}
