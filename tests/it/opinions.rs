//! The opinion map over HTTP: participants submit statements and vote one at a time (a new
//! vote replaces the last; the next statement is never one already voted), moderators
//! publish, refuse or withdraw statements (premoderation when the manager chooses it), the map
//! shows groups, what they stand for and where the participant stands. Lesser roles are
//! refused and change nothing.

use crate::common;

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::opinions;
use concerto::features::opinions::rules::StatementStatus;
use concerto::features::processes;
use concerto::platform::audit;

const PROCESS: &str = "aux-actes-citoyens";
const MANAGER: &str = "gestion@demo.concerto.localhost";
const MODERATOR: &str = "moderation@demo.concerto.localhost";

/// The id of the statement the vote form offers, if any.
fn offered(page: &common::Page) -> Option<i64> {
    page.input_value("proposition").map(|v| v.parse().unwrap())
}

async fn vote(browser: &mut Browser, statement: i64, choice: &str) {
    let page = browser
        .post(
            &format!("/demarches/{PROCESS}/opinions/votes"),
            &[("proposition", &statement.to_string()), ("vote", choice)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

/// Proposes a statement as `browser` (with the form's other fields, such as `atelier`).
async fn propose(browser: &mut Browser, statement: &str, more: &[(&str, &str)]) -> common::Page {
    let mut fields = vec![("statement", statement)];
    fields.extend_from_slice(more);
    browser
        .post(
            &format!("/demarches/{PROCESS}/opinions/propositions"),
            &fields,
        )
        .await
}

/// The process's statements in these states.
async fn statements_in(
    app: &TestApp,
    process_id: i64,
    states: &[StatementStatus],
) -> Vec<opinions::store::Statement> {
    opinions::store::statements(app.db(), process_id, states)
        .await
        .unwrap()
}

#[tokio::test]
async fn participants_vote_one_statement_at_a_time_and_the_map_shows_the_groups() {
    let app = TestApp::with_demo().await;
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let mut author = app.signed_in("autrice@exemple.fr", "Autrice").await;

    // Bad statements are refused next to the field; good ones are published at once.
    let empty = propose(&mut author, "  ", &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.shows("Ce champ est obligatoire."));
    let long = "x".repeat(141);
    let too_long = propose(&mut author, &long, &[]).await;
    assert!(too_long.shows("Ce texte est trop long.") && too_long.shows(&long));
    let texts = [
        "Il faut plus de bus le soir",
        "Les voitures doivent sortir du centre-ville",
        "Le vélo est dangereux ici",
        "Il faut plus de parkings",
        "Les pistes cyclables sont une priorité",
        "Le marché du samedi doit rester",
        "Les transports devraient être gratuits",
        "Le centre-ville doit rester accessible en voiture",
    ];
    for text in texts {
        let page = propose(&mut author, text, &[]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let statements = statements_in(&app, process.id, &[StatementStatus::Accepted]).await;
    assert_eq!(statements.len(), 8);
    let id = |text: &str| statements.iter().find(|s| s.body == text).unwrap().id;

    // One person votes through every statement: each offered once, never one already voted.
    let mut seen = Vec::new();
    for _ in 0..8 {
        let page = author.get(&format!("/demarches/{PROCESS}/opinions")).await;
        let next = offered(&page).expect("a statement to vote on");
        assert!(!seen.contains(&next), "offered twice: {next}");
        seen.push(next);
        vote(&mut author, next, "accord").await;
    }
    let done = author.get(&format!("/demarches/{PROCESS}/opinions")).await;
    assert_eq!(offered(&done), None);
    assert!(done.shows("Propositions auxquelles vous avez réagi : 8 sur 8."));
    // A new vote on the same statement replaces the last one.
    vote(&mut author, id("Le vélo est dangereux ici"), "desaccord").await;
    let mine = opinions::store::votes_of(
        app.db(),
        process.id,
        author_id(&app, "autrice@exemple.fr").await,
    )
    .await
    .unwrap();
    assert_eq!(mine.len(), 8);
    assert!(mine.contains(&(id("Le vélo est dangereux ici"), -1)));
    let bad = author
        .post(
            &format!("/demarches/{PROCESS}/opinions/votes"),
            &[("proposition", &seen[0].to_string()), ("vote", "peut-être")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    // Two camps of ten: cars against bikes; everyone keeps the Saturday market.
    let cars = [
        "Il faut plus de parkings",
        "Le centre-ville doit rester accessible en voiture",
    ];
    let bikes = [
        "Les voitures doivent sortir du centre-ville",
        "Les pistes cyclables sont une priorité",
        "Il faut plus de bus le soir",
        "Les transports devraient être gratuits",
    ];
    let mut first = None;
    for n in 0..20 {
        let mut person = app.signed_in(&format!("p{n}@exemple.fr"), "Habitant").await;
        let for_cars = n % 2 == 0;
        for text in cars {
            vote(
                &mut person,
                id(text),
                if for_cars { "accord" } else { "desaccord" },
            )
            .await;
        }
        for text in bikes {
            vote(
                &mut person,
                id(text),
                if for_cars { "desaccord" } else { "accord" },
            )
            .await;
        }
        vote(&mut person, id("Le marché du samedi doit rester"), "accord").await;
        vote(
            &mut person,
            id("Le vélo est dangereux ici"),
            if for_cars { "accord" } else { "desaccord" },
        )
        .await;
        if n == 0 {
            first = Some(person);
        }
    }
    let mut p0 = first.expect("the first person");
    let map = p0
        .get(&format!("/demarches/{PROCESS}/opinions/carte"))
        .await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(
        map.shows("21 participants") && map.shows("2 groupes d'opinion"),
        "{}",
        map.main_content()
    );
    assert!(map.shows("Groupe A") && map.shows("Groupe B"));
    assert!(map.shows("Vous êtes dans le groupe"));
    assert!(map.shows("<polygon") && map.body.matches("<circle").count() >= 21);
    let consensus = map
        .main_content()
        .split("Ce qui rassemble")
        .nth(1)
        .unwrap()
        .to_owned();
    assert!(
        consensus.contains("Le marché du samedi doit rester"),
        "{consensus}"
    );
    let visitor = app
        .browser()
        .get(&format!("/demarches/{PROCESS}/opinions/carte"))
        .await;
    assert!(visitor.shows("Connectez-vous et votez pour voir où vous vous situez."));
}

async fn author_id(app: &TestApp, email: &str) -> i64 {
    accounts::users::by_email(app.db(), email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn moderators_publish_refuse_or_withdraw_and_others_cannot() {
    let app = TestApp::with_demo().await;
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let mut participant = app.signed_in("quidam@exemple.fr", "Quidam").await;
    let mut moderator = app.demo_account(MODERATOR).await;
    let mut manager = app.demo_account(MANAGER).await;

    // Only a manager sets premoderation; a moderator is refused and nothing changes.
    let refused = moderator
        .post(
            &format!("/demarches/{PROCESS}/opinions/reglage"),
            &[("moderation", "avant")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        !processes::store::by_id(app.db(), process.id)
            .await
            .unwrap()
            .unwrap()
            .opinion_premoderation
    );
    let set = manager
        .post(
            &format!("/demarches/{PROCESS}/opinions/reglage"),
            &[("moderation", "avant")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    assert!(
        processes::store::by_id(app.db(), process.id)
            .await
            .unwrap()
            .unwrap()
            .opinion_premoderation
    );

    for text in ["Une halle couverte pour le marché", "Propos hors sujet"] {
        propose(&mut participant, text, &[]).await;
    }
    let pending = statements_in(&app, process.id, &[StatementStatus::Pending]).await;
    assert_eq!(pending.len(), 2);
    let page = participant
        .get(&format!("/demarches/{PROCESS}/opinions"))
        .await;
    assert_eq!(offered(&page), None, "nothing is offered before moderation");

    // A participant may neither read the queue nor decide.
    assert_eq!(
        participant
            .get(&format!("/demarches/{PROCESS}/opinions/moderation"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let forbidden = participant
        .post(
            &format!("/opinions/propositions/{}/moderation", pending[0].id),
            &[("action", "accepter")],
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(
        opinions::store::statement(app.db(), pending[0].id)
            .await
            .unwrap()
            .unwrap()
            .status,
        StatementStatus::Pending
    );

    let queue = moderator
        .get(&format!("/demarches/{PROCESS}/opinions/moderation"))
        .await;
    assert!(queue.shows("Une halle couverte pour le marché"));
    let (good, bad) = if pending[0].body.starts_with("Une halle") {
        (&pending[0], &pending[1])
    } else {
        (&pending[1], &pending[0])
    };
    for (statement, action) in [(good, "accepter"), (bad, "refuser")] {
        let done = moderator
            .post(
                &format!("/opinions/propositions/{}/moderation", statement.id),
                &[("action", action)],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
    }
    let page = participant
        .get(&format!("/demarches/{PROCESS}/opinions"))
        .await;
    assert_eq!(offered(&page), Some(good.id));
    vote(&mut participant, good.id, "accord").await;

    // Withdrawn after votes: never offered again, its votes count as passes.
    moderator
        .post(
            &format!("/opinions/propositions/{}/moderation", good.id),
            &[("action", "retirer")],
        )
        .await;
    let mut other = app.signed_in("autre@exemple.fr", "Autre").await;
    let page = other.get(&format!("/demarches/{PROCESS}/opinions")).await;
    assert_eq!(offered(&page), None);
    let refused_vote = other
        .post(
            &format!("/demarches/{PROCESS}/opinions/votes"),
            &[("proposition", &good.id.to_string()), ("vote", "accord")],
        )
        .await;
    assert_eq!(refused_vote.status, StatusCode::NOT_FOUND);
    let audit = audit::latest(app.db(), 20).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action.starts_with("opinion.statement."))
            .count(),
        3
    );
}

#[tokio::test]
async fn facilitators_enter_statements_voiced_at_a_workshop_and_nobody_else_can() {
    let app = TestApp::with_demo().await;
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let mut facilitator = app.demo_account("animation@demo.concerto.localhost").await;
    let created = facilitator
        .post(
            &format!("/demarches/{PROCESS}/ateliers"),
            &[
                ("kind", "atelier"),
                ("title", "Atelier mobilités"),
                ("starts_at", "2026-12-12T09:00"),
                ("ends_at", "2026-12-12T12:00"),
                ("commune", "90010"),
                ("audience", "grand_public"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let workshop: i64 = created
        .location()
        .trim_start_matches("/ateliers/")
        .parse()
        .unwrap();

    let form = facilitator
        .get(&format!("/demarches/{PROCESS}/opinions"))
        .await;
    assert!(
        form.shows("Atelier mobilités"),
        "the facilitator chooses among the workshops"
    );
    let wrong = propose(
        &mut facilitator,
        "Un bus vers la zone d'activités",
        &[("atelier", "12345")],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.shows("Choisissez un atelier de la démarche."));
    assert!(
        wrong.shows(">Un bus vers la zone d'activités</textarea>"),
        "the typed statement is kept: {}",
        wrong.body
    );
    assert!(
        statements_in(
            &app,
            process.id,
            &[StatementStatus::Accepted, StatementStatus::Pending]
        )
        .await
        .is_empty()
    );
    let done = propose(
        &mut facilitator,
        "Un bus vers la zone d'activités",
        &[("atelier", &workshop.to_string())],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let statements = statements_in(&app, process.id, &[StatementStatus::Accepted]).await;
    assert_eq!(statements.len(), 1);
    assert_eq!(statements[0].workshop.as_deref(), Some("Atelier mobilités"));
    let mut moderator = app.demo_account("moderation@demo.concerto.localhost").await;
    let queue = moderator
        .get(&format!("/demarches/{PROCESS}/opinions/moderation"))
        .await;
    assert!(
        queue.shows(
            "« Un bus vers la zone d'activités » <span class=\"muted\">(atelier « Atelier mobilités »)</span>"
        ),
        "moderators see where a statement was voiced: {}",
        queue.main_content()
    );

    // A participant neither sees the choice nor may claim a workshop.
    let mut participant = app.signed_in("quidam@exemple.fr", "Quidam").await;
    let form = participant
        .get(&format!("/demarches/{PROCESS}/opinions"))
        .await;
    assert!(!form.shows("name=\"atelier\""));
    let refused = propose(
        &mut participant,
        "Au nom de l'atelier",
        &[("atelier", &workshop.to_string())],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        statements_in(
            &app,
            process.id,
            &[StatementStatus::Accepted, StatementStatus::Pending]
        )
        .await
        .len(),
        1
    );
}

/// Parses a CSV download into its header and rows.
fn read_csv(page: &common::Page) -> (Vec<String>, Vec<Vec<String>>) {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let mut reader = csv::Reader::from_reader(page.bytes.as_slice());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[tokio::test]
async fn exports_read_back_in_polis_format_with_the_maps_groups_and_latecomers_kept() {
    let app = TestApp::with_demo().await;
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let author_id = accounts::users::create(app.db(), "autrice@exemple.fr", "Autrice", "!", true)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut statements = Vec::new();
    for n in 0..10 {
        let body = format!("Proposition numéro {n}, pour ou contre");
        let id = opinions::store::create_statement(
            app.db(),
            process.id,
            &body,
            author_id,
            None,
            StatementStatus::Accepted,
        )
        .await
        .unwrap();
        statements.push(id);
    }
    // Two camps of 12 who vote on every statement, and 3 light voters (2 votes each).
    let mut people = Vec::new();
    for n in 0..27 {
        let user = accounts::users::create(app.db(), &format!("v{n}@exemple.fr"), "V", "!", true)
            .await
            .unwrap()
            .unwrap();
        let (camp_a, light) = (n % 2 == 0, n >= 24);
        for (s, statement) in statements.iter().enumerate() {
            if light && s >= 2 {
                break;
            }
            let agree = (s < 5) == camp_a;
            opinions::store::vote(
                app.db(),
                process.id,
                *statement,
                user.id,
                if agree { 1 } else { -1 },
            )
            .await
            .unwrap();
        }
        people.push(user.id);
    }
    let mut visitor = app.browser();
    let page = visitor
        .get(&format!("/demarches/{PROCESS}/opinions/carte"))
        .await;
    assert!(page.shows("2 groupes d'opinion"), "{}", page.main_content());
    let title = page
        .body
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert_eq!(
        title, "Carte des opinions · Aux Actes Citoyens · Concerto",
        "no markup in the tab"
    );
    assert!(
        page.shows("Pas assez de votes pour être placé·e dans un groupe : 3 participants (moins de 7 propositions)"),
        "{}",
        page.main_content()
    );
    let kept = app
        .state
        .opinions
        .get(
            process.id,
            &opinions::store::revision(app.db(), process.id)
                .await
                .unwrap(),
        )
        .expect("the map is kept");

    // A latecomer votes, and the map they were not in is still the kept one (as when the map
    // was computed from the votes read just before theirs).
    let late = accounts::users::create(app.db(), "tard@exemple.fr", "Tard", "!", true)
        .await
        .unwrap()
        .unwrap();
    opinions::store::vote(app.db(), process.id, statements[3], late.id, 1)
        .await
        .unwrap();
    let revision = opinions::store::revision(app.db(), process.id)
        .await
        .unwrap();
    let stale = concerto::features::opinions::pages::KeptMap {
        map: kept.map.clone(),
        statements: kept.statements.clone(),
    };
    app.state.opinions.put(process.id, revision, stale);

    let export = |file: &str| format!("/demarches/{PROCESS}/opinions/export/{file}");
    let (header, votes) = read_csv(&visitor.get(&export("votes.csv")).await);
    assert_eq!(
        header,
        ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
    );
    // Every vote, the latecomer's too: 24 × 10 + 3 × 2 + 1.
    assert_eq!(votes.len(), 247);
    let voters: std::collections::BTreeSet<&str> = votes.iter().map(|v| v[3].as_str()).collect();
    assert_eq!(voters.len(), 28, "each voter numbered once");
    assert!(votes.iter().all(|v| ["1", "-1"].contains(&v[4].as_str())));
    assert!(
        votes.windows(2).all(|w| w[0][0] <= w[1][0]),
        "in time order"
    );

    let (header, comments) = read_csv(&visitor.get(&export("comments.csv")).await);
    assert_eq!(header[2], "comment-id");
    assert_eq!(comments.len(), 10);
    for row in &comments {
        let on: Vec<&Vec<String>> = votes.iter().filter(|v| v[2] == row[2]).collect();
        let agrees = on.iter().filter(|v| v[4] == "1").count();
        let disagrees = on.iter().filter(|v| v[4] == "-1").count();
        assert_eq!(
            (row[4].clone(), row[5].clone()),
            (agrees.to_string(), disagrees.to_string())
        );
        assert_eq!(row[6], "1");
        assert!(row[7].starts_with("Proposition numéro"));
    }

    let (header, participants) = read_csv(&visitor.get(&export("participants-votes.csv")).await);
    assert_eq!(
        &header[..6],
        [
            "participant",
            "group-id",
            "n-comments",
            "n-votes",
            "n-agree",
            "n-disagree"
        ]
    );
    assert_eq!(header.len(), 6 + 10);
    // The author (who never voted) and the latecomer are numbered after the map's participants.
    assert_eq!(participants.len(), 29);
    for (row, place) in participants.iter().zip(&kept.map.places) {
        let group = place.group.map(|g| g.to_string()).unwrap_or_default();
        assert_eq!(row[1], group, "group-id is the map's group");
        assert_eq!(row[3], place.votes.to_string());
    }
    let grouped = participants.iter().filter(|r| !r[1].is_empty()).count();
    assert_eq!(
        grouped, 24,
        "the light voters and the latecomer are not grouped"
    );
    let sizes: Vec<usize> = kept.map.groups.iter().map(|g| g.members.len()).collect();
    for (g, size) in sizes.iter().enumerate() {
        let in_csv = participants
            .iter()
            .filter(|r| r[1] == g.to_string())
            .count();
        assert_eq!(in_csv, *size);
    }
    let latecomer = participants
        .iter()
        .find(|r| r[3] == "1" && r[1].is_empty())
        .expect("the latecomer's row");
    assert_eq!(latecomer[6 + 3], "1");
    let writer = participants
        .iter()
        .find(|r| r[2] == "10")
        .expect("the author's row");
    assert_eq!(writer[3], "0");
    // Nothing names an account.
    let everything = [&votes, &comments, &participants]
        .iter()
        .flat_map(|rows| rows.iter().flatten())
        .any(|cell| people.iter().any(|id| cell == &id.to_string()));
    assert!(!everything);
    let unknown = visitor.get(&export("secrets.csv")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_printable_report_is_for_managers_only() {
    let app = TestApp::with_demo().await;
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let user = accounts::users::create(app.db(), "v@exemple.fr", "V", "!", true)
        .await
        .unwrap()
        .unwrap();
    let statement = opinions::store::create_statement(
        app.db(),
        process.id,
        "Plus de bancs sur les places",
        user.id,
        None,
        StatementStatus::Accepted,
    )
    .await
    .unwrap();
    opinions::store::vote(app.db(), process.id, statement, user.id, 1)
        .await
        .unwrap();
    let report = format!("/demarches/{PROCESS}/opinions/rapport");
    let mut manager = app.demo_account(MANAGER).await;
    let page = manager.get(&report).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Plus de bancs sur les places") && page.shows("100 % · 0 % · 0 %"));
    let moderation = manager
        .get(&format!("/demarches/{PROCESS}/opinions/moderation"))
        .await;
    assert!(moderation.body.contains(&format!("href=\"{report}\"")));

    let mut moderator = app.demo_account(MODERATOR).await;
    assert_eq!(moderator.get(&report).await.status, StatusCode::FORBIDDEN);
    let moderation = moderator
        .get(&format!("/demarches/{PROCESS}/opinions/moderation"))
        .await;
    assert_eq!(moderation.status, StatusCode::OK);
    assert!(
        !moderation.body.contains(&report),
        "no link a moderator cannot follow"
    );
    let mut participant = app.signed_in("p@exemple.fr", "P").await;
    assert_eq!(participant.get(&report).await.status, StatusCode::FORBIDDEN);
    let anonymous = app.browser().get(&report).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion"));
}
