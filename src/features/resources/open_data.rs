//! The ressourcerie as open data: a process's published resources for everyone, and all of
//! them whatever their status for its team; as CSV (`;`, BOM), XLSX or JSON. Themes are
//! written by name, places by official code, lists with ` | ` between values: what an export
//! holds re-imports unchanged.

use axum::extract::{Path, State};
use axum::response::Response;
use exports::xlsx::Cell;

use crate::features::needs::exports::{Format, table};
use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process;
use crate::features::resources::rules::Publication;
use crate::features::resources::service;
use crate::features::resources::store::{self, Resource};
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The columns, in order (the import reads the same).
pub const COLUMNS: [&str; 21] = [
    "id",
    "type",
    "titre",
    "resume",
    "lien",
    "fichier",
    "thematiques",
    "etapes",
    "publics",
    "perimetre",
    "source",
    "licence",
    "financeur",
    "montant_min",
    "montant_max",
    "taux_min",
    "taux_max",
    "echeance",
    "recurrence",
    "statut",
    "mise_a_jour",
];

/// What separates the values of a list in a cell.
pub const LIST_SEPARATOR: &str = " | ";

/// A resource's row.
fn row(r: Resource, settings: &ProcessSettings, public_url: &str) -> Vec<Cell> {
    let fields = r.fields();
    let list = |values: Vec<String>| Cell::Text(values.join(LIST_SEPARATOR));
    let number = |n: Option<i64>| n.map_or(Cell::Empty, |n| Cell::Number(n as f64));
    vec![
        // Ids are longer than the 15 digits a spreadsheet keeps in a number.
        Cell::Text(r.id.to_string()),
        Cell::Text(r.kind.as_str().into()),
        Cell::Text(r.title),
        Cell::Text(r.summary),
        Cell::text(r.url),
        Cell::text(r.media_id.map(|m| format!("{public_url}/medias/{m}"))),
        list(
            fields
                .themes
                .iter()
                .filter_map(|t| settings.theme(*t).map(|t| t.name.clone()))
                .collect(),
        ),
        list(fields.stages.iter().map(ToString::to_string).collect()),
        list(fields.audiences.iter().map(ToString::to_string).collect()),
        list(
            fields
                .perimeter
                .iter()
                .filter_map(|p| {
                    settings
                        .epcis
                        .iter()
                        .chain(&settings.communes)
                        .find(|t| t.id == *p)
                        .map(|t| t.code.clone())
                })
                .collect(),
        ),
        Cell::Text(r.source),
        Cell::Text(r.licence),
        Cell::Text(r.funder),
        number(r.amount_min),
        number(r.amount_max),
        number(r.rate_min),
        number(r.rate_max),
        Cell::text(r.deadline),
        Cell::text(r.recurrence.map(|x| x.as_str())),
        Cell::Text(r.status.as_str().into()),
        Cell::Text(format_utc(r.updated_at)),
    ]
}

/// `GET /demarches/{slug}/ressources/{file}`: `ressources` (published) as `.csv`, `.xlsx` or
/// `.json`; `toutes` (every status) the same, for the process's team.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let (list, extension) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let format = Format::from_extension(extension).ok_or(AppError::NotFound)?;
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let resources = match list {
        "ressources" => store::with_status(&state.db, process.id, Publication::Published).await?,
        "toutes" => {
            visitor.require_account()?;
            if !service::runs(&visitor, &roles) {
                return Err(AppError::Forbidden);
            }
            store::all(&state.db, process.id).await?
        }
        _ => return Err(AppError::NotFound),
    };
    let settings = state.processes.settings(&state.db, &process).await?;
    let public_url = state.config.public_url.trim_end_matches('/').to_owned();
    let rows = resources
        .into_iter()
        .map(|r| row(r, &settings, &public_url))
        .collect();
    table(
        format,
        &format!("{slug}-{list}"),
        "Ressources",
        &COLUMNS,
        rows,
    )
}
