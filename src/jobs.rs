//! The background work every server runs: mail (the password resets asked for are written,
//! then what is due is sent, as soon as something is queued and every few seconds), the
//! grouped e-mails to authors, the day's indicators of every process, and hourly housekeeping.
//! With several servers each runs it; rows are claimed, so each message leaves once.

use std::time::Duration;

use crate::features::accounts;
use crate::features::moderation::{digests, notices};
use crate::platform::auth::{rate_limits, sessions, tokens};
use crate::platform::db::Db;
use crate::platform::mail::postman;
use crate::state::AppState;

/// How often the mail worker looks for due messages when nobody wakes it.
const LOOK_EVERY: Duration = Duration::from_secs(10);

/// Writes the password resets asked for, then sends every message due; returns how many left.
pub async fn deliver_mail(state: &AppState) -> Result<usize, sqlx::Error> {
    accounts::service::write_password_resets(&state.platform).await?;
    postman::deliver_due(&state.platform).await
}

/// Starts the server's background work.
pub fn spawn(state: AppState) {
    spawn_housekeeping(state.db.clone());
    spawn_digests(state.clone());
    spawn_metrics_upkeep(state.clone());
    spawn_indicator_snapshots(state.db.clone());
    tokio::spawn(async move {
        loop {
            match deliver_mail(&state).await {
                Ok(sent) if sent > 0 => tracing::info!(sent, "mail sent"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "mail queue unavailable"),
            }
            let _ = tokio::time::timeout(LOOK_EVERY, state.mail_waiting.notified()).await;
        }
    });
}

/// Sends the pending digests every `digest_minutes`, forgets notices sent a month ago, and
/// sends the bourse's reminders that are due.
fn spawn_digests(state: AppState) {
    let every = Duration::from_secs(state.config.digest_minutes.max(1) * 60);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            match digests::send_pending(&state).await {
                Ok(sent) if sent > 0 => tracing::info!(sent, "digests sent"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "digests failed"),
            }
            let month_ago = crate::platform::clock::now_ms() - 30 * 24 * 3600 * 1000;
            if let Err(error) = notices::purge_sent(&state.db, month_ago).await {
                tracing::warn!(%error, "purging sent notices failed");
            }
            let now = crate::platform::clock::now_ms();
            match crate::features::bourse::service::remind(&state, now).await {
                Ok(sent) if sent > 0 => tracing::info!(sent, "bourse reminders sent"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "bourse reminders failed"),
            }
        }
    });
}

/// Folds the request latencies into their histogram every few seconds (see `Metrics::upkeep`).
fn spawn_metrics_upkeep(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(crate::platform::web::metrics::UPKEEP_EVERY);
        loop {
            tick.tick().await;
            state.metrics.upkeep();
        }
    });
}

/// Keeps the day's indicators of every public process, every hour (the day's last values
/// stay as its snapshot; every server writes the same values).
fn spawn_indicator_snapshots(db: Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let day = crate::features::processes::rules::Day::today();
            match crate::features::indicators::service::snapshot_all(&db, day).await {
                Ok(processes) => tracing::info!(processes, "indicators kept"),
                Err(error) => tracing::warn!(%error, "indicators not kept"),
            }
        }
    });
}

/// Removes expired sessions, links and rate-limit windows every hour.
fn spawn_housekeeping(db: Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let day_ago = crate::platform::clock::now_ms() - 24 * 3600 * 1000;
            let result = async {
                let sessions = sessions::purge_expired(&db).await?;
                let tokens = tokens::purge_expired(&db).await?;
                let buckets = rate_limits::purge(&db, day_ago).await?;
                Ok::<_, sqlx::Error>((sessions, tokens, buckets))
            }
            .await;
            match result {
                Ok((sessions, tokens, buckets)) => {
                    tracing::info!(sessions, tokens, buckets, "housekeeping done");
                }
                Err(error) => tracing::warn!(%error, "housekeeping failed"),
            }
        }
    });
}
