//! An organisation's pages: registering one, its public page, and its edit page (fields, logo,
//! contacts) for its contacts, the managers of the processes it is engaged in, and admins.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::accounts;
use crate::features::accounts::rules as account;
use crate::features::media;
use crate::features::partners::rules::OrganisationKind;
use crate::features::partners::service;
use crate::features::partners::store::{self, Contact, Organisation};
use crate::features::territories;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::Action;
use crate::platform::web::forms::{Choice, FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::uploads::Submitted;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The registration and edit form's fields.
#[derive(Template)]
#[template(path = "partners/templates/organisation_form.html")]
struct FormPage {
    page: PageCtx,
    /// The organisation edited (none: registering one).
    organisation: Option<Organisation>,
    kinds: Vec<Choice>,
    contacts: Vec<Contact>,
    errors: FormErrors,
    form: Pairs,
}

fn kind_choices(visitor: &Visitor, chosen: &str) -> Vec<Choice> {
    Choice::words(
        OrganisationKind::ALL.iter().map(|k| k.as_str()),
        "organisation-kind-",
        visitor.tr(),
        chosen,
    )
}

async fn form_page(
    state: &AppState,
    visitor: &Visitor,
    organisation: Option<Organisation>,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let contacts = match &organisation {
        Some(o) => store::contacts(&state.db, o.id).await?,
        None => Vec::new(),
    };
    let page = FormPage {
        page: PageCtx::new(state, visitor),
        kinds: kind_choices(visitor, &form.get("type")),
        organisation,
        contacts,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /organisations/nouvelle`: the registration form. Partners, managers and admins.
pub async fn new_form(State(state): State<AppState>, visitor: Visitor) -> AppResult<Response> {
    visitor.authorize(Action::RegisterOrganisation)?;
    form_page(
        &state,
        &visitor,
        None,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// `POST /organisations`: registers an organisation, its registrant its first contact.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.authorize(Action::RegisterOrganisation)?.id;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let fields = match service::organisation_fields(&state.db, &form, tr).await? {
        Ok(fields) => fields,
        Err(errors) => return form_page(&state, &visitor, None, errors, form).await,
    };
    match store::create(&state.db, &fields, account).await? {
        Ok(id) => Ok(redirect_with_flash(
            &state,
            &format!("/organisations/{id}/modifier"),
            "flash-organisation-created",
        )),
        Err(taken) => {
            let mut errors = FormErrors::default();
            let (field, message) = service::taken_message(taken, tr);
            errors.add_message(field, message);
            form_page(&state, &visitor, None, errors, form).await
        }
    }
}

/// The organisation if the visitor may edit it: sign-in asked of visitors, 403 for others.
async fn editable(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<Organisation> {
    visitor.require_account()?;
    let organisation = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !service::may_edit(&state.db, visitor, id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(organisation)
}

/// What an organisation's stored fields are, as its form shows them.
fn form_of(organisation: &Organisation, commune_code: String) -> Pairs {
    Pairs(vec![
        ("nom".into(), organisation.name.clone()),
        ("type".into(), organisation.kind.as_str().into()),
        (
            "siret".into(),
            organisation.siret.clone().unwrap_or_default(),
        ),
        ("rna".into(), organisation.rna.clone().unwrap_or_default()),
        ("site".into(), organisation.website.clone()),
        ("description".into(), organisation.description.clone()),
        ("commune".into(), commune_code),
    ])
}

async fn commune_code(state: &AppState, organisation: &Organisation) -> AppResult<String> {
    Ok(match organisation.territory_id {
        Some(id) => territories::store::by_id(&state.db, id)
            .await?
            .map(|t| t.code)
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// `GET /organisations/{id}/modifier`: the edit page.
pub async fn edit_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let organisation = editable(&state, &visitor, id).await?;
    let form = form_of(&organisation, commune_code(&state, &organisation).await?);
    form_page(
        &state,
        &visitor,
        Some(organisation),
        FormErrors::default(),
        form,
    )
    .await
}

/// `POST /organisations/{id}/modifier`: rewrites the organisation's fields.
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let organisation = editable(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let fields = match service::organisation_fields(&state.db, &form, tr).await? {
        Ok(fields) => fields,
        Err(errors) => return form_page(&state, &visitor, Some(organisation), errors, form).await,
    };
    if let Err(taken) = store::update(&state.db, id, &fields).await? {
        let mut errors = FormErrors::default();
        let (field, message) = service::taken_message(taken, tr);
        errors.add_message(field, message);
        return form_page(&state, &visitor, Some(organisation), errors, form).await;
    }
    Ok(redirect_with_flash(
        &state,
        &format!("/organisations/{id}"),
        "flash-organisation-saved",
    ))
}

/// `POST /organisations/{id}/logo`: a new logo (`logo`, re-encoded, described by the
/// organisation's name) or none (`action=retirer`).
pub async fn logo(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Submitted(upload): Submitted,
) -> AppResult<Response> {
    let organisation = editable(&state, &visitor, id).await?;
    let account = visitor.require_account()?.id;
    let tr = visitor.tr();
    let new_logo = if upload.field("action") == "retirer" {
        None
    } else {
        let description = tr.t1("organisation-logo-of", "name", &organisation.name);
        let sent = media::service::Sent {
            bytes: upload.file("logo"),
            file_name: upload.file_name("logo"),
            description: &description,
        };
        let accepted = media::rules::Accepted::Picture;
        match media::service::keep(&state, None, account, sent, accepted).await? {
            Ok(logo) => Some(logo),
            Err(message) => {
                let mut errors = FormErrors::default();
                errors.add_message("logo", tr.t(message));
                let form = form_of(&organisation, commune_code(&state, &organisation).await?);
                return form_page(&state, &visitor, Some(organisation), errors, form).await;
            }
        }
    };
    if let Some(replaced) = store::set_logo(&state.db, id, new_logo).await? {
        media::store::delete(&state.db, replaced).await?;
    }
    Ok(redirect_with_flash(
        &state,
        &format!("/organisations/{id}/modifier"),
        "flash-organisation-logo",
    ))
}

/// `POST /organisations/{id}/contacts`: adds an account as a contact (`email`) or removes
/// one (`retirer`, an account id; never the last).
pub async fn contacts(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let organisation = editable(&state, &visitor, id).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let back = format!("/organisations/{id}/modifier");
    let mut errors = FormErrors::default();
    if let Ok(user) = form.get("retirer").parse::<i64>() {
        if store::remove_contact(&state.db, id, user).await? {
            return Ok(redirect_with_flash(&state, &back, "flash-contacts-saved"));
        }
        errors.add_message("email", tr.t("error-last-contact"));
    } else {
        let user = match errors.check(tr, "email", account::normalize_email(&form.get("email"))) {
            Some(email) => accounts::users::by_email(&state.db, &email).await?,
            None => None,
        };
        match user {
            Some(user) => {
                store::add_contact(&state.db, id, user.id).await?;
                return Ok(redirect_with_flash(&state, &back, "flash-contacts-saved"));
            }
            None if errors.get("email").is_none() => {
                errors.add_message("email", tr.t("error-account-unknown"));
            }
            None => {}
        }
    }
    let mut shown = form;
    shown
        .0
        .extend(form_of(&organisation, commune_code(&state, &organisation).await?).0);
    form_page(&state, &visitor, Some(organisation), errors, shown).await
}

#[derive(Template)]
#[template(path = "partners/templates/organisation.html")]
struct OrganisationPage {
    page: PageCtx,
    organisation: Organisation,
    kind_label: String,
    commune: Option<String>,
    /// `(slug, title, tier)` of the processes it is engaged in.
    engagements: Vec<(String, String, String)>,
    editable: bool,
}

/// `GET /organisations/{id}`: an organisation's public page: who it is, where, and the
/// processes it accompanies.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let organisation = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let commune = match organisation.territory_id {
        Some(id) => territories::store::by_id(&state.db, id)
            .await?
            .map(|t| t.name),
        None => None,
    };
    let tr = visitor.tr();
    render(&OrganisationPage {
        page: PageCtx::new(&state, &visitor),
        kind_label: tr.t(&format!("organisation-kind-{}", organisation.kind.as_str())),
        commune,
        engagements: store::engaged_in(&state.db, id).await?,
        editable: service::may_edit(&state.db, &visitor, id).await?,
        organisation,
    })
}

/// How a SIRET reads: `213 105 554 00016`.
pub fn spaced_siret(siret: &str) -> String {
    match (
        siret.get(..3),
        siret.get(3..6),
        siret.get(6..9),
        siret.get(9..),
    ) {
        (Some(a), Some(b), Some(c), Some(d)) => format!("{a} {b} {c} {d}"),
        _ => siret.to_owned(),
    }
}
