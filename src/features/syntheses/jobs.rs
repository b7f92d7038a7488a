//! Running a synthesis: reads the published needs of a scope, has `textkit` draft themes →
//! clusters → needs (suggesting a theme where people gave none, learning from those they
//! gave), and stores the draft, reporting progress as it goes. The site runs it in the
//! background; `concerto synthesize` runs it in the foreground with a progress bar.

use std::sync::Arc;

use anyhow::Context;
use textkit::{DraftCluster, ThemeText};

use crate::features::events;
use crate::features::needs::rules::Source;
use crate::features::processes;
use crate::features::processes::store::Theme;
use crate::features::syntheses;
use crate::features::syntheses::rules::{Scope, label_from_terms};
use crate::features::syntheses::store::{NewCluster, NewMember};
use crate::platform::db::Db;

/// What `concerto synthesize` synthesises.
#[derive(clap::Args, Debug, Clone)]
pub struct SynthesizeOptions {
    /// The process, by the slug of its address (`/demarches/SLUG`).
    #[arg(long)]
    pub process: String,
    /// Only the needs of this theme (its name or number).
    #[arg(long, conflicts_with_all = ["territory", "workshop"])]
    pub theme: Option<String>,
    /// Only the needs placed in this territory (INSEE code of a commune, SIREN of an EPCI).
    #[arg(long, conflicts_with = "workshop")]
    pub territory: Option<String>,
    /// Only the needs captured at this workshop (its number).
    #[arg(long)]
    pub workshop: Option<i64>,
}

/// The seed of every synthesis: the same needs give the same draft.
const SEED: u64 = 42;

/// How far a job is: percent done and what it is doing (a message key).
pub type Progress = (i64, &'static str);

/// Computes the draft of a running synthesis and stores it; returns the number of needs it
/// covers. On error the synthesis is marked failed with the reason.
pub async fn run(
    db: &Db,
    synthesis_id: i64,
    on_progress: &mut (dyn FnMut(Progress) + Send),
) -> anyhow::Result<i64> {
    let outcome = compute(db, synthesis_id, on_progress).await;
    if let Err(error) = &outcome {
        tracing::error!(synthesis_id, "synthesis failed: {error:#}");
        syntheses::store::fail(db, synthesis_id, &format!("{error:#}")).await?;
    }
    outcome
}

/// Starts the job of a running synthesis in the background; its progress goes to the
/// database, where pages read it.
pub fn spawn(db: Db, synthesis_id: i64) {
    tokio::spawn(async move {
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        let writer_db = db.clone();
        let writer = tokio::spawn(async move {
            while let Some((percent, stage)) = receiver.recv().await {
                if let Err(error) =
                    syntheses::store::set_progress(&writer_db, synthesis_id, percent, stage).await
                {
                    tracing::warn!(synthesis_id, "progress not recorded: {error}");
                }
            }
        });
        let mut report = move |progress: Progress| {
            let _ = sender.send(progress);
        };
        // The outcome is stored by `run` (draft or failure); nothing more to do with it here.
        let _ = run(&db, synthesis_id, &mut report).await;
        drop(report);
        let _ = writer.await;
    });
}

/// Runs a synthesis in the foreground, drawing its progress on the terminal, and says where
/// the draft can be read.
pub async fn run_in_terminal(db: &Db, options: &SynthesizeOptions) -> anyhow::Result<()> {
    let process = processes::store::by_slug(db, &options.process)
        .await?
        .with_context(|| format!("no process has the address /demarches/{}", options.process))?;
    let scope = scope_of(db, &process, options).await?;
    let id = syntheses::store::start(db, process.id, scope, None)
        .await?
        .context("a synthesis of this process is already running: wait for it to finish")?;
    let tr = crate::platform::i18n::Tr::new(crate::platform::i18n::Lang::Fr);
    let started = std::time::Instant::now();
    let mut draw = |(percent, stage): Progress| {
        let filled = (percent.clamp(0, 100) / 5) as usize;
        eprint!(
            "\r[{}{}] {percent:>3} %  {:>5.1} s  {:<40}",
            "#".repeat(filled),
            ".".repeat(20 - filled),
            started.elapsed().as_secs_f64(),
            tr.t(stage)
        );
    };
    let needs = run(db, id, &mut draw).await;
    eprintln!();
    let needs = needs?;
    let clusters = syntheses::store::clusters(db, id).await?;
    let synthesis = syntheses::store::by_id(db, id)
        .await?
        .context("the synthesis vanished")?;
    println!(
        "Version {} en brouillon : {needs} besoins, {} groupes, en {:.1} s. À relire sur /syntheses/{id}",
        synthesis.version,
        clusters.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The scope named on the command line, checked against the process.
async fn scope_of(
    db: &Db,
    process: &processes::store::Process,
    options: &SynthesizeOptions,
) -> anyhow::Result<Scope> {
    if let Some(wanted) = &options.theme {
        let themes = processes::store::themes(db, process.id).await?;
        let theme = themes
            .iter()
            .find(|t| t.id.to_string() == *wanted || t.name.eq_ignore_ascii_case(wanted.trim()))
            .with_context(|| {
                let names: Vec<&str> = themes.iter().map(|t| t.name.as_str()).collect();
                format!(
                    "no theme {wanted:?} in this process (its themes: {})",
                    names.join(", ")
                )
            })?;
        return Ok(Scope::Theme(theme.id));
    }
    if let Some(code) = &options.territory {
        let settings = crate::features::processes::cache::ProcessCache::default()
            .settings(db, process)
            .await?;
        let found = settings
            .communes
            .iter()
            .chain(&settings.epcis)
            .find(|t| t.code == code.trim())
            .with_context(|| format!("no territory with code {code:?} in this process"))?;
        return Ok(Scope::Territory(found.id));
    }
    if let Some(workshop) = options.workshop {
        let event = events::store::by_id(db, workshop)
            .await?
            .filter(|e| e.process_id == process.id)
            .with_context(|| format!("no workshop {workshop} in this process"))?;
        return Ok(Scope::Workshop(event.id));
    }
    Ok(Scope::All)
}

async fn compute(
    db: &Db,
    synthesis_id: i64,
    on_progress: &mut (dyn FnMut(Progress) + Send),
) -> anyhow::Result<i64> {
    let synthesis = syntheses::store::by_id(db, synthesis_id)
        .await?
        .context("the synthesis no longer exists")?;
    on_progress((1, "synthesis-stage-reading"));
    let needs =
        syntheses::store::needs_in_scope(db, synthesis.process_id, synthesis.scope()).await?;
    let themes = processes::store::themes(db, synthesis.process_id).await?;
    let texts: Vec<String> = needs
        .iter()
        .map(|n| format!("{}\n{}", n.title, n.body))
        .collect();
    let known: Vec<Option<usize>> = needs
        .iter()
        .map(|n| {
            n.theme_id
                .and_then(|id| themes.iter().position(|t| t.id == id))
        })
        .collect();
    let theme_texts: Vec<ThemeText> = themes.iter().map(theme_text).collect();
    on_progress((5, "synthesis-stage-suggesting"));

    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<f32>();
    let work = tokio::task::spawn_blocking(move || {
        let draft = textkit::draft(&texts, &theme_texts, &known, SEED, &mut |share| {
            let _ = sender.send(share);
        });
        (draft, known)
    });
    let mut last = -1;
    while let Some(share) = receiver.recv().await {
        let percent = 5 + (share * 85.0) as i64;
        if percent != last {
            last = percent;
            let stage = if share < 0.2 {
                "synthesis-stage-suggesting"
            } else {
                "synthesis-stage-clustering"
            };
            on_progress((percent, stage));
        }
    }
    let (draft, known) = work.await.context("the clustering stopped")?;

    on_progress((92, "synthesis-stage-saving"));
    let member = |i: usize, quote_rank: Option<i64>| {
        let suggestion = draft.suggestions[i];
        NewMember {
            need_id: needs[i].id,
            source: needs[i].source,
            territory_id: needs[i].territory_id,
            suggested: known[i].is_none() && suggestion.is_some(),
            confidence: suggestion.map(|s| f64::from(s.confidence)),
            quote_rank,
        }
    };
    let mut clusters = Vec::new();
    for theme in &draft.themes {
        let theme_id = theme.theme.map(|t| themes[t].id);
        for cluster in &theme.clusters {
            clusters.push(new_cluster(theme_id, cluster, &member));
        }
    }
    syntheses::store::save_draft(db, synthesis_id, &clusters, needs.len() as i64).await?;
    on_progress((100, "synthesis-stage-done"));
    Ok(needs.len() as i64)
}

/// What the suggestion reads of a theme: its name, description and keywords.
fn theme_text(theme: &Theme) -> ThemeText {
    ThemeText {
        name: theme.name.clone(),
        description: format!(
            "{}\n{}",
            theme.description,
            theme.keywords.replace(',', " ")
        ),
    }
}

/// A drafted cluster ready to store; `member(i, rank)` makes the member of text `i`.
fn new_cluster(
    theme_id: Option<i64>,
    cluster: &DraftCluster,
    member: &dyn Fn(usize, Option<i64>) -> NewMember,
) -> NewCluster {
    NewCluster {
        theme_id,
        label: label_from_terms(&cluster.label),
        members: cluster
            .members
            .iter()
            .map(|&i| {
                let rank = cluster.representatives.iter().position(|&r| r == i);
                member(i, rank.map(|r| r as i64))
            })
            .collect(),
    }
}

/// What became of a cluster asked to split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// It is now two clusters.
    Done,
    /// Its needs are too few or too alike to tell apart.
    TooAlike,
    /// The version is no longer a draft: nothing changed.
    NotADraft,
}

/// Splits a draft's cluster in two by the texts of its needs: the larger part keeps the
/// cluster (its name, text and pins), the other becomes a new cluster named by its terms.
pub async fn split(db: &Db, cluster: &syntheses::store::Cluster) -> anyhow::Result<Split> {
    let members = syntheses::store::members(db, cluster.id, false, 0, i64::from(u32::MAX)).await?;
    if members.len() < 2 {
        return Ok(Split::TooAlike);
    }
    let texts: Vec<String> = members
        .iter()
        .map(|m| format!("{}\n{}", m.title, m.excerpt))
        .collect();
    let all: Vec<usize> = (0..texts.len()).collect();
    let parts =
        tokio::task::spawn_blocking(move || textkit::split_texts(&texts, &all, Some(2), SEED))
            .await
            .context("the split stopped")?;
    if parts.len() < 2 {
        return Ok(Split::TooAlike);
    }
    let member = |i: usize, quote_rank: Option<i64>| NewMember {
        need_id: members[i].need_id,
        source: members[i].source,
        territory_id: members[i].territory_id,
        suggested: members[i].suggested == 1,
        confidence: members[i].confidence,
        quote_rank,
    };
    let parts: Vec<NewCluster> = parts
        .iter()
        .map(|part| new_cluster(cluster.theme_id, part, &member))
        .collect();
    Ok(
        if syntheses::store::split_cluster(db, cluster, &parts).await? {
            Split::Done
        } else {
            Split::NotADraft
        },
    )
}

/// What a synthesis's pages show of it: its clusters with their sizes, the needs counted by
/// cluster and source (with the suggested themes still to confirm) and by cluster and
/// commune, and the quotes. Counting reads every need of the synthesis, so figures are kept
/// in memory until the draft is edited or the process's needs change (a quote hidden).
pub struct Figures {
    /// Clusters in order, with their sizes.
    pub clusters: Vec<syntheses::store::Cluster>,
    /// `(cluster, source, needs, suggested themes to confirm)`.
    pub by_source: Vec<(i64, Source, i64, i64)>,
    /// `(cluster, commune, needs)`.
    pub by_commune: Vec<(i64, i64, i64)>,
    /// The quotes of every cluster (pinned, else the most representative).
    pub quotes: Vec<syntheses::store::Member>,
}

/// The revisions figures were counted at: the synthesis's and its process's needs'.
pub type Revisions = (i64, i64);

/// Figures kept per synthesis, with the revisions they were counted at.
pub type FiguresCache = crate::platform::revision_cache::RevisionCache<Revisions, Figures>;

/// The figures of a synthesis, counted again only when it or the process's needs
/// (`needs_revision`) changed since.
pub async fn figures(
    cache: &FiguresCache,
    db: &Db,
    synthesis: &syntheses::store::Synthesis,
    needs_revision: i64,
) -> Result<Arc<Figures>, sqlx::Error> {
    let revision = (synthesis.revision, needs_revision);
    if let Some(figures) = cache.get(synthesis.id, &revision) {
        return Ok(figures);
    }
    let id = synthesis.id;
    let figures = Figures {
        clusters: syntheses::store::clusters(db, id).await?,
        by_source: syntheses::store::counts_by_source(db, id).await?,
        by_commune: syntheses::store::counts_by_commune(db, id).await?,
        quotes: syntheses::store::quotes(db, id).await?,
    };
    Ok(cache.put(id, revision, figures))
}
