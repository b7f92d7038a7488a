//! A resource's page: what it offers, its link or file, whom and what it is for, its funding
//! terms, source and licence; to the team its status and the moves of its workflow, and the
//! edits suggested to it.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::processes::store::Process;
use crate::features::resources::rules::Publication;
use crate::features::resources::service;
use crate::features::resources::store::{self, Resource};
use crate::features::resources::write::visible_resource;
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::markdown::to_safe_html;
use crate::platform::web::forms::Pairs;
use crate::platform::web::page::{PageCtx, redirect_with_flash, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "resources/templates/show.html")]
struct ResourcePage {
    page: PageCtx,
    process: Process,
    resource: Resource,
    summary_html: String,
    kind: String,
    funding: String,
    expired: bool,
    /// `(label, values)` of its themes, stages, audiences and perimeter.
    facets: Vec<(String, String)>,
    /// Its file: `(address, name, media type)`.
    file: Option<(String, String, String)>,
    /// Whether the visitor runs the ressourcerie.
    team: bool,
    /// Where the team may move it.
    moves: Vec<(&'static str, String)>,
    status: String,
    /// Edits waiting for the team.
    pending_edits: usize,
}

/// `GET /ressources/{id}`: a resource's page.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (resource, process, team) = visible_resource(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let fields = resource.fields();
    let names = |values: Vec<String>| {
        if values.is_empty() {
            tr.t("resource-any")
        } else {
            values.join(", ")
        }
    };
    let places = |values: Vec<String>| {
        if values.is_empty() {
            tr.t("filter-all-places")
        } else {
            values.join(", ")
        }
    };
    let facets = vec![
        (
            tr.t("field-resource-themes"),
            names(
                fields
                    .themes
                    .iter()
                    .filter_map(|t| settings.theme(*t).map(|t| t.name.clone()))
                    .collect(),
            ),
        ),
        (
            tr.t("field-project-stages"),
            names(
                fields
                    .stages
                    .iter()
                    .map(|s| tr.t(&format!("project-stage-{}", s.as_str())))
                    .collect(),
            ),
        ),
        (
            tr.t("field-audiences"),
            names(
                fields
                    .audiences
                    .iter()
                    .map(|a| tr.t(&format!("audience-{}", a.as_str())))
                    .collect(),
            ),
        ),
        (
            tr.t("field-perimeter"),
            places(
                fields
                    .perimeter
                    .iter()
                    .filter_map(|p| {
                        settings
                            .communes
                            .iter()
                            .chain(&settings.epcis)
                            .find(|t| t.id == *p)
                            .map(|t| t.name.clone())
                    })
                    .collect(),
            ),
        ),
    ];
    let file = match resource.media_id {
        Some(media_id) => crate::features::media::store::by_id(&state.db, media_id)
            .await?
            .map(|m| (format!("/medias/{media_id}"), m.file_name, m.media_type)),
        None => None,
    };
    let pending_edits = if team {
        store::pending_edits(&state.db, process.id)
            .await?
            .iter()
            .filter(|e| e.resource_id == resource.id)
            .count()
    } else {
        0
    };
    let today = crate::features::processes::rules::Day::today().iso();
    let page = ResourcePage {
        page: PageCtx::new(&state, &visitor),
        summary_html: to_safe_html(&resource.summary),
        kind: tr.t(&format!("resource-kind-{}", resource.kind.as_str())),
        funding: service::funding_line(&resource, tr),
        expired: crate::features::resources::rules::expired(
            resource.kind,
            resource.deadline.as_deref(),
            &today,
        ),
        facets,
        file,
        team,
        moves: resource
            .status
            .next()
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    tr.t(&format!("publication-move-{}", s.as_str())),
                )
            })
            .collect(),
        status: tr.t(&format!("publication-{}", resource.status.as_str())),
        pending_edits,
        resource,
        process,
    };
    render(&page)
}

/// `POST /ressources/{id}/statut`: moves a resource in its workflow (`statut`). Its team.
pub async fn move_status(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let (resource, _, team) = visible_resource(&state, &visitor, id).await?;
    if !team {
        return Err(AppError::Forbidden);
    }
    let to = Pairs(fields)
        .get("statut")
        .parse::<Publication>()
        .map_err(|_| AppError::BadRequest)?;
    if !resource.status.may_move_to(to) {
        return Err(AppError::BadRequest);
    }
    store::set_status(&state.db, &resource, to).await?;
    audit::record(
        &state.db,
        Some(account),
        "resources.status",
        &format!("resource:{id}"),
        to.as_str(),
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/ressources/{id}"),
        "flash-resource-moved",
    ))
}
