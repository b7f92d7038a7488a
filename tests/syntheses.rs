//! Syntheses over HTTP: the team runs one in the background, edits the draft (rename,
//! describe, split, merge, move, accept a suggested theme, pin a quote), a manager validates
//! and publishes, the public reads it, and a new run never touches the validated version.
//! Lesser roles are refused and change nothing.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use common::{Browser, TestApp, plain_need};
use concerto::features::accounts;
use concerto::features::needs;
use concerto::features::needs::service::{Contribution, Origin};
use concerto::features::processes;
use concerto::features::syntheses;
use concerto::features::syntheses::rules::Status;
use concerto::features::syntheses::store::Synthesis;
use concerto::features::territories;
use concerto::platform::audit;

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
async fn a_synthesis_is_run_edited_validated_published_and_kept_when_run_again() {
    let app = TestApp::with_demo().await;
    let process_id = seed(&app).await;
    let mut facilitator = app.demo_account(FACILITATOR).await;
    let mut manager = app.demo_account(MANAGER).await;
    let mut participant = app.demo_account(PARTICIPANT).await;
    let mut visitor = app.browser();

    let page = facilitator
        .get(&format!("/demarches/{PROCESS}/syntheses"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Aucune synthèse n'a encore été lancée."));
    let v1 = run(&app, &mut facilitator, "tout").await;
    assert_eq!((v1.version, v1.needs_count), (1, 42));

    // Every need is placed once: under its own theme when it has one, else under the one
    // suggested from its words, which is nearly always right ("un bus de nuit le week-end"
    // shares "week-end" with "un médecin de garde le week-end").
    let placed = placement(&app, v1.id).await;
    assert_eq!(placed.len(), 42);
    let mut wrong = Vec::new();
    for (theme, _, titles) in TOPICS {
        for (i, title) in titles.iter().enumerate() {
            let (_, under, _) = placed.iter().find(|(t, _, _)| t == title).unwrap();
            if i < 5 {
                assert_eq!(under.as_deref(), Some(theme), "a theme people gave is kept");
            } else if under.as_deref() != Some(theme) {
                wrong.push(title.to_string());
            }
        }
    }
    assert!(wrong.len() <= 3, "suggested themes mostly right: {wrong:?}");
    let page = facilitator.get(&format!("/syntheses/{}", v1.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("42 besoins") && page.shows("Mobilité") && page.shows("Brouillon"));
    assert!(page.shows("thèmes suggérés à confirmer"));
    assert!(
        page.shows("Atelier") && page.shows("Belfort"),
        "counts by source and place"
    );

    // A draft is the team's: hidden from the public, refused to a participant.
    assert_eq!(
        visitor.get(&format!("/syntheses/{}", v1.id)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        participant
            .get(&format!("/syntheses/{}", v1.id))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bus_cluster = placed
        .iter()
        .find(|(t, _, _)| t == "Un bus le soir après 20 heures")
        .unwrap()
        .2;
    let before = syntheses::store::cluster(app.db(), bus_cluster)
        .await
        .unwrap()
        .unwrap();
    let refused = participant
        .post(
            &cluster_path(v1.id, bus_cluster),
            &[("action", "decrire"), ("label", "Piraté"), ("summary", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut moderator = app.demo_account(MODERATOR).await;
    assert_eq!(
        moderator
            .post(
                &format!("/demarches/{PROCESS}/syntheses"),
                &[("perimetre", "tout")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let anonymous = visitor
        .post(
            &format!("/demarches/{PROCESS}/syntheses"),
            &[("perimetre", "tout")],
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion"));
    assert_eq!(
        syntheses::store::list(app.db(), process_id)
            .await
            .unwrap()
            .len(),
        1
    );

    // Rename and describe: an empty name is refused next to the field, what was typed stays.
    let empty = facilitator
        .post(
            &cluster_path(v1.id, bus_cluster),
            &[
                ("action", "decrire"),
                ("label", "  "),
                ("summary", "Texte gardé"),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.shows("Ce champ est obligatoire.") && empty.shows("Texte gardé"));
    let saved = facilitator
        .post(
            &cluster_path(v1.id, bus_cluster),
            &[
                ("action", "decrire"),
                ("label", "Des bus plus souvent"),
                (
                    "summary",
                    "Les habitants demandent des bus le soir et le dimanche.",
                ),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let renamed = syntheses::store::cluster(app.db(), bus_cluster)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(renamed.label, "Des bus plus souvent");
    assert_ne!(before.label, renamed.label);

    // Split the bus cluster (it keeps its name and text), then merge the other half back.
    let clusters_before = cluster_count(&app, v1.id).await;
    let split = facilitator
        .post(&cluster_path(v1.id, bus_cluster), &[("action", "diviser")])
        .await;
    assert_eq!(split.status, StatusCode::SEE_OTHER);
    assert_eq!(cluster_count(&app, v1.id).await, clusters_before + 1);
    let all = syntheses::store::clusters(app.db(), v1.id).await.unwrap();
    let kept = all.iter().find(|c| c.id == bus_cluster).unwrap();
    assert_eq!(kept.label, "Des bus plus souvent");
    let other = all
        .iter()
        .find(|c| c.position == kept.position + 1)
        .unwrap();
    assert_eq!(other.theme_id, kept.theme_id);
    assert!(kept.size > 0 && other.size > 0);
    assert_eq!(kept.size + other.size, renamed.size);
    let merged = facilitator
        .post(
            &cluster_path(v1.id, bus_cluster),
            &[("action", "fusionner"), ("avec", &other.id.to_string())],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    assert_eq!(cluster_count(&app, v1.id).await, clusters_before);
    let kept = syntheses::store::cluster(app.db(), bus_cluster)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.size, renamed.size);
    let refused_merge = facilitator
        .post(
            &cluster_path(v1.id, kept.id),
            &[("action", "fusionner"), ("avec", &kept.id.to_string())],
        )
        .await;
    assert_eq!(refused_merge.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused_merge.shows("Choisissez un autre groupe du même thème."));

    // Move a need to a health cluster: it takes that theme. Accept a suggestion. Pin a quote.
    let placed = placement(&app, v1.id).await;
    let (_, _, health_cluster) = placed
        .iter()
        .find(|(t, _, _)| t == "Un médecin de garde le week-end")
        .unwrap()
        .clone();
    let moving = placed
        .iter()
        .find(|(t, _, _)| t == "La ligne de bus doit passer par l'hôpital")
        .unwrap();
    let moving_need = syntheses::store::members(app.db(), moving.2, false, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.title == moving.0)
        .unwrap();
    let nothing_ticked = facilitator
        .post(
            &cluster_path(v1.id, moving.2),
            &[
                ("action", "deplacer"),
                ("vers", &health_cluster.to_string()),
            ],
        )
        .await;
    assert_eq!(nothing_ticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nothing_ticked.shows("Cochez au moins un besoin à déplacer."));
    let moved = facilitator
        .post(
            &cluster_path(v1.id, moving.2),
            &[
                ("action", "deplacer"),
                ("besoin", &moving_need.need_id.to_string()),
                ("vers", &health_cluster.to_string()),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let health = syntheses::store::cluster(app.db(), health_cluster)
        .await
        .unwrap()
        .unwrap();
    let need = needs::store::by_id(app.db(), moving_need.need_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(need.theme_id, health.theme_id, "the need takes the theme");

    let suggested = syntheses::store::members(app.db(), health_cluster, false, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.suggested == 1)
        .expect("a suggested theme to confirm");
    assert_eq!(suggested.theme_id, None);
    let accepted = facilitator
        .post(
            &cluster_path(v1.id, health_cluster),
            &[("action", &format!("accepter-{}", suggested.need_id))],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    let need = needs::store::by_id(app.db(), suggested.need_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(need.theme_id, health.theme_id);
    let pinned = facilitator
        .post(
            &cluster_path(v1.id, health_cluster),
            &[("action", &format!("epingler-{}", suggested.need_id))],
        )
        .await;
    assert_eq!(pinned.status, StatusCode::SEE_OTHER);
    let quotes = syntheses::store::quotes(app.db(), v1.id).await.unwrap();
    let health_quotes: Vec<_> = quotes
        .iter()
        .filter(|q| q.cluster_id == health_cluster)
        .collect();
    assert_eq!(
        health_quotes.len(),
        1,
        "a pin replaces the automatic quotes"
    );
    assert_eq!(health_quotes[0].need_id, suggested.need_id);

    // Only a manager validates; then the version is frozen.
    let refused = facilitator
        .post(
            &format!("/syntheses/{}/statut", v1.id),
            &[("action", "valider")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let public = visitor.get(&format!("/demarches/{PROCESS}/synthese")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.shows("pas encore publiée"));
    let validated = manager
        .post(
            &format!("/syntheses/{}/statut", v1.id),
            &[("action", "valider")],
        )
        .await;
    assert_eq!(validated.status, StatusCode::SEE_OTHER);
    let frozen = facilitator
        .post(
            &cluster_path(v1.id, bus_cluster),
            &[
                ("action", "decrire"),
                ("label", "Trop tard"),
                ("summary", ""),
            ],
        )
        .await;
    assert_eq!(frozen.status, StatusCode::SEE_OTHER);
    assert_eq!(
        syntheses::store::cluster(app.db(), bus_cluster)
            .await
            .unwrap()
            .unwrap()
            .label,
        "Des bus plus souvent"
    );
    // Even past the page's check, storage refuses to change a validated version.
    let validated_cluster = syntheses::store::cluster(app.db(), bus_cluster)
        .await
        .unwrap()
        .unwrap();
    assert!(
        !syntheses::store::describe_cluster(app.db(), &validated_cluster, "Non", "")
            .await
            .unwrap()
    );
    assert!(
        !syntheses::store::set_pinned(app.db(), v1.id, moving_need.need_id, true)
            .await
            .unwrap()
    );
    let discard = facilitator
        .post(
            &format!("/syntheses/{}/statut", v1.id),
            &[("action", "abandonner")],
        )
        .await;
    assert_eq!(discard.status, StatusCode::SEE_OTHER);
    assert!(
        syntheses::store::by_id(app.db(), v1.id)
            .await
            .unwrap()
            .is_some(),
        "a validated version is never thrown away"
    );
    let process_page = visitor.get(&format!("/demarches/{PROCESS}")).await;
    assert!(
        !process_page.shows("/synthese\""),
        "no link before publication"
    );
    let published = manager
        .post(
            &format!("/syntheses/{}/statut", v1.id),
            &[("action", "publier")],
        )
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    let process_page = visitor.get(&format!("/demarches/{PROCESS}")).await;
    assert!(process_page.shows(&format!("/demarches/{PROCESS}/synthese\"")));

    // The public reads it: themes, clusters, the text, the pinned quote, the cluster's map.
    let public = visitor.get(&format!("/demarches/{PROCESS}/synthese")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.shows("Des bus plus souvent"));
    assert!(public.shows("Les habitants demandent des bus le soir et le dimanche."));
    assert!(public.shows(&suggested.title));
    assert!(
        !public.shows("Abandonner"),
        "no team actions for the public"
    );
    let cluster_page = visitor.get(&cluster_path(v1.id, bus_cluster)).await;
    assert_eq!(cluster_page.status, StatusCode::OK);
    assert!(cluster_page.shows("<svg") && cluster_page.shows("/besoins/"));
    assert!(
        !cluster_page.shows("name=\"besoin\""),
        "no editing for the public"
    );

    // Running again makes version 2; version 1 stays published, untouched.
    let v2 = run(&app, &mut facilitator, "tout").await;
    assert_eq!(v2.version, 2);
    let v1_now = syntheses::store::by_id(app.db(), v1.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v1_now.status(), Status::Published);
    assert_eq!(
        syntheses::store::cluster(app.db(), bus_cluster)
            .await
            .unwrap()
            .unwrap()
            .label,
        "Des bus plus souvent"
    );
    // What people decided in version 1 is now known, not suggested.
    let v2_placed = placement(&app, v2.id).await;
    let (_, theme, _) = v2_placed
        .iter()
        .find(|(t, _, _)| t == "La ligne de bus doit passer par l'hôpital")
        .unwrap();
    assert_eq!(theme.as_deref(), Some("Santé d'avenir"));
    manager
        .post(
            &format!("/syntheses/{}/statut", v2.id),
            &[("action", "valider")],
        )
        .await;
    manager
        .post(
            &format!("/syntheses/{}/statut", v2.id),
            &[("action", "publier")],
        )
        .await;
    let versions = syntheses::store::list(app.db(), process_id).await.unwrap();
    let statuses: Vec<Status> = versions.iter().map(Synthesis::status).collect();
    assert_eq!(statuses, vec![Status::Published, Status::Superseded]);
    let audit = audit::latest(app.db(), 50).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("synthesis."))
            .count(),
        4,
        "{actions:?}"
    );
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
