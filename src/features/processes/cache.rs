//! What list pages need of a process, kept in memory and checked against the revision on the
//! process row read by every request: its settings (themes, phases, territories). Triggers in
//! the database change the revision, so a change made through any server reaches every cache
//! on the next request.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use geokit::svg::escape;

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

/// Processes whose settings are kept (past that, the cache starts again).
const PROCESSES_KEPT: usize = 256;

/// The settings, by process id, each with the revision it was read at.
pub struct ProcessCache {
    settings: RevisionCache<i64, ProcessSettings>,
}

impl Default for ProcessCache {
    fn default() -> Self {
        ProcessCache {
            settings: RevisionCache::new(PROCESSES_KEPT),
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
}
