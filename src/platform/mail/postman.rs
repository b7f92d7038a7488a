//! Outgoing mail leaves through a queue, never inside a request: requests put messages in
//! the database (`queue`), and a worker on every server claims the due ones and sends them
//! (SMTP or the outbox folder). A message that fails waits and is tried again later, with
//! longer and longer pauses; one still failing after a day is given up, and logged.

use crate::platform::Platform;
use crate::platform::i18n::Lang;
use crate::platform::mail::Email;
use crate::platform::mail::queue::{self as mail_queue, MailKind, NewMail, Queued};

/// How long a claimed row stays with the worker that claimed it.
pub const LEASE_MS: i64 = 120_000;
/// Rows claimed at a time.
pub const BATCH: i64 = 20;
/// Attempts before a message is given up (the pauses add up to about a day).
const MAX_ATTEMPTS: i64 = 30;

/// Queues a written message for an account (or for an address with no account yet) and
/// wakes this server's worker.
pub async fn queue(
    platform: &Platform,
    user_id: Option<i64>,
    email: &Email,
    lang: Lang,
) -> Result<(), sqlx::Error> {
    queue_row(
        platform,
        &NewMail {
            kind: MailKind::Message,
            user_id,
            recipient: &email.to,
            lang: lang.code(),
            subject: &email.subject,
            body: &email.body,
        },
    )
    .await
}

/// Queues a row of any kind (a message to write later, say) and wakes this server's worker.
pub async fn queue_row(platform: &Platform, mail: &NewMail<'_>) -> Result<(), sqlx::Error> {
    mail_queue::enqueue(&platform.db, mail).await?;
    platform.mail_waiting.notify_one();
    Ok(())
}

/// Sends the written messages that are due; returns how many left. A message that fails is
/// put back for later, with its error.
pub async fn deliver_due(platform: &Platform) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    loop {
        let claimed = mail_queue::claim(&platform.db, MailKind::Message, LEASE_MS, BATCH).await?;
        if claimed.is_empty() {
            return Ok(sent);
        }
        for message in claimed {
            let email = Email {
                to: message.recipient.clone(),
                subject: message.subject.clone(),
                body: message.body.clone(),
            };
            match platform.mailer.send(email).await {
                Ok(()) => {
                    mail_queue::remove(&platform.db, message.id).await?;
                    sent += 1;
                }
                Err(error) => retry_later(platform, &message, &error.to_string()).await?,
            }
        }
    }
}

/// Puts a claimed row back with a longer pause each time (30 s, 1 min, 2 min… up to an hour),
/// or gives it up after `MAX_ATTEMPTS`.
pub async fn retry_later(
    platform: &Platform,
    message: &Queued,
    error: &str,
) -> Result<(), sqlx::Error> {
    if message.attempts >= MAX_ATTEMPTS {
        tracing::error!(id = message.id, attempts = message.attempts, %error, "mail given up");
        return mail_queue::remove(&platform.db, message.id).await;
    }
    let pause_ms = (30_000i64 << (message.attempts - 1).clamp(0, 7)).min(3_600_000);
    tracing::warn!(id = message.id, attempts = message.attempts, %error, "mail not sent; tried again later");
    let due_at = crate::platform::clock::now_ms() + pause_ms;
    mail_queue::postpone(&platform.db, message.id, due_at, error).await
}
