//! The bourse's SQL: offers, requests, companionships and their moves (capacity taken and
//! given back in the same transaction, never below zero), the log, testimonies, reminders
//! and the figures managers read.

use crate::features::bourse::rules::{
    EndReason, OfferStatus, RequestStatus, Side, State, SupportKind, Unit,
};
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::{sqlite_row, with_db, with_db_write};

/// Moves a process's bourse revision, inside a write's transaction.
macro_rules! bump_revision {
    ($tx:expr, $process_id:expr) => {
        sqlx::query(
            "INSERT INTO bourse_revisions (process_id, revision) VALUES ($1, 1)
             ON CONFLICT (process_id) DO UPDATE SET revision = bourse_revisions.revision + 1",
        )
        .bind($process_id)
        .execute(&mut *$tx)
        .await
    };
}

/// A process's bourse revision (0: nothing yet).
pub async fn revision(db: &Db, process_id: i64) -> Result<i64, sqlx::Error> {
    let found: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT revision FROM bourse_revisions WHERE process_id = $1")
        .bind(process_id).fetch_optional(pool).await)?;
    Ok(found.map_or(0, |(r,)| r))
}

/// An offer.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Offer {
    /// Id.
    pub id: i64,
    /// Its process.
    pub process_id: i64,
    /// The organisation making it.
    pub organisation_id: i64,
    /// Its name.
    pub organisation: String,
    /// What it gives.
    pub kind: SupportKind,
    /// Title.
    pub title: String,
    /// What it is, in a few lines.
    pub body: String,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Where it is given (none: the whole territory).
    pub territory_id: Option<i64>,
    /// What its capacity counts.
    pub unit: Unit,
    /// Capacity offered.
    pub capacity: i64,
    /// Capacity left.
    pub remaining: i64,
    /// Last day it takes requests (`YYYY-MM-DD`).
    pub ends_on: Option<String>,
    /// Open or closed.
    pub status: OfferStatus,
    /// When it was published.
    pub created_at: i64,
}

sqlite_row!(Offer {
    id,
    process_id,
    organisation_id,
    organisation,
    kind,
    title,
    body,
    theme_id,
    territory_id,
    unit,
    capacity,
    remaining,
    ends_on,
    status,
    created_at
});

const OFFER_SELECT: &str = "SELECT o.id, o.process_id, o.organisation_id, g.name AS organisation, o.kind, o.title,
    o.body, o.theme_id, o.territory_id, o.unit, o.capacity, o.remaining, o.ends_on, o.status, o.created_at
    FROM offers o JOIN organisations g ON g.id = o.organisation_id";

/// An offer as its organisation writes it.
#[derive(Clone, Debug)]
pub struct NewOffer {
    /// Its process.
    pub process_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// What it gives.
    pub kind: SupportKind,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Where.
    pub territory_id: Option<i64>,
    /// Capacity, in the kind's unit.
    pub capacity: i64,
    /// Last day.
    pub ends_on: Option<String>,
    /// Who wrote it.
    pub created_by: i64,
}

/// Publishes an offer; returns its id.
pub async fn add_offer(db: &Db, offer: &NewOffer) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO offers (id, process_id, organisation_id, kind, title, body, theme_id, territory_id,
                                 unit, capacity, remaining, ends_on, status, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14)")
            .bind(id).bind(offer.process_id).bind(offer.organisation_id).bind(offer.kind.as_str())
            .bind(&offer.title).bind(&offer.body).bind(offer.theme_id).bind(offer.territory_id)
            .bind(offer.kind.unit().as_str()).bind(offer.capacity).bind(&offer.ends_on)
            .bind(OfferStatus::Open.as_str()).bind(offer.created_by).bind(now_ms())
            .execute(&mut *tx).await?;
        bump_revision!(tx, offer.process_id)?;
        tx.commit().await
    })?;
    Ok(id)
}

/// An offer by id.
pub async fn offer(db: &Db, id: i64) -> Result<Option<Offer>, sqlx::Error> {
    let sql = format!("{OFFER_SELECT} WHERE o.id = $1");
    db.read_optional(&sql, &[Value::Int(id)]).await
}

/// A process's offers, open first, newest first, at most `limit`.
pub async fn offers(db: &Db, process_id: i64, limit: i64) -> Result<Vec<Offer>, sqlx::Error> {
    let sql = format!(
        "{OFFER_SELECT} WHERE o.process_id = $1 AND o.status = 'open'
         ORDER BY o.created_at DESC, o.id DESC LIMIT $2"
    );
    db.read_all(&sql, &[Value::Int(process_id), Value::Int(limit)])
        .await
}

/// Opens or closes an offer.
pub async fn set_offer_status(
    db: &Db,
    offer: &Offer,
    status: OfferStatus,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE offers SET status = $1 WHERE id = $2")
            .bind(status.as_str()).bind(offer.id).execute(&mut *tx).await?;
        bump_revision!(tx, offer.process_id)?;
        tx.commit().await
    })
}

/// A request for support.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SupportRequest {
    /// Id.
    pub id: i64,
    /// Its process.
    pub process_id: i64,
    /// The solution asking.
    pub solution_id: i64,
    /// Its title.
    pub solution: String,
    /// What it asks.
    pub kind: SupportKind,
    /// Title.
    pub title: String,
    /// What it needs, in a few lines.
    pub body: String,
    /// What the amount counts.
    pub unit: Unit,
    /// How much.
    pub amount: i64,
    /// By when (`YYYY-MM-DD`).
    pub needed_by: Option<String>,
    /// Open, met or withdrawn.
    pub status: RequestStatus,
    /// When it was made.
    pub created_at: i64,
}

sqlite_row!(SupportRequest {
    id,
    process_id,
    solution_id,
    solution,
    kind,
    title,
    body,
    unit,
    amount,
    needed_by,
    status,
    created_at
});

const REQUEST_SELECT: &str =
    "SELECT r.id, r.process_id, r.solution_id, s.title AS solution, r.kind, r.title,
    r.body, r.unit, r.amount, r.needed_by, r.status, r.created_at
    FROM support_requests r JOIN solutions s ON s.id = r.solution_id";

/// A request as carriers write it.
#[derive(Clone, Debug)]
pub struct NewRequest {
    /// Its process.
    pub process_id: i64,
    /// The solution.
    pub solution_id: i64,
    /// What it asks.
    pub kind: SupportKind,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// How much, in the kind's unit.
    pub amount: i64,
    /// By when.
    pub needed_by: Option<String>,
    /// Who wrote it.
    pub created_by: i64,
}

/// Publishes a request; returns its id.
pub async fn add_request(db: &Db, request: &NewRequest) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO support_requests (id, process_id, solution_id, kind, title, body, unit, amount,
                                           needed_by, status, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
            .bind(id).bind(request.process_id).bind(request.solution_id).bind(request.kind.as_str())
            .bind(&request.title).bind(&request.body).bind(request.kind.unit().as_str())
            .bind(request.amount).bind(&request.needed_by).bind(RequestStatus::Open.as_str())
            .bind(request.created_by).bind(now_ms())
            .execute(&mut *tx).await?;
        bump_revision!(tx, request.process_id)?;
        tx.commit().await
    })?;
    Ok(id)
}

/// A request by id.
pub async fn request(db: &Db, id: i64) -> Result<Option<SupportRequest>, sqlx::Error> {
    let sql = format!("{REQUEST_SELECT} WHERE r.id = $1");
    db.read_optional(&sql, &[Value::Int(id)]).await
}

/// A process's open requests, newest first, at most `limit`.
pub async fn requests(
    db: &Db,
    process_id: i64,
    limit: i64,
) -> Result<Vec<SupportRequest>, sqlx::Error> {
    let sql = format!(
        "{REQUEST_SELECT} WHERE r.process_id = $1 AND r.status = 'open'
         ORDER BY r.created_at DESC, r.id DESC LIMIT $2"
    );
    db.read_all(&sql, &[Value::Int(process_id), Value::Int(limit)])
        .await
}

/// A solution's requests, newest first.
pub async fn requests_of_solution(
    db: &Db,
    solution_id: i64,
) -> Result<Vec<SupportRequest>, sqlx::Error> {
    let sql =
        format!("{REQUEST_SELECT} WHERE r.solution_id = $1 ORDER BY r.created_at DESC, r.id DESC");
    db.read_all(&sql, &[Value::Int(solution_id)]).await
}

/// An offer or a request as matching reads it: kind, theme, place's centre, quantity (left
/// or asked) and text.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Matchable {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: SupportKind,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Longitude of its place's centre.
    pub lon: Option<f64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Capacity left (offer) or amount asked (request).
    pub quantity: i64,
    /// Its title.
    pub title: String,
    /// Its organisation's name (offer) or its solution's title (request).
    pub owner: String,
    /// Title and text.
    pub text: String,
}

sqlite_row!(Matchable {
    id,
    kind,
    theme_id,
    lon,
    lat,
    quantity,
    title,
    owner,
    text
});

/// A process's open offers with capacity, still taking requests on `today`, for matching.
/// A place's centre is the middle of its bounding box.
pub async fn matchable_offers(
    db: &Db,
    process_id: i64,
    today: &str,
) -> Result<Vec<Matchable>, sqlx::Error> {
    db.read_all(
        "SELECT o.id, o.kind, o.theme_id, (t.min_lon + t.max_lon) / 2 AS lon,
                (t.min_lat + t.max_lat) / 2 AS lat, o.remaining AS quantity, o.title, g.name AS owner,
                o.title || '. ' || o.body AS text
         FROM offers o JOIN organisations g ON g.id = o.organisation_id
         LEFT JOIN territories t ON t.id = o.territory_id
         WHERE o.process_id = $1 AND o.status = 'open' AND o.remaining > 0
           AND (o.ends_on IS NULL OR o.ends_on >= $2)
         ORDER BY o.id",
        &[Value::Int(process_id), Value::Text(today.to_owned())],
    )
    .await
}

/// A process's open requests, for matching: the solution's theme and place (its point, or
/// its commune's or EPCI's centre), the request's and the solution's titles and text.
pub async fn matchable_requests(db: &Db, process_id: i64) -> Result<Vec<Matchable>, sqlx::Error> {
    db.read_all(
        "SELECT r.id, r.kind, s.theme_id, COALESCE(s.lon, (t.min_lon + t.max_lon) / 2) AS lon,
                COALESCE(s.lat, (t.min_lat + t.max_lat) / 2) AS lat, r.amount AS quantity, r.title,
                s.title AS owner, r.title || '. ' || r.body || ' ' || s.title AS text
         FROM support_requests r JOIN solutions s ON s.id = r.solution_id
         LEFT JOIN territories t ON t.id = s.territory_id
         WHERE r.process_id = $1 AND r.status = 'open' AND s.status = 'published'
         ORDER BY r.id",
        &[Value::Int(process_id)],
    )
    .await
}

/// A companionship with the names of what it pairs.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Companionship {
    /// Id.
    pub id: i64,
    /// Its process.
    pub process_id: i64,
    /// The offer.
    pub offer_id: i64,
    /// Its title.
    pub offer: String,
    /// The organisation making it.
    pub organisation_id: i64,
    /// Its name.
    pub organisation: String,
    /// The request.
    pub request_id: i64,
    /// Its title.
    pub request: String,
    /// The solution asking.
    pub solution_id: i64,
    /// Its title.
    pub solution: String,
    /// Capacity it takes.
    pub units: i64,
    /// What it counts.
    pub unit: Unit,
    /// Where it stands.
    pub state: State,
    /// Who proposed it.
    pub proposed_by: Side,
    /// When the proposal was answered.
    pub answered_at: Option<i64>,
    /// Why it ended, when refused or cancelled.
    pub end_reason: Option<EndReason>,
    /// Who ended it.
    pub ended_by: Option<Side>,
    /// When it was proposed.
    pub created_at: i64,
    /// When it last moved.
    pub updated_at: i64,
}

sqlite_row!(Companionship {
    id,
    process_id,
    offer_id,
    offer,
    organisation_id,
    organisation,
    request_id,
    request,
    solution_id,
    solution,
    units,
    unit,
    state,
    proposed_by,
    answered_at,
    end_reason,
    ended_by,
    created_at,
    updated_at
});

const COMPANIONSHIP_SELECT: &str = "SELECT c.id, c.process_id, c.offer_id, o.title AS offer,
    o.organisation_id, g.name AS organisation, c.request_id, r.title AS request, r.solution_id,
    s.title AS solution, c.units, o.unit, c.state, c.proposed_by, c.answered_at, c.end_reason,
    c.ended_by, c.created_at, c.updated_at
    FROM companionships c JOIN offers o ON o.id = c.offer_id
    JOIN organisations g ON g.id = o.organisation_id
    JOIN support_requests r ON r.id = c.request_id JOIN solutions s ON s.id = r.solution_id";

/// A companionship by id.
pub async fn companionship(db: &Db, id: i64) -> Result<Option<Companionship>, sqlx::Error> {
    let sql = format!("{COMPANIONSHIP_SELECT} WHERE c.id = $1");
    db.read_optional(&sql, &[Value::Int(id)]).await
}

/// The companionships of an offer or of a request, newest first.
pub async fn companionships_of(
    db: &Db,
    offer_id: Option<i64>,
    request_id: Option<i64>,
) -> Result<Vec<Companionship>, sqlx::Error> {
    let sql = format!(
        "{COMPANIONSHIP_SELECT} WHERE c.offer_id = $1 OR c.request_id = $2
         ORDER BY c.created_at DESC, c.id DESC"
    );
    db.read_all(
        &sql,
        &[
            Value::Int(offer_id.unwrap_or(0)),
            Value::Int(request_id.unwrap_or(0)),
        ],
    )
    .await
}

/// Proposes a companionship, accepted by the side proposing it. `None` when the pair was
/// already proposed.
pub async fn propose(
    db: &Db,
    offer: &Offer,
    request_id: i64,
    units: i64,
    side: Side,
) -> Result<Option<i64>, sqlx::Error> {
    let (id, now) = (new_id(), now_ms());
    let (partner_at, carrier_at) = match side {
        Side::Partner => (Some(now), None),
        _ => (None, Some(now)),
    };
    let inserted = with_db_write!(db, pool => sqlx::query(
        "INSERT INTO companionships (id, process_id, offer_id, request_id, units, state, proposed_by,
                                     partner_accepted_at, carrier_accepted_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (offer_id, request_id) DO NOTHING")
        .bind(id).bind(offer.process_id).bind(offer.id).bind(request_id).bind(units)
        .bind(State::Proposed.as_str()).bind(side.as_str()).bind(partner_at).bind(carrier_at)
        .bind(now).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok((inserted == 1).then_some(id))
}

/// Why a move could not be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotMoved {
    /// Someone moved it first (it no longer stands where the move started).
    Changed,
    /// The offer has not enough capacity left.
    NoCapacity,
}

/// A move to write: from a state to another, by a side, with a reason when it ends.
#[derive(Clone, Copy, Debug)]
pub struct Transition {
    /// Where it stood when the move was decided.
    pub from: State,
    /// Where it goes.
    pub to: State,
    /// Who moves.
    pub by: Side,
    /// Why, when refused or cancelled.
    pub reason: Option<EndReason>,
}

/// Writes a move in one transaction, only if the companionship still stands where the move
/// started: accepting takes its units from the offer (never below zero) and marks the request
/// met; cancelling a running one gives them back; both are written in the ledger.
pub async fn apply(
    db: &Db,
    companionship: &Companionship,
    transition: Transition,
) -> Result<Result<(), NotMoved>, sqlx::Error> {
    let now = now_ms();
    let c = companionship;
    let answered = matches!(transition.to, State::Accepted | State::Refused)
        && transition.from == State::Proposed;
    let accepted_column = match transition.by {
        Side::Partner => "partner_accepted_at",
        _ => "carrier_accepted_at",
    };
    let accepts = transition.to == State::Accepted;
    let gives_back = transition.to == State::Cancelled && transition.from.is_running();
    let ends = transition.to.is_over() && transition.to != State::Completed;
    let sql = format!(
        "UPDATE companionships SET state = $1, updated_at = $2,
                answered_at = CASE WHEN $3 THEN $2 ELSE answered_at END,
                {accepted_column} = CASE WHEN $4 THEN $2 ELSE {accepted_column} END,
                end_reason = $5, ended_by = $6
         WHERE id = $7 AND state = $8"
    );
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let moved = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(transition.to.as_str()).bind(now).bind(answered).bind(accepts)
            .bind(transition.reason.filter(|_| ends).map(|r| r.as_str()))
            .bind(ends.then(|| transition.by.as_str()))
            .bind(c.id).bind(transition.from.as_str())
            .execute(&mut *tx).await?;
        if moved.rows_affected() == 0 {
            return Ok(Err(NotMoved::Changed));
        }
        if accepts {
            let taken = sqlx::query(
                "UPDATE offers SET remaining = remaining - $1 WHERE id = $2 AND remaining >= $1")
                .bind(c.units).bind(c.offer_id).execute(&mut *tx).await?;
            if taken.rows_affected() == 0 {
                return Ok(Err(NotMoved::NoCapacity));
            }
            sqlx::query("UPDATE support_requests SET status = $1 WHERE id = $2")
                .bind(RequestStatus::Met.as_str()).bind(c.request_id).execute(&mut *tx).await?;
        }
        if gives_back {
            sqlx::query("UPDATE offers SET remaining = remaining + $1 WHERE id = $2")
                .bind(c.units).bind(c.offer_id).execute(&mut *tx).await?;
            sqlx::query("UPDATE support_requests SET status = $1 WHERE id = $2 AND status = $3")
                .bind(RequestStatus::Open.as_str()).bind(c.request_id)
                .bind(RequestStatus::Met.as_str()).execute(&mut *tx).await?;
        }
        if accepts || gives_back {
            let units = if accepts { -c.units } else { c.units };
            sqlx::query(
                "INSERT INTO capacity_ledger (id, offer_id, companionship_id, units, created_at)
                 VALUES ($1, $2, $3, $4, $5)")
                .bind(new_id()).bind(c.offer_id).bind(c.id).bind(units).bind(now)
                .execute(&mut *tx).await?;
            bump_revision!(tx, c.process_id)?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// A line of a companionship's log.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LogEntry {
    /// Id.
    pub id: i64,
    /// Meeting, milestone or note.
    pub kind: String,
    /// The day it happened.
    pub happened_on: String,
    /// What happened.
    pub body: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was written.
    pub created_at: i64,
}

sqlite_row!(LogEntry {
    id,
    kind,
    happened_on,
    body,
    author,
    created_at
});

/// A companionship's log, by day.
pub async fn log(db: &Db, companionship_id: i64) -> Result<Vec<LogEntry>, sqlx::Error> {
    db.read_all(
        "SELECT l.id, l.kind, l.happened_on, l.body, u.display_name AS author, l.created_at
         FROM companionship_log l LEFT JOIN users u ON u.id = l.author_id
         WHERE l.companionship_id = $1 ORDER BY l.happened_on, l.created_at",
        &[Value::Int(companionship_id)],
    )
    .await
}

/// Writes a line of the log.
pub async fn add_log(
    db: &Db,
    companionship_id: i64,
    author: i64,
    kind: &str,
    happened_on: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO companionship_log (id, companionship_id, author_id, kind, happened_on, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(new_id()).bind(companionship_id).bind(author).bind(kind).bind(happened_on).bind(body)
        .bind(now_ms()).execute(pool).await.map(|_| ()))
}

/// The testimonies left: `(side, author, text)`.
pub async fn testimonies(
    db: &Db,
    companionship_id: i64,
) -> Result<Vec<(Side, Option<String>, String)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT t.side, u.display_name, t.body FROM testimonies t LEFT JOIN users u ON u.id = t.author_id
         WHERE t.companionship_id = $1 ORDER BY t.side")
        .bind(companionship_id).fetch_all(pool).await)
}

/// Leaves (or rewrites) a side's testimony.
pub async fn testify(
    db: &Db,
    companionship_id: i64,
    side: Side,
    author: i64,
    body: &str,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO testimonies (companionship_id, side, author_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (companionship_id, side) DO UPDATE SET body = excluded.body,
             author_id = excluded.author_id, created_at = excluded.created_at")
        .bind(companionship_id).bind(side.as_str()).bind(author).bind(body).bind(now_ms())
        .execute(pool).await.map(|_| ()))
}

/// A proposal still waiting for an answer, for reminders.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Waiting {
    /// Id.
    pub id: i64,
    /// Its process.
    pub process_id: i64,
    /// Who proposed it.
    pub proposed_by: Side,
    /// The organisation asked or asking.
    pub organisation_id: i64,
    /// The solution asking or asked.
    pub solution_id: i64,
    /// When it was proposed.
    pub created_at: i64,
    /// When the other side was reminded.
    pub reminded_at: Option<i64>,
    /// When the facilitators were told.
    pub escalated_at: Option<i64>,
}

/// Proposals made before `before` still unanswered, oldest first.
pub async fn waiting(db: &Db, before: i64) -> Result<Vec<Waiting>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.process_id, c.proposed_by, o.organisation_id, r.solution_id, c.created_at,
                c.reminded_at, c.escalated_at
         FROM companionships c JOIN offers o ON o.id = c.offer_id
         JOIN support_requests r ON r.id = c.request_id
         WHERE c.state = 'proposed' AND c.created_at <= $1
           AND (c.reminded_at IS NULL OR c.escalated_at IS NULL)
         ORDER BY c.created_at")
        .bind(before).fetch_all(pool).await)
}

/// Notes that a proposal's other side was reminded (`escalated`: its facilitators told), at
/// `at`. Returns whether this call noted it (a reminder is sent once, by one server).
pub async fn mark_reminded(
    db: &Db,
    id: i64,
    escalated: bool,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let sql = if escalated {
        "UPDATE companionships SET escalated_at = $1 WHERE id = $2 AND escalated_at IS NULL"
    } else {
        "UPDATE companionships SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL"
    };
    let updated = with_db_write!(db, pool => sqlx::query(sql).bind(at).bind(id)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(updated == 1)
}

/// A partner's figures in a process: proposals made to it, answered within 7 days,
/// companionships completed and cancelled, capacity taken.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Reactivity {
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub organisation: String,
    /// Proposals carriers made to it.
    pub asked: i64,
    /// Of them, answered within 7 days.
    pub answered_in_time: i64,
    /// Companionships completed.
    pub completed: i64,
    /// Companionships cancelled.
    pub cancelled: i64,
    /// Units taken from its offers (ledger total, as a positive number).
    pub taken: i64,
}

/// Every partner's figures in a process, by name.
pub async fn reactivity(db: &Db, process_id: i64) -> Result<Vec<Reactivity>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT g.id AS organisation_id, g.name AS organisation,
                COALESCE(SUM(CASE WHEN c.proposed_by = 'carrier' THEN 1 ELSE 0 END), 0) AS asked,
                COALESCE(SUM(CASE WHEN c.proposed_by = 'carrier' AND c.answered_at IS NOT NULL
                                   AND c.answered_at - c.created_at <= $2 THEN 1 ELSE 0 END), 0)
                    AS answered_in_time,
                COALESCE(SUM(CASE WHEN c.state = 'completed' THEN 1 ELSE 0 END), 0) AS completed,
                COALESCE(SUM(CASE WHEN c.state = 'cancelled' THEN 1 ELSE 0 END), 0) AS cancelled,
                CAST(COALESCE((SELECT -SUM(l.units) FROM capacity_ledger l JOIN offers lo ON lo.id = l.offer_id
                          WHERE lo.organisation_id = g.id AND lo.process_id = $1), 0) AS BIGINT) AS taken
         FROM organisations g JOIN offers o ON o.organisation_id = g.id AND o.process_id = $1
         LEFT JOIN companionships c ON c.offer_id = o.id
         GROUP BY g.id, g.name ORDER BY g.name, g.id")
        .bind(process_id).bind(crate::features::bourse::rules::REMIND_AFTER_MS)
        .fetch_all(pool).await)
}

/// The ledger's total by offer of a process: `(offer id, capacity, remaining, ledger sum)`;
/// `capacity + sum = remaining` for each.
pub async fn ledger_by_offer(
    db: &Db,
    process_id: i64,
) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT o.id, o.capacity, o.remaining,
                CAST(COALESCE((SELECT SUM(l.units) FROM capacity_ledger l WHERE l.offer_id = o.id), 0) AS BIGINT)
         FROM offers o WHERE o.process_id = $1 ORDER BY o.id")
        .bind(process_id).fetch_all(pool).await)
}

/// `(account, address)` of a solution's carriers.
pub async fn carrier_addresses(
    db: &Db,
    solution_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT u.id, u.email FROM solution_carriers c JOIN users u ON u.id = c.user_id
         WHERE c.solution_id = $1 ORDER BY u.id")
        .bind(solution_id).fetch_all(pool).await)
}

/// `(account, address)` of a process's managers and facilitators, each once.
pub async fn team_addresses(db: &Db, process_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT DISTINCT u.id, u.email FROM process_members m JOIN users u ON u.id = m.user_id
         WHERE m.process_id = $1 AND m.role IN ('manager', 'facilitator') ORDER BY u.id")
        .bind(process_id).fetch_all(pool).await)
}

/// Every offer of a process (closed ones too), for open data, oldest first.
pub async fn all_offers(db: &Db, process_id: i64) -> Result<Vec<Offer>, sqlx::Error> {
    let sql = format!("{OFFER_SELECT} WHERE o.process_id = $1 ORDER BY o.created_at, o.id");
    db.read_all(&sql, &[Value::Int(process_id)]).await
}

/// Every request of a process, for open data, oldest first.
pub async fn all_requests(db: &Db, process_id: i64) -> Result<Vec<SupportRequest>, sqlx::Error> {
    let sql = format!("{REQUEST_SELECT} WHERE r.process_id = $1 ORDER BY r.created_at, r.id");
    db.read_all(&sql, &[Value::Int(process_id)]).await
}

/// Every companionship of a process, oldest first (their logs stay out).
pub async fn all_companionships(
    db: &Db,
    process_id: i64,
) -> Result<Vec<Companionship>, sqlx::Error> {
    let sql = format!("{COMPANIONSHIP_SELECT} WHERE c.process_id = $1 ORDER BY c.created_at, c.id");
    db.read_all(&sql, &[Value::Int(process_id)]).await
}
