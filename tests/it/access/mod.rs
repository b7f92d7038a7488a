//! Every route, every role: who each route of the router serves, written in one table
//! (`SERVES`) and checked over HTTP on the living demo for eight people: a visitor, a
//! participant, a partner, the process's facilitator, moderator and manager, the manager of
//! another process, and an admin. A route missing from the table fails the test, and so does a
//! row that matches no route.
//!
//! Each row names a request (`GET`, `POST` of a form, `UPLOAD`: `POST` of a multipart form)
//! and a path whose `{…}` segments the fixture fills with something of the demo's process.
//! A person the row serves must be served: a page (2xx or a redirect elsewhere than the sign-in
//! page) for a GET; for a form, any answer but a refusal or a 5xx (an empty form answered with
//! its errors, or a 404 when it names nothing, is served). Anyone else must be refused (a
//! redirect to the sign-in page for a visitor, 403 for the others), never with a 5xx. The
//! people asked first for each row are those it refuses, so that a deletion served to the team
//! cannot hide a missing check.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use concerto::features::{demo, indicators, media, processes};
use concerto::platform::permissions::{ProcessRole, Role};

use crate::common::{Browser, PASSWORD, Page, TestApp, another_process, user_id};
use crate::links::{route_of, routes};

mod table;
use table::{FIELDS, SERVES};

/// Who asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Not signed in.
    Visitor,
    /// Signed in, no role; carries the fixture solution.
    Participant,
    /// Partner role; speaks for the fixture organisation.
    Partner,
    /// Facilitator of the demo's process.
    Facilitator,
    /// Moderator of the demo's process.
    Moderator,
    /// Manager of the demo's process (and contact of its other organisations).
    Manager,
    /// Manager (instance role) of another process only.
    OtherManager,
    /// Instance admin.
    Admin,
}

/// The eight people, in the order they are signed in.
pub const EVERYONE: [Who; 8] = [
    Who::Visitor,
    Who::Participant,
    Who::Partner,
    Who::Facilitator,
    Who::Moderator,
    Who::Manager,
    Who::OtherManager,
    Who::Admin,
];

/// What a request answered, as this test tells it apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    /// A page, a redirect, or a form's errors.
    Served,
    /// 401, 403 or a redirect to the sign-in page.
    Refused,
    /// 404.
    Missing,
    /// 5xx.
    Broken,
}

/// Tells a response's kind of answer.
fn answer(page: &Page) -> Answer {
    let status = page.status;
    let to_sign_in = status.is_redirection() && page.location().starts_with("/connexion");
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN || to_sign_in {
        Answer::Refused
    } else if status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED {
        Answer::Missing
    } else if status.is_server_error() {
        Answer::Broken
    } else {
        Answer::Served
    }
}

/// The demo with what the table's paths need: a second process and its manager, a mail in
/// the outbox; and the values its `{…}` segments take.
pub struct Fixture {
    /// The application.
    pub app: TestApp,
    values: BTreeMap<(String, String), String>,
}

/// The first column of the first row `sql` reads.
async fn first(app: &TestApp, sql: &str) -> Option<i64> {
    let sql = sql.to_owned();
    let row: Option<(i64,)> = concerto::with_db!(app.db(), pool => sqlx::query_as(
        sqlx::AssertSqlSafe(sql)).fetch_optional(pool).await)
    .unwrap();
    row.map(|(id,)| id)
}

impl Fixture {
    /// Loads the living demo and adds what the table needs.
    pub async fn new() -> Fixture {
        let app = TestApp::with_living_demo().await;
        let other = another_process(app.db(), "autre-demarche").await;
        app.signed_in_with_role(OTHER_MANAGER, Role::Manager).await;
        let other_manager = user_id(app.db(), OTHER_MANAGER).await;
        processes::store::add_member(app.db(), other, other_manager, ProcessRole::Manager)
            .await
            .unwrap();
        app.browser()
            .post("/mot-de-passe-oublie", &[("email", demo::ACCOUNTS[5].0)])
            .await;
        let mail = app.mails().await.into_iter().next().expect("a mail");

        let process = processes::store::by_slug(app.db(), demo::PROCESS_SLUG)
            .await
            .unwrap()
            .expect("the demo's process")
            .id;
        let p = format!("process_id = {process}");
        let manager = user_id(app.db(), demo::ACCOUNTS[1].0).await;
        let partner = user_id(app.db(), demo::ACCOUNTS[4].0).await;
        let participant = user_id(app.db(), demo::ACCOUNTS[5].0).await;
        // What the living demo does not hold: a team's indicator, a document, a published
        // evaluation, a solution the participant carries (the one the first request for
        // support comes from), a comment on it.
        indicators::store::add_custom(
            app.db(),
            process,
            &indicators::store::NewCustom {
                question: "Les lieux de la démarche sont-ils ouverts à tous ?",
                name: "Lieux accessibles",
                unit: "nombre",
                baseline: None,
                target: Some(12.0),
                source: "Relevé de l'équipe",
                frequency: "mensuelle",
            },
        )
        .await
        .unwrap();
        media::store::insert(
            app.db(),
            &media::store::NewMedia {
                process_id: Some(process),
                media_type: "application/pdf",
                file_name: "compte-rendu.pdf",
                description: "Compte rendu de l'atelier",
                bytes: b"%PDF-1.4\n%%EOF\n",
                size: None,
                uploaded_by: manager,
            },
        )
        .await
        .unwrap();
        // The partner speaks for the first organisation, engaged in the process; its first
        // open offer meets the first open request of the same kind.
        let organisation = first(&app, &format!("SELECT organisation_id FROM organisation_contacts WHERE user_id = {partner} ORDER BY organisation_id"))
            .await
            .unwrap();
        let offer = first(&app, &format!("SELECT id FROM offers WHERE {p} AND organisation_id = {organisation} AND status = 'open' ORDER BY id"))
            .await
            .unwrap();
        let request = first(&app, &format!("SELECT r.id FROM support_requests r JOIN offers o ON o.kind = r.kind WHERE o.id = {offer} AND r.status = 'open' ORDER BY r.id"))
            .await
            .unwrap();
        let solution = first(
            &app,
            &format!("SELECT solution_id FROM support_requests WHERE id = {request}"),
        )
        .await
        .unwrap();
        concerto::with_db!(app.db(), pool => sqlx::query(
            "INSERT INTO solution_carriers (solution_id, user_id) VALUES ($1, $2)")
            .bind(solution).bind(participant).execute(pool).await.map(|_| ()))
        .unwrap();
        let proposed = app
            .demo_account(demo::ACCOUNTS[4].0)
            .await
            .post(
                "/compagnonnages",
                &[
                    ("offre", &offer.to_string()),
                    ("demande", &request.to_string()),
                ],
            )
            .await;
        assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
        let companionship = first(
            &app,
            &format!(
                "SELECT id FROM companionships WHERE offer_id = {offer} AND request_id = {request}"
            ),
        )
        .await;
        let published = app
            .demo_account(demo::ACCOUNTS[1].0)
            .await
            .post(
                &format!(
                    "/gestion/demarches/{}/evaluation/finale",
                    demo::PROCESS_SLUG
                ),
                &[("publie", "1")],
            )
            .await;
        assert_eq!(
            published.status,
            StatusCode::SEE_OTHER,
            "{}",
            published.body
        );
        let posted = app
            .demo_account(demo::ACCOUNTS[5].0)
            .await
            .post(
                &format!("/solutions/{solution}/commentaires"),
                &[("comment", "Je peux prêter des outils.")],
            )
            .await;
        assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
        let questionnaire = first(
            &app,
            &format!("SELECT id FROM questionnaires WHERE {p} ORDER BY id"),
        )
        .await;
        let synthesis = first(
            &app,
            &format!("SELECT id FROM syntheses WHERE {p} AND status = 'published' ORDER BY id"),
        )
        .await;
        let ids: Vec<(&str, &str, Option<i64>)> = vec![
            ("ateliers", "id", first(&app, &format!("SELECT id FROM events WHERE {p} ORDER BY id")).await),
            ("besoins", "id", first(&app, &format!("SELECT id FROM needs WHERE {p} ORDER BY id")).await),
            ("commentaires", "id", first(&app, &format!("SELECT c.id FROM comments c JOIN needs n ON n.id = c.need_id WHERE n.{p} ORDER BY c.id")).await),
            ("compagnonnages", "id", companionship),
            ("demandes", "id", Some(request)),
            ("lignes", "id", first(&app, &format!("SELECT id FROM budget_lines WHERE {p} ORDER BY id")).await),
            ("indicateurs", "id", first(&app, &format!("SELECT id FROM custom_indicators WHERE {p} ORDER BY id")).await),
            ("contreparties", "id", first(&app, &format!("SELECT c.id FROM partner_counterparts c JOIN partner_engagements e ON e.id = c.engagement_id WHERE e.{p} ORDER BY c.id")).await),
            ("phases", "id", first(&app, &format!("SELECT id FROM phases WHERE {p} ORDER BY id")).await),
            ("themes", "id", first(&app, &format!("SELECT id FROM themes WHERE {p} ORDER BY id")).await),
            ("modifications", "id", first(&app, &format!("SELECT e.id FROM resource_edits e JOIN resources r ON r.id = e.resource_id WHERE r.{p} ORDER BY e.id")).await),
            ("observatoire", "id", first(&app, "SELECT id FROM census_datasets ORDER BY id").await),
            ("questionnaires", "id", questionnaire),
            ("questions", "question", first(&app, &format!("SELECT id FROM questions WHERE questionnaire_id = {} ORDER BY id", questionnaire.unwrap_or(0))).await),
            ("medias", "id", first(&app, &format!("SELECT id FROM media WHERE {p} ORDER BY id")).await),
            ("offres", "id", Some(offer)),
            ("propositions", "id", first(&app, &format!("SELECT id FROM opinion_statements WHERE {p} ORDER BY id")).await),
            ("organisations", "id", Some(organisation)),
            ("ressources", "id", first(&app, &format!("SELECT id FROM resources WHERE {p} ORDER BY id")).await),
            ("solutions", "id", Some(solution)),
            ("commentaires", "comment", first(&app, &format!("SELECT id FROM comments WHERE solution_id = {solution} ORDER BY id")).await),
            ("syntheses", "id", synthesis),
            ("groupes", "cluster", first(&app, &format!("SELECT id FROM synthesis_clusters WHERE synthesis_id = {} ORDER BY position", synthesis.unwrap_or(0))).await),
        ];
        let mut values = BTreeMap::new();
        for (before, name, id) in ids {
            let id = id.unwrap_or_else(|| panic!("the fixture holds no {before}/{{{name}}}"));
            values.insert((before.to_owned(), name.to_owned()), id.to_string());
        }
        for (before, name, value) in [
            ("demarches", "slug", demo::PROCESS_SLUG.to_owned()),
            ("sections", "rank", "1".to_owned()),
            ("territoires", "level", "commune".to_owned()),
            ("{level}", "code", "25388".to_owned()),
            ("courriels", "file", mail.file),
            ("static", "name", "concerto.css".to_owned()),
        ] {
            values.insert((before.to_owned(), name.to_owned()), value);
        }
        Fixture { app, values }
    }

    /// The row's path with each `{name}` replaced by the fixture's value.
    pub fn path(&self, written: &str) -> String {
        let segments: Vec<&str> = written.split('/').collect();
        let mut out = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => {
                    let before = segments[i - 1];
                    out.push(
                        self.values
                            .get(&(before.to_owned(), name.to_owned()))
                            .unwrap_or_else(|| panic!("no value for {before}/{segment}"))
                            .clone(),
                    );
                }
                None => out.push((*segment).to_owned()),
            }
        }
        out.join("/")
    }

    /// A form field's value: `{before/name}` is the value the path segment `{name}` after
    /// `before` takes; anything else as written.
    fn field(&self, value: &str) -> String {
        match value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
            Some(key) => {
                let (before, name) = key.split_once('/').expect("{before/name}");
                self.values[&(before.to_owned(), name.to_owned())].clone()
            }
            None => value.to_owned(),
        }
    }

    /// A browser signed in as `who`.
    pub async fn browser(&self, who: Who) -> Browser {
        let email = match who {
            Who::Visitor => return self.app.browser(),
            Who::Admin => demo::ACCOUNTS[0].0,
            Who::Manager => demo::ACCOUNTS[1].0,
            Who::Facilitator => demo::ACCOUNTS[2].0,
            Who::Moderator => demo::ACCOUNTS[3].0,
            Who::Partner => demo::ACCOUNTS[4].0,
            Who::Participant => demo::ACCOUNTS[5].0,
            Who::OtherManager => {
                let mut browser = self.app.browser();
                let page = browser
                    .post(
                        "/connexion",
                        &[("email", OTHER_MANAGER), ("password", PASSWORD)],
                    )
                    .await;
                assert_eq!(page.status, StatusCode::SEE_OTHER);
                return browser;
            }
        };
        self.app.demo_account(email).await
    }
}

const OTHER_MANAGER: &str = "autre-gestion@exemple.fr";

/// Sends a row's request: a GET, an empty form (with its CSRF token, and the fields `FIELDS`
/// gives for a form read into a fixed shape), or an empty multipart form.
async fn ask(fixture: &Fixture, browser: &mut Browser, row: &str) -> Page {
    let (method, written) = row.split_once(' ').expect("METHOD /path");
    let path = fixture.path(written);
    let fields: Vec<(&str, String)> = FIELDS
        .iter()
        .find(|(r, _)| *r == row)
        .map(|(_, fields)| {
            fields
                .iter()
                .map(|(name, value)| (*name, fixture.field(value)))
                .collect()
        })
        .unwrap_or_default();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    match method {
        "GET" => browser.get(&path).await,
        "POST" => browser.post(&path, &fields).await,
        "UPLOAD" => {
            browser
                .post_file(&path, &fields, ("fichier", "vide.csv", b""))
                .await
        }
        other => panic!("{row}: unknown method {other}"),
    }
}

/// Rows that change or end what later rows need run last: deletions, then signing out.
fn run_order(row: &str) -> u8 {
    if row.ends_with("/deconnexion") {
        3
    } else if row.ends_with("/suppression") || row.ends_with("/retrait") {
        2
    } else if row.starts_with("GET ") {
        0
    } else {
        1
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_table_says() {
    let routes = routes();
    // The table covers the router, exactly.
    let mut problems = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for (row, _) in SERVES {
        let (method, path) = row.split_once(' ').expect("METHOD /path");
        let method = if method == "UPLOAD" { "POST" } else { method };
        match route_of(&routes, path) {
            Some(route) if route.methods.contains(method) => {
                covered.insert(format!("{method} {}", route.pattern));
            }
            _ => problems.push(format!("{row}: no such route in the router")),
        }
    }
    for route in &routes {
        for method in &route.methods {
            let key = format!("{method} {}", route.pattern);
            if !covered.contains(&key) {
                problems.push(format!("{key}: missing from the table"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let fixture = Fixture::new().await;
    let mut browsers = Vec::new();
    for who in EVERYONE {
        browsers.push((who, fixture.browser(who).await));
    }
    let mut rows: Vec<&(&str, &[Who])> = SERVES.iter().collect();
    rows.sort_by_key(|(row, _)| run_order(row));
    for (row, served) in rows {
        // Those refused first: a row served to someone may delete what it names.
        let mut order: Vec<usize> = (0..browsers.len()).collect();
        order.sort_by_key(|&i| served.contains(&browsers[i].0));
        for i in order {
            let (who, browser) = &mut browsers[i];
            let page = ask(&fixture, browser, row).await;
            let got = answer(&page);
            let expected = served.contains(who);
            let right = match (expected, got) {
                (_, Answer::Broken) => false,
                (false, got) => got == Answer::Refused,
                // A GET shows the page; an empty form may name nothing that exists (404).
                (true, got) => {
                    got == Answer::Served || (got == Answer::Missing && !row.starts_with("GET "))
                }
            };
            if !right {
                let verb = if expected { "served" } else { "refused" };
                problems.push(format!(
                    "{row}: {who:?} should be {verb}, got {} ({got:?})",
                    page.status
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
