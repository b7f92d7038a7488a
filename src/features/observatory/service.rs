//! What the observatory's pages, the command line and the demo call: importing a census or
//! legal populations table (rows matched to the platform's communes, IRIS created under their
//! commune, everything stored in one transaction with its per-row report), and a territory's
//! figures, kept until what they depend on changes.

use std::collections::HashMap;
use std::sync::Arc;

use crate::features::observatory::census::{self, FileProblem, Level, RowProblem};
use crate::features::observatory::figures::{Columns, Figure, Profile, Tree};
use crate::features::observatory::store::{self, NewDataset, NewUnit};
use crate::platform::clock::new_id;
use crate::platform::db::Db;
use crate::platform::i18n::Tr;
use crate::platform::revision_cache::RevisionCache;

/// What the team says of a table it imports.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// A title (« RP 2021, évolution et structure de la population »).
    pub title: String,
    /// Its source, cited under every figure (« Insee, RP2021 exploitation principale »).
    pub source: String,
    /// Its licence (« Licence Ouverte / Etalab 2.0 »).
    pub licence: String,
    /// The year of legal populations (census columns carry theirs).
    pub year: Option<i32>,
}

/// What an import kept and refused.
#[derive(Debug)]
pub struct ImportReport {
    /// The stored dataset.
    pub dataset_id: i64,
    /// Level of its rows.
    pub level: Level,
    /// Rows kept.
    pub kept: usize,
    /// IRIS created under their commune.
    pub created: usize,
    /// Figure columns read.
    pub columns: Vec<String>,
    /// Columns read past.
    pub ignored: Vec<String>,
    /// `(line, code, reason)` of refused rows.
    pub refused: Vec<(usize, String, String)>,
}

/// Why an import stored nothing.
#[derive(Debug)]
pub enum ImportFailure {
    /// The file as a whole.
    File(FileProblem),
    /// No row could be kept.
    NothingKept(Vec<(usize, String, String)>),
    /// The database.
    Database(sqlx::Error),
}

impl From<sqlx::Error> for ImportFailure {
    fn from(error: sqlx::Error) -> Self {
        ImportFailure::Database(error)
    }
}

/// A row matched to its unit.
struct Matched {
    territory_id: i64,
    commune_id: i64,
}

/// Imports a table: reads it, matches every row to a commune the platform holds (an IRIS not
/// yet known is created under it), and stores the good rows, the dataset and its report in one
/// transaction; refused rows are named with their line and reason.
pub async fn import(
    db: &Db,
    bytes: Vec<u8>,
    options: &ImportOptions,
    imported_by: Option<i64>,
    tr: Tr,
) -> Result<ImportReport, ImportFailure> {
    let year = options.year;
    let file = tokio::task::spawn_blocking(move || census::read(&bytes, year))
        .await
        .map_err(|e| ImportFailure::Database(sqlx::Error::Protocol(e.to_string())))?
        .map_err(ImportFailure::File)?;
    let mut ids: HashMap<(String, String), i64> = store::unit_ids(db)
        .await?
        .into_iter()
        .map(|(level, code, id)| ((level, code), id))
        .collect();
    let mut refused: Vec<(usize, String, RowProblem)> = file.refused.clone();
    let mut units = Vec::new();
    let mut matched = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        let Some(&commune_id) = ids.get(&("commune".to_owned(), row.commune.clone())) else {
            refused.push((
                row.line,
                row.code.clone(),
                RowProblem::UnknownCommune(row.commune.clone()),
            ));
            continue;
        };
        let territory_id = if row.whole_commune {
            commune_id
        } else if let Some(&id) = ids.get(&("iris".to_owned(), row.code.clone())) {
            id
        } else {
            let id = new_id();
            units.push(NewUnit {
                id,
                code: row.code.clone(),
                name: row
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("IRIS {}", row.code)),
                parent_id: commune_id,
            });
            ids.insert(("iris".to_owned(), row.code.clone()), id);
            id
        };
        matched.push((
            row,
            Matched {
                territory_id,
                commune_id,
            },
        ));
    }
    refused.sort_by_key(|(line, _, _)| *line);
    let refused: Vec<(usize, String, String)> = refused
        .into_iter()
        .map(|(line, code, problem)| (line, code, problem.message(tr)))
        .collect();
    if matched.is_empty() {
        return Err(ImportFailure::NothingKept(refused));
    }
    let figures: Vec<(i64, String)> = matched
        .iter()
        .map(|(row, m)| {
            let values = serde_json::to_string(&row.values).unwrap_or_else(|_| "[]".into());
            (m.territory_id, values)
        })
        .collect();
    let legal_at = file.columns.iter().position(|c| c.name == "PMUN");
    let populations: Vec<(i64, i64)> = match legal_at {
        Some(at) if file.level == Level::Commune => matched
            .iter()
            .filter_map(|(row, m)| row.values[at].map(|v| (m.commune_id, v.round() as i64)))
            .collect(),
        _ => Vec::new(),
    };
    let report = report_csv(&matched_lines(&matched), &refused, tr);
    let columns: Vec<(String, i32)> = file
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.year))
        .collect();
    let dataset = NewDataset {
        title: &options.title,
        source: &options.source,
        licence: &options.licence,
        level: file.level.as_str(),
        year: i64::from(file.columns.iter().map(|c| c.year).max().unwrap_or(0)),
        columns: serde_json::to_string(&columns).unwrap_or_default(),
        ignored: serde_json::to_string(&file.ignored).unwrap_or_default(),
        counts: (matched.len() as i64, refused.len() as i64),
        report,
        created_by: imported_by,
    };
    let dataset_id = store::save(db, &dataset, &units, &figures, &populations).await?;
    Ok(ImportReport {
        dataset_id,
        level: file.level,
        kept: matched.len(),
        created: units.len(),
        columns: file.columns.iter().map(|c| c.name.clone()).collect(),
        ignored: file.ignored,
        refused,
    })
}

fn matched_lines(matched: &[(&census::CensusRow, Matched)]) -> Vec<(usize, String)> {
    matched
        .iter()
        .map(|(row, _)| (row.line, row.code.clone()))
        .collect()
}

/// Every row's fate as CSV (line, code, kept or refused, reason), in file order.
fn report_csv(kept: &[(usize, String)], refused: &[(usize, String, String)], tr: Tr) -> String {
    let kept_word = tr.t("census-report-kept");
    let refused_word = tr.t("census-report-refused");
    let mut rows: Vec<(usize, Vec<String>)> = kept
        .iter()
        .map(|(line, code)| {
            let row = vec![
                line.to_string(),
                code.clone(),
                kept_word.clone(),
                String::new(),
            ];
            (*line, row)
        })
        .chain(refused.iter().map(|(line, code, reason)| {
            let row = vec![
                line.to_string(),
                code.clone(),
                refused_word.clone(),
                reason.clone(),
            ];
            (*line, row)
        }))
        .collect();
    rows.sort_by_key(|(line, _)| *line);
    let header = [
        tr.t("census-report-line"),
        tr.t("census-report-code"),
        tr.t("census-report-outcome"),
        tr.t("census-report-reason"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    exports::csv::write(&header, rows.into_iter().map(|(_, row)| row))
}

/// A revision of everything a portrait shows.
pub type Revision = (i64, i64, i64);

/// Portraits' bodies kept at most (a pôle's is about 80 KB: some 40 MB in all).
const BODIES_KEPT: usize = 512;

/// A portrait as written for one territory, language and choice.
pub struct KeptPortrait {
    /// Its key (territory, language, reference, indicator).
    pub key: String,
    /// The page's body.
    pub html: axum::body::Bytes,
    /// Its tables, for the CSV.
    pub tables: Vec<crate::features::observatory::portrait::Table>,
}

/// Territories' figure trees, by root unit, at their revision.
pub struct ObservatoryCaches {
    trees: RevisionCache<Revision, Tree>,
    /// Portraits as written (page body and tables), by a hash of their key (checked when
    /// read): the page and its CSV read the same.
    pub bodies: RevisionCache<Revision, KeptPortrait>,
    /// Held while a tree is built: one at a time, the requests that wait then find it kept.
    pub building: tokio::sync::Mutex<()>,
}

impl Default for ObservatoryCaches {
    fn default() -> Self {
        ObservatoryCaches {
            trees: RevisionCache::new(64),
            bodies: RevisionCache::new(BODIES_KEPT),
            building: tokio::sync::Mutex::new(()),
        }
    }
}

/// The figures of a unit and everything under it, built once per revision.
pub async fn tree(
    db: &Db,
    caches: &ObservatoryCaches,
    root: i64,
    revision: Revision,
) -> Result<Arc<Tree>, sqlx::Error> {
    if let Some(tree) = caches.trees.get(root, &revision) {
        return Ok(tree);
    }
    let _turn = caches.building.lock().await;
    if let Some(tree) = caches.trees.get(root, &revision) {
        return Ok(tree);
    }
    let units = store::subtree(db, root).await?;
    let rows = store::figures_under(db, root).await?;
    let datasets: HashMap<i64, Columns> = store::datasets(db)
        .await?
        .iter()
        .map(|d| (d.id, Columns::of(d)))
        .collect();
    let built = tokio::task::spawn_blocking(move || Tree::build(root, units, &rows, &datasets))
        .await
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    Ok(caches.trees.put(root, revision, built))
}

/// The census's figures of several units taken together (each figure summed over them,
/// complete when every unit has it) and the latest population of every IRIS under them, by
/// code: what a questionnaire's margins are filled from.
pub async fn census_of(
    db: &Db,
    caches: &ObservatoryCaches,
    roots: &[i64],
) -> Result<(Profile, HashMap<String, f64>), sqlx::Error> {
    let revision = store::revision(db).await?;
    let mut summed: HashMap<String, (Figure, usize)> = HashMap::new();
    let mut iris = HashMap::new();
    for root in roots {
        let tree = tree(db, caches, *root, revision).await?;
        for (key, figure) in tree.figures(*root).into_iter().flatten() {
            let (sum, count) = summed.entry(key.clone()).or_insert((
                Figure {
                    value: 0.0,
                    complete: true,
                },
                0,
            ));
            sum.value += figure.value;
            sum.complete &= figure.complete;
            *count += 1;
        }
        for unit in tree.units().filter(|u| u.level == "iris") {
            let population = tree
                .figures(unit.id)
                .and_then(|f| Profile::of(f).populations.last().map(|p| p.value));
            if let Some(population) = population {
                iris.insert(unit.code.clone(), population);
            }
        }
    }
    let figures = summed
        .into_iter()
        .map(|(key, (mut figure, count))| {
            figure.complete &= count == roots.len();
            (key, figure)
        })
        .collect();
    Ok((Profile::of(&figures), iris))
}

/// The sources cited for the datasets behind some figure keys: `(title, source, licence)`.
pub async fn sources(
    db: &Db,
    dataset_ids: &[i64],
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let mut cited: Vec<(String, String, String)> = store::datasets(db)
        .await?
        .into_iter()
        .filter(|d| dataset_ids.contains(&d.id))
        .map(|d| (d.title, d.source, d.licence))
        .collect();
    cited.dedup();
    Ok(cited)
}
