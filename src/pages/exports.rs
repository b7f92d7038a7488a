//! Open data: a process's needs as CSV and GeoJSON (RFC 7946) with no personal data, and a
//! fuller CSV for its managers (workshop, moderation state, hidden needs).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::clock::format_utc;
use crate::db::{self, needs::ExportRow};
use crate::error::AppResult;
use crate::pages::manage::editable;
use crate::pages::processes::visible_process;
use crate::state::AppState;
use crate::web::visitor::Visitor;

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

fn public_fields(row: &ExportRow) -> Vec<String> {
    let number = |v: Option<f64>| v.map(|v| format!("{v:.6}")).unwrap_or_default();
    vec![
        row.id.to_string(),
        row.title.clone(),
        row.body.clone(),
        row.theme_name.clone().unwrap_or_default(),
        row.territory_code.clone().unwrap_or_default(),
        row.territory_name.clone().unwrap_or_default(),
        number(row.lon),
        number(row.lat),
        row.source.clone(),
        row.supports_count.to_string(),
        row.comments_count.to_string(),
        format_utc(row.created_at),
    ]
}

fn download(content_type: &'static str, filename: String, body: String) -> Response {
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

/// `GET /demarches/{slug}/besoins.csv`: the published needs, without personal data.
pub async fn needs_csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let rows = db::needs::export(&state.db, process.id, true).await?;
    let body = exports::csv::write(&PUBLIC_COLUMNS, rows.iter().map(public_fields));
    Ok(download(
        "text/csv; charset=utf-8",
        format!("{slug}-besoins.csv"),
        body,
    ))
}

/// `GET /demarches/{slug}/besoins.geojson`: the published needs placed on the map.
pub async fn needs_geojson(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let features: Vec<_> = db::needs::export(&state.db, process.id, true)
        .await?
        .iter()
        .filter_map(|row| {
            let (lon, lat) = (row.lon?, row.lat?);
            let properties: serde_json::Map<String, serde_json::Value> = PUBLIC_COLUMNS
                .iter()
                .zip(public_fields(row))
                .filter(|(name, _)| !matches!(**name, "longitude" | "latitude"))
                .map(|(name, value)| (name.to_string(), json!(value)))
                .collect();
            Some(json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}))
        })
        .collect();
    let body = json!({"type": "FeatureCollection", "features": features}).to_string();
    Ok(download(
        "application/geo+json",
        format!("{slug}-besoins.geojson"),
        body,
    ))
}

/// `GET /gestion/demarches/{slug}/besoins.csv`: every need with its workshop and moderation
/// state, for the process's managers.
pub async fn needs_full_csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let rows = db::needs::export(&state.db, process.id, false).await?;
    let mut header = PUBLIC_COLUMNS.to_vec();
    header.extend(["atelier", "statut", "motif_moderation"]);
    let body = exports::csv::write(
        &header,
        rows.iter().map(|row| {
            let mut fields = public_fields(row);
            fields.extend([
                row.workshop.clone().unwrap_or_default(),
                row.status.clone(),
                row.moderation_reason.clone().unwrap_or_default(),
            ]);
            fields
        }),
    );
    Ok(download(
        "text/csv; charset=utf-8",
        format!("{slug}-besoins-complet.csv"),
        body,
    ))
}
