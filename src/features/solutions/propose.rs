//! Proposing a solution: the form (text, theme, place, carriers, the needs and clusters it
//! answers, chosen by number or link, by search, from suggestions computed from its text, or
//! from a need's page), and what it sends, validated and stored by the solutions service. A
//! facilitator may propose on behalf of a workshop or event of the process.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::accounts;
use crate::features::events;
use crate::features::needs;
use crate::features::needs::rules::{parse_point, search_terms};
use crate::features::needs::setting::Setting;
use crate::features::processes::store::Process;
use crate::features::solutions::list::solutions_setting;
use crate::features::solutions::rules::{self as solution, Scope, Source};
use crate::features::solutions::service::{self, LinkError};
use crate::features::solutions::store::{self, NewSolution, Stage};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::auth;
use crate::platform::clock::now_ms;
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::platform::permissions::ProcessAction;
use crate::platform::web::forms::{Choice, FormErrors, Pairs};
use crate::platform::web::page::{MessagePage, PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Solutions one account may propose in an hour.
const SOLUTIONS_PER_HOUR: i64 = 20;
/// Needs suggested from a solution's text.
const SUGGESTED: usize = 8;
/// Needs a search in the form shows.
const SEARCHED: i64 = 8;

#[derive(Template)]
#[template(path = "solutions/templates/new.html")]
struct NewPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    form: Pairs,
    themes: Vec<Choice>,
    scopes: Vec<Choice>,
    epcis: Vec<Choice>,
    communes: Vec<Choice>,
    events: Vec<Choice>,
    /// Needs already chosen, then those suggested from the text, then those searched.
    chosen: Vec<Choice>,
    suggested: Vec<Choice>,
    searched: Vec<Choice>,
    /// What the searched needs are: found by words, or voiced in the chosen commune.
    searched_heading: String,
    clusters: Vec<Choice>,
    other_clusters: Vec<Choice>,
    map: std::sync::Arc<RenderedMap>,
}

/// A need or cluster offered as a checkbox.
fn ticked(id: i64, label: String, checked: bool) -> Choice {
    Choice {
        value: id.to_string(),
        label,
        selected: checked,
    }
}

/// The ids a repeated checkbox field carries.
fn checked_ids(form: &Pairs, name: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = form
        .all(name)
        .iter()
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    ids.dedup();
    ids
}

/// Every need the form names: ticked, or typed as numbers and links (an unreadable piece is
/// noted next to the field).
fn named_needs(form: &Pairs, tr: Tr, errors: &mut FormErrors) -> Vec<i64> {
    let mut ids = checked_ids(form, "besoin");
    match solution::need_references(&form.get("besoins")) {
        Ok(typed) => {
            for id in typed {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Err(piece) => errors.add_message("besoins", tr.t1("error-need-reference", "piece", piece)),
    }
    ids
}

async fn new_page(
    state: &AppState,
    visitor: &Visitor,
    setting: Setting,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let process_id = setting.process.id;
    let mut scratch = FormErrors::default();
    let chosen_ids = named_needs(&form, tr, &mut scratch);
    let chosen_needs = store::needs_in_process(&state.db, process_id, &chosen_ids).await?;
    // In the order they were named.
    let chosen: Vec<Choice> = chosen_ids
        .iter()
        .filter_map(|id| chosen_needs.iter().find(|(found, _, _)| found == id))
        .map(|(id, _, title)| ticked(*id, title.clone(), true))
        .collect();
    let text = format!("{} {}", form.get("title"), form.get("body"));
    let mut suggested = Vec::new();
    let mut cluster_hints: Vec<i64> = Vec::new();
    if !text.trim().is_empty() {
        let index = state
            .solutions
            .need_index(&state.db, &setting.process)
            .await?;
        let nearest = index.nearest(&text, SUGGESTED + chosen.len());
        let ids: Vec<i64> = nearest.iter().map(|(id, _, _)| *id).collect();
        cluster_hints = store::clusters_of_needs(&state.db, process_id, &ids)
            .await?
            .into_iter()
            .map(|(_, cluster, _, _)| cluster)
            .collect();
        suggested = nearest
            .into_iter()
            .filter(|(id, _, _)| !chosen_ids.contains(id))
            .take(SUGGESTED)
            .map(|(id, label, _)| ticked(id, label, false))
            .collect();
    }
    // Needs found by words, or voiced in the commune chosen on the map (the most supported
    // first), or both.
    let wanted = form.get("recherche");
    let code = form.get("commune");
    let commune = setting
        .communes
        .iter()
        .find(|c| !code.is_empty() && c.code == code);
    let filter = needs::store::Filter {
        terms: search_terms(&wanted).0,
        territories: commune.map(|c| vec![c.id]),
        ..Default::default()
    };
    let mut searched = Vec::new();
    let searched_heading = match (filter.terms.is_empty(), commune) {
        (true, None) => String::new(),
        (true, Some(c)) => tr.t1("solution-needs-in-commune", "commune", &c.name),
        (false, _) => tr.t("solution-needs-searched"),
    };
    if !searched_heading.is_empty() {
        let sort = if filter.terms.is_empty() {
            needs::store::Sort::Supported
        } else {
            needs::store::Sort::Recent
        };
        let (found, _) =
            needs::store::list(&state.db, process_id, &filter, sort, None, SEARCHED).await?;
        searched = found
            .into_iter()
            .filter(|n| !chosen_ids.contains(&n.id))
            .map(|n| ticked(n.id, n.title, false))
            .collect();
    }
    let ticked_clusters = checked_ids(&form, "groupe");
    // The clusters ticked or holding the suggested needs first (the likeliest answers); the
    // others folded away.
    let (clusters, other_clusters): (Vec<Choice>, Vec<Choice>) =
        store::published_clusters(&state.db, process_id)
            .await?
            .into_iter()
            .map(|(id, label)| ticked(id, label, ticked_clusters.contains(&id)))
            .partition(|c| {
                let id = c.value.parse::<i64>().unwrap_or_default();
                c.selected || cluster_hints.contains(&id)
            });
    let events = if visitor.may_in_process(&setting.roles, ProcessAction::Facilitate) {
        let none = (String::new(), tr.t("solution-event-none"));
        let listed = events::store::of_process(&state.db, process_id)
            .await?
            .into_iter()
            .map(|e| (e.id.to_string(), e.title));
        Choice::list(std::iter::once(none).chain(listed), &form.get("evenement"))
    } else {
        Vec::new()
    };
    let title = tr.t1("solution-place-map-title", "title", &setting.process.title);
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
    let chosen_scope = form.get("portee");
    let mut scopes = vec![Choice::new("", tr.t("scope-auto"), &chosen_scope)];
    scopes.extend(Choice::words(
        Scope::ALL.iter().map(|s| s.as_str()),
        "scope-",
        tr,
        &chosen_scope,
    ));
    let epcis = Choice::list(
        std::iter::once((String::new(), tr.t("solution-epci-none"))).chain(
            setting
                .epcis
                .iter()
                .map(|e| (e.id.to_string(), e.name.clone())),
        ),
        &form.get("epci"),
    );
    let page = NewPage {
        page: PageCtx::new(state, visitor),
        themes: setting.theme_choices(tr, &form.get("theme")),
        communes: setting.commune_choices(tr, &form.get("commune")),
        scopes,
        epcis,
        events,
        chosen,
        suggested,
        searched,
        searched_heading,
        clusters,
        other_clusters,
        map,
        process: setting.process,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

fn closed(state: &AppState, visitor: &Visitor, process: &Process) -> AppResult<Response> {
    let tr = visitor.tr();
    let mut response = render(&MessagePage {
        page: PageCtx::new(state, visitor),
        title: tr.t("solutions-closed-title"),
        text: tr.t("solutions-closed-text"),
        link: Some((
            format!("/demarches/{}/solutions", process.slug),
            tr.t("solutions-title"),
        )),
    })?;
    *response.status_mut() = axum::http::StatusCode::FORBIDDEN;
    Ok(response)
}

/// The query of the form's address: the need it answers, from that need's page.
#[derive(Deserialize)]
pub struct NewQuery {
    besoin: Option<i64>,
}

/// `GET /demarches/{slug}/solutions/nouvelle`.
pub async fn new_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    visitor.require_account()?;
    let (setting, _) = solutions_setting(&state, &visitor, &slug).await?;
    if !setting.open {
        return closed(&state, &visitor, &setting.process);
    }
    let form = Pairs(
        query
            .besoin
            .map(|id| ("besoin".to_owned(), id.to_string()))
            .into_iter()
            .collect(),
    );
    new_page(&state, &visitor, setting, FormErrors::default(), form).await
}

/// A solution's place as the form gives it: its scope, territory and point.
async fn chosen_place(
    state: &AppState,
    setting: &Setting,
    form: &Pairs,
    tr: Tr,
    errors: &mut FormErrors,
) -> AppResult<(Scope, Option<i64>, Option<[f64; 2]>)> {
    let point = parse_point(&form.get("lat"), &form.get("lon"));
    // Left to « déduite du lieu », the scope follows the most precise place given.
    let scope = match form.get("portee").parse::<Scope>() {
        Ok(scope) => scope,
        Err(_) if point.is_some() => Scope::Point,
        Err(_) if !form.get("commune").is_empty() => Scope::Commune,
        Err(_) if !form.get("epci").is_empty() => Scope::Epci,
        Err(_) => Scope::Territory,
    };
    Ok(match scope {
        Scope::Territory => (scope, None, None),
        Scope::Epci => {
            let epci = form.get("epci").parse::<i64>().ok();
            match epci.filter(|id| setting.epcis.iter().any(|e| e.id == *id)) {
                Some(id) => (scope, Some(id), None),
                None => {
                    errors.add_message("epci", tr.t("error-epci-required"));
                    (scope, None, None)
                }
            }
        }
        Scope::Commune => {
            let commune = setting.chosen_commune(&form.get("commune"), tr, errors);
            if commune.is_none() && errors.get("commune").is_none() {
                errors.add_message("commune", tr.t("error-commune-required"));
            }
            (scope, commune, None)
        }
        Scope::Point => match point {
            Some(point) => match state.geo.locate(&state.db, point).await? {
                Some((id, _, _)) if setting.commune(id).is_some() => (scope, Some(id), Some(point)),
                _ => {
                    errors.add_message("commune", tr.t("error-place-outside"));
                    (scope, None, None)
                }
            },
            None => {
                errors.add_message("commune", tr.t("error-point-required"));
                (scope, None, None)
            }
        },
    })
}

/// The accounts named as carriers by their e-mail addresses; an unknown one is an error.
async fn named_carriers(
    state: &AppState,
    raw: &str,
    tr: Tr,
    errors: &mut FormErrors,
) -> AppResult<Vec<i64>> {
    let mut ids = Vec::new();
    for email in raw
        .split([',', ';', '\n', ' '])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        match accounts::users::by_email(&state.db, email).await? {
            Some(user) if !ids.contains(&user.id) => ids.push(user.id),
            Some(_) => {}
            None => {
                errors.add_message("porteurs", tr.t1("error-carrier-unknown", "email", email));
                return Ok(ids);
            }
        }
    }
    if ids.len() > solution::MAX_CARRIERS {
        errors.add_message(
            "porteurs",
            tr.t1("error-carriers-too-many", "n", solution::MAX_CARRIERS),
        );
    }
    Ok(ids)
}

/// Notes why the needs and clusters cannot be linked, next to the needs field.
pub fn link_message(error: &LinkError, tr: Tr) -> String {
    let ids = |ids: &[i64]| {
        ids.iter()
            .map(|id| format!("n° {id}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match error {
        LinkError::Missing => tr.t("error-links-required"),
        LinkError::UnknownNeeds(list) => tr.t1("error-needs-unknown", "ids", ids(list)),
        LinkError::UnpublishedNeeds(list) => tr.t1("error-needs-unpublished", "ids", ids(list)),
        LinkError::UnknownClusters(list) => tr.t1("error-clusters-unknown", "ids", ids(list)),
    }
}

/// The stage a new solution starts at (the first), with its progress.
pub fn first_stage(stages: &[Stage]) -> (Option<i64>, i64) {
    stages
        .first()
        .map_or((None, 0), |s| (Some(s.id), s.progress.unwrap_or(0)))
}

/// `POST /demarches/{slug}/solutions`: proposes a solution (or, with `action=suggerer`, shows
/// the form again with the needs closest to its text and those a search finds).
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let account = visitor.require_account()?.clone();
    let (setting, stages) = solutions_setting(&state, &visitor, &slug).await?;
    if !setting.open {
        return closed(&state, &visitor, &setting.process);
    }
    let list = format!("/demarches/{slug}/solutions");
    if !form.get("website").is_empty() {
        return Ok(redirect_with_flash(&state, &list, "flash-solution-created"));
    }
    if form.get("action") == "suggerer" {
        return new_page(&state, &visitor, setting, FormErrors::default(), form).await;
    }
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let title = errors.check(
        tr,
        "title",
        solution::validate_line(&form.get("title"), solution::MAX_TITLE_CHARS, true),
    );
    let body = errors.check(
        tr,
        "body",
        needs::rules::validate_text(&form.get("body"), solution::MAX_BODY_CHARS, true),
    );
    let organisation = errors.check(
        tr,
        "organisation",
        solution::validate_line(
            &form.get("organisation"),
            solution::MAX_ORGANISATION_CHARS,
            false,
        ),
    );
    let theme_id = setting.chosen_theme(&form.get("theme"), tr, &mut errors);
    let (scope, territory_id, point) =
        chosen_place(&state, &setting, &form, tr, &mut errors).await?;
    let carriers = named_carriers(&state, &form.get("porteurs"), tr, &mut errors).await?;
    let needs = named_needs(&form, tr, &mut errors);
    let clusters = checked_ids(&form, "groupe");
    if needs.len() + clusters.len() > solution::MAX_LINKS {
        errors.add_message(
            "besoins",
            tr.t1("error-links-too-many", "n", solution::MAX_LINKS),
        );
    } else if errors.get("besoins").is_none()
        && let Err(error) =
            service::check_links(&state.db, setting.process.id, &needs, &clusters).await?
    {
        errors.add_message("besoins", link_message(&error, tr));
    }
    let process = &setting.process;
    let event_id = match form.get("evenement").parse::<i64>().ok() {
        Some(id) if visitor.may_in_process(&setting.roles, ProcessAction::Facilitate) => {
            match events::store::by_id(&state.db, id).await? {
                Some(event) if event.process_id == process.id => Some(id),
                _ => {
                    errors.add_message("evenement", tr.t("error-event-unknown"));
                    None
                }
            }
        }
        _ => None,
    };
    let (Some(title), Some(body), Some(organisation), true) =
        (title, body, organisation, errors.is_empty())
    else {
        return new_page(&state, &visitor, setting, errors, form).await;
    };
    auth::limit(
        &state,
        &format!("solutions:{}", account.id),
        SOLUTIONS_PER_HOUR,
        3_600_000,
    )
    .await?;
    let (stage_id, progress) = first_stage(&stages);
    let (source, author_id, mut team) = match event_id {
        Some(_) => (Source::Event, None, Vec::new()),
        None => (Source::Online, Some(account.id), vec![account.id]),
    };
    for carrier in carriers {
        if !team.contains(&carrier) {
            team.push(carrier);
        }
    }
    let terms = textkit::search_terms(&format!("{title} {body}"));
    let id = service::propose(
        &state.db,
        &NewSolution {
            process_id: process.id,
            title,
            body,
            theme_id,
            scope,
            territory_id,
            point,
            organisation,
            stage_id,
            progress,
            source,
            event_id,
            author_id,
            entered_by: Some(account.id),
            external_id: None,
            answer: None,
            carriers: team,
            needs,
            clusters,
            terms,
            created_at: now_ms(),
        },
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}"),
        "flash-solution-created",
    ))
}
