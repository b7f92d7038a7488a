//! Open data: a process's needs as CSV, XLSX and GeoJSON (RFC 7946) with no personal data, and
//! a fuller table for its managers (author, workshop, moderation state, hidden and merged
//! needs), as CSV or XLSX.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use exports::xlsx::Cell;
use serde_json::json;

use crate::features::needs;
use crate::features::needs::rules::Source;
use crate::features::needs::store::ExportRow;
use crate::features::processes::manage::editable;
use crate::features::processes::pages::visible_process;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

const PUBLIC_COLUMNS: [&str; 12] = [
    "id",
    "titre",
    "description",
    "thematique",
    "code_commune",
    "commune",
    "longitude",
    "latitude",
    "source",
    "soutiens",
    "commentaires",
    "date",
];

const MANAGER_COLUMNS: [&str; 5] = [
    "auteur",
    "atelier",
    "statut",
    "motif_moderation",
    "fusionne_dans",
];

/// A spreadsheet format.
#[derive(Clone, Copy)]
pub enum Format {
    /// CSV (UTF-8 with BOM, `;`).
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// JSON: an array of objects keyed by the columns' names.
    Json,
}

impl Format {
    /// The format a file name's extension asks for (`csv`, `xlsx`, `json`).
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

fn public_cells(row: &ExportRow) -> Vec<Cell> {
    // Six decimals: about 10 cm, more than any click on a map means.
    let coordinate =
        |v: Option<f64>| v.map_or(Cell::Empty, |v| Cell::Number((v * 1e6).round() / 1e6));
    vec![
        // Ids are longer than the 15 digits a spreadsheet keeps in a number.
        Cell::Text(row.id.to_string()),
        Cell::Text(row.title.clone()),
        Cell::Text(row.body.clone()),
        Cell::text(row.theme_name.clone()),
        Cell::text(row.territory_code.clone()),
        Cell::text(row.territory_name.clone()),
        coordinate(row.lon),
        coordinate(row.lat),
        Cell::Text(row.source.as_str().into()),
        Cell::Number(row.supports_count as f64),
        Cell::Number(row.comments_count as f64),
        Cell::Text(format_utc(row.created_at)),
    ]
}

/// The public columns, then who wrote it (a deleted account is an anonymous participant), the
/// workshop and what moderation decided.
fn manager_cells(row: &ExportRow, tr: &Tr) -> Vec<Cell> {
    let author = match (&row.author_name, row.source) {
        (Some(name), _) => Cell::Text(name.clone()),
        (None, Source::Online) => Cell::Text(tr.t("participant-anonymous")),
        (None, _) => Cell::Empty,
    };
    let mut cells = public_cells(row);
    cells.extend([
        author,
        Cell::text(row.workshop.clone()),
        Cell::Text(row.status.as_str().into()),
        Cell::text(row.moderation_reason.clone()),
        Cell::text(row.merged_into.map(|id| id.to_string())),
    ]);
    cells
}

/// A table as a file to download, its workbook's sheet named `sheet` (a workbook past Excel's
/// limits is an error: the CSV has none).
pub fn table(
    format: Format,
    name: &str,
    sheet: &str,
    header: &[&str],
    rows: Vec<Vec<Cell>>,
) -> AppResult<Response> {
    let (content_type, extension, body) = match format {
        Format::Csv => (
            "text/csv; charset=utf-8",
            "csv",
            exports::csv::write(
                header,
                rows.into_iter()
                    .map(|row| row.iter().map(Cell::to_string).collect()),
            )
            .into_bytes(),
        ),
        Format::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            exports::xlsx::workbook(sheet, header, rows)
                .map_err(|e| AppError::Internal(format!("workbook {name}: {e}")))?,
        ),
        Format::Json => {
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
                .into_iter()
                .map(|row| {
                    header
                        .iter()
                        .zip(row)
                        .map(|(column, cell)| {
                            let value = match cell {
                                Cell::Text(text) => serde_json::Value::String(text),
                                // Whole numbers as integers (counts, amounts), not 3.0.
                                Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => {
                                    serde_json::json!(n as i64)
                                }
                                Cell::Number(n) => serde_json::json!(n),
                                Cell::Empty => serde_json::Value::Null,
                            };
                            ((*column).to_owned(), value)
                        })
                        .collect()
                })
                .collect();
            (
                "application/json",
                "json",
                serde_json::to_vec(&objects)
                    .map_err(|e| AppError::Internal(format!("json {name}: {e}")))?,
            )
        }
    };
    Ok(download(content_type, format!("{name}.{extension}"), body))
}

/// A file to download, with its type and name.
pub fn download(content_type: &'static str, filename: String, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

async fn public_table(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    format: Format,
) -> AppResult<Response> {
    let (process, _) = visible_process(state, visitor, slug).await?;
    let rows = needs::store::export(&state.db, process.id, true).await?;
    table(
        format,
        &format!("{slug}-besoins"),
        "Besoins",
        &PUBLIC_COLUMNS,
        rows.iter().map(public_cells).collect(),
    )
}

/// `GET /demarches/{slug}/besoins.csv`: the published needs, without personal data.
pub async fn needs_csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    public_table(&state, &visitor, &slug, Format::Csv).await
}

/// `GET /demarches/{slug}/besoins.xlsx`: the published needs as a workbook.
pub async fn needs_xlsx(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    public_table(&state, &visitor, &slug, Format::Xlsx).await
}

/// A GeoJSON point feature whose properties are a table row's cells under their column names
/// (but the coordinates, which are its geometry).
pub fn point_feature(columns: &[&str], cells: Vec<Cell>, lon: f64, lat: f64) -> serde_json::Value {
    let properties: serde_json::Map<String, serde_json::Value> = columns
        .iter()
        .zip(cells)
        .filter(|(name, _)| !matches!(**name, "longitude" | "latitude"))
        .map(|(name, cell)| {
            let value = match cell {
                Cell::Number(n) if n.fract() == 0.0 => json!(n as i64),
                Cell::Number(n) => json!(n),
                Cell::Text(text) => json!(text),
                Cell::Empty => json!(null),
            };
            (name.to_string(), value)
        })
        .collect();
    json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties})
}

/// `GET /demarches/{slug}/besoins.geojson`: the published needs placed on the map.
pub async fn needs_geojson(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let features: Vec<_> = needs::store::export(&state.db, process.id, true)
        .await?
        .iter()
        .filter_map(|row| {
            Some(point_feature(
                &PUBLIC_COLUMNS,
                public_cells(row),
                row.lon?,
                row.lat?,
            ))
        })
        .collect();
    let body = json!({"type": "FeatureCollection", "features": features}).to_string();
    Ok(download(
        "application/geo+json",
        format!("{slug}-besoins.geojson"),
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
    let rows = needs::store::export(&state.db, process.id, false).await?;
    let header: Vec<&str> = PUBLIC_COLUMNS
        .iter()
        .chain(&MANAGER_COLUMNS)
        .copied()
        .collect();
    let tr = visitor.tr();
    table(
        format,
        &format!("{slug}-besoins-complet"),
        "Besoins",
        &header,
        rows.iter().map(|row| manager_cells(row, &tr)).collect(),
    )
}

/// `GET /gestion/demarches/{slug}/besoins.csv`: every need with its author, workshop and
/// moderation state, for the process's managers.
pub async fn needs_full_csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    manager_table(&state, &visitor, &slug, Format::Csv).await
}

/// `GET /gestion/demarches/{slug}/besoins.xlsx`: the same as a workbook.
pub async fn needs_full_xlsx(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    manager_table(&state, &visitor, &slug, Format::Xlsx).await
}
