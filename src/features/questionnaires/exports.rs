//! A questionnaire's downloads: its answers (one row per response, codes and labels, weights)
//! and its codebook as CSV, XLSX or JSON for the team; its results (per question: raw and
//! weighted shares, margins of error), the weighting report and a cross-tabulation as an
//! XLSX workbook, for whoever may read the results.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use exports::xlsx::{Cell, Sheet};

use crate::features::needs::exports::{Format, table};
use crate::features::questionnaires::codebook::{self, CODEBOOK_HEADER, FIXED};
use crate::features::questionnaires::results::{
    Answering, Figures, Respondent, Share, cross_tab, question_result,
};
use crate::features::questionnaires::results_page::{ResultsQuery, crossed_questions, filter_of};
use crate::features::questionnaires::rules::{Kind, Question};
use crate::features::questionnaires::service::{self, Computed, Filter, Weighting};
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// `GET /gestion/questionnaires/{id}/export/{file}`: `reponses` (one row per submitted
/// response) or `dictionnaire` (the codebook), as `.csv`, `.xlsx` or `.json`. The team.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((id, file)): Path<(i64, String)>,
) -> AppResult<Response> {
    let (name, extension) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let format = Format::from_extension(extension).ok_or(AppError::NotFound)?;
    let loaded = service::load_run(&state, &visitor, id).await?;
    let computed = service::computed(&state, &loaded).await?;
    let (file_name, name, tr) = (
        format!("questionnaire-{id}-{name}"),
        name.to_owned(),
        visitor.tr(),
    );
    off_the_requests_threads(move || downloaded(&computed, &name, format, &file_name, tr)).await
}

/// Runs the writing of a file (seconds for 100,000 responses) on a blocking thread, so that
/// the requests' threads go on serving meanwhile.
async fn off_the_requests_threads(
    write: impl FnOnce() -> AppResult<Response> + Send + 'static,
) -> AppResult<Response> {
    tokio::task::spawn_blocking(write)
        .await
        .map_err(|e| AppError::Internal(format!("questionnaire export: {e}")))?
}

/// The answers (`reponses`) or the codebook (`dictionnaire`) written in a format.
fn downloaded(
    computed: &Computed,
    name: &str,
    format: Format,
    file_name: &str,
    tr: Tr,
) -> AppResult<Response> {
    let columns = codebook::columns(&computed.sections);
    match name {
        "reponses" => {
            let questions: HashMap<i64, &Question> =
                computed.questions().map(|q| (q.id, q)).collect();
            let header: Vec<&str> = FIXED
                .iter()
                .copied()
                .chain(columns.iter().map(|c| c.name.as_str()))
                .collect();
            let rows = computed
                .submitted
                .iter()
                .zip(&computed.weights)
                .map(|(s, w)| {
                    let mut row = vec![
                        Cell::Text(s.id.to_string()),
                        Cell::Text(s.source.as_str().into()),
                        Cell::Text(format_utc(s.submitted_at)),
                        Cell::Number(*w),
                    ];
                    row.extend(codebook::cells(
                        &columns,
                        &questions,
                        &s.answers,
                        &computed.places,
                    ));
                    row
                })
                .collect();
            table(format, file_name, "Réponses", &header, rows)
        }
        "dictionnaire" => {
            let rows = codebook::codebook(&computed.sections, &columns, |k| {
                tr.t(&format!("questionnaire-kind-{}", k.as_str()))
            });
            table(format, file_name, "Dictionnaire", &CODEBOOK_HEADER, rows)
        }
        _ => Err(AppError::NotFound),
    }
}

const RESULTS_HEADER: [&str; 8] = [
    "variable",
    "question",
    "reponse",
    "repondants",
    "part_brute",
    "part_redressee",
    "marge_erreur_95",
    "taille_effective",
];
const WEIGHTING_HEADER: [&str; 6] = [
    "question",
    "categorie",
    "cible",
    "brut",
    "redresse",
    "repondants",
];
const CROSS_HEADER: [&str; 5] = [
    "ligne",
    "colonne",
    "repondants_ligne",
    "part",
    "marge_erreur_95",
];

/// Rows of one question's shares: raw beside weighted.
fn share_rows(
    variable: &str,
    label: &str,
    weighted: &[Share],
    raw: &[Share],
    effective: f64,
) -> Vec<Vec<Cell>> {
    weighted
        .iter()
        .zip(raw)
        .map(|(w, r)| {
            vec![
                Cell::Text(variable.to_owned()),
                Cell::Text(label.to_owned()),
                Cell::Text(w.label.clone()),
                Cell::Number(w.count as f64),
                Cell::Number(r.share),
                Cell::Number(w.share),
                Cell::Number(w.margin),
                Cell::Number(effective),
            ]
        })
        .collect()
}

/// `GET /questionnaires/{id}/resultats.xlsx`: the results page as a workbook (the same
/// filters and cross-tabulation), with the weighting report. Whoever may read the results.
pub async fn results_workbook(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Query(query): Query<ResultsQuery>,
) -> AppResult<Response> {
    let loaded = service::load(&state, &visitor, id).await?;
    if !loaded.questionnaire.results_public && !loaded.runs {
        return Err(AppError::NotFound);
    }
    let computed = service::computed(&state, &loaded).await?;
    let filter = filter_of(&query, &loaded.settings);
    off_the_requests_threads(move || results_book(id, &computed, &filter, &query)).await
}

/// The results workbook of the respondents a filter keeps.
fn results_book(
    id: i64,
    computed: &Computed,
    filter: &Filter,
    query: &ResultsQuery,
) -> AppResult<Response> {
    let weighted = computed.respondents(true, filter);
    let answering = Answering::new(computed.questions().map(|q| q.id), &weighted);
    let variables = codebook::variables(&computed.sections);
    let mut results = Vec::new();
    for q in computed.questions() {
        if !(q.kind.is_closed() || q.kind == Kind::Scale) {
            continue;
        }
        let variable = &variables[&q.id];
        let answered = answering.of(q.id);
        let unweighted: Vec<Respondent> = answered.iter().map(|r| r.unweighted()).collect();
        let w = question_result(q, answered, &computed.places, 0);
        let r = question_result(q, &unweighted, &computed.places, 0);
        let shares = |f: Figures| match f {
            Figures::Shares { shares, .. } => shares,
            Figures::Numbers { values, .. } => values,
            _ => Vec::new(),
        };
        results.extend(share_rows(
            variable,
            &q.label,
            &shares(w.figures),
            &shares(r.figures),
            w.effective,
        ));
    }
    let mut report = Vec::new();
    if let Weighting::Raked {
        report: raked,
        variables,
        ..
    } = &computed.weighting
    {
        for (variable, lines) in variables.iter().zip(&raked.margins) {
            for (category, line) in variable.categories.iter().zip(lines) {
                report.push(vec![
                    Cell::Text(variable.question.clone()),
                    Cell::Text(category.clone()),
                    Cell::Number(line.target),
                    Cell::Number(line.unweighted),
                    Cell::Number(line.weighted),
                    Cell::Number(line.respondents as f64),
                ]);
            }
        }
        let summary = [
            ("iterations", raked.iterations as f64),
            ("converge", if raked.converged { 1.0 } else { 0.0 }),
            ("effet_de_plan", raked.design_effect),
            ("taille_effective", raked.effective_size),
            ("poids_min", raked.min),
            ("poids_max", raked.max),
        ];
        for (name, value) in summary {
            report.push(vec![
                Cell::Text(name.into()),
                Cell::Empty,
                Cell::Number(value),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]);
        }
    }
    let mut sheets = vec![
        Sheet {
            name: "Résultats",
            header: &RESULTS_HEADER,
            rows: results,
        },
        Sheet {
            name: "Pondération",
            header: &WEIGHTING_HEADER,
            rows: report,
        },
    ];
    if let Some((rows_q, columns_q)) = crossed_questions(computed, query) {
        let tab = cross_tab(rows_q, columns_q, &weighted, &computed.places);
        let cells = tab
            .rows
            .into_iter()
            .flat_map(|(label, count, _, shares)| {
                shares.into_iter().map(move |s| {
                    vec![
                        Cell::Text(label.clone()),
                        Cell::Text(s.label),
                        Cell::Number(count as f64),
                        Cell::Number(s.share),
                        Cell::Number(s.margin),
                    ]
                })
            })
            .collect();
        sheets.push(Sheet {
            name: "Croisement",
            header: &CROSS_HEADER,
            rows: cells,
        });
    }
    let book = exports::xlsx::workbook_of(sheets)
        .map_err(|e| AppError::Internal(format!("results workbook: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"questionnaire-{id}-resultats.xlsx\""),
            ),
        ],
        book,
    )
        .into_response())
}
