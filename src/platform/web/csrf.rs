//! CSRF protection for every state-changing request. The visitor's cookie holds a random
//! secret; forms carry it masked with a fresh one-time pad (so the token in a compressed page
//! never repeats), in the `_csrf` field or the `X-CSRF-Token` header. A request from another
//! origin, or without a matching token, is refused with 403 before any handler runs.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::platform::Platform;
use crate::platform::error::AppError;
use crate::platform::secrets;
use crate::platform::web::visitor::Visitor;

/// Name of the form field that carries the token.
pub const FIELD: &str = "_csrf";
/// Name of the header that carries the token (for scripts).
pub const HEADER: &str = "x-csrf-token";

/// A token for a form: a random pad followed by the secret XORed with it.
pub fn mask(secret: &str) -> String {
    let secret = secrets::decode(secret).unwrap_or_default();
    let pad = secrets::random_bytes::<32>();
    let mut token = pad.to_vec();
    token.extend(secret.iter().zip(pad.iter()).map(|(s, p)| s ^ p));
    secrets::encode(&token)
}

/// Whether a form token matches the secret.
pub fn verify(secret: &str, token: &str) -> bool {
    let (Some(secret), Some(token)) = (secrets::decode(secret), secrets::decode(token)) else {
        return false;
    };
    if secret.len() != 32 || token.len() != 64 {
        return false;
    }
    let (pad, masked) = token.split_at(32);
    let unmasked: Vec<u8> = masked.iter().zip(pad).map(|(m, p)| m ^ p).collect();
    secrets::constant_time_eq(&unmasked, &secret)
}

/// Middleware: refuses state-changing requests that lack a valid token or come from
/// another origin.
pub async fn protect(State(state): State<Platform>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let Some(secret) = request
        .extensions()
        .get::<Visitor>()
        .map(|v| v.csrf_secret.clone())
    else {
        return AppError::Forbidden.into_response();
    };
    if !same_origin(&request, &state) {
        tracing::warn!(
            path = request.uri().path(),
            "cross-origin state change refused"
        );
        return AppError::Forbidden.into_response();
    }
    if let Some(token) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if verify(&secret, token) {
            next.run(request).await
        } else {
            AppError::Forbidden.into_response()
        };
    }
    // Form posts carry the token in the body: read it (bounded by the body limit), check,
    // and hand the same bytes on to the handler.
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, state.config.max_body_bytes).await {
        Ok(bytes) => bytes,
        Err(_) => return too_large(),
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let token = if content_type.starts_with("multipart/form-data") {
        multipart_field(&bytes, FIELD)
    } else {
        form_field(&bytes, FIELD)
    };
    match token {
        Some(token) if verify(&secret, &token) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => {
            tracing::warn!(
                path = parts.uri.path(),
                "state change without a valid CSRF token refused"
            );
            AppError::Forbidden.into_response()
        }
    }
}

fn too_large() -> Response {
    let mut response = StatusCode::PAYLOAD_TOO_LARGE.into_response();
    response
        .extensions_mut()
        .insert(crate::platform::error::PendingErrorPage);
    response
}

/// Accepts a request whose `Origin` (or, lacking it, `Referer`) is this site; requests with
/// neither header (old browsers, tools) rely on the token alone.
fn same_origin(request: &Request, state: &Platform) -> bool {
    let headers = request.headers();
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    let Some(claimed) = claimed else {
        return true;
    };
    if claimed == "null" {
        return false;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let public = state.config.base_url();
    let matches = |origin: &str| claimed == origin || claimed.starts_with(&format!("{origin}/"));
    matches(public)
        || host.is_some_and(|host| {
            matches(&format!("http://{host}")) || matches(&format!("https://{host}"))
        })
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// Finds a small text field in a multipart body without parsing the files around it.
fn multipart_field(body: &[u8], name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let start = find(body, marker.as_bytes())? + marker.len();
    let value_start = start + find(&body[start..], b"\r\n\r\n")? + 4;
    let value_end = value_start + find(&body[value_start..], b"\r\n")?;
    String::from_utf8(body[value_start..value_end].to_vec()).ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_tokens_verify_and_differ() {
        let secret = secrets::new_token();
        let (a, b) = (mask(&secret), mask(&secret));
        assert_ne!(a, b);
        assert!(verify(&secret, &a) && verify(&secret, &b));
        assert!(!verify(&secrets::new_token(), &a));
        assert!(!verify(&secret, &secret));
        assert!(!verify(&secret, "garbage"));
    }

    #[test]
    fn finds_the_token_in_forms_and_multipart_bodies() {
        assert_eq!(form_field(b"a=1&_csrf=xyz&b=2", FIELD), Some("xyz".into()));
        assert_eq!(form_field(b"a=1", FIELD), None);
        let body = b"--B\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok-1\r\n--B\r\n";
        assert_eq!(multipart_field(body, FIELD), Some("tok-1".into()));
    }
}
