//! A process's partners page: its tiers in order, what each asks and promises, the
//! organisations engaged at each with their logos, and the sum of their financial
//! contributions.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::partners::rules::{Contribution, format_euros};
use crate::features::partners::service::{self, TierWithPartners};
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::platform::error::AppResult;
use crate::platform::permissions::ProcessAction;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "partners/templates/partners.html")]
struct PartnersPage {
    page: PageCtx,
    process: Process,
    tiers: Vec<TierView>,
    /// The financial contributions summed, written (none: no money given).
    funds: Option<String>,
    can_manage: bool,
}

/// A tier as the page shows it.
struct TierView {
    label: String,
    /// What it asks: an amount or time.
    asks: String,
    description: String,
    promises: Vec<String>,
    /// `(organisation id, name, logo)`.
    partners: Vec<(i64, String, Option<i64>)>,
}

/// `GET /demarches/{slug}/partenaires`: the process's partners by tier, with logos.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let tiers = service::partners_by_tier(&state.db, process.id).await?;
    let funds: i64 = tiers
        .iter()
        .flat_map(|t| &t.partners)
        .filter_map(|(e, _)| e.amount_cents)
        .sum();
    let views: Vec<TierView> = tiers
        .into_iter()
        .map(
            |TierWithPartners {
                 tier,
                 promises,
                 partners,
             }| TierView {
                asks: match (tier.contribution, tier.amount_cents) {
                    (Contribution::Money, Some(cents)) => format_euros(cents, tr.lang),
                    _ => tr.t("tier-contribution-time"),
                },
                label: tier.label,
                description: tier.description,
                promises: promises.into_iter().map(|(_, label)| label).collect(),
                partners: partners
                    .into_iter()
                    .map(|(e, _)| (e.organisation_id, e.name, e.logo_id))
                    .collect(),
            },
        )
        .collect();
    render(&PartnersPage {
        page: PageCtx::new(&state, &visitor),
        tiers: views,
        funds: (funds > 0).then(|| format_euros(funds, tr.lang)),
        can_manage: visitor.may_in_process(&roles, ProcessAction::Edit),
        process,
    })
}
