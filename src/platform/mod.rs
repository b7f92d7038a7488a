//! What every feature stands on, and which knows no feature: the database (one code path over
//! SQLite and PostgreSQL, migrations, the direct SQLite path), the web layer (visitor, CSRF,
//! page context, forms, error pages, headers, metrics), accounts' mechanics (passwords,
//! sessions, one-time links, rate limits, the permission model), mail and its queue, the audit
//! log, translations, the clock, caches by revision, errors and configuration. Features use it;
//! it never uses a feature.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod markdown;
pub mod permissions;
pub mod revision_cache;
pub mod secrets;
pub mod tables;
pub mod under_way;
pub mod web;

use std::sync::Arc;

use crate::platform::config::Config;
use crate::platform::db::Db;
use crate::platform::mail::Mailer;
use crate::platform::web::assets::Assets;
use crate::platform::web::cookies::Jar;
use crate::platform::web::metrics::Metrics;

/// What the platform's layers and functions reach: one pointer, cloned by every layer of
/// every request. The application's state derefs to it, so `state.db` reads the same
/// everywhere.
#[derive(Clone)]
pub struct Platform(Arc<Parts>);

impl std::ops::Deref for Platform {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

/// The parts behind `Platform`.
pub struct Parts {
    /// The database pool (SQLite or PostgreSQL).
    pub db: Db,
    /// The configuration the server started with.
    pub config: Config,
    /// Outgoing mail's transport (SMTP or the outbox folder), used by the mail worker.
    pub mailer: Mailer,
    /// Wakes this server's mail worker when a message is queued.
    pub mail_waiting: tokio::sync::Notify,
    /// Request counters and latencies for `/metrics`.
    pub metrics: Metrics,
    /// CSS, scripts and images embedded in the binary.
    pub assets: Assets,
}

impl Platform {
    /// The platform over an open database and the configuration.
    pub fn new(db: Db, config: Config) -> anyhow::Result<Platform> {
        let mailer = Mailer::new(
            config.smtp_url.as_deref(),
            &config.mail_from,
            config.outbox_dir(),
        )?;
        Ok(Platform(Arc::new(Parts {
            db,
            config,
            mailer,
            mail_waiting: tokio::sync::Notify::new(),
            metrics: Metrics::default(),
            assets: Assets::embedded(),
        })))
    }

    /// The site's cookies, as it is served (HTTPS or not).
    pub fn cookies(&self) -> Jar {
        Jar::new(self.config.is_https())
    }
}
