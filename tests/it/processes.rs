//! Processes over HTTP: a manager creates one on other communes, with themes, phases and a
//! team; bad input is refused next to its field; per-process roles stay in their process;
//! drafts stay hidden; cloning copies themes and phases.

use crate::common;

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::processes;
use concerto::features::processes::rules::Day;
use concerto::platform::permissions::{ProcessRole, Role};

async fn create_process(browser: &mut Browser, title: &str, slug: &str) -> common::Page {
    browser
        .post(
            "/gestion/demarches",
            &[
                ("title", title),
                ("slug", slug),
                ("summary", "Une concertation de test."),
            ],
        )
        .await
}

#[tokio::test]
async fn a_manager_sets_up_a_second_process_on_other_communes() {
    let app = TestApp::with_demo().await;
    let mut manager = app
        .signed_in_with_role("consultante@exemple.fr", Role::Manager)
        .await;

    let created = create_process(&mut manager, "Héricourt demain", "").await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    assert_eq!(created.location(), "/gestion/demarches/hericourt-demain");
    let taken = create_process(&mut manager, "Encore", "hericourt-demain").await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("id=\"slug-error\""));

    let unknown = manager
        .post(
            "/gestion/demarches/hericourt-demain/territoires",
            &[("codes", "70285, 99999")],
        )
        .await;
    assert!(unknown.body.contains("99999"));
    let saved = manager
        .post(
            "/gestion/demarches/hericourt-demain/territoires",
            &[("codes", "70285\n25388")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    let pale = manager
        .post(
            "/gestion/demarches/hericourt-demain/themes",
            &[("theme_name", "Mobilité"), ("theme_colour", "#f2c14e")],
        )
        .await;
    assert!(pale.body.contains("id=\"theme_colour-error\"") && pale.shows("trop claire"));
    manager
        .post(
            "/gestion/demarches/hericourt-demain/themes",
            &[
                ("theme_name", "Mobilité"),
                ("theme_colour", "#4a148c"),
                ("theme_keywords", "bus, vélo"),
            ],
        )
        .await;

    let today = Day::today();
    let phase = |name: &str, from: i64, to: i64| {
        vec![
            ("phase_name".to_owned(), name.to_owned()),
            ("phase_starts".to_owned(), today.plus_days(from).iso()),
            ("phase_ends".to_owned(), today.plus_days(to).iso()),
            ("modules".to_owned(), "needs".to_owned()),
            ("modules".to_owned(), "events".to_owned()),
        ]
    };
    let first = phase("Écoute", -10, 50);
    let pairs: Vec<(&str, &str)> = first
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        manager
            .post("/gestion/demarches/hericourt-demain/phases", &pairs)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let overlap = phase("Chevauchement", 40, 90);
    let pairs: Vec<(&str, &str)> = overlap
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let refused = manager
        .post("/gestion/demarches/hericourt-demain/phases", &pairs)
        .await;
    assert!(refused.shows("Ces dates chevauchent celles d'une autre phase."));
    let reversed = phase("À l'envers", 200, 100);
    let pairs: Vec<(&str, &str)> = reversed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert!(
        manager
            .post("/gestion/demarches/hericourt-demain/phases", &pairs)
            .await
            .shows("La phase se termine avant de commencer.")
    );
    let no_module = [
        ("phase_name", "Vide"),
        ("phase_starts", "2031-01-01"),
        ("phase_ends", "2031-02-01"),
    ];
    assert!(
        manager
            .post("/gestion/demarches/hericourt-demain/phases", &no_module)
            .await
            .shows("Cochez au moins un module.")
    );

    let mut visitor = app.browser();
    assert_eq!(
        visitor.get("/demarches/hericourt-demain").await.status,
        StatusCode::NOT_FOUND,
        "drafts are hidden"
    );
    let general = [
        ("title", "Héricourt demain"),
        ("slug", "hericourt-demain"),
        ("summary", "Une concertation."),
        ("description", "## But\n\n**Écouter** <script>x</script>"),
        ("status", "published"),
    ];
    assert_eq!(
        manager
            .post("/gestion/demarches/hericourt-demain", &general)
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    let page = visitor.get("/demarches/hericourt-demain").await;
    assert_eq!(page.status, StatusCode::OK);
    let map_start = page.body.find("<svg xmlns").unwrap();
    let svg = &page.body[map_start..map_start + page.body[map_start..].find("</svg>").unwrap()];
    assert_eq!(
        svg.matches("<a href=\"/territoires/commune/").count(),
        2,
        "a map of its two communes"
    );
    assert!(page.body.contains("Phase en cours : Écoute") || page.shows("Phase en cours : Écoute"));
    assert!(
        page.body.contains("<strong>Écouter</strong>")
            && !page.body.contains("<script>x")
            && page.body.contains("&lt;script&gt;x")
    );
    assert!(
        visitor
            .get("/")
            .await
            .body
            .contains("/demarches/hericourt-demain")
    );
    assert!(
        visitor
            .get("/territoires/commune/70285")
            .await
            .body
            .contains("/demarches/hericourt-demain")
    );
}

#[tokio::test]
async fn per_process_roles_count_only_in_their_process() {
    let app = TestApp::with_demo().await;
    let mut manager_a = app.signed_in_with_role("a@exemple.fr", Role::Manager).await;
    create_process(&mut manager_a, "Démarche A", "demarche-a").await;
    let mut manager_b = app.signed_in_with_role("b@exemple.fr", Role::Manager).await;
    create_process(&mut manager_b, "Démarche B", "demarche-b").await;
    let mut facilitator = app
        .signed_in_with_role("f@exemple.fr", Role::Facilitator)
        .await;
    let a = processes::store::by_slug(app.db(), "demarche-a")
        .await
        .unwrap()
        .unwrap();
    let f = accounts::users::by_email(app.db(), "f@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    processes::store::add_member(app.db(), a.id, f.id, ProcessRole::Facilitator)
        .await
        .unwrap();

    // Manager of A cannot touch B, and B's draft stays hidden from A's manager.
    assert_eq!(
        manager_a.get("/gestion/demarches/demarche-b").await.status,
        StatusCode::FORBIDDEN
    );
    let attempt = manager_a
        .post(
            "/gestion/demarches/demarche-b/themes",
            &[("theme_name", "Intrus"), ("theme_colour", "#1f4e5f")],
        )
        .await;
    assert_eq!(attempt.status, StatusCode::FORBIDDEN);
    let b = processes::store::by_slug(app.db(), "demarche-b")
        .await
        .unwrap()
        .unwrap();
    assert!(
        processes::store::themes(app.db(), b.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        manager_a.get("/demarches/demarche-b").await.status,
        StatusCode::NOT_FOUND
    );

    // A facilitator of A sees A's draft but edits nothing, and is nothing special in B.
    assert_eq!(
        facilitator.get("/demarches/demarche-a").await.status,
        StatusCode::OK
    );
    assert_eq!(
        facilitator
            .get("/gestion/demarches/demarche-a")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        facilitator.get("/demarches/demarche-b").await.status,
        StatusCode::NOT_FOUND
    );

    // Adding B's manager to A's team as manager gives them A.
    manager_a
        .post(
            "/gestion/demarches/demarche-a/equipe",
            &[("member_email", "b@exemple.fr"), ("member_role", "manager")],
        )
        .await;
    assert_eq!(
        manager_b.get("/gestion/demarches/demarche-a").await.status,
        StatusCode::OK
    );
    let unknown = manager_a
        .post(
            "/gestion/demarches/demarche-a/equipe",
            &[
                ("member_email", "personne@exemple.fr"),
                ("member_role", "moderator"),
            ],
        )
        .await;
    assert!(unknown.body.contains("id=\"member_email-error\""));

    // Participants cannot create processes; admins edit every process.
    let mut participant = app.signed_in("p@exemple.fr", "P").await;
    assert_eq!(
        create_process(&mut participant, "Non", "non-autorisee")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(
        processes::store::by_slug(app.db(), "non-autorisee")
            .await
            .unwrap()
            .is_none()
    );
    let mut admin = app
        .signed_in_with_role("root@exemple.fr", Role::Admin)
        .await;
    assert_eq!(
        admin.get("/gestion/demarches/demarche-b").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_process_is_cloned_as_a_draft_template_for_another_territory() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let copy = manager
        .post(
            "/gestion/demarches/aux-actes-citoyens/copie",
            &[
                ("copy_title", "Aux Actes Citoyens — Vesoul"),
                ("copy_slug", ""),
            ],
        )
        .await;
    assert_eq!(copy.status, StatusCode::SEE_OTHER, "{}", copy.body);
    assert_eq!(
        copy.location(),
        "/gestion/demarches/aux-actes-citoyens-vesoul"
    );
    let clone = processes::store::by_slug(app.db(), "aux-actes-citoyens-vesoul")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(clone.status, processes::rules::Status::Draft);
    assert_eq!(
        processes::store::themes(app.db(), clone.id)
            .await
            .unwrap()
            .len(),
        15
    );
    let phases = processes::store::phases(app.db(), clone.id).await.unwrap();
    assert_eq!(
        phases.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        [
            "Le labourage",
            "La récolte des solutions",
            "L'accompagnement"
        ]
    );
    assert!(
        processes::store::territories(app.db(), clone.id)
            .await
            .unwrap()
            .is_empty()
    );
    let again = manager
        .post(
            "/gestion/demarches/aux-actes-citoyens/copie",
            &[
                ("copy_title", "Aux Actes Citoyens — Vesoul"),
                ("copy_slug", ""),
            ],
        )
        .await;
    assert!(again.shows("Cette adresse courte est déjà prise"));
}

#[tokio::test]
async fn themes_and_phases_are_edited_with_the_same_checks_as_when_added() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    let theme = processes::store::themes(app.db(), process.id)
        .await
        .unwrap()
        .remove(9);
    assert_eq!(theme.name, "Mobilité");

    let path = format!("/gestion/demarches/aux-actes-citoyens/themes/{}", theme.id);
    let form = manager.get(&path).await;
    assert!(
        form.body
            .contains("name=\"theme_name\" type=\"text\" value=\"Mobilité\"")
    );
    let pale = manager
        .post(
            &path,
            &[("theme_name", "Mobilités"), ("theme_colour", "#ffff00")],
        )
        .await;
    assert_eq!(pale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(pale.shows("trop claire"));
    let saved = manager
        .post(
            &path,
            &[
                ("theme_name", "Mobilités"),
                ("theme_colour", "#4A148C"),
                ("theme_keywords", "bus, train"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let theme = processes::store::themes(app.db(), process.id)
        .await
        .unwrap()
        .remove(9);
    assert_eq!(
        (
            theme.name.as_str(),
            theme.colour.as_str(),
            theme.keywords.as_str()
        ),
        ("Mobilités", "#4a148c", "bus, train")
    );

    let phases = processes::store::phases(app.db(), process.id)
        .await
        .unwrap();
    let (first, second) = (&phases[0], &phases[1]);
    let path = format!("/gestion/demarches/aux-actes-citoyens/phases/{}", first.id);
    // Moving the first phase within its own dates is fine; into the second phase's is not.
    let same = [
        ("phase_name", "Le labourage"),
        ("phase_starts", first.starts_on.as_str()),
        ("phase_ends", first.ends_on.as_str()),
        ("modules", "needs"),
    ];
    assert_eq!(
        manager.post(&path, &same).await.status,
        StatusCode::SEE_OTHER
    );
    let overlapping = [
        ("phase_name", "Le labourage"),
        ("phase_starts", first.starts_on.as_str()),
        ("phase_ends", second.starts_on.as_str()),
        ("modules", "needs"),
    ];
    let refused = manager.post(&path, &overlapping).await;
    assert!(refused.shows("Ces dates chevauchent celles d'une autre phase."));
    let stored = processes::store::phases(app.db(), process.id)
        .await
        .unwrap();
    assert_eq!(stored[0].ends_on, first.ends_on, "nothing half-saved");
    assert_eq!(stored[0].modules, "needs");

    let mut participant = app.signed_in("curieux@exemple.fr", "Curieux").await;
    assert_eq!(participant.get(&path).await.status, StatusCode::FORBIDDEN);
}
