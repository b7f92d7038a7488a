//! Comments on a solution: written and answered as on a need's page, reported into the same
//! moderation queue, hidden by its moderators, carried over by a merge; refused when the
//! process is closed or the text is empty.

use super::media::a_solution;
use super::{MODERATOR, PROCESS, propose, seed_needs, solution_id};
use crate::common::TestApp;
use axum::http::StatusCode;
use concerto::features::comments::store::{Subject, thread};
use concerto::features::moderation::notices::Kind;
use concerto::features::needs::rules::CommentStatus;
use concerto::features::solutions;

#[tokio::test]
async fn a_solution_is_discussed_reported_moderated_and_its_comments_follow_a_merge() {
    let app = TestApp::with_demo().await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let id = a_solution(&app, &mut carrier).await;
    let mut neighbour = app.signed_in("voisin@exemple.fr", "Voisin").await;
    let path = format!("/solutions/{id}/commentaires");

    let empty = neighbour.post(&path, &[("comment", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"comment-error\""));
    let written = neighbour
        .post(&path, &[("comment", "Je peux prêter des outils.")])
        .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER);
    assert_eq!(written.location(), format!("/solutions/{id}#commentaires"));
    let first = thread(app.db(), Subject::Solution(id)).await.unwrap()[0].id;
    // Its carrier is told, under the need it answers; the commenter is not.
    let carrier_id = crate::common::user_id(app.db(), "porteuse@exemple.fr").await;
    let told: Vec<(Kind, Option<i64>, String)> =
        concerto::with_db!(app.db(), pool => sqlx::query_as(
        "SELECT kind, solution_id, detail FROM notifications WHERE user_id = $1")
        .bind(carrier_id).fetch_all(pool).await)
        .unwrap();
    assert_eq!(
        told,
        vec![(Kind::SolutionCommented, Some(id), "Voisin".to_owned())]
    );
    let replied = carrier
        .post(
            &path,
            &[
                ("comment", "Merci, avec plaisir !"),
                ("parent", &first.to_string()),
            ],
        )
        .await;
    assert_eq!(replied.status, StatusCode::SEE_OTHER);
    // A reply to a reply, or to another subject's comment, is refused.
    let second = thread(app.db(), Subject::Solution(id)).await.unwrap()[1].id;
    let nested = carrier
        .post(
            &path,
            &[("comment", "Et encore"), ("parent", &second.to_string())],
        )
        .await;
    assert_eq!(nested.status, StatusCode::NOT_FOUND);
    let page = app.browser().get(&format!("/solutions/{id}")).await;
    assert!(page.shows("2 commentaires"));
    assert!(page.shows("Je peux prêter des outils."));
    assert!(page.shows("Merci, avec plaisir !"));
    assert!(page.body.contains("/connexion?suite=/solutions/"));

    // Reported into the process's queue, then hidden by a moderator with a reason.
    let report_path = format!("/solutions/{id}/commentaires/{first}/signalement");
    let reported = carrier.post(&report_path, &[("reason", "Publicité")]).await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER);
    let wrong = carrier
        .post(
            &format!("/solutions/{}/commentaires/{first}/signalement", id + 1),
            &[("reason", "x")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    let mut moderator = app.demo_account(MODERATOR).await;
    let queue = moderator.get(&format!("{PROCESS}/moderation")).await;
    assert!(queue.shows("Je peux prêter des outils."), "{}", queue.body);
    assert!(
        queue
            .body
            .contains(&format!("/solutions/{id}#commentaires"))
    );
    let refused = neighbour
        .post(
            &format!("/moderation/commentaires/{first}"),
            &[("action", "masquer"), ("reason", "Publicité")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let hidden = moderator
        .post(
            &format!("/moderation/commentaires/{first}"),
            &[("action", "masquer"), ("reason", "Publicité")],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert_eq!(
        hidden.location(),
        format!("/solutions/{id}#commentaire-{first}")
    );
    let stored = thread(app.db(), Subject::Solution(id)).await.unwrap();
    assert_eq!(stored[0].status, CommentStatus::Hidden);
    let page = app.browser().get(&format!("/solutions/{id}")).await;
    assert!(!page.shows("Je peux prêter des outils."));
    assert!(page.shows("Ce commentaire a été masqué par la modération."));

    // Merged into another solution: the comments and their count go with it.
    let ids = seed_needs(app.db()).await;
    let kept = solution_id(
        &propose(
            &mut neighbour,
            &[
                ("title", "Des jardins familiaux"),
                ("body", "Pour tous."),
                ("besoin", &ids[9].to_string()),
            ],
        )
        .await,
    );
    let merged = moderator
        .post(
            &format!("/solutions/{id}/moderation"),
            &[("action", "fusionner"), ("fusion", &kept.to_string())],
        )
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    assert_eq!(
        thread(app.db(), Subject::Solution(kept))
            .await
            .unwrap()
            .len(),
        2
    );
    let kept = solutions::store::by_id(app.db(), kept)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.comments_count, 2);
}

#[tokio::test]
async fn a_closed_process_or_a_hidden_solution_takes_no_comment() {
    let app = TestApp::with_demo().await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let id = a_solution(&app, &mut carrier).await;
    let mut moderator = app.demo_account(MODERATOR).await;
    moderator
        .post(
            &format!("/solutions/{id}/moderation"),
            &[("action", "masquer"), ("motif_moderation", "Doublon")],
        )
        .await;
    let on_hidden = carrier
        .post(
            &format!("/solutions/{id}/commentaires"),
            &[("comment", "Bonjour")],
        )
        .await;
    assert_eq!(on_hidden.status, StatusCode::NOT_FOUND);
    moderator
        .post(
            &format!("/solutions/{id}/moderation"),
            &[("action", "publier")],
        )
        .await;
    concerto::with_db!(app.db(), pool => sqlx::query(
        "UPDATE processes SET status = 'closed'").execute(pool).await.map(|_| ()))
    .unwrap();
    let closed = carrier
        .post(
            &format!("/solutions/{id}/commentaires"),
            &[("comment", "Bonjour")],
        )
        .await;
    assert_eq!(closed.status, StatusCode::FORBIDDEN);
    assert!(
        thread(app.db(), Subject::Solution(id))
            .await
            .unwrap()
            .is_empty()
    );
}
