//! The observatory's SQL: census datasets (one per import, with its report) and their figures
//! per unit; the units and figures under a unit; what the consultation gathered there.

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::{Db, placeholders};
use crate::{with_db, with_db_write};

/// An imported table.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Dataset {
    /// Id.
    pub id: i64,
    /// What the team called it.
    pub title: String,
    /// Its source, as cited under every figure.
    pub source: String,
    /// Its licence.
    pub licence: String,
    /// The level of its rows (`iris`, `commune`).
    pub level: String,
    /// The latest year its figures describe.
    pub year: i64,
    /// Its figure columns with their years, as JSON `[["P16_POP0014", 2016], …]`.
    pub columns: String,
    /// Columns read past, as JSON.
    pub ignored: String,
    /// Rows kept.
    pub rows_kept: i64,
    /// Rows refused.
    pub rows_refused: i64,
    /// When it was imported.
    pub created_at: i64,
}

/// What an import writes.
pub struct NewDataset<'a> {
    /// Title.
    pub title: &'a str,
    /// Source.
    pub source: &'a str,
    /// Licence.
    pub licence: &'a str,
    /// Level of its rows.
    pub level: &'a str,
    /// Latest year.
    pub year: i64,
    /// Columns, JSON.
    pub columns: String,
    /// Ignored columns, JSON.
    pub ignored: String,
    /// Rows kept and refused.
    pub counts: (i64, i64),
    /// Every row's fate, as CSV.
    pub report: String,
    /// Who imported it.
    pub created_by: Option<i64>,
}

/// An IRIS the import creates under its commune.
pub struct NewUnit {
    /// Its new id.
    pub id: i64,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its commune's id.
    pub parent_id: i64,
}

/// Rows per statement in bulk inserts.
const ROWS_PER_STATEMENT: usize = 500;

/// Stores an import in one transaction: the IRIS it creates, the dataset, its figures
/// (`(territory id, JSON values)`), and the legal populations it brings (`(commune id,
/// population)`, kept on the commune when not older than the one it has). Returns its id.
pub async fn save(
    db: &Db,
    dataset: &NewDataset<'_>,
    units: &[NewUnit],
    figures: &[(i64, String)],
    populations: &[(i64, i64)],
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for chunk in units.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO territories (id, level, code, name, parent_id, updated_at) VALUES {}",
                placeholders(chunk.len(), 6));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for unit in chunk {
                query = query.bind(unit.id).bind("iris").bind(&unit.code).bind(&unit.name)
                    .bind(unit.parent_id).bind(now);
            }
            query.execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO census_datasets (id, title, source, licence, level, year, columns, ignored,
                 rows_kept, rows_refused, report, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
            .bind(id).bind(dataset.title).bind(dataset.source).bind(dataset.licence)
            .bind(dataset.level).bind(dataset.year).bind(&dataset.columns).bind(&dataset.ignored)
            .bind(dataset.counts.0).bind(dataset.counts.1).bind(&dataset.report)
            .bind(dataset.created_by).bind(now)
            .execute(&mut *tx).await?;
        for chunk in figures.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO census_figures (dataset_id, territory_id, figures) VALUES {}",
                placeholders(chunk.len(), 3));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (territory, values) in chunk {
                query = query.bind(id).bind(territory).bind(values);
            }
            query.execute(&mut *tx).await?;
        }
        for (commune, population) in populations {
            sqlx::query(
                "UPDATE territories SET population = $1, population_year = $2,
                     population_source = $3, updated_at = $4
                 WHERE id = $5 AND (population_year IS NULL OR population_year <= $2)")
                .bind(population).bind(dataset.year).bind(dataset.source).bind(now).bind(commune)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(id)
}

macro_rules! dataset_columns {
    () => {
        "id, title, source, licence, level, year, columns, ignored, rows_kept, rows_refused, created_at"
    };
}

/// Every dataset, latest first.
pub async fn datasets(db: &Db) -> Result<Vec<Dataset>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(concat!("SELECT ", dataset_columns!(),
        " FROM census_datasets ORDER BY created_at DESC, id DESC")).fetch_all(pool).await)
}

/// A dataset and its report (CSV).
pub async fn dataset_report(db: &Db, id: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as("SELECT title, report FROM census_datasets WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

/// Deletes a dataset and its figures; whether it existed.
pub async fn delete_dataset(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let deleted = with_db_write!(db, pool => sqlx::query("DELETE FROM census_datasets WHERE id = $1")
        .bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(deleted > 0)
}

/// Every unit's `(level, code) → id`, for an import to find its rows' units.
pub async fn unit_ids(db: &Db) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT level, code, id FROM territories WHERE level IN ('commune', 'iris')")
        .fetch_all(pool).await)
}

/// A unit under the one a portrait is of (itself included).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Unit {
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
    /// Legal population.
    pub population: Option<i64>,
}

/// The unit and every unit under it.
pub async fn subtree(db: &Db, root: i64) -> Result<Vec<Unit>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "WITH RECURSIVE tree (id) AS (
             SELECT id FROM territories WHERE id = $1
             UNION SELECT t.id FROM territories t JOIN tree ON t.parent_id = tree.id)
         SELECT t.id, t.level, t.code, t.name, t.parent_id, t.population
         FROM territories t JOIN tree ON tree.id = t.id")
        .bind(root).fetch_all(pool).await)
}

/// A unit's figures from one dataset.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FigureRow {
    /// The unit.
    pub territory_id: i64,
    /// The dataset.
    pub dataset_id: i64,
    /// Its values, JSON, aligned with the dataset's columns.
    pub figures: String,
}

/// The figures of the unit and every unit under it.
pub async fn figures_under(db: &Db, root: i64) -> Result<Vec<FigureRow>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "WITH RECURSIVE tree (id) AS (
             SELECT id FROM territories WHERE id = $1
             UNION SELECT t.id FROM territories t JOIN tree ON t.parent_id = tree.id)
         SELECT f.territory_id, f.dataset_id, f.figures
         FROM census_figures f JOIN tree ON tree.id = f.territory_id")
        .bind(root).fetch_all(pool).await)
}

/// A value that moves whenever figures, territories, published needs or workshops change.
pub async fn revision(db: &Db) -> Result<(i64, i64, i64), sqlx::Error> {
    db.read_one(
        "SELECT (SELECT COUNT(*) FROM census_datasets) + (SELECT COALESCE(MAX(created_at), 0) FROM census_datasets),
                (SELECT CAST(COALESCE(SUM(needs_revision + settings_revision), 0) AS BIGINT) FROM processes),
                (SELECT CAST(COUNT(*) + COALESCE(SUM(attendance), 0) AS BIGINT) FROM events)",
        &[],
    )
    .await
}

/// What the consultation gathered in one commune (processes open to the public).
#[derive(Clone, Debug, Default)]
pub struct Gathered {
    /// The commune.
    pub territory_id: i64,
    /// Published needs.
    pub needs: i64,
    /// People who wrote them (with an account).
    pub authors: i64,
    /// Workshops and events held there.
    pub workshops: i64,
    /// Their attendance.
    pub attendance: i64,
    /// Questionnaire responses submitted by people saying they live there.
    pub answers: i64,
    /// Published solutions placed there.
    pub solutions: i64,
}

/// What was gathered in each of the given units (needs, solutions and events placed in
/// them, answers of people living there).
pub async fn gathered(db: &Db, units: &[i64]) -> Result<Vec<Gathered>, sqlx::Error> {
    let mut found: std::collections::HashMap<i64, Gathered> = std::collections::HashMap::new();
    for chunk in units.chunks(ROWS_PER_STATEMENT) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let needs = format!(
            "SELECT n.territory_id, COUNT(*), COUNT(DISTINCT n.author_id)
             FROM needs n JOIN processes p ON p.id = n.process_id
             WHERE n.status = 'published' AND p.status <> 'draft' AND n.territory_id IN ({list})
             GROUP BY n.territory_id"
        );
        let events = format!(
            "SELECT e.territory_id, COUNT(*), CAST(COALESCE(SUM(e.attendance), 0) AS BIGINT)
             FROM events e JOIN processes p ON p.id = e.process_id
             WHERE p.status <> 'draft' AND e.territory_id IN ({list})
             GROUP BY e.territory_id"
        );
        let answers = format!(
            "SELECT t.id, COUNT(DISTINCT a.response_id), CAST(0 AS BIGINT) FROM territories t
             JOIN questionnaire_answers a ON a.text = t.code
             JOIN questions q ON q.id = a.question_id AND q.kind = 'commune'
             JOIN questionnaire_responses r ON r.id = a.response_id AND r.submitted_at IS NOT NULL
             JOIN questionnaires qn ON qn.id = r.questionnaire_id
             JOIN processes p ON p.id = qn.process_id AND p.status <> 'draft'
             WHERE t.level = 'commune' AND t.id IN ({list})
             GROUP BY t.id"
        );
        let solutions = format!(
            "SELECT s.territory_id, COUNT(*), CAST(0 AS BIGINT) FROM solutions s JOIN processes p ON p.id = s.process_id
             WHERE s.status = 'published' AND p.status <> 'draft' AND s.territory_id IN ({list})
             GROUP BY s.territory_id"
        );
        for (sql, what) in [(needs, 0), (events, 1), (answers, 2), (solutions, 3)] {
            let rows: Vec<(i64, i64, i64)> = with_db!(db, pool => {
                let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    query = query.bind(id);
                }
                query.fetch_all(pool).await
            })?;
            for (territory_id, a, b) in rows {
                let entry = found.entry(territory_id).or_insert_with(|| Gathered {
                    territory_id,
                    ..Gathered::default()
                });
                match what {
                    0 => (entry.needs, entry.authors) = (a, b),
                    1 => (entry.workshops, entry.attendance) = (a, b),
                    2 => entry.answers = a,
                    _ => entry.solutions = a,
                }
            }
        }
    }
    Ok(found.into_values().collect())
}

/// Who took part in the given communes, by category: workshop attendance breakdowns
/// (`category` is `age` or `public`) of public processes' events there and, for ages, the
/// optional profiles of people living there. `(value, people)`.
pub async fn participants_by(
    db: &Db,
    communes: &[i64],
    category: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut found: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for chunk in communes.chunks(ROWS_PER_STATEMENT) {
        let list = (2..chunk.len() + 2)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let attendance = format!(
            "SELECT a.value, CAST(SUM(a.count) AS BIGINT) FROM attendance_counts a
             JOIN events e ON e.id = a.event_id JOIN processes p ON p.id = e.process_id
             WHERE a.category = $1 AND p.status <> 'draft' AND e.territory_id IN ({list})
             GROUP BY a.value"
        );
        let profiles = format!(
            "SELECT age_bracket, COUNT(*) FROM profiles
             WHERE $1 = 'age' AND age_bracket IS NOT NULL AND commune_id IN ({list})
             GROUP BY age_bracket"
        );
        for sql in [attendance, profiles] {
            let rows: Vec<(String, i64)> = with_db!(db, pool => {
                let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(category);
                for id in chunk {
                    query = query.bind(id);
                }
                query.fetch_all(pool).await
            })?;
            for (value, people) in rows {
                *found.entry(value).or_default() += people;
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// Where the published needs of public processes placed in the given communes are
/// (`[longitude, latitude]`; needs without a point are left out).
pub async fn placed_needs(db: &Db, communes: &[i64]) -> Result<Vec<[f64; 2]>, sqlx::Error> {
    let mut points = Vec::new();
    for chunk in communes.chunks(ROWS_PER_STATEMENT) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT n.lon, n.lat FROM needs n JOIN processes p ON p.id = n.process_id
             WHERE n.status = 'published' AND p.status <> 'draft' AND n.lon IS NOT NULL
               AND n.lat IS NOT NULL AND n.territory_id IN ({list})"
        );
        let rows: Vec<(f64, f64)> = with_db!(db, pool => {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                query = query.bind(id);
            }
            query.fetch_all(pool).await
        })?;
        points.extend(rows.into_iter().map(|(lon, lat)| [lon, lat]));
    }
    Ok(points)
}
