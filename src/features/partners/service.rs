//! What partners' pages call: an organisation's form read and checked, who may edit an
//! organisation, a tier's form, and a process's partners gathered by tier.

use crate::features::partners::rules::{
    self, Contribution, CounterpartKind, CounterpartState, OrganisationKind,
};
use crate::features::partners::store::{
    self, Counterpart, Engagement, OrganisationFields, Taken, Tier, TierFields,
};
use crate::features::territories;
use crate::platform::db::Db;
use crate::platform::i18n::Tr;
use crate::platform::permissions::Role;
use crate::platform::web::forms::{FormErrors, Pairs, validate_line, validate_text};
use crate::platform::web::visitor::Visitor;

/// Longest organisation name, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest description of an organisation or a tier, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1_000;
/// Longest tier or counterpart label, in characters.
pub const MAX_LABEL_CHARS: usize = 120;
/// Most counterparts a tier promises.
pub const MAX_PROMISES: usize = 10;

/// An organisation's fields as posted (`nom`, `type`, `siret`, `rna`, `site`, `description`,
/// `commune` as an INSEE code), checked; or what to say next to each field.
pub async fn organisation_fields(
    db: &Db,
    form: &Pairs,
    tr: Tr,
) -> Result<Result<OrganisationFields, FormErrors>, sqlx::Error> {
    let mut errors = FormErrors::default();
    let name = errors.check(
        tr,
        "nom",
        validate_line(&form.get("nom"), MAX_NAME_CHARS, true),
    );
    let kind = form.get("type").parse::<OrganisationKind>().ok();
    if kind.is_none() {
        errors.add_message("type", tr.t("error-organisation-kind"));
    }
    let number = |field: &'static str,
                  check: fn(&str) -> Result<String, rules::NumberError>,
                  errors: &mut FormErrors| {
        let typed = form.get(field);
        if typed.is_empty() {
            return None;
        }
        check(&typed)
            .map_err(|e| errors.add_message(field, tr.t(e.message_key())))
            .ok()
    };
    let siret = number("siret", rules::siret, &mut errors);
    let rna = number("rna", rules::rna, &mut errors);
    let website = rules::website(&form.get("site"));
    if website.is_none() {
        errors.add_message("site", tr.t("error-website"));
    }
    let description = errors.check(
        tr,
        "description",
        validate_text(&form.get("description"), MAX_DESCRIPTION_CHARS, false),
    );
    let code = form.get("commune");
    let territory_id = if code.is_empty() {
        None
    } else {
        match territories::store::by_level_code(db, "commune", &code).await? {
            Some(commune) => Some(commune.id),
            None => {
                errors.add_message("commune", tr.t("error-commune-code"));
                None
            }
        }
    };
    Ok(match (name, kind, website, description) {
        (Some(name), Some(kind), Some(website), Some(description)) if errors.is_empty() => {
            Ok(OrganisationFields {
                name,
                kind,
                siret,
                rna,
                website,
                description,
                territory_id,
            })
        }
        _ => Err(errors),
    })
}

/// The `(id, name)` of the organisations an account speaks for, by name.
pub async fn spoken_for(db: &Db, user_id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    Ok(store::of_contact(db, user_id)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// Whether an account speaks for an organisation.
pub async fn speaks_for(db: &Db, organisation_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    store::is_contact(db, organisation_id, user_id).await
}

/// `(account, address)` of an organisation's contacts.
pub async fn contact_addresses(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    Ok(store::contacts(db, organisation_id)
        .await?
        .into_iter()
        .map(|c| (c.user_id, c.email))
        .collect())
}

/// Whether a process has partnership tiers (its page then links to its partners).
pub async fn has_tiers(db: &Db, process_id: i64) -> Result<bool, sqlx::Error> {
    Ok(!store::tiers(db, process_id).await?.is_empty())
}

/// What partners engaged in money in a process, in cents (the budget sums it in).
pub async fn financial_contributions(db: &Db, process_id: i64) -> Result<i64, sqlx::Error> {
    store::engaged_cents(db, process_id).await
}

/// The message for a number another organisation holds, and its field.
pub fn taken_message(taken: Taken, tr: Tr) -> (&'static str, String) {
    match taken {
        Taken::Siret => ("siret", tr.t("error-siret-taken")),
        Taken::Rna => ("rna", tr.t("error-rna-taken")),
    }
}

/// Whether the visitor may edit an organisation: one of its contacts, a manager of a process
/// it is engaged in, or an instance admin.
pub async fn may_edit(
    db: &Db,
    visitor: &Visitor,
    organisation_id: i64,
) -> Result<bool, sqlx::Error> {
    let Some(account) = &visitor.account else {
        return Ok(false);
    };
    Ok(account.roles.contains(&Role::Admin)
        || store::is_contact(db, organisation_id, account.id).await?
        || store::managed_by(db, organisation_id, account.id).await?)
}

/// A tier's fields as posted (`libelle`, `contribution`, `montant`, `description`, and the
/// counterparts: `logo`, `formation`, `atelier` checked, `autres` one per line), checked.
pub fn tier_fields(form: &Pairs, tr: Tr) -> Result<TierFields, FormErrors> {
    let mut errors = FormErrors::default();
    let label = errors.check(
        tr,
        "libelle",
        validate_line(&form.get("libelle"), MAX_LABEL_CHARS, true),
    );
    let contribution = form.get("contribution").parse::<Contribution>().ok();
    if contribution.is_none() {
        errors.add_message("contribution", tr.t("error-tier-contribution"));
    }
    let typed = form.get("montant");
    let amount_cents = match (contribution, typed.is_empty()) {
        (Some(Contribution::Money), true) => {
            errors.add_message("montant", tr.t("error-amount-required"));
            None
        }
        (_, true) => None,
        (_, false) => {
            let amount = rules::euros(&typed);
            if amount.is_none() {
                errors.add_message("montant", tr.t("error-amount-invalid"));
            }
            amount
        }
    };
    let description = errors.check(
        tr,
        "description",
        validate_text(&form.get("description"), MAX_DESCRIPTION_CHARS, false),
    );
    let mut promises: Vec<(CounterpartKind, String)> = [
        ("logo", CounterpartKind::Logo, "counterpart-logo"),
        (
            "formation",
            CounterpartKind::Training,
            "counterpart-training",
        ),
        ("atelier", CounterpartKind::Workshop, "counterpart-workshop"),
    ]
    .into_iter()
    .filter(|(field, _, _)| form.get(field) == "1")
    .map(|(_, kind, key)| (kind, tr.t(key)))
    .collect();
    for line in form
        .get("autres")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        match validate_line(line, MAX_LABEL_CHARS, true) {
            Ok(label) => promises.push((CounterpartKind::Other, label)),
            Err(error) => errors.add(tr, "autres", error),
        }
    }
    if promises.len() > MAX_PROMISES {
        errors.add_message("autres", tr.t("error-too-many-counterparts"));
    }
    match (label, contribution, description) {
        (Some(label), Some(contribution), Some(description)) if errors.is_empty() => {
            Ok(TierFields {
                label,
                contribution,
                amount_cents: amount_cents.filter(|_| contribution == Contribution::Money),
                description,
                promises,
            })
        }
        _ => Err(errors),
    }
}

/// A tier with what it promises and the organisations engaged at it.
pub struct TierWithPartners {
    /// The tier.
    pub tier: Tier,
    /// What it promises: `(kind, label)`.
    pub promises: Vec<(CounterpartKind, String)>,
    /// The engagements at this tier, each with its counterparts.
    pub partners: Vec<(Engagement, Vec<Counterpart>)>,
}

/// A process's tiers in order, each with its promises and partners.
pub async fn partners_by_tier(
    db: &Db,
    process_id: i64,
) -> Result<Vec<TierWithPartners>, sqlx::Error> {
    let tiers = store::tiers(db, process_id).await?;
    let promises = store::promises(db, process_id).await?;
    let mut engagements = store::engagements(db, process_id).await?;
    let mut counterparts = store::counterparts(db, process_id).await?;
    Ok(tiers
        .into_iter()
        .map(|tier| {
            let partners = engagements
                .extract_if(.., |e| e.tier_id == tier.id)
                .map(|engagement| {
                    let owed = counterparts
                        .extract_if(.., |c| c.engagement_id == engagement.id)
                        .map(|c| delivered_if_logo_shown(c, &engagement))
                        .collect();
                    (engagement, owed)
                })
                .collect();
            TierWithPartners {
                promises: promises
                    .iter()
                    .filter(|p| p.tier_id == tier.id)
                    .map(|p| (p.kind, p.label.clone()))
                    .collect(),
                tier,
                partners,
            }
        })
        .collect())
}

/// A logo counterpart is delivered when the organisation has a logo: the partners page shows
/// it from then on.
fn delivered_if_logo_shown(mut counterpart: Counterpart, engagement: &Engagement) -> Counterpart {
    if counterpart.kind == CounterpartKind::Logo {
        counterpart.state = if engagement.logo_id.is_some() {
            CounterpartState::Delivered
        } else {
            CounterpartState::Owed
        };
    }
    counterpart
}
