//! Open data: a process's solutions as CSV, XLSX and GeoJSON with the needs and clusters they
//! answer and where they stand, without personal data; and the fuller table for its managers
//! (who proposed it, at which event, moderation). The CSV re-imports unchanged
//! (`import`).

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::Response;
use exports::xlsx::Cell;
use serde_json::json;

use crate::features::needs::exports::{Format, download, point_feature, table};
use crate::features::processes::manage::editable;
use crate::features::processes::pages::visible_process;
use crate::features::solutions::store::{self, ExportRow};
use crate::platform::clock::format_utc;
use crate::platform::error::AppResult;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The open data's columns; `import` reads the same names.
pub const PUBLIC_COLUMNS: [&str; 19] = [
    "id",
    "titre",
    "description",
    "thematique",
    "portee",
    "code_territoire",
    "territoire",
    "longitude",
    "latitude",
    "organisation",
    "etape",
    "etape_libelle",
    "avancement",
    "reponse",
    "motif_reponse",
    "besoins",
    "groupes",
    "id_externe",
    "date",
];

/// The managers' columns, after the public ones.
const MANAGER_COLUMNS: [&str; 5] = [
    "auteur",
    "evenement",
    "source",
    "statut",
    "motif_moderation",
];

/// The ids a solution links to, by solution, joined by commas.
fn joined(links: &[(i64, i64)]) -> HashMap<i64, String> {
    let mut by_solution: HashMap<i64, String> = HashMap::new();
    for (solution, other) in links {
        let list = by_solution.entry(*solution).or_default();
        if !list.is_empty() {
            list.push_str(", ");
        }
        list.push_str(&other.to_string());
    }
    by_solution
}

/// What a table row is made of: the solution and the ids of its needs and clusters.
struct Linked {
    needs: HashMap<i64, String>,
    clusters: HashMap<i64, String>,
}

impl Linked {
    async fn of(state: &AppState, process_id: i64) -> AppResult<Linked> {
        let (needs, clusters) = store::links_of_process(&state.db, process_id).await?;
        Ok(Linked {
            needs: joined(&needs),
            clusters: joined(&clusters),
        })
    }

    fn public_cells(&self, row: &ExportRow) -> Vec<Cell> {
        let coordinate =
            |v: Option<f64>| v.map_or(Cell::Empty, |v| Cell::Number((v * 1e6).round() / 1e6));
        vec![
            Cell::Text(row.id.to_string()),
            Cell::Text(row.title.clone()),
            Cell::Text(row.body.clone()),
            Cell::text(row.theme_name.clone()),
            Cell::Text(row.scope.as_str().into()),
            Cell::text(row.territory_code.clone()),
            Cell::text(row.territory_name.clone()),
            coordinate(row.lon),
            coordinate(row.lat),
            Cell::Text(row.organisation.clone()),
            Cell::text(row.stage_key.clone()),
            Cell::text(row.stage_label.clone()),
            Cell::Number(row.progress as f64),
            Cell::text(row.answer.map(|a| a.as_str())),
            Cell::Text(row.answer_reason.clone()),
            Cell::text(self.needs.get(&row.id).cloned()),
            Cell::text(self.clusters.get(&row.id).cloned()),
            Cell::text(row.external_id.clone()),
            Cell::Text(format_utc(row.created_at)),
        ]
    }

    fn manager_cells(&self, row: &ExportRow) -> Vec<Cell> {
        let mut cells = self.public_cells(row);
        cells.extend([
            Cell::text(row.author_name.clone()),
            Cell::text(row.event_title.clone()),
            Cell::Text(row.source.as_str().into()),
            Cell::Text(row.status.as_str().into()),
            Cell::text(row.moderation_reason.clone()),
        ]);
        cells
    }
}

async fn public_table(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    format: Format,
) -> AppResult<Response> {
    let (process, _) = visible_process(state, visitor, slug).await?;
    let rows = store::export(&state.db, process.id, true).await?;
    let linked = Linked::of(state, process.id).await?;
    table(
        format,
        &format!("{slug}-solutions"),
        "Solutions",
        &PUBLIC_COLUMNS,
        rows.iter().map(|r| linked.public_cells(r)).collect(),
    )
}

/// `GET /demarches/{slug}/solutions.csv`: the published solutions, without personal data.
pub async fn solutions_csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    public_table(&state, &visitor, &slug, Format::Csv).await
}

/// `GET /demarches/{slug}/solutions.xlsx`: the same as a workbook.
pub async fn solutions_xlsx(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    public_table(&state, &visitor, &slug, Format::Xlsx).await
}

/// `GET /demarches/{slug}/solutions.geojson`: the published solutions placed on the map.
pub async fn solutions_geojson(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let linked = Linked::of(&state, process.id).await?;
    let features: Vec<_> = store::export(&state.db, process.id, true)
        .await?
        .iter()
        .filter_map(|row| {
            Some(point_feature(
                &PUBLIC_COLUMNS,
                linked.public_cells(row),
                row.lon?,
                row.lat?,
            ))
        })
        .collect();
    let body = json!({"type": "FeatureCollection", "features": features}).to_string();
    Ok(download(
        "application/geo+json",
        format!("{slug}-solutions.geojson"),
        body.into_bytes(),
    ))
}

async fn manager_table(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    format: Format,
) -> AppResult<Response> {
    let process = editable(state, visitor, slug).await?;
    let rows = store::export(&state.db, process.id, false).await?;
    let linked = Linked::of(state, process.id).await?;
    let header: Vec<&str> = PUBLIC_COLUMNS
        .iter()
        .chain(&MANAGER_COLUMNS)
        .copied()
        .collect();
    table(
        format,
        &format!("{slug}-solutions-complet"),
        "Solutions",
        &header,
        rows.iter().map(|r| linked.manager_cells(r)).collect(),
    )
}

/// `GET /gestion/demarches/{slug}/solutions.csv`: every solution with who proposed it, the
/// event and its moderation, for the process's managers.
pub async fn solutions_full_csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    manager_table(&state, &visitor, &slug, Format::Csv).await
}

/// `GET /gestion/demarches/{slug}/solutions.xlsx`: the same as a workbook.
pub async fn solutions_full_xlsx(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    manager_table(&state, &visitor, &slug, Format::Xlsx).await
}
