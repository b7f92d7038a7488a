//! Security and robustness over HTTP: CSRF, same-origin checks, headers, escaping, error
//! pages (404, 413, 405) in the visitor's language, health and metrics.

use crate::common;

use crate::common::TestApp;
use axum::body::Body;
use axum::http::{StatusCode, header};
use concerto::features::accounts;

const PASSWORD: &str = "un mot de passe solide";

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    browser.get("/").await;
    let fields = [
        ("email", "csrf@exemple.fr"),
        ("display_name", "C"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];

    let missing = browser.post_raw("/inscription", &fields).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(missing.body.contains("Accès refusé"));

    let mut forged = vec![("_csrf", "AAAA")];
    forged.extend_from_slice(&fields);
    assert_eq!(
        browser.post_raw("/inscription", &forged).await.status,
        StatusCode::FORBIDDEN
    );

    // A token minted for another visitor's cookie is worthless here.
    let mut other = app.browser();
    other.get("/").await;
    let foreign = concerto::platform::web::csrf::mask(&other.cookies["concerto_csrf"]);
    let mut stolen = vec![("_csrf", foreign.as_str())];
    stolen.extend_from_slice(&fields);
    assert_eq!(
        browser.post_raw("/inscription", &stolen).await.status,
        StatusCode::FORBIDDEN
    );

    assert_eq!(accounts::users::count(app.db()).await.unwrap(), 0);
    assert!(app.mails().await.is_empty());
}

#[tokio::test]
async fn the_token_printed_in_the_form_is_the_one_that_works() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let form = browser.get("/inscription").await;
    let token = form.input_value("_csrf").expect("the form carries a token");
    let page = browser
        .post_raw(
            "/inscription",
            &[
                ("_csrf", &token),
                ("email", "f@exemple.fr"),
                ("display_name", "F"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(accounts::users::count(app.db()).await.unwrap(), 1);
}

#[tokio::test]
async fn a_post_from_another_origin_is_refused_even_with_a_token() {
    let app = TestApp::new().await;
    let mut browser = app.signed_in("origin@exemple.fr", "Olga").await;
    browser
        .extra_headers
        .push(("origin".into(), "https://evil.example".into()));
    let page = browser
        .post("/compte/nom", &[("display_name", "Piratée")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let user = accounts::users::by_email(app.db(), "origin@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.display_name, "Olga");

    browser.extra_headers = vec![("origin".into(), "http://127.0.0.1:8080".into())];
    let same = browser
        .post("/compte/nom", &[("display_name", "Olga B.")])
        .await;
    assert_eq!(same.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    for path in ["/", "/connexion", "/page-inconnue", "/static/concerto.css"] {
        let page = browser.get(path).await;
        let csp = page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(page.headers[header::REFERRER_POLICY], "same-origin");
    }
    let cookie = browser.get("/").await;
    assert!(
        cookie.headers.get(header::SET_COOKIE).is_none(),
        "the CSRF cookie is set once"
    );
}

#[tokio::test]
async fn session_cookies_are_http_only_lax_and_secure_over_https() {
    let app =
        TestApp::with_config(|c| c.public_url = "https://concertation.exemple.fr".into()).await;
    let mut browser = app.browser();
    browser
        .extra_headers
        .push(("origin".into(), "https://concertation.exemple.fr".into()));
    let page = browser.get("/").await;
    let csrf_cookie = page.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        csrf_cookie.contains("HttpOnly")
            && csrf_cookie.contains("SameSite=Lax")
            && csrf_cookie.contains("Secure")
    );
    assert!(
        page.headers[header::STRICT_TRANSPORT_SECURITY]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
}

#[tokio::test]
async fn user_text_is_escaped_in_pages() {
    let app = TestApp::new().await;
    let mut browser = app
        .signed_in("xss@exemple.fr", "<script>alert(1)</script>")
        .await;
    let page = browser.get("/compte").await;
    assert!(!page.body.contains("<script>alert(1)</script>"));
    assert!(page.body.contains("&#60;script&#62;") || page.body.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn unknown_pages_get_a_french_404_and_an_english_one_on_request() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let page = browser.get("/nulle-part").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page introuvable"));
    assert!(page.body.contains("<html lang=\"fr\">"));
    assert!(
        page.body.contains("Aller au contenu"),
        "inside the site layout"
    );

    browser.post("/langue", &[("lang", "en")]).await;
    let english = browser.get("/nulle-part").await;
    assert!(english.body.contains("Page not found"));
}

#[tokio::test]
async fn oversized_bodies_get_a_clear_413_page() {
    let app = TestApp::with_config(|c| c.max_body_bytes = 4096).await;
    let mut browser = app.browser();
    let big = "x".repeat(10_000);
    let page = browser
        .post(
            "/inscription",
            &[("email", "big@exemple.fr"), ("display_name", &big)],
        )
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.body.contains("Envoi trop volumineux"));
    assert_eq!(accounts::users::count(app.db()).await.unwrap(), 0);

    // The test client sends no Content-Length, so that was the limit while reading the
    // body; a declared length over the limit is refused before reading.
    let body = format!("email=big%40exemple.fr&display_name={big}");
    let request = browser
        .request("POST", "/inscription")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let declared = browser.send(request).await;
    assert_eq!(declared.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(declared.body.contains("Envoi trop volumineux"));
}

#[tokio::test]
async fn a_wrong_method_gets_a_page_not_a_bare_error() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let request = browser
        .request("DELETE", "/connexion")
        .body(Body::empty())
        .unwrap();
    let page = browser.send(request).await;
    // DELETE is a state change: the CSRF layer refuses it before the router's 405.
    assert!(page.status == StatusCode::FORBIDDEN || page.status == StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        page.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}

#[tokio::test]
async fn health_reports_the_database_and_metrics_count_requests() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let health = browser.get("/health").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&health.body).unwrap()["database"],
        "ok"
    );

    browser.get("/mentions-legales").await;
    browser.get("/mentions-legales").await;
    browser.get("/introuvable").await;
    // Made-up methods are counted, under one label.
    for method in ["FOO1", "FOO2", "BAR"] {
        let request = browser
            .request(method, "/")
            .body(axum::body::Body::empty())
            .unwrap();
        browser.send(request).await;
    }
    // On the site, the metrics (they count accounts) are for admins only.
    let anonymous = browser.get("/metrics").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(!anonymous.body.contains("concerto_accounts"));
    let mut participant = app.signed_in("p@exemple.fr", "P").await;
    let refused = participant.get("/metrics").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains("concerto_accounts"));
    let mut admin = app
        .signed_in_with_role(
            "admin@exemple.fr",
            concerto::platform::permissions::Role::Admin,
        )
        .await;
    let metrics = admin.get("/metrics").await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(
        metrics.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(
        metrics
            .body
            .contains("concerto_http_requests_total{method=\"GET\",route=\"/mentions-legales\",status=\"200\"} 2"),
        "{}",
        metrics.body
    );
    assert!(metrics.body.contains("status=\"404\"} 1"));
    assert!(metrics.body.contains("concerto_accounts 2"));
    assert!(
        metrics
            .body
            .contains("method=\"other\",route=\"/\",status=\"403\"} 3"),
        "{}",
        metrics.body
    );
    assert!(!metrics.body.contains("FOO"));
    // The metrics address serves a collector without sign-in, and nothing else of the site.
    let mut collector = common::Browser::over(concerto::router::metrics_only(app.state.clone()));
    let scraped = collector.get("/metrics").await;
    assert_eq!(scraped.status, StatusCode::OK);
    assert!(scraped.body.contains("concerto_accounts 2"));
    assert_eq!(collector.get("/compte").await.status, StatusCode::NOT_FOUND);

    app.db().close().await;
    let down = browser.get("/health").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&down.body).unwrap()["database"],
        "unreachable"
    );
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_accept_it() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    browser
        .extra_headers
        .push(("accept-encoding".into(), "gzip".into()));
    let page = browser.get("/").await;
    assert_eq!(page.headers[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn signing_in_and_out_renews_the_csrf_secret() {
    let app = TestApp::new().await;
    let mut browser = app.signed_in("renew@exemple.fr", "R").await;
    browser.post("/deconnexion", &[]).await;
    let before = browser.cookies["concerto_csrf"].clone();
    let old_token = concerto::platform::web::csrf::mask(&before);
    let signed = browser
        .post(
            "/connexion",
            &[("email", "renew@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let after = browser.cookies["concerto_csrf"].clone();
    assert_ne!(before, after, "a new secret once signed in");
    // A token seen before signing in no longer works.
    let stale = browser
        .post_raw(
            "/compte/nom",
            &[("_csrf", &old_token), ("display_name", "X")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::FORBIDDEN);
    let fresh = browser
        .post("/compte/nom", &[("display_name", "Rosalie")])
        .await;
    assert_eq!(fresh.status, StatusCode::SEE_OTHER);
    let out = browser.post("/deconnexion", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_ne!(
        browser.cookies["concerto_csrf"], after,
        "and again once signed out"
    );
}

#[tokio::test]
async fn over_https_cookies_are_host_only_and_secure() {
    let app = TestApp::with_config(|c| c.public_url = "https://concerto.exemple.fr".into()).await;
    let mut browser = app.browser();
    let page = browser.get("/").await;
    let set: Vec<&str> = page
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let csrf = set
        .iter()
        .find(|c| c.starts_with("__Host-concerto_csrf="))
        .expect("the CSRF cookie, prefixed");
    assert!(csrf.contains("; Secure") && csrf.contains("; Path=/") && !csrf.contains("Domain"));
    assert!(set.iter().all(|c| c.starts_with("__Host-")), "{set:?}");
    // A cookie without the prefix (planted by a sibling host or over plain HTTP) is ignored.
    let secret = browser.cookies["__Host-concerto_csrf"].clone();
    let mut planted = app.browser();
    planted
        .cookies
        .insert("concerto_csrf".into(), secret.clone());
    let token = concerto::platform::web::csrf::mask(&secret);
    let refused = planted
        .post_raw("/langue", &[("_csrf", &token), ("lang", "en")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let accepted = browser
        .post_raw("/langue", &[("_csrf", &token), ("lang", "en")])
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert!(browser.cookies.contains_key("__Host-concerto_lang"));
}

/// The log lines of this test binary that mention the paths of one-time links, as written.
/// A global subscriber: scoped ones can miss events when other tests run beside them (the
/// callsites' interest is cached process-wide).
fn link_log_lines() -> &'static std::sync::Mutex<Vec<String>> {
    static LINES: std::sync::OnceLock<std::sync::Mutex<Vec<String>>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_writer(|| Captured)
            .with_max_level(tracing::Level::INFO)
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
        std::sync::Mutex::new(Vec::new())
    })
}

/// Keeps the lines that mention a one-time link's page.
struct Captured;

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(bytes);
        if text.contains("/nouveau-mot-de-passe") || text.contains("/compte/courriel/confirmation")
        {
            link_log_lines().lock().unwrap().push(text.into_owned());
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn request_logs_keep_the_path_and_never_the_query() {
    link_log_lines();
    let app = TestApp::new().await;
    let mut browser = app.browser();
    browser
        .get("/nouveau-mot-de-passe?jeton=SECRET-TOKEN-42")
        .await;
    browser
        .post_raw("/compte/courriel/confirmation?jeton=SECRET-TOKEN-43", &[])
        .await;
    let logs = link_log_lines().lock().unwrap().join("");
    assert!(logs.contains("/nouveau-mot-de-passe"), "{logs}");
    assert!(logs.contains("/compte/courriel/confirmation"), "{logs}");
    assert!(!logs.contains("SECRET-TOKEN"), "{logs}");
    assert!(!logs.contains("jeton="), "{logs}");
}

/// The real server loop over TCP: a request is answered with the client's address known to
/// the handlers; a client that trickles its headers, or leaves a kept-alive connection idle, is
/// cut off at the deadline while others are served; shutdown lets the request under way finish.
#[tokio::test]
async fn the_server_cuts_off_slow_and_idle_clients_and_finishes_requests_on_shutdown() {
    use axum::extract::ConnectInfo;
    use concerto::platform::web::serve::serve;
    use std::net::SocketAddr;
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = axum::Router::new()
        .route(
            "/ip",
            axum::routing::get(|ConnectInfo(remote): ConnectInfo<SocketAddr>| async move {
                remote.ip().to_string()
            }),
        )
        .route(
            "/slow",
            axum::routing::get(|| async {
                tokio::time::sleep(Duration::from_millis(600)).await;
                "fini"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app, Duration::from_millis(700), async {
        stopped.await.ok();
    }));
    let ask = |path: &'static str| async move {
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    };
    let answer = ask("/ip").await;
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with("127.0.0.1"),
        "{answer}"
    );

    // A request trickled a byte every 100 ms is cut off at the deadline; others are served.
    let mut slow = tokio::net::TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    let mut cut_off = None;
    for byte in b"GET /ip HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
    {
        if slow.write_all(&[*byte]).await.is_err() {
            cut_off = Some(started.elapsed());
            break;
        }
        let mut buffer = [0u8; 512];
        if let Ok(read) =
            tokio::time::timeout(Duration::from_millis(100), slow.read(&mut buffer)).await
        {
            assert!(!String::from_utf8_lossy(&buffer[..read.unwrap_or(0)]).contains(" 200 "));
            cut_off = Some(started.elapsed());
            break;
        }
        assert!(ask("/ip").await.starts_with("HTTP/1.1 200"));
    }
    let cut_off = cut_off.expect("the trickled request was cut off");
    assert!(
        cut_off >= Duration::from_millis(600) && cut_off < Duration::from_secs(3),
        "cut off after {cut_off:?}"
    );

    // A kept-alive connection left idle after its answer is closed at the deadline too.
    let mut idle = tokio::net::TcpStream::connect(address).await.unwrap();
    idle.write_all(b"GET /ip HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut answer = [0u8; 512];
    let read = idle.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 200"));
    let answered = Instant::now();
    let closed = tokio::time::timeout(Duration::from_secs(3), idle.read(&mut answer))
        .await
        .expect("closed within 3 s");
    assert_eq!(
        closed.unwrap_or(0),
        0,
        "nothing more is sent, the stream ends"
    );
    assert!(answered.elapsed() >= Duration::from_millis(600));

    // Shutdown: the request under way is answered, then the server stops.
    let under_way = tokio::spawn(ask("/slow"));
    tokio::time::sleep(Duration::from_millis(150)).await;
    stop.send(()).unwrap();
    let answer = under_way.await.unwrap();
    assert!(answer.ends_with("fini"), "{answer}");
    tokio::time::timeout(Duration::from_secs(3), server)
        .await
        .expect("the server stops")
        .unwrap();
    assert!(tokio::net::TcpStream::connect(address).await.is_err());
}
