//! A need's page: its text, place and supports, its comments with one level of replies, and
//! what a visitor does there (support, comment, report).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::features::comments;
use crate::features::moderation;
use crate::features::moderation::service::Kind;
use crate::features::needs;
use crate::features::needs::rules::{self as need, NeedStatus, SupportAction};
use crate::features::needs::store::Need;
use crate::features::needs::supports::{Outcome, SupportChange};
use crate::features::processes;
use crate::features::processes::pages::{visible_process, visible_process_by_id};
use crate::features::processes::rules::Status;
use crate::features::processes::store::Process;
use crate::features::solutions;
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::auth;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::forms::FormErrors;
use crate::platform::web::page::{ActionForm, PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Supports one account may give or withdraw in an hour.
const SUPPORTS_PER_HOUR: i64 = 300;

#[derive(Template)]
#[template(path = "needs/templates/show.html")]
struct NeedPage {
    page: PageCtx,
    need: Need,
    process: Process,
    author: String,
    date: String,
    source_label: String,
    paragraphs: Vec<String>,
    supported: bool,
    thread: comments::service::Thread,
    errors: FormErrors,
    share_url: String,
    map: Option<std::sync::Arc<RenderedMap>>,
    can_moderate: bool,
    /// Whether the process takes supports and comments (published, not closed).
    open: bool,
    /// Its trail: voiced, in which cluster, which solutions and where they stand.
    trail: String,
}

/// A need's page, with the errors of a form posted on it.
pub(crate) async fn need_page(
    state: &AppState,
    visitor: &Visitor,
    need: Need,
    errors: FormErrors,
) -> AppResult<Response> {
    let id = need.id;
    let (process, roles) = visible_process_by_id(state, visitor, need.process_id).await?;
    let tr = visitor.tr();
    let can_moderate = visitor.may_in_process(
        &roles,
        crate::platform::permissions::ProcessAction::Moderate,
    );
    let supported = match &visitor.account {
        Some(account) => needs::store::supports(&state.db, id, account.id).await?,
        None => false,
    };
    let anonymous = tr.t("participant-anonymous");
    let open = process.status.is_open();
    let thread = comments::service::thread(
        state,
        comments::service::Subject::Need(id),
        need.comments_count,
        tr,
        visitor.account.is_some(),
        (need.status.is_published() && open, open, can_moderate),
    )
    .await?;
    let map = match need.territory_id {
        Some(territory) => {
            let title = tr.t1("need-map-title", "title", &need.title);
            let mut texts = MapTexts::population(tr, title, "need-map-description");
            if let (Some(lon), Some(lat)) = (need.lon, need.lat) {
                texts.markers.push(geokit::svg::Marker {
                    position: [lon, lat],
                    title: need.title.clone(),
                    href: None,
                    colour: need
                        .theme_colour
                        .clone()
                        .unwrap_or_else(|| "#a4262c".into()),
                });
            }
            Some(
                state
                    .geo
                    .territory_map(
                        &state.db,
                        &[territory],
                        Colouring::Plain,
                        texts,
                        "carte-besoin",
                    )
                    .await?,
            )
        }
        None => None,
    };
    let mut voiced_on = format_utc(need.created_at);
    voiced_on.truncate(10);
    let how = match (&need.workshop_title, need.source) {
        (Some(workshop), _) => tr.t1("trail-at-workshop", "workshop", workshop),
        (None, source) => tr.t(&format!("source-{source}")),
    };
    let voiced = solutions::service::Voiced {
        date: voiced_on,
        how,
    };
    let trail = solutions::service::need_trail_html(state, tr, &process, id, voiced).await?;
    let page = NeedPage {
        page: PageCtx::new(state, visitor),
        trail,
        author: match (&need.author_name, need.source.as_str()) {
            (Some(name), _) => name.clone(),
            (None, "online") => anonymous,
            (None, source) => tr.t(&format!("source-{source}")),
        },
        date: format_utc(need.created_at),
        source_label: tr.t(&format!("source-{}", need.source)),
        paragraphs: comments::service::paragraphs(&need.body),
        supported,
        thread,
        errors,
        share_url: format!("{}/besoins/{}", state.config.base_url(), need.id),
        map,
        can_moderate,
        open,
        need,
        process,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /besoins/{id}`: a need's page; a merged need leads to the need that was kept.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let need = needs::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(kept) = need
        .merged_into
        .filter(|_| need.status == NeedStatus::Merged)
    {
        return Ok(Redirect::permanent(&format!("/besoins/{kept}")).into_response());
    }
    need_page(&state, &visitor, need, FormErrors::default()).await
}

/// Refuses a contribution to a process that is not open: a draft is its team's preparation, a
/// closed process is read-only (403, or 404 for a process nobody may see yet).
fn open_for_contributions(status: Status) -> AppResult<()> {
    if status.is_open() {
        Ok(())
    } else if status.is_public() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::NotFound)
    }
}

/// Why a need's support was refused: it is not found (or not published), or its process is
/// public but takes no more contributions. `Ok` if it may be supported after all (it opened
/// after its batch looked; the support was not written).
async fn why_not_open(state: &AppState, id: i64) -> AppResult<()> {
    let (need_status, process_status) = needs::store::standing(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if need_status != NeedStatus::Published {
        return Err(AppError::NotFound);
    }
    open_for_contributions(process_status)
}

/// `POST /besoins/{id}/soutien`: supports the need, or withdraws the support.
pub async fn support(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let add = form.action.parse::<SupportAction>() != Ok(SupportAction::Withdraw);
    let change = SupportChange {
        need_id: id,
        user_id: account.id,
        add,
        limit: (
            format!("supports:{}", account.id),
            SUPPORTS_PER_HOUR,
            3_600_000,
        ),
    };
    match state.supports.write(&state.db, change).await? {
        Outcome::TooMany => return Err(AppError::TooManyRequests),
        Outcome::NotOpen => {
            why_not_open(&state, id).await?;
            // Nothing was written: back to the need, without saying it was.
            return Ok(Redirect::to(&format!("/besoins/{id}#soutiens")).into_response());
        }
        Outcome::Done | Outcome::AlreadySo => {}
    }
    let flash = if add {
        "flash-support-added"
    } else {
        "flash-support-withdrawn"
    };
    Ok(redirect_with_flash(
        &state,
        &format!("/besoins/{id}#soutiens"),
        flash,
    ))
}

/// `POST /besoins/{id}/commentaires`: comments the need, or answers a comment.
pub async fn comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<comments::service::CommentForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.clone();
    let need = needs::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if need.status != NeedStatus::Published {
        return Err(AppError::NotFound);
    }
    let process = processes::store::by_id(&state.db, need.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    open_for_contributions(process.status)?;
    let subject = comments::service::Subject::Need(id);
    let written = comments::service::write(
        &state,
        subject,
        account.id,
        &form.comment,
        form.parent,
        visitor.tr(),
    )
    .await?;
    if let Err(errors) = written {
        return need_page(&state, &visitor, need, errors).await;
    }
    crate::features::moderation::service::tell_author(
        &state.db,
        need.author_id,
        account.id,
        id,
        Kind::Commented,
        &account.display_name,
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/besoins/{id}#commentaires"),
        "flash-comment-added",
    ))
}

/// The report form.
#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
}

/// Reports per account per hour.
const REPORTS_PER_HOUR: i64 = 20;

async fn report(
    state: &AppState,
    visitor: &Visitor,
    need_id: i64,
    target: moderation::service::Target,
    form: ReportForm,
) -> AppResult<Response> {
    let account = visitor.require_account()?.clone();
    let need = needs::store::by_id(&state.db, need_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Only what the reporter can see (a draft process is its team's); a closed process's
    // contributions may still be reported.
    let process = processes::store::by_id(&state.db, need.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_process(state, visitor, &process.slug).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let field = match target {
        moderation::service::Target::Comment(_) => "report_comment",
        _ => "report_need",
    };
    let Some(reason) = errors.check(tr, field, need::validate_text(&form.reason, 500, true)) else {
        return need_page(state, visitor, need, errors).await;
    };
    auth::limit(
        state,
        &format!("reports:{}", account.id),
        REPORTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    moderation::service::report(&state.db, need.process_id, target, account.id, &reason).await?;
    Ok(redirect_with_flash(
        state,
        &format!("/besoins/{need_id}"),
        "flash-reported",
    ))
}

/// `POST /besoins/{id}/signalement`: reports a need to the process's moderators.
pub async fn report_need(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    report(
        &state,
        &visitor,
        id,
        moderation::service::Target::Need(id),
        form,
    )
    .await
}

/// `POST /commentaires/{id}/signalement`: reports a comment to the process's moderators.
pub async fn report_comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    let Some((_, comments::service::Subject::Need(need_id))) =
        comments::service::owner(&state.db, id).await?
    else {
        return Err(AppError::NotFound);
    };
    report(
        &state,
        &visitor,
        need_id,
        moderation::service::Target::Comment(id),
        form,
    )
    .await
}
