//! Moderation over HTTP: anyone signed in reports a need or a comment; the process's
//! moderators see the queue, hide with a reason shown to visitors, and restore; others are
//! refused and change nothing; every decision is in the audit log.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use concerto::db;

#[tokio::test]
async fn a_reported_comment_is_hidden_with_a_reason_then_restored() {
    let app = TestApp::with_demo().await;
    let mut author = app.signed_in("auteur@exemple.fr", "Auteur").await;
    let created = author
        .post(
            "/demarches/aux-actes-citoyens/besoins",
            &[("title", "Une piscine couverte")],
        )
        .await;
    let need_id: i64 = created
        .location()
        .trim_start_matches("/besoins/")
        .parse()
        .unwrap();
    let mut troll = app.signed_in("troll@exemple.fr", "Troll").await;
    troll
        .post(
            &format!("/besoins/{need_id}/commentaires"),
            &[("comment", "Propos injurieux")],
        )
        .await;
    let comment_id = db::needs::comments(app.db(), need_id).await.unwrap()[0].id;

    let empty = author
        .post(
            &format!("/commentaires/{comment_id}/signalement"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for _ in 0..2 {
        let reported = author
            .post(
                &format!("/commentaires/{comment_id}/signalement"),
                &[("reason", "Insulte")],
            )
            .await;
        assert_eq!(reported.status, StatusCode::SEE_OTHER);
    }
    let process = db::processes::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        db::moderation::open_reports(app.db(), process.id)
            .await
            .unwrap()
            .len(),
        1,
        "one report per person"
    );

    // A participant may neither read the queue nor hide anything.
    assert_eq!(
        author
            .get("/demarches/aux-actes-citoyens/moderation")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let refused = author
        .post(
            &format!("/moderation/commentaires/{comment_id}"),
            &[("action", "masquer"), ("reason", "non")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        db::needs::comments(app.db(), need_id).await.unwrap()[0].status,
        "published"
    );

    let mut moderator = app.demo_account("moderation@demo.concerto.localhost").await;
    let queue = moderator
        .get("/demarches/aux-actes-citoyens/moderation")
        .await;
    assert!(queue.body.contains("Propos injurieux") && queue.body.contains("Insulte"));
    let hidden = moderator
        .post(
            &format!("/moderation/commentaires/{comment_id}"),
            &[
                ("action", "masquer"),
                ("reason", "insulte envers un participant"),
            ],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    let page = app.browser().get(&format!("/besoins/{need_id}")).await;
    assert!(
        page.body
            .contains("Ce commentaire a été masqué par la modération.")
    );
    assert!(page.body.contains("Motif : insulte envers un participant"));
    assert!(
        !page.body.contains("Propos injurieux"),
        "visitors no longer read it"
    );
    assert!(
        moderator
            .get("/demarches/aux-actes-citoyens/moderation")
            .await
            .shows("Aucun signalement en attente.")
    );

    moderator
        .post(
            &format!("/moderation/commentaires/{comment_id}"),
            &[("action", "retablir")],
        )
        .await;
    assert!(
        app.browser()
            .get(&format!("/besoins/{need_id}"))
            .await
            .body
            .contains("Propos injurieux")
    );

    let mut admin = app.demo_account("admin@demo.concerto.localhost").await;
    let log = admin.get("/admin/journal").await;
    assert!(
        log.body.contains("moderation.comment.hide")
            && log.body.contains("moderation.comment.restore")
    );
}

#[tokio::test]
async fn a_hidden_need_leaves_the_list_and_says_why() {
    let app = TestApp::with_demo().await;
    let mut author = app.signed_in("auteur@exemple.fr", "Auteur").await;
    let created = author
        .post(
            "/demarches/aux-actes-citoyens/besoins",
            &[("title", "Achetez mes produits")],
        )
        .await;
    let need_id: i64 = created
        .location()
        .trim_start_matches("/besoins/")
        .parse()
        .unwrap();
    author
        .post(
            &format!("/besoins/{need_id}/signalement"),
            &[("reason", "Publicité")],
        )
        .await;

    // A moderator of another process is nobody here.
    let mut elsewhere = app.signed_in("autre@exemple.fr", "Autre").await;
    let manager = db::users::by_email(app.db(), "gestion@demo.concerto.localhost")
        .await
        .unwrap()
        .unwrap();
    let other = db::processes::create(
        app.db(),
        &db::processes::ProcessFields {
            slug: "autre".into(),
            title: "Autre".into(),
            status: "published".into(),
            ..Default::default()
        },
        Some(manager.id),
    )
    .await
    .unwrap()
    .unwrap();
    let elsewhere_id = db::users::by_email(app.db(), "autre@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    db::processes::add_member(
        app.db(),
        other,
        elsewhere_id,
        concerto::domain::permissions::ProcessRole::Moderator,
    )
    .await
    .unwrap();
    assert_eq!(
        elsewhere
            .post(
                &format!("/moderation/besoins/{need_id}"),
                &[("action", "masquer")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let mut moderator = app.demo_account("moderation@demo.concerto.localhost").await;
    moderator
        .post(
            &format!("/moderation/besoins/{need_id}"),
            &[("action", "masquer"), ("reason", "publicité")],
        )
        .await;
    let mut visitor = app.browser();
    let page = visitor.get(&format!("/besoins/{need_id}")).await;
    assert!(
        page.body
            .contains("Ce besoin a été masqué par la modération.")
            && page.body.contains("Motif : publicité")
    );
    assert!(!page.body.contains("<h1>Achetez mes produits</h1>"));
    assert!(
        !visitor
            .get("/demarches/aux-actes-citoyens/besoins")
            .await
            .body
            .contains("Achetez mes produits")
    );
    let support = author
        .post(
            &format!("/besoins/{need_id}/soutien"),
            &[("action", "ajouter")],
        )
        .await;
    assert_eq!(
        support.status,
        StatusCode::NOT_FOUND,
        "a hidden need takes no support"
    );
}
