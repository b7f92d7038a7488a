//! Solutions invented at a workshop or event of phase 2: the facilitator types them in one
//! after another (the keyboard never leaves the form; the synthesis cluster each answers is a
//! select), or sends them at once as a CSV file, every good row kept and every bad one named;
//! and the event's live wall, for a projector.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::events;
use crate::features::events::store::Event;
use crate::features::needs::setting::{Setting, setting_for};
use crate::features::processes;
use crate::features::processes::pages::{authorize_in, visible_process_by_id};
use crate::features::processes::rules::Module;
use crate::features::solutions::import::{self, Format, Target};
use crate::features::solutions::propose::{first_stage, link_message};
use crate::features::solutions::rules::{self as solution, Scope, Source};
use crate::features::solutions::service;
use crate::features::solutions::store::{self, AtEvent, NewSolution};
use crate::platform::clock::{format_utc, now_ms};
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::ProcessAction;
use crate::platform::tables::RowReport;
use crate::platform::web::forms::{Choice, FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Solutions the capture page and the wall list.
const LISTED: i64 = 50;
/// Solutions the wall shows at once, in large type.
const ON_THE_WALL: i64 = 8;

/// Where a facilitator captures: the event, its process's setting, the facilitator.
struct Capture {
    event: Event,
    setting: Setting,
    facilitator_id: i64,
}

impl Capture {
    /// The event `id`, if the visitor facilitates in its process (else sign-in or 403).
    async fn of(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<Capture> {
        let event = events::store::by_id(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let process = processes::store::by_id(&state.db, event.process_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let facilitator_id = authorize_in(state, visitor, process.id, ProcessAction::Facilitate)
            .await?
            .id;
        let setting = setting_for(state, visitor, &process.slug, Module::Solutions).await?;
        Ok(Capture {
            event,
            setting,
            facilitator_id,
        })
    }
}

#[derive(Template)]
#[template(path = "solutions/templates/capture.html")]
struct CapturePage {
    page: PageCtx,
    event: Event,
    errors: FormErrors,
    form: Pairs,
    clusters: Vec<Choice>,
    themes: Vec<Choice>,
    communes: Vec<Choice>,
    captured: Vec<AtEvent>,
    report: Option<RowReport>,
}

async fn capture_page(
    state: &AppState,
    visitor: &Visitor,
    capture: Capture,
    errors: FormErrors,
    form: Pairs,
    report: Option<RowReport>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let none = (String::new(), tr.t("capture-cluster-none"));
    let clusters = store::published_clusters(&state.db, capture.setting.process.id)
        .await?
        .into_iter()
        .map(|(id, label)| (id.to_string(), label));
    let page = CapturePage {
        page: PageCtx::new(state, visitor),
        clusters: Choice::list(std::iter::once(none).chain(clusters), &form.get("groupe")),
        themes: capture.setting.theme_choices(tr, &form.get("theme")),
        communes: capture.setting.commune_choices(tr, &form.get("commune")),
        captured: store::of_event(&state.db, capture.event.id, LISTED).await?,
        event: capture.event,
        errors,
        form,
        report,
    };
    render_form(&page, page.errors.is_empty())
}

/// What the capture form starts with: the cluster and commune of the previous solution.
#[derive(Deserialize)]
pub struct Kept {
    groupe: Option<String>,
    commune: Option<String>,
}

/// `GET /ateliers/{id}/solutions`: the capture form, the solutions captured so far.
pub async fn capture_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Query(kept): Query<Kept>,
) -> AppResult<Response> {
    let capture = Capture::of(&state, &visitor, id).await?;
    let mut fields = Vec::new();
    if let Some(cluster) = kept.groupe {
        fields.push(("groupe".to_owned(), cluster));
    }
    let workshop_commune = capture
        .event
        .territory_id
        .and_then(|t| capture.setting.commune(t))
        .map(|c| c.code.clone());
    if let Some(commune) = kept.commune.or(workshop_commune) {
        fields.push(("commune".to_owned(), commune));
    }
    capture_page(
        &state,
        &visitor,
        capture,
        FormErrors::default(),
        Pairs(fields),
        None,
    )
    .await
}

/// `POST /ateliers/{id}/solutions`: stores one solution invented at the event and comes back
/// to an empty form (cluster and commune kept), ready for the next.
pub async fn capture(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let capture = Capture::of(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let setting = &capture.setting;
    let mut errors = FormErrors::default();
    let title = errors.check(
        tr,
        "title",
        solution::validate_line(&form.get("title"), solution::MAX_TITLE_CHARS, true),
    );
    let body = errors.check(
        tr,
        "body",
        crate::features::needs::rules::validate_text(
            &form.get("body"),
            solution::MAX_BODY_CHARS,
            false,
        ),
    );
    let theme_id = setting.chosen_theme(&form.get("theme"), tr, &mut errors);
    let territory_id = setting.chosen_commune(&form.get("commune"), tr, &mut errors);
    let needs = match solution::need_references(&form.get("besoins")) {
        Ok(ids) => ids,
        Err(piece) => {
            errors.add_message("besoins", tr.t1("error-need-reference", "piece", piece));
            Vec::new()
        }
    };
    let clusters: Vec<i64> = form.get("groupe").parse().ok().into_iter().collect();
    if errors.get("besoins").is_none()
        && let Err(error) =
            service::check_links(&state.db, setting.process.id, &needs, &clusters).await?
    {
        errors.add_message("besoins", link_message(&error, tr));
    }
    let (Some(title), Some(body), true) = (title, body, errors.is_empty()) else {
        return capture_page(&state, &visitor, capture, errors, form, None).await;
    };
    let stages = state.solutions.stages(&state.db, &setting.process).await?;
    let (stage_id, progress) = first_stage(&stages);
    let terms = textkit::search_terms(&format!("{title} {body}"));
    service::propose(
        &state.db,
        &NewSolution {
            process_id: setting.process.id,
            title,
            body,
            theme_id,
            scope: if territory_id.is_some() {
                Scope::Commune
            } else {
                Scope::Territory
            },
            territory_id,
            point: None,
            organisation: String::new(),
            stage_id,
            progress,
            source: Source::Event,
            event_id: Some(id),
            author_id: None,
            entered_by: Some(capture.facilitator_id),
            external_id: None,
            answer: None,
            carriers: Vec::new(),
            needs,
            clusters,
            terms,
            created_at: now_ms(),
        },
    )
    .await?;
    let next = format!(
        "/ateliers/{id}/solutions?{}",
        serde_urlencoded::to_string([
            ("groupe", form.get("groupe")),
            ("commune", form.get("commune")),
        ])
        .unwrap_or_default()
    );
    Ok(redirect_with_flash(
        &state,
        &next,
        "flash-solution-captured",
    ))
}

/// `POST /ateliers/{id}/solutions/import`: the event's solutions from a CSV file (columns
/// `titre`, and optionally `description`, `thematique`, `commune`, `besoins`, `groupes`),
/// stored together; the report names the refused lines and why.
pub async fn import(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> AppResult<Response> {
    let capture = Capture::of(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let upload = Upload::read(multipart).await?;
    let stages = state
        .solutions
        .stages(&state.db, &capture.setting.process)
        .await?;
    let target = Target {
        setting: &capture.setting,
        stages: &stages,
        manager_id: capture.facilitator_id,
        event_id: Some(id),
        now: now_ms(),
    };
    let checked = match import::check(
        &state.db,
        &target,
        Format::Concerto,
        upload.file("file"),
        tr,
    )
    .await?
    {
        Ok(checked) => checked,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add_message("file", problem.message(tr));
            return capture_page(&state, &visitor, capture, errors, Pairs::default(), None).await;
        }
    };
    let created = import::apply(&state.db, &checked, &stages, capture.facilitator_id).await?;
    let report = RowReport {
        kept: created.len(),
        shortened: 0,
        refused: checked.refused,
    };
    capture_page(
        &state,
        &visitor,
        capture,
        FormErrors::default(),
        Pairs::default(),
        Some(report),
    )
    .await
}

#[derive(Template)]
#[template(path = "solutions/templates/wall.html")]
struct WallPage {
    page: PageCtx,
    script_url: String,
    event: Event,
    solutions: Vec<(AtEvent, String)>,
    total: usize,
    supports: i64,
}

/// `GET /ateliers/{id}/mur`: the event's live wall for a projector: the newest solutions
/// invented there and their supports, in large type, the page reloading itself every 15 s
/// unless paused (`static/wall.js`).
pub async fn wall(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let event = events::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_process_by_id(&state, &visitor, event.process_id).await?;
    let all = store::of_event(&state.db, id, LISTED).await?;
    let supports = all.iter().map(|s| s.supports_count).sum();
    let total = all.len();
    let solutions = all
        .into_iter()
        .take(ON_THE_WALL as usize)
        .map(|s| {
            let mut time = format_utc(s.created_at);
            time = time.get(11..16).unwrap_or("").to_owned();
            (s, time)
        })
        .collect();
    render(&WallPage {
        page: PageCtx::new(&state, &visitor),
        script_url: state.assets.url("wall.js"),
        event,
        solutions,
        total,
        supports,
    })
}
