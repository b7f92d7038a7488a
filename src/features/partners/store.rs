//! Partners' SQL: organisations and their contacts, a process's tiers and what they promise,
//! engagements and the counterparts they are owed.

use crate::features::partners::rules::{
    Contribution, CounterpartKind, CounterpartState, OrganisationKind,
};
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::{sqlite_row, with_db, with_db_write};

/// An organisation.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Organisation {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Company, association, public body or foundation.
    pub kind: OrganisationKind,
    /// SIRET number (14 digits), if given.
    pub siret: Option<String>,
    /// RNA number, if given.
    pub rna: Option<String>,
    /// Website (empty: none).
    pub website: String,
    /// What it does, in a few lines.
    pub description: String,
    /// Its commune or EPCI.
    pub territory_id: Option<i64>,
    /// Its logo (a kept picture).
    pub logo_id: Option<i64>,
}

sqlite_row!(Organisation {
    id,
    name,
    kind,
    siret,
    rna,
    website,
    description,
    territory_id,
    logo_id
});

const ORGANISATION_COLUMNS: &str =
    "o.id, o.name, o.kind, o.siret, o.rna, o.website, o.description, o.territory_id, o.logo_id";

/// An organisation as a form sends it.
#[derive(Clone, Debug)]
pub struct OrganisationFields {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrganisationKind,
    /// SIRET number.
    pub siret: Option<String>,
    /// RNA number.
    pub rna: Option<String>,
    /// Website.
    pub website: String,
    /// Description.
    pub description: String,
    /// Commune or EPCI.
    pub territory_id: Option<i64>,
}

/// Which unique number another organisation already holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    /// Its SIRET.
    Siret,
    /// Its RNA number.
    Rna,
}

/// Which of `fields`' numbers another organisation than `except` holds.
async fn taken(
    db: &Db,
    fields: &OrganisationFields,
    except: i64,
) -> Result<Option<Taken>, sqlx::Error> {
    for (number, which, column) in [
        (&fields.siret, Taken::Siret, "siret"),
        (&fields.rna, Taken::Rna, "rna"),
    ] {
        let Some(number) = number else { continue };
        let sql = format!("SELECT id FROM organisations WHERE {column} = $1 AND id <> $2");
        let found: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(number).bind(except).fetch_optional(pool).await)?;
        if found.is_some() {
            return Ok(Some(which));
        }
    }
    Ok(None)
}

/// Registers an organisation, its creator its first contact. `Err(taken)` when another holds
/// its SIRET or RNA number (nothing is written).
pub async fn create(
    db: &Db,
    fields: &OrganisationFields,
    creator: i64,
) -> Result<Result<i64, Taken>, sqlx::Error> {
    if let Some(taken) = taken(db, fields, 0).await? {
        return Ok(Err(taken));
    }
    let (id, now) = (new_id(), now_ms());
    let written = with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO organisations (id, name, kind, siret, rna, website, description, territory_id,
                                        created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(id).bind(&fields.name).bind(fields.kind.as_str()).bind(&fields.siret)
            .bind(&fields.rna).bind(&fields.website).bind(&fields.description)
            .bind(fields.territory_id).bind(creator).bind(now)
            .execute(&mut *tx).await;
        match inserted {
            Ok(_) => {
                sqlx::query("INSERT INTO organisation_contacts (organisation_id, user_id, added_at)
                             VALUES ($1, $2, $3)")
                    .bind(id).bind(creator).bind(now).execute(&mut *tx).await?;
                tx.commit().await.map(|_| true)
            }
            // Another registration took the number between the check and the insert.
            Err(e) if is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    })?;
    if written {
        Ok(Ok(id))
    } else {
        Ok(Err(taken(db, fields, 0).await?.unwrap_or(Taken::Siret)))
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Rewrites an organisation. `Err(taken)` when another holds its SIRET or RNA number.
pub async fn update(
    db: &Db,
    id: i64,
    fields: &OrganisationFields,
) -> Result<Result<(), Taken>, sqlx::Error> {
    if let Some(taken) = taken(db, fields, id).await? {
        return Ok(Err(taken));
    }
    let updated = with_db_write!(db, pool => sqlx::query(
        "UPDATE organisations SET name = $1, kind = $2, siret = $3, rna = $4, website = $5,
                description = $6, territory_id = $7
         WHERE id = $8")
        .bind(&fields.name).bind(fields.kind.as_str()).bind(&fields.siret).bind(&fields.rna)
        .bind(&fields.website).bind(&fields.description).bind(fields.territory_id).bind(id)
        .execute(pool).await.map(|r| r.rows_affected()));
    match updated {
        Ok(_) => Ok(Ok(())),
        Err(e) if is_unique_violation(&e) => {
            Ok(Err(taken(db, fields, id).await?.unwrap_or(Taken::Siret)))
        }
        Err(e) => Err(e),
    }
}

/// Sets an organisation's logo (`None`: removes it); returns the logo it replaced.
pub async fn set_logo(db: &Db, id: i64, logo: Option<i64>) -> Result<Option<i64>, sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let (old,): (Option<i64>,) = sqlx::query_as("SELECT logo_id FROM organisations WHERE id = $1")
            .bind(id).fetch_one(&mut *tx).await?;
        sqlx::query("UPDATE organisations SET logo_id = $1 WHERE id = $2")
            .bind(logo).bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(old.filter(|old| Some(*old) != logo))
    })
}

/// An organisation by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Organisation>, sqlx::Error> {
    let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations o WHERE o.id = $1");
    Ok(db.read_all(&sql, &[Value::Int(id)]).await?.pop())
}

/// Every organisation, by name.
pub async fn all(db: &Db) -> Result<Vec<Organisation>, sqlx::Error> {
    let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations o ORDER BY o.name, o.id");
    db.read_all(&sql, &[]).await
}

/// The organisations an account speaks for, by name.
pub async fn of_contact(db: &Db, user_id: i64) -> Result<Vec<Organisation>, sqlx::Error> {
    let sql = format!(
        "SELECT {ORGANISATION_COLUMNS} FROM organisations o
         JOIN organisation_contacts c ON c.organisation_id = o.id
         WHERE c.user_id = $1 ORDER BY o.name, o.id"
    );
    db.read_all(&sql, &[Value::Int(user_id)]).await
}

/// A contact of an organisation.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Contact {
    /// The account.
    pub user_id: i64,
    /// Its display name.
    pub display_name: String,
    /// Its e-mail (shown to the organisation's contacts and the process teams only).
    pub email: String,
}

sqlite_row!(Contact {
    user_id,
    display_name,
    email
});

/// An organisation's contacts, by name.
pub async fn contacts(db: &Db, organisation_id: i64) -> Result<Vec<Contact>, sqlx::Error> {
    db.read_all(
        "SELECT u.id AS user_id, u.display_name, u.email FROM organisation_contacts c
         JOIN users u ON u.id = c.user_id
         WHERE c.organisation_id = $1 ORDER BY u.display_name, u.id",
        &[Value::Int(organisation_id)],
    )
    .await
}

/// Whether an account speaks for an organisation.
pub async fn is_contact(db: &Db, organisation_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT user_id FROM organisation_contacts WHERE organisation_id = $1 AND user_id = $2")
        .bind(organisation_id).bind(user_id).fetch_optional(pool).await)?;
    Ok(found.is_some())
}

/// Adds a contact to an organisation (already one: nothing changes).
pub async fn add_contact(db: &Db, organisation_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO organisation_contacts (organisation_id, user_id, added_at) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, user_id) DO NOTHING")
        .bind(organisation_id).bind(user_id).bind(now_ms()).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// Removes a contact, unless they are the last one (an organisation always has someone to
/// answer for it). Returns whether they were removed.
pub async fn remove_contact(
    db: &Db,
    organisation_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let removed = with_db_write!(db, pool => sqlx::query(
        "DELETE FROM organisation_contacts WHERE organisation_id = $1 AND user_id = $2
           AND (SELECT COUNT(*) FROM organisation_contacts WHERE organisation_id = $1) > 1")
        .bind(organisation_id).bind(user_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(removed == 1)
}

/// A tier of engagement in a process.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Tier {
    /// Id.
    pub id: i64,
    /// Its rank on the partners page.
    pub position: i64,
    /// Its name (« Partenaire de l'équipe cœur », « 150 € »…).
    pub label: String,
    /// Time or money.
    pub contribution: Contribution,
    /// The amount asked, in cents (money).
    pub amount_cents: Option<i64>,
    /// What the partner gives, in a sentence.
    pub description: String,
}

sqlite_row!(Tier {
    id,
    position,
    label,
    contribution,
    amount_cents,
    description
});

/// A counterpart a tier promises.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Promise {
    /// Its tier.
    pub tier_id: i64,
    /// Logo, training, workshop or other.
    pub kind: CounterpartKind,
    /// Its name.
    pub label: String,
}

sqlite_row!(Promise {
    tier_id,
    kind,
    label
});

/// A process's tiers, in order.
pub async fn tiers(db: &Db, process_id: i64) -> Result<Vec<Tier>, sqlx::Error> {
    db.read_all(
        "SELECT id, position, label, contribution, amount_cents, description FROM partner_tiers
         WHERE process_id = $1 ORDER BY position, id",
        &[Value::Int(process_id)],
    )
    .await
}

/// What a process's tiers promise, by tier and rank.
pub async fn promises(db: &Db, process_id: i64) -> Result<Vec<Promise>, sqlx::Error> {
    db.read_all(
        "SELECT c.tier_id, c.kind, c.label FROM partner_tier_counterparts c
         JOIN partner_tiers t ON t.id = c.tier_id
         WHERE t.process_id = $1 ORDER BY c.tier_id, c.position, c.id",
        &[Value::Int(process_id)],
    )
    .await
}

/// A tier as its managers write it.
#[derive(Clone, Debug)]
pub struct TierFields {
    /// Name.
    pub label: String,
    /// Time or money.
    pub contribution: Contribution,
    /// The amount (money).
    pub amount_cents: Option<i64>,
    /// What the partner gives.
    pub description: String,
    /// What it promises in return, in order.
    pub promises: Vec<(CounterpartKind, String)>,
}

/// Adds a tier after the others; returns its id.
pub async fn add_tier(db: &Db, process_id: i64, tier: &TierFields) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO partner_tiers (id, process_id, position, label, contribution, amount_cents,
                                        description)
             SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3, $4, $5, $6
             FROM partner_tiers WHERE process_id = $2")
            .bind(id).bind(process_id).bind(&tier.label).bind(tier.contribution.as_str())
            .bind(tier.amount_cents).bind(&tier.description).execute(&mut *tx).await?;
        for (position, (kind, label)) in tier.promises.iter().enumerate() {
            sqlx::query(
                "INSERT INTO partner_tier_counterparts (id, tier_id, position, kind, label)
                 VALUES ($1, $2, $3, $4, $5)")
                .bind(new_id()).bind(id).bind(position as i64).bind(kind.as_str()).bind(label)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(id)
}

/// Removes a tier no organisation is engaged at. Returns whether it was removed.
pub async fn remove_tier(db: &Db, process_id: i64, tier_id: i64) -> Result<bool, sqlx::Error> {
    let removed = with_db_write!(db, pool => sqlx::query(
        "DELETE FROM partner_tiers WHERE id = $1 AND process_id = $2
           AND NOT EXISTS (SELECT 1 FROM partner_engagements WHERE tier_id = $1)")
        .bind(tier_id).bind(process_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(removed == 1)
}

/// An organisation's engagement in a process, as listed.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Engagement {
    /// Id.
    pub id: i64,
    /// Its tier.
    pub tier_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: OrganisationKind,
    /// Its website.
    pub website: String,
    /// Its logo.
    pub logo_id: Option<i64>,
    /// The amount given, in cents (money).
    pub amount_cents: Option<i64>,
}

sqlite_row!(Engagement {
    id,
    tier_id,
    organisation_id,
    name,
    kind,
    website,
    logo_id,
    amount_cents
});

/// A process's engagements, by tier then organisation name.
pub async fn engagements(db: &Db, process_id: i64) -> Result<Vec<Engagement>, sqlx::Error> {
    db.read_all(
        "SELECT e.id, e.tier_id, e.organisation_id, o.name, o.kind, o.website, o.logo_id, e.amount_cents
         FROM partner_engagements e JOIN organisations o ON o.id = e.organisation_id
         JOIN partner_tiers t ON t.id = e.tier_id
         WHERE e.process_id = $1 ORDER BY t.position, t.id, o.name, o.id",
        &[Value::Int(process_id)],
    )
    .await
}

/// Engages an organisation in a process at a tier, with the counterparts the tier promises
/// (owed). `None` when it is already engaged there or the tier is not the process's.
pub async fn engage(
    db: &Db,
    process_id: i64,
    organisation_id: i64,
    tier_id: i64,
    amount_cents: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let (id, now) = (new_id(), now_ms());
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO partner_engagements (id, process_id, organisation_id, tier_id, amount_cents,
                                              created_at)
             SELECT $1, $2, $3, $4, $5, $6 FROM partner_tiers WHERE id = $4 AND process_id = $2
             ON CONFLICT (process_id, organisation_id) DO NOTHING")
            .bind(id).bind(process_id).bind(organisation_id).bind(tier_id).bind(amount_cents)
            .bind(now).execute(&mut *tx).await?;
        if inserted.rows_affected() == 0 {
            return Ok(None);
        }
        let promises: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT position, kind, label FROM partner_tier_counterparts WHERE tier_id = $1
             ORDER BY position, id")
            .bind(tier_id).fetch_all(&mut *tx).await?;
        for (position, kind, label) in promises {
            sqlx::query(
                "INSERT INTO partner_counterparts (id, engagement_id, position, kind, label, state, note)
                 VALUES ($1, $2, $3, $4, $5, $6, '')")
                .bind(new_id()).bind(id).bind(position).bind(kind).bind(label)
                .bind(CounterpartState::Owed.as_str()).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Some(id))
    })
}

/// Ends an engagement (its counterparts go with it). Returns whether it existed.
pub async fn disengage(db: &Db, process_id: i64, engagement_id: i64) -> Result<bool, sqlx::Error> {
    let removed = with_db_write!(db, pool => sqlx::query(
        "DELETE FROM partner_engagements WHERE id = $1 AND process_id = $2")
        .bind(engagement_id).bind(process_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(removed == 1)
}

/// A counterpart an engagement is owed or was given.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Counterpart {
    /// Id.
    pub id: i64,
    /// Its engagement.
    pub engagement_id: i64,
    /// Logo, training, workshop or other.
    pub kind: CounterpartKind,
    /// Its name.
    pub label: String,
    /// Owed or delivered.
    pub state: CounterpartState,
    /// The workshop held (its event).
    pub event_id: Option<i64>,
    /// What the team noted on delivering it.
    pub note: String,
    /// When it was delivered.
    pub delivered_at: Option<i64>,
}

sqlite_row!(Counterpart {
    id,
    engagement_id,
    kind,
    label,
    state,
    event_id,
    note,
    delivered_at
});

/// The counterparts of a process's engagements, by engagement and rank.
pub async fn counterparts(db: &Db, process_id: i64) -> Result<Vec<Counterpart>, sqlx::Error> {
    db.read_all(
        "SELECT c.id, c.engagement_id, c.kind, c.label, c.state, c.event_id, c.note, c.delivered_at
         FROM partner_counterparts c JOIN partner_engagements e ON e.id = c.engagement_id
         WHERE e.process_id = $1 ORDER BY c.engagement_id, c.position, c.id",
        &[Value::Int(process_id)],
    )
    .await
}

/// A counterpart's delivery as the team records it.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// Delivered, or owed again.
    pub state: CounterpartState,
    /// The workshop held (its event).
    pub event_id: Option<i64>,
    /// A note.
    pub note: String,
}

/// Records a counterpart of a process as delivered or owed again. Returns whether it is the
/// process's.
pub async fn deliver(
    db: &Db,
    process_id: i64,
    counterpart_id: i64,
    delivery: &Delivery,
) -> Result<bool, sqlx::Error> {
    let delivered_at = (delivery.state == CounterpartState::Delivered).then(now_ms);
    let updated = with_db_write!(db, pool => sqlx::query(
        "UPDATE partner_counterparts SET state = $1, event_id = $2, note = $3, delivered_at = $4
         WHERE id = $5
           AND engagement_id IN (SELECT id FROM partner_engagements WHERE process_id = $6)")
        .bind(delivery.state.as_str()).bind(delivery.event_id).bind(&delivery.note)
        .bind(delivered_at).bind(counterpart_id).bind(process_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(updated == 1)
}

/// The processes an organisation is engaged in: `(slug, title, tier label)`, by title.
pub async fn engaged_in(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT p.slug, p.title, t.label FROM partner_engagements e
         JOIN processes p ON p.id = e.process_id JOIN partner_tiers t ON t.id = e.tier_id
         WHERE e.organisation_id = $1 AND p.status <> 'draft' ORDER BY p.title, p.id")
        .bind(organisation_id).fetch_all(pool).await)
}

/// Whether an account manages a process an organisation is engaged in.
pub async fn managed_by(db: &Db, organisation_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT e.id FROM partner_engagements e
         JOIN process_members r ON r.process_id = e.process_id
         WHERE e.organisation_id = $1 AND r.user_id = $2 AND r.role = 'manager' LIMIT 1")
        .bind(organisation_id).bind(user_id).fetch_optional(pool).await)?;
    Ok(found.is_some())
}

/// The sum of a process's engagements in money, in cents.
pub async fn engaged_cents(db: &Db, process_id: i64) -> Result<i64, sqlx::Error> {
    let (sum,): (i64,) = with_db!(db, pool => sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM partner_engagements
         WHERE process_id = $1")
        .bind(process_id).fetch_one(pool).await)?;
    Ok(sum)
}
