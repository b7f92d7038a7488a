//! Every link the site prints leads somewhere. Two checks:
//! - statically, every path written in `templates/` and `src/` (links, sources, form actions,
//!   redirects) matches a route (of `router.rs` and the features it merges), and every form's
//!   method is one its route accepts;
//! - on the living demo, as each role, a crawler follows every internal `href`, `src` and
//!   form action the site prints, breadth first (a few addresses per route, so that thousands
//!   of needs do not make thousands of visits): every GET answers 2xx or 3xx, every GET form
//!   submitted with its default values too, and every other form's action is a route that
//!   accepts its method.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::common::{Browser, TestApp, files};

/// A route of `router.rs`: its path's segments and the methods it accepts.
#[derive(Debug)]
pub struct Route {
    /// The path as written in `.route(…)`.
    pub pattern: String,
    segments: Vec<String>,
    /// The methods it accepts, upper case.
    pub methods: BTreeSet<String>,
}

/// Reads every `.route("PATH", get(…).post(…))` the application is built from: `router.rs`
/// and the `routes()` of each feature it merges.
pub fn routes() -> Vec<Route> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
    let router = std::fs::read_to_string(format!("{root}router.rs")).expect("src/router.rs");
    let mut bodies = vec![
        router
            .split("pub fn build(")
            .nth(1)
            .expect("the application's routes")
            .to_owned(),
    ];
    let merged: Vec<&str> = router
        .split(".merge(")
        .skip(1)
        .filter_map(|call| call.split("::routes()").next())
        .collect();
    assert!(
        merged.len() >= 10,
        "router.rs merges every feature: {merged:?}"
    );
    for feature in merged {
        let file = format!("{root}features/{feature}/mod.rs");
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        bodies.push(
            text.split("pub fn routes()")
                .nth(1)
                .unwrap_or_else(|| panic!("{file} has routes()"))
                .to_owned(),
        );
    }
    let body = bodies.join("\n");
    let mut routes = Vec::new();
    for call in body.split(".route(").skip(1) {
        let pattern = call.split('"').nth(1).expect("a route's path").to_owned();
        // The call ends at the parenthesis that closes `.route(`.
        let mut depth = 1;
        let end = call
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(call.len(), |(i, _)| i);
        let call = &call[..end];
        let methods = ["get", "post", "put", "delete", "patch"]
            .into_iter()
            .filter(|m| {
                call.match_indices(&format!("{m}(")).any(|(i, _)| {
                    call[..i]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
                })
            })
            .map(str::to_uppercase)
            .collect();
        routes.push(Route {
            segments: segments(&pattern),
            pattern,
            methods,
        });
    }
    routes
}

fn segments(path: &str) -> Vec<String> {
    path.trim_start_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect()
}

/// A part of a path written in code that stands for any value (`{slug}`, `{{ process.slug }}`).
const ANY: &str = "\u{1}";

/// The route a path matches. In a written path, a segment holding `ANY` matches anything; in
/// a route, a `{name}` segment matches any segment but an empty one.
pub fn route_of<'a>(routes: &'a [Route], path: &str) -> Option<&'a Route> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let wanted = segments(path);
    let matches = |route: &&Route| {
        route.segments.len() == wanted.len()
            && route.segments.iter().zip(&wanted).all(|(r, w)| {
                w.contains(ANY)
                    || r == w
                    || (r.starts_with('{') && r.ends_with('}') && !w.is_empty())
            })
    };
    // A literal route wins over a parameter (`/besoins/nouveau` before `/besoins/{id}`).
    let mut found: Vec<&Route> = routes.iter().filter(matches).collect();
    found.sort_by_key(|r| r.segments.iter().filter(|s| s.starts_with('{')).count());
    found.into_iter().next()
}

/// Replaces `{{ … }}` (templates) and `{…}` (format strings) by `ANY`.
fn with_holes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let double = rest[start..].starts_with("{{");
        let close = if double { "}}" } else { "}" };
        match rest[start..].find(close) {
            Some(end) => {
                out.push_str(ANY);
                rest = &rest[start + end + close.len()..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in an HTML tag, unescaped.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&amp;", "&")
            .replace("&#38;", "&")
            .replace("&#61;", "=")
            .replace("&#47;", "/"),
    )
}

/// Every tag of a page (or template) starting with `<name`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .filter(|(i, _)| {
            html[i + open.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == '>')
        })
        .filter_map(|(i, _)| html[i..].find('>').map(|end| &html[i..=i + end]))
        .collect()
}

#[test]
fn every_path_written_in_templates_and_code_matches_a_route() {
    let routes = routes();
    assert!(routes.len() > 80, "router.rs read: {} routes", routes.len());
    assert!(
        routes
            .iter()
            .any(|r| r.pattern == "/demarches/{slug}/opinions/export/{file}")
    );
    let mut problems = Vec::new();
    for template in files("templates", "html")
        .into_iter()
        .chain(files("src", "html"))
    {
        let text = std::fs::read_to_string(&template).unwrap();
        let name = template.file_name().unwrap().to_string_lossy().into_owned();
        for tag in ["a", "link", "img", "script", "form", "iframe"]
            .iter()
            .flat_map(|t| tags(&text, t))
        {
            for attr in ["href", "src", "action"] {
                let Some(value) = attribute(tag, attr) else {
                    continue;
                };
                if !value.starts_with('/') || value.starts_with("//") {
                    continue;
                }
                let path = with_holes(&value);
                let method = if tag.starts_with("<form") {
                    attribute(tag, "method")
                        .unwrap_or_else(|| "get".into())
                        .to_uppercase()
                } else {
                    "GET".into()
                };
                // A page to come back to, given as `suite=/…`, is a path too.
                let inner = path.split("suite=").nth(1).map(str::to_owned);
                for (path, method) in [(Some(path.clone()), method), (inner, "GET".into())] {
                    let Some(path) = path else { continue };
                    match route_of(&routes, &path) {
                        None => problems.push(format!("{name}: {value} matches no route")),
                        Some(route) if !route.methods.contains(&method) => problems.push(format!(
                            "{name}: {method} {value}: {} accepts {:?}",
                            route.pattern, route.methods
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
    }
    for source in files("src", "rs") {
        let text = std::fs::read_to_string(&source).unwrap();
        let name = source.file_name().unwrap().to_string_lossy().into_owned();
        let literals: Vec<&str> = text.split('"').skip(1).step_by(2).collect();
        for (i, &literal) in literals.iter().enumerate() {
            // `concat!(env!("OUT_DIR"), "/…")` names a file the build writes, not a page.
            let in_build_dir = i > 0 && literals[i - 1] == "OUT_DIR";
            let is_path = !in_build_dir
                && literal.starts_with('/')
                && !literal.starts_with("//")
                && (literal == "/" || !literal.ends_with('/'))
                && !literal.contains(['%', ' ', '\\', '*', '<']);
            if !is_path || literal.starts_with("/migrations") {
                continue;
            }
            if route_of(&routes, &with_holes(literal)).is_none() {
                problems.push(format!("{name}: \"{literal}\" matches no route"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn paths_are_matched_as_the_router_matches_them() {
    let routes = routes();
    let pattern = |path: &str| route_of(&routes, path).map(|r| r.pattern.as_str());
    assert_eq!(pattern("/besoins/12"), Some("/besoins/{id}"));
    assert_eq!(
        pattern("/demarches/x/besoins/nouveau"),
        Some("/demarches/{slug}/besoins/nouveau")
    );
    assert_eq!(
        pattern(&with_holes("/demarches/{{ p.slug }}/agenda.ics")),
        Some("/demarches/{slug}/agenda.ics")
    );
    assert_eq!(pattern("/demarches/x/inconnu"), None);
    assert_eq!(
        pattern("/besoins/12/soutien?x=1#y"),
        Some("/besoins/{id}/soutien")
    );
    let support = route_of(&routes, "/besoins/1/soutien").unwrap();
    assert_eq!(support.methods, BTreeSet::from(["POST".to_owned()]));
    let list = route_of(&routes, "/demarches/x/besoins").unwrap();
    assert_eq!(
        list.methods,
        BTreeSet::from(["GET".to_owned(), "POST".to_owned()])
    );
}

/// Addresses visited per route (so thousands of needs cost three visits).
const PER_ROUTE: usize = 3;
/// Pages visited at most per role.
const MAX_VISITS: usize = 700;

/// A GET form's address with its default values (text as typed, selected options, checked
/// boxes).
fn submitted(form_html: &str, action: &str) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for input in tags(form_html, "input") {
        let (Some(name), kind) = (attribute(input, "name"), attribute(input, "type")) else {
            continue;
        };
        let kind = kind.unwrap_or_else(|| "text".into());
        if matches!(kind.as_str(), "checkbox" | "radio") && !input.contains(" checked") {
            continue;
        }
        if kind == "submit" {
            continue;
        }
        pairs.push((name, attribute(input, "value").unwrap_or_default()));
    }
    for select in form_html.split("<select").skip(1) {
        let Some(name) = attribute(
            &format!("<select{}", &select[..select.find('>').unwrap_or(0)]),
            "name",
        ) else {
            continue;
        };
        let options = &select[..select.find("</select>").unwrap_or(select.len())];
        let chosen = tags(options, "option")
            .into_iter()
            .find(|o| o.contains(" selected"))
            .or_else(|| tags(options, "option").into_iter().next())
            .and_then(|o| attribute(o, "value"))
            .unwrap_or_default();
        pairs.push((name, chosen));
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap();
    format!("{action}?{query}")
}

/// What a crawl found wrong.
struct Crawl {
    visited: usize,
    problems: Vec<String>,
    patterns: BTreeSet<String>,
}

/// Follows every internal link, source and form action printed to `browser`, breadth first.
async fn crawl(browser: &mut Browser, routes: &[Route], role: &str) -> Crawl {
    let mut queue: VecDeque<(String, String)> =
        VecDeque::from([("/".to_owned(), "(start)".to_owned())]);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut per_route: BTreeMap<String, usize> = BTreeMap::new();
    let mut crawl = Crawl {
        visited: 0,
        problems: Vec::new(),
        patterns: BTreeSet::new(),
    };
    while let Some((url, from)) = queue.pop_front() {
        if crawl.visited >= MAX_VISITS || !seen.insert(url.clone()) {
            continue;
        }
        let Some(route) = route_of(routes, &url) else {
            crawl.problems.push(format!(
                "{role}: {url} (linked from {from}) matches no route"
            ));
            continue;
        };
        let count = per_route.entry(route.pattern.clone()).or_default();
        if *count >= PER_ROUTE {
            continue;
        }
        *count += 1;
        crawl.visited += 1;
        crawl.patterns.insert(route.pattern.clone());
        let page = browser.get(&url).await;
        let status = page.status.as_u16();
        if !(200..400).contains(&status) {
            crawl.problems.push(format!(
                "{role}: GET {url} (linked from {from}) answered {status}"
            ));
            continue;
        }
        if (300..400).contains(&status) {
            let target = page.location().to_owned();
            if target.starts_with('/') {
                queue.push_back((target, url.clone()));
            }
            continue;
        }
        let html = page
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if !html {
            continue;
        }
        let body = &page.body;
        for tag in ["a", "link", "img", "script"]
            .iter()
            .flat_map(|t| tags(body, t))
        {
            for attr in ["href", "src"] {
                if let Some(target) = attribute(tag, attr) {
                    let target = target.split('#').next().unwrap_or_default().to_owned();
                    if target.starts_with('/') && !target.starts_with("//") {
                        queue.push_back((target, url.clone()));
                    }
                }
            }
        }
        for (start, _) in body.match_indices("<form") {
            let form = &body[start
                ..body[start..]
                    .find("</form>")
                    .map_or(body.len(), |e| start + e)];
            let tag = tags(form, "form")[0];
            let Some(action) = attribute(tag, "action").filter(|a| a.starts_with('/')) else {
                crawl
                    .problems
                    .push(format!("{role}: a form on {url} has no local action"));
                continue;
            };
            let method = attribute(tag, "method")
                .unwrap_or_else(|| "get".into())
                .to_uppercase();
            if method == "GET" {
                queue.push_back((submitted(form, &action), url.clone()));
                continue;
            }
            match route_of(routes, &action) {
                Some(route) if route.methods.contains(&method) => {
                    crawl.patterns.insert(format!("{method} {}", route.pattern));
                }
                Some(route) => crawl.problems.push(format!(
                    "{role}: form {method} {action} on {url}: {} accepts {:?}",
                    route.pattern, route.methods
                )),
                None => crawl.problems.push(format!(
                    "{role}: form {method} {action} on {url} matches no route"
                )),
            }
        }
    }
    crawl
}

#[tokio::test]
async fn as_every_role_every_link_the_site_prints_answers() {
    let app = TestApp::with_living_demo().await;
    let routes = routes();
    let roles = [
        ("visitor", None),
        ("participant", Some("habitant@demo.concerto.localhost")),
        ("facilitator", Some("animation@demo.concerto.localhost")),
        ("moderator", Some("moderation@demo.concerto.localhost")),
        ("manager", Some("gestion@demo.concerto.localhost")),
        ("admin", Some("admin@demo.concerto.localhost")),
    ];
    let mut problems = Vec::new();
    let mut reached: BTreeSet<String> = BTreeSet::new();
    for (role, account) in roles {
        let mut browser = match account {
            Some(email) => app.demo_account(email).await,
            None => app.browser(),
        };
        let crawl = crawl(&mut browser, &routes, role).await;
        assert!(
            crawl.visited > 30,
            "{role} visited only {} pages",
            crawl.visited
        );
        eprintln!(
            "{role}: {} pages, {} routes",
            crawl.visited,
            crawl.patterns.len()
        );
        problems.extend(crawl.problems);
        reached.extend(crawl.patterns);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The crawl reached the pages that matter (each is linked from somewhere).
    for pattern in [
        "/demarches/{slug}/besoins",
        "/besoins/{id}",
        "/demarches/{slug}/synthese",
        "/syntheses/{id}/groupes/{cluster}",
        "/demarches/{slug}/opinions/carte",
        "/demarches/{slug}/opinions/export/{file}",
        "/demarches/{slug}/opinions/rapport",
        "/ateliers/{id}",
        "/demarches/{slug}/agenda.ics",
        "/admin/journal",
        "/territoires/{level}/{code}",
        "/a-propos",
        "POST /besoins/{id}/soutien",
    ] {
        assert!(reached.contains(pattern), "never reached {pattern}");
    }
}
