//! A process's partnerships as its managers run them: the tiers (what each asks and
//! promises), the organisations engaged at each, and their counterparts from owed to
//! delivered (a workshop held names its event in the agenda).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::events;
use crate::features::partners::rules::{self, Contribution, CounterpartKind, CounterpartState};
use crate::features::partners::service::{self, TierWithPartners};
use crate::features::partners::store::{self, Delivery};
use crate::features::processes::manage::editable;
use crate::features::processes::store::Process;
use crate::platform::error::AppResult;
use crate::platform::web::forms::{Choice, FormErrors, Pairs, validate_line};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Longest note on a delivered counterpart, in characters.
const MAX_NOTE_CHARS: usize = 300;

#[derive(Template)]
#[template(path = "partners/templates/manage.html")]
struct ManagePage {
    page: PageCtx,
    process: Process,
    tiers: Vec<TierWithPartners>,
    /// Every organisation, for the engagement form.
    organisations: Vec<Choice>,
    /// The process's tiers, for the engagement form.
    tier_choices: Vec<Choice>,
    /// The process's events, for a workshop held.
    events: Vec<(i64, String)>,
    contributions: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
}

impl ManagePage {
    /// An amount written for people.
    fn euros(&self, cents: &i64) -> String {
        rules::format_euros(*cents, self.page.tr.lang)
    }
}

async fn manage_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let tiers = service::partners_by_tier(&state.db, process.id).await?;
    let organisations = store::all(&state.db).await?;
    let mut organisation_choices = vec![Choice::new("", tr.t("partners-choose-organisation"), "")];
    organisation_choices.extend(Choice::list(
        organisations
            .into_iter()
            .map(|o| (o.id.to_string(), o.name)),
        &form.get("organisation"),
    ));
    let tier_choices = Choice::list(
        tiers
            .iter()
            .map(|t| (t.tier.id.to_string(), t.tier.label.clone())),
        &form.get("palier"),
    );
    let page = ManagePage {
        page: PageCtx::new(state, visitor),
        events: events::store::titles_of_process(&state.db, process.id).await?,
        contributions: Choice::words(
            Contribution::ALL.iter().map(|c| c.as_str()),
            "tier-contribution-",
            tr,
            &form.get("contribution"),
        ),
        organisations: organisation_choices,
        tier_choices,
        tiers,
        process,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/demarches/{slug}/partenaires`: tiers, engagements and counterparts.
/// Managers.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    manage_page(
        &state,
        &visitor,
        process,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// `POST /gestion/demarches/{slug}/partenaires/paliers`: adds a tier (its fields, see
/// `service::tier_fields`) or removes one no organisation is engaged at (`retirer`).
pub async fn tiers(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let back = format!("/gestion/demarches/{slug}/partenaires");
    if let Ok(tier) = form.get("retirer").parse::<i64>() {
        if store::remove_tier(&state.db, process.id, tier).await? {
            return Ok(redirect_with_flash(&state, &back, "flash-partners-saved"));
        }
        let mut errors = FormErrors::default();
        errors.add_message("form", tr.t("error-tier-in-use"));
        return manage_page(&state, &visitor, process, errors, form).await;
    }
    match service::tier_fields(&form, tr) {
        Ok(tier) => {
            store::add_tier(&state.db, process.id, &tier).await?;
            Ok(redirect_with_flash(&state, &back, "flash-partners-saved"))
        }
        Err(errors) => manage_page(&state, &visitor, process, errors, form).await,
    }
}

/// `POST /gestion/demarches/{slug}/partenaires/engagements`: engages an organisation
/// (`organisation`) at a tier (`palier`), giving `montant` (a money tier's amount when
/// empty); or ends an engagement (`retirer`).
pub async fn engagements(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let back = format!("/gestion/demarches/{slug}/partenaires");
    if let Ok(engagement) = form.get("retirer").parse::<i64>() {
        store::disengage(&state.db, process.id, engagement).await?;
        return Ok(redirect_with_flash(&state, &back, "flash-partners-saved"));
    }
    let mut errors = FormErrors::default();
    let organisation = match form.get("organisation").parse::<i64>() {
        Ok(id) if store::by_id(&state.db, id).await?.is_some() => Some(id),
        _ => {
            errors.add_message("organisation", tr.t("error-organisation-unknown"));
            None
        }
    };
    let tiers = store::tiers(&state.db, process.id).await?;
    let tier = form
        .get("palier")
        .parse::<i64>()
        .ok()
        .and_then(|id| tiers.into_iter().find(|t| t.id == id));
    if tier.is_none() {
        errors.add_message("palier", tr.t("error-tier-unknown"));
    }
    let typed = form.get("montant_engagement");
    let amount = if typed.is_empty() {
        tier.as_ref().and_then(|t| t.amount_cents)
    } else {
        let amount = rules::euros(&typed);
        if amount.is_none() {
            errors.add_message("montant_engagement", tr.t("error-amount-invalid"));
        }
        amount
    };
    let (Some(organisation), Some(tier)) = (organisation, tier) else {
        return manage_page(&state, &visitor, process, errors, form).await;
    };
    if !errors.is_empty() {
        return manage_page(&state, &visitor, process, errors, form).await;
    }
    let amount = amount.filter(|_| tier.contribution == Contribution::Money);
    if store::engage(&state.db, process.id, organisation, tier.id, amount)
        .await?
        .is_none()
    {
        errors.add_message("organisation", tr.t("error-already-engaged"));
        return manage_page(&state, &visitor, process, errors, form).await;
    }
    Ok(redirect_with_flash(&state, &back, "flash-partners-saved"))
}

/// `POST /gestion/demarches/{slug}/partenaires/contreparties/{id}`: records a counterpart as
/// delivered (`etat=livree`, with `note`, and `evenement` for a workshop held) or owed
/// again (`etat=due`). A logo's follows the organisation's logo and is not set here.
pub async fn counterpart(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let mut form = Pairs(fields);
    // Which counterpart's form the errors belong to.
    form.0.push(("contrepartie".into(), id.to_string()));
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let owed = store::counterparts(&state.db, process.id).await?;
    let Some(counterpart) = owed.into_iter().find(|c| c.id == id) else {
        return Err(crate::platform::error::AppError::NotFound);
    };
    let state_wanted = match form.get("etat").as_str() {
        "due" => CounterpartState::Owed,
        _ => CounterpartState::Delivered,
    };
    let note = errors
        .check(
            tr,
            "note",
            validate_line(&form.get("note"), MAX_NOTE_CHARS, false),
        )
        .unwrap_or_default();
    let events = events::store::titles_of_process(&state.db, process.id).await?;
    let event_id = form
        .get("evenement")
        .parse::<i64>()
        .ok()
        .filter(|id| events.iter().any(|(e, _)| e == id));
    let delivering = state_wanted == CounterpartState::Delivered;
    if counterpart.kind == CounterpartKind::Logo {
        errors.add_message("form", tr.t("error-logo-counterpart"));
    } else if delivering && counterpart.kind == CounterpartKind::Workshop && event_id.is_none() {
        errors.add_message("evenement", tr.t("error-workshop-event"));
    }
    if !errors.is_empty() {
        return manage_page(&state, &visitor, process, errors, form).await;
    }
    let delivery = Delivery {
        state: state_wanted,
        event_id: event_id.filter(|_| delivering),
        note: if delivering { note } else { String::new() },
    };
    store::deliver(&state.db, process.id, id, &delivery).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/demarches/{slug}/partenaires#contrepartie-{id}"),
        "flash-partners-saved",
    ))
}
