//! Moderation over HTTP: anyone signed in reports a need or a comment; the process's
//! moderators see the queue, hide with a reason shown to visitors, and restore; others are
//! refused and change nothing; every decision is in the audit log.

use crate::common;

use crate::common::TestApp;
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::moderation;
use concerto::features::needs;
use concerto::features::needs::rules::{CommentStatus, NeedStatus};
use concerto::features::processes;
use concerto::features::processes::rules::Status;
use concerto::platform::audit;

#[tokio::test]
async fn a_reported_comment_is_hidden_with_a_reason_then_restored() {
    let app = TestApp::with_demo().await;
    let mut author = app.signed_in("auteur@exemple.fr", "Auteur").await;
    let need_id = contribute(&mut author, "Une piscine couverte").await;
    let mut troll = app.signed_in("troll@exemple.fr", "Troll").await;
    troll
        .post(
            &format!("/besoins/{need_id}/commentaires"),
            &[("comment", "Propos injurieux")],
        )
        .await;
    let comment_id = concerto::features::comments::store::thread(
        app.db(),
        concerto::features::comments::store::Subject::Need(need_id),
    )
    .await
    .unwrap()[0]
        .id;

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
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        moderation::store::open_reports(app.db(), process.id)
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
        concerto::features::comments::store::thread(
            app.db(),
            concerto::features::comments::store::Subject::Need(need_id)
        )
        .await
        .unwrap()[0]
            .status,
        CommentStatus::Published
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
    let need_id = contribute(&mut author, "Achetez mes produits").await;
    author
        .post(
            &format!("/besoins/{need_id}/signalement"),
            &[("reason", "Publicité")],
        )
        .await;

    // A moderator of another process is nobody here.
    let mut elsewhere = app.signed_in("autre@exemple.fr", "Autre").await;
    let manager = accounts::users::by_email(app.db(), "gestion@demo.concerto.localhost")
        .await
        .unwrap()
        .unwrap();
    let other = processes::store::create(
        app.db(),
        &processes::store::ProcessFields {
            slug: "autre".into(),
            title: "Autre".into(),
            summary: String::new(),
            description: String::new(),
            status: Status::Published,
        },
        Some(manager.id),
    )
    .await
    .unwrap()
    .unwrap();
    let elsewhere_id = accounts::users::by_email(app.db(), "autre@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    processes::store::add_member(
        app.db(),
        other,
        elsewhere_id,
        concerto::platform::permissions::ProcessRole::Moderator,
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
        !page.body.contains("Achetez mes produits"),
        "not in the page's title either (the browser tab, search snippets)"
    );
    assert!(page.body.contains("<title>Besoin masqué · "));
    let seen_by_moderator = moderator.get(&format!("/besoins/{need_id}")).await;
    assert!(
        seen_by_moderator
            .body
            .contains("<title>Achetez mes produits · ")
    );
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

/// Posts a need as `browser` and returns its id.
async fn contribute(browser: &mut common::Browser, title: &str) -> i64 {
    let created = browser
        .post("/demarches/aux-actes-citoyens/besoins", &[("title", title)])
        .await;
    created
        .location()
        .trim_start_matches("/besoins/")
        .parse()
        .unwrap()
}

async fn support(browser: &mut common::Browser, need: i64) {
    let page = browser
        .post(
            &format!("/besoins/{need}/soutien"),
            &[("action", "ajouter")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

async fn comment(browser: &mut common::Browser, need: i64, text: &str) {
    let page = browser
        .post(
            &format!("/besoins/{need}/commentaires"),
            &[("comment", text)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn merging_a_duplicate_moves_supports_and_comments_and_redirects() {
    let app = TestApp::with_demo().await;
    let mut alice = app.signed_in("alice@exemple.fr", "Alice").await;
    let mut bruno = app.signed_in("bruno@exemple.fr", "Bruno").await;
    let mut chloe = app.signed_in("chloe@exemple.fr", "Chloé").await;
    let kept = contribute(&mut alice, "Plus de bus le dimanche").await;
    let duplicate = contribute(&mut bruno, "Des bus le dimanche").await;
    // Chloé supports both: after the merge she counts once. Alice supports the duplicate only.
    support(&mut chloe, kept).await;
    support(&mut chloe, duplicate).await;
    support(&mut alice, duplicate).await;
    chloe
        .post(
            &format!("/besoins/{duplicate}/commentaires"),
            &[("comment", "Le dimanche matin surtout")],
        )
        .await;
    chloe
        .post(
            &format!("/besoins/{duplicate}/signalement"),
            &[("reason", "Doublon")],
        )
        .await;

    // A participant may not merge, and nothing moves.
    let refused = alice
        .post(
            &format!("/moderation/besoins/{duplicate}/fusion"),
            &[("merge_target", &kept.to_string())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        needs::store::by_id(app.db(), duplicate)
            .await
            .unwrap()
            .unwrap()
            .status,
        NeedStatus::Published
    );

    let mut moderator = app.demo_account("moderation@demo.concerto.localhost").await;
    for (target, message) in [
        ("", "Indiquez le lien ou le numéro d'un autre besoin publié"),
        (
            &duplicate.to_string()[..],
            "Un besoin ne peut pas être fusionné avec lui-même.",
        ),
        (
            "123",
            "Indiquez le lien ou le numéro d'un autre besoin publié",
        ),
    ] {
        let page = moderator
            .post(
                &format!("/moderation/besoins/{duplicate}/fusion"),
                &[("merge_target", target)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{target:?}");
        assert!(page.shows(message), "{target:?}");
    }

    let link = format!("http://127.0.0.1:8080/besoins/{kept}#soutiens");
    let merged = moderator
        .post(
            &format!("/moderation/besoins/{duplicate}/fusion"),
            &[("merge_target", &link)],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    assert_eq!(merged.location(), format!("/besoins/{kept}"));

    let kept_need = needs::store::by_id(app.db(), kept).await.unwrap().unwrap();
    assert_eq!(kept_need.supports_count, 2, "Chloé once, Alice once");
    assert_eq!(kept_need.comments_count, 1);
    assert!(
        needs::store::supports(app.db(), kept, app_user(&app, "alice@exemple.fr").await)
            .await
            .unwrap()
    );
    let comments = concerto::features::comments::store::thread(
        app.db(),
        concerto::features::comments::store::Subject::Need(kept),
    )
    .await
    .unwrap();
    assert_eq!(comments[0].body, "Le dimanche matin surtout");
    let gone = needs::store::by_id(app.db(), duplicate)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (gone.status, gone.merged_into),
        (NeedStatus::Merged, Some(kept))
    );
    assert_eq!(gone.supports_count, 0);

    // The merged need's address leads to the kept one; the list shows only the kept one.
    let mut visitor = app.browser();
    let old = visitor.get(&format!("/besoins/{duplicate}")).await;
    assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(old.location(), format!("/besoins/{kept}"));
    let list = visitor.get("/demarches/aux-actes-citoyens/besoins").await;
    assert!(list.shows("Plus de bus le dimanche"));
    assert!(!list.shows("Des bus le dimanche"));
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    assert!(
        moderation::store::open_reports(app.db(), process.id)
            .await
            .unwrap()
            .is_empty(),
        "the duplicate's report is closed by the merge"
    );
    let audit = audit::latest(app.db(), 10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|entry| entry.action == "moderation.need.merge"
                && entry.subject == format!("need:{duplicate}")
                && entry.detail == format!("need:{kept}"))
    );

    // Merging twice is refused.
    let again = moderator
        .post(
            &format!("/moderation/besoins/{duplicate}/fusion"),
            &[("merge_target", &kept.to_string())],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

async fn app_user(app: &TestApp, email: &str) -> i64 {
    accounts::users::by_email(app.db(), email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn authors_get_one_grouped_email_about_comments_hiding_and_merging() {
    let app = TestApp::with_demo().await;
    let mut alice = app.signed_in("alice@exemple.fr", "Alice").await;
    let mut bruno = app.signed_in("bruno@exemple.fr", "Bruno").await;
    let mut chloe = app.signed_in("chloe@exemple.fr", "Chloé").await;
    let commented = contribute(&mut alice, "Un jardin partagé").await;
    let hidden = contribute(&mut alice, "Achetez mes produits").await;
    let duplicate = contribute(&mut alice, "Des bancs au parc").await;
    let kept = contribute(&mut bruno, "Plus de bancs au parc").await;
    comment(&mut bruno, commented, "Oui !").await;
    comment(&mut chloe, commented, "Bonne idée").await;
    comment(&mut bruno, commented, "Où ?").await;
    // Her own comment does not notify her.
    comment(&mut alice, commented, "Merci").await;
    let mut moderator = app.demo_account("moderation@demo.concerto.localhost").await;
    moderator
        .post(
            &format!("/moderation/besoins/{hidden}"),
            &[("action", "masquer"), ("reason", "publicité")],
        )
        .await;
    moderator
        .post(
            &format!("/moderation/besoins/{duplicate}/fusion"),
            &[("merge_target", &kept.to_string())],
        )
        .await;
    let to_alice = async |app: &TestApp| {
        app.mails()
            .await
            .into_iter()
            .filter(|mail| mail.email.subject.contains("vos besoins"))
            .filter(|mail| mail.email.to == "alice@exemple.fr")
            .collect::<Vec<_>>()
    };
    assert!(to_alice(&app).await.is_empty(), "nothing before the round");

    let sent = concerto::features::moderation::digests::send_pending(&app.state)
        .await
        .unwrap();
    assert_eq!(sent, 1, "only Alice has news");
    let to_alice = to_alice(&app).await;
    assert_eq!(to_alice.len(), 1, "one message for everything");
    let body = &to_alice[0].email.body;
    assert_eq!(
        to_alice[0].email.subject,
        "Concerto : du nouveau sur vos besoins"
    );
    assert!(body.contains("Bonjour Alice,"));
    assert!(
        body.contains("« Un jardin partagé »\n  - 3 nouveaux commentaires (de Bruno, Chloé)"),
        "{body}"
    );
    assert!(body.contains(&format!("http://127.0.0.1:8080/besoins/{commented}")));
    assert!(body.contains("masqué par la modération. Motif : publicité"));
    assert!(body.contains("« Des bancs au parc »\n  - fusionné par la modération"));
    assert!(body.contains(&format!("http://127.0.0.1:8080/besoins/{kept}\n")));
    assert!(!body.contains("Merci"));

    // Sent notices are not sent again.
    assert_eq!(
        concerto::features::moderation::digests::send_pending(&app.state)
            .await
            .unwrap(),
        0
    );
}
