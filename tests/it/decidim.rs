//! Importing a real Decidim export (Métropole Européenne de Lille, Grand débat 2019): the
//! manager confirms how categories map to themes; proposals keep their dates and supports.

use crate::common::TestApp;
use axum::http::StatusCode;
use concerto::features::needs;
use concerto::features::needs::rules::Source;
use concerto::features::processes;

fn decidim_export() -> String {
    let path = format!(
        "{}/../shared/data/contributions/decidim-lille-2019/proposals.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("shared data {path} is missing ({e})"))
}

#[tokio::test]
async fn decidim_proposals_become_needs_with_confirmed_themes_dates_and_supports() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let base = "/gestion/demarches/aux-actes-citoyens/import-decidim";

    let mapping = manager
        .post_multipart(base, &[], ("file", "proposals.csv", &decidim_export()))
        .await;
    assert_eq!(mapping.status, StatusCode::OK, "{}", mapping.body);
    assert!(mapping.shows("196 propositions lues."));
    assert!(mapping.shows("Transition écologique (30 propositions)"));
    assert_eq!(
        mapping.body.matches("<select id=\"map_").count(),
        5,
        "five categories to map"
    );

    // Confirm: Transition écologique → Énergie, the others to no theme.
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    let energy = processes::store::themes(app.db(), process.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Énergie")
        .unwrap()
        .id
        .to_string();
    let categories: Vec<String> = mapping
        .body
        .split("<label for=\"map_")
        .skip(1)
        .map(|s| {
            s.split('>')
                .nth(1)
                .unwrap()
                .split(" (")
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    let transition = categories
        .iter()
        .position(|c| c == "Transition écologique")
        .unwrap();
    let content = mapping
        .body
        .split("<textarea name=\"content\" hidden>")
        .nth(1)
        .unwrap()
        .split("</textarea>")
        .next()
        .unwrap();
    let content = content
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let map_field = format!("map_{transition}");
    let report = manager
        .post(
            &format!("{base}/confirmation"),
            &[("content", &content), (&map_field, &energy)],
        )
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert!(
        report.shows("196 besoins importés."),
        "{}",
        report.main_content()
    );
    assert!(report.shows("Aucun élément refusé."));

    let needs = needs::store::export(app.db(), process.id, true)
        .await
        .unwrap();
    assert_eq!(needs.len(), 196);
    assert_eq!(
        needs
            .iter()
            .filter(|n| n.theme_name.as_deref() == Some("Énergie"))
            .count(),
        30
    );
    assert!(needs.iter().all(|n| n.source == Source::Import));
    let linky = needs.iter().find(|n| n.title.contains("Linky")).unwrap();
    assert_eq!(linky.supports_count, 2, "Decidim's votes kept");
    assert_eq!(
        concerto::platform::clock::format_utc(linky.created_at),
        "2019-01-23 11:07 UTC",
        "Decidim's date kept"
    );

    let mut participant = app.signed_in("p@exemple.fr", "P").await;
    assert_eq!(participant.get(base).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_row_with_an_impossible_vote_count_is_refused_alone() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let base = "/gestion/demarches/aux-actes-citoyens/import-decidim";
    let content = "id;category/name/fr;title;body;votes;created_at\n\
        1;;Plus de pistes cyclables;Le long du canal;12;2019-01-24 22:29:15 +0100\n\
        2;;Un compteur qui déborde;Votes forgés;9223372036854775807;2019-01-24 22:30:15 +0100\n\
        3;;Des votes négatifs;;-4;2019-01-24 22:31:15 +0100\n";
    let report = manager
        .post(&format!("{base}/confirmation"), &[("content", content)])
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert!(
        report.shows("1 besoin importé."),
        "{}",
        report.main_content()
    );
    assert!(report.shows("nombre de soutiens invalide « 9223372036854775807 »"));
    assert!(report.shows("nombre de soutiens invalide « -4 »"));
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    let needs = needs::store::export(app.db(), process.id, true)
        .await
        .unwrap();
    assert_eq!(needs.len(), 1);
    assert_eq!(needs[0].supports_count, 12);
    // The kept need takes supports as any other.
    let mut participant = app.signed_in("p@exemple.fr", "P").await;
    let supported = participant
        .post(
            &format!("/besoins/{}/soutien", needs[0].id),
            &[("action", "ajouter")],
        )
        .await;
    assert_eq!(supported.status, StatusCode::SEE_OTHER);
    let need = needs::store::by_id(app.db(), needs[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(need.supports_count, 13);
}
