//! The bourse as open data: a process's offers and requests for everyone, its companionships
//! (without their private logs) for its team; as CSV (`;`, BOM), XLSX or JSON.

use axum::extract::{Path, State};
use axum::response::Response;
use exports::xlsx::Cell;

use crate::features::bourse::service;
use crate::features::bourse::store;
use crate::features::needs::exports::{Format, table};
use crate::features::processes::pages::visible_process;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The offers' columns.
const OFFER_COLUMNS: [&str; 13] = [
    "id",
    "organisation_id",
    "organisation",
    "type",
    "titre",
    "texte",
    "thematique_id",
    "territoire_id",
    "unite",
    "capacite",
    "restant",
    "dernier_jour",
    "statut",
];

/// The requests' columns.
const REQUEST_COLUMNS: [&str; 11] = [
    "id",
    "solution_id",
    "solution",
    "type",
    "titre",
    "texte",
    "unite",
    "quantite",
    "echeance",
    "statut",
    "date",
];

/// The companionships' columns.
const COMPANIONSHIP_COLUMNS: [&str; 13] = [
    "id",
    "offre_id",
    "organisation",
    "demande_id",
    "solution_id",
    "solution",
    "unites",
    "unite",
    "etat",
    "propose_par",
    "motif_fin",
    "fin_par",
    "date",
];

fn id(value: i64) -> Cell {
    // Ids are longer than the 15 digits a spreadsheet keeps in a number.
    Cell::Text(value.to_string())
}

/// The list and the format a file name asks for: `offres.csv`, `demandes.json`…
fn asked(file: &str) -> AppResult<(&str, Format)> {
    let (list, extension) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let format = Format::from_extension(extension).ok_or(AppError::NotFound)?;
    Ok((list, format))
}

/// `GET /demarches/{slug}/bourse/{file}`: `offres` or `demandes` as `.csv`, `.xlsx` or
/// `.json`; `compagnonnages` the same, for the process's team.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let (list, format) = asked(&file)?;
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let name = format!("{slug}-{list}");
    match list {
        "offres" => {
            let rows = store::all_offers(&state.db, process.id).await?;
            let cells = rows
                .into_iter()
                .map(|o| {
                    vec![
                        id(o.id),
                        id(o.organisation_id),
                        Cell::Text(o.organisation),
                        Cell::Text(o.kind.as_str().into()),
                        Cell::Text(o.title),
                        Cell::Text(o.body),
                        Cell::text(o.theme_id.map(|t| t.to_string())),
                        Cell::text(o.territory_id.map(|t| t.to_string())),
                        Cell::Text(o.unit.as_str().into()),
                        Cell::Number(o.capacity as f64),
                        Cell::Number(o.remaining as f64),
                        Cell::text(o.ends_on),
                        Cell::Text(o.status.as_str().into()),
                    ]
                })
                .collect();
            table(format, &name, "Offres", &OFFER_COLUMNS, cells)
        }
        "demandes" => {
            let rows = store::all_requests(&state.db, process.id).await?;
            let cells = rows
                .into_iter()
                .map(|r| {
                    vec![
                        id(r.id),
                        id(r.solution_id),
                        Cell::Text(r.solution),
                        Cell::Text(r.kind.as_str().into()),
                        Cell::Text(r.title),
                        Cell::Text(r.body),
                        Cell::Text(r.unit.as_str().into()),
                        Cell::Number(r.amount as f64),
                        Cell::text(r.needed_by),
                        Cell::Text(r.status.as_str().into()),
                        Cell::Text(format_utc(r.created_at)),
                    ]
                })
                .collect();
            table(format, &name, "Demandes", &REQUEST_COLUMNS, cells)
        }
        "compagnonnages" => {
            visitor.require_account()?;
            if !service::runs(&visitor, &roles) {
                return Err(AppError::Forbidden);
            }
            let rows = store::all_companionships(&state.db, process.id).await?;
            let cells = rows
                .into_iter()
                .map(|c| {
                    vec![
                        id(c.id),
                        id(c.offer_id),
                        Cell::Text(c.organisation),
                        id(c.request_id),
                        id(c.solution_id),
                        Cell::Text(c.solution),
                        Cell::Number(c.units as f64),
                        Cell::Text(c.unit.as_str().into()),
                        Cell::Text(c.state.as_str().into()),
                        Cell::Text(c.proposed_by.as_str().into()),
                        Cell::text(c.end_reason.map(|r| r.as_str())),
                        Cell::text(c.ended_by.map(|s| s.as_str())),
                        Cell::Text(format_utc(c.created_at)),
                    ]
                })
                .collect();
            table(
                format,
                &name,
                "Compagnonnages",
                &COMPANIONSHIP_COLUMNS,
                cells,
            )
        }
        _ => Err(AppError::NotFound),
    }
}
