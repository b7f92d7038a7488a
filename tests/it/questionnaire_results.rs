//! The results page while newer answers are being computed or their page written: it shows
//! the page written last and says how many responses it counts, then the current one.

use axum::http::StatusCode;
use concerto::features::questionnaires::rules::AnswerRow;
use concerto::features::questionnaires::store::{self, Respondent};

use crate::common::TestApp;
use crate::questionnaires::{ask, imported, publish, questions, started};

/// Responses answering one number question, `count` of them.
fn responses(question_id: i64, count: usize) -> Vec<(Respondent, Vec<AnswerRow>)> {
    (0..count)
        .map(|n| {
            let row = AnswerRow {
                question_id,
                item: 0,
                number: Some(n as f64),
                text: None,
            };
            (imported(), vec![row])
        })
        .collect()
}

#[tokio::test]
async fn results_say_what_they_count_while_newer_answers_are_computed() {
    let app = TestApp::with_demo().await;
    let (mut team, id, section) = started(&app, "Trajets").await;
    ask(&mut team, id, &section, "number", "Minutes", &[]).await;
    publish(&mut team, id, "Trajets", None).await;
    let (sections, by_label) = questions(&app, id).await;
    let (minutes, next_section) = (by_label["Minutes"].id, sections.len() as i64);
    store::submit_many(app.db(), id, &responses(minutes, 3), next_section)
        .await
        .unwrap();
    let results = format!("/questionnaires/{id}/resultats");
    let mut visitor = app.browser();
    let first = visitor.get(&results).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.shows("3 réponses"), "{}", first.main_content());
    assert!(!first.shows("en cours de calcul"));

    // Two more arrive while the answers cannot be computed (another computation holds the
    // turn): the page waits its patience, then shows the three computed and says so.
    store::submit_many(app.db(), id, &responses(minutes, 2), next_section)
        .await
        .unwrap();
    let turn = app.state.questionnaires.computing.lock().await;
    let meanwhile = visitor.get(&results).await;
    assert_eq!(meanwhile.status, StatusCode::OK);
    assert!(
        meanwhile.shows("3 réponses"),
        "{}",
        meanwhile.main_content()
    );
    assert!(
        meanwhile.shows("Ces résultats comptent les 3 réponses reçues"),
        "{}",
        meanwhile.main_content()
    );
    drop(turn);

    // The computation started in the background then ends: the five are shown, unqualified.
    let after = visitor.get(&results).await;
    assert!(after.shows("5 réponses"), "{}", after.main_content());
    assert!(!after.shows("en cours de calcul"));

    // One more arrives while its page cannot be written (another page holds the writers'
    // turn): the page written last is shown, and says what it counts.
    store::submit_many(app.db(), id, &responses(minutes, 1), next_section)
        .await
        .unwrap();
    let turn = app.state.questionnaires.writing.lock().await;
    let meanwhile = visitor.get(&results).await;
    assert_eq!(meanwhile.status, StatusCode::OK);
    assert!(
        meanwhile.shows("Ces résultats comptent les 5 réponses reçues"),
        "{}",
        meanwhile.main_content()
    );
    drop(turn);
    let after = visitor.get(&results).await;
    assert!(after.shows("6 réponses"), "{}", after.main_content());
    assert!(!after.shows("en cours de calcul"));
}
