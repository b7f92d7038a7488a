//! Workshops and events of a process: the public agenda, an event's page, and for its
//! facilitators: creating events, recording attendance and capturing, one after another, the
//! needs voiced by the people who were there (the keyboard never leaves the form).

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::events;
use crate::features::events::rules::{
    self as event, Audience, Category, EventKind, RegistrationAction,
};
use crate::features::events::store::{Event, HeadCount, NewEvent};
use crate::features::needs::rules as need;
use crate::features::needs::setting::{Setting, setting};
use crate::features::processes::pages::{visible_process, visible_process_by_id};
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::{Lang, Tr};
use crate::platform::permissions::ProcessAction;
use crate::platform::web::forms::FieldError;
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::page::{ActionForm, PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::{Account, Visitor};
use crate::state::AppState;

/// The signed-in person if they may facilitate in the process, else sign-in or 403.
pub(super) async fn facilitator<'a>(
    state: &AppState,
    visitor: &'a Visitor,
    process_id: i64,
) -> AppResult<&'a Account> {
    crate::features::processes::pages::authorize_in(
        state,
        visitor,
        process_id,
        ProcessAction::Facilitate,
    )
    .await
}

/// An event as listed.
struct EventCard {
    event: Event,
    kind: String,
    audience: String,
    starts: String,
}

impl EventCard {
    fn new(event: Event, tr: Tr) -> EventCard {
        EventCard {
            kind: tr.t(&format!("event-kind-{}", event.kind)),
            audience: tr.t(&format!("audience-{}", event.audience)),
            starts: event::long_local_time(&event.starts_at, tr.lang == Lang::En),
            event,
        }
    }
}

#[derive(Template)]
#[template(path = "events/templates/agenda.html")]
struct AgendaPage {
    page: PageCtx,
    process: Process,
    events: Vec<EventCard>,
    can_create: bool,
}

/// `GET /demarches/{slug}/agenda`: the process's workshops and events.
pub async fn agenda(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let events = events::store::of_process(&state.db, process.id)
        .await?
        .into_iter()
        .map(|e| EventCard::new(e, tr))
        .collect();
    render(&AgendaPage {
        page: PageCtx::new(&state, &visitor),
        can_create: visitor.may_in_process(&roles, ProcessAction::Facilitate),
        events,
        process,
    })
}

/// The event form.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    audience: String,
}

#[derive(Template)]
#[template(path = "events/templates/new.html")]
struct NewEventPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    form: EventForm,
    kinds: Vec<Choice>,
    audiences: Vec<Choice>,
    communes: Vec<Choice>,
}

fn new_event_page(
    state: &AppState,
    visitor: &Visitor,
    setting: Setting,
    errors: FormErrors,
    form: EventForm,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let page = NewEventPage {
        page: PageCtx::new(state, visitor),
        kinds: Choice::words(
            EventKind::ALL.iter().map(|k| k.as_str()),
            "event-kind-",
            tr,
            &form.kind,
        ),
        audiences: Choice::words(
            Audience::ALL.iter().map(|a| a.as_str()),
            "audience-",
            tr,
            &form.audience,
        ),
        communes: setting.commune_choices(tr, &form.commune),
        process: setting.process,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /demarches/{slug}/ateliers/nouveau`.
pub async fn new_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let setting = setting(&state, &visitor, &slug).await?;
    facilitator(&state, &visitor, setting.process.id).await?;
    let form = EventForm {
        kind: EventKind::Workshop.as_str().into(),
        audience: Audience::GeneralPublic.as_str().into(),
        ..EventForm::default()
    };
    new_event_page(&state, &visitor, setting, FormErrors::default(), form)
}

/// `POST /demarches/{slug}/ateliers`: creates a workshop or event.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<EventForm>,
) -> AppResult<Response> {
    let setting = setting(&state, &visitor, &slug).await?;
    let account = facilitator(&state, &visitor, setting.process.id).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let title = errors.check(tr, "title", need::validate_title(&form.title));
    let description = errors.check(
        tr,
        "description",
        need::validate_text(&form.description, need::MAX_BODY_CHARS, false),
    );
    let place = errors.check(tr, "place", need::validate_text(&form.place, 200, false));
    let kind = form.kind.parse::<EventKind>().ok();
    if kind.is_none() {
        errors.add_message("kind", tr.t("error-choose-from-list"));
    }
    let audience = form.audience.parse::<Audience>().ok();
    if audience.is_none() {
        errors.add_message("audience", tr.t("error-choose-from-list"));
    }
    let (starts, ends) = (
        event::parse_local_time(&form.starts_at),
        event::parse_local_time(&form.ends_at),
    );
    if starts.is_none() {
        errors.add_message("starts_at", tr.t("error-datetime-invalid"));
    }
    if ends.is_none() {
        errors.add_message("ends_at", tr.t("error-datetime-invalid"));
    }
    if let (Some(starts), Some(ends)) = (starts, ends)
        && ends <= starts
    {
        errors.add_message("ends_at", tr.t("error-event-ends-before"));
    }
    let capacity = match form.capacity.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(n) if (1..=event::MAX_ATTENDANCE).contains(&n) => Some(n),
            _ => {
                errors.add_message("capacity", tr.t("error-number-invalid"));
                None
            }
        },
    };
    let territory_id = setting.chosen_commune(&form.commune, tr, &mut errors);
    let (Some(title), Some(description), Some(place), Some(kind), Some(audience), true) =
        (title, description, place, kind, audience, errors.is_empty())
    else {
        return new_event_page(&state, &visitor, setting, errors, form);
    };
    let id = events::store::create(
        &state.db,
        &NewEvent {
            process_id: setting.process.id,
            kind,
            title: &title,
            description: &description,
            starts_at: form.starts_at.trim(),
            ends_at: form.ends_at.trim(),
            territory_id,
            place: &place,
            capacity,
            audience,
            created_by: account.id,
        },
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/ateliers/{id}"),
        "flash-event-created",
    ))
}

#[derive(Template)]
#[template(path = "events/templates/show.html")]
struct EventPage {
    page: PageCtx,
    process: Process,
    card: EventCard,
    ends: String,
    can_facilitate: bool,
    registered: bool,
    places_left: Option<i64>,
    attendance_value: String,
    breakdown: Vec<BreakdownView>,
    breakdown_recorded: bool,
    captured: usize,
    errors: FormErrors,
}

/// One category of the attendance breakdown, as the form asks it and the page shows it.
struct BreakdownView {
    /// `age` or `public`: the field that carries its errors.
    category: &'static str,
    /// Its legend.
    legend: String,
    /// Its lines.
    lines: Vec<BreakdownLine>,
}

impl BreakdownView {
    /// Whether any line holds a recorded count (the public page shows only those categories).
    fn recorded(&self) -> bool {
        self.lines.iter().any(|line| line.recorded.is_some())
    }
}

/// One line of a breakdown: an age bracket or a public.
struct BreakdownLine {
    /// Field name, `age.18-29`.
    name: String,
    /// What it is called.
    label: String,
    /// The count in the form: typed, or else recorded.
    value: String,
    /// The count recorded.
    recorded: Option<i64>,
}

/// The breakdown form filled with what was typed (after an error) or else what is recorded.
fn breakdown_views(
    tr: &Tr,
    typed: &HashMap<String, String>,
    recorded: &[HeadCount],
) -> Vec<BreakdownView> {
    Category::ALL
        .iter()
        .map(|&category| BreakdownView {
            category: category.as_str(),
            legend: tr.t(&format!("attendance-by-{category}")),
            lines: category
                .values()
                .into_iter()
                .map(|value| {
                    let name = format!("{category}.{value}");
                    let stored = recorded
                        .iter()
                        .find(|line| line.category == category && line.value == value)
                        .map(|line| line.count);
                    let label_prefix = category.label_prefix();
                    BreakdownLine {
                        value: typed
                            .get(&name)
                            .cloned()
                            .or(stored.map(|n| n.to_string()))
                            .unwrap_or_default(),
                        recorded: stored,
                        label: tr.t(&format!("{label_prefix}{value}")),
                        name,
                    }
                })
                .collect(),
        })
        .collect()
}

async fn event_and_process(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
) -> AppResult<(Event, Process, bool)> {
    let event = events::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = visible_process_by_id(state, visitor, event.process_id).await?;
    Ok((
        event,
        process,
        visitor.may_in_process(&roles, ProcessAction::Facilitate),
    ))
}

/// An event's page; after a refused attendance form, `typed` holds what was typed.
async fn event_page(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
    errors: FormErrors,
    typed: HashMap<String, String>,
) -> AppResult<Response> {
    let (event, process, can_facilitate) = event_and_process(state, visitor, id).await?;
    let tr = visitor.tr();
    let recorded = events::store::breakdown(&state.db, id).await?;
    let page = EventPage {
        breakdown: breakdown_views(&tr, &typed, &recorded),
        breakdown_recorded: !recorded.is_empty(),
        page: PageCtx::new(state, visitor),
        ends: event::long_local_time(&event.ends_at, tr.lang == Lang::En),
        captured: events::store::captured(&state.db, id).await?.len(),
        registered: match &visitor.account {
            Some(account) => events::store::is_registered(&state.db, id, account.id).await?,
            None => false,
        },
        places_left: event.capacity.map(|c| (c - event.registered).max(0)),
        attendance_value: typed
            .get("attendance")
            .cloned()
            .unwrap_or_else(|| event.attendance.map(|n| n.to_string()).unwrap_or_default()),
        card: EventCard::new(event, tr),
        process,
        can_facilitate,
        errors,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /ateliers/{id}`.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    event_page(&state, &visitor, id, FormErrors::default(), HashMap::new()).await
}

/// `POST /ateliers/{id}/participation`: records how many people came and, optionally, an
/// anonymous breakdown by age bracket and by public (fields `age.<bracket>`, `public.<public>`).
pub async fn attendance(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let event = events::store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    facilitator(&state, &visitor, event.process_id).await?;
    let typed: HashMap<String, String> = form.into_iter().collect();
    let field = |name: &str| typed.get(name).map(String::as_str).unwrap_or_default();
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let total = match event::head_count(field("attendance")) {
        Ok(Some(total)) => Some(total),
        Ok(None) => {
            errors.add(tr, "attendance", FieldError::Required);
            None
        }
        Err(error) => {
            errors.add(tr, "attendance", error);
            None
        }
    };
    let mut breakdown = Vec::new();
    for &category in Category::ALL {
        let mut counts = Vec::new();
        for value in category.values() {
            match event::head_count(field(&format!("{category}.{value}"))) {
                Ok(Some(count)) => counts.push(HeadCount {
                    category,
                    value: value.to_owned(),
                    count,
                }),
                Ok(None) => {}
                Err(error) => errors.add(tr, category.as_str(), error),
            }
        }
        let sum: Vec<i64> = counts.iter().map(|line| line.count).collect();
        if let Some(total) = total
            && !event::breakdown_fits(total, &sum)
        {
            errors.add_message(
                category.as_str(),
                tr.t_args(
                    "error-breakdown-exceeds",
                    &[
                        ("counted", &sum.iter().sum::<i64>().to_string()),
                        ("total", &total.to_string()),
                    ],
                ),
            );
        }
        breakdown.extend(counts);
    }
    match total {
        Some(total) if errors.is_empty() => {
            events::store::set_attendance(&state.db, id, total, &breakdown).await?;
            Ok(redirect_with_flash(
                &state,
                &format!("/ateliers/{id}"),
                "flash-attendance-saved",
            ))
        }
        _ => event_page(&state, &visitor, id, errors, typed).await,
    }
}

/// `POST /ateliers/{id}/inscription`: registers to an event (never past its capacity) or
/// cancels the registration.
pub async fn register(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    event_and_process(&state, &visitor, id).await?;
    let flash = if form.action.parse() == Ok(RegistrationAction::Cancel) {
        events::store::unregister(&state.db, id, account.id).await?;
        "flash-unregistered"
    } else {
        match events::store::register(&state.db, id, account.id).await? {
            events::store::Registration::Registered
            | events::store::Registration::AlreadyRegistered => "flash-registered",
            events::store::Registration::Full => {
                let mut errors = FormErrors::default();
                errors.add_message("registration", visitor.tr().t("error-event-full"));
                let mut response = event_page(&state, &visitor, id, errors, HashMap::new()).await?;
                *response.status_mut() = axum::http::StatusCode::CONFLICT;
                return Ok(response);
            }
        }
    };
    Ok(redirect_with_flash(
        &state,
        &format!("/ateliers/{id}"),
        flash,
    ))
}

/// `GET /demarches/{slug}/agenda.ics`: the agenda as an iCalendar feed (RFC 5545).
pub async fn ical(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let base = state.config.base_url();
    let host = base.split("://").nth(1).unwrap_or(base);
    let compact = |local: &str| local.replace(['-', ':'], "") + "00";
    let events: Vec<exports::ical::CalendarEvent> =
        events::store::of_process(&state.db, process.id)
            .await?
            .into_iter()
            .map(|e| exports::ical::CalendarEvent {
                uid: format!("event-{}@{host}", e.id),
                starts: compact(&e.starts_at),
                ends: compact(&e.ends_at),
                summary: e.title,
                description: e.description,
                location: [e.place, e.territory_name.unwrap_or_default()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                url: format!("{base}/ateliers/{}", e.id),
            })
            .collect();
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default();
    let body = exports::ical::calendar(&process.title, &stamp, &events);
    Ok(axum::response::IntoResponse::into_response((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/calendar; charset=utf-8",
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "inline; filename=\"agenda.ics\"",
            ),
        ],
        body,
    )))
}
