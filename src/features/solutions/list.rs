//! A process's solutions as a list (filters by theme, stage and place, search, keyset
//! pagination) and as the planisphère: the solutions on the map beside the needs' coverage,
//! per commune and per theme, read from the counters the triggers keep.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::needs::list::ChosenOption;
use crate::features::needs::rules::search_terms;
use crate::features::needs::setting::{Setting, setting_for};
use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::rules::Module;
use crate::features::processes::store::Process;
use crate::features::solutions::rules::Answer;
use crate::features::solutions::rules::Order;
use crate::features::solutions::store::{self, Filter, ListedSolution, Stage};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::error::AppResult;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::revision_cache::RevisionCache;
use crate::platform::web::forms::Choice;
use crate::platform::web::page::{KEPT_HERE, PageCtx, render, render_around};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Solutions per page.
const PAGE_SIZE: i64 = 20;
/// Most solutions drawn as points on the planisphère (the newest): beyond, a map no longer
/// reads, and the page would outgrow its weight; the choropleth and the tables count them all.
const MAX_POINTS: i64 = 300;
/// Where counting a search stops.
const CAP: i64 = 100;

/// The list's and the planisphère's query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    territoire: String,
    #[serde(default)]
    etape: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    tri: String,
    #[serde(default)]
    apres: String,
}

impl ListQuery {
    /// The filter it asks for, keeping only values that exist in this process.
    fn filter(&self, setting: &Setting, stages: &[Stage]) -> Filter {
        let theme = match self.theme.as_str() {
            "" => None,
            "aucun" => Some(None),
            id => id
                .parse::<i64>()
                .ok()
                .filter(|id| setting.theme(*id).is_some())
                .map(Some),
        };
        let territories = self
            .territoire
            .parse::<i64>()
            .ok()
            .filter(|id| {
                setting
                    .communes
                    .iter()
                    .chain(&setting.epcis)
                    .any(|t| t.id == *id)
            })
            .map(|id| setting.territory_and_children(id));
        let stage = self
            .etape
            .parse::<i64>()
            .ok()
            .filter(|id| stages.iter().any(|s| s.id == *id));
        Filter {
            theme,
            territories,
            stage,
            terms: search_terms(&self.q).0,
        }
    }

    /// The order it asks for; newest first when it names none (or one that does not exist).
    fn order(&self) -> Order {
        self.tri.parse().unwrap_or(Order::Recent)
    }

    fn cursor(&self) -> Option<(i64, i64)> {
        let (key, id) = self.apres.split_once('.')?;
        Some((key.parse().ok()?, id.parse().ok()?))
    }

    /// The address of `path` with this query's filters and another cursor.
    fn href(&self, path: &str, apres: Option<String>) -> String {
        let pairs = [
            ("theme", self.theme.as_str()),
            ("territoire", self.territoire.as_str()),
            ("etape", self.etape.as_str()),
            ("q", self.q.as_str()),
            ("tri", self.tri.as_str()),
            ("apres", apres.as_deref().unwrap_or("")),
        ];
        let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        match serde_urlencoded::to_string(&kept).unwrap_or_default() {
            query if query.is_empty() => path.to_owned(),
            query => format!("{path}?{query}"),
        }
    }
}

/// The filter form, shared by the list and the planisphère.
struct Filters {
    action: String,
    theme_defaults: Vec<Choice>,
    themes: ChosenOption,
    places: ChosenOption,
    stages: Vec<Choice>,
    /// The list's orders (none on the planisphère).
    orders: Vec<Choice>,
    q: String,
    /// `(href, label, current)` of the list and planisphère tabs.
    tabs: Vec<(String, String, bool)>,
}

impl Filters {
    fn new(
        setting: &Setting,
        stages: &[Stage],
        query: &ListQuery,
        tr: Tr,
        on_map: bool,
    ) -> Filters {
        let list = format!("/demarches/{}/solutions", setting.process.slug);
        let map = format!("{list}/planisphere");
        let mut stage_choices = vec![Choice::new("", tr.t("filter-all-stages"), &query.etape)];
        stage_choices.extend(Choice::list(
            stages.iter().map(|s| (s.id.to_string(), s.label.clone())),
            &query.etape,
        ));
        Filters {
            action: if on_map { map.clone() } else { list.clone() },
            theme_defaults: vec![
                Choice::new("", tr.t("filter-all-themes"), &query.theme),
                Choice::new("aucun", tr.t("need-theme-unknown"), &query.theme),
            ],
            themes: ChosenOption {
                options: setting.theme_filter_options(),
                chosen: query.theme.clone(),
            },
            places: ChosenOption {
                options: setting.place_options(tr),
                chosen: query.territoire.clone(),
            },
            stages: stage_choices,
            orders: if on_map {
                Vec::new()
            } else {
                Choice::words(
                    Order::ALL.iter().map(|o| o.as_str()),
                    "solutions-sort-",
                    tr,
                    query.order().as_str(),
                )
            },
            q: query.q.clone(),
            tabs: vec![
                (query.href(&list, None), tr.t("solutions-list"), !on_map),
                (
                    query.href(&map, None),
                    tr.t("solutions-planisphere"),
                    on_map,
                ),
            ],
        }
    }
}

/// How many solutions a filter selects, and by stage: from the counters, or counted up to
/// `CAP` for a search.
struct Tally {
    total: i64,
    capped: bool,
    /// `(stage label, count, filter value)`.
    by_stage: Vec<(String, i64, String)>,
}

async fn tally(
    state: &AppState,
    setting: &Setting,
    stages: &[Stage],
    filter: &Filter,
    tr: Tr,
) -> AppResult<Tally> {
    if !filter.counted_by_counters() {
        let total = store::count_up_to(&state.db, setting.process.id, filter, CAP).await?;
        return Ok(Tally {
            total,
            capped: total >= CAP,
            by_stage: Vec::new(),
        });
    }
    let counts = state.solutions.counts(&state.db, &setting.process).await?;
    let by_stage: HashMap<i64, i64> = counts
        .by_stage(filter.theme, filter.territories.as_deref(), filter.stage)
        .into_iter()
        .collect();
    let mut rows: Vec<(String, i64, String)> = stages
        .iter()
        .filter_map(|s| {
            by_stage
                .get(&s.id)
                .map(|n| (s.label.clone(), *n, s.id.to_string()))
        })
        .collect();
    if let Some(n) = by_stage.get(&0) {
        rows.push((tr.t("solution-stage-none"), *n, String::new()));
    }
    Ok(Tally {
        total: by_stage.values().sum(),
        capped: false,
        by_stage: rows,
    })
}

/// A solution as listed.
#[derive(Template)]
#[template(path = "solutions/templates/card.html")]
struct Card {
    tr: Tr,
    id: i64,
    title: String,
    excerpt: String,
    theme: Option<(String, String)>,
    place: Option<String>,
    stage: Option<String>,
    progress: i64,
    answer: Option<Answer>,
    organisation: String,
    supports: i64,
}

impl Card {
    fn new(solution: ListedSolution, setting: &Setting, stages: &[Stage], tr: Tr) -> Card {
        let excerpt = match solution.excerpt.char_indices().nth(200) {
            Some((cut, _)) => format!("{}…", solution.excerpt[..cut].trim_end()),
            None => solution.excerpt,
        };
        Card {
            tr,
            id: solution.id,
            title: solution.title,
            excerpt,
            theme: solution
                .theme_id
                .and_then(|id| setting.theme(id))
                .map(|t| (t.name.clone(), t.colour.clone())),
            place: solution.territory_id.and_then(|id| place_name(setting, id)),
            stage: solution
                .stage_id
                .and_then(|id| stages.iter().find(|s| s.id == id))
                .map(|s| s.label.clone()),
            progress: solution.progress,
            answer: solution.answer,
            organisation: solution.organisation,
            supports: solution.supports_count,
        }
    }
}

/// What a written card depends on: the solution's listed row, the language, and the process's
/// settings (names of themes, communes and stages).
pub type CardRevision = (ListedSolution, Lang, i64);

/// Solution cards as written, kept by solution until what they show changes (a support, an
/// edit, a stage renamed all move the revision): a list page writes only the cards it has
/// not written before.
pub type SolutionCards = RevisionCache<CardRevision, String>;

/// The card of a listed solution, written or kept.
fn card(
    state: &AppState,
    solution: ListedSolution,
    setting: &Setting,
    stages: &[Stage],
    tr: Tr,
) -> AppResult<Arc<String>> {
    let id = solution.id;
    let revision = (solution, tr.lang, setting.process.settings_revision);
    Ok(state
        .solutions
        .cards
        .get_or_make(id, revision, |(solution, _, _)| {
            Card::new(solution.clone(), setting, stages, tr).render()
        })?)
}

/// The name of a commune or EPCI of the process.
pub fn place_name(setting: &ProcessSettings, id: i64) -> Option<String> {
    setting
        .commune(id)
        .or_else(|| setting.epcis.iter().find(|e| e.id == id))
        .map(|t| t.name.clone())
}

#[derive(Template)]
#[template(path = "solutions/templates/list.html")]
struct ListPage {
    page: PageCtx,
    process: Process,
    open: bool,
    filters: Filters,
    tally: Tally,
    /// The cards as written.
    cards: Vec<Arc<String>>,
    next_href: Option<String>,
    first_href: Option<String>,
}

/// The setting of a process's solutions pages, and its stages.
pub async fn solutions_setting(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
) -> AppResult<(Setting, Arc<Vec<Stage>>)> {
    let setting = setting_for(state, visitor, slug, Module::Solutions).await?;
    let stages = state.solutions.stages(&state.db, &setting.process).await?;
    Ok((setting, stages))
}

/// `GET /demarches/{slug}/solutions`: a page of solutions, newest first, filtered and
/// searched, with counts by stage.
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let (setting, stages) = solutions_setting(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let filter = query.filter(&setting, &stages);
    let order = query.order();
    let (rows, more) = store::list(
        &state.db,
        setting.process.id,
        &filter,
        order,
        query.cursor(),
        PAGE_SIZE,
    )
    .await?;
    let path = format!("/demarches/{slug}/solutions");
    let next_href = more.then(|| {
        let last = rows.last().expect("a full page has a last row");
        query.href(&path, Some(format!("{}.{}", last.key(order), last.id)))
    });
    let first_href = query.cursor().map(|_| query.href(&path, None));
    render(&ListPage {
        page: PageCtx::new(&state, &visitor),
        open: setting.open,
        filters: Filters::new(&setting, &stages, &query, tr, false),
        tally: tally(&state, &setting, &stages, &filter, tr).await?,
        cards: rows
            .into_iter()
            .map(|s| card(&state, s, &setting, &stages, tr))
            .collect::<AppResult<_>>()?,
        next_href,
        first_href,
        process: setting.process,
    })
}

/// One row of the coverage table: a commune or a theme, its needs and how many are answered.
pub struct CoverageRow {
    /// Commune or theme name.
    pub name: String,
    /// Its link (a commune's page, or the list filtered by theme).
    pub href: String,
    /// Published needs.
    pub needs: i64,
    /// Of them, answered by at least one published solution.
    pub covered: i64,
}

impl CoverageRow {
    /// The share covered, in whole percent.
    pub fn percent(&self) -> i64 {
        if self.needs == 0 {
            0
        } else {
            (self.covered * 100 + self.needs / 2) / self.needs
        }
    }
}

/// The planisphère's map and coverage tables, written once per revision and filter.
#[derive(Template)]
#[template(path = "solutions/templates/planisphere_body.html")]
struct PlanisphereBody {
    tr: Tr,
    map: Arc<RenderedMap>,
    by_commune: Vec<CoverageRow>,
    by_theme: Vec<CoverageRow>,
    total: CoverageRow,
    /// The most solutions the map draws, when the filter selects more.
    points_cap: Option<i64>,
}

#[derive(Template)]
#[template(path = "solutions/templates/planisphere.html")]
struct PlanispherePage {
    page: PageCtx,
    process: Process,
    open: bool,
    filters: Filters,
    tally: Tally,
    /// Where the kept map and tables go.
    kept_here: &'static str,
}

/// The planisphère's bodies kept, by filter: each until the process's solutions, needs or
/// settings change.
pub type Planispheres = RevisionCache<String, axum::body::Bytes>;

/// `GET /demarches/{slug}/solutions/planisphere`: the solutions a filter selects on the map of
/// the share of needs answered per commune, and how many needs of each commune and theme are
/// answered, as tables. What the page shows below its filters is written once per revision of
/// the process's solutions, needs and settings, and kept.
pub async fn planisphere(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Query(mut query): Query<ListQuery>,
) -> AppResult<Response> {
    // The map shows the filter's newest solutions whatever the list's order.
    query.tri.clear();
    let (setting, stages) = solutions_setting(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let filter = query.filter(&setting, &stages);
    let tally = tally(&state, &setting, &stages, &filter, tr).await?;
    let process = &setting.process;
    let path = format!("/demarches/{slug}/solutions/planisphere");
    let revision = format!(
        "planisphere|{}|{}|{}|{}|{}|{}",
        process.solutions_revision,
        process.needs_revision,
        process.settings_revision,
        process.title,
        tr.lang.code(),
        query.href(&path, None)
    );
    // One kept body per process and filter: the filter's address, hashed, names it.
    let slot = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (process.id, query.href(&path, None), tr.lang.code()).hash(&mut hasher);
        hasher.finish() as i64
    };
    let body = match state.solutions.planispheres.get(slot, &revision) {
        Some(body) => body,
        None => {
            let points_cap = (tally.total > MAX_POINTS).then_some(MAX_POINTS);
            let body = planisphere_body(&state, &setting, &filter, points_cap, tr)
                .await?
                .render()?;
            let body = axum::body::Bytes::from(body);
            state.solutions.planispheres.put(slot, revision, body)
        }
    };
    let page = PlanispherePage {
        page: PageCtx::new(&state, &visitor),
        open: setting.open,
        filters: Filters::new(&setting, &stages, &query, tr, true),
        tally,
        kept_here: KEPT_HERE,
        process: setting.process,
    };
    render_around(&page, (*body).clone())
}

/// Longest title a planisphère's marker names (its tooltip and link text).
const MARKER_TITLE_CHARS: usize = 60;

/// The planisphère's map (the share of needs answered per commune, the newest placed
/// solutions on it) and its coverage tables, per theme and per commune, from the counters.
async fn planisphere_body(
    state: &AppState,
    setting: &Setting,
    filter: &Filter,
    points_cap: Option<i64>,
    tr: Tr,
) -> AppResult<PlanisphereBody> {
    let process = &setting.process;
    let counts = state.need_counts.counts(&state.db, process).await?;
    let places = filter.territories.as_deref();
    let by_place = counts.coverage_by_territory(filter.theme, places);
    let title = tr.t1("planisphere-title", "title", &process.title);
    let mut texts = MapTexts::population(tr, title, "planisphere-description");
    texts.legend_title = tr.t("coverage-share");
    texts.unit = "%".to_owned();
    let points = store::points(&state.db, process.id, filter, MAX_POINTS).await?;
    texts.markers = points
        .iter()
        .map(|p| geokit::svg::Marker {
            position: [p.lon, p.lat],
            // The whole title is on its page: 300 markers' full titles weighed a third of
            // the planisphère.
            title: textkit::shorten(&p.title, MARKER_TITLE_CHARS).into_owned(),
            href: Some(format!("/solutions/{}", p.id)),
            colour: p
                .theme_id
                .and_then(|id| setting.theme(id))
                .map_or_else(|| "#4f5b66".to_owned(), |t| t.colour.clone()),
        })
        .collect();
    let shares = by_place
        .iter()
        .filter(|(place, _)| **place != 0)
        .map(|(place, (n, covered))| (*place, ((*covered * 1000 / *n) as f64) / 10.0))
        .collect();
    let map = state
        .geo
        .territory_map(
            &state.db,
            &setting.roots,
            Colouring::Values(shares),
            texts,
            "planisphere",
        )
        .await?;
    let mut by_commune: Vec<CoverageRow> = by_place
        .iter()
        .filter_map(|(place, (n, covered))| {
            let commune = setting.commune(*place)?;
            Some(CoverageRow {
                name: commune.name.clone(),
                href: format!("/territoires/{}/{}", commune.level, commune.code),
                needs: *n,
                covered: *covered,
            })
        })
        .collect();
    by_commune.sort_by(|a, b| b.needs.cmp(&a.needs).then(a.name.cmp(&b.name)));
    let list = format!("/demarches/{}/besoins", process.slug);
    let mut by_theme: Vec<CoverageRow> = counts
        .coverage_by_theme(places)
        .into_iter()
        .filter(|(theme, _)| filter.theme.is_none_or(|wanted| wanted == *theme))
        .map(|(theme, (n, covered))| {
            let (name, href) = match theme.and_then(|id| setting.theme(id)) {
                Some(t) => (t.name.clone(), format!("{list}?theme={}", t.id)),
                None => (tr.t("need-theme-unknown"), format!("{list}?theme=aucun")),
            };
            CoverageRow {
                name,
                href,
                needs: n,
                covered,
            }
        })
        .collect();
    by_theme.sort_by(|a, b| b.needs.cmp(&a.needs).then(a.name.cmp(&b.name)));
    let total = CoverageRow {
        name: tr.t("coverage-total"),
        href: list,
        needs: by_theme.iter().map(|r| r.needs).sum(),
        covered: by_theme.iter().map(|r| r.covered).sum(),
    };
    Ok(PlanisphereBody {
        tr,
        map,
        by_commune,
        by_theme,
        total,
        points_cap,
    })
}
