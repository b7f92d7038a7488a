//! Storage on both engines: migrations (embedded, idempotent, identical schemas), and the
//! statements whose guarantees the features rely on.

use crate::common;

use concerto::features::accounts;
use concerto::platform::auth::rate_limits;
use concerto::platform::auth::sessions;
use concerto::platform::auth::tokens;
use concerto::platform::auth::tokens::TokenPurpose;
use concerto::platform::db::direct::{Tx, Value};
use concerto::platform::db::{self, ConnectOptions, Db, MIGRATIONS};
use concerto::platform::mail::queue as mail_queue;

#[test]
fn both_migration_folders_hold_the_same_files_and_all_are_embedded() {
    let root = env!("CARGO_MANIFEST_DIR");
    let list = |engine: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!("{root}/migrations/{engine}"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    let (sqlite, postgres) = (list("sqlite"), list("postgres"));
    assert_eq!(sqlite, postgres);
    let embedded: Vec<String> = MIGRATIONS
        .iter()
        .map(|m| format!("{}.sql", m.name))
        .collect();
    assert_eq!(
        embedded, sqlite,
        "every file is listed in db::MIGRATIONS, in order"
    );
}

/// A database at `url` (two connections), PostgreSQL in `schema` if given.
async fn connect(url: String, schema: Option<String>) -> Db {
    Db::connect(&ConnectOptions {
        url,
        max_connections: 2,
        pg_schema: schema,
    })
    .await
    .unwrap()
}

/// A SQLite database in the file at `path`.
async fn sqlite_db(path: &std::path::Path) -> Db {
    connect(db::sqlite_url(path), None).await
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_produce_the_same_schema() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!(
            "TEST_DATABASE_URL is not set: the schema parity check needs PostgreSQL and runs in .ci/run"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = sqlite_db(&dir.path().join("p.db")).await;
    db::migrate(&sqlite).await.unwrap();
    let schema = format!("parity_{:016x}", concerto::platform::secrets::random_u64());
    let admin = connect(url.clone(), None).await;
    if let Db::Postgres(pool, _) = &admin {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(pool)
            .await
            .unwrap();
    }
    let postgres = connect(url.clone(), Some(schema.clone())).await;
    db::migrate(&postgres).await.unwrap();

    let (a, b) = (
        db::schema_shape(&sqlite).await.unwrap(),
        db::schema_shape(&postgres).await.unwrap(),
    );
    postgres.close().await;
    common::drop_schema(url, schema);
    assert!(a.len() > 20, "the schema was read: {a:?}");
    let only_sqlite: Vec<_> = a.iter().filter(|c| !b.contains(c)).collect();
    let only_postgres: Vec<_> = b.iter().filter(|c| !a.contains(c)).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "SQLite only: {only_sqlite:?}\nPostgreSQL only: {only_postgres:?}"
    );
}

#[tokio::test]
async fn migrations_apply_once() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _schema) = common::fresh_db(dir.path()).await;
    let first = db::migrate(&db).await.unwrap();
    assert_eq!(first.len(), MIGRATIONS.len());
    assert!(db::migrate(&db).await.unwrap().is_empty());
    if let Some((url, schema)) = _schema {
        db.close().await;
        common::drop_schema(url, schema);
    }
}

#[tokio::test]
async fn storage_keeps_its_promises_on_this_engine() {
    let app = common::TestApp::new().await;
    let db = app.db();

    // One account per address.
    let first = accounts::users::create(db, "a@exemple.fr", "A", "hash", false)
        .await
        .unwrap();
    assert!(first.is_some());
    assert!(
        accounts::users::create(db, "a@exemple.fr", "B", "hash", false)
            .await
            .unwrap()
            .is_none()
    );
    let user = first.unwrap();

    // A one-time link works once, and only for its purpose.
    tokens::create(db, "digest-1", user.id, TokenPurpose::ResetPassword, None)
        .await
        .unwrap();
    assert!(
        tokens::consume(db, "digest-1", TokenPurpose::ConfirmEmail)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        tokens::is_valid(db, "digest-1", TokenPurpose::ResetPassword)
            .await
            .unwrap()
    );
    assert_eq!(
        tokens::consume(db, "digest-1", TokenPurpose::ResetPassword)
            .await
            .unwrap()
            .unwrap()
            .user_id,
        user.id
    );
    assert!(
        tokens::consume(db, "digest-1", TokenPurpose::ResetPassword)
            .await
            .unwrap()
            .is_none()
    );

    // Rate-limit windows count and reset.
    for expected in 1..=3 {
        assert_eq!(
            rate_limits::hit(db, "bucket", 60_000).await.unwrap(),
            expected
        );
    }
    rate_limits::clear(db, "bucket").await.unwrap();
    assert_eq!(
        rate_limits::hit(db, "bucket", 60_000).await.unwrap(),
        1,
        "a cleared bucket counts from nothing"
    );

    // Roles are granted once and cascade away with the account.
    assert!(
        accounts::roles::grant(
            db,
            user.id,
            concerto::platform::permissions::Role::Moderator,
            None
        )
        .await
        .unwrap()
    );
    assert!(
        !accounts::roles::grant(
            db,
            user.id,
            concerto::platform::permissions::Role::Moderator,
            None
        )
        .await
        .unwrap()
    );
    sessions::create(db, "session-digest", user.id, 60_000)
        .await
        .unwrap();
    assert!(
        sessions::find(db, "session-digest")
            .await
            .unwrap()
            .is_some()
    );
    concerto::features::accounts::personal_data::forget(db, user.id, &user.email)
        .await
        .unwrap();
    assert!(
        sessions::find(db, "session-digest")
            .await
            .unwrap()
            .is_none()
    );
    assert!(accounts::roles::registry(db).await.unwrap().is_empty());
}

#[tokio::test]
async fn expired_sessions_are_not_accepted_and_are_purged() {
    let app = common::TestApp::new().await;
    let db = app.db();
    let user = accounts::users::create(db, "s@exemple.fr", "S", "hash", true)
        .await
        .unwrap()
        .unwrap();
    sessions::create(db, "expired", user.id, -1).await.unwrap();
    sessions::create(db, "live", user.id, 60_000).await.unwrap();
    assert!(sessions::find(db, "expired").await.unwrap().is_none());
    assert_eq!(sessions::purge_expired(db).await.unwrap(), 1);
    assert!(sessions::find(db, "live").await.unwrap().is_some());
}

#[tokio::test]
async fn a_write_transaction_keeps_all_of_its_statements_or_none() {
    let app = common::TestApp::new().await;
    let db = app.db();
    let count = async || -> i64 {
        let (n,): (i64,) = concerto::with_db!(db, pool => sqlx::query_as(
            "SELECT COUNT(*) FROM rate_limits WHERE bucket LIKE 'tx:%'").fetch_one(pool).await)
        .unwrap();
        n
    };
    let insert =
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, 0, 1) RETURNING hits";
    let kept = db
        .write(async |tx: &mut Tx<'_>| {
            let first: Vec<(i64,)> = tx.rows(insert, &[Value::Text("tx:a".into())]).await?;
            let second: Vec<(i64,)> = tx.rows(insert, &[Value::Text("tx:b".into())]).await?;
            Ok(first.len() + second.len())
        })
        .await
        .unwrap();
    assert_eq!((kept, count().await), (2, 2));

    let failed = db
        .write(async |tx: &mut Tx<'_>| {
            let _: Vec<(i64,)> = tx.rows(insert, &[Value::Text("tx:c".into())]).await?;
            // The same bucket again: a unique violation, after a statement that succeeded.
            let _: Vec<(i64,)> = tx.rows(insert, &[Value::Text("tx:a".into())]).await?;
            Ok(())
        })
        .await;
    assert!(failed.is_err_and(|e| db::is_unique_violation(&e)));
    assert_eq!(
        count().await,
        2,
        "the first statement of the failed one is gone too"
    );
}

#[tokio::test]
async fn sqlite_commits_reach_the_database_file_without_a_writer_checkpointing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let db = sqlite_db(&path).await;
    concerto::with_db!(&db, pool => {
        sqlx::query("CREATE TABLE blobs (b BLOB)").execute(pool).await.unwrap();
        sqlx::query("INSERT INTO blobs VALUES (randomblob(4000000))").execute(pool).await.unwrap();
    });
    // Four megabytes are a thousand pages: far below the writers' own checkpoint, so only the
    // background one copies them from the log into the file.
    let file_size = || std::fs::metadata(&path).unwrap().len();
    let mut waited = 0;
    while file_size() < 4_000_000 && waited < 5_000 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        waited += 20;
    }
    assert!(
        file_size() >= 4_000_000,
        "still {} bytes after {waited} ms",
        file_size()
    );
    db.close().await;
}

#[tokio::test]
async fn sqlite_pool_and_direct_writer_connections_are_set_up_alike() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_db(&dir.path().join("s.db")).await;
    let settings = [
        "PRAGMA foreign_keys",
        "PRAGMA synchronous",
        "PRAGMA wal_autocheckpoint",
    ];
    let mut pool = Vec::new();
    for setting in settings {
        let (value,): (i64,) = concerto::with_db!(&db, pool =>
            sqlx::query_as(setting).fetch_one(pool).await)
        .unwrap();
        pool.push(value);
    }
    let writer: Vec<i64> = db
        .write(async move |tx: &mut Tx<'_>| {
            let mut values = Vec::new();
            for setting in settings {
                let rows: Vec<(i64,)> = tx.rows(setting, &[]).await?;
                values.push(rows[0].0);
            }
            Ok(values)
        })
        .await
        .unwrap();
    // Foreign keys on, synchronous FULL (2: the log synced at every commit), the writers'
    // checkpoint far out.
    assert_eq!(pool, [1, 2, 20_000]);
    assert_eq!(writer, pool);
    db.close().await;
}

#[tokio::test]
async fn a_requests_reads_share_one_moment_until_it_waits_or_writes() {
    let app = common::TestApp::new().await;
    let db = app.db().clone();
    let count = async |db: &Db| -> i64 {
        let sql = "SELECT COUNT(*) FROM rate_limits WHERE bucket LIKE 'shared:%'";
        let (n,): (i64,) = db.read_one(sql, &[]).await.unwrap();
        n
    };
    let insert_sql = "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, 0, 1)";
    let insert = async |db: &Db, bucket: &'static str| {
        db.write(async move |tx: &mut Tx<'_>| {
            let sql = format!("{insert_sql} RETURNING hits");
            let _: Vec<(i64,)> = tx.rows(&sql, &[Value::Text(bucket.into())]).await?;
            Ok(())
        })
        .await
        .unwrap();
    };
    let file = match db.engine() {
        db::Engine::Sqlite => {
            let sql = "SELECT file FROM pragma_database_list WHERE name = 'main'";
            Some(db.read_one::<(String,)>(sql, &[]).await.unwrap().0)
        }
        db::Engine::Postgres => None,
    };
    // Commits a row through another connection; on SQLite without the request waiting.
    let commit_elsewhere = async |bucket: &'static str| match &file {
        Some(file) => {
            let file = file.clone();
            std::thread::spawn(move || {
                let other = rusqlite::Connection::open(file).unwrap();
                other
                    .busy_timeout(std::time::Duration::from_secs(5))
                    .unwrap();
                other.execute(insert_sql, [bucket]).unwrap();
            })
            .join()
            .unwrap();
        }
        None => insert(&db, bucket).await,
    };
    // What the request reads after another connection committed: on SQLite the moment of its
    // first read, as long as nothing ended the shared transaction; on PostgreSQL (no sharing)
    // the database as it is.
    let shared = |before: i64, now: i64| if file.is_some() { before } else { now };

    db.sharing_reads(async {
        assert_eq!(count(&db).await, 0);
        commit_elsewhere("shared:a").await;
        assert_eq!(count(&db).await, shared(0, 1));
        // A statement through sqlx ends the shared transaction, with no wait in between.
        concerto::with_db!(&db, _pool => ());
        assert_eq!(count(&db).await, 1);
        commit_elsewhere("shared:b").await;
        assert_eq!(count(&db).await, shared(1, 2));
        // Once the request has waited for something, it reads the database as it is now.
        tokio::task::yield_now().await;
        assert_eq!(count(&db).await, 2);
        // What the request writes itself, by either path, it reads next.
        insert(&db, "shared:own").await;
        assert_eq!(count(&db).await, 3);
        concerto::with_db!(&db, pool => sqlx::query(insert_sql)
            .bind("shared:sqlx").execute(pool).await.map(|_| ()))
        .unwrap();
        assert_eq!(count(&db).await, 4);
    })
    .await;
    assert_eq!(count(&db).await, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_queued_mail_is_claimed_by_one_worker_at_a_time() {
    use mail_queue::{MailKind, NewMail};
    let app = common::TestApp::new().await;
    let db = app.db();
    for n in 0..30 {
        let to = format!("p{n}@exemple.fr");
        mail_queue::enqueue(
            db,
            &NewMail {
                kind: MailKind::Message,
                user_id: None,
                recipient: &to,
                lang: "fr",
                subject: "Sujet",
                body: "Corps",
            },
        )
        .await
        .unwrap();
    }
    // Four workers (as on four servers) claim at once: each message once.
    let claims: Vec<_> = (0..4)
        .map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                mail_queue::claim(&db, MailKind::Message, 60_000, 10)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut claimed = Vec::new();
    for claim in claims {
        claimed.extend(claim.await.unwrap().into_iter().map(|m| m.recipient));
    }
    // Whatever a worker skipped, a next round takes.
    loop {
        let more = mail_queue::claim(db, MailKind::Message, 60_000, 10)
            .await
            .unwrap();
        if more.is_empty() {
            break;
        }
        claimed.extend(more.into_iter().map(|m| m.recipient));
    }
    claimed.sort();
    let before = claimed.len();
    claimed.dedup();
    assert_eq!(claimed.len(), before, "no message claimed twice");
    assert_eq!(claimed.len(), 30);
    // Claimed messages are not claimed again while their lease runs.
    assert!(
        mail_queue::claim(db, MailKind::Message, 60_000, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(mail_queue::waiting(db).await.unwrap(), 30);
}

#[tokio::test]
async fn moving_comments_to_needs_or_solutions_keeps_every_comment_and_its_reports() {
    // A database as 0016 left it, with a comment, its reply and a report of the comment;
    // then 0017 (on SQLite a rebuild of `comments`) must keep all three.
    let dir = tempfile::tempdir().unwrap();
    let (db, _schema) = common::fresh_db(dir.path()).await;
    let before: Vec<_> = MIGRATIONS.iter().take_while(|m| m.name < "0017").collect();
    assert_eq!(before.len(), 16);
    let rows = "INSERT INTO users (id, email, display_name, password_hash, created_at)
                    VALUES (1, 'a@exemple.fr', 'A', 'h', 0);
                INSERT INTO processes (id, slug, title, summary, description, status, created_at, updated_at)
                    VALUES (10, 'p', 'P', '', '', 'published', 0, 0);
                INSERT INTO needs (id, process_id, title, body, source, status, supports_count, comments_count, created_at)
                    VALUES (100, 10, 'Un besoin', '', 'online', 'published', 0, 2, 0);
                INSERT INTO comments (id, need_id, parent_id, author_id, body, status, created_at)
                    VALUES (1000, 100, NULL, 1, 'Premier', 'published', 0);
                INSERT INTO comments (id, need_id, parent_id, author_id, body, status, created_at)
                    VALUES (1001, 100, 1000, 1, 'Réponse', 'published', 0);
                INSERT INTO reports (id, process_id, comment_id, reporter_id, reason, created_at)
                    VALUES (5, 10, 1000, 1, 'spam', 0);";
    concerto::with_db!(&db, pool => {
        sqlx::raw_sql("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
            .execute(pool).await.unwrap();
        for migration in &before {
            let sql = match db.engine() {
                db::Engine::Sqlite => migration.sqlite,
                db::Engine::Postgres => migration.postgres,
            };
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await.unwrap();
            sqlx::query("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, 0)")
                .bind(migration.name).execute(pool).await.unwrap();
        }
        sqlx::raw_sql(rows).execute(pool).await.unwrap();
    });
    let applied = db::migrate(&db).await.unwrap();
    assert!(applied.contains(&"0017_comments_media"), "{applied:?}");
    /// id, need, solution, parent.
    type CommentRow = (i64, Option<i64>, Option<i64>, Option<i64>);
    let comments: Vec<CommentRow> = concerto::with_db!(&db, pool =>
        sqlx::query_as("SELECT id, need_id, solution_id, parent_id FROM comments ORDER BY id")
            .fetch_all(pool).await)
    .unwrap();
    assert_eq!(
        comments,
        vec![
            (1000, Some(100), None, None),
            (1001, Some(100), None, Some(1000))
        ]
    );
    let reports: Vec<(i64, Option<i64>)> = concerto::with_db!(&db, pool =>
        sqlx::query_as("SELECT id, comment_id FROM reports").fetch_all(pool).await)
    .unwrap();
    assert_eq!(reports, vec![(5, Some(1000))]);
    // The new rule holds: a comment answers exactly one thing.
    let neither = concerto::with_db!(&db, pool => sqlx::query(
        "INSERT INTO comments (id, author_id, body, status, created_at) VALUES (2, 1, 'x', 'published', 0)")
        .execute(pool).await.map(|_| ()));
    assert!(neither.is_err());
}
