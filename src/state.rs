//! The application's state: the platform, and the caches of the features that keep some. Every
//! handler reaches it; it derefs to the platform (`state.db`, `state.config`…).

use std::sync::Arc;

use axum::extract::FromRef;

use crate::features::bourse::service::BourseCaches;
use crate::features::indicators::rules::Indicator;
use crate::features::needs::counts::NeedCountsCache;
use crate::features::needs::list::{NEED_CARDS_KEPT, NeedCards};
use crate::features::needs::supports::SupportBatches;
use crate::features::observatory::service::ObservatoryCaches;
use crate::features::opinions::pages::OpinionCache;
use crate::features::processes::cache::ProcessCache;
use crate::features::questionnaires::service::QuestionnaireCaches;
use crate::features::resources::service::ResourceCaches;
use crate::features::solutions::caches::SolutionCaches;
use crate::features::syntheses::jobs::FiguresCache;
use crate::features::territories::maps::GeoCache;
use crate::platform::Platform;
use crate::platform::config::Config;
use crate::platform::db::Db;
use crate::platform::revision_cache::RevisionCache;

/// What every handler can reach: one pointer, cloned by every layer of every request.
#[derive(Clone)]
pub struct AppState(Arc<Components>);

impl std::ops::Deref for AppState {
    type Target = Components;

    fn deref(&self) -> &Components {
        &self.0
    }
}

impl FromRef<AppState> for Platform {
    fn from_ref(state: &AppState) -> Platform {
        state.platform.clone()
    }
}

/// The components behind `AppState`.
pub struct Components {
    /// The platform: database, configuration, mail, metrics, assets.
    pub platform: Platform,
    /// Drawn maps and the point locator, cached by territories' revision.
    pub geo: GeoCache,
    /// Processes' settings, cached by their revision.
    pub processes: ProcessCache,
    /// Processes' need counts, cached by their needs' revision.
    pub need_counts: NeedCountsCache,
    /// Syntheses' figures, cached by their revisions.
    pub syntheses: FiguresCache,
    /// Processes' opinion maps, cached by the revision of their votes and statements.
    pub opinions: OpinionCache,
    /// Supports waiting to be written together.
    pub supports: SupportBatches,
    /// Need cards as list pages write them, kept until what they show changes.
    pub need_cards: NeedCards,
    /// Solution counters and the index suggesting needs for a solution.
    pub solutions: SolutionCaches,
    /// The bourse's matching indexes and lists, by process.
    pub bourse: BourseCaches,
    /// The ressourcerie's catalogues and first pages, by process.
    pub resources: ResourceCaches,
    /// Questionnaires' structure, answers and weights, by questionnaire.
    pub questionnaires: QuestionnaireCaches,
    /// Territories' figures and portraits, by the revision of what they show.
    pub observatory: ObservatoryCaches,
    /// Processes' standard indicators as computed, by process, kept for the minute.
    pub indicators: RevisionCache<i64, Vec<(Indicator, Option<f64>)>>,
}

impl std::ops::Deref for Components {
    type Target = Platform;

    fn deref(&self) -> &Platform {
        &self.platform
    }
}

impl AppState {
    /// Builds the state from an open database and the configuration.
    pub fn new(db: Db, config: Config) -> anyhow::Result<AppState> {
        Ok(AppState(Arc::new(Components {
            platform: Platform::new(db, config)?,
            geo: GeoCache::default(),
            processes: ProcessCache::default(),
            need_counts: NeedCountsCache::default(),
            syntheses: FiguresCache::new(64),
            opinions: OpinionCache::new(64),
            supports: SupportBatches::default(),
            need_cards: NeedCards::new(NEED_CARDS_KEPT),
            solutions: SolutionCaches::default(),
            bourse: BourseCaches::default(),
            resources: ResourceCaches::default(),
            questionnaires: QuestionnaireCaches::default(),
            observatory: ObservatoryCaches::default(),
            indicators: RevisionCache::new(256),
        })))
    }
}
