//! Solutions over HTTP: the whole trail (a need, its synthesis cluster, a solution answering
//! it, a stage change, the need's author and supporter told), who may do what, the needs'
//! coverage after link, unlink, hide and merge, bad input that saves nothing, the list's
//! filters and pages, stages, and the « vous avez dit, nous avons fait » page. Exports and
//! imports in `exchange`.

use crate::common::{Browser, Page, TestApp, another_process, user_id};
use axum::http::StatusCode;
use concerto::features::moderation::notices::Kind;
use concerto::features::needs;
use concerto::features::needs::service::{Contribution, Origin};
use concerto::features::processes;
use concerto::features::solutions;
use concerto::features::solutions::rules::{Scope, Source};
use concerto::features::solutions::store::NewSolution;
use concerto::features::syntheses;
use concerto::platform::db::Db;

mod discussion;
mod events;
mod exchange;
pub mod media;

const PROCESS: &str = "/demarches/aux-actes-citoyens";
const MANAGER: &str = "gestion@demo.concerto.localhost";
const FACILITATOR: &str = "animation@demo.concerto.localhost";
const MODERATOR: &str = "moderation@demo.concerto.localhost";

/// Needs about buses, health and gardens, enough for a synthesis to group them.
const NEEDS: [&str; 12] = [
    "Un bus le soir après vingt heures",
    "Plus de bus le dimanche vers la gare",
    "Un bus direct entre le village et la gare",
    "Des bus plus fréquents le soir",
    "Une maison de santé avec des médecins",
    "Trouver un médecin traitant près de chez moi",
    "Des médecins qui viennent dans les villages",
    "Une maison de santé ouverte le samedi",
    "Un jardin partagé dans le quartier",
    "Des jardins partagés pour cultiver des légumes",
    "Un jardin partagé près de l'école",
    "Des parcelles de jardin pour les habitants",
];

async fn process_id(db: &Db) -> i64 {
    processes::store::by_slug(db, "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Stores the needs (in Belfort) and returns their ids.
pub async fn seed_needs(db: &Db) -> Vec<i64> {
    let process = process_id(db).await;
    let belfort = concerto::features::territories::store::by_level_code(db, "commune", "90010")
        .await
        .unwrap()
        .unwrap()
        .id;
    let drafts: Vec<Contribution> = NEEDS
        .iter()
        .enumerate()
        .map(|(i, title)| Contribution {
            territory_id: Some(belfort),
            ..Contribution::new(
                title,
                "",
                Origin::Online { author_id: None },
                1_760_000_000_000 + i as i64,
            )
        })
        .collect();
    needs::service::import_many(db, process, &drafts)
        .await
        .unwrap()
}

/// Runs, validates and publishes a synthesis of the process's needs.
async fn publish_synthesis(app: &TestApp) -> i64 {
    let db = app.db();
    let process = process_id(db).await;
    let manager = concerto::features::accounts::users::by_email(db, MANAGER)
        .await
        .unwrap()
        .unwrap()
        .id;
    let synthesis =
        syntheses::store::start(db, process, syntheses::rules::Scope::All, Some(manager))
            .await
            .unwrap()
            .unwrap();
    syntheses::jobs::run(db, synthesis, &mut |_| {})
        .await
        .unwrap();
    assert!(
        syntheses::store::validate(db, synthesis, manager)
            .await
            .unwrap()
    );
    let validated = syntheses::store::by_id(db, synthesis)
        .await
        .unwrap()
        .unwrap();
    syntheses::store::publish(db, &validated).await.unwrap();
    synthesis
}

pub async fn propose(browser: &mut Browser, fields: &[(&str, &str)]) -> Page {
    browser.post(&format!("{PROCESS}/solutions"), fields).await
}

pub fn solution_id(page: &Page) -> i64 {
    page.location()
        .trim_start_matches("/solutions/")
        .parse()
        .unwrap_or_else(|_| panic!("not a solution page: {} {}", page.location(), page.body))
}

/// Published solutions of the demo process.
async fn solutions_count(db: &Db) -> i64 {
    let (n,): (i64,) = concerto::with_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM solutions").fetch_one(pool).await)
    .unwrap();
    n
}

/// `(kind, need)` of the notices waiting for an account.
async fn notices_of(db: &Db, user: i64) -> Vec<(Kind, i64)> {
    concerto::with_db!(db, pool => sqlx::query_as(
        "SELECT kind, need_id FROM notifications WHERE user_id = $1 ORDER BY created_at, id")
        .bind(user).fetch_all(pool).await)
    .unwrap()
}

/// Posts a follow-up form of a solution (`etape`, `jalons`, `reponse`).
async fn follow(browser: &mut Browser, id: i64, path: &str, fields: &[(&str, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser
        .post(&format!("/solutions/{id}/{path}"), &fields)
        .await
}

/// The stage of the demo process with this key.
async fn stage(db: &Db, key: &str) -> solutions::store::Stage {
    solutions::store::stages(db, process_id(db).await)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.key == key)
        .unwrap()
}

/// `(needs, covered)` of the process, from the counters.
async fn coverage(db: &Db) -> (i64, i64) {
    let cells = needs::store::counts(db, process_id(db).await)
        .await
        .unwrap();
    cells
        .iter()
        .fold((0, 0), |(n, c), cell| (n + cell.2, c + cell.3))
}

#[tokio::test]
async fn a_need_s_trail_runs_to_a_solution_whose_progress_reaches_its_author_and_supporters() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let created = lea
        .post(
            &format!("{PROCESS}/besoins"),
            &[("title", "Un bus le soir pour rentrer du travail")],
        )
        .await;
    let need: i64 = created
        .location()
        .trim_start_matches("/besoins/")
        .parse()
        .unwrap();
    seed_needs(app.db()).await;
    let synthesis = publish_synthesis(&app).await;
    let mut sam = app.signed_in("sam@exemple.fr", "Sam").await;
    sam.post(
        &format!("/besoins/{need}/soutien"),
        &[("action", "ajouter")],
    )
    .await;

    // From the need's page, a participant proposes a solution to it.
    let trail = app.browser().get(&format!("/besoins/{need}")).await;
    assert!(trail.shows("Aucune solution n'y répond encore."));
    assert!(
        trail.shows("Dans la synthèse"),
        "the need's cluster is on its trail"
    );
    let link = format!("{PROCESS}/solutions/nouvelle?besoin={need}");
    assert!(trail.body.contains(&link.replace('&', "&amp;")) || trail.body.contains(&link));
    let mut max = app.signed_in("max@exemple.fr", "Max").await;
    let form = max.get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(&format!("name=\"besoin\" value=\"{need}\" checked"))
    );
    let suggested = propose(
        &mut max,
        &[
            ("title", "Une navette le soir"),
            ("body", "Une navette de bus à la demande le soir"),
            ("besoin", &need.to_string()),
            ("action", "suggerer"),
        ],
    )
    .await;
    assert_eq!(suggested.status, StatusCode::OK);
    assert!(
        suggested.shows("Besoins proches du texte de la solution")
            && suggested.shows("Un bus le soir après vingt heures"),
        "needs about buses are suggested from the text"
    );
    // A commune chosen on the place's map (or its list) offers the needs voiced there.
    let in_belfort = propose(
        &mut max,
        &[
            ("title", ""),
            ("body", ""),
            ("commune", "90010"),
            ("action", "suggerer"),
        ],
    )
    .await;
    assert!(
        in_belfort.shows("Besoins exprimés à Belfort, les plus soutenus d’abord")
            && in_belfort.shows("Un jardin partagé dans le quartier"),
        "{}",
        in_belfort.main_content()
    );
    let elsewhere = propose(
        &mut max,
        &[
            ("title", ""),
            ("body", ""),
            ("commune", "90065"),
            ("action", "suggerer"),
        ],
    )
    .await;
    assert!(!elsewhere.shows("Un jardin partagé dans le quartier"));
    let page = propose(
        &mut max,
        &[
            ("title", "Une navette le soir"),
            (
                "body",
                "Une **navette** de bus à la demande, le soir.\n\n<script>alert(1)</script>",
            ),
            ("besoin", &need.to_string()),
            ("portee", "commune"),
            ("commune", "90010"),
            ("organisation", "Collectif du soir"),
        ],
    )
    .await;
    let id = solution_id(&page);
    let shown = app.browser().get(&format!("/solutions/{id}")).await;
    assert!(
        shown.body.contains("<strong>navette</strong>"),
        "Markdown is rendered"
    );
    assert!(!shown.body.contains("<script>alert"), "and sanitised");
    assert!(shown.shows("Un bus le soir pour rentrer du travail") && shown.shows("Idée"));

    let (lea_id, sam_id, max_id) = (
        user_id(app.db(), "lea@exemple.fr").await,
        user_id(app.db(), "sam@exemple.fr").await,
        user_id(app.db(), "max@exemple.fr").await,
    );
    assert_eq!(
        notices_of(app.db(), lea_id).await,
        vec![(Kind::Answered, need)]
    );
    assert_eq!(
        notices_of(app.db(), sam_id).await,
        vec![(Kind::Answered, need)]
    );
    assert!(
        notices_of(app.db(), max_id).await.is_empty(),
        "not told of one's own act"
    );

    // The team moves it on; the need's people hear of it, on the site and by e-mail.
    let mut manager = app.demo_account(MANAGER).await;
    let projet = stage(app.db(), "projet").await;
    let moved = manager
        .post(
            &format!("/solutions/{id}/etape"),
            &[("etape", &projet.id.to_string()), ("avancement", "")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let stored = solutions::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.stage_id, stored.progress), (Some(projet.id), 20));
    assert_eq!(
        notices_of(app.db(), lea_id).await,
        vec![(Kind::Answered, need), (Kind::Staged, need)]
    );
    let inbox = lea.get("/compte/notifications").await;
    assert!(inbox.shows("la solution « Une navette le soir » passe à l'étape « Projet »"));
    concerto::features::moderation::digests::send_pending(&app.state)
        .await
        .unwrap();
    let mail = app.last_mail_to("lea@exemple.fr").await.unwrap();
    assert!(
        mail.email
            .body
            .contains("une solution y répond : « Une navette le soir »")
            && mail.email.body.contains(&format!("/solutions/{id}")),
        "{}",
        mail.email.body
    );
    let mail = app.last_mail_to("sam@exemple.fr").await.unwrap();
    assert!(mail.email.body.contains("passe à l'étape « Projet »"));

    // The need's trail now runs through the cluster to the solution and its stage.
    let trail = app.browser().get(&format!("/besoins/{need}")).await;
    assert!(
        trail
            .body
            .contains(&format!("/syntheses/{synthesis}/groupes/"))
    );
    assert!(trail.body.contains(&format!("/solutions/{id}")));
    assert!(trail.shows("Projet · 20 %"));
    let cluster: i64 = trail.body[trail.body.find("/groupes/").unwrap() + 9..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap();
    let cluster_page = app
        .browser()
        .get(&format!("/syntheses/{synthesis}/groupes/{cluster}"))
        .await;
    assert!(
        cluster_page.body.contains(&format!("/solutions/{id}")),
        "and its cluster's page lists it"
    );
    let said = app.browser().get(&format!("{PROCESS}/vous-avez-dit")).await;
    assert!(
        said.shows("Vous avez dit, nous avons fait")
            && said.body.contains(&format!("/solutions/{id}"))
    );
}

#[tokio::test]
async fn carriers_and_the_team_follow_a_solution_the_managers_answer_and_others_are_refused() {
    let app = TestApp::with_demo().await;
    let ids = seed_needs(app.db()).await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let page = propose(
        &mut carrier,
        &[
            ("title", "Un jardin partagé"),
            ("body", "Des parcelles pour les habitants."),
            ("besoins", &format!("{}, {}", ids[8], ids[9])),
        ],
    )
    .await;
    let id = solution_id(&page);
    let projet = stage(app.db(), "projet").await.id.to_string();
    let move_on = vec![("etape", projet.clone()), ("avancement", "35".to_owned())];
    let milestone = vec![
        ("jalon_date", "2027-03-01".to_owned()),
        ("jalon_titre", "Première récolte".to_owned()),
        ("jalon_texte", String::new()),
    ];
    let answer = vec![
        ("reponse", "retenue".to_owned()),
        ("motif", "Un besoin fort du quartier.".to_owned()),
    ];

    // Someone else, a moderator of the process, a visitor: refused, nothing changes.
    let mut other = app.signed_in("autre@exemple.fr", "Autre").await;
    let mut moderator = app.demo_account(MODERATOR).await;
    for browser in [&mut other, &mut moderator] {
        for (path, fields) in [("etape", &move_on), ("jalons", &milestone)] {
            let page = follow(browser, id, path, fields).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        }
        let page = follow(browser, id, "reponse", &answer).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
    }
    let anonymous = follow(&mut app.browser(), id, "etape", &move_on).await;
    assert!(anonymous.location().starts_with("/connexion"));
    // The carrier follows it but cannot give the official answer.
    assert_eq!(
        follow(&mut carrier, id, "reponse", &answer).await.status,
        StatusCode::FORBIDDEN
    );
    let stored = solutions::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.progress, stored.answer), (0, None));
    assert!(
        solutions::store::milestones(app.db(), id)
            .await
            .unwrap()
            .is_empty()
    );

    assert_eq!(
        follow(&mut carrier, id, "etape", &move_on).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        follow(&mut carrier, id, "jalons", &milestone).await.status,
        StatusCode::SEE_OTHER
    );
    let mut facilitator = app.demo_account(FACILITATOR).await;
    let bad = follow(
        &mut facilitator,
        id,
        "etape",
        &[("etape", projet.clone()), ("avancement", "140".into())],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.shows("Saisissez un pourcentage entier, de 0 à 100."));
    let mut manager = app.demo_account(MANAGER).await;
    let missing_reason = follow(
        &mut manager,
        id,
        "reponse",
        &[("reponse", "retenue".into()), ("motif", String::new())],
    )
    .await;
    assert_eq!(missing_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        follow(&mut manager, id, "reponse", &answer).await.status,
        StatusCode::SEE_OTHER
    );
    let stored = solutions::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.progress, 35);
    assert_eq!(stored.answer, Some(solutions::rules::Answer::Retained));
    let page = app.browser().get(&format!("/solutions/{id}")).await;
    assert!(
        page.shows("Retenue")
            && page.shows("Un besoin fort du quartier.")
            && page.shows("Première récolte")
    );

    // A stage of another process is refused.
    let other_process = another_process(app.db(), "autre").await;
    let foreign = solutions::store::stages(app.db(), other_process)
        .await
        .unwrap()[2]
        .id;
    let refused = follow(
        &mut manager,
        id,
        "etape",
        &[
            ("etape", foreign.to_string()),
            ("avancement", String::new()),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.shows("Choisissez une étape de la démarche."));
}

#[tokio::test]
async fn coverage_follows_links_unlinks_hiding_and_merging() {
    let app = TestApp::with_demo().await;
    let ids = seed_needs(app.db()).await;
    let db = app.db();
    assert_eq!(coverage(db).await, (12, 0));
    let mut carrier = app.signed_in("porteur@exemple.fr", "Porteur").await;
    let id = solution_id(
        &propose(
            &mut carrier,
            &[
                ("title", "Une navette"),
                ("body", "Le soir."),
                ("besoin", &ids[0].to_string()),
                ("besoin", &ids[1].to_string()),
            ],
        )
        .await,
    );
    assert_eq!(coverage(db).await, (12, 2));
    let planisphere = app
        .browser()
        .get(&format!("{PROCESS}/solutions/planisphere"))
        .await;
    assert_eq!(planisphere.status, StatusCode::OK);
    assert!(planisphere.shows("12 besoins, dont 2 couverts par au moins une solution (17 %)."));

    // A second solution on the same need covers nothing more.
    let other = solution_id(
        &propose(
            &mut carrier,
            &[
                ("title", "Un bus de nuit"),
                ("body", "Le week-end."),
                ("besoin", &ids[0].to_string()),
            ],
        )
        .await,
    );
    assert_eq!(coverage(db).await, (12, 2));
    let unlinked = carrier
        .post(
            &format!("/solutions/{id}/besoins"),
            &[("retirer", &ids[1].to_string())],
        )
        .await;
    assert_eq!(unlinked.status, StatusCode::SEE_OTHER);
    assert_eq!(coverage(db).await, (12, 1));
    let last = carrier
        .post(
            &format!("/solutions/{id}/besoins"),
            &[("retirer", &ids[0].to_string())],
        )
        .await;
    assert!(
        last.shows("Une solution répond à au moins un besoin"),
        "the last link stays"
    );
    assert_eq!(coverage(db).await, (12, 1));

    // Hidden solutions cover nothing; restored, they do again.
    let mut moderator = app.demo_account(MODERATOR).await;
    for solution in [id, other] {
        moderator
            .post(
                &format!("/solutions/{solution}/moderation"),
                &[("motif_moderation", "hors sujet")],
            )
            .await;
    }
    assert_eq!(coverage(db).await, (12, 0));
    assert_eq!(
        app.browser().get(&format!("/solutions/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    moderator
        .post(
            &format!("/solutions/{id}/moderation"),
            &[("action", "publier")],
        )
        .await;
    assert_eq!(coverage(db).await, (12, 1));

    // A merged need hands its solutions to the need kept.
    let merged = moderator
        .post(
            &format!("/moderation/besoins/{}/fusion", ids[0]),
            &[("merge_target", &ids[2].to_string())],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.body);
    assert_eq!(coverage(db).await, (11, 1));
    let kept = solutions::service::answering_need(db, ids[2])
        .await
        .unwrap();
    assert_eq!(kept.iter().map(|s| s.id).collect::<Vec<_>>(), vec![id]);
    let hidden_need = needs::store::by_id(db, ids[2]).await.unwrap().unwrap();
    assert_eq!(hidden_need.title, NEEDS[2]);
}

#[tokio::test]
async fn bad_input_is_explained_next_to_its_field_and_saves_nothing() {
    let app = TestApp::with_demo().await;
    let ids = seed_needs(app.db()).await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let without = propose(&mut lea, &[("title", "Une idée"), ("body", "Sans besoin.")]).await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(without.shows(
        "Choisissez au moins un besoin ou un groupe de la synthèse auquel la solution répond."
    ));

    let other_process = another_process(app.db(), "ailleurs").await;
    let elsewhere = needs::service::contribute(
        app.db(),
        other_process,
        &Contribution::new("Ailleurs", "", Origin::Online { author_id: None }, 1),
    )
    .await
    .unwrap();
    let foreign = propose(
        &mut lea,
        &[
            ("title", "Une idée"),
            ("body", "Texte."),
            ("besoins", &elsewhere.to_string()),
        ],
    )
    .await;
    assert!(foreign.shows(&format!(
        "Ces besoins n'existent pas dans cette démarche : n° {elsewhere}."
    )));

    let mut moderator = app.demo_account(MODERATOR).await;
    moderator
        .post(
            &format!("/moderation/besoins/{}", ids[3]),
            &[("action", "masquer"), ("reason", "doublon")],
        )
        .await;
    let hidden = propose(
        &mut lea,
        &[
            ("title", "Une idée"),
            ("body", "Texte."),
            ("besoin", &ids[3].to_string()),
        ],
    )
    .await;
    assert!(hidden.shows(&format!(
        "Ces besoins ont été masqués ou fusionnés : n° {}.",
        ids[3]
    )));
    let unreadable = propose(
        &mut lea,
        &[
            ("title", "Une idée"),
            ("body", "Texte."),
            ("besoins", "12, douze"),
        ],
    )
    .await;
    assert!(unreadable.shows("« douze » n'est ni un numéro de besoin ni le lien d'un besoin."));
    let no_title = propose(
        &mut lea,
        &[
            ("title", " "),
            ("body", "Texte."),
            ("besoin", &ids[0].to_string()),
            ("portee", "epci"),
        ],
    )
    .await;
    assert!(no_title.shows("Choisissez l'intercommunalité."));
    assert!(no_title.body.contains("aria-invalid=\"true\""));
    let unknown_carrier = propose(
        &mut lea,
        &[
            ("title", "Une idée"),
            ("body", "Texte."),
            ("besoin", &ids[0].to_string()),
            ("porteurs", "personne@exemple.fr"),
        ],
    )
    .await;
    assert!(unknown_carrier.shows("Aucun compte n'a l'adresse personne@exemple.fr"));
    assert_eq!(solutions_count(app.db()).await, 0, "nothing half-saved");

    // A process whose phases open no solutions takes none.
    let closed = lea.get("/demarches/ailleurs/solutions/nouvelle").await;
    assert_eq!(closed.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_list_filters_searches_and_pages_by_keyset() {
    let app = TestApp::with_demo().await;
    let db = app.db();
    let ids = seed_needs(db).await;
    let process = process_id(db).await;
    let (idee, lancee) = (stage(db, "idee").await.id, stage(db, "lancee").await.id);
    let solutions: Vec<NewSolution> = (0..25)
        .map(|n| NewSolution {
            process_id: process,
            title: if n == 7 {
                "Une ressourcerie de vélos".into()
            } else {
                format!("Solution {n}")
            },
            body: "Texte".into(),
            theme_id: None,
            scope: Scope::Territory,
            territory_id: None,
            point: None,
            organisation: String::new(),
            stage_id: Some(if n % 5 == 0 { lancee } else { idee }),
            // Distinct progresses in another order than the titles' (7 is prime to 25).
            progress: (n as i64 * 7 % 25) * 4,
            source: Source::Import,
            event_id: None,
            author_id: None,
            entered_by: None,
            external_id: Some(format!("x{n}")),
            answer: None,
            carriers: vec![],
            needs: vec![ids[n % ids.len()]],
            clusters: vec![],
            terms: textkit::search_terms(if n == 7 {
                "Une ressourcerie de vélos"
            } else {
                "Solution"
            }),
            created_at: 1_770_000_000_000 + n as i64,
        })
        .collect();
    solutions::service::propose_many(db, &solutions)
        .await
        .unwrap();
    let mut browser = app.browser();
    let first = browser.get(&format!("{PROCESS}/solutions")).await;
    assert!(first.shows("25 solutions") && first.shows("Solution 24"));
    assert_eq!(first.body.matches("class=\"card need-card\"").count(), 20);
    let next = first.body[first
        .body
        .find("rel=\"next\"")
        .map(|_| first.body.find("apres=").unwrap())
        .unwrap()..]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let second = browser.get(&format!("{PROCESS}/solutions?{next}")).await;
    assert_eq!(second.body.matches("class=\"card need-card\"").count(), 5);
    assert!(second.shows("Solution 0") && !second.shows("Solution 24"));
    let launched = browser
        .get(&format!("{PROCESS}/solutions?etape={lancee}"))
        .await;
    assert!(launched.shows("5 solutions"));
    let searched = browser
        .get(&format!("{PROCESS}/solutions?q=ressourcerie"))
        .await;
    assert!(
        searched.shows("1 solution") && searched.shows("Une ressourcerie de vélos"),
        "{}",
        searched.main_content()
    );

    // Furthest along first, page after page by keyset: each solution once, in order.
    let titles = |page: &Page| -> Vec<String> {
        page.body
            .split("<h3><a href=\"/solutions/")
            .skip(1)
            .map(|card| card[card.find('>').unwrap() + 1..card.find("</a>").unwrap()].to_owned())
            .collect()
    };
    let mut expected: Vec<usize> = (0..25).collect();
    expected.sort_by_key(|n| std::cmp::Reverse(n * 7 % 25));
    let expected: Vec<String> = expected
        .into_iter()
        .map(|n| {
            if n == 7 {
                "Une ressourcerie de vélos".to_owned()
            } else {
                format!("Solution {n}")
            }
        })
        .collect();
    let advanced = browser
        .get(&format!("{PROCESS}/solutions?tri=avancement"))
        .await;
    assert!(
        advanced
            .body
            .contains("<option value=\"avancement\" selected")
    );
    let at = advanced.body.find("\" rel=\"next\"").unwrap();
    let next =
        advanced.body[advanced.body[..at].rfind("href=\"").unwrap() + 6..at].replace("&#38;", "&");
    assert!(
        next.contains("tri=avancement") && next.contains("apres="),
        "{next}"
    );
    let rest = browser.get(&next).await;
    let mut seen = titles(&advanced);
    seen.extend(titles(&rest));
    assert_eq!(seen, expected);
    // An order that does not exist lists the newest first.
    let unknown = browser
        .get(&format!("{PROCESS}/solutions?tri=hasard"))
        .await;
    assert_eq!(titles(&unknown)[0], "Solution 24");

    // Cards are kept as written, but a support shows on the next list at once.
    let newest = |page: &Page| -> String {
        let card = page.body.find("class=\"card need-card\"").unwrap();
        page.body[card..card + page.body[card..].find("</li>").unwrap()].to_owned()
    };
    assert!(newest(&first).contains("0 soutien"), "{}", newest(&first));
    let (id,): (i64,) = concerto::with_db!(db, pool => sqlx::query_as(
        "SELECT id FROM solutions WHERE title = 'Solution 24'").fetch_one(pool).await)
    .unwrap();
    let mut supporter = app.signed_in("soutien@exemple.fr", "Soutien").await;
    supporter
        .post(
            &format!("/solutions/{id}/soutien"),
            &[("action", "ajouter")],
        )
        .await;
    let again = browser.get(&format!("{PROCESS}/solutions")).await;
    assert!(newest(&again).contains("1 soutien"), "{}", newest(&again));
}

#[tokio::test]
async fn managers_set_the_stages_and_others_are_refused() {
    let app = TestApp::with_demo().await;
    let stages = "/gestion/demarches/aux-actes-citoyens/etapes";
    let mut participant = app.signed_in("lea@exemple.fr", "Léa").await;
    assert_eq!(participant.get(stages).await.status, StatusCode::FORBIDDEN);
    let refused = participant
        .post(stages, &[("cle", "essai"), ("libelle", "Essai")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut manager = app.demo_account(MANAGER).await;
    let page = manager.get(stages).await;
    assert!(page.shows("Recherche d'accompagnement") && page.shows("Abandonnée"));
    let bad = manager
        .post(
            stages,
            &[
                ("cle", "Essai Pilote"),
                ("libelle", "Essai"),
                ("avancement", "10"),
            ],
        )
        .await;
    assert!(bad.shows("La clé compte de 2 à 40 caractères"));
    let added = manager
        .post(
            stages,
            &[
                ("cle", "essai"),
                ("libelle", "Essai pilote"),
                ("avancement", "10"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let essai = stage(app.db(), "essai").await;
    assert_eq!(
        (essai.label.as_str(), essai.progress),
        ("Essai pilote", Some(10))
    );
    // The list's stage filter names it at once (its cache follows the settings' revision).
    let list = app.browser().get(&format!("{PROCESS}/solutions")).await;
    assert!(list.body.contains(&format!(
        "<option value=\"{}\">Essai pilote</option>",
        essai.id
    )));
    let taken = manager
        .post(stages, &[("cle", "essai"), ("libelle", "Encore")])
        .await;
    assert!(taken.shows("Une étape a déjà cette clé."));
    // A stage in use stays; an unused one goes.
    let ids = seed_needs(app.db()).await;
    let mut carrier = app.signed_in("porteur@exemple.fr", "Porteur").await;
    propose(
        &mut carrier,
        &[
            ("title", "Idée"),
            ("body", "Texte."),
            ("besoin", &ids[0].to_string()),
        ],
    )
    .await;
    let idee = stage(app.db(), "idee").await;
    let in_use = manager
        .post(stages, &[("retirer", &idee.id.to_string())])
        .await;
    assert!(in_use.shows("Des solutions sont à cette étape"));
    let removed = manager
        .post(stages, &[("retirer", &essai.id.to_string())])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let left = solutions::store::stages(app.db(), process_id(app.db()).await)
        .await
        .unwrap();
    assert_eq!(left.len(), 6);
    let list = app.browser().get(&format!("{PROCESS}/solutions")).await;
    assert!(
        !list.shows("Essai pilote"),
        "a removed stage leaves the filter"
    );
}

#[tokio::test]
async fn reports_reach_the_queue_and_a_duplicate_merges_into_the_solution_kept() {
    let app = TestApp::with_demo().await;
    let ids = seed_needs(app.db()).await;
    let mut carrier = app.signed_in("porteur@exemple.fr", "Porteur").await;
    let kept = solution_id(
        &propose(
            &mut carrier,
            &[
                ("title", "Une navette"),
                ("body", "Le soir."),
                ("besoin", &ids[0].to_string()),
            ],
        )
        .await,
    );
    let mut other = app.signed_in("autre@exemple.fr", "Autre").await;
    let duplicate = solution_id(
        &propose(
            &mut other,
            &[
                ("title", "Une navette du soir"),
                ("body", "Pareil."),
                ("besoin", &ids[3].to_string()),
                ("besoin", &ids[4].to_string()),
            ],
        )
        .await,
    );
    carrier
        .post(
            &format!("/solutions/{duplicate}/soutien"),
            &[("action", "ajouter")],
        )
        .await;
    let empty = carrier
        .post(
            &format!("/solutions/{duplicate}/signalement"),
            &[("signalement", " ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reported = carrier
        .post(
            &format!("/solutions/{duplicate}/signalement"),
            &[("signalement", "doublon de la navette")],
        )
        .await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER);
    let mut moderator = app.demo_account(MODERATOR).await;
    let queue = moderator.get(&format!("{PROCESS}/moderation")).await;
    assert!(queue.shows("doublon de la navette"));
    assert!(queue.body.contains(&format!("/solutions/{duplicate}")));

    // Only a moderator merges, and only into a published solution of the same process.
    let refused = carrier
        .post(
            &format!("/solutions/{duplicate}/moderation"),
            &[("action", "fusionner"), ("fusion", &kept.to_string())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let unknown = moderator
        .post(
            &format!("/solutions/{duplicate}/moderation"),
            &[("action", "fusionner"), ("fusion", "12345")],
        )
        .await;
    assert!(unknown.shows("Donnez le numéro ou le lien d'une autre solution publiée"));
    let merged = moderator
        .post(
            &format!("/solutions/{duplicate}/moderation"),
            &[
                ("action", "fusionner"),
                ("fusion", &format!("https://exemple.fr/solutions/{kept}")),
            ],
        )
        .await;
    assert_eq!(merged.location(), format!("/solutions/{kept}"));
    let old = app.browser().get(&format!("/solutions/{duplicate}")).await;
    assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(old.location(), format!("/solutions/{kept}"));
    let solution = solutions::store::by_id(app.db(), kept)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(solution.supports_count, 1, "the supports came along");
    let mut needs: Vec<i64> = solutions::store::needs_of(app.db(), kept)
        .await
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    needs.sort_unstable();
    assert_eq!(needs, vec![ids[0], ids[3], ids[4]]);
    assert_eq!(
        coverage(app.db()).await,
        (12, 3),
        "the needs stay answered, once"
    );
    let queue = moderator.get(&format!("{PROCESS}/moderation")).await;
    assert!(
        !queue.shows("doublon de la navette"),
        "the report is closed"
    );
}

#[tokio::test]
async fn carriers_and_the_team_rewrite_a_solution_and_others_are_refused() {
    let app = TestApp::with_demo().await;
    let ids = seed_needs(app.db()).await;
    let mut carrier = app.signed_in("porteur@exemple.fr", "Porteur").await;
    let id = solution_id(
        &propose(
            &mut carrier,
            &[
                ("title", "Une navette"),
                ("body", "Le soir."),
                ("besoin", &ids[0].to_string()),
            ],
        )
        .await,
    );
    let edit = format!("/solutions/{id}/modifier");
    let mut other = app.signed_in("autre@exemple.fr", "Autre").await;
    assert_eq!(other.get(&edit).await.status, StatusCode::FORBIDDEN);
    let refused = other
        .post(&edit, &[("title", "Piratée"), ("body", "Non.")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let form = carrier.get(&edit).await;
    assert!(
        form.body
            .contains("name=\"title\" type=\"text\" value=\"Une navette\""),
        "the form shows the solution as it is"
    );
    let empty = carrier
        .post(&edit, &[("title", ""), ("body", "Le soir.")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let saved = carrier
        .post(
            &edit,
            &[
                ("title", "Une navette électrique"),
                ("body", "Le soir et le dimanche."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let mut manager = app.demo_account(MANAGER).await;
    let by_team = manager
        .post(
            &edit,
            &[
                ("title", "Une navette électrique"),
                ("body", "Le soir, le dimanche et les jours fériés."),
            ],
        )
        .await;
    assert_eq!(by_team.status, StatusCode::SEE_OTHER);
    let solution = solutions::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(solution.title, "Une navette électrique");
    assert_eq!(solution.body, "Le soir, le dimanche et les jours fériés.");
    let found = app
        .browser()
        .get(&format!("{PROCESS}/solutions?q=f%C3%A9ri%C3%A9s"))
        .await;
    assert!(
        found.shows("Une navette électrique"),
        "its search terms follow the new text"
    );
}
