//! Needs over HTTP: contributing with a point, with a commune or without a place; bad input;
//! the list with filters, search (accents and plurals) and keyset pagination; supports once per
//! person; comments with one level of replies; contributions only while collection is open.

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use concerto::features::accounts;
use concerto::features::needs;
use concerto::features::needs::rules::Source;
use concerto::features::processes;
use concerto::features::territories;

const PROCESS: &str = "/demarches/aux-actes-citoyens";

async fn theme_id(app: &TestApp, name: &str) -> String {
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    processes::store::themes(app.db(), process.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap()
        .id
        .to_string()
}

async fn contribute(browser: &mut Browser, fields: &[(&str, &str)]) -> common::Page {
    browser.post(&format!("{PROCESS}/besoins"), fields).await
}

fn need_id(page: &common::Page) -> i64 {
    page.location()
        .trim_start_matches("/besoins/")
        .parse()
        .unwrap_or_else(|_| panic!("not a need page: {} {}", page.location(), page.body))
}

#[tokio::test]
async fn a_participant_contributes_a_need_by_point_by_commune_or_without_a_place() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let mobility = theme_id(&app, "Mobilité").await;

    let form = lea.get(&format!("{PROCESS}/besoins/nouveau")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("<option value=\"90010\">Belfort</option>"),
        "the commune list, the keyboard path"
    );

    let by_point = contribute(
        &mut lea,
        &[
            ("title", "Un bus le dimanche"),
            ("body", "Ligne 1\n\nLigne 2"),
            ("theme", &mobility),
            ("lat", "47.6379"),
            ("lon", "6.8628"),
        ],
    )
    .await;
    assert_eq!(by_point.status, StatusCode::SEE_OTHER, "{}", by_point.body);
    let need = needs::store::by_id(app.db(), need_id(&by_point))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(need.territory_code.as_deref(), Some("90010"));
    assert_eq!(need.source, Source::Online);
    assert_eq!(need.author_name.as_deref(), Some("Léa"));
    assert_eq!(need.theme_name.as_deref(), Some("Mobilité"));

    let page = lea.get(&format!("/besoins/{}", need.id)).await;
    assert!(page.body.contains("<h1>Un bus le dimanche</h1>"));
    assert!(page.body.contains("<p>Ligne 1</p>") && page.body.contains("<p>Ligne 2</p>"));
    assert!(page.body.contains("<circle"), "its point on a small map");
    assert!(
        page.body.contains(&format!("/besoins/{}\"", need.id)),
        "a link to share"
    );

    let by_commune = contribute(
        &mut lea,
        &[("title", "Une maison de santé"), ("commune", "25388")],
    )
    .await;
    let need = needs::store::by_id(app.db(), need_id(&by_commune))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(need.territory_code.as_deref(), Some("25388"));
    assert!(need.lon.is_none() && need.theme_id.is_none());

    let nowhere = contribute(&mut lea, &[("title", "Plus de lien entre voisins")]).await;
    assert!(
        needs::store::by_id(app.db(), need_id(&nowhere))
            .await
            .unwrap()
            .unwrap()
            .territory_id
            .is_none()
    );
}

#[tokio::test]
async fn bad_needs_are_refused_in_french_and_nothing_is_saved() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let outside = contribute(
        &mut lea,
        &[("title", "À Paris"), ("lat", "48.8566"), ("lon", "2.3522")],
    )
    .await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside.shows("Ce lieu est hors du territoire de la démarche."));
    assert!(
        outside.body.contains("value=\"À Paris\""),
        "what was typed is kept"
    );
    let unknown_commune = contribute(&mut lea, &[("title", "Vesoul"), ("commune", "70550")]).await;
    assert!(unknown_commune.shows("hors du territoire"));
    let empty = contribute(&mut lea, &[("title", "  ")]).await;
    assert!(
        empty
            .body
            .contains("id=\"title-error\">Ce champ est obligatoire.")
    );
    let long = "a".repeat(121);
    assert!(
        contribute(&mut lea, &[("title", &long)])
            .await
            .body
            .contains("id=\"title-error\">Ce texte est trop long.")
    );
    let theme = contribute(&mut lea, &[("title", "Thème inconnu"), ("theme", "42")]).await;
    assert!(theme.body.contains("id=\"theme-error\""));
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        needs::store::count_up_to(app.db(), process.id, &Default::default(), 100)
            .await
            .unwrap(),
        0
    );

    let mut visitor = app.browser();
    let anonymous = contribute(&mut visitor, &[("title", "Sans compte")]).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion"));
}

#[tokio::test]
async fn contributions_wait_for_a_needs_phase() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    manager
        .post(
            "/gestion/demarches",
            &[("title", "Sans collecte"), ("summary", "Pas encore.")],
        )
        .await;
    manager
        .post(
            "/gestion/demarches/sans-collecte/territoires",
            &[("codes", "90010")],
        )
        .await;
    manager
        .post(
            "/gestion/demarches/sans-collecte",
            &[
                ("title", "Sans collecte"),
                ("slug", "sans-collecte"),
                ("summary", "Pas encore."),
                ("status", "published"),
            ],
        )
        .await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let form = lea.get("/demarches/sans-collecte/besoins/nouveau").await;
    assert_eq!(form.status, StatusCode::FORBIDDEN);
    assert!(form.shows("La collecte des besoins n'est pas ouverte"));
    let post = lea
        .post("/demarches/sans-collecte/besoins", &[("title", "Trop tôt")])
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    let list = lea.get("/demarches/sans-collecte/besoins").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains("besoins/nouveau"));
}

#[tokio::test]
async fn the_list_filters_searches_without_accents_or_plurals_and_pages_by_keyset() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let education = theme_id(&app, "Éducation").await;
    contribute(
        &mut lea,
        &[
            ("title", "Des écoles ouvertes le soir"),
            ("theme", &education),
            ("commune", "90010"),
        ],
    )
    .await;
    contribute(
        &mut lea,
        &[
            ("title", "Rénover l'école du village"),
            ("commune", "25388"),
        ],
    )
    .await;
    contribute(
        &mut lea,
        &[("title", "Un marché de producteurs"), ("commune", "25388")],
    )
    .await;

    for query in ["ecole", "école", "écoles", "ECOLES"] {
        let page = lea.get(&format!("{PROCESS}/besoins?q={query}")).await;
        assert!(page.shows("2 besoins"), "{query}");
        assert!(!page.shows("Un marché de producteurs"), "{query}");
    }
    let by_theme = lea
        .get(&format!("{PROCESS}/besoins?theme={education}"))
        .await;
    assert!(by_theme.shows("1 besoin") && by_theme.shows("Des écoles ouvertes le soir"));
    assert_eq!(
        by_theme.body.matches(" selected>").count(),
        3,
        "the chosen theme, the first choice of source and sort (the place has none)"
    );
    assert!(
        by_theme
            .body
            .contains(&format!("<option value=\"{education}\" selected>Éducation"))
    );
    let without_theme = lea.get(&format!("{PROCESS}/besoins?theme=aucun")).await;
    assert!(without_theme.shows("2 besoins"));
    assert!(
        without_theme
            .body
            .contains("<option value=\"aucun\" selected>Je ne sais pas</option>")
            && without_theme.body.matches(" selected>").count() == 3
    );
    let montbeliard = territories::store::by_level_code(app.db(), "commune", "25388")
        .await
        .unwrap()
        .unwrap();
    let in_montbeliard = lea
        .get(&format!("{PROCESS}/besoins?territoire={}", montbeliard.id))
        .await;
    assert!(in_montbeliard.shows("2 besoins"));
    assert_eq!(
        in_montbeliard.body.matches(" selected>").count(),
        4,
        "the chosen commune, and the first choice of the other three filters"
    );
    assert!(in_montbeliard.body.contains(&format!(
        "<option value=\"{}\" selected>Montbéliard",
        montbeliard.id
    )));
    let agglo = territories::store::by_level_code(app.db(), "epci", "200065647")
        .await
        .unwrap()
        .unwrap();
    assert!(
        lea.get(&format!("{PROCESS}/besoins?territoire={}", agglo.id))
            .await
            .shows("2 besoins"),
        "an EPCI holds its communes' needs"
    );
    assert!(
        lea.get(&format!("{PROCESS}/besoins?source=workshop"))
            .await
            .shows("Aucun besoin")
    );
    let counts = lea.get(&format!("{PROCESS}/besoins")).await;
    assert!(
        counts
            .body
            .contains("Éducation</a> <span class=\"count\">1</span>")
    );

    // Two people: one account may contribute 20 needs an hour.
    let mut sam = app.signed_in("sam@exemple.fr", "Sam").await;
    for n in 0..22 {
        let who = if n % 2 == 0 { &mut lea } else { &mut sam };
        let page = contribute(who, &[("title", &format!("Besoin numéro {n:02}"))]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let first = lea.get(&format!("{PROCESS}/besoins")).await;
    assert!(first.shows("25 besoins"));
    // A search's count is kept until the needs change, then counted again.
    assert!(
        lea.get(&format!("{PROCESS}/besoins?q=ecole"))
            .await
            .shows("2 besoins")
    );
    contribute(&mut sam, &[("title", "Une école de musique")]).await;
    assert!(
        lea.get(&format!("{PROCESS}/besoins?q=ecole"))
            .await
            .shows("3 besoins")
    );
    let first = lea.get(&format!("{PROCESS}/besoins")).await;
    assert!(first.shows("26 besoins"));
    let next = first
        .body
        .split("rel=\"next\"")
        .next()
        .unwrap()
        .rsplit("href=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let second = lea.get(&next).await;
    let titles = |page: &common::Page| -> Vec<String> {
        page.body
            .split("<h3><a href=\"/besoins/")
            .skip(1)
            .map(|s| {
                s.split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let (a, b) = (titles(&first), titles(&second));
    assert_eq!((a.len(), b.len()), (20, 6));
    assert!(a.iter().all(|t| !b.contains(t)), "pages do not overlap");
    assert!(!second.body.contains("rel=\"next\""));
}

#[tokio::test]
async fn contributions_are_rate_limited_per_account() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    for n in 0..20 {
        assert_eq!(
            contribute(&mut lea, &[("title", &format!("Besoin {n}"))])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
    }
    let refused = contribute(&mut lea, &[("title", "Un de trop")]).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("Trop de demandes"));
}

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

/// The card of `title` on the first page of the list, as `browser` sees it.
async fn card_of(browser: &mut Browser, title: &str) -> String {
    let page = browser.get(&format!("{PROCESS}/besoins")).await;
    let at = page
        .body
        .find(title)
        .unwrap_or_else(|| panic!("{title} listed"));
    let start = page.body[..at].rfind("<li class=\"card").unwrap();
    let end = at + page.body[at..].find("</li>").unwrap();
    page.body[start..end].to_owned()
}

#[tokio::test]
async fn list_cards_follow_supports_comments_theme_names_and_language() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let mobility = theme_id(&app, "Mobilité").await;
    let id = need_id(
        &contribute(
            &mut lea,
            &[("title", "Un bus le dimanche"), ("theme", &mobility)],
        )
        .await,
    );
    let mut visitor = app.browser();
    let card = card_of(&mut visitor, "Un bus le dimanche").await;
    assert!(
        card.contains("0 soutien · Aucun commentaire") && card.contains("Mobilité ·"),
        "{card}"
    );

    let mut sam = app.signed_in("sam@exemple.fr", "Sam").await;
    sam.post(&format!("/besoins/{id}/soutien"), &[("action", "ajouter")])
        .await;
    sam.post(
        &format!("/besoins/{id}/commentaires"),
        &[("comment", "Et le soir aussi")],
    )
    .await;
    let card = card_of(&mut visitor, "Un bus le dimanche").await;
    assert!(card.contains("1 soutien · 1 commentaire"), "{card}");

    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let renamed = manager
        .post(
            &format!("/gestion/demarches/aux-actes-citoyens/themes/{mobility}"),
            &[("theme_name", "Mobilités"), ("theme_colour", "#4A148C")],
        )
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    let card = card_of(&mut visitor, "Un bus le dimanche").await;
    assert!(
        card.contains("Mobilités ·") && card.contains("#4a148c"),
        "{card}"
    );

    visitor.post("/langue", &[("lang", "en")]).await;
    let card = card_of(&mut visitor, "Un bus le dimanche").await;
    assert!(card.contains("1 support · 1 comment"), "{card}");
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
    let comments = needs::store::comments(app.db(), id).await.unwrap();
    let parent = comments[0].id.to_string();
    let reply = lea
        .post(
            &format!("/besoins/{id}/commentaires"),
            &[("comment", "Merci"), ("parent", &parent)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reply_id = needs::store::comments(app.db(), id).await.unwrap()[1]
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
async fn the_needs_map_shows_points_or_counts_per_commune() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    contribute(
        &mut lea,
        &[("title", "Ici"), ("lat", "47.6379"), ("lon", "6.8628")],
    )
    .await;
    contribute(&mut lea, &[("title", "Là"), ("commune", "90010")]).await;
    let list = lea.get(&format!("{PROCESS}/besoins")).await;
    assert!(
        !list.body.contains("map-points"),
        "the list is light: no map"
    );
    assert!(
        list.body
            .contains(&format!("href=\"{PROCESS}/besoins/carte\""))
    );
    let points = lea.get(&format!("{PROCESS}/besoins/carte")).await;
    let layer = points
        .body
        .split("class=\"map-points\"")
        .nth(1)
        .expect("a points layer");
    assert_eq!(
        layer
            .split("</g>")
            .next()
            .unwrap()
            .matches("<circle")
            .count(),
        1
    );
    let communes = lea
        .get(&format!("{PROCESS}/besoins/carte?carte=communes"))
        .await;
    assert!(communes.body.contains("Belfort : 2 besoins"));
    // The map is kept between requests, and redrawn as soon as a need arrives.
    contribute(&mut lea, &[("title", "Encore"), ("commune", "90010")]).await;
    let communes = lea
        .get(&format!("{PROCESS}/besoins/carte?carte=communes"))
        .await;
    assert!(communes.body.contains("Belfort : 3 besoins"));
    // A filter on the list applies to the map.
    let filtered = lea
        .get(&format!("{PROCESS}/besoins/carte?carte=communes&q=ici"))
        .await;
    assert!(filtered.body.contains("Belfort : 1 besoin<"));
    let density = lea
        .get(&format!("{PROCESS}/besoins/carte?carte=densite"))
        .await;
    assert!(density.body.contains("Besoins pour 1 000 habitants"));
    assert!(
        density.body.contains("Belfort : 0 ") || density.body.contains("Belfort : 0,"),
        "3 needs for 45,912 inhabitants"
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
    assert_eq!(tally(&outcomes), (41, 1, 1, 0), "{outcomes:?}");
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

    // A support of a need that does not exist fails alone.
    let outcomes = write_all(vec![
        change(people[1], id, 5),
        change(people[3], 42, 5),
        change(people[4], second, 5),
    ])
    .await;
    assert_eq!(tally(&outcomes), (2, 0, 0, 1), "{outcomes:?}");
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

#[tokio::test]
async fn a_search_of_thousands_of_words_looks_for_the_longest_few_and_says_so() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    contribute(
        &mut lea,
        &[("title", "Des transports intercommunaux le dimanche")],
    )
    .await;
    let pasted = (0..3_000)
        .map(|n| format!("m{n}"))
        .collect::<Vec<_>>()
        .join("+");
    let page = lea
        .get(&format!(
            "{PROCESS}/besoins?q={pasted}+transports+intercommunaux"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("La recherche porte sur les 6 mots les plus longs."));
    let short = lea.get(&format!("{PROCESS}/besoins?q=transports")).await;
    assert!(short.shows("Des transports intercommunaux le dimanche"));
    assert!(!short.shows("mots les plus longs"));
}

/// An import stores its needs in one transaction: when one of them cannot be stored, none is,
/// and the good ones are stored together once the bad one is left out.
#[tokio::test]
async fn an_import_stores_all_its_needs_or_none() {
    use concerto::features::needs::service::Contribution;
    let app = TestApp::with_demo().await;
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    let count = || async {
        needs::store::export(app.db(), process.id, true)
            .await
            .unwrap()
            .len()
    };
    let before = count().await;
    let good = [
        common::plain_need("Un abri pour les vélos", 1_700_000_000_000),
        common::plain_need("Un banc à l'arrêt de bus", 1_700_000_000_001),
    ];
    let unknown_theme = Contribution {
        theme_id: Some(i64::MAX),
        ..common::plain_need("Un thème qui n'existe pas", 1_700_000_000_002)
    };
    let all = [good[0].clone(), unknown_theme, good[1].clone()];
    assert!(
        needs::service::import_many(app.db(), process.id, &all)
            .await
            .is_err()
    );
    assert_eq!(count().await, before, "nothing kept from a failed import");
    let ids = needs::service::import_many(app.db(), process.id, &good)
        .await
        .unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(count().await, before + 2);
    let stored = needs::store::by_id(app.db(), ids[1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.title, "Un banc à l'arrêt de bus");
    assert_eq!(stored.source, Source::Online);
}
