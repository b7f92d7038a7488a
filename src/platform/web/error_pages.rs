//! Draws the error pages (403, 404, 413, 500…) in the visitor's language within the site's
//! layout, for errors from handlers and from the layers around them alike, and turns
//! "sign-in required" into a redirect to the sign-in page that comes back afterwards.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::platform::Platform;
use crate::platform::error::PendingErrorPage;
use crate::platform::web::page::PageCtx;
use crate::platform::web::visitor::Visitor;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: PageCtx,
    status: u16,
    title: String,
    explanation: String,
}

/// Middleware: replaces bare error responses by a page.
pub async fn draw(State(state): State<Platform>, request: Request, next: Next) -> Response {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let request_headers = request.headers().clone();
    let response = next.run(request).await;
    let status = response.status();
    if status.as_u16() < 400 || !needs_page(&response) {
        return response;
    }
    if status == StatusCode::UNAUTHORIZED {
        let target = format!("/connexion?suite={}", percent_encode(&path));
        return keep_cookies(&response, Redirect::to(&target).into_response());
    }
    let visitor = response
        .extensions()
        .get::<Visitor>()
        .cloned()
        .unwrap_or_else(|| Visitor::from_cookies(&request_headers, &path, state.cookies()));
    let tr = visitor.tr();
    let key = match status.as_u16() {
        code @ (400 | 403 | 404 | 405 | 408 | 413 | 429 | 503) => code,
        code if code < 500 => 400,
        _ => 500,
    };
    let page = ErrorPage {
        page: PageCtx::new(&state, &visitor),
        status: status.as_u16(),
        title: tr.t(&format!("error-{key}-title")),
        explanation: tr.t(&format!("error-{key}-text")),
    };
    let body = match page.render() {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, "error page failed to render");
            "<!doctype html><title>Erreur</title><p>Erreur / Error</p>".to_owned()
        }
    };
    keep_cookies(&response, (status, Html(body)).into_response())
}

/// Bare responses (from layers, extractor rejections or `AppError`) get a page; HTML pages and
/// JSON documents drawn by handlers are left as they are.
fn needs_page(response: &Response) -> bool {
    if response.extensions().get::<PendingErrorPage>().is_some() {
        return true;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    !(content_type.starts_with("text/html") || content_type.starts_with("application/json"))
}

fn keep_cookies(from: &Response, mut to: Response) -> Response {
    let cookies: Vec<_> = from
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    let headers: &mut HeaderMap = to.headers_mut();
    for cookie in cookies {
        headers.append(header::SET_COOKIE, cookie);
    }
    to
}

/// Percent-encodes a path for use as a query value.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_paths_for_query_strings() {
        assert_eq!(
            percent_encode("/compte?a=1&b=é"),
            "/compte%3Fa%3D1%26b%3D%C3%A9"
        );
    }
}
