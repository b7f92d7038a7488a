//! Indicators over HTTP and storage: the standard indicators agree with counts made apart from
//! them, each day's snapshot is kept (the day given, as a test clock) and a later computation
//! of the same day replaces it, the dashboard shows the values and their history, the workbook
//! is read back with an independent reader, and a draft's indicators are not found.

use crate::common::{TestApp, plain_need};
use crate::exports::{read_xlsx, xlsx_parts};
use axum::http::StatusCode;
use concerto::features::indicators::rules::Indicator;
use concerto::features::indicators::{service, store};
use concerto::features::needs;
use concerto::features::processes;
use concerto::features::processes::rules::Day;
use concerto::platform::db::direct::Value;

const PROCESS: &str = "aux-actes-citoyens";

fn value(values: &[(Indicator, Option<f64>)], indicator: Indicator) -> Option<f64> {
    values
        .iter()
        .find(|(i, _)| *i == indicator)
        .and_then(|(_, v)| *v)
}

#[tokio::test]
async fn indicators_follow_what_was_gathered_and_are_kept_day_after_day() {
    let app = TestApp::with_living_demo().await;
    let db = app.db();
    let process = processes::store::by_slug(db, PROCESS)
        .await
        .unwrap()
        .unwrap();
    let first_day = Day::parse("2026-11-30").unwrap();
    let second_day = Day::parse("2026-12-01").unwrap();
    let first = service::snapshot(db, process.id, first_day).await.unwrap();

    let (needs, offline, authors): (i64, i64, i64) = db
        .read_one(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN source = 'online' THEN 0 ELSE 1 END), 0),
                    COUNT(DISTINCT author_id)
             FROM needs WHERE process_id = $1 AND status = 'published'",
            &[Value::Int(process.id)],
        )
        .await
        .unwrap();
    assert!(
        needs > 0 && offline > 0,
        "the living demo gathered needs online and offline"
    );
    assert_eq!(value(&first, Indicator::Needs), Some(needs as f64));
    assert_eq!(value(&first, Indicator::Contributors), Some(authors as f64));
    let share = value(&first, Indicator::NeedsOffline).unwrap();
    assert!((share - 100.0 * offline as f64 / needs as f64).abs() < 1e-9);
    let (answered,): (i64,) = db
        .read_one(
            "SELECT COUNT(DISTINCT sn.need_id) FROM solution_needs sn
             JOIN solutions s ON s.id = sn.solution_id AND s.status = 'published'
             JOIN needs n ON n.id = sn.need_id AND n.status = 'published'
             WHERE n.process_id = $1",
            &[Value::Int(process.id)],
        )
        .await
        .unwrap();
    let answered_share = value(&first, Indicator::NeedsAnswered).unwrap();
    assert!((answered_share - 100.0 * answered as f64 / needs as f64).abs() < 1e-9);
    assert!(answered == 0 || value(&first, Indicator::DaysToFirstAnswer).is_some());

    // A new need, then the next day's snapshot, taken twice: one row a day.
    let now = concerto::platform::clock::now_ms();
    needs::service::contribute(db, process.id, &plain_need("Un banc près de l'arrêt", now))
        .await
        .unwrap();
    service::snapshot(db, process.id, second_day).await.unwrap();
    let second = service::snapshot(db, process.id, second_day).await.unwrap();
    assert_eq!(value(&second, Indicator::Needs), Some(needs as f64 + 1.0));
    let kept: Vec<(String, f64)> = store::history(db, process.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|(key, _, _)| key == "needs")
        .map(|(_, day, value)| (day, value))
        .collect();
    assert_eq!(
        kept,
        [
            ("2026-11-30".to_owned(), needs as f64),
            ("2026-12-01".to_owned(), needs as f64 + 1.0)
        ]
    );

    let mut visitor = app.browser();
    let page = visitor
        .get(&format!("/demarches/{PROCESS}/indicateurs"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Besoins exprimés"));
    assert!(
        page.shows("Historique (2 jours)"),
        "{}",
        page.main_content()
    );
    assert!(
        page.body.contains("class=\"line-chart\""),
        "the history drawn"
    );
    assert!(page.transferred < 100 * 1024);
    let workbook = visitor
        .get(&format!("/demarches/{PROCESS}/indicateurs.xlsx"))
        .await;
    assert_eq!(workbook.status, StatusCode::OK);
    let rows = read_xlsx(&xlsx_parts(&workbook.bytes));
    let needs_row = rows
        .iter()
        .find(|r| r.get(1).is_some_and(|(_, t)| t == "Besoins exprimés"))
        .expect("the needs row");
    assert_eq!(
        needs_row[5],
        (true, (needs + 1).to_string()),
        "the value column"
    );

    // A draft's indicators are not found by a visitor, nor kept by the daily job.
    let draft = processes::store::ProcessFields {
        slug: "brouillon".into(),
        title: "Brouillon".into(),
        summary: String::new(),
        description: String::new(),
        status: processes::rules::Status::Draft,
    };
    processes::store::create(db, &draft, None)
        .await
        .unwrap()
        .unwrap();
    let hidden = visitor.get("/demarches/brouillon/indicateurs").await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let hidden = visitor.get("/demarches/brouillon/indicateurs.xlsx").await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let kept = service::snapshot_all(db, second_day).await.unwrap();
    assert_eq!(kept, 1, "the demo's process only");
}

const MANAGER: &str = "gestion@demo.concerto.localhost";
const FACILITATOR: &str = "animation@demo.concerto.localhost";
const PARTICIPANT: &str = "habitant@demo.concerto.localhost";
const MANAGE: &str = "/gestion/demarches/aux-actes-citoyens/indicateurs";

#[tokio::test]
async fn the_team_sets_targets_keeps_its_own_indicators_and_writes_the_reports() {
    let app = TestApp::with_demo().await;
    let db = app.db();
    let process = processes::store::by_slug(db, PROCESS)
        .await
        .unwrap()
        .unwrap();
    let mut manager = app.demo_account(MANAGER).await;

    // Targets: a percentage past 100 is refused next to its field, nothing kept.
    let refused = manager
        .post(
            &format!("{MANAGE}/cibles"),
            &[("cible-needs", "5000"), ("cible-needs-offline", "140")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"cible-needs-offline-error\""));
    assert!(refused.shows("Un pourcentage va de 0 à 100."));
    assert!(store::targets(db, process.id).await.unwrap().is_empty());
    let saved = manager
        .post(
            &format!("{MANAGE}/cibles"),
            &[("cible-needs", "5 000"), ("cible-needs-offline", "30")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let mut targets = store::targets(db, process.id).await.unwrap();
    targets.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        targets,
        [
            ("needs".to_owned(), 5000.0),
            ("needs-offline".to_owned(), 30.0)
        ]
    );

    // The team's own indicator: its baseline must be in its unit.
    let question = "Les habitants des quartiers prioritaires ont-ils pris part ?";
    let mut fields = vec![
        ("question", question),
        ("nom", "Part des présents venus des QPV"),
        ("unite", "pourcentage"),
        ("frequence", "trimestrielle"),
        ("depart", "140"),
        ("cible", "25"),
        ("source", "Feuilles d'émargement"),
    ];
    let wrong = manager.post(&format!("{MANAGE}/nouveau"), &fields).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("id=\"depart-error\""));
    fields[4].1 = "5";
    let added = manager.post(&format!("{MANAGE}/nouveau"), &fields).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let custom = store::customs(db, process.id).await.unwrap().remove(0);
    assert_eq!(
        (custom.unit.as_str(), custom.baseline, custom.target),
        ("pourcentage", Some(5.0), Some(25.0))
    );

    // Values: one typed, a bad one refused, then a file with good and bad lines.
    let values = format!("{MANAGE}/{}/valeurs", custom.id);
    let typed = manager
        .post(&values, &[("jour", "2026-10-01"), ("valeur", "12,5")])
        .await;
    assert_eq!(typed.status, StatusCode::SEE_OTHER);
    let bad = manager
        .post(&values, &[("jour", "hier"), ("valeur", "beaucoup")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains(&format!("id=\"jour-{}-error\"", custom.id))
    );
    assert!(bad.shows("Ce n'est pas un nombre."));
    let file = "date;valeur\n2026-11-01;15\n2026-12-01;140\nhier;10\n2026-12-15;18,5\n";
    let imported = manager
        .post_multipart(
            &format!("{MANAGE}/{}/import", custom.id),
            &[],
            ("fichier", "v.csv", file),
        )
        .await;
    assert_eq!(
        imported.status,
        StatusCode::OK,
        "{}",
        imported.main_content()
    );
    assert!(imported.shows("2 valeur(s) gardée(s), 2 refusée(s)."));
    assert!(imported.shows("Ligne 3 : Un pourcentage va de 0 à 100."));
    assert!(imported.shows("Ligne 4 : Une date AAAA-MM-JJ est attendue."));
    let key = format!("custom-{}", custom.id);
    let kept: Vec<(String, f64)> = store::history(db, process.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|(k, _, _)| *k == key)
        .map(|(_, day, value)| (day, value))
        .collect();
    assert_eq!(
        kept,
        [
            ("2026-10-01".to_owned(), 12.5),
            ("2026-11-01".to_owned(), 15.0),
            ("2026-12-15".to_owned(), 18.5)
        ]
    );
    let mut visitor = app.browser();
    let dashboard = visitor
        .get(&format!("/demarches/{PROCESS}/indicateurs"))
        .await;
    assert!(dashboard.shows(question));
    assert!(dashboard.shows("18,5\u{a0}%"), "the latest value");
    assert!(dashboard.shows("cible 25,0\u{a0}%"));
    assert!(
        dashboard.shows("67,5\u{a0}% du chemin vers la cible"),
        "(18.5 − 5) / (25 − 5)"
    );

    // The report: the team's until published, its analysis sanitised.
    let report = format!("/demarches/{PROCESS}/evaluation/mi-parcours");
    assert_eq!(visitor.get(&report).await.status, StatusCode::NOT_FOUND);
    let draft = manager.get(&report).await;
    assert_eq!(draft.status, StatusCode::OK);
    assert!(draft.shows("non publié"));
    let edit = "/gestion/demarches/aux-actes-citoyens/evaluation/mi-parcours";
    let form = manager.get(edit).await;
    let keys: Vec<String> = (0..4)
        .filter_map(|n| form.input_value(&format!("question-{n}")))
        .collect();
    assert_eq!(keys.len(), 4, "three standard questions and the team's");
    let analysis = "Les ateliers de **quartier** ont porté.<script>alert(1)</script>";
    let saved = manager
        .post(
            edit,
            &[
                ("question-0", keys[0].as_str()),
                ("analyse-0", analysis),
                ("question-3", keys[3].as_str()),
                ("analyse-3", "Objectif presque atteint."),
                ("publie", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let published = visitor.get(&report).await;
    assert_eq!(published.status, StatusCode::OK);
    assert!(published.body.contains("<strong>quartier</strong>"));
    assert!(!published.body.contains("<script>alert"), "sanitised");
    assert!(published.shows("Objectif presque atteint."));
    assert!(
        published.body.contains("class=\"line-chart\""),
        "the team's values drawn"
    );
    assert!(
        published.body.contains("id=\"carte-rapport\""),
        "the map of needs per 1,000"
    );
    assert!(published.shows("Besoins pour 1 000 habitants, par commune"));
    assert_eq!(
        visitor
            .get(&format!("/demarches/{PROCESS}/evaluation/autre"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Lesser roles: refused everywhere the team writes.
    for email in [FACILITATOR, PARTICIPANT] {
        let mut browser = app.demo_account(email).await;
        assert_eq!(
            browser.get(MANAGE).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            browser.get(edit).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        for (path, fields) in [
            (format!("{MANAGE}/cibles"), vec![("cible-needs", "1")]),
            (format!("{MANAGE}/nouveau"), fields.clone()),
            (
                values.clone(),
                vec![("jour", "2026-12-02"), ("valeur", "1")],
            ),
            (format!("{MANAGE}/{}/suppression", custom.id), vec![]),
            (edit.to_owned(), vec![("publie", "")]),
        ] {
            assert_eq!(
                browser.post(&path, &fields).await.status,
                StatusCode::FORBIDDEN,
                "{email} {path}"
            );
        }
    }
    assert_eq!(store::customs(db, process.id).await.unwrap().len(), 1);

    // Removed, with its values.
    let removed = manager
        .post(&format!("{MANAGE}/{}/suppression", custom.id), &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(store::customs(db, process.id).await.unwrap().is_empty());
    let left = store::history(db, process.id).await.unwrap();
    assert!(left.iter().all(|(k, _, _)| *k != key));
}
