//! Syntheses over HTTP: the team runs one in the background, edits the draft (rename,
//! describe, split, merge, move, accept a suggested theme, pin a quote), a manager validates
//! and publishes, the public reads it, and a new run never touches the validated version.
//! Lesser roles are refused and change nothing. The whole path from run to publication is in
//! `editing`; scopes, suggestions and counts here.

use crate::common;

use std::time::Duration;

use crate::common::{Browser, TestApp, plain_need};
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::needs;
use concerto::features::needs::service::{Contribution, Origin};
use concerto::features::processes;
use concerto::features::syntheses;
use concerto::features::syntheses::rules::Status;
use concerto::features::syntheses::store::Synthesis;
use concerto::features::territories;
use concerto::platform::audit;

mod editing;

const PROCESS: &str = "aux-actes-citoyens";
const MANAGER: &str = "gestion@demo.concerto.localhost";
const FACILITATOR: &str = "animation@demo.concerto.localhost";
const MODERATOR: &str = "moderation@demo.concerto.localhost";
const PARTICIPANT: &str = "habitant@demo.concerto.localhost";

/// Three things people ask for, each said fourteen ways.
const TOPICS: [(&str, &str, [&str; 14]); 3] = [
    (
        "Mobilité",
        "bus",
        [
            "Un bus le soir après 20 heures",
            "Plus de bus le dimanche vers la gare",
            "Des horaires de bus adaptés aux lycéens",
            "Un bus direct entre le village et la gare",
            "Le bus du matin passe trop tôt",
            "Des abribus pour attendre le bus au sec",
            "Un bus pour aller au marché le samedi",
            "Le bus ne dessert pas la zone d'emploi",
            "Des bus plus fréquents aux heures de pointe",
            "Un bus de nuit le week-end",
            "Des tickets de bus moins chers pour les jeunes",
            "Un bus accessible aux fauteuils roulants",
            "La ligne de bus doit passer par l'hôpital",
            "Un bus électrique moins bruyant en ville",
        ],
    ),
    (
        "Santé d'avenir",
        "médecin",
        [
            "Trouver un médecin traitant près de chez moi",
            "Une maison de santé avec plusieurs médecins",
            "Attendre six mois pour un médecin spécialiste",
            "Des médecins qui viennent dans les villages",
            "Un médecin de garde le week-end",
            "Aider les jeunes médecins à s'installer ici",
            "Plus de médecins pour les enfants",
            "Le médecin le plus proche est à 30 minutes",
            "Des consultations de médecin en soirée",
            "Un médecin qui parle aux personnes âgées",
            "Remplacer le médecin qui part à la retraite",
            "Une permanence de médecin au centre social",
            "Des médecins et infirmiers à domicile",
            "Un cabinet de médecin dans le quartier",
        ],
    ),
    (
        "Agriculture de demain",
        "légumes",
        [
            "Des légumes des fermes voisines à la cantine",
            "Un marché de producteurs de légumes le mercredi",
            "Acheter des légumes bio directement au maraîcher",
            "Des jardins partagés pour cultiver nos légumes",
            "Des paniers de légumes livrés au village",
            "Des légumes locaux moins chers",
            "Aider les maraîchers qui cultivent des légumes",
            "Un magasin de légumes de producteurs",
            "Des légumes de saison à l'école",
            "Apprendre aux enfants à faire pousser des légumes",
            "Des légumes sans pesticides près de chez nous",
            "Une légumerie pour la restauration collective",
            "Vendre les légumes invendus à petit prix",
            "Des légumes du coin dans les supermarchés",
        ],
    ),
];

/// Seeds the 42 needs: the first five of each topic carry its theme, the others none; one
/// in three comes from a workshop.
async fn seed(app: &TestApp) -> i64 {
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let themes = processes::store::themes(app.db(), process.id)
        .await
        .unwrap();
    let commune = territories::store::by_level_code(app.db(), "commune", "90010")
        .await
        .unwrap()
        .expect("Belfort is in the demo");
    let mut texts = Vec::new();
    for (theme, _, titles) in TOPICS {
        let theme_id = themes.iter().find(|t| t.name == theme).unwrap().id;
        for (i, title) in titles.iter().enumerate() {
            texts.push((title.to_string(), (i < 5).then_some(theme_id), i % 3 == 0));
        }
    }
    let facilitator = accounts::users::by_email(app.db(), FACILITATOR)
        .await
        .unwrap()
        .unwrap()
        .id;
    let workshop_id = common::workshop(app.db(), process.id, facilitator).await;
    let needs: Vec<Contribution> = texts
        .iter()
        .enumerate()
        .map(|(i, (title, theme_id, at_workshop))| Contribution {
            theme_id: *theme_id,
            territory_id: (i % 2 == 0).then_some(commune.id),
            origin: if *at_workshop {
                Origin::Workshop {
                    workshop_id,
                    facilitator_id: facilitator,
                }
            } else {
                Origin::Online { author_id: None }
            },
            ..plain_need(title, 1_700_000_000_000 + i as i64)
        })
        .collect();
    needs::service::import_many(app.db(), process.id, &needs)
        .await
        .unwrap();
    process.id
}

/// Waits for a synthesis to leave the running state.
async fn finished(app: &TestApp, id: i64) -> Synthesis {
    for _ in 0..600 {
        let synthesis = syntheses::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap();
        if synthesis.status() != Status::Running {
            return synthesis;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("synthesis {id} still running after 30 s");
}

/// Runs a synthesis as `browser` and waits for its draft.
async fn run(app: &TestApp, browser: &mut Browser, scope: &str) -> Synthesis {
    let started = browser
        .post(
            &format!("/demarches/{PROCESS}/syntheses"),
            &[("perimetre", scope)],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let id: i64 = started
        .location()
        .trim_start_matches("/syntheses/")
        .parse()
        .unwrap();
    let synthesis = finished(app, id).await;
    assert_eq!(synthesis.status(), Status::Draft, "{:?}", synthesis.error);
    synthesis
}

/// The theme each need of a synthesis sits under, by title.
async fn placement(app: &TestApp, synthesis: i64) -> Vec<(String, Option<String>, i64)> {
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let themes = processes::store::themes(app.db(), process.id)
        .await
        .unwrap();
    let mut placed = Vec::new();
    for cluster in syntheses::store::clusters(app.db(), synthesis)
        .await
        .unwrap()
    {
        let theme = cluster
            .theme_id
            .map(|id| themes.iter().find(|t| t.id == id).unwrap().name.clone());
        for member in syntheses::store::members(app.db(), cluster.id, false, 0, 1_000)
            .await
            .unwrap()
        {
            placed.push((member.title, theme.clone(), cluster.id));
        }
    }
    placed
}

async fn cluster_count(app: &TestApp, synthesis: i64) -> usize {
    syntheses::store::clusters(app.db(), synthesis)
        .await
        .unwrap()
        .len()
}

fn cluster_path(synthesis: i64, cluster: i64) -> String {
    format!("/syntheses/{synthesis}/groupes/{cluster}")
}

#[tokio::test]
async fn scopes_are_checked_and_one_synthesis_runs_at_a_time() {
    let app = TestApp::with_demo().await;
    let process_id = seed(&app).await;
    let mut facilitator = app.demo_account(FACILITATOR).await;
    for bad in ["theme-1", "atelier-x", "commune-3"] {
        let page = facilitator
            .post(
                &format!("/demarches/{PROCESS}/syntheses"),
                &[("perimetre", bad)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(page.shows("Choisissez un périmètre de la liste."));
    }
    let themes = processes::store::themes(app.db(), process_id)
        .await
        .unwrap();
    let mobility = themes.iter().find(|t| t.name == "Mobilité").unwrap();
    let by_theme = run(&app, &mut facilitator, &format!("theme-{}", mobility.id)).await;
    assert_eq!(
        by_theme.needs_count, 5,
        "only the needs filed under the theme"
    );
    let belfort = territories::store::by_level_code(app.db(), "commune", "90010")
        .await
        .unwrap()
        .unwrap();
    let by_place = run(
        &app,
        &mut facilitator,
        &format!("territoire-{}", belfort.id),
    )
    .await;
    assert_eq!(by_place.needs_count, 21, "every other need is in Belfort");

    // A run already under way makes the next one wait.
    let running = syntheses::store::start(
        app.db(),
        process_id,
        concerto::features::syntheses::rules::Scope::All,
        None,
    )
    .await
    .unwrap()
    .expect("starts");
    let page = facilitator
        .post(
            &format!("/demarches/{PROCESS}/syntheses"),
            &[("perimetre", "tout")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("déjà en cours"));
    let progress = facilitator.get(&format!("/syntheses/{running}")).await;
    assert!(progress.shows("<progress") && progress.shows("http-equiv=\"refresh\""));
}

#[tokio::test]
async fn the_suggestion_learns_from_needs_people_moved() {
    let app = TestApp::with_demo().await;
    let process_id = seed(&app).await;
    // Needs in words no theme description uses.
    let words = [
        "Le zorglub du quartier tombe en panne",
        "Un zorglub plus fiable le matin",
        "Réparer le zorglub de la place",
        "Un deuxième zorglub près de l'école",
        "Le zorglub est toujours en retard",
        "Un zorglub accessible à tous",
    ];
    let needs: Vec<Contribution> = words
        .iter()
        .enumerate()
        .map(|(i, title)| plain_need(title, 1_800_000_000_000 + i as i64))
        .collect();
    needs::service::import_many(app.db(), process_id, &needs)
        .await
        .unwrap();
    let mut facilitator = app.demo_account(FACILITATOR).await;
    let v1 = run(&app, &mut facilitator, "tout").await;
    let placed = placement(&app, v1.id).await;
    let bus = placed
        .iter()
        .find(|(t, _, _)| t == "Un bus le soir après 20 heures")
        .unwrap()
        .2;
    // People say the first three are about mobility.
    for title in &words[..3] {
        let (_, _, cluster) = placed.iter().find(|(t, _, _)| t == title).unwrap();
        let member = syntheses::store::members(app.db(), *cluster, false, 0, 100)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.title == *title)
            .unwrap();
        if *cluster != bus {
            let moved = facilitator
                .post(
                    &cluster_path(v1.id, *cluster),
                    &[
                        ("action", "deplacer"),
                        ("besoin", &member.need_id.to_string()),
                        ("vers", &bus.to_string()),
                    ],
                )
                .await;
            assert_eq!(moved.status, StatusCode::SEE_OTHER);
        } else {
            facilitator
                .post(
                    &cluster_path(v1.id, bus),
                    &[("action", &format!("accepter-{}", member.need_id))],
                )
                .await;
        }
    }
    let v2 = run(&app, &mut facilitator, "tout").await;
    let placed = placement(&app, v2.id).await;
    for title in &words[3..] {
        let (_, theme, _) = placed.iter().find(|(t, _, _)| t == title).unwrap();
        assert_eq!(theme.as_deref(), Some("Mobilité"), "{title}");
    }
}

#[tokio::test]
async fn counts_follow_needs_hidden_after_the_run_and_pages_past_the_end_do_not_exist() {
    let app = TestApp::with_demo().await;
    seed(&app).await;
    let mut facilitator = app.demo_account(FACILITATOR).await;
    let synthesis = run(&app, &mut facilitator, "tout").await;
    let clusters = syntheses::store::clusters(app.db(), synthesis.id)
        .await
        .unwrap();
    let cluster = clusters.iter().max_by_key(|c| c.size).unwrap().clone();
    assert!(cluster.size >= 2);
    let members = syntheses::store::members(app.db(), cluster.id, true, 0, 100)
        .await
        .unwrap();
    assert_eq!(members.len() as i64, cluster.size);
    let path = cluster_path(synthesis.id, cluster.id);
    let count = |n: i64| format!("{n} besoins");
    assert!(facilitator.get(&path).await.shows(&count(cluster.size)));

    // A moderator hides one of its needs after the run.
    let mut moderator = app.demo_account(MODERATOR).await;
    let hidden = moderator
        .post(
            &format!("/moderation/besoins/{}", members[0].need_id),
            &[("action", "masquer"), ("reason", "hors sujet")],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    let after = syntheses::store::cluster(app.db(), cluster.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.size, cluster.size - 1);
    let by_source: i64 = syntheses::store::counts_by_source(app.db(), synthesis.id)
        .await
        .unwrap()
        .iter()
        .filter(|(c, ..)| *c == cluster.id)
        .map(|(_, _, n, _)| n)
        .sum();
    assert_eq!(by_source, cluster.size - 1);
    let by_commune: i64 = syntheses::store::counts_by_commune(app.db(), synthesis.id)
        .await
        .unwrap()
        .iter()
        .filter(|(c, ..)| *c == cluster.id)
        .map(|(_, _, n)| n)
        .sum();
    let placed = members
        .iter()
        .skip(1)
        .filter(|m| m.territory_id.is_some())
        .count() as i64;
    assert_eq!(by_commune, placed);
    let page = facilitator.get(&path).await;
    assert!(
        page.shows(&count(cluster.size - 1)),
        "{}",
        page.main_content()
    );
    let overview = facilitator
        .get(&format!("/syntheses/{}", synthesis.id))
        .await;
    assert!(overview.shows(&count(cluster.size - 1)));

    // Pages past the end, however far, are not found (never an overflow).
    let far = facilitator.get(&format!("{path}?page={}", i64::MAX)).await;
    assert_eq!(far.status, StatusCode::NOT_FOUND);
    let next = facilitator.get(&format!("{path}?page=1")).await;
    assert_eq!(
        next.status,
        StatusCode::NOT_FOUND,
        "one page holds them all"
    );
    assert_eq!(
        facilitator.get(&format!("{path}?page=0")).await.status,
        StatusCode::OK
    );
}
