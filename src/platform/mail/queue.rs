//! The queue of outgoing mail: requests put messages in, a worker on any server claims and
//! sends them (see `postman`).

use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::{Db, Engine};
use crate::{with_db, with_db_write};

crate::text_enum! {
    /// What a queued row holds.
    pub enum MailKind {
        /// A message written by the request.
        Message = "message",
        /// A password-reset link asked for an address, written by the accounts' worker (only
        /// if the address has an account) before it is sent.
        PasswordReset = "password_reset",
    }
}

/// A message to queue.
#[derive(Clone, Debug)]
pub struct NewMail<'a> {
    /// What it is.
    pub kind: MailKind,
    /// The account it is for, when known (the message goes if the account does).
    pub user_id: Option<i64>,
    /// Recipient's address.
    pub recipient: &'a str,
    /// Language to write it in (`fr`, `en`).
    pub lang: &'a str,
    /// Subject (empty until written, for a reset).
    pub subject: &'a str,
    /// Body (same).
    pub body: &'a str,
}

/// A message claimed for sending.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Queued {
    /// Id.
    pub id: i64,
    /// What it holds.
    pub kind: MailKind,
    /// The account it is for.
    pub user_id: Option<i64>,
    /// Recipient's address.
    pub recipient: String,
    /// Language.
    pub lang: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// The statement that queues a message, for callers that queue inside their own transaction:
/// binds id, kind, user, recipient, lang, subject, body, now.
pub const INSERT: &str = "INSERT INTO mail_queue
    (id, kind, user_id, recipient, lang, subject, body, created_at, due_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)";

/// Queues a message, due at once.
pub async fn enqueue(db: &Db, mail: &NewMail<'_>) -> Result<(), sqlx::Error> {
    let (id, now) = (new_id(), now_ms());
    with_db_write!(db, pool => sqlx::query(INSERT)
        .bind(id).bind(mail.kind).bind(mail.user_id).bind(mail.recipient)
        .bind(mail.lang).bind(mail.subject).bind(mail.body).bind(now)
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Claims up to `limit` rows of a kind that are due, for `lease_ms`: until then no other
/// worker takes them. The claim is one statement whose condition is checked again on each row
/// it changes, so two servers never claim the same row.
pub async fn claim(
    db: &Db,
    kind: MailKind,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<Queued>, sqlx::Error> {
    let now = now_ms();
    // Engines differ here on purpose: on PostgreSQL, workers of several servers claim at the
    // same moment, and each skips the rows another is claiming instead of waiting for them and
    // coming back empty-handed; SQLite's writers take turns and need no such clause.
    let skip_locked = match db.engine() {
        Engine::Postgres => "FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    let sql = format!(
        "UPDATE mail_queue SET claimed_until = $1, attempts = attempts + 1
         WHERE id IN (SELECT id FROM mail_queue
                      WHERE kind = $4 AND due_at <= $2
                        AND (claimed_until IS NULL OR claimed_until < $2)
                      ORDER BY due_at, id LIMIT $3 {skip_locked})
           AND (claimed_until IS NULL OR claimed_until < $2)
         RETURNING id, kind, user_id, recipient, lang, subject, body, attempts"
    );
    with_db_write!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(now + lease_ms).bind(now).bind(limit).bind(kind).fetch_all(pool).await)
}

/// Turns a request to write a message (a password reset) into the message written for its
/// account, due at once: a message that then fails to leave is tried again as written.
pub async fn write(
    db: &Db,
    id: i64,
    user_id: i64,
    subject: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "UPDATE mail_queue SET kind = 'message', user_id = $2, subject = $3, body = $4,
             claimed_until = NULL, attempts = 0, due_at = $5 WHERE id = $1")
        .bind(id).bind(user_id).bind(subject).bind(body).bind(now_ms())
        .execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Forgets a message: sent, or given up.
pub async fn remove(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query("DELETE FROM mail_queue WHERE id = $1")
        .bind(id).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// Puts a message back, due again at `due_at`, with why it was not sent.
pub async fn postpone(db: &Db, id: i64, due_at: i64, error: &str) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "UPDATE mail_queue SET due_at = $2, claimed_until = NULL, last_error = $3 WHERE id = $1")
        .bind(id).bind(due_at).bind(error).execute(pool).await.map(|done| done.rows_affected()))?;
    Ok(())
}

/// How many messages wait (for metrics and tests).
pub async fn waiting(db: &Db) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = with_db!(db, pool => sqlx::query_as("SELECT COUNT(*) FROM mail_queue")
        .fetch_one(pool).await)?;
    Ok(n)
}
