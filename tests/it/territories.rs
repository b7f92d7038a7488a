//! Territories over HTTP and storage: imports (good, broken, again), locating points on real
//! communes, the demo's process page and its SVG map, territory pages, the upload form.

use crate::common::TestApp;
use axum::http::StatusCode;
use concerto::features::territories;
use concerto::features::territories::import::{ImportOptions, Refusal, import_geojson};
use concerto::platform::permissions::Role;

/// Reads a file of the shared data, saying clearly what is missing.
fn shared(path: &str) -> String {
    let full = format!("{}/../shared/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("shared data {full} is missing ({e}): these tests read ../shared/data beside the repository"))
}

fn communes_options() -> ImportOptions {
    ImportOptions {
        level: "commune".into(),
        code_property: "code".into(),
        name_property: "nom".into(),
        parent_property: Some("epci_siren".into()),
        population_property: Some("population".into()),
        population_year: Some(2023),
        population_source: Some("Insee, populations légales 2023".into()),
    }
}

fn epci_options() -> ImportOptions {
    ImportOptions {
        level: "epci".into(),
        code_property: "siren".into(),
        name_property: "nom".into(),
        parent_property: None,
        population_property: Some("population_municipale_dgcl".into()),
        population_year: Some(2025),
        population_source: None,
    }
}

#[tokio::test]
async fn importing_the_poles_communes_keeps_all_197_and_importing_again_updates() {
    let app = TestApp::new().await;
    let epci = import_geojson(
        app.db(),
        &shared("territories/epci-pole-nord-franche-comte.geojson"),
        &epci_options(),
    )
    .await
    .unwrap();
    assert_eq!((epci.created, epci.refused.len()), (5, 0));

    let text = shared("territories/communes-pole-nord-franche-comte-cog2026.geojson");
    let first = import_geojson(app.db(), &text, &communes_options())
        .await
        .unwrap();
    assert_eq!(
        (first.created, first.updated, first.refused.len()),
        (197, 0, 0)
    );
    let again = import_geojson(app.db(), &text, &communes_options())
        .await
        .unwrap();
    assert_eq!((again.created, again.updated), (0, 197));
    assert_eq!(
        territories::store::at_level(app.db(), "commune")
            .await
            .unwrap()
            .len(),
        197
    );

    let belfort = territories::store::by_level_code(app.db(), "commune", "90010")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(belfort.population, Some(45_912));
    assert_eq!(belfort.population_year, Some(2023));
    let parents = territories::store::ancestors(app.db(), belfort.id)
        .await
        .unwrap();
    assert_eq!(parents[0].code, "200069052");
}

#[tokio::test]
async fn a_broken_file_names_each_bad_feature_and_keeps_the_good_ones() {
    let app = TestApp::new().await;
    let square = r#"{"type":"Polygon","coordinates":[[[6.8,47.6],[6.9,47.6],[6.9,47.7],[6.8,47.7],[6.8,47.6]]]}"#;
    let bow_tie = r#"{"type":"Polygon","coordinates":[[[6.8,47.6],[6.9,47.7],[6.9,47.6],[6.8,47.7],[6.8,47.6]]]}"#;
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[
        {{"type":"Feature","properties":{{"code":"90001","nom":"Bonne"}},"geometry":{square}}},
        {{"type":"Feature","properties":{{"nom":"Sans code"}},"geometry":{square}}},
        {{"type":"Feature","properties":{{"code":"90002","nom":"Noeud"}},"geometry":{bow_tie}}},
        {{"type":"Feature","properties":{{"code":"90003","nom":"Orpheline","epci_siren":"999999999"}},"geometry":{square}}},
        {{"type":"Feature","properties":{{"code":"90001","nom":"Doublon"}},"geometry":{square}}},
        {{"type":"Feature","properties":{{"code":"90004","nom":"Point"}},"geometry":{{"type":"Point","coordinates":[6.8,47.6]}}}}
        ]}}"#
    );
    let report = import_geojson(app.db(), &text, &communes_options())
        .await
        .unwrap();
    assert_eq!(report.created, 1);
    let refused: Vec<(usize, Refusal)> = report
        .refused
        .iter()
        .map(|r| (r.position, r.reason.clone()))
        .collect();
    assert_eq!(refused[0], (2, Refusal::MissingCode));
    assert!(
        matches!(&refused[1], (3, Refusal::InvalidGeometry(why)) if why.contains("crosses itself"))
    );
    assert_eq!(refused[2], (4, Refusal::UnknownParent("999999999".into())));
    assert_eq!(refused[3], (5, Refusal::Duplicate));
    assert!(matches!(&refused[4], (6, Refusal::InvalidGeometry(why)) if why.contains("Point")));
    assert!(
        territories::store::by_level_code(app.db(), "commune", "90001")
            .await
            .unwrap()
            .is_some()
    );

    let not_geojson =
        import_geojson(app.db(), "code;nom\n90001;Belfort", &communes_options()).await;
    assert!(not_geojson.is_err());
}

#[tokio::test]
async fn points_resolve_to_real_communes_and_outside_points_to_none() {
    let app = TestApp::with_demo().await;
    let mut browser = app.browser();
    let belfort = browser
        .get("/territoires/localiser?lat=47.6379&lon=6.8628")
        .await;
    let json: serde_json::Value = serde_json::from_str(&belfort.body).unwrap();
    assert_eq!(json["commune"]["code"], "90010");
    assert_eq!(json["parents"][0]["level"], "epci");
    assert_eq!(
        json["parents"][1]["code"],
        concerto::features::demo::POLE_CODE
    );
    let montbeliard = browser
        .get("/territoires/localiser?lat=47.5100&lon=6.7986")
        .await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&montbeliard.body).unwrap()["commune"]["code"],
        "25388"
    );
    let paris = browser
        .get("/territoires/localiser?lat=48.8566&lon=2.3522")
        .await;
    assert_eq!(paris.status, StatusCode::NOT_FOUND);
    assert!(paris.body.contains("aucune commune"));
    let garbage = browser.get("/territoires/localiser?lat=abc&lon=6").await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_demo_process_page_shows_phases_themes_and_a_light_map_of_197_communes() {
    let app = TestApp::with_config(|c| c.demo = true).await;
    assert!(concerto::features::demo::load(app.db()).await.unwrap());
    assert!(
        !concerto::features::demo::load(app.db()).await.unwrap(),
        "loading twice changes nothing"
    );
    let mut browser = app.browser();

    let home = browser.get("/").await;
    assert!(home.body.contains("href=\"/demarches/aux-actes-citoyens\""));
    assert!(home.shows("Phase en cours : La récolte des solutions"));
    assert!(
        home.body.contains("IGN – ADMIN EXPRESS COG"),
        "the demo credits its sources"
    );

    let page = browser.get("/demarches/aux-actes-citoyens").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("aria-current=\"step\"").count(), 1);
    let current = &page.body[page.body.find("aria-current=\"step\"").unwrap()..];
    assert!(current[..400].contains("La récolte des solutions"));
    for phase in ["Le labourage", "L&#39;accompagnement"] {
        assert!(page.body.contains(phase) || page.shows(phase), "{phase}");
    }
    for theme in [
        "Bien vieillir",
        "Mobilité",
        "Tourisme",
        "Tech pour le bien commun",
    ] {
        assert!(page.body.contains(theme), "{theme}");
    }
    assert!(page.body.contains("<strong>197</strong> communes"));

    let start = page.body.find("<svg xmlns").unwrap();
    let end = page.body[start..].find("</svg>").unwrap() + start + 6;
    let svg = &page.body[start..end];
    let document = roxmltree::Document::parse(svg).expect("the map is valid XML");
    let links = document
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .count();
    assert_eq!(links, 197, "one linked shape per commune");
    let titled_paths = document
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.children().any(|c| c.has_tag_name("title")))
        .count();
    assert_eq!(titled_paths, 197);
    assert!(
        document
            .descendants()
            .any(|n| n.attribute("class") == Some("map-legend"))
    );
    assert!(svg.contains("Belfort : 45\u{202f}912 habitants"));
    assert!(
        page.body.contains("<caption>Données de la carte</caption>"),
        "the same values as a table"
    );

    browser
        .extra_headers
        .push(("accept-encoding".into(), "gzip".into()));
    let compressed = browser.get("/demarches/aux-actes-citoyens").await;
    assert!(
        compressed.transferred < 100 * 1024,
        "{} bytes compressed",
        compressed.transferred
    );
}

#[tokio::test]
async fn a_territory_page_shows_its_population_parents_processes_and_iris() {
    let app = TestApp::with_demo().await;
    let mut browser = app.browser();
    let page = browser.get("/territoires/commune/90010").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Belfort</h1>"));
    assert!(page.body.contains("45\u{202f}912"));
    assert!(page.body.contains("href=\"/territoires/epci/200069052\""));
    assert!(
        page.body.contains("href=\"/demarches/aux-actes-citoyens\""),
        "covered through the Pôle"
    );
    assert_eq!(
        page.body.matches("Belfort – IRIS").count(),
        18,
        "Belfort's 18 IRIS with their populations"
    );
    assert_eq!(
        browser.get("/territoires/commune/00000").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn admins_upload_geojson_and_read_the_report_while_others_are_refused() {
    let app = TestApp::new().await;
    let mut admin = app
        .signed_in_with_role("cartes@exemple.fr", Role::Admin)
        .await;
    let epci = shared("territories/epci-pole-nord-franche-comte.geojson");
    let fields = [
        ("level", "epci"),
        ("code_property", "siren"),
        ("name_property", "nom"),
        ("population_property", "population_municipale_dgcl"),
        ("population_year", "2025"),
    ];
    let page = admin
        .post_multipart(
            "/gestion/territoires",
            &fields,
            ("file", "epci.geojson", &epci),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.shows("5 créé(s), 0 mis à jour."));
    assert!(page.shows("Aucun élément refusé."));

    let broken = admin
        .post_multipart(
            "/gestion/territoires",
            &fields,
            ("file", "x.geojson", "pas du json"),
        )
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.shows("Ce fichier n'est pas du GeoJSON"));
    let no_level = admin
        .post_multipart(
            "/gestion/territoires",
            &[("code_property", "siren"), ("name_property", "nom")],
            ("file", "e.geojson", &epci),
        )
        .await;
    assert!(no_level.body.contains("id=\"level-error\""));

    // Checking polygons is costly: managers, like participants, are refused.
    let mut participant = app.signed_in("habitant@exemple.fr", "Habitant").await;
    let mut manager = app
        .signed_in_with_role("gestion@exemple.fr", Role::Manager)
        .await;
    for browser in [&mut participant, &mut manager] {
        assert_eq!(
            browser.get("/gestion/territoires").await.status,
            StatusCode::FORBIDDEN
        );
        let refused = browser
            .post_multipart(
                "/gestion/territoires",
                &fields,
                ("file", "epci.geojson", &epci),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        territories::store::at_level(app.db(), "epci")
            .await
            .unwrap()
            .len(),
        5
    );
}

#[tokio::test]
async fn a_projected_boundary_file_is_refused_with_its_reason_and_the_good_features_kept() {
    let app = TestApp::new().await;
    let mut admin = app
        .signed_in_with_role("cartes@exemple.fr", Role::Admin)
        .await;
    // One quarter in Lambert-93 metres, one in longitude and latitude.
    let file = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"code":"QN09001M","nom":"Projeté"},"geometry":{"type":"Polygon","coordinates":[[[990000,6740000],[991000,6740000],[991000,6741000],[990000,6740000]]]}},
        {"type":"Feature","properties":{"code":"QN09002M","nom":"En degrés"},"geometry":{"type":"Polygon","coordinates":[[[6.85,47.63],[6.86,47.63],[6.86,47.64],[6.85,47.63]]]}}]}"#;
    let page = admin
        .post_multipart(
            "/gestion/territoires",
            &[
                ("level", "qpv"),
                ("code_property", "code"),
                ("name_property", "nom"),
            ],
            ("file", "qpv.geojson", file),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.main_content());
    assert!(page.shows("1 créé(s), 0 mis à jour."));
    assert!(page.shows("le fichier semble projeté (Lambert-93 ?)"));
    let kept = territories::store::at_level(app.db(), "qpv").await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].code, "QN09002M");
}
