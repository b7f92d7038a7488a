//! The team's weighting page: for each profile question, the population margin the answers
//! are raked to (typed in percent, summing to 100, or for the commune of residence filled from
//! the communes' populations as stored), optional bounds for the weights, and the report of
//! the last raking (iterations, convergence, target / unweighted / weighted margins, weights'
//! least, most and ratio, Kish's design effect and effective size).

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::processes::store::Process;
use crate::features::questionnaires::results_page::percent;
use crate::features::questionnaires::rules::parse_number;
use crate::features::questionnaires::service::{self, Loaded, Weighting, margin_categories};
use crate::features::questionnaires::store::{self, Questionnaire};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// How far typed shares may be from 100 % (in points).
const SHARES_SLACK: f64 = 0.05;

/// A margin's category as the form shows it.
pub struct MarginField {
    /// Its field's name.
    pub field: String,
    /// What it is.
    pub label: String,
    /// The share typed or stored, in percent.
    pub value: String,
}

/// A profile question's margin form.
pub struct MarginForm {
    /// The question's id.
    pub question: i64,
    /// Its wording.
    pub label: String,
    /// Its categories.
    pub fields: Vec<MarginField>,
    /// Whether its categories are communes (filled from populations).
    pub communes: bool,
    /// What is wrong with it.
    pub error: Option<String>,
}

/// A line of the report: a category's target, unweighted and weighted shares, respondents.
pub struct ReportLine {
    /// The category.
    pub label: String,
    /// Target.
    pub target: String,
    /// Unweighted share.
    pub unweighted: String,
    /// Weighted share.
    pub weighted: String,
    /// Respondents in it.
    pub respondents: usize,
}

/// The report of the last raking as the page shows it.
pub struct ReportView {
    /// Full cycles.
    pub iterations: usize,
    /// Whether it converged.
    pub converged: bool,
    /// Largest gap said.
    pub largest_gap: String,
    /// Least, most weight and their ratio, written.
    pub min: String,
    /// Most weight.
    pub max: String,
    /// Ratio.
    pub ratio: String,
    /// Design effect.
    pub design_effect: String,
    /// Effective sample size.
    pub effective_size: String,
    /// Respondents left at weight 1.
    pub left_out: usize,
    /// Whether trimming ran, and how much weight it moved.
    pub trimmed: Option<String>,
    /// Per variable: its question and lines.
    pub variables: Vec<(String, Vec<ReportLine>)>,
}

#[derive(Template)]
#[template(path = "questionnaires/templates/weighting.html")]
struct WeightingPage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    margins: Vec<MarginForm>,
    report: Option<ReportView>,
    refusal: Option<String>,
    trim_min: String,
    trim_max: String,
    errors: FormErrors,
}

fn written(value: f64, tr: Tr) -> String {
    let text = format!("{value:.3}");
    if tr.lang == crate::platform::i18n::Lang::Fr {
        text.replace('.', ",")
    } else {
        text
    }
}

fn report_view(weighting: &Weighting, tr: Tr) -> (Option<ReportView>, Option<String>) {
    match weighting {
        Weighting::None => (None, None),
        Weighting::Refused(refusal) => (None, Some(refusal.message(tr))),
        Weighting::Raked {
            report,
            variables,
            left_out,
        } => (
            Some(ReportView {
                iterations: report.iterations,
                converged: report.converged,
                largest_gap: format!("{:.1e}", report.largest_gap),
                min: written(report.min, tr),
                max: written(report.max, tr),
                ratio: written(report.ratio(), tr),
                design_effect: written(report.design_effect, tr),
                effective_size: format!("{:.0}", report.effective_size),
                left_out: *left_out,
                trimmed: report.trimmed.map(|t| written(t, tr)),
                variables: variables
                    .iter()
                    .zip(&report.margins)
                    .map(|(variable, lines)| {
                        (
                            variable.question.clone(),
                            variable
                                .categories
                                .iter()
                                .zip(lines)
                                .map(|(label, line)| ReportLine {
                                    label: label.clone(),
                                    target: percent(line.target, tr.lang),
                                    unweighted: percent(line.unweighted, tr.lang),
                                    weighted: percent(line.weighted, tr.lang),
                                    respondents: line.respondents,
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            }),
            None,
        ),
    }
}

/// A share typed back into its field: three decimals at most, as the visitor writes them.
fn share_text(share: f64, tr: Tr) -> String {
    let text = format!("{share:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if tr.lang == crate::platform::i18n::Lang::Fr {
        text.replace('.', ",")
    } else {
        text.to_owned()
    }
}

/// The field of a category's share.
fn share_field(question: i64, code: &str) -> String {
    format!("part_{question}_{code}")
}

async fn weighting_page(
    state: &AppState,
    visitor: &Visitor,
    loaded: Loaded,
    typed: Option<(i64, &Pairs, String)>,
    errors: FormErrors,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let computed = service::computed(state, &loaded).await?;
    let stored: HashMap<(i64, String), f64> = store::margins(&state.db, loaded.questionnaire.id)
        .await?
        .into_iter()
        .map(|(q, c, s)| ((q, c), s))
        .collect();
    let margins = computed
        .questions()
        .filter(|q| q.profile.is_some())
        .map(|q| {
            let typed_here = typed.as_ref().filter(|(id, _, _)| *id == q.id);
            MarginForm {
                question: q.id,
                label: q.label.clone(),
                communes: q.kind == crate::features::questionnaires::rules::Kind::Commune,
                fields: margin_categories(q, &loaded.settings)
                    .into_iter()
                    .map(|(code, label, _)| {
                        let field = share_field(q.id, &code);
                        let value = match typed_here {
                            Some((_, form, _)) => form.get(&field),
                            None => stored
                                .get(&(q.id, code.clone()))
                                .map(|s| share_text(*s, tr))
                                .unwrap_or_default(),
                        };
                        MarginField {
                            field,
                            label,
                            value,
                        }
                    })
                    .collect(),
                error: typed_here.map(|(_, _, e)| e.clone()),
            }
        })
        .collect();
    let (report, refusal) = report_view(&computed.weighting, tr);
    let q = &loaded.questionnaire;
    let page = WeightingPage {
        page: PageCtx::new(state, visitor),
        margins,
        report,
        refusal,
        trim_min: q.trim_min.map(|t| format!("{t}")).unwrap_or_default(),
        trim_max: q.trim_max.map(|t| format!("{t}")).unwrap_or_default(),
        process: loaded.process,
        questionnaire: loaded.questionnaire,
        errors,
    };
    render_form(&page, typed.is_none() && page.errors.is_empty())
}

/// `GET /gestion/questionnaires/{id}/ponderation`: margins, bounds and report. The team.
pub async fn weighting(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    weighting_page(&state, &visitor, loaded, None, FormErrors::default()).await
}

/// `POST /gestion/questionnaires/{id}/ponderation`: one profile question's margin
/// (`question`, then `part_{question}_{code}` in percent for each category; all empty removes
/// it; `remplir=population` fills a commune margin from the communes' populations). Shares
/// must sum to 100. The team.
pub async fn save_margin(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let form = Pairs(fields);
    let sections = store::structure(&state.db, id).await?;
    let question = form
        .get("question")
        .parse::<i64>()
        .ok()
        .and_then(|q| {
            sections
                .iter()
                .flat_map(|s| s.questions.iter())
                .find(|x| x.id == q && x.profile.is_some())
        })
        .cloned()
        .ok_or(AppError::BadRequest)?;
    let categories = margin_categories(&question, &loaded.settings);
    let shares: Result<Vec<(String, f64)>, String> = if form.get("remplir") == "population" {
        let total: i64 = categories.iter().filter_map(|c| c.2).sum();
        if total <= 0 {
            Err(tr.t("questionnaire-margin-no-population"))
        } else {
            Ok(categories
                .iter()
                .map(|(code, _, population)| {
                    (
                        code.clone(),
                        population.unwrap_or(0) as f64 * 100.0 / total as f64,
                    )
                })
                .collect())
        }
    } else {
        let mut read = Vec::new();
        let mut problem = None;
        for (code, label, _) in &categories {
            let typed = form.get(&share_field(question.id, code));
            if typed.is_empty() {
                continue;
            }
            match parse_number(typed.trim_end_matches('%')).filter(|s| *s >= 0.0 && *s <= 100.0) {
                Some(share) => read.push((code.clone(), share)),
                None => {
                    problem = Some(tr.t1("questionnaire-margin-not-a-share", "category", label))
                }
            }
        }
        let sum: f64 = read.iter().map(|(_, s)| s).sum();
        match problem {
            Some(problem) => Err(problem),
            None if read.is_empty() => Ok(read),
            None if (sum - 100.0).abs() > SHARES_SLACK => Err(tr.t1(
                "questionnaire-margin-sum",
                "sum",
                format!("{sum:.1}").replace('.', ","),
            )),
            None => Ok(read),
        }
    };
    match shares {
        Ok(shares) => {
            store::set_margin(&state.db, id, question.id, &shares).await?;
            Ok(redirect_with_flash(
                &state,
                &format!("/gestion/questionnaires/{id}/ponderation"),
                "flash-questionnaire-margin-saved",
            ))
        }
        Err(problem) => {
            weighting_page(
                &state,
                &visitor,
                loaded,
                Some((question.id, &form, problem)),
                FormErrors::default(),
            )
            .await
        }
    }
}

/// `POST /gestion/questionnaires/{id}/ponderation/bornes`: bounds for the weights relative to
/// their mean (`min` ≤ 1 ≤ `max`; both empty: no trimming). The team.
pub async fn save_trim(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let form = Pairs(fields);
    let (least, most) = (form.get("min"), form.get("max"));
    let trim = if least.is_empty() && most.is_empty() {
        None
    } else {
        match (parse_number(&least), parse_number(&most)) {
            (Some(least), Some(most)) if (0.0..=1.0).contains(&least) && most >= 1.0 => {
                Some((least, most))
            }
            _ => {
                let mut errors = FormErrors::default();
                errors.add_message("min", tr.t("questionnaire-trim-invalid"));
                return weighting_page(&state, &visitor, loaded, None, errors).await;
            }
        }
    };
    store::set_trim(&state.db, id, trim).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/questionnaires/{id}/ponderation"),
        "flash-questionnaire-trim-saved",
    ))
}
