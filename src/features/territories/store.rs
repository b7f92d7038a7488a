//! Territorial units: a hierarchy (pôle → EPCI → commune → IRIS…) with codes, populations and
//! boundaries (GeoJSON geometry as text, with its bounding box).

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::platform::db::kept::Family;
use crate::{with_db, with_db_write};

/// Levels drawn over the units that divide a territory rather than dividing it themselves
/// (priority neighbourhoods, quarters): their figures are not summed into the unit holding
/// them, and maps draw that unit, not them.
pub const OVERLAY_LEVELS: [&str; 2] = ["qpv", "quartier"];

/// A territory without its boundary (lists, breadcrumbs).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Territory {
    /// Id.
    pub id: i64,
    /// Level: `pole`, `epci`, `commune`, `iris`, …
    pub level: String,
    /// Official code (INSEE code, SIREN).
    pub code: String,
    /// Name.
    pub name: String,
    /// The unit that contains it.
    pub parent_id: Option<i64>,
    /// Population, if known.
    pub population: Option<i64>,
    /// Year of the population figure.
    pub population_year: Option<i64>,
    /// Source of the population figure.
    pub population_source: Option<String>,
}

/// A territory with its boundary.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Shape {
    /// Id.
    pub id: i64,
    /// Level.
    pub level: String,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Parent.
    pub parent_id: Option<i64>,
    /// Population.
    pub population: Option<i64>,
    /// GeoJSON geometry.
    pub geometry: String,
}

/// What an import writes for one unit.
#[derive(Clone, Debug)]
pub struct NewTerritory<'a> {
    /// Level.
    pub level: &'a str,
    /// Code.
    pub code: &'a str,
    /// Name.
    pub name: &'a str,
    /// Parent id.
    pub parent_id: Option<i64>,
    /// Population.
    pub population: Option<i64>,
    /// Year of the population.
    pub population_year: Option<i64>,
    /// Source of the population.
    pub population_source: Option<&'a str>,
    /// GeoJSON geometry and its bounding box `[min_lon, min_lat, max_lon, max_lat]`.
    pub boundary: Option<(String, [f64; 4])>,
}

/// Creates or updates the unit with this level and code; returns its id and whether it is new.
pub async fn upsert(db: &Db, unit: &NewTerritory<'_>) -> Result<(i64, bool), sqlx::Error> {
    let existing = by_level_code(db, unit.level, unit.code).await?;
    let (geometry, bbox) = match &unit.boundary {
        Some((g, b)) => (Some(g.as_str()), Some(*b)),
        None => (None, None),
    };
    let b = |i: usize| bbox.map(|b| b[i]);
    let id = existing.as_ref().map_or_else(new_id, |t| t.id);
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO territories (id, level, code, name, parent_id, population, population_year,
             population_source, geometry, min_lon, min_lat, max_lon, max_lat, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (level, code) DO UPDATE SET name = excluded.name,
             parent_id = COALESCE(excluded.parent_id, territories.parent_id),
             population = COALESCE(excluded.population, territories.population),
             population_year = COALESCE(excluded.population_year, territories.population_year),
             population_source = COALESCE(excluded.population_source, territories.population_source),
             geometry = COALESCE(excluded.geometry, territories.geometry),
             min_lon = COALESCE(excluded.min_lon, territories.min_lon),
             min_lat = COALESCE(excluded.min_lat, territories.min_lat),
             max_lon = COALESCE(excluded.max_lon, territories.max_lon),
             max_lat = COALESCE(excluded.max_lat, territories.max_lat),
             updated_at = excluded.updated_at")
        .bind(id).bind(unit.level).bind(unit.code).bind(unit.name).bind(unit.parent_id)
        .bind(unit.population).bind(unit.population_year).bind(unit.population_source)
        .bind(geometry).bind(b(0)).bind(b(1)).bind(b(2)).bind(b(3)).bind(now_ms())
        .execute(pool).await.map(|_| ()))?;
    Ok((id, existing.is_none()))
}

macro_rules! select {
    ($tail:literal) => {
        concat!("SELECT id, level, code, name, parent_id, population, population_year, population_source FROM territories ", $tail)
    };
}

/// The unit with this level and code.
pub async fn by_level_code(
    db: &Db,
    level: &str,
    code: &str,
) -> Result<Option<Territory>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(select!("WHERE level = $1 AND code = $2"))
        .bind(level).bind(code).fetch_optional(pool).await)
}

/// A unit by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Territory>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(select!("WHERE id = $1")).bind(id).fetch_optional(pool).await)
}

/// A unit with this code at another level than `not_level` (to find a parent by its code).
pub async fn parent_by_code(
    db: &Db,
    code: &str,
    not_level: &str,
) -> Result<Option<Territory>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(select!("WHERE code = $1 AND level <> $2 ORDER BY level, id LIMIT 1"))
        .bind(code).bind(not_level).fetch_optional(pool).await)
}

/// The units directly under one.
pub async fn children(db: &Db, id: i64) -> Result<Vec<Territory>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(select!("WHERE parent_id = $1 ORDER BY name, code"))
        .bind(id).fetch_all(pool).await)
}

/// Every unit of a level, by name.
pub async fn at_level(db: &Db, level: &str) -> Result<Vec<Territory>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(select!("WHERE level = $1 ORDER BY name, code"))
        .bind(level).fetch_all(pool).await)
}

/// Units whose code is in `codes` (any level but IRIS-like ones are found too).
pub async fn by_codes(db: &Db, codes: &[String]) -> Result<Vec<Territory>, sqlx::Error> {
    let mut found = Vec::new();
    for code in codes {
        let rows: Vec<Territory> = with_db!(db, pool => sqlx::query_as(select!("WHERE code = $1 ORDER BY level"))
            .bind(code).fetch_all(pool).await)?;
        found.extend(rows);
    }
    Ok(found)
}

/// The chain of units containing this one, nearest first.
pub async fn ancestors(db: &Db, id: i64) -> Result<Vec<Territory>, sqlx::Error> {
    let mut chain = Vec::new();
    let mut next = by_id(db, id).await?.and_then(|t| t.parent_id);
    while let Some(parent_id) = next {
        if chain.iter().any(|t: &Territory| t.id == parent_id) || chain.len() > 16 {
            break;
        }
        let Some(parent) = by_id(db, parent_id).await? else {
            break;
        };
        next = parent.parent_id;
        chain.push(parent);
    }
    Ok(chain)
}

/// Every unit under the given ones (at any depth) that has a boundary, with the given ones.
pub async fn shapes_under(db: &Db, root_ids: &[i64]) -> Result<Vec<Shape>, sqlx::Error> {
    let mut shapes = Vec::new();
    for root in root_ids {
        let rows: Vec<Shape> = with_db!(db, pool => sqlx::query_as(
            "WITH RECURSIVE tree (id) AS (
                 SELECT id FROM territories WHERE id = $1
                 UNION SELECT t.id FROM territories t JOIN tree ON t.parent_id = tree.id)
             SELECT t.id, t.level, t.code, t.name, t.parent_id, t.population, t.geometry
             FROM territories t JOIN tree ON tree.id = t.id
             WHERE t.geometry IS NOT NULL ORDER BY t.name, t.code")
            .bind(root).fetch_all(pool).await)?;
        shapes.extend(rows);
    }
    shapes.sort_by_key(|s| s.id);
    shapes.dedup_by_key(|s| s.id);
    Ok(shapes)
}

/// Every unit of a level that has a boundary.
pub async fn shapes_at_level(db: &Db, level: &str) -> Result<Vec<Shape>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT id, level, code, name, parent_id, population, geometry FROM territories
         WHERE level = $1 AND geometry IS NOT NULL ORDER BY code")
        .bind(level).fetch_all(pool).await)
}

/// A value that changes whenever territories change (to refresh caches).
pub async fn revision(db: &Db) -> Result<(i64, i64), sqlx::Error> {
    let (count, latest): (i64, Option<i64>) = db
        .read_kept_optional(
            Family::Contributions,
            "SELECT COUNT(*), MAX(updated_at) FROM territories",
            &[],
        )
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    Ok((count, latest.unwrap_or(0)))
}

/// How many units exist at each level.
pub async fn count_by_level(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT level, COUNT(*) FROM territories GROUP BY level ORDER BY COUNT(*)").fetch_all(pool).await)
}

/// The units of one level under the given ones (at any depth), by name.
pub async fn units_under(
    db: &Db,
    root_ids: &[i64],
    level: &str,
) -> Result<Vec<Territory>, sqlx::Error> {
    let mut units: Vec<Territory> = Vec::new();
    for root in root_ids {
        let rows: Vec<Territory> = with_db!(db, pool => sqlx::query_as(
            "WITH RECURSIVE tree (id) AS (
                 SELECT id FROM territories WHERE id = $1
                 UNION SELECT t.id FROM territories t JOIN tree ON t.parent_id = tree.id)
             SELECT t.id, t.level, t.code, t.name, t.parent_id, t.population, t.population_year, t.population_source
             FROM territories t JOIN tree ON tree.id = t.id WHERE t.level = $2")
            .bind(root).bind(level).fetch_all(pool).await)?;
        units.extend(rows);
    }
    units.sort_by_cached_key(|t| textkit::normalize::fold(&t.name));
    units.dedup_by_key(|t| t.id);
    Ok(units)
}
