//! Moving a SQLite installation up to PostgreSQL: the target is migrated to the same schema and
//! must hold no row; every table is copied in one transaction with triggers and foreign-key
//! checks set aside (`session_replication_role = replica`: counters are copied as they are,
//! not counted again), identity sequences are set past the copied ids, then every table is
//! verified: the same number of rows and the same checksum on both sides (each row written
//! canonically, hashed with SHA-256, the hashes summed so that row order does not matter).

use std::path::Path;

use rusqlite::types::Value as Cell;
use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, Row};

use crate::platform::db::{Db, migrate};

/// A table copied: its name, rows and checksum on each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// Table.
    pub table: String,
    /// Rows in SQLite.
    pub rows: i64,
    /// Rows found in PostgreSQL afterwards.
    pub found: i64,
    /// Checksum of the SQLite rows.
    pub checksum: u64,
    /// Checksum of the PostgreSQL rows.
    pub found_checksum: u64,
}

impl Copied {
    /// Whether both sides hold the same rows.
    pub fn verified(&self) -> bool {
        self.rows == self.found && self.checksum == self.found_checksum
    }
}

/// Bound parameters per INSERT (PostgreSQL allows 65,535).
const PARAMETERS_PER_INSERT: usize = 30_000;

/// A value written canonically for the checksum.
fn canonical(cell: &Cell) -> String {
    match cell {
        Cell::Null => "\u{2205}".into(),
        Cell::Integer(i) => i.to_string(),
        Cell::Real(r) => format!("{r:?}"),
        Cell::Text(t) => t.clone(),
        Cell::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

/// Adds a row's hash to a checksum.
fn add_row(sum: u64, cells: &[Cell]) -> u64 {
    let mut hasher = Sha256::new();
    for cell in cells {
        hasher.update(canonical(cell).as_bytes());
        hasher.update([0x1f]);
    }
    let digest = hasher.finalize();
    sum.wrapping_add(u64::from_le_bytes(digest[..8].try_into().expect("8 bytes")))
}

/// A table of the SQLite file: its columns and rows.
struct SourceTable {
    name: String,
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// The SQLite tables to copy (not SQLite's own, not the migrations' ledger), by name.
fn table_names(source: &rusqlite::Connection) -> rusqlite::Result<Vec<String>> {
    let mut statement = source.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name <> 'schema_migrations' ORDER BY name",
    )?;
    statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()
}

/// Reads one SQLite table whole.
fn read_table(source: &rusqlite::Connection, name: &str) -> rusqlite::Result<SourceTable> {
    let mut info = source.prepare(&format!(
        "SELECT name FROM pragma_table_info('{name}') ORDER BY cid"
    ))?;
    let columns: Vec<String> = info
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut select = source.prepare(&format!("SELECT {list} FROM \"{name}\""))?;
    let width = columns.len();
    let rows = select
        .query_map([], |row| {
            (0..width).map(|i| row.get::<_, Cell>(i)).collect()
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SourceTable {
        name: name.to_owned(),
        columns,
        rows,
    })
}

/// Why a move stopped.
#[derive(Debug)]
pub enum MoveError {
    /// The target is not PostgreSQL.
    NotPostgres,
    /// A table of the target already holds rows.
    NotEmpty(String),
    /// A SQLite table the target does not have (a schema from another version).
    MissingTable(String),
    /// Reading SQLite failed.
    Source(String),
    /// Writing or reading PostgreSQL failed.
    Target(String),
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveError::NotPostgres => {
                write!(f, "la cible doit être une base PostgreSQL (postgres://…)")
            }
            MoveError::NotEmpty(table) => write!(
                f,
                "la base PostgreSQL n'est pas vide (table « {table} ») : utilisez une base neuve"
            ),
            MoveError::MissingTable(table) => {
                write!(
                    f,
                    "la table « {table} » n'existe pas dans la cible : mettez Concerto à jour"
                )
            }
            MoveError::Source(why) => write!(f, "lecture de la base SQLite : {why}"),
            MoveError::Target(why) => write!(f, "écriture dans PostgreSQL : {why}"),
        }
    }
}

impl std::error::Error for MoveError {}

fn target_error(error: sqlx::Error) -> MoveError {
    MoveError::Target(error.to_string())
}

/// Binds one value as its PostgreSQL column's type wants it.
fn bind<'q>(
    query: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    cell: &Cell,
    pg_type: &str,
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    match (pg_type, cell) {
        ("bigint", Cell::Integer(i)) => query.bind(*i),
        ("bigint", _) => query.bind(None::<i64>),
        ("integer", Cell::Integer(i)) => query.bind(*i as i32),
        ("integer", _) => query.bind(None::<i32>),
        ("double precision", Cell::Real(r)) => query.bind(*r),
        ("double precision", Cell::Integer(i)) => query.bind(*i as f64),
        ("double precision", _) => query.bind(None::<f64>),
        ("bytea", Cell::Blob(b)) => query.bind(b.clone()),
        ("bytea", _) => query.bind(None::<Vec<u8>>),
        ("boolean", Cell::Integer(i)) => query.bind(*i != 0),
        ("boolean", _) => query.bind(None::<bool>),
        (_, Cell::Null) => query.bind(None::<String>),
        (_, cell) => query.bind(canonical(cell)),
    }
}

/// A PostgreSQL value read back as SQLite would hold it, for the checksum.
fn read_back(row: &sqlx::postgres::PgRow, i: usize, pg_type: &str) -> Result<Cell, sqlx::Error> {
    Ok(match pg_type {
        "bigint" => row
            .try_get::<Option<i64>, _>(i)?
            .map_or(Cell::Null, Cell::Integer),
        "integer" => row
            .try_get::<Option<i32>, _>(i)?
            .map_or(Cell::Null, |v| Cell::Integer(v.into())),
        "double precision" => row
            .try_get::<Option<f64>, _>(i)?
            .map_or(Cell::Null, Cell::Real),
        "bytea" => row
            .try_get::<Option<Vec<u8>>, _>(i)?
            .map_or(Cell::Null, Cell::Blob),
        "boolean" => row
            .try_get::<Option<bool>, _>(i)?
            .map_or(Cell::Null, |b| Cell::Integer(b.into())),
        _ => row
            .try_get::<Option<String>, _>(i)?
            .map_or(Cell::Null, Cell::Text),
    })
}

/// Copies the SQLite file at `source` into the PostgreSQL database `target`, then verifies
/// every table; returns what each table holds on both sides.
pub async fn move_to(source: &Path, target: &Db) -> Result<Vec<Copied>, MoveError> {
    let Db::Postgres(pool, _) = target else {
        return Err(MoveError::NotPostgres);
    };
    migrate(target).await.map_err(target_error)?;
    let path = source.to_owned();
    let names = tokio::task::spawn_blocking(move || {
        let connection = rusqlite::Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        table_names(&connection)
    })
    .await
    .map_err(|e| MoveError::Source(e.to_string()))?
    .map_err(|e| MoveError::Source(e.to_string()))?;
    let types: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema()",
    )
    .fetch_all(pool)
    .await
    .map_err(target_error)?;
    for name in &names {
        if !types.iter().any(|(t, _, _)| t == name) {
            return Err(MoveError::MissingTable(name.clone()));
        }
        let (rows,): (i64,) =
            sqlx::query_as(AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{name}\"")))
                .fetch_one(pool)
                .await
                .map_err(target_error)?;
        if rows > 0 {
            return Err(MoveError::NotEmpty(name.clone()));
        }
    }
    let type_of = |table: &str, column: &str| -> String {
        types
            .iter()
            .find(|(t, c, _)| t == table && c == column)
            .map_or_else(|| "text".to_owned(), |(_, _, d)| d.clone())
    };

    let mut copied = Vec::new();
    let mut columns_of: Vec<Vec<String>> = Vec::new();
    let mut tx = pool.begin().await.map_err(target_error)?;
    sqlx::query("SET LOCAL session_replication_role = replica")
        .execute(&mut *tx)
        .await
        .map_err(target_error)?;
    for name in &names {
        let path = source.to_owned();
        let table_name = name.clone();
        let table = tokio::task::spawn_blocking(move || {
            let connection = rusqlite::Connection::open_with_flags(
                &path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )?;
            read_table(&connection, &table_name)
        })
        .await
        .map_err(|e| MoveError::Source(e.to_string()))?
        .map_err(|e| MoveError::Source(e.to_string()))?;
        let pg_types: Vec<String> = table.columns.iter().map(|c| type_of(name, c)).collect();
        let column_list = table
            .columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let width = table.columns.len().max(1);
        for chunk in table.rows.chunks((PARAMETERS_PER_INSERT / width).max(1)) {
            let mut sql = format!("INSERT INTO \"{}\" ({column_list}) VALUES ", table.name);
            let mut n = 0;
            for (r, _) in chunk.iter().enumerate() {
                if r > 0 {
                    sql.push(',');
                }
                sql.push('(');
                for c in 0..table.columns.len() {
                    if c > 0 {
                        sql.push(',');
                    }
                    n += 1;
                    sql.push_str(&format!("${n}"));
                }
                sql.push(')');
            }
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for row in chunk {
                for (cell, pg_type) in row.iter().zip(&pg_types) {
                    query = bind(query, cell, pg_type);
                }
            }
            query.execute(&mut *tx).await.map_err(target_error)?;
        }
        copied.push(Copied {
            table: name.clone(),
            rows: table.rows.len() as i64,
            found: 0,
            checksum: table.rows.iter().fold(0, |sum, row| add_row(sum, row)),
            found_checksum: 0,
        });
        columns_of.push(table.columns.clone());
        // Identity columns (whole numbers) continue after the copied ids.
        for (column, _) in table
            .columns
            .iter()
            .zip(&pg_types)
            .filter(|(_, t)| matches!(t.as_str(), "bigint" | "integer"))
        {
            sqlx::query(AssertSqlSafe(format!(
                "SELECT setval(seq, GREATEST((SELECT COALESCE(MAX(\"{column}\"), 0) FROM \"{name}\"), 1))
                 FROM (SELECT pg_get_serial_sequence('\"{name}\"', '{column}') AS seq) s
                 WHERE seq IS NOT NULL"
            )))
            .execute(&mut *tx)
            .await
            .map_err(target_error)?;
        }
    }
    tx.commit().await.map_err(target_error)?;

    for (table, columns) in copied.iter_mut().zip(&columns_of) {
        let pg_types: Vec<String> = columns.iter().map(|c| type_of(&table.table, c)).collect();
        let list = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT {list} FROM \"{}\"",
            table.table
        )))
        .fetch_all(pool)
        .await
        .map_err(target_error)?;
        let mut sum = 0u64;
        for row in &rows {
            let cells = pg_types
                .iter()
                .enumerate()
                .map(|(i, t)| read_back(row, i, t))
                .collect::<Result<Vec<_>, _>>()
                .map_err(target_error)?;
            sum = add_row(sum, &cells);
        }
        table.found = rows.len() as i64;
        table.found_checksum = sum;
    }
    Ok(copied)
}
