//! Companionships: proposed by either side, accepted by the other (then the offer's capacity
//! is taken), logged while under way (meetings, milestones, notes, seen only by the pair and
//! the process team), completed or ended with a coded reason, and testified at the end.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::bourse::rules::{
    EndReason, Move, OfferStatus, RequestStatus, Side, State as Stage,
};
use crate::features::bourse::service::{self, quantity};
use crate::features::bourse::store::{self, Companionship, LogEntry};
use crate::features::partners;
use crate::features::processes::pages::visible_process_by_id;
use crate::features::solutions;
use crate::features::solutions::rules::validate_day;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::forms::{Choice, FormErrors, Pairs, validate_text};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Longest log line or testimony.
const MAX_TEXT_CHARS: usize = 2_000;

/// `POST /compagnonnages`: proposes a companionship between an offer (`offre`) and a request
/// (`demande`), for the side the visitor is on: a contact of the offer's organisation or a
/// carrier of the request's solution.
pub async fn propose(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let form = Pairs(fields);
    let offer = match form.get("offre").parse::<i64>() {
        Ok(id) => store::offer(&state.db, id).await?,
        Err(_) => None,
    };
    let request = match form.get("demande").parse::<i64>() {
        Ok(id) => store::request(&state.db, id).await?,
        Err(_) => None,
    };
    let (Some(offer), Some(request)) = (offer, request) else {
        return Err(AppError::NotFound);
    };
    if offer.process_id != request.process_id {
        return Err(AppError::BadRequest);
    }
    visible_process_by_id(&state, &visitor, offer.process_id).await?;
    let side = if partners::service::speaks_for(&state.db, offer.organisation_id, account).await? {
        Side::Partner
    } else if solutions::store::carries(&state.db, request.solution_id, account).await? {
        Side::Carrier
    } else {
        return Err(AppError::Forbidden);
    };
    let back = match side {
        Side::Partner => format!("/offres/{}", offer.id),
        _ => format!("/demandes/{}", request.id),
    };
    let open = offer.status == OfferStatus::Open
        && offer.remaining > 0
        && request.status == RequestStatus::Open
        && offer.kind == request.kind;
    if !open {
        return Ok(redirect_with_flash(
            &state,
            &back,
            "flash-companionship-impossible",
        ));
    }
    match service::propose(&state, &offer, &request, side).await? {
        Some(id) => Ok(redirect_with_flash(
            &state,
            &format!("/compagnonnages/{id}"),
            "flash-companionship-proposed",
        )),
        None => Ok(redirect_with_flash(
            &state,
            &back,
            "flash-companionship-exists",
        )),
    }
}

#[derive(Template)]
#[template(path = "bourse/templates/companionship.html")]
struct CompanionshipPage {
    page: PageCtx,
    c: Companionship,
    state_label: String,
    proposed_by: String,
    end_reason: Option<String>,
    side_note: String,
    units: String,
    /// The moves this side may make now: `(action, label)`.
    moves: Vec<(&'static str, String)>,
    reasons: Vec<Choice>,
    log: Vec<LogEntry>,
    log_kinds: Vec<Choice>,
    /// `(side label, author, text)`.
    testimonies: Vec<(String, Option<String>, String)>,
    /// Whether this side may leave its testimony now.
    may_testify: bool,
    errors: FormErrors,
    form: Pairs,
}

/// The moves a side may make from where the companionship stands.
fn moves_for(c: &Companionship, side: Side, visitor: &Visitor) -> Vec<(&'static str, String)> {
    let tr = visitor.tr();
    [
        ("accepter", Move::Accept),
        ("refuser", Move::Refuse),
        ("demarrer", Move::Start),
        ("terminer", Move::Complete),
        ("annuler", Move::Cancel),
    ]
    .into_iter()
    .filter(|(_, step)| {
        crate::features::bourse::rules::next_state(c.state, c.proposed_by, side, *step).is_ok()
    })
    .map(|(action, _)| (action, tr.t(&format!("companionship-move-{action}"))))
    .collect()
}

fn step_of(action: &str) -> Option<Move> {
    Some(match action {
        "accepter" => Move::Accept,
        "refuser" => Move::Refuse,
        "demarrer" => Move::Start,
        "terminer" => Move::Complete,
        "annuler" => Move::Cancel,
        _ => return None,
    })
}

async fn companionship_page(
    state: &AppState,
    visitor: &Visitor,
    c: Companionship,
    side: Side,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let testimonies = store::testimonies(&state.db, c.id)
        .await?
        .into_iter()
        .map(|(side, author, text)| (tr.t(&format!("side-{}", side.as_str())), author, text))
        .collect();
    let page = CompanionshipPage {
        page: PageCtx::new(state, visitor),
        state_label: tr.t(&format!("companionship-state-{}", c.state.as_str())),
        proposed_by: tr.t(&format!(
            "companionship-proposed-by-{}",
            c.proposed_by.as_str()
        )),
        end_reason: c
            .end_reason
            .map(|r| tr.t(&format!("end-reason-{}", r.as_str()))),
        side_note: tr.t(&format!("side-you-{}", side.as_str())),
        units: quantity(c.units, c.unit, tr),
        moves: moves_for(&c, side, visitor),
        reasons: Choice::words(
            EndReason::ALL.iter().map(|r| r.as_str()),
            "end-reason-",
            tr,
            &form.get("motif"),
        ),
        log: store::log(&state.db, c.id).await?,
        log_kinds: Choice::words(
            ["meeting", "milestone", "note"],
            "log-kind-",
            tr,
            &form.get("type"),
        ),
        testimonies,
        may_testify: c.state == Stage::Completed && side != Side::Team,
        c,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// The companionship and the visitor's side: sign-in asked of visitors, 403 for anyone not in
/// the pair or the process team.
async fn joined(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<(Companionship, Side)> {
    visitor.require_account()?;
    let c = store::companionship(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let side = service::side_of(&state.db, visitor, &c)
        .await?
        .ok_or(AppError::Forbidden)?;
    Ok((c, side))
}

/// `GET /compagnonnages/{id}`: where it stands, its moves, its private log, its testimonies.
/// The pair and the process team only.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (c, side) = joined(&state, &visitor, id).await?;
    companionship_page(
        &state,
        &visitor,
        c,
        side,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// `POST /compagnonnages/{id}/etat`: a move (`action`: accepter, refuser, demarrer, terminer,
/// annuler), with a reason (`motif`) to refuse or cancel.
pub async fn move_on(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (c, side) = joined(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let step = step_of(&form.get("action")).ok_or(AppError::BadRequest)?;
    let reason = form.get("motif").parse::<EndReason>().ok();
    let mut errors = FormErrors::default();
    if matches!(step, Move::Refuse | Move::Cancel) && reason.is_none() {
        errors.add_message("motif", tr.t("error-end-reason"));
        return companionship_page(&state, &visitor, c, side, errors, form).await;
    }
    match service::move_companionship(&state, &c, side, step, reason).await? {
        Ok(_) => Ok(redirect_with_flash(
            &state,
            &format!("/compagnonnages/{id}"),
            "flash-companionship-moved",
        )),
        Err(refusal) => {
            errors.add_message("form", tr.t(refusal.message_key()));
            let c = store::companionship(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            companionship_page(&state, &visitor, c, side, errors, form).await
        }
    }
}

/// `POST /compagnonnages/{id}/journal`: a line of the log (`type`: meeting, milestone, note;
/// `date`; `texte`). The first meeting or milestone of an accepted companionship puts it
/// under way.
pub async fn log(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (c, side) = joined(&state, &visitor, id).await?;
    let account = visitor.require_account()?.id;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    if !c.state.is_running() {
        errors.add_message("form", tr.t("error-companionship-not-running"));
    }
    let kind = form.get("type");
    if !["meeting", "milestone", "note"].contains(&kind.as_str()) {
        errors.add_message("type", tr.t("error-log-kind"));
    }
    let day = errors.check(tr, "date", validate_day(&form.get("date")));
    let text = errors.check(
        tr,
        "texte",
        validate_text(&form.get("texte"), MAX_TEXT_CHARS, true),
    );
    let (Some(day), Some(text)) = (day, text) else {
        return companionship_page(&state, &visitor, c, side, errors, form).await;
    };
    if !errors.is_empty() {
        return companionship_page(&state, &visitor, c, side, errors, form).await;
    }
    store::add_log(&state.db, c.id, account, &kind, &day, &text).await?;
    if c.state == Stage::Accepted && kind != "note" {
        // Under way from its first meeting or milestone; a race with another move is harmless.
        service::move_companionship(&state, &c, side, Move::Start, None)
            .await?
            .ok();
    }
    Ok(redirect_with_flash(
        &state,
        &format!("/compagnonnages/{id}#journal"),
        "flash-log-added",
    ))
}

/// `POST /compagnonnages/{id}/temoignage`: a side's testimony (`texte`), once it is
/// completed. The pair only.
pub async fn testify(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (c, side) = joined(&state, &visitor, id).await?;
    let account = visitor.require_account()?.id;
    let form = Pairs(fields);
    let tr = visitor.tr();
    if side == Side::Team {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::default();
    if c.state != Stage::Completed {
        errors.add_message("form", tr.t("error-testimony-not-yet"));
    }
    let text = errors.check(
        tr,
        "temoignage",
        validate_text(&form.get("temoignage"), MAX_TEXT_CHARS, true),
    );
    let Some(text) = text.filter(|_| errors.is_empty()) else {
        return companionship_page(&state, &visitor, c, side, errors, form).await;
    };
    store::testify(&state.db, c.id, side, account, &text).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/compagnonnages/{id}#temoignages"),
        "flash-testimony-saved",
    ))
}
