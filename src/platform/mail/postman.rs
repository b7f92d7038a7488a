//! Outgoing mail leaves through a queue, never inside a request: requests put messages in
//! the database (`db::mail_queue`), and a worker on every server claims the due ones and sends
//! them (SMTP or the outbox folder). A message that fails waits and is tried again later, with
//! longer and longer pauses; one still failing after a day is given up, and logged.

use std::time::Duration;

use crate::platform::i18n::{Lang, Tr};
use crate::platform::mail::Email;
use crate::platform::mail::queue::{self as mail_queue, MailKind, NewMail, Queued};
use crate::state::AppState;

/// How long a claimed message stays with the worker that claimed it.
const LEASE_MS: i64 = 120_000;
/// Messages claimed at a time.
const BATCH: i64 = 20;
/// Attempts before a message is given up (the pauses add up to about a day).
const MAX_ATTEMPTS: i64 = 30;
/// How often a worker looks for due messages when nobody wakes it.
const LOOK_EVERY: Duration = Duration::from_secs(10);

/// Queues a written message for an account (or for an address with no account yet) and
/// wakes this server's worker.
pub async fn queue(
    state: &AppState,
    user_id: Option<i64>,
    email: &Email,
    lang: Lang,
) -> Result<(), sqlx::Error> {
    mail_queue::enqueue(
        &state.db,
        &NewMail {
            kind: MailKind::Message,
            user_id,
            recipient: &email.to,
            lang: lang.code(),
            subject: &email.subject,
            body: &email.body,
        },
    )
    .await?;
    state.mail_waiting.notify_one();
    Ok(())
}

/// Queues a password reset for an address, whatever it is: the worker writes the link if the
/// address has an account, so that the request does the same work either way.
pub async fn queue_password_reset(
    state: &AppState,
    address: &str,
    lang: Lang,
) -> Result<(), sqlx::Error> {
    mail_queue::enqueue(
        &state.db,
        &NewMail {
            kind: MailKind::PasswordReset,
            user_id: None,
            recipient: address,
            lang: lang.code(),
            subject: "",
            body: "",
        },
    )
    .await?;
    state.mail_waiting.notify_one();
    Ok(())
}

/// Sends what is due; returns how many messages left. A message that fails is put back for
/// later, with its error.
pub async fn deliver_due(state: &AppState) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    loop {
        let claimed = mail_queue::claim(&state.db, LEASE_MS, BATCH).await?;
        if claimed.is_empty() {
            return Ok(sent);
        }
        for message in claimed {
            if deliver(state, &message).await? {
                sent += 1;
            }
        }
    }
}

/// Sends one claimed message; whether it left.
async fn deliver(state: &AppState, message: &Queued) -> Result<bool, sqlx::Error> {
    let tr = Tr::new(Lang::from_code(&message.lang));
    let email = match message.kind() {
        MailKind::Message => Some(Email {
            to: message.recipient.clone(),
            subject: message.subject.clone(),
            body: message.body.clone(),
        }),
        MailKind::PasswordReset => {
            match crate::platform::auth::password_reset_mail(state, tr, &message.recipient).await {
                Ok(Some((user_id, email))) => {
                    mail_queue::write(&state.db, message.id, user_id, &email.subject, &email.body)
                        .await?;
                    Some(email)
                }
                Ok(None) => None,
                Err(error) => {
                    let error = format!("{error:?}");
                    return retry_or_give_up(state, message, &error)
                        .await
                        .map(|()| false);
                }
            }
        }
    };
    let Some(email) = email else {
        // No account at that address (or enough mail this hour): nothing to send.
        mail_queue::remove(&state.db, message.id).await?;
        return Ok(false);
    };
    match state.mailer.send(email).await {
        Ok(()) => {
            mail_queue::remove(&state.db, message.id).await?;
            Ok(true)
        }
        Err(error) => retry_or_give_up(state, message, &error.to_string())
            .await
            .map(|()| false),
    }
}

/// Puts a failed message back with a longer pause each time (30 s, 1 min, 2 min… up to an
/// hour), or gives it up after `MAX_ATTEMPTS`.
async fn retry_or_give_up(
    state: &AppState,
    message: &Queued,
    error: &str,
) -> Result<(), sqlx::Error> {
    if message.attempts >= MAX_ATTEMPTS {
        tracing::error!(id = message.id, attempts = message.attempts, %error, "mail given up");
        return mail_queue::remove(&state.db, message.id).await;
    }
    let pause_ms = (30_000i64 << (message.attempts - 1).clamp(0, 7)).min(3_600_000);
    tracing::warn!(id = message.id, attempts = message.attempts, %error, "mail not sent; tried again later");
    mail_queue::postpone(
        &state.db,
        message.id,
        crate::platform::clock::now_ms() + pause_ms,
        error,
    )
    .await
}

/// Sends queued mail as it arrives (woken by `queue`) and every few seconds (messages queued by
/// other servers, messages due again).
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        loop {
            match deliver_due(&state).await {
                Ok(sent) if sent > 0 => tracing::info!(sent, "mail sent"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "mail queue unavailable"),
            }
            let _ = tokio::time::timeout(LOOK_EVERY, state.mail_waiting.notified()).await;
        }
    });
}
