//! Who answered against who lives there, for the team that plans where to go next: answers
//! per 1,000 inhabitants by commune and EPCI (a table and a choropleth), each profile
//! category's share of respondents against its share of the population (the team's
//! margins), and the publics least heard named (« les 15 à 29 ans de Montbéliard »): the
//! cells of commune × age bracket whose respondents fall furthest short of what the margins
//! lead one to expect (the commune's population share times the bracket's share, as if ages
//! were spread alike everywhere: the census by commune and age is not stored).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::store::Process;
use crate::features::questionnaires::places::Level;
use crate::features::questionnaires::results_page::percent;
use crate::features::questionnaires::rules::{Kind, Profile, Question};
use crate::features::questionnaires::service::{self, Computed};
use crate::features::questionnaires::store::{self, Questionnaire};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::error::AppResult;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Cells expected to hold fewer respondents than this are not named: too small to say.
const SMALLEST_EXPECTED: f64 = 5.0;
/// Publics least heard named at most.
const NAMED: usize = 5;

/// A zone's reach.
pub struct Reach {
    /// Its name.
    pub name: String,
    /// Its population.
    pub population: i64,
    /// Respondents living there.
    pub respondents: usize,
    /// Respondents per 1,000 inhabitants.
    pub per_thousand: f64,
    /// The same, written.
    pub written: String,
}

/// A profile category's representation.
pub struct Represented {
    /// The question and category.
    pub label: String,
    /// Its share of respondents, written.
    pub respondents: String,
    /// Its share of the population, written.
    pub population: String,
    /// Respondents' share over population's, in percent (100: as many as expected).
    pub index: f64,
    /// The same, written.
    pub written: String,
}

/// The answers' reach by zone and profile.
pub struct Representation {
    /// Communes, least reached first.
    pub communes: Vec<Reach>,
    /// EPCI, least reached first.
    pub epcis: Vec<Reach>,
    /// Profile categories, least represented first.
    pub profiles: Vec<Represented>,
    /// The publics least heard, said.
    pub least_heard: Vec<String>,
    /// Respondents per 1,000 inhabitants by commune id, for the map.
    pub per_commune: HashMap<i64, f64>,
}

/// Answers per 1,000 inhabitants.
fn per_thousand(respondents: usize, population: i64) -> f64 {
    if population > 0 {
        respondents as f64 * 1000.0 / population as f64
    } else {
        0.0
    }
}

/// A zone's reach, its rate written with one decimal.
fn reach(name: String, population: i64, respondents: usize, lang: Lang) -> Reach {
    let rate = per_thousand(respondents, population);
    let written = format!("{rate:.1}");
    Reach {
        name,
        population,
        respondents,
        per_thousand: rate,
        written: if lang == Lang::Fr {
            written.replace('.', ",")
        } else {
            written
        },
    }
}

/// Each respondent's category in a closed question (its choice's code, or the commune's code).
fn categories(question: &Question, computed: &Computed) -> Vec<Option<String>> {
    computed
        .submitted
        .iter()
        .map(|s| service::category_of(question, s))
        .collect()
}

/// Computes the reach of a questionnaire's answers from its process's communes and the team's
/// margins `(question, category, share in percent)`.
pub fn representation(
    computed: &Computed,
    settings: &ProcessSettings,
    margins: &[(i64, String, f64)],
    tr: Tr,
) -> Representation {
    // Each respondent's commune: answered, or that of the IRIS answered.
    let commune_question = computed.questions().find(|q| q.kind == Kind::Commune);
    let iris_question = computed.questions().find(|q| q.kind == Kind::Iris);
    let lives: Vec<Option<String>> = match (commune_question, iris_question) {
        (Some(q), _) => categories(q, computed),
        (None, Some(q)) => categories(q, computed)
            .into_iter()
            .map(|iris| {
                let place = computed.places.find(Level::Iris, iris.as_deref()?)?;
                place.within.clone()
            })
            .collect(),
        (None, None) => Vec::new(),
    };
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for code in lives.iter().flatten() {
        *by_code.entry(code.as_str()).or_default() += 1;
    }
    let per_commune = settings
        .communes
        .iter()
        .map(|c| {
            let respondents = by_code.get(c.code.as_str()).copied().unwrap_or(0);
            (
                c.id,
                (per_thousand(respondents, c.population.unwrap_or(0)) * 10.0).round() / 10.0,
            )
        })
        .collect();
    let mut communes: Vec<Reach> = settings
        .communes
        .iter()
        .map(|c| {
            let respondents = by_code.get(c.code.as_str()).copied().unwrap_or(0);
            let population = c.population.unwrap_or(0);
            reach(c.name.clone(), population, respondents, tr.lang)
        })
        .collect();
    let mut epcis: Vec<Reach> = settings
        .epcis
        .iter()
        .map(|e| {
            let members = settings
                .communes
                .iter()
                .filter(|c| c.parent_id == Some(e.id));
            let (population, respondents) = members.fold((0, 0), |(p, r), c| {
                (
                    p + c.population.unwrap_or(0),
                    r + by_code.get(c.code.as_str()).copied().unwrap_or(0),
                )
            });
            reach(e.name.clone(), population, respondents, tr.lang)
        })
        .collect();
    let order = |a: &Reach, b: &Reach| {
        a.per_thousand
            .total_cmp(&b.per_thousand)
            .then(b.population.cmp(&a.population))
    };
    communes.sort_by(order);
    epcis.sort_by(order);

    // Profile categories against the margins.
    let total = computed.submitted.len().max(1) as f64;
    let mut profiles = Vec::new();
    let mut age_shares: Vec<(String, String, f64)> = Vec::new();
    for q in computed
        .questions()
        .filter(|q| q.profile.is_some() && !q.kind.is_place())
    {
        let chosen = categories(q, computed);
        for (_, code, share) in margins.iter().filter(|m| m.0 == q.id) {
            let Some(choice) = q.choices.iter().find(|c| &c.code == code) else {
                continue;
            };
            let count = chosen
                .iter()
                .filter(|c| c.as_deref() == Some(code.as_str()))
                .count();
            let observed = count as f64 / total;
            let index = if *share > 0.0 {
                observed / (share / 100.0) * 100.0
            } else {
                0.0
            };
            profiles.push(Represented {
                label: format!("{} : {}", q.label, choice.label),
                respondents: percent(observed, tr.lang),
                population: percent(share / 100.0, tr.lang),
                index,
                written: format!("{index:.0}"),
            });
            if q.profile == Some(Profile::Age) {
                age_shares.push((code.clone(), choice.label.clone(), share / 100.0));
            }
        }
    }
    profiles.sort_by(|a, b| a.index.total_cmp(&b.index));

    // Commune × age cells furthest below what the margins lead one to expect.
    let mut least_heard = Vec::new();
    if let Some(age) = computed
        .questions()
        .find(|q| q.profile == Some(Profile::Age))
        && !age_shares.is_empty()
        && !lives.is_empty()
    {
        let ages = categories(age, computed);
        let population: i64 = settings.communes.iter().filter_map(|c| c.population).sum();
        let mut cells: HashMap<(&str, &str), usize> = HashMap::new();
        for (commune, bracket) in lives.iter().zip(&ages) {
            if let (Some(commune), Some(bracket)) = (commune, bracket) {
                *cells
                    .entry((commune.as_str(), bracket.as_str()))
                    .or_default() += 1;
            }
        }
        let mut ranked: Vec<(f64, String)> = Vec::new();
        for c in &settings.communes {
            let commune_share = c.population.unwrap_or(0) as f64 / population.max(1) as f64;
            for (code, label, share) in &age_shares {
                let expected = total * commune_share * share;
                if expected < SMALLEST_EXPECTED {
                    continue;
                }
                let observed = cells
                    .get(&(c.code.as_str(), code.as_str()))
                    .copied()
                    .unwrap_or(0) as f64;
                let article = if tr.lang == Lang::En { "" } else { "les " };
                let said = tr.t_args(
                    "questionnaire-least-heard",
                    &[
                        ("public", &format!("{article}{}", label.to_lowercase())),
                        ("place", &c.name),
                        ("observed", &format!("{observed:.0}")),
                        ("expected", &format!("{expected:.0}")),
                    ],
                );
                ranked.push((observed / expected, said));
            }
        }
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
        least_heard = ranked
            .into_iter()
            .take(NAMED)
            .map(|(_, said)| said)
            .collect();
    }
    Representation {
        communes,
        epcis,
        profiles,
        least_heard,
        per_commune,
    }
}

#[derive(Template)]
#[template(path = "questionnaires/templates/representation.html")]
struct RepresentationPage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    reach: Representation,
    map: std::sync::Arc<RenderedMap>,
    has_communes: bool,
}

/// `GET /gestion/questionnaires/{id}/representativite`: who answered against who lives there,
/// with the zones and publics least heard. The team.
pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let computed = service::computed(&state, &loaded).await?;
    let margins = store::margins(&state.db, id).await?;
    let reach = representation(&computed, &loaded.settings, &margins, tr);
    let values = reach.per_commune.clone();
    let mut texts = MapTexts::population(
        tr,
        tr.t1(
            "questionnaire-reach-map",
            "title",
            &loaded.questionnaire.title,
        ),
        "questionnaire-reach-map-description",
    );
    texts.legend_title = tr.t("questionnaire-per-thousand");
    texts.unit = tr.t("questionnaire-per-thousand-unit");
    let map = service::unlinked_map(
        &state,
        &loaded,
        Colouring::Values(values),
        texts,
        "representativite",
    )
    .await?;
    render(&RepresentationPage {
        page: PageCtx::new(&state, &visitor),
        has_communes: computed.questions().any(|q| q.kind.is_place()),
        process: loaded.process,
        questionnaire: loaded.questionnaire,
        reach,
        map,
    })
}
