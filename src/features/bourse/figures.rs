//! What the process team reads of its bourse: each partner's reactivity (proposals answered
//! within 7 days, companionships completed and cancelled, capacity taken) and the capacity
//! ledger reconciled offer by offer.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::bourse::service;
use crate::features::bourse::store::{self, Reactivity};
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "bourse/templates/figures.html")]
struct FiguresPage {
    page: PageCtx,
    process: Process,
    partners: Vec<Reactivity>,
    /// Offers whose ledger does not add up to what is left (none, unless something is wrong).
    unreconciled: Vec<i64>,
    offers: usize,
}

/// `GET /gestion/demarches/{slug}/bourse`: partners' reactivity and the ledger's check.
/// The process's managers and facilitators.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    visitor.require_account()?;
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    if !service::runs(&visitor, &roles) {
        return Err(AppError::Forbidden);
    }
    let ledger = store::ledger_by_offer(&state.db, process.id).await?;
    render(&FiguresPage {
        page: PageCtx::new(&state, &visitor),
        partners: store::reactivity(&state.db, process.id).await?,
        unreconciled: ledger
            .iter()
            .filter(|(_, capacity, remaining, sum)| capacity + sum != *remaining)
            .map(|(id, ..)| *id)
            .collect(),
        offers: ledger.len(),
        process,
    })
}
