//! What the solutions pages keep in memory: each process's solution counters as of its
//! solutions' revision, and the index that suggests the needs closest to a solution's text.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use textkit::corpus::{Corpus, CorpusOptions};
use textkit::nearest::NearestIndex;

use crate::features::processes::store::Process;
use crate::features::solutions::store::{self, Stage};
use crate::features::solutions::trail::Said;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::revision_cache::RevisionCache;

/// A process's published solutions counted by `(theme, territory, stage, count)` (0: none),
/// with the unfiltered counts by stage ready.
pub struct Counts {
    cells: Vec<(i64, i64, i64, i64)>,
    all_by_stage: Vec<(i64, i64)>,
}

impl Counts {
    /// Counts from the counters' cells.
    pub fn new(cells: Vec<(i64, i64, i64, i64)>) -> Counts {
        let mut counts = Counts {
            cells,
            all_by_stage: Vec::new(),
        };
        counts.all_by_stage = counts.sum_by_stage(None, None, None);
        counts
    }

    fn sum_by_stage(
        &self,
        theme: Option<Option<i64>>,
        places: Option<&[i64]>,
        stage: Option<i64>,
    ) -> Vec<(i64, i64)> {
        // A process has a handful of stages: a short list beats hashing every cell.
        let mut sums: Vec<(i64, i64)> = Vec::new();
        for &(t, place, s, n) in &self.cells {
            let wanted = theme.is_none_or(|wanted| wanted.unwrap_or(0) == t)
                && places.is_none_or(|places| places.contains(&place))
                && stage.is_none_or(|wanted| wanted == s);
            if !wanted {
                continue;
            }
            match sums.iter_mut().find(|(seen, _)| *seen == s) {
                Some(sum) => sum.1 += n,
                None => sums.push((s, n)),
            }
        }
        sums
    }

    /// Solutions of a theme (`Some(None)`: none), in these places, at a stage, by stage
    /// (0: none); every filter optional.
    pub fn by_stage(
        &self,
        theme: Option<Option<i64>>,
        places: Option<&[i64]>,
        stage: Option<i64>,
    ) -> Vec<(i64, i64)> {
        match (theme, places, stage) {
            (None, None, None) => self.all_by_stage.clone(),
            _ => self.sum_by_stage(theme, places, stage),
        }
    }
}

/// The published needs of a process, indexed by the words that carry meaning in them.
pub struct NeedIndex {
    /// The needs' revision it was built at.
    revision: i64,
    /// When it was built.
    built: Instant,
    corpus: Corpus,
    index: NearestIndex,
    /// `(id, title)` of each indexed need, in the corpus's order.
    needs: Vec<(i64, String)>,
}

impl NeedIndex {
    /// Indexes needs given as `(id, title, description)`.
    pub fn build(revision: i64, needs: Vec<(i64, String, String)>) -> NeedIndex {
        let texts: Vec<String> = needs
            .iter()
            .map(|(_, title, body)| format!("{title}. {body}"))
            .collect();
        // Every word counts, even one only a single need holds: a young consultation has few.
        let options = CorpusOptions {
            min_df: 1,
            ..CorpusOptions::default()
        };
        let corpus = Corpus::build(&texts, &options);
        let index = NearestIndex::new(corpus.matrix(), corpus.dimension());
        NeedIndex {
            revision,
            built: Instant::now(),
            corpus,
            index,
            needs: needs
                .into_iter()
                .map(|(id, title, _)| (id, title))
                .collect(),
        }
    }

    /// At most `k` needs closest to a text: `(id, title, cosine)`, closest first.
    pub fn nearest(&self, text: &str, k: usize) -> Vec<(i64, String, f32)> {
        let query = self.corpus.vectorize(text);
        self.index
            .nearest(&query, k, MIN_COSINE)
            .into_iter()
            .map(|(row, cosine)| (self.needs[row].0, self.needs[row].1.clone(), cosine))
            .collect()
    }
}

/// Below this cosine a need shares too little with the text to be suggested.
const MIN_COSINE: f32 = 0.05;

/// How long an index serves after new needs arrive: rebuilding reads every need of the process,
/// so a busy consultation rebuilds it at most this often, and a need is suggested at most this
/// late.
const INDEX_FRESH_FOR: Duration = Duration::from_secs(300);

/// Planisphère bodies kept (about 150 KB each: a process's few common filters, and more).
const PLANISPHERES_KEPT: usize = 64;

/// Solution cards kept (about a kilobyte each).
const CARDS_KEPT: usize = 8_192;

/// Processes whose counters are kept.
const PROCESSES_KEPT: usize = 256;

/// What the « vous avez dit » page depends on: the needs', solutions' and settings' revisions
/// of the process, and the language.
pub type SaidRevision = (i64, i64, i64, Lang);

/// The solutions feature's caches.
pub struct SolutionCaches {
    counts: RevisionCache<i64, Counts>,
    stages: RevisionCache<i64, Vec<Stage>>,
    /// The « vous avez dit, nous avons fait » page's content, by process.
    pub said: RevisionCache<SaidRevision, Said>,
    /// The list's cards as written, by solution.
    pub cards: crate::features::solutions::list::SolutionCards,
    /// The planisphère's map and tables, by process and filter.
    pub planispheres: crate::features::solutions::list::Planispheres,
    indexes: Mutex<HashMap<i64, Arc<NeedIndex>>>,
    /// One build at a time: two visitors asking at once wait for the same index.
    building: tokio::sync::Mutex<()>,
}

impl Default for SolutionCaches {
    fn default() -> Self {
        SolutionCaches {
            counts: RevisionCache::new(PROCESSES_KEPT),
            stages: RevisionCache::new(PROCESSES_KEPT),
            said: RevisionCache::new(PROCESSES_KEPT),
            cards: RevisionCache::new(CARDS_KEPT),
            planispheres: RevisionCache::new(PLANISPHERES_KEPT),
            indexes: Mutex::default(),
            building: tokio::sync::Mutex::new(()),
        }
    }
}

impl SolutionCaches {
    /// A process's solution counters as of its solutions' revision.
    pub async fn counts(&self, db: &Db, process: &Process) -> Result<Arc<Counts>, sqlx::Error> {
        if let Some(counts) = self.counts.get(process.id, &process.solutions_revision) {
            return Ok(counts);
        }
        let counts = Counts::new(store::counts(db, process.id).await?);
        Ok(self
            .counts
            .put(process.id, process.solutions_revision, counts))
    }

    /// A process's stages as of its settings' revision (which their changes move).
    pub async fn stages(&self, db: &Db, process: &Process) -> Result<Arc<Vec<Stage>>, sqlx::Error> {
        if let Some(stages) = self.stages.get(process.id, &process.settings_revision) {
            return Ok(stages);
        }
        let stages = store::stages(db, process.id).await?;
        Ok(self
            .stages
            .put(process.id, process.settings_revision, stages))
    }

    fn fresh_index(&self, process: &Process) -> Option<Arc<NeedIndex>> {
        let indexes = self.indexes.lock().unwrap_or_else(|p| p.into_inner());
        indexes
            .get(&process.id)
            .filter(|i| i.revision == process.needs_revision || i.built.elapsed() < INDEX_FRESH_FOR)
            .cloned()
    }

    /// The index of a process's published needs: kept while no need changed, or for
    /// `INDEX_FRESH_FOR` after one did.
    pub async fn need_index(
        &self,
        db: &Db,
        process: &Process,
    ) -> Result<Arc<NeedIndex>, sqlx::Error> {
        if let Some(index) = self.fresh_index(process) {
            return Ok(index);
        }
        let _turn = self.building.lock().await;
        if let Some(index) = self.fresh_index(process) {
            return Ok(index);
        }
        let needs = store::published_need_texts(db, process.id).await?;
        let revision = process.needs_revision;
        let index = tokio::task::spawn_blocking(move || NeedIndex::build(revision, needs))
            .await
            .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?;
        let index = Arc::new(index);
        let mut indexes = self.indexes.lock().unwrap_or_else(|p| p.into_inner());
        if indexes.len() >= PROCESSES_KEPT {
            indexes.clear();
        }
        indexes.insert(process.id, index.clone());
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_stage_follow_theme_place_and_stage() {
        // (theme, territory, stage, count)
        let counts = Counts::new(vec![
            (1, 10, 5, 2),
            (2, 10, 6, 1),
            (1, 11, 5, 3),
            (0, 0, 6, 4),
        ]);
        let mut all = counts.by_stage(None, None, None);
        all.sort_unstable();
        assert_eq!(all, vec![(5, 5), (6, 5)]);
        assert_eq!(
            counts.by_stage(Some(Some(1)), Some(&[10]), None),
            vec![(5, 2)]
        );
        assert_eq!(counts.by_stage(Some(None), None, None), vec![(6, 4)]);
        assert_eq!(counts.by_stage(None, None, Some(6)), vec![(6, 5)]);
    }

    #[test]
    fn the_closest_needs_share_the_text_s_meaningful_words() {
        let index = NeedIndex::build(
            1,
            vec![
                (
                    10,
                    "Plus de bus le soir".into(),
                    "Les bus s'arrêtent trop tôt".into(),
                ),
                (
                    11,
                    "Un jardin partagé".into(),
                    "Cultiver des légumes ensemble".into(),
                ),
                (
                    12,
                    "Des bus le dimanche".into(),
                    "Aucun bus le dimanche matin".into(),
                ),
                (
                    13,
                    "Une maison de santé".into(),
                    "Trop peu de médecins".into(),
                ),
            ],
        );
        let found = index.nearest("Un service de bus le soir et le dimanche", 3);
        let ids: Vec<i64> = found.iter().map(|(id, _, _)| *id).collect();
        assert_eq!(ids.len(), 2, "only the needs about buses: {found:?}");
        assert!(ids.contains(&10) && ids.contains(&12));
        assert!(found[0].2 >= found[1].2, "closest first");
        assert!(index.nearest("", 3).is_empty());
    }
}
