//! A process's partners page: its tiers in order, what each asks and promises, the
//! organisations engaged at each with their logos, and the sum of their financial
//! contributions; the same as open data.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::needs::exports::{Format, table};
use crate::features::partners::rules::{Contribution, CounterpartState, format_euros};
use crate::features::partners::service::{self, TierWithPartners};
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
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

/// The partners' columns in open data.
const COLUMNS: [&str; 10] = [
    "organisation_id",
    "organisation",
    "type",
    "siret",
    "rna",
    "site",
    "palier",
    "contribution",
    "montant_euros",
    "contreparties_livrees",
];

/// `GET /demarches/{slug}/partenaires/{file}`: the process's partners with their tier,
/// contribution and counterparts delivered, as `partenaires.csv`, `.xlsx` or `.json`.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    use exports::xlsx::Cell;
    let format = file
        .strip_prefix("partenaires.")
        .and_then(Format::from_extension)
        .ok_or(AppError::NotFound)?;
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let organisations = crate::features::partners::store::all(&state.db).await?;
    let mut rows = Vec::new();
    for TierWithPartners { tier, partners, .. } in
        service::partners_by_tier(&state.db, process.id).await?
    {
        for (engagement, counterparts) in partners {
            let organisation = organisations
                .iter()
                .find(|o| o.id == engagement.organisation_id);
            let delivered = counterparts
                .iter()
                .filter(|c| c.state == CounterpartState::Delivered)
                .count();
            rows.push(vec![
                Cell::Text(engagement.organisation_id.to_string()),
                Cell::Text(engagement.name),
                Cell::Text(engagement.kind.as_str().into()),
                Cell::text(organisation.and_then(|o| o.siret.clone())),
                Cell::text(organisation.and_then(|o| o.rna.clone())),
                Cell::Text(engagement.website),
                Cell::Text(tier.label.clone()),
                Cell::Text(tier.contribution.as_str().into()),
                engagement
                    .amount_cents
                    .map_or(Cell::Empty, |c| Cell::Number(c as f64 / 100.0)),
                Cell::Number(delivered as f64),
            ]);
        }
    }
    table(
        format,
        &format!("{slug}-partenaires"),
        "Partenaires",
        &COLUMNS,
        rows,
    )
}
