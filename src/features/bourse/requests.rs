//! Requests for support: a solution's carriers say what they need and by when; the request's
//! page shows them the offers that fit best, with the reasons.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::bourse::offers::{
    FitView, FitsOf, described_support, for_its_side, kind_choices, optional_day,
};
use crate::features::bourse::rules;
use crate::features::bourse::service::{self, quantity};
use crate::features::bourse::store::{self, Companionship, NewRequest, SupportRequest};
use crate::features::processes::pages::visible_process_by_id;
use crate::features::solutions;
use crate::features::solutions::rules::SolutionStatus;
use crate::features::solutions::store::Solution;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::forms::{Choice, FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The solution if the visitor carries it and it is published: sign-in asked of visitors,
/// 403 for others.
async fn carried(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<Solution> {
    let account = visitor.require_account()?.id;
    let solution = solutions::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_process_by_id(state, visitor, solution.process_id).await?;
    if !solutions::store::carries(&state.db, id, account).await? {
        return Err(AppError::Forbidden);
    }
    if solution.status != SolutionStatus::Published {
        return Err(AppError::NotFound);
    }
    Ok(solution)
}

#[derive(Template)]
#[template(path = "bourse/templates/request_form.html")]
struct RequestForm {
    page: PageCtx,
    solution: Solution,
    kinds: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
}

fn request_form(
    state: &AppState,
    visitor: &Visitor,
    solution: Solution,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let page = RequestForm {
        page: PageCtx::new(state, visitor),
        kinds: kind_choices(visitor.tr(), &form.get("type")),
        solution,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /solutions/{id}/demandes/nouvelle`: the request form, for the solution's carriers.
pub async fn new_request(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let solution = carried(&state, &visitor, id).await?;
    request_form(
        &state,
        &visitor,
        solution,
        FormErrors::default(),
        Pairs::default(),
    )
}

/// `POST /solutions/{id}/demandes`: publishes a request (`type`, `titre`, `texte`,
/// `quantite`, `echeance`). The solution's carriers.
pub async fn create_request(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let solution = carried(&state, &visitor, id).await?;
    let account = visitor.require_account()?.id;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let (kind, title, body) = described_support(&form, tr, &mut errors);
    let amount = errors.check(tr, "quantite", rules::parse_quantity(&form.get("quantite")));
    let needed_by = optional_day(&form, "echeance", tr, &mut errors);
    let (Some(kind), Some(title), Some(body), Some(amount)) = (kind, title, body, amount) else {
        return request_form(&state, &visitor, solution, errors, form);
    };
    if !errors.is_empty() {
        return request_form(&state, &visitor, solution, errors, form);
    }
    let request = NewRequest {
        process_id: solution.process_id,
        solution_id: solution.id,
        kind,
        title,
        body,
        amount,
        needed_by,
        created_by: account,
    };
    let id = store::add_request(&state.db, &request).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/demandes/{id}"),
        "flash-request-published",
    ))
}

#[derive(Template)]
#[template(path = "bourse/templates/request.html")]
struct RequestPage {
    page: PageCtx,
    request: SupportRequest,
    slug: String,
    kind: String,
    amount: String,
    status: String,
    /// Whether the visitor carries its solution.
    carrier: bool,
    /// The offers that fit best (its carriers only).
    fits: Vec<FitView>,
    fit_keys: [&'static str; 3],
    /// Its companionships (its carriers and the team).
    companionships: Vec<Companionship>,
}

/// `GET /demandes/{id}`: a request; to its carriers, the offers that fit it best.
pub async fn request_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let request = store::request(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = visible_process_by_id(&state, &visitor, request.process_id).await?;
    let tr = visitor.tr();
    let carrier = match &visitor.account {
        Some(account) => {
            solutions::store::carries(&state.db, request.solution_id, account.id).await?
        }
        None => false,
    };
    let of = FitsOf::Request(request.id);
    let (fits, companionships) = for_its_side(
        &state,
        &visitor,
        process.id,
        of,
        (carrier, service::runs(&visitor, &roles)),
        request.unit,
    )
    .await?;
    render(&RequestPage {
        page: PageCtx::new(&state, &visitor),
        slug: process.slug,
        kind: tr.t(&format!("support-kind-{}", request.kind.as_str())),
        amount: quantity(request.amount, request.unit, tr),
        status: tr.t(&format!("request-status-{}", request.status.as_str())),
        carrier,
        fits,
        fit_keys: FitsOf::Request(request.id).keys(),
        companionships,
        request,
    })
}
