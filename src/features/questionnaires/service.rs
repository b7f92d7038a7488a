//! What the questionnaires' pages share: a questionnaire with its process and whether the
//! visitor runs it, its structure and submitted responses kept in memory at its revision with
//! their weights (raked to the team's margins), the respondents a results filter keeps, and
//! the communes a commune question offers.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;

use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process_by_id;
use crate::features::processes::store::Process;
use crate::features::questionnaires::results::{Category, Respondent};
use crate::features::questionnaires::rules::{Kind, Question, Section};
use crate::features::questionnaires::store::{self, Questionnaire, Submitted};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::{Lang, Tr};
use crate::platform::permissions::{ProcessAction, ProcessRole};
use crate::platform::revision_cache::RevisionCache;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Questionnaires whose computed answers are kept.
const QUESTIONNAIRES_KEPT: usize = 64;

/// A questionnaire as a page reads it: with its process, its settings, and whether the
/// visitor runs it.
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

/// A process's communes as `(code, name)`, by name.
pub fn communes(settings: &ProcessSettings) -> Vec<(String, String)> {
    settings
        .communes
        .iter()
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect()
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
    /// The process's communes, `(code, name)`.
    pub communes: Vec<(String, String)>,
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
        let place_ok = self.communes.as_ref().is_none_or(|codes| {
            computed
                .questions()
                .filter(|q| q.kind == Kind::Commune)
                .any(|q| {
                    respondent
                        .rows(q.id)
                        .iter()
                        .any(|r| r.text.as_ref().is_some_and(|code| codes.contains(code)))
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

/// Results' bodies kept at most (past that, the cache starts again).
const RESULT_PAGES_KEPT: usize = 512;

/// Results' bodies as written, by questionnaire, language and query, each with the revision
/// it was written at.
#[derive(Default)]
pub struct ResultPages {
    kept: Mutex<HashMap<ResultKey, (i64, Bytes)>>,
}

/// A results' body's key: the questionnaire, the language, the query.
pub type ResultKey = (i64, Lang, String);

impl ResultPages {
    /// The body kept for `key` if written at `revision`.
    pub fn get(&self, key: &ResultKey, revision: i64) -> Option<Bytes> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.get(key)
            .filter(|(r, _)| *r == revision)
            .map(|(_, b)| b.clone())
    }

    /// Keeps a body written at `revision`.
    pub fn put(&self, key: ResultKey, revision: i64, body: Bytes) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.len() >= RESULT_PAGES_KEPT {
            kept.clear();
        }
        kept.insert(key, (revision, body));
    }
}

/// The computed answers of questionnaires, by id, at their revision, and their results'
/// bodies as written.
pub struct QuestionnaireCaches {
    computed: RevisionCache<i64, Computed>,
    /// Results' bodies, by questionnaire, language and query.
    pub result_pages: ResultPages,
    /// Held while answers are read or a results' body is computed: one at a time, the
    /// requests that wait then find it kept.
    pub computing: tokio::sync::Mutex<()>,
    /// Questionnaires' sections and questions, at their revision.
    structures: RevisionCache<i64, Vec<Section>>,
}

impl Default for QuestionnaireCaches {
    fn default() -> Self {
        QuestionnaireCaches {
            computed: RevisionCache::new(QUESTIONNAIRES_KEPT),
            result_pages: ResultPages::default(),
            computing: tokio::sync::Mutex::new(()),
            structures: RevisionCache::new(QUESTIONNAIRES_KEPT),
        }
    }
}

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
    let mut submitted = store::submitted(&state.db, q.id).await?;
    for response in &mut submitted {
        crate::features::questionnaires::results::by_question(&mut response.answers);
    }
    let margins = store::margins(&state.db, q.id).await?;
    let communes = communes(&loaded.settings);
    let (weights, weighting) = weigh(&sections, &submitted, &margins, &communes, q.trim());
    Ok(state.questionnaires.computed.put(
        q.id,
        q.revision,
        Computed {
            sections,
            submitted,
            weights,
            weighting,
            communes,
        },
    ))
}

/// A response's category in a closed question: its choice's code, or its commune's code.
pub fn category_of(question: &Question, response: &Submitted) -> Option<String> {
    let row = response
        .answers
        .iter()
        .find(|a| a.question_id == question.id)?;
    if question.kind == Kind::Commune {
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

/// Rakes the submitted responses to the margins `(question, category code, share in percent)`.
/// Respondents who did not answer a weighting question keep a weight of 1.
pub fn weigh(
    sections: &[Section],
    submitted: &[Submitted],
    margins: &[(i64, String, f64)],
    communes: &[(String, String)],
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
    // Each respondent's category in each margin (by the choice's code, or the commune's).
    let mut raked_rows: Vec<usize> = Vec::new();
    let mut categories: Vec<Vec<usize>> = vec![Vec::new(); by_question.len()];
    'respondents: for (i, s) in submitted.iter().enumerate() {
        let mut mine = Vec::with_capacity(by_question.len());
        for (question, shares) in &by_question {
            let Some(code) = category_of(questions[question], s) else {
                continue 'respondents;
            };
            let Some(index) = shares.iter().position(|(c, _)| *c == code) else {
                continue 'respondents;
            };
            mine.push(index);
        }
        raked_rows.push(i);
        for (m, index) in mine.into_iter().enumerate() {
            categories[m].push(index);
        }
    }
    let label_of = |question: &Question, code: &str| -> String {
        if question.kind == Kind::Commune {
            communes
                .iter()
                .find(|(c, _)| c == code)
                .map_or_else(|| code.to_owned(), |(_, name)| name.clone())
        } else {
            question
                .choices
                .iter()
                .find(|c| c.code == code)
                .map_or_else(|| code.to_owned(), |c| c.label.clone())
        }
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
                .map(|(q, shares)| Variable {
                    question: questions[q].label.clone(),
                    categories: shares
                        .iter()
                        .map(|(c, _)| label_of(questions[q], c))
                        .collect(),
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
                    let q = questions[question];
                    Refusal::EmptyCategory(q.label.clone(), label_of(q, &shares[category].0))
                }
                raking::RakeError::BadTrim => Refusal::BadTrim,
                _ => Refusal::NoRespondents,
            };
            (unweighted, Weighting::Refused(refusal))
        }
    }
}

/// The categories a profile question's margin is typed for: its choices' codes and labels,
/// or the process's communes with their populations as stored.
pub fn margin_categories(
    question: &Question,
    settings: &ProcessSettings,
) -> Vec<(String, String, Option<i64>)> {
    if question.kind == Kind::Commune {
        settings
            .communes
            .iter()
            .map(|c| (c.code.clone(), c.name.clone(), c.population))
            .collect()
    } else {
        question
            .choices
            .iter()
            .map(|c| (c.code.clone(), c.label.clone(), None))
            .collect()
    }
}

/// Whether a process has a published questionnaire (its page then links them).
pub async fn has_published(
    db: &crate::platform::db::Db,
    process_id: i64,
) -> Result<bool, sqlx::Error> {
    store::has_published(db, process_id).await
}
