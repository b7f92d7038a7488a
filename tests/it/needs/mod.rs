//! Needs over HTTP: contributing with a point, with a commune or without a place; bad input;
//! contributions only while collection is open, rate-limited; imports whole or not at all.
//! The list and map in `list`, supports and comments in `reactions`.

use crate::common;

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::needs;
use concerto::features::needs::rules::Source;
use concerto::features::processes;
use concerto::features::territories;

mod list;
mod reactions;

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
