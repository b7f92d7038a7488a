//! Several servers on one database. On PostgreSQL each server keeps its busiest reads in
//! memory until the database tells it their tables changed (`db::kept`): a change made
//! through one server shows on the others, one made through a server shows on it at once,
//! and a server that stops hearing keeps nothing. On SQLite the same tests hold trivially
//! (nothing is kept), which they check too.

use std::time::{Duration, Instant};

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::processes;
use concerto::platform::db::{Db, Engine};

const SLUG: &str = "aux-actes-citoyens";

/// Asks `read` until it answers true, for at most 5 s; whether it did.
async fn within_seconds(mut read: impl AsyncFnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if read().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

async fn title(db: &Db) -> String {
    processes::store::by_slug(db, SLUG)
        .await
        .unwrap()
        .expect("the demo's process")
        .title
}

#[tokio::test]
async fn a_need_posted_through_one_server_shows_on_the_others_list_and_at_once_on_its_own() {
    let app = TestApp::with_demo().await;
    let mut visitor = app.browser();
    let list = format!("/demarches/{SLUG}/besoins");
    let before = visitor.get(&list).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(!before.shows("Un abri à vélos devant la gare"));

    // Through the second server: the first hears of it.
    let mut resident = Browser::over(app.second_server().await);
    resident
        .sign_in_demo("habitant@demo.concerto.localhost")
        .await;
    let posted = resident
        .post(&list, &[("title", "Un abri à vélos devant la gare")])
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    assert!(
        within_seconds(async || visitor
            .get(&list)
            .await
            .shows("Un abri à vélos devant la gare"))
        .await,
        "the first server's list shows the need posted through the second"
    );

    // Through the first server: its next page shows it, without waiting for anything.
    let mut lea = app.signed_in("lea@exemple.fr", "Léa").await;
    let posted = lea
        .post(&list, &[("title", "Des bancs à l'ombre au square")])
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    assert!(
        visitor
            .get(&list)
            .await
            .shows("Des bancs à l'ombre au square")
    );
}

/// Changes the process's title on a connection of its own, as another server would, with the
/// change feed's triggers on (`told`) or silenced (PostgreSQL's replication role fires no
/// ordinary trigger: a change no server hears of).
async fn retitle(db: &Db, title: &str, told: bool) {
    match db {
        Db::Postgres(pool, _) => {
            let mut connection = pool.acquire().await.unwrap();
            let role = if told { "origin" } else { "replica" };
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "SET session_replication_role = {role}"
            )))
            .execute(&mut *connection)
            .await
            .unwrap();
            sqlx::query("UPDATE processes SET title = $1 WHERE slug = $2")
                .bind(title)
                .bind(SLUG)
                .execute(&mut *connection)
                .await
                .unwrap();
            sqlx::raw_sql("SET session_replication_role = origin")
                .execute(&mut *connection)
                .await
                .unwrap();
        }
        Db::Sqlite(pool, _) => {
            sqlx::query("UPDATE processes SET title = $1 WHERE slug = $2")
                .bind(title)
                .bind(SLUG)
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

#[tokio::test]
async fn kept_reads_last_until_the_database_tells_of_a_change_and_none_are_kept_unheard() {
    let app = TestApp::with_demo().await;
    let db = app.db();
    let first = title(db).await;
    retitle(db, "Titre changé sans rien dire", false).await;
    if db.engine() == Engine::Postgres {
        assert_eq!(
            title(db).await,
            first,
            "kept: a change no one was told of does not show"
        );
        // A change told of drops what was kept; the silent one shows with it.
        retitle(db, "Titre changé et annoncé", true).await;
        assert!(
            within_seconds(async || title(db).await == "Titre changé et annoncé").await,
            "a change the database tells of shows"
        );
        // The listener's connection cut: nothing is kept until it listens again, from
        // nothing (what changed meanwhile told no one).
        let _ = title(db).await;
        retitle(db, "Titre changé pendant la coupure", false).await;
        cut_listeners(db).await;
        assert!(
            within_seconds(async || title(db).await == "Titre changé pendant la coupure").await,
            "a server that lost its listener reads the database again"
        );
    } else {
        assert_eq!(
            title(db).await,
            "Titre changé sans rien dire",
            "SQLite keeps nothing"
        );
    }
}

/// Cuts every listening connection to the database (PostgreSQL), as a restart would.
async fn cut_listeners(db: &Db) {
    if let Db::Postgres(pool, _) = db {
        let cut: Vec<(bool,)> = sqlx::query_as(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        assert!(!cut.is_empty(), "this server's listener was connected");
    }
}
