//! The team's census imports (`/gestion/observatoire`, administrators): a table by IRIS or by
//! commune with its title, source, licence (and year, for legal populations); the report of
//! what was kept and refused, row by row (the whole report as CSV); the datasets held, each
//! removable.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::features::observatory::census::Level;
use crate::features::observatory::service::{self, ImportFailure, ImportOptions, ImportReport};
use crate::features::observatory::store::{self, Dataset};
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::Action;
use crate::platform::web::forms::{FieldError, FormErrors};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Refused rows listed in the page (the CSV report has them all).
const REFUSED_SHOWN: usize = 200;

/// A dataset as listed.
struct DatasetRow {
    dataset: Dataset,
    columns: usize,
    ignored: String,
}

#[derive(Template)]
#[template(path = "observatory/templates/import.html")]
struct ImportPage {
    page: PageCtx,
    errors: FormErrors,
    fields: ImportOptions,
    year: String,
    report: Option<ImportReport>,
    level: String,
    refused_hidden: usize,
    datasets: Vec<DatasetRow>,
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    errors: FormErrors,
    fields: ImportOptions,
    year: String,
    report: Option<ImportReport>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let datasets = store::datasets(&state.db)
        .await?
        .into_iter()
        .map(|dataset| {
            let columns: Vec<(String, i64)> =
                serde_json::from_str(&dataset.columns).unwrap_or_default();
            let ignored: Vec<String> = serde_json::from_str(&dataset.ignored).unwrap_or_default();
            DatasetRow {
                columns: columns.len(),
                ignored: ignored.join(", "),
                dataset,
            }
        })
        .collect();
    let level = report.as_ref().map_or(String::new(), |r| {
        tr.t(match r.level {
            Level::Iris => "level-iris-plural",
            Level::Commune => "level-commune-plural",
        })
    });
    let mut report = report;
    let refused_hidden = report.as_mut().map_or(0, |r| {
        let hidden = r.refused.len().saturating_sub(REFUSED_SHOWN);
        r.refused.truncate(REFUSED_SHOWN);
        hidden
    });
    let page = ImportPage {
        page: PageCtx::new(state, visitor),
        errors,
        fields,
        year,
        report,
        level,
        refused_hidden,
        datasets,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/observatoire`: the import form and the datasets held. Administrators.
pub async fn form(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::ManageTerritories)?;
    let fields = ImportOptions {
        licence: "Licence Ouverte / Etalab 2.0".into(),
        ..ImportOptions::default()
    };
    page(
        &state,
        &visitor,
        FormErrors::default(),
        fields,
        String::new(),
        None,
    )
    .await
}

/// `POST /gestion/observatoire`: imports a table and shows its report. Administrators.
pub async fn import(
    State(state): State<AppState>,
    visitor: Visitor,
    multipart: Multipart,
) -> AppResult<Response> {
    let account = visitor.authorize(Action::ManageTerritories)?;
    let tr = visitor.tr();
    let upload = Upload::read(multipart).await?;
    let field = |name: &str| upload.field(name).trim().to_owned();
    let year_text = field("year");
    let mut fields = ImportOptions {
        title: field("title"),
        source: field("source"),
        licence: field("licence"),
        year: None,
    };
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("title", &fields.title),
        ("source", &fields.source),
        ("licence", &fields.licence),
    ] {
        if value.is_empty() {
            errors.add(tr, name, FieldError::Required);
        } else if value.chars().count() > 200 {
            errors.add(tr, name, FieldError::TooLong);
        }
    }
    if !year_text.is_empty() {
        match year_text.parse::<i32>() {
            Ok(year) if (1800..=2200).contains(&year) => fields.year = Some(year),
            _ => errors.add_message("year", tr.t("import-year-invalid")),
        }
    }
    let bytes = upload.file("file").to_vec();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        errors.add_message("file", tr.t("import-file-required"));
    }
    if !errors.is_empty() {
        return page(&state, &visitor, errors, fields, year_text, None).await;
    }
    match service::import(&state.db, bytes, &fields, Some(account.id), tr).await {
        Ok(report) => {
            audit::record(
                &state.db,
                Some(account.id),
                "observatory.import",
                &fields.title,
                &format!("{} kept, {} refused", report.kept, report.refused.len()),
            )
            .await?;
            page(&state, &visitor, errors, fields, year_text, Some(report)).await
        }
        Err(ImportFailure::File(problem)) => {
            let name = match problem {
                crate::features::observatory::census::FileProblem::YearRequired => "year",
                _ => "file",
            };
            errors.add_message(name, problem.message(tr));
            page(&state, &visitor, errors, fields, year_text, None).await
        }
        Err(ImportFailure::NothingKept(refused)) => {
            let first: Vec<String> = refused
                .iter()
                .take(5)
                .map(|(line, code, reason)| format!("{line} ({code}) : {reason}"))
                .collect();
            errors.add_message(
                "file",
                tr.t1("census-nothing-kept", "rows", first.join(" ; ")),
            );
            page(&state, &visitor, errors, fields, year_text, None).await
        }
        Err(ImportFailure::Database(error)) => Err(error.into()),
    }
}

/// `GET /gestion/observatoire/{id}/rapport.csv`: every row's fate. Administrators.
pub async fn report(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    visitor.authorize(Action::ManageTerritories)?;
    let (_, report) = store::dataset_report(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"rapport-import-{id}.csv\""),
            ),
        ],
        report,
    )
        .into_response())
}

/// `POST /gestion/observatoire/{id}/suppression`: removes a dataset and its figures.
/// Administrators.
pub async fn delete(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let account = visitor.authorize(Action::ManageTerritories)?;
    if !store::delete_dataset(&state.db, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &state.db,
        Some(account.id),
        "observatory.delete",
        &id.to_string(),
        "",
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        "/gestion/observatoire",
        "flash-census-deleted",
    ))
}
