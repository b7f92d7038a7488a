//! Syntheses of a process's needs: the team runs one (all needs, or a theme, a territory, a
//! workshop) as a background job and follows its progress; the draft shows themes →
//! clusters → needs with counts by source and territory; the team renames, describes,
//! merges and splits clusters, moves needs, accepts suggested themes and pins quotes; a
//! manager validates and publishes. The public reads the published version, each figure
//! linking to the needs behind it.

pub mod cluster;

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::features::events;
use crate::features::needs::rules::Source;
use crate::features::processes;
use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::features::syntheses;
use crate::features::syntheses::jobs::Figures;
use crate::features::syntheses::rules::{Scope, Status, VersionDecision};
use crate::features::syntheses::store::{Cluster, Member, Synthesis};
use crate::platform::audit;
use crate::platform::auth;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::permissions::ProcessAction;
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::page::MessagePage;
use crate::platform::web::page::{ActionForm, PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::{Account, Visitor};
use crate::state::AppState;

/// Syntheses one account may start in an hour.
const RUNS_PER_HOUR: i64 = 30;
/// Territories listed under a cluster, most needs first.
const PLACES_SHOWN: usize = 5;

/// A synthesis with its process and what the visitor may do with it.
struct Context {
    process: Process,
    synthesis: Synthesis,
    settings: std::sync::Arc<ProcessSettings>,
    /// Whether the visitor is on the process's synthesis team.
    team: bool,
    /// Whether the visitor may validate and publish.
    manager: bool,
}

impl Context {
    /// The synthesis `id` if the visitor may see it: the team always, the public once it is
    /// published.
    async fn load(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<Context> {
        let synthesis = syntheses::store::by_id(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let process = processes::store::by_id(&state.db, synthesis.process_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (process, roles) = visible_process(state, visitor, &process.slug).await?;
        let team = visitor.may_in_process(&roles, ProcessAction::Synthesize);
        if !team && !synthesis.status().public() {
            return Err(if visitor.account.is_some() {
                AppError::Forbidden
            } else {
                AppError::NotFound
            });
        }
        let settings = state.processes.settings(&state.db, &process).await?;
        Ok(Context {
            manager: visitor.may_in_process(&roles, ProcessAction::Edit),
            team,
            process,
            synthesis,
            settings,
        })
    }

    /// The signed-in member of the synthesis team; sign-in or 403 for anyone else.
    fn editor<'a>(&self, visitor: &'a Visitor) -> AppResult<&'a Account> {
        let account = visitor.require_account()?;
        if !self.team {
            return Err(AppError::Forbidden);
        }
        Ok(account)
    }

    /// A cluster of this synthesis.
    async fn cluster(&self, state: &AppState, cluster_id: i64) -> AppResult<Cluster> {
        syntheses::store::cluster(&state.db, cluster_id)
            .await?
            .filter(|c| c.synthesis_id == self.synthesis.id)
            .ok_or(AppError::NotFound)
    }

    /// The synthesis's counts and quotes (kept in memory until it changes).
    async fn figures(&self, state: &AppState) -> AppResult<std::sync::Arc<Figures>> {
        Ok(crate::features::syntheses::jobs::figures(
            &state.syntheses,
            &state.db,
            &self.synthesis,
            self.process.needs_revision,
        )
        .await?)
    }

    fn href(&self) -> String {
        format!("/syntheses/{}", self.synthesis.id)
    }
}

/// A version as the list shows it.
struct VersionRow {
    id: i64,
    version: i64,
    status: String,
    status_class: &'static str,
    scope: String,
    needs: i64,
    author: String,
    date: String,
}

#[derive(Template)]
#[template(path = "syntheses/templates/manage.html")]
struct ManagePage {
    page: PageCtx,
    process: Process,
    versions: Vec<VersionRow>,
    scopes: Vec<Choice>,
    errors: FormErrors,
}

/// What the scope of a synthesis covers, in words.
fn scope_text(
    scope: Scope,
    settings: &ProcessSettings,
    workshops: &[(i64, String)],
    tr: Tr,
) -> String {
    let named = |key: &str, name: Option<&str>| tr.t1(key, "name", name.unwrap_or("?"));
    match scope {
        Scope::All => tr.t("synthesis-scope-all"),
        Scope::Theme(id) => named(
            "synthesis-scope-theme",
            settings.theme(id).map(|t| t.name.as_str()),
        ),
        Scope::Territory(id) => named(
            "synthesis-scope-territory",
            settings
                .communes
                .iter()
                .chain(&settings.epcis)
                .find(|t| t.id == id)
                .map(|t| t.name.as_str()),
        ),
        Scope::Workshop(id) => named(
            "synthesis-scope-workshop",
            workshops
                .iter()
                .find(|(w, _)| *w == id)
                .map(|(_, title)| title.as_str()),
        ),
    }
}

/// The scopes a synthesis of this process may cover, as select options.
fn scope_choices(
    settings: &ProcessSettings,
    workshops: &[(i64, String)],
    tr: Tr,
    chosen: &str,
) -> Vec<Choice> {
    let mut choices = vec![Choice::new("tout", tr.t("synthesis-scope-all"), chosen)];
    let mut add = |value: String, scope: Scope| {
        let label = scope_text(scope, settings, workshops, tr);
        choices.push(Choice::new(value, label, chosen))
    };
    for theme in &settings.themes {
        add(format!("theme-{}", theme.id), Scope::Theme(theme.id));
    }
    for place in settings.epcis.iter().chain(&settings.communes) {
        add(
            format!("territoire-{}", place.id),
            Scope::Territory(place.id),
        );
    }
    for (id, _) in workshops {
        add(format!("atelier-{id}"), Scope::Workshop(*id));
    }
    choices
}

/// The team's page of a process's syntheses: its versions and the form to run a new one.
async fn manage_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    chosen: String,
    errors: FormErrors,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let workshops = events::store::titles_of_process(&state.db, process.id).await?;
    let versions = syntheses::store::list(&state.db, process.id)
        .await?
        .into_iter()
        .map(|s| {
            let status = s.status();
            VersionRow {
                id: s.id,
                version: s.version,
                status: tr.t(&format!("synthesis-status-{}", status.as_str())),
                status_class: status.as_str(),
                scope: scope_text(s.scope(), &settings, &workshops, tr),
                needs: s.needs_count,
                author: s
                    .author
                    .clone()
                    .unwrap_or_else(|| tr.t("synthesis-author-cli")),
                date: format_utc(s.created_at),
            }
        })
        .collect();
    let valid = errors.is_empty();
    render_form(
        &ManagePage {
            page: PageCtx::new(state, visitor),
            scopes: scope_choices(&settings, &workshops, tr, &chosen),
            process,
            versions,
            errors,
        },
        valid,
    )
}

/// The process and the signed-in member of its synthesis team.
async fn team_process<'a>(
    state: &AppState,
    visitor: &'a Visitor,
    slug: &str,
) -> AppResult<(Process, &'a Account)> {
    let (process, _) = visible_process(state, visitor, slug).await?;
    let account = crate::features::processes::pages::authorize_in(
        state,
        visitor,
        process.id,
        ProcessAction::Synthesize,
    )
    .await?;
    Ok((process, account))
}

/// `GET /demarches/{slug}/syntheses`: versions and the form to run a synthesis.
pub async fn manage(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = team_process(&state, &visitor, &slug).await?;
    manage_page(
        &state,
        &visitor,
        process,
        String::new(),
        FormErrors::default(),
    )
    .await
}

/// The form that runs a synthesis.
#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    perimetre: String,
}

/// `POST /demarches/{slug}/syntheses`: starts a synthesis in the background and shows its
/// progress.
pub async fn start(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<StartForm>,
) -> AppResult<Response> {
    let (process, account) = team_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let workshops = events::store::titles_of_process(&state.db, process.id).await?;
    let scope = Scope::from_choice(&form.perimetre).filter(|scope| match *scope {
        Scope::All => true,
        Scope::Theme(id) => settings.theme(id).is_some(),
        Scope::Territory(id) => settings
            .communes
            .iter()
            .chain(&settings.epcis)
            .any(|t| t.id == id),
        Scope::Workshop(id) => workshops.iter().any(|(w, _)| *w == id),
    });
    let mut errors = FormErrors::default();
    let Some(scope) = scope else {
        errors.add_message("perimetre", tr.t("synthesis-error-scope"));
        return manage_page(&state, &visitor, process, form.perimetre, errors).await;
    };
    auth::limit(
        &state,
        &format!("synthesis:{}", account.id),
        RUNS_PER_HOUR,
        3_600_000,
    )
    .await?;
    let Some(id) = syntheses::store::start(&state.db, process.id, scope, Some(account.id)).await?
    else {
        errors.add_message("perimetre", tr.t("synthesis-error-running"));
        return manage_page(&state, &visitor, process, form.perimetre, errors).await;
    };
    crate::features::syntheses::jobs::spawn(state.db.clone(), id);
    Ok(Redirect::to(&format!("/syntheses/{id}")).into_response())
}

/// A cluster as the synthesis page shows it.
struct ClusterCard {
    id: i64,
    label: String,
    summary: String,
    size: i64,
    /// `(source label, count)`.
    sources: Vec<(String, i64)>,
    /// `(territory name, count)`, most needs first.
    places: Vec<(String, i64)>,
    quotes: Vec<Member>,
    /// Needs whose theme was suggested and not yet confirmed.
    pending: i64,
}

/// A theme and its clusters.
struct ThemeBlock {
    name: String,
    colour: String,
    size: i64,
    clusters: Vec<ClusterCard>,
}

/// The name shown for a cluster (an unlabelled one says why).
fn cluster_name(label: &str, tr: Tr) -> String {
    if label.is_empty() {
        tr.t("synthesis-cluster-unlabelled")
    } else {
        label.to_owned()
    }
}

/// Themes → clusters with their counts and quotes. The public sees only clusters that hold
/// published needs, and counts of those.
async fn themes_of(state: &AppState, ctx: &Context, tr: Tr) -> AppResult<Vec<ThemeBlock>> {
    let figures = ctx.figures(state).await?;
    let mut sources: HashMap<i64, Vec<(String, i64)>> = HashMap::new();
    let mut pending: HashMap<i64, i64> = HashMap::new();
    let mut by_source: Vec<&(i64, Source, i64, i64)> = figures.by_source.iter().collect();
    // Sources in the same order everywhere: online, workshop, import.
    by_source.sort_by_key(|(cluster, source, _, _)| (*cluster, *source));
    for (cluster, source, count, suggested) in by_source {
        sources
            .entry(*cluster)
            .or_default()
            .push((tr.t(&format!("source-{source}")), *count));
        *pending.entry(*cluster).or_default() += suggested;
    }
    let mut places: HashMap<i64, HashMap<i64, i64>> = HashMap::new();
    for &(cluster, commune, count) in &figures.by_commune {
        // Counted by EPCI when the commune has one in the process, else by commune.
        let place = ctx
            .settings
            .commune(commune)
            .and_then(|c| c.parent_id)
            .filter(|p| ctx.settings.epcis.iter().any(|e| e.id == *p))
            .unwrap_or(commune);
        *places.entry(cluster).or_default().entry(place).or_default() += count;
    }
    let mut quotes: HashMap<i64, Vec<Member>> = HashMap::new();
    for quote in &figures.quotes {
        quotes
            .entry(quote.cluster_id)
            .or_default()
            .push(quote.clone());
    }
    let place_name = |id: i64| {
        ctx.settings
            .epcis
            .iter()
            .chain(&ctx.settings.communes)
            .find(|t| t.id == id)
            .map_or_else(|| "?".to_owned(), |t| t.name.clone())
    };
    let mut blocks: Vec<ThemeBlock> = Vec::new();
    for cluster in &figures.clusters {
        if !ctx.team && cluster.size == 0 {
            continue;
        }
        let mut by_place: Vec<(String, i64)> = places
            .remove(&cluster.id)
            .unwrap_or_default()
            .into_iter()
            .map(|(place, n)| (place_name(place), n))
            .collect();
        by_place.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        by_place.truncate(PLACES_SHOWN);
        let card = ClusterCard {
            id: cluster.id,
            label: cluster_name(&cluster.label, tr),
            summary: cluster.summary.clone(),
            size: cluster.size,
            sources: sources.remove(&cluster.id).unwrap_or_default(),
            places: by_place,
            quotes: quotes.remove(&cluster.id).unwrap_or_default(),
            pending: pending.get(&cluster.id).copied().unwrap_or(0),
        };
        let theme = cluster.theme_id.and_then(|t| ctx.settings.theme(t));
        let (name, colour) = theme.map_or_else(
            || (tr.t("need-theme-unknown"), "#4f5b66".to_owned()),
            |t| (t.name.clone(), t.colour.clone()),
        );
        match blocks.iter_mut().find(|b| b.name == name) {
            Some(block) => {
                block.size += card.size;
                block.clusters.push(card);
            }
            None => blocks.push(ThemeBlock {
                name,
                colour,
                size: card.size,
                clusters: vec![card],
            }),
        }
    }
    Ok(blocks)
}

#[derive(Template)]
#[template(path = "syntheses/templates/show.html")]
struct ShowPage {
    page: PageCtx,
    process: Process,
    synthesis: Synthesis,
    status: Status,
    status_label: String,
    stage: String,
    scope: String,
    themes: Vec<ThemeBlock>,
    clusters: usize,
    team: bool,
    manager: bool,
    created: String,
    validated: Option<String>,
    published: Option<String>,
}

async fn show_page(state: &AppState, visitor: &Visitor, ctx: Context) -> AppResult<Response> {
    let tr = visitor.tr();
    let status = ctx.synthesis.status();
    let themes = if matches!(status, Status::Running | Status::Failed) {
        Vec::new()
    } else {
        themes_of(state, &ctx, tr).await?
    };
    let workshops = events::store::titles_of_process(&state.db, ctx.process.id).await?;
    render(&ShowPage {
        page: PageCtx::new(state, visitor),
        status,
        status_label: tr.t(&format!("synthesis-status-{}", status.as_str())),
        stage: tr.t(&ctx.synthesis.stage),
        scope: scope_text(ctx.synthesis.scope(), &ctx.settings, &workshops, tr),
        clusters: themes.iter().map(|t| t.clusters.len()).sum(),
        themes,
        team: ctx.team,
        manager: ctx.manager,
        created: format_utc(ctx.synthesis.created_at),
        validated: ctx.synthesis.validated_at.map(format_utc),
        published: ctx.synthesis.published_at.map(format_utc),
        process: ctx.process,
        synthesis: ctx.synthesis,
    })
}

/// `GET /syntheses/{id}`: a version — its progress while it runs, then themes → clusters.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let ctx = Context::load(&state, &visitor, id).await?;
    show_page(&state, &visitor, ctx).await
}

/// `GET /demarches/{slug}/synthese`: the published synthesis of a process.
pub async fn public(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    match syntheses::store::published(&state.db, process.id).await? {
        Some(synthesis) => {
            let ctx = Context::load(&state, &visitor, synthesis.id).await?;
            show_page(&state, &visitor, ctx).await
        }
        None => {
            let tr = visitor.tr();
            render(&MessagePage {
                page: PageCtx::new(&state, &visitor),
                title: tr.t1("synthesis-title", "title", &process.title),
                text: tr.t("synthesis-none-published"),
                link: Some((
                    format!("/demarches/{slug}/besoins"),
                    tr.t("synthesis-see-needs"),
                )),
            })
        }
    }
}

/// `POST /syntheses/{id}/statut`: `valider` a draft or `publier` a validated version
/// (managers), or `abandonner` a draft or failed run (the team). Each is in the audit log.
pub async fn decide(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let ctx = Context::load(&state, &visitor, id).await?;
    let account = ctx.editor(&visitor)?;
    let decision = form
        .action
        .parse::<VersionDecision>()
        .map_err(|_| AppError::BadRequest)?;
    if decision.for_managers() && !ctx.manager {
        return Err(AppError::Forbidden);
    }
    let (done, verb, to, flash) = match decision {
        VersionDecision::Validate => (
            syntheses::store::validate(&state.db, id, account.id).await?,
            "validate",
            ctx.href(),
            "flash-synthesis-validated",
        ),
        VersionDecision::Publish => (
            syntheses::store::publish(&state.db, &ctx.synthesis).await?,
            "publish",
            format!("/demarches/{}/synthese", ctx.process.slug),
            "flash-synthesis-published",
        ),
        VersionDecision::Discard => (
            syntheses::store::discard(&state.db, id).await?,
            "discard",
            format!("/demarches/{}/syntheses", ctx.process.slug),
            "flash-synthesis-discarded",
        ),
    };
    if !done {
        return Ok(redirect_with_flash(
            &state,
            &ctx.href(),
            "flash-synthesis-frozen",
        ));
    }
    audit::record(
        &state.db,
        Some(account.id),
        &format!("synthesis.{verb}"),
        &format!("synthesis:{id}"),
        &format!("{} v{}", ctx.process.slug, ctx.synthesis.version),
    )
    .await?;
    Ok(redirect_with_flash(&state, &to, flash))
}
