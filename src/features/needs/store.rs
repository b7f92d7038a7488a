//! Needs, their search terms, supports and comments. Lists use keyset pagination and counters
//! kept on each need, so a deep page costs what the first one does.

use crate::features::needs::rules::{NeedStatus, Source};
use crate::features::processes::rules::Status;
use crate::platform::clock::new_id;
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::platform::db::kept::Family;
use crate::{sqlite_row, with_db, with_db_write};

/// What a new need holds.
#[derive(Clone, Debug)]
pub struct NewNeed<'a> {
    /// Process.
    pub process_id: i64,
    /// Title.
    pub title: &'a str,
    /// Description.
    pub body: &'a str,
    /// Theme, if chosen.
    pub theme_id: Option<i64>,
    /// Commune, if known.
    pub territory_id: Option<i64>,
    /// `[longitude, latitude]`, if placed on the map.
    pub point: Option<[f64; 2]>,
    /// Where it comes from.
    pub source: Source,
    /// Who wrote it, when signed in.
    pub author_id: Option<i64>,
    /// Who typed it in (a facilitator, for workshops).
    pub entered_by: Option<i64>,
    /// The workshop where it was voiced.
    pub workshop_id: Option<i64>,
    /// Supports counted on another platform (imports); 0 otherwise.
    pub imported_supports: i64,
    /// Search terms of title and description.
    pub terms: &'a [String],
    /// When it was written (imports keep their dates).
    pub created_at: i64,
    /// Its id on the platform it was imported from.
    pub external_id: Option<&'a str>,
}

/// Stores needs and their search terms in one transaction: all of them or none.
pub async fn create_many(db: &Db, needs: &[NewNeed<'_>]) -> Result<Vec<i64>, sqlx::Error> {
    let ids: Vec<i64> = needs.iter().map(|_| new_id()).collect();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (need, id) in needs.iter().zip(&ids) {
            let (lon, lat) = (need.point.map(|p| p[0]), need.point.map(|p| p[1]));
            sqlx::query(
                "INSERT INTO needs (id, process_id, title, body, theme_id, territory_id, lon, lat, source,
                     author_id, entered_by, workshop_id, status, supports_count, comments_count, created_at,
                     external_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'published', $14, 0, $13, $15)")
                .bind(id).bind(need.process_id).bind(need.title).bind(need.body).bind(need.theme_id)
                .bind(need.territory_id).bind(lon).bind(lat).bind(need.source).bind(need.author_id)
                .bind(need.entered_by).bind(need.workshop_id).bind(need.created_at).bind(need.imported_supports)
                .bind(need.external_id)
                .execute(&mut *tx).await?;
            for term in need.terms {
                sqlx::query("INSERT INTO need_terms (term, need_id, created_at) VALUES ($1, $2, $3)
                             ON CONFLICT (term, need_id) DO NOTHING")
                    .bind(term).bind(id).bind(need.created_at).execute(&mut *tx).await?;
            }
        }
        tx.commit().await
    })?;
    Ok(ids)
}

/// A need as pages show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Need {
    /// Id.
    pub id: i64,
    /// Process.
    pub process_id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub body: String,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Theme name.
    pub theme_name: Option<String>,
    /// Theme colour.
    pub theme_colour: Option<String>,
    /// Commune.
    pub territory_id: Option<i64>,
    /// Commune name.
    pub territory_name: Option<String>,
    /// Commune code.
    pub territory_code: Option<String>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Where it comes from.
    pub source: Source,
    /// The workshop where it was voiced.
    pub workshop_title: Option<String>,
    /// Author's account.
    pub author_id: Option<i64>,
    /// Author's display name (none once the account is deleted).
    pub author_name: Option<String>,
    /// Where it stands.
    pub status: NeedStatus,
    /// Why moderation hid it.
    pub moderation_reason: Option<String>,
    /// The need it was merged into, once merged.
    pub merged_into: Option<i64>,
    /// Supports.
    pub supports_count: i64,
    /// Comments.
    pub comments_count: i64,
    /// Creation time.
    pub created_at: i64,
}

const NEED_COLUMNS: &str = "SELECT n.id, n.process_id, n.title, n.body, n.theme_id, th.name AS theme_name,
    th.colour AS theme_colour, n.territory_id, t.name AS territory_name, t.code AS territory_code,
    n.lon, n.lat, n.source, w.title AS workshop_title, n.author_id, u.display_name AS author_name, n.status, n.moderation_reason,
    n.merged_into, n.supports_count, n.comments_count, n.created_at";

const NEED_JOINS: &str = "LEFT JOIN themes th ON th.id = n.theme_id
    LEFT JOIN events w ON w.id = n.workshop_id
    LEFT JOIN territories t ON t.id = n.territory_id
    LEFT JOIN users u ON u.id = n.author_id";

sqlite_row!(Need {
    id,
    process_id,
    title,
    body,
    theme_id,
    theme_name,
    theme_colour,
    territory_id,
    territory_name,
    territory_code,
    lon,
    lat,
    source,
    workshop_title,
    author_id,
    author_name,
    status,
    moderation_reason,
    merged_into,
    supports_count,
    comments_count,
    created_at,
});

/// A need by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Need>, sqlx::Error> {
    let sql = format!("{NEED_COLUMNS} FROM needs n {NEED_JOINS} WHERE n.id = $1");
    db.read_optional(&sql, &[Value::Int(id)]).await
}

/// A need's status and its process's status (whether it may be supported).
pub async fn standing(db: &Db, id: i64) -> Result<Option<(NeedStatus, Status)>, sqlx::Error> {
    db.read_optional(
        "SELECT n.status, p.status FROM needs n JOIN processes p ON p.id = n.process_id
         WHERE n.id = $1",
        &[Value::Int(id)],
    )
    .await
}

/// How a list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// Newest first.
    Recent,
    /// Most supported first.
    Supported,
}

/// Which needs of a process to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this theme (`Some(None)`: needs without a theme).
    pub theme: Option<Option<i64>>,
    /// Only needs in these communes (one commune, or an EPCI and its communes).
    pub territories: Option<Vec<i64>>,
    /// Only this source.
    pub source: Option<Source>,
    /// Every one of these search terms.
    pub terms: Vec<String>,
}

impl Filter {
    /// Whether the counters kept by the triggers can answer for this filter (they count by
    /// theme and place, not by source or words).
    pub fn counted_by_counters(&self) -> bool {
        self.source.is_none() && self.terms.is_empty()
    }
}

/// Where a page of results starts: the sort value and id of the last row of the previous page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// `created_at` or `supports_count` of the last row.
    pub key: i64,
    /// Its id.
    pub id: i64,
}

/// What a query walks to find its needs, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Walk {
    /// The needs themselves, newest first.
    Needs,
    /// The first search term's rows, newest first, then their needs.
    Term,
    /// The needs' ranks (`need_ranks`, narrow, kept by triggers), most supported first, then
    /// their needs.
    Ranks,
}

impl Walk {
    /// The tables, in the order walked: `CROSS JOIN` tells SQLite to keep that order
    /// (PostgreSQL plans it as any join); the join condition is in `conditions`.
    fn tables(self) -> &'static str {
        match self {
            Walk::Needs => "needs n",
            Walk::Term => "need_terms nt CROSS JOIN needs n",
            Walk::Ranks => "need_ranks r CROSS JOIN needs n",
        }
    }

    /// The key walked in descending order, and the id that breaks its ties.
    fn order(self) -> (&'static str, &'static str) {
        match self {
            Walk::Needs => ("n.created_at", "n.id"),
            Walk::Term => ("nt.created_at", "nt.need_id"),
            Walk::Ranks => ("r.supports_count", "r.need_id"),
        }
    }
}

/// Appends the conditions of a filter, numbering parameters after those already there. The
/// first search term is left out when the query walks that term's rows; process, status and
/// commune are asked of the ranks when it walks them (their index holds them).
fn conditions(
    process_id: i64,
    filter: &Filter,
    walk: Walk,
    sql: &mut String,
    params: &mut Vec<Value>,
) {
    let place = if walk == Walk::Ranks { "r" } else { "n" };
    params.push(Value::Int(process_id));
    sql.push_str(&format!(
        " WHERE {place}.process_id = $1 AND {place}.status = 'published'"
    ));
    if walk == Walk::Ranks {
        sql.push_str(" AND n.id = r.need_id");
    }
    match filter.theme {
        Some(Some(theme)) => {
            params.push(Value::Int(theme));
            sql.push_str(&format!(" AND n.theme_id = ${}", params.len()));
        }
        Some(None) => sql.push_str(" AND n.theme_id IS NULL"),
        None => {}
    }
    match filter.territories.as_deref() {
        Some([commune]) => {
            params.push(Value::Int(*commune));
            sql.push_str(&format!(" AND {place}.territory_id = ${}", params.len()));
        }
        Some(places) => {
            let mut numbers = Vec::new();
            for place in places {
                params.push(Value::Int(*place));
                numbers.push(format!("${}", params.len()));
            }
            // The unary plus keeps the planner on the date index: walking needs in date order
            // and keeping those of the EPCI beats sorting all of them.
            sql.push_str(&format!(
                " AND +{place}.territory_id IN ({})",
                numbers.join(", ")
            ));
        }
        None => {}
    }
    if let Some(source) = filter.source {
        params.push(Value::Text(source.as_str().to_owned()));
        sql.push_str(&format!(" AND n.source = ${}", params.len()));
    }
    let skip = usize::from(walk == Walk::Term);
    if walk == Walk::Term
        && let Some(first) = filter.terms.first()
    {
        params.push(Value::Text(first.clone()));
        sql.push_str(&format!(
            " AND n.id = nt.need_id AND nt.term = ${}",
            params.len()
        ));
    }
    for term in filter.terms.iter().skip(skip) {
        params.push(Value::Text(term.clone()));
        sql.push_str(&format!(
            " AND n.id IN (SELECT need_id FROM need_terms WHERE term = ${})",
            params.len()
        ));
    }
}

/// Characters of the description a list receives (it shows fewer).
pub const EXCERPT_CHARS: usize = 240;

/// A need as a list shows it: names of theme and commune come from the process's cached
/// settings, so the query joins nothing.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ListedNeed {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// The start of the description (`EXCERPT_CHARS`).
    pub excerpt: String,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Commune.
    pub territory_id: Option<i64>,
    /// Where it comes from.
    pub source: Source,
    /// Supports.
    pub supports_count: i64,
    /// Comments.
    pub comments_count: i64,
    /// Creation time.
    pub created_at: i64,
}

sqlite_row!(ListedNeed {
    id,
    title,
    excerpt,
    theme_id,
    territory_id,
    source,
    supports_count,
    comments_count,
    created_at,
});

/// One page of a process's needs, and whether another page follows. A search in date order
/// walks the first term's rows by date, so it costs what an unfiltered page does.
pub async fn list(
    db: &Db,
    process_id: i64,
    filter: &Filter,
    sort: Sort,
    after: Option<Cursor>,
    limit: i64,
) -> Result<(Vec<ListedNeed>, bool), sqlx::Error> {
    let walk = match sort {
        Sort::Recent if !filter.terms.is_empty() => Walk::Term,
        Sort::Recent => Walk::Needs,
        Sort::Supported => Walk::Ranks,
    };
    let (key, id) = walk.order();
    let mut sql = format!(
        "SELECT n.id, n.title, substr(n.body, 1, {EXCERPT_CHARS}) AS excerpt, n.theme_id, n.territory_id,
             n.source, n.supports_count, n.comments_count, n.created_at FROM {}",
        walk.tables()
    );
    let mut params = Vec::new();
    conditions(process_id, filter, walk, &mut sql, &mut params);
    if let Some(cursor) = after {
        params.push(Value::Int(cursor.key));
        params.push(Value::Int(cursor.id));
        let (k, i) = (params.len() - 1, params.len());
        // A row comparison, which both engines answer from the index.
        sql.push_str(&format!(" AND ({key}, {id}) < (${k}, ${i})"));
    }
    sql.push_str(&format!(
        " ORDER BY {key} DESC, {id} DESC LIMIT {}",
        limit + 1
    ));
    let mut rows: Vec<ListedNeed> = db.read_kept(Family::Contributions, &sql, &params).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// How many needs match a filter, counting no further than `cap` (for filters the counters
/// cannot answer: search and source). A search walks its first term's rows.
pub async fn count_up_to(
    db: &Db,
    process_id: i64,
    filter: &Filter,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    let walk = if filter.terms.is_empty() {
        Walk::Needs
    } else {
        Walk::Term
    };
    let mut sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM {}", walk.tables());
    let mut params = Vec::new();
    conditions(process_id, filter, walk, &mut sql, &mut params);
    if walk == Walk::Term {
        // The list's order: PostgreSQL then walks the term's index and stops at the cap
        // instead of gathering every row of a frequent word.
        let (key, id) = walk.order();
        sql.push_str(&format!(" ORDER BY {key} DESC, {id} DESC"));
    }
    sql.push_str(&format!(" LIMIT {cap}) AS matched"));
    let (n,): (i64,) = db.read_one(&sql, &params).await?;
    Ok(n)
}

/// Published needs of a process counted by theme and commune (0: none), as the triggers keep
/// them.
pub async fn counts(
    db: &Db,
    process_id: i64,
) -> Result<Vec<crate::features::needs::counts::Cell>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT theme_id, territory_id, count, covered FROM need_counts WHERE process_id = $1 AND count > 0")
        .bind(process_id).fetch_all(pool).await)
}

/// Needs matching a filter, counted by commune (for filters the counters cannot answer).
pub async fn count_by_territory(
    db: &Db,
    process_id: i64,
    filter: &Filter,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let mut sql = "SELECT n.territory_id, COUNT(*) FROM needs n".to_owned();
    let mut params = Vec::new();
    conditions(process_id, filter, Walk::Needs, &mut sql, &mut params);
    sql.push_str(" AND n.territory_id IS NOT NULL GROUP BY n.territory_id");
    db.read_all(&sql, &params).await
}

/// A need placed on the map.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NeedPoint {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Theme colour.
    pub theme_colour: Option<String>,
}

sqlite_row!(NeedPoint {
    id,
    title,
    lon,
    lat,
    theme_colour
});

/// Up to `limit` placed needs matching a filter, newest first.
pub async fn points(
    db: &Db,
    process_id: i64,
    filter: &Filter,
    limit: i64,
) -> Result<Vec<NeedPoint>, sqlx::Error> {
    let mut sql = "SELECT n.id, n.title, n.lon, n.lat, th.colour AS theme_colour FROM needs n
        LEFT JOIN themes th ON th.id = n.theme_id"
        .to_owned();
    let mut params = Vec::new();
    conditions(process_id, filter, Walk::Needs, &mut sql, &mut params);
    sql.push_str(&format!(" AND n.lon IS NOT NULL AND n.lat IS NOT NULL ORDER BY n.created_at DESC, n.id DESC LIMIT {limit}"));
    db.read_all(&sql, &params).await
}

/// Whether someone supports a need.
pub async fn supports(db: &Db, need_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = db
        .read_optional(
            "SELECT need_id FROM supports WHERE need_id = $1 AND user_id = $2",
            &[Value::Int(need_id), Value::Int(user_id)],
        )
        .await?;
    Ok(row.is_some())
}

/// A need as exported.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ExportRow {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub body: String,
    /// Theme name.
    pub theme_name: Option<String>,
    /// Commune code.
    pub territory_code: Option<String>,
    /// Commune name.
    pub territory_name: Option<String>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Where it comes from.
    pub source: Source,
    /// Workshop title.
    pub workshop: Option<String>,
    /// Author's display name, if the account still exists.
    pub author_name: Option<String>,
    /// Where it stands.
    pub status: NeedStatus,
    /// Moderation reason.
    pub moderation_reason: Option<String>,
    /// The need it was merged into.
    pub merged_into: Option<i64>,
    /// Supports.
    pub supports_count: i64,
    /// Comments.
    pub comments_count: i64,
    /// Creation time.
    pub created_at: i64,
}

/// Every need of a process for export, oldest first; hidden and merged ones only when asked.
pub async fn export(
    db: &Db,
    process_id: i64,
    published_only: bool,
) -> Result<Vec<ExportRow>, sqlx::Error> {
    let condition = if published_only {
        "AND n.status = 'published'"
    } else {
        ""
    };
    let sql = format!(
        "SELECT n.id, n.title, n.body, th.name AS theme_name, t.code AS territory_code, t.name AS territory_name,
             n.lon, n.lat, n.source, e.title AS workshop, u.display_name AS author_name,
             n.status, n.moderation_reason, n.merged_into, n.supports_count, n.comments_count, n.created_at
         FROM needs n LEFT JOIN themes th ON th.id = n.theme_id
         LEFT JOIN users u ON u.id = n.author_id
         LEFT JOIN territories t ON t.id = n.territory_id
         LEFT JOIN events e ON e.id = n.workshop_id
         WHERE n.process_id = $1 {condition} ORDER BY n.created_at, n.id"
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(process_id).fetch_all(pool).await)
}
