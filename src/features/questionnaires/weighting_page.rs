//! The team's weighting page: for each profile question, the population margin the answers
//! are raked to (typed in percent, summing to 100, or filled from the populations stored: the
//! census's age bands, sexes and occupation categories over the process's territory, the
//! communes' legal populations, by commune or by EPCI, the IRIS' census populations), optional
//! bounds for the weights, and the report of the last raking (iterations, convergence, target
//! / unweighted / weighted margins, weights' least, most and ratio, Kish's design effect and
//! effective size).

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::observatory::figures::Profile as CensusProfile;
use crate::features::processes::store::Process;
use crate::features::questionnaires::places::{Level, Places};
use crate::features::questionnaires::results_page::percent;
use crate::features::questionnaires::rules::{Kind, Profile, Question, parse_number};
use crate::features::questionnaires::service::{self, Census, Loaded, Weighting};
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

/// A profile question's margin form (a residence question has one per level: commune, EPCI).
pub struct MarginForm {
    /// The question's id.
    pub question: i64,
    /// The level of its places, for a residence question.
    pub level: Option<&'static str>,
    /// Whether its question has another form at another level, which saving this one clears.
    pub replaces: bool,
    /// Its wording.
    pub label: String,
    /// Its categories.
    pub fields: Vec<MarginField>,
    /// The ways it can be filled from stored populations: `(value of remplir, what it says)`.
    pub fills: Vec<(&'static str, String)>,
    /// What is wrong with it.
    pub error: Option<String>,
}

/// A margin's category: its code, its label and its population as stored, if known.
type Category = (String, String, Option<f64>);

/// The census's count of a profile category in the process's territory.
fn census_count(profile: Profile, code: &str, census: &CensusProfile) -> Option<f64> {
    let index = profile.categories().iter().position(|(c, _)| *c == code)?;
    let figure = match profile {
        Profile::Age => census.ages.as_ref()?.1.get(index),
        // The census counts men then women; the questionnaire's order is women then men.
        Profile::Sex => census.sexes.as_ref()?.1.get(1 - index.min(1)),
        Profile::Occupation => census.occupations.as_ref()?.1.get(index),
        Profile::Commune | Profile::Iris => None,
    }?;
    Some(figure.value)
}

/// The categories a profile question's margin is typed for, at a level for a residence
/// question: its choices with the census's counts, or the places with their populations.
fn margin_categories(
    question: &Question,
    level: Option<Level>,
    places: &Places,
    census: &Census,
) -> Vec<Category> {
    match level {
        Some(Level::Iris) => places
            .at(Level::Iris)
            .iter()
            .map(|p| {
                // An IRIS named without its commune (« Centre ») is said with it.
                let commune = places.name(Kind::Commune, p.within.as_deref().unwrap_or(""));
                let label = if p.name.contains(&commune) {
                    p.name.clone()
                } else {
                    format!("{commune} : {}", p.name)
                };
                (p.code.clone(), label, census.iris.get(&p.code).copied())
            })
            .collect(),
        Some(level) => places
            .at(level)
            .iter()
            .map(|p| (p.code.clone(), p.name.clone(), p.population))
            .collect(),
        None => question
            .choices
            .iter()
            .map(|c| {
                let count = question
                    .profile
                    .and_then(|p| census_count(p, &c.code, &census.profile));
                (c.code.clone(), c.label.clone(), count)
            })
            .collect(),
    }
}

/// The ways a margin can be filled from stored populations.
fn fills(
    question: &Question,
    level: Option<Level>,
    categories: &[Category],
    census: &Census,
    tr: Tr,
) -> Vec<(&'static str, String)> {
    if categories.iter().all(|c| c.2.is_none()) {
        return Vec::new();
    }
    let profile = &census.profile;
    match (level, question.profile) {
        (Some(Level::Commune | Level::Epci), _) => {
            vec![(FILL_ALL, tr.t("questionnaire-margin-from-population"))]
        }
        (Some(Level::Iris), _) => vec![(FILL_ALL, tr.t("questionnaire-margin-from-census-iris"))],
        (None, Some(asked)) => {
            let year = match asked {
                Profile::Age => profile.ages.as_ref().map(|a| a.0),
                Profile::Sex => profile.sexes.as_ref().map(|s| s.0),
                _ => profile.occupations.as_ref().map(|o| o.0),
            };
            let year = year.map(|y| y.to_string()).unwrap_or_default();
            // Occupations are counted among people aged 15 or over only; ages, either way.
            let all = match asked {
                Profile::Occupation => "questionnaire-margin-from-census",
                _ => "questionnaire-margin-from-census-all",
            };
            let mut fills = vec![(FILL_ALL, tr.t1(all, "year", &year))];
            if asked == Profile::Age {
                let adults = tr.t1("questionnaire-margin-from-census-adults", "year", &year);
                fills.push((FILL_ADULTS, adults));
            }
            fills
        }
        (None, None) => Vec::new(),
    }
}

/// `remplir`: every category from its stored population.
const FILL_ALL: &str = "population";
/// `remplir`: ages from the census, people aged 15 or over only.
const FILL_ADULTS: &str = "population-15";
/// The age category a margin of people aged 15 or over leaves out.
const UNDER_15: &str = "0-14";

/// The shares a fill gives: each category's population over their total, in percent.
fn filled(categories: &[Category], fill: &str) -> Option<Vec<(String, f64)>> {
    let kept: Vec<&Category> = categories
        .iter()
        .filter(|c| fill != FILL_ADULTS || c.0 != UNDER_15)
        .collect();
    let total: f64 = kept.iter().filter_map(|c| c.2).sum();
    (total > 0.0).then(|| {
        kept.iter()
            .map(|(code, _, population)| (code.clone(), population.unwrap_or(0.0) * 100.0 / total))
            .collect()
    })
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
    typed: Option<(i64, Option<Level>, &Pairs, String)>,
    errors: FormErrors,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let computed = service::computed(state, &loaded).await?;
    let census = service::census(state, &loaded.settings).await?;
    let stored: HashMap<(i64, String), f64> = store::margins(&state.db, loaded.questionnaire.id)
        .await?
        .into_iter()
        .map(|(q, c, s)| ((q, c), s))
        .collect();
    let margins = computed
        .questions()
        .filter(|q| q.profile.is_some())
        .flat_map(|q| {
            let levels = Level::of_kind(q.kind);
            let levels: Vec<Option<Level>> = if levels.is_empty() {
                vec![None]
            } else {
                levels.iter().copied().map(Some).collect()
            };
            levels.into_iter().map(move |level| (q, level))
        })
        .map(|(q, level)| {
            let typed_here = typed
                .as_ref()
                .filter(|(id, at, _, _)| *id == q.id && *at == level);
            let categories = margin_categories(q, level, &computed.places, &census);
            let replaces = Level::of_kind(q.kind).len() > 1;
            MarginForm {
                question: q.id,
                level: level.map(Level::as_str),
                replaces,
                label: match level {
                    Some(level) if replaces => format!(
                        "{} · {}",
                        q.label,
                        tr.t(&format!("questionnaire-margin-by-{}", level.as_str()))
                    ),
                    _ => q.label.clone(),
                },
                fills: fills(q, level, &categories, &census, tr),
                fields: categories
                    .into_iter()
                    .map(|(code, label, _)| {
                        let field = share_field(q.id, &code);
                        let value = match typed_here {
                            Some((_, _, form, _)) => form.get(&field),
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
                error: typed_here.map(|(_, _, _, e)| e.clone()),
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
    let levels = Level::of_kind(question.kind);
    // A residence question's margin is by its first level unless another is named.
    let typed_level = form.get("niveau");
    let level = match typed_level.parse::<Level>().ok() {
        Some(level) if levels.contains(&level) => Some(level),
        None if typed_level.is_empty() => levels.first().copied(),
        _ => return Err(AppError::BadRequest),
    };
    let places = service::places(&state, &loaded, &sections).await?;
    // Populations are read only to fill a margin; typed shares need the categories alone.
    let fill = form.get("remplir");
    let census = match fill.as_str() {
        "" => Census::default(),
        FILL_ALL | FILL_ADULTS => service::census(&state, &loaded.settings).await?,
        _ => return Err(AppError::BadRequest),
    };
    let categories = margin_categories(&question, level, &places, &census);
    let shares: Result<Vec<(String, f64)>, String> = if !fill.is_empty() {
        filled(&categories, &fill).ok_or_else(|| tr.t("questionnaire-margin-no-population"))
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
                Some((question.id, level, &form, problem)),
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
