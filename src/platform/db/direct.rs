//! SQLite without a detour, for the busiest reads and writes.
//!
//! sqlx's SQLite driver runs every statement on a thread of its own and sends each row back
//! through a channel: a page of 20 needs costs about 140 µs that way, against 33 µs when the
//! same statement runs where the request is (measured on the benchmark's 100,000 needs), and a
//! transaction pays a trip between threads for each of its statements. So on SQLite:
//! - the reads below run on a connection of `SqliteDirect`, on the request's own thread:
//!   SQLite answers a bounded read in microseconds, and in WAL mode readers never wait for
//!   writers;
//! - write transactions (`Db::write`) run whole on one writer connection, on a blocking
//!   thread, in the database's writers' queue (`SqliteDirect::writers_turn`).
//!
//! A request's direct reads share one read transaction while it runs without waiting
//! (`Db::sharing_reads`): beginning and ending one costs a page about as much as the lookup of
//! its process does (SQLite locks and unlocks its shared memory each time). The transaction
//! ends whenever the request waits for anything, so none is held open across a wait (SQLite
//! cannot restart its log while a reader holds an older moment, and the log would grow), and
//! whatever writes, or reads through sqlx, ends it first, so a request reads what it wrote
//! even when the other thread answers before the request ever waits.
//!
//! On PostgreSQL they go through sqlx as everything else does. The SQL is the same text for
//! both engines, as everywhere in `db`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::postgres::PgRow;

use crate::platform::db::checkpoints::WRITER_CHECKPOINT_PAGES;
use crate::platform::db::kept::Family;
use crate::platform::db::{Db, kept};

/// Settings of every SQLite connection that writes, the pool's and the direct writer's alike:
/// foreign keys enforced, the log synced to disk at every commit (what a person was told is
/// saved survives a power cut, not only a crash of the server; supports and other busy writes
/// share one commit, see `supports`), the writers' own checkpoint far out (see `checkpoints`).
pub(crate) const WRITER_SETTINGS: [(&str, &str); 3] = [
    ("foreign_keys", "ON"),
    ("synchronous", "FULL"),
    ("wal_autocheckpoint", WRITER_CHECKPOINT_PAGES),
];

/// How long a SQLite connection waits for another's lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A value bound to a statement, on either engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
    /// Integers bound as one PostgreSQL array (`= ANY($1)`, `unnest($1::bigint[])`), so that
    /// a statement's text is the same whatever their number and is prepared once per
    /// connection. PostgreSQL only: SQLite binds no arrays (see `Tx::is_postgres`).
    Ints(Vec<i64>),
    /// Texts bound as one PostgreSQL array (`unnest($1::text[])`). PostgreSQL only.
    Texts(Vec<String>),
}

/// A row type the fast path can build from a SQLite row (`sqlite_row!` writes it).
pub trait SqliteRow: Sized {
    /// Builds the value from a row whose columns are its fields, in order.
    fn from_sqlite(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
}

/// Implements `SqliteRow` for a struct whose fields are the statement's columns, named and
/// ordered alike (read by position; debug builds check the names).
#[macro_export]
macro_rules! sqlite_row {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::platform::db::direct::SqliteRow for $ty {
            fn from_sqlite(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                let mut column = 0;
                Ok($ty {
                    $($field: {
                        debug_assert_eq!(
                            row.as_ref().column_name(column).ok(),
                            Some(stringify!($field)),
                            "columns and fields of {} in the same order",
                            stringify!($ty)
                        );
                        column += 1;
                        row.get(column - 1)?
                    }),*
                })
            }
        }
    };
}

/// Tuples read by position (counts, pairs of values).
macro_rules! tuple_rows {
    ($($value:ident $index:tt),+) => {
        impl<$($value: rusqlite::types::FromSql),+> SqliteRow for ($($value,)+) {
            fn from_sqlite(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                Ok(($(row.get::<usize, $value>($index)?,)+))
            }
        }
    };
}

tuple_rows!(A 0);
tuple_rows!(A 0, B 1);
tuple_rows!(A 0, B 1, C 2);
tuple_rows!(A 0, B 1, C 2, D 3);
tuple_rows!(A 0, B 1, C 2, D 3, E 4);

/// A row type readable on both engines.
pub trait Readable: SqliteRow + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin {}

impl<T: SqliteRow + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin> Readable for T {}

/// Prepared statements kept per connection: the list pages' filter combinations and the
/// few lookups around them.
const STATEMENTS_KEPT: usize = 64;

/// Idle connections kept: the requests' threads use one each at a time.
const IDLE_KEPT: usize = 8;

/// Read-only connections to a SQLite file, handed to requests one at a time, and the writer
/// connection.
#[derive(Debug)]
pub struct SqliteDirect {
    /// Tells this database's shared read from another's (tests open several).
    id: u64,
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
    writer: Mutex<Option<rusqlite::Connection>>,
    /// The queue of this database's writers (see `with_db_write!`).
    writers: Arc<tokio::sync::Mutex<()>>,
}

tokio::task_local! {
    /// The read transaction the current request's direct reads share, once the first of them
    /// has begun it (see `Db::sharing_reads`).
    static SHARED_READ: RefCell<Option<SharedRead>>;
}

/// A read-only connection inside a read transaction, and the database it belongs to.
struct SharedRead {
    owner: u64,
    connection: rusqlite::Connection,
}

impl SqliteDirect {
    /// Connections to the database file at `path` (opened when first needed).
    pub fn new(path: &Path) -> SqliteDirect {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        SqliteDirect {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            path: path.to_owned(),
            idle: Mutex::new(Vec::new()),
            writer: Mutex::new(None),
            writers: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Waits for this database's writers ahead in the queue; the turn lasts as long as the
    /// guard.
    pub async fn writers_turn(&self) -> tokio::sync::OwnedMutexGuard<()> {
        self.writers.clone().lock_owned().await
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens a connection set up as the pool's are (`WRITER_SETTINGS`), read-only unless
    /// `writes`.
    fn open(&self, writes: bool) -> rusqlite::Result<rusqlite::Connection> {
        let connection = open_file(&self.path)?;
        connection.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        if writes {
            for (name, value) in WRITER_SETTINGS {
                connection.pragma_update(None, name, value)?;
            }
        } else {
            connection.pragma_update(None, "query_only", true)?;
        }
        Ok(connection)
    }

    /// Runs `read` in the request's shared read transaction when there is one (beginning it
    /// if needed), else on an idle connection (or a new one), then keeps the connection.
    fn with<R>(
        &self,
        read: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<R>,
    ) -> rusqlite::Result<R> {
        let shares = SHARED_READ
            .try_with(|slot| slot.borrow().as_ref().is_none_or(|s| s.owner == self.id))
            .unwrap_or(false);
        if !shares {
            let connection = self.take()?;
            let result = read(&connection);
            self.keep(connection);
            return result;
        }
        SHARED_READ.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.is_none() {
                let connection = self.take()?;
                connection.prepare_cached("BEGIN")?.execute([])?;
                *slot = Some(SharedRead {
                    owner: self.id,
                    connection,
                });
            }
            read(&slot.as_ref().expect("begun above").connection)
        })
    }

    /// Ends the request's shared read transaction, if it has one on this database.
    pub fn end_shared_read(&self) {
        let ended = SHARED_READ.try_with(|slot| {
            let mut slot = slot.borrow_mut();
            match slot.as_ref() {
                Some(shared) if shared.owner == self.id => slot.take(),
                _ => None,
            }
        });
        if let Ok(Some(shared)) = ended {
            let committed = shared
                .connection
                .prepare_cached("COMMIT")
                .and_then(|mut commit| commit.execute([]));
            // A connection whose transaction would not end is closed, which ends it.
            if committed.is_ok() {
                self.keep(shared.connection);
            }
        }
    }

    /// An idle read-only connection, or a new one.
    fn take(&self) -> rusqlite::Result<rusqlite::Connection> {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match idle {
            Some(connection) => Ok(connection),
            None => self.open(false),
        }
    }

    /// Keeps a read-only connection for the next read, unless enough are kept.
    fn keep(&self, connection: rusqlite::Connection) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < IDLE_KEPT {
            idle.push(connection);
        }
    }

    /// Closes the connections.
    pub fn close(&self) {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).clear();
        *self.writer.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Runs `work` in a transaction on the writer connection, committed if it succeeds. The
    /// caller holds the writers' turn.
    fn write<R>(
        &self,
        work: impl FnOnce(&mut rusqlite::Connection) -> Result<R, sqlx::Error>,
    ) -> Result<R, sqlx::Error> {
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if writer.is_none() {
            *writer = Some(self.open(true).map_err(sqlx_error)?);
        }
        let connection = writer.as_mut().expect("opened above");
        connection
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(sqlx_error)?;
        match work(connection) {
            Ok(done) => {
                connection.execute_batch("COMMIT").map_err(sqlx_error)?;
                Ok(done)
            }
            Err(error) => {
                let _ = connection.execute_batch("ROLLBACK");
                Err(error)
            }
        }
    }
}

/// A connection to an existing database file, waiting for locks up to `BUSY_TIMEOUT`.
pub(crate) fn open_file(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let connection = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// The rows of a statement on a SQLite connection.
fn sqlite_rows<T: SqliteRow>(
    connection: &rusqlite::Connection,
    sql: &str,
    params: &[Value],
) -> rusqlite::Result<Vec<T>> {
    let mut statement = connection.prepare_cached(sql)?;
    for (index, value) in params.iter().enumerate() {
        match value {
            Value::Int(v) => statement.raw_bind_parameter(index + 1, v)?,
            Value::Text(v) => statement.raw_bind_parameter(index + 1, v)?,
            Value::Ints(_) | Value::Texts(_) => {
                return Err(rusqlite::Error::InvalidParameterName(format!(
                    "${}: SQLite binds no arrays",
                    index + 1
                )));
            }
        }
    }
    let mut rows = statement.raw_query();
    let mut read = Vec::new();
    while let Some(row) = rows.next()? {
        read.push(T::from_sqlite(row)?);
    }
    Ok(read)
}

/// The rows of a statement through sqlx.
async fn sqlx_rows<'c, T: Readable>(
    executor: impl sqlx::Executor<'c, Database = sqlx::Postgres>,
    sql: &str,
    params: &[Value],
) -> Result<Vec<T>, sqlx::Error> {
    let mut query = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql.to_owned()));
    for value in params {
        query = match value {
            Value::Int(v) => query.bind(*v),
            Value::Text(v) => query.bind(v.as_str()),
            Value::Ints(v) => query.bind(v.as_slice()),
            Value::Texts(v) => query.bind(v.as_slice()),
        };
    }
    query.fetch_all(executor).await
}

/// A write transaction under way, on either engine (see `Db::write`).
pub enum Tx<'a> {
    /// On SQLite's writer connection.
    Sqlite(&'a mut rusqlite::Connection),
    /// On PostgreSQL.
    Postgres(&'a mut sqlx::PgConnection),
}

impl Tx<'_> {
    /// Whether the transaction runs on PostgreSQL (which binds arrays: `Value::Ints`).
    pub fn is_postgres(&self) -> bool {
        matches!(self, Tx::Postgres(_))
    }

    /// Every row a statement returns (parameters `$1`, `$2`… in order of first use).
    pub async fn rows<T: Readable>(
        &mut self,
        sql: &str,
        params: &[Value],
    ) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Tx::Sqlite(connection) => sqlite_rows(connection, sql, params).map_err(sqlx_error),
            Tx::Postgres(connection) => sqlx_rows(&mut **connection, sql, params).await,
        }
    }
}

/// An error SQLite returned to a direct connection, told apart as sqlx tells its own (so that
/// `is_unique_violation` and the like answer the same whichever connection ran the statement).
#[derive(Debug)]
struct DirectError {
    message: String,
    code: i32,
}

impl std::fmt::Display for DirectError {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(out, "{} (SQLite code {})", self.message, self.code)
    }
}

impl std::error::Error for DirectError {}

impl sqlx::error::DatabaseError for DirectError {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        Some(self.code.to_string().into())
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> sqlx::error::ErrorKind {
        use rusqlite::ffi;
        use sqlx::error::ErrorKind;
        match self.code {
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
                ErrorKind::UniqueViolation
            }
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY => ErrorKind::ForeignKeyViolation,
            ffi::SQLITE_CONSTRAINT_NOTNULL => ErrorKind::NotNullViolation,
            ffi::SQLITE_CONSTRAINT_CHECK => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}

fn sqlx_error(error: rusqlite::Error) -> sqlx::Error {
    match error {
        rusqlite::Error::SqliteFailure(failure, message) => {
            sqlx::Error::Database(Box::new(DirectError {
                message: message.unwrap_or_else(|| failure.to_string()),
                code: failure.extended_code,
            }))
        }
        other => sqlx::Error::Io(std::io::Error::other(other)),
    }
}

impl Db {
    /// Runs `work` with its direct SQLite reads sharing one read transaction, begun by the
    /// first of them and ended as soon as `work` waits or is done, or earlier by whatever
    /// writes or reads through sqlx. On PostgreSQL, runs `work`.
    pub async fn sharing_reads<F: Future>(&self, work: F) -> F::Output {
        match self {
            Db::Sqlite(_, direct) => {
                let mut work = std::pin::pin!(work);
                let stretch = std::future::poll_fn(|context| {
                    let polled = work.as_mut().poll(context);
                    direct.end_shared_read();
                    polled
                });
                SHARED_READ.scope(RefCell::new(None), stretch).await
            }
            Db::Postgres(..) => work.await,
        }
    }

    /// Every row a read-only statement returns (parameters `$1`, `$2`… in order of first use).
    pub async fn read_all<T: Readable>(
        &self,
        sql: &str,
        params: &[Value],
    ) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Db::Sqlite(_, direct) => direct
                .with(|connection| sqlite_rows(connection, sql, params))
                .map_err(sqlx_error),
            Db::Postgres(pool, _) => sqlx_rows(pool, sql, params).await,
        }
    }

    /// `read_all` for a long read (millions of rows), on a blocking thread so that the
    /// requests' threads go on serving meanwhile: on SQLite on a connection and in a
    /// transaction of its own; on PostgreSQL through the pool, the rows decoded there.
    pub async fn read_all_apart<T: Readable + 'static>(
        &self,
        sql: &str,
        params: &[Value],
    ) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Db::Sqlite(_, direct) => {
                let (direct, sql, params) = (direct.clone(), sql.to_owned(), params.to_vec());
                tokio::task::spawn_blocking(move || {
                    direct.with(|connection| sqlite_rows(connection, &sql, &params))
                })
                .await
                .map_err(|_| sqlx::Error::WorkerCrashed)?
                .map_err(sqlx_error)
            }
            Db::Postgres(pool, _) => {
                let (pool, sql, params) = (pool.clone(), sql.to_owned(), params.to_vec());
                let runtime = tokio::runtime::Handle::current();
                tokio::task::spawn_blocking(move || {
                    runtime.block_on(sqlx_rows(&pool, &sql, &params))
                })
                .await
                .map_err(|_| sqlx::Error::WorkerCrashed)?
            }
        }
    }

    /// `read_all` for a statement that reads only the tables of `family`: on PostgreSQL its
    /// rows are kept in memory until one of those tables changes (see `kept`); SQLite answers
    /// in microseconds in process and reads them each time.
    pub async fn read_kept<T: Readable + Clone + Sync + 'static>(
        &self,
        family: Family,
        sql: &str,
        params: &[Value],
    ) -> Result<Vec<T>, sqlx::Error> {
        debug_assert!(
            kept::reads_only_followed(family, sql),
            "a statement kept in {family:?} reads only its tables: {sql}"
        );
        let Db::Postgres(pool, kept) = self else {
            return self.read_all(sql, params).await;
        };
        let key = kept::key(sql, params);
        if let Some(rows) = kept.get(family, &key) {
            return Ok(rows);
        }
        let generation = kept.generation(family);
        let rows: Vec<T> = sqlx_rows(pool, sql, params).await?;
        kept.keep(family, key, generation, rows.clone());
        Ok(rows)
    }

    /// `read_optional` for a lookup kept as `read_kept` keeps rows.
    pub async fn read_kept_optional<T: Readable + Clone + Sync + 'static>(
        &self,
        family: Family,
        sql: &str,
        params: &[Value],
    ) -> Result<Option<T>, sqlx::Error> {
        Ok(self
            .read_kept(family, sql, params)
            .await?
            .into_iter()
            .next())
    }

    /// Forgets the rows kept for one statement of `family` (PostgreSQL): this server changed
    /// them in a way other servers need not hear of.
    pub fn forget_kept(&self, family: Family, sql: &str, params: &[Value]) {
        if let Db::Postgres(_, kept) = self {
            kept.forget(family, &kept::key(sql, params));
        }
    }

    /// The row a lookup by key returns, if any.
    pub async fn read_optional<T: Readable>(
        &self,
        sql: &str,
        params: &[Value],
    ) -> Result<Option<T>, sqlx::Error> {
        Ok(self.read_all(sql, params).await?.into_iter().next())
    }

    /// The one row a statement always returns (an aggregate, say); an error if none came.
    pub async fn read_one<T: Readable>(
        &self,
        sql: &str,
        params: &[Value],
    ) -> Result<T, sqlx::Error> {
        self.read_optional(sql, params)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// Runs `work` in one write transaction, committed if it returns `Ok`: on SQLite whole on
    /// the writer connection, on a blocking thread, in the writers' queue; on PostgreSQL on a
    /// connection of the pool, dropping the reads kept (as `with_db_write!` does).
    pub async fn write<R, W>(&self, work: W) -> Result<R, sqlx::Error>
    where
        R: Send + 'static,
        W: AsyncFnOnce(&mut Tx<'_>) -> Result<R, sqlx::Error> + Send + 'static,
    {
        match self {
            Db::Sqlite(_, direct) => {
                direct.end_shared_read();
                let turn = direct.writers_turn().await;
                let direct = direct.clone();
                let runtime = tokio::runtime::Handle::current();
                // The turn goes with the transaction: should the caller stop waiting, the
                // transaction still ends before the next writer starts.
                tokio::task::spawn_blocking(move || {
                    let _turn = turn;
                    direct.write(|connection| runtime.block_on(work(&mut Tx::Sqlite(connection))))
                })
                .await
                .map_err(|_| sqlx::Error::WorkerCrashed)?
            }
            Db::Postgres(pool, kept) => {
                let mut tx = pool.begin().await?;
                let done = work(&mut Tx::Postgres(&mut tx)).await?;
                let committed = tx.commit().await;
                // Whatever the commit answered, it may have changed a followed table.
                kept.written_here();
                committed.map(|()| done)
            }
        }
    }
}
