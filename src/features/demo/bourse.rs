//! The living demo's bourse aux initiatives: the demo partners' offers, requests from the
//! first solutions, and companionships at each step (waiting for an answer, under way with
//! its log, completed with both testimonies).

use anyhow::Context;

use crate::features::bourse::rules::{Side, State, SupportKind};
use crate::features::bourse::store::{self, NewOffer, NewRequest, Transition};
use crate::features::partners;
use crate::features::solutions;
use crate::features::territories;
use crate::platform::db::Db;

/// Offers: the rank of the organisation (as the demo registers them), kind, title, text,
/// capacity, and its commune's INSEE code (empty: the whole territory).
const OFFERS: [(usize, SupportKind, &str, &str, i64, &str); 5] = [
    (
        0,
        SupportKind::Skills,
        "Site web et réseaux sociaux pour les porteurs",
        "Nos animateurs aident à créer un site simple, une page de présentation et à publier sur les réseaux sociaux.",
        40,
        "90010",
    ),
    (
        1,
        SupportKind::Mentoring,
        "Parrainage de porteurs de projets associatifs",
        "Un bénévole expérimenté suit le projet pendant six mois : statuts, budget, recherche de bénévoles.",
        5,
        "25388",
    ),
    (
        4,
        SupportKind::Equipment,
        "Prêt d'outils et d'un atelier de menuiserie",
        "Établis, scies et visseuses prêtés le samedi, avec un compagnon pour conseiller.",
        3,
        "25388",
    ),
    (
        5,
        SupportKind::Funding,
        "Bourse d'amorçage pour les initiatives citoyennes",
        "Jusqu'à 1 500 € pour les premières dépenses d'une solution née de la concertation.",
        5_000,
        "",
    ),
    (
        6,
        SupportKind::Premises,
        "Une salle de réunion au dépôt",
        "Une salle de vingt places, le soir en semaine, pour les réunions des porteurs.",
        4,
        "25388",
    ),
];

/// Requests from the first solutions, in order: kind, title, text, amount.
const REQUESTS: [(SupportKind, &str, &str, i64); 4] = [
    (
        SupportKind::Equipment,
        "Des outils et un atelier pour démarrer",
        "Nous cherchons des outils et un lieu pour bricoler avec les habitants le samedi.",
        1,
    ),
    (
        SupportKind::Skills,
        "Un coup de main pour le site web",
        "Il nous faut une page claire pour présenter le projet et recruter des bénévoles.",
        10,
    ),
    (
        SupportKind::Funding,
        "Un premier financement pour lancer le projet",
        "De quoi acheter le premier matériel et assurer les bénévoles.",
        1_200,
    ),
    (
        SupportKind::Mentoring,
        "Un parrain ou une marraine pour structurer le projet",
        "Nous aimerions être suivis pour écrire nos statuts et notre budget.",
        1,
    ),
];

/// Loads offers, requests and companionships; returns how many companionships. `day` is a
/// day of the last week (`YYYY-MM-DD`), for the log.
pub async fn load(
    db: &Db,
    process_id: i64,
    (partner, manager): (i64, i64),
    day: &str,
) -> anyhow::Result<usize> {
    let organisations = partners::store::all(db).await?;
    let by_rank = |rank: usize| -> anyhow::Result<i64> {
        let name = super::partners::organisation_name(rank);
        organisations
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.id)
            .context("a demo organisation")
    };
    let mut offers = Vec::new();
    for (rank, kind, title, body, capacity, code) in OFFERS {
        let territory_id = match code {
            "" => None,
            code => territories::store::by_level_code(db, "commune", code)
                .await?
                .map(|t| t.id),
        };
        let offer = NewOffer {
            process_id,
            organisation_id: by_rank(rank)?,
            kind,
            title: title.to_owned(),
            body: body.to_owned(),
            theme_id: None,
            territory_id,
            capacity,
            ends_on: None,
            // The demo's partner speaks for the first organisation, its manager for the others.
            created_by: if rank == 0 { partner } else { manager },
        };
        offers.push((kind, store::add_offer(db, &offer).await?));
    }
    let solution_ids =
        solutions::store::first_published(db, process_id, REQUESTS.len() as i64).await?;
    let mut requests = Vec::new();
    for (solution_id, (kind, title, body, amount)) in solution_ids.into_iter().zip(REQUESTS) {
        let carrier = solutions::store::carriers(db, solution_id)
            .await?
            .first()
            .map(|(id, _)| *id)
            .context("a carrier")?;
        let request = NewRequest {
            process_id,
            solution_id,
            kind,
            title: title.to_owned(),
            body: body.to_owned(),
            amount,
            needed_by: None,
            created_by: carrier,
        };
        requests.push((kind, store::add_request(db, &request).await?, carrier));
    }
    // Equipment: under way; funding: completed and testified; mentoring: waiting.
    let steps = [
        (SupportKind::Equipment, State::InProgress),
        (SupportKind::Funding, State::Completed),
        (SupportKind::Mentoring, State::Proposed),
    ];
    let mut made = 0;
    for (kind, reached) in steps {
        let (Some((_, offer_id)), Some((_, request_id, carrier))) = (
            offers.iter().find(|(k, _)| *k == kind),
            requests.iter().find(|(k, ..)| *k == kind),
        ) else {
            continue;
        };
        let offer = store::offer(db, *offer_id).await?.context("an offer")?;
        let request = store::request(db, *request_id)
            .await?
            .context("a request")?;
        let units = request.amount.min(offer.remaining);
        let id = store::propose(db, &offer, request.id, units, Side::Carrier)
            .await?
            .context("a new companionship")?;
        made += 1;
        if reached == State::Proposed {
            continue;
        }
        let mut companionship = store::companionship(db, id).await?.context("it")?;
        let moves = [
            (State::Accepted, Side::Partner),
            (State::InProgress, Side::Carrier),
            (State::Completed, Side::Carrier),
        ];
        for (to, by) in moves {
            let transition = Transition {
                from: companionship.state,
                to,
                by,
                reason: None,
            };
            store::apply(db, &companionship, transition)
                .await?
                .map_err(|e| anyhow::anyhow!("demo companionship: {e:?}"))?;
            if to == State::InProgress {
                store::add_log(
                    db,
                    id,
                    *carrier,
                    "meeting",
                    day,
                    "Première rencontre : le projet et ses besoins.",
                )
                .await?;
            }
            companionship = store::companionship(db, id).await?.context("it")?;
            if to == reached {
                break;
            }
        }
        if reached == State::Completed {
            store::testify(
                db,
                id,
                Side::Carrier,
                *carrier,
                "Un soutien rapide qui nous a permis d'acheter le premier matériel.",
            )
            .await?;
            store::testify(
                db,
                id,
                Side::Partner,
                manager,
                "Une équipe motivée : exactement ce que la bourse veut soutenir.",
            )
            .await?;
        }
    }
    Ok(made)
}
