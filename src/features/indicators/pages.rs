//! A process's indicators (public): the evaluation framework's standard indicators grouped by
//! the evaluative question they answer, each with its value now and its history over the days
//! (a line drawn by the server, the values in a table); and the framework as a workbook.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::features::indicators::rules::{Indicator, Unit};
use crate::features::indicators::store;
use crate::features::processes::pages::visible_process;
use crate::features::processes::rules::Day;
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::chart::line_chart;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;
use exports::xlsx::{Cell, Sheet};

/// An indicator as shown.
struct Shown {
    key: &'static str,
    label: String,
    value: String,
    chart: String,
    history: Vec<(String, String)>,
}

/// The indicators answering one evaluative question.
struct Question {
    text: String,
    indicators: Vec<Shown>,
}

#[derive(Template)]
#[template(path = "indicators/templates/dashboard.html")]
struct Dashboard {
    page: PageCtx,
    process: Process,
    questions: Vec<Question>,
}

/// A value written with its unit.
fn written(value: Option<f64>, unit: Unit, tr: Tr) -> String {
    let Some(value) = value else {
        return "–".into();
    };
    match unit {
        Unit::Count => crate::features::territories::maps::group(value),
        Unit::Percent => tr.lang.percent(value / 100.0),
        Unit::Days => tr.t1("indicator-days", "days", tr.lang.decimal(value, 1)),
    }
}

/// The indicators now, computed at most once a minute per process.
async fn current(
    state: &AppState,
    process_id: i64,
) -> AppResult<std::sync::Arc<Vec<(Indicator, Option<f64>)>>> {
    let minute = crate::platform::clock::now_ms() / 60_000;
    if let Some(kept) = state.indicators.get(process_id, &minute) {
        return Ok(kept);
    }
    let until = format!("{}T23:59", Day::today().iso());
    let values = store::compute(&state.db, process_id, &until).await?;
    Ok(state.indicators.put(process_id, minute, values))
}

/// `GET /demarches/{slug}/indicateurs`: the dashboard.
pub async fn dashboard(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let now = current(&state, process.id).await?;
    let mut history: HashMap<String, Vec<(String, f64)>> = HashMap::new();
    for (key, day, value) in store::history(&state.db, process.id).await? {
        history.entry(key).or_default().push((day, value));
    }
    let mut questions: Vec<Question> = Vec::new();
    for (indicator, value) in now.iter() {
        let label = tr.t(&format!("indicator-{}", indicator.key()));
        let days = history.remove(indicator.key()).unwrap_or_default();
        let points: Vec<(&str, f64)> = days.iter().map(|(d, v)| (d.as_str(), *v)).collect();
        let chart = if points.len() > 1 {
            line_chart(
                &format!("indicateur-{}", indicator.key()),
                &label,
                &tr.t("indicator-chart-description"),
                &points,
            )
        } else {
            String::new()
        };
        let shown = Shown {
            key: indicator.key(),
            value: written(*value, indicator.unit(), tr),
            history: days
                .iter()
                .rev()
                .map(|(d, v)| (d.clone(), written(Some(*v), indicator.unit(), tr)))
                .collect(),
            chart,
            label,
        };
        let text = tr.t(indicator.question());
        match questions.iter_mut().find(|q| q.text == text) {
            Some(question) => question.indicators.push(shown),
            None => questions.push(Question {
                text,
                indicators: vec![shown],
            }),
        }
    }
    render(&Dashboard {
        page: PageCtx::new(&state, &visitor),
        process,
        questions,
    })
}

/// `GET /demarches/{slug}/indicateurs.xlsx`: the framework (question, indicator, unit, value
/// now) and every snapshot.
pub async fn workbook(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let now = current(&state, process.id).await?;
    let unit_name = |unit: Unit| {
        tr.t(match unit {
            Unit::Count => "indicator-unit-count",
            Unit::Percent => "indicator-unit-percent",
            Unit::Days => "indicator-unit-days",
        })
    };
    let label = |indicator: Indicator| tr.t(&format!("indicator-{}", indicator.key()));
    let framework: Vec<Vec<Cell>> = now
        .iter()
        .map(|(indicator, value)| {
            vec![
                Cell::Text(tr.t(indicator.question())),
                Cell::Text(label(*indicator)),
                Cell::Text(unit_name(indicator.unit())),
                value.map_or(Cell::Empty, Cell::Number),
            ]
        })
        .collect();
    let snapshots: Vec<Vec<Cell>> = store::history(&state.db, process.id)
        .await?
        .into_iter()
        .filter_map(|(key, day, value)| {
            let indicator = Indicator::from_key(&key)?;
            Some(vec![
                Cell::Text(day),
                Cell::Text(label(indicator)),
                Cell::Number(value),
            ])
        })
        .collect();
    let framework_header = [
        tr.t("indicator-xlsx-question"),
        tr.t("indicator-xlsx-indicator"),
        tr.t("indicator-xlsx-unit"),
        tr.t("indicator-xlsx-value"),
    ];
    let history_header = [
        tr.t("indicator-xlsx-day"),
        tr.t("indicator-xlsx-indicator"),
        tr.t("indicator-xlsx-value"),
    ];
    let framework_header: Vec<&str> = framework_header.iter().map(String::as_str).collect();
    let history_header: Vec<&str> = history_header.iter().map(String::as_str).collect();
    let bytes = exports::xlsx::workbook_of(vec![
        Sheet {
            name: "referentiel",
            header: &framework_header,
            rows: framework,
        },
        Sheet {
            name: "historique",
            header: &history_header,
            rows: snapshots,
        },
    ])
    .map_err(|e| AppError::Internal(format!("indicators workbook: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"indicateurs-{}.xlsx\"", process.slug),
            ),
        ],
        bytes,
    )
        .into_response())
}
