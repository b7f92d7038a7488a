//! The needs list and map: filters, search without accents or plurals, keyset pages, cards.

use super::*;

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
