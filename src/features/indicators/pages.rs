//! A process's indicators (public): the evaluation framework's questions, each with its
//! indicators (value now, baseline, target and how far it has gone, source) and their history
//! over the days (a line drawn by the server, the values in a table); and the framework as a
//! workbook.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::features::indicators::framework::{self, Measure, progress, written};
use crate::features::indicators::rules::Unit;
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::permissions::ProcessAction;
use crate::platform::web::chart::line_chart;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;
use exports::xlsx::{Cell, Sheet};

/// An indicator as shown.
pub struct Shown {
    /// Its key, for ids.
    pub key: String,
    /// Its name.
    pub label: String,
    /// Its value now, written.
    pub value: String,
    /// Baseline, target and how far it has gone, written (empty when none).
    pub aims: Vec<String>,
    /// Its source and frequency.
    pub about: String,
    /// Its history drawn, or empty.
    pub chart: String,
    /// `(day, value)` written, latest first.
    pub history: Vec<(String, String)>,
}

impl Shown {
    /// An indicator of the framework, written.
    pub fn of(measure: &Measure, tr: Tr) -> Shown {
        let points: Vec<(&str, f64)> = measure
            .history
            .iter()
            .map(|(d, v)| (d.as_str(), *v))
            .collect();
        let chart = if points.len() > 1 {
            line_chart(
                &format!("indicateur-{}", measure.key),
                &measure.label,
                &tr.t("indicator-chart-description"),
                &points,
            )
        } else {
            String::new()
        };
        let mut aims = Vec::new();
        if measure.baseline.is_some() {
            aims.push(tr.t1(
                "indicator-baseline",
                "value",
                written(measure.baseline, measure.unit, tr),
            ));
        }
        if measure.target.is_some() {
            aims.push(tr.t1(
                "indicator-target",
                "value",
                written(measure.target, measure.unit, tr),
            ));
        }
        if let Some(done) = progress(measure) {
            aims.push(tr.t1("indicator-progress", "share", tr.lang.percent(done / 100.0)));
        }
        let about = if measure.frequency.is_empty() {
            measure.source.clone()
        } else {
            format!("{} · {}", measure.source, tr.t(&measure.frequency))
        };
        Shown {
            key: measure.key.clone(),
            label: measure.label.clone(),
            value: written(measure.value, measure.unit, tr),
            aims,
            about,
            chart,
            history: measure
                .history
                .iter()
                .rev()
                .map(|(d, v)| (d.clone(), written(Some(*v), measure.unit, tr)))
                .collect(),
        }
    }
}

/// An evaluative question as shown.
pub struct ShownQuestion {
    /// Its text.
    pub text: String,
    /// Its indicators.
    pub indicators: Vec<Shown>,
}

/// The framework, written.
pub async fn shown(state: &AppState, process_id: i64, tr: Tr) -> AppResult<Vec<ShownQuestion>> {
    Ok(framework::read(state, process_id, tr)
        .await?
        .iter()
        .map(|q| ShownQuestion {
            text: q.text.clone(),
            indicators: q.measures.iter().map(|m| Shown::of(m, tr)).collect(),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "indicators/templates/dashboard.html")]
struct Dashboard {
    page: PageCtx,
    process: Process,
    questions: Vec<ShownQuestion>,
    /// Whether the visitor manages the process (a link to the team's framework).
    can_edit: bool,
}

/// `GET /demarches/{slug}/indicateurs`: the dashboard.
pub async fn dashboard(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let questions = shown(&state, process.id, visitor.tr()).await?;
    render(&Dashboard {
        page: PageCtx::new(&state, &visitor),
        can_edit: visitor.may_in_process(&roles, ProcessAction::Edit),
        process,
        questions,
    })
}

/// `GET /demarches/{slug}/indicateurs.xlsx`: the framework (question, indicator, unit,
/// baseline, target, value now, source, frequency) and every value kept.
pub async fn workbook(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let questions = framework::read(&state, process.id, tr).await?;
    let unit_name = |unit: Unit| tr.t(&format!("indicator-unit-{}", unit.as_str()));
    let number = |value: Option<f64>| value.map_or(Cell::Empty, Cell::Number);
    let mut framework_rows = Vec::new();
    let mut history_rows = Vec::new();
    for question in &questions {
        for m in &question.measures {
            framework_rows.push(vec![
                Cell::Text(question.text.clone()),
                Cell::Text(m.label.clone()),
                Cell::Text(unit_name(m.unit)),
                number(m.baseline),
                number(m.target),
                number(m.value),
                Cell::Text(m.source.clone()),
                Cell::Text(if m.frequency.is_empty() {
                    tr.t("indicator-frequency-daily")
                } else {
                    tr.t(&m.frequency)
                }),
            ]);
            for (day, value) in &m.history {
                history_rows.push(vec![
                    Cell::Text(day.clone()),
                    Cell::Text(m.label.clone()),
                    Cell::Number(*value),
                ]);
            }
        }
    }
    let framework_header: Vec<String> = [
        "question",
        "indicator",
        "unit",
        "baseline",
        "target",
        "value",
        "source",
        "frequency",
    ]
    .iter()
    .map(|k| tr.t(&format!("indicator-xlsx-{k}")))
    .collect();
    let history_header: Vec<String> = ["day", "indicator", "value"]
        .iter()
        .map(|k| tr.t(&format!("indicator-xlsx-{k}")))
        .collect();
    let framework_header: Vec<&str> = framework_header.iter().map(String::as_str).collect();
    let history_header: Vec<&str> = history_header.iter().map(String::as_str).collect();
    let bytes = exports::xlsx::workbook_of(vec![
        Sheet {
            name: "referentiel",
            header: &framework_header,
            rows: framework_rows,
        },
        Sheet {
            name: "historique",
            header: &history_header,
            rows: history_rows,
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
