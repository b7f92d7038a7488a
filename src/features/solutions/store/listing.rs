//! Lists of a process's solutions: a filter's page (keyset pagination), its count when the
//! counters cannot tell, the placed ones for the planisphère, and the counters.

use crate::features::solutions::rules::{Answer, Order};
use crate::platform::db::Db;
use crate::platform::db::direct::Value;
use crate::sqlite_row;

/// Which solutions of a process to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this theme (`Some(None)`: none).
    pub theme: Option<Option<i64>>,
    /// Only solutions placed in these territories (a commune, or an EPCI and its communes).
    pub territories: Option<Vec<i64>>,
    /// Only this stage.
    pub stage: Option<i64>,
    /// Every one of these search terms.
    pub terms: Vec<String>,
}

impl Filter {
    /// Whether the counters can answer for this filter (they count by theme, place and
    /// stage, not by words).
    pub fn counted_by_counters(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Appends a filter's conditions, numbering parameters after those already there.
fn conditions(process_id: i64, filter: &Filter, sql: &mut String, params: &mut Vec<Value>) {
    params.push(Value::Int(process_id));
    sql.push_str(" WHERE s.process_id = $1 AND s.status = 'published'");
    match filter.theme {
        Some(Some(theme)) => {
            params.push(Value::Int(theme));
            sql.push_str(&format!(" AND s.theme_id = ${}", params.len()));
        }
        Some(None) => sql.push_str(" AND s.theme_id IS NULL"),
        None => {}
    }
    if let Some(stage) = filter.stage {
        params.push(Value::Int(stage));
        sql.push_str(&format!(" AND s.stage_id = ${}", params.len()));
    }
    if let Some(places) = filter.territories.as_deref() {
        let mut numbers = Vec::new();
        for place in places {
            params.push(Value::Int(*place));
            numbers.push(format!("${}", params.len()));
        }
        sql.push_str(&format!(" AND +s.territory_id IN ({})", numbers.join(", ")));
    }
    for term in &filter.terms {
        params.push(Value::Text(term.clone()));
        sql.push_str(&format!(
            " AND s.id IN (SELECT solution_id FROM solution_terms WHERE term = ${})",
            params.len()
        ));
    }
}

/// Characters of the description a list receives.
pub const EXCERPT_CHARS: usize = 240;

/// A solution as a list shows it (theme, place and stage names come from cached settings).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ListedSolution {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// The start of the description.
    pub excerpt: String,
    /// Theme.
    pub theme_id: Option<i64>,
    /// Commune or EPCI.
    pub territory_id: Option<i64>,
    /// Stage.
    pub stage_id: Option<i64>,
    /// Progress.
    pub progress: i64,
    /// The official answer.
    pub answer: Option<Answer>,
    /// The organisation carrying it.
    pub organisation: String,
    /// Supports.
    pub supports_count: i64,
    /// Proposal time.
    pub created_at: i64,
    /// Last follow-up.
    pub updated_at: i64,
}

impl ListedSolution {
    /// Its value of what `order` sorts by (the first half of the next page's cursor).
    pub fn key(&self, order: Order) -> i64 {
        match order {
            Order::Recent => self.created_at,
            Order::Supported => self.supports_count,
            Order::Advanced => self.progress,
            Order::Updated => self.updated_at,
        }
    }
}

sqlite_row!(ListedSolution {
    id,
    title,
    excerpt,
    theme_id,
    territory_id,
    stage_id,
    progress,
    answer,
    organisation,
    supports_count,
    created_at,
    updated_at,
});

/// One page of a process's solutions in `order` (highest first, then by id), after the
/// cursor `(key, id)`; and whether another page follows.
pub async fn list(
    db: &Db,
    process_id: i64,
    filter: &Filter,
    order: Order,
    after: Option<(i64, i64)>,
    limit: i64,
) -> Result<(Vec<ListedSolution>, bool), sqlx::Error> {
    let mut sql = format!(
        "SELECT s.id, s.title, substr(s.body, 1, {EXCERPT_CHARS}) AS excerpt, s.theme_id, s.territory_id,
             s.stage_id, s.progress, s.answer, s.organisation, s.supports_count, s.created_at, s.updated_at
         FROM solutions s"
    );
    let mut params = Vec::new();
    conditions(process_id, filter, &mut sql, &mut params);
    let column = order.column();
    if let Some((key, id)) = after {
        params.push(Value::Int(key));
        params.push(Value::Int(id));
        let (k, i) = (params.len() - 1, params.len());
        sql.push_str(&format!(" AND (s.{column}, s.id) < (${k}, ${i})"));
    }
    sql.push_str(&format!(
        " ORDER BY s.{column} DESC, s.id DESC LIMIT {}",
        limit + 1
    ));
    let mut rows: Vec<ListedSolution> = db.read_all(&sql, &params).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// How many solutions match a filter the counters cannot answer, counting up to `cap`.
pub async fn count_up_to(
    db: &Db,
    process_id: i64,
    filter: &Filter,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    let mut sql = "SELECT COUNT(*) FROM (SELECT 1 FROM solutions s".to_owned();
    let mut params = Vec::new();
    conditions(process_id, filter, &mut sql, &mut params);
    sql.push_str(&format!(" LIMIT {cap}) AS matched"));
    let (n,): (i64,) = db.read_one(&sql, &params).await?;
    Ok(n)
}

/// A placed solution, for the planisphère.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct SolutionPoint {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Its stage.
    pub stage_id: Option<i64>,
    /// Its theme.
    pub theme_id: Option<i64>,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
}

sqlite_row!(SolutionPoint {
    id,
    title,
    stage_id,
    theme_id,
    lon,
    lat
});

/// The newest `limit` placed solutions matching a filter.
pub async fn points(
    db: &Db,
    process_id: i64,
    filter: &Filter,
    limit: i64,
) -> Result<Vec<SolutionPoint>, sqlx::Error> {
    let mut sql =
        "SELECT s.id, s.title, s.stage_id, s.theme_id, s.lon, s.lat FROM solutions s".to_owned();
    let mut params = Vec::new();
    conditions(process_id, filter, &mut sql, &mut params);
    sql.push_str(&format!(
        " AND s.lon IS NOT NULL AND s.lat IS NOT NULL ORDER BY s.created_at DESC, s.id DESC LIMIT {limit}"
    ));
    db.read_all(&sql, &params).await
}

/// Published solutions by `(theme, territory, stage, count)` (0: none), from the counters.
pub async fn counts(db: &Db, process_id: i64) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    db.read_all(
        "SELECT theme_id, territory_id, stage_id, count FROM solution_counts
         WHERE process_id = $1 AND count > 0",
        &[Value::Int(process_id)],
    )
    .await
}
