//! The ressourcerie's page: a process's published resources, searched in French and filtered
//! by kind, theme, project stage, audience and place, by pages. The unfiltered first page's
//! list is written once per revision, language and day, and kept.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;

use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process;
use crate::features::processes::rules::Day;
use crate::features::processes::store::Process;
use crate::features::resources::rules::{Audience, ProjectStage, ResourceKind};
use crate::features::resources::service::{self, Entry, Filters};
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{Choice, Pairs};
use crate::platform::web::page::{KEPT_HERE, PageCtx, render_around};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Resources per page (Aides-territoires shows 18): a page stays light on a phone.
const PER_PAGE: usize = 20;
/// Characters of a summary a card shows.
const EXCERPT_CHARS: usize = 220;

/// A resource as a card shows it.
pub struct Card {
    /// Its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// Its kind, written.
    pub kind: String,
    /// The start of its summary, as plain text.
    pub excerpt: String,
    /// What a funding offers and until when (empty for other kinds).
    pub funding: String,
    /// Whether its deadline has passed.
    pub expired: bool,
    /// Its themes' names.
    pub themes: Vec<String>,
}

impl Card {
    /// The card of an entry.
    pub fn of(entry: &Entry, settings: &ProcessSettings, tr: Tr, today: &str) -> Card {
        let r = &entry.resource;
        let plain: String = r
            .summary
            .chars()
            .filter(|c| !matches!(c, '#' | '*' | '_' | '`' | '>' | '[' | ']'))
            .collect();
        let mut excerpt: String = plain.chars().take(EXCERPT_CHARS).collect();
        if plain.chars().count() > EXCERPT_CHARS {
            excerpt.push('…');
        }
        Card {
            href: format!("/ressources/{}", r.id),
            title: r.title.clone(),
            kind: tr.t(&format!("resource-kind-{}", r.kind.as_str())),
            excerpt,
            funding: service::funding_line(r, tr),
            expired: entry.expired(today),
            themes: entry
                .themes
                .iter()
                .filter_map(|id| settings.theme(*id).map(|t| t.name.clone()))
                .collect(),
        }
    }
}

/// What the page shows the same to everyone: the filters as chosen, the count, the cards and
/// the pager (kept in memory when nothing is chosen).
#[derive(Template)]
#[template(path = "resources/templates/cards.html")]
struct Cards {
    tr: Tr,
    slug: String,
    q: String,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    stages: Vec<Choice>,
    audiences: Vec<Choice>,
    places: Vec<Choice>,
    past: bool,
    found: usize,
    cards: Vec<Card>,
    previous_href: Option<String>,
    next_href: Option<String>,
}

#[derive(Template)]
#[template(path = "resources/templates/list.html")]
struct ListPage {
    page: PageCtx,
    process: Process,
    /// Whether the visitor runs the ressourcerie.
    team: bool,
    kept_here: &'static str,
}

/// Choices of stored words with an « all » choice first.
fn word_choices<'a>(
    words: impl IntoIterator<Item = &'a str>,
    prefix: &str,
    all: &str,
    tr: Tr,
    chosen: &str,
) -> Vec<Choice> {
    let mut choices = vec![Choice::new("", tr.t(all), chosen)];
    choices.extend(Choice::words(words, prefix, tr, chosen));
    choices
}

/// The process's themes as choices, with an « all » choice first.
pub fn theme_choices(settings: &ProcessSettings, tr: Tr, chosen: &str) -> Vec<Choice> {
    let mut choices = vec![Choice::new("", tr.t("filter-all-themes"), chosen)];
    choices.extend(Choice::list(
        settings
            .themes
            .iter()
            .map(|t| (t.id.to_string(), t.name.clone())),
        chosen,
    ));
    choices
}

/// The process's EPCI then communes as choices.
pub fn place_choices(settings: &ProcessSettings, tr: Tr, chosen: &[String]) -> Vec<Choice> {
    let epci = tr.t("level-epci");
    settings
        .epcis
        .iter()
        .map(|t| (t.id, format!("{} — {epci}", t.name)))
        .chain(settings.communes.iter().map(|t| (t.id, t.name.clone())))
        .map(|(id, label)| {
            let value = id.to_string();
            let selected = chosen.contains(&value);
            Choice {
                value,
                label,
                selected,
            }
        })
        .collect()
}

/// The list's address with its query and another page.
fn page_href(slug: &str, query: &Pairs, page: usize) -> String {
    let mut pairs: Vec<(String, String)> = query
        .0
        .iter()
        .filter(|(k, v)| k != "p" && !v.is_empty())
        .cloned()
        .collect();
    if page > 1 {
        pairs.push(("p".into(), page.to_string()));
    }
    let encoded = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if encoded.is_empty() {
        format!("/demarches/{slug}/ressources")
    } else {
        format!("/demarches/{slug}/ressources?{encoded}")
    }
}

/// `GET /demarches/{slug}/ressources`: the published resources, searched and filtered.
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let query = Pairs(query);
    let filters = Filters::read(&query);
    let page_number = query.get("p").parse::<usize>().unwrap_or(1).max(1);
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let today = Day::today().iso();
    let chosen = |field: &str| query.get(field);
    let write_cards = |catalogue: &service::Catalogue| -> AppResult<String> {
        let found = catalogue.find(&filters, &settings, &today);
        let pages = found.len().div_ceil(PER_PAGE).max(1);
        let cards = found
            .iter()
            .skip((page_number - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|e| Card::of(e, &settings, tr, &today))
            .collect();
        Ok(Cards {
            tr,
            slug: slug.clone(),
            q: filters.text.clone(),
            kinds: word_choices(
                ResourceKind::ALL.iter().map(|k| k.as_str()),
                "resource-kind-",
                "filter-all-kinds",
                tr,
                &chosen("type"),
            ),
            themes: theme_choices(&settings, tr, &chosen("theme")),
            stages: word_choices(
                ProjectStage::ALL.iter().map(|s| s.as_str()),
                "project-stage-",
                "filter-all-stages",
                tr,
                &chosen("etape"),
            ),
            audiences: word_choices(
                Audience::ALL.iter().map(|a| a.as_str()),
                "audience-",
                "filter-all-audiences",
                tr,
                &chosen("public"),
            ),
            places: place_choices(&settings, tr, &[chosen("lieu")]),
            past: filters.past,
            found: found.len(),
            cards,
            previous_href: (page_number > 1).then(|| page_href(&slug, &query, page_number - 1)),
            next_href: (page_number < pages).then(|| page_href(&slug, &query, page_number + 1)),
        }
        .render()?)
    };
    let (revision, catalogue) = service::catalogue(&state.db, &state.resources, process.id).await?;
    let cards = if filters.is_default() && page_number == 1 {
        let key = (revision, process.settings_revision, tr.lang, today.clone());
        state
            .resources
            .first_pages
            .get_or_make(process.id, key, |_| {
                write_cards(&catalogue).map(axum::body::Bytes::from)
            })?
    } else {
        std::sync::Arc::new(axum::body::Bytes::from(write_cards(&catalogue)?))
    };
    let page = ListPage {
        page: PageCtx::new(&state, &visitor),
        team: service::runs(&visitor, &roles),
        kept_here: KEPT_HERE,
        process,
    };
    render_around(&page, (*cards).clone())
}
