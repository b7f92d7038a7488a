//! Needs (besoins) of a process: the list with filters, search and keyset pagination, the map
//! of needs (points, or counts per commune), contributing a need (by clicking the map or
//! choosing a commune), a need's page with supports and comments.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::features::moderation;
use crate::features::moderation::notices::Kind;
use crate::features::needs;
use crate::features::needs::rules::{
    self as need, CommentStatus, MapView, NeedStatus, Order, Source, SupportAction,
};
use crate::features::needs::service::{Contribution, Origin};
use crate::features::needs::store::{Cursor, Filter, ListedNeed, Need, Sort};
use crate::features::needs::supports::{Outcome, SupportChange};
use crate::features::processes;
use crate::features::processes::cache::{Options, ProcessSettings};
use crate::features::processes::pages::visible_process;
use crate::features::processes::rules::{Module, Status};
use crate::features::processes::store::Process;
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::auth;
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::{Lang, Tr};
use crate::platform::revision_cache::RevisionCache;
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::page::{ActionForm, PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Needs per page.
const PAGE_SIZE: i64 = 20;
/// Above this many placed needs, the map shows counts per commune instead of points.
const MAX_POINTS: i64 = 300;
/// Needs one account may contribute in an hour.
const NEEDS_PER_HOUR: i64 = 20;
/// Comments one account may write in an hour.
const COMMENTS_PER_HOUR: i64 = 60;
/// Supports one account may give or withdraw in an hour.
const SUPPORTS_PER_HOUR: i64 = 300;

/// What a process's needs pages share: the process, its cached settings (themes, communes
/// and EPCI, read through `Deref`), whether contributions are open.
pub struct Setting {
    /// The process.
    pub process: Process,
    /// Whether a needs-collection phase is under way.
    pub open: bool,
    shared: Arc<ProcessSettings>,
}

impl std::ops::Deref for Setting {
    type Target = ProcessSettings;

    fn deref(&self) -> &ProcessSettings {
        &self.shared
    }
}

impl Setting {
    /// The theme chosen in a form (empty: "je ne sais pas"); an unknown one is an error.
    pub fn chosen_theme(&self, value: &str, tr: Tr, errors: &mut FormErrors) -> Option<i64> {
        if value.is_empty() {
            return None;
        }
        let found = value
            .parse::<i64>()
            .ok()
            .filter(|id| self.themes.iter().any(|t| t.id == *id));
        if found.is_none() {
            errors.add_message("theme", tr.t("error-theme-unknown"));
        }
        found
    }

    /// The commune chosen by its code (empty: no place); one outside the process is an error.
    pub fn chosen_commune(&self, code: &str, tr: Tr, errors: &mut FormErrors) -> Option<i64> {
        if code.is_empty() {
            return None;
        }
        let found = self.communes.iter().find(|c| c.code == code).map(|c| c.id);
        if found.is_none() {
            errors.add_message("commune", tr.t("error-place-outside"));
        }
        found
    }

    /// Themes for a select: "je ne sais pas" first.
    pub fn theme_choices(&self, tr: Tr, chosen: &str) -> Vec<Choice> {
        let none = (String::new(), tr.t("need-theme-unknown"));
        let themes = self
            .themes
            .iter()
            .map(|t| (t.id.to_string(), t.name.clone()));
        Choice::list(std::iter::once(none).chain(themes), chosen)
    }

    /// Communes for a select: "no precise place" first.
    pub fn commune_choices(&self, tr: Tr, chosen: &str) -> Vec<Choice> {
        let none = (String::new(), tr.t("need-place-none"));
        let communes = self
            .communes
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()));
        Choice::list(std::iter::once(none).chain(communes), chosen)
    }
}

/// A need's title and description as typed in a form, checked; what is wrong is noted
/// next to its field.
pub fn typed_text(
    title: &str,
    body: &str,
    tr: Tr,
    errors: &mut FormErrors,
) -> Option<(String, String)> {
    let title = errors.check(tr, "title", need::validate_title(title));
    let body = need::validate_text(body, need::MAX_BODY_CHARS, false);
    let body = errors.check(tr, "body", body);
    title.zip(body)
}

/// The setting of a process the visitor may see.
pub async fn setting(state: &AppState, visitor: &Visitor, slug: &str) -> AppResult<Setting> {
    let (process, _) = visible_process(state, visitor, slug).await?;
    let shared = state.processes.settings(&state.db, &process).await?;
    let open = shared.opens(&process, Module::Needs);
    Ok(Setting {
        process,
        open,
        shared,
    })
}

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
#[template(path = "needs/card.html")]
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
    if let Some(html) = state.need_cards.get(id, &revision) {
        return Ok(html);
    }
    let html = NeedCard::new(revision.0.clone(), setting, tr).render()?;
    Ok(state.need_cards.put(id, revision, html))
}

/// Options of a select made once (`ProcessSettings::place_options`, `theme_filter_options`),
/// written with the chosen one selected.
struct ChosenOption {
    options: Options,
    chosen: String,
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
            .processes
            .count_up_to(&state.db, &setting.process, filter, CAP)
            .await?;
        return Ok(Tally {
            total,
            capped: total >= CAP,
            by_theme: Vec::new(),
        });
    }
    let counts = state.processes.counts(&state.db, &setting.process).await?;
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
#[template(path = "needs/list.html")]
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
            .processes
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
#[template(path = "needs/carte.html")]
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

#[derive(Template)]
#[template(path = "needs/new.html")]
struct NewPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    form: NeedForm,
    themes: Vec<Choice>,
    communes: Vec<Choice>,
    map: std::sync::Arc<RenderedMap>,
}

/// The contribution form.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NeedForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
    /// Hidden from people; robots fill it in.
    #[serde(default)]
    website: String,
}

async fn new_page(
    state: &AppState,
    visitor: &Visitor,
    setting: Setting,
    errors: FormErrors,
    form: NeedForm,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let title = tr.t1("needs-place-map-title", "title", &setting.process.title);
    let mut texts = MapTexts::population(tr, title, "needs-place-map-description");
    texts.links = false;
    let map = state
        .geo
        .territory_map(
            &state.db,
            &setting.roots,
            Colouring::Plain,
            texts,
            "carte-lieu",
        )
        .await?;
    let themes = setting.theme_choices(tr, &form.theme);
    let communes = setting.commune_choices(tr, &form.commune);
    let page = NewPage {
        page: PageCtx::new(state, visitor),
        process: setting.process,
        errors,
        form,
        themes,
        communes,
        map,
    };
    render_form(&page, page.errors.is_empty())
}

fn closed(state: &AppState, visitor: &Visitor, process: &Process) -> AppResult<Response> {
    let tr = visitor.tr();
    let mut response = render(&crate::platform::web::page::MessagePage {
        page: PageCtx::new(state, visitor),
        title: tr.t("needs-closed-title"),
        text: tr.t("needs-closed-text"),
        link: Some((
            format!("/demarches/{}/besoins", process.slug),
            tr.t("needs-title"),
        )),
    })?;
    *response.status_mut() = axum::http::StatusCode::FORBIDDEN;
    Ok(response)
}

/// `GET /demarches/{slug}/besoins/nouveau`.
pub async fn new_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    visitor.require_account()?;
    let setting = setting(&state, &visitor, &slug).await?;
    if !setting.open {
        return closed(&state, &visitor, &setting.process);
    }
    new_page(
        &state,
        &visitor,
        setting,
        FormErrors::default(),
        NeedForm::default(),
    )
    .await
}

/// `POST /demarches/{slug}/besoins`: contributes a need.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<NeedForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.clone();
    let setting = setting(&state, &visitor, &slug).await?;
    if !setting.open {
        return closed(&state, &visitor, &setting.process);
    }
    if !form.website.is_empty() {
        return Ok(redirect_with_flash(
            &state,
            &format!("/demarches/{slug}/besoins"),
            "flash-need-created",
        ));
    }
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let text = typed_text(&form.title, &form.body, tr, &mut errors);
    let theme_id = setting.chosen_theme(&form.theme, tr, &mut errors);
    let (territory_id, point) = match need::parse_point(&form.lat, &form.lon) {
        Some(point) => match state.geo.locate(&state.db, point).await? {
            Some((id, _, _)) if setting.communes.iter().any(|c| c.id == id) => {
                (Some(id), Some(point))
            }
            _ => {
                errors.add_message("commune", tr.t("error-place-outside"));
                (None, None)
            }
        },
        None => (setting.chosen_commune(&form.commune, tr, &mut errors), None),
    };
    let (Some((title, body)), true) = (text, errors.is_empty()) else {
        return new_page(&state, &visitor, setting, errors, form).await;
    };
    auth::limit(
        &state,
        &format!("needs:{}", account.id),
        NEEDS_PER_HOUR,
        3_600_000,
    )
    .await?;
    let id = needs::service::contribute(
        &state.db,
        setting.process.id,
        &Contribution {
            theme_id,
            territory_id,
            point,
            ..Contribution::new(
                &title,
                &body,
                Origin::Online {
                    author_id: Some(account.id),
                },
                crate::platform::clock::now_ms(),
            )
        },
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/besoins/{id}"),
        "flash-need-created",
    ))
}

/// A comment as shown, with its replies.
struct CommentView {
    id: i64,
    author: String,
    date: String,
    paragraphs: Vec<String>,
    hidden_reason: Option<String>,
    replies: Vec<CommentView>,
}

#[derive(Template)]
#[template(path = "needs/show.html")]
struct NeedPage {
    page: PageCtx,
    need: Need,
    process: Process,
    author: String,
    date: String,
    source_label: String,
    paragraphs: Vec<String>,
    supported: bool,
    comments: Vec<CommentView>,
    errors: FormErrors,
    share_url: String,
    map: Option<std::sync::Arc<RenderedMap>>,
    can_moderate: bool,
    /// Whether the process takes supports and comments (published, not closed).
    open: bool,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A need's page, with the errors of a form posted on it.
pub(crate) async fn need_page(
    state: &AppState,
    visitor: &Visitor,
    need: Need,
    errors: FormErrors,
) -> AppResult<Response> {
    let id = need.id;
    let process = processes::store::by_id(&state.db, need.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = visible_process(state, visitor, &process.slug).await?;
    let tr = visitor.tr();
    let can_moderate = visitor.may_in_process(
        &roles,
        crate::platform::permissions::ProcessAction::Moderate,
    );
    let supported = match &visitor.account {
        Some(account) => needs::store::supports(&state.db, id, account.id).await?,
        None => false,
    };
    let anonymous = tr.t("participant-anonymous");
    let stored = needs::store::comments(&state.db, id).await?;
    let view = |c: &needs::store::Comment| CommentView {
        id: c.id,
        author: c.author_name.clone().unwrap_or_else(|| anonymous.clone()),
        date: format_utc(c.created_at),
        paragraphs: paragraphs(&c.body),
        hidden_reason: (c.status == CommentStatus::Hidden)
            .then(|| c.moderation_reason.clone().unwrap_or_default()),
        replies: Vec::new(),
    };
    let mut comments: Vec<CommentView> = stored
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(view)
        .collect();
    for reply in stored.iter().filter(|c| c.parent_id.is_some()) {
        if let Some(parent) = comments.iter_mut().find(|c| Some(c.id) == reply.parent_id) {
            parent.replies.push(view(reply));
        }
    }
    let map = match need.territory_id {
        Some(territory) => {
            let title = tr.t1("need-map-title", "title", &need.title);
            let mut texts = MapTexts::population(tr, title, "need-map-description");
            if let (Some(lon), Some(lat)) = (need.lon, need.lat) {
                texts.markers.push(geokit::svg::Marker {
                    position: [lon, lat],
                    title: need.title.clone(),
                    href: None,
                    colour: need
                        .theme_colour
                        .clone()
                        .unwrap_or_else(|| "#a4262c".into()),
                });
            }
            Some(
                state
                    .geo
                    .territory_map(
                        &state.db,
                        &[territory],
                        Colouring::Plain,
                        texts,
                        "carte-besoin",
                    )
                    .await?,
            )
        }
        None => None,
    };
    let page = NeedPage {
        page: PageCtx::new(state, visitor),
        author: match (&need.author_name, need.source.as_str()) {
            (Some(name), _) => name.clone(),
            (None, "online") => anonymous,
            (None, source) => tr.t(&format!("source-{source}")),
        },
        date: format_utc(need.created_at),
        source_label: tr.t(&format!("source-{}", need.source)),
        paragraphs: paragraphs(&need.body),
        supported,
        comments,
        errors,
        share_url: format!("{}/besoins/{}", state.config.base_url(), need.id),
        map,
        can_moderate,
        open: process.status.is_open(),
        need,
        process,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /besoins/{id}`: a need's page; a merged need leads to the need that was kept.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let need = needs::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(kept) = need
        .merged_into
        .filter(|_| need.status == NeedStatus::Merged)
    {
        return Ok(Redirect::permanent(&format!("/besoins/{kept}")).into_response());
    }
    need_page(&state, &visitor, need, FormErrors::default()).await
}

/// Refuses a contribution to a process that is not open: a draft is its team's preparation, a
/// closed process is read-only (403, or 404 for a process nobody may see yet).
fn open_for_contributions(status: Status) -> AppResult<()> {
    if status.is_open() {
        Ok(())
    } else if status.is_public() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::NotFound)
    }
}

/// `POST /besoins/{id}/soutien`: supports the need, or withdraws the support.
pub async fn support(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let (need_status, process_status) = needs::store::standing(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if need_status != NeedStatus::Published {
        return Err(AppError::NotFound);
    }
    open_for_contributions(process_status)?;
    let add = form.action.parse::<SupportAction>() != Ok(SupportAction::Withdraw);
    let change = SupportChange {
        need_id: id,
        user_id: account.id,
        add,
        limit: (
            format!("supports:{}", account.id),
            SUPPORTS_PER_HOUR,
            3_600_000,
        ),
    };
    if state.supports.write(&state.db, change).await? == Outcome::TooMany {
        return Err(AppError::TooManyRequests);
    }
    let flash = if add {
        "flash-support-added"
    } else {
        "flash-support-withdrawn"
    };
    Ok(redirect_with_flash(
        &state,
        &format!("/besoins/{id}#soutiens"),
        flash,
    ))
}

/// The comment form.
#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    comment: String,
    parent: Option<i64>,
}

/// `POST /besoins/{id}/commentaires`: comments the need, or answers a comment.
pub async fn comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.clone();
    let need = needs::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if need.status != NeedStatus::Published {
        return Err(AppError::NotFound);
    }
    let process = processes::store::by_id(&state.db, need.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    open_for_contributions(process.status)?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let body = errors.check(
        tr,
        "comment",
        need::validate_text(&form.comment, need::MAX_COMMENT_CHARS, true),
    );
    let parent = match form.parent {
        Some(parent) if needs::store::is_top_level_comment(&state.db, id, parent).await? => {
            Some(parent)
        }
        Some(_) => return Err(AppError::NotFound),
        None => None,
    };
    let Some(body) = body else {
        return need_page(&state, &visitor, need, errors).await;
    };
    auth::limit(
        &state,
        &format!("comments:{}", account.id),
        COMMENTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    needs::store::add_comment(&state.db, id, parent, account.id, &body).await?;
    crate::features::moderation::digests::tell_author(
        &state.db,
        need.author_id,
        account.id,
        id,
        Kind::Commented,
        &account.display_name,
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/besoins/{id}#commentaires"),
        "flash-comment-added",
    ))
}

/// The report form.
#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
}

/// Reports per account per hour.
const REPORTS_PER_HOUR: i64 = 20;

async fn report(
    state: &AppState,
    visitor: &Visitor,
    need_id: i64,
    target: moderation::store::Target,
    form: ReportForm,
) -> AppResult<Response> {
    let account = visitor.require_account()?.clone();
    let need = needs::store::by_id(&state.db, need_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Only what the reporter can see (a draft process is its team's); a closed process's
    // contributions may still be reported.
    let process = processes::store::by_id(&state.db, need.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_process(state, visitor, &process.slug).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let field = match target {
        moderation::store::Target::Need(_) => "report_need",
        moderation::store::Target::Comment(_) => "report_comment",
    };
    let Some(reason) = errors.check(tr, field, need::validate_text(&form.reason, 500, true)) else {
        return need_page(state, visitor, need, errors).await;
    };
    auth::limit(
        state,
        &format!("reports:{}", account.id),
        REPORTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    moderation::store::report(&state.db, need.process_id, target, account.id, &reason).await?;
    Ok(redirect_with_flash(
        state,
        &format!("/besoins/{need_id}"),
        "flash-reported",
    ))
}

/// `POST /besoins/{id}/signalement`: reports a need to the process's moderators.
pub async fn report_need(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    report(
        &state,
        &visitor,
        id,
        moderation::store::Target::Need(id),
        form,
    )
    .await
}

/// `POST /commentaires/{id}/signalement`: reports a comment to the process's moderators.
pub async fn report_comment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ReportForm>,
) -> AppResult<Response> {
    let (_, need_id) = moderation::store::comment_owner(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    report(
        &state,
        &visitor,
        need_id,
        moderation::store::Target::Comment(id),
        form,
    )
    .await
}
