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
    assert_eq!(needs_row[3], (true, (needs + 1).to_string()));

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
