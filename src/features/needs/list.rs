//! The needs of a process, as a list (filters, search, keyset pagination, counts by theme)
//! and as a map (points, or counts per commune when there are too many to draw).

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::needs;
use crate::features::needs::rules::{self as need, MapView, Order, Source};
use crate::features::needs::setting::{Setting, setting};
use crate::features::needs::store::{Cursor, Filter, ListedNeed, Sort};
use crate::features::processes::cache::Options;
use crate::features::processes::store::Process;
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::clock::format_utc;
use crate::platform::error::AppResult;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::revision_cache::RevisionCache;
use crate::platform::web::forms::Choice;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Needs per page.
const PAGE_SIZE: i64 = 20;
/// Above this many placed needs, the map shows counts per commune instead of points.
const MAX_POINTS: i64 = 300;

/// The list's query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    territoire: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    tri: String,
    #[serde(default)]
    carte: String,
    #[serde(default)]
    apres: String,
}

impl ListQuery {
    /// The filter it asks for, keeping only values that exist in this process.
    fn filter(&self, setting: &Setting) -> Filter {
        let theme = match self.theme.as_str() {
            "" => None,
            "aucun" => Some(None),
            id => id
                .parse::<i64>()
                .ok()
                .filter(|id| setting.themes.iter().any(|t| t.id == *id))
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
        let source = self.source.parse::<Source>().ok();
        Filter {
            theme,
            territories,
            source,
            terms: need::search_terms(&self.q).0,
        }
    }

    fn sort(&self) -> Sort {
        match self.tri.parse::<Order>() {
            Ok(Order::Supported) => Sort::Supported,
            Ok(Order::Recent) | Err(_) => Sort::Recent,
        }
    }

    fn cursor(&self) -> Option<Cursor> {
        let (key, id) = self.apres.split_once('.')?;
        Some(Cursor {
            key: key.parse().ok()?,
            id: id.parse().ok()?,
        })
    }

    /// The address of `path` with this query's filters, and another cursor or map view.
    fn href(&self, path: &str, apres: Option<String>, carte: Option<&str>) -> String {
        let pairs = [
            ("theme", self.theme.as_str()),
            ("territoire", self.territoire.as_str()),
            ("source", self.source.as_str()),
            ("q", self.q.as_str()),
            ("tri", self.tri.as_str()),
            ("carte", carte.unwrap_or(&self.carte)),
            ("apres", apres.as_deref().unwrap_or("")),
        ];
        let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        let query = serde_urlencoded::to_string(&kept).unwrap_or_default();
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }
}

/// A need as listed.
#[derive(Template)]
#[template(path = "needs/templates/card.html")]
struct NeedCard {
    id: i64,
    title: String,
    excerpt: String,
    theme: Option<(String, String)>,
    place: Option<String>,
    supports: i64,
    comments: i64,
    date: String,
    source_label: String,
    tr: Tr,
}

impl NeedCard {
    fn new(need: ListedNeed, setting: &Setting, tr: Tr) -> NeedCard {
        // Cut at 220 characters, the text kept as it came when shorter.
        let excerpt = match need.excerpt.char_indices().nth(220) {
            Some((cut, _)) => format!("{}…", need.excerpt[..cut].trim_end()),
            None => need.excerpt,
        };
        let mut date = format_utc(need.created_at);
        date.truncate(10);
        NeedCard {
            id: need.id,
            excerpt,
            theme: need
                .theme_id
                .and_then(|id| setting.theme(id))
                .map(|t| (t.name.clone(), t.colour.clone())),
            place: need
                .territory_id
                .and_then(|id| setting.commune(id))
                .map(|c| c.name.clone()),
            supports: need.supports_count,
            comments: need.comments_count,
            date,
            source_label: tr.t(&format!("source-{}", need.source)),
            title: need.title,
            tr,
        }
    }
}

/// What a written card depends on: the need's listed row, the language, and the process's
/// settings (names and colours of themes and communes).
type CardRevision = (ListedNeed, Lang, i64);

/// Need cards as written, kept by need until what they show changes (a support, a comment,
/// an edited title or theme name all change the revision): a list page then writes only
/// the cards it has not written before.
pub type NeedCards = RevisionCache<CardRevision, String>;

/// Cards kept at most (about a kilobyte each).
pub const NEED_CARDS_KEPT: usize = 8_192;

/// The card of a listed need, written or kept.
fn card(state: &AppState, need: ListedNeed, setting: &Setting, tr: Tr) -> AppResult<Arc<String>> {
    let id = need.id;
    let revision = (need, tr.lang, setting.process.settings_revision);
    Ok(state.need_cards.get_or_make(id, revision, |(need, _, _)| {
        NeedCard::new(need.clone(), setting, tr).render()
    })?)
}

/// Options of a select made once (`ProcessSettings::place_options`, `theme_filter_options`),
/// written with the chosen one selected.
pub struct ChosenOption {
    /// The options as written once.
    pub options: Options,
    /// The value chosen (a number, or empty).
    pub chosen: String,
}

impl std::fmt::Display for ChosenOption {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let attribute = format!("<option value=\"{}\"", self.chosen);
        let split = (!self.chosen.is_empty() && self.chosen.bytes().all(|b| b.is_ascii_digit()))
            .then(|| self.options.find(&attribute))
            .flatten();
        match split {
            Some(at) => {
                let (before, after) = self.options.split_at(at + attribute.len());
                write!(out, "{before} selected{after}")
            }
            None => out.write_str(&self.options),
        }
    }
}

/// The filter form, shared by the list and the map.
struct Filters {
    action: String,
    /// All themes, and none.
    theme_defaults: Vec<Choice>,
    /// The themes, the chosen one selected.
    themes: ChosenOption,
    /// EPCI and communes, the chosen one selected.
    places: ChosenOption,
    sources: Vec<Choice>,
    sorts: Vec<Choice>,
    q: String,
    /// Whether the search left words out (it keeps the longest few).
    q_cut: bool,
    /// `(href, label, current)` of the list and map tabs.
    tabs: Vec<(String, String, bool)>,
}

impl Filters {
    fn new(setting: &Setting, query: &ListQuery, tr: Tr, on_map: bool) -> Filters {
        let theme_defaults = vec![
            Choice::new("", tr.t("filter-all-themes"), &query.theme),
            Choice::new("aucun", tr.t("need-theme-unknown"), &query.theme),
        ];
        let mut sources = vec![Choice::new("", tr.t("filter-all-sources"), &query.source)];
        sources.extend(Choice::words(
            Source::ALL.iter().map(|s| s.as_str()),
            "source-",
            tr,
            &query.source,
        ));
        let sorts = vec![
            Choice::new("", tr.t("sort-recent"), &query.tri),
            Choice::new(
                Order::Supported.as_str(),
                tr.t("sort-supported"),
                &query.tri,
            ),
        ];
        let list = format!("/demarches/{}/besoins", setting.process.slug);
        let map = format!("{list}/carte");
        Filters {
            action: if on_map { map.clone() } else { list.clone() },
            theme_defaults,
            themes: ChosenOption {
                options: setting.theme_filter_options(),
                chosen: query.theme.clone(),
            },
            places: ChosenOption {
                options: setting.place_options(tr),
                chosen: query.territoire.clone(),
            },
            sources,
            sorts,
            q: query.q.clone(),
            q_cut: need::search_terms(&query.q).1,
            tabs: vec![
                (query.href(&list, None, None), tr.t("needs-list"), !on_map),
                (query.href(&map, None, None), tr.t("needs-map"), on_map),
            ],
        }
    }
}

/// How many needs a filter selects: exact from the counters, or counted up to `CAP` for
/// searches and sources, with counts by theme when the counters can tell them.
struct Tally {
    total: i64,
    capped: bool,
    /// `(name, colour, count, filter value)` per theme.
    by_theme: Vec<(String, String, i64, String)>,
}

/// Where counting stops for filters the counters cannot answer: beyond it the page says
/// "more than 100", as search engines do, and stays as fast as an unfiltered one.
const CAP: i64 = 100;

async fn tally(state: &AppState, setting: &Setting, filter: &Filter, tr: Tr) -> AppResult<Tally> {
    if !filter.counted_by_counters() {
        let total = state
            .need_counts
            .count_up_to(&state.db, &setting.process, filter, CAP)
            .await?;
        return Ok(Tally {
            total,
            capped: total >= CAP,
            by_theme: Vec::new(),
        });
    }
    let counts = state
        .need_counts
        .counts(&state.db, &setting.process)
        .await?;
    let places = filter.territories.as_deref();
    let mut by_theme = counts.by_theme(filter.theme, places);
    // In the themes' order (position, then id), needs without a theme last.
    by_theme.sort_by_cached_key(|(theme, _)| {
        theme
            .and_then(|id| setting.theme(id))
            .map_or((i64::MAX, i64::MAX), |t| (t.position, t.id))
    });
    Ok(Tally {
        total: by_theme.iter().map(|(_, n)| n).sum(),
        capped: false,
        by_theme: by_theme
            .into_iter()
            .map(
                |(theme_id, n)| match theme_id.and_then(|id| setting.theme(id)) {
                    Some(t) => (t.name.clone(), t.colour.clone(), n, t.id.to_string()),
                    None => (
                        tr.t("need-theme-unknown"),
                        "#4f5b66".to_owned(),
                        n,
                        "aucun".to_owned(),
                    ),
                },
            )
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "needs/templates/list.html")]
struct ListPage {
    page: PageCtx,
    process: Process,
    open: bool,
    filters: Filters,
    tally: Tally,
    cards: Vec<Arc<String>>,
    next_href: Option<String>,
    first_href: Option<String>,
}

/// `GET /demarches/{slug}/besoins`: a page of needs, filtered, searched and sorted, with
/// counts by theme. Keyset pagination and kept counters: a deep page costs what the first does.
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let setting = setting(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let filter = query.filter(&setting);
    let (needs, more) = needs::store::list(
        &state.db,
        setting.process.id,
        &filter,
        query.sort(),
        query.cursor(),
        PAGE_SIZE,
    )
    .await?;
    let path = format!("/demarches/{slug}/besoins");
    let next_href = more.then(|| {
        let last = needs.last().expect("a full page has a last row");
        let key = match query.sort() {
            Sort::Recent => last.created_at,
            Sort::Supported => last.supports_count,
        };
        query.href(&path, Some(format!("{key}.{}", last.id)), None)
    });
    let first_href = query.cursor().map(|_| query.href(&path, None, None));
    render(&ListPage {
        page: PageCtx::new(&state, &visitor),
        open: setting.open,
        filters: Filters::new(&setting, &query, tr, false),
        tally: tally(&state, &setting, &filter, tr).await?,
        cards: needs
            .into_iter()
            .map(|n| card(&state, n, &setting, tr))
            .collect::<AppResult<_>>()?,
        next_href,
        first_href,
        process: setting.process,
    })
}

/// Id of the needs map's `<svg>`.
const MAP_ID: &str = "carte-besoins";

/// What the needs map shows in a view: markers for `points` (read now unless given), else
/// counts per commune or per 1,000 inhabitants; sets the legend's texts to match.
async fn needs_colouring(
    state: &AppState,
    setting: &Setting,
    filter: &Filter,
    view: MapView,
    points: Option<Vec<needs::store::NeedPoint>>,
    texts: &mut MapTexts,
    tr: Tr,
) -> AppResult<Colouring> {
    if view == MapView::Points {
        let points = match points {
            Some(points) => points,
            None => {
                needs::store::points(&state.db, setting.process.id, filter, MAX_POINTS + 1).await?
            }
        };
        texts.markers = points
            .iter()
            .take(MAX_POINTS as usize)
            .map(|p| geokit::svg::Marker {
                position: [p.lon, p.lat],
                title: p.title.clone(),
                href: Some(format!("/besoins/{}", p.id)),
                colour: p.theme_colour.clone().unwrap_or_else(|| "#4f5b66".into()),
            })
            .collect();
        return Ok(Colouring::Plain);
    }
    let counts: HashMap<i64, i64> = if filter.counted_by_counters() {
        state
            .need_counts
            .counts(&state.db, &setting.process)
            .await?
            .by_territory(filter.theme, filter.territories.as_deref())
    } else {
        needs::store::count_by_territory(&state.db, setting.process.id, filter)
            .await?
            .into_iter()
            .collect()
    };
    let per_thousand = view == MapView::Density;
    texts.legend_title = tr.t(if per_thousand {
        "needs-per-thousand"
    } else {
        "needs-count"
    });
    texts.unit = if per_thousand {
        String::new()
    } else {
        tr.t_count("unit-needs", 2_i64)
    };
    texts.count_unit = (!per_thousand).then_some((tr, "unit-needs"));
    let values = counts
        .into_iter()
        .filter_map(|(territory, n)| {
            if !per_thousand {
                return Some((territory, n as f64));
            }
            let population = setting.commune(territory)?.population.filter(|p| *p > 0)?;
            Some((
                territory,
                (n as f64 * 1000.0 / population as f64 * 10.0).round() / 10.0,
            ))
        })
        .collect();
    Ok(Colouring::Values(values))
}

#[derive(Template)]
#[template(path = "needs/templates/carte.html")]
struct MapPage {
    page: PageCtx,
    process: Process,
    open: bool,
    filters: Filters,
    tally: Tally,
    map: Arc<RenderedMap>,
    views: Vec<(String, String, bool)>,
}

/// `GET /demarches/{slug}/besoins/carte`: the needs a filter selects on the map, as points
/// when they are few enough to read, else counted per commune or per 1,000 inhabitants.
pub async fn map(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let setting = setting(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let filter = query.filter(&setting);
    let tally = tally(&state, &setting, &filter, tr).await?;
    let mut points = None;
    let view = match query.carte.parse::<MapView>() {
        Ok(chosen) => chosen,
        Err(_) if tally.total > MAX_POINTS => MapView::Communes,
        Err(_) if !tally.capped => MapView::Points,
        Err(_) => {
            // A count that stopped at its cap may hide more needs than can be drawn: the
            // points themselves tell.
            let found =
                needs::store::points(&state.db, setting.process.id, &filter, MAX_POINTS + 1)
                    .await?;
            let view = if found.len() as i64 > MAX_POINTS {
                MapView::Communes
            } else {
                MapView::Points
            };
            points = Some(found);
            view
        }
    };
    let path = format!("/demarches/{slug}/besoins/carte");
    // What the map shows changes only with the published needs and the process's settings
    // (theme colours): it is kept until they change, and nothing is read to draw it again.
    let live_key = format!(
        "needs|{}|{}|{}|{}|{}",
        setting.process.needs_revision,
        setting.process.settings_revision,
        setting.process.title,
        tr.lang.code(),
        query.href(&path, None, Some(view.as_str()))
    );
    let map = match state
        .geo
        .kept(&state.db, &setting.roots, &live_key, MAP_ID)
        .await?
    {
        Some(map) => map,
        None => {
            let title = tr.t1("needs-map-title", "title", &setting.process.title);
            let mut texts = MapTexts::population(tr, title, "needs-map-description");
            texts.live_key = Some(live_key);
            let colouring =
                needs_colouring(&state, &setting, &filter, view, points, &mut texts, tr).await?;
            state
                .geo
                .territory_map(&state.db, &setting.roots, colouring, texts, MAP_ID)
                .await?
        }
    };
    let views = MapView::ALL
        .iter()
        .map(|&v| {
            (
                query.href(&path, None, Some(v.as_str())),
                tr.t(&format!("needs-view-{v}")),
                v == view,
            )
        })
        .collect();
    render(&MapPage {
        page: PageCtx::new(&state, &visitor),
        open: setting.open,
        filters: Filters::new(&setting, &query, tr, true),
        tally,
        map,
        views,
        process: setting.process,
    })
}
