//! The bourse's page (open offers and requests of a process) and offers: publishing one for
//! an organisation one speaks for, its page with the requests it fits (to its contacts),
//! closing and reopening it.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::bourse::rules::{self, OfferStatus, SupportKind, Unit};
use crate::features::bourse::service::{self, quantity, reasons};
use crate::features::bourse::store::{self, Companionship, NewOffer, Offer, SupportRequest};
use crate::features::partners;
use crate::features::processes;
use crate::features::processes::pages::{visible_process, visible_process_by_id};
use crate::features::processes::store::Process;
use crate::features::solutions::rules::validate_day;
use crate::features::territories;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{Choice, FormErrors, Pairs, validate_line, validate_text};
use crate::platform::web::page::{
    KEPT_HERE, PageCtx, redirect_with_flash, render, render_around, render_form,
};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Offers and requests a bourse page lists (the newest).
const LISTED: i64 = 50;
/// Longest title.
const MAX_TITLE_CHARS: usize = 120;
/// Longest text.
const MAX_BODY_CHARS: usize = 2_000;

/// An offer or a request as a list shows it.
pub struct Listed {
    /// Its page.
    pub href: String,
    /// Title.
    pub title: String,
    /// Its organisation or its solution.
    pub owner: String,
    /// Kind, written.
    pub kind: String,
    /// Quantity left or asked, written.
    pub quantity: String,
}

impl Listed {
    fn offer(offer: Offer, tr: Tr) -> Listed {
        Listed {
            href: format!("/offres/{}", offer.id),
            kind: tr.t(&format!("support-kind-{}", offer.kind.as_str())),
            quantity: quantity(offer.remaining, offer.unit, tr),
            title: offer.title,
            owner: offer.organisation,
        }
    }

    fn request(request: SupportRequest, tr: Tr) -> Listed {
        Listed {
            href: format!("/demandes/{}", request.id),
            kind: tr.t(&format!("support-kind-{}", request.kind.as_str())),
            quantity: quantity(request.amount, request.unit, tr),
            title: request.title,
            owner: request.solution,
        }
    }
}

#[derive(Template)]
#[template(path = "bourse/templates/bourse.html")]
struct BoursePage {
    page: PageCtx,
    process: Process,
    /// Whether the visitor speaks for an organisation (and may publish an offer).
    may_offer: bool,
    /// Whether the visitor runs the process (and reads its figures).
    team: bool,
    /// Where the kept lists go.
    kept_here: &'static str,
}

/// The open offers and requests, written once per revision of the bourse and language.
#[derive(Template)]
#[template(path = "bourse/templates/bourse_lists.html")]
struct BourseLists {
    tr: Tr,
    offers: Vec<Listed>,
    requests: Vec<Listed>,
}

/// `GET /demarches/{slug}/bourse`: the open offers and requests of a process. The lists are
/// written once per revision of the process's offers and requests, and kept.
pub async fn bourse(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let may_offer = match &visitor.account {
        Some(account) => !partners::service::spoken_for(&state.db, account.id)
            .await?
            .is_empty(),
        None => false,
    };
    let revision = (store::revision(&state.db, process.id).await?, tr.lang);
    let lists = match state.bourse.lists.get(process.id, &revision) {
        Some(lists) => lists,
        None => {
            let lists = BourseLists {
                tr,
                offers: store::offers(&state.db, process.id, LISTED)
                    .await?
                    .into_iter()
                    .map(|o| Listed::offer(o, tr))
                    .collect(),
                requests: store::requests(&state.db, process.id, LISTED)
                    .await?
                    .into_iter()
                    .map(|r| Listed::request(r, tr))
                    .collect(),
            }
            .render()?;
            state
                .bourse
                .lists
                .put(process.id, revision, axum::body::Bytes::from(lists))
        }
    };
    let page = BoursePage {
        page: PageCtx::new(&state, &visitor),
        may_offer,
        team: service::runs(&visitor, &roles),
        kept_here: KEPT_HERE,
        process,
    };
    render_around(&page, (*lists).clone())
}

#[derive(Template)]
#[template(path = "bourse/templates/offer_form.html")]
struct OfferForm {
    page: PageCtx,
    process: Process,
    organisations: Vec<Choice>,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
}

/// What an offer or a request says it is about, as posted (`type`, `titre`, `texte`),
/// checked; each refusal noted next to its field.
pub fn described_support(
    form: &Pairs,
    tr: Tr,
    errors: &mut FormErrors,
) -> (Option<SupportKind>, Option<String>, Option<String>) {
    let kind = form.get("type").parse::<SupportKind>().ok();
    if kind.is_none() {
        errors.add_message("type", tr.t("error-support-kind"));
    }
    let title = errors.check(
        tr,
        "titre",
        validate_line(&form.get("titre"), MAX_TITLE_CHARS, true),
    );
    let body = errors.check(
        tr,
        "texte",
        validate_text(&form.get("texte"), MAX_BODY_CHARS, true),
    );
    (kind, title, body)
}

/// An optional day as posted in `field` (`YYYY-MM-DD`), checked.
pub fn optional_day(
    form: &Pairs,
    field: &'static str,
    tr: Tr,
    errors: &mut FormErrors,
) -> Option<String> {
    let typed = form.get(field);
    if typed.is_empty() {
        None
    } else {
        errors.check(tr, field, validate_day(&typed))
    }
}

/// The kinds of support as choices.
pub fn kind_choices(tr: Tr, chosen: &str) -> Vec<Choice> {
    Choice::words(
        SupportKind::ALL.iter().map(|k| k.as_str()),
        "support-kind-",
        tr,
        chosen,
    )
}

async fn offer_form(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let tr = visitor.tr();
    let organisations = partners::service::spoken_for(&state.db, account).await?;
    if organisations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut themes = vec![Choice::new(
        "",
        tr.t("filter-all-themes"),
        &form.get("theme"),
    )];
    themes.extend(Choice::list(
        processes::store::themes(&state.db, process.id)
            .await?
            .into_iter()
            .map(|t| (t.id.to_string(), t.name)),
        &form.get("theme"),
    ));
    let page = OfferForm {
        page: PageCtx::new(state, visitor),
        organisations: Choice::list(
            organisations
                .into_iter()
                .map(|(id, name)| (id.to_string(), name)),
            &form.get("organisation"),
        ),
        kinds: kind_choices(tr, &form.get("type")),
        themes,
        process,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /demarches/{slug}/bourse/offres/nouvelle`: the offer form, for the contacts of an
/// organisation.
pub async fn new_offer(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    visitor.require_account()?;
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    offer_form(
        &state,
        &visitor,
        process,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// `POST /demarches/{slug}/bourse/offres`: publishes an offer (`organisation`, `type`,
/// `titre`, `texte`, `theme`, `commune`, `capacite`, `fin`).
pub async fn create_offer(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let organisation = form.get("organisation").parse::<i64>().ok();
    let speaks = match organisation {
        Some(id) => partners::service::speaks_for(&state.db, id, account).await?,
        None => false,
    };
    if !speaks {
        if partners::service::spoken_for(&state.db, account)
            .await?
            .is_empty()
        {
            return Err(AppError::Forbidden);
        }
        errors.add_message("organisation", tr.t("error-offer-organisation"));
    }
    let (kind, title, body) = described_support(&form, tr, &mut errors);
    let capacity = errors.check(tr, "capacite", rules::parse_quantity(&form.get("capacite")));
    let themes = processes::store::themes(&state.db, process.id).await?;
    let theme_id = form
        .get("theme")
        .parse::<i64>()
        .ok()
        .filter(|id| themes.iter().any(|t| t.id == *id));
    let code = form.get("commune");
    let territory_id = if code.is_empty() {
        None
    } else {
        let commune = territories::store::by_level_code(&state.db, "commune", &code).await?;
        if commune.is_none() {
            errors.add_message("commune", tr.t("error-commune-code"));
        }
        commune.map(|c| c.id)
    };
    let ends_on = optional_day(&form, "fin", tr, &mut errors);
    let (Some(organisation), Some(kind), Some(title), Some(body), Some(capacity)) =
        (organisation, kind, title, body, capacity)
    else {
        return offer_form(&state, &visitor, process, errors, form).await;
    };
    if !errors.is_empty() {
        return offer_form(&state, &visitor, process, errors, form).await;
    }
    let offer = NewOffer {
        process_id: process.id,
        organisation_id: organisation,
        kind,
        title,
        body,
        theme_id,
        territory_id,
        capacity,
        ends_on,
        created_by: account,
    };
    let id = store::add_offer(&state.db, &offer).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/offres/{id}"),
        "flash-offer-published",
    ))
}

/// A fit as a page shows it.
pub struct FitView {
    /// The offer.
    pub offer_id: i64,
    /// The request.
    pub request_id: i64,
    /// Its page.
    pub href: String,
    /// Its title.
    pub title: String,
    /// Its organisation or solution.
    pub owner: String,
    /// Why it fits.
    pub reasons: String,
}

#[derive(Template)]
#[template(path = "bourse/templates/offer.html")]
struct OfferPage {
    page: PageCtx,
    process: Process,
    offer: Offer,
    kind: String,
    capacity: String,
    remaining: String,
    /// Whether the visitor speaks for its organisation.
    contact: bool,
    /// The requests it fits best (its contacts only).
    fits: Vec<FitView>,
    fit_keys: [&'static str; 3],
    /// Its companionships (its contacts and the team).
    companionships: Vec<Companionship>,
}

/// Whose best fits a page shows: an offer's requests, or a request's offers.
#[derive(Clone, Copy)]
pub enum FitsOf {
    /// The requests an offer fits.
    Offer(i64),
    /// The offers that fit a request.
    Request(i64),
}

impl FitsOf {
    /// The message keys of the list's heading, of its empty state and of its button.
    pub fn keys(self) -> [&'static str; 3] {
        match self {
            FitsOf::Offer(_) => ["offer-fits", "offer-no-fits", "fit-propose"],
            FitsOf::Request(_) => ["request-fits", "request-no-fits", "fit-ask"],
        }
    }
}

/// The best fits of an offer or a request, with their reasons.
pub async fn fit_views(
    state: &AppState,
    process_id: i64,
    of: FitsOf,
    unit: Unit,
    tr: Tr,
) -> AppResult<Vec<FitView>> {
    let index = service::match_index(&state.db, &state.bourse.indexes, process_id).await?;
    let fits = match of {
        FitsOf::Offer(id) => index.requests_for(id),
        FitsOf::Request(id) => index.offers_for(id),
    };
    Ok(fits
        .iter()
        .map(|fit| {
            let (title, owner) = index.label(fit.id);
            let (offer_id, request_id, href) = match of {
                FitsOf::Offer(offer) => (offer, fit.id, format!("/demandes/{}", fit.id)),
                FitsOf::Request(request) => (fit.id, request, format!("/offres/{}", fit.id)),
            };
            FitView {
                offer_id,
                request_id,
                href,
                title,
                owner,
                reasons: reasons(fit, unit, tr),
            }
        })
        .collect())
}

/// What an offer's or a request's page shows the visitor: its best fits (to its own side,
/// `own`) and its companionships (to its own side and the process team, `team`).
pub async fn for_its_side(
    state: &AppState,
    visitor: &Visitor,
    process_id: i64,
    of: FitsOf,
    (own, team): (bool, bool),
    unit: Unit,
) -> AppResult<(Vec<FitView>, Vec<Companionship>)> {
    let fits = if own {
        fit_views(state, process_id, of, unit, visitor.tr()).await?
    } else {
        Vec::new()
    };
    if !own && !team {
        return Ok((fits, Vec::new()));
    }
    let companionships = match of {
        FitsOf::Offer(id) => store::companionships_of(&state.db, Some(id), None).await?,
        FitsOf::Request(id) => store::companionships_of(&state.db, None, Some(id)).await?,
    };
    Ok((fits, companionships))
}

/// `GET /offres/{id}`: an offer; to its contacts, the requests it fits best, with reasons.
pub async fn offer_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let offer = store::offer(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = visible_process_by_id(&state, &visitor, offer.process_id).await?;
    let tr = visitor.tr();
    let contact = match &visitor.account {
        Some(account) => {
            partners::service::speaks_for(&state.db, offer.organisation_id, account.id).await?
        }
        None => false,
    };
    let (fits, companionships) = for_its_side(
        &state,
        &visitor,
        process.id,
        FitsOf::Offer(offer.id),
        (contact, service::runs(&visitor, &roles)),
        offer.unit,
    )
    .await?;
    render(&OfferPage {
        page: PageCtx::new(&state, &visitor),
        kind: tr.t(&format!("support-kind-{}", offer.kind.as_str())),
        capacity: quantity(offer.capacity, offer.unit, tr),
        remaining: quantity(offer.remaining, offer.unit, tr),
        contact,
        fits,
        fit_keys: FitsOf::Offer(offer.id).keys(),
        companionships,
        offer,
        process,
    })
}

/// `POST /offres/{id}/statut`: closes (`statut=closed`) or reopens an offer. Its contacts.
pub async fn offer_status(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let offer = store::offer(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !partners::service::speaks_for(&state.db, offer.organisation_id, account).await? {
        return Err(AppError::Forbidden);
    }
    let status = Pairs(fields)
        .get("statut")
        .parse::<OfferStatus>()
        .map_err(|_| AppError::BadRequest)?;
    store::set_offer_status(&state.db, &offer, status).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/offres/{id}"),
        "flash-offer-saved",
    ))
}
