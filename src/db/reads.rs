//! Reads on the busiest pages, run without a detour.
//!
//! sqlx's SQLite driver runs every statement on a thread of its own and sends each row back
//! through a channel: a page of 20 needs costs about 140 µs that way, against 33 µs when the
//! same statement runs where the request is (measured on the benchmark's 100,000 needs). So on
//! SQLite the statements below run on a connection of `SqliteReaders`, on the request's own
//! thread: SQLite answers a bounded read in microseconds, and in WAL mode readers never wait
//! for writers. On PostgreSQL they go through sqlx as everything else does. The SQL is the
//! same text for both engines, as everywhere in `db`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use sqlx::postgres::PgRow;

use crate::db::Db;

/// A value bound to a statement, on either engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
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
        impl $crate::db::reads::SqliteRow for $ty {
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

/// A row type readable on both engines.
pub trait Readable: SqliteRow + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin {}

impl<T: SqliteRow + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin> Readable for T {}

/// Prepared statements kept per connection: the list pages' filter combinations and the
/// few lookups around them.
const STATEMENTS_KEPT: usize = 64;

/// Idle connections kept: the requests' threads use one each at a time.
const IDLE_KEPT: usize = 8;

/// Read-only connections to a SQLite file, handed to requests one at a time.
#[derive(Debug)]
pub struct SqliteReaders {
    path: PathBuf,
    idle: Mutex<Vec<rusqlite::Connection>>,
}

impl SqliteReaders {
    /// Readers of the database file at `path` (opened when first needed).
    pub fn new(path: &Path) -> SqliteReaders {
        SqliteReaders {
            path: path.to_owned(),
            idle: Mutex::new(Vec::new()),
        }
    }

    fn open(&self) -> rusqlite::Result<rusqlite::Connection> {
        let connection = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        connection.busy_timeout(Duration::from_secs(5))?;
        connection.pragma_update(None, "query_only", true)?;
        connection.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        Ok(connection)
    }

    /// Runs `read` on an idle connection (or a new one), then keeps the connection.
    fn with<R>(
        &self,
        read: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<R>,
    ) -> rusqlite::Result<R> {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let connection = match idle {
            Some(connection) => connection,
            None => self.open()?,
        };
        let result = read(&connection);
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < IDLE_KEPT {
            idle.push(connection);
        }
        result
    }

    /// Closes the idle connections.
    pub fn close(&self) {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    fn rows<T: SqliteRow>(&self, sql: &str, params: &[Value]) -> rusqlite::Result<Vec<T>> {
        self.with(|connection| {
            let mut statement = connection.prepare_cached(sql)?;
            for (index, value) in params.iter().enumerate() {
                match value {
                    Value::Int(v) => statement.raw_bind_parameter(index + 1, v)?,
                    Value::Text(v) => statement.raw_bind_parameter(index + 1, v)?,
                }
            }
            let mut rows = statement.raw_query();
            let mut read = Vec::new();
            while let Some(row) = rows.next()? {
                read.push(T::from_sqlite(row)?);
            }
            Ok(read)
        })
    }
}

fn sqlx_error(error: rusqlite::Error) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(error))
}

impl Db {
    /// Every row a read-only statement returns (parameters `$1`, `$2`… in order of first use).
    pub async fn read_all<T: Readable>(
        &self,
        sql: &str,
        params: &[Value],
    ) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Db::Sqlite(_, readers) => readers.rows(sql, params).map_err(sqlx_error),
            Db::Postgres(pool) => {
                let mut query = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql.to_owned()));
                for value in params {
                    query = match value {
                        Value::Int(v) => query.bind(*v),
                        Value::Text(v) => query.bind(v.clone()),
                    };
                }
                query.fetch_all(pool).await
            }
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
}
