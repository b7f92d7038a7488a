//! Contributing a need: the form (a point clicked on the map, or a commune chosen) and what it
//! sends, validated, rate-limited and stored by the needs service.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::needs;
use crate::features::needs::rules as need;
use crate::features::needs::service::{Contribution, Origin};
use crate::features::needs::setting::{Setting, setting, typed_text};
use crate::features::processes::store::Process;
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::auth;
use crate::platform::error::AppResult;
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Needs one account may contribute in an hour.
const NEEDS_PER_HOUR: i64 = 20;

#[derive(Template)]
#[template(path = "needs/templates/new.html")]
struct NewPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    form: NeedForm,
    themes: Vec<Choice>,
    communes: Vec<Choice>,
    map: std::sync::Arc<RenderedMap>,
}

/// The contribution form.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NeedForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
    /// Hidden from people; robots fill it in.
    #[serde(default)]
    website: String,
}

async fn new_page(
    state: &AppState,
    visitor: &Visitor,
    setting: Setting,
    errors: FormErrors,
    form: NeedForm,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let title = tr.t1("needs-place-map-title", "title", &setting.process.title);
    let mut texts = MapTexts::population(tr, title, "needs-place-map-description");
    texts.links = false;
    let map = state
        .geo
        .territory_map(
            &state.db,
            &setting.roots,
            Colouring::Plain,
            texts,
            "carte-lieu",
        )
        .await?;
    let themes = setting.theme_choices(tr, &form.theme);
    let communes = setting.commune_choices(tr, &form.commune);
    let page = NewPage {
        page: PageCtx::new(state, visitor),
        process: setting.process,
        errors,
        form,
        themes,
        communes,
        map,
    };
    render_form(&page, page.errors.is_empty())
}

fn closed(state: &AppState, visitor: &Visitor, process: &Process) -> AppResult<Response> {
    let tr = visitor.tr();
    let mut response = render(&crate::platform::web::page::MessagePage {
        page: PageCtx::new(state, visitor),
        title: tr.t("needs-closed-title"),
        text: tr.t("needs-closed-text"),
        link: Some((
            format!("/demarches/{}/besoins", process.slug),
            tr.t("needs-title"),
        )),
    })?;
    *response.status_mut() = axum::http::StatusCode::FORBIDDEN;
    Ok(response)
}

/// `GET /demarches/{slug}/besoins/nouveau`.
pub async fn new_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    visitor.require_account()?;
    let setting = setting(&state, &visitor, &slug).await?;
    if !setting.open {
        return closed(&state, &visitor, &setting.process);
    }
    new_page(
        &state,
        &visitor,
        setting,
        FormErrors::default(),
        NeedForm::default(),
    )
    .await
}

/// `POST /demarches/{slug}/besoins`: contributes a need.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<NeedForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.clone();
    let setting = setting(&state, &visitor, &slug).await?;
    if !setting.open {
        return closed(&state, &visitor, &setting.process);
    }
    if !form.website.is_empty() {
        return Ok(redirect_with_flash(
            &state,
            &format!("/demarches/{slug}/besoins"),
            "flash-need-created",
        ));
    }
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let text = typed_text(&form.title, &form.body, tr, &mut errors);
    let theme_id = setting.chosen_theme(&form.theme, tr, &mut errors);
    let (territory_id, point) = match need::parse_point(&form.lat, &form.lon) {
        Some(point) => match state.geo.locate(&state.db, point).await? {
            Some((id, _, _)) if setting.communes.iter().any(|c| c.id == id) => {
                (Some(id), Some(point))
            }
            _ => {
                errors.add_message("commune", tr.t("error-place-outside"));
                (None, None)
            }
        },
        None => (setting.chosen_commune(&form.commune, tr, &mut errors), None),
    };
    let (Some((title, body)), true) = (text, errors.is_empty()) else {
        return new_page(&state, &visitor, setting, errors, form).await;
    };
    auth::limit(
        &state,
        &format!("needs:{}", account.id),
        NEEDS_PER_HOUR,
        3_600_000,
    )
    .await?;
    let id = needs::service::contribute(
        &state.db,
        setting.process.id,
        &Contribution {
            theme_id,
            territory_id,
            point,
            ..Contribution::new(
                &title,
                &body,
                Origin::Online {
                    author_id: Some(account.id),
                },
                crate::platform::clock::now_ms(),
            )
        },
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/besoins/{id}"),
        "flash-need-created",
    ))
}
