//! A cluster of a synthesis: its text, a map of its needs and its needs (quotes first); for
//! the team on a draft, the edits (rename, merge, split, move needs, accept a suggestion).

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{Context, cluster_name};
use crate::features::processes::store::Process;
use crate::features::solutions;
use crate::features::syntheses;
use crate::features::syntheses::jobs::{Figures, Split};
use crate::features::syntheses::rules::{self as synthesis, ClusterEdit};
use crate::features::syntheses::store::{Cluster, Member, Synthesis};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Needs per page of a cluster.
const CLUSTER_PAGE: i64 = 50;
/// Most needs drawn as points on a cluster's map.
const MAX_POINTS: i64 = 300;

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
#[template(path = "syntheses/templates/cluster.html")]
struct ClusterPage {
    page: PageCtx,
    process: Process,
    synthesis: Synthesis,
    cluster: Cluster,
    name: String,
    theme: String,
    members: Vec<MemberRow>,
    /// The published solutions answering the cluster or its needs.
    solutions: Vec<solutions::service::Answering>,
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
            solutions: solutions::service::answering_cluster(&state.db, cluster.id).await?,
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
