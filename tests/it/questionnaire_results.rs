//! The results page while newer answers are being computed or their page written: it shows
//! the page written last and says how many responses it counts, then the current one.

use axum::http::StatusCode;
use concerto::features::questionnaires::rules::AnswerRow;
use concerto::features::questionnaires::store::{self, Respondent};

use crate::common::{Browser, TestApp};
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

/// The results page shows `count` responses and, when `catching_up`, says that it counts
/// those while newer ones are computed.
async fn shows(visitor: &mut Browser, results: &str, count: usize, catching_up: bool) {
    let page = visitor.get(results).await;
    assert_eq!(page.status, StatusCode::OK);
    let (content, said) = (
        page.main_content(),
        format!("Ces résultats comptent les {count} réponses reçues"),
    );
    assert!(page.shows(&format!("{count} réponses")), "{content}");
    assert_eq!(page.shows(&said), catching_up, "{content}");
    assert_eq!(page.shows("en cours de calcul"), catching_up, "{content}");
}

#[tokio::test]
async fn results_say_what_they_count_while_newer_answers_are_computed() {
    let app = TestApp::with_demo().await;
    let (mut team, id, section) = started(&app, "Trajets").await;
    ask(&mut team, id, &section, "number", "Minutes", &[]).await;
    publish(&mut team, id, "Trajets", None).await;
    let (sections, by_label) = questions(&app, id).await;
    let (minutes, next_section) = (by_label["Minutes"].id, sections.len() as i64);
    let submit = |count: usize| {
        let answers = responses(minutes, count);
        let db = app.db().clone();
        async move {
            store::submit_many(&db, id, &answers, next_section)
                .await
                .unwrap()
        }
    };
    submit(3).await;
    let results = format!("/questionnaires/{id}/resultats");
    let mut visitor = app.browser();
    shows(&mut visitor, &results, 3, false).await;

    // Two more arrive while the answers cannot be computed (another computation holds the
    // turn): the page waits its patience, then shows the three computed and says so.
    submit(2).await;
    let turn = app.state.questionnaires.computing.lock().await;
    shows(&mut visitor, &results, 3, true).await;
    drop(turn);
    // The computation started in the background then ends: the five are shown, unqualified.
    shows(&mut visitor, &results, 5, false).await;

    // One more arrives while its page cannot be written (another page holds the writers'
    // turn): the page written last is shown, and says what it counts.
    submit(1).await;
    let turn = app.state.questionnaires.writing.lock().await;
    shows(&mut visitor, &results, 5, true).await;
    drop(turn);
    shows(&mut visitor, &results, 6, false).await;
}
