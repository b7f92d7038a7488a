//! A territory's page (map, population, what contains it and what it contains, the processes
//! that cover it), finding the commune under a point, and importing boundaries from the
//! management area.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use serde::Deserialize;
use serde_json::json;

use crate::features::processes;
use crate::features::processes::service::Process;
use crate::features::territories;
use crate::features::territories::import::{ImportOptions, ImportReport, import_geojson};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap, group};
use crate::features::territories::store::Territory;
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::Action;
use crate::platform::web::forms::FormErrors;
use crate::platform::web::page::{PageCtx, render, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// A unit as listed under another.
struct ChildRow {
    href: String,
    name: String,
    code: String,
    population: String,
}

#[derive(Template)]
#[template(path = "territories/templates/show.html")]
struct TerritoryPage {
    page: PageCtx,
    territory: Territory,
    level_label: String,
    population: Option<String>,
    ancestors: Vec<(String, String)>,
    children: Vec<ChildRow>,
    children_level: String,
    processes: Vec<Process>,
    map: std::sync::Arc<RenderedMap>,
}

/// The name of a level ("Commune", or "communes" in the plural), or the level as stored.
pub fn level_label(tr: crate::platform::i18n::Tr, level: &str, plural: bool) -> String {
    let key = if plural {
        format!("level-{level}-plural")
    } else {
        format!("level-{level}")
    };
    tr.t_or(&key, level)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn href(t: &Territory) -> String {
    format!("/territoires/{}/{}", t.level, t.code)
}

/// `GET /territoires/{level}/{code}`.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((level, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let territory = territories::store::by_level_code(&state.db, &level, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let tr = visitor.tr();
    let ancestors = territories::store::ancestors(&state.db, territory.id).await?;
    let mut children = territories::store::children(&state.db, territory.id).await?;
    children.sort_by_cached_key(|c| textkit::normalize::fold(&c.name));
    let mut covering_ids = vec![territory.id];
    covering_ids.extend(ancestors.iter().map(|t| t.id));
    let processes = processes::service::public_covering(&state.db, &covering_ids).await?;
    let title = tr.t1("territory-map-title", "name", &territory.name);
    let texts = MapTexts::population(tr, title, "territory-map-description");
    let map = state
        .geo
        .territory_map(
            &state.db,
            &[territory.id],
            Colouring::Population,
            texts,
            "carte-territoire",
        )
        .await?;
    render(&TerritoryPage {
        page: PageCtx::new(&state, &visitor),
        level_label: level_label(tr, &territory.level, false),
        population: territory.population.map(|p| group(p as f64)),
        ancestors: ancestors
            .iter()
            .rev()
            .map(|t| (href(t), t.name.clone()))
            .collect(),
        children_level: children
            .first()
            .map(|c| capitalised(&level_label(tr, &c.level, true)))
            .unwrap_or_default(),
        children: children
            .iter()
            .map(|c| ChildRow {
                href: href(c),
                name: c.name.clone(),
                code: c.code.clone(),
                population: c.population.map(|p| group(p as f64)).unwrap_or_default(),
            })
            .collect(),
        processes,
        map,
        territory,
    })
}

/// A point to locate.
#[derive(Deserialize)]
pub struct PointQuery {
    lat: f64,
    lon: f64,
}

/// `GET /territoires/localiser?lat=…&lon=…`: the commune holding the point and the units
/// containing it, as JSON; 404 outside every known commune.
pub async fn locate(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(point): Query<PointQuery>,
) -> AppResult<Response> {
    let found = state.geo.locate(&state.db, [point.lon, point.lat]).await?;
    let Some((id, code, name)) = found else {
        let message = visitor.tr().t("locate-outside");
        return Ok((StatusCode::NOT_FOUND, Json(json!({"error": message}))).into_response());
    };
    let parents: Vec<_> = territories::store::ancestors(&state.db, id)
        .await?
        .into_iter()
        .map(|t| json!({"level": t.level, "code": t.code, "name": t.name}))
        .collect();
    Ok(Json(json!({"commune": {"code": code, "name": name}, "parents": parents})).into_response())
}

/// The import form as typed.
#[derive(Clone, Debug, Default)]
struct ImportFields {
    level: String,
    code_property: String,
    name_property: String,
    parent_property: String,
    population_property: String,
    population_year: String,
    population_source: String,
}

#[derive(Template)]
#[template(path = "territories/templates/import.html")]
struct ImportPage {
    page: PageCtx,
    errors: FormErrors,
    fields: ImportFields,
    report: Option<ReportView>,
    counts: Vec<(String, i64)>,
}

/// An import report as shown.
struct ReportView {
    created: usize,
    updated: usize,
    refused: Vec<(usize, String, String)>,
}

impl ReportView {
    fn new(report: &ImportReport, visitor: &Visitor) -> ReportView {
        let tr = visitor.tr();
        ReportView {
            created: report.created,
            updated: report.updated,
            refused: report
                .refused
                .iter()
                .map(|r| {
                    let reason = match r.reason.detail() {
                        "" => tr.t(r.reason.message_key()),
                        detail => format!("{} ({detail})", tr.t(r.reason.message_key())),
                    };
                    (r.position, r.code.clone().unwrap_or_default(), reason)
                })
                .collect(),
        }
    }
}

async fn import_page(
    state: &AppState,
    visitor: &Visitor,
    errors: FormErrors,
    fields: ImportFields,
    report: Option<ReportView>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let counts = territories::store::count_by_level(&state.db)
        .await?
        .into_iter()
        .map(|(level, n)| (level_label(tr, &level, true), n))
        .collect();
    let page = ImportPage {
        page: PageCtx::new(state, visitor),
        errors,
        fields,
        report,
        counts,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/territoires`: the import form and the units held.
pub async fn import_form(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::ManageTerritories)?;
    let fields = ImportFields {
        code_property: "code".into(),
        name_property: "nom".into(),
        ..ImportFields::default()
    };
    import_page(&state, &visitor, FormErrors::default(), fields, None).await
}

/// `POST /gestion/territoires`: imports an uploaded GeoJSON file and shows the report.
pub async fn import(
    State(state): State<AppState>,
    visitor: Visitor,
    multipart: Multipart,
) -> AppResult<Response> {
    let account = visitor.authorize(Action::ManageTerritories)?;
    let tr = visitor.tr();
    let upload = Upload::read(multipart).await?;
    let field = |name: &str| upload.field(name).to_owned();
    let fields = ImportFields {
        level: field("level"),
        code_property: field("code_property"),
        name_property: field("name_property"),
        parent_property: field("parent_property"),
        population_property: field("population_property"),
        population_year: field("population_year"),
        population_source: field("population_source"),
    };
    let mut errors = FormErrors::default();
    let file = upload
        .text_file("file", tr)
        .map_err(|message| errors.add_message("file", message))
        .ok();
    let level_ok = !fields.level.is_empty()
        && fields.level.len() <= 30
        && fields
            .level
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_');
    if !level_ok {
        errors.add_message("level", tr.t("import-level-invalid"));
    }
    for (field, value) in [
        ("code_property", &fields.code_property),
        ("name_property", &fields.name_property),
    ] {
        if value.is_empty() {
            errors.add(tr, field, crate::platform::web::forms::FieldError::Required);
        }
    }
    let year = match fields.population_year.as_str() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(year) if (1800..=2200).contains(&year) => Some(year),
            _ => {
                errors.add_message("population_year", tr.t("import-year-invalid"));
                None
            }
        },
    };
    let (Some(text), true) = (file, errors.is_empty()) else {
        return import_page(&state, &visitor, errors, fields, None).await;
    };
    let optional = |s: &String| (!s.is_empty()).then(|| s.clone());
    let options = ImportOptions {
        level: fields.level.clone(),
        code_property: fields.code_property.clone(),
        name_property: fields.name_property.clone(),
        parent_property: optional(&fields.parent_property),
        population_property: optional(&fields.population_property),
        population_year: year,
        population_source: optional(&fields.population_source),
    };
    match import_geojson(&state.db, text, &options).await {
        Ok(report) => {
            state.geo.clear();
            audit::record(
                &state.db,
                Some(account.id),
                "territories.import",
                &fields.level,
                &format!("{} kept, {} refused", report.kept(), report.refused.len()),
            )
            .await?;
            let view = ReportView::new(&report, &visitor);
            import_page(&state, &visitor, FormErrors::default(), fields, Some(view)).await
        }
        Err(crate::features::territories::import::ImportError::NotGeoJson(problem)) => {
            errors.add_message(
                "file",
                format!("{} ({problem})", tr.t("import-not-geojson")),
            );
            import_page(&state, &visitor, errors, fields, None).await
        }
        Err(crate::features::territories::import::ImportError::Database(error)) => {
            Err(error.into())
        }
        Err(crate::features::territories::import::ImportError::Crashed(cause)) => {
            Err(AppError::Internal(cause))
        }
    }
}
