//! The results page: per question, counts and weighted percentages with their margins of error
//! (cells whose effective size is under 30 flagged), a chart drawn by the server with the same
//! values in a table beside it, means of scales and numbers, free texts in clusters, filters by
//! territory and by profile, and the cross-tabulation of two closed questions. Public when
//! the team says so; the team always.

use std::collections::HashSet;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::store::Process;
use crate::features::questionnaires::results::{
    Answering, CrossTab, Figures, QuestionResult, Respondent, Share, TextCluster, cross_tab,
    question_result,
};
use crate::features::questionnaires::rules::{Kind, Question};
use crate::features::questionnaires::service::{self, Computed, Filter, ResultPage, Weighting};
use crate::features::questionnaires::store::Questionnaire;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::{Lang, Tr};
use crate::platform::under_way::Ending;
use crate::platform::web::chart::{Bar, bar_chart};
use crate::platform::web::forms::Choice;
use crate::platform::web::page::{PageCtx, render_around};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;
use axum::body::Bytes;

/// The results' filters and cross-tabulation, from the address.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ResultsQuery {
    /// `0` shows raw figures; anything else weighted ones when weights exist.
    #[serde(default)]
    pub ponderation: Option<String>,
    /// A commune or EPCI of the process, by id.
    #[serde(default)]
    pub lieu: Option<String>,
    /// A choice of a profile question, by id.
    #[serde(default)]
    pub profil: Option<String>,
    /// The cross-tabulation's row question, by id.
    #[serde(default)]
    pub croiser: Option<String>,
    /// The cross-tabulation's column question, by id.
    #[serde(default)]
    pub par: Option<String>,
}

/// A table row: a category, its count, its share (raw too when weighted) and margin written.
pub struct Row {
    /// What it is.
    pub label: String,
    /// Respondents.
    pub count: usize,
    /// Unweighted share, written (when the figures are weighted).
    pub raw: String,
    /// Share, written.
    pub share: String,
    /// ± margin of error, written.
    pub margin: String,
}

/// A question's results as the page draws them.
pub struct Shown {
    /// Its id.
    pub id: i64,
    /// The question.
    pub label: String,
    /// Respondents who answered, said.
    pub answered: String,
    /// Whether its effective size is under 30.
    pub fragile: bool,
    /// The chart (SVG), when it has one.
    pub chart: String,
    /// The table's rows.
    pub rows: Vec<Row>,
    /// Lines said under it (mean, median…).
    pub notes: Vec<String>,
    /// « Précisez » texts or listed free texts.
    pub texts: Vec<String>,
    /// Free text clusters.
    pub clusters: Vec<TextCluster>,
}

/// A percentage written in the visitor's language (`42,5 %`).
pub fn percent(share: f64, lang: Lang) -> String {
    lang.percent(share)
}

/// Categories shown in a chart at most: past that (communes), the most chosen, and the table
/// lists only those chosen.
const CHART_BARS: usize = 12;

/// The rows of a table, with the raw shares beside weighted ones (`raw`, same order).
fn rows_of(shares: &[Share], raw: Option<&[Share]>, lang: Lang) -> Vec<Row> {
    shares
        .iter()
        .enumerate()
        .map(|(i, s)| Row {
            label: s.label.clone(),
            count: s.count,
            raw: raw
                .and_then(|r| r.get(i))
                .map_or_else(String::new, |r| percent(r.share, lang)),
            share: percent(s.share, lang),
            margin: if s.margin.is_finite() {
                format!("±\u{a0}{}", percent(s.margin, lang))
            } else {
                "–".into()
            },
        })
        .collect()
}

fn chart_of(id: i64, title: &str, description: &str, shares: &[Share], lang: Lang) -> String {
    let values: Vec<String> = shares.iter().map(|s| percent(s.share, lang)).collect();
    let bars: Vec<Bar> = shares
        .iter()
        .zip(&values)
        .map(|(s, value)| Bar {
            label: &s.label,
            value,
            tenths: (s.share * 1000.0).round() as i64,
        })
        .collect();
    bar_chart(&format!("q{id}"), title, description, &bars)
}

fn decimal(value: f64, lang: Lang) -> String {
    lang.decimal(value, 2)
}

/// A long list of categories (communes) cut to those chosen, most chosen first (the raw
/// shares follow the same order).
fn chosen_first(shares: Vec<Share>, raw: Option<Vec<Share>>) -> (Vec<Share>, Option<Vec<Share>>) {
    if shares.len() <= CHART_BARS {
        return (shares, raw);
    }
    let mut order: Vec<usize> = (0..shares.len()).filter(|&i| shares[i].count > 0).collect();
    order.sort_by(|&a, &b| shares[b].count.cmp(&shares[a].count).then(a.cmp(&b)));
    let raw = raw.map(|r| order.iter().map(|&i| r[i].clone()).collect());
    (order.iter().map(|&i| shares[i].clone()).collect(), raw)
}

/// The shares a raw result holds, to set beside weighted ones.
fn raw_shares(raw: Option<QuestionResult>) -> Option<Vec<Share>> {
    match raw?.figures {
        Figures::Shares { shares, .. } => Some(shares),
        Figures::Numbers { values, .. } => Some(values),
        _ => None,
    }
}

/// Draws one question's result (`raw`: the same without weights, when weighted).
fn shown(
    id: i64,
    label: &str,
    result: QuestionResult,
    raw: Option<QuestionResult>,
    tr: Tr,
) -> Shown {
    let raw = raw_shares(raw);
    let lang = tr.lang;
    let description = tr.t("questionnaire-chart-description");
    let mut drawn = Shown {
        id,
        label: label.to_owned(),
        answered: tr.t_count("questionnaire-answered", result.answered),
        fragile: result.answered > 0 && result.effective < raking::SMALL_EFFECTIVE_SIZE,
        chart: String::new(),
        rows: Vec::new(),
        notes: Vec::new(),
        texts: Vec::new(),
        clusters: Vec::new(),
    };
    match result.figures {
        Figures::Shares { shares, others } => {
            let (shares, raw) = chosen_first(shares, raw);
            let charted = &shares[..shares.len().min(CHART_BARS)];
            drawn.chart = chart_of(id, label, &description, charted, lang);
            drawn.rows = rows_of(&shares, raw.as_deref(), lang);
            drawn.texts = others;
        }
        Figures::Numbers {
            mean,
            median,
            min,
            max,
            values,
        } => {
            if !values.is_empty() {
                drawn.chart = chart_of(id, label, &description, &values, lang);
                drawn.rows = rows_of(&values, raw.as_deref(), lang);
            }
            drawn.notes.push(tr.t_args(
                "questionnaire-numbers",
                &[
                    ("mean", &decimal(mean, lang)),
                    ("median", &decimal(median, lang)),
                    ("min", &decimal(min, lang)),
                    ("max", &decimal(max, lang)),
                ],
            ));
        }
        Figures::Matrix { rows } => {
            for (row, mean, values) in rows {
                let spread: Vec<String> = values
                    .iter()
                    .map(|v| format!("{} : {}", v.label, percent(v.share, lang)))
                    .collect();
                drawn.rows.push(Row {
                    label: row,
                    count: values.iter().map(|v| v.count).sum(),
                    raw: String::new(),
                    share: decimal(mean, lang),
                    margin: spread.join(" · "),
                });
            }
            drawn.notes.push(tr.t("questionnaire-matrix-note"));
        }
        Figures::Ranking { items } => {
            let firsts: Vec<Share> = items.iter().map(|(_, _, first)| first.clone()).collect();
            drawn.chart = chart_of(
                id,
                label,
                &tr.t("questionnaire-ranking-description"),
                &firsts,
                lang,
            );
            drawn.rows = items
                .iter()
                .map(|(choice, mean, first)| Row {
                    label: choice.clone(),
                    count: first.count,
                    raw: String::new(),
                    share: decimal(*mean, lang),
                    margin: percent(first.share, lang),
                })
                .collect();
            drawn.notes.push(tr.t("questionnaire-ranking-note"));
        }
        Figures::Texts { clusters, listed } => {
            drawn.clusters = clusters;
            drawn.texts = listed;
        }
        Figures::Dates { first, last } => {
            if !first.is_empty() {
                drawn
                    .notes
                    .push(tr.t_args("questionnaire-dates", &[("first", &first), ("last", &last)]));
            }
        }
    }
    drawn
}

/// A cross-tabulation row as the page writes it.
pub struct CrossRow {
    /// The row question's category.
    pub label: String,
    /// Its respondents.
    pub count: usize,
    /// Whether its effective size is under 30.
    pub fragile: bool,
    /// Its shares of each column, written.
    pub cells: Vec<String>,
}

/// A cross-tabulation as the page writes it.
pub struct CrossView {
    /// The row question.
    pub rows_label: String,
    /// The column question.
    pub columns_label: String,
    /// The column question's categories.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<CrossRow>,
}

fn cross_view(rows_label: &str, columns_label: &str, tab: CrossTab, lang: Lang) -> CrossView {
    CrossView {
        rows_label: rows_label.to_owned(),
        columns_label: columns_label.to_owned(),
        columns: tab.columns,
        rows: tab
            .rows
            .into_iter()
            .map(|(label, count, effective, shares)| CrossRow {
                label,
                count,
                fragile: count > 0 && effective < raking::SMALL_EFFECTIVE_SIZE,
                cells: shares
                    .iter()
                    .map(|s| {
                        if count > 0 {
                            percent(s.share, lang)
                        } else {
                            "–".into()
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "questionnaires/templates/results.html")]
struct ResultsPage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    runs: bool,
    weighted: bool,
    weighting: String,
    /// Said while newer answers are being computed: how many responses these results count.
    catching_up: Option<String>,
}

/// The results' body: what depends only on the answers, the filters and the language, kept
/// in memory at the questionnaire's revision.
#[derive(Template)]
#[template(path = "questionnaires/templates/results_body.html")]
struct ResultsBody {
    tr: Tr,
    id: i64,
    respondents: usize,
    kept: usize,
    weighted: bool,
    can_weight: bool,
    places: Vec<Choice>,
    profiles: Vec<Choice>,
    closed: Vec<Choice>,
    closed_by: Vec<Choice>,
    questions: Vec<Shown>,
    crossed: Option<CrossView>,
    /// The address's query, for the workbook of the same results (`?…` or empty).
    xlsx_query: String,
}

/// The filter an address asks for.
pub fn filter_of(query: &ResultsQuery, settings: &ProcessSettings) -> Filter {
    let communes = query
        .lieu
        .as_deref()
        .and_then(|l| l.parse::<i64>().ok())
        .map(|place| {
            settings
                .territory_and_children(place)
                .into_iter()
                .filter_map(|id| settings.commune(id).map(|c| c.code.clone()))
                .collect::<HashSet<String>>()
        });
    Filter {
        communes,
        profile_choice: query.profil.as_deref().and_then(|p| p.parse().ok()),
    }
}

/// Choices of closed questions (for the cross-tabulation's selects).
fn closed_choices(computed: &Computed, chosen: &str) -> Vec<Choice> {
    computed
        .questions()
        .filter(|q| q.kind.is_closed())
        .map(|q| Choice::new(q.id.to_string(), q.label.clone(), chosen))
        .collect()
}

/// The filters and cross-tabulation an address asks for, in a fixed order (`?…` or empty):
/// the key of the results' body kept in memory, and the workbook's query.
fn query_text(query: &ResultsQuery) -> String {
    let kept: Vec<(&str, &str)> = [
        ("ponderation", &query.ponderation),
        ("lieu", &query.lieu),
        ("profil", &query.profil),
        ("croiser", &query.croiser),
        ("par", &query.par),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().filter(|v| !v.is_empty()).map(|v| (k, v)))
    .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", serde_urlencoded::to_string(kept).unwrap_or_default())
    }
}

/// The two closed questions a query asks to cross (`croiser` in rows, `par` in columns).
pub fn crossed_questions<'a>(
    computed: &'a Computed,
    query: &ResultsQuery,
) -> Option<(&'a Question, &'a Question)> {
    let pick = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| v.parse::<i64>().ok())
            .and_then(|v| computed.question(v))
            .filter(|q| q.kind.is_closed())
    };
    let (rows, columns) = (pick(&query.croiser)?, pick(&query.par)?);
    (rows.id != columns.id).then_some((rows, columns))
}

/// The results' body for a query, in a language.
fn body(
    id: i64,
    settings: &ProcessSettings,
    computed: &Computed,
    query: &ResultsQuery,
    weighted: bool,
    tr: Tr,
) -> AppResult<String> {
    let filter = filter_of(query, settings);
    let respondents = computed.respondents(weighted, &filter);
    let answering = Answering::new(computed.questions().map(|q| q.id), &respondents);
    let questions = computed
        .questions()
        .map(|q| {
            let answered = answering.of(q.id);
            let result = question_result(q, answered, &computed.places, q.id as u64);
            let raw = (weighted && (q.kind.is_closed() || q.kind == Kind::Scale)).then(|| {
                let unweighted: Vec<Respondent> = answered.iter().map(|r| r.unweighted()).collect();
                question_result(q, &unweighted, &computed.places, q.id as u64)
            });
            shown(q.id, &q.label, result, raw, tr)
        })
        .collect();
    let crossed = crossed_questions(computed, query).map(|(rows, columns)| {
        cross_view(
            &rows.label,
            &columns.label,
            cross_tab(rows, columns, &respondents, &computed.places),
            tr.lang,
        )
    });
    let place = query.lieu.clone().unwrap_or_default();
    let places = std::iter::once(Choice::new(
        "",
        tr.t("questionnaire-filter-everywhere"),
        &place,
    ))
    .chain(
        settings
            .epcis
            .iter()
            .chain(&settings.communes)
            .map(|t| Choice::new(t.id.to_string(), t.name.clone(), &place)),
    )
    .collect();
    let profile = query.profil.clone().unwrap_or_default();
    let profiles = std::iter::once(Choice::new(
        "",
        tr.t("questionnaire-filter-everyone"),
        &profile,
    ))
    .chain(
        computed
            .questions()
            .filter(|q| q.profile.is_some() && q.kind == Kind::Single)
            .flat_map(|q| {
                q.choices.iter().map(|c| {
                    Choice::new(
                        c.id.to_string(),
                        format!("{} : {}", q.label, c.label),
                        &profile,
                    )
                })
            }),
    )
    .collect();
    let body = ResultsBody {
        tr,
        id,
        respondents: computed.submitted.len(),
        kept: respondents.len(),
        weighted,
        can_weight: matches!(computed.weighting, Weighting::Raked { .. }),
        places,
        profiles,
        xlsx_query: query_text(&ResultsQuery {
            ponderation: None,
            ..query.clone()
        }),
        closed: closed_choices(computed, query.croiser.as_deref().unwrap_or("")),
        closed_by: closed_choices(computed, query.par.as_deref().unwrap_or("")),
        questions,
        crossed,
    };
    Ok(body.render()?)
}

/// How the answers are weighted, said in the visitor's language.
fn weighting_summary(weighting: &Weighting, tr: Tr) -> String {
    match weighting {
        Weighting::None => tr.t("questionnaire-unweighted"),
        Weighting::Refused(refusal) => refusal.message(tr),
        Weighting::Raked { report, .. } => tr.t_args(
            "questionnaire-weighted-summary",
            &[
                ("deff", &decimal(report.design_effect, tr.lang)),
                ("effective", &format!("{:.0}", report.effective_size)),
            ],
        ),
    }
}

/// Computes the answers at `loaded`'s revision if needed, then writes and keeps the results'
/// page for a query: one body at a time, off the async threads (the requests that wait for
/// it then find it kept).
async fn written_page(
    state: &AppState,
    loaded: &service::Loaded,
    query: ResultsQuery,
    tr: Tr,
) -> AppResult<Arc<ResultPage>> {
    let (id, revision) = (loaded.questionnaire.id, loaded.questionnaire.revision);
    let key = (id, tr.lang, query_text(&query));
    let computed = service::computed(state, loaded).await?;
    let _turn = state.questionnaires.writing.lock().await;
    if let Some(kept) = state.questionnaires.result_pages.get(&key, revision) {
        return Ok(kept);
    }
    let can_weight = matches!(computed.weighting, Weighting::Raked { .. });
    let weighted = can_weight && query.ponderation.as_deref() != Some("0");
    let (settings, answers) = (loaded.settings.clone(), computed.clone());
    let body =
        tokio::task::spawn_blocking(move || body(id, &settings, &answers, &query, weighted, tr))
            .await
            .map_err(|e| AppError::Internal(format!("results body: {e}")))??;
    let page = ResultPage {
        body: Bytes::from(body),
        counted: computed.submitted.len(),
        weighted,
        weighting: weighting_summary(&computed.weighting, tr),
    };
    Ok(state.questionnaires.result_pages.put(key, revision, page))
}

/// Writes the results' page for a query in the background, unless it is being written.
fn write_in_background(
    state: &AppState,
    loaded: &service::Loaded,
    query: &ResultsQuery,
    tr: Tr,
) -> Ending {
    let key = (loaded.questionnaire.id, tr.lang, query_text(query));
    let (state, loaded, query) = (state.clone(), loaded.clone(), query.clone());
    state
        .clone()
        .questionnaires
        .pages_under_way
        .start(key, async move {
            if let Err(error) = written_page(&state, &loaded, query, tr).await {
                let id = loaded.questionnaire.id;
                tracing::warn!(questionnaire = id, ?error, "results not written");
            }
        })
}

/// `GET /questionnaires/{id}/resultats`: the results, weighted when the team set margins
/// (`?ponderation=0` for raw figures), filtered (`lieu`, `profil`), with a cross-tabulation
/// (`croiser`, `par`). The page is written once per revision, language and query, in the
/// background: when the questionnaire's revision moved (a response came in), the page waits
/// at most `RESULTS_PATIENCE` for it, then shows the last one written and says how many
/// responses it counts. The first page of a query is waited for.
pub async fn results(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Query(query): Query<ResultsQuery>,
) -> AppResult<Response> {
    let loaded = service::load(&state, &visitor, id).await?;
    if !loaded.questionnaire.results_public && !loaded.runs {
        return Err(AppError::NotFound);
    }
    let tr = visitor.tr();
    let revision = loaded.questionnaire.revision;
    let key = (id, tr.lang, query_text(&query));
    let pages = &state.questionnaires.result_pages;
    let (page, current) = match pages.get(&key, revision) {
        Some(page) => (page, true),
        None => {
            let patience = pages.latest(&key).map(|_| service::RESULTS_PATIENCE);
            write_in_background(&state, &loaded, &query, tr)
                .wait(patience)
                .await;
            match (pages.get(&key, revision), pages.latest(&key)) {
                (Some(page), _) => (page, true),
                (None, Some((written_at, last))) => {
                    // What ended may have written an older revision: this one's turn is next.
                    write_in_background(&state, &loaded, &query, tr);
                    (last, written_at >= revision)
                }
                // Writing it in the background failed: this request writes it and says why.
                (None, None) => (written_page(&state, &loaded, query, tr).await?, true),
            }
        }
    };
    render_around(
        &ResultsPage {
            page: PageCtx::new(&state, &visitor),
            runs: loaded.runs,
            weighted: page.weighted,
            weighting: page.weighting.clone(),
            catching_up: (!current).then(|| {
                let counted = page.counted.to_string();
                tr.t_args(
                    "questionnaire-results-catching-up",
                    &[("counted", &counted)],
                )
            }),
            process: loaded.process,
            questionnaire: loaded.questionnaire,
        },
        page.body.clone(),
    )
}
