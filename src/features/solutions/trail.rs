//! The trail from needs to solutions: on a need's page, a timeline (voiced → in which
//! synthesis cluster → which solutions → their stages and milestones); and, per process, the
//! « vous avez dit, nous avons fait » page: each theme of the published synthesis, its
//! clusters with their needs (quotes and how many are answered), the solutions answering them
//! and where they stand.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::processes::store::Process;
use crate::features::solutions::list::solutions_setting;
use crate::features::solutions::store::{self, Answering, Milestone, Stage};
use crate::features::syntheses;
use crate::platform::clock::format_utc;
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// How a need came in, as its trail starts.
pub struct Voiced {
    /// When (as the page writes dates).
    pub date: String,
    /// Where: online, at which workshop, imported.
    pub how: String,
}

/// A solution on a trail, with its stage and milestones (dates and titles).
struct TrailSolution {
    id: i64,
    title: String,
    date: String,
    stage: Option<String>,
    progress: i64,
    answer: Option<String>,
    milestones: Vec<Milestone>,
}

#[derive(Template)]
#[template(path = "solutions/templates/need_trail.html")]
struct NeedTrail {
    tr: Tr,
    need_id: i64,
    slug: String,
    open: bool,
    voiced: Voiced,
    cluster: Option<(i64, i64, String)>,
    solutions: Vec<TrailSolution>,
}

fn on_trail(
    solution: Answering,
    stages: &[Stage],
    tr: Tr,
    milestones: Vec<Milestone>,
) -> TrailSolution {
    let mut date = format_utc(solution.created_at);
    date.truncate(10);
    TrailSolution {
        id: solution.id,
        title: solution.title,
        date,
        stage: solution
            .stage_id
            .and_then(|id| stages.iter().find(|s| s.id == id))
            .map(|s| s.label.clone()),
        progress: solution.progress,
        answer: solution
            .answer
            .map(|a| tr.t(&format!("answer-{}", a.as_str()))),
        milestones,
    }
}

/// A need's trail as HTML, for its page: how it came in, its cluster in the published
/// synthesis, the solutions answering it with their stages and milestones, and (while
/// solutions are open) a link to propose one.
pub async fn need_trail_html(
    state: &AppState,
    tr: Tr,
    process: &Process,
    need_id: i64,
    voiced: Voiced,
) -> AppResult<String> {
    let settings = state.processes.settings(&state.db, process).await?;
    let open = settings.opens(
        process,
        crate::features::processes::rules::Module::Solutions,
    );
    let stages = state.solutions.stages(&state.db, process).await?;
    let cluster = store::clusters_of_needs(&state.db, process.id, &[need_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, cluster, label, synthesis)| (synthesis, cluster, label));
    let answering = store::answering_need(&state.db, need_id).await?;
    let ids: Vec<i64> = answering.iter().map(|s| s.id).collect();
    let mut milestones = store::milestones_of(&state.db, &ids).await?;
    let solutions = answering
        .into_iter()
        .map(|solution| {
            let (own, others): (Vec<_>, Vec<_>) =
                milestones.drain(..).partition(|(of, _)| *of == solution.id);
            milestones = others;
            let own = own.into_iter().map(|(_, m)| m).collect();
            on_trail(solution, &stages, tr, own)
        })
        .collect();
    Ok(NeedTrail {
        tr,
        need_id,
        slug: process.slug.clone(),
        open,
        voiced,
        cluster,
        solutions,
    }
    .render()?)
}

/// One cluster of the published synthesis on the « vous avez dit » page.
pub struct SaidCluster {
    /// Its name.
    pub label: String,
    /// What the synthesis says of it.
    pub summary: String,
    /// Its page.
    pub href: String,
    /// Published needs in it.
    pub needs: i64,
    /// Of them, answered by a solution.
    pub covered: i64,
    /// A few of its needs, in people's words: `(id, title)`.
    pub quotes: Vec<(i64, String)>,
    /// The solutions answering it or its needs: `(id, title, stage, progress)`.
    pub solutions: Vec<(i64, String, String, i64)>,
}

/// A theme of the published synthesis with its clusters.
pub struct SaidTheme {
    /// Its name.
    pub name: String,
    /// Its colour.
    pub colour: String,
    /// Its clusters.
    pub clusters: Vec<SaidCluster>,
}

impl SaidTheme {
    /// Its clusters that no solution answers yet.
    pub fn waiting(&self) -> usize {
        self.clusters
            .iter()
            .filter(|c| c.solutions.is_empty())
            .count()
    }
}

/// What the « vous avez dit » page shows of a process, as of its needs' and solutions'
/// revisions.
pub struct Said {
    /// The published synthesis's version, if any.
    pub version: Option<i64>,
    /// Its themes.
    pub themes: Vec<SaidTheme>,
}

async fn said(state: &AppState, process: &Process, tr: Tr) -> AppResult<Said> {
    let Some(synthesis) = syntheses::service::published(&state.db, process.id).await? else {
        return Ok(Said {
            version: None,
            themes: Vec::new(),
        });
    };
    let settings = state.processes.settings(&state.db, process).await?;
    let stages = state.solutions.stages(&state.db, process).await?;
    let coverage: HashMap<i64, (i64, i64)> = store::cluster_coverage(&state.db, synthesis.id)
        .await?
        .into_iter()
        .map(|(cluster, n, covered)| (cluster, (n, covered)))
        .collect();
    let mut solutions: HashMap<i64, Vec<(i64, String, String, i64)>> = HashMap::new();
    for row in store::cluster_solutions(&state.db, synthesis.id).await? {
        let stage = row
            .stage_id
            .and_then(|id| stages.iter().find(|s| s.id == id))
            .map(|s| s.label.clone())
            .unwrap_or_default();
        solutions
            .entry(row.cluster_id)
            .or_default()
            .push((row.id, row.title, stage, row.progress));
    }
    let mut quotes: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for quote in syntheses::service::quotes(&state.db, synthesis.id).await? {
        quotes
            .entry(quote.cluster_id)
            .or_default()
            .push((quote.need_id, quote.title));
    }
    let mut themes: Vec<SaidTheme> = Vec::new();
    let mut theme_of: Vec<Option<i64>> = Vec::new();
    for cluster in syntheses::service::clusters(&state.db, synthesis.id).await? {
        let (needs, covered) = coverage.get(&cluster.id).copied().unwrap_or_default();
        let said = SaidCluster {
            href: format!("/syntheses/{}/groupes/{}", synthesis.id, cluster.id),
            needs,
            covered,
            quotes: quotes.remove(&cluster.id).unwrap_or_default(),
            solutions: solutions.remove(&cluster.id).unwrap_or_default(),
            label: cluster.label,
            summary: cluster.summary,
        };
        match theme_of.iter().position(|t| *t == cluster.theme_id) {
            Some(at) => themes[at].clusters.push(said),
            None => {
                let (name, colour) = match cluster.theme_id.and_then(|id| settings.theme(id)) {
                    Some(t) => (t.name.clone(), t.colour.clone()),
                    None => (tr.t("need-theme-unknown"), "#4f5b66".to_owned()),
                };
                theme_of.push(cluster.theme_id);
                themes.push(SaidTheme {
                    name,
                    colour,
                    clusters: vec![said],
                });
            }
        }
    }
    Ok(Said {
        version: Some(synthesis.version),
        themes,
    })
}

#[derive(Template)]
#[template(path = "solutions/templates/said.html")]
struct SaidPage {
    page: PageCtx,
    process: Process,
    said: Arc<Said>,
}

/// `GET /demarches/{slug}/vous-avez-dit`: « vous avez dit, nous avons fait ». Kept until a
/// need or a solution of the process changes.
pub async fn said_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (setting, _) = solutions_setting(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let process = setting.process;
    let revision = (
        process.needs_revision,
        process.solutions_revision,
        process.settings_revision,
        tr.lang,
    );
    let said = match state.solutions.said.get(process.id, &revision) {
        Some(said) => said,
        None => {
            let said = said(&state, &process, tr).await?;
            state.solutions.said.put(process.id, revision, said)
        }
    };
    render(&SaidPage {
        page: PageCtx::new(&state, &visitor),
        process,
        said,
    })
}
