//! A territory's portrait (public): its figures beside a reference territory the reader picks,
//! a map of an indicator over the units below, what the consultation gathered there, the
//! sources; and the same tables as CSV. The body is written once per revision, language and
//! choice, and kept.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::needs::exports::{Format, table};
use crate::features::observatory::figures::{Figure, Profile, Tree};
use crate::features::observatory::portrait::{
    self, Indicator, Reach, Reference, Table, least_heard,
};
use crate::features::observatory::service;
use crate::features::observatory::store::{self, Gathered};
use crate::features::territories;
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::features::territories::pages::level_label;
use crate::features::territories::store::Territory;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::page::{KEPT_HERE, PageCtx, render_around};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;
use exports::xlsx::Cell;

/// What the reader picked.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PortraitQuery {
    /// The reference territory's id.
    reference: Option<String>,
    /// The indicator mapped.
    indicateur: Option<String>,
}

/// A choice of a picker.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// What the included map template reads.
struct Texts {
    tr: Tr,
}

/// A unit below, as listed.
struct UnitRow {
    href: String,
    name: String,
    population: String,
    needs: String,
    per_thousand: String,
    indicator: String,
}

#[derive(Template)]
#[template(path = "observatory/templates/portrait_body.html")]
struct PortraitBody {
    page: Texts,
    href: String,
    references: Vec<Choice>,
    indicators: Vec<Choice>,
    indicator_label: String,
    headlines: Vec<String>,
    coverage: Vec<String>,
    indicator_column: bool,
    tables: Vec<Table>,
    least_heard: Vec<String>,
    units_level: String,
    units: Vec<UnitRow>,
    map: Option<std::sync::Arc<RenderedMap>>,
    sources: Vec<(String, String, String)>,
    export_query: String,
}

#[derive(Template)]
#[template(path = "observatory/templates/portrait.html")]
struct PortraitPage {
    page: PageCtx,
    territory: Territory,
    level_label: String,
    ancestors: Vec<(String, String)>,
    kept_here: &'static str,
}

fn href(t: &Territory) -> String {
    format!("/territoires/{}/{}", t.level, t.code)
}

/// The territories a portrait can be compared with: those containing it, and its
/// département when the platform holds it.
async fn references(state: &AppState, territory: &Territory) -> AppResult<Vec<Territory>> {
    let mut found = territories::store::ancestors(&state.db, territory.id).await?;
    if matches!(territory.level.as_str(), "commune" | "iris") && territory.code.len() >= 5 {
        let department = &territory.code[..2];
        let held = territories::store::by_level_code(&state.db, "departement", department).await?;
        found.extend(held.filter(|d| found.iter().all(|f| f.id != d.id)));
    }
    Ok(found)
}

/// Everything a portrait's body needs read, then written.
async fn body(
    state: &AppState,
    territory: &Territory,
    query: &PortraitQuery,
    revision: service::Revision,
    tr: Tr,
) -> AppResult<(Bytes, Vec<Table>)> {
    let candidates = references(state, territory).await?;
    let reference = query
        .reference
        .as_deref()
        .and_then(|r| r.parse::<i64>().ok())
        .and_then(|id| candidates.iter().find(|c| c.id == id))
        .or(candidates.first());
    let indicator = Indicator::from_slug(query.indicateur.as_deref().unwrap_or(""));
    let caches = &state.observatory;
    let tree = service::tree(&state.db, caches, territory.id, revision).await?;
    let their_tree = match reference {
        Some(r) => Some(service::tree(&state.db, caches, r.id, revision).await?),
        None => None,
    };
    let widest = their_tree.as_deref().unwrap_or(&tree);
    let widest_root = reference.map_or(territory.id, |r| r.id);
    let communes: Vec<i64> = widest.communes(widest_root).iter().map(|c| c.id).collect();
    let by_commune: HashMap<i64, Gathered> = store::gathered(&state.db, &communes)
        .await?
        .into_iter()
        .map(|g| (g.territory_id, g))
        .collect();
    let unit = tree.unit(territory.id).ok_or(AppError::NotFound)?;
    let reach = Reach::of(&tree, unit, &by_commune);
    let their_reach = reference
        .and_then(|r| {
            Some(Reach::of(
                their_tree.as_deref()?,
                their_tree.as_deref()?.unit(r.id)?,
                &by_commune,
            ))
        })
        .unwrap_or_default();
    let figures = tree.figures(territory.id);
    let reference_view = Reference {
        name: reference.map_or("", |r| r.name.as_str()),
        figures: reference.and_then(|r| their_tree.as_deref()?.figures(r.id)),
        gathered: (their_reach.gathered.clone(), their_reach.inhabitants),
    };
    let mut tables = portrait::tables(figures, &reach, &reference_view, &territory.name, tr);
    let mut least_represented = None;
    if reach.counted {
        let here: Vec<i64> = tree.communes(territory.id).iter().map(|c| c.id).collect();
        let by = |rows: Vec<(String, i64)>| rows.into_iter().collect::<HashMap<_, _>>();
        let ages = by(store::participants_by(&state.db, &here, "age").await?);
        let publics = by(store::participants_by(&state.db, &here, "public").await?);
        let participation = portrait::participation_table(&ages, figures, tr);
        least_represented = participation
            .as_ref()
            .and_then(|t| portrait::least_represented(t, tr));
        tables.extend(participation);
        tables.extend(portrait::publics_table(&publics, tr));
        tables.extend(qpv(state, territory.id, &here, reach.inhabitants, tr).await?);
    }
    let below: Vec<(&store::Unit, Reach)> = tree
        .children(territory.id)
        .into_iter()
        .map(|u| (u, Reach::of(&tree, u, &by_commune)))
        .collect();
    let written = |value: Option<f64>| match (value, indicator) {
        (None, _) => String::new(),
        (Some(v), Indicator::Population) => portrait::count(v, tr),
        (Some(v), Indicator::AgeShare(_) | Indicator::Occupation(_)) => tr.lang.percent(v / 100.0),
        (Some(v), _) => tr.lang.decimal(v, 1),
    };
    let units = below
        .iter()
        .map(|(u, r)| UnitRow {
            href: format!("/territoires/{}/{}/portrait", u.level, u.code),
            name: u.name.clone(),
            population: r
                .inhabitants
                .map(|p| portrait::count(p, tr))
                .unwrap_or_default(),
            needs: if r.counted {
                r.gathered.needs.to_string()
            } else {
                String::new()
            },
            per_thousand: r
                .per_thousand(r.gathered.needs)
                .map(|v| tr.lang.decimal(v, 1))
                .unwrap_or_default(),
            indicator: written(indicator.value(tree.figures(u.id), r)),
        })
        .collect();
    let least_heard = least_heard(&below)
        .into_iter()
        .map(|(u, v)| {
            tr.t_args(
                "observatory-least-heard-one",
                &[("name", u.name.as_str()), ("value", &tr.lang.decimal(v, 1))],
            )
        })
        .chain(least_represented)
        .collect();
    let map = indicator_map(state, &tree, territory, indicator, &by_commune, tr).await?;
    let mut coverage: Vec<String> = coverage_of(&tree, territory.id, figures, tr)
        .map(|c| written_with(tr, "observatory-coverage", &c.as_args()))
        .into_iter()
        .collect();
    if let (Some(r), Some(theirs)) = (reference, their_tree.as_deref()) {
        coverage.extend(
            coverage_of(theirs, r.id, theirs.figures(r.id), tr).map(|c| {
                let mut args = c.as_args();
                args.push(("name", r.name.clone()));
                written_with(tr, "observatory-coverage-reference", &args)
            }),
        );
    }
    let mut dataset_ids: Vec<i64> = tree.origin.values().copied().collect();
    dataset_ids.sort_unstable();
    dataset_ids.dedup();
    let sources = service::sources(&state.db, &dataset_ids).await?;
    let base = format!("{}/portrait", href(territory));
    let export_query = format!(
        "?reference={}",
        reference.map_or(String::new(), |r| r.id.to_string())
    );
    let page = PortraitBody {
        page: Texts { tr },
        references: candidates
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: format!("{} ({})", c.name, level_label(tr, &c.level, false)),
                selected: reference.is_some_and(|r| r.id == c.id),
            })
            .collect(),
        indicators: Indicator::all()
            .into_iter()
            .map(|i| Choice {
                value: i.slug(),
                label: i.label(tr),
                selected: i == indicator,
            })
            .collect(),
        indicator_label: indicator.label(tr),
        indicator_column: indicator != Indicator::Population,
        headlines: portrait::headlines(figures, tr),
        coverage,
        least_heard,
        units_level: below
            .first()
            .map(|(u, _)| level_label(tr, &u.level, true))
            .unwrap_or_default(),
        units,
        map,
        sources,
        export_query,
        href: base,
        tables,
    };
    let html = page.render()?;
    Ok((Bytes::from(html), page.tables))
}

/// How much of a unit the census covers: its communes with census figures, all its
/// communes, and the covered ones' share of its population (when not all are covered).
struct Coverage {
    covered: usize,
    all: usize,
    share: String,
}

impl Coverage {
    fn as_args(&self) -> Vec<(&'static str, String)> {
        vec![
            ("covered", self.covered.to_string()),
            ("all", self.all.to_string()),
            ("share", self.share.clone()),
        ]
    }
}

/// A message with owned arguments.
fn written_with(tr: Tr, key: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tr.t_args(key, &args)
}

fn coverage_of(
    tree: &Tree,
    id: i64,
    figures: Option<&HashMap<String, Figure>>,
    tr: Tr,
) -> Option<Coverage> {
    let (year, _) = figures.and_then(|f| Profile::of(f).ages)?;
    let (covered, missing) = tree.communes_with(id, &format!("P{:02}_POP0014", year % 100));
    if missing.is_empty() || covered.is_empty() {
        return None;
    }
    let people = |units: &[&store::Unit]| units.iter().filter_map(|u| u.population).sum::<i64>();
    let share = people(&covered) as f64 / (people(&covered) + people(&missing)).max(1) as f64;
    Some(Coverage {
        covered: covered.len(),
        all: covered.len() + missing.len(),
        share: tr.lang.percent(share),
    })
}

/// The priority neighbourhoods (QPV) imported under a unit: the needs placed in them and out
/// of them, their inhabitants; `None` without any.
async fn qpv(
    state: &AppState,
    unit: i64,
    communes: &[i64],
    inhabitants: Option<f64>,
    tr: Tr,
) -> AppResult<Option<Table>> {
    let shapes: Vec<_> = territories::store::shapes_under(&state.db, &[unit])
        .await?
        .into_iter()
        .filter(|s| s.level == "qpv")
        .collect();
    if shapes.is_empty() {
        return Ok(None);
    }
    let people = shapes.iter().filter_map(|s| s.population).sum::<i64>();
    let known = shapes.iter().any(|s| s.population.is_some());
    let points = store::placed_needs(&state.db, communes).await?;
    let geometries = shapes
        .iter()
        .filter_map(|s| geokit::geojson::parse_geometry(&s.geometry).ok())
        .collect();
    let counted = tokio::task::spawn_blocking(move || {
        let index = geokit::locate::PointIndex::new(geometries);
        let inside = points
            .iter()
            .filter(|p| index.locate(**p).is_some())
            .count();
        (inside, points.len() - inside)
    })
    .await
    .map_err(|e| AppError::Internal(format!("QPV counts: {e}")))?;
    Ok(Some(portrait::qpv_table(
        counted,
        known.then_some(people),
        inhabitants,
        tr,
    )))
}

/// The map of an indicator over the units below (the deepest with a boundary).
async fn indicator_map(
    state: &AppState,
    tree: &Tree,
    territory: &Territory,
    indicator: Indicator,
    by_commune: &HashMap<i64, Gathered>,
    tr: Tr,
) -> AppResult<Option<std::sync::Arc<RenderedMap>>> {
    let mut values = HashMap::new();
    let mut stack = vec![territory.id];
    while let Some(id) = stack.pop() {
        for unit in tree.children(id) {
            let reach = Reach::of(tree, unit, by_commune);
            if let Some(value) = indicator.value(tree.figures(unit.id), &reach) {
                values.insert(unit.id, value);
            }
            stack.push(unit.id);
        }
    }
    let mut texts = MapTexts::population(
        tr,
        tr.t_args(
            "observatory-map-title",
            &[
                ("indicator", &indicator.label(tr)),
                ("name", &territory.name),
            ],
        ),
        "observatory-map-description",
    );
    texts.legend_title = indicator.label(tr);
    texts.unit = match indicator {
        Indicator::AgeShare(_) | Indicator::Occupation(_) => "%".into(),
        Indicator::Population => tr.t("unit-inhabitants"),
        _ => String::new(),
    };
    let map = state
        .geo
        .territory_map(
            &state.db,
            &[territory.id],
            Colouring::Values(values),
            texts,
            "carte-indicateur",
        )
        .await?;
    Ok((map.rows.len() > 1).then_some(map))
}

/// The portrait (body and tables), kept per territory, language and choice at the revision.
async fn kept_body(
    state: &AppState,
    territory: &Territory,
    query: &PortraitQuery,
    tr: Tr,
) -> AppResult<std::sync::Arc<service::KeptPortrait>> {
    let revision = store::revision(&state.db).await?;
    let key = format!(
        "{}|{}|{}|{}",
        territory.id,
        tr.lang.code(),
        query.reference.as_deref().unwrap_or(""),
        query.indicateur.as_deref().unwrap_or("")
    );
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    let slot = hasher.finish() as i64;
    let bodies = &state.observatory.bodies;
    if let Some(kept) = bodies.get(slot, &revision).filter(|k| k.key == key) {
        return Ok(kept);
    }
    let (html, tables) = body(state, territory, query, revision, tr).await?;
    Ok(bodies.put(slot, revision, service::KeptPortrait { key, html, tables }))
}

/// The territory at this level with this code, or 404.
async fn territory(state: &AppState, level: &str, code: &str) -> AppResult<Territory> {
    territories::store::by_level_code(&state.db, level, code)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /territoires/{level}/{code}/portrait`: the portrait, public.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((level, code)): Path<(String, String)>,
    Query(query): Query<PortraitQuery>,
) -> AppResult<Response> {
    let territory = territory(&state, &level, &code).await?;
    let tr = visitor.tr();
    let body = kept_body(&state, &territory, &query, tr)
        .await?
        .html
        .clone();
    let ancestors = territories::store::ancestors(&state.db, territory.id).await?;
    let page = PortraitPage {
        page: PageCtx::new(&state, &visitor),
        level_label: level_label(tr, &territory.level, false),
        ancestors: ancestors
            .iter()
            .rev()
            .map(|t| (format!("{}/portrait", href(t)), t.name.clone()))
            .collect(),
        territory,
        kept_here: KEPT_HERE,
    };
    render_around(&page, body)
}

/// `GET /territoires/{level}/{code}/portrait.csv`: every table of the portrait as kept for
/// the page, one row per line, with its year and the reference's share.
pub async fn csv(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((level, code)): Path<(String, String)>,
    Query(query): Query<PortraitQuery>,
) -> AppResult<Response> {
    let territory = territory(&state, &level, &code).await?;
    let tr = visitor.tr();
    let kept = kept_body(&state, &territory, &query, tr).await?;
    let tables = &kept.tables;
    let header = [
        tr.t("observatory-csv-table"),
        tr.t("observatory-csv-year"),
        tr.t("observatory-csv-label"),
        tr.t("observatory-csv-count"),
        tr.t("observatory-csv-share"),
        tr.t("observatory-csv-reference"),
        tr.t("observatory-csv-fragile"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = tables
        .iter()
        .flat_map(|t| {
            t.rows.iter().map(|r| {
                let number = |n: Option<f64>| n.map_or(Cell::Empty, |n| Cell::Number(rounded(n)));
                vec![
                    Cell::Text(t.title.clone()),
                    Cell::Text(t.year.clone()),
                    Cell::Text(r.label.clone()),
                    Cell::Number(rounded(r.numbers.0)),
                    number(r.numbers.1),
                    number(r.numbers.2),
                    Cell::Text(if r.fragile { "1" } else { "" }.into()),
                ]
            })
        })
        .collect();
    let name = format!("portrait-{}-{}", territory.level, territory.code);
    table(Format::Csv, &name, "portrait", &header, rows)
}

/// A figure to 0.01: INSEE's weighted counts carry decimals of no meaning past that.
fn rounded(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
