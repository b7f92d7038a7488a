//! The bourse aux initiatives over HTTP: a carrier asks, a partner offers, the match is
//! suggested with its reasons, both accept, a meeting is logged, capacity falls, both testify;
//! who sees and does what; capacity under concurrent acceptances; reminders at 7 and 14 days
//! with a test clock.

use crate::common::{Browser, Page, TestApp};
use crate::solutions::media::a_solution;
use axum::http::StatusCode;
use concerto::features::bourse;
use concerto::features::partners;
use concerto::platform::clock::now_ms;

const PROCESS: &str = "aux-actes-citoyens";
const PARTNER: &str = "partenaire@demo.concerto.localhost";
const MANAGER: &str = "gestion@demo.concerto.localhost";
const FACILITATOR: &str = "animation@demo.concerto.localhost";
const MODERATOR: &str = "moderation@demo.concerto.localhost";
const DAY: i64 = 24 * 3_600_000;

/// The demo partner's organisation.
async fn partner_organisation(app: &TestApp) -> i64 {
    let paul = concerto::features::accounts::users::by_email(app.db(), PARTNER)
        .await
        .unwrap()
        .unwrap();
    partners::service::spoken_for(app.db(), paul.id)
        .await
        .unwrap()[0]
        .0
}

/// The id at the end of a redirect to `prefix{id}`.
fn redirected_id(page: &Page, prefix: &str) -> i64 {
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
    page.location()
        .trim_start_matches(prefix)
        .split('#')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{} is not {prefix}…", page.location()))
}

async fn offer(partner: &mut Browser, organisation: i64, capacity: &str) -> i64 {
    let page = partner
        .post(
            &format!("/demarches/{PROCESS}/bourse/offres"),
            &[
                ("organisation", &organisation.to_string()),
                ("type", "mentoring"),
                ("titre", "Parrainage de jardins partagés"),
                (
                    "texte",
                    "Un jardinier accompagne les habitants qui lancent des parcelles.",
                ),
                ("theme", ""),
                ("commune", "90010"),
                ("capacite", capacity),
                ("fin", ""),
            ],
        )
        .await;
    redirected_id(&page, "/offres/")
}

async fn request(carrier: &mut Browser, solution: i64, title: &str) -> i64 {
    let page = carrier
        .post(
            &format!("/solutions/{solution}/demandes"),
            &[
                ("type", "mentoring"),
                ("titre", title),
                (
                    "texte",
                    "Un parrain pour lancer les parcelles du jardin partagé.",
                ),
                ("quantite", "1"),
                ("echeance", "2027-03-01"),
            ],
        )
        .await;
    redirected_id(&page, "/demandes/")
}

async fn propose(browser: &mut Browser, offer: i64, request: i64) -> Page {
    browser
        .post(
            "/compagnonnages",
            &[
                ("offre", &offer.to_string()),
                ("demande", &request.to_string()),
            ],
        )
        .await
}

async fn state_of(app: &TestApp, id: i64) -> &'static str {
    bourse::store::companionship(app.db(), id)
        .await
        .unwrap()
        .unwrap()
        .state
        .as_str()
}

async fn remaining(app: &TestApp, offer: i64) -> i64 {
    bourse::store::offer(app.db(), offer)
        .await
        .unwrap()
        .unwrap()
        .remaining
}

#[tokio::test]
async fn a_carrier_asks_a_partner_offers_both_accept_log_and_testify() {
    let app = TestApp::with_demo().await;
    let organisation = partner_organisation(&app).await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    // A garden in Montbéliard, about 15 km from the offer's Belfort.
    let needs = crate::solutions::seed_needs(app.db()).await;
    let solution = crate::solutions::solution_id(
        &crate::solutions::propose(
            &mut carrier,
            &[
                ("title", "Un jardin partagé"),
                ("body", "Des parcelles pour les habitants."),
                ("besoins", &needs[8].to_string()),
                ("commune", "25388"),
            ],
        )
        .await,
    );

    // Bad input is named next to its field; a stranger cannot ask for someone's solution.
    let bad = carrier
        .post(
            &format!("/solutions/{solution}/demandes"),
            &[
                ("type", "bricolage"),
                ("titre", ""),
                ("texte", "x"),
                ("quantite", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["type", "titre", "quantite"] {
        assert!(
            bad.body.contains(&format!("id=\"{field}-error\"")),
            "{field}"
        );
    }
    let mut stranger = app.signed_in("passant@exemple.fr", "Passant").await;
    let refused = stranger
        .post(
            &format!("/solutions/{solution}/demandes"),
            &[
                ("type", "mentoring"),
                ("titre", "Moi"),
                ("texte", "x"),
                ("quantite", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let no_offer = stranger
        .get(&format!("/demarches/{PROCESS}/bourse/offres/nouvelle"))
        .await;
    assert_eq!(
        no_offer.status,
        StatusCode::FORBIDDEN,
        "only organisations' contacts offer"
    );

    let asked = request(&mut carrier, solution, "Un parrain pour le jardin").await;
    let mut partner = app.demo_account(PARTNER).await;
    let over = partner
        .post(
            &format!("/demarches/{PROCESS}/bourse/offres"),
            &[
                ("organisation", &organisation.to_string()),
                ("type", "mentoring"),
                ("titre", "Trop"),
                ("texte", "x"),
                ("capacite", "-3"),
            ],
        )
        .await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(over.body.contains("id=\"capacite-error\""));
    let before = app
        .browser()
        .get(&format!("/demarches/{PROCESS}/bourse"))
        .await;
    assert!(
        before.shows("Un parrain pour le jardin")
            && !before.shows("Parrainage de jardins partagés")
    );
    let offered = offer(&mut partner, organisation, "3").await;
    let after = app
        .browser()
        .get(&format!("/demarches/{PROCESS}/bourse"))
        .await;
    assert!(
        after.shows("Parrainage de jardins partagés"),
        "the kept lists follow the offers"
    );

    // The carrier sees the offer suggested with its reasons, and asks.
    let page = carrier.get(&format!("/demandes/{asked}")).await;
    assert!(
        page.shows("Parrainage de jardins partagés"),
        "{}",
        page.main_content()
    );
    let reasons = page.main_content();
    let km: i64 = reasons
        .split(" km")
        .next()
        .and_then(|head| head.rsplit("à ").next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a distance in {reasons}"));
    assert!((10..=20).contains(&km), "Belfort to Montbéliard: {km} km");
    assert!(page.shows("3 places restant(s)"));
    assert!(page.shows("descriptions proches"));
    let proposed = propose(&mut carrier, offered, asked).await;
    let id = redirected_id(&proposed, "/compagnonnages/");
    assert_eq!(state_of(&app, id).await, "proposed");
    let mail = app
        .last_mail_to(PARTNER)
        .await
        .expect("the partner is told");
    assert!(mail.email.subject.contains("Proposition de compagnonnage"));
    assert_eq!(
        propose(&mut carrier, offered, asked).await.location(),
        format!("/demandes/{asked}")
    );

    // Who sees it: the pair and the process team; not a stranger, nor a moderator.
    assert_eq!(
        stranger.get(&format!("/compagnonnages/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    let mut moderator = app.demo_account(MODERATOR).await;
    assert_eq!(
        moderator.get(&format!("/compagnonnages/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    let mut facilitator = app.demo_account(FACILITATOR).await;
    assert_eq!(
        facilitator
            .get(&format!("/compagnonnages/{id}"))
            .await
            .status,
        StatusCode::OK
    );

    // The carrier cannot accept its own proposal, nor can the team for the partner.
    let own = carrier
        .post(
            &format!("/compagnonnages/{id}/etat"),
            &[("action", "accepter")],
        )
        .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(own.shows("C'est à l'autre partie"));
    let team = facilitator
        .post(
            &format!("/compagnonnages/{id}/etat"),
            &[("action", "accepter")],
        )
        .await;
    assert_eq!(team.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(remaining(&app, offered).await, 3);

    // The partner accepts: capacity falls by the request's amount, the request is met.
    let accepted = partner
        .post(
            &format!("/compagnonnages/{id}/etat"),
            &[("action", "accepter")],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert_eq!(state_of(&app, id).await, "accepted");
    assert_eq!(remaining(&app, offered).await, 2);
    let met = bourse::store::request(app.db(), asked)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(met.status.as_str(), "met");
    assert!(
        app.last_mail_to("porteuse@exemple.fr")
            .await
            .unwrap()
            .email
            .body
            .contains("Accepté")
    );

    // A meeting logged puts it under way; the log is the pair's and the team's only.
    let logged = partner
        .post(
            &format!("/compagnonnages/{id}/journal"),
            &[
                ("type", "meeting"),
                ("date", "2026-12-01"),
                ("texte", "Première visite du terrain."),
            ],
        )
        .await;
    assert_eq!(logged.status, StatusCode::SEE_OTHER);
    assert_eq!(state_of(&app, id).await, "in_progress");
    assert!(
        carrier
            .get(&format!("/compagnonnages/{id}"))
            .await
            .shows("Première visite du terrain.")
    );
    let anonymous = app.browser().get(&format!("/compagnonnages/{id}")).await;
    assert!(!anonymous.body.contains("Première visite"));
    assert!(
        !stranger
            .get(&format!("/offres/{offered}"))
            .await
            .body
            .contains("Première visite")
    );

    // No testimony before the end; a cancel needs a reason; then completed and testified.
    let early = carrier
        .post(
            &format!("/compagnonnages/{id}/temoignage"),
            &[("temoignage", "Trop tôt")],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reasonless = carrier
        .post(
            &format!("/compagnonnages/{id}/etat"),
            &[("action", "annuler")],
        )
        .await;
    assert_eq!(reasonless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reasonless.body.contains("id=\"motif-error\""));
    let done = carrier
        .post(
            &format!("/compagnonnages/{id}/etat"),
            &[("action", "terminer")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(state_of(&app, id).await, "completed");
    for (browser, text) in [
        (&mut carrier, "Un parrain patient et précis."),
        (&mut partner, "Des porteurs motivés."),
    ] {
        let said = browser
            .post(
                &format!("/compagnonnages/{id}/temoignage"),
                &[("temoignage", text)],
            )
            .await;
        assert_eq!(said.status, StatusCode::SEE_OTHER);
    }
    let page = facilitator.get(&format!("/compagnonnages/{id}")).await;
    assert!(page.shows("Un parrain patient et précis.") && page.shows("Des porteurs motivés."));
    assert_eq!(
        facilitator
            .post(
                &format!("/compagnonnages/{id}/temoignage"),
                &[("temoignage", "L'équipe")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Open data: offers and requests for everyone, companionships for the team, no log.
    let base = format!("/demarches/{PROCESS}/bourse");
    let offers = app.browser().get(&format!("{base}/offres.json")).await;
    assert_eq!(offers.status, StatusCode::OK);
    let offers: serde_json::Value = serde_json::from_str(&offers.body).unwrap();
    let ours = offers
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"].as_str() == Some(offered.to_string().as_str()))
        .expect("the offer is in the open data");
    assert_eq!(
        (ours["capacite"].as_i64(), ours["restant"].as_i64()),
        (Some(3), Some(2))
    );
    let requests = app.browser().get(&format!("{base}/demandes.csv")).await;
    assert!(
        requests.body.starts_with('\u{feff}')
            && requests.body.contains("Un parrain pour le jardin")
    );
    let workbook = app.browser().get(&format!("{base}/offres.xlsx")).await;
    assert_eq!(workbook.status, StatusCode::OK);
    assert_eq!(
        app.browser()
            .get(&format!("{base}/offres.pdf"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stranger
            .get(&format!("{base}/compagnonnages.json"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let pairs = facilitator
        .get(&format!("{base}/compagnonnages.json"))
        .await;
    assert!(
        pairs.body.contains("\"etat\":\"completed\""),
        "{}",
        pairs.body
    );
    assert!(
        !pairs.body.contains("Première visite"),
        "the log stays private"
    );

    // The team's figures: one completed, the ledger adds up; a participant is refused.
    let mut manager = app.demo_account(MANAGER).await;
    let figures = manager
        .get(&format!("/gestion/demarches/{PROCESS}/bourse"))
        .await;
    assert_eq!(figures.status, StatusCode::OK);
    let reactivity = bourse::store::reactivity(app.db(), figures_process(&app).await)
        .await
        .unwrap();
    let row = reactivity
        .iter()
        .find(|r| r.organisation_id == organisation)
        .unwrap();
    assert_eq!(
        (row.asked, row.answered_in_time, row.completed, row.taken),
        (1, 1, 1, 1)
    );
    assert!(
        figures.shows("sont justes") || figures.shows("est juste"),
        "{}",
        figures.main_content()
    );
    assert_eq!(
        carrier
            .get(&format!("/gestion/demarches/{PROCESS}/bourse"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

async fn figures_process(app: &TestApp) -> i64 {
    concerto::features::processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn capacity_never_goes_below_zero_when_acceptances_race() {
    let app = TestApp::with_demo().await;
    let organisation = partner_organisation(&app).await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let first = a_solution(&app, &mut carrier).await;
    let second = a_solution(&app, &mut carrier).await;
    let mut partner = app.demo_account(PARTNER).await;
    let mut partner_again = app.demo_account(PARTNER).await;
    let scarce = offer(&mut partner, organisation, "1").await;
    let one = request(&mut carrier, first, "Un parrain, vite").await;
    let two = request(&mut carrier, second, "Un parrain aussi").await;
    let a = redirected_id(
        &propose(&mut carrier, scarce, one).await,
        "/compagnonnages/",
    );
    let b = redirected_id(
        &propose(&mut carrier, scarce, two).await,
        "/compagnonnages/",
    );

    // Two proposals for the last place, accepted at once: one wins, the other is told.
    let accept = [("action", "accepter")];
    let (path_a, path_b) = (
        format!("/compagnonnages/{a}/etat"),
        format!("/compagnonnages/{b}/etat"),
    );
    let (left, right) = tokio::join!(
        partner.post(&path_a, &accept),
        partner_again.post(&path_b, &accept),
    );
    let statuses = [left.status, right.status];
    assert!(statuses.contains(&StatusCode::SEE_OTHER), "{statuses:?}");
    assert!(
        statuses.contains(&StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    let loser = if left.status == StatusCode::SEE_OTHER {
        &right
    } else {
        &left
    };
    assert!(
        loser.shows("plus assez de capacité"),
        "{}",
        loser.main_content()
    );
    assert_eq!(remaining(&app, scarce).await, 0);
    let states = [state_of(&app, a).await, state_of(&app, b).await];
    assert_eq!(
        states.iter().filter(|s| **s == "accepted").count(),
        1,
        "{states:?}"
    );

    // One proposal accepted twice at once by two sessions: taken once.
    let roomy = offer(&mut partner, organisation, "5").await;
    let three = request(&mut carrier, first, "Encore un parrain").await;
    let c = redirected_id(
        &propose(&mut carrier, roomy, three).await,
        "/compagnonnages/",
    );
    let path_c = format!("/compagnonnages/{c}/etat");
    let (left, right) = tokio::join!(
        partner.post(&path_c, &accept),
        partner_again.post(&path_c, &accept),
    );
    assert_eq!(
        [left.status, right.status]
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        1
    );
    assert_eq!(remaining(&app, roomy).await, 4);

    // Cancelling gives the place back; every offer's ledger adds up.
    let winner = if state_of(&app, a).await == "accepted" {
        a
    } else {
        b
    };
    let cancelled = carrier
        .post(
            &format!("/compagnonnages/{winner}/etat"),
            &[("action", "annuler"), ("motif", "found_elsewhere")],
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    assert_eq!(remaining(&app, scarce).await, 1);
    let c = bourse::store::companionship(app.db(), winner)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.end_reason.map(|r| r.as_str()), Some("found_elsewhere"));
    assert_eq!(c.ended_by.map(|s| s.as_str()), Some("carrier"));
    for (offer, capacity, left, sum) in
        bourse::store::ledger_by_offer(app.db(), figures_process(&app).await)
            .await
            .unwrap()
    {
        assert_eq!(capacity + sum, left, "offer {offer}");
    }
}

#[tokio::test]
async fn a_waiting_proposal_reminds_the_partner_at_7_days_and_the_team_at_14() {
    let app = TestApp::with_demo().await;
    let organisation = partner_organisation(&app).await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let solution = a_solution(&app, &mut carrier).await;
    let mut partner = app.demo_account(PARTNER).await;
    let offered = offer(&mut partner, organisation, "2").await;
    let asked = request(&mut carrier, solution, "Un parrain patient").await;
    let id = redirected_id(
        &propose(&mut carrier, offered, asked).await,
        "/compagnonnages/",
    );
    let answered_asked = request(&mut carrier, solution, "Un autre parrain").await;
    let answered = redirected_id(
        &propose(&mut carrier, offered, answered_asked).await,
        "/compagnonnages/",
    );
    partner
        .post(
            &format!("/compagnonnages/{answered}/etat"),
            &[("action", "refuser"), ("motif", "timing")],
        )
        .await;
    let now = now_ms();
    let reminders = |at: i64| bourse::service::remind(&app.state, at);

    assert_eq!(reminders(now + 6 * DAY).await.unwrap(), 0);
    let before = app.mails().await.len();
    assert_eq!(
        reminders(now + 8 * DAY).await.unwrap(),
        1,
        "the waiting one only"
    );
    assert_eq!(reminders(now + 9 * DAY).await.unwrap(), 0, "once");
    let mail = app.last_mail_to(PARTNER).await.unwrap();
    assert!(
        mail.email.subject.contains("attend votre réponse"),
        "{}",
        mail.email.subject
    );
    assert!(mail.email.body.contains(&format!("/compagnonnages/{id}")));
    assert_eq!(app.mails().await.len(), before + 1);

    assert_eq!(reminders(now + 15 * DAY).await.unwrap(), 1);
    for member in [MANAGER, FACILITATOR] {
        let mail = app.last_mail_to(member).await.unwrap();
        assert!(
            mail.email.subject.contains("deux semaines"),
            "{member}: {}",
            mail.email.subject
        );
    }
    assert_eq!(reminders(now + 30 * DAY).await.unwrap(), 0);
    assert_eq!(state_of(&app, answered).await, "refused");
}
