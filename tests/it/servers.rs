//! Several servers on one database. On PostgreSQL each server keeps its busiest reads, and
//! who each session is, in memory until the database tells it their tables changed
//! (`db::kept`): a change made through one server shows on the others, one made through a
//! server shows on it at once, and a server that stops hearing keeps nothing. On SQLite the same tests hold trivially
//! (nothing is kept), which they check too.

use std::time::{Duration, Instant};

use crate::common::{Browser, Page, TestApp};
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

/// Waits until the server keeps reads: on PostgreSQL once its listener is connected, a moment
/// after it starts (SQLite keeps none).
async fn listening(db: &Db) {
    let postgres = db.engine() == Engine::Postgres;
    assert!(
        within_seconds(async || db.keeps_reads() == postgres).await,
        "the server's listener connects"
    );
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

/// Runs `sql` (binding `a` and `b`) on a connection of its own, as another server would, with
/// the change feed's triggers on (`told`) or silenced (PostgreSQL's replication role fires no
/// ordinary trigger: a change no server hears of).
async fn change_elsewhere(db: &Db, sql: &'static str, a: &str, b: &str, told: bool) {
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
            sqlx::query(sql)
                .bind(a)
                .bind(b)
                .execute(&mut *connection)
                .await
                .unwrap();
            sqlx::raw_sql("SET session_replication_role = origin")
                .execute(&mut *connection)
                .await
                .unwrap();
        }
        Db::Sqlite(pool, _) => {
            sqlx::query(sql)
                .bind(a)
                .bind(b)
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

/// Changes the process's title elsewhere, told or not (see `change_elsewhere`).
async fn retitle(db: &Db, title: &str, told: bool) {
    let sql = "UPDATE processes SET title = $1 WHERE slug = $2";
    change_elsewhere(db, sql, title, SLUG, told).await;
}

#[tokio::test]
async fn kept_reads_last_until_the_database_tells_of_a_change_and_none_are_kept_unheard() {
    let app = TestApp::with_demo().await;
    let db = app.db();
    let postgres = db.engine() == Engine::Postgres;
    listening(db).await;
    let first = title(db).await;
    retitle(db, "Titre changé sans rien dire", false).await;
    if postgres {
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

/// The name an account page shows for whoever is signed in, if someone is.
fn shown_name(page: &Page) -> Option<String> {
    (page.status == StatusCode::OK)
        .then(|| page.input_value("display_name"))
        .flatten()
}

#[tokio::test]
async fn who_a_session_is_is_kept_until_its_account_changes_or_it_ends_on_any_server() {
    let app = TestApp::with_demo().await;
    let db = app.db();
    let email = "habitant@demo.concerto.localhost";
    let postgres = db.engine() == Engine::Postgres;
    listening(db).await;
    let mut here = app.demo_account(email).await;
    let first = shown_name(&here.get("/compte").await).expect("signed in");

    let rename = "UPDATE users SET display_name = $1 WHERE email = $2";
    change_elsewhere(db, rename, "Nom changé sans rien dire", email, false).await;
    let seen = shown_name(&here.get("/compte").await);
    if postgres {
        assert_eq!(
            seen,
            Some(first),
            "kept: a change no one was told of does not show"
        );
    } else {
        assert_eq!(
            seen.as_deref(),
            Some("Nom changé sans rien dire"),
            "SQLite keeps nothing"
        );
    }

    // The same session through the second server: the first hears of what it changes.
    let mut there = Browser::over(app.second_server().await);
    there.cookies = here.cookies.clone();
    let renamed = there
        .post("/compte/nom", &[("display_name", "Nom changé ailleurs")])
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    assert!(
        within_seconds(async || shown_name(&here.get("/compte").await).as_deref()
            == Some("Nom changé ailleurs"))
        .await,
        "the first server shows the name changed through the second"
    );
    // Through the first server itself: at once.
    let renamed = here
        .post("/compte/nom", &[("display_name", "Nom changé ici")])
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.body);
    assert_eq!(
        shown_name(&here.get("/compte").await).as_deref(),
        Some("Nom changé ici")
    );

    // Signed out through the second server: the first no longer knows the session.
    let out = there.post("/deconnexion", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);
    assert!(
        within_seconds(async || here
            .get("/compte")
            .await
            .location()
            .starts_with("/connexion"))
        .await,
        "a session ended on one server is ended on the others"
    );
}
