//! Supports and comments: once per person, replies one level deep, counts that follow every
//! change, and only while the process is visible and open.

use super::*;
use concerto::platform::db::direct::{Tx, Value};

#[tokio::test]
async fn supports_count_once_per_person_and_can_be_withdrawn() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let id = need_id(&contribute(&mut lea, &[("title", "Des bancs au parc")]).await);
    let mut sam = app.signed_in("sam@exemple.fr", "Sam").await;
    for _ in 0..2 {
        let page = sam
            .post(&format!("/besoins/{id}/soutien"), &[("action", "ajouter")])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    lea.post(&format!("/besoins/{id}/soutien"), &[("action", "ajouter")])
        .await;
    assert_eq!(
        needs::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .supports_count,
        2
    );
    let page = sam.get(&format!("/besoins/{id}")).await;
    assert!(page.body.contains("2 soutiens") && page.body.contains("Retirer mon soutien"));
    sam.post(&format!("/besoins/{id}/soutien"), &[("action", "retirer")])
        .await;
    sam.post(&format!("/besoins/{id}/soutien"), &[("action", "retirer")])
        .await;
    assert_eq!(
        needs::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .supports_count,
        1
    );

    let mut visitor = app.browser();
    let anonymous = visitor
        .post(&format!("/besoins/{id}/soutien"), &[("action", "ajouter")])
        .await;
    assert!(anonymous.location().starts_with("/connexion"));
    assert_eq!(
        needs::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .supports_count,
        1
    );
    let sorted = visitor
        .get(&format!("{PROCESS}/besoins?tri=soutiens"))
        .await;
    assert!(sorted.body.contains("Des bancs au parc"));

    // A support leaves the count with the account that gave it.
    let mut max = app.signed_in("max@exemple.fr", "Max").await;
    max.post(&format!("/besoins/{id}/soutien"), &[("action", "ajouter")])
        .await;
    let count = || async {
        needs::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .supports_count
    };
    assert_eq!(count().await, 2);
    let deleted = max
        .post(
            "/compte/suppression",
            &[
                ("delete_password", "un mot de passe solide"),
                ("delete_confirm", "oui"),
            ],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(count().await, 1);
}

#[tokio::test]
async fn comments_take_one_level_of_replies() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let id = need_id(&contribute(&mut lea, &[("title", "Un jardin partagé")]).await);
    let mut sam = app.signed_in("sam@exemple.fr", "Sam").await;
    let empty = sam
        .post(&format!("/besoins/{id}/commentaires"), &[("comment", " ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"comment-error\""));
    sam.post(
        &format!("/besoins/{id}/commentaires"),
        &[("comment", "Bonne idée <b>!</b>")],
    )
    .await;
    let comments = concerto::features::comments::store::thread(
        app.db(),
        concerto::features::comments::store::Subject::Need(id),
    )
    .await
    .unwrap();
    let parent = comments[0].id.to_string();
    let reply = lea
        .post(
            &format!("/besoins/{id}/commentaires"),
            &[("comment", "Merci"), ("parent", &parent)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reply_id = concerto::features::comments::store::thread(
        app.db(),
        concerto::features::comments::store::Subject::Need(id),
    )
    .await
    .unwrap()[1]
        .id
        .to_string();
    let too_deep = sam
        .post(
            &format!("/besoins/{id}/commentaires"),
            &[("comment", "Et ensuite"), ("parent", &reply_id)],
        )
        .await;
    assert_eq!(too_deep.status, StatusCode::NOT_FOUND);

    let page = app.browser().get(&format!("/besoins/{id}")).await;
    assert!(page.body.contains("2 commentaires"));
    assert!(
        page.body.contains("Bonne idée &#60;b&#62;!&#60;/b&#62;")
            || page.body.contains("Bonne idée &lt;b&gt;")
    );
    assert!(page.body.contains("class=\"plain replies\""));

    // A deleted author shows as an anonymous participant.
    let sam = accounts::users::by_email(app.db(), "sam@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    concerto::features::accounts::personal_data::forget(app.db(), sam.id, &sam.email)
        .await
        .unwrap();
    assert!(
        app.browser()
            .get(&format!("/besoins/{id}"))
            .await
            .body
            .contains("participant anonyme")
    );
}

#[tokio::test]
async fn counts_follow_every_change_whoever_makes_it() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let mobility = theme_id(&app, concerto::features::demo::THEMES[0].0).await;
    let first = need_id(
        &contribute(
            &mut lea,
            &[
                ("title", "Un bus"),
                ("theme", &mobility),
                ("commune", "90010"),
            ],
        )
        .await,
    );
    let second = need_id(
        &contribute(
            &mut lea,
            &[
                ("title", "Un autre bus"),
                ("theme", &mobility),
                ("commune", "90010"),
            ],
        )
        .await,
    );
    need_id(&contribute(&mut lea, &[("title", "Sans thème")]).await);
    let mut visitor = app.browser();
    let list = visitor.get(&format!("{PROCESS}/besoins")).await;
    assert!(list.shows("3 besoins"), "{}", list.main_content());
    let by_theme = visitor
        .get(&format!("{PROCESS}/besoins?theme={mobility}"))
        .await;
    assert!(by_theme.shows("2 besoins"));

    // Hiding and merging take needs out of the counts; restoring brings them back.
    let mut moderator = app.demo_account("moderation@demo.concerto.localhost").await;
    moderator
        .post(
            &format!("/moderation/besoins/{first}"),
            &[("action", "masquer"), ("reason", "test")],
        )
        .await;
    let list = visitor.get(&format!("{PROCESS}/besoins")).await;
    assert!(list.shows("2 besoins"));
    moderator
        .post(
            &format!("/moderation/besoins/{first}"),
            &[("action", "retablir")],
        )
        .await;
    moderator
        .post(
            &format!("/moderation/besoins/{second}/fusion"),
            &[("merge_target", &first.to_string())],
        )
        .await;
    let by_theme = visitor
        .get(&format!("{PROCESS}/besoins?theme={mobility}"))
        .await;
    assert!(by_theme.shows("1 besoin<"), "{}", by_theme.main_content());

    // Deleting a theme sends its needs to "without a theme" in the counts as in the list.
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    processes::store::delete_theme(app.db(), process.id, mobility.parse().unwrap())
        .await
        .unwrap();
    let without = visitor.get(&format!("{PROCESS}/besoins?theme=aucun")).await;
    assert!(without.shows("2 besoins"), "{}", without.main_content());
    let counts = needs::store::counts(app.db(), process.id).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.2).sum::<i64>(), 2);
    assert!(counts.iter().all(|c| c.0 == 0), "{counts:?}");
}

#[tokio::test]
async fn supports_arriving_together_are_written_together_each_with_its_own_outcome() {
    use concerto::features::needs::supports::{Outcome, SupportBatches, SupportChange};

    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let id = need_id(&contribute(&mut lea, &[("title", "Un abri vélo")]).await);
    let mut people = Vec::new();
    for n in 0..40 {
        let user = accounts::users::create(app.db(), &format!("p{n}@exemple.fr"), "P", "x", true)
            .await
            .unwrap()
            .unwrap();
        people.push(user.id);
    }
    let batches = std::sync::Arc::new(SupportBatches::default());
    let change = |user_id: i64, need_id: i64, max: i64| SupportChange {
        need_id,
        user_id,
        add: true,
        limit: (format!("test-supports:{user_id}"), max, 3_600_000),
    };
    let write_all = |changes: Vec<SupportChange>| {
        let batches = batches.clone();
        let db = app.db().clone();
        async move {
            let writing: Vec<_> = changes
                .into_iter()
                .map(|c| {
                    let (batches, db) = (batches.clone(), db.clone());
                    tokio::spawn(async move { batches.write(&db, c).await })
                })
                .collect();
            let mut outcomes = Vec::new();
            for handle in writing {
                outcomes.push(handle.await.unwrap());
            }
            outcomes
        }
    };
    let tally = |outcomes: &[Result<Outcome, sqlx::Error>]| {
        let count = |wanted: Outcome| {
            outcomes
                .iter()
                .filter(|o| matches!(o, Ok(found) if *found == wanted))
                .count()
        };
        (
            count(Outcome::Done),
            count(Outcome::AlreadySo),
            count(Outcome::TooMany),
            count(Outcome::NotOpen),
            outcomes.iter().filter(|o| o.is_err()).count(),
        )
    };

    // Forty supports at once, one of them twice, one withdrawn right after it was given, and
    // a second one from someone allowed only one.
    let mut changes: Vec<SupportChange> = people.iter().map(|&p| change(p, id, 5)).collect();
    changes.push(change(people[0], id, 5));
    changes.push(SupportChange {
        add: false,
        ..change(people[1], id, 5)
    });
    let mut other = app.signed_in("max@exemple.fr", "Max").await;
    let second = need_id(&contribute(&mut other, &[("title", "Un banc")]).await);
    changes.push(change(people[2], second, 1));
    let outcomes = write_all(changes).await;
    assert_eq!(tally(&outcomes), (41, 1, 1, 0, 0), "{outcomes:?}");
    let db = app.db().clone();
    let count = |need: i64| {
        let db = db.clone();
        async move {
            needs::store::by_id(&db, need)
                .await
                .unwrap()
                .unwrap()
                .supports_count
        }
    };
    assert_eq!(count(id).await, 39);
    assert_eq!(count(second).await, 0, "over the limit: not written");

    // A support of a need that does not exist, or is hidden, is refused alone, in the
    // batch's transaction; the others are written.
    let hidden = need_id(&contribute(&mut other, &[("title", "Un kiosque")]).await);
    let moderator = common::user_id(app.db(), "lea@exemple.fr").await;
    concerto::features::moderation::store::set_visibility(
        app.db(),
        concerto::features::moderation::store::Target::Need(hidden),
        true,
        Some("hors sujet"),
        moderator,
    )
    .await
    .unwrap();
    let outcomes = write_all(vec![
        change(people[1], id, 5),
        change(people[3], 42, 5),
        change(people[4], second, 5),
        change(people[5], hidden, 5),
    ])
    .await;
    assert_eq!(tally(&outcomes), (2, 0, 0, 2, 0), "{outcomes:?}");
    assert_eq!(count(id).await, 40);
    assert_eq!(count(second).await, 1);
}

/// Sets the demo process's status.
async fn set_status(app: &TestApp, status: processes::rules::Status) {
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    let fields = processes::store::ProcessFields {
        slug: process.slug.clone(),
        title: process.title.clone(),
        summary: process.summary.clone(),
        description: process.description.clone(),
        status,
    };
    assert!(
        processes::store::update(app.db(), process.id, &fields)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn supports_comments_and_reports_need_a_process_that_is_visible_and_open() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let id = need_id(&contribute(&mut lea, &[("title", "Un arrêt de bus abrité")]).await);
    let mut sam = app.signed_in("sam@exemple.fr", "Sam").await;
    let support_path = format!("/besoins/{id}/soutien");
    let comment = format!("/besoins/{id}/commentaires");
    let report = format!("/besoins/{id}/signalement");

    // Closed: read-only. No support, no comment, and the page offers neither; reports still go
    // to the moderators.
    set_status(&app, processes::rules::Status::Closed).await;
    assert_eq!(
        sam.post(&support_path, &[("action", "ajouter")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let refused = sam.post(&comment, &[("comment", "Oui !")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let page = sam.get(&format!("/besoins/{id}")).await;
    assert!(page.shows("La démarche est close"));
    assert!(
        !page
            .body
            .contains(&format!("action=\"/besoins/{id}/soutien\""))
    );
    assert!(
        !page
            .body
            .contains(&format!("action=\"/besoins/{id}/commentaires\""))
    );
    let reported = sam.post(&report, &[("reason", "hors sujet")]).await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER);

    // Draft: only its team sees it; anyone else is told it does not exist.
    set_status(&app, processes::rules::Status::Draft).await;
    assert_eq!(
        sam.post(&support_path, &[("action", "ajouter")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let refused = sam.post(&comment, &[("comment", "Oui !")]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let refused = sam.post(&report, &[("reason", "encore")]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let need = needs::store::by_id(app.db(), id).await.unwrap().unwrap();
    assert_eq!((need.supports_count, need.comments_count), (0, 0));

    set_status(&app, processes::rules::Status::Published).await;
    assert_eq!(
        sam.post(&support_path, &[("action", "ajouter")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let done = sam.post(&comment, &[("comment", "Oui !")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
}

/// Ranks as the list by supports reads them, and the needs they follow (on every need).
async fn ranks_and_needs(app: &TestApp) -> (Vec<RankRow>, Vec<RankRow>) {
    let read = |sql: &'static str| async move {
        app.db().read_all::<RankRow>(sql, &[]).await.expect("read")
    };
    (
        read("SELECT need_id, process_id, status, territory_id, supports_count FROM need_ranks ORDER BY need_id").await,
        read("SELECT id, process_id, status, territory_id, supports_count FROM needs ORDER BY id").await,
    )
}

type RankRow = (i64, i64, String, Option<i64>, i64);

/// Runs one statement in a write transaction (what no page writes: a move, a deletion).
async fn write(app: &TestApp, sql: &'static str, params: Vec<Value>) {
    app.db()
        .write(async move |tx: &mut Tx<'_>| tx.rows::<(i64,)>(sql, &params).await.map(|_| ()))
        .await
        .expect("written");
}

#[tokio::test]
async fn the_list_by_supports_follows_supports_withdrawals_moderation_and_moves() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let mut ids = Vec::new();
    for title in ["Besoin un", "Besoin deux", "Besoin trois"] {
        ids.push(need_id(&contribute(&mut lea, &[("title", title)]).await));
    }
    // One, three and two supports.
    let mut supporters_of_two = Vec::new();
    for (n, supporters) in [(0, 1), (1, 3), (2, 2)] {
        for s in 0..supporters {
            let mut person = app
                .signed_in(&format!("soutien{n}{s}@exemple.fr"), "Soutien")
                .await;
            let given = person
                .post(
                    &format!("/besoins/{}/soutien", ids[n]),
                    &[("action", "ajouter")],
                )
                .await;
            assert_eq!(given.status, StatusCode::SEE_OTHER);
            if n == 1 {
                supporters_of_two.push(person);
            }
        }
    }
    let mut visitor = app.browser();
    let order = |page: &common::Page| {
        let mut at: Vec<(usize, &str)> = ["Besoin un", "Besoin deux", "Besoin trois"]
            .into_iter()
            .filter_map(|title| page.body.find(title).map(|i| (i, title)))
            .collect();
        at.sort_unstable();
        at.into_iter().map(|(_, title)| title).collect::<Vec<_>>()
    };
    let sorted = visitor
        .get(&format!("{PROCESS}/besoins?tri=soutiens"))
        .await;
    assert_eq!(order(&sorted), ["Besoin deux", "Besoin trois", "Besoin un"]);

    // Two of « deux »'s supporters withdraw: equal counts go newest first.
    for person in &mut supporters_of_two[..2] {
        person
            .post(
                &format!("/besoins/{}/soutien", ids[1]),
                &[("action", "retirer")],
            )
            .await;
    }
    let sorted = visitor
        .get(&format!("{PROCESS}/besoins?tri=soutiens"))
        .await;
    assert_eq!(order(&sorted), ["Besoin trois", "Besoin deux", "Besoin un"]);

    // Hidden by a moderator, it leaves the list; moved (no page does it: an import or the
    // database's own tools would), it is found in its new commune.
    let moderator = common::user_id(app.db(), "lea@exemple.fr").await;
    let hidden = concerto::features::moderation::store::set_visibility(
        app.db(),
        concerto::features::moderation::store::Target::Need(ids[2]),
        true,
        Some("Hors sujet"),
        moderator,
    )
    .await
    .unwrap();
    assert!(hidden);
    let belfort: (i64,) = app
        .db()
        .read_one("SELECT id FROM territories WHERE code = '90010'", &[])
        .await
        .unwrap();
    write(
        &app,
        "UPDATE needs SET territory_id = $1 WHERE id = $2 RETURNING id",
        vec![Value::Int(belfort.0), Value::Int(ids[0])],
    )
    .await;
    let sorted = visitor
        .get(&format!("{PROCESS}/besoins?tri=soutiens"))
        .await;
    assert_eq!(order(&sorted), ["Besoin deux", "Besoin un"]);
    let in_belfort = visitor
        .get(&format!(
            "{PROCESS}/besoins?tri=soutiens&territoire={}",
            belfort.0
        ))
        .await;
    assert_eq!(order(&in_belfort), ["Besoin un"]);

    // Every need's rank holds what the need does; a deleted need takes its rank with it.
    let (ranks, needs) = ranks_and_needs(&app).await;
    assert_eq!(ranks, needs);
    assert_eq!(needs.iter().map(|n| n.4).collect::<Vec<_>>(), [1, 1, 2]);
    write(
        &app,
        "DELETE FROM needs WHERE id = $1 RETURNING id",
        vec![Value::Int(ids[1])],
    )
    .await;
    let (ranks, needs) = ranks_and_needs(&app).await;
    assert_eq!((ranks.len(), ranks), (2, needs));
}
