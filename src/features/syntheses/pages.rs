//! Syntheses of a process's needs: the team runs one (all needs, or a theme, a territory, a
//! workshop) as a background job and follows its progress; the draft shows themes →
//! clusters → needs with counts by source and territory; the team renames, describes,
//! merges and splits clusters, moves needs, accepts suggested themes and pins quotes; a
//! manager validates and publishes. The public reads the published version, each figure
//! linking to the needs behind it.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::features::events;
use crate::features::needs::rules::Source;
use crate::features::processes;
use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::features::syntheses;
use crate::features::syntheses::jobs::{Figures, Split};
use crate::features::syntheses::rules::{
    self as synthesis, ClusterEdit, Scope, Status, VersionDecision,
};
use crate::features::syntheses::store::{Cluster, Member, Synthesis};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
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
/// Needs per page of a cluster.
const CLUSTER_PAGE: i64 = 50;
/// Most needs drawn as points on a cluster's map.
const MAX_POINTS: i64 = 300;
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
#[template(path = "syntheses/manage.html")]
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
#[template(path = "syntheses/show.html")]
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

/// A need as a cluster's page lists it.
struct MemberRow {
    member: Member,
    theme: Option<String>,
    place: Option<String>,
    source: String,
    /// The confidence of a suggestion still to confirm, in percent.
    pending: Option<i64>,
}

#[derive(Template)]
#[template(path = "syntheses/cluster.html")]
struct ClusterPage {
    page: PageCtx,
    process: Process,
    synthesis: Synthesis,
    cluster: Cluster,
    name: String,
    theme: String,
    members: Vec<MemberRow>,
    map: std::sync::Arc<RenderedMap>,
    editable: bool,
    /// The other clusters of the same theme (to merge with).
    same_theme: Vec<Choice>,
    /// `(theme name, clusters)` of every other cluster (to move needs to).
    destinations: Vec<(String, Vec<Choice>)>,
    /// The name and text in the description form.
    typed_label: String,
    typed_summary: String,
    errors: FormErrors,
    /// Links to the previous and next pages of needs.
    previous: Option<String>,
    next: Option<String>,
}

/// The page of needs asked for.
#[derive(Deserialize, Default)]
pub struct ClusterQuery {
    #[serde(default)]
    page: i64,
}

/// A cluster's page: its text, a map of its needs, its needs (quotes first); for the team on
/// a draft, the forms that edit it. `typed` keeps what was typed in the description form.
async fn cluster_page(
    state: &AppState,
    visitor: &Visitor,
    ctx: Context,
    cluster: Cluster,
    page_number: i64,
    typed: Option<(String, String)>,
    errors: FormErrors,
) -> AppResult<Response> {
    let tr = visitor.tr();
    // A page past the end (or too far to count) does not exist.
    let offset = page_number
        .max(0)
        .checked_mul(CLUSTER_PAGE)
        .ok_or(AppError::NotFound)?;
    let rows =
        syntheses::store::members(&state.db, cluster.id, !ctx.team, offset, CLUSTER_PAGE + 1)
            .await?;
    if rows.is_empty() && offset > 0 {
        return Err(AppError::NotFound);
    }
    let page_number = page_number.max(0);
    let more = rows.len() as i64 > CLUSTER_PAGE;
    let members = rows
        .into_iter()
        .take(CLUSTER_PAGE as usize)
        .map(|member| MemberRow {
            theme: member
                .theme_id
                .and_then(|t| ctx.settings.theme(t))
                .map(|t| t.name.clone()),
            place: member
                .territory_id
                .and_then(|t| ctx.settings.commune(t))
                .map(|c| c.name.clone()),
            source: tr.t(&format!("source-{}", member.source)),
            pending: (member.suggested == 1)
                .then(|| (member.confidence.unwrap_or(0.0) * 100.0).round() as i64),
            member,
        })
        .collect();
    let figures = ctx.figures(state).await?;
    let all = &figures.clusters;
    let theme_name = |theme: Option<i64>| {
        theme
            .and_then(|t| ctx.settings.theme(t))
            .map_or_else(|| tr.t("need-theme-unknown"), |t| t.name.clone())
    };
    let same_theme = all
        .iter()
        .filter(|c| c.id != cluster.id && c.theme_id == cluster.theme_id)
        .map(|c| Choice::new(c.id.to_string(), cluster_name(&c.label, tr), ""))
        .collect();
    let mut destinations: Vec<(String, Vec<Choice>)> = Vec::new();
    for c in all.iter().filter(|c| c.id != cluster.id) {
        let theme = theme_name(c.theme_id);
        let entry = Choice::new(c.id.to_string(), cluster_name(&c.label, tr), "");
        match destinations.iter_mut().find(|(t, _)| *t == theme) {
            Some((_, list)) => list.push(entry),
            None => destinations.push((theme, vec![entry])),
        }
    }
    let map = cluster_map(state, &ctx, &figures, &cluster, tr).await?;
    let base = format!("{}/groupes/{}", ctx.href(), cluster.id);
    let (label, summary) =
        typed.unwrap_or_else(|| (cluster.label.clone(), cluster.summary.clone()));
    let valid = errors.is_empty();
    render_form(
        &ClusterPage {
            page: PageCtx::new(state, visitor),
            name: cluster_name(&cluster.label, tr),
            theme: theme_name(cluster.theme_id),
            editable: ctx.team && ctx.synthesis.status().editable(),
            members,
            map,
            same_theme,
            destinations,
            typed_label: label,
            typed_summary: summary,
            errors,
            previous: (page_number > 0).then(|| format!("{base}?page={}", page_number - 1)),
            next: more.then(|| format!("{base}?page={}", page_number + 1)),
            process: ctx.process,
            synthesis: ctx.synthesis,
            cluster,
        },
        valid,
    )
}

/// The map of a cluster's needs: their number per commune, and the needs themselves as
/// points when there are few enough to read.
async fn cluster_map(
    state: &AppState,
    ctx: &Context,
    figures: &Figures,
    cluster: &Cluster,
    tr: Tr,
) -> AppResult<std::sync::Arc<RenderedMap>> {
    let counts: HashMap<i64, f64> = figures
        .by_commune
        .iter()
        .filter(|(c, _, _)| *c == cluster.id)
        .map(|&(_, commune, n)| (commune, n as f64))
        .collect();
    let points = syntheses::store::cluster_points(&state.db, cluster.id, MAX_POINTS + 1).await?;
    let title = tr.t1(
        "synthesis-map-title",
        "name",
        cluster_name(&cluster.label, tr),
    );
    let mut texts = MapTexts::population(tr, title, "synthesis-map-description");
    texts.legend_title = tr.t("needs-count");
    texts.unit = tr.t_count("unit-needs", 2_i64);
    texts.count_unit = Some((tr, "unit-needs"));
    if points.len() as i64 <= MAX_POINTS {
        let colour = cluster
            .theme_id
            .and_then(|t| ctx.settings.theme(t))
            .map_or_else(|| "#4f5b66".to_owned(), |t| t.colour.clone());
        texts.markers = points
            .into_iter()
            .map(|(id, title, lon, lat)| geokit::svg::Marker {
                position: [lon, lat],
                title,
                href: Some(format!("/besoins/{id}")),
                colour: colour.clone(),
            })
            .collect();
    }
    Ok(state
        .geo
        .territory_map(
            &state.db,
            &ctx.settings.roots,
            Colouring::Values(counts),
            texts,
            "carte-groupe",
        )
        .await?)
}

/// `GET /syntheses/{id}/groupes/{cluster}`: a cluster, its map and its needs.
pub async fn cluster(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, cluster_id)): Path<(i64, i64)>,
    Query(query): Query<ClusterQuery>,
) -> AppResult<Response> {
    let ctx = Context::load(&state, &visitor, id).await?;
    let cluster = ctx.cluster(&state, cluster_id).await?;
    cluster_page(
        &state,
        &visitor,
        ctx,
        cluster,
        query.page,
        None,
        FormErrors::default(),
    )
    .await
}

/// `POST /syntheses/{id}/groupes/{cluster}`: one edit of a draft's cluster, named by the
/// button pressed (`action`): `decrire` (name and text), `fusionner` (with `avec`),
/// `diviser`, `deplacer` (the ticked `besoin`s to `vers`), `accepter-N` (the suggested theme
/// of need N), `epingler-N` / `desepingler-N` (a quote).
pub async fn edit_cluster(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, cluster_id)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let ctx = Context::load(&state, &visitor, id).await?;
    ctx.editor(&visitor)?;
    let cluster = ctx.cluster(&state, cluster_id).await?;
    let tr = visitor.tr();
    let here = format!("{}/groupes/{}", ctx.href(), cluster.id);
    if !ctx.synthesis.status().editable() {
        return Ok(redirect_with_flash(&state, &here, "flash-synthesis-frozen"));
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let action = field("action");
    let synthesis_id = ctx.synthesis.id;
    let (edit, need) = action.split_once('-').unwrap_or((action, ""));
    let edit = edit
        .parse::<ClusterEdit>()
        .map_err(|_| AppError::BadRequest)?;
    let (done, flash, to) = match (edit, need) {
        (ClusterEdit::Describe, _) => {
            let mut errors = FormErrors::default();
            let label = errors.check(tr, "label", synthesis::validate_label(field("label")));
            let summary =
                errors.check(tr, "summary", synthesis::validate_summary(field("summary")));
            let (Some(label), Some(summary)) = (label, summary) else {
                let typed = Some((field("label").to_owned(), field("summary").to_owned()));
                return cluster_page(&state, &visitor, ctx, cluster, 0, typed, errors).await;
            };
            let done =
                syntheses::store::describe_cluster(&state.db, &cluster, &label, &summary).await?;
            (done, "flash-synthesis-saved", here)
        }
        (ClusterEdit::Merge, _) => {
            let other = match field("avec").parse::<i64>() {
                Ok(other) => ctx.cluster(&state, other).await.ok(),
                Err(_) => None,
            }
            .filter(|o| o.id != cluster.id && o.theme_id == cluster.theme_id);
            let Some(other) = other else {
                let mut errors = FormErrors::default();
                errors.add_message("avec", tr.t("synthesis-error-merge"));
                return cluster_page(&state, &visitor, ctx, cluster, 0, None, errors).await;
            };
            let done = syntheses::store::merge_clusters(&state.db, &cluster, other.id).await?;
            (done, "flash-synthesis-merged", here)
        }
        (ClusterEdit::Split, _) => {
            match crate::features::syntheses::jobs::split(&state.db, &cluster).await? {
                Split::Done => (true, "flash-synthesis-split", ctx.href()),
                Split::TooAlike => (true, "flash-synthesis-not-split", here),
                Split::NotADraft => (false, "", here),
            }
        }
        (ClusterEdit::Move, _) => {
            let to = match field("vers").parse::<i64>() {
                Ok(to) => ctx.cluster(&state, to).await.ok(),
                Err(_) => None,
            };
            let chosen: Vec<&str> = fields
                .iter()
                .filter(|(k, _)| k == "besoin")
                .map(|(_, v)| v.as_str())
                .collect();
            let mut errors = FormErrors::default();
            if chosen.is_empty() {
                errors.add_message("besoin", tr.t("synthesis-error-none-ticked"));
            }
            let Some(to) = to.filter(|_| errors.is_empty()) else {
                if errors.is_empty() {
                    errors.add_message("vers", tr.t("synthesis-error-destination"));
                }
                return cluster_page(&state, &visitor, ctx, cluster, 0, None, errors).await;
            };
            let mut needs = Vec::new();
            for value in chosen {
                if let Some(member) = in_cluster(&state, &cluster, value).await? {
                    needs.push(member.need_id);
                }
            }
            let done = syntheses::store::move_needs(&state.db, &needs, &to).await?;
            (done, "flash-synthesis-moved", here)
        }
        (ClusterEdit::AcceptTheme, need) => {
            let member = in_cluster(&state, &cluster, need).await?;
            let (Some(member), Some(theme)) = (member, cluster.theme_id) else {
                return Err(AppError::NotFound);
            };
            let done =
                syntheses::store::accept_theme(&state.db, synthesis_id, member.need_id, theme)
                    .await?;
            (done, "flash-synthesis-theme-accepted", here)
        }
        (pin @ (ClusterEdit::Pin | ClusterEdit::Unpin), need) => {
            let member = in_cluster(&state, &cluster, need)
                .await?
                .ok_or(AppError::NotFound)?;
            let pinned = pin == ClusterEdit::Pin;
            let done =
                syntheses::store::set_pinned(&state.db, synthesis_id, member.need_id, pinned)
                    .await?;
            (done, "flash-synthesis-saved", here)
        }
    };
    // A validation between the page and the edit leaves the version as it was.
    let (flash, to) = if done {
        (flash, to)
    } else {
        (
            "flash-synthesis-frozen",
            format!("{}/groupes/{}", ctx.href(), cluster_id),
        )
    };
    Ok(redirect_with_flash(&state, &to, flash))
}

/// The need numbered `value` if it is in `cluster`.
async fn in_cluster(state: &AppState, cluster: &Cluster, value: &str) -> AppResult<Option<Member>> {
    let Ok(need) = value.parse::<i64>() else {
        return Ok(None);
    };
    Ok(
        syntheses::store::member(&state.db, cluster.synthesis_id, need)
            .await?
            .filter(|m| m.cluster_id == cluster.id),
    )
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
