//! What list pages need of a process, kept in memory and checked against the revisions on the
//! process row read by every request: its settings (themes, phases, territories) and the
//! counts of its published needs by theme and commune. Triggers in the database change the
//! revisions, so a change made through any server reaches every cache on the next request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use geokit::svg::escape;

use crate::features::needs;
use crate::features::needs::store::Filter;
use crate::features::processes;
use crate::features::processes::rules::{Day, Module, module_open};
use crate::features::processes::store::{Phase, Process, Theme};
use crate::features::territories;
use crate::features::territories::store::Territory;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::revision_cache::RevisionCache;

/// The `<option>`s of a select, escaped once and shared between requests.
pub type Options = Arc<str>;

/// The settings of a process that pages share.
pub struct ProcessSettings {
    /// Its themes, in order.
    pub themes: Vec<Theme>,
    /// Its phases, by date.
    pub phases: Vec<Phase>,
    /// The territories it covers.
    pub territories: Vec<Territory>,
    /// Their ids.
    pub roots: Vec<i64>,
    /// Its communes, by name.
    pub communes: Vec<Territory>,
    /// Its EPCI, by name.
    pub epcis: Vec<Territory>,
    theme_index: HashMap<i64, usize>,
    commune_index: HashMap<i64, usize>,
    place_options: [OnceLock<Options>; 2],
    theme_filter_options: OnceLock<Options>,
}

/// `<option>`s for `(value, label)` pairs, labels escaped.
fn options(choices: impl Iterator<Item = (i64, String)>) -> Options {
    choices
        .map(|(id, label)| format!("<option value=\"{id}\">{}</option>", escape(&label)))
        .collect::<String>()
        .into()
}

impl ProcessSettings {
    /// Whether `process` takes part in `module` today: it is published and a current phase
    /// opens the module.
    pub fn opens(&self, process: &Process, module: Module) -> bool {
        process.status.is_open()
            && module_open(
                self.phases
                    .iter()
                    .map(|p| (p.starts_on.as_str(), p.ends_on.as_str(), p.modules.as_str())),
                module,
                Day::today(),
            )
    }

    /// The `<option>`s of its EPCI then communes for a place filter, in a language (made
    /// once).
    pub fn place_options(&self, tr: Tr) -> Options {
        let slot = &self.place_options[usize::from(tr.lang == Lang::En)];
        slot.get_or_init(|| {
            let epci = tr.t("level-epci");
            let epcis = self
                .epcis
                .iter()
                .map(|t| (t.id, format!("{} ({epci})", t.name)));
            let communes = self.communes.iter().map(|t| (t.id, t.name.clone()));
            options(epcis.chain(communes))
        })
        .clone()
    }

    /// The `<option>`s of its themes for a theme filter (made once; names are the same in
    /// every language).
    pub fn theme_filter_options(&self) -> Options {
        self.theme_filter_options
            .get_or_init(|| options(self.themes.iter().map(|t| (t.id, t.name.clone()))))
            .clone()
    }

    /// A theme of the process by id.
    pub fn theme(&self, id: i64) -> Option<&Theme> {
        self.theme_index.get(&id).map(|i| &self.themes[*i])
    }

    /// A commune of the process by id.
    pub fn commune(&self, id: i64) -> Option<&Territory> {
        self.commune_index.get(&id).map(|i| &self.communes[*i])
    }

    /// A commune or EPCI of the process and the communes it holds, sorted.
    pub fn territory_and_children(&self, id: i64) -> Vec<i64> {
        let mut ids: Vec<i64> = std::iter::once(id)
            .chain(
                self.communes
                    .iter()
                    .filter(|c| c.parent_id == Some(id))
                    .map(|c| c.id),
            )
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// Published needs counted by theme and commune (0: none), with the unfiltered counts by theme
/// ready, and the counts of searches made at the same revision.
pub struct NeedCounts {
    cells: Vec<(i64, i64, i64)>,
    all_by_theme: Vec<(Option<i64>, i64)>,
    searched: Mutex<HashMap<String, i64>>,
}

/// Searches whose counts are kept per process and revision (past that, they start again).
const SEARCHES_KEPT: usize = 1024;

impl NeedCounts {
    /// Counts from `(theme, commune, count)` cells, the unfiltered counts by theme made once.
    pub fn new(mut cells: Vec<(i64, i64, i64)>) -> NeedCounts {
        // By commune, so that a commune's or an EPCI's cells are found without a scan.
        cells.sort_unstable_by_key(|(theme, place, _)| (*place, *theme));
        let mut counts = NeedCounts {
            cells,
            all_by_theme: Vec::new(),
            searched: Mutex::default(),
        };
        counts.all_by_theme = counts.sum_by_theme(None, None);
        counts
    }

    /// The cells of one commune.
    fn cells_of(&self, place: i64) -> &[(i64, i64, i64)] {
        let start = self.cells.partition_point(|cell| cell.1 < place);
        let end = self.cells.partition_point(|cell| cell.1 <= place);
        &self.cells[start..end]
    }

    fn matching<'a>(
        &'a self,
        theme: Option<Option<i64>>,
        places: Option<&'a [i64]>,
    ) -> impl Iterator<Item = &'a (i64, i64, i64)> {
        let parts: Vec<&[(i64, i64, i64)]> = match places {
            Some(places) => places.iter().map(|place| self.cells_of(*place)).collect(),
            None => vec![&self.cells],
        };
        parts
            .into_iter()
            .flatten()
            .filter(move |(t, _, _)| theme.is_none_or(|wanted| *t == wanted.unwrap_or(0)))
    }

    fn sum_by_theme(
        &self,
        theme: Option<Option<i64>>,
        places: Option<&[i64]>,
    ) -> Vec<(Option<i64>, i64)> {
        // A process has a handful of themes: a short list beats hashing every cell.
        let mut sums: Vec<(i64, i64)> = Vec::new();
        for &(t, _, n) in self.matching(theme, places) {
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
        for (_, place, n) in self.matching(theme, places) {
            if *place != 0 && *n > 0 {
                *sums.entry(*place).or_default() += n;
            }
        }
        sums
    }
}

/// Processes whose settings and counts are kept (past that, the caches start again).
const PROCESSES_KEPT: usize = 256;

/// The caches, by process id, each with the revision it was read at.
pub struct ProcessCache {
    settings: RevisionCache<i64, ProcessSettings>,
    counts: RevisionCache<i64, NeedCounts>,
}

impl Default for ProcessCache {
    fn default() -> Self {
        ProcessCache {
            settings: RevisionCache::new(PROCESSES_KEPT),
            counts: RevisionCache::new(PROCESSES_KEPT),
        }
    }
}

impl ProcessCache {
    /// The settings of a process as of its row's revision.
    pub async fn settings(
        &self,
        db: &Db,
        process: &Process,
    ) -> Result<Arc<ProcessSettings>, sqlx::Error> {
        if let Some(settings) = self.settings.get(process.id, &process.settings_revision) {
            return Ok(settings);
        }
        let territories = processes::store::territories(db, process.id).await?;
        let roots: Vec<i64> = territories.iter().map(|t| t.id).collect();
        let themes = processes::store::themes(db, process.id).await?;
        let communes = territories::store::units_under(db, &roots, "commune").await?;
        let settings = ProcessSettings {
            theme_index: themes.iter().enumerate().map(|(i, t)| (t.id, i)).collect(),
            commune_index: communes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i))
                .collect(),
            themes,
            communes,
            phases: processes::store::phases(db, process.id).await?,
            epcis: territories::store::units_under(db, &roots, "epci").await?,
            roots,
            territories,
            place_options: Default::default(),
            theme_filter_options: OnceLock::new(),
        };
        Ok(self
            .settings
            .put(process.id, process.settings_revision, settings))
    }

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
        let n = needs::store::count_up_to(db, process.id, filter, cap).await?;
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
        let counts = NeedCounts::new(needs::store::counts(db, process.id).await?);
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
            (1, 10, 2),
            (2, 10, 1),
            (1, 11, 3),
            (0, 11, 4),
            (1, 12, 5),
            (2, 12, 0),
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
}
