//! The demo's partners: the four ways to engage that *Aux Actes Citoyens* offers companies
//! (its brochure, page 5: time as a core-team partner, 50 €, 150 €, 350 €, each with its
//! counterparts), and illustrative organisations engaged at each, some counterparts
//! delivered.

use anyhow::Context;

use crate::features::accounts;
use crate::features::partners::rules::{
    Contribution, CounterpartKind, CounterpartState, OrganisationKind,
};
use crate::features::partners::store::{self, Delivery, OrganisationFields, TierFields};
use crate::features::territories;
use crate::platform::db::Db;

/// A tier as the brochure writes it: label, amount in euros (none: time), what the partner
/// gives, and the counterparts promised.
type BrochureTier = (
    &'static str,
    Option<i64>,
    &'static str,
    &'static [(CounterpartKind, &'static str)],
);

/// The brochure's four tiers.
const TIERS: [BrochureTier; 4] = [
    (
        "Partenaire de l'équipe cœur",
        None,
        "Participe aux comités de pilotage, conçoit le dispositif avec l'équipe et co-anime les \
         ateliers et le grand événement de recherche de solutions.",
        &[
            (
                CounterpartKind::Logo,
                "Logo en tant que partenaire sur les supports papier et web",
            ),
            (
                CounterpartKind::Training,
                "Formation aux méthodes d'intelligence collective",
            ),
        ],
    ),
    (
        "Un p'tit coup de pouce",
        Some(50),
        "Un coup de pouce financier : les petits ruisseaux font les grandes rivières.",
        &[(
            CounterpartKind::Logo,
            "Logo en tant que financeur sur les supports papier et web",
        )],
    ),
    (
        "Un bon coup de main",
        Some(150),
        "Un coup de main financier, et une formation pour mettre la main à la pâte.",
        &[
            (
                CounterpartKind::Logo,
                "Logo en tant que financeur sur les supports papier et web",
            ),
            (
                CounterpartKind::Training,
                "Formation aux outils d'intelligence collective pour animer un atelier dans sa structure",
            ),
        ],
    ),
    (
        "Un gros coup de boost",
        Some(350),
        "Un vrai coup de boost : des ateliers de concertation en plus sur le territoire.",
        &[
            (
                CounterpartKind::Logo,
                "Logo en tant que financeur sur les supports papier et web",
            ),
            (
                CounterpartKind::Workshop,
                "Atelier de concertation de deux heures dans l'entreprise ou une structure de son choix",
            ),
        ],
    ),
];

/// Illustrative organisations: name, kind, INSEE code of their commune, description, the
/// rank of their tier, and whether their training was given.
const ORGANISATIONS: [(&str, OrganisationKind, &str, &str, usize, bool); 7] = [
    (
        "Atelier numérique du Lion (exemple)",
        OrganisationKind::Company,
        "90010",
        "Une petite entreprise de services numériques qui prête ses animateurs aux ateliers.",
        0,
        true,
    ),
    (
        "Maison des associations du Pays (exemple)",
        OrganisationKind::Association,
        "25388",
        "Réseau d'associations d'éducation populaire.",
        0,
        false,
    ),
    (
        "Boulangerie des Forges (exemple)",
        OrganisationKind::Company,
        "90010",
        "Artisan boulanger du quartier des Forges.",
        1,
        false,
    ),
    (
        "Garage solidaire du Mont (exemple)",
        OrganisationKind::Association,
        "70285",
        "Réparation de véhicules à prix solidaire.",
        1,
        false,
    ),
    (
        "Menuiserie Vauban (exemple)",
        OrganisationKind::Company,
        "25388",
        "Menuiserie artisanale, six salariés.",
        2,
        true,
    ),
    (
        "Fondation pour les territoires (exemple)",
        OrganisationKind::Foundation,
        "90010",
        "Fondation qui soutient les initiatives citoyennes locales.",
        3,
        false,
    ),
    (
        "Société coopérative de transport (exemple)",
        OrganisationKind::Company,
        "25388",
        "Transport de voyageurs en coopérative.",
        3,
        false,
    ),
];

/// The name of the demo's organisation of this rank.
pub fn organisation_name(rank: usize) -> &'static str {
    ORGANISATIONS[rank].0
}

/// Loads the tiers and partners; the first organisation's contact is the demo's partner,
/// the others' the manager who registered them.
pub async fn load(
    db: &Db,
    process_id: i64,
    partner_email: &str,
    manager_email: &str,
) -> anyhow::Result<()> {
    let mut tier_ids = Vec::new();
    for (label, euros, description, promises) in TIERS {
        let tier = TierFields {
            label: label.to_owned(),
            contribution: if euros.is_some() {
                Contribution::Money
            } else {
                Contribution::Time
            },
            amount_cents: euros.map(|e| e * 100),
            description: description.to_owned(),
            promises: promises
                .iter()
                .map(|(kind, label)| (*kind, (*label).to_owned()))
                .collect(),
        };
        tier_ids.push((
            store::add_tier(db, process_id, &tier).await?,
            tier.amount_cents,
        ));
    }
    let partner = accounts::users::by_email(db, partner_email)
        .await?
        .context("the demo's partner")?;
    let manager = accounts::users::by_email(db, manager_email)
        .await?
        .context("the demo's manager")?;
    for (n, (name, kind, code, description, tier, trained)) in ORGANISATIONS.into_iter().enumerate()
    {
        let commune = territories::store::by_level_code(db, "commune", code).await?;
        let fields = OrganisationFields {
            name: name.to_owned(),
            kind,
            siret: None,
            rna: None,
            website: String::new(),
            description: description.to_owned(),
            territory_id: commune.map(|c| c.id),
        };
        let creator = if n == 0 { partner.id } else { manager.id };
        let organisation = store::create(db, &fields, creator)
            .await?
            .map_err(|_| anyhow::anyhow!("the demo's organisations have no numbers"))?;
        let (tier_id, amount) = tier_ids[tier];
        let engagement = store::engage(db, process_id, organisation, tier_id, amount)
            .await?
            .context("a new engagement")?;
        if trained {
            let training = store::counterparts(db, process_id)
                .await?
                .into_iter()
                .find(|c| c.engagement_id == engagement && c.kind == CounterpartKind::Training)
                .context("a training promised")?;
            let delivery = Delivery {
                state: CounterpartState::Delivered,
                event_id: None,
                note: "Session de formation suivie à Belfort".to_owned(),
            };
            store::deliver(db, process_id, training.id, &delivery).await?;
        }
    }
    Ok(())
}
