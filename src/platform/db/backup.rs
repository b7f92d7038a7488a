//! Backing up a SQLite installation while it serves: `VACUUM INTO` writes a consistent,
//! compacted copy from one read transaction (writers go on; the copy is the database as it was
//! when the copy began), then the copy is opened and checked (`PRAGMA integrity_check`) and
//! its tables counted. Restoring is copying the file back in place, server stopped. On
//! PostgreSQL, `pg_dump` does this (README). `same_rows` compares two SQLite files table by
//! table, row by row, for the round trip.

use std::path::Path;

use crate::platform::db::Db;

/// Why a backup was not made.
#[derive(Debug)]
pub enum BackupError {
    /// The database is PostgreSQL: `pg_dump` backs it up.
    NotSqlite,
    /// The file exists already (a backup never overwrites one).
    Exists,
    /// The copy failed or is not sound.
    Failed(String),
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackupError::NotSqlite => write!(
                f,
                "la base est PostgreSQL : sauvegardez-la avec pg_dump (voir le README)"
            ),
            BackupError::Exists => write!(f, "le fichier existe déjà : choisissez-en un autre"),
            BackupError::Failed(why) => write!(f, "la sauvegarde a échoué : {why}"),
        }
    }
}

impl std::error::Error for BackupError {}

/// Every table of a SQLite file with its rows, by name (SQLite's own tables left out).
fn table_counts(
    connection: &rusqlite::Connection,
    schema: &str,
) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut statement = connection.prepare(&format!(
        "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ))?;
    let names: Vec<String> = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let count = connection.query_row(
                &format!("SELECT COUNT(*) FROM {schema}.\"{name}\""),
                [],
                |row| row.get(0),
            )?;
            Ok((name, count))
        })
        .collect()
}

/// Copies the database into `to` while it serves; returns every table of the copy with its
/// rows.
pub async fn backup(db: &Db, to: &Path) -> Result<Vec<(String, i64)>, BackupError> {
    let Db::Sqlite(pool, _) = db else {
        return Err(BackupError::NotSqlite);
    };
    if to.exists() {
        return Err(BackupError::Exists);
    }
    let target = to.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO $1")
        .bind(&target)
        .execute(pool)
        .await
        .map_err(|e| BackupError::Failed(e.to_string()))?;
    let copy = to.to_owned();
    tokio::task::spawn_blocking(move || {
        let connection = rusqlite::Connection::open_with_flags(
            &copy,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        let verdict: String = connection.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(rusqlite::Error::InvalidQuery);
        }
        table_counts(&connection, "main")
    })
    .await
    .map_err(|e| BackupError::Failed(e.to_string()))?
    .map_err(|e| BackupError::Failed(e.to_string()))
}

/// The tables whose rows differ between two SQLite files (none: the same rows in every
/// table, and the same tables).
pub fn same_rows(a: &Path, b: &Path) -> rusqlite::Result<Vec<String>> {
    let connection =
        rusqlite::Connection::open_with_flags(a, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    connection.execute("ATTACH DATABASE ?1 AS other", [b.to_string_lossy()])?;
    let ours = table_counts(&connection, "main")?;
    let theirs = table_counts(&connection, "other")?;
    let mut differing: Vec<String> = Vec::new();
    for (name, count) in &ours {
        let same_count = theirs.iter().any(|(n, c)| n == name && c == count);
        let missing: i64 = if same_count {
            connection.query_row(
                &format!(
                    "SELECT COUNT(*) FROM (SELECT * FROM main.\"{name}\" EXCEPT SELECT * FROM other.\"{name}\")"
                ),
                [],
                |row| row.get(0),
            )?
        } else {
            1
        };
        if missing > 0 {
            differing.push(name.clone());
        }
    }
    differing.extend(
        theirs
            .iter()
            .filter(|(n, _)| !ours.iter().any(|(o, _)| o == n))
            .map(|(n, _)| n.clone()),
    );
    Ok(differing)
}
