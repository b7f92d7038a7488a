//! The application state shared by every request: one documented field per component.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;
use crate::db::supports::SupportBatches;
use crate::mail::Mailer;
use crate::maps::GeoCache;
use crate::pages::needs::{NEED_CARDS_KEPT, NeedCards};
use crate::pages::opinions::OpinionCache;
use crate::process_cache::ProcessCache;
use crate::synthesis::FiguresCache;
use crate::web::assets::Assets;
use crate::web::cookies::Jar;
use crate::web::metrics::Metrics;

/// What every handler can reach: one pointer, cloned by every layer of every request.
#[derive(Clone)]
pub struct AppState(Arc<Components>);

impl std::ops::Deref for AppState {
    type Target = Components;

    fn deref(&self) -> &Components {
        &self.0
    }
}

/// The components behind `AppState`.
pub struct Components {
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
    /// Drawn maps and the point locator, cached by territories' revision.
    pub geo: GeoCache,
    /// Processes' settings and need counts, cached by their revisions.
    pub processes: ProcessCache,
    /// Syntheses' figures, cached by their revisions.
    pub syntheses: FiguresCache,
    /// Processes' opinion maps, cached by the revision of their votes and statements.
    pub opinions: OpinionCache,
    /// Supports waiting to be written together.
    pub supports: SupportBatches,
    /// Need cards as list pages write them, kept until what they show changes.
    pub need_cards: NeedCards,
}

impl AppState {
    /// The site's cookies, as it is served (HTTPS or not).
    pub fn cookies(&self) -> Jar {
        Jar::new(self.config.is_https())
    }

    /// Builds the state from an open database and the configuration.
    pub fn new(db: Db, config: Config) -> anyhow::Result<AppState> {
        let mailer = Mailer::new(
            config.smtp_url.as_deref(),
            &config.mail_from,
            config.outbox_dir(),
        )?;
        Ok(AppState(Arc::new(Components {
            db,
            config,
            mailer,
            mail_waiting: tokio::sync::Notify::new(),
            metrics: Metrics::default(),
            assets: Assets::embedded(),
            geo: GeoCache::default(),
            processes: ProcessCache::default(),
            syntheses: FiguresCache::new(64),
            opinions: OpinionCache::new(64),
            supports: SupportBatches::default(),
            need_cards: NeedCards::new(NEED_CARDS_KEPT),
        })))
    }
}
