//! Storage: one code path over two engines, chosen at run time from the database URL.
//! Every statement is plain SQL written once; `with_db!` runs it on whichever pool is live.

pub mod backup;
pub mod checkpoints;
pub mod direct;
pub mod kept;
pub mod move_to;
pub mod text_enum;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{PgPool, SqlitePool};

use crate::platform::db::direct::SqliteDirect;
use crate::platform::db::kept::{Family, KeptReads};

/// A connection pool on SQLite or PostgreSQL.
#[derive(Clone, Debug)]
pub enum Db {
    /// Embedded SQLite: the zero-configuration default; the busiest reads and writes take
    /// its direct connections (see `direct`).
    Sqlite(SqlitePool, Arc<SqliteDirect>),
    /// PostgreSQL: for several app servers and large processes; the busiest reads are kept
    /// in memory until PostgreSQL says their tables changed (see `kept`).
    Postgres(PgPool, Arc<KeptReads>),
}

/// Runs the same expression on whichever pool `db` holds; `pool` names it inside.
///
/// Both arms compile the same code, so a statement is written once and checked against both
/// drivers' types. On SQLite it first ends the request's shared read (see `direct`).
#[macro_export]
macro_rules! with_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::platform::db::Db::Sqlite($pool, direct) => {
                direct.end_shared_read();
                $body
            }
            $crate::platform::db::Db::Postgres($pool, _) => $body,
        }
    };
}

/// Like `with_db!`, for statements that write. SQLite lets one writer in at a time and makes
/// the others sleep and retry (1, 2, 5… ms); under many concurrent writes that sleeping, not
/// the writing, sets the pace. So on SQLite writers queue here, in order, and each finds the
/// database free. (One queue per database, held by its direct connections.) PostgreSQL
/// writes concurrently and takes no lock here; the contributions' reads it kept are dropped
/// once the write is done, so that what follows on this server reads it (other servers hear
/// of it through the change feed, see `kept`; what writes accounts drops their reads itself).
#[macro_export]
macro_rules! with_db_write {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::platform::db::Db::Sqlite($pool, direct) => {
                direct.end_shared_read();
                let _turn = direct.writers_turn().await;
                $body
            }
            $crate::platform::db::Db::Postgres($pool, kept) => {
                let done = $body;
                kept.written_here();
                done
            }
        }
    };
}

/// `($1, $2, …), ($k+1, …)…`: placeholders for `rows` rows of `columns` values (bulk inserts
/// of many rows in one statement).
pub fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which engine a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// How to open the database.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    /// `sqlite://path/to/file.db` or `postgres://user@host/db`.
    pub url: String,
    /// Most connections the pool keeps open.
    pub max_connections: u32,
    /// PostgreSQL only: the schema to use (tests give each run its own).
    pub pg_schema: Option<String>,
}

impl Db {
    /// Opens a pool; a SQLite file and its folder are created when missing.
    pub async fn connect(options: &ConnectOptions) -> Result<Db, sqlx::Error> {
        let url = options.url.as_str();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut connect = PgConnectOptions::from_str(url)?;
            if let Some(schema) = &options.pg_schema {
                connect = connect.options([("search_path", schema.as_str())]);
            }
            let pool = PgPoolOptions::new()
                .max_connections(options.max_connections)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(connect)
                .await?;
            let kept = KeptReads::follow(&pool);
            Ok(Db::Postgres(pool, kept))
        } else if url.starts_with("sqlite:") {
            let mut connect = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(direct::BUSY_TIMEOUT);
            for (name, value) in direct::WRITER_SETTINGS {
                connect = connect.pragma(name, value);
            }
            if let Some(parent) = connect.get_filename().parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent)?;
            }
            let direct = Arc::new(SqliteDirect::new(connect.get_filename()));
            let pool = SqlitePoolOptions::new()
                .max_connections(options.max_connections)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(connect)
                .await?;
            checkpoints::start(&direct)?;
            Ok(Db::Sqlite(pool, direct))
        } else {
            Err(sqlx::Error::Configuration(
                format!("unsupported database URL (expected sqlite:// or postgres://): {url}")
                    .into(),
            ))
        }
    }

    /// The engine behind this pool.
    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(..) => Engine::Sqlite,
            Db::Postgres(..) => Engine::Postgres,
        }
    }

    /// Whether this server keeps reads now (PostgreSQL, its listener connected; see `kept`).
    pub fn keeps_reads(&self) -> bool {
        matches!(self, Db::Postgres(_, kept) if kept.listening())
    }

    /// Drops the reads `family` kept in memory (PostgreSQL; see `kept`): one of its tables
    /// may have changed through this server.
    pub fn changed_here(&self, family: Family) {
        if let Db::Postgres(_, kept) = self {
            kept.changed_here(family);
        }
    }

    /// Drops the reads kept of every family any write may change (PostgreSQL; see
    /// `KeptReads::written_here`).
    pub fn written_here(&self) {
        if let Db::Postgres(_, kept) = self {
            kept.written_here();
        }
    }

    /// Answers when the database does (used by `/health`).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// Closes every connection.
    pub async fn close(&self) {
        if let Db::Sqlite(_, direct) = self {
            direct.close();
        }
        with_db!(self, pool => pool.close().await)
    }
}

/// One schema change, written for both engines under the same file name.
pub struct Migration {
    /// File name without extension, for example `0001_foundation`.
    pub name: &'static str,
    /// SQL for SQLite.
    pub sqlite: &'static str,
    /// SQL for PostgreSQL.
    pub postgres: &'static str,
}

macro_rules! migration {
    ($name:literal) => {
        Migration {
            name: $name,
            sqlite: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/sqlite/",
                $name,
                ".sql"
            )),
            postgres: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/migrations/postgres/",
                $name,
                ".sql"
            )),
        }
    };
}

/// Every migration, in order, embedded in the binary. A file missing from either folder
/// fails the build.
pub const MIGRATIONS: &[Migration] = &[
    migration!("0001_foundation"),
    migration!("0002_territories_processes"),
    migration!("0003_needs"),
    migration!("0004_moderation"),
    migration!("0005_workshops"),
    migration!("0006_registrations"),
    migration!("0007_profiles"),
    migration!("0008_notifications_attendance"),
    migration!("0009_counters"),
    migration!("0010_syntheses"),
    migration!("0011_opinions"),
    migration!("0012_statement_workshops"),
    migration!("0013_support_counts"),
    migration!("0014_place_in_list_indexes"),
    migration!("0015_mail_queue"),
    migration!("0016_solutions"),
    migration!("0017_comments_media"),
    migration!("0018_solution_orders"),
    migration!("0019_stages_in_settings"),
    migration!("0020_partners"),
    migration!("0021_bourse"),
    migration!("0022_resources_budget"),
    migration!("0023_questionnaires"),
    migration!("0024_observatory"),
    migration!("0025_indicators"),
    migration!("0026_change_feed"),
    migration!("0027_accounts_feed"),
    migration!("0028_questionnaires_feed"),
    migration!("0029_need_ranks"),
];

/// Written in a SQLite migration that rebuilds a table (SQLite's way to change a column):
/// the runner turns foreign keys off around it, so that dropping the old table cascades to
/// nothing, and checks every foreign key before it commits (SQLite's documented procedure).
const REBUILDS_TABLES: &str = "-- concerto: rebuilds tables";

/// Applies the migrations not yet applied; returns the names it applied.
pub async fn migrate(db: &Db) -> Result<Vec<&'static str>, sqlx::Error> {
    const CREATE_LEDGER: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
        name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)";
    let mut applied_now = Vec::new();
    with_db!(db, pool => {
        let mut conn = pool.acquire().await?;
        sqlx::raw_sql(CREATE_LEDGER).execute(&mut *conn).await?;
        for migration in MIGRATIONS {
            let rebuilds = db.engine() == Engine::Sqlite && migration.sqlite.contains(REBUILDS_TABLES);
            if rebuilds {
                sqlx::raw_sql("PRAGMA foreign_keys = OFF").execute(&mut *conn).await?;
            }
            let mut tx = sqlx::Connection::begin(&mut *conn).await?;
            // Engine-specific on purpose: several app servers may start together on
            // PostgreSQL, so the first takes a transaction-scoped lock and the others wait;
            // SQLite serialises writers by itself.
            let (sql, lock) = match db.engine() {
                Engine::Sqlite => (migration.sqlite, None),
                Engine::Postgres => (
                    migration.postgres,
                    Some("SELECT pg_advisory_xact_lock(7317201)"),
                ),
            };
            if let Some(lock) = lock {
                sqlx::raw_sql(lock).execute(&mut *tx).await?;
            }
            let done: Option<(String,)> =
                sqlx::query_as("SELECT name FROM schema_migrations WHERE name = $1")
                    .bind(migration.name)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_none() {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
                sqlx::query("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)")
                    .bind(migration.name)
                    .bind(crate::platform::clock::now_ms())
                    .execute(&mut *tx)
                    .await?;
                applied_now.push(migration.name);
            }
            if rebuilds {
                let broken: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                    .fetch_all(&mut *tx)
                    .await?;
                if let Some((table,)) = broken.first() {
                    return Err(sqlx::Error::Protocol(format!(
                        "migration {} leaves a broken foreign key in {table}", migration.name)));
                }
            }
            tx.commit().await?;
            if rebuilds {
                sqlx::raw_sql("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
            }
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(applied_now)
}

/// A column as the engine reports it, for comparing the two schemas.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ColumnShape {
    /// Table name.
    pub table: String,
    /// Column name.
    pub column: String,
    /// Whether the column refuses NULL (primary keys count as refusing it).
    pub not_null: bool,
}

/// Lists every column of every table of the current schema, sorted.
pub async fn schema_shape(db: &Db) -> Result<Vec<ColumnShape>, sqlx::Error> {
    // Engine-specific on purpose: each engine describes its catalogue its own way.
    let rows: Vec<(String, String, bool)> = match db {
        Db::Sqlite(pool, _) => {
            sqlx::query_as(
                "SELECT m.name, p.name, (p.\"notnull\" = 1 OR p.pk > 0)
                 FROM sqlite_master m JOIN pragma_table_info(m.name) p
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(pool)
            .await?
        }
        Db::Postgres(pool, _) => {
            sqlx::query_as(
                "SELECT table_name::text, column_name::text, is_nullable = 'NO'
                 FROM information_schema.columns WHERE table_schema = current_schema()",
            )
            .fetch_all(pool)
            .await?
        }
    };
    let mut shape: Vec<ColumnShape> = rows
        .into_iter()
        .map(|(table, column, not_null)| ColumnShape {
            table,
            column,
            not_null,
        })
        .collect();
    shape.sort();
    Ok(shape)
}

/// Whether a database error is a unique-constraint violation (same meaning on both engines).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// The SQLite URL for a file inside a folder, for tests and tools.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_every_value_of_every_row() {
        assert_eq!(placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(placeholders(1, 1), "($1)");
    }
}
