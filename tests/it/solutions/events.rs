//! Solutions invented at phase-2 events: the facilitator types them in from the keyboard or
//! sends a CSV file, others are refused; the event's wall shows them with their supports;
//! supports count once per person.

use super::*;

const PARTICIPANT_EMAIL: &str = "lea@exemple.fr";

/// An event of the demo process, a published synthesis and one of its clusters.
async fn event_and_cluster(app: &TestApp) -> (i64, i64, Vec<i64>) {
    let ids = seed_needs(app.db()).await;
    let synthesis = publish_synthesis(app).await;
    let cluster = syntheses::store::clusters(app.db(), synthesis)
        .await
        .unwrap()[0]
        .id;
    let facilitator = user_id(app.db(), FACILITATOR).await;
    let event = crate::common::workshop(app.db(), process_id(app.db()).await, facilitator).await;
    (event, cluster, ids)
}

#[tokio::test]
async fn a_facilitator_types_in_an_event_s_solutions_and_the_wall_shows_them() {
    let app = TestApp::with_demo().await;
    let (event, cluster, ids) = event_and_cluster(&app).await;
    let capture = format!("/ateliers/{event}/solutions");
    let mut participant = app.signed_in(PARTICIPANT_EMAIL, "Léa").await;
    assert_eq!(
        participant.get(&capture).await.status,
        StatusCode::FORBIDDEN
    );
    let refused = participant
        .post(
            &capture,
            &[("title", "Non"), ("groupe", &cluster.to_string())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut facilitator = app.demo_account(FACILITATOR).await;
    let form = facilitator.get(&capture).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("autofocus"),
        "the title field takes the keyboard"
    );
    let saved = facilitator
        .post(
            &capture,
            &[
                ("title", "Un pédibus pour l'école"),
                ("groupe", &cluster.to_string()),
                ("commune", "90010"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(
        saved.location().contains(&format!("groupe={cluster}"))
            && saved.location().contains("commune=90010"),
        "the cluster and commune are kept for the next one: {}",
        saved.location()
    );
    let unlinked = facilitator
        .post(&capture, &[("title", "Sans lien"), ("groupe", "")])
        .await;
    assert_eq!(unlinked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unlinked.shows("Choisissez au moins un besoin ou un groupe"));

    let file = format!(
        "titre;description;besoins;groupes\nDes vélos partagés;Au centre;{};\nUn café-réparation;;;{cluster}\nSans rien;;;\n",
        ids[0]
    );
    let imported = facilitator
        .post_multipart(
            &format!("{capture}/import"),
            &[],
            ("file", "solutions.csv", &file),
        )
        .await;
    assert!(
        imported.shows("2 solutions importées."),
        "{}",
        imported.main_content()
    );
    assert!(imported.shows("Ligne 4"), "the refused line is named");
    let at_event = solutions::store::of_event(app.db(), event, 10)
        .await
        .unwrap();
    assert_eq!(at_event.len(), 3);
    let first = solutions::store::by_id(app.db(), at_event[2].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.source, Source::Event);
    assert_eq!(first.author_id, None, "typed in for the group");

    // Supports, once per person, and the wall.
    let target = at_event[0].id;
    for _ in 0..2 {
        participant
            .post(
                &format!("/solutions/{target}/soutien"),
                &[("action", "ajouter")],
            )
            .await;
    }
    let anonymous = app
        .browser()
        .post(
            &format!("/solutions/{target}/soutien"),
            &[("action", "ajouter")],
        )
        .await;
    assert!(anonymous.location().starts_with("/connexion"));
    assert_eq!(
        solutions::store::by_id(app.db(), target)
            .await
            .unwrap()
            .unwrap()
            .supports_count,
        1
    );
    let wall = app.browser().get(&format!("/ateliers/{event}/mur")).await;
    assert_eq!(wall.status, StatusCode::OK);
    assert!(
        wall.body.contains("/static/wall.js?v="),
        "it reloads itself, unless paused"
    );
    assert!(wall.shows("3 solutions inventées ici") && wall.shows("1 soutien"));
    assert!(wall.shows("Un pédibus pour l'école") && wall.shows("Des vélos partagés"));
    participant
        .post(
            &format!("/solutions/{target}/soutien"),
            &[("action", "retirer")],
        )
        .await;
    assert_eq!(
        solutions::store::by_id(app.db(), target)
            .await
            .unwrap()
            .unwrap()
            .supports_count,
        0
    );
}
