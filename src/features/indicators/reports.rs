//! Mid-term and final evaluation reports: the team writes its analysis of each evaluative
//! question (`/gestion/demarches/{slug}/evaluation/{kind}`, managers) and publishes the report;
//! the report (`/demarches/{slug}/evaluation/{kind}`) is a printable page built from the
//! framework: each question with its indicators (value, baseline, target, how far), their
//! history drawn as vector SVG, and the analysis (Markdown, sanitised), after a map of the needs
//! per 1,000 inhabitants over the process's communes. Unpublished, only the team reads it.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::indicators::framework;
use crate::features::indicators::pages::Shown;
use crate::features::indicators::rules::ReportKind;
use crate::features::indicators::store;
use crate::features::processes::manage::editable;
use crate::features::processes::pages::visible_process;
use crate::features::processes::rules::Day;
use crate::features::processes::store::Process;
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::error::{AppError, AppResult};
use crate::platform::markdown::to_safe_html;
use crate::platform::permissions::ProcessAction;
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Longest analysis of one question, in characters.
const ANALYSIS_CHARS: usize = 20_000;

/// A question of the report.
struct Section {
    key: String,
    text: String,
    indicators: Vec<Shown>,
    /// The analysis as typed (the form) or as HTML (the report).
    analysis: String,
}

#[derive(Template)]
#[template(path = "indicators/templates/report.html")]
struct ReportPage {
    page: PageCtx,
    process: Process,
    title: String,
    date: String,
    sections: Vec<Section>,
    published: bool,
    /// Needs per 1,000 inhabitants over the process's communes.
    map: std::sync::Arc<RenderedMap>,
}

#[derive(Template)]
#[template(path = "indicators/templates/report_edit.html")]
struct EditPage {
    page: PageCtx,
    process: Process,
    kind: &'static str,
    title: String,
    sections: Vec<Section>,
    published: bool,
    errors: FormErrors,
}

fn kind_of(text: &str) -> AppResult<ReportKind> {
    text.parse().map_err(|_| AppError::NotFound)
}

/// The framework's questions with the report's analyses (`as_html` for the report itself).
async fn sections(
    state: &AppState,
    visitor: &Visitor,
    process_id: i64,
    analyses: &HashMap<String, String>,
    as_html: bool,
) -> AppResult<Vec<Section>> {
    let tr = visitor.tr();
    Ok(framework::read(state, process_id, tr)
        .await?
        .iter()
        .map(|q| {
            let typed = analyses.get(&q.key).cloned().unwrap_or_default();
            Section {
                key: q.key.clone(),
                text: q.text.clone(),
                indicators: q.measures.iter().map(|m| Shown::of(m, tr)).collect(),
                analysis: if as_html { to_safe_html(&typed) } else { typed },
            }
        })
        .collect())
}

async fn stored(
    state: &AppState,
    process_id: i64,
    kind: ReportKind,
) -> AppResult<(HashMap<String, String>, bool)> {
    Ok(
        match store::report(&state.db, process_id, kind.as_str()).await? {
            Some((analyses, published)) => (
                serde_json::from_str(&analyses).unwrap_or_default(),
                published,
            ),
            None => (HashMap::new(), false),
        },
    )
}

/// The map of needs per 1,000 inhabitants over the process's communes.
async fn reach_map(
    state: &AppState,
    process: &Process,
    tr: crate::platform::i18n::Tr,
) -> AppResult<std::sync::Arc<RenderedMap>> {
    let settings = state.processes.settings(&state.db, process).await?;
    let needs = state
        .need_counts
        .counts(&state.db, process)
        .await?
        .by_territory(None, None);
    let values = settings
        .communes
        .iter()
        .filter_map(|c| {
            let people = c.population.filter(|p| *p > 0)? as f64;
            Some((
                c.id,
                1000.0 * needs.get(&c.id).copied().unwrap_or(0) as f64 / people,
            ))
        })
        .collect();
    let mut texts = MapTexts::population(
        tr,
        tr.t1("indicator-report-map", "title", &process.title),
        "indicator-report-map-description",
    );
    texts.legend_title = tr.t("indicator-report-map-legend");
    texts.unit = String::new();
    Ok(state
        .geo
        .territory_map(
            &state.db,
            &settings.roots,
            Colouring::Values(values),
            texts,
            "carte-rapport",
        )
        .await?)
}

/// `GET /demarches/{slug}/evaluation/{kind}`: the printable report; unpublished, the team's.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, kind)): Path<(String, String)>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let (analyses, published) = stored(&state, process.id, kind).await?;
    if !published && !visitor.may_in_process(&roles, ProcessAction::Edit) {
        return Err(AppError::NotFound);
    }
    let tr = visitor.tr();
    let sections = sections(&state, &visitor, process.id, &analyses, true).await?;
    let map = reach_map(&state, &process, tr).await?;
    render(&ReportPage {
        map,
        page: PageCtx::new(&state, &visitor),
        title: tr.t(&format!("indicator-report-{}", kind.as_str())),
        date: Day::today().long(tr.lang == crate::platform::i18n::Lang::En),
        process,
        sections,
        published,
    })
}

/// `GET /gestion/demarches/{slug}/evaluation/{kind}`: the analyses' form. Managers.
pub async fn edit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, kind)): Path<(String, String)>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let process = editable(&state, &visitor, &slug).await?;
    let (analyses, published) = stored(&state, process.id, kind).await?;
    let sections = sections(&state, &visitor, process.id, &analyses, false).await?;
    render(&EditPage {
        page: PageCtx::new(&state, &visitor),
        title: visitor
            .tr()
            .t(&format!("indicator-report-{}", kind.as_str())),
        kind: kind.as_str(),
        process,
        sections,
        published,
        errors: FormErrors::default(),
    })
}

/// `POST /gestion/demarches/{slug}/evaluation/{kind}`: the analyses (`analyse-{n}` for the
/// question `question-{n}`) and whether the report is published (`publie`). Managers.
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, kind)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let form = Pairs(fields);
    let mut analyses = HashMap::new();
    let mut errors = FormErrors::default();
    let asked: Vec<(String, String)> = form
        .0
        .iter()
        .filter_map(|(name, key)| Some((name.strip_prefix("question-")?.to_owned(), key.clone())))
        .collect();
    for (n, key) in asked {
        let text = form.get(&format!("analyse-{n}"));
        if text.chars().count() > ANALYSIS_CHARS {
            errors.add_message(
                "form",
                tr.t1("indicator-analysis-too-long", "question", &key),
            );
        }
        if !text.trim().is_empty() {
            analyses.insert(key, text);
        }
    }
    let published = form.get("publie") == "1";
    if !errors.is_empty() {
        let mut sections = sections(&state, &visitor, process.id, &HashMap::new(), false).await?;
        for section in &mut sections {
            section.analysis = analyses.get(&section.key).cloned().unwrap_or_default();
        }
        let page = EditPage {
            page: PageCtx::new(&state, &visitor),
            title: tr.t(&format!("indicator-report-{}", kind.as_str())),
            kind: kind.as_str(),
            process,
            sections,
            published,
            errors,
        };
        return render_form(&page, false);
    }
    let json = serde_json::to_string(&analyses).unwrap_or_else(|_| "{}".into());
    store::save_report(&state.db, process.id, kind.as_str(), &json, published).await?;
    let to = format!("/demarches/{slug}/evaluation/{}", kind.as_str());
    Ok(redirect_with_flash(&state, &to, "flash-report-saved"))
}
