//! The counts of a process's published needs by theme and commune, kept in memory as of the
//! needs' revision on the process row (triggers change it, so a change made through any server
//! reaches every cache on the next request), with the counts of searches made at that revision.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::features::needs::store::{self, Filter};
use crate::features::processes::store::Process;
use crate::platform::db::Db;
use crate::platform::revision_cache::RevisionCache;

/// One counter: `(theme, commune, needs, covered)` (0: none); `covered` needs are answered by
/// at least one published solution.
pub type Cell = (i64, i64, i64, i64);

/// Published needs counted by theme and commune (0: none), with the unfiltered counts by theme
/// ready, and the counts of searches made at the same revision.
pub struct NeedCounts {
    cells: Vec<Cell>,
    all_by_theme: Vec<(Option<i64>, i64)>,
    searched: Mutex<HashMap<String, i64>>,
}

/// Searches whose counts are kept per process and revision (past that, they start again).
const SEARCHES_KEPT: usize = 1024;

impl NeedCounts {
    /// Counts from cells, the unfiltered counts by theme made once.
    pub fn new(mut cells: Vec<Cell>) -> NeedCounts {
        // By commune, so that a commune's or an EPCI's cells are found without a scan.
        cells.sort_unstable_by_key(|(theme, place, _, _)| (*place, *theme));
        let mut counts = NeedCounts {
            cells,
            all_by_theme: Vec::new(),
            searched: Mutex::default(),
        };
        counts.all_by_theme = counts.sum_by_theme(None, None);
        counts
    }

    /// The cells of one commune.
    fn cells_of(&self, place: i64) -> &[Cell] {
        let start = self.cells.partition_point(|cell| cell.1 < place);
        let end = self.cells.partition_point(|cell| cell.1 <= place);
        &self.cells[start..end]
    }

    fn matching<'a>(
        &'a self,
        theme: Option<Option<i64>>,
        places: Option<&'a [i64]>,
    ) -> impl Iterator<Item = &'a Cell> {
        let parts: Vec<&[Cell]> = match places {
            Some(places) => places.iter().map(|place| self.cells_of(*place)).collect(),
            None => vec![&self.cells],
        };
        parts
            .into_iter()
            .flatten()
            .filter(move |(t, _, _, _)| theme.is_none_or(|wanted| *t == wanted.unwrap_or(0)))
    }

    fn sum_by_theme(
        &self,
        theme: Option<Option<i64>>,
        places: Option<&[i64]>,
    ) -> Vec<(Option<i64>, i64)> {
        // A process has a handful of themes: a short list beats hashing every cell.
        let mut sums: Vec<(i64, i64)> = Vec::new();
        for &(t, _, n, _) in self.matching(theme, places) {
            match sums.iter_mut().find(|(seen, _)| *seen == t) {
                Some(sum) => sum.1 += n,
                None => sums.push((t, n)),
            }
        }
        sums.into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(t, n)| ((t != 0).then_some(t), n))
            .collect()
    }

    /// How many needs have this theme (`Some(None)`: none) in these places (sorted ids;
    /// `None`: anywhere), by theme (`None`: without a theme); themes with none are left out.
    /// Their sum is the total.
    pub fn by_theme(
        &self,
        theme: Option<Option<i64>>,
        places: Option<&[i64]>,
    ) -> Vec<(Option<i64>, i64)> {
        match (theme, places) {
            (None, None) => self.all_by_theme.clone(),
            _ => self.sum_by_theme(theme, places),
        }
    }

    /// The same, by commune; needs without a place are left out.
    pub fn by_territory(
        &self,
        theme: Option<Option<i64>>,
        places: Option<&[i64]>,
    ) -> HashMap<i64, i64> {
        let mut sums: HashMap<i64, i64> = HashMap::new();
        for (_, place, n, _) in self.matching(theme, places) {
            if *place != 0 && *n > 0 {
                *sums.entry(*place).or_default() += n;
            }
        }
        sums
    }

    /// Needs and covered needs `(needs, covered)` of a theme (`Some(None)`: none; `None`:
    /// any) in these places, by commune (0: without a place).
    pub fn coverage_by_territory(
        &self,
        theme: Option<Option<i64>>,
        places: Option<&[i64]>,
    ) -> HashMap<i64, (i64, i64)> {
        let mut sums: HashMap<i64, (i64, i64)> = HashMap::new();
        for (_, place, n, covered) in self.matching(theme, places) {
            let sum = sums.entry(*place).or_default();
            sum.0 += n;
            sum.1 += covered;
        }
        sums.retain(|_, (n, _)| *n > 0);
        sums
    }

    /// The same by theme (`None`: without a theme), over these places.
    pub fn coverage_by_theme(&self, places: Option<&[i64]>) -> HashMap<Option<i64>, (i64, i64)> {
        let mut sums: HashMap<Option<i64>, (i64, i64)> = HashMap::new();
        for (theme, _, n, covered) in self.matching(None, places) {
            let sum = sums.entry((*theme != 0).then_some(*theme)).or_default();
            sum.0 += n;
            sum.1 += covered;
        }
        sums.retain(|_, (n, _)| *n > 0);
        sums
    }
}

/// Processes whose counts are kept (past that, the cache starts again).
const PROCESSES_KEPT: usize = 256;

/// The counts, by process id, each with the needs' revision it was read at.
pub struct NeedCountsCache {
    counts: RevisionCache<i64, NeedCounts>,
}

impl Default for NeedCountsCache {
    fn default() -> Self {
        NeedCountsCache {
            counts: RevisionCache::new(PROCESSES_KEPT),
        }
    }
}

impl NeedCountsCache {
    /// How many of a process's published needs match a filter the counters cannot answer
    /// (words, source), counting no further than `cap`: counted once per revision of its
    /// needs, since a frequent word costs a walk through its rows.
    pub async fn count_up_to(
        &self,
        db: &Db,
        process: &Process,
        filter: &Filter,
        cap: i64,
    ) -> Result<i64, sqlx::Error> {
        let counts = self.counts(db, process).await?;
        let key = format!("{cap}|{filter:?}");
        let kept = counts
            .searched
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
            .copied();
        if let Some(n) = kept {
            return Ok(n);
        }
        let n = store::count_up_to(db, process.id, filter, cap).await?;
        let mut searched = counts.searched.lock().unwrap_or_else(|p| p.into_inner());
        if searched.len() >= SEARCHES_KEPT {
            searched.clear();
        }
        searched.insert(key, n);
        Ok(n)
    }

    /// The counts of a process's published needs as of its row's revision.
    pub async fn counts(&self, db: &Db, process: &Process) -> Result<Arc<NeedCounts>, sqlx::Error> {
        if let Some(counts) = self.counts.get(process.id, &process.needs_revision) {
            return Ok(counts);
        }
        let counts = NeedCounts::new(store::counts(db, process.id).await?);
        Ok(self.counts.put(process.id, process.needs_revision, counts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_theme_add_up_each_theme_over_the_chosen_places() {
        // (theme, commune, count); theme 0 is "no theme".
        let counts = NeedCounts::new(vec![
            (1, 10, 2, 0),
            (2, 10, 1, 1),
            (1, 11, 3, 2),
            (0, 11, 4, 0),
            (1, 12, 5, 5),
            (2, 12, 0, 0),
        ]);
        let mut in_two = counts.by_theme(None, Some(&[10, 11]));
        in_two.sort_unstable();
        assert_eq!(in_two, vec![(None, 4), (Some(1), 5), (Some(2), 1)]);
        let mut everywhere = counts.by_theme(None, None);
        everywhere.sort_unstable();
        assert_eq!(everywhere, vec![(None, 4), (Some(1), 10), (Some(2), 1)]);
        assert_eq!(
            counts.by_theme(Some(Some(1)), Some(&[11, 12])),
            vec![(Some(1), 8)]
        );
        assert!(counts.by_theme(Some(Some(2)), Some(&[12])).is_empty());
    }

    #[test]
    fn coverage_adds_up_needs_and_covered_needs_by_commune_and_by_theme() {
        let counts = NeedCounts::new(vec![
            (1, 10, 2, 0),
            (2, 10, 1, 1),
            (1, 11, 3, 2),
            (0, 0, 4, 1),
            (2, 12, 0, 0),
        ]);
        let by_commune = counts.coverage_by_territory(None, None);
        assert_eq!(by_commune[&10], (3, 1));
        assert_eq!(by_commune[&11], (3, 2));
        assert_eq!(by_commune[&0], (4, 1));
        assert!(
            !by_commune.contains_key(&12),
            "a commune without needs is left out"
        );
        assert_eq!(
            counts.coverage_by_territory(Some(Some(1)), None)[&11],
            (3, 2)
        );
        let by_theme = counts.coverage_by_theme(Some(&[10, 11]));
        assert_eq!(by_theme[&Some(1)], (5, 2));
        assert_eq!(by_theme[&Some(2)], (1, 1));
        assert!(!by_theme.contains_key(&None));
    }
}
