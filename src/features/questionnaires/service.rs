//! What the questionnaires' pages share: a questionnaire with its process and whether the
//! visitor runs it, its structure and submitted responses kept in memory at its revision with
//! their weights (raked to the team's margins), the respondents a results filter keeps, and
//! the communes a commune question offers.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;

use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process_by_id;
use crate::features::processes::store::Process;
use crate::features::questionnaires::places::{Level, Places};
use crate::features::questionnaires::results::{Category, Respondent};
use crate::features::questionnaires::rules::{Kind, Question, Section};
use crate::features::questionnaires::store::{self, Questionnaire, Submitted};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::{Lang, Tr};
use crate::platform::permissions::{ProcessAction, ProcessRole};
use crate::platform::revision_cache::RevisionCache;
use crate::platform::under_way::UnderWay;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Questionnaires whose computed answers are kept.
const QUESTIONNAIRES_KEPT: usize = 64;

/// A questionnaire as a page reads it: with its process, its settings, and whether the
/// visitor runs it.
#[derive(Clone)]
pub struct Loaded {
    /// The questionnaire.
    pub questionnaire: Questionnaire,
    /// Its process.
    pub process: Process,
    /// The process's settings (communes…).
    pub settings: Arc<ProcessSettings>,
    /// Whether the visitor runs it (the process's facilitators and managers, admins).
    pub runs: bool,
}

/// Whether someone holding these roles runs a process's questionnaires.
pub fn runs(visitor: &Visitor, roles: &[ProcessRole]) -> bool {
    visitor.may_in_process(roles, ProcessAction::Facilitate)
}

/// A questionnaire the visitor may see: published, or run by them.
pub async fn load(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<Loaded> {
    let questionnaire = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = visible_process_by_id(state, visitor, questionnaire.process_id).await?;
    let runs = runs(visitor, &roles);
    if !questionnaire.published && !runs {
        return Err(AppError::NotFound);
    }
    let settings = state.processes.settings(&state.db, &process).await?;
    Ok(Loaded {
        questionnaire,
        process,
        settings,
        runs,
    })
}

/// A questionnaire the visitor runs; 403 for anyone else who may see it.
pub async fn load_run(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<Loaded> {
    visitor.require_account()?;
    let loaded = load(state, visitor, id).await?;
    if loaded.runs {
        Ok(loaded)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The places a questionnaire's residence questions name: the process's communes and EPCI,
/// and its IRIS when a question asks for one (read again when the territories change).
pub async fn places(
    state: &AppState,
    loaded: &Loaded,
    sections: &[Section],
) -> AppResult<Arc<Places>> {
    let asks_iris = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .any(|q| q.kind == Kind::Iris);
    let territories = if asks_iris {
        Some(crate::features::territories::store::revision(&state.db).await?)
    } else {
        None
    };
    let revision = (loaded.process.settings_revision, territories);
    let process = loaded.process.id;
    if let Some(kept) = state.questionnaires.places.get(process, &revision) {
        return Ok(kept);
    }
    let settings = &loaded.settings;
    let iris = if asks_iris {
        crate::features::territories::store::units_under(&state.db, &settings.roots, "iris").await?
    } else {
        Vec::new()
    };
    let places = Places::of(&settings.communes, &settings.epcis, &iris);
    Ok(state.questionnaires.places.put(process, revision, places))
}

/// The census figures margins are filled from: the process's territories' latest age bands,
/// sexes and occupation categories taken together, and each IRIS's population by code.
pub async fn census(state: &AppState, settings: &ProcessSettings) -> AppResult<Census> {
    let (profile, iris) = crate::features::observatory::service::census_of(
        &state.db,
        &state.observatory,
        &settings.roots,
    )
    .await?;
    Ok(Census { profile, iris })
}

/// A map of the process's territories whose shapes do not link to their pages (a map read for
/// its colours, or clicked to choose a place).
pub async fn unlinked_map(
    state: &AppState,
    loaded: &Loaded,
    colouring: Colouring,
    mut texts: MapTexts,
    id: &str,
) -> AppResult<Arc<RenderedMap>> {
    texts.links = false;
    let map = state
        .geo
        .territory_map(&state.db, &loaded.settings.roots, colouring, texts, id)
        .await?;
    Ok(map)
}

/// What the census says of a process's territories, for its margins.
#[derive(Default)]
pub struct Census {
    /// Age bands, sexes and occupation categories, latest years.
    pub profile: crate::features::observatory::figures::Profile,
    /// Each IRIS's latest population, by code.
    pub iris: HashMap<String, f64>,
}

/// Why the answers could not be weighted.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// No submitted response answers every weighting question.
    NoRespondents,
    /// A category with a target has no respondent: `(question, category)`.
    EmptyCategory(String, String),
    /// The trimming bounds do not hold the mean weight.
    BadTrim,
}

impl Refusal {
    /// What to say, in the visitor's language.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            Refusal::NoRespondents => tr.t("questionnaire-weighting-no-respondents"),
            Refusal::EmptyCategory(question, category) => tr.t_args(
                "questionnaire-weighting-empty-category",
                &[("question", question), ("category", category)],
            ),
            Refusal::BadTrim => tr.t("questionnaire-weighting-bad-trim"),
        }
    }
}

/// A weighting variable as the report shows it: the question and its categories' labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    /// The question's wording.
    pub question: String,
    /// Its categories, in the margin's order.
    pub categories: Vec<String>,
}

/// How the answers are weighted.
#[derive(Clone, Debug, PartialEq)]
pub enum Weighting {
    /// No margin set: every weight is 1.
    None,
    /// Raked to the margins.
    Raked {
        /// What raking did.
        report: raking::Report,
        /// The variables, in the report's order.
        variables: Vec<Variable>,
        /// Respondents left at weight 1 because they did not answer a weighting question.
        left_out: usize,
    },
    /// Margins set but raking refused: the answers are shown unweighted.
    Refused(Refusal),
}

/// A questionnaire's structure and submitted answers at one revision, with each response's
/// weight.
pub struct Computed {
    /// Its sections and questions.
    pub sections: Vec<Section>,
    /// Its submitted responses.
    pub submitted: Vec<Submitted>,
    /// Each submitted response's weight, in the same order.
    pub weights: Vec<f64>,
    /// How they were weighted.
    pub weighting: Weighting,
    /// The process's places its residence questions name.
    pub places: Arc<Places>,
}

impl Computed {
    /// Every question, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// A question by id.
    pub fn question(&self, id: i64) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// The respondents a filter keeps, weighted or not.
    pub fn respondents(&self, weighted: bool, filter: &Filter) -> Vec<Respondent<'_>> {
        self.submitted
            .iter()
            .zip(&self.weights)
            .map(|(s, w)| Respondent::new(if weighted { *w } else { 1.0 }, &s.answers))
            .filter(|r| filter.keeps(self, r))
            .collect()
    }
}

/// Which respondents results show: those of some communes (by code), those who chose a
/// profile category.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Communes of residence kept (by code), if filtered by place.
    pub communes: Option<HashSet<String>>,
    /// A choice of a profile question the respondent must have chosen.
    pub profile_choice: Option<i64>,
}

impl Filter {
    fn keeps(&self, computed: &Computed, respondent: &Respondent<'_>) -> bool {
        // A commune answered, or the commune of an IRIS answered.
        let place_ok = self.communes.as_ref().is_none_or(|codes| {
            computed.questions().filter(|q| q.kind.is_place()).any(|q| {
                respondent.rows(q.id).iter().any(|r| {
                    let commune = match (q.kind, r.text.as_deref()) {
                        (Kind::Iris, Some(iris)) => computed
                            .places
                            .find(Level::Iris, iris)
                            .and_then(|p| p.within.as_deref()),
                        (_, text) => text,
                    };
                    commune.is_some_and(|code| codes.contains(code))
                })
            })
        });
        let profile_ok = self.profile_choice.is_none_or(|choice| {
            computed
                .questions()
                .filter(|q| q.choices.iter().any(|c| c.id == choice))
                .any(|q| respondent.chose(q, &Category::Choice(choice)))
        });
        place_ok && profile_ok
    }
}

/// Results' pages kept at most (past that, the cache starts again).
const RESULT_PAGES_KEPT: usize = 512;

/// A results' page as written: its body, and what the page says around it.
pub struct ResultPage {
    /// The body (figures, charts, tables).
    pub body: Bytes,
    /// The responses it counts.
    pub counted: usize,
    /// Whether its figures are weighted.
    pub weighted: bool,
    /// How the answers are weighted, said in the page's language.
    pub weighting: String,
}

/// Results' pages as written, by questionnaire, language and query, each with the revision
/// it was written at.
#[derive(Default)]
pub struct ResultPages {
    kept: Mutex<HashMap<ResultKey, (i64, Arc<ResultPage>)>>,
}

/// A results' page's key: the questionnaire, the language, the query.
pub type ResultKey = (i64, Lang, String);

impl ResultPages {
    /// The page kept for `key` if written at `revision`.
    pub fn get(&self, key: &ResultKey, revision: i64) -> Option<Arc<ResultPage>> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.get(key)
            .filter(|(r, _)| *r == revision)
            .map(|(_, page)| page.clone())
    }

    /// The page kept for `key` whatever its revision, with that revision.
    pub fn latest(&self, key: &ResultKey) -> Option<(i64, Arc<ResultPage>)> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.get(key).map(|(r, page)| (*r, page.clone()))
    }

    /// Keeps a page written at `revision` (unless one of a later revision is kept) and
    /// returns it.
    pub fn put(&self, key: ResultKey, revision: i64, page: ResultPage) -> Arc<ResultPage> {
        let page = Arc::new(page);
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.get(&key).is_some_and(|(r, _)| *r > revision) {
            return page;
        }
        if kept.len() >= RESULT_PAGES_KEPT {
            kept.clear();
        }
        kept.insert(key, (revision, page.clone()));
        page
    }
}

/// The computed answers of questionnaires, by id, at their revision, and their results'
/// pages as written.
pub struct QuestionnaireCaches {
    computed: RevisionCache<i64, Computed>,
    /// Results' pages, by questionnaire, language and query.
    pub result_pages: ResultPages,
    /// Results' pages being written in the background, by key.
    pub pages_under_way: UnderWay<ResultKey>,
    /// Held while answers are read and weighted: one at a time, the requests that wait then
    /// find them kept.
    pub computing: tokio::sync::Mutex<()>,
    /// Held while a results' body is written: one at a time, likewise.
    pub writing: tokio::sync::Mutex<()>,
    /// Questionnaires' sections and questions, at their revision.
    structures: RevisionCache<i64, Vec<Section>>,
    /// Processes' places, at their settings' (and territories') revision.
    places: RevisionCache<PlacesRevision, Places>,
}

/// What a process's places are read at: its settings' revision, and the territories' when
/// its IRIS are read.
type PlacesRevision = (i64, Option<(i64, i64)>);

impl Default for QuestionnaireCaches {
    fn default() -> Self {
        QuestionnaireCaches {
            computed: RevisionCache::new(QUESTIONNAIRES_KEPT),
            result_pages: ResultPages::default(),
            pages_under_way: UnderWay::default(),
            computing: tokio::sync::Mutex::new(()),
            writing: tokio::sync::Mutex::new(()),
            structures: RevisionCache::new(QUESTIONNAIRES_KEPT),
            places: RevisionCache::new(QUESTIONNAIRES_KEPT),
        }
    }
}

/// How long the results page waits for its figures at the questionnaire's revision before it
/// shows the last ones written (reading, weighting and writing 100,000 responses takes
/// seconds).
pub const RESULTS_PATIENCE: Duration = Duration::from_secs(1);

/// A questionnaire's structure, answers and weights as of its revision (computed once per
/// revision).
pub async fn computed(state: &AppState, loaded: &Loaded) -> AppResult<Arc<Computed>> {
    let q = &loaded.questionnaire;
    if let Some(kept) = state.questionnaires.computed.get(q.id, &q.revision) {
        return Ok(kept);
    }
    let _turn = state.questionnaires.computing.lock().await;
    if let Some(kept) = state.questionnaires.computed.get(q.id, &q.revision) {
        return Ok(kept);
    }
    let sections = store::structure(&state.db, q.id).await?;
    let submitted = store::submitted(&state.db, q.id).await?;
    let margins = store::margins(&state.db, q.id).await?;
    let places = places(state, loaded, &sections).await?;
    let trim = q.trim();
    // Sorting and raking 100,000 responses takes a while: off the requests' threads.
    let computed = tokio::task::spawn_blocking(move || {
        let mut submitted = submitted;
        for response in &mut submitted {
            crate::features::questionnaires::results::by_question(&mut response.answers);
        }
        let (weights, weighting) = weigh(&sections, &submitted, &margins, &places, trim);
        Computed {
            sections,
            submitted,
            weights,
            weighting,
            places,
        }
    })
    .await
    .map_err(|e| AppError::Internal(format!("answers computed: {e}")))?;
    Ok(state
        .questionnaires
        .computed
        .put(q.id, q.revision, computed))
}

/// A response's category in a closed question: its choice's code, or its place's code.
pub fn category_of(question: &Question, response: &Submitted) -> Option<String> {
    let row = response
        .answers
        .iter()
        .find(|a| a.question_id == question.id)?;
    if question.kind.is_place() {
        row.text.clone()
    } else {
        question
            .choices
            .iter()
            .find(|c| c.id == row.item)
            .map(|c| c.code.clone())
    }
}

/// A questionnaire's sections and questions as of its revision (read once per revision).
pub async fn structure(state: &AppState, q: &Questionnaire) -> AppResult<Arc<Vec<Section>>> {
    if let Some(kept) = state.questionnaires.structures.get(q.id, &q.revision) {
        return Ok(kept);
    }
    let sections = store::structure(&state.db, q.id).await?;
    Ok(state
        .questionnaires
        .structures
        .put(q.id, q.revision, sections))
}

/// Rakes the submitted responses to the margins `(question, category code, share in percent)`:
/// a residence question's margin may be by commune, by EPCI or by IRIS (`places` say which
/// EPCI each commune is in). Respondents who did not answer a weighting question keep a
/// weight of 1.
pub fn weigh(
    sections: &[Section],
    submitted: &[Submitted],
    margins: &[(i64, String, f64)],
    places: &Places,
    trim: Option<(f64, f64)>,
) -> (Vec<f64>, Weighting) {
    let unweighted = vec![1.0; submitted.len()];
    let mut by_question: Vec<(i64, Vec<(String, f64)>)> = Vec::new();
    for (question, category, share) in margins {
        match by_question.last_mut() {
            Some((q, shares)) if q == question => shares.push((category.clone(), *share)),
            _ => by_question.push((*question, vec![(category.clone(), *share)])),
        }
    }
    let questions: HashMap<i64, &Question> = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .map(|q| (q.id, q))
        .collect();
    by_question.retain(|(q, _)| questions.contains_key(q));
    if by_question.is_empty() {
        return (unweighted, Weighting::None);
    }
    // A residence margin's level (commune, EPCI, IRIS), from its codes.
    let levels: Vec<Option<Level>> = by_question
        .iter()
        .map(|(q, shares)| {
            let kind = questions[q].kind;
            kind.is_place()
                .then(|| places.margin_level(kind, shares.iter().map(|(c, _)| c.as_str())))
        })
        .collect();
    // Each respondent's category in each margin (by the choice's code, or the place's).
    let mut raked_rows: Vec<usize> = Vec::new();
    let mut categories: Vec<Vec<usize>> = vec![Vec::new(); by_question.len()];
    'respondents: for (i, s) in submitted.iter().enumerate() {
        let mut mine = Vec::with_capacity(by_question.len());
        for ((question, shares), level) in by_question.iter().zip(&levels) {
            let Some(code) = category_of(questions[question], s) else {
                continue 'respondents;
            };
            let counted = match level {
                Some(level) => places.counted_as(&code, *level),
                None => Some(code.as_str()),
            };
            let Some(index) = counted.and_then(|code| shares.iter().position(|(c, _)| c == code))
            else {
                continue 'respondents;
            };
            mine.push(index);
        }
        raked_rows.push(i);
        for (m, index) in mine.into_iter().enumerate() {
            categories[m].push(index);
        }
    }
    let label_of = |margin: usize, code: &str| -> String {
        let question = questions[&by_question[margin].0];
        let name = match levels[margin] {
            Some(level) => places.find(level, code).map(|p| p.name.clone()),
            None => question
                .choices
                .iter()
                .find(|c| c.code == code)
                .map(|c| c.label.clone()),
        };
        name.unwrap_or_else(|| code.to_owned())
    };
    let margins: Vec<raking::Margin> = by_question
        .iter()
        .zip(categories)
        .map(|((_, shares), categories)| raking::Margin {
            categories,
            targets: shares.iter().map(|(_, t)| *t).collect(),
        })
        .collect();
    let options = raking::Options {
        trim,
        ..raking::Options::default()
    };
    match raking::rake(&margins, &options) {
        Ok(report) => {
            let mut weights = unweighted;
            for (row, w) in raked_rows.iter().zip(&report.weights) {
                weights[*row] = *w;
            }
            let variables = by_question
                .iter()
                .enumerate()
                .map(|(margin, (q, shares))| Variable {
                    question: match levels[margin] {
                        Some(Level::Epci) => format!("{} (EPCI)", questions[q].label),
                        _ => questions[q].label.clone(),
                    },
                    categories: shares.iter().map(|(c, _)| label_of(margin, c)).collect(),
                })
                .collect();
            let left_out = submitted.len() - raked_rows.len();
            (
                weights,
                Weighting::Raked {
                    report,
                    variables,
                    left_out,
                },
            )
        }
        Err(error) => {
            let refusal = match error {
                raking::RakeError::EmptyCategory { margin, category } => {
                    let (question, shares) = &by_question[margin];
                    Refusal::EmptyCategory(
                        questions[question].label.clone(),
                        label_of(margin, &shares[category].0),
                    )
                }
                raking::RakeError::BadTrim => Refusal::BadTrim,
                _ => Refusal::NoRespondents,
            };
            (unweighted, Weighting::Refused(refusal))
        }
    }
}

/// Whether a process has a published questionnaire (its page then links them).
pub async fn has_published(
    db: &crate::platform::db::Db,
    process_id: i64,
) -> Result<bool, sqlx::Error> {
    store::has_published(db, process_id).await
}
