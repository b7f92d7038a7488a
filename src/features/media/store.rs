//! Media's SQL: keeping a file, reading it back, hiding it.

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::Db;
use crate::{with_db, with_db_write};

/// A file to keep.
#[derive(Clone, Debug)]
pub struct NewMedia<'a> {
    /// The process it belongs to (who may see it follows); none: anyone may (a logo).
    pub process_id: Option<i64>,
    /// `image/jpeg`, `image/png` or `application/pdf`.
    pub media_type: &'a str,
    /// Its name, offered back for documents.
    pub file_name: &'a str,
    /// Its description: a picture's alternative text, a document's link text.
    pub description: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
    /// A picture's size in pixels.
    pub size: Option<(u32, u32)>,
    /// Who sent it.
    pub uploaded_by: i64,
}

/// Keeps a file; returns its id.
pub async fn insert(db: &Db, media: &NewMedia<'_>) -> Result<i64, sqlx::Error> {
    let id = new_id();
    let (width, height) = match media.size {
        Some((w, h)) => (Some(i64::from(w)), Some(i64::from(h))),
        None => (None, None),
    };
    with_db_write!(db, pool => sqlx::query(
        "INSERT INTO media (id, process_id, media_type, file_name, description, bytes, byte_size, width,
                            height, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(id).bind(media.process_id).bind(media.media_type).bind(media.file_name)
        .bind(media.description).bind(media.bytes).bind(media.bytes.len() as i64).bind(width)
        .bind(height).bind(media.uploaded_by).bind(now_ms())
        .execute(pool).await.map(|_| ()))?;
    Ok(id)
}

/// A kept file.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Stored {
    /// Its process (none: public).
    pub process_id: Option<i64>,
    /// Its type.
    pub media_type: String,
    /// Its name.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Whether it is hidden with what shows it (1) or not (0).
    pub hidden: i64,
}

/// A kept file, by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT process_id, media_type, file_name, bytes, hidden FROM media WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

/// Hides files (or shows them again) with what shows them.
pub async fn set_hidden(db: &Db, ids: &[i64], hidden: bool) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for id in ids {
            sqlx::query("UPDATE media SET hidden = $1 WHERE id = $2")
                .bind(i64::from(hidden)).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// Forgets a file no longer shown anywhere.
pub async fn delete(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query("DELETE FROM media WHERE id = $1")
        .bind(id).execute(pool).await.map(|_| ()))
}
