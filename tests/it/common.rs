//! Test harness: the real router over a real database, fresh for each test. SQLite (a file in
//! a temporary folder) by default; PostgreSQL (a schema of its own) when TEST_DATABASE_URL is
//! set. A `Browser` keeps cookies like a person's browser does.

use std::collections::BTreeMap;
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use concerto::features::accounts;
use concerto::features::events;
use concerto::features::needs::service::{Contribution, Origin};
use concerto::platform::config::Config;
use concerto::platform::db::{self, ConnectOptions, Db};
use concerto::platform::mail::{OutboxEntry, read_outbox};
use concerto::platform::web::csrf;
use concerto::state::AppState;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A running application with its own database and outbox.
pub struct TestApp {
    /// The router, as the server serves it.
    pub router: Router,
    /// The state behind it, to reach the database directly.
    pub state: AppState,
    /// Where mail goes.
    pub outbox: PathBuf,
    _dir: tempfile::TempDir,
    pg_schema: Option<(String, String)>,
}

/// A need as tests store it directly: online, with only a title and no author, written at
/// `at` (ms); a test sets what else it needs with `Contribution { theme_id, ..plain_need(…) }`.
pub fn plain_need(title: &str, at: i64) -> Contribution {
    Contribution::new(title, "", Origin::Online { author_id: None }, at)
}

/// A workshop of the process on 20 December 2026, created by `created_by`; returns its id.
pub async fn workshop(db: &Db, process_id: i64, created_by: i64) -> i64 {
    events::store::create(
        db,
        &events::store::NewEvent {
            process_id,
            kind: events::rules::EventKind::Workshop,
            title: "Atelier vélo",
            description: "",
            starts_at: "2026-12-20T14:00",
            ends_at: "2026-12-20T16:00",
            territory_id: None,
            place: "Belfort",
            capacity: None,
            audience: events::rules::Audience::GeneralPublic,
            created_by,
        },
    )
    .await
    .unwrap()
}

/// A fresh database: a SQLite file, or a PostgreSQL schema when TEST_DATABASE_URL is set.
pub async fn fresh_db(dir: &std::path::Path) -> (Db, Option<(String, String)>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let schema = format!("t_{:016x}", concerto::platform::secrets::random_u64());
            let admin = Db::connect(&ConnectOptions {
                url: url.clone(),
                max_connections: 1,
                pg_schema: None,
            })
            .await
            .expect("TEST_DATABASE_URL answers");
            if let Db::Postgres(pool, _) = &admin {
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                    .execute(pool)
                    .await
                    .expect("schema created");
            }
            admin.close().await;
            let db = Db::connect(&ConnectOptions {
                url: url.clone(),
                max_connections: 4,
                pg_schema: Some(schema.clone()),
            })
            .await
            .expect("schema connection");
            (db, Some((url, schema)))
        }
        _ => {
            let url = db::sqlite_url(&dir.join("test.db"));
            let db = Db::connect(&ConnectOptions {
                url,
                max_connections: 4,
                pg_schema: None,
            })
            .await
            .expect("sqlite opens");
            (db, None)
        }
    }
}

/// Drops a PostgreSQL test schema (from a plain thread, since `Drop` cannot await).
pub fn drop_schema(url: String, schema: String) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            if let Ok(Db::Postgres(pool, _)) = Db::connect(&ConnectOptions {
                url,
                max_connections: 1,
                pg_schema: None,
            })
            .await
            {
                let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "DROP SCHEMA IF EXISTS {schema} CASCADE"
                )))
                .execute(&pool)
                .await;
                pool.close().await;
            }
        });
    })
    .join()
    .ok();
}

/// The password of the accounts `TestApp::signed_in` creates.
pub const PASSWORD: &str = "un mot de passe solide";

impl TestApp {
    /// A new application on a fresh, migrated database.
    pub async fn new() -> TestApp {
        Self::with_config(|_| {}).await
    }

    /// A new application whose configuration `adjust` may change.
    pub async fn with_config(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (db, pg_schema) = fresh_db(dir.path()).await;
        db::migrate(&db).await.expect("migrations apply");
        let mut config = Config::for_tests(String::new(), dir.path().to_path_buf());
        adjust(&mut config);
        let outbox = config.outbox_dir();
        let state = AppState::new(db, config).expect("state");
        TestApp {
            router: concerto::router::build(state.clone()),
            state,
            outbox,
            _dir: dir,
            pg_schema,
        }
    }

    /// A new application with the demo loaded (territories, process, one account per role).
    pub async fn with_demo() -> TestApp {
        let app = Self::new().await;
        concerto::features::demo::load(app.db())
            .await
            .expect("the demo loads");
        app
    }

    /// A new application with the living demo: the setting, then a consultation under way
    /// (participants, needs, workshops, supports, comments, a synthesis, an opinion map).
    pub async fn with_living_demo() -> TestApp {
        let app = Self::with_demo().await;
        concerto::features::demo::activity::load(app.db())
            .await
            .expect("the living demo loads")
            .expect("it was not there yet");
        app
    }

    /// A browser signed in with one of the demo's accounts.
    pub async fn demo_account(&self, email: &str) -> Browser {
        let mut browser = self.browser();
        browser.sign_in_demo(email).await;
        browser
    }

    /// A second server on the same database, with a memory of its own, as a second server
    /// behind a load balancer has: its router.
    pub async fn second_server(&self) -> Router {
        let (url, pg_schema) = match &self.pg_schema {
            Some((url, schema)) => (url.clone(), Some(schema.clone())),
            None => (db::sqlite_url(&self._dir.path().join("test.db")), None),
        };
        let db = Db::connect(&ConnectOptions {
            url,
            max_connections: 4,
            pg_schema,
        })
        .await
        .expect("a second connection to the test database");
        let config = Config::for_tests(String::new(), self._dir.path().to_path_buf());
        concerto::router::build(AppState::new(db, config).expect("state"))
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// A browser with no cookies, coming from its own address.
    pub fn browser(&self) -> Browser {
        Browser {
            router: self.router.clone(),
            cookies: BTreeMap::new(),
            ip: format!("10.{}.{}.{}", rand_byte(), rand_byte(), rand_byte()),
            extra_headers: Vec::new(),
        }
    }

    /// The e-mails in the outbox, newest first, once the queue has sent what is due (as the
    /// server's mail worker does).
    pub async fn mails(&self) -> Vec<OutboxEntry> {
        concerto::jobs::deliver_mail(&self.state)
            .await
            .expect("the mail queue answers");
        read_outbox(&self.outbox)
    }

    /// The newest e-mail sent to `to`.
    pub async fn last_mail_to(&self, to: &str) -> Option<OutboxEntry> {
        self.mails().await.into_iter().find(|m| m.email.to == to)
    }

    /// The path and query of the link in the newest e-mail sent to `to`.
    pub async fn link_in_last_mail_to(&self, to: &str) -> String {
        let mail = self
            .last_mail_to(to)
            .await
            .unwrap_or_else(|| panic!("no mail to {to}"));
        let base = self.state.config.base_url().to_owned();
        let start = mail
            .email
            .body
            .find(&base)
            .unwrap_or_else(|| panic!("no link in {:?}", mail.email.body));
        let link: String = mail.email.body[start + base.len()..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        link
    }

    /// Signs up, confirms through the outbox and signs in; returns the signed-in browser.
    pub async fn signed_in(&self, email: &str, name: &str) -> Browser {
        let mut browser = self.browser();
        let password = PASSWORD;
        let page = browser
            .post(
                "/inscription",
                &[
                    ("email", email),
                    ("display_name", name),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let link = self.link_in_last_mail_to(email).await;
        let token = link
            .split("jeton=")
            .nth(1)
            .expect("token in link")
            .to_owned();
        let confirmed = browser.post("/confirmation", &[("jeton", &token)]).await;
        assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
        let signed = browser
            .post("/connexion", &[("email", email), ("password", password)])
            .await;
        assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
        browser
    }

    /// A signed-in account holding `role` (granted directly in the database).
    pub async fn signed_in_with_role(
        &self,
        email: &str,
        role: concerto::platform::permissions::Role,
    ) -> Browser {
        let browser = self.signed_in(email, "Personne de test").await;
        let user = accounts::users::by_email(self.db(), email)
            .await
            .unwrap()
            .unwrap();
        accounts::roles::grant(self.db(), user.id, role, None)
            .await
            .unwrap();
        browser
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((url, schema)) = self.pg_schema.take() {
            drop_schema(url, schema);
        }
    }
}

fn rand_byte() -> u8 {
    (concerto::platform::secrets::random_u64() % 250) as u8 + 1
}

/// The id of the account with this address.
pub async fn user_id(db: &Db, email: &str) -> i64 {
    concerto::features::accounts::users::by_email(db, email)
        .await
        .unwrap()
        .expect("an account")
        .id
}

/// A second published process, `slug`, with no team; returns its id.
pub async fn another_process(db: &Db, slug: &str) -> i64 {
    concerto::features::processes::store::create(
        db,
        &concerto::features::processes::store::ProcessFields {
            slug: slug.into(),
            title: format!("Démarche {slug}"),
            summary: String::new(),
            description: String::new(),
            status: concerto::features::processes::rules::Status::Published,
        },
        None,
    )
    .await
    .unwrap()
    .expect("a free slug")
}

/// What a request answered.
#[derive(Debug)]
pub struct Page {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: axum::http::HeaderMap,
    /// Body as text.
    pub body: String,
    /// Body as received, for binary files.
    pub bytes: Vec<u8>,
    /// Size of the body as transferred (compressed when it was).
    pub transferred: usize,
}

impl Page {
    /// The redirect target.
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Whether the page shows `text` once HTML escapes are undone.
    pub fn shows(&self, text: &str) -> bool {
        let unescaped = self
            .body
            .replace("&#39;", "'")
            .replace("&#34;", "\"")
            .replace("&quot;", "\"")
            .replace("&#60;", "<")
            .replace("&lt;", "<")
            .replace("&#62;", ">")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        unescaped.contains(text)
    }

    /// The content of `<main>`, what differs from page to page.
    pub fn main_content(&self) -> &str {
        let start = self.body.find("<main").unwrap_or(0);
        let end = self.body.find("</main>").unwrap_or(self.body.len());
        &self.body[start..end]
    }

    /// The value of the first input named `name` in the page that has one (whatever
    /// attributes stand between its name and its value).
    pub fn input_value(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\"");
        self.body.match_indices(&marker).find_map(|(at, _)| {
            let after = &self.body[at + marker.len()..];
            let tag = &after[..after.find('>')?];
            let value = &tag[tag.find("value=\"")? + "value=\"".len()..];
            Some(value.chars().take_while(|c| *c != '"').collect())
        })
    }
}

/// A cookie-keeping client of the router.
pub struct Browser {
    router: Router,
    /// Cookies by name.
    pub cookies: BTreeMap<String, String>,
    /// The client address it sends as X-Forwarded-For.
    pub ip: String,
    /// Headers added to every request.
    pub extra_headers: Vec<(String, String)>,
}

impl Browser {
    /// A browser with no cookies over any router (the metrics address's, say).
    pub fn over(router: Router) -> Browser {
        Browser {
            router,
            cookies: BTreeMap::new(),
            ip: "10.0.0.1".into(),
            extra_headers: Vec::new(),
        }
    }

    /// Signs in with one of the demo's accounts (whichever server this browser talks to).
    pub async fn sign_in_demo(&mut self, email: &str) {
        let page = self
            .post(
                "/connexion",
                &[
                    ("email", email),
                    ("password", concerto::features::demo::PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "demo account {email} signs in"
        );
    }

    /// GET a path.
    pub async fn get(&mut self, path: &str) -> Page {
        let request = self.request("GET", path).body(Body::empty()).unwrap();
        self.send(request).await
    }

    /// POST a form with a valid CSRF token (fetching the home page first if no cookie yet).
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        if !self.cookies.contains_key("concerto_csrf") {
            self.get("/").await;
        }
        let token = csrf::mask(&self.cookies["concerto_csrf"]);
        let mut all: Vec<(&str, &str)> = vec![("_csrf", &token)];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// POST a form exactly as given (no token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let request = self
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// POST a multipart form (text fields and one text file) with a valid CSRF token.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &str),
    ) -> Page {
        let (name, filename, content) = file;
        self.post_file(path, fields, (name, filename, content.as_bytes()))
            .await
    }

    /// POST a multipart form (text fields and one file of any bytes) with a valid CSRF token.
    pub async fn post_file(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &[u8]),
    ) -> Page {
        if !self.cookies.contains_key("concerto_csrf") {
            self.get("/").await;
        }
        let boundary = "----concerto-test-boundary";
        let token = csrf::mask(&self.cookies["concerto_csrf"]);
        let mut body = Vec::new();
        for (name, value) in
            std::iter::once(("_csrf", token.as_str())).chain(fields.iter().copied())
        {
            body.extend_from_slice(format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ).as_bytes());
        }
        let (name, filename, content) = file;
        body.extend_from_slice(format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        ).as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = self
            .request("POST", path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// A request builder carrying this browser's cookies and address.
    pub fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header("x-forwarded-for", &self.ip);
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            builder = builder.header(header::COOKIE, cookie);
        }
        for (name, value) in &self.extra_headers {
            builder = builder.header(name, value);
        }
        builder
    }

    /// Sends a request and keeps the cookies it sets.
    pub async fn send(&mut self, request: Request<Body>) -> Page {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        for value in response.headers().get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            headers,
            transferred: bytes.len(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }
}

/// Files under a folder with an extension.
pub fn files(dir: &str, extension: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut folders =
        vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/")).join(dir)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found
}
