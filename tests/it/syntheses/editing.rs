//! A synthesis from run to publication: the draft edited (rename, describe, split, merge,
//! move, accept a suggested theme, pin a quote), validated, published, kept when run again.

use super::*;

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
